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
from collections.abc import Callable, Iterator

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
        # Z3's own SIGINT handler would turn Ctrl-C into an UNKNOWN verdict
        # (or hang); with it off, Python raises KeyboardInterrupt instead.
        solver.set("ctrl_c", False)
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
        return result(
            Verdict.UNKNOWN, reason=_reason(solver, "non-vacuity", rlimit)
        )
    if satisfiable == z3.unsat:
        return result(
            Verdict.REFUTED, reason="vacuous: the hypotheses are unsatisfiable"
        )
    answer, solver = check(*goal.hypotheses, z3.Not(goal.claim))
    if answer == z3.unsat:
        return result(Verdict.PROVED)
    if answer == z3.unknown:
        return result(Verdict.UNKNOWN, reason=_reason(solver, "claim", rlimit))
    model = _smallest(goal, solver.model(), check)
    return result(
        Verdict.REFUTED,
        counterexample=_render(goal, model),
        reason="counterexample found",
    )


def plan(
    registry: Registry, only: str | None = None
) -> list[tuple[Obligation, Topology]]:
    """The (obligation, topology) pairs :func:`verify` decides, in order."""
    return [
        (obligation, topology)
        for topology in registry
        for obligation in applicable(topology, only)
    ]


def verify_each(
    registry: Registry,
    only: str | None = None,
    semantics: Semantics = REFERENCE,
    rlimit: int = DEFAULT_RLIMIT,
) -> Iterator[Result]:
    """Like :func:`verify`, yielding each result as soon as it is decided."""
    for obligation, topology in plan(registry, only):
        yield prove(obligation, topology, semantics, rlimit)


def verify(
    registry: Registry,
    only: str | None = None,
    semantics: Semantics = REFERENCE,
    rlimit: int = DEFAULT_RLIMIT,
) -> list[Result]:
    """Every applicable obligation for every topology of ``registry``.

    ``only`` is a glob over obligation IDs (``SEL-*``).
    """
    return list(verify_each(registry, only, semantics, rlimit))


def _rlimit_count(solver: z3.Solver) -> int:
    statistics = solver.statistics()
    keys = statistics.keys()  # z3 Statistics supports keys(), not 'in'
    if "rlimit count" not in keys:
        return 0
    return int(statistics.get_key_value("rlimit count"))


_OUT_OF_BUDGET = frozenset({"max. resource limit exceeded", "canceled"})
"""What Z3 says when a check used up its rlimit."""


def _reason(solver: z3.Solver, stage: str, rlimit: int) -> str:
    said = solver.reason_unknown()
    if said in _OUT_OF_BUDGET:
        return (
            f"ran out of its rlimit budget of {rlimit} on the {stage} "
            f"check (Z3: {said}); try a larger --rlimit"
        )
    return f"solver said unknown on the {stage} check: {said}"


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
