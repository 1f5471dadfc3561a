"""End to end on the four real sample directives: the contract, provenance, and the gold score."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from chidao.loaders import read

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "chidao" / "data" / "directive-record.schema.json"
SCORER = Path(__file__).resolve().parents[1] / "data" / "score.py"
GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def test_records_match_the_contract(sample_records) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for record in sample_records:
        jsonschema.validate(record, schema)


def _spans(record: dict):
    """Every (span, quote-or-name) pair in a record."""
    def ref(r):
        if r and "span" in r:
            yield r["span"], r.get("quote", r["name"])

    d = record["document"]
    yield from ref(d["issuer"])
    for r in record["recipients"] + record["cc"]:
        yield from ref(r)
    for c in record["citations"]:
        yield c["span"], c["quote"]
    for m in record["measures"]:
        yield m["span"], m["text"]
        for a in m["assignments"]:
            yield a["span"], a["quote"]
            yield from ref(a["body"])
    for a in record["accountability"]:
        yield a["span"], a["quote"]
        yield from ref(a["who"])
        yield from ref(a["to"])
    for r in record["reporting"]:
        yield r["span"], r["quote"]
        yield from ref(r["to"])
    for dl in record["deadlines"]:
        yield dl["span"], dl["quote"]


def test_every_span_quotes_its_text(sample_paths, sample_records) -> None:
    for path, record in zip(sample_paths, sample_records, strict=True):
        text = read(path).text
        for (start, end), quote in _spans(record):
            assert text[start:end] == quote


def test_spans_map_back_to_the_file(sample_paths, sample_records) -> None:
    doc = read(sample_paths[3])
    record = sample_records[3]
    for m in record["measures"]:
        for a in m["assignments"]:
            s, e = doc.source_span(*a["body"]["span"])
            assert doc.source[s:e].replace("\n", " ") == a["body"]["name"]


def test_gold_score(tmp_path, sample_records) -> None:
    out = tmp_path / "records.jsonl"
    out.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in sample_records), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), str(out), str(GOLD), "--min", "0.95",
                             "--field-min", "number=1", "--field-min", "date=1", "--field-min", "doc_type=1",
                             "--field-min", "issuer=1", "--field-min", "authority=1", "--field-min", "subject=1",
                             "--field-min", "signer.name=1"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_header_fields(sample_records) -> None:
    got = [(r["document"]["number"], r["document"]["date"], r["document"]["place"],
            r["document"]["issuer"] and r["document"]["issuer"]["name"]) for r in sample_records]
    assert got == [
        ("761-CV/TU", None, None, None),
        ("629-CV/TU", "2021-11-03", "Lai Châu", "Tỉnh ủy Lai Châu"),
        (None, None, None, None),
        ("1747-CV/TU", "2021-07-22", "Đồng Nai", "Tỉnh ủy Đồng Nai"),
    ]


def test_unknown_values_are_warned(sample_records) -> None:
    warnings = sample_records[2]["warnings"]
    assert "no number line (Số …) found" in warnings
    assert "no date line found" in warnings
    assert any("province" in w for w in warnings)


@pytest.mark.skipif(importlib.util.find_spec("jsonschema") is None, reason="jsonschema not installed")
def test_document_ids_are_stable(sample_paths) -> None:
    from chidao.extract import extract_file

    first = [extract_file(p)["document"]["id"] for p in sample_paths]
    again = [extract_file(p)["document"]["id"] for p in sample_paths]
    assert first == again
    assert first[1] == "doc:lai-chau/629-cv-tu/2021"
    assert first[3] == "doc:dong-nai/1747-cv-tu/2021"
