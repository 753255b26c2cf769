"""Selector laws (SEL-*), ``among=`` forms and today's filters (BC-*)."""

import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import (
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    is_allocated,
)
from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.testing import (
    among_forms,
    as_attribute_object,
    as_octavia_dict,
    load_balancers,
    subset_ids,
)
from example_topologies import EXAMPLES, ids

KINDS = st.sampled_from(tuple(SetKind))
LBS = load_balancers(EXAMPLES)
SOME = settings(max_examples=50)


def within(lb: LoadBalancer, kind: SetKind, chosen) -> tuple[Amphora, ...]:
    """The expected selection: the whole set, filtered by id."""
    return tuple(a for a in lb.select(kind) if a.id in chosen)


@SOME
@given(st.data(), LBS, KINDS)
def test_sel_among_is_intersection(data, lb, kind):
    chosen = data.draw(subset_ids(lb))
    among = data.draw(among_forms(lb, chosen))
    assert lb.select(kind, among) == within(lb, kind, chosen)


@SOME
@given(LBS, KINDS)
def test_sel_among_all_is_whole(lb, kind):
    whole = lb.select(kind)
    everything = (
        lb.amphorae,
        list(lb.amphorae),
        [a.id for a in lb.amphorae],
        as_octavia_dict(lb)["amphorae"],
        as_attribute_object(lb).amphorae,
        lambda amphora: True,
    )
    for among in everything:
        assert lb.select(kind, among) == whole


@SOME
@given(st.data(), LBS, KINDS)
def test_sel_monotone(data, lb, kind):
    small = data.draw(subset_ids(lb))
    large = small | data.draw(subset_ids(lb))
    narrow = lb.select(kind, data.draw(among_forms(lb, small)))
    wide = lb.select(kind, data.draw(among_forms(lb, large)))
    assert set(narrow) <= set(wide)


@SOME
@given(st.data(), LBS, KINDS)
def test_sel_distributes_union(data, lb, kind):
    left, right = data.draw(subset_ids(lb)), data.draw(subset_ids(lb))

    def pick(chosen):
        return set(lb.select(kind, data.draw(among_forms(lb, chosen))))

    assert pick(left | right) == pick(left) | pick(right)


@SOME
@given(st.data(), LBS, KINDS)
def test_sel_distributes_intersection(data, lb, kind):
    left, right = data.draw(subset_ids(lb)), data.draw(subset_ids(lb))

    def pick(chosen):
        return set(lb.select(kind, data.draw(among_forms(lb, chosen))))

    assert pick(left & right) == pick(left) & pick(right)


@SOME
@given(st.data(), LBS)
def test_sel_invariants_in_subset(data, lb):
    among = data.draw(among_forms(lb, data.draw(subset_ids(lb))))
    front = set(lb.select_front_facing(among))
    back = set(lb.select_back_facing(among))
    vrrp = set(lb.select_vrrp(among))
    assert back <= front
    assert vrrp <= front
    assert front == back | vrrp


@SOME
@given(LBS)
def test_named_selectors_are_select(lb):
    assert lb.select_front_facing() == lb.select(SetKind.FRONT)
    assert lb.select_back_facing() == lb.select(SetKind.BACK)
    assert lb.select_vrrp() == lb.select(SetKind.VRRP)
    assert lb.front_facing_amphorae == lb.select(SetKind.FRONT)
    assert lb.back_facing_amphorae == lb.select(SetKind.BACK)
    assert lb.vrrp_amphorae == lb.select(SetKind.VRRP)


@pytest.mark.parametrize("status", AMPHORA_STATUSES)
def test_is_allocated_is_octavias_filter(status):
    assert is_allocated(Amphora("a", None, status)) is (status == "ALLOCATED")


@SOME
@given(LBS, KINDS)
def test_among_is_allocated_is_status_filter(lb, kind):
    allocated = tuple(a for a in lb.select(kind) if a.status == "ALLOCATED")
    assert lb.select(kind, among=is_allocated) == allocated


TODAY_FILTERS = {
    "!= DELETED": lambda a: a.status != "DELETED",
    "== ALLOCATED": is_allocated,
    "none": lambda a: True,
}


@SOME
@given(LBS, st.sampled_from(sorted(TODAY_FILTERS)))
def test_live_view_is_every_amphora_not_deleted(lb, name):
    keep = TODAY_FILTERS[name]
    assert lb.select_live(among=keep) == tuple(
        a for a in lb.amphorae if a.status != "DELETED" and keep(a)
    )
    assert lb.live_amphorae == lb.select_live()


AA = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("b", "BACKUP", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c2", "IN_CLUSTER", "BOOTING"),
        Amphora("c0", "IN_CLUSTER", "DELETED"),
    ),
)


@pytest.mark.parametrize(
    "among",
    [
        pytest.param(["c2", "m", "nowhere"], id="ids"),
        pytest.param({"m", "c2"}, id="set-of-ids"),
        pytest.param((AA.amphorae[3], AA.amphorae[0]), id="amphorae"),
        pytest.param([{"id": "m"}, {"id": "c2", "role": "x"}], id="dicts"),
        pytest.param(
            [types.SimpleNamespace(id="c2"), types.SimpleNamespace(id="m")],
            id="objects",
        ),
        pytest.param(
            ["m", {"id": "c2"}, types.SimpleNamespace(id="c0")], id="mixed"
        ),
        pytest.param(lambda a: a.id in {"m", "c2", "c0"}, id="predicate"),
    ],
)
def test_among_forms_select_m_and_c2(among):
    assert ids(AA.select_front_facing(among)) == ["m", "c2"]


@pytest.mark.parametrize(
    "among",
    [(i for i in ("m", "c2")), iter(["m"]), map(str, ["m"])],
    ids=["generator", "iter", "map"],
)
def test_among_one_shot_iterator_is_refused(among):
    with pytest.raises(AmphoraSetsError) as caught:
        AA.select_front_facing(among)
    assert caught.value.field == "among"
    assert "one-shot iterator" in str(caught.value)


def test_among_matches_by_id_only():
    stale = Amphora("c1", "IN_CLUSTER", "ERROR")
    assert AA.select_back_facing([stale]) == (AA.amphorae[2],)


def test_among_predicate_result_is_truthiness():
    assert ids(AA.select_vrrp(lambda a: a.id == "m" and 1)) == ["m"]


def test_among_empty_selects_nothing():
    for kind in SetKind:
        assert AA.select(kind, []) == ()
        assert AA.select(kind, lambda a: False) == ()


@pytest.mark.parametrize(
    "among",
    [
        pytest.param("m", id="one-id"),
        pytest.param(b"m", id="bytes"),
        pytest.param(AA.amphorae[0], id="one-amphora"),
        pytest.param({"id": "m"}, id="one-dict"),
        pytest.param(types.SimpleNamespace(id="m"), id="one-object"),
        pytest.param(5, id="number"),
        pytest.param([{"role": "MASTER"}], id="dict-without-id"),
        pytest.param(["m", 5], id="number-item"),
        pytest.param([None], id="none-item"),
    ],
)
def test_among_that_is_not_a_subset_is_an_error(among):
    with pytest.raises(AmphoraSetsError) as caught:
        AA.select_front_facing(among)
    assert caught.value.field == "among"
    assert "among" in str(caught.value)


def test_kind_may_be_given_by_its_value():
    assert AA.select("back") == AA.select(SetKind.BACK)


def test_an_unknown_kind_is_bad_input():
    with pytest.raises(AmphoraSetsError) as raised:
        AA.select("middle")
    assert raised.value.field == "kind"
