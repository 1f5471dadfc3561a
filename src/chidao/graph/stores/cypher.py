"""Every Cypher statement the embedded store runs, built from ``schema`` (labels and property names
come only from there; values are always ``$parameters``)."""

from __future__ import annotations

from chidao.graph import schema

TYPE_MAP = {"string": "STRING", "boolean": "BOOLEAN", "int64": "INT64"}

SOURCE_FILE = "SourceFile"
"""Bookkeeping node table: one row per ingested file (path, sha256, document id, time)."""

SOURCE_FILE_PROPERTIES = {"path": "string", "sha256": "string", "document": "string", "ingested_at": "string"}


def create_node_table(label: str) -> str:
    props = schema.NODE_PROPERTIES[label]
    columns = ", ".join(f"{name} {TYPE_MAP[kind]}" for name, kind in props.items() if name != "id")
    return f"CREATE NODE TABLE IF NOT EXISTS {label}(id STRING PRIMARY KEY, {columns})"


def create_source_table() -> str:
    return ("CREATE NODE TABLE IF NOT EXISTS SourceFile(path STRING PRIMARY KEY, sha256 STRING, document STRING, "
            "ingested_at STRING)")


def edge_pairs(edge_type: str) -> list[tuple[str, str]]:
    sources, targets = schema.EDGE_ENDPOINTS[edge_type]
    return [(s, t) for s in sources for t in targets]


def create_rel_table(edge_type: str) -> str:
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


def copy_nodes(label: str, path: str) -> str:
    return f"COPY {label} FROM '{_quote_path(path)}' (header=true, parallel=false)"


def copy_edges(edge_type: str, source: str, target: str, path: str) -> str:
    return (f"COPY {edge_type} FROM '{_quote_path(path)}' "
            f"(header=true, parallel=false, from='{source}', to='{target}')")


def _quote_path(path: str) -> str:
    if "'" in path:
        raise ValueError(f"temporary path with a quote: {path!r}")
    return path


def existing_ids(label: str) -> str:
    return f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id"


def update_node(label: str, props: list[str]) -> str:
    """Fill or overwrite the given properties of existing nodes (one SET per property: no ``+=``)."""
    sets = ", ".join(f"n.{p} = r.{p}" for p in props)
    return f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET {sets}"


def existing_part_of() -> str:
    return f"MATCH (a:{schema.BODY})-[r:{schema.PART_OF}]->(b:{schema.BODY}) RETURN a.id AS source, b.id AS target"


def document_measures_delete() -> str:
    return f"MATCH (m:{schema.MEASURE}) WHERE m.document IN $docs DETACH DELETE m"


def document_edges_delete(edge_type: str) -> str:
    return f"MATCH ()-[r:{edge_type}]->() WHERE r.document IN $docs DELETE r"


def existing_documents() -> str:
    return f"MATCH (d:{schema.DOCUMENT}) WHERE d.id IN $ids AND d.is_stub = false RETURN d.id AS id"


def document_is_cited() -> str:
    return f"MATCH (:{schema.DOCUMENT})-[r:{schema.CITES}]->(d:{schema.DOCUMENT} {{id: $doc}}) RETURN count(r) AS n"


def document_to_stub() -> str:
    keep = {"id", "type", "number", "date", "scope", "family", "is_stub"}
    clears = ", ".join(f"d.{p} = NULL" for p in schema.NODE_PROPERTIES[schema.DOCUMENT] if p not in keep)
    return f"MATCH (d:{schema.DOCUMENT} {{id: $doc}}) SET d.is_stub = true, {clears}"


def delete_document_node() -> str:
    return f"MATCH (d:{schema.DOCUMENT} {{id: $doc}}) DETACH DELETE d"


def orphan_delete(label: str) -> str:
    """Actors no fact mentions any more: no edge but lexicon PART_OF links upward, and nothing below."""
    return (f"MATCH (n:{label}) WHERE NOT EXISTS {{ MATCH (n)-[r]-() WHERE label(r) <> '{schema.PART_OF}' }} "
            f"AND NOT EXISTS {{ MATCH ()-[:{schema.PART_OF}]->(n) }} DETACH DELETE n")


def stub_delete() -> str:
    return (f"MATCH (d:{schema.DOCUMENT}) WHERE d.is_stub = true AND NOT EXISTS {{ MATCH ()-[:{schema.CITES}]->(d) }} "
            f"DETACH DELETE d")


def dated_candidates() -> str:
    """Documents whose id is an undated id plus ``/<year>``."""
    return f"MATCH (d:{schema.DOCUMENT}) WHERE d.id STARTS WITH $prefix RETURN d.id AS id"


def citers_of() -> str:
    props = ", ".join(f"r.{p} AS {p}" for p in schema.EDGE_PROPERTIES[schema.CITES])
    return (f"MATCH (a:{schema.DOCUMENT})-[r:{schema.CITES}]->(s:{schema.DOCUMENT} {{id: $stub}}) "
            f"RETURN a.id AS source, r.key AS key, {props}")


def create_cites() -> str:
    sets = ", ".join(f"{p}: r.{p}" for p in schema.EDGE_PROPERTIES[schema.CITES])
    return (f"UNWIND $rows AS r MATCH (a:{schema.DOCUMENT} {{id: r.source}}), (b:{schema.DOCUMENT} {{id: r.target}}) "
            f"CREATE (a)-[:{schema.CITES} {{key: r.key, {sets}}}]->(b)")


def source_by_path() -> str:
    return "MATCH (s:SourceFile {path: $path}) RETURN s.sha256 AS sha256, s.document AS document"


def source_by_sha() -> str:
    return "MATCH (s:SourceFile) WHERE s.sha256 = $sha RETURN s.path AS path, s.document AS document"


def source_upsert() -> str:
    return ("UNWIND $rows AS r MERGE (s:SourceFile {path: r.path}) SET s.sha256 = r.sha, s.document = r.document, "
            "s.ingested_at = r.at")


def sources_of_document() -> str:
    return "MATCH (s:SourceFile) WHERE s.document = $doc RETURN s.path AS path"


def count_nodes(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS n"


def count_edges(edge_type: str) -> str:
    return f"MATCH ()-[r:{edge_type}]->() RETURN count(r) AS n"
