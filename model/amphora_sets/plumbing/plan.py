"""Plans: the per-amphora operations that take old plumbing to new.

A plan is built from :func:`~amphora_sets.amphora_delta`, so it touches
only the amphorae that joined or left a set and, for pair resources and
configuration files, their partners.  Plugs and opens come first, then
configuration writes, then closes and unplugs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from amphora_sets.adapter import versions_from
from amphora_sets.delta import Delta, amphora_delta
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.plumbing.inventory import (
    Fact,
    Plumbing,
    check_wiring,
    facts_of,
    group_key,
    items_of,
    members,
    partners_by_group,
)
from amphora_sets.plumbing.wiring import Wiring
from amphora_sets.registry.plumbing import (
    PLUMBING,
    Action,
    Among,
    Follows,
    Shape,
)
from amphora_sets.registry.topologies import Registry
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.values import Amphora, LoadBalancer, is_allocated

Groups = dict[str, tuple[str, ...]]

ORDER = tuple(Action)
"""Plan order: plugs and opens, then writes, then closes and unplugs."""

WRITES: dict[Action, tuple[Follows, ...]] = {
    action: tuple(r for r in PLUMBING.values() if r.write is action)
    for action in Action
    if any(r.write is action for r in PLUMBING.values())
}
"""Each configuration-writing action and the rows its file holds."""


class Operation(NamedTuple):
    """One operation on one amphora.

    A plug, unplug, open or close carries the one fact it adds or
    removes; a write carries the whole new content of that configuration
    on the amphora (empty: the configuration is removed).
    """

    action: Action
    amphora_id: str
    facts: tuple[Fact, ...]

    def __str__(self) -> str:
        what = ", ".join(_fact_text(f) for f in self.facts) or "nothing"
        return f"{self.action.value} on {self.amphora_id}: {what}"


@dataclasses.dataclass(frozen=True)
class Plan:
    """The ordered operations of one load balancer's change."""

    load_balancer_id: str
    operations: tuple[Operation, ...]

    def __iter__(self) -> Iterator[Operation]:
        return iter(self.operations)

    def __len__(self) -> int:
        return len(self.operations)

    def on(self, amphora_id: str) -> tuple[Operation, ...]:
        """The operations on ``amphora_id``."""
        return tuple(o for o in self.operations if o.amphora_id == amphora_id)


def plan(
    old: Any,
    new: Any,
    wiring: Wiring | None = None,
    registry: Registry | None = None,
) -> Plan:
    """The operations that take ``plumbing_of(old)`` to ``plumbing_of(new)``.

    ``old`` and ``new`` are two versions of one load balancer, in any
    form :func:`~amphora_sets.load_balancer_from` reads, with the same
    topology.  Only amphorae in a set's delta and their partners get an
    operation.
    """
    before, after = versions_from(old, new, registry)
    if before.topology != after.topology:
        raise AmphoraSetsError(
            "topology",
            f"old and new must have the same topology, not "
            f"{before.topology!r} and {after.topology!r}",
        )
    wiring = check_wiring(wiring)
    steps = _Steps(before, after, wiring)
    by_action: dict[Action, list[Operation]] = {a: [] for a in ORDER}
    for row in PLUMBING.values():
        if row.write is None:
            assert row.add is not None
            assert row.remove is not None
            delta = steps.delta(row)
            by_action[row.add].extend(steps.adds(row, delta.added))
            by_action[row.remove].extend(steps.removes(row, delta.removed))
    for action, rows in WRITES.items():
        by_action[action].extend(steps.writes(action, rows))
    return Plan(after.id, tuple(o for a in ORDER for o in by_action[a]))


def apply_plan(
    plumbing: Plumbing, steps: Plan | Iterable[Operation]
) -> Plumbing:
    """``plumbing`` with every operation of ``steps`` applied in order."""
    facts = set(plumbing.facts)
    for operation in steps:
        action = operation.action
        if action in WRITES:
            resources = {row.resource for row in WRITES[action]}
            facts = {
                f
                for f in facts
                if not (
                    f.amphora_id == operation.amphora_id
                    and f.resource in resources
                )
            }
            facts.update(operation.facts)
        elif action in _ADDS:
            facts.update(operation.facts)
        else:
            facts.difference_update(operation.facts)
    return Plumbing(frozenset(facts))


_ADDS = frozenset(r.add for r in PLUMBING.values() if r.add is not None)


class _Steps:
    """The operations of one change, row by row, from the set deltas."""

    def __init__(self, old: LoadBalancer, new: LoadBalancer, wiring: Wiring):
        self.old, self.new, self.wiring = old, new, wiring
        self._deltas: dict[tuple[SetKind, Among], Delta] = {}
        self._groups: dict[tuple[bool, SetKind, Among, bool], Groups] = {}

    def delta(self, row: Follows) -> Delta:
        key = (row.kind, row.among)
        if key not in self._deltas:
            among = is_allocated if row.among is Among.ALLOCATED else None
            self._deltas[key] = amphora_delta(
                self.old, self.new, row.kind, among
            )
        return self._deltas[key]

    def groups(self, row: Follows, lb: LoadBalancer) -> Groups:
        """``row``'s members in ``lb`` by group; each selection once."""
        key = (lb is self.new, row.kind, row.among, row.grouped)
        if key not in self._groups:
            self._groups[key] = partners_by_group(
                row, members(lb, row), self.wiring
            )
        return self._groups[key]

    def member_ids(self, row: Follows, lb: LoadBalancer) -> set[str]:
        """The ids of ``row``'s members in ``lb``."""
        return {i for ids in self.groups(row, lb).values() for i in ids}

    def adds(self, row: Follows, added: Iterable[Amphora]) -> list[Operation]:
        """Plugs or opens for the amphorae that joined ``row``'s set."""
        assert row.add is not None
        return self._changes(row, row.add, added, self.new)

    def removes(
        self, row: Follows, removed: Iterable[Amphora]
    ) -> list[Operation]:
        """Unplugs or closes for the amphorae that left ``row``'s set."""
        assert row.remove is not None
        return self._changes(row, row.remove, removed, self.old)

    def _changes(
        self,
        row: Follows,
        action: Action,
        changed: Iterable[Amphora],
        lb: LoadBalancer,
    ) -> list[Operation]:
        if row.shape is Shape.PAIR:
            return list(self._pairs(row, action, tuple(changed), lb))
        resource, items = row.resource, items_of(row, self.wiring)
        return [
            Operation(action, a.id, (Fact(resource, a.id, None, item),))
            for a in changed
            for item in items
        ]

    def _pairs(
        self,
        row: Follows,
        action: Action,
        changed: tuple[Any, ...],
        lb: LoadBalancer,
    ) -> Iterator[Operation]:
        """Every pair of ``lb``'s members with a changed amphora in it."""
        if not changed:
            return
        groups = self.groups(row, lb)
        resource, items = row.resource, items_of(row, self.wiring)
        done: set[tuple[str, str]] = set()
        for amphora in changed:
            for peer in groups[group_key(row, self.wiring, amphora.id)]:
                if peer == amphora.id:
                    continue
                for owner, other in ((amphora.id, peer), (peer, amphora.id)):
                    if (owner, other) in done:
                        continue
                    done.add((owner, other))
                    for item in items:
                        fact = Fact(resource, owner, other, item)
                        yield Operation(action, owner, (fact,))

    def writes(
        self, action: Action, rows: tuple[Follows, ...]
    ) -> Iterator[Operation]:
        """One write per amphora whose configuration changes."""
        targets: dict[str, None] = {}
        for row in rows:
            targets.update(dict.fromkeys(self._write_targets(row)))
        if not targets:
            return
        # Rows are looked up by position: hashing a row hashes its fields.
        files = [
            (row, self.groups(row, self.new), self.member_ids(row, self.new))
            for row in rows
        ]
        for amphora_id in targets:
            content: list[Fact] = []
            for row, groups, ids in files:
                if amphora_id in ids:
                    partners = groups[group_key(row, self.wiring, amphora_id)]
                    content.extend(
                        facts_of(row, amphora_id, partners, self.wiring)
                    )
            yield Operation(action, amphora_id, tuple(content))

    def _write_targets(self, row: Follows) -> Iterator[str]:
        """Amphorae whose facts of ``row`` change: a changed member with
        a partner (or any, per amphora), and the partners of a changed
        member."""
        delta = self.delta(row)
        if row.shape is Shape.AMPHORA or not delta:
            for amphora in (*delta.added, *delta.removed):
                yield amphora.id
            return
        changed: dict[str, set[str]] = {}
        for amphora in (*delta.added, *delta.removed):
            key = group_key(row, self.wiring, amphora.id)
            changed.setdefault(key, set()).add(amphora.id)
        for lb in (self.new, self.old):
            for key, ids in self.groups(row, lb).items():
                moved = changed.get(key, set())
                if not moved:
                    continue
                for amphora_id in ids:
                    # An unchanged member gains or loses the changed ones
                    # as partners; a changed one, any partner it has here.
                    if amphora_id not in moved or len(ids) > 1:
                        yield amphora_id


def _fact_text(fact: Fact) -> str:
    parts = [fact.resource.value]
    if fact.peer_id is not None:
        parts.append(f"from {fact.peer_id}")
    if fact.item is not None:
        parts.append(str(fact.item))
    return " ".join(parts)
