"""selection_violations / assert_selection: SEL- IDs, pass and fail."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import Amphora, AmphoraSetsError, LoadBalancer, SetKind
from amphora_sets.testing import (
    SelectionViolation,
    as_octavia_dict,
    assert_selection,
    load_balancers,
    selection_violations,
    subsets,
)
from example_topologies import EXAMPLES

AA = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("b", "BACKUP", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c2", "IN_CLUSTER", "ALLOCATED"),
        Amphora("gone", "IN_CLUSTER", "DELETED"),
    ),
)


def _found(**kwargs) -> list[tuple[str, str | None]]:
    return [
        (v.obligation_id, v.amphora_id)
        for v in selection_violations(AA, **kwargs)
    ]


@settings(max_examples=60)
@given(st.data(), load_balancers(EXAMPLES), st.sampled_from(list(SetKind)))
def test_the_reference_selector_breaks_nothing(data, lb, kind) -> None:
    among = data.draw(subsets(lb))
    selected = lb.select(kind, among)
    assert selection_violations(lb, kind, among=among, selected=selected) == []


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(
            {"kind": "back", "among": ["c1"], "selected": ["c1", "c2"]},
            [("SEL-AMONG-IS-INTERSECTION", "c2")],
            id="selector ignoring among",
        ),
        pytest.param(
            {"kind": "vrrp", "among": ["m", "c1"], "selected": []},
            [("SEL-AMONG-IS-INTERSECTION", "m")],
            id="member left out",
        ),
        pytest.param(
            {"kind": SetKind.FRONT, "among": None, "selected": ["m", "b"]},
            [
                ("SEL-AMONG-ALL-IS-WHOLE", "c1"),
                ("SEL-AMONG-ALL-IS-WHOLE", "c2"),
            ],
            id="whole set cut short",
        ),
        pytest.param(
            {"kind": "back", "among": ["gone", "c1"], "selected": ["gone"]},
            [
                ("SEL-AMONG-IS-INTERSECTION", "c1"),
                ("SEL-AMONG-IS-INTERSECTION", "gone"),
            ],
            id="DELETED amphora selected",
        ),
        pytest.param(
            {"kind": "back", "among": None, "selected": ["c1", "c2", "c2"]},
            [("INV-NO-DUPLICATES", "c2")],
            id="duplicate",
        ),
    ],
)
def test_wrong_selections_are_caught_by_their_ids(kwargs, expected) -> None:
    assert _found(**kwargs) == expected


def test_assert_selection_names_the_real_role() -> None:
    with pytest.raises(SelectionViolation) as raised:
        assert_selection(AA, "back", among=None, selected=["m", "c1", "c2"])
    assert str(raised.value).splitlines()[1:] == [
        "  SEL-AMONG-ALL-IS-WHOLE: amphora 'm': was selected but is not "
        "back-facing (MASTER, ALLOCATED)"
    ]
    assert "Registry" not in str(raised.value)


def test_selected_may_be_amphorae_dicts_objects_or_a_generator() -> None:
    octavia = as_octavia_dict(AA)["amphorae"]
    for selected in (
        AA.back_facing_amphorae,
        [a for a in octavia if a["role"] == "IN_CLUSTER"][:2],
        (i for i in ("c1", "c2")),
    ):
        assert_selection(AA, "back", among=None, selected=selected)


@pytest.mark.parametrize(
    ("kwargs", "field", "amphora_id"),
    [
        ({"selected": None}, "selected", None),
        ({"selected": "c1"}, "selected", None),
        ({"selected": ["elsewhere"]}, "selected", "elsewhere"),
        ({"selected": [""]}, "selected", None),
        ({"selected": [5]}, "selected", None),
        ({"selected": [], "among": iter(["c1"])}, "among", None),
        ({"selected": [], "kind": "sideways"}, "kind", None),
    ],
)
def test_bad_input_is_an_error_naming_the_field(
    kwargs, field, amphora_id
) -> None:
    arguments = {"kind": "back", "among": None, **kwargs}
    with pytest.raises(AmphoraSetsError) as raised:
        selection_violations(AA, **arguments)
    assert (raised.value.field, raised.value.amphora_id) == (
        field,
        amphora_id,
    )
