"""Turn Z3 models back into the reference model's own values."""

from __future__ import annotations

import z3

from amphora_sets.registry.topologies import Registry
from amphora_sets.solver.encoding import AmphoraTerms, Encoding
from amphora_sets.values import Amphora, LoadBalancer

LB_ID = "lb-1"
AMPHORA_ID = "amp-1"
"""The id of the arbitrary amphora of a pointwise counterexample."""


def truth(model: z3.ModelRef, term: z3.BoolRef) -> bool:
    """The value of a Boolean term in ``model``."""
    return z3.is_true(model.eval(term, model_completion=True))


def amphora(
    enc: Encoding, model: z3.ModelRef, terms: AmphoraTerms, amphora_id: str
) -> Amphora:
    """The amphora ``terms`` describe in ``model``."""
    return Amphora(
        amphora_id,
        enc.role_name(model.eval(terms.role, model_completion=True)),
        str(model.eval(terms.status, model_completion=True)),
    )


def load_balancer(
    enc: Encoding, model: z3.ModelRef, amphorae: list[Amphora]
) -> LoadBalancer:
    """A load balancer of the table ``model`` gives, holding ``amphorae``."""
    table = enc.table(model)
    return LoadBalancer(
        LB_ID, table.name, tuple(amphorae), registry=Registry((table,))
    )
