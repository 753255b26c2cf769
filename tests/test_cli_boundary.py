"""The error boundary and the shared options, in-process."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest

import amphora_sets
from amphora_sets.cli import common, main
from amphora_sets.cli.progress import Progress
from amphora_sets.registry import BUILTIN_REGISTRY, file_limits, toml_file
from example_topologies import BACK_NOT_FRONT_FILE, L3_FILE


def _raise(exc: BaseException) -> int:
    raise exc


@pytest.mark.parametrize(
    ("exc", "status", "line"),
    [
        (
            amphora_sets.AmphoraSetsError("f", "bad"),
            2,
            "amphora-sets: error: field 'f': bad\n",
        ),
        (KeyboardInterrupt(), 130, "amphora-sets: interrupted\n"),
        (BrokenPipeError(32, "Broken pipe"), 141, ""),
        (
            OSError(28, "No space left on device"),
            74,
            "amphora-sets: error: cannot write output: "
            "No space left on device\n",
        ),
        (
            OSError(13, "Permission denied", "out/x.json"),
            74,
            "amphora-sets: error: out/x.json: Permission denied\n",
        ),
        (
            RuntimeError("oops\nsecond \x1b[2J line"),
            70,
            "amphora-sets: internal error: RuntimeError: oops second "
            "\\x1b[2J line\n",
        ),
        (
            RecursionError(),
            70,
            "amphora-sets: internal error: RecursionError: \n",
        ),
        (SystemExit(3), 3, ""),
    ],
)
def test_every_failure_becomes_a_status_and_at_most_one_line(
    capsys: pytest.CaptureFixture[str],
    exc: BaseException,
    status: int,
    line: str,
) -> None:
    assert common.guarded(lambda: _raise(exc)) == status
    out, err = capsys.readouterr()
    assert err == line.replace(": \n", ":\n")
    assert out == ""


def test_format_and_topology_file_before_the_subcommand(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["--format", "json", "--topology-file", str(L3_FILE), "show"]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    names = [t["name"] for t in document["topologies"]]
    assert names == [*BUILTIN_REGISTRY.names, "ACTIVE_ACTIVE_L3"]


def test_files_before_and_after_all_count_and_the_later_format_wins(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = [
        "--format",
        "text",
        "--topology-file",
        str(L3_FILE),
        "show",
        "--format",
        "json",
        "--topology-file",
        str(BACK_NOT_FRONT_FILE),
    ]
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    assert [t["name"] for t in document["topologies"]][-2:] == [
        "ACTIVE_ACTIVE_L3",
        "BACK_NOT_FRONT",
    ]


def test_a_subcommand_without_the_option_refuses_it() -> None:
    args = argparse.Namespace(
        shared_topology_file=[L3_FILE], shared_format=None
    )
    with pytest.raises(amphora_sets.AmphoraSetsError, match="not an option"):
        common.merge_shared_options(args, "vectors")
    args = argparse.Namespace(shared_topology_file=[], shared_format=None)
    common.merge_shared_options(args, "vectors")  # not given: fine
    assert not hasattr(args, "format")


def test_verify_format_before_the_subcommand_is_one_json_document(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--format", "json", "verify", "--only", "INV-AS-*"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["proved"] == document["summary"]["total"] > 0


def test_unknown_names_its_budget_and_suggests_rlimit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["verify", "--only", "OP-FAILOVER-WINDOW", "--rlimit", "1"]
    assert main(argv) == 2
    out = capsys.readouterr().out
    assert "UNKNOWN OP-FAILOVER-WINDOW for SINGLE" in out
    assert "ran out of its rlimit budget of 1 " in out
    assert "try a larger --rlimit" in out


def test_a_file_topology_counterexample_runs_as_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["verify", "--topology-file", str(BACK_NOT_FRONT_FILE)]
    assert main(argv) == 1
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(
        next(line for line in lines if line.startswith("REFUTED "))
    )
    code = []
    for line in lines[start + 2 :]:
        if not line.startswith("  "):
            break
        code.append(line.strip())
    assert code[0] == f"registry = load_registry({str(BACK_NOT_FRONT_FILE)!r})"
    namespace = vars(amphora_sets).copy()
    exec("\n".join(code), namespace)  # raises if it does not run
    lb = namespace["lb"]
    assert lb.topology == "BACK_NOT_FRONT"
    assert lb.back_facing_amphorae != ()
    assert lb.front_facing_amphorae == ()  # the refutation, replayed


def test_with_registry_skips_strings_and_nests() -> None:
    from amphora_sets.solver.report import with_registry

    source = (
        "(LoadBalancer(id='a)', amphorae=(Amphora(id='x'),)), "
        'LoadBalancer(id="b\\")"))'
    )
    assert with_registry(source) == (
        "(LoadBalancer(id='a)', amphorae=(Amphora(id='x'),), "
        'registry=registry), LoadBalancer(id="b\\")", registry=registry))'
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_erases_itself() -> None:
    terminal = _Terminal()
    progress = Progress(3, terminal)
    progress.show(1)
    progress.clear()
    assert terminal.getvalue().startswith("\r\x1b[K[1/3] proving... ")
    assert terminal.getvalue().endswith("\r\x1b[K")


def test_progress_is_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(3, stream)
    progress.show(1)
    progress.clear()
    assert stream.getvalue() == ""


def test_printable_escapes_what_could_drive_a_terminal() -> None:
    assert common.printable("a\x1b]0;t\x07b\u202ec\x9bd\te") == (
        "a\\x1b]0;t\\x07b\\u202ec\\x9bd\te"
    )
    assert common.printable("café ✓") == "café ✓"
    assert common.Table(["h"], [0]).line(["\x1b[2J"]) == "\\x1b[2J"


ROOT = Path(__file__).parent.parent
README = (ROOT / "README.rst").read_text(encoding="utf-8")
CLI_RST = (ROOT / "doc" / "source" / "cli.rst").read_text(encoding="utf-8")
EXIT_STATUSES = sorted(
    value for name, value in vars(common).items() if name.startswith("EXIT_")
)


def test_readme_and_docs_list_every_exit_status_and_no_other() -> None:
    in_readme = [int(n) for n in re.findall(r"^\* (\d+): ", README, re.M)]
    # the README's list for every subcommand, then verify's own 0, 1, 2
    assert in_readme == [*EXIT_STATUSES, 0, 1, 2]
    in_docs = [int(n) for n in re.findall(r"^``(\d+)``$", CLI_RST, re.M)]
    assert in_docs == EXIT_STATUSES


def test_readme_states_the_limits_the_code_enforces() -> None:
    text = " ".join(README.split())
    assert f"of at most {file_limits.MAX_FILE_BYTES >> 20} MiB" in text
    assert f"nest at most {file_limits.MAX_NESTING} deep" in text
    assert f"at most {file_limits.MAX_DOTS_PER_LINE} dots" in text
    assert f"at most {toml_file.MAX_ROLES} roles" in text
    assert f"at most {toml_file.MAX_TOPOLOGIES} topologies" in text
    assert f"from 0 to {toml_file.MAX_ROLE_COUNT}" in text
