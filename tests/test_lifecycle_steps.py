"""Lifecycle operations: the exact states each one passes through.

Each operation of :mod:`amphora_sets.lifecycle` is checked step by step
on a small load balancer: the step names, the amphorae after each step
(id, role and status, in order), and that every other amphora is left as
it was.
"""

from __future__ import annotations

import pytest

from amphora_sets import Amphora, LoadBalancer, Registry
from amphora_sets.lifecycle import (
    create,
    delete,
    failover,
    purge,
    scalable_roles,
    scale_in,
    scale_out,
    seated,
)
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    Cardinality,
    RoleRow,
    SetKind,
    Topology,
)
from example_topologies import EXAMPLES

# A topology whose one scalable role is bounded above: 1..3 WORKER.
BOUNDED = BUILTIN_REGISTRY.extended(
    (
        Topology(
            "BOUNDED",
            (
                RoleRow("LEAD", frozenset(SetKind), Cardinality(1, 1)),
                RoleRow(
                    "WORKER",
                    frozenset({SetKind.FRONT, SetKind.BACK}),
                    Cardinality(1, 3),
                ),
            ),
        ),
    )
)


def _rows(lb: LoadBalancer) -> list[tuple[str, str | None, str]]:
    return [(a.id, a.role, a.status) for a in lb.amphorae]


def _lb(
    topology: str,
    rows: list[tuple[str, str | None, str]],
    registry: Registry = BUILTIN_REGISTRY,
) -> LoadBalancer:
    return LoadBalancer(
        "lb", topology, tuple(Amphora(*row) for row in rows), registry
    )


PAIR = [("m", "MASTER", "ALLOCATED"), ("b", "BACKUP", "ALLOCATED")]
CLUSTER = [
    ("m", "MASTER", "ALLOCATED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("c1", "IN_CLUSTER", "ALLOCATED"),
    ("c2", "IN_CLUSTER", "ALLOCATED"),
]


def test_create_seats_the_minimum_of_every_role_in_the_registry_given():
    step = create("lb", "ACTIVE_ACTIVE_N_PLUS_1", iter("abcdefg"), EXAMPLES)
    assert step.name == "create"
    assert step.lb.id == "lb"
    assert step.lb.topology == "ACTIVE_ACTIVE_N_PLUS_1"
    assert step.lb.registry is EXAMPLES
    assert _rows(step.lb) == [
        ("a", "MASTER", "ALLOCATED"),
        ("b", "BACKUP", "ALLOCATED"),
        ("c", "IN_CLUSTER", "ALLOCATED"),
        ("d", "IN_CLUSTER", "ALLOCATED"),
        ("e", "IN_CLUSTER_STANDBY", "ALLOCATED"),
    ]


def test_failover_boots_a_spare_marks_it_then_deletes_the_failed():
    lb = _lb("ACTIVE_STANDBY", PAIR)
    steps = failover(lb, lb.amphorae[0], "s")
    assert [s.name for s in steps] == [
        "failover: spare booting",
        "failover: spare marked",
        "failover: failed amphora deleted",
    ]
    assert [_rows(s.lb) for s in steps] == [
        [*PAIR, ("s", None, "BOOTING")],
        [
            ("m", "MASTER", "PENDING_DELETE"),
            ("b", "BACKUP", "ALLOCATED"),
            ("s", "MASTER", "ALLOCATED"),
        ],
        [
            ("m", "MASTER", "DELETED"),
            ("b", "BACKUP", "ALLOCATED"),
            ("s", "MASTER", "ALLOCATED"),
        ],
    ]


def test_scale_out_boots_then_marks_only_the_new_amphora():
    lb = _lb("ACTIVE_ACTIVE", CLUSTER)
    steps = scale_out(lb, "IN_CLUSTER", "c3")
    assert [s.name for s in steps] == [
        "scale out: booting",
        "scale out: marked",
    ]
    assert [_rows(s.lb) for s in steps] == [
        [*CLUSTER, ("c3", None, "BOOTING")],
        [*CLUSTER, ("c3", "IN_CLUSTER", "ALLOCATED")],
    ]


def test_scale_in_takes_only_the_gone_amphora_through_pending_delete():
    lb = _lb("ACTIVE_ACTIVE", [*CLUSTER, ("c3", "IN_CLUSTER", "ALLOCATED")])
    steps = scale_in(lb, lb.amphorae[2])
    assert [s.name for s in steps] == [
        "scale in: pending delete",
        "scale in: deleted",
    ]
    expected = [_rows(lb), _rows(lb)]
    expected[0][2] = ("c1", "IN_CLUSTER", "PENDING_DELETE")
    expected[1][2] = ("c1", "IN_CLUSTER", "DELETED")
    assert [_rows(s.lb) for s in steps] == expected


def test_delete_keeps_every_role_and_marks_every_amphora_deleted():
    lb = _lb("ACTIVE_STANDBY", [*PAIR, ("n", None, "BOOTING")])
    (step,) = delete(lb)
    assert step.name == "delete"
    assert _rows(step.lb) == [
        ("m", "MASTER", "DELETED"),
        ("b", "BACKUP", "DELETED"),
        ("n", None, "DELETED"),
    ]


def test_purge_drops_deleted_rows_and_is_no_step_without_them():
    lb = _lb("ACTIVE_STANDBY", [("m", "MASTER", "DELETED"), *PAIR[1:]])
    (step,) = purge(lb)
    assert step.name == "purge"
    assert _rows(step.lb) == [("b", "BACKUP", "ALLOCATED")]
    assert purge(step.lb) == []
    assert purge(_lb("ACTIVE_STANDBY", PAIR)) == []


def test_seated_keeps_live_seat_holders_of_the_roles_asked_for():
    lb = _lb(
        "ACTIVE_ACTIVE",
        [
            ("m", "MASTER", "ALLOCATED"),
            ("b", "BACKUP", "ALLOCATED"),
            ("c1", "IN_CLUSTER", "ALLOCATED"),
            ("c2", "IN_CLUSTER", "PENDING_DELETE"),
            ("c3", "IN_CLUSTER", "DELETED"),
            ("c4", "IN_CLUSTER", "ERROR"),
        ],
    )
    assert [a.id for a in seated(lb, ["IN_CLUSTER"])] == ["c1", "c4"]
    assert [a.id for a in seated(lb, iter(["MASTER"]))] == ["m"]
    assert seated(lb, []) == []


@pytest.mark.parametrize(
    ("topology", "rows", "grow", "shrink"),
    [
        ("ACTIVE_STANDBY", PAIR, [], []),
        ("ACTIVE_ACTIVE", CLUSTER, ["IN_CLUSTER"], []),
        (
            "ACTIVE_ACTIVE",
            [*CLUSTER, ("c3", "IN_CLUSTER", "ALLOCATED")],
            ["IN_CLUSTER"],
            ["IN_CLUSTER"],
        ),
        (
            # a PENDING_DELETE amphora holds no seat: two seats, not three
            "ACTIVE_ACTIVE",
            [*CLUSTER, ("c3", "IN_CLUSTER", "PENDING_DELETE")],
            ["IN_CLUSTER"],
            [],
        ),
        ("BOUNDED", [("l", "LEAD", "ALLOCATED")], ["WORKER"], []),
        (
            "BOUNDED",
            [("l", "LEAD", "ALLOCATED"), ("w1", "WORKER", "ALLOCATED")],
            ["WORKER"],
            [],
        ),
        (
            "BOUNDED",
            [
                ("l", "LEAD", "ALLOCATED"),
                ("w1", "WORKER", "ALLOCATED"),
                ("w2", "WORKER", "BOOTING"),
            ],
            ["WORKER"],
            ["WORKER"],
        ),
        (
            "BOUNDED",
            [
                ("l", "LEAD", "ALLOCATED"),
                ("w1", "WORKER", "ALLOCATED"),
                ("w2", "WORKER", "ALLOCATED"),
                ("w3", "WORKER", "ALLOCATED"),
            ],
            [],
            ["WORKER"],
        ),
    ],
)
def test_scalable_roles_are_those_with_room_to_grow_or_shrink(
    topology, rows, grow, shrink
):
    registry = BOUNDED if topology == "BOUNDED" else BUILTIN_REGISTRY
    lb = _lb(topology, rows, registry)
    assert scalable_roles(lb, grow=True) == grow
    assert scalable_roles(lb, grow=False) == shrink
