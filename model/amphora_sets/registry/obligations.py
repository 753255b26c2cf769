"""The catalogue of proof obligations: stable IDs and one-line statements.

IDs are stable once published: a renamed ID is a removed ID plus a new one.
The same ID names the obligation in the specification, the Z3 encoding,
the tests and every violation message.  Each obligation says which
topologies it applies to and what it is about:

* about the *definitions* (membership, selection, deltas and the status
  rule, the same for every table): proved once per run, over every
  membership table at once;
* about a *table*: proved for each topology it applies to.

Topology-specific claims apply by declared intent (:attr:`Topology.claims`,
:attr:`Topology.legacy`), never by a topology's name.
"""

from __future__ import annotations

import dataclasses
import enum
import fnmatch
from collections.abc import Callable, Mapping
from types import MappingProxyType

from amphora_sets.registry.call_sites import (
    CALL_SITE_CLASSES,
    TODAY_TOPOLOGIES,
)
from amphora_sets.registry.legacy_plumbing import LEGACY_PLUMBING
from amphora_sets.registry.topologies import BUILTIN_REGISTRY, Topology
from amphora_sets.registry.vocabulary import SetKind

MAX_RLIMIT = 2**32 - 1
"""The largest rlimit Z3 takes as is: it keeps the low 32 bits."""

DEFAULT_RLIMIT = 5_000_000
"""Z3 resource budget granted to each obligation (deterministic, unlike a
timeout); the proofs of the built-in topologies use under 2% of it."""


class Family(enum.Enum):
    """Obligation families, named by their ID prefix."""

    INV = "set invariants"
    SEL = "selector-subset semantics"
    DELTA = "grow/shrink deltas"
    BC = "backwards compatibility"
    OP = "lifecycle operations"
    SEC = "security"
    PLAN = "operation plans"


class Subject(enum.Enum):
    """What an obligation's truth depends on."""

    DEFINITIONS = "definitions"
    TABLE = "table"


@dataclasses.dataclass(frozen=True)
class Scope:
    """Which topologies an obligation applies to."""

    text: str
    applies: Callable[[Topology], bool]


def _scalable(topology: Topology) -> bool:
    return bool(topology.scalable_roles())


def _scalable_back_facing(topology: Topology) -> bool:
    back_facing = topology.roles_in(SetKind.BACK)
    return any(role in back_facing for role in topology.scalable_roles())


EVERY = Scope("every topology", lambda topology: True)
DECLARED = Scope(
    "topologies that declare it", lambda topology: bool(topology.claims)
)
"""Applies to a topology that lists the obligation's ID in its ``claims``
(see :meth:`Obligation.applies_to`)."""
TODAY = Scope(
    "topologies that behave like one Octavia has today",
    lambda topology: topology.legacy in TODAY_TOPOLOGIES,
)
LEGACY_PLUMBED = Scope(
    "topologies that behave like one Octavia has today",
    lambda topology: topology.legacy in LEGACY_PLUMBING,
)
SCALABLE = Scope("topologies with a scalable role", _scalable)
SCALABLE_BACK_FACING = Scope(
    "topologies with a scalable back-facing role", _scalable_back_facing
)


@dataclasses.dataclass(frozen=True)
class Obligation:
    """One proof obligation of the catalogue."""

    id: str
    statement: str
    scope: Scope = EVERY
    about: Subject = Subject.TABLE

    @property
    def family(self) -> Family:
        """The family, from the ID prefix."""
        return Family[self.id.split("-", 1)[0]]

    @property
    def applies_text(self) -> str:
        """Which topologies it applies to, in words (for tables)."""
        if self.scope is DECLARED:
            declaring = [
                t.name for t in BUILTIN_REGISTRY if self.id in t.claims
            ]
            return f"{', '.join(declaring)} and topologies declaring it"
        return self.scope.text

    def applies_to(self, topology: Topology) -> bool:
        """True if this obligation is checked for ``topology``."""
        if self.scope is DECLARED:
            return self.id in topology.claims
        return self.scope.applies(topology)


DEFINITIONS = Subject.DEFINITIONS

_CATALOGUE = (
    Obligation(
        "INV-SETS-FOLLOW-TABLE",
        "Each set holds exactly the live amphorae whose role the membership "
        "table puts in it.",
        about=DEFINITIONS,
    ),
    Obligation(
        "INV-BACK-IN-FRONT", "Every back-facing amphora is front-facing."
    ),
    Obligation(
        "INV-VRRP-IN-FRONT", "Every VRRP-running amphora is front-facing."
    ),
    Obligation(
        "INV-FRONT-IS-UNION",
        "Every front-facing amphora is back-facing or VRRP-running.",
    ),
    Obligation(
        "INV-LIVE-COVERED",
        "Every live amphora that holds a role belongs to at least one set.",
    ),
    Obligation(
        "INV-DELETED-EXCLUDED",
        "No DELETED amphora is in any set.",
        about=DEFINITIONS,
    ),
    Obligation(
        "INV-UNASSIGNED-EXCLUDED",
        "No amphora that holds no role yet is in any set.",
        about=DEFINITIONS,
    ),
    Obligation(
        "INV-NO-DUPLICATES",
        "No set lists an amphora more than once.",
        about=DEFINITIONS,
    ),
    Obligation(
        "INV-AS-EQUAL",
        "Active-Standby's front-facing, back-facing and VRRP sets are equal.",
        DECLARED,
    ),
    Obligation(
        "INV-SINGLE-NO-VRRP",
        "A SINGLE load balancer has no VRRP-running amphora.",
        DECLARED,
    ),
    Obligation(
        "INV-SINGLE-FRONT-IS-BACK",
        "A SINGLE load balancer's front-facing and back-facing sets are "
        "equal.",
        DECLARED,
    ),
    Obligation(
        "INV-AA-DISTRIBUTORS-FRONT-ONLY",
        "No VRRP-running (distributor) amphora of ACTIVE_ACTIVE is "
        "back-facing.",
        DECLARED,
    ),
    Obligation(
        "INV-FRONT-NONEMPTY",
        "A load balancer that meets its cardinality rules has a seated "
        "front-facing amphora.",
    ),
    Obligation(
        "INV-BACK-NONEMPTY",
        "A load balancer that meets its cardinality rules has a seated "
        "back-facing amphora.",
    ),
    Obligation(
        "INV-VRRP-PEERED",
        "A load balancer that meets its cardinality rules has no seated "
        "VRRP amphora or at least two.",
    ),
    Obligation(
        "SEL-AMONG-IS-INTERSECTION",
        "Selecting a set among a subset gives the set intersected with the "
        "subset.",
        about=DEFINITIONS,
    ),
    Obligation(
        "SEL-AMONG-ALL-IS-WHOLE",
        "Selecting a set among all the load balancer's amphorae gives the "
        "whole set.",
        about=DEFINITIONS,
    ),
    Obligation(
        "SEL-MONOTONE",
        "Selecting among a larger subset never gives fewer amphorae.",
        about=DEFINITIONS,
    ),
    Obligation(
        "SEL-DISTRIBUTES-UNION",
        "Selecting among a union is the union of the selections.",
        about=DEFINITIONS,
    ),
    Obligation(
        "SEL-DISTRIBUTES-INTERSECTION",
        "Selecting among an intersection is the intersection of the "
        "selections.",
        about=DEFINITIONS,
    ),
    Obligation(
        "SEL-INVARIANTS-IN-SUBSET",
        "INV-BACK-IN-FRONT, INV-VRRP-IN-FRONT and INV-FRONT-IS-UNION hold "
        "for the selections among every subset.",
    ),
    Obligation(
        "DELTA-DISJOINT",
        "No amphora is both added and removed.",
        about=DEFINITIONS,
    ),
    Obligation(
        "DELTA-ADDED-NOT-OLD",
        "No added amphora was in the old set.",
        about=DEFINITIONS,
    ),
    Obligation(
        "DELTA-REMOVED-IN-OLD",
        "Every removed amphora was in the old set.",
        about=DEFINITIONS,
    ),
    Obligation(
        "DELTA-RECONSTRUCTS-NEW",
        "The old set minus the removed plus the added is the new set.",
        about=DEFINITIONS,
    ),
    Obligation(
        "DELTA-SCALE-TOUCHES-ONLY-CHANGED",
        "Scaling a role out or in adds the new amphora to exactly its "
        "role's sets, removes a removed one from them once it is DELETED, "
        "and changes nothing else.",
        SCALABLE,
    ),
    Obligation(
        "DELTA-SCALE-KEEPS-VRRP",
        "Growing or shrinking the back-facing cluster adds or removes no "
        "VRRP amphora.",
        SCALABLE_BACK_FACING,
    ),
    *(
        Obligation(c.obligation_id, c.statement, TODAY)
        for c in CALL_SITE_CLASSES
    ),
    Obligation(
        "BC-PLUMBING",
        "Ports, security-group rules and keepalived and HAProxy peers "
        "configuration are exactly what Octavia 19.0.0 builds, for load "
        "balancers with no peer groups that seat at most one amphora per "
        "single-seat role.",
        LEGACY_PLUMBED,
    ),
    Obligation(
        "OP-CREATE",
        "Creating the minimum of every role meets the cardinality rules.",
    ),
    Obligation(
        "OP-FAILOVER-WINDOW",
        "In amphora failover, while a failed amphora (PENDING_DELETE) and "
        "its replacement, marked with the same role, coexist, the "
        "cardinality rules hold and each set of that role holds both.",
    ),
    Obligation(
        "OP-FAILOVER-DONE",
        "After amphora failover deletes the failed amphora, the load "
        "balancer is settled again and every set has its size from before.",
    ),
    Obligation(
        "OP-LB-FAILOVER-KEEPS-SETS",
        "In load-balancer failover, after each replacement whichever "
        "amphora the VIP probe picked, every set has its size from before.",
    ),
    Obligation(
        "OP-LB-FAILOVER-MIDWAY",
        "In load-balancer failover, while a failed amphora (PENDING_DELETE) "
        "and its replacement coexist, every set has its seated size from "
        "before and still holds the failed amphora, even with two BACKUPs "
        "and no MASTER.",
    ),
    Obligation(
        "OP-LB-FAILOVER-DONE",
        "Once load-balancer failover has replaced every amphora in the "
        "order of lb_failover_roles, the load balancer is settled again, "
        "every set has its size from before, and no amphora without a "
        "role is left.",
    ),
    Obligation(
        "OP-SCALE-OUT",
        "Adding an amphora of a role below its maximum keeps the "
        "cardinality rules and grows exactly that role's sets by one.",
        SCALABLE,
    ),
    Obligation(
        "OP-SCALE-IN",
        "Removing an amphora of a role above its minimum keeps the "
        "cardinality rules; its sets keep it while PENDING_DELETE and "
        "shrink by one once it is DELETED.",
        SCALABLE,
    ),
    Obligation(
        "OP-DELETE",
        "Once every amphora of a deleted load balancer is DELETED, every "
        "set is empty.",
    ),
    Obligation(
        "SEC-MEMBER-NETS-BACK-ONLY",
        "An amphora has ports on the member networks if and only if it is "
        "back-facing.",
    ),
    Obligation(
        "SEC-VIP-SG-ON-FRONT",
        "An amphora has a VIP port carrying the load balancer's security "
        "group and its listener rules if and only if it is front-facing.",
    ),
    Obligation(
        "SEC-VRRP-AMONG-VRRP",
        "VRRP amphorae admit VRRP traffic from each other and from no other "
        "amphora; only VRRP amphorae run keepalived or are its peers.",
    ),
    Obligation(
        "SEC-PEERS-AMONG-BACK",
        "Back-facing amphorae admit HAProxy peers traffic from each other, "
        "within a peer group, and from no other amphora; only they are "
        "HAProxy peers.",
    ),
    Obligation(
        "PLAN-CORRECT",
        "Applying the plan to the old load balancer's plumbing gives the "
        "new one's.",
    ),
    Obligation(
        "PLAN-MINIMAL",
        "Every operation of a plan changes the plumbing: none can be dropped.",
    ),
    Obligation(
        "PLAN-LOCAL",
        "Growing or shrinking the back-facing cluster gives no operation "
        "on a VRRP amphora.",
        SCALABLE_BACK_FACING,
    ),
)

OBLIGATIONS: Mapping[str, Obligation] = MappingProxyType(
    {obligation.id: obligation for obligation in _CATALOGUE}
)
"""Every obligation, by ID, in catalogue order."""


def matching(pattern: str | None) -> tuple[Obligation, ...]:
    """The obligations whose ID matches the glob ``pattern`` (all if None)."""
    return tuple(
        o
        for o in OBLIGATIONS.values()
        if pattern is None or fnmatch.fnmatchcase(o.id, pattern)
    )


def applicable(
    topology: Topology, pattern: str | None = None
) -> tuple[Obligation, ...]:
    """The obligations checked for ``topology``, in catalogue order; only
    those matching the glob ``pattern`` if given."""
    return tuple(o for o in matching(pattern) if o.applies_to(topology))


DECLARABLE: frozenset[str] = frozenset(
    o.id for o in _CATALOGUE if o.scope is DECLARED
)
"""The IDs a topology may list in its ``claims``."""
