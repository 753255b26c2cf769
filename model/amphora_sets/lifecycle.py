"""Lifecycle operations as the states Octavia moves a load balancer through.

Each operation the ``OP-`` obligations describe is a function from a
load balancer to the states it passes through, in order: a replacement
or new amphora first boots without a role and is then marked, a failed
or removed amphora is PENDING_DELETE before it is DELETED.  The
conformance state machine and the conformance vectors both walk these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from amphora_sets.cardinality import seats
from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.statuses import is_seated
from amphora_sets.registry.topologies import Registry
from amphora_sets.values import Amphora, LoadBalancer


@dataclasses.dataclass(frozen=True)
class Step:
    """One state of an operation: its name and the load balancer after."""

    name: str
    lb: LoadBalancer


def _with(lb: LoadBalancer, amphorae: Iterable[Amphora]) -> LoadBalancer:
    return dataclasses.replace(lb, amphorae=tuple(amphorae))


def _set(lb: LoadBalancer, amphora_id: str, role: str | None, status: str):
    return _with(
        lb,
        (
            Amphora(a.id, role, status) if a.id == amphora_id else a
            for a in lb.amphorae
        ),
    )


def create(
    lb_id: str, topology: str, ids: Iterable[str], registry: Registry
) -> Step:
    """OP-CREATE: the minimum of every role, ALLOCATED, ids from ``ids``."""
    fresh = iter(ids)
    amphorae = tuple(
        Amphora(next(fresh), row.role, v.AMPHORA_ALLOCATED)
        for row in registry.get(topology).rows
        for _ in range(row.cardinality.minimum)
    )
    return Step("create", LoadBalancer(lb_id, topology, amphorae, registry))


def seated(lb: LoadBalancer, roles: Iterable[str]) -> list[Amphora]:
    """The live amphorae of ``roles`` that hold a seat, in order."""
    wanted = set(roles)
    return [
        a
        for a in lb.amphorae
        if a.live and a.role in wanted and is_seated(a.status)
    ]


def failover(lb: LoadBalancer, failed: Amphora, spare_id: str) -> list[Step]:
    """OP-FAILOVER-WINDOW then OP-FAILOVER-DONE for ``failed``."""
    booting = _with(
        lb, (*lb.amphorae, Amphora(spare_id, None, v.AMPHORA_BOOTING))
    )
    marked = _set(
        _set(booting, spare_id, failed.role, v.AMPHORA_ALLOCATED),
        failed.id,
        failed.role,
        v.PENDING_DELETE,
    )
    return [
        Step("failover: spare booting", booting),
        Step("failover: spare marked", marked),
        Step(
            "failover: failed amphora deleted",
            _set(marked, failed.id, failed.role, v.DELETED),
        ),
    ]


def scalable_roles(lb: LoadBalancer, *, grow: bool) -> list[str]:
    """Roles that may grow (below their maximum) or shrink (above their
    minimum) now."""
    found = []
    for row in lb.table.rows:
        if not row.cardinality.scalable:
            continue
        count = seats(lb, row.role)
        if grow:
            high = row.cardinality.maximum
            room = high is None or count < high
        else:
            room = count > row.cardinality.minimum
        if room:
            found.append(row.role)
    return found


def scale_out(lb: LoadBalancer, role: str, new_id: str) -> list[Step]:
    """OP-SCALE-OUT: a new amphora boots, then is marked ``role``."""
    booting = _with(
        lb, (*lb.amphorae, Amphora(new_id, None, v.AMPHORA_BOOTING))
    )
    return [
        Step("scale out: booting", booting),
        Step(
            "scale out: marked",
            _set(booting, new_id, role, v.AMPHORA_ALLOCATED),
        ),
    ]


def scale_in(lb: LoadBalancer, gone: Amphora) -> list[Step]:
    """OP-SCALE-IN: ``gone`` is PENDING_DELETE, then DELETED."""
    pending = _set(lb, gone.id, gone.role, v.PENDING_DELETE)
    return [
        Step("scale in: pending delete", pending),
        Step(
            "scale in: deleted", _set(pending, gone.id, gone.role, v.DELETED)
        ),
    ]


def delete(lb: LoadBalancer) -> list[Step]:
    """OP-DELETE: every amphora DELETED."""
    return [
        Step(
            "delete",
            _with(lb, (Amphora(a.id, a.role, v.DELETED) for a in lb.amphorae)),
        )
    ]


def purge(lb: LoadBalancer) -> list[Step]:
    """Housekeeping drops the DELETED rows; no set changes."""
    kept = [a for a in lb.amphorae if a.live]
    return (
        [Step("purge", _with(lb, kept))]
        if len(kept) < len(lb.amphorae)
        else []
    )
