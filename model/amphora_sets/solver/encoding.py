"""The Z3 vocabulary of one topology: roles, statuses and set membership.

Membership is pointwise: whether an amphora is in a set depends only on
its own role and status.  So a claim about one arbitrary amphora (free
role and status constants) holds for every amphora of every load balancer
of every size; this is how the ``INV``/``SEL``/``DELTA``/``BC`` obligations
are proved for all sizes without quantifiers.

With ``free_table`` the membership table itself is free: each (role, set)
cell is a Boolean constant, so a proof covers every table at once.  Two
roles (and no role) are enough for claims about at most two amphora
terms, whose roles are either equal or not.  This is how obligations
about the definitions alone are proved once per run.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

import z3

from amphora_sets.registry.statuses import AMPHORA_STATUSES, is_live
from amphora_sets.registry.topologies import Cardinality, RoleRow, Topology
from amphora_sets.registry.vocabulary import DELETED, SetKind
from amphora_sets.solver.semantics import Semantics

GENERIC = Topology(
    "(definitions)",
    tuple(
        RoleRow(r, frozenset(), Cardinality(0)) for r in ("ROLE_A", "ROLE_B")
    ),
    "Any membership table: its cells are free.",
)
"""The topology a free-table encoding uses: two roles whose set membership
is left to the solver."""

UNASSIGNED = "<none>"
"""Enum value for no role (None), or, on a DELETED row, a role outside the
topology: either way, a role of no set."""


@dataclasses.dataclass(frozen=True)
class AmphoraTerms:
    """Z3 terms for one amphora: its role and status."""

    role: z3.ExprRef
    status: z3.ExprRef


class Encoding:
    """One topology and one semantics, encoded in one Z3 context."""

    def __init__(
        self,
        topology: Topology,
        semantics: Semantics,
        ctx: z3.Context,
        free_table: bool = False,
    ) -> None:
        self.topology = topology
        self.free_table = free_table
        self.semantics = semantics
        self.ctx = ctx
        self.role_sort, role_values = z3.EnumSort(
            "Role", [*topology.roles, UNASSIGNED], ctx=ctx
        )
        self.status_sort, status_values = z3.EnumSort(
            "Status", list(AMPHORA_STATUSES), ctx=ctx
        )
        self._roles = dict(
            zip([*topology.roles, UNASSIGNED], role_values, strict=True)
        )
        self._names = itertools.count()  # per context: same names each run
        self._statuses = dict(
            zip(AMPHORA_STATUSES, status_values, strict=True)
        )
        self._cells = {
            (kind, role): z3.Bool(f"table[{role},{kind.value}]", ctx)
            for role in topology.roles
            for kind in SetKind
        }

    def table(self, model: z3.ModelRef) -> Topology:
        """The membership table ``model`` gives (the topology itself unless
        the table is free)."""
        if not self.free_table:
            return self.topology
        rows = tuple(
            dataclasses.replace(
                row,
                sets=frozenset(
                    kind
                    for kind in SetKind
                    if z3.is_true(
                        model.eval(
                            self._cells[(kind, row.role)],
                            model_completion=True,
                        )
                    )
                ),
            )
            for row in self.topology.rows
        )
        return Topology("ANY_TABLE", rows, "A table the solver chose.")

    def role(self, name: str) -> z3.ExprRef:
        """The enum value of role ``name``."""
        return self._roles[name]

    def status(self, name: str) -> z3.ExprRef:
        """The enum value of status ``name``."""
        return self._statuses[name]

    def role_name(self, value: z3.ExprRef) -> str | None:
        """The role name of an enum value, None for :data:`UNASSIGNED`."""
        name = str(value)
        return None if name == UNASSIGNED else name

    def fresh_name(self, name: str) -> str:
        """``name`` made unique within this encoding, the same every run."""
        return f"{name}!{next(self._names)}"

    def bool(self, name: str) -> z3.BoolRef:
        """A fresh Boolean constant."""
        return z3.Bool(self.fresh_name(name), self.ctx)

    def amphora(self, name: str) -> AmphoraTerms:
        """Fresh role and status constants for an arbitrary amphora."""
        name = self.fresh_name(name)
        return AmphoraTerms(
            z3.Const(f"{name}.role", self.role_sort),
            z3.Const(f"{name}.status", self.status_sort),
        )

    def true(self) -> z3.BoolRef:
        """True in this context."""
        return z3.BoolVal(True, self.ctx)

    def one_of(self, term: z3.ExprRef, values: list[z3.ExprRef]) -> z3.BoolRef:
        """``term`` equals one of ``values`` (False if there are none)."""
        return z3.Or([term == value for value in values] or [False], self.ctx)

    def live(self, amphora: AmphoraTerms) -> z3.BoolRef:
        """The status rule's 'live', as the semantics defines it."""
        return self._status_in(amphora, self.semantics.live)

    def live_by_registry(self, amphora: AmphoraTerms) -> z3.BoolRef:
        """The registry's status rule, whatever the semantics says."""
        return self._status_in(amphora, is_live)

    def _status_in(
        self, amphora: AmphoraTerms, rule: Callable[[str], bool]
    ) -> z3.BoolRef:
        return self.one_of(
            amphora.status, [v for s, v in self._statuses.items() if rule(s)]
        )

    def deleted(self, amphora: AmphoraTerms) -> z3.BoolRef:
        """The amphora's status is DELETED."""
        return amphora.status == self.status(DELETED)

    def _role_where(
        self, kind: SetKind, role: z3.ExprRef, member: bool
    ) -> z3.BoolRef:
        """``role`` is a role of the topology whose cell for ``kind`` is
        ``member``."""
        terms = []
        for row in sorted(self.topology.rows, key=lambda row: row.role):
            is_role = role == self.role(row.role)
            if self.free_table:
                cell = self._cells[(kind, row.role)]
                terms.append(z3.And(is_role, cell if member else z3.Not(cell)))
            elif row.member_of(kind) == member:
                terms.append(is_role)
        return z3.Or(terms or [False], self.ctx)

    def in_role_set(self, kind: SetKind, role: z3.ExprRef) -> z3.BoolRef:
        """``role`` is one of the roles the table puts in set ``kind``."""
        return self._role_where(kind, role, True)

    def in_set(self, kind: SetKind, amphora: AmphoraTerms) -> z3.BoolRef:
        """The amphora belongs to set ``kind``."""
        return self.semantics.member(
            self.in_role_set(kind, amphora.role),
            self._role_where(kind, amphora.role, False),
            self.live(amphora),
        )

    def copies(self, kind: SetKind, amphora: AmphoraTerms) -> z3.ArithRef:
        """How many times set ``kind`` lists the amphora."""
        return self.semantics.copies(
            kind, {k: self.in_set(k, amphora) for k in SetKind}
        )

    def selected(
        self, kind: SetKind, amphora: AmphoraTerms, among: z3.BoolRef
    ) -> z3.BoolRef:
        """The amphora is selected from set ``kind`` among a subset."""
        return self.semantics.select(
            self.in_set(kind, amphora),
            self.in_role_set(kind, amphora.role),
            self.live(amphora),
            among,
        )

    def in_live_view(
        self, amphora: AmphoraTerms, among: z3.BoolRef
    ) -> z3.BoolRef:
        """The amphora is in the live view among a subset."""
        return self.semantics.view(
            self.live(amphora), self.assigned(amphora), among
        )

    def assigned(self, amphora: AmphoraTerms) -> z3.BoolRef:
        """The amphora holds a role of the topology."""
        return amphora.role != self.role(UNASSIGNED)
