"""Checks on what an implementation's selector returned, by SEL- ID.

``select_back_facing(among=...)`` and its siblings must return the set
intersected with the subset (``SEL-AMONG-IS-INTERSECTION``), and the
whole set when the subset holds every amphora (``SEL-AMONG-ALL-IS-WHOLE``).
"""

from __future__ import annotations

from typing import Any

from amphora_sets.adapter import load_balancer_from
from amphora_sets.registry.topologies import Registry
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.testing.members import duplicates, given_ids
from amphora_sets.testing.report import (
    SelectionViolation,
    Violation,
    summary,
    who,
)
from amphora_sets.values import Among, LoadBalancer, set_kind, subset_test


def selection_violations(
    load_balancer: Any,
    kind: SetKind | str,
    *,
    among: Among,
    selected: Any,
    registry: Registry | None = None,
) -> list[Violation]:
    """Every way ``selected`` differs from set ``kind`` within ``among``.

    ``selected`` is what the implementation's selector returned for
    ``among`` (amphorae, dicts or ids); ``among`` is as
    :meth:`~amphora_sets.LoadBalancer.select` takes it.  ``kind`` is a
    :class:`~amphora_sets.SetKind` or ``"front"``, ``"back"``, ``"vrrp"``.
    """
    return _check(load_balancer, kind, among, selected, registry)[1]


def assert_selection(
    load_balancer: Any,
    kind: SetKind | str,
    *,
    among: Among,
    selected: Any,
    registry: Registry | None = None,
) -> None:
    """Raise :class:`SelectionViolation` if :func:`selection_violations`
    finds any."""
    lb, found = _check(load_balancer, kind, among, selected, registry)
    if found:
        raise SelectionViolation(
            f"selecting {set_kind(kind).value} of {summary(lb)}", found
        )


def _check(
    load_balancer: Any,
    kind: SetKind | str,
    among: Among,
    selected: Any,
    registry: Registry | None,
) -> tuple[LoadBalancer, list[Violation]]:
    kind = set_kind(kind)
    lb = load_balancer_from(load_balancer, registry)
    within = subset_test(among)
    own = frozenset([a.id for a in lb.amphorae])
    listed, chosen = given_ids("selected", selected, own, lb.id)
    members = frozenset(a.id for a in lb.select(kind))
    among_all = True
    wrong: list[tuple[str, str]] = []  # (amphora id, message)
    for amphora in lb.amphorae:
        inside = within(amphora)
        among_all = among_all and inside
        expected = inside and amphora.id in members
        if (amphora.id in chosen) == expected:
            continue
        if expected:
            message = f"is {kind.title} and in among= but was not selected"
        elif not inside:
            message = "was selected but is not in among="
        else:
            message = f"was selected but is not {kind.title} ({who(amphora)})"
        wrong.append((amphora.id, message))
    obligation_id = (
        "SEL-AMONG-ALL-IS-WHOLE" if among_all else "SEL-AMONG-IS-INTERSECTION"
    )
    return lb, [
        Violation(obligation_id, message, amphora_id)
        for amphora_id, message in wrong
    ] + duplicates("selected", listed)
