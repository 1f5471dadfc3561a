"""Measure the streamed RDF export (N-Triples and Turtle of the whole store): triples/s and peak RSS.

    python bench/rdf_stream.py --docs 1000 10000 --work /tmp/rdfbench            # corpus and stores kept there
    python bench/rdf_stream.py --docs 1000 --work /tmp/rdfbench --rdflib        # also the rdflib path, for scale

Each export runs in a fresh child process (spawned), so its peak RSS is its own: opening the store,
reading it page by page, writing the file. A store is made once per size (bench corpus, seed 7,
``chidao ingest --jobs 2``) and reused. Results go to bench/results/rdf_stream.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py)


def _child(fn, *args):
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def streamed(db: str, fmt: str, out: str) -> dict:
    from chidao.graph.export.rdf_stream import export_store
    from chidao.graph.stores import open_store

    start = time.perf_counter()
    with open_store(db, read_only=True) as store, open(out, "wb") as fp:
        triples = export_store(store, fp, fmt)
    seconds = time.perf_counter() - start
    return {"triples": triples, "seconds": round(seconds, 2), "triples_per_s": round(triples / seconds),
            "peak_rss_mb": round(_peak_mb()), "bytes": os.path.getsize(out)}


def through_rdflib(db: str, fmt: str, out: str) -> dict:
    """The path before streaming: the whole graph into networkx, then an rdflib graph, then serialise."""
    from chidao.graph.export.rdf import write_rdf
    from chidao.graph.load import graph_from_store
    from chidao.graph.stores import open_store

    start = time.perf_counter()
    with open_store(db, read_only=True) as store:
        graph = graph_from_store(store)
    with open(out, "wb") as fp:
        write_rdf(graph, fp, fmt)
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(_peak_mb()), "bytes": os.path.getsize(out)}


def make_store(docs: int, work: Path) -> Path:
    db = work / f"{docs}.lbug"
    if db.exists():
        return db
    from chidao.ingest import ingest

    corpus.generate(docs, work / f"corpus-{docs}", seed=7)
    report = ingest([work / f"corpus-{docs}"], db, jobs=2)
    assert report.added == docs and not report.failed, report.summary()
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/chidao-rdf-bench"))
    parser.add_argument("--rdflib", action="store_true", help="Also time the rdflib path (slow: ~1.5 min at 1,000).")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "rdf_stream.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    for docs in args.docs:
        db = str(make_store(docs, args.work))
        row = {}
        for fmt, ext in (("nt", "nt"), ("turtle", "ttl")):
            row[fmt] = _child(streamed, db, fmt, str(args.work / f"{docs}.{ext}"))
            print(f"{docs:>7} docs  {fmt:<7} streamed  {row[fmt]}", flush=True)
            if args.rdflib:
                row[f"{fmt}_rdflib"] = _child(through_rdflib, db, fmt, str(args.work / f"{docs}.rdflib.{ext}"))
                print(f"{docs:>7} docs  {fmt:<7} rdflib    {row[f'{fmt}_rdflib']}", flush=True)
        results[str(docs)] = {**results.get(str(docs), {}), **row, "cpus": os.cpu_count()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
