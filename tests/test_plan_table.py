"""The plan counts in the docs and the spec are the benchmark's own."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import plan_bench  # noqa: E402

DOC = ROOT / "doc" / "source" / "plumbing.rst"
SPEC = ROOT / "specs" / "version20.0" / "amphora-sets.rst"


def _between_markers(text: str) -> str:
    found = re.search(
        r"\.\. plan-table-start\n(.*?)\n\.\. plan-table-end", text, re.S
    )
    assert found, "no plan-table-start/end markers"
    return found.group(1).strip()


@pytest.fixture(scope="module")
def rows() -> list[plan_bench.Row]:
    return plan_bench.count_rows()


def test_the_docs_table_is_the_benchmarks(rows) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert _between_markers(text) == plan_bench.table(rows)


def test_the_spec_table_is_the_benchmarks(rows) -> None:
    """The spec's Performance Impact prints the benchmark's grid."""
    assert plan_bench.grid(rows) in SPEC.read_text(encoding="utf-8")


def test_scaling_by_one_costs_no_more_at_1024_than_at_8(rows) -> None:
    ops = {(r.n, r.change): r.plan_ops for r in rows}
    assert ops[(1024, 1)] <= ops[(8, 1)]
    assert ops[(1024, -1)] <= ops[(8, -1)]
    assert max(ops[(n, c)] for n, c in ops if abs(c) == 1) <= 10


def test_a_changed_count_is_caught(rows) -> None:
    changed = [*rows[:-1], plan_bench.Row(1024, -512, 1, 1)]
    assert plan_bench.table(changed) != plan_bench.table(rows)
    assert plan_bench.grid(changed) != plan_bench.grid(rows)
