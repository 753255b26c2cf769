"""The BC- call-site obligations, on the Python model.

The proofs show each ``BC-<SET>-<FILTER>`` claim for one arbitrary
amphora; these tests check the same claim on whole Hypothesis-drawn load
balancers of the topologies Octavia has today, through the model's own
selectors and its live view.  The naive claims they weaken are refuted.
"""

from __future__ import annotations

import pytest
import z3
from hypothesis import given, settings

from amphora_sets import BUILTIN_REGISTRY, LoadBalancer, SetKind, is_allocated
from amphora_sets.registry import call_sites as cs
from amphora_sets.solver.encoding import Encoding
from amphora_sets.solver.pointwise import naive_call_site
from amphora_sets.solver.semantics import REFERENCE
from amphora_sets.testing import load_balancers
from corpus import NAIVE_CLAIMS, NaiveClaim
from example_topologies import EXAMPLES

TODAY_LBS = load_balancers(EXAMPLES, topologies=sorted(cs.TODAY_TOPOLOGIES))
SOME = settings(max_examples=40)
KEEPS = {
    cs.NOT_DELETED: lambda a: a.status != "DELETED",
    cs.ALLOCATED: is_allocated,
    cs.UNFILTERED: lambda a: True,
}


def _meets(lb: LoadBalancer, set_name: str, among=None) -> set:
    if set_name == cs.ALL:
        return set(lb.select_live(among=among))
    return set(lb.select(SetKind[set_name], among=among))


def _holds(lb: LoadBalancer, set_name: str, row_filter: str) -> None:
    runs = lb.table.legacy in cs.TODAY_RUNS[set_name]
    if row_filter in KEEPS:
        keep = KEEPS[row_filter]
        today = {a for a in lb.amphorae if keep(a) and runs and a.live}
        new = _meets(lb, set_name, keep)
        assert new <= today
        assert {a for a in today if a.assigned} <= new
        assert today <= _meets(lb, cs.ALL, keep)
        return
    held = {a for a in _meets(lb, set_name) if a.assigned}
    live = {a for a in lb.amphorae if a.live}
    if row_filter == cs.TOPOLOGY:
        expected = {a for a in live if a.assigned} if runs else set()
    else:
        roles = cs.TODAY_ROLES[set_name]
        expected = {a for a in live if a.role in roles}
    assert held == expected


@SOME
@given(TODAY_LBS)
def test_bc_front_not_deleted(lb: LoadBalancer) -> None:
    _holds(lb, "FRONT", cs.NOT_DELETED)


@SOME
@given(TODAY_LBS)
def test_bc_front_allocated(lb: LoadBalancer) -> None:
    _holds(lb, "FRONT", cs.ALLOCATED)


@SOME
@given(TODAY_LBS)
def test_bc_front_unfiltered(lb: LoadBalancer) -> None:
    _holds(lb, "FRONT", cs.UNFILTERED)


@SOME
@given(TODAY_LBS)
def test_bc_front_topology(lb: LoadBalancer) -> None:
    _holds(lb, "FRONT", cs.TOPOLOGY)


@SOME
@given(TODAY_LBS)
def test_bc_front_role(lb: LoadBalancer) -> None:
    _holds(lb, "FRONT", cs.ROLE)


@SOME
@given(TODAY_LBS)
def test_bc_back_not_deleted(lb: LoadBalancer) -> None:
    _holds(lb, "BACK", cs.NOT_DELETED)


@SOME
@given(TODAY_LBS)
def test_bc_back_allocated(lb: LoadBalancer) -> None:
    _holds(lb, "BACK", cs.ALLOCATED)


@SOME
@given(TODAY_LBS)
def test_bc_back_unfiltered(lb: LoadBalancer) -> None:
    _holds(lb, "BACK", cs.UNFILTERED)


@SOME
@given(TODAY_LBS)
def test_bc_vrrp_not_deleted(lb: LoadBalancer) -> None:
    _holds(lb, "VRRP", cs.NOT_DELETED)


@SOME
@given(TODAY_LBS)
def test_bc_vrrp_allocated(lb: LoadBalancer) -> None:
    _holds(lb, "VRRP", cs.ALLOCATED)


@SOME
@given(TODAY_LBS)
def test_bc_vrrp_topology(lb: LoadBalancer) -> None:
    _holds(lb, "VRRP", cs.TOPOLOGY)


@SOME
@given(TODAY_LBS)
def test_bc_vrrp_role(lb: LoadBalancer) -> None:
    _holds(lb, "VRRP", cs.ROLE)


@SOME
@given(TODAY_LBS)
def test_bc_all_not_deleted(lb: LoadBalancer) -> None:
    _holds(lb, "ALL", cs.NOT_DELETED)


@SOME
@given(TODAY_LBS)
def test_bc_all_unfiltered(lb: LoadBalancer) -> None:
    _holds(lb, "ALL", cs.UNFILTERED)


@SOME
@given(TODAY_LBS)
def test_bc_all_topology(lb: LoadBalancer) -> None:
    _holds(lb, "ALL", cs.TOPOLOGY)


@SOME
@given(TODAY_LBS)
def test_bc_all_role(lb: LoadBalancer) -> None:
    _holds(lb, "ALL", cs.ROLE)


def _naive(obligation_id: str, topology: str) -> tuple[bool, object]:
    """Decide the naive claim; its counterexample amphora if refuted."""
    [cls] = [
        c for c in cs.CALL_SITE_CLASSES if c.obligation_id == obligation_id
    ]
    enc = Encoding(BUILTIN_REGISTRY.get(topology), REFERENCE, z3.Context())
    goal = naive_call_site(cls)(enc)
    solver = z3.Solver(ctx=enc.ctx)
    solver.add(*goal.hypotheses, z3.Not(goal.claim))
    if solver.check() == z3.unsat:
        return True, None
    [amphora] = goal.witness(solver.model())["lb"].amphorae
    return False, amphora


@pytest.mark.parametrize(
    "claim", NAIVE_CLAIMS, ids=lambda c: f"{c.obligation_id}-{c.topology}"
)
def test_naive_claim_is_refuted_by_a_roleless_or_deleted_amphora(
    claim: NaiveClaim,
) -> None:
    holds, amphora = _naive(claim.obligation_id, claim.topology)
    assert not holds
    assert amphora.role is None or amphora.status == "DELETED"


def test_naive_claims_are_exactly_the_refuted_ones() -> None:
    naive = {(c.obligation_id, c.topology) for c in NAIVE_CLAIMS}
    for cls in cs.CALL_SITE_CLASSES:
        if cls.filter not in cs.LOOP_FILTERS:
            continue
        for topology in cs.TODAY_TOPOLOGIES:
            holds, _ = _naive(cls.obligation_id, topology)
            assert holds == ((cls.obligation_id, topology) not in naive)
