"""``amphora-sets show``: the membership tables and cardinality rules.

Everything printed comes from the registry, the single source of truth:
the built-in topologies plus those of any ``--topology-file``.
"""

from __future__ import annotations

import argparse
from typing import Any

from amphora_sets.cli import common
from amphora_sets.cli.wrap import wrap
from amphora_sets.registry import STATUS_RULES, SetKind, Topology

_YES = "yes"
_NO = "-"


def add_parser(subparsers: Any) -> None:
    """Register ``show`` with the top-level parser's ``subparsers``."""
    parser = subparsers.add_parser(
        "show",
        help="print the membership table and cardinality rules",
        description=(
            "Print, for every registered topology (or only TOPOLOGY), "
            "which sets each role belongs to and how many amphorae of that "
            "role a settled load balancer has."
        ),
    )
    parser.add_argument(
        "topology",
        metavar="TOPOLOGY",
        nargs="?",
        help="show only this topology",
    )
    common.add_topology_file_option(parser)
    common.add_format_option(parser)
    parser.add_argument(
        "--statuses",
        action="store_true",
        help="also print the status rule: which amphora statuses count",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the requested topologies in the requested format."""
    registry = common.registry_from(args)
    if args.topology is None:
        topologies = tuple(registry)
    else:
        topologies = (registry.get(args.topology),)
    if args.format == "json":
        document: dict[str, Any] = {
            "topologies": [_topology_json(t) for t in topologies]
        }
        if args.statuses:
            document["statuses"] = _statuses_json()
        common.print_json(document)
    else:
        blocks = [_topology_text(t) for t in topologies]
        if args.statuses:
            blocks.append(_statuses_text())
        print("\n\n".join("\n".join(block) for block in blocks))
    return common.EXIT_OK


def _topology_json(topology: Topology) -> dict[str, Any]:
    return {
        "name": topology.name,
        "description": topology.description,
        "roles": [
            {
                "role": row.role,
                **{kind.value: row.member_of(kind) for kind in SetKind},
                "min": row.cardinality.minimum,
                "max": row.cardinality.maximum,
            }
            for row in topology.rows
        ],
    }


def _topology_text(topology: Topology) -> list[str]:
    headers = ["role", *(kind.title for kind in SetKind), "amphorae"]
    rows = [
        [
            row.role,
            *(_YES if row.member_of(kind) else _NO for kind in SetKind),
            str(row.cardinality),
        ]
        for row in topology.rows
    ]
    description = wrap(topology.description, width=77, indent="  ")
    return [
        common.printable(topology.name),
        *(common.printable(line) for line in description),
        "",
        *common.table_lines(headers, rows, indent="  "),
    ]


def _statuses_json() -> list[dict[str, Any]]:
    return [
        {
            "status": rule.status,
            "live": rule.live,
            "seated": rule.seated,
            "why": rule.why,
        }
        for rule in STATUS_RULES.values()
    ]


def _statuses_text() -> list[str]:
    rows = [
        [
            rule.status,
            _YES if rule.live else _NO,
            _YES if rule.seated else _NO,
            rule.why,
        ]
        for rule in STATUS_RULES.values()
    ]
    return [
        "Amphora statuses",
        "  live: in its role's sets; seated: counts for the cardinality rules",
        "",
        *common.table_lines(
            ["status", "live", "seated", "why"], rows, indent="  "
        ),
    ]
