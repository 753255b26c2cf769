"""The adapter :func:`~amphora_sets.testing.run_conformance` drives.

An implementation under test is reached through five questions, asked of
the objects it builds (Octavia-shaped load balancers, say): the three
sets, the selector and the delta.  :class:`OctaviaStyle` answers them with
the names the specification gives ``data_models.LoadBalancer``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.values import Among, LoadBalancer

_GETTERS = {
    SetKind.FRONT: "front_facing_amphorae",
    SetKind.BACK: "back_facing_amphorae",
    SetKind.VRRP: "vrrp_amphorae",
}
_SELECTORS = {
    SetKind.FRONT: "select_front_facing",
    SetKind.BACK: "select_back_facing",
    SetKind.VRRP: "select_vrrp",
}


@runtime_checkable
class Implementation(Protocol):
    """What :func:`~amphora_sets.testing.run_conformance` asks.

    ``build`` turns the reference model's load balancer into the
    implementation's own object; the other methods take such objects.
    Sets, selections and deltas may hold amphorae, dicts or ids.
    """

    def build(self, lb: LoadBalancer) -> Any:
        """The implementation's object for ``lb``."""

    def members(self, built: Any, kind: SetKind) -> Any:
        """The whole set ``kind`` of ``built``."""

    def select(self, built: Any, kind: SetKind, among: Among) -> Any:
        """Set ``kind`` of ``built`` within ``among``."""

    def delta(
        self, old: Any, new: Any, kind: SetKind, among: Among
    ) -> tuple[Any, Any]:
        """``(added, removed)`` for set ``kind`` from ``old`` to ``new``."""


DeltaFunction = Callable[[Any, Any, str, Among], Any]


class OctaviaStyle:
    """An :class:`Implementation` for objects with the spec's names.

    The sets are read from ``front_facing_amphorae``,
    ``back_facing_amphorae`` and ``vrrp_amphorae``; selections call
    ``select_front_facing``, ``select_back_facing`` and
    ``select_vrrp(among=...)``.  ``build(lb)`` makes the object.  The
    delta is ``delta(old, new, kind_value, among)`` if given, else
    ``new.amphora_delta(old, kind_value, among=among)``; either may
    return an object with ``added`` and ``removed`` or an
    ``(added, removed)`` pair.
    """

    def __init__(
        self,
        build: Callable[[LoadBalancer], Any],
        delta: DeltaFunction | None = None,
    ) -> None:
        self._build = build
        self._delta = delta

    def build(self, lb: LoadBalancer) -> Any:
        """``build(lb)``, as given."""
        return self._build(lb)

    def members(self, built: Any, kind: SetKind) -> Any:
        """The set's property, e.g. ``built.back_facing_amphorae``."""
        return getattr(built, _GETTERS[kind])

    def select(self, built: Any, kind: SetKind, among: Among) -> Any:
        """The set's selector, e.g. ``built.select_vrrp(among=among)``."""
        return getattr(built, _SELECTORS[kind])(among=among)

    def delta(
        self, old: Any, new: Any, kind: SetKind, among: Among
    ) -> tuple[Any, Any]:
        """The delta, as ``(added, removed)``."""
        if self._delta is not None:
            result = self._delta(old, new, kind.value, among)
        else:
            result = new.amphora_delta(old, kind.value, among=among)
        if hasattr(result, "added") and hasattr(result, "removed"):
            return result.added, result.removed
        added, removed = result
        return added, removed

    def __repr__(self) -> str:
        return f"OctaviaStyle({self._build!r})"
