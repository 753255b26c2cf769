"""delta_violations / assert_delta: DELTA- IDs, pass and fail."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import (
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    amphora_delta,
)
from amphora_sets.testing import (
    DeltaViolation,
    as_octavia_dict,
    assert_delta,
    delta_violations,
    load_balancer_pairs,
    reference_sets,
    selection_violations,
    subsets,
    violations,
)
from example_topologies import EXAMPLES

OLD = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("b", "BACKUP", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c2", "IN_CLUSTER", "ALLOCATED"),
    ),
)
C3 = Amphora("c3", "IN_CLUSTER", "ALLOCATED")
GROWN = dataclasses.replace(OLD, amphorae=(*OLD.amphorae, C3))
BOOTED = dataclasses.replace(
    OLD, amphorae=(*OLD.amphorae, Amphora("c3", None, "BOOTING"))
)
FAILED_OVER = dataclasses.replace(
    OLD,
    amphorae=(
        Amphora("m", "MASTER", "DELETED"),
        *OLD.amphorae[1:],
        Amphora("m2", "MASTER", "ALLOCATED"),
    ),
)


def _found(old, new, kind, **kwargs) -> list[tuple[str, str | None]]:
    return [
        (v.obligation_id, v.amphora_id)
        for v in delta_violations(old, new, kind, **kwargs)
    ]


@settings(max_examples=60)
@given(st.data(), load_balancer_pairs(EXAMPLES), st.sampled_from(SetKind))
def test_the_reference_delta_breaks_nothing(data, pair, kind) -> None:
    old, new = pair
    among = data.draw(subsets(old) | st.none())
    delta = amphora_delta(old, new, kind, among)
    assert (
        delta_violations(
            old,
            new,
            kind,
            added=delta.added,
            removed=delta.removed,
            among=among,
        )
        == []
    )


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        pytest.param(
            (FAILED_OVER, "vrrp", ["m2", "m"], ["m"]),
            [("DELTA-DISJOINT", "m")],
            id="both added and removed",
        ),
        pytest.param(
            (GROWN, "back", ["c1", "c3"], []),
            [("DELTA-ADDED-NOT-OLD", "c1")],
            id="added but already there",
        ),
        pytest.param(
            (FAILED_OVER, "front", ["m2"], ["m", "m2"]),
            [("DELTA-DISJOINT", "m2")],
            id="the new amphora both ways",
        ),
        pytest.param(
            (FAILED_OVER, "back", [], ["m"]),
            [("DELTA-REMOVED-IN-OLD", "m")],
            id="removed but never there",
        ),
        pytest.param(
            (FAILED_OVER, "vrrp", [], ["m"]),
            [("DELTA-RECONSTRUCTS-NEW", "m2")],
            id="missing the added amphora",
        ),
        pytest.param(
            (GROWN, "back", [], []),
            [("DELTA-RECONSTRUCTS-NEW", "c3")],
            id="scale out missing the new amphora",
        ),
        pytest.param(
            (GROWN, "front", ["c3"], ["c1"]),
            [("DELTA-SCALE-TOUCHES-ONLY-CHANGED", "c1")],
            id="scale out touching another amphora",
        ),
        pytest.param(
            (GROWN, "vrrp", ["c3"], []),
            [("DELTA-SCALE-KEEPS-VRRP", "c3")],
            id="VRRP changing when the cluster grows",
        ),
        pytest.param(
            (GROWN, "vrrp", [], ["m"]),
            [("DELTA-SCALE-KEEPS-VRRP", "m")],
            id="VRRP losing a distributor when the cluster grows",
        ),
        pytest.param(
            (GROWN, "back", ["c3", "c3"], []),
            [("INV-NO-DUPLICATES", "c3")],
            id="duplicate",
        ),
    ],
)
def test_wrong_deltas_are_caught_by_their_ids(case, expected) -> None:
    new, kind, added, removed = case
    assert _found(OLD, new, kind, added=added, removed=removed) == expected


def test_marking_a_booted_cluster_amphora_is_a_scale_step() -> None:
    assert _found(BOOTED, GROWN, "vrrp", added=["c3"], removed=[]) == [
        ("DELTA-SCALE-KEEPS-VRRP", "c3")
    ]
    assert _found(BOOTED, GROWN, "back", added=["c3", "c1"], removed=[]) == [
        ("DELTA-ADDED-NOT-OLD", "c1")
    ]


def test_among_restricts_what_the_delta_must_hold() -> None:
    assert_delta(OLD, GROWN, "back", added=[], removed=[], among=["c1"])
    assert _found(OLD, GROWN, "back", added=[], removed=[], among=["c3"]) == [
        ("DELTA-RECONSTRUCTS-NEW", "c3")
    ]


def test_assert_delta_is_compact_and_names_the_real_role() -> None:
    with pytest.raises(DeltaViolation) as raised:
        assert_delta(OLD, GROWN, "vrrp", added=[C3], removed=[])
    assert str(raised.value).splitlines() == [
        "the vrrp delta to 'lb' ACTIVE_ACTIVE [m=MASTER/ALLOCATED, "
        "b=BACKUP/ALLOCATED, c1=IN_CLUSTER/ALLOCATED, "
        "c2=IN_CLUSTER/ALLOCATED, c3=IN_CLUSTER/ALLOCATED] breaks:",
        "  DELTA-SCALE-KEEPS-VRRP: amphora 'c3': is added though only the "
        "back-facing cluster changed (IN_CLUSTER, ALLOCATED)",
    ]


@pytest.mark.parametrize(
    ("change", "field", "amphora_id"),
    [
        ({"added": None}, "added", None),
        ({"removed": {"id": "c1"}}, "removed", None),
        ({"added": ["elsewhere"]}, "added", "elsewhere"),
        ({"among": (i for i in ["c1"])}, "among", None),
        ({"new": dataclasses.replace(GROWN, id="lb-2")}, "id", None),
        ({"new": {"id": "lb", "topology": "SINGLE"}}, "amphorae", None),
    ],
)
def test_bad_input_is_an_error_naming_the_field(
    change, field, amphora_id
) -> None:
    arguments = {"new": GROWN, "added": [C3], "removed": [], **change}
    new = arguments.pop("new")
    with pytest.raises(AmphoraSetsError) as raised:
        delta_violations(OLD, new, "back", **arguments)
    assert (raised.value.field, raised.value.amphora_id) == (
        field,
        amphora_id,
    )


def test_no_input_is_mutated() -> None:
    old, new = as_octavia_dict(OLD), as_octavia_dict(GROWN)
    added, removed = [dict(new["amphorae"][-1])], []
    before = copy.deepcopy((old, new, added, removed))
    delta_violations(old, new, "vrrp", added=added, removed=removed)
    selection_violations(new, "back", among=["c1"], selected=added)
    violations(new, **reference_sets(new))
    assert (old, new, added, removed) == before
