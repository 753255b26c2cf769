"""The mutation score of a mutmut run, leaving out message-only mutants.

Usage: python tools/mutation_score.py MUTANTS_DIR

Reads mutmut's ``*.meta`` results under MUTANTS_DIR and each mutant's
function from the mutated sources beside them.  A mutant whose function
differs from the original only in string literals changes a message, not
behaviour: it is counted apart and left out of the score.  The score is
(killed + timed out) / (every other mutant that was checked).  Lists the
surviving behavioural mutants by name.  Exits 0.
"""

from __future__ import annotations

import ast
import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {24, -24, 36, 152, 255}
NO_TESTS = {5, 33}


class _Blank(ast.NodeTransformer):
    """Every string literal replaced by the empty string."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(""), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        return ast.copy_location(ast.Constant(""), node)


def _functions(source: Path) -> dict[str, str]:
    """Each function of ``source`` by name, dumped with strings blanked."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = _Blank().visit(ast.Module(body=node.body, type_ignores=[]))
            out[node.name] = ast.dump(body)
    return out


def classify(mutants: Path) -> tuple[Counter[str], list[str]]:
    """Counts of each outcome, and the behavioural survivors."""
    counts: Counter[str] = Counter()
    survivors: list[str] = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        results = json.loads(meta.read_text(encoding="utf-8"))
        functions = _functions(meta.with_suffix(""))
        for key, code in results.get("exit_code_by_key", {}).items():
            name = key.rsplit(".", 1)[-1]
            original = name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"
            message = (
                name in functions
                and original in functions
                and functions[name] == functions[original]
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
            counts[outcome] += 1
            if outcome in {"survived", "no tests", "suspicious"}:
                survivors.append(key)
    return counts, survivors


def main(argv: list[str]) -> int:
    """Print the counts, the score and the survivors."""
    mutants = Path(argv[1] if len(argv) > 1 else "mutants")
    counts, survivors = classify(mutants)
    detected = counts["killed"] + counts["timeout"]
    scored = detected + counts["survived"] + counts["no tests"]
    scored += counts["suspicious"]
    for outcome, count in sorted(counts.items()):
        print(f"{outcome}: {count}")
    if scored:
        print(
            f"score: {detected}/{scored} = {100 * detected / scored:.1f}% "
            "of behavioural mutants killed"
        )
    for key in survivors:
        print(f"survivor: {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
