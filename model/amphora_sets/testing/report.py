"""What a failed check reports: violations by obligation ID, compactly.

Failure output names load balancers by a one-line summary of their
amphorae, never by their registry, so a Hypothesis failure stays short.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from amphora_sets.values import Amphora, LoadBalancer

SHOWN_AMPHORAE = 12
"""A summary lists at most this many amphorae, then how many more."""


@dataclasses.dataclass(frozen=True)
class Violation:
    """One broken obligation, and the amphora that breaks it if any."""

    obligation_id: str
    message: str
    amphora_id: str | None = None

    def __str__(self) -> str:
        where = f"amphora {self.amphora_id!r}: " if self.amphora_id else ""
        return f"{self.obligation_id}: {where}{self.message}"


def who(amphora: Amphora) -> str:
    """An amphora's real role and status, for messages."""
    role = amphora.role if amphora.assigned else "no role yet"
    return f"{role}, {amphora.status}"


def summary(lb: LoadBalancer) -> str:
    """``lb`` on one line: id, topology and each amphora's role/status."""
    shown = [
        f"{a.id}={a.role or '-'}/{a.status}"
        for a in lb.amphorae[:SHOWN_AMPHORAE]
    ]
    more = len(lb.amphorae) - SHOWN_AMPHORAE
    if more > 0:
        shown.append(f"... {more} more")
    return f"{lb.id!r} {lb.topology} [{', '.join(shown)}]"


class ViolationError(AssertionError):
    """Raised by the ``assert_*`` checks; ``violations`` lists them all."""

    def __init__(self, subject: str, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        lines = "\n".join(f"  {v}" for v in self.violations)
        super().__init__(f"{subject} breaks:\n{lines}")


class InvariantViolation(ViolationError):
    """Raised by :func:`~amphora_sets.testing.assert_invariants`."""


class SelectionViolation(ViolationError):
    """Raised by :func:`~amphora_sets.testing.assert_selection`."""


class DeltaViolation(ViolationError):
    """Raised by :func:`~amphora_sets.testing.assert_delta`."""
