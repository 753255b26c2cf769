"""amphora_sets: the front-facing, back-facing and VRRP amphora sets.

The reference model of splitting an Octavia load balancer's amphorae into
three overlapping sets.  This package imports only the standard library;
the Z3 proofs live in :mod:`amphora_sets.solver` and the checks and
Hypothesis strategies for implementation tests in
:mod:`amphora_sets.testing`.
"""

from amphora_sets.adapter import amphora_from, load_balancer_from
from amphora_sets.delta import Delta, amphora_delta
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry import (
    BUILTIN_REGISTRY,
    OBLIGATIONS,
    Registry,
    SetKind,
    Topology,
    load_registry,
)
from amphora_sets.values import Among, Amphora, LoadBalancer, is_allocated

__all__ = [
    "BUILTIN_REGISTRY",
    "OBLIGATIONS",
    "Among",
    "Amphora",
    "AmphoraSetsError",
    "Delta",
    "LoadBalancer",
    "Registry",
    "SetKind",
    "Topology",
    "amphora_delta",
    "amphora_from",
    "is_allocated",
    "load_balancer_from",
    "load_registry",
]

__version__ = "0.1.0"
