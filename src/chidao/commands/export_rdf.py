"""``chidao export turtle|jsonld|ntriples``."""

from __future__ import annotations

import click

from chidao.commands.export import export_group, focus_options, load_graph, open_output, output_option

FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt"}


def _make(name: str, rdflib_format: str) -> None:
    @export_group.command(name, help=f"RDF ({name}) in ELI, W3C ORG, FOAF, PROV-O and DCTERMS terms; every fact "
                                     "read from text keeps prov:wasDerivedFrom and its quote.")
    @focus_options
    @output_option
    @click.option("--base", default="https://chidao.example/id/", show_default=True, help="Base IRI for node ids.")
    def command(db, document, body, query_name, params, depth, output, base) -> None:
        from chidao.graph.export.rdf import write_rdf

        graph = load_graph(db, document, body, query_name, params, depth)
        with open_output(output, binary=True) as fp:
            write_rdf(graph, fp, rdflib_format, base)


for _name, _fmt in FORMATS.items():
    _make(_name, _fmt)
