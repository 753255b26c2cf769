"""``python -m octavia_trace``: trace both trees, check, report.

Exit status 0 if every traced call touched exactly what the model
selects (deliberate differences excepted), no flow logged an ERROR or
"Skipping" line or reverted, the orphan was deleted, and the report in
the docs is current; 1 otherwise; 2 if a tree could not be traced.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from octavia_trace import report, trees
from octavia_trace.routes import router_for
from octavia_trace.verdict import judge_all

REPORT = trees.REPO / "doc" / "source" / "trace_report.inc"


def trace(scratch: Path, series: Path = trees.SERIES) -> dict[str, dict]:
    """Trace the installed 19.0.0 and, if the series exists, the patched
    tree, in parallel; each tree's result."""
    todo: dict[str, Path | None] = {trees.UNPATCHED: None}
    if trees.patches(series):
        todo[trees.PATCHED] = trees.patched_tree(scratch, series)
    running = {
        name: trees.start(scratch / f"{name}.json", tree)
        for name, tree in todo.items()
    }
    return {
        name: trees.finish(process, scratch / f"{name}.json")
        for name, process in running.items()
    }


def main(argv: list[str] | None = None) -> int:
    """Run the trace; see the module docstring for the exit status."""
    parser = argparse.ArgumentParser(prog="python -m octavia_trace")
    parser.add_argument(
        "--mapping", type=Path, help="audit mapping file (default: packaged)"
    )
    parser.add_argument(
        "--write-report",
        action="store_true",
        help=f"rewrite {REPORT.relative_to(trees.REPO)} instead of checking",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="octavia-trace-") as scratch:
        try:
            results = trace(Path(scratch))
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 2
    router = router_for(results[trees.UNPATCHED], args.mapping)
    verdicts = judge_all(results, router)
    failures = [
        f"{tree}: {line}"
        for tree, verdict in verdicts.items()
        for line in verdict.failures
    ]
    text = report.render(verdicts, results)
    if args.write_report:
        REPORT.write_text(text)
    elif not REPORT.is_file() or REPORT.read_text() != text:
        failures.append(
            f"{REPORT.name} is not current: run "
            "python -m octavia_trace --write-report"
        )
    for tree, verdict in verdicts.items():
        print(
            f"{tree}: {len(verdict.observations)} observations, "
            f"{len(verdict.excused)} deliberate, "
            f"{len(verdict.failures)} failures"
        )
    for line in failures:
        print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
