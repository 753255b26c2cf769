"""Seat counts: does a load balancer meet its topology's cardinality rules?"""

from __future__ import annotations

from amphora_sets.registry.statuses import is_seated
from amphora_sets.values import LoadBalancer


def seats(lb: LoadBalancer, role: str) -> int:
    """How many amphorae of ``role`` hold a seat (see the status rule)."""
    return sum(a.role == role and is_seated(a.status) for a in lb.amphorae)


def meets_cardinality(lb: LoadBalancer) -> bool:
    """True if every role's seat count is within its cardinality rule."""
    return all(
        row.cardinality.admits(seats(lb, row.role)) for row in lb.table.rows
    )
