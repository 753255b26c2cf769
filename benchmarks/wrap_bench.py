"""Benchmark ``show``'s description wrapping against :func:`textwrap.wrap`.

Run with ``PYTHONPATH=model python benchmarks/wrap_bench.py``.  For
descriptions of growing size, with and without spaces, it prints the best
of ``--repeat`` times of :func:`amphora_sets.cli.wrap.wrap` and of
``textwrap.wrap`` at the same width, and their ratio (textwrap / ours).
It also prints how ours grows when the size doubles: about 2 is linear,
about 4 quadratic.

Exit status: 0, or 1 if ours grows by more than 3 per doubling of a
description without spaces (not linear).
"""

from __future__ import annotations

import argparse
import textwrap
import time
from collections.abc import Callable

from amphora_sets.cli.wrap import wrap

WIDTH = 77
INDENT = "  "
KIB = 1024


def _best(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def _texts(size: int) -> dict[str, str]:
    return {
        "no spaces": "x" * size,
        "words": ("amphora " * (size // 8 + 1))[:size],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[64, 128, 256, 512],
        help="description sizes in KiB (default: %(default)s)",
    )
    args = parser.parse_args()
    print(
        f"{'text':<10} {'KiB':>5} {'ours s':>9} {'textwrap s':>11} "
        f"{'ratio':>8} {'ours x2':>8}"
    )
    status = 0
    previous: dict[str, float] = {}
    for kib in args.sizes:
        for kind, text in _texts(kib * KIB).items():
            ours = _best(lambda t=text: wrap(t, WIDTH, INDENT), args.repeat)
            theirs = _best(
                lambda t=text: textwrap.wrap(
                    t, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT
                ),
                args.repeat,
            )
            growth = ours / previous[kind] if kind in previous else None
            previous[kind] = ours
            shown = "" if growth is None else f"{growth:.2f}"
            print(
                f"{kind:<10} {kib:>5} {ours:>9.4f} {theirs:>11.4f} "
                f"{theirs / ours:>8.1f} {shown:>8}"
            )
            if kind == "no spaces" and growth is not None and growth > 3:
                status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
