"""Measure chidao at a given corpus size: parse, ingest, memory, store size, queries, exports.

    python bench/run.py --docs 10000                # prints a table, writes bench/results/10000.json
    python bench/run.py --docs 1000 --jobs 2 --repeat 7

Every heavy phase runs in a child process so its peak RSS is its own (the whole process tree's, its
workers included, sampled from /proc). The floor to compare with is
reading the same files and normalising them to NFC.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (bench/corpus.py, beside this file)


def _in_child(fn, *args):
    """Run fn(*args) in a fresh process; return (result, seconds, peak RSS in MB, CPU seconds of the
    process and its children: on shared cores the wall time is not the program's own)."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:  # non-daemonic: may have children
        return pool.submit(_measure, fn, *args).result()


def _measure(fn, *args):
    """Time fn and take the peak memory of the whole process tree it makes, not only its largest
    process: ingest parses in worker processes, and a laptop has to hold all of them at once."""
    sampler = _TreeRss(os.getpid())
    sampler.start()
    start, cpu0 = time.perf_counter(), _cpu()
    try:
        result = fn(*args)
    finally:
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu0
        sampler.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result, seconds, max(peak, children, sampler.peak_mb), cpu


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class _TreeRss(threading.Thread):
    """Samples the summed RSS of a process and its descendants from /proc every 0.2 s (Linux only;
    elsewhere it reads nothing and the largest single process's peak is reported)."""

    def __init__(self, root: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.every, self.peak_mb, self._done = root, every, 0.0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            self.peak_mb = max(self.peak_mb, _tree_rss_mb(self.root))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_rss_mb(root: int) -> float:
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        pid = int(status.parent.name)
        parent[pid] = int(fields.get("PPid", "0").strip() or 0)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) if "VmRSS" in fields else 0
    tree, frontier = {root}, [root]
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree) / 1024


def floor(paths: list[str]) -> int:
    total = 0
    for p in paths:
        total += len(unicodedata.normalize("NFC", Path(p).read_bytes().decode("utf-8")))
    return total


def parse_all(paths: list[str], jobs: int) -> int:
    from chidao.extract import extract_file

    if jobs <= 1:
        return sum(len(extract_file(p)["measures"]) for p in paths)
    with ProcessPoolExecutor(jobs) as pool:
        return sum(len(r["measures"]) for r in pool.map(extract_file, paths, chunksize=64))


def ingest_all(folder: str, db: str, jobs: int) -> dict[str, Any]:
    from chidao.ingest import ingest

    report = ingest([folder], db, jobs=jobs)
    return {"added": report.added, "failed": len(report.failed), "nodes": report.nodes_added,
            "edges": report.edges_added}


PAGE = 100
"""Rows an analyst reads at once: each query is also timed with ``limit=PAGE``."""


TARGETS = {
    "body": "MATCH (b:Body)-[r:RESPONSIBLE_FOR]->() RETURN b.id AS id, count(r) AS n ORDER BY n DESC, id",
    "chain": "MATCH (p)-[r:ACCOUNTABLE_TO|REPORTS_TO]->() RETURN p.id AS id, count(r) AS n ORDER BY n DESC, id",
    "document": "MATCH (:Document)-[:CITES]->(d:Document) RETURN d.id AS id, count(*) AS n ORDER BY n DESC, id",
    "person": "MATCH (p:Person)-[s:SIGNS]->() RETURN p.id AS id, count(s) AS n ORDER BY n DESC, id",
}
"""Nodes of each kind a single-node query starts from, ranked by the size of their neighbourhood:
bodies by measures, chain starts by accountability and reporting lines, documents by citing
documents, persons by documents signed."""

TYPICAL = "typical_"
"""Prefix of the median node's key in :func:`targets` (``typical_body``…)."""


def targets(store: Any) -> dict[str, str]:
    """The busiest node of each kind (the worst realistic case for a query about one node) and, under
    ``typical_<kind>``, the median one (what an analyst usually asks about), by id."""
    out: dict[str, str] = {}
    for kind, cypher in TARGETS.items():
        ids = [r["id"] for r in store.query(cypher)]
        out[kind] = ids[0] if ids else ""
        out[TYPICAL + kind] = ids[len(ids) // 2] if ids else ""
    return out


NODE_KINDS = ("actor", "person", "document")


def query_cases(q: Any) -> list[tuple[str | None, str]]:
    """How a stored query is timed: (prefix of its targets, or None for no node; the figure's name).
    A query about one node runs on the busiest node and the median one (``NAME (typical)``); one whose
    node is optional (``citations``) also runs without it, as ``NAME``."""
    if not any(p.kind in NODE_KINDS for p in q.params):
        return [(None, q.name)]
    if any(p.required for p in q.params):
        return [("", q.name), (TYPICAL, f"{q.name} (typical)")]
    return [(None, q.name), ("", f"{q.name} (busiest)"), (TYPICAL, f"{q.name} (typical)")]


def query_params(q: Any, chosen: dict[str, str], prefix: str | None = "") -> dict[str, str]:
    """A stored query's node parameter from the chosen targets (``prefix`` picks the busiest or the
    typical ones; None, none) and its other required ones."""
    if prefix is None:
        return {}
    if q.name == "accountability-chain":
        return {"body": chosen[prefix + "chain"]}
    return {p.name: chosen[prefix + p.name] for p in q.params if p.required or p.kind in NODE_KINDS}


def queries(db: str, repeat: int) -> dict[str, Any]:
    """Each stored query's median time (``ms`` wall, ``cpu_ms`` process CPU) and rows, in full and for
    the first PAGE rows (``NAME@100``); a query about one node on the busiest node (``NAME``) and on the
    median one (``NAME (typical)``, ``NAME (typical)@100``)."""
    from chidao.graph.stores import open_store
    from chidao.queries import list_queries, run_query

    out: dict[str, Any] = {}
    with open_store(db, read_only=True) as store:
        chosen = targets(store)
        out["targets"] = chosen
        for q in list_queries():
            for prefix, name in query_cases(q):
                params = query_params(q, chosen, prefix)
                for limit, key in ((None, name), (PAGE, f"{name}@{PAGE}")):
                    times, cpu, rows = [], [], 0
                    for _ in range(repeat):
                        start, start_cpu = time.perf_counter(), time.process_time()
                        rows = len(run_query(store, q.name, params, limit=limit))
                        times.append((time.perf_counter() - start) * 1000)
                        cpu.append((time.process_time() - start_cpu) * 1000)
                    out[key] = {"ms": statistics.median(times), "cpu_ms": statistics.median(cpu), "rows": rows}
    return out


WHOLE_STORE_EXPORTS = ("turtle", "ntriples", "jsonld", "graphml", "cypher", "neo4j-import")
"""Formats exported whole, each as a user runs it (`chidao export FORMAT --db STORE -o OUT`)."""


def export_cli(db: str, fmt: str, out: str) -> dict[str, Any]:
    """One whole-store export through the command line, in this (fresh) process's child."""
    import subprocess

    command = [sys.executable, "-c", "from chidao.cli import main; main()", "export", fmt, "--db", db, "-o", out]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
    return {"mb": du(out)}


def load_graph(db: str, focus_nodes: int) -> dict[str, float]:
    """The old way to see the whole graph: load it all into networkx, then an HTML view of a focus
    around the busiest body (`--skip load` at 100,000 documents: 13.6 GB)."""
    import networkx as nx

    from chidao.graph.export.html import render_html
    from chidao.graph.load import graph_from_store
    from chidao.graph.stores import open_store

    out: dict[str, float] = {}
    start = time.perf_counter()
    with open_store(db, read_only=True) as store:
        graph = graph_from_store(store)
    out["load_graph_s"] = time.perf_counter() - start
    out["graph_nodes"] = graph.number_of_nodes()
    out["graph_edges"] = graph.number_of_edges()
    seed = max((n for n, d in graph.nodes(data=True) if d["label"] == "Body"), key=graph.degree)
    keep = list(nx.bfs_tree(graph.to_undirected(as_view=True), seed))[:focus_nodes]
    sub = graph.subgraph(keep).copy()
    start = time.perf_counter()
    page = render_html(sub, max_nodes=focus_nodes)
    out["html_s"] = time.perf_counter() - start
    out["html_nodes"] = sub.number_of_nodes()
    out["html_mb"] = len(page.encode()) / 1e6
    return out


def exports(db: str, workdir: Path, formats: tuple[str, ...]) -> dict[str, Any]:
    """Each whole-store export in a fresh process: seconds, peak RSS of its process tree, size."""
    out: dict[str, Any] = {}
    for fmt in formats:
        target = workdir / f"export-{Path(db).stem}.{fmt}"
        if target.is_dir():
            for f in target.iterdir():
                f.unlink()
        elif target.exists():
            target.unlink()
        result, t, rss, cpu = _in_child(export_cli, db, fmt, str(target))
        out[fmt] = {"s": t, "cpu_s": cpu, "rss_mb": rss, **result, "commit": _commit()}
        if target.is_dir():
            for f in target.iterdir():
                f.unlink()
            target.rmdir()
        elif target.exists():
            target.unlink()
    return out


def _commit() -> str:
    """The commit measured, with a + when the tree has changes not committed."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "src"], cwd=root,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def du(path: str) -> float:
    p = Path(path)
    files = [p] if p.is_file() else list(p.rglob("*"))
    extra = [Path(str(p) + ".wal")] if Path(str(p) + ".wal").exists() else []
    return sum(f.stat().st_size for f in files + extra if f.is_file()) / 1e6


def run(docs: int, jobs: int, repeat: int, workdir: Path, seed: int = 7, skip: frozenset[str] = frozenset()
        ) -> dict[str, Any]:
    folder = workdir / f"corpus-{docs}-{seed}"
    if not folder.exists() or len(list(folder.glob("*.txt"))) != docs:
        corpus.generate(docs, folder, seed)
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    mb = sum(Path(p).stat().st_size for p in paths) / 1e6
    result: dict[str, Any] = {"docs": docs, "corpus_mb": round(mb, 2), "cores": os.cpu_count(), "jobs": jobs,
                              "commit": _commit(), "date": time.strftime("%Y-%m-%d")}

    commit = result["commit"]
    if "parse" not in skip:  # the floor beside the parse it is the floor of
        _, t, rss, cpu = _in_child(floor, paths)
        result["floor"] = {"s": t, "cpu_s": cpu, "docs_per_s": docs / t, "mb_per_s": mb / t, "rss_mb": rss,
                           "commit": commit}
        _, t, rss, cpu = _in_child(parse_all, paths, 1)
        result["parse_1"] = {"s": t, "cpu_s": cpu, "docs_per_s": docs / t, "mb_per_s": mb / t, "rss_mb": rss,
                             "commit": commit}
        _, t, rss, cpu = _in_child(parse_all, paths, jobs)
        result[f"parse_{jobs}"] = {"s": t, "cpu_s": cpu, "docs_per_s": docs / t, "mb_per_s": mb / t,
                                   "rss_mb": rss, "commit": commit}
    db = str(workdir / f"store-{docs}.lbug")
    if "ingest" not in skip:
        for leftover in (Path(db), Path(db + ".wal")):
            if leftover.exists():
                leftover.unlink()
        counts, t, rss, cpu = _in_child(ingest_all, str(folder), db, jobs)
        result["ingest"] = {"s": t, "cpu_s": cpu, "docs_per_s": docs / t, "rss_mb": rss, **counts,
                            "store_mb": du(db), "commit": commit}
    elif not Path(db).exists() and not {"queries", "load", *WHOLE_STORE_EXPORTS} <= skip:
        sys.exit(f"{db}: no store to query or export (run without --skip ingest first)")
    if "queries" not in skip:
        latencies, _, _, _ = _in_child(queries, db, repeat)
        result["query_targets"] = latencies.pop("targets")
        result["queries"] = latencies
    if "load" not in skip:
        out, t, rss, _ = _in_child(load_graph, db, 2000)
        result["exports"] = {**out, "rss_mb": rss}
    formats = tuple(f for f in WHOLE_STORE_EXPORTS if f not in skip)
    if formats:
        result["whole_exports"] = exports(db, workdir, formats)
    return result


def table(r: dict[str, Any]) -> str:
    jobs = r["jobs"]
    rows = [("corpus", f"{r['docs']} docs, {r['corpus_mb']} MB")]
    if "floor" in r:
        rows.append(("floor: read + NFC", f"{r['floor']['s']:.2f} s  ({r['floor']['docs_per_s']:.0f} docs/s)"))
    if "parse_1" in r:
        p1 = r["parse_1"]
        ratio = p1.get("cpu_s", p1["s"]) / r["floor"].get("cpu_s", r["floor"]["s"])
        rows += [
            ("parse, 1 process", f"{p1['s']:.2f} s  {p1['docs_per_s']:.0f} docs/s  {p1['mb_per_s']:.2f} MB/s  "
                                 f"CPU {p1.get('cpu_s', float('nan')):.2f} s  ×{ratio:.0f} floor (CPU)  "
                                 f"RSS {p1['rss_mb']:.0f} MB"),
            (f"parse, {jobs} processes", f"{r[f'parse_{jobs}']['s']:.2f} s  "
                                         f"{r[f'parse_{jobs}']['docs_per_s']:.0f} docs/s")]
    if "ingest" in r:
        rows += [
            ("ingest (extract + build + write)", f"{r['ingest']['s']:.2f} s  {r['ingest']['docs_per_s']:.0f} docs/s  "
                                                 f"peak RSS {r['ingest']['rss_mb']:.0f} MB  "
                                                 f"store {r['ingest']['store_mb']:.1f} MB"),
            ("graph", f"{r['ingest']['nodes']} nodes, {r['ingest']['edges']} edges"),
        ]
    names = [n for n in r.get("queries", {}) if "@" not in n]
    rows += [(f"query {n}", f"{r['queries'][n]['ms']:8.1f} ms {r['queries'][n]['rows']:>7} rows   first {PAGE}: "
                            f"{r['queries'][f'{n}@{PAGE}']['ms']:6.1f} ms") for n in names]
    if "exports" in r:
        e = r["exports"]
        rows += [("load graph from store", f"{e['load_graph_s']:.2f} s"),
                 (f"HTML export, {e['html_nodes']}-node focus", f"{e['html_s']:.2f} s  ({e['html_mb']:.1f} MB)")]
        if "turtle_s" in e:
            rows.append(("Turtle export, whole graph", f"{e['turtle_s']:.2f} s  ({e['turtle_mb']:.1f} MB)"))
    for fmt, e in r.get("whole_exports", {}).items():
        rows.append((f"export {fmt}, whole store", e.get("error") or
                     f"{e['s']:.2f} s  peak RSS {e['rss_mb']:.0f} MB  ({e['mb']:.1f} MB)"))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description="chidao benchmarks")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5, help="runs per query; the median is reported")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "chidao-bench")
    parser.add_argument("--out", type=Path, default=None, help="JSON file (default bench/results/<docs>.json)")
    parser.add_argument("--skip", default="", help="comma-separated phases to skip: parse (and its floor), ingest (query "
                        "and export the store a previous run left), queries, load (whole graph into networkx), or "
                        "an export format (turtle, ntriples, jsonld, graphml, cypher, neo4j-import)")
    parser.add_argument("--update", action="store_true", help="merge into the --out file: phases run now replace "
                        "theirs, the others are kept (each phase records its commit)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    result = run(args.docs, args.jobs, args.repeat, args.workdir, skip=frozenset(filter(None, args.skip.split(","))))
    out = args.out or Path(__file__).resolve().parent / "results" / f"{args.docs}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.update and out.exists():
        earlier = json.loads(out.read_text(encoding="utf-8"))
        whole = {**earlier.get("whole_exports", {}), **result.get("whole_exports", {})}
        result = {**earlier, **result, **({"whole_exports": whole} if whole else {})}
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(result))
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
