"""Round trips of the interchange and Neo4j file exports, through the CLI on the sample store and
directly on factory graphs; golden files pin the JSON shapes (UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from export_factories import NASTY, many_bodies, small_graph
from hypothesis import given
from hypothesis import strategies as st

from chidao.cli import main
from chidao.graph import schema
from chidao.graph.export import interchange as ix
from chidao.graph.export.neo4j_files import IMPORT_TYPES, write_cypher_script, write_neo4j_import
from chidao.graph.load import graph_from_store

GOLDEN = Path(__file__).parent / "golden"


def export(sample_store: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", *args, "--db", sample_store])
    assert result.exit_code == 0, result.output
    return result.output


def plain(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Comparable data: attributes without nulls (a missing property is the null)."""
    nodes = {n: {k: v for k, v in d.items() if v is not None} for n, d in graph.nodes(data=True)}
    edges = {(u, v, k): {p: x for p, x in d.items() if x is not None} for u, v, k, d in graph.edges(keys=True,
                                                                                                    data=True)}
    return nodes, edges


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture()
def graph(store):
    return graph_from_store(store)


def test_edge_keys_survive_the_store(graph, sample_records) -> None:
    from chidao.graph.build import build_graph

    assert sorted(graph.edges(keys=True)) == sorted(build_graph(sample_records).edges(keys=True))


# --- GraphML and GEXF --------------------------------------------------------------------------------


def test_graphml_round_trip_from_the_store(sample_store, graph, tmp_path) -> None:
    out = tmp_path / "g.graphml"
    export(sample_store, "graphml", "-o", str(out))
    back = nx.read_graphml(out, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    node = back.nodes["doc:lai-chau/629-cv-tu/2021"]
    assert node["number"] == "629-CV/TU" and node["is_stub"] is False and node["chidao_label"] == "Document"
    assert node["label"] == "Công văn 629-CV/TU"  # what Gephi shows
    assert plain(ix.read_graphml(out)) == plain(graph)  # lossless, keys included


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_formats_are_lossless_on_nasty_text(fmt: str) -> None:
    g = small_graph()
    buf = io.BytesIO()
    (ix.write_graphml if fmt == "graphml" else ix.write_gexf)(g, buf)
    back = (ix.read_graphml if fmt == "graphml" else ix.read_gexf)(io.BytesIO(buf.getvalue()))
    assert plain(back) == plain(g)


def test_gexf_follows_gephi_conventions(sample_store, graph, tmp_path) -> None:
    out = tmp_path / "g.gexf"
    export(sample_store, "gexf", "-o", str(out))
    root = ET.parse(out).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    edges = root.findall(".//g:edge", ns)
    nodes = root.findall(".//g:node", ns)
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)  # unique edge ids: Gephi drops duplicates
    assert {e.get("label") for e in edges} <= set(schema.EDGE_TYPES)
    assert all(e.get("type") in (None, "directed") for e in edges)  # GEXF's own meaning of type
    labels = {n.get("id"): n.get("label") for n in nodes}
    assert labels["body:lai-chau/tinh-uy"] == "Tỉnh ủy"
    back = nx.read_gexf(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert plain(ix.read_gexf(out)) == plain(graph)


def test_graphml_keys_and_values_are_gephi_safe(tmp_path) -> None:
    g = small_graph()
    g.nodes["doc:vn/16-ct-ttg"]["warnings"] = ["no date", "no issuer"]  # a list, as a careless caller might
    g.nodes["doc:vn/16-ct-ttg"]["path"] = {"odd": 1}
    out = tmp_path / "g.graphml"
    with open(out, "wb") as fp:
        ix.write_graphml(g, fp)
    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    assert len({k.get("id") for k in keys}) == len(keys)
    assert {k.get("attr.type") for k in keys} <= {"string", "boolean", "int", "long", "double"}
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(set(names)) == len(names)  # one type per attribute name
    edge_ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(set(edge_ids)) == len(edge_ids) == g.number_of_edges()
    back = nx.read_graphml(out, force_multigraph=True)
    assert back.nodes["doc:vn/16-ct-ttg"]["warnings"] == "no date; no issuer"
    assert json.loads(back.nodes["doc:vn/16-ct-ttg"]["path"]) == {"odd": 1}
    for _, data in [*back.nodes(data=True), *((None, d) for *_, d in back.edges(data=True))]:
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_flatten_types_and_display_names() -> None:
    flat = ix.flatten(small_graph())
    for _, data in [*flat.nodes(data=True), *((None, d) for *_, d in flat.edges(data=True))]:
        assert all(v is not None and isinstance(v, str | int | float | bool) for v in data.values())
    assert flat.nodes["doc:vn/16-ct-ttg"]["display"] == "Chỉ thị 16/CT-TTg"
    assert flat.nodes["measure:lai-chau/629-cv-tu/2021#1"]["display"] == "629-CV/TU #1"
    assert sorted(d["edge_id"] for *_, d in flat.edges(data=True)) == sorted(f"e{i}" for i in range(11))


# --- JSON: node-link and Cytoscape -------------------------------------------------------------------------


def test_node_link_shape_is_pinned_by_a_golden_file() -> None:
    buf = io.StringIO()
    ix.write_node_link(small_graph(), buf)
    golden("node_link.json", buf.getvalue())
    data = json.loads(buf.getvalue())
    assert sorted(data) == ["directed", "graph", "links", "multigraph", "nodes"]
    assert data["directed"] is True and data["multigraph"] is True
    assert {"source", "target", "key", "type"} <= set(data["links"][0]) and "id" in data["nodes"][0]
    assert any(NASTY in n.values() for n in data["nodes"])


def test_cytoscape_shape_is_pinned_by_a_golden_file() -> None:
    buf = io.StringIO()
    ix.write_cytoscape(small_graph(), buf)
    golden("cytoscape.json", buf.getvalue())
    data = json.loads(buf.getvalue())
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(small_graph())
    assert len({e["data"]["id"] for e in edges}) == len(edges) == 11
    assert all({"source", "target", "key", "type"} <= set(e["data"]) for e in edges)
    part_of = next(e["data"] for e in edges if e["data"]["type"] == "PART_OF")
    assert part_of["source"] == "body:lai-chau/ban-thuong-vu-tinh-uy" and part_of["prop_source"] == "lexicon"


def test_node_link_round_trip_from_the_store(sample_store, graph) -> None:
    text = export(sample_store, "json")
    back = ix.read_node_link(io.StringIO(text))
    assert plain(back) == plain(graph)
    assert "null" not in text


def test_cytoscape_from_the_store(sample_store, graph) -> None:
    data = json.loads(export(sample_store, "cytoscape-json"))
    assert len(data["elements"]["nodes"]) == graph.number_of_nodes()
    assert len(data["elements"]["edges"]) == graph.number_of_edges()
    back = nx.cytoscape_graph(data)
    assert back.number_of_edges() == graph.number_of_edges()


# --- Neo4j files ---------------------------------------------------------------------------------------------


def read_import(folder: Path) -> tuple[dict[str, dict], list[dict]]:
    nodes, rels = {}, []
    for path in sorted(folder.glob("nodes_*.csv")):
        with open(path, encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                assert row[":LABEL"] == path.stem.removeprefix("nodes_")
                assert row["id:ID"] not in nodes
                nodes[row["id:ID"]] = row
    for path in sorted(folder.glob("rels_*.csv")):
        with open(path, encoding="utf-8", newline="") as fp:
            for row in csv.DictReader(fp):
                assert row[":TYPE"] == path.stem.removeprefix("rels_")
                rels.append(row)
    return nodes, rels


def test_neo4j_import_ids_are_consistent(sample_store, graph, tmp_path) -> None:
    out = tmp_path / "imp"
    result = CliRunner().invoke(main, ["export", "neo4j-import", "--db", sample_store, "-o", str(out)])
    assert result.exit_code == 0, result.output
    nodes, rels = read_import(out)
    assert all(r[":START_ID"] in nodes and r[":END_ID"] in nodes for r in rels)
    assert set(nodes) == set(graph) and len(rels) == graph.number_of_edges()
    assert {(r[":START_ID"], r[":END_ID"], r["key:string"]) for r in rels} == {(u, v, k) for u, v, k in
                                                                              graph.edges(keys=True)}
    script = (out / "import.sh").read_text()
    assert "neo4j-admin database import full" in script and "--multiline-fields=true" in script
    assert all(f"--nodes=nodes_{label}.csv" in script for label in schema.NODE_LABELS)
    assert all(f"--relationships=rels_{t}.csv" in script for t in schema.EDGE_TYPES)
    assert script.rstrip().endswith(" neo4j") and os.access(out / "import.sh", os.X_OK)


def test_neo4j_import_headers_are_typed_and_values_lossless(tmp_path) -> None:
    g = small_graph()
    write_neo4j_import(g, tmp_path, database="chidao")
    with open(tmp_path / "nodes_Measure.csv", encoding="utf-8") as fp:
        header = next(csv.reader(fp))
    assert header[0] == "id:ID" and header[-1] == ":LABEL" and "ordinal:long" in header
    with open(tmp_path / "nodes_Document.csv", encoding="utf-8") as fp:
        assert "is_stub:boolean" in next(csv.reader(fp))
    with open(tmp_path / "rels_ASSIGNS.csv", encoding="utf-8") as fp:
        header = next(csv.reader(fp))
    assert header[:3] == [":START_ID", ":END_ID", "key:string"] and header[-1] == ":TYPE"
    nodes, rels = read_import(tmp_path)
    doc = nodes["doc:lai-chau/629-cv-tu/2021"]
    assert doc["subject:string"] == NASTY and doc["is_stub:boolean"] == "false" and doc["warnings:string"] == ""
    for row in nodes.values():  # every column typed from schema.py
        label = row[":LABEL"]
        for column in row:
            if ":" in column and not column.startswith((":", "id:")):
                name, typ = column.split(":")
                assert IMPORT_TYPES[schema.NODE_PROPERTIES[label][name]] == typ
    assert "CREATE DATABASE chidao" in (tmp_path / "import.sh").read_text()


def test_neo4j_import_writes_every_file_even_for_an_empty_graph(tmp_path) -> None:
    files = write_neo4j_import(nx.MultiDiGraph(), tmp_path)
    assert len(files) == len(schema.NODE_LABELS) + len(schema.EDGE_TYPES) + 1
    nodes, rels = read_import(tmp_path)
    assert nodes == {} and rels == []


BAD_DATABASE_NAMES = [
    "neo4j\nrm -rf ~",  # a newline would end the comment in import.sh and run the rest
    "neo4j\r# x", "x'; touch /tmp/pwned; '", '"$(id)"', "`id`", "a b c", "db\x1b[31m", "ab", "x" * 64,
    "-neo4j", "neo4j-", "neo4j.", "_internal", "system", "System2", "chỉ-thị", "",
]


@pytest.mark.parametrize("name", BAD_DATABASE_NAMES)
def test_neo4j_import_refuses_a_database_name_that_could_break_the_script(sample_store, tmp_path, name) -> None:
    out = tmp_path / "imp"
    result = CliRunner().invoke(main, ["export", "neo4j-import", "--db", sample_store, "-o", str(out),
                                       "--database", name])
    assert result.exit_code == 2 and not out.exists()
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "not a Neo4j database name" in errors[0]
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 4  # usage, hint, blank, the error
    with pytest.raises(ValueError, match="not a Neo4j database name"):
        write_neo4j_import(nx.MultiDiGraph(), tmp_path / "lib", database=name)
    assert not (tmp_path / "lib").exists()


@pytest.mark.parametrize("name", ["neo4j", "chidao", "lai-chau.2021", "Db9"])
def test_neo4j_import_database_names_neo4j_accepts(tmp_path, name) -> None:
    write_neo4j_import(nx.MultiDiGraph(), tmp_path, database=name)
    lines = (tmp_path / "import.sh").read_text().splitlines()
    assert all(line.startswith("#") for line in lines[:7]) and lines[7:9] == ["set -e", 'cd "$(dirname "$0")"']
    assert len(lines) == 10 and shlex.split(lines[9])[-1] == name
    assert (f"CREATE DATABASE `{name}`" if "-" in name else f"CREATE DATABASE {name})") in "\n".join(lines)


@given(st.text())
def test_an_accepted_database_name_has_nothing_a_shell_reads(name) -> None:
    from chidao.graph.export.neo4j_files import check_database_name

    try:
        check_database_name(name)
    except ValueError:
        return
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") and 3 <= len(name) <= 63


def test_cypher_script_from_the_store(sample_store, graph) -> None:
    lines = export(sample_store, "cypher").splitlines()
    assert sum(line.startswith("MERGE (n:") for line in lines) == graph.number_of_nodes()
    assert sum(line.startswith("MATCH (a:") for line in lines) == graph.number_of_edges()
    constraints = [i for i, line in enumerate(lines) if line.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == len(schema.NODE_LABELS) and max(constraints) < lines.index(":begin")
    assert lines.count(":begin") == lines.count(":commit") >= 1
    assert all(line.endswith(";") for line in lines if line.startswith(("MERGE", "MATCH", "CREATE")))


def test_cypher_script_transactions_are_chunked() -> None:
    buf = io.StringIO()
    assert write_cypher_script(many_bodies(25), buf, transaction_size=10) == 25 + 24
    lines = buf.getvalue().splitlines()
    assert lines.count(":begin") == lines.count(":commit") == 5
    blocks, current = [], 0
    for line in lines:
        if line == ":begin":
            current = 0
        elif line == ":commit":
            blocks.append(current)
        elif line.startswith(("MERGE", "MATCH")):
            current += 1
    assert blocks == [10, 10, 10, 10, 9]


@pytest.mark.parametrize(("value", "literal"), [
    ("it's", "'it\\'s'"), ('say "x"', "'say \"x\"'"), ("a\\b", "'a\\\\b'"), ("l1\nl2\r\t", "'l1\\nl2\\r\\t'"),
    ("Ủy ban", "'Ủy ban'"), ("\x00\x1f\u2028", "'\\u0000\\u001f\\u2028'"), ("", "''"),
    (None, "null"), (True, "true"), (False, "false"), (42, "42"), (1.5, "1.5"),
])
def test_cypher_literals_are_escaped(value, literal) -> None:
    from chidao.graph.stores.neo4j_cypher import literal as cypher_literal

    assert cypher_literal(value) == literal


def test_cypher_literal_round_trips_through_a_reference_unescaper() -> None:
    """Decode every generated literal with the Cypher string grammar (quote, backslash escapes): the
    text comes back exactly and no unescaped quote ends the literal early."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from chidao.graph.stores.neo4j_cypher import string_literal

    escapes = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    token = re.compile(r"\\u([0-9a-f]{4})|\\(.)|([^'\\])", re.S)

    def unescape(lit: str) -> str:
        assert lit[0] == lit[-1] == "'"
        body, out, pos = lit[1:-1], [], 0
        while pos < len(body):
            m = token.match(body, pos)
            assert m, (lit, pos)
            out.append(chr(int(m[1], 16)) if m[1] else escapes[m[2]] if m[2] else m[3])
            pos = m.end()
        return "".join(out)

    @settings(max_examples=300, deadline=None)
    @given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",))))
    def check(text: str) -> None:
        assert unescape(string_literal(text)) == text

    check()
    assert unescape(string_literal(NASTY)) == NASTY


def test_focus_narrows_exports(sample_store) -> None:
    data = json.loads(export(sample_store, "json", "--document", "629-CV/TU", "--depth", "1"))
    ids = {n["id"] for n in data["nodes"]}
    assert "doc:lai-chau/629-cv-tu/2021" in ids
    assert "doc:dong-nai/1747-cv-tu/2021" not in ids
    bad = CliRunner().invoke(main, ["export", "json", "--db", sample_store, "--document", "999-XX/YY"])
    assert bad.exit_code == 1 and "no document matches" in bad.stderr


@pytest.mark.parametrize("ref", ["Ban Tuyên giáo Tỉnh ủy Lai Châu", "ban tuyen giao tinh uy lai chau",
                                 "body:lai-chau/ban-tuyen-giao-tinh-uy"])
def test_body_focus_takes_a_name_with_its_province_and_no_accents(sample_store, ref) -> None:
    data = json.loads(export(sample_store, "json", "--body", ref, "--depth", "1"))
    ids = {n["id"] for n in data["nodes"]}
    assert "body:lai-chau/ban-tuyen-giao-tinh-uy" in ids
    assert "body:dong-nai/ban-tuyen-giao-tinh-uy" not in ids


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "cytoscape-json", "json", "turtle", "jsonld", "ntriples",
                                 "cypher"])
def test_every_format_takes_the_shared_options(fmt: str, monkeypatch, tmp_path) -> None:
    """-o FILE, -o -, --db and the focus options, with load_graph patched (no store needed)."""
    import importlib

    seen = {}

    def fake_load_graph(db, document=None, body=None, query_name=None, params=(), depth=1):
        seen.update(db=db, document=document, body=body, query=query_name, params=params, depth=depth)
        return small_graph()

    module = {"turtle": "export_rdf", "jsonld": "export_rdf", "ntriples": "export_rdf",
              "cypher": "export_neo4j"}.get(fmt, "export_interchange")
    monkeypatch.setattr(importlib.import_module(f"chidao.commands.{module}"), "load_graph", fake_load_graph)
    args = ["export", fmt, "--db", "x.lbug", "--body", "Tỉnh ủy", "--query", "who-assigned", "--param", "body=X",
            "--depth", "2"]
    to_stdout = CliRunner().invoke(main, args)
    assert to_stdout.exit_code == 0, to_stdout.output
    assert seen == {"db": "x.lbug", "document": None, "body": "Tỉnh ủy", "query": "who-assigned",
                    "params": ("body=X",), "depth": 2}
    out = tmp_path / f"out.{fmt}"
    to_file = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert to_file.exit_code == 0 and out.read_bytes() == to_stdout.stdout_bytes and to_file.stdout == ""
