"""The set invariants (INV-*) for every registered topology."""

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, LoadBalancer, SetKind
from amphora_sets.cardinality import seats
from amphora_sets.registry import is_seated
from amphora_sets.testing import load_balancers
from example_topologies import BACK_NOT_FRONT, EXAMPLES, ids

TOPOLOGIES = pytest.mark.parametrize("name", EXAMPLES.names)
FEW = settings(max_examples=20)
SOME = settings(max_examples=50)


def lbs(name: str, settled: bool = False):
    return load_balancers(EXAMPLES, topologies=[name], settled=settled)


def sets(lb: LoadBalancer) -> tuple[set[str], set[str], set[str]]:
    return (
        set(ids(lb.front_facing_amphorae)),
        set(ids(lb.back_facing_amphorae)),
        set(ids(lb.vrrp_amphorae)),
    )


def live_ids(lb: LoadBalancer) -> set[str]:
    """Live amphorae that hold a role: what today's loops see."""
    return {a.id for a in lb.amphorae if a.status != "DELETED" and a.role}


def seated(amphorae: tuple[Amphora, ...]) -> list[Amphora]:
    return [a for a in amphorae if is_seated(a.status)]


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_sets_follow_table(name, data):
    lb = data.draw(lbs(name))
    for kind in SetKind:
        expected = tuple(
            a
            for a in lb.amphorae
            if a.status != "DELETED" and a.role in lb.table.roles_in(kind)
        )
        assert lb.select(kind) == expected


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_no_duplicates(name, data):
    lb = data.draw(lbs(name))
    for kind in SetKind:
        listed = ids(lb.select(kind))
        assert len(listed) == len(set(listed))


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_back_in_front(name, data):
    front, back, _ = sets(data.draw(lbs(name)))
    assert back <= front


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_vrrp_in_front(name, data):
    front, _, vrrp = sets(data.draw(lbs(name)))
    assert vrrp <= front


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_front_is_union(name, data):
    front, back, vrrp = sets(data.draw(lbs(name)))
    assert front == back | vrrp


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_live_covered(name, data):
    lb = data.draw(lbs(name))
    front, back, vrrp = sets(lb)
    assert live_ids(lb) == front | back | vrrp


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_unassigned_excluded(name, data):
    lb = data.draw(lbs(name))
    unassigned = {a.id for a in lb.amphorae if a.role is None}
    front, back, vrrp = sets(lb)
    assert not unassigned & (front | back | vrrp)


def test_an_unassigned_amphora_is_accepted_in_no_set_and_seatless():
    lb = LoadBalancer(
        "lb",
        "ACTIVE_STANDBY",
        (
            Amphora("old", "MASTER", "PENDING_DELETE"),
            Amphora("b", "BACKUP", "ALLOCATED"),
            Amphora("new", None, "BOOTING"),
        ),
    )
    assert sets(lb) == ({"old", "b"}, {"old", "b"}, {"old", "b"})
    assert seats(lb, "MASTER") == 0


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_deleted_excluded(name, data):
    lb = data.draw(lbs(name))
    deleted = {a.id for a in lb.amphorae if a.status == "DELETED"}
    for members in sets(lb):
        assert not members & deleted


@SOME
@given(lbs("ACTIVE_STANDBY"))
def test_inv_as_equal(lb):
    front, back, vrrp = sets(lb)
    assert front == back == vrrp == live_ids(lb)


@SOME
@given(lbs("SINGLE"))
def test_inv_single_no_vrrp(lb):
    assert lb.vrrp_amphorae == ()


@SOME
@given(lbs("SINGLE"))
def test_inv_single_front_is_back(lb):
    assert lb.front_facing_amphorae == lb.back_facing_amphorae
    assert set(ids(lb.front_facing_amphorae)) == live_ids(lb)


@SOME
@given(lbs("ACTIVE_ACTIVE"))
def test_inv_aa_distributors_front_only(lb):
    _, back, vrrp = sets(lb)
    assert not back & vrrp


@SOME
@given(lbs("ACTIVE_ACTIVE"))
def test_active_active_membership_by_role(lb):
    live = [a for a in lb.amphorae if a.status != "DELETED" and a.role]
    distributors = [a for a in live if a.role in {"MASTER", "BACKUP"}]
    cluster = [a for a in live if a.role == "IN_CLUSTER"]
    assert list(lb.front_facing_amphorae) == live
    assert list(lb.vrrp_amphorae) == distributors
    assert list(lb.back_facing_amphorae) == cluster


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_front_nonempty(name, data):
    lb = data.draw(lbs(name, settled=True))
    assert seated(lb.front_facing_amphorae)


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_back_nonempty(name, data):
    lb = data.draw(lbs(name, settled=True))
    assert seated(lb.back_facing_amphorae)


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_inv_vrrp_peered(name, data):
    lb = data.draw(lbs(name, settled=True))
    assert len(seated(lb.vrrp_amphorae)) != 1


@TOPOLOGIES
@FEW
@given(data=st.data())
def test_sets_keep_the_load_balancer_order(name, data):
    lb = data.draw(lbs(name))
    position = {a.id: i for i, a in enumerate(lb.amphorae)}
    for kind in SetKind:
        order = [position[a.id] for a in lb.select(kind)]
        assert order == sorted(order)


def amp(amphora_id: str, role: str | None, status: str = "ALLOCATED"):
    return Amphora(amphora_id, role, status)


def test_single_example():
    lb = LoadBalancer(
        "lb",
        "SINGLE",
        (amp("old", "STANDALONE", "DELETED"), amp("a", "STANDALONE")),
    )
    assert ids(lb.front_facing_amphorae) == ["a"]
    assert ids(lb.back_facing_amphorae) == ["a"]
    assert lb.vrrp_amphorae == ()


def test_active_standby_example():
    lb = LoadBalancer(
        "lb",
        "ACTIVE_STANDBY",
        (
            amp("m", "MASTER"),
            amp("b", "BACKUP", "ERROR"),
            amp("gone", None, "DELETED"),
        ),
    )
    assert sets(lb) == ({"m", "b"}, {"m", "b"}, {"m", "b"})


def test_active_active_example():
    lb = LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE",
        (
            amp("m", "MASTER"),
            amp("b", "BACKUP"),
            amp("c1", "IN_CLUSTER"),
            amp("c2", "IN_CLUSTER", "PENDING_DELETE"),
            amp("c3", "IN_CLUSTER", "DELETED"),
        ),
    )
    assert sets(lb) == ({"m", "b", "c1", "c2"}, {"c1", "c2"}, {"m", "b"})


def test_l3_example_has_no_vrrp():
    lb = LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE_L3",
        (amp("c1", "IN_CLUSTER"), amp("c2", "IN_CLUSTER")),
        EXAMPLES,
    )
    assert sets(lb) == ({"c1", "c2"}, {"c1", "c2"}, set())


def test_n_plus_1_standby_is_front_and_back():
    lb = LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE_N_PLUS_1",
        (
            amp("m", "MASTER"),
            amp("b", "BACKUP"),
            amp("c1", "IN_CLUSTER"),
            amp("c2", "IN_CLUSTER"),
            amp("s", "IN_CLUSTER_STANDBY", "READY"),
        ),
        EXAMPLES,
    )
    assert sets(lb) == (
        {"m", "b", "c1", "c2", "s"},
        {"c1", "c2", "s"},
        {"m", "b"},
    )


def test_inv_back_in_front_fails_for_back_not_front():
    """The INV-BACK-IN-FRONT check above can fail: a wrong table fails it."""
    lb = find(
        load_balancers(BACK_NOT_FRONT, topologies=["BACK_NOT_FRONT"]),
        lambda lb: not sets(lb)[1] <= sets(lb)[0],
    )
    assert lb.back_facing_amphorae
    assert not lb.front_facing_amphorae
