"""Engine-only reproducer for the LadybugDB fault of docs/store.md: a kill during the commit of a
transaction that holds a ``COPY``.

Nothing of chidao is imported: only ``ladybug`` (the engine's Python API) and the standard library.
Each trial:

1. makes a store with an *old* state — ``Doc`` and ``Body`` nodes and ``ASSIGNS`` edges loaded with
   ``COPY``, then ``CHECKPOINT`` — and copies it aside;
2. starts a child that opens the store (``auto_checkpoint`` as chosen) and, in **one** transaction,
   ``COPY``s the new ``Doc`` rows and ``ASSIGNS`` edges and ``UNWIND … CREATE``s one ``Src`` row per
   new document (chidao's source-file records), then ``COMMIT``, then ``CHECKPOINT``, then exits;
3. kills the child (``SIGKILL`` or ``SIGTERM``) at a random moment after it printed that it is about
   to commit (within the calibrated length of commit + checkpoint);
4. opens the store read-only (the error, if any, is recorded), then read-write, and counts.

A trial is ``old`` (nothing of the transaction), ``new`` (all of it) or ``MIXED`` — the atomicity
violation: for instance the ``Src`` rows without the ``Doc`` rows ``COPY`` wrote.

    python bench/ladybug_kill_repro.py --trials 20               # ~10 s on 2 cores
    python bench/ladybug_kill_repro.py --trials 20 --no-auto-checkpoint --signal TERM
    python bench/ladybug_kill_repro.py --trials 4 --pause-before-commit 3   # control: always the old state

Not run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCHEMA = [
    "CREATE NODE TABLE Doc(id STRING, text STRING, n INT64, PRIMARY KEY(id))",
    "CREATE NODE TABLE Body(id STRING, name STRING, PRIMARY KEY(id))",
    "CREATE NODE TABLE Src(path STRING, sha STRING, doc STRING, PRIMARY KEY(path))",
    "CREATE REL TABLE ASSIGNS(FROM Doc TO Body, key STRING, role STRING)",
]
BODIES = 1_000
EDGES_PER_DOC = 4
TEXT = "Các cấp ủy, tổ chức đảng, chính quyền tập trung lãnh đạo, chỉ đạo thực hiện nghiêm túc " * 3


def _write_csv(path: Path, rows: list[list[object]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fp:
        csv.writer(fp).writerows(rows)


def _batch_csvs(folder: Path, start: int, count: int) -> tuple[Path, Path]:
    """CSV files of ``count`` documents from number ``start``, and their edges to bodies."""
    docs, edges = folder / f"docs_{start}.csv", folder / f"edges_{start}.csv"
    _write_csv(docs, [[f"doc:{i}", f"{TEXT} {i}", i] for i in range(start, start + count)])
    _write_csv(edges, [[f"doc:{i}", f"body:{(i * 7 + k) % BODIES}", f"k{k}", "lead" if k == 0 else "support"]
                       for i in range(start, start + count) for k in range(EDGES_PER_DOC)])
    return docs, edges


def make_base(path: Path, old: int, work: Path) -> None:
    import ladybug

    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    for statement in SCHEMA:
        conn.execute(statement)
    bodies = work / "bodies.csv"
    _write_csv(bodies, [[f"body:{i}", f"Ban {i}"] for i in range(BODIES)])
    docs, edges = _batch_csvs(work, 0, old)
    conn.execute(f"COPY Body FROM '{bodies}' (header=false)")
    conn.execute(f"COPY Doc FROM '{docs}' (header=false)")
    conn.execute(f"COPY ASSIGNS FROM '{edges}' (header=false)")
    conn.execute("CHECKPOINT")
    conn.close()
    db.close()


def child(path: str, start: int, count: int, auto_checkpoint: bool, work: str, edges_too: bool,
          pause_before: float, pause_after: float) -> None:
    """The writer that gets killed: one transaction with a COPY of nodes (and of edges) and an UNWIND CREATE."""
    import ladybug

    docs, edges = _batch_csvs(Path(work), start, count)
    db = ladybug.Database(path, auto_checkpoint=auto_checkpoint)
    conn = ladybug.Connection(db)
    rows = [{"path": f"/in/{i}.txt", "sha": f"{i:064x}", "doc": f"doc:{i}"} for i in range(start, start + count)]
    conn.execute("BEGIN TRANSACTION")
    conn.execute(f"COPY Doc FROM '{docs}' (header=false)")
    if edges_too:
        conn.execute(f"COPY ASSIGNS FROM '{edges}' (header=false)")
    conn.execute("UNWIND $rows AS r CREATE (:Src {path: r.path, sha: r.sha, doc: r.doc})", {"rows": rows})
    print("commit", time.monotonic(), flush=True)
    time.sleep(pause_before)  # > 0: the kill lands before COMMIT (control: must give the old state)
    conn.execute("COMMIT")
    print("committed", time.monotonic(), flush=True)
    time.sleep(pause_after)  # > 0: the kill lands after COMMIT returned, before CHECKPOINT
    conn.execute("CHECKPOINT")
    print("checkpointed", time.monotonic(), flush=True)
    conn.close()
    db.close()
    print("closed", time.monotonic(), flush=True)


def counts(path: Path, read_only: bool) -> dict[str, object]:
    import ladybug

    try:
        db = ladybug.Database(str(path), read_only=read_only)
        conn = ladybug.Connection(db)
        out: dict[str, object] = {}
        for name, query in (("docs", "MATCH (d:Doc) RETURN count(d)"), ("edges", "MATCH ()-[e:ASSIGNS]->() RETURN count(e)"),
                            ("src", "MATCH (s:Src) RETURN count(s)"),
                            ("src_without_doc", "MATCH (s:Src) WHERE NOT EXISTS { MATCH (d:Doc) WHERE d.id = s.doc } "
                                                "RETURN count(s)")):
            result = conn.execute(query)
            out[name] = result.get_next()[0]
        conn.close()
        db.close()
        return out
    except Exception as exc:  # noqa: BLE001 — the engine's error is the finding
        return {"error": " ".join(str(exc).split())[:200]}


def classify(after: dict[str, object], old: int, new: int, edges_too: bool = True) -> str:
    if "error" in after:
        return "UNOPENABLE"
    if after == {"docs": old, "edges": old * EDGES_PER_DOC, "src": 0, "src_without_doc": 0}:
        return "old"
    edges = (old + new if edges_too else old) * EDGES_PER_DOC
    if after == {"docs": old + new, "edges": edges, "src": new, "src_without_doc": 0}:
        return "new"
    return "MIXED"


def _spawn(db: Path, args: argparse.Namespace, work: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, __file__, "--child", str(db), "--old", str(args.old), "--new", str(args.new), "--work", str(work)]
    if not args.auto_checkpoint:
        cmd.append("--no-auto-checkpoint")
    if not args.edges:
        cmd.append("--no-edges")
    cmd += ["--pause-before-commit", str(args.pause_before_commit), "--pause-after-commit", str(args.pause_after_commit)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--old", type=int, default=2_500, help="documents in the store before (default 2,500)")
    parser.add_argument("--new", type=int, default=2_500, help="documents the killed transaction adds")
    parser.add_argument("--signal", choices=["KILL", "TERM", "both"], default="both")
    parser.add_argument("--no-auto-checkpoint", dest="auto_checkpoint", action="store_false")
    parser.add_argument("--no-edges", dest="edges", action="store_false", help="COPY nodes only")
    parser.add_argument("--pause-before-commit", type=float, default=0.0,
                        help="the child waits this long before COMMIT (control: a kill then must give the old state)")
    parser.add_argument("--pause-after-commit", type=float, default=0.0,
                        help="the child waits this long after COMMIT returned, before CHECKPOINT")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", metavar="DB")
    parser.add_argument("--work")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.old, args.new, args.auto_checkpoint, args.work, args.edges, args.pause_before_commit,
              args.pause_after_commit)
        return

    import ladybug

    rnd = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="lbug-repro-") as tmp:
        work = Path(tmp)
        base = work / "base.lbug"
        make_base(base, args.old, work)
        # calibrate: how long commit + checkpoint + close take when nothing kills the writer
        db = work / "calibrate.lbug"
        shutil.copy(base, db)
        proc = _spawn(db, args, work)
        stamps = dict((line.split()[0], float(line.split()[1])) for line in proc.stdout or [])
        proc.wait()
        window = stamps["closed"] - stamps["commit"]
        print(f"ladybug {ladybug.__version__}; old {args.old} docs ({args.old * EDGES_PER_DOC} edges), new {args.new}; "
              f"auto_checkpoint={args.auto_checkpoint}; commit {stamps['committed'] - stamps['commit']:.3f} s, "
              f"checkpoint {stamps['checkpointed'] - stamps['committed']:.3f} s, close "
              f"{stamps['closed'] - stamps['checkpointed']:.3f} s; calibration run: "
              f"{classify(counts(db, read_only=False), args.old, args.new, args.edges)}", flush=True)
        tally: dict[str, int] = {}
        for trial in range(args.trials):
            db = work / f"t{trial}.lbug"
            shutil.copy(base, db)
            sig = {"KILL": signal.SIGKILL, "TERM": signal.SIGTERM}.get(args.signal) or rnd.choice(
                [signal.SIGKILL, signal.SIGTERM])
            delay = rnd.uniform(0, window)
            proc = _spawn(db, args, work)
            assert proc.stdout is not None
            line = proc.stdout.readline()  # "commit …": the transaction is about to commit
            time.sleep(delay)
            phase = "finished" if proc.poll() is not None else "killed"
            try:
                os.kill(proc.pid, sig)
            except ProcessLookupError:
                phase = "finished"
            proc.communicate()
            reader = counts(db, read_only=True)
            writer = counts(db, read_only=False)
            outcome = classify(writer, args.old, args.new, args.edges)
            tally[outcome] = tally.get(outcome, 0) + 1
            print(json.dumps({"trial": trial, "signal": signal.Signals(sig).name, "after_commit_start_s": round(delay, 3),
                              "child": phase if line else "no commit line", "read_only_open": reader,
                              "read_write_open": writer, "outcome": outcome}, ensure_ascii=False), flush=True)
            for leftover in work.glob(f"t{trial}.lbug*"):
                leftover.unlink()
        print("result:", json.dumps(tally), flush=True)


if __name__ == "__main__":
    main()
