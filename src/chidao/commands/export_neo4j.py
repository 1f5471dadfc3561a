"""``chidao export cypher`` and ``chidao export neo4j-import``."""

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


@export_group.command("cypher")
@focus_options
@output_option
def export_cypher(db, document, body, query_name, params, depth, output) -> None:
    """A .cypher script (constraints, MERGE nodes, MERGE edges) that rebuilds the graph via cypher-shell."""
    from chidao.graph.export.neo4j_files import write_cypher_script

    if not (document or body or query_name):  # the whole store, streamed from it in pages
        from chidao.graph.export.store_stream import write_cypher_script_store

        with whole_store(db) as store, open_output(output) as fp:
            write_cypher_script_store(store, fp)
        return
    graph = load_graph(db, document, body, query_name, params, depth)
    with open_output(output) as fp:
        write_cypher_script(graph, fp)


@export_group.command("neo4j-import")
@focus_options
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for the CSV files and import.sh.")
@click.option("--database", default="neo4j", show_default=True, callback=lambda ctx, param, value: _database(value),
              help="Database the import command writes (overwritten; Community edition: neo4j). "
                   "3 to 63 letters, digits, dots and dashes, as Neo4j requires.")
def export_neo4j_import(db, document, body, query_name, params, depth, out_dir, database) -> None:
    """CSV files in the layout of neo4j-admin database import (the bulk path), with the command to run."""
    from chidao.graph.export.neo4j_files import write_neo4j_import

    if not (document or body or query_name):  # the whole store, streamed from it in pages
        from chidao.graph.export.store_stream import write_neo4j_import_store

        with whole_store(db) as store:
            files = write_neo4j_import_store(store, out_dir, database)
    else:
        files = write_neo4j_import(load_graph(db, document, body, query_name, params, depth), out_dir, database)
    click.echo(f"wrote {len(files)} files to {out_dir}; run {out_dir}/import.sh on the Neo4j host")


def _database(value: str) -> str:
    """Checked before the graph is loaded: the name goes into import.sh (see check_database_name)."""
    from chidao.graph.export.neo4j_files import check_database_name

    try:
        return check_database_name(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
