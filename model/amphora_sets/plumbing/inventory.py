"""The plumbing a load balancer's sets call for, as a set of facts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from amphora_sets.adapter import load_balancer_from
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.plumbing.wiring import Wiring
from amphora_sets.registry.plumbing import (
    PLUMBING,
    Among,
    Follows,
    Resource,
    Shape,
)
from amphora_sets.registry.topologies import Registry
from amphora_sets.values import Amphora, LoadBalancer, is_allocated

Item = str | int | None


class Fact(NamedTuple):
    """One piece of plumbing on ``amphora_id``.

    ``peer_id`` is the other amphora of a pair resource (the peer a rule
    admits traffic from, or a configuration lists), None otherwise;
    ``item`` is the network, port or protocol of a resource with items.
    """

    resource: Resource
    amphora_id: str
    peer_id: str | None = None
    item: Item = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        """A sort key: resource, amphora, peer and item as strings."""
        return (
            self.resource.value,
            self.amphora_id,
            self.peer_id or "",
            "" if self.item is None else str(self.item),
        )


@dataclasses.dataclass(frozen=True)
class Plumbing:
    """Every fact of one load balancer's plumbing."""

    facts: frozenset[Fact]

    def __iter__(self) -> Iterator[Fact]:
        return iter(sorted(self.facts, key=lambda f: f.key))

    def __len__(self) -> int:
        return len(self.facts)

    def __contains__(self, fact: object) -> bool:
        return fact in self.facts

    def on(self, amphora_id: str) -> frozenset[Fact]:
        """The facts owned by ``amphora_id``."""
        return frozenset(f for f in self.facts if f.amphora_id == amphora_id)


def members(lb: LoadBalancer, row: Follows) -> tuple[Amphora, ...]:
    """The amphorae that get ``row``'s resource: its set, filtered."""
    among = is_allocated if row.among is Among.ALLOCATED else None
    return lb.select(row.kind, among)


def items_of(row: Follows, wiring: Wiring) -> tuple[Item, ...]:
    """The items of ``row``'s resource: one None if it has none."""
    return (None,) if row.items is None else getattr(wiring, row.items)


def facts_of(
    row: Follows,
    amphora_id: str,
    partners: Iterable[str],
    wiring: Wiring,
) -> Iterator[Fact]:
    """``row``'s facts on ``amphora_id``, given its partners in the set
    (ignored for a per-amphora resource; ``amphora_id`` itself skipped)."""
    items = items_of(row, wiring)
    if row.shape is Shape.AMPHORA:
        for item in items:
            yield Fact(row.resource, amphora_id, None, item)
        return
    for peer in partners:
        if peer != amphora_id:
            for item in items:
                yield Fact(row.resource, amphora_id, peer, item)


def partners_by_group(
    row: Follows, amphorae: Iterable[Amphora], wiring: Wiring
) -> dict[str, tuple[str, ...]]:
    """Group key -> the ids of ``amphorae`` in it (one group if ``row``
    is not grouped)."""
    groups: dict[str, list[str]] = {}
    for amphora in amphorae:
        key = wiring.group_of(amphora.id) if row.grouped else ""
        groups.setdefault(key, []).append(amphora.id)
    return {key: tuple(ids) for key, ids in groups.items()}


def group_key(row: Follows, wiring: Wiring, amphora_id: str) -> str:
    """The key of ``amphora_id``'s group for ``row``."""
    return wiring.group_of(amphora_id) if row.grouped else ""


def plumbing_of(
    load_balancer: Any,
    wiring: Wiring | None = None,
    registry: Registry | None = None,
) -> Plumbing:
    """The plumbing ``load_balancer``'s sets call for, per amphora.

    Each resource goes to the members of the set the registry's plumbing
    table names, with that row's status filter; pair resources go to every
    ordered pair of distinct members (within a peer group if grouped).
    ``load_balancer`` is in any form
    :func:`~amphora_sets.load_balancer_from` reads.
    """
    lb = load_balancer_from(load_balancer, registry)
    wiring = check_wiring(wiring)
    facts: set[Fact] = set()
    for row in PLUMBING.values():
        chosen = members(lb, row)
        groups = partners_by_group(row, chosen, wiring)
        for amphora in chosen:
            partners = groups[group_key(row, wiring, amphora.id)]
            facts.update(facts_of(row, amphora.id, partners, wiring))
    return Plumbing(frozenset(facts))


def check_wiring(wiring: object) -> Wiring:
    """``wiring`` if it is a :class:`Wiring`, the default for None."""
    if wiring is None:
        return Wiring()
    if not isinstance(wiring, Wiring):
        raise AmphoraSetsError(
            "wiring", f"must be a Wiring, not {type(wiring).__name__}"
        )
    return wiring
