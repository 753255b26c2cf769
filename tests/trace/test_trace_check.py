"""The trace's checks on hand-made calls (no Octavia needed)."""

from __future__ import annotations

from pathlib import Path

from amphora_sets.audit.finder import Kind, Site
from amphora_sets.audit.mapping import Row
from octavia_trace.deliberate import DELIBERATE, Deliberate
from octavia_trace.routes import Router
from octavia_trace.verdict import judge

MASTER = {"id": "m", "role": "MASTER", "status": "ALLOCATED"}
BACKUP = {"id": "b", "role": "BACKUP", "status": "ALLOCATED"}
ORPHAN = {"id": "o", "role": None, "status": "ALLOCATED"}
GONE = {"id": "g", "role": "MASTER", "status": "DELETED"}
STATE = [MASTER, BACKUP, ORPHAN, GONE]


def _router(kind: Kind, function: str, set_name: str, flt: str) -> Router:
    site = Site("octavia/x.py", function, kind, "amphorae", 1)
    row = Row(*site.key, set_name, flt, "test")
    return Router([(site, row)])


def _result(*touched_per_call: list[dict], method: str = "update") -> dict:
    calls = [
        {
            "flow": "ACTIVE_STANDBY create_listener",
            "task": "ListenersUpdate",
            "driver": "amphora",
            "method": method,
            "passed": touched if method != "update" else [],
            "touched": touched,
            "state": STATE,
            "lb_level": method == "update",
        }
        for touched in touched_per_call
    ]
    final = [{**ORPHAN, "status": "DELETED"}]
    return {
        "runs": {"ACTIVE_STANDBY": {"calls": calls, "final": final}},
        "problems": [],
    }


def _loop(set_name: str = "VRRP", flt: str = "== ALLOCATED") -> Router:
    return _router(Kind.LOOP, "ListenersUpdate.execute", set_name, flt)


def test_a_loop_over_its_whole_selection_passes() -> None:
    verdict = judge("t", _result([MASTER, BACKUP]), _loop())
    assert verdict.ok, verdict.failures


def test_a_loop_that_touches_the_orphan_fails_naming_everything() -> None:
    verdict = judge("t", _result([MASTER, BACKUP, ORPHAN]), _loop())
    (failure,) = verdict.failures
    assert failure == (
        "MISMATCH ACTIVE_STANDBY create_listener: ListenersUpdate -> update"
        " at ListenersUpdate.execute (loop) [VRRP, == ALLOCATED]:"
        " touched ['m', 'b', 'o'], expected ['m', 'b']"
    )


def test_a_loop_that_misses_an_amphora_fails() -> None:
    assert not judge("t", _result([MASTER]), _loop()).ok


def test_an_index_is_held_to_membership_only() -> None:
    index = _router(Kind.INDEX, "ListenersUpdate.execute", "BACK", "none")
    assert judge("t", _result([MASTER], method="reload"), index).ok
    assert not judge("t", _result([ORPHAN], method="reload"), index).ok


def test_all_is_every_live_amphora_role_or_not() -> None:
    verdict = judge("t", _result([MASTER, BACKUP, ORPHAN]), _loop("ALL"))
    assert verdict.ok, verdict.failures


def test_problems_and_a_surviving_orphan_fail() -> None:
    result = _result([MASTER, BACKUP])
    result["problems"] = [{"flow": "f", "kind": "REVERTED", "detail": "x"}]
    result["runs"]["ACTIVE_STANDBY"]["orphan"] = "o"
    result["runs"]["ACTIVE_STANDBY"]["final"] = [ORPHAN]
    failures = judge("t", result, _loop()).failures
    assert failures == (
        "ACTIVE_STANDBY: the orphan o is not deleted",
        "REVERTED in f: x",
    )


def test_a_deliberate_difference_excuses_only_itself_and_must_occur() -> None:
    excuse = Deliberate(
        "ACTIVE_STANDBY",
        "create_listener",
        "ListenersUpdate",
        "update",
        "r",
        "s",
    )
    bad = _result([MASTER, BACKUP, ORPHAN])
    assert judge("t", bad, _loop(), [excuse]).ok
    stale = judge("t", _result([MASTER, BACKUP]), _loop(), [excuse])
    assert stale.failures == (
        "deliberate difference no longer seen: "
        "ACTIVE_STANDBY / create_listener / ListenersUpdate / update",
    )


def test_every_deliberate_difference_is_recorded_in_the_spec() -> None:
    spec = Path(__file__).parents[2] / "specs/version20.0/amphora-sets.rst"
    text = " ".join(spec.read_text().split())
    for deliberate in DELIBERATE:
        assert " ".join(deliberate.spec.split()) in text, deliberate.key
