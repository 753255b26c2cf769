"""Judge one traced tree: observations, mismatches, problems."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from octavia_trace.check import Observation, observe
from octavia_trace.deliberate import DELIBERATE, Deliberate
from octavia_trace.routes import Router
from octavia_trace.trees import UNPATCHED


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What the trace of one tree found."""

    tree: str
    observations: tuple[Observation, ...]
    failures: tuple[str, ...]
    excused: tuple[Observation, ...]
    unrouted: tuple[tuple[str, str], ...] = ()
    """(topology, "task -> driver.method") of calls no call site covers."""

    @property
    def ok(self) -> bool:
        """True if nothing failed."""
        return not self.failures


def describe(observation: Observation) -> str:
    """One line naming flow, task, method, site, expected and actual."""
    o = observation
    return (
        f"{o.topology} {o.flow}: {o.task} -> {o.method} at {o.site} "
        f"[{o.set}, {o.filter}]: touched {list(o.touched)}, "
        f"expected {list(o.expected)}"
    )


def judge(
    tree: str,
    result: dict,
    router: Router,
    deliberate: Iterable[Deliberate] = (),
) -> Verdict:
    """The verdict on one tree's run (the JSON the child wrote)."""
    excuses = {d.key: d for d in deliberate}
    observations: list[Observation] = []
    failures: list[str] = []
    excused: list[Observation] = []
    unrouted: set[tuple[str, str]] = set()
    for topology, run in result["runs"].items():
        observations.extend(observe(topology, run["calls"], router))
        unrouted.update(
            (topology, f"{c['task']} -> {c['driver']}.{c['method']}")
            for c in run["calls"]
            if router.route(c["task"], c["driver"], c["method"], c["lb_level"])
            is None
        )
        orphan = run.get("orphan")
        left = [
            a
            for a in run["final"]
            if a["id"] == orphan and a["status"] != "DELETED"
        ]
        if left:
            failures.append(f"{topology}: the orphan {orphan} is not deleted")
    for observation in observations:
        if observation.matches:
            continue
        if observation.key in excuses:
            excused.append(observation)
        else:
            failures.append(f"MISMATCH {describe(observation)}")
    seen = {o.key for o in excused}
    for key, excuse in excuses.items():
        if key not in seen:
            failures.append(
                "deliberate difference no longer seen: "
                + " / ".join(excuse.key)
            )
    for problem in result["problems"]:
        failures.append(
            f"{problem['kind']} in {problem['flow']}: {problem['detail']}"
        )
    return Verdict(
        tree,
        tuple(observations),
        tuple(failures),
        tuple(excused),
        tuple(sorted(unrouted)),
    )


def judge_all(results: dict[str, dict], router: Router) -> dict[str, Verdict]:
    """The verdict on each traced tree; only unpatched 19.0.0 may show
    the deliberate differences."""
    return {
        tree: judge(
            tree,
            result,
            router,
            DELIBERATE if tree == UNPATCHED else (),
        )
        for tree, result in results.items()
    }
