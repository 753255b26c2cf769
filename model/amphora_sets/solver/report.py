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
from collections.abc import Mapping, Sequence
from typing import Any

from amphora_sets.registry.obligations import Obligation
from amphora_sets.registry.topologies import BUILTIN_REGISTRY, Topology
from amphora_sets.solver.goal import ALL_SIZES
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


def widths(tasks: Sequence[tuple[Obligation, Topology]]) -> list[int]:
    """Column widths known before anything is proved, so that rows can be
    printed as they are decided; the numbers get their headers' widths (a
    longer one pushes the columns after it)."""
    return [
        max((len(o.id) for o, _ in tasks), default=0),
        max((len(t.name) for _, t in tasks), default=0),
        max(len(verdict.name) for verdict in Verdict),
        len(ALL_SIZES),
        0,
        0,
    ]


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


def failure_lines(
    results: Sequence[Result], sources: Mapping[str, str] | None = None
) -> list[str]:
    """For each result not proved: why, and its counterexample.

    A counterexample is Python that runs as printed.  For a topology read
    from a file (``sources`` maps its name to the file), it first loads
    that file, and its load balancers are built with that registry.
    """
    sources = sources or {}
    lines: list[str] = []
    for r in results:
        if r.verdict is Verdict.PROVED:
            continue
        lines.append(
            f"{r.verdict.name} {r.obligation.id} for {r.topology}: "
            f"{r.obligation.statement}"
        )
        lines.append(f"  reason: {r.reason}")
        if not r.counterexample:
            continue
        source = sources.get(r.topology)
        if source is None and r.topology not in BUILTIN_REGISTRY:
            source = "<your topology file>"
        if source is not None:
            lines.append(f"  registry = load_registry({source!r})")
        for name, value in r.counterexample.items():
            if source is not None:
                value = with_registry(value)
            lines.append(f"  {name} = {value}")
    return lines


def with_registry(source: str) -> str:
    """``source`` with ``registry=registry`` passed to every
    ``LoadBalancer(...)`` call in it (strings in it are skipped)."""
    out: list[str] = []
    depths: list[int] = []  # paren depth at each open LoadBalancer call
    depth = 0
    quote = ""
    index = 0
    while index < len(source):
        ch = source[index]
        out.append(ch)
        index += 1
        if quote:
            if ch == "\\":
                out.append(source[index : index + 1])
                index += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
            if "".join(out).endswith(_CALL):
                depths.append(depth)
        elif ch == ")":
            if depths and depths[-1] == depth:
                depths.pop()
                out.insert(len(out) - 1, ", registry=registry")
            depth -= 1
    return "".join(out)


_CALL = "LoadBalancer("


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
