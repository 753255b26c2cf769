"""What the kit's failures read like: violations, amphorae, load balancers."""

from __future__ import annotations

import pytest

from amphora_sets import Amphora, LoadBalancer
from amphora_sets.testing import Violation, ViolationError
from amphora_sets.testing.report import SHOWN_AMPHORAE, summary, who


@pytest.mark.parametrize(
    ("violation", "text"),
    [
        (
            Violation("INV-X", "is wrong", "a1"),
            "INV-X: amphora 'a1': is wrong",
        ),
        (Violation("INV-X", "is wrong"), "INV-X: is wrong"),
    ],
    ids=["naming an amphora", "naming none"],
)
def test_a_violation_reads_id_first(violation, text) -> None:
    assert str(violation) == text


def test_a_violation_error_lists_every_violation_on_its_own_line() -> None:
    found = [Violation("INV-A", "one", "a1"), Violation("INV-B", "two")]
    error = ViolationError("lb 'x'", found)
    assert error.violations == found
    assert str(error) == (
        "lb 'x' breaks:\n  INV-A: amphora 'a1': one\n  INV-B: two"
    )


@pytest.mark.parametrize(
    ("amphora", "text"),
    [
        (Amphora("a", "MASTER", "ALLOCATED"), "MASTER, ALLOCATED"),
        (Amphora("a", None, "BOOTING"), "no role yet, BOOTING"),
    ],
)
def test_who_gives_the_real_role_and_status(amphora, text) -> None:
    assert who(amphora) == text


def _cluster(size: int) -> LoadBalancer:
    return LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("u", None, "BOOTING"),
            *(
                Amphora(f"c{n}", "IN_CLUSTER", "ALLOCATED")
                for n in range(size - 2)
            ),
        ),
    )


@pytest.mark.parametrize(
    ("size", "tail"),
    [
        (SHOWN_AMPHORAE, f"c{SHOWN_AMPHORAE - 3}=IN_CLUSTER/ALLOCATED]"),
        (SHOWN_AMPHORAE + 1, "... 1 more]"),
        (SHOWN_AMPHORAE + 5, "... 5 more]"),
    ],
)
def test_a_summary_shows_the_first_amphorae_then_a_count(size, tail) -> None:
    text = summary(_cluster(size))
    assert text.startswith(
        "'lb' ACTIVE_ACTIVE [m=MASTER/ALLOCATED, u=-/BOOTING, "
    )
    assert text.endswith(tail)
    assert text.count("=") == SHOWN_AMPHORAE
