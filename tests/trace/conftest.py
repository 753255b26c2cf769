"""Trace tests: the harness in ``tools/``, and one trace per session.

The trace needs Octavia 19.0.0 installed (``tox -e trace``); without it
the tests that need a trace are skipped.  The harness itself never
imports Octavia in this process: each tree is traced in a child process.
"""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))


@pytest.fixture(scope="session")
def traced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Each traced tree's result: 19.0.0, and the patched series if any."""
    # By its distribution: ``import octavia`` here could find tests/octavia.
    try:
        importlib.metadata.version("octavia")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("Octavia is not installed (run tox -e trace)")
    from octavia_trace.__main__ import trace

    return trace(tmp_path_factory.mktemp("trace"))
