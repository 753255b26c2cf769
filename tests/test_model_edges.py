"""Model behaviour a mutation run found untested: each test kills one
surviving mutant of ``amphora_delta`` or of the id reader."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from amphora_sets import (
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    amphora_delta,
    load_registry,
)
from amphora_sets.registry import BUILTIN_REGISTRY

DATA = Path(__file__).parent / "data"
REGISTRY = load_registry(DATA / "active_active_l3.toml")


def _as_dict(amphorae: list[tuple[str, str]]) -> dict:
    return {
        "id": "lb",
        "topology": "ACTIVE_ACTIVE_L3",
        "amphorae": [
            {"id": i, "role": "IN_CLUSTER", "status": s} for i, s in amphorae
        ],
    }


def test_delta_reads_both_versions_with_the_registry_given() -> None:
    old = _as_dict([("a", "ALLOCATED")])
    new = _as_dict([("a", "ALLOCATED"), ("b", "ALLOCATED")])
    change = amphora_delta(old, new, SetKind.BACK, registry=REGISTRY)
    assert [a.id for a in change.added] == ["b"]
    assert change.removed == ()
    for only_old_known in (True, False):
        known = LoadBalancer(
            "lb",
            "ACTIVE_ACTIVE_L3",
            (Amphora("a", "IN_CLUSTER", "ALLOCATED"),),
            registry=REGISTRY,
        )
        pair = (known, new) if only_old_known else (old, known)
        # the dict version needs the registry: without it, it is unknown
        with pytest.raises(AmphoraSetsError, match="ACTIVE_ACTIVE_L3"):
            amphora_delta(*pair, SetKind.BACK)
        amphora_delta(*pair, SetKind.BACK, registry=REGISTRY)


def test_a_one_shot_iterator_among_is_refused_not_read_as_all() -> None:
    lb = LoadBalancer(
        "lb",
        "ACTIVE_STANDBY",
        (
            Amphora("m", "MASTER", "ALLOCATED"),
            Amphora("b", "BACKUP", "ALLOCATED"),
        ),
        registry=BUILTIN_REGISTRY,
    )
    with pytest.raises(AmphoraSetsError):
        amphora_delta(lb, lb, SetKind.FRONT, among=iter(["m"]))
    with pytest.raises(AmphoraSetsError):
        lb.select(SetKind.FRONT, among=iter(["m"]))
    assert [a.id for a in lb.select(SetKind.FRONT, among=["m"])] == ["m"]


@pytest.mark.parametrize(
    "item",
    [5, "", {"id": ""}, {"id": 5}, types.SimpleNamespace(id=5), None],
    ids=repr,
)
def test_an_id_must_be_a_non_empty_string(item: object) -> None:
    lb = LoadBalancer(
        "lb",
        "SINGLE",
        (Amphora("s", "STANDALONE", "ALLOCATED"),),
        registry=BUILTIN_REGISTRY,
    )
    with pytest.raises(AmphoraSetsError, match="non-empty string"):
        lb.select(SetKind.FRONT, among=[item])
