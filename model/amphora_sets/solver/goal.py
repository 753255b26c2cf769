"""A proof goal: hypotheses, a claim, and how to show a counterexample."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import z3

ALL_SIZES = "all sizes"


@dataclasses.dataclass(frozen=True)
class Goal:
    """Prove ``hypotheses => claim``; ``witness`` renders a model.

    ``witness`` turns a Z3 model of ``hypotheses and not claim`` into the
    reference model's own values (load balancers, subsets), by name.
    ``bound`` says for which sizes a proof holds.  ``size``, when given,
    counts the amphorae of a witness; counterexamples minimise it.
    """

    hypotheses: tuple[z3.BoolRef, ...]
    claim: z3.BoolRef
    witness: Callable[[z3.ModelRef], dict[str, object]]
    bound: str = ALL_SIZES
    size: z3.ArithRef | None = None
