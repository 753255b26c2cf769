"""Sphinx directives that render amphora_sets' own data at build time.

``.. amphora-sets-topologies::``
    A membership table per topology: the built-in registry, or with
    ``:topology-file: PATH`` only the topologies that file declares.
``.. amphora-sets-statuses::``
    The status rule.
``.. amphora-sets-obligations::``
    The obligation catalogue, or with ``:family: INV`` one family of it.
``.. amphora-sets-proof-report::``
    Proves every applicable obligation (``:topology-file: PATH`` as
    above) and renders the results.  Every result that is not PROVED is a
    Sphinx warning, so ``sphinx-build -W`` fails, and an error box on the
    page.
``.. amphora-sets-cli-help:: [SUBCOMMAND]``
    ``amphora-sets [SUBCOMMAND] --help`` as a literal block.
``.. amphora-sets-diagrams::``
    A picture of the three sets per topology, as SVG drawn by
    :mod:`amphora_sets.diagram` while the page is built
    (``:topology-file: PATH`` as above).

The content comes from ``amphora_sets_content``; this module only builds
docutils nodes.  Each page notes the package's sources as dependencies,
so an incremental build re-renders it when the model changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import amphora_sets_content as content
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.inspect import object_description

import amphora_sets
from amphora_sets import Registry, diagram, registry

logger = logging.getLogger(__name__)

PACKAGE = Path(amphora_sets.__file__).parent
"""Every page with a directive is re-read when a file here changes."""


def table_node(
    table: content.Table, document: nodes.document | None = None
) -> nodes.table:
    """A docutils table of ``table``, its literal columns as code.

    With ``document``, the table gets its stable anchor unless the
    document already uses that id.
    """
    node = nodes.table(classes=["amphora-sets-table"])
    if document is not None and table.anchor not in ("", *document.ids):
        node["ids"].append(table.anchor)
        document.set_id(node)
    if table.title:
        node += nodes.title(text=table.title)
    group = nodes.tgroup(cols=len(table.headers))
    node += group
    group.extend(
        # Widths in characters; a literal is shown with two quotes in text.
        nodes.colspec(colwidth=width + 2 * (index in table.literal))
        for index, width in enumerate(table.widths)
    )
    head = nodes.thead()
    head += _row(table.headers, frozenset())
    body = nodes.tbody()
    body.extend(_row(cells, table.literal) for cells in table.rows)
    group += head
    group += body
    return node


def _row(cells: tuple[str, ...], literal: frozenset[int]) -> nodes.row:
    row = nodes.row()
    for index, cell in enumerate(cells):
        text = (
            nodes.literal(text=cell) if index in literal else nodes.Text(cell)
        )
        row += nodes.entry("", nodes.paragraph("", "", text))
    return row


class _Directive(SphinxDirective):
    """Shared parts: source dependencies and the ``:topology-file:``.

    Bad input (an unknown family or subcommand, a broken topology file)
    is a directive error naming it, which ``-W`` also turns into a failure.
    """

    def run(self) -> list[nodes.Node]:
        for source in sorted(PACKAGE.rglob("*.py")):
            self.env.note_dependency(str(source))
        try:
            return self.build()
        except ValueError as exc:  # AmphoraSetsError is one too
            raise self.error(f"{self.name}: {exc}") from None

    def build(self) -> list[nodes.Node]:
        raise NotImplementedError

    def chosen_registry(self) -> Registry:
        """The built-in registry, or the ``:topology-file:``'s topologies."""
        name = self.options.get("topology-file")
        if name is None:
            return registry.BUILTIN_REGISTRY
        _, path = self.env.relfn2path(name, self.env.docname)
        self.env.note_dependency(path)
        return content.file_registry([path])


class TopologiesDirective(_Directive):
    """``.. amphora-sets-topologies::``: one membership table each."""

    option_spec: ClassVar[dict[str, Any]] = {"topology-file": directives.path}

    def build(self) -> list[nodes.Node]:
        tables = content.topology_tables(self.chosen_registry())
        return [table_node(table, self.state.document) for table in tables]


class CallSitesDirective(_Directive):
    """``.. amphora-sets-call-sites:: VERSION``: the audit mapping."""

    required_arguments = 1

    def build(self) -> list[nodes.Node]:
        data = PACKAGE / "audit" / "data"
        for source in sorted(data.glob("*.toml")):
            self.env.note_dependency(str(source))
        tables = content.call_site_tables(self.arguments[0])
        return [table_node(t, self.state.document) for t in tables]


class StatusesDirective(_Directive):
    """``.. amphora-sets-statuses::``: the status rule."""

    def build(self) -> list[nodes.Node]:
        return [table_node(content.status_table(), self.state.document)]


class ObligationsDirective(_Directive):
    """``.. amphora-sets-obligations::``: the obligation catalogue."""

    option_spec: ClassVar[dict[str, Any]] = {
        "family": directives.unchanged_required
    }

    def build(self) -> list[nodes.Node]:
        family = self.options.get("family")
        tables = content.obligation_tables(family)
        return [table_node(t, self.state.document) for t in tables]


class ProofReportDirective(_Directive):
    """``.. amphora-sets-proof-report::``: prove, then render the results.

    A result that is not PROVED is never rendered as fine: it is logged as
    a warning (``-W`` turns it into a failed build) and shown on the page.
    """

    option_spec: ClassVar[dict[str, Any]] = {"topology-file": directives.path}

    def build(self) -> list[nodes.Node]:
        report = content.run_proof_report(self.chosen_registry())
        result: list[nodes.Node] = [
            nodes.paragraph(text=report.summary),
            table_node(report.table),
        ]
        for failure in report.failures:
            logger.warning(
                "proof report: %s",
                failure,
                location=self.get_location(),
                type="amphora-sets",
                subtype="proof",
            )
            box = nodes.error()
            box += nodes.literal_block(failure, failure, language="text")
            result.append(box)
        return result


class CliHelpDirective(_Directive):
    """``.. amphora-sets-cli-help:: [SUBCOMMAND]``: the ``--help`` text."""

    optional_arguments = 1

    def build(self) -> list[nodes.Node]:
        subcommand = self.arguments[0] if self.arguments else None
        text = content.cli_help(subcommand)
        return [nodes.literal_block(text, text, language="text")]


class DiagramsDirective(_Directive):
    """``.. amphora-sets-diagrams::``: one SVG picture per topology."""

    option_spec: ClassVar[dict[str, Any]] = {"topology-file": directives.path}

    def build(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for topology in self.chosen_registry():
            figure = nodes.figure(classes=["amphora-sets-diagram"])
            figure += nodes.raw(
                "", diagram.svg_picture(topology), format="html"
            )
            figure += nodes.caption(text=content.diagram_caption(topology))
            result.append(figure)
        return result


def name_defaults(
    app: Any,
    what: str,
    name: str,
    obj: object,
    options: object,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None]:
    """Show a ``BUILTIN_REGISTRY`` default by name, not as its long value.

    ``autodoc_preserve_defaults`` does this for plain functions; this
    covers the dataclasses and Hypothesis' composite strategies.
    """
    if signature:
        signature = signature.replace(
            object_description(registry.BUILTIN_REGISTRY), "BUILTIN_REGISTRY"
        )
    return signature, return_annotation


def setup(app: Any) -> dict[str, Any]:
    """Register the directives and the signature hook."""
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-signature", name_defaults)
    app.add_directive("amphora-sets-topologies", TopologiesDirective)
    app.add_directive("amphora-sets-statuses", StatusesDirective)
    app.add_directive("amphora-sets-call-sites", CallSitesDirective)
    app.add_directive("amphora-sets-obligations", ObligationsDirective)
    app.add_directive("amphora-sets-proof-report", ProofReportDirective)
    app.add_directive("amphora-sets-cli-help", CliHelpDirective)
    app.add_directive("amphora-sets-diagrams", DiagramsDirective)
    return {
        "version": amphora_sets.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
