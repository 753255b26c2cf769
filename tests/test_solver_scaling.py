"""Counting roles by group: the same verdicts, at any number of roles.

The counting encoding counts roles that are in the same sets as one group
(and load-balancer failover, runs of them in its order).  That is exact
only if no verdict changes: the tests compare each verdict with the one
the role-by-role encoding gives, on generated tables, right and wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets.registry import (
    OBLIGATIONS,
    Cardinality,
    RoleRow,
    SetKind,
    Topology,
    load_registry,
)
from amphora_sets.solver import Verdict, counting, lb_failover, prove, verify
from amphora_sets.solver.groups import Group, by_role, grouped

COUNTING = [
    o
    for o in OBLIGATIONS.values()
    if o.id.startswith("OP-")
    or o.id in {"INV-FRONT-NONEMPTY", "INV-BACK-NONEMPTY", "INV-VRRP-PEERED"}
]


@st.composite
def cardinalities(draw: st.DrawFn) -> Cardinality:
    low = draw(st.integers(0, 2))
    high = draw(st.none() | st.integers(low, low + 2))
    return Cardinality(low, high)


@st.composite
def topologies(draw: st.DrawFn) -> Topology:
    kinds = st.frozensets(st.sampled_from(list(SetKind)))
    shapes = draw(st.lists(kinds, min_size=1, max_size=2))
    count = draw(st.integers(2, 4))
    rows = tuple(
        RoleRow(f"R{i}", draw(st.sampled_from(shapes)), draw(cardinalities()))
        for i in range(count)
    )
    order = draw(st.permutations([row.role for row in rows]))
    return Topology("T", rows, lb_failover_roles=tuple(order))


def _one_role_per_group(topology: Topology) -> dict[str, Group]:
    return dict(by_role(topology))


@settings(max_examples=40, deadline=None)
@given(topology=topologies(), data=st.data())
def test_grouping_changes_no_verdict(topology, data) -> None:
    obligation = data.draw(st.sampled_from(COUNTING))
    grouped_verdict = prove(obligation, topology).verdict
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counting, "grouped", _one_role_per_group)
        patch.setattr(lb_failover, "runs", _one_role_per_group)
        by_role_verdict = prove(obligation, topology).verdict
    assert grouped_verdict is by_role_verdict
    assert grouped_verdict is not Verdict.UNKNOWN


@given(
    rules=st.lists(cardinalities(), min_size=1, max_size=5),
    seats=st.integers(0, 40),
)
def test_a_group_split_meets_every_rule_when_the_sum_does(rules, seats):
    group = Group(
        tuple(RoleRow(f"R{i}", frozenset(), c) for i, c in enumerate(rules))
    )
    split = group.split(seats)
    assert sum(split) == seats
    assert all(n >= 0 for n in split)
    within = seats >= group.minimum and (
        group.maximum is None or seats <= group.maximum
    )
    assert within == all(
        row.cardinality.admits(n)
        for row, n in zip(group.rows, split, strict=True)
    )


def test_roles_in_the_same_sets_form_one_group() -> None:
    back = frozenset({SetKind.FRONT, SetKind.BACK})
    vrrp = frozenset({SetKind.FRONT, SetKind.VRRP})
    topology = Topology(
        "T",
        (
            RoleRow("A", back, Cardinality(1, 2)),
            RoleRow("B", vrrp, Cardinality(1, 1)),
            RoleRow("C", back, Cardinality(2)),
        ),
    )
    groups = grouped(topology)
    assert list(groups) == ["A+1", "B"]
    assert (groups["A+1"].minimum, groups["A+1"].maximum) == (3, None)
    assert [row.role for row in groups["A+1"].rows] == ["A", "C"]


def _many_roles(tmp_path: Path, count: int) -> Path:
    lines = [
        "[topologies.MANY]",
        'roles.MASTER = { sets = ["front", "vrrp"], min = 1, max = 1 }',
        'roles.BACKUP = { sets = ["front", "vrrp"], min = 1, max = 1 }',
    ] + [
        f'roles.C{i} = {{ sets = ["front", "back"], '
        f"min = {i % 3}, max = {i % 3 + 1 + i % 5} }}"
        for i in range(count - 2)
    ]
    path = tmp_path / "many.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("family", ["OP-*", "INV-*", "DELTA-*", "SEL-*"])
def test_two_hundred_roles_are_decided_within_the_default_budget(
    tmp_path: Path, family: str
) -> None:
    registry = load_registry(_many_roles(tmp_path, 200))
    results = [r for r in verify(registry, only=family) if r.topology]
    assert {r.topology for r in results} >= {"MANY"}
    for result in results:
        assert result.verdict is Verdict.PROVED, result
