"""N-Triples and Turtle written straight from the store, a page at a time, in bounded memory.

:func:`chidao.graph.export.rdf.to_rdf` builds an rdflib graph of the whole networkx graph first:
about 68 s and gigabytes for 1,000 documents' Turtle, so a national corpus could not be exported.
This module writes the same triples (the same mapping tables of ``rdf.py``; the tests compare both
for graph isomorphism) as text, with no rdflib and no whole graph:

* nodes are read per label, and edges per type and source label, in pages of the engine's node
  offsets (``offset(id(n))``): a page costs what a full scan would per row, and memory holds one page;
* an RDF graph is a set, so a triple two rows would both give is written once: two edges of one
  type between one pair (different keys) give one direct triple — all the edges of a source node are
  in its page, so a set per page finds them; a ``CONTAINS`` edge's ``dcterms:isPartOf`` is left to the
  measure's own ``document`` when they agree; document-type concepts and lexicon sources once each;
* Turtle groups a subject's consecutive triples with ``;`` and names vocabulary terms by prefix;
  node IRIs stay written in full (always valid, whatever the id holds).

JSON-LD is written from the same triples (Turtle's terms turned into JSON-LD values, one node object
per subject of a page). rdflib stays for SHACL and SPARQL, and for focused graphs (``--document``,
``--body``, …), which are small.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import IO, Any
from urllib.parse import quote

import networkx as nx

from chidao.graph import schema
from chidao.graph.export.rdf import (
    _SAFE,
    _YEAR,
    _YEAR_MONTH,
    CITE_PREDICATE,
    DEFAULT_BASE,
    EDGE_MAP,
    EDGE_PREDICATE,
    FACT_CLASS,
    NODE_CLASSES,
    NODE_MAP,
    PREFIXES,
    check_base,
    fact_iri,
    node_iri,
)

Triple = tuple[str, str, str]

PAGE_NODES = 2_000
"""Rows per page (nodes, or edges: the source nodes that have about that many): a page's rows and
triples are all that is held."""

XSD = PREFIXES["xsd"]
RDF_TYPE = f"<{PREFIXES['rdf']}type>"

_ESCAPES = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
            ord("\b"): "\\b", ord("\f"): "\\f"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in _ESCAPES})
"""N-Triples and Turtle string escapes: the four that must be, and every other control character
as ``\\uXXXX`` (legal raw, but a terminal or an editor should not meet them)."""

_NEEDS_ESCAPE = frozenset(chr(c) for c in _ESCAPES)


def _quoted(text: str) -> str:
    if _NEEDS_ESCAPE.isdisjoint(text):
        return f'"{text}"'
    return f'"{text.translate(_ESCAPES)}"'


class Terms:
    """How terms are written: N-Triples (every IRI in full) or Turtle (vocabulary terms by prefix)."""

    def __init__(self, base: str, turtle: bool) -> None:
        self.base, self.turtle = base, turtle
        self.node = lru_cache(maxsize=1 << 16)(lambda node: f"<{node_iri(node, base)}>")
        self.xsd = {kind: (f"^^xsd:{kind}" if turtle else f"^^<{XSD}{kind}>")
                    for kind in ("boolean", "integer", "date", "gYearMonth", "gYear")}
        self.true, self.false = (f'"true"{self.xsd["boolean"]}', f'"false"{self.xsd["boolean"]}')

    def curie(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return curie if self.turtle else f"<{PREFIXES[prefix]}{local}>"


def date_term(value: str, terms: Terms) -> str:
    """The literal :func:`chidao.graph.export.rdf.date_literal` makes, as text."""
    try:
        return f'"{dt.date.fromisoformat(value).isoformat()}"{terms.xsd["date"]}'
    except (TypeError, ValueError):
        pass
    if _YEAR_MONTH.match(value) and 1 <= int(value[5:]) <= 12:
        return f'"{value}"{terms.xsd["gYearMonth"]}'
    if _YEAR.match(value):
        return f'"{value}"{terms.xsd["gYear"]}'
    return _quoted(value)


class Emitter:
    """The triples of nodes and edges, as ``to_rdf`` maps them; remembers the few terms (document-type
    concepts, lexicon sources) that many rows share, so each is written once."""

    def __init__(self, base: str = DEFAULT_BASE, turtle: bool = False) -> None:
        check_base(base)
        self.terms = t = Terms(base, turtle)
        self.base = base
        self.doc_types: set[str] = set()
        self.sources: dict[str, str] = {}  # source IRI term → its last path segment
        self.node_rules = {
            label: [(prop, [t.curie(p) for p in ((preds,) if isinstance(preds, str) else preds)], how)
                    for prop, rule in rules.items() if rule for preds, how in [rule]]
            for label, rules in NODE_MAP.items()}
        self.node_classes = {label: [t.curie(c) for c in classes] for label, classes in NODE_CLASSES.items()}
        self.edge_rules = {prop: (t.curie(rule[0]), rule[1]) for prop, rule in EDGE_MAP.items() if rule}
        self.edge_predicate = {k: (t.curie(p), rev) for k, (p, rev) in EDGE_PREDICATE.items()}
        self.cite_predicate = {k: t.curie(p) for k, p in CITE_PREDICATE.items()}
        self.fact_classes = {k: [t.curie(c) for c in ("rdf:Statement", "prov:Entity", "chidao:Fact", f"chidao:{v}")]
                             for k, v in FACT_CLASS.items()}
        self.is_stub, self.is_part_of, self.edge_key = (t.curie("chidao:isStub"), t.curie("dcterms:isPartOf"),
                                                        t.curie("chidao:edgeKey"))
        self.rdf_subject, self.rdf_predicate, self.rdf_object = (t.curie(f"rdf:{x}")
                                                                 for x in ("subject", "predicate", "object"))
        self.skos_concept, self.skos_label = t.curie("skos:Concept"), t.curie("skos:prefLabel")
        self.lexicon_classes = [t.curie("prov:Entity"), t.curie("chidao:Lexicon")]
        self.rdfs_label = t.curie("rdfs:label")
        self.rdf_type = "a" if turtle else RDF_TYPE

    # -- values --

    def value(self, how: str, v: Any, out: list[Triple]) -> str:
        t = self.terms
        if how == "string":
            return _quoted(str(v))
        if how == "vi":
            return _quoted(str(v)) + "@vi"
        if how == "bool":
            return t.true if v else t.false
        if how == "int":
            return f'"{int(v)}"{t.xsd["integer"]}'
        if how == "date":
            return date_term(str(v), t)
        if how == "iri":
            return t.node(str(v))
        if how == "source":
            iri = f"<{self.base}source/{quote(schema.slug(str(v)) or 'unknown', safe=_SAFE)}>"
            self.sources.setdefault(iri, iri[1:-1].rsplit("/", 1)[-1])
            return iri
        if how == "doctype":
            concept = f"<{self.base}doc-type/{schema.slug(str(v)) or 'unknown'}>"
            if concept not in self.doc_types:
                self.doc_types.add(concept)
                out.append((concept, self.rdf_type, self.skos_concept))
                out.append((concept, self.skos_label, _quoted(str(v)) + "@vi"))
            return concept
        raise ValueError(how)

    # -- rows --

    def node(self, node: str, label: str, data: dict[str, Any], out: list[Triple]) -> None:
        if label not in self.node_rules:
            raise ValueError(f"node {node!r} has no chidao label (label={label!r})")
        s = self.terms.node(node)
        extra: list[Triple] = []
        for cls in self.node_classes[label]:
            out.append((s, self.rdf_type, cls))
        for prop, predicates, how in self.node_rules[label]:
            v = data.get(prop)
            if v is None:
                continue
            obj = self.value(how, v, extra)
            for p in predicates:
                out.append((s, p, obj))
        if label == schema.DOCUMENT and data.get("is_stub") is None:
            out.append((s, self.is_stub, self.terms.false))
        out += extra

    def edge(self, u: str, v: str, key: str, edge_type: str, data: dict[str, Any], out: list[Triple],
             direct: set[tuple[str, str, str]] | None = None, part_of_known: bool = False) -> None:
        """The triples of one edge. ``direct``: the (source, target, type) already written, so two edges
        of a type between one pair give one direct triple; ``part_of_known``: the target measure's
        own ``document`` is this source, which already gives the ``CONTAINS`` edge's ``isPartOf``."""
        t = self.terms
        predicate, reverse = self.edge_predicate[edge_type]
        su, sv = t.node(u), t.node(v)
        subject, obj = (sv, su) if reverse else (su, sv)
        if direct is None or (u, v, edge_type) not in direct:
            if direct is not None:
                direct.add((u, v, edge_type))
            out.append((subject, predicate, obj))
            extra = self.cite_predicate.get(data.get("relation") or "") if edge_type == schema.CITES else None
            if extra:
                out.append((subject, extra, obj))
            if edge_type == schema.CONTAINS and not part_of_known:
                out.append((obj, self.is_part_of, subject))
        if edge_type == schema.CONTAINS or not (data.get("document") or data.get("source")):
            return
        fact = f"<{fact_iri(u, v, str(key), self.base)}>"
        for cls in self.fact_classes[edge_type]:
            out.append((fact, self.rdf_type, cls))
        out.append((fact, self.rdf_subject, subject))
        out.append((fact, self.rdf_predicate, predicate))
        out.append((fact, self.rdf_object, obj))
        out.append((fact, self.edge_key, _quoted(str(key))))
        extra_out: list[Triple] = []
        for prop, val in data.items():
            rule = self.edge_rules.get(prop)
            if rule is not None and val is not None:
                out.append((fact, rule[0], self.value(rule[1], val, extra_out)))
        out += extra_out

    def tail(self) -> list[Triple]:
        """What is written once at the end: the lexicon sources facts were derived from."""
        out: list[Triple] = []
        for iri, name in sorted(self.sources.items()):
            for cls in self.lexicon_classes:
                out.append((iri, self.rdf_type, cls))
            out.append((iri, self.rdfs_label, _quoted(f"chidao {name} (src/chidao/graph/data)") + "@en"))
        return out


# --- sources of rows ----------------------------------------------------------------------------------


def graph_triples(graph: nx.MultiDiGraph, base: str = DEFAULT_BASE, turtle: bool = False) -> Iterator[list[Triple]]:
    """The triples of a networkx graph, in lists (one per node, and per source node's edges)."""
    em = Emitter(base, turtle)
    for node, data in graph.nodes(data=True):
        out: list[Triple] = []
        em.node(node, data.get("label"), data, out)
        yield out
    for u in graph.nodes:
        direct: set[tuple[str, str, str]] = set()
        out = []
        for _, v, key, data in graph.out_edges(u, keys=True, data=True):
            known = data["type"] == schema.CONTAINS and graph.nodes[v].get("document") == u \
                and graph.nodes[v].get("label") == schema.MEASURE
            em.edge(u, v, key, data["type"], {k: x for k, x in data.items() if k != "type"}, out, direct, known)
        yield out
    yield em.tail()


def _pages(store: Any, label: str, page: int, edges: str | None = None) -> Iterator[tuple[int, int]]:
    """Ranges of node offsets of ``label`` holding about ``page`` rows each: ``page`` nodes, or, for
    edges (``edges``: a query counting the edges of source nodes ``$low`` to ``$high``), source nodes
    that have about ``page`` edges — a range holding more than twice that (hubs: one province's
    people's committee is responsible for thousands of measures) is halved until it does not, or is
    one node."""
    found = store.query(f"MATCH (n:{label}) RETURN max(offset(id(n))) AS top")
    top = found[0]["top"] if found else None
    if top is None:
        return
    end = int(top) + 1
    if edges is None:
        for low in range(0, end, page):
            yield low, min(low + page, end)
        return
    total = store.query(edges, {"low": 0, "high": end})[0]["n"]
    if not total:
        return
    step = max(1, page * end // total)
    todo = [(low, min(low + step, end)) for low in range(0, end, step)][::-1]
    while todo:
        low, high = todo.pop()
        if high - low > 1 and store.query(edges, {"low": low, "high": high})[0]["n"] > 2 * page:
            middle = (low + high) // 2
            todo += [(middle, high), (low, middle)]
            continue
        yield low, high


def store_triples(store: Any, base: str = DEFAULT_BASE, turtle: bool = False,
                  page: int = PAGE_NODES) -> Iterator[list[Triple]]:
    """The triples of the whole graph in an embedded store, one page of rows at a time."""
    from chidao.graph.load import edge_key

    em = Emitter(base, turtle)
    for label in schema.NODE_LABELS:
        props = ", ".join(f"n.{p} AS {p}" for p in schema.NODE_PROPERTIES[label])
        cypher = f"MATCH (n:{label}) WHERE offset(id(n)) >= $low AND offset(id(n)) < $high RETURN {props}"
        for low, high in _pages(store, label, page):
            out: list[Triple] = []
            for row in store.query(cypher, {"low": low, "high": high}):
                em.node(row["id"], label, row, out)
            yield out
    for edge_type in schema.EDGE_TYPES:
        props = "".join(f", r.{p} AS {p}" for p in schema.EDGE_PROPERTIES[edge_type])
        contains = edge_type == schema.CONTAINS
        measure_doc = ", b.document AS _measure_document" if contains else ""
        sources, targets = schema.EDGE_ENDPOINTS[edge_type]
        target = targets[0] if len(targets) == 1 else ""
        for label in sources:
            cypher = (f"MATCH (a:{label})-[r:{edge_type}]->(b{':' + target if target else ''}) "
                      f"WHERE offset(id(a)) >= $low AND offset(id(a)) < $high "
                      f"RETURN a.id AS _from, b.id AS _to, r.key AS _key{measure_doc}{props}")
            count = (f"MATCH (a:{label})-[r:{edge_type}]->() WHERE offset(id(a)) >= $low AND offset(id(a)) < $high "
                     "RETURN count(r) AS n")
            for low, high in _pages(store, label, page, count):
                out = []
                direct: set[tuple[str, str, str]] = set()
                for row in store.query(cypher, {"low": low, "high": high}):
                    u, v, key = row.pop("_from"), row.pop("_to"), row.pop("_key")
                    known = contains and row.pop("_measure_document") == u
                    key = key or edge_key(edge_type, row)
                    em.edge(u, v, key, edge_type, row, out, direct, known)
                yield out
    yield em.tail()


# --- writers ------------------------------------------------------------------------------------------



def write_ntriples(pages: Iterable[list[Triple]], fp: IO[bytes]) -> int:
    """N-Triples, UTF-8; returns the number of triples written."""
    count = 0
    for triples in pages:
        if triples:
            fp.write("".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8"))
            count += len(triples)
    return count


def write_turtle(pages: Iterable[list[Triple]], fp: IO[bytes], base: str = DEFAULT_BASE) -> int:
    """Turtle, UTF-8: the export's prefixes, then each run of one subject's triples as one statement."""
    head = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in PREFIXES.items()] + [f"@prefix id: <{base}> .", ""]
    fp.write(("\n".join(head) + "\n").encode("utf-8"))
    count = 0
    for triples in pages:
        if not triples:
            continue
        parts: list[str] = []
        last = None
        for s, p, o in triples:
            if s == last:
                parts.append(f" ;\n    {p} {o}")
            else:
                if last is not None:
                    parts.append(" .\n")
                parts.append(f"{s} {p} {o}")
                last = s
        parts.append(" .\n")
        fp.write("".join(parts).encode("utf-8"))
        count += len(triples)
    return count


def _json_iri(iri: str) -> str:
    """A JSON string of an IRI (node IRIs are percent-encoded and the base refuses quotes and
    backslashes, so this is nearly always the IRI in quotes)."""
    return f'"{iri}"' if _NEEDS_ESCAPE.isdisjoint(iri) else json.dumps(iri, ensure_ascii=False)


def _jsonld_value(term: str) -> str:
    """A Turtle term (as :class:`Emitter` writes it with ``turtle=True``) as JSON-LD value text. A
    literal's quoted form is already a JSON string: the N-Triples escapes (``\\\\ \\" \\n \\r \\t \\b
    \\f``, ``\\uXXXX`` for the other control characters) are JSON's."""
    if term[0] == "<":
        return f'{{"@id": {_json_iri(term[1:-1])}}}'
    if term[0] != '"':
        return f'{{"@id": "{term}"}}'  # a vocabulary term by prefix (classes, concepts), expanded by the context
    end = term.rindex('"')
    if end == len(term) - 1:
        return term
    value, suffix = term[:end + 1], term[end + 1:]
    if suffix[0] == "@":
        return f'{{"@value": {value}, "@language": "{suffix[1:]}"}}'
    return f'{{"@value": {value}, "@type": "{suffix[2:]}"}}'


def write_jsonld(pages: Iterable[list[Triple]], fp: IO[bytes], base: str = DEFAULT_BASE) -> int:
    """JSON-LD, UTF-8: ``{"@context", "@graph"}``, the context of ``rdf.jsonld_context`` (the prefixes
    and ``id``), one node object per subject of a page (a subject split over two pages gives two
    objects, which JSON-LD merges); node IRIs in full, predicates and classes by prefix, every literal
    with its language or datatype. Pages come from :func:`store_triples` with ``turtle=True``; the
    text is written directly (the tests parse it with rdflib)."""
    context = json.dumps({**PREFIXES, "id": base}, ensure_ascii=False, indent=1)
    fp.write(f'{{\n"@context": {context},\n"@graph": [\n'.encode())
    count, first = 0, True
    for triples in pages:
        if not triples:
            continue
        subjects: dict[str, dict[str, list[str]]] = {}
        for s, p, o in triples:
            node = subjects.get(s)
            if node is None:
                node = subjects[s] = {}
            values = node.get(p)
            if values is None:
                values = node[p] = []
            if p != "a":
                values.append(_jsonld_value(o))
            else:  # a class: a term by prefix, or an IRI in full
                values.append(_json_iri(o[1:-1]) if o[0] == "<" else f'"{o}"')
        text = ",\n".join(
            "{" + ", ".join([f'"@id": {_json_iri(s[1:-1])}',
                             *(f'"{"@type" if p == "a" else p}": [{", ".join(v)}]' for p, v in node.items())]) + "}"
            for s, node in subjects.items())
        fp.write((text if first else ",\n" + text).encode("utf-8"))
        first = False
        count += len(triples)
    fp.write(b"\n]\n}\n")
    return count


WRITERS: dict[str, Callable[..., int]] = {"nt": write_ntriples, "turtle": write_turtle, "json-ld": write_jsonld}
"""The formats written without rdflib (rdflib format names)."""


def export_store(store: Any, fp: IO[bytes], fmt: str, base: str = DEFAULT_BASE, page: int = PAGE_NODES) -> int:
    """The whole store as N-Triples (``nt``), Turtle (``turtle``) or JSON-LD (``json-ld``); returns the
    triples written."""
    pages = store_triples(store, base, turtle=fmt != "nt", page=page)
    return write_ntriples(pages, fp) if fmt == "nt" else WRITERS[fmt](pages, fp, base)


def export_graph(graph: nx.MultiDiGraph, fp: IO[bytes], fmt: str, base: str = DEFAULT_BASE) -> int:
    """A networkx graph as N-Triples, Turtle or JSON-LD, written the same way (no rdflib)."""
    pages = graph_triples(graph, base, turtle=fmt != "nt")
    return write_ntriples(pages, fp) if fmt == "nt" else WRITERS[fmt](pages, fp, base)


__all__ = ["PAGE_NODES", "WRITERS", "Emitter", "export_graph", "export_store", "graph_triples", "store_triples"]
