"""The mutation score of a mutmut run, leaving out message-only mutants.

Usage: python tools/mutation_score.py MUTANTS_DIR [EQUIVALENTS_TOML]

Reads mutmut's ``*.meta`` results under MUTANTS_DIR and each mutant's
function from the mutated sources beside them.  A mutant whose function
differs from the original only in string literals changes a message, not
behaviour: it is counted apart and left out of the score.

The score is (killed + timed out) / (every other mutant that was checked),
every survivor included.  EQUIVALENTS_TOML (default:
``equivalent_mutants.toml`` beside this tool) names two kinds of
survivor, counted apart:

``[[equivalent]]``
    a mutant no input can tell from the original.  Each entry quotes the
    line as mutated; an entry whose mutant no longer makes that change
    (the sources moved on and mutmut numbered its mutants afresh) is
    reported as stale and its mutant counted as a plain survivor.
``[[import_time]]``
    a function that runs only while its module is imported.  mutmut
    imports the package once and forks a worker per mutant, so no test
    can see such a function's mutants.

A second score leaves both kinds out.  Lists the other survivors by
name.  Exits 0.
"""

from __future__ import annotations

import ast
import difflib
import json
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import NamedTuple

KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {24, -24, 36, 152, 255}
NO_TESTS = {5, 33}
EQUIVALENTS = Path(__file__).with_name("equivalent_mutants.toml")


class _Blank(ast.NodeTransformer):
    """Every string literal replaced by the empty string."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(""), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return ast.copy_location(ast.Constant(""), node)


class _Function(NamedTuple):
    blanked: str
    """The body, dumped with every string blanked."""
    lines: tuple[str, ...]
    """The source lines, stripped, the def line's name left out."""


def _functions(source: Path) -> dict[str, _Function]:
    """Each function of ``source`` by name."""
    text = source.read_text(encoding="utf-8")
    tree = ast.parse(text)
    # Split once: ast.get_source_segment splits the whole text on every
    # call, which is quadratic in a file holding hundreds of mutants.
    source_lines = text.splitlines()
    out: dict[str, _Function] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            segment = source_lines[node.lineno - 1 : node.end_lineno]
            lines = [line.strip() for line in segment]
            if lines:
                lines[0] = lines[0].replace(node.name, "", 1)
            body = _Blank().visit(ast.Module(body=node.body, type_ignores=[]))
            out[node.name] = _Function(ast.dump(body), tuple(lines))
    return out


def _changed_lines(mutant: _Function, original: _Function) -> set[str]:
    """The lines the mutant has and the original has not, in order."""
    diff = difflib.ndiff(original.lines, mutant.lines)
    return {line[2:] for line in diff if line.startswith("+ ")}


def load_equivalents(path: Path) -> dict[str, dict[str, str]]:
    """The survivors counted apart, by name: each equivalent mutant with
    its ``line`` and ``reason``, and each import-time function (under
    its mangled name, as mutmut gives it) with its ``reason``.  No file,
    none."""
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for table, key, fields in (
        ("equivalent", "mutant", {"mutant", "line", "reason"}),
        ("import_time", "function", {"function", "reason"}),
    ):
        for entry in data.get(table, []):
            if fields - set(entry) or not entry["reason"].strip():
                raise ValueError(f"{path}: incomplete entry {entry}")
            out[entry[key]] = entry
    return out


def classify(
    mutants: Path, equivalents: dict[str, dict[str, str]] | None = None
) -> tuple[Counter[str], list[str]]:
    """Counts of each outcome, and the behavioural survivors (stale
    equivalence entries among them, marked so)."""
    equivalents = equivalents or {}
    counts: Counter[str] = Counter()
    survivors: list[str] = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        results = json.loads(meta.read_text(encoding="utf-8"))
        functions = _functions(meta.with_suffix(""))
        for key, code in results.get("exit_code_by_key", {}).items():
            name = key.rsplit(".", 1)[-1]
            original = name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
            mutant_fn = functions.get(name)
            original_fn = functions.get(original)
            message = (
                mutant_fn is not None
                and original_fn is not None
                and mutant_fn.blanked == original_fn.blanked
            )
            if code is None:
                outcome = "not checked"
            elif message:
                outcome = "message only"
            elif code in KILLED:
                outcome = "killed"
            elif code in TIMEOUT:
                outcome = "timeout"
            elif code in NO_TESTS:
                outcome = "no tests"
            elif code in SURVIVED:
                outcome = "survived"
            else:
                outcome = "suspicious"
            entry = equivalents.get(key)
            function = key.rsplit("__mutmut_", 1)[0]
            if outcome == "survived" and function in equivalents:
                outcome = "import time"
            elif outcome == "survived" and entry is not None:
                matches = (
                    mutant_fn is not None
                    and original_fn is not None
                    and entry["line"].strip()
                    in _changed_lines(mutant_fn, original_fn)
                )
                if matches:
                    outcome = "equivalent"
                else:
                    counts["stale equivalence"] += 1
                    survivors.append(f"{key} (stale equivalence entry)")
                    counts[outcome] += 1
                    continue
            counts[outcome] += 1
            if outcome in {"survived", "no tests", "suspicious"}:
                survivors.append(key)
    return counts, survivors


def main(argv: list[str]) -> int:
    """Print the counts, the two scores and the survivors."""
    mutants = Path(argv[1] if len(argv) > 1 else "mutants")
    equivalents = load_equivalents(
        Path(argv[2]) if len(argv) > 2 else EQUIVALENTS
    )
    counts, survivors = classify(mutants, equivalents)
    detected = counts["killed"] + counts["timeout"]
    undetected = counts["survived"] + counts["no tests"]
    undetected += counts["suspicious"]
    scored = detected + undetected
    scored += counts["equivalent"] + counts["import time"]
    for outcome, count in sorted(counts.items()):
        print(f"{outcome}: {count}")
    if scored:
        print(
            f"score: {detected}/{scored} = {100 * detected / scored:.1f}% "
            "of behavioural mutants killed"
        )
    if detected + undetected:
        print(
            "score without equivalent and import-time mutants: "
            f"{detected}/{detected + undetected}"
            f" = {100 * detected / (detected + undetected):.1f}%"
        )
    for key in survivors:
        print(f"survivor: {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
