"""Deliberately broken variants of the Z3 encoding, runner and report.

Each :class:`Mutant` is one small override, applied with a
``MonkeyPatch``, and names the test that must fail while it is in place
(``module::function``).  A mutant that no test can tell from the real
encoding is *equivalent*: it says why, and its named test must still pass.
The wrong *models* (tables and definitions) are in :mod:`corpus`; these
are wrong *encodings* of the right model.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable

import pytest
import z3

from amphora_sets.registry import obligations, toml_file
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.solver import (
    counting,
    deltas,
    encoding,
    groups,
    lb_failover,
    report,
    runner,
)
from amphora_sets.solver.goal import Condition

Patch = Callable[[pytest.MonkeyPatch], None]
T = "test_solver_mutants::"
HONEST = "test_honest_verdicts::"
VERDICTS = "test_solver_verdicts::"


@dataclasses.dataclass(frozen=True)
class Mutant:
    """A broken encoding and the test that catches it."""

    name: str
    apply: Patch
    caught_by: str
    equivalent: str | None = None


def _method(owner: object, name: str, replacement: Callable) -> Patch:
    return lambda patch: patch.setattr(owner, name, replacement)


def _settled_ignores_pending_delete(self):
    return self.meets_cardinality()


def _scale_out_contradictory(real):
    def hypotheses(self, enc, v):
        (hypothesis,) = real(self, enc, v)
        out = z3.And(self.scaled, self.grow)
        return (z3.And(hypothesis, z3.Not(out)),)

    return hypotheses


def _keeps_vrrp_patch(check_removed: bool, scope: SetKind) -> Patch:
    def builder(enc):
        roles_in_scope = enc.topology.roles_in(scope)
        scaling = deltas.Scaling.of(
            enc,
            tuple(
                r for r in enc.topology.scalable_roles() if r in roles_in_scope
            ),
        )

        def claim(v):
            changed = [v.added(enc, SetKind.VRRP)]
            if check_removed:
                changed.append(v.removed(enc, SetKind.VRRP))
            return z3.Not(z3.Or(changed))

        return deltas._goal(enc, claim, scaling)

    builder.__name__ = "delta_scale_keeps_vrrp"

    def patch(mp: pytest.MonkeyPatch) -> None:
        mp.setattr(
            runner,
            "BUILDERS",
            {**runner.BUILDERS, "DELTA-SCALE-KEEPS-VRRP": builder},
        )

    return patch


def _swap_delta_witness(mp: pytest.MonkeyPatch) -> None:
    real = deltas._goal

    def swapped(*args, **kwargs):
        goal = real(*args, **kwargs)

        def witness(model):
            values = goal.witness(model)
            return {"old": values["new"], "new": values["old"]}

        return dataclasses.replace(goal, witness=witness)

    mp.setattr(deltas, "_goal", swapped)


def _failover_done_front_only(enc):
    before, _, after, _, hypotheses = counting._failover(enc)
    front = SetKind.FRONT
    return counting._goal(
        enc,
        {"before": before, "after": after},
        hypotheses,
        z3.And(
            after.settled(),
            after.size(front) == before.size(front),
        ),
    )


def _builder(obligation_id: str, builder: Callable) -> Patch:
    return lambda mp: mp.setattr(
        runner, "BUILDERS", {**runner.BUILDERS, obligation_id: builder}
    )


def _each_goal(**changes: object) -> Patch:
    """Every builder's goal with ``changes`` made to it."""

    def changed(builder: Callable) -> Callable:
        return lambda enc: dataclasses.replace(builder(enc), **changes)

    return lambda mp: mp.setattr(
        runner,
        "BUILDERS",
        {k: changed(b) for k, b in runner.BUILDERS.items()},
    )


def _everywhere(mp: pytest.MonkeyPatch, real: object, value: object) -> None:
    """Replace ``real`` in every loaded module that holds it by name."""
    name = real.__name__
    for module in list(sys.modules.values()):
        if getattr(module, name, None) is real:
            mp.setattr(module, name, value)


def _unchanged_case_is_scaled(real):
    def cases(self):
        out, in_, _ = real(self)
        return (out, in_, Condition("unchanged", self.scaled))

    return cases


def _premise(obligation_id: str, change: Callable) -> Patch:
    def patch(mp: pytest.MonkeyPatch) -> None:
        real = runner.BUILDERS[obligation_id]

        def builder(enc):
            goal = real(enc)
            return dataclasses.replace(goal, premise=change(goal, enc))

        mp.setattr(
            runner, "BUILDERS", {**runner.BUILDERS, obligation_id: builder}
        )

    return patch


def _vrrp_premise_uses_back(goal, enc):
    a = enc.amphora("a")
    return Condition(goal.premise.name, enc.in_set(SetKind.BACK, a))


def _vacuous_reported_as(verdict: runner.Verdict) -> Patch:
    real = runner.prove

    def prove(*args, **kwargs):
        result = real(*args, **kwargs)
        if result.verdict is runner.Verdict.VACUOUS:
            return dataclasses.replace(result, verdict=verdict)
        return result

    return lambda mp: _everywhere(mp, real, prove)


def _exit_ignores_vacuous(results):
    verdicts = {r.verdict for r in results}
    if not results or runner.Verdict.UNKNOWN in verdicts:
        return 2
    return 1 if runner.Verdict.REFUTED in verdicts else 0


def _summary_trivial_is_proved(real):
    def summary(results):
        counts = real(results)
        counts["proved"] += counts["trivial"]
        return counts

    return summary


def _entry_never_trivial(real):
    def entry(result):
        out = real(result)
        out["trivial"] = False
        return out

    return entry


def _free_table_all_members(real):
    def table(self, model):
        return real(self, model) if not self.free_table else self.topology

    return table


def _split_ignores_maxima(self, seats):
    counts = [row.cardinality.minimum for row in self.rows]
    counts[0] += seats - sum(counts)
    return counts


def _one_group(topology):
    return {"ALL": groups.Group(topology.rows)}


def _maximum_none_is_zero(self):
    return sum(row.cardinality.maximum or 0 for row in self.rows)


def _choice_in_no_set(self, kind):
    return z3.BoolVal(False, self.term.ctx)


def _room_at_maximum(enc):
    all_groups = groups.grouped(enc.topology)
    before = counting.Cluster.fresh(enc, "before", all_groups)
    chosen, chosen_range = counting.Choice.among(
        enc, all_groups, counting._scalable(all_groups)
    )
    after, room = before, []
    for key, group in all_groups.items():
        after = after.moved(key, [("ALLOCATED", +1)], chosen.picks(key))
        if group.maximum is not None:
            room.append(
                z3.Implies(
                    chosen.picks(key), before.seats(key) <= group.maximum
                )
            )
    return counting._goal(
        enc,
        {"before": before, "after": after},
        [before.settled(), chosen_range, *room],
        z3.And(
            after.settled(),
            counting._joins_role_sets(before, after, chosen, +1),
        ),
    )


def _runs_ignore_order(topology):
    return {g.rows[0].role: g for g in groups.grouped(topology).values()}


def _no_failure_lines(results, sources=None):
    return []


def _like_drops_legacy(real):
    def intent(body, key, source, base):
        claims, _ = real(body, key, source, base)
        return claims, None

    return intent


def _declared_applies_everywhere(self, topology):
    return self.scope is obligations.DECLARED or self.scope.applies(topology)


def _peered_premise_two(enc):
    def claim(lb):
        size = lb.seated_size(SetKind.VRRP)
        return z3.Or(size == 0, size >= 2)

    return counting._inv_sized(
        enc,
        claim,
        (
            "no seated VRRP amphora",
            lambda lb: lb.seated_size(SetKind.VRRP) >= 2,
        ),
    )


MUTANTS: tuple[Mutant, ...] = (
    Mutant(
        "settled() ignores PENDING_DELETE",
        _method(counting.Cluster, "settled", _settled_ignores_pending_delete),
        T + "test_a_pending_delete_amphora_unsettles_the_counting_encoding",
    ),
    Mutant(
        "a contradictory scale-out branch",
        _method(
            deltas.Scaling,
            "hypotheses",
            _scale_out_contradictory(deltas.Scaling.hypotheses),
        ),
        T + "test_scaling_is_proved_for_active_active",
    ),
    Mutant(
        "DELTA-SCALE-KEEPS-VRRP checks additions only",
        _keeps_vrrp_patch(check_removed=False, scope=SetKind.BACK),
        T + "test_a_delta_that_never_adds_is_refuted_by_keeps_vrrp",
    ),
    Mutant(
        "a DELTA counterexample with old and new swapped",
        _swap_delta_witness,
        T + "test_delta_counterexamples_are_old_then_new",
    ),
    Mutant(
        "no counterexample minimisation",
        lambda mp: mp.setattr(runner, "_smallest", lambda g, m, c: m),
        T + "test_counterexamples_are_minimised",
    ),
    Mutant(
        "OP-FAILOVER-DONE compares only the front size",
        _builder("OP-FAILOVER-DONE", _failover_done_front_only),
        T + "test_failover_done_compares_every_set",
    ),
    Mutant(
        "the KEEPS-VRRP scope tests FRONT instead of BACK",
        _keeps_vrrp_patch(check_removed=True, scope=SetKind.FRONT),
        T + "test_scaling_the_distributors_is_not_scaling_the_cluster",
    ),
    Mutant(
        "the runner skips the cases of a conditional hypothesis",
        _each_goal(cases=()),
        T + "test_an_unreachable_branch_of_the_hypotheses_is_vacuous",
    ),
    Mutant(
        "the runner never checks a premise",
        _each_goal(premise=None),
        T + "test_a_vrrp_claim_without_vrrp_is_trivial",
    ),
    Mutant(
        "vacuous hypotheses reported as PROVED",
        _vacuous_reported_as(runner.Verdict.PROVED),
        VERDICTS + "test_unsatisfiable_hypotheses_are_vacuous_not_proved",
    ),
    Mutant(
        "vacuous hypotheses reported as REFUTED",
        _vacuous_reported_as(runner.Verdict.REFUTED),
        VERDICTS + "test_unsatisfiable_hypotheses_are_vacuous_not_proved",
    ),
    Mutant(
        "a VACUOUS verdict exits 0",
        lambda mp: _everywhere(mp, report.exit_status, _exit_ignores_vacuous),
        T + "test_impossible_rules_are_vacuous_and_fail_the_run",
    ),
    Mutant(
        "the summary counts trivial proofs as proved",
        lambda mp: _everywhere(
            mp, report.summary, _summary_trivial_is_proved(report.summary)
        ),
        T + "test_a_vrrp_claim_without_vrrp_is_trivial",
    ),
    Mutant(
        "JSON never says trivial",
        lambda mp: mp.setattr(
            report, "entry", _entry_never_trivial(report.entry)
        ),
        T + "test_a_vrrp_claim_without_vrrp_is_trivial",
    ),
    Mutant(
        "a definitions counterexample built on the free table's blank rows",
        _method(
            encoding.Encoding,
            "table",
            _free_table_all_members(encoding.Encoding.table),
        ),
        T + "test_definitions_counterexamples_carry_their_table",
    ),
    Mutant(
        "a group's split ignores the maxima",
        _method(groups.Group, "split", _split_ignores_maxima),
        T + "test_a_split_fills_each_role_up_to_its_maximum",
    ),
    Mutant(
        "every role counted in one group, whatever its sets",
        lambda mp: mp.setattr(counting, "grouped", _one_group),
        T + "test_groups_keep_roles_of_different_sets_apart",
    ),
    Mutant(
        "an unbounded role's maximum read as 0",
        lambda mp: mp.setattr(
            groups.Group, "maximum", property(_maximum_none_is_zero)
        ),
        T + "test_builtin_counting_proofs_hold",
    ),
    Mutant(
        "the failed amphora's group is in no set",
        _method(counting.Choice, "in_set", _choice_in_no_set),
        T + "test_builtin_counting_proofs_hold",
    ),
    Mutant(
        "scale-out allowed at the maximum",
        _builder("OP-SCALE-OUT", _room_at_maximum),
        T + "test_scaling_a_bounded_role_is_proved",
    ),
    Mutant(
        "failure lines drop the counterexample",
        lambda mp: _everywhere(mp, report.failure_lines, _no_failure_lines),
        T + "test_refutations_print_their_counterexample",
    ),
    Mutant(
        "INV-VRRP-IN-FRONT's premise tests the back-facing set",
        _premise("INV-VRRP-IN-FRONT", _vrrp_premise_uses_back),
        T + "test_a_vrrp_claim_without_vrrp_is_trivial",
    ),
    Mutant(
        "like = ... drops the legacy topology",
        lambda mp: mp.setattr(
            toml_file, "_intent", _like_drops_legacy(toml_file._intent)
        ),
        HONEST + "test_a_file_declares_claims_by_id_and_like_takes_them_all",
    ),
    Mutant(
        "declared claims apply to every topology",
        _method(
            obligations.Obligation, "applies_to", _declared_applies_everywhere
        ),
        T + "test_claims_apply_by_declaration_only",
    ),
    Mutant(
        "definitions proved per topology instead of once",
        lambda mp: mp.setattr(
            runner,
            "plan",
            lambda registry, only=None: [
                (o, t)
                for t in registry
                for o in obligations.applicable(t, only)
            ],
        ),
        T + "test_one_registry_run_proves_the_definitions_once",
    ),
    Mutant(
        "load-balancer failover runs merge roles out of order",
        lambda mp: mp.setattr(lb_failover, "runs", _runs_ignore_order),
        T + "test_lb_failover_is_proved_for_the_builtins",
        equivalent=(
            "on every topology whose roles in the same sets are next to "
            "each other in lb_failover_roles (all the built-ins) the runs "
            "are the groups"
        ),
    ),
    Mutant(
        "the 'unchanged' case tests 'scaled'",
        _method(
            deltas.Scaling,
            "cases",
            _unchanged_case_is_scaled(deltas.Scaling.cases),
        ),
        T + "test_scaling_is_proved_for_active_active",
        equivalent=(
            "with the hypotheses' other branches reachable, 'scaled' is "
            "reachable whenever 'unchanged' is: only a contradictory "
            "unchanged branch would differ, and If(scaled, ..., unchanged) "
            "always allows it"
        ),
    ),
    Mutant(
        "INV-VRRP-PEERED's premise asks for two seated VRRP amphorae",
        _builder("INV-VRRP-PEERED", _peered_premise_two),
        T + "test_a_vrrp_claim_without_vrrp_is_trivial",
        equivalent=(
            "the premise is checked only once the claim (none or at least "
            "two) is proved, and then one or more seated VRRP amphorae "
            "means two or more"
        ),
    ),
)
"""Every mutant, caught or equivalent."""
