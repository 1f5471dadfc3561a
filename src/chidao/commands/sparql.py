"""``chidao sparql``: SPARQL over the graph's RDF view."""

from __future__ import annotations

import click

from chidao.commands.export import focus_options, load_graph
from chidao.commands.export_rdf import base_option


@click.command("sparql")
@click.argument("query")
@focus_options
@base_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def sparql_command(query: str, db: str, document, body, query_name, params, depth, base: str, fmt: str) -> None:
    """Run a SPARQL SELECT or ASK query over the graph as RDF (the RDF export's vocabulary, docs/rdf.md).

    The prefixes eli: org: prov: foaf: dcterms: schema: skos: rdfs: rdf: xsd: chidao: and id: (the
    base) are predeclared, e.g. chidao sparql "SELECT ?n WHERE { ?d a eli:LegalResource ; eli:number ?n }".
    """
    from chidao.commands.graph import render_rows
    from chidao.graph.export.rdf import check_base, sparql

    try:
        check_base(base)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base") from None
    graph = load_graph(db, document, body, query_name, params, depth)
    try:
        rows = sparql(graph, query, base)
    except Exception as exc:  # rdflib raises parser and evaluation errors of many types
        raise click.ClickException(f"SPARQL failed: {' '.join(str(exc).split())[:300]}") from None
    click.echo(render_rows(rows, fmt))


COMMANDS = [sparql_command]
