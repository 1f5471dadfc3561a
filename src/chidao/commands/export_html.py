"""``chidao export html``: the interactive, offline graph view."""

from __future__ import annotations

import click

from chidao.commands.export import export_group, focus_options, load_graph, open_output

LARGE = 500  # above this many nodes, say that the layout takes a while


@export_group.command("html")
@focus_options
@click.option("-o", "--output", default="chidao.html", show_default=True, type=click.Path(path_type=str),
              help="HTML file to write (- for standard output).")
@click.option("--max-nodes", type=click.IntRange(1), default=2000, show_default=True,
              help="Refuse to draw more nodes than this; narrow with the focus options.")
@click.option("--title", default="chidao", show_default=True, help="Page title.")
def export_html(db, document, body, query_name, params, depth, output, max_nodes, title) -> None:
    """One self-contained HTML file that works offline: search, filters, legend, details with quotes.

    Narrow a big graph with --document, --body, --query NAME --param k=v and --depth N.
    """
    from chidao.errors import ChidaoError
    from chidao.graph.export.html import render_html

    graph = load_graph(db, document, body, query_name, params, depth)
    try:
        page = render_html(graph, title=title, max_nodes=max_nodes)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    with open_output(output, binary=True) as fp:  # UTF-8 bytes, also to a Windows console
        fp.write(page.encode("utf-8"))
    if output != "-":
        click.echo(f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
                   "(one file, works offline)", err=True)
    if graph.number_of_nodes() > LARGE:
        click.echo(f"note: {graph.number_of_nodes()} nodes take the browser some seconds to lay out; "
                   "--document, --body or --query show a smaller part", err=True)
