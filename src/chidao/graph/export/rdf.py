"""The graph as RDF in standard vocabularies, with PROV-O provenance for every fact read from text.

* Documents are ELI legal resources (``eli:LegalResource``, ``eli:number``, ``eli:date_document``,
  ``eli:type_document``, ``eli:passed_by``, ``eli:cites`` / ``eli:based_on`` / ``eli:implements``),
  titled and identified with DCTERMS.
* Bodies are W3C ORG organisations (``org:Organization``, ``org:subOrganizationOf``), posts
  ``org:Post`` (``org:holds``, ``org:reportsTo``), persons FOAF and schema.org persons.
* Every edge is a direct triple (for simple SPARQL) **and**, when it has a source, a reified fact: a
  ``chidao:Assignment``, ``chidao:Accountability``, … (subclasses of ``chidao:Fact``, itself an
  ``rdf:Statement`` and a ``prov:Entity``) with ``rdf:subject``/``rdf:predicate``/``rdf:object``,
  ``prov:wasDerivedFrom`` the document, the exact ``chidao:quote`` and its span — no claim loses its
  source. PART_OF lines from chidao's lexicon are ``chidao:Membership`` facts derived from it.
* ``chidao:`` (``chidao.ttl``, packaged beside this module) has only what none of those has.

IRIs are stable: ``<base><kind>/<rest of the id>`` — ``doc:lai-chau/629-cv-tu/2021`` becomes
``https://chidao.example/id/doc/lai-chau/629-cv-tu/2021`` and ``measure:vn/16-ct-ttg#3`` becomes
``…/id/measure/vn/16-ct-ttg/3``; every other character outside ``A-Za-z0-9-._~/`` is
percent-encoded, and :func:`node_id` inverts :func:`node_iri` exactly. Facts are
``<base>fact/<hash of source, target, key>``. The base is an option (``--base``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from importlib import resources
from typing import IO, Any
from urllib.parse import quote, unquote

import networkx as nx

from chidao.graph import schema

DEFAULT_BASE = "https://chidao.example/id/"
NS = "https://chidao.example/ns#"
ELI = "http://data.europa.eu/eli/ontology#"
SDO = "https://schema.org/"

KINDS = ("doc", "body", "post", "group", "person", "measure")
"""Id prefixes that become the first IRI path segment; any other id goes under ``other/``."""
_SAFE = "-._~"
_MEASURE = re.compile(r"^([^#]+)#([0-9]+)$")

FACT_CLASS = {
    schema.ISSUES: "Issuing", schema.SIGNS: "Signature", schema.CITES: "Citation", schema.ASSIGNS: "Assignment",
    schema.RESPONSIBLE_FOR: "Responsibility", schema.ACCOUNTABLE_TO: "Accountability",
    schema.REPORTS_TO: "Reporting", schema.ADDRESSED_TO: "Addressing", schema.HOLDS: "Holding",
    schema.PART_OF: "Membership",
}
"""The reified fact class of each edge type (CONTAINS is structure: the measure carries its own provenance)."""

PREFIXES = {
    "eli": ELI, "org": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/", "dcterms": "http://purl.org/dc/terms/", "schema": SDO,
    "skos": "http://www.w3.org/2004/02/skos/core#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "chidao": NS,
}
"""Prefixes bound in every export and predeclared for :func:`sparql` queries."""

# --- IRIs -------------------------------------------------------------------------------------------


def check_base(base: str) -> str:
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", base) or base[-1] not in "/#" or any(c in base for c in ' <>"{}|\\^`'):
        raise ValueError(f"base IRI must be absolute and end with '/' or '#': {base!r}")
    return base


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> str:
    """The stable IRI of a node id (see the module doc); injective, inverted by :func:`node_id`."""
    kind, sep, rest = node_id.partition(":")
    if sep and kind in KINDS:
        if kind == "measure":
            m = _MEASURE.match(rest)
            if m:
                return f"{base}measure/{quote(m[1], safe='/' + _SAFE)}/{m[2]}"
        else:
            return f"{base}{kind}/{quote(rest, safe='/' + _SAFE)}"
    return f"{base}other/{quote(node_id, safe=_SAFE)}"


def node_id(iri: str, base: str = DEFAULT_BASE) -> str:
    """The node id an IRI of :func:`node_iri` stands for."""
    if not iri.startswith(base):
        raise ValueError(f"{iri} is not under {base}")
    kind, _, rest = iri[len(base):].partition("/")
    if kind == "other":
        return unquote(rest)
    if kind == "measure":
        doc, _, ordinal = rest.rpartition("/")
        return f"measure:{unquote(doc)}#{ordinal}"
    return f"{kind}:{unquote(rest)}"


def fact_iri(source: str, target: str, key: str, base: str = DEFAULT_BASE) -> str:
    digest = hashlib.sha256(f"{source}\x1f{target}\x1f{key}".encode()).hexdigest()[:24]
    return f"{base}fact/{digest}"


def vocabulary_path() -> str:
    return str(resources.files("chidao.graph.export").joinpath("chidao.ttl"))


def shapes_path() -> str:
    return str(resources.files("chidao.graph.export").joinpath("shapes.ttl"))


# --- literals ---------------------------------------------------------------------------------------

_YEAR_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}$")


def date_literal(value: str):
    """``xsd:date`` for a valid ISO date, ``xsd:gYearMonth``/``xsd:gYear`` for partial ones, else a
    plain string: never an ill-typed literal."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    try:
        return Literal(dt.date.fromisoformat(value).isoformat(), datatype=XSD.date)
    except (TypeError, ValueError):
        pass
    if _YEAR_MONTH.match(value) and 1 <= int(value[5:]) <= 12:
        return Literal(value, datatype=XSD.gYearMonth)
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    return Literal(value)


# --- the mapping ------------------------------------------------------------------------------------
# (property) -> (predicate CURIE, how): "string" xsd:string, "vi" Vietnamese text, "bool", "int",
# "date", "iri" (a node id), "doctype" (a concept IRI), or None when the property is carried by
# the IRI or the structure itself.

NODE_MAP: dict[str, dict[str, tuple[str, str] | tuple[tuple[str, ...], str] | None]] = {
    schema.DOCUMENT: {
        "id": ("dcterms:identifier", "string"), "type": ("eli:type_document", "doctype"),
        "number": ("eli:number", "string"), "date": ("eli:date_document", "date"),
        "place": ("schema:locationCreated", "vi"), "subject": ("dcterms:title", "vi"),
        "scope": ("chidao:scope", "string"), "family": ("chidao:family", "string"),
        "is_stub": ("chidao:isStub", "bool"), "path": ("dcterms:source", "string"),
        "sha256": ("chidao:sha256", "string"), "format": ("dcterms:format", "string"),
        "encoding": ("chidao:encoding", "string"), "warnings": ("chidao:warnings", "string"),
    },
    schema.BODY: {
        "id": ("dcterms:identifier", "string"), "name": (("skos:prefLabel", "rdfs:label"), "vi"),
        "key": ("chidao:matchKey", "string"), "kind": ("chidao:bodyKind", "string"),
        "level": ("chidao:level", "string"), "jurisdiction": ("chidao:jurisdiction", "vi"),
        "scope": ("chidao:scope", "string"), "is_group": ("chidao:isGroup", "bool"),
        "is_central": ("chidao:isCentral", "bool"), "valid_from": ("chidao:validFrom", "date"),
        "valid_to": ("chidao:validTo", "date"),
    },
    schema.POST: {
        "id": ("dcterms:identifier", "string"), "name": (("skos:prefLabel", "rdfs:label"), "vi"),
        "key": ("chidao:matchKey", "string"), "level": ("chidao:level", "string"),
        "jurisdiction": ("chidao:jurisdiction", "vi"), "scope": ("chidao:scope", "string"),
        "is_group": ("chidao:isGroup", "bool"),
    },
    schema.PERSON: {
        "id": ("dcterms:identifier", "string"), "name": (("foaf:name", "schema:name", "rdfs:label"), "vi"),
        "key": ("chidao:matchKey", "string"), "scope": ("chidao:scope", "string"),
    },
    schema.MEASURE: {
        "id": ("dcterms:identifier", "string"), "document": (("dcterms:isPartOf", "prov:wasDerivedFrom"), "iri"),
        "item": ("chidao:item", "string"), "ordinal": ("chidao:ordinal", "int"), "text": ("schema:text", "vi"),
        "span_start": ("chidao:spanStart", "int"), "span_end": ("chidao:spanEnd", "int"),
        "deadline": ("chidao:deadline", "date"),
    },
}

NODE_CLASSES = {
    schema.DOCUMENT: ("eli:LegalResource",), schema.BODY: ("org:Organization",), schema.POST: ("org:Post",),
    schema.PERSON: ("foaf:Person", "schema:Person"), schema.MEASURE: ("chidao:Measure",),
}

EDGE_PREDICATE = {  # the direct triple of each edge type: (predicate, reversed?)
    schema.ISSUES: ("eli:passed_by", True), schema.SIGNS: ("chidao:signedBy", True),
    schema.CITES: ("eli:cites", False), schema.ASSIGNS: ("chidao:assigns", False),
    schema.CONTAINS: ("dcterms:hasPart", False), schema.RESPONSIBLE_FOR: ("chidao:responsibleFor", False),
    schema.ACCOUNTABLE_TO: ("chidao:accountableTo", False), schema.REPORTS_TO: ("org:reportsTo", False),
    schema.ADDRESSED_TO: ("chidao:addressedTo", False), schema.PART_OF: ("org:subOrganizationOf", False),
    schema.HOLDS: ("org:holds", False),
}
CITE_PREDICATE = {"implements": "eli:implements", "based_on": "eli:based_on"}

EDGE_MAP: dict[str, tuple[str, str] | None] = {
    "document": ("prov:wasDerivedFrom", "iri"), "quote": ("chidao:quote", "vi"),
    "span_start": ("chidao:spanStart", "int"), "span_end": ("chidao:spanEnd", "int"),
    "capacity": ("chidao:capacity", "string"), "title": ("chidao:signerTitle", "vi"),
    "on_behalf_of": ("chidao:onBehalfOf", "iri"), "relation": ("chidao:citeRelation", "string"),
    "role": ("chidao:role", "string"), "item": ("chidao:item", "string"), "measure": ("chidao:measure", "iri"),
    "cadence": ("chidao:cadence", "string"), "kind": ("chidao:addressKind", "string"),
    "purpose": ("chidao:purpose", "string"), "source": ("prov:wasDerivedFrom", "source"),
    "as_of": ("chidao:asOf", "date"),
}
"""How a fact carries each edge property (every property of schema.EDGE_PROPERTIES is listed)."""


def to_rdf(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE):
    """An rdflib Graph of ``graph``."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS, XSD

    check_base(base)
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.bind("id", base, override=True)

    def term(curie: str) -> URIRef:
        prefix, _, local = curie.partition(":")
        return URIRef(PREFIXES[prefix] + local)

    def iri(node: str) -> URIRef:
        return URIRef(node_iri(node, base))

    doc_types: dict[str, URIRef] = {}

    def value(how: str, v: Any):
        if how == "string":  # a simple literal is xsd:string in RDF 1.1 (and matches sh:in lists)
            return Literal(str(v))
        if how == "vi":
            return Literal(str(v), lang="vi")
        if how == "bool":
            return Literal(bool(v), datatype=XSD.boolean)
        if how == "int":
            return Literal(int(v), datatype=XSD.integer)
        if how == "date":
            return date_literal(str(v))
        if how == "iri":
            return iri(str(v))
        if how == "source":
            return URIRef(f"{base}source/{quote(schema.slug(str(v)) or 'unknown', safe=_SAFE)}")
        if how == "doctype":
            concept = doc_types.setdefault(str(v), URIRef(f"{base}doc-type/{schema.slug(str(v)) or 'unknown'}"))
            g.add((concept, RDF.type, SKOS.Concept))
            g.add((concept, SKOS.prefLabel, Literal(str(v), lang="vi")))
            return concept
        raise ValueError(how)

    def emit(subject: URIRef, predicates: str | tuple[str, ...], how: str, v: Any) -> None:
        if v is None:
            return
        obj = value(how, v)
        for predicate in (predicates,) if isinstance(predicates, str) else predicates:
            g.add((subject, term(predicate), obj))

    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if label not in NODE_MAP:
            raise ValueError(f"node {node!r} has no chidao label (label={label!r})")
        s = iri(node)
        for cls in NODE_CLASSES[label]:
            g.add((s, RDF.type, term(cls)))
        for prop, v in data.items():
            mapping = NODE_MAP[label].get(prop)
            if mapping:
                emit(s, mapping[0], mapping[1], v)
        if label == schema.DOCUMENT and data.get("is_stub") is None:
            g.add((s, term("chidao:isStub"), Literal(False)))

    sources: set[URIRef] = set()
    for u, v, key, data in graph.edges(keys=True, data=True):
        edge_type = data["type"]
        predicate, reverse = EDGE_PREDICATE[edge_type]
        subject, obj = (iri(v), iri(u)) if reverse else (iri(u), iri(v))
        g.add((subject, term(predicate), obj))
        extra = CITE_PREDICATE.get(data.get("relation") or "") if edge_type == schema.CITES else None
        if extra:
            g.add((subject, term(extra), obj))
        if edge_type == schema.CONTAINS:
            g.add((obj, term("dcterms:isPartOf"), subject))
            continue
        if not (data.get("document") or data.get("source")):
            continue
        fact = URIRef(fact_iri(u, v, str(key), base))
        for cls in ("rdf:Statement", "prov:Entity", "chidao:Fact", f"chidao:{FACT_CLASS[edge_type]}"):
            g.add((fact, RDF.type, term(cls)))
        g.add((fact, RDF.subject, subject))
        g.add((fact, RDF.predicate, term(predicate)))
        g.add((fact, RDF.object, obj))
        g.add((fact, term("chidao:edgeKey"), Literal(str(key))))
        for prop, val in data.items():
            mapping = EDGE_MAP.get(prop)
            if mapping and val is not None:
                emit(fact, mapping[0], mapping[1], val)
                if mapping[1] == "source":
                    sources.add(value("source", val))
    for source in sources:
        g.add((source, RDF.type, term("prov:Entity")))
        g.add((source, RDF.type, term("chidao:Lexicon")))
        g.add((source, RDFS.label, Literal(f"chidao {source.rsplit('/', 1)[-1]} (src/chidao/graph/data)", lang="en")))
    return g


def jsonld_context(base: str = DEFAULT_BASE) -> dict[str, str]:
    return {**PREFIXES, "id": base}


def write_rdf(graph: nx.MultiDiGraph, fp: IO[bytes], fmt: str, base: str = DEFAULT_BASE) -> None:
    """Serialise to ``turtle``, ``json-ld``, ``nt`` (or any rdflib format) as UTF-8 bytes."""
    rdf = to_rdf(graph, base)
    if fmt == "json-ld":
        data = rdf.serialize(format="json-ld", context=jsonld_context(base), auto_compact=True, encoding="utf-8")
    else:
        data = rdf.serialize(format=fmt, encoding="utf-8")
    fp.write(data)


def validate(rdf_graph) -> tuple[bool, str]:
    """SHACL validation against the packaged shapes (pyshacl); returns (conforms, report text)."""
    from pyshacl import validate as shacl
    from rdflib import Graph

    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, _, text = shacl(rdf_graph, shacl_graph=shapes, inference="none", advanced=True)
    return bool(conforms), text


def _plain(term: Any) -> Any:
    if term is None:
        return None
    value = term.toPython() if hasattr(term, "toPython") else term
    if isinstance(value, bool | int | float | str) and not hasattr(value, "n3"):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(term)


def sparql(graph: nx.MultiDiGraph, query: str, base: str = DEFAULT_BASE,
           rdf_graph: Any = None) -> list[dict[str, Any]]:
    """Rows of a SPARQL SELECT (or ASK: one row ``{"ask": bool}``) over the graph's RDF; the export's
    prefixes (``eli: org: prov: foaf: dcterms: schema: skos: rdfs: rdf: xsd: chidao: id:``) are predeclared."""
    rdf = rdf_graph if rdf_graph is not None else to_rdf(graph, base)
    result = rdf.query(query, initNs={**PREFIXES, "id": base})
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK queries are supported")
    names = [str(v) for v in result.vars or []]
    return [{n: _plain(row[i]) for i, n in enumerate(names)} for row in result]


__all__ = ["DEFAULT_BASE", "NS", "node_id", "node_iri", "sparql", "to_rdf", "validate", "write_rdf"]
