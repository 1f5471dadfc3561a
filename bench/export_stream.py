"""Measure the whole-store exports streamed from the store: time, CPU time, peak RSS, output size.

    python bench/export_stream.py --docs 1000 10000 --work /tmp/exportbench         # every format
    python bench/export_stream.py --docs 1000 --work /tmp/exportbench --networkx    # also the networkx path
    python bench/export_stream.py --docs 100000 --formats turtle,neo4j-import --db EXISTING_STORE
    python bench/export_stream.py --docs 10000 --work /tmp/exportbench --pool 256   # page cache capped

Formats (the ``chidao export`` names): ntriples, turtle, jsonld, neo4j-import, cypher, graphml. Each
export runs in a fresh child process (spawned), so its peak RSS is its own: opening the store read
only, reading it page by page, writing the file (under ``--work``, deleted after measuring unless
``--keep``). ``--db`` measures an existing store (``--docs`` then only labels the row); otherwise a
store is made once per size under ``--work`` (bench corpus, seed 7, ``ingest --jobs 2``) and reused.
``--pool MB`` sets ``CHIDAO_BUFFER_POOL_MB`` in the children. Results are merged into
bench/results/export_stream.json, keyed by documents (and pool).
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

from rdf_stream import make_store  # noqa: E402  (bench/rdf_stream.py: a bench store, made once)

FORMATS = ("ntriples", "turtle", "jsonld", "neo4j-import", "cypher", "graphml")
EXTENSIONS = {"ntriples": "nt", "turtle": "ttl", "jsonld": "jsonld", "neo4j-import": "csv", "cypher": "cypher",
              "graphml": "graphml"}


def _child(fn, *args):
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def export(db: str, fmt: str, out: str, pool: int | None, networkx: bool) -> dict:
    """One export of the whole store, measured in this (fresh) process."""
    if pool:
        os.environ["CHIDAO_BUFFER_POOL_MB"] = str(pool)
    from chidao.graph.stores import open_store

    start, cpu = time.perf_counter(), time.process_time()
    with open_store(db, read_only=True) as store:
        if networkx:  # the path before streaming: the whole graph into networkx, then its writer
            from chidao.graph.load import graph_from_store

            store_or_graph = graph_from_store(store)
        else:
            store_or_graph = store
        rows = _write(store_or_graph, fmt, out, networkx)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "rows_per_cpu_s": round(rows / cpu) if rows > 0 else None,
            "peak_rss_mb": round(peak), "bytes": _size(Path(out))}


def _write(source, fmt: str, out: str, networkx: bool) -> int:
    """Writes ``fmt`` to ``out``; returns the rows written (triples, or nodes + edges)."""
    from chidao.graph.export import neo4j_files, rdf_stream, store_stream

    rdf = {"ntriples": "nt", "turtle": "turtle", "jsonld": "json-ld"}
    if fmt in rdf:
        with open(out, "wb") as fp:
            if networkx:
                from chidao.graph.export.rdf import write_rdf

                write_rdf(source, fp, rdf[fmt])
                return -1  # rdflib does not say
            return rdf_stream.export_store(source, fp, rdf[fmt])
    if fmt == "neo4j-import":
        if networkx:
            neo4j_files.write_neo4j_import(source, out)
            return source.number_of_nodes() + source.number_of_edges()
        store_stream.write_neo4j_import_store(source, out)
        return sum(store_stream.counts(source))
    if fmt == "cypher":
        with open(out, "w", encoding="utf-8", newline="\n") as fp:
            if networkx:
                return neo4j_files.write_cypher_script(source, fp)
            return store_stream.write_cypher_script_store(source, fp)
    if fmt == "graphml":
        with open(out, "wb") as fp:
            if networkx:
                from chidao.graph.export.interchange import write_graphml

                write_graphml(source, fp)
                return source.number_of_nodes() + source.number_of_edges()
            return sum(store_stream.write_graphml_store(source, fp))
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", default=",".join(FORMATS), help="Comma-separated (default: all).")
    parser.add_argument("--db", help="An existing store to measure (one --docs value labels it).")
    parser.add_argument("--work", type=Path, default=Path("/tmp/chidao-export-bench"))
    parser.add_argument("--pool", type=int, help="CHIDAO_BUFFER_POOL_MB for the exports (MB).")
    parser.add_argument("--networkx", action="store_true", help="Also the networkx path (whole graph in memory).")
    parser.add_argument("--keep", action="store_true", help="Keep the exported files under --work.")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "export_stream.json")
    args = parser.parse_args()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if unknown := set(formats) - set(FORMATS):
        parser.error(f"unknown formats {sorted(unknown)} (one of {', '.join(FORMATS)})")
    if args.db and len(args.docs) != 1:
        parser.error("--db measures one store: give one --docs value to label it")
    args.work.mkdir(parents=True, exist_ok=True)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    for docs in args.docs:
        db = args.db or str(make_store(docs, args.work))
        label = f"{docs}" + (f"/pool{args.pool}" if args.pool else "")
        row = {}
        for fmt in formats:
            for networkx in (False, True) if args.networkx else (False,):
                out = args.work / f"{docs}{'.networkx' if networkx else ''}.{EXTENSIONS[fmt]}"
                name = f"{fmt}_networkx" if networkx else fmt
                row[name] = _child(export, db, fmt, str(out), args.pool, networkx)
                print(f"{label:>12} docs  {name:<21} {row[name]}", flush=True)
                if not args.keep:
                    shutil.rmtree(out) if out.is_dir() else out.unlink(missing_ok=True)
        results[label] = {**results.get(label, {}), **row, "cpus": os.cpu_count(), "db": db}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
