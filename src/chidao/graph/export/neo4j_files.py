"""Files that rebuild the graph in Neo4j without chidao: a cypher-shell script, and the CSV layout of
``neo4j-admin database import full`` — the bulk path for millions of documents."""

from __future__ import annotations

import csv
import json
import shlex
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.graph import schema
from chidao.graph.stores import neo4j_cypher as q

IMPORT_TYPES = {"string": "string", "boolean": "boolean", "int64": "long"}


def _literal(value: Any) -> str:
    """A Cypher literal: strings JSON-escaped with single quotes (no injection from document text)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = json.dumps(str(value), ensure_ascii=False)[1:-1]
    return "'" + text.replace("\\\"", "\"").replace("'", "\\'") + "'"


def _map(props: dict[str, Any]) -> str:
    return "{" + ", ".join(f"`{k}`: {_literal(v)}" for k, v in sorted(props.items()) if v is not None) + "}"


def write_cypher_script(graph: nx.MultiDiGraph, fp: IO[str]) -> None:
    """``cypher-shell -f graph.cypher``: constraints, then MERGE nodes, then MERGE edges (idempotent)."""
    fp.write("// chidao graph: run with cypher-shell -u neo4j -p … -f graph.cypher\n")
    for label in schema.NODE_LABELS:
        fp.write(q.constraint(label) + ";\n")
    fp.write(":begin\n")
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: (nd[1]["label"], nd[0])):
        props = {k: v for k, v in data.items() if k not in ("label", "id")}
        fp.write(f"MERGE (n:{data['label']} {{id: {_literal(node)}}}) SET n += {_map(props)};\n")
    fp.write(":commit\n:begin\n")
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[3]["type"], e[0], e[1], e[2])):
        su, sv = graph.nodes[u]["label"], graph.nodes[v]["label"]
        props = {k: val for k, val in data.items() if k != "type"}
        fp.write(f"MATCH (a:{su} {{id: {_literal(u)}}}) MATCH (b:{sv} {{id: {_literal(v)}}}) "
                 f"MERGE (a)-[e:{data['type']} {{key: {_literal(key)}}}]->(b) SET e += {_map(props)};\n")
    fp.write(":commit\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_neo4j_import(graph: nx.MultiDiGraph, out_dir: str | Path, database: str = "chidao") -> list[Path]:
    """One nodes CSV per label and one relationships CSV per type, plus ``import.sh`` with the command."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    nodes: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        nodes[data["label"]].append((node, data))
    node_files, rel_files = [], []
    for label in schema.NODE_LABELS:
        props = [p for p in schema.NODE_PROPERTIES[label] if p != "id"]
        path = out / f"nodes_{label}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fp:
            w = csv.writer(fp)
            w.writerow(["id:ID", *[f"{p}:{IMPORT_TYPES[schema.NODE_PROPERTIES[label][p]]}" for p in props], ":LABEL"])
            for node, data in sorted(nodes.get(label, [])):
                w.writerow([node, *[_cell(data.get(p)) for p in props], label])
        node_files.append(path)
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, key, data in graph.edges(keys=True, data=True):
        edges[data["type"]].append((u, v, key, data))
    for edge_type in schema.EDGE_TYPES:
        props = list(schema.EDGE_PROPERTIES[edge_type])
        path = out / f"rels_{edge_type}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fp:
            w = csv.writer(fp)
            w.writerow([":START_ID", ":END_ID", "key:string",
                        *[f"{p}:{IMPORT_TYPES[schema.EDGE_PROPERTIES[edge_type][p]]}" for p in props], ":TYPE"])
            for u, v, key, data in sorted(edges.get(edge_type, [])[:], key=lambda e: (e[0], e[1], e[2])):
                w.writerow([u, v, key, *[_cell(data.get(p)) for p in props], edge_type])
        rel_files.append(path)
    command = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination",
               "--multiline-fields=true", "--skip-duplicate-nodes=false"]
    command += [f"--nodes={p.name}" for p in node_files] + [f"--relationships={p.name}" for p in rel_files]
    script = out / "import.sh"
    script.write_text("#!/bin/sh\n# Run from this folder on the Neo4j host (database stopped), then:\n"
                      f"#   CREATE DATABASE {database}   (or START DATABASE {database})\n"
                      f"cd \"$(dirname \"$0\")\"\n{shlex.join(command)}\n", encoding="utf-8")
    script.chmod(0o755)
    written += node_files + rel_files + [script]
    return written
