"""The conformance vectors validate against their schema and replay."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

jsonschema = pytest.importorskip("jsonschema")

from amphora_sets import (  # noqa: E402
    SetKind,
    amphora_delta,
    lifecycle,
    load_balancer_from,
)
from amphora_sets.cli import main  # noqa: E402
from amphora_sets.registry import parse_topologies  # noqa: E402
from amphora_sets.registry.statuses import AMPHORA_STATUSES  # noqa: E402
from amphora_sets.registry.topologies import BUILTIN_REGISTRY  # noqa: E402
from amphora_sets.registry.vocabulary import DELETED  # noqa: E402
from amphora_sets.vectors import FAMILIES  # noqa: E402
from amphora_sets.vectors.cases import (  # noqa: E402
    FOREIGN_ID,
    family_document,
    samples,
    script,
)
from amphora_sets.vectors.files import write_vectors  # noqa: E402


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


# The tests below compute the cases in the test itself, not through the
# module's fixture, so that each follows the code it checks.

DIGESTS = Path(__file__).parent / "data" / "vectors.sha256"


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_case_is_the_model_s_answer_to_its_own_inputs(
    family: str,
) -> None:
    cases = family_document(family)["cases"]
    assert cases
    assert [n for c in cases for n in replay(family, c)] == []


def test_the_subsets_are_none_nothing_and_every_other_id_plus_a_stranger():
    pairs = {}
    for case in family_document("delta")["cases"]:
        pair = json.dumps([case["old"], case["new"]])
        pairs.setdefault(pair, []).append(case)
    for cases in pairs.values():
        old, new = cases[0]["old"], cases[0]["new"]
        both = list(
            dict.fromkeys(a["id"] for a in old["amphorae"] + new["amphorae"])
        )
        assert sorted({json.dumps(c["among"]) for c in cases}) == sorted(
            json.dumps(a) for a in (None, [], [*both[::2], FOREIGN_ID])
        )


def _count(lb: Any, role: str) -> int:
    return sum(a.role == role for a in lb.amphorae)


def test_the_samples_hold_every_role_at_every_status() -> None:
    for topology in BUILTIN_REGISTRY:
        settled, every, empty = samples(topology, BUILTIN_REGISTRY)
        ids = [a.id for a in settled.amphorae]
        assert ids == [f"amp-{n}" for n in range(1, len(ids) + 1)]
        assert all(a.assigned and a.live for a in settled.amphorae)
        # One more of each role that may grow than the load balancer was
        # created with.
        created = lifecycle.create(
            "lb", topology.name, iter(ids), BUILTIN_REGISTRY
        ).lb
        grown = lifecycle.scalable_roles(created, grow=True)
        for role in grown:
            assert _count(settled, role) == _count(created, role) + 1
        assert len(ids) == len(created.amphorae) + len(grown)
        expected = [
            (f"{role or 'none'}-{status}".lower().replace("_", "-"), role)
            for role in (*topology.roles, None)
            for status in AMPHORA_STATUSES
        ]
        assert [(a.id, a.role) for a in every.amphorae[:-1]] == expected
        assert [a.status for a in every.amphorae[:-1]] == [
            status
            for _ in (*topology.roles, None)
            for status in AMPHORA_STATUSES
        ]
        last = every.amphorae[-1]
        assert (last.id, last.role, last.status) == (
            "retired-deleted",
            "RETIRED",
            DELETED,
        )
        assert empty.amphorae == ()


def test_the_files_are_the_ones_this_version_publishes(tmp_path) -> None:
    """The vectors are a published artefact: a change to any byte is a
    change of what implementations are tested against, so it must be
    made on purpose.  After such a change, bump FORMAT if old readers
    would misread the files, and write the new digests with
    ``amphora-sets vectors OUT && (cd OUT && sha256sum *.json *.txt)``.
    """
    write_vectors(tmp_path)
    want = dict(
        reversed(line.split("  ", 1))
        for line in DIGESTS.read_text(encoding="utf-8").splitlines()
    )
    got = {
        name: hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        for name in want
    }
    assert got == want
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(want)
    # ASCII, so no locale can write them otherwise (see
    # tools/equivalent_mutants.toml).
    assert all((tmp_path / name).read_bytes().isascii() for name in want)


def test_the_script_scales_one_role_out_and_in() -> None:
    """Of the roles that may grow, the script scales the first alone."""
    (topology,) = parse_topologies(
        "[topologies.TWO_GROW]\n"
        'roles.A = { sets = ["front", "back"], min = 1, max = 2 }\n'
        'roles.B = { sets = ["front", "back"], min = 1 }\n'
    )
    registry = BUILTIN_REGISTRY.extended([topology])
    steps = script(topology, registry)
    marked = [
        i
        for i, step in enumerate(steps)
        if step.name.startswith("scale out: marked")
    ]
    assert len(marked) == 1
    (grown,) = set(steps[marked[0]].lb.amphorae) - set(
        steps[marked[0] - 1].lb.amphorae
    )
    assert grown.role == "A"
    assert [s.name for s in steps].count("scale in: deleted") == 1
