"""Mismatches on unpatched Octavia that the design makes on purpose.

Each is a behaviour the sets change deliberately, with its reason and
the words of the spec that record it (a test finds them there), so
that the trace of Octavia 19.0.0 passes only with exactly these
differences.  A listed difference that no longer occurs fails the trace
too: the list cannot go stale.
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Deliberate:
    """A traced difference between Octavia today and the model, kept."""

    topology: str
    flow: str
    task: str
    method: str
    reason: str
    spec: str
    """Words of the spec's sentence that records the change."""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The observation key it excuses."""
        return (self.topology, self.flow, self.task, self.method)


DELIBERATE: tuple[Deliberate, ...] = (
    Deliberate(
        topology="ACTIVE_STANDBY",
        flow="failover_loadbalancer(orphan)",
        task="AmphoraVRRPUpdate",
        method="update_vrrp_conf[peers]",
        reason=(
            "Octavia 19.0.0 lists every ALLOCATED amphora of the load "
            "balancer as a keepalived peer, role or not, so an orphan left "
            "by a crash between allocation and role assignment becomes a "
            "VRRP peer of the first replacement amphora.  Under the sets the "
            "peers are the VRRP set, which holds no role-less amphora: the "
            "orphan is never a peer, and load-balancer failover deletes it "
            "as it does today."
        ),
        spec=(
            "lists every other ALLOCATED amphora as a VRRP peer, orphans "
            "included; it will list only the other VRRP-running amphorae."
        ),
    ),
)
"""The deliberate differences on unpatched Octavia 19.0.0."""
