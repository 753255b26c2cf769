"""Benchmark the Z3 proofs against explicit enumeration of load balancers.

Run with ``tox -e bench`` or, from a checkout, with
``PYTHONPATH=model python benchmarks/verify_bench.py``.  It prints:

1. per obligation and topology, the wall time and the Z3 rlimit count of
   ``amphora_sets.solver.verify(BUILTIN_REGISTRY)``, and the total;
2. the wall time of a whole ``python -m amphora_sets verify`` process
   (best of ``--repeat``) against the 2.0 s target;
3. the cost of checking the five pointwise set invariants by enumerating
   every load balancer of 1..``--max-n`` amphorae, next to what the solver
   spends proving the same five obligations for every size;
4. the cost of every obligation about a table against the number of
   roles (1, 10, 50 and 200), beside each built-in topology in the same
   run: total time, its ratio to ACTIVE_ACTIVE's, and the largest share
   of the default rlimit budget one obligation used.

Exit status: 0, or 1 if any obligation is not proved (section 4: not
decided) or the enumeration finds a load balancer that breaks an
invariant.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import math
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import amphora_sets
from amphora_sets import BUILTIN_REGISTRY, Amphora, LoadBalancer, Topology
from amphora_sets.registry import (
    AMPHORA_STATUSES,
    Cardinality,
    Registry,
    RoleRow,
    SetKind,
)
from amphora_sets.registry.obligations import DEFAULT_RLIMIT
from amphora_sets.registry.vocabulary import DELETED
from amphora_sets.solver import Result, Verdict, verify

INVARIANTS = (
    "INV-BACK-IN-FRONT",
    "INV-VRRP-IN-FRONT",
    "INV-FRONT-IS-UNION",
    "INV-LIVE-COVERED",
    "INV-DELETED-EXCLUDED",
)
"""The obligations that the enumeration checks too."""

TARGET_SECONDS = 2.0
"""Target for a whole ``amphora-sets verify`` process."""

TUPLE_LIMIT = 600_000
"""Above this many ordered tuples a size is enumerated as multisets."""

FALLBACK = (
    "from amphora_sets.solver import verify; "
    "from amphora_sets import BUILTIN_REGISTRY; "
    "verify(BUILTIN_REGISTRY)"
)
"""What section 2 times while ``amphora-sets verify`` does not exist."""

Pair = tuple[str | None, str]
"""An amphora's (role, status)."""


@dataclasses.dataclass(frozen=True)
class Timing:
    """Best wall time of one (obligation, topology) over the runs."""

    obligation: str
    topology: str
    milliseconds: float
    rlimit_count: int
    rlimit_max: int


@dataclasses.dataclass(frozen=True)
class EnumerationRow:
    """The cost of enumerating one topology at one size."""

    topology: str
    size: int
    multisets: bool
    checked: int
    tuples: int
    milliseconds: float
    violations: tuple[str, ...]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        description="Z3 proof cost against explicit enumeration.",
    )
    parser.add_argument(
        "--max-n",
        type=_positive,
        default=6,
        metavar="N",
        help="enumerate load balancers of 1..N amphorae (default: 6)",
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        default=3,
        metavar="K",
        help="runs of verify and of the process; best is kept (default: 3)",
    )
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, not {value}")
    return value


def time_verify(repeat: int) -> tuple[list[Timing], list[float], list[str]]:
    """Run ``verify`` ``repeat`` times: best timings, totals, failures."""
    runs: list[list[Result]] = []
    totals: list[float] = []
    for _ in range(repeat):
        started = time.perf_counter()
        runs.append(verify(BUILTIN_REGISTRY))
        totals.append((time.perf_counter() - started) * 1000)
    timings = []
    for results in zip(*runs, strict=True):
        first = results[0]
        rlimits = [r.rlimit_count for r in results]
        timings.append(
            Timing(
                first.obligation.id,
                first.label,
                min(r.milliseconds for r in results),
                min(rlimits),
                max(rlimits),
            )
        )
    failures = sorted(
        {
            f"{r.obligation.id} [{r.label}]: {r.verdict.value}"
            + (f" ({r.reason})" if r.reason else "")
            for results in runs
            for r in results
            if r.verdict is not Verdict.PROVED
        }
    )
    return timings, totals, failures


def print_verify(
    timings: list[Timing], totals: list[float], repeat: int
) -> None:
    """Section 1: per-obligation cost."""
    print(f"1. In-process verify(BUILTIN_REGISTRY), best of {repeat} runs")
    print(
        f"   ms: best of {repeat}.  rlimit: Z3's 'rlimit count', lowest of "
        f"{repeat}\n   (followed by ..highest when the runs differ)."
    )
    print()
    print(f"   {'topology':<15} {'obligation':<34} {'ms':>8} {'rlimit':>9}")
    for t in timings:
        varied = t.rlimit_max != t.rlimit_count
        mark = f" ..{t.rlimit_max}" if varied else ""
        print(
            f"   {t.topology:<15} {t.obligation:<34} "
            f"{t.milliseconds:8.2f} {t.rlimit_count:9d}{mark}"
        )
    print()
    print(
        f"   {len(timings)} results; sum of best per-obligation times "
        f"{sum(t.milliseconds for t in timings):.1f} ms; "
        f"rlimit total {sum(t.rlimit_count for t in timings)}"
    )
    print(
        "   total verify() wall time per run: "
        + ", ".join(f"{ms:.1f}" for ms in totals)
        + f" ms (best {min(totals):.1f} ms)"
    )
    print()


def subcommand_available() -> tuple[bool, str]:
    """Whether ``amphora_sets verify`` exists, and why not if not."""
    package = Path(amphora_sets.__file__).parent
    if not (package / "cli" / "verify.py").exists():
        return False, f"{package / 'cli' / 'verify.py'} does not exist"
    try:
        from amphora_sets import cli
    except Exception as exc:  # a half-written CLI must not stop the bench
        return False, f"amphora_sets.cli does not import: {exc!r}"
    names = [m.__name__.rsplit(".", 1)[-1] for m in cli.SUBCOMMANDS]
    if "verify" not in names:
        return False, "cli/verify.py is not in cli.SUBCOMMANDS"
    return True, ""


def time_process(command: list[str], repeat: int) -> tuple[list[float], int]:
    """Wall times (s) of ``repeat`` runs of ``command``; last exit status."""
    env = dict(os.environ)
    model = str(Path(amphora_sets.__file__).parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (model, env.get("PYTHONPATH")) if p
    )
    seconds = []
    status = 0
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(
            command, env=env, capture_output=True, check=False
        )
        seconds.append(time.perf_counter() - started)
        status = done.returncode
        if status != 0:
            tail = done.stderr.decode(errors="replace").strip().splitlines()
            print(f"   exit status {status}: {' | '.join(tail[-3:])}")
    return seconds, status


def print_process(repeat: int) -> None:
    """Section 2: a whole process, start-up included, against the target."""
    print(f"2. Whole process, start-up included, best of {repeat} runs")
    print()
    python = sys.executable
    available, why = subcommand_available()
    status = 0
    if available:
        label = "python -m amphora_sets verify"
        seconds, status = time_process(
            [python, "-m", "amphora_sets", "verify"], repeat
        )
        if status != 0:
            print("   NOTE: the verify subcommand failed (times above);")
    else:
        print(f"   NOTE: no verify subcommand yet: {why};")
    if not available or status != 0:
        print("   timing instead: python -c 'verify(BUILTIN_REGISTRY)'")
        label = "python -c 'verify(BUILTIN_REGISTRY)' (FALLBACK)"
        seconds, status = time_process([python, "-c", FALLBACK], repeat)
    best = min(seconds)
    print(f"   command: {label}")
    print("   runs: " + ", ".join(f"{s:.3f}" for s in seconds) + " s")
    print(
        f"   best {best:.3f} s, target < {TARGET_SECONDS:.1f} s, "
        f"measured/target = {best / TARGET_SECONDS:.2f}"
        + ("" if status == 0 else f" (exit status {status})")
    )
    print()


def pairs_for(topology: Topology) -> list[Pair]:
    """Every (role, status) a load balancer accepts: any status with one
    of the topology's roles or with none yet."""
    return [(r, s) for r in (*topology.roles, None) for s in AMPHORA_STATUSES]


def load_balancers(
    topology: Topology, size: int, multisets: bool
) -> Iterator[LoadBalancer]:
    """Every load balancer of ``size`` amphorae, as tuples or multisets."""
    pairs = pairs_for(topology)
    amphorae = [
        [Amphora(f"amp-{i}", role, status) for role, status in pairs]
        for i in range(size)
    ]
    indices = range(len(pairs))
    combos = (
        itertools.combinations_with_replacement(indices, size)
        if multisets
        else itertools.product(indices, repeat=size)
    )
    for combo in combos:
        yield LoadBalancer(
            "lb",
            topology.name,
            tuple(amphorae[i][p] for i, p in enumerate(combo)),
        )


def broken_invariants(lb: LoadBalancer) -> list[str]:
    """The IDs of :data:`INVARIANTS` that ``lb``'s sets break."""
    front = {a.id for a in lb.front_facing_amphorae}
    back = {a.id for a in lb.back_facing_amphorae}
    vrrp = {a.id for a in lb.vrrp_amphorae}
    live = {a.id for a in lb.amphorae if a.live and a.assigned}
    deleted = {a.id for a in lb.amphorae if a.status == DELETED}
    in_any = front | back | vrrp
    holds = {
        "INV-BACK-IN-FRONT": back <= front,
        "INV-VRRP-IN-FRONT": vrrp <= front,
        "INV-FRONT-IS-UNION": front <= back | vrrp,
        "INV-LIVE-COVERED": live <= in_any,
        "INV-DELETED-EXCLUDED": not deleted & in_any,
    }
    return [name for name, ok in holds.items() if not ok]


def enumerate_size(topology: Topology, size: int) -> EnumerationRow:
    """Check every load balancer of ``topology`` with ``size`` amphorae."""
    tuples = len(pairs_for(topology)) ** size
    multisets = tuples > TUPLE_LIMIT
    checked = 0
    broken: set[str] = set()
    started = time.perf_counter()
    for lb in load_balancers(topology, size, multisets):
        broken.update(broken_invariants(lb))
        checked += 1
    milliseconds = (time.perf_counter() - started) * 1000
    return EnumerationRow(
        topology.name,
        size,
        multisets,
        checked,
        tuples,
        milliseconds,
        tuple(sorted(broken)),
    )


def print_enumeration(
    timings: list[Timing], max_n: int
) -> list[EnumerationRow]:
    """Section 3: enumeration cost per size beside the solver's cost."""
    print("3. The same invariants: enumeration (one run) vs Z3 (section 1)")
    print()
    for name in INVARIANTS:
        print(f"   {name}")
    pairs = ", ".join(
        f"{t.name} {len(pairs_for(t))}" for t in BUILTIN_REGISTRY
    )
    print(
        "   Each amphora is (role, status) for a role of the topology, or\n"
        "   None (no role yet), and any status.\n"
        f"   Pairs per amphora: {pairs}.\n"
        f"   mode 'tuples': every ordered tuple of N pairs.  Above "
        f"{TUPLE_LIMIT:,} tuples,\n"
        "   mode 'multisets': combinations_with_replacement of the pairs,\n"
        "   valid since membership is pointwise and ids do not matter;\n"
        "   'checked' then counts multisets, not tuples.  'est. ms' is\n"
        "   extrapolated (ms per load balancer x tuples), not measured.\n"
        "   'Z3 ms' is the sum of the 5 obligations' best times above,\n"
        "   fresh Z3 context and encoding included; ratio = enum / Z3."
    )
    print()
    print(
        f"   {'topology':<14} {'N':>1} {'mode':<9} {'checked':>7} "
        f"{'tuples':>11} {'enum ms':>7} {'est. ms':>9} {'Z3 ms':>5} "
        f"{'ratio':>5}"
    )
    rows = []
    for topology in BUILTIN_REGISTRY:
        solver_ms = sum(
            t.milliseconds
            for t in timings
            if t.topology == topology.name and t.obligation in INVARIANTS
        )
        for size in range(1, max_n + 1):
            row = enumerate_size(topology, size)
            rows.append(row)
            ratio = row.milliseconds / solver_ms if solver_ms else math.inf
            estimate = row.milliseconds / row.checked * row.tuples
            mode = "multisets" if row.multisets else "tuples"
            broken = ", ".join(row.violations)
            print(
                f"   {row.topology:<14} {size:>1} {mode:<9} "
                f"{row.checked:>7} {row.tuples:>11} "
                f"{row.milliseconds:>7.0f} {estimate:>9.0f} "
                f"{solver_ms:>5.1f} {ratio:>5.1f}"
                + (f"  BROKEN: {broken}" if broken else "")
            )
    print()
    print(
        "   Z3 ms is the same for every N: each proof is about one\n"
        "   arbitrary amphora, so it covers load balancers of any size."
    )
    print()
    return rows


ROLE_COUNTS = (1, 10, 50, 200)
"""Section 4's topology sizes, in roles."""


def many_roles(count: int) -> Topology:
    """``count`` roles: a VRRP distributor pair (from 2 roles on) and
    cluster roles of varied cardinality, in front of the members."""
    vrrp = frozenset({SetKind.FRONT, SetKind.VRRP})
    back = frozenset({SetKind.FRONT, SetKind.BACK})
    rows = []
    if count >= 2:
        rows += [
            RoleRow(role, vrrp, Cardinality(1, 1))
            for role in ("MASTER", "BACKUP")
        ]
    rows += [
        RoleRow(f"C{i}", back, Cardinality(i % 3 + 1, i % 3 + 2 + i % 5))
        for i in range(count - len(rows))
    ]
    return Topology(f"ROLES_{count}", tuple(rows))


def print_roles() -> list[str]:
    """Section 4; the obligations not decided."""
    print("4. Every obligation about a table, by number of roles")
    print()
    print(
        f"   {'topology':<15} {'roles':>5} {'results':>7} {'ms':>9} "
        f"{'x AA':>6} {'max rlimit':>10} {'% budget':>8}"
    )
    undecided = []
    base = None
    subjects = [*BUILTIN_REGISTRY, *(many_roles(n) for n in ROLE_COUNTS)]
    for topology in subjects:
        started = time.perf_counter()
        results = [
            r for r in verify(Registry((topology,))) if r.topology is not None
        ]
        ms = (time.perf_counter() - started) * 1000
        if topology.name == "ACTIVE_ACTIVE":
            base = ms
        ratio = f"{ms / base:6.2f}" if base else f"{'-':>6}"
        most = max(r.rlimit_count for r in results)
        print(
            f"   {topology.name:<15} {len(topology.rows):>5} "
            f"{len(results):>7} {ms:>9.1f} {ratio} {most:>10} "
            f"{100 * most / DEFAULT_RLIMIT:>7.2f}%"
        )
        undecided += [
            f"{r.obligation.id} [{r.label}]: {r.verdict.value}"
            for r in results
            if r.verdict is Verdict.UNKNOWN
        ]
    print()
    return undecided


def main(argv: Sequence[str] | None = None) -> int:
    """Run the four sections; 1 if anything is not proved or breaks."""
    args = parse_args(argv)
    started = time.perf_counter()
    timings, totals, failures = time_verify(args.repeat)
    print_verify(timings, totals, args.repeat)
    print_process(args.repeat)
    rows = print_enumeration(timings, args.max_n)
    failures += print_roles()
    broken = [r for r in rows if r.violations]
    print(f"Bench wall time: {time.perf_counter() - started:.1f} s")
    if failures:
        print(f"NOT PROVED ({len(failures)}):")
        for failure in failures:
            print(f"   {failure}")
    for row in broken:
        print(
            f"ENUMERATION BROKE {', '.join(row.violations)} for "
            f"{row.topology} at N={row.size}"
        )
    return 1 if failures or broken else 0


if __name__ == "__main__":
    sys.exit(main())
