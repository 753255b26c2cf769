"""Hypothesis profiles: ``ci`` (derandomized, the default) and ``dev``.

Choose one with ``HYPOTHESIS_PROFILE=dev``.  ``ci`` makes every run draw
the same examples, so a CI failure reproduces on any machine.

``HYPOTHESIS_MAX_EXAMPLES=N`` caps every Hypothesis test at N examples,
its own ``@settings`` included.  The mutation run screens its mutants so
(tools/run_mutation.sh) and re-tests the survivors uncapped.
"""

import os

import pytest
from hypothesis import settings

settings.register_profile(
    "ci", derandomize=True, deadline=None, database=None, print_blob=True
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _example_cap() -> int | None:
    """The cap named by ``HYPOTHESIS_MAX_EXAMPLES``, if any."""
    text = os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise pytest.UsageError(
            f"HYPOTHESIS_MAX_EXAMPLES must be a positive integer, not {text!r}"
        )
    return int(text)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Apply ``HYPOTHESIS_MAX_EXAMPLES`` to each collected Hypothesis test."""
    cap = _example_cap()
    if cap is None:
        return
    for item in items:
        test = getattr(item, "obj", None)
        # @given keeps the settings it will run with on the test function.
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is not None and current.max_examples > cap:
            test._hypothesis_internal_use_settings = settings(
                current, max_examples=cap
            )
