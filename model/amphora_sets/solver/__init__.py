"""The Z3 encoding and proofs; the only part of amphora_sets that imports z3.

Import this module only when proving: the model, the registry and the
testing kit never import it.
"""

from amphora_sets.solver.runner import (
    DEFAULT_RLIMIT,
    Result,
    Verdict,
    plan,
    prove,
    verify,
    verify_each,
)
from amphora_sets.solver.semantics import REFERENCE, Semantics

__all__ = [
    "DEFAULT_RLIMIT",
    "REFERENCE",
    "Result",
    "Semantics",
    "Verdict",
    "plan",
    "prove",
    "verify",
    "verify_each",
]
