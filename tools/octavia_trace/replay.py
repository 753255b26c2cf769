"""Which amphorae a load-balancer-level driver call would touch.

The noop drivers do nothing with the load balancer they are given; the
real drivers loop over its amphorae with their own status filters.  So a
load-balancer-level call is replayed through the traced tree's own real
driver code (the REST amphora driver with its keepalived mixin, and the
allowed-address-pairs network driver), with every per-amphora leaf
replaced by a recorder.  On a patched tree the patched loops and
selectors are what run here.
"""

from __future__ import annotations

import collections
import re
from typing import Any

PEERS = "peers"
"""The aspect of ``update_vrrp_conf`` naming the amphorae in the rendered
keepalived configuration's ``unicast_peer`` block."""

AMPHORA_LB_LEVEL = frozenset(
    {
        "update",
        "reload",
        "start",
        "delete",
        "stop_vrrp_service",
        "reload_vrrp_service",
        "update_vrrp_conf",
    }
)
NETWORK_LB_LEVEL = frozenset({"get_network_configs"})


class _Client:
    """An amphora agent client that only notes what it is sent."""

    def __init__(self, replayer: Any) -> None:
        self._replayer = replayer

    def __getattr__(self, name: str) -> Any:
        def call(amp: Any, *args: Any, **kwargs: Any) -> None:
            self._replayer.note(amp)
            if name == "upload_vrrp_config":
                self._replayer.configs.append(args[0])

        return call


def _amphora_replayer() -> Any:
    from octavia.amphorae.drivers.haproxy import rest_api_driver

    class Replayer(rest_api_driver.HaproxyAmphoraLoadBalancerDriver):
        def __init__(self) -> None:  # no REST clients, no templaters
            self.touched: list[Any] = []
            self.configs: list[str] = []
            self.clients = collections.defaultdict(lambda: _Client(self))

        def note(self, amp: Any) -> None:
            if all(amp.id != seen.id for seen in self.touched):
                self.touched.append(amp)

        def _populate_amphora_api_version(self, amp, *args, **kwargs):
            # As the real method does, minus asking the amphora.
            amp.api_version = getattr(amp, "api_version", None) or "1.0"
            self.note(amp)

        def update_amphora_listeners(self, loadbalancer, amphora, *a, **k):
            self.note(amphora)

        def stop_vrrp_service_on_amphora(self, amphora, *args, **kwargs):
            self.note(amphora)

        def _combined_config_delete(self, amphora, listener):
            self.note(amphora)

    return Replayer()


def _network_replayer() -> Any:
    from octavia.network.drivers.neutron import allowed_address_pairs

    class Port:
        network_id = None

        def get_subnet_id(self, ip_address: Any) -> None:
            return None

    class Replayer(allowed_address_pairs.AllowedAddressPairsDriver):
        def __init__(self) -> None:  # no Neutron
            pass

        def get_port(self, *args, **kwargs):
            return Port()

        def get_subnet(self, *args, **kwargs):
            return None

        def get_network(self, *args, **kwargs):
            return None

    return Replayer()


def touched(
    driver: str, method: str, arguments: dict
) -> dict[str, list[Any]] | None:
    """Per aspect, the amphorae the real driver touches; None if the
    call is not load-balancer-level (it touches what it is passed)."""
    args = {k: v for k, v in arguments.items() if k != "self"}
    if driver == "network" and method in NETWORK_LB_LEVEL:
        if args.get("amphora") is not None:
            return None
        configs = getattr(_network_replayer(), method)(**args)
        lb = args["loadbalancer"]
        return {"": [amp for amp in lb.amphorae if amp.id in configs]}
    if driver != "amphora" or method not in AMPHORA_LB_LEVEL:
        return None
    if method in ("reload", "start") and args.get("amphora") is not None:
        return None
    if method == "update_vrrp_conf":
        args["amphorae_network_config"] = renderable(
            args["amphorae_network_config"]
        )
    replayer = _amphora_replayer()
    getattr(replayer, method)(**args)
    result = {"": replayer.touched}
    if method == "update_vrrp_conf":
        result[PEERS] = peers(replayer.configs, args["loadbalancer"])
    return result


STAND_IN_SUBNET = {
    "cidr": "203.0.113.0/24",
    "gateway_ip": "203.0.113.254",
    "host_routes": [],
}
"""The VIP subnet the noop network driver leaves out of its network
configurations, which the keepalived template needs to render."""


def renderable(configs: dict) -> dict:
    """Copies of the amphorae's network configurations, completed with
    :data:`STAND_IN_SUBNET` where the noop driver left the VIP subnet out."""
    from octavia.common import constants

    completed = {}
    for amphora_id, config in configs.items():
        config = dict(config)
        if not config.get(constants.VIP_SUBNET):
            config[constants.VIP_SUBNET] = STAND_IN_SUBNET
        config.setdefault("additional_vip_data", [])
        completed[amphora_id] = config
    return completed


_PEER_BLOCK = re.compile(r"unicast_peer\s*\{([^}]*)\}")


def peers(configs: list[str], loadbalancer: Any) -> list[Any]:
    """The amphorae whose VRRP address the rendered configs list as peers."""
    addresses: set[str] = set()
    for config in configs:
        for block in _PEER_BLOCK.findall(config):
            addresses.update(block.split())
    return [amp for amp in loadbalancer.amphorae if amp.vrrp_ip in addresses]
