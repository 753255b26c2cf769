"""Checks on plumbing an implementation built or planned, by SEC-/PLAN- ID.

:func:`inventory_violations` compares a port and rule inventory (what an
implementation produced, or what a functional test read from Neutron and
the amphorae) with :func:`~amphora_sets.plumbing.plumbing_of`: a missing
or unexpected fact is reported under its resource's ``SEC-`` obligation.
:func:`plan_violations` checks an implementation's plan for a change:
``PLAN-CORRECT`` for each fact it leaves wrong, ``PLAN-MINIMAL`` for each
operation that changes nothing, ``PLAN-LOCAL`` for each operation on a
VRRP amphora while only the back-facing cluster grew or shrank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from amphora_sets.adapter import load_balancer_from, versions_from
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.plumbing import (
    Action,
    Fact,
    Operation,
    Plumbing,
    Resource,
    Wiring,
    apply_plan,
    plumbing_of,
)
from amphora_sets.registry.obligations import OBLIGATIONS
from amphora_sets.registry.plumbing import PLUMBING
from amphora_sets.registry.topologies import Registry
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.testing.deltas import scaled_role
from amphora_sets.testing.report import Violation, ViolationError, summary
from amphora_sets.values import LoadBalancer


class PlumbingViolation(ViolationError):
    """Raised by :func:`assert_inventory` and :func:`assert_plan`."""


def inventory_violations(
    load_balancer: Any,
    inventory: Iterable[Any],
    wiring: Wiring | None = None,
    *,
    registry: Registry | None = None,
) -> list[Violation]:
    """Every fact ``inventory`` lacks or has beyond what the sets call for.

    ``inventory`` holds :class:`~amphora_sets.plumbing.Fact` values or
    mappings with ``resource`` (a Resource or its value), ``amphora_id``
    and optionally ``peer_id`` and ``item``.
    """
    lb = load_balancer_from(load_balancer, registry)
    expected = plumbing_of(lb, wiring)
    return _differences(expected, Plumbing(_facts(inventory, "inventory")))


def assert_inventory(
    load_balancer: Any,
    inventory: Iterable[Any],
    wiring: Wiring | None = None,
    *,
    registry: Registry | None = None,
) -> None:
    """Raise :class:`PlumbingViolation` if :func:`inventory_violations`
    finds any."""
    lb = load_balancer_from(load_balancer, registry)
    found = inventory_violations(lb, inventory, wiring)
    if found:
        raise PlumbingViolation(f"plumbing of {summary(lb)}", found)


def plan_violations(
    old_lb: Any,
    new_lb: Any,
    operations: Iterable[Any],
    wiring: Wiring | None = None,
    *,
    registry: Registry | None = None,
) -> list[Violation]:
    """Every way ``operations`` fail to take ``old_lb``'s plumbing to
    ``new_lb``'s minimally and locally.

    ``operations`` holds :class:`~amphora_sets.plumbing.Operation` values
    (a :class:`~amphora_sets.plumbing.Plan` will do) or mappings with
    ``action``, ``amphora_id`` and ``facts``, applied in order.
    """
    old, new = versions_from(old_lb, new_lb, registry)
    steps = _operations(operations)
    state = plumbing_of(old, wiring)
    found: list[Violation] = []
    for step in steps:
        after = apply_plan(state, (step,))
        if after == state:
            found.append(
                Violation(
                    "PLAN-MINIMAL", f"{step} changes nothing", step.amphora_id
                )
            )
        state = after
    found += [
        Violation("PLAN-CORRECT", v.message, v.amphora_id)
        for v in _differences(plumbing_of(new, wiring), state)
    ]
    vrrp = _vrrp_untouched_by_scaling(old, new)
    found += [
        Violation(
            "PLAN-LOCAL",
            f"{step} though only the back-facing cluster changed",
            step.amphora_id,
        )
        for step in steps
        if step.amphora_id in vrrp
    ]
    return found


def assert_plan(
    old_lb: Any,
    new_lb: Any,
    operations: Iterable[Any],
    wiring: Wiring | None = None,
    *,
    registry: Registry | None = None,
) -> None:
    """Raise :class:`PlumbingViolation` if :func:`plan_violations` finds
    any."""
    new = load_balancer_from(new_lb, registry)
    found = plan_violations(old_lb, new, operations, wiring, registry=registry)
    if found:
        raise PlumbingViolation(f"plan to {summary(new)}", found)


def _vrrp_untouched_by_scaling(
    old: LoadBalancer, new: LoadBalancer
) -> frozenset[str]:
    """The VRRP amphorae no operation may touch: all of them if only a
    scalable back-facing role's amphorae changed, else none."""
    if not OBLIGATIONS["PLAN-LOCAL"].applies_to(new.table):
        return frozenset()
    role = scaled_role(old, new)
    if role is None or role not in new.table.roles_in(SetKind.BACK):
        return frozenset()
    return frozenset(
        a.id for lb in (old, new) for a in lb.select(SetKind.VRRP)
    )


def _differences(expected: Plumbing, actual: Plumbing) -> list[Violation]:
    found = []
    for fact in sorted(expected.facts - actual.facts, key=_key):
        row = PLUMBING[fact.resource]
        found.append(
            Violation(row.obligation, f"lacks {_text(fact)}", fact.amphora_id)
        )
    for fact in sorted(actual.facts - expected.facts, key=_key):
        row = PLUMBING[fact.resource]
        found.append(
            Violation(
                row.obligation, f"must not have {_text(fact)}", fact.amphora_id
            )
        )
    return found


def _key(fact: Fact) -> tuple[str, ...]:
    return (fact.amphora_id, *fact.key)


def _text(fact: Fact) -> str:
    words = [PLUMBING[fact.resource].what]
    if fact.peer_id is not None:
        words.append(f"(peer {fact.peer_id!r})")
    if fact.item is not None:
        words.append(f"({fact.item!r})")
    return " ".join(words)


def _facts(items: Iterable[Any], field: str) -> frozenset[Fact]:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(
        items, Iterable
    ):
        raise AmphoraSetsError(
            field, f"must be a collection of facts, not {items!r}"
        )
    return frozenset(_fact(item, field) for item in items)


def _fact(item: Any, field: str) -> Fact:
    if isinstance(item, Fact):
        return item
    if not isinstance(item, Mapping):
        raise AmphoraSetsError(
            field, f"{item!r} is neither a Fact nor a mapping"
        )
    amphora_id = item.get("amphora_id")
    if not isinstance(amphora_id, str) or not amphora_id:
        raise AmphoraSetsError(
            field, f"{item!r} has no amphora_id naming an amphora"
        )
    try:
        resource = Resource(item.get("resource"))
    except ValueError:
        raise AmphoraSetsError(
            f"{field}.resource",
            f"unknown resource {item.get('resource')!r} (known: "
            f"{', '.join(r.value for r in Resource)})",
            amphora_id=amphora_id,
        ) from None
    return Fact(resource, amphora_id, item.get("peer_id"), item.get("item"))


def _operations(items: Iterable[Any]) -> tuple[Operation, ...]:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(
        items, Iterable
    ):
        raise AmphoraSetsError(
            "operations", f"must be a collection of operations, not {items!r}"
        )
    steps = []
    for item in items:
        if isinstance(item, Operation):
            steps.append(item)
            continue
        if not isinstance(item, Mapping):
            raise AmphoraSetsError(
                "operations", f"{item!r} is neither an Operation nor a mapping"
            )
        amphora_id = item.get("amphora_id")
        try:
            action = Action(item.get("action"))
        except ValueError:
            raise AmphoraSetsError(
                "operations.action",
                f"unknown action {item.get('action')!r} (known: "
                f"{', '.join(a.value for a in Action)})",
                amphora_id=amphora_id if isinstance(amphora_id, str) else None,
            ) from None
        if not isinstance(amphora_id, str) or not amphora_id:
            raise AmphoraSetsError(
                "operations", f"{item!r} has no amphora_id naming an amphora"
            )
        facts = _facts(item.get("facts", ()), "operations.facts")
        steps.append(Operation(action, amphora_id, tuple(facts)))
    return tuple(steps)
