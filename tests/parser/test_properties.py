"""Property tests: the parser never raises, and every span it returns quotes its text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chidao.extract import extract_record
from chidao.loaders.document import from_text

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "directives").glob("*.txt"))
LINES = [line for p in SAMPLES for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]

FRAGMENTS = [
    "Số 12-CV/TU", "Số: 02/CĐ-UBND", "Kính gửi:", "Nơi nhận:", "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH", "PHÓ BÍ THƯ", "1.", "a)", "- ", "Giao ", "chủ trì, phối hợp với ", "chịu trách nhiệm trước ",
    "báo cáo ", "định kỳ hằng tuần", "trước ngày 15/12", "Chỉ thị số 16/CT-TTg", "của ", "các ", "Ban ", "Sở ",
    ", ", "; ", " và ", ".", ":", "\n", "\n\n", "**", "*", "## ", "ngày 27 tháng 4 năm 2021", "Lai Châu, ngày ",
]

from_samples = st.lists(st.sampled_from(LINES), min_size=0, max_size=40).map("\n".join)
mutated = st.lists(st.one_of(st.sampled_from(LINES), st.sampled_from(FRAGMENTS), st.text(max_size=30)),
                   max_size=60).map("".join)


def _check(text: str) -> None:
    doc = from_text(text)
    record = extract_record(doc)
    body = doc.text
    for m in record["measures"]:
        s, e = m["span"]
        assert body[s:e] == m["text"]
        for a in m["assignments"]:
            s, e = a["span"]
            assert body[s:e] == a["quote"]
            s, e = a["body"]["span"]
            assert body[s:e] == a["body"].get("quote", a["body"]["name"])
    for group in ("accountability", "reporting", "deadlines", "citations"):
        for item in record[group]:
            s, e = item["span"]
            assert body[s:e] == item["quote"]
    for ref in record["recipients"] + record["cc"]:
        s, e = ref["span"]
        assert body[s:e] == ref.get("quote", ref["name"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(from_samples)
def test_shuffled_sample_lines(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated)
def test_directive_fragments(text: str) -> None:
    _check(text)
