"""Bulk first load: an ingest into an empty embedded store, staged on disk and loaded with one ``COPY``
per table into a new store that is renamed into place.

Why: the transactional path (:meth:`EmbeddedStore.write_graph`) looks every id of a batch up in the
store, updates existing nodes with one statement per property set, and pays for the checkpoint a
``COPY`` forces — about 4 ms a document, ten times what the engine needs to load the same rows with
one ``COPY`` into an empty table. Into an empty store nothing has to be looked up in the engine.

How, for an exactly equal store: the loader receives the same batches, in the same order, as the
transactional path would, and applies the same rules as ``EmbeddedStore._write`` — with an on-disk
SQLite file instead of the engine as the place the rows accumulate (memory stays bounded: only the
engine's ids are held by SQLite's own page cache):

* a node already staged is updated with the known values of the new batch (a citation stub never
  overwrites a document: ``_update_existing``), a new one is inserted whole (``_write_nodes``);
* an undated citation is pointed at the one dated document already staged (``_attach_undated``);
  a dated document takes over the citations of an undated stub staged earlier (``_absorb_stubs``);
* a ``PART_OF`` link already staged is not added again; every other edge is (``_write_edges``);
* source-file rows are upserted by path (``_record_sources``);
* a document staged already and given again (two files with one document id) first loses every edge
  it stated and its measures, and what those edges touched is removed if nothing mentions it any more
  (``_drop_document_facts``, ``_drop_orphans``).

Two cases go the engine's own way: a batch that forgets documents (``replace``, which an ingest into
an empty store never passes) or replaces more than ``SWEEP_DOCUMENTS`` at once (the transactional
path then sweeps every table for orphans). From that batch on, the staged rows are loaded into the
new store and the rest of the run goes through ``write_graph`` on it — the same store either way.

Crash safety: nothing touches the target until the end. The new store is built in a folder beside the
target (``<store>.bulk-*``, the same disk: a full disk is met while staging and reported in one
line), checkpointed, closed, and renamed over the target — a kill at any moment leaves the empty
target (or none) or the complete store; the folder a killed load leaves is deleted at the next
ingest into that store (:func:`discard_stale`).
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import datetime as dt
import gc
import io
import itertools
import marshal
import os
import shutil
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from chidao.errors import StoreError
from chidao.graph import schema
from chidao.graph.stores import cypher as q
from chidao.graph.stores import embedded
from chidao.graph.stores.base import SourceRow, WriteCounts
from chidao.graph.stores.copier import POOL_MB, Copier, load_part
from chidao.graph.stores.embedded import (
    ID_CHUNK,
    EmbeddedStore,
    _check_attachment,
    _chunks,
    _value,
    dated_documents,
)

PREFIX = ".bulk-"
"""A bulk load's folder is ``<store>.bulk-<random>``, beside the store."""

BULK_FROM = 200
"""Files to write from which an ingest into an empty store takes the bulk path: below, building a
second store and copying costs more than the few transactions it saves (measured, docs/store.md)."""

CSV_ROWS = 20_000
"""Rows written to a ``COPY`` file at a time (the file is streamed, never held whole)."""

COPY_ROWS = 500_000
"""Rows per ``COPY`` (then a checkpoint): a table bigger than this is loaded in parts."""

COPY_CHARS = 128 << 20
"""Characters per ``COPY`` file at most (checked every ``CSV_ROWS`` rows): the engine holds a part
in its page cache until the checkpoint, and 500,000 measures with their text are 340 MB — more than
a 512 MiB cache can take (measured at 100,000 documents, docs/performance.md)."""

SQLITE_CACHE_KB = 65_536
"""SQLite's page cache while staging (KiB): the staging file itself is on disk."""

SQLITE_READ_CACHE_KB = 8_192
"""SQLite's page cache while the ``COPY`` files are written: each table is read in one pass."""


def discard_stale(target: str | os.PathLike[str]) -> None:
    """Delete the folders of bulk loads into ``target`` that a kill interrupted (called by a writer
    holding the store, so no live load of it can be running)."""
    target = Path(target)
    with contextlib.suppress(OSError):
        for path in target.parent.glob(glob_escape(target.name) + PREFIX + "*"):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _columns(label: str) -> list[str]:
    return q.node_columns(label)


def _booleans(label: str) -> set[str]:
    return {p for p, kind in schema.NODE_PROPERTIES[label].items() if kind == "boolean"}


class BulkLoad:
    """Batches staged for one bulk load into the empty store at ``target``.

    Quacks like the part of ``EmbeddedStore`` that ingest writes through (``write_graph``,
    ``checkpoint``); :meth:`install` builds the store and renames it into place, :meth:`discard`
    forgets everything (and is safe to call after ``install``)."""

    def __init__(self, target: str | os.PathLike[str], *, buffer_pool_mb: int | None = None) -> None:
        self.target = str(target)
        self.buffer_pool_mb = buffer_pool_mb
        parent = Path(self.target).parent
        parent.mkdir(parents=True, exist_ok=True)
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=Path(self.target).name + PREFIX, dir=parent)).resolve()
        except OSError as exc:
            raise StoreError(f"{parent}: cannot start the bulk load ({exc.strerror or exc})") from None
        self.built = str(self.folder / "store.lbug")
        self.store: EmbeddedStore | None = None  # the new store, once rows are loaded into it
        self.batches = 0
        self._seq = 0
        self._nodes = self._edges = 0  # staged rows, counted here: a count(*) reads a whole table
        # (0.2 s a batch at 100,000 documents)
        self._db = sqlite3.connect(str(self.folder / "stage.sqlite"), isolation_level=None)
        self._guard(self._create)

    # --- staging ------------------------------------------------------------------------------------

    def _create(self) -> None:
        """The staging tables: one per node label (id, then the store's columns), one for every edge."""
        db = self._db
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE",
                       f"cache_size=-{SQLITE_CACHE_KB}"):
            db.execute(f"PRAGMA {pragma}")
        for label in schema.NODE_LABELS:
            cols = ", ".join(f'"{c}"' for c in _columns(label) if c != "id")
            db.execute(f'CREATE TABLE "{label}" (id TEXT PRIMARY KEY, {cols})')
        db.execute("CREATE TABLE edges (seq INTEGER PRIMARY KEY, type TEXT, sl TEXT, tl TEXT, u TEXT, v TEXT, "
                   "key TEXT, doc TEXT, vals BLOB)")
        # the look-ups the rules make: edges by endpoint (citations of a document, lexicon links, orphans)
        # and by the document that states them (replacing it)
        db.execute("CREATE INDEX edges_u ON edges(u, type)")
        db.execute("CREATE INDEX edges_v ON edges(v)")
        db.execute("CREATE INDEX edges_doc ON edges(doc)")
        db.execute(f'CREATE INDEX measures_document ON "{schema.MEASURE}"(document)')
        db.execute("CREATE TABLE sources (path TEXT PRIMARY KEY, sha256 TEXT, document TEXT, at TEXT)")

    def _guard(self, step: Any, *args: Any) -> Any:
        """Run a staging step; a full disk (or any SQLite failure) is one line, and nothing is loaded."""
        try:
            return step(*args)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.folder}: bulk load failed while staging rows ({exc}); nothing was "
                             "written to the store") from None
        except OSError as exc:
            raise StoreError(f"{self.folder}: bulk load failed while staging rows ({exc.strerror or exc}); "
                             "nothing was written to the store") from None

    def checkpoint(self) -> None:
        """Nothing to checkpoint while staging (the new store is checkpointed as it is loaded)."""
        if self.store is not None:
            self.store.checkpoint()

    def write_graph(self, graph: nx.MultiDiGraph, *, replace: Iterable[str] = (),
                    sources: Iterable[SourceRow] = ()) -> WriteCounts:
        """Stage one batch, with the rules of ``EmbeddedStore._write`` (see the module docstring)."""
        _check_attachment(graph)
        replace, sources = sorted(set(replace)), list(sources)
        self.batches += 1
        replaced: list[str] = []
        if self.store is None:
            own = sorted(n for n, d in graph.nodes(data=True)
                         if d.get("label") == schema.DOCUMENT and not d.get("is_stub"))
            replaced = self._guard(self._loaded_documents, own)
            if replace or len(replaced) > embedded.SWEEP_DOCUMENTS:
                self._switch()  # documents forgotten, or a sweep of every table: the engine's own path
        if self.store is not None:
            return self.store.write_graph(graph, replace=replace, sources=sources)
        return self._guard(self._stage, graph, replaced, sources)

    def _stage(self, graph: nx.MultiDiGraph, replaced: list[str], sources: list[SourceRow]) -> WriteCounts:
        before = self._counts()
        self._db.execute("BEGIN")
        touched = self._drop_document_facts(replaced)
        graph = self._attach_undated(graph)
        self._write_nodes(graph)
        self._absorb_stubs(graph)
        self._write_edges(graph)
        self._drop_orphans(touched)
        self._record_sources(sources)
        self._db.execute("COMMIT")
        after = self._counts()
        return WriteCounts(nodes_added=after[0] - before[0], edges_added=after[1] - before[1])

    def _counts(self) -> tuple[int, int]:
        return self._nodes, self._edges

    def _loaded_documents(self, ids: list[str]) -> list[str]:
        """Those of ``ids`` that are documents (not stubs) staged already: the batch replaces them."""
        found: list[str] = []
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            found += [r[0] for r in self._db.execute(
                f'SELECT id FROM "{schema.DOCUMENT}" WHERE id IN ({marks}) AND is_stub = 0', chunk)]
        return sorted(found)

    def _drop_document_facts(self, docs: list[str]) -> dict[str, set[str]]:
        """``EmbeddedStore._drop_document_facts``: every edge a replaced document stated (its
        ``document``; the store checks on write that such an edge hangs on that document or its
        measures), then its measures with any edge left on them; the nodes the edges touched."""
        touched: dict[str, set[str]] = defaultdict(set)
        db = self._db
        for chunk in _chunks(docs, 500):
            marks = ",".join("?" * len(chunk))
            for sl, u, tl, v in db.execute(f"SELECT sl, u, tl, v FROM edges WHERE doc IN ({marks})", chunk):
                touched[sl].add(u)
                touched[tl].add(v)
            self._edges -= db.execute(f"DELETE FROM edges WHERE doc IN ({marks})", chunk).rowcount
            measures = [r[0] for r in db.execute(
                f'SELECT id FROM "{schema.MEASURE}" WHERE document IN ({marks})', chunk)]
            for ids in _chunks(measures, 500):
                more = ",".join("?" * len(ids))
                self._edges -= db.execute(f"DELETE FROM edges WHERE u IN ({more}) OR v IN ({more})",
                                          ids + ids).rowcount
            self._nodes -= db.execute(f'DELETE FROM "{schema.MEASURE}" WHERE document IN ({marks})', chunk).rowcount
        return touched

    def _detach_delete(self, label: str, node: str) -> None:
        self._edges -= self._db.execute("DELETE FROM edges WHERE u = ? OR v = ?", (node, node)).rowcount
        self._nodes -= self._db.execute(f'DELETE FROM "{label}" WHERE id = ?', (node,)).rowcount

    def _drop_orphans(self, touched: dict[str, set[str]]) -> None:
        """``EmbeddedStore._drop_orphans`` for the nodes the replaced facts touched: uncited stubs, and
        actors no edge mentions but their own ``PART_OF`` links upward (their parents in turn)."""
        db = self._db
        for doc in sorted(touched.get(schema.DOCUMENT, ())):
            row = db.execute(f'SELECT is_stub FROM "{schema.DOCUMENT}" WHERE id = ?', (doc,)).fetchone()
            if row and row[0] == 1 and not db.execute(
                    "SELECT 1 FROM edges WHERE v = ? AND type = ? LIMIT 1", (doc, schema.CITES)).fetchone():
                self._detach_delete(schema.DOCUMENT, doc)
        for label in (schema.PERSON, schema.POST, schema.BODY):
            candidates = set(touched.get(label, ()))
            for _ in range(embedded.ORPHAN_PASSES):
                if not candidates:
                    break
                orphans, parents = set(), set()
                for node in sorted(candidates):
                    if not db.execute(f'SELECT 1 FROM "{label}" WHERE id = ?', (node,)).fetchone():
                        continue
                    if db.execute("SELECT 1 FROM edges WHERE u = ? AND type <> ? LIMIT 1",
                                  (node, schema.PART_OF)).fetchone():
                        continue
                    if db.execute("SELECT 1 FROM edges WHERE v = ? LIMIT 1", (node,)).fetchone():
                        continue
                    orphans.add(node)
                    parents |= {r[0] for r in db.execute("SELECT v FROM edges WHERE u = ? AND type = ?",
                                                         (node, schema.PART_OF)) if r[0]}
                for node in sorted(orphans):
                    self._detach_delete(label, node)
                candidates = parents - orphans if label == schema.BODY else set()

    def _attach_undated(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """``EmbeddedStore._attach_undated`` over the staged documents."""
        mapping = {}
        for node, data in graph.nodes(data=True):
            if data.get("label") == schema.DOCUMENT and data.get("is_stub") and node.count("/") == 1:
                prefix = node + "/"
                rows = self._db.execute(f'SELECT id FROM "{schema.DOCUMENT}" WHERE id >= ? AND id < ?',
                                        (prefix, node + chr(ord("/") + 1))).fetchall()
                dated = [r[0] for r in rows if r[0].startswith(prefix) and r[0][len(prefix):].isdigit()]
                if len(dated) == 1 and dated[0] not in graph:
                    mapping[node] = dated[0]
        return nx.relabel_nodes(graph, mapping, copy=True) if mapping else graph

    def _write_nodes(self, graph: nx.MultiDiGraph) -> None:
        """``EmbeddedStore._write_nodes`` + ``_update_existing``: new nodes whole, existing ones get the
        known values (never from a citation stub onto a document)."""
        by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for node, data in graph.nodes(data=True):
            by_label[data["label"]].append((node, data))
        for label, nodes in by_label.items():
            columns = _columns(label)
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            sets = ", ".join(f'"{c}" = coalesce(excluded."{c}", "{c}")' for c in columns if c != "id")
            where = " WHERE excluded.is_stub IS NOT 1" if label == schema.DOCUMENT else ""
            statement = (f'INSERT INTO "{label}" ({names}) VALUES ({marks}) '
                         f"ON CONFLICT(id) DO UPDATE SET {sets}{where}")
            ids = [node for node, _ in nodes]
            staged = 0
            for chunk in _chunks(ids, 500):
                staged += self._db.execute(f'SELECT count(*) FROM "{label}" WHERE id IN ({",".join("?" * len(chunk))})',
                                           chunk).fetchone()[0]
            self._nodes += len(ids) - staged
            self._db.executemany(statement, ([_value(node if c == "id" else data.get(c)) for c in columns]
                                             for node, data in nodes))

    def _absorb_stubs(self, graph: nx.MultiDiGraph) -> None:
        """``EmbeddedStore._absorb_stubs``: the citations of an undated document staged earlier move to
        the dated document of this batch, and the undated one goes (with every edge it still has)."""
        dated = dated_documents(graph)
        if not dated:
            return
        db = self._db
        cited = set()
        for chunk in _chunks(sorted(dated), ID_CHUNK):
            marks = ",".join("?" * len(chunk))
            cited |= {r[0] for r in db.execute(
                f"SELECT DISTINCT e.v FROM edges e JOIN \"{schema.DOCUMENT}\" d ON d.id = e.v "
                f"WHERE e.type = ? AND e.sl = ? AND e.v IN ({marks})",
                [schema.CITES, schema.DOCUMENT, *chunk])}
        for stub in sorted(cited):
            rows = db.execute("SELECT seq FROM edges WHERE v = ? AND type = ? AND sl = ? ORDER BY seq",
                              (stub, schema.CITES, schema.DOCUMENT)).fetchall()
            for (seq,) in rows:
                db.execute("UPDATE edges SET v = ?, seq = ? WHERE seq = ?", (dated[stub], self._next(), seq))
        for stub in sorted(cited):  # DETACH DELETE
            self._detach_delete(schema.DOCUMENT, stub)

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _write_edges(self, graph: nx.MultiDiGraph) -> None:
        """``EmbeddedStore._write_edges``: every edge of the batch, but a lexicon link already staged.
        An edge's properties are kept with ``marshal`` (five times faster than JSON): the staging file
        is read back by this same process, and deleted with the load."""
        labels = {n: d["label"] for n, d in graph.nodes(data=True)}
        part_of_sources = sorted({u for u, _, d in graph.edges(data=True) if d["type"] == schema.PART_OF})
        known_part_of: set[tuple[str, str]] = set()
        for chunk in _chunks(part_of_sources, ID_CHUNK):
            marks = ",".join("?" * len(chunk))
            known_part_of |= set(self._db.execute(
                f"SELECT u, v FROM edges WHERE u IN ({marks}) AND type = '{schema.PART_OF}'", chunk))
        props = {t: list(schema.EDGE_PROPERTIES[t]) for t in schema.EDGE_TYPES}
        rows = []
        for u, v, key, data in graph.edges(keys=True, data=True):
            edge_type = data["type"]
            if edge_type == schema.PART_OF and (u, v) in known_part_of:
                continue
            rows.append((self._next(), edge_type, labels[u], labels[v], u, v, key, data.get("document"),
                         marshal.dumps([data.get(p) for p in props[edge_type]])))
        self._db.executemany("INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self._edges += len(rows)

    def _record_sources(self, sources: list[SourceRow]) -> None:
        if not sources:
            return
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._db.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, "
            "document = excluded.document, at = excluded.at",
            [(_value(path), sha, doc, now) for path, sha, doc in sources])

    # --- loading ------------------------------------------------------------------------------------

    def _switch(self) -> None:
        """Load what is staged into the new store; later batches are written to it transactionally
        (in this process: the rare case of a run that replaces documents it staged)."""
        self.store = EmbeddedStore(self.built, auto_checkpoint=False, buffer_pool_mb=self.buffer_pool_mb)
        self._copy(_InProcess(self.store))

    def _copy(self, sink: Any) -> None:
        """One ``COPY`` per node table, per (edge type, endpoint labels) and for the source files."""
        try:
            for label in schema.NODE_LABELS:
                booleans = _booleans(label)
                columns = _columns(label)
                flags = [i for i, c in enumerate(columns) if c in booleans]
                names = ", ".join(f'"{c}"' for c in columns)
                cursor = self._db.execute(f'SELECT {names} FROM "{label}" ORDER BY rowid')
                self._load(sink, label, columns, _bools(cursor, flags), lambda p, lb=label: q.copy_nodes(lb, p))
            self._db.execute("CREATE INDEX edges_group ON edges(type, sl, tl, seq)")
            groups = self._db.execute("SELECT DISTINCT type, sl, tl FROM edges ORDER BY type, sl, tl").fetchall()
            for edge_type, source, target in groups:
                cursor = self._db.execute("SELECT u, v, key, vals FROM edges WHERE type = ? AND sl = ? AND tl = ? "
                                          "ORDER BY seq", (edge_type, source, target))
                rows = ([u, v, key, *marshal.loads(vals)] for u, v, key, vals in cursor)
                self._load(sink, f"{edge_type}-{source}-{target}", q.edge_columns(edge_type), rows,
                           lambda p, e=edge_type, s=source, t=target: q.copy_edges(e, s, t, p))
            cursor = self._db.execute("SELECT path, sha256, document, at FROM sources ORDER BY rowid")
            self._load(sink, schema.SOURCE_FILE, list(schema.SOURCE_FILE_PROPERTIES), cursor,
                       lambda p: q.copy_nodes(schema.SOURCE_FILE, p))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.folder}: bulk load failed while reading staged rows ({exc}); nothing was "
                             "written to the store") from None
        except OSError as exc:
            raise StoreError(f"{self.folder}: bulk load failed while writing COPY files ({exc.strerror or exc}); "
                             "nothing was written to the store") from None

    def _load(self, sink: Any, name: str, columns: list[str], rows: Iterable[Iterable[Any]], copy: Any) -> None:
        """``COPY`` the rows in files of at most ``COPY_ROWS`` (and ``COPY_CHARS``), each followed by a checkpoint: the
        engine keeps what it wrote in its page cache until a checkpoint, so one table of a big corpus
        in one ``COPY`` could need more than the cache. Each part has its own file: the sink may still
        be loading the last one while this one is written."""
        rows = iter(rows)
        for part in itertools.count():
            path = self.folder / f"{name}-{part}.csv"
            if not _stream_csv(path, columns, itertools.islice(rows, COPY_ROWS)):
                return
            sink.load(path, copy(str(path)))

    def install(self, store: EmbeddedStore) -> EmbeddedStore:
        """Build the new store (unless batches already went to it), checkpoint it, close ``store`` (the
        empty target) and rename the new one over it; return the target opened again."""
        if self.batches == 0:
            return store
        try:
            if self.store is None:
                self._copy_in_child()
            else:
                self.store.checkpoint()
                self.store.close()
        except StoreError as exc:
            if "nothing was written" in str(exc):
                raise
            raise StoreError(f"{exc}; the bulk load was abandoned: nothing was written to {self.target}") from None
        self.store = None
        self._db.close()
        _fsync(self.built)
        read_only, options = store.read_only, dict(store._options)
        store.close()
        for leftover in (self.target + ".wal", self.target + ".wal.checkpoint"):  # the empty target's log
            with contextlib.suppress(FileNotFoundError):  # must not be replayed onto the new file
                os.unlink(leftover)
        if os.path.lexists(self.built + ".wal") or os.path.lexists(self.built + ".wal.checkpoint"):
            raise StoreError(f"{self.built}: the new store kept a write-ahead log after its checkpoint; "
                             "nothing was installed")
        os.replace(self.built, self.target)
        _fsync(str(Path(self.target).parent))
        self.discard()
        return EmbeddedStore(self.target, read_only=read_only, auto_checkpoint=options["auto_checkpoint"],
                             buffer_pool_mb=(options["buffer_pool_size"] >> 20) or None)

    def _copy_in_child(self) -> None:
        """Build the new store in a process of its own (``copier``): the writer's heap stays out of
        the peak, and the next part's file is written while the child loads the last one."""
        from chidao.graph.stores import default_pool_mb

        self._db.execute(f"PRAGMA cache_size=-{SQLITE_READ_CACHE_KB}")  # the rows are read in order now
        self._db.execute("PRAGMA shrink_memory")
        _give_back_memory()
        pool = self.buffer_pool_mb or min(POOL_MB, default_pool_mb())
        loader = Copier(self.built, pool, self.folder / "copier.log")
        try:
            self._copy(loader)
            loader.finish()
        except StoreError as exc:
            raise StoreError(f"{self.folder}: bulk load failed while loading the new store ({exc}); nothing "
                             "was written to the store") from None
        finally:
            loader.close()

    def discard(self) -> None:
        """Forget the load: the staged rows, the new store if any (the target is untouched)."""
        if self.store is not None:
            with contextlib.suppress(Exception):
                self.store._conn.close()
                self.store._db.close()
            self.store = None
        with contextlib.suppress(Exception):
            self._db.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class _InProcess:
    """A sink that loads each part into a store open in this process."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store

    def load(self, path: Path, cypher: str) -> None:
        load_part(self.store, cypher, path)


def _give_back_memory() -> None:
    """Return what the staging batches left in Python's heap to the system before the ``COPY``
    phase: the resolution caches, full by then, and what glibc keeps of freed memory (the writer held
    0.7 GB through the ``COPY``s at 100,000 documents)."""
    from chidao.resolution import clear_caches

    clear_caches()
    gc.collect()
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).malloc_trim(0)


def _bools(rows: Iterable[tuple[Any, ...]], flags: list[int]) -> Iterator[list[Any]]:
    """SQLite's 0/1 back to booleans (``COPY`` reads True/False)."""
    for row in rows:
        row = list(row)
        for i in flags:
            if row[i] is not None:
                row[i] = bool(row[i])
        yield row


def _stream_csv(path: Path, columns: list[str], rows: Iterable[Iterable[Any]]) -> bool:
    """Write a ``COPY`` file like ``embedded._write_csv`` (None and "" empty, NFC), a chunk of rows at
    a time; False (and no file) when there are no rows."""
    wrote, size = False, 0
    with open(path, "w", encoding="utf-8", newline="") as fp:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        for count, row in enumerate(rows, start=1):
            writer.writerow(row)
            wrote = True
            if count % CSV_ROWS == 0:
                size += _flush(fp, out)
                out.seek(0)
                out.truncate()
                if size >= COPY_CHARS:
                    break  # the part is big enough; the next file takes the rows that follow
        _flush(fp, out)
    if not wrote:
        path.unlink()
    return wrote


def _flush(fp: Any, out: io.StringIO) -> int:
    text = out.getvalue()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return fp.write(text)


def _fsync(path: str) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def usable_path(target: str) -> bool:
    """Whether ``COPY`` can read files beside ``target`` (its statement cannot quote ' or \\)."""
    folder = str(Path(target).resolve().parent)
    return "'" not in folder and "\\" not in folder and "'" not in Path(target).name and "\\" not in Path(target).name
