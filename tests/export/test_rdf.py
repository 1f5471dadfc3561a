"""RDF export: round trips, SHACL, provenance of every fact, IRIs, the chidao vocabulary, SPARQL."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("rdflib", reason="the rdf extra is not installed")
pytest.importorskip("pyshacl", reason="the rdf extra is not installed")

from click.testing import CliRunner  # noqa: E402
from export_factories import NASTY, add_edge, add_node, small_graph  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from rdflib import Graph, Literal, Namespace, URIRef  # noqa: E402
from rdflib.compare import isomorphic  # noqa: E402
from rdflib.namespace import DCTERMS, RDF, RDFS  # noqa: E402

from chidao.cli import main  # noqa: E402
from chidao.graph import schema  # noqa: E402
from chidao.graph.export import rdf as rdfx  # noqa: E402

ELI = Namespace(rdfx.ELI)
CH = Namespace(rdfx.NS)
PROV = Namespace("http://www.w3.org/ns/prov#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")


def export(sample_store: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args, "--db", sample_store])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def sample_graph(sample_records):
    from chidao.graph.build import build_graph

    return build_graph(sample_records)


@pytest.fixture(scope="module")
def sample_rdf(sample_graph):
    return rdfx.to_rdf(sample_graph)


# --- round trips ------------------------------------------------------------------------------------


def test_turtle_round_trip_one_legal_resource_per_document_and_shacl(sample_store) -> None:
    from chidao.graph.load import graph_from_store
    from chidao.graph.stores import open_store

    with open_store(sample_store, read_only=True) as store:
        graph = graph_from_store(store)
    back = Graph().parse(data=export(sample_store, "turtle"), format="turtle")
    documents = {n for n, d in graph.nodes(data=True) if d["label"] == schema.DOCUMENT}
    resources = set(back.subjects(RDF.type, ELI.LegalResource))
    assert len(resources) == len(documents) > 0
    assert {rdfx.node_id(str(r)) for r in resources} == documents
    assert {str(back.value(r, DCTERMS.identifier)) for r in resources} == documents
    conforms, report = rdfx.validate(back)
    assert conforms, report


def test_jsonld_and_ntriples_carry_the_same_graph_as_turtle(sample_store) -> None:
    turtle = Graph().parse(data=export(sample_store, "turtle"), format="turtle")
    jsonld_text = export(sample_store, "jsonld")
    jsonld = Graph().parse(data=jsonld_text, format="json-ld")
    ntriples = Graph().parse(data=export(sample_store, "ntriples"), format="nt")
    assert isomorphic(turtle, jsonld) and isomorphic(turtle, ntriples)
    context = json.loads(jsonld_text)["@context"]
    assert context["eli"] == rdfx.ELI and context["chidao"] == rdfx.NS  # compact, readable JSON-LD


def test_every_fact_keeps_its_document_quote_and_span(sample_graph, sample_rdf) -> None:
    seen = 0
    for u, v, key, data in sample_graph.edges(keys=True, data=True):
        fact = URIRef(rdfx.fact_iri(u, v, key))
        if data["type"] == schema.CONTAINS:
            measure = URIRef(rdfx.node_iri(v))
            assert (measure, PROV.wasDerivedFrom, URIRef(rdfx.node_iri(data["document"]))) in sample_rdf
            assert (fact, None, None) not in sample_rdf
            continue
        assert (fact, RDF.type, CH[rdfx.FACT_CLASS[data["type"]]]) in sample_rdf, (u, v, key)
        if data.get("document"):
            assert sample_rdf.value(fact, PROV.wasDerivedFrom) == URIRef(rdfx.node_iri(data["document"]))
            assert str(sample_rdf.value(fact, CH.quote)) == data["quote"]
            assert sample_rdf.value(fact, CH.spanStart).toPython() == data["span_start"]
            seen += 1
        else:  # PART_OF from the lexicon
            assert str(sample_rdf.value(fact, PROV.wasDerivedFrom)).endswith("/source/lexicon")
        assert str(sample_rdf.value(fact, CH.edgeKey)) == key
    assert seen > 100


def test_direct_triples_follow_the_standard_vocabularies(sample_graph, sample_rdf) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    predicate_of = {schema.PART_OF: org.subOrganizationOf, schema.HOLDS: org.holds, schema.REPORTS_TO: org.reportsTo,
                    schema.CITES: ELI.cites}
    for u, v, _, data in sample_graph.edges(keys=True, data=True):
        if data["type"] in predicate_of:
            assert (URIRef(rdfx.node_iri(u)), predicate_of[data["type"]], URIRef(rdfx.node_iri(v))) in sample_rdf
        if data["type"] == schema.ISSUES:
            assert (URIRef(rdfx.node_iri(v)), ELI.passed_by, URIRef(rdfx.node_iri(u))) in sample_rdf
        if data["type"] == schema.CITES and data.get("relation") in ("implements", "based_on"):
            assert (URIRef(rdfx.node_iri(u)), ELI[data["relation"]], URIRef(rdfx.node_iri(v))) in sample_rdf


def test_nasty_text_survives_every_serialisation() -> None:
    graph = small_graph()
    rdf = rdfx.to_rdf(graph)
    for fmt in ("turtle", "nt", "json-ld", "xml"):
        back = Graph().parse(data=rdf.serialize(format=fmt), format=fmt)
        assert isomorphic(rdf, back), fmt
        doc = URIRef(rdfx.node_iri("doc:lai-chau/629-cv-tu/2021"))
        assert back.value(doc, DCTERMS.title) == Literal(NASTY, lang="vi")


# --- mapping covers the schema ------------------------------------------------------------------------


def test_every_schema_property_and_edge_type_has_a_mapping() -> None:
    for label, props in schema.NODE_PROPERTIES.items():
        assert set(rdfx.NODE_MAP[label]) == set(props), label
    edge_props = {p for props in schema.EDGE_PROPERTIES.values() for p in props}
    assert edge_props <= set(rdfx.EDGE_MAP)
    assert set(rdfx.EDGE_PREDICATE) == set(schema.EDGE_TYPES)
    assert set(rdfx.FACT_CLASS) == set(schema.EDGE_TYPES) - {schema.CONTAINS}


def test_every_schema_endpoint_combination_conforms() -> None:
    """A graph with one edge for each (type, source label, target label) schema.py allows passes the
    shapes: the shapes follow the schema (a builder change to EDGE_ENDPOINTS shows up here)."""
    g = small_graph()
    doc = "doc:lai-chau/629-cv-tu/2021"
    sample = {label: next(n for n, d in g.nodes(data=True) if d["label"] == label) for label in schema.NODE_LABELS}
    prov = {"document": doc, "quote": "q", "span_start": 1, "span_end": 2}
    for edge_type, (sources, targets) in schema.EDGE_ENDPOINTS.items():
        for s in sources:
            for t in targets:
                props = {k: v for k, v in prov.items() if k in schema.EDGE_PROPERTIES[edge_type]}
                if "role" in schema.EDGE_PROPERTIES[edge_type]:
                    props["role"] = "cooperate"
                add_edge(g, sample[s], sample[t], edge_type, f"combo|{s}|{t}", **props)
    conforms, report = rdfx.validate(rdfx.to_rdf(g))
    assert conforms, report


def test_shape_value_lists_follow_the_schema() -> None:
    """Every sh:in list of the shapes equals the schema.py vocabulary of that property."""
    from rdflib.collection import Collection

    sh = Namespace("http://www.w3.org/ns/shacl#")
    shapes = Graph().parse(rdfx.shapes_path(), format="turtle")
    expected = {CH.role: schema.ROLES, CH.cadence: schema.CADENCES, CH.citeRelation: schema.CITE_RELATIONS,
                CH.addressKind: schema.ADDRESS_KINDS, CH.purpose: getattr(schema, "ADDRESS_PURPOSES", None)}
    found = {}
    for prop_shape in shapes.subjects(sh["in"], None):
        path = shapes.value(prop_shape, sh.path)
        values = tuple(str(v) for v in Collection(shapes, shapes.value(prop_shape, sh["in"])))
        found.setdefault(path, set()).add(values)
    for path, values in expected.items():
        if values is not None:
            assert found.get(path) == {tuple(values)}, path


# --- SHACL catches broken data ---------------------------------------------------------------------------


def _broken(mutate) -> bool:
    rdf = rdfx.to_rdf(small_graph())
    mutate(rdf)
    return rdfx.validate(rdf)[0]


def test_shapes_accept_the_factory_graph() -> None:
    conforms, report = rdfx.validate(rdfx.to_rdf(small_graph()))
    assert conforms, report


@pytest.mark.parametrize("what", ["role", "quote", "identifier", "date", "assignee", "stub", "provenance"])
def test_shapes_catch_a_broken_export(what: str) -> None:
    def mutate(rdf: Graph) -> None:
        assignment = next(rdf.subjects(RDF.type, CH.Assignment))
        doc = URIRef(rdfx.node_iri("doc:lai-chau/629-cv-tu/2021"))
        if what == "role":
            rdf.set((assignment, CH.role, Literal("boss")))
        elif what == "quote":
            rdf.remove((assignment, CH.quote, None))
        elif what == "identifier":
            rdf.remove((doc, DCTERMS.identifier, None))
        elif what == "date":
            rdf.set((doc, ELI.date_document, Literal("2021-02-30")))
        elif what == "assignee":
            rdf.set((assignment, RDF.object, URIRef(rdfx.node_iri(schema.measure_id("doc:lai-chau/629-cv-tu/2021", 1)))))
        elif what == "stub":
            rdf.remove((doc, CH.isStub, None))
        elif what == "provenance":
            rdf.set((assignment, PROV.wasDerivedFrom, URIRef(rdfx.node_iri("body:lai-chau/tinh-uy"))))

    assert _broken(mutate) is False


def test_dates_are_never_ill_typed() -> None:
    from rdflib.namespace import XSD

    assert rdfx.date_literal("2021-07-22") == Literal("2021-07-22", datatype=XSD.date)
    assert rdfx.date_literal("2021-07").datatype == XSD.gYearMonth
    assert rdfx.date_literal("2021").datatype == XSD.gYear
    assert rdfx.date_literal("2021-02-30").datatype is None  # a plain string: the shapes then flag it
    g = small_graph()
    g.nodes["doc:vn/16-ct-ttg"]["date"] = "2021-13"
    assert rdfx.validate(rdfx.to_rdf(g))[0] is False


# --- IRIs ------------------------------------------------------------------------------------------------

ID_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
IDS = st.one_of(
    st.builds(lambda k, r: f"{k}:{r}", st.sampled_from(rdfx.KINDS + ("other", "x", "")), ID_TEXT),
    st.builds(lambda d, n: f"measure:{d}#{n}", ID_TEXT, st.integers(0, 999)),
    ID_TEXT,
)


@settings(max_examples=400, deadline=None)
@given(IDS)
def test_iris_are_valid_and_invert_exactly(node: str) -> None:
    iri = rdfx.node_iri(node)
    assert rdfx.node_id(iri) == node
    assert not any(c in iri for c in ' <>"{}|\\^`#') and all(31 < ord(c) < 127 for c in iri)


def test_iris_are_readable_and_distinct(sample_graph) -> None:
    assert rdfx.node_iri("doc:lai-chau/629-cv-tu/2021") == "https://chidao.example/id/doc/lai-chau/629-cv-tu/2021"
    assert rdfx.node_iri("measure:vn/16-ct-ttg#3") == "https://chidao.example/id/measure/vn/16-ct-ttg/3"
    assert rdfx.node_iri("body:unknown~x/tinh-uy") == "https://chidao.example/id/body/unknown~x/tinh-uy"
    iris = {rdfx.node_iri(n) for n in sample_graph}
    assert len(iris) == sample_graph.number_of_nodes()


def test_base_is_an_option_and_is_checked(sample_store) -> None:
    text = export(sample_store, "ntriples", "--base", "https://data.example.org/vn/")
    assert "<https://data.example.org/vn/doc/" in text and "chidao.example/id/" not in text
    bad = CliRunner().invoke(main, ["export", "turtle", "--db", sample_store, "--base", "not a base"])
    assert bad.exit_code != 0 and "base IRI" in bad.output
    with pytest.raises(ValueError):
        rdfx.check_base("https://x.example/no-slash")


# --- the chidao vocabulary ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary() -> Graph:
    return Graph().parse(rdfx.vocabulary_path(), format="turtle")


def _chidao_terms(rdf: Graph) -> set[URIRef]:
    terms = set()
    for _, p, o in rdf:
        terms |= {t for t in (p, o) if isinstance(t, URIRef) and str(t).startswith(rdfx.NS)}
    return terms


def test_every_chidao_term_the_export_uses_is_defined(vocabulary, sample_rdf) -> None:
    used = _chidao_terms(sample_rdf) | _chidao_terms(rdfx.to_rdf(small_graph()))
    defined = {s for s in vocabulary.subjects(RDFS.isDefinedBy, URIRef(rdfx.NS.rstrip("#")))}
    assert used <= defined, sorted(used - defined)
    mapped = {URIRef(rdfx.NS + c.split(":")[1]) for spec in [*rdfx.NODE_MAP.values()] for m in spec.values() if m
              for c in ((m[0],) if isinstance(m[0], str) else m[0]) if c.startswith("chidao:")}
    assert mapped <= defined


def test_every_vocabulary_term_has_english_and_vietnamese_labels_and_comments(vocabulary) -> None:
    terms = {s for s in vocabulary.subjects(RDF.type, None) if str(s).startswith(rdfx.NS)}
    assert len(terms) > 40
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in vocabulary.objects(term, prop)}
            assert {"en", "vi"} <= langs, (term, prop)
        kinds = set(vocabulary.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, term


def test_vocabulary_is_packaged() -> None:
    from importlib import resources

    names = {p.name for p in resources.files("chidao.graph.export").iterdir()}
    assert {"chidao.ttl", "shapes.ttl"} <= names


# --- SPARQL ------------------------------------------------------------------------------------------------


def sparql(sample_store: str, query: str, *args: str):
    return CliRunner().invoke(main, ["sparql", query, "--db", sample_store, *args])


def test_sparql_with_predeclared_prefixes_as_json(sample_store) -> None:
    q = ("SELECT ?child ?parent WHERE { ?c org:subOrganizationOf ?p . ?c rdfs:label ?child . ?p rdfs:label ?parent } "
         "ORDER BY ?child")
    result = sparql(sample_store, q, "--format", "json")
    assert result.exit_code == 0, result.output
    assert {"child": "Ban Thường vụ Tỉnh ủy", "parent": "Tỉnh ủy"} in json.loads(result.output)


def test_sparql_dates_and_provenance(sample_store) -> None:
    q = """SELECT ?number ?date ?quote WHERE {
             ?doc a eli:LegalResource ; eli:number ?number ; eli:date_document ?date .
             ?fact a chidao:Assignment ; prov:wasDerivedFrom ?doc ; chidao:quote ?quote .
           } ORDER BY ?date LIMIT 3"""
    result = sparql(sample_store, q, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(len(r["date"]) == 10 and r["quote"] for r in rows)
    table = sparql(sample_store, q)
    assert table.exit_code == 0 and "number" in table.output.splitlines()[0]


def test_sparql_ask_and_errors(sample_store) -> None:
    ask = sparql(sample_store, "ASK { ?d chidao:isStub true }", "--format", "json")
    assert json.loads(ask.output) == [{"ask": True}]
    bad = sparql(sample_store, "SELECT WHERE {")
    assert bad.exit_code == 1 and "SPARQL" in bad.output and "Traceback" not in bad.output
    construct = sparql(sample_store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert construct.exit_code == 1


def test_sparql_library_call_on_a_graph() -> None:
    g = small_graph()
    add_node(g, schema.PERSON, "person:x/y", name="Y")
    rows = rdfx.sparql(g, "SELECT ?name WHERE { ?p a foaf:Person ; foaf:name ?name } ORDER BY ?name")
    assert rows == [{"name": "Giàng Páo Mỷ"}, {"name": "Y"}]
