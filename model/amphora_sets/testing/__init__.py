"""Helpers for tests of implementations of the amphora sets.

:mod:`amphora_sets.testing.checks` checks one load balancer's three sets
(the reference model's, or those an implementation computed) against the
set invariants, and names each violation by its obligation ID.

:mod:`amphora_sets.testing.strategies` holds Hypothesis strategies that
generate valid load balancers, ``among=`` subsets and before/after pairs,
and render load balancers the way Octavia hands them around (v2 flow
dicts and attribute objects).  This package never imports Z3.
"""

from amphora_sets.testing.checks import (
    CHECKS,
    InvariantViolation,
    Violation,
    assert_invariants,
    violations,
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
    "InvariantViolation",
    "Violation",
    "among_forms",
    "amphora",
    "amphora_ids",
    "amphorae",
    "as_attribute_object",
    "as_octavia_dict",
    "assert_invariants",
    "load_balancer_ids",
    "load_balancer_pairs",
    "load_balancers",
    "subset_ids",
    "subsets",
    "topologies",
    "violations",
]
