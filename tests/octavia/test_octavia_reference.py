"""Against Octavia 19.0.0 itself: its constants and its data-model objects.

Run by ``tox -e octavia``, which installs ``octavia==19.0.0``; elsewhere
this module is skipped.
"""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

octavia_constants = pytest.importorskip("octavia.common.constants")
data_models = pytest.importorskip("octavia.common.data_models")
lib_constants = pytest.importorskip("octavia_lib.common.constants")

from amphora_sets import LoadBalancer, load_balancer_from  # noqa: E402
from amphora_sets.registry import (  # noqa: E402
    AMPHORA_STATUSES,
    BUILTIN_REGISTRY,
    SetKind,
)
from amphora_sets.registry import vocabulary as v  # noqa: E402
from amphora_sets.registry.call_sites import TODAY_TOPOLOGIES  # noqa: E402
from amphora_sets.testing import load_balancers  # noqa: E402


def test_topology_and_role_strings_are_octavias() -> None:
    assert v.TOPOLOGY_SINGLE == octavia_constants.TOPOLOGY_SINGLE
    assert v.TOPOLOGY_ACTIVE_STANDBY == (
        octavia_constants.TOPOLOGY_ACTIVE_STANDBY
    )
    assert v.ROLE_MASTER == octavia_constants.ROLE_MASTER
    assert v.ROLE_BACKUP == octavia_constants.ROLE_BACKUP
    assert v.ROLE_STANDALONE == octavia_constants.ROLE_STANDALONE


def test_every_octavia_topology_is_registered_with_its_roles() -> None:
    assert set(octavia_constants.SUPPORTED_LB_TOPOLOGIES) == set(
        TODAY_TOPOLOGIES
    )
    roles = {
        role
        for name in octavia_constants.SUPPORTED_LB_TOPOLOGIES
        for role in BUILTIN_REGISTRY.get(name).roles
    }
    assert roles == set(octavia_constants.SUPPORTED_AMPHORA_ROLES)


def test_new_values_are_not_in_octavia_yet() -> None:
    assert v.TOPOLOGY_ACTIVE_ACTIVE not in (
        octavia_constants.SUPPORTED_LB_TOPOLOGIES
    )
    assert v.ROLE_IN_CLUSTER not in octavia_constants.SUPPORTED_AMPHORA_ROLES


def test_amphora_statuses_are_octavias_provisioning_statuses() -> None:
    # ACTIVE is a load balancer's provisioning status; Octavia never gives
    # it to an amphora (an in-service amphora is ALLOCATED).
    octavia = set(lib_constants.SUPPORTED_PROVISIONING_STATUSES)
    assert set(AMPHORA_STATUSES) == octavia - {lib_constants.ACTIVE}


def _octavia_lb(lb: LoadBalancer) -> object:
    return data_models.LoadBalancer(
        id=lb.id,
        topology=lb.topology,
        amphorae=[
            data_models.Amphora(
                id=a.id,
                role=a.role,
                status=a.status,
                load_balancer_id=lb.id,
                vrrp_priority=100,
            )
            for a in lb.amphorae
        ],
    )


@settings(max_examples=50)
@given(lb=load_balancers(BUILTIN_REGISTRY))
def test_adapter_reads_real_data_model_objects(lb: LoadBalancer) -> None:
    octavia_lb = _octavia_lb(lb)
    before = copy.deepcopy(octavia_lb.to_dict(recurse=True))
    assert load_balancer_from(octavia_lb) == lb
    assert octavia_lb.to_dict(recurse=True) == before


@settings(max_examples=50)
@given(lb=load_balancers(BUILTIN_REGISTRY))
def test_adapter_reads_the_flows_dict_form_of_real_objects(
    lb: LoadBalancer,
) -> None:
    flows_dict = _octavia_lb(lb).to_dict(recurse=True)
    before = copy.deepcopy(flows_dict)
    adapted = load_balancer_from(flows_dict)
    assert adapted == lb
    for kind in SetKind:
        assert adapted.select(kind) == lb.select(kind)
    assert flows_dict == before


def test_active_standby_sets_are_todays_non_deleted_amphorae() -> None:
    octavia_lb = data_models.LoadBalancer(
        id="lb",
        topology=octavia_constants.TOPOLOGY_ACTIVE_STANDBY,
        amphorae=[
            data_models.Amphora(
                id="old",
                role=octavia_constants.ROLE_MASTER,
                status=octavia_constants.DELETED,
                load_balancer_id="lb",
            ),
            data_models.Amphora(
                id="master",
                role=octavia_constants.ROLE_MASTER,
                status=octavia_constants.AMPHORA_ALLOCATED,
                load_balancer_id="lb",
            ),
            data_models.Amphora(
                id="backup",
                role=octavia_constants.ROLE_BACKUP,
                status=octavia_constants.ERROR,
                load_balancer_id="lb",
            ),
        ],
    )
    today = [
        a.id
        for a in octavia_lb.amphorae
        if a.status != octavia_constants.DELETED
    ]
    lb = load_balancer_from(octavia_lb)
    for kind in SetKind:
        assert [a.id for a in lb.select(kind)] == today
