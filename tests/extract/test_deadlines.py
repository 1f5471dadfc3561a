"""Deadlines: cue + date → the last day allowed, and the task it closes; dates that are not deadlines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.deadlines import Deadline, find_deadlines

REF = dt.date(2021, 11, 3)

# text, ref, by, what, quote
DEADLINES = [
    ("Yêu cầu các đảng ủy xã hoàn thành rà soát trước ngày 30/11/2021.", REF, "2021-11-30", "hoàn thành rà soát",
     "trước ngày 30/11/2021"),
    ("Các đảng ủy xã hoàn thành rà soát trước ngày 30/11/2021.", REF, "2021-11-30",
     "Các đảng ủy xã hoàn thành rà soát", "trước ngày 30/11/2021"),
    ("Các đảng uỷ xã hoàn thành rà soát trước ngày 15/12/2021.", None, "2021-12-15",
     "Các đảng uỷ xã hoàn thành rà soát", "trước ngày 15/12/2021"),
    ("Báo cáo kết quả trước ngày 15/12.", REF, "2021-12-15", "Báo cáo kết quả", "trước ngày 15/12"),
    ("Báo cáo kết quả trước ngày 20/11.", REF, "2021-11-20", "Báo cáo kết quả", "trước ngày 20/11"),
    ("Báo cáo kết quả trước ngày 20/01.", REF, "2022-01-20", "Báo cáo kết quả", "trước ngày 20/01"),
    ("Báo cáo kết quả trước ngày 01/11.", REF, "2022-11-01", "Báo cáo kết quả", "trước ngày 01/11"),
    ("Báo cáo kết quả trước ngày 15/12.", None, None, "Báo cáo kết quả", "trước ngày 15/12"),
    ("Báo cáo kết quả trước ngày 20 tháng 11.", REF, "2021-11-20", "Báo cáo kết quả", "trước ngày 20 tháng 11"),
    ("Gửi báo cáo chậm nhất ngày 30/6/2024.", None, "2024-06-30", "Gửi báo cáo", "chậm nhất ngày 30/6/2024"),
    ("Gửi báo cáo chậm nhất là ngày 30/6/2024.", None, "2024-06-30", "Gửi báo cáo", "chậm nhất là ngày 30/6/2024"),
    ("Gửi báo cáo chậm nhất vào ngày 30/6/2024.", None, "2024-06-30", "Gửi báo cáo",
     "chậm nhất vào ngày 30/6/2024"),
    ("Hoàn thành trong tháng 12/2021.", None, "2021-12-31", "Hoàn thành", "trong tháng 12/2021"),
    ("hoàn thành trong tháng 12/2021", None, "2021-12-31", "hoàn thành", "trong tháng 12/2021"),
    ("Triển khai xong trong quý IV/2021.", None, "2021-12-31", "Triển khai xong", "trong quý IV/2021"),
    ("Sắp xếp bộ máy trong quý IV/2021.", None, "2021-12-31", "Sắp xếp bộ máy", "trong quý IV/2021"),
    ("Tổng kết trong quý I năm 2022.", None, "2022-03-31", "Tổng kết", "trong quý I năm 2022"),
    ("Báo cáo trước 17 giờ ngày 05/8/2022.", None, "2022-08-05", "Báo cáo", "trước 17 giờ ngày 05/8/2022"),
    ("Báo cáo trước 17h00 ngày 05/8/2022.", None, "2022-08-05", "Báo cáo", "trước 17h00 ngày 05/8/2022"),
    ("Báo cáo trước 16 giờ 30 phút ngày 05/8/2022.", None, "2022-08-05", "Báo cáo",
     "trước 16 giờ 30 phút ngày 05/8/2022"),
    ("- Rà soát, thống kê trước ngày 20 tháng 11 năm 2023;", None, "2023-11-20", "Rà soát, thống kê",
     "trước ngày 20 tháng 11 năm 2023"),
    ("Hoàn thành trước 30/6/2024.", None, "2024-06-30", "Hoàn thành", "trước 30/6/2024"),
    ("Nộp hồ sơ, hạn chót là ngày 15/3/2022.", None, "2022-03-15", "Nộp hồ sơ", "hạn chót là ngày 15/3/2022"),
    ("hoàn thành trong năm 2022", None, "2022-12-31", "hoàn thành", "trong năm 2022"),
    ("Sở Y tế hoàn thành trong ngày 05/8/2022.", None, "2022-08-05", "Sở Y tế", "trong ngày 05/8/2022"),
    ("Hoàn thành trong 6 tháng đầu năm 2022.", None, "2022-06-30", "Hoàn thành", "trong 6 tháng đầu năm 2022"),
    ("Hoàn thành trước tháng 6/2024.", None, "2024-05-31", "Hoàn thành", "trước tháng 6/2024"),
    ("Hoàn thành trước quý III/2024.", None, "2024-06-30", "Hoàn thành", "trước quý III/2024"),
    ("Hoàn thành trước quý I/2024.", None, "2023-12-31", "Hoàn thành", "trước quý I/2024"),
    ("Hoàn thành trước năm 2025.", None, "2024-12-31", "Hoàn thành", "trước năm 2025"),
    ("Hoàn thành chậm nhất tháng 12/2021.", None, "2021-12-31", "Hoàn thành", "chậm nhất tháng 12/2021"),
    ("Các huyện hoàn thành không quá ngày 10/5/2022.", None, "2022-05-10", "Các huyện",
     "không quá ngày 10/5/2022"),
    # the task: chain of who leads, helps and directs removed; a bare "hoàn thành" points back
    ("1. Văn phòng Tỉnh ủy chủ trì, phối hợp với Sở Thông tin và Truyền thông xây dựng nền tảng điều hành tác"
     " nghiệp dùng chung của các cơ quan đảng; hoàn thành trong năm 2022, chậm nhất ngày 31/12/2022.", None,
     "2022-12-31", "xây dựng nền tảng điều hành tác nghiệp dùng chung",
     "trong năm 2022, chậm nhất ngày 31/12/2022"),
    ("2. Ban Tổ chức Tỉnh ủy chủ trì xây dựng cơ sở dữ liệu đảng viên, cập nhật đầy đủ trước ngày 30/9/2022.",
     None, "2022-09-30", "xây dựng cơ sở dữ liệu đảng viên, cập nhật đầy đủ", "trước ngày 30/9/2022"),
    ("- Các chi, đảng bộ cơ sở lãnh đạo chính quyền xã thực hiện nghiêm việc cách ly; rà soát, lập danh sách"
     " người về từ vùng dịch, hoàn thành trước ngày 05/4/2020.", None, "2020-04-05",
     "rà soát, lập danh sách người về từ vùng dịch", "trước ngày 05/4/2020"),
    ("2. Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo Sở Giao thông vận tải chủ trì, phối hợp với Bộ Chỉ"
     " huy Quân sự tỉnh khẩn trương khắc phục các điểm sạt lở trên quốc lộ 70, quốc lộ 279, bảo đảm thông tuyến"
     " chậm nhất ngày 20/9/2024.", None, "2024-09-20",
     "khắc phục các điểm sạt lở trên quốc lộ 70, quốc lộ", "chậm nhất ngày 20/9/2024"),
    ("1. Các đảng ủy xã, phường ven biển lãnh đạo chính quyền cấp xã kiên quyết sơ tán người dân ra khỏi vùng"
     " nguy hiểm, hoàn thành trước 17 giờ ngày 28/9/2025; tuyệt đối không để", None, "2025-09-28",
     "sơ tán người dân ra khỏi vùng nguy hiểm", "trước 17 giờ ngày 28/9/2025"),
    ("2. Sở Y tế chủ trì, phối hợp với Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh tổ chức xét nghiệm diện rộng, hoàn"
     " thành xét nghiệm toàn bộ người dân vùng phong tỏa trước ngày 15/7/2021.", None, "2021-07-15",
     "hoàn thành xét nghiệm toàn bộ người dân vùng phong tỏa", "trước ngày 15/7/2021"),
    ("1. Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Công ty TNHH MTV Khai thác công trình"
     " thuỷ lợi Kiên Giang vận hành các cống ngăn mặn, đắp đập tạm trên các kênh; hoàn thành trước ngày"
     " 25/3/2020.", None, "2020-03-25", "vận hành các cống ngăn mặn, đắp đập tạm trên các kênh",
     "trước ngày 25/3/2020"),
    ("Chi cục Kiểm lâm là cơ quan thường trực, giúp Ban Chỉ đạo xây dựng quy chế hoạt động, trình Trưởng ban ban"
     " hành trước ngày 15/3/2020; định kỳ hằng quý báo cáo", None, "2020-03-15",
     "xây dựng quy chế hoạt động, trình Trưởng ban ban hành", "trước ngày 15/3/2020"),
    ("1. Ủy ban nhân dân các xã, thị trấn rà soát các hộ dân thiếu nước sinh hoạt, lập danh sách gửi Phòng Nông"
     " nghiệp và Phát triển nông thôn trước ngày 12/4/2024;", None, "2024-04-12",
     "rà soát các hộ dân thiếu nước sinh hoạt, lập danh sách", "trước ngày 12/4/2024"),
    ("1. Chủ tịch Ủy ban nhân dân các xã, phường ven biển và đặc khu Lý Sơn hoàn thành sơ tán người dân ở khu"
     " vực nguy hiểm trước 12 giờ ngày 06/11/2025;", None, "2025-11-06",
     "hoàn thành sơ tán người dân ở khu vực nguy hiểm", "trước 12 giờ ngày 06/11/2025"),
    ("2. Yêu cầu UBND thị xã Thuận Thành, huyện Gia Bình, huyện Lương Tài tập trung vận động các hộ còn lại,"
     " bàn giao 100% mặt bằng chậm nhất ngày 30/6/2024;", None, "2024-06-30",
     "vận động các hộ còn lại, bàn giao 100% mặt bằng", "chậm nhất ngày 30/6/2024"),
    ("a) Chủ trì, phối hợp với Công an tỉnh, Cục Quản lý thị trường thành lập 12 chốt kiểm dịch động vật tạm"
     " thời tại các cửa ngõ vào tỉnh, hoàn thành trước ngày 10/6/2019.", None, "2019-06-10",
     "thành lập 12 chốt kiểm dịch động vật tạm thời", "trước ngày 10/6/2019"),
    ("Giao Sở Y tế chủ trì xây dựng kế hoạch tiêm chủng, trình UBND tỉnh trước ngày 15/12/2021.", REF,
     "2021-12-15", "xây dựng kế hoạch tiêm chủng, trình UBND tỉnh", "trước ngày 15/12/2021"),
    ("Đề nghị Ủy ban MTTQ tỉnh tổng hợp ý kiến, gửi Văn phòng Tỉnh ủy trước ngày 20/11/2021.", REF,
     "2021-11-20", "tổng hợp ý kiến, gửi Văn phòng Tỉnh ủy", "trước ngày 20/11/2021"),
    ("Sở Giao thông vận tải đôn đốc các đơn vị di dời đường điện, cáp viễn thông, hoàn thành trước ngày 15/6.",
     dt.date(2024, 5, 10), "2024-06-15", "di dời đường điện, cáp viễn thông", "trước ngày 15/6"),
    ("2. Sở Giao thông vận tải hướng dẫn luồng xanh vận chuyển hàng hóa; cấp mã QR cho phương tiện trước ngày"
     " 28/7/2021.", None, "2021-07-28", "cấp mã QR cho phương tiện", "trước ngày 28/7/2021"),
    ("3. Báo và Phát thanh, Truyền hình Đồng Tháp phối hợp với Sở Y tế xây dựng chuyên mục phòng, chống sốt"
     " xuất huyết, phát sóng trước ngày 31/01/2026.", None, "2026-01-31",
     "xây dựng chuyên mục phòng, chống sốt xuất huyết, phát sóng", "trước ngày 31/01/2026"),
    ("- Chỉ đạo Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Xây dựng, Bộ Chỉ huy Quân sự tỉnh gia cố"
     " khẩn cấp các đoạn đê biển Tây xung yếu, hoàn thành trước ngày 30/11/2025.", None, "2025-11-30",
     "gia cố khẩn cấp các đoạn đê biển Tây xung yếu", "trước ngày 30/11/2025"),
    ("2. Ủy ban nhân dân các xã, phường có rừng xây dựng phương án bốn tại chỗ, thành lập tổ, đội quần chúng bảo"
     " vệ rừng, hoàn thành trước ngày 15/12/2025;", None, "2025-12-15",
     "xây dựng phương án bốn tại chỗ, thành lập tổ, đội quần", "trước ngày 15/12/2025"),
    ("Sở Y tế phối hợp với các đơn vị có liên quan rà soát trang thiết bị trước ngày 10/12/2021.", REF,
     "2021-12-10", "rà soát trang thiết bị", "trước ngày 10/12/2021"),
    ("Sở Y tế thiết lập thêm các bệnh viện dã chiến, bảo đảm đủ 10.000 giường điều trị trước ngày 31/7/2021.",
     None, "2021-07-31", "thiết lập thêm các bệnh viện dã chiến, bảo đảm đủ 10.000", "trước ngày 31/7/2021"),
    ("Các sở, ngành phải hoàn thành báo cáo trước ngày 15/12/2021.", REF, "2021-12-15",
     "Các sở, ngành phải hoàn thành báo cáo", "trước ngày 15/12/2021"),
    # the cue opens the clause: the task follows the date
    ("Trước ngày 15/12/2021, các đơn vị báo cáo kết quả về Ban Thường vụ.", None, "2021-12-15",
     "các đơn vị báo cáo kết quả về Ban Thường vụ", "Trước ngày 15/12/2021"),
    ("Chậm nhất ngày 31/3/2022, các xã hoàn thành kiểm đếm.", None, "2022-03-31", "các xã hoàn thành kiểm đếm",
     "Chậm nhất ngày 31/3/2022"),
]


@pytest.mark.parametrize(("text", "ref", "by", "what", "quote"), DEADLINES)
def test_deadlines(text: str, ref: dt.date | None, by: str | None, what: str, quote: str) -> None:
    (d,) = find_deadlines(text, ref=ref)
    assert (d.by, d.what, d.quote) == (by, what, quote)
    assert text[d.span[0]:d.span[1]] == d.quote
    assert len(d.what.split()) <= 12


def test_two_deadlines_in_one_item() -> None:
    text = ("Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu thành lập Ủy ban bầu cử tỉnh, trình Ủy ban nhân"
            " dân tỉnh trước ngày 10/11/2025; lập và niêm yết danh sách cử tri chậm nhất ngày 03/02/2026.")
    found = find_deadlines(text)
    assert [(d.by, d.what) for d in found] == [
        ("2025-11-10", "tham mưu thành lập Ủy ban bầu cử tỉnh, trình Ủy ban"),
        ("2026-02-03", "lập và niêm yết danh sách cử tri"),
    ]


@pytest.mark.parametrize(("old", "new"), [
    ("Các huyện uỷ, thành uỷ lãnh đạo chính quyền rà soát hộ dân thiếu nước, hoàn thành trước ngày 31/3/2020.",
     "Các huyện ủy, thành ủy lãnh đạo chính quyền rà soát hộ dân thiếu nước, hoàn thành trước ngày 31/3/2020."),
    ("Đề nghị Uỷ ban MTTQ tỉnh tổng hợp ý kiến trước ngày 20/11/2021.",
     "Đề nghị Ủy ban MTTQ tỉnh tổng hợp ý kiến trước ngày 20/11/2021."),
    ("Sở Y tế phối hợp với Uỷ ban nhân dân các huyện hoàn thành tiêm chủng trong quý IV/2021.",
     "Sở Y tế phối hợp với Ủy ban nhân dân các huyện hoàn thành tiêm chủng trong quý IV/2021."),
])
def test_tone_placement_gives_the_same_deadline(old: str, new: str) -> None:
    (a,), (b,) = find_deadlines(old), find_deadlines(new)
    assert (a.by, a.span, len(a.what)) == (b.by, b.span, len(b.what))
    assert a.what == old[old.index(a.what):old.index(a.what) + len(a.what)]


def test_range_and_offsets() -> None:
    text = "1. Xây dựng kế hoạch trước ngày 15/4/2022. 2. Báo cáo kết quả trước ngày 30/6/2022."
    second = text.index(" 2. ") + 1
    (d,) = find_deadlines(text, second)
    assert (d.by, d.what) == ("2022-06-30", "Báo cáo kết quả")
    assert text[d.span[0]:d.span[1]] == d.quote == "trước ngày 30/6/2022"
    (e,) = find_deadlines(text, 0, second)
    assert (e.by, e.what) == ("2022-04-15", "Xây dựng kế hoạch")


NOT_DEADLINES = [
    "trong ngày 30/4 và 01/5",
    "ngày 26/4/2021 của UBND tỉnh",
    "trước mắt và lâu dài",
    "trước tình hình dịch bệnh",
    "trong năm 2022, toàn tỉnh phấn đấu",
    "trong ngày 30/4",
    "Căn cứ Chỉ thị số 16/CT-TTg ngày 31/3/2020",
    "báo cáo trước ngày 20 hằng tháng",
    "trước ngày tháng 12 năm 2020",
    "trước 17 giờ hằng ngày",
    "trong 15 ngày kể từ 0 giờ ngày 01/4/2020",
    "trước đây",
    "trong thời gian tới",
    "Tỉnh ủy trước ngày",
    "trước Chủ tịch UBND tỉnh",
    "",
]


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text, ref=REF) == []


def test_deadline_is_frozen() -> None:
    (d,) = find_deadlines("Báo cáo trước ngày 15/12/2021.")
    assert isinstance(d, Deadline)
    with pytest.raises(AttributeError):
        d.by = None  # type: ignore[misc]


FRAGMENTS = ["trước", "Trước", "chậm nhất", "trong", "hạn chót", " ngày ", "tháng", "quý", "IV", "năm", " ", "/",
             "15/12", "2021", "17 giờ", "hoàn thành", ", ", "; ", ". ", "Sở Y tế", "chủ trì", "phối hợp với",
             "rà soát", "báo cáo", "Uỷ ban", "\n", "1. ", "a) ", "- "]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, REF]))
def test_never_raises_on_any_text(text: str, ref: dt.date | None) -> None:
    for d in find_deadlines(text, ref=ref):
        assert text[d.span[0]:d.span[1]] == d.quote


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join), st.sampled_from([None, REF]),
       st.integers(0, 20))
def test_spans_quote_and_stay_in_range(text: str, ref: dt.date | None, start: int) -> None:
    end = max(start, len(text) - start // 3)
    for d in find_deadlines(text, start, end, ref=ref):
        assert text[d.span[0]:d.span[1]] == d.quote
        assert start <= d.span[0] < d.span[1] <= end
        assert len(d.what.split()) <= 12
        if d.by is not None:
            dt.date.fromisoformat(d.by)
