"""Deliberately wrong models, each with the obligation IDs that refute it.

Every entry is a wrong membership table or a wrong definition of the
status rule, the selector or the delta.  The prover must refute exactly
the listed obligations and prove every other applicable one: a corpus
entry refuted by nothing would mean the obligations cannot see that bug.
"""

from __future__ import annotations

import dataclasses

import z3

from amphora_sets.registry import BUILTIN_REGISTRY, SetKind
from amphora_sets.registry import vocabulary as v
from amphora_sets.registry.plumbing import PLUMBING, Among, Resource
from amphora_sets.registry.statuses import is_live, is_seated
from amphora_sets.registry.topologies import (
    Cardinality,
    Registry,
    RoleRow,
    Topology,
)
from amphora_sets.solver import REFERENCE, Result, Semantics, verify
from amphora_sets.solver.semantics import PairChange, PlanRules, once_if

F, B, V = SetKind.FRONT, SetKind.BACK, SetKind.VRRP
SINGLE = BUILTIN_REGISTRY.get(v.TOPOLOGY_SINGLE)
ACTIVE_STANDBY = BUILTIN_REGISTRY.get(v.TOPOLOGY_ACTIVE_STANDBY)
ACTIVE_ACTIVE = BUILTIN_REGISTRY.get(v.TOPOLOGY_ACTIVE_ACTIVE)


@dataclasses.dataclass(frozen=True)
class WrongModel:
    """A wrong model and exactly the obligations that must refute it, or
    find their hypotheses unsatisfiable (``vacuous``)."""

    name: str
    topology: Topology
    refuted_by: frozenset[str]
    semantics: Semantics = REFERENCE
    vacuous: frozenset[str] = frozenset()


_RESULTS: dict[str, tuple[Result, ...]] = {}


def results_of(entry: WrongModel) -> tuple[Result, ...]:
    """Every result for ``entry``, computed once per test session: the
    corpus test and the replay test share them (entries are named
    uniquely; some hold unhashable rules)."""
    if entry.name not in _RESULTS:
        registry = Registry((entry.topology,))
        _RESULTS[entry.name] = tuple(
            verify(registry, semantics=entry.semantics)
        )
    return _RESULTS[entry.name]


def _row(role: str, sets: set[SetKind], lo: int, hi: int | None) -> RoleRow:
    return RoleRow(role, frozenset(sets), Cardinality(lo, hi))


def _with_row(topology: Topology, row: RoleRow) -> Topology:
    rows = tuple(row if r.role == row.role else r for r in topology.rows)
    return dataclasses.replace(topology, rows=rows)


def _plumbing(resource: Resource, **change: object) -> Semantics:
    """The reference semantics with one row of the plumbing table changed."""
    table = dict(PLUMBING)
    table[resource] = dataclasses.replace(table[resource], **change)
    return Semantics(plumbing=table)


def _closes_with_owner_only(pair: PairChange) -> z3.BoolRef:
    return z3.And(pair.old, pair.removed_a)


def _rewrites_ignoring_groups(pair: PairChange) -> z3.BoolRef:
    changed = z3.Or(pair.added_a, pair.removed_a, pair.added_b, pair.removed_b)
    return z3.And(changed, z3.Or(pair.ungrouped_old, pair.ungrouped_new))


CORPUS = (
    WrongModel(
        "back-facing role not front-facing",
        Topology("WRONG", (_row("X", {B}, 1, 1), _row("Y", {F, B}, 1, 1))),
        frozenset({"INV-BACK-IN-FRONT", "SEL-INVARIANTS-IN-SUBSET"}),
    ),
    WrongModel(
        "VRRP role not front-facing",
        Topology(
            "WRONG",
            (_row("X", {V}, 2, 2), _row("Y", {F, B}, 1, 1)),
        ),
        frozenset({"INV-VRRP-IN-FRONT", "SEL-INVARIANTS-IN-SUBSET"}),
    ),
    WrongModel(
        "front-facing role that is neither back-facing nor VRRP",
        Topology("WRONG", (_row("X", {F}, 1, 1), _row("Y", {F, B}, 1, 1))),
        frozenset({"INV-FRONT-IS-UNION", "SEL-INVARIANTS-IN-SUBSET"}),
    ),
    WrongModel(
        "role in no set",
        Topology("WRONG", (_row("X", set(), 0, 1), _row("Y", {F, B}, 1, 1))),
        frozenset({"INV-LIVE-COVERED"}),
    ),
    WrongModel(
        "no role with a minimum: an empty load balancer is settled",
        Topology("WRONG", (_row("X", {F, B}, 0, 3),)),
        frozenset({"INV-FRONT-NONEMPTY", "INV-BACK-NONEMPTY"}),
    ),
    WrongModel(
        "a lone VRRP amphora with no peer",
        Topology(
            "WRONG", (_row("X", {F, V}, 1, 1), _row("Y", {F, B}, 1, None))
        ),
        frozenset({"INV-VRRP-PEERED"}),
    ),
    WrongModel(
        "cardinality minimum above its maximum",
        Topology("WRONG", (_row("X", {F, B}, 2, 1),)),
        # creating the minimum breaks the rules
        frozenset({"OP-CREATE"}),
        # nothing meets the rules: every obligation assuming them is vacuous
        vacuous=frozenset(
            {
                "INV-BACK-NONEMPTY",
                "INV-FRONT-NONEMPTY",
                "INV-VRRP-PEERED",
                "OP-DELETE",
                "OP-FAILOVER-DONE",
                "OP-FAILOVER-WINDOW",
                "OP-LB-FAILOVER-DONE",
                "OP-LB-FAILOVER-KEEPS-SETS",
                "OP-LB-FAILOVER-MIDWAY",
            }
        ),
    ),
    WrongModel(
        "Active-Standby BACKUP not running VRRP",
        _with_row(ACTIVE_STANDBY, _row(v.ROLE_BACKUP, {F, B}, 1, 1)),
        frozenset(
            {
                "BC-VRRP-ALLOCATED",
                "BC-VRRP-NOT-DELETED",
                "BC-VRRP-ROLE",
                "BC-VRRP-TOPOLOGY",
                "INV-AS-EQUAL",
                "INV-VRRP-PEERED",
                "BC-PLUMBING",
            }
        ),
    ),
    WrongModel(
        "SINGLE amphora running VRRP",
        _with_row(SINGLE, _row(v.ROLE_STANDALONE, {F, B, V}, 1, 1)),
        frozenset(
            {
                "BC-VRRP-ALLOCATED",
                "BC-VRRP-NOT-DELETED",
                "BC-VRRP-ROLE",
                "BC-VRRP-TOPOLOGY",
                "INV-SINGLE-NO-VRRP",
                "INV-VRRP-PEERED",
                "BC-PLUMBING",
            }
        ),
    ),
    WrongModel(
        "SINGLE amphora not back-facing",
        _with_row(SINGLE, _row(v.ROLE_STANDALONE, {F}, 1, 1)),
        frozenset(
            {
                "BC-BACK-ALLOCATED",
                "BC-BACK-NOT-DELETED",
                "BC-BACK-UNFILTERED",
                "INV-BACK-NONEMPTY",
                "INV-FRONT-IS-UNION",
                "INV-SINGLE-FRONT-IS-BACK",
                "SEL-INVARIANTS-IN-SUBSET",
                "BC-PLUMBING",
            }
        ),
    ),
    WrongModel(
        "ACTIVE_ACTIVE distributor also back-facing",
        _with_row(ACTIVE_ACTIVE, _row(v.ROLE_MASTER, {F, B, V}, 1, 1)),
        frozenset(
            {
                "INV-AA-DISTRIBUTORS-FRONT-ONLY",
                "OP-LB-FAILOVER-KEEPS-SETS",
                "OP-LB-FAILOVER-MIDWAY",
                "PLAN-LOCAL",
            }
        ),
    ),
    WrongModel(
        "ACTIVE_ACTIVE cluster amphorae running VRRP",
        _with_row(ACTIVE_ACTIVE, _row(v.ROLE_IN_CLUSTER, {F, B, V}, 2, None)),
        frozenset(
            {
                "DELTA-SCALE-KEEPS-VRRP",
                "INV-AA-DISTRIBUTORS-FRONT-ONLY",
                "OP-LB-FAILOVER-KEEPS-SETS",
                "OP-LB-FAILOVER-MIDWAY",
                "PLAN-LOCAL",
            }
        ),
    ),
    WrongModel(
        "status rule keeps DELETED amphorae in the sets",
        ACTIVE_STANDBY,
        frozenset(
            {
                "BC-ALL-UNFILTERED",
                "BC-BACK-UNFILTERED",
                "BC-FRONT-UNFILTERED",
                "INV-DELETED-EXCLUDED",
                "INV-SETS-FOLLOW-TABLE",
                "OP-DELETE",
                "OP-FAILOVER-DONE",
                "BC-PLUMBING",
                "OP-LB-FAILOVER-DONE",
                "OP-LB-FAILOVER-KEEPS-SETS",
                "OP-LB-FAILOVER-MIDWAY",
            }
        ),
        Semantics(live=lambda status: True),
    ),
    WrongModel(
        "status rule gives PENDING_DELETE amphorae a seat",
        ACTIVE_STANDBY,
        frozenset(
            {
                "OP-FAILOVER-WINDOW",
                "OP-LB-FAILOVER-MIDWAY",
            }
        ),
        Semantics(
            seated=lambda status: (
                is_seated(status) or status == v.PENDING_DELETE
            )
        ),
    ),
    WrongModel(
        "status rule drops ERROR amphorae from the sets",
        ACTIVE_STANDBY,
        frozenset(
            {
                "BC-ALL-NOT-DELETED",
                "BC-ALL-ROLE",
                "BC-ALL-TOPOLOGY",
                "BC-ALL-UNFILTERED",
                "BC-BACK-NOT-DELETED",
                "BC-BACK-UNFILTERED",
                "BC-FRONT-NOT-DELETED",
                "BC-FRONT-ROLE",
                "BC-FRONT-TOPOLOGY",
                "BC-FRONT-UNFILTERED",
                "BC-VRRP-NOT-DELETED",
                "BC-VRRP-ROLE",
                "BC-VRRP-TOPOLOGY",
                "INV-BACK-NONEMPTY",
                "INV-FRONT-NONEMPTY",
                "INV-SETS-FOLLOW-TABLE",
                "INV-VRRP-PEERED",
                "OP-FAILOVER-DONE",
                "OP-FAILOVER-WINDOW",
                "BC-PLUMBING",
                "OP-LB-FAILOVER-DONE",
                "OP-LB-FAILOVER-KEEPS-SETS",
                "OP-LB-FAILOVER-MIDWAY",
            }
        ),
        Semantics(live=lambda status: is_live(status) and status != v.ERROR),
    ),
    WrongModel(
        "selector ignores among=",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "SEL-AMONG-IS-INTERSECTION",
            }
        ),
        Semantics(select=lambda in_set, in_roles, live, among: in_set),
    ),
    WrongModel(
        "selector forgets the status rule",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "SEL-AMONG-ALL-IS-WHOLE",
                "SEL-AMONG-IS-INTERSECTION",
                "SEC-MEMBER-NETS-BACK-ONLY",
                "SEC-PEERS-AMONG-BACK",
                "SEC-VIP-SG-ON-FRONT",
                "SEC-VRRP-AMONG-VRRP",
            }
        ),
        Semantics(
            select=lambda in_set, in_roles, live, among: z3.And(
                in_roles, among
            )
        ),
    ),
    WrongModel(
        "selector unites instead of intersecting",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "SEL-AMONG-ALL-IS-WHOLE",
                "SEL-AMONG-IS-INTERSECTION",
                "PLAN-LOCAL",
                "SEC-MEMBER-NETS-BACK-ONLY",
                "SEC-PEERS-AMONG-BACK",
                "SEC-VIP-SG-ON-FRONT",
                "SEC-VRRP-AMONG-VRRP",
            }
        ),
        Semantics(
            select=lambda in_set, in_roles, live, among: z3.Or(in_set, among)
        ),
    ),
    WrongModel(
        "delta reports the whole new set as added",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "DELTA-ADDED-NOT-OLD",
                "DELTA-SCALE-KEEPS-VRRP",
                "DELTA-SCALE-TOUCHES-ONLY-CHANGED",
                "PLAN-LOCAL",
                "PLAN-MINIMAL",
            }
        ),
        Semantics(added=lambda old, new: new),
    ),
    WrongModel(
        "delta swaps added and removed",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "DELTA-ADDED-NOT-OLD",
                "DELTA-RECONSTRUCTS-NEW",
                "DELTA-REMOVED-IN-OLD",
                "DELTA-SCALE-TOUCHES-ONLY-CHANGED",
                "PLAN-CORRECT",
                "PLAN-MINIMAL",
            }
        ),
        Semantics(
            added=lambda old, new: z3.And(old, z3.Not(new)),
            removed=lambda old, new: z3.And(new, z3.Not(old)),
        ),
    ),
    WrongModel(
        "selector takes the complement of among=",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "SEL-AMONG-ALL-IS-WHOLE",
                "SEL-AMONG-IS-INTERSECTION",
                "SEL-DISTRIBUTES-INTERSECTION",
                "SEL-DISTRIBUTES-UNION",
                "SEL-MONOTONE",
                "SEC-MEMBER-NETS-BACK-ONLY",
                "SEC-PEERS-AMONG-BACK",
                "SEC-VIP-SG-ON-FRONT",
                "SEC-VRRP-AMONG-VRRP",
            }
        ),
        Semantics(
            select=lambda in_set, in_roles, live, among: z3.And(
                in_set, z3.Not(among)
            )
        ),
    ),
    WrongModel(
        "delta reports the whole old set as removed and new as added",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "DELTA-ADDED-NOT-OLD",
                "DELTA-DISJOINT",
                "DELTA-SCALE-KEEPS-VRRP",
                "DELTA-SCALE-TOUCHES-ONLY-CHANGED",
                "PLAN-LOCAL",
                "PLAN-MINIMAL",
            }
        ),
        Semantics(added=lambda old, new: new, removed=lambda old, new: old),
    ),
    WrongModel(
        "status rule drops PENDING_DELETE amphorae from the sets",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "DELTA-SCALE-TOUCHES-ONLY-CHANGED",
                "INV-SETS-FOLLOW-TABLE",
                "OP-FAILOVER-WINDOW",
                "OP-LB-FAILOVER-MIDWAY",
                "OP-SCALE-IN",
            }
        ),
        Semantics(
            live=lambda status: is_live(status) and status != v.PENDING_DELETE
        ),
    ),
    WrongModel(
        "status rule drops ALLOCATED amphorae from the sets",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "INV-BACK-NONEMPTY",
                "INV-FRONT-NONEMPTY",
                "INV-SETS-FOLLOW-TABLE",
                "INV-VRRP-PEERED",
                "OP-FAILOVER-DONE",
                "OP-FAILOVER-WINDOW",
                "OP-LB-FAILOVER-DONE",
                "OP-LB-FAILOVER-KEEPS-SETS",
                "OP-LB-FAILOVER-MIDWAY",
                "OP-SCALE-IN",
                "OP-SCALE-OUT",
            }
        ),
        Semantics(
            live=lambda status: (
                is_live(status) and status != v.AMPHORA_ALLOCATED
            )
        ),
    ),
    WrongModel(
        "failover bookkeeping walks the sets: orphans are never deleted",
        ACTIVE_STANDBY,
        frozenset({"OP-LB-FAILOVER-DONE"}),
        Semantics(bookkeeping=lambda status: False),
    ),
    WrongModel(
        "load-balancer failover replaces only the BACKUP",
        dataclasses.replace(ACTIVE_STANDBY, lb_failover_roles=("BACKUP",)),
        frozenset({"OP-LB-FAILOVER-DONE"}),
    ),
    WrongModel(
        "membership decided by excluding the other roles",
        ACTIVE_ACTIVE,
        frozenset(
            {
                "INV-AA-DISTRIBUTORS-FRONT-ONLY",
                "INV-SETS-FOLLOW-TABLE",
                "INV-UNASSIGNED-EXCLUDED",
                "PLAN-LOCAL",
            }
        ),
        Semantics(
            member=lambda in_roles, in_other_role, live: z3.And(
                z3.Not(in_other_role), live
            )
        ),
    ),
    WrongModel(
        "front-facing listed as back-facing followed by VRRP",
        ACTIVE_STANDBY,
        frozenset({"INV-NO-DUPLICATES"}),
        Semantics(
            copies=lambda kind, members: (
                once_if(members[B]) + once_if(members[V])
                if kind is F
                else once_if(members[kind])
            )
        ),
    ),
    WrongModel(
        "SINGLE amphora not front-facing",
        _with_row(SINGLE, _row(v.ROLE_STANDALONE, {B}, 1, 1)),
        frozenset(
            {
                "BC-FRONT-ALLOCATED",
                "BC-FRONT-NOT-DELETED",
                "BC-FRONT-ROLE",
                "BC-FRONT-TOPOLOGY",
                "BC-FRONT-UNFILTERED",
                "INV-BACK-IN-FRONT",
                "INV-FRONT-NONEMPTY",
                "INV-SINGLE-FRONT-IS-BACK",
                "SEL-INVARIANTS-IN-SUBSET",
                "BC-PLUMBING",
            }
        ),
    ),
    WrongModel(
        "Active-Standby with a role today's code does not know",
        dataclasses.replace(
            ACTIVE_STANDBY,
            rows=(*ACTIVE_STANDBY.rows, _row("SPARE", {F, B, V}, 0, 1)),
            lb_failover_roles=None,
        ),
        frozenset(
            {
                "BC-ALL-ROLE",
                "BC-FRONT-ROLE",
                "BC-VRRP-ROLE",
                "DELTA-SCALE-KEEPS-VRRP",
                "PLAN-LOCAL",
            }
        ),
    ),
    WrongModel(
        "live view leaves out amphorae with no role",
        ACTIVE_STANDBY,
        frozenset(
            {
                "BC-ALL-NOT-DELETED",
                "BC-ALL-UNFILTERED",
                "BC-BACK-ALLOCATED",
                "BC-BACK-NOT-DELETED",
                "BC-BACK-UNFILTERED",
                "BC-FRONT-ALLOCATED",
                "BC-FRONT-NOT-DELETED",
                "BC-FRONT-UNFILTERED",
                "BC-VRRP-ALLOCATED",
                "BC-VRRP-NOT-DELETED",
            }
        ),
        Semantics(
            view=lambda live, assigned, among: z3.And(live, assigned, among)
        ),
    ),
    WrongModel(
        "live view keeps DELETED rows",
        SINGLE,
        frozenset({"BC-ALL-UNFILTERED"}),
        Semantics(view=lambda live, assigned, among: among),
    ),
    WrongModel(
        "live view holds nothing",
        SINGLE,
        frozenset(
            {
                "BC-ALL-NOT-DELETED",
                "BC-ALL-ROLE",
                "BC-ALL-TOPOLOGY",
                "BC-ALL-UNFILTERED",
                "BC-BACK-ALLOCATED",
                "BC-BACK-NOT-DELETED",
                "BC-BACK-UNFILTERED",
                "BC-FRONT-ALLOCATED",
                "BC-FRONT-NOT-DELETED",
                "BC-FRONT-UNFILTERED",
            }
        ),
        Semantics(
            view=lambda live, assigned, among: z3.BoolVal(False, among.ctx)
        ),
    ),
    WrongModel(
        "member ports follow the front-facing set",
        ACTIVE_ACTIVE,
        frozenset({"SEC-MEMBER-NETS-BACK-ONLY"}),
        _plumbing(Resource.MEMBER_PORT, kind=F),
    ),
    WrongModel(
        "listener rules only on back-facing VIP ports",
        ACTIVE_ACTIVE,
        frozenset({"SEC-VIP-SG-ON-FRONT"}),
        _plumbing(Resource.LISTENER_RULE, kind=B),
    ),
    WrongModel(
        "VRRP admitted among the back-facing amphorae",
        ACTIVE_ACTIVE,
        frozenset({"SEC-VRRP-AMONG-VRRP"}),
        _plumbing(Resource.VRRP_RULE, kind=B),
    ),
    WrongModel(
        "HAProxy peers port admitted among the VRRP amphorae",
        ACTIVE_ACTIVE,
        frozenset({"SEC-PEERS-AMONG-BACK"}),
        _plumbing(Resource.PEERS_RULE, kind=V),
    ),
    WrongModel(
        "plan closes a rule only when its owner leaves",
        ACTIVE_ACTIVE,
        frozenset({"PLAN-CORRECT"}),
        Semantics(plan=PlanRules(closes=_closes_with_owner_only)),
    ),
    WrongModel(
        "plan rewrites HAProxy peers across peer groups",
        ACTIVE_ACTIVE,
        frozenset({"PLAN-MINIMAL"}),
        Semantics(plan=PlanRules(rewrites=_rewrites_ignoring_groups)),
    ),
    WrongModel(
        "VRRP amphorae that also reach the members, beside a scalable cluster",
        Topology(
            "WRONG",
            (_row("X", {F, B, V}, 2, 2), _row("Y", {F, B}, 1, None)),
        ),
        frozenset({"PLAN-LOCAL"}),
    ),
    WrongModel(
        "keepalived lists peers that are not in service",
        ACTIVE_STANDBY,
        frozenset({"BC-PLUMBING"}),
        _plumbing(Resource.KEEPALIVED_PEER, among=Among.LIVE),
    ),
)


@dataclasses.dataclass(frozen=True)
class NaiveClaim:
    """The naive backwards-compatibility claim for one call-site class:
    the migrated site meets *exactly* the amphorae today's loop meets.

    It is false, and each ``BC-`` call-site obligation says less: an
    amphora with no role yet is met by the live view instead of a set, and
    a DELETED row today's unfiltered loop meets is met by nothing.  The
    counterexample must be one of those two.
    """

    obligation_id: str
    topology: str


NAIVE_CLAIMS = tuple(
    NaiveClaim(obligation_id, topology)
    for obligation_id, topologies in (
        (
            "BC-FRONT-NOT-DELETED",
            (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY),
        ),
        ("BC-FRONT-ALLOCATED", (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY)),
        (
            "BC-FRONT-UNFILTERED",
            (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY),
        ),
        (
            "BC-BACK-NOT-DELETED",
            (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY),
        ),
        ("BC-BACK-ALLOCATED", (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY)),
        ("BC-BACK-UNFILTERED", (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY)),
        ("BC-VRRP-NOT-DELETED", (v.TOPOLOGY_ACTIVE_STANDBY,)),
        ("BC-VRRP-ALLOCATED", (v.TOPOLOGY_ACTIVE_STANDBY,)),
        ("BC-ALL-UNFILTERED", (v.TOPOLOGY_SINGLE, v.TOPOLOGY_ACTIVE_STANDBY)),
    )
    for topology in topologies
)
"""Every (class, topology) whose naive claim is false; for the other loop
classes (VRRP in SINGLE, ALL among not DELETED) it holds."""
