"""The ``amphora-sets`` command: argument parsing and output only.

Each subcommand is a module of this package with one function,
``add_parser(subparsers)``, that registers the subcommand's parser and sets
its handler with ``parser.set_defaults(handler=...)``.  A handler takes the
parsed arguments and returns the exit status.  To add a subcommand, write
``cli/<name>.py`` in that shape and add the module to :data:`SUBCOMMANDS`;
nothing else changes.

Parsing and the handler run inside :func:`~amphora_sets.cli.common.guarded`,
the one error boundary, which documents every exit status.  A subcommand
may give a meaning of its own to 1, and to nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

from amphora_sets import __version__
from amphora_sets.cli import audit, common, show, vectors, verify

SUBCOMMANDS = (show, verify, audit, vectors)
"""The subcommand modules, in the order ``--help`` lists them."""


def build_parser() -> common.ArgumentParser:
    """The top-level parser with every subcommand of :data:`SUBCOMMANDS`."""
    parser = common.ArgumentParser(
        prog=common.PROG,
        description=(
            "Front-facing, back-facing and VRRP amphora sets for OpenStack "
            "Octavia."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    common.add_shared_options(parser)
    subparsers = parser.add_subparsers(
        title="subcommands",
        metavar="SUBCOMMAND",
        dest="subcommand",
        required=True,
    )
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``)."""

    def run() -> int:
        args = build_parser().parse_args(argv)
        common.merge_shared_options(args, args.subcommand)
        return args.handler(args)

    return common.guarded(run)
