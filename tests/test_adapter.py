"""The adapter: Octavia's dicts and objects in, equal values out."""

import copy
import types

from hypothesis import given, settings

from amphora_sets import (
    BUILTIN_REGISTRY,
    Amphora,
    LoadBalancer,
    amphora_from,
    load_balancer_from,
)
from amphora_sets.testing import (
    as_attribute_object,
    as_octavia_dict,
    load_balancers,
)
from example_topologies import EXAMPLES

LBS = load_balancers(EXAMPLES)
SOME = settings(max_examples=60)


@SOME
@given(LBS)
def test_round_trip_from_flow_dicts(lb):
    source = as_octavia_dict(lb)
    pristine = copy.deepcopy(source)
    assert load_balancer_from(source, EXAMPLES) == lb
    assert source == pristine


@SOME
@given(LBS)
def test_round_trip_from_attribute_objects(lb):
    source = as_attribute_object(lb)
    pristine = copy.deepcopy(source)
    assert load_balancer_from(source, EXAMPLES) == lb
    assert source == pristine


@SOME
@given(LBS)
def test_both_forms_give_the_same_sets(lb):
    from_dict = load_balancer_from(as_octavia_dict(lb), EXAMPLES)
    from_object = load_balancer_from(as_attribute_object(lb), EXAMPLES)
    assert from_dict.front_facing_amphorae == lb.front_facing_amphorae
    assert from_object.back_facing_amphorae == lb.back_facing_amphorae
    assert from_dict.vrrp_amphorae == from_object.vrrp_amphorae


def test_values_pass_through_unchanged():
    amphora = Amphora("a", "STANDALONE", "ALLOCATED")
    lb = LoadBalancer("lb", "SINGLE", (amphora,))
    assert load_balancer_from(lb) is lb
    assert amphora_from(amphora) is amphora


def test_octavia_fields_beyond_the_three_are_ignored():
    source = {
        "id": "lb",
        "topology": "ACTIVE_STANDBY",
        "name": "web",
        "vip": {"ip_address": "203.0.113.5"},
        "amphorae": [
            {
                "id": "m",
                "role": "MASTER",
                "status": "ALLOCATED",
                "load_balancer_id": "lb",
                "vrrp_ip": "10.0.0.5",
                "ha_ip": "203.0.113.5",
                "lb_network_ip": "192.0.2.5",
                "vrrp_priority": 100,
            },
            {"id": "b", "role": "BACKUP", "status": "BOOTING"},
        ],
    }
    pristine = copy.deepcopy(source)
    lb = load_balancer_from(source)
    assert lb == LoadBalancer(
        "lb",
        "ACTIVE_STANDBY",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("b", "BACKUP", "BOOTING"),
        ),
    )
    assert source == pristine


def test_spare_amphora_without_load_balancer_id_is_accepted():
    source = types.SimpleNamespace(
        id="lb",
        topology="SINGLE",
        amphorae=(
            types.SimpleNamespace(
                id="a",
                role="STANDALONE",
                status="READY",
                load_balancer_id=None,
            ),
        ),
    )
    lb = load_balancer_from(source)
    assert lb.amphorae == (Amphora("a", "STANDALONE", "READY"),)


def test_mixed_amphora_forms_and_any_iterable():
    amphorae = iter(
        [
            Amphora("m", "MASTER", "ALLOCATED"),
            {"id": "b", "role": "BACKUP", "status": "ALLOCATED"},
            types.SimpleNamespace(
                id="c", role="IN_CLUSTER", status="ALLOCATED"
            ),
        ]
    )
    source = {"id": "lb", "topology": "ACTIVE_ACTIVE", "amphorae": amphorae}
    lb = load_balancer_from(source)
    assert [a.id for a in lb.amphorae] == ["m", "b", "c"]
    assert [a.id for a in lb.back_facing_amphorae] == ["c"]


class _DataModel:
    """Like ``octavia.common.data_models``: plain attributes, extra ones."""

    def __init__(self, **fields):
        self.__dict__.update(fields)
        self.calculate_me = "not read"


def test_data_model_like_objects_are_read_not_written():
    amphora = _DataModel(
        id="a", role="STANDALONE", status="ALLOCATED", load_balancer_id="lb"
    )
    source = _DataModel(id="lb", topology="SINGLE", amphorae=[amphora])
    before = copy.deepcopy(vars(amphora)), dict(vars(source))
    lb = load_balancer_from(source)
    assert lb.front_facing_amphorae == (
        Amphora("a", "STANDALONE", "ALLOCATED"),
    )
    assert (vars(amphora), vars(source)) == before
    assert source.amphorae == [amphora]


def test_registry_defaults_to_the_builtin_one():
    lb = load_balancer_from({"id": "lb", "topology": "SINGLE", "amphorae": []})
    assert lb.registry is BUILTIN_REGISTRY
