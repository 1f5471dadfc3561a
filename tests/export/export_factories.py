"""Small graphs with exactly the builder's attribute shape (node: ``label`` + every key of
``schema.NODE_PROPERTIES[label]``; edge: ``type`` + every key of ``schema.EDGE_PROPERTIES[type]``;
values str/int/bool/None; keys from ``schema.EdgeKey``), for tests that need no parsing."""

from __future__ import annotations

from typing import Any

import networkx as nx

from chidao.graph import schema

NASTY = "it's \"quoted\" \\ back\\slash\nnew line\ttab — Ủy ban; MATCH (n) DETACH DELETE n // <b>&amp;</b> {x}"
"""Text that breaks naive escaping in Cypher, CSV, XML, Turtle and JSON."""


def add_node(graph: nx.MultiDiGraph, label: str, node_id: str, **props: Any) -> str:
    attrs = {"label": label, **dict.fromkeys(schema.NODE_PROPERTIES[label]), "id": node_id}
    unknown = set(props) - set(schema.NODE_PROPERTIES[label])
    assert not unknown, unknown
    attrs.update(props)
    graph.add_node(node_id, **attrs)
    return node_id


def add_edge(graph: nx.MultiDiGraph, source: str, target: str, edge_type: str, discriminator: str = "", /,
             **props: Any) -> str:
    unknown = set(props) - set(schema.EDGE_PROPERTIES[edge_type])
    assert not unknown, unknown
    key = schema.EdgeKey(source, target, edge_type, discriminator).key
    graph.add_edge(source, target, key=key, type=edge_type,
                   **{**dict.fromkeys(schema.EDGE_PROPERTIES[edge_type]), **props})
    return key


def small_graph() -> nx.MultiDiGraph:
    """One directive with one fact of every edge type, a cited stub, and a nasty string."""
    g = nx.MultiDiGraph()
    doc = add_node(g, schema.DOCUMENT, "doc:lai-chau/629-cv-tu/2021", type="Công văn", number="629-CV/TU",
                   date="2021-07-22", place="Lai Châu", subject=NASTY, scope="lai-chau", family="party",
                   is_stub=False, path="examples/directives/629.txt", sha256="ab" * 32, format="txt",
                   encoding="utf-8", warnings=None)
    stub = add_node(g, schema.DOCUMENT, "doc:vn/16-ct-ttg", type="Chỉ thị", number="16/CT-TTg", scope="vn",
                    is_stub=True)
    province = add_node(g, schema.BODY, "body:lai-chau/tinh-uy", name="Tỉnh ủy", key="tỉnh ủy", kind="party",
                        level="province", jurisdiction="Lai Châu", scope="lai-chau", is_group=False, is_central=False)
    standing = add_node(g, schema.BODY, "body:lai-chau/ban-thuong-vu-tinh-uy", name="Ban Thường vụ Tỉnh ủy",
                        key="ban thường vụ tỉnh ủy", kind="party", level="province", jurisdiction="Lai Châu",
                        scope="lai-chau", is_group=False, is_central=False, valid_from="2020-10-01")
    groups = add_node(g, schema.BODY, "body:lai-chau/cac-huyen-uy", name="các huyện ủy, thành ủy",
                      key="các huyện ủy, thành ủy", level="district", jurisdiction="Lai Châu", scope="lai-chau",
                      is_group=True, is_central=False)
    post = add_node(g, schema.POST, "post:lai-chau/bi-thu-tinh-uy", name="Bí thư Tỉnh ủy", key="bí thư tỉnh ủy",
                    level="province", jurisdiction="Lai Châu", scope="lai-chau", is_group=False)
    person = add_node(g, schema.PERSON, "person:lai-chau/giang-pao-my", name="Giàng Páo Mỷ", key="giàng páo mỷ",
                      scope="lai-chau")
    measure = add_node(g, schema.MEASURE, schema.measure_id(doc, 1), document=doc, item="1", ordinal=1,
                       text="Tăng cường phòng, chống dịch; báo cáo trước ngày 30/8/2021.", span_start=100,
                       span_end=160, deadline="2021-08-30")
    prov = {"document": doc, "quote": "quote", "span_start": 10, "span_end": 20}
    add_edge(g, standing, doc, schema.ISSUES, **prov)
    add_edge(g, person, doc, schema.SIGNS, **prov, capacity="T/M", title="Bí thư", on_behalf_of=standing)
    add_edge(g, doc, stub, schema.CITES, **prov, relation="implements")
    add_edge(g, doc, groups, schema.ASSIGNS, f"{doc}|{measure}|lead", **prov, role="lead", item="1",
             measure=measure)
    add_edge(g, doc, measure, schema.CONTAINS, document=doc)
    add_edge(g, groups, measure, schema.RESPONSIBLE_FOR, f"{doc}|lead", **prov, role="lead")
    add_edge(g, groups, standing, schema.ACCOUNTABLE_TO, doc, **{**prov, "quote": NASTY})
    add_edge(g, groups, standing, schema.REPORTS_TO, f"{doc}|monthly", **prov, cadence="monthly")
    add_edge(g, doc, groups, schema.ADDRESSED_TO, f"{doc}|to", **prov, kind="to", purpose="execute")
    add_edge(g, standing, province, schema.PART_OF, source="lexicon")
    add_edge(g, person, post, schema.HOLDS, doc, **prov, as_of="2021-07-22")
    return g


def many_bodies(n: int, scope: str = "test") -> nx.MultiDiGraph:
    """``n`` bodies in a chain of PART_OF edges (n - 1 edges)."""
    g = nx.MultiDiGraph()
    ids = [add_node(g, schema.BODY, f"body:{scope}/b{i:04d}", name=f"Ban {i}", key=f"ban {i}", scope=scope,
                    is_group=False, is_central=False) for i in range(n)]
    for a, b in zip(ids, ids[1:], strict=False):
        add_edge(g, a, b, schema.PART_OF, source="lexicon")
    return g
