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
SPEC_SENTENCE = re.compile(
    r"With 1,024 cluster amphorae a\s+plan takes ([\d,]+) operations to "
    r"grow by one and ([\d,]+) to\s+shrink by one \(a full\s+reconcile: "
    r"([\d,]+) and ([\d,]+)\), and ([\d,]+) and ([\d,]+) to grow and "
    r"shrink by\s+half \(([\d,]+) and ([\d,]+)\)"
)


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


def _spec_counts(text: str) -> list[int]:
    found = SPEC_SENTENCE.search(text)
    assert found, "the spec's Performance Impact sentence is missing"
    return [int(number.replace(",", "")) for number in found.groups()]


def _expected_spec_counts(rows: list[plan_bench.Row]) -> list[int]:
    at = {r.change: r for r in rows if r.n == 1024}
    return [
        at[1].plan_ops,
        at[-1].plan_ops,
        at[1].full_ops,
        at[-1].full_ops,
        at[512].plan_ops,
        at[-512].plan_ops,
        at[512].full_ops,
        at[-512].full_ops,
    ]


def test_the_spec_counts_are_the_benchmarks(rows) -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert _spec_counts(text) == _expected_spec_counts(rows)


def test_a_changed_spec_count_is_caught(rows) -> None:
    text = SPEC.read_text(encoding="utf-8").replace(
        "takes 7 operations", "takes 8 operations"
    )
    assert _spec_counts(text) != _expected_spec_counts(rows)


def test_scaling_by_one_costs_no_more_at_1024_than_at_8(rows) -> None:
    ops = {(r.n, r.change): r.plan_ops for r in rows}
    assert ops[(1024, 1)] <= ops[(8, 1)]
    assert ops[(1024, -1)] <= ops[(8, -1)]
    assert max(ops[(n, c)] for n, c in ops if abs(c) == 1) <= 10


def test_a_changed_count_is_caught(rows) -> None:
    changed = [*rows[:-1], plan_bench.Row(1024, -512, 1, 1)]
    assert plan_bench.table(changed) != plan_bench.table(rows)
    assert plan_bench.grid(changed) != plan_bench.grid(rows)
