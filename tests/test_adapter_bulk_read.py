"""The adapter's bulk read: well-formed amphorae are read column by column,
and anything it cannot vouch for falls to the item-by-item read, which
names the fault."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from amphora_sets import Amphora, AmphoraSetsError, load_balancer_from
from amphora_sets.adapter import amphora_from, columns_from

EXPECTED = (
    Amphora("a", "MASTER", "ALLOCATED"),
    Amphora("b", None, "BOOTING"),
)


def _dicts(**extra: object) -> list[dict[str, object]]:
    return [
        {"id": a.id, "role": a.role, "status": a.status, **extra}
        for a in EXPECTED
    ]


def test_amphorae_pass_through_unchanged() -> None:
    assert columns_from(list(EXPECTED), "lb") == EXPECTED


def test_no_items_read_as_no_amphorae() -> None:
    assert columns_from([], "lb") == ()


def test_dicts_with_string_and_absent_roles_are_read_in_bulk() -> None:
    assert columns_from(_dicts(), "lb") == EXPECTED


def test_dicts_of_this_load_balancer_or_of_none_are_read_in_bulk() -> None:
    items = _dicts()
    items[0]["load_balancer_id"] = "lb"
    items[1]["load_balancer_id"] = None
    assert columns_from(items, "lb") == EXPECTED


def test_objects_without_a_load_balancer_id_are_read_in_bulk() -> None:
    items = [SimpleNamespace(**d) for d in _dicts()]
    assert columns_from(items, "lb") == EXPECTED


def test_objects_of_this_load_balancer_are_read_in_bulk() -> None:
    items = [SimpleNamespace(**d) for d in _dicts(load_balancer_id="lb")]
    assert columns_from(items, "lb") == EXPECTED


@pytest.mark.parametrize(
    "items",
    [
        [EXPECTED[0], _dicts()[1]],
        [_dicts()[0], SimpleNamespace(**_dicts()[1])],
        _dicts(load_balancer_id="other"),
        [{**_dicts()[0], "id": ""}, _dicts()[1]],
        [{**_dicts()[0], "role": 3}, _dicts()[1]],
        [{**_dicts()[0], "status": "NOPE"}, _dicts()[1]],
        [{"id": "a", "role": None}],
    ],
    ids=[
        "mixed-kinds",
        "dict-and-object",
        "other-load-balancer",
        "empty-id",
        "role-not-a-string",
        "unknown-status",
        "missing-status",
    ],
)
def test_anything_ill_formed_is_left_to_the_item_by_item_read(
    items: list[object],
) -> None:
    assert columns_from(items, "lb") is None


def test_an_amphora_of_another_load_balancer_is_named_with_its_owner() -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_from({"id": "a", "load_balancer_id": "other"}, 0, "lb")
    assert caught.value.amphora_id == "a"
    assert caught.value.field == "load_balancer_id"
    assert caught.value.problem == (
        "belongs to load balancer 'other', not 'lb'"
    )


@pytest.mark.parametrize("field", ["role", "status"])
def test_a_missing_field_names_the_amphora(field: str) -> None:
    source = {"id": "a", "role": "MASTER", "status": "ALLOCATED"}
    del source[field]
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_from(source, 4)
    assert (caught.value.amphora_id, caught.value.field) == ("a", field)
    assert caught.value.problem == "missing key on dict"


def test_a_missing_attribute_is_called_an_attribute() -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_from(SimpleNamespace(id="a", role=None), 0)
    assert caught.value.problem == "missing attribute on SimpleNamespace"


def test_a_bad_value_keeps_its_problem_and_gains_the_amphora() -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        amphora_from({"id": "a", "role": None, "status": "NOPE"}, 2)
    assert caught.value.amphora_id == "a"
    assert caught.value.field == "status"
    assert caught.value.problem
    assert "NOPE" in caught.value.problem


def test_the_load_balancer_reads_the_same_either_way() -> None:
    source = {"id": "lb", "topology": "ACTIVE_STANDBY", "amphorae": _dicts()}
    assert load_balancer_from(source).amphorae == EXPECTED
