"""Apply the reference patch series to Octavia 19.0.0 and prove it.

Steps, each of which must pass (exit 0), else exit 1 naming the step:

1. The Octavia 19.0.0 sdist: from ``$AMPHORA_SETS_CACHE/sdist`` if it is
   there, else fetched with pip.  The copy of its ``test-requirements.txt``
   that tox installs must equal the sdist's own.
2. The series applies to a copy of the tree, every hunk of every patch.
3. ``amphora-sets audit`` on the patched tree is clean (every site
   classified, no selector of the wrong set), and every front-facing,
   back-facing or VRRP site still looping is left for the Active-Active
   work with a reason in ``left-for-active-active.toml``.
4. Octavia's whole unit suite runs with stestr on the unpatched and the
   patched tree: no failure and no skip on either, the same tests pass,
   and the patched tree passes exactly the series' new tests on top.
5. Each deliberately wrong variant in ``wrong/`` (one patch of the series
   with one call site switched to a wrong set) makes the test it names
   fail.

Run it in the ``octavia-patch`` tox environment, which installs Octavia
19.0.0 with its test requirements: ``tox -e octavia-patch``.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from amphora_sets.audit import report as audit_report
from amphora_sets.audit.finder import find_sites
from amphora_sets.audit.mapping import load_mapping
from amphora_sets.audit.sdist import octavia_tree
from amphora_sets.errors import AmphoraSetsError

VERSION = "19.0.0"
REFERENCE = Path(__file__).resolve().parent.parent / "reference"
SERIES = REFERENCE / f"octavia-{VERSION}"
SET_KINDS = ("FRONT", "BACK", "VRRP")
NEW_TESTS = "octavia.tests.unit.amphora_sets"
"""The package of the series' new tests, inside Octavia's unit tests."""

_TOTAL = re.compile(
    r"^ - (Passed|Failed|Skipped|Expected Fail|Unexpected Success): (\d+)$",
    re.MULTILINE,
)


class HarnessError(Exception):
    """A step failed; the message says which and why."""


@dataclasses.dataclass(frozen=True)
class SuiteRun:
    """The totals of one stestr run."""

    passed: int
    failed: int
    skipped: int
    other: int
    seconds: float


@dataclasses.dataclass(frozen=True)
class WrongVariant:
    """A wrong version of one patch, and the test it must make fail."""

    patch: Path
    replaces: str
    fails: str
    why: str


def series_patches() -> list[Path]:
    """The patches of the series, in order."""
    patches = sorted(SERIES.glob("[0-9][0-9][0-9][0-9]-*.patch"))
    if not patches:
        raise HarnessError(f"no patches in {SERIES}")
    return patches


def wrong_variants() -> list[WrongVariant]:
    """The deliberately wrong variants listed in ``wrong/variants.toml``."""
    manifest = SERIES / "wrong" / "variants.toml"
    data = tomllib.loads(manifest.read_text())
    names = {patch.name for patch in series_patches()}
    variants = []
    for entry in data["variant"]:
        variant = WrongVariant(
            patch=SERIES / "wrong" / entry["patch"],
            replaces=entry["replaces"],
            fails=entry["fails"],
            why=entry["why"],
        )
        if variant.replaces not in names:
            raise HarnessError(
                f"{manifest}: {variant.patch.name} replaces "
                f"{variant.replaces}, which is not in the series"
            )
        variants.append(variant)
    return variants


def check_test_requirements(tree: Path) -> None:
    """The copy tox installs must be the sdist's test-requirements.txt."""
    ours = (SERIES / "test-requirements.txt").read_bytes()
    theirs = (tree / "test-requirements.txt").read_bytes()
    if ours != theirs:
        raise HarnessError(
            f"{SERIES / 'test-requirements.txt'} differs from the sdist's "
            "test-requirements.txt: copy it again"
        )


def apply_series(tree: Path, patches: list[Path]) -> None:
    """Apply ``patches`` in order; any hunk that does not apply fails."""
    for patch in patches:
        done = subprocess.run(
            ["git", "apply", "--verbose", str(patch)],
            cwd=tree,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise HarnessError(
                f"{patch.name} does not apply to Octavia {VERSION}:\n"
                f"{done.stderr.strip()}"
            )


def copy_tree(source: Path, scratch: Path, name: str) -> Path:
    """A writable copy of the unpacked sdist (the cache may be read-only)."""
    target = scratch / name
    shutil.copytree(source, target, copy_function=shutil.copyfile)
    for directory, _, _ in os.walk(target):
        os.chmod(directory, 0o755)
    return target


def stestr(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run stestr in ``tree`` with this interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "stestr", *args],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )


def run_suite(tree: Path, concurrency: int) -> SuiteRun:
    """Octavia's whole unit suite in ``tree``, with its totals."""
    started = time.monotonic()
    done = stestr(tree, "run", "--concurrency", str(concurrency))
    seconds = time.monotonic() - started
    totals = {name: int(count) for name, count in _TOTAL.findall(done.stdout)}
    if "Passed" not in totals:
        raise HarnessError(
            f"stestr in {tree.name} printed no totals "
            f"(exit {done.returncode}):\n{_tail(done)}"
        )
    run = SuiteRun(
        passed=totals["Passed"],
        failed=totals.get("Failed", 0),
        skipped=totals.get("Skipped", 0),
        other=totals.get("Expected Fail", 0)
        + totals.get("Unexpected Success", 0),
        seconds=seconds,
    )
    if done.returncode != 0 or run.failed or run.other:
        failing = stestr(tree, "failing", "--list").stdout.strip()
        raise HarnessError(
            f"Octavia's unit suite fails on the {tree.name} tree:\n{failing}"
        )
    return run


def listed_tests(tree: Path, pattern: str) -> list[str]:
    """The test ids stestr lists in ``tree`` for ``pattern``."""
    done = stestr(tree, "list", pattern)
    if done.returncode != 0:
        raise HarnessError(f"stestr list {pattern} failed:\n{_tail(done)}")
    return [line for line in done.stdout.splitlines() if line.strip()]


def check_counts(unpatched: SuiteRun, patched: SuiteRun, new: int) -> None:
    """The patched suite: every old test still passes, plus the new ones."""
    if unpatched.skipped or patched.skipped:
        raise HarnessError("a test was skipped; every test must run")
    if new == 0:
        raise HarnessError(f"the series adds no tests under {NEW_TESTS}")
    if patched.passed != unpatched.passed + new:
        raise HarnessError(
            f"patched: {patched.passed} passed, expected "
            f"{unpatched.passed} (unpatched) + {new} (new)"
        )


def check_wrong_variant(
    source: Path, scratch: Path, variant: WrongVariant
) -> None:
    """The series with ``variant`` in place of its patch must make the
    named test fail (and fail, not error on import)."""
    tree = copy_tree(source, scratch, f"wrong-{variant.patch.stem}")
    patches = [
        variant.patch if patch.name == variant.replaces else patch
        for patch in series_patches()
    ]
    apply_series(tree, patches)
    # The one test, without discovering the whole suite.
    done = subprocess.run(
        [sys.executable, "-m", "testtools.run", variant.fails],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    shutil.rmtree(tree)
    if done.returncode == 0 or f"FAIL: {variant.fails}" not in done.stdout:
        raise HarnessError(
            f"wrong variant {variant.patch.name} ({variant.why}) does not "
            f"make {variant.fails} fail (exit {done.returncode}):\n"
            f"{_tail(done)}"
        )


def check_audit(tree: Path) -> str:
    """Audit the patched tree; every set site still looping must be left
    for the Active-Active work with a reason.  A summary line."""
    report = audit_report.audit(find_sites(tree), load_mapping(VERSION))
    if not report.clean:
        findings = "\n".join(audit_report.finding_lines(report))
        raise HarnessError(f"the audit of the patched tree:\n{findings}")
    left = tomllib.loads((SERIES / "left-for-active-active.toml").read_text())
    by_kind: dict[str, str] = left["kinds"]
    by_site = {(e["file"], e["function"]): e["reason"] for e in left["site"]}
    looping = [
        c.site
        for c in report.classified
        if c.migration == audit_report.STILL_LOOPING and c.row.set in SET_KINDS
    ]
    uncovered = [
        f"{site.file}:{site.line} {site.function} ({site.kind.value})"
        for site in looping
        if site.kind.value not in by_kind
        and (site.file, site.function) not in by_site
    ]
    if uncovered:
        raise HarnessError(
            "sites still looping with no reason in "
            "left-for-active-active.toml:\n" + "\n".join(uncovered)
        )
    stale = set(by_site) - {(site.file, site.function) for site in looping}
    if stale:
        raise HarnessError(
            "left-for-active-active.toml names functions with nothing "
            f"left: {sorted(stale)}"
        )
    kinds = collections.Counter(site.kind.value for site in looping)
    return (
        f"audit: {report.migrated} sites migrated; {len(looping)} "
        "front-facing, back-facing or VRRP sites left for Active-Active, "
        "each with a reason: "
        + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
    )


def _tail(done: subprocess.CompletedProcess[str], lines: int = 30) -> str:
    output = (done.stdout + done.stderr).strip().splitlines()
    return "\n".join(output[-lines:])


def _table(unpatched: SuiteRun, patched: SuiteRun, new: int) -> str:
    rows = [
        ("", "unpatched", "patched"),
        ("passed", str(unpatched.passed), str(patched.passed)),
        ("failed", str(unpatched.failed), str(patched.failed)),
        ("skipped", str(unpatched.skipped), str(patched.skipped)),
        ("new tests", "", str(new)),
        ("seconds", f"{unpatched.seconds:.0f}", f"{patched.seconds:.0f}"),
    ]
    return "\n".join(f"{a:<10} {b:>10} {c:>10}" for a, b, c in rows)


def main(argv: list[str] | None = None) -> int:
    """Run every step; 0 if all pass, 1 if one fails, 2 on bad input."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--concurrency",
        type=int,
        default=os.cpu_count() or 1,
        help="stestr workers per suite run (default: the CPU count)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        source = octavia_tree(VERSION)
        check_test_requirements(source)
        variants = wrong_variants()
        with tempfile.TemporaryDirectory(prefix="octavia-patch-") as tmp:
            scratch = Path(tmp)
            unpatched_tree = copy_tree(source, scratch, "unpatched")
            patched_tree = copy_tree(source, scratch, "patched")
            apply_series(patched_tree, series_patches())
            print(f"series: {len(series_patches())} patches apply cleanly")
            print(check_audit(patched_tree))
            unpatched = run_suite(unpatched_tree, args.concurrency)
            patched = run_suite(patched_tree, args.concurrency)
            new = len(listed_tests(patched_tree, NEW_TESTS))
            print(_table(unpatched, patched, new))
            check_counts(unpatched, patched, new)
            for variant in variants:
                check_wrong_variant(source, scratch, variant)
                print(
                    f"wrong variant {variant.patch.name}: {variant.fails} "
                    "fails, as it must"
                )
    except AmphoraSetsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except HarnessError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    print(
        f"octavia-patch: all steps pass in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
