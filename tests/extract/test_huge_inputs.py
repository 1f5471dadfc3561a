"""Huge inputs (issue 12, item 6): extraction in linear time, and a clear refusal past the text limit.

The time bounds are generous (several times what this code takes on a loaded 2-core machine) and far
below what the quadratic code took on the same inputs: 28 s for the 32,000 items, 10 s for the 62 KB
report item, 25 s for the 150 KB sentence. ``bench/huge_inputs.py`` has the figures.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.errors import ExtractionError, ReadError
from chidao.extract import assignments, deadlines, extract_file, extract_record, lexicon
from chidao.loaders import MAX_TEXT_CHARS, document, from_text, read
from chidao.loaders.normalize import fold_tones

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import huge_inputs  # noqa: E402

SAMPLES = sorted(p for folder in ("tests/data/corpus", "tests/data/directives", "tests/data/real", "examples/directives")
                 for p in (ROOT / folder).glob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")


def timed(text: str) -> tuple[dict, float]:
    started = time.perf_counter()
    record = extract_record(from_text(text))
    return record, time.perf_counter() - started


@pytest.mark.parametrize(("shape", "size", "bound", "measures"), [
    ("plain", 32_000, 10.0, 32_001),      # 1.7 M characters, over lexicon.DOCUMENT: fold_range copied the text per item
    ("report", 62, 3.0, 2),               # one item, one sentence of 1,093 "báo cáo" clauses: cadence read per clause
    ("adversarial", 150, 4.0, 2),         # one sentence of every clause shape that re-read the sentence per match
])
def test_huge_inputs_take_linear_time(shape, size, bound, measures) -> None:
    text = huge_inputs.GENERATORS[shape](size)
    assert len(text) <= MAX_TEXT_CHARS
    record, seconds = timed(text)
    assert len(record["measures"]) == measures
    assert seconds < bound, f"{shape}:{size} took {seconds:.1f} s"


def test_a_long_report_sentence_keeps_every_report() -> None:
    record, _ = timed(huge_inputs.long_report(15))
    reports = [r for r in record["reporting"] if r["quote"].startswith("báo cáo")]  # not the Nơi nhận's (b/c)
    assert len(reports) > 250 and {r["cadence"] for r in reports} == {"monthly"}
    assert len({r["to"]["name"] for r in reports}) == len(huge_inputs.BODIES)


def test_a_document_is_folded_once(monkeypatch) -> None:
    """Counting work, not time: the whole text is folded a bounded number of times, however many items."""
    folded = []

    def counting(text: str) -> str:
        folded.append(len(text))
        return fold_tones(text)

    monkeypatch.setattr(lexicon, "fold_tones", counting)
    lexicon._folded_lower_document.cache_clear()
    text = huge_inputs.many_items(3000)  # 1.05 M characters: over lexicon.DOCUMENT
    extract_record(from_text(text))
    assert sum(n for n in folded if n > 100_000) <= 3 * len(text)


def test_the_fold_is_kept_by_identity_not_by_value() -> None:
    a = from_text((ROOT / "tests/data/corpus/001_langson_chay_rung.txt").read_text(encoding="utf-8"))
    b = from_text((ROOT / "tests/data/corpus/002_laichau_dich_ta_lon.txt").read_text(encoding="utf-8"))
    first = extract_record(a)
    extract_record(b)
    assert extract_record(a) == first
    assert lexicon.fold_range(a.text, 0, 10) == lexicon.folded_lower(a.text)


def test_reading_windows_change_no_record_of_a_real_directive(monkeypatch) -> None:
    """The bounds that make extraction linear (CLAUSE_WINDOW, STOP_LONGEST, PHRASE_WORDS) must never
    change what a real directive gives: records with them equal records without them, on every
    sample, real and example directive (byte for byte as JSON)."""
    assert len(SAMPLES) >= 100
    bounded = [json.dumps(extract_file(p), ensure_ascii=False) for p in SAMPLES]
    for module in (assignments, deadlines):
        monkeypatch.setattr(module, "CLAUSE_WINDOW", 10**9)
    monkeypatch.setattr(assignments, "STOP_LONGEST", 10**9)
    monkeypatch.setattr(assignments, "PHRASE_WORDS", re.compile(r"(?!)"))
    for path, record in zip(SAMPLES, bounded, strict=True):
        assert json.dumps(extract_file(path), ensure_ascii=False) == record, path.name


def test_stop_longest_is_longer_than_every_stop() -> None:
    longest = max(len(lexicon.folded_lower(p)) for p in lexicon._lines("np_stops.txt"))
    assert longest + 1 < assignments.STOP_LONGEST


def test_no_real_sentence_reaches_the_window() -> None:
    longest = max(b - a for p in SAMPLES for a, b in assignments.sentences(read(p).text, 0))
    assert longest < lexicon.CLAUSE_WINDOW / 2


# --- the text limit ----------------------------------------------------------------------------------


def test_a_text_over_the_limit_is_refused_at_once(tmp_path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(huge_inputs.many_lines(200_000), encoding="utf-8")  # 9.9 M characters, 12.8 MB
    started = time.perf_counter()
    with pytest.raises(ReadError) as caught:
        extract_file(big)
    assert time.perf_counter() - started < 3.0
    assert str(caught.value) == (f"{big}: text too long: 9,860,285 characters, the limit for one directive is "
                                 f"{MAX_TEXT_CHARS:,}")


def test_the_limit_is_inclusive(monkeypatch) -> None:
    monkeypatch.setattr(document, "MAX_TEXT_CHARS", 500)
    assert from_text("Sở Y tế báo cáo. " * 29).text  # 493 characters
    with pytest.raises(ReadError, match="text too long: 510 characters, the limit for one directive is 500"):
        from_text("Sở Y tế báo cáo. " * 30, path="x.txt")


def test_a_document_built_directly_is_refused_by_extract(monkeypatch) -> None:
    doc = from_text("1. Sở Y tế báo cáo Tỉnh ủy.\n" * 40, path="direct.txt")
    monkeypatch.setattr(document, "MAX_TEXT_CHARS", 100)
    with pytest.raises(ExtractionError, match=r"^direct\.txt: text too long: 1,119 characters"):
        extract_record(doc)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder of one real directive and one text over a (lowered) limit."""
    monkeypatch.setattr(document, "MAX_TEXT_CHARS", 20_000)
    (tmp_path / "a.txt").write_text((ROOT / "tests/data/corpus/001_langson_chay_rung.txt").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text(huge_inputs.plain_items(500), encoding="utf-8")
    return tmp_path


def test_extract_reports_the_long_file_and_prints_the_others(folder) -> None:
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1 and "57-CV/TU" in result.stdout
    assert result.stderr.splitlines() == [f"error: {folder / 'b.txt'}: text too long: 27,000 characters, "
                                          "the limit for one directive is 20,000"]


def test_ingest_goes_on_with_the_other_files(folder, tmp_path_factory) -> None:
    db = tmp_path_factory.mktemp("store") / "s.lbug"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), str(folder)])
    assert result.exit_code == 1
    assert "2 files: 1 added" in result.stdout and "1 failed" in result.stdout
    assert f"error: {folder / 'b.txt'}: text too long: 27,000 characters" in result.stderr


def test_the_limit_is_documented() -> None:
    formats = (ROOT / "docs/formats.md").read_text(encoding="utf-8")
    assert f"| text length | {MAX_TEXT_CHARS:,} characters | `loaders.MAX_TEXT_CHARS` |" in formats
    performance = (ROOT / "docs/performance.md").read_text(encoding="utf-8")
    assert "python bench/huge_inputs.py" in performance and f"over {MAX_TEXT_CHARS:,} characters" in performance
