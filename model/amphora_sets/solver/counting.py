"""Cardinality and lifecycle obligations over role-and-status counts.

A load balancer's set sizes and seat counts depend only on how many of its
amphorae have each (role, status) pair, because membership is pointwise.
So a load balancer of any size is a vector of non-negative integer counts,
and a lifecycle operation is an update of that vector: claims over counts
hold for every cluster size (linear integer arithmetic, no bound).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Mapping

import z3

from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.vocabulary import (
    AMPHORA_ALLOCATED,
    DELETED,
    PENDING_DELETE,
    SetKind,
)
from amphora_sets.solver import witness as w
from amphora_sets.solver.encoding import Encoding
from amphora_sets.solver.goal import Condition, Goal
from amphora_sets.values import Amphora

Counts = Mapping[tuple[str, str], z3.ArithRef]


class Cluster:
    """Count terms of one load balancer version, with derived measures."""

    def __init__(self, enc: Encoding, counts: Counts) -> None:
        self.enc = enc
        self.counts = counts

    @classmethod
    def fresh(cls, enc: Encoding, name: str) -> Cluster:
        """Free, non-negative counts for every (role, status)."""
        return cls(
            enc,
            {
                (role, status): z3.Int(
                    enc.fresh_name(f"{name}[{role},{status}]"), enc.ctx
                )
                for role in enc.topology.roles
                for status in AMPHORA_STATUSES
            },
        )

    def moved(
        self, role: str, changes: list[tuple[str, int]], when: z3.BoolRef
    ) -> Cluster:
        """These counts with ``changes`` ((status, +/-n) pairs, summed) made
        to ``role``'s counts where ``when`` holds."""
        delta = collections.Counter()
        for status, change in changes:
            delta[status] += change
        return Cluster(
            self.enc,
            {
                key: count + z3.If(when, delta[key[1]], 0)
                if key[0] == role
                else count
                for key, count in self.counts.items()
            },
        )

    def _sum(self, keep: Callable[[str, str], bool]) -> z3.ArithRef:
        terms = [c for (r, s), c in self.counts.items() if keep(r, s)]
        return z3.Sum(terms) if terms else z3.IntVal(0, self.enc.ctx)

    def seats(self, role: str) -> z3.ArithRef:
        """Seated amphorae of ``role``."""
        seated = self.enc.semantics.seated
        return self._sum(lambda r, s: r == role and seated(s))

    def size(self, kind: SetKind) -> z3.ArithRef:
        """Number of amphorae in set ``kind``."""
        roles = self.enc.topology.roles_in(kind)
        live = self.enc.semantics.live
        return self._sum(lambda r, s: r in roles and live(s))

    def seated_size(self, kind: SetKind) -> z3.ArithRef:
        """Number of seated amphorae in set ``kind``."""
        roles = self.enc.topology.roles_in(kind)
        live, seated = self.enc.semantics.live, self.enc.semantics.seated
        return self._sum(lambda r, s: r in roles and live(s) and seated(s))

    def non_negative(self) -> z3.BoolRef:
        """No count is negative."""
        return z3.And([c >= 0 for c in self.counts.values()], self.enc.ctx)

    def meets_cardinality(self) -> z3.BoolRef:
        """Every role's seat count is within its cardinality rule."""
        rules = []
        for row in self.enc.topology.rows:
            seats = self.seats(row.role)
            rules.append(seats >= row.cardinality.minimum)
            if row.cardinality.maximum is not None:
                rules.append(seats <= row.cardinality.maximum)
        return z3.And(rules, self.enc.ctx)

    def settled(self) -> z3.BoolRef:
        """Meets cardinality and no amphora that holds a role is on its way
        out (unassigned amphorae are not counted: they are in no set and
        hold no seat)."""
        return z3.And(
            self.meets_cardinality(),
            *[
                c == 0
                for (r, s), c in self.counts.items()
                if s == PENDING_DELETE
            ],
        )

    def total(self) -> z3.ArithRef:
        """Number of amphorae, whatever their role and status."""
        return self._sum(lambda r, s: True)

    def amphorae(self, model: z3.ModelRef, version: str) -> list[Amphora]:
        """Concrete amphorae with these counts in ``model``.

        Ids are ``<version>-amp-<n>``: counts do not say which amphora of one
        version is which of another, so no id is shared between versions.
        """
        amphorae: list[Amphora] = []
        for (role, status), count in self.counts.items():
            first = len(amphorae) + 1
            n = model.eval(count, model_completion=True).as_long()
            amphorae.extend(
                Amphora(f"{version}-amp-{first + i}", role, status)
                for i in range(n)
            )
        return amphorae


def _goal(
    enc: Encoding,
    versions: dict[str, Cluster],
    hypotheses: list[z3.BoolRef],
    claim: z3.BoolRef,
    premise: Condition | None = None,
) -> Goal:
    def render(model: z3.ModelRef) -> dict[str, object]:
        return {
            name: w.load_balancer(enc, model, cluster.amphorae(model, name))
            for name, cluster in versions.items()
        }

    non_negative = [c.non_negative() for c in versions.values()]
    size = z3.Sum([c.total() for c in versions.values()])
    return Goal(
        (*non_negative, *hypotheses),
        claim,
        render,
        size=size,
        premise=premise,
    )


def _role_choice(
    enc: Encoding, name: str, roles: list[str]
) -> tuple[z3.ExprRef, Callable[[str], z3.BoolRef], z3.BoolRef]:
    """A role picked among ``roles``: its term, an 'is' test, its range."""
    role = z3.Const(enc.fresh_name(name), enc.role_sort)
    return (
        role,
        lambda r: role == enc.role(r),
        enc.one_of(role, [enc.role(r) for r in roles]),
    )


def _inv_sized(
    enc: Encoding,
    claim: Callable[[Cluster], z3.BoolRef],
    premise: tuple[str, Callable[[Cluster], z3.BoolRef]] | None = None,
) -> Goal:
    lb = Cluster.fresh(enc, "lb")
    return _goal(
        enc,
        {"lb": lb},
        [lb.meets_cardinality()],
        claim(lb),
        Condition(premise[0], premise[1](lb)) if premise else None,
    )


def inv_front_nonempty(enc: Encoding) -> Goal:
    """The goal of ``INV-FRONT-NONEMPTY``."""
    return _inv_sized(enc, lambda lb: lb.seated_size(SetKind.FRONT) >= 1)


def inv_back_nonempty(enc: Encoding) -> Goal:
    """The goal of ``INV-BACK-NONEMPTY``."""
    return _inv_sized(enc, lambda lb: lb.seated_size(SetKind.BACK) >= 1)


def inv_vrrp_peered(enc: Encoding) -> Goal:
    """The goal of ``INV-VRRP-PEERED``."""

    def claim(lb: Cluster) -> z3.BoolRef:
        size = lb.seated_size(SetKind.VRRP)
        return z3.Or(size == 0, size >= 2)

    return _inv_sized(
        enc,
        claim,
        (
            f"no seated {SetKind.VRRP.title} amphora",
            lambda lb: lb.seated_size(SetKind.VRRP) >= 1,
        ),
    )


def op_create(enc: Encoding) -> Goal:
    """The goal of ``OP-CREATE``."""
    created = Cluster(
        enc,
        {
            (row.role, status): z3.IntVal(
                row.cardinality.minimum if status == AMPHORA_ALLOCATED else 0,
                enc.ctx,
            )
            for row in enc.topology.rows
            for status in AMPHORA_STATUSES
        },
    )
    return _goal(enc, {"created": created}, [], created.settled())


def _joins_role_sets(
    enc: Encoding, before: Cluster, after: Cluster, role: z3.ExprRef, by: int
) -> z3.BoolRef:
    """Each set of ``role`` changes size by ``by``; no other set changes."""
    return z3.And(
        [
            after.size(k)
            == before.size(k) + z3.If(enc.in_role_set(k, role), by, 0)
            for k in SetKind
        ],
        enc.ctx,
    )


def _failover(
    enc: Encoding,
) -> tuple[Cluster, Cluster, Cluster, z3.ExprRef, list[z3.BoolRef]]:
    """Before, the coexistence window and after a failover, and the role.

    In Octavia's order: the failed amphora (in any seated status) is marked
    PENDING_DELETE; its replacement is created, allocated and then marked
    with the failed amphora's role (the window: both hold the role); then
    the failed amphora is DELETED.  Until it is marked, the replacement
    holds no role, so it is in no set and holds no seat
    (``INV-UNASSIGNED-EXCLUDED``): the role is one seat short meanwhile.
    """
    before = Cluster.fresh(enc, "before")
    role, is_role, role_range = _role_choice(enc, "role", enc.topology.roles)
    failed = z3.Const(enc.fresh_name("failed"), enc.status_sort)
    window = before
    picks = []
    for name in enc.topology.roles:
        for status in AMPHORA_STATUSES:
            if not enc.semantics.seated(status) or status == PENDING_DELETE:
                continue
            when = z3.And(is_role(name), failed == enc.status(status))
            picks.append(z3.And(when, before.counts[(name, status)] >= 1))
            window = window.moved(
                name,
                [(status, -1), (PENDING_DELETE, +1), (AMPHORA_ALLOCATED, +1)],
                when,
            )
    after = window
    for name in enc.topology.roles:
        after = after.moved(
            name, [(PENDING_DELETE, -1), (DELETED, +1)], is_role(name)
        )
    hypotheses = [before.settled(), role_range, z3.Or(picks, enc.ctx)]
    return before, window, after, role, hypotheses


def op_failover_window(enc: Encoding) -> Goal:
    """The goal of ``OP-FAILOVER-WINDOW``."""
    before, window, _, role, hypotheses = _failover(enc)
    return _goal(
        enc,
        {"before": before, "window": window},
        hypotheses,
        z3.And(
            window.meets_cardinality(),
            _joins_role_sets(enc, before, window, role, +1),
        ),
    )


def op_failover_done(enc: Encoding) -> Goal:
    """The goal of ``OP-FAILOVER-DONE``."""
    before, _, after, role, hypotheses = _failover(enc)
    return _goal(
        enc,
        {"before": before, "after": after},
        hypotheses,
        z3.And(after.settled(), _joins_role_sets(enc, before, after, role, 0)),
    )


def op_scale_out(enc: Encoding) -> Goal:
    """The goal of ``OP-SCALE-OUT``."""
    before = Cluster.fresh(enc, "before")
    role, is_role, role_range = _role_choice(
        enc, "role", list(enc.topology.scalable_roles())
    )
    after, room = before, []
    for row in enc.topology.rows:
        after = after.moved(
            row.role, [(AMPHORA_ALLOCATED, +1)], is_role(row.role)
        )
        if row.cardinality.maximum is not None:
            room.append(
                z3.Implies(
                    is_role(row.role),
                    before.seats(row.role) < row.cardinality.maximum,
                )
            )
    return _goal(
        enc,
        {"before": before, "after": after},
        [before.settled(), role_range, *room],
        z3.And(
            after.settled(), _joins_role_sets(enc, before, after, role, +1)
        ),
    )


def op_scale_in(enc: Encoding) -> Goal:
    """The goal of ``OP-SCALE-IN``."""
    before = Cluster.fresh(enc, "before")
    role, is_role, role_range = _role_choice(
        enc, "role", list(enc.topology.scalable_roles())
    )
    leaving, gone, spare = before, before, []
    for row in enc.topology.rows:
        when = is_role(row.role)
        spare.append(
            z3.Implies(
                when,
                z3.And(
                    before.seats(row.role) > row.cardinality.minimum,
                    before.counts[(row.role, AMPHORA_ALLOCATED)] >= 1,
                ),
            )
        )
        leaving = leaving.moved(
            row.role, [(AMPHORA_ALLOCATED, -1), (PENDING_DELETE, +1)], when
        )
        gone = gone.moved(
            row.role, [(AMPHORA_ALLOCATED, -1), (DELETED, +1)], when
        )
    return _goal(
        enc,
        {"before": before, "leaving": leaving, "gone": gone},
        [before.settled(), role_range, *spare],
        z3.And(
            leaving.meets_cardinality(),
            _joins_role_sets(enc, before, leaving, role, 0),
            gone.settled(),
            _joins_role_sets(enc, before, gone, role, -1),
        ),
    )


def op_delete(enc: Encoding) -> Goal:
    """The goal of ``OP-DELETE``."""
    before = Cluster.fresh(enc, "before")
    after = Cluster(
        enc,
        {
            (role, status): z3.Sum(
                [c for (r, _), c in before.counts.items() if r == role]
            )
            if status == DELETED
            else z3.IntVal(0, enc.ctx)
            for role in enc.topology.roles
            for status in AMPHORA_STATUSES
        },
    )
    return _goal(
        enc,
        {"before": before, "after": after},
        [before.meets_cardinality()],
        z3.And([after.size(k) == 0 for k in SetKind], enc.ctx),
    )
