"""Bad input through the command: exit 2 and one escaped line, always.

The cases are data (``bad_inputs.py`` and ``test_topology_file.MALFORMED``):
adding a case is adding a line there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from amphora_sets.cli import main
from bad_inputs import ARGV, TOPOLOGY_FILES
from test_topology_file import MALFORMED


def assert_one_error_line(err: str, *fragments: str) -> None:
    lines = err.splitlines()
    assert "Traceback" not in err
    assert lines, "no error message"
    # argparse prints its usage first; the error itself is the last line.
    assert lines[-1].startswith("amphora-sets"), err
    assert ": error: " in lines[-1], err
    assert len(lines) == 1 or lines[0].startswith("usage: amphora-sets")
    for control in "\x1b\x07\x9b":
        assert control not in err
    for fragment in fragments:
        assert fragment in lines[-1], (fragment, lines[-1])


FILE_CASES = [
    pytest.param(text, key, problem, id=name)
    for name, text, key, problem in TOPOLOGY_FILES
] + [
    pytest.param(text, key, problem, id=name)
    for name, text, key, problem in MALFORMED
]


@pytest.mark.parametrize("subcommand", ["show", "verify"])
@pytest.mark.parametrize(("text", "key", "problem"), FILE_CASES)
def test_bad_topology_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    subcommand: str,
    text: str,
    key: str,
    problem: str,
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    assert main([subcommand, "--topology-file", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_one_error_line(err, str(path), f"field {key!r}", problem)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [pytest.param(argv, fragment, id=name) for name, argv, fragment in ARGV],
)
def test_bad_argv(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_one_error_line(err, fragment)


def test_a_fifo_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: opening it to read would block forever
    assert main(["show", "--topology-file", str(fifo)]) == 2
    assert_one_error_line(capsys.readouterr().err, "a FIFO")


def test_a_symlink_to_a_fifo_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.toml"
    link.symlink_to(fifo)
    assert main(["show", "--topology-file", str(link)]) == 2
    assert_one_error_line(capsys.readouterr().err, "a FIFO")


def test_a_file_over_1_mib_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as stream:
        stream.truncate((1 << 20) + 1)  # sparse: nothing is written
    assert main(["show", "--topology-file", str(path)]) == 2
    assert_one_error_line(
        capsys.readouterr().err, "larger than the limit of 1048576"
    )


def test_a_file_of_exactly_1_mib_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = HEAD_AND_ROLE = '[topologies.T]\nroles.R = { sets = ["front"] }\n'
    path = tmp_path / "padded.toml"
    padding = (1 << 20) - len(body) - 1
    path.write_text(HEAD_AND_ROLE + "#" * padding + "\n", encoding="utf-8")
    assert path.stat().st_size == 1 << 20
    assert main(["show", "T", "--topology-file", str(path)]) == 0
    assert capsys.readouterr().out.startswith("T\n")


def test_limits_at_the_limit_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roles = "".join(
        f'roles.R{i} = {{ sets = ["front"], max = 1000 }}\n'
        for i in range(256)
    )
    path = tmp_path / "limits.toml"
    path.write_text("[topologies.T]\n" + roles, encoding="utf-8")
    assert main(["show", "T", "--topology-file", str(path)]) == 0
    assert "R255" in capsys.readouterr().out
