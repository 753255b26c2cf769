"""Obligations about one arbitrary amphora, proved for all sizes.

Each builder takes an :class:`Encoding` and returns the :class:`Goal` of
the obligation it is named after.  The witness is a load balancer holding
the offending amphora, plus the subsets (lists of ids) the claim speaks
of.
"""

from __future__ import annotations

from collections.abc import Callable

import z3

from amphora_sets.registry.legacy import LEGACY_LOOPS
from amphora_sets.registry.vocabulary import AMPHORA_ALLOCATED, SetKind
from amphora_sets.solver import witness as w
from amphora_sets.solver.encoding import AmphoraTerms, Encoding
from amphora_sets.solver.goal import Goal

FRONT, BACK, VRRP = SetKind.FRONT, SetKind.BACK, SetKind.VRRP


def _single(
    enc: Encoding,
    claim: Callable[[AmphoraTerms], z3.BoolRef],
    subsets: dict[str, z3.BoolRef] | None = None,
    hypotheses: Callable[[AmphoraTerms], tuple[z3.BoolRef, ...]] = (
        lambda a: ()
    ),
) -> Goal:
    """A goal about one arbitrary amphora of a load balancer and about
    whether it is in each of ``subsets`` (named Boolean constants).

    Any role (or none) with any status is an amphora the reference model
    accepts, so the amphora itself needs no hypothesis.
    """
    a = enc.amphora("a")
    subsets = subsets or {}

    def render(model: z3.ModelRef) -> dict[str, object]:
        values: dict[str, object] = {
            "lb": w.load_balancer(
                enc, [w.amphora(enc, model, a, w.AMPHORA_ID)]
            )
        }
        for name, bit in subsets.items():
            values[name] = [w.AMPHORA_ID] if w.truth(model, bit) else []
        return values

    return Goal(hypotheses(a), claim(a), render)


def _every_kind(
    enc: Encoding, claim: Callable[[SetKind], z3.BoolRef]
) -> z3.BoolRef:
    return z3.And([claim(kind) for kind in SetKind], enc.ctx)


def _inclusion(enc: Encoding, inner: SetKind, outer: SetKind) -> Goal:
    return _single(
        enc, lambda a: z3.Implies(enc.in_set(inner, a), enc.in_set(outer, a))
    )


def inv_back_in_front(enc: Encoding) -> Goal:
    """The goal of ``INV-BACK-IN-FRONT``."""
    return _inclusion(enc, BACK, FRONT)


def inv_vrrp_in_front(enc: Encoding) -> Goal:
    """The goal of ``INV-VRRP-IN-FRONT``."""
    return _inclusion(enc, VRRP, FRONT)


def inv_sets_follow_table(enc: Encoding) -> Goal:
    """The goal of ``INV-SETS-FOLLOW-TABLE``."""
    return _single(
        enc,
        lambda a: _every_kind(
            enc,
            lambda k: (
                enc.in_set(k, a)
                == z3.And(enc.live_by_registry(a), enc.in_role_set(k, a.role))
            ),
        ),
    )


def inv_front_is_union(enc: Encoding) -> Goal:
    """The goal of ``INV-FRONT-IS-UNION``."""
    return _single(
        enc,
        lambda a: z3.Implies(
            enc.in_set(FRONT, a),
            z3.Or(enc.in_set(BACK, a), enc.in_set(VRRP, a)),
        ),
    )


def inv_live_covered(enc: Encoding) -> Goal:
    """The goal of ``INV-LIVE-COVERED``."""
    return _single(
        enc,
        lambda a: z3.Implies(
            z3.And(enc.live(a), enc.assigned(a)),
            z3.Or([enc.in_set(k, a) for k in SetKind]),
        ),
    )


def inv_no_duplicates(enc: Encoding) -> Goal:
    """The goal of ``INV-NO-DUPLICATES``."""
    return _single(
        enc, lambda a: _every_kind(enc, lambda k: enc.copies(k, a) <= 1)
    )


def inv_unassigned_excluded(enc: Encoding) -> Goal:
    """The goal of ``INV-UNASSIGNED-EXCLUDED``."""
    return _single(
        enc,
        lambda a: z3.Implies(
            z3.Not(enc.assigned(a)),
            z3.Not(z3.Or([enc.in_set(k, a) for k in SetKind])),
        ),
    )


def inv_deleted_excluded(enc: Encoding) -> Goal:
    """The goal of ``INV-DELETED-EXCLUDED``."""
    return _single(
        enc,
        lambda a: z3.Implies(
            enc.deleted(a), z3.Not(z3.Or([enc.in_set(k, a) for k in SetKind]))
        ),
    )


def inv_as_equal(enc: Encoding) -> Goal:
    """The goal of ``INV-AS-EQUAL``."""
    return _single(
        enc,
        lambda a: z3.And(
            enc.in_set(FRONT, a) == enc.in_set(BACK, a),
            enc.in_set(BACK, a) == enc.in_set(VRRP, a),
        ),
    )


def inv_single_no_vrrp(enc: Encoding) -> Goal:
    """The goal of ``INV-SINGLE-NO-VRRP``."""
    return _single(enc, lambda a: z3.Not(enc.in_set(VRRP, a)))


def inv_single_front_is_back(enc: Encoding) -> Goal:
    """The goal of ``INV-SINGLE-FRONT-IS-BACK``."""
    return _single(enc, lambda a: enc.in_set(FRONT, a) == enc.in_set(BACK, a))


def inv_aa_distributors_front_only(enc: Encoding) -> Goal:
    """The goal of ``INV-AA-DISTRIBUTORS-FRONT-ONLY``."""
    return _single(
        enc,
        lambda a: z3.Implies(enc.in_set(VRRP, a), z3.Not(enc.in_set(BACK, a))),
    )


def sel_among_is_intersection(enc: Encoding) -> Goal:
    """The goal of ``SEL-AMONG-IS-INTERSECTION``."""
    x = enc.bool("among")
    return _single(
        enc,
        lambda a: _every_kind(
            enc,
            lambda k: enc.selected(k, a, x) == z3.And(enc.in_set(k, a), x),
        ),
        {"among": x},
    )


def sel_among_all_is_whole(enc: Encoding) -> Goal:
    """The goal of ``SEL-AMONG-ALL-IS-WHOLE``."""
    everything = enc.true()  # the amphora is among all the LB's amphorae
    return _single(
        enc,
        lambda a: _every_kind(
            enc, lambda k: enc.selected(k, a, everything) == enc.in_set(k, a)
        ),
    )


def sel_monotone(enc: Encoding) -> Goal:
    """The goal of ``SEL-MONOTONE``."""
    x, y = enc.bool("smaller"), enc.bool("larger")
    return _single(
        enc,
        lambda a: _every_kind(
            enc,
            lambda k: z3.Implies(enc.selected(k, a, x), enc.selected(k, a, y)),
        ),
        {"smaller": x, "larger": y},
        lambda a: (z3.Implies(x, y),),
    )


def _distributes(enc: Encoding, combine: Callable[..., z3.BoolRef]) -> Goal:
    x, y = enc.bool("first"), enc.bool("second")
    return _single(
        enc,
        lambda a: _every_kind(
            enc,
            lambda k: (
                enc.selected(k, a, combine(x, y))
                == combine(enc.selected(k, a, x), enc.selected(k, a, y))
            ),
        ),
        {"first": x, "second": y},
    )


def sel_distributes_union(enc: Encoding) -> Goal:
    """The goal of ``SEL-DISTRIBUTES-UNION``."""
    return _distributes(enc, z3.Or)


def sel_distributes_intersection(enc: Encoding) -> Goal:
    """The goal of ``SEL-DISTRIBUTES-INTERSECTION``."""
    return _distributes(enc, z3.And)


def sel_invariants_in_subset(enc: Encoding) -> Goal:
    """The goal of ``SEL-INVARIANTS-IN-SUBSET``."""
    x = enc.bool("among")

    def claim(a: AmphoraTerms) -> z3.BoolRef:
        front, back, vrrp = (enc.selected(k, a, x) for k in SetKind)
        return z3.And(
            z3.Implies(back, front),
            z3.Implies(vrrp, front),
            z3.Implies(front, z3.Or(back, vrrp)),
        )

    return _single(enc, claim, {"among": x})


def _holds_a_role_unless_deleted(
    enc: Encoding,
) -> Callable[[AmphoraTerms], tuple[z3.BoolRef, ...]]:
    """Today's loops run once roles are marked: an unassigned live amphora
    exists only inside the create and failover sub-flows, before
    MarkAmphora<Role>InDB, and no loop runs there."""
    return lambda a: (z3.Or(enc.assigned(a), enc.deleted(a)),)


def bc_live_loops(enc: Encoding) -> Goal:
    """The goal of ``BC-LIVE-LOOPS``."""
    looped = LEGACY_LOOPS[enc.topology.name]

    def claim(a: AmphoraTerms) -> z3.BoolRef:
        today = z3.Not(enc.deleted(a))  # Octavia: status != DELETED
        return z3.And(
            [
                enc.in_set(k, a) == (today if k in looped else False)
                for k in SetKind
            ],
            enc.ctx,
        )

    return _single(enc, claim, hypotheses=_holds_a_role_unless_deleted(enc))


def bc_allocated_loops(enc: Encoding) -> Goal:
    """The goal of ``BC-ALLOCATED-LOOPS``."""
    looped = LEGACY_LOOPS[enc.topology.name]

    def claim(a: AmphoraTerms) -> z3.BoolRef:
        today = a.status == enc.status(AMPHORA_ALLOCATED)
        return z3.And(
            [
                enc.selected(k, a, today) == (today if k in looped else False)
                for k in SetKind
            ],
            enc.ctx,
        )

    return _single(enc, claim, hypotheses=_holds_a_role_unless_deleted(enc))
