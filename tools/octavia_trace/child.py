"""Run every scenario on one Octavia tree in this process; write JSON.

Run as ``python -m octavia_trace.child OUT.json`` with the tree to trace
first on ``sys.path`` (the installed Octavia 19.0.0, or a patched copy).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from octavia_trace import api, config, db, determinism, recording, scenarios

SEED = 13


class LogProblems(logging.Handler):
    """Keeps every ERROR record and every record saying "Skipping"."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.flow = ""
        self.problems: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR or "Skipping" in message:
            self.problems.append(
                {
                    "flow": self.flow,
                    "kind": record.levelname,
                    "detail": message.splitlines()[0][:300],
                }
            )


def redirect_noop_databases(run_dir: Path) -> None:
    """Point the compute and network noop drivers' hard-coded
    ``/tmp/octavia-network-noop.db`` at a file of this run."""
    import sqlalchemy
    from octavia.compute.drivers.noop_driver import driver as compute
    from octavia.network.drivers.noop_driver import driver as network

    url = f"sqlite:///{run_dir / 'network-noop.db'}"
    for module in (compute, network):
        module.create_engine = lambda _url, **kw: sqlalchemy.create_engine(
            url, **kw
        )


def close_noop_stats_sessions() -> None:
    """Commit and close the session the noop amphora driver's stats write
    opens and leaves open, which would lock SQLite for every later task."""
    from octavia.amphorae.drivers.noop_driver import driver

    real = driver.db_apis

    class Sessions:
        def __init__(self) -> None:
            self.opened: list[Any] = []

        def get_session(self, *args: Any, **kwargs: Any) -> Any:
            session = real.get_session(*args, **kwargs)
            self.opened.append(session)
            return session

    update = driver.NoopManager.update_amphora_listeners

    def update_and_close(self, *args: Any, **kwargs: Any) -> Any:
        sessions = Sessions()
        driver.db_apis = sessions
        try:
            return update(self, *args, **kwargs)
        finally:
            driver.db_apis = real
            for session in sessions.opened:
                session.commit()
                session.close()

    driver.NoopManager.update_amphora_listeners = update_and_close


def distinct_vrrp_addresses() -> None:
    """Give each amphora its own VRRP address from the noop network driver.

    The noop driver answers every ``plug_aap_port`` with 198.51.100.1
    (also its VIP address) and gives every new port 198.51.100.56, where
    Neutron gives each amphora's VRRP port its own address; the
    keepalived template tells peers apart by that address.
    """
    from octavia.network.drivers.noop_driver import driver

    plug = driver.NoopManager.plug_aap_port
    create_port = driver.NoopManager.create_port
    addresses: dict[str, str] = {}

    def address_for(key: str) -> str:
        return addresses.setdefault(key, f"198.18.0.{len(addresses) + 1}")

    def plug_with_own_address(self, load_balancer, vip, amphora, subnet):
        plugged = plug(self, load_balancer, vip, amphora, subnet)
        plugged.vrrp_ip = address_for(amphora.id)
        return plugged

    def create_port_with_own_address(self, *args, **kwargs):
        port = create_port(self, *args, **kwargs)
        for fixed_ip in port.fixed_ips:
            if fixed_ip.ip_address == "198.51.100.56":
                fixed_ip.ip_address = address_for(port.id)
        return port

    driver.NoopManager.plug_aap_port = plug_with_own_address
    driver.NoopManager.create_port = create_port_with_own_address


def watch_reverts(problems: LogProblems) -> None:
    """Note every flow that ends REVERTED or FAILURE."""
    from octavia.common import base_taskflow
    from taskflow import states

    load = base_taskflow.BaseTaskFlowEngine.taskflow_load

    def load_and_watch(self, flow, **kwargs):
        engine = load(self, flow, **kwargs)

        def on_flow(state, details):
            if state in (states.REVERTED, states.FAILURE):
                problems.problems.append(
                    {
                        "flow": problems.flow,
                        "kind": state,
                        "detail": details.get("flow_name", ""),
                    }
                )

        engine.notifier.register(states.REVERTED, on_flow)
        engine.notifier.register(states.FAILURE, on_flow)
        return engine

    base_taskflow.BaseTaskFlowEngine.taskflow_load = load_and_watch


def lb_state(lb_id: str) -> list[recording.Touch]:
    """Every amphora row of the load balancer now, DELETED ones included."""
    return [recording.touch_of(amp) for amp in api.amphorae(lb_id)]


def driver_classes() -> dict[str, type]:
    """The noop driver classes whose public methods are recorded."""
    from octavia.amphorae.drivers.noop_driver import driver as amphora
    from octavia.compute.drivers.noop_driver import driver as compute
    from octavia.network.drivers.noop_driver import driver as network

    return {
        "amphora": amphora.NoopAmphoraLoadBalancerDriver,
        "compute": compute.NoopComputeDriver,
        "network": network.NoopNetworkDriver,
    }


def run(out: Path) -> None:
    """Run the scenarios and write the calls and problems to ``out``."""
    determinism.seed_uuids(SEED)
    random.seed(SEED)
    with tempfile.TemporaryDirectory(prefix="octavia-trace-") as tmp:
        run_dir = Path(tmp)
        config.configure(run_dir)
        problems = LogProblems()
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        root.addHandler(problems)
        logging.getLogger("octavia").setLevel(logging.DEBUG)
        determinism.order_ready_tasks()
        redirect_noop_databases(run_dir)
        close_noop_stats_sessions()
        distinct_vrrp_addresses()
        watch_reverts(problems)
        db.create_schema()
        recorder = recording.Recorder(lb_state)
        recorder.install(driver_classes())

        from octavia.controller.worker.v2 import controller_worker

        worker = controller_worker.ControllerWorker()
        result: dict[str, Any] = {"octavia": octavia_location(), "runs": {}}
        for topology, steps in scenarios.SCENARIOS.items():
            ids: dict[str, str] = {}
            start = len(recorder.calls)
            for step in steps:
                recorder.flow = problems.flow = f"{topology} {step.flow}"
                step.run(worker, ids)
            result["runs"][topology] = {
                "calls": [
                    dataclasses.asdict(call) for call in recorder.calls[start:]
                ],
                "final": [
                    dataclasses.asdict(touch) for touch in lb_state(ids["lb"])
                ],
                "orphan": ids.get("orphan"),
            }
        result["problems"] = problems.problems + recorder.problems
    out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")


def octavia_location() -> str:
    """Where the traced ``octavia`` package was imported from."""
    import octavia

    return str(Path(octavia.__file__).parent)


if __name__ == "__main__":
    run(Path(sys.argv[1]))
