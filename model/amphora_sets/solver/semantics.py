"""The definitions the Z3 encoding states, kept replaceable.

The default :data:`REFERENCE` restates the reference model: set membership
from the topology's table and the registry's status rule, selection as
membership and subset, deltas as set difference.  The test corpus swaps in
deliberately wrong definitions to show each obligation can fail.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import z3

from amphora_sets.registry.plumbing import PLUMBING, Follows, Resource
from amphora_sets.registry.statuses import is_live, is_seated
from amphora_sets.registry.vocabulary import SetKind

Select = Callable[[z3.BoolRef, z3.BoolRef, z3.BoolRef, z3.BoolRef], z3.BoolRef]
Change = Callable[[z3.BoolRef, z3.BoolRef], z3.BoolRef]
Member = Callable[[z3.BoolRef, z3.BoolRef, z3.BoolRef], z3.BoolRef]
Copies = Callable[[SetKind, Mapping[SetKind, z3.BoolRef]], z3.ArithRef]
View = Callable[[z3.BoolRef, z3.BoolRef, z3.BoolRef], z3.BoolRef]


def once_if(member: z3.BoolRef) -> z3.ArithRef:
    """1 if ``member`` holds, else 0: one listing of a member."""
    return z3.If(member, z3.IntVal(1, member.ctx), z3.IntVal(0, member.ctx))


def _select(
    in_set: z3.BoolRef,
    in_role_set: z3.BoolRef,
    live: z3.BoolRef,
    among: z3.BoolRef,
) -> z3.BoolRef:
    del in_role_set, live  # the reference selector needs only the set
    return z3.And(in_set, among)


def _member(
    in_role_set: z3.BoolRef, in_other_role: z3.BoolRef, live: z3.BoolRef
) -> z3.BoolRef:
    del in_other_role  # the reference asks the table, not its complement
    return z3.And(in_role_set, live)


def _copies(
    kind: SetKind, members: Mapping[SetKind, z3.BoolRef]
) -> z3.ArithRef:
    return once_if(members[kind])


def _live_view(
    live: z3.BoolRef, assigned: z3.BoolRef, among: z3.BoolRef
) -> z3.BoolRef:
    del assigned  # every live amphora, with or without a role
    return z3.And(live, among)


def _added(in_old: z3.BoolRef, in_new: z3.BoolRef) -> z3.BoolRef:
    return z3.And(in_new, z3.Not(in_old))


def _removed(in_old: z3.BoolRef, in_new: z3.BoolRef) -> z3.BoolRef:
    return z3.And(in_old, z3.Not(in_new))


@dataclasses.dataclass(frozen=True)
class PairChange:
    """One ordered pair's resource across a change, as Z3 terms.

    ``old`` and ``new`` say whether the pair has the resource before and
    after; ``ungrouped_old`` and ``ungrouped_new`` the same ignoring peer
    groups; ``added_*`` and ``removed_*`` come from each amphora's delta.
    """

    old: z3.BoolRef
    new: z3.BoolRef
    ungrouped_old: z3.BoolRef
    ungrouped_new: z3.BoolRef
    added_a: z3.BoolRef
    removed_a: z3.BoolRef
    added_b: z3.BoolRef
    removed_b: z3.BoolRef


def _opens(pair: PairChange) -> z3.BoolRef:
    return z3.And(pair.new, z3.Or(pair.added_a, pair.added_b))


def _closes(pair: PairChange) -> z3.BoolRef:
    return z3.And(pair.old, z3.Or(pair.removed_a, pair.removed_b))


def _rewrites(pair: PairChange) -> z3.BoolRef:
    changed = z3.Or(pair.added_a, pair.removed_a, pair.added_b, pair.removed_b)
    return z3.And(changed, z3.Or(pair.old, pair.new))


@dataclasses.dataclass(frozen=True)
class PlanRules:
    """When a plan touches a pair resource on its first amphora.

    ``opens`` and ``closes`` decide an open or close of the pair's rule;
    ``rewrites`` whether the pair makes the first amphora's configuration
    be written.
    """

    opens: Callable[[PairChange], z3.BoolRef] = _opens
    closes: Callable[[PairChange], z3.BoolRef] = _closes
    rewrites: Callable[[PairChange], z3.BoolRef] = _rewrites


@dataclasses.dataclass(frozen=True)
class Semantics:
    """How membership, selection and deltas are defined.

    ``member(in_role_set, in_other_role, live)`` decides whether one
    amphora is in a set: whether its role is one the table puts in the
    set, whether it is one of the topology's other roles, and its status
    rule.
    ``bookkeeping(status)`` decides whether the row-level loops
    (deletion, failover bookkeeping) see an amphora without a role: the
    reference walks every amphora that is not DELETED, role or not.
    ``select(in_set, in_role_set, live, among)`` decides whether one
    amphora is selected: ``in_set`` is its set membership, ``in_role_set``
    whether its role belongs to the set, ``live`` its status rule and
    ``among`` whether it is in the subset.
    ``copies(kind, members)`` is how many times set ``kind`` lists one
    amphora, given its membership of every set.
    ``view(live, assigned, among)`` decides whether one amphora is in the
    live view (``LoadBalancer.select_live``) among a subset.
    ``plumbing`` is the table of which set each resource follows and
    ``plan`` the rules by which a plan touches pair resources.
    """

    live: Callable[[str], bool] = is_live
    seated: Callable[[str], bool] = is_seated
    bookkeeping: Callable[[str], bool] = is_live
    member: Member = _member
    select: Select = _select
    copies: Copies = _copies
    view: View = _live_view
    added: Change = _added
    removed: Change = _removed
    plumbing: Mapping[Resource, Follows] = dataclasses.field(
        default_factory=lambda: PLUMBING
    )
    plan: PlanRules = PlanRules()


REFERENCE = Semantics()
"""The reference model's definitions."""
