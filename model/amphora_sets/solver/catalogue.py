"""Which builder proves which obligation ID."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from amphora_sets.registry.call_sites import CALL_SITE_CLASSES
from amphora_sets.solver import (
    counting,
    deltas,
    lb_failover,
    plumbing,
    pointwise,
)
from amphora_sets.solver.encoding import Encoding
from amphora_sets.solver.goal import Goal

Builder = Callable[[Encoding], Goal]

BUILDERS: Mapping[str, Builder] = MappingProxyType(
    {
        "INV-SETS-FOLLOW-TABLE": pointwise.inv_sets_follow_table,
        "INV-BACK-IN-FRONT": pointwise.inv_back_in_front,
        "INV-VRRP-IN-FRONT": pointwise.inv_vrrp_in_front,
        "INV-FRONT-IS-UNION": pointwise.inv_front_is_union,
        "INV-LIVE-COVERED": pointwise.inv_live_covered,
        "INV-DELETED-EXCLUDED": pointwise.inv_deleted_excluded,
        "INV-UNASSIGNED-EXCLUDED": pointwise.inv_unassigned_excluded,
        "INV-NO-DUPLICATES": pointwise.inv_no_duplicates,
        "INV-AS-EQUAL": pointwise.inv_as_equal,
        "INV-SINGLE-NO-VRRP": pointwise.inv_single_no_vrrp,
        "INV-SINGLE-FRONT-IS-BACK": pointwise.inv_single_front_is_back,
        "INV-AA-DISTRIBUTORS-FRONT-ONLY": (
            pointwise.inv_aa_distributors_front_only
        ),
        "INV-FRONT-NONEMPTY": counting.inv_front_nonempty,
        "INV-BACK-NONEMPTY": counting.inv_back_nonempty,
        "INV-VRRP-PEERED": counting.inv_vrrp_peered,
        "SEL-AMONG-IS-INTERSECTION": pointwise.sel_among_is_intersection,
        "SEL-AMONG-ALL-IS-WHOLE": pointwise.sel_among_all_is_whole,
        "SEL-MONOTONE": pointwise.sel_monotone,
        "SEL-DISTRIBUTES-UNION": pointwise.sel_distributes_union,
        "SEL-DISTRIBUTES-INTERSECTION": (
            pointwise.sel_distributes_intersection
        ),
        "SEL-INVARIANTS-IN-SUBSET": pointwise.sel_invariants_in_subset,
        "DELTA-DISJOINT": deltas.delta_disjoint,
        "DELTA-ADDED-NOT-OLD": deltas.delta_added_not_old,
        "DELTA-REMOVED-IN-OLD": deltas.delta_removed_in_old,
        "DELTA-RECONSTRUCTS-NEW": deltas.delta_reconstructs_new,
        "DELTA-SCALE-TOUCHES-ONLY-CHANGED": (
            deltas.delta_scale_touches_only_changed
        ),
        "DELTA-SCALE-KEEPS-VRRP": deltas.delta_scale_keeps_vrrp,
        **{
            c.obligation_id: pointwise.bc_call_site(c)
            for c in CALL_SITE_CLASSES
        },
        "BC-PLUMBING": plumbing.bc_plumbing,
        "SEC-MEMBER-NETS-BACK-ONLY": plumbing.sec_member_nets_back_only,
        "SEC-VIP-SG-ON-FRONT": plumbing.sec_vip_sg_on_front,
        "SEC-VRRP-AMONG-VRRP": plumbing.sec_vrrp_among_vrrp,
        "SEC-PEERS-AMONG-BACK": plumbing.sec_peers_among_back,
        "PLAN-CORRECT": plumbing.plan_correct,
        "PLAN-MINIMAL": plumbing.plan_minimal,
        "PLAN-LOCAL": plumbing.plan_local,
        "OP-CREATE": counting.op_create,
        "OP-FAILOVER-WINDOW": counting.op_failover_window,
        "OP-FAILOVER-DONE": counting.op_failover_done,
        "OP-LB-FAILOVER-KEEPS-SETS": lb_failover.op_lb_failover_keeps_sets,
        "OP-LB-FAILOVER-MIDWAY": lb_failover.op_lb_failover_midway,
        "OP-LB-FAILOVER-DONE": lb_failover.op_lb_failover_done,
        "OP-SCALE-OUT": counting.op_scale_out,
        "OP-SCALE-IN": counting.op_scale_in,
        "OP-DELETE": counting.op_delete,
    }
)
"""Obligation ID -> the function that builds its goal."""
