"""``chidao export html``: the interactive, offline graph view."""

from __future__ import annotations

import click

from chidao.commands.export import export_group, focus_options, load_graph, open_output

LARGE = 500  # above this many nodes, the page opens as a grouped overview


@export_group.command("html")
@focus_options
@click.option("--province", help="Only the documents of this province (accents, case, 'tỉnh' optional), their "
              "items and what they name.")
@click.option("--since", metavar="DATE", help="Only documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Only documents dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--view", "mode", type=click.Choice(["auto", "detail", "overview"]), default="auto", show_default=True,
              help=f"detail: every node, in layers; overview: documents and bodies in groups that open on click; "
              f"auto: overview above {LARGE} nodes.")
@click.option("-o", "--output", default="chidao.html", show_default=True, type=click.Path(path_type=str),
              help="HTML file to write (- for standard output).")
@click.option("--max-nodes", type=click.IntRange(1), default=2000, show_default=True,
              help="Most nodes drawn at once; a detail view refuses more (narrow with the focus options).")
@click.option("--title", default="chidao", show_default=True, help="Page title.")
def export_html(db, document, body, query_name, params, depth, province, since, until, mode, output, max_nodes,
                title) -> None:
    """One self-contained HTML file that works offline: search, filters, legend, details with quotes.

    Narrow a big graph with --document, --body, --province, --since/--until, --query NAME --param k=v
    and --depth N.
    """
    from chidao.errors import ChidaoError
    from chidao.graph.export.html import choose_mode, render_html
    from chidao.graph.focus import within

    graph = load_graph(db, document, body, query_name, params, depth)
    try:
        graph = within(graph, province=province, since=since, until=until)
        page = render_html(graph, title=title, max_nodes=max_nodes, mode=mode)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    with open_output(output, binary=True) as fp:  # UTF-8 bytes, also to a Windows console
        fp.write(page.encode("utf-8"))
    if output != "-":
        shown = "grouped overview" if choose_mode(graph, mode) == "overview" else "every node"
        click.echo(f"wrote {output}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, {shown} "
                   "(one file, works offline)", err=True)
