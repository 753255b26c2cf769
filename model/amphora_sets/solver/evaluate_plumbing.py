"""Evaluate the plumbing encoding on concrete load balancers.

The differential tests compare these answers with
:func:`amphora_sets.plumbing.plumbing_of` and
:func:`amphora_sets.plumbing.plan`: for every ordered pair of amphorae,
which resources the encoding gives the first and which operations its
plan has on it.  The goal terms are built once, over two arbitrary
amphorae, and each pair's roles, statuses and presence are substituted
into them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import z3

from amphora_sets.registry.plumbing import Action, Resource
from amphora_sets.registry.vocabulary import DELETED
from amphora_sets.solver.deltas import Versions
from amphora_sets.solver.encoding import UNASSIGNED, AmphoraTerms, Encoding
from amphora_sets.solver.plumbing import Row, Two, rows_of
from amphora_sets.solver.semantics import REFERENCE, Semantics
from amphora_sets.values import Amphora, LoadBalancer

SameGroup = Callable[[str, str], bool]
_Pair = tuple[str, str, Callable[[z3.BoolRef], bool]]

_STAND_IN = "<absent>"
"""An absent partner: per-amphora resources are evaluated even for a load
balancer of one amphora."""


def facts(
    lb: LoadBalancer,
    same_group: SameGroup,
    semantics: Semantics = REFERENCE,
) -> set[tuple[Resource, str, str | None]]:
    """(resource, amphora, peer or None) the encoding gives ``lb``."""
    found: set[tuple[Resource, str, str | None]] = set()
    rows, pairs = _pairs(lb, lb, same_group, semantics)
    terms = {r: row.fact(new=True) for r, row in rows.items()}
    for a, b, truth in pairs:
        for resource, row in rows.items():
            if truth(terms[resource]):
                found.add((resource, a, b if row.pairwise else None))
    return found


def operations(
    old: LoadBalancer,
    new: LoadBalancer,
    same_group: SameGroup,
    semantics: Semantics = REFERENCE,
) -> set[tuple[Action, str, Resource | None, str | None]]:
    """(action, amphora, resource, peer) of the encoding's plan.

    Writes name no resource and no peer: one write per file and amphora.
    """
    found: set[tuple[Action, str, Resource | None, str | None]] = set()
    rows, pairs = _pairs(old, new, same_group, semantics)
    terms: list[tuple[z3.BoolRef, Action, Resource | None, bool]] = []
    for resource, row in rows.items():
        follows = row.row
        if follows.write is not None:
            terms.append((row.rewrites(), follows.write, None, False))
            continue
        assert follows.add is not None
        assert follows.remove is not None
        terms.append((row.adds(), follows.add, resource, row.pairwise))
        terms.append((row.removes(), follows.remove, resource, row.pairwise))
    for a, b, truth in pairs:
        for term, action, resource, pairwise in terms:
            if truth(term):
                found.add((action, a, resource, b if pairwise else None))
    return found


def _pairs(
    old: LoadBalancer,
    new: LoadBalancer,
    same_group: SameGroup,
    semantics: Semantics,
) -> tuple[dict[Resource, Row], Iterator[_Pair]]:
    """The rows over two arbitrary amphorae, and each concrete pair with
    a function that evaluates a term for it."""
    enc = Encoding(new.table, semantics, z3.Context())
    two = Two.of(enc)
    rows = rows_of(enc, two)
    before = {a.id: a for a in old.amphorae}
    after = {a.id: a for a in new.amphorae}
    ids = [*dict.fromkeys([*before, *after]), _STAND_IN]

    def bind(v: Versions, amphora_id: str) -> list[tuple[z3.ExprRef, ...]]:
        old_terms = _terms(enc, before.get(amphora_id))
        new_terms = _terms(enc, after.get(amphora_id))
        return [
            (v.old.role, old_terms.role),
            (v.old.status, old_terms.status),
            (v.new.role, new_terms.role),
            (v.new.status, new_terms.status),
            (v.in_old_lb, z3.BoolVal(amphora_id in before, enc.ctx)),
            (v.in_new_lb, z3.BoolVal(amphora_id in after, enc.ctx)),
        ]

    def each() -> Iterator[_Pair]:
        for a in ids[:-1]:
            for b in ids:
                if a == b:
                    continue
                same = b != _STAND_IN and same_group(a, b)
                binding = [
                    *bind(two.a, a),
                    *bind(two.b, b),
                    (two.same_group, z3.BoolVal(same, enc.ctx)),
                ]

                def truth(term: z3.BoolRef, binding: list = binding) -> bool:
                    return z3.is_true(
                        z3.simplify(z3.substitute(term, *binding))
                    )

                yield a, b, truth

    return rows, each()


def _terms(enc: Encoding, amphora: Amphora | None) -> AmphoraTerms:
    if amphora is None:  # absent: masked by in_*_lb
        return AmphoraTerms(enc.role(UNASSIGNED), enc.status(DELETED))
    role = amphora.role if amphora.role in enc.topology.roles else UNASSIGNED
    return AmphoraTerms(enc.role(role), enc.status(amphora.status))
