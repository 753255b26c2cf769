"""Record every driver call: calling task, amphorae passed, amphorae touched.

The noop drivers keep their own call records in dicts keyed so that later
calls overwrite earlier ones, so the harness wraps the driver classes'
public methods instead.  Each call records the task that made it and the
amphorae it names, with their role and status at call time; a
load-balancer-level call also records the amphorae the real driver would
touch (see :mod:`octavia_trace.replay`).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import sys
from collections.abc import Callable
from typing import Any

from octavia_trace import replay


@dataclasses.dataclass(frozen=True)
class Touch:
    """An amphora as a call saw it."""

    id: str
    role: str | None
    status: str


@dataclasses.dataclass
class Call:
    """One driver call."""

    flow: str
    task: str
    atom: str
    driver: str
    method: str
    passed: list[Touch]
    touched: list[Touch]
    load_balancer: str | None
    state: list[Touch]
    lb_level: bool


class Recorder:
    """Wraps the noop driver classes and collects :class:`Call` records."""

    def __init__(self, state_of: Callable[[str], list[Touch]]) -> None:
        self.calls: list[Call] = []
        self.problems: list[dict] = []
        self.flow = ""
        self._state_of = state_of

    def install(self, driver_classes: dict[str, type]) -> None:
        """Wrap each public method each class defines itself."""
        for driver, cls in driver_classes.items():
            for name, member in vars(cls).items():
                if name.startswith("_") or not inspect.isfunction(member):
                    continue
                setattr(cls, name, self._wrap(driver, name, member))

    def _wrap(self, driver: str, name: str, method: Callable) -> Callable:
        signature = inspect.signature(method)

        @functools.wraps(method)
        def recorded(instance: Any, *args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(instance, *args, **kwargs)
            self._record(driver, name, dict(bound.arguments))
            return method(instance, *args, **kwargs)

        return recorded

    def _record(self, driver: str, method: str, arguments: dict) -> None:
        task, atom = calling_task()
        passed = [touch_of(value) for value in amphora_arguments(arguments)]
        passed += [
            self._by_compute_id(arguments["compute_id"])
            for key in ("compute_id",)
            if arguments.get(key)
        ]
        passed = [touch for touch in passed if touch is not None]
        lb_id = load_balancer_id(arguments, passed, self._lb_of)
        try:
            aspects = replay.touched(driver, method, arguments)
        except Exception as exc:  # reported below, never raised
            self.problems.append(
                {
                    "flow": self.flow,
                    "kind": "replay",
                    "detail": f"{driver}.{method} in {task}: {exc!r}",
                }
            )
            aspects = None
        state = self._state_of(lb_id) if lb_id else []
        for aspect, amphorae in (aspects or {"": None}).items():
            self.calls.append(
                Call(
                    flow=self.flow,
                    task=task,
                    atom=atom,
                    driver=driver,
                    method=f"{method}[{aspect}]" if aspect else method,
                    passed=passed,
                    touched=passed
                    if amphorae is None
                    else [touch_of(amp) for amp in amphorae],
                    load_balancer=lb_id,
                    state=state,
                    lb_level=amphorae is not None,
                )
            )

    def _by_compute_id(self, compute_id: str) -> Touch | None:
        from octavia.db import models

        from octavia_trace import db

        session = db.session_scope()
        with session.begin():
            row = (
                session.query(models.Amphora)
                .filter_by(compute_id=compute_id)
                .first()
            )
            return None if row is None else touch_of(row)

    def _lb_of(self, amphora_id: str) -> str | None:
        from octavia.db import models

        from octavia_trace import db

        session = db.session_scope()
        with session.begin():
            row = session.get(models.Amphora, amphora_id)
            return None if row is None else row.load_balancer_id


def calling_task() -> tuple[str, str]:
    """Who made the call: the TaskFlow tasks on the stack, outermost
    first and joined by " > " (a task may run another task's ``execute``
    inside its own), with the innermost atom's name; or else the nearest
    controller-worker function."""
    from taskflow import atom

    frame = sys._getframe(2)
    worker = ""
    tasks: list[str] = []
    name = ""
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, atom.Atom):
            task = type(candidate).__name__
            if not tasks or tasks[0] != task:
                tasks.insert(0, task)
            name = name or candidate.name
        code = frame.f_code
        if not worker and code.co_filename.endswith("controller_worker.py"):
            worker = f"ControllerWorker.{code.co_name}"
        frame = frame.f_back
    if tasks:
        return " > ".join(tasks), name
    return worker, ""


def is_amphora(value: Any) -> bool:
    """True for an Octavia amphora object (data model or row)."""
    return all(
        hasattr(value, field)
        for field in ("id", "role", "status", "lb_network_ip", "compute_id")
    )


def amphora_arguments(arguments: dict) -> list[Any]:
    """The amphorae passed as arguments (``amphora``, ``amp``...)."""
    found = []
    for value in arguments.values():
        if is_amphora(value):
            found.append(value)
    return found


def touch_of(amphora: Any) -> Touch:
    """The amphora's id, role and status now."""
    return Touch(str(amphora.id), amphora.role, str(amphora.status))


def load_balancer_id(
    arguments: dict, passed: list[Touch], lb_of: Callable
) -> str | None:
    """The load balancer a call is about, from its arguments."""
    for key in ("loadbalancer", "load_balancer"):
        value = arguments.get(key)
        if value is not None and hasattr(value, "id"):
            return str(value.id)
    listener = arguments.get("listener")
    if listener is not None and hasattr(listener, "load_balancer"):
        return str(listener.load_balancer.id)
    vip = arguments.get("vip")
    if vip is not None and getattr(vip, "load_balancer_id", None):
        return str(vip.load_balancer_id)
    for touch in passed:
        owner = lb_of(touch.id)
        if owner:
            return owner
    return None
