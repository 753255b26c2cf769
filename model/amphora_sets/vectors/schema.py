"""The JSON Schema every vector file follows (draft 2020-12)."""

from __future__ import annotations

from typing import Any

from amphora_sets.registry.statuses import AMPHORA_STATUSES
from amphora_sets.registry.vocabulary import SetKind

_IDS = {"type": "array", "items": {"$ref": "#/$defs/id"}}
_AMONG = {
    "description": "null: no restriction; else the ids to select among",
    "oneOf": [{"type": "null"}, _IDS],
}
_KIND = {"enum": [kind.value for kind in SetKind]}


def _object(**properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "required": sorted(properties),
        "additionalProperties": False,
        "properties": properties,
    }


def _family(name: str, case: dict[str, Any]) -> dict[str, Any]:
    return {
        "if": {"properties": {"family": {"const": name}}},
        "then": {"properties": {"cases": {"items": case}}},
    }


_SETS = _object(front=_IDS, back=_IDS, vrrp=_IDS)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "amphora-sets.vectors/1",
    "title": "amphora-sets conformance vectors",
    "$defs": {
        "id": {"type": "string", "minLength": 1},
        "amphora": _object(
            id={"$ref": "#/$defs/id"},
            role={
                "description": "null while the amphora holds no role yet",
                "type": ["string", "null"],
            },
            status={"enum": list(AMPHORA_STATUSES)},
        ),
        "load_balancer": _object(
            id={"$ref": "#/$defs/id"},
            topology={"type": "string", "minLength": 1},
            amphorae={"type": "array", "items": {"$ref": "#/$defs/amphora"}},
        ),
        "sets": _SETS,
    },
    **_object(
        format={"const": "amphora-sets.vectors/1"},
        family={"enum": ["sets", "selection", "delta", "lifecycle"]},
        description={"type": "string"},
        cases={"type": "array", "items": {"type": "object"}},
    ),
    "allOf": [
        _family(
            "sets",
            _object(
                name={"type": "string"},
                load_balancer={"$ref": "#/$defs/load_balancer"},
                expected={"$ref": "#/$defs/sets"},
            ),
        ),
        _family(
            "selection",
            _object(
                name={"type": "string"},
                load_balancer={"$ref": "#/$defs/load_balancer"},
                kind=_KIND,
                among=_AMONG,
                expected=_IDS,
            ),
        ),
        _family(
            "delta",
            _object(
                name={"type": "string"},
                old={"$ref": "#/$defs/load_balancer"},
                new={"$ref": "#/$defs/load_balancer"},
                kind=_KIND,
                among=_AMONG,
                expected=_object(added=_IDS, removed=_IDS),
            ),
        ),
        _family(
            "lifecycle",
            _object(
                name={"type": "string"},
                topology={"type": "string", "minLength": 1},
                steps={
                    "type": "array",
                    "items": _object(
                        operation={"type": "string"},
                        load_balancer={"$ref": "#/$defs/load_balancer"},
                        expected={"$ref": "#/$defs/sets"},
                    ),
                },
            ),
        ),
    ],
}
"""The schema of a vector file, whatever its family."""
