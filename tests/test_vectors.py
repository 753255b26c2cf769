"""The conformance vectors validate against their schema and replay."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from amphora_sets import SetKind, amphora_delta, load_balancer_from  # noqa: E402
from amphora_sets.cli import main  # noqa: E402
from amphora_sets.vectors import FAMILIES  # noqa: E402


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vectors")
    assert main(["vectors", str(path)]) == 0
    return path


def _load(out_dir: Path, name: str) -> Any:
    return json.loads((out_dir / name).read_text(encoding="utf-8"))


def _validator(out_dir: Path) -> Any:
    schema = _load(out_dir, "schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _ids(amphorae: Any) -> list[str]:
    return [a.id for a in amphorae]


def _sets(lb: Any) -> dict[str, list[str]]:
    lb = load_balancer_from(lb)
    return {kind.value: _ids(lb.select(kind)) for kind in SetKind}


def replay(family: str, case: dict[str, Any]) -> list[str]:
    """What the model computes for ``case``, where it differs: names."""
    if family == "sets":
        got = [_sets(case["load_balancer"])]
        want = [case["expected"]]
    elif family == "selection":
        lb = load_balancer_from(case["load_balancer"])
        got = [_ids(lb.select(case["kind"], case["among"]))]
        want = [case["expected"]]
    elif family == "delta":
        delta = amphora_delta(
            case["old"], case["new"], case["kind"], case["among"]
        )
        got = [{"added": _ids(delta.added), "removed": _ids(delta.removed)}]
        want = [case["expected"]]
    else:
        got = [_sets(step["load_balancer"]) for step in case["steps"]]
        want = [step["expected"] for step in case["steps"]]
    return [case["name"]] if got != want else []


@pytest.mark.parametrize("family", list(FAMILIES))
def test_a_family_validates_and_replays(out_dir: Path, family: str) -> None:
    document = _load(out_dir, f"{family}.json")
    _validator(out_dir).validate(document)
    assert document["family"] == family
    assert len(document["cases"]) >= 3  # at least one per topology
    assert [n for c in document["cases"] for n in replay(family, c)] == []


def test_every_family_holds_cases_that_differ(out_dir: Path) -> None:
    selection = _load(out_dir, "selection.json")["cases"]
    assert {tuple(c["expected"]) == () for c in selection} == {True, False}
    delta = _load(out_dir, "delta.json")["cases"]
    assert any(c["expected"]["added"] for c in delta)
    assert any(c["expected"]["removed"] for c in delta)
    steps = _load(out_dir, "lifecycle.json")["cases"][0]["steps"]
    assert len({json.dumps(s["expected"]) for s in steps}) > 2


def test_a_wrong_expectation_fails_the_replay(out_dir: Path) -> None:
    case = copy.deepcopy(_load(out_dir, "sets.json")["cases"][0])
    case["expected"]["vrrp"] = case["expected"]["front"]
    assert replay("sets", case) == [case["name"]]


@pytest.mark.parametrize(
    ("family", "change"),
    [
        (
            "sets",
            lambda c: c["load_balancer"]["amphorae"][0].update(status="UP"),
        ),
        ("selection", lambda c: c.update(kind="sideways")),
        ("delta", lambda c: c.update(among="m")),
        ("lifecycle", lambda c: c["steps"][0].pop("expected")),
        ("sets", lambda c: c["load_balancer"]["amphorae"][0].update(id="")),
    ],
)
def test_the_schema_refuses_malformed_cases(out_dir, family, change) -> None:
    document = _load(out_dir, f"{family}.json")
    change(document["cases"][0])
    with pytest.raises(jsonschema.ValidationError):
        _validator(out_dir).validate(document)


def test_the_files_are_the_same_on_every_run(out_dir, tmp_path) -> None:
    assert main(["vectors", str(tmp_path)]) == 0
    for path in out_dir.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_the_readme_names_every_family(out_dir: Path) -> None:
    readme = (out_dir / "README.txt").read_text(encoding="utf-8")
    for family in FAMILIES:
        assert f"{family}.json" in readme


def test_an_out_dir_that_is_a_file_is_bad_input(tmp_path, capsys) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    assert main(["vectors", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "OUT_DIR" in err
