"""What every subcommand shares: common options, output, error handling."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry import BUILTIN_REGISTRY, Registry, load_registry

PROG = "amphora-sets"
"""The command's name, as error messages and ``--help`` spell it."""

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Handler = Callable[[argparse.Namespace], int]
"""A subcommand: takes the parsed arguments, returns the exit status."""


def add_topology_file_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--topology-file FILE``, read by :func:`registry_from`."""
    parser.add_argument(
        "--topology-file",
        metavar="FILE",
        type=Path,
        action="append",
        default=[],
        help=(
            "also register the topologies declared in this TOML file "
            "(may be given more than once)"
        ),
    )


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--format text|json`` (default ``text``)."""
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: %(default)s)",
    )


def registry_from(args: argparse.Namespace) -> Registry:
    """The built-in registry extended with every ``--topology-file``."""
    registry = BUILTIN_REGISTRY
    for path in args.topology_file:
        registry = load_registry(path, registry)
    return registry


def run(handler: Handler, args: argparse.Namespace) -> int:
    """Call ``handler``; bad input becomes one line on stderr and exit 2."""
    try:
        return handler(args)
    except AmphoraSetsError as exc:
        message = " ".join(str(exc).split())
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT


def exit_status(exc: SystemExit) -> int:
    """The integer exit status argparse meant by raising ``exc``."""
    if exc.code is None:
        return EXIT_OK
    if isinstance(exc.code, int):
        return exc.code
    return EXIT_BAD_INPUT


def print_json(document: Any) -> None:
    """Print ``document`` as indented JSON, keys in the order given."""
    print(json.dumps(document, indent=2))


def table_lines(
    headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = ""
) -> list[str]:
    """An aligned plain-text table: a header, a rule, one line per row."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [
            max(w, len(cell)) for w, cell in zip(widths, row, strict=True)
        ]

    def line(cells: Sequence[str]) -> str:
        padded = (cell.ljust(w) for cell, w in zip(cells, widths, strict=True))
        return (indent + "  ".join(padded)).rstrip()

    return [
        line(headers),
        line(["-" * w for w in widths]),
        *(line(row) for row in rows),
    ]
