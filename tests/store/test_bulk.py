"""The bulk first load (``chidao.graph.stores.bulk``) gives exactly the store of the transactional path.

Every node and edge with all its properties, and the source-file rows (without their time), are
compared between an ingest through ``write_graph`` batch by batch and the same ingest through the bulk
load: batch sequences built by hand for each merge rule (citation stubs, undated citations, shared
bodies, lexicon links, a document given twice), the bundled samples, the real corpus, a generated
bench corpus and its records. Then the crash safety: kills spread over a bulk load and a full disk
leave no store, the empty store or the complete one, and a re-run reaches the complete one.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.errors import StoreError
from chidao.graph import schema
from chidao.graph.stores import bulk, open_store
from chidao.graph.stores.embedded import EmbeddedStore
from chidao.ingest import ingest, ingest_records

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
REAL = ROOT / "tests" / "data" / "real"
SAMPLES = ROOT / "src" / "chidao" / "data" / "samples"
BENCH_DOCS = int(os.environ.get("CHIDAO_BULK_DOCS") or 200)
"""Bench directives in the equality test (``CHIDAO_BULK_DOCS=2000`` for the long form)."""


def dump(db: Path) -> list[str]:
    """Every node and edge with its properties, and every source-file row without its time, sorted."""
    out: list[str] = []
    with open_store(db, read_only=True) as store:
        for label in schema.NODE_LABELS:
            for row in store.query(f"MATCH (n:{label}) RETURN n"):
                out.append(repr((label, sorted((k, v) for k, v in row["n"].items() if not k.startswith("_")))))
        for edge_type in schema.EDGE_TYPES:
            for row in store.query(f"MATCH (a)-[r:{edge_type}]->(b) RETURN a.id AS x, b.id AS y, r"):
                out.append(repr((edge_type, row["x"], row["y"],
                                 sorted((k, v) for k, v in row["r"].items() if not k.startswith("_")))))
        for row in store.query("MATCH (f:SourceFile) RETURN f.path AS p, f.sha256 AS s, f.document AS d"):
            out.append(repr(("SourceFile", row["p"], row["s"], row["d"])))
    return sorted(out)


def assert_same(a: list[str], b: list[str]) -> None:
    if a != b:
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        pytest.fail(f"stores differ ({len(a)} vs {len(b)} rows)\n- " + "\n- ".join(only_a[:8])
                    + "\n+ " + "\n+ ".join(only_b[:8]))


# --- the merge rules, batch by batch ------------------------------------------------------------------


def _graph(*docs: dict) -> nx.MultiDiGraph:
    """A graph in the builder's shape: per document its issuer, a measure, an assignment, a citation,
    optionally a lexicon link of the issuer (``part_of``) and issuer properties (``issuer``)."""
    g = nx.MultiDiGraph()

    def node(node_id: str, **props) -> None:
        label = schema.label_of(node_id)
        g.add_node(node_id, label=label, **{p: props.get(p) for p in schema.NODE_PROPERTIES[label]} | {"id": node_id})

    def edge(u: str, v: str, edge_type: str, **props) -> None:
        key = schema.EdgeKey(u, v, edge_type, props.get("document") or "").key
        g.add_edge(u, v, key=key, type=edge_type, **{p: props.get(p) for p in schema.EDGE_PROPERTIES[edge_type]})

    for d in docs:
        doc = d["id"]
        scope = doc.split(":", 1)[1].split("/", 1)[0]
        issuer = d.get("by") or f"body:{scope}/issuer"
        measure = schema.measure_id(doc, 1)
        node(doc, number=d.get("number"), is_stub=False, subject=d.get("subject", f"subject of {doc}"))
        node(issuer, **{"name": "Issuer", "key": "issuer", "scope": scope, "is_group": False, **d.get("issuer", {})})
        node(measure, document=doc, ordinal=1, text=d.get("text", "Do it."))
        edge(issuer, doc, schema.ISSUES, document=doc)
        edge(doc, measure, schema.CONTAINS, document=doc)
        edge(doc, issuer, schema.ASSIGNS, document=doc, role="lead", quote=d.get("quote", "Issuer chủ trì"))
        edge(issuer, measure, schema.RESPONSIBLE_FOR, document=doc, role="lead")
        for cited in d.get("cites", ()):
            if cited not in g:
                node(cited, is_stub=True, number=d.get("cited_number"))
            edge(doc, cited, schema.CITES, document=doc, relation="implements")
        if d.get("part_of"):
            parent = d["part_of"]
            node(parent, name="Parent", key="parent", scope=scope)
            g.add_edge(issuer, parent, key=f"{issuer}>{parent}|{doc}", type=schema.PART_OF,
                       document=doc, source="lexicon")
    return g


CENTRAL = {"id": "doc:vn/16-ct-ttg/2020", "number": "16/CT-TTg"}
CENTRAL_21 = {"id": "doc:vn/16-ct-ttg/2021", "number": "16/CT-TTg"}
UNDATED_REAL = {"id": "doc:vn/16-ct-ttg", "number": "16/CT-TTg"}
LOCAL = {"id": "doc:lai-chau/1-cv-tu/2021", "number": "1-CV/TU", "cites": ["doc:vn/16-ct-ttg"]}
LOCAL_DATED = {"id": "doc:lai-chau/2-cv-tu/2021", "number": "2-CV/TU", "cites": ["doc:vn/16-ct-ttg/2020"],
               "cited_number": "16/CT-TTg"}
OTHER = {"id": "doc:lai-chau/3-cv-tu/2021", "number": "3-CV/TU", "cites": ["doc:vn/16-ct-ttg"]}

RULES = {
    # (batches, each a list of documents): what the transactional path does across batches
    "undated citation, then the dated document takes it over": [[LOCAL], [CENTRAL]],
    "dated document, then an undated citation points at it": [[CENTRAL], [LOCAL]],
    "two dated candidates: the undated citation stays": [[CENTRAL], [CENTRAL_21], [LOCAL]],
    "taken over once, a second year changes nothing": [[LOCAL, OTHER], [CENTRAL], [CENTRAL_21]],
    "a real undated document is taken over too": [[UNDATED_REAL, LOCAL], [CENTRAL]],
    "a stub, then its document": [[LOCAL_DATED], [CENTRAL]],
    "a document, then a stub of it": [[CENTRAL], [LOCAL_DATED]],
    "a shared body takes the later known values": [
        [{"id": "doc:lai-chau/5-cv-tu/2021", "number": "5", "by": "body:lai-chau/ubnd",
          "issuer": {"name": "UBND A", "kind": None, "is_group": True}}],
        [{"id": "doc:lai-chau/6-cv-tu/2021", "number": "6", "by": "body:lai-chau/ubnd",
          "issuer": {"name": "UBND B", "kind": "ubnd", "is_group": False, "level": None}}]],
    "a lexicon link is stored once": [
        [{"id": "doc:lai-chau/7-cv-tu/2021", "number": "7", "part_of": "body:lai-chau/tinh-uy"}],
        [{"id": "doc:lai-chau/8-cv-tu/2021", "number": "8", "part_of": "body:lai-chau/tinh-uy"}]],
    "one document given twice: the second replaces the first": [
        [CENTRAL, LOCAL_DATED], [{**CENTRAL, "subject": "again", "text": "Do it again."}], [OTHER]],
    "a replaced document's lost issuer, citation and lexicon parent go": [
        [{**LOCAL_DATED, "by": "body:lai-chau/old", "part_of": "body:lai-chau/old-parent"}, CENTRAL],
        [{**LOCAL_DATED, "cites": ["doc:vn/99-ct-ttg/2020"], "by": "body:lai-chau/new"}], [OTHER]],
    "a replaced document keeps what others still mention": [
        [{**LOCAL_DATED, "by": "body:lai-chau/shared", "part_of": "body:lai-chau/p"},
         {**OTHER, "by": "body:lai-chau/shared", "part_of": "body:lai-chau/p"}],
        [{**LOCAL_DATED, "by": "body:lai-chau/other", "cites": []}]],
}


def _write_all(store, batches: list[list[dict]], start: int = 0) -> list[tuple[int, int]]:
    counts = []
    for n, docs in enumerate(batches, start=start):
        sources = [(f"/files/{n}-{d['id']}", f"{n:064d}", d["id"]) for d in docs]
        c = store.write_graph(_graph(*docs), sources=sources)
        counts.append((c["nodes_added"], c["edges_added"]))
    return counts


@pytest.mark.parametrize("case", list(RULES))
def test_each_merge_rule_gives_the_transactional_store(tmp_path, case) -> None:
    batches = RULES[case]
    plain, fast = tmp_path / "plain.lbug", tmp_path / "fast.lbug"
    with open_store(plain) as store:
        plain_counts = _write_all(store, batches)
    store = open_store(fast, bulk=True)
    loader = bulk.BulkLoad(fast)
    try:
        fast_counts = _write_all(loader, batches)
        store = loader.install(store)
    finally:
        loader.discard()
        store.close()
    assert_same(dump(plain), dump(fast))
    assert fast_counts == plain_counts
    assert not list(tmp_path.glob("*.bulk-*")) and not Path(str(fast) + ".wal").exists()


def test_a_line_break_in_a_value_past_the_sniffed_rows(tmp_path, monkeypatch) -> None:
    """A quoted value with a line break after the first 256 rows of a COPY file (the engine's dialect
    sniffing used to split it) — in the transactional path's COPY batches and in the bulk load."""
    from chidao.graph.stores import embedded

    monkeypatch.setattr(embedded, "BULK_ROWS", 0)  # every transactional batch through COPY
    docs = [{"id": f"doc:lai-chau/{n}-cv-tu/2021", "number": f"{n}-CV/TU"} for n in range(1, 301)]
    docs[-1]["quote"] = "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU"
    with open_store(tmp_path / "plain.lbug") as store:
        _write_all(store, [docs])
        assert store.query("MATCH ()-[r:ASSIGNS]->() WHERE r.quote CONTAINS '\n' RETURN r.quote AS q") == [
            {"q": "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU"}]
    store = open_store(tmp_path / "fast.lbug", bulk=True)
    loader = bulk.BulkLoad(tmp_path / "fast.lbug")
    try:
        _write_all(loader, [docs])
        store = loader.install(store)
    finally:
        loader.discard()
        store.close()
    assert_same(dump(tmp_path / "plain.lbug"), dump(tmp_path / "fast.lbug"))


def test_a_sweep_goes_on_transactionally(tmp_path, monkeypatch) -> None:
    """Replacing more documents at once than ``SWEEP_DOCUMENTS`` (the engine then sweeps every table):
    the staged rows go into the new store and the rest of the run through ``write_graph`` on it."""
    from chidao.graph.stores import embedded

    monkeypatch.setattr(embedded, "SWEEP_DOCUMENTS", 1)
    batches = [[CENTRAL, LOCAL_DATED], [OTHER], [CENTRAL, {**LOCAL_DATED, "cites": []}], [CENTRAL_21]]
    with open_store(tmp_path / "plain.lbug") as store:
        _write_all(store, batches)
    store = open_store(tmp_path / "fast.lbug", bulk=True)
    loader = bulk.BulkLoad(tmp_path / "fast.lbug")
    try:
        _write_all(loader, batches[:2])
        assert loader.store is None
        _write_all(loader, batches[2:], start=2)
        assert isinstance(loader.store, EmbeddedStore)
        store = loader.install(store)
    finally:
        loader.discard()
        store.close()
    assert_same(dump(tmp_path / "plain.lbug"), dump(tmp_path / "fast.lbug"))


# --- whole ingests --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory) -> Path:
    sys.path.insert(0, str(BENCH))
    import corpus

    root = tmp_path_factory.mktemp("bulk-corpus")
    first = sorted(corpus.generate(BENCH_DOCS, root / "corpus", seed=7))[0]
    # the first directive again, cut short, in the last batch: one document id from two files, so the
    # later replaces the earlier's facts (and what only those mentioned goes)
    lines = first.read_text(encoding="utf-8").splitlines()
    (root / "corpus" / "zz-shortened.txt").write_text("\n".join(lines[: len(lines) * 3 // 5]), encoding="utf-8")
    return root / "corpus"


def _both(tmp_path: Path, sources: list[Path], batch_files: int, **kwargs) -> tuple[Path, Path]:
    plain, fast = tmp_path / "plain.lbug", tmp_path / "fast.lbug"
    a = ingest(sources, plain, bulk=False, batch_files=batch_files, **kwargs)
    b = ingest(sources, fast, bulk=True, batch_files=batch_files, **kwargs)
    assert (a.summary(), a.documents, a.failed) == (b.summary(), b.documents, b.failed)
    return plain, fast


@pytest.mark.parametrize(("what", "batch_files"), [("samples", 1), ("samples", 2000), ("real", 7), ("real", 2000)])
def test_bulk_and_transactional_ingests_give_the_same_store(tmp_path, what, batch_files) -> None:
    plain, fast = _both(tmp_path, [SAMPLES if what == "samples" else REAL], batch_files)
    assert_same(dump(plain), dump(fast))


@pytest.mark.parametrize("bound", ["rows", "characters"])
def test_tables_loaded_in_parts_give_the_same_store(tmp_path, monkeypatch, bound) -> None:
    """A table bigger than ``COPY_ROWS`` rows or ``COPY_CHARS`` characters goes in several ``COPY``s,
    each checkpointed."""
    if bound == "rows":
        monkeypatch.setattr(bulk, "COPY_ROWS", 100)
    else:
        monkeypatch.setattr(bulk, "CSV_ROWS", 7)
        monkeypatch.setattr(bulk, "COPY_CHARS", 2000)
    parts: list[str] = []
    original = bulk._stream_csv
    monkeypatch.setattr(bulk, "_stream_csv", lambda path, *a: original(path, *a) and not parts.append(path.name))
    plain, fast = _both(tmp_path, [REAL], 2000)
    assert_same(dump(plain), dump(fast))
    assert f"{schema.MEASURE}-1.csv" in parts, parts


def test_bench_corpus_gives_the_same_store_and_records_too(tmp_path, bench_corpus) -> None:
    plain, fast = _both(tmp_path, [bench_corpus], 50)
    with open_store(plain, read_only=True) as store:  # the shortened twin replaced the first directive
        assert len(store.query("MATCH (f:SourceFile) RETURN DISTINCT f.document AS d")) == BENCH_DOCS
    expected = dump(plain)
    assert_same(expected, dump(fast))
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(bench_corpus)])
    assert result.exit_code == 0, result.output
    records = tmp_path / "records.jsonl"
    records.write_text(result.stdout, encoding="utf-8")
    report = ingest_records([records], tmp_path / "records.lbug", bulk=True, batch_files=50)
    assert report.added == BENCH_DOCS + 1 and not report.failed
    assert_same(expected, dump(tmp_path / "records.lbug"))


def test_a_fresh_store_takes_the_bulk_path_by_itself(tmp_path, monkeypatch) -> None:
    """From ``BULK_FROM`` files into an empty store; never into a store holding anything."""
    started = []
    original = bulk.BulkLoad.__init__
    monkeypatch.setattr(bulk.BulkLoad, "__init__", lambda self, *a, **k: (started.append(1), original(self, *a, **k))[1])
    monkeypatch.setattr(bulk, "BULK_FROM", 5)
    db = tmp_path / "s.lbug"
    ingest([SAMPLES], db)
    assert started == []  # 4 files: below the threshold
    monkeypatch.setattr(bulk, "BULK_FROM", 4)
    db.unlink()
    ingest([SAMPLES], db)
    assert started == [1]
    more = tmp_path / "more"
    more.mkdir()
    for path in sorted(REAL.glob("*.txt"))[:2]:
        shutil.copy(path, more / path.name)
    assert ingest([more], db).added == 2
    assert started == [1]  # not empty any more: transactional


def test_nothing_to_write_leaves_the_empty_store(tmp_path) -> None:
    bad = tmp_path / "in" / "x.txt"
    bad.parent.mkdir()
    bad.write_text("danh sách đi chợ: rau, thịt", encoding="utf-8")
    report = ingest([bad.parent], tmp_path / "s.lbug", bulk=True)
    assert report.not_directives and not list(tmp_path.glob("*.bulk-*"))
    with open_store(tmp_path / "s.lbug", read_only=True) as store:
        assert store.stats()["node_count"] == 0


def test_a_failing_staging_step_is_one_line_and_writes_nothing(tmp_path, monkeypatch) -> None:
    def full(self, *args):
        raise bulk.sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(bulk.BulkLoad, "_write_edges", full)
    with pytest.raises(StoreError, match=r"disk is full.*nothing was written") as caught:
        ingest([SAMPLES], tmp_path / "s.lbug", bulk=True)
    assert "\n" not in str(caught.value)
    assert not list(tmp_path.glob("*.bulk-*"))
    with open_store(tmp_path / "s.lbug", read_only=True) as store:
        assert store.stats()["node_count"] == 0 and store.stats()["files"] == 0


def test_a_killed_load_leaves_its_folder_to_the_next_ingest(tmp_path) -> None:
    stale = tmp_path / "s.lbug.bulk-abc123"
    stale.mkdir()
    (stale / "stage.sqlite").write_bytes(b"x" * 100)
    ingest([SAMPLES], tmp_path / "s.lbug")
    assert not stale.exists()


# --- kills and a full disk ----------------------------------------------------------------------------------

FAULT_DOCS, FAULT_BATCH = 30, 10

MARKS = textwrap.dedent("""
    import os
    from chidao.graph.stores import embedded

    def mark(what):
        with open(os.environ["CHIDAO_TEST_MARKER"], "a") as fp:
            fp.write(what + "\\n")

    original_run = embedded.EmbeddedStore._run

    def run(self, cypher, params=None):
        if cypher.startswith(("COPY", "CHECKPOINT")):
            mark(cypher.split()[0])
            if cypher.startswith("COPY") and os.environ.get("CHIDAO_TEST_SLOW_COPY"):
                import time
                time.sleep(60)  # a COPY that takes long: only a death with the parent stops it
        return original_run(self, cypher, params)

    embedded.EmbeddedStore._run = run
""")

# the ingest, with a line in the marker file before every COPY and CHECKPOINT (run by the loader
# process, which the wrapper below starts with the same marks) and before the rename into place
CHILD = MARKS + textwrap.dedent("""
    import sys
    from chidao.graph.stores import bulk, copier
    from chidao.ingest import ingest

    os.environ["CHIDAO_TEST_MARKER"] = sys.argv[3]
    original_replace = os.replace

    def replace(a, b):
        mark("REPLACE")
        return original_replace(a, b)

    bulk.os.replace = replace
    copier.Copier.command = staticmethod(lambda: [sys.executable, sys.argv[4]])
    ingest([sys.argv[1]], sys.argv[2], bulk=True, batch_files=BATCH)
""").replace("BATCH)", f"{FAULT_BATCH})", 1)

LOADER = MARKS + textwrap.dedent("""
    import sys
    from chidao.graph.stores import copier

    sys.exit(copier.main(sys.argv[1:]))
""")


@pytest.fixture(scope="module")
def fault_world(tmp_path_factory):
    sys.path.insert(0, str(BENCH))
    import corpus

    root = tmp_path_factory.mktemp("bulk-faults")
    corpus.generate(FAULT_DOCS, root / "corpus", seed=13)
    full = root / "full.lbug"
    started = time.monotonic()
    assert ingest([root / "corpus"], full, bulk=True, batch_files=FAULT_BATCH).added == FAULT_DOCS
    seconds = time.monotonic() - started
    (root / "child.py").write_text(CHILD, encoding="utf-8")
    (root / "loader.py").write_text(LOADER, encoding="utf-8")
    return {"root": root, "corpus": root / "corpus", "new": dump(full), "seconds": seconds}


def _after_fault(world, db: Path, what: str) -> str:
    """No store, the empty one, or the complete one; a re-run reaches the complete one, leaving no
    bulk folder behind."""
    if not db.exists():
        outcome = "none"
    else:
        open_store(db).close()  # what the next command does: repair, then read
        now = dump(db)
        assert now in ([], world["new"]), f"{what}: neither empty nor complete ({len(now)} rows)"
        outcome = "complete" if now else "empty"
    ingest([world["corpus"]], db, bulk=True, batch_files=FAULT_BATCH)
    assert dump(db) == world["new"], f"{what}: the re-run did not reach the uninterrupted store"
    assert not list(db.parent.glob(db.name + ".bulk-*"))
    return outcome


def _child(world, db: Path, marker: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(world["root"] / "child.py"), str(world["corpus"]), str(db),
                             str(marker), str(world["root"] / "loader.py")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
                            start_new_session=True)


def _kill(child: subprocess.Popen, sig: int) -> None:
    if child.poll() is None:
        os.killpg(child.pid, sig)
    child.wait(timeout=30)


# (marker to wait for, how many of it, seconds after, signal): the COPY of the new store's first and of
# a later table, its checkpoint, the rename into place.
STAGE_KILLS = [
    ("COPY", 1, 0.0, signal.SIGKILL),
    ("COPY", 4, 0.01, signal.SIGTERM),
    ("CHECKPOINT", 1, 0.0, signal.SIGKILL),
    ("REPLACE", 1, 0.0, signal.SIGKILL),
]


@pytest.mark.parametrize(("line", "nth", "delay", "sig"), STAGE_KILLS)
def test_kill_during_the_load(fault_world, tmp_path, line, nth, delay, sig) -> None:
    db, marker = tmp_path / "s.lbug", tmp_path / "marker"
    child = _child(fault_world, db, marker)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        lines = marker.read_text().split() if marker.exists() else []
        if lines.count(line) >= nth:
            break
        time.sleep(0.002)
    time.sleep(delay)
    assert child.poll() is None, f"the load ended before {line} #{nth}: the kill would test nothing"
    _kill(child, sig)
    _after_fault(fault_world, db, f"kill at {line} #{nth}")


def _loaders(world) -> list[int]:
    """The pids of the loader processes this module's ingests start (``loader.py`` on their line)."""
    script = str(world["root"] / "loader.py").encode()
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if script in cmdline.read_bytes().split(b"\0"):
                found.append(int(cmdline.parent.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the loader's death with its parent is Linux's")
def test_the_loader_dies_with_a_killed_ingest(fault_world, tmp_path) -> None:
    """Only the ingest killed (not its process group) while the loader process is inside a long
    ``COPY``: the loader does not live on, and a re-run reaches the complete store."""
    db, marker = tmp_path / "s.lbug", tmp_path / "marker"
    child = _child(fault_world, db, marker, {"CHIDAO_TEST_SLOW_COPY": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None:
        if "COPY" in (marker.read_text().split() if marker.exists() else []):
            break
        time.sleep(0.002)
    loaders = _loaders(fault_world)
    assert child.poll() is None and loaders, "the load ended before its loader copied"
    child.kill()
    child.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and set(loaders) & set(_loaders(fault_world)):
        time.sleep(0.05)
    assert not set(loaders) & set(_loaders(fault_world)), "the loader outlived the ingest"
    _after_fault(fault_world, db, "ingest killed alone")


def test_kills_spread_over_a_bulk_load(fault_world, tmp_path) -> None:
    """``CHIDAO_FAULT_KILLS=20`` for the long form (docs/testing.md)."""
    n = int(os.environ.get("CHIDAO_FAULT_KILLS") or 2)
    rnd = random.Random(17)
    span = fault_world["seconds"] + 1.5  # the child's own start-up
    outcomes = []
    for k in range(n):
        at, sig = (k + rnd.random()) * span / n, rnd.choice([signal.SIGKILL, signal.SIGTERM])
        db = tmp_path / f"k{k}.lbug"
        child = _child(fault_world, db, tmp_path / f"m{k}")
        time.sleep(at)
        _kill(child, sig)
        outcomes.append((round(at, 2), signal.Signals(sig).name, _after_fault(fault_world, db, f"kill at {at:.2f} s")))
    print("kills:", outcomes)


DISK_FULL = textwrap.dedent("""
    set -e
    mount -t tmpfs -o size={size}k tmpfs "$MNT"
    set +e
    "$PY" -c "$LOAD" > "$OUT/first.out" 2> "$OUT/first.err"
    echo $? > "$OUT/first.rc"
    ls -a "$MNT" > "$OUT/left.txt"
    set -e
    mount -o remount,size=400m "$MNT"
    "$PY" -c "$LOAD" > "$OUT/rerun.out" 2> "$OUT/rerun.err"
    "$PY" -c 'import sys, json; from tests.store.test_bulk import dump; print(json.dumps(dump(sys.argv[1])))' \\
        "$MNT/s.lbug" > "$OUT/rerun.json"
""")

LOAD = textwrap.dedent("""
    import os, sys
    from chidao.errors import ChidaoError
    from chidao.ingest import ingest
    try:
        ingest([os.environ["CORPUS"]], os.environ["MNT"] + "/s.lbug", bulk=True, batch_files=BATCH)
    except ChidaoError as exc:
        sys.exit(f"Error: {exc}")
""").replace("BATCH)", f"{FAULT_BATCH})", 1)


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _unshare_works(), reason="needs unshare -m (a private mount namespace)")
@pytest.mark.parametrize("size_kb", [160, 8000])
def test_disk_full_during_a_bulk_load(fault_world, tmp_path, size_kb) -> None:
    """The store on a tiny tmpfs: the staging (160 KB) or the new store (8 MB, at its checkpoint) meets
    the full disk. One line, no traceback, nothing left beside the empty store; with room, a re-run
    completes."""
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    env = {**os.environ, "MNT": str(mnt), "OUT": str(out), "PY": sys.executable, "LOAD": LOAD,
           "CORPUS": str(fault_world["corpus"]), "PYTHONPATH": str(ROOT)}
    run = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", DISK_FULL.format(size=size_kb)],
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    first_err = (out / "first.err").read_text()
    assert (out / "first.rc").read_text().strip() != "0", "the load fitted: make the tmpfs smaller"
    assert "Traceback" not in first_err and first_err.startswith("Error: "), first_err[-1500:]
    assert first_err.strip().count("\n") == 0 and "nothing was written" in first_err, first_err
    assert ".bulk-" not in (out / "left.txt").read_text()
    assert json.loads((out / "rerun.json").read_text()) == fault_world["new"]
