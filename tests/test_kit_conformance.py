"""run_conformance: the reference passes, wrong implementations fail by ID.

The implementations here are the reference model's own LoadBalancer
behind :class:`OctaviaStyle`, and small wrong variants of it; the Octavia
data-model versions are in tests/octavia.
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from hypothesis import settings

from amphora_sets import AmphoraSetsError, LoadBalancer, amphora_delta
from amphora_sets.testing import (
    ConformanceFailure,
    Implementation,
    OctaviaStyle,
    run_conformance,
)


def _delta(old: LoadBalancer, new: LoadBalancer, kind: str, among: Any):
    return amphora_delta(old, new, kind, among)


REFERENCE = OctaviaStyle(lambda lb: lb, _delta)


@dataclasses.dataclass(frozen=True)
class _Ignoring:
    """Selects the whole set, whatever ``among`` says."""

    lb: LoadBalancer
    front_facing_amphorae: Any = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.lb, name)

    def select_back_facing(self, among: Any = None) -> Any:
        return self.lb.back_facing_amphorae


def _keeps_deleted(lb: LoadBalancer) -> LoadBalancer:
    """Sets that filter by role only, so DELETED rows stay in them."""
    alive = dataclasses.replace(
        lb,
        amphorae=tuple(
            dataclasses.replace(a, status="ALLOCATED")
            if a.status == "DELETED" and a.role in lb.table.roles
            else a
            for a in lb.amphorae
        ),
    )
    return alive


def _missing_added(old, new, kind, among):
    return (), amphora_delta(old, new, kind, among).removed


def test_the_reference_model_conforms() -> None:
    assert isinstance(REFERENCE, Implementation)
    run_conformance(REFERENCE, max_examples=30)


@pytest.mark.parametrize(
    ("implementation", "expected"),
    [
        pytest.param(
            OctaviaStyle(
                lambda lb: _Ignoring(lb, lb.front_facing_amphorae), _delta
            ),
            "SEL-AMONG-IS-INTERSECTION",
            id="selector ignoring among",
        ),
        pytest.param(
            OctaviaStyle(_keeps_deleted, _delta),
            "INV-DELETED-EXCLUDED",
            id="DELETED amphora kept",
        ),
        pytest.param(
            OctaviaStyle(lambda lb: lb, _missing_added),
            "DELTA-RECONSTRUCTS-NEW",
            id="delta missing the added amphora",
        ),
    ],
)
def test_a_wrong_implementation_fails_by_its_id(implementation, expected):
    with pytest.raises(ConformanceFailure) as raised:
        run_conformance(implementation, max_examples=30)
    assert expected in {v.obligation_id for v in raised.value.violations}
    assert "Registry" not in str(raised.value)


class _Raising:
    def __init__(self, lb: LoadBalancer) -> None:
        self.lb = lb

    @property
    def front_facing_amphorae(self) -> Any:
        raise KeyError("front")


@pytest.mark.parametrize(
    ("implementation", "field"),
    [
        (OctaviaStyle(lambda lb: None, _delta), "build"),
        (OctaviaStyle(_Raising, _delta), "front"),
        (OctaviaStyle(lambda lb: lb, lambda *args: None), "delta"),
    ],
    ids=["build returns None", "getter raises", "delta returns None"],
)
def test_a_broken_adapter_is_bad_input_naming_the_field(
    implementation, field
) -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        run_conformance(implementation, max_examples=5)
    assert raised.value.field == field


def test_unknown_topologies_are_bad_input() -> None:
    with pytest.raises(AmphoraSetsError) as raised:
        run_conformance(REFERENCE, topologies=["RING"])
    assert raised.value.field == "topology"


def _slow(lb: LoadBalancer) -> LoadBalancer:
    time.sleep(0.005)
    return lb


def test_a_slow_implementation_is_not_failed_for_the_time_it_takes():
    """The caller's Hypothesis profile may set a deadline; a conformance
    run judges answers, not speed, so it sets none."""
    previous = settings.get_current_profile_name()
    settings.register_profile(
        "one-millisecond", settings.get_profile(previous), deadline=1
    )
    settings.load_profile("one-millisecond")
    try:
        run_conformance(
            OctaviaStyle(_slow, _delta),
            topologies=["SINGLE"],
            max_examples=2,
            steps=2,
        )
    finally:
        settings.load_profile(previous)
