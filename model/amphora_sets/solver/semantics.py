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


REFERENCE = Semantics()
"""The reference model's definitions."""
