"""Mutation fuzzing of the sample directives: the parser never raises and its spans stay valid.

The default run is short; the long run is a separate command (docs/testing.md):

    CHIDAO_FUZZ_EXAMPLES=100000 python -m pytest tests/parser/test_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chidao.extract import extract_record
from chidao.loaders.document import from_text
from chidao.loaders.text import decode

SAMPLES = [p.read_text(encoding="utf-8") for p in
           sorted((Path(__file__).resolve().parents[2] / "examples" / "directives").glob("*.txt"))]
EXAMPLES = int(os.environ.get("CHIDAO_FUZZ_EXAMPLES", "150"))
MARKDOWN = ["**", "*", "## ", "\\*", "> ", "---", "|", "_", "`", "- ", "1. ", "a) ", "\n\n", "  \n"]


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(SAMPLES)).split("\n")
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "markdown", "truncate", "join", "split"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "markdown":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.sampled_from(MARKDOWN)) + lines[i][pos:]
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + " " + lines[i + 1]]
        elif op == "split":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i:i + 1] = [lines[i][:pos], lines[i][pos:]]
    text = "\n".join(lines)
    form = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "nfd", "crlf"]))
    if form == "nfd":
        return unicodedata.normalize("NFD", text)
    if form == "crlf":
        return text.replace("\n", "\r\n")
    decoded, _ = decode(text.encode(form), "<fuzz>")
    return decoded


@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 1000,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_directives(text: str) -> None:
    doc = from_text(text)
    record = extract_record(doc)
    body = doc.text
    for m in record["measures"]:
        assert body[m["span"][0]:m["span"][1]] == m["text"]
        for a in m["assignments"]:
            assert body[a["span"][0]:a["span"][1]] == a["quote"]
    for group in ("citations", "accountability", "reporting", "deadlines"):
        for item in record[group]:
            assert body[item["span"][0]:item["span"][1]] == item["quote"]
    for ref in record["recipients"] + record["cc"]:
        assert body[ref["span"][0]:ref["span"][1]] == ref.get("quote", ref["name"])
    start, end = doc.source_span(0, len(body))
    assert 0 <= start <= end <= len(doc.source)
