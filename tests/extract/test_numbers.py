"""Document numbers: header number lines, canonical forms and families, keys for ids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.numbers import (
    DocNumber,
    find_number_line,
    is_national_code,
    issuer_of_code,
    normalize_number,
    number_key,
)

# line, number, family, type_code, issuer_code, year, serial, raw
NUMBER_LINES = [
    ("Số 761 - CV/TU", "761-CV/TU", "party", "CV", "TU", None, "761", "761 - CV/TU"),
    ("Số 629-CV/TU", "629-CV/TU", "party", "CV", "TU", None, "629", "629-CV/TU"),
    ("Số: 1400 - CV/VPTU", "1400-CV/VPTU", "party", "CV", "VPTU", None, "1400", "1400 - CV/VPTU"),
    ("Số 357 -CV/HNDTW", "357-CV/HNDTW", "party", "CV", "HNDTW", None, "357", "357 -CV/HNDTW"),
    ("So 12/BC-VPTU", "12/BC-VPTU", "party", "BC", "VPTU", None, "12", "12/BC-VPTU"),
    ("Số: 02/CĐ-UBND", "02/CĐ-UBND", "state", "CĐ", "UBND", None, "02", "02/CĐ-UBND"),
    ("Số:02/CĐ-UBND", "02/CĐ-UBND", "state", "CĐ", "UBND", None, "02", "02/CĐ-UBND"),
    ("Số: 4912/UBND-NC", "4912/UBND-NC", "state", None, "UBND", None, "4912", "4912/UBND-NC"),
    ("Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP", "state", "NĐ", "CP", 2020, "30", "30/2020/NĐ-CP"),
    ("Số: 5104/BTTTT-PTTH&TTĐT", "5104/BTTTT-PTTH&TTĐT", "state", None, "BTTTT", None, "5104",
     "5104/BTTTT-PTTH&TTĐT"),
    ("Số:     /UBND-VP", None, "state", None, "UBND", None, None, "/UBND-VP"),
    ("Số: /UBND-VP", None, "state", None, "UBND", None, None, "/UBND-VP"),
    ("Số: ....../QĐ-UBND", None, "state", "QĐ", "UBND", None, None, "....../QĐ-UBND"),
    ("Số:      -CV/TU", None, "party", "CV", "TU", None, None, "-CV/TU"),
    ("Số ...-KH/TU", None, "party", "KH", "TU", None, None, "...-KH/TU"),
    ("Số: 08/KH-UBND", "08/KH-UBND", "state", "KH", "UBND", None, "08", "08/KH-UBND"),
    ("Số: 64/2024/QĐ-UBND", "64/2024/QĐ-UBND", "state", "QĐ", "UBND", 2024, "64", "64/2024/QĐ-UBND"),
    ("Số: 07/CĐ-TTg", "07/CĐ-TTg", "state", "CĐ", "TTg", None, "07", "07/CĐ-TTg"),
    ("Số: 118/TTr-STTTT", "118/TTr-STTTT", "state", "TTr", "STTTT", None, "118", "118/TTr-STTTT"),
    ("Số: 2786/QĐ-BQP", "2786/QĐ-BQP", "state", "QĐ", "BQP", None, "2786", "2786/QĐ-BQP"),
    ("Số: 176/2025/QH15", "176/2025/QH15", "state", None, "QH15", 2025, "176", "176/2025/QH15"),
    ("Số: 1670/NQ-UBTVQH15", "1670/NQ-UBTVQH15", "state", "NQ", "UBTVQH15", None, "1670", "1670/NQ-UBTVQH15"),
    ("Số: 66.12/2026/NQ-CP", "66.12/2026/NQ-CP", "state", "NQ", "CP", 2026, "66.12", "66.12/2026/NQ-CP"),
    ("Số: 01/2011/TT-BNV", "01/2011/TT-BNV", "state", "TT", "BNV", 2011, "01", "01/2011/TT-BNV"),
    ("Số: 90/TBMTTQ-BTT", "90/TBMTTQ-BTT", "state", None, "TBMTTQ", None, "90", "90/TBMTTQ-BTT"),
    ("Số 36-HD/VPTW", "36-HD/VPTW", "party", "HD", "VPTW", None, "36", "36-HD/VPTW"),
    ("Số 24-BS/UBKTTU", "24-BS/UBKTTU", "party", "BS", "UBKTTU", None, "24", "24-BS/UBKTTU"),
    ("Số 822-CV/BTGTU", "822-CV/BTGTU", "party", "CV", "BTGTU", None, "822", "822-CV/BTGTU"),
    ("Số 05-NQ/TU", "05-NQ/TU", "party", "NQ", "TU", None, "05", "05-NQ/TU"),
    ("Số 57-CV/HU", "57-CV/HU", "party", "CV", "HU", None, "57", "57-CV/HU"),
    ("Số 147-CTHĐ/TU", "147-CTHĐ/TU", "party", "CTHĐ", "TU", None, "147", "147-CTHĐ/TU"),
    ("Số 445-KL/TƯ", "445-KL/TƯ", "party", "KL", "TƯ", None, "445", "445-KL/TƯ"),
    ("Số 08-QĐi/TW", "08-QĐi/TW", "party", "QĐi", "TW", None, "08", "08-QĐi/TW"),
    ("Số 399-QĐ/TW", "399-QĐ/TW", "party", "QĐ", "TW", None, "399", "399-QĐ/TW"),
    ("Số 3792-BC/BCSĐCP", "3792-BC/BCSĐCP", "party", "BC", "BCSĐCP", None, "3792", "3792-BC/BCSĐCP"),
    ("Số 02-KH/BCĐTW", "02-KH/BCĐTW", "party", "KH", "BCĐTW", None, "02", "02-KH/BCĐTW"),
    ("Số 2618-CV/VPTU", "2618-CV/VPTU", "party", "CV", "VPTU", None, "2618", "2618-CV/VPTU"),
    ("Số 139-TB/ĐU", "139-TB/ĐU", "party", "TB", "ĐU", None, "139", "139-TB/ĐU"),
    ("Số 367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", "party", "QĐ", "TWĐTN", None, "367", "367 - QĐ/TWĐTN-VP"),
    ("SỐ: 15/CT-UBND", "15/CT-UBND", "state", "CT", "UBND", None, "15", "15/CT-UBND"),
    ("Số và ký hiệu: 21/NQ-CP", "21/NQ-CP", "state", "NQ", "CP", None, "21", "21/NQ-CP"),
    ("Số 16-CT/TTg", "16/CT-TTg", "state", "CT", "TTg", None, "16", "16-CT/TTg"),
    # flattened headers and markdown left-overs
    ("TỈNH ỦY LẠNG SƠN * Số 57-CV/TU ĐẢNG CỘNG SẢN VIỆT NAM", "57-CV/TU", "party", "CV", "TU", None, "57",
     "57-CV/TU"),
    ("**Số 12-CT/TU**", "12-CT/TU", "party", "CT", "TU", None, "12", "12-CT/TU"),
    ("| Số: 02/CĐ-UBND | Lai Châu, ngày 26 tháng 4 năm 2021 |", "02/CĐ-UBND", "state", "CĐ", "UBND", None, "02",
     "02/CĐ-UBND"),
    ("ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 1234/UBND-VX\nV/v tăng cường", "1234/UBND-VX", "state", None, "UBND",
     None, "1234", "1234/UBND-VX"),
    ("Số lượng lớn\nSố 629-CV/TU", "629-CV/TU", "party", "CV", "TU", None, "629", "629-CV/TU"),
]


@pytest.mark.parametrize(("line", "number", "family", "type_code", "issuer", "year", "serial", "raw"), NUMBER_LINES)
def test_number_lines(line: str, number: str | None, family: str, type_code: str | None, issuer: str | None,
                      year: int | None, serial: str | None, raw: str) -> None:
    found = find_number_line(line)
    assert found is not None
    assert (found.number, found.family, found.type_code, found.issuer_code, found.year, found.serial) == \
        (number, family, type_code, issuer, year, serial)
    assert found.raw == raw
    assert line[found.span[0]:found.span[1]] == found.quote
    assert found.quote.upper().startswith(("SỐ", "SO"))


@pytest.mark.parametrize("text", [
    "Số lượng công dân từ vùng dịch",
    "Tổng số 226 trường hợp",
    "",
    "số 5 người",
    "Số 5 người bị thương",
    "Số ca mắc mới: 12",
    "Sổ tay hướng dẫn",
    "Chỉ thị 16",
    "Số: ",
    "Số điện thoại: 0213.3876.123",
    "Số hộ dân: 1/2 tổng số",
])
def test_not_number_lines(text: str) -> None:
    assert find_number_line(text) is None


NORMALIZED = [
    ("16-CT/TTg", "16/CT-TTg", "state"),
    ("16/CT-TTg", "16/CT-TTg", "state"),
    ("21/NQ-CP", "21/NQ-CP", "state"),
    ("21-NQ/CP", "21/NQ-CP", "state"),
    ("118-KL/TW", "118-KL/TW", "party"),
    ("05-NQ/TU", "05-NQ/TU", "party"),
    ("02/CĐ-UBND", "02/CĐ-UBND", "state"),
    ("14/CT-BYT", "14/CT-BYT", "state"),
    ("14-CT/BYT", "14/CT-BYT", "state"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "state"),
    ("2786/QĐ-BQP", "2786/QĐ-BQP", "state"),
    ("45-CT/TW", "45-CT/TW", "party"),
    ("36-HD/VPTW", "36-HD/VPTW", "party"),
    ("12/BC-VPTU", "12/BC-VPTU", "party"),
    ("88-KH/TU", "88-KH/TU", "party"),
    ("1185-CV/TU", "1185-CV/TU", "party"),
    ("761 - CV/TU", "761-CV/TU", "party"),
    ("16 - CT/TTg", "16/CT-TTg", "state"),
    ("1145/BNN-TCTL", "1145/BNN-TCTL", "state"),
    ("4912/UBND-NC", "4912/UBND-NC", "state"),
    ("57-NQ/TW", "57-NQ/TW", "party"),
    ("3792-BC/BCSĐCP", "3792-BC/BCSĐCP", "party"),
    ("Số: 02/CĐ-UBND", "02/CĐ-UBND", "state"),
    ("Số 629-CV/TU", "629-CV/TU", "party"),
    ("147-CTHĐ/TU", "147-CTHĐ/TU", "party"),
    ("367-QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP", "party"),
    ("90/TBMTTQ-BTT", "90/TBMTTQ-BTT", "state"),
    ("/UBND-VP", None, "state"),
    ("Chỉ thị 16", None, "party"),
    ("", None, "party"),
]


@pytest.mark.parametrize(("raw", "number", "family"), NORMALIZED)
def test_normalize_number(raw: str, number: str | None, family: str) -> None:
    assert normalize_number(raw) == (number, family)


@pytest.mark.parametrize(("a", "b"), [
    ("16-CT/TTg", "16/CT-TTg"), ("21/NQ-CP", "21-NQ/CP"), ("05-NQ/TU", "05/NQ-TU"), ("761 - CV/TU", "761-CV/TU"),
    ("30/2020/NĐ-CP", "30/2020/nđ-cp"), ("66.12/2026/NQ-CP", "6612/2026/NQ-CP"),
])
def test_number_key_ignores_separators_and_case(a: str, b: str) -> None:
    assert number_key(a) == number_key(b)


@pytest.mark.parametrize(("number", "key"), [
    ("16/CT-TTg", "16CTTTG"), ("118-KL/TW", "118KLTW"), ("30/2020/NĐ-CP", "302020NĐCP"), ("445-KL/TƯ", "445KLTƯ"),
])
def test_number_key(number: str, key: str) -> None:
    assert number_key(number) == key


@pytest.mark.parametrize(("code", "body", "national"), [
    ("TTg", "Thủ tướng Chính phủ", True), ("TTG", "Thủ tướng Chính phủ", True), ("CP", "Chính phủ", True),
    ("TW", None, True), ("BYT", "Bộ Y tế", True), ("BQP", "Bộ Quốc phòng", True),
    ("VPTW", "Văn phòng Trung ương Đảng", True), ("QH15", "Quốc hội", True),
    ("UBND", None, False), ("TU", None, False), ("VPTU", None, False), ("XYZ", None, False), (None, None, False),
    ("", None, False),
])
def test_issuer_codes(code: str | None, body: str | None, national: bool) -> None:
    assert issuer_of_code(code) == body
    assert is_national_code(code) is national


def test_doc_number_is_frozen() -> None:
    found = find_number_line("Số 629-CV/TU")
    assert isinstance(found, DocNumber)
    with pytest.raises(AttributeError):
        found.number = None  # type: ignore[misc]


FRAGMENTS = ["Số", "So", "SỐ", ":", " ", "  ", "-", "/", "629", "02", "2020", "CV", "TU", "CĐ", "UBND", "NĐ", "CP",
             "TTg", "...", "&", "Đ", "*", "\n", "V/v", "ngày"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    found = find_number_line(text)
    if found is not None:
        assert text[found.span[0]:found.span[1]] == found.quote
    number, family = normalize_number(text)
    assert family in ("party", "state")
    number_key(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_never_raises_on_number_like_text(text: str) -> None:
    found = find_number_line(text)
    if found is not None:
        assert text[found.span[0]:found.span[1]] == found.quote
        assert found.family in ("party", "state")
        assert found.number is None or number_key(found.number) == number_key(found.number.lower())
        if found.number is not None:
            assert normalize_number(found.number) == (found.number, found.family)
