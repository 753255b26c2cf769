"""How run_conformance drives an implementation: what it asks, and when.

Every state of every lifecycle is asked for its three sets and one
selection of each; every state after the first also for a delta of each
set.  The implementations are built inside each test, so each test runs
the code it names.
"""

from __future__ import annotations

import collections
import itertools
import re
import unittest
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

import amphora_sets.lifecycle as lifecycle
from amphora_sets import (
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    amphora_delta,
)
from amphora_sets.registry.topologies import BUILTIN_REGISTRY
from amphora_sets.testing import (
    ConformanceFailure,
    OctaviaStyle,
    run_conformance,
)


def _delta(old: LoadBalancer, new: LoadBalancer, kind: str, among: Any):
    return amphora_delta(old, new, kind, among)


class _Recording:
    """The reference model, counting the questions each state is asked."""

    def __init__(self, build=lambda lb: lb) -> None:
        self.inner = OctaviaStyle(build, _delta)
        self.asked: collections.Counter = collections.Counter()
        self.built: list[LoadBalancer] = []

    def build(self, lb: LoadBalancer) -> Any:
        self.built.append(lb)
        return self.inner.build(lb)

    def members(self, built: Any, kind: SetKind) -> Any:
        self.asked["members", kind] += 1
        return self.inner.members(built, kind)

    def select(self, built: Any, kind: SetKind, among: Any) -> Any:
        self.asked["select", kind] += 1
        return self.inner.select(built, kind, among)

    def delta(self, old: Any, new: Any, kind: SetKind, among: Any) -> Any:
        self.asked["delta", kind] += 1
        return self.inner.delta(old, new, kind, among)


def _run(implementation: Any, **options: Any) -> None:
    """run_conformance, which checks: it never skips the calling test."""
    try:
        run_conformance(implementation, **options)
    except unittest.SkipTest as skipped:
        pytest.fail(f"run_conformance skipped the test: {skipped}")


def _creates(built: list[LoadBalancer]) -> int:
    """How many of ``built`` are a freshly created load balancer."""
    fresh = [
        lifecycle.create("lb-1", name, _numbered(), BUILTIN_REGISTRY).lb
        for name in BUILTIN_REGISTRY.names
    ]
    return sum(lb in fresh for lb in built)


def _numbered() -> Iterator[str]:
    return (f"amp-{n}" for n in itertools.count(1))


@pytest.mark.parametrize("examples", [3, 7])
def test_every_state_is_asked_for_sets_selections_and_deltas(examples):
    recording = _Recording()
    _run(recording, max_examples=examples, steps=4)
    states = len(recording.built)
    creates = _creates(recording.built)
    # Hypothesis may start a few lifecycles it does not count.
    assert examples <= creates <= 3 * examples
    for kind in SetKind:
        assert recording.asked["members", kind] == states
        assert recording.asked["select", kind] == states
        # The first state of each lifecycle has no delta.
        assert recording.asked["delta", kind] == states - creates


def test_a_lifecycle_runs_at_most_the_given_number_of_operations() -> None:
    recording = _Recording()
    _run(recording, max_examples=5, steps=1)
    # A create, then one operation of at most three states (failover).
    assert len(recording.built) <= 5 * (1 + 3)


def test_amphorae_are_numbered_in_order_of_creation() -> None:
    recording = _Recording()
    _run(recording, max_examples=5, steps=4)
    numbers = set()
    for lb in recording.built:
        for amphora in lb.amphorae:
            found = re.fullmatch(r"amp-([1-9][0-9]*)", amphora.id)
            assert found, amphora.id
            numbers.add(int(found.group(1)))
    assert numbers == set(range(1, max(numbers) + 1))


def test_topologies_may_be_given_as_values() -> None:
    recording = _Recording()
    single = BUILTIN_REGISTRY.get("SINGLE")
    _run(recording, topologies=[single], max_examples=3, steps=2)
    assert {lb.topology for lb in recording.built} == {"SINGLE"}


def test_no_topology_is_bad_input() -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        run_conformance(_Recording(), topologies=[])
    assert raised.value.field == "topologies"
    assert raised.value.problem == "must name at least one"


def _no_vrrp_for_pairs(lb: LoadBalancer) -> LoadBalancer:
    """Active-Standby without its VRRP set: broken from create on."""
    if lb.topology != "ACTIVE_STANDBY":
        return lb
    return LoadBalancer(
        lb.id,
        lb.topology,
        tuple(Amphora(a.id, a.role, "DELETED") for a in lb.amphorae),
        lb.registry,
    )


def test_a_failure_names_the_step_it_follows() -> None:
    implementation = OctaviaStyle(_no_vrrp_for_pairs, _delta)
    with pytest.raises(ConformanceFailure) as raised:
        run_conformance(
            implementation, topologies=["ACTIVE_STANDBY"], max_examples=5
        )
    assert str(raised.value).startswith("after create of 'lb-1' breaks:\n")
    assert raised.value.violations


class _SingleRaises:
    """Fails two ways: raises for SINGLE, wrong sets for ACTIVE_STANDBY."""

    def __init__(self, lb: LoadBalancer) -> None:
        self.lb = _no_vrrp_for_pairs(lb)

    def __getattr__(self, name: str) -> Any:
        if self.lb.topology == "SINGLE":
            raise KeyError(name)
        return getattr(self.lb, name)


def test_only_one_failure_is_reported() -> None:
    implementation = OctaviaStyle(_SingleRaises, _delta)
    with pytest.raises((ConformanceFailure, AmphoraSetsError)):
        run_conformance(
            implementation,
            topologies=["SINGLE", "ACTIVE_STANDBY"],
            max_examples=20,
        )


class _Asking:
    """Raises ``error`` from the question ``where``; else the reference."""

    def __init__(self, where: str, error: Exception | None) -> None:
        self.where = where
        self.error = error
        self.inner = OctaviaStyle(lambda lb: lb, _delta)

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if name != self.where:
            return method

        def answer(*args: Any) -> Any:
            if self.error is not None:
                raise self.error
            return None

        return answer


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("build", "build"),
        ("members", "front"),
        ("select", "selected"),
        ("delta", "delta"),
    ],
)
@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (KeyError("x"), "the implementation raised KeyError: 'x'"),
        (None, "the implementation returned None"),
    ],
    ids=["raises", "returns None"],
)
def test_a_broken_question_is_bad_input_naming_it(
    where, field, error, problem
) -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        run_conformance(
            _Asking(where, error),
            topologies=["SINGLE"],
            max_examples=5,
            steps=3,
        )
    assert (raised.value.field, raised.value.problem) == (field, problem)


class _OctaviaObject:
    """Spec-named sets and selectors, and ``amphora_delta`` as a method."""

    def __init__(self, lb: LoadBalancer) -> None:
        self.lb = lb
        self.vrrp_amphorae = lb.vrrp_amphorae

    def select_vrrp(self, among: Any = None) -> Any:
        return self.lb.select_vrrp(among=among)

    def amphora_delta(self, old: Any, kind: str, among: Any = None) -> Any:
        return amphora_delta(old.lb, self.lb, kind, among)


def _standby(*amphorae: tuple[str, str, str]) -> LoadBalancer:
    return LoadBalancer(
        "lb", "ACTIVE_STANDBY", tuple(Amphora(*a) for a in amphorae)
    )


OLD = _standby(("m", "MASTER", "ALLOCATED"), ("b", "BACKUP", "ALLOCATED"))
NEW = _standby(
    ("m", "MASTER", "ALLOCATED"),
    ("b", "BACKUP", "DELETED"),
    ("s", "BACKUP", "ALLOCATED"),
)


class _Pair(NamedTuple):
    added: Any
    gone: Any


@pytest.mark.parametrize(
    "answer",
    [
        lambda delta: delta,
        lambda delta: (delta.added, delta.removed),
        lambda delta: _Pair(delta.added, delta.removed),
    ],
    ids=["a delta object", "a pair", "a named pair"],
)
def test_octavia_style_asks_the_given_delta_function(answer) -> None:
    asked = []

    def delta(old, new, kind, among):
        asked.append((old, new, kind, among))
        return answer(amphora_delta(old, new, kind, among))

    style = OctaviaStyle(lambda lb: lb, delta)
    added, removed = style.delta(OLD, NEW, SetKind.VRRP, ["s", "b"])
    assert asked == [(OLD, NEW, "vrrp", ["s", "b"])]
    assert [a.id for a in added] == ["s"]
    assert [a.id for a in removed] == ["b"]


def test_octavia_style_reads_the_spec_names() -> None:
    style = OctaviaStyle(_OctaviaObject)
    old, new = style.build(OLD), style.build(NEW)
    assert isinstance(new, _OctaviaObject)
    assert new.lb is NEW
    assert style.members(new, SetKind.VRRP) == NEW.vrrp_amphorae
    assert [a.id for a in style.select(new, SetKind.VRRP, ["s"])] == ["s"]
    added, removed = style.delta(old, new, SetKind.VRRP, ["m", "b"])
    assert (added, [a.id for a in removed]) == ((), ["b"])
    added, removed = style.delta(old, new, SetKind.VRRP, None)
    assert ([a.id for a in added], [a.id for a in removed]) == (["s"], ["b"])
