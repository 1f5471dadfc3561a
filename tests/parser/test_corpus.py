"""The parser on directives it was not tuned on, scored against hand-made gold.

* ``tests/data/corpus`` and ``tests/data/directives``: invented directives written with clean lines
  (the second by people who had not read the parser).
* ``tests/data/real``: real directives kept exactly as public sources give them (copied legal-library
  tables, press renderings, Party-site pages, PDF text layers, flattened text); gold annotated from
  the text before the parser ran on it. The thresholds are the ones issue 11 set.
* ``tests/data/heldout``: real directives collected and annotated by someone who did not write the
  parser; its developers see only this score. Its thresholds hold today's level, below the aim
  (docs/testing.md says by how much).

Each ``*.txt`` has a ``*.gold.json`` (same shape as shared/gold); the scorer is the project's
``tests/data/score.py``. Thresholds are for a set as a whole, so one new hard document does not fail
the build, but a regression across documents does.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from chidao.extract import extract_file

DATA = Path(__file__).resolve().parents[1] / "data"
SETS = ("corpus", "directives", "real", "heldout")
MIN_FILES = {"corpus": 30, "directives": 30, "real": 90, "heldout": 18}
FIRST_REAL = re.compile(r"^[1-7]\d\d_")
"""The real set's first 78 files (1xx–7xx), the ones issue 11's thresholds were set on; the 8xx and
9xx, 10xx, 11xx and 12xx files (six collections) came in on 2026-12-06, gold written before the parser ran, and are
scored with the whole set (whose thresholds sit a little under its score that day)."""
TEXTS = sorted(p for name in SETS for p in (DATA / name).glob("*.txt"))

MINIMUM = {
    "corpus": {"overall": 0.96, "header": 0.98, "assignments": 0.9, "recipients": 0.95, "cc": 0.95,
               "cites": 0.95, "accountability": 0.95, "reporting": 0.9, "deadlines": 0.9},
    "directives": {"overall": 0.94, "header": 0.96, "assignments": 0.84, "recipients": 0.95, "cc": 0.95,
                   "cites": 0.9, "accountability": 0.9, "reporting": 0.88, "deadlines": 0.88},
    "real": {"overall": 0.87, "header": 0.90, "cites": 0.85, "assignments": 0.82, "recipients": 0.92, "cc": 0.95,
             "reporting": 0.82},
    "real-1xx-7xx": {"overall": 0.92, "header": 0.95, "cites": 0.90, "assignments": 0.85, "recipients": 0.95,
                     "cc": 0.95, "reporting": 0.85},
    "heldout": {"overall": 0.75, "header": 0.73},
}
HEADER_SETS = {"corpus": 0.9, "directives": 0.9, "real-1xx-7xx": 0.9, "real": 0.82}
"""Sets where every header field must be right in nine documents of ten (the whole real set, with the
texts collected on 2026-12-06 for what the parser lacked, in 82 of 100)."""
HEADER_FIELDS = ("doc_type", "number", "date", "place", "issuer", "signer.name", "signer.capacity")


@pytest.mark.parametrize("name", SETS)
def test_every_directive_has_gold(name) -> None:
    folder = DATA / name
    golds = {p.name.removesuffix(".gold.json") for p in folder.glob("*.gold.json")}
    assert {p.stem for p in folder.glob("*.txt")} == golds
    assert len(golds) >= MIN_FILES[name]


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name in (*SETS, "real-1xx-7xx"):
        folder = DATA / name
        if name == "real-1xx-7xx":  # the same files' golds, in a folder of their own
            folder = tmp_path_factory.mktemp(name)
            for p in (DATA / "real").glob("*.gold.json"):
                if FIRST_REAL.match(p.name):
                    (folder / p.name).write_bytes(p.read_bytes())
        texts = sorted((DATA / name.split("-")[0]).glob("*.txt"))
        texts = [p for p in texts if name != "real-1xx-7xx" or FIRST_REAL.match(p.name)]
        records = tmp_path_factory.mktemp(name) / "records.jsonl"
        records.write_text("\n".join(json.dumps(extract_file(p), ensure_ascii=False) for p in texts),
                           encoding="utf-8")
        result = subprocess.run([sys.executable, str(DATA / "score.py"), str(records), str(folder)],
                                capture_output=True, text=True, check=True)
        values = dict(re.findall(r"^(\S+)\s+(?:F1 )?([01]\.\d{3})", result.stdout, re.M))
        values.update(re.findall(r"(overall|header|lists)=([01]\.\d{3})", result.stdout))
        out[name] = {k: float(v) for k, v in values.items()}
    return out


@pytest.mark.parametrize(("name", "field"), [(n, f) for n in MINIMUM for f in MINIMUM[n]])
def test_scores(scores, name, field) -> None:
    assert scores[name][field] >= MINIMUM[name][field], scores[name]


@pytest.mark.parametrize("name", HEADER_SETS)
@pytest.mark.parametrize("field", HEADER_FIELDS)
def test_header_fields(scores, name, field) -> None:
    assert scores[name][field] >= HEADER_SETS[name], scores[name]


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_spans_quote_their_text(path) -> None:
    from chidao.loaders import read

    record = extract_file(path)
    text = read(path).text
    for m in record["measures"]:
        assert text[m["span"][0]:m["span"][1]] == m["text"]
        for a in m["assignments"]:
            assert text[a["span"][0]:a["span"][1]] == a["quote"]
    for group in ("citations", "accountability", "reporting", "deadlines"):
        for x in record[group]:
            assert text[x["span"][0]:x["span"][1]] == x["quote"]
