"""The `show` subcommand and the plumbing every subcommand shares."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import amphora_sets
from amphora_sets.cli import main
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    STATUS_RULES,
    Registry,
    SetKind,
)
from package_env import package_env

EXTRA_TOPOLOGY = """\
[topologies.ACTIVE_ACTIVE_L3]
description = "BGP/ECMP distribution; no VRRP."
roles.IN_CLUSTER = { sets = ["front", "back"], min = 1 }
"""


def expected_json(registry: Registry) -> dict[str, object]:
    """The documented JSON schema, built straight from the registry."""
    return {
        "topologies": [
            {
                "name": topology.name,
                "description": topology.description,
                "roles": [
                    {
                        "role": row.role,
                        "front": SetKind.FRONT in row.sets,
                        "back": SetKind.BACK in row.sets,
                        "vrrp": SetKind.VRRP in row.sets,
                        "min": row.cardinality.minimum,
                        "max": row.cardinality.maximum,
                    }
                    for row in topology.rows
                ],
            }
            for topology in registry
        ]
    }


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(["show", "--format", "json", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def assert_one_line_error(err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("amphora-sets: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def test_json_lists_every_registered_topology(capsys):
    assert run_json(capsys) == expected_json(BUILTIN_REGISTRY)


def test_json_of_one_named_topology(capsys):
    document = run_json(capsys, "ACTIVE_ACTIVE")
    [topology] = document["topologies"]
    assert topology == expected_json(BUILTIN_REGISTRY)["topologies"][2]
    assert topology["name"] == "ACTIVE_ACTIVE"


def test_json_statuses_match_the_status_rule(capsys):
    document = run_json(capsys, "--statuses")
    assert document["statuses"] == [
        {
            "status": rule.status,
            "live": rule.live,
            "seated": rule.seated,
            "why": rule.why,
        }
        for rule in STATUS_RULES.values()
    ]


def test_text_shows_every_row_and_cardinality(capsys):
    assert main(["show"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    for topology in BUILTIN_REGISTRY:
        assert topology.name in lines
        for row in topology.rows:
            marks = ["yes" if kind in row.sets else "-" for kind in SetKind]
            expected = [row.role, *marks, str(row.cardinality)]
            assert any(line.split() == expected for line in lines), row
    assert "2..*" in out
    assert all(len(line) <= 79 for line in lines)


def test_text_statuses(capsys):
    assert main(["show", "SINGLE", "--statuses"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split()[:3] == ["DELETED", "-", "-"] for line in lines)
    assert any(
        line.split()[:3] == ["PENDING_DELETE", "yes", "-"] for line in lines
    )


def test_unknown_topology_is_a_one_line_error(capsys):
    assert main(["show", "NOPE"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_one_line_error(err, "NOPE", "ACTIVE_STANDBY")


def test_broken_toml_names_the_key(capsys, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(
        "[topologies.BROKEN]\n"
        'roles.IN_CLUSTER = { sets = ["front", "sideways"], min = 1 }\n',
        encoding="utf-8",
    )
    assert main(["show", "--topology-file", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_one_line_error(
        err, str(path), "topologies.BROKEN.roles.IN_CLUSTER.sets[1]"
    )


def test_unparseable_toml_is_a_one_line_error(capsys, tmp_path):
    path = tmp_path / "garbage.toml"
    path.write_text("[topologies.X\nroles = \n", encoding="utf-8")
    assert main(["show", "--topology-file", str(path)]) == 2
    assert_one_line_error(capsys.readouterr().err, "invalid TOML")


def test_missing_topology_file_is_a_one_line_error(capsys, tmp_path):
    path = tmp_path / "absent.toml"
    assert main(["show", "--topology-file", str(path)]) == 2
    assert_one_line_error(capsys.readouterr().err, str(path), "cannot read")


def test_topology_file_adds_its_topology(capsys, tmp_path):
    path = tmp_path / "l3.toml"
    path.write_text(EXTRA_TOPOLOGY, encoding="utf-8")
    document = run_json(capsys, "--topology-file", str(path))
    extended = amphora_sets.load_registry(path)
    assert document == expected_json(extended)
    assert [t["name"] for t in document["topologies"]] == [
        *BUILTIN_REGISTRY.names,
        "ACTIVE_ACTIVE_L3",
    ]
    assert document["topologies"][-1]["roles"] == [
        {
            "role": "IN_CLUSTER",
            "front": True,
            "back": True,
            "vrrp": False,
            "min": 1,
            "max": None,
        }
    ]


def test_topology_file_topology_can_be_named(capsys, tmp_path):
    path = tmp_path / "l3.toml"
    path.write_text(EXTRA_TOPOLOGY, encoding="utf-8")
    assert (
        main(["show", "ACTIVE_ACTIVE_L3", "--topology-file", str(path)]) == 0
    )
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "ACTIVE_ACTIVE_L3"
    assert "BGP/ECMP distribution; no VRRP." in out


@pytest.mark.parametrize("argv", [["--help"], ["show", "--help"]])
def test_help_exits_zero(capsys, argv):
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith("usage: amphora-sets")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"amphora-sets {amphora_sets.__version__}"
    )


@pytest.mark.parametrize(
    "argv",
    [[], ["nonsense"], ["show", "--format", "yaml"], ["show", "A", "B"]],
)
def test_usage_errors_exit_two(capsys, argv):
    assert main(argv) == 2
    assert "usage: amphora-sets" in capsys.readouterr().err


def test_python_dash_m_prints_the_registry_as_json():
    completed = subprocess.run(
        [sys.executable, "-m", "amphora_sets", "show", "--format", "json"],
        capture_output=True,
        text=True,
        env=package_env(),
        check=False,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert json.loads(completed.stdout) == expected_json(BUILTIN_REGISTRY)
