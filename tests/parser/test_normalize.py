"""The normaliser: named steps, idempotence, and the span map back to the source."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chidao.loaders.normalize import fold_tones, match_key, normalize, normalize_tracked

CASES = [
    ("Số 761 – CV/TU", "Số 761 - CV/TU"),
    ("Số 761 — CV/TU", "Số 761 - CV/TU"),
    ("Ủy\u00a0ban", "Ủy ban"),
    ("Uy\u0309 ban", "Uỷ ban"),  # NFD input composes (tone placement itself is kept)
    ("Vie\u0323\u0302t Nam", "Việt Nam"),
    ("co\u0323\u0302ng ta\u0301c", "cộng tác"),
    ("\u00d0ảng", "Đảng"),
    ("ph\u00adòng", "phòng"),
    ("a\u200bb", "ab"),
    ("**1.** Tiếp tục", "1. Tiếp tục"),
    ("## 2. Ban cán sự đảng", "2. Ban cán sự đảng"),
    ("***Ban Thường vụ Tỉnh ủy yêu cầu:***", "Ban Thường vụ Tỉnh ủy yêu cầu:"),
    ("“*pháo đài*”", "“pháo đài”"),
    ("\\*", "*"),
    ("TỈNH ỦY LAI CHÂU\n\n\\*\n\nSố 629-CV/TU", "TỈNH ỦY LAI CHÂU\n\n*\n\nSố 629-CV/TU"),
    ("*V/v tăng cường các biện pháp\nphòng, chống dịch Covid-19*", "V/v tăng cường các biện pháp phòng, chống dịch Covid-19"),
    ("lợi dụng tình hình dịch bệnh\n\nđề trực lợi", "lợi dụng tình hình dịch bệnh đề trực lợi"),
    ("nhà máy,\n\n\n\nxí nghiệp;", "nhà máy, xí nghiệp;"),
    ("kết thúc.\nđiều này", "kết thúc.\nđiều này"),
    ("a\n- b", "a\n- b"),
    # a formula in quotes wrapped by a PDF converter before its "+" is one line again …
    ("“4 tại chỗ + 5K + vắc xin\n+ công nghệ”, trên", "“4 tại chỗ + 5K + vắc xin + công nghệ”, trên"),
    ("x “a + b\n+ c\n+ d” e", "x “a + b + c + d” e"),
    ('"a + b\n+ c"', '"a + b + c"'),
    # … while "+" bullets outside quotes stay bullets
    ("Các ban:\n+ tham mưu\n+ phối hợp", "Các ban:\n+ tham mưu\n+ phối hợp"),
    ("“trích dẫn” xong\n+ công việc", "“trích dẫn” xong\n+ công việc"),
    ("công tác\na) nội dung", "công tác\na) nội dung"),
    ("Số 629-CV/TU  \nV/v tiếp tục", "Số 629-CV/TU\nV/v tiếp tục"),
    ("dòng một\n\n- 2 -\n\ndòng hai", "dòng một dòng hai"),  # a page break inside a sentence
    ("văn bản\n\n12\n\nTiếp", "văn bản\n\nTiếp"),
    ("Dòng một.\r\nDòng hai.", "Dòng một.\nDòng hai."),
    ("a\tb", "a b"),
    ("a    b", "a b"),
    ("\n\n\nchữ\n\n\n", "chữ"),
    ("-----", ""),
    ("* * *", ""),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_cases(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


TONES = [
    ("Uỷ ban", "Ủy ban"), ("hoà bình", "hòa bình"), ("Thanh Hoá", "Thanh Hóa"), ("khoẻ", "khỏe"),
    ("thuỷ", "thủy"), ("Khánh Hoà", "Khánh Hòa"), ("TỈNH UỶ", "TỈNH ỦY"), ("quý", "quý"), ("quỷ", "quỷ"),
    ("hoàn thành", "hoàn thành"), ("thuyền", "thuyền"), ("Ủy ban", "Ủy ban"), ("hòa", "hòa"),
    ("loè", "lòe"), ("tuỳ", "tùy"), ("Huỳnh", "Huỳnh"), ("hoạ", "họa"),
]


@pytest.mark.parametrize(("old", "new"), TONES)
def test_fold_tones(old: str, new: str) -> None:
    assert fold_tones(old) == new
    assert len(fold_tones(old)) == len(old)


def test_match_key_agrees_across_spellings() -> None:
    assert match_key("Bí thư các huyện uỷ, thành uỷ") == match_key("bí thư các huyện ủy, thành ủy")
    assert match_key("  Ban Tuyên giáo Tỉnh ủy. ") == "ban tuyên giáo tỉnh ủy"


vietnamese = st.text(
    alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạỦủỷỳýĐ*#_\\-–—\n \t.,;:()0123456789"
                                  "\u00a0\u200b\u00ad\u0301\u0323")),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), vietnamese))
@example("\\\\.")  # an escaped backslash before an escapable character (found by hypothesis)
@example("“a + b\n+ c\n+ d”")
@example(">>")  # one quote mark removed per pass (found by hypothesis)
@example("*>")  # removing the star exposed a quote mark (found by hypothesis)
@example("0\x1f")  # a separator str.strip removes, leaving a page number (found by hypothesis)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), vietnamese))
def test_origin_map_is_monotonic_and_in_range(text: str) -> None:
    tracked = normalize_tracked(text)
    assert len(tracked.origin) == len(tracked.text)
    assert all(0 <= o < max(len(text), 1) for o in tracked.origin)
    assert list(tracked.origin) == sorted(tracked.origin)


def _base(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@settings(max_examples=200, deadline=None)
@given(vietnamese)
def test_source_span_covers_the_same_letters(text: str) -> None:
    tracked = normalize_tracked(text)
    for start in range(0, len(tracked.text), 7):
        end = min(len(tracked.text), start + 5)
        a, b = tracked.source_span(start, end)
        source = _base(text[a:b])
        for ch in _base(tracked.text[start:end]):
            if ch.isalnum():
                assert ch in source


def test_source_span_of_sample(sample_paths) -> None:
    raw = sample_paths[1].read_text(encoding="utf-8")
    tracked = normalize_tracked(raw)
    i = tracked.text.index("Ban Tuyên giáo Tỉnh ủy")
    a, b = tracked.source_span(i, i + len("Ban Tuyên giáo Tỉnh ủy"))
    assert raw[a:b] == "Ban Tuyên giáo Tỉnh ủy"
