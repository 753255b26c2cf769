"""Load extra topologies from a TOML file.

The format, one table per topology and one inline table per role::

    [topologies.ACTIVE_ACTIVE_L3]
    description = "BGP/ECMP distribution; no VRRP."
    roles.IN_CLUSTER = { sets = ["front", "back"], min = 1 }

    [topologies.ACTIVE_ACTIVE_N_PLUS_1]
    roles.MASTER = { sets = ["front", "vrrp"], min = 1, max = 1 }
    roles.BACKUP = { sets = ["front", "vrrp"], min = 1, max = 1 }
    roles.IN_CLUSTER = { sets = ["front", "back"], min = 2 }
    roles.IN_CLUSTER_STANDBY = { sets = ["front", "back"], min = 1, max = 1 }

``lb_failover_roles``, optional, lists roles in the order load-balancer
failover gives them to replacement amphorae (table order if missing), for
example ``lb_failover_roles = ["BACKUP", "MASTER"]``.

A topology declares the claims it makes beyond those every topology
makes: ``like = "ACTIVE_STANDBY"`` takes on every claim the named
registered topology declares (including behaving as it does in Octavia
today), and ``claims = ["INV-AA-DISTRIBUTORS-FRONT-ONLY"]`` lists more by
ID.

``sets`` lists any of ``front``, ``back``, ``vrrp``, each at most once;
``min`` defaults to 0 and a missing ``max`` means no upper bound; both are
whole numbers from 0 to 1000.  Topology and role names are
upper-case identifiers, as Octavia spells them, and a role may not be named
after an amphora status.  A description may not hold control characters
other than tab and newline.  Every error names the key.

Limits: a file is a regular file of at most 1 MiB, nested at most 10 deep
(see :mod:`~amphora_sets.registry.file_limits`); a topology has at most
:data:`MAX_ROLES` roles and a registry at most :data:`MAX_TOPOLOGIES`
topologies.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.file_limits import check_shape, read_text
from amphora_sets.registry.obligations import DECLARABLE
from amphora_sets.registry.printable import (
    DESCRIPTION_WHITESPACE,
    first_unprintable,
)
from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.topologies import (
    BUILTIN_REGISTRY,
    Cardinality,
    Registry,
    RoleRow,
    Topology,
    failover_order_problem,
)
from amphora_sets.registry.vocabulary import SetKind

_NAME = re.compile(r"[A-Z][A-Z0-9_]*\Z")
_SET_NAMES = {kind.value: kind for kind in SetKind}
MAX_ROLE_COUNT = 1000
"""The largest ``min`` or ``max`` a file may give: far beyond any real load
balancer, and small enough that a counterexample stays printable."""
MAX_ROLES = 256
"""The most roles one topology may declare."""
MAX_TOPOLOGIES = 32
"""The most topologies a registry may hold, built-ins included."""
_TOPOLOGY_KEYS = frozenset(
    {"claims", "description", "lb_failover_roles", "like", "roles"}
)
_ROLE_KEYS = frozenset({"sets", "min", "max"})


def load_registry(
    path: str | Path, base: Registry = BUILTIN_REGISTRY
) -> Registry:
    """``base`` extended with the topologies declared in the file ``path``."""
    source = str(path)
    topologies = parse_topologies(
        read_text(path, source), source=source, base=base
    )
    for topology in topologies:
        if topology.name in base:
            raise AmphoraSetsError(
                f"topologies.{topology.name}",
                "is already a registered topology",
                source=source,
            )
    total = len(base.names) + len(topologies)
    if total > MAX_TOPOLOGIES:
        raise AmphoraSetsError(
            "topologies",
            f"would make {total} topologies in all, more than the limit "
            f"of {MAX_TOPOLOGIES}",
            source=source,
        )
    return base.extended(topologies)


def parse_topologies(
    text: str, source: str = "<string>", base: Registry = BUILTIN_REGISTRY
) -> list[Topology]:
    """The topologies declared in TOML ``text``; ``like`` names a topology
    of ``base``."""
    check_shape(text, source)
    try:
        document = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError, or an integer too long
        raise AmphoraSetsError(
            "topology-file", f"invalid TOML: {exc}", source=source
        ) from None
    _reject_unknown(document, frozenset({"topologies"}), "", source)
    tables = _table(document.get("topologies"), "topologies", source)
    if not tables:
        raise AmphoraSetsError(
            "topologies", "declares no topology", source=source
        )
    if len(tables) > MAX_TOPOLOGIES:
        raise AmphoraSetsError(
            "topologies",
            f"declares {len(tables)} topologies, more than the limit of "
            f"{MAX_TOPOLOGIES}",
            source=source,
        )
    return [
        _topology(name, body, f"topologies.{name}", source, base)
        for name, body in tables.items()
    ]


def _topology(
    name: str, body: Any, key: str, source: str, base: Registry
) -> Topology:
    _check_name(name, key, source)
    body = _table(body, key, source)
    _reject_unknown(body, _TOPOLOGY_KEYS, key, source)
    description = body.get("description", "")
    if not isinstance(description, str):
        raise AmphoraSetsError(
            f"{key}.description", "must be a string", source=source
        )
    bad = first_unprintable(description, DESCRIPTION_WHITESPACE)
    if bad >= 0:
        raise AmphoraSetsError(
            f"{key}.description",
            f"holds the control character {description[bad]!r} "
            f"at position {bad}",
            source=source,
        )
    roles = _table(body.get("roles"), f"{key}.roles", source)
    if not roles:
        raise AmphoraSetsError(
            f"{key}.roles", "declares no role", source=source
        )
    if len(roles) > MAX_ROLES:
        raise AmphoraSetsError(
            f"{key}.roles",
            f"declares {len(roles)} roles, more than the limit of {MAX_ROLES}",
            source=source,
        )
    rows = tuple(
        _role(role, spec, f"{key}.roles.{role}", source)
        for role, spec in roles.items()
    )
    order = _failover_order(body, tuple(roles), key, source)
    claims, legacy = _intent(body, key, source, base)
    return Topology(
        name, rows, description, order, claims=claims, legacy=legacy
    )


def _failover_order(
    body: dict[str, Any], roles: tuple[str, ...], key: str, source: str
) -> tuple[str, ...] | None:
    key = f"{key}.lb_failover_roles"
    order = body.get("lb_failover_roles")
    if order is None:
        return None
    if not isinstance(order, list) or not all(
        isinstance(role, str) for role in order
    ):
        raise AmphoraSetsError(
            key, "must be a list of role names", source=source
        )
    problem = failover_order_problem(roles, tuple(order))
    if problem:
        raise AmphoraSetsError(key, problem, source=source)
    return tuple(order)


def _intent(
    body: dict[str, Any], key: str, source: str, base: Registry
) -> tuple[frozenset[str], str | None]:
    """The claims and legacy topology that ``like`` and ``claims`` declare."""
    claims: set[str] = set()
    legacy = None
    if "like" in body:
        like = body["like"]
        if not isinstance(like, str) or like not in base:
            raise AmphoraSetsError(
                f"{key}.like",
                f"must name a registered topology "
                f"({', '.join(base.names)}), not {like!r}",
                source=source,
            )
        claims.update(base.get(like).claims)
        legacy = base.get(like).legacy
    listed = body.get("claims", [])
    if not isinstance(listed, list):
        raise AmphoraSetsError(
            f"{key}.claims", "must be a list of obligation IDs", source=source
        )
    for index, claim in enumerate(listed):
        if not isinstance(claim, str) or claim not in DECLARABLE:
            raise AmphoraSetsError(
                f"{key}.claims[{index}]",
                f"{claim!r} is not a claim a topology can declare "
                f"(expected one of {', '.join(sorted(DECLARABLE))})",
                source=source,
            )
        if listed.index(claim) != index:
            raise AmphoraSetsError(
                f"{key}.claims[{index}]",
                f"{claim!r} is listed twice",
                source=source,
            )
        claims.add(claim)
    return frozenset(claims), legacy


def _role(role: str, spec: Any, key: str, source: str) -> RoleRow:
    _check_name(role, key, source)
    if role in AMPHORA_STATUSES:
        raise AmphoraSetsError(
            key,
            f"{role!r} is an amphora status, not a role name",
            source=source,
        )
    spec = _table(spec, key, source)
    _reject_unknown(spec, _ROLE_KEYS, key, source)
    if "sets" not in spec:
        raise AmphoraSetsError(f"{key}.sets", "is missing", source=source)
    names = spec["sets"]
    if not isinstance(names, list):
        raise AmphoraSetsError(
            f"{key}.sets", "must be a list of set names", source=source
        )
    sets = set()
    for index, set_name in enumerate(names):
        if not isinstance(set_name, str) or set_name not in _SET_NAMES:
            raise AmphoraSetsError(
                f"{key}.sets[{index}]",
                f"unknown set {set_name!r} "
                f"(expected one of {', '.join(_SET_NAMES)})",
                source=source,
            )
        if _SET_NAMES[set_name] in sets:
            raise AmphoraSetsError(
                f"{key}.sets[{index}]",
                f"{set_name!r} is listed twice",
                source=source,
            )
        sets.add(_SET_NAMES[set_name])
    minimum = _count(spec.get("min", 0), f"{key}.min", source)
    maximum = spec.get("max")
    if maximum is not None:
        maximum = _count(maximum, f"{key}.max", source)
        if maximum < minimum:
            raise AmphoraSetsError(
                f"{key}.max",
                f"{maximum} is below min {minimum}",
                source=source,
            )
    return RoleRow(role, frozenset(sets), Cardinality(minimum, maximum))


def _table(value: Any, key: str, source: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise AmphoraSetsError(key, "must be a table", source=source)
    return value


def _reject_unknown(
    table: dict[str, Any], allowed: frozenset[str], key: str, source: str
) -> None:
    for name in table:
        if name not in allowed:
            raise AmphoraSetsError(
                f"{key}.{name}" if key else name,
                f"unknown key (expected one of {', '.join(sorted(allowed))})",
                source=source,
            )


def _check_name(name: str, key: str, source: str) -> None:
    if not _NAME.match(name):
        raise AmphoraSetsError(
            key,
            f"{name!r} is not an upper-case identifier like IN_CLUSTER",
            source=source,
        )


def _count(value: Any, key: str, source: str) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not 0 <= value <= MAX_ROLE_COUNT
    ):
        raise AmphoraSetsError(
            key,
            f"must be a whole number from 0 to {MAX_ROLE_COUNT}, "
            f"not {value!r}",
            source=source,
        )
    return value
