"""The stored queries as rewritten for speed give exactly the rows of their first form.

``BEFORE`` holds each query's Cypher as it was before the speed work (issue 15, item 4): both
dialects, copied verbatim, but for the chain's ``ORDER BY``, which now names all ten columns in
both forms: on its first five alone, rows that tie (one body reporting to one body twice under one
document, with two cadences: a real text of 2026-12-06 has it) came in whatever order the engine
made, and the two forms could not be compared row for row. Every query runs in both forms — on the four samples, on the real
directives of tests/data/real, and on a generated bench corpus (80 documents;
``CHIDAO_QUERY_BENCH_DOCS=300`` for the long form) — for the busiest, the median and an
unconnected node of each kind, in full and for its first 3 and 100 rows (the paged first rows
of :class:`chidao.queries.Pager` included), and the rows must be equal, in order.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import pytest

import chidao.queries as queries
from chidao.graph.stores import open_store
from chidao.ingest import ingest
from chidao.queries import get_query, list_queries, run_query

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
BENCH_DOCS = int(os.environ.get("CHIDAO_QUERY_BENCH_DOCS", "80"))
"""Documents of the generated corpus (80: about 10 s; enough for pages of 100 rows to be cut)."""

BEFORE: dict[str, tuple[str, str | None]] = {
    'accountability-chain': (
        """UNWIND $ids AS start MATCH (s {id: start})
OPTIONAL MATCH p = (s)-[:ACCOUNTABLE_TO|REPORTS_TO|PART_OF*1..6]->(x)
WITH s, x, length(p) AS hop
UNWIND [{id: s.id, hop: 0}, {id: x.id, hop: hop}] AS reached
WITH reached.id AS id, min(reached.hop) AS hop
WHERE id IS NOT NULL
MATCH (a)-[r:ACCOUNTABLE_TO|REPORTS_TO|PART_OF]->(b) WHERE a.id = id
OPTIONAL MATCH (d:Document {id: r.document})
RETURN DISTINCT hop + 1 AS step, a.name AS from, type(r) AS link, b.name AS to, r.cadence AS cadence,
       coalesce(d.number, d.id) AS document, d.date AS date, r.quote AS quote, a.id AS from_id, b.id AS to_id
ORDER BY step, from, link, to, document, date, from_id, to_id, cadence, quote
""",
        """UNWIND $ids AS start MATCH (s:Body:Post {id: start})
OPTIONAL MATCH p = (s)-[:ACCOUNTABLE_TO|REPORTS_TO|PART_OF* SHORTEST 1..6]->(x)
WITH s, x, length(p) AS hop
UNWIND [{id: s.id, hop: 0}, {id: x.id, hop: hop}] AS reached
WITH reached.id AS id, min(reached.hop) AS hop
WHERE id IS NOT NULL
MATCH (a:Body:Post)-[r:ACCOUNTABLE_TO|REPORTS_TO|PART_OF]->(b) WHERE a.id = id
OPTIONAL MATCH (d:Document {id: r.document})
RETURN DISTINCT hop + 1 AS step, a.name AS from, label(r) AS link, b.name AS to, r.cadence AS cadence,
       coalesce(d.number, d.id) AS document, d.date AS date, r.quote AS quote, a.id AS from_id, b.id AS to_id
ORDER BY step, from, link, to, document, date, from_id, to_id, cadence, quote
"""),
    'responsibilities': (
        """MATCH (a)-[rf:RESPONSIBLE_FOR]->(m:Measure)<-[:CONTAINS]-(d:Document)
WHERE a.id IN $ids
OPTIONAL MATCH (a)-[acc:ACCOUNTABLE_TO]->(t) WHERE acc.document = d.id
OPTIONAL MATCH (a)-[rep:REPORTS_TO]->(u) WHERE rep.document = d.id
RETURN a.name AS body, rf.role AS role, coalesce(d.number, d.id) AS document, d.date AS date, m.item AS item,
       left(m.text, 160) AS measure, m.deadline AS deadline, collect(DISTINCT t.name) AS answers_to,
       collect(DISTINCT CASE WHEN u IS NULL THEN NULL WHEN rep.cadence IS NULL THEN u.name
                             ELSE u.name + ' (' + rep.cadence + ')' END) AS reports_to, rf.quote AS quote,
       m.id AS measure_id, a.id AS body_id
ORDER BY date, document, size(measure_id), measure_id, role
""",
        None),
    'implementation-tree': (
        """MATCH (root:Document) WHERE root.id IN $ids
MATCH p = (d:Document)-[:CITES*1..3]->(root)
OPTIONAL MATCH (d)-[a:ASSIGNS]->(b)
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
RETURN root.id AS root, length(p) AS level, d.id AS document_id, coalesce(d.number, d.id) AS document,
       d.date AS date, collect(DISTINCT i.name) AS issued_by, a.role AS role, b.name AS assigned, a.item AS item,
       a.measure AS measure_id
ORDER BY level, date, document_id, size(measure_id), measure_id, assigned
""",
        None),
    'who-assigned': (
        """MATCH (d:Document)-[a:ASSIGNS]->(b) WHERE b.id IN $ids
OPTIONAL MATCH (i)-[:ISSUES]->(d)
RETURN b.name AS body, collect(DISTINCT i.name) AS issuers, coalesce(d.number, d.id) AS document, d.date AS date,
       a.role AS role, a.item AS item, a.quote AS quote, b.id AS body_id, a.measure AS measure_id
ORDER BY date, document, size(measure_id), measure_id, role
""",
        None),
    'unaccountable': (
        """MATCH (a)-[:RESPONSIBLE_FOR]->(m:Measure)
WHERE NOT EXISTS { MATCH (a)-[:ACCOUNTABLE_TO|REPORTS_TO]->() }
RETURN a.id AS id, a.name AS name, a.jurisdiction AS jurisdiction, count(DISTINCT m) AS measures
ORDER BY measures DESC, id
""",
        None),
    'signer-reach': (
        """MATCH (p:Person)-[s:SIGNS]->(d:Document) WHERE p.id IN $ids
OPTIONAL MATCH (d)-[:ASSIGNS|ADDRESSED_TO]->(b)
RETURN p.name AS person, s.capacity AS capacity, s.title AS title, coalesce(d.number, d.id) AS document, d.date AS date,
       count(DISTINCT b) AS bodies_reached, collect(DISTINCT b.name) AS bodies
ORDER BY date, document
""",
        None),
    'lead-conflicts': (
        """MATCH (d:Document)-[:CONTAINS]->(m:Measure)<-[r:RESPONSIBLE_FOR]-(a)
WITH d, m, sum(CASE WHEN r.role = 'lead' THEN 1 ELSE 0 END) AS leads, count(DISTINCT a) AS assignees,
     collect(DISTINCT a.name) AS bodies
WHERE assignees >= $min_assignees AND leads <> 1
RETURN coalesce(d.number, d.id) AS document, d.id AS document_id, m.item AS item, m.id AS measure_id, leads,
       assignees, bodies, left(m.text, 120) AS measure
ORDER BY document_id, size(measure_id), measure_id
""",
        None),
    'citations': (
        """MATCH (a:Document)-[c:CITES]->(d:Document)
RETURN d.id AS id, d.type AS type, d.number AS number, d.date AS date, d.is_stub AS stub,
       count(DISTINCT a) AS cited_by, collect(DISTINCT coalesce(a.number, a.id)) AS citing
ORDER BY cited_by DESC, id
""",
        None),
    'deadlines': (
        """MATCH (d:Document)-[:CONTAINS]->(m:Measure)
WHERE m.deadline IS NOT NULL AND m.deadline >= $from AND m.deadline <= $to
OPTIONAL MATCH (a)-[r:RESPONSIBLE_FOR]->(m)
RETURN m.deadline AS deadline, coalesce(d.number, d.id) AS document, m.item AS item,
       collect(DISTINCT a.name) AS responsible, left(m.text, 160) AS measure, m.id AS measure_id
ORDER BY deadline, document, size(measure_id), measure_id
""",
        None),
    'province-compare': (
        """MATCH (root:Document) WHERE root.id IN $ids
MATCH (d:Document)-[c:CITES]->(root)
OPTIONAL MATCH (i:Body)-[:ISSUES]->(d)
OPTIONAL MATCH (d)-[a:ASSIGNS]->(b)
RETURN DISTINCT coalesce(i.jurisdiction, d.scope) AS province, coalesce(d.number, d.id) AS document, d.date AS date,
       a.role AS role, b.name AS assigned, a.item AS item, a.quote AS quote, a.measure AS measure_id
ORDER BY province, date, document, size(measure_id), measure_id, assigned
""",
        None),
}

RANKED = {
    "actor": "MATCH (b)-[r:RESPONSIBLE_FOR]->() RETURN b.id AS id, count(r) AS n ORDER BY n DESC, id",
    "chain": "MATCH (p)-[r:ACCOUNTABLE_TO|REPORTS_TO]->() RETURN p.id AS id, count(r) AS n ORDER BY n DESC, id",
    "document": "MATCH (:Document)-[:CITES]->(d:Document) RETURN d.id AS id, count(*) AS n ORDER BY n DESC, id",
    "person": "MATCH (p:Person)-[s:SIGNS]->() RETURN p.id AS id, count(s) AS n ORDER BY n DESC, id",
}
"""Nodes ranked by their neighbourhood (as bench/run.py picks its targets)."""

LONELY = {
    "actor": "MATCH (b:Body) WHERE NOT EXISTS { MATCH (b)-[:RESPONSIBLE_FOR]->() } RETURN b.id AS id ORDER BY id",
    "document": "MATCH (d:Document) WHERE NOT EXISTS { MATCH ()-[:CITES]->(d) } RETURN d.id AS id ORDER BY id",
    "person": "MATCH (p:Person) RETURN p.id AS id ORDER BY id",
}
"""Nodes with little or nothing to find: the query must give no row, or the same few, in both forms."""


def picks(store, kind: str) -> list[str]:
    ranked = [r["id"] for r in store.query(RANKED[kind])]
    chosen = ranked[:1] + ranked[len(ranked) // 2:len(ranked) // 2 + 1]
    if kind in LONELY:
        chosen += [r["id"] for r in store.query(LONELY[kind])][:1]
    return list(dict.fromkeys(chosen))


def cases(store, query) -> list[dict[str, str]]:
    """Parameter sets for ``query`` on ``store``."""
    if query.name == "accountability-chain":
        return [{"body": i} for i in picks(store, "chain") + picks(store, "actor")[:2]]
    kinds = {p.name: p.kind for p in query.params if p.kind in RANKED}
    if kinds:
        ((name, kind),) = kinds.items()
        optional = [{}] if not any(p.required for p in query.params) else []
        return optional + [{name: i} for i in picks(store, kind)]
    if query.name == "lead-conflicts":
        return [{}, {"min_assignees": "2"}, {"min_assignees": "3"}, {"min_assignees": "99"}]
    if query.name == "deadlines":
        days = [r["d"] for r in store.query("MATCH (m:Measure) WHERE m.deadline IS NOT NULL "
                                            "RETURN DISTINCT m.deadline AS d ORDER BY d")]
        if not days:
            return [{}]
        middle = days[len(days) // 2]
        return [{}, {"from": middle}, {"to": middle}, {"from": days[0], "to": days[0]}, {"from": "2999-01-01"}]
    return [{}]


def before(name: str):
    cypher, ladybug = BEFORE[name]
    return dataclasses.replace(get_query(name), cypher=cypher, cypher_ladybug=ladybug, window=None, pager=None, stepwise=None,
                               focused=None)


def both_forms(store, name: str, params: dict[str, str], limit: int | None, monkeypatch) -> tuple[list, list]:
    """The rows now and in the first form; a query focused on one node is compared with that node's
    rows of the whole first form (``citations`` had no parameter)."""
    now = run_query(store, name, params, limit=limit)
    with monkeypatch.context() as m:
        m.setattr(queries, "get_query", before)
        if get_query(name).focused and params:
            ids = set(queries.find_ids(store, next(iter(params.values())), "document"))
            return now, [r for r in run_query(store, name) if r["id"] in ids][:limit]
        then = run_query(store, name, params, limit=limit)
    return now, then


def check_store(path: str, monkeypatch) -> int:
    compared = 0
    with open_store(path, read_only=True) as store:
        for query in list_queries():
            for params in cases(store, query):
                for limit in (None, 3, 100):
                    now, then = both_forms(store, query.name, params, limit, monkeypatch)
                    assert now == then, (query.name, params, limit)
                    compared += len(now)
    return compared


@pytest.fixture(scope="module")
def real_store(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("real") / "real.lbug"
    ingest(sorted(REAL.glob("*.txt")), path)
    return str(path)


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    folder = tmp_path_factory.mktemp("bench")
    corpus.generate(BENCH_DOCS, folder / "corpus", 7)
    path = folder / "bench.lbug"
    ingest([folder / "corpus"], path)
    return str(path)


def test_the_samples_give_the_same_rows(sample_store, monkeypatch) -> None:
    assert check_store(sample_store, monkeypatch) > 100


def test_the_real_directives_give_the_same_rows(real_store, monkeypatch) -> None:
    assert check_store(real_store, monkeypatch) > 500


def test_a_bench_corpus_gives_the_same_rows(bench_store, monkeypatch) -> None:
    assert check_store(bench_store, monkeypatch) > 2000


@pytest.mark.parametrize("name", ["lead-conflicts", "deadlines"])
def test_paged_first_rows_widen_until_a_page_is_full(bench_store, monkeypatch, name) -> None:
    """With one key in the first window the pager must widen (8 keys, 64, …) and still agree."""
    monkeypatch.setattr(queries, "FIRST_WINDOW", 1)
    with open_store(bench_store, read_only=True) as store:
        every = run_query(store, name)
        for limit in (1, 50, 500, len(every), len(every) + 5):
            assert run_query(store, name, limit=limit) == every[:limit], limit


def test_every_query_has_its_first_form() -> None:
    assert set(BEFORE) == {q.name for q in list_queries()}


@pytest.mark.parametrize("query", [q for q in list_queries() if q.window or q.pager], ids=lambda q: q.name)
def test_first_page_cypher_is_in_both_dialects(query) -> None:
    """Pages run unchanged on Neo4j: no LadybugDB-only function or multi-label pattern (``(a:Body:Post)``
    means either label in LadybugDB and both in Neo4j)."""
    page = query.window or query.pager
    for text in (page.keys, page.cypher):
        assert "label(" not in text and "SHORTEST" not in text and ":Body:Post" not in text
    assert ("$keys" if query.window else "$upto") in page.cypher


def test_a_chains_first_page_reads_only_the_steps_it_needs(bench_store) -> None:
    """The first page of a chain whose start has links of its own reads the links of the start alone
    (one look-up by key), and its rows are the whole answer's first ones."""
    plan = get_query("accountability-chain").stepwise
    with open_store(bench_store, read_only=True) as store:
        start = picks(store, "chain")[0]
        every = run_query(store, "accountability-chain", {"body": start})
        assert {r["step"] for r in every} >= {1, 2}
        asked: list[dict] = []
        query = store.query

        def counted(text, params=None):
            if text == plan.links:
                asked.append(params)
            return query(text, params)

        store.query = counted
        first = run_query(store, "accountability-chain", {"body": start}, limit=1)
        assert first == every[:1]
        assert asked == [{"id": start, "step": 1}]


def test_a_focused_query_over_several_nodes_merges_in_the_query_order(bench_store) -> None:
    """``citations`` about several documents (a number several documents share, with --all-matches)
    runs once per document; the rows come in the whole query's order, as its first form gave them."""
    with open_store(bench_store, read_only=True) as store:
        every = run_query(store, "citations")
        ids = [r["id"] for r in every]
        assert len(ids) >= 3
        chosen = [ids[2], ids[0], ids[-1]]  # out of order, and one of the least cited
        plan = get_query("citations").focused
        rows = queries._focused_rows(store, plan, {"ids": chosen}, None)
        assert [r["id"] for r in rows] == [i for i in ids if i in chosen]
        assert queries._focused_rows(store, plan, {"ids": chosen}, 2) == rows[:2]
