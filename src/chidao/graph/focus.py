"""Subgraphs for views and exports: around a document, a body, or the nodes a stored query returned.

Shared by the HTML view and every export, so ``--document``, ``--body`` and ``--query`` mean the
same thing everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import networkx as nx

from chidao.errors import QueryError
from chidao.graph import schema
from chidao.graph.names import match_names


def find_nodes(graph: nx.MultiDiGraph, ref: str, labels: tuple[str, ...] | None = None) -> list[str]:
    """Node ids matching ``ref``: an id, a document number, or a name (see :mod:`chidao.graph.names`)."""
    if ref in graph:
        return [ref]
    number_key = schema.number_slug(ref)
    documents, named = [], []
    for node, data in graph.nodes(data=True):
        if labels and data.get("label") not in labels:
            continue
        if data.get("label") == schema.DOCUMENT:
            if data.get("number") and schema.number_slug(data["number"]) == number_key:
                documents.append(node)
        elif data.get("name"):
            named.append({**data, "id": node})
    return sorted(documents + match_names(ref, named))


def find_actors(graph: nx.MultiDiGraph, ref: str, labels: tuple[str, ...] = schema.ACTORS) -> list[str]:
    """Bodies or posts named by ``ref``: an id; a name (every province's body of that name); or a name
    followed by its province ("Ban Tuyên giáo Tỉnh ủy Lai Châu", "ban tuyen giao tinh uy lai chau").
    Accents, case, Uỷ/Ủy, abbreviations, honorifics and "các" are optional (one matcher:
    :func:`chidao.graph.names.match_names`, also behind ``run_query``)."""
    return find_nodes(graph, ref, labels)


def _one(graph: nx.MultiDiGraph, ref: str, labels: tuple[str, ...], what: str) -> list[str]:
    found = find_actors(graph, ref, labels) if set(labels) & set(schema.ACTORS) else find_nodes(graph, ref, labels)
    if not found:
        raise QueryError(f"no {what} matches {ref!r}")
    return found


def neighbourhood(graph: nx.MultiDiGraph, seeds: Iterable[str], depth: int = 1) -> nx.MultiDiGraph:
    """The seeds and every node within ``depth`` steps of them, either direction, with all edges among them."""
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        keep |= set(nx.single_source_shortest_path_length(undirected, seed, cutoff=depth))
    return graph.subgraph(keep).copy()


def focus(graph: nx.MultiDiGraph, *, document: str | None = None, body: str | None = None,
          rows: list[dict[str, Any]] | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The part of ``graph`` an export or view should show; the whole graph when nothing is asked."""
    seeds: set[str] = set()
    if document:
        seeds |= set(_one(graph, document, (schema.DOCUMENT,), "document"))
    if body:
        seeds |= set(_one(graph, body, schema.ACTORS + (schema.PERSON,), "body, post or person"))
    if rows is not None:
        seeds |= {v for row in rows for v in row.values() if isinstance(v, str) and v in graph}
        if not seeds:
            raise QueryError("the query returned no graph node ids to focus on")
    if not seeds:
        return graph
    return neighbourhood(graph, seeds, depth)


def _in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether an ISO date lies in [since, until]; either end may be a year or a month ("2021", "2021-06")."""
    if not since and not until:
        return True
    if not date:
        return False
    return (not since or date[:len(since)] >= since) and (not until or date[:len(until)] <= until)


def within(graph: nx.MultiDiGraph, *, province: str | None = None, since: str | None = None,
           until: str | None = None) -> nx.MultiDiGraph:
    """The documents of one province and/or dated in a range, their items, and every node they link
    to directly (issuers, assignees, posts, signers, cited documents); the graph itself when nothing is
    asked. A document's province is its scope or its place line, named however the user spells it."""
    from chidao.graph.names import find_province, words

    if not (province or since or until):
        return graph
    for end in (since, until):
        if end and not _DATE_PREFIX.fullmatch(end):
            raise QueryError(f"{end!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    wanted = find_province(province) if province else None
    if province and wanted is None:
        raise QueryError(f"{province!r} is not a province")
    documents = set()
    for node, data in graph.nodes(data=True):
        if data.get("label") != schema.DOCUMENT or data.get("is_stub"):
            continue
        here = wanted is None or str(data.get("scope") or "").removesuffix("-2025") == wanted[0] or (
            bool(data.get("place")) and words(str(data["place"])) == words(wanted[1]))
        if here and _in_range(data.get("date"), since, until):
            documents.add(node)
    if not documents:
        span = " ".join(x for x in (f"from {since}" if since else "", f"until {until}" if until else "") if x)
        place = f"in {wanted[1]}" if wanted else ""
        raise QueryError(f"no document {' '.join(x for x in (place, span) if x)}")
    core = documents | {n for n, d in graph.nodes(data=True)
                        if d.get("label") == schema.MEASURE and d.get("document") in documents}
    keep = set(core)
    for node in core:
        keep |= {m for m in nx.all_neighbors(graph, node)
                 if graph.nodes[m].get("label") != schema.MEASURE and
                 (graph.nodes[m].get("label") != schema.DOCUMENT or graph.nodes[m].get("is_stub") or m in documents)}
    return graph.subgraph(keep).copy()


_DATE_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
"""What --since and --until accept: a year, a month or a day, ISO style."""
