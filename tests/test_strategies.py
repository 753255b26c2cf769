"""The public strategies generate what they promise."""

import subprocess
import sys

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from amphora_sets import LoadBalancer, load_balancer_from
from amphora_sets.cardinality import meets_cardinality
from amphora_sets.registry import AMPHORA_STATUSES
from amphora_sets.testing import (
    amphora,
    amphorae,
    as_octavia_dict,
    load_balancer_pairs,
    load_balancers,
    subset_ids,
    subsets,
    topologies,
)
from example_topologies import EXAMPLES
from package_env import package_env

SOME = settings(max_examples=50)


@SOME
@given(load_balancers(EXAMPLES))
def test_load_balancers_are_valid(lb):
    topology = lb.table
    assert lb.registry is EXAMPLES
    assert len({a.id for a in lb.amphorae}) == len(lb.amphorae)
    for a in lb.amphorae:
        assert a.status in AMPHORA_STATUSES
        assert a.status == "DELETED" or a.role in (*topology.roles, None)
    assert load_balancer_from(as_octavia_dict(lb), EXAMPLES) == lb


@SOME
@given(load_balancers(EXAMPLES, settled=True))
def test_settled_load_balancers_meet_cardinality(lb):
    assert meets_cardinality(lb)
    assert all(a.status != "PENDING_DELETE" for a in lb.amphorae)


def can_draw(strategy, condition) -> bool:
    """True if ``strategy`` can produce a value meeting ``condition``.

    ``find`` searches for the value on purpose, so the answer does not hang
    on which examples one run happens to draw.
    """
    try:
        find(strategy, condition, settings=settings(max_examples=5000))
    except NoSuchExample:
        return False
    return True


@pytest.mark.parametrize("name", EXAMPLES.names)
def test_unsettled_load_balancers_include_broken_ones(name):
    assert can_draw(
        load_balancers(EXAMPLES, topologies=[name]),
        lambda lb: not meets_cardinality(lb),
    )


@pytest.mark.parametrize("status", AMPHORA_STATUSES)
def test_every_status_occurs(status):
    assert can_draw(
        load_balancers(),
        lambda lb: any(a.status == status for a in lb.amphorae),
    )


@pytest.mark.parametrize("role", [None, "RETIRED", "STANDALONE", "IN_CLUSTER"])
def test_deleted_amphorae_hold_any_role(role):
    assert can_draw(
        load_balancers(topologies=["ACTIVE_ACTIVE"]),
        lambda lb: any(
            a.status == "DELETED" and a.role == role for a in lb.amphorae
        ),
    )


def test_live_amphorae_may_hold_no_role_yet():
    assert can_draw(
        load_balancers(),
        lambda lb: any(a.live and a.role is None for a in lb.amphorae),
    )


@SOME
@given(topologies(EXAMPLES, ["SINGLE", "ACTIVE_ACTIVE_L3"]))
def test_topologies_are_restricted_to_names(topology):
    assert topology.name in {"SINGLE", "ACTIVE_ACTIVE_L3"}


@SOME
@given(st.data())
def test_amphora_and_amphorae_respect_the_topology(data):
    topology = data.draw(topologies(EXAMPLES))
    one = data.draw(amphora(topology, statuses=["READY"]))
    assert one.status == "READY"
    assert one.role in (*topology.roles, None)
    many = data.draw(amphorae(topology, min_size=2, max_size=3))
    assert 2 <= len(many) <= 3


@SOME
@given(load_balancers(max_amphorae=3, settled=True))
def test_settled_may_exceed_max_amphorae_only_for_minimums(lb):
    minimum = sum(row.cardinality.minimum for row in lb.table.rows)
    assert len(lb.amphorae) <= max(3, minimum)


@SOME
@given(st.data(), load_balancers())
def test_subsets_select_from_the_load_balancer(data, lb):
    chosen = data.draw(subset_ids(lb, foreign=False))
    assert chosen <= {a.id for a in lb.amphorae}
    among = data.draw(subsets(lb))
    assert set(lb.select_front_facing(among)) <= set(lb.front_facing_amphorae)


@SOME
@given(load_balancer_pairs(EXAMPLES))
def test_pairs_share_id_and_topology(pair):
    old, new = pair
    assert isinstance(new, LoadBalancer)
    assert (old.id, old.topology) == (new.id, new.topology)


def _changes(pair) -> set[str]:
    old, new = ({a.id: a for a in lb.amphorae} for lb in pair)
    found = set()
    if new.keys() - old.keys():
        found.add("added")
    if old.keys() - new.keys():
        found.add("removed")
    kept = old.keys() & new.keys()
    if any(old[i].status != new[i].status for i in kept):
        found.add("status")
    if any(old[i].role != new[i].role for i in kept):
        found.add("role")
    return found


@pytest.mark.parametrize("change", ["added", "removed", "status", "role"])
def test_pairs_cover_adding_removing_and_changing_status_and_role(change):
    assert can_draw(
        load_balancer_pairs(), lambda pair: change in _changes(pair)
    )


def test_testing_imports_without_z3():
    blocker = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, *args):\n"
        "        if name == 'z3' or name.startswith('z3.'):\n"
        "            raise ImportError('z3 blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import amphora_sets.testing\n"
        "assert 'amphora_sets.solver' not in sys.modules\n"
    )
    subprocess.run(
        [sys.executable, "-c", blocker],
        check=True,
        env=package_env(),
    )
