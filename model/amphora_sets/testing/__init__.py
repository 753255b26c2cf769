"""Helpers for tests of implementations of the amphora sets.

- :mod:`~amphora_sets.testing.checks`: one load balancer's three sets
  against the set invariants (``INV-``, ``BC-``);
- :mod:`~amphora_sets.testing.selection`: a selector's answer for a
  subset (``SEL-``);
- :mod:`~amphora_sets.testing.deltas`: a grow/shrink delta (``DELTA-``);
- :mod:`~amphora_sets.testing.conformance`: an implementation driven
  through lifecycles (``OP-``), checked with all of the above after every
  step, through the adapter in :mod:`~amphora_sets.testing.implementation`;
- :mod:`~amphora_sets.testing.plumbing`: a port and rule inventory
  (``SEC-``) and a plumbing plan (``PLAN-``);
- :mod:`~amphora_sets.testing.strategies`: Hypothesis strategies for load
  balancers, subsets and changes, rendered as Octavia dicts or objects.

Every violation names its obligation ID, the one the proofs use.  This
package imports only Hypothesis and :mod:`amphora_sets`, never Z3.
"""

from amphora_sets.testing.checks import (
    CHECKS,
    assert_invariants,
    reference_sets,
    violations,
)
from amphora_sets.testing.conformance import (
    ConformanceFailure,
    run_conformance,
)
from amphora_sets.testing.deltas import assert_delta, delta_violations
from amphora_sets.testing.implementation import Implementation, OctaviaStyle
from amphora_sets.testing.plumbing import (
    PlumbingViolation,
    assert_inventory,
    assert_plan,
    inventory_violations,
    plan_violations,
)
from amphora_sets.testing.report import (
    DeltaViolation,
    InvariantViolation,
    SelectionViolation,
    Violation,
    ViolationError,
)
from amphora_sets.testing.selection import (
    assert_selection,
    selection_violations,
)
from amphora_sets.testing.strategies import (
    among_forms,
    amphora,
    amphora_ids,
    amphorae,
    as_attribute_object,
    as_octavia_dict,
    load_balancer_ids,
    load_balancer_pairs,
    load_balancers,
    subset_ids,
    subsets,
    topologies,
)

__all__ = [
    "CHECKS",
    "ConformanceFailure",
    "DeltaViolation",
    "Implementation",
    "InvariantViolation",
    "OctaviaStyle",
    "PlumbingViolation",
    "SelectionViolation",
    "Violation",
    "ViolationError",
    "among_forms",
    "amphora",
    "amphora_ids",
    "amphorae",
    "as_attribute_object",
    "as_octavia_dict",
    "assert_delta",
    "assert_invariants",
    "assert_inventory",
    "assert_plan",
    "assert_selection",
    "delta_violations",
    "inventory_violations",
    "load_balancer_ids",
    "load_balancer_pairs",
    "load_balancers",
    "plan_violations",
    "reference_sets",
    "run_conformance",
    "selection_violations",
    "subset_ids",
    "subsets",
    "topologies",
    "violations",
]
