"""The per-version mapping: each call site's set, today's filter, a reason.

The mapping is data, one TOML file per Octavia version in ``data/``.  A row
matches sites by file, enclosing function, kind and expression, never by
line number, so unrelated edits to Octavia do not break it.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from amphora_sets.audit.finder import Kind, Site
from amphora_sets.errors import AmphoraSetsError
from amphora_sets.registry.call_sites import (  # re-exported for callers
    ALL,
    ALLOCATED,
    FILTERS,
    NOT_APPLICABLE,
    NOT_DELETED,
    ROLE,
    SETS,
    TOPOLOGY,
    UNFILTERED,
)

__all__ = [
    "ALL",
    "ALLOCATED",
    "FILTERS",
    "NOT_APPLICABLE",
    "NOT_DELETED",
    "ROLE",
    "SETS",
    "TOPOLOGY",
    "UNFILTERED",
    "Row",
    "SiteMapping",
    "load_mapping",
    "load_mapping_file",
    "packaged_versions",
    "parse_mapping",
]

_FIELDS = ("file", "function", "kind", "expression", "set", "filter", "reason")
MAX_MAPPING_BYTES = 1 << 20
"""Mapping files larger than this are refused (the 19.0.0 one is ~90 KiB)."""


@dataclasses.dataclass(frozen=True)
class Row:
    """One mapping row: the sites it matches and how they are classified."""

    file: str
    function: str
    kind: str
    expression: str
    set: str
    filter: str
    reason: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The :attr:`Site.key <amphora_sets.audit.finder.Site.key>` it
        matches."""
        return (self.file, self.function, self.kind, self.expression)


@dataclasses.dataclass(frozen=True)
class SiteMapping:
    """The rows of one mapping file, for one Octavia version."""

    octavia: str
    rows: tuple[Row, ...]
    _by_key: Mapping[tuple[str, str, str, str], Row] = dataclasses.field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_by_key", MappingProxyType({r.key: r for r in self.rows})
        )

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row_for(self, site: Site) -> Row | None:
        """The row that classifies ``site``, or None."""
        return self._by_key.get(site.key)

    def lookup(self, file: str, function: str) -> tuple[Row, ...]:
        """Every row of ``function`` (``Class.method``) in ``file``
        (``octavia/...``)."""
        return tuple(
            r for r in self.rows if r.file == file and r.function == function
        )


def packaged_versions() -> tuple[str, ...]:
    """The Octavia versions this package has a mapping for."""
    names = (
        p.name for p in resources.files(__package__).joinpath("data").iterdir()
    )
    return tuple(
        sorted(
            n.removeprefix("octavia-").removesuffix(".toml")
            for n in names
            if n.startswith("octavia-") and n.endswith(".toml")
        )
    )


def load_mapping(version: str) -> SiteMapping:
    """The packaged mapping for Octavia ``version`` (e.g. ``"19.0.0"``)."""
    if version not in packaged_versions():
        raise AmphoraSetsError(
            "--octavia",
            f"no mapping for Octavia {version!r} "
            f"(have: {', '.join(packaged_versions())})",
        )
    data = (
        resources.files(__package__)
        .joinpath("data", f"octavia-{version}.toml")
        .read_bytes()
    )
    return parse_mapping(data, f"octavia-{version}.toml")


def load_mapping_file(path: Path) -> SiteMapping:
    """The mapping in the TOML file at ``path``."""
    if not path.is_file():
        raise AmphoraSetsError(
            "--mapping", f"{str(path)!r} is not a regular file"
        )
    if path.stat().st_size > MAX_MAPPING_BYTES:
        raise AmphoraSetsError(
            "--mapping", f"{str(path)!r} is larger than {MAX_MAPPING_BYTES}"
        )
    return parse_mapping(path.read_bytes(), str(path))


def parse_mapping(data: bytes, source: str) -> SiteMapping:
    """Parse and check a mapping; AmphoraSetsError names the bad field."""
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise AmphoraSetsError("mapping", str(exc), source=source) from None
    octavia = document.get("octavia")
    if not isinstance(octavia, str) or not octavia:
        raise AmphoraSetsError(
            "octavia", "must be the Octavia version string", source=source
        )
    sites = document.get("site", [])
    if not isinstance(sites, list):
        raise AmphoraSetsError(
            "site", "must be an array of tables", source=source
        )
    rows = tuple(_row(entry, i, source) for i, entry in enumerate(sites))
    seen: set[tuple[str, str, str, str]] = set()
    for index, row in enumerate(rows):
        if row.key in seen:
            raise AmphoraSetsError(
                f"site[{index}]",
                f"duplicate row for {row.file} {row.function} {row.kind} "
                f"{row.expression!r}",
                source=source,
            )
        seen.add(row.key)
    return SiteMapping(octavia, rows)


def _row(entry: Any, index: int, source: str) -> Row:
    where = f"site[{index}]"
    if not isinstance(entry, dict):
        raise AmphoraSetsError(where, "must be a table", source=source)
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise AmphoraSetsError(
            f"{where}.{unknown[0]}", "unknown key", source=source
        )
    for name in _FIELDS:
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip():
            raise AmphoraSetsError(
                f"{where}.{name}", "must be a non-empty string", source=source
            )
    checks = (
        ("kind", tuple(k.value for k in Kind)),
        ("set", SETS),
        ("filter", tuple(FILTERS)),
    )
    for name, allowed in checks:
        if entry[name] not in allowed:
            raise AmphoraSetsError(
                f"{where}.{name}",
                f"{entry[name]!r} is not one of {', '.join(allowed)}",
                source=source,
            )
    return Row(**{name: entry[name] for name in _FIELDS})
