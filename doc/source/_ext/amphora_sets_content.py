"""What the documentation's generated tables and texts contain.

Pure functions from :mod:`amphora_sets` to plain data (tables of strings,
help texts, a proof report with its failures).  Nothing here imports
Sphinx or docutils, so the tests can check it without them;
``amphora_sets_tables`` turns the data into document nodes.  The solver,
and with it Z3, is imported only by the functions that prove.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    STATUS_RULES,
    Registry,
    SetKind,
    Topology,
    load_registry,
)
from amphora_sets.registry.obligations import Family

if TYPE_CHECKING:
    from amphora_sets.solver import Result

YES = "yes"
NO = "no"
HELP_WIDTH = 79
"""Help texts are wrapped to this width, whatever the terminal."""

ENCODINGS = {
    "pointwise": "one amphora",
    "deltas": "one amphora, two versions",
    "counting": "(role, status) counts",
    "lb_failover": "(role, status) counts, per replacement",
    "plumbing": "two amphorae, two versions",
}
"""Solver module that builds a goal -> what its encoding reasons about."""


@dataclasses.dataclass(frozen=True)
class Table:
    """A table of plain-text cells; ``literal`` columns are code.

    ``anchor`` is a stable HTML id for the table ("" for none).
    """

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    literal: frozenset[int] = frozenset({0})
    anchor: str = ""

    @property
    def widths(self) -> tuple[int, ...]:
        """The widest cell of each column, header included."""
        return tuple(
            max(len(cell) for cell in column)
            for column in zip(self.headers, *self.rows, strict=True)
        )


@dataclasses.dataclass(frozen=True)
class ProofReport:
    """A proof report: the summary, the table and every failure.

    ``failures`` holds one message per result that is not PROVED, with
    its reason and counterexample; a report with no result at all fails
    too, since it proves nothing.
    """

    summary: str
    table: Table
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """True if every result was PROVED (and there was at least one)."""
        return not self.failures


def _mark(flag: bool) -> str:
    return YES if flag else NO


def anchor(*words: str) -> str:
    """An HTML id from ``words``: ``anchor("topology", "ACTIVE_ACTIVE")``
    is ``"topology-active-active"``."""
    return re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")


def file_registry(paths: Iterable[str | Path]) -> Registry:
    """Only the topologies declared in the TOML files ``paths``.

    They are loaded on top of the built-in registry, so a name that
    clashes with a built-in topology is an error, as on the command line.
    """
    registry = BUILTIN_REGISTRY
    for path in paths:
        registry = load_registry(path, registry)
    return Registry(
        tuple(t for t in registry if t.name not in BUILTIN_REGISTRY)
    )


def topology_tables(registry: Registry = BUILTIN_REGISTRY) -> list[Table]:
    """One membership table per topology: sets and cardinality by role.

    The title is the topology's name and description.
    """
    headers = ("role", *(kind.title for kind in SetKind), "amphorae")
    return [
        Table(
            title=": ".join(filter(None, (t.name, t.description))),
            headers=headers,
            rows=tuple(
                (
                    row.role,
                    *(_mark(row.member_of(kind)) for kind in SetKind),
                    str(row.cardinality),
                )
                for row in t.rows
            ),
            anchor=anchor("topology", t.name),
        )
        for t in registry
    ]


def status_table() -> Table:
    """The status rule: whether each status is live and seated, and why."""
    return Table(
        title="Amphora statuses: live and seated",
        headers=("status", "live", "seated", "why"),
        rows=tuple(
            (rule.status, _mark(rule.live), _mark(rule.seated), rule.why)
            for rule in STATUS_RULES.values()
        ),
        anchor=anchor("amphora statuses"),
    )


def obligation_tables(family: str | None = None) -> list[Table]:
    """The obligation catalogue, one table per family (or only ``family``).

    Each row holds the ID, the one-line statement, the topologies the
    obligation applies to and what it is about (the definitions, proved
    once over every table, or a topology's table).  An unknown
    ``family`` is a ValueError.
    """
    if family is not None and family not in Family.__members__:
        raise ValueError(
            f"unknown obligation family {family!r} "
            f"(known: {', '.join(Family.__members__)})"
        )
    families = [Family[family]] if family else list(Family)
    return [
        Table(
            title=f"{f.name}: {f.value}",
            headers=("ID", "statement", "applies to", "about"),
            rows=tuple(
                (o.id, o.statement, o.applies_text, o.about.value)
                for o in OBLIGATIONS.values()
                if o.family is f
            ),
            anchor=anchor("obligations", f.name),
        )
        for f in families
    ]


def diagram_caption(topology: Topology) -> str:
    """The caption under ``topology``'s picture: its name and what each
    set holds."""
    parts = [
        f"{kind.title}: "
        + (
            ", ".join(
                sorted(topology.roles_in(kind), key=topology.roles.index)
            )
            or "none"
        )
        for kind in SetKind
    ]
    return f"{topology.name}. " + "; ".join(parts) + "."


def call_site_tables(version: str) -> list[Table]:
    """The audit mapping for Octavia ``version``: its classes, then every
    row."""
    from amphora_sets.audit.mapping import load_mapping
    from amphora_sets.audit.table import HEADERS, summaries

    mapping = load_mapping(version)
    return [
        Table(
            f"Octavia {version}: call sites by class",
            HEADERS,
            tuple(
                (s.set, s.filter, str(s.rows), s.obligation, s.example)
                for s in summaries(mapping)
            ),
            frozenset({1, 3}),
            anchor("call-site-classes", version),
        ),
        Table(
            f"Octavia {version}: every call site",
            ("File", "Function", "Kind", "Expression", "Set", "Today", "Why"),
            tuple(
                (
                    r.file.removeprefix("octavia/"),
                    r.function,
                    r.kind,
                    r.expression,
                    r.set,
                    r.filter,
                    r.reason,
                )
                for r in mapping
            ),
            frozenset({0, 1, 3}),
            anchor("call-sites", version),
        ),
    ]


def encoding_of(obligation_id: str) -> str:
    """What the encoding that proves ``obligation_id`` reasons about
    (the solver module's name if :data:`ENCODINGS` does not know it)."""
    from amphora_sets.solver.catalogue import BUILDERS

    module = BUILDERS[obligation_id].__module__.rsplit(".", 1)[-1]
    return ENCODINGS.get(module, module)


def proof_report(results: Sequence[Result]) -> ProofReport:
    """The report of ``results``; every result not PROVED is a failure."""
    import z3

    from amphora_sets.solver import Verdict, report

    counts = report.summary(results)
    summary = (
        f"{counts['total']} obligation results "
        f"({counts['definitions']} about the definitions, "
        f"{counts['table']} about tables): {counts['proved']} proved, "
        f"{counts['trivial']} trivially proved, {counts['refuted']} "
        f"refuted, {counts['vacuous']} vacuous, {counts['unknown']} unknown "
        f"(Z3 {z3.get_version_string()})."
    )
    failures = tuple(
        "\n".join(report.failure_lines([r]))
        for r in results
        if r.verdict is not Verdict.PROVED
    )
    if not results:
        failures = ("no obligation was checked: the report proves nothing",)
    table = Table(
        title="",
        headers=("ID", "topology", "verdict", "bound", "encoding", "rlimit"),
        rows=tuple(
            (
                r.obligation.id,
                r.label,
                r.verdict_text,
                r.bound,
                encoding_of(r.obligation.id),
                str(r.rlimit_count),
            )
            for r in results
        ),
        literal=frozenset({0, 1}),
    )
    return ProofReport(summary, table, failures)


def run_proof_report(registry: Registry = BUILTIN_REGISTRY) -> ProofReport:
    """Prove every applicable obligation of ``registry`` and report it."""
    from amphora_sets.solver import verify

    return proof_report(verify(registry))


def subcommand_parsers(
    parser: argparse.ArgumentParser,
) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of ``parser``, by name, in ``--help`` order."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def cli_help(subcommand: str | None = None, width: int = HELP_WIDTH) -> str:
    """``amphora-sets [SUBCOMMAND] --help``, wrapped to ``width`` columns.

    An unknown ``subcommand`` is a ValueError naming the known ones.
    """
    from amphora_sets.cli import build_parser

    parser = build_parser()
    if subcommand is not None:
        parsers = subcommand_parsers(parser)
        if subcommand not in parsers:
            raise ValueError(
                f"unknown subcommand {subcommand!r} "
                f"(known: {', '.join(parsers)})"
            )
        parser = parsers[subcommand]
    parser.formatter_class = functools.partial(
        parser.formatter_class, width=width
    )
    return parser.format_help()
