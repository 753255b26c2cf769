"""The kit's plumbing checks: inventories by SEC- ID, plans by PLAN- ID."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer
from amphora_sets.adapter import load_balancer_from
from amphora_sets.plumbing import (
    Action,
    Fact,
    Operation,
    Resource,
    Wiring,
    plan,
    plumbing_of,
)
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Cardinality,
    RoleRow,
    Topology,
)
from amphora_sets.registry.vocabulary import SetKind
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
    found = plan_violations(old, new, steps[1:], WIRING)
    assert {v.obligation_id for v in found} == {"PLAN-CORRECT"}
    assert {v.amphora_id for v in found} == {steps[0].amphora_id}
    assert all(v.message.startswith("lacks ") for v in found)


def test_a_repeated_operation_breaks_plan_minimal() -> None:
    old, new = _aa("c0", "c1"), _aa("c0", "c1", "c2")
    steps = list(plan(old, new, WIRING))
    found = plan_violations(old, new, [*steps, steps[0]], WIRING)
    assert _ids(found) == [("PLAN-MINIMAL", steps[0].amphora_id)]
    assert found[0].message == f"{steps[0]} changes nothing"


def test_an_operation_mapping_without_facts_changes_nothing() -> None:
    found = plan_violations(
        _aa("c0"), _aa("c0"), [{"action": "plug-vip", "amphora_id": "m"}]
    )
    assert _ids(found) == [("PLAN-MINIMAL", "m")]


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
    found = plan_violations(old, new, steps, WIRING)
    assert sorted(_ids(found)) == [("PLAN-LOCAL", "m"), ("PLAN-MINIMAL", "m")]
    assert f"{rewrite} though only the back-facing cluster changed" in {
        v.message for v in found
    }
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
    ("inventory", "problem"),
    [
        ("vip-port", "must be a collection of facts, not 'vip-port'"),
        (42, "must be a collection of facts, not 42"),
        ([42], "42 is neither a Fact nor a mapping"),
        (
            [{"resource": "vip-port"}],
            "{'resource': 'vip-port'} has no amphora_id naming an amphora",
        ),
        (
            [{"resource": "vip-port", "amphora_id": ""}],
            "{'resource': 'vip-port', 'amphora_id': ''} has no amphora_id "
            "naming an amphora",
        ),
        (
            [{"resource": "vip-port", "amphora_id": 7}],
            "{'resource': 'vip-port', 'amphora_id': 7} has no amphora_id "
            "naming an amphora",
        ),
    ],
)
def test_inventory_rejects_bad_input(inventory, problem) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        inventory_violations(_aa(), inventory, WIRING)
    assert (caught.value.field, caught.value.problem) == ("inventory", problem)


def test_an_unknown_resource_is_named_with_its_amphora() -> None:
    rows = [{"resource": "nope", "amphora_id": "m"}]
    with pytest.raises(AmphoraSetsError) as caught:
        inventory_violations(_aa(), rows, WIRING)
    assert caught.value.field == "inventory.resource"
    assert caught.value.amphora_id == "m"
    assert caught.value.problem.startswith("unknown resource 'nope' (known: ")
    assert "vip-port, listener-rule, " in caught.value.problem


def test_missing_facts_are_reported_in_amphora_order_with_their_items() -> (
    None
):
    lb = _aa("c0", "c1")
    facts = set(plumbing_of(lb, WIRING).facts)
    gone = [
        Fact(Resource.HAPROXY_PEER, "c1", "c0"),
        Fact(Resource.MEMBER_PORT, "c0", None, "net"),
        Fact(Resource.VIP_PORT, "c1"),
    ]
    assert set(gone) <= facts
    found = inventory_violations(lb, facts - set(gone), WIRING)
    assert _ids(found) == [
        ("SEC-MEMBER-NETS-BACK-ONLY", "c0"),
        ("SEC-PEERS-AMONG-BACK", "c1"),
        ("SEC-VIP-SG-ON-FRONT", "c1"),
    ]
    assert [v.message for v in found] == [
        "lacks a port on a member network ('net')",
        "lacks an entry in HAProxy's peers section, within a peer group "
        "(peer 'c0')",
        "lacks a port on the VIP network, in the load balancer's "
        "security group",
    ]


def test_unexpected_facts_are_reported_in_amphora_order() -> None:
    lb = _aa("c0", "c1")
    extra = [
        Fact(Resource.MEMBER_PORT, "m", None, "net"),
        Fact(Resource.KEEPALIVED, "c1"),
        Fact(Resource.MEMBER_PORT, "b", None, "net"),
    ]
    found = inventory_violations(
        lb, plumbing_of(lb, WIRING).facts | set(extra), WIRING
    )
    assert _ids(found) == [
        ("SEC-MEMBER-NETS-BACK-ONLY", "b"),
        ("SEC-VRRP-AMONG-VRRP", "c1"),
        ("SEC-MEMBER-NETS-BACK-ONLY", "m"),
    ]
    assert found[1].message == "must not have a keepalived configuration"


def test_the_reference_inventory_passes_the_assertion() -> None:
    lb = _aa("c0", "c1")
    assert_inventory(lb, plumbing_of(lb, WIRING), WIRING)
    with pytest.raises(PlumbingViolation) as caught:
        assert_inventory(lb, plumbing_of(lb, None), WIRING)
    assert str(caught.value).startswith(
        "plumbing of 'lb' ACTIVE_ACTIVE [m=MASTER/ALLOCATED, "
    )


def test_the_reference_plan_passes_the_assertion() -> None:
    old, new = _aa("c0"), _aa("c0", "c1")
    assert_plan(old, new, plan(old, new, WIRING), WIRING)
    with pytest.raises(PlumbingViolation) as caught:
        assert_plan(old, new, [], WIRING)
    assert str(caught.value).startswith("plan to 'lb' ACTIVE_ACTIVE [")


# A topology the built-in registry lacks: a scalable VRRP pool of
# distributors in front of a scalable back-facing cluster.
WIDE = BUILTIN_REGISTRY.extended(
    [
        Topology(
            "WIDE_DISTRIBUTORS",
            (
                RoleRow(
                    "DISTRIBUTOR",
                    frozenset({SetKind.FRONT, SetKind.VRRP}),
                    Cardinality(2, None),
                ),
                RoleRow(
                    "IN_CLUSTER",
                    frozenset({SetKind.FRONT, SetKind.BACK}),
                    Cardinality(1, None),
                ),
            ),
        )
    ]
)


def _wide(distributors: int, cluster: int) -> dict:
    """The dict form of a WIDE_DISTRIBUTORS load balancer."""
    rows = [("d", "DISTRIBUTOR", distributors), ("c", "IN_CLUSTER", cluster)]
    return {
        "id": "lb",
        "topology": "WIDE_DISTRIBUTORS",
        "amphorae": [
            {"id": f"{p}{n}", "role": role, "status": "ALLOCATED"}
            for p, role, count in rows
            for n in range(count)
        ],
    }


def test_the_checks_read_dicts_of_the_given_registry() -> None:
    old, new = _wide(2, 1), _wide(2, 2)
    old_lb = load_balancer_from(old, WIDE)
    new_lb = load_balancer_from(new, WIDE)
    steps = plan(old_lb, new_lb, WIRING)
    inventory = plumbing_of(new_lb, WIRING)
    assert inventory_violations(new, inventory, WIRING, registry=WIDE) == []
    assert_inventory(new, inventory, WIRING, registry=WIDE)
    assert plan_violations(old, new, steps, WIRING, registry=WIDE) == []
    assert_plan(old, new, steps, WIRING, registry=WIDE)


def test_growing_a_vrrp_role_may_touch_the_vrrp_amphorae() -> None:
    old = load_balancer_from(_wide(2, 1), WIDE)
    new = load_balancer_from(_wide(3, 1), WIDE)
    steps = plan(old, new, WIRING)
    assert any(step.amphora_id == "d0" for step in steps)
    assert plan_violations(old, new, steps, WIRING) == []


@pytest.mark.parametrize(
    ("operations", "field", "amphora_id", "problem"),
    [
        (
            {"action": "plug-vip"},
            "operations",
            None,
            "must be a collection of operations, not {'action': 'plug-vip'}",
        ),
        (42, "operations", None, "must be a collection of operations, not 42"),
        ([42], "operations", None, "42 is neither an Operation nor a mapping"),
        (
            [{"action": "explode", "amphora_id": "m"}],
            "operations.action",
            "m",
            None,
        ),
        (
            [{"action": "explode", "amphora_id": 7}],
            "operations.action",
            None,
            None,
        ),
        (
            [{"action": "plug-vip"}],
            "operations",
            None,
            "{'action': 'plug-vip'} has no amphora_id naming an amphora",
        ),
        (
            [{"action": "plug-vip", "amphora_id": ""}],
            "operations",
            None,
            "{'action': 'plug-vip', 'amphora_id': ''} has no amphora_id "
            "naming an amphora",
        ),
        (
            [{"action": "plug-vip", "amphora_id": "m", "facts": [1]}],
            "operations.facts",
            None,
            "1 is neither a Fact nor a mapping",
        ),
    ],
)
def test_plan_check_rejects_bad_input(
    operations, field, amphora_id, problem
) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        plan_violations(_aa(), _aa("c0"), operations, WIRING)
    assert (caught.value.field, caught.value.amphora_id) == (field, amphora_id)
    if problem is not None:
        assert caught.value.problem == problem


def test_an_unknown_action_is_named_with_the_known_ones() -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        plan_violations(_aa(), _aa(), [{"action": "explode"}], WIRING)
    assert caught.value.problem.startswith(
        "unknown action 'explode' (known: plug-vip, plug-member, "
    )


def test_plan_check_rejects_two_load_balancers() -> None:
    other = LoadBalancer("other", "ACTIVE_ACTIVE", ())
    with pytest.raises(AmphoraSetsError, match="same load balancer") as caught:
        plan_violations(_aa(), other, [], WIRING)
    assert caught.value.field == "id"
