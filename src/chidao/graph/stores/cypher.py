"""Every Cypher statement the embedded store (and the query runner's look-ups) runs.

Labels, edge types and property names come only from :mod:`chidao.graph.schema`; values are always
``$parameters``. The only other text spliced in is the path of a temporary CSV file the store wrote
itself (``COPY`` takes no parameter for its source), refused if it contains a quote.

Written for LadybugDB's dialect: ``label(r)`` not ``type(r)``; one ``MATCH`` per endpoint when
creating relationships from ``UNWIND`` rows (``MATCH (a {id: r.from}), (b {id: r.to})`` is planned
as a scan and degrades with the size of the store, two ``MATCH`` clauses are two index look-ups);
no ``SET n += map`` (one ``SET`` per property).
"""

from __future__ import annotations

import re

from chidao.graph import schema

TYPE_MAP = {"string": "STRING", "boolean": "BOOLEAN", "int64": "INT64"}

SOURCE_FILE = schema.SOURCE_FILE  # kept for callers that imported it from here

# --- tables ----------------------------------------------------------------------------------------


def create_node_table(label: str) -> str:
    props = schema.NODE_PROPERTIES[label]
    columns = ", ".join(f"{name} {TYPE_MAP[kind]}" for name, kind in props.items() if name != "id")
    return f"CREATE NODE TABLE IF NOT EXISTS {label}(id STRING PRIMARY KEY, {columns})"


def create_source_table() -> str:
    props = schema.SOURCE_FILE_PROPERTIES
    columns = ", ".join(f"{name} {TYPE_MAP[kind]}" for name, kind in props.items() if name != "path")
    return f"CREATE NODE TABLE IF NOT EXISTS {schema.SOURCE_FILE}(path STRING PRIMARY KEY, {columns})"


def edge_pairs(edge_type: str) -> list[tuple[str, str]]:
    sources, targets = schema.EDGE_ENDPOINTS[edge_type]
    return [(s, t) for s in sources for t in targets]


def create_rel_table(edge_type: str) -> str:
    """One relationship table per edge type with every FROM/TO pair the schema allows."""
    pairs = ", ".join(f"FROM {s} TO {t}" for s, t in edge_pairs(edge_type))
    columns = "".join(f", {name} {TYPE_MAP[kind]}" for name, kind in schema.EDGE_PROPERTIES[edge_type].items())
    return f"CREATE REL TABLE IF NOT EXISTS {edge_type}({pairs}, key STRING{columns})"


def ddl() -> list[str]:
    """Tables declared up front: LadybugDB has one label per node and typed columns."""
    return ([create_node_table(label) for label in schema.NODE_LABELS] + [create_source_table()]
            + [create_rel_table(t) for t in schema.EDGE_TYPES])


def node_columns(label: str) -> list[str]:
    return list(schema.NODE_PROPERTIES[label])


def edge_columns(edge_type: str) -> list[str]:
    return ["from", "to", "key", *schema.EDGE_PROPERTIES[edge_type]]


# --- bulk load: COPY from CSV files the store wrote ------------------------------------------------


COPY_CSV = "header=true, parallel=false, auto_detect=false, delim=',', quote='\"', escape='\"'"
"""The dialect Python's ``csv`` module writes, stated: with ``auto_detect`` on, LadybugDB sniffs the
first 256 rows and then splits a later quoted value at its line break (a signature block quoted as
"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI" on row 298 failed the whole COPY)."""


def copy_nodes(label: str, path: str) -> str:
    return f"COPY {label} FROM '{_quote_path(path)}' ({COPY_CSV})"


def copy_edges(edge_type: str, source: str, target: str, path: str) -> str:
    return (f"COPY {edge_type} FROM '{_quote_path(path)}' "
            f"({COPY_CSV}, from='{source}', to='{target}')")


def _quote_path(path: str) -> str:
    if "'" in path or "\\" in path:
        raise ValueError(f"temporary path with a quote or backslash: {path!r}")
    return path


# --- small writes: UNWIND rows (no checkpoint forced at commit, unlike COPY) ------------------------


def _typed(field: str, kind: str) -> str:
    """``r.<field>`` cast to its column type: a parameter column that is null in every row of a
    batch is typed STRING by the binder, which an INT64 or BOOLEAN column refuses."""
    return f"r.{field}" if kind == "string" else f"CAST(r.{field} AS {TYPE_MAP[kind]})"


def create_nodes(label: str) -> str:
    props = ", ".join(f"{p}: {_typed(p, kind)}" for p, kind in schema.NODE_PROPERTIES[label].items())
    return f"UNWIND $rows AS r CREATE (n:{label} {{{props}}})"


def create_edges(edge_type: str, source: str, target: str) -> str:
    columns = {"key": "string", **schema.EDGE_PROPERTIES[edge_type]}
    props = ", ".join(f"{p}: {_typed(p, kind)}" for p, kind in columns.items())
    return (f"UNWIND $rows AS r MATCH (a:{source} {{id: r.from}}) MATCH (b:{target} {{id: r.to}}) "
            f"CREATE (a)-[:{edge_type} {{{props}}}]->(b)")


def update_node(label: str, props: list[str]) -> str:
    """Fill or overwrite the given properties of existing nodes (one SET per property: no ``+=``)."""
    kinds = schema.NODE_PROPERTIES[label]
    sets = ", ".join(f"n.{p} = {_typed(p, kinds[p])}" for p in props)
    return f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET {sets}"


# Look-ups by a list of keys are written ``UNWIND $ids AS i MATCH (n {id: i})``, never
# ``WHERE n.id IN $ids``: LadybugDB checks IN against every row of the table (measured: 9.4 s for
# 5,000 ids among 150k measures, against 45 ms unwound), which made each ingest batch slower than the
# one before.


def existing_ids(label: str) -> str:
    return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id AS id"


def existing_documents() -> str:
    return f"UNWIND $ids AS i MATCH (d:{schema.DOCUMENT} {{id: i}}) WHERE d.is_stub = false RETURN d.id AS id"


def part_of_from() -> str:
    return (f"UNWIND $ids AS i MATCH (a:{schema.BODY} {{id: i}})-[:{schema.PART_OF}]->(b:{schema.BODY}) "
            f"RETURN a.id AS source, b.id AS target")


# --- replacing a document's facts -----------------------------------------------------------------


STATED_AT_SOURCE = (schema.CITES, schema.ASSIGNS, schema.CONTAINS, schema.ADDRESSED_TO)
"""Edge types whose source is the document that states them (``document`` = source id)."""

STATED_AT_TARGET = (schema.ISSUES, schema.SIGNS)
"""Edge types whose target is the document that states them (``document`` = target id)."""

STATED_AT_MEASURE = (schema.RESPONSIBLE_FOR,)
"""Edge types whose target is a measure of the document that states them."""


def document_edges_delete(edge_type: str, returning: bool = True) -> str:
    """Delete the edges documents stated; return their endpoints (candidates for orphan clean-up).

    Edges attached to their own document (or to its measures) are found from it — an index look-up
    — instead of scanning the whole relationship table; the store checks that attachment on write.
    """
    if edge_type in STATED_AT_SOURCE:
        pattern = f"(a:{schema.DOCUMENT} {{id: doc}})-[r:{edge_type}]->(b)"
    elif edge_type in STATED_AT_TARGET:
        pattern = f"(a)-[r:{edge_type}]->(b:{schema.DOCUMENT} {{id: doc}})"
    elif edge_type in STATED_AT_MEASURE:
        pattern = f"(a)-[r:{edge_type}]->(b:{schema.MEASURE}) WHERE b.document = doc AND"
    else:
        pattern = f"(a)-[r:{edge_type}]->(b)"
    where = "" if pattern.endswith("AND") else " WHERE"
    ends = " RETURN a.id AS source, b.id AS target" if returning else ""
    return f"UNWIND $docs AS doc MATCH {pattern}{where} r.document = doc DELETE r{ends}"


def document_measures_delete() -> str:
    return f"UNWIND $docs AS doc MATCH (m:{schema.MEASURE}) WHERE m.document = doc DETACH DELETE m"


def cited_documents() -> str:
    return (f"UNWIND $ids AS i MATCH (:{schema.DOCUMENT})-[:{schema.CITES}]->(d:{schema.DOCUMENT} {{id: i}}) "
            f"RETURN DISTINCT d.id AS id")


def documents_to_stubs() -> str:
    """A document still cited by others keeps what a citation can say about it and becomes a stub."""
    keep = {"id", "type", "number", "date", "scope", "family", "is_stub"}
    clears = ", ".join(f"d.{p} = NULL" for p in schema.NODE_PROPERTIES[schema.DOCUMENT] if p not in keep)
    return f"UNWIND $ids AS i MATCH (d:{schema.DOCUMENT} {{id: i}}) SET d.is_stub = true, {clears}"


def delete_documents() -> str:
    return f"UNWIND $ids AS i MATCH (d:{schema.DOCUMENT} {{id: i}}) DETACH DELETE d"


def orphans(label: str, everywhere: bool = False) -> str:
    """Of the candidate actors (``$ids``; every node of the label if ``everywhere``), those no fact
    mentions any more (no edge but PART_OF upward, nothing part of them), with their PART_OF parents
    (which may become orphans in turn).

    PART_OF clauses appear only for labels PART_OF can touch: LadybugDB evaluates ``EXISTS`` over a
    relationship pattern the schema forbids (``()-[:PART_OF]->(:Post)``) as true."""
    part_sources, part_targets = schema.EDGE_ENDPOINTS[schema.PART_OF]
    match = f"MATCH (n:{label}) WHERE" if everywhere else f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) WHERE"
    if label in part_sources:
        cypher = f"{match} NOT EXISTS {{ MATCH (n)-[r]-() WHERE label(r) <> '{schema.PART_OF}' }} "
    else:
        cypher = f"{match} NOT EXISTS {{ MATCH (n)-[]-() }} "
    if label in part_targets:
        cypher += f"AND NOT EXISTS {{ MATCH ()-[:{schema.PART_OF}]->(n) }} "
    if label in part_sources:
        return cypher + f"OPTIONAL MATCH (n)-[:{schema.PART_OF}]->(p) RETURN n.id AS id, collect(p.id) AS parents"
    return cypher + "RETURN n.id AS id, [] AS parents"


def delete_nodes(label: str) -> str:
    return f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n"


def uncited_stubs_delete(everywhere: bool = False) -> str:
    match = f"MATCH (d:{schema.DOCUMENT})" if everywhere else f"UNWIND $ids AS i MATCH (d:{schema.DOCUMENT} {{id: i}})"
    return (f"{match} WHERE d.is_stub = true "
            f"AND NOT EXISTS {{ MATCH ()-[:{schema.CITES}]->(d) }} DETACH DELETE d")


# --- citation stubs and dated documents -------------------------------------------------------------


def dated_candidates() -> str:
    """Documents whose id is an undated id plus ``/<year>``."""
    return f"MATCH (d:{schema.DOCUMENT}) WHERE d.id STARTS WITH $prefix RETURN d.id AS id"


def citers_of() -> str:
    """Citations of undated stubs (``$ids``), to move onto the dated document now stored."""
    props = ", ".join(f"r.{p} AS {p}" for p in schema.EDGE_PROPERTIES[schema.CITES])
    return (f"UNWIND $ids AS i MATCH (a:{schema.DOCUMENT})-[r:{schema.CITES}]->(s:{schema.DOCUMENT} {{id: i}}) "
            f"RETURN s.id AS stub, a.id AS source, r.key AS key, {props}")


def create_cites() -> str:
    sets = ", ".join(f"{p}: {_typed(p, kind)}" for p, kind in schema.EDGE_PROPERTIES[schema.CITES].items())
    return (f"UNWIND $rows AS r MATCH (a:{schema.DOCUMENT} {{id: r.source}}) MATCH (b:{schema.DOCUMENT} "
            f"{{id: r.target}}) CREATE (a)-[:{schema.CITES} {{key: r.key, {sets}}}]->(b)")


# --- source files ------------------------------------------------------------------------------------


def source_by_path() -> str:
    return f"MATCH (s:{schema.SOURCE_FILE} {{path: $path}}) RETURN s.sha256 AS sha256, s.document AS document"


def sources_by_paths() -> str:
    return (f"UNWIND $paths AS p MATCH (s:{schema.SOURCE_FILE} {{path: p}}) "
            f"RETURN s.path AS path, s.sha256 AS sha256, s.document AS document")


def sources_by_shas() -> str:
    return (f"UNWIND $shas AS h MATCH (s:{schema.SOURCE_FILE}) WHERE s.sha256 = h "
            f"RETURN s.sha256 AS sha256, s.document AS document, s.path AS path ORDER BY path")


def source_upsert() -> str:
    return (f"UNWIND $rows AS r MERGE (s:{schema.SOURCE_FILE} {{path: r.path}}) "
            f"SET s.sha256 = r.sha, s.document = r.document, s.ingested_at = r.at")


def sources_delete() -> str:
    return f"UNWIND $docs AS doc MATCH (s:{schema.SOURCE_FILE}) WHERE s.document = doc DELETE s"


def sources_delete_paths() -> str:
    return f"UNWIND $paths AS p MATCH (s:{schema.SOURCE_FILE} {{path: p}}) DELETE s"


# --- counts ----------------------------------------------------------------------------------------


def count_nodes(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS n"


def count_edges(edge_type: str) -> str:
    return f"MATCH ()-[r:{edge_type}]->() RETURN count(r) AS n"


# --- read helpers for the CLI and the stored-query runner (dialect-neutral unless named) ------------


def find_documents() -> str:
    """Documents by id, or any numbered document (the caller compares numbers after normalising)."""
    return (f"MATCH (n:{schema.DOCUMENT}) WHERE n.id = $ref OR n.number IS NOT NULL "
            f"RETURN n.id AS id, n.number AS number, n.date AS date, n.is_stub AS stub")


def find_document_by_id() -> str:
    """One document by id (an index look-up; :func:`find_documents` reads every numbered document)."""
    return (f"MATCH (n:{schema.DOCUMENT} {{id: $ref}}) "
            f"RETURN n.id AS id, n.number AS number, n.date AS date, n.is_stub AS stub")


def find_actors(label: str) -> str:
    """Bodies, posts or persons by id, by look-up key, or by name (the caller folds names)."""
    jurisdiction = "n.jurisdiction" if "jurisdiction" in schema.NODE_PROPERTIES[label] else "NULL"
    return (f"MATCH (n:{label}) WHERE n.id = $ref OR n.key IN $keys OR n.name IN $names "
            f"RETURN n.id AS id, n.name AS name, n.key AS key, {jurisdiction} AS jurisdiction")


def show_document() -> str:
    props = ", ".join(f"d.{p} AS {p}" for p in ("id", "type", "number", "date", "place", "subject", "is_stub",
                                                "path"))
    return f"UNWIND $ids AS i MATCH (d:{schema.DOCUMENT} {{id: i}}) RETURN {props} ORDER BY id"


def show_facts() -> str:
    """Every edge leaving or entering the documents (LadybugDB dialect: ``label(r)``); unordered."""
    columns = ("label(r) AS edge, r.role AS role, r.item AS item, x.id AS other, "
               "coalesce(x.name, x.number, x.text) AS name, r.quote AS quote")
    return (f"UNWIND $ids AS i MATCH (d:{schema.DOCUMENT} {{id: i}})-[r]->(x) "
            f"RETURN d.id AS document, 'out' AS dir, {columns} "
            f"UNION ALL UNWIND $ids AS i MATCH (x)-[r]->(d:{schema.DOCUMENT} {{id: i}}) "
            f"RETURN d.id AS document, 'in' AS dir, {columns}")


def list_actors() -> str:
    return (f"MATCH (b:{schema.BODY}:{schema.POST}) "
            f"OPTIONAL MATCH (b)-[:{schema.RESPONSIBLE_FOR}]->(m:{schema.MEASURE}) "
            "RETURN b.id AS id, b.name AS name, label(b) AS label, b.jurisdiction AS jurisdiction, "
            "b.scope AS scope, b.is_group AS grp, count(DISTINCT m) AS measures ORDER BY jurisdiction, name, id")


# --- store bookkeeping -------------------------------------------------------------------------------

INFO = "StoreInfo"


def create_info_table() -> str:
    """``StoreInfo(key, value)``: the store's format version (``schema.STORE_FORMAT``)."""
    return f"CREATE NODE TABLE IF NOT EXISTS {INFO}(key STRING PRIMARY KEY, value STRING)"


def info_get() -> str:
    return f"MATCH (i:{INFO} {{key: $key}}) RETURN i.value AS value"


def info_set() -> str:
    return f"MERGE (i:{INFO} {{key: $key}}) SET i.value = $value"


# --- ad-hoc queries: clauses that reach outside the store ---------------------------------------------

FILE_CLAUSES = re.compile(
    r"(?<![.\w`$])(LOAD\s+(?:FROM|WITH|EXTENSION)|COPY|INSTALL|ATTACH|DETACH\s+DATABASE|"
    r"EXPORT\s+DATABASE|IMPORT\s+DATABASE|UPDATE\s+EXTENSION)(?![\w`])", re.I)
"""Clauses of the LadybugDB dialect that read or write files, or load code (``DETACH DELETE`` is not one)."""

_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def file_access(query: str) -> str | None:
    """The first clause of ``query`` that reaches files or loads code, upper-cased; None if none.
    String literals, quoted names and comments are blanked first (``'COPY'`` is data)."""
    found = FILE_CLAUSES.search(_LITERALS.sub(" ", query))
    return " ".join(found.group(1).upper().split()) if found else None
