"""What Octavia 19.0.0 loops over today, per topology and set.

Today there are no sets: every call site loops over the load balancer's
amphorae, filtered by status.  The VIP-plug and member-network code run for
both topologies; the keepalived (VRRP) sub-flows run only for
ACTIVE_STANDBY.  So for each existing topology this names the sets whose
future call sites loop today over every live amphora; the other sets have
no call site today and must be empty.  The backwards-compatibility
obligations (``BC-``) prove the selectors give exactly this.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.vocabulary import SetKind

LEGACY_LOOPS: Mapping[str, frozenset[SetKind]] = MappingProxyType(
    {
        v.TOPOLOGY_SINGLE: frozenset({SetKind.FRONT, SetKind.BACK}),
        v.TOPOLOGY_ACTIVE_STANDBY: frozenset(SetKind),
    }
)
"""Topology -> the sets whose call sites loop over all live amphorae."""
