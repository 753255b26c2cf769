"""Run obligations: one fresh Z3 context each, an rlimit budget, a verdict.

PROVED means the hypotheses are satisfiable (the obligation is not vacuous)
and their conjunction with the negated claim is unsatisfiable.  REFUTED
comes with a counterexample in the reference model's own values, or says
the hypotheses are vacuous.  Anything the solver cannot decide within the
budget is UNKNOWN, with Z3's reason; UNKNOWN never counts as a pass.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable

import z3

from amphora_sets.registry.obligations import (
    DEFAULT_RLIMIT,
    Obligation,
    applicable,
)
from amphora_sets.registry.topologies import Registry, Topology
from amphora_sets.solver.catalogue import BUILDERS
from amphora_sets.solver.encoding import Encoding
from amphora_sets.solver.goal import Goal
from amphora_sets.solver.semantics import REFERENCE, Semantics


class Verdict(enum.Enum):
    """The three verdicts; only PROVED passes."""

    PROVED = "proved"
    REFUTED = "refuted"
    UNKNOWN = "unknown"


@dataclasses.dataclass(frozen=True)
class Result:
    """The outcome of one obligation for one topology."""

    obligation: Obligation
    topology: str
    verdict: Verdict
    bound: str
    rlimit_count: int
    milliseconds: float
    counterexample: dict[str, str] | None = None
    reason: str | None = None


def prove(
    obligation: Obligation,
    topology: Topology,
    semantics: Semantics = REFERENCE,
    rlimit: int = DEFAULT_RLIMIT,
) -> Result:
    """Decide one obligation for one topology in a fresh Z3 context."""
    started = time.perf_counter()
    ctx = z3.Context()
    goal = BUILDERS[obligation.id](Encoding(topology, semantics, ctx))
    spent = 0  # Z3's rlimit count is cumulative within a context

    def check(*assertions: z3.BoolRef) -> tuple[z3.CheckSatResult, z3.Solver]:
        nonlocal spent
        solver = z3.Solver(ctx=ctx)
        # Each check's limit is relative to its own start: grant only what
        # is left, so the whole obligation stays within ``rlimit``.
        solver.set("rlimit", max(rlimit - spent, 1))
        solver.add(*assertions)
        answer = solver.check()
        spent = _rlimit_count(solver)
        return answer, solver

    def result(verdict: Verdict, **details: object) -> Result:
        return Result(
            obligation,
            topology.name,
            verdict,
            goal.bound,
            spent,
            (time.perf_counter() - started) * 1000,
            **details,
        )

    satisfiable, solver = check(*goal.hypotheses)
    if satisfiable == z3.unknown:
        return result(Verdict.UNKNOWN, reason=_reason(solver, "non-vacuity"))
    if satisfiable == z3.unsat:
        return result(
            Verdict.REFUTED, reason="vacuous: the hypotheses are unsatisfiable"
        )
    answer, solver = check(*goal.hypotheses, z3.Not(goal.claim))
    if answer == z3.unsat:
        return result(Verdict.PROVED)
    if answer == z3.unknown:
        return result(Verdict.UNKNOWN, reason=_reason(solver, "claim"))
    model = _smallest(goal, solver.model(), check)
    return result(
        Verdict.REFUTED,
        counterexample=_render(goal, model),
        reason="counterexample found",
    )


def verify(
    registry: Registry,
    only: str | None = None,
    semantics: Semantics = REFERENCE,
    rlimit: int = DEFAULT_RLIMIT,
) -> list[Result]:
    """Every applicable obligation for every topology of ``registry``.

    ``only`` is a glob over obligation IDs (``SEL-*``).
    """
    return [
        prove(obligation, topology, semantics, rlimit)
        for topology in registry
        for obligation in applicable(topology, only)
    ]


def _rlimit_count(solver: z3.Solver) -> int:
    statistics = solver.statistics()
    keys = statistics.keys()  # z3 Statistics supports keys(), not 'in'
    if "rlimit count" not in keys:
        return 0
    return int(statistics.get_key_value("rlimit count"))


def _reason(solver: z3.Solver, stage: str) -> str:
    return (
        f"solver said unknown on the {stage} check: {solver.reason_unknown()}"
    )


def _smallest(
    goal: Goal,
    model: z3.ModelRef,
    check: Callable[..., tuple[z3.CheckSatResult, z3.Solver]],
) -> z3.ModelRef:
    """A counterexample with as few amphorae as the budget allows.

    Asks for a strictly smaller ``goal.size`` until there is none (or the
    budget runs out): witnesses stay small enough to read and paste.
    """
    if goal.size is None:
        return model
    while True:
        bound = model.eval(goal.size, model_completion=True)
        answer, solver = check(
            *goal.hypotheses, z3.Not(goal.claim), goal.size < bound
        )
        if answer != z3.sat:
            return model
        model = solver.model()


def _render(goal: Goal, model: z3.ModelRef) -> dict[str, str]:
    return {name: repr(value) for name, value in goal.witness(model).items()}
