"""docs/schema.md matches the code: every name in schema.py, every endpoint in the diagram, the id
examples, the data files and the vocabularies of edge properties."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path

import pytest

from chidao.graph import schema
from chidao.graph.build import PURPOSE_OF
from chidao.graph.resolve import Context, resolve

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
DIAGRAM = re.search(r"```mermaid\n(.*?)```", PAGE, re.S).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize("label", schema.NODE_LABELS)
def test_every_label_and_its_properties(label: str) -> None:
    assert f"### `{label}`" in PAGE
    for prop in schema.NODE_PROPERTIES[label]:
        assert f"`{prop}`" in PAGE, (label, prop)


@pytest.mark.parametrize("edge_type", schema.EDGE_TYPES)
def test_every_edge_type_its_properties_and_endpoints(edge_type: str) -> None:
    assert re.search(rf"^\| `{edge_type}` \|", PAGE, re.M), edge_type
    for prop in schema.EDGE_PROPERTIES[edge_type]:
        assert f"`{prop}`" in PAGE, (edge_type, prop)
    sources, targets = schema.EDGE_ENDPOINTS[edge_type]
    for s in sources:
        for t in targets:
            assert f"{s} -- {edge_type} --> {t}" in DIAGRAM, (s, edge_type, t)


def test_the_diagram_has_nothing_the_schema_does_not() -> None:
    for s, edge_type, t in re.findall(r"(\w+) -- (\w+) --> (\w+)", DIAGRAM):
        sources, targets = schema.EDGE_ENDPOINTS[edge_type]
        assert s in sources and t in targets, (s, edge_type, t)


@pytest.mark.parametrize("value", [*schema.ROLES, *schema.CADENCES, *schema.CITE_RELATIONS, *schema.ADDRESS_KINDS,
                                   *schema.ADDRESS_PURPOSES])
def test_property_vocabularies(value: str) -> None:
    assert f"`{value}`" in PAGE


def test_the_builder_uses_the_schema_vocabularies() -> None:
    assert {p for _, p in PURPOSE_OF} == set(schema.ADDRESS_PURPOSES)


def test_id_examples_are_what_the_code_makes() -> None:
    examples = {
        schema.document_id(scope="lai-chau", number="629-CV/TU", year=2021),
        schema.document_id(scope="vn", number="16/CT-TTg"),
        schema.document_id(scope="vn", issuer="Thường trực Ban Bí thư", doc_type="Điện", date="2021-07-21"),
        schema.measure_id("doc:lai-chau/629-cv-tu/2021", 10),
        schema.actor_id("body", schema.unknown_scope("unknown-761-cv-tu"), "Ban Thường vụ Tỉnh ủy"),
    }
    lai_chau = Context("lai-chau", dt.date(2021, 11, 3), "lai-chau-629-cv-tu-2021")
    examples |= {resolve(m, lai_chau).id for m in ("Ban Tuyên giáo Tỉnh ủy", "các huyện ủy, thành ủy",
                                                  "bí thư các huyện ủy, thành ủy", "Ban Bí thư")}
    examples.add(resolve("Lê Văn Lương", lai_chau, kind="person").id)
    for example in examples:
        assert f"`{example}`" in PAGE, example
    for example in re.findall(r"`((?:doc|body|group|post|person|measure):[^`\s]+)`", PAGE):
        if "<" not in example:
            assert schema.label_of(example) in schema.NODE_LABELS


def test_every_data_file_is_described() -> None:
    files = sorted(p.name for p in resources.files("chidao.graph").joinpath("data").iterdir()
                   if p.name.endswith(".csv"))
    assert files == ["aliases.csv", "bodies.csv", "post_titles.csv", "provinces.csv"]
    for name in files:
        assert f"`{name}`" in PAGE


def test_the_brief_examples_are_in_the_rules() -> None:
    for phrase in ("Ban Tuyên giáo Tỉnh ủy", "UBND tỉnh Nghệ An", "unknown~<document key>", "dong-nai-2025",
                   "Thành ủy", "successor", "predecessor", "never a guess"):
        assert phrase in PAGE
