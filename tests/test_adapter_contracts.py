"""The adapter's documented contracts, case by case.

``columns_from`` gives a tuple of :class:`Amphora` for well-formed input
and None for anything unusual; ``amphora_from`` and ``load_balancer_from``
name the field and the amphora of every fault; a :class:`LoadBalancer`
passes through unless another registry is asked for.
"""

from __future__ import annotations

import types

import pytest

from amphora_sets import (
    BUILTIN_REGISTRY,
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    amphora_from,
    load_balancer_from,
)
from amphora_sets.adapter import columns_from
from example_topologies import EXAMPLES

NS = types.SimpleNamespace
WELL_FORMED = (
    Amphora("a", "MASTER", "ALLOCATED"),
    Amphora("b", None, "BOOTING"),
)


def _dicts(**extra: object) -> list[dict]:
    return [
        {"id": a.id, "role": a.role, "status": a.status, **extra}
        for a in WELL_FORMED
    ]


def _objects(**extra: object) -> list[NS]:
    return [NS(**item) for item in _dicts(**extra)]


class _Row:
    """An Octavia-like row object with no ``load_balancer_id`` at all."""

    def __init__(self, amphora: Amphora) -> None:
        self.id = amphora.id
        self.role = amphora.role
        self.status = amphora.status


@pytest.mark.parametrize(
    "items",
    [
        list(WELL_FORMED),
        _dicts(),
        _dicts(load_balancer_id="lb"),
        _dicts(load_balancer_id=None),
        [{**_dicts()[0], "load_balancer_id": "lb"}, _dicts()[1]],
        _objects(),
        _objects(load_balancer_id="lb"),
        [_Row(a) for a in WELL_FORMED],
    ],
    ids=[
        "amphorae",
        "dicts",
        "dicts-owned",
        "dicts-owner-none",
        "dicts-owned-and-not",
        "objects",
        "objects-owned",
        "objects-without-owner",
    ],
)
def test_columns_from_reads_well_formed_amphorae(items: list) -> None:
    read = columns_from(items, "lb")
    assert type(read) is tuple
    assert all(type(a) is Amphora for a in read)
    assert read == WELL_FORMED


def test_columns_from_reads_nothing_as_no_amphorae() -> None:
    assert columns_from([], "lb") == ()


@pytest.mark.parametrize(
    "items",
    [
        [WELL_FORMED[0], _dicts()[1]],
        [_dicts()[0], _objects()[1]],
        [_objects()[0], _Row(WELL_FORMED[1])],
        [{"role": "MASTER", "status": "ALLOCATED"}],
        [{"id": "a", "status": "ALLOCATED"}],
        [{"id": "a", "role": "MASTER"}],
        [NS(role="MASTER", status="ALLOCATED")],
        [NS(id="a", status="ALLOCATED")],
        [NS(id="a", role="MASTER")],
        [{"id": "", "role": "MASTER", "status": "ALLOCATED"}],
        [{"id": 7, "role": "MASTER", "status": "ALLOCATED"}],
        [NS(id="", role="MASTER", status="ALLOCATED")],
        [{"id": "a", "role": 7, "status": "ALLOCATED"}],
        [NS(id="a", role=b"MASTER", status="ALLOCATED")],
        [{"id": "a", "role": "MASTER", "status": "LOST"}],
        [NS(id="a", role="MASTER", status="LOST")],
        [{"id": "a", "role": "MASTER", "status": ["ALLOCATED"]}],
        _dicts(load_balancer_id="other"),
        _objects(load_balancer_id="other"),
        [5, 6],
    ],
    ids=repr,
)
def test_columns_from_gives_none_for_anything_unusual(items: list) -> None:
    assert columns_from(items, "lb") is None


def test_columns_from_leaves_a_bad_item_for_amphora_from_to_name() -> None:
    # The first item is fine; the bulk read refuses the second, and the
    # item-by-item read then names it.
    source = {
        "id": "lb",
        "topology": "ACTIVE_STANDBY",
        "amphorae": [_dicts()[0], {"id": "b", "role": 7, "status": "ERROR"}],
    }
    with pytest.raises(AmphoraSetsError) as caught:
        load_balancer_from(source)
    assert (caught.value.field, caught.value.amphora_id) == ("role", "b")


@pytest.mark.parametrize(
    ("source", "field", "amphora_id", "problem"),
    [
        (
            {"role": "MASTER", "status": "ALLOCATED"},
            "id",
            "amphorae[0]",
            "missing key on dict",
        ),
        (
            NS(role="MASTER", status="ALLOCATED"),
            "id",
            "amphorae[0]",
            "missing attribute on SimpleNamespace",
        ),
        (
            {"id": "a", "status": "ALLOCATED"},
            "role",
            "a",
            "missing key on dict",
        ),
        (
            NS(id="a", role="MASTER"),
            "status",
            "a",
            "missing attribute on SimpleNamespace",
        ),
        (
            {"id": "", "role": "MASTER", "status": "ALLOCATED"},
            "id",
            "amphorae[0]",
            "must be a non-empty string, not ''",
        ),
        (
            {"id": "a", "role": "MASTER", "status": "LOST"},
            "status",
            "a",
            "unknown status 'LOST'",
        ),
    ],
    ids=repr,
)
def test_amphora_from_names_the_field_and_amphora_at_fault(
    source: object, field: str, amphora_id: str, problem: str
) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_from(source)
    error = caught.value
    assert (error.field, error.amphora_id) == (field, amphora_id)
    assert error.problem.startswith(problem)


def test_amphora_from_refuses_another_load_balancers_amphora() -> None:
    source = {
        "id": "a",
        "role": "MASTER",
        "status": "ALLOCATED",
        "load_balancer_id": "other",
    }
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_from(source, 3, "lb")
    error = caught.value
    assert (error.field, error.amphora_id) == ("load_balancer_id", "a")
    assert error.problem == "belongs to load balancer 'other', not 'lb'"
    assert amphora_from({**source, "load_balancer_id": "lb"}, 3, "lb") == (
        Amphora("a", "MASTER", "ALLOCATED")
    )


def test_load_balancer_from_names_an_amphora_by_its_position() -> None:
    source = {
        "id": "lb",
        "topology": "ACTIVE_STANDBY",
        "amphorae": [_dicts()[0], {"role": "BACKUP", "status": "ERROR"}],
    }
    with pytest.raises(AmphoraSetsError) as caught:
        load_balancer_from(source)
    assert (caught.value.field, caught.value.amphora_id) == (
        "id",
        "amphorae[1]",
    )
    source["amphorae"][1] = {**_dicts()[1], "load_balancer_id": "other"}
    with pytest.raises(AmphoraSetsError) as caught:
        load_balancer_from(source)
    assert (caught.value.field, caught.value.amphora_id) == (
        "load_balancer_id",
        "b",
    )


@pytest.mark.parametrize(
    ("source", "field", "problem"),
    [
        ({"topology": "SINGLE", "amphorae": []}, "id", "missing key"),
        (
            NS(topology="SINGLE", amphorae=[]),
            "id",
            "missing attribute on SimpleNamespace",
        ),
        ({"id": "", "topology": "SINGLE", "amphorae": []}, "id", "load"),
        ({"id": "lb", "topology": "SINGLE"}, "amphorae", "missing key"),
        ({"id": "lb", "amphorae": []}, "topology", "missing key on dict"),
        (
            {"id": "lb", "topology": "SINGLE", "amphorae": "a"},
            "amphorae",
            "must be a list of amphorae, not 'a'",
        ),
        (
            {"id": "lb", "topology": "NOPE", "amphorae": []},
            "topology",
            "unknown topology 'NOPE'",
        ),
    ],
    ids=repr,
)
def test_load_balancer_from_names_the_load_balancer_field_at_fault(
    source: object, field: str, problem: str
) -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        load_balancer_from(source)
    error = caught.value
    assert (error.field, error.amphora_id) == (field, None)
    assert error.problem.startswith(problem)


@pytest.mark.parametrize("form", [dict, NS], ids=["dict", "object"])
@pytest.mark.parametrize(
    "amphorae",
    [
        lambda: list(WELL_FORMED),
        lambda: tuple(_dicts()),
        lambda: iter(_dicts(load_balancer_id="lb")),
        lambda: [_dicts()[0], _objects()[1]],
        lambda: [_dicts(load_balancer_id="lb")[0], _objects()[1]],
    ],
    ids=["amphorae", "dicts", "iterator", "mixed", "mixed-owned"],
)
def test_load_balancer_from_reads_every_field(form, amphorae) -> None:
    lb = load_balancer_from(
        form(id="lb", topology="ACTIVE_STANDBY", amphorae=amphorae())
    )
    assert lb == LoadBalancer("lb", "ACTIVE_STANDBY", WELL_FORMED)
    assert type(lb.amphorae) is tuple
    assert lb.registry is BUILTIN_REGISTRY


def test_load_balancer_from_uses_the_registry_given() -> None:
    source = {
        "id": "lb",
        "topology": "ACTIVE_ACTIVE_L3",
        "amphorae": [{"id": "c", "role": "IN_CLUSTER", "status": "READY"}],
    }
    with pytest.raises(AmphoraSetsError, match="ACTIVE_ACTIVE_L3"):
        load_balancer_from(source)
    lb = load_balancer_from(source, EXAMPLES)
    assert lb.registry is EXAMPLES
    assert lb.select_back_facing() == (Amphora("c", "IN_CLUSTER", "READY"),)


def test_a_load_balancer_keeps_its_registry_unless_given_another() -> None:
    lb = LoadBalancer("lb", "ACTIVE_STANDBY", WELL_FORMED)
    assert load_balancer_from(lb) is lb
    assert load_balancer_from(lb, BUILTIN_REGISTRY) is lb
    moved = load_balancer_from(lb, EXAMPLES)
    assert moved is not lb
    assert moved == lb
    assert moved.registry is EXAMPLES
    # checked again against the new registry
    l3 = LoadBalancer(
        "lb",
        "ACTIVE_ACTIVE_L3",
        (Amphora("c", "IN_CLUSTER", "READY"),),
        EXAMPLES,
    )
    assert load_balancer_from(l3) is l3
    with pytest.raises(AmphoraSetsError, match="ACTIVE_ACTIVE_L3"):
        load_balancer_from(l3, BUILTIN_REGISTRY)
