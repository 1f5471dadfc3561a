"""The embedded store: same graph as networkx, idempotent ingest, replace, atomic batches."""

from __future__ import annotations

import shutil

import pytest

from chidao.errors import StoreError
from chidao.graph.build import build_graph, graph_stats
from chidao.graph.load import graph_from_store
from chidao.graph.stores import open_store
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


def test_same_content_new_path_replaces_not_duplicates(tmp_path, sample_paths) -> None:
    db = tmp_path / "s.lbug"
    ingest([sample_paths[0].parent], db)
    with open_store(db) as s:
        before = s.stats()
    copy = tmp_path / "copy" / "629.txt"
    copy.parent.mkdir()
    shutil.copy(sample_paths[1], copy)
    ingest([copy], db)
    with open_store(db) as s:
        after = s.stats()
    assert after["nodes"] == before["nodes"] and after["edges"] == before["edges"]
    assert after["files"] == before["files"] + 1


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


@pytest.mark.parametrize("step", ["delete", "nodes", "edges"])
def test_failed_batch_leaves_store_unchanged(tmp_path, sample_paths, sample_records, step) -> None:
    db = tmp_path / "s.lbug"
    ingest([sample_paths[0]], db)
    with open_store(db) as s:
        before = s.stats()
        with pytest.raises(StoreError, match="injected"):
            s.write(build_graph(sample_records[1:]), replace=[sample_records[0]["document"]["id"]],
                    sources=[("x", "y", "z")], fail_after=step)
        assert s.stats() == before


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


def test_fail_fast_writes_nothing(tmp_path, sample_paths) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    shutil.copy(sample_paths[1], folder / "b-good.txt")
    report = ingest([folder], tmp_path / "s.lbug", fail_fast=True)
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
