"""Load-balancer failover run step by step on the Python model.

The ``OP-LB-FAILOVER-*`` proofs reason about counts.  Here the same flow
runs on concrete load balancers: roles are handed out in the order of
``lb_failover_roles``, and Hypothesis plays the VIP probe, choosing which
amphora of the probe group each replacement replaces.  After every step
the model's own sets must show what the obligations claim; on the wrong
tables the proofs refute, Hypothesis must find a run that breaks the
claim too.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, LoadBalancer, Registry, SetKind
from amphora_sets.cardinality import meets_cardinality
from amphora_sets.registry import (
    AMPHORA_STATUSES,
    Cardinality,
    RoleRow,
    is_seated,
)
from amphora_sets.registry import vocabulary as v
from amphora_sets.testing.strategies import load_balancers
from example_topologies import EXAMPLES


def _with(lb: LoadBalancer, amphorae: list[Amphora]) -> LoadBalancer:
    return LoadBalancer(lb.id, lb.topology, tuple(amphorae), lb.registry)


def _sizes(lb: LoadBalancer, counted: bool = False) -> dict[SetKind, int]:
    return {
        kind: sum(
            1 for a in lb.select(kind) if not counted or is_seated(a.status)
        )
        for kind in SetKind
    }


def run(lb: LoadBalancer, choose) -> list[str]:
    """Fail ``lb`` over; ``choose(candidates)`` plays the VIP probe.

    Returns every broken claim, each as '<obligation ID>: <what>'.
    """
    topology = lb.table
    before = _sizes(lb)
    amphorae = list(lb.amphorae)
    remaining = [a for a in amphorae if a.assigned and is_seated(a.status)]
    replacements = {
        role: sum(a.role == role for a in remaining)
        for role in topology.failover_order
    }
    broken: list[str] = []
    made = 0
    for role in topology.failover_order:
        for _ in range(replacements[role]):
            group = topology.probe_group(role)
            candidates = [a for a in remaining if a.role in group]
            failed = choose(candidates)
            remaining.remove(failed)
            made += 1
            index = amphorae.index(failed)
            amphorae[index] = dataclasses.replace(
                failed, status=v.PENDING_DELETE
            )
            amphorae.append(Amphora(f"new-{made}", role, v.AMPHORA_ALLOCATED))
            window = _with(lb, amphorae)
            for kind in SetKind:
                holds = any(a.id == failed.id for a in window.select(kind))
                if _sizes(window, counted=True)[kind] != before[kind] or (
                    holds != topology.row(failed.role).member_of(kind)
                ):
                    broken.append(f"OP-LB-FAILOVER-MIDWAY: {kind.title}")
            amphorae[index] = dataclasses.replace(failed, status=v.DELETED)
            if _sizes(_with(lb, amphorae)) != before:
                broken.append(f"OP-LB-FAILOVER-KEEPS-SETS: step {made}")
    # The extra amphorae, orphans included, as the flow's bookkeeping
    # finds them: every amphora not DELETED that is not a replacement.
    amphorae = [
        dataclasses.replace(a, status=v.DELETED)
        if a.live and not a.id.startswith("new-")
        else a
        for a in amphorae
    ]
    after = _with(lb, amphorae)
    orphans = [a for a in after.amphorae if a.live and not a.assigned]
    if not meets_cardinality(after) or _sizes(after) != before or orphans:
        broken.append("OP-LB-FAILOVER-DONE")
    return broken


_ORPHAN_STATUSES = [s for s in AMPHORA_STATUSES if s != v.DELETED]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    lb=load_balancers(EXAMPLES, settled=True, max_amphorae=7),
    orphans=st.lists(st.sampled_from(_ORPHAN_STATUSES), max_size=2),
    data=st.data(),
)
def test_every_step_keeps_what_the_obligations_claim(lb, orphans, data):
    def probe(candidates: list[Amphora]) -> Amphora:
        return data.draw(st.sampled_from(candidates))

    lb = _with(
        lb,
        [
            *lb.amphorae,
            *(Amphora(f"orphan-{n}", None, s) for n, s in enumerate(orphans)),
        ],
    )
    assert run(lb, probe) == []


def test_the_probe_may_leave_two_backups_midway():
    lb = LoadBalancer(
        "lb-1",
        v.TOPOLOGY_ACTIVE_STANDBY,
        (
            Amphora("amp-1", v.ROLE_MASTER, v.AMPHORA_ALLOCATED),
            Amphora("amp-2", v.ROLE_BACKUP, v.AMPHORA_ALLOCATED),
        ),
    )
    left: list[list[str | None]] = []

    def probe_finds_master_without_vip(candidates):
        failed = min(candidates, key=lambda a: a.role != v.ROLE_MASTER)
        left.append([a.role for a in candidates if a is not failed])
        return failed

    assert run(lb, probe_finds_master_without_vip) == []
    # The first replacement is a BACKUP and replaced the MASTER: the old
    # BACKUP is left beside it, two BACKUPs and no MASTER.
    assert left == [[v.ROLE_BACKUP], []]


def _master_first(candidates: list[Amphora]) -> Amphora:
    return min(candidates, key=lambda a: a.role != v.ROLE_MASTER)


def _one_of_each(topology, cluster: int = 0) -> LoadBalancer:
    roles = [v.ROLE_MASTER, v.ROLE_BACKUP] + [v.ROLE_IN_CLUSTER] * cluster
    return LoadBalancer(
        "lb-1",
        topology.name,
        tuple(
            Amphora(f"amp-{n}", role, v.AMPHORA_ALLOCATED)
            for n, role in enumerate(roles)
        ),
        Registry((topology,)),
    )


def test_an_order_without_master_leaves_two_backups_at_the_end():
    pair = EXAMPLES.get(v.TOPOLOGY_ACTIVE_STANDBY)
    wrong = dataclasses.replace(pair, lb_failover_roles=(v.ROLE_BACKUP,))
    assert run(_one_of_each(pair), _master_first) == []
    assert run(_one_of_each(wrong), _master_first) == ["OP-LB-FAILOVER-DONE"]


def test_distributors_in_different_sets_break_the_first_step():
    active = EXAMPLES.get(v.TOPOLOGY_ACTIVE_ACTIVE)
    master = RoleRow(v.ROLE_MASTER, frozenset(SetKind), Cardinality(1, 1))
    wrong = dataclasses.replace(
        active,
        rows=tuple(
            master if r.role == v.ROLE_MASTER else r for r in active.rows
        ),
    )
    assert run(_one_of_each(active, 2), _master_first) == []
    assert run(_one_of_each(wrong, 2), _master_first) == [
        "OP-LB-FAILOVER-MIDWAY: back-facing",
        "OP-LB-FAILOVER-KEEPS-SETS: step 1",
    ]


@pytest.mark.parametrize("topology", list(EXAMPLES), ids=lambda t: t.name)
def test_probe_groups_cover_each_role_once(topology):
    groups = {topology.probe_group(role) for role in topology.roles}
    roles = [role for group in groups for role in group]
    assert sorted(roles) == sorted(topology.roles)
