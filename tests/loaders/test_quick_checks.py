"""The quick checks that let a reading step skip its pass (issue 15, second round) never skip a text
the pass would change: each is true whenever the pattern it guards matches.

Texts are made of the pieces the patterns look for (line breaks, stars, page numbers, a place before
its date, a family name alone on its line, legacy marker letters), so matches are frequent.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.loaders import legacy, normalize, recover

PIECES = ["\n", "\n\n\n", "__", "_", "a", "**", "***", "\\", "\n\n", " ", "  ", "*", "* ", " * * *", "•", "- ", "-", "Trang ", "3", "12", "/", "5", "x",
          "Sơn", "La", ", ngày ", "16 tháng 11", "Nguyễn", "Khắc Định", "của", "ư", "aø", "oâ", "aê", "ñ", "ö",
          "ù", "â", "ê", "\xa9", "Tự do", "Uû", "©"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_line_start_checks_find_every_match(text: str) -> None:
    for pattern, after_break in ((normalize.PAGE_NUMBER_LINE, normalize.PAGE_NUMBER_AFTER_BREAK),
                                 (normalize.LIST_BULLET_STAR, normalize.LIST_BULLET_AFTER_BREAK),
                                 (recover.NAME_WRAP, recover.NAME_WRAP_AFTER_BREAK)):
        if pattern.search(text):
            assert normalize.at_line_start(pattern, after_break, text), (pattern.pattern, text)
    if normalize.STAR_RULE.search(text):
        assert normalize.STAR_RULE_QUICK.search(text)
    if recover.PLACE_WRAP.search(text):
        assert recover.PLACE_WRAP_QUICK.search(text)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_few_marker_ends_means_few_markers(text: str) -> None:
    if legacy._few_markers(text):
        assert len(legacy._tcvn3_markers().findall(text)) < legacy.MIN_MARKERS
        assert len(legacy.VNI_MARKERS.findall(text)) < legacy.MIN_MARKERS


def test_legacy_text_is_still_seen() -> None:
    assert not legacy._few_markers("Xin chaøo caùc baïn, hoâm nay")
    assert not legacy._few_markers("Uû ban nh©n d©n tØnh")
    assert legacy._few_markers("Ủy ban nhân dân tỉnh Sơn La, cùng các sở")


def test_literal_replacement_keeps_the_map() -> None:
    tracked = normalize.sub(normalize.Tracked.of("a  b\n\n\n\nc"), normalize.MANY_BLANK_LINES, "\n\n")
    assert tracked.text == "a  b\n\nc"
    assert tracked.source_span(6, 7) == (8, 9)


PLAIN_EMPHASIS = re.compile(r"\*{2,3}|__(?:(?<!\w__)|(?!\w))")
PLAIN_MANY_BLANK_LINES = re.compile(r"\n{3,}")


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_rewritten_patterns_match_the_plain_ones(text: str) -> None:
    for fast, plain in ((normalize.EMPHASIS, PLAIN_EMPHASIS), (normalize.MANY_BLANK_LINES, PLAIN_MANY_BLANK_LINES)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    end = normalize._header_end(text)
    assert [m.start() for m in normalize.LONE_STAR_LINE.finditer(text, 0, end)] == \
        [m.start() for m in normalize.LONE_STAR_LINE.finditer(text) if m.start() < end]


def _plain_line_bounds(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_line_bounds_as_counted_line_by_line(text: str) -> None:
    assert recover._line_bounds(text) == _plain_line_bounds(text)


GLUED_PIECES = ["UBND", "ngày", "của", "Đảng", "củaĐảng", "CHÍNH PHỦThái", "TTg", "QĐi", "a", " ", "Số", "số31",
                "trong", "x", "ĐẢNG", "Ủy", "ban"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(GLUED_PIECES), max_size=20).map("".join))
def test_glued_word_or_code_finds_either(text: str) -> None:
    either = bool(recover.GLUED_WORD_QUICK.search(text) or recover.GLUED_CODE_QUICK.search(text))
    assert bool(recover._glued_word_or_code().search(text)) == either


WRAP_PIECES = ["\n", "CỘNG HÒA XÃ HỘI", "cộng hoà xã hội", "CHỦ NGHĨA", "VIỆT NAM", "ĐẢNG CỘNG SẢN", "Độc lập -",
               "Tự do -", "Tự do", "Hạnh phúc", "Số", "Số:", "SỐ", " ", "12", "ngày", "NGÀY", "tháng", "năm", "2023",
               "Sơn", "La, ngày 16", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(WRAP_PIECES), max_size=20).map("".join))
def test_any_field_wrap_finds_each(text: str) -> None:
    each = any(p.search(text) for p in (recover.NATIONAL_WRAP, recover.NUMBER_WRAP, recover.DATE_WRAP,
                                        recover.PLACE_WRAP_QUICK))
    assert bool(recover._any_field_wrap().search(text)) == each


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*recover.ANCHOR_KEYS, "ĐẢNG", "CỘNG", " ", "x", "N", "Sơ"]), max_size=15).map("".join))
def test_any_anchor_key_when_a_key_is_there(text: str) -> None:
    assert bool(recover.ANY_ANCHOR_KEY.search(text)) == any(key in text for key in recover.ANCHOR_KEYS)



@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["-", "_", "=", " ", "  ", "\n", "x", "--", "= ="]), max_size=20).map("".join))
def test_rule_line_quick_parts_as_the_alternation(text: str) -> None:
    parts = any(part.search(text) for part in normalize.RULE_LINE_QUICK_PARTS)
    assert parts == bool(normalize.RULE_LINE_QUICK.search(text))
