"""The spec's call-site table is the audit mapping's, cell by cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from amphora_sets.audit.mapping import load_mapping
from amphora_sets.audit.table import (
    END,
    START,
    between_markers,
    spec_lines,
    splice,
    summaries,
)
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry import OBLIGATIONS

SPEC = Path(__file__).parent.parent / "specs/version20.0/amphora-sets.rst"
MAPPING = load_mapping("19.0.0")


def _cells(lines: list[str]) -> list[list[str]]:
    """The body rows of the one simple table in ``lines``."""
    rules = [i for i, line in enumerate(lines) if line.startswith("=====")]
    rule = lines[rules[0]]
    starts = [
        i
        for i, ch in enumerate(rule)
        if ch == "=" and (i == 0 or rule[i - 1] == " ")
    ]
    body = lines[rules[1] + 1 : rules[2]]
    return [
        [
            line[a:b].strip()
            for a, b in zip(starts, [*starts[1:], None], strict=True)
        ]
        for line in body
    ]


def test_the_spec_table_is_the_mapping_cell_by_cell() -> None:
    shown = _cells(between_markers(SPEC.read_text(encoding="utf-8")))
    expected = [
        [s.set, s.filter, str(s.rows), s.obligation, s.example]
        for s in summaries(MAPPING)
    ]
    assert len(shown) == len(expected), "one row per (set, filter) class"
    for row, (got, want) in enumerate(zip(shown, expected, strict=True)):
        for column, (cell, value) in enumerate(zip(got, want, strict=True)):
            assert cell == value, f"row {row}, column {column}"


def test_the_spec_holds_exactly_the_rendered_table() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert between_markers(text) == spec_lines(MAPPING)


def test_the_classes_cover_every_row_and_cite_real_obligations() -> None:
    assert sum(s.rows for s in summaries(MAPPING)) == len(MAPPING)
    for s in summaries(MAPPING):
        assert s.obligation == "none" or s.obligation in OBLIGATIONS


def test_splice_replaces_only_what_is_between_the_markers() -> None:
    text = f"before\n{START}\nold\n{END}\nafter\n"
    spliced = splice(text, ["new"])
    assert spliced == f"before\n{START}\n\nnew\n\n{END}\nafter\n"
    assert between_markers(spliced) == ["new"]


@pytest.mark.parametrize(
    "text", ["no markers\n", f"{END}\n{START}\n", f"{START}\nonly\n"]
)
def test_missing_markers_are_bad_input(text: str) -> None:
    with pytest.raises(AmphoraSetsError, match="markers"):
        splice(text, ["x"])
    with pytest.raises(AmphoraSetsError, match="markers"):
        between_markers(text)


def test_a_changed_count_is_caught() -> None:
    lines = spec_lines(MAPPING)
    changed = [line.replace("  49  ", "  48  ") for line in lines]
    assert changed != lines
    assert _cells(changed) != _cells(lines)
