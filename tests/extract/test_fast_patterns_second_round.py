"""The assignment patterns rewritten in the second round of issue 15 match exactly what their plain
forms matched, and the quick checks before a pass never skip a text the pass would change."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract import assignments as asg
from chidao.extract import deadlines, header
from chidao.extract.lexicon import folded_lower

PLAIN = {
    "NAMED_OBJECT": re.compile(r"(?<![\w])(?<!Ban )(?<!ban )(?:chỉ đạo|Chỉ đạo)\s+(?=[A-ZĐÀ-Ỹ])"),
    "COOPERATE": re.compile(r"(?<![\w])phối hợp (?:chặt chẽ )?(?:với|cùng)\s+", re.IGNORECASE),
    "ROLE_OF": re.compile(r"(?<![\w])phát huy (?:tốt )?(?:hơn nữa )?vai trò(?:,? trách nhiệm)? (?:của )?", re.IGNORECASE),
    "ACCOUNTABLE": re.compile(r"(?<![\w])chịu trách nhiệm trước\s+", re.IGNORECASE),
    "REPORT": re.compile(r"(?<![\w])(?:báo cáo(?:,\s*(?:đề xuất|kiến nghị))?|kính báo(?:\s+(?:đến|tới))?)\s+",
                         re.IGNORECASE),
    "SPLIT": re.compile(r"\s*;\s*|,\s+|\s+và\s+|\s+cùng\s+"),
    "THEN": re.compile(r"(?<![\w])thì\s+"),
    "QUOTE_MARKS": re.compile(r"(?<!\S)(?P<opens>[(.;:])|(?P<closes>[,;:.])(?!\S)"),
}
PIECES = ["chỉ đạo", "Chỉ đạo", "CHỈ ĐẠO", "Ban ", "ban ", "x", "phối hợp", "Phối hợp", "chặt chẽ", "với", "cùng",
          "phát huy", "tốt", "hơn nữa", "vai trò", ",", " trách nhiệm", "của", "chịu trách nhiệm trước", "Chịu",
          "báo cáo", "Báo cáo", "đề xuất", "kiến nghị", "kính báo", "đến", "tới", "thì", "và", ";", " ", "  ", "\n",
          "Sở Y tế", "UBND", "a", "(", ".", ":", "x.", ",y", "phòng, chống", "Phòng, chống", "chính trị - xã hội", "kinh tế - xã hội", "kinh tế - xã hộı", "các sở"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.integers(0, 20))
def test_rewritten_patterns_match_the_plain_ones(text: str, pos: int) -> None:
    for name, plain in PLAIN.items():
        fast = getattr(asg, name)
        assert [(m.span(), m.lastgroup) for m in fast.finditer(text, pos)] == \
            [(m.span(), m.lastgroup) for m in plain.finditer(text, pos)], name


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_members_as_with_the_protected_pass_always_run(text: str) -> None:
    folded = folded_lower(text)
    plain = asg.PROTECTED.sub(lambda m: m.group().replace(",", "\x00").replace(" ", "\x01"), text)
    if plain != text:
        assert "phòng" in folded or " - xã hộ" in folded


PLAIN_SEGMENT_CUT = re.compile(
    r"\s+(?=\*(?:\s|$))|(?<=\*)\s+"
    r"|\s+(?=Số\s*:?\s*\d)|\s+(?=Số\s*:\s)"
    r"|\s+(?=ĐẢNG CỘNG SẢN VIỆT NAM)|(?<=ĐẢNG CỘNG SẢN VIỆT NAM)\s+"
    r"|\s+(?=CỘNG H[OÒ]A XÃ HỘI)|(?<=VIỆT NAM)\s+(?=Độc lập)|(?<=Hạnh phúc)\s+"
    r"|(?<=[A-ZĐ\d])\s+(?=[A-ZĐ][\w.\- ]{1,40},\s*ngày\s)"
    r"|(?<=[A-Za-zĐđ\d])\s+(?=V/v\s)")
HEADER_PIECES = ["*", " ", "  ", "\t", "Số", ":", " 12", "/CT-UBND", "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI",
                 "CỘNG HOA XÃ HỘI", " CHỦ NGHĨA VIỆT NAM", "Độc lập", " - Tự do - ", "Hạnh phúc", "TỈNH ỦY",
                 "Sơn La", ", ngày ", "05", "V/v ", "x", "Đ", "9"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(HEADER_PIECES), max_size=25).map("".join))
def test_segment_cut_matches_the_plain_pattern(text: str) -> None:
    assert [m.span() for m in header.SEGMENT_CUT.finditer(text)] == [m.span() for m in PLAIN_SEGMENT_CUT.finditer(text)]


PHRASE_PIECES = [*asg.PHRASE_END_WORDS, "ĐỂ", "Theo", "KHI", "khı", "kHİ", "thì", " ", "  ", "\n", ".", ":", "(", "]",
                 "Sở", "các", "x", "để\n", "a"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=25).map("".join), st.integers(0, 10), st.integers(0, 80))
def test_phrase_end_as_the_one_pattern(text: str, start: int, width: int) -> None:
    folded = folded_lower(text)
    plain = asg.PHRASE_END.search(text, start, start + width)
    assert asg._phrase_end(text, folded, start, start + width) == (plain.start() if plain else None)


DEADLINE_PIECES = ["trước", "trong", "chậm nhất", "hoàn thành", " ", "ngày", "tháng", "quý", "năm", "15", "/", "12",
                   "2024", "IV", "٣", "1. ", "a", "Sở", ",", ".", "\n", "17 giờ", "hạn chót", "6 tháng đầu"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DEADLINE_PIECES), max_size=30).map("".join), st.integers(0, 12))
def test_deadlines_as_without_the_digit_check(text: str, start: int) -> None:
    ref = deadlines.dt.date(2024, 3, 1)
    assert deadlines.find_deadlines(text, start, None, ref) == \
        deadlines._find_deadlines(text, min(start, len(text)), len(text), ref)


def test_a_deadline_past_the_item_number_is_still_found() -> None:
    text = "1. Sở Y tế hoàn thành trước ngày 15/12/2024."
    found = deadlines.find_deadlines(text, 0, None, deadlines.dt.date(2024, 3, 1))
    assert [d.by for d in found] == ["2024-12-15"]
    assert deadlines.find_deadlines("1. Sở Y tế hoàn thành trong tháng này.", 0, None, None) == []
