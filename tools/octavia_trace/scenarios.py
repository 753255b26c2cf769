"""The scenarios: Octavia's real v2 controller-worker calls, in order."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from octavia_trace import api

MEMBER_SUBNET = "member-subnet"


@dataclasses.dataclass(frozen=True)
class Step:
    """One controller-worker call: its flow label and how to make it."""

    flow: str
    run: Callable[[Any, dict], None]


def _create_lb(topology: str) -> Step:
    def run(worker: Any, ids: dict) -> None:
        ids["lb"] = api.create_load_balancer(topology)
        worker.create_load_balancer({"loadbalancer_id": ids["lb"]})

    return Step("create_load_balancer", run)


def _create_listener(worker: Any, ids: dict) -> None:
    ids["listener"] = api.create_listener(ids["lb"])
    worker.create_listener({"listener_id": ids["listener"]})


def _create_pool(worker: Any, ids: dict) -> None:
    ids["pool"] = api.create_pool(ids["lb"], ids["listener"])
    worker.create_pool({"pool_id": ids["pool"]})


def _create_member(worker: Any, ids: dict) -> None:
    ids["member"] = api.create_member(ids["lb"], ids["pool"], MEMBER_SUBNET)
    worker.create_member(api.provider_member(ids["member"]))


def _delete_member(worker: Any, ids: dict) -> None:
    api.mark_member_deleting(ids["lb"], ids["member"])
    worker.delete_member(api.provider_member(ids["member"]))


def _failover_role(role: str) -> Step:
    def run(worker: Any, ids: dict) -> None:
        (amphora,) = [
            amp
            for amp in api.amphorae(ids["lb"])
            if amp.role == role and amp.status == "ALLOCATED"
        ]
        api.mark_lb_updating(ids["lb"])
        worker.failover_amphora(amphora.id, reraise=True)

    return Step(f"failover_amphora({role})", run)


def _failover_lb(worker: Any, ids: dict) -> None:
    api.mark_lb_updating(ids["lb"])
    worker.failover_loadbalancer(ids["lb"])


def _orphan(worker: Any, ids: dict) -> None:
    ids["orphan"] = api.add_orphan(ids["lb"])


def _build(topology: str, roles: tuple[str, ...]) -> tuple[Step, ...]:
    return (
        _create_lb(topology),
        Step("create_listener", _create_listener),
        Step("create_pool", _create_pool),
        Step("create_member", _create_member),
        Step("delete_member", _delete_member),
        *(_failover_role(role) for role in roles),
        Step("failover_loadbalancer", _failover_lb),
        Step("add orphan", _orphan),
        Step("failover_loadbalancer(orphan)", _failover_lb),
    )


SCENARIOS: dict[str, tuple[Step, ...]] = {
    "SINGLE": _build("SINGLE", ("STANDALONE",)),
    "ACTIVE_STANDBY": _build("ACTIVE_STANDBY", ("MASTER", "BACKUP")),
}
"""Per topology, the steps run on one load balancer, in order."""
