"""The trees to trace: installed Octavia 19.0.0, and the patched series.

Each tree runs in its own process (:mod:`octavia_trace.child`), with the
tree first on ``sys.path``; the patched tree is a scratch copy of the
19.0.0 sdist with the reference series applied by ``git apply``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
REPO = TOOLS.parent
SERIES = REPO / "reference" / "octavia-19.0.0"
UNPATCHED = "19.0.0"
PATCHED = "patched"


def patches(series: Path = SERIES) -> list[Path]:
    """The series' patches in order; empty if there is no series."""
    return sorted(series.glob("*.patch")) if series.is_dir() else []


def patched_tree(scratch: Path, series: Path = SERIES) -> Path:
    """A copy of the 19.0.0 sdist in ``scratch`` with the series applied."""
    from amphora_sets.audit import sdist

    tree = scratch / "octavia-patched"
    shutil.copytree(sdist.octavia_tree(UNPATCHED), tree)
    for patch in patches(series):
        subprocess.run(
            ["git", "apply", "--whitespace=nowarn", str(patch)],
            cwd=tree,
            check=True,
            capture_output=True,
        )
    return tree


def start(out: Path, tree: Path | None) -> subprocess.Popen:
    """Start tracing ``tree`` (None: the installed Octavia) into ``out``."""
    paths = [str(TOOLS), str(REPO / "model")]
    if tree is not None:
        paths.insert(0, str(tree))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    return subprocess.Popen(
        [
            sys.executable,
            "-W",
            "ignore",
            "-m",
            "octavia_trace.child",
            str(out),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen, out: Path) -> dict:
    """Wait for a started trace; its result, or RuntimeError with the
    child's last lines of error output."""
    _, stderr = process.communicate()
    if process.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"tracing failed ({process.returncode}):\n{tail}")
    return json.loads(out.read_text())
