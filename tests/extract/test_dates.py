"""Dates: full, numeric, partial, year-less and blank forms; place-and-date lines; what is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.dates import DateMatch, find_dates, parse_date, place_date, with_year

D = dt.date
REF = D(2021, 11, 3)

# text, ref, [(quote, value, precision), …] — every date the finder must return, in order
FOUND = [
    # full dates in words (header, citations)
    ("ngày 27 tháng 4 năm 2021", None, [("ngày 27 tháng 4 năm 2021", D(2021, 4, 27), "day")]),
    ("ngày 03 tháng 11 năm 2021", None, [("ngày 03 tháng 11 năm 2021", D(2021, 11, 3), "day")]),
    ("Lai Châu, ngày 03 tháng 11 năm 2021", None, [("ngày 03 tháng 11 năm 2021", D(2021, 11, 3), "day")]),
    ("ngày 20 tháng 02 năm 2018", None, [("ngày 20 tháng 02 năm 2018", D(2018, 2, 20), "day")]),
    ("ngày 3 tháng 4 năm 2018", None, [("ngày 3 tháng 4 năm 2018", D(2018, 4, 3), "day")]),
    ("Ngày 15 tháng 8 năm 2025", None, [("Ngày 15 tháng 8 năm 2025", D(2025, 8, 15), "day")]),
    ("NGÀY 01 THÁNG 7 NĂM 2025", None, [("NGÀY 01 THÁNG 7 NĂM 2025", D(2025, 7, 1), "day")]),
    ("ngày 29 tháng 2 năm 2024", None, [("ngày 29 tháng 2 năm 2024", D(2024, 2, 29), "day")]),
    ("ngày 31 tháng 12 năm 1999", None, [("ngày 31 tháng 12 năm 1999", D(1999, 12, 31), "day")]),
    ("ngày 5 tháng 01, năm 2024", None, [("ngày 5 tháng 01, năm 2024", D(2024, 1, 5), "day")]),
    # numeric dates: "ngày" is part of the quote when written
    ("ngày 26/4/2021", None, [("ngày 26/4/2021", D(2021, 4, 26), "day")]),
    ("ngày 26/02/2021", None, [("ngày 26/02/2021", D(2021, 2, 26), "day")]),
    ("26/02/2021", None, [("26/02/2021", D(2021, 2, 26), "day")]),
    ("ngày 01-10-1997", None, [("ngày 01-10-1997", D(1997, 10, 1), "day")]),
    ("ngày 05-3-2022 của Ban Thường vụ", None, [("ngày 05-3-2022", D(2022, 3, 5), "day")]),
    ("ngày 3/4/2018", None, [("ngày 3/4/2018", D(2018, 4, 3), "day")]),
    ("26.4.2021", None, [("26.4.2021", D(2021, 4, 26), "day")]),
    ("ban hành ngày 14/6/2025.", None, [("ngày 14/6/2025", D(2025, 6, 14), "day")]),
    ("từ ngày 01/7/2025 đến ngày 31/12/2025", None,
     [("ngày 01/7/2025", D(2025, 7, 1), "day"), ("ngày 31/12/2025", D(2025, 12, 31), "day")]),
    ("từ 20-25/12/2021", None, [("25/12/2021", D(2021, 12, 25), "day")]),
    ("ngày 30 / 4 / 2021", None, [("ngày 30 / 4 / 2021", D(2021, 4, 30), "day")]),
    ("30/4/1975", None, [("30/4/1975", D(1975, 4, 30), "day")]),
    ("(26/4/2021)", None, [("26/4/2021", D(2021, 4, 26), "day")]),
    ("Ngày 08/9/2024, bão số 3", None, [("Ngày 08/9/2024", D(2024, 9, 8), "day")]),
    # months, quarters, half-years, years: the value is the last day of the period
    ("tháng 11/2021", None, [("tháng 11/2021", D(2021, 11, 30), "month")]),
    ("tháng 11 năm 2021", None, [("tháng 11 năm 2021", D(2021, 11, 30), "month")]),
    ("tháng 2 năm 2024", None, [("tháng 2 năm 2024", D(2024, 2, 29), "month")]),
    ("tháng 02/2023", None, [("tháng 02/2023", D(2023, 2, 28), "month")]),
    ("tháng 12-2021", None, [("tháng 12-2021", D(2021, 12, 31), "month")]),
    ("Tháng 9/2024", None, [("Tháng 9/2024", D(2024, 9, 30), "month")]),
    ("quý IV/2021", None, [("quý IV/2021", D(2021, 12, 31), "quarter")]),
    ("quý I năm 2023", None, [("quý I năm 2023", D(2023, 3, 31), "quarter")]),
    ("quý II/2022", None, [("quý II/2022", D(2022, 6, 30), "quarter")]),
    ("quý III năm 2024", None, [("quý III năm 2024", D(2024, 9, 30), "quarter")]),
    ("quý 4/2021", None, [("quý 4/2021", D(2021, 12, 31), "quarter")]),
    ("Quý IV/2022", None, [("Quý IV/2022", D(2022, 12, 31), "quarter")]),
    ("quí II/2020", None, [("quí II/2020", D(2020, 6, 30), "quarter")]),
    ("6 tháng đầu năm 2021", None, [("6 tháng đầu năm 2021", D(2021, 6, 30), "month")]),
    ("6 tháng cuối năm 2021", None, [("6 tháng cuối năm 2021", D(2021, 12, 31), "month")]),
    ("năm 2022", None, [("năm 2022", D(2022, 12, 31), "year")]),
    ("đến năm 2030", None, [("năm 2030", D(2030, 12, 31), "year")]),
    ("Năm 2025", None, [("Năm 2025", D(2025, 12, 31), "year")]),
    # year-less days: the year comes from the reference, rolled forward past it
    ("ngày 15/12", None, [("ngày 15/12", None, "day")]),
    ("ngày 15/12", REF, [("ngày 15/12", D(2021, 12, 15), "day")]),
    ("trước ngày 20/01", REF, [("ngày 20/01", D(2022, 1, 20), "day")]),
    ("ngày 20 tháng 11", None, [("ngày 20 tháng 11", None, "day")]),
    ("ngày 20 tháng 11", D(2024, 3, 1), [("ngày 20 tháng 11", D(2024, 11, 20), "day")]),
    ("ngày 20 tháng 11", REF, [("ngày 20 tháng 11", D(2021, 11, 20), "day")]),
    ("ngày 01 tháng 01", REF, [("ngày 01 tháng 01", D(2022, 1, 1), "day")]),
    ("ngày 3/11", REF, [("ngày 3/11", D(2021, 11, 3), "day")]),
    ("ngày 30-4", REF, [("ngày 30-4", D(2022, 4, 30), "day")]),
    ("ngày 29/2", REF, [("ngày 29/2", D(2024, 2, 29), "day")]),
    ("ngày 15/12 năm 2022", None, [("ngày 15/12 năm 2022", D(2022, 12, 15), "day")]),
    ("trong ngày 30/4, 01/5", REF, [("ngày 30/4", D(2022, 4, 30), "day"), ("01/5", D(2022, 5, 1), "day")]),
    ("trong ngày 30/4, 01/5", None, [("ngày 30/4", None, "day")]),
    ("ngày 30-4 và 1-5", REF, [("ngày 30-4", D(2022, 4, 30), "day"), ("1-5", D(2022, 5, 1), "day")]),
    ("ngày 30/4 và ngày 01/5", None, [("ngày 30/4", None, "day"), ("ngày 01/5", None, "day")]),
    ("dịp lễ 30/4, 01/5", REF, [("30/4", D(2022, 4, 30), "day"), ("01/5", D(2022, 5, 1), "day")]),
    ("nghỉ lễ 30/4, 01/5 năm 2021", None,
     [("30/4", D(2021, 4, 30), "day"), ("01/5", D(2021, 5, 1), "day"), ("năm 2021", D(2021, 12, 31), "year")]),
    ("từ ngày 26/4 đến ngày 10/5/2021", REF, [("ngày 26/4", D(2021, 4, 26), "day"), ("ngày 10/5/2021", D(2021, 5, 10), "day")]),
    ("từ ngày 20/12 đến ngày 10/01/2022", None,
     [("ngày 20/12", D(2021, 12, 20), "day"), ("ngày 10/01/2022", D(2022, 1, 10), "day")]),
    ("ngày 30/4 - 01/5/2021", None, [("ngày 30/4", D(2021, 4, 30), "day"), ("01/5/2021", D(2021, 5, 1), "day")]),
    # blank drafts
    ("ngày   tháng 12 năm 2020", None, [("ngày   tháng 12 năm 2020", None, "blank")]),
    ("ngày tháng 12 năm 2020", None, [("ngày tháng 12 năm 2020", None, "blank")]),
    ("ngày ... tháng ... năm 2021", None, [("ngày ... tháng ... năm 2021", None, "blank")]),
    ("ngày …. tháng 01 năm 2024", None, [("ngày …. tháng 01 năm 2024", None, "blank")]),
    ("ngày .../12/2020", None, [("ngày .../12/2020", None, "blank")]),
    ("ngày tháng năm 2023", None, [("ngày tháng năm 2023", None, "blank")]),
    # several dates in one sentence, in reading order
    ("Chỉ thị số 16/CT-TTg ngày 31/3/2020 và Công điện ngày 27 tháng 4 năm 2021", None,
     [("ngày 31/3/2020", D(2020, 3, 31), "day"), ("ngày 27 tháng 4 năm 2021", D(2021, 4, 27), "day")]),
    ("hoàn thành trong quý IV/2021, chậm nhất ngày 31/12/2021", None,
     [("quý IV/2021", D(2021, 12, 31), "quarter"), ("ngày 31/12/2021", D(2021, 12, 31), "day")]),
    ("sơ kết 6 tháng đầu năm 2022 và tổng kết năm 2022", None,
     [("6 tháng đầu năm 2022", D(2022, 6, 30), "month"), ("năm 2022", D(2022, 12, 31), "year")]),
]


@pytest.mark.parametrize(("text", "ref", "expected"), FOUND)
def test_find_dates(text: str, ref: dt.date | None, expected: list[tuple[str, dt.date | None, str]]) -> None:
    found = find_dates(text, ref)
    assert [(d.quote, d.value, d.precision) for d in found] == expected
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.quote


# what must not be a date (or not a day/month date)
REFUSED = [
    "ứng trực 24/24 giờ",
    "trực 24/24",
    "ngày 31/2/2021",
    "ngày 30/2/2022",
    "ngày 31/4/2021",
    "tháng 13/2021",
    "tháng 0/2021",
    "ngày 32 tháng 1 năm 2020",
    "ngày 31 tháng 2 năm 2021",
    "ngày 00/12/2021",
    "226 trường hợp",
    "Covid-19",
    "2021-2025",
    "nhiệm kỳ 2021- 2026",
    "giai đoạn 2021 - 2025",
    "các năm 2021-2025",
    "năm 2021 - 2025",
    "1/2 số hộ",
    "đạt 3/4 chỉ tiêu",
    "Số 30/2020/NĐ-CP",
    "Số: 02/CĐ-UBND",
    "Quốc lộ 4D",
    "15/12",
    "ngày 15",
    "lễ 30/4",
    "tháng 11",
    "năm nay",
    "quý IV",
    "ngày 31/4",
    "66.12/2026/NQ-CP",
    "",
]


@pytest.mark.parametrize("text", REFUSED)
def test_not_dates(text: str) -> None:
    assert [d for d in find_dates(text) if d.precision in ("day", "month", "quarter")] == []


@pytest.mark.parametrize("text", ["trực 24/24 giờ", "1/2 số hộ", "ngày 31/2", "đạt 3/4 kế hoạch"])
def test_ratios_are_not_dates_even_with_a_reference(text: str) -> None:
    assert find_dates(text, REF) == []


PLACE_DATES = [
    ("Lai Châu, ngày 03 tháng 11 năm 2021", "Lai Châu", D(2021, 11, 3), "day"),
    ("Hà Nội, ngày   tháng 12 năm 2020", "Hà Nội", None, "blank"),
    ("TP. Hồ Chí Minh, ngày 5 tháng 01 năm 2024", "TP. Hồ Chí Minh", D(2024, 1, 5), "day"),
    ("Đồng Nai, ngày 22 tháng 7 năm 2021", "Đồng Nai", D(2021, 7, 22), "day"),
    ("Hạ Long, ngày 20 tháng 02 năm 2018", "Hạ Long", D(2018, 2, 20), "day"),
    ("Bà Rịa - Vũng Tàu, ngày 10 tháng 10 năm 2019", "Bà Rịa - Vũng Tàu", D(2019, 10, 10), "day"),
    ("Bình Dương, ngày tháng 12 năm 2020", "Bình Dương", None, "blank"),
    ("Thành phố Hồ Chí Minh, ngày 03/4/2018", "Thành phố Hồ Chí Minh", D(2018, 4, 3), "day"),
    ("Thừa Thiên Huế, ngày 21 tháng 7 năm 2021", "Thừa Thiên Huế", D(2021, 7, 21), "day"),
    ("Điện Biên, ngày 12 tháng 3 năm 2021", "Điện Biên", D(2021, 3, 12), "day"),
    ("Buôn Ma Thuột, ngày 02 tháng 8 năm 2023", "Buôn Ma Thuột", D(2023, 8, 2), "day"),
    ("Hoà Bình, ngày 15 tháng 02 năm 2023", "Hoà Bình", D(2023, 2, 15), "day"),
    ("Hòa Bình, ngày 15 tháng 02 năm 2023", "Hòa Bình", D(2023, 2, 15), "day"),
    ("* Lai Châu, ngày 03 tháng 11 năm 2021", "Lai Châu", D(2021, 11, 3), "day"),
    ("Cà Mau, ngày 04 tháng 3 năm 2020.", "Cà Mau", D(2020, 3, 4), "day"),
]


@pytest.mark.parametrize(("line", "place", "value", "precision"), PLACE_DATES)
def test_place_date(line: str, place: str, value: dt.date | None, precision: str) -> None:
    found_place, match = place_date(line)
    assert found_place == place
    assert match is not None
    assert (match.value, match.precision) == (value, precision)
    assert line[match.span[0]:match.span[1]] == match.quote
    assert match.quote.lower().startswith("ngày")


@pytest.mark.parametrize("line", [
    "Thời gian qua, ngày 25/8/2021 tỉnh ta ghi nhận",
    "tính đến sáng ngày 25/8/2021, tỉnh ta",
    "Số 629-CV/TU",
    "",
    "Lai Châu",
    "Lai Châu, tháng 11 năm 2021",
    "Trong năm, ngày 3/4/2018 đã",
    "Kính gửi: Ban Thường vụ, ngày 3/4/2018",
    "Hà Nội, ngày 03 tháng 4 năm 2018 tỉnh ta đã",
    "12345, ngày 3/4/2018",
])
def test_not_place_date(line: str) -> None:
    assert place_date(line) == (None, None)


@pytest.mark.parametrize(("text", "ref", "value"), [
    ("ban hành ngày 26/4/2021 của UBND tỉnh", None, D(2021, 4, 26)),
    ("không có ngày", None, None),
    ("tháng 11/2021", None, D(2021, 11, 30)),
    ("năm 2022, ngày 05/3/2022", None, D(2022, 3, 5)),
    ("ngày 15/12", REF, D(2021, 12, 15)),
    ("ngày 15/12", None, None),
    ("ngày tháng 12 năm 2020", None, None),
    ("quý IV/2021", None, D(2021, 12, 31)),
    ("ngày 27 tháng 4 năm 2021", None, D(2021, 4, 27)),
    ("ngày 31/2/2021", None, None),
])
def test_parse_date(text: str, ref: dt.date | None, value: dt.date | None) -> None:
    assert parse_date(text, ref) == value


@pytest.mark.parametrize(("d", "m", "ref", "past", "value"), [
    (15, 12, REF, False, D(2021, 12, 15)),
    (20, 1, REF, False, D(2022, 1, 20)),
    (3, 11, REF, False, D(2021, 11, 3)),
    (15, 12, REF, True, D(2020, 12, 15)),
    (20, 1, REF, True, D(2021, 1, 20)),
    (29, 2, REF, False, D(2024, 2, 29)),
    (29, 2, REF, True, D(2020, 2, 29)),
    (31, 2, REF, False, None),
    (15, 12, None, False, None),
])
def test_with_year(d: int, m: int, ref: dt.date | None, past: bool, value: dt.date | None) -> None:
    assert with_year(d, m, ref, past=past) == value


def test_date_match_is_frozen() -> None:
    match = find_dates("ngày 26/4/2021")[0]
    assert isinstance(match, DateMatch)
    with pytest.raises(AttributeError):
        match.value = None  # type: ignore[misc]


FRAGMENTS = ["ngày", "tháng", "năm", "quý", "IV", "Ngày", " ", "/", "-", ".", ",", "2021", "12", "31", "3", "0",
             "…", "Lai Châu", "24/24", "giờ", "trước", "6", "đầu", "lễ", "30/4", "Hà Nội, ", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, REF]))
def test_never_raises_and_quotes_its_span_on_any_text(text: str, ref: dt.date | None) -> None:
    for d in find_dates(text, ref):
        assert text[d.span[0]:d.span[1]] == d.quote
        assert d.precision in ("day", "month", "quarter", "year", "blank")
    parse_date(text, ref)
    place, match = place_date(text)
    if match is not None:
        assert text[match.span[0]:match.span[1]] == match.quote


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join), st.sampled_from([None, REF]))
def test_never_raises_and_quotes_its_span_on_date_like_text(text: str, ref: dt.date | None) -> None:
    found = find_dates(text, ref)
    spans = [d.span for d in found]
    assert spans == sorted(spans)
    for a, b in zip(spans, spans[1:], strict=False):
        assert a[1] <= b[0]  # no overlaps
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.quote
        if d.precision == "blank":
            assert d.value is None
    place, match = place_date(text)
    if match is not None:
        assert text[match.span[0]:match.span[1]] == match.quote
