"""``amphora-sets vectors OUT_DIR``: write the conformance vectors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from amphora_sets.cli import common
from amphora_sets.vectors import write_vectors


def add_parser(subparsers: Any) -> None:
    """Register ``vectors`` with the top-level parser's ``subparsers``."""
    parser = subparsers.add_parser(
        "vectors",
        help="write JSON conformance vectors, their schema and a README",
        description=(
            "Write into OUT_DIR (created if missing) one JSON file of "
            "conformance cases per family (sets, selection, delta, "
            "lifecycle), computed by the reference model for the built-in "
            "topologies, with schema.json and README.txt.  Existing files "
            "of those names are replaced."
        ),
    )
    parser.add_argument(
        "out_dir", metavar="OUT_DIR", type=Path, help="directory to write"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Write the files and list them, one per line."""
    for path in write_vectors(args.out_dir):
        print(common.printable(str(path)))
    return common.EXIT_OK
