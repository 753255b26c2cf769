"""Delta obligations: one amphora across two versions, for all sizes.

An arbitrary amphora may be present in the old load balancer, the new one
or both, with any role and status in each; the scaling obligations tie the
two versions together the way scale-out and scale-in do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import z3

from amphora_sets.registry.vocabulary import (
    DELETED,
    PENDING_DELETE,
    SetKind,
)
from amphora_sets.solver import witness as w
from amphora_sets.solver.encoding import AmphoraTerms, Encoding
from amphora_sets.solver.goal import Goal

AMP = "amp-1"


@dataclasses.dataclass(frozen=True)
class Versions:
    """One amphora in the old and in the new load balancer."""

    old: AmphoraTerms
    new: AmphoraTerms
    in_old_lb: z3.BoolRef
    in_new_lb: z3.BoolRef

    def in_old(self, enc: Encoding, kind: SetKind) -> z3.BoolRef:
        return z3.And(self.in_old_lb, enc.in_set(kind, self.old))

    def in_new(self, enc: Encoding, kind: SetKind) -> z3.BoolRef:
        return z3.And(self.in_new_lb, enc.in_set(kind, self.new))

    def added(self, enc: Encoding, kind: SetKind) -> z3.BoolRef:
        return enc.semantics.added(
            self.in_old(enc, kind), self.in_new(enc, kind)
        )

    def removed(self, enc: Encoding, kind: SetKind) -> z3.BoolRef:
        return enc.semantics.removed(
            self.in_old(enc, kind), self.in_new(enc, kind)
        )


def _versions(enc: Encoding) -> Versions:
    return Versions(
        enc.amphora("old"),
        enc.amphora("new"),
        enc.bool("in_old_lb"),
        enc.bool("in_new_lb"),
    )


def _goal(
    enc: Encoding,
    claim: Callable[[Versions], z3.BoolRef],
    extra: Callable[[Versions], tuple[z3.BoolRef, ...]] = lambda v: (),
) -> Goal:
    v = _versions(enc)

    def render(model: z3.ModelRef) -> dict[str, object]:
        def version(terms: AmphoraTerms, present: z3.BoolRef) -> object:
            amphorae = (
                [w.amphora(enc, model, terms, AMP)]
                if w.truth(model, present)
                else []
            )
            return w.load_balancer(enc, amphorae)

        return {
            "old": version(v.old, v.in_old_lb),
            "new": version(v.new, v.in_new_lb),
        }

    hypotheses = (
        enc.well_formed(v.old),
        enc.well_formed(v.new),
        *extra(v),
    )
    return Goal(hypotheses, claim(v), render)


def _each_kind(
    enc: Encoding, claim: Callable[[Versions, SetKind], z3.BoolRef]
) -> Callable[[Versions], z3.BoolRef]:
    return lambda v: z3.And([claim(v, kind) for kind in SetKind], enc.ctx)


def delta_disjoint(enc: Encoding) -> Goal:
    """The goal of ``DELTA-DISJOINT``."""
    return _goal(
        enc,
        _each_kind(
            enc,
            lambda v, k: z3.Not(z3.And(v.added(enc, k), v.removed(enc, k))),
        ),
    )


def delta_added_not_old(enc: Encoding) -> Goal:
    """The goal of ``DELTA-ADDED-NOT-OLD``."""
    return _goal(
        enc,
        _each_kind(
            enc,
            lambda v, k: z3.Implies(v.added(enc, k), z3.Not(v.in_old(enc, k))),
        ),
    )


def delta_removed_in_old(enc: Encoding) -> Goal:
    """The goal of ``DELTA-REMOVED-IN-OLD``."""
    return _goal(
        enc,
        _each_kind(
            enc, lambda v, k: z3.Implies(v.removed(enc, k), v.in_old(enc, k))
        ),
    )


def delta_reconstructs_new(enc: Encoding) -> Goal:
    """The goal of ``DELTA-RECONSTRUCTS-NEW``."""
    return _goal(
        enc,
        _each_kind(
            enc,
            lambda v, k: (
                z3.Or(
                    z3.And(v.in_old(enc, k), z3.Not(v.removed(enc, k))),
                    v.added(enc, k),
                )
                == v.in_new(enc, k)
            ),
        ),
    )


def _scaling(
    enc: Encoding, roles: list[str], scaled: z3.BoolRef
) -> Callable[[Versions], tuple[z3.BoolRef, ...]]:
    """Scale-out or scale-in of one amphora of one of ``roles``.

    ``scaled`` says whether this amphora is the one scaled; any other is
    the same in both versions.  Scale-out adds an amphora in a live status;
    scale-in moves a live one to PENDING_DELETE or DELETED, or drops it.
    """

    def hypotheses(v: Versions) -> tuple[z3.BoolRef, ...]:
        grow = enc.bool("grow")
        gone = enc.one_of(
            v.new.status, [enc.status(PENDING_DELETE), enc.status(DELETED)]
        )
        out = z3.And(
            z3.Not(v.in_old_lb),
            v.in_new_lb,
            enc.live(v.new),
            enc.one_of(v.new.role, [enc.role(r) for r in roles]),
        )
        in_ = z3.And(
            v.in_old_lb,
            enc.live(v.old),
            enc.one_of(v.old.role, [enc.role(r) for r in roles]),
            z3.Or(z3.Not(v.in_new_lb), z3.And(v.new.role == v.old.role, gone)),
        )
        unchanged = z3.And(
            v.in_old_lb == v.in_new_lb,
            v.old.role == v.new.role,
            v.old.status == v.new.status,
        )
        return (z3.If(scaled, z3.If(grow, out, in_), unchanged),)

    return hypotheses


def delta_scale_touches_only_changed(enc: Encoding) -> Goal:
    """The goal of ``DELTA-SCALE-TOUCHES-ONLY-CHANGED``."""
    scaled = enc.bool("scaled")
    roles = [r.role for r in enc.topology.rows if r.cardinality.scalable]
    return _goal(
        enc,
        _each_kind(
            enc,
            lambda v, k: z3.Implies(
                z3.Or(v.added(enc, k), v.removed(enc, k)), scaled
            ),
        ),
        _scaling(enc, roles, scaled),
    )


def delta_scale_keeps_vrrp(enc: Encoding) -> Goal:
    """The goal of ``DELTA-SCALE-KEEPS-VRRP``."""
    scaled = enc.bool("scaled")
    roles = [
        r.role
        for r in enc.topology.rows
        if r.cardinality.scalable and not r.member_of(SetKind.VRRP)
    ]
    return _goal(
        enc,
        lambda v: z3.Not(
            z3.Or(v.added(enc, SetKind.VRRP), v.removed(enc, SetKind.VRRP))
        ),
        _scaling(enc, roles, scaled),
    )
