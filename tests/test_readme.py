"""The verify runs README.rst shows are what the command prints today.

Every column but the timings must match a fresh run of the same command,
so the README cannot drift from the proofs.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from amphora_sets.cli import main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.rst").read_text(encoding="utf-8")
TIMING = re.compile(r"\s+([\d.]+|-+)$|in [\d.]+ s$")


def _examples() -> list[tuple[list[str], list[str]]]:
    """(argv, printed lines) of every ``$ amphora-sets verify`` block."""
    examples = []
    lines = README.splitlines()
    for i, line in enumerate(lines):
        if not line.startswith("    $ amphora-sets verify"):
            continue
        command = line.removeprefix("    $ amphora-sets ")
        j = i + 1
        while command.endswith("\\"):
            command = command[:-1] + lines[j].strip()
            j += 1
        shown = []
        while j < len(lines) and lines[j].startswith("    "):
            shown.append(lines[j][4:])
            j += 1
        examples.append((shlex.split(command), shown))
    return examples


def _untimed(lines: list[str]) -> list[str]:
    return [TIMING.sub("", line.rstrip()) for line in lines]


EXAMPLES = _examples()


def test_the_readme_shows_verify_runs() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(
    ("argv", "shown"), EXAMPLES, ids=[" ".join(a) for a, _ in EXAMPLES]
)
def test_readme_verify_output_matches_a_fresh_run(
    argv: list[str],
    shown: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    main(argv)
    printed = capsys.readouterr().out.splitlines()
    assert _untimed(printed) == _untimed(shown)
