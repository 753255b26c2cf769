"""What amphora_sets.testing's checks cost, against a hand-written baseline.

For ACTIVE_ACTIVE load balancers of 10, 100, 1,000 and 10,000 amphorae,
given as Octavia's v2 flows pass them (dicts), with an implementation's
three sets as lists of those dicts, this times, best of ``--repeat``:

- ``violations``, ``selection_violations`` and ``delta_violations``;
- for each, a baseline written by hand with frozensets from the same
  input: for ``violations`` and ``selection_violations``, the three sets'
  ids and their three inclusions (back and VRRP in front, front in their
  union); for ``delta_violations``, which is given two versions of the
  load balancer and no sets, the back-facing set of each version read from
  its dict, and the delta's four claims (added and removed disjoint, added
  new, removed old, old minus removed plus added is the new set);
- ``LoadBalancer`` construction from the same input, once per load
  balancer the check reads (``delta_violations`` reads two).

The targets, each checked in this one run:

- each check at most 5 x its baseline + its constructions (the ratio
  printed is check / that budget; 1 or less meets it), from 100
  amphorae up.  At 10 amphorae the ratio is printed but not held to:
  there a call's fixed cost (resolving the topology, one call per
  applicable obligation, reading three given sets) is most of it, and
  the baseline, three frozensets of ten ids, costs about a microsecond;
- under 5 ms at 1,000 amphorae;
- x10 amphorae costing at most x12 time, or no more than the baseline's
  own growth in this run where that is larger: from 1,000 to 10,000
  amphorae the data outgrow the processor's caches, and each id then
  costs the hand-written baseline more too.  A quadratic check grows
  about x100 either way.

Exits 1 if a target is missed.  As :mod:`timeit` does, the garbage
collector is off while timing, so that a collection set off by earlier
allocations is not charged to whichever call happens to run into it.
Timings depend on the machine's load; the ratios, taken in one run, much
less.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from typing import Any

from amphora_sets import amphora_delta, load_balancer_from
from amphora_sets.testing import (
    delta_violations,
    selection_violations,
    violations,
)

SIZES = (10, 100, 1_000, 10_000)
TARGET_RATIO = 1.0
RATIO_FROM = 100
"""The smallest load balancer the ratio target holds for."""
TARGET_MS_AT_1000 = 5.0
TARGET_GROWTH = 12.0


def octavia_dict(n: int, extra: int = 0) -> dict[str, Any]:
    """An ACTIVE_ACTIVE load balancer of ``n`` amphorae (+ ``extra``)."""
    roles = ["MASTER", "BACKUP"] + ["IN_CLUSTER"] * (n + extra - 2)
    return {
        "id": "lb",
        "topology": "ACTIVE_ACTIVE",
        "amphorae": [
            {
                "id": f"amp-{i}",
                "role": role,
                "status": "ALLOCATED",
                "load_balancer_id": "lb",
            }
            for i, role in enumerate(roles)
        ],
    }


def baseline(front: list, back: list, vrrp: list) -> bool:
    """The same three inclusions, by hand, from the same dicts."""
    f = frozenset(a["id"] for a in front)
    b = frozenset(a["id"] for a in back)
    v = frozenset(a["id"] for a in vrrp)
    return b <= f and v <= f and f <= b | v


def delta_baseline(
    old: dict[str, Any], new: dict[str, Any], added: Any, removed: Any
) -> bool:
    """The delta's four claims by hand, from the same two dicts."""
    before = back_facing_ids(old)
    after = back_facing_ids(new)
    add = frozenset(a.id for a in added)
    drop = frozenset(a.id for a in removed)
    return (
        add.isdisjoint(drop)
        and add.isdisjoint(before)
        and drop <= before
        and (before - drop) | add == after
    )


def back_facing_ids(lb: dict[str, Any]) -> frozenset[str]:
    """An ACTIVE_ACTIVE dict's back-facing ids, as one would write it."""
    return frozenset(
        a["id"]
        for a in lb["amphorae"]
        if a["role"] == "IN_CLUSTER" and a["status"] != "DELETED"
    )


def best(call: Callable[[], object], repeat: int) -> float:
    """Best CPU time of ``call`` in milliseconds, enough calls per round
    to last about 20 ms.  CPU time of this process, not wall time, so
    that other work on a shared machine counts less."""
    start = time.process_time()
    call()
    once = time.process_time() - start
    loops = max(1, int(0.02 / max(once, 1e-7)))
    times = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            for _ in range(loops):
                call()
            times.append((time.process_time() - start) / loops)
    finally:
        if collecting:
            gc.enable()
    return min(times) * 1000


def measure(n: int, repeat: int) -> dict[str, float]:
    """Milliseconds per call of each check, the baseline, construction."""
    source = octavia_dict(n)
    grown = octavia_dict(n, extra=1)
    amphorae = source["amphorae"]
    front = amphorae
    back = amphorae[2:]
    vrrp = amphorae[:2]
    among = [a["id"] for a in amphorae[::2]]
    lb = load_balancer_from(source)
    selected = lb.select_back_facing(among)
    delta = amphora_delta(source, grown, "back")
    assert violations(source, front=front, back=back, vrrp=vrrp) == []
    assert baseline(front, back, vrrp)
    assert delta_baseline(source, grown, delta.added, delta.removed)
    return {
        "violations": best(
            lambda: violations(source, front=front, back=back, vrrp=vrrp),
            repeat,
        ),
        "selection": best(
            lambda: selection_violations(
                source, "back", among=among, selected=selected
            ),
            repeat,
        ),
        "delta": best(
            lambda: delta_violations(
                source,
                grown,
                "back",
                added=delta.added,
                removed=delta.removed,
            ),
            repeat,
        ),
        "baseline": best(lambda: baseline(front, back, vrrp), repeat),
        "delta baseline": best(
            lambda: delta_baseline(source, grown, delta.added, delta.removed),
            repeat,
        ),
        "construction": best(lambda: load_balancer_from(source), repeat),
    }


CHECKS = ("violations", "selection", "delta")
BASELINE = {
    "violations": "baseline",
    "selection": "baseline",
    "delta": "delta baseline",
}
CONSTRUCTIONS = {"violations": 1, "selection": 1, "delta": 2}
"""How many load balancers each check reads, and so builds."""


def _growth(rows: dict[int, dict[str, float]], n: int, what: str) -> float:
    """How much ``what`` grew from ``n // 10`` amphorae to ``n``."""
    return rows[n][what] / rows[n // 10][what]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = {n: measure(n, args.repeat) for n in SIZES}
    missed = []
    print(
        f"{'N':>6}  {'check':<10} {'ms':>9} {'baseline':>9} "
        f"{'construct':>9} {'budget':>9} {'ratio':>6} {'x10 growth':>10}"
    )
    for n in SIZES:
        row = rows[n]
        for check in CHECKS:
            built = CONSTRUCTIONS[check] * row["construction"]
            budget = 5 * row[BASELINE[check]] + built
            ratio = row[check] / budget
            growth = ""
            if n // 10 in rows:
                grew = row[check] / rows[n // 10][check]
                growth = f"{grew:.1f}"
                allowed = max(TARGET_GROWTH, _growth(rows, n, "baseline"))
                if grew > allowed:
                    missed.append(
                        f"{check} x10 to N={n}: x{grew:.1f} "
                        f"(allowed x{allowed:.1f})"
                    )
            if n >= RATIO_FROM and ratio > TARGET_RATIO:
                missed.append(f"{check} at N={n}: ratio {ratio:.2f}")
            if n == 1_000 and row[check] > TARGET_MS_AT_1000:
                missed.append(f"{check} at N=1000: {row[check]:.2f} ms")
            print(
                f"{n:>6}  {check:<10} {row[check]:>9.3f} "
                f"{row[BASELINE[check]]:>9.3f} {built:>9.3f} "
                f"{budget:>9.3f} {ratio:>6.2f} {growth:>10}"
            )
    for n in SIZES[1:]:
        print(
            f"x10 to N={n}: baseline x{_growth(rows, n, 'baseline'):.1f}, "
            f"construction x{_growth(rows, n, 'construction'):.1f}"
        )
    for line in missed:
        print(f"MISSED: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
