"""The core model imports only the standard library; z3 stays lazy."""

from __future__ import annotations

import subprocess
import sys

from package_env import package_env


def test_core_and_cli_import_neither_z3_nor_hypothesis() -> None:
    probe = (
        "import sys\n"
        "import amphora_sets, amphora_sets.cli\n"
        "from amphora_sets import load_balancer_from, load_registry\n"
        "loaded = {'z3', 'hypothesis', 'amphora_sets.solver'}\n"
        "assert not loaded & set(sys.modules), loaded & set(sys.modules)\n"
    )
    subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        env=package_env(),
    )
