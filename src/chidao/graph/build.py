"""Directive records → one networkx MultiDiGraph with provenance on every text-derived edge.

Node attributes are ``label`` plus exactly the properties ``schema.NODE_PROPERTIES`` lists for the
label; edge attributes are ``type`` plus ``schema.EDGE_PROPERTIES[type]``. Edge keys come from the
schema (type + a content discriminator), so adding the same record twice changes nothing, and a
document's facts can be removed again (``remove_document``) when its file changes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from chidao.graph import resolve as res
from chidao.graph import schema

PURPOSE_OF = (
    (re.compile(r"\((?:để\s+)?(?:báo cáo|b/c)\)", re.I), "report"),
    (re.compile(r"\((?:để\s+)?(?:thực hiện|t/h)\)", re.I), "execute"),
    (re.compile(r"\((?:để\s+)?(?:chỉ đạo)\)", re.I), "direct"),
    (re.compile(r"\((?:để\s+)?(?:phối hợp)\)", re.I), "cooperate"),
    (re.compile(r"\((?:để\s+)?(?:biết|theo dõi)\)", re.I), "inform"),
)
COLLECTIVE_PREFIX = re.compile(r"^(?:Ban Thường vụ|Thường trực|Ban Chấp hành)\s+")


def build_graph(records: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for record in records:
        add_record(graph, record)
    return graph


# --- nodes -----------------------------------------------------------------------------------------


def _blank(label: str) -> dict[str, Any]:
    return {"label": label, **{p: None for p in schema.NODE_PROPERTIES[label]}}


def _put_node(graph: nx.MultiDiGraph, node_id: str, label: str, props: dict[str, Any],
              overwrite: bool = False) -> None:
    """Create or complete a node: known values are never replaced by unknown ones."""
    if node_id not in graph:
        graph.add_node(node_id, **_blank(label))
    data = graph.nodes[node_id]
    data["id"] = node_id
    for key, value in props.items():
        if key not in schema.NODE_PROPERTIES[label]:
            continue
        if value is not None and (overwrite or data.get(key) is None):
            data[key] = value


def _put_edge(graph: nx.MultiDiGraph, source: str, target: str, edge_type: str, discriminator: str,
              props: dict[str, Any]) -> None:
    key = schema.EdgeKey(source, target, edge_type, discriminator).key
    attrs = {"type": edge_type, **{p: None for p in schema.EDGE_PROPERTIES[edge_type]}}
    attrs.update({k: v for k, v in props.items() if k in schema.EDGE_PROPERTIES[edge_type]})
    graph.add_edge(source, target, key=key, **attrs)


def _provenance(doc_id: str, quote: str | None, span: list[int] | None) -> dict[str, Any]:
    return {"document": doc_id, "quote": quote, "span_start": span[0] if span else None,
            "span_end": span[1] if span else None}


def _context(record: dict[str, Any]) -> res.Context:
    doc = record["document"]
    scope = doc["id"].removeprefix("doc:").split("/", 1)[0]
    province = None if scope in (schema.NATIONAL, schema.UNKNOWN, "sha") else scope.removesuffix("-2025")
    date = dt.date.fromisoformat(doc["date"]) if doc.get("date") else None
    return res.Context(province=province, doc_date=date, document_key=schema.document_key(doc["id"]))


def _actor(graph: nx.MultiDiGraph, ref: dict[str, Any] | None, ctx: res.Context,
           kind: str | None = None) -> str | None:
    """Add the node a reference resolves to (and the bodies it is part of); return its id."""
    if not ref or not ref.get("name") or (ref.get("id") is None and "id" in ref and kind is None):
        return None
    r = res.resolve(ref["name"], ctx, kind=kind or (ref.get("kind") if ref.get("kind") == "person" else None))
    node_id = ref.get("id") or r.id
    _add_resolved(graph, node_id, r)
    return node_id


def _add_resolved(graph: nx.MultiDiGraph, node_id: str, r: res.Resolved) -> None:
    label = schema.LABEL_OF_KIND[r.kind]
    _put_node(graph, node_id, label, {
        "name": r.name, "key": r.key, "kind": r.body_kind, "level": r.level, "jurisdiction": r.jurisdiction,
        "scope": r.scope, "is_group": r.is_group, "is_central": r.is_central, "valid_from": r.valid_from,
        "valid_to": r.valid_to,
    })
    child, resolved = node_id, r
    while resolved.parent and resolved.parent_name:
        ctx = res.Context(province=None if resolved.scope.startswith((schema.NATIONAL, schema.UNKNOWN))
                          else resolved.scope.removesuffix("-2025"), doc_date=None,
                          document_key=resolved.scope.split("~", 1)[-1])
        parent = res.resolve(resolved.parent_name, ctx)
        parent_id = resolved.parent
        _put_node(graph, parent_id, schema.BODY, {
            "name": parent.name, "key": parent.key, "kind": parent.body_kind, "level": parent.level,
            "jurisdiction": parent.jurisdiction or r.jurisdiction, "scope": parent_id.split(":", 1)[1].rsplit("/", 1)[0],
            "is_group": False, "is_central": parent.is_central, "valid_from": parent.valid_from,
            "valid_to": parent.valid_to,
        })
        _put_edge(graph, child, parent_id, schema.PART_OF, "", {"source": "lexicon"})
        if parent.parent == resolved.parent or parent_id == child:
            break
        child, resolved = parent_id, parent


# --- records ---------------------------------------------------------------------------------------


def add_record(graph: nx.MultiDiGraph, record: dict[str, Any]) -> str:
    """Add one directive record; returns its document id. Adding it again changes nothing."""
    doc = record["document"]
    doc_id = doc["id"]
    ctx = _context(record)
    source = record.get("source") or {}
    number = doc.get("number")
    _put_node(graph, doc_id, schema.DOCUMENT, {
        "type": doc.get("type"), "number": number, "date": doc.get("date"), "place": doc.get("place"),
        "subject": doc.get("subject"), "scope": doc_id.removeprefix("doc:").split("/", 1)[0],
        "family": _family(number), "is_stub": False, "path": source.get("path"), "sha256": source.get("sha256"),
        "format": source.get("format"), "encoding": source.get("encoding"),
        "warnings": "; ".join(record.get("warnings") or []) or None,
    }, overwrite=True)
    _absorb_undated_stub(graph, doc_id)

    issuer = _actor(graph, doc.get("issuer"), ctx)
    authority = _actor(graph, doc.get("authority"), ctx)
    for actor, ref in ((issuer, doc.get("issuer")), (authority, doc.get("authority"))):
        if actor:
            _put_edge(graph, actor, doc_id, schema.ISSUES, doc_id,
                      _provenance(doc_id, ref.get("quote", ref["name"]), ref.get("span")))
    _signer(graph, record, ctx, doc_id, authority or issuer)
    _addressees(graph, record, ctx, doc_id)
    _citations(graph, record, doc_id)
    _measures(graph, record, ctx, doc_id)
    _lines(graph, record, ctx, doc_id, authority or issuer)
    return doc_id


def _family(number: str | None) -> str | None:
    if not number:
        return None
    return "state" if "/" in number.split("-")[0] else "party"


def _signer(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str,
            authority: str | None) -> None:
    signer = record.get("signer") or {}
    if not signer.get("name"):
        return
    person = _actor(graph, {"name": signer["name"], "kind": "person"}, ctx, kind="person")
    if person is None:
        return
    span = signer.get("span")
    _put_edge(graph, person, doc_id, schema.SIGNS, doc_id, {
        **_provenance(doc_id, signer["name"], span), "capacity": signer.get("capacity"),
        "title": signer.get("title"), "on_behalf_of": authority,
    })
    if signer.get("title") and authority:
        base = COLLECTIVE_PREFIX.sub("", graph.nodes[authority]["name"] or "")
        post_name = f"{signer['title']} {base}".strip()
        post = _actor(graph, {"name": post_name, "id": None, "kind": "post"}, ctx, kind="post")
        if post:
            _put_edge(graph, person, post, schema.HOLDS, doc_id, {
                **_provenance(doc_id, signer["name"], span), "as_of": record["document"].get("date")})


def _addressees(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str) -> None:
    for kind, refs in (("to", record.get("recipients") or []), ("cc", record.get("cc") or [])):
        for ref in refs:
            if not ref.get("id"):
                continue  # "Như trên", "Lưu VT": no body
            actor = _actor(graph, ref, ctx)
            if actor is None:
                continue
            purpose = next((p for rx, p in PURPOSE_OF if rx.search(ref["name"])), None)
            _put_edge(graph, doc_id, actor, schema.ADDRESSED_TO, f"{doc_id}|{kind}", {
                **_provenance(doc_id, ref.get("quote", ref["name"]), ref.get("span")), "kind": kind,
                "purpose": purpose})


def _citations(graph: nx.MultiDiGraph, record: dict[str, Any], doc_id: str) -> None:
    for c in record.get("citations") or []:
        target = c.get("target_id")
        if not target or target == doc_id:
            continue
        target = _dated_match(graph, target)
        _put_node(graph, target, schema.DOCUMENT, {
            "type": c.get("type"), "number": c.get("number"), "date": c.get("date"),
            "scope": target.removeprefix("doc:").split("/", 1)[0], "family": _family(c.get("number")),
            "is_stub": True,
        })
        _put_edge(graph, doc_id, target, schema.CITES, doc_id, {
            **_provenance(doc_id, c.get("quote"), c.get("span")), "relation": c.get("relation") or "cites"})


def _dated_match(graph: nx.MultiDiGraph, target: str) -> str:
    """An undated citation (``doc:vn/16-ct-ttg``) of a document already present with its year."""
    if target in graph:
        return target
    prefix = target + "/"
    matches = [n for n in graph if n.startswith(prefix) and re.fullmatch(r"\d{4}", n[len(prefix):])]
    return matches[0] if len(matches) == 1 else target


def _absorb_undated_stub(graph: nx.MultiDiGraph, doc_id: str) -> None:
    """A full document with a year takes over the undated stub other documents cited it by."""
    base, _, year = doc_id.rpartition("/")
    if not re.fullmatch(r"\d{4}", year) or base not in graph or not graph.nodes[base].get("is_stub"):
        return
    for source, _, key, data in list(graph.in_edges(base, keys=True, data=True)):
        graph.add_edge(source, doc_id, key=key, **data)
    graph.remove_node(base)


def _measures(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str) -> None:
    deadlines = record.get("deadlines") or []
    for ordinal, m in enumerate(record.get("measures") or [], start=1):
        span = m.get("span") or [None, None]
        deadline = next((d["by"] for d in deadlines if d.get("span") and span[0] is not None
                         and span[0] <= d["span"][0] < span[1] and d.get("by")), None)
        _put_node(graph, m["id"], schema.MEASURE, {
            "document": doc_id, "item": m.get("item"), "ordinal": ordinal, "text": m.get("text"),
            "span_start": span[0], "span_end": span[1], "deadline": deadline}, overwrite=True)
        _put_edge(graph, doc_id, m["id"], schema.CONTAINS, "", {"document": doc_id})
        for a in m.get("assignments") or []:
            actor = _actor(graph, a.get("body"), ctx)
            if actor is None:
                continue
            prov = _provenance(doc_id, a.get("quote"), a.get("span"))
            _put_edge(graph, doc_id, actor, schema.ASSIGNS, f"{m['id']}|{a['role']}",
                      {**prov, "role": a["role"], "item": m.get("item"), "measure": m["id"]})
            _put_edge(graph, actor, m["id"], schema.RESPONSIBLE_FOR, a["role"], {**prov, "role": a["role"]})


def _lines(graph: nx.MultiDiGraph, record: dict[str, Any], ctx: res.Context, doc_id: str,
           authority: str | None) -> None:
    for a in record.get("accountability") or []:
        who, to = _actor(graph, a.get("who"), ctx), _actor(graph, a.get("to"), ctx)
        if who and to and who != to:
            _put_edge(graph, who, to, schema.ACCOUNTABLE_TO, doc_id, _provenance(doc_id, a.get("quote"), a.get("span")))
    for r in record.get("reporting") or []:
        who = _actor(graph, r.get("who"), ctx) if r.get("who") else authority
        to = _actor(graph, r.get("to"), ctx)
        if who and to and who != to:
            _put_edge(graph, who, to, schema.REPORTS_TO, f"{doc_id}|{r.get('cadence')}",
                      {**_provenance(doc_id, r.get("quote"), r.get("span")), "cadence": r.get("cadence")})


# --- removal and stats -----------------------------------------------------------------------------


def remove_document(graph: nx.MultiDiGraph, doc_id: str) -> None:
    """Remove what one document contributed; keep what other documents still need."""
    if doc_id not in graph:
        return
    for node in [n for n, d in graph.nodes(data=True) if d.get("label") == schema.MEASURE and d.get("document") == doc_id]:
        graph.remove_node(node)
    for u, v, k in [(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d.get("document") == doc_id]:
        graph.remove_edge(u, v, k)
    if any(d.get("type") == schema.CITES for _, _, d in graph.in_edges(doc_id, data=True)):
        keep = {"id", "type", "number", "date", "scope", "family", "label"}
        data = graph.nodes[doc_id]
        for key in list(data):
            if key not in keep:
                data[key] = None
        data["is_stub"] = True
    else:
        graph.remove_node(doc_id)
    _drop_orphans(graph)


def _drop_orphans(graph: nx.MultiDiGraph) -> None:
    while True:
        orphans = [n for n, d in graph.nodes(data=True)
                   if graph.degree(n) == 0 or (d.get("label") == schema.DOCUMENT and d.get("is_stub")
                                               and graph.in_degree(n) == 0)
                   or _only_structural(graph, n)]
        if not orphans:
            return
        graph.remove_nodes_from(orphans)


def _only_structural(graph: nx.MultiDiGraph, node: str) -> bool:
    """A body kept only by lexicon PART_OF edges, with nothing below it that still has facts."""
    data = graph.nodes[node]
    if data.get("label") != schema.BODY:
        return False
    edges = list(graph.in_edges(node, data=True)) + list(graph.out_edges(node, data=True))
    if any(d.get("type") != schema.PART_OF for _, _, d in edges):
        return False
    return not any(d.get("type") == schema.PART_OF for _, _, d in graph.in_edges(node, data=True))


def graph_stats(graph: nx.MultiDiGraph) -> dict[str, Any]:
    nodes = Counter(d.get("label") for _, d in graph.nodes(data=True))
    edges = Counter(d.get("type") for _, _, d in graph.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items())),
            "node_count": graph.number_of_nodes(), "edge_count": graph.number_of_edges()}
