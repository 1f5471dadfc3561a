"""``chidao extract``: one record per file, as JSON Lines, a JSON array, or a table for people."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from chidao.commands.common import echo_error, printable
from chidao.errors import ChidaoError


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="jsonl: one record per line (the contract); json: an array; table: a summary to read.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Scans: auto reads PDF pages without text and images by OCR (the default, or $CHIDAO_OCR); "
                   "always also PDF pages that have text; never refuses them.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="OCR this many pages at once (default 1, or $CHIDAO_OCR_JOBS).")
@click.option("--progress/--no-progress", default=None,
              help="Show the pages of scans as OCR reads them, on stderr (default: only on a terminal).")
def extract_command(files: tuple[str, ...], fmt: str, ocr: str | None, jobs: int | None,
                    progress: bool | None) -> None:
    """Read directives and print what each one says: header, measures, assignments, provenance.

    A file that cannot be read gets one line on stderr naming it; the others still print, and the
    exit status is 1.
    """
    from chidao.extract import extract_record
    from chidao.loaders import iter_files, read
    from chidao.loaders import ocr as scans

    context = click.get_current_context()
    context.with_resource(scans.settings(ocr, jobs))  # restored after the command
    if progress or (progress is None and sys.stderr.isatty()):
        context.with_resource(scans.page_progress(context.with_resource(ocr_page_bar(sys.stderr.isatty()))))

    failed = 0
    records: list[dict[str, Any]] = []

    def unlisted(folder: Any, reason: str) -> None:  # a folder the walk cannot list: an error, counted
        nonlocal failed
        echo_error(f"{folder}: {reason}")
        failed += 1

    for path in iter_files(files, on_error=unlisted):
        try:
            document = read(path)
            record = scans.annotate(extract_record(document), document)
        except ChidaoError as exc:
            echo_error(str(exc))
            failed += 1
            continue
        if fmt == "jsonl":
            click.echo(json.dumps(record, ensure_ascii=False))
        elif fmt == "table":
            click.echo(render_table(record))
        else:
            records.append(record)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    if failed:
        sys.exit(1)


@contextlib.contextmanager
def ocr_page_bar(interactive: bool) -> Iterator[Callable[[str, int, int], None]]:
    """A page callback for ``ocr.page_progress``: on a terminal a bar per scan (``OCR scan.pdf``,
    pages read of pages to read, on stderr); elsewhere (``--progress`` into a log) a plain line per
    page. A one-page image shows nothing on a terminal: its bar would only flash."""
    bars: dict[str, Any] = {}

    def update(path: str, done: int, total: int) -> None:
        name = printable(os.path.basename(path))
        if not interactive:
            click.echo(f"ocr: {name}: page {done}/{total}", err=True)
            return
        if total < 2:
            return
        bar = bars.get(path)
        if bar is None:
            bar = bars[path] = click.progressbar(length=total, label=f"OCR {name[:40]}", file=sys.stderr,
                                                 show_pos=True)
            bar.__enter__()
        bar.update(1)
        if done >= total:
            bars.pop(path).__exit__(None, None, None)

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.__exit__(None, None, None)


def _name(ref: dict[str, Any] | None) -> str:
    return ref["name"] if ref else "—"


def render_table(record: dict[str, Any]) -> str:
    """A plain-text summary: header fields, then one line per assignment, accountability and report."""
    d = record["document"]
    s = record.get("signer") or {}
    rows = [
        ("file", record["source"]["path"]),
        ("id", d["id"]),
        ("type", d["type"] or "—"),
        ("number", d["number"] or "—"),
        ("date", d["date"] or "—"),
        ("place", d["place"] or "—"),
        ("issuer", _name(d["issuer"])),
        ("authority", _name(d["authority"])),
        ("subject", d["subject"] or "—"),
        ("signer", " · ".join(x for x in (s.get("capacity"), s.get("title"), s.get("name")) if x) or "—"),
    ]
    width = max(len(k) for k, _ in rows)
    out = [f"{k:<{width}}  {v}" for k, v in rows]
    out.append(f"{'recipients':<{width}}  " + ("; ".join(_name(r) for r in record["recipients"]) or "—"))
    out.append(f"{'cc':<{width}}  " + ("; ".join(_name(r) for r in record["cc"]) or "—"))
    for c in record["citations"]:
        out.append(f"{'cites':<{width}}  {c['type'] or '?'} {c['number'] or '(no number)'} {c['date'] or ''}"
                   f" — {_name(c['issuer'])}")
    for m in record["measures"]:
        for a in m["assignments"]:
            out.append(f"{'assigns':<{width}}  [{m['item'] or '-'}] {a['role']:<9} {_name(a['body'])}")
    for a in record["accountability"]:
        out.append(f"{'answers':<{width}}  {_name(a['who'])} → {_name(a['to'])}")
    for r in record["reporting"]:
        out.append(f"{'reports':<{width}}  {_name(r['who'])} → {_name(r['to'])} ({r['cadence'] or 'unstated'})")
    for dl in record["deadlines"]:
        out.append(f"{'deadline':<{width}}  {dl['by'] or '?'} {dl['what']}")
    for w in record["warnings"]:
        out.append(f"{'warning':<{width}}  {w}")
    return "\n".join(out) + "\n"


COMMANDS = [extract_command]
