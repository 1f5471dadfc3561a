"""The embedded store: LadybugDB (Cypher, ACID, no server), default ``./chidao.lbug``.

Every batch is first written to the store's redo journal (:mod:`chidao.graph.stores.journal`), then
in two transactions: the facts (the replaced documents lose their old facts, the batch's nodes and
edges arrive, what no fact mentions any more goes), then the source-file rows — so a file is never
recorded without its document, whatever part of a commit the engine loses in a crash. Any failure
rolls the open transaction back; a kill is repaired at the next open, which replays the journal.

How rows get in depends on the size of the batch (measured, see docs/store.md):

* a big batch (more than :data:`BULK_ROWS` new nodes and edges) goes through ``COPY … FROM`` CSV
  files — the bulk path, but a ``COPY`` makes the commit checkpoint the database, which costs
  0.1–0.5 s on a store of a few thousand documents whatever the batch size;
* a small batch (one changed file, a few documents) goes through ``UNWIND $rows`` statements with one
  ``MATCH`` per endpoint — about 10–30 µs per edge and no checkpoint.

Existing nodes are updated property by property (no ``SET n += map`` in this dialect). Text is
stored and queried in NFC: an NFD string never equals its NFC twin.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from chidao.errors import StoreError
from chidao.graph import schema
from chidao.graph.stores import POOL_ENV, default_pool_mb
from chidao.graph.stores import cypher as q
from chidao.graph.stores.base import SourceRow, WriteCounts
from chidao.graph.stores.journal import Journal

ID_CHUNK = 2000
"""Ids per ``IN $ids`` look-up."""

ROW_CHUNK = 5000
"""Rows per ``UNWIND $rows`` statement."""

BULK_ROWS = 5000
"""A batch with more new nodes + edges than this is loaded with ``COPY``; smaller ones with UNWIND."""

SWEEP_DOCUMENTS = 200
"""Replacing more documents than this sweeps whole tables for orphans instead of following each
deleted edge to its endpoints (cheaper when most of the store is being rewritten)."""

ORPHAN_PASSES = 8
"""A body kept only as the parent of a removed body is removed on the next pass (lexicon chains are short)."""


READ_WAIT_ENV = "CHIDAO_READ_WAIT"
READ_WAIT = 60.0
"""Seconds a reader waits for a writer's checkpoint to finish (``CHIDAO_READ_WAIT`` overrides)."""

REBUILD_HINT = "chidao rebuild --db {path}"


SWEEP = "*"
"""Key of the touched-nodes map meaning: too many to list, sweep every table."""


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, tuple):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _value(value: Any) -> Any:
    """What the store holds for a property: NFC text; an empty string is null (CSV cannot tell them apart)."""
    if isinstance(value, str):
        if not value:
            return None
        return value if value.isascii() or unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    return value


def _write_csv(path: Path, columns: list[str], rows: Iterable[Iterable[Any]]) -> None:
    """A CSV file for ``COPY``: None and "" are both an empty cell (null), booleans True/False, and
    the whole text NFC-normalised in one pass (the same as field by field: no character composes
    with the ASCII quotes and commas between fields)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    text = out.getvalue()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    path.write_text(text, encoding="utf-8", newline="")


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class EmbeddedStore:
    """A LadybugDB database holding the chidao graph (implements ``GraphStore``)."""

    backend = "ladybug"

    def __init__(self, path: str | Path, read_only: bool = False, auto_checkpoint: bool = True,
                 buffer_pool_mb: int | None = None, check_format: bool = True) -> None:
        """``auto_checkpoint=False`` for a run of many batches, ended by :meth:`checkpoint`: LadybugDB
        checkpoints at a commit once its log is big enough, and a checkpoint rewrites the whole
        database (measured: 7 s at 10k documents), so checkpointing after every batch made an ingest
        quadratic in the size of the store. Commits stay durable in the write-ahead log.
        ``buffer_pool_mb``: the engine's page cache; None takes ``stores.default_pool_mb()`` (bounded
        memory by default, readers included)."""
        self.path = str(path)
        self.read_only = read_only
        self.journal = Journal(self.path)
        self._options = {"auto_checkpoint": auto_checkpoint,
                         "buffer_pool_size": (buffer_pool_mb or default_pool_mb(read_only)) << 20}
        _check_file(self.path)
        if read_only:
            self._open_reader()
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._open_writer()
            for statement in q.ddl() + [q.create_info_table()]:
                self._run(statement)
        if check_format:
            self._check_format()
        if not read_only and self.journal.pending():
            self._replay()

    # --- opening ----------------------------------------------------------------------------------

    def _connect(self, read_only: bool) -> None:
        import ladybug

        self._db = ladybug.Database(self.path, read_only=read_only, **self._options)
        try:
            self._conn = ladybug.Connection(self._db)
        except Exception:
            self._db.close()
            raise

    def _open_writer(self) -> None:
        """Open for writing. A write-ahead log the engine calls corrupted (left by a full disk) is set
        aside: every batch committed since the last checkpoint is still in the journal, and is
        replayed. After a writer that did not finish (its journal still holds batches), the engine
        first opens the store in a child process: a log torn at the wrong moment has, rarely, crashed
        the engine itself while it read the log back (a segfault, seen 1 run in about 50 of the kill
        tests) — which no exception handler catches. If the child dies of a signal, the log is set
        aside before this process opens the store, and the journal replays."""
        if self.journal.pending() and Path(self.path + ".wal").exists() and _open_crashes(self.path, self._options):
            os.replace(self.path + ".wal", f"{self.path}.wal.crashed-{int(time.time())}")
        try:
            self._connect(read_only=False)
            return
        except Exception as exc:  # the engine's own exception types are not public
            reason = _reason(exc)
            if not _torn_wal(reason) or not Path(self.path + ".wal").exists():
                raise StoreError(f"{self.path}: cannot open the store ({_open_reason(reason)})") from None
        aside = f"{self.path}.wal.corrupt-{int(time.time())}"
        os.replace(self.path + ".wal", aside)
        try:
            self._connect(read_only=False)
        except Exception as exc:
            raise StoreError(f"{self.path}: cannot open the store ({_open_reason(_reason(exc))})") from None

    def _open_reader(self) -> None:
        """Open read-only. A reader arriving during a writer's checkpoint waits it out (the engine
        refuses it meanwhile); a checkpoint or batch left unfinished by a killed writer is completed
        first by opening for writing once (which fails harmlessly while a live writer holds it)."""
        deadline = time.monotonic() + _read_wait()
        recovered = False
        while True:
            if self.journal.pending() and not recovered:
                recovered = self._recover()
            try:
                self._connect(read_only=True)
                return
            except Exception as exc:
                reason = _reason(exc)
                if "pending" not in reason.lower():
                    raise StoreError(f"{self.path}: cannot open the store ({_open_reason(reason)})") from None
            if not recovered:
                recovered = self._recover()
            if time.monotonic() > deadline:
                raise StoreError(f"{self.path}: cannot open the store (a checkpoint is still pending after "
                                 f"{_read_wait():.0f} s: another process is writing; try again when it is done)")
            time.sleep(0.1)

    def _recover(self) -> bool:
        """Open for writing and close: the engine finishes an interrupted checkpoint, chidao replays its
        journal. False when a live writer holds the store (its own batch is in progress)."""
        try:
            EmbeddedStore(self.path, **{"auto_checkpoint": True}).close()
        except StoreError:
            return False
        return True

    def _check_format(self) -> None:
        """Refuse a store whose ids this version would not find (made before ``schema.STORE_FORMAT``)."""
        try:
            rows = self.query(q.info_get(), {"key": "format"})
        except StoreError:
            rows = []  # a read-only open of a store made before the table existed
        found = int(rows[0]["value"]) if rows else None
        if found is None:
            if not self.read_only and not self._holds_anything():
                self._run(q.info_set(), {"key": "format", "value": str(schema.STORE_FORMAT)})
                return
            found = 1 if self._holds_anything() else schema.STORE_FORMAT
        if found != schema.STORE_FORMAT:
            self.close()
            newer = "a newer" if found > schema.STORE_FORMAT else "an older"
            raise StoreError(f"{self.path}: made by {newer} chidao (store format {found}, this one reads "
                             f"{schema.STORE_FORMAT}: document ids differ); rebuild it from its files with: "
                             + REBUILD_HINT.format(path=self.path))

    def _holds_anything(self) -> bool:
        try:
            return any(self.query(f"MATCH (n:{label}) RETURN n.id AS id LIMIT 1")
                       for label in (schema.DOCUMENT,)) or bool(
                self.query(f"MATCH (s:{schema.SOURCE_FILE}) RETURN s.path AS p LIMIT 1"))
        except StoreError:
            return False

    def _replay(self) -> None:
        """Redo every batch of the journal, oldest first, then checkpoint and forget them."""
        for path in self.journal.entries():
            entry = self.journal.read(path)
            if entry["kind"] == "write":
                self._write(entry["graph"], entry["replace"], entry["sources"], redo=True)
            elif entry["kind"] == "remove":
                self._remove(entry["docs"], entry.get("paths", []))
        self.checkpoint()

    def checkpoint(self) -> None:
        """Merge the write-ahead log into the database file (once, after a bulk run); the journal's
        batches are then in the file, and are forgotten."""
        if not self.read_only:
            self._run("CHECKPOINT")
            self.journal.clear()

    # --- reading ----------------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a Cypher query as dicts; the query text and parameters are NFC-normalised first.

        A reader whose page cache filled is opened again and the query tried once more: once full,
        the engine refuses every later query of the connection, also those that would fit."""
        cypher, params = unicodedata.normalize("NFC", cypher), _nfc(params or {})
        try:
            result = self._conn.execute(cypher, params)
        except Exception as exc:
            reason = _reason(exc)
            if not (self.read_only and _pool_full(reason)):
                raise StoreError(f"query failed: {reason}") from None
            self._reconnect()
            try:
                result = self._conn.execute(cypher, params)
            except Exception as again:
                reason = _reason(again)
                if _pool_full(reason):
                    pool = self._options["buffer_pool_size"] >> 20
                    raise StoreError(f"query failed: its rows do not fit in the engine's page cache ({pool:,} MB); "
                                     f"ask for fewer (--limit) or set {POOL_ENV} to more megabytes") from None
                raise StoreError(f"query failed: {reason}") from None
        try:
            columns = result.get_column_names()
            return [dict(zip(columns, row, strict=True)) for row in result.get_all()]
        finally:  # the engine keeps a result's pages pinned until it is closed (or collected)
            _close(result)

    def _reconnect(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()
            self._db.close()
        self._connect(read_only=self.read_only)

    def stats(self) -> dict[str, Any]:
        nodes = {label: self.query(q.count_nodes(label))[0]["n"] for label in schema.NODE_LABELS}
        edges = {t: self.query(q.count_edges(t))[0]["n"] for t in schema.EDGE_TYPES}
        return {"nodes": nodes, "edges": edges, "node_count": sum(nodes.values()), "edge_count": sum(edges.values()),
                "files": self.query(q.count_nodes(schema.SOURCE_FILE))[0]["n"]}

    def source(self, path: str) -> dict[str, Any] | None:
        """The recorded sha256 and document of a file path, or None."""
        rows = self.query(q.source_by_path(), {"path": path})
        return rows[0] if rows else None

    def sources(self, paths: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks([unicodedata.normalize("NFC", p) for p in paths], ID_CHUNK):
            found |= {r["path"]: r for r in self.query(q.sources_by_paths(), {"paths": chunk})}
        return found

    def sources_with_sha(self, shas: list[str]) -> dict[str, dict[str, Any]]:
        """For each sha256 already recorded (under any path): one recorded row (path, document)."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(shas)), ID_CHUNK):
            for row in self.query(q.sources_by_shas(), {"shas": chunk}):
                found.setdefault(row["sha256"], row)
        return found

    def close(self) -> None:
        """Close; a writer with batches not yet checkpointed checkpoints first (so the journal can go)."""
        if getattr(self, "_conn", None) is None:
            return
        if not self.read_only and self.journal.pending():
            with contextlib.suppress(StoreError):  # the journal stays, and is replayed at the next open
                self.checkpoint()
        self._conn.close()
        self._db.close()
        self._conn = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------------

    def write_graph(self, graph: nx.MultiDiGraph, *, replace: Iterable[str] = (), sources: Iterable[SourceRow] = (),
                    fail_after: str | None = None) -> WriteCounts:
        """Write a batch atomically.

        The documents of ``graph`` that are ingested documents (not citation stubs), and any named in
        ``replace``, first lose the facts an earlier version stated; a replaced document that is not
        in ``graph`` is forgotten (a stub again if others cite it). ``sources`` are (path, sha256,
        document id) rows to record. ``fail_after`` (``delete``, ``nodes`` or ``edges``) raises after
        that step, so tests can prove a failed batch leaves the store as it was.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        _check_attachment(graph)
        replace, sources = sorted(set(replace)), list(sources)
        before = self.stats()
        self.journal.write({"kind": "write", "graph": graph, "replace": replace, "sources": sources})
        self._write(graph, replace, sources, fail_after=fail_after)
        after = self.stats()
        return WriteCounts(nodes_added=after["node_count"] - before["node_count"],
                           edges_added=after["edge_count"] - before["edge_count"])

    def _write(self, graph: nx.MultiDiGraph, replace: list[str], sources: list[SourceRow], *,
               fail_after: str | None = None, redo: bool = False) -> None:
        """The facts in one transaction, then the source-file rows in another: a file is recorded only
        once its document is committed. ``redo``: replaying the journal over whatever part of this
        batch the store kept, so every document of the batch loses what it has, stored or not."""
        own = {n for n, d in graph.nodes(data=True) if d.get("label") == schema.DOCUMENT and not d.get("is_stub")}
        self._run("BEGIN TRANSACTION")
        try:
            if redo:
                replaced = sorted(own | set(replace))
            else:
                replaced = sorted(self._existing_documents(sorted(own | set(replace))))
            touched = self._drop_document_facts(replaced)
            gone = [doc for doc in replaced if doc not in own]  # a file whose document id changed
            touched[schema.DOCUMENT] |= self._forget_documents(gone)
            if fail_after == "delete":
                raise StoreError("injected failure after delete")
            graph = self._attach_undated(graph)
            bulk = graph.number_of_nodes() + graph.number_of_edges() > BULK_ROWS
            with tempfile.TemporaryDirectory(prefix="chidao-copy-") as tmp:
                self._write_nodes(graph, Path(tmp), bulk)
                if fail_after == "nodes":
                    raise StoreError("injected failure after nodes")
                self._absorb_stubs(graph)
                self._write_edges(graph, Path(tmp), bulk)
            self._drop_orphans(touched)
            if fail_after == "edges":
                raise StoreError("injected failure after edges")
            self._run("COMMIT")
        except OSError as exc:  # the temporary CSV files: a full disk, a missing TMPDIR
            self._rollback()
            self._forget_entry(redo)
            raise StoreError(f"{self.path}: write failed ({exc.strerror or exc} while writing temporary files "
                             f"to {tempfile.gettempdir()}); nothing of this batch was written") from None
        except BaseException:
            self._rollback()
            self._forget_entry(redo)
            raise
        if fail_after == "commit":
            raise StoreError("injected failure after the facts' commit")
        if sources:
            self._run("BEGIN TRANSACTION")
            try:
                self._record_sources(sources)
                self._run("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _forget_entry(self, redo: bool) -> None:
        """A batch that failed cleanly (rolled back, process alive) must not be replayed later."""
        entries = self.journal.entries()
        if entries and not redo:
            with contextlib.suppress(OSError):
                entries[-1].unlink()

    write = write_graph
    """Older name of :meth:`write_graph`."""

    def replace_documents(self, documents: Iterable[str], graph: nx.MultiDiGraph | None = None, *,
                          sources: Iterable[SourceRow] = ()) -> WriteCounts:
        """Drop the facts of ``documents`` and write ``graph`` (their new version), in one transaction."""
        return self.write_graph(graph if graph is not None else nx.MultiDiGraph(), replace=documents,
                                sources=sources)

    def remove_documents(self, docs: Iterable[str], paths: Iterable[str] = ()) -> WriteCounts:
        """Forget documents — their facts, their source-file rows, the node unless others cite it — and
        the source-file rows of ``paths``, in one transaction (journalled like a batch)."""
        docs = sorted(set(docs))
        paths = sorted({unicodedata.normalize("NFC", p) for p in paths})
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        before = self.stats()
        self.journal.write({"kind": "remove", "docs": docs, "paths": paths})
        self._remove(docs, paths)
        after = self.stats()
        return WriteCounts(nodes_added=after["node_count"] - before["node_count"],
                           edges_added=after["edge_count"] - before["edge_count"])

    def all_sources(self) -> list[dict[str, Any]]:
        """Every recorded file: path, sha256, document."""
        return self.query(f"MATCH (s:{schema.SOURCE_FILE}) RETURN s.path AS path, s.sha256 AS sha256, "
                          "s.document AS document ORDER BY path")

    def _remove(self, docs: list[str], paths: list[str] = ()) -> None:
        self._run("BEGIN TRANSACTION")
        try:
            touched = self._drop_document_facts(docs)
            touched[schema.DOCUMENT] |= self._forget_documents(docs)
            self._run(q.sources_delete(), {"docs": docs})
            for chunk in _chunks(list(paths), ID_CHUNK):
                self._run(q.sources_delete_paths(), {"paths": chunk})
            self._drop_orphans(touched)
            self._run("COMMIT")
        except BaseException:
            self._rollback()
            self._forget_entry(False)
            raise

    # --- steps --------------------------------------------------------------------------------------

    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        try:
            result = self._conn.execute(cypher, params or {})
            try:
                return result.get_all()
            finally:
                _close(result)
        except Exception as exc:
            raise StoreError(f"{self.path}: write failed ({_reason(exc)})") from None

    def _rollback(self) -> None:
        with contextlib.suppress(Exception):  # nothing left to undo
            self._conn.execute("ROLLBACK")

    def _ids(self, cypher: str, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(ids)), ID_CHUNK):
            found |= {r["id"] for r in self.query(cypher, {"ids": chunk})}
        return found

    def _existing_documents(self, ids: list[str]) -> set[str]:
        return self._ids(q.existing_documents(), ids)

    def _drop_document_facts(self, docs: list[str]) -> dict[str, set[str]]:
        """Delete the measures of ``docs`` and every edge whose ``document`` is one of them; return the
        nodes those edges touched, by label (the only nodes that can have become orphans) — or, for a
        big replacement, ``{SWEEP: …}``: look everywhere."""
        touched: dict[str, set[str]] = defaultdict(set)
        if not docs:
            return touched
        sweep = len(docs) > SWEEP_DOCUMENTS
        if sweep:
            touched[SWEEP] = set()
        for chunk in _chunks(docs, ID_CHUNK):
            for edge_type in schema.EDGE_TYPES:
                for source, target in self._run(q.document_edges_delete(edge_type, returning=not sweep),
                                                {"docs": chunk}):
                    touched[schema.label_of(source)].add(source)
                    touched[schema.label_of(target)].add(target)
            self._run(q.document_measures_delete(), {"docs": chunk})
        return touched

    def _forget_documents(self, docs: list[str]) -> set[str]:
        """Documents no longer ingested: a stub again if others cite them, else deleted."""
        if not docs:
            return set()
        cited = self._ids(q.cited_documents(), docs)
        for chunk in _chunks(sorted(cited), ID_CHUNK):
            self._run(q.documents_to_stubs(), {"ids": chunk})
        for chunk in _chunks(sorted(set(docs) - cited), ID_CHUNK):
            self._run(q.delete_documents(), {"ids": chunk})
        return cited

    def _drop_orphans(self, touched: dict[str, set[str]]) -> None:
        """Remove what no fact mentions any more, looking only at nodes the replaced facts touched
        (or at every node after a big replacement)."""
        sweep = SWEEP in touched
        if sweep:
            self._run(q.uncited_stubs_delete(everywhere=True))
        for chunk in _chunks(sorted(touched.get(schema.DOCUMENT, ())), ID_CHUNK):
            self._run(q.uncited_stubs_delete(), {"ids": chunk})
        for label in (schema.PERSON, schema.POST, schema.BODY):
            candidates = set(touched.get(label, ()))
            everywhere = sweep
            for _ in range(ORPHAN_PASSES):
                if not candidates and not everywhere:
                    break
                rows = (self.query(q.orphans(label, everywhere=True)) if everywhere else
                        [row for chunk in _chunks(sorted(candidates), ID_CHUNK)
                         for row in self.query(q.orphans(label), {"ids": chunk})])
                orphans = {row["id"] for row in rows}
                parents = {p for row in rows for p in row["parents"] if p}
                for chunk in _chunks(sorted(orphans), ID_CHUNK):
                    self._run(q.delete_nodes(label), {"ids": chunk})
                candidates = parents - orphans if label == schema.BODY else set()
                everywhere = False

    def _attach_undated(self, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
        """Point undated citation stubs at the dated document already stored, when exactly one fits."""
        mapping = {}
        for node, data in graph.nodes(data=True):
            if data.get("label") == schema.DOCUMENT and data.get("is_stub") and node.count("/") == 1:
                rows = self.query(q.dated_candidates(), {"prefix": node + "/"})
                dated = [r["id"] for r in rows if r["id"][len(node) + 1:].isdigit()]
                if len(dated) == 1 and dated[0] not in graph:
                    mapping[node] = dated[0]
        return nx.relabel_nodes(graph, mapping, copy=True) if mapping else graph

    def _absorb_stubs(self, graph: nx.MultiDiGraph) -> None:
        """A dated document now stored takes over the undated stub earlier documents cited."""
        dated = dated_documents(graph)
        if not dated:
            return
        rows = []
        for chunk in _chunks(sorted(dated), ID_CHUNK):
            rows += [{**r, "target": dated[r["stub"]]} for r in self.query(q.citers_of(), {"ids": chunk})]
        if not rows:
            return
        for chunk in _chunks(rows, ROW_CHUNK):
            self._run(q.create_cites(), {"rows": chunk})
        stubs = sorted({r["stub"] for r in rows})
        for chunk in _chunks(stubs, ID_CHUNK):
            self._run(q.delete_documents(), {"ids": chunk})

    def _write_nodes(self, graph: nx.MultiDiGraph, tmp: Path, bulk: bool) -> None:
        by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for node, data in graph.nodes(data=True):
            by_label[data["label"]].append((node, data))
        for label, nodes in by_label.items():
            existing = self._ids(q.existing_ids(label), [n for n, _ in nodes])
            fresh = [(n, d) for n, d in nodes if n not in existing]
            columns = q.node_columns(label)
            if fresh and bulk:
                path = tmp / f"{label}.csv"
                _write_csv(path, columns, ([node if c == "id" else data.get(c) for c in columns] for node, data in fresh))
                self._run(q.copy_nodes(label, str(path)))
            elif fresh:
                rows = [{c: _value(node if c == "id" else data.get(c)) for c in columns} for node, data in fresh]
                for chunk in _chunks(rows, ROW_CHUNK):
                    self._run(q.create_nodes(label), {"rows": chunk})
            self._update_existing(label, [(n, d) for n, d in nodes if n in existing])

    def _update_existing(self, label: str, nodes: list[tuple[str, dict[str, Any]]]) -> None:
        by_props: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for node, data in nodes:
            if label == schema.DOCUMENT and data.get("is_stub"):
                continue  # a citation never overwrites what the document itself said
            props = tuple(sorted(p for p in schema.NODE_PROPERTIES[label] if p != "id" and _value(data.get(p)) is not None))
            if props:
                by_props[props].append({"id": node, **{p: _value(data[p]) for p in props}})
        for props, rows in by_props.items():
            for chunk in _chunks(rows, ROW_CHUNK):
                self._run(q.update_node(label, list(props)), {"rows": chunk})

    def _write_edges(self, graph: nx.MultiDiGraph, tmp: Path, bulk: bool = True) -> None:
        labels = {n: d["label"] for n, d in graph.nodes(data=True)}
        part_of_sources = sorted({u for u, _, d in graph.edges(data=True) if d["type"] == schema.PART_OF})
        known_part_of: set[tuple[str, str]] = set()
        for chunk in _chunks(part_of_sources, ID_CHUNK):
            known_part_of |= {(r["source"], r["target"]) for r in self.query(q.part_of_from(), {"ids": chunk})}
        props = {t: list(schema.EDGE_PROPERTIES[t]) for t in schema.EDGE_TYPES}
        groups: dict[tuple[str, str, str], list[list[Any]]] = defaultdict(list)
        for u, v, key, data in graph.edges(keys=True, data=True):
            edge_type = data["type"]
            if edge_type == schema.PART_OF and (u, v) in known_part_of:
                continue  # lexicon links are shared by every document that mentions the body
            groups[(edge_type, labels[u], labels[v])].append([u, v, key, *(data.get(p) for p in props[edge_type])])
        for (edge_type, source, target), rows in sorted(groups.items()):
            columns = q.edge_columns(edge_type)
            if bulk:
                path = tmp / f"{edge_type}-{source}-{target}.csv"
                _write_csv(path, columns, rows)
                self._run(q.copy_edges(edge_type, source, target, str(path)))
            else:
                dicts = [dict(zip(columns, map(_value, row), strict=True)) for row in rows]
                for chunk in _chunks(dicts, ROW_CHUNK):
                    self._run(q.create_edges(edge_type, source, target), {"rows": chunk})

    def _record_sources(self, sources: list[SourceRow]) -> None:
        if not sources:
            return
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = [{"path": _value(path), "sha": sha, "document": doc, "at": now} for path, sha, doc in sources]
        for chunk in _chunks(rows, ROW_CHUNK):
            self._run(q.source_upsert(), {"rows": chunk})


def dated_documents(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The batch's dated documents by the undated id an earlier citation may have stored them under
    (``doc:p/1-ct-tu`` → ``doc:p/1-ct-tu/2021``), when the batch does not hold that undated id itself:
    the stubs a write must hand over to them (both write paths)."""
    dated: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        if data.get("label") != schema.DOCUMENT or data.get("is_stub"):
            continue
        base, _, year = node.rpartition("/")
        if year.isdigit() and base.count("/") == 1 and base not in graph:
            dated[base] = node
    return dated


def _check_attachment(graph: nx.MultiDiGraph) -> None:
    """Edges attached to a document must be stated by that document: replacing a document finds its
    old facts from its node (see ``cypher.document_edges_delete``), so a stray one would survive."""
    for u, v, data in graph.edges(data=True):
        edge_type, doc = data.get("type"), data.get("document")
        if edge_type in q.STATED_AT_SOURCE:
            anchor = u
        elif edge_type in q.STATED_AT_TARGET:
            anchor = v
        elif edge_type in q.STATED_AT_MEASURE:
            anchor = graph.nodes[v].get("document")
        else:
            continue
        if doc != anchor:
            raise StoreError(f"{edge_type} edge {u} -> {v} says it comes from {doc}, not from {anchor}")


TORN_WAL = re.compile(r"corrupt|reading past the end of the file \S*\.wal", re.IGNORECASE)
"""What the engine says of a write-ahead log it cannot replay: corrupted (a full disk), or ending in
the middle of a record (a kill while the engine wrote a commit to it). Either way every batch since
the last checkpoint is still in the journal, so the log is set aside and the journal replayed."""


def _pool_full(reason: str) -> bool:
    return "buffer pool is full" in reason.lower()


def _close(result: Any) -> None:
    """Close a query result (a statement may give a list of them)."""
    for one in result if isinstance(result, list) else [result]:
        with contextlib.suppress(Exception):
            one.close()


PROBE_CRASH_ENV = "CHIDAO_TEST_PROBE_CRASH"
"""Tests: the probe child dies of SIGSEGV as the engine would (the rare crash cannot be made at will)."""

_PROBE = """
import os, signal, sys
if os.environ.get({env!r}):
    os.kill(os.getpid(), signal.SIGSEGV)
import ladybug
db = ladybug.Database(sys.argv[1], buffer_pool_size=int(sys.argv[2]), auto_checkpoint=sys.argv[3] == "1")
conn = ladybug.Connection(db)
conn.close()
db.close()
"""


def _open_crashes(path: str, options: dict[str, Any]) -> bool:
    """Open the store for writing in a child process; True when the engine died of a signal there. Any
    other failure (a live writer holding the store, a damaged file) is left for the real open to
    report."""
    import subprocess
    import sys

    code = _PROBE.format(env=PROBE_CRASH_ENV)
    try:
        done = subprocess.run([sys.executable, "-c", code, path, str(options["buffer_pool_size"]),
                               "1" if options.get("auto_checkpoint") else "0"],
                              capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode < 0


def _torn_wal(reason: str) -> bool:
    return TORN_WAL.search(reason) is not None


def _read_wait() -> float:
    try:
        return float(os.environ.get(READ_WAIT_ENV) or READ_WAIT)
    except ValueError:
        return READ_WAIT


def _check_file(path: str) -> None:
    """A store path must be a LadybugDB file or nothing: the engine aborts the process on some
    damaged files (a 0-byte file, a folder, a device), so they are refused before it sees them."""
    p = Path(path)
    if not os.path.lexists(p):
        return
    if p.is_dir():
        raise StoreError(f"{path}: cannot open the store (a folder, not a store file)")
    if not p.is_file():
        raise StoreError(f"{path}: cannot open the store (not a regular file)")
    size = p.stat().st_size
    if size == 0:
        raise StoreError(f"{path}: cannot open the store (empty file: not a LadybugDB store; delete it or "
                         "pass another --db)")


def _open_reason(reason: str) -> str:
    if "lock" in reason.lower():
        return f"another process is writing to it — {reason}"
    return reason


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
