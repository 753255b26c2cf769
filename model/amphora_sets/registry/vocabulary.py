"""Octavia's own strings for topologies, roles and amphora statuses.

The values are exactly those of ``octavia.common.constants`` (and
``octavia_lib.common.constants``) in Octavia 19.0.0, plus the two the
Active-Active design adds: the ``ACTIVE_ACTIVE`` topology and the
``IN_CLUSTER`` role of the 0.9 Active-Active specification.
"""

from __future__ import annotations

import enum


class SetKind(enum.Enum):
    """The three overlapping amphora sets of a load balancer."""

    FRONT = "front"
    BACK = "back"
    VRRP = "vrrp"

    def __repr__(self) -> str:
        # Python source, so that a printed table pastes into a test.
        return f"SetKind.{self.name}"

    @property
    def title(self) -> str:
        """Human name of the set, as the specification spells it."""
        return _TITLES[self]


_TITLES = {
    SetKind.FRONT: "front-facing",
    SetKind.BACK: "back-facing",
    SetKind.VRRP: "VRRP-running",
}

TOPOLOGY_SINGLE = "SINGLE"
TOPOLOGY_ACTIVE_STANDBY = "ACTIVE_STANDBY"
TOPOLOGY_ACTIVE_ACTIVE = "ACTIVE_ACTIVE"

ROLE_STANDALONE = "STANDALONE"
ROLE_MASTER = "MASTER"
ROLE_BACKUP = "BACKUP"
ROLE_IN_CLUSTER = "IN_CLUSTER"

AMPHORA_ALLOCATED = "ALLOCATED"
AMPHORA_BOOTING = "BOOTING"
AMPHORA_READY = "READY"
AMPHORA_FAILOVER_STOPPED = "FAILOVER_STOPPED"
PENDING_CREATE = "PENDING_CREATE"
PENDING_UPDATE = "PENDING_UPDATE"
PENDING_DELETE = "PENDING_DELETE"
ERROR = "ERROR"
DELETED = "DELETED"
