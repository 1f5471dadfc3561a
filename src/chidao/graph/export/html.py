"""An interactive graph in ONE self-contained, offline UTF-8 HTML file.

pyvis lays out the network data (nodes, edges, vis.js options); the page itself is written here,
because pyvis 0.3.2's templates load Bootstrap and vis-network from CDNs and write files without an
encoding. vis-network's script and style are inlined from the copy pyvis ships (``pyvis/lib/vis-9.*``);
no URL is fetched, and the page's Content-Security-Policy forbids every network load.

Every text from documents reaches the page only as JSON inside ``<script type="application/json">``
(with ``<``, ``>``, ``&`` and U+2028/2029 escaped) and is put on screen with ``textContent`` — a
document containing ``<script>`` or ``<img onerror=…>`` shows as text and runs nothing.

Library use (``chidao demo`` does this)::

    from chidao.graph.export.html import write_html
    write_html(graph, "chidao.html")          # a path, or an open text stream
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph import schema

__all__ = ["DEFAULT_MAX_NODES", "GraphTooLarge", "network_data", "render_html", "write_html"]

DEFAULT_MAX_NODES = 2000

STYLE = {  # node kind → (colour, vis shape, size)
    "Document": ("#4C78A8", "box", 18),
    "Stub": ("#A6BDDB", "box", 14),
    "Body": ("#F58518", "dot", 16),
    "Group": ("#FFBF79", "dot", 16),
    "Post": ("#54A24B", "diamond", 14),
    "Person": ("#B279A2", "triangle", 12),
    "Measure": ("#9D9D9D", "square", 8),
}
KIND_TITLES = {  # legend wording
    "Document": "Văn bản / Document", "Stub": "Văn bản được dẫn / Cited document",
    "Body": "Cơ quan / Body", "Group": "Nhóm cơ quan / Group of bodies", "Post": "Chức danh / Post",
    "Person": "Người ký / Person", "Measure": "Nhiệm vụ / Measure",
}

EDGE_COLOURS = {
    schema.ASSIGNS: "#E45756", schema.RESPONSIBLE_FOR: "#E45756", schema.ACCOUNTABLE_TO: "#72249E",
    schema.REPORTS_TO: "#1F77B4", schema.CITES: "#4C78A8", schema.ISSUES: "#555555", schema.SIGNS: "#B279A2",
    schema.ADDRESSED_TO: "#BBBBBB", schema.CONTAINS: "#DDDDDD", schema.PART_OF: "#F58518", schema.HOLDS: "#B279A2",
}

OPTIONS = {
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 400, "fit": True},
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": {"type": "continuous"},
              "font": {"size": 9, "align": "middle"}},
    "nodes": {"font": {"size": 12}},
    "interaction": {"hover": True, "navigationButtons": False, "keyboard": False, "tooltipDelay": 150},
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
    """Short edge label: the role, cadence, to/cc or citation relation where there is one."""
    edge_type = data["type"]
    if edge_type == schema.RESPONSIBLE_FOR:
        return data.get("role") or ""
    if edge_type == schema.CONTAINS:
        return ""
    if edge_type == schema.ADDRESSED_TO:
        return data.get("kind") or "to"
    if edge_type == schema.CITES:
        return data.get("relation") or "cites"
    name = edge_type.lower().replace("_", " ")
    extra = data.get("role") if edge_type == schema.ASSIGNS else data.get("cadence")
    return f"{name} ({extra})" if extra else name


def _province_names(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Scope slug → province name, learnt from nodes that carry both (bodies, posts, document places)."""
    names: dict[str, set[str]] = {}
    for _, data in graph.nodes(data=True):
        scope = data.get("scope")
        name = data.get("jurisdiction") or (data.get("place") if data["label"] == schema.DOCUMENT else None)
        if scope and name and not scope.startswith((schema.UNKNOWN, "sha")):
            names.setdefault(scope, set()).add(name)
    found = {scope: min(values) for scope, values in names.items()}
    found.setdefault(schema.NATIONAL, "Việt Nam")
    return found


def _province(node: str, data: dict[str, Any], graph: nx.MultiDiGraph, names: dict[str, str]) -> str | None:
    """The province (jurisdiction) a node belongs to, or None when the text does not say."""
    if data.get("jurisdiction"):
        return data["jurisdiction"]
    scope = data.get("scope")
    if not scope and data["label"] == schema.MEASURE and data.get("document") in graph:
        scope = graph.nodes[data["document"]].get("scope")
    if not scope and ":" in node:
        scope = node.split(":", 1)[1].split("/", 1)[0]
    return names.get(scope) if scope else None


def network_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Nodes, edges and vis.js options, laid out by pyvis; deterministic for a given graph.

    Each node and edge also carries ``props`` (every non-null property, for the details panel),
    nodes their ``kind`` and ``province``, edges their ``type`` (for the filters).
    """
    try:
        from pyvis.network import Network
    except ImportError as exc:  # pragma: no cover - the [viz] extra is missing
        raise ChidaoError("the HTML view needs pyvis: pip install 'chidao[viz]'") from exc

    net = Network(directed=True, cdn_resources="local")
    options = json.loads(json.dumps(OPTIONS))
    # fewer layout steps for big graphs, so the page settles in seconds rather than a minute
    size = graph.number_of_nodes()
    options["physics"]["stabilization"]["iterations"] = 400 if size <= 500 else max(150, 400 * 500 // size)
    net.set_options(json.dumps(options))
    node_list = sorted(graph.nodes(data=True), key=lambda n: n[0])
    for node, data in node_list:
        colour, shape, size = STYLE[_kind(data)]
        net.add_node(node, label=_caption(node, data), shape=shape, color=colour, size=size)
    edge_list = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for u, v, _key, data in edge_list:
        net.add_edge(u, v, label=_edge_caption(data), color=EDGE_COLOURS.get(data["type"], "#999999"))
    vis_nodes, vis_edges, _heading, _height, _width, vis_options = net.get_network_data()

    names = _province_names(graph)
    nodes = []
    for (node, data), n in zip(node_list, vis_nodes, strict=True):
        nodes.append({"id": n["id"], "label": n["label"], "shape": n["shape"], "color": n["color"],
                      "size": n["size"], "kind": _kind(data), "province": _province(node, data, graph, names),
                      "props": {k: v for k, v in sorted(data.items()) if v is not None}})
    edges = []
    for i, ((u, v, _key, data), e) in enumerate(zip(edge_list, vis_edges, strict=True)):
        edges.append({"id": f"e{i}", "from": u, "to": v, "label": e["label"], "color": e["color"],
                      "type": data["type"], "props": {k: val for k, val in sorted(data.items()) if val is not None}})
    counts = Counter(n["kind"] for n in nodes)
    return {
        "nodes": nodes, "edges": edges, "options": json.loads(vis_options),
        "counts": dict(sorted(counts.items())),
        "edge_counts": dict(sorted(Counter(e["type"] for e in edges).items())),
        "legend": [{"kind": k, "title": KIND_TITLES[k], "color": STYLE[k][0], "shape": STYLE[k][1],
                    "count": counts[k]} for k in STYLE if counts[k]],
        "provinces": sorted({n["province"] for n in nodes if n["province"]}),
    }


def _safe_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element or start markup: ``< > &`` and U+2028/9 escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_dir() -> Path:
    """The newest ``lib/vis-9.*`` folder inside the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    found = sorted(lib.glob("vis-9.*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:  # pragma: no cover - a pyvis without its bundled copy
        raise ChidaoError(f"no vis-network in {lib}: reinstall pyvis 0.3.2 (pip install 'chidao[viz]')")
    return found[-1].parent


def _inline_script(text: str) -> str:
    """Script text that cannot close its element early."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)


def _asset(name: str) -> str:
    return resources.files("chidao.graph.export").joinpath("assets", name).read_text(encoding="utf-8")


def check_size(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> None:
    """Raise :class:`GraphTooLarge` when the graph has more than ``max_nodes`` nodes."""
    if graph.number_of_nodes() > max_nodes:
        raise GraphTooLarge(
            f"the graph has {graph.number_of_nodes()} nodes, more than {max_nodes} can be drawn usefully: "
            "narrow it with --document, --body, --query NAME --param k=v or --depth, or raise --max-nodes")


def render_html(graph: nx.MultiDiGraph, title: str = "chidao", max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The whole page as a string (same graph → same text)."""
    check_size(graph, max_nodes)
    data = network_data(graph)
    vis = _vis_dir()
    replacements = {
        "{{TITLE}}": html.escape(title),
        "{{VIS_CSS}}": re.sub(r"</(style)", r"<\\/\1", (vis / "vis-network.css").read_text(encoding="utf-8"),
                              flags=re.I),
        "{{CSS}}": _asset("view.css"),
        "{{VIS_VERSION}}": vis.name,
        "{{VIS_JS}}": _inline_script((vis / "vis-network.min.js").read_text(encoding="utf-8")),
        "{{DATA}}": _safe_json(data),
        "{{JS}}": _inline_script(_asset("view.js")),
    }
    pattern = re.compile("|".join(re.escape(k) for k in replacements))
    # one pass, so a marker-like string inside the data or the library is never substituted
    return pattern.sub(lambda m: replacements[m.group()], _asset("view.html"))


def write_html(graph: nx.MultiDiGraph, out: str | Path | IO[str], title: str = "chidao",
               max_nodes: int = DEFAULT_MAX_NODES) -> None:
    """Write the page as UTF-8 to a path (folders created) or to an open text stream."""
    page = render_html(graph, title=title, max_nodes=max_nodes)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(page, encoding="utf-8", newline="\n")
    else:
        out.write(page)
