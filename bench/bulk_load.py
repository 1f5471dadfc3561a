"""Bulk first load against the transactional path: ingest time and the whole process tree's peak RSS.

Each mode ingests the same generated corpus into a new store, in a fresh process; the figures are
wall seconds, CPU seconds (the process and every worker it waited for), the peak of the summed RSS of
the process tree (sampled from /proc every 0.1 s), the store's size, and whether the two stores hold
the same counts.

    python bench/bulk_load.py --docs 1000
    python bench/bulk_load.py --docs 10000 --modes bulk --jobs 2 --workdir /tmp/bulk-bench
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py, beside this file)
from run import _TreeRss  # noqa: E402  (bench/run.py: the process tree's summed RSS)


def _ingest(folder: str, db: str, jobs: int, bulk: bool) -> dict:
    """In the child: ingest, and measure it."""
    from chidao.graph.stores import open_store
    from chidao.ingest import ingest

    sampler = _TreeRss(os.getpid(), every=0.1)
    sampler.start()
    wall = time.perf_counter()
    report = ingest([folder], db, jobs=jobs, bulk=bulk)
    wall = time.perf_counter() - wall
    sampler.stop()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open_store(db, read_only=True) as store:
        stats = store.stats()
    return {"added": report.added, "failed": len(report.failed), "s": round(wall, 2),
            "cpu_s": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 2),
            "main_cpu_s": round(me.ru_utime + me.ru_stime, 2),
            "rss_mb": round(max(sampler.peak_mb, me.ru_maxrss / 1024, kids.ru_maxrss / 1024)),
            "nodes": stats["node_count"], "edges": stats["edge_count"], "files": stats["files"],
            "store_mb": round(Path(db).stat().st_size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None, help="parse processes (default: the cores)")
    parser.add_argument("--modes", default="bulk,transactional")
    parser.add_argument("--workdir", default="/tmp/chidao-bulk-bench")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from chidao.ingest import default_jobs

    jobs = args.jobs or default_jobs(args.docs)
    work = Path(args.workdir)
    folder = work / f"corpus-{args.docs}-{args.seed}"
    if not folder.is_dir():
        corpus.generate(args.docs, folder, seed=args.seed)
    results = {}
    for mode in args.modes.split(","):
        db = work / f"store-{args.docs}-{mode}.lbug"
        for leftover in (db, Path(f"{db}.wal")):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(f"{db}.journal", ignore_errors=True)
        with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
            results[mode] = pool.submit(_ingest, str(folder), str(db), jobs, mode == "bulk").result()
        print(json.dumps({"docs": args.docs, "jobs": jobs, "mode": mode, **results[mode]}), flush=True)
    if len(results) == 2:
        a, b = results.values()
        same = all(a[k] == b[k] for k in ("nodes", "edges", "files"))
        print(f"same counts: {same}")


if __name__ == "__main__":
    main()
