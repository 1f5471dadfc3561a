"""The patterns rewritten for speed (issue 15) match exactly what their plain forms matched.

Each fast pattern is checked against the plain one it replaced, on the vocabularies' own phrases
and on generated text made of their pieces, so a rewrite can never change a record.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract import assignments as asg
from chidao.extract import citations, deadlines, items, lexicon
from chidao.loaders import legacy, normalize, recover


def _plain_alternation(phrases: list[str]) -> str:
    ordered = sorted({lexicon.folded_lower(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in ordered)


PLAIN_NP_STOPS = re.compile(rf"(?<![\w])(?:{_plain_alternation(lexicon._lines('np_stops.txt'))})(?![\w])")
PLAIN_ENTITY_HEADS = re.compile(rf"(?:{_plain_alternation(lexicon._lines('entity_heads.txt'))})(?![\w])")
PLAIN_POST_TITLES = re.compile(
    rf"(?:đồng chí |các đồng chí |đ/c )?(?:{_plain_alternation(list(lexicon.post_titles()))})(?![\w])")
PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZĐÀ-Ỹ\"“'‘(])|\n+")
PLAIN_PHRASE_END = re.compile(r"[.:!?()\[\]\n]|\s(?:để|nhằm|nếu|khi|thì|theo|về|trong việc|đối với|do|bằng|kết quả|"
                              r"tình hình|trước|chậm nhất|hằng|hàng|định kỳ|qua|trong thời gian)\s", re.I)
PLAIN_CUE = re.compile(
    r"(?<!\w)(?P<cue>trước|chậm nhất(?:\s+là)?(?:\s+(?:vào|đến|trước))?|hạn chót(?:\s+là)?|hạn cuối(?:\s+là)?"
    r"|không quá|không muộn hơn|thời hạn(?:\s+hoàn thành)?\s*:?(?:\s*trước)?|trong)"
    r"\s+(?P<hour>\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*(?:phút|'))?)?\s*,?\s*)?(?=ngày|tháng|quý|qu[ií]|năm|6 tháng|\d)")
PLAIN_VNI_MARKERS = re.compile(r"[aeouyAEOUYôöÔÖ][øùûõïØÙÛÕÏ]|[aeoAEO][âåäÂÅÄ]|[aA][êëüÊËÜ]|[öÖñÑæÆîÎ]")

PLAIN_ANY_ODD = re.compile("|".join(p.pattern for p in (normalize.CRLF, normalize.INVISIBLE, normalize.ODD_SPACE,
                                                        normalize.DASHES, normalize.LOOKALIKE_RE)))
PLAIN_GLUED_CODE_QUICK = re.compile(
    "(?:" + "|".join(f"{w}(?<=[A-ZĐ][A-ZĐ]{w})" for w in ("ngày", "của", "về", "và", "năm", "tháng", "tại", "theo",
                                                        "để", "với", "trên", "trong")) + r")(?!\w)")
ODD_PIECES = ["-", "- ", "_", "=", " = ", "\r", "\r\n", "\u2028", "\u2029", "\x0c", "\u200b", "\ufeff", "\xad", "\x1d", "\xa0", "\u2003", "\t",
              "\u2013", "\u2212", "\xd0", "\xf0", "\u0189", "UBND", "TU", "Đ", "ngày", "của", "trong", "trongx"]

PLAIN_GLUED_WORD_QUICK = re.compile(rf"[{recover.UPPER}](?<=[{recover.LOWER}][{recover.UPPER}])(?=[{recover.LOWER}])|"
                                    rf"[{recover.UPPER}](?<=[{recover.UPPER}]{{3}})(?=[{recover.LOWER}]{{2}})")
TONE_PATTERN, TONE_TABLE = normalize._tone_table()
PLAIN_TONES = re.compile(TONE_PATTERN.pattern.replace("[oOuU](?<![qQ].)", "(?<![qQ])[oOuU]"))
TONE_PIECES = [*TONE_TABLE, "q", "Q", "o", "u", "hoà", "quý", "Uỷ", "thuỷ", "1", "_"]
MARKER_LINES = ["I. ", "IV- a", "Phần I ", "Chương 2: ", "Mục V. ", "Điều 3. ", "1.2 ", "1.2. ", "3) ", "4- x", "12.x",
                "a) ", "đ. ", "٣. ", "３) ", "x) ", "Các ", "- ", "", "1", "Điều", "A. "]


def _plain_marker_of(text: str) -> tuple[str, int, str, int] | None:
    for kind, rank, pattern in items.MARKERS:
        m = pattern.match(text)
        if m:
            return kind, rank, m.group("label"), m.end()
    return None


PLAIN_RULE_LINE = re.compile(r"(?m)^[ ]*(?:-[ ]*){3,}$|^[ ]*(?:_[ ]*){3,}$|^[ ]*(?:=[ ]*){3,}$")
PLAIN_TYPE_WORDS = re.compile(
    rf"(?<!\w)(?P<word>{'|'.join(re.escape(w) for w in sorted(citations._type_words(), key=len, reverse=True))})(?!\w)")

PHRASES = sorted({lexicon.folded_lower(p) for name in ("np_stops.txt", "entity_heads.txt")
                  for p in lexicon._lines(name)} | {lexicon.folded_lower(p) for p in lexicon.post_titles()})
CUE_PIECES = ["trước", "trong", "thời hạn", "hoàn thành", "chậm nhất", "là", "vào", "đến", "hạn chót", "hạn cuối",
              "không quá", "không muộn hơn", "17 giờ", "30", "h", "phút", "'", "ngày", "tháng", "quý", "quí", "năm",
              "6 tháng", "5", "/", "2024", "xtrước", "Trong", "đối với", "định kỳ", "TRƯỚC", "Để", "thì"]
VNI_PIECES = list("aeouyAEOUYôöÔÖøùûõïØÙÛÕÏâåäÂÅÄêëüÊËÜñÑæÆîÎb")
PIECES = st.sampled_from([*PHRASES, *TONE_PIECES, *MARKER_LINES, *citations._type_words(), *CUE_PIECES, *VNI_PIECES, *ODD_PIECES, " ", "  ", "\n", "\n\n", ".", ":", ",", "!", "?", "(", "a", "x", "ủy", "các ",
                          "đồng chí ", "Sở", "Ủy ban", "“", "1", "-", "\t"])
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def _spans(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int] | None]:
    return [(m.span() if (m := pattern.match(text, i)) else None) for i in range(len(text) + 1)]


def test_every_phrase_alone_and_in_text() -> None:
    for phrase in PHRASES:
        for text in (phrase, f"x {phrase} y", f"{phrase}a", f"a{phrase}", f"các {phrase}, {phrase} và"):
            assert _spans(lexicon.np_stops(), text) == _spans(PLAIN_NP_STOPS, text), text
            assert _matches(lexicon.entity_heads(), text) == _matches(PLAIN_ENTITY_HEADS, text), text
            assert _matches(lexicon.post_title_re(), text) == _matches(PLAIN_POST_TITLES, text), text


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40))
def test_vocabulary_tries_match_the_plain_alternations(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert _spans(lexicon.np_stops(), text, pos) == _spans(PLAIN_NP_STOPS, text, pos)
    assert _matches(lexicon.entity_heads(), text) == _matches(PLAIN_ENTITY_HEADS, text)
    assert _matches(lexicon.post_title_re(), text) == _matches(PLAIN_POST_TITLES, text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentence_end_matches_the_plain_pattern(text: str) -> None:
    cuts = [(asg.sentence_cut(text, m), m.end()) for m in asg.SENTENCE_END.finditer(text)]
    assert cuts == _spans(PLAIN_SENTENCE_END, text)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40), st.integers(0, 80))
def test_phrase_end_and_cue_match_the_plain_patterns(text: str, pos: int, width: int) -> None:
    pos = min(pos, len(text))
    for fast, plain in ((asg.PHRASE_END, PLAIN_PHRASE_END), (deadlines.CUE, PLAIN_CUE)):
        found, expected = fast.search(text, pos, pos + width), plain.search(text, pos, pos + width)
        assert (found and found.span()) == (expected and expected.span())
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text, pos)] == \
            [(m.span(), m.groupdict()) for m in plain.finditer(text, pos)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_vni_markers_match_the_plain_pattern(text: str) -> None:
    assert _spans(legacy.VNI_MARKERS, text) == _spans(PLAIN_VNI_MARKERS, text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_quick_checks_find_what_the_plain_patterns_found(text: str) -> None:
    assert bool(normalize.ANY_ODD_CHARACTER.search(text)) == bool(PLAIN_ANY_ODD.search(text))
    assert bool(recover.GLUED_CODE_QUICK.search(text)) == bool(PLAIN_GLUED_CODE_QUICK.search(text))
    if PLAIN_RULE_LINE.search(text):  # the quick check never skips a rule line
        assert normalize.RULE_LINE_QUICK.search(text)
    for odd in ODD_PIECES[5:20]:
        assert normalize.ANY_ODD_CHARACTER.search(f"a{odd}b"), repr(odd)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40))
def test_citation_type_words_match_the_plain_alternation(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    fast = citations._type_word_re()
    assert [(m.span(), m["word"]) for m in fast.finditer(text, pos)] == \
        [(m.span(), m["word"]) for m in PLAIN_TYPE_WORDS.finditer(text, pos)]
    for word in citations._type_words():
        assert [m.span() for m in fast.finditer(f"x {word}, {word}a")] == \
            [m.span() for m in PLAIN_TYPE_WORDS.finditer(f"x {word}, {word}a")]


def test_rule_lines_pass_the_quick_check() -> None:
    for text in ("---", "- - -", "  -  -  - -", "___", "_ _ _", "===", "= = =", "a\n - - - \nb", "x\n____\n"):
        assert PLAIN_RULE_LINE.search(text) and normalize.RULE_LINE_QUICK.search(text), text


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_tone_fold_glued_words_and_markers_as_the_plain_forms(text: str) -> None:
    fold = lambda m: TONE_TABLE.get(m.group(), m.group())  # noqa: E731
    assert TONE_PATTERN.sub(fold, text) == PLAIN_TONES.sub(fold, text) == normalize._fold(text)
    assert _spans(recover.GLUED_WORD_QUICK, text) == _spans(PLAIN_GLUED_WORD_QUICK, text)
    assert items.marker_of(text) == _plain_marker_of(text)


def test_marker_lines_as_the_plain_patterns() -> None:
    assert PLAIN_TONES.pattern.startswith("(?<![qQ])") and TONE_PATTERN.pattern.startswith("[oOuU]")
    for line in MARKER_LINES:
        assert items.marker_of(line) == _plain_marker_of(line), line


WORDS = st.lists(st.sampled_from(["a", "bb", "Sở", "x" * 40, " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\x85",
                                  ",", "."]), max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(WORDS, st.integers(0, 5), st.integers(0, 4000), st.integers(1, 70))
def test_word_limit_is_where_phrase_words_ends(text: str, start: int, width: int, window: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + width)
    words = asg.PHRASE_WORDS.match(text, start, end)
    old_window, asg.WORD_WINDOW = asg.WORD_WINDOW, window  # small windows take the fallback path too
    try:
        assert asg._word_limit(text, start, end) == (words.end() if words else None)
    finally:
        asg.WORD_WINDOW = old_window


def test_word_limit_around_the_word_count() -> None:
    for count in range(58, 64):
        for sep in (" ", "  \n", "\u00a0"):
            text = sep.join(["Sở"] * count) + sep
            for end in (len(text), len(text) - 1, len(text) - 3):
                words = asg.PHRASE_WORDS.match(text, 0, end)
                assert asg._word_limit(text, 0, end) == (words.end() if words else None), (count, repr(sep), end)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_control_bytes_counted_as_byte_by_byte(raw: bytes) -> None:
    from chidao.loaders import text as text_loader

    by_byte = sum(raw.count(bytes([b])) for b in sorted(text_loader.BINARY_CONTROL))
    assert len(raw) - len(raw.translate(None, text_loader.CONTROL_BYTES)) == by_byte


def _plain_quote(text: str, start: int, np_end: int, end: int) -> tuple[int, int]:
    stop = np_end
    for k, w in enumerate(asg.WORD.finditer(text, np_end, end)):  # the loop _quote ran before issue 15
        if text[w.start()] in "(.;:":
            break
        stop = w.end()
        if k >= 1 and text[w.end() - 1] in ",;:." and not asg.SAME_CLAUSE.match(text, w.end()):
            break
    return start, asg._rstrip(text, start, stop)


QUOTE_TEXTS = st.lists(st.sampled_from(["a", "Sở", "(x", "x)", ".", ",", ";", ":", "a,", "b.", "c;", "d:", " ", "  ",
                                        "\n", "\u00a0", ", chống", ",chống", " chống", "phòng", "-", "–"]),
                       max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(QUOTE_TEXTS, st.integers(0, 60), st.integers(0, 60), st.integers(0, 60))
def test_quote_stops_where_the_word_by_word_reading_stopped(text: str, a: int, b: int, c: int) -> None:
    start, np_end, end = sorted((min(a, len(text)), min(b, len(text)), min(c, len(text))))
    assert asg._quote(text, start, np_end, end) == _plain_quote(text, start, np_end, end)
