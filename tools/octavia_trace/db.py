"""The throwaway SQLite database: tables, lookup rows, API-made rows."""

from __future__ import annotations

from typing import Any


def create_schema() -> None:
    """Create Octavia's tables and seed the lookup tables.

    The seeding follows Octavia's functional database test base
    (``octavia/tests/functional/db/base.py``), which is how Octavia
    itself gets a usable schema without running its migrations.
    """
    from octavia.common import constants as c
    from octavia.db import api as db_api
    from octavia.db import base_models, models

    base_models.BASE.metadata.create_all(db_api.get_engine())
    lookups = (
        (c.SUPPORTED_PROVISIONING_STATUSES, models.ProvisioningStatus),
        (c.SUPPORTED_HEALTH_MONITOR_TYPES, models.HealthMonitorType),
        (c.SUPPORTED_LB_ALGORITHMS, models.Algorithm),
        (c.SUPPORTED_PROTOCOLS, models.Protocol),
        (c.SUPPORTED_OPERATING_STATUSES, models.OperatingStatus),
        (c.SUPPORTED_SP_TYPES, models.SessionPersistenceType),
        (c.SUPPORTED_AMPHORA_ROLES, models.AmphoraRoles),
        (c.SUPPORTED_LB_TOPOLOGIES, models.LBTopology),
        (c.SUPPORTED_VRRP_AUTH, models.VRRPAuthMethod),
        (c.SUPPORTED_L7RULE_TYPES, models.L7RuleType),
        (c.SUPPORTED_L7RULE_COMPARE_TYPES, models.L7RuleCompareType),
        (c.SUPPORTED_L7POLICY_ACTIONS, models.L7PolicyAction),
        (c.SUPPORTED_CLIENT_AUTH_MODES, models.ClientAuthenticationMode),
    )
    session = db_api.get_session()
    with session.begin():
        for names, model in lookups:
            session.add_all(model(name=name) for name in names)
        # Octavia's DELETED placeholders, which its foreign keys expect.
        session.add(
            models.FlavorProfile(
                id=c.NIL_UUID,
                name="DELETED-PLACEHOLDER",
                provider_name=c.DELETED,
                flavor_data="{}",
            )
        )
        session.flush()
        session.add(
            models.Flavor(
                id=c.NIL_UUID,
                flavor_profile_id=c.NIL_UUID,
                name="DELETED-PLACEHOLDER",
                enabled=False,
            )
        )
        session.add(
            models.AvailabilityZoneProfile(
                id=c.NIL_UUID,
                name="DELETED-PLACEHOLDER",
                provider_name=c.DELETED,
                availability_zone_data="{}",
            )
        )
        session.flush()
        session.add(
            models.AvailabilityZone(
                availability_zone_profile_id=c.NIL_UUID,
                name=c.NIL_UUID,
                enabled=False,
            )
        )


def session_scope() -> Any:
    """A new session whose ``begin()`` commits on exit."""
    from octavia.db import api as db_api

    return db_api.get_session()
