"""Octavia's real flows against the model's sets (``tox -e trace``)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from octavia_trace import report, trees
from octavia_trace.__main__ import REPORT
from octavia_trace.deliberate import DELIBERATE
from octavia_trace.routes import router_for
from octavia_trace.verdict import judge_all

TOPOLOGIES = ("SINGLE", "ACTIVE_STANDBY")


@pytest.fixture(scope="module")
def verdicts(traced: dict[str, dict]) -> dict:
    """Each tree's verdict under the packaged 19.0.0 mapping."""
    return judge_all(traced, router_for(traced[trees.UNPATCHED]))


def test_both_topologies_ran_every_scenario(traced: dict[str, dict]) -> None:
    for result in traced.values():
        assert sorted(result["runs"]) == sorted(TOPOLOGIES)
        for run in result["runs"].values():
            flows = {call["flow"].partition(" ")[2] for call in run["calls"]}
            assert {
                "create_load_balancer",
                "create_listener",
                "create_pool",
                "create_member",
                "delete_member",
                "failover_loadbalancer",
                "failover_loadbalancer(orphan)",
            } <= flows


def test_unpatched_touches_the_model_sets_but_the_deliberate(
    verdicts: dict,
) -> None:
    verdict = verdicts[trees.UNPATCHED]
    assert verdict.failures == ()
    assert {o.key for o in verdict.excused} == {d.key for d in DELIBERATE}
    # Every set and the live view are exercised, in both topologies.
    for topology in TOPOLOGIES:
        sets = {o.set for o in verdict.observations if o.topology == topology}
        assert {"FRONT", "BACK", "ALL"} <= sets
    assert any(o.set == "VRRP" for o in verdict.observations)


def test_patched_call_sites_touch_exactly_their_sets(verdicts: dict) -> None:
    if trees.PATCHED not in verdicts:
        pytest.skip("no reference patch series in reference/octavia-19.0.0")
    verdict = verdicts[trees.PATCHED]
    assert verdict.failures == ()
    assert verdict.excused == ()


def test_orphan_is_deleted_by_load_balancer_failover(
    traced: dict[str, dict],
) -> None:
    for result in traced.values():
        for run in result["runs"].values():
            (orphan,) = [a for a in run["final"] if a["id"] == run["orphan"]]
            assert orphan["role"] is None
            assert orphan["status"] == "DELETED"


def test_wrong_mapping_row_fails_the_trace(
    traced: dict[str, dict], tmp_path: Path
) -> None:
    # The HAProxy driver's update loop configures the back-facing set;
    # a mapping that says VRRP expects nothing of it on SINGLE.
    data = (
        resources.files("amphora_sets.audit")
        .joinpath("data", "octavia-19.0.0.toml")
        .read_text()
    )
    row = re.compile(
        r'(function = "HaproxyAmphoraLoadBalancerDriver\.update"\n'
        r'kind = "loop"\n(?:.*\n)*?set = )"BACK"'
    )
    wrong, count = row.subn(r'\1"VRRP"', data, count=1)
    assert count == 1
    mapping = tmp_path / "wrong.toml"
    mapping.write_text(wrong)
    verdicts = judge_all(traced, router_for(traced[trees.UNPATCHED], mapping))
    for verdict in verdicts.values():
        assert not verdict.ok
        assert any(
            line.startswith("MISMATCH SINGLE create_listener: ListenersUpdate")
            and "HaproxyAmphoraLoadBalancerDriver.update (loop) [VRRP" in line
            for line in verdict.failures
        ), verdict.failures


def test_report_in_the_docs_is_current(
    verdicts: dict, traced: dict[str, dict]
) -> None:
    assert REPORT.read_text() == report.render(verdicts, traced), (
        "run: python -m octavia_trace --write-report (from tools/)"
    )
