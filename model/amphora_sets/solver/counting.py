"""Cardinality and lifecycle obligations over role-and-status counts.

A load balancer's set sizes and seat counts depend only on how many of its
amphorae have each (role, status) pair, because membership is pointwise.
So a load balancer of any size is a vector of non-negative integer counts,
and a lifecycle operation is an update of that vector: claims over counts
hold for every cluster size (linear integer arithmetic, no bound).
"""

from __future__ import annotations

import collections
import dataclasses
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
from amphora_sets.solver.groups import Group, by_role, grouped
from amphora_sets.values import Amphora

Counts = Mapping[tuple[str, str], z3.ArithRef]


class Cluster:
    """Count terms of one load balancer version, with derived measures.

    Counts are kept per (group, status), where ``groups`` maps each key to
    a :class:`~amphora_sets.solver.groups.Group` of roles; by default each
    role is its own group, keyed by its name.
    """

    def __init__(
        self,
        enc: Encoding,
        counts: Counts,
        groups: Mapping[str, Group] | None = None,
    ) -> None:
        self.enc = enc
        self.counts = counts
        self.groups = by_role(enc.topology) if groups is None else groups

    @classmethod
    def fresh(
        cls,
        enc: Encoding,
        name: str,
        groups: Mapping[str, Group] | None = None,
    ) -> Cluster:
        """Free, non-negative counts for every (group, status)."""
        groups = by_role(enc.topology) if groups is None else groups
        return cls(
            enc,
            {
                (key, status): z3.Int(
                    enc.fresh_name(f"{name}[{key},{status}]"), enc.ctx
                )
                for key in groups
                for status in AMPHORA_STATUSES
            },
            groups,
        )

    def moved(
        self, key: str, changes: list[tuple[str, int]], when: z3.BoolRef
    ) -> Cluster:
        """These counts with ``changes`` ((status, +/-n) pairs, summed) made
        to group ``key``'s counts where ``when`` holds."""
        delta = collections.Counter()
        for status, change in changes:
            delta[status] += change
        return Cluster(
            self.enc,
            {
                k: count + z3.If(when, delta[k[1]], 0)
                if k[0] == key
                else count
                for k, count in self.counts.items()
            },
            self.groups,
        )

    def _sum(self, keep: Callable[[str, str], bool]) -> z3.ArithRef:
        terms = [c for (g, s), c in self.counts.items() if keep(g, s)]
        return z3.Sum(terms) if terms else z3.IntVal(0, self.enc.ctx)

    def seats(self, key: str) -> z3.ArithRef:
        """Seated amphorae of group ``key`` (of a role, if by role)."""
        seated = self.enc.semantics.seated
        return self._sum(lambda g, s: g == key and seated(s))

    def _in(self, kind: SetKind) -> frozenset[str]:
        return frozenset(k for k, g in self.groups.items() if kind in g.sets)

    def size(self, kind: SetKind) -> z3.ArithRef:
        """Number of amphorae in set ``kind``."""
        keys = self._in(kind)
        live = self.enc.semantics.live
        return self._sum(lambda g, s: g in keys and live(s))

    def seated_size(self, kind: SetKind) -> z3.ArithRef:
        """Number of seated amphorae in set ``kind``."""
        keys = self._in(kind)
        live, seated = self.enc.semantics.live, self.enc.semantics.seated
        return self._sum(lambda g, s: g in keys and live(s) and seated(s))

    def non_negative(self) -> z3.BoolRef:
        """No count is negative."""
        return z3.And([c >= 0 for c in self.counts.values()], self.enc.ctx)

    def meets_cardinality(self) -> z3.BoolRef:
        """Every role's seat count is within its cardinality rule (for a
        group: the sum is within the sums of the rules)."""
        rules = []
        for key, group in self.groups.items():
            seats = self.seats(key)
            rules.append(seats >= group.minimum)
            if group.maximum is not None:
                rules.append(seats <= group.maximum)
        return z3.And(rules, self.enc.ctx)

    def settled(self) -> z3.BoolRef:
        """Meets cardinality and no amphora that holds a role is on its way
        out (unassigned amphorae are not counted: they are in no set and
        hold no seat)."""
        return z3.And(
            self.meets_cardinality(),
            *[
                c == 0
                for (g, s), c in self.counts.items()
                if s == PENDING_DELETE
            ],
        )

    def total(self) -> z3.ArithRef:
        """Number of amphorae, whatever their role and status."""
        return self._sum(lambda g, s: True)

    def amphorae(self, model: z3.ModelRef, version: str) -> list[Amphora]:
        """Concrete amphorae with these counts in ``model``.

        A group's seated amphorae are dealt to its roles so that each
        role's rule is met whenever the group's is (:meth:`Group.split`);
        the others go to its first role.  Ids are ``<version>-amp-<n>``:
        counts do not say which amphora of one version is which of
        another, so no id is shared between versions.
        """
        amphorae: list[Amphora] = []
        seated = self.enc.semantics.seated
        for key, group in self.groups.items():
            statuses = [
                status
                for status in AMPHORA_STATUSES
                for _ in range(
                    model.eval(
                        self.counts[(key, status)], model_completion=True
                    ).as_long()
                )
            ]
            seats = [s for s in statuses if seated(s)]
            roles = [
                row.role
                for row, n in zip(
                    group.rows, group.split(len(seats)), strict=True
                )
                for _ in range(n)
            ]
            first = group.rows[0].role
            pairs = list(zip(roles, seats, strict=True)) + [
                (first, s) for s in statuses if not seated(s)
            ]
            first_id = len(amphorae) + 1
            amphorae.extend(
                Amphora(f"{version}-amp-{first_id + i}", role, status)
                for i, (role, status) in enumerate(pairs)
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


@dataclasses.dataclass(frozen=True)
class Choice:
    """One group picked among some: its index term and the groups."""

    term: z3.ArithRef
    groups: Mapping[str, Group]

    @classmethod
    def among(
        cls, enc: Encoding, groups: Mapping[str, Group], eligible: list[str]
    ) -> tuple[Choice, z3.BoolRef]:
        """A choice and the hypothesis that it is one of ``eligible``."""
        term = z3.Int(enc.fresh_name("group"), enc.ctx)
        keys = list(groups)
        return cls(term, groups), z3.Or(
            [term == keys.index(k) for k in eligible] or [False], enc.ctx
        )

    def picks(self, key: str) -> z3.BoolRef:
        """The chosen group is ``key``."""
        return self.term == list(self.groups).index(key)

    def in_set(self, kind: SetKind) -> z3.BoolRef:
        """The chosen group's roles are in set ``kind``."""
        return z3.Or(
            [self.picks(k) for k, g in self.groups.items() if kind in g.sets]
            or [False],
            self.term.ctx,
        )


def _inv_sized(
    enc: Encoding,
    claim: Callable[[Cluster], z3.BoolRef],
    premise: tuple[str, Callable[[Cluster], z3.BoolRef]] | None = None,
) -> Goal:
    lb = Cluster.fresh(enc, "lb", grouped(enc.topology))
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
    groups = grouped(enc.topology)
    created = Cluster(
        enc,
        {
            (key, status): z3.IntVal(
                group.minimum if status == AMPHORA_ALLOCATED else 0, enc.ctx
            )
            for key, group in groups.items()
            for status in AMPHORA_STATUSES
        },
        groups,
    )
    return _goal(enc, {"created": created}, [], created.settled())


def _joins_role_sets(
    before: Cluster, after: Cluster, chosen: Choice, by: int
) -> z3.BoolRef:
    """Each set of the chosen group changes size by ``by``; no other set
    changes."""
    return z3.And(
        [
            after.size(k) == before.size(k) + z3.If(chosen.in_set(k), by, 0)
            for k in SetKind
        ],
        before.enc.ctx,
    )


def _failover(
    enc: Encoding,
) -> tuple[Cluster, Cluster, Cluster, Choice, list[z3.BoolRef]]:
    """Before, the coexistence window and after a failover, and the group
    of the failed amphora's role.

    In Octavia's order: the failed amphora (in any seated status) is marked
    PENDING_DELETE; its replacement is created, allocated and then marked
    with the failed amphora's role (the window: both hold the role); then
    the failed amphora is DELETED.  Until it is marked, the replacement
    holds no role, so it is in no set and holds no seat
    (``INV-UNASSIGNED-EXCLUDED``): the role is one seat short meanwhile.
    """
    groups = grouped(enc.topology)
    before = Cluster.fresh(enc, "before", groups)
    chosen, chosen_range = Choice.among(enc, groups, list(groups))
    failed = z3.Const(enc.fresh_name("failed"), enc.status_sort)
    window = before
    picks = []
    for key in groups:
        for status in AMPHORA_STATUSES:
            if not enc.semantics.seated(status) or status == PENDING_DELETE:
                continue
            when = z3.And(chosen.picks(key), failed == enc.status(status))
            picks.append(z3.And(when, before.counts[(key, status)] >= 1))
            window = window.moved(
                key,
                [(status, -1), (PENDING_DELETE, +1), (AMPHORA_ALLOCATED, +1)],
                when,
            )
    after = window
    for key in groups:
        after = after.moved(
            key, [(PENDING_DELETE, -1), (DELETED, +1)], chosen.picks(key)
        )
    hypotheses = [before.settled(), chosen_range, z3.Or(picks, enc.ctx)]
    return before, window, after, chosen, hypotheses


def op_failover_window(enc: Encoding) -> Goal:
    """The goal of ``OP-FAILOVER-WINDOW``."""
    before, window, _, chosen, hypotheses = _failover(enc)
    return _goal(
        enc,
        {"before": before, "window": window},
        hypotheses,
        z3.And(
            window.meets_cardinality(),
            _joins_role_sets(before, window, chosen, +1),
        ),
    )


def op_failover_done(enc: Encoding) -> Goal:
    """The goal of ``OP-FAILOVER-DONE``."""
    before, _, after, chosen, hypotheses = _failover(enc)
    return _goal(
        enc,
        {"before": before, "after": after},
        hypotheses,
        z3.And(after.settled(), _joins_role_sets(before, after, chosen, 0)),
    )


def _scalable(groups: Mapping[str, Group]) -> list[str]:
    return [key for key, group in groups.items() if group.scalable]


def op_scale_out(enc: Encoding) -> Goal:
    """The goal of ``OP-SCALE-OUT``."""
    # A group has room exactly when one of its roles has: before is
    # settled, so every role of the group is within its rule.
    groups = grouped(enc.topology)
    before = Cluster.fresh(enc, "before", groups)
    chosen, chosen_range = Choice.among(enc, groups, _scalable(groups))
    after, room = before, []
    for key, group in groups.items():
        after = after.moved(key, [(AMPHORA_ALLOCATED, +1)], chosen.picks(key))
        if group.maximum is not None:
            room.append(
                z3.Implies(
                    chosen.picks(key), before.seats(key) < group.maximum
                )
            )
    return _goal(
        enc,
        {"before": before, "after": after},
        [before.settled(), chosen_range, *room],
        z3.And(after.settled(), _joins_role_sets(before, after, chosen, +1)),
    )


def op_scale_in(enc: Encoding) -> Goal:
    """The goal of ``OP-SCALE-IN``."""
    groups = grouped(enc.topology)
    before = Cluster.fresh(enc, "before", groups)
    chosen, chosen_range = Choice.among(enc, groups, _scalable(groups))
    leaving, gone, spare = before, before, []
    for key, group in groups.items():
        when = chosen.picks(key)
        spare.append(
            z3.Implies(
                when,
                z3.And(
                    before.seats(key) > group.minimum,
                    before.counts[(key, AMPHORA_ALLOCATED)] >= 1,
                ),
            )
        )
        leaving = leaving.moved(
            key, [(AMPHORA_ALLOCATED, -1), (PENDING_DELETE, +1)], when
        )
        gone = gone.moved(key, [(AMPHORA_ALLOCATED, -1), (DELETED, +1)], when)
    return _goal(
        enc,
        {"before": before, "leaving": leaving, "gone": gone},
        [before.settled(), chosen_range, *spare],
        z3.And(
            leaving.meets_cardinality(),
            _joins_role_sets(before, leaving, chosen, 0),
            gone.settled(),
            _joins_role_sets(before, gone, chosen, -1),
        ),
    )


def op_delete(enc: Encoding) -> Goal:
    """The goal of ``OP-DELETE``."""
    groups = grouped(enc.topology)
    before = Cluster.fresh(enc, "before", groups)
    after = Cluster(
        enc,
        {
            (key, status): z3.Sum(
                [c for (g, _), c in before.counts.items() if g == key]
            )
            if status == DELETED
            else z3.IntVal(0, enc.ctx)
            for key in groups
            for status in AMPHORA_STATUSES
        },
        groups,
    )
    return _goal(
        enc,
        {"before": before, "after": after},
        [before.meets_cardinality()],
        z3.And([after.size(k) == 0 for k in SetKind], enc.ctx),
    )
