"""The conformance cases, computed from the reference model.

Inputs are fixed, not random, so the files are the same on every run:
per built-in topology a settled load balancer, one holding every
(role, status) pair plus unassigned and foreign-role rows, and an empty
one; subsets as lists of ids (or null for none); and one scripted
lifecycle whose consecutive states give the delta cases.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import amphora_sets.lifecycle as lifecycle
from amphora_sets.delta import amphora_delta
from amphora_sets.lifecycle import Step
from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Registry,
    Topology,
)
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.values import Amphora, LoadBalancer

FORMAT = "amphora-sets.vectors/1"
"""The ``format`` of every vector file; a new format gets a new number."""

FOREIGN_ID = "elsewhere"
"""An id no load balancer of the vectors has, used in subsets."""

Case = dict[str, Any]


def lb_json(lb: LoadBalancer) -> dict[str, Any]:
    """A load balancer as the vectors write it."""
    return {
        "id": lb.id,
        "topology": lb.topology,
        "amphorae": [
            {"id": a.id, "role": a.role, "status": a.status}
            for a in lb.amphorae
        ],
    }


def ids(amphorae: tuple[Amphora, ...]) -> list[str]:
    """The ids, in order."""
    return [a.id for a in amphorae]


def sets_json(lb: LoadBalancer) -> dict[str, list[str]]:
    """The three sets of ``lb`` as lists of ids, in amphora order."""
    return {kind.value: ids(lb.select(kind)) for kind in SetKind}


def _name(*parts: str | None) -> str:
    return "-".join((p or "none").lower().replace("_", "-") for p in parts)


def samples(topology: Topology, registry: Registry) -> list[LoadBalancer]:
    """Settled, every (role, status) pair, and empty."""
    counter = itertools.count(1)
    settled = lifecycle.create(
        "lb-settled", topology.name, (f"amp-{n}" for n in counter), registry
    ).lb
    for role in lifecycle.scalable_roles(settled, grow=True):
        settled = lifecycle.scale_out(settled, role, f"amp-{next(counter)}")[
            -1
        ].lb
    rows = [
        Amphora(_name(role, status), role, status)
        for role in (*topology.roles, None)
        for status in AMPHORA_STATUSES
    ]
    rows.append(Amphora("retired-deleted", "RETIRED", v.DELETED))
    return [
        settled,
        LoadBalancer("lb-every-status", topology.name, tuple(rows), registry),
        LoadBalancer("lb-empty", topology.name, (), registry),
    ]


def subsets(*lbs: LoadBalancer) -> list[list[str] | None]:
    """None, nothing, and every other amphora plus a foreign id."""
    every = list(dict.fromkeys(a.id for lb in lbs for a in lb.amphorae))
    return [None, [], [*every[::2], FOREIGN_ID]]


def script(topology: Topology, registry: Registry) -> list[Step]:
    """One lifecycle: create, failover, scale out and in, failover of the
    last amphora, delete, purge."""
    counter = itertools.count(1)

    def fresh() -> str:
        return f"amp-{next(counter)}"

    steps = [
        lifecycle.create(
            f"lb-{_name(topology.name)}",
            topology.name,
            iter(fresh, None),
            registry,
        )
    ]

    def then(make: Callable[[LoadBalancer], list[Step]]) -> None:
        steps.extend(make(steps[-1].lb))

    def failover(lb: LoadBalancer, index: int) -> list[Step]:
        failed = lifecycle.seated(lb, topology.roles)[index]
        return lifecycle.failover(lb, failed, fresh())

    then(lambda lb: failover(lb, 0))
    for role in lifecycle.scalable_roles(steps[-1].lb, grow=True)[:1]:
        then(lambda lb, role=role: lifecycle.scale_out(lb, role, fresh()))
        then(
            lambda lb, role=role: lifecycle.scale_in(
                lb, lifecycle.seated(lb, [role])[0]
            )
        )
    then(lambda lb: failover(lb, -1))
    then(lifecycle.delete)
    then(lifecycle.purge)
    return steps


def _sets_cases(registry: Registry) -> Iterator[Case]:
    for topology in registry:
        for lb in samples(topology, registry):
            yield {
                "name": f"{_name(topology.name)}/{lb.id}",
                "load_balancer": lb_json(lb),
                "expected": sets_json(lb),
            }


def _selection_cases(registry: Registry) -> Iterator[Case]:
    for topology in registry:
        for lb in samples(topology, registry):
            for n, among in enumerate(subsets(lb)):
                for kind in SetKind:
                    yield {
                        "name": f"{_name(topology.name)}/{lb.id}/"
                        f"{kind.value}/among-{n}",
                        "load_balancer": lb_json(lb),
                        "kind": kind.value,
                        "among": among,
                        "expected": ids(lb.select(kind, among)),
                    }


def _delta_cases(registry: Registry) -> Iterator[Case]:
    for topology in registry:
        steps = script(topology, registry)
        for before, after in itertools.pairwise(steps):
            for n, among in enumerate(subsets(before.lb, after.lb)):
                for kind in SetKind:
                    delta = amphora_delta(before.lb, after.lb, kind, among)
                    yield {
                        "name": f"{_name(topology.name)}/{after.name}/"
                        f"{kind.value}/among-{n}",
                        "old": lb_json(before.lb),
                        "new": lb_json(after.lb),
                        "kind": kind.value,
                        "among": among,
                        "expected": {
                            "added": ids(delta.added),
                            "removed": ids(delta.removed),
                        },
                    }


def _lifecycle_cases(registry: Registry) -> Iterator[Case]:
    for topology in registry:
        yield {
            "name": _name(topology.name),
            "topology": topology.name,
            "steps": [
                {
                    "operation": step.name,
                    "load_balancer": lb_json(step.lb),
                    "expected": sets_json(step.lb),
                }
                for step in script(topology, registry)
            ],
        }


FAMILIES: dict[str, tuple[str, Callable[[Registry], Iterator[Case]]]] = {
    "sets": ("load balancer -> its three sets", _sets_cases),
    "selection": (
        "(load balancer, kind, among) -> the selection",
        _selection_cases,
    ),
    "delta": ("(old, new, kind, among) -> added and removed", _delta_cases),
    "lifecycle": (
        "a lifecycle -> the three sets after each step",
        _lifecycle_cases,
    ),
}
"""Family name -> (what it maps, how its cases are computed)."""


def family_document(
    family: str, registry: Registry = BUILTIN_REGISTRY
) -> dict[str, Any]:
    """The whole file of ``family``: format, family, meaning and cases."""
    meaning, cases = FAMILIES[family]
    return {
        "format": FORMAT,
        "family": family,
        "description": meaning,
        "cases": list(cases(registry)),
    }
