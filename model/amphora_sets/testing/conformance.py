"""Drive an implementation through load-balancer lifecycles, checking it.

:func:`run_conformance` is a Hypothesis state machine over the lifecycle
operations the ``OP-`` obligations describe: create, amphora failover,
scale out, scale in, delete, and housekeeping's purge of DELETED rows.
Operations move through the states Octavia passes through (a replacement
boots without a role, a failed or removed amphora is PENDING_DELETE
before it is DELETED).  After every state the implementation's sets,
selections and deltas are checked with :func:`assert_invariants`,
:func:`assert_selection` and :func:`assert_delta`.  A failure is the
shortest sequence Hypothesis finds, ending in the obligation IDs broken.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

import amphora_sets.lifecycle as lifecycle
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.lifecycle import Step
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Registry,
    Topology,
)
from amphora_sets.registry.vocabulary import SetKind
from amphora_sets.testing.checks import assert_invariants
from amphora_sets.testing.deltas import assert_delta
from amphora_sets.testing.implementation import Implementation
from amphora_sets.testing.report import ViolationError
from amphora_sets.testing.selection import assert_selection
from amphora_sets.testing.strategies import subsets
from amphora_sets.values import LoadBalancer

MAX_LIVE = 10
"""Scale out stops at this many amphorae that are not DELETED."""


class ConformanceFailure(ViolationError):
    """A check failed after a lifecycle step; names the step and IDs."""


def run_conformance(
    implementation: Implementation,
    *,
    topologies: Iterable[str | Topology] | None = None,
    max_examples: int = 50,
    steps: int = 12,
    registry: Registry = BUILTIN_REGISTRY,
) -> None:
    """Check ``implementation`` through lifecycle sequences.

    ``topologies`` restricts the topologies (names or Topology values of
    ``registry``; all by default).  ``max_examples`` sequences of up to
    ``steps`` operations are run.  Raises :class:`ConformanceFailure` (an
    AssertionError) for the shortest failing sequence, and
    AmphoraSetsError when the implementation raises or returns None.
    """
    names = tuple(
        registry.get(t if isinstance(t, str) else t.name).name
        for t in (topologies if topologies is not None else registry.names)
    )
    if not names:
        raise AmphoraSetsError("topologies", "must name at least one")
    machine = _machine(implementation, registry, names)
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=max_examples,
            stateful_step_count=steps,
            deadline=None,
            report_multiple_bugs=False,
            # Shrinking gives the shortest failing sequence; explaining
            # it line by line would cost more than the whole run.
            phases=[p for p in Phase if p is not Phase.explain],
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def _ask(field: str, call: Callable[..., Any], *args: Any) -> Any:
    """Call into the implementation; its errors become AmphoraSetsError."""
    try:
        result = call(*args)
    except (ViolationError, AmphoraSetsError):
        raise
    except Exception as exc:
        raise AmphoraSetsError(
            field, f"the implementation raised {type(exc).__name__}: {exc}"
        ) from exc
    if result is None:
        raise AmphoraSetsError(field, "the implementation returned None")
    return result


@dataclasses.dataclass(frozen=True)
class _State:
    lb: LoadBalancer
    built: Any


def _machine(
    implementation: Implementation, registry: Registry, names: tuple[str, ...]
) -> type[RuleBasedStateMachine]:
    class Lifecycle(RuleBasedStateMachine):
        """Lifecycles of one load balancer against ``implementation``."""

        def __init__(self) -> None:
            super().__init__()
            self.state: _State | None = None
            self.serial = 0
            self.deleted = False

        # -- moving the reference model, checking every state ----------

        def _fresh_id(self) -> str:
            self.serial += 1
            return f"amp-{self.serial}"

        @property
        def lb(self) -> LoadBalancer:
            assert self.state is not None
            return self.state.lb

        def _walk(self, data: st.DataObject, steps: list[Step]) -> None:
            for step in steps:
                new = _State(
                    step.lb, _ask("build", implementation.build, step.lb)
                )
                try:
                    self._check(data, self.state, new)
                except ViolationError as failed:
                    raise ConformanceFailure(
                        f"after {step.name} of {step.lb.id!r}",
                        failed.violations,
                    ) from None
                self.state = new

        def _check(
            self, data: st.DataObject, old: _State | None, new: _State
        ) -> None:
            lb = new.lb
            sets = {
                kind.value: _ask(
                    kind.value, implementation.members, new.built, kind
                )
                for kind in SetKind
            }
            # lb holds registry already: the checks read it from there.
            assert_invariants(lb, **sets)
            # One subset per state keeps failing sequences quick to shrink.
            among = data.draw(subsets(lb) | st.none(), label="among")
            for kind in SetKind:
                selected = _ask(
                    "selected", implementation.select, new.built, kind, among
                )
                assert_selection(lb, kind, among=among, selected=selected)
                if old is None:
                    continue
                added, removed = _ask(
                    "delta",
                    implementation.delta,
                    old.built,
                    new.built,
                    kind,
                    among,
                )
                assert_delta(
                    old.lb,
                    lb,
                    kind,
                    added=added,
                    removed=removed,
                    among=among,
                )

        # -- the operations -------------------------------------------

        @initialize(topology=st.sampled_from(names), data=st.data())
        def create(self, topology: str, data: st.DataObject) -> None:
            """OP-CREATE: the minimum of every role, ALLOCATED."""
            ids = iter(self._fresh_id, None)
            self._walk(
                data, [lifecycle.create("lb-1", topology, ids, registry)]
            )

        @precondition(lambda self: not self.deleted)
        @rule(data=st.data())
        def failover(self, data: st.DataObject) -> None:
            """OP-FAILOVER-WINDOW, then OP-FAILOVER-DONE."""
            candidates = lifecycle.seated(self.lb, self.lb.table.roles)
            if candidates:
                failed = data.draw(st.sampled_from(candidates), label="failed")
                steps = lifecycle.failover(self.lb, failed, self._fresh_id())
                self._walk(data, steps)

        @precondition(lambda self: not self.deleted)
        @rule(data=st.data())
        def scale_out(self, data: st.DataObject) -> None:
            """OP-SCALE-OUT: a new amphora of a scalable role."""
            roles = lifecycle.scalable_roles(self.lb, grow=True)
            if roles and sum(a.live for a in self.lb.amphorae) < MAX_LIVE:
                role = data.draw(st.sampled_from(roles), label="role")
                steps = lifecycle.scale_out(self.lb, role, self._fresh_id())
                self._walk(data, steps)

        @precondition(lambda self: not self.deleted)
        @rule(data=st.data())
        def scale_in(self, data: st.DataObject) -> None:
            """OP-SCALE-IN: PENDING_DELETE, then DELETED."""
            roles = lifecycle.scalable_roles(self.lb, grow=False)
            candidates = lifecycle.seated(self.lb, roles)
            if candidates:
                gone = data.draw(st.sampled_from(candidates), label="removed")
                self._walk(data, lifecycle.scale_in(self.lb, gone))

        @precondition(lambda self: not self.deleted)
        @rule(data=st.data())
        def delete(self, data: st.DataObject) -> None:
            """OP-DELETE: every amphora DELETED."""
            self._walk(data, lifecycle.delete(self.lb))
            self.deleted = True

        @rule(data=st.data())
        def purge(self, data: st.DataObject) -> None:
            """Housekeeping drops DELETED rows: no set changes."""
            self._walk(data, lifecycle.purge(self.lb))

    Lifecycle.__name__ = Lifecycle.__qualname__ = "Lifecycle"
    return Lifecycle
