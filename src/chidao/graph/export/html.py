"""An interactive graph in ONE self-contained, offline UTF-8 HTML file, Vietnamese first.

vis-network (the library pyvis wraps) draws the graph; its script and style are inlined from the
copy pyvis ships (``pyvis/lib/vis-9.*``), because pyvis 0.3.2's templates load Bootstrap and
vis-network from CDNs and write files without an encoding. No URL is fetched, and the page's
Content-Security-Policy forbids every network load.

This module prepares what the page shows: Vietnamese labels (``assets/vi.json``; English schema
names only reach tooltips), items named by their gist ("Mục 2 · Tăng cường tuyên truyền…"), the
panel's fields with the technical ones (ids, hashes, spans) kept apart, each node's layer and place
in it for the page's layered layout (documents → items → bodies → posts and people), and, for big
graphs, the groups of the overview. The page (``assets/view.js``) lays the nodes out, without
physics, so labels never overlap and the view is still as soon as it is drawn.

Every text from documents reaches the page only as JSON inside ``<script type="application/json">``
(with ``<``, ``>``, ``&`` and U+2028/2029 escaped) and is put on screen with ``textContent`` — a
document containing ``<script>`` or ``<img onerror=…>`` shows as text and runs nothing.

Library use (``chidao demo`` does this)::

    from chidao.graph.export.html import write_html
    write_html(graph, "chidao.html")          # a path, or an open text stream
    write_html(graph, "tinh.html", mode="overview")   # groups that open on click
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph import schema
from chidao.graph.names import document_label

__all__ = ["DEFAULT_MAX_NODES", "OVERVIEW_AT", "GraphTooLarge", "choose_mode", "gist", "network_data", "render_html",
           "write_html"]

DEFAULT_MAX_NODES = 2000
OVERVIEW_AT = 500
"""Above this many nodes the page opens as a grouped overview (documents by month, bodies by kind)."""
OVERVIEW_LIMIT = 50
"""An overview embeds at most this many times ``max_nodes`` nodes (it draws only groups at first)."""

STYLE = {  # node kind → (border colour, fill, text colour): every node a box whose label sits inside it
    "Document": ("#2F5E8E", "#4C78A8", "#FFFFFF"),
    "Stub": ("#6F93C0", "#DCE6F2", "#1D3A5C"),
    "Body": ("#D9700B", "#FDDDB9", "#3A2200"),
    "Group": ("#D9700B", "#FFF4E6", "#3A2200"),
    "Post": ("#3E8A37", "#D8EDD3", "#153A12"),
    "Person": ("#8E5A82", "#EEDDEA", "#3B1E35"),
    "Measure": ("#9A9A9A", "#F2F2F2", "#222222"),
}
COLUMNS = {"Document": 0, "Stub": 0, "Measure": 1, "Body": 2, "Group": 2, "Post": 3, "Person": 3}
"""Layers of the layout, left to right: documents → their items → bodies → posts and people."""

EDGE_COLOURS = {
    schema.ASSIGNS: "#E45756", schema.RESPONSIBLE_FOR: "#E45756", schema.ACCOUNTABLE_TO: "#72249E",
    schema.REPORTS_TO: "#1F77B4", schema.CITES: "#4C78A8", schema.ISSUES: "#555555", schema.SIGNS: "#B279A2",
    schema.ADDRESSED_TO: "#BBBBBB", schema.CONTAINS: "#C8C8C8", schema.PART_OF: "#F58518", schema.HOLDS: "#B279A2",
}

LABEL_WIDTH = 24  # characters per label line; a longer name wraps onto a second line, then "…"
ITEM_WIDTH = 28   # characters per line of an item's label ("Mục 2 · " and the start of its text, two lines)
GIST_WIDTH = 60   # characters of an item's text kept for its gist

OPTIONS = {  # positions come from the page's layered layout: no physics, so nothing drifts or settles
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
              "smooth": {"type": "cubicBezier", "forceDirection": "horizontal", "roundness": 0.45},
              "font": {"size": 11, "align": "horizontal", "strokeWidth": 0, "background": "rgba(255,255,255,0.9)"},
              "width": 1, "selectionWidth": 1.5},
    "nodes": {"shape": "box", "font": {"size": 14, "face": "DejaVu Sans, Arial, sans-serif", "multi": False},
              "margin": {"top": 5, "bottom": 5, "left": 7, "right": 7}, "borderWidth": 1},
    "interaction": {"hover": True, "navigationButtons": False, "keyboard": False, "tooltipDelay": 150,
                    "hideEdgesOnDrag": True, "hideEdgesOnZoom": False},
}

_ITEM_PREFIX = re.compile(r"^\s*(?:[-–+•*]\s*|\(?[0-9IVXivx]+(?:\.[0-9]+)*\s*[.)\-–/]\s*|\(?[a-zđ]\)\s*)+")
"""Numbering at the start of an item's text ("1.", "2.3.", "1-", "II.", "a)", "- "), dropped from its gist."""
_ASSIGN_VERB = re.compile(r"^(?:giao|đề nghị|yêu cầu)\s+", re.I)
"""An opening verb that only introduces the assignee; the gist keeps what is to be done."""


class GraphTooLarge(ChidaoError):
    """More nodes than a browser can draw usefully."""


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The view's Vietnamese words (``assets/vi.json``): kinds, edge types, values, field names."""
    return json.loads(_asset("vi.json"))


def _kind(data: dict[str, Any]) -> str:
    label = data["label"]
    if label == schema.DOCUMENT and data.get("is_stub"):
        return "Stub"
    if label == schema.BODY and data.get("is_group"):
        return "Group"
    return label


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1].rsplit(" ", 1)[0] if " " in text[:width - 1] else text[:width - 1]
    return cut.rstrip(" ,;:.-") + "…"


def _wrap(text: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """A name on at most ``lines`` lines of about ``width`` characters (vis-network draws ``\\n``)."""
    words, out, line = " ".join(text.split()).split(" "), [], ""
    for i, word in enumerate(words):
        if line and len(line) + 1 + len(word) > width:
            if len(out) == lines - 1:
                out.append(_shorten(" ".join([line, *words[i:]]), width))
                return "\n".join(out)
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    return "\n".join(out)


def gist(text: str | None, width: int = GIST_WIDTH) -> str:
    """The first words of an item's text without its numbering: what the item is about."""
    body = _ASSIGN_VERB.sub("", _ITEM_PREFIX.sub("", text or "")).strip()
    return _shorten(body[:1].upper() + body[1:], width) if body else ""


def _measure_caption(data: dict[str, Any], first_item: int | None) -> str:
    """"Mục 2 · Tăng cường tuyên truyền…"; text before the first numbered item is the preamble."""
    words = vocabulary()
    if data.get("item"):
        head = f"{words['item']} {data['item']}"
    elif first_item is None or (data.get("ordinal") or 0) < first_item:
        head = words["preamble"]
    else:
        head = words["closing"]
    about = gist(data.get("text"))
    return _wrap(f"{head} · {about}", ITEM_WIDTH) if about else head


def _caption(node: str, data: dict[str, Any], first_item: int | None = None, issuers: tuple[str, ...] = ()) -> str:
    if data["label"] == schema.DOCUMENT:  # its number; else type, date and issuer, as every command names it
        return _wrap(document_label(data, issuers))
    if data["label"] == schema.MEASURE:
        return _measure_caption(data, first_item)
    return _wrap(data.get("name") or node)


def _edge_caption(data: dict[str, Any]) -> str:
    """The edge in Vietnamese: its type, with the role, cadence, addressee kind or citation relation."""
    words = vocabulary()
    name = words["edges"].get(data["type"], [data["type"].lower()])[0]
    extra = next((data[k] for k in ("role", "cadence", "relation", "kind") if data.get(k)), None)
    if data["type"] == schema.ADDRESSED_TO and extra:
        return words["values"].get(extra, extra)
    return f"{name} ({words['values'].get(extra, extra)})" if extra else name


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


def _first_items(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Document id → ordinal of its first numbered item (what comes before it is the preamble)."""
    first: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        if data["label"] == schema.MEASURE and data.get("item") and data.get("document"):
            ordinal = data.get("ordinal") or 0
            first[data["document"]] = min(first.get(data["document"], ordinal), ordinal)
    return first


LATE, LAST = "\ufffe", "\uffff"  # sort keys: unknown dates, types, issuers after the known; cited documents last


def _groups(node: str, data: dict[str, Any], issuers: dict[str, str]) -> dict[str, list[str]]:
    """The overview's groups, each ``[sort key, Vietnamese title]``: documents by month, type and
    issuer; bodies by kind (party, state…) and level; posts and people in their own groups."""
    words = vocabulary()
    kind = _kind(data)
    title = words["kinds"][kind][0]
    if kind == "Document":
        date = data.get("date") or ""
        month = f"{words['month']} {int(date[5:7])}/{date[:4]}" if len(date) >= 7 else words["no_date"]
        year = f"{words['year']} {date[:4]}" if len(date) >= 4 else words["no_date"]
        return {"month": [date[:7] or LATE, month], "year": [date[:4] or LATE, year], "type": [data.get("type") or LATE, data.get("type") or title],
                "issuer": [issuers.get(node) or LATE, issuers.get(node) or words["no_issuer"]]}
    if kind == "Stub":
        return {"month": [LAST, title], "year": [LAST, title], "type": [LAST, title], "issuer": [LAST, title]}
    if kind in ("Body", "Group", "Post"):
        body_kind = words["values"].get(data.get("kind") or "", words["no_kind"])
        level = words["values"].get(data.get("level") or "", words["no_level"])
        by_kind = [f"{kind}/{data.get('kind') or LATE}", f"{title} · {body_kind}"] if kind != "Post" else [kind, title]
        return {"kind": by_kind, "level": [f"{kind}/{data.get('level') or LATE}", f"{title} · {level}"]}
    return {"kind": [kind, title], "level": [kind, title]}


def _issuers(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Document id → the name (and province) of the body that issued it, first by id."""
    found: dict[str, list[str]] = {}
    for u, v, data in graph.edges(data=True):
        if data["type"] == schema.ISSUES:
            found.setdefault(v, []).append(u)
    out = {}
    for doc, bodies in found.items():
        body = graph.nodes[min(bodies)]
        name = body.get("name") or min(bodies)
        out[doc] = f"{name} {body['jurisdiction']}" if body.get("jurisdiction") and body.get("level") != "central" \
            and body["jurisdiction"] != "Việt Nam" else name
    return out


def _ranks(graph: nx.MultiDiGraph, kinds: dict[str, str]) -> dict[str, float]:
    """Order within each layer: documents by date and number, items in document order, bodies and
    people at the mean place of what they are linked to (fewer crossing edges), then by name."""
    rank: dict[str, float] = {}
    docs = sorted((n for n, k in kinds.items() if k in ("Document", "Stub")),
                  key=lambda n: (kinds[n] == "Stub", graph.nodes[n].get("date") or "", n))
    rank.update({n: float(i) for i, n in enumerate(docs)})
    measures = sorted((n for n, k in kinds.items() if k == "Measure"),
                      key=lambda n: (rank.get(graph.nodes[n].get("document"), len(docs)),
                                     graph.nodes[n].get("ordinal") or 0, n))
    rank.update({n: float(i) * max(1, len(docs)) / max(1, len(measures)) for i, n in enumerate(measures)})
    for layer in (("Body", "Group"), ("Post", "Person")):
        members = [n for n, k in kinds.items() if k in layer]
        centre = {}
        for n in members:
            linked = [rank[m] for m in nx.all_neighbors(graph, n) if m in rank]
            centre[n] = sum(linked) / len(linked) if linked else float(len(docs))
        ordered = sorted(members, key=lambda n: (centre[n], graph.nodes[n].get("name") or n, n))
        rank.update({n: centre[n] for n in ordered})
    return {n: round(r, 4) for n, r in rank.items()}


def _split_props(data: dict[str, Any]) -> tuple[list[list[str]], dict[str, Any]]:
    """(Vietnamese field, value) rows for the details panel, and the technical fields folded away."""
    words = vocabulary()
    shown, technical = [], {}
    for key, value in sorted(data.items()):
        if value is None or key == "text":
            continue
        if key in words["technical"] or key not in words["fields"]:
            technical[key] = value
            continue
        text = words["values"].get(str(value).lower() if isinstance(value, bool) else str(value), str(value))
        shown.append([words["fields"][key], text])
    order = list(words["fields"])
    shown.sort(key=lambda row: order.index(next(k for k, v in words["fields"].items() if v == row[0])))
    return shown, technical


def _edge_order(edge_type: str) -> tuple[int, str]:
    order = list(EDGE_COLOURS)
    return (order.index(edge_type) if edge_type in order else len(order), edge_type)


def choose_mode(graph: nx.MultiDiGraph, mode: str = "auto") -> str:
    """``detail`` (every node, layered) or ``overview`` (groups that open on click); ``auto`` picks
    the overview above :data:`OVERVIEW_AT` nodes."""
    if mode not in ("auto", "detail", "overview"):
        raise ChidaoError(f"unknown view mode {mode!r}: use auto, detail or overview")
    if mode == "auto":
        return "overview" if graph.number_of_nodes() > OVERVIEW_AT else "detail"
    return mode


def network_data(graph: nx.MultiDiGraph, mode: str = "auto") -> dict[str, Any]:
    """Nodes, edges, legend and vis.js options for the page; deterministic for a given graph.

    Each node carries its Vietnamese ``label``, ``kind``, ``province``, layer (``col``) and place in
    it (``rank``), ``rows`` (Vietnamese field, value) for the details panel, ``tech`` (ids, hashes,
    spans: folded away) and ``text``; in an overview also its group keys (``grp``). Each edge carries
    its Vietnamese ``label`` (shown when one of its ends is selected) and ``type`` (for the filters).
    """
    words = vocabulary()
    mode = choose_mode(graph, mode)
    names = _province_names(graph)
    first = _first_items(graph)
    kinds = {n: _kind(d) for n, d in graph.nodes(data=True)}
    ranks = _ranks(graph, kinds)
    issuers = _issuers(graph) if mode == "overview" else {}
    issuer_names: dict[str, list[str]] = {}
    for u, v, data in graph.edges(data=True):
        if data["type"] == schema.ISSUES and graph.nodes[u].get("name"):
            issuer_names.setdefault(v, []).append(graph.nodes[u]["name"])
    nodes = []
    for node, data in sorted(graph.nodes(data=True), key=lambda n: n[0]):
        kind = kinds[node]
        rows, technical = _split_props(data)
        item: dict[str, Any] = {
            "id": node, "label": _caption(node, data, first.get(data.get("document") or ""), tuple(issuer_names.get(node, ()))), "kind": kind,
            "province": _province(node, data, graph, names),
            "col": COLUMNS[kind], "rank": ranks.get(node, 0.0), "rows": rows, "tech": technical,
            "name": data.get("name") or data.get("number") or "", "date": data.get("date"),
        }
        if data.get("text"):
            item["text"] = data["text"]
        if data.get("subject"):
            item["subject"] = data["subject"]
        if kind == "Measure" and data.get("document"):
            item["parent"] = data["document"]
        item = {k: v for k, v in item.items() if v is not None}
        if mode == "overview" and kind == "Measure":  # panel: item, text, document; ids and spans stay in the store
            item["tech"] = {}
        elif mode == "overview":
            item["grp"] = _groups(node, data, issuers)
        nodes.append(item)
    index = {n["id"]: i for i, n in enumerate(nodes)}  # edges name their ends by place in ``nodes``
    edges = []
    edge_list = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for u, v, _key, data in edge_list:
        edge = {"from": index[u], "to": index[v], "label": _edge_caption(data), "type": data["type"]}
        if data.get("role") == "cooperate":  # roles drawn, not written: labels would pile up
            edge["dashes"] = True
        elif data.get("role") == "lead":
            edge["width"] = 2.5
        if data.get("quote"):
            edge["quote"] = data["quote"]
        if data.get("document") in index:
            edge["document"] = index[data["document"]]
        if mode == "detail":  # an overview holds tens of thousands of edges: spans stay in the store
            edge["tech"] = {k: val for k, val in sorted(data.items()) if val is not None and k not in
                            ("type", "quote", "document") and k in words["technical"]}
        edges.append(edge)
    counts = Counter(n["kind"] for n in nodes)
    edge_counts = Counter(e["type"] for e in edges)
    return {
        "mode": mode, "nodes": nodes, "edges": edges, "options": json.loads(json.dumps(OPTIONS)),
        "counts": dict(sorted(counts.items())), "edge_counts": dict(sorted(edge_counts.items())),
        "legend": [{"kind": k, "title": words["kinds"][k][0], "tip": words["kinds"][k][1], "color": STYLE[k][1],
                    "border": STYLE[k][0], "text": STYLE[k][2], "count": counts[k]} for k in STYLE if counts[k]],
        "edge_legend": [{"type": t, "title": words["edges"].get(t, [t])[0],
                         "tip": f"{t}: {words['edges'].get(t, ['', t])[1]}", "color": EDGE_COLOURS.get(t, "#999999"),
                         "count": edge_counts[t]} for t in sorted(edge_counts, key=_edge_order)],
        "provinces": sorted({n["province"] for n in nodes if n.get("province")}),
        "words": {"kinds": {k: v[0] for k, v in words["kinds"].items()}},
    }


def _safe_json(data: Any) -> str:
    """JSON that cannot end its ``<script>`` element or start markup: ``< > &`` and U+2028/9 escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_dir() -> Path:
    """The newest ``lib/vis-9.*`` folder inside the installed pyvis package."""
    try:
        import pyvis
    except ImportError as exc:  # pragma: no cover - the [viz] extra is missing
        raise ChidaoError("the HTML view needs pyvis (it ships vis-network): pip install 'chidao[viz]'") from exc

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


def check_size(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES, mode: str = "auto") -> None:
    """Raise :class:`GraphTooLarge` when the page would draw more than ``max_nodes`` nodes (a detail
    view) or hold more than ``OVERVIEW_LIMIT × max_nodes`` (an overview, which draws groups first)."""
    size = graph.number_of_nodes()
    if choose_mode(graph, mode) == "detail" and size > max_nodes:
        raise GraphTooLarge(
            f"the graph has {size} nodes, more than {max_nodes} can be drawn usefully: "
            "narrow it with --document, --body, --province, --since/--until, --query NAME --param k=v or "
            "--depth, raise --max-nodes, or draw groups with --view overview")
    if size > OVERVIEW_LIMIT * max_nodes:
        raise GraphTooLarge(
            f"the graph has {size} nodes, more than an overview can hold ({OVERVIEW_LIMIT} × --max-nodes "
            f"{max_nodes}): narrow it with --province, --since/--until, --document, --body or --query")


def render_html(graph: nx.MultiDiGraph, title: str = "chidao", max_nodes: int = DEFAULT_MAX_NODES,
                mode: str = "auto") -> str:
    """The whole page as a string (same graph → same text)."""
    check_size(graph, max_nodes, mode)
    data = network_data(graph, mode)
    data["max_nodes"] = max_nodes
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
               max_nodes: int = DEFAULT_MAX_NODES, mode: str = "auto") -> None:
    """Write the page as UTF-8 to a path (folders created) or to an open text stream."""
    page = render_html(graph, title=title, max_nodes=max_nodes, mode=mode)
    if isinstance(out, str | Path):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(page, encoding="utf-8", newline="\n")
    else:
        out.write(page)
