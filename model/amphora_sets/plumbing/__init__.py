"""Network plumbing derived from the sets, and minimal change plans.

:func:`plumbing_of` says which ports, security-group rules and
configuration entries each amphora of a load balancer gets, following the
registry's plumbing table; :func:`plan` gives the per-amphora operations
that take one version's plumbing to the next, built from the set deltas;
:func:`apply_plan` applies them.
"""

from amphora_sets.plumbing.inventory import Fact, Plumbing, plumbing_of
from amphora_sets.plumbing.plan import Operation, Plan, apply_plan, plan
from amphora_sets.plumbing.wiring import Wiring
from amphora_sets.registry.plumbing import Action, Resource

__all__ = [
    "Action",
    "Fact",
    "Operation",
    "Plan",
    "Plumbing",
    "Resource",
    "Wiring",
    "apply_plan",
    "plan",
    "plumbing_of",
]
