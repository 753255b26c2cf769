"""What Octavia 19.0.0's call sites do today, as classes of (set, filter).

The audit's per-version mapping classifies every call site that uses a
load balancer's amphora cluster by the set it becomes (FRONT, BACK, VRRP,
ALL, or N/A) and by what it keeps of the amphorae today (its *filter*).
Each (set, filter) pair the mapping uses is a :class:`CallSiteClass` here,
with its own backwards-compatibility obligation (``BC-<SET>-<FILTER>``),
proved for the topologies Octavia has today over one arbitrary amphora of
any status, with or without a role.

What today's code does, as data:

* a loop keeps the amphorae its filter keeps (``!= DELETED``,
  ``== ALLOCATED``, or every row);
* a VRRP site runs only in ACTIVE_STANDBY (the keepalived sub-flows and
  templates exist only there); every other site runs in both topologies;
* a topology test is true where the site runs; a role test accepts the
  roles that run the site: MASTER and BACKUP for VRRP, every role for the
  others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType

from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.vocabulary import SetKind

ALL = "ALL"
"""The set of a site that genuinely concerns every amphora: the live view
(every amphora not DELETED, with or without a role) or every row."""
NOT_APPLICABLE = "N/A"
SETS: tuple[str, ...] = (
    *(kind.name for kind in SetKind),
    ALL,
    NOT_APPLICABLE,
)
"""A call site's set: one of the three sets, every amphora, or none."""

NOT_DELETED = "!= DELETED"
ALLOCATED = "== ALLOCATED"
UNFILTERED = "none"
TOPOLOGY = "topology"
ROLE = "role"
FILTERS: Mapping[str, str] = MappingProxyType(
    {
        NOT_DELETED: "every amphora row except DELETED ones",
        ALLOCATED: "only ALLOCATED (in-service) amphorae",
        UNFILTERED: "every amphora row, DELETED ones too",
        TOPOLOGY: "a test of the load balancer's topology",
        ROLE: "a test of an amphora's role",
    }
)
"""A call site's filter: what it keeps of the amphorae today."""

LOOP_FILTERS = (NOT_DELETED, ALLOCATED, UNFILTERED)
"""Filters that keep amphorae by status: an ``among=`` for the selector."""

_TAGS = {
    NOT_DELETED: "NOT-DELETED",
    ALLOCATED: "ALLOCATED",
    UNFILTERED: "UNFILTERED",
    TOPOLOGY: "TOPOLOGY",
    ROLE: "ROLE",
}

TODAY_TOPOLOGIES = (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY)
"""The topologies Octavia 19.0.0 has: the scope of the BC- obligations."""

TODAY_RUNS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        SetKind.FRONT.name: frozenset(TODAY_TOPOLOGIES),
        SetKind.BACK.name: frozenset(TODAY_TOPOLOGIES),
        SetKind.VRRP.name: frozenset({v.TOPOLOGY_ACTIVE_STANDBY}),
        ALL: frozenset(TODAY_TOPOLOGIES),
    }
)
"""Set -> the topologies in which today's call sites of that set run."""

TODAY_ROLES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        SetKind.FRONT.name: frozenset(
            {v.ROLE_MASTER, v.ROLE_BACKUP, v.ROLE_STANDALONE}
        ),
        SetKind.BACK.name: frozenset(
            {v.ROLE_MASTER, v.ROLE_BACKUP, v.ROLE_STANDALONE}
        ),
        SetKind.VRRP.name: frozenset({v.ROLE_MASTER, v.ROLE_BACKUP}),
        ALL: frozenset({v.ROLE_MASTER, v.ROLE_BACKUP, v.ROLE_STANDALONE}),
    }
)
"""Set -> the roles today's role tests for that set's sites accept."""


@dataclasses.dataclass(frozen=True)
class CallSiteClass:
    """Call sites of one set with one filter, and what the design owes
    them: the same amphorae as today."""

    set: str
    filter: str

    @property
    def obligation_id(self) -> str:
        """``BC-<SET>-<FILTER>``, e.g. ``BC-FRONT-NOT-DELETED``."""
        return f"BC-{self.set}-{_TAGS[self.filter]}"

    @property
    def kind(self) -> SetKind | None:
        """The set as a :class:`SetKind`; None for ALL (the live view)."""
        return None if self.set == ALL else SetKind[self.set]

    @property
    def statement(self) -> str:
        """The obligation's one-line statement."""
        view = (
            "the live view"
            if self.kind is None
            else f"the {self.kind.title} selector"
        )
        if self.filter in LOOP_FILTERS:
            among = "every row" if self.filter == UNFILTERED else self.filter
            return (
                f"For {self.set} call sites that loop over {among}: "
                f"{view} among that filter returns only amphorae today's "
                "loop returns that are not DELETED, and all of those that "
                "hold a role; one with no role is in the live view."
            )
        if self.filter == TOPOLOGY:
            return (
                f"For {self.set} call sites behind a topology test: a "
                f"live amphora that holds a role is in {view} exactly "
                "when today's test lets the site run."
            )
        return (
            f"For {self.set} call sites behind a role test: a live "
            f"amphora is in {view}, holding a role, exactly when today's "
            "role test accepts its role."
        )


_F, _B, _V = (k.name for k in SetKind)
CALL_SITE_CLASSES: tuple[CallSiteClass, ...] = tuple(
    CallSiteClass(s, f)
    for s, f in (
        (_F, NOT_DELETED),
        (_F, ALLOCATED),
        (_F, UNFILTERED),
        (_F, TOPOLOGY),
        (_F, ROLE),
        (_B, NOT_DELETED),
        (_B, ALLOCATED),
        (_B, UNFILTERED),
        (_V, NOT_DELETED),
        (_V, ALLOCATED),
        (_V, TOPOLOGY),
        (_V, ROLE),
        (ALL, NOT_DELETED),
        (ALL, UNFILTERED),
        (ALL, TOPOLOGY),
        (ALL, ROLE),
    )
)
"""Every (set, filter) class the Octavia 19.0.0 mapping uses (a test
checks this against the mapping), N/A aside: N/A sites owe nothing."""
