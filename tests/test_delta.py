"""Grow/shrink deltas (DELTA-*): what changed in one set."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import (
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    amphora_delta,
)
from amphora_sets.testing import (
    among_forms,
    as_octavia_dict,
    load_balancer_pairs,
    load_balancers,
)
from example_topologies import EXAMPLES, ids

KINDS = st.sampled_from(tuple(SetKind))
PAIRS = load_balancer_pairs(EXAMPLES)
SOME = settings(max_examples=40)


@SOME
@given(PAIRS, KINDS)
def test_delta_disjoint(pair, kind):
    delta = amphora_delta(*pair, kind)
    assert not set(ids(delta.added)) & set(ids(delta.removed))


@SOME
@given(PAIRS, KINDS)
def test_delta_added_not_old(pair, kind):
    old, new = pair
    delta = amphora_delta(old, new, kind)
    assert not set(ids(delta.added)) & set(ids(old.select(kind)))
    assert set(delta.added) <= set(new.select(kind))


@SOME
@given(PAIRS, KINDS)
def test_delta_removed_in_old(pair, kind):
    old, new = pair
    delta = amphora_delta(old, new, kind)
    assert set(delta.removed) <= set(old.select(kind))
    assert not set(ids(delta.removed)) & set(ids(new.select(kind)))


@SOME
@given(PAIRS, KINDS)
def test_delta_reconstructs_new(pair, kind):
    old, new = pair
    delta = amphora_delta(old, new, kind)
    rebuilt = set(ids(old.select(kind))) - set(ids(delta.removed))
    assert rebuilt | set(ids(delta.added)) == set(ids(new.select(kind)))


@SOME
@given(PAIRS, KINDS)
def test_delta_keeps_each_side_in_order(pair, kind):
    old, new = pair
    delta = amphora_delta(old, new, kind)
    assert delta.added == tuple(
        a for a in new.select(kind) if a in delta.added
    )
    assert delta.removed == tuple(
        a for a in old.select(kind) if a in delta.removed
    )


@SOME
@given(PAIRS, KINDS)
def test_delta_is_true_when_the_set_changed(pair, kind):
    old, new = pair
    changed = set(ids(old.select(kind))) != set(ids(new.select(kind)))
    assert bool(amphora_delta(old, new, kind)) is changed


@SOME
@given(st.data(), PAIRS, KINDS)
def test_delta_among_is_the_delta_within_the_subset(data, pair, kind):
    old, new = pair
    every = sorted({a.id for a in old.amphorae + new.amphorae})
    chosen = set()
    if every:
        chosen = set(data.draw(st.lists(st.sampled_from(every), unique=True)))
    among = data.draw(among_forms(new, chosen))
    full = amphora_delta(old, new, kind)
    part = amphora_delta(old, new, kind, among)
    assert part.added == tuple(a for a in full.added if a.id in chosen)
    assert part.removed == tuple(a for a in full.removed if a.id in chosen)


@SOME
@given(load_balancers(EXAMPLES), KINDS)
def test_no_change_is_an_empty_delta(lb, kind):
    delta = amphora_delta(lb, lb, kind)
    assert delta.added == delta.removed == ()
    assert not delta


def scalable_roles(lb: LoadBalancer, outside_vrrp: bool = False) -> list:
    return [
        row.role
        for row in lb.table.rows
        if row.cardinality.scalable
        and not (outside_vrrp and row.member_of(SetKind.VRRP))
    ]


def settled_with_scalable(outside_vrrp: bool = False):
    probe = {
        t.name: LoadBalancer("probe", t.name, (), EXAMPLES) for t in EXAMPLES
    }
    names = [n for n, lb in probe.items() if scalable_roles(lb, outside_vrrp)]
    return load_balancers(EXAMPLES, topologies=names, settled=True)


@SOME
@given(st.data(), settled_with_scalable())
def test_delta_scale_touches_only_changed(data, lb):
    role = data.draw(st.sampled_from(scalable_roles(lb)))
    extra = Amphora("scaled", role, "ALLOCATED")
    grown = dataclasses.replace(lb, amphorae=(*lb.amphorae, extra))
    for kind in SetKind:
        expected = (extra,) if lb.table.row(role).member_of(kind) else ()
        assert amphora_delta(lb, grown, kind).added == expected
        assert amphora_delta(lb, grown, kind).removed == ()
        assert amphora_delta(grown, lb, kind).removed == expected
        assert amphora_delta(grown, lb, kind).added == ()


@SOME
@given(st.data(), settled_with_scalable(outside_vrrp=True))
def test_delta_scale_keeps_vrrp(data, lb):
    role = data.draw(st.sampled_from(scalable_roles(lb, outside_vrrp=True)))
    extra = Amphora("scaled", role, "BOOTING")
    grown = dataclasses.replace(lb, amphorae=(extra, *lb.amphorae))
    retired = dataclasses.replace(extra, status="DELETED")
    gone = dataclasses.replace(lb, amphorae=(retired, *lb.amphorae))
    assert not amphora_delta(lb, grown, SetKind.VRRP)
    assert not amphora_delta(grown, gone, SetKind.VRRP)
    assert amphora_delta(grown, gone, SetKind.FRONT).removed == (extra,)


ACTIVE_ACTIVE = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("b", "BACKUP", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c2", "IN_CLUSTER", "ALLOCATED"),
    ),
)


def test_growing_active_active_hands_over_only_the_new_amphora():
    before = ACTIVE_ACTIVE
    c3 = Amphora("c3", "IN_CLUSTER", "BOOTING")
    after = dataclasses.replace(before, amphorae=(*before.amphorae, c3))
    assert amphora_delta(before, after, SetKind.BACK).added == (c3,)
    assert amphora_delta(before, after, SetKind.FRONT).added == (c3,)
    assert not amphora_delta(before, after, SetKind.VRRP)


def test_deleting_an_amphora_removes_it():
    alive = Amphora("a", "STANDALONE", "ALLOCATED")
    old = LoadBalancer("lb", "SINGLE", (alive,))
    new = LoadBalancer(
        "lb", "SINGLE", (Amphora("a", "STANDALONE", "DELETED"),)
    )
    delta = amphora_delta(old, new, SetKind.BACK)
    assert delta.removed == (alive,)
    assert delta.added == ()


def test_delta_among_a_generator_is_refused_as_select_refuses_it():
    lb = LoadBalancer("lb", "SINGLE", (Amphora("a", "STANDALONE", "READY"),))
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_delta(lb, lb, SetKind.FRONT, (i for i in ["a"]))
    assert caught.value.field == "among"


def test_different_load_balancers_are_an_error():
    old = LoadBalancer("lb-1", "SINGLE")
    new = LoadBalancer("lb-2", "SINGLE")
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_delta(old, new, SetKind.FRONT)
    assert caught.value.field == "id"
    assert "'lb-1'" in str(caught.value)
    assert "'lb-2'" in str(caught.value)


def test_delta_reads_octavias_dict_form_and_kind_by_value():
    before = ACTIVE_ACTIVE
    c3 = Amphora("c3", "IN_CLUSTER", "ALLOCATED")
    after = dataclasses.replace(before, amphorae=(*before.amphorae, c3))
    change = amphora_delta(
        as_octavia_dict(before), as_octavia_dict(after), "back"
    )
    assert change.added == (c3,)
    assert change.kind is SetKind.BACK
