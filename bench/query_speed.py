"""Time every stored query on an existing store: busiest and typical node, all rows and the first 100.

    python bench/query_speed.py --db /tmp/me/store-10000.lbug --repeat 5
    python bench/query_speed.py --db STORE --only lead-conflicts,unaccountable --json out.json

Times are process CPU (the engine's threads included) and wall, median of ``--repeat`` runs, in one
process with the store opened once (as ``chidao shell`` or a script would run them). The targets are
:func:`run.targets`: the busiest node of each kind and the median one.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402  (bench/run.py, beside this file)


def measure(db: str, repeat: int, only: set[str]) -> dict:
    from chidao.graph.stores import open_store
    from chidao.queries import list_queries, run_query

    out: dict = {}
    with open_store(db, read_only=True) as store:
        chosen = run.targets(store)
        out["targets"] = chosen
        for q in list_queries():
            if only and q.name not in only:
                continue
            for prefix, name in run.query_cases(q):
                params = run.query_params(q, chosen, prefix)
                for limit in (None, run.PAGE):
                    cpu, wall, rows = [], [], 0
                    for _ in range(repeat):
                        w, c = time.perf_counter(), time.process_time()
                        rows = len(run_query(store, q.name, params, limit=limit))
                        cpu.append((time.process_time() - c) * 1000)
                        wall.append((time.perf_counter() - w) * 1000)
                    key = f"{name}{'' if limit is None else f'@{limit}'}"
                    out[key] = {"cpu_ms": statistics.median(cpu), "ms": statistics.median(wall), "rows": rows}
                    print(f"{key:<40} cpu {out[key]['cpu_ms']:9.1f} ms  wall {out[key]['ms']:9.1f} ms  "
                          f"{rows:>8} rows", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="stored-query latency on an existing store")
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated query names")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = measure(args.db, args.repeat, set(filter(None, args.only.split(","))))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
