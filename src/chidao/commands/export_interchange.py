"""``chidao export graphml|gexf|cytoscape-json|json``."""

from __future__ import annotations

from chidao.commands.export import (
    export_group,
    focus_options,
    load_graph,
    open_output,
    output_option,
    whole_store,
)

FORMATS = {
    "graphml": ("write_graphml", True, "GraphML for Gephi, yEd, Cytoscape, igraph and networkx (node label = display "
                                       "name, chidao's label in chidao_label; unique edge ids)."),
    "gexf": ("write_gexf", True, "GEXF 1.2 for Gephi (node label = display name, edge label = relationship type)."),
    "cytoscape-json": ("write_cytoscape", False, "Cytoscape.js JSON (elements: nodes, edges), also opened by "
                                                 "Cytoscape desktop."),
    "json": ("write_node_link", False, "networkx node-link JSON (nodes, links with source, target, key): "
                                       "d3 and networkx.node_link_graph read it."),
}

STREAMED = {"graphml": "write_graphml_store"}
"""Whole-store exports written straight from the store in pages (store_stream), not through networkx."""


def _make(fmt: str, writer: str, binary: bool, help_text: str) -> None:
    @export_group.command(fmt, help=f"{help_text} Attributes are plain typed values; nulls are left out.")
    @focus_options
    @output_option
    def command(db, document, body, query_name, params, depth, output) -> None:
        from chidao.graph.export import interchange

        if fmt in STREAMED and not (document or body or query_name):
            from chidao.graph.export import store_stream

            with whole_store(db) as store, open_output(output, binary=binary) as fp:
                getattr(store_stream, STREAMED[fmt])(store, fp)
            return
        graph = load_graph(db, document, body, query_name, params, depth)
        with open_output(output, binary=binary) as fp:
            getattr(interchange, writer)(graph, fp)


for _fmt, (_writer, _binary, _help) in FORMATS.items():
    _make(_fmt, _writer, _binary, _help)
