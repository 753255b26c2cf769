"""Load-balancer failover over role-and-status counts.

Octavia 19.0.0's ``get_failover_LB_flow`` replaces every amphora of a
load balancer, one at a time.  The replacements get their roles in a
fixed order (the topology's ``lb_failover_roles``: BACKUP first, then
MASTER), but the amphora each one replaces is found by probing for the
one without the VIP (``_get_amphorae_for_failover``), which is often the
database MASTER.  So the role of a replacement is not the role of the
amphora it replaces: midway there can be two BACKUPs and no MASTER.

The model: a replacement of a VRRP-running role may replace any amphora
of a VRRP-running role (the probe decides which); a replacement of any
other role replaces an amphora of its own role.  The replacements of a
role number that role's seats before failover.  Any point of the flow is
then a vector of counts (how many of each role were replaced, and by how
many of each role), so the claims hold for every cluster size.

Amphorae without a role (orphans, left by a crash between allocation and
the role task) are in no set.  The flow deletes them at the end as extra
amphorae, because its bookkeeping walks every amphora that is not
DELETED, role or not; were it to walk the sets instead, they would leak.

Roles that follow each other in that order and are in the same sets are
counted together, as one run (:mod:`~amphora_sets.solver.groups`): their
replacements come one after another and replace amphorae of the run, so
the claims, which speak of set sizes, see only the run's totals.  The
encoding then grows with the number of runs, not of roles.
"""

from __future__ import annotations

import z3

from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.topologies import RoleRow, Topology
from amphora_sets.registry.vocabulary import (
    AMPHORA_ALLOCATED,
    DELETED,
    PENDING_DELETE,
    SetKind,
)
from amphora_sets.solver import witness as w
from amphora_sets.solver.counting import Cluster
from amphora_sets.solver.encoding import Encoding
from amphora_sets.solver.goal import Goal
from amphora_sets.solver.groups import Group
from amphora_sets.values import Amphora

Orphans = dict[str, z3.ArithRef]


def runs(topology: Topology) -> dict[str, Group]:
    """Runs of roles next to each other in the failover order and in the
    same sets, keyed by their first role; then each role the order leaves
    out, alone."""
    found: list[list[RoleRow]] = []
    for role in topology.failover_order:
        row = topology.row(role)
        if found and found[-1][0].sets == row.sets:
            found[-1].append(row)
        else:
            found.append([row])
    ordered = set(topology.failover_order)
    found += [[row] for row in topology.rows if row.role not in ordered]
    return {rows[0].role: Group(tuple(rows)) for rows in found}


class _Flow:
    """Counts of one arbitrary point of a load-balancer failover."""

    def __init__(self, enc: Encoding) -> None:
        self.enc = enc
        self.runs = runs(enc.topology)
        ordered = set(enc.topology.failover_order)
        self.order = tuple(k for k in self.runs if k in ordered)
        self.before = Cluster.fresh(enc, "before", self.runs)
        self.statuses = [
            s
            for s in AMPHORA_STATUSES
            if enc.semantics.seated(s) and s != PENDING_DELETE
        ]
        # replaced[role, status]: failed amphorae already replaced
        self.replaced = {
            (role, status): z3.Int(
                enc.fresh_name(f"replaced[{role},{status}]"), enc.ctx
            )
            for role in self.runs
            for status in self.statuses
        }
        # made[role]: replacements that hold ``role``
        self.made = {
            role: z3.Int(enc.fresh_name(f"made[{role}]"), enc.ctx)
            for role in self.order
        }
        # orphans[status]: amphorae without a role, never DELETED
        self.orphans: Orphans = {
            status: z3.Int(enc.fresh_name(f"orphans[{status}]"), enc.ctx)
            for status in AMPHORA_STATUSES
            if status != DELETED
        }
        self.orphans_after: Orphans = {
            status: z3.IntVal(0, enc.ctx)
            if enc.semantics.bookkeeping(status)
            else count
            for status, count in self.orphans.items()
        }
        self.hypotheses = [
            self.before.settled(),
            *(count >= 0 for count in self.orphans.values()),
            *self._rounds(),
        ]
        self.after = self._after()

    def _replaced_of(self, roles: tuple[str, ...]) -> z3.ArithRef:
        return z3.Sum(
            [z3.IntVal(0, self.enc.ctx)]
            + [c for (r, _), c in self.replaced.items() if r in roles]
        )

    def _rounds(self) -> list[z3.BoolRef]:
        """Roles are given in order, one role's seats at a time, and each
        replacement replaces one amphora of its probe group."""
        rules: list[z3.BoolRef] = []
        for (role, status), count in self.replaced.items():
            rules += [count >= 0, count <= self.before.counts[role, status]]
        for index, role in enumerate(self.order):
            made = self.made[role]
            rules += [made >= 0, made <= self.before.seats(role)]
            for later in self.order[index + 1 :]:
                rules.append(
                    z3.Implies(
                        self.made[later] >= 1,
                        made == self.before.seats(role),
                    )
                )
        groups = {self.probe(r) for r in self.runs}
        for group in groups:
            made = [self.made[r] for r in self.order if r in group]
            rules.append(
                self._replaced_of(group)
                == z3.Sum([z3.IntVal(0, self.enc.ctx), *made])
            )
        return rules

    def probe(self, key: str) -> tuple[str, ...]:
        """The runs holding a role of :meth:`Topology.probe_group` of run
        ``key``'s first role: those whose amphorae its replacements may
        replace."""
        roles = set(self.enc.topology.probe_group(key))
        return tuple(
            k
            for k, group in self.runs.items()
            if any(row.role in roles for row in group.rows)
        )

    def _after(self) -> Cluster:
        """The counts once every replaced amphora is DELETED."""
        counts = dict(self.before.counts)
        for (role, status), count in self.replaced.items():
            counts[role, status] = counts[role, status] - count
            counts[role, DELETED] = counts[role, DELETED] + count
        for role, made in self.made.items():
            key = (role, AMPHORA_ALLOCATED)
            counts[key] = counts[key] + made
        return Cluster(self.enc, counts, self.runs)

    def window(self) -> tuple[Cluster, z3.ExprRef, list[z3.BoolRef]]:
        """The counts while the last failed amphora is PENDING_DELETE
        beside its replacement, that amphora's role, and the hypotheses
        that pick it from the probe group of the current round."""
        enc = self.enc
        failed = z3.Const(enc.fresh_name("failed"), enc.role_sort)
        current = []
        for index, role in enumerate(self.order):
            later_none = [self.made[r] == 0 for r in self.order[index + 1 :]]
            group = self.probe(role)
            current.append(
                z3.And(
                    self.made[role] >= 1,
                    *later_none,
                    enc.one_of(failed, [enc.role(r) for r in group]),
                )
            )
        picked = []
        window = self.after
        for role in self.runs:
            is_failed = failed == enc.role(role)
            picked.append(z3.And(is_failed, self._replaced_of((role,)) >= 1))
            window = window.moved(
                role, [(DELETED, -1), (PENDING_DELETE, +1)], is_failed
            )
        return window, failed, [z3.Or(current), z3.Or(picked)]

    def sizes_kept(self, cluster: Cluster) -> z3.BoolRef:
        """Every set of ``cluster`` has its size from before."""
        return z3.And(
            [cluster.size(k) == self.before.size(k) for k in SetKind],
            self.enc.ctx,
        )

    def goal(
        self,
        state: str,
        cluster: Cluster,
        extra: list[z3.BoolRef],
        claim: z3.BoolRef,
        orphans: Orphans | None = None,
    ) -> Goal:
        """Prove ``claim`` of the counts ``cluster`` called ``state``,
        whose orphans are ``orphans`` (those from before if None)."""
        versions = {
            "before": (self.before, self.orphans),
            state: (cluster, self.orphans if orphans is None else orphans),
        }

        def render(model: z3.ModelRef) -> dict[str, object]:
            return {
                name: w.load_balancer(
                    self.enc,
                    model,
                    counts.amphorae(model, name) + _orphans(model, name, left),
                )
                for name, (counts, left) in versions.items()
            }

        size = z3.Sum(
            [
                counts.total() + z3.Sum(list(left.values()))
                for counts, left in versions.values()
            ]
        )
        non_negative = [
            counts.non_negative() for counts, _ in versions.values()
        ]
        return Goal(
            (*non_negative, *self.hypotheses, *extra), claim, render, size=size
        )


def _orphans(model: z3.ModelRef, version: str, left: Orphans) -> list[Amphora]:
    """Concrete amphorae without a role, numbered after the others."""
    amphorae: list[Amphora] = []
    for status, count in left.items():
        n = model.eval(count, model_completion=True).as_long()
        amphorae.extend(
            Amphora(f"{version}-orphan-{len(amphorae) + 1}", None, status)
            for _ in range(n)
        )
    return amphorae


def op_lb_failover_keeps_sets(enc: Encoding) -> Goal:
    """The goal of ``OP-LB-FAILOVER-KEEPS-SETS``."""
    flow = _Flow(enc)
    return flow.goal("after", flow.after, [], flow.sizes_kept(flow.after))


def op_lb_failover_midway(enc: Encoding) -> Goal:
    """The goal of ``OP-LB-FAILOVER-MIDWAY``."""
    flow = _Flow(enc)
    window, failed, picked = flow.window()
    claim = z3.And(
        [
            z3.And(
                window.seated_size(k) == flow.before.size(k),
                window.size(k)
                == flow.before.size(k)
                + z3.If(enc.in_role_set(k, failed), 1, 0),
            )
            for k in SetKind
        ],
        enc.ctx,
    )
    return flow.goal("window", window, picked, claim)


def op_lb_failover_done(enc: Encoding) -> Goal:
    """The goal of ``OP-LB-FAILOVER-DONE``."""
    flow = _Flow(enc)
    finished = [
        flow.made[role] == flow.before.seats(role) for role in flow.order
    ]
    no_orphan = z3.Sum(list(flow.orphans_after.values())) == 0
    claim = z3.And(
        flow.after.settled(), flow.sizes_kept(flow.after), no_orphan
    )
    return flow.goal("after", flow.after, finished, claim, flow.orphans_after)
