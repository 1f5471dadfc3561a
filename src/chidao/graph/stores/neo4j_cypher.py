"""All the Cypher chidao sends to a Neo4j server, and the Cypher it writes into ``.cypher`` scripts.

Labels and relationship types come only from :mod:`chidao.graph.schema` (checked here, so a label
read from a graph attribute can never smuggle Cypher in); values are always ``$parameters`` —
except in :func:`script_merge_node` / :func:`script_merge_edge`, which write a cypher-shell script
and therefore render values as escaped literals (:func:`literal`).

Naming on the server follows Neo4j's conventions: labels CamelCase (``Document``), relationship
types UPPER_SNAKE (``ACCOUNTABLE_TO``); properties keep schema.py's snake_case names (``span_start``,
``is_stub``) so that one stored query runs unchanged on the embedded store and on Neo4j.
"""

from __future__ import annotations

import json
from typing import Any

from chidao.graph import schema

CONSTRAINT_PREFIX = "chidao_"


def label(name: str) -> str:
    """``name`` if it is a schema label, else ValueError."""
    if name not in schema.NODE_LABELS:
        raise ValueError(f"not a chidao node label: {name!r}")
    return name


def rel_type(name: str) -> str:
    """``name`` if it is a schema relationship type, else ValueError."""
    if name not in schema.EDGE_TYPES:
        raise ValueError(f"not a chidao relationship type: {name!r}")
    return name


def constraint_name(node_label: str) -> str:
    return f"{CONSTRAINT_PREFIX}{label(node_label).lower()}_id"


# --- writer (parameterised) -----------------------------------------------------------------------


def constraint(node_label: str) -> str:
    """Uniqueness of ``id`` per label (idempotent; also gives MERGE/MATCH on ``id`` an index)."""
    return (f"CREATE CONSTRAINT {constraint_name(node_label)} IF NOT EXISTS "
            f"FOR (n:{label(node_label)}) REQUIRE n.id IS UNIQUE")


def merge_nodes(node_label: str) -> str:
    """``$rows``: ``[{id, props}]``; a null in ``props`` removes that property."""
    return f"UNWIND $rows AS r MERGE (n:{label(node_label)} {{id: r.id}}) SET n += r.props"


def merge_edges(edge_type: str, source_label: str, target_label: str) -> str:
    """``$rows``: ``[{source, target, key, props}]``; endpoints matched by label, so ``id`` indexes are used."""
    return (f"UNWIND $rows AS r "
            f"MATCH (a:{label(source_label)} {{id: r.source}}) MATCH (b:{label(target_label)} {{id: r.target}}) "
            f"MERGE (a)-[e:{rel_type(edge_type)} {{key: r.key}}]->(b) SET e += r.props")


def _any_label(var: str = "n") -> str:
    return " OR ".join(f"{var}:{label(name)}" for name in schema.NODE_LABELS)


def count_nodes() -> str:
    return f"MATCH (n) WHERE {_any_label()} RETURN count(n) AS n"


def count_edges() -> str:
    return f"MATCH ()-[r:{'|'.join(rel_type(t) for t in schema.EDGE_TYPES)}]->() RETURN count(r) AS n"


def wipe_batch() -> str:
    """Delete up to ``$limit`` chidao nodes (and their relationships); returns ``deleted``.

    Run repeatedly until it deletes nothing: each round is one bounded transaction, which works on any
    server size and inside managed transactions (``CALL … IN TRANSACTIONS`` would not)."""
    return f"MATCH (n) WHERE {_any_label()} WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS deleted"


def show_constraints() -> str:
    return ("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
            f"WHERE name STARTS WITH '{CONSTRAINT_PREFIX}' RETURN name, type, labelsOrTypes, properties ORDER BY name")


# --- cypher-shell scripts (literal values) -----------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERAL_TABLE = {ord(ch): f"\\u{ord(ch):04x}" for ch in [*map(chr, range(0x20)), "\x7f", "\u2028", "\u2029"]}
_LITERAL_TABLE.update({ord(ch): escaped for ch, escaped in _ESCAPES.items()})
"""``_ESCAPES`` and ``\\uXXXX`` for the other control characters, for ``str.translate`` (one pass in C:
a per-character loop was two thirds of ``export cypher``)."""


def string_literal(text: str) -> str:
    """A single-quoted Cypher string literal for any text.

    Backslash and quote are escaped, the usual control characters get their short escapes, any other
    control character (and U+2028/U+2029) ``\\uXXXX``; everything else — Vietnamese included — is
    written as itself, so the script stays readable.
    """
    return "'" + text.translate(_LITERAL_TABLE) + "'"


def literal(value: Any) -> str:
    """A Cypher literal for a property value (str, int, bool, float or None)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    if isinstance(value, str):
        return string_literal(value)
    raise TypeError(f"cannot write {type(value).__name__} as a Cypher property value")


def map_literal(props: dict[str, Any]) -> str:
    """``{`key`: literal, …}`` in key order; nulls kept (``SET n += {x: null}`` removes ``x``)."""
    return "{" + ", ".join(f"`{key}`: {literal(value)}" for key, value in sorted(props.items())) + "}"


def script_merge_node(node_label: str, node_id: str, props: dict[str, Any]) -> str:
    return f"MERGE (n:{label(node_label)} {{id: {literal(node_id)}}}) SET n += {map_literal(props)};"


def script_merge_edge(edge_type: str, source_label: str, source: str, target_label: str, target: str, key: str,
                      props: dict[str, Any]) -> str:
    return (f"MATCH (a:{label(source_label)} {{id: {literal(source)}}}) "
            f"MATCH (b:{label(target_label)} {{id: {literal(target)}}}) "
            f"MERGE (a)-[e:{rel_type(edge_type)} {{key: {literal(key)}}}]->(b) SET e += {map_literal(props)};")
