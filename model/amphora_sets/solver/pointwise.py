"""Obligations about one arbitrary amphora, proved for all sizes.

Each builder takes an :class:`Encoding` and returns the :class:`Goal` of
the obligation it is named after.  The witness is a load balancer holding
the offending amphora, plus the subsets (lists of ids) the claim speaks
of.
"""

from __future__ import annotations

from collections.abc import Callable

import z3

from amphora_sets.registry import call_sites as cs
from amphora_sets.registry.vocabulary import AMPHORA_ALLOCATED, SetKind
from amphora_sets.solver import witness as w
from amphora_sets.solver.encoding import AmphoraTerms, Encoding
from amphora_sets.solver.goal import Condition, Goal

FRONT, BACK, VRRP = SetKind.FRONT, SetKind.BACK, SetKind.VRRP


def _single(
    enc: Encoding,
    claim: Callable[[AmphoraTerms], z3.BoolRef],
    subsets: dict[str, z3.BoolRef] | None = None,
    hypotheses: Callable[[AmphoraTerms], tuple[z3.BoolRef, ...]] = (
        lambda a: ()
    ),
    premise: tuple[str, Callable[[AmphoraTerms], z3.BoolRef]] | None = None,
) -> Goal:
    """A goal about one arbitrary amphora of a load balancer and about
    whether it is in each of ``subsets`` (named Boolean constants).
    ``premise`` names what is missing if the claim's antecedent can never
    hold, and gives that antecedent.

    Any role (or none) with any status is an amphora the reference model
    accepts, so the amphora itself needs no hypothesis.
    """
    a = enc.amphora("a")
    subsets = subsets or {}

    def render(model: z3.ModelRef) -> dict[str, object]:
        values: dict[str, object] = {
            "lb": w.load_balancer(
                enc, model, [w.amphora(enc, model, a, w.AMPHORA_ID)]
            )
        }
        for name, bit in subsets.items():
            values[name] = [w.AMPHORA_ID] if w.truth(model, bit) else []
        return values

    return Goal(
        hypotheses(a),
        claim(a),
        render,
        premise=Condition(premise[0], premise[1](a)) if premise else None,
    )


def _in_any_set(enc: Encoding, a: AmphoraTerms) -> z3.BoolRef:
    return z3.Or([enc.in_set(k, a) for k in SetKind])


def _every_kind(
    enc: Encoding, claim: Callable[[SetKind], z3.BoolRef]
) -> z3.BoolRef:
    return z3.And([claim(kind) for kind in SetKind], enc.ctx)


def _inclusion(enc: Encoding, inner: SetKind, outer: SetKind) -> Goal:
    return _single(
        enc,
        lambda a: z3.Implies(enc.in_set(inner, a), enc.in_set(outer, a)),
        premise=(f"no {inner.title} amphora", lambda a: enc.in_set(inner, a)),
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
        premise=(
            f"no {FRONT.title} amphora",
            lambda a: enc.in_set(FRONT, a),
        ),
    )


def inv_live_covered(enc: Encoding) -> Goal:
    """The goal of ``INV-LIVE-COVERED``."""
    return _single(
        enc,
        lambda a: z3.Implies(
            z3.And(enc.live(a), enc.assigned(a)),
            _in_any_set(enc, a),
        ),
        premise=(
            "no live amphora holds a role",
            lambda a: z3.And(enc.live(a), enc.assigned(a)),
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
            z3.Not(enc.assigned(a)), z3.Not(_in_any_set(enc, a))
        ),
    )


def inv_deleted_excluded(enc: Encoding) -> Goal:
    """The goal of ``INV-DELETED-EXCLUDED``."""
    return _single(
        enc,
        lambda a: z3.Implies(enc.deleted(a), z3.Not(_in_any_set(enc, a))),
    )


def inv_as_equal(enc: Encoding) -> Goal:
    """The goal of ``INV-AS-EQUAL``."""
    return _single(
        enc,
        lambda a: z3.And(
            enc.in_set(FRONT, a) == enc.in_set(BACK, a),
            enc.in_set(BACK, a) == enc.in_set(VRRP, a),
        ),
        premise=("no amphora in any set", lambda a: _in_any_set(enc, a)),
    )


def inv_single_no_vrrp(enc: Encoding) -> Goal:
    """The goal of ``INV-SINGLE-NO-VRRP``."""
    return _single(enc, lambda a: z3.Not(enc.in_set(VRRP, a)))


def inv_single_front_is_back(enc: Encoding) -> Goal:
    """The goal of ``INV-SINGLE-FRONT-IS-BACK``."""
    return _single(
        enc,
        lambda a: enc.in_set(FRONT, a) == enc.in_set(BACK, a),
        premise=(
            f"no {FRONT.title} or {BACK.title} amphora",
            lambda a: z3.Or(enc.in_set(FRONT, a), enc.in_set(BACK, a)),
        ),
    )


def inv_aa_distributors_front_only(enc: Encoding) -> Goal:
    """The goal of ``INV-AA-DISTRIBUTORS-FRONT-ONLY``."""
    return _single(
        enc,
        lambda a: z3.Implies(enc.in_set(VRRP, a), z3.Not(enc.in_set(BACK, a))),
        premise=(f"no {VRRP.title} amphora", lambda a: enc.in_set(VRRP, a)),
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

    return _single(
        enc,
        claim,
        {"among": x},
        premise=(
            "no amphora selected from any set",
            lambda a: z3.Or([enc.selected(k, a, x) for k in SetKind]),
        ),
    )


def today_keeps(enc: Encoding, a: AmphoraTerms, row_filter: str) -> z3.BoolRef:
    """Whether today's loop with ``row_filter`` keeps the amphora."""
    if row_filter == cs.NOT_DELETED:
        return z3.Not(enc.deleted(a))
    if row_filter == cs.ALLOCATED:
        return a.status == enc.status(AMPHORA_ALLOCATED)
    return enc.true()


def _new(
    enc: Encoding, cls: cs.CallSiteClass, a: AmphoraTerms, among: z3.BoolRef
) -> z3.BoolRef:
    """Whether the migrated site meets the amphora: its set's selector, or
    the live view for ALL."""
    if cls.kind is None:
        return enc.in_live_view(a, among)
    return enc.selected(cls.kind, a, among)


def _today_roles(
    enc: Encoding, cls: cs.CallSiteClass, a: AmphoraTerms
) -> z3.BoolRef:
    roles = sorted(cs.TODAY_ROLES[cls.set] & set(enc.topology.roles))
    return enc.one_of(a.role, [enc.role(r) for r in roles])


def bc_call_site(cls: cs.CallSiteClass) -> Callable[[Encoding], Goal]:
    """The goal builder of ``cls.obligation_id`` (see
    :class:`~amphora_sets.registry.call_sites.CallSiteClass`)."""

    def build(enc: Encoding) -> Goal:
        runs = enc.topology.legacy in cs.TODAY_RUNS[cls.set]

        def claim(a: AmphoraTerms) -> z3.BoolRef:
            # Octavia's own notion, not the semantics': a row not DELETED.
            present, assigned = z3.Not(enc.deleted(a)), enc.assigned(a)
            if cls.filter in cs.LOOP_FILTERS:
                kept = today_keeps(enc, a, cls.filter)
                today = z3.And(kept, runs, present)
                new = _new(enc, cls, a, kept)
                return z3.And(
                    z3.Implies(new, today),
                    z3.Implies(z3.And(today, assigned), new),
                    z3.Implies(today, enc.in_live_view(a, kept)),
                )
            held = z3.And(_new(enc, cls, a, enc.true()), assigned)
            if cls.filter == cs.TOPOLOGY:
                return z3.Implies(z3.And(present, assigned), held == runs)
            return z3.Implies(present, held == _today_roles(enc, cls, a))

        return _single(enc, claim)

    build.__name__ = build.__qualname__ = cls.obligation_id.lower().replace(
        "-", "_"
    )
    build.__doc__ = f"The goal of ``{cls.obligation_id}``."
    return build


def naive_call_site(cls: cs.CallSiteClass) -> Callable[[Encoding], Goal]:
    """The naive claim for a loop class: the migrated site meets exactly
    the amphorae today's loop meets.  Refuted by an amphora with no role
    or a DELETED row; kept to show why :func:`bc_call_site` says less."""

    def build(enc: Encoding) -> Goal:
        runs = enc.topology.legacy in cs.TODAY_RUNS[cls.set]

        def claim(a: AmphoraTerms) -> z3.BoolRef:
            kept = today_keeps(enc, a, cls.filter)
            return _new(enc, cls, a, kept) == z3.And(kept, runs)

        return _single(enc, claim)

    return build
