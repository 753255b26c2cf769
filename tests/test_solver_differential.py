"""Differential tests: the Z3 encoding and the Python model agree.

Hypothesis draws load balancers (every registered topology, plus the
example TOML topologies); Z3 evaluates the three sets, selections and
deltas as bit-vectors over the load balancer's amphorae, and the answers
must equal the reference model's.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, LoadBalancer, amphora_delta, load_registry
from amphora_sets.cardinality import meets_cardinality, seats
from amphora_sets.registry import AMPHORA_STATUSES, SetKind
from amphora_sets.solver import Semantics, evaluate
from amphora_sets.testing import (
    load_balancer_pairs,
    load_balancers,
    subset_ids,
)

DATA = Path(__file__).parent / "data"
REGISTRY = load_registry(DATA / "active_active_n_plus_1.toml")
KINDS = st.sampled_from(list(SetKind))


def _ids(amphorae: tuple) -> frozenset[str]:
    return frozenset(a.id for a in amphorae)


@settings(max_examples=60)
@given(lb=load_balancers(REGISTRY), kind=KINDS)
def test_sets_agree(lb, kind) -> None:
    assert evaluate.selection(lb, kind) == _ids(lb.select(kind))


@settings(max_examples=60)
@given(data=st.data(), lb=load_balancers(REGISTRY), kind=KINDS)
def test_selections_agree(data, lb, kind) -> None:
    among = data.draw(subset_ids(lb))
    assert evaluate.selection(lb, kind, among) == _ids(lb.select(kind, among))


@settings(max_examples=60)
@given(pair=load_balancer_pairs(REGISTRY), kind=KINDS)
def test_deltas_agree(pair, kind) -> None:
    old, new = pair
    change = amphora_delta(old, new, kind)
    assert evaluate.delta(old, new, kind) == (
        _ids(change.added),
        _ids(change.removed),
    )


def test_a_wrong_encoding_disagrees_with_the_model() -> None:
    lb = LoadBalancer(
        "lb", "ACTIVE_ACTIVE", (Amphora("c1", "IN_CLUSTER", "ALLOCATED"),)
    )
    ignores_among = Semantics(select=lambda in_set, roles, live, among: in_set)
    kind = SetKind.BACK
    assert evaluate.selection(lb, kind, [], ignores_among) != _ids(
        lb.select(kind, [])
    )


def _every_kind_of_amphora(topology_name: str) -> LoadBalancer:
    """One amphora of every (role, status) a load balancer accepts.

    Membership is pointwise, so agreeing on this load balancer means
    agreeing on every amphora of every load balancer of the topology.
    """
    topology = REGISTRY.get(topology_name)
    amphorae = [
        Amphora(f"{role}-{status}", role, status)
        for role in (*topology.roles, None)
        for status in AMPHORA_STATUSES
    ]
    amphorae += [Amphora("foreign-DELETED", "NOT_A_ROLE", "DELETED")]
    return LoadBalancer("lb", topology_name, tuple(amphorae), REGISTRY)


@pytest.mark.parametrize("topology", REGISTRY.names)
def test_sets_and_selections_agree_on_every_kind_of_amphora(
    topology: str,
) -> None:
    lb = _every_kind_of_amphora(topology)
    half = {a.id for i, a in enumerate(lb.amphorae) if i % 2}
    for kind in SetKind:
        for among in (None, half):
            assert evaluate.selection(lb, kind, among) == _ids(
                lb.select(kind, among)
            )


@pytest.mark.parametrize("topology", ["SINGLE", "ACTIVE_ACTIVE"])
def test_deltas_agree_on_every_pair_of_versions(topology: str) -> None:
    """Every amphora absent, or of any (role, status), in either version."""
    one = _every_kind_of_amphora(topology).amphorae
    versions = [None, *one]
    old, new = [], []
    for i, (before, after) in enumerate(itertools.product(versions, versions)):
        if before is not None:
            old.append(Amphora(f"a{i}", before.role, before.status))
        if after is not None:
            new.append(Amphora(f"a{i}", after.role, after.status))
    old_lb = LoadBalancer("lb", topology, tuple(old), REGISTRY)
    new_lb = LoadBalancer("lb", topology, tuple(new), REGISTRY)
    for kind in SetKind:
        change = amphora_delta(old_lb, new_lb, kind)
        assert evaluate.delta(old_lb, new_lb, kind) == (
            _ids(change.added),
            _ids(change.removed),
        )


@settings(max_examples=60)
@given(lb=load_balancers(REGISTRY))
def test_the_counting_encoding_agrees_with_the_model(lb) -> None:
    counted = evaluate.measures(lb)
    assert counted.sizes == {k: len(lb.select(k)) for k in SetKind}
    assert counted.seats == {r: seats(lb, r) for r in lb.table.roles}
    assert counted.meets_cardinality == meets_cardinality(lb)
    # Counts are of amphorae that hold a role: an unassigned one is in no
    # set and holds no seat, so it cannot unsettle a load balancer.
    assert counted.settled == (
        meets_cardinality(lb)
        and all(a.status != "PENDING_DELETE" for a in lb.amphorae if a.role)
    )
