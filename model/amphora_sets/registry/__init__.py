"""Data only: topologies, the status rule and the obligation catalogue."""

from amphora_sets.registry.obligations import (
    OBLIGATIONS,
    Obligation,
    Subject,
    applicable,
)
from amphora_sets.registry.statuses import (
    AMPHORA_STATUSES,
    LIVE_STATUSES,
    SEATED_STATUSES,
    STATUS_RULES,
    is_live,
    is_seated,
)
from amphora_sets.registry.toml_file import load_registry, parse_topologies
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Cardinality,
    Registry,
    RoleRow,
    Topology,
)
from amphora_sets.registry.vocabulary import SetKind

__all__ = [
    "AMPHORA_STATUSES",
    "BUILTIN_REGISTRY",
    "LIVE_STATUSES",
    "OBLIGATIONS",
    "SEATED_STATUSES",
    "STATUS_RULES",
    "Cardinality",
    "Obligation",
    "Registry",
    "RoleRow",
    "SetKind",
    "Subject",
    "Topology",
    "applicable",
    "is_live",
    "is_seated",
    "load_registry",
    "parse_topologies",
]
