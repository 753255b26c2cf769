"""What the invariant checks report, word for word and in order.

tests/test_checks.py shows each check able to fail by ID; these tests
pin down the rest of what an implementer reads: each message with the
amphora's real role and status, the order of the amphorae, repeats,
which checks wait for a settled load balancer, and the BC- checks of
today's topologies.
"""

from __future__ import annotations

import pytest

from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer
from amphora_sets.testing import (
    as_octavia_dict,
    assert_invariants,
    reference_sets,
    violations,
)
from example_topologies import EXAMPLES


def _lb(topology: str, *amphorae: tuple[str, str | None, str]):
    return LoadBalancer("lb", topology, tuple(Amphora(*a) for a in amphorae))


# Ids out of alphabetical order, so amphora order shows in the reports.
AA = _lb(
    "ACTIVE_ACTIVE",
    ("m", "MASTER", "ALLOCATED"),
    ("c2", "IN_CLUSTER", "ALLOCATED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("c1", "IN_CLUSTER", "ALLOCATED"),
    ("gone", "IN_CLUSTER", "DELETED"),
    ("new", None, "BOOTING"),
)
AS = _lb(
    "ACTIVE_STANDBY",
    ("m", "MASTER", "ALLOCATED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("old", "BACKUP", "PENDING_DELETE"),
    ("dead", "MASTER", "DELETED"),
)
SINGLE = _lb(
    "SINGLE",
    ("s", "STANDALONE", "ALLOCATED"),
    ("dead", "STANDALONE", "DELETED"),
    ("new", None, "BOOTING"),
)


def _report(lb: LoadBalancer, **sets) -> list[str]:
    given = {k: [a.id for a in v] for k, v in reference_sets(lb).items()}
    return [str(v) for v in violations(lb, **{**given, **sets})]


CASES = [
    pytest.param(
        AA,
        {"front": ["m", "b"], "back": ["m", "b"], "vrrp": ["c2", "c1"]},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 'm': is in the back-facing set, "
            "but the table puts it (MASTER, ALLOCATED) outside it",
            "INV-SETS-FOLLOW-TABLE: amphora 'c2': is not in the "
            "front-facing set, but the table puts it (IN_CLUSTER, "
            "ALLOCATED) in it",
            "INV-SETS-FOLLOW-TABLE: amphora 'b': is in the back-facing set, "
            "but the table puts it (BACKUP, ALLOCATED) outside it",
            "INV-SETS-FOLLOW-TABLE: amphora 'c1': is not in the "
            "front-facing set, but the table puts it (IN_CLUSTER, "
            "ALLOCATED) in it",
            "INV-VRRP-IN-FRONT: amphora 'c2': is VRRP-running but not "
            "front-facing (IN_CLUSTER, ALLOCATED)",
            "INV-VRRP-IN-FRONT: amphora 'c1': is VRRP-running but not "
            "front-facing (IN_CLUSTER, ALLOCATED)",
        ],
        id="sets swapped, in amphora order",
    ),
    pytest.param(
        AA,
        {"front": ["m", "b", "c1"], "back": ["c1"]},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 'c2': is not in the "
            "front-facing set, but the table puts it (IN_CLUSTER, "
            "ALLOCATED) in it",
            "INV-LIVE-COVERED: amphora 'c2': is live (IN_CLUSTER, "
            "ALLOCATED) but in no set",
        ],
        id="INV-LIVE-COVERED",
    ),
    pytest.param(
        AA,
        {"front": ["m", "c2", "b"]},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 'c1': is not in the "
            "front-facing set, but the table puts it (IN_CLUSTER, "
            "ALLOCATED) in it",
            "INV-BACK-IN-FRONT: amphora 'c1': is back-facing but not "
            "front-facing (IN_CLUSTER, ALLOCATED)",
        ],
        id="INV-BACK-IN-FRONT",
    ),
    pytest.param(
        AA,
        {"back": ["c1"]},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 'c2': is not in the "
            "back-facing set, but the table puts it (IN_CLUSTER, "
            "ALLOCATED) in it",
            "INV-FRONT-IS-UNION: amphora 'c2': is front-facing but neither "
            "back-facing nor VRRP-running (IN_CLUSTER, ALLOCATED)",
        ],
        id="INV-FRONT-IS-UNION",
    ),
    pytest.param(
        AA,
        {
            "front": ["new", "m", "c2", "b", "c1", "gone"],
            "vrrp": ["m", "b", "new"],
        },
        [
            "INV-SETS-FOLLOW-TABLE: amphora 'gone': is in the front-facing "
            "set, but the table puts it (IN_CLUSTER, DELETED) outside it",
            "INV-SETS-FOLLOW-TABLE: amphora 'new': is in the front-facing "
            "set, but the table puts it (no role yet, BOOTING) outside it",
            "INV-FRONT-IS-UNION: amphora 'gone': is front-facing but "
            "neither back-facing nor VRRP-running (IN_CLUSTER, DELETED)",
            "INV-DELETED-EXCLUDED: amphora 'gone': is DELETED (IN_CLUSTER, "
            "DELETED) but front-facing",
            "INV-UNASSIGNED-EXCLUDED: amphora 'new': holds no role yet but "
            "is front-facing, VRRP-running",
        ],
        id="DELETED and role-less amphorae",
    ),
    pytest.param(
        AS,
        {"front": ["m", "b", "old"], "back": ["m", "old"], "vrrp": ["b"]},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 'm': is not in the "
            "VRRP-running set, but the table puts it (MASTER, ALLOCATED) in "
            "it",
            "INV-SETS-FOLLOW-TABLE: amphora 'b': is not in the back-facing "
            "set, but the table puts it (BACKUP, ALLOCATED) in it",
            "INV-SETS-FOLLOW-TABLE: amphora 'old': is not in the "
            "VRRP-running set, but the table puts it (BACKUP, "
            "PENDING_DELETE) in it",
            "INV-AS-EQUAL: amphora 'm': (MASTER, ALLOCATED) is missing from "
            "the VRRP-running set",
            "INV-AS-EQUAL: amphora 'b': (BACKUP, ALLOCATED) is missing from "
            "the back-facing set",
            "INV-AS-EQUAL: amphora 'old': (BACKUP, PENDING_DELETE) is "
            "missing from the VRRP-running set",
            "INV-VRRP-PEERED: meets its cardinality rules but has a lone "
            "seated VRRP amphora",
            "BC-BACK-NOT-DELETED: amphora 'b': is not in the back-facing "
            "set, though today's 'status != DELETED' loops meet it "
            "(BACKUP, ALLOCATED)",
            "BC-VRRP-NOT-DELETED: amphora 'm': is not in the VRRP-running "
            "set, though today's 'status != DELETED' loops meet it "
            "(MASTER, ALLOCATED)",
            "BC-VRRP-NOT-DELETED: amphora 'old': is not in the "
            "VRRP-running set, though today's 'status != DELETED' loops "
            "meet it (BACKUP, PENDING_DELETE)",
        ],
        id="INV-AS-EQUAL and BC- of Active-Standby",
    ),
    pytest.param(
        SINGLE,
        {"front": ["s", "dead"], "back": [], "vrrp": ["s"]},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 's': is not in the back-facing "
            "set, but the table puts it (STANDALONE, ALLOCATED) in it",
            "INV-SETS-FOLLOW-TABLE: amphora 'dead': is in the front-facing "
            "set, but the table puts it (STANDALONE, DELETED) outside it",
            "INV-FRONT-IS-UNION: amphora 'dead': is front-facing but "
            "neither back-facing nor VRRP-running (STANDALONE, DELETED)",
            "INV-DELETED-EXCLUDED: amphora 'dead': is DELETED (STANDALONE, "
            "DELETED) but front-facing",
            "INV-SINGLE-NO-VRRP: amphora 's': runs VRRP (STANDALONE, "
            "ALLOCATED)",
            "INV-SINGLE-FRONT-IS-BACK: amphora 's': is in only one of the "
            "front-facing and back-facing sets (STANDALONE, ALLOCATED)",
            "INV-SINGLE-FRONT-IS-BACK: amphora 'dead': is in only one of "
            "the front-facing and back-facing sets (STANDALONE, DELETED)",
            "INV-BACK-NONEMPTY: meets its cardinality rules but has no "
            "seated back-facing amphora",
            "INV-VRRP-PEERED: meets its cardinality rules but has a lone "
            "seated VRRP amphora",
            "BC-FRONT-NOT-DELETED: amphora 'dead': is in the front-facing "
            "set, which today's 'status != DELETED' loops never meet "
            "(STANDALONE, DELETED)",
            "BC-BACK-NOT-DELETED: amphora 's': is not in the back-facing "
            "set, though today's 'status != DELETED' loops meet it "
            "(STANDALONE, ALLOCATED)",
            "BC-VRRP-NOT-DELETED: amphora 's': is in the VRRP-running set, "
            "which today's 'status != DELETED' loops never meet "
            "(STANDALONE, ALLOCATED)",
        ],
        id="SINGLE",
    ),
    pytest.param(
        SINGLE,
        {"front": [], "back": ["s"], "vrrp": []},
        [
            "INV-SETS-FOLLOW-TABLE: amphora 's': is not in the front-facing "
            "set, but the table puts it (STANDALONE, ALLOCATED) in it",
            "INV-BACK-IN-FRONT: amphora 's': is back-facing but not "
            "front-facing (STANDALONE, ALLOCATED)",
            "INV-SINGLE-FRONT-IS-BACK: amphora 's': is in only one of the "
            "front-facing and back-facing sets (STANDALONE, ALLOCATED)",
            "INV-FRONT-NONEMPTY: meets its cardinality rules but has no "
            "seated front-facing amphora",
            "BC-FRONT-NOT-DELETED: amphora 's': is not in the front-facing "
            "set, though today's 'status != DELETED' loops meet it "
            "(STANDALONE, ALLOCATED)",
        ],
        id="SINGLE back-facing only",
    ),
]


@pytest.mark.parametrize(("lb", "sets", "expected"), CASES)
def test_each_violation_is_worded_and_ordered(lb, sets, expected) -> None:
    assert _report(lb, **sets) == expected


SETTLED_AS = _lb(
    "ACTIVE_STANDBY",
    ("m", "MASTER", "ALLOCATED"),
    ("b", "BACKUP", "ALLOCATED"),
    ("old", "MASTER", "PENDING_DELETE"),
)
UNSETTLED_AS = _lb(
    "ACTIVE_STANDBY",
    ("m", "MASTER", "ALLOCATED"),
    ("old", "BACKUP", "PENDING_DELETE"),
)


def _ids(lb: LoadBalancer, **sets) -> list[str]:
    found = violations(lb, **{**reference_sets(lb), **sets})
    return [v.obligation_id for v in found if v.amphora_id is None]


@pytest.mark.parametrize(
    ("lb", "sets", "expected"),
    [
        (SETTLED_AS, {"front": ["old"]}, ["INV-FRONT-NONEMPTY"]),
        (SETTLED_AS, {"back": ["old"]}, ["INV-BACK-NONEMPTY"]),
        (SETTLED_AS, {"front": ["old", "m"]}, []),
        (SETTLED_AS, {"vrrp": ["m", "old"]}, ["INV-VRRP-PEERED"]),
        (SETTLED_AS, {"vrrp": ["old"]}, []),
        (SETTLED_AS, {}, []),
        (UNSETTLED_AS, {"front": [], "back": []}, []),
        (UNSETTLED_AS, {"vrrp": ["m"]}, []),
    ],
    ids=[
        "front only unseated",
        "back only unseated",
        "front with one seated",
        "one seated VRRP",
        "no seated VRRP",
        "reference",
        "unsettled, empty",
        "unsettled, lone VRRP",
    ],
)
def test_set_size_checks_count_seats_once_settled(lb, sets, expected) -> None:
    assert _ids(lb, **sets) == expected


@pytest.mark.parametrize("kind", ["front", "back", "vrrp"])
def test_a_repeated_amphora_is_named_with_its_count(kind) -> None:
    listed = [a.id for a in reference_sets(AS)[kind]]
    found = violations(
        AS, **{**reference_sets(AS), kind: [*listed, "b", "m", "b"]}
    )
    assert [str(v) for v in found] == [
        f"INV-NO-DUPLICATES: amphora 'm': is listed 2 times in {kind}",
        f"INV-NO-DUPLICATES: amphora 'b': is listed 3 times in {kind}",
    ]


def test_the_checks_read_the_given_registry() -> None:
    lb = LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE_L3",
        (
            Amphora("c0", "IN_CLUSTER", "ALLOCATED"),
            Amphora("c1", "IN_CLUSTER", "DELETED"),
        ),
        EXAMPLES,
    )
    form = as_octavia_dict(lb)
    sets = reference_sets(form, EXAMPLES)
    assert {k: [a.id for a in v] for k, v in sets.items()} == {
        "front": ["c0"],
        "back": ["c0"],
        "vrrp": [],
    }
    assert violations(form, **sets, registry=EXAMPLES) == []
    assert_invariants(form, **sets, registry=EXAMPLES)


@pytest.mark.parametrize(
    ("sets", "field", "amphora_id"),
    [
        ({"vrrp": ["m", "b", "x"]}, "vrrp", "x"),
        ({"back": [{"id": "m"}, {"id": "elsewhere"}]}, "back", "elsewhere"),
        ({"front": 3}, "front", None),
    ],
)
def test_a_set_naming_no_amphora_of_the_load_balancer_is_bad_input(
    sets, field, amphora_id
) -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        violations(AS, **{**reference_sets(AS), **sets})
    assert (raised.value.field, raised.value.amphora_id) == (field, amphora_id)


def test_sets_mixing_forms_may_name_every_amphora() -> None:
    lb = _lb(
        "ACTIVE_STANDBY",
        ("m", "MASTER", "ALLOCATED"),
        ("b", "BACKUP", "ALLOCATED"),
    )
    mixed = ["m", {"id": "b"}]
    assert violations(lb, front=mixed, back=mixed, vrrp=lb.amphorae) == []


def test_a_set_that_is_no_collection_is_named() -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        violations(AS, **{**reference_sets(AS), "vrrp": 3})
    assert str(raised.value) == (
        "field 'vrrp': must be a collection of amphorae or ids, not 3"
    )


def test_a_foreign_amphora_is_named_with_the_load_balancer() -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        violations(AS, **{**reference_sets(AS), "front": ["x"]})
    assert str(raised.value) == (
        "amphora 'x', field 'front': not an amphora of load balancer 'lb'"
    )
