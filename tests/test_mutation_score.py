"""``tools/mutation_score.py``: message-only mutants are counted apart."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

TOOL = Path(__file__).parent.parent / "tools" / "mutation_score.py"
spec = importlib.util.spec_from_file_location("mutation_score", TOOL)
mutation_score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutation_score)

SOURCE = """
def x_f__mutmut_orig(a):
    if a > 1:
        raise ValueError(f"too big: {a}")
    return a

def x_f__mutmut_1(a):
    if a > 1:
        raise ValueError(f"XXtoo big: {a}XX")
    return a

def x_f__mutmut_2(a):
    if a >= 1:
        raise ValueError(f"too big: {a}")
    return a

def x_f__mutmut_3(a):
    if a > 2:
        raise ValueError(f"too big: {a}")
    return a

def x_f__mutmut_4(a):
    return None
"""


def test_message_mutants_are_left_out_of_the_score(tmp_path, capsys):
    module = tmp_path / "src" / "pkg" / "m.py"
    module.parent.mkdir(parents=True)
    module.write_text(SOURCE, encoding="utf-8")
    codes = {"1": 0, "2": 1, "3": 0, "4": None}
    meta = {
        "exit_code_by_key": {
            f"pkg.m.x_f__mutmut_{n}": code for n, code in codes.items()
        }
    }
    (tmp_path / "src" / "pkg" / "m.py.meta").write_text(
        json.dumps(meta), encoding="utf-8"
    )
    counts, survivors = mutation_score.classify(tmp_path)
    assert counts == {
        "message only": 1,
        "killed": 1,
        "survived": 1,
        "not checked": 1,
    }
    assert survivors == ["pkg.m.x_f__mutmut_3"]
    assert mutation_score.main(["x", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "score: 1/2 = 50.0% of behavioural mutants killed" in out
    assert "without equivalent and import-time mutants: 1/2 = 50.0%" in out
    assert "survivor: pkg.m.x_f__mutmut_3" in out


def _write_run(tmp_path: Path, codes: dict[str, int | None]) -> None:
    module = tmp_path / "src" / "pkg" / "m.py"
    module.parent.mkdir(parents=True)
    module.write_text(SOURCE, encoding="utf-8")
    meta = {
        "exit_code_by_key": {
            f"pkg.m.x_f__mutmut_{n}": code for n, code in codes.items()
        }
    }
    (tmp_path / "src" / "pkg" / "m.py.meta").write_text(
        json.dumps(meta), encoding="utf-8"
    )


EQUIVALENT = """
[[equivalent]]
mutant = "pkg.m.x_f__mutmut_3"
line = "{line}"
reason = "a is never 2"
"""


def test_listed_equivalents_are_scored_both_ways(tmp_path, capsys):
    _write_run(tmp_path, {"1": 0, "2": 1, "3": 0, "4": 0})
    listed = tmp_path / "equivalent.toml"
    listed.write_text(EQUIVALENT.format(line="if a > 2:"), encoding="utf-8")
    equivalents = mutation_score.load_equivalents(listed)
    counts, survivors = mutation_score.classify(tmp_path, equivalents)
    assert counts == {
        "message only": 1,
        "killed": 1,
        "equivalent": 1,
        "survived": 1,
    }
    assert survivors == ["pkg.m.x_f__mutmut_4"]
    mutation_score.main(["x", str(tmp_path), str(listed)])
    out = capsys.readouterr().out
    assert "score: 1/3 = 33.3% of behavioural mutants killed" in out
    assert "without equivalent and import-time mutants: 1/2 = 50.0%" in out


def test_an_entry_whose_mutant_changed_is_stale_and_still_a_survivor(
    tmp_path,
):
    _write_run(tmp_path, {"3": 0})
    listed = tmp_path / "equivalent.toml"
    listed.write_text(EQUIVALENT.format(line="if a >= 1:"), encoding="utf-8")
    equivalents = mutation_score.load_equivalents(listed)
    counts, survivors = mutation_score.classify(tmp_path, equivalents)
    assert counts == {"survived": 1, "stale equivalence": 1}
    assert survivors == ["pkg.m.x_f__mutmut_3 (stale equivalence entry)"]


def test_survivors_of_an_import_time_function_are_scored_both_ways(
    tmp_path, capsys
):
    _write_run(tmp_path, {"2": 1, "3": 0, "4": 0})
    listed = tmp_path / "equivalent.toml"
    listed.write_text(
        '[[import_time]]\nfunction = "pkg.m.x_f"\n'
        'reason = "builds a table while pkg.m is imported"\n',
        encoding="utf-8",
    )
    equivalents = mutation_score.load_equivalents(listed)
    counts, survivors = mutation_score.classify(tmp_path, equivalents)
    assert counts == {"killed": 1, "import time": 2}
    assert survivors == []
    mutation_score.main(["x", str(tmp_path), str(listed)])
    out = capsys.readouterr().out
    assert "score: 1/3 = 33.3% of behavioural mutants killed" in out
    assert "without equivalent and import-time mutants: 1/1 = 100.0%" in out


def test_a_killed_mutant_listed_as_equivalent_counts_as_killed(tmp_path):
    _write_run(tmp_path, {"3": 1})
    listed = tmp_path / "equivalent.toml"
    listed.write_text(EQUIVALENT.format(line="if a > 2:"), encoding="utf-8")
    equivalents = mutation_score.load_equivalents(listed)
    counts, _ = mutation_score.classify(tmp_path, equivalents)
    assert counts == {"killed": 1}


def test_an_entry_without_a_reason_is_refused(tmp_path):
    listed = tmp_path / "equivalent.toml"
    listed.write_text(
        '[[equivalent]]\nmutant = "pkg.m.x_f__mutmut_3"\n'
        'line = "if a > 2:"\nreason = " "\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="incomplete entry"):
        mutation_score.load_equivalents(listed)


def test_the_project_file_names_mutants_and_functions_of_the_package():
    listed = mutation_score.load_equivalents(mutation_score.EQUIVALENTS)
    assert listed
    for name, entry in listed.items():
        assert name == entry.get("mutant", entry.get("function"))
        assert name.startswith("amphora_sets."), name
