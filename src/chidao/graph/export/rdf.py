"""The graph as RDF in standard vocabularies, with PROV-O provenance for every fact read from text.

Documents are ELI legal resources, bodies W3C ORG organisations, posts ``org:Post``, persons
FOAF/schema.org persons; titles and identifiers use DCTERMS. Every text-derived edge is written twice:
as a direct triple (``eli:cites``, ``org:reportsTo``, ``chidao:assigns`` …) for simple queries, and
as a ``chidao:Fact`` resource with ``prov:wasDerivedFrom`` the document, the exact quote and its
span, so no claim loses its source. IRIs are derived from node ids and therefore stable.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any
from urllib.parse import quote

import networkx as nx

from chidao.graph import schema

DEFAULT_BASE = "https://chidao.example/id/"
NS = "https://chidao.example/ns#"

FACT_CLASS = {
    schema.ISSUES: "Issuing", schema.SIGNS: "Signature", schema.CITES: "Citation", schema.ASSIGNS: "Assignment",
    schema.RESPONSIBLE_FOR: "Responsibility", schema.ACCOUNTABLE_TO: "Accountability",
    schema.REPORTS_TO: "Reporting", schema.ADDRESSED_TO: "Addressing", schema.HOLDS: "Holding",
}


def vocabulary_path() -> str:
    return str(resources.files("chidao.graph.export").joinpath("chidao.ttl"))


def shapes_path() -> str:
    return str(resources.files("chidao.graph.export").joinpath("shapes.ttl"))


def to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE):
    """An rdflib Graph of ``graph``."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, XSD

    eli = Namespace("http://data.europa.eu/eli/ontology#")
    sdo = Namespace("https://schema.org/")
    ch = Namespace(NS)
    g = Graph()
    for prefix, ns in (("eli", eli), ("org", ORG), ("prov", PROV), ("foaf", FOAF), ("dcterms", DCTERMS),
                       ("schema", sdo), ("chidao", ch), ("id", Namespace(base))):
        g.bind(prefix, ns)

    def iri(node_id: str) -> URIRef:
        return URIRef(base + quote(node_id, safe="/:~-._"))

    def lit(value: Any, datatype=None) -> Literal:
        return Literal(value, datatype=datatype) if datatype else Literal(value)

    def add(s, p, value, datatype=None) -> None:
        if value is not None:
            g.add((s, p, lit(value, datatype)))

    for node, d in graph.nodes(data=True):
        s = iri(node)
        label = d["label"]
        if label == schema.DOCUMENT:
            g.add((s, RDF.type, eli.LegalResource))
            add(s, DCTERMS.identifier, node, XSD.string)
            add(s, eli.number, d.get("number"), XSD.string)
            add(s, eli.date_document, d.get("date"), XSD.date)
            add(s, DCTERMS.type, d.get("type"))
            add(s, DCTERMS.title, d.get("subject"))
            add(s, ch.isStub, bool(d.get("is_stub")), XSD.boolean)
            add(s, DCTERMS.spatial, d.get("place"))
            add(s, DCTERMS.source, d.get("path"))
            add(s, ch.warnings, d.get("warnings"))
        elif label == schema.BODY:
            g.add((s, RDF.type, ORG.Organization))
            add(s, RDFS.label, d.get("name") or node)
            add(s, DCTERMS.identifier, node, XSD.string)
            for prop, value in (("bodyKind", d.get("kind")), ("level", d.get("level")),
                                ("jurisdiction", d.get("jurisdiction")), ("validFrom", d.get("valid_from")),
                                ("validTo", d.get("valid_to"))):
                add(s, ch[prop], value)
            add(s, ch.isGroup, bool(d.get("is_group")), XSD.boolean)
        elif label == schema.POST:
            g.add((s, RDF.type, ORG.Post))
            add(s, RDFS.label, d.get("name") or node)
            add(s, DCTERMS.identifier, node, XSD.string)
            add(s, ch.jurisdiction, d.get("jurisdiction"))
            add(s, ch.isGroup, bool(d.get("is_group")), XSD.boolean)
        elif label == schema.PERSON:
            g.add((s, RDF.type, FOAF.Person))
            g.add((s, RDF.type, sdo.Person))
            add(s, FOAF.name, d.get("name") or node)
        elif label == schema.MEASURE:
            g.add((s, RDF.type, ch.Measure))
            g.add((s, DCTERMS.isPartOf, iri(d["document"])))
            add(s, ch.item, d.get("item"))
            add(s, RDF.value, d.get("text"))
            add(s, ch.spanStart, d.get("span_start"), XSD.integer)
            add(s, ch.spanEnd, d.get("span_end"), XSD.integer)
            add(s, ch.deadline, d.get("deadline"), XSD.date)

    direct = {
        schema.ISSUES: lambda u, v: (iri(v), eli.passed_by, iri(u)),
        schema.SIGNS: lambda u, v: (iri(v), ch.signedBy, iri(u)),
        schema.CITES: lambda u, v: (iri(u), eli.cites, iri(v)),
        schema.ASSIGNS: lambda u, v: (iri(u), ch.assigns, iri(v)),
        schema.CONTAINS: lambda u, v: (iri(u), ch.containsMeasure, iri(v)),
        schema.RESPONSIBLE_FOR: lambda u, v: (iri(u), ch.responsibleFor, iri(v)),
        schema.ACCOUNTABLE_TO: lambda u, v: (iri(u), ch.accountableTo, iri(v)),
        schema.REPORTS_TO: lambda u, v: (iri(u), ORG.reportsTo, iri(v)),
        schema.ADDRESSED_TO: lambda u, v: (iri(u), ch.addressedTo, iri(v)),
        schema.PART_OF: lambda u, v: (iri(u), ORG.subOrganizationOf, iri(v)),
        schema.HOLDS: lambda u, v: (iri(u), ORG.holds, iri(v)),
    }
    for u, v, key, d in graph.edges(keys=True, data=True):
        edge_type = d["type"]
        g.add(direct[edge_type](u, v))
        if edge_type == schema.CITES and d.get("relation") == "implements":
            g.add((iri(u), eli.implements, iri(v)))
        elif edge_type == schema.CITES and d.get("relation") == "based_on":
            g.add((iri(u), eli.based_on, iri(v)))
        if edge_type not in FACT_CLASS or not d.get("document") or not d.get("quote"):
            continue
        digest = hashlib.sha1(f"{u}|{v}|{key}".encode()).hexdigest()[:16]
        fact = URIRef(f"{base}fact/{digest}")
        g.add((fact, RDF.type, ch.Fact))
        g.add((fact, RDF.type, ch[FACT_CLASS[edge_type]]))
        g.add((fact, ch.source, iri(u)))
        g.add((fact, ch.target, iri(v)))
        g.add((fact, PROV.wasDerivedFrom, iri(d["document"])))
        add(fact, ch.quote, d.get("quote"), XSD.string)
        add(fact, ch.spanStart, d.get("span_start"), XSD.integer)
        add(fact, ch.spanEnd, d.get("span_end"), XSD.integer)
        for prop in ("role", "cadence", "item", "capacity", "kind", "purpose"):
            add(fact, ch[prop], d.get(prop))
        if d.get("measure"):
            g.add((fact, ch.measure, iri(d["measure"])))
        if d.get("on_behalf_of"):
            g.add((fact, ch.onBehalfOf, iri(d["on_behalf_of"])))
        if d.get("title"):
            add(fact, DCTERMS.description, d["title"])
    _ = BNode  # rdflib import kept explicit for readers of this module
    return g


def write_rdf(graph: nx.MultiDiGraph, fp, fmt: str, base: str = DEFAULT_BASE) -> None:
    """Serialise to ``turtle``, ``json-ld`` or ``nt`` (UTF-8 bytes to ``fp``)."""
    fp.write(to_rdf(graph, base).serialize(format=fmt, encoding="utf-8"))


def validate(rdf_graph) -> tuple[bool, str]:
    """SHACL validation against the packaged shapes (pyshacl)."""
    from pyshacl import validate as shacl
    from rdflib import Graph

    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, _, text = shacl(rdf_graph, shacl_graph=shapes, inference="none")
    return bool(conforms), text


def sparql(graph: nx.MultiDiGraph, query: str, base: str = DEFAULT_BASE) -> list[dict[str, Any]]:
    result = to_rdf(graph, base).query(query)
    names = [str(v) for v in result.vars or []]
    return [{n: (None if row[i] is None else row[i].toPython()) for i, n in enumerate(names)} for row in result]
