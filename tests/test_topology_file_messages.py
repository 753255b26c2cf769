"""What a topology file's errors and intent say: the line a shape limit
is broken on, the registered topologies a ``like`` may name, and the
legacy topology a ``like`` carries over."""

from __future__ import annotations

import pytest

from amphora_sets import AmphoraSetsError
from amphora_sets.registry import BUILTIN_REGISTRY, parse_topologies
from amphora_sets.registry.file_limits import (
    MAX_DOTS_PER_LINE,
    MAX_NESTING,
    check_shape,
)

HEAD = "[topologies.T]\n"
ROLE = 'roles.R = { sets = ["front", "back"], min = 1 }\n'
DOTTED = "a" + ".a" * (MAX_DOTS_PER_LINE + 1) + " = 1\n"
NESTED = "x = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n"


@pytest.mark.parametrize(
    ("offending", "problem"),
    [(DOTTED, "dots"), (NESTED, "nested")],
)
def test_a_shape_error_names_the_line_it_is_on(
    offending: str, problem: str
) -> None:
    # a blank first line, the offence on line 3, more lines after it
    text = "\n# comment\n" + offending + "b = 2\nc = 3\n"
    with pytest.raises(AmphoraSetsError) as caught:
        check_shape(text, "f.toml")
    assert caught.value.problem.startswith("line 3: ")
    assert problem in caught.value.problem


def test_a_shape_error_on_the_first_line_says_line_one() -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        check_shape(DOTTED + "b = 2\n", "f.toml")
    assert caught.value.problem.startswith("line 1: ")


def test_like_must_name_a_registered_topology_and_lists_them() -> None:
    with pytest.raises(AmphoraSetsError) as caught:
        parse_topologies(HEAD + ROLE + 'like = "NOPE"\n')
    assert caught.value.field == "topologies.T.like"
    assert caught.value.problem == (
        "must name a registered topology "
        f"({', '.join(BUILTIN_REGISTRY.names)}), not 'NOPE'"
    )


def test_without_like_a_topology_has_no_legacy_topology() -> None:
    (topology,) = parse_topologies(HEAD + ROLE)
    assert topology.legacy is None


def test_like_carries_the_legacy_topology_over() -> None:
    (topology,) = parse_topologies(HEAD + ROLE + 'like = "ACTIVE_STANDBY"\n')
    assert topology.legacy == BUILTIN_REGISTRY.get("ACTIVE_STANDBY").legacy
    assert topology.legacy is not None
