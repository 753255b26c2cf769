"""The audit's result: classified, unclassified and stale, and its forms.

In a patched tree a loop may have become a selector call.  Its row then
matches no site; a selector site in the same function that selects the
row's set *migrates* the row (the site is classified by it, ``migrated``),
and one that selects another set is a *wrong selector*.  Every other
classified site is ``still looping``.

The JSON document (:func:`document`) has ``schema``
(``amphora-sets.audit/1``), ``octavia`` (the version), ``counts`` (sites
per set), ``sites`` (each with ``file`` relative to the tree root,
``line``, ``function`` as ``Class.method`` or ``function``, ``kind``,
``expression``, ``set``, ``filter``, ``reason`` and ``bc``, the ID of
the backwards-compatibility obligation its class owes), ``unclassified``
(sites, without the last three) and ``stale`` (mapping rows).  Each
classified site also has ``migration``, and ``wrong_selector`` lists the
selector sites whose set differs from the row they replace (each with that
``row`` and ``why``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from amphora_sets.audit.finder import Kind, Site
from amphora_sets.audit.mapping import Row, SiteMapping
from amphora_sets.registry.call_sites import (
    ALLOCATED,
    CALL_SITE_CLASSES,
    NOT_DELETED,
    SETS,
    UNFILTERED,
)

SCHEMA = "amphora-sets.audit/1"
EXIT_CLEAN = 0
EXIT_FINDINGS = 1


STILL_LOOPING = "still looping"
MIGRATED = "migrated"


@dataclasses.dataclass(frozen=True)
class Classified:
    """A site, the mapping row that classifies it, and whether the site is
    today's code (``still looping``) or a selector that replaced it
    (``migrated``)."""

    site: Site
    row: Row
    migration: str = STILL_LOOPING


@dataclasses.dataclass(frozen=True)
class WrongSelector:
    """A selector site that does not select what the row it replaces
    meets: another set, or another status filter."""

    site: Site
    row: Row
    why: str


_ALLOCATED_AMONG = "is_allocated"
"""How a selector keeps today's ``== ALLOCATED`` filter (``among=``)."""


def _mismatch(site: Site, row: Row) -> str | None:
    """Why a selector site cannot replace ``row``, or None if it can."""
    if site.selects != row.set:
        return f"selects {site.selects}; the row is {row.set}"
    keeps_allocated = _ALLOCATED_AMONG in site.expression
    if row.filter == ALLOCATED and not keeps_allocated:
        return "drops today's == ALLOCATED filter (among=is_allocated)"
    if row.filter in (NOT_DELETED, UNFILTERED) and keeps_allocated:
        return f"keeps only ALLOCATED amphorae; today's filter is {row.filter}"
    return None


@dataclasses.dataclass(frozen=True)
class Report:
    """What an audit found in one Octavia tree against one mapping."""

    octavia: str
    classified: tuple[Classified, ...]
    unclassified: tuple[Site, ...]
    stale: tuple[Row, ...]
    wrong: tuple[WrongSelector, ...] = ()

    @property
    def clean(self) -> bool:
        """True when every site is classified, every row matches and no
        selector selects the wrong set."""
        return not self.unclassified and not self.stale and not self.wrong

    @property
    def migrated(self) -> int:
        """How many classified sites are selectors that replaced a loop."""
        return sum(c.migration == MIGRATED for c in self.classified)

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
    pending: list[Site] = []
    matched: set[tuple[str, str, str, str]] = set()
    for site in sites:
        row = mapping.row_for(site)
        if row is not None:
            classified.append(Classified(site, row))
            matched.add(row.key)
        else:
            pending.append(site)
    missing = [row for row in mapping if row.key not in matched]
    unclassified: list[Site] = []
    wrong: list[WrongSelector] = []
    explained: set[tuple[str, str, str, str]] = set()
    for site in pending:
        here = [
            r
            for r in missing
            if (r.file, r.function) == (site.file, site.function)
        ]
        fits = [r for r in here if _mismatch(site, r) is None]
        if site.kind is not Kind.SELECTOR or not here:
            unclassified.append(site)
        elif fits:
            classified.append(Classified(site, fits[0], MIGRATED))
            explained.update(r.key for r in fits)
        else:
            why = _mismatch(site, here[0]) or ""
            wrong.append(WrongSelector(site, here[0], why))
            explained.add(here[0].key)
    stale = tuple(r for r in missing if r.key not in explained)
    classified.sort(key=lambda c: (c.site.file, c.site.line))
    return Report(
        mapping.octavia,
        tuple(classified),
        tuple(unclassified),
        stale,
        tuple(wrong),
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
                "migration": item.migration,
            }
            for item in report.classified
        ],
        "unclassified": [_site_json(site) for site in report.unclassified],
        "stale": [_row_json(row) for row in report.stale],
        "wrong_selector": [
            {
                **_site_json(w.site),
                "selects": w.site.selects,
                "row": _row_json(w.row),
            }
            for w in report.wrong
        ],
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


HEADERS = ("file:line", "function", "kind", "set", "filter", "migration")


def rows(report: Report) -> list[list[str]]:
    """One text-table row per classified site."""
    return [
        [
            f"{item.site.file}:{item.site.line}",
            item.site.function,
            item.site.kind.value,
            item.row.set,
            item.row.filter,
            item.migration,
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
        *(
            f"WRONG SELECTOR {w.site.file}:{w.site.line} {w.site.function} "
            f"{w.site.expression}: {w.why} ({w.row.kind} {w.row.expression})"
            for w in report.wrong
        ),
    ]


def summary_line(report: Report) -> str:
    """Counts per set, then unclassified and stale."""
    per_set = ", ".join(f"{k} {v}" for k, v in report.counts().items())
    line = (
        f"Octavia {report.octavia}: {len(report.classified)} sites "
        f"({per_set}); {len(report.unclassified)} unclassified, "
        f"{len(report.stale)} stale"
    )
    if report.migrated or report.wrong:
        line += (
            f"; {report.migrated} migrated, {len(report.wrong)} wrong selector"
        )
    return line
