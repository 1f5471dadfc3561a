"""The bulk load's ``COPY`` phase alone: its loader's cache and threads against its peak RSS.

A bulk load stages every batch in SQLite, then builds the store from the staged rows; the second
phase is where the memory peak was at 100,000 documents. Staging 100,000 documents takes minutes, so
this script keeps the staging file of one ingest (``--save-stage``) and then runs the second phase
from it as often as asked, each time into a new store, with the loader's cache (MiB), its engine
threads and the part sizes given, reporting the wall and CPU seconds (the writer's and the
loader's), the peak RSS of the whole process tree and of the loader alone, or the engine's one-line
failure.

    python bench/copy_phase.py --save-stage /tmp/stage-100000.sqlite --corpus /tmp/chidao-bench/corpus-100000-7
    python bench/copy_phase.py --stage /tmp/stage-100000.sqlite --pool 768 --threads 1
    python bench/copy_phase.py --stage /tmp/stage-100000.sqlite --pool 1024 --threads 2 --rows 200000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import _TreeRss  # noqa: E402  (bench/run.py: the process tree's summed RSS)


def save_stage(corpus: str, out: str, jobs: int) -> None:
    """Ingest ``corpus`` into a new store through the bulk path, keep its staging file as ``out``
    and stop before the ``COPY`` phase."""
    from chidao.graph.stores import bulk
    from chidao.ingest import ingest

    class Staged(Exception):
        pass

    def keep(self, store):
        self._db.close()
        shutil.copy(self.folder / "stage.sqlite", out)
        raise Staged

    bulk.BulkLoad.install = keep
    db = Path(tempfile.mkdtemp(prefix="copy-phase-")) / "s.lbug"
    started = time.perf_counter()
    try:
        ingest([corpus], db, jobs=jobs, bulk=True)
    except Staged:
        print(f"staged in {time.perf_counter() - started:.0f} s: {out}")
    finally:
        shutil.rmtree(db.parent, ignore_errors=True)


def copy_phase(stage: str, pool: int, threads: int) -> dict:
    """Build a store from a copy of the staging file, the way ``BulkLoad.install`` does."""
    from chidao.errors import StoreError
    from chidao.graph.stores import bulk

    folder = Path(tempfile.mkdtemp(prefix="copy-phase-", dir=Path(stage).parent))
    shutil.copy(stage, folder / "stage.sqlite")
    load = object.__new__(bulk.BulkLoad)
    load.folder, load.built, load.buffer_pool_mb, load.store = folder, str(folder / "store.lbug"), pool, None
    load._db = sqlite3.connect(str(folder / "stage.sqlite"), isolation_level=None)
    original = bulk.Copier
    bulk.Copier = lambda *a, **k: original(*a, **k, threads=threads)
    sampler = _TreeRss(os.getpid(), every=0.1)
    sampler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        load._copy_in_child()
        outcome = "loaded"
    except StoreError as exc:
        outcome = str(exc)
    finally:
        sampler.stop()
        bulk.Copier = original
        load._db.close()
        shutil.rmtree(folder, ignore_errors=True)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"pool_mb": pool, "threads": threads, "rows": bulk.COPY_ROWS, "chars": bulk.COPY_CHARS,
            "s": round(time.perf_counter() - wall, 1), "writer_cpu_s": round(time.process_time() - cpu, 1),
            "loader_cpu_s": round(kids.ru_utime + kids.ru_stime, 1), "tree_mb": round(sampler.peak_mb),
            "loader_mb": kids.ru_maxrss // 1024, "outcome": outcome}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save-stage", help="ingest --corpus and keep its staging file here")
    parser.add_argument("--corpus", help="the folder to stage (with --save-stage)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--stage", help="a staging file kept with --save-stage")
    parser.add_argument("--pool", type=int, default=768, help="the loader's cache, MiB")
    parser.add_argument("--threads", type=int, default=1, help="the loader's engine threads")
    parser.add_argument("--rows", type=int, help="rows per COPY part (bulk.COPY_ROWS)")
    parser.add_argument("--chars", type=int, help="characters per COPY part (bulk.COPY_CHARS)")
    args = parser.parse_args()
    if args.save_stage:
        save_stage(args.corpus, args.save_stage, args.jobs)
        return
    from chidao.graph.stores import bulk

    if args.rows:
        bulk.COPY_ROWS = args.rows
    if args.chars:
        bulk.COPY_CHARS = args.chars
    print(copy_phase(args.stage, args.pool, args.threads))


if __name__ == "__main__":
    main()
