"""The embedded store: LadybugDB (Cypher, ACID, no server), default ``./chidao.lbug``.

Writes go in one explicit transaction per batch: a document being replaced loses its old facts, new
nodes and all new edges arrive through ``COPY … FROM`` CSV files (LadybugDB's bulk path — ``UNWIND``
of relationships degrades badly with size), existing nodes are updated property by property, and
the source files are recorded. Any failure rolls the whole batch back.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from chidao.errors import StoreError
from chidao.graph import schema
from chidao.graph.stores import cypher as q

ID_CHUNK = 2000


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class EmbeddedStore:
    """A LadybugDB database holding the chidao graph."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import ladybug

        self.path = str(path)
        try:
            if not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = ladybug.Database(self.path, read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except Exception as exc:  # the engine's own exception types are not public
            raise StoreError(f"{self.path}: cannot open the store ({_reason(exc)})") from None
        if not read_only:
            for statement in q.ddl():
                self._conn.execute(statement)

    # --- reading ----------------------------------------------------------------------------------

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            result = self._conn.execute(cypher, _nfc(params or {}))
        except Exception as exc:
            raise StoreError(f"query failed: {_reason(exc)}") from None
        columns = result.get_column_names()
        return [dict(zip(columns, row, strict=True)) for row in result.get_all()]

    def stats(self) -> dict[str, Any]:
        nodes = {label: self.query(q.count_nodes(label))[0]["n"] for label in schema.NODE_LABELS}
        edges = {t: self.query(q.count_edges(t))[0]["n"] for t in schema.EDGE_TYPES}
        return {"nodes": nodes, "edges": edges, "node_count": sum(nodes.values()), "edge_count": sum(edges.values()),
                "files": self.query("MATCH (s:SourceFile) RETURN count(s) AS n")[0]["n"]}

    def source(self, path: str) -> dict[str, Any] | None:
        rows = self.query(q.source_by_path(), {"path": path})
        return rows[0] if rows else None

    def close(self) -> None:
        self._conn.close()
        self._db.close()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------------

    def write(self, graph: nx.MultiDiGraph, replace: Iterable[str] = (),
              sources: Iterable[tuple[str, str, str]] = (), fail_after: str | None = None) -> dict[str, int]:
        """Write a batch atomically: drop the facts of ``replace`` documents, then add ``graph``.

        ``sources`` are (path, sha256, document id) rows to record. ``fail_after`` names a step after
        which to raise, so tests can prove a failed batch leaves the store as it was.
        """
        before = self.stats()
        self._run("BEGIN TRANSACTION")
        try:
            replaced = sorted(self._existing_documents(list(replace)))  # new documents have nothing to drop
            self._drop_document_facts(replaced)
            for doc in replaced:  # a changed file whose document id changed: its old document goes
                if doc not in graph:
                    self._forget_document(doc)
            if fail_after == "delete":
                raise StoreError("injected failure after delete")
            graph = self._attach_undated(graph)
            with tempfile.TemporaryDirectory(prefix="chidao-copy-") as tmp:
                self._write_nodes(graph, Path(tmp))
                if fail_after == "nodes":
                    raise StoreError("injected failure after nodes")
                self._absorb_stubs(graph)
                self._write_edges(graph, Path(tmp))
            if replaced:
                self._drop_orphans()
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            rows = [{"path": path, "sha": sha, "document": doc, "at": now} for path, sha, doc in sources]
            if rows:
                self._run(q.source_upsert(), {"rows": rows})
            if fail_after == "edges":
                raise StoreError("injected failure after edges")
            self._run("COMMIT")
        except BaseException:
            self._rollback()
            raise
        after = self.stats()
        return {"nodes_added": after["node_count"] - before["node_count"],
                "edges_added": after["edge_count"] - before["edge_count"]}

    def remove_documents(self, docs: Iterable[str]) -> None:
        """Forget documents (their facts; the node itself unless others cite it)."""
        self._run("BEGIN TRANSACTION")
        try:
            docs = list(docs)
            self._drop_document_facts(docs)
            for doc in docs:
                self._forget_document(doc)
                self._run("MATCH (s:SourceFile) WHERE s.document = $doc DELETE s", {"doc": doc})
            self._drop_orphans()
            self._run("COMMIT")
        except BaseException:
            self._rollback()
            raise

    # --- steps --------------------------------------------------------------------------------------

    def _run(self, cypher: str, params: dict[str, Any] | None = None) -> None:
        try:
            self._conn.execute(cypher, _nfc(params or {}))
        except Exception as exc:
            raise StoreError(f"{self.path}: write failed ({_reason(exc)})") from None

    def _rollback(self) -> None:
        with contextlib.suppress(Exception):  # nothing left to undo
            self._conn.execute("ROLLBACK")

    def _drop_document_facts(self, docs: list[str]) -> None:
        if not docs:
            return
        self._run(q.document_measures_delete(), {"docs": docs})
        for edge_type in schema.EDGE_TYPES:
            if "document" in schema.EDGE_PROPERTIES[edge_type]:
                self._run(q.document_edges_delete(edge_type), {"docs": docs})

    def _forget_document(self, doc: str) -> None:
        """The document node goes, or becomes a stub again if other documents cite it."""
        if self.query(q.document_is_cited(), {"doc": doc})[0]["n"]:
            self._run(q.document_to_stub(), {"doc": doc})
        else:
            self._run(q.delete_document_node(), {"doc": doc})

    def _existing_documents(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), ID_CHUNK):
            found |= {r["id"] for r in self.query(q.existing_documents(), {"ids": ids[i:i + ID_CHUNK]})}
        return found

    def _drop_orphans(self) -> None:
        self._run(q.stub_delete())
        for label in (schema.PERSON, schema.POST):
            self._run(q.orphan_delete(label))
        for _ in range(4):  # a parent kept only by a removed child is removed on the next pass
            self._run(q.orphan_delete(schema.BODY))

    def _existing(self, label: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), ID_CHUNK):
            found |= {r["id"] for r in self.query(q.existing_ids(label), {"ids": ids[i:i + ID_CHUNK]})}
        return found

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
        for node, data in graph.nodes(data=True):
            if data.get("label") != schema.DOCUMENT or data.get("is_stub"):
                continue
            base, _, year = node.rpartition("/")
            if not year.isdigit():
                continue
            citers = self.query(q.citers_of(), {"stub": base})
            if not citers:
                continue
            rows = [{**r, "target": node} for r in citers]
            self._run(q.create_cites(), {"rows": rows})
            self._run(q.delete_document_node(), {"doc": base})

    def _write_nodes(self, graph: nx.MultiDiGraph, tmp: Path) -> None:
        by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for node, data in graph.nodes(data=True):
            by_label[data["label"]].append((node, data))
        for label, nodes in by_label.items():
            existing = self._existing(label, [n for n, _ in nodes])
            fresh = [(n, d) for n, d in nodes if n not in existing]
            if fresh:
                path = tmp / f"{label}.csv"
                columns = q.node_columns(label)
                with open(path, "w", newline="", encoding="utf-8") as fp:
                    writer = csv.writer(fp)
                    writer.writerow(columns)
                    for node, data in fresh:
                        writer.writerow([_cell(_nfc(node if c == "id" else data.get(c))) for c in columns])
                self._run(q.copy_nodes(label, str(path)))
            self._update_existing(label, [(n, d) for n, d in nodes if n in existing])

    def _update_existing(self, label: str, nodes: list[tuple[str, dict[str, Any]]]) -> None:
        by_props: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for node, data in nodes:
            if label == schema.DOCUMENT and data.get("is_stub"):
                continue  # a citation never overwrites what the document itself said
            props = tuple(sorted(p for p in schema.NODE_PROPERTIES[label] if p != "id" and data.get(p) is not None))
            if props:
                by_props[props].append({"id": node, **{p: data[p] for p in props}})
        for props, rows in by_props.items():
            self._run(q.update_node(label, list(props)), {"rows": rows})

    def _write_edges(self, graph: nx.MultiDiGraph, tmp: Path) -> None:
        labels = {n: d["label"] for n, d in graph.nodes(data=True)}
        known_part_of = {(r["source"], r["target"]) for r in self.query(q.existing_part_of())}
        groups: dict[tuple[str, str, str], list[list[str]]] = defaultdict(list)
        for u, v, key, data in graph.edges(keys=True, data=True):
            edge_type = data["type"]
            if edge_type == schema.PART_OF and (u, v) in known_part_of:
                continue
            columns = q.edge_columns(edge_type)
            values = {"from": u, "to": v, "key": key, **data}
            groups[(edge_type, labels[u], labels[v])].append([_cell(_nfc(values.get(c))) for c in columns])
        for (edge_type, source, target), rows in groups.items():
            path = tmp / f"{edge_type}-{source}-{target}.csv"
            with open(path, "w", newline="", encoding="utf-8") as fp:
                writer = csv.writer(fp)
                writer.writerow(q.edge_columns(edge_type))
                writer.writerows(rows)
            self._run(q.copy_edges(edge_type, source, target, str(path)))


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
