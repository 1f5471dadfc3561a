"""Directive records → one networkx MultiDiGraph with provenance on every text-derived edge.

Node attributes are ``label`` plus exactly the properties ``schema.NODE_PROPERTIES`` lists for the
label (missing values are None); edge attributes are ``type`` plus exactly
``schema.EDGE_PROPERTIES[type]``. The multigraph key of an edge is ``schema.EdgeKey(...).key``: the
type and a discriminator taken from the fact itself, so the same fact twice is one edge, adding a
record again changes nothing, and ``remove_document`` can take a document's facts out again.

Mapping (docs/schema.md has the whole table):

* ``document`` → a filled ``Document`` (``is_stub`` false); ``issuer`` → ``ISSUES``; ``authority``
  (the collective or head it is signed for, "T/M BAN THƯỜNG VỤ") → a second ``ISSUES`` when it is
  another node: the header names the cấp ủy, the signature the organ that decided, and both are
  true of the document; queries that want the decider use ``SIGNS.on_behalf_of``.
* ``signer`` → ``Person -SIGNS-> Document`` and ``Person -HOLDS-> Post`` (title at the authority,
  "Phó Bí thư Tỉnh ủy", as of the document date).
* ``recipients``/``cc`` → ``ADDRESSED_TO`` (``to``/``cc``, purpose from "(để báo cáo)", "(b/c)" …);
  "Như trên", "Như kính gửi", "Lưu …" name no body and are skipped.
* ``citations`` → ``CITES`` to the cited ``Document``, a stub until that document is ingested.
* ``measures`` → ``Measure`` + ``CONTAINS``; each assignment → ``ASSIGNS`` (document → actor) and
  ``RESPONSIBLE_FOR`` (actor → measure).
* ``accountability`` → ``ACCOUNTABLE_TO``; ``reporting`` → ``REPORTS_TO`` (no ``who``: the
  document's authority reports; with no authority either, nothing is invented).
* ``PART_OF`` from the body lexicon (``Resolved.parent``), not from text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import networkx as nx

from chidao.graph import resolve as res
from chidao.graph import schema

PURPOSE_OF: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\((?:để\s+)?(?:báo\s+cáo|b/c)\b", re.I), "report"),
    (re.compile(r"\((?:để\s+)?(?:thực\s+hiện|t/h|th)\b", re.I), "execute"),
    (re.compile(r"\((?:để\s+)?chỉ\s+đạo\b", re.I), "direct"),
    (re.compile(r"\((?:để\s+)?(?:phối\s+hợp|p/h)\b", re.I), "cooperate"),
    (re.compile(r"\((?:để\s+)?(?:biết|theo\s+dõi)\b", re.I), "inform"),
)
"""Nơi nhận purposes ("(để báo cáo)", "(b/c)", "(để biết)", "(để thực hiện)") by their first word."""

YEAR = re.compile(r"\d{4}")


def purpose_of(name: str) -> str | None:
    """``report``, ``execute``, ``direct``, ``cooperate`` or ``inform`` from a Nơi nhận line."""
    return next((purpose for pattern, purpose in PURPOSE_OF if pattern.search(name or "")), None)


def build_graph(records: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """One graph from directive records (the record contract, data/directive-record.schema.json)."""
    graph = nx.MultiDiGraph()
    for record in records:
        add_record(graph, record)
    return graph


# --- nodes -----------------------------------------------------------------------------------------


_BLANK = {label: {"label": label, **dict.fromkeys(props)} for label, props in schema.NODE_PROPERTIES.items()}
_EDGE_BLANK = {t: {"type": t, **dict.fromkeys(props)} for t, props in schema.EDGE_PROPERTIES.items()}


def _merge(key: str, old: Any, new: Any) -> Any:
    """Combine two values of one property, the same whatever order they come in: a known value
    beats None; flags are or-ed (``is_stub`` and-ed: a filled document stays filled); otherwise the
    smaller value wins (so a node's name does not depend on which document was met first)."""
    if old is None:
        return new
    if new is None or old == new:
        return old
    if isinstance(old, bool) or isinstance(new, bool):
        return (old and new) if key == "is_stub" else (old or new)
    try:
        return min(old, new)
    except TypeError:
        return old


def _put_node(graph: nx.MultiDiGraph, node_id: str, label: str, props: dict[str, Any],
              overwrite: bool = False) -> None:
    """Create or complete a node. ``overwrite``: the record's own document replaces what citations
    said about it (known values only)."""
    data = graph.nodes[node_id] if node_id in graph else None
    if data is None or "label" not in data:
        graph.add_node(node_id, **_BLANK[label])
        data = graph.nodes[node_id]
    data["id"] = node_id
    filled = label == schema.DOCUMENT and data.get("is_stub") is False  # citations only fill its gaps
    known = schema.NODE_PROPERTIES[label]
    for key, value in props.items():
        if key not in known or key == "id":
            continue
        if overwrite:
            if value is not None:
                data[key] = value
        elif filled:
            if data.get(key) is None:
                data[key] = value
        else:
            data[key] = _merge(key, data.get(key), value)


def _put_edge(graph: nx.MultiDiGraph, source: str, target: str, edge_type: str, discriminator: str,
              props: dict[str, Any]) -> None:
    key = f"{edge_type}|{discriminator}" if discriminator else edge_type  # schema.EdgeKey(...).key
    known = schema.EDGE_PROPERTIES[edge_type]
    attrs = _EDGE_BLANK[edge_type].copy()
    attrs.update({k: v for k, v in props.items() if k in known})
    graph.add_edge(source, target, key=key, **attrs)


def _span(obj: dict[str, Any] | None) -> tuple[int | None, int | None]:
    span = (obj or {}).get("span")
    if isinstance(span, list | tuple) and len(span) == 2:
        return span[0], span[1]
    return None, None


def _provenance(doc_id: str, quote: str | None, obj: dict[str, Any] | None) -> dict[str, Any]:
    start, end = _span(obj)
    return {"document": doc_id, "quote": quote, "span_start": start, "span_end": end}


def _context(record: dict[str, Any]) -> res.Context:
    """The resolution context of a record, from its document id and date."""
    doc = record["document"]
    scope = doc["id"].removeprefix("doc:").split("/", 1)[0]
    if scope == schema.NATIONAL:
        province: str | None = schema.NATIONAL
    elif scope.startswith((schema.UNKNOWN, "sha")):
        province = None
    else:
        province = scope
    date = None
    if doc.get("date"):
        try:
            date = dt.date.fromisoformat(doc["date"])
        except ValueError:
            date = None
    return res.Context(province=province, doc_date=date, document_key=schema.document_key(doc["id"]))


def _node_props(r: res.Resolved) -> dict[str, Any]:
    return {"name": r.name, "key": r.key, "kind": r.body_kind, "level": r.level, "jurisdiction": r.jurisdiction,
            "scope": r.scope, "is_group": r.is_group, "is_central": r.is_central, "valid_from": r.valid_from,
            "valid_to": r.valid_to}


def _actor(graph: nx.MultiDiGraph, ref: dict[str, Any] | None, ctx: res.Context,
           kind: str | None = None) -> str | None:
    """Add the node a reference means (and the bodies it is part of); return its id.

    The record's id is kept when it has one (the parser resolved it); a reference without an id
    (records from older versions) is resolved here. Nơi nhận placeholders ("Như trên", "Lưu VT")
    are no node.
    """
    if not ref or not isinstance(ref.get("name"), str) or not ref["name"].strip():
        return None
    if kind != "person" and res.is_placeholder(ref["name"]):
        return None
    r = res.resolve(ref["name"], ctx, kind=kind)
    node_id = ref.get("id") or r.id
    props = _node_props(r)
    if node_id != r.id:  # resolved by the parser in its own context: the id decides scope and kind
        prefix, _, rest = node_id.partition(":")
        scope = rest.rsplit("/", 1)[0] if "/" in rest else r.scope
        props.update(scope=scope, jurisdiction=res.province_name(scope) if not scope.startswith(schema.UNKNOWN)
                     else None, is_group=props["is_group"] or prefix == "group",
                     is_central=scope == schema.NATIONAL)
    try:
        label = schema.label_of(node_id)
    except KeyError:
        return None
    _put_node(graph, node_id, label, props)
    if label == schema.BODY and node_id == r.id:
        _add_parents(graph, r, ctx)
    return node_id


def _add_parents(graph: nx.MultiDiGraph, r: res.Resolved, ctx: res.Context) -> None:
    """PART_OF edges up the lexicon: Ban Thường vụ Tỉnh ủy → Tỉnh ủy; Sở Y tế → UBND tỉnh."""
    child, seen = r, {r.id}
    while child.parent and child.parent_name and child.parent not in seen:
        seen.add(child.parent)
        parent = res.resolve(child.parent_name, res.context_for_scope(child.parent.split(":", 1)[1].rsplit("/", 1)[0],
                                                                      ctx.doc_date))
        if parent.id != child.parent:  # the lexicon and the resolver disagree: trust the lexicon's id
            parent = replace(parent, id=child.parent)
        _put_node(graph, parent.id, schema.BODY, _node_props(parent))
        _put_edge(graph, child.id, parent.id, schema.PART_OF, "", {"document": None, "source": "lexicon"})
        child = parent


# --- records ---------------------------------------------------------------------------------------


def add_record(graph: nx.MultiDiGraph, record: dict[str, Any]) -> str:
    """Add one directive record; returns its document id. Adding it again changes nothing."""
    doc = record["document"]
    doc_id = doc["id"]
    ctx = _context(record)
    source = record.get("source") or {}
    number = doc.get("number")
    _absorb_undated_stub(graph, doc_id)
    _put_node(graph, doc_id, schema.DOCUMENT, {
        "type": doc.get("type"), "number": number, "date": doc.get("date"), "place": doc.get("place"),
        "subject": doc.get("subject"), "scope": _doc_scope(doc_id), "family": _family(number), "is_stub": False,
        "path": source.get("path"), "sha256": source.get("sha256"), "format": source.get("format"),
        "encoding": source.get("encoding"), "warnings": "; ".join(record.get("warnings") or []) or None,
    }, overwrite=True)

    issuer = _actor(graph, doc.get("issuer"), ctx)
    authority = _actor(graph, doc.get("authority"), ctx)
    for actor, ref in ((issuer, doc.get("issuer")), (authority, doc.get("authority"))):
        if actor:
            _put_edge(graph, actor, doc_id, schema.ISSUES, doc_id,
                      _provenance(doc_id, ref.get("quote") or ref["name"], ref))
    _signer(graph, record, ctx, doc_id, authority or issuer)
    _addressees(graph, record, ctx, doc_id)
    _citations(graph, record, doc_id)
    _measures(graph, record, ctx, doc_id)
    _lines(graph, record, ctx, doc_id, authority or issuer)
    return doc_id


def _doc_scope(doc_id: str) -> str:
    return doc_id.removeprefix("doc:").split("/", 1)[0]


def _family(number: str | None) -> str | None:
    """``party`` (``629-CV/TU``) or ``state`` (``02/CĐ-UBND``, ``4912/UBND-NC``) from the number."""
    if not number:
        return None
    return "state" if "/" in number.split("-")[0] else "party"


def _signer(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str,
            authority: str | None) -> None:
    signer = record.get("signer") or {}
    if not signer.get("name"):
        return
    person = _actor(graph, {"name": signer["name"]}, ctx, kind="person")
    if person is None:
        return
    quote = signer.get("quote") or signer["name"]
    _put_edge(graph, person, doc_id, schema.SIGNS, doc_id, {
        **_provenance(doc_id, quote, signer), "capacity": signer.get("capacity"), "title": signer.get("title"),
        "on_behalf_of": authority,
    })
    if signer.get("title") and authority:
        post = res.post_of(signer["title"], graph.nodes[authority].get("name") or "", _scope_context(authority, ctx))
        if post is not None:
            _put_node(graph, post.id, schema.POST, _node_props(post))
            _put_edge(graph, person, post.id, schema.HOLDS, doc_id, {
                **_provenance(doc_id, quote, signer), "as_of": record["document"].get("date")})


def _scope_context(node_id: str, ctx: res.Context) -> res.Context:
    """Resolve a post in the scope of the body it belongs to (a national authority stays national)."""
    scope = node_id.split(":", 1)[1].rsplit("/", 1)[0]
    if scope.startswith(schema.UNKNOWN):
        return ctx
    return res.context_for_scope(scope, ctx.doc_date)


def _addressees(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str) -> None:
    for kind, refs in (("to", record.get("recipients") or []), ("cc", record.get("cc") or [])):
        for ref in refs:
            actor = _actor(graph, ref, ctx)
            if actor is None:
                continue
            _put_edge(graph, doc_id, actor, schema.ADDRESSED_TO, f"{doc_id}|{kind}", {
                **_provenance(doc_id, ref.get("quote") or ref["name"], ref), "kind": kind,
                "purpose": purpose_of(ref.get("quote") or ref["name"])})


def _citations(graph: nx.MultiDiGraph, record: dict[str, Any], doc_id: str) -> None:
    for c in record.get("citations") or []:
        target = c.get("target_id") or _target_of(c, doc_id)
        if not target or target == doc_id:
            continue
        target = _dated_match(graph, target)
        if target == doc_id:
            continue
        _put_node(graph, target, schema.DOCUMENT, {
            "type": c.get("type"), "number": c.get("number"), "date": c.get("date"), "scope": _doc_scope(target),
            "family": _family(c.get("number")), "is_stub": True,
        })
        _put_edge(graph, doc_id, target, schema.CITES, doc_id, {
            **_provenance(doc_id, c.get("quote"), c), "relation": c.get("relation") or "cites"})


def _target_of(citation: dict[str, Any], doc_id: str) -> str | None:
    """The cited document's id for a citation without ``target_id`` (records from older versions):
    its number in the issuer's scope (national issuer → ``vn``), else in the citing document's."""
    number = citation.get("number")
    if not number:
        return None
    issuer = (citation.get("issuer") or {}).get("id") or ""
    scope = issuer.split(":", 1)[1].rsplit("/", 1)[0] if ":" in issuer and "/" in issuer else _doc_scope(doc_id)
    year = int(citation["date"][:4]) if citation.get("date") and YEAR.match(citation["date"]) else None
    return schema.document_id(scope=scope, number=number, year=year)


def _dated_match(graph: nx.MultiDiGraph, target: str) -> str:
    """An undated citation (``doc:vn/16-ct-ttg``) of a document present with its year
    (``doc:vn/16-ct-ttg/2020``) goes to that document — when exactly one such year is present."""
    if target in graph or YEAR.fullmatch(target.rsplit("/", 1)[-1]):
        return target
    prefix = target + "/"
    matches = [n for n in graph if n.startswith(prefix) and YEAR.fullmatch(n[len(prefix):])]
    return matches[0] if len(matches) == 1 else target


def _absorb_undated_stub(graph: nx.MultiDiGraph, doc_id: str) -> None:
    """A document with a year takes over the undated stub others cited it by: one node, not two."""
    base, _, year = doc_id.rpartition("/")
    if not YEAR.fullmatch(year) or base not in graph or not graph.nodes[base].get("is_stub"):
        return
    if any(n != doc_id and n.startswith(base + "/") and YEAR.fullmatch(n[len(base) + 1:]) for n in graph):
        return  # another dated document with this number is present: the undated citation is ambiguous
    stub = dict(graph.nodes[base])
    _put_node(graph, doc_id, schema.DOCUMENT, {k: v for k, v in stub.items() if k not in ("id", "label", "scope")})
    for source, _, key, data in list(graph.in_edges(base, keys=True, data=True)):
        graph.add_edge(source, doc_id, key=key, **data)
    graph.remove_node(base)


def _measures(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str) -> None:
    deadlines = [(_span(d)[0], d["by"]) for d in record.get("deadlines") or [] if d.get("by")]
    deadlines = [(at, by) for at, by in deadlines if at is not None]
    for position, m in enumerate(record.get("measures") or [], start=1):
        measure_id = m.get("id") or schema.measure_id(doc_id, position)
        ordinal = _ordinal(measure_id, position)
        start, end = _span(m)
        deadline = None if start is None or end is None else \
            next((by for at, by in deadlines if start <= at < end), None)
        _put_node(graph, measure_id, schema.MEASURE, {
            "document": doc_id, "item": m.get("item"), "ordinal": ordinal, "text": m.get("text"),
            "span_start": start, "span_end": end, "deadline": deadline}, overwrite=True)
        _put_edge(graph, doc_id, measure_id, schema.CONTAINS, "", {"document": doc_id})
        for a in m.get("assignments") or []:
            actor = _actor(graph, a.get("body"), ctx)
            role = a.get("role")
            if actor is None or role is None:
                continue
            prov = _provenance(doc_id, a.get("quote"), a)
            _put_edge(graph, doc_id, actor, schema.ASSIGNS, f"{measure_id}|{role}",
                      {**prov, "role": role, "item": m.get("item"), "measure": measure_id})
            _put_edge(graph, actor, measure_id, schema.RESPONSIBLE_FOR, role, {**prov, "role": role})


def _ordinal(measure_id: str, position: int) -> int:
    tail = measure_id.rsplit("#", 1)[-1]
    return int(tail) if tail.isdigit() else position


def _lines(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str,
           authority: str | None) -> None:
    for a in record.get("accountability") or []:
        who, to = _actor(graph, a.get("who"), ctx), _actor(graph, a.get("to"), ctx)
        if who and to and who != to:
            _put_edge(graph, who, to, schema.ACCOUNTABLE_TO, doc_id, _provenance(doc_id, a.get("quote"), a))
    for r in record.get("reporting") or []:
        who = _actor(graph, r.get("who"), ctx) if r.get("who") else authority
        to = _actor(graph, r.get("to"), ctx)
        if who and to and who != to:
            _put_edge(graph, who, to, schema.REPORTS_TO, f"{doc_id}|{r.get('cadence')}",
                      {**_provenance(doc_id, r.get("quote"), r), "cadence": r.get("cadence")})


# --- removal and stats -----------------------------------------------------------------------------


STUB_KEEPS = frozenset({"label", "id", "type", "number", "date", "scope", "family"})
"""What a cited document keeps when its own file is removed: what the citations said."""


def remove_document(graph: nx.MultiDiGraph, doc_id: str) -> None:
    """Remove what one document contributed — its measures, the edges whose ``document`` it is,
    and the nodes left with nothing — but keep it as a stub while other documents cite it."""
    if doc_id not in graph:
        return
    graph.remove_nodes_from([n for n, d in graph.nodes(data=True)
                             if d.get("label") == schema.MEASURE and d.get("document") == doc_id])
    graph.remove_edges_from([(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True)
                             if d.get("document") == doc_id])
    if any(d.get("type") == schema.CITES for _, _, d in graph.in_edges(doc_id, data=True)):
        data = graph.nodes[doc_id]
        for key in list(data):
            if key not in STUB_KEEPS:
                data[key] = None
        data["is_stub"] = True
    else:
        graph.remove_node(doc_id)
    _drop_orphans(graph)


def _drop_orphans(graph: nx.MultiDiGraph) -> None:
    while True:
        orphans = [n for n, d in graph.nodes(data=True)
                   if graph.degree(n) == 0
                   or (d.get("label") == schema.DOCUMENT and d.get("is_stub") and graph.in_degree(n) == 0)
                   or _only_structural(graph, n)]
        if not orphans:
            return
        graph.remove_nodes_from(orphans)


def _only_structural(graph: nx.MultiDiGraph, node: str) -> bool:
    """A body kept only by lexicon PART_OF edges, with nothing below it that still has facts."""
    if graph.nodes[node].get("label") != schema.BODY:
        return False
    if any(d.get("type") != schema.PART_OF for _, _, d in graph.out_edges(node, data=True)):
        return False
    return not any(True for _ in graph.in_edges(node))


def graph_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Counts per label and per edge type."""
    nodes = Counter(d.get("label") for _, d in graph.nodes(data=True))
    edges = Counter(d.get("type") for _, _, d in graph.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items())),
            "node_count": graph.number_of_nodes(), "edge_count": graph.number_of_edges()}
