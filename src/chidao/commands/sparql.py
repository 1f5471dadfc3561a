"""``chidao sparql``: SPARQL over the graph's RDF view."""

from __future__ import annotations

import click

from chidao.commands.export import db_option, load_graph


@click.command("sparql")
@click.argument("query")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def sparql_command(query: str, db: str, fmt: str) -> None:
    """Run a SPARQL query over the graph as RDF (see docs/rdf.md for the vocabulary)."""
    from chidao.commands.graph import render_rows
    from chidao.graph.export.rdf import sparql

    try:
        rows = sparql(load_graph(db), query)
    except Exception as exc:  # rdflib raises parser errors of several types
        raise click.ClickException(f"SPARQL failed: {' '.join(str(exc).split())[:300]}") from None
    click.echo(render_rows(rows, fmt))


COMMANDS = [sparql_command]
