"""``chidao export raci`` and ``chidao export responsibilities``: who must do what, as tables."""

from __future__ import annotations

import io
from pathlib import Path

import click

from chidao.commands.export import export_group, focus_options, load_graph, open_output


def place_options(func):
    """``--province``, ``--since``, ``--until``: the maps of one province's documents, or of a period
    (the same narrowing as ``export html``: :func:`chidao.graph.focus.within`)."""
    for option in reversed([
        click.option("--province", help="Only the documents of this province (accents, case, 'tỉnh' optional) "
                     "and what they assign."),
        click.option("--since", metavar="DATE", help="Only documents dated on or after DATE (YYYY, YYYY-MM or "
                     "YYYY-MM-DD)."),
        click.option("--until", metavar="DATE", help="Only documents dated on or before DATE (YYYY, YYYY-MM or "
                     "YYYY-MM-DD)."),
    ]):
        func = option(func)
    return func


def _narrowed(db, document, body, query_name, params, depth, province, since, until):
    """The focused graph, then only the province's or the period's documents."""
    from chidao.errors import ChidaoError
    from chidao.graph.focus import within

    graph = load_graph(db, document, body, query_name, params, depth)
    try:
        return within(graph, province=province, since=since, until=until)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None


def excel_option(func):
    return click.option("--excel/--no-excel", default=None,
                        help="CSV: start with a UTF-8 byte-order mark so Excel shows Vietnamese, not mojibake "
                             "(default: on for a file, off for standard output).")(func)


def _bom(fmt: str, excel: bool | None, output: str) -> str:
    """The byte-order mark a CSV for Excel starts with, when asked (or by default, to a file)."""
    from chidao.graph.export.maps import BOM

    wanted = excel if excel is not None else output != "-"
    return BOM if fmt == "csv" and wanted else ""


def _write(output: str, text: str) -> None:
    """UTF-8 bytes with LF line ends, to a file (atomically) or to standard output on any platform."""
    with open_output(output, binary=True) as fp:
        fp.write(text.encode("utf-8"))


@export_group.command("raci")
@focus_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md"]), default=None,
              help="Output format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(path_type=str),
              help="Output file (- for standard output; xlsx needs a file).")
@click.option("--width", "measure_width", type=click.IntRange(0), default=0,
              help="Markdown only: shorten measure text to this many characters (0 = full text).")
@excel_option
@place_options
def export_raci(db, document, body, query_name, params, depth, fmt, output, measure_width, excel, province, since,
                until) -> None:
    """RACI matrix: one row per measure, one column per body or post (R, A, C, I).

    R executes · A leads (chủ trì) or answers for it · C cooperates (phối hợp) · I informed (Kính gửi,
    Nơi nhận). --province and --since/--until keep one province's documents or a period's. Column names are distinct (province, level or document added); the ids follow in a
    second header row. The XLSX has frozen headers, filters, wrapped text, a legend sheet and a
    Bodies sheet keyed by column letter. Markdown: one table per document, key and measures below.
    """
    from chidao.errors import ChidaoError
    from chidao.graph.export import maps

    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("csv", "xlsx", "md") else "csv"
    if fmt == "xlsx" and output == "-":
        raise click.ClickException("--format xlsx needs -o FILE.xlsx")
    table = maps.raci(_narrowed(db, document, body, query_name, params, depth, province, since, until))
    try:
        if fmt == "xlsx":
            with open_output(output, binary=True) as fp:
                maps.write_raci_xlsx(table, fp)
        else:
            buffer = io.StringIO()
            if fmt == "md":
                maps.write_raci_md(table, buffer, measure_width=measure_width or None)
            else:
                maps.write_raci_csv(table, buffer)
            _write(output, _bom(fmt, excel, output) + buffer.getvalue())
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    if output != "-":
        click.echo(f"wrote {output}: {len(table.rows)} measures × {len(table.columns)} bodies or posts", err=True)


@export_group.command("responsibilities")
@focus_options
@click.option("--all", "all_bodies", is_flag=True, help="One file per body or post, into the folder -o.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json", "csv"]), default="md", show_default=True)
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(path_type=str),
              help="Output file, or folder with --all (- for standard output).")
@excel_option
@place_options
def export_responsibilities(db, document, body, query_name, params, depth, all_bodies, fmt, output, excel, province,
                            since, until) -> None:
    """What one body or post must do (--body), or every body (--all -o DIR): duties, lines, quotes.

    For each: its measures with role, issuing document, date, item, deadline and quote; to whom it
    answers and reports (with cadence). --body takes an id, a name (every province's body of that
    name) or a name and province ("Ban Tuyên giáo Tỉnh ủy Lai Châu"); it selects, it does not narrow
    the graph (use --document or --query for that). --all names each file after the body's province
    and name (lai-chau--ban-tuyen-giao-tinh-uy.md) and writes an index (index.md, or index.html for
    --format html) linking every file.
    """
    from chidao.graph.export import maps

    if not body and not all_bodies:
        raise click.ClickException("name a body with --body NAME, or use --all -o DIR")
    if all_bodies and output == "-":
        raise click.ClickException("--all needs -o DIR")
    graph = _narrowed(db, document, None, query_name, params, depth, province, since, until)
    if all_bodies:
        actors = maps.responsible_actors(graph)
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        stems = maps.file_names(graph, actors)
        files = {a: f"{stems[a]}.{fmt}" for a in actors}
        for actor in actors:
            text = maps.render_responsibilities(maps.responsibilities(graph, actor), fmt)
            _write(str(folder / files[actor]), _bom(fmt, excel, "file") + text)
        index = "index.html" if fmt == "html" else "index.md"
        _write(str(folder / index), maps.render_index(graph, files, "html" if fmt == "html" else "md"))
        click.echo(f"wrote {len(actors)} files and {index} to {folder}", err=True)
        return
    actors = maps.find_actors(graph, body)
    if not actors:
        raise click.ClickException(f"no body or post matches {body!r} (try 'chidao bodies' for the names)")
    infos = [maps.responsibilities(graph, a) for a in actors]
    _write(output, _bom(fmt, excel, output) + maps.render_responsibilities(infos[0] if len(infos) == 1 else infos, fmt))
    if len(infos) > 1:
        click.echo(f"{len(infos)} bodies match {body!r}: " + ", ".join(actors)
                   + " (add the province to the name, or pass an id)", err=True)
