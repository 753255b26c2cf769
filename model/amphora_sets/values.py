"""Frozen value types: an amphora and a load balancer with its three sets."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.statuses import AMPHORA_STATUSES, LIVE_STATUSES
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Registry,
    Topology,
)
from amphora_sets.registry.vocabulary import SetKind

Among = Callable[["Amphora"], bool] | Iterable[object] | None
"""A subset to select among: a predicate, or amphorae or their ids."""


@dataclasses.dataclass(frozen=True, slots=True)
class Amphora:
    """An amphora as the sets see it: its id, role and status.

    ``role`` is None while the amphora holds no role yet: Octavia creates
    an amphora's row for a load balancer (PENDING_CREATE, then BOOTING and
    ALLOCATED) before it marks the role, and a reverted role task sets it
    back to None.  Such an amphora is *unassigned*: in no set, holding no
    seat, whatever its status.
    """

    id: str
    role: str | None
    status: str

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise AmphoraSetsError(
                "id", f"must be a non-empty string, not {self.id!r}"
            )
        if self.role is not None and not isinstance(self.role, str):
            raise AmphoraSetsError(
                "role",
                f"must be a string or None, not {self.role!r}",
                amphora_id=self.id,
            )
        if self.status not in AMPHORA_STATUSES:
            raise AmphoraSetsError(
                "status",
                f"unknown status {self.status!r} "
                f"(known: {', '.join(AMPHORA_STATUSES)})",
                amphora_id=self.id,
            )

    @property
    def live(self) -> bool:
        """True if this amphora belongs to its role's sets (not DELETED)."""
        return self.status in LIVE_STATUSES  # is_live, without a call

    @property
    def assigned(self) -> bool:
        """True once the amphora holds a role."""
        return self.role is not None


def set_kind(kind: object) -> SetKind:
    """``kind`` as a :class:`SetKind`; AmphoraSetsError naming field
    ``kind`` if it is neither one nor the value of one."""
    try:
        return SetKind(kind)
    except ValueError:
        raise AmphoraSetsError(
            "kind",
            f"unknown set {kind!r} "
            f"(expected one of {', '.join(k.value for k in SetKind)})",
        ) from None


def check_load_balancer_id(value: object) -> None:
    """Raise AmphoraSetsError unless ``value`` is a usable load balancer id."""
    if not isinstance(value, str) or not value:
        raise AmphoraSetsError(
            "id", f"load balancer id must be a non-empty string, not {value!r}"
        )


def is_collection(value: object) -> bool:
    """True for an iterable of items; a string, bytes or a mapping is one
    item (an id, or an amphora in dict form), not a collection."""
    if type(value) in _PLAIN_COLLECTIONS:  # the usual case, without ABCs
        return True
    return isinstance(value, Iterable) and not isinstance(
        value, (str, bytes, Mapping)
    )


_PLAIN_COLLECTIONS = frozenset({list, tuple, set, frozenset})


def is_allocated(amphora: Amphora) -> bool:
    """Today's ``status == ALLOCATED`` filter, as an ``among=`` predicate."""
    return amphora.status == v.AMPHORA_ALLOCATED


@dataclasses.dataclass(frozen=True, slots=True)
class LoadBalancer:
    """A load balancer: its topology and amphorae, and the three sets.

    Construction checks the input (known topology, unique amphora ids, every
    live amphora unassigned or in a role the topology allows) and raises
    :class:`~amphora_sets.AmphoraSetsError` naming the field and amphora.
    Cardinality is not checked here: load balancers in flight break it for
    a while; :mod:`amphora_sets.testing` checks it.
    """

    id: str
    topology: str
    amphorae: tuple[Amphora, ...] = ()
    registry: Registry = dataclasses.field(
        default=BUILTIN_REGISTRY, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        check_load_balancer_id(self.id)
        if not isinstance(self.topology, str):
            raise AmphoraSetsError(
                "topology", f"must be a string, not {self.topology!r}"
            )
        if not isinstance(self.registry, Registry):
            raise AmphoraSetsError(
                "registry", f"must be a Registry, not {self.registry!r}"
            )
        topology = self.registry.get(self.topology)
        allowed = frozenset(topology.roles)
        if not is_collection(self.amphorae):
            raise AmphoraSetsError(
                "amphorae",
                f"must be a collection of amphorae, not {self.amphorae!r}",
            )
        amphorae = tuple(self.amphorae)
        object.__setattr__(self, "amphorae", amphorae)
        seen: set[str] = set()
        for index, amphora in enumerate(amphorae):
            if not isinstance(amphora, Amphora):
                raise AmphoraSetsError(
                    f"amphorae[{index}]",
                    f"must be an Amphora, not {type(amphora).__name__}",
                )
            if amphora.id in seen:
                raise AmphoraSetsError(
                    "id", "duplicate amphora id", amphora_id=amphora.id
                )
            seen.add(amphora.id)
            if (
                amphora.live
                and amphora.assigned
                and amphora.role not in allowed
            ):
                raise AmphoraSetsError(
                    "role",
                    f"role {amphora.role!r} is not allowed in topology "
                    f"{topology.name} (allowed: {', '.join(topology.roles)})",
                    amphora_id=amphora.id,
                )

    @property
    def table(self) -> Topology:
        """This load balancer's topology: the membership table it uses."""
        return self.registry.get(self.topology)

    def select(
        self, kind: SetKind | str, among: Among = None
    ) -> tuple[Amphora, ...]:
        """The amphorae of set ``kind`` that are also in ``among``.

        ``kind`` is a :class:`SetKind` or its value (``"front"``,
        ``"back"``, ``"vrrp"``).  ``among`` is as :func:`subset_test`
        takes it.  Ids this load balancer does not have select nothing.
        Order follows :attr:`amphorae`.
        """
        roles = self.table.roles_in(set_kind(kind))
        members = (
            a
            for a in self.amphorae
            if a.role in roles and a.status in LIVE_STATUSES  # a.live
        )
        if among is None:
            return tuple(members)
        wanted = subset_test(among)
        return tuple(a for a in members if wanted(a))

    def select_front_facing(self, among: Among = None) -> tuple[Amphora, ...]:
        """Front-facing amphorae (on the VIP network) within ``among``."""
        return self.select(SetKind.FRONT, among)

    def select_back_facing(self, among: Among = None) -> tuple[Amphora, ...]:
        """Back-facing amphorae (also on member networks) within ``among``."""
        return self.select(SetKind.BACK, among)

    def select_vrrp(self, among: Among = None) -> tuple[Amphora, ...]:
        """VRRP-running amphorae within ``among``."""
        return self.select(SetKind.VRRP, among)

    def select_live(self, among: Among = None) -> tuple[Amphora, ...]:
        """The live view within ``among``: every amphora not DELETED, with
        or without a role, whatever the topology.

        This is what the call sites that concern every amphora (deletion,
        failover bookkeeping, clean-up) loop over: an amphora that holds
        no role yet is in no set but still has a VM and ports.
        """
        wanted = subset_test(among)
        return tuple(
            amphora
            for amphora in self.amphorae
            if amphora.live and wanted(amphora)
        )

    @property
    def live_amphorae(self) -> tuple[Amphora, ...]:
        """Every amphora not DELETED, with or without a role."""
        return self.select_live()

    @property
    def front_facing_amphorae(self) -> tuple[Amphora, ...]:
        """Amphorae connected to the VIP network."""
        return self.select(SetKind.FRONT)

    @property
    def back_facing_amphorae(self) -> tuple[Amphora, ...]:
        """Front-facing amphorae also connected to the members' networks."""
        return self.select(SetKind.BACK)

    @property
    def vrrp_amphorae(self) -> tuple[Amphora, ...]:
        """Front-facing amphorae that run VRRP to keep the VIP available."""
        return self.select(SetKind.VRRP)


def subset_test(among: Among) -> Callable[[Amphora], bool]:
    """``among=`` as a predicate on :class:`Amphora`.

    ``among`` is None (no restriction), a predicate, or a collection of
    amphorae (any object with an ``id``, or a mapping with an ``'id'``
    key) or of amphora ids.  One rule wherever ``among=`` is taken: a
    one-shot iterator (a generator, ``iter(...)``) is refused, because
    the first selection would use it up and the next would silently get
    nothing.
    """
    if among is None:
        return lambda amphora: True
    if callable(among):
        return lambda amphora: bool(among(amphora))
    if isinstance(among, Iterator):
        raise AmphoraSetsError(
            "among",
            "is a one-shot iterator, which one selection would use up; "
            "pass a list, tuple or set",
        )
    # A single string or dict is one amphora (or its id), not a collection:
    # iterating it would select by its characters or keys.
    if not is_collection(among):
        raise AmphoraSetsError(
            "among",
            "must be a predicate or a collection of amphorae or ids, "
            f"not {among!r}",
        )
    ids = ids_of(among, "among")
    return lambda amphora: amphora.id in ids


def ids_of(items: Iterable[object], field: str) -> frozenset[str]:
    """The amphora ids of ``items``: ids, dicts with an ``'id'`` or
    objects with an ``id``.  Errors name ``field``."""
    return frozenset(id_list(items, field))


def id_list(items: Iterable[object], field: str) -> list[str]:
    """As :func:`ids_of`, in order and keeping repeats."""
    items = items if isinstance(items, (list, tuple)) else list(items)
    fast = raw_ids(items)
    # Type first: all() on the ids is then "none is empty".
    if fast is not None and set(map(type, fast)) <= {str} and all(fast):
        return fast
    return [_id_of(item, field) for item in items]


def raw_ids(items: list[object] | tuple[object, ...]) -> list[object] | None:
    """What ``items`` hold as ids, read at once as the first item is read
    (an id, a dict with an ``'id'``, an object with an ``id``), unchecked;
    None where an item cannot be read so, for the validating path to
    name."""
    if not items:
        return []
    first = items[0]
    try:
        if type(first) is str:
            return list(items)
        if isinstance(first, Mapping):
            return [item["id"] for item in items]  # type: ignore[index]
        return [item.id for item in items]  # type: ignore[attr-defined]
    except (KeyError, AttributeError, TypeError):
        return None


def _id_of(item: object, field: str) -> str:
    if isinstance(item, str):
        amphora_id: object = item
    elif isinstance(item, Mapping):
        amphora_id = item.get("id")
    else:
        amphora_id = getattr(item, "id", None)
    if not isinstance(amphora_id, str) or not amphora_id:
        raise AmphoraSetsError(
            field,
            f"item {item!r} is neither an amphora nor an amphora id "
            "(a non-empty string)",
        )
    return amphora_id
