"""Parse time per document on the bench corpus, split into reading (decode, normalise, recover the
layout) and extraction, in CPU time so another process on the machine disturbs it less than wall time.

    python bench/parse_speed.py --docs 600                 # this checkout
    PYTHONPATH=/path/to/other/checkout/src python bench/parse_speed.py --docs 600

Run it in two checkouts (``git worktree add``) to compare revisions; the best of ``--repeat`` runs is
reported for each phase.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402  (bench/corpus.py, beside this file)


def measure(paths: list[Path], repeat: int) -> tuple[float, float]:
    from chidao.extract.record import extract_record
    from chidao.loaders import read

    best_read = best_extract = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        docs = [read(p) for p in paths]
        best_read = min(best_read, time.process_time() - start)
        start = time.process_time()
        for doc in docs:
            extract_record(doc)
        best_extract = min(best_extract, time.process_time() - start)
    return best_read, best_extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus.generate(args.docs, Path(tmp), seed=args.seed)
        read_s, extract_s = measure(paths, args.repeat)
    n = len(paths)
    print(f"{n} documents: read {1000 * read_s / n:.2f} ms, extract {1000 * extract_s / n:.2f} ms, "
          f"total {1000 * (read_s + extract_s) / n:.2f} ms a document (CPU time, best of {args.repeat})")


if __name__ == "__main__":
    main()
