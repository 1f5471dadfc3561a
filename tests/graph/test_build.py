"""The networkx graph built from records: shape, identity, idempotency, provenance, removal.

Records come from tests/graph/factories.py (hand-written, parser-independent); one test at the end
also builds from the parser's output on examples/directives when the parser is there.
"""

from __future__ import annotations

import copy
import itertools
from pathlib import Path

import pytest

from chidao.graph import schema
from chidao.graph.build import add_record, build_graph, graph_stats, purpose_of, remove_document

from . import factories as f

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "directives"


def snapshot(g):
    """Everything about a graph that must not depend on how it was built."""
    return ({n: dict(d) for n, d in g.nodes(data=True)},
            sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True)))


@pytest.fixture(scope="module")
def records():
    return f.all_records()


@pytest.fixture(scope="module")
def graph(records):
    return build_graph(records)


# --- shape -----------------------------------------------------------------------------------------


def test_node_and_edge_attributes_are_exactly_the_schema(graph) -> None:
    for _, data in graph.nodes(data=True):
        assert set(data) == {"label", *schema.NODE_PROPERTIES[data["label"]]}
        for value in data.values():
            assert value is None or isinstance(value, str | int | bool)
    for _, _, data in graph.edges(data=True):
        assert set(data) == {"type", *schema.EDGE_PROPERTIES[data["type"]]}
        for value in data.values():
            assert value is None or isinstance(value, str | int | bool)


def test_edge_endpoints_follow_the_schema(graph) -> None:
    for u, v, data in graph.edges(data=True):
        sources, targets = schema.EDGE_ENDPOINTS[data["type"]]
        assert graph.nodes[u]["label"] in sources, (u, data["type"])
        assert graph.nodes[v]["label"] in targets, (v, data["type"])
        assert schema.label_of(u) == graph.nodes[u]["label"]


def test_edge_keys_come_from_the_schema(graph) -> None:
    for _, _, k, data in graph.edges(keys=True, data=True):
        assert k == data["type"] or k.startswith(data["type"] + "|")


def test_every_text_edge_has_provenance(graph) -> None:
    for u, v, data in graph.edges(data=True):
        if "quote" in schema.EDGE_PROPERTIES[data["type"]]:
            assert data["document"] in graph and graph.nodes[data["document"]]["label"] == schema.DOCUMENT
            assert data["quote"], (u, v, data)
            assert data["span_start"] is not None and data["span_end"] > data["span_start"], (u, v, data)
        elif data["type"] == schema.PART_OF:
            assert (data["document"], data["source"]) == (None, "lexicon")
        else:
            assert data["type"] == schema.CONTAINS and data["document"] == u


def test_stats(graph) -> None:
    stats = graph_stats(graph)
    assert stats["node_count"] == graph.number_of_nodes() == sum(stats["nodes"].values())
    assert stats["edge_count"] == graph.number_of_edges() == sum(stats["edges"].values())
    assert stats["nodes"]["Measure"] == 8
    assert set(stats["edges"]) <= set(schema.EDGE_TYPES)
    assert set(stats["nodes"]) == set(schema.NODE_LABELS)


# --- documents and citations ------------------------------------------------------------------------


def test_documents_filled_and_cited_stubs(graph) -> None:
    docs = {n: d for n, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT}
    assert sorted(n for n, d in docs.items() if d["is_stub"]) == ["doc:lai-chau/02-cd-ubnd/2021"]
    filled = docs[f.LAI_CHAU_629]
    assert (filled["number"], filled["date"], filled["family"], filled["scope"], filled["is_stub"]) == (
        "629-CV/TU", "2021-11-03", "party", "lai-chau", False)
    assert docs[f.NGHE_AN_02]["family"] == "state"
    stub = docs["doc:lai-chau/02-cd-ubnd/2021"]
    assert (stub["type"], stub["number"], stub["date"], stub["path"]) == ("Công điện", "02/CĐ-UBND", "2021-10-30", None)


def test_undated_citation_and_the_dated_document_are_one_node(records) -> None:
    citing, cited = f.lai_chau_629(), f.ttg_16()
    for order in ([citing, cited], [cited, citing]):
        g = build_graph(order)
        assert "doc:vn/16-ct-ttg" not in g
        assert g.has_edge(f.LAI_CHAU_629, f.TTG_16)
        assert g.nodes[f.TTG_16]["is_stub"] is False
    assert snapshot(build_graph([citing, cited])) == snapshot(build_graph([cited, citing]))


def test_undated_citation_stays_apart_when_two_years_have_that_number() -> None:
    other = f.ttg_16()
    other["document"].update(id="doc:vn/16-ct-ttg/2021", date="2021-04-01")
    for m in other["measures"]:
        m["id"] = m["id"].replace("16-ct-ttg/2020", "16-ct-ttg/2021")
    g = build_graph([f.ttg_16(), other, f.lai_chau_629()])
    assert "doc:vn/16-ct-ttg" in g and g.nodes["doc:vn/16-ct-ttg"]["is_stub"] is True


def test_a_citation_of_an_ingested_document_merges(graph) -> None:
    assert graph.has_edge(f.LAI_CHAU_700, f.LAI_CHAU_629)
    assert graph.nodes[f.LAI_CHAU_629]["path"] is not None


def test_citation_without_target_id_uses_the_number() -> None:
    rec = f.dong_nai_1747()
    rec["citations"] = [f.citation(None, "21/NQ-CP", type="Nghị quyết", date="2021-03-01")]
    rec["citations"][0]["issuer"] = {"name": "Chính phủ", "id": "body:vn/chinh-phu", "kind": "body", "span": [1, 9]}
    g = build_graph([rec])
    assert g.has_edge(f.DONG_NAI_1747, "doc:vn/21-nq-cp/2021")


# --- identity: one node per body per province -------------------------------------------------------


def test_same_body_in_two_documents_of_one_province_is_one_node(graph) -> None:
    tuyen_giao = sorted(n for n, d in graph.nodes(data=True) if d.get("name") == "Ban Tuyên giáo Tỉnh ủy")
    assert tuyen_giao == ["body:dong-nai/ban-tuyen-giao-tinh-uy", "body:lai-chau/ban-tuyen-giao-tinh-uy",
                          "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"]
    assigned_by = {u for u, _, d in graph.in_edges("body:lai-chau/ban-tuyen-giao-tinh-uy", data=True)
                   if d["type"] == schema.ASSIGNS}
    assert assigned_by == {f.LAI_CHAU_629, f.LAI_CHAU_700}
    node = graph.nodes["body:lai-chau/ban-tuyen-giao-tinh-uy"]
    assert (node["jurisdiction"], node["scope"], node["kind"], node["level"], node["is_central"]) == (
        "Lai Châu", "lai-chau", "party", "province", False)
    assert graph.nodes["body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"]["jurisdiction"] is None


def test_national_bodies_are_shared(graph) -> None:
    cc_by = {u for u, _, d in graph.in_edges("body:vn/ban-bi-thu", data=True) if d["type"] == schema.ADDRESSED_TO}
    assert cc_by == {f.LAI_CHAU_629, f.DONG_NAI_1747}
    node = graph.nodes["body:vn/ban-bi-thu"]
    assert (node["scope"], node["jurisdiction"], node["is_central"], node["level"]) == ("vn", "Việt Nam", True,
                                                                                         "central")
    citing = {u for u, _, d in graph.in_edges(f.TTG_16, data=True) if d["type"] == schema.CITES}
    assert citing == {f.LAI_CHAU_629, f.DONG_NAI_1747}


def test_variants_in_two_documents_are_one_node(graph) -> None:
    """"TỈNH ỦY LAI CHÂU" and "Tỉnh ủy Lai Châu"; "Ban Tuyên giáo Tỉnh uỷ" and "… Tỉnh ủy"; "UBND tỉnh"."""
    issued = {v for u, v, d in graph.out_edges("body:lai-chau/tinh-uy", data=True) if d["type"] == schema.ISSUES}
    assert issued == {f.LAI_CHAU_629, f.LAI_CHAU_700}
    assert graph.nodes["body:lai-chau/uy-ban-nhan-dan-tinh"]["name"] == "Ủy ban nhân dân tỉnh"
    assert graph.nodes["person:lai-chau/le-van-luong"]["name"] == "Lê Văn Lương"


def test_groups_are_single_nodes_without_members(graph) -> None:
    group = "group:lai-chau/cac-huyen-uy-thanh-uy-dang-uy-truc-thuoc"
    assert graph.nodes[group]["is_group"] is True and graph.nodes[group]["label"] == schema.BODY
    assert not any(d["type"] == schema.PART_OF for _, _, d in graph.in_edges(group, data=True))
    assert graph.nodes["post:lai-chau/bi-thu-cac-huyen-uy-thanh-uy"]["is_group"] is True


def test_placeholders_are_no_nodes(graph) -> None:
    names = {d.get("name") for _, d in graph.nodes(data=True)}
    assert not {n for n in names if n and (n.startswith(("Như", "Lưu")))}


# --- edges ----------------------------------------------------------------------------------------


def test_issuer_and_authority_both_issue(graph) -> None:
    issuers = {u for u, _, d in graph.in_edges(f.LAI_CHAU_629, data=True) if d["type"] == schema.ISSUES}
    assert issuers == {"body:lai-chau/tinh-uy", "body:lai-chau/ban-thuong-vu-tinh-uy"}
    issuers = {u for u, _, d in graph.in_edges(f.TTG_16, data=True) if d["type"] == schema.ISSUES}
    assert issuers == {"body:vn/thu-tuong-chinh-phu"}  # issuer = authority: one edge
    issuers = {u for u, _, d in graph.in_edges(f.NGHE_AN_02, data=True) if d["type"] == schema.ISSUES}
    assert issuers == {"body:nghe-an/uy-ban-nhan-dan-tinh", "post:nghe-an/chu-tich-uy-ban-nhan-dan-tinh"}


def test_signer_signs_and_holds_a_post(graph) -> None:
    signs = [d for _, _, d in graph.out_edges("person:lai-chau/le-van-luong", data=True) if d["type"] == schema.SIGNS]
    assert sorted((d["document"], d["capacity"], d["title"], d["on_behalf_of"]) for d in signs) == [
        (f.LAI_CHAU_629, "T/M", "Phó Bí thư", "body:lai-chau/ban-thuong-vu-tinh-uy"),
        (f.LAI_CHAU_700, "T/M", "Phó Bí thư", "body:lai-chau/thuong-truc-tinh-uy"),
    ]
    holds = {(v, d["as_of"]) for _, v, d in graph.out_edges("person:lai-chau/le-van-luong", data=True)
             if d["type"] == schema.HOLDS}
    assert holds == {("post:lai-chau/pho-bi-thu-tinh-uy", "2021-11-03"), ("post:lai-chau/pho-bi-thu-tinh-uy",
                                                                          "2021-12-10")}
    assert graph.has_edge("person:vn/nguyen-xuan-phuc", "post:vn/thu-tuong-chinh-phu")
    assert graph.has_edge("person:nghe-an/nguyen-duc-trung", "post:nghe-an/chu-tich-uy-ban-nhan-dan-tinh")
    assert graph.nodes["post:lai-chau/pho-bi-thu-tinh-uy"]["name"] == "Phó Bí thư Tỉnh ủy"


def test_addressees_and_purposes(graph) -> None:
    edges = {(v, d["kind"], d["purpose"]) for _, v, d in graph.out_edges(f.LAI_CHAU_629, data=True)
             if d["type"] == schema.ADDRESSED_TO}
    assert edges == {
        ("group:lai-chau/cac-huyen-uy-thanh-uy-dang-uy-truc-thuoc", "to", None),
        ("group:lai-chau/cac-ban-dang-dang-doan-ban-can-su-dang-ban-thuong-vu-tinh-doan", "to", None),
        ("body:vn/ban-bi-thu", "cc", "report"),
        ("post:lai-chau/tinh-uy-vien", "cc", None),
    }


@pytest.mark.parametrize(("line", "purpose"), [
    ("Ban Bí thư (để báo cáo)", "report"), ("Bộ Y tế (b/c)", "report"), ("TT Tỉnh ủy (báo cáo)", "report"),
    ("Các sở (để thực hiện)", "execute"), ("UBND huyện (t/h)", "execute"), ("Sở Y tế (để biết)", "inform"),
    ("Công an tỉnh (để phối hợp)", "cooperate"), ("Ban cán sự đảng (để chỉ đạo)", "direct"),
    ("Sở Tài chính (để theo dõi)", "inform"), ("Các đồng chí Tỉnh ủy viên", None), ("", None),
])
def test_purpose_of(line: str, purpose: str | None) -> None:
    assert purpose_of(line) == purpose


def test_measures_assignments_and_responsibility(graph) -> None:
    m2 = "measure:lai-chau/629-cv-tu/2021#2"
    node = graph.nodes[m2]
    assert (node["document"], node["item"], node["ordinal"], node["deadline"]) == (f.LAI_CHAU_629, "2", 2,
                                                                                   "2021-11-30")
    assert graph.nodes["measure:lai-chau/629-cv-tu/2021#1"]["deadline"] is None
    assigns = {(v, d["role"], d["measure"], d["item"]) for _, v, d in graph.out_edges(f.LAI_CHAU_629, data=True)
               if d["type"] == schema.ASSIGNS and d["measure"] == m2}
    assert assigns == {("body:lai-chau/ban-can-su-dang-uy-ban-nhan-dan-tinh", "lead", m2, "2"),
                       ("body:lai-chau/cong-an-tinh", "cooperate", m2, "2")}
    responsible = {(u, d["role"]) for u, _, d in graph.in_edges(m2, data=True) if d["type"] == schema.RESPONSIBLE_FOR}
    assert responsible == {("body:lai-chau/ban-can-su-dang-uy-ban-nhan-dan-tinh", "lead"),
                           ("body:lai-chau/cong-an-tinh", "cooperate")}
    assert graph.has_edge(f.LAI_CHAU_629, m2, key=schema.CONTAINS)


def test_accountability_and_reporting(graph) -> None:
    post = "post:lai-chau/bi-thu-cac-huyen-uy-thanh-uy"
    edge = graph.get_edge_data(post, "body:lai-chau/ban-thuong-vu-tinh-uy")
    assert [d["type"] for d in edge.values()] == [schema.ACCOUNTABLE_TO]
    reports = {(u, v, d["cadence"]) for u, v, d in graph.edges(data=True)
               if d["type"] == schema.REPORTS_TO and d["document"] == f.LAI_CHAU_629}
    assert reports == {  # no "who": the authority reports
        ("body:lai-chau/ban-thuong-vu-tinh-uy", "body:lai-chau/thuong-truc-tinh-uy", "weekly"),
        ("body:lai-chau/ban-tuyen-giao-tinh-uy", "body:lai-chau/ban-thuong-vu-tinh-uy", "monthly"),
    }
    assert graph.has_edge("body:lai-chau/so-y-te", "post:lai-chau/chu-tich-uy-ban-nhan-dan-tinh")


def test_reporting_without_who_or_authority_invents_nothing() -> None:
    rec = f.record("doc:lai-chau/9-cv-tu/2021", number="9-CV/TU", date="2021-01-02",
                   reporting=(f.line(None, "Ban Thường vụ Tỉnh ủy", cadence="monthly"),))
    g = build_graph([rec])
    assert not any(d["type"] == schema.REPORTS_TO for _, _, d in g.edges(data=True))


@pytest.mark.parametrize(("child", "parent"), [
    ("body:lai-chau/ban-thuong-vu-tinh-uy", "body:lai-chau/tinh-uy"),
    ("body:lai-chau/thuong-truc-tinh-uy", "body:lai-chau/ban-thuong-vu-tinh-uy"),
    ("body:lai-chau/ban-tuyen-giao-tinh-uy", "body:lai-chau/tinh-uy"),
    ("body:lai-chau/ban-dan-van-tinh-uy", "body:lai-chau/tinh-uy"),
    ("body:lai-chau/so-y-te", "body:lai-chau/uy-ban-nhan-dan-tinh"),
    ("body:lai-chau/ban-can-su-dang-uy-ban-nhan-dan-tinh", "body:lai-chau/ban-thuong-vu-tinh-uy"),
    ("body:dong-nai/ban-tuyen-giao-tinh-uy", "body:dong-nai/tinh-uy"),
    ("body:unknown~unknown-761-cv-tu/ban-thuong-vu-tinh-uy", "body:unknown~unknown-761-cv-tu/tinh-uy"),
    ("body:vn/ban-bi-thu", "body:vn/ban-chap-hanh-trung-uong"),
    ("body:vn/thuong-truc-ban-bi-thu", "body:vn/ban-bi-thu"),
    ("body:vn/bo-y-te", "body:vn/chinh-phu"),
    ("body:vn/thu-tuong-chinh-phu", "body:vn/chinh-phu"),
])
def test_part_of_from_the_lexicon(graph, child: str, parent: str) -> None:
    assert graph.has_edge(child, parent, key=schema.PART_OF)


def test_a_tinh_uy_is_part_of_nothing(graph) -> None:
    for node in ("body:lai-chau/tinh-uy", "body:dong-nai/tinh-uy", "body:vn/ban-chap-hanh-trung-uong",
                 "body:nghe-an/uy-ban-nhan-dan-tinh"):
        assert not any(d["type"] == schema.PART_OF for _, _, d in graph.out_edges(node, data=True))


# --- idempotency, order, removal ------------------------------------------------------------------


def test_adding_twice_changes_nothing(records) -> None:
    g = build_graph(records)
    before = (graph_stats(g), snapshot(g))
    for record in records:
        add_record(g, copy.deepcopy(record))
    assert (graph_stats(g), snapshot(g)) == before


def test_order_does_not_matter(records) -> None:
    expected = snapshot(build_graph(records))
    for order in itertools.islice(itertools.permutations(records), 0, None, 97):
        assert snapshot(build_graph(order)) == expected


def test_references_without_ids_resolve_to_the_parsers_ids(records) -> None:
    """Records from older versions carry no ids: the builder resolves the names itself."""
    from chidao.graph.build import _context
    from chidao.graph.resolve import resolve

    with_ids = copy.deepcopy(records)
    for record in with_ids:
        ctx = _context(record)
        refs = [record["document"]["issuer"], record["document"]["authority"], *record["recipients"], *record["cc"],
                *(a["body"] for m in record["measures"] for a in m["assignments"]),
                *(x for line in record["accountability"] + record["reporting"] for x in (line["who"], line["to"]))]
        for r in refs:
            if r:
                resolved = resolve(r["name"], ctx)
                r.update(id=resolved.id, kind=resolved.kind)
    assert snapshot(build_graph(with_ids)) == snapshot(build_graph(records))


def test_plural_mention_marks_a_post_several_holders_in_any_order() -> None:
    one = f.record("doc:lai-chau/1-cv-tu/2021", number="1-CV/TU", date="2021-01-01",
                   measures=(f.measure("doc:lai-chau/1-cv-tu/2021", 1, f.assignment("đồng chí Phó Bí thư Tỉnh ủy")),))
    many = f.record("doc:lai-chau/2-cv-tu/2021", number="2-CV/TU", date="2021-01-02",
                    measures=(f.measure("doc:lai-chau/2-cv-tu/2021", 1,
                                        f.assignment("Các đồng chí Phó Bí thư Tỉnh ủy")),))
    a, b = build_graph([one, many]), build_graph([many, one])
    assert snapshot(a) == snapshot(b)
    assert a.nodes["post:lai-chau/pho-bi-thu-tinh-uy"]["is_group"] is True


def test_display_name_does_not_depend_on_the_first_document() -> None:
    docs = [f.record(f"doc:lai-chau/{n}-cv-tu/2021", number=f"{n}-CV/TU", date="2021-01-01",
                     measures=(f.measure(f"doc:lai-chau/{n}-cv-tu/2021", 1, f.assignment(name)),))
            for n, name in ((1, "Trung tâm y tế huyện Tam Đường"), (2, "TRUNG TÂM Y TẾ HUYỆN TAM ĐƯỜNG"),
                            (3, "Trung tâm Y tế huyện Tam Đường"))]
    names = {build_graph(order).nodes["body:lai-chau/trung-tam-y-te-huyen-tam-duong"]["name"]
             for order in itertools.permutations(docs)}
    assert names == {"Trung tâm Y tế huyện Tam Đường"}


def test_remove_document_leaves_other_documents_intact(records) -> None:
    g = build_graph(records)
    others = build_graph([r for r in records if r["document"]["id"] != f.LAI_CHAU_700])
    remove_document(g, f.LAI_CHAU_700)
    assert snapshot(g) == snapshot(others)


def test_remove_then_add_restores_the_graph(records) -> None:
    g = build_graph(records)
    before = snapshot(g)
    for doc_id in [r["document"]["id"] for r in records]:
        h = copy.deepcopy(g)
        remove_document(h, doc_id)
        assert doc_id not in h or h.nodes[doc_id]["is_stub"] is True
        assert not any(d.get("document") == doc_id for _, _, d in h.edges(data=True))
        add_record(h, next(r for r in records if r["document"]["id"] == doc_id))
        assert snapshot(h) == before, doc_id


def test_removing_a_cited_document_keeps_a_stub(records) -> None:
    g = build_graph(records)
    remove_document(g, f.LAI_CHAU_629)
    node = g.nodes[f.LAI_CHAU_629]  # 700-CV/TU cites it
    assert node["is_stub"] is True and node["path"] is None and node["number"] == "629-CV/TU"
    assert g.has_edge(f.LAI_CHAU_700, f.LAI_CHAU_629)
    assert "measure:lai-chau/629-cv-tu/2021#1" not in g
    assert "doc:lai-chau/02-cd-ubnd/2021" not in g  # cited only by 629: gone with it
    assert "post:lai-chau/bi-thu-cac-huyen-uy-thanh-uy" not in g
    assert "body:lai-chau/ban-tuyen-giao-tinh-uy" in g  # 700 still assigns it
    assert "body:lai-chau/cong-an-tinh" not in g
    assert f.TTG_16 in g and g.has_edge(f.DONG_NAI_1747, f.TTG_16)
    remove_document(g, f.LAI_CHAU_700)
    assert f.LAI_CHAU_629 not in g
    assert not any(n.startswith(("body:lai-chau/", "post:lai-chau/", "group:lai-chau/", "person:lai-chau/"))
                   for n in g)


def test_remove_everything_leaves_nothing(records) -> None:
    g = build_graph(records)
    for r in records:
        remove_document(g, r["document"]["id"])
    assert g.number_of_nodes() == 0 and g.number_of_edges() == 0
    remove_document(g, "doc:vn/absent")  # no error


# --- the parser's output, when the parser is there ---------------------------------------------------


def test_build_from_the_parser_on_the_sample_directives() -> None:
    extract = pytest.importorskip("chidao.extract")
    if not hasattr(extract, "extract_file"):
        pytest.skip("chidao.extract.extract_file does not exist yet")
    records = [extract.extract_file(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    g = build_graph(records)
    for _, data in g.nodes(data=True):
        assert set(data) == {"label", *schema.NODE_PROPERTIES[data["label"]]}
    for u, v, data in g.edges(data=True):
        sources, targets = schema.EDGE_ENDPOINTS[data["type"]]
        assert g.nodes[u]["label"] in sources and g.nodes[v]["label"] in targets
        if "quote" in schema.EDGE_PROPERTIES[data["type"]]:
            assert data["document"] and data["quote"]
    before = snapshot(g)
    for record in records:
        add_record(g, record)
    assert snapshot(g) == before
    assert "body:lai-chau/ban-tuyen-giao-tinh-uy" in g and "body:dong-nai/ban-tuyen-giao-tinh-uy" in g
    assert "body:vn/ban-bi-thu" in g
