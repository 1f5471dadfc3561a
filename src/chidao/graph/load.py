"""Read the whole graph back from any store that speaks Cypher, as a networkx MultiDiGraph.

Exports and views work on networkx; the store is the source of truth. The queries name every
property from ``schema`` explicitly, so they run unchanged on LadybugDB and on Neo4j.
"""

from __future__ import annotations

from typing import Any, Protocol

import networkx as nx

from chidao.graph import schema


class CypherRunner(Protocol):
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...


def _node_query(label: str) -> str:
    props = ", ".join(f"n.{p} AS {p}" for p in schema.NODE_PROPERTIES[label])
    return f"MATCH (n:{label}) RETURN {props} ORDER BY n.id"


def _edge_query(edge_type: str) -> str:
    props = "".join(f", r.{p} AS {p}" for p in schema.EDGE_PROPERTIES[edge_type])
    return f"MATCH (a)-[r:{edge_type}]->(b) RETURN a.id AS _from, b.id AS _to, r.key AS _key{props}"


def graph_from_store(store: CypherRunner) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for label in schema.NODE_LABELS:
        for row in store.query(_node_query(label)):
            graph.add_node(row["id"], label=label, **row)
    for edge_type in schema.EDGE_TYPES:
        rows = store.query(_edge_query(edge_type))
        rows.sort(key=lambda r: tuple("" if v is None else str(v) for v in r.values()))
        for row in rows:
            source, target, key = row.pop("_from"), row.pop("_to"), row.pop("_key")
            key = key or edge_key(edge_type, row)  # stores written by chidao keep the builder's key
            graph.add_edge(source, target, key=key, type=edge_type, **row)
    return graph


def edge_key(edge_type: str, props: dict[str, Any]) -> str:
    """A stable multigraph key from what distinguishes two edges of one type between one pair."""
    parts = [props.get(k) for k in ("document", "measure", "role", "cadence", "kind", "span_start")]
    return schema.EdgeKey("", "", edge_type, "|".join("" if p is None else str(p) for p in parts)).key
