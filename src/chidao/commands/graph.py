"""Store commands: ingest, stats, show, bodies, cypher, query, queries, demo."""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from chidao.commands.common import bolt_uri, echo_error, neo4j_errors, neo4j_password
from chidao.commands.export import db_option, parse_params
from chidao.commands.output import parse_params as typed_params
from chidao.commands.output import rename_columns, render_rows, table_options, table_width
from chidao.errors import ChidaoError

FORMATS = click.Choice(["table", "json", "csv"])


def _store(db: str, read_only: bool = True):
    from chidao.graph.stores import open_store

    try:
        return open_store(db, read_only=read_only)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Parse in this many processes (default: the number of cores; one for under 32 files).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that cannot be read; write nothing.")
@click.option("--prune", is_flag=True,
              help="Then forget the documents whose files under PATHS are gone (one transaction, counted).")
@click.option("--records", is_flag=True,
              help="PATHS are JSON Lines of records made by 'chidao extract --format jsonl' (here or on other "
                   "machines; a folder gives its *.jsonl files, - reads standard input), not directives.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Scans: auto reads PDF pages without text and images by OCR (the default, or $CHIDAO_OCR); "
                   "always also PDF pages that have text; never refuses them. OCR text is cached by file hash.")
def ingest_command(paths: tuple[str, ...], db: str, jobs: int | None, fail_fast: bool, prune: bool, records: bool,
                   ocr: str | None) -> None:
    """Read directives (files or folders, recursively) into the graph store.

    A file whose content (sha256) is already stored is skipped; a changed file replaces its own
    document's facts and nothing else. Each batch (up to 2,000 files) is written in one transaction.
    A file that cannot be read gets one line on stderr (error: FILE: REASON) and the exit status is
    then 1; the summary line counts what was added. A text with no header, no items and no assignment
    is not stored: a warning line each (warning: FILE: not a directive …) and a count in the summary.
    A path that does not exist stops the command before the store is created. With --prune, files
    recorded under PATHS that are gone lose their records, and documents left with no file are
    forgotten (a stub again if others cite them).

    With --records, each line is checked against the record contract; a bad line gets one line on
    stderr (error: FILE:LINE: REASON) and the others go on. A record stands for the file it names
    (its path and sha256), so records and files of the same content are the same document.
    """
    from chidao.ingest import default_jobs, ingest
    from chidao.loaders import iter_files
    from chidao.loaders import ocr as scans

    click.get_current_context().with_resource(scans.settings(ocr))  # in the environment: workers see it
    if records:
        if prune:
            raise click.UsageError("--prune looks for files gone from this disk; it does not go with --records")
        _ingest_records(paths, db, fail_fast)
        return
    unlisted: list[tuple[str, str]] = []  # folders the walk could not list: errors, counted as failed
    files = list(iter_files(paths, on_error=lambda folder, reason: unlisted.append((str(folder), reason))))
    if unlisted and fail_fast:
        echo_error(f"{unlisted[0][0]}: {unlisted[0][1]}")
        sys.exit(1)
    try:  # walked once here: the count sizes the bar, ingest takes the list
        with _ingest_progress(len(files), sys.stderr.isatty()) as progress:
            report = ingest(files, db, jobs=jobs or default_jobs(len(files)), fail_fast=fail_fast, on_progress=progress,
                            prune_under=list(paths) if prune else None)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    report.failed[:0] = unlisted
    report.seen += len(unlisted)
    for path, reason in report.failed:
        echo_error(f"{path}: {reason}")
    for path in report.not_directives:
        click.echo(f"warning: {path}: not a directive (no header, no items, no assignment); not stored", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


def _ingest_records(paths: tuple[str, ...], db: str, fail_fast: bool) -> None:
    from chidao.ingest import ingest_records
    from chidao.records import record_files

    stdin = ""
    with contextlib.ExitStack() as stack:
        names = list(paths)
        if "-" in names:  # standard input: spooled to a file, since records are read twice
            spool = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".jsonl", prefix="chidao-stdin-"))
            for block in iter(lambda: sys.stdin.buffer.read(1 << 20), b""):
                spool.write(block)
            spool.flush()
            names, stdin = [spool.name if n == "-" else n for n in names], spool.name
        total = sum(_count_lines(n) for n in record_files(names) if Path(n).is_file())
        try:
            with _ingest_progress(total, sys.stderr.isatty(), unit="records") as progress:
                report = ingest_records(names, db, fail_fast=fail_fast, on_progress=progress)
        except ChidaoError as exc:
            raise click.ClickException(str(exc)) from None
    for name, reason in report.failed:
        shown = "<stdin>" + name.removeprefix(stdin) if stdin and name.startswith(stdin) else name
        echo_error(f"{shown}: {reason}")
    for path in report.not_directives:
        click.echo(f"warning: {path}: not a directive (no header, no items, no assignment); not stored", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


def _count_lines(path: str) -> int:
    """Lines in a file (sizes the progress bar; a file that cannot be read is reported by the ingest)."""
    try:
        with open(path, "rb") as fp:
            return sum(block.count(b"\n") for block in iter(lambda: fp.read(1 << 20), b""))
    except OSError:
        return 0


PROGRESS_LINES = 10
"""Without a terminal, a long ingest prints this many plain progress lines (at each tenth)."""

QUIET_BELOW = 200
"""…and none at all for fewer files than this: a log should not fill with lines for a small batch."""


@contextlib.contextmanager
def _ingest_progress(total: int, interactive: bool, unit: str = "files"):
    """A progress bar on a terminal; on a pipe or in a log, a plain line at each tenth of a long run."""
    if interactive:
        with click.progressbar(length=total, label="Reading", file=sys.stderr, show_pos=True,
                               item_show_func=lambda s: s) as bar:
            def update(path: str, outcome: str) -> None:
                bar.update(1, f"{outcome}: {Path(path).name[:40]}")

            yield update
        return
    done = {"n": 0}
    step = max(1, -(-total // PROGRESS_LINES))

    def line(path: str, outcome: str) -> None:
        done["n"] += 1
        if total >= QUIET_BELOW and (done["n"] % step == 0 or done["n"] == total):
            click.echo(f"ingest: {done['n']}/{total} {unit} ({100 * done['n'] // total}%)", err=True)

    yield line


@click.command("stats")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@table_options
def stats_command(db: str, fmt: str, width: int | None, full: bool) -> None:
    """Count nodes by label and edges by type."""
    with contextlib.closing(_store(db)) as store:
        stats = store.stats()
    rows = [{"kind": "node", "name": k, "count": v} for k, v in stats["nodes"].items()]
    rows += [{"kind": "edge", "name": k, "count": v} for k, v in stats["edges"].items()]
    rows.append({"kind": "files", "name": "SourceFile", "count": stats["files"]})
    click.echo(render_rows(rows, fmt, table_width(width, full)))


@click.command("show")
@click.argument("document")
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@table_options
def show_command(document: str, db: str, fmt: str, width: int | None, full: bool) -> None:
    """Show one document (by id or number): its header and every edge in or out, with quotes.

    Facts come in document order (item 2 before item 10); a document without a number is named by
    its type, date and issuer.
    """
    from chidao.graph.stores import cypher
    from chidao.queries import document_labels, natural_key, resolve_ref

    with contextlib.closing(_store(db)) as store:
        try:
            ids = resolve_ref(store, document, "document", ambiguous="error")
            head = store.query(cypher.show_document(), {"ids": ids})
            facts = store.query(cypher.show_facts(), {"ids": ids})
            names = document_labels(store, ids + [f["other"] for f in facts if str(f["other"]).startswith("doc:")])
        except ChidaoError as exc:
            raise click.ClickException(str(exc)) from None
    head = [{"id": h["id"], "name": names.get(h["id"], h["id"]), **{k: v for k, v in h.items() if k != "id"}}
            for h in head]
    for f in facts:
        f["document"] = names.get(f["document"], f["document"])
        if f["other"] in names:
            f["name"] = names[f["other"]]
    facts.sort(key=lambda r: (str(r["document"]), r["dir"], r["edge"], natural_key(r["item"]),
                              *("" if r[k] is None else str(r[k]) for k in ("other", "role", "quote"))))
    if fmt == "json":
        click.echo(json.dumps({"documents": head, "facts": facts}, ensure_ascii=False, indent=2))
        return
    click.echo(render_rows(head, fmt, table_width(width, full)))
    click.echo("")
    click.echo(render_rows(facts, fmt, table_width(width, full)))


@click.command("bodies")
@db_option
@click.option("--province", help="Only bodies and posts of this province, however spelled: 'Lai Châu', 'lai chau', "
              "'tỉnh Lai-Châu', 'lai-chau'.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@table_options
def bodies_command(db: str, province: str | None, fmt: str, width: int | None, full: bool) -> None:
    """List bodies and posts (ids to pass to queries) with how many measures each is responsible for."""
    from chidao.graph.names import find_province, in_province
    from chidao.graph.stores import cypher

    place = find_province(province) if province else None
    if province and place is None:
        raise click.ClickException(f"no province matches {province!r} (e.g. 'Lai Châu', 'lai chau', 'tỉnh Đồng Nai')")
    with contextlib.closing(_store(db)) as store:
        rows = store.query(cypher.list_actors())
    if place is not None:
        rows = [r for r in rows if in_province(r, place)]
        if not rows:
            raise click.ClickException(f"no body or post of {place[1]} in the store")
    click.echo(render_rows(rows, fmt, table_width(width, full)))


@click.command("cypher")
@click.argument("query")
@db_option
@click.option("--param", "params", multiple=True,
              help="Query parameter k=v, used as $k (repeatable), typed as written: n=2 (integer), x=1.5, "
                   "flag=true, d=2021-07-22 (date), ids='[\"a\",\"b\"]' (JSON list or map); "
                   "n='\"2\"' stays the string 2.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--allow-files", is_flag=True,
              help="Allow clauses that read or write files or load code (LOAD FROM, COPY, INSTALL, ATTACH…).")
@table_options
def cypher_command(query: str, db: str, params: tuple[str, ...], fmt: str, allow_files: bool, width: int | None,
                   full: bool) -> None:
    """Run a Cypher query on the embedded store (read-only).

    A node prints as its name and id (JSON: every property); a column without AS is headed by the
    expression as written (count(*)). Clauses that reach the file system or load extensions are
    refused unless --allow-files: a read-only store still lets LOAD FROM read any file and COPY … TO
    write one.
    """
    from chidao.graph.stores.cypher import file_access

    found = file_access(query)
    if found and not allow_files:
        raise click.ClickException(f"{found} reaches files or loads code: refused (pass --allow-files to run it)")
    values = typed_params(params)
    with contextlib.closing(_store(db)) as store:
        try:
            rows = store.query(query, values)
        except ChidaoError as exc:
            raise click.ClickException(str(exc)) from None
    _echo(render_rows(rename_columns(rows, query), fmt, table_width(width, full)))


@click.command("query")
@click.argument("name")
@db_option
@click.option("--param", "params", multiple=True, help="Parameter k=v (see 'chidao queries').")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--all-matches", is_flag=True,
              help="A name that matches several bodies (one per province) runs over all of them instead of "
                   "listing them.")
@click.option("--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded", show_default=True,
              help="Run on the embedded store or on a Neo4j server.")
@click.option("--uri", envvar="NEO4J_URI", callback=bolt_uri,
              help="Neo4j URI for --backend neo4j, e.g. bolt://localhost:7687 (or set NEO4J_URI).")
@click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
              help="Neo4j user (or NEO4J_USER); the password comes from NEO4J_PASSWORD or a hidden prompt.")
@click.option("--no-auth", is_flag=True, help="Send no credentials (a server started with NEO4J_AUTH=none).")
@click.option("--database", envvar="NEO4J_DATABASE", help="Neo4j database name (or NEO4J_DATABASE).")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="Only the first N rows, in the query's order (default: all).")
@table_options
def query_command(name: str, db: str, params: tuple[str, ...], fmt: str, all_matches: bool, backend: str,
                  uri: str | None, user: str, no_auth: bool, database: str | None, limit: int | None,
                  width: int | None, full: bool) -> None:
    """Run a stored accountability query by name.

    A body, post, person or document is named by id or by name (accents, case, Uỷ/Ủy, "các" and
    honorifics as you like; the province may end the name: "ban tuyen giao tinh uy lai chau"); a
    name that fits several nodes lists them — pick an id, add the province to the name, or pass
    --all-matches. Parameters are typed by the query (see 'chidao queries NAME').
    """
    from chidao.queries import run_query

    ambiguous = "all" if all_matches else "error"
    try:
        if backend == "neo4j":
            rows = _run_on_neo4j(name, parse_params(params), uri, None if no_auth else user, database, ambiguous,
                                 limit)
        else:
            with contextlib.closing(_store(db)) as store:
                rows = run_query(store, name, parse_params(params), ambiguous=ambiguous, limit=limit)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    _echo(render_rows(rows, fmt, table_width(width, full)))


def _echo(text: str) -> None:
    if text:
        click.echo(text)


def _run_on_neo4j(name: str, params: dict[str, str], uri: str | None, user: str | None, database: str | None,
                  ambiguous: str = "error", limit: int | None = None):
    """A stored query on a Neo4j server; ``user`` None sends no credentials."""
    from chidao.queries import run_query

    if not uri:
        raise click.ClickException("--backend neo4j needs --uri (or NEO4J_URI)")
    try:
        import neo4j

        from chidao.graph.stores.neo4j import Neo4jRunner
    except ImportError:
        raise click.ClickException("the Neo4j backend is not available (pip install 'chidao[neo4j]')") from None
    auth = None if user is None else (user, neo4j_password(False))
    with neo4j_errors(uri, user or ""), neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        return run_query(Neo4jRunner(driver, database), name, params, ambiguous=ambiguous, limit=limit)


@click.command("queries")
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@table_options
def queries_command(name: str | None, fmt: str, width: int | None, full: bool) -> None:
    """List the stored queries, or describe one: chidao queries NAME.

    NAME prints what the query answers, each parameter with its meaning and an example, the columns
    it returns, the focus options it can feed (export … --query NAME), and its Cypher.
    """
    from chidao.queries import describe_query, get_query, list_queries

    if name is None:
        rows = [{"name": q.name, "params": ", ".join(p.name if p.required else f"[{p.name}={p.default}]" if p.default
                                                     else f"[{p.name}]" for p in q.params), "description": q.description}
                for q in list_queries()]
        click.echo(render_rows(rows, fmt, table_width(width, full)))
        return
    try:
        info = describe_query(get_query(name))
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return
    click.echo(_describe_text(info, table_width(width, full)))


def _describe_text(info: dict[str, Any], width: int | None) -> str:
    """``chidao queries NAME`` as text, wrapped to ``width``."""
    import textwrap

    def para(text: str, indent: str = "") -> list[str]:
        if width is None:
            return [indent + text]
        return textwrap.wrap(text, width=max(20, width), initial_indent=indent, subsequent_indent=indent) or [""]

    out = [f"{info['name']} — {info['title']}", ""] + para(info["description"]) + [""]
    if info["params"]:
        out.append("Parameters:")
        for p in info["params"]:
            need = "required" if p["required"] else f"default {p['default']}"
            out += para(f"{p['name']} ({p['kind']}, {need}): {p['description']}", "  ")
            if p["example"] is not None:
                out.append(f"    e.g. --param {p['name']}={_shell_quote(p['example'])}")
    else:
        out.append("Parameters: none")
    out += [""] + para("Columns: " + ", ".join(info["columns"])) + ["", "Feeds:"]
    out += [line for feed in info["feeds"] for line in para(feed, "  ")]
    out += ["", "Example:", f"  {info['example']}", "", "Cypher (Neo4j; also what runs on the embedded store"
            + (" except where the LadybugDB variant below differs" if info["cypher_ladybug"] else "") + "):", ""]
    out += ["  " + line for line in info["cypher"].strip().splitlines()]
    if info["cypher_ladybug"]:
        out += ["", "LadybugDB variant:", ""] + ["  " + line for line in info["cypher_ladybug"].strip().splitlines()]
    return "\n".join(line.rstrip() for line in out)


def _shell_quote(value: str) -> str:
    return value if value and all(c.isalnum() or c in "-_/:.+" for c in value) else f'"{value}"'


def sample_directives() -> Path:
    """The bundled sample directives (shipped as package data)."""
    from importlib import resources

    return Path(str(resources.files("chidao").joinpath("data", "samples")))


@click.command("demo")
@click.option("--db", type=click.Path(path_type=str), default=None,
              help="Store to create (default: a new temporary folder).")
@click.option("--html", "html_path", type=click.Path(path_type=str), default=None,
              help="Where to write the interactive HTML graph (default: beside the store).")
def demo_command(db: str | None, html_path: str | None) -> None:
    """Ingest the bundled sample directives and show what to try next."""
    from chidao.ingest import ingest

    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="chidao-demo-")) / "chidao.lbug")
    samples = sample_directives()
    try:
        report = ingest([samples], db)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Ingested the sample directives from {samples}")
    click.echo(f"  {report.summary()}")
    click.echo(f"  store: {db}")
    html = _demo_html(db, html_path)
    if html:
        click.echo(f"  interactive graph: {html}  (open it in a browser; it works offline)")
    click.echo("\nTry next:")
    for line in (
        f'chidao stats --db "{db}"',
        f'chidao query accountability-chain --db "{db}" --param body="bí thư các huyện ủy, thành ủy"',
        f'chidao query responsibilities --db "{db}" --param body="ban tuyen giao tinh uy lai chau"',
        f'chidao query who-assigned --db "{db}" --param body="Ban Dân vận Tỉnh ủy" --all-matches',
        f'chidao bodies --db "{db}" --province "dong nai"',
        f'chidao cypher --db "{db}" "MATCH (d:Document) RETURN d.number, d.date, d.is_stub"',
        f'chidao show 629-CV/TU --db "{db}"',
        f'chidao export raci --db "{db}" --format md',
        "chidao queries",
        "chidao queries responsibilities",
    ):
        click.echo(f"  {line}")


def _demo_html(db: str, html_path: str | None) -> str | None:
    """Write the demo's HTML view when the HTML exporter is installed."""
    try:
        from chidao.graph.export.html import write_html
    except ImportError:
        return None
    from chidao.commands.export import load_graph

    target = html_path or str(Path(db).with_name("chidao-demo.html"))
    write_html(load_graph(db), target)
    return target


COMMANDS = [ingest_command, stats_command, show_command, bodies_command, cypher_command, query_command,
            queries_command, demo_command]
