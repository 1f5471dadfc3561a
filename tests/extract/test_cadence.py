"""Reporting cadence from the words around a report verb."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.cadence import cadence_of, report_cadence

CADENCES = [
    # weekly
    ("định kỳ hằng tuần báo cáo", "weekly"),
    ("định kỳ hàng tuần báo cáo", "weekly"),
    ("định kỳ hằng tuần báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy (qua Phòng Tuyên truyền) vào thứ Sáu", "weekly"),
    ("báo cáo Thường trực Tỉnh ủy vào thứ Năm hằng tuần", "weekly"),
    ("mỗi tuần báo cáo một lần", "weekly"),
    ("Định kỳ hằng tuần", "weekly"),
    ("định kỳ tuần báo cáo", "weekly"),
    ("tổng hợp báo cáo tuần gửi Văn phòng", "weekly"),
    ("hằng tuần và hằng tháng", "weekly"),
    ("báo cáo hằng tuần, hằng tháng, đột xuất", "weekly"),
    # daily
    ("báo cáo hằng ngày trước 15 giờ", "daily"),
    ("hàng ngày", "daily"),
    ("Hằng ngày báo cáo tình hình dịch bệnh", "daily"),
    ("báo cáo Ban Chỉ đạo trước 16 giờ hằng ngày", "daily"),
    ("tổ chức trực 24/24 giờ và báo cáo kịp thời", "daily"),
    ("trực ban 24/24, báo cáo về Sở", "daily"),
    ("mỗi ngày báo cáo một lần", "daily"),
    ("báo cáo hằng ngày và hằng tuần", "daily"),
    ("hằng ngày, hằng tuần, hằng tháng", "daily"),
    # monthly
    ("hằng tháng", "monthly"),
    ("định kỳ hằng tháng báo cáo Thường trực Tỉnh ủy", "monthly"),
    ("định kỳ hàng tháng báo cáo Uỷ ban nhân dân tỉnh (qua Sở Nông nghiệp và Phát triển nông thôn)", "monthly"),
    ("báo cáo trước ngày 20 hằng tháng", "monthly"),
    ("định kỳ tháng, quý, năm báo cáo", "monthly"),
    ("Hằng tháng, hằng quý báo cáo", "monthly"),
    ("báo cáo định kỳ hằng tháng, quý, năm", "monthly"),
    # quarterly
    ("định kỳ hằng quý", "quarterly"),
    ("hằng quý báo cáo Ban Thường vụ Tỉnh ủy", "quarterly"),
    ("định kỳ quý báo cáo", "quarterly"),
    ("hàng quý, hàng năm báo cáo", "quarterly"),
    ("định kỳ hằng quý, 6 tháng, năm báo cáo kết quả", "quarterly"),
    ("mỗi quý báo cáo một lần", "quarterly"),
    ("hằng quí báo cáo", "quarterly"),
    # yearly
    ("báo cáo 6 tháng, hằng năm", "yearly"),
    ("báo cáo sơ kết 6 tháng, hằng năm", "yearly"),
    ("hằng năm", "yearly"),
    ("hằng năm báo cáo Ban Thường vụ Tỉnh uỷ", "yearly"),
    ("định kỳ 6 tháng và hằng năm báo cáo", "yearly"),
    ("hàng năm tổng kết, báo cáo", "yearly"),
    ("định kỳ năm báo cáo", "yearly"),
    # regular, no period
    ("thường xuyên nắm tình hình và báo cáo", "regular"),
    ("định kỳ báo cáo", "regular"),
    ("định kỳ báo cáo kết quả về Sở Nội vụ", "regular"),
    ("Thường xuyên báo cáo Thủ tướng Chính phủ", "regular"),
    ("định kỳ 6 tháng báo cáo", "regular"),
    ("6 tháng một lần báo cáo", "regular"),
    # once
    ("báo cáo kết quả về UBND tỉnh trước ngày 20/12/2024", "once"),
    ("Ban Bí thư (để báo cáo)", "once"),
    ("Thường trực Tỉnh ủy (b/c)", "once"),
    ("Thường trực Tỉnh ủy (B/c)", "once"),
    ("báo cáo Thủ tướng Chính phủ trước ngày 30/4/2024", "once"),
    ("kết quả báo cáo Thường trực Tỉnh ủy trước ngày 25/8/2021", "once"),
    ("gửi về Sở Nội vụ trước ngày 15/9/2024 để tổng hợp, báo cáo", "once"),
    ("báo cáo kết quả chậm nhất ngày 31/12/2022", "once"),
    ("báo cáo trước 17 giờ ngày 05/8/2022", "once"),
    ("báo cáo kết quả trước ngày 15/12", "once"),
    # nothing said
    ("Chủ động báo cáo khi có tình huống khẩn cấp", None),
    ("báo cáo Ban Thường vụ Tỉnh ủy", None),
    ("kịp thời báo cáo những vấn đề phát sinh", None),
    ("báo cáo kết quả thực hiện", None),
    ("năm 2022", None),
    ("báo cáo tình hình năm 2021", None),
    ("trong tháng 12/2021", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "cadence"), CADENCES)
def test_cadence(text: str, cadence: str | None) -> None:
    assert cadence_of(text) == cadence


@pytest.mark.parametrize(("old", "new"), [
    ("báo cáo Uỷ ban nhân dân tỉnh hằng tháng", "báo cáo Ủy ban nhân dân tỉnh hằng tháng"),
    ("hằng quý báo cáo Tỉnh uỷ", "hằng quý báo cáo Tỉnh ủy"),
    ("Ban Thường vụ Tỉnh uỷ (để báo cáo)", "Ban Thường vụ Tỉnh ủy (để báo cáo)"),
])
def test_tone_placement_does_not_matter(old: str, new: str) -> None:
    assert cadence_of(old) == cadence_of(new) is not None


FRAGMENTS = ["hằng", "hàng", "mỗi", " ", "ngày", "tuần", "tháng", "quý", "năm", "định kỳ", "thường xuyên", "6",
             "báo cáo", "(", ")", "để", "b/c", "trước", "20/12/2024", ",", "và", "24/24"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)))
def test_never_raises_and_stays_in_the_vocabulary(text: str) -> None:
    assert cadence_of(text) in (None, "daily", "weekly", "monthly", "quarterly", "yearly", "regular", "once")


@pytest.mark.parametrize(("sentence", "cadence"), [
    ("Bộ Kế hoạch và Đầu tư nghiên cứu kiến nghị, báo cáo, đề xuất Thủ tướng Chính phủ theo quy định.", "once"),
    ("hàng ngày báo cáo tình hình liên quan đến Bộ Chính trị, Ban Bí thư.", "daily"),
    ("báo cáo UBND tỉnh (qua Sở Nội vụ) nếu có vấn đề phát sinh vượt thẩm quyền.", None),
    ("kịp thời báo cáo Ban Thường vụ Tỉnh ủy khi có vướng mắc.", None),
    ("báo cáo Chủ tịch UBND tỉnh trong vòng 24 giờ kể từ khi phát hiện ổ dịch.", None),
])
def test_report_cadence(sentence: str, cadence: str | None) -> None:
    """A report asked for with no cadence is one report; a report due on an event has none."""
    assert report_cadence(sentence) == cadence
