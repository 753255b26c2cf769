"""The documentation's generated content: tables, help texts, proof report.

``doc/source/_ext/amphora_sets_content.py`` holds the pure functions the
Sphinx directives render; these tests need neither Sphinx nor docutils.
The last test builds a tiny Sphinx project, and is skipped where Sphinx
is not installed.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from amphora_sets.cli import build_parser
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    STATUS_RULES,
    SetKind,
)
from amphora_sets.solver import Result, Verdict

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "doc" / "source"
EXT = PAGES / "_ext"
DATA = ROOT / "tests" / "data"
EXAMPLES = (
    DATA / "active_active_l3.toml",
    DATA / "active_active_n_plus_1.toml",
)


def _load(name: str) -> ModuleType:
    """Import ``doc/source/_ext/<name>.py`` without changing sys.path."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EXT / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


content = _load("amphora_sets_content")


def _result(
    obligation_id: str,
    verdict: Verdict,
    *,
    counterexample: dict[str, str] | None = None,
    reason: str | None = None,
) -> Result:
    return Result(
        OBLIGATIONS[obligation_id],
        "SINGLE",
        verdict,
        "all sizes",
        1234,
        5.0,
        counterexample=counterexample,
        reason=reason,
    )


def test_topology_tables_are_the_registry_rows() -> None:
    tables = content.topology_tables()
    assert len(tables) == len(BUILTIN_REGISTRY.topologies)
    for table, topology in zip(tables, BUILTIN_REGISTRY, strict=True):
        assert table.title == f"{topology.name}: {topology.description}"
        assert table.headers == (
            "role",
            "front-facing",
            "back-facing",
            "VRRP-running",
            "amphorae",
        )
        for cells, row in zip(table.rows, topology.rows, strict=True):
            role, *marks, cardinality = cells
            assert role == row.role
            assert marks == [
                "yes" if row.member_of(kind) else "no" for kind in SetKind
            ]
            assert cardinality == str(row.cardinality)


def test_single_and_active_standby_tables_read_as_designed() -> None:
    tables = {t.title.split(":")[0]: t for t in content.topology_tables()}
    assert tables["SINGLE"].rows == (("STANDALONE", "yes", "yes", "no", "1"),)
    assert set(tables["ACTIVE_STANDBY"].rows) == {
        ("MASTER", "yes", "yes", "yes", "1"),
        ("BACKUP", "yes", "yes", "yes", "1"),
    }


def test_tables_have_stable_distinct_anchors() -> None:
    tables = [
        *content.topology_tables(),
        content.status_table(),
        *content.obligation_tables(),
    ]
    anchors = [t.anchor for t in tables]
    assert len(set(anchors)) == len(anchors)
    assert anchors[0] == "topology-single"
    assert content.anchor("topology", "ACTIVE_ACTIVE") == (
        "topology-active-active"
    )
    assert content.anchor("obligations", "DELTA") == "obligations-delta"


def test_file_registry_holds_only_the_files_topologies() -> None:
    registry = content.file_registry(EXAMPLES)
    assert registry.names == ("ACTIVE_ACTIVE_L3", "ACTIVE_ACTIVE_N_PLUS_1")
    titles = [t.title for t in content.topology_tables(registry)]
    assert titles[0].startswith("ACTIVE_ACTIVE_L3: ")


def test_table_widths_fit_the_widest_cell() -> None:
    table = content.status_table()
    for index, width in enumerate(table.widths):
        cells = [table.headers[index], *(row[index] for row in table.rows)]
        assert width == max(map(len, cells))


def test_status_table_is_the_status_rule_in_order() -> None:
    table = content.status_table()
    assert [row[0] for row in table.rows] == list(STATUS_RULES)
    for status, live, seated, why in table.rows:
        rule = STATUS_RULES[status]
        assert (live == "yes", seated == "yes", why) == (
            rule.live,
            rule.seated,
            rule.why,
        )


def test_obligation_tables_hold_every_obligation_once() -> None:
    rows = [row for t in content.obligation_tables() for row in t.rows]
    assert [row[0] for row in rows] == list(OBLIGATIONS)
    for obligation_id, statement, applies_to, about in rows:
        obligation = OBLIGATIONS[obligation_id]
        assert statement == obligation.statement
        assert applies_to == obligation.applies_text
        assert about == obligation.about.value


def test_obligation_tables_filter_by_family() -> None:
    (table,) = content.obligation_tables("SEL")
    assert table.title.startswith("SEL: ")
    assert {row[0] for row in table.rows} == {
        i for i in OBLIGATIONS if i.startswith("SEL-")
    }
    with pytest.raises(ValueError, match="unknown obligation family 'XX'"):
        content.obligation_tables("XX")


def test_every_obligation_has_an_encoding() -> None:
    for obligation_id in OBLIGATIONS:
        assert content.encoding_of(obligation_id) in content.ENCODINGS.values()


def test_proof_report_of_proved_results_passes() -> None:
    report = content.proof_report(
        [
            _result("INV-BACK-IN-FRONT", Verdict.PROVED),
            _result("OP-CREATE", Verdict.PROVED),
        ]
    )
    assert report.passed
    assert report.failures == ()
    assert report.summary.startswith(
        "2 obligation results (0 about the definitions, 2 about tables): "
        "2 proved, 0 trivially proved, 0 refuted, 0 vacuous, 0 unknown (Z3 "
    )
    assert report.table.rows[0] == (
        "INV-BACK-IN-FRONT",
        "SINGLE",
        "PROVED",
        "all sizes",
        "one amphora",
        "1234",
    )
    assert report.table.rows[1][4] == "(role, status) counts"


def test_proof_report_flags_refuted_and_unknown_results() -> None:
    lb = "LoadBalancer(id='lb-1', topology='SINGLE', amphorae=())"
    report = content.proof_report(
        [
            _result("INV-BACK-IN-FRONT", Verdict.PROVED),
            _result(
                "INV-SINGLE-NO-VRRP",
                Verdict.REFUTED,
                counterexample={"lb": lb},
                reason="counterexample found",
            ),
            _result(
                "OP-DELETE", Verdict.UNKNOWN, reason="solver said unknown"
            ),
        ]
    )
    assert not report.passed
    refuted, unknown = report.failures
    assert refuted.startswith("REFUTED INV-SINGLE-NO-VRRP for SINGLE")
    assert "counterexample found" in refuted
    assert f"lb = {lb}" in refuted
    assert unknown.startswith("UNKNOWN OP-DELETE for SINGLE")
    assert "solver said unknown" in unknown
    assert [row[2] for row in report.table.rows] == [
        "PROVED",
        "REFUTED",
        "UNKNOWN",
    ]


def test_empty_proof_report_fails() -> None:
    report = content.proof_report([])
    assert not report.passed
    assert "no obligation was checked" in report.failures[0]


def test_real_refutation_fails_the_report() -> None:
    registry = content.file_registry([DATA / "back_not_front.toml"])
    report = content.run_proof_report(registry)
    assert not report.passed
    assert any(
        f.startswith("REFUTED INV-BACK-IN-FRONT for BACK_NOT_FRONT")
        for f in report.failures
    )


def test_cli_help_covers_the_command_and_each_subcommand() -> None:
    top = content.cli_help()
    assert top.startswith("usage: amphora-sets ")
    names = list(content.subcommand_parsers(build_parser()))
    assert names
    for name in names:
        assert name in top
        text = content.cli_help(name)
        assert text.startswith(f"usage: amphora-sets {name} ")
        widths = [len(line) for line in text.splitlines()]
        assert max(widths) <= content.HELP_WIDTH
    with pytest.raises(ValueError, match="unknown subcommand 'nope'"):
        content.cli_help("nope")


def test_cli_page_shows_the_help_of_every_subcommand() -> None:
    page = (PAGES / "cli.rst").read_text(encoding="utf-8")
    shown = re.findall(r"^\.\. amphora-sets-cli-help:: (\S+)$", page, re.M)
    assert shown == list(content.subcommand_parsers(build_parser()))


@pytest.mark.parametrize(
    "page", sorted(PAGES.glob("*.rst")), ids=lambda page: page.name
)
def test_page_examples_run(page: Path) -> None:
    result = doctest.testfile(
        str(page), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.failed == 0


def test_sphinx_build_fails_on_a_refuted_report(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build = pytest.importorskip("sphinx.cmd.build")
    monkeypatch.syspath_prepend(str(EXT))
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(
        "extensions = ['amphora_sets_tables']\n", encoding="utf-8"
    )
    topology_file = DATA / "back_not_front.toml"
    (source / topology_file.name).write_bytes(topology_file.read_bytes())
    (source / "index.rst").write_text(
        "Report\n======\n\n.. amphora-sets-proof-report::\n"
        f"   :topology-file: {topology_file.name}\n",
        encoding="utf-8",
    )
    status = build.build_main(
        ["-q", "-W", "-b", "dummy", str(source), str(tmp_path / "out")]
    )
    assert status != 0
    assert "REFUTED INV-BACK-IN-FRONT" in capsys.readouterr().err


def test_diagram_caption_names_each_sets_roles() -> None:
    topology = BUILTIN_REGISTRY.get("ACTIVE_ACTIVE")
    assert content.diagram_caption(topology) == (
        "ACTIVE_ACTIVE. front-facing: MASTER, BACKUP, IN_CLUSTER; "
        "back-facing: IN_CLUSTER; VRRP-running: MASTER, BACKUP."
    )
