"""Which characters may reach a terminal, and how the others are shown.

Control and format characters (C0 and C1 controls, bidirectional
overrides, line and paragraph separators) can move a terminal's cursor,
retitle its window or reorder what it shows.  Topology files may not
contain them in names or descriptions; output escapes any that remain.
"""

from __future__ import annotations

import unicodedata

_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_ALLOWED_WHITESPACE = frozenset("\t\n")


def first_unprintable(text: str, allow: frozenset[str] = frozenset()) -> int:
    """The index of the first control or format character in ``text``
    that is not in ``allow``, or -1 if there is none."""
    if text.isprintable():
        return -1
    for index, ch in enumerate(text):
        if ch not in allow and unicodedata.category(ch) in _UNPRINTABLE:
            return index
    return -1


def escaped(text: str) -> str:
    """``text`` with every control or format character (tab aside)
    written as a Python escape such as ``\\x1b`` or ``\\u202e``."""
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch == "\t" or unicodedata.category(ch) not in _UNPRINTABLE
        else _escape(ch)
        for ch in text
    )


def _escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


DESCRIPTION_WHITESPACE = _ALLOWED_WHITESPACE
"""The control characters a description may hold: tab and newline."""
