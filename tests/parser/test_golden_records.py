"""Speed work changes no record (issue 15): the records of every corpus set, byte for byte.

Each file's record is dumped as ``chidao extract --format jsonl`` prints it (its path made relative)
and hashed; ``golden_records.json`` beside this file holds the hashes the parser gave when they were
last written. A speed-up must leave every hash as it was. When the parser is changed on purpose
(a better reading of the real corpus), write them again and commit them with that change:

    python tests/parser/test_golden_records.py --write

The sets: the packaged samples, tests/data/{corpus,directives,real,heldout} (heldout is only run,
its hashes say nothing of its texts), and the first ``BENCH_DOCS`` documents of the bench corpus
(``bench/corpus.py``, seed 7), which carry the noise of converted files.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden_records.json")
SETS = ("src/chidao/data/samples", "tests/data/corpus", "tests/data/directives", "tests/data/real",
        "tests/data/heldout")
BENCH_DOCS = 120


def _digest(record: dict, name: str) -> str:
    record["source"]["path"] = name  # where the checkout lives is not the parser's result
    line = json.dumps(record, ensure_ascii=False)
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def current() -> dict[str, str]:
    """``{set/file: sha256 of its JSON line}`` for every file of every set, as the parser gives now."""
    from chidao.extract import extract_file

    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # bench/corpus.py

    out = {}
    for folder in SETS:
        for path in sorted((ROOT / folder).glob("*.txt")):
            name = f"{folder}/{path.name}"
            out[name] = _digest(extract_file(path), name)
    with tempfile.TemporaryDirectory() as tmp:
        for path in corpus.generate(BENCH_DOCS, Path(tmp), seed=7):
            name = f"bench/{path.name}"
            out[name] = _digest(extract_file(path), name)
    return out


def test_records_are_byte_for_byte_the_golden_ones() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = current()
    assert sorted(now) == sorted(golden), "files added or removed: write the hashes again (see module docstring)"
    changed = sorted(name for name in golden if now[name] != golden[name])
    assert not changed, f"{len(changed)} records changed, first: {changed[:5]} (if on purpose: see module docstring)"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    GOLDEN.write_text(json.dumps(current(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")
