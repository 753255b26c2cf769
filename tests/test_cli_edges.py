"""The error boundary, seen from outside: closed pipes, full disks, closed
streams and Ctrl-C, each in a real process with real file descriptors."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from package_env import package_env

COMMAND = [sys.executable, "-m", "amphora_sets"]


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [*COMMAND, *argv],
        env=package_env(),
        text=True,
        check=False,
        timeout=120,
        **kwargs,
    )


@pytest.mark.parametrize(
    "argv",
    [["show"], ["show", "--format", "json"], ["verify", "--only", "INV-*"]],
)
def test_closed_pipe_exits_141_quietly(argv: list[str]) -> None:
    # The reader is gone before the first write: every write gets EPIPE.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = _run(argv, stdout=write_end)
    finally:
        os.close(write_end)
    assert completed.returncode == 141
    assert completed.stderr == ""


@pytest.mark.parametrize(
    "argv",
    [["show"], ["verify", "--only", "INV-*"], ["--help"], ["--version"]],
)
def test_full_disk_exits_74_in_one_line(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        completed = _run(argv, stdout=full)
    assert completed.returncode == 74
    assert completed.stderr == (
        "amphora-sets: error: cannot write output: No space left on device\n"
    )


@pytest.mark.parametrize("argv", [["show"], ["--help"]])
def test_closed_stdout_exits_74_not_0(argv: list[str]) -> None:
    completed = _run(argv, preexec_fn=lambda: os.close(1))
    assert completed.returncode == 74
    assert completed.stderr == (
        "amphora-sets: error: cannot write output: standard output is closed\n"
    )


def _close_stdout_and_stderr() -> None:
    os.close(1)
    os.close(2)


def test_closed_stdout_and_stderr_still_exit_74() -> None:
    completed = _run(["show"], preexec_fn=_close_stdout_and_stderr)
    assert completed.returncode == 74


def test_closed_stderr_still_exits_2_on_bad_input() -> None:
    completed = _run(["show", "NOPE"], preexec_fn=lambda: os.close(2))
    assert completed.returncode == 2
    assert completed.stdout == ""


def test_closed_stderr_does_not_hide_good_output() -> None:
    completed = _run(["show", "SINGLE"], preexec_fn=lambda: os.close(2))
    assert completed.returncode == 0
    assert completed.stdout.startswith("SINGLE\n")


@pytest.mark.parametrize("rows_first", [0, 3, 20])
def test_ctrl_c_exits_130_in_one_line(rows_first: int) -> None:
    # A pipe of one page, and no more reading after ``rows_first`` rows:
    # the rest of the report does not fit, so the run is still going
    # (proving, or blocked writing) when Ctrl-C comes, however fast it is.
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PAGE)
    process = subprocess.Popen(
        [*COMMAND, "verify"],
        env=package_env(),
        text=True,
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    # Unbuffered: read no further than the rows asked for.
    with os.fdopen(read_end, "rb", buffering=0) as report:
        # The header comes once parsing is done and proving begins; each
        # verdict follows as it is decided.
        assert report.readline().startswith(b"ID ")
        for _ in range(1 + rows_first):
            report.readline()
        process.send_signal(signal.SIGINT)
        # Then read on, as a terminal or pager would, so what the run
        # still writes (its buffer, on the way out) does not block it.
        report.read()
        _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err == "amphora-sets: interrupted\n"


PAGE = 4096


def test_a_file_that_cannot_be_written_exits_74_naming_it(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    completed = _run(["vectors", str(blocker / "out")])
    assert completed.returncode == 74
    lines = completed.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"amphora-sets: error: {blocker}")
