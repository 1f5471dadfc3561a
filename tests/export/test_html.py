"""The HTML view as a file: self-contained, deterministic, escaped, capped, with the legend's counts."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.errors import ChidaoError
from chidao.graph import schema
from chidao.graph.build import build_graph
from chidao.graph.export import html as html_module
from chidao.graph.export.html import (
    OVERVIEW_AT,
    GraphTooLarge,
    choose_mode,
    gist,
    network_data,
    render_html,
    write_html,
)
from chidao.graph.focus import within

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
    assert PAYLOADS[0] in {n["name"] for n in data["nodes"]}  # kept as text, shown with textContent
    assert PAYLOADS[3] in {e.get("quote") for e in data["edges"]}
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
    assert by_id["measure:lai-chau/1-cv-tu/2021#1"]["label"] == "Mục 1 · Tuyên truyền"
    assert [by_id[n]["col"] for n in sorted(by_id)] == [2, 2, 0, 1]  # documents → items → bodies
    labels = {e["type"]: e["label"] for e in data["edges"]}
    assert labels == {schema.CONTAINS: "gồm mục", schema.RESPONSIBLE_FOR: "chịu trách nhiệm (chủ trì)",
                      schema.REPORTS_TO: "báo cáo (hằng tuần)", schema.ADDRESSED_TO: "nơi nhận"}
    nodes = [n["id"] for n in data["nodes"]]
    assert all(nodes[e["from"]] and nodes[e["to"]] for e in data["edges"])  # ends by place in the node list
    assert data["options"]["physics"]["enabled"] is False  # the page lays out; nothing drifts
    assert data["mode"] == "detail"


@pytest.mark.parametrize(("text", "expected"), [
    ("1. Tăng cường tuyên truyền về phòng, chống dịch", "Tăng cường tuyên truyền về phòng…"),
    ("1- Các cấp ủy trực thuộc tỉnh", "Các cấp ủy trực thuộc tỉnh"),
    ("2.3. Giao Sở Y tế chủ trì", "Sở Y tế chủ trì"),
    ("a) đề nghị các huyện ủy", "Các huyện ủy"),
    ("II. Nhiệm vụ trọng tâm", "Nhiệm vụ trọng tâm"),
    ("- Hoàn thành việc rà soát trước ngày 28/3/2025.", "Hoàn thành việc rà soát trước ngày…"),
    ("Vĩnh Long tổ chức", "Vĩnh Long tổ chức"),  # a capital V that is a word, not a numeral
    ("", ""),
    (None, ""),
])
def test_gist(text, expected) -> None:
    assert gist(text, width=36) == expected


def test_measure_labels_carry_their_gist_and_preambles_are_named(sample_records) -> None:
    graph = build_graph(sample_records)
    data = network_data(graph)
    measures = [n for n in data["nodes"] if n["kind"] == "Measure"]
    items = [m for m in measures if m["label"].startswith("Mục ")]
    assert all(re.fullmatch(r"Mục \d+ · \S.*", m["label"].replace("\n", " ")) for m in items)
    assert sum(m["label"].startswith("Phần mở đầu · ") for m in measures) == 4  # one preamble per document
    assert all(m["label"].startswith(("Mục ", "Phần mở đầu", "Đoạn kết")) for m in measures)
    for doc in {m["parent"] for m in measures}:  # no two items of one document look the same
        labels = [m["label"] for m in measures if m["parent"] == doc]
        assert len(labels) == len(set(labels)), labels
    assert all(max(len(line) for line in n["label"].split("\n")) <= 30 and n["label"].count("\n") <= 1
               for n in data["nodes"])  # short lines, at most two


def test_every_visible_word_is_vietnamese(sample_records) -> None:
    page = render_html(build_graph(sample_records))
    data = page_data(page)
    vocabulary = json.loads((Path(html_module.__file__).parent / "assets" / "vi.json").read_text(encoding="utf-8"))
    fields = set(vocabulary["fields"].values())
    for n in data["nodes"]:
        assert {row[0] for row in n["rows"]} <= fields  # the panel's field names
        assert not {"sha256", "span_start", "is_central", "path", "scope", "id"} & {row[0] for row in n["rows"]}
    technical = set().union(*(n["tech"] for n in data["nodes"]))
    assert {"sha256", "path", "is_central", "span_start", "scope"} <= technical  # folded away, still there
    assert {k["title"] for k in data["legend"]} == {"Văn bản", "Văn bản được dẫn", "Cơ quan", "Nhóm cơ quan",
                                                    "Chức danh", "Người ký", "Mục nhiệm vụ"}
    assert all(e["title"] != e["type"] and e["type"] in e["tip"] for e in data["edge_legend"])  # English: tooltip
    assert all(not re.search(r"[A-Z]{2,}_[A-Z]", e["label"]) for e in data["edges"])  # no RESPONSIBLE_FOR
    shell = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r'\s(?:title|aria-label|content)="[^"]*"', "", shell)))
    english = re.compile(r"\b(?:node|edge|type|province|details|search|show|all|click|find|text|provenance|"
                         r"documents?|laying|match|hidden|clears)\b", re.I)
    assert not english.findall(text.replace("chidao", "")), text
    view_js = page.split("<script>")[-1]
    for phrase in ("no match", "hidden by filters", "Provenance", "Documents (", "laying out", "Text\""):
        assert phrase not in view_js


def test_overview_groups_documents_and_bodies(tmp_path) -> None:
    graph = nx.MultiDiGraph()
    for i in range(30):
        month = f"2024-{i % 12 + 1:02d}-0{i % 9 + 1}"
        doc = f"doc:lai-chau/{i}-cv-tu/2024"
        node(graph, doc, schema.DOCUMENT, number=f"{i}-CV/TU", date=month, scope="lai-chau", place="Lai Châu",
             is_stub=False, type="Công văn" if i % 2 else "Chỉ thị")
        body = f"body:lai-chau/so-{i % 7}"
        node(graph, body, schema.BODY, name=f"Sở {i % 7}", jurisdiction="Lai Châu", scope="lai-chau",
             is_group=False, kind="state" if i % 7 else "party", level="province")
        edge(graph, doc, body, schema.ASSIGNS, role="lead", document=doc, quote="giao")
        edge(graph, "body:lai-chau/so-0", doc, schema.ISSUES, document=doc, quote="ban hành")
    data = network_data(graph, mode="overview")
    by_id = {n["id"]: n for n in data["nodes"]}
    assert data["mode"] == "overview"
    doc = by_id["doc:lai-chau/3-cv-tu/2024"]
    assert doc["grp"] == {"month": ["2024-04", "Tháng 4/2024"], "year": ["2024", "Năm 2024"],
                          "type": ["Công văn", "Công văn"], "issuer": ["Sở 0 Lai Châu", "Sở 0 Lai Châu"]}
    assert by_id["body:lai-chau/so-0"]["grp"] == {"kind": ["Body/party", "Cơ quan · khối Đảng"],
                                                  "level": ["Body/province", "Cơ quan · cấp tỉnh"]}
    assert "tech" not in data["edges"][0]  # spans stay in the store: an overview holds many edges
    assert choose_mode(graph) == "detail" and choose_mode(graph, "overview") == "overview"


def test_mode_and_caps(sample_records) -> None:
    graph = build_graph(sample_records)
    assert choose_mode(graph) == "detail"  # the samples: every node drawn
    big = nx.MultiDiGraph()
    for i in range(OVERVIEW_AT + 1):
        node(big, f"body:vn/b{i:04d}", schema.BODY, name=f"B {i}", scope="vn", is_group=False)
    assert choose_mode(big) == "overview"
    with pytest.raises(GraphTooLarge, match="--view overview"):
        render_html(big, max_nodes=OVERVIEW_AT, mode="detail")
    assert page_data(render_html(big, max_nodes=OVERVIEW_AT))["mode"] == "overview"  # groups drawn, not nodes
    with pytest.raises(GraphTooLarge, match="more than an overview can hold"):
        render_html(big, max_nodes=10)
    with pytest.raises(ChidaoError, match="unknown view mode"):
        choose_mode(big, "hairball")


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
    assert {e["type"]: e["count"] for e in data["edge_legend"]} == data["edge_counts"]
    assert all(k["count"] == data["counts"][k["kind"]] for k in data["legend"])
    assert sum(data["edge_counts"].values()) == len(data["edges"]) == graph.number_of_edges()
    assert data["provinces"] == ["Lai Châu", "Việt Nam", "Đồng Nai"]


def test_cap(sample_records) -> None:
    graph = build_graph(sample_records)
    size = graph.number_of_nodes()
    with pytest.raises(GraphTooLarge, match=f"{size} nodes, more than 100 .* --document, --body, --province"):
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


@pytest.mark.parametrize(("options", "documents"), [
    (["--province", "lai chau"], {"629-CV/TU"}),
    (["--province", "Tỉnh Đồng-Nai"], {"1747-CV/TU"}),
    (["--since", "2021-08"], {"629-CV/TU"}),
    (["--until", "2021-07-31"], {"1747-CV/TU"}),
    (["--province", "LAI CHÂU", "--since", "2021", "--until", "2021-12"], {"629-CV/TU"}),
])
def test_cli_province_and_dates(sample_store, tmp_path, options, documents) -> None:
    out = tmp_path / "p.html"
    result = CliRunner().invoke(main, ["export", "html", "--db", sample_store, *options, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    shown = {n["name"] for n in data["nodes"] if n["kind"] == "Document"}
    assert shown == documents
    assert {n["kind"] for n in data["nodes"]} >= {"Measure", "Body"}  # its items and whom they name


@pytest.mark.parametrize(("options", "message"), [
    (["--province", "Atlantis"], "'Atlantis' is not a province"),
    (["--since", "2021/08"], "is not a date"),
    (["--province", "lai chau", "--since", "2030"], "no document in Lai Châu from 2030"),
])
def test_cli_province_and_dates_errors(sample_store, tmp_path, options, message) -> None:
    result = CliRunner().invoke(main, ["export", "html", "--db", sample_store, *options, "-o",
                                       str(tmp_path / "x.html")])
    assert result.exit_code == 1 and message in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_view_mode(sample_store, tmp_path) -> None:
    out = tmp_path / "o.html"
    result = CliRunner().invoke(main, ["export", "html", "--db", sample_store, "--view", "overview", "-o", str(out)])
    assert result.exit_code == 0 and "grouped overview" in result.stderr
    assert page_data(out.read_text(encoding="utf-8"))["mode"] == "overview"


def test_within_keeps_documents_their_items_and_what_they_name(sample_records) -> None:
    graph = build_graph(sample_records)
    part = within(graph, province="Lai Châu")
    documents = {n for n, d in part.nodes(data=True) if d["label"] == schema.DOCUMENT and not d.get("is_stub")}
    assert documents == {"doc:lai-chau/629-cv-tu/2021"}
    items = {n for n, d in graph.nodes(data=True) if d["label"] == schema.MEASURE and d["document"] in documents}
    assert items <= set(part) and all(part.nodes[n]["document"] in documents
                                      for n, d in part.nodes(data=True) if d["label"] == schema.MEASURE)
    cited = {v for _, v, d in graph.edges("doc:lai-chau/629-cv-tu/2021", data=True) if d["type"] == schema.CITES}
    assert cited <= set(part)  # cited documents (stubs) stay, other provinces' documents do not
    named = {m for n in documents | items for m in nx.all_neighbors(graph, n)
             if graph.nodes[m]["label"] in (schema.BODY, schema.POST, schema.PERSON)}
    assert named <= set(part)
    assert within(graph) is graph  # nothing asked: the graph itself
    assert set(within(graph, province="lai-chau", since="2021-11-03", until="2021-11-03")) == set(part)
