"""write_vectors: which files it writes, where, in what form, for which
registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amphora_sets import AmphoraSetsError, load_registry
from amphora_sets.vectors import FAMILIES
from amphora_sets.vectors.files import write_vectors
from example_topologies import L3_FILE


def test_it_creates_missing_parents_and_returns_every_path(
    tmp_path: Path,
) -> None:
    out = tmp_path / "a" / "b"
    written = write_vectors(out)
    assert written == [
        *(out / f"{family}.json" for family in FAMILIES),
        out / "schema.json",
        out / "README.txt",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        p.name for p in written
    )


def test_each_json_file_has_one_space_indents_and_a_final_newline(
    tmp_path: Path,
) -> None:
    for path in write_vectors(tmp_path):
        if path.suffix != ".json":
            continue
        text = path.read_text(encoding="utf-8")
        document = json.loads(text)
        assert text == (
            json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        ), path.name
        assert text.startswith('{\n "')


def test_the_vectors_come_from_the_registry_given(tmp_path: Path) -> None:
    registry = load_registry(L3_FILE)
    written = write_vectors(tmp_path, registry)
    text = "".join(p.read_text(encoding="utf-8") for p in written[:-2])
    assert "ACTIVE_ACTIVE_L3" in text
    builtin = write_vectors(tmp_path / "builtin")
    assert "ACTIVE_ACTIVE_L3" not in "".join(
        p.read_text(encoding="utf-8") for p in builtin[:-2]
    )


def test_an_out_dir_that_is_a_file_is_named_in_the_error(
    tmp_path: Path,
) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    with pytest.raises(AmphoraSetsError) as caught:
        write_vectors(target)
    assert caught.value.field == "OUT_DIR"
    assert caught.value.problem == f"{target} is not a directory"
