"""Fetch an Octavia sdist with pip, cache it, and unpack it once.

The cache is ``$AMPHORA_SETS_CACHE`` or else
``${XDG_CACHE_HOME:-~/.cache}/amphora-sets``.  The archive lives in its
``sdist/`` directory (an archive already there is used as is, with no
network) and is unpacked beside it, in ``octavia-VERSION/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from amphora_sets.errors import AmphoraSetsError

_VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,3}([a-z]+[0-9]*)?")
PIP_TIMEOUT = 600
"""Seconds pip may take to fetch the sdist."""


def cache_dir() -> Path:
    """Where fetched sdists and their unpacked trees are kept."""
    explicit = os.environ.get("AMPHORA_SETS_CACHE")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "amphora-sets"


def octavia_tree(version: str) -> Path:
    """The unpacked Octavia ``version`` sdist, fetched with pip if the
    cache does not hold it yet."""
    if not _VERSION.fullmatch(version):
        raise AmphoraSetsError(
            "--octavia", f"{version!r} is not a release version"
        )
    cache = cache_dir()
    tree = cache / f"octavia-{version}"
    if (tree / "octavia" / "__init__.py").is_file():
        return tree
    archive = cache / "sdist" / f"octavia-{version}.tar.gz"
    if not archive.is_file():
        _download(version, archive.parent)
    return _unpack(archive, tree)


def _download(version: str, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--no-binary",
        ":all:",
        "--dest",
        str(into),
        f"octavia=={version}",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=PIP_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AmphoraSetsError("--octavia", f"pip failed: {exc}") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise AmphoraSetsError(
            "--octavia", f"pip could not fetch octavia=={version}: {last}"
        )


def _unpack(archive: Path, tree: Path) -> Path:
    if not archive.is_file():
        raise AmphoraSetsError(
            "--octavia", f"pip left no {archive.name} in {archive.parent}"
        )
    scratch = Path(tempfile.mkdtemp(prefix=".unpack-", dir=tree.parent))
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(scratch, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise AmphoraSetsError(
            "--octavia", f"cannot unpack {archive}: {exc}"
        ) from None
    unpacked = scratch / tree.name
    if not unpacked.is_dir():
        raise AmphoraSetsError(
            "--octavia", f"{archive.name} holds no {tree.name}/ directory"
        )
    try:
        unpacked.rename(tree)
    except OSError:
        if not (tree / "octavia" / "__init__.py").is_file():
            raise  # not a concurrent unpack that won the race
    return tree
