"""The status rule: which amphora statuses count, and for what.

This is the one place that decides it.  Octavia keeps DELETED amphora rows
in ``LoadBalancer.amphorae`` until housekeeping purges them, so every call
site re-filters, and today they disagree: failover and VIP deallocation
keep ``status != DELETED`` (they must still see an amphora in ERROR or
PENDING_DELETE, whose ports exist), while the keepalived, VIP-plug and
member-delta code keep ``status == ALLOCATED`` (they configure amphorae that
are in service).

The rule here separates the two questions:

* **live**: the amphora belongs to its role's sets.  Every status except
  DELETED: an amphora in ERROR or PENDING_DELETE still owns Neutron ports
  on the VIP and member networks, so the sets that say which networks an
  amphora is plugged into must still list it.  A call site that configures
  only in-service amphorae keeps its filter as a selection,
  ``among=is_allocated``, which is exactly today's ``== ALLOCATED`` loop.
* **seated**: the amphora holds a seat of its role for the cardinality
  rules.  Every live status except PENDING_DELETE: failover marks the old
  amphora PENDING_DELETE before its replacement is created, so the old and
  the new amphora never hold the same seat twice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from amphora_sets.registry import vocabulary as v


@dataclasses.dataclass(frozen=True)
class StatusRule:
    """What an amphora status means for set membership and cardinality."""

    status: str
    live: bool
    seated: bool
    why: str


STATUS_RULES: Mapping[str, StatusRule] = MappingProxyType(
    {
        rule.status: rule
        for rule in (
            StatusRule(v.AMPHORA_ALLOCATED, True, True, "in service"),
            StatusRule(v.AMPHORA_BOOTING, True, True, "being built for it"),
            StatusRule(v.AMPHORA_READY, True, True, "built, not yet mapped"),
            StatusRule(v.PENDING_CREATE, True, True, "row being created"),
            StatusRule(v.PENDING_UPDATE, True, True, "being reconfigured"),
            StatusRule(v.ERROR, True, True, "broken, awaiting failover"),
            StatusRule(
                v.AMPHORA_FAILOVER_STOPPED,
                True,
                True,
                "failover threshold reached; still plugged",
            ),
            StatusRule(
                v.PENDING_DELETE,
                True,
                False,
                "being replaced or removed; ports still exist",
            ),
            StatusRule(v.DELETED, False, False, "row kept until purged"),
        )
    }
)
"""Every amphora status Octavia 19.0.0 uses, with its rule."""

AMPHORA_STATUSES: tuple[str, ...] = tuple(STATUS_RULES)
LIVE_STATUSES: frozenset[str] = frozenset(
    rule.status for rule in STATUS_RULES.values() if rule.live
)
SEATED_STATUSES: frozenset[str] = frozenset(
    rule.status for rule in STATUS_RULES.values() if rule.seated
)


def is_live(status: str) -> bool:
    """True if an amphora of this status belongs to its role's sets."""
    return status in LIVE_STATUSES


def is_seated(status: str) -> bool:
    """True if an amphora of this status holds a seat of its role."""
    return status in SEATED_STATUSES
