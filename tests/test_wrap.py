"""``show``'s linear-time wrapping agrees with textwrap where both apply."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amphora_sets.cli import main
from amphora_sets.cli.wrap import wrap

words = st.text(st.sampled_from("abcdefghij"), min_size=1, max_size=12)
texts = st.lists(words, max_size=40).map(" ".join)


@given(text=texts, width=st.integers(15, 90))
def test_same_lines_as_textwrap_for_words_that_fit(
    text: str, width: int
) -> None:
    assert wrap(text, width, "  ") == textwrap.wrap(
        text, width, initial_indent="  ", subsequent_indent="  "
    )


@given(
    text=st.text(st.sampled_from("ab \n\t"), max_size=300),
    width=st.integers(1, 40),
    indent=st.sampled_from(["", "  "]),
)
def test_every_line_fits_and_no_character_is_lost(
    text: str, width: int, indent: str
) -> None:
    lines = wrap(text, width, indent)
    room = max(width - len(indent), 1)
    for line in lines:
        assert line.startswith(indent)
        assert 0 < len(line) - len(indent) <= room
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_a_long_word_is_cut_into_full_lines() -> None:
    assert wrap("x" * 10, 6, "  ") == ["  xxxx", "  xxxx", "  xx"]
    assert wrap("ab " + "x" * 5, 6, "") == ["ab", "xxxxx"]
    assert wrap("", 10) == []


def test_show_wraps_a_description_near_the_size_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One word of almost 1 MiB: textwrap is quadratic in a word's length.
    word = "x" * ((1 << 20) - 100)
    path = tmp_path / "long.toml"
    path.write_text(
        f'[topologies.T]\ndescription = "{word}"\n'
        'roles.R = { sets = ["front"] }\n',
        encoding="utf-8",
    )
    assert main(["show", "T", "--topology-file", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line.strip() for line in lines[1:-4]) == word
