"""A load balancer's sets as sets of amphora ids, worked out in bulk.

:meth:`~amphora_sets.LoadBalancer.select` is the reference semantics.  A
:class:`Census` holds the same answers for every set at once, found with
a few passes of set algebra over the amphorae's columns instead of a loop
per amphora and set, for checks that ask about every set of a large load
balancer.  Tests hold it equal to ``select`` for every topology.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from typing import NamedTuple

from amphora_sets.cardinality import admits_counts, count_seats
from amphora_sets.registry.statuses import LIVE_STATUSES, SEATED_STATUSES
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.values import LoadBalancer

_NO_ROLE: frozenset[object] = frozenset({None})


class Census(NamedTuple):
    """Who is where in one load balancer, by amphora id.

    A named tuple rather than a dataclass: it is built on every check,
    and a tuple is the cheapest frozen value to build.
    """

    every: frozenset[str]
    """Every amphora, DELETED ones too."""
    live: frozenset[str]
    """Amphorae not DELETED, with or without a role."""
    unassigned: frozenset[str]
    """Amphorae that hold no role yet."""
    seated: frozenset[str]
    """Amphorae that hold a seat of their role."""
    front: frozenset[str]
    back: frozenset[str]
    vrrp: frozenset[str]
    settled: bool
    """True if the seat counts meet the topology's cardinality rules."""

    def of(self, kind: SetKind) -> frozenset[str]:
        """The ids of set ``kind``: ``lb.select(kind)``'s amphorae."""
        if kind is SetKind.FRONT:
            return self.front
        if kind is SetKind.BACK:
            return self.back
        return self.vrrp


def census(lb: LoadBalancer) -> Census:
    """The :class:`Census` of ``lb``."""
    ids = [a.id for a in lb.amphorae]
    roles = [a.role for a in lb.amphorae]
    statuses = [a.status for a in lb.amphorae]
    every = frozenset(ids)
    live = _where(ids, statuses, LIVE_STATUSES, every)
    present = set(roles)
    table = lb.table

    def members(kind: SetKind) -> frozenset[str]:
        roles_in = table.roles_in(kind)
        if present <= roles_in:
            return live
        if present.isdisjoint(roles_in):
            return frozenset()
        of_roles = _where(ids, roles, roles_in, every)
        return of_roles if live is every else of_roles & live

    return Census(
        every=every,
        live=live,
        unassigned=(
            _where(ids, roles, _NO_ROLE, every)
            if None in present
            else frozenset()
        ),
        seated=_where(ids, statuses, SEATED_STATUSES, every),
        front=members(SetKind.FRONT),
        back=members(SetKind.BACK),
        vrrp=members(SetKind.VRRP),
        settled=admits_counts(table, count_seats(roles, statuses)),
    )


def _where(
    ids: Sequence[str],
    column: Sequence[object],
    accepted: frozenset[object],
    every: frozenset[str],
) -> frozenset[str]:
    """The ids whose ``column`` value is in ``accepted`` (``every`` if all
    of them are, which is the common case and needs no second pass)."""
    if accepted.issuperset(column):
        return every
    return frozenset(compress(ids, map(accepted.__contains__, column)))
