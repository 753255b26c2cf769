"""Fuzz the command: whatever the topology file or the arguments, it ends
with exit status 0, 1 or 2 and at most one error line, never a traceback.

Runs in-process with Hypothesis (derandomized in CI, see ``conftest``).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from amphora_sets.cli import main
from example_topologies import BACK_NOT_FRONT_FILE, L3_FILE

ONE_OBLIGATION = ["--only", "INV-BACK-IN-FRONT"]
"""Appended to every ``verify``: one cheap proof per topology keeps the
fuzz fast while still reaching PROVED, REFUTED and UNKNOWN."""

PIECES = [
    "[topologies.T]\n",
    "[topologies.U]\n",
    "[topologies.",
    "[[topologies.T]]\n",
    "roles.R = ",
    "roles.S = ",
    "roles.DELETED = ",
    "roles.r = ",
    "{ sets = [",
    '"front"',
    '"back"',
    '"vrrp"',
    '"sideways"',
    ", ",
    "]",
    ", min = ",
    ", max = ",
    "0",
    "1",
    "2",
    "1000",
    "1001",
    "-1",
    "1.5",
    "inf",
    "true",
    "9" * 30,
    " }",
    "}",
    "{",
    "[",
    ".",
    "=",
    "\n",
    " ",
    'description = "',
    "\\u001b]0;x\\u0007",
    "\\u202e",
    "\\",
    '"',
    "'",
    '"""',
    "'''",
    "# comment\n",
    "\x1b",
    "\x00",
    "\u2028",
    "é",
    "[topologies.SINGLE]\n",
    "version = 1\n",
    "roles = {}\n",
]

GOOD_NAMES = ["T", "U", "R", "IN_CLUSTER", "MASTER"]
BAD_NAMES = ["DELETED", "SINGLE", "r"]
GOOD_VALUES = ["0", "1", "2", "2", "3", "1000"]
BAD_VALUES = ["1001", "-1", "1.5", "true"]


def _mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Mostly a good value, sometimes a bad one."""
    return st.sampled_from(good * 8 + bad)


@st.composite
def topology_file(draw: st.DrawFn) -> str:
    """A topology file that is well formed more often than not."""
    names = draw(
        st.lists(
            _mostly(GOOD_NAMES, BAD_NAMES), min_size=1, max_size=3, unique=True
        )
    )
    return "".join(topology_table(draw, name) for name in names)


def topology_table(draw: st.DrawFn, name: str) -> str:
    lines = [f"[topologies.{name}]"]
    if draw(st.booleans()):
        text = draw(
            st.one_of(
                st.text(st.characters(exclude_categories=["C"]), max_size=20),
                st.text(max_size=5),
            )
        )
        lines.append(f"description = {_toml_string(text)}")
    roles = _mostly(GOOD_NAMES, BAD_NAMES)
    for role in draw(st.lists(roles, min_size=1, max_size=4, unique=True)):
        sets = draw(
            st.lists(
                _mostly(["front", "back", "vrrp"], ["x"]),
                max_size=3,
                unique=True,
            )
        )
        spec = ", ".join(f'"{name}"' for name in sets)
        fields = [f"sets = [{spec}]"]
        for key in draw(
            st.lists(st.sampled_from(["min", "max"]), unique=True)
        ):
            value = draw(_mostly(GOOD_VALUES, BAD_VALUES))
            fields.append(f"{key} = {value}")
        lines.append(f"roles.{role} = {{ {', '.join(fields)} }}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}"
        for ch in text
        if ord(ch) <= 0xFFFF and not 0xD800 <= ord(ch) <= 0xDFFF
    )
    return f'"{escaped}"'


@st.composite
def mutated(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """``texts``, sometimes with one piece of TOML syntax inserted."""
    text = draw(texts)
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
    return text


toml_texts = st.one_of(
    topology_file(),
    mutated(topology_file()),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(
        alphabet=st.sampled_from([*"[]{}.,=\"'#\\\n TRfrontbck0123", "\x1b"]),
        max_size=120,
    ),
)


@contextlib.contextmanager
def _topology_file(text: str) -> Iterator[str]:
    handle, path = tempfile.mkstemp(suffix=".toml")
    try:
        with os.fdopen(
            handle, "w", encoding="utf-8", errors="surrogatepass"
        ) as f:
            f.write(text)
        yield path
    finally:
        os.unlink(path)


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def _assert_kept_promises(status: int, err: str) -> None:
    assert status in {0, 1, 2}, err
    assert "Traceback" not in err
    assert "internal error" not in err
    lines = err.splitlines()
    if status == 2 and lines:
        assert ": error: " in lines[-1] or "UNKNOWN" in err, err
    if lines and not lines[0].startswith("usage: "):
        assert len(lines) == 1, err
    assert "\x1b" not in err


@settings(max_examples=150)
@given(text=toml_texts, subcommand=st.sampled_from(["show", "verify"]))
def test_any_topology_file(text: str, subcommand: str) -> None:
    with _topology_file(text) as path:
        argv = [subcommand, "--topology-file", path]
        if subcommand == "verify":
            argv += ONE_OBLIGATION
        status, out, err = _run(argv)
    _assert_kept_promises(status, err)
    if status == 2:
        assert out == ""
    assert "\x1b" not in out


TOKENS = [
    "show",
    "verify",
    "--format",
    "json",
    "text",
    "yaml",
    "--topology-file",
    str(L3_FILE),
    str(BACK_NOT_FRONT_FILE),
    "/dev/null",
    "/nonexistent",
    "--only",
    "INV-*",
    "NOPE*",
    "--rlimit",
    "1",
    "0",
    "-1",
    "lots",
    "--statuses",
    "SINGLE",
    "ACTIVE_ACTIVE_L3",
    "NOPE",
    "--help",
    "-h",
    "--version",
    "--",
    "-",
    "",
    "\x1b]0;x\x07",
    "--rlimit=",
    "--format=json",
]

OPTIONS = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=6
)
argvs = st.tuples(
    st.sampled_from(
        [
            [],
            ["--format", "json"],
            ["--topology-file", str(L3_FILE)],
            ["--format", "text", "--topology-file", str(BACK_NOT_FRONT_FILE)],
        ]
    ),
    st.one_of(st.sampled_from(["show", "verify"]), st.text(max_size=8)),
    OPTIONS,
).map(
    lambda parts: [
        *parts[0],
        parts[1],
        *parts[2],
        *(ONE_OBLIGATION if parts[1] == "verify" else ()),
    ]
)


@settings(max_examples=150)
@given(argv=argvs)
def test_any_arguments(argv: list[str]) -> None:
    status, _, err = _run(argv)
    _assert_kept_promises(status, err)
