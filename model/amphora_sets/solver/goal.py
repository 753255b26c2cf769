"""A proof goal: hypotheses, a claim, and how to show a counterexample."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import z3

ALL_SIZES = "all sizes"


@dataclasses.dataclass(frozen=True)
class Condition:
    """A named condition the runner checks for reachability."""

    name: str
    term: z3.BoolRef


@dataclasses.dataclass(frozen=True)
class Goal:
    """Prove ``hypotheses => claim``; ``witness`` renders a model.

    ``witness`` turns a Z3 model of ``hypotheses and not claim`` into the
    reference model's own values (load balancers, subsets), by name.
    ``bound`` says for which sizes a proof holds.  ``size``, when given,
    counts the amphorae of a witness; counterexamples minimise it.

    ``cases`` are the branches of a conditional hypothesis: each must be
    satisfiable together with the hypotheses, or the goal is vacuous in
    that case.  ``premise`` is what makes the claim say something (an
    implication's antecedent); its name says what is missing when it can
    never hold, and a proof is then trivial.
    """

    hypotheses: tuple[z3.BoolRef, ...]
    claim: z3.BoolRef
    witness: Callable[[z3.ModelRef], dict[str, object]]
    bound: str = ALL_SIZES
    size: z3.ArithRef | None = None
    cases: tuple[Condition, ...] = ()
    premise: Condition | None = None
