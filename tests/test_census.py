"""The census, worked out in bulk, says what the per-amphora model says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, LoadBalancer, SetKind
from amphora_sets.cardinality import count_seats, meets_cardinality, seats
from amphora_sets.census import Census, census
from amphora_sets.registry import is_live, is_seated
from amphora_sets.testing import load_balancers
from example_topologies import EXAMPLES

MANY_ROLES = settings(max_examples=100)


def _ids(amphorae: tuple[Amphora, ...]) -> frozenset[str]:
    return frozenset(a.id for a in amphorae)


@pytest.mark.parametrize("name", EXAMPLES.names)
@MANY_ROLES
@given(data=st.data())
def test_census_equals_the_selectors(name: str, data: st.DataObject) -> None:
    lb = data.draw(
        load_balancers(EXAMPLES, topologies=[name], max_amphorae=12)
    )
    counted = census(lb)
    assert counted.every == _ids(lb.amphorae)
    assert counted.live == _ids(lb.select_live())
    assert counted.unassigned == {a.id for a in lb.amphorae if not a.role}
    assert counted.seated == {a.id for a in lb.amphorae if is_seated(a.status)}
    for kind in SetKind:
        assert counted.of(kind) == _ids(lb.select(kind)), kind
    assert counted.settled == meets_cardinality(lb)


@pytest.mark.parametrize("name", EXAMPLES.names)
@MANY_ROLES
@given(data=st.data())
def test_seat_counts_are_one_sum_per_role(
    name: str, data: st.DataObject
) -> None:
    lb = data.draw(
        load_balancers(EXAMPLES, topologies=[name], max_amphorae=12)
    )
    for role in lb.table.roles:
        assert seats(lb, role) == sum(
            a.role == role and is_seated(a.status) and is_live(a.status)
            for a in lb.amphorae
        )


def test_many_roles_are_counted_alike_on_both_paths() -> None:
    # Up to a few roles count with list.count, more with a Counter.
    roles = [f"r{n % 7}" for n in range(40)] + [None, None]
    statuses = ["ALLOCATED"] * 20 + ["PENDING_DELETE"] * 10
    statuses += ["BOOTING"] * 12
    expected = {}
    for role, status in zip(roles, statuses, strict=True):
        if role is not None and is_seated(status):
            expected[role] = expected.get(role, 0) + 1
    assert count_seats(roles, statuses) == expected
    few = [r for r in roles if r in {"r1", "r2", None}]
    assert count_seats(few, ["ALLOCATED"] * len(few)) == {
        "r1": few.count("r1"),
        "r2": few.count("r2"),
    }


def test_a_census_of_deleted_and_role_less_amphorae() -> None:
    lb = LoadBalancer(
        "lb",
        "ACTIVE_STANDBY",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("b", "BACKUP", "DELETED"),
            Amphora("n", None, "BOOTING"),
            Amphora("p", "BACKUP", "PENDING_DELETE"),
        ),
    )
    counted = census(lb)
    assert counted.live == {"m", "n", "p"}
    assert counted.unassigned == {"n"}
    assert counted.seated == {"m", "n"}
    assert counted.front == counted.back == counted.vrrp == {"m", "p"}
    assert not counted.settled


def _lb(topology: str, *rows: tuple[str, str | None, str]) -> LoadBalancer:
    return LoadBalancer(
        "lb", topology, tuple(Amphora(*row) for row in rows), EXAMPLES
    )


# Each census below in field order: every, live, unassigned, seated,
# front, back, vrrp (amphora ids, one letter each), then settled.
@pytest.mark.parametrize(
    ("lb", "fields"),
    [
        (_lb("SINGLE"), ("", "", "", "", "", "", "", False)),
        (
            _lb("SINGLE", ("s", "STANDALONE", "ALLOCATED")),
            ("s", "s", "", "s", "s", "s", "", True),
        ),
        (
            _lb(
                "SINGLE", ("s", "STANDALONE", "DELETED"), ("n", None, "READY")
            ),
            ("sn", "n", "n", "n", "", "", "", False),
        ),
        (
            _lb(
                "ACTIVE_STANDBY", ("m", None, "DELETED"), ("b", None, "ERROR")
            ),
            ("mb", "b", "mb", "b", "", "", "", False),
        ),
        (
            _lb(
                "ACTIVE_ACTIVE_N_PLUS_1",
                ("m", "MASTER", "ALLOCATED"),
                ("b", "BACKUP", "PENDING_DELETE"),
                ("c", "IN_CLUSTER", "ALLOCATED"),
                ("d", "IN_CLUSTER", "DELETED"),
                ("e", "IN_CLUSTER", "BOOTING"),
                ("f", "IN_CLUSTER_STANDBY", "ALLOCATED"),
                ("g", "BACKUP", "ALLOCATED"),
            ),
            ("mbcdefg", "mbcefg", "", "mcefg", "mbcefg", "cef", "mbg", True),
        ),
        (
            _lb(
                "ACTIVE_ACTIVE_L3",
                ("c", "IN_CLUSTER", "ALLOCATED"),
                ("d", "IN_CLUSTER", "PENDING_DELETE"),
            ),
            ("cd", "cd", "", "c", "cd", "cd", "", True),
        ),
    ],
    ids=["empty", "single", "deleted-and-new", "role-less", "n-plus-1", "l3"],
)
def test_every_census_field_of_hand_made_load_balancers(lb, fields) -> None:
    *sets, settled = fields
    expected = Census(*map(frozenset, sets), settled)
    counted = census(lb)
    assert counted == expected
    assert type(counted.settled) is bool
    for kind in SetKind:
        assert counted.of(kind) == getattr(expected, kind.value)
        assert counted.of(kind) == _ids(lb.select(kind))
    assert counted.settled == meets_cardinality(lb)
