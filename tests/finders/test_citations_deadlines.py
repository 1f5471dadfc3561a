"""Citations, deadlines and reporting cadence: input → expected."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.cadence import cadence_of
from chidao.extract.citations import doc_type_from_code, doc_type_from_title, find_citations
from chidao.extract.deadlines import find_deadlines

CITATIONS = [
    ("theo Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ phải thực hiện",
     ("Chỉ thị", "16/CT-TTg", None, "Thủ tướng Chính phủ", "Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ")),
    ("Công điện số 02/CĐ-UBND, ngày 26/4/2021 của UBND tỉnh. Tuyệt đối",
     ("Công điện", "02/CĐ-UBND", "2021-04-26", "UBND tỉnh", "Công điện số 02/CĐ-UBND, ngày 26/4/2021 của UBND tỉnh")),
    ("Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ về mua và sử dụng vắc-xin Covid-19",
     ("Nghị quyết", "21/NQ-CP", "2021-02-26", "Chính phủ", "Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ")),
    ("Thực hiện Công điện ngày 27 tháng 4 năm 2021 của Thường trực Ban Bí thư về tiếp tục",
     ("Công điện", None, "2021-04-27", "Thường trực Ban Bí thư",
      "Công điện ngày 27 tháng 4 năm 2021 của Thường trực Ban Bí thư")),
    ("Thực hiện Điện ngày 21/7/2021 của Thường trực Ban Bí thư về tiếp tục",
     ("Điện", None, "2021-07-21", "Thường trực Ban Bí thư", "Điện ngày 21/7/2021 của Thường trực Ban Bí thư")),
    ("quán triệt Kết luận số 118-KL/TW; đồng thời", ("Kết luận", "118-KL/TW", None, None, "Kết luận số 118-KL/TW")),
    ("Kế hoạch số 88-KH/TU, ngày 05-3-2022 của Ban Thường vụ Tỉnh ủy;",
     ("Kế hoạch", "88-KH/TU", "2022-03-05", "Ban Thường vụ Tỉnh ủy",
      "Kế hoạch số 88-KH/TU, ngày 05-3-2022 của Ban Thường vụ Tỉnh ủy")),
    ("Quyết định số 2786/QĐ-BQP ngày 14/6/2025 của Bộ Quốc phòng.",
     ("Quyết định", "2786/QĐ-BQP", "2025-06-14", "Bộ Quốc phòng",
      "Quyết định số 2786/QĐ-BQP ngày 14/6/2025 của Bộ Quốc phòng")),
    ("thực hiện Nghị quyết 05-NQ/TU của Ban Thường vụ Tỉnh ủy",
     ("Nghị quyết", "05-NQ/TU", None, "Ban Thường vụ Tỉnh ủy", "Nghị quyết 05-NQ/TU của Ban Thường vụ Tỉnh ủy")),
    ("Chỉ thị số 14/CT-BYT ngày 10/7/2023 của Bộ Y tế về phòng, chống",
     ("Chỉ thị", "14/CT-BYT", "2023-07-10", "Bộ Y tế", "Chỉ thị số 14/CT-BYT ngày 10/7/2023 của Bộ Y tế")),
    ("Công điện số 05/CĐ-TTg ngày 21/8/2024 của Thủ tướng Chính phủ",
     ("Công điện", "05/CĐ-TTg", "2024-08-21", "Thủ tướng Chính phủ",
      "Công điện số 05/CĐ-TTg ngày 21/8/2024 của Thủ tướng Chính phủ")),
    ("Hướng dẫn 36-HD/VPTW", ("Hướng dẫn", "36-HD/VPTW", None, "Văn phòng Trung ương Đảng", "Hướng dẫn 36-HD/VPTW")),
    ("Chỉ thị số 45-CT/TW ngày 20/6/2020 của Ban Bí thư",
     ("Chỉ thị", "45-CT/TW", "2020-06-20", "Ban Bí thư", "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Ban Bí thư")),
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS)
def test_citations(text, expected) -> None:
    found = find_citations(text)
    assert len(found) == 1
    c = found[0]
    assert (c.type, c.number, c.date, c.issuer, c.quote) == expected
    assert text[c.span[0]:c.span[1]] == c.quote


@pytest.mark.parametrize(("text", "relation"), [
    ("Thực hiện Chỉ thị số 16/CT-TTg", "implements"), ("Căn cứ Nghị quyết số 21/NQ-CP", "based_on"),
    ("Triển khai Kế hoạch số 88-KH/TU", "implements"), ("theo Chỉ thị số 16/CT-TTg", "cites"),
])
def test_citation_relation(text, relation) -> None:
    assert find_citations(text)[0].relation == relation


@pytest.mark.parametrize("text", [
    "các văn bản chỉ đạo của Trung ương", "theo hướng dẫn của Bộ Y tế", "thực hiện nghiêm yêu cầu 5K",
    "xây dựng kế hoạch cụ thể", "Công văn này", "Thông báo kết luận", "kết luận của đoàn kiểm tra",
    "Chỉ thị", "Kế hoạch của đơn vị", "",
])
def test_not_citations(text) -> None:
    assert find_citations(text) == []


def test_law_title() -> None:
    (c,) = find_citations("Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007;")
    assert (c.type, c.subject, c.relation) == ("Luật", "Phòng, chống bệnh truyền nhiễm", "based_on")


def test_subject_after_ve() -> None:
    (c,) = find_citations("Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ về mua và sử dụng vắc-xin Covid-19;")
    assert c.subject == "mua và sử dụng vắc-xin Covid-19"


@pytest.mark.parametrize(("line", "doc_type"), [
    ("THÔNG BÁO", "Thông báo"), ("THÔNG BÁO KẾT LUẬN", "Thông báo"), ("CÔNG ĐIỆN", "Công điện"),
    ("KẾ HOẠCH", "Kế hoạch"), ("CHỈ THỊ", "Chỉ thị"), ("QUYẾT ĐỊNH", "Quyết định"), ("QUY ĐỊNH", "Quy định"),
    ("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY", "Kết luận"), ("**HƯỚNG DẪN**", "Hướng dẫn"),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Chương trình hành động"), ("NGHỊ QUYẾT", "Nghị quyết"),
    ("TỈNH ỦY LAI CHÂU", None), ("ĐẢNG CỘNG SẢN VIỆT NAM", None), ("Kế hoạch", None), ("BAN CHỈ ĐẠO", None),
])
def test_doc_type_from_title(line, doc_type) -> None:
    assert doc_type_from_title(line) == doc_type


@pytest.mark.parametrize(("code", "doc_type"), [
    ("CV", "Công văn"), ("CT", "Chỉ thị"), ("CĐ", "Công điện"), ("KH", "Kế hoạch"), ("TB", "Thông báo"),
    ("KL", "Kết luận"), ("NQ", "Nghị quyết"), ("QĐ", "Quyết định"), ("HD", "Hướng dẫn"), ("TTr", "Tờ trình"),
    ("XYZ", None), (None, None),
])
def test_doc_type_from_code(code, doc_type) -> None:
    assert doc_type_from_code(code) == doc_type


DEADLINES = [
    ("Các đảng ủy xã hoàn thành rà soát trước ngày 30/11/2021.", dt.date(2021, 1, 1), "2021-11-30",
     "Các đảng ủy xã hoàn thành rà soát"),
    ("Báo cáo kết quả trước ngày 15/12.", dt.date(2021, 11, 3), "2021-12-15", "Báo cáo kết quả"),
    ("Gửi báo cáo chậm nhất ngày 30/6/2024.", None, "2024-06-30", "Gửi báo cáo"),
    ("Hoàn thành trong tháng 12/2021.", None, "2021-12-31", "Hoàn thành"),
    ("Triển khai xong trong quý IV/2021.", None, "2021-12-31", "Triển khai xong"),
    ("Báo cáo trước 17 giờ ngày 05/8/2022.", None, "2022-08-05", "Báo cáo"),
    ("- Rà soát, thống kê trước ngày 20 tháng 11 năm 2023;", None, "2023-11-20", "Rà soát, thống kê"),
]


@pytest.mark.parametrize(("text", "ref", "by", "what"), DEADLINES)
def test_deadlines(text, ref, by, what) -> None:
    (d,) = find_deadlines(text, ref=ref)
    assert (d.by, d.what) == (by, what)
    assert text[d.span[0]:d.span[1]] == d.quote


@pytest.mark.parametrize("text", ["trong ngày 30/4 và 01/5", "ngày 26/4/2021 của UBND tỉnh",
                                  "trước mắt và lâu dài", "trước tình hình dịch bệnh"])
def test_not_deadlines(text) -> None:
    assert find_deadlines(text) == []


@pytest.mark.parametrize(("text", "cadence"), [
    ("định kỳ hằng tuần báo cáo", "weekly"), ("định kỳ hàng tuần báo cáo", "weekly"),
    ("báo cáo hằng ngày trước 15 giờ", "daily"), ("hàng ngày", "daily"), ("hằng tháng", "monthly"),
    ("định kỳ hằng quý", "quarterly"), ("báo cáo 6 tháng, hằng năm", "yearly"), ("hằng năm", "yearly"),
    ("thường xuyên nắm tình hình và báo cáo", "regular"), ("định kỳ báo cáo", "regular"),
    ("báo cáo kết quả về UBND tỉnh trước ngày 20/12/2024", "once"), ("Ban Bí thư (để báo cáo)", "once"),
    ("Thường trực Tỉnh ủy (b/c)", "once"), ("Chủ động báo cáo khi có tình huống khẩn cấp", None),
    ("hằng tuần và hằng tháng", "weekly"), ("", None),
])
def test_cadence(text, cadence) -> None:
    assert cadence_of(text) == cadence


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raise_and_spans_quote(text) -> None:
    for c in find_citations(text):
        assert text[c.span[0]:c.span[1]] == c.quote
    for d in find_deadlines(text, ref=dt.date(2021, 1, 1)):
        assert text[d.span[0]:d.span[1]] == d.quote
    cadence_of(text)
