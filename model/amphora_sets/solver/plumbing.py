"""Plumbing and plan obligations: two arbitrary amphorae, for all sizes.

Every resource of the plumbing table belongs to one amphora, or to an
ordered pair of distinct amphorae, and depends only on their roles,
statuses and peer groups.  So two arbitrary amphorae ``a`` and ``b``, each
present or not in an old and a new load balancer, stand for every pair of
every load balancer.  A plan's operations on ``a`` come from the deltas of
``a`` and ``b``, as :func:`amphora_sets.plumbing.plan` builds them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import z3

from amphora_sets.registry.legacy_plumbing import LEGACY_PLUMBING
from amphora_sets.registry.plumbing import Among, Follows, Resource, Shape
from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.vocabulary import AMPHORA_ALLOCATED, SetKind
from amphora_sets.solver import witness as w
from amphora_sets.solver.deltas import Scaling, Versions
from amphora_sets.solver.encoding import AmphoraTerms, Encoding
from amphora_sets.solver.goal import Goal
from amphora_sets.solver.semantics import PairChange

A_ID, B_ID = "amp-1", "amp-2"


@dataclasses.dataclass(frozen=True)
class Two:
    """Two distinct amphorae across two versions, and their peer groups."""

    a: Versions
    b: Versions
    same_group: z3.BoolRef

    @classmethod
    def of(cls, enc: Encoding) -> Two:
        def versions(name: str) -> Versions:
            return Versions(
                enc.amphora(f"{name}.old"),
                enc.amphora(f"{name}.new"),
                enc.bool(f"{name}.in_old_lb"),
                enc.bool(f"{name}.in_new_lb"),
            )

        return cls(versions("a"), versions("b"), enc.bool("same_group"))


def _member(
    enc: Encoding, row: Follows, terms: AmphoraTerms, present: z3.BoolRef
) -> z3.BoolRef:
    """The amphora gets ``row``'s resource: in its set, filtered."""
    among = (
        enc.true()
        if row.among is Among.LIVE
        else terms.status == enc.status(AMPHORA_ALLOCATED)
    )
    return z3.And(present, enc.selected(row.kind, terms, among))


@dataclasses.dataclass(frozen=True)
class Row:
    """One plumbing row for the pair: facts and operations on ``a``."""

    row: Follows
    a_old: z3.BoolRef
    a_new: z3.BoolRef
    pair: PairChange
    enc: Encoding

    @classmethod
    def of(cls, enc: Encoding, row: Follows, two: Two) -> Row:
        a_old = _member(enc, row, two.a.old, two.a.in_old_lb)
        a_new = _member(enc, row, two.a.new, two.a.in_new_lb)
        b_old = _member(enc, row, two.b.old, two.b.in_old_lb)
        b_new = _member(enc, row, two.b.new, two.b.in_new_lb)
        group = two.same_group if row.grouped else enc.true()
        sem = enc.semantics
        return cls(
            row,
            a_old,
            a_new,
            PairChange(
                old=z3.And(a_old, b_old, group),
                new=z3.And(a_new, b_new, group),
                ungrouped_old=z3.And(a_old, b_old),
                ungrouped_new=z3.And(a_new, b_new),
                added_a=sem.added(a_old, a_new),
                removed_a=sem.removed(a_old, a_new),
                added_b=sem.added(b_old, b_new),
                removed_b=sem.removed(b_old, b_new),
            ),
            enc,
        )

    @property
    def pairwise(self) -> bool:
        return self.row.shape is Shape.PAIR

    def fact(self, new: bool) -> z3.BoolRef:
        """``a`` has the resource (from ``b`` if pairwise) in a version."""
        if self.pairwise:
            return self.pair.new if new else self.pair.old
        return self.a_new if new else self.a_old

    def adds(self) -> z3.BoolRef:
        """The plan plugs or opens the fact on ``a``."""
        if self.pairwise:
            return self.enc.semantics.plan.opens(self.pair)
        return self.pair.added_a

    def removes(self) -> z3.BoolRef:
        """The plan unplugs or closes the fact on ``a``."""
        if self.pairwise:
            return self.enc.semantics.plan.closes(self.pair)
        return self.pair.removed_a

    def rewrites(self) -> z3.BoolRef:
        """This row makes the plan write ``a``'s configuration."""
        if self.pairwise:
            return self.enc.semantics.plan.rewrites(self.pair)
        return z3.Or(self.pair.added_a, self.pair.removed_a)

    def touches(self) -> z3.BoolRef:
        """The plan has an operation on ``a`` because of this row."""
        if self.row.write is not None:
            return self.rewrites()
        return z3.Or(self.adds(), self.removes())


def rows_of(enc: Encoding, two: Two) -> dict[Resource, Row]:
    return {
        resource: Row.of(enc, row, two)
        for resource, row in enc.semantics.plumbing.items()
    }


def _writes(rows: dict[Resource, Row]) -> dict[object, z3.BoolRef]:
    """Each configuration file's write on ``a``, as far as ``b`` tells."""
    files: dict[object, list[z3.BoolRef]] = {}
    for r in rows.values():
        if r.row.write is not None:
            files.setdefault(r.row.write, []).append(r.rewrites())
    return {action: z3.Or(terms) for action, terms in files.items()}


def _goal(
    enc: Encoding,
    claim: Callable[[Two, dict[Resource, Row]], z3.BoolRef],
    hypotheses: Callable[[Two], tuple[z3.BoolRef, ...]] = lambda t: (),
    versions: tuple[str, ...] = ("old", "new"),
) -> Goal:
    two = Two.of(enc)
    rows = rows_of(enc, two)

    def render(model: z3.ModelRef) -> dict[str, object]:
        def version(new: bool) -> object:
            amphorae = [
                w.amphora(enc, model, v.new if new else v.old, amphora_id)
                for v, amphora_id in ((two.a, A_ID), (two.b, B_ID))
                if w.truth(model, v.in_new_lb if new else v.in_old_lb)
            ]
            return w.load_balancer(enc, model, amphorae)

        values: dict[str, object] = {
            name: version(name != "old") for name in versions
        }
        apart = not w.truth(model, two.same_group)
        values["peer_groups"] = {A_ID: "g1", B_ID: "g2"} if apart else {}
        return values

    return Goal(hypotheses(two), claim(two, rows), render)


def _one_version(
    enc: Encoding,
    claim: Callable[[Two, dict[Resource, Row]], z3.BoolRef],
    hypotheses: Callable[[Two], tuple[z3.BoolRef, ...]] = lambda t: (),
) -> Goal:
    """A goal about one load balancer: the 'new' version, named ``lb``."""
    return _goal(enc, claim, hypotheses, versions=("lb",))


def _in(enc: Encoding, kind: SetKind, v: Versions) -> z3.BoolRef:
    return z3.And(v.in_new_lb, enc.in_set(kind, v.new))


def _iff_member(
    enc: Encoding,
    rows: dict[Resource, Row],
    two: Two,
    resource: Resource,
    kind: SetKind,
) -> z3.BoolRef:
    """``a`` has the resource exactly when it is in ``kind`` (with ``b``
    too, and in ``a``'s peer group if grouped, for a pair resource)."""
    r = rows[resource]
    expected = _in(enc, kind, two.a)
    if r.pairwise:
        expected = z3.And(expected, _in(enc, kind, two.b))
    if resource in _GROUPED:
        expected = z3.And(expected, two.same_group)
    return r.fact(new=True) == expected


def _only_members(
    enc: Encoding,
    rows: dict[Resource, Row],
    two: Two,
    resource: Resource,
    kind: SetKind,
) -> z3.BoolRef:
    """``a`` (and ``b`` for a pair) are in ``kind`` if ``a`` has it."""
    r = rows[resource]
    needed = _in(enc, kind, two.a)
    if r.pairwise:
        needed = z3.And(needed, _in(enc, kind, two.b))
    if resource in _GROUPED:
        needed = z3.And(needed, two.same_group)
    return z3.Implies(r.fact(new=True), needed)


_GROUPED = frozenset({Resource.HAPROXY_PEER, Resource.PEERS_RULE})
"""Resources the peer groups confine (the 0.9 Active-Active peer groups)."""


def sec_member_nets_back_only(enc: Encoding) -> Goal:
    """The goal of ``SEC-MEMBER-NETS-BACK-ONLY``."""
    return _one_version(
        enc,
        lambda two, rows: _iff_member(
            enc, rows, two, Resource.MEMBER_PORT, SetKind.BACK
        ),
    )


def sec_vip_sg_on_front(enc: Encoding) -> Goal:
    """The goal of ``SEC-VIP-SG-ON-FRONT``."""
    return _one_version(
        enc,
        lambda two, rows: z3.And(
            _iff_member(enc, rows, two, Resource.VIP_PORT, SetKind.FRONT),
            _iff_member(enc, rows, two, Resource.LISTENER_RULE, SetKind.FRONT),
        ),
    )


def sec_vrrp_among_vrrp(enc: Encoding) -> Goal:
    """The goal of ``SEC-VRRP-AMONG-VRRP``."""
    return _one_version(
        enc,
        lambda two, rows: z3.And(
            _iff_member(enc, rows, two, Resource.VRRP_RULE, SetKind.VRRP),
            _only_members(enc, rows, two, Resource.KEEPALIVED, SetKind.VRRP),
            _only_members(
                enc, rows, two, Resource.KEEPALIVED_PEER, SetKind.VRRP
            ),
        ),
    )


def sec_peers_among_back(enc: Encoding) -> Goal:
    """The goal of ``SEC-PEERS-AMONG-BACK``."""
    return _one_version(
        enc,
        lambda two, rows: z3.And(
            _iff_member(enc, rows, two, Resource.PEERS_RULE, SetKind.BACK),
            _only_members(enc, rows, two, Resource.HAPROXY_PEER, SetKind.BACK),
        ),
    )


def plan_correct(enc: Encoding) -> Goal:
    """The goal of ``PLAN-CORRECT``."""

    def claim(two: Two, rows: dict[Resource, Row]) -> z3.BoolRef:
        writes = _writes(rows)
        terms = []
        for r in rows.values():
            old, new = r.fact(new=False), r.fact(new=True)
            if r.row.write is not None:
                # A write sets the file to its new content; else it stays.
                terms.append(z3.Or(writes[r.row.write], old == new))
            else:
                terms.append(
                    z3.Or(z3.And(old, z3.Not(r.removes())), r.adds()) == new
                )
        return z3.And(terms)

    return _goal(enc, claim)


def plan_minimal(enc: Encoding) -> Goal:
    """The goal of ``PLAN-MINIMAL``."""

    def claim(two: Two, rows: dict[Resource, Row]) -> z3.BoolRef:
        terms = []
        files: dict[object, list[Row]] = {}
        for r in rows.values():
            old, new = r.fact(new=False), r.fact(new=True)
            if r.row.write is not None:
                files.setdefault(r.row.write, []).append(r)
                continue
            terms.append(z3.Implies(r.adds(), z3.And(z3.Not(old), new)))
            terms.append(z3.Implies(r.removes(), z3.And(old, z3.Not(new))))
        for group in files.values():
            changed = z3.Or(
                [r.fact(new=False) != r.fact(new=True) for r in group]
            )
            for r in group:
                terms.append(z3.Implies(r.rewrites(), changed))
        return z3.And(terms)

    return _goal(enc, claim)


def plan_local(enc: Encoding) -> Goal:
    """The goal of ``PLAN-LOCAL``."""
    back_facing = enc.topology.roles_in(SetKind.BACK)
    roles = tuple(r for r in enc.topology.scalable_roles() if r in back_facing)
    scale_a, scale_b = Scaling.of(enc, roles), Scaling.of(enc, roles)

    def claim(two: Two, rows: dict[Resource, Row]) -> z3.BoolRef:
        vrrp = z3.Or(
            two.a.in_old(enc, SetKind.VRRP), two.a.in_new(enc, SetKind.VRRP)
        )
        return z3.Implies(
            vrrp, z3.Not(z3.Or([r.touches() for r in rows.values()]))
        )

    return _goal(
        enc,
        claim,
        lambda two: (
            *scale_a.hypotheses(enc, two.a),
            *scale_b.hypotheses(enc, two.b),
        ),
    )


def bc_plumbing(enc: Encoding) -> Goal:
    """The goal of ``BC-PLUMBING``."""
    legacy = LEGACY_PLUMBING[enc.topology.legacy]
    single_seat = [
        enc.role(row.role)
        for row in enc.topology.rows
        if row.cardinality.maximum == 1
    ]

    def passes(among: Among, terms: AmphoraTerms) -> z3.BoolRef:
        if among is Among.ALLOCATED:
            return terms.status == enc.status(AMPHORA_ALLOCATED)
        return z3.Not(enc.deleted(terms))  # Octavia: status != DELETED

    def claim(two: Two, rows: dict[Resource, Row]) -> z3.BoolRef:
        terms = []
        for resource, r in rows.items():
            if resource not in legacy:
                terms.append(z3.Not(r.fact(new=True)))
                continue
            among = legacy[resource].among
            today = z3.And(two.a.in_new_lb, passes(among, two.a.new))
            if r.pairwise:
                today = z3.And(
                    today, two.b.in_new_lb, passes(among, two.b.new)
                )
            terms.append(r.fact(new=True) == today)
        return z3.And(terms)

    def hypotheses(two: Two) -> tuple[z3.BoolRef, ...]:
        a, b = two.a.new, two.b.new
        return (
            # Today's code runs once roles are marked (see BC-LIVE-LOOPS).
            z3.Or(enc.assigned(a), enc.deleted(a)),
            z3.Or(enc.assigned(b), enc.deleted(b)),
            # No peer groups are configured today.
            two.same_group,
            # A settled load balancer never seats two amphorae in a role
            # of at most one seat.
            z3.Not(
                z3.And(
                    two.a.in_new_lb,
                    two.b.in_new_lb,
                    a.role == b.role,
                    enc.one_of(a.role, single_seat),
                    _seated(enc, a),
                    _seated(enc, b),
                )
            ),
        )

    return _one_version(enc, claim, hypotheses)


def _seated(enc: Encoding, terms: AmphoraTerms) -> z3.BoolRef:
    return enc.one_of(
        terms.status,
        [enc.status(s) for s in AMPHORA_STATUSES if enc.semantics.seated(s)],
    )
