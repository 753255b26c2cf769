"""The audit's result: classified, unclassified and stale, and its forms.

The JSON document (:func:`document`) has ``schema``
(``amphora-sets.audit/1``), ``octavia`` (the version), ``counts`` (sites
per set), ``sites`` (each with ``file`` relative to the tree root,
``line``, ``function`` as ``Class.method`` or ``function``, ``kind``,
``expression``, ``set``, ``filter``, ``reason`` and ``bc``, the ID of
the backwards-compatibility obligation its class owes), ``unclassified``
(sites, without the last three) and ``stale`` (mapping rows).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from amphora_sets.audit.finder import Site
from amphora_sets.audit.mapping import Row, SiteMapping
from amphora_sets.registry.call_sites import (
    CALL_SITE_CLASSES,
    SETS,
)

SCHEMA = "amphora-sets.audit/1"
EXIT_CLEAN = 0
EXIT_FINDINGS = 1


@dataclasses.dataclass(frozen=True)
class Classified:
    """A site and the mapping row that classifies it."""

    site: Site
    row: Row


@dataclasses.dataclass(frozen=True)
class Report:
    """What an audit found in one Octavia tree against one mapping."""

    octavia: str
    classified: tuple[Classified, ...]
    unclassified: tuple[Site, ...]
    stale: tuple[Row, ...]

    @property
    def clean(self) -> bool:
        """True when every site is classified and every row matches."""
        return not self.unclassified and not self.stale

    @property
    def exit_status(self) -> int:
        """0 when clean, 1 otherwise."""
        return EXIT_CLEAN if self.clean else EXIT_FINDINGS

    def counts(self) -> dict[str, int]:
        """Classified sites per set, every set listed."""
        counts = dict.fromkeys(SETS, 0)
        for item in self.classified:
            counts[item.row.set] += 1
        return counts


def audit(sites: Iterable[Site], mapping: SiteMapping) -> Report:
    """Match ``sites`` against ``mapping``."""
    classified: list[Classified] = []
    unclassified: list[Site] = []
    matched: set[tuple[str, str, str, str]] = set()
    for site in sites:
        row = mapping.row_for(site)
        if row is None:
            unclassified.append(site)
        else:
            classified.append(Classified(site, row))
            matched.add(row.key)
    stale = tuple(row for row in mapping if row.key not in matched)
    return Report(
        mapping.octavia, tuple(classified), tuple(unclassified), stale
    )


def document(report: Report) -> dict[str, Any]:
    """The JSON document, schema ``amphora-sets.audit/1``."""
    return {
        "schema": SCHEMA,
        "octavia": report.octavia,
        "counts": report.counts(),
        "sites": [
            {
                **_site_json(item.site),
                "set": item.row.set,
                "filter": item.row.filter,
                "reason": item.row.reason,
                "bc": obligation_of(item.row),
            }
            for item in report.classified
        ],
        "unclassified": [_site_json(site) for site in report.unclassified],
        "stale": [_row_json(row) for row in report.stale],
    }


_BC = {(c.set, c.filter): c.obligation_id for c in CALL_SITE_CLASSES}


def obligation_of(row: Row) -> str | None:
    """The ``BC-`` obligation a row's (set, filter) owes; None for N/A."""
    return _BC.get((row.set, row.filter))


def _site_json(site: Site) -> dict[str, Any]:
    return {
        "file": site.file,
        "line": site.line,
        "function": site.function,
        "kind": site.kind.value,
        "expression": site.expression,
    }


def _row_json(row: Row) -> dict[str, Any]:
    return {
        "file": row.file,
        "function": row.function,
        "kind": row.kind,
        "expression": row.expression,
        "set": row.set,
        "filter": row.filter,
        "reason": row.reason,
    }


HEADERS = ("file:line", "function", "kind", "set", "filter")


def rows(report: Report) -> list[list[str]]:
    """One text-table row per classified site."""
    return [
        [
            f"{item.site.file}:{item.site.line}",
            item.site.function,
            item.site.kind.value,
            item.row.set,
            item.row.filter,
        ]
        for item in report.classified
    ]


def finding_lines(report: Report) -> list[str]:
    """One line per unclassified site and per stale row."""
    return [
        *(
            f"UNCLASSIFIED {s.file}:{s.line} {s.function} {s.kind.value} "
            f"{s.expression}"
            for s in report.unclassified
        ),
        *(
            f"STALE {r.file} {r.function} {r.kind} {r.expression}"
            for r in report.stale
        ),
    ]


def summary_line(report: Report) -> str:
    """Counts per set, then unclassified and stale."""
    per_set = ", ".join(f"{k} {v}" for k, v in report.counts().items())
    return (
        f"Octavia {report.octavia}: {len(report.classified)} sites "
        f"({per_set}); {len(report.unclassified)} unclassified, "
        f"{len(report.stale)} stale"
    )
