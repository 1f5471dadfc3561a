"""``chidao export turtle|jsonld|ntriples``."""

from __future__ import annotations

import click

from chidao.commands.export import (
    export_group,
    focus_options,
    load_graph,
    open_output,
    output_option,
    whole_store,
)

FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt"}
DEFAULT_BASE = "https://chidao.example/id/"  # = chidao.graph.export.rdf.DEFAULT_BASE (not imported: rdflib is heavy)


def base_option(func):
    return click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
                        help="Base IRI of node, fact and concept IRIs (absolute, ending in / or #).")(func)


def _make(name: str, rdflib_format: str) -> None:
    @export_group.command(name, help=f"RDF ({name}) in ELI, W3C ORG, FOAF, schema.org, PROV-O, SKOS and DCTERMS "
                                     "terms; every fact read from text is reified with prov:wasDerivedFrom, its "
                                     "quote and span. Validates against the packaged SHACL shapes in the tests.")
    @focus_options
    @output_option
    @base_option
    def command(db, document, body, query_name, params, depth, output, base) -> None:
        from chidao.graph.export.rdf import check_base, write_rdf

        try:
            check_base(base)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--base") from None
        if rdflib_format in STREAMED and not (document or body or query_name):
            _stream(db, output, rdflib_format, base)
            return
        graph = load_graph(db, document, body, query_name, params, depth)
        with open_output(output, binary=True) as fp:
            write_rdf(graph, fp, rdflib_format, base)


STREAMED = ("nt", "turtle", "json-ld")
"""Whole-store exports written straight from the store in bounded memory (rdf_stream), without rdflib;
a focused graph goes through rdflib."""


def _stream(db: str, output: str, fmt: str, base: str) -> None:
    from chidao.graph.export.rdf_stream import export_store

    with whole_store(db) as store, open_output(output, binary=True) as fp:
        export_store(store, fp, fmt, base)


for _name, _fmt in FORMATS.items():
    _make(_name, _fmt)
