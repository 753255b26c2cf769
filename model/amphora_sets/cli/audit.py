"""``amphora-sets audit``: every amphora-cluster call site, classified."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from amphora_sets.audit import finder, mapping, report, sdist
from amphora_sets.cli import common
from amphora_sets.errors import AmphoraSetsError


def add_parser(subparsers: Any) -> None:
    """Register ``audit`` with the top-level parser's ``subparsers``."""
    parser = subparsers.add_parser(
        "audit",
        help="find and classify Octavia's amphora-cluster call sites",
        description=(
            "Find every use of a load balancer's amphora cluster in an "
            "Octavia source tree (the octavia/ package without its tests, "
            "and the Jinja templates) and classify each with the mapping "
            "for that Octavia version. Exit 0 if every site is classified "
            "and every mapping row matches a site, 1 if not, 2 on bad "
            "input."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        type=Path,
        help="an Octavia source tree: a checkout or an unpacked sdist",
    )
    source.add_argument(
        "--octavia",
        metavar="VERSION",
        help="audit this Octavia release, fetched with pip and cached",
    )
    mapping_source = parser.add_mutually_exclusive_group()
    mapping_source.add_argument(
        "--mapping",
        metavar="FILE",
        type=Path,
        help="classify with this mapping file instead of the packaged one",
    )
    mapping_source.add_argument(
        "--mapping-version",
        metavar="VERSION",
        help=(
            "classify with the packaged mapping for this Octavia version "
            "(default: the tree's own version, from its PKG-INFO)"
        ),
    )
    common.add_format_option(parser)
    parser.set_defaults(handler=_audit)


def _audit(args: argparse.Namespace) -> int:
    if args.octavia is not None:
        root = sdist.octavia_tree(args.octavia)
        version: str | None = args.octavia
    else:
        root = args.path
        version = finder.tree_version(root)
    if args.mapping_version is not None:
        version = args.mapping_version
    sites = finder.find_sites(root)
    if args.mapping is not None:
        site_mapping = mapping.load_mapping_file(args.mapping)
    elif version is None:
        raise AmphoraSetsError(
            "--mapping",
            f"cannot tell the Octavia version of {str(root)!r} (no "
            "PKG-INFO); give --mapping-version or --mapping",
        )
    else:
        site_mapping = mapping.load_mapping(version)
    result = report.audit(sites, site_mapping)
    if args.format == "json":
        common.print_json(report.document(result))
    else:
        # Sites quote Octavia's source: escape whatever it holds.
        for line in (
            *common.table_lines(report.HEADERS, report.rows(result)),
            *report.finding_lines(result),
            report.summary_line(result),
        ):
            print(common.printable(line))
    return result.exit_status
