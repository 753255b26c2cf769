"""Writing the vector files, their schema and a README to a directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.topologies import BUILTIN_REGISTRY, Registry
from amphora_sets.vectors.cases import FAMILIES, FORMAT, family_document
from amphora_sets.vectors.schema import SCHEMA

README = f"""\
amphora-sets conformance vectors ({FORMAT})
==========================================

Cases computed by the reference model, for implementations of the three
amphora sets in any language.  One JSON file per family; each follows
schema.json (JSON Schema, draft 2020-12) and holds "format", "family",
"description" and "cases":

sets.json
    "load_balancer" -> "expected": its "front", "back" and "vrrp" sets.
selection.json
    "load_balancer", "kind" ("front", "back" or "vrrp") and "among"
    (null: no restriction; else a list of ids, which may include ids
    the load balancer does not have) -> "expected": the selection.
delta.json
    "old", "new", "kind" and "among" -> "expected": "added" (from the
    new version) and "removed" (from the old), matched by id.
lifecycle.json
    "steps" of one load balancer's life (create, failover, scale out and
    in, delete, purge), each "operation" with its "load_balancer" and the
    three sets "expected" after it.

A load balancer is "id", "topology" and "amphorae", each amphora "id",
"role" (null while it holds no role yet) and "status".  Sets and
selections are lists of amphora ids in the order of the load balancer's
amphorae; compare them as sets if your implementation does not promise
that order, and check that no id is listed twice.  The topologies are the
built-in ones: SINGLE, ACTIVE_STANDBY and ACTIVE_ACTIVE.

Written by "amphora-sets vectors"; the same version writes the same
bytes.
"""


def _dump(path: Path, document: Any) -> None:
    text = json.dumps(document, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")


def write_vectors(
    out_dir: Path, registry: Registry = BUILTIN_REGISTRY
) -> list[Path]:
    """Write every family, ``schema.json`` and ``README.txt`` into
    ``out_dir`` (created if missing); return the paths written."""
    if out_dir.exists() and not out_dir.is_dir():
        raise AmphoraSetsError("OUT_DIR", f"{out_dir} is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for family in FAMILIES:
        path = out_dir / f"{family}.json"
        _dump(path, family_document(family, registry))
        written.append(path)
    _dump(out_dir / "schema.json", SCHEMA)
    (out_dir / "README.txt").write_text(README, encoding="utf-8")
    return [*written, out_dir / "schema.json", out_dir / "README.txt"]
