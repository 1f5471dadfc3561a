"""GraphML, GEXF, Cytoscape.js JSON and networkx node-link JSON through networkx's own writers.

Gephi, yEd and Cytoscape want plain typed attributes, a display label and unique edge ids, so every
format goes through :func:`flatten`:

* no nulls (a missing property is the null), no dicts or lists (lists become ``"; "``-joined text,
  dicts JSON text): every value is a str, int, float or bool;
* nodes get ``display`` — the name, or a document's type and number, or a measure's document and
  ordinal — and edges a unique ``edge_id`` (``e0``, ``e1`` … in a stable order) plus ``edge_key``,
  the multigraph key, so nothing is lost;
* in GraphML and GEXF, the formats Gephi opens, the Gephi conventions apply: the node ``label``
  attribute is the display text and chidao's label moves to ``chidao_label``; in GEXF the edge
  ``label`` is the relationship type (GEXF reserves ``type`` for directed/undirected) and the type is
  also kept as ``edge_type``; a node's ``key`` (its match key) is ``match_key`` there, because
  networkx's GEXF writer reserves ``key``. :func:`read_graphml` and :func:`read_gexf` undo all of this.

networkx's writer arguments are passed explicitly (their defaults have changed between versions):
node-link JSON is ``{"directed", "multigraph", "graph", "nodes": [{"id", …}], "links": [{"source",
"target", "key", …}]}`` — the d3 layout and the one older networkx reads by default.
"""

from __future__ import annotations

import inspect
import json
from typing import IO, Any

import networkx as nx

from chidao.graph import schema

RESERVED_EDGE_NAMES = ("source", "target", "key", "id")
"""Edge members the JSON formats use for structure; an edge *property* of that name (PART_OF's
``source``, e.g. ``lexicon``) is written as ``prop_<name>`` there, and read back by read_node_link."""

NODE_LINK = {"source": "source", "target": "target", "name": "id", "key": "key", "edges": "links"}
"""node_link_data/node_link_graph arguments, pinned (tests/export/golden/node_link.json)."""


def _value(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return "; ".join(str(_value(v)) for v in value if v is not None)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _value(v) for k, v in data.items() if v is not None}


def display_name(graph: nx.MultiDiGraph, node: str) -> str:
    """A short human label: the name; a document's ``type number``; a measure's ``number #ordinal``."""
    data = graph.nodes[node]
    if data.get("name"):
        return str(data["name"])
    if data.get("label") == schema.DOCUMENT:
        text = " ".join(str(data[k]) for k in ("type", "number") if data.get(k))
        return text or str(data.get("subject") or node)[:80]
    if data.get("label") == schema.MEASURE and data.get("document") in graph:
        doc = graph.nodes[data["document"]]
        return f"{doc.get('number') or data['document']} #{data.get('ordinal') or node.rsplit('#', 1)[-1]}"
    return str(node)


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[3].get("type")), str(e[0]), str(e[1]),
                                                                     str(e[2])))


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all plain scalars, with ``display``, ``edge_id`` and ``edge_key``."""
    out = nx.MultiDiGraph()
    for node in sorted(graph, key=str):
        out.add_node(node, **_clean(graph.nodes[node]), display=display_name(graph, node))
    for i, (u, v, key, data) in enumerate(_sorted_edges(graph)):
        out.add_edge(u, v, key=key, **_clean(data), edge_id=f"e{i}", edge_key=str(key))
    return out


def gephi(graph: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """:func:`flatten`, then Gephi's conventions (see the module doc); edge keys become the edge ids."""
    flat = flatten(graph)
    out = nx.MultiDiGraph()
    for node, data in flat.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("label", "display")}
        if gexf and "key" in attrs:  # networkx's GEXF writer would rename it networkx_key
            attrs["match_key"] = attrs.pop("key")
        out.add_node(node, label=data["display"], chidao_label=data.get("label", ""), **attrs)
    for u, v, _, data in flat.edges(keys=True, data=True):
        attrs = dict(data)
        if gexf:
            edge_type = attrs.pop("type", "")
            attrs.update(label=edge_type, edge_type=edge_type, id=attrs["edge_id"])
        out.add_edge(u, v, key=data["edge_id"], **attrs)
    return out


def _ungephi(graph: nx.MultiGraph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Back to chidao's shape: ``label`` from ``chidao_label``, keys from ``edge_key``, ``type`` restored."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("label", "chidao_label", "id", "match_key")}
        if "match_key" in data:
            attrs["key"] = data["match_key"]
        out.add_node(node, label=data.get("chidao_label"), id=data.get("id", node), **attrs)  # GEXF keeps id aside
    for u, v, _, data in graph.edges(keys=True, data=True):
        attrs = {k: v for k, v in data.items()
                 if k not in ("edge_id", "edge_key", "edge_type", "label", "id", "networkx_key")}
        attrs["type"] = data.get("edge_type") or data.get("type") or data.get("label")
        out.add_edge(u, v, key=data["edge_key"], **attrs)
    return out


def write_graphml(graph: nx.MultiDiGraph, fp: IO[bytes]) -> None:
    nx.write_graphml_xml(gephi(graph), fp, encoding="utf-8", prettyprint=True, infer_numeric_types=False,
                         named_key_ids=False, edge_id_from_attribute=None)


def read_graphml(path_or_file: Any) -> nx.MultiDiGraph:
    return _ungephi(nx.read_graphml(path_or_file, force_multigraph=True))


def write_gexf(graph: nx.MultiDiGraph, fp: IO[bytes]) -> None:
    nx.write_gexf(gephi(graph, gexf=True), fp, encoding="utf-8", prettyprint=True, version="1.2draft")


def read_gexf(path_or_file: Any) -> nx.MultiDiGraph:
    return _ungephi(nx.read_gexf(path_or_file, node_type=None, relabel=False, version="1.2draft"))


def cytoscape_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Cytoscape.js elements JSON: node ``data.id`` is the chidao id, ``data.name`` the display text,
    ``data.label`` chidao's label; edge ``data.id`` is the unique ``edge_id``, and an edge property named
    like a structural member is ``prop_<name>`` (RESERVED_EDGE_NAMES)."""
    flat = flatten(graph)
    for _, data in flat.nodes(data=True):
        data["name"] = data.pop("display")
    for _, _, data in flat.edges(data=True):
        edge_id = data.pop("edge_id")
        data.pop("edge_key")  # cytoscape_data adds the multigraph key as data.key
        _protect(data)
        data["id"] = edge_id
    return nx.cytoscape_data(flat, name="name", ident="id")


def write_cytoscape(graph: nx.MultiDiGraph, fp: IO[str]) -> None:
    json.dump(cytoscape_data(graph), fp, ensure_ascii=False, indent=1, sort_keys=True)
    fp.write("\n")


def _node_link_args() -> dict[str, str]:
    """NODE_LINK for this networkx: before 3.4 the edges member was named with ``link=``."""
    args = dict(NODE_LINK)
    if "edges" not in inspect.signature(nx.node_link_data).parameters:
        args["link"] = args.pop("edges")
    return args


def _protect(data: dict[str, Any]) -> None:
    for name in RESERVED_EDGE_NAMES:
        if name in data:
            data[f"prop_{name}"] = data.pop(name)


def node_link_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """node-link data (arguments pinned in NODE_LINK); attributes flattened, without the helper ones."""
    flat = flatten(graph)
    for _, data in flat.nodes(data=True):
        data.pop("display")
    for _, _, data in flat.edges(data=True):
        data.pop("edge_id")
        data.pop("edge_key")
        _protect(data)
    return nx.node_link_data(flat, **_node_link_args())


def write_node_link(graph: nx.MultiDiGraph, fp: IO[str]) -> None:
    json.dump(node_link_data(graph), fp, ensure_ascii=False, indent=1, sort_keys=True)
    fp.write("\n")


def read_node_link(fp: IO[str]) -> nx.MultiDiGraph:
    graph = nx.node_link_graph(json.load(fp), directed=True, multigraph=True, **_node_link_args())
    for node, data in graph.nodes(data=True):  # node_link_graph turns the "id" member into the node itself
        data.setdefault("id", node)
    for _, _, data in graph.edges(data=True):
        for name in RESERVED_EDGE_NAMES:
            if f"prop_{name}" in data:
                data[name] = data.pop(f"prop_{name}")
    return graph


__all__ = ["display_name", "flatten", "read_gexf", "read_graphml", "read_node_link", "write_cytoscape",
           "write_gexf", "write_graphml", "write_node_link"]
