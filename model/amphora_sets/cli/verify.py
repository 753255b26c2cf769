"""``amphora-sets verify``: prove every obligation for every topology."""

from __future__ import annotations

import argparse
from typing import Any

from amphora_sets.cli import common
from amphora_sets.cli.progress import Progress
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.obligations import (
    DEFAULT_RLIMIT,
    MAX_RLIMIT,
    matching,
)


def add_parser(subparsers: Any) -> None:
    """Register ``verify`` with the top-level parser's ``subparsers``."""
    parser = subparsers.add_parser(
        "verify",
        help="prove the obligations with Z3",
        description=(
            "Prove every applicable obligation for every registered "
            "topology, each in its own Z3 context under an rlimit budget. "
            "Exit 0 if all are proved, 1 if any is refuted or vacuous, 2 "
            "if any is unknown or the input is bad."
        ),
    )
    common.add_topology_file_option(parser)
    parser.add_argument(
        "--only",
        metavar="GLOB",
        help="only obligations whose ID matches GLOB, e.g. 'SEL-*'",
    )
    parser.add_argument(
        "--rlimit",
        metavar="N",
        type=budget,
        default=DEFAULT_RLIMIT,
        help="Z3 resource budget (rlimit) per obligation "
        "(default: %(default)s)",
    )
    common.add_format_option(parser)
    parser.set_defaults(handler=_verify)


def budget(text: str) -> int:
    """An rlimit: a whole number Z3 takes as is (it keeps 32 bits)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a whole number, not {text!r}"
        ) from None
    if not 1 <= value <= MAX_RLIMIT:
        raise argparse.ArgumentTypeError(
            f"must be from 1 to {MAX_RLIMIT}, not {value}"
        )
    return value


def _verify(args: argparse.Namespace) -> int:
    try:
        from amphora_sets import solver  # imports z3: lazily
        from amphora_sets.solver import report
    except ImportError as exc:
        raise AmphoraSetsError(
            "z3",
            f"the proofs need Z3, which cannot be imported ({exc}); "
            "install it with: pip install 'amphora-sets[proofs]'",
        ) from None

    registry, sources = common.registry_and_sources(args)
    if not matching(args.only):
        raise AmphoraSetsError(
            "--only", f"{args.only!r} matches no obligation ID"
        )
    tasks = solver.plan(registry, args.only)
    text = args.format == "text"
    table = common.Table(report.HEADERS, report.widths(tasks))
    if text:
        _print_now(*table.head())
    progress = Progress(len(tasks))
    results = []
    for result in solver.verify_each(registry, args.only, rlimit=args.rlimit):
        results.append(result)
        progress.clear()
        if text:
            [row] = report.rows([result])
            _print_now(table.line(row))
        progress.show(len(results))
    progress.clear()
    if text:
        for line in report.failure_lines(results, sources):
            print(common.printable(line))
        print(report.summary_line(results))
    else:
        common.print_json(report.document(results))
    return report.exit_status(results)


def _print_now(*lines: str) -> None:
    print(*lines, sep="\n", flush=True)
