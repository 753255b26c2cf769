"""Benchmark plumbing plans when an Active-Active cluster grows or shrinks.

Run with ``PYTHONPATH=model python benchmarks/plan_bench.py``.  For
ACTIVE_ACTIVE with N = 2, 8, 32, 128 and 1,024 back-facing (IN_CLUSTER)
amphorae, scaled out and in by 1 and by N/2, it prints:

- the operations in the delta plan (:func:`amphora_sets.plumbing.plan`);
- the operations of a full reconcile of every amphora, which is what a
  loop over the whole cluster does today: one per port and rule, one
  write per configuration file;
- the plan's computation time (best CPU time of ``--repeat`` runs) and,
  as the baseline of the same run, the time to derive the new plumbing of every
  amphora (:func:`amphora_sets.plumbing.plumbing_of`).

The load balancer has one member network, one listener, VRRP and AH
rules, and cluster peer groups of three (the 0.9 Active-Active
specification's groups).  Scale-in drops the last amphorae's rows.
Target: a plan at N = 1,024 takes under 10 ms.  Exit status: 0, or 1 if
a plan is wrong (it is checked with ``plan_violations``) or a row at
N = 1,024 misses the target.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial

from amphora_sets import Amphora, LoadBalancer
from amphora_sets.plumbing import Plan, Wiring, plan, plumbing_of
from amphora_sets.registry import vocabulary as v
from amphora_sets.testing import plan_violations

SIZES = (2, 8, 32, 128, 1024)
TARGET_MS = 10.0
TARGET_N = 1024
GROUP_SIZE = 3


@dataclasses.dataclass(frozen=True)
class Row:
    """One scenario: N, the change, and the two operation counts."""

    n: int
    change: int
    plan_ops: int
    full_ops: int

    @property
    def label(self) -> str:
        return f"{self.change:+d}"


def cluster(n: int) -> LoadBalancer:
    """An ACTIVE_ACTIVE load balancer with ``n`` IN_CLUSTER amphorae."""
    return LoadBalancer(
        "lb",
        v.TOPOLOGY_ACTIVE_ACTIVE,
        (
            Amphora("master", v.ROLE_MASTER, v.AMPHORA_ALLOCATED),
            Amphora("backup", v.ROLE_BACKUP, v.AMPHORA_ALLOCATED),
            *(
                Amphora(f"c{i:05d}", v.ROLE_IN_CLUSTER, v.AMPHORA_ALLOCATED)
                for i in range(n)
            ),
        ),
    )


def wiring(most: int) -> Wiring:
    """One member network, one listener, peer groups of three."""
    return Wiring(
        member_networks=("members",),
        listener_ports=(80,),
        peer_groups={f"c{i:05d}": f"g{i // GROUP_SIZE}" for i in range(most)},
    )


def changes(n: int) -> tuple[int, ...]:
    """Scale out and in by 1 and by N/2 (the same at N = 2)."""
    return tuple(dict.fromkeys((1, -1, n // 2, -(n // 2))))


def full_reconcile(lb: LoadBalancer, wired: Wiring) -> int:
    """Operations of a full reconcile: every port and rule, and one write
    per configuration file that has content, on every amphora."""
    from amphora_sets.plumbing.plan import WRITES

    facts = plumbing_of(lb, wired).facts
    files = {
        (f.amphora_id, action)
        for action, rows in WRITES.items()
        for f in facts
        if f.resource in {row.resource for row in rows}
    }
    written = {row.resource for rows in WRITES.values() for row in rows}
    return sum(f.resource not in written for f in facts) + len(files)


def scenario(n: int, change: int) -> tuple[LoadBalancer, LoadBalancer, Wiring]:
    """The old and new load balancers of one row, and their wiring."""
    return cluster(n), cluster(n + change), wiring(max(n, n + change))


def count_rows() -> list[Row]:
    """The operation counts of every row (no timing)."""
    rows = []
    for n in SIZES:
        for change in changes(n):
            old, new, wired = scenario(n, change)
            steps = plan(old, new, wired)
            rows.append(Row(n, change, len(steps), full_reconcile(new, wired)))
    return rows


def table(rows: Sequence[Row], times: Sequence[str] | None = None) -> str:
    """``rows`` as a reStructuredText simple table (with times if given)."""
    header = ["N", "change", "plan operations", "full reconcile"]
    cells = [
        [f"{r.n:,}", r.label, f"{r.plan_ops:,}", f"{r.full_ops:,}"]
        for r in rows
    ]
    if times is not None:
        header.append("plan time")
        cells = [[*c, t] for c, t in zip(cells, times, strict=True)]
    widths = [
        max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)
    ]
    rule = "  ".join("=" * w for w in widths)

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.ljust(w) if i < 2 else value.rjust(w)
            for i, (value, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    return "\n".join(
        [rule, line(header), rule, *(line(c) for c in cells), rule]
    )


def grid(rows: Sequence[Row]) -> str:
    """The compact table the spec prints: per N, "plan / full reconcile"
    operations for +1, -1, +N/2 and -N/2 (at N = 2, N/2 is 1)."""
    cell = {(r.n, r.change): f"{r.plan_ops:,} / {r.full_ops:,}" for r in rows}
    header = ["N", "+1", "-1", "+N/2", "-N/2"]
    cells = [
        [f"{n:,}", *(cell[(n, c)] for c in (1, -1, n // 2, -(n // 2)))]
        for n in SIZES
    ]
    widths = [
        max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)
    ]
    rule = "  ".join("=" * w for w in widths)

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            value.ljust(w) for value, w in zip(values, widths, strict=True)
        ).rstrip()

    return "\n".join(
        [rule, line(header), rule, *(line(c) for c in cells), rule]
    )


def _best_cpu_ms(run: Callable[[], object], repeat: int) -> float:
    """The best CPU time of ``repeat`` runs: on a shared machine, other
    processes' work counts less than in wall time."""
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        run()
        samples.append((time.process_time() - started) * 1000)
    return min(samples)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    rows, times, failures = [], [], []
    for n in SIZES:
        for change in changes(n):
            old, new, wired = scenario(n, change)
            steps: Plan = plan(old, new, wired)
            wrong = plan_violations(old, new, steps, wired)
            if wrong:
                failures.append(f"N={n} {change:+d}: {wrong[0]}")
            rows.append(Row(n, change, len(steps), full_reconcile(new, wired)))
            took = _best_cpu_ms(partial(plan, old, new, wired), args.repeat)
            base = _best_cpu_ms(partial(plumbing_of, new, wired), args.repeat)
            times.append(f"{took:.2f} ms ({took / base:.2f}x)")
            if n == TARGET_N and took >= TARGET_MS:
                failures.append(
                    f"N={n} {change:+d}: plan took {took:.2f} ms, target "
                    f"{TARGET_MS:.0f} ms"
                )
    print(table(rows, times))
    print()
    print(
        "plan time: best CPU time of --repeat runs; in brackets, its ratio "
        "to deriving the new plumbing of every amphora in the same run"
    )
    for failure in failures:
        print(f"MISSED: {failure}")
    if not failures:
        print(f"met: every plan at N = {TARGET_N:,} under {TARGET_MS:.0f} ms")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
