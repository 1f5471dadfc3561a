"""All Cypher chidao sends to a Neo4j server (labels from schema.py only; values as $parameters)."""

from __future__ import annotations

from chidao.graph import schema


def constraint(label: str) -> str:
    return (f"CREATE CONSTRAINT chidao_{label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.id IS UNIQUE")


def merge_nodes(label: str) -> str:
    return f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}}) SET n += r.props"


def merge_edges(edge_type: str, source: str, target: str) -> str:
    return (f"UNWIND $rows AS r MATCH (a:{source} {{id: r.source}}) MATCH (b:{target} {{id: r.target}}) "
            f"MERGE (a)-[e:{edge_type} {{key: r.key}}]->(b) SET e += r.props")


def count_nodes() -> str:
    labels = " OR ".join(f"n:{label}" for label in schema.NODE_LABELS)
    return f"MATCH (n) WHERE {labels} RETURN count(n) AS n"


def count_edges() -> str:
    types = "|".join(schema.EDGE_TYPES)
    return f"MATCH ()-[r:{types}]->() RETURN count(r) AS n"


def wipe() -> str:
    labels = " OR ".join(f"n:{label}" for label in schema.NODE_LABELS)
    return f"MATCH (n) WHERE {labels} DETACH DELETE n"
