"""The bounds on topology files: what is read, and the shape pre-scan.

The pre-scan must see strings and comments exactly where tomllib does,
or it would count brackets and dots inside them (refusing a good file)
or skip real ones (letting a deep file through).  The property test
builds TOML documents whose strings and comments are known by
construction and checks the scan's verdict against a count made over
the rest; tomllib checks that each document means what was built.
"""

from __future__ import annotations

import os
import stat
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets import AmphoraSetsError
from amphora_sets.registry.file_limits import (
    MAX_DOTS_PER_LINE,
    MAX_FILE_BYTES,
    MAX_NESTING,
    check_shape,
    read_text,
)

DEEP = "[" * MAX_NESTING + "1" + "]" * MAX_NESTING
"""An array nested exactly as deep as allowed."""
DOTS = "a" + ".a" * MAX_DOTS_PER_LINE + " = 1"
"""A line with exactly as many dots as allowed."""


def _refused(text: str) -> bool:
    try:
        check_shape(text, "t.toml")
    except AmphoraSetsError as error:
        return (error.field, error.source) == ("topology-file", "t.toml")
    return False


# (case id, text, refused?, valid TOML?)
SHAPES = [
    ("deep-as-allowed", f"x = {DEEP}\n", False, True),
    ("one-deeper", f"x = [{DEEP}]\n", True, True),
    ("deep-twice", f"x = {DEEP}\ny = {DEEP}\n", False, True),
    ("deep-after-closing", f"x = [1]\ny = {DEEP}\n", False, True),
    # ten deep, down to nine, then up to eleven
    ("reopened", "x = " + "[" * 10 + "1], [[2" + "]" * 11 + "\n", True, True),
    ("dots-as-allowed", DOTS + "\n", False, True),
    ("dots-on-two-lines", f"{DOTS}\nb{DOTS}\n", False, True),
    ("one-dot-more", "b." + DOTS + "\n", True, True),
    ("dots-in-a-comment", "x = 1 # " + "." * 40 + "\n", False, True),
    ("comment-at-the-end", "x = 1 # [[[[[[[[[[[[", False, True),
    ("brackets-in-a-key", '"' + "[" * 12 + '" = 1\n', False, True),
    ("dots-in-a-key", '"' + "." * 40 + '" = 1\n', False, True),
    ("brackets-in-a-string", 'x = "' + "[" * 12 + '"\n', False, True),
    (
        "escaped-quote",
        'x = "a\\"' + "[" * 12 + '\\""\n',
        False,
        True,
    ),
    (
        "escaped-backslash-then-deep",
        f'x = ["\\\\", {DEEP}, "b"]\n',
        True,
        True,
    ),
    (
        "literal-backslash-then-deep",
        f"x = ['a\\', {DEEP}, 'b']\n",
        True,
        True,
    ),
    (
        "multi-line-basic",
        'x = """\n' + "[" * 12 + '\n"""\n',
        False,
        True,
    ),
    (
        "multi-line-basic-after-a-line",
        'x = 1\ny = """\n' + "[" * 12 + '\n"""\n',
        False,
        True,
    ),
    (
        "multi-line-escaped-quotes",
        'x = """a\\"""' + "[" * 12 + '"""\n',
        False,
        True,
    ),
    (
        "multi-line-ends-in-a-quote",
        f'x = ["""a"""", {DEEP}]\n',
        True,
        True,
    ),
    (
        "multi-line-ends-in-two-quotes",
        f'x = ["""a""""", {DEEP}]\n',
        True,
        True,
    ),
    (
        "multi-line-then-closing",
        f'x = [["""a"""]]\ny = {DEEP}\n',
        False,
        True,
    ),
    (
        "multi-line-quote-then-closing",
        f'x = [["""a""""]]\ny = {DEEP}\n',
        False,
        True,
    ),
    ("multi-line-at-the-end", 'x = """a"""', False, True),
    (
        "multi-line-literal",
        "x = '''\n" + "[" * 12 + "\n'''\n",
        False,
        True,
    ),
    (
        "multi-line-literal-backslash",
        f"x = ['''a\\''', {DEEP}]\n",
        True,
        True,
    ),
    # Two quotes at most end a multi-line string's content: a sixth quote
    # opens another string, as the parser reads it (and then refuses it).
    ("six-quotes", 'x = """a""""""' + "[" * 12 + "\n", False, False),
    # An unterminated string ends where the parser will stop: its line.
    ("unterminated", f'x = "abc\ny = [{DEEP}]\n', True, False),
]


@pytest.mark.parametrize(
    ("text", "refused", "valid"),
    [pytest.param(*case[1:], id=case[0]) for case in SHAPES],
)
def test_the_shape_scan_sees_strings_and_comments_as_tomllib_does(
    text: str, refused: bool, valid: bool
) -> None:
    assert _refused(text) is refused
    if valid:
        tomllib.loads(text)
    else:
        with pytest.raises(tomllib.TOMLDecodeError):
            tomllib.loads(text)


# Generated documents: a list of (kind, text) tokens.  Only "code" tokens
# are outside strings and comments.
Token = tuple[str, str]
_CONTENT = st.text(alphabet="ab\"'\\[]{}.#,= \t\n", max_size=10)


def _basic(content: str) -> str:
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n"}
    return '"' + "".join(escapes.get(ch, ch) for ch in content) + '"'


def _multi_line_basic(content: str) -> str:
    # Quotes stay raw unless a third would follow two; up to two raw
    # quotes may end the content right before the closing delimiter.
    out, run = [], 0
    for ch in content:
        if ch == '"':
            run += 1
            out.append('\\"' if run == 3 else '"')
            run %= 3
            continue
        run = 0
        out.append("\\\\" if ch == "\\" else ch)
    # a newline right after the opening delimiter is dropped: keep it
    return '"""\n' + "".join(out) + '"""'


def _string_forms(content: str) -> list[str]:
    forms = [_basic(content), _multi_line_basic(content)]
    if "'" not in content and "\n" not in content:
        forms.append(f"'{content}'")
    if "'''" not in content:
        forms.append(f"'''\n{content}'''")
    return forms


@st.composite
def _string(draw: st.DrawFn) -> tuple[list[Token], str]:
    content = draw(_CONTENT)
    return [("string", draw(st.sampled_from(_string_forms(content))))], content


@st.composite
def _value(
    draw: st.DrawFn, depth: int, lines: bool
) -> tuple[list[Token], Any]:
    """A value nested exactly ``depth`` deep; ``lines`` allows newlines
    and comments between array items."""
    if depth == 0:
        return draw(_string() | st.integers(-9, 99).map(_integer))
    inner = draw(_value(depth - 1, lines))
    others = draw(st.lists(_value(0, lines), max_size=2))
    half = len(others) // 2
    items = [*others[:half], inner, *others[half:]]
    if draw(st.booleans()):
        tokens: list[Token] = [("code", "[")]
        for index, (item, _) in enumerate(items):
            if index:
                tokens.append(("code", ","))
                if lines and draw(st.booleans()):
                    tokens += [*draw(_comment()), ("code", "\n")]
                tokens.append(("code", " "))
            tokens += item
        return [*tokens, ("code", "]")], [v for _, v in items]
    tokens = [("code", "{")]
    for index, (item, _) in enumerate(items):
        tokens += [("code", f"{', ' if index else ''}k{index} = "), *item]
    return [*tokens, ("code", "}")], {
        f"k{i}": v for i, (_, v) in enumerate(items)
    }


def _integer(number: int) -> tuple[list[Token], int]:
    return [("code", str(number))], number


@st.composite
def _comment(draw: st.DrawFn) -> list[Token]:
    if not draw(st.booleans()):
        return []
    text = draw(st.text(alphabet="ab\"'[]{}.#", max_size=8))
    return [("code", " "), ("comment", "#" + text)]


@st.composite
def _line(draw: st.DrawFn, index: int) -> tuple[list[Token], dict[str, Any]]:
    """``key = value`` under a fresh first key, so lines never clash."""
    dots = draw(st.integers(0, MAX_DOTS_PER_LINE + 1))
    parts = [f"k{index}"] + [f"p{i}" for i in range(dots)]
    quoted = draw(st.booleans())
    key: list[Token] = [("code", ".".join(parts))]
    if quoted:  # a quoted last part, dots and all, counts no dot
        key += [("code", "."), ("string", '"q.[{"')]
        parts.append("q.[{")
    tokens, value = draw(_value(draw(st.integers(0, MAX_NESTING + 1)), True))
    for part in reversed(parts):
        value = {part: value}
    return [*key, ("code", " = "), *tokens, *draw(_comment())], value


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Token], dict[str, Any]]:
    tokens: list[Token] = []
    expected: dict[str, Any] = {}
    for index in range(draw(st.integers(1, 3))):
        line, value = draw(_line(index))
        tokens += [*line, ("code", "\n")]
        expected.update(value)
    if draw(st.booleans()):
        tokens.pop()  # no newline at the end of the file
    return tokens, expected


def _over_the_limits(tokens: list[Token]) -> bool:
    """The shape limits, counted over what is outside strings and
    comments: the scan's answer when it finds those exactly."""
    depth = dots = 0
    for kind, text in tokens:
        if kind != "code":
            continue
        for ch in text:
            if ch == "\n":
                dots = 0
            elif ch == ".":
                dots += 1
                if dots > MAX_DOTS_PER_LINE:
                    return True
            elif ch in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return True
            elif ch in "]}":
                depth -= 1
    return False


@settings(max_examples=400)
@given(documents())
def test_the_shape_scan_agrees_with_a_count_outside_strings(
    document: tuple[list[Token], dict[str, Any]],
) -> None:
    tokens, expected = document
    text = "".join(text for _, text in tokens)
    assert tomllib.loads(text) == expected  # the document is what was built
    assert _refused(text) is _over_the_limits(tokens)


# Reading: only regular files, at most MAX_FILE_BYTES, without blocking.


def _regular_stat(size: int) -> os.stat_result:
    return os.stat_result((stat.S_IFREG | 0o644, 1, 1, 1, 0, 0, size, 0, 0, 0))


@pytest.fixture
def lying_stat(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make os.stat (and with ``fstat=True`` os.fstat too) report a small
    regular file: a file swapped or grown after it was checked."""

    def lie(*, fstat: bool = False) -> None:
        monkeypatch.setattr(os, "stat", lambda path: _regular_stat(10))
        if fstat:
            monkeypatch.setattr(os, "fstat", lambda fd: _regular_stat(10))

    return lie


def _read_error(path: Path) -> AmphoraSetsError:
    with pytest.raises(AmphoraSetsError) as caught:
        read_text(path, "the-source")
    assert caught.value.field == "topology-file"
    assert caught.value.source == "the-source"
    return caught.value


def test_a_file_of_exactly_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "full.toml"
    text = "#" * (MAX_FILE_BYTES - 1) + "\n"
    path.write_text(text, encoding="utf-8")
    assert read_text(path, "full") == text


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "sparse.toml"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    assert _read_error(path).problem == (
        f"{MAX_FILE_BYTES + 1} bytes, larger than the limit of "
        f"{MAX_FILE_BYTES}"
    )


def test_a_file_grown_past_the_limit_after_the_check_is_refused(
    tmp_path: Path,
    lying_stat: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "grown.toml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 100))
    asked: list[int | None] = []
    real_fdopen = os.fdopen

    def fdopen(*args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(*args, **kwargs)
        real_read = stream.read

        def read(size: int | None = None) -> bytes:
            asked.append(size)
            return real_read(size)

        stream.read = read
        return stream

    monkeypatch.setattr(os, "fdopen", fdopen)
    lying_stat(fstat=True)
    problem = _read_error(path).problem
    assert problem == f"larger than the limit of {MAX_FILE_BYTES} bytes"
    assert asked == [MAX_FILE_BYTES + 1]  # one byte past the limit, no more


def test_a_fifo_swapped_in_after_the_check_is_refused_without_blocking(
    tmp_path: Path, lying_stat: Callable[..., None]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # no writer: a blocking open would wait forever
    lying_stat()
    errors: list[AmphoraSetsError] = []
    reader = threading.Thread(
        target=lambda: errors.append(_read_error(fifo)), daemon=True
    )
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock it, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("opening the FIFO blocked")
    assert errors[0].problem == "not a regular file (a FIFO)"


def test_a_file_is_opened_without_becoming_a_controlling_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    flags: list[int] = []
    real_open = os.open

    def spy(name: Any, how: int, *args: Any) -> int:
        flags.append(how)
        return real_open(name, how, *args)

    monkeypatch.setattr(os, "open", spy)
    read_text(path, "t")
    assert flags == [os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY]


def test_a_file_gone_after_the_check_cannot_be_read(
    tmp_path: Path, lying_stat: Callable[..., None]
) -> None:
    lying_stat()
    error = _read_error(tmp_path / "gone.toml")
    assert error.problem == "cannot read: No such file or directory"


def test_a_read_that_fails_names_the_reason(
    tmp_path: Path, lying_stat: Callable[..., None]
) -> None:
    lying_stat(fstat=True)  # a directory, passed off as a regular file
    assert _read_error(tmp_path).problem == "cannot read: Is a directory"


def test_an_unreadable_name_names_the_reason(tmp_path: Path) -> None:
    error = _read_error(tmp_path / "missing.toml")
    assert error.problem == "cannot read: No such file or directory"


def test_a_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'x = "caf\xe9"\n')
    assert _read_error(path).problem == (
        "not UTF-8 text: invalid continuation byte at byte 8"
    )
