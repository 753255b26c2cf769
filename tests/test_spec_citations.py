"""The spec's line citations point at what they claim in Octavia 19.0.0.

Every "line N" or "lines N-M" the spec cites is listed here with the
file it refers to and a piece of code those lines must hold.  The first
test (always run) keeps the list complete; the second reads the real
Octavia 19.0.0 source, where the sdist is in ``$AMPHORA_SETS_CACHE``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "version20.0" / "amphora-sets.rst"
CACHE = Path(os.environ.get("AMPHORA_SETS_CACHE", "/nonexistent"))

_V2 = "octavia/controller/worker/v2"
_AGENT = "octavia/amphorae/backends/agent/api_server"
_AAP = "octavia/network/drivers/neutron/allowed_address_pairs.py"
_LB_FLOWS = f"{_V2}/flows/load_balancer_flows.py"
_AMP_FLOWS = f"{_V2}/flows/amphora_flows.py"
_WORKER = f"{_V2}/controller_worker.py"

# The spec's words (whitespace folded) -> (file, [(first, last)], code).
CITATIONS: dict[str, tuple[str, list[tuple[int, int]], str]] = {
    "(``controller_worker.py`` line 1114)": (
        _WORKER,
        [(1114, 1115)],
        "a.status != constants.DELETED",
    ),
    "(``load_balancer_flows.py`` lines 662-674)": (
        _LB_FLOWS,
        [(662, 674)],
        "get_delete_amphora_flow(amp)",
    ),
    "(``jinja_cfg.py`` lines 119-123)": (
        "octavia/amphorae/drivers/keepalived/jinja/jinja_cfg.py",
        [(119, 123)],
        "peers_ips.append",
    ),
    "(``amphora_flows.py`` line 544)": (
        _AMP_FLOWS,
        [(544, 544)],
        "role=failed_amphora[constants.ROLE]",
    ),
    "(``controller_worker.py`` lines 1131-1150)": (
        _WORKER,
        [(1131, 1150)],
        "get_interface_from_ip",
    ),
    "(``load_balancer_flows.py`` lines 494-496)": (
        _LB_FLOWS,
        [(494, 496)],
        "new_amp_role = constants.ROLE_BACKUP",
    ),
    "(line 598)": (
        _LB_FLOWS,
        [(598, 598)],
        "new_amp_role = constants.ROLE_MASTER",
    ),
    "(``amphora_flows.py`` lines 230-244 and 271-284)": (
        _AMP_FLOWS,
        [(230, 244), (271, 284)],
        "SetAmphoraFirewallRules",
    ),
    "(``allowed_address_pairs.py`` lines 272-281)": (
        _AAP,
        [(272, 281)],
        "AUTH_HEADER_PROTOCOL_NUMBER",
    ),
    "lines 203-214)": (_AAP, [(203, 214)], "peer_remote_group"),
    "``api_server/loadbalancer.py`` line 216": (
        f"{_AGENT}/loadbalancer.py",
        [(216, 217)],
        "loadbalancer_topology",
    ),
    "``keepalivedlvs.py`` lines 79 and 204": (
        f"{_AGENT}/keepalivedlvs.py",
        [(79, 80), (204, 205)],
        "loadbalancer_topology",
    ),
    "(``base_taskflow.py`` line 196)": (
        "octavia/common/base_taskflow.py",
        [(196, 196)],
        "save_factory_details",
    ),
}

_CITED = re.compile(r"\blines? \d+(?:-\d+)?(?: and \d+(?:-\d+)?)?")


def folded(text: str) -> str:
    """``text`` with every run of whitespace made one space and the spec's
    en dashes made hyphens."""
    return " ".join(text.split()).replace("\N{EN DASH}", "-")


def uncovered(text: str) -> list[str]:
    """Line citations in spec ``text`` that :data:`CITATIONS` lacks."""
    text = folded(text)
    for words in CITATIONS:
        text = text.replace(words, "")
    return _CITED.findall(text)


def test_every_line_citation_is_listed():
    text = SPEC.read_text(encoding="utf-8")
    missing = [words for words in CITATIONS if words not in folded(text)]
    assert missing == []
    assert uncovered(text) == []


def test_an_unlisted_citation_is_found():
    text = SPEC.read_text(encoding="utf-8") + "\nSee ``x.py`` lines 1-2.\n"
    assert uncovered(text) == ["lines 1-2"]


@pytest.mark.skipif(
    not (CACHE / "sdist" / "octavia-19.0.0.tar.gz").is_file(),
    reason="needs the Octavia 19.0.0 sdist in $AMPHORA_SETS_CACHE/sdist",
)
@pytest.mark.parametrize("words", list(CITATIONS))
def test_cited_lines_hold_the_code(words):
    from amphora_sets.audit.sdist import octavia_tree

    path, ranges, code = CITATIONS[words]
    lines = (octavia_tree("19.0.0") / path).read_text().splitlines()
    for first, last in ranges:
        cited = "\n".join(lines[first - 1 : last])
        assert code in cited, f"{path} {first}-{last}"
