"""The networkx graph built from records: shape, identity, idempotency, provenance, removal."""

from __future__ import annotations

import copy

from chidao.graph import schema
from chidao.graph.build import add_record, build_graph, graph_stats, remove_document


def test_attribute_shape(sample_records) -> None:
    g = build_graph(sample_records)
    for _, data in g.nodes(data=True):
        assert set(data) == {"label", *schema.NODE_PROPERTIES[data["label"]]}
    for _, _, data in g.edges(data=True):
        assert set(data) == {"type", *schema.EDGE_PROPERTIES[data["type"]]}
        for value in data.values():
            assert value is None or isinstance(value, str | int | bool)


def test_documents_and_cited_stubs(sample_records) -> None:
    g = build_graph(sample_records)
    docs = {n: d["is_stub"] for n, d in g.nodes(data=True) if d["label"] == schema.DOCUMENT}
    assert len(docs) == 9
    assert sorted(n for n, stub in docs.items() if stub) == [
        "doc:unknown~sha-693115ecab85/02-cd-ubnd/2021",
        "doc:vn/16-ct-ttg",
        "doc:vn/21-nq-cp/2021",
        "doc:vn/thuong-truc-ban-bi-thu/cong-dien/2021-04-27",
        "doc:vn/thuong-truc-ban-bi-thu/dien/2021-07-21",
    ]


def test_adding_twice_changes_nothing(sample_records) -> None:
    g = build_graph(sample_records)
    before = (graph_stats(g), dict(g.nodes(data=True)), sorted(g.edges(keys=True)))
    for record in sample_records:
        add_record(g, record)
    assert (graph_stats(g), dict(g.nodes(data=True)), sorted(g.edges(keys=True))) == before


def test_same_body_same_province_one_node(sample_records) -> None:
    g = build_graph(sample_records)
    tuyen_giao = sorted(n for n, d in g.nodes(data=True) if d.get("name") == "Ban Tuyên giáo Tỉnh ủy")
    assert tuyen_giao == [
        "body:dong-nai/ban-tuyen-giao-tinh-uy",
        "body:lai-chau/ban-tuyen-giao-tinh-uy",
        "body:unknown~sha-693115ecab85/ban-tuyen-giao-tinh-uy",
        "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy",
    ]
    assert "body:lai-chau/tinh-uy" in g and "body:vn/ban-bi-thu" in g


def test_every_text_edge_has_provenance(sample_records) -> None:
    g = build_graph(sample_records)
    for _, _, d in g.edges(data=True):
        if "quote" in schema.EDGE_PROPERTIES[d["type"]]:
            assert d["document"] and d["quote"]
            assert d["span_start"] is not None and d["span_end"] > d["span_start"]


def test_remove_and_readd(sample_records) -> None:
    g = build_graph(sample_records)
    before = graph_stats(g)
    h = copy.deepcopy(g)
    lai_chau = sample_records[1]["document"]["id"]
    remove_document(h, lai_chau)
    assert lai_chau not in h
    assert not any(n.startswith("body:lai-chau/") for n in h)
    assert "body:dong-nai/ban-tuyen-giao-tinh-uy" in h
    add_record(h, sample_records[1])
    assert graph_stats(h) == before


def test_removing_a_cited_document_keeps_a_stub(sample_records) -> None:
    citing = copy.deepcopy(sample_records[0])
    citing["document"]["id"] = "doc:unknown/999-cv-tu"
    citing["citations"] = [{**citing["citations"][0], "target_id": sample_records[1]["document"]["id"]}]
    g = build_graph([sample_records[1], citing])
    remove_document(g, sample_records[1]["document"]["id"])
    node = g.nodes[sample_records[1]["document"]["id"]]
    assert node["is_stub"] is True and node["path"] is None


def test_undated_citation_meets_the_dated_document(sample_records) -> None:
    cited = copy.deepcopy(sample_records[1])
    cited["document"]["id"] = "doc:vn/16-ct-ttg/2020"
    cited["document"]["number"] = "16/CT-TTg"
    for m in cited["measures"]:
        m["id"] = m["id"].replace("lai-chau/629-cv-tu/2021", "vn/16-ct-ttg/2020")
    for order in ([sample_records[0], cited], [cited, sample_records[0]]):
        g = build_graph(order)
        assert "doc:vn/16-ct-ttg" not in g
        assert g.has_edge(sample_records[0]["document"]["id"], "doc:vn/16-ct-ttg/2020")
