"""Small, named checks of the Z3 encoding, and the mutants they catch.

Each test here passes on the real encoding.  ``solver_mutants.MUTANTS``
lists deliberately broken variants of the encoding (each a small
override), and ``test_each_mutant_is_caught_by_its_named_test`` runs the
test a mutant names with the mutant in place: it must fail.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect

import pytest
import z3

from amphora_sets import Amphora, LoadBalancer
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    Cardinality,
    Registry,
    RoleRow,
    SetKind,
    Topology,
)
from amphora_sets.solver import Semantics, Verdict, evaluate, prove, report
from amphora_sets.solver.groups import Group
from solver_mutants import MUTANTS, Mutant

F, B, V = SetKind.FRONT, SetKind.BACK, SetKind.VRRP
ACTIVE_ACTIVE = BUILTIN_REGISTRY.get("ACTIVE_ACTIVE")


def _topology(*rows: tuple[str, set[SetKind], int, int | None]) -> Topology:
    return Topology(
        "T",
        tuple(
            RoleRow(role, frozenset(sets), Cardinality(low, high))
            for role, sets, low, high in rows
        ),
    )


def _verdict(obligation_id: str, topology: Topology | None, **kw) -> Verdict:
    return prove(OBLIGATIONS[obligation_id], topology, **kw).verdict


# Distributors that may scale, in front of a scalable cluster.
SCALABLE_DISTRIBUTORS = _topology(("D", {F, V}, 2, 4), ("C", {F, B}, 1, None))
# One bounded scalable role.
BOUNDED = _topology(("C", {F, B}, 1, 3))
# A role in the back-facing set only, whose ALLOCATED amphorae are not live.
BACK_ONLY = _topology(("X", {B}, 1, 1))
NOT_LIVE_WHEN_ALLOCATED = Semantics(
    live=lambda s: s not in {"ALLOCATED", "DELETED"}
)


def test_a_pending_delete_amphora_unsettles_the_counting_encoding() -> None:
    amphorae = (Amphora("a", "STANDALONE", "PENDING_DELETE"),)
    amphorae += (Amphora("b", "STANDALONE", "ALLOCATED"),)
    lb = LoadBalancer("lb", "SINGLE", amphorae)
    measured = evaluate.measures(lb)
    assert measured.meets_cardinality
    assert not measured.settled


def test_scaling_is_proved_for_active_active() -> None:
    for obligation_id in (
        "DELTA-SCALE-TOUCHES-ONLY-CHANGED",
        "DELTA-SCALE-KEEPS-VRRP",
        "OP-SCALE-OUT",
        "OP-SCALE-IN",
    ):
        assert _verdict(obligation_id, ACTIVE_ACTIVE) is Verdict.PROVED


def test_scaling_the_distributors_is_not_scaling_the_cluster() -> None:
    # KEEPS-VRRP is about the back-facing roles: the VRRP distributors may
    # scale too, and that is no counterexample.
    topology = SCALABLE_DISTRIBUTORS
    assert _verdict("DELTA-SCALE-KEEPS-VRRP", topology) is Verdict.PROVED


def test_a_delta_that_never_adds_is_refuted_by_keeps_vrrp() -> None:
    vrrp_cluster = _topology(("C", {F, B, V}, 2, None))
    never_adds = Semantics(added=lambda old, new: z3.And(old, z3.Not(old)))
    result = prove(
        OBLIGATIONS["DELTA-SCALE-KEEPS-VRRP"], vrrp_cluster, never_adds
    )
    assert result.verdict is Verdict.REFUTED


def test_delta_counterexamples_are_old_then_new() -> None:
    # Removal counted as "in new, not in old": a counterexample must show
    # the amphora in the new version only.
    removes_new = Semantics(removed=lambda old, new: z3.And(new, z3.Not(old)))
    result = prove(OBLIGATIONS["DELTA-REMOVED-IN-OLD"], None, removes_new)
    assert result.verdict is Verdict.REFUTED
    old, new = result.values["old"], result.values["new"]
    assert not old.amphorae
    assert len(new.amphorae) == 1


def test_scaling_a_bounded_role_is_proved() -> None:
    for obligation_id in ("OP-SCALE-OUT", "OP-SCALE-IN"):
        assert _verdict(obligation_id, BOUNDED) is Verdict.PROVED


def test_failover_done_compares_every_set() -> None:
    verdict = _verdict(
        "OP-FAILOVER-DONE", BACK_ONLY, semantics=NOT_LIVE_WHEN_ALLOCATED
    )
    assert verdict is Verdict.REFUTED


def test_counterexamples_are_minimised() -> None:
    # The first model Z3 finds here has 11 amphorae; no counterexample
    # has fewer than 9 (the minimiser asks for fewer until there is none).
    not_live_when_allocated = Semantics(
        live=lambda s: s not in {"ALLOCATED", "DELETED"}
    )
    result = prove(
        OBLIGATIONS["OP-LB-FAILOVER-KEEPS-SETS"],
        ACTIVE_ACTIVE,
        not_live_when_allocated,
    )
    assert result.verdict is Verdict.REFUTED
    shown = "".join(result.counterexample.values())
    assert shown.count("Amphora(") == 9


def test_an_unreachable_branch_of_the_hypotheses_is_vacuous(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from amphora_sets.solver import deltas

    real = deltas.Scaling.hypotheses

    def no_scale_out(self, enc, v):
        (hypothesis,) = real(self, enc, v)
        return (hypothesis, z3.Not(z3.And(self.scaled, self.grow)))

    monkeypatch.setattr(deltas.Scaling, "hypotheses", no_scale_out)
    result = prove(OBLIGATIONS["DELTA-SCALE-KEEPS-VRRP"], ACTIVE_ACTIVE)
    assert result.verdict is Verdict.VACUOUS
    assert result.reason == (
        "the scale-out case of the hypotheses is unsatisfiable"
    )


def test_impossible_rules_are_vacuous_and_fail_the_run() -> None:
    impossible = _topology(("X", {F, B}, 2, 1))
    result = prove(OBLIGATIONS["OP-FAILOVER-DONE"], impossible)
    assert result.verdict is Verdict.VACUOUS
    assert result.counterexample is None
    assert report.exit_status([result]) == 1


def test_a_vrrp_claim_without_vrrp_is_trivial() -> None:
    no_vrrp = _topology(("C", {F, B}, 1, None))
    for obligation_id in ("INV-VRRP-IN-FRONT", "INV-VRRP-PEERED"):
        result = prove(OBLIGATIONS[obligation_id], no_vrrp)
        assert result.verdict is Verdict.PROVED
        assert result.trivial
        assert report.entry(result)["trivial"] is True
        assert report.summary([result])["trivial"] == 1
        assert report.summary([result])["proved"] == 0
    with_vrrp = prove(OBLIGATIONS["INV-VRRP-IN-FRONT"], ACTIVE_ACTIVE)
    assert not with_vrrp.trivial


def test_a_split_fills_each_role_up_to_its_maximum() -> None:
    group = Group(
        (
            RoleRow("A", frozenset(), Cardinality(1, 2)),
            RoleRow("B", frozenset(), Cardinality(0, None)),
        )
    )
    assert group.split(5) == [2, 3]
    assert group.split(0) == [0, 0]
    assert (group.minimum, group.maximum) == (1, None)


def test_definitions_counterexamples_carry_their_table() -> None:
    # Membership that forgets the status rule differs from the model only
    # for an amphora whose role the table puts in a set: the
    # counterexample's table must be one that does.
    forgets_status = Semantics(member=lambda in_role, other, live: in_role)
    result = prove(OBLIGATIONS["INV-SETS-FOLLOW-TABLE"], None, forgets_status)
    assert result.verdict is Verdict.REFUTED
    table, lb = result.values["table"], result.values["lb"]
    assert lb.table == table
    assert result.counterexample["table"].startswith("Topology(")
    assert any(
        evaluate.selection(lb, kind, semantics=forgets_status)
        != {a.id for a in lb.select(kind)}
        for kind in SetKind
    )


def test_refutations_print_their_counterexample() -> None:
    topology = _topology(("X", {B}, 1, 1))
    result = prove(OBLIGATIONS["INV-BACK-IN-FRONT"], topology)
    lines = report.failure_lines([result], {"T": "t.toml"})
    assert lines
    assert lines[0].startswith("REFUTED INV-BACK-IN-FRONT for T")
    assert "  registry = load_registry('t.toml')" in lines
    assert any(line.startswith("  lb = LoadBalancer(") for line in lines)


def test_claims_apply_by_declaration_only() -> None:
    copy = dataclasses.replace(
        BUILTIN_REGISTRY.get("ACTIVE_STANDBY"), name="COPY", claims=frozenset()
    )
    assert not OBLIGATIONS["INV-AS-EQUAL"].applies_to(copy)
    assert OBLIGATIONS["INV-AS-EQUAL"].applies_to(
        BUILTIN_REGISTRY.get("ACTIVE_STANDBY")
    )


def test_groups_keep_roles_of_different_sets_apart() -> None:
    from amphora_sets.solver.groups import grouped

    groups = grouped(ACTIVE_ACTIVE)
    assert [g.sets for g in groups.values()] == [
        frozenset({F, V}),
        frozenset({F, B}),
    ]
    assert all(
        _verdict(o, ACTIVE_ACTIVE) is Verdict.PROVED
        for o in ("INV-BACK-NONEMPTY", "OP-FAILOVER-DONE", "OP-CREATE")
    )


def test_builtin_counting_proofs_hold() -> None:
    for topology in BUILTIN_REGISTRY:
        for obligation_id in ("INV-FRONT-NONEMPTY", "OP-FAILOVER-WINDOW"):
            assert _verdict(obligation_id, topology) is Verdict.PROVED


def test_lb_failover_is_proved_for_the_builtins() -> None:
    for topology in BUILTIN_REGISTRY:
        for obligation_id in (
            "OP-LB-FAILOVER-MIDWAY",
            "OP-LB-FAILOVER-DONE",
        ):
            assert _verdict(obligation_id, topology) is Verdict.PROVED


def test_one_registry_run_proves_the_definitions_once() -> None:
    from amphora_sets.solver import verify

    results = verify(Registry((BOUNDED,)), only="SEL-AMONG-*")
    assert [(r.obligation.id, r.topology) for r in results] == [
        ("SEL-AMONG-IS-INTERSECTION", None),
        ("SEL-AMONG-ALL-IS-WHOLE", None),
    ]


def _run(mutant: Mutant) -> None:
    module, _, name = mutant.caught_by.rpartition("::")
    test = getattr(importlib.import_module(module), name)
    with pytest.MonkeyPatch.context() as patch:
        mutant.apply(patch)
        if "monkeypatch" in inspect.signature(test).parameters:
            test(patch)
        else:
            test()


@pytest.mark.parametrize(
    "mutant",
    [m for m in MUTANTS if m.equivalent is None],
    ids=lambda m: m.name,
)
def test_each_mutant_is_caught_by_its_named_test(mutant: Mutant) -> None:
    with pytest.raises(AssertionError):
        _run(mutant)


@pytest.mark.parametrize(
    "mutant",
    [m for m in MUTANTS if m.equivalent is not None],
    ids=lambda m: m.name,
)
def test_equivalent_mutants_change_no_verdict(mutant: Mutant) -> None:
    _run(mutant)  # its named test still passes: nothing can tell


def test_the_corpus_has_at_least_25_caught_mutants() -> None:
    caught = [m for m in MUTANTS if m.equivalent is None]
    assert len(caught) >= 25
    assert len({m.name for m in MUTANTS}) == len(MUTANTS)
