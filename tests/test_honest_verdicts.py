"""What a verdict means for a user's own topology: claims by declared
intent, vacuity at every level, and proofs about the definitions apart."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from amphora_sets.cli import main
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    Subject,
    load_registry,
)
from amphora_sets.solver import Verdict, verify
from amphora_sets.solver.runner import BASIS

DATA = Path(__file__).parent / "data"


def _by_id(results, topology):
    return {r.obligation.id: r for r in results if r.topology == topology}


def test_like_active_standby_with_backup_not_back_facing_is_refuted():
    registry = load_registry(DATA / "as_backup_not_back_facing.toml")
    results = _by_id(verify(registry), "AS_BACKUP_FRONT_ONLY")
    equal = results["INV-AS-EQUAL"]
    assert equal.verdict is Verdict.REFUTED
    lb = equal.values["lb"]
    assert set(lb.front_facing_amphorae) != set(lb.back_facing_amphorae)
    assert "role='BACKUP'" in equal.counterexample["lb"]
    # like = "ACTIVE_STANDBY" takes on Active-Standby's loops of today too
    assert results["BC-BACK-NOT-DELETED"].verdict is Verdict.REFUTED


def test_a_file_declares_claims_by_id_and_like_takes_them_all():
    registry = load_registry(DATA / "as_backup_not_back_facing.toml")
    copy = registry.get("AS_BACKUP_FRONT_ONLY")
    active_standby = BUILTIN_REGISTRY.get("ACTIVE_STANDBY")
    assert copy.claims == active_standby.claims
    assert copy.legacy == active_standby.legacy


def test_without_a_declaration_no_topology_specific_claim_applies():
    registry = load_registry(DATA / "active_active_l3.toml")
    ids = set(_by_id(verify(registry), "ACTIVE_ACTIVE_L3"))
    declared = {o.id for o in OBLIGATIONS.values() if o.id.startswith("BC-")}
    declared |= {"INV-AS-EQUAL", "INV-SINGLE-NO-VRRP"}
    assert not ids & declared


def test_no_vrrp_role_makes_vrrp_claims_trivial(capsys):
    path = str(DATA / "active_active_l3.toml")
    results = _by_id(
        verify(load_registry(path), only="INV-VRRP-*"), "ACTIVE_ACTIVE_L3"
    )
    for obligation_id, missing in [
        ("INV-VRRP-IN-FRONT", "no VRRP-running amphora"),
        ("INV-VRRP-PEERED", "no seated VRRP-running amphora"),
    ]:
        result = results[obligation_id]
        assert result.verdict is Verdict.PROVED
        assert result.trivial
        assert result.reason == f"trivial: {missing}"
    assert (
        main(
            ["verify", "--only", "INV-VRRP-IN-FRONT", "--topology-file", path]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert (
        "INV-VRRP-IN-FRONT  ACTIVE_ACTIVE_L3  "
        "PROVED (trivial: no VRRP-running amphora)"
    ) in out
    # SINGLE runs no VRRP either
    assert "2 trivially proved" in out.splitlines()[-1]


def test_trivial_proofs_are_counted_apart_in_json(capsys):
    path = str(DATA / "active_active_l3.toml")
    status = main(
        [
            "verify",
            "--format",
            "json",
            "--only",
            "INV-VRRP-*",
            "--topology-file",
            path,
        ]
    )
    doc = json.loads(capsys.readouterr().out)
    assert status == 0
    trivial = [e for e in doc["obligations"] if e["trivial"]]
    assert {(e["id"], e["topology"]) for e in trivial} >= {
        ("INV-VRRP-IN-FRONT", "ACTIVE_ACTIVE_L3"),
        ("INV-VRRP-PEERED", "ACTIVE_ACTIVE_L3"),
    }
    assert doc["summary"]["trivial"] == len(trivial)
    assert doc["summary"]["proved"] == doc["summary"]["total"] - len(trivial)


def test_every_role_with_max_zero_is_vacuous_not_refuted(capsys):
    path = str(DATA / "all_max_zero.toml")
    results = _by_id(verify(load_registry(path)), "ALL_MAX_ZERO")
    for obligation_id in ("OP-FAILOVER-WINDOW", "OP-FAILOVER-DONE"):
        result = results[obligation_id]
        assert result.verdict is Verdict.VACUOUS
        assert result.reason == "the hypotheses are unsatisfiable"
        assert result.counterexample is None
    # what is refuted is refuted with a counterexample: the empty one
    for result in results.values():
        if result.verdict is Verdict.REFUTED:
            assert result.counterexample
    status = main(
        ["verify", "--only", "OP-FAILOVER-*", "--topology-file", path]
    )
    out = capsys.readouterr().out
    assert status == 1
    assert "VACUOUS OP-FAILOVER-DONE for ALL_MAX_ZERO" in out
    assert "  reason: the hypotheses are unsatisfiable" in out
    assert "2 vacuous" in out.splitlines()[-1]


def test_definitions_are_proved_once_per_run_with_their_basis():
    registry = load_registry(DATA / "active_active_n_plus_1.toml")
    results = verify(registry)
    about_definitions = [r for r in results if r.topology is None]
    expected = {
        o.id for o in OBLIGATIONS.values() if o.about is Subject.DEFINITIONS
    }
    assert [r.obligation.id for r in about_definitions] == [
        o for o in OBLIGATIONS if o in expected
    ]
    for result in about_definitions:
        assert result.verdict is Verdict.PROVED
        assert result.basis == BASIS
        assert result.label == "(definitions)"
    for result in results:
        if result.topology is not None:
            assert result.obligation.about is Subject.TABLE


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('like = "NOPE"', "topologies.T.like"),
        ("like = 3", "topologies.T.like"),
        ('claims = "INV-AS-EQUAL"', "topologies.T.claims"),
        ('claims = ["INV-BACK-IN-FRONT"]', "topologies.T.claims[0]"),
        ('claims = ["BC-BACK-NOT-DELETED"]', "topologies.T.claims[0]"),
        (
            'claims = ["INV-AS-EQUAL", "INV-AS-EQUAL"]',
            "topologies.T.claims[1]",
        ),
    ],
)
def test_bad_declarations_name_their_key(text, key, tmp_path):
    from amphora_sets.errors import AmphoraSetsError

    path = tmp_path / "t.toml"
    path.write_text(
        f"[topologies.T]\n{text}\n"
        'roles.X = { sets = ["front", "back"], min = 1 }\n',
        encoding="utf-8",
    )
    with pytest.raises(AmphoraSetsError) as caught:
        load_registry(path)
    assert caught.value.field == key
    assert caught.value.source == str(path)


def test_claims_listed_by_id_apply(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        "[topologies.T]\n"
        'claims = ["INV-AA-DISTRIBUTORS-FRONT-ONLY"]\n'
        'roles.D = { sets = ["front", "back", "vrrp"], min = 2, max = 2 }\n',
        encoding="utf-8",
    )
    results = _by_id(verify(load_registry(path)), "T")
    assert results["INV-AA-DISTRIBUTORS-FRONT-ONLY"].verdict is (
        Verdict.REFUTED
    )
    assert "INV-AS-EQUAL" not in results


def test_readme_lists_exactly_the_claims_a_topology_can_declare():
    from amphora_sets.registry.obligations import DECLARABLE

    readme = (Path(__file__).parent.parent / "README.rst").read_text(
        encoding="utf-8"
    )
    start = readme.index("The claims a topology can declare are")
    sentence = readme[start : readme.index(".\n", start)]
    listed = set(re.findall(r"``([A-Z-]+)``", sentence))
    assert listed == DECLARABLE
