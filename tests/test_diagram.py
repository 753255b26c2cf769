"""Pictures of the sets are drawn from the membership table alone."""

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from amphora_sets.diagram import (
    KEEPALIVED,
    MEMBER_NETWORKS,
    VIP_NETWORK,
    amphora_count,
    boxes,
    svg_picture,
    text_picture,
)
from amphora_sets.registry import Cardinality, RoleRow, SetKind, Topology
from example_topologies import EXAMPLES

TOPOLOGIES = list(EXAMPLES)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("cardinality", "words"),
    [
        (Cardinality(1, 1), "1 amphora"),
        (Cardinality(2, 2), "2 amphorae"),
        (Cardinality(2), "2 or more"),
        (Cardinality(0, 3), "0 to 3"),
    ],
)
def test_amphora_count_in_words(cardinality, words):
    assert amphora_count(cardinality) == words


@pytest.mark.parametrize("topology", TOPOLOGIES, ids=lambda t: t.name)
def test_text_picture_links_each_role_to_its_networks(topology):
    lines = text_picture(topology).splitlines()
    assert lines[0].endswith(f" {VIP_NETWORK}")
    assert lines[-1].endswith(f" {MEMBER_NETWORKS}")
    vip_bus, member_bus = lines[0], lines[-1]
    for box in boxes(topology):
        row = topology.row(box.role)
        assert (vip_bus[box.link] == "+") == row.member_of(SetKind.FRONT)
        assert (member_bus[box.link : box.link + 1] == "+") == row.member_of(
            SetKind.BACK
        )
        column = lines[5][box.column : box.column + box.width]
        assert (KEEPALIVED in column) == row.member_of(SetKind.VRRP)
        assert box.role in lines[3][box.column : box.column + box.width]
    assert vip_bus.count("+") == len(topology.roles_in(SetKind.FRONT))
    assert member_bus.count("+") == len(topology.roles_in(SetKind.BACK))
    assert len(lines) == 9


@pytest.mark.parametrize("topology", TOPOLOGIES, ids=lambda t: t.name)
def test_svg_picture_is_well_formed_with_one_box_per_role(topology):
    root = ET.fromstring(svg_picture(topology))
    assert root.tag == f"{SVG}svg"
    assert len(root.findall(f"{SVG}rect")) == len(topology.rows)
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert set(topology.roles) <= set(texts)
    risers = len(topology.roles_in(SetKind.FRONT)) + len(
        topology.roles_in(SetKind.BACK)
    )
    assert len(root.findall(f"{SVG}line")) == 2 + risers


def test_a_changed_table_changes_both_pictures():
    [topology] = [t for t in TOPOLOGIES if t.name == "ACTIVE_ACTIVE"]
    row = topology.row("MASTER")
    changed = dataclasses.replace(
        topology,
        rows=tuple(
            dataclasses.replace(r, sets=frozenset(SetKind)) if r is row else r
            for r in topology.rows
        ),
    )
    assert text_picture(changed) != text_picture(topology)
    assert svg_picture(changed) != svg_picture(topology)


def test_svg_escapes_text():
    topology = Topology(
        "T", (RoleRow("A<B", frozenset({SetKind.FRONT}), Cardinality(1)),)
    )
    assert "A&lt;B" in svg_picture(topology)
    ET.fromstring(svg_picture(topology))
