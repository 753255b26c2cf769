"""Evaluate the Z3 encoding on concrete load balancers.

The differential tests compare these answers with the reference model's.
A load balancer's amphorae form an enumerated universe; each set is a
bit-vector over it (bit ``i`` for the ``i``-th amphora), computed by Z3
from the same membership, selection and delta definitions the proofs use.
"""

from __future__ import annotations

from collections.abc import Collection

import z3

from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.solver.encoding import UNASSIGNED, AmphoraTerms, Encoding
from amphora_sets.solver.semantics import REFERENCE, Semantics
from amphora_sets.values import Amphora, LoadBalancer


def _encoding(lb: LoadBalancer, semantics: Semantics) -> Encoding:
    return Encoding(lb.table, semantics, z3.Context())


def _terms(enc: Encoding, amphora: Amphora) -> AmphoraTerms:
    role = amphora.role if amphora.role in enc.topology.roles else UNASSIGNED
    return AmphoraTerms(enc.role(role), enc.status(amphora.status))


def _members(
    enc: Encoding, ids: list[str], bits: list[z3.BoolRef]
) -> frozenset[str]:
    """Decode a bit-vector built from ``bits`` over the universe ``ids``."""
    width = max(len(ids), 1)
    vector = z3.simplify(
        z3.Sum(
            [z3.BitVecVal(0, width, enc.ctx)]
            + [
                z3.If(
                    bit,
                    z3.BitVecVal(1 << i, width, enc.ctx),
                    z3.BitVecVal(0, width, enc.ctx),
                )
                for i, bit in enumerate(bits)
            ]
        )
    ).as_long()
    return frozenset(i for n, i in enumerate(ids) if vector >> n & 1)


def selection(
    lb: LoadBalancer,
    kind: SetKind,
    among: Collection[str] | None = None,
    semantics: Semantics = REFERENCE,
) -> frozenset[str]:
    """Ids of set ``kind`` among the ids ``among`` (None: all), per Z3."""
    enc = _encoding(lb, semantics)
    ids = [a.id for a in lb.amphorae]
    bits = [
        enc.selected(
            kind,
            _terms(enc, a),
            z3.BoolVal(among is None or a.id in among, enc.ctx),
        )
        for a in lb.amphorae
    ]
    return _members(enc, ids, bits)


def delta(
    old: LoadBalancer,
    new: LoadBalancer,
    kind: SetKind,
    semantics: Semantics = REFERENCE,
) -> tuple[frozenset[str], frozenset[str]]:
    """Ids (added, removed) of set ``kind`` from ``old`` to ``new``, per Z3.

    Both must have the same topology: the encoding is of one table.
    """
    enc = _encoding(new, semantics)
    before = {a.id: a for a in old.amphorae}
    after = {a.id: a for a in new.amphorae}
    ids = list(dict.fromkeys([*before, *after]))

    def member(version: dict[str, Amphora], amphora_id: str) -> z3.BoolRef:
        if amphora_id not in version:
            return z3.BoolVal(False, enc.ctx)
        return enc.in_set(kind, _terms(enc, version[amphora_id]))

    old_bits = [member(before, i) for i in ids]
    new_bits = [member(after, i) for i in ids]
    added = [
        semantics.added(o, n) for o, n in zip(old_bits, new_bits, strict=True)
    ]
    removed = [
        semantics.removed(o, n)
        for o, n in zip(old_bits, new_bits, strict=True)
    ]
    return _members(enc, ids, added), _members(enc, ids, removed)
