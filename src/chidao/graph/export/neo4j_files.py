"""Files that rebuild the graph in Neo4j without chidao or a driver.

* :func:`write_cypher_script` — a ``.cypher`` script for ``cypher-shell -f``: the uniqueness
  constraints, then one ``MERGE`` per node and per edge (values as escaped literals), in explicit
  ``:begin``/``:commit`` transactions of ``transaction_size`` statements. Idempotent like the driver
  push: running it twice changes nothing; running it over an older chidao graph updates it in place.
* :func:`write_neo4j_import` — the CSV layout of ``neo4j-admin database import full``, the bulk path
  for millions of documents: one ``nodes_<Label>.csv`` per label (``id:ID``, typed property
  columns, ``:LABEL``), one ``rels_<TYPE>.csv`` per type (``:START_ID``, ``:END_ID``, ``key``,
  properties, ``:TYPE``), and ``import.sh`` with the exact command.
"""

from __future__ import annotations

import csv
import re
import shlex
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.graph import schema
from chidao.graph.stores import neo4j_cypher as q
from chidao.graph.stores.neo4j import edge_props, node_props

IMPORT_TYPES = {"string": "string", "boolean": "boolean", "int64": "long"}
"""schema.py types → neo4j-admin column types (``long`` is Neo4j's 64-bit integer)."""


def _sorted_nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    order = {label: i for i, label in enumerate(schema.NODE_LABELS)}
    return sorted(graph.nodes(data=True), key=lambda nd: (order.get(nd[1].get("label"), 99), str(nd[0])))


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    order = {t: i for i, t in enumerate(schema.EDGE_TYPES)}
    return sorted(graph.edges(keys=True, data=True),
                  key=lambda e: (order.get(e[3].get("type"), 99), str(e[0]), str(e[1]), str(e[2])))


def write_cypher_script(graph: nx.MultiDiGraph, fp: IO[str], transaction_size: int = 1000) -> int:
    """Write the script; returns the number of MERGE statements."""
    if transaction_size < 1:
        raise ValueError("transaction_size must be at least 1")
    nodes, edges = _sorted_nodes(graph), _sorted_edges(graph)
    fp.write("// chidao graph for Neo4j: "
             f"{len(nodes)} nodes, {len(edges)} relationships. Idempotent (MERGE on id and on key).\n"
             "// Run: cypher-shell -a bolt://HOST:7687 -u neo4j [-d DATABASE] -f graph.cypher\n"
             "// (cypher-shell asks for the password, or reads NEO4J_PASSWORD.)\n")
    for label in schema.NODE_LABELS:
        fp.write(q.constraint(label) + ";\n")
    statements = [q.script_merge_node(data["label"], node, node_props(node, data)) for node, data in nodes]
    statements += [q.script_merge_edge(data["type"], graph.nodes[u]["label"], u, graph.nodes[v]["label"], v,
                                       str(key), edge_props(u, v, data)) for u, v, key, data in edges]
    for start in range(0, len(statements), transaction_size):
        fp.write(":begin\n")
        fp.writelines(s + "\n" for s in statements[start:start + transaction_size])
        fp.write(":commit\n")
    return len(statements)


def _cell(value: Any) -> str:
    """A CSV cell as neo4j-admin reads it: an empty field is no property (null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


DATABASE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.-]{1,61}[A-Za-z0-9]")
"""A Neo4j database name (operations manual, "Naming rules for databases"): 3 to 63 ASCII letters,
digits, dots and dashes, starting with a letter (a digit only from Neo4j 2025.01; the Docker line is
for neo4j:5), not ending with a dot or dash. Names starting with ``system`` or ``_`` are reserved."""


def check_database_name(name: str) -> str:
    """``name`` if Neo4j would accept it, else ValueError. It is written into ``import.sh`` — a shell
    command and comments — so a newline, quote or ``$(…)`` must never get there: Neo4j refuses such
    a name anyway, and refusing it here is simpler and safer than quoting it for every context."""
    if not DATABASE_NAME.fullmatch(name) or name.lower().startswith("system"):
        shown = name.encode("unicode_escape").decode("ascii")
        raise ValueError(f"not a Neo4j database name: '{shown}' (3 to 63 letters, digits, dots and dashes, "
                         "starting with a letter, not ending with a dot or dash, not 'system…')")
    return name


def import_command(node_files: list[str], rel_files: list[str], database: str) -> list[str]:
    return (["neo4j-admin", "database", "import", "full", "--overwrite-destination", "--multiline-fields=true"]
            + [f"--nodes={name}" for name in node_files] + [f"--relationships={name}" for name in rel_files]
            + [database])


def write_neo4j_import(graph: nx.MultiDiGraph, out_dir: str | Path, database: str = "neo4j") -> list[Path]:
    """Write the CSV files and ``import.sh`` into ``out_dir``; returns the paths written. ``database``
    must be a valid Neo4j name (:func:`check_database_name`, ValueError before anything is written).

    Every label and type gets its file (with its header) even when empty, so the import command
    never changes shape. Ids are one global ID space: chidao ids carry their kind as a prefix.
    """
    check_database_name(database)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nodes: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node, data in _sorted_nodes(graph):
        nodes[q.label(data.get("label", ""))].append((node, data))
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, key, data in _sorted_edges(graph):
        edges[q.rel_type(data.get("type", ""))].append((u, v, str(key), data))

    node_files, rel_files = [], []
    for label in schema.NODE_LABELS:
        props = [p for p in schema.NODE_PROPERTIES[label] if p != "id"]
        path = out / f"nodes_{label}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fp:
            w = csv.writer(fp, lineterminator="\n")
            w.writerow(["id:ID", *[f"{p}:{IMPORT_TYPES[schema.NODE_PROPERTIES[label][p]]}" for p in props], ":LABEL"])
            w.writerows([node, *[_cell(data.get(p)) for p in props], label] for node, data in nodes[label])
        node_files.append(path)
    for edge_type in schema.EDGE_TYPES:
        props = list(schema.EDGE_PROPERTIES[edge_type])
        path = out / f"rels_{edge_type}.csv"
        with open(path, "w", newline="", encoding="utf-8") as fp:
            w = csv.writer(fp, lineterminator="\n")
            w.writerow([":START_ID", ":END_ID", "key:string",
                        *[f"{p}:{IMPORT_TYPES[schema.EDGE_PROPERTIES[edge_type][p]]}" for p in props], ":TYPE"])
            w.writerows([u, v, key, *[_cell(data.get(p)) for p in props], edge_type]
                        for u, v, key, data in edges[edge_type])
        rel_files.append(path)

    script = write_import_script(out, node_files, rel_files, database, graph.number_of_nodes(),
                                 graph.number_of_edges())
    return [*node_files, *rel_files, script]


def write_import_script(out: Path, node_files: list[Path], rel_files: list[Path], database: str, nodes: int,
                        edges: int) -> Path:
    """``import.sh`` in ``out``: the neo4j-admin command over the files, with how to run it."""
    names = [p.name for p in node_files], [p.name for p in rel_files]
    command = shlex.join(import_command(*names, database))
    in_docker = import_command([f"/import/{n}" for n in names[0]], [f"/import/{n}" for n in names[1]], database)
    docker = 'docker run --rm -v neo4j-data:/data -v "$PWD:/import" neo4j:5 ' + shlex.join(in_docker)
    cypher_name = f"`{database}`" if "-" in database else database  # a dash needs backticks in Cypher
    script = out / "import.sh"
    script.write_text(
        "#!/bin/sh\n"
        f"# Bulk import of {nodes} nodes and {edges} relationships written "
        "by chidao.\n"
        f"# On the Neo4j host, with database '{database}' stopped (it is overwritten): sh import.sh\n"
        "# With Docker, into the data volume a neo4j:5 container serves (stop that container first), from this folder:\n"
        f"#   {docker}\n"
        f"# Then start Neo4j (Enterprise, new database: CREATE DATABASE {cypher_name}) and create the uniqueness\n"
        "# constraints: the CREATE CONSTRAINT lines at the top of `chidao export cypher`.\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        f"{command}\n", encoding="utf-8")
    script.chmod(0o755)
    return script
