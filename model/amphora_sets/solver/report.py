"""Verification results as a text table or a stable JSON document.

JSON schema (``"schema": "amphora-sets.verify/1"``): a ``summary`` object
(``total``, ``proved``, ``refuted``, ``unknown``, ``milliseconds``) and an
``obligations`` list, one object per obligation and topology with ``id``,
``family``, ``statement``, ``topology``, ``verdict`` (``"proved"``,
``"refuted"`` or ``"unknown"``), ``bound``, ``rlimit_count``,
``milliseconds``, ``reason`` (null when proved) and ``counterexample``
(present only when refuted with one: Python source of the reference
model's values, by name).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from amphora_sets.registry.topologies import BUILTIN_REGISTRY
from amphora_sets.solver.runner import Result, Verdict

SCHEMA = "amphora-sets.verify/1"
HEADERS = ("ID", "TOPOLOGY", "VERDICT", "BOUND", "RLIMIT", "MS")


def summary(results: Sequence[Result]) -> dict[str, Any]:
    """Counts of each verdict and the total time."""
    counts = Counter(result.verdict for result in results)
    return {
        "total": len(results),
        **{verdict.value: counts[verdict] for verdict in Verdict},
        "milliseconds": round(sum(r.milliseconds for r in results), 1),
    }


def summary_line(results: Sequence[Result]) -> str:
    """One line: how many obligations, how many of each verdict."""
    s = summary(results)
    noun = "obligation" if s["total"] == 1 else "obligations"
    return (
        f"{s['total']} {noun}: {s['proved']} proved, "
        f"{s['refuted']} refuted, {s['unknown']} unknown "
        f"in {s['milliseconds'] / 1000:.2f} s"
    )


def rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    """One table row per result, in the order of :data:`HEADERS`."""
    return [
        (
            r.obligation.id,
            r.topology,
            r.verdict.name,
            r.bound,
            str(r.rlimit_count),
            f"{r.milliseconds:.1f}",
        )
        for r in results
    ]


def failure_lines(results: Sequence[Result]) -> list[str]:
    """For each result not proved: why, and its counterexample."""
    lines: list[str] = []
    for r in results:
        if r.verdict is Verdict.PROVED:
            continue
        lines.append(
            f"{r.verdict.name} {r.obligation.id} for {r.topology}: "
            f"{r.obligation.statement}"
        )
        lines.append(f"  reason: {r.reason}")
        if r.counterexample and r.topology not in BUILTIN_REGISTRY:
            lines.append(
                "  # build these with registry=amphora_sets.load_registry("
                "'<your topology file>')"
            )
        for name, value in (r.counterexample or {}).items():
            lines.append(f"  {name} = {value}")
    return lines


def document(results: Sequence[Result]) -> dict[str, Any]:
    """The JSON document described in this module's docstring."""
    return {
        "schema": SCHEMA,
        "summary": summary(results),
        "obligations": [_entry(r) for r in results],
    }


def _entry(r: Result) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": r.obligation.id,
        "family": r.obligation.family.name,
        "statement": r.obligation.statement,
        "topology": r.topology,
        "verdict": r.verdict.value,
        "bound": r.bound,
        "rlimit_count": r.rlimit_count,
        "milliseconds": round(r.milliseconds, 2),
        "reason": r.reason,
    }
    if r.counterexample is not None:
        entry["counterexample"] = r.counterexample
    return entry


def exit_status(results: Sequence[Result]) -> int:
    """0 if every result is proved; 2 if any is unknown or there is none
    (nothing proved is no pass); else 1."""
    verdicts = {r.verdict for r in results}
    if not results or Verdict.UNKNOWN in verdicts:
        return 2
    if Verdict.REFUTED in verdicts:
        return 1
    return 0
