"""The embedded store: same graph as networkx, idempotent ingest, replace, atomic batches."""

from __future__ import annotations

import gc
import os
import shutil

import pytest

from chidao.errors import StoreError
from chidao.graph.build import build_graph, graph_stats
from chidao.graph.load import graph_from_store
from chidao.graph.stores import embedded, open_store
from chidao.ingest import ingest


def test_store_holds_the_networkx_graph(store, sample_records) -> None:
    g = build_graph(sample_records)
    stats = store.stats()
    assert stats["nodes"] == graph_stats(g)["nodes"]
    assert stats["edges"] == graph_stats(g)["edges"]
    loaded = graph_from_store(store)
    assert sorted(loaded.nodes) == sorted(g.nodes)
    assert loaded.number_of_edges() == g.number_of_edges()
    assert dict(loaded.nodes(data=True)) == dict(g.nodes(data=True))


def test_documents_counted_with_cited_ones(store) -> None:
    assert store.query("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 9}]


def test_ingesting_twice_changes_nothing(tmp_path, sample_paths) -> None:
    db = tmp_path / "s.lbug"
    first = ingest([sample_paths[0].parent], db)
    with open_store(db) as s:
        before = s.stats()
    again = ingest([sample_paths[0].parent], db)
    with open_store(db) as s:
        assert s.stats() == before
    assert (first.added, again.unchanged, again.added) == (4, 4, 0)


def test_same_content_new_path_is_skipped_and_recorded(tmp_path, sample_paths) -> None:
    db = tmp_path / "s.lbug"
    ingest([sample_paths[0].parent], db)
    with open_store(db) as s:
        before = s.stats()
    copy = tmp_path / "copy" / "629.txt"
    copy.parent.mkdir()
    shutil.copy(sample_paths[1], copy)
    report = ingest([copy], db)
    assert (report.seen, report.added, report.replaced, report.skipped) == (1, 0, 0, 1)
    with open_store(db) as s:
        after = s.stats()
        assert s.source(str(copy)) == {"sha256": _sha(copy), "document": "doc:lai-chau/629-cv-tu/2021"}
    assert after["nodes"] == before["nodes"] and after["edges"] == before["edges"]
    assert after["files"] == before["files"] + 1
    assert ingest([copy], db).skipped == 1  # and now it is simply unchanged


def test_same_content_twice_in_one_run_is_read_once(tmp_path, sample_paths) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(sample_paths[1], folder / name)
    report = ingest([folder], tmp_path / "s.lbug")
    assert (report.added, report.skipped) == (1, 1)
    with open_store(tmp_path / "s.lbug") as s:
        assert s.stats()["files"] == 2
        assert s.source(str(folder / "b.txt"))["document"] == "doc:lai-chau/629-cv-tu/2021"


def _sha(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_changed_file_replaces_only_its_facts(tmp_path, sample_paths) -> None:
    folder = tmp_path / "in"
    shutil.copytree(sample_paths[0].parent, folder)
    db = tmp_path / "s.lbug"
    ingest([folder], db)
    with open_store(db) as s:
        before = s.stats()
    target = folder / sample_paths[1].name
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("Ban Tuyên giáo Tỉnh ủy chỉ đạo", "Ban Tổ chức Tỉnh ủy chỉ đạo"), encoding="utf-8")
    report = ingest([folder], db)
    assert (report.replaced, report.unchanged) == (1, 3)
    with open_store(db) as s:
        rows = s.query("MATCH (d:Document {id: 'doc:lai-chau/629-cv-tu/2021'})-[a:ASSIGNS]->(b) WHERE a.item = '4' "
                       "RETURN b.id AS id")
        assert rows == [{"id": "body:lai-chau/ban-to-chuc-tinh-uy"}]
        assert s.query("MATCH (b:Body {id: 'body:dong-nai/ban-tuyen-giao-tinh-uy'}) RETURN count(b) AS n") == [{"n": 1}]
    target.write_text(original, encoding="utf-8")
    ingest([folder], db)
    with open_store(db) as s:
        assert s.stats() == before


@pytest.mark.parametrize("bulk", [False, True], ids=["unwind", "copy"])
@pytest.mark.parametrize("step", ["delete", "nodes", "edges"])
def test_failed_batch_leaves_store_unchanged(tmp_path, sample_paths, sample_records, step, bulk, monkeypatch) -> None:
    db = tmp_path / "s.lbug"
    ingest([sample_paths[0]], db)
    monkeypatch.setattr(embedded, "BULK_ROWS", 0 if bulk else 10**9)
    with open_store(db) as s:
        before = s.stats()
        everything = graph_from_store(s)
        with pytest.raises(StoreError, match="injected"):
            s.write_graph(build_graph(sample_records[1:]), replace=[sample_records[0]["document"]["id"]],
                          sources=[("x", "y", "z")], fail_after=step)
        assert s.stats() == before
        assert _same(graph_from_store(s), everything)
        assert s.source("x") is None


def test_error_inside_the_engine_rolls_back_too(tmp_path, sample_paths, sample_records, monkeypatch) -> None:
    db = tmp_path / "s.lbug"
    ingest([sample_paths[0]], db)
    with open_store(db) as s:
        before = graph_from_store(s)
        original = s._write_edges

        def broken(graph, tmp, bulk=True):
            original(graph, tmp, bulk)
            s._run("MATCH (n:Nope) RETURN n")  # the engine refuses: a real failure, mid-batch

        monkeypatch.setattr(s, "_write_edges", broken)
        with pytest.raises(StoreError, match="write failed"):
            s.write_graph(build_graph(sample_records[1:]))
        assert _same(graph_from_store(s), before)
        monkeypatch.undo()
        s.write_graph(build_graph(sample_records[1:]))  # the connection is usable afterwards
        assert s.stats()["nodes"]["Document"] == 9


def _same(a, b) -> bool:
    return (dict(a.nodes(data=True)) == dict(b.nodes(data=True))
            and sorted(a.edges(keys=True, data=True), key=str) == sorted(b.edges(keys=True, data=True), key=str))


def test_copy_and_unwind_paths_store_the_same_graph(tmp_path, sample_records, monkeypatch) -> None:
    graph = build_graph(sample_records)
    stored = []
    for rows in (0, 10**9):
        monkeypatch.setattr(embedded, "BULK_ROWS", rows)
        with open_store(tmp_path / f"{rows}.lbug") as s:
            s.write_graph(graph)
            stored.append(graph_from_store(s))
    assert _same(stored[0], stored[1])
    assert dict(stored[0].nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(stored[0].edges(keys=True)) == sorted(graph.edges(keys=True))


def test_write_graph_alone_is_idempotent(tmp_path, sample_records) -> None:
    graph = build_graph(sample_records)
    with open_store(tmp_path / "s.lbug") as s:
        first = s.write_graph(graph)
        again = s.write_graph(graph)  # the graph's own documents are replaced by themselves
        assert (first["nodes_added"], first["edges_added"]) == (graph.number_of_nodes(), graph.number_of_edges())
        assert again == {"nodes_added": 0, "edges_added": 0}


@pytest.mark.parametrize("sweep", [False, True], ids=["follow-edges", "sweep-tables"])
def test_replace_documents_forgets_what_the_new_version_lacks(tmp_path, sample_records, sweep, monkeypatch) -> None:
    monkeypatch.setattr(embedded, "SWEEP_DOCUMENTS", 0 if sweep else 10**9)
    with open_store(tmp_path / "s.lbug") as s:
        s.write_graph(build_graph(sample_records))
        doc = "doc:dong-nai/1747-cv-tu/2021"
        s.replace_documents([doc])  # no new version: the document goes, its stub citation with it
        assert s.query("MATCH (d:Document) WHERE d.id = $id RETURN d.id", {"id": doc}) == []
        rest = build_graph([r for r in sample_records if r["document"]["id"] != doc])
        assert s.stats()["nodes"] == graph_stats(rest)["nodes"]
        assert s.stats()["edges"] == graph_stats(rest)["edges"]
        s.replace_documents([doc], build_graph([r for r in sample_records if r["document"]["id"] == doc]))
        assert s.stats()["nodes"] == graph_stats(build_graph(sample_records))["nodes"]


@pytest.mark.parametrize("sweep", [False, True], ids=["follow-edges", "sweep-tables"])
def test_removed_document_cited_by_others_becomes_a_stub(tmp_path, sweep, monkeypatch) -> None:
    monkeypatch.setattr(embedded, "SWEEP_DOCUMENTS", 0 if sweep else 10**9)
    central = _record("doc:vn/16-ct-ttg/2020", number="16/CT-TTg")
    local = _record("doc:lai-chau/1-cv-tu/2021", number="1-CV/TU", cites="doc:vn/16-ct-ttg/2020")
    with open_store(tmp_path / "s.lbug") as s:
        s.write_graph(_graph(central, local))
        assert s.query("MATCH (d:Document {id: 'doc:vn/16-ct-ttg/2020'}) RETURN d.is_stub AS stub, d.subject AS s") == [
            {"stub": False, "s": "subject of doc:vn/16-ct-ttg/2020"}]
        s.remove_documents(["doc:vn/16-ct-ttg/2020"])
        assert s.query("MATCH (d:Document {id: 'doc:vn/16-ct-ttg/2020'}) RETURN d.is_stub AS stub, d.subject AS s") == [
            {"stub": True, "s": None}]
        s.remove_documents(["doc:lai-chau/1-cv-tu/2021"])  # the last citer goes: so does the stub, and the issuer
        assert s.stats()["node_count"] == 0 and s.stats()["edge_count"] == 0


def _record(doc_id: str, *, number: str, cites: str | None = None) -> dict:
    return {"id": doc_id, "number": number, "cites": cites}


def _graph(*docs: dict):
    """A tiny hand-built graph in the builder's shape: document, issuer, measure, assignment, citation."""
    import networkx as nx

    from chidao.graph import schema

    g = nx.MultiDiGraph()

    def node(node_id: str, **props) -> None:
        label = schema.label_of(node_id)
        g.add_node(node_id, label=label, **{p: props.get(p) for p in schema.NODE_PROPERTIES[label]} | {"id": node_id})

    def edge(u: str, v: str, edge_type: str, **props) -> None:
        key = schema.EdgeKey(u, v, edge_type, props.get("document") or "").key
        g.add_edge(u, v, key=key, type=edge_type, **{p: props.get(p) for p in schema.EDGE_PROPERTIES[edge_type]})

    for d in docs:
        scope = d["id"].split(":", 1)[1].split("/", 1)[0]
        issuer = f"body:{scope}/issuer"
        measure = schema.measure_id(d["id"], 1)
        node(d["id"], number=d["number"], is_stub=False, subject=f"subject of {d['id']}")
        node(issuer, name="Issuer", key="issuer", scope=scope, is_group=False)
        node(measure, document=d["id"], ordinal=1, text="Do it.")
        edge(issuer, d["id"], schema.ISSUES, document=d["id"])
        edge(d["id"], measure, schema.CONTAINS, document=d["id"])
        edge(d["id"], issuer, schema.ASSIGNS, document=d["id"], role="lead", quote="Issuer chủ trì")
        edge(issuer, measure, schema.RESPONSIBLE_FOR, document=d["id"], role="lead")
        if d["cites"] and d["cites"] not in g:
            node(d["cites"], is_stub=True)
        if d["cites"]:
            edge(d["id"], d["cites"], schema.CITES, document=d["id"], relation="implements")
    return g


def test_edges_must_hang_on_the_document_that_states_them(tmp_path) -> None:
    g = _graph(_record("doc:vn/1-ct-ttg/2020", number="1/CT-TTg"))
    u, v, k = next((u, v, k) for u, v, k, d in g.edges(keys=True, data=True) if d["type"] == "ASSIGNS")
    g.edges[u, v, k]["document"] = "doc:vn/other"
    with open_store(tmp_path / "s.lbug") as s:
        with pytest.raises(StoreError, match="ASSIGNS edge .* says it comes from doc:vn/other"):
            s.write_graph(g)
        assert s.stats()["node_count"] == 0


def test_text_is_stored_and_matched_in_nfc(tmp_path) -> None:
    import unicodedata

    g = _graph(_record("doc:vn/1-ct-ttg/2020", number="1/CT-TTg"))
    g.nodes["body:vn/issuer"]["name"] = unicodedata.normalize("NFD", "Ủy ban nhân dân")
    g.nodes["doc:vn/1-ct-ttg/2020"]["warnings"] = ""  # an empty string is stored as null
    with open_store(tmp_path / "s.lbug") as s:
        s.write_graph(g)
        nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân")
        assert s.query("MATCH (b:Body) WHERE b.name = $n RETURN b.id AS id", {"n": nfd}) == [{"id": "body:vn/issuer"}]
        assert s.query(f"MATCH (b:Body) WHERE b.name = '{nfd}' RETURN b.name AS n") == [{"n": "Ủy ban nhân dân"}]
        assert s.query("MATCH (d:Document) RETURN d.warnings AS w") == [{"w": None}]


def test_store_follows_the_protocols(tmp_path) -> None:
    from chidao.graph.stores import GraphStore, QueryRunner

    with open_store(tmp_path / "s.lbug") as s:
        assert isinstance(s, GraphStore) and isinstance(s, QueryRunner) and s.backend == "ladybug"


def test_second_writer_is_refused_while_readers_may_read(tmp_path, sample_paths) -> None:
    import subprocess
    import sys

    db = tmp_path / "s.lbug"
    ingest([sample_paths[1]], db)
    code = ("import sys; from chidao.graph.stores import open_store; from chidao.errors import StoreError\n"
            "try:\n    s = open_store(sys.argv[1], read_only=sys.argv[2] == 'r')\n"
            "except StoreError as e:\n    print('refused', e); sys.exit(3)\n"
            "print(s.query('MATCH (d:Document) RETURN count(d) AS n')[0]['n'])")
    with open_store(db) as writer:
        writer._run("BEGIN TRANSACTION")
        writer._run("MATCH (d:Document) DETACH DELETE d")  # uncommitted
        reader = subprocess.run([sys.executable, "-c", code, str(db), "r"], capture_output=True, text=True, timeout=60)
        other = subprocess.run([sys.executable, "-c", code, str(db), "w"], capture_output=True, text=True, timeout=60)
        writer._rollback()
    assert reader.stdout.split() == ["1"]  # committed state only
    assert other.returncode == 3 and "another process is writing to it" in other.stdout


def test_read_only_store_must_exist(tmp_path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "missing.lbug", read_only=True)


def test_bad_file_in_batch_is_reported_and_others_kept(tmp_path, sample_paths) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sample_paths[1], folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    report = ingest([folder], tmp_path / "s.lbug")
    assert report.added == 1
    assert sorted(report.failed) == [(str(folder / "binary.txt"), "binary content, not text"),
                                     (str(folder / "empty.txt"), "empty file")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_fail_fast_writes_nothing(tmp_path, sample_paths, jobs) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    for p in sample_paths:
        shutil.copy(p, folder / f"b-{p.name}")
    report = ingest([folder], tmp_path / "s.lbug", fail_fast=True, jobs=jobs)
    assert len(report.failed) == 1
    with open_store(tmp_path / "s.lbug") as s:
        assert s.stats()["node_count"] == 0


def test_parallel_extraction_gives_the_same_graph(tmp_path, sample_paths, store) -> None:
    db = tmp_path / "p.lbug"
    ingest([sample_paths[0].parent], db, jobs=2)
    with open_store(db) as s:
        assert s.stats()["nodes"] == store.stats()["nodes"]
        assert s.stats()["edges"] == store.stats()["edges"]


def test_small_batches_give_the_same_store(tmp_path, sample_paths, store) -> None:
    db = tmp_path / "b.lbug"
    ingest([sample_paths[0].parent], db, batch_files=1)  # one transaction per file
    with open_store(db) as s:
        assert s.stats()["nodes"] == store.stats()["nodes"]
        assert s.stats()["edges"] == store.stats()["edges"]


def test_changed_number_removes_the_old_document(tmp_path, sample_paths) -> None:
    folder = tmp_path / "in"
    shutil.copytree(sample_paths[0].parent, folder)
    db = tmp_path / "s.lbug"
    ingest([folder], db)
    with open_store(db) as s:
        before = s.stats()
    target = folder / sample_paths[1].name
    target.write_text(target.read_text(encoding="utf-8").replace("Số 629-CV/TU", "Số 630-CV/TU"), encoding="utf-8")
    ingest([folder], db)
    with open_store(db) as s:
        ids = [r["id"] for r in s.query("MATCH (d:Document) WHERE d.id STARTS WITH 'doc:lai-chau' RETURN d.id AS id")]
        assert ids == ["doc:lai-chau/630-cv-tu/2021"]
        after = s.stats()
    assert after["node_count"] == before["node_count"] and after["edge_count"] == before["edge_count"]


@pytest.mark.parametrize("central_first", [False, True])
def test_undated_citation_meets_the_dated_document_across_batches(tmp_path, central_first) -> None:
    central = _graph(_record("doc:vn/16-ct-ttg/2020", number="16/CT-TTg"))
    local = _graph(_record("doc:lai-chau/1-cv-tu/2021", number="1-CV/TU", cites="doc:vn/16-ct-ttg"))  # no year
    with open_store(tmp_path / "s.lbug") as s:
        for g in ([central, local] if central_first else [local, central]):
            s.write_graph(g)
        assert s.query("MATCH (a:Document)-[:CITES]->(d:Document) RETURN a.id AS a, d.id AS d, d.is_stub AS stub") == [
            {"a": "doc:lai-chau/1-cv-tu/2021", "d": "doc:vn/16-ct-ttg/2020", "stub": False}]
        assert s.stats()["nodes"]["Document"] == 2
        s.write_graph(local)  # re-ingesting the citing document keeps pointing at the dated one
        assert s.query("MATCH (:Document)-[:CITES]->(d:Document) RETURN d.id AS d") == [{"d": "doc:vn/16-ct-ttg/2020"}]
        assert s.stats()["nodes"]["Document"] == 2


def test_ingest_checkpoints_once_at_the_end(tmp_path, sample_paths, store, monkeypatch) -> None:
    """Batches commit without LadybugDB's automatic checkpoint (which rewrites the whole file each
    time); the run ends with one checkpoint, and what it wrote reads back whole."""
    calls = []
    original = embedded.EmbeddedStore.checkpoint
    monkeypatch.setattr(embedded.EmbeddedStore, "checkpoint", lambda self: (calls.append(1), original(self)))
    db = tmp_path / "bulk.lbug"
    report = ingest([str(p) for p in sample_paths], db, batch_files=1)
    assert report.added == 4 and calls == [1]
    with open_store(db, read_only=True) as reopened:
        assert reopened.stats() == store.stats()
        assert graph_stats(graph_from_store(reopened)) == graph_stats(graph_from_store(store))
    again = ingest([str(p) for p in sample_paths], db)
    assert again.skipped == 4 and calls == [1]  # nothing written, nothing to checkpoint


def test_parse_workers_yield_the_cpu_to_the_writer() -> None:
    """A worker's priority is ``WORKER_NICENESS`` below the writer's (the writer's is unchanged)."""
    from concurrent.futures import ProcessPoolExecutor

    from chidao import ingest as ingest_module

    mine = os.nice(0)
    with ProcessPoolExecutor(1, initializer=ingest_module._set_up_worker) as pool:
        worker = pool.submit(os.nice, 0).result()
        thresholds = pool.submit(gc.get_threshold).result()
    assert worker == min(19, mine + ingest_module.WORKER_NICENESS) and os.nice(0) == mine
    assert thresholds == ingest_module.GC_THRESHOLDS != gc.get_threshold()


def test_an_ingest_collects_less_often_and_gives_the_thresholds_back(tmp_path, sample_paths, monkeypatch) -> None:
    """While an ingest writes, the collector runs at ``GC_THRESHOLDS`` (a full collection at Python's
    default scanned every live object each 70,000 allocations); after it, at the caller's; each batch
    is collected once it is written (its graph is in reference cycles)."""
    from chidao import ingest as ingest_module
    from chidao.graph import build

    seen: list[tuple[int, ...]] = []
    collections: list[int] = []
    original = build.build_graph

    def build_graph(records):
        seen.append(gc.get_threshold())
        return original(records)

    monkeypatch.setattr(build, "build_graph", build_graph)
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(1) or 0)
    before = gc.get_threshold()
    ingest([str(p) for p in sample_paths], tmp_path / "g.lbug", batch_files=2)
    assert seen == [ingest_module.GC_THRESHOLDS] * 2 and len(collections) == 2
    assert gc.get_threshold() == before


def test_parallel_extraction_keeps_a_bounded_window(monkeypatch) -> None:
    """Records never pile up ahead of a slow writer: only a bounded window is parsed ahead of the one
    being consumed (``pool.map`` would submit everything at once)."""
    from concurrent.futures import Future

    from chidao import ingest as ingest_module

    submitted: list[str] = []

    class Pool:  # runs each chunk on submit, recording how far ahead of the reader it is asked to go
        def __init__(self, max_workers: int, initializer=None) -> None:
            assert initializer is ingest_module._set_up_worker

        def submit(self, fn, chunk):
            submitted.extend(chunk)
            future: Future = Future()
            future.set_result([(p, {"document": {"id": p}}, None) for p in chunk])
            return future

        def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
            pass

    monkeypatch.setattr(ingest_module, "ProcessPoolExecutor", Pool)
    paths = [f"f{i:04d}.txt" for i in range(1000)]
    seen = []
    for name, _, _ in ingest_module.extract_many(paths, jobs=2, in_flight=100):
        seen.append(name)
        # the window (in_flight, but at least two 64-file chunks per worker) plus the chunk being read
        assert len(submitted) - len(seen) <= max(100, 2 * 2 * 64) + 64
    assert seen == paths


def test_long_ingest_checkpoints_every_so_many_documents(tmp_path, sample_paths, store, monkeypatch) -> None:
    from chidao import ingest as ingest_module

    calls = []
    original = embedded.EmbeddedStore.checkpoint
    monkeypatch.setattr(embedded.EmbeddedStore, "checkpoint", lambda self: (calls.append(1), original(self)))
    monkeypatch.setattr(ingest_module, "CHECKPOINT_DOCUMENTS", 2)
    db = tmp_path / "long.lbug"
    ingest([str(p) for p in sample_paths], db, batch_files=1)
    assert len(calls) >= 2  # after two documents, after four, and at the end
    with open_store(db, read_only=True) as reopened:
        assert reopened.stats() == store.stats()


def test_capped_page_cache_ingests_the_same_store(tmp_path, sample_paths, store, monkeypatch) -> None:
    monkeypatch.setenv("CHIDAO_BUFFER_POOL_MB", "64")
    db = tmp_path / "capped.lbug"
    ingest([str(p) for p in sample_paths], db, batch_files=1)
    with open_store(db, read_only=True) as reopened:
        assert reopened.stats() == store.stats()


@pytest.mark.parametrize("value", ["lots", "12", "-5"])
def test_page_cache_cap_must_be_megabytes(tmp_path, monkeypatch, value) -> None:
    monkeypatch.setenv("CHIDAO_BUFFER_POOL_MB", value)
    with pytest.raises(StoreError, match="CHIDAO_BUFFER_POOL_MB"):
        open_store(tmp_path / "x.lbug")
