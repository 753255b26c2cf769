"""Evaluate the Z3 encoding on concrete load balancers.

The differential tests compare these answers with the reference model's.
A load balancer's amphorae form an enumerated universe; each set is a
bit-vector over it (bit ``i`` for the ``i``-th amphora), computed by Z3
from the same membership, selection and delta definitions the proofs use.
:func:`measures` evaluates the counting encoding (set sizes, seats,
cardinality) on the load balancer's (role, status) counts.
"""

from __future__ import annotations

import collections
import dataclasses
from collections.abc import Collection, Mapping

import z3

from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.solver.counting import Cluster
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


@dataclasses.dataclass(frozen=True)
class Measures:
    """What the counting encoding says of one concrete load balancer."""

    sizes: Mapping[SetKind, int]
    seats: Mapping[str, int]
    meets_cardinality: bool
    settled: bool


def measures(lb: LoadBalancer, semantics: Semantics = REFERENCE) -> Measures:
    """Set sizes, seat counts and cardinality of ``lb``, per the counting
    encoding evaluated on its (role, status) counts."""
    enc = _encoding(lb, semantics)
    tally = collections.Counter((a.role, a.status) for a in lb.amphorae)
    cluster = Cluster(
        enc,
        {
            (role, status): z3.IntVal(tally[(role, status)], enc.ctx)
            for role in enc.topology.roles
            for status in AMPHORA_STATUSES
        },
    )

    def value(term: z3.ExprRef) -> int | bool:
        result = z3.simplify(term)
        return z3.is_true(result) if z3.is_bool(result) else result.as_long()

    return Measures(
        sizes={k: value(cluster.size(k)) for k in SetKind},
        seats={r: value(cluster.seats(r)) for r in enc.topology.roles},
        meets_cardinality=value(cluster.meets_cardinality()),
        settled=value(cluster.settled()),
    )
