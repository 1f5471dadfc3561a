"""The HTML view as a file: self-contained, deterministic, escaped, capped, with the legend's counts."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.graph import schema
from chidao.graph.build import build_graph
from chidao.graph.export.html import GraphTooLarge, network_data, render_html, write_html

PAYLOADS = ("<script>document.title='PWNED'</script>", "<img src=x onerror=\"document.title='PWNED'\">",
            "</script><script>alert(1)</script>", "a\u2028b\u2029c & <!-- <script>")


def page_data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="chidao-data">(.*?)</script>', page, re.S)
                      .group(1))


def node(graph: nx.MultiDiGraph, node_id: str, label: str, **props) -> None:
    """A node with the builder's attribute shape: ``label`` plus the schema's properties."""
    data = {k: None for k in schema.NODE_PROPERTIES[label]}
    data.update(id=node_id, **props)
    graph.add_node(node_id, label=label, **data)


def edge(graph: nx.MultiDiGraph, u: str, v: str, edge_type: str, **props) -> None:
    data = {k: None for k in schema.EDGE_PROPERTIES[edge_type]}
    data.update(props)
    graph.add_edge(u, v, key=schema.EdgeKey(u, v, edge_type, props.get("role") or "").key, type=edge_type, **data)


def tiny_graph(name: str = "Ban Tuyên giáo Tỉnh ủy", quote: str = "giao Ban Tuyên giáo") -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    node(g, "doc:lai-chau/1-cv-tu/2021", schema.DOCUMENT, number="1-CV/TU", date="2021-01-02", scope="lai-chau",
         place="Lai Châu", is_stub=False, subject="về việc thử")
    node(g, "body:lai-chau/ban-tuyen-giao-tinh-uy", schema.BODY, name=name, jurisdiction="Lai Châu",
         scope="lai-chau", is_group=False)
    node(g, "measure:lai-chau/1-cv-tu/2021#1", schema.MEASURE, document="doc:lai-chau/1-cv-tu/2021", item="1",
         ordinal=1, text="1. Tuyên truyền")
    node(g, "body:vn/bo-y-te", schema.BODY, name="Bộ Y tế", jurisdiction="Việt Nam", scope="vn", is_group=False)
    prov = {"document": "doc:lai-chau/1-cv-tu/2021", "quote": quote, "span_start": 0, "span_end": 5}
    edge(g, "doc:lai-chau/1-cv-tu/2021", "measure:lai-chau/1-cv-tu/2021#1", schema.CONTAINS,
         document="doc:lai-chau/1-cv-tu/2021")
    edge(g, "body:lai-chau/ban-tuyen-giao-tinh-uy", "measure:lai-chau/1-cv-tu/2021#1", schema.RESPONSIBLE_FOR,
         role="lead", **prov)
    edge(g, "body:lai-chau/ban-tuyen-giao-tinh-uy", "body:vn/bo-y-te", schema.REPORTS_TO, cadence="weekly", **prov)
    edge(g, "doc:lai-chau/1-cv-tu/2021", "body:vn/bo-y-te", schema.ADDRESSED_TO, kind="cc", **prov)
    return g


def test_self_contained_no_network_references(sample_records) -> None:
    page = render_html(build_graph(sample_records))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert not re.search(r"<(?:script|link|img|iframe|source|video|audio|object|embed)\b[^>]*\b(?:src|href)\s*=", page, re.I)
    assert not re.search(r"url\(\s*(?![\"']?data:)", page.split("<script")[0], re.I)  # CSS images are data: URLs
    assert "@import" not in page and not re.search(r"(?:https?:)?//[\w.-]*(?:cdn|jsdelivr|unpkg|cloudflare)", page)
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    assert len(re.findall(r"^<script", page, re.M)) == 3 and "vis.Network" in page


def test_written_as_utf8_on_any_platform(sample_records, tmp_path) -> None:
    write_html(build_graph(sample_records), tmp_path / "sub" / "v.html")
    raw = (tmp_path / "sub" / "v.html").read_bytes()
    assert "Ban Tuyên giáo Tỉnh ủy".encode() in raw and b"\r\n" not in raw
    stream = io.StringIO()
    write_html(build_graph(sample_records), stream)
    assert stream.getvalue().encode() == raw


def test_deterministic(sample_records) -> None:
    first = render_html(build_graph(sample_records))
    assert first == render_html(build_graph(list(reversed(sample_records))))
    assert first == render_html(build_graph(sample_records))


def test_document_text_is_escaped(sample_records) -> None:
    graph = build_graph(sample_records)
    graph.nodes["body:lai-chau/ban-tuyen-giao-tinh-uy"]["name"] = PAYLOADS[0]
    graph.nodes["doc:lai-chau/629-cv-tu/2021"]["subject"] = PAYLOADS[1]
    graph.nodes["doc:lai-chau/629-cv-tu/2021"]["number"] = PAYLOADS[2]
    for _, _, data in graph.edges(data=True):
        if data.get("quote"):
            data["quote"] = PAYLOADS[3]
    page = render_html(graph, title="<b>x</b>")
    for payload in PAYLOADS:
        assert payload not in page
    assert "<img" not in page and "alert(1)" not in page.replace("alert(1)\\u003c", "")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page
    raw = re.search(r'<script type="application/json" id="chidao-data">(.*?)</script>', page, re.S).group(1)
    assert not set(raw) & {"<", ">", "&", "\u2028", "\u2029"}
    data = json.loads(raw)
    assert PAYLOADS[0] in {n["props"].get("name") for n in data["nodes"]}  # kept as text, shown with textContent
    assert PAYLOADS[3] in {e["props"].get("quote") for e in data["edges"]}
    view_js = page.split("<script>")[-1]
    assert "innerHTML" not in view_js and "insertAdjacentHTML" not in view_js and "document.write" not in view_js
    assert "eval(" not in view_js and "new Function" not in view_js


def test_tiny_graph_from_factories() -> None:
    data = network_data(tiny_graph())
    assert [n["id"] for n in data["nodes"]] == sorted(tiny_graph().nodes)
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["doc:lai-chau/1-cv-tu/2021"]["province"] == "Lai Châu"  # from the scope, named as the bodies are
    assert by_id["measure:lai-chau/1-cv-tu/2021#1"]["province"] == "Lai Châu"  # from its document
    assert by_id["body:vn/bo-y-te"]["province"] == "Việt Nam"
    assert data["provinces"] == ["Lai Châu", "Việt Nam"]
    assert by_id["body:lai-chau/ban-tuyen-giao-tinh-uy"]["shape"] == "dot"
    assert by_id["doc:lai-chau/1-cv-tu/2021"]["shape"] == "box"
    labels = {e["type"]: e["label"] for e in data["edges"]}
    assert labels == {schema.CONTAINS: "", schema.RESPONSIBLE_FOR: "lead", schema.REPORTS_TO: "reports to (weekly)",
                      schema.ADDRESSED_TO: "cc"}
    assert data["options"]["physics"]["stabilization"]["enabled"] is True


def test_legend_counts(sample_records) -> None:
    graph = build_graph(sample_records)
    data = page_data(render_html(graph))
    labels = Counter(d["label"] for _, d in graph.nodes(data=True))
    groups = sum(1 for _, d in graph.nodes(data=True) if d["label"] == schema.BODY and d.get("is_group"))
    stubs = sum(1 for _, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT and d.get("is_stub"))
    assert data["counts"] == {"Body": labels[schema.BODY] - groups, "Group": groups, "Document": 4, "Stub": stubs,
                              "Measure": sum(len(r["measures"]) for r in sample_records),
                              "Person": labels[schema.PERSON], "Post": labels[schema.POST]}
    assert sum(data["counts"].values()) == len(data["nodes"]) == graph.number_of_nodes()
    assert [k["kind"] for k in data["legend"]] == ["Document", "Stub", "Body", "Group", "Post", "Person", "Measure"]
    assert all(k["count"] == data["counts"][k["kind"]] for k in data["legend"])
    assert sum(data["edge_counts"].values()) == len(data["edges"]) == graph.number_of_edges()
    assert data["provinces"] == ["Lai Châu", "Việt Nam", "Đồng Nai"]


def test_cap(sample_records) -> None:
    graph = build_graph(sample_records)
    size = graph.number_of_nodes()
    with pytest.raises(GraphTooLarge, match=f"{size} nodes, more than 100 .* --document, --body, --query"):
        render_html(graph, max_nodes=100)
    assert render_html(graph, max_nodes=size)


def test_cli_cap_and_focus(sample_store, tmp_path) -> None:
    too_big = CliRunner().invoke(main, ["export", "html", "--db", sample_store, "--max-nodes", "10", "-o",
                                        str(tmp_path / "x.html")])
    assert too_big.exit_code == 1 and "more than 10" in too_big.stderr and "--document" in too_big.stderr
    assert not (tmp_path / "x.html").exists()
    ok = CliRunner().invoke(main, ["export", "html", "--db", sample_store, "--document", "629-CV/TU", "-o",
                                   str(tmp_path / "629.html")])
    assert ok.exit_code == 0, ok.output
    data = page_data((tmp_path / "629.html").read_text(encoding="utf-8"))
    assert data["counts"]["Document"] == 1 and len(data["nodes"]) < 100
    assert "wrote" in ok.stderr and str(len(data["nodes"])) in ok.stderr
