"""Render the spec's call-site table from the audit mapping, in place.

Usage: python tools/render_audit_table.py [SPEC] [VERSION]

Rewrites what lies between the ``.. audit-table-start`` and
``.. audit-table-end`` markers of SPEC (default: the blueprint) with the
table for Octavia VERSION (default 19.0.0).  tests/test_audit_table.py
checks the result is current.
"""

from __future__ import annotations

import sys
from pathlib import Path

from amphora_sets.audit.mapping import load_mapping
from amphora_sets.audit.table import spec_lines, splice

SPEC = Path(__file__).parent.parent / "specs/version20.0/amphora-sets.rst"


def main(argv: list[str]) -> int:
    """Rewrite the table; 0 on success."""
    spec = Path(argv[0]) if argv else SPEC
    version = argv[1] if len(argv) > 1 else "19.0.0"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        splice(text, spec_lines(load_mapping(version))), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
