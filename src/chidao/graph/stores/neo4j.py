"""Push the graph to a Neo4j server through the official driver, and run stored queries there.

The driver is passed in — the CLI makes one, a notebook or a service brings its own, and its
configuration (auth, TLS, timeouts, ``max_transaction_retry_time``) stays the caller's. This module
never creates or closes a driver.

* :func:`ensure_constraints` first: one ``CREATE CONSTRAINT … IF NOT EXISTS`` uniqueness constraint
  on ``id`` per label (idempotent; it also backs MERGE and MATCH on ``id`` with an index).
* :func:`push_graph`: nodes, then edges, in batches of ``UNWIND $rows AS r MERGE … SET x += r.props``,
  each batch one managed write transaction (``session.execute_write``: the driver retries transient
  errors — leader switches, deadlocks, dropped connections — with back-off). Nodes MERGE on
  ``(label, id)``, edges on ``(source, type, key, target)`` with the builder's deterministic key, so
  pushing the same graph twice changes nothing, and pushing a re-ingested graph updates in place
  (a property that became null is removed: ``SET n += {p: null}``).
* :func:`wipe` deletes chidao's labels only, in bounded rounds.
* :class:`Neo4jRunner` gives a server the ``query(cypher, params)`` interface of a store, so the
  stored queries run there (``run_query(Neo4jRunner(driver), name, params)``).

All Cypher is in :mod:`chidao.graph.stores.neo4j_cypher`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from chidao.graph import schema
from chidao.graph.stores import neo4j_cypher as q

SCALARS = (str, int, float, bool)


@dataclass
class PushReport:
    """What one push did; ``*_created`` come from the server's own counters (0 on a repeat push)."""

    nodes: int = 0
    edges: int = 0
    batches: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    constraints: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"pushed {self.nodes} nodes ({self.nodes_created} new) and {self.edges} edges "
                f"({self.relationships_created} new) in {self.batches} batches")


def _value(value: Any, where: str) -> Any:
    if value is None or isinstance(value, SCALARS):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, SCALARS) for v in value):
        return list(value)
    raise TypeError(f"{where}: a Neo4j property cannot hold {type(value).__name__}")


def node_props(node: str, data: dict[str, Any]) -> dict[str, Any]:
    """The ``SET n += props`` map of a node: every schema property (null ones too, so a value that
    disappeared on re-ingest is removed) and any other attribute, without ``label`` and ``id``."""
    props = dict.fromkeys(schema.NODE_PROPERTIES.get(data["label"], ()))
    props.update(data)
    return {k: _value(v, f"node {node} property {k}") for k, v in props.items() if k not in ("label", "id")}


def edge_props(u: str, v: str, data: dict[str, Any]) -> dict[str, Any]:
    props = dict.fromkeys(schema.EDGE_PROPERTIES.get(data["type"], ()))
    props.update(data)
    return {k: _value(val, f"edge {u}->{v} property {k}") for k, val in props.items() if k not in ("type", "key")}


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """``{label: [{id, props}]}`` in schema label order, rows sorted by id."""
    by_label: dict[str, list[dict[str, Any]]] = {label: [] for label in schema.NODE_LABELS}
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: str(nd[0])):
        label = data.get("label")
        if label not in by_label:
            raise ValueError(f"node {node!r} has no chidao label (label={label!r})")
        by_label[label].append({"id": node, "props": node_props(node, data)})
    return {label: rows for label, rows in by_label.items() if rows}


def edge_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """``{(type, source label, target label): [{source, target, key, props}]}``, sorted."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, key, data in graph.edges(keys=True, data=True):
        q.rel_type(data.get("type", ""))
        group = (data["type"], graph.nodes[u].get("label", ""), graph.nodes[v].get("label", ""))
        groups[group].append({"source": u, "target": v, "key": str(key), "props": edge_props(u, v, data)})
    return {group: sorted(rows, key=lambda r: (r["source"], r["target"], r["key"]))
            for group, rows in sorted(groups.items())}


def batches(rows: list[dict[str, Any]], size: int, max_bytes: int | None = None) -> Iterator[list[dict[str, Any]]]:
    """Consecutive batches of at most ``size`` rows and, if given, about ``max_bytes`` of payload
    (JSON-encoded UTF-8; a single row over the limit still goes alone)."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
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


def ensure_constraints(driver: Any, database: str | None = None) -> tuple[list[str], list[str]]:
    """Create the uniqueness constraint on ``id`` for every label, if absent.

    Returns ``(labels constrained, failures)``. A server without Cypher constraint DDL (FalkorDB)
    answers with an error, reported as a failure rather than raised: the push still works, MERGE
    on ``id`` just has no uniqueness guarantee or index there. Connection errors are raised.
    """
    from neo4j.exceptions import Neo4jError

    done, failed = [], []
    for label in schema.NODE_LABELS:
        try:
            driver.execute_query(q.constraint(label), database_=database)
            done.append(label)
        except Neo4jError as exc:
            failed.append(f"{label}: {exc.code or type(exc).__name__}: {' '.join(str(exc.message).split())[:200]}")
    return done, failed


def _write(tx: Any, cypher: str, rows: list[dict[str, Any]]) -> Any:
    return tx.run(cypher, rows=rows).consume().counters


def push_graph(driver: Any, graph: nx.MultiDiGraph, database: str | None = None, batch_size: int = 1000,
               *, constraints: bool = True, max_batch_bytes: int | None = None) -> PushReport:
    """MERGE every node and edge of ``graph`` into the server behind ``driver`` (see the module doc).

    ``max_batch_bytes`` additionally caps each batch's payload, for servers with small message limits.
    """
    report = PushReport()
    if constraints:
        report.constraints, failures = ensure_constraints(driver, database)
        report.warnings += [f"constraint not created: {f}" for f in failures]
    nodes, edges = node_rows(graph), edge_rows(graph)

    def send(session: Any, cypher: str, rows: list[dict[str, Any]]) -> None:
        for batch in batches(rows, batch_size, max_batch_bytes):
            counters = session.execute_write(_write, cypher, batch)
            report.batches += 1
            report.nodes_created += getattr(counters, "nodes_created", 0)
            report.relationships_created += getattr(counters, "relationships_created", 0)
            report.properties_set += getattr(counters, "properties_set", 0)

    with driver.session(database=database) as session:
        for label, rows in nodes.items():
            send(session, q.merge_nodes(label), rows)
            report.nodes += len(rows)
        for (edge_type, source, target), rows in edges.items():
            send(session, q.merge_edges(edge_type, source, target), rows)
            report.edges += len(rows)
    return report


def wipe(driver: Any, database: str | None = None, batch_size: int = 10_000) -> int:
    """Delete every chidao node and its relationships, in rounds of ``batch_size`` nodes; other data
    in the database is left alone. Returns the number of nodes deleted."""
    deleted = 0
    while True:
        records = driver.execute_query(q.wipe_batch(), {"limit": batch_size}, database_=database).records
        n = records[0]["deleted"] if records else 0
        deleted += n
        if n < batch_size:
            return deleted


def counts(driver: Any, database: str | None = None) -> tuple[int, int]:
    """(chidao nodes, chidao relationships) on the server."""
    nodes = driver.execute_query(q.count_nodes(), database_=database).records[0]["n"]
    edges = driver.execute_query(q.count_edges(), database_=database).records[0]["n"]
    return nodes, edges


def _plain(value: Any) -> Any:
    """Driver values as plain Python: temporal types to their native equivalents."""
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class Neo4jRunner:
    """A Neo4j server with the ``query(cypher, params) -> rows`` interface of a chidao store.

    The driver belongs to the caller (``close`` does not close it). Queries run as managed read
    transactions, so a cluster may serve them from any member.
    """

    backend = "neo4j"

    def __init__(self, driver: Any, database: str | None = None) -> None:
        self.driver = driver
        self.database = database

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        from neo4j import RoutingControl

        records = self.driver.execute_query(cypher, params or {}, database_=self.database,
                                            routing_=RoutingControl.READ).records
        return [{k: _plain(v) for k, v in record.items()} for record in records]

    def close(self) -> None:
        pass


__all__ = ["Neo4jRunner", "PushReport", "counts", "ensure_constraints", "push_graph", "wipe"]
