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
from amphora_sets.solver.goal import Condition, Goal


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
    scaling: Scaling | None = None,
    premise: tuple[str, Callable[[Versions], z3.BoolRef]] | None = None,
) -> Goal:
    v = _versions(enc)

    def render(model: z3.ModelRef) -> dict[str, object]:
        def version(terms: AmphoraTerms, present: z3.BoolRef) -> object:
            amphorae = (
                [w.amphora(enc, model, terms, w.AMPHORA_ID)]
                if w.truth(model, present)
                else []
            )
            return w.load_balancer(enc, model, amphorae)

        return {
            "old": version(v.old, v.in_old_lb),
            "new": version(v.new, v.in_new_lb),
        }

    return Goal(
        scaling.hypotheses(enc, v) if scaling else (),
        claim(v),
        render,
        cases=scaling.cases() if scaling else (),
        premise=Condition(premise[0], premise[1](v)) if premise else None,
    )


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


@dataclasses.dataclass(frozen=True)
class Scaling:
    """Scale-out or scale-in of one amphora of one of ``roles``.

    ``scaled`` says whether the arbitrary amphora is the one scaled; any
    other is the same in both versions.  Scale-out (``grow``) adds an
    amphora that holds one of ``roles`` in a live status; scale-in moves a
    live one of ``roles`` to PENDING_DELETE or DELETED, or drops its row.
    """

    roles: tuple[str, ...]
    scaled: z3.BoolRef
    grow: z3.BoolRef

    @classmethod
    def of(cls, enc: Encoding, roles: tuple[str, ...]) -> Scaling:
        return cls(roles, enc.bool("scaled"), enc.bool("grow"))

    def hypotheses(self, enc: Encoding, v: Versions) -> tuple[z3.BoolRef]:
        """How the two versions of the amphora relate."""
        scalable = [enc.role(r) for r in self.roles]
        out = z3.And(
            z3.Not(v.in_old_lb),
            v.in_new_lb,
            enc.live(v.new),
            enc.one_of(v.new.role, scalable),
        )
        in_ = z3.And(
            v.in_old_lb,
            enc.live(v.old),
            enc.one_of(v.old.role, scalable),
            z3.Or(
                z3.Not(v.in_new_lb),
                z3.And(
                    v.new.role == v.old.role,
                    enc.one_of(
                        v.new.status,
                        [enc.status(PENDING_DELETE), enc.status(DELETED)],
                    ),
                ),
            ),
        )
        unchanged = z3.And(
            v.in_old_lb == v.in_new_lb,
            v.old.role == v.new.role,
            v.old.status == v.new.status,
        )
        return (z3.If(self.scaled, z3.If(self.grow, out, in_), unchanged),)

    def cases(self) -> tuple[Condition, ...]:
        """The branches of :meth:`hypotheses`, each of which must be
        reachable: a contradictory branch would go unnoticed otherwise."""
        return (
            Condition("scale-out", z3.And(self.scaled, self.grow)),
            Condition("scale-in", z3.And(self.scaled, z3.Not(self.grow))),
            Condition("unchanged", z3.Not(self.scaled)),
        )

    def joins(self, enc: Encoding, v: Versions, kind: SetKind) -> z3.BoolRef:
        """The scaled-out amphora joins set ``kind``."""
        return z3.And(
            self.scaled, self.grow, enc.in_role_set(kind, v.new.role)
        )

    def leaves(self, enc: Encoding, v: Versions, kind: SetKind) -> z3.BoolRef:
        """The scaled-in amphora leaves set ``kind``: once DELETED or
        dropped, not while PENDING_DELETE (its ports still exist)."""
        return z3.And(
            self.scaled,
            z3.Not(self.grow),
            enc.in_role_set(kind, v.old.role),
            z3.Or(z3.Not(v.in_new_lb), enc.deleted(v.new)),
        )


def delta_scale_touches_only_changed(enc: Encoding) -> Goal:
    """The goal of ``DELTA-SCALE-TOUCHES-ONLY-CHANGED``."""
    scaling = Scaling.of(enc, enc.topology.scalable_roles())
    return _goal(
        enc,
        _each_kind(
            enc,
            lambda v, k: z3.And(
                v.added(enc, k) == scaling.joins(enc, v, k),
                v.removed(enc, k) == scaling.leaves(enc, v, k),
            ),
        ),
        scaling,
    )


def delta_scale_keeps_vrrp(enc: Encoding) -> Goal:
    """The goal of ``DELTA-SCALE-KEEPS-VRRP``."""
    back_facing = enc.topology.roles_in(SetKind.BACK)
    scaling = Scaling.of(
        enc,
        tuple(r for r in enc.topology.scalable_roles() if r in back_facing),
    )
    return _goal(
        enc,
        lambda v: z3.Not(
            z3.Or(v.added(enc, SetKind.VRRP), v.removed(enc, SetKind.VRRP))
        ),
        scaling,
        (
            f"no {SetKind.VRRP.title} amphora",
            lambda v: z3.Or(
                v.in_old(enc, SetKind.VRRP), v.in_new(enc, SetKind.VRRP)
            ),
        ),
    )
