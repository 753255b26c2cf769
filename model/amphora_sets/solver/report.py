"""Verification results as a text table or a stable JSON document.

JSON schema (``"schema": "amphora-sets.verify/2"``): a ``summary`` object
(``total``; ``definitions`` and ``table``, how many results are about the
definitions alone and how many about a topology's table; ``proved``,
``trivial``, ``refuted``, ``vacuous``, ``unknown``; ``milliseconds``) and
an ``obligations`` list, one object per result with ``id``, ``family``,
``statement``, ``about`` (``"definitions"`` or ``"table"``), ``basis``
(for a result about the definitions, the tables the proof covers; else
null), ``topology`` (null when about the definitions), ``verdict``
(``"proved"``, ``"refuted"``, ``"vacuous"`` or ``"unknown"``),
``trivial`` (true for a proof whose premise never holds), ``bound``,
``rlimit_count``, ``milliseconds``, ``reason`` (null when proved, unless
trivial: then what is missing) and ``counterexample`` (present only when
refuted: Python source of the reference model's values, by name).

In ``summary``, ``proved`` counts the proofs that are not trivial and
``trivial`` the others: together they are every PROVED.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from amphora_sets.registry.obligations import Obligation, Subject
from amphora_sets.registry.topologies import BUILTIN_REGISTRY, Topology
from amphora_sets.solver.goal import ALL_SIZES
from amphora_sets.solver.runner import DEFINITIONS_LABEL, Result, Verdict

SCHEMA = "amphora-sets.verify/2"
HEADERS = ("ID", "TOPOLOGY", "VERDICT", "BOUND", "RLIMIT", "MS")


def summary(results: Sequence[Result]) -> dict[str, Any]:
    """How many results of each subject and verdict, and the total time."""

    def count(test: Any) -> int:
        return sum(1 for r in results if test(r))

    return {
        "total": len(results),
        "definitions": count(lambda r: r.about is Subject.DEFINITIONS),
        "table": count(lambda r: r.about is Subject.TABLE),
        "proved": count(
            lambda r: r.verdict is Verdict.PROVED and not r.trivial
        ),
        "trivial": count(lambda r: r.trivial),
        **{
            verdict.value: count(lambda r, v=verdict: r.verdict is v)
            for verdict in Verdict
            if verdict is not Verdict.PROVED
        },
        "milliseconds": round(sum(r.milliseconds for r in results), 1),
    }


def summary_line(results: Sequence[Result]) -> str:
    """One line: how many results about what, how many of each verdict."""
    s = summary(results)
    noun = "result" if s["total"] == 1 else "results"
    return (
        f"{s['total']} {noun} ({s['definitions']} about the definitions, "
        f"{s['table']} about tables): {s['proved']} proved, "
        f"{s['trivial']} trivially proved, {s['refuted']} refuted, "
        f"{s['vacuous']} vacuous, {s['unknown']} unknown "
        f"in {s['milliseconds'] / 1000:.2f} s"
    )


def widths(tasks: Sequence[tuple[Obligation, Topology | None]]) -> list[int]:
    """Column widths known before anything is proved, so that rows can be
    printed as they are decided; the numbers get their headers' widths (a
    longer one, or a trivial proof's verdict, pushes the columns after
    it)."""
    return [
        max((len(o.id) for o, _ in tasks), default=0),
        max(
            (len(t.name if t else DEFINITIONS_LABEL) for _, t in tasks),
            default=0,
        ),
        max(len(verdict.name) for verdict in Verdict),
        len(ALL_SIZES),
        0,
        0,
    ]


def row(r: Result) -> tuple[str, ...]:
    """One table row, in the order of :data:`HEADERS`."""
    return (
        r.obligation.id,
        r.label,
        r.verdict_text,
        r.bound,
        str(r.rlimit_count),
        f"{r.milliseconds:.1f}",
    )


def rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    """One table row per result."""
    return [row(r) for r in results]


def failure_lines(
    results: Sequence[Result], sources: Mapping[str, str] | None = None
) -> list[str]:
    """For each result not proved: why, and its counterexample.

    A counterexample is Python that runs as printed.  For a topology read
    from a file (``sources`` maps its name to the file), it first loads
    that file, and its load balancers are built with that registry; for a
    result about the definitions, with a registry of the table printed.
    """
    sources = sources or {}
    lines: list[str] = []
    for r in results:
        if r.verdict is Verdict.PROVED:
            continue
        lines.append(
            f"{r.verdict.name} {r.obligation.id} for {r.label}: "
            f"{r.obligation.statement}"
        )
        lines.append(f"  reason: {r.reason}")
        if not r.counterexample:
            continue
        source = sources.get(r.topology) if r.topology else None
        if (
            r.topology
            and source is None
            and r.topology not in BUILTIN_REGISTRY
        ):
            source = "<your topology file>"
        if source is not None:
            lines.append(f"  registry = load_registry({source!r})")
        for name, value in r.counterexample.items():
            if source is not None or (r.topology is None and name != "table"):
                value = with_registry(value)
            lines.append(f"  {name} = {value}")
            if r.topology is None and name == "table":
                lines.append("  registry = Registry((table,))")
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
        "obligations": [entry(r) for r in results],
    }


def entry(r: Result) -> dict[str, Any]:
    """One result's object in the JSON document."""
    out: dict[str, Any] = {
        "id": r.obligation.id,
        "family": r.obligation.family.name,
        "statement": r.obligation.statement,
        "about": r.about.value,
        "basis": r.basis,
        "topology": r.topology,
        "verdict": r.verdict.value,
        "trivial": r.trivial,
        "bound": r.bound,
        "rlimit_count": r.rlimit_count,
        "milliseconds": round(r.milliseconds, 2),
        "reason": r.reason,
    }
    if r.counterexample is not None:
        out["counterexample"] = r.counterexample
    return out


def exit_status(results: Sequence[Result]) -> int:
    """0 if every result is proved; 2 if any is unknown or there is none
    (nothing proved is no pass); else 1 (refuted or vacuous)."""
    verdicts = {r.verdict for r in results}
    if not results or Verdict.UNKNOWN in verdicts:
        return 2
    if verdicts & {Verdict.REFUTED, Verdict.VACUOUS}:
        return 1
    return 0
