"""Stored queries: list them, and run one by name on any store that answers Cypher.

Parameters naming a body, post, person or document accept an id or a name (compared after
normalisation: ``Bí thư các huyện uỷ, thành uỷ`` finds ``bí thư các huyện ủy, thành ủy``); a name
may match several nodes (the same body in several provinces) and the query then covers all of them.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from chidao.errors import QueryError
from chidao.graph import schema
from chidao.queries.catalog import QUERIES, Param, StoredQuery

LABELS_FOR = {"actor": schema.ACTORS, "person": (schema.PERSON,), "document": (schema.DOCUMENT,)}


def list_queries() -> tuple[StoredQuery, ...]:
    return QUERIES


def get_query(name: str) -> StoredQuery:
    for query in QUERIES:
        if query.name == name:
            return query
    raise QueryError(f"no stored query named {name!r} (see 'chidao queries')")


def backend_of(store: Any) -> str:
    return getattr(store, "backend", None) or ("ladybug" if type(store).__name__ == "EmbeddedStore" else "neo4j")


def find_ids(store: Any, ref: str, kind: str) -> list[str]:
    """Node ids an id, a name or a document number refers to."""
    from chidao.graph.resolve import canonical
    from chidao.loaders.normalize import match_key

    ids: list[str] = []
    for label in LABELS_FOR[kind]:
        if label == schema.DOCUMENT:
            rows = store.query(f"MATCH (n:{label}) WHERE n.id = $ref OR n.number IS NOT NULL RETURN n.id AS id, "
                               "n.number AS number", {"ref": ref})
            key = schema.number_slug(ref)
            ids += [r["id"] for r in rows if r["id"] == ref or (r["number"] and schema.number_slug(r["number"]) == key)]
        else:
            rows = store.query(f"MATCH (n:{label}) WHERE n.id = $ref OR n.key = $key OR n.key = $raw RETURN n.id AS id",
                               {"ref": ref, "key": match_key(canonical(ref)), "raw": match_key(ref)})
            ids += [r["id"] for r in rows]
    return sorted(set(ids))


def _coerce(param: Param, value: str) -> Any:
    if param.kind == "int":
        try:
            return int(value)
        except ValueError:
            raise QueryError(f"parameter {param.name} must be a whole number, got {value!r}") from None
    if param.kind == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            if value not in ("0001-01-01", "9999-12-31"):
                raise QueryError(f"parameter {param.name} must be a date YYYY-MM-DD, got {value!r}") from None
        return value
    return value


def bind(store: Any, query: StoredQuery, params: dict[str, str]) -> dict[str, Any]:
    unknown = set(params) - {p.name for p in query.params}
    if unknown:
        raise QueryError(f"{query.name} takes no parameter {', '.join(sorted(unknown))}"
                         f" (it takes: {', '.join(p.name for p in query.params) or 'none'})")
    bound: dict[str, Any] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None:
            raise QueryError(f"{query.name} needs --param {p.name}=… ({p.description})")
        if p.kind in LABELS_FOR:
            ids = find_ids(store, value, p.kind)
            if not ids:
                raise QueryError(f"no {p.kind if p.kind != 'actor' else 'body or post'} matches {value!r}")
            bound["ids"] = ids
        else:
            bound[p.name] = _coerce(p, value)
    return bound


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):  # collect() order is not defined: sort, so output is reproducible
        items = [_plain(v) for v in value if v is not None]
        return sorted(items, key=str)
    return value


def run_query(store: Any, name: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows of a stored query (plain Python values; lists without nulls)."""
    query = get_query(name)
    bound = bind(store, query, params or {})
    rows = store.query(query.text_for(backend_of(store)), bound)
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


__all__ = ["Param", "StoredQuery", "find_ids", "get_query", "list_queries", "run_query"]
