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
import re
import unicodedata
from typing import Any

from chidao.errors import QueryError
from chidao.graph import schema
from chidao.graph.names import match_names, split_province
from chidao.graph.stores import cypher
from chidao.queries.catalog import (
    DOCUMENT_LABELS,
    QUERIES,
    Focused,
    Pager,
    Param,
    Stepwise,
    StoredQuery,
    Window,
    name_candidates,
)

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


ID_COLUMN_RE = re.compile(r"\b(\w+)\.id AS (\w+)")
COLUMN_RE = re.compile(r"(?:^|,)\s*(?:DISTINCT\s+)?[^,]*?\bAS\s+(\w+)|(?:^|,)\s*(\w+)\s*(?=,|$)", re.S)
FOCUS_FOR = {"actor": "--body", "person": "--body", "document": "--document"}


def describe_query(query: StoredQuery) -> dict[str, Any]:
    """What ``chidao queries NAME`` shows: the query's description, each parameter with its meaning and
    an example, the columns it returns, which focus options it can feed, and its Cypher."""
    from chidao.commands.output import returned_expressions

    items = returned_expressions(query.cypher) or []
    columns = [m.group(1) if (m := re.search(r"\bAS\s+(\w+)$", item, re.I)) else item for item in items]
    ids = [m.group(2) for m in ID_COLUMN_RE.finditer(query.cypher)]
    args = " ".join(f"--param {k}=\"{v}\"" for k, v in query.example.items())
    if any(p.kind in ("actor", "person") for p in query.params):
        args += " --all-matches"  # the example names a body every province has
    feeds = []
    if ids:
        feeds.append(f"chidao export html|raci|responsibilities|graphml|… --query {query.name}"
                     f"{' ' + args if args else ''} [--depth N]: the nodes whose ids its rows carry "
                     f"({', '.join(ids)}) and what lies within --depth steps of them.")
    for p in query.params:
        if p.kind in FOCUS_FOR:
            feeds.append(f"its {p.name} parameter takes the same ids and names as {FOCUS_FOR[p.kind]} on every "
                         "export and the HTML view.")
    if not feeds:
        feeds.append("nothing: its rows carry no node ids.")
    return {
        "name": query.name, "title": query.title, "description": query.description,
        "params": [{"name": p.name, "kind": p.kind, "required": p.required, "default": p.default,
                    "description": p.description, "example": query.example.get(p.name, p.default)}
                   for p in query.params],
        "columns": columns, "id_columns": ids, "feeds": feeds,
        "example": f"chidao query {query.name}{' ' + args if args else ''}",
        "cypher": query.cypher.strip(), "cypher_ladybug": (query.cypher_ladybug or "").strip() or None,
    }


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
    if ref.startswith("doc:"):  # an id: found by index (no number folds to "doc-…", so nothing else matches)
        rows = store.query(cypher.find_document_by_id(), {"ref": ref})
        if rows:
            return rows
    key = schema.number_slug(ref)
    rows = store.query(cypher.find_documents(), {"ref": ref})
    return sorted((r for r in rows if r["id"] == ref or (r["number"] and schema.number_slug(r["number"]) == key)),
                  key=lambda r: r["id"])


def _coerce(param: Param, value: Any) -> Any:
    """A parameter's value as its declared kind (from a string, or a value already typed)."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    if param.kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    value = str(value)
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
        if p.kind in LABELS_FOR and value == "" and not p.required:
            continue  # an optional node left out: every node (the query's whole form)
        if p.kind in LABELS_FOR:
            bound["ids"] = resolve_ref(store, str(value), p.kind, ambiguous)
        else:
            bound[p.name] = _coerce(p, value)
    return bound


DIGIT_RUN_RE = re.compile(r"\d+")


def _digit_run(match: re.Match[str]) -> str:
    digits = match.group().lstrip("0")
    return f"\x00\x01{chr(0x30 + len(digits))}{digits}\x02"


def natural_key(value: Any) -> str:
    """Sort key that puts "2" before "10", "mục 2" before "mục 10" and "2a" after "2".

    The text is read as runs of digits and runs of other characters, compared run by run: a number by
    its value, before any text at the same place; text as text, a shorter run first. Each run is
    written so that plain string comparison does this — text between ``\\x02`` and ``\\x00``, a number
    as ``\\x01``, its length and its digits — because a string key is built in one ``re.sub``:
    sorting 60,000 document numbers (``citations`` at 100,000 documents) took 250 ms with a tuple of
    runs and takes 95 ms with this (the tests check that both give one order)."""
    return ("\x02" + DIGIT_RUN_RE.sub(_digit_run, str(value or "")) + "\x00").replace("\x02\x00", "")


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):  # collect() order is not defined: sort, so output is reproducible
        items = [v if isinstance(v, str) else _plain(v) for v in value if v is not None]
        return sorted(items, key=_list_order)
    return value


def _list_order(value: Any) -> tuple[str, str]:
    text = value if isinstance(value, str) else str(value)
    return natural_key(text), text


def document_labels(store: Any, ids: list[str]) -> dict[str, str]:
    """Readable names of documents by id: number, else type, date and issuer (never a hash id)."""
    from chidao.graph.names import document_label

    if not ids:
        return {}
    rows = store.query(DOCUMENT_LABELS, {"ids": sorted(set(ids))})
    return {r["id"]: document_label(r, r.get("issuers") or ()) for r in rows}


def _label_documents(store: Any, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    """Ids of documents without a number, in ``columns``, replaced by their readable names."""
    def ids(value: Any) -> list[str]:
        values = value if isinstance(value, list) else [value]
        return [v for v in values if isinstance(v, str) and v.startswith("doc:")]

    wanted = [i for row in rows for c in columns if c in row for i in ids(row[c])]
    names = document_labels(store, wanted)
    if not names:
        return
    for row in rows:
        for c in columns:
            value = row.get(c)
            if isinstance(value, list):
                row[c] = [names.get(v, v) if isinstance(v, str) else v for v in value]
            elif isinstance(value, str):
                row[c] = names.get(value, value)


def _limited(text: str, limit: int | None) -> str:
    return text if limit is None else f"{text.rstrip().rstrip(';')}\nLIMIT {limit}"


FIRST_WINDOW = 16
"""Keys a paged query first looks at (then 8 times more each round): a few documents or deadlines
already hold a page of rows."""


def _first_rows(store: Any, pager: Pager, bound: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The query's first ``limit`` rows from the rows of its first keys only (see :class:`Pager`)."""
    if limit == 0:
        return []
    window = FIRST_WINDOW
    while True:
        keys = [row["key"] for row in store.query(_limited(pager.keys, window), bound)]
        if not keys:
            return []
        rows = [dict(row) for row in store.query(_limited(pager.cypher, limit), {**bound, "upto": keys[-1]})]
        if len(rows) >= limit or len(keys) < window:
            return rows
        window *= 8


def _window_rows(store: Any, window: Window, bound: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The query's first ``limit`` rows from its first ``limit`` groups (see :class:`Window`)."""
    if not limit:
        return []
    keys = []
    if window.nearest is not None:
        keys = [row["key"] for row in store.query(window.nearest, {**bound, "first": limit})]
    if len(keys) < limit:  # the nearest level does not fill the page: the keys of every level
        keys = [row["key"] for row in store.query(window.keys, {**bound, "first": limit})]
    if not keys:
        return []
    return [dict(row) for row in store.query(_limited(window.cypher, limit), {**bound, "keys": keys})]


def _stepwise_rows(store: Any, plan: Stepwise, bound: dict[str, Any], limit: int | None) -> list[dict[str, Any]]:
    """The chain's rows node by node, nearest first (see :class:`Stepwise`)."""
    hops: dict[str, int] = {}
    for row in store.query(plan.reach, bound):
        hops[row["start"]] = 0
        if row["id"] is not None:
            hops[row["id"]] = min(hops.get(row["id"], row["hop"]), row["hop"])
    rows: list[dict[str, Any]] = []
    for hop in sorted(set(hops.values())):
        if limit is not None and len(rows) >= limit:
            break  # the steps read so far fill the page; every later row sorts after them
        for node in sorted(i for i, h in hops.items() if h == hop):
            rows += (dict(r) for r in store.query(plan.links, {"id": node, "step": hop + 1}))
    _sort_rows(rows, plan.order)
    return rows if limit is None else rows[:limit]


def _focused_rows(store: Any, plan: Focused, bound: dict[str, Any], limit: int | None) -> list[dict[str, Any]]:
    """The query about each node named, one at a time (see :class:`Focused`), merged in its order."""
    rows: list[dict[str, Any]] = []
    for node in bound["ids"]:
        rows += (dict(r) for r in store.query(_limited(plan.cypher, limit), {**bound, "id": node}))
    if len(bound["ids"]) > 1:
        _sort_rows(rows, plan.order)
    return rows if limit is None else rows[:limit]


def _sort_rows(rows: list[dict[str, Any]], order: tuple[str, ...]) -> None:
    """Rows in the order of an ``ORDER BY`` on ``order`` (``-column``: descending), nulls last as the
    engines put them in ascending order (first in descending)."""
    for column in reversed(order):
        name = column.lstrip("-")
        rows.sort(key=lambda r: (r[name] is None, r[name] if r[name] is not None else 0), reverse=column[0] == "-")


def run_query(store: Any, name: str, params: dict[str, str] | None = None, *,
              ambiguous: str = "all", limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of a stored query (plain Python values; lists sorted, without nulls).

    Columns naming documents show a document without a number by its type, date and issuer; items
    come in document order; lists are sorted naturally (2 before 10).

    ``ambiguous``: what a name matching several nodes does — ``"all"`` runs over every match,
    ``"error"`` raises QueryError listing them. ``limit``: only the first rows in the query's own
    order (the engine stops early; national-scale answers run to tens of thousands of rows).
    """
    query = get_query(name)
    bound = bind(store, query, params or {}, ambiguous)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit must be a whole number ≥ 0, not {limit!r}")
    if query.stepwise is not None and backend_of(store) == "ladybug":
        rows = _stepwise_rows(store, query.stepwise, bound, limit)
    elif limit is not None and query.pager is not None:
        rows = _first_rows(store, query.pager, bound, limit)
    elif limit is not None and query.window is not None:
        rows = _window_rows(store, query.window, bound, limit)
    elif query.focused is not None and "ids" in bound:
        rows = _focused_rows(store, query.focused, bound, limit)
    else:
        rows = [dict(row) for row in store.query(_limited(query.text_for(backend_of(store)), limit), bound)]
    _label_documents(store, rows, query.documents)
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


__all__ = ["Focused", "Pager", "Param", "Stepwise", "Window", "StoredQuery", "describe_query", "document_labels", "find_candidates", "find_ids", "get_query", "list_queries", "resolve_ref",
           "run_query"]
