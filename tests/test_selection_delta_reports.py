"""What the selection and delta checks report, word for word.

tests/test_kit_selection.py and tests/test_kit_delta.py show each SEL-
and DELTA- ID able to fail; these pin down the messages, the order of
the amphorae, the ID chosen when a subset holds every amphora, and that
load balancers in dict form are read with the given registry.
"""

from __future__ import annotations

import dataclasses

import pytest

from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer, SetKind
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Cardinality,
    RoleRow,
    Topology,
)
from amphora_sets.testing import (
    DeltaViolation,
    SelectionViolation,
    as_octavia_dict,
    assert_delta,
    assert_selection,
    delta_violations,
    selection_violations,
)
from example_topologies import EXAMPLES


def _lb(*amphorae: tuple[str, str | None, str], topology="ACTIVE_ACTIVE"):
    return LoadBalancer("lb", topology, tuple(Amphora(*a) for a in amphorae))


AA = _lb(
    ("m", "MASTER", "ALLOCATED"),
    ("c2", "IN_CLUSTER", "ALLOCATED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("c1", "IN_CLUSTER", "ALLOCATED"),
    ("gone", "IN_CLUSTER", "DELETED"),
)
EVERY = ["m", "c2", "b", "c1", "gone"]


@pytest.mark.parametrize(
    ("among", "selected", "expected"),
    [
        (
            ["c1", "m", "b"],
            ["c2", "m"],
            [
                "SEL-AMONG-IS-INTERSECTION: amphora 'm': was selected but is "
                "not back-facing (MASTER, ALLOCATED)",
                "SEL-AMONG-IS-INTERSECTION: amphora 'c2': was selected but "
                "is not in among=",
                "SEL-AMONG-IS-INTERSECTION: amphora 'c1': is back-facing and "
                "in among= but was not selected",
            ],
        ),
        (
            EVERY[:-1],
            ["c1"],
            [
                "SEL-AMONG-IS-INTERSECTION: amphora 'c2': is back-facing and "
                "in among= but was not selected",
            ],
        ),
        (
            EVERY,
            ["c1"],
            [
                "SEL-AMONG-ALL-IS-WHOLE: amphora 'c2': is back-facing and in "
                "among= but was not selected",
            ],
        ),
        (
            None,
            ["c1", "c2", "gone"],
            [
                "SEL-AMONG-ALL-IS-WHOLE: amphora 'gone': was selected but is "
                "not back-facing (IN_CLUSTER, DELETED)",
            ],
        ),
    ],
    ids=["within a subset", "all but a DELETED one", "every one", "None"],
)
def test_a_wrong_selection_is_worded_in_amphora_order(
    among, selected, expected
) -> None:
    found = selection_violations(AA, "back", among=among, selected=selected)
    assert [str(v) for v in found] == expected


def test_assert_selection_names_set_and_load_balancer() -> None:
    with pytest.raises(SelectionViolation) as raised:
        assert_selection(AA, SetKind.VRRP, among=None, selected=["m"])
    assert str(raised.value).splitlines() == [
        "selecting vrrp of 'lb' ACTIVE_ACTIVE [m=MASTER/ALLOCATED, "
        "c2=IN_CLUSTER/ALLOCATED, b=BACKUP/ALLOCATED, "
        "c1=IN_CLUSTER/ALLOCATED, gone=IN_CLUSTER/DELETED] breaks:",
        "  SEL-AMONG-ALL-IS-WHOLE: amphora 'b': is VRRP-running and in "
        "among= but was not selected",
    ]


L3 = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE_L3",
    (
        Amphora("c0", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "DELETED"),
    ),
    EXAMPLES,
)
L3_GROWN = dataclasses.replace(
    L3, amphorae=(*L3.amphorae, Amphora("c2", "IN_CLUSTER", "ALLOCATED"))
)


def test_dict_forms_are_read_with_the_given_registry() -> None:
    old, new = as_octavia_dict(L3), as_octavia_dict(L3_GROWN)
    options = {"among": ["c0", "c2"], "registry": EXAMPLES}
    found = selection_violations(new, "back", selected=["c2"], **options)
    assert [(v.obligation_id, v.amphora_id) for v in found] == [
        ("SEL-AMONG-IS-INTERSECTION", "c0")
    ]
    assert_selection(new, "back", selected=["c0", "c2"], **options)
    found = delta_violations(old, new, "back", added=[], removed=[], **options)
    assert [(v.obligation_id, v.amphora_id) for v in found] == [
        ("DELTA-RECONSTRUCTS-NEW", "c2")
    ]
    assert_delta(old, new, "back", added=["c2"], removed=[], **options)


OLD = _lb(
    ("m", "MASTER", "ALLOCATED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("c1", "IN_CLUSTER", "ALLOCATED"),
    ("c2", "IN_CLUSTER", "ALLOCATED"),
)
GROWN = dataclasses.replace(
    OLD, amphorae=(*OLD.amphorae, Amphora("c3", "IN_CLUSTER", "ALLOCATED"))
)
FAILED_OVER = _lb(
    ("m", "MASTER", "DELETED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("c1", "IN_CLUSTER", "ALLOCATED"),
    ("c2", "IN_CLUSTER", "ALLOCATED"),
    ("m2", "MASTER", "ALLOCATED"),
)


@pytest.mark.parametrize(
    ("old", "new", "kind", "added", "removed", "expected"),
    [
        (
            OLD,
            FAILED_OVER,
            "vrrp",
            ["m2", "m"],
            ["m"],
            [
                "DELTA-DISJOINT: amphora 'm': is both added and removed "
                "(MASTER, DELETED)"
            ],
        ),
        (
            OLD,
            GROWN,
            "back",
            ["c1", "c3"],
            [],
            [
                "DELTA-ADDED-NOT-OLD: amphora 'c1': is added but was "
                "back-facing before (IN_CLUSTER, ALLOCATED)"
            ],
        ),
        (
            OLD,
            FAILED_OVER,
            "back",
            [],
            ["m"],
            [
                "DELTA-REMOVED-IN-OLD: amphora 'm': is removed but was not "
                "back-facing before (MASTER, DELETED)"
            ],
        ),
        (
            OLD,
            FAILED_OVER,
            "vrrp",
            [],
            [],
            [
                "DELTA-RECONSTRUCTS-NEW: amphora 'm': is not VRRP-running "
                "now but the delta leaves it in (MASTER, DELETED)",
                "DELTA-RECONSTRUCTS-NEW: amphora 'm2': is VRRP-running now "
                "but the delta does not bring it in (MASTER, ALLOCATED)",
            ],
        ),
        (
            OLD,
            GROWN,
            "vrrp",
            ["c3"],
            ["m"],
            [
                "DELTA-SCALE-KEEPS-VRRP: amphora 'c3': is added though only "
                "the back-facing cluster changed (IN_CLUSTER, ALLOCATED)",
                "DELTA-SCALE-KEEPS-VRRP: amphora 'm': is removed though only "
                "the back-facing cluster changed (MASTER, ALLOCATED)",
            ],
        ),
        (
            OLD,
            GROWN,
            "front",
            ["c3"],
            ["c1"],
            [
                "DELTA-SCALE-TOUCHES-ONLY-CHANGED: amphora 'c1': is "
                "front-facing now but the delta does not bring it in "
                "(IN_CLUSTER, ALLOCATED)"
            ],
        ),
        (
            GROWN,
            OLD,
            "back",
            [],
            [],
            [
                "DELTA-RECONSTRUCTS-NEW: amphora 'c3': is not back-facing "
                "now but the delta leaves it in (IN_CLUSTER, ALLOCATED)"
            ],
        ),
    ],
    ids=[
        "disjoint",
        "added not old",
        "removed in old",
        "reconstructs, old version first",
        "scale keeps VRRP",
        "scale touches only changed",
        "scale in missing the removed amphora",
    ],
)
def test_a_wrong_delta_is_worded_and_ordered(
    old, new, kind, added, removed, expected
) -> None:
    found = delta_violations(old, new, kind, added=added, removed=removed)
    assert [str(v) for v in found] == expected


# A scalable role that is both back-facing and VRRP-running: growing it
# changes the VRRP set, which DELTA-SCALE-KEEPS-VRRP still forbids.
MESH = BUILTIN_REGISTRY.extended(
    [
        Topology(
            "MESH",
            (
                RoleRow(
                    "NODE",
                    frozenset({SetKind.FRONT, SetKind.BACK, SetKind.VRRP}),
                    Cardinality(2, None),
                ),
            ),
        )
    ]
)


def test_a_scaled_vrrp_role_keeps_the_vrrp_set() -> None:
    def mesh(count: int) -> LoadBalancer:
        nodes = (Amphora(f"n{i}", "NODE", "ALLOCATED") for i in range(count))
        return LoadBalancer("lb", "MESH", tuple(nodes), MESH)

    found = delta_violations(mesh(2), mesh(3), "vrrp", added=[], removed=[])
    assert [str(v) for v in found] == [
        "DELTA-SCALE-KEEPS-VRRP: amphora 'n2': is VRRP-running now but the "
        "delta does not bring it in (NODE, ALLOCATED)"
    ]
    assert (
        delta_violations(mesh(2), mesh(3), "back", added=["n2"], removed=[])
        == []
    )


def test_assert_delta_names_set_and_load_balancer() -> None:
    with pytest.raises(DeltaViolation) as raised:
        assert_delta(OLD, GROWN, SetKind.BACK, added=[], removed=[])
    assert str(raised.value).startswith(
        "the back delta to 'lb' ACTIVE_ACTIVE ["
    )


def test_assert_selection_holds_the_selection_to_among() -> None:
    assert_selection(AA, "back", among=["c1"], selected=["c1"])
    with pytest.raises(SelectionViolation):
        assert_selection(AA, "back", among=["c1"], selected=["c1", "c2"])


def test_a_repeated_or_foreign_selection_is_named() -> None:
    found = selection_violations(
        AA, "back", among=None, selected=["c1", "c2", "c1"]
    )
    assert [str(v) for v in found] == [
        "INV-NO-DUPLICATES: amphora 'c1': is listed 2 times in selected"
    ]
    with pytest.raises(AmphoraSetsError) as raised:
        selection_violations(AA, "back", among=None, selected=["c1", "x"])
    assert str(raised.value) == (
        "amphora 'x', field 'selected': not an amphora of load balancer 'lb'"
    )


def test_a_repeated_amphora_in_a_delta_is_named_with_its_list() -> None:
    found = delta_violations(
        OLD, FAILED_OVER, "vrrp", added=["m2", "m2"], removed=["m", "m"]
    )
    assert [str(v) for v in found] == [
        "INV-NO-DUPLICATES: amphora 'm2': is listed 2 times in added",
        "INV-NO-DUPLICATES: amphora 'm': is listed 2 times in removed",
    ]


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (
            {"added": ["x"]},
            "amphora 'x', field 'added': not an amphora of load balancer 'lb'",
        ),
        (
            {"removed": ["x"]},
            "amphora 'x', field 'removed': not an amphora of load balancer "
            "'lb'",
        ),
        (
            {"new": dataclasses.replace(GROWN, id="lb-2")},
            "field 'id': old and new must be the same load balancer, not "
            "'lb' and 'lb-2'",
        ),
    ],
)
def test_bad_delta_input_is_worded(change, text) -> None:
    arguments = {"new": GROWN, "added": [], "removed": [], **change}
    new = arguments.pop("new")
    with pytest.raises(AmphoraSetsError) as raised:
        delta_violations(OLD, new, "back", **arguments)
    assert str(raised.value) == text


@pytest.mark.parametrize("kind", list(SetKind))
def test_a_failover_is_no_scaling(kind) -> None:
    """Only MASTER rows change, but MASTER cannot scale: no DELTA-SCALE-."""
    old = _lb(
        ("m", "MASTER", "ALLOCATED"),
        ("b", "BACKUP", "ALLOCATED"),
        topology="ACTIVE_STANDBY",
    )
    new = _lb(
        ("m", "MASTER", "DELETED"),
        ("b", "BACKUP", "ALLOCATED"),
        ("m2", "MASTER", "ALLOCATED"),
        topology="ACTIVE_STANDBY",
    )
    assert delta_violations(old, new, kind, added=["m2"], removed=["m"]) == []
    found = delta_violations(old, new, kind, added=["m2", "b"], removed=[])
    assert [(v.obligation_id, v.amphora_id) for v in found] == [
        ("DELTA-ADDED-NOT-OLD", "b"),
        ("DELTA-RECONSTRUCTS-NEW", "m"),
    ]
