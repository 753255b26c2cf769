"""Bad input: one clear AmphoraSetsError naming the field and amphora."""

import copy
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import (
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    load_balancer_from,
)
from amphora_sets.testing import as_octavia_dict, load_balancers


def valid() -> dict:
    return {
        "id": "lb-1",
        "topology": "ACTIVE_ACTIVE",
        "amphorae": [
            {
                "id": "m",
                "role": "MASTER",
                "status": "ALLOCATED",
                "load_balancer_id": "lb-1",
            },
            {
                "id": "c1",
                "role": "IN_CLUSTER",
                "status": "ALLOCATED",
                "load_balancer_id": "lb-1",
            },
        ],
    }


def lb_with(**fields):
    def change(source):
        for key, value in fields.items():
            if value is DROP:
                del source[key]
            else:
                source[key] = value

    return change


def amphora_with(**fields):
    def change(source):
        lb_with(**fields)(source["amphorae"][1])

    return change


def replace_amphora(value):
    def change(source):
        source["amphorae"][1] = value

    return change


DROP = object()
LIVE_ROLE_ERROR = ("role", "c1")

# (case id, change to valid(), expected field, expected amphora id)
CASES = [
    ("lb-id-missing", lb_with(id=DROP), "id", None),
    ("lb-id-none", lb_with(id=None), "id", None),
    ("lb-id-empty", lb_with(id=""), "id", None),
    ("lb-id-number", lb_with(id=7), "id", None),
    ("topology-missing", lb_with(topology=DROP), "topology", None),
    ("topology-number", lb_with(topology=2), "topology", None),
    ("topology-unknown", lb_with(topology="ACTIVE_PASSIVE"), "topology", None),
    ("topology-lower-case", lb_with(topology="single"), "topology", None),
    ("amphorae-missing", lb_with(amphorae=DROP), "amphorae", None),
    ("amphorae-none", lb_with(amphorae=None), "amphorae", None),
    ("amphorae-string", lb_with(amphorae="m,c1"), "amphorae", None),
    ("amphorae-one-dict", lb_with(amphorae={"id": "m"}), "amphorae", None),
    ("amphora-none", replace_amphora(None), "id", "amphorae[1]"),
    ("amphora-string", replace_amphora("c1"), "id", "amphorae[1]"),
    ("amphora-id-missing", amphora_with(id=DROP), "id", "amphorae[1]"),
    ("amphora-id-number", amphora_with(id=5), "id", "amphorae[1]"),
    ("amphora-id-empty", amphora_with(id=""), "id", "amphorae[1]"),
    ("role-missing", amphora_with(role=DROP), "role", "c1"),
    ("role-number", amphora_with(role=3), "role", "c1"),
    ("role-unknown", amphora_with(role="DISTRIBUTOR"), *LIVE_ROLE_ERROR),
    ("role-lower-case", amphora_with(role="in_cluster"), *LIVE_ROLE_ERROR),
    ("role-not-in-topology", amphora_with(role="STANDALONE"), "role", "c1"),
    ("status-missing", amphora_with(status=DROP), "status", "c1"),
    ("status-none", amphora_with(status=None), "status", "c1"),
    ("status-unknown", amphora_with(status="ACTIVE"), "status", "c1"),
    ("status-lower-case", amphora_with(status="allocated"), "status", "c1"),
    ("status-list", amphora_with(status=["ALLOCATED"]), "status", "c1"),
    ("duplicate-id", amphora_with(id="m"), "id", "m"),
    (
        "other-load-balancer",
        amphora_with(load_balancer_id="lb-2"),
        "load_balancer_id",
        "c1",
    ),
]


def as_objects(value):
    """Dicts turned into attribute objects, recursively."""
    if isinstance(value, dict):
        return types.SimpleNamespace(
            **{key: as_objects(item) for key, item in value.items()}
        )
    if isinstance(value, list):
        return [as_objects(item) for item in value]
    return value


def check(error: AmphoraSetsError, field: str, amphora_id: str | None):
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.amphora_id == amphora_id
    message = str(error)
    assert "\n" not in message
    assert repr(field) in message
    if amphora_id is not None:
        assert repr(amphora_id) in message


@pytest.mark.parametrize(
    ("change", "field", "amphora_id"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
@pytest.mark.parametrize("form", ["dict", "object"])
def test_bad_load_balancer(form, change, field, amphora_id):
    source = valid()
    change(source)
    if form == "object":
        source = as_objects(source)
    pristine = copy.deepcopy(source)
    with pytest.raises(AmphoraSetsError) as caught:
        load_balancer_from(source)
    check(caught.value, field, amphora_id)
    assert source == pristine


def test_the_unchanged_example_is_valid():
    """Each case above fails because of its change alone."""
    assert len(load_balancer_from(valid()).amphorae) == 2
    assert len(load_balancer_from(as_objects(valid())).amphorae) == 2


def test_deleted_amphora_may_hold_any_role():
    source = valid()
    source["amphorae"][1].update(role="DISTRIBUTOR", status="DELETED")
    assert load_balancer_from(source).back_facing_amphorae == ()


@pytest.mark.parametrize(
    ("build", "field", "amphora_id"),
    [
        pytest.param(lambda: Amphora(5, "MASTER", "READY"), "id", None),
        pytest.param(lambda: Amphora("a", 5, "READY"), "role", "a"),
        pytest.param(lambda: Amphora("a", None, "GONE"), "status", "a"),
        pytest.param(lambda: LoadBalancer("", "SINGLE"), "id", None),
        pytest.param(lambda: LoadBalancer("lb", None), "topology", None),
        pytest.param(lambda: LoadBalancer("lb", "DUAL"), "topology", None),
        pytest.param(
            lambda: LoadBalancer("lb", "SINGLE", None), "amphorae", None
        ),
        pytest.param(
            lambda: LoadBalancer("lb", "SINGLE", [{"id": "a"}]),
            "amphorae[0]",
            None,
        ),
        pytest.param(
            lambda: LoadBalancer(
                "lb",
                "SINGLE",
                [Amphora("a", "MASTER", "READY")],
            ),
            "role",
            "a",
        ),
        pytest.param(
            lambda: LoadBalancer(
                "lb",
                "SINGLE",
                [Amphora("a", None, "DELETED"), Amphora("a", None, "DELETED")],
            ),
            "id",
            "a",
        ),
    ],
)
def test_bad_values(build, field, amphora_id):
    with pytest.raises(AmphoraSetsError) as caught:
        build()
    check(caught.value, field, amphora_id)


KEYS = st.sampled_from(
    ["id", "role", "status", "topology", "amphorae", "load_balancer_id"]
)
WORDS = st.sampled_from(
    ["lb-1", "m", "SINGLE", "MASTER", "IN_CLUSTER", "ALLOCATED", "DELETED"]
)
GARBAGE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3) | WORDS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(KEYS, inner, max_size=6)
        | st.builds(lambda d: as_objects(d), st.dictionaries(KEYS, inner))
    ),
    max_leaves=8,
)


def error_of(source) -> AmphoraSetsError | None:
    """The error reading ``source`` raises, or None if it is valid."""
    try:
        assert isinstance(load_balancer_from(source), LoadBalancer)
    except AmphoraSetsError as error:
        return error
    return None


@settings(max_examples=60)
@given(GARBAGE)
def test_garbage_gives_a_clear_error_or_a_value(source):
    pristine = copy.deepcopy(source)
    error = error_of(source)
    assert error is None or (error.field and str(error))
    assert source == pristine


@settings(max_examples=60)
@given(load_balancers(max_amphorae=4), st.data())
def test_one_corrupted_field_is_the_one_named(lb, data):
    source = as_octavia_dict(lb)
    index = data.draw(st.integers(-1, len(lb.amphorae) - 1))
    target = source if index < 0 else source["amphorae"][index]
    key = data.draw(st.sampled_from(sorted(target)))
    target[key] = data.draw(GARBAGE)
    pristine = copy.deepcopy(source)
    error = error_of(source)
    assert source == pristine
    if error is None or key == "amphorae":
        return
    if index < 0:  # a bad topology or id may show as a role or owner
        assert error.field in {key, "role", "load_balancer_id"}
    else:  # a status may turn an amphora live with no valid role
        assert error.field in {key, "role"}
        named = {lb.amphorae[index].id, f"amphorae[{index}]"}
        assert error.amphora_id in named
