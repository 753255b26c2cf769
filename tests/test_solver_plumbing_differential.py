"""Differential tests: the plumbing encoding agrees with the model.

For every ordered pair of amphorae, the resources the Z3 encoding gives
the first must be those :func:`plumbing_of` gives it, and the operations
of the encoding's plan on it must be those :func:`plan` has.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import LoadBalancer, load_registry
from amphora_sets.plumbing import Wiring, plan, plumbing_of
from amphora_sets.registry.plumbing import Action
from amphora_sets.solver import evaluate_plumbing
from amphora_sets.testing import load_balancer_pairs, load_balancers

DATA = Path(__file__).parent / "data"
REGISTRY = load_registry(DATA / "active_active_n_plus_1.toml")
WRITES = {Action.WRITE_KEEPALIVED, Action.UPDATE_PEERS}


def _wiring(lbs: tuple[LoadBalancer, ...], groups: bool) -> Wiring:
    ids = sorted({a.id for lb in lbs for a in lb.amphorae})
    return Wiring(
        member_networks=("net",),
        listener_ports=(80,),
        vrrp_protocols=(112,),
        peer_groups={i: str(n % 2) for n, i in enumerate(ids)}
        if groups
        else {},
    )


@settings(max_examples=12, deadline=None)
@given(lb=load_balancers(REGISTRY, max_amphorae=3), groups=st.booleans())
def test_plumbing_agrees(lb, groups) -> None:
    wiring = _wiring((lb,), groups)
    model = {
        (f.resource, f.amphora_id, f.peer_id) for f in plumbing_of(lb, wiring)
    }
    same = lambda a, b: wiring.group_of(a) == wiring.group_of(b)  # noqa: E731
    assert evaluate_plumbing.facts(lb, same) == model


@settings(max_examples=12, deadline=None)
@given(
    pair=load_balancer_pairs(REGISTRY, max_amphorae=3), groups=st.booleans()
)
def test_plan_agrees(pair, groups) -> None:
    old, new = pair
    wiring = _wiring(pair, groups)
    model = set()
    for operation in plan(old, new, wiring):
        if operation.action in WRITES:
            model.add((operation.action, operation.amphora_id, None, None))
        else:
            (fact,) = operation.facts
            model.add(
                (
                    operation.action,
                    fact.amphora_id,
                    fact.resource,
                    fact.peer_id,
                )
            )
    same = lambda a, b: wiring.group_of(a) == wiring.group_of(b)  # noqa: E731
    assert evaluate_plumbing.operations(old, new, same) == model
