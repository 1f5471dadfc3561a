"""Stored queries: list them, and run one by name on any store that answers Cypher.

Parameters naming a body, post, person or document accept an id or a name. Names go through the
matcher every command shares (:mod:`chidao.graph.names`): accents, case, ``Uỷ``/``Ủy``,
abbreviations such as UBND, honorifics and "các" are optional; document numbers in either
separator style (``16-CT/TTg`` = ``16/CT-TTg``). A name may end with a province (``Ban Tuyên giáo
Tỉnh ủy Lai Châu``, ``ban tuyen giao tinh uy lai chau``) to pick that province's body.

A name can match several nodes — the same body in several provinces. ``ambiguous="error"`` raises
:class:`~chidao.errors.QueryError` listing the candidates (the CLI's default); ``ambiguous="all"``
runs the query over all of them (the library's default, for scripts that want every province).
"""

from __future__ import annotations

import datetime as dt
import decimal
import unicodedata
from typing import Any

from chidao.errors import QueryError
from chidao.graph import schema
from chidao.graph.names import match_names, split_province
from chidao.graph.stores import cypher
from chidao.queries.catalog import QUERIES, Param, StoredQuery, name_candidates

LABELS_FOR = {"actor": schema.ACTORS, "person": (schema.PERSON,), "document": (schema.DOCUMENT,)}
WHAT = {"actor": "body or post", "person": "person", "document": "document"}
WHAT_PLURAL = {"actor": "bodies or posts", "person": "persons", "document": "documents"}
AMBIGUOUS = ("error", "all")
SHOWN_CANDIDATES = 8


def list_queries() -> tuple[StoredQuery, ...]:
    return QUERIES


def get_query(name: str) -> StoredQuery:
    for query in QUERIES:
        if query.name == name:
            return query
    raise QueryError(f"no stored query named {name!r} (see 'chidao queries')")


def backend_of(store: Any) -> str:
    return getattr(store, "backend", None) or ("ladybug" if type(store).__name__ == "EmbeddedStore" else "neo4j")


def find_candidates(store: Any, ref: str, kind: str) -> list[dict[str, Any]]:
    """Every node an id, a name or a document number refers to: rows of id, name, jurisdiction.

    Names go through the one matcher every command uses (:func:`chidao.graph.names.match_names`):
    first among the nodes whose look-up key or name is exactly ``ref`` (an index look-up), then, when
    none is, among every node of the kind (of the province ``ref`` ends with, when it names one).
    """
    ref = unicodedata.normalize("NFC", ref.strip())
    if kind == "document":
        return _find_documents(store, ref)
    rows = _find_actors(store, ref, kind, _keys(ref))  # exact: what the matcher would find, by index
    if not rows:
        named = _named(store, kind, split_province(ref))
        ids = set(match_names(ref, named))
        rows = [{k: v for k, v in r.items() if k != "scope"} for r in named if r["id"] in ids]
    return sorted({r["id"]: r for r in rows}.values(), key=lambda r: r["id"])


def find_ids(store: Any, ref: str, kind: str) -> list[str]:
    """Ids of every node ``ref`` refers to (see :func:`find_candidates`)."""
    return [r["id"] for r in find_candidates(store, ref, kind)]


def resolve_ref(store: Any, ref: str, kind: str, ambiguous: str = "error") -> list[str]:
    """The ids ``ref`` names: one, or all matches with ``ambiguous="all"``; QueryError otherwise."""
    if ambiguous not in AMBIGUOUS:
        raise ValueError(f"ambiguous must be one of {AMBIGUOUS}, not {ambiguous!r}")
    rows = find_candidates(store, ref, kind)
    if not rows:
        raise QueryError(f"no {WHAT[kind]} matches {ref!r}")
    if len(rows) > 1 and ambiguous == "error":
        shown = "; ".join(_describe(r) for r in rows[:SHOWN_CANDIDATES])
        more = f"; and {len(rows) - SHOWN_CANDIDATES} more" if len(rows) > SHOWN_CANDIDATES else ""
        hint = "pass one id" + (" or add the province to the name" if kind == "actor" else "")
        raise QueryError(f"{ref!r} matches {len(rows)} {WHAT_PLURAL[kind]}: {shown}{more} — {hint}, "
                         "or run over all of them (--all-matches)")
    return [r["id"] for r in rows]


def _describe(row: dict[str, Any]) -> str:
    extra = [v for v in (row.get("name") or row.get("number"), row.get("jurisdiction") or row.get("date")) if v]
    return f"{row['id']} ({', '.join(extra)})" if extra else row["id"]


def _keys(ref: str) -> tuple[set[str], set[str]]:
    from chidao.graph.resolve import canonical
    from chidao.loaders.normalize import match_key

    names = {ref, canonical(ref)} - {""}
    return {match_key(n) for n in names}, names


def _find_actors(store: Any, ref: str, kind: str, keys: tuple[set[str], set[str]]) -> list[dict[str, Any]]:
    match, names = keys
    rows: list[dict[str, Any]] = []
    for label in LABELS_FOR[kind]:
        rows += store.query(cypher.find_actors(label), {"ref": ref, "keys": sorted(match), "names": sorted(names)})
    return rows


def _named(store: Any, kind: str, placed: tuple[str, tuple[str, str]] | None) -> list[dict[str, Any]]:
    """Every named node of ``kind``; only the province's when ``ref`` ends with one."""
    rows: list[dict[str, Any]] = []
    for label in LABELS_FOR[kind]:
        if placed is None:
            rows += store.query(name_candidates(label))
        else:
            slug, name = placed[1]
            rows += store.query(name_candidates(label, in_province=True),
                                {"scopes": [slug, f"{slug}-2025"], "province": name})
    return rows


def _find_documents(store: Any, ref: str) -> list[dict[str, Any]]:
    key = schema.number_slug(ref)
    rows = store.query(cypher.find_documents(), {"ref": ref})
    return sorted((r for r in rows if r["id"] == ref or (r["number"] and schema.number_slug(r["number"]) == key)),
                  key=lambda r: r["id"])


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
    return unicodedata.normalize("NFC", value)


def bind(store: Any, query: StoredQuery, params: dict[str, str], ambiguous: str = "all") -> dict[str, Any]:
    """Query parameters from the user's strings: names become ``$ids``, numbers and dates checked."""
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
            bound["ids"] = resolve_ref(store, value, p.kind, ambiguous)
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


def run_query(store: Any, name: str, params: dict[str, str] | None = None, *,
              ambiguous: str = "all", limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of a stored query (plain Python values; lists sorted, without nulls).

    ``ambiguous``: what a name matching several nodes does — ``"all"`` runs over every match,
    ``"error"`` raises QueryError listing them. ``limit``: only the first rows in the query's own
    order (the engine stops early; national-scale answers run to tens of thousands of rows).
    """
    query = get_query(name)
    bound = bind(store, query, params or {}, ambiguous)
    text = query.text_for(backend_of(store))
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
            raise QueryError(f"limit must be a whole number ≥ 0, not {limit!r}")
        text = f"{text.rstrip().rstrip(';')}\nLIMIT {limit}"
    rows = store.query(text, bound)
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


__all__ = ["Param", "StoredQuery", "find_candidates", "find_ids", "get_query", "list_queries", "resolve_ref",
           "run_query"]
