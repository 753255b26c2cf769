"""What the plumbing needs besides the sets: networks, ports and groups."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from types import MappingProxyType

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.plumbing import (
    AH_PROTOCOL,
    HAPROXY_PEER_PORT,
    VRRP_PROTOCOL,
)
from amphora_sets.values import is_collection

_Check = Callable[[object], "str | None"]

DEFAULT_GROUP = ""
"""The peer group of a back-facing amphora that ``peer_groups`` omits."""


@dataclasses.dataclass(frozen=True)
class Wiring:
    """The inputs of :func:`~amphora_sets.plumbing.plumbing_of`.

    ``member_networks`` are the pools' member networks; ``listener_ports``
    the listeners' protocol ports; ``vrrp_protocols`` the IP protocols
    VRRP traffic uses (112, and 51 where AH authentication is configured;
    Octavia 19.0.0 opens both); ``peers_ports`` the HAProxy peers ports.
    ``peer_groups`` maps amphora ids to peer groups (the 0.9
    Active-Active specification's groups of two or three): HAProxy peers
    and their rules stay within a group.  Amphorae it omits share one
    group, as both amphorae of an ACTIVE_STANDBY pair do today.
    """

    member_networks: tuple[str, ...] = ()
    listener_ports: tuple[int, ...] = ()
    vrrp_protocols: tuple[int, ...] = (VRRP_PROTOCOL, AH_PROTOCOL)
    peers_ports: tuple[int, ...] = (HAPROXY_PEER_PORT,)
    peer_groups: Mapping[str, str] = dataclasses.field(
        default_factory=lambda: MappingProxyType({})
    )

    def __post_init__(self) -> None:
        self._items("member_networks", _network)
        self._items("listener_ports", _port)
        self._items("vrrp_protocols", _vrrp_protocol)
        self._items("peers_ports", _port)
        groups = self.peer_groups
        if not isinstance(groups, Mapping):
            raise AmphoraSetsError(
                "peer_groups",
                f"must map amphora ids to group names, not {groups!r}",
            )
        for amphora_id, group in groups.items():
            if not isinstance(amphora_id, str) or not amphora_id:
                raise AmphoraSetsError(
                    "peer_groups",
                    f"keys must be amphora ids, not {amphora_id!r}",
                )
            if not isinstance(group, str):
                raise AmphoraSetsError(
                    "peer_groups",
                    f"group must be a string, not {group!r}",
                    amphora_id=amphora_id,
                )
        object.__setattr__(self, "peer_groups", MappingProxyType(dict(groups)))

    def _items(self, field: str, check: _Check) -> None:
        values = getattr(self, field)
        if not is_collection(values):
            raise AmphoraSetsError(
                field, f"must be a collection, not {values!r}"
            )
        values = tuple(values)
        for value in values:
            problem = check(value)
            if problem:
                raise AmphoraSetsError(field, f"{value!r}: {problem}")
        if len(set(values)) != len(values):
            raise AmphoraSetsError(field, f"duplicate items in {values!r}")
        object.__setattr__(self, field, values)

    def group_of(self, amphora_id: str) -> str:
        """The peer group of ``amphora_id``."""
        return self.peer_groups.get(amphora_id, DEFAULT_GROUP)

    def __hash__(self) -> int:
        return hash(
            (
                self.member_networks,
                self.listener_ports,
                self.vrrp_protocols,
                self.peers_ports,
                tuple(sorted(self.peer_groups.items())),
            )
        )


def _network(value: object) -> str | None:
    if isinstance(value, str) and value:
        return None
    return "must be a non-empty network id"


def _port(value: object) -> str | None:
    if type(value) is int and 1 <= value <= 65535:
        return None
    return "must be a port number from 1 to 65535"


def _vrrp_protocol(value: object) -> str | None:
    if value in (VRRP_PROTOCOL, AH_PROTOCOL) and type(value) is int:
        return None
    return f"must be {VRRP_PROTOCOL} (VRRP) or {AH_PROTOCOL} (AH)"
