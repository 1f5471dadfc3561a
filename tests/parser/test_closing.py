"""Kính gửi and Nơi nhận lists, signature blocks, and item numbering."""

from __future__ import annotations

import pytest

from chidao.extract import closing, items
from chidao.extract.layout import find_layout
from chidao.loaders.normalize import normalize

BODY = ("Thời gian qua các cấp ủy đã triển khai nhiều biện pháp phòng, chống dịch bệnh trên địa bàn tỉnh, "
        "đạt được kết quả quan trọng; tuy nhiên tình hình còn diễn biến phức tạp.")


def layout_of(text: str):
    return find_layout(normalize(text))


RECIPIENTS = [
    ("Kính gửi: Ban Thường vụ các huyện ủy, thành ủy.", ["Ban Thường vụ các huyện ủy, thành ủy"]),
    ("Kính gửi: - Các đảng đoàn, ban cán sự đảng,\n- Các sở, ban, ngành,\n- Các huyện ủy, thành ủy.",
     ["Các đảng đoàn, ban cán sự đảng", "Các sở, ban, ngành", "Các huyện ủy, thành ủy"]),
    ("Kính gửi:\n- Sở Y tế;\n- Sở Tài chính;\n- UBND các huyện, thành phố.", ["Sở Y tế", "Sở Tài chính", "UBND các huyện, thành phố"]),
    ("- Kính gửi:\n- Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh,\n- Các ban đảng.",
     ["Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh", "Các ban đảng"]),
    ("Kính gửi: - Các đồng chí Tỉnh ủy viên,\n\n- Các cấp ủy trực thuộc tỉnh,\n- Ban chỉ đạo phòng, chống COVID-19 tỉnh.",
     ["Các đồng chí Tỉnh ủy viên", "Các cấp ủy trực thuộc tỉnh", "Ban chỉ đạo phòng, chống COVID-19 tỉnh"]),
    ("Kính gửi: - Sở Nội vụ; - Sở Tài chính.", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Kính gửi: Thủ tướng Chính phủ", ["Thủ tướng Chính phủ"]),
    ("Kính trình: Ban Thường vụ Tỉnh ủy", ["Ban Thường vụ Tỉnh ủy"]),
    ("Kính gửi:\n+ Các sở, ngành;\n+ Công an tỉnh.", ["Các sở, ngành", "Công an tỉnh"]),
]


@pytest.mark.parametrize(("block", "expected"), RECIPIENTS)
def test_recipients(block: str, expected: list[str]) -> None:
    layout = layout_of(f"Số 12-CV/TU\n\n{block}\n\n{BODY}")
    assert [m.name for m in closing.recipients(layout)] == expected


CC = [
    ("Nơi nhận:\n- Như trên,\n- Lưu VPTU.", [("Như trên", "as-above"), ("Lưu VPTU", "archive")]),
    ("Nơi nhận:\n- Ban Bí thư (để báo cáo),\n- Các đ/c Thường vụ Tỉnh ủy,\n- Lưu Văn phòng Tỉnh ủy.",
     [("Ban Bí thư (để báo cáo)", "report"), ("Các đ/c Thường vụ Tỉnh ủy", None), ("Lưu Văn phòng Tỉnh ủy", "archive")]),
    ("Nơi nhận:\n- Như Điều 3;\n- Thủ tướng Chính phủ (b/c);\n- Lưu: VT, NC.",
     [("Như Điều 3", "as-above"), ("Thủ tướng Chính phủ (b/c)", "report"), ("Lưu: VT, NC", "archive")]),
    ("Nơi nhận:\n- Sở Y tế (để thực hiện);\n- UBND các huyện (t/h);\n- Báo Lai Châu (để biết).",
     [("Sở Y tế (để thực hiện)", "execute"), ("UBND các huyện (t/h)", "execute"), ("Báo Lai Châu (để biết)", "inform")]),
    ("Nơi nhận:\n- VP.UBND tỉnh,\n- CP.VPTU-C3, N\n- Lưu VPTU.",
     [("VP.UBND tỉnh", None), ("CP.VPTU-C3, N", None), ("Lưu VPTU", "archive")]),
    ("Nơi nhận:\n- Thường trực Tỉnh ủy (để chỉ đạo);\n- Công an tỉnh (để phối hợp);",
     [("Thường trực Tỉnh ủy (để chỉ đạo)", "direct"), ("Công an tỉnh (để phối hợp)", "cooperate")]),
]


@pytest.mark.parametrize(("block", "expected"), CC)
def test_cc(block: str, expected: list[tuple[str, str | None]]) -> None:
    layout = layout_of(f"Số 12-CV/TU\n\n{BODY}\n\n{block}\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An")
    assert [(a.mention.name, a.purpose) for a in closing.cc_list(layout)] == expected


SIGNATURES = [
    ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nTrần Đình Văn", ("Trần Đình Văn", "Phó Bí thư", "T/M", "BAN THƯỜNG VỤ", None)),
    ("T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nGiàng Páo Mỷ", ("Giàng Páo Mỷ", "Bí thư", "T/M", "BAN THƯỜNG VỤ", None)),
    ("K/T BÍ THƯ\nPHÓ BÍ THƯ\n\nLê Văn Lương", ("Lê Văn Lương", "Phó Bí thư", "K/T", "BÍ THƯ", None)),
    ("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nNguyễn Thị Hoa",
     ("Nguyễn Thị Hoa", "Chánh Văn phòng", "T/L", "BAN THƯỜNG VỤ", None)),
    ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHà Trọng Hải",
     ("Hà Trọng Hải", "Phó Chủ tịch", "K/T", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN")),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Lương", ("Lê Văn Lương", "Chủ tịch", "T/M", "ỦY BAN NHÂN DÂN", None)),
    ("CHỦ TỊCH\n\nNguyễn Đức Trung", ("Nguyễn Đức Trung", "Chủ tịch", None, None, None)),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTống Thanh Hải", ("Tống Thanh Hải", "Phó Chủ tịch", "K/T", "CHỦ TỊCH", None)),
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nĐỗ Minh Tuấn", ("Đỗ Minh Tuấn", "Chánh Văn phòng", "T/L", "CHỦ TỊCH", None)),
    ("TUQ. CHỦ TỊCH\nGIÁM ĐỐC SỞ NỘI VỤ\n\nVũ Văn Hùng",
     ("Vũ Văn Hùng", "Giám đốc Sở Nội vụ", "TUQ", "CHỦ TỊCH", None)),
    ("Q. GIÁM ĐỐC\n\nPhạm Văn Nam", ("Phạm Văn Nam", None, "Q.", "GIÁM ĐỐC", None)),
    ("KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nTrần Hồng Hà", ("Trần Hồng Hà", "Phó Thủ tướng", "K/T", "THỦ TƯỚNG", None)),
    ("Phạm Xuân Thăng", ("Phạm Xuân Thăng", None, None, None, None)),
]


@pytest.mark.parametrize(("block", "expected"), SIGNATURES)
def test_signature(block: str, expected: tuple) -> None:
    layout = layout_of(f"Số 12-CV/TU\n\n{BODY}\n\nNơi nhận:\n- Như trên,\n- Lưu VT.\n\n{block}")
    sig = closing.signature(layout, "")
    assert (sig.name.name if sig.name else None, sig.title, sig.capacity, sig.capacity_body, sig.outer_body) == expected


MARKERS = [
    ("1. Nội dung", ("arabic", "1")), ("1- Nội dung", ("arabic", "1")), ("12. Nội dung", ("arabic", "12")),
    ("1) Nội dung", ("arabic", "1")), ("I. Mục đích", ("roman", "I")), ("II- Nhiệm vụ", ("roman", "II")),
    ("IV. Tổ chức", ("roman", "IV")), ("a) Nội dung", ("letter", "a")), ("đ) Nội dung", ("letter", "đ")),
    ("1.1. Nội dung", ("dotted", "1.1")), ("2.3 Nội dung", ("dotted", "2.3")), ("Điều 1. Giao", ("article", "1")),
    ("Phần I. Chung", ("part", "Phần I")), ("2021-2025 là giai đoạn", None), ("- gạch đầu dòng", None),
    ("Nội dung", None), ("30/4 là ngày", None), ("1.Nội dung", ("arabic", "1")),
]


@pytest.mark.parametrize(("line", "expected"), MARKERS)
def test_item_markers(line: str, expected) -> None:
    found = items.marker_of(line)
    assert (found[0], found[2]) == expected if expected else found is None


def test_item_paths_nest() -> None:
    text = normalize(
        f"Số 5-KH/TU\n\n{BODY}\n\nI. MỤC ĐÍCH\n\n1. Nâng cao nhận thức của cán bộ.\n\n"
        "II. NHIỆM VỤ\n\n1. Các cấp ủy tập trung lãnh đạo.\n\na) Rà soát.\n\nb) Báo cáo.\n\n- Gạch đầu dòng.\n\n"
        "2. Công an tỉnh tăng cường nắm tình hình.\n\nĐề nghị các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.")
    blocks = items.find_blocks(find_layout(text))
    assert [(b.kind, b.item) for b in blocks] == [
        ("preamble", None), ("item", "I"), ("item", "I.1"), ("item", "II"), ("item", "II.1"), ("item", "II.1.a"),
        ("item", "II.1.b"), ("bullet", "II.1.b"), ("item", "II.2"), ("closing", None)]
