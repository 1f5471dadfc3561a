"""The patterns and quick checks rewritten in the third round of issue 15 find exactly what their plain
forms found: the first-letter classes hold every character the letter matches under IGNORECASE, the
rewritten patterns give the plain ones' spans, and the substring tests before a scan never skip a
text the scan would match."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chidao import resolution as res
from chidao.extract import assignments as asg
from chidao.extract.lexicon import folded_lower

PLAIN = {
    "TRIGGER": re.compile(r"(?<![\w])(giao|yêu cầu|đề nghị|(?:ủy|uỷ) quyền(?:\s+cho)?)\s+(?!cho\b)", re.IGNORECASE),
    "COOPERATE": re.compile(r"(?<![\w])phối hợp (?:chặt chẽ )?(?:với|cùng)\s+", re.IGNORECASE),
    "ROLE_OF": re.compile(r"(?<![\w])phát huy (?:tốt )?(?:hơn nữa )?vai trò(?:,? trách nhiệm)? (?:của )?", re.IGNORECASE),
    "ACCOUNTABLE": re.compile(r"(?<![\w])chịu trách nhiệm trước\s+", re.IGNORECASE),
    "REPORT": re.compile(r"(?<![\w])(?:báo cáo(?:,\s*(?:đề xuất|kiến nghị))?|kính báo(?:\s+(?:đến|tới))?)\s+",
                         re.IGNORECASE),
}
PIECES = ["giao", "Giao", "GIAO", "gıao", "yêu cầu", "Yêu cầu", "YÊU CẦU", "đề nghị", "Đề nghị", "ĐỀ NGHỊ", "ủy quyền",
          "Ủy quyền", "uỷ quyền", "Uỷ quyền", "UỶ QUYỀN", " cho", "cho ", "chob", "phối hợp", "Phối hợp", "PHỐI HỢP",
          "chặt chẽ ", "với", "cùng", "phát huy", "Phát huy", "tốt ", "hơn nữa ", "vai trò", ",", " trách nhiệm",
          "của ", "chịu trách nhiệm trước", "Chịu trách nhiệm trước", "CHỊU TRÁCH NHIỆM TRƯỚC",
          "chịu trách nhıệm trước", "báo cáo", "Báo cáo", "BÁO CÁO", "đề xuất", "kiến nghị", "kính báo", "Kính báo",
          "\u212aính báo", "đến", "tới", " ", "  ", "\n", "\t", "x", "Sở Y tế", "a", ".", ";", "1"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def test_first_letter_classes_hold_every_case() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for letter, cases in asg.FIRST_LETTER_CASES.items():
        assert set(cases) == set(re.findall(letter, every, re.IGNORECASE)), letter


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.integers(0, 20), st.integers(0, 400))
def test_rewritten_patterns_match_the_plain_ones(text: str, pos: int, endpos: int) -> None:
    for name, plain in PLAIN.items():
        fast = getattr(asg, name)
        assert [m.span() for m in fast.finditer(text, pos, endpos)] == \
            [m.span() for m in plain.finditer(text, pos, endpos)], name


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_accountable_words_in_every_match(text: str) -> None:
    folded = folded_lower(text)
    if len(folded) == len(text):  # the check is made only then
        for m in asg.ACCOUNTABLE.finditer(text):
            assert asg.ACCOUNTABLE_WORDS in folded[m.start():m.end()]


@pytest.mark.parametrize("phrase", ["Sở Y tế", "Sở Y tế, Sở Tài chính", "Sở Y tế và Công an tỉnh", "Sở Y tế; Sở Nội vụ",
                                    "Bộ Công an cùng Bộ Quốc phòng", "các sở, ban, ngành", "ban", ""])
def test_members_without_a_separator_are_one_piece(phrase: str) -> None:
    folded = folded_lower(phrase)
    assert asg.split_members(phrase, folded, 0, len(phrase)) == asg._members(
        phrase, folded, [[a, b] for a, b in _plain_members(phrase, folded)], False)


def _plain_members(text: str, folded: str) -> list[tuple[int, int]]:
    """split_members' pieces as the plain loop cut them (SPLIT always run)."""
    pieces, pos = [], 0
    for m in asg.SPLIT.finditer(text):
        if m.start() > pos:
            pieces.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        pieces.append((pos, len(text)))
    members: list[list[int]] = []
    for a, b in pieces:
        if members and asg._continues(text, folded, members[-1], (a, b)):
            members[-1][1] = b
        else:
            members.append([a, b])
    return [(a, b) for a, b in members]


CONTEXTS = [res.Context("lai-chau", dt.date(2021, 11, 3), "lai-chau-629-cv-tu-2021"),
            res.Context("hue", dt.date(2025, 3, 10), "hue-1-cv-tu-2025"), res.Context(None, None, "unknown-761-cv-tu"),
            res.Context("vn", dt.date(2021, 7, 21), "vn-16-ct-ttg-2021"), res.Context("dong-nai", None, "dong-nai-x")]
MENTIONS = ["UBND tỉnh", "Sở Y tế", "Bí thư các huyện ủy, thành ủy", "Thủ tướng Chính phủ", "các sở, ban, ngành",
            "Ban Thường vụ Tỉnh ủy", "Nguyễn Văn A", "Ủy ban nhân dân huyện Tam Đường"]


@pytest.mark.parametrize("ctx", CONTEXTS)
def test_resolver_for_answers_as_resolve(ctx: res.Context) -> None:
    resolve_in = res.resolver_for(ctx)
    for mention, kind in itertools.product(MENTIONS, (None, "post", "person")):
        res.clear_caches()
        fresh = res.resolve(mention, ctx, kind=kind)
        assert resolve_in(mention, kind) is fresh  # the entry resolve filled: the same key
        res.clear_caches()
        assert resolve_in(mention, kind) == fresh  # worked out by itself


STOP_PIECES = [*asg.PHRASE_END_WORDS, "chủ trì", "Chủ trì", "thực hiện", "tổ chức", "tổ chức đảng", "các ", "ban ",
               "chỉ đạo", "Chỉ đạo", "triển khai", "phối hợp", "Sở Y tế", "UBND tỉnh", "x", " ", "  ", "\n", ".", ":",
               "(", ")", ",", "khı", "İ"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(STOP_PIECES), max_size=30).map("".join), st.integers(0, 12), st.integers(0, 400))
@example("Sở Y tế định kỳ báo cáo", 0, 100)  # "định kỳ" both a stop and an end word: the stop wins
@example("Sở Y tế để thực hiện", 0, 100)
@example("Sở Y tế thực hiện để", 0, 100)
@example("Sở Y tế (thực hiện)", 0, 100)
def test_stop_at_as_in_the_plain_order(text: str, start: int, width: int) -> None:
    folded = folded_lower(text)
    start = min(start, len(text))
    end = min(len(text), start + width)
    assert asg._stop_at(text, folded, start, end) == asg._stop_at_plain(text, folded, start, end)
