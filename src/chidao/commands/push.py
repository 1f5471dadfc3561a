"""``chidao push neo4j``: the graph (or a focused part) to a Neo4j server."""

from __future__ import annotations

import os

import click

from chidao.commands.export import focus_options, load_graph


@click.group("push")
def push_group() -> None:
    """Send the graph to a server."""


@push_group.command("neo4j")
@click.option("--uri", required=True, help="Bolt or neo4j URI, e.g. bolt://localhost:7687.")
@click.option("--user", default="neo4j", show_default=True, help="User; the password comes from NEO4J_PASSWORD or a prompt.")
@click.option("--database", help="Database name (default: the server's default).")
@click.option("--batch", "batch_size", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Rows per UNWIND batch.")
@click.option("--max-batch-bytes", type=click.IntRange(256), default=None,
              help="Also cap each batch's payload (for servers with small message limits).")
@click.option("--wipe", "wipe_first", is_flag=True, help="Delete chidao's nodes on the server first (asks to confirm).")
@click.option("--yes", is_flag=True, help="Do not ask before --wipe.")
@focus_options
def push_neo4j(uri: str, user: str, database: str | None, batch_size: int, max_batch_bytes: int | None,
               wipe_first: bool, yes: bool,
               db, document, body, query_name, params, depth) -> None:
    """Push nodes and edges to Neo4j with MERGE (pushing twice changes nothing)."""
    import neo4j

    from chidao.graph.stores.neo4j import counts, push_graph, wipe

    graph = load_graph(db, document, body, query_name, params, depth)
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        password = click.prompt("Neo4j password", hide_input=True, err=True)
    try:
        with neo4j.GraphDatabase.driver(uri, auth=(user, password)) as driver:
            driver.verify_connectivity()
            if wipe_first:
                if not yes:
                    click.confirm(f"Delete every chidao node in {database or 'the default database'} at {uri}?",
                                  abort=True, err=True)
                wipe(driver, database)
            report = push_graph(driver, graph, database=database, batch_size=batch_size,
                                max_batch_bytes=max_batch_bytes)
            nodes, edges = counts(driver, database)
    except neo4j.exceptions.Neo4jError as exc:
        raise click.ClickException(f"{uri}: {exc.code}: {exc.message}") from None
    except (neo4j.exceptions.ServiceUnavailable, OSError) as exc:
        raise click.ClickException(f"{uri}: cannot connect ({exc})") from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"pushed {report.nodes} nodes and {report.edges} edges in {report.batches} batches; "
               f"the server now holds {nodes} chidao nodes and {edges} edges")


COMMANDS = [push_group]
