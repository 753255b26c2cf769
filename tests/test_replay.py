"""Every REFUTED counterexample, of every family, replayed in Python.

For a wrong table (reference definitions), the counterexample's values
are handed to the Python model and the refuted claim, restated here in
Python, must fail on them.  For wrong definitions, the Python model is
right by construction: there the values must be a load balancer (or
pair) on which the wrong definitions, evaluated concretely, and the
Python model disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import pytest
import z3

from amphora_sets import LoadBalancer, amphora_delta
from amphora_sets.cardinality import meets_cardinality, seats
from amphora_sets.plumbing import Wiring, plan, plumbing_of
from amphora_sets.registry import SetKind, is_live, is_seated
from amphora_sets.registry import call_sites as cs
from amphora_sets.solver import REFERENCE, Verdict, evaluate
from corpus import CORPUS, WrongModel, results_of
from test_call_sites import _holds as call_site_holds
from test_plumbing import todays_facts

F, B, V = SetKind.FRONT, SetKind.BACK, SetKind.VRRP
Values = Mapping[str, object]


def _ids(lb: LoadBalancer, kind: SetKind, among=None) -> set[str]:
    return {a.id for a in lb.select(kind, among=among)}


def _sizes(lb: LoadBalancer) -> dict[SetKind, int]:
    return {k: len(lb.select(k)) for k in SetKind}


def _seated_sizes(lb: LoadBalancer) -> dict[SetKind, int]:
    return {k: sum(is_seated(a.status) for a in lb.select(k)) for k in SetKind}


def _settled(lb: LoadBalancer) -> bool:
    return meets_cardinality(lb) and not any(
        a.role and a.status == "PENDING_DELETE" for a in lb.amphorae
    )


def _role_moves(lb: LoadBalancer, by: int) -> list[dict[SetKind, int]]:
    """For each role, set sizes changed by ``by`` on that role's sets."""
    return [
        {k: by if k in row.sets else 0 for k in SetKind}
        for row in lb.table.rows
    ]


def _diff(before: LoadBalancer, after: LoadBalancer) -> dict[SetKind, int]:
    old, new = _sizes(before), _sizes(after)
    return {k: new[k] - old[k] for k in SetKind}


def _pointwise(claim: Callable[[dict[SetKind, set[str]]], bool]):
    def holds(v: Values) -> bool:
        lb = v["lb"]
        return claim({k: _ids(lb, k) for k in SetKind})

    return holds


def _call_site(cls: cs.CallSiteClass) -> Callable[[Values], bool]:
    def holds(v: Values) -> bool:
        try:
            call_site_holds(v["lb"], cls.set, cls.filter)
        except AssertionError:
            return False
        return True

    return holds


WIRING = {"member_networks": ("net",), "listener_ports": (80,)}


def _wiring(v: Values) -> Wiring:
    return Wiring(**WIRING, peer_groups=v.get("peer_groups") or {})


def _bc_plumbing(v: Values) -> bool:
    """Today's plumbing, restated from the legacy table as
    ``test_plumbing.test_bc_plumbing`` does, for the load balancers the
    claim speaks of."""
    lb, wiring = v["lb"], _wiring(v)
    single = {r.role for r in lb.table.rows if r.cardinality.maximum == 1}
    seated = [
        a.role
        for a in lb.amphorae
        if a.role in single and a.status not in ("PENDING_DELETE", "DELETED")
    ]
    if len(seated) != len(set(seated)) or wiring.peer_groups:
        return True  # outside the claim
    return plumbing_of(lb, wiring).facts == todays_facts(lb, wiring)


def _plan_local(v: Values) -> bool:
    vrrp = {a.id for lb in (v["old"], v["new"]) for a in lb.select(V)}
    touched = {o.amphora_id for o in plan(v["old"], v["new"], _wiring(v))}
    return not touched & vrrp


def _among(v: Values) -> bool:
    lb, among = v["lb"], v["among"]
    front, back, vrrp = (_ids(lb, k, among) for k in SetKind)
    return back <= front and vrrp <= front and front <= back | vrrp


def _scaled(v: Values) -> bool:
    old, new = v["old"], v["new"]
    changes = {k: amphora_delta(old, new, k) for k in SetKind}
    [amphora] = {a.id: a for a in (*old.amphorae, *new.amphorae)}.values()
    joined = {a.id for a in new.amphorae} - {a.id for a in old.amphorae}
    for k, change in changes.items():
        added = {a.id for a in change.added}
        removed = {a.id for a in change.removed}
        role_in = amphora.role in new.table.roles_in(k)
        if joined:
            expect_added, expect_removed = (
                (joined if role_in else set()),
                set(),
            )
        else:
            gone = not new.amphorae or new.amphorae[0].status == "DELETED"
            left = {amphora.id} if role_in and gone else set()
            old_role = old.amphorae[0].role if old.amphorae else None
            left = left if old_role in old.table.roles_in(k) else set()
            expect_added, expect_removed = set(), left
        if (added, removed) != (expect_added, expect_removed):
            return False
    return True


CLAIMS: dict[str, Callable[[Values], bool]] = {
    "INV-BACK-IN-FRONT": _pointwise(lambda s: s[B] <= s[F]),
    "INV-VRRP-IN-FRONT": _pointwise(lambda s: s[V] <= s[F]),
    "INV-FRONT-IS-UNION": _pointwise(lambda s: s[F] <= s[B] | s[V]),
    "INV-AS-EQUAL": _pointwise(lambda s: s[F] == s[B] == s[V]),
    "INV-SINGLE-NO-VRRP": _pointwise(lambda s: not s[V]),
    "INV-SINGLE-FRONT-IS-BACK": _pointwise(lambda s: s[F] == s[B]),
    "INV-AA-DISTRIBUTORS-FRONT-ONLY": _pointwise(lambda s: not s[V] & s[B]),
    "INV-LIVE-COVERED": lambda v: all(
        any(a.id in _ids(v["lb"], k) for k in SetKind)
        for a in v["lb"].amphorae
        if a.role and a.status != "DELETED"
    ),
    "INV-FRONT-NONEMPTY": lambda v: (
        not meets_cardinality(v["lb"]) or _seated_sizes(v["lb"])[F] >= 1
    ),
    "INV-BACK-NONEMPTY": lambda v: (
        not meets_cardinality(v["lb"]) or _seated_sizes(v["lb"])[B] >= 1
    ),
    "INV-VRRP-PEERED": lambda v: (
        not meets_cardinality(v["lb"]) or _seated_sizes(v["lb"])[V] != 1
    ),
    "SEL-INVARIANTS-IN-SUBSET": _among,
    "BC-PLUMBING": _bc_plumbing,
    "PLAN-LOCAL": _plan_local,
    **{cls.obligation_id: _call_site(cls) for cls in cs.CALL_SITE_CLASSES},
    "DELTA-SCALE-KEEPS-VRRP": lambda v: (
        not (
            amphora_delta(v["old"], v["new"], V).added
            or amphora_delta(v["old"], v["new"], V).removed
        )
    ),
    "DELTA-SCALE-TOUCHES-ONLY-CHANGED": _scaled,
    "OP-CREATE": lambda v: _settled(v["created"]),
    "OP-FAILOVER-WINDOW": lambda v: (
        meets_cardinality(v["window"])
        and _diff(v["before"], v["window"]) in _role_moves(v["before"], +1)
    ),
    "OP-FAILOVER-DONE": lambda v: (
        _settled(v["after"])
        and _diff(v["before"], v["after"]) in _role_moves(v["before"], 0)
    ),
    "OP-SCALE-OUT": lambda v: (
        _settled(v["after"])
        and _diff(v["before"], v["after"]) in _role_moves(v["before"], +1)
    ),
    "OP-SCALE-IN": lambda v: (
        meets_cardinality(v["leaving"])
        and _diff(v["before"], v["leaving"]) in _role_moves(v["before"], 0)
        and _settled(v["gone"])
        and _diff(v["before"], v["gone"]) in _role_moves(v["before"], -1)
    ),
    "OP-DELETE": lambda v: not any(_sizes(v["after"]).values()),
    "OP-LB-FAILOVER-KEEPS-SETS": lambda v: (
        _sizes(v["after"]) == _sizes(v["before"])
    ),
    "OP-LB-FAILOVER-MIDWAY": lambda v: (
        _seated_sizes(v["window"]) == _sizes(v["before"])
        and _diff(v["before"], v["window"]) in _role_moves(v["before"], +1)
    ),
    "OP-LB-FAILOVER-DONE": lambda v: (
        _settled(v["after"])
        and _sizes(v["after"]) == _sizes(v["before"])
        and all(a.role for a in v["after"].amphorae if a.status != "DELETED")
    ),
}
"""Each table-sensitive claim, restated over the Python model."""


def _disagrees(values: Values, entry: WrongModel) -> bool:
    """The wrong definitions and the Python model differ on ``values``."""
    semantics = entry.semantics
    lbs = [v for v in values.values() if isinstance(v, LoadBalancer)]
    for lb in lbs:
        enc = evaluate._encoding(lb, semantics)
        live_view = {a.id for a in lb.select_live()}
        for a in lb.amphorae:
            seen = enc.in_live_view(evaluate._terms(enc, a), enc.true())
            if z3.is_true(z3.simplify(seen)) != (a.id in live_view):
                return True
            # the row-level loops of the model walk every live amphora
            if a.role is None and semantics.bookkeeping(a.status) != is_live(
                a.status
            ):
                return True
            members = {k: a.id in _ids(lb, k) for k in SetKind}
            for kind in SetKind:
                copies = semantics.copies(
                    kind, {k: z3.BoolVal(m) for k, m in members.items()}
                )
                if z3.simplify(copies).as_long() != int(members[kind]):
                    return True
        for kind in SetKind:
            if evaluate.selection(lb, kind, semantics=semantics) != _ids(
                lb, kind
            ):
                return True
        for among_name in ("among", "first", "second", "smaller", "larger"):
            among = values.get(among_name)
            if among is None:
                continue
            for kind in SetKind:
                got = evaluate.selection(lb, kind, among, semantics)
                if got != _ids(lb, kind, among):
                    return True
        measured = evaluate.measures(lb, semantics)
        if measured.sizes != _sizes(lb) or measured.settled != _settled(lb):
            return True
        if measured.meets_cardinality != meets_cardinality(lb):
            return True
        if measured.seats != {r: seats(lb, r) for r in lb.table.roles}:
            return True
    if {"old", "new"} <= set(values):
        old, new = values["old"], values["new"]
        for kind in SetKind:
            change = amphora_delta(old, new, kind)
            expected = (
                frozenset(a.id for a in change.added),
                frozenset(a.id for a in change.removed),
            )
            if evaluate.delta(old, new, kind, semantics) != expected:
                return True
    return False


def _refutations() -> list[tuple[WrongModel, object]]:
    return [
        (entry, result)
        for entry in CORPUS
        for result in results_of(entry)
        if result.verdict is Verdict.REFUTED
    ]


REFUTATIONS = _refutations()


PLUMBING_RULES = ("plumbing", "plan")
"""Semantics fields the Python model has no second version of: a wrong
plumbing table or wrong plan rules change what ``plumbing_of`` and
``plan`` themselves compute, so their counterexamples cannot be replayed
against them."""


def _wrong_plumbing_rules_only(entry: WrongModel) -> bool:
    changed = {
        f.name
        for f in dataclasses.fields(REFERENCE)
        if getattr(entry.semantics, f.name) is not getattr(REFERENCE, f.name)
    }
    return bool(changed) and changed <= set(PLUMBING_RULES)


@pytest.mark.parametrize(
    ("entry", "result"),
    REFUTATIONS,
    ids=[f"{e.name}: {r.obligation.id}" for e, r in REFUTATIONS],
)
def test_counterexample_replays_against_the_python_model(entry, result):
    values = result.values
    assert values, "a REFUTED verdict always carries its counterexample"
    if _wrong_plumbing_rules_only(entry):
        pytest.skip("wrong plumbing rules: no second plumbing_of to replay")
    if entry.semantics is REFERENCE:
        claim = CLAIMS[result.obligation.id]
        assert not claim(values), result.counterexample
    else:
        assert _disagrees(values, entry), result.counterexample


def test_replays_cover_every_family() -> None:
    families = {r.obligation.family.name for _, r in REFUTATIONS}
    assert families >= {"INV", "SEL", "DELTA", "BC", "OP", "PLAN"}
    table_refuted = {
        r.obligation.id for e, r in REFUTATIONS if e.semantics is REFERENCE
    }
    assert table_refuted <= set(CLAIMS)
