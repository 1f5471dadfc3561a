"""Whole-store exports streamed from the store (store_stream, rdf_stream's JSON-LD) give what the
networkx path gives: the same triples (JSON-LD, compared as graphs), the same rows (neo4j-import
CSVs, order-insensitive), the same statements (Cypher script), the same nodes and edges read back
(GraphML, edge ids included). On the samples, a generated bench corpus (25 documents by default,
``CHIDAO_EXPORT_STREAM_DOCS=300`` the long form), a factory graph with nasty text, and
hypothesis-generated text.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pytest

pytest.importorskip("rdflib", reason="the rdf extra is not installed")

from click.testing import CliRunner  # noqa: E402
from export_factories import NASTY, add_edge, add_node, small_graph  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from rdflib import Graph  # noqa: E402
from rdflib.compare import isomorphic  # noqa: E402

from chidao.cli import main  # noqa: E402
from chidao.graph import schema  # noqa: E402
from chidao.graph.export import interchange as ix  # noqa: E402
from chidao.graph.export import store_stream  # noqa: E402
from chidao.graph.export.neo4j_files import write_cypher_script, write_neo4j_import  # noqa: E402
from chidao.graph.export.rdf import to_rdf  # noqa: E402
from chidao.graph.export.rdf_stream import export_graph, export_store  # noqa: E402
from chidao.graph.load import graph_from_store  # noqa: E402
from chidao.graph.stores import open_store  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "bench"
BENCH_DOCS = int(os.environ.get("CHIDAO_EXPORT_STREAM_DOCS", "25"))


# --- comparisons, one per format -------------------------------------------------------------------


def same_jsonld(store, graph: nx.MultiDiGraph, page: int, base: str = "https://chidao.example/id/") -> None:
    buf = io.BytesIO()
    count = export_store(store, buf, "json-ld", base, page=page)
    got, expected = Graph().parse(data=buf.getvalue(), format="json-ld"), to_rdf(graph, base)
    missing, extra = set(expected) - set(got), set(got) - set(expected)
    assert not missing and not extra, (sorted(missing)[:5], sorted(extra)[:5])
    assert count == len(expected)
    if len(expected) < 5000:  # no blank nodes: equal sets are isomorphic graphs; rdflib's check is slow
        assert isomorphic(expected, got)


def same_neo4j_import(store, graph: nx.MultiDiGraph, page: int, tmp: Path) -> None:
    streamed = store_stream.write_neo4j_import_store(store, tmp / "streamed", "chidao", page=page)
    reference = write_neo4j_import(graph, tmp / "networkx", "chidao")
    assert [p.name for p in streamed] == [p.name for p in reference]
    for got, expected in zip(streamed, reference, strict=True):
        got_lines, expected_lines = got.read_bytes().split(b"\n"), expected.read_bytes().split(b"\n")
        if got.suffix == ".sh":
            assert got_lines == expected_lines
        else:  # the same header, the same rows (neo4j-admin reads rows in any order)
            assert got_lines[0] == expected_lines[0], got.name
            assert sorted(got_lines[1:]) == sorted(expected_lines[1:]), got.name


def _statements(script: str) -> tuple[list[str], list[str], list[str]]:
    lines = script.splitlines()
    head = [line for line in lines if line.startswith(("//", "CREATE CONSTRAINT"))]
    merges = [line for line in lines if line.startswith(("MERGE", "MATCH"))]
    rest = [line for line in lines if line not in head and line not in merges]
    return head, merges, rest


def same_cypher(store, graph: nx.MultiDiGraph, page: int, size: int) -> None:
    got, expected = io.StringIO(), io.StringIO()
    count = store_stream.write_cypher_script_store(store, got, transaction_size=size, page=page)
    assert count == write_cypher_script(graph, expected, transaction_size=size)
    got_head, got_merges, got_rest = _statements(got.getvalue())
    head, merges, rest = _statements(expected.getvalue())
    assert got_head == head  # the counts in the header, the constraints first
    assert sorted(got_merges) == sorted(merges)
    assert got_rest == rest  # the same number of :begin/:commit pairs
    nodes_first = [m.startswith("MERGE") for m in got_merges]
    assert nodes_first == sorted(nodes_first, reverse=True)  # every node before any edge
    blocks = got.getvalue().split(":begin\n")[1:]
    assert all(b.endswith(":commit\n") and 1 <= b.count("\n") - 1 <= size for b in blocks)


def _plain(graph: nx.MultiDiGraph) -> tuple[list, list]:
    nodes = sorted((n, sorted(d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


def same_graphml(store, graph: nx.MultiDiGraph, page: int) -> None:
    got, expected = io.BytesIO(), io.BytesIO()
    counts = store_stream.write_graphml_store(store, got, page=page)
    ix.write_graphml(graph, expected)
    assert counts == (graph.number_of_nodes(), graph.number_of_edges())
    raw = [nx.read_graphml(io.BytesIO(b.getvalue()), force_multigraph=True) for b in (got, expected)]
    assert _plain(raw[0]) == _plain(raw[1])  # as Gephi, yEd or networkx see it: display labels, edge ids
    assert _plain(ix.read_graphml(io.BytesIO(got.getvalue()))) == _plain(ix.read_graphml(io.BytesIO(expected.getvalue())))


def same_everything(store, tmp: Path, page: int, size: int = 1000) -> None:
    graph = graph_from_store(store)
    same_jsonld(store, graph, page)
    same_neo4j_import(store, graph, page, tmp)
    same_cypher(store, graph, page, size)
    same_graphml(store, graph, page)


# --- stores --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [20_000, 3])  # one page per label, and many
def test_sample_store_streams_what_networkx_writes(sample_store, page, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store_stream, "SORT_RUN", 7)  # GraphML's edge sort through many runs on disk,
    monkeypatch.setattr(store_stream, "FAN_IN", 3)  # merged in rounds
    monkeypatch.setattr(store_stream, "CHUNK", 2)
    with open_store(sample_store, read_only=True) as store:
        same_everything(store, tmp_path, page, size=7)


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory):
    sys.path.insert(0, str(BENCH))
    import corpus
    from chidao.ingest import ingest

    root = tmp_path_factory.mktemp("exportbench")
    corpus.generate(BENCH_DOCS, root / "corpus", seed=43)
    db = root / "bench.lbug"
    assert ingest([root / "corpus"], db, jobs=2).added == BENCH_DOCS
    return db


def test_bench_corpus_streams_what_networkx_writes(bench_store, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store_stream, "SORT_RUN", 500)
    with open_store(bench_store, read_only=True) as store:
        same_everything(store, tmp_path, page=97)


_text = st.text("ab\u1ee7\n", max_size=3)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_text, _text, _text, _text, _text), max_size=40), st.integers(1, 9), st.integers(2, 4))
def test_the_on_disk_sort_sorts(edges, run, fan_in) -> None:
    saved = store_stream.SORT_RUN, store_stream.FAN_IN, store_stream.CHUNK
    store_stream.SORT_RUN, store_stream.FAN_IN, store_stream.CHUNK = run, fan_in, 2
    try:
        with tempfile.TemporaryDirectory() as folder:
            assert list(store_stream._sorted_runs(iter(edges), Path(folder))) == sorted(edges)
    finally:
        store_stream.SORT_RUN, store_stream.FAN_IN, store_stream.CHUNK = saved


def _store_of(graph: nx.MultiDiGraph, path: Path):
    with open_store(path) as store:
        store.write_graph(graph)
    return open_store(path, read_only=True)


def test_nasty_text_and_every_edge_type_stream_as_networkx_writes(tmp_path) -> None:
    g = small_graph()
    doc = "doc:lai-chau/629-cv-tu/2021"
    add_node(g, schema.MEASURE, schema.measure_id(doc, 2), document=doc, ordinal=2, text=NASTY)  # display "629 #2"
    add_node(g, schema.MEASURE, "measure:x/orphan#3", document="doc:x/none", ordinal=None)  # its document absent
    add_node(g, schema.BODY, "body:x/empty", name="", key="")  # empty strings
    with _store_of(g, tmp_path / "s.lbug") as store:
        same_everything(store, tmp_path, page=1, size=2)
        back = io.BytesIO()
        store_stream.write_graphml_store(store, back)
    labels = dict(nx.read_graphml(io.BytesIO(back.getvalue()), force_multigraph=True).nodes(data="label"))
    assert labels[schema.measure_id(doc, 2)] == "629-CV/TU #2"
    assert labels["measure:x/orphan#3"] == "measure:x/orphan#3"


def test_an_empty_store_writes_every_file(tmp_path) -> None:
    with _store_of(nx.MultiDiGraph(), tmp_path / "empty.lbug") as store:
        same_everything(store, tmp_path, page=5)
        files = store_stream.write_neo4j_import_store(store, tmp_path / "csv")
    assert len(files) == len(schema.NODE_LABELS) + len(schema.EDGE_TYPES) + 1


# --- JSON-LD written without rdflib ----------------------------------------------------------------


def test_graph_jsonld_writer_gives_the_triples_of_to_rdf() -> None:
    graph = small_graph()
    buf = io.BytesIO()
    count = export_graph(graph, buf, "json-ld")
    got = Graph().parse(data=buf.getvalue(), format="json-ld")
    assert set(got) == set(to_rdf(graph)) and count == len(got)
    assert NASTY in {str(o) for o in got.objects()}


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_any_text_survives_the_jsonld_writer(text) -> None:
    g = nx.MultiDiGraph()
    add_node(g, schema.DOCUMENT, "doc:x/1", subject=text, number=text, type=text, date=text)
    add_node(g, schema.BODY, f"body:x/{text}", name=text, key=text)
    add_edge(g, f"body:x/{text}", "doc:x/1", schema.ISSUES, "", document="doc:x/1", quote=text)
    buf = io.BytesIO()
    count = export_graph(g, buf, "json-ld")
    expected = to_rdf(g)
    got = Graph().parse(data=buf.getvalue(), format="json-ld")
    assert set(got) == set(expected) and count == len(expected)


# --- the CLI ---------------------------------------------------------------------------------------


WHOLE = [["jsonld"], ["ntriples"], ["turtle"], ["cypher"], ["graphml"], ["neo4j-import", "-o", "{tmp}/csv"]]


@pytest.mark.parametrize("args", WHOLE, ids=lambda a: a[0])
def test_cli_streams_the_whole_store_and_focuses_through_networkx(args, sample_store, tmp_path, monkeypatch) -> None:
    import chidao.commands.export as export_module

    calls = []
    original = export_module.load_graph
    spy = lambda *a, **k: calls.append(a) or original(*a, **k)  # noqa: E731
    for module in ("export", "export_rdf", "export_neo4j", "export_interchange"):
        monkeypatch.setattr(f"chidao.commands.{module}.load_graph", spy)
    args = [a.format(tmp=tmp_path) for a in args]
    whole = CliRunner().invoke(main, ["export", *args, "--db", sample_store])
    assert whole.exit_code == 0, whole.output
    assert not calls  # no whole networkx graph was built
    if args[0] != "neo4j-import":
        with open_store(sample_store, read_only=True) as store:
            assert _content(args[0], whole.output.encode()) == _content(args[0], _streamed(store, args[0]))
    focused = CliRunner().invoke(main, ["export", *args, "--db", sample_store, "--document", "629-CV/TU"])
    assert focused.exit_code == 0, focused.output
    assert len(calls) == 1
    missing = CliRunner().invoke(main, ["export", *args, "--db", str(tmp_path / "none.lbug")])
    assert missing.exit_code == 1 and "no store here" in missing.output


def _content(command: str, data: bytes) -> object:
    """What two runs must share: the engine may return a page's rows in another order."""
    if command == "graphml":
        return _plain(nx.read_graphml(io.BytesIO(data), force_multigraph=True))
    if command in ("jsonld", "turtle"):
        return set(Graph().parse(data=data, format={"jsonld": "json-ld"}.get(command, command)))
    return sorted(data.splitlines())


def _streamed(store, command: str) -> bytes:
    if command == "cypher":
        text = io.StringIO()
        store_stream.write_cypher_script_store(store, text)
        return text.getvalue().encode()
    buf = io.BytesIO()
    if command == "graphml":
        store_stream.write_graphml_store(store, buf)
    else:
        export_store(store, buf, {"jsonld": "json-ld", "ntriples": "nt", "turtle": "turtle"}[command])
    return buf.getvalue()


def _literal_by_character(text: str) -> str:
    """The per-character escaping ``string_literal`` had before it used ``str.translate``."""
    from chidao.graph.stores.neo4j_cypher import _ESCAPES

    out = [_ESCAPES[ch] if ch in _ESCAPES else f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or ch in "\x7f\u2028\u2029"
           else ch for ch in text]
    return "'" + "".join(out) + "'"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))) | st.text("\\'\"\n\r\t\b\f\x00\x1f\x7f\u2028\u2029aủ"))
def test_cypher_string_literals_are_escaped_as_before(text) -> None:
    from chidao.graph.stores.neo4j_cypher import string_literal

    assert string_literal(text) == _literal_by_character(text)
