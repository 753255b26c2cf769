"""Hypothesis strategies for load balancers, subsets and their changes.

Octavia implementers' tests import these to generate the inputs their
code must agree with the reference model on.  Every load balancer drawn
is valid for its topology: live amphorae hold one of the topology's roles
or none yet (None), DELETED amphorae hold any role (None too), ids are
unique, and every status of :data:`~amphora_sets.registry.AMPHORA_STATUSES`
occurs.  A
``settled`` load balancer also meets its topology's cardinality rules and
has no amphora in PENDING_DELETE.

This module imports only Hypothesis and :mod:`amphora_sets`; never Z3.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable
from typing import Any

from hypothesis import strategies as st

from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.statuses import (
    AMPHORA_STATUSES,
    is_live,
    is_seated,
)
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Registry,
    Topology,
)
from amphora_sets.values import Among, Amphora, LoadBalancer

__all__ = [
    "among_forms",
    "amphora",
    "amphora_ids",
    "amphorae",
    "as_attribute_object",
    "as_octavia_dict",
    "load_balancer_ids",
    "load_balancer_pairs",
    "load_balancers",
    "subset_ids",
    "subsets",
    "topologies",
]

# Tuples, never sets: sampling from a set would follow string hashing,
# which changes between runs and would defeat derandomized CI runs.
_SETTLED_STATUSES = tuple(
    s for s in AMPHORA_STATUSES if is_seated(s) and s != v.PENDING_DELETE
)
# A DELETED row may keep a role of another topology (the load balancer's
# topology changed) or one no topology knows any more.
_OTHER_ROLES = (
    *dict.fromkeys(role for t in BUILTIN_REGISTRY for role in t.roles),
    "RETIRED",
)


def amphora_ids() -> st.SearchStrategy[str]:
    """Short readable amphora ids such as ``'amp-7'``."""
    return st.integers(0, 999).map(lambda n: f"amp-{n}")


def load_balancer_ids() -> st.SearchStrategy[str]:
    """Short readable load-balancer ids such as ``'lb-3'``."""
    return st.integers(0, 99).map(lambda n: f"lb-{n}")


def _deleted_roles(topology: Topology) -> tuple[str | None, ...]:
    roles: tuple[str | None, ...] = (None, *topology.roles, *_OTHER_ROLES)
    return tuple(dict.fromkeys(roles))


@functools.lru_cache(maxsize=128)
def _role_and_status(
    topology: Topology, statuses: tuple[str, ...]
) -> st.SearchStrategy[tuple[str | None, str]]:
    # None: an amphora whose role Octavia has not marked yet (unassigned).
    live_roles = (*topology.roles, None)
    return st.tuples(
        st.sampled_from(statuses),
        st.sampled_from(live_roles),
        st.sampled_from(_deleted_roles(topology)),
    ).map(lambda t: (t[1] if is_live(t[0]) else t[2], t[0]))


def amphora(
    topology: Topology,
    *,
    statuses: Iterable[str] = AMPHORA_STATUSES,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Amphora]:
    """One amphora valid in ``topology``, of one of ``statuses``."""
    return st.builds(
        lambda amphora_id, pair: Amphora(amphora_id, *pair),
        ids if ids is not None else amphora_ids(),
        _role_and_status(topology, tuple(statuses)),
    )


def _ids_for(
    count: int, ids: st.SearchStrategy[str]
) -> st.SearchStrategy[list[str]]:
    return st.lists(ids, min_size=count, max_size=count, unique=True)


@st.composite
def _unsettled(
    draw: st.DrawFn,
    topology: Topology,
    min_size: int,
    max_size: int,
    ids: st.SearchStrategy[str],
) -> tuple[Amphora, ...]:
    pairs = draw(
        st.lists(
            _role_and_status(topology, AMPHORA_STATUSES),
            min_size=min_size,
            max_size=max_size,
        )
    )
    names = draw(_ids_for(len(pairs), ids))
    return tuple(Amphora(i, *p) for i, p in zip(names, pairs, strict=True))


@st.composite
def _settled(
    draw: st.DrawFn,
    topology: Topology,
    max_size: int,
    ids: st.SearchStrategy[str],
) -> tuple[Amphora, ...]:
    budget = max(
        0, max_size - sum(r.cardinality.minimum for r in topology.rows)
    )
    pairs: list[tuple[str | None, str]] = []
    for row in topology.rows:
        low = row.cardinality.minimum
        high = low + budget
        if row.cardinality.maximum is not None:
            high = min(high, row.cardinality.maximum)
        count = draw(st.integers(low, high))
        budget -= count - low
        statuses = st.sampled_from(_SETTLED_STATUSES)
        pairs += [(row.role, draw(statuses)) for _ in range(count)]
    dead = st.sampled_from(_deleted_roles(topology))
    pairs += [
        (r, v.DELETED) for r in draw(st.lists(dead, max_size=min(budget, 3)))
    ]
    pairs = draw(st.permutations(pairs))
    names = draw(_ids_for(len(pairs), ids))
    return tuple(Amphora(i, *p) for i, p in zip(names, pairs, strict=True))


def amphorae(
    topology: Topology,
    *,
    min_size: int = 0,
    max_size: int = 8,
    settled: bool = False,
    ids: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[tuple[Amphora, ...]]:
    """The amphorae of one load balancer of ``topology``, ids unique.

    ``settled`` meets the cardinality rules and has no PENDING_DELETE;
    ``min_size`` is then ignored, and ``max_size`` is raised to the sum
    of the role minimums when that is larger.  ``ids`` must offer enough
    distinct values for ``max_size`` amphorae.
    """
    ids = ids if ids is not None else amphora_ids()
    if settled:
        return _settled(topology, max_size, ids)
    return _unsettled(topology, min_size, max_size, ids)


def _choose(
    registry: Registry, names: Iterable[str | Topology] | None
) -> st.SearchStrategy[Topology]:
    if names is None:
        return st.sampled_from(registry.topologies)
    chosen = tuple(
        registry.get(n if isinstance(n, str) else n.name) for n in names
    )
    return st.sampled_from(chosen)


def topologies(
    registry: Registry = BUILTIN_REGISTRY,
    names: Iterable[str | Topology] | None = None,
) -> st.SearchStrategy[Topology]:
    """A topology of ``registry``; only those in ``names`` if given."""
    return _choose(registry, names)


@st.composite
def load_balancers(
    draw: st.DrawFn,
    registry: Registry = BUILTIN_REGISTRY,
    topologies: Iterable[str | Topology] | None = None,
    settled: bool = False,
    max_amphorae: int = 8,
) -> LoadBalancer:
    """A valid load balancer of a topology of ``registry``.

    ``topologies`` restricts the topologies (names or Topology values of
    ``registry``); ``settled`` gives only load balancers that meet their
    cardinality rules with no amphora in PENDING_DELETE.
    """
    topology = draw(_choose(registry, topologies))
    return LoadBalancer(
        draw(load_balancer_ids()),
        topology.name,
        draw(amphorae(topology, max_size=max_amphorae, settled=settled)),
        registry,
    )


@st.composite
def subset_ids(
    draw: st.DrawFn, lb: LoadBalancer, *, foreign: bool = True
) -> frozenset[str]:
    """Some of ``lb``'s amphora ids, plus ids it lacks if ``foreign``."""
    own = [a.id for a in lb.amphorae]
    chosen = draw(st.lists(st.sampled_from(own), unique=True)) if own else []
    if foreign:
        others = amphora_ids().filter(lambda i: i not in own)
        chosen += draw(st.lists(others, max_size=2))
    return frozenset(chosen)


_FORM_KINDS = (
    "ids",
    "amphorae",
    "dicts",
    "objects",
    "set",
    "mixed",
    "predicate",
)


class _InSubset:
    """An ``among=`` predicate true for the amphorae of some ids."""

    def __init__(self, ids: frozenset[str]) -> None:
        self.ids = ids

    def __call__(self, amphora: Amphora) -> bool:
        return amphora.id in self.ids

    def __repr__(self) -> str:
        return f"in_subset({sorted(self.ids)!r})"


def _forms(lb: LoadBalancer, amphora_id: str) -> tuple[object, ...]:
    known = {a.id: a for a in lb.amphorae}
    value = known.get(amphora_id, Amphora(amphora_id, None, v.DELETED))
    return (
        amphora_id,
        value,
        _amphora_dict(value, lb.id),
        _amphora_object(value, lb.id),
    )


@st.composite
def among_forms(
    draw: st.DrawFn, lb: LoadBalancer, ids: Iterable[str]
) -> Among:
    """The subset ``ids`` of ``lb`` as some ``among=`` argument.

    One of: a list of ids, a frozenset of ids, a tuple of
    :class:`Amphora`, a list of Octavia-style dicts, a list of attribute
    objects, a list mixing all four, or a predicate.
    """
    ordered = draw(st.permutations(sorted(set(ids))))
    kind = draw(st.sampled_from(_FORM_KINDS))
    if kind == "set":
        return frozenset(ordered)
    if kind == "predicate":
        return _InSubset(frozenset(ordered))
    if kind == "mixed":
        return [draw(st.sampled_from(_forms(lb, i))) for i in ordered]
    column = _FORM_KINDS.index(kind)
    items = [_forms(lb, i)[column] for i in ordered]
    return tuple(items) if kind == "amphorae" else items


def subsets(
    lb: LoadBalancer, *, foreign: bool = True
) -> st.SearchStrategy[Among]:
    """An ``among=`` argument for ``lb``: a subset in one of many forms."""
    return subset_ids(lb, foreign=foreign).flatmap(
        lambda ids: among_forms(lb, ids)
    )


def _changed(
    draw: st.DrawFn, topology: Topology, amphora: Amphora
) -> Amphora | None:
    action = draw(st.sampled_from(("keep", "remove", "status", "role")))
    if action == "remove":
        return None
    if action == "keep":
        return amphora
    if action == "role":  # a role marked, reverted, promoted or swapped
        roles = (*topology.roles, None)
        if not is_live(amphora.status):
            roles = _deleted_roles(topology)
        return Amphora(
            amphora.id, draw(st.sampled_from(roles)), amphora.status
        )
    role, status = draw(_role_and_status(topology, AMPHORA_STATUSES))
    if not is_live(status) or amphora.role in topology.roles:
        role = amphora.role  # a status change keeps any role it can
    return Amphora(amphora.id, role, status)


@st.composite
def load_balancer_pairs(
    draw: st.DrawFn,
    registry: Registry = BUILTIN_REGISTRY,
    topologies: Iterable[str | Topology] | None = None,
    max_amphorae: int = 8,
) -> tuple[LoadBalancer, LoadBalancer]:
    """``(old, new)``: one load balancer before and after a change.

    ``new`` has ``old``'s id and topology; some amphorae are removed,
    some change status, new ones (with fresh ids) are added, and the
    order may change.
    """
    old = draw(load_balancers(registry, topologies, max_amphorae=max_amphorae))
    topology = old.table
    kept = [_changed(draw, topology, a) for a in old.amphorae]
    taken = {a.id for a in old.amphorae}
    fresh = amphora_ids().filter(lambda i: i not in taken)
    added = draw(amphorae(topology, max_size=3, ids=fresh))
    new = draw(st.permutations([a for a in kept if a] + list(added)))
    return old, LoadBalancer(old.id, old.topology, new, registry)


def _amphora_dict(amphora: Amphora, lb_id: str) -> dict[str, Any]:
    return {
        "id": amphora.id,
        "role": amphora.role,
        "status": amphora.status,
        "load_balancer_id": lb_id,
    }


def _amphora_object(amphora: Amphora, lb_id: str) -> types.SimpleNamespace:
    return types.SimpleNamespace(**_amphora_dict(amphora, lb_id))


def as_octavia_dict(lb: LoadBalancer) -> dict[str, Any]:
    """``lb`` in the v2 flows' dict form, as ``loadbalancer`` is passed."""
    return {
        "id": lb.id,
        "topology": lb.topology,
        "amphorae": [_amphora_dict(a, lb.id) for a in lb.amphorae],
    }


def as_attribute_object(lb: LoadBalancer) -> types.SimpleNamespace:
    """``lb`` as attribute objects, shaped like Octavia's data models."""
    return types.SimpleNamespace(
        id=lb.id,
        topology=lb.topology,
        amphorae=[_amphora_object(a, lb.id) for a in lb.amphorae],
    )
