"""GraphML, GEXF, Cytoscape JSON and node-link JSON through networkx's own writers.

Gephi and Cytoscape want plain, typed attributes: no None, no lists or dicts. ``flatten`` drops
null attributes (absence is the honest value), keeps str/int/bool, and turns a MultiDiGraph's edge
keys into an ``edge_key`` attribute so nothing is lost.
"""

from __future__ import annotations

import json
from typing import IO, Any

import networkx as nx


def flatten(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose every attribute is a str, int or bool (None dropped)."""
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        out.add_node(node, **_clean(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **_clean({**data, "edge_key": key}))
    return out


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    clean = {}
    for k, v in data.items():
        if v is None:
            continue
        clean[k] = v if isinstance(v, str | bool | int) else str(v)
    return clean


def write_graphml(graph: nx.MultiDiGraph, fp: IO[bytes]) -> None:
    nx.write_graphml_xml(flatten(graph), fp, encoding="utf-8", prettyprint=True, named_key_ids=True)


def write_gexf(graph: nx.MultiDiGraph, fp: IO[bytes]) -> None:
    g = flatten(graph)
    for _, data in g.nodes(data=True):
        data.setdefault("name", data.get("number") or data.get("id"))
    nx.write_gexf(g, fp, encoding="utf-8", prettyprint=True, version="1.2draft")


def write_cytoscape(graph: nx.MultiDiGraph, fp: IO[str]) -> None:
    data = nx.cytoscape_data(flatten(graph), name="name", ident="id")
    json.dump(data, fp, ensure_ascii=False, indent=1, sort_keys=True)


def write_node_link(graph: nx.MultiDiGraph, fp: IO[str]) -> None:
    """networkx node-link JSON with its arguments pinned (their defaults changed across versions)."""
    data = nx.node_link_data(graph, source="source", target="target", name="id", key="key", edges="edges")
    json.dump(data, fp, ensure_ascii=False, indent=1, sort_keys=True)


def read_node_link(fp: IO[str]) -> nx.MultiDiGraph:
    return nx.node_link_graph(json.load(fp), directed=True, multigraph=True, source="source", target="target",
                              name="id", key="key", edges="edges")
