"""Store upkeep commands: remove documents, rebuild a store from its recorded files."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import click

from chidao.commands.common import echo_error
from chidao.commands.export import db_option
from chidao.errors import ChidaoError


@click.command("remove")
@click.argument("documents", nargs=-1, required=True)
@db_option
def remove_command(documents: tuple[str, ...], db: str) -> None:
    """Forget documents (by id or number): their facts, their files' records, and the node itself
    unless another document cites it (then it is a stub again). All of them in one transaction, or
    none: a name that matches nothing or several documents stops the command before anything is
    removed. Re-ingesting a removed document's file adds it back."""
    from chidao.graph.stores import open_store
    from chidao.queries import resolve_ref

    try:
        with contextlib.closing(open_store(db)) as store:
            ids = sorted({i for ref in documents for i in resolve_ref(store, ref, "document", ambiguous="error")})
            files = store.stats()["files"]
            counts = store.remove_documents(ids)
            files -= store.stats()["files"]
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    for doc in ids:
        click.echo(f"removed {doc}")
    click.echo(f"{len(ids)} documents removed, {files} file records forgotten; {counts['nodes_added']:+d} nodes, "
               f"{counts['edges_added']:+d} edges")


@click.command("rebuild")
@db_option
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Parse in this many processes (default: the number of cores; one for under 32 files).")
def rebuild_command(db: str, jobs: int | None) -> None:
    """Make the store again from the files it recorded: after an upgrade that changed ids (a store of
    an older format is refused until then). The old store is kept beside it (STORE.old-<time>);
    recorded files that are gone are reported and left out."""
    from chidao.graph.stores import default_path
    from chidao.graph.stores.embedded import EmbeddedStore
    from chidao.ingest import default_jobs, ingest

    path = default_path(db)
    if not Path(path).exists():
        raise click.ClickException(f"{path}: no store here")
    try:
        with contextlib.closing(EmbeddedStore(path, read_only=True, check_format=False)) as old:
            recorded = [r["path"] for r in old.all_sources()]
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    present = [p for p in recorded if os.path.isfile(p)]
    aside = f"{path}.old-{time.strftime('%Y%m%d-%H%M%S')}"
    for suffix in ("", ".wal", ".journal"):
        if os.path.lexists(path + suffix):
            os.replace(path + suffix, aside + suffix)
    try:
        report = ingest(present, path, jobs=jobs or default_jobs(len(present)))
    except ChidaoError as exc:
        raise click.ClickException(f"{exc} (the old store is at {aside})") from None
    for gone in sorted(set(recorded) - set(present)):
        echo_error(f"{gone}: recorded in the old store but gone; left out")
    for name, reason in report.failed:
        echo_error(f"{name}: {reason}")
    click.echo(f"rebuilt {path} from {len(present)} of {len(recorded)} recorded files (old store: {aside})")
    click.echo(report.summary())
    if report.failed or len(present) < len(recorded):
        sys.exit(1)


COMMANDS = [remove_command, rebuild_command]
