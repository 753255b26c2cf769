"""The audit: finder, mapping, report and the ``audit`` subcommand."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from amphora_sets.audit.finder import find_sites, tree_version
from amphora_sets.audit.mapping import (
    load_mapping,
    packaged_versions,
    parse_mapping,
)
from amphora_sets.audit.report import SCHEMA, audit, document, summary_line
from amphora_sets.audit.sdist import octavia_tree
from amphora_sets.cli import main
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.call_sites import CALL_SITE_CLASSES
from audit_tree import (
    LOOP,
    SITES,
    STALE,
    UNCLASSIFIED,
    T,
    mapping_text,
    write_sdist,
    write_tree,
)

REAL_CACHE = Path(os.environ.get("AMPHORA_SETS_CACHE", "/nonexistent"))
NEEDS_SDIST = pytest.mark.skipif(
    not (REAL_CACHE / "sdist" / "octavia-19.0.0.tar.gz").is_file(),
    reason="needs the Octavia 19.0.0 sdist in $AMPHORA_SETS_CACHE/sdist",
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "octavia-0.0.1")


@pytest.fixture
def mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(mapping_text(), encoding="utf-8")
    return path


def test_finder_reports_every_kind_and_nothing_else(tree: Path) -> None:
    assert {site.key for site in find_sites(tree)} == SITES


def test_finder_skips_octavias_own_tests(tree: Path) -> None:
    assert not any("/tests/" in site.file for site in find_sites(tree))


def test_tree_version_comes_from_pkg_info(tree: Path) -> None:
    assert tree_version(tree) == "0.0.1"


def test_rows_match_without_line_numbers(tree: Path) -> None:
    mapping = parse_mapping(mapping_text().encode(), "test")
    lines = {s.key: s.line for s in find_sites(tree)}
    rest = tree / "octavia/amphorae/drivers/rest.py"
    rest.write_text("\n\n\n" + rest.read_text(), encoding="utf-8")
    moved = audit(find_sites(tree), mapping)
    assert {c.site.line for c in moved.classified if c.row.key == LOOP} == {
        lines[LOOP] + 3
    }
    assert [s.key for s in moved.unclassified] == [UNCLASSIFIED]
    assert [r.key for r in moved.stale] == [STALE]


def test_report_lists_unclassified_and_stale(tree: Path) -> None:
    mapping = parse_mapping(mapping_text().encode(), "test")
    result = audit(find_sites(tree), mapping)
    assert [s.key for s in result.unclassified] == [UNCLASSIFIED]
    assert [r.key for r in result.stale] == [STALE]
    assert not result.clean
    assert result.exit_status == 1
    assert result.counts()["ALL"] == len(SITES) - 1


def test_json_document_has_the_schema_fields(tree: Path) -> None:
    mapping = parse_mapping(mapping_text().encode(), "test")
    doc = document(audit(find_sites(tree), mapping))
    assert doc["schema"] == SCHEMA
    assert doc["octavia"] == "0.0.1"
    for site in doc["sites"]:
        assert {
            "file",
            "line",
            "function",
            "kind",
            "set",
            "filter",
            "reason",
        } <= set(site)
        assert site["file"].startswith("octavia/")
    assert len(doc["unclassified"]) == 1
    assert len(doc["stale"]) == 1


def test_cli_exit_0_when_clean(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = mapping_text().replace('"Gone.execute"', '"Gate.execute"')
    text = text.replace(
        'function = "Gate.execute"\nkind = "loop"',
        'function = "Gate.execute"\nkind = "pass"',
    )
    clean = tmp_path / "clean.toml"
    clean.write_text(text, encoding="utf-8")
    assert main(["audit", str(tree), "--mapping", str(clean)]) == 0
    assert "0 unclassified, 0 stale" in capsys.readouterr().out


def test_cli_exit_1_on_findings_with_json(
    tree: Path, mapping_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["audit", str(tree), "--mapping", str(mapping_file)]
    assert main([*argv, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == SCHEMA
    assert len(doc["sites"]) == len(SITES) - 1


@pytest.mark.parametrize(
    ("mapping", "field"),
    [
        ("octavia = 1\n", "'octavia'"),
        ('octavia = "1"\n[[site]]\nfile = "x"\n', "'site[0].function'"),
        ("octavia = \n", "'mapping'"),
        (
            mapping_text().replace('set = "ALL"', 'set = "SOME"', 1),
            "'site[0].set'",
        ),
        (
            mapping_text().replace('filter = "none"', 'filter = "odd"', 1),
            "'site[0].filter'",
        ),
        (mapping_text() + mapping_text().partition("\n")[2], "duplicate row"),
    ],
)
def test_cli_exit_2_on_a_malformed_mapping(
    tree: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    mapping: str,
    field: str,
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(mapping, encoding="utf-8")
    assert main(["audit", str(tree), "--mapping", str(path)]) == 2
    err = capsys.readouterr().err
    assert field in err
    assert err.count("\n") == 1


def test_cli_exit_2_on_a_tree_that_is_not_octavia(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(tmp_path)]) == 2
    assert "not an Octavia source tree" in capsys.readouterr().err


def test_cli_exit_2_without_a_mapping_for_the_version(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(tree)]) == 2
    assert "no mapping for Octavia '0.0.1'" in capsys.readouterr().err


def test_a_checkout_needs_the_mapping_version(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "PKG-INFO").unlink()
    assert main(["audit", str(tree)]) == 2
    assert "--mapping-version" in capsys.readouterr().err
    assert main(["audit", str(tree), "--mapping-version", "0.0.1"]) == 2
    assert "no mapping for Octavia '0.0.1'" in capsys.readouterr().err


@NEEDS_SDIST
def test_a_checkout_of_19_is_audited_with_its_mapping_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checkout = tmp_path / "octavia"
    checkout.mkdir()
    (checkout / "octavia").symlink_to(octavia_tree("19.0.0") / "octavia")
    argv = ["audit", str(checkout), "--mapping-version", "19.0.0"]
    assert main(argv) == 0
    assert "0 unclassified, 0 stale" in capsys.readouterr().out


def test_octavia_uses_an_sdist_already_in_the_cache(
    tree: Path,
    tmp_path: Path,
    mapping_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cache = tmp_path / "cache"
    write_sdist(tree, cache / "sdist" / "octavia-0.0.1.tar.gz")
    monkeypatch.setenv("AMPHORA_SETS_CACHE", str(cache))
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # no network: the file is used
    argv = ["audit", "--octavia", "0.0.1", "--mapping", str(mapping_file)]
    assert main(argv) == 1
    assert (cache / "octavia-0.0.1" / "octavia" / "__init__.py").is_file()
    assert "1 unclassified, 1 stale" in capsys.readouterr().out


def test_octavia_refuses_a_version_that_is_not_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["audit", "--octavia", "19.0.0; rm -rf /"]) == 2
    assert "not a release version" in capsys.readouterr().err


def test_the_packaged_mapping_is_well_formed() -> None:
    assert "19.0.0" in packaged_versions()
    mapping = load_mapping("19.0.0")
    assert mapping.octavia == "19.0.0"
    assert all(row.reason.strip() for row in mapping)
    rows = mapping.lookup(
        "octavia/network/drivers/neutron/allowed_address_pairs.py",
        "AllowedAddressPairsDriver.plug_aap_port",
    )
    assert [(r.kind, r.set) for r in rows] == [("per-amphora", "FRONT")]


def test_the_mapping_uses_exactly_the_registered_call_site_classes() -> None:
    used = {
        (r.set, r.filter) for r in load_mapping("19.0.0") if r.set != "N/A"
    }
    assert used == {(c.set, c.filter) for c in CALL_SITE_CLASSES}


def test_every_classified_site_names_its_bc_obligation(tree: Path) -> None:
    mapping = parse_mapping(mapping_text().encode(), "test")
    doc = document(audit(find_sites(tree), mapping))
    assert {site["bc"] for site in doc["sites"]} == {"BC-ALL-UNFILTERED"}


def test_unknown_mapping_version_is_bad_input() -> None:
    with pytest.raises(AmphoraSetsError, match="no mapping"):
        load_mapping("0.0.0")


README = (Path(__file__).parent.parent / "README.rst").read_text("utf-8")


def _readme_run() -> list[str]:
    lines = README.splitlines()
    start = lines.index("    $ amphora-sets audit --octavia 19.0.0")
    shown = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        shown.append(line[4:])
    return shown


@NEEDS_SDIST
def test_the_readme_shows_a_real_audit_run() -> None:
    shown = _readme_run()
    result = audit(find_sites(octavia_tree("19.0.0")), load_mapping("19.0.0"))
    assert shown[-1] == summary_line(result)
    real = {
        (
            f"{Path(c.site.file).name}:{c.site.line}",
            c.site.function.replace(
                "AllowedAddressPairsDriver.", "AAPDriver."
            ),
            c.site.kind.value,
            c.row.set,
            c.row.filter,
            c.migration,
        )
        for c in result.classified
    }
    for line in shown[2:-2]:
        cells = tuple(cell for cell in line.split("  ") if cell.strip())
        assert tuple(cell.strip() for cell in cells) in real


@NEEDS_SDIST
def test_octavia_19_is_fully_classified(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["audit", "--octavia", "19.0.0", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["unclassified"] == []
    assert doc["stale"] == []


# -- patched trees -----------------------------------------------------------

CLEAN = SITES  # a mapping row for every site
LOOP_LINE = "        for amp in loadbalancer.amphorae:\n"


def _patch(tree: Path, loop: str, module: str = "") -> Path:
    rest = tree / "octavia/amphorae/drivers/rest.py"
    text = rest.read_text(encoding="utf-8")
    assert LOOP_LINE in text
    rest.write_text(text.replace(LOOP_LINE, loop), encoding="utf-8")
    if module:
        (tree / "octavia/common/amphora_sets.py").write_text(
            module, encoding="utf-8"
        )
    return tree


def _audit(tree: Path, set_name: str, row_filter: str = "!= DELETED"):
    text = mapping_text({LOOP: (set_name, row_filter)}, CLEAN)
    return audit(find_sites(tree), parse_mapping(text.encode(), "test"))


HELPER = (
    "def select(topology, amphorae, kind, among=None):\n"
    "    return [a for a in amphorae if a.role]\n"
)


@pytest.mark.parametrize(
    "loop",
    [
        "        for amp in loadbalancer.select_back_facing():\n",
        "        for amp in loadbalancer.back_facing_amphorae:\n",
        "        for amp in amphora_sets.select(\n"
        "                loadbalancer.topology, loadbalancer.amphorae,\n"
        "                amphora_sets.BACK):\n",
    ],
    ids=["method", "property", "module helper"],
)
def test_a_loop_that_became_its_rows_selector_is_migrated(
    tree: Path, loop: str
) -> None:
    result = _audit(_patch(tree, loop, HELPER), "BACK")
    assert result.clean
    [migrated] = [c for c in result.classified if c.migration == "migrated"]
    assert migrated.row.key == LOOP
    assert migrated.site.selects == "BACK"
    still = {c.migration for c in result.classified if c is not migrated}
    assert still == {"still looping"}
    # its callers still reach it one call away
    assert (
        T,
        "ListenersUpdate.execute",
        "indirect",
        "self.amphora_driver.update",
    ) in {c.site.key for c in result.classified}


def test_the_unpatched_tree_is_still_looping(tree: Path) -> None:
    result = _audit(tree, "BACK")
    assert result.clean
    assert {c.migration for c in result.classified} == {"still looping"}


def test_a_selector_of_another_set_is_wrong(tree: Path) -> None:
    result = _audit(
        _patch(tree, "        for amp in loadbalancer.select_vrrp():\n"),
        "BACK",
    )
    [wrong] = result.wrong
    assert wrong.row.key == LOOP
    assert "selects VRRP; the row is BACK" in wrong.why
    assert result.exit_status == 1
    assert not result.stale


def test_a_selector_that_drops_todays_filter_is_wrong(tree: Path) -> None:
    patched = _patch(
        tree, "        for amp in loadbalancer.select_back_facing():\n"
    )
    [wrong] = _audit(patched, "BACK", "== ALLOCATED").wrong
    assert "== ALLOCATED" in wrong.why


def test_a_selector_keeping_todays_filter_is_migrated(tree: Path) -> None:
    patched = _patch(
        tree,
        "        for amp in loadbalancer.select_back_facing(\n"
        "                among=amphora_sets.is_allocated):\n",
    )
    assert _audit(patched, "BACK", "== ALLOCATED").clean


def test_the_sets_own_definitions_are_not_sites(tree: Path) -> None:
    _patch(
        tree, "        for amp in loadbalancer.select_back_facing():\n", HELPER
    )
    assert not any(
        s.file == "octavia/common/amphora_sets.py" for s in find_sites(tree)
    )


def test_json_and_text_show_the_migration(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _patch(tree, "        for amp in loadbalancer.select_vrrp():\n")
    path = tmp_path / "m.toml"
    path.write_text(mapping_text({LOOP: ("BACK", "!= DELETED")}, CLEAN))
    argv = ["audit", str(tree), "--mapping", str(path)]
    assert main([*argv, "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert [w["selects"] for w in doc["wrong_selector"]] == ["VRRP"]
    assert {s["migration"] for s in doc["sites"]} == {"still looping"}
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "WRONG SELECTOR" in out
    assert "0 migrated, 1 wrong selector" in out
