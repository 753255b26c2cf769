"""Seat counts and the cardinality rules, on hand-made load balancers."""

from __future__ import annotations

import pytest

from amphora_sets import Amphora, LoadBalancer
from amphora_sets.cardinality import meets_cardinality, seats


def _aa(*cluster_statuses: str) -> LoadBalancer:
    return LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("b", "BACKUP", "ERROR"),
            *(
                Amphora(f"c{i}", "IN_CLUSTER", status)
                for i, status in enumerate(cluster_statuses)
            ),
        ),
    )


def test_seats_count_every_status_but_pending_delete_and_deleted() -> None:
    lb = _aa("ALLOCATED", "BOOTING", "PENDING_DELETE", "DELETED", "ERROR")
    assert seats(lb, "IN_CLUSTER") == 3
    assert seats(lb, "BACKUP") == 1


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (("ALLOCATED", "ALLOCATED"), True),
        (("ALLOCATED", "ALLOCATED", "ALLOCATED", "BOOTING"), True),
        (("ALLOCATED",), False),
        (("ALLOCATED", "PENDING_DELETE"), False),
        (("ALLOCATED", "DELETED", "ALLOCATED"), True),
    ],
)
def test_in_cluster_needs_two_seats(
    statuses: tuple[str, ...], expected: bool
) -> None:
    assert meets_cardinality(_aa(*statuses)) is expected


def test_a_second_seated_master_breaks_the_rules() -> None:
    lb = LoadBalancer(
        "lb",
        "ACTIVE_STANDBY",
        (
            Amphora("m1", "MASTER", "ALLOCATED"),
            Amphora("m2", "MASTER", "BOOTING"),
            Amphora("b", "BACKUP", "ALLOCATED"),
        ),
    )
    assert not meets_cardinality(lb)
