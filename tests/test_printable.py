"""Which characters a name or description may not hold."""

from __future__ import annotations

import pytest

from amphora_sets.registry.printable import (
    DESCRIPTION_WHITESPACE,
    first_unprintable,
)


@pytest.mark.parametrize(
    ("text", "allow", "index"),
    [
        ("plain café ✓", frozenset(), -1),
        ("", frozenset(), -1),
        ("tab\there", frozenset(), 3),
        ("tab\there", DESCRIPTION_WHITESPACE, -1),
        ("two\nlines\tand a tab", DESCRIPTION_WHITESPACE, -1),
        ("ok\tthen \x1b[2J", DESCRIPTION_WHITESPACE, 8),
        ("abc \u202e cba", DESCRIPTION_WHITESPACE, 4),
        ("\x9b31m", DESCRIPTION_WHITESPACE, 0),
        ("line\u2028separator", frozenset(), 4),
    ],
)
def test_first_unprintable_finds_the_first_character_not_allowed(
    text: str, allow: frozenset[str], index: int
) -> None:
    assert first_unprintable(text, allow) == index
