"""The plumbing model: what each amphora gets, plans, and bad input."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer
from amphora_sets.plumbing import (
    Action,
    Fact,
    Resource,
    Wiring,
    apply_plan,
    plan,
    plumbing_of,
)
from amphora_sets.registry import SetKind
from amphora_sets.registry.legacy_plumbing import LEGACY_PLUMBING
from amphora_sets.registry.plumbing import PLUMBING, Among
from amphora_sets.testing import (
    as_attribute_object,
    as_octavia_dict,
    load_balancer_pairs,
    load_balancers,
)

WIRING = Wiring(
    member_networks=("net-a", "net-b"),
    listener_ports=(80, 443),
    peer_groups={"c0": "g0", "c1": "g0", "c2": "g1"},
)
PER_ITEM = {
    Resource.LISTENER_RULE: 2,
    Resource.MEMBER_PORT: 2,
    Resource.VRRP_RULE: 2,
    Resource.PEERS_RULE: 1,
}


def _aa(*cluster: str, status: str = "ALLOCATED") -> LoadBalancer:
    return LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("b", "BACKUP", "ALLOCATED"),
            *(Amphora(c, "IN_CLUSTER", status) for c in cluster),
        ),
    )


def _on(facts, amphora_id: str) -> set[tuple[Resource, str | None]]:
    return {
        (f.resource, f.peer_id) for f in facts if f.amphora_id == amphora_id
    }


def test_active_active_plumbing_per_amphora() -> None:
    plumbing = plumbing_of(_aa("c0", "c1", "c2"), WIRING)
    assert _on(plumbing, "m") == {
        (Resource.VIP_PORT, None),
        (Resource.LISTENER_RULE, None),
        (Resource.KEEPALIVED, None),
        (Resource.KEEPALIVED_PEER, "b"),
        (Resource.VRRP_RULE, "b"),
    }
    assert _on(plumbing, "c0") == {
        (Resource.VIP_PORT, None),
        (Resource.LISTENER_RULE, None),
        (Resource.MEMBER_PORT, None),
        (Resource.HAPROXY_PEER, "c1"),
        (Resource.PEERS_RULE, "c1"),
    }
    assert _on(plumbing, "c2") == {
        (Resource.VIP_PORT, None),
        (Resource.LISTENER_RULE, None),
        (Resource.MEMBER_PORT, None),
    }
    items = {f.item for f in plumbing if f.resource is Resource.VRRP_RULE}
    assert items == {112, 51}


def test_scaling_out_by_one_touches_the_new_amphora_and_its_group() -> None:
    old, new = _aa("c0", "c1"), _aa("c0", "c1", "c2")
    steps = plan(old, new, dataclasses.replace(WIRING, peer_groups={}))
    assert {o.amphora_id for o in steps} == {"c0", "c1", "c2"}
    assert [o.action for o in steps] == sorted(
        (o.action for o in steps), key=list(Action).index
    )
    grouped = plan(old, new, WIRING)  # c2 is alone in its group
    assert {o.amphora_id for o in grouped} == {"c2"}
    assert len(grouped) == 1 + 2 + 2  # VIP port, two listeners, two nets


def test_configuration_writes_carry_the_whole_new_content() -> None:
    old, new = _aa("c0"), _aa("c0", "c1")
    (write,) = [
        o
        for o in plan(old, new, WIRING).on("c0")
        if o.facts and o.action is Action.UPDATE_PEERS
    ]
    assert write.facts == (Fact(Resource.HAPROXY_PEER, "c0", "c1"),)
    (removal,) = [
        o
        for o in plan(new, old, WIRING).on("c1")
        if o.action is Action.UPDATE_PEERS
    ]
    assert removal.facts == ()


def test_allocated_only_configuration_follows_status_changes() -> None:
    old = _aa("c0", "c1")
    new = LoadBalancer(
        "lb",
        old.topology,
        (*old.amphorae[:3], Amphora("c1", "IN_CLUSTER", "ERROR")),
    )
    steps = plan(old, new, WIRING)
    assert {(o.action, o.amphora_id) for o in steps} == {
        (Action.UPDATE_PEERS, "c0"),
        (Action.UPDATE_PEERS, "c1"),
    }


@settings(max_examples=80, deadline=None)
@given(pair=load_balancer_pairs(), groups=st.booleans())
def test_plan_correct(pair, groups) -> None:
    old, new = pair
    wiring = _wiring(old, new, groups)
    assert apply_plan(plumbing_of(old, wiring), plan(old, new, wiring)) == (
        plumbing_of(new, wiring)
    )


@settings(max_examples=80, deadline=None)
@given(pair=load_balancer_pairs(), groups=st.booleans())
def test_plan_minimal(pair, groups) -> None:
    old, new = pair
    wiring = _wiring(old, new, groups)
    steps = list(plan(old, new, wiring))
    start = plumbing_of(old, wiring)
    for index in range(len(steps)):
        without = steps[:index] + steps[index + 1 :]
        assert apply_plan(start, without) != plumbing_of(new, wiring), steps[
            index
        ]


def _wiring(old: LoadBalancer, new: LoadBalancer, groups: bool) -> Wiring:
    ids = sorted({a.id for a in (*old.amphorae, *new.amphorae)})
    return Wiring(
        member_networks=("net",),
        listener_ports=(80,),
        peer_groups={i: str(n % 2) for n, i in enumerate(ids)}
        if groups
        else {},
    )


def test_plan_local() -> None:
    base = _aa(*(f"c{i}" for i in range(5)))
    vrrp = {"m", "b"}
    for cluster in (
        ("c0",),
        ("c0", "c1", "c2"),
        tuple(f"c{i}" for i in range(9)),
    ):
        for old, new in ((base, _aa(*cluster)), (_aa(*cluster), base)):
            touched = {o.amphora_id for o in plan(old, new, WIRING)}
            assert touched
            assert not touched & vrrp


@settings(max_examples=100, deadline=None)
@given(lb=load_balancers(topologies=list(LEGACY_PLUMBING)))
def test_bc_plumbing(lb) -> None:
    """Today's plumbing, from the legacy table alone, for the amphorae
    that hold a role (or are DELETED) with one seat per single-seat role."""
    single = {r.role for r in lb.table.rows if r.cardinality.maximum == 1}
    seated = [
        a.role
        for a in lb.amphorae
        if a.role in single and a.status not in ("PENDING_DELETE", "DELETED")
    ]
    assume(len(seated) == len(set(seated)))
    assume(all(a.role or a.status == "DELETED" for a in lb.amphorae))
    wiring = Wiring(member_networks=("net",), listener_ports=(80,))
    assert plumbing_of(lb, wiring).facts == todays_facts(lb, wiring)


def todays_facts(lb: LoadBalancer, wiring: Wiring) -> set[Fact]:
    """What Octavia 19.0.0 builds, from the legacy table alone: each
    resource on the amphorae its loop of today passes."""

    def passes(among: Among, amphora: Amphora) -> bool:
        if among is Among.ALLOCATED:
            return amphora.status == "ALLOCATED"
        return amphora.status != "DELETED"

    today = set()
    for resource, site in LEGACY_PLUMBING[lb.table.legacy].items():
        row = PLUMBING[resource]
        chosen = [a for a in lb.amphorae if passes(site.among, a)]
        for amphora in chosen:
            peers = (
                [None]
                if row.shape.name == "AMPHORA"
                else [p.id for p in chosen if p.id != amphora.id]
            )
            items = (
                (None,) if row.items is None else getattr(wiring, row.items)
            )
            today |= {
                Fact(resource, amphora.id, peer, item)
                for peer in peers
                for item in items
            }
    return today


def test_legacy_plumbing_cites_the_source() -> None:
    for sites in LEGACY_PLUMBING.values():
        for site in sites.values():
            path, _, lines = site.source.partition(":")
            assert path.endswith((".py", ".j2"))
            assert lines[0].isdigit()


def test_every_resource_names_a_sec_obligation_and_one_change() -> None:
    for row in PLUMBING.values():
        assert row.obligation.startswith("SEC-")
        assert (row.add is None) == (row.remove is None) != (row.write is None)
    assert {row.kind for row in PLUMBING.values()} == set(SetKind)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (_aa("c0"), dataclasses.replace(_aa("c0"), id="other"), "id"),
        (
            LoadBalancer("lb", "SINGLE", ()),
            LoadBalancer("lb", "ACTIVE_STANDBY", ()),
            "topology",
        ),
        ({"id": "lb", "topology": "NOPE", "amphorae": []}, _aa(), "topology"),
        (
            {"id": "lb", "topology": "ACTIVE_ACTIVE", "amphorae": [42]},
            _aa(),
            "id",
        ),
        (_aa("c0"), {"id": "lb", "topology": "ACTIVE_ACTIVE"}, "amphorae"),
    ],
)
def test_plan_rejects_bad_input(old, new, field) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        plan(old, new, WIRING)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("change", "field", "amphora_id"),
    [
        ({"member_networks": ("",)}, "member_networks", None),
        ({"member_networks": "net"}, "member_networks", None),
        ({"listener_ports": (0,)}, "listener_ports", None),
        ({"listener_ports": (80, 80)}, "listener_ports", None),
        ({"listener_ports": (True,)}, "listener_ports", None),
        ({"vrrp_protocols": (6,)}, "vrrp_protocols", None),
        ({"peers_ports": (70000,)}, "peers_ports", None),
        ({"peer_groups": [("c0", "g")]}, "peer_groups", None),
        ({"peer_groups": {"c0": 1}}, "peer_groups", "c0"),
        ({"peer_groups": {"": "g"}}, "peer_groups", None),
    ],
)
def test_wiring_rejects_bad_input(change, field, amphora_id) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        Wiring(**change)
    assert caught.value.field == field
    assert caught.value.amphora_id == amphora_id


def test_plumbing_of_rejects_a_wiring_of_another_type() -> None:
    with pytest.raises(AmphoraSetsError, match="wiring"):
        plumbing_of(_aa(), {"member_networks": ["net"]})


def test_octavia_forms_are_read_and_not_mutated() -> None:
    old, new = _aa("c0"), _aa("c0", "c1")
    as_dict, as_object = as_octavia_dict(old), as_attribute_object(new)
    frozen = copy.deepcopy((as_dict, vars(as_object)))
    assert plan(as_dict, as_object, WIRING) == plan(old, new, WIRING)
    assert plumbing_of(as_dict, WIRING) == plumbing_of(old, WIRING)
    assert (as_dict, vars(as_object)) == frozen
