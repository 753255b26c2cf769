"""Topology files: valid ones load; each malformed one names its key."""

import pytest

from amphora_sets import (
    BUILTIN_REGISTRY,
    Amphora,
    AmphoraSetsError,
    LoadBalancer,
    SetKind,
    load_registry,
)
from amphora_sets.registry import Cardinality, RoleRow, parse_topologies
from amphora_sets.registry.toml_file import MAX_TOPOLOGIES
from example_topologies import (
    BACK_NOT_FRONT_FILE,
    L3_FILE,
    N_PLUS_1_FILE,
)

FRONT, BACK, VRRP = SetKind.FRONT, SetKind.BACK, SetKind.VRRP


def test_l3_file_loads():
    registry = load_registry(L3_FILE)
    assert registry.names == (*BUILTIN_REGISTRY.names, "ACTIVE_ACTIVE_L3")
    topology = registry.get("ACTIVE_ACTIVE_L3")
    assert topology.description == "BGP/ECMP distribution; no VRRP."
    assert topology.rows == (
        RoleRow("IN_CLUSTER", frozenset({FRONT, BACK}), Cardinality(1)),
    )


def test_n_plus_1_file_loads():
    topology = load_registry(N_PLUS_1_FILE).get("ACTIVE_ACTIVE_N_PLUS_1")
    assert topology.rows == (
        RoleRow("MASTER", frozenset({FRONT, VRRP}), Cardinality(1, 1)),
        RoleRow("BACKUP", frozenset({FRONT, VRRP}), Cardinality(1, 1)),
        RoleRow("IN_CLUSTER", frozenset({FRONT, BACK}), Cardinality(2)),
        RoleRow(
            "IN_CLUSTER_STANDBY", frozenset({FRONT, BACK}), Cardinality(1, 1)
        ),
    )


def test_back_not_front_loads_because_only_the_shape_is_checked():
    registry = load_registry(BACK_NOT_FRONT_FILE)
    topology = registry.get("BACK_NOT_FRONT")
    assert topology.rows == (
        RoleRow("MEMBER_ONLY", frozenset({BACK}), Cardinality(1, 1)),
    )
    lb = LoadBalancer(
        "lb",
        "BACK_NOT_FRONT",
        (Amphora("a", "MEMBER_ONLY", "ALLOCATED"),),
        registry,
    )
    assert lb.back_facing_amphorae == lb.amphorae
    assert lb.front_facing_amphorae == ()


def test_files_chain_onto_a_base_registry():
    registry = load_registry(N_PLUS_1_FILE, base=load_registry(L3_FILE))
    assert registry.names[-2:] == (
        "ACTIVE_ACTIVE_L3",
        "ACTIVE_ACTIVE_N_PLUS_1",
    )


def test_a_loaded_topology_is_usable_from_dicts():
    from amphora_sets import load_balancer_from

    source = {
        "id": "lb",
        "topology": "ACTIVE_ACTIVE_L3",
        "amphorae": [{"id": "c", "role": "IN_CLUSTER", "status": "READY"}],
    }
    lb = load_balancer_from(source, load_registry(L3_FILE))
    assert lb.vrrp_amphorae == ()
    assert lb.back_facing_amphorae == lb.front_facing_amphorae == lb.amphorae
    with pytest.raises(AmphoraSetsError, match="ACTIVE_ACTIVE_L3"):
        load_balancer_from(source)  # not in the built-in registry


def test_defaults_min_zero_and_no_max():
    (topology,) = parse_topologies(
        '[topologies.T]\nroles.R = { sets = ["front", "back"] }\n'
    )
    assert topology.rows[0].cardinality == Cardinality(0, None)
    assert topology.description == ""


HEAD = "[topologies.T]\n"
ROLE = 'roles.R = { sets = ["front", "back"], min = 1 }\n'
T = "topologies.T"
R = "topologies.T.roles.R"


def role(spec: str) -> str:
    """A file with topology T whose one role R is ``{ spec }``."""
    return HEAD + f"roles.R = {{ {spec} }}\n"


TABLE = "must be a table"
SET_NAMES = "(expected one of front, back, vrrp)"
COUNT = "must be a whole number from 0 to 1000, not "
IDENTIFIER = "is not an upper-case identifier like IN_CLUSTER"
REGISTERED = "is already a registered topology"


# (case id, TOML text, the key the error must name, the problem it gives;
# an invalid-TOML problem is given up to the parser's own words)
MALFORMED = [
    (
        "invalid-syntax",
        HEAD + "roles.R = { sets = [",
        "topology-file",
        "invalid TOML: ",
    ),
    (
        "unclosed-table",
        "[topologies.T\n" + ROLE,
        "topology-file",
        "invalid TOML: ",
    ),
    ("duplicate-key", HEAD + ROLE + ROLE, "topology-file", "invalid TOML: "),
    ("empty-file", "", "topologies", "declares no topology"),
    ("no-topologies", "[topologies]\n", "topologies", "declares no topology"),
    (
        "unknown-top-key",
        "version = 1\n" + HEAD + ROLE,
        "version",
        "unknown key (expected one of topologies)",
    ),
    ("topologies-not-table", "topologies = 3\n", "topologies", TABLE),
    ("topology-not-table", "[topologies]\nT = 3\n", T, TABLE),
    (
        "unknown-topology-key",
        HEAD + ROLE + "vrrp = 1\n",
        f"{T}.vrrp",
        "unknown key (expected one of claims, description, "
        "lb_failover_roles, like, roles)",
    ),
    (
        "description-number",
        HEAD + ROLE + "description = 1\n",
        f"{T}.description",
        "must be a string",
    ),
    (
        "no-roles-key",
        HEAD + 'description = "x"\n',
        f"{T}.roles",
        "declares no role",
    ),
    ("empty-roles", HEAD + "roles = {}\n", f"{T}.roles", "declares no role"),
    ("roles-not-table", HEAD + "roles = []\n", f"{T}.roles", TABLE),
    ("role-not-table", HEAD + 'roles.R = "front"\n', R, TABLE),
    (
        "unknown-role-key",
        role("sets = [], priority = 100"),
        f"{R}.priority",
        "unknown key (expected one of max, min, sets)",
    ),
    ("sets-missing", role("min = 1"), f"{R}.sets", "is missing"),
    (
        "sets-not-list",
        role('sets = "front"'),
        f"{R}.sets",
        "must be a list of set names",
    ),
    (
        "unknown-set",
        role('sets = ["front", "members"]'),
        f"{R}.sets[1]",
        f"unknown set 'members' {SET_NAMES}",
    ),
    (
        "upper-case-set",
        role('sets = ["FRONT"]'),
        f"{R}.sets[0]",
        f"unknown set 'FRONT' {SET_NAMES}",
    ),
    (
        "set-number",
        role("sets = [1]"),
        f"{R}.sets[0]",
        f"unknown set 1 {SET_NAMES}",
    ),
    (
        "set-nested-list",
        role('sets = [["front"]]'),
        f"{R}.sets[0]",
        f"unknown set ['front'] {SET_NAMES}",
    ),
    (
        "set-table",
        role("sets = [{}]"),
        f"{R}.sets[0]",
        f"unknown set {{}} {SET_NAMES}",
    ),
    (
        "set-twice",
        role('sets = ["front", "back", "front"]'),
        f"{R}.sets[2]",
        "'front' is listed twice",
    ),
    ("min-string", role('sets = [], min = "1"'), f"{R}.min", COUNT + "'1'"),
    ("min-float", role("sets = [], min = 1.0"), f"{R}.min", COUNT + "1.0"),
    ("min-bool", role("sets = [], min = true"), f"{R}.min", COUNT + "True"),
    ("min-negative", role("sets = [], min = -1"), f"{R}.min", COUNT + "-1"),
    ("max-string", role('sets = [], max = "2"'), f"{R}.max", COUNT + "'2'"),
    ("max-negative", role("sets = [], max = -2"), f"{R}.max", COUNT + "-2"),
    (
        "max-below-min",
        role("sets = [], min = 3, max = 2"),
        f"{R}.max",
        "2 is below min 3",
    ),
    (
        "lower-case-topology",
        "[topologies.l3]\n" + ROLE,
        "topologies.l3",
        "'l3' " + IDENTIFIER,
    ),
    (
        "mixed-case-topology",
        "[topologies.Aa]\n" + ROLE,
        "topologies.Aa",
        "'Aa' " + IDENTIFIER,
    ),
    (
        "lower-case-role",
        HEAD + "roles.r = { sets = [] }\n",
        f"{T}.roles.r",
        "'r' " + IDENTIFIER,
    ),
    (
        "role-with-dash",
        HEAD + "roles.A-B = { sets = [] }\n",
        f"{T}.roles.A-B",
        "'A-B' " + IDENTIFIER,
    ),
    (
        "failover-not-list",
        HEAD + ROLE + 'lb_failover_roles = "R"\n',
        f"{T}.lb_failover_roles",
        "must be a list of role names",
    ),
    (
        "failover-unknown-role",
        HEAD + ROLE + 'lb_failover_roles = ["R", "Q"]\n',
        f"{T}.lb_failover_roles",
        "names 'Q', which is not a role of the topology",
    ),
    (
        "claims-not-list",
        HEAD + ROLE + 'claims = "INV-AS-EQUAL"\n',
        f"{T}.claims",
        "must be a list of obligation IDs",
    ),
    (
        "unknown-claim",
        HEAD + ROLE + 'claims = ["INV-NOPE"]\n',
        f"{T}.claims[0]",
        "'INV-NOPE' is not a claim a topology can declare (expected one of "
        "INV-AA-DISTRIBUTORS-FRONT-ONLY, INV-AS-EQUAL, "
        "INV-SINGLE-FRONT-IS-BACK, INV-SINGLE-NO-VRRP)",
    ),
    (
        "claim-twice",
        HEAD + ROLE + 'claims = ["INV-AS-EQUAL", "INV-AS-EQUAL"]\n',
        f"{T}.claims[1]",
        "'INV-AS-EQUAL' is listed twice",
    ),
    (
        "redefined-single",
        "[topologies.SINGLE]\n" + ROLE,
        "topologies.SINGLE",
        REGISTERED,
    ),
    (
        "redefined-active-active",
        "[topologies.ACTIVE_ACTIVE]\n" + ROLE,
        "topologies.ACTIVE_ACTIVE",
        REGISTERED,
    ),
]


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [pytest.param(*case[1:], id=case[0]) for case in MALFORMED],
)
def test_malformed_file_names_the_key_and_the_problem(
    tmp_path, text, key, problem
):
    path = tmp_path / "topologies.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == key
    assert error.source == str(path)
    if problem.startswith("invalid TOML: "):
        assert error.problem.startswith(problem)
    else:
        assert error.problem == problem
    assert str(error) == f"{path}, field {key!r}: {error.problem}"
    assert "\n" not in str(error)


def test_well_formed_variants_of_the_malformed_cases_load(tmp_path):
    """The malformed cases fail for their defect, not for the frame."""
    path = tmp_path / "topologies.toml"
    path.write_text(HEAD + ROLE + 'description = "ok"\n', encoding="utf-8")
    assert load_registry(path).get("T").roles == ("R",)


def test_redefining_a_topology_of_the_base(tmp_path):
    path = tmp_path / "again.toml"
    path.write_text(L3_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path, base=load_registry(L3_FILE))
    assert caught.value.field == "topologies.ACTIVE_ACTIVE_L3"


@pytest.mark.parametrize(
    "where",
    [
        pytest.param(lambda tmp: tmp / "missing.toml", id="missing"),
        pytest.param(lambda tmp: tmp, id="directory"),
    ],
)
def test_unreadable_file(tmp_path, where):
    path = where(tmp_path)
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path)
    assert caught.value.field == "topology-file"
    assert caught.value.source == str(path)


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[topologies.T]\ndescription = "caf\xe9"\n')
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path)
    assert caught.value.field == "topology-file"


def test_parse_topologies_names_its_source():
    with pytest.raises(AmphoraSetsError) as caught:
        parse_topologies("[topologies.t]\n" + ROLE, source="inline")
    assert caught.value.source == "inline"
    assert caught.value.field == "topologies.t"


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        ('{ sets = ["front", "front"] }', "sets[1]"),
        ('{ sets = ["front", "back"], min = 1001 }', "min"),
        ('{ sets = ["front", "back"], max = 100000000 }', "max"),
    ],
)
def test_duplicate_sets_and_huge_counts_are_rejected(spec, field):
    text = f"[topologies.BIG]\nroles.X = {spec}\n"
    with pytest.raises(AmphoraSetsError) as raised:
        parse_topologies(text)
    assert raised.value.field == f"topologies.BIG.roles.X.{field}"


def _topologies(count):
    return "".join(f"[topologies.T{i}]\n{ROLE}" for i in range(count))


def test_a_file_may_fill_the_registry_to_its_limit(tmp_path):
    room = MAX_TOPOLOGIES - len(BUILTIN_REGISTRY.names)
    path = tmp_path / "full.toml"
    path.write_text(_topologies(room), encoding="utf-8")
    assert len(load_registry(path).names) == MAX_TOPOLOGIES
    path.write_text(_topologies(room + 1), encoding="utf-8")
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path)
    assert caught.value.problem == (
        f"would make {MAX_TOPOLOGIES + 1} topologies in all, more than the "
        f"limit of {MAX_TOPOLOGIES}"
    )


def test_one_file_may_declare_as_many_topologies_as_the_limit():
    assert len(parse_topologies(_topologies(MAX_TOPOLOGIES))) == MAX_TOPOLOGIES
    with pytest.raises(AmphoraSetsError) as caught:
        parse_topologies(_topologies(MAX_TOPOLOGIES + 1))
    assert caught.value.problem == (
        f"declares {MAX_TOPOLOGIES + 1} topologies, more than the limit of "
        f"{MAX_TOPOLOGIES}"
    )


def test_a_description_may_hold_tabs_and_newlines():
    (topology,) = parse_topologies(
        HEAD + ROLE + 'description = """first\tline\nsecond line"""\n'
    )
    assert topology.description == "first\tline\nsecond line"


def test_like_names_a_topology_of_the_base_the_file_extends(tmp_path):
    path = tmp_path / "like.toml"
    path.write_text(HEAD + ROLE + 'like = "ACTIVE_ACTIVE_L3"\n', "utf-8")
    base = load_registry(L3_FILE)
    loaded = load_registry(path, base=base)
    assert loaded.get("T").claims == base.get("ACTIVE_ACTIVE_L3").claims
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path)  # the built-in registry has no such topology
    assert caught.value.field == "topologies.T.like"
