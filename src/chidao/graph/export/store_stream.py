"""neo4j-import CSVs, the Cypher script and GraphML written straight from the store, page by page.

The writers of ``neo4j_files.py`` and ``interchange.py`` take a networkx graph: for the whole store
that means :func:`chidao.graph.load.graph_from_store` first, 13.6 GB at 100,000 documents. These
write the same files from pages of rows read from the store (the paging of ``rdf_stream``: node
offsets, edges by source node), holding one page at a time; the tests compare each with the
networkx path (same rows, same statements, same graph read back).

What cannot be written in one pass is kept bounded too:

* the Cypher script's header counts nodes and relationships: counted in the store first;
* GraphML's edge ids (``e0``, ``e1``, …) number the edges in the sorted order of
  ``interchange.flatten`` (type, source, target, key), which no store scan gives: edges are sorted
  on disk (sorted runs of :data:`SORT_RUN` rows in temporary files, merged), then numbered and
  written in that order; a measure's display name needs its document's type and number, looked up
  per page.

Row order within a file may differ from the networkx path where the format does not care (CSV rows,
GraphML nodes, the order of MERGE statements within the nodes and within the edges).
"""

from __future__ import annotations

import csv
import heapq
import itertools
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from chidao.graph import schema
from chidao.graph.export.neo4j_files import IMPORT_TYPES, _cell, check_database_name, write_import_script
from chidao.graph.export.rdf_stream import PAGE_NODES, _pages
from chidao.graph.stores import neo4j_cypher as q
from chidao.graph.stores.neo4j import edge_props, node_props

SORT_RUN = 50_000
"""Edges sorted in memory at a time for GraphML's edge ids (about 60 MB at 10,000 documents); more
go to temporary files as sorted runs, merged at most :data:`FAN_IN` at a time."""

FAN_IN = 64
"""Runs merged at once (each holds an open file and a chunk of :data:`CHUNK` edges)."""

CHUNK = 256

Edge = tuple[str, str, str, str, str, str, dict[str, Any]]
"""(type, source, target, key, source label, target label, properties)."""


# --- paged reads ----------------------------------------------------------------------------------


def node_pages(store: Any, page: int = PAGE_NODES) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """``(label, rows)`` per page of nodes, labels in schema order; a row holds every schema property
    (nulls too), as :func:`chidao.graph.load.graph_from_store` reads them."""
    for label in schema.NODE_LABELS:
        props = ", ".join(f"n.{p} AS {p}" for p in schema.NODE_PROPERTIES[label])
        cypher = f"MATCH (n:{label}) WHERE offset(id(n)) >= $low AND offset(id(n)) < $high RETURN {props}"
        for low, high in _pages(store, label, page):
            yield label, store.query(cypher, {"low": low, "high": high})


def edge_pages(store: Any, page: int = PAGE_NODES) -> Iterator[list[Edge]]:
    """Pages of edges, types in schema order, each page the edges of a range of source nodes; the key
    is the stored one, or the one ``graph_from_store`` gives an edge stored without."""
    from chidao.graph.load import edge_key

    for edge_type in schema.EDGE_TYPES:
        props = "".join(f", r.{p} AS {p}" for p in schema.EDGE_PROPERTIES[edge_type])
        for label in schema.EDGE_ENDPOINTS[edge_type][0]:
            where = "WHERE offset(id(a)) >= $low AND offset(id(a)) < $high"
            cypher = (f"MATCH (a:{label})-[r:{edge_type}]->(b) {where} "
                      f"RETURN a.id AS _from, b.id AS _to, label(b) AS _to_label, r.key AS _key{props}")
            count = f"MATCH (a:{label})-[r:{edge_type}]->() {where} RETURN count(r) AS n"
            for low, high in _pages(store, label, page, count):
                out: list[Edge] = []
                for row in store.query(cypher, {"low": low, "high": high}):
                    u, v, to_label, key = row.pop("_from"), row.pop("_to"), row.pop("_to_label"), row.pop("_key")
                    out.append((edge_type, u, v, str(key or edge_key(edge_type, row)), label, to_label, row))
                yield out


def counts(store: Any) -> tuple[int, int]:
    """(nodes, relationships) in the store, counted by the engine."""
    nodes = sum(store.query(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"] for label in schema.NODE_LABELS)
    edges = sum(store.query(f"MATCH ()-[r:{t}]->() RETURN count(r) AS n")[0]["n"] for t in schema.EDGE_TYPES)
    return int(nodes), int(edges)


# --- neo4j-admin import CSVs ----------------------------------------------------------------------


def write_neo4j_import_store(store: Any, out_dir: str | Path, database: str = "neo4j",
                             page: int = PAGE_NODES) -> list[Path]:
    """:func:`chidao.graph.export.neo4j_files.write_neo4j_import` of the whole store: the same files,
    rows in store order."""
    check_database_name(database)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    node_files = [out / f"nodes_{label}.csv" for label in schema.NODE_LABELS]
    rel_files = [out / f"rels_{edge_type}.csv" for edge_type in schema.EDGE_TYPES]
    nodes = edges = 0
    with ExitStack() as stack:
        writers = {}
        for label, path in zip(schema.NODE_LABELS, node_files, strict=True):
            w = csv.writer(stack.enter_context(open(path, "w", newline="", encoding="utf-8")), lineterminator="\n")
            types = schema.NODE_PROPERTIES[label]
            w.writerow(["id:ID", *[f"{p}:{IMPORT_TYPES[types[p]]}" for p in types if p != "id"], ":LABEL"])
            writers[label] = w
        for edge_type, path in zip(schema.EDGE_TYPES, rel_files, strict=True):
            w = csv.writer(stack.enter_context(open(path, "w", newline="", encoding="utf-8")), lineterminator="\n")
            types = schema.EDGE_PROPERTIES[edge_type]
            w.writerow([":START_ID", ":END_ID", "key:string", *[f"{p}:{IMPORT_TYPES[types[p]]}" for p in types],
                        ":TYPE"])
            writers[edge_type] = w
        for label, rows in node_pages(store, page):
            props = [p for p in schema.NODE_PROPERTIES[label] if p != "id"]
            writers[label].writerows([row["id"], *[_cell(row[p]) for p in props], label] for row in rows)
            nodes += len(rows)
        for edge_rows in edge_pages(store, page):
            for edge_type, u, v, key, _, _, data in edge_rows:
                writers[edge_type].writerow([u, v, key, *[_cell(data[p]) for p in schema.EDGE_PROPERTIES[edge_type]],
                                             edge_type])
            edges += len(edge_rows)
    script = write_import_script(out, node_files, rel_files, database, nodes, edges)
    return [*node_files, *rel_files, script]


# --- Cypher script --------------------------------------------------------------------------------


def write_cypher_script_store(store: Any, fp: IO[str], transaction_size: int = 1000, page: int = PAGE_NODES) -> int:
    """:func:`chidao.graph.export.neo4j_files.write_cypher_script` of the whole store: the same header,
    constraints and statements (nodes, then edges), in transactions of ``transaction_size``."""
    if transaction_size < 1:
        raise ValueError("transaction_size must be at least 1")
    nodes, edges = counts(store)
    fp.write("// chidao graph for Neo4j: "
             f"{nodes} nodes, {edges} relationships. Idempotent (MERGE on id and on key).\n"
             "// Run: cypher-shell -a bolt://HOST:7687 -u neo4j [-d DATABASE] -f graph.cypher\n"
             "// (cypher-shell asks for the password, or reads NEO4J_PASSWORD.)\n")
    for label in schema.NODE_LABELS:
        fp.write(q.constraint(label) + ";\n")
    written = 0

    def emit(statements: list[str]) -> None:
        nonlocal written
        for statement in statements:
            if written % transaction_size == 0:
                fp.write(":begin\n" if written == 0 else ":commit\n:begin\n")
            fp.write(statement + "\n")
            written += 1

    for label, rows in node_pages(store, page):
        emit([q.script_merge_node(label, row["id"], node_props(row["id"], {"label": label, **row})) for row in rows])
    for edge_rows in edge_pages(store, page):
        emit([q.script_merge_edge(t, a_label, u, b_label, v, key, edge_props(u, v, {"type": t, **data}))
              for t, u, v, key, a_label, b_label, data in edge_rows])
    if written:
        fp.write(":commit\n")
    return written


# --- GraphML ----------------------------------------------------------------------------------------

GRAPHML_TYPES = {"string": "string", "boolean": "boolean", "int64": "long"}
"""schema.py types → the GraphML ``attr.type`` networkx writes for the Python value (bool, int → long)."""

_ATTR_ESCAPES = {"\n": "&#10;", "\r": "&#13;", "\t": "&#09;"}


def _graphml_keys() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Key ids of node and edge attributes, and their ``<key>`` lines (every schema property)."""
    node_attrs = {"label": "string", "chidao_label": "string"}
    edge_attrs = {"type": "string", "edge_id": "string", "edge_key": "string"}
    for attrs, tables in ((node_attrs, schema.NODE_PROPERTIES), (edge_attrs, schema.EDGE_PROPERTIES)):
        for props in tables.values():
            for name, kind in props.items():
                if attrs.setdefault(name, GRAPHML_TYPES[kind]) != GRAPHML_TYPES[kind]:
                    raise ValueError(f"property {name!r} has two types in schema.py; GraphML needs a key per type")
    node_ids = {name: f"d{i}" for i, name in enumerate(node_attrs)}
    edge_ids = {name: f"d{i + len(node_ids)}" for i, name in enumerate(edge_attrs)}
    lines = [f'  <key id="{node_ids[n]}" for="node" attr.name="{n}" attr.type="{t}" />' for n, t in node_attrs.items()]
    lines += [f'  <key id="{edge_ids[n]}" for="edge" attr.name="{n}" attr.type="{t}" />' for n, t in edge_attrs.items()]
    return node_ids, edge_ids, lines


def _data(key: str, value: Any) -> str:
    text = str(value)  # bool as True/False, like networkx's writer (its reader takes either case)
    if not text:
        return f'      <data key="{key}" />\n'
    return f'      <data key="{key}">{escape(text)}</data>\n'


def _attr(value: str) -> str:
    return quoteattr(value, _ATTR_ESCAPES)


def _display(label: str, row: dict[str, Any], documents: dict[str, tuple[Any, Any]]) -> str:
    """:func:`chidao.graph.export.interchange.display_name` from a row (and its document's number)."""
    if row.get("name"):
        return str(row["name"])
    if label == schema.DOCUMENT:
        text = " ".join(str(row[k]) for k in ("type", "number") if row.get(k))
        return text or str(row.get("subject") or row["id"])[:80]
    if label == schema.MEASURE and row.get("document") in documents:
        number = documents[row["document"]]
        return f"{number or row['document']} #{row.get('ordinal') or row['id'].rsplit('#', 1)[-1]}"
    return str(row["id"])


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


Rendered = tuple[str, str, str, str, str]
"""An edge for GraphML's sort: (type, source, target, key, its ``<data>`` lines but the ids)."""


def _sorted_runs(edges: Iterator[Rendered], folder: Path) -> Iterator[Rendered]:
    """``edges`` in the order of ``interchange._sorted_edges`` (type, source, target, key), memory held
    to :data:`SORT_RUN` of them: longer input is sorted in runs written to ``folder``, then merged."""
    runs: list[Path] = []
    batch: list[Rendered] = []

    def write(path: Path, edges: Iterable[Rendered]) -> None:
        with open(path, "wb") as fp:  # a pickler per chunk: one pickler's memo would hold every edge
            for chunk in batched(edges, CHUNK):
                pickle.dump(chunk, fp, protocol=pickle.HIGHEST_PROTOCOL)

    def read(path: Path) -> Iterator[Rendered]:
        with open(path, "rb") as fp:
            while True:
                try:
                    chunk = pickle.load(fp)
                except EOFError:
                    return
                yield from chunk

    def spill() -> None:
        batch.sort()
        runs.append(folder / f"run{len(runs)}.pickle")
        write(runs[-1], batch)
        batch.clear()

    for edge in edges:
        batch.append(edge)
        if len(batch) >= SORT_RUN:
            spill()
    if not runs:
        batch.sort()
        yield from batch
        return
    if batch:
        spill()
    merged = 0
    while len(runs) > FAN_IN:  # a national corpus: merge runs into longer ones until few enough are left
        group, runs = runs[:FAN_IN], runs[FAN_IN:]
        runs.append(folder / f"merged{merged}.pickle")
        merged += 1
        write(runs[-1], heapq.merge(*(read(p) for p in group)))
        for path in group:
            path.unlink()
    yield from heapq.merge(*(read(p) for p in runs))


def write_graphml_store(store: Any, fp: IO[bytes], page: int = PAGE_NODES) -> tuple[int, int]:
    """:func:`chidao.graph.export.interchange.write_graphml` of the whole store: the same nodes and
    edges (ids, attributes, types) as :func:`~chidao.graph.export.interchange.read_graphml` reads them
    back; returns (nodes, edges) written."""
    node_ids, edge_ids, key_lines = _graphml_keys()
    head = ["<?xml version='1.0' encoding='utf-8'?>",
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
            *key_lines, '  <graph edgedefault="directed">', ""]
    fp.write("\n".join(head).encode("utf-8"))
    nodes = 0
    for label, rows in node_pages(store, page):
        documents: dict[str, Any] = {}
        wanted = sorted({r["document"] for r in rows if r.get("document")}) if label == schema.MEASURE else []
        if wanted:
            found = store.query("UNWIND $ids AS i MATCH (d:Document {id: i}) RETURN d.id AS id, d.number AS number",
                                {"ids": wanted})  # by the id index: `d.id IN $ids` scanned every document per page
            documents = {r["id"]: r["number"] for r in found}
        parts: list[str] = []
        for row in rows:
            parts.append(f"    <node id={_attr(str(row['id']))}>\n")
            parts.append(_data(node_ids["label"], _display(label, row, documents)))
            parts.append(_data(node_ids["chidao_label"], label))
            parts += [_data(node_ids[k], v) for k, v in row.items() if v is not None]
            parts.append("    </node>\n")
        fp.write("".join(parts).encode("utf-8"))
        nodes += len(rows)
    def rendered() -> Iterator[Rendered]:
        for page_edges in edge_pages(store, page):
            for edge_type, u, v, key, _, _, data in page_edges:
                lines = _data(edge_ids["type"], edge_type) + "".join(
                    _data(edge_ids[k], x) for k, x in data.items() if x is not None)
                yield edge_type, u, v, key, lines

    edges = 0
    with tempfile.TemporaryDirectory(prefix="chidao-graphml-") as folder:
        parts = []
        for _, u, v, key, lines in _sorted_runs(rendered(), Path(folder)):
            edge_id = f"e{edges}"
            edges += 1
            parts.append(f"    <edge source={_attr(u)} target={_attr(v)} id={_attr(edge_id)}>\n{lines}"
                         f"{_data(edge_ids['edge_id'], edge_id)}{_data(edge_ids['edge_key'], key)}    </edge>\n")
            if len(parts) >= 5000:
                fp.write("".join(parts).encode("utf-8"))
                parts.clear()
        fp.write("".join(parts).encode("utf-8"))
    fp.write(b"  </graph>\n</graphml>\n")
    return nodes, edges


__all__ = ["SORT_RUN", "counts", "edge_pages", "node_pages", "write_cypher_script_store", "write_graphml_store",
           "write_neo4j_import_store"]
