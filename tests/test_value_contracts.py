"""The value types' documented contracts, case by case.

What :class:`Amphora` and :class:`LoadBalancer` accept and refuse (with
the field, amphora and problem named), what ``select`` and the ``among=``
rule pick, and the id readers behind ``among=``.
"""

from __future__ import annotations

import types
from collections import UserList

import pytest

from amphora_sets import (
    BUILTIN_REGISTRY,
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    is_allocated,
)
from amphora_sets.registry import AMPHORA_STATUSES
from amphora_sets.values import (
    check_load_balancer_id,
    id_list,
    ids_of,
    is_collection,
    raw_ids,
    set_kind,
    subset_test,
)
from example_topologies import EXAMPLES

NS = types.SimpleNamespace


def _raises(build, field: str, amphora_id: str | None, problem: str):
    with pytest.raises(AmphoraSetsError) as caught:
        build()
    error = caught.value
    assert (error.field, error.amphora_id) == (field, amphora_id)
    assert error.problem.startswith(problem), error.problem
    return error


@pytest.mark.parametrize(
    ("args", "field", "amphora_id", "problem"),
    [
        (("", "MASTER", "READY"), "id", None, "must be a non-empty string"),
        ((5, "MASTER", "READY"), "id", None, "must be a non-empty string"),
        ((None, None, "READY"), "id", None, "must be a non-empty string"),
        (("a", 5, "READY"), "role", "a", "must be a string or None, not 5"),
        (("a", b"M", "READY"), "role", "a", "must be a string or None"),
        (("a", None, "GONE"), "status", "a", "unknown status 'GONE'"),
        (("a", "MASTER", None), "status", "a", "unknown status None"),
    ],
    ids=repr,
)
def test_an_amphora_refuses_a_bad_field(args, field, amphora_id, problem):
    error = _raises(lambda: Amphora(*args), field, amphora_id, problem)
    if field == "status":
        assert "(known: ALLOCATED, " in error.problem


@pytest.mark.parametrize("status", AMPHORA_STATUSES)
@pytest.mark.parametrize("role", [None, "MASTER", "ANY_NAME", ""])
def test_an_amphora_takes_any_role_and_known_status(role, status) -> None:
    amphora = Amphora("a", role, status)
    assert (amphora.id, amphora.role, amphora.status) == ("a", role, status)
    assert amphora.live is (status != "DELETED")
    assert amphora.assigned is (role is not None)
    assert is_allocated(amphora) is (status == "ALLOCATED")


@pytest.mark.parametrize("kind", [*SetKind, "front", "back", "vrrp"])
def test_set_kind_takes_a_kind_or_its_value(kind) -> None:
    assert set_kind(kind) is SetKind(kind)


@pytest.mark.parametrize("kind", ["FRONT", "", None, 0])
def test_set_kind_names_an_unknown_set(kind) -> None:
    error = _raises(lambda: set_kind(kind), "kind", None, "unknown set")
    assert error.problem.endswith("(expected one of front, back, vrrp)")


@pytest.mark.parametrize("value", ["", None, 5, b"lb", ["lb"]])
def test_a_load_balancer_id_is_a_non_empty_string(value) -> None:
    _raises(
        lambda: check_load_balancer_id(value),
        "id",
        None,
        f"load balancer id must be a non-empty string, not {value!r}",
    )


def test_check_load_balancer_id_accepts_a_string() -> None:
    assert check_load_balancer_id("lb") is None


class _Ids(UserList):
    """A collection that is neither a list nor a tuple."""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([], True),
        ((1,), True),
        ({1}, True),
        (frozenset(), True),
        (_Ids(["a"]), True),
        (range(2), True),
        ({}.keys(), True),
        ((n for n in ()), True),
        ("ab", False),
        (b"ab", False),
        ({"id": "a"}, False),
        (types.MappingProxyType({}), False),
        (5, False),
        (None, False),
    ],
    ids=repr,
)
def test_is_collection(value, expected) -> None:
    assert is_collection(value) is expected


M = Amphora("m", "MASTER", "ALLOCATED")
B = Amphora("b", "BACKUP", "READY")


@pytest.mark.parametrize(
    ("build", "field", "amphora_id", "problem"),
    [
        (lambda: LoadBalancer(None, "SINGLE"), "id", None, "load balancer"),
        (
            lambda: LoadBalancer("lb", b"SINGLE"),
            "topology",
            None,
            "must be a string, not b'SINGLE'",
        ),
        (
            lambda: LoadBalancer("lb", "SINGLE", (), registry=EXAMPLES.names),
            "registry",
            None,
            "must be a Registry, not (",
        ),
        (
            lambda: LoadBalancer("lb", "ACTIVE_ACTIVE_L3"),
            "topology",
            None,
            "unknown topology 'ACTIVE_ACTIVE_L3'",
        ),
        (
            lambda: LoadBalancer("lb", "ACTIVE_STANDBY", M),
            "amphorae",
            None,
            "must be a collection of amphorae, not Amphora(",
        ),
        (
            lambda: LoadBalancer("lb", "ACTIVE_STANDBY", [M, "b"]),
            "amphorae[1]",
            None,
            "must be an Amphora, not str",
        ),
        (
            lambda: LoadBalancer(
                "lb", "ACTIVE_STANDBY", [M, B, Amphora("m", None, "DELETED")]
            ),
            "id",
            "m",
            "duplicate amphora id",
        ),
        (
            lambda: LoadBalancer(
                "lb",
                "ACTIVE_STANDBY",
                [M, Amphora("s", "STANDALONE", "PENDING_DELETE")],
            ),
            "role",
            "s",
            "role 'STANDALONE' is not allowed in topology ACTIVE_STANDBY "
            "(allowed: MASTER, BACKUP)",
        ),
    ],
    ids=[
        "id",
        "topology-type",
        "registry",
        "topology-unknown",
        "amphorae",
        "amphora",
        "duplicate",
        "role",
    ],
)
def test_a_load_balancer_refuses_bad_input(
    build, field, amphora_id, problem
) -> None:
    _raises(build, field, amphora_id, problem)


@pytest.mark.parametrize(
    "amphorae",
    [
        lambda: [M, B],
        lambda: (M, B),
        lambda: (a for a in (M, B)),
        lambda: _Ids([M, B]),
    ],
    ids=["list", "tuple", "generator", "other"],
)
def test_a_load_balancer_holds_its_amphorae_as_a_tuple(amphorae) -> None:
    lb = LoadBalancer("lb", "ACTIVE_STANDBY", amphorae())
    assert type(lb.amphorae) is tuple
    assert lb.amphorae == (M, B)
    assert lb.registry is BUILTIN_REGISTRY
    assert lb.table is BUILTIN_REGISTRY.get("ACTIVE_STANDBY")


def test_deleted_and_unassigned_amphorae_may_hold_any_role() -> None:
    lb = LoadBalancer(
        "lb",
        "SINGLE",
        (
            Amphora("x", "MASTER", "DELETED"),
            Amphora("y", None, "BOOTING"),
            Amphora("s", "STANDALONE", "ALLOCATED"),
        ),
    )
    assert [a.id for a in lb.live_amphorae] == ["y", "s"]
    assert lb.front_facing_amphorae == lb.back_facing_amphorae
    assert [a.id for a in lb.front_facing_amphorae] == ["s"]
    assert lb.vrrp_amphorae == ()


AA = LoadBalancer(
    "lb",
    "ACTIVE_ACTIVE",
    (
        Amphora("m", "MASTER", "ALLOCATED"),
        Amphora("c1", "IN_CLUSTER", "ERROR"),
        Amphora("n", None, "BOOTING"),
        Amphora("b", "BACKUP", "PENDING_DELETE"),
        Amphora("c2", "IN_CLUSTER", "ALLOCATED"),
        Amphora("c3", "IN_CLUSTER", "DELETED"),
    ),
)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (SetKind.FRONT, ["m", "c1", "b", "c2"]),
        ("front", ["m", "c1", "b", "c2"]),
        (SetKind.BACK, ["c1", "c2"]),
        ("vrrp", ["m", "b"]),
    ],
    ids=repr,
)
def test_select_keeps_live_amphorae_of_the_set_in_order(kind, expected):
    assert [a.id for a in AA.select(kind)] == expected
    method = {
        SetKind.FRONT: AA.select_front_facing,
        SetKind.BACK: AA.select_back_facing,
        SetKind.VRRP: AA.select_vrrp,
    }[SetKind(kind)]
    assert [a.id for a in method()] == expected
    assert [a.id for a in method(None)] == expected


@pytest.mark.parametrize(
    ("among", "front", "live"),
    [
        (None, ["m", "c1", "b", "c2"], ["m", "c1", "n", "b", "c2"]),
        (is_allocated, ["m", "c2"], ["m", "c2"]),
        (lambda a: a.role and a.role[0], ["m", "c1", "b", "c2"], None),
        (lambda a: 0, [], []),
        (["c2", "n", "m", "zz"], ["m", "c2"], ["m", "n", "c2"]),
        ({"c3", "b"}, ["b"], ["b"]),
        ((AA.amphorae[1],), ["c1"], ["c1"]),
        ([{"id": "c1"}, {"id": "m"}], ["m", "c1"], ["m", "c1"]),
        ([NS(id="b")], ["b"], ["b"]),
        (["m", {"id": "b"}, NS(id="c1")], ["m", "c1", "b"], None),
        ([], [], []),
    ],
    ids=repr,
)
def test_select_among_a_predicate_or_a_collection(among, front, live):
    assert [a.id for a in AA.select(SetKind.FRONT, among)] == front
    for kind, method in [
        (SetKind.FRONT, AA.select_front_facing),
        (SetKind.BACK, AA.select_back_facing),
        (SetKind.VRRP, AA.select_vrrp),
    ]:
        assert method(among) == AA.select(kind, among)
    if live is not None:
        assert [a.id for a in AA.select_live(among)] == live


@pytest.mark.parametrize(
    ("among", "problem"),
    [
        (iter(["m"]), "is a one-shot iterator"),
        ((a for a in ["m"]), "is a one-shot iterator"),
        ("m", "must be a predicate or a collection"),
        ({"id": "m"}, "must be a predicate or a collection"),
        (5, "must be a predicate or a collection"),
        (["m", ""], "item '' is neither an amphora nor an amphora id"),
        ([{"id": "m"}, {}], "item {} is neither"),
        ([NS(id=None)], "item namespace(id=None) is neither"),
    ],
    ids=repr,
)
def test_a_bad_among_is_refused(among, problem) -> None:
    _raises(lambda: subset_test(among), "among", None, problem)
    with pytest.raises(AmphoraSetsError, match="among"):
        AA.select(SetKind.VRRP, among)


def test_subset_test_answers_in_booleans() -> None:
    assert subset_test(None)(M) is True
    assert subset_test(lambda a: a.id)(M) is True
    assert subset_test(lambda a: "")(M) is False
    assert subset_test(["m"])(M) is True
    assert subset_test(["m"])(B) is False


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], []),
        (["b", "a", "b"], ["b", "a", "b"]),
        (("a",), ["a"]),
        # an iterator, made afresh each run (a parameter is one object)
        (lambda: iter(["a", "c"]), ["a", "c"]),
        ([{"id": "a"}, {"id": "a"}], ["a", "a"]),
        ([types.MappingProxyType({"id": "a"})], ["a"]),
        ([M, NS(id="x")], ["m", "x"]),
        (["a", {"id": "b"}, NS(id="c")], ["a", "b", "c"]),
        ([{"id": "a"}, "b"], ["a", "b"]),
        ([NS(id="a"), {"id": "b"}], ["a", "b"]),
    ],
    ids=repr,
)
def test_id_list_reads_ids_in_order_with_repeats(items, expected) -> None:
    if callable(items):
        items = items()
    assert id_list(items, "f") == expected
    assert ids_of(list(expected), "f") == frozenset(expected)


@pytest.mark.parametrize(
    "items",
    [
        ["a", 5],
        ["a", ""],
        [""],
        [{"id": "a"}, {"id": 5}],
        [{"id": "a"}, {"key": "a"}],
        [NS(id="a"), NS(name="b")],
        [NS(id="a"), NS(id=b"b")],
        [None],
    ],
    ids=repr,
)
def test_id_list_names_the_field_for_a_bad_item(items) -> None:
    _raises(lambda: id_list(items, "members"), "members", None, "item ")
    _raises(lambda: ids_of(items, "members"), "members", None, "item ")


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], []),
        (("a", 5), ["a", 5]),
        ([{"id": 1}, {"id": "b"}], [1, "b"]),
        ([NS(id=""), M], ["", "m"]),
        ([{"id": "a"}, {}], None),
        ([{"id": "a"}, "b"], None),
        ([NS(id="a"), {"id": "b"}], None),
        ([None], None),
    ],
    ids=repr,
)
def test_raw_ids_reads_as_the_first_item_is_read(items, expected) -> None:
    assert raw_ids(items) == expected
