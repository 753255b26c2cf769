"""Topologies as data: the membership table and the cardinality rules.

Each topology is a list of role rows.  A row says which of the three sets
an amphora of that role belongs to, and how many amphorae of that role a
settled load balancer holds (counting seated amphorae, see
:mod:`amphora_sets.registry.statuses`).

A topology also declares its intent: the topology-specific claims it makes
(``claims``, obligation IDs such as ``INV-AS-EQUAL``) and, if it must
behave as one of Octavia's topologies does today, which one (``legacy``,
for the ``BC-`` obligations).  Obligations apply by what a topology
declares, never by its name.

Nothing here checks that a table is sensible (say, back-facing implies
front-facing): that is what the obligations prove or refute, so a wrong
table loads and is then refuted with a counterexample.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.vocabulary import SetKind

_FRONT_BACK = frozenset({SetKind.FRONT, SetKind.BACK})
_FRONT_VRRP = frozenset({SetKind.FRONT, SetKind.VRRP})
_ALL_SETS = frozenset(SetKind)


@dataclasses.dataclass(frozen=True)
class Cardinality:
    """How many seated amphorae of one role a settled load balancer has."""

    minimum: int
    maximum: int | None = None  # None: no upper bound

    def admits(self, count: int) -> bool:
        """True if ``count`` amphorae satisfy this rule."""
        return self.minimum <= count and (
            self.maximum is None or count <= self.maximum
        )

    @property
    def scalable(self) -> bool:
        """True if the count may change while the load balancer lives."""
        return self.maximum is None or self.maximum > self.minimum

    def __str__(self) -> str:
        if self.maximum == self.minimum:
            return str(self.minimum)
        upper = "*" if self.maximum is None else str(self.maximum)
        return f"{self.minimum}..{upper}"


@dataclasses.dataclass(frozen=True)
class RoleRow:
    """One row of the membership table: a role and the sets it is in."""

    role: str
    sets: frozenset[SetKind]
    cardinality: Cardinality

    def member_of(self, kind: SetKind) -> bool:
        """True if an amphora of this role belongs to set ``kind``."""
        return kind in self.sets


def failover_order_problem(
    roles: tuple[str, ...], order: tuple[str, ...]
) -> str | None:
    """Why ``order`` is no valid ``lb_failover_roles`` for ``roles``, or
    None.  A role may be left out (the prover then refutes the order), but
    not named twice or unknown."""
    for role in order:
        if role not in roles:
            return f"names {role!r}, which is not a role of the topology"
        if order.count(role) > 1:
            return f"names {role!r} twice"
    return None


@dataclasses.dataclass(frozen=True)
class Topology:
    """A load-balancer topology: its role rows, in table order.

    ``lb_failover_roles`` is the order in which load-balancer failover
    gives roles to the replacement amphorae (Octavia 19.0.0 replaces the
    first amphora by a BACKUP, then the other by a MASTER); None means
    table order.
    """

    name: str
    rows: tuple[RoleRow, ...]
    description: str = ""
    lb_failover_roles: tuple[str, ...] | None = None
    claims: frozenset[str] = frozenset()
    """IDs of the topology-specific obligations this topology declares."""
    legacy: str | None = None
    """The Octavia topology whose loops of today it must match, if any."""

    def __post_init__(self) -> None:
        if self.lb_failover_roles is not None:
            problem = failover_order_problem(
                self.roles, self.lb_failover_roles
            )
            if problem:
                raise AmphoraSetsError(
                    f"topologies.{self.name}.lb_failover_roles", problem
                )

    @property
    def failover_order(self) -> tuple[str, ...]:
        """The roles load-balancer failover assigns, in order."""
        if self.lb_failover_roles is None:
            return self.roles
        return self.lb_failover_roles

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles this topology allows, in table order."""
        return tuple(row.role for row in self.rows)

    def row(self, role: str) -> RoleRow:
        """The row of ``role``; KeyError if the topology has no such role."""
        for row in self.rows:
            if row.role == role:
                return row
        raise KeyError(role)

    def scalable_roles(self) -> tuple[str, ...]:
        """Roles whose count may change while the load balancer lives."""
        return tuple(r.role for r in self.rows if r.cardinality.scalable)

    def roles_in(self, kind: SetKind) -> frozenset[str]:
        """The roles whose amphorae belong to set ``kind``."""
        return self._roles_by_set[kind]

    @functools.cached_property
    def _roles_by_set(self) -> dict[SetKind, frozenset[str]]:
        # Asked for on every selection: worked out once per topology.
        return {
            kind: frozenset(r.role for r in self.rows if r.member_of(kind))
            for kind in SetKind
        }

    def probe_group(self, role: str) -> tuple[str, ...]:
        """The roles whose amphorae a load-balancer-failover replacement
        of ``role`` may replace: any VRRP-running role if ``role`` is one
        (probing for the VIP decides which), else ``role`` alone."""
        vrrp = self.roles_in(SetKind.VRRP)
        if role in vrrp:
            return tuple(r for r in self.roles if r in vrrp)
        return (role,)


@dataclasses.dataclass(frozen=True, repr=False)
class Registry:
    """An ordered collection of topologies, looked up by name."""

    topologies: tuple[Topology, ...]

    def __repr__(self) -> str:
        # Short, so failure output shows what was drawn, not every table.
        return f"<Registry of {', '.join(self.names)}>"

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for topology in self.topologies:
            if topology.name in seen:
                raise AmphoraSetsError(
                    "topology", f"{topology.name!r} is defined twice"
                )
            seen.add(topology.name)

    def __iter__(self) -> Iterator[Topology]:
        return iter(self.topologies)

    def __contains__(self, name: object) -> bool:
        return any(t.name == name for t in self.topologies)

    @property
    def names(self) -> tuple[str, ...]:
        """Topology names, in registry order."""
        return tuple(t.name for t in self.topologies)

    def get(self, name: str) -> Topology:
        """The topology called ``name``; AmphoraSetsError if unknown."""
        for topology in self.topologies:
            if topology.name == name:
                return topology
        raise AmphoraSetsError(
            "topology",
            f"unknown topology {name!r} (known: {', '.join(self.names)})",
        )

    def extended(self, extra: Iterable[Topology]) -> Registry:
        """This registry plus ``extra``; a clashing name is an error."""
        return Registry(self.topologies + tuple(extra))


BUILTIN_REGISTRY = Registry(
    (
        Topology(
            v.TOPOLOGY_SINGLE,
            (RoleRow(v.ROLE_STANDALONE, _FRONT_BACK, Cardinality(1, 1)),),
            "One amphora; never ran keepalived.",
            claims=frozenset(
                {"INV-SINGLE-NO-VRRP", "INV-SINGLE-FRONT-IS-BACK"}
            ),
            legacy=v.TOPOLOGY_SINGLE,
        ),
        Topology(
            v.TOPOLOGY_ACTIVE_STANDBY,
            (
                RoleRow(v.ROLE_MASTER, _ALL_SETS, Cardinality(1, 1)),
                RoleRow(v.ROLE_BACKUP, _ALL_SETS, Cardinality(1, 1)),
            ),
            "A keepalived MASTER/BACKUP pair; all three sets are equal.",
            (v.ROLE_BACKUP, v.ROLE_MASTER),
            claims=frozenset({"INV-AS-EQUAL"}),
            legacy=v.TOPOLOGY_ACTIVE_STANDBY,
        ),
        Topology(
            v.TOPOLOGY_ACTIVE_ACTIVE,
            (
                RoleRow(v.ROLE_MASTER, _FRONT_VRRP, Cardinality(1, 1)),
                RoleRow(v.ROLE_BACKUP, _FRONT_VRRP, Cardinality(1, 1)),
                RoleRow(v.ROLE_IN_CLUSTER, _FRONT_BACK, Cardinality(2)),
            ),
            "A VRRP distributor pair in front of two or more IN_CLUSTER "
            "amphorae that reach the members.",
            (v.ROLE_BACKUP, v.ROLE_MASTER, v.ROLE_IN_CLUSTER),
            claims=frozenset({"INV-AA-DISTRIBUTORS-FRONT-ONLY"}),
        ),
    )
)
"""The topologies this project defines: Octavia's two and ACTIVE_ACTIVE."""
