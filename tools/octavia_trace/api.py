"""Database rows as Octavia's API writes them before it casts to a worker."""

from __future__ import annotations

import uuid
from typing import Any

from octavia_trace import db

PROJECT = "trace-project"
VIP_NETWORK = "vip-network"
VIP_SUBNET = "vip-subnet"


def _new_id() -> str:
    return str(uuid.uuid4())


def create_load_balancer(topology: str) -> str:
    """A PENDING_CREATE load balancer with its VIP row; its id."""
    from octavia.common import constants as c
    from octavia.db import repositories

    lb_id = _new_id()
    session = db.session_scope()
    with session.begin():
        _count_quota(session, "LoadBalancer")
        repositories.Repositories().create_load_balancer_and_vip(
            session,
            {
                "id": lb_id,
                "project_id": PROJECT,
                "name": f"lb-{topology.lower()}",
                "topology": topology,
                "provisioning_status": c.PENDING_CREATE,
                "operating_status": c.OFFLINE,
                "enabled": True,
                "provider": "amphora",
            },
            {"network_id": VIP_NETWORK, "subnet_id": VIP_SUBNET},
        )
    return lb_id


def _count_quota(session: Any, kind: str) -> None:
    """Count one more ``kind`` against the project, as the API does
    before it writes the row (the worker decrements it on delete)."""
    from octavia.common import data_models
    from octavia.db import repositories

    repositories.Repositories().check_quota_met(
        session, getattr(data_models, kind), PROJECT
    )


def _mark_lb(session: Any, lb_id: str, status: str) -> None:
    from octavia.db import repositories

    repositories.LoadBalancerRepository().update(
        session, lb_id, provisioning_status=status
    )


def create_listener(lb_id: str) -> str:
    """A PENDING_CREATE HTTP listener on port 80; its id."""
    from octavia.common import constants as c
    from octavia.db import repositories

    listener_id = _new_id()
    session = db.session_scope()
    with session.begin():
        _count_quota(session, "Listener")
        repositories.ListenerRepository().create(
            session,
            id=listener_id,
            project_id=PROJECT,
            load_balancer_id=lb_id,
            protocol=c.PROTOCOL_HTTP,
            protocol_port=80,
            connection_limit=-1,
            provisioning_status=c.PENDING_CREATE,
            operating_status=c.OFFLINE,
            enabled=True,
        )
        _mark_lb(session, lb_id, c.PENDING_UPDATE)
    return listener_id


def create_pool(lb_id: str, listener_id: str) -> str:
    """A PENDING_CREATE round-robin pool, the listener's default; its id."""
    from octavia.common import constants as c
    from octavia.db import repositories

    pool_id = _new_id()
    session = db.session_scope()
    with session.begin():
        _count_quota(session, "Pool")
        repositories.PoolRepository().create(
            session,
            id=pool_id,
            project_id=PROJECT,
            load_balancer_id=lb_id,
            protocol=c.PROTOCOL_HTTP,
            lb_algorithm=c.LB_ALGORITHM_ROUND_ROBIN,
            provisioning_status=c.PENDING_CREATE,
            operating_status=c.OFFLINE,
            enabled=True,
            tls_enabled=False,
        )
        repositories.ListenerRepository().update(
            session, listener_id, default_pool_id=pool_id
        )
        _mark_lb(session, lb_id, c.PENDING_UPDATE)
    return pool_id


def create_member(lb_id: str, pool_id: str, subnet_id: str) -> str:
    """A PENDING_CREATE member on ``subnet_id``; its id."""
    from octavia.common import constants as c
    from octavia.db import repositories

    member_id = _new_id()
    session = db.session_scope()
    with session.begin():
        _count_quota(session, "Member")
        repositories.MemberRepository().create(
            session,
            id=member_id,
            project_id=PROJECT,
            pool_id=pool_id,
            subnet_id=subnet_id,
            ip_address="192.0.2.10",
            protocol_port=8080,
            weight=1,
            backup=False,
            provisioning_status=c.PENDING_CREATE,
            operating_status=c.OFFLINE,
            enabled=True,
        )
        _mark_lb(session, lb_id, c.PENDING_UPDATE)
    return member_id


def provider_member(member_id: str) -> dict:
    """The member as the amphora provider driver casts it."""
    from octavia.api.drivers import utils
    from octavia.db import repositories

    session = db.session_scope()
    with session.begin():
        row = repositories.MemberRepository().get(session, id=member_id)
        return utils.db_member_to_provider_member(row).to_dict()


def mark_member_deleting(lb_id: str, member_id: str) -> None:
    """The API's member delete: PENDING_DELETE on member and LB."""
    from octavia.common import constants as c
    from octavia.db import repositories

    session = db.session_scope()
    with session.begin():
        repositories.MemberRepository().update(
            session, member_id, provisioning_status=c.PENDING_DELETE
        )
        _mark_lb(session, lb_id, c.PENDING_UPDATE)


def mark_lb_updating(lb_id: str) -> None:
    """The API's failover request: the load balancer PENDING_UPDATE."""
    from octavia.common import constants as c

    session = db.session_scope()
    with session.begin():
        _mark_lb(session, lb_id, c.PENDING_UPDATE)


def add_orphan(lb_id: str) -> str:
    """A role-less ALLOCATED amphora row on the load balancer, as a
    controller crash between allocating an amphora and giving it its
    role leaves it; its id."""
    from octavia.common import constants as c
    from octavia.db import repositories

    amphora_id = _new_id()
    session = db.session_scope()
    with session.begin():
        repositories.AmphoraRepository().create(
            session,
            id=amphora_id,
            load_balancer_id=lb_id,
            compute_id=_new_id(),
            status=c.AMPHORA_ALLOCATED,
            lb_network_ip="198.51.100.99",
            vrrp_ip="203.0.113.99",
            ha_ip="203.0.113.1",
            vrrp_port_id=_new_id(),
            ha_port_id=_new_id(),
        )
    return amphora_id


def amphorae(lb_id: str) -> list[Any]:
    """The load balancer's amphora rows (all statuses), in id order."""
    from octavia.db import models

    session = db.session_scope()
    with session.begin():
        rows = (
            session.query(models.Amphora)
            .filter_by(load_balancer_id=lb_id)
            .order_by(models.Amphora.id)
            .all()
        )
        for row in rows:
            session.expunge(row)
        return rows
