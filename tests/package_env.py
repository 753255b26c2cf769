"""The environment for a test's Python subprocess: the same package.

A subprocess must import the very copy of ``amphora_sets`` that the test
process imported, wherever it lives (the source tree, an installed wheel,
or a mutated copy), so the root is found from ``amphora_sets.__file__``
rather than from the test file's place in the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import amphora_sets

PACKAGE_ROOT = Path(amphora_sets.__file__).resolve().parent.parent


def package_env() -> dict[str, str]:
    """``os.environ`` with ``PACKAGE_ROOT`` first on ``PYTHONPATH``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PACKAGE_ROOT), *filter(None, [env.get("PYTHONPATH")])]
    )
    return env
