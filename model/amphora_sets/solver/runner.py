"""Run obligations: one fresh Z3 context each, an rlimit budget, a verdict.

PROVED means the hypotheses are satisfiable, and so is each case of a
conditional hypothesis, and their conjunction with the negated claim is
unsatisfiable.  A proof whose premise (an implication's antecedent) can
never hold is *trivial*: it says nothing about the topology, and is
reported as such.  REFUTED comes with a counterexample in the reference
model's own values.  VACUOUS means the hypotheses, or one of their cases,
are unsatisfiable: the claim would hold of nothing, so the run fails.
Anything the solver cannot decide within the budget is UNKNOWN, with
Z3's reason; only PROVED passes.

Obligations about the definitions alone are proved once per run over a
free membership table (:data:`~amphora_sets.solver.encoding.GENERIC`);
the others once per topology they apply to.
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections.abc import Callable, Iterator, Mapping

import z3

from amphora_sets.registry.obligations import (
    DEFAULT_RLIMIT,
    Obligation,
    Subject,
    applicable,
    matching,
)
from amphora_sets.registry.topologies import Registry, Topology
from amphora_sets.solver.catalogue import BUILDERS
from amphora_sets.solver.encoding import GENERIC, Encoding
from amphora_sets.solver.goal import Goal
from amphora_sets.solver.semantics import REFERENCE, Semantics

BASIS = (
    "every membership table: two roles with free set membership, and "
    "amphorae with no role"
)
"""What a proof about the definitions covers."""

DEFINITIONS_LABEL = "(definitions)"
"""What the text report shows as the topology of such a proof."""


class Verdict(enum.Enum):
    """The four verdicts; only PROVED passes."""

    PROVED = "proved"
    REFUTED = "refuted"
    VACUOUS = "vacuous"
    UNKNOWN = "unknown"


@dataclasses.dataclass(frozen=True)
class Result:
    """The outcome of one obligation for one topology, or for every table
    when it is about the definitions (``topology`` is then None)."""

    obligation: Obligation
    topology: str | None
    verdict: Verdict
    bound: str
    rlimit_count: int
    milliseconds: float
    counterexample: dict[str, str] | None = None
    reason: str | None = None
    trivial: bool = False
    values: Mapping[str, object] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )
    """The counterexample's values themselves, for replaying them."""

    @property
    def about(self) -> Subject:
        """What the result is about: the definitions or a table."""
        return Subject.TABLE if self.topology else Subject.DEFINITIONS

    @property
    def basis(self) -> str | None:
        """For a result about the definitions, the tables it covers."""
        return None if self.topology else BASIS

    @property
    def label(self) -> str:
        """The topology's name, or ``(definitions)``."""
        return self.topology or DEFINITIONS_LABEL

    @property
    def verdict_text(self) -> str:
        """``PROVED``, ``PROVED (trivial: why)``, ``REFUTED``..."""
        if self.trivial:
            return f"{self.verdict.name} ({self.reason})"
        return self.verdict.name


def prove(
    obligation: Obligation,
    topology: Topology | None,
    semantics: Semantics = REFERENCE,
    rlimit: int = DEFAULT_RLIMIT,
) -> Result:
    """Decide one obligation in a fresh Z3 context: for ``topology``, or,
    if None, for every membership table at once."""
    started = time.perf_counter()
    ctx = z3.Context()
    enc = Encoding(topology or GENERIC, semantics, ctx, topology is None)
    goal = BUILDERS[obligation.id](enc)
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
            topology.name if topology else None,
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
            Verdict.VACUOUS, reason="the hypotheses are unsatisfiable"
        )
    for case in goal.cases:
        reachable, solver = check(*goal.hypotheses, case.term)
        if reachable == z3.unknown:
            return result(
                Verdict.UNKNOWN,
                reason=_reason(solver, f"{case.name} case", rlimit),
            )
        if reachable == z3.unsat:
            return result(
                Verdict.VACUOUS,
                reason=f"the {case.name} case of the hypotheses is "
                "unsatisfiable",
            )
    answer, solver = check(*goal.hypotheses, z3.Not(goal.claim))
    if answer == z3.unknown:
        return result(Verdict.UNKNOWN, reason=_reason(solver, "claim", rlimit))
    if answer == z3.sat:
        model = _smallest(goal, solver.model(), check)
        values = goal.witness(model)
        if enc.free_table:
            values = {"table": enc.table(model), **values}
        return result(
            Verdict.REFUTED,
            counterexample={k: repr(v) for k, v in values.items()},
            reason="counterexample found",
            values=values,
        )
    if goal.premise is None:
        return result(Verdict.PROVED)
    reachable, solver = check(*goal.hypotheses, goal.premise.term)
    if reachable == z3.unknown:
        return result(
            Verdict.UNKNOWN, reason=_reason(solver, "premise", rlimit)
        )
    if reachable == z3.unsat:
        return result(
            Verdict.PROVED,
            reason=f"trivial: {goal.premise.name}",
            trivial=True,
        )
    return result(Verdict.PROVED)


def plan(
    registry: Registry, only: str | None = None
) -> list[tuple[Obligation, Topology | None]]:
    """The (obligation, topology) pairs :func:`verify` decides, in order:
    those about the definitions first, once each, with no topology."""
    return [
        (obligation, None)
        for obligation in matching(only)
        if obligation.about is Subject.DEFINITIONS
    ] + [
        (obligation, topology)
        for topology in registry
        for obligation in applicable(topology, only)
        if obligation.about is Subject.TABLE
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
    """The obligations about the definitions once, then every applicable
    obligation about a table for every topology of ``registry``.

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
