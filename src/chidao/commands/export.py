"""``chidao export …``: one group, one subcommand per format, all sharing the focus and output options.

Formats live in their own command modules (listed in ``EXPORT_MODULES``) that add subcommands to
``export_group``; each subcommand loads the (focused) graph with :func:`load_graph` and calls one
library writer.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import click

from chidao.errors import ChidaoError

EXPORT_MODULES: tuple[str, ...] = (
    "chidao.commands.export_interchange",
    "chidao.commands.export_rdf",
    "chidao.commands.export_neo4j",
    "chidao.commands.export_html",
    "chidao.commands.export_maps",
)


@click.group("export")
def export_group() -> None:
    """Write the graph (or a focused part of it) in another format: RDF, GraphML, Neo4j, HTML, maps."""


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected k=v, got {item!r}", param_hint="--param")
        params[key.strip()] = value
    return params


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", envvar="CHIDAO_DB", default="chidao.lbug", show_default=True,
                        type=click.Path(path_type=str), help="Embedded store path (or set CHIDAO_DB).")(func)


def focus_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--document``, ``--body``, ``--query NAME --param k=v``, ``--depth N``: the part of the graph to use."""
    for option in reversed([
        click.option("--document", help="Focus on a document (id or number, e.g. 629-CV/TU)."),
        click.option("--body", help="Focus on a body, post or person (id or name)."),
        click.option("--query", "query_name", help="Focus on the nodes a stored query returns."),
        click.option("--param", "params", multiple=True, help="Parameter for --query, as k=v (repeatable)."),
        click.option("--depth", type=click.IntRange(0, 10), default=1, show_default=True,
                     help="Steps around the focus to include."),
    ]):
        func = option(func)
    return db_option(func)


def output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-o", "--output", default="-", show_default=True, type=click.Path(path_type=str),
                        help="Output file, or - for standard output.")(func)


def load_graph(db: str, document: str | None = None, body: str | None = None, query_name: str | None = None,
               params: tuple[str, ...] = (), depth: int = 1):
    """The graph in the store at ``db``, narrowed by the focus options."""
    from chidao.graph.focus import focus
    from chidao.graph.load import graph_from_store
    from chidao.graph.stores import open_store

    if not Path(db).exists():
        raise click.ClickException(f"{db}: no store here (run 'chidao ingest' first or pass --db)")
    try:
        with contextlib.closing(open_store(db, read_only=True)) as store:
            graph = graph_from_store(store)
            rows = None
            if query_name:
                from chidao.queries import run_query

                rows = run_query(store, query_name, parse_params(params))
        return focus(graph, document=document, body=body, rows=rows, depth=depth)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None


@contextlib.contextmanager
def whole_store(db: str) -> Iterator[Any]:
    """The store at ``db`` opened read-only, for an export written straight from it in pages (no
    whole-graph networkx); a store error is a one-line CLI error."""
    from chidao.graph.stores import open_store

    if not Path(db).exists():
        raise click.ClickException(f"{db}: no store here (run 'chidao ingest' first or pass --db)")
    try:
        with contextlib.closing(open_store(db, read_only=True)) as store:
            yield store
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None


@contextlib.contextmanager
def open_output(path: str, binary: bool = False) -> Iterator[IO[Any]]:
    """A file opened for writing (UTF-8 for text), or standard output for ``-``.

    A file is written to a temporary name and renamed when complete, so a failed export never
    leaves half a file behind.
    """
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    target = check_output_file(path)
    tmp = target.with_name(f".{target.name}.part")
    try:
        with open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8", newline="\n") as fp:
            yield fp
        tmp.replace(target)
    except OSError as exc:  # a full disk, a read-only folder
        raise click.ClickException(f"{path}: cannot write ({exc.strerror or exc}); nothing was written") from None
    finally:
        tmp.unlink(missing_ok=True)


def check_output_file(path: str) -> Path:
    """An output path must name a regular file or nothing, in a folder that exists: writing through
    the temporary-then-rename path would replace a device with a regular file."""
    target = Path(path)
    if target.is_dir():
        raise click.ClickException(f"{path}: is a folder; name a file to write")
    if os.path.lexists(target) and not target.is_file():
        raise click.ClickException(f"{path}: not a regular file (a device, a FIFO or a socket); name a file to write")
    if not target.parent.is_dir():
        raise click.ClickException(f"{path}: folder {target.parent} does not exist")
    return target


def _register() -> None:
    for name in EXPORT_MODULES:
        if importlib.util.find_spec(name) is None:  # a format still being written
            continue
        importlib.import_module(name)


_register()

COMMANDS = [export_group]
