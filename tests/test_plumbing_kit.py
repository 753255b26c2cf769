"""The kit's plumbing checks: inventories by SEC- ID, plans by PLAN- ID."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer
from amphora_sets.plumbing import (
    Action,
    Fact,
    Operation,
    Resource,
    Wiring,
    plan,
    plumbing_of,
)
from amphora_sets.testing import (
    PlumbingViolation,
    assert_inventory,
    assert_plan,
    inventory_violations,
    load_balancer_pairs,
    load_balancers,
    plan_violations,
)

WIRING = Wiring(member_networks=("net",), listener_ports=(80,))


def _aa(*cluster: str) -> LoadBalancer:
    return LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("b", "BACKUP", "ALLOCATED"),
            *(Amphora(c, "IN_CLUSTER", "ALLOCATED") for c in cluster),
        ),
    )


def _ids(found) -> list[tuple[str, str | None]]:
    return [(v.obligation_id, v.amphora_id) for v in found]


@settings(max_examples=40, deadline=None)
@given(lb=load_balancers())
def test_the_reference_inventory_passes(lb) -> None:
    assert inventory_violations(lb, plumbing_of(lb, WIRING), WIRING) == []


@settings(max_examples=40, deadline=None)
@given(pair=load_balancer_pairs())
def test_the_reference_plan_passes(pair) -> None:
    old, new = pair
    assert plan_violations(old, new, plan(old, new, WIRING), WIRING) == []


def test_a_missing_or_misplaced_member_port_is_named() -> None:
    lb = _aa("c0", "c1")
    facts = set(plumbing_of(lb, WIRING).facts)
    facts.remove(Fact(Resource.MEMBER_PORT, "c0", None, "net"))
    facts.add(Fact(Resource.MEMBER_PORT, "m", None, "net"))
    assert _ids(inventory_violations(lb, facts, WIRING)) == [
        ("SEC-MEMBER-NETS-BACK-ONLY", "c0"),
        ("SEC-MEMBER-NETS-BACK-ONLY", "m"),
    ]


def test_inventory_from_mappings_names_each_resource_id() -> None:
    lb = _aa("c0", "c1")
    rows = [
        {
            "resource": f.resource.value,
            "amphora_id": f.amphora_id,
            "peer_id": f.peer_id,
            "item": f.item,
        }
        for f in plumbing_of(lb, WIRING)
        if f.resource is not Resource.VRRP_RULE
    ]
    rows.append({"resource": "peers-rule", "amphora_id": "m", "peer_id": "c0"})
    found = inventory_violations(lb, rows, WIRING)
    assert {v.obligation_id for v in found} == {
        "SEC-VRRP-AMONG-VRRP",
        "SEC-PEERS-AMONG-BACK",
    }
    with pytest.raises(PlumbingViolation, match="SEC-PEERS-AMONG-BACK"):
        assert_inventory(lb, rows, WIRING)


def test_a_dropped_operation_breaks_plan_correct() -> None:
    old, new = _aa("c0", "c1"), _aa("c0", "c1", "c2")
    steps = list(plan(old, new, WIRING))
    assert {
        v.obligation_id for v in plan_violations(old, new, steps[1:], WIRING)
    } == {"PLAN-CORRECT"}


def test_a_repeated_operation_breaks_plan_minimal() -> None:
    old, new = _aa("c0", "c1"), _aa("c0", "c1", "c2")
    steps = list(plan(old, new, WIRING))
    found = plan_violations(old, new, [*steps, steps[0]], WIRING)
    assert _ids(found) == [("PLAN-MINIMAL", steps[0].amphora_id)]


def test_a_distributor_touched_as_the_cluster_grows_breaks_local() -> None:
    old, new = _aa("c0", "c1"), _aa("c0", "c1", "c2")
    rewrite = Operation(
        Action.WRITE_KEEPALIVED,
        "m",
        tuple(
            sorted(
                plumbing_of(new, WIRING).on("m") & _keepalived(new),
                key=lambda f: f.key,
            )
        ),
    )
    steps = [*plan(old, new, WIRING), rewrite]
    assert sorted(_ids(plan_violations(old, new, steps, WIRING))) == [
        ("PLAN-LOCAL", "m"),
        ("PLAN-MINIMAL", "m"),
    ]
    with pytest.raises(PlumbingViolation, match="PLAN-LOCAL"):
        assert_plan(old, new, steps, WIRING)


def _keepalived(lb: LoadBalancer) -> frozenset[Fact]:
    kinds = {Resource.KEEPALIVED, Resource.KEEPALIVED_PEER}
    return frozenset(f for f in plumbing_of(lb, WIRING) if f.resource in kinds)


def test_operations_as_mappings_are_read() -> None:
    old, new = _aa("c0"), _aa("c0", "c1")
    steps = [
        {
            "action": o.action.value,
            "amphora_id": o.amphora_id,
            "facts": [f._asdict() for f in o.facts],
        }
        for o in plan(old, new, WIRING)
    ]
    assert plan_violations(old, new, steps, WIRING) == []


@pytest.mark.parametrize(
    ("inventory", "field"),
    [
        ("vip-port", "inventory"),
        ([42], "inventory"),
        ([{"resource": "vip-port"}], "inventory"),
        ([{"resource": "nope", "amphora_id": "m"}], "inventory.resource"),
    ],
)
def test_inventory_rejects_bad_input(inventory, field) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        inventory_violations(_aa(), inventory, WIRING)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("operations", "field"),
    [
        ({"action": "plug-vip"}, "operations"),
        ([{"action": "explode", "amphora_id": "m"}], "operations.action"),
        ([{"action": "plug-vip"}], "operations"),
        (
            [{"action": "plug-vip", "amphora_id": "m", "facts": [1]}],
            "operations.facts",
        ),
    ],
)
def test_plan_check_rejects_bad_input(operations, field) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        plan_violations(_aa(), _aa("c0"), operations, WIRING)
    assert caught.value.field == field


def test_plan_check_rejects_two_load_balancers() -> None:
    other = LoadBalancer("other", "ACTIVE_ACTIVE", ())
    with pytest.raises(AmphoraSetsError, match="same load balancer"):
        plan_violations(_aa(), other, [], WIRING)
