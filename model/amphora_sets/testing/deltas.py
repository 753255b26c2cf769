"""Checks on an implementation's grow/shrink delta, by DELTA- ID.

Given two versions of one load balancer and the ``added`` and ``removed``
amphorae an implementation computed for one set, every amphora the delta
gets wrong is reported once, under the first of these that it breaks:
``DELTA-SCALE-KEEPS-VRRP`` if it adds or removes a VRRP amphora when only
amphorae of one scalable back-facing role changed (the cluster grew or
shrank); ``DELTA-DISJOINT``; ``DELTA-ADDED-NOT-OLD``;
``DELTA-REMOVED-IN-OLD``; then, if old minus removed plus added misses
the new set there:

- ``DELTA-SCALE-KEEPS-VRRP`` as above;
- ``DELTA-SCALE-TOUCHES-ONLY-CHANGED`` for an amphora that did not change
  when only amphorae of one scalable role changed;
- ``DELTA-RECONSTRUCTS-NEW`` otherwise.

Amphorae are reported in the order ``added`` and ``removed`` list them,
then the others in the load balancers' order, old version first.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from amphora_sets.adapter import versions_from
from amphora_sets.registry.topologies import Registry
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.testing.members import duplicates, given_ids
from amphora_sets.testing.report import (
    DeltaViolation,
    Violation,
    summary,
    who,
)
from amphora_sets.values import (
    Among,
    LoadBalancer,
    set_kind,
)


def delta_violations(
    old_lb: Any,
    new_lb: Any,
    kind: SetKind | str,
    *,
    added: Any,
    removed: Any,
    among: Among = None,
    registry: Registry | None = None,
) -> list[Violation]:
    """Every amphora the delta ``added``/``removed`` of set ``kind`` from
    ``old_lb`` to ``new_lb`` (within ``among``) gets wrong.

    ``added`` and ``removed`` are collections of amphorae, dicts or ids of
    either version.  ``old_lb`` and ``new_lb`` must be the same load
    balancer; ``among`` is as :meth:`~amphora_sets.LoadBalancer.select`
    takes it.
    """
    return _check(old_lb, new_lb, kind, added, removed, among, registry)[1]


def assert_delta(
    old_lb: Any,
    new_lb: Any,
    kind: SetKind | str,
    *,
    added: Any,
    removed: Any,
    among: Among = None,
    registry: Registry | None = None,
) -> None:
    """Raise :class:`DeltaViolation` if :func:`delta_violations` finds
    any."""
    new, found = _check(old_lb, new_lb, kind, added, removed, among, registry)
    if found:
        raise DeltaViolation(
            f"the {set_kind(kind).value} delta to {summary(new)}", found
        )


def _check(
    old_lb: Any,
    new_lb: Any,
    kind: SetKind | str,
    added: Any,
    removed: Any,
    among: Among,
    registry: Registry | None,
) -> tuple[LoadBalancer, list[Violation]]:
    kind = set_kind(kind)
    old, new = versions_from(old_lb, new_lb, registry)
    before = _ids_within(old, kind, among)
    after = _ids_within(new, kind, among)
    known = frozenset([a.id for a in old.amphorae]).union(
        [a.id for a in new.amphorae]
    )
    adds, added_ids = given_ids("added", added, known, new.id)
    drops, removed_ids = given_ids("removed", removed, known, old.id)
    rule = _Rule(old, new, kind)
    moved = before ^ after
    # Named in the order given, then in amphora order: never hash order.
    suspects = [*adds, *drops] + [
        a.id for lb in (old, new) for a in lb.amphorae if a.id in moved
    ]
    wrong = [
        (amphora_id, broken)
        for amphora_id in dict.fromkeys(suspects)
        if (
            broken := rule.broken(
                amphora_id, before, after, added_ids, removed_ids
            )
        )
    ]
    found = []
    if wrong:  # named by their newest version
        versions = {a.id: a for a in old.amphorae} | {
            a.id: a for a in new.amphorae
        }
        found = [
            Violation(
                obligation_id,
                f"{message} ({who(versions[amphora_id])})",
                amphora_id,
            )
            for amphora_id, (obligation_id, message) in wrong
        ]
    return new, found + duplicates("added", adds) + duplicates(
        "removed", drops
    )


def _ids_within(lb: LoadBalancer, kind: SetKind, among: Among) -> Set[str]:
    """The ids of set ``kind`` of ``lb`` within ``among``."""
    return frozenset([a.id for a in lb.select(kind, among)])


class _Rule:
    """Which obligation an amphora the delta gets wrong breaks."""

    def __init__(
        self, old: LoadBalancer, new: LoadBalancer, kind: SetKind
    ) -> None:
        self.kind = kind
        self.changed, roles = _changed(old, new)
        scaled = _scaled_role(roles, new.table.scalable_roles())
        self.keeps_vrrp = (
            scaled is not None
            and kind is SetKind.VRRP
            and scaled in new.table.roles_in(SetKind.BACK)
        )
        self.scaled = scaled is not None

    def broken(
        self,
        amphora_id: str,
        before: Set[str],
        after: Set[str],
        adds: Set[str],
        drops: Set[str],
    ) -> tuple[str, str] | None:
        title = self.kind.title
        if self.keeps_vrrp and (amphora_id in adds or amphora_id in drops):
            return (
                "DELTA-SCALE-KEEPS-VRRP",
                f"is {'added' if amphora_id in adds else 'removed'} though "
                "only the back-facing cluster changed",
            )
        if amphora_id in adds and amphora_id in drops:
            return "DELTA-DISJOINT", "is both added and removed"
        if amphora_id in adds and amphora_id in before:
            return "DELTA-ADDED-NOT-OLD", f"is added but was {title} before"
        if amphora_id in drops and amphora_id not in before:
            return (
                "DELTA-REMOVED-IN-OLD",
                f"is removed but was not {title} before",
            )
        kept = amphora_id in before and amphora_id not in drops
        if (kept or amphora_id in adds) == (amphora_id in after):
            return None
        if amphora_id in after:
            message = f"is {title} now but the delta does not bring it in"
        else:
            message = f"is not {title} now but the delta leaves it in"
        if self.keeps_vrrp:
            return "DELTA-SCALE-KEEPS-VRRP", message
        if self.scaled and amphora_id not in self.changed:
            return "DELTA-SCALE-TOUCHES-ONLY-CHANGED", message
        return "DELTA-RECONSTRUCTS-NEW", message


def _changed(
    old: LoadBalancer, new: LoadBalancer
) -> tuple[frozenset[str], set[str | None]]:
    """The ids of the amphorae added, dropped or changed in role or
    status, and every role their old and new versions hold."""
    rows = _rows(old) ^ _rows(new)
    return frozenset(row[0] for row in rows), {row[1] for row in rows}


def scaled_role(old: LoadBalancer, new: LoadBalancer) -> str | None:
    """The scalable role whose amphorae alone changed from ``old`` to
    ``new``, if one did."""
    return _scaled_role(_changed(old, new)[1], new.table.scalable_roles())


def _rows(lb: LoadBalancer) -> set[tuple[str, str | None, str]]:
    return {(a.id, a.role, a.status) for a in lb.amphorae}


def _scaled_role(
    roles: set[str | None], scalable: tuple[str, ...]
) -> str | None:
    """The scalable role whose amphorae alone changed, if one did.

    ``roles`` holds both versions' roles, so a role swapped shows as two;
    an amphora booting or being marked shows no role (None), which joins
    no set.
    """
    roles = roles - {None}
    if len(roles) != 1:
        return None
    (role,) = roles
    return role if role in scalable else None
