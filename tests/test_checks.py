"""The invariant checks of amphora_sets.testing can pass and can fail.

Each check is fed the reference model's sets (no violation) and a wrong
model (sets an implementation might compute wrongly, or a wrong table)
and must name exactly the expected obligation IDs and the amphora.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import amphora_sets
from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer
from amphora_sets.registry import OBLIGATIONS, Registry
from amphora_sets.solver import REFERENCE, Verdict, verify
from amphora_sets.testing import (
    CHECKS,
    InvariantViolation,
    as_octavia_dict,
    assert_invariants,
    load_balancers,
    reference_sets,
    violations,
)
from corpus import CORPUS
from example_topologies import EXAMPLES

AA = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("b", "BACKUP", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c2", "IN_CLUSTER", "ALLOCATED"),
        Amphora("gone", "IN_CLUSTER", "DELETED"),
    ),
)
AS = LoadBalancer(
    "lb",
    "ACTIVE_STANDBY",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("b", "BACKUP", "ALLOCATED"),
    ),
)
SINGLE = LoadBalancer(
    "lb", "SINGLE", (Amphora("s", "STANDALONE", "ALLOCATED"),)
)
UNASSIGNED = LoadBalancer(
    "lb", "ACTIVE_ACTIVE", (*AA.amphorae, Amphora("new", None, "BOOTING"))
)
FRONT = {"m", "b", "c1", "c2"}
BACK = {"c1", "c2"}
VRRP = {"m", "b"}


def _found(lb: LoadBalancer, **sets: set[str]) -> set[tuple[str, str | None]]:
    given = {**reference_sets(lb), **sets}
    return {(v.obligation_id, v.amphora_id) for v in violations(lb, **given)}


@settings(max_examples=100)
@given(lb=load_balancers(EXAMPLES))
def test_the_reference_model_breaks_no_invariant(lb: LoadBalancer) -> None:
    assert violations(lb, **reference_sets(lb), registry=EXAMPLES) == []


WRONG_SETS = [
    pytest.param(
        AA,
        {"back": VRRP, "vrrp": BACK},
        {("INV-SETS-FOLLOW-TABLE", i) for i in FRONT},
        id="INV-SETS-FOLLOW-TABLE",
    ),
    pytest.param(
        UNASSIGNED,
        {"front": FRONT | {"new"}, "back": BACK | {"new"}},
        {
            ("INV-UNASSIGNED-EXCLUDED", "new"),
            ("INV-SETS-FOLLOW-TABLE", "new"),
        },
        id="INV-UNASSIGNED-EXCLUDED",
    ),
    pytest.param(
        AA,
        {"front": FRONT - {"c1"}},
        {("INV-BACK-IN-FRONT", "c1")} | {("INV-SETS-FOLLOW-TABLE", "c1")},
        id="INV-BACK-IN-FRONT",
    ),
    pytest.param(
        AA,
        {"front": FRONT - {"m"}},
        {("INV-VRRP-IN-FRONT", "m")} | {("INV-SETS-FOLLOW-TABLE", "m")},
        id="INV-VRRP-IN-FRONT",
    ),
    pytest.param(
        AA,
        {"back": BACK - {"c1"}},
        {("INV-FRONT-IS-UNION", "c1")} | {("INV-SETS-FOLLOW-TABLE", "c1")},
        id="INV-FRONT-IS-UNION",
    ),
    pytest.param(
        AA,
        {"front": FRONT - {"c1"}, "back": BACK - {"c1"}},
        {("INV-LIVE-COVERED", "c1")} | {("INV-SETS-FOLLOW-TABLE", "c1")},
        id="INV-LIVE-COVERED",
    ),
    pytest.param(
        AA,
        {"front": FRONT | {"gone"}, "back": BACK | {"gone"}},
        {("INV-DELETED-EXCLUDED", "gone")}
        | {("INV-SETS-FOLLOW-TABLE", "gone")},
        id="INV-DELETED-EXCLUDED",
    ),
    pytest.param(
        AA,
        {"back": BACK | {"m"}},
        {("INV-AA-DISTRIBUTORS-FRONT-ONLY", "m")}
        | {("INV-SETS-FOLLOW-TABLE", "m")},
        id="INV-AA-DISTRIBUTORS-FRONT-ONLY",
    ),
    pytest.param(
        AA,
        {"front": set(), "back": set(), "vrrp": set()},
        {("INV-LIVE-COVERED", i) for i in FRONT}
        | {("INV-SETS-FOLLOW-TABLE", i) for i in FRONT}
        | {
            ("INV-FRONT-NONEMPTY", None),
            ("INV-BACK-NONEMPTY", None),
        },
        id="INV-FRONT-NONEMPTY+INV-BACK-NONEMPTY",
    ),
    pytest.param(
        AA,
        {"vrrp": {"m"}},
        {("INV-FRONT-IS-UNION", "b"), ("INV-VRRP-PEERED", None)}
        | {("INV-SETS-FOLLOW-TABLE", "b")},
        id="INV-VRRP-PEERED",
    ),
    pytest.param(
        AS,
        {"vrrp": {"m"}},
        {
            ("INV-AS-EQUAL", "b"),
            ("INV-VRRP-PEERED", None),
            ("BC-VRRP-NOT-DELETED", "b"),
        }
        | {("INV-SETS-FOLLOW-TABLE", "b")},
        id="INV-AS-EQUAL",
    ),
    pytest.param(
        SINGLE,
        {"vrrp": {"s"}},
        {
            ("INV-SINGLE-NO-VRRP", "s"),
            ("INV-VRRP-PEERED", None),
            ("BC-VRRP-NOT-DELETED", "s"),
        }
        | {("INV-SETS-FOLLOW-TABLE", "s")},
        id="INV-SINGLE-NO-VRRP",
    ),
    pytest.param(
        AS,
        {"front": {"m"}},
        {
            ("BC-FRONT-NOT-DELETED", "b"),
            ("INV-AS-EQUAL", "b"),
            ("INV-BACK-IN-FRONT", "b"),
            ("INV-VRRP-IN-FRONT", "b"),
            ("INV-SETS-FOLLOW-TABLE", "b"),
        },
        id="BC-FRONT-NOT-DELETED",
    ),
    pytest.param(
        SINGLE,
        {"back": set()},
        {
            ("INV-SINGLE-FRONT-IS-BACK", "s"),
            ("INV-FRONT-IS-UNION", "s"),
            ("INV-BACK-NONEMPTY", None),
            ("BC-BACK-NOT-DELETED", "s"),
        }
        | {("INV-SETS-FOLLOW-TABLE", "s")},
        id="INV-SINGLE-FRONT-IS-BACK",
    ),
    pytest.param(
        AA,
        {"front": ["m", "b", "c1", "c2", "c1"]},
        {("INV-NO-DUPLICATES", "c1")},
        id="INV-NO-DUPLICATES",
    ),
]


@pytest.mark.parametrize(("lb", "sets", "expected"), WRONG_SETS)
def test_wrong_sets_are_caught_by_exactly_their_ids(
    lb: LoadBalancer, sets: dict[str, set[str]], expected: set
) -> None:
    assert _found(lb, **sets) == expected


def test_every_check_is_shown_able_to_fail() -> None:
    shown = {oid for case in WRONG_SETS for oid, _ in case.values[2]}
    assert shown == set(CHECKS)
    assert set(CHECKS) <= set(OBLIGATIONS)


@pytest.mark.parametrize(
    "entry",
    [e for e in CORPUS if e.semantics is REFERENCE],
    ids=lambda entry: entry.name,
)
def test_checks_agree_with_the_prover_on_wrong_tables(entry) -> None:
    """Z3's counterexample for a wrong table breaks the same check."""
    registry = Registry((entry.topology,))
    for result in verify(registry, semantics=entry.semantics):
        if result.verdict is not Verdict.REFUTED:
            continue
        if result.obligation.id not in CHECKS or not result.counterexample:
            continue
        namespace = {
            "LoadBalancer": amphora_sets.LoadBalancer,
            "Amphora": amphora_sets.Amphora,
            "REGISTRY": registry,
        }
        for source in result.counterexample.values():
            lb = eval(source[:-1] + ", registry=REGISTRY)", namespace)
            found = violations(lb, **reference_sets(lb), registry=registry)
            ids = {v.obligation_id for v in found}
            if result.obligation.id in ids:
                break
        else:
            pytest.fail(f"no counterexample breaks {result.obligation.id}")


def test_assert_invariants_raises_naming_ids_and_amphorae() -> None:
    with pytest.raises(InvariantViolation) as raised:
        assert_invariants(AA, front=FRONT - {"c1"}, back=BACK, vrrp=VRRP)
    assert isinstance(raised.value, AssertionError)
    assert "INV-BACK-IN-FRONT: amphora 'c1'" in str(raised.value)
    assert [v.obligation_id for v in raised.value.violations] == [
        "INV-SETS-FOLLOW-TABLE",
        "INV-BACK-IN-FRONT",
    ]


def test_assert_invariants_passes_on_octavias_dict_form() -> None:
    assert_invariants(as_octavia_dict(AA), **reference_sets(AA))


def test_implementation_sets_may_be_amphorae_dicts_or_ids() -> None:
    front = [a for a in AA.amphorae if a.id in FRONT]
    back = [{"id": i} for i in BACK]
    assert violations(AA, front=front, back=back, vrrp=list(VRRP)) == []


def test_an_amphora_of_another_load_balancer_is_bad_input() -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        violations(AA, front=FRONT, back=BACK | {"elsewhere"}, vrrp=VRRP)
    assert (raised.value.field, raised.value.amphora_id) == (
        "back",
        "elsewhere",
    )


def test_a_set_that_is_not_a_collection_is_bad_input() -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        violations(AA, front="m", back=BACK, vrrp=VRRP)
    assert raised.value.field == "front"


def test_every_set_is_required() -> None:
    with pytest.raises(TypeError, match="vrrp"):
        violations(AA, front=FRONT, back=BACK)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="front"):
        assert_invariants(AA, back=BACK, vrrp=VRRP)  # type: ignore[call-arg]


def test_reference_sets_are_the_model_s_own() -> None:
    assert reference_sets(AA) == {
        "front": AA.front_facing_amphorae,
        "back": AA.back_facing_amphorae,
        "vrrp": AA.vrrp_amphorae,
    }


def test_messages_name_the_real_role() -> None:
    found = violations(AA, front=FRONT, back=BACK, vrrp=VRRP | {"c1"})
    aa_only = [v for v in found if v.obligation_id.startswith("INV-AA")]
    assert [str(v) for v in aa_only] == [
        "INV-AA-DISTRIBUTORS-FRONT-ONLY: amphora 'c1': is VRRP-running and "
        "back-facing (IN_CLUSTER, ALLOCATED)"
    ]


def test_failure_output_is_compact() -> None:
    big = LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE",
        (
            *AA.amphorae,
            *(Amphora(f"x{i}", "IN_CLUSTER", "READY") for i in range(30)),
        ),
    )
    sets = reference_sets(big)
    with pytest.raises(InvariantViolation) as raised:
        assert_invariants(big, **{**sets, "vrrp": ()})
    text = str(raised.value)
    assert "Registry" not in text
    assert "... 23 more" in text
    assert len(text.splitlines()) == 1 + len(raised.value.violations)
    assert repr(EXAMPLES).count("\n") == 0
