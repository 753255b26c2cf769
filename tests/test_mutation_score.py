"""``tools/mutation_score.py``: message-only mutants are counted apart."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

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
    assert "survivor: pkg.m.x_f__mutmut_3" in out
