"""The ``amphora-sets`` command: argument parsing and output only.

Each subcommand is a module of this package with one function,
``add_parser(subparsers)``, that registers the subcommand's parser and sets
its handler with ``parser.set_defaults(handler=...)``.  A handler takes the
parsed arguments and returns the exit status.  To add a subcommand, write
``cli/<name>.py`` in that shape and add the module to :data:`SUBCOMMANDS`;
nothing else changes.

Exit status: 0 on success, 2 on bad input (an argument error, or any
:class:`~amphora_sets.AmphoraSetsError`, reported on one line of stderr).
A subcommand may give a meaning of its own to 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from amphora_sets import __version__
from amphora_sets.cli import common, show, verify

SUBCOMMANDS = (show, verify)
"""The subcommand modules, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand of :data:`SUBCOMMANDS`."""
    parser = argparse.ArgumentParser(
        prog=common.PROG,
        description=(
            "Front-facing, back-facing and VRRP amphora sets for OpenStack "
            "Octavia."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    subparsers = parser.add_subparsers(
        title="subcommands", metavar="SUBCOMMAND", required=True
    )
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error
        return common.exit_status(exc)
    return common.run(args.handler, args)
