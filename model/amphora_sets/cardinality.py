"""Seat counts: does a load balancer meet its topology's cardinality rules?"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import compress

from amphora_sets.registry.statuses import SEATED_STATUSES
from amphora_sets.registry.topologies import Topology
from amphora_sets.values import LoadBalancer


def count_seats(
    roles: Sequence[str | None], statuses: Sequence[str]
) -> dict[str, int]:
    """How many amphorae of each role hold a seat (see the status rule),
    from the amphorae's roles and statuses in the same order.  An amphora
    that holds no role yet holds no seat."""
    if SEATED_STATUSES.issuperset(statuses):
        seated = roles
    else:
        seated = list(
            compress(roles, map(SEATED_STATUSES.__contains__, statuses))
        )
    present = set(seated)
    present.discard(None)
    if len(present) <= _FEW_ROLES:
        # A few passes of list.count beat one of Counter's dict updates.
        return {role: seated.count(role) for role in present}
    counts = Counter(seated)
    del counts[None]
    return counts  # type: ignore[return-value]


_FEW_ROLES = 4


def seat_counts(lb: LoadBalancer) -> dict[str, int]:
    """How many amphorae of each role of ``lb`` hold a seat; a role with
    none is left out."""
    return count_seats(
        [a.role for a in lb.amphorae], [a.status for a in lb.amphorae]
    )


def seats(lb: LoadBalancer, role: str) -> int:
    """How many amphorae of ``role`` hold a seat (see the status rule)."""
    return seat_counts(lb).get(role, 0)


def admits_counts(topology: Topology, counts: Mapping[str, int]) -> bool:
    """True if seat ``counts`` by role meet every cardinality rule of
    ``topology`` (a role missing from ``counts`` has no seat)."""
    return all(
        row.cardinality.admits(counts.get(row.role, 0))
        for row in topology.rows
    )


def meets_cardinality(lb: LoadBalancer) -> bool:
    """True if every role's seat count is within its cardinality rule."""
    return admits_counts(lb.table, seat_counts(lb))
