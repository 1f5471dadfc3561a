"""Document numbers, dates and place-date lines: input → expected, many forms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.dates import find_dates, parse_date, place_date
from chidao.extract.numbers import find_number_line, normalize_number, number_key

NUMBER_LINES = [
    ("Số 761 - CV/TU", "761-CV/TU", "party", "CV", "TU"),
    ("Số 629-CV/TU", "629-CV/TU", "party", "CV", "TU"),
    ("Số: 1400 - CV/VPTU", "1400-CV/VPTU", "party", "CV", "VPTU"),
    ("Số 357 -CV/HNDTW", "357-CV/HNDTW", "party", "CV", "HNDTW"),
    ("So 12/BC-VPTU", "12/BC-VPTU", "party", "BC", "VPTU"),
    ("Số: 02/CĐ-UBND", "02/CĐ-UBND", "state", "CĐ", "UBND"),
    ("Số:02/CĐ-UBND", "02/CĐ-UBND", "state", "CĐ", "UBND"),
    ("Số: 08/KH-UBND", "08/KH-UBND", "state", "KH", "UBND"),
    ("Số: 4912/UBND-NC", "4912/UBND-NC", "state", None, "UBND"),
    ("Số: 5104/BTTTT-PTTH&TTĐT", "5104/BTTTT-PTTH&TTĐT", "state", None, "BTTTT"),
    ("Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP", "state", "NĐ", "CP"),
    ("Số: 64/2024/QĐ-UBND", "64/2024/QĐ-UBND", "state", "QĐ", "UBND"),
    ("Số: 07/CĐ-TTg", "07/CĐ-TTg", "state", "CĐ", "TTg"),
    ("Số: 118/TTr-STTTT", "118/TTr-STTTT", "state", "TTr", "STTTT"),
    ("Số 36-HD/VPTW", "36-HD/VPTW", "party", "HD", "VPTW"),
    ("Số 24-BS/UBKTTU", "24-BS/UBKTTU", "party", "BS", "UBKTTU"),
    ("Số 822-CV/BTGTU", "822-CV/BTGTU", "party", "CV", "BTGTU"),
    ("Số 05-NQ/TU", "05-NQ/TU", "party", "NQ", "TU"),
    ("Số 57-CV/HU", "57-CV/HU", "party", "CV", "HU"),
    ("Số 147-CTHĐ/TU", "147-CTHĐ/TU", "party", "CTHĐ", "TU"),
    ("Số 445-KL/TƯ", "445-KL/TƯ", "party", "KL", "TƯ"),
    ("Số:     /UBND-VP", None, "state", None, "UBND"),
    ("TỈNH ỦY LẠNG SƠN * Số 57-CV/TU ĐẢNG CỘNG SẢN VIỆT NAM", "57-CV/TU", "party", "CV", "TU"),
    ("**Số 12-CT/TU**", "12-CT/TU", "party", "CT", "TU"),
    # hyphens lost by aggregators (real copies)
    ("Số 48 CT/TW", "48-CT/TW", "party", "CT", "TW"),
    ("S: 709/VPCP-KTTH", "709/VPCP-KTTH", "state", None, "VPCP"),  # a copy that lost "ố" whole
    ("Số: 86/QĐ UBND", "86/QĐ-UBND", "state", "QĐ", "UBND"),
    ("Số: 12/UBND V/v tăng cường", "12/UBND", "state", None, "UBND"),
    ("Số: 12/CT-UBND CỘNG HÒA XÃ HỘI", "12/CT-UBND", "state", "CT", "UBND"),
]


@pytest.mark.parametrize(("line", "number", "family", "type_code", "issuer"), NUMBER_LINES)
def test_number_lines(line, number, family, type_code, issuer) -> None:
    found = find_number_line(line)
    assert found is not None
    assert (found.number, found.family, found.type_code, found.issuer_code) == (number, family, type_code, issuer)
    assert line[found.span[0]:found.span[1]] == found.quote


@pytest.mark.parametrize("text", ["Số lượng công dân từ vùng dịch", "Tổng số 226 trường hợp", "", "số 5 người"])
def test_not_number_lines(text) -> None:
    assert find_number_line(text) is None


@pytest.mark.parametrize(("raw", "number", "family"), [
    ("16-CT/TTg", "16/CT-TTg", "state"), ("16/CT-TTg", "16/CT-TTg", "state"), ("21/NQ-CP", "21/NQ-CP", "state"),
    ("118-KL/TW", "118-KL/TW", "party"), ("05-NQ/TU", "05-NQ/TU", "party"), ("02/CĐ-UBND", "02/CĐ-UBND", "state"),
    ("14/CT-BYT", "14/CT-BYT", "state"), ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "state"),
    ("2786/QĐ-BQP", "2786/QĐ-BQP", "state"), ("45-CT/TW", "45-CT/TW", "party"),
])
def test_normalize_number(raw, number, family) -> None:
    assert normalize_number(raw) == (number, family)


def test_number_key_ignores_separators() -> None:
    assert number_key("16-CT/TTg") == number_key("16/CT-TTg") == "16CTTTG"


DATES = [
    ("ngày 03 tháng 11 năm 2021", dt.date(2021, 11, 3), "day"),
    ("ngày 3 tháng 4 năm 2018", dt.date(2018, 4, 3), "day"),
    ("ngày 27 tháng 4 năm 2021", dt.date(2021, 4, 27), "day"),
    ("ngày 26/4/2021", dt.date(2021, 4, 26), "day"),
    ("ngày 26/02/2021", dt.date(2021, 2, 26), "day"),
    ("ngày 01-10-1997", dt.date(1997, 10, 1), "day"),
    ("ngày 05-3-2022", dt.date(2022, 3, 5), "day"),
    ("26.4.2021", dt.date(2021, 4, 26), "day"),
    ("tháng 11/2021", dt.date(2021, 11, 30), "month"),
    ("tháng 2 năm 2024", dt.date(2024, 2, 29), "month"),
    ("quý IV/2021", dt.date(2021, 12, 31), "quarter"),
    ("quý I năm 2023", dt.date(2023, 3, 31), "quarter"),
    ("năm 2022", dt.date(2022, 12, 31), "year"),
    ("ngày   tháng 12 năm 2020", None, "blank"),
    ("Ngày 15 tháng 8 năm 2025", dt.date(2025, 8, 15), "day"),
]


@pytest.mark.parametrize(("text", "value", "precision"), DATES)
def test_dates(text, value, precision) -> None:
    found = find_dates(text)
    assert [(d.value, d.precision) for d in found] == [(value, precision)]
    assert text[found[0].span[0]:found[0].span[1]] == found[0].quote


@pytest.mark.parametrize(("text", "ref", "value"), [
    ("trước ngày 15/12", dt.date(2021, 11, 3), dt.date(2021, 12, 15)),
    ("trước ngày 20/01", dt.date(2021, 11, 3), dt.date(2022, 1, 20)),
    ("ngày 20 tháng 11", dt.date(2024, 3, 1), dt.date(2024, 11, 20)),
    ("trước ngày 15/12", None, None),
])
def test_yearless_dates(text, ref, value) -> None:
    found = find_dates(text, ref)
    assert [d.value for d in found] == [value]


@pytest.mark.parametrize("text", ["ứng trực 24/24 giờ", "ngày 31/2/2021", "tháng 13/2021", "ngày 32 tháng 1 năm 2020",
                                  "226 trường hợp", "Covid-19", "2021-2025", "nhiệm kỳ 2021- 2026"])
def test_not_dates(text) -> None:
    assert [d for d in find_dates(text) if d.precision in ("day", "month")] == []


@pytest.mark.parametrize(("line", "place", "value"), [
    ("Lai Châu, ngày 03 tháng 11 năm 2021", "Lai Châu", dt.date(2021, 11, 3)),
    ("Đồng Nai, ngày 22 tháng 7 năm 2021", "Đồng Nai", dt.date(2021, 7, 22)),
    ("Hà Nội, ngày 03 tháng 4 năm 2018", "Hà Nội", dt.date(2018, 4, 3)),
    ("TP. Hồ Chí Minh, ngày 5 tháng 01 năm 2024", "TP. Hồ Chí Minh", dt.date(2024, 1, 5)),
    ("Bà Rịa - Vũng Tàu, ngày 10 tháng 10 năm 2019", "Bà Rịa - Vũng Tàu", dt.date(2019, 10, 10)),
    ("Hạ Long, ngày 20 tháng 02 năm 2018", "Hạ Long", dt.date(2018, 2, 20)),
    ("Bình Dương, ngày   tháng 12 năm 2020", "Bình Dương", None),
])
def test_place_date(line, place, value) -> None:
    found_place, match = place_date(line)
    assert found_place == place
    assert match is not None and match.value == value


@pytest.mark.parametrize("line", ["Thời gian qua, ngày 25/8/2021 tỉnh ta ghi nhận", "Số 629-CV/TU", "",
                                  "tính đến sáng ngày 25/8/2021, tỉnh ta"])
def test_not_place_date(line) -> None:
    assert place_date(line) == (None, None)


def test_parse_date() -> None:
    assert parse_date("ban hành ngày 26/4/2021 của UBND tỉnh") == dt.date(2021, 4, 26)
    assert parse_date("không có ngày") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_finders_never_raise_and_spans_quote(text) -> None:
    for d in find_dates(text, dt.date(2021, 1, 1)):
        assert text[d.span[0]:d.span[1]] == d.quote
    found = find_number_line(text)
    if found:
        assert text[found.span[0]:found.span[1]] == found.quote
    place_date(text)
