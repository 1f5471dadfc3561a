"""An interactive graph in ONE self-contained, offline UTF-8 HTML file.

pyvis lays out the network data (nodes, edges, vis.js options); the page itself is written here,
because pyvis 0.3.2's templates load Bootstrap and vis-network from CDNs and write files without an
encoding. vis-network's script and style are inlined from the copy pyvis ships; no URL is fetched.

Every text from documents reaches the page only as JSON inside ``<script type="application/json">``
(with ``<``, ``>``, ``&`` and U+2028/2029 escaped) and is put on screen with ``textContent`` — a
document containing ``<script>`` or ``<img onerror=…>`` shows as text and runs nothing.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph import schema

DEFAULT_MAX_NODES = 2000

STYLE = {  # node type → (colour, shape, size)
    "Document": ("#4C78A8", "box", 18),
    "Stub": ("#A6BDDB", "box", 14),
    "Body": ("#F58518", "dot", 16),
    "Group": ("#FFBF79", "dot", 16),
    "Post": ("#54A24B", "diamond", 14),
    "Person": ("#B279A2", "triangle", 12),
    "Measure": ("#9D9D9D", "square", 8),
}

EDGE_COLOURS = {
    schema.ASSIGNS: "#E45756", schema.RESPONSIBLE_FOR: "#E45756", schema.ACCOUNTABLE_TO: "#72249E",
    schema.REPORTS_TO: "#1F77B4", schema.CITES: "#4C78A8", schema.ISSUES: "#555555", schema.SIGNS: "#B279A2",
    schema.ADDRESSED_TO: "#BBBBBB", schema.CONTAINS: "#DDDDDD", schema.PART_OF: "#F58518", schema.HOLDS: "#B279A2",
}


class GraphTooLarge(ChidaoError):
    """More nodes than a browser can draw usefully."""


def _kind(data: dict[str, Any]) -> str:
    label = data["label"]
    if label == schema.DOCUMENT and data.get("is_stub"):
        return "Stub"
    if label == schema.BODY and data.get("is_group"):
        return "Group"
    return label


def _caption(node: str, data: dict[str, Any]) -> str:
    if data["label"] == schema.DOCUMENT:
        return data.get("number") or f"{data.get('type') or 'Văn bản'} {data.get('date') or ''}".strip()
    if data["label"] == schema.MEASURE:
        return f"mục {data['item']}" if data.get("item") else "đoạn"
    name = data.get("name") or node
    return name if len(name) <= 40 else name[:39] + "…"


def _edge_caption(data: dict[str, Any]) -> str:
    edge_type = data["type"]
    extra = data.get("role") or data.get("cadence") or data.get("kind") or data.get("relation") or ""
    if edge_type in (schema.CONTAINS, schema.RESPONSIBLE_FOR) and not extra:
        return ""
    return f"{edge_type.lower().replace('_', ' ')}{': ' + extra if extra else ''}"


def network_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes, edges and vis.js options, laid out by pyvis; deterministic for a given graph."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="local")
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 400},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": {"type": "continuous"},
                  "font": {"size": 9, "align": "middle"}},
        "nodes": {"font": {"size": 12}},
        "interaction": {"hover": True, "navigationButtons": False, "keyboard": True},
    }))
    for node, data in sorted(graph.nodes(data=True)):
        kind = _kind(data)
        colour, shape, size = STYLE[kind]
        net.add_node(node, label=_caption(node, data), shape=shape, color=colour, size=size, group=kind)
    for u, v, _key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        net.add_edge(u, v, label=_edge_caption(data), color=EDGE_COLOURS.get(data["type"], "#999999"),
                     title=None)
    nodes = []
    for n in net.nodes:
        data = graph.nodes[n["id"]]
        colour, _, size = STYLE[n["group"]]  # pyvis drops colour when a group is set
        nodes.append({"id": n["id"], "label": n["label"], "shape": n["shape"], "color": colour, "size": size,
                      "kind": n["group"], "jurisdiction": data.get("jurisdiction") or _province_of(n["id"]),
                      "props": {k: v for k, v in sorted(data.items()) if v is not None}})
    edges = []
    for i, ((u, v, _key, data), e) in enumerate(zip(sorted(graph.edges(keys=True, data=True),
                                                          key=lambda x: (x[0], x[1], x[2])), net.edges, strict=True)):
        edges.append({"id": f"e{i}", "from": u, "to": v, "label": e["label"], "color": e["color"],
                      "type": data["type"], "props": {k: val for k, val in sorted(data.items()) if val is not None}})
    options = net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())
    return {"nodes": nodes, "edges": edges, "options": options,
            "counts": dict(sorted(Counter(n["kind"] for n in nodes).items())),
            "edge_counts": dict(sorted(Counter(e["type"] for e in edges).items()))}


def _province_of(node_id: str) -> str | None:
    if ":" not in node_id:
        return None
    scope = node_id.split(":", 1)[1].split("/", 1)[0]
    return None if scope.startswith(("unknown", "sha")) else scope


def _safe_json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def render_html(graph: nx.MultiDiGraph, title: str = "chidao", max_nodes: int = DEFAULT_MAX_NODES) -> str:
    if graph.number_of_nodes() > max_nodes:
        raise GraphTooLarge(f"the graph has {graph.number_of_nodes()} nodes, more than {max_nodes} can be drawn "
                            "usefully: narrow it with --document, --body, --query or --depth, or raise --max-nodes")
    data = network_data(graph)
    page = resources.files("chidao.graph.export").joinpath("assets", "view.html").read_text(encoding="utf-8")
    script = resources.files("chidao.graph.export").joinpath("assets", "view.js").read_text(encoding="utf-8")
    css = resources.files("chidao.graph.export").joinpath("assets", "view.css").read_text(encoding="utf-8")
    vis_js = _asset("vis-network.min.js").replace("</script", "<\\/script")
    replacements = {
        "{{TITLE}}": html.escape(title),
        "{{VIS_CSS}}": _asset("vis-network.css"), "{{CSS}}": css, "{{VIS_JS}}": vis_js,
        "{{DATA}}": _safe_json(data), "{{JS}}": script,
    }
    for marker, value in replacements.items():
        page = page.replace(marker, value)
    return page


def write_html(graph: nx.MultiDiGraph, out: str | Path | IO[str], title: str = "chidao",
               max_nodes: int = DEFAULT_MAX_NODES) -> None:
    """Write the page as UTF-8 (to a path, or to an open text stream)."""
    page = render_html(graph, title=title, max_nodes=max_nodes)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(page, encoding="utf-8", newline="\n")
    else:
        out.write(page)
