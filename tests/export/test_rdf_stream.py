"""N-Triples and Turtle streamed from the store (rdf_stream): the same triples as ``to_rdf``.

The comparison is of triple sets (the export has no blank nodes, so equal sets are isomorphic graphs)
and of counts: the stream writes every triple once, as an rdflib graph (a set) holds it. The bench
corpus is 25 generated documents by default; ``CHIDAO_RDF_STREAM_DOCS=300`` runs the long form.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

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
from chidao.graph.export.rdf import to_rdf  # noqa: E402
from chidao.graph.export.rdf_stream import export_graph, export_store  # noqa: E402
from chidao.graph.load import graph_from_store  # noqa: E402
from chidao.graph.stores import open_store  # noqa: E402

BENCH = Path(__file__).resolve().parents[2] / "bench"
BENCH_DOCS = int(os.environ.get("CHIDAO_RDF_STREAM_DOCS", "25"))
FORMATS = ("nt", "turtle")


def streamed(store, fmt: str, **kwargs) -> tuple[Graph, int]:
    buf = io.BytesIO()
    count = export_store(store, buf, fmt, **kwargs)
    return Graph().parse(data=buf.getvalue(), format=fmt), count


def assert_same(expected: Graph, got: Graph, count: int) -> None:
    missing, extra = set(expected) - set(got), set(got) - set(expected)
    assert not missing and not extra, (sorted(missing)[:5], sorted(extra)[:5])
    assert count == len(expected), "a triple was written twice"
    if len(expected) < 5000:  # no blank nodes: equal sets are isomorphic graphs; rdflib's check is slow
        assert isomorphic(expected, got)


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_store_gives_the_triples_of_to_rdf(sample_store, fmt) -> None:
    with open_store(sample_store, read_only=True) as store:
        expected = to_rdf(graph_from_store(store))
        for page in (20_000, 3):  # one page per label, and many (pages cut a node's edges nowhere)
            got, count = streamed(store, fmt, page=page)
            assert_same(expected, got, count)


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory):
    sys.path.insert(0, str(BENCH))
    import corpus
    from chidao.ingest import ingest

    root = tmp_path_factory.mktemp("rdfbench")
    corpus.generate(BENCH_DOCS, root / "corpus", seed=31)
    db = root / "bench.lbug"
    assert ingest([root / "corpus"], db, jobs=2).added == BENCH_DOCS
    return db


def test_bench_corpus_gives_the_triples_of_to_rdf(bench_store) -> None:
    base = "https://data.example.org/vn/"
    with open_store(bench_store, read_only=True) as store:
        expected = to_rdf(graph_from_store(store), base)
        for fmt in FORMATS:
            got, count = streamed(store, fmt, base=base, page=97)
            assert_same(expected, got, count)


def _store_of(graph, path: Path):
    with open_store(path) as store:
        store.write_graph(graph)
    return open_store(path, read_only=True)


def test_duplicate_direct_triples_and_contains_are_written_once(tmp_path) -> None:
    """Two ASSIGNS edges between one pair (two items) give one direct triple and two facts; a
    CONTAINS edge's isPartOf is the measure's own document triple."""
    g = small_graph()
    doc = "doc:lai-chau/629-cv-tu/2021"
    body = next(n for n, d in g.nodes(data=True) if d["label"] == schema.BODY)
    add_edge(g, doc, body, schema.ASSIGNS, "x", document=doc, quote="khác", span_start=1, span_end=2, role="lead",
             item="9")
    with _store_of(g, tmp_path / "s.lbug") as store:
        expected = to_rdf(graph_from_store(store))
        for fmt in FORMATS:
            got, count = streamed(store, fmt, page=1)
            assert_same(expected, got, count)


@pytest.mark.parametrize("fmt", FORMATS)
def test_graph_writer_gives_the_triples_of_to_rdf(fmt) -> None:
    graph = small_graph()
    buf = io.BytesIO()
    count = export_graph(graph, buf, fmt)
    got = Graph().parse(data=buf.getvalue(), format=fmt)
    assert_same(to_rdf(graph), got, count)
    assert NASTY in {str(o) for o in got.objects()}


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30))
def test_any_text_survives_both_writers(text) -> None:
    g = __import__("networkx").MultiDiGraph()
    add_node(g, schema.DOCUMENT, "doc:x/1", subject=text, number=text, type=text, date=text)
    add_node(g, schema.BODY, f"body:x/{text}", name=text, key=text)
    add_edge(g, f"body:x/{text}", "doc:x/1", schema.ISSUES, "", document="doc:x/1", quote=text)
    expected = to_rdf(g)
    for fmt in FORMATS:
        buf = io.BytesIO()
        count = export_graph(g, buf, fmt)
        assert_same(expected, Graph().parse(data=buf.getvalue(), format=fmt), count)


def test_cli_streams_the_whole_store_and_focuses_through_rdflib(sample_store, monkeypatch) -> None:
    import chidao.commands.export as export_module

    calls = []
    original = export_module.load_graph
    monkeypatch.setattr(export_module, "load_graph", lambda *a, **k: calls.append(a) or original(*a, **k))
    monkeypatch.setattr("chidao.commands.export_rdf.load_graph", export_module.load_graph)
    whole = CliRunner().invoke(main, ["export", "ntriples", "--db", sample_store])
    assert whole.exit_code == 0 and not calls  # no whole networkx graph was built
    focused = CliRunner().invoke(main, ["export", "turtle", "--db", sample_store, "--document", "629-CV/TU"])
    assert focused.exit_code == 0, focused.output
    assert len(calls) == 1
    missing = CliRunner().invoke(main, ["export", "turtle", "--db", str(Path(sample_store).with_name("none.lbug"))])
    assert missing.exit_code == 1 and "no store here" in missing.output
