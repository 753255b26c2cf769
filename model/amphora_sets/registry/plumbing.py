"""Which set each piece of network plumbing follows: one table.

Every resource the controller puts on an amphora is a row here: the set
whose members get it, the status filter its call sites keep, whether it
is per amphora or per pair of amphorae (a rule on ``amphora`` that admits
traffic from ``peer``, a configuration entry on ``amphora`` naming
``peer``), which input lists its items (member networks, listener ports,
VRRP protocols), the operations that change it, and the ``SEC-``
obligation that states it.

Ports and security-group rules follow the *live* members: a port exists
until its amphora is DELETED.  Configuration files list only in-service
peers, today's ``status == ALLOCATED`` filter, kept as a selection.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from types import MappingProxyType

from amphora_sets.registry.vocabulary import SetKind

HAPROXY_PEER_PORT = 1025
"""TCP port of HAProxy's ``peers`` section (``HAPROXY_BASE_PEER_PORT``)."""

VRRP_PROTOCOL = 112
"""IP protocol number of VRRP."""

AH_PROTOCOL = 51
"""IP protocol number of the Authentication Header (VRRP with AH auth)."""


class Resource(enum.Enum):
    """A kind of plumbing an amphora can have."""

    VIP_PORT = "vip-port"
    LISTENER_RULE = "listener-rule"
    MEMBER_PORT = "member-port"
    KEEPALIVED = "keepalived"
    KEEPALIVED_PEER = "keepalived-peer"
    VRRP_RULE = "vrrp-rule"
    HAPROXY_PEER = "haproxy-peer"
    PEERS_RULE = "peers-rule"


class Action(enum.Enum):
    """A per-amphora operation of a plan."""

    PLUG_VIP = "plug-vip"
    PLUG_MEMBER = "plug-member"
    OPEN_RULE = "open-rule"
    WRITE_KEEPALIVED = "write-keepalived"
    UPDATE_PEERS = "update-peers"
    CLOSE_RULE = "close-rule"
    UNPLUG_MEMBER = "unplug-member"
    UNPLUG_VIP = "unplug-vip"


class Shape(enum.Enum):
    """Whether a resource belongs to one amphora or to an ordered pair."""

    AMPHORA = "per amphora"
    PAIR = "per pair of amphorae"


class Among(enum.Enum):
    """The status filter a resource's call sites keep."""

    LIVE = "live"
    ALLOCATED = "ALLOCATED"


@dataclasses.dataclass(frozen=True)
class Follows:
    """One row: a resource, the set it follows and how it changes.

    A resource is either added and removed one at a time (``add`` and
    ``remove``) or rewritten whole per amphora (``write``): every row with
    the same ``write`` action is one configuration file.
    """

    resource: Resource
    kind: SetKind
    shape: Shape
    among: Among
    items: str | None
    grouped: bool
    add: Action | None
    remove: Action | None
    write: Action | None
    obligation: str
    what: str


def _row(
    resource: Resource,
    kind: SetKind,
    shape: Shape,
    among: Among,
    change: tuple[Action, Action] | Action,
    obligation: str,
    what: str,
    *,
    items: str | None = None,
    grouped: bool = False,
) -> Follows:
    add, remove, write = (
        (*change, None) if isinstance(change, tuple) else (None, None, change)
    )
    return Follows(
        resource,
        kind,
        shape,
        among,
        items,
        grouped,
        add,
        remove,
        write,
        obligation,
        what,
    )


_F, _B, _V = SetKind.FRONT, SetKind.BACK, SetKind.VRRP
_ONE, _PAIR = Shape.AMPHORA, Shape.PAIR
_LIVE, _ALLOCATED = Among.LIVE, Among.ALLOCATED
_PORT_VIP = (Action.PLUG_VIP, Action.UNPLUG_VIP)
_PORT_MEMBER = (Action.PLUG_MEMBER, Action.UNPLUG_MEMBER)
_RULE = (Action.OPEN_RULE, Action.CLOSE_RULE)

PLUMBING: Mapping[Resource, Follows] = MappingProxyType(
    {
        row.resource: row
        for row in (
            _row(
                Resource.VIP_PORT, _F, _ONE, _LIVE, _PORT_VIP,
                "SEC-VIP-SG-ON-FRONT",
                "a port on the VIP network, in the load balancer's "
                "security group",
            ),
            _row(
                Resource.LISTENER_RULE, _F, _ONE, _LIVE, _RULE,
                "SEC-VIP-SG-ON-FRONT",
                "the security group's rule for a listener port, on the "
                "VIP port",
                items="listener_ports",
            ),
            _row(
                Resource.MEMBER_PORT, _B, _ONE, _LIVE, _PORT_MEMBER,
                "SEC-MEMBER-NETS-BACK-ONLY",
                "a port on a member network",
                items="member_networks",
            ),
            _row(
                Resource.KEEPALIVED, _V, _ONE, _ALLOCATED,
                Action.WRITE_KEEPALIVED,
                "SEC-VRRP-AMONG-VRRP",
                "a keepalived configuration",
            ),
            _row(
                Resource.KEEPALIVED_PEER, _V, _PAIR, _ALLOCATED,
                Action.WRITE_KEEPALIVED,
                "SEC-VRRP-AMONG-VRRP",
                "a unicast peer in the keepalived configuration",
            ),
            _row(
                Resource.VRRP_RULE, _V, _PAIR, _LIVE, _RULE,
                "SEC-VRRP-AMONG-VRRP",
                "a rule admitting VRRP (or AH) from a peer",
                items="vrrp_protocols",
            ),
            _row(
                Resource.HAPROXY_PEER, _B, _PAIR, _ALLOCATED,
                Action.UPDATE_PEERS,
                "SEC-PEERS-AMONG-BACK",
                "an entry in HAProxy's peers section, within a peer group",
                grouped=True,
            ),
            _row(
                Resource.PEERS_RULE, _B, _PAIR, _LIVE, _RULE,
                "SEC-PEERS-AMONG-BACK",
                f"a rule admitting TCP {HAPROXY_PEER_PORT} (HAProxy peers) "
                "from a peer of the same peer group",
                items="peers_ports",
                grouped=True,
            ),
        )
    }
)  # fmt: skip
"""Resource -> the row saying which set it follows and how it changes."""
