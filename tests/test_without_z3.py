"""Without Z3: the kit works, and verify says which extra to install.

Each probe runs in a fresh interpreter whose import system refuses z3,
as in an environment that installed ``amphora-sets`` without the
``proofs`` extra (Octavia's test requirements).
"""

from __future__ import annotations

import subprocess
import sys

from package_env import package_env

NO_Z3 = """
import importlib.abc, sys

class NoZ3(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "z3" or name.startswith("z3."):
            raise ImportError("No module named 'z3'")
        return None

sys.meta_path.insert(0, NoZ3())
"""

KIT = """
from amphora_sets import Amphora, LoadBalancer, amphora_delta
from amphora_sets.testing import (
    OctaviaStyle, assert_delta, assert_invariants, assert_selection,
    reference_sets, run_conformance, violations)

lb = LoadBalancer("lb", "ACTIVE_STANDBY", (
    Amphora("m", "MASTER", "ALLOCATED"), Amphora("b", "BACKUP", "ALLOCATED")))
assert_invariants(lb, **reference_sets(lb))
found = violations(lb, front=["m"], back=["m", "b"], vrrp=["m", "b"])
assert "INV-AS-EQUAL" in {v.obligation_id for v in found}, found
assert_selection(lb, "vrrp", among=["b"], selected=["b"])
assert_delta(lb, lb, "back", added=[], removed=[])
run_conformance(
    OctaviaStyle(lambda lb: lb, lambda o, n, k, a: amphora_delta(o, n, k, a)),
    max_examples=5,
)
assert "z3" not in sys.modules
print("kit ok")
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", NO_Z3 + code],
        capture_output=True,
        text=True,
        env=package_env(),
        check=False,
    )


def test_the_blocker_really_blocks_z3() -> None:
    ran = _run("import z3\n")
    assert ran.returncode == 1
    assert "No module named 'z3'" in ran.stderr


def test_the_testing_kit_works_without_z3() -> None:
    ran = _run(KIT)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "kit ok\n", "")


def test_verify_without_z3_exits_2_naming_the_extra() -> None:
    ran = _run(
        "from amphora_sets.cli import main\n"
        "raise SystemExit(main(['verify']))\n"
    )
    assert ran.returncode == 2
    assert ran.stdout == ""
    assert len(ran.stderr.splitlines()) == 1
    assert "pip install 'amphora-sets[proofs]'" in ran.stderr
