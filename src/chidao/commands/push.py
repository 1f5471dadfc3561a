"""``chidao push neo4j``: the graph (or a focused part) to a Neo4j server."""

from __future__ import annotations

import click

from chidao.commands.common import PASSWORD_ENV, bolt_uri, neo4j_errors, neo4j_password, printable, redact_uri
from chidao.commands.export import focus_options, load_graph


@click.group("push")
def push_group() -> None:
    """Send the graph to a database server."""


@push_group.command("neo4j")
@click.option("--uri", envvar="NEO4J_URI", required=True, callback=bolt_uri,
              help="bolt://HOST:7687, neo4j://HOST (cluster) or neo4j+s://… (Aura); or set NEO4J_URI.")
@click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
              help=f"User (or set NEO4J_USER); the password comes from {PASSWORD_ENV} or a hidden prompt.")
@click.option("--no-auth", is_flag=True, help="Send no credentials (a server started with NEO4J_AUTH=none).")
@click.option("--database", envvar="NEO4J_DATABASE", help="Database name (default: the server's default).")
@click.option("--batch", "batch_size", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Rows per UNWIND batch (one write transaction each).")
@click.option("--max-batch-bytes", type=click.IntRange(256), default=None,
              help="Also cap each batch's payload in bytes (for servers with small message limits).")
@click.option("--wipe", "wipe_first", is_flag=True,
              help="First delete every chidao node (and its relationships) in the database; asks to confirm.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation before --wipe.")
@focus_options
def push_neo4j(uri: str, user: str, no_auth: bool, database: str | None, batch_size: int,
               max_batch_bytes: int | None, wipe_first: bool, yes: bool,
               db, document, body, query_name, params, depth) -> None:
    """MERGE the graph into Neo4j: constraints first, then nodes, then edges (pushing twice changes nothing)."""
    import neo4j

    from chidao.graph.stores.neo4j import counts, push_graph, wipe

    graph = load_graph(db, document, body, query_name, params, depth)
    password = neo4j_password(no_auth)
    where = printable(f"{redact_uri(uri)} ({database or 'default database'})")
    if wipe_first and not yes:
        click.confirm(f"Delete every chidao node and relationship in {where}?", abort=True, err=True)
    try:
        auth = None if no_auth else (user, password)
        with neo4j_errors(uri, user), neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
            driver.verify_connectivity()
            deleted = wipe(driver, database) if wipe_first else 0
            report = push_graph(driver, graph, database=database, batch_size=batch_size,
                                max_batch_bytes=max_batch_bytes)
            nodes, edges = counts(driver, database)
    except (ValueError, TypeError) as exc:  # a graph the schema does not allow
        raise click.ClickException(f"cannot push this graph: {exc}") from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    wiped = f"wiped {deleted} nodes, " if wipe_first else ""
    click.echo(f"{wiped}{report.summary()} to {where}; it now holds {nodes} chidao nodes and {edges} relationships")


COMMANDS = [push_group]
