"""The load-balancer failover order: registry data and a topology-file key.

The proofs about it (``OP-LB-FAILOVER-*``) are in the verdict and corpus
tests; these check the data and its bad input.
"""

import dataclasses

import pytest

from amphora_sets import BUILTIN_REGISTRY, AmphoraSetsError
from amphora_sets.registry import parse_topologies
from amphora_sets.registry import vocabulary as v
from example_topologies import EXAMPLES

_FILE = """
[topologies.PAIR]
roles.MASTER = {{ sets = ["front", "back", "vrrp"], min = 1, max = 1 }}
roles.BACKUP = {{ sets = ["front", "back", "vrrp"], min = 1, max = 1 }}
{order}
"""


def _parse(order: str):
    [topology] = parse_topologies(_FILE.format(order=order), source="f")
    return topology


def test_builtins_replace_the_backup_first_as_octavia_does():
    order = {t.name: t.failover_order for t in BUILTIN_REGISTRY}
    assert order == {
        v.TOPOLOGY_SINGLE: (v.ROLE_STANDALONE,),
        v.TOPOLOGY_ACTIVE_STANDBY: (v.ROLE_BACKUP, v.ROLE_MASTER),
        v.TOPOLOGY_ACTIVE_ACTIVE: (
            v.ROLE_BACKUP,
            v.ROLE_MASTER,
            v.ROLE_IN_CLUSTER,
        ),
    }


def test_a_file_without_the_key_uses_table_order():
    topology = _parse("")
    assert topology.lb_failover_roles is None
    assert topology.failover_order == ("MASTER", "BACKUP")


def test_the_key_sets_the_order():
    topology = _parse('lb_failover_roles = ["BACKUP", "MASTER"]')
    assert topology.failover_order == ("BACKUP", "MASTER")
    n_plus_1 = EXAMPLES.get("ACTIVE_ACTIVE_N_PLUS_1")
    assert n_plus_1.failover_order[:2] == ("BACKUP", "MASTER")


def test_an_order_may_leave_a_role_out_for_the_prover_to_refute():
    assert _parse('lb_failover_roles = ["BACKUP"]').failover_order == (
        "BACKUP",
    )


@pytest.mark.parametrize(
    ("order", "problem"),
    [
        ('lb_failover_roles = "BACKUP"', "must be a list of role names"),
        ("lb_failover_roles = [1]", "must be a list of role names"),
        (
            'lb_failover_roles = ["BACKUP", "IN_CLUSTER"]',
            "names 'IN_CLUSTER', which is not a role of the topology",
        ),
        (
            'lb_failover_roles = ["BACKUP", "BACKUP"]',
            "names 'BACKUP' twice",
        ),
    ],
)
def test_a_bad_order_names_the_key(order, problem):
    with pytest.raises(AmphoraSetsError) as raised:
        _parse(order)
    assert raised.value.field == "topologies.PAIR.lb_failover_roles"
    assert raised.value.problem == problem


def test_a_bad_order_is_rejected_when_built_in_python_too():
    pair = BUILTIN_REGISTRY.get(v.TOPOLOGY_ACTIVE_STANDBY)
    with pytest.raises(AmphoraSetsError) as raised:
        dataclasses.replace(pair, lb_failover_roles=("STANDALONE",))
    assert raised.value.field == (
        "topologies.ACTIVE_STANDBY.lb_failover_roles"
    )
