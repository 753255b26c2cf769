"""``amphora-sets verify``: table, JSON schema and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amphora_sets.cli import main
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    Subject,
    applicable,
)

DATA = Path(__file__).parent / "data"


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    status = main(["verify", "--format", "json", *argv])
    return status, json.loads(capsys.readouterr().out)


def test_all_proved_exits_0_with_one_row_per_obligation_and_topology(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["verify"])
    out = capsys.readouterr().out.splitlines()
    definitions = sum(
        o.about is Subject.DEFINITIONS for o in OBLIGATIONS.values()
    )
    tables = sum(
        o.about is Subject.TABLE
        for t in BUILTIN_REGISTRY
        for o in applicable(t)
    )
    total = definitions + tables
    assert status == 0
    assert out[0].split() == [
        "ID",
        "TOPOLOGY",
        "VERDICT",
        "BOUND",
        "RLIMIT",
        "MS",
    ]
    assert len([line for line in out if " PROVED " in line]) == total
    assert out[-1].startswith(
        f"{total} results ({definitions} about the definitions, "
        f"{tables} about tables): "
    )
    assert ", 0 refuted, 0 vacuous, 0 unknown in " in out[-1]


def test_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, doc = _json(capsys, "--only", "INV-*")
    assert status == 0
    summary = doc["summary"]
    assert doc["schema"] == "amphora-sets.verify/2"
    assert summary["proved"] + summary["trivial"] == summary["total"] > 0
    assert summary["definitions"] + summary["table"] == summary["total"]
    assert summary["refuted"] == summary["vacuous"] == 0
    for entry in doc["obligations"]:
        assert entry["id"].startswith("INV-")
        assert entry["verdict"] == "proved"
        if entry["about"] == "definitions":
            assert entry["topology"] is None
            assert entry["basis"].startswith("every membership table")
        else:
            assert entry["about"] == "table"
            assert entry["topology"] in BUILTIN_REGISTRY
            assert entry["basis"] is None
        assert entry["trivial"] is (entry["reason"] is not None)
        assert entry["bound"] == "all sizes"
        assert isinstance(entry["rlimit_count"], int)
        assert "counterexample" not in entry


def test_topology_back_facing_but_not_front_facing_is_refuted_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, doc = _json(
        capsys, "--topology-file", str(DATA / "back_not_front.toml")
    )
    assert status == 1
    refuted = {
        e["id"]: e for e in doc["obligations"] if e["verdict"] == "refuted"
    }
    assert "INV-BACK-IN-FRONT" in refuted
    witness = refuted["INV-BACK-IN-FRONT"]["counterexample"]["lb"]
    assert witness.startswith(
        "LoadBalancer(id='lb-1', topology='BACK_NOT_FRONT'"
    )
    assert all(e["topology"] == "BACK_NOT_FRONT" for e in refuted.values())


def test_refutation_text_names_id_and_prints_counterexample(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(
        ["verify", "--topology-file", str(DATA / "back_not_front.toml")]
    )
    out = capsys.readouterr().out
    assert status == 1
    assert "REFUTED INV-BACK-IN-FRONT for BACK_NOT_FRONT" in out
    assert "  lb = LoadBalancer(" in out


def test_unknown_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, doc = _json(capsys, "--rlimit", "1", "--only", "OP-*")
    assert status == 2
    assert {e["verdict"] for e in doc["obligations"]} == {"unknown"}
    assert all(e["reason"] for e in doc["obligations"])


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--only", "NOPE-*"],
        ["verify", "--topology-file", "/nonexistent/topologies.toml"],
        ["verify", "--rlimit", "0"],
    ],
)
def test_bad_input_exits_2_with_one_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 or "usage:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--only", ""],
        ["verify", "--rlimit", str(2**32)],
        ["verify", "--rlimit", "lots"],
    ],
)
def test_empty_globs_and_budgets_z3_cannot_take_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err
