"""Build the value types from what Octavia hands around.

Octavia passes load balancers as ``octavia.common.data_models`` objects
(attribute access) in the controller and as dicts in the v2 TaskFlow flows
(``loadbalancer['amphorae']``, each with ``'id'``, ``'role'``,
``'status'``).  :func:`load_balancer_from` accepts both, reads only, and
never mutates what it is given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.topologies import BUILTIN_REGISTRY, Registry
from amphora_sets.values import (
    Amphora,
    LoadBalancer,
    check_load_balancer_id,
    is_collection,
)

_MISSING = object()
_KNOWN_STATUSES = frozenset(AMPHORA_STATUSES)


def load_balancer_from(
    source: Any, registry: Registry | None = None
) -> LoadBalancer:
    """A :class:`LoadBalancer` from an Octavia object or its dict form.

    ``registry`` holds the topologies to accept: by default the built-in
    ones, or, for a :class:`LoadBalancer`, its own.  A load balancer given
    with another registry is checked again against that one.
    """
    if isinstance(source, LoadBalancer):
        if registry is None or registry is source.registry:
            return source
        return dataclasses.replace(source, registry=registry)
    if registry is None:
        registry = BUILTIN_REGISTRY
    lb_id = _read(source, "id")
    # Checked before the amphorae, whose load_balancer_id would otherwise
    # be blamed for not matching it.
    check_load_balancer_id(lb_id)
    amphorae = _read(source, "amphorae")
    if not is_collection(amphorae):
        raise AmphoraSetsError(
            "amphorae", f"must be a list of amphorae, not {amphorae!r}"
        )
    amphorae = list(amphorae)
    read = columns_from(amphorae, lb_id)
    if read is None:  # something is off: the validating path names it
        read = tuple(
            amphora_from(item, index, lb_id)
            for index, item in enumerate(amphorae)
        )
    return LoadBalancer(
        id=lb_id,
        topology=_read(source, "topology"),
        amphorae=read,
        registry=registry,
    )


def versions_from(
    old: Any, new: Any, registry: Registry | None = None
) -> tuple[LoadBalancer, LoadBalancer]:
    """Two versions of one load balancer, each read as
    :func:`load_balancer_from` reads it; AmphoraSetsError naming ``id``
    if they are not the same load balancer."""
    old_lb = load_balancer_from(old, registry)
    new_lb = load_balancer_from(new, registry)
    if old_lb.id != new_lb.id:
        raise AmphoraSetsError(
            "id",
            f"old and new must be the same load balancer, "
            f"not {old_lb.id!r} and {new_lb.id!r}",
        )
    return old_lb, new_lb


def columns_from(items: list[Any], lb_id: str) -> tuple[Amphora, ...] | None:
    """Well-formed amphorae read in bulk, column by column.

    Every item must be an :class:`Amphora`, or every item a plain dict,
    or every item an object of one class, with non-empty string ids,
    string or None roles, known statuses and no other load balancer's
    ``load_balancer_id``.  Anything else gives None, and
    :func:`amphora_from` then reads item by item and names the fault.
    This keeps the checks linear with a small constant.
    """
    if not items:
        return ()
    kind = type(items[0])
    if not all(type(item) is kind for item in items):
        return None
    if kind is Amphora:
        return tuple(items)
    try:
        if kind is dict:
            ids = [item["id"] for item in items]
            roles = [item["role"] for item in items]
            statuses = [item["status"] for item in items]
            owners = {item.get("load_balancer_id") for item in items}
        else:
            ids = [item.id for item in items]
            roles = [item.role for item in items]
            statuses = [item.status for item in items]
            owners = {
                getattr(item, "load_balancer_id", None) for item in items
            }
        well_formed = (
            all(type(i) is str and i for i in ids)
            and all(r is None or type(r) is str for r in roles)
            and _KNOWN_STATUSES.issuperset(statuses)
            and owners <= {None, lb_id}
        )
    except (KeyError, AttributeError, TypeError):
        return None
    if not well_formed:
        return None
    return tuple(map(Amphora, ids, roles, statuses))


def amphora_from(
    source: Any, index: int = 0, load_balancer_id: str | None = None
) -> Amphora:
    """An :class:`Amphora` from an Octavia object or dict.

    ``index`` names the amphora in errors when it has no usable id.  If
    the source carries a ``load_balancer_id``, it must be ``load_balancer_id``.
    """
    if isinstance(source, Amphora):
        return source
    amphora_id = _read(source, "id", f"amphorae[{index}]")
    label = (
        amphora_id
        if isinstance(amphora_id, str) and amphora_id
        else f"amphorae[{index}]"
    )
    owner = _lookup(source, "load_balancer_id")
    if owner not in (_MISSING, None) and owner != load_balancer_id:
        raise AmphoraSetsError(
            "load_balancer_id",
            f"belongs to load balancer {owner!r}, not {load_balancer_id!r}",
            amphora_id=label,
        )
    try:  # the amphora is named below, by its label, for every field
        return Amphora(
            id=amphora_id,
            role=_read(source, "role"),
            status=_read(source, "status"),
        )
    except AmphoraSetsError as exc:
        if exc.amphora_id is not None:
            raise
        raise AmphoraSetsError(
            exc.field, exc.problem, amphora_id=label
        ) from None


def _lookup(source: Any, field: str) -> Any:
    if isinstance(source, Mapping):
        return source.get(field, _MISSING)
    return getattr(source, field, _MISSING)


def _read(source: Any, field: str, amphora_id: str | None = None) -> Any:
    value = _lookup(source, field)
    if value is _MISSING:
        kind = "key" if isinstance(source, Mapping) else "attribute"
        raise AmphoraSetsError(
            field,
            f"missing {kind} on {type(source).__name__}",
            amphora_id=amphora_id,
        )
    return value
