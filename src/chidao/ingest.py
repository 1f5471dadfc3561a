"""Ingest: files and folders → records → one graph batch → the store, in one transaction.

Unchanged files (same path and sha256) are skipped; a changed file replaces its own document's
facts; a file that cannot be read is reported as one line (file: reason) and the batch goes on
without it (unless ``fail_fast``). Parsing can run in several processes (``jobs``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chidao.errors import ChidaoError

Progress = Callable[[str, str], None]
"""Called with (path, outcome) per file: outcome is added, replaced, unchanged or failed."""


@dataclass
class IngestReport:
    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    nodes_added: int = 0
    edges_added: int = 0
    documents: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.seen} files: {self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                f"{len(self.failed)} failed; {self.nodes_added:+d} nodes, {self.edges_added:+d} edges")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fp:
        for block in iter(lambda: fp.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _extract(path: str) -> tuple[str, dict[str, Any] | None, str | None]:
    """Worker: (path, record, error). Never raises, so one bad file cannot stop the pool."""
    from chidao.extract import extract_file

    try:
        return path, extract_file(path), None
    except ChidaoError as exc:
        return path, None, str(exc)
    except Exception as exc:  # a parser bug must not take the batch down; report it on the file
        return path, None, f"{path}: internal error while extracting ({type(exc).__name__}: {exc})"


def extract_many(paths: list[str], jobs: int = 1) -> Iterable[tuple[str, dict[str, Any] | None, str | None]]:
    if jobs <= 1 or len(paths) < 2:
        yield from (_extract(p) for p in paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_extract, paths, chunksize=max(1, min(64, len(paths) // (jobs * 4) or 1)))


BATCH_FILES = 2000
"""Files per transaction: bounded memory for large folders; each batch commits or rolls back whole."""


def ingest(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] | None = None, *, jobs: int = 1,
           fail_fast: bool = False, on_progress: Progress | None = None, store=None,
           batch_files: int = BATCH_FILES) -> IngestReport:
    """Ingest files and folders into the store at ``db`` (or an open ``store``).

    Files are written in transactions of ``batch_files``: a failure (or a kill) loses at most the
    batch being written, never anything already committed, and never half a batch.
    """
    from chidao.graph.build import build_graph
    from chidao.graph.stores import open_store
    from chidao.loaders import iter_files

    report = IngestReport()
    own = store is None
    store = store or open_store(db)
    try:
        todo: list[str] = []
        for path in iter_files(paths):
            report.seen += 1
            name = str(path)
            try:
                sha = _sha256(path)
            except OSError as exc:
                report.failed.append((name, f"{name}: {exc.strerror or exc}"))
                _notify(on_progress, name, "failed")
                if fail_fast:
                    return report
                continue
            known = store.source(name)
            if known and known["sha256"] == sha:
                report.unchanged += 1
                _notify(on_progress, name, "unchanged")
                continue
            todo.append(name)
        records: list[dict[str, Any]] = []
        sources: list[tuple[str, str, str]] = []

        def flush() -> None:
            if not records:
                return
            replace = {r["document"]["id"] for r in records}
            for name, *_ in sources:
                previous = store.source(name)
                if previous and previous["document"]:
                    replace.add(previous["document"])
            counts = store.write(build_graph(records), replace=sorted(replace), sources=sources)
            report.nodes_added += counts["nodes_added"]
            report.edges_added += counts["edges_added"]
            report.documents += sorted({r["document"]["id"] for r in records})
            records.clear()
            sources.clear()

        for name, record, error in extract_many(todo, jobs):
            if error is not None:
                report.failed.append((name, error))
                _notify(on_progress, name, "failed")
                if fail_fast:
                    return report  # nothing written: the store is as it was
                continue
            previous = store.source(name)
            if previous:
                report.replaced += 1
            else:
                report.added += 1
            records.append(record)
            sources.append((name, record["source"]["sha256"], record["document"]["id"]))
            _notify(on_progress, name, "replaced" if previous else "added")
            if len(records) >= batch_files and not fail_fast:
                flush()
        flush()
        return report
    finally:
        if own:
            store.close()


def _notify(callback: Progress | None, path: str, outcome: str) -> None:
    if callback is not None:
        callback(path, outcome)
