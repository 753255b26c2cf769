"""Invariant checks on one load balancer's sets, named by obligation ID.

An implementation's tests hand over a load balancer (an Octavia object,
its dict form or a :class:`~amphora_sets.LoadBalancer`) and the three
sets their code computed for it; :func:`reference_sets` gives the
reference model's own.  Every violation names its obligation ID, the same
ID the proofs use, and the amphora at fault with its real role.  Each
check is linear in the number of amphorae.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from amphora_sets.adapter import load_balancer_from
from amphora_sets.census import Census, census
from amphora_sets.registry.call_sites import (
    NOT_DELETED,
    TODAY_RUNS,
    CallSiteClass,
)
from amphora_sets.registry.obligations import applicable
from amphora_sets.registry.topologies import Registry, Topology
from amphora_sets.registry.vocabulary import DELETED, SetKind
from amphora_sets.testing.members import duplicates, given_ids
from amphora_sets.testing.report import (
    InvariantViolation,
    Violation,
    summary,
    who,
)
from amphora_sets.values import Amphora, LoadBalancer

FRONT, BACK, VRRP = _KINDS = tuple(SetKind)


@dataclasses.dataclass(frozen=True)
class _Sets:
    """The implementation's sets beside the reference's, as id sets.

    Each check first asks set algebra for its suspects, then words a
    message for those alone: linear in the number of amphorae.
    """

    lb: LoadBalancer
    census: Census
    listed: tuple[list[str], ...]
    """The given sets' ids as listed, in :class:`SetKind` order."""
    given: tuple[frozenset[str], ...]
    """The given sets, in :class:`SetKind` order."""

    @property
    def front(self) -> frozenset[str]:
        return self.given[0]

    @property
    def back(self) -> frozenset[str]:
        return self.given[1]

    @property
    def vrrp(self) -> frozenset[str]:
        return self.given[2]

    def has(self, kind: SetKind, amphora_id: str) -> bool:
        return amphora_id in self.given[_KINDS.index(kind)]

    @functools.cached_property
    def by_id(self) -> dict[str, Amphora]:
        return {a.id: a for a in self.lb.amphorae}

    @functools.cached_property
    def position(self) -> dict[str, int]:
        return {a.id: n for n, a in enumerate(self.lb.amphorae)}

    @property
    def expected(self) -> tuple[frozenset[str], ...]:
        """The reference model's sets, in :class:`SetKind` order."""
        return (self.census.front, self.census.back, self.census.vrrp)

    @functools.cached_property
    def union(self) -> frozenset[str]:
        return self.front | self.back | self.vrrp

    def seated_in(self, kind: SetKind) -> int:
        given = self.given[_KINDS.index(kind)]
        if self.census.seated is self.census.every:  # every one is seated
            return len(given)
        return len(given & self.census.seated)


Check = Callable[[_Sets], list[Violation]]
Suspects = Callable[[_Sets], frozenset[str]]


@dataclasses.dataclass(frozen=True)
class _EachAmphora:
    """A check that, unless ``holds`` (a cheap test that builds no large
    set) says the obligation holds, asks ``broken`` about each of its
    ``suspects``, in amphora order.  ``broken`` words the message.  Where
    the suspects are exactly the amphorae at fault it only words it; where
    they are more (BC-*, INV-SETS-FOLLOW-TABLE), it returns None for an
    amphora that keeps the obligation.

    The checks are values, and their parts module-level functions (bound
    with :func:`functools.partial` where a part takes a set kind), not
    closures made at import: a mutation test then reaches their code.
    """

    obligation_id: str
    broken: Callable[[_Sets, Amphora], str | None]
    holds: Callable[[_Sets], bool]
    suspects: Suspects

    def __call__(self, sets: _Sets) -> list[Violation]:
        if self.holds(sets):  # the common case: nothing to look into
            return []
        found = []
        for amphora_id in sorted(self.suspects(sets), key=sets.position.get):
            message = self.broken(sets, sets.by_id[amphora_id])
            if message:
                found.append(
                    Violation(self.obligation_id, message, amphora_id)
                )
        return found


# The messages of the checks whose suspects are exactly the amphorae at
# fault (the set algebra in CHECKS): each only words what is wrong.


def _outside(
    inner: SetKind, outer: SetKind, sets: _Sets, amphora: Amphora
) -> str:
    return f"is {inner.title} but not {outer.title} ({who(amphora)})"


def _front_is_union(sets: _Sets, amphora: Amphora) -> str:
    return (
        "is front-facing but neither back-facing nor VRRP-running "
        f"({who(amphora)})"
    )


def _follows_table(sets: _Sets, amphora: Amphora) -> str | None:
    for kind in SetKind:
        # The reference model's own selector is the table's meaning.
        expected = amphora.id in sets.census.of(kind)
        if sets.has(kind, amphora.id) != expected:
            return (
                f"is {'not ' if expected else ''}in the {kind.title} set, "
                f"but the table puts it ({who(amphora)}) "
                f"{'in' if expected else 'outside'} it"
            )
    return None


def _in_no_set(sets: _Sets, amphora: Amphora) -> str:
    return f"is live ({who(amphora)}) but in no set"


def _sets_holding(sets: _Sets, amphora: Amphora) -> str:
    """The titles of the given sets that hold ``amphora``."""
    return ", ".join(k.title for k in SetKind if sets.has(k, amphora.id))


def _unassigned_in_a_set(sets: _Sets, amphora: Amphora) -> str:
    return f"holds no role yet but is {_sets_holding(sets, amphora)}"


def _deleted_in_a_set(sets: _Sets, amphora: Amphora) -> str:
    return f"is DELETED ({who(amphora)}) but {_sets_holding(sets, amphora)}"


def _all_equal(sets: _Sets, amphora: Amphora) -> str:
    missing = ", ".join(
        k.title for k in SetKind if not sets.has(k, amphora.id)
    )
    return f"({who(amphora)}) is missing from the {missing} set"


def _not_vrrp(sets: _Sets, amphora: Amphora) -> str:
    return f"runs VRRP ({who(amphora)})"


def _front_iff_back(sets: _Sets, amphora: Amphora) -> str:
    return (
        "is in only one of the front-facing and back-facing sets "
        f"({who(amphora)})"
    )


def _vrrp_not_back(sets: _Sets, amphora: Amphora) -> str:
    return f"is VRRP-running and back-facing ({who(amphora)})"


def _unlike_today(kind: SetKind, sets: _Sets, amphora: Amphora) -> str | None:
    """``BC-<KIND>-NOT-DELETED`` on the given set: only amphorae today's
    ``status != DELETED`` loops of that set meet, and every one of them
    that holds a role (a role-less one is the live view's)."""
    today = (
        sets.lb.table.legacy in TODAY_RUNS[kind.name]
        and amphora.status != DELETED
    )
    listed = sets.has(kind, amphora.id)
    if listed and not today:
        return (
            f"is in the {kind.title} set, which today's "
            f"'status != DELETED' loops never meet ({who(amphora)})"
        )
    if today and amphora.assigned and not listed:
        return (
            f"is not in the {kind.title} set, though today's "
            f"'status != DELETED' loops meet it ({who(amphora)})"
        )
    return None


_BC = {kind: CallSiteClass(kind.name, NOT_DELETED) for kind in SetKind}


def _today(sets: _Sets, kind: SetKind) -> frozenset[str]:
    """What today's ``status != DELETED`` loops of ``kind`` meet."""
    return (
        sets.census.live
        if sets.lb.table.legacy in TODAY_RUNS[kind.name]
        else frozenset()
    )


def _uncovered(sets: _Sets) -> frozenset[str]:
    """Live amphorae with a role that are in no given set.  The first
    difference is small whenever the front set is nearly right."""
    census = sets.census
    return census.live - sets.front - census.unassigned - sets.back - sets.vrrp


def _is_today(kind: SetKind, sets: _Sets) -> bool:
    return sets.given[_KINDS.index(kind)] == _today(sets, kind)


def _off_today(kind: SetKind, sets: _Sets) -> frozenset[str]:
    return sets.given[_KINDS.index(kind)] ^ _today(sets, kind)


def _no_duplicates(sets: _Sets) -> list[Violation]:
    return [
        violation
        for n, kind in enumerate(_KINDS)
        if len(sets.listed[n]) != len(sets.given[n])
        for violation in duplicates(kind.value, sets.listed[n])
    ]


def _seated_at_least(
    obligation_id: str, kind: SetKind, sets: _Sets
) -> list[Violation]:
    if sets.census.settled and sets.seated_in(kind) < 1:
        return [
            Violation(
                obligation_id,
                f"meets its cardinality rules but has no seated "
                f"{kind.title} amphora",
            )
        ]
    return []


def _vrrp_peered(sets: _Sets) -> list[Violation]:
    if sets.census.settled and sets.seated_in(VRRP) == 1:
        return [
            Violation(
                "INV-VRRP-PEERED",
                "meets its cardinality rules but has a lone seated VRRP "
                "amphora",
            )
        ]
    return []


CHECKS: Mapping[str, Check] = MappingProxyType(
    {
        "INV-SETS-FOLLOW-TABLE": _EachAmphora(
            "INV-SETS-FOLLOW-TABLE",
            _follows_table,
            lambda s: s.given == s.expected,
            lambda s: frozenset().union(
                *(g ^ e for g, e in zip(s.given, s.expected, strict=True))
            ),
        ),
        "INV-BACK-IN-FRONT": _EachAmphora(
            "INV-BACK-IN-FRONT",
            functools.partial(_outside, BACK, FRONT),
            lambda s: s.back <= s.front,
            lambda s: s.back - s.front,
        ),
        "INV-VRRP-IN-FRONT": _EachAmphora(
            "INV-VRRP-IN-FRONT",
            functools.partial(_outside, VRRP, FRONT),
            lambda s: s.vrrp <= s.front,
            lambda s: s.vrrp - s.front,
        ),
        "INV-FRONT-IS-UNION": _EachAmphora(
            "INV-FRONT-IS-UNION",
            _front_is_union,
            lambda s: s.front - s.back <= s.vrrp,
            lambda s: s.front - s.back - s.vrrp,
        ),
        "INV-LIVE-COVERED": _EachAmphora(
            "INV-LIVE-COVERED",
            _in_no_set,
            lambda s: not _uncovered(s),
            _uncovered,
        ),
        "INV-DELETED-EXCLUDED": _EachAmphora(
            "INV-DELETED-EXCLUDED",
            _deleted_in_a_set,
            # Given sets hold only the load balancer's own amphorae: if
            # every one is live, none of them can be DELETED.
            lambda s: (
                s.census.live is s.census.every
                or all(given <= s.census.live for given in s.given)
            ),
            lambda s: s.union - s.census.live,
        ),
        "INV-UNASSIGNED-EXCLUDED": _EachAmphora(
            "INV-UNASSIGNED-EXCLUDED",
            _unassigned_in_a_set,
            lambda s: all(map(s.census.unassigned.isdisjoint, s.given)),
            lambda s: s.union & s.census.unassigned,
        ),
        "INV-NO-DUPLICATES": _no_duplicates,
        "INV-AS-EQUAL": _EachAmphora(
            "INV-AS-EQUAL",
            _all_equal,
            lambda s: s.front == s.back == s.vrrp,
            lambda s: s.union - (s.front & s.back & s.vrrp),
        ),
        "INV-SINGLE-NO-VRRP": _EachAmphora(
            "INV-SINGLE-NO-VRRP",
            _not_vrrp,
            lambda s: not s.vrrp,
            lambda s: s.vrrp,
        ),
        "INV-SINGLE-FRONT-IS-BACK": _EachAmphora(
            "INV-SINGLE-FRONT-IS-BACK",
            _front_iff_back,
            lambda s: s.front == s.back,
            lambda s: s.front ^ s.back,
        ),
        "INV-AA-DISTRIBUTORS-FRONT-ONLY": _EachAmphora(
            "INV-AA-DISTRIBUTORS-FRONT-ONLY",
            _vrrp_not_back,
            lambda s: s.vrrp.isdisjoint(s.back),
            lambda s: s.vrrp & s.back,
        ),
        "INV-FRONT-NONEMPTY": functools.partial(
            _seated_at_least, "INV-FRONT-NONEMPTY", FRONT
        ),
        "INV-BACK-NONEMPTY": functools.partial(
            _seated_at_least, "INV-BACK-NONEMPTY", BACK
        ),
        "INV-VRRP-PEERED": _vrrp_peered,
        **{
            _BC[k].obligation_id: _EachAmphora(
                _BC[k].obligation_id,
                functools.partial(_unlike_today, k),
                functools.partial(_is_today, k),
                functools.partial(_off_today, k),
            )
            for k in SetKind
        },
    }
)
"""Obligation ID -> its check on one load balancer's sets.

Obligations about subsets and pairs of load balancers are checked by
:func:`~amphora_sets.testing.selection_violations` and
:func:`~amphora_sets.testing.delta_violations`; the OP- obligations by
:func:`~amphora_sets.testing.run_conformance` and the proofs.
"""


def reference_sets(
    load_balancer: Any, registry: Registry | None = None
) -> dict[str, tuple[Amphora, ...]]:
    """The reference model's three sets, as :func:`violations` takes them.

    ``violations(lb, **reference_sets(lb))`` checks the model itself.
    """
    lb = load_balancer_from(load_balancer, registry)
    return {kind.value: lb.select(kind) for kind in SetKind}


def violations(
    load_balancer: Any,
    *,
    front: Iterable[Any],
    back: Iterable[Any],
    vrrp: Iterable[Any],
    registry: Registry | None = None,
) -> list[Violation]:
    """Every violation of the load balancer's applicable invariants.

    ``front``, ``back`` and ``vrrp`` are the sets an implementation
    computed (amphorae, dicts or ids); all three are required.  An id the
    load balancer does not have is bad input.  ``registry`` is as for
    :func:`~amphora_sets.load_balancer_from`.
    """
    return _check(load_balancer, front, back, vrrp, registry)[1]


def assert_invariants(
    load_balancer: Any,
    *,
    front: Iterable[Any],
    back: Iterable[Any],
    vrrp: Iterable[Any],
    registry: Registry | None = None,
) -> None:
    """Raise :class:`InvariantViolation` if :func:`violations` finds any."""
    lb, found = _check(load_balancer, front, back, vrrp, registry)
    if found:
        raise InvariantViolation(f"load balancer {summary(lb)}", found)


def _check(
    load_balancer: Any,
    front: Iterable[Any],
    back: Iterable[Any],
    vrrp: Iterable[Any],
    registry: Registry | None,
) -> tuple[LoadBalancer, list[Violation]]:
    lb = load_balancer_from(load_balancer, registry)
    counted = census(lb)
    read = [
        given_ids(field, members, counted.every, lb.id)
        for field, members in (
            ("front", front),
            ("back", back),
            ("vrrp", vrrp),
        )
    ]
    listed = tuple(ids for ids, _ in read)
    given = tuple(unique for _, unique in read)
    sets = _Sets(lb, counted, listed, given)
    return lb, [
        violation
        for check in _checks_for(lb.table)
        for violation in check(sets)
    ]


@functools.lru_cache(maxsize=64)
def _checks_for(topology: Topology) -> tuple[Check, ...]:
    """The checks of the obligations that apply to ``topology``, in
    catalogue order (asked once per topology, not once per call)."""
    return tuple(CHECKS[o.id] for o in applicable(topology) if o.id in CHECKS)
