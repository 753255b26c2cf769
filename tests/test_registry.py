"""The registry: topology tables, the status rule, obligation IDs."""

import re
from pathlib import Path

import pytest

from amphora_sets import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    AmphoraSetsError,
    Registry,
    SetKind,
    Topology,
)
from amphora_sets.registry import (
    AMPHORA_STATUSES,
    LIVE_STATUSES,
    SEATED_STATUSES,
    Cardinality,
    RoleRow,
    applicable,
    is_live,
    is_seated,
)
from amphora_sets.registry.call_sites import (
    CALL_SITE_CLASSES,
    TODAY_ROLES,
    TODAY_RUNS,
    TODAY_TOPOLOGIES,
)
from amphora_sets.registry.obligations import Family

FRONT, BACK, VRRP = SetKind.FRONT, SetKind.BACK, SetKind.VRRP

# The membership table as the seed and the brief state it, written out
# independently of the registry: (topology, role) -> sets, cardinality.
EXPECTED = {
    ("SINGLE", "STANDALONE"): ({FRONT, BACK}, "1"),
    ("ACTIVE_STANDBY", "MASTER"): ({FRONT, BACK, VRRP}, "1"),
    ("ACTIVE_STANDBY", "BACKUP"): ({FRONT, BACK, VRRP}, "1"),
    ("ACTIVE_ACTIVE", "MASTER"): ({FRONT, VRRP}, "1"),
    ("ACTIVE_ACTIVE", "BACKUP"): ({FRONT, VRRP}, "1"),
    ("ACTIVE_ACTIVE", "IN_CLUSTER"): ({FRONT, BACK}, "2..*"),
}


def test_builtin_membership_table():
    actual = {
        (topology.name, row.role): (set(row.sets), str(row.cardinality))
        for topology in BUILTIN_REGISTRY
        for row in topology.rows
    }
    assert actual == EXPECTED
    assert BUILTIN_REGISTRY.names == (
        "SINGLE",
        "ACTIVE_STANDBY",
        "ACTIVE_ACTIVE",
    )


def test_roles_in_each_set():
    active_active = BUILTIN_REGISTRY.get("ACTIVE_ACTIVE")
    assert active_active.roles_in(VRRP) == {"MASTER", "BACKUP"}
    assert active_active.roles_in(BACK) == {"IN_CLUSTER"}
    assert active_active.roles_in(FRONT) == {"MASTER", "BACKUP", "IN_CLUSTER"}
    assert BUILTIN_REGISTRY.get("SINGLE").roles_in(VRRP) == frozenset()


def test_todays_sites_of_a_set_run_where_the_set_is_nonempty():
    assert set(TODAY_TOPOLOGIES) == {"SINGLE", "ACTIVE_STANDBY"}
    for kind in SetKind:
        assert TODAY_RUNS[kind.name] == {
            name
            for name in TODAY_TOPOLOGIES
            if BUILTIN_REGISTRY.get(name).roles_in(kind)
        }


def test_todays_role_tests_accept_the_roles_of_their_set():
    for kind in SetKind:
        assert TODAY_ROLES[kind.name] == set().union(
            *(BUILTIN_REGISTRY.get(n).roles_in(kind) for n in TODAY_TOPOLOGIES)
        )


def test_every_call_site_class_has_its_own_obligation():
    ids = [c.obligation_id for c in CALL_SITE_CLASSES]
    assert len(set(ids)) == len(ids)
    for c in CALL_SITE_CLASSES:
        assert OBLIGATIONS[c.obligation_id].statement == c.statement


def test_octavia_amphora_statuses():
    assert set(AMPHORA_STATUSES) == {
        "ALLOCATED",
        "BOOTING",
        "READY",
        "PENDING_CREATE",
        "PENDING_UPDATE",
        "PENDING_DELETE",
        "ERROR",
        "DELETED",
        "FAILOVER_STOPPED",
    }


def test_status_rule():
    assert set(AMPHORA_STATUSES) - LIVE_STATUSES == {"DELETED"}
    assert {"PENDING_DELETE"} == LIVE_STATUSES - SEATED_STATUSES
    for status in AMPHORA_STATUSES:
        assert is_live(status) is (status != "DELETED")
        assert is_seated(status) is (
            status not in {"DELETED", "PENDING_DELETE"}
        )
    assert not is_live("UNKNOWN")
    assert not is_seated("UNKNOWN")


@pytest.mark.parametrize(
    ("rule", "admitted", "refused", "scalable", "text"),
    [
        (Cardinality(1, 1), [1], [0, 2], False, "1"),
        (Cardinality(2), [2, 3, 50], [0, 1], True, "2..*"),
        (Cardinality(0, 3), [0, 3], [4], True, "0..3"),
        (Cardinality(0, 0), [0], [1], False, "0"),
    ],
)
def test_cardinality(rule, admitted, refused, scalable, text):
    assert all(rule.admits(n) for n in admitted)
    assert not any(rule.admits(n) for n in refused)
    assert rule.scalable is scalable
    assert str(rule) == text


def test_registry_lookup():
    assert "SINGLE" in BUILTIN_REGISTRY
    assert "single" not in BUILTIN_REGISTRY
    assert [t.name for t in BUILTIN_REGISTRY] == list(BUILTIN_REGISTRY.names)
    with pytest.raises(AmphoraSetsError) as caught:
        BUILTIN_REGISTRY.get("ACTIVE_PASSIVE")
    assert caught.value.field == "topology"
    assert "ACTIVE_PASSIVE" in str(caught.value)


def test_topology_row_lookup():
    single = BUILTIN_REGISTRY.get("SINGLE")
    assert single.row("STANDALONE").member_of(BACK)
    with pytest.raises(KeyError) as caught:
        single.row("MASTER")
    assert caught.value.args == ("MASTER",)


def test_a_topology_refuses_a_failover_order_of_other_roles():
    row = RoleRow("STANDALONE", frozenset({FRONT}), Cardinality(1))
    with pytest.raises(AmphoraSetsError) as caught:
        Topology("T", (row,), lb_failover_roles=("STANDALONE", "SPARE"))
    assert caught.value.field == "topologies.T.lb_failover_roles"
    assert caught.value.problem == (
        "names 'SPARE', which is not a role of the topology"
    )


def test_registry_rejects_a_name_twice():
    extra = Topology(
        "SINGLE", (RoleRow("STANDALONE", frozenset({FRONT}), Cardinality(1)),)
    )
    with pytest.raises(AmphoraSetsError) as caught:
        BUILTIN_REGISTRY.extended([extra])
    assert caught.value.field == "topology"
    assert caught.value.problem == "'SINGLE' is defined twice"
    with pytest.raises(AmphoraSetsError):
        Registry((extra, extra))


ID = re.compile(r"(INV|SEL|DELTA|BC|OP|SEC|PLAN)(-[A-Z0-9]+)+\Z")


def test_obligation_ids_are_well_formed():
    assert len(OBLIGATIONS) == len({o.id for o in OBLIGATIONS.values()})
    for key, obligation in OBLIGATIONS.items():
        assert key == obligation.id
        assert ID.match(obligation.id)
        assert obligation.family is Family[obligation.id.split("-")[0]]
        assert obligation.statement.endswith(".")


def test_applicable_obligations_per_topology():
    def ids(name):
        return {o.id for o in applicable(BUILTIN_REGISTRY.get(name))}

    assert "INV-AS-EQUAL" in ids("ACTIVE_STANDBY")
    assert "INV-AS-EQUAL" not in ids("SINGLE") | ids("ACTIVE_ACTIVE")
    assert {"INV-SINGLE-NO-VRRP", "BC-FRONT-NOT-DELETED"} <= ids("SINGLE")
    assert "BC-FRONT-NOT-DELETED" not in ids("ACTIVE_ACTIVE")
    assert "OP-SCALE-OUT" in ids("ACTIVE_ACTIVE")
    assert "OP-SCALE-OUT" not in ids("ACTIVE_STANDBY")
    assert "DELTA-SCALE-KEEPS-VRRP" in ids("ACTIVE_ACTIVE")
    assert "INV-BACK-IN-FRONT" in ids("SINGLE") & ids("ACTIVE_ACTIVE")


TESTED_FAMILIES = {Family.INV, Family.SEL, Family.DELTA, Family.BC}


def test_every_model_obligation_has_a_test_named_after_it():
    """INV, SEL, DELTA and BC are checked here by a test of that name."""
    here = Path(__file__).parent
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in here.glob("*.py")
    )
    missing = [
        o.id
        for o in OBLIGATIONS.values()
        if o.family in TESTED_FAMILIES
        and not re.search(
            rf"def test_{o.id.lower().replace('-', '_')}\b", source
        )
    ]
    assert missing == []
