"""Records as an interchange: ``chidao extract --format jsonl`` in shards, then ``chidao ingest
--records`` — the same store as ingesting the files, idempotent, journalled, bad lines reported."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.graph import schema
from chidao.graph.stores import open_store
from chidao.graph.stores.journal import Journal
from chidao.ingest import ingest, ingest_records
from chidao.records import parse_line, record_error, record_schema

BENCH = Path(__file__).resolve().parents[2] / "bench"
DOCS = 24


def digest(db: Path) -> tuple[str, dict]:
    """Every node and edge with its properties and the source-file rows (without their time), and the
    counts by label: two stores with the same digest hold the same graph."""
    h = hashlib.sha256()
    with open_store(db, read_only=True) as store:
        for label in schema.NODE_LABELS:
            for row in store.query(f"MATCH (n:{label}) RETURN n ORDER BY n.id"):
                h.update(repr(sorted((k, v) for k, v in row["n"].items() if not k.startswith("_"))).encode())
        for edge_type in schema.EDGE_TYPES:
            rows = store.query(f"MATCH (a)-[r:{edge_type}]->(b) RETURN a.id AS x, b.id AS y, r")
            h.update("\n".join(sorted(repr((r["x"], r["y"], sorted((k, v) for k, v in r["r"].items()
                                                                   if not k.startswith("_")))) for r in rows)).encode())
        for row in store.query("MATCH (f:SourceFile) RETURN f.path AS p, f.sha256 AS s, f.document AS d ORDER BY p"):
            h.update(repr(row).encode())
        stats = store.stats()
    return h.hexdigest(), {"nodes": stats["nodes"], "edges": stats["edges"], "files": stats["files"]}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A generated corpus, its records in two shards made by the CLI, and the store of a direct ingest."""
    sys.path.insert(0, str(BENCH))
    import corpus

    root = tmp_path_factory.mktemp("records")
    paths = sorted(str(p) for p in corpus.generate(DOCS, root / "corpus", seed=21))
    shards = []
    for n, part in enumerate((paths[: DOCS // 2], paths[DOCS // 2:])):
        result = CliRunner().invoke(main, ["extract", "--format", "jsonl", *part])
        assert result.exit_code == 0, result.output
        shard = root / f"shard-{n}.jsonl"
        shard.write_text(result.stdout, encoding="utf-8")
        shards.append(shard)
    direct = root / "direct.lbug"
    assert ingest([root / "corpus"], direct).added == DOCS
    return {"root": root, "corpus": root / "corpus", "shards": shards, "direct": digest(direct)}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["ingest", *args], input=input)


def test_two_shards_give_the_store_of_a_direct_ingest(world, tmp_path) -> None:
    db = tmp_path / "r.lbug"
    result = run("--records", *map(str, world["shards"]), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{DOCS} records: {DOCS} added, 0 replaced, 0 unchanged, 0 failed")
    assert digest(db) == world["direct"]


def test_records_and_files_are_the_same_documents(world, tmp_path) -> None:
    """Idempotent both ways: records again, the files after the records, records after the files."""
    db = tmp_path / "r.lbug"
    assert ingest_records(world["shards"], db).added == DOCS
    again = ingest_records(world["shards"], db)
    assert (again.added, again.skipped, again.nodes_added, again.edges_added) == (0, DOCS, 0, 0)
    files = ingest([world["corpus"]], db)
    assert (files.added, files.replaced, files.skipped) == (0, 0, DOCS)
    db2 = tmp_path / "f.lbug"
    ingest([world["corpus"]], db2)
    assert ingest_records([world["root"]], db2).skipped == DOCS  # a folder gives its *.jsonl files
    assert digest(db) == digest(db2) == world["direct"]


def test_bad_lines_are_one_line_errors_and_the_rest_goes_in(world, tmp_path) -> None:
    good = world["shards"][0].read_text(encoding="utf-8").splitlines()
    record = json.loads(good[0])
    no_date = copy.deepcopy(record)
    no_date["document"]["date"] = "31/12/2021"
    no_hash = copy.deepcopy(record)
    no_hash["source"]["sha256"] = ""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([good[0], "{not json", "", '{"source": 1}', json.dumps(no_date), "[]",
                              json.dumps(no_hash), *good[1:]]) + "\n", encoding="utf-8")
    db = tmp_path / "r.lbug"
    result = run("--records", str(bad), str(world["shards"][1]), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {bad}:2: not JSON (Expecting property name enclosed in double quotes at column 2)",
        f"error: {bad}:4: not a directive record: the record: 'document' is missing",
        f"error: {bad}:5: not a directive record: document.date: \"31/12/2021\" is not a date (YYYY-MM-DD)",
        f"error: {bad}:6: not a directive record: the record: expected object, got []",
        f"error: {bad}:7: not a directive record: source.sha256 '' is not a SHA-256 (64 hex digits): the content "
        "hash is the record's identity, two records with the same one are one file",
    ]
    assert result.stdout.startswith(f"{DOCS + 5} records: {DOCS} added, 0 replaced, 0 unchanged, 5 failed")
    assert digest(db) == world["direct"]


def test_fail_fast_writes_nothing(world, tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(world["shards"][0].read_text(encoding="utf-8") + "{}\n", encoding="utf-8")
    db = tmp_path / "r.lbug"
    report = ingest_records([world["shards"][1], bad], db, fail_fast=True)
    assert report.failed == [(f"{bad}:{DOCS // 2 + 1}", "not a directive record: the record: 'source' is missing")]
    assert report.added == 0
    with open_store(db, read_only=True) as store:
        assert store.stats()["node_count"] == 0


def test_a_changed_record_replaces_and_a_conflict_is_refused(world, tmp_path) -> None:
    db = tmp_path / "r.lbug"
    ingest_records(world["shards"], db)
    first = json.loads(world["shards"][0].read_text(encoding="utf-8").splitlines()[0])
    changed = copy.deepcopy(first)
    changed["source"]["sha256"] = "0" * 64
    changed["document"]["subject"] = "chủ đề khác"
    other = copy.deepcopy(changed)
    other["source"]["sha256"] = "1" * 64
    edit = tmp_path / "edit.jsonl"
    edit.write_text(json.dumps(changed, ensure_ascii=False) + "\n" + json.dumps(first, ensure_ascii=False) + "\n"
                    + json.dumps(other, ensure_ascii=False) + "\n", encoding="utf-8")
    report = ingest_records([edit], db)
    assert (report.replaced, report.added) == (1, 0)
    assert [name for name, _ in report.failed] == [f"{edit}:2", f"{edit}:3"]
    assert "already given with other content at" in report.failed[0][1]
    with open_store(db, read_only=True) as store:
        rows = store.query("MATCH (d:Document {id: $id}) RETURN d.subject AS s", {"id": first["document"]["id"]})
    assert rows == [{"s": "chủ đề khác"}]


def test_overlapping_shards_count_once(world, tmp_path) -> None:
    db = tmp_path / "r.lbug"
    report = ingest_records([world["shards"][0], world["shards"][0], world["shards"][1]], db)
    assert (report.added, report.skipped, report.failed) == (DOCS, DOCS // 2, [])
    assert digest(db) == world["direct"]


def test_standard_input(world, tmp_path) -> None:
    db = tmp_path / "r.lbug"
    text = world["shards"][0].read_text(encoding="utf-8") + "oops\n"
    result = run("--records", "-", str(world["shards"][1]), "--db", str(db), input=text)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: <stdin>:{DOCS // 2 + 1}: not JSON (Expecting value at column 1)"]
    assert digest(db) == world["direct"]


def test_batches_go_through_the_journal(world, tmp_path, monkeypatch) -> None:
    """The crash-safe path of a file ingest: every batch is journalled before it touches the store."""
    kinds = []
    original = Journal.write

    def write(self, entry):
        kinds.append((entry["kind"], entry["graph"].number_of_nodes() > 0, len(entry["sources"])))
        return original(self, entry)

    monkeypatch.setattr(Journal, "write", write)
    db = tmp_path / "r.lbug"
    ingest_records(world["shards"], db, batch_files=10)
    assert [k[0] for k in kinds] == ["write"] * 3
    assert sum(k[2] for k in kinds) == DOCS
    assert not Journal(str(db)).pending()
    assert digest(db) == world["direct"]


def test_prune_does_not_go_with_records(world, tmp_path) -> None:
    result = run("--records", "--prune", str(world["shards"][0]), "--db", str(tmp_path / "r.lbug"))
    assert result.exit_code == 2 and "--prune" in result.stderr
    missing = run("--records", str(tmp_path / "none.jsonl"), "--db", str(tmp_path / "r.lbug"))
    assert missing.exit_code == 1 and "no such file or folder" in missing.stderr
    assert not (tmp_path / "r.lbug").exists()


def test_pushed_to_neo4j_like_a_direct_store(world, tmp_path, monkeypatch) -> None:
    neo4j = pytest.importorskip("neo4j")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
    from fake_neo4j import FakeDriver, FakeServer

    stores = {"records": tmp_path / "r.lbug", "files": tmp_path / "f.lbug"}
    ingest_records(world["shards"], stores["records"])
    ingest([world["corpus"]], stores["files"])
    held = {}
    for name, db in stores.items():
        server = FakeServer()
        monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth=None, s=server, **kw: FakeDriver(s, auth))
        result = CliRunner().invoke(main, ["push", "neo4j", "--uri", "bolt://db:7687", "--no-auth", "--db", str(db)])
        assert result.exit_code == 0, result.output
        held[name] = (server.nodes, server.edges)
    assert held["records"] == held["files"] and held["records"][0]


# --- the contract checker ---------------------------------------------------------------------------

def _mutations(record: dict) -> list[tuple[str, dict]]:
    """(what, a copy of ``record`` with one thing wrong) — one per rule of the contract."""
    out = []

    def mutate(what, fn):
        r = copy.deepcopy(record)
        fn(r)
        out.append((what, r))

    mutate("missing required", lambda r: r.pop("measures"))
    mutate("wrong type", lambda r: r["document"].__setitem__("number", 629))
    mutate("bool is not an integer", lambda r: r["document"]["issuer"].__setitem__("span", [True, 3]))
    mutate("enum", lambda r: r["signer"].__setitem__("capacity", "X/Y"))
    mutate("oneOf", lambda r: r["document"].__setitem__("issuer", {"nom": "x"}))
    mutate("date format", lambda r: r["document"].__setitem__("date", "2021-02-30"))
    mutate("span length", lambda r: r["document"]["issuer"].__setitem__("span", [1, 2, 3]))
    mutate("minimum", lambda r: r["document"]["issuer"].__setitem__("span", [-1, 2]))
    mutate("item type", lambda r: r.__setitem__("warnings", ["ok", 3]))
    return out


def test_checker_agrees_with_jsonschema(world) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(record_schema(), format_checker=jsonschema.FormatChecker())
    records = [json.loads(line) for s in world["shards"] for line in s.read_text(encoding="utf-8").splitlines()]
    for record in records:
        assert record_error(record) is None
        assert validator.is_valid(record)
    record = next(r for r in records if r["signer"] and r["document"]["issuer"] and r["document"]["issuer"].get("span"))
    for what, bad in _mutations(record):
        assert record_error(bad) is not None, what
        assert not validator.is_valid(bad), what


def test_checker_says_where(world) -> None:
    record = json.loads(world["shards"][0].read_text(encoding="utf-8").splitlines()[0])
    measure = next(i for i, m in enumerate(record["measures"]) if m["assignments"])
    cases = [
        (lambda r: r["measures"][measure]["assignments"][0].__setitem__("role", "boss"),
         f"measures[{measure}].assignments[0].role: \"boss\" is not one of lead, cooperate, execute"),
        (lambda r: r["document"].pop("subject"), "document: 'subject' is missing"),
        (lambda r: r.__setitem__("warnings", "x"), "warnings: expected array, got \"x\""),
        (lambda r: r["document"].__setitem__("issuer", 3), "document.issuer: expected object, got 3"),
    ]
    for mutate, expected in cases:
        bad = copy.deepcopy(record)
        mutate(bad)
        assert record_error(bad) == expected


def test_a_lone_surrogate_is_refused() -> None:
    record, error = parse_line(b'{"source": "\\ud800"}')
    assert record is None and "surrogate" in error


KILL_CHILD = """
import sys
from pathlib import Path
from chidao.graph.stores import embedded
from chidao.ingest import ingest_records

marker = Path(sys.argv[3])
original = embedded.EmbeddedStore._run

def run(self, cypher, params=None):
    if cypher in ("COMMIT", "CHECKPOINT"):  # the parent kills while the engine carries it out
        with open(marker, "a") as fp:
            fp.write(cypher + "\\n")
    return original(self, cypher, params)

embedded.EmbeddedStore._run = run
ingest_records([sys.argv[1]], sys.argv[2])
"""


@pytest.mark.parametrize("moment", [1, 2])
def test_a_kill_during_a_records_batch_is_repaired(world, tmp_path, moment) -> None:
    """Killed at the batch's commit or at the checkpoint after it (the marker's first and second
    lines), the store opens holding nothing or everything, and the re-run reaches the uninterrupted
    state (the journal replayed at the open, then the records found unchanged or written)."""
    import shutil
    import signal
    import subprocess
    import time

    both = tmp_path / "both.jsonl"
    both.write_text("".join(s.read_text(encoding="utf-8") for s in world["shards"]), encoding="utf-8")
    db, marker = tmp_path / "s.lbug", tmp_path / "marker"
    script = tmp_path / "child.py"
    script.write_text(KILL_CHILD, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(both), str(db), str(marker)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() or len(marker.read_text().splitlines()) < moment:
            if child.poll() is not None:
                break
            assert time.monotonic() < deadline, "the child never reached the moment"
            time.sleep(0.002)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the child finished before the moment"
    if db.exists():
        now = digest(db)
        assert now[1]["files"] in (0, DOCS), now[1]
        assert now == world["direct"] or not any(now[1]["nodes"].values())
    report = ingest_records([both], db)
    assert not report.failed
    assert digest(db) == world["direct"]
    shutil.rmtree(str(db) + ".journal", ignore_errors=True)
