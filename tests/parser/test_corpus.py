"""The parser on directives it was not tuned on: the hand-annotated corpus in tests/data/corpus.

Each ``*.txt`` has a ``*.gold.json`` written by hand from the text (same shape as shared/gold); the
scorer is the project's ``tests/data/score.py``. Thresholds are for the corpus as a whole, so one new
hard document does not fail the build, but a regression across documents does.
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
CORPUS = DATA / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def test_every_directive_has_gold() -> None:
    golds = {p.name.removesuffix(".gold.json") for p in CORPUS.glob("*.gold.json")}
    assert {p.stem for p in TEXTS} == golds
    assert len(TEXTS) >= 15


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, float]:
    out = tmp_path_factory.mktemp("corpus") / "records.jsonl"
    out.write_text("\n".join(json.dumps(extract_file(p), ensure_ascii=False) for p in TEXTS), encoding="utf-8")
    result = subprocess.run([sys.executable, str(DATA / "score.py"), str(out), str(CORPUS)], capture_output=True,
                            text=True, check=True)
    values = dict(re.findall(r"^(\S+)\s+(?:F1 )?([01]\.\d{3})", result.stdout, re.M))
    values.update(re.findall(r"(overall|header|lists)=([01]\.\d{3})", result.stdout))
    return {k: float(v) for k, v in values.items()}


def test_overall(scores) -> None:
    assert scores["overall"] >= 0.93, scores
    assert scores["header"] >= 0.97, scores


@pytest.mark.parametrize("field", ["doc_type", "number", "date", "place", "issuer", "signer.name", "signer.capacity"])
def test_header_fields(scores, field) -> None:
    assert scores[field] >= 0.95, scores


@pytest.mark.parametrize(("field", "minimum"), [("assignments", 0.9), ("recipients", 0.9), ("cc", 0.9),
                                                 ("cites", 0.8), ("accountability", 0.85), ("reporting", 0.85)])
def test_list_fields(scores, field, minimum) -> None:
    assert scores[field] >= minimum, scores


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
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
