"""The specification agrees with the registry and stays short.

``specs/version20.0/amphora-sets.rst`` restates registry data in two
forms: the status table (found by its ``:name:``) and a text picture per
built-in topology, drawn by :mod:`amphora_sets.diagram`.  These tests
parse the spec with docutils and compare the table with the registry
cell by cell and each picture with a fresh drawing; check that every
obligation ID the spec cites exists; that the spec stays within the
length Octavia reviewers expect; and that the call-site table's markers
are in place.  The tests at the end show that each check fails, naming
what differs, when the spec or the registry changes alone.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from pathlib import Path

import docutils.core
import pytest
from docutils import nodes

from amphora_sets.diagram import text_picture
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    STATUS_RULES,
    Registry,
    SetKind,
)
from amphora_sets.registry.obligations import Family
from amphora_sets.registry.topologies import Cardinality, RoleRow

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "version20.0" / "amphora-sets.rst"

MAX_LINES = 450
"""Octavia reviewers' limit for this spec: the formal material lives in
the documentation."""

STATUS_RULE = "amphora-sets-status-rule"
AUDIT_MARKERS = (".. audit-table-start", ".. audit-table-end")

# Every ID family: the registry's, plus the two the ID convention reserves
# (SEC-, PLAN-), so that a cited ID of those families is checked as well.
_PREFIXES = sorted({family.name for family in Family} | {"SEC", "PLAN"})
ID_PATTERN = re.compile(
    rf"\b(?:{'|'.join(_PREFIXES)})-[A-Z0-9]+(?:-[A-Z0-9]+)*\b"
)

Rows = list[list[str]]


def _mark(flag: bool) -> str:
    return "yes" if flag else "no"


def status_rule_table() -> Rows:
    """The status rule as the spec must print it, header first."""
    return [["Status", "In sets", "Counts", "Why"]] + [
        [rule.status, _mark(rule.live), _mark(rule.seated), rule.why]
        for rule in STATUS_RULES.values()
    ]


# Each table's name in the spec, its expected content and how many leading
# columns identify a row.
TABLES: dict[str, tuple[Callable[[], Rows], int]] = {
    STATUS_RULE: (status_rule_table, 1),
}


def parse(text: str) -> tuple[nodes.document, str]:
    """The doctree of reStructuredText ``text`` and docutils' warnings."""
    warnings = io.StringIO()
    doctree = docutils.core.publish_doctree(
        text,
        settings_overrides={
            "report_level": 2,
            "halt_level": 5,
            "warning_stream": warnings,
        },
    )
    return doctree, warnings.getvalue()


def table_cells(doctree: nodes.document, name: str) -> Rows | None:
    """The rows of the table called ``name`` (header first), each cell's
    text with line breaks folded; None if there is no such table."""
    found = [t for t in doctree.findall(nodes.table) if name in t["names"]]
    if len(found) != 1:
        return None
    return [
        [" ".join(entry.astext().split()) for entry in row.children]
        for row in found[0].findall(nodes.row)
    ]


def table_mismatches(
    name: str, actual: Rows | None, expected: Rows, key_columns: int
) -> list[str]:
    """Every difference between the spec's table and the registry's, each
    naming the table, the row and the column."""
    if actual is None:
        return [f"{name}: the spec has no single table named {name!r}"]
    header, *rows = actual
    expected_header, *expected_rows = expected
    if header != expected_header:
        return [
            f"{name}: header is {header}, registry gives {expected_header}"
        ]
    problems: list[str] = []
    by_key: dict[tuple[str, ...], list[str]] = {}
    for row in rows:
        key = tuple(row[:key_columns])
        if key in by_key:
            problems.append(f"{name}: row {' / '.join(key)} appears twice")
        by_key[key] = row
    expected_keys = [tuple(row[:key_columns]) for row in expected_rows]
    for row in expected_rows:
        key = tuple(row[:key_columns])
        label = " / ".join(key)
        if key not in by_key:
            problems.append(f"{name}: row {label} is missing from the spec")
            continue
        for column, want, got in zip(header, row, by_key[key], strict=False):
            if got != want:
                problems.append(
                    f"{name}: row {label}, column {column!r}: "
                    f"spec says {got!r}, registry says {want!r}"
                )
        if len(by_key[key]) != len(row):
            problems.append(
                f"{name}: row {label} has {len(by_key[key])} cells, "
                f"expected {len(row)}"
            )
    problems.extend(
        f"{name}: row {' / '.join(key)} is not in the registry"
        for key in by_key
        if key not in expected_keys
    )
    spec_keys = [tuple(row[:key_columns]) for row in rows]
    if not problems and spec_keys != expected_keys:
        problems.append(
            f"{name}: rows are not in registry order: expected "
            f"{[' / '.join(k) for k in expected_keys]}"
        )
    return problems


def spec_mismatches(text: str) -> list[str]:
    """Every table difference between spec ``text`` and the registry."""
    doctree, _ = parse(text)
    problems: list[str] = []
    for name, (expected, key_columns) in TABLES.items():
        problems += table_mismatches(
            name, table_cells(doctree, name), expected(), key_columns
        )
    return problems


def cited_ids(text: str) -> set[str]:
    """Every obligation ID that spec ``text`` mentions anywhere."""
    return set(ID_PATTERN.findall(text))


def literal_blocks(text: str) -> list[str]:
    """The text of every literal block of spec ``text``."""
    doctree, _ = parse(text)
    return [block.astext() for block in doctree.findall(nodes.literal_block)]


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the spec"
    return text.replace(old, new)


def picture_mismatches(
    text: str, registry: Registry = BUILTIN_REGISTRY
) -> list[str]:
    """Every topology of ``registry`` whose picture, as
    :func:`amphora_sets.diagram.text_picture` draws it, is not a literal
    block of spec ``text``."""
    blocks = literal_blocks(text)
    return [
        f"picture of {topology.name}: not in the spec as drawn from the "
        "registry"
        for topology in registry
        if text_picture(topology) not in blocks
    ]


def length_problems(text: str) -> list[str]:
    """The spec's length, if it is over :data:`MAX_LINES`."""
    lines = len(text.splitlines())
    if lines <= MAX_LINES:
        return []
    return [f"the spec has {lines} lines, more than {MAX_LINES}"]


def marker_problems(text: str) -> list[str]:
    """What is wrong with the call-site table's markers."""
    lines = text.splitlines()
    counts = [lines.count(marker) for marker in AUDIT_MARKERS]
    if counts != [1, 1]:
        return [f"expected each of {AUDIT_MARKERS} once, found {counts}"]
    start, end = (lines.index(marker) for marker in AUDIT_MARKERS)
    if start > end:
        return [f"{AUDIT_MARKERS[0]!r} comes after {AUDIT_MARKERS[1]!r}"]
    return []


@pytest.fixture(scope="module")
def spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


# --- The spec agrees with the registry ------------------------------------


def test_spec_parses_without_docutils_warnings(spec_text):
    _, warnings = parse(spec_text)
    assert warnings == ""


@pytest.mark.parametrize("name", list(TABLES))
def test_table_matches_registry(spec_text, name):
    expected, key_columns = TABLES[name]
    doctree, _ = parse(spec_text)
    actual = table_cells(doctree, name)
    assert table_mismatches(name, actual, expected(), key_columns) == []


def test_every_cited_obligation_id_is_in_the_catalogue(spec_text):
    assert sorted(cited_ids(spec_text) - set(OBLIGATIONS)) == []


def test_the_spec_cites_obligations(spec_text):
    assert len(cited_ids(spec_text)) >= 10


def test_each_builtin_topology_has_its_picture(spec_text):
    assert picture_mismatches(spec_text) == []


def test_the_spec_is_at_most_450_lines(spec_text):
    assert length_problems(spec_text) == []


def test_the_call_site_table_has_its_markers(spec_text):
    assert marker_problems(spec_text) == []


# --- Each check can fail ---------------------------------------------------


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r} in the spec"
    return text.replace(old, new)


def _status_line(text: str, status: str) -> str:
    [line] = [
        line
        for line in text.splitlines()
        if line.split()[:1] == [status] and line.startswith("   ")
    ]
    return line


def test_a_changed_status_cell_is_named(spec_text):
    line = _status_line(spec_text, "PENDING_DELETE")
    changed = re.sub(r"(yes\s+)no ", r"\1yes", line, count=1)
    assert changed != line, "the status row has an unexpected layout"
    text = _replace_once(spec_text, line, changed)
    assert spec_mismatches(text) == [
        f"{STATUS_RULE}: row PENDING_DELETE, column 'Counts': "
        "spec says 'yes', registry says 'no'"
    ]


def test_a_dropped_status_row_is_named(spec_text):
    line = _status_line(spec_text, "BOOTING")
    text = _replace_once(spec_text, line + "\n", "")
    assert spec_mismatches(text) == [
        f"{STATUS_RULE}: row BOOTING is missing from the spec"
    ]


def test_a_missing_table_is_reported(spec_text):
    text = _replace_once(
        spec_text, f":name: {STATUS_RULE}\n", ":name: renamed\n"
    )
    assert spec_mismatches(text) == [
        f"{STATUS_RULE}: the spec has no single table named {STATUS_RULE!r}"
    ]


def test_an_unknown_cited_id_is_found(spec_text):
    text = spec_text + "\nSee also ``INV-NOT-IN-CATALOGUE`` and SEC-VRRP.\n"
    assert cited_ids(text) - set(OBLIGATIONS) == {
        "INV-NOT-IN-CATALOGUE",
        "SEC-VRRP",
    }


def test_an_edited_picture_is_named(spec_text):
    text = _replace_once(spec_text, "| 2 or more  |", "| 3 or more  |")
    assert picture_mismatches(text) == [
        "picture of ACTIVE_ACTIVE: not in the spec as drawn from the registry"
    ]


def test_a_registry_change_alone_is_reported(spec_text):
    single = BUILTIN_REGISTRY.get("SINGLE")
    vrrp = dataclasses.replace(
        single,
        rows=(RoleRow("STANDALONE", frozenset(SetKind), Cardinality(1, 1)),),
    )
    assert picture_mismatches(spec_text, Registry((vrrp,))) == [
        "picture of SINGLE: not in the spec as drawn from the registry"
    ]


def test_a_long_spec_is_reported(spec_text):
    lines = len(spec_text.splitlines())
    text = spec_text + "\n" * (MAX_LINES + 1 - lines)
    assert length_problems(text) == [
        f"the spec has {MAX_LINES + 1} lines, more than {MAX_LINES}"
    ]


def test_missing_or_swapped_markers_are_reported(spec_text):
    start, end = AUDIT_MARKERS
    assert marker_problems(spec_text.replace(end, "")) != []
    swapped = spec_text.replace(start, "@@").replace(end, start)
    assert marker_problems(swapped.replace("@@", end)) == [
        f"{start!r} comes after {end!r}"
    ]
