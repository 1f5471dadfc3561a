"""Push the graph to a Neo4j server through the official driver, and run stored queries there.

The driver is passed in (the CLI makes one; a notebook or a service brings its own). Writes are
batched ``UNWIND $rows … MERGE … SET x += r.props`` in managed write transactions
(``session.execute_write`` retries transient errors), nodes before edges, uniqueness constraints
first — so pushing the same graph twice changes nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from chidao.graph import schema
from chidao.graph.stores import neo4j_cypher as q


@dataclass
class PushReport:
    nodes: int = 0
    edges: int = 0
    batches: int = 0
    constraints: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _props(data: dict[str, Any], skip: tuple[str, ...] = ("label", "type")) -> dict[str, Any]:
    """Neo4j stores no nulls: a missing property is the null."""
    return {k: v for k, v in data.items() if v is not None and k not in skip}


def ensure_constraints(driver, database: str | None = None) -> tuple[list[str], list[str]]:
    """Create one uniqueness constraint on ``id`` per label; returns (created or present, failures)."""
    done, failed = [], []
    for label in schema.NODE_LABELS:
        try:
            driver.execute_query(q.constraint(label), database_=database)
            done.append(label)
        except Exception as exc:  # a server without Cypher constraint DDL (FalkorDB) says so here
            failed.append(f"{label}: {' '.join(str(exc).split())[:200]}")
    return done, failed


def _batches(rows: list[dict[str, Any]], size: int, max_bytes: int | None = None):
    """Batches of at most ``size`` rows and, if given, about ``max_bytes`` of payload each."""
    batch: list[dict[str, Any]] = []
    weight = 0
    for row in rows:
        row_bytes = len(json.dumps(row, ensure_ascii=False).encode("utf-8")) if max_bytes else 0
        if batch and (len(batch) >= size or (max_bytes and weight + row_bytes > max_bytes)):
            yield batch
            batch, weight = [], 0
        batch.append(row)
        weight += row_bytes
    if batch:
        yield batch


def push_graph(driver, graph: nx.MultiDiGraph, database: str | None = None, batch_size: int = 1000,
               constraints: bool = True, max_batch_bytes: int | None = None) -> PushReport:
    report = PushReport()
    if constraints:
        report.constraints, failures = ensure_constraints(driver, database)
        report.warnings += [f"constraint not created: {f}" for f in failures]
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        by_label[data["label"]].append({"id": node, "props": _props(data)})
    by_edge: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, data in graph.edges(keys=True, data=True):
        group = (data["type"], graph.nodes[u]["label"], graph.nodes[v]["label"])
        by_edge[group].append({"source": u, "target": v, "key": key, "props": _props(data)})

    with driver.session(database=database) as session:
        for label, rows in sorted(by_label.items()):
            for batch in _batches(rows, batch_size, max_batch_bytes):
                session.execute_write(_run, q.merge_nodes(label), batch)
                report.batches += 1
                report.nodes += len(batch)
        for (edge_type, source, target), rows in sorted(by_edge.items()):
            for batch in _batches(rows, batch_size, max_batch_bytes):
                session.execute_write(_run, q.merge_edges(edge_type, source, target), batch)
                report.batches += 1
                report.edges += len(batch)
    return report


def _run(tx, cypher: str, rows: list[dict[str, Any]]) -> None:
    tx.run(cypher, rows=rows).consume()


def wipe(driver, database: str | None = None) -> None:
    """Delete every chidao node and its relationships (other data in the database is left alone)."""
    driver.execute_query(q.wipe(), database_=database)


def counts(driver, database: str | None = None) -> tuple[int, int]:
    nodes = driver.execute_query(q.count_nodes(), database_=database).records[0]["n"]
    edges = driver.execute_query(q.count_edges(), database_=database).records[0]["n"]
    return nodes, edges


class Neo4jRunner:
    """The ``query(cypher, params)`` interface of a store, on a Neo4j server (for stored queries)."""

    backend = "neo4j"

    def __init__(self, driver, database: str | None = None) -> None:
        self.driver = driver
        self.database = database

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        records = self.driver.execute_query(cypher, params or {}, database_=self.database).records
        return [dict(r.items()) for r in records]

    def close(self) -> None:  # the driver belongs to the caller
        pass
