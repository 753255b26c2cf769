"""``HYPOTHESIS_MAX_EXAMPLES`` (tests/conftest.py) caps every Hypothesis
test, its own ``@settings`` included, and refuses a value that is not a
positive integer."""

from __future__ import annotations

import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conftest


def _item(test: object) -> types.SimpleNamespace:
    return types.SimpleNamespace(obj=test)


def _made_with(max_examples: int):
    @settings(max_examples=max_examples)
    @given(st.integers())
    def test(n: int) -> None:
        drawn.append(n)

    drawn: list[int] = []
    test.drawn = drawn
    return test


@pytest.mark.parametrize(
    ("own", "cap", "most"),
    [(200, "3", 3), (2, "50", 2)],
    ids=["a cap lowers a test's own max_examples", "a cap never raises it"],
)
def test_the_cap_bounds_the_examples_drawn(monkeypatch, own, cap, most):
    test = _made_with(own)
    monkeypatch.setenv("HYPOTHESIS_MAX_EXAMPLES", cap)
    conftest.pytest_collection_modifyitems([_item(test)])
    test()
    assert 1 <= len(test.drawn) <= most


def test_without_the_variable_nothing_changes(monkeypatch):
    test = _made_with(7)
    monkeypatch.delenv("HYPOTHESIS_MAX_EXAMPLES", raising=False)
    before = test._hypothesis_internal_use_settings
    conftest.pytest_collection_modifyitems([_item(test), _item(None)])
    assert test._hypothesis_internal_use_settings is before


@pytest.mark.parametrize("value", ["0", "-1", "ten", "2.5"])
def test_a_cap_that_is_not_a_positive_integer_is_refused(monkeypatch, value):
    monkeypatch.setenv("HYPOTHESIS_MAX_EXAMPLES", value)
    with pytest.raises(pytest.UsageError, match="HYPOTHESIS_MAX_EXAMPLES"):
        conftest.pytest_collection_modifyitems([_item(_made_with(5))])
