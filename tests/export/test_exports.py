"""Round trips for every export format, on the sample store."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.graph import schema
from chidao.graph.load import graph_from_store


def export(sample_store, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args, "--db", sample_store])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture()
def graph(store):
    return graph_from_store(store)


def test_keys_survive_the_store(graph, sample_records) -> None:
    from chidao.graph.build import build_graph

    assert sorted(graph.edges(keys=True)) == sorted(build_graph(sample_records).edges(keys=True))


def test_graphml_round_trip(sample_store, graph, tmp_path) -> None:
    out = tmp_path / "g.graphml"
    export(sample_store, "graphml", "-o", str(out))
    back = nx.read_graphml(out, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    node = back.nodes["doc:lai-chau/629-cv-tu/2021"]
    assert node["number"] == "629-CV/TU" and node["is_stub"] is False
    for _, data in back.nodes(data=True):
        assert all(v is not None for v in data.values())


def test_gexf_round_trip(sample_store, graph, tmp_path) -> None:
    out = tmp_path / "g.gexf"
    export(sample_store, "gexf", "-o", str(out))
    back = nx.read_gexf(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())


def test_node_link_json_shape_is_pinned(sample_store, graph) -> None:
    data = json.loads(export(sample_store, "json"))
    assert sorted(data) == ["directed", "edges", "graph", "multigraph", "nodes"]
    assert data["directed"] is True and data["multigraph"] is True
    edge = data["edges"][0]
    assert {"source", "target", "key", "type"} <= set(edge)
    from chidao.graph.export.interchange import read_node_link

    back = read_node_link(io.StringIO(json.dumps(data)))
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))


def test_cytoscape(sample_store, graph) -> None:
    data = json.loads(export(sample_store, "cytoscape-json"))
    assert len(data["elements"]["nodes"]) == graph.number_of_nodes()
    assert len(data["elements"]["edges"]) == graph.number_of_edges()


def test_turtle_round_trip_and_shacl(sample_store, graph) -> None:
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    from chidao.graph.export.rdf import validate

    text = export(sample_store, "turtle")
    rdf = Graph().parse(data=text, format="turtle")
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    documents = [n for n, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT]
    assert len(set(rdf.subjects(RDF.type, eli.LegalResource))) == len(documents) == 9
    conforms, report = validate(rdf)
    assert conforms, report
    prov = Namespace("http://www.w3.org/ns/prov#")
    ch = Namespace("https://chidao.example/ns#")
    facts = set(rdf.subjects(RDF.type, ch.Fact))
    assert facts and all((f, prov.wasDerivedFrom, None) in rdf for f in facts)


def test_jsonld_and_ntriples_parse(sample_store) -> None:
    from rdflib import Graph

    a = Graph().parse(data=export(sample_store, "jsonld"), format="json-ld")
    b = Graph().parse(data=export(sample_store, "ntriples"), format="nt")
    assert len(a) == len(b) > 1000


def test_shapes_catch_a_broken_export(graph) -> None:
    from rdflib import Literal, Namespace

    from chidao.graph.export.rdf import to_rdf, validate

    rdf = to_rdf(graph)
    ch = Namespace("https://chidao.example/ns#")
    fact = next(rdf.subjects(ch.role, None))
    rdf.set((fact, ch.role, Literal("boss")))
    assert validate(rdf)[0] is False


def test_sparql(sample_store) -> None:
    q = ("PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?child ?parent WHERE { ?c org:subOrganizationOf ?p . ?c rdfs:label ?child . ?p rdfs:label ?parent } "
         "ORDER BY ?child")
    result = CliRunner().invoke(main, ["sparql", q, "--db", sample_store, "--format", "json"])
    rows = json.loads(result.output)
    assert {"child": "Ban Thường vụ Tỉnh ủy", "parent": "Tỉnh ủy"} in rows


def test_neo4j_import_ids_are_consistent(sample_store, graph, tmp_path) -> None:
    result = CliRunner().invoke(main, ["export", "neo4j-import", "--db", sample_store, "-o", str(tmp_path / "imp")])
    assert result.exit_code == 0
    ids, rels = set(), 0
    for path in sorted((tmp_path / "imp").glob("nodes_*.csv")):
        with open(path, encoding="utf-8") as fp:
            rows = list(csv.DictReader(fp))
            ids |= {r["id:ID"] for r in rows}
            assert all(r[":LABEL"] == path.stem.removeprefix("nodes_") for r in rows)
    for path in sorted((tmp_path / "imp").glob("rels_*.csv")):
        with open(path, encoding="utf-8") as fp:
            for r in csv.DictReader(fp):
                assert r[":START_ID"] in ids and r[":END_ID"] in ids
                rels += 1
    assert len(ids) == graph.number_of_nodes() and rels == graph.number_of_edges()
    assert "neo4j-admin database import full" in (tmp_path / "imp" / "import.sh").read_text()


def test_cypher_script(sample_store, graph) -> None:
    text = export(sample_store, "cypher")
    lines = text.splitlines()
    assert sum(line.startswith("MERGE (n:") for line in lines) == graph.number_of_nodes()
    assert sum(line.startswith("MATCH (a:") for line in lines) == graph.number_of_edges()
    assert lines.index(":begin") > max(i for i, line in enumerate(lines) if line.startswith("CREATE CONSTRAINT"))


def test_cypher_literal_escaping() -> None:
    from chidao.graph.export.neo4j_files import _literal

    assert _literal("it's \"x\"\n<script>") == "'it\\'s \"x\"\\n<script>'"
    assert _literal(None) == "null" and _literal(True) == "true" and _literal(3) == "3"


def test_focus_narrows_exports(sample_store) -> None:
    data = json.loads(export(sample_store, "json", "--document", "629-CV/TU", "--depth", "1"))
    ids = {n["id"] for n in data["nodes"]}
    assert "doc:lai-chau/629-cv-tu/2021" in ids
    assert "doc:dong-nai/1747-cv-tu/2021" not in ids
    bad = CliRunner().invoke(main, ["export", "json", "--db", sample_store, "--document", "999-XX/YY"])
    assert bad.exit_code == 1 and "no document matches" in bad.stderr
