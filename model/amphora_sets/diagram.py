"""Pictures of a topology's three sets, drawn from its membership table.

One box per role, in table order, saying how many amphorae hold it and
whether they run keepalived.  A front-facing role hangs from the VIP
network above the boxes; a back-facing role reaches the member networks
below them.  :func:`text_picture` draws it in plain text (the spec's
literal blocks), :func:`svg_picture` as SVG (the documentation).  Both
read only the registry, so a picture cannot disagree with the table.
"""

from __future__ import annotations

import dataclasses
from html import escape

from amphora_sets.registry.topologies import Cardinality, Topology
from amphora_sets.registry.vocabulary import SetKind

KEEPALIVED = "keepalived"
VIP_NETWORK = "VIP network"
MEMBER_NETWORKS = "member networks"
GAP = 3
"""Blank columns between two boxes."""


def amphora_count(cardinality: Cardinality) -> str:
    """How many amphorae a role has, in words: '1 amphora', '2 or more'."""
    low, high = cardinality.minimum, cardinality.maximum
    if high is None:
        return f"{low} or more"
    if low == high:
        return f"{low} amphora" if low == 1 else f"{low} amphorae"
    return f"{low} to {high}"


@dataclasses.dataclass(frozen=True)
class Box:
    """One role's box: its text lines, column, width and links."""

    role: str
    lines: tuple[str, str, str]
    column: int
    width: int
    front: bool
    back: bool

    @property
    def link(self) -> int:
        """The column where the box meets a network."""
        return self.column + 3


def boxes(topology: Topology) -> tuple[Box, ...]:
    """The boxes of ``topology``'s roles, laid out left to right."""
    laid: list[Box] = []
    column = 0
    for row in topology.rows:
        lines = (
            row.role,
            amphora_count(row.cardinality),
            KEEPALIVED if row.member_of(SetKind.VRRP) else "",
        )
        width = max(len(line) for line in (*lines, KEEPALIVED)) + 4
        laid.append(
            Box(
                row.role,
                lines,
                column,
                width,
                row.member_of(SetKind.FRONT),
                row.member_of(SetKind.BACK),
            )
        )
        column += width + GAP
    return tuple(laid)


def _put(line: list[str], column: int, text: str) -> None:
    line[column : column + len(text)] = text


def text_picture(topology: Topology) -> str:
    """The picture of ``topology`` in plain text, lines unindented."""
    laid = boxes(topology)
    total = laid[-1].column + laid[-1].width

    def blank() -> list[str]:
        return [" "] * total

    def bus(links: list[int]) -> str:
        line = ["-"] * total
        for column in links:
            line[column] = "+"
        return "".join(line)

    def risers(links: list[int]) -> str:
        line = blank()
        for column in links:
            line[column] = "|"
        return "".join(line)

    def edge(side: str) -> str:
        line = blank()
        for box in laid:
            _put(line, box.column, "+" + "-" * (box.width - 2) + "+")
            if getattr(box, side):
                line[box.link] = "+"
        return "".join(line)

    def text(index: int) -> str:
        line = blank()
        for box in laid:
            _put(line, box.column, f"| {box.lines[index]:<{box.width - 4}} |")
        return "".join(line)

    front = [box.link for box in laid if box.front]
    back = [box.link for box in laid if box.back]
    lines = [f"{bus(front)} {VIP_NETWORK}", risers(front), edge("front")]
    lines += [text(0), text(1), text(2), edge("back")]
    lines += [risers(back), f"{bus(back)} {MEMBER_NETWORKS}"]
    return "\n".join(line.rstrip() for line in lines)


_CELL_X = 9  # pixels per text column
_CELL_Y = 18  # pixels per text line
_SVG_STYLE = (
    "font-family:monospace;font-size:13px;"
    "fill:none;stroke:#333;stroke-width:1.5"
)


def svg_picture(topology: Topology) -> str:
    """The picture of ``topology`` as a standalone SVG document.

    The same layout as :func:`text_picture`: the VIP network as a line
    above the boxes, the member networks below, each labelled on its
    right, and VRRP-running boxes shaded.
    """
    laid = boxes(topology)
    columns = laid[-1].column + laid[-1].width
    label = max(len(VIP_NETWORK), len(MEMBER_NETWORKS)) + 2
    width = (columns + label + 2) * _CELL_X
    height = 10 * _CELL_Y

    def x(column: float) -> float:
        return (column + 1) * _CELL_X

    def y(row: float) -> float:
        return row * _CELL_Y

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" style="{_SVG_STYLE}">',
        f"<title>{escape(topology.name)}: amphora sets</title>",
        _label(x(columns + 1), y(1.7), VIP_NETWORK),
        _line(x(0), y(1.5), x(columns), y(1.5)),
        _label(x(columns + 1), y(9.2), MEMBER_NETWORKS),
        _line(x(0), y(9), x(columns), y(9)),
    ]
    for box in laid:
        fill = "#cde" if box.lines[2] else "#fff"
        parts.append(
            f'<rect x="{x(box.column)}" y="{y(3)}" '
            f'width="{box.width * _CELL_X}" height="{4 * _CELL_Y}" '
            f'style="fill:{fill}"/>'
        )
        for index, text in enumerate(box.lines):
            parts.append(_label(x(box.column + 2), y(4.2 + index), text))
        if box.front:
            parts.append(_line(x(box.link), y(1.5), x(box.link), y(3)))
        if box.back:
            parts.append(_line(x(box.link), y(7), x(box.link), y(9)))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>'


def _label(x: float, y: float, text: str) -> str:
    return (
        f'<text x="{x}" y="{y}" style="fill:#000;stroke:none">'
        f"{escape(text)}</text>"
    )
