"""Differential tests: the Z3 encoding and the Python model agree.

Hypothesis draws load balancers (every registered topology, plus the
example TOML topologies); Z3 evaluates the three sets, selections and
deltas as bit-vectors over the load balancer's amphorae, and the answers
must equal the reference model's.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, LoadBalancer, amphora_delta, load_registry
from amphora_sets.registry import SetKind
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
