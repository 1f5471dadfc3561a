"""Parse time per document on the bench corpus, split into reading (decode, normalise, recover the
layout) and extraction, in CPU time so another process on the machine disturbs it less than wall time.

    python bench/parse_speed.py --docs 600                 # this checkout
    PYTHONPATH=/path/to/other/checkout/src python bench/parse_speed.py --docs 600

Run it in two checkouts (``git worktree add``) to compare revisions; the best of ``--repeat`` runs is
reported for each phase. ``--steps`` adds one more warm pass timed step by step: each reading step
(decode, the normaliser's and the layout recovery's passes) and each extraction stage, the table
docs/performance.md gives for what limits the parse.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
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


STAGES = (("record", "find_layout"), ("header", "parse_header"), ("closing", "signature"), ("record", "_measures"),
          ("record", "_account"), ("record", "_reports"), ("record", "_citations"), ("record", "find_deadlines"),
          ("record", "folded_lower"), ("res", "resolve"), ("res", "resolver_for"))
"""Extraction stages timed by ``--steps``: (module as ``record`` names it, function). A stage called from
another (``folded_lower`` inside ``_measures``) is counted in both; ``resolve`` counts the resolutions
made through ``resolver_for``'s closure too."""


@contextlib.contextmanager
def _timed(spent: Counter[str]) -> Iterator[None]:
    """Wrap each STAGES function so its CPU time adds up in ``spent``; put them back after."""
    from chidao.extract import record

    saved = []
    for owner, name in STAGES:
        module = record if owner == "record" else getattr(record, owner)
        func = getattr(module, name)
        saved.append((module, name, func))

        def timed(*args, _func=func, _name=name, **kwargs):
            start = time.process_time()
            try:
                return _func(*args, **kwargs)
            finally:
                spent[_name] += time.process_time() - start

        def timed_resolver(*args, _func=func, **kwargs):  # the record resolves through this one's closure
            return functools.partial(timed, _func=_func(*args, **kwargs), _name="resolve")

        setattr(module, name, timed_resolver if name == "resolver_for" else timed)
    try:
        yield
    finally:
        for module, name, func in saved:
            setattr(module, name, func)


def steps(paths: list[Path]) -> list[tuple[str, float]]:
    """CPU seconds of each reading step and each extraction stage over one warm pass of ``paths``."""
    from chidao.extract.record import extract_record
    from chidao.loaders import normalize, read, recover
    from chidao.loaders.text import decode

    spent: Counter[str] = Counter()
    for path in paths:
        raw = path.read_bytes()
        start = time.process_time()
        text, _ = decode(raw, str(path))
        spent["read: decode"] += time.process_time() - start
        tracked = normalize.Tracked.of(text)
        for step in (*normalize.STEPS, *recover.STEPS):
            start = time.process_time()
            tracked = step(tracked)
            spent[f"read: {step.__module__.rsplit('.', 1)[-1]}.{step.__name__}"] += time.process_time() - start
    docs = [read(p) for p in paths]
    with _timed(spent):
        start = time.process_time()
        for doc in docs:
            extract_record(doc)
        spent["extract (all)"] += time.process_time() - start
    return spent.most_common()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--steps", action="store_true", help="then time each reading step and extraction stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus.generate(args.docs, Path(tmp), seed=args.seed)
        read_s, extract_s = measure(paths, args.repeat)
        timed = steps(paths) if args.steps else []
    n = len(paths)
    print(f"{n} documents: read {1000 * read_s / n:.2f} ms, extract {1000 * extract_s / n:.2f} ms, "
          f"total {1000 * (read_s + extract_s) / n:.2f} ms a document (CPU time, best of {args.repeat})")
    for name, seconds in timed:
        print(f"  {1000 * seconds / n:6.3f} ms  {name}")


if __name__ == "__main__":
    main()
