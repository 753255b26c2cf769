"""Fill text to a width in time linear in its length.

:func:`textwrap.wrap` is quadratic on a long run without spaces (a
megabyte-long word takes seconds); this greedy fill looks at each
character a bounded number of times.  Whitespace runs, newlines included,
become single spaces, and a word longer than a line is cut into pieces.
"""

from __future__ import annotations


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` characters, each starting
    with ``indent``; no line for empty text."""
    room = max(width - len(indent), 1)
    lines: list[str] = []
    words: list[str] = []
    used = 0  # characters of the current line, spaces included
    for word in text.split():
        if len(word) > room:
            if words:
                lines.append(indent + " ".join(words))
                words, used = [], 0
            pieces = [word[i : i + room] for i in range(0, len(word), room)]
            lines.extend(indent + piece for piece in pieces[:-1])
            word = pieces[-1]
        needed = len(word) + (1 if words else 0)
        if used + needed > room:
            lines.append(indent + " ".join(words))
            words, used, needed = [], 0, len(word)
        words.append(word)
        used += needed
    if words:
        lines.append(indent + " ".join(words))
    return lines
