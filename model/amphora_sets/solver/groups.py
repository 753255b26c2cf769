"""Roles grouped by the sets they are in, for the counting encoding.

The counting obligations speak of set sizes and of cardinality rules.
Roles that are in the same sets add up to the same sizes, and their rules
add up too: seat counts that meet each role's rule exist if and only if
their sum lies between the sum of the minima and the sum of the maxima
(integers in ``[min_i, max_i]`` reach every sum in between).  So a group
of such roles is counted as one, and the encoding's size depends on how
many distinct set memberships there are (at most eight), not on how many
roles.  :meth:`Group.split` turns a group's counts back into amphorae of
its roles that meet each rule whenever the sum does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from amphora_sets.registry.topologies import RoleRow, Topology
from amphora_sets.registry.vocabulary import SetKind


@dataclasses.dataclass(frozen=True)
class Group:
    """Roles of one topology that are in exactly the same sets."""

    rows: tuple[RoleRow, ...]

    @property
    def key(self) -> str:
        """A name for the group: its first role, plus how many others."""
        first = self.rows[0].role
        return (
            first if len(self.rows) == 1 else f"{first}+{len(self.rows) - 1}"
        )

    @property
    def sets(self) -> frozenset[SetKind]:
        """The sets every role of the group is in."""
        return self.rows[0].sets

    @property
    def minimum(self) -> int:
        """The fewest seats the group's roles hold together."""
        return sum(row.cardinality.minimum for row in self.rows)

    @property
    def maximum(self) -> int | None:
        """The most seats they hold together (None: no bound)."""
        maxima = [row.cardinality.maximum for row in self.rows]
        return None if None in maxima else sum(m for m in maxima if m)

    @property
    def scalable(self) -> bool:
        """True if some role of the group may grow or shrink."""
        return any(row.cardinality.scalable for row in self.rows)

    def split(self, seats: int) -> list[int]:
        """Seats per role, in row order, summing to ``seats``: each role's
        rule is met whenever ``seats`` is within the group's bounds."""
        counts = [row.cardinality.minimum for row in self.rows]
        short = sum(counts) - seats
        for index in reversed(range(len(counts))):  # too few: take back
            taken = min(short, counts[index]) if short > 0 else 0
            counts[index] -= taken
            short -= taken
        spare = seats - sum(counts)
        for index, row in enumerate(self.rows):  # more: fill up to maxima
            if spare <= 0:
                break
            room = row.cardinality.maximum
            add = spare if room is None else min(spare, room - counts[index])
            counts[index] += add
            spare -= add
        counts[0] += spare  # beyond every maximum: the rules are broken
        return counts


def grouped(topology: Topology) -> Mapping[str, Group]:
    """The topology's roles grouped by their sets, by group key, in order
    of each group's first role."""
    groups: dict[frozenset[SetKind], list[RoleRow]] = {}
    for row in topology.rows:
        groups.setdefault(row.sets, []).append(row)
    return {g.key: g for g in (Group(tuple(rows)) for rows in groups.values())}


def by_role(topology: Topology) -> Mapping[str, Group]:
    """One group per role, keyed by the role's name."""
    return {row.role: Group((row,)) for row in topology.rows}
