"""What the strategies promise, drawn from strategies built in each test.

Each test builds its strategies when it runs (not when the module is
imported), so that the test exercises the code that builds them.
"""

from __future__ import annotations

import re
import types

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from amphora_sets import Amphora, LoadBalancer
from amphora_sets.testing import (
    among_forms,
    amphora,
    amphora_ids,
    amphorae,
    as_attribute_object,
    as_octavia_dict,
    load_balancer_ids,
    load_balancer_pairs,
    load_balancers,
    subsets,
    topologies,
)
from example_topologies import EXAMPLES

FEW = settings(max_examples=300)


def _never(strategy, condition) -> None:
    """``strategy`` gives no value meeting ``condition``."""
    with pytest.raises(NoSuchExample):
        find(strategy, condition, settings=FEW)


def _can(strategy, condition):
    """A value of ``strategy`` meeting ``condition``, as first found."""
    return find(
        strategy,
        condition,
        settings=settings(max_examples=1000, phases=[Phase.generate]),
    )


@pytest.mark.parametrize(
    ("strategy", "prefix", "top"),
    [(amphora_ids, "amp", 999), (load_balancer_ids, "lb", 99)],
)
def test_ids_are_numbered_from_zero_to_a_bound(strategy, prefix, top) -> None:
    def number(text: str) -> int:
        found = re.fullmatch(rf"{prefix}-(0|[1-9][0-9]*)", text)
        assert found, text
        return int(found.group(1))

    assert find(strategy(), lambda i: number(i) >= 0) == f"{prefix}-0"
    assert find(strategy(), lambda i: number(i) >= top) == f"{prefix}-{top}"
    _never(strategy(), lambda i: number(i) > top)


def _topology(name: str = "ACTIVE_ACTIVE"):
    return EXAMPLES.get(name)


@pytest.mark.parametrize("settled", [False, True])
def test_amphorae_take_their_ids_from_the_given_strategy(settled) -> None:
    names = ("x", "y", "z", "w")
    drawn = _can(
        amphorae(
            _topology(),
            max_size=4,
            settled=settled,
            ids=st.sampled_from(names),
        ),
        lambda found: len(found) >= 4,
    )
    assert sorted(a.id for a in drawn) == sorted(names)
    one = find(amphora(_topology(), ids=st.just("x")), lambda a: True)
    assert one.id == "x"


def test_amphorae_by_default_range_from_none_to_eight_of_any_status():
    topology = _topology()
    _can(amphorae(topology), lambda found: not found)
    _can(amphorae(topology), lambda found: len(found) == 8)
    _never(amphorae(topology), lambda found: len(found) > 8)
    _can(
        amphorae(topology),
        lambda found: any(a.status == "PENDING_DELETE" for a in found),
    )


@pytest.mark.parametrize("form", ["name", "value"])
def test_topologies_are_restricted_to_those_given(form) -> None:
    given_ = [
        name if form == "name" else EXAMPLES.get(name)
        for name in ("SINGLE", "ACTIVE_ACTIVE_L3")
    ]
    _never(
        topologies(EXAMPLES, given_),
        lambda t: t.name not in {"SINGLE", "ACTIVE_ACTIVE_L3"},
    )
    _never(
        load_balancers(EXAMPLES, topologies=given_),
        lambda lb: lb.topology not in {"SINGLE", "ACTIVE_ACTIVE_L3"},
    )
    _can(topologies(EXAMPLES, given_), lambda t: t.name == "ACTIVE_ACTIVE_L3")


def _lb() -> LoadBalancer:
    return LoadBalancer(
        "lb-1",
        "ACTIVE_ACTIVE",
        (
            Amphora("amp-1", "MASTER", "ALLOCATED"),
            Amphora("amp-2", "BACKUP", "PENDING_DELETE"),
            Amphora("amp-3", None, "BOOTING"),
            Amphora("amp-4", "IN_CLUSTER", "DELETED"),
        ),
    )


def _row(amphora: Amphora, lb_id: str) -> dict:
    return {
        "id": amphora.id,
        "role": amphora.role,
        "status": amphora.status,
        "load_balancer_id": lb_id,
    }


def test_octavia_forms_carry_the_load_balancer_id() -> None:
    lb = _lb()
    rows = [_row(a, lb.id) for a in lb.amphorae]
    assert as_octavia_dict(lb) == {
        "id": lb.id,
        "topology": lb.topology,
        "amphorae": rows,
    }
    shaped = as_attribute_object(lb)
    assert (shaped.id, shaped.topology) == (lb.id, lb.topology)
    assert [vars(a) for a in shaped.amphorae] == rows


def _ids_in(among, lb: LoadBalancer) -> set[str]:
    """The ids ``among`` names, each item checked against ``lb``."""
    if callable(among):
        return {a.id for a in lb.amphorae if among(a)}
    known = {a.id: a for a in lb.amphorae}
    found = set()
    for item in among:
        if isinstance(item, str):
            found.add(item)
            continue
        if isinstance(item, Amphora):
            amphora_id = item.id
            assert item == known.get(amphora_id, item)
        else:
            row = item if isinstance(item, dict) else vars(item)
            assert isinstance(item, (dict, types.SimpleNamespace))
            amphora_id = row["id"]
            if amphora_id in known:
                assert row == _row(known[amphora_id], lb.id)
        found.add(amphora_id)
    return found


@settings(max_examples=40)
@given(st.data())
def test_among_forms_render_the_load_balancers_own_amphorae(data) -> None:
    lb = _lb()
    ids = data.draw(st.sets(st.sampled_from(["amp-1", "amp-3", "amp-4"])))
    among = data.draw(among_forms(lb, ids))
    assert _ids_in(among, lb) == ids & {"amp-1", "amp-3", "amp-4"}


def _foreign(among, lb: LoadBalancer) -> bool:
    own = {a.id for a in lb.amphorae}
    return not callable(among) and bool(_ids_in(among, lb) - own)


def test_subsets_name_foreign_ids_unless_told_not_to() -> None:
    lb = _lb()
    _can(subsets(lb), lambda among: _foreign(among, lb))
    _never(subsets(lb, foreign=False), lambda among: _foreign(among, lb))


def _kept(pair) -> list[tuple[Amphora, Amphora]]:
    old, new = pair
    now = {a.id: a for a in new.amphorae}
    return [(a, now[a.id]) for a in old.amphorae if a.id in now]


def test_pairs_swap_roles_in_place() -> None:
    _can(
        load_balancer_pairs(topologies=["ACTIVE_STANDBY"]),
        lambda pair: any(
            (before.role, after.role) == ("MASTER", "BACKUP")
            and before.status == after.status
            for before, after in _kept(pair)
        ),
    )


@settings(max_examples=40)
@given(st.data())
def test_a_status_change_keeps_a_role_of_the_topology(data) -> None:
    pair = data.draw(load_balancer_pairs(EXAMPLES))
    roles = pair[0].table.roles
    for before, after in _kept(pair):
        if before.status != after.status and before.role in roles:
            assert after.role == before.role


def test_a_predicate_subset_shows_its_ids() -> None:
    among = _can(among_forms(_lb(), ["amp-3", "amp-1"]), callable)
    assert repr(among) == "in_subset(['amp-1', 'amp-3'])"
