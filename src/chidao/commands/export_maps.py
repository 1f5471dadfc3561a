"""``chidao export raci`` and ``chidao export responsibilities``."""

from __future__ import annotations

from pathlib import Path

import click

from chidao.commands.export import export_group, focus_options, load_graph, open_output


@export_group.command("raci")
@focus_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md"]), default="csv", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(path_type=str),
              help="Output file (- for standard output; xlsx needs a file).")
def export_raci(db, document, body, query_name, params, depth, fmt, output) -> None:
    """RACI matrix: one row per measure, one column per body or post (R, A, C, I)."""
    from chidao.graph.export import maps

    table = maps.raci(load_graph(db, document, body, query_name, params, depth))
    if fmt == "xlsx":
        if output == "-":
            raise click.ClickException("--format xlsx needs -o FILE.xlsx")
        maps.write_raci_xlsx(table, output)
        return
    with open_output(output) as fp:
        (maps.write_raci_md if fmt == "md" else maps.write_raci_csv)(table, fp)


@export_group.command("responsibilities")
@focus_options
@click.option("--all", "all_bodies", is_flag=True, help="One file per body or post, into the folder -o.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json", "csv"]), default="md", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(path_type=str),
              help="Output file, or folder with --all (- for standard output).")
def export_responsibilities(db, document, body, query_name, params, depth, all_bodies, fmt, output) -> None:
    """What one body or post must do (--body), or every body (--all -o DIR): duties, lines, quotes."""
    from chidao.graph import schema
    from chidao.graph.export import maps
    from chidao.graph.focus import find_nodes

    if not body and not all_bodies:
        raise click.ClickException("name a body with --body NAME, or use --all -o DIR")
    if all_bodies and output == "-":
        raise click.ClickException("--all needs -o DIR")
    graph = load_graph(db, document, None, query_name, params, depth)  # --body selects, it does not narrow
    if all_bodies:
        actors = sorted(n for n, d in graph.nodes(data=True) if d["label"] in schema.ACTORS
                        and any(e["type"] == schema.RESPONSIBLE_FOR for _, _, e in graph.out_edges(n, data=True)))
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        for actor in actors:
            text = maps.render_responsibilities(maps.responsibilities(graph, actor), fmt)
            (folder / f"{maps.safe_name(actor)}.{fmt}").write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(actors)} files to {folder}", err=True)
        return
    actors = find_nodes(graph, body, schema.ACTORS)
    if not actors:
        raise click.ClickException(f"no body or post matches {body!r}")
    texts = [maps.render_responsibilities(maps.responsibilities(graph, a), fmt) for a in actors]
    with open_output(output) as fp:
        fp.write(texts[0] if len(texts) == 1 else ("\n" if fmt != "json" else ",\n").join(texts))
