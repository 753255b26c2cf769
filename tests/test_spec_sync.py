"""The specification's tables and obligation IDs match the registry.

``specs/version20.0/amphora-sets.rst`` restates registry data in three
tables, found by their ``:name:``: the membership table (topology, role,
the three sets, cardinality), the status rule (status, live, seated, why)
and the obligation catalogue (ID, statement, scope).  The registry is the
source of truth: these tests parse the spec with docutils and compare each
table with the registry cell by cell, and check that every obligation ID
the spec cites exists and every obligation of the catalogue is cited.
The mutation tests at the end show that each check fails, naming the
cell, when the spec or the registry changes alone.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import docutils.core
import pytest
from docutils import nodes

from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    STATUS_RULES,
    Cardinality,
    Registry,
    RoleRow,
    SetKind,
    Topology,
    parse_topologies,
)
from amphora_sets.registry.obligations import Family

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "version20.0" / "amphora-sets.rst"
TOPOLOGY_FILES = sorted((ROOT / "tests" / "data").glob("*.toml"))

MEMBERSHIP = "amphora-sets-membership"
STATUS_RULE = "amphora-sets-status-rule"
CATALOGUE = "amphora-sets-obligations"

# Every ID family: the registry's, plus the two the ID convention reserves
# (SEC-, PLAN-), so that a cited ID of those families is checked as well.
_PREFIXES = sorted({family.name for family in Family} | {"SEC", "PLAN"})
ID_PATTERN = re.compile(
    rf"\b(?:{'|'.join(_PREFIXES)})-[A-Z0-9]+(?:-[A-Z0-9]+)*\b"
)

Rows = list[list[str]]


def _mark(flag: bool) -> str:
    return "yes" if flag else "no"


def _heading(kind: SetKind) -> str:
    return kind.title[0].upper() + kind.title[1:]


def membership_table(registry: Registry = BUILTIN_REGISTRY) -> Rows:
    """The membership table as the spec must print it, header first."""
    header = ["Topology", "Role", *map(_heading, SetKind), "Amphorae"]
    return [header] + [
        [
            topology.name,
            row.role,
            *(_mark(row.member_of(kind)) for kind in SetKind),
            str(row.cardinality),
        ]
        for topology in registry
        for row in topology.rows
    ]


def status_rule_table() -> Rows:
    """The status rule as the spec must print it, header first."""
    return [["Status", "Live", "Seated", "Why"]] + [
        [rule.status, _mark(rule.live), _mark(rule.seated), rule.why]
        for rule in STATUS_RULES.values()
    ]


def catalogue_table() -> Rows:
    """The obligation catalogue as the spec must print it, header first."""
    return [["ID", "Statement", "Applies to"]] + [
        [obligation.id, obligation.statement, obligation.scope.text]
        for obligation in OBLIGATIONS.values()
    ]


# Each table's name in the spec, its expected content and how many leading
# columns identify a row.
TABLES: dict[str, tuple[Callable[[], Rows], int]] = {
    MEMBERSHIP: (membership_table, 2),
    STATUS_RULE: (status_rule_table, 1),
    CATALOGUE: (catalogue_table, 1),
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


def _row_source(cells: Sequence[str]) -> str:
    first, *rest = cells
    return "".join(
        [f"   * - {first}\n", *(f"     - {cell}\n" for cell in rest)]
    )


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


def test_every_catalogue_id_is_cited(spec_text):
    assert sorted(set(OBLIGATIONS) - cited_ids(spec_text)) == []


def test_toml_examples_load_and_match_the_test_data(spec_text):
    declared = {
        topology.name: topology
        for path in TOPOLOGY_FILES
        for topology in parse_topologies(
            path.read_text(encoding="utf-8"), source=str(path)
        )
    }
    examples = [
        topology
        for block in literal_blocks(spec_text)
        if block.lstrip().startswith("[topologies.")
        for topology in parse_topologies(block, source="spec")
    ]
    assert examples, "the spec shows no topology file"
    for topology in examples:
        assert declared.get(topology.name) == topology, topology.name


# --- Each check can fail ---------------------------------------------------


def test_a_changed_membership_cell_is_named(spec_text):
    single = ["SINGLE", "STANDALONE", "yes", "yes", "no", "1"]
    changed = [*single[:4], "yes", single[5]]
    text = _replace_once(spec_text, _row_source(single), _row_source(changed))
    assert spec_mismatches(text) == [
        f"{MEMBERSHIP}: row SINGLE / STANDALONE, column 'VRRP-running': "
        "spec says 'yes', registry says 'no'"
    ]


def test_a_changed_status_cell_is_named(spec_text):
    text = _replace_once(
        spec_text,
        "   * - PENDING_DELETE\n     - yes\n     - no\n",
        "   * - PENDING_DELETE\n     - yes\n     - yes\n",
    )
    assert spec_mismatches(text) == [
        f"{STATUS_RULE}: row PENDING_DELETE, column 'Seated': "
        "spec says 'yes', registry says 'no'"
    ]


def test_a_changed_statement_is_named(spec_text):
    text = _replace_once(
        spec_text,
        "     - Every back-facing amphora is front-facing.\n",
        "     - Every back-facing amphora is VRRP-running.\n",
    )
    assert spec_mismatches(text) == [
        f"{CATALOGUE}: row INV-BACK-IN-FRONT, column 'Statement': "
        "spec says 'Every back-facing amphora is VRRP-running.', "
        "registry says 'Every back-facing amphora is front-facing.'"
    ]


def test_a_dropped_catalogue_row_is_named(spec_text):
    text, count = re.subn(
        r"   \* - OP-DELETE\n(?:     .*\n)+", "", spec_text, count=1
    )
    assert count == 1
    assert spec_mismatches(text) == [
        f"{CATALOGUE}: row OP-DELETE is missing from the spec"
    ]


def test_a_swapped_pair_of_rows_is_reported(spec_text):
    master = ["ACTIVE_STANDBY", "MASTER", "yes", "yes", "yes", "1"]
    backup = ["ACTIVE_STANDBY", "BACKUP", "yes", "yes", "yes", "1"]
    text = _replace_once(
        spec_text,
        _row_source(master) + _row_source(backup),
        _row_source(backup) + _row_source(master),
    )
    [problem] = spec_mismatches(text)
    assert problem.startswith(f"{MEMBERSHIP}: rows are not in registry order")


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


def test_an_uncited_catalogue_id_is_found(spec_text):
    text = spec_text.replace("DELTA-SCALE-KEEPS-VRRP", "a scaling claim")
    assert set(OBLIGATIONS) - cited_ids(text) == {"DELTA-SCALE-KEEPS-VRRP"}


def test_a_registry_change_alone_is_reported(spec_text):
    extra = Topology(
        "EXTRA",
        (RoleRow("IN_CLUSTER", frozenset(SetKind), Cardinality(2, 4)),),
    )
    doctree, _ = parse(spec_text)
    problems = table_mismatches(
        MEMBERSHIP,
        table_cells(doctree, MEMBERSHIP),
        membership_table(BUILTIN_REGISTRY.extended([extra])),
        2,
    )
    assert problems == [
        f"{MEMBERSHIP}: row EXTRA / IN_CLUSTER is missing from the spec"
    ]
