"""Bounds on topology files, enforced before the TOML parser sees them.

A topology file is read only if it is a regular file of at most
:data:`MAX_FILE_BYTES`; FIFOs, devices and directories are refused
without being opened, so ``/dev/zero`` cannot exhaust memory and a FIFO
with no writer cannot block.  Its text is then scanned once, in linear
time, for what would make :mod:`tomllib` recurse without bound (brackets
and braces nested deeper than :data:`MAX_NESTING`) or take quadratic
time (a dotted key with more than :data:`MAX_DOTS_PER_LINE` dots).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from amphora_sets.errors import AmphoraSetsError

MAX_FILE_BYTES = 1 << 20
"""The largest topology file read: 1 MiB."""
MAX_NESTING = 10
"""How deep arrays and inline tables may nest."""
MAX_DOTS_PER_LINE = 16
"""Dots allowed on one line outside strings and comments."""

_FIELD = "topology-file"
_SPECIAL = re.compile(r"[\[\]{}.#\"'\n]")


def read_text(path: str | Path, source: str) -> str:
    """The UTF-8 text of the regular file ``path``, at most 1 MiB."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _error(f"cannot read: {exc.strerror}", source) from None
    _check_regular(info, source)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _error(f"cannot read: {exc.strerror}", source) from None
    try:
        _check_regular(os.fstat(fd), source)  # it may have been swapped
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(f"cannot read: {exc.strerror}", source) from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise _error(
            f"larger than the limit of {MAX_FILE_BYTES} bytes", source
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(
            f"not UTF-8 text: {exc.reason} at byte {exc.start}", source
        ) from None


def _check_regular(info: os.stat_result, source: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _error(f"not a regular file ({_kind(info.st_mode)})", source)
    if info.st_size > MAX_FILE_BYTES:
        raise _error(
            f"{info.st_size} bytes, larger than the limit of {MAX_FILE_BYTES}",
            source,
        )


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"


def check_shape(text: str, source: str) -> None:
    """Refuse nesting deeper than :data:`MAX_NESTING` and lines with more
    than :data:`MAX_DOTS_PER_LINE` dots, outside strings and comments."""
    depth = dots = 0
    pos = 0
    while match := _SPECIAL.search(text, pos):
        ch = match.group()
        pos = match.end()
        if ch == "\n":
            dots = 0
        elif ch == "#":
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
        elif ch in "\"'":
            pos = _string_end(text, match.start())
        elif ch == ".":
            dots += 1
            if dots > MAX_DOTS_PER_LINE:
                raise _error(
                    f"line {_line(text, pos)}: more than "
                    f"{MAX_DOTS_PER_LINE} dots (keys nest too deep)",
                    source,
                )
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise _error(
                    f"line {_line(text, pos)}: arrays or tables nested "
                    f"more than {MAX_NESTING} deep",
                    source,
                )
        else:
            depth = max(depth - 1, 0)


def _string_end(text: str, start: int) -> int:
    """Where the TOML string opening at ``start`` ends (or where the
    parser will find it unterminated): linear in the string's length."""
    quote = text[start]
    delimiter = quote * 3 if text.startswith(quote * 3, start) else quote
    pos = start + len(delimiter)
    newline = -1 if len(delimiter) == 3 else _find(text, "\n", pos)
    close = _find(text, delimiter, pos)
    while quote == '"':
        backslash = _find(text, "\\", pos)
        if backslash >= min(close, newline if newline >= 0 else close):
            break
        pos = backslash + 2
        if pos > close:
            close = _find(text, delimiter, pos)
    if 0 <= newline < close:
        return newline
    end = close + len(delimiter)
    if len(delimiter) == 3:  # up to two quotes may end the content
        while end < len(text) and end < close + 5 and text[end] == quote:
            end += 1
    return min(end, len(text))


def _find(text: str, needle: str, pos: int) -> int:
    """``text.find``, with "not found" as ``len(text)``."""
    found = text.find(needle, pos)
    return len(text) if found < 0 else found


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _error(problem: str, source: str) -> AmphoraSetsError:
    return AmphoraSetsError(_FIELD, problem, source=source)
