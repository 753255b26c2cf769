"""The plumbing Octavia 19.0.0 builds today, per topology, with sources.

``BC-PLUMBING`` proves that, for the topologies Octavia has today, the
plumbing the sets call for (:mod:`amphora_sets.registry.plumbing`) is
exactly this.  Source paths are under ``octavia/`` in the 19.0.0 sdist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.plumbing import Among, Resource


@dataclasses.dataclass(frozen=True)
class LegacyPlumbing:
    """One resource as Octavia 19.0.0 builds it: on every amphora (or pair
    of amphorae) that passes ``among``, and where the code says so."""

    among: Among
    source: str


_VIP_PORT = LegacyPlumbing(
    Among.LIVE,
    "network/drivers/neutron/allowed_address_pairs.py:504-518 "
    "(plug_aap_port: a VIP-network port per amphora, in the VIP security "
    "group); deleted only with the amphora",
)
_LISTENER_RULE = LegacyPlumbing(
    Among.LIVE,
    "network/drivers/neutron/allowed_address_pairs.py:170-191 "
    "(_update_security_group_rules: one rule per listener port in the "
    "group every VIP port carries)",
)
_MEMBER_PORT = LegacyPlumbing(
    Among.LIVE,
    "controller/worker/v2/tasks/network_tasks.py:168-203 (CalculateDelta: "
    "member-network ports per amphora); deleted only with the amphora",
)
_PEERS_RULE = LegacyPlumbing(
    Among.LIVE,
    "network/drivers/neutron/allowed_address_pairs.py:163-166,193,204-213 "
    "(the peer port of every listener, whatever the topology, admitted "
    "from the group itself: use_remote_group_for_lb_peer_ports defaults "
    "to True, common/config.py:279)",
)

LEGACY_PLUMBING: Mapping[str, Mapping[Resource, LegacyPlumbing]] = (
    MappingProxyType(
        {
            v.TOPOLOGY_SINGLE: MappingProxyType(
                {
                    Resource.VIP_PORT: _VIP_PORT,
                    Resource.LISTENER_RULE: _LISTENER_RULE,
                    Resource.MEMBER_PORT: _MEMBER_PORT,
                    Resource.PEERS_RULE: _PEERS_RULE,
                }
            ),
            v.TOPOLOGY_ACTIVE_STANDBY: MappingProxyType(
                {
                    Resource.VIP_PORT: _VIP_PORT,
                    Resource.LISTENER_RULE: _LISTENER_RULE,
                    Resource.MEMBER_PORT: _MEMBER_PORT,
                    Resource.KEEPALIVED: LegacyPlumbing(
                        Among.ALLOCATED,
                        "amphorae/drivers/keepalived/vrrp_rest_driver.py:"
                        "31-46 (update_vrrp_conf ignores an amphora that "
                        "is not ALLOCATED)",
                    ),
                    Resource.KEEPALIVED_PEER: LegacyPlumbing(
                        Among.ALLOCATED,
                        "amphorae/drivers/keepalived/jinja/jinja_cfg.py:"
                        "119-123 (unicast peers: every other ALLOCATED "
                        "amphora)",
                    ),
                    Resource.VRRP_RULE: LegacyPlumbing(
                        Among.LIVE,
                        "network/drivers/neutron/allowed_address_pairs.py:"
                        "270-281 (ACTIVE_STANDBY only: protocols 112 and "
                        "51, admitted from the group itself)",
                    ),
                    Resource.HAPROXY_PEER: LegacyPlumbing(
                        Among.ALLOCATED,
                        "common/jinja/haproxy/combined_listeners/templates/"
                        "macros.j2:16-25 (ACTIVE_STANDBY only: a peer per "
                        "ALLOCATED amphora)",
                    ),
                    Resource.PEERS_RULE: _PEERS_RULE,
                }
            ),
        }
    )
)
"""Topology -> the plumbing Octavia 19.0.0 builds, with its source (paths
under ``octavia/``); a resource not listed is not built for that topology.
"""
