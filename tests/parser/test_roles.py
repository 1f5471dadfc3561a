"""Assignment roles inside one measure: lead, cooperate, execute — and what is not an assignment."""

from __future__ import annotations

import pytest

from chidao.extract.assignments import find_accountability, find_assignments, find_reporting
from chidao.extract.lexicon import folded_lower


def roles(text: str) -> list[tuple[str, str]]:
    return [(a.mention.name, a.role) for a in find_assignments(text, folded_lower(text), 0, len(text), 0)]


ROLE_CASES = [
    ("Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan thường xuyên nắm tình hình.",
     [("Ban Tuyên giáo Tỉnh ủy", "lead"), ("các cơ quan liên quan", "cooperate")]),
    ("Sở Y tế chủ trì, phối hợp với Sở Tài chính, Công an tỉnh tổ chức kiểm tra.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "cooperate"), ("Công an tỉnh", "cooperate")]),
    ("Giao Văn phòng Tỉnh ủy tổng hợp ý kiến góp ý.", [("Văn phòng Tỉnh ủy", "execute")]),
    ("Yêu cầu các đảng ủy xã hoàn thành rà soát trước ngày 30/11/2021.", [("các đảng ủy xã", "execute")]),
    ("Đề nghị Ủy ban MTTQ tỉnh vận động nhân dân tham gia.", [("Ủy ban MTTQ tỉnh", "execute")]),
    ("Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông, báo chí làm tốt công tác thông tin.",
     [("Ban Tuyên giáo Tỉnh ủy", "execute")]),
    ("Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo:",
     [("Ban cán sự đảng UBND tỉnh", "execute"), ("UBND tỉnh", "execute")]),
    ("Đảng ủy Biên phòng tỉnh, Công an tỉnh, Quân sự tỉnh tăng cường chỉ đạo nắm chắc tình hình.",
     [("Đảng ủy Biên phòng tỉnh", "execute"), ("Công an tỉnh", "execute"), ("Quân sự tỉnh", "execute")]),
    ("Tiếp tục huy động sự vào cuộc; phát huy vai trò Mặt trận Tổ quốc Việt Nam, Hội Nông dân, đoàn thể xã hội, "
     "cộng đồng doanh nghiệp trong công tác phòng, chống dịch.",
     [("Mặt trận Tổ quốc Việt Nam", "execute"), ("Hội Nông dân", "execute")]),
    ("Tiếp tục phát huy vai trò, trách nhiệm của hệ thống chính trị ở cơ sở cùng với Tổ Covid-19 cộng đồng.", []),
    ("Tăng cường công tác truyền thông, bảo đảm thống nhất, kịp thời, chính xác.", []),
    ("Thực hiện nghiêm yêu cầu 5K của Bộ Y tế.", []),
    ("Ban Thường vụ Tỉnh ủy yêu cầu:", []),
    ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng, chính quyền tập trung lãnh đạo.",
     [("các cấp ủy đảng", "execute"), ("chính quyền", "execute")]),
    ("Thường trực Tỉnh ủy đề nghị:", []),
    ("Bảo đảm vận tải; các sở, ban, ngành và địa phương phối hợp chặt chẽ, hiệu quả.", []),
    ("UBND các huyện, thành phố khẩn trương rà soát, báo cáo kết quả.", [("UBND các huyện, thành phố", "execute")]),
    ("Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh và Bộ Chỉ huy Bộ đội Biên phòng tỉnh kiểm soát.",
     [("Công an tỉnh", "lead"), ("Bộ Chỉ huy Quân sự tỉnh", "cooperate"),
      ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "cooperate")]),
    ("Giao Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân tỉnh.", [("Sở Nội vụ", "lead")]),
    ("Sở Tài chính phối hợp với Sở Y tế bố trí kinh phí.", [("Sở Tài chính", "execute"), ("Sở Y tế", "cooperate")]),
    ("Các cơ quan, đơn vị để xảy ra sai phạm thì người đứng đầu phải chịu trách nhiệm.", []),
    ("Giao một đầu mối có thẩm quyền ở các cấp chủ động cung cấp thông tin.", []),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_CASES)
def test_roles(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def accountable(text: str) -> list[tuple[str, str]]:
    return [(a.who.name, a.to.name) for a in find_accountability(text, folded_lower(text), 0, len(text))]


ACCOUNT_CASES = [
    ("Đồng chí bí thư các huyện ủy, thành ủy chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy nếu thiếu trách nhiệm.",
     [("Đồng chí bí thư các huyện ủy, thành ủy", "Ban Thường vụ Tỉnh ủy")]),
    ("Cơ quan để xảy ra ca nhiễm thì người đứng đầu cơ quan đó phải chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy, "
     "Ban Chỉ đạo cấp tỉnh theo quy định.",
     [("người đứng đầu cơ quan đó", "Ban Thường vụ Tỉnh ủy"), ("người đứng đầu cơ quan đó", "Ban Chỉ đạo cấp tỉnh")]),
    ("Thủ trưởng các sở, ngành chịu trách nhiệm trước Chủ tịch UBND tỉnh về kết quả thực hiện.",
     [("Thủ trưởng các sở, ngành", "Chủ tịch UBND tỉnh")]),
    ("Đồng chí bí thư các cấp ủy trực thuộc tỉnh trực tiếp chỉ đạo, chịu trách nhiệm trước Thường trực Tỉnh ủy, "
     "Ban Thường vụ Tỉnh ủy về công tác phòng, chống dịch.",
     [("Đồng chí bí thư các cấp ủy trực thuộc tỉnh", "Thường trực Tỉnh ủy"),
      ("Đồng chí bí thư các cấp ủy trực thuộc tỉnh", "Ban Thường vụ Tỉnh ủy")]),
    ("Chủ tịch UBND các huyện chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để dịch lây lan.",
     [("Chủ tịch UBND các huyện", "Chủ tịch UBND tỉnh")]),
    ("Không chủ quan, lơ là trong phòng, chống dịch.", []),
]


@pytest.mark.parametrize(("text", "expected"), ACCOUNT_CASES)
def test_accountability(text: str, expected: list[tuple[str, str]]) -> None:
    assert accountable(text) == expected


def reports(text: str) -> list[tuple[str, str | None]]:
    from chidao.extract.cadence import cadence_of

    found = find_reporting(text, folded_lower(text), 0, len(text), None, cadence_of)
    return [(r.to.name, r.cadence) for r in found]


REPORT_CASES = [
    ("Thường xuyên nắm tình hình và báo cáo Ban Thường vụ Tỉnh ủy kết quả thực hiện.", [("Ban Thường vụ Tỉnh ủy", "regular")]),
    ("Đề nghị các cơ quan triển khai thực hiện, định kỳ hàng tuần báo cáo Thường trực Tỉnh ủy.",
     [("Thường trực Tỉnh ủy", "weekly")]),
    ("Chủ động báo cáo Thường trực Tỉnh ủy khi có tình huống khẩn cấp.", [("Thường trực Tỉnh ủy", None)]),
    ("Định kỳ hằng tháng báo cáo Ủy ban nhân dân tỉnh (qua Sở Y tế).", [("Ủy ban nhân dân tỉnh", "monthly")]),
    ("Xây dựng báo cáo kết quả công tác phòng, chống dịch.", []),
    ("Xử lý, báo cáo theo thẩm quyền mọi vấn đề liên quan.", []),
]


@pytest.mark.parametrize(("text", "expected"), REPORT_CASES)
def test_reporting(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert reports(text) == expected


QUOTES = [
    # a quote runs to the end of the clause, never into the middle of a word
    ("Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông, báo chí làm tốt công tác thông tin.",
     "Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông"),
    ("Giao Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo: các sở thực hiện.",
     "Giao Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo"),
    ("Công an tỉnh chỉ đạo thực hiện nghiêm công tác phòng, chống dịch tại địa phương; báo cáo kết quả.",
     "Công an tỉnh chỉ đạo thực hiện nghiêm công tác phòng, chống dịch tại địa phương"),
    ("Sở Y tế hướng dẫn.", "Sở Y tế hướng dẫn"),
]


@pytest.mark.parametrize(("text", "quote"), QUOTES)
def test_quote_ends_with_its_clause(text: str, quote: str) -> None:
    found = find_assignments(text, folded_lower(text), 0, len(text), 0)
    assert found and found[0].quote == quote
    assert text[found[0].span[0]:found[0].span[1]] == quote


HEADINGS = [
    # an item whose first line only names bodies assigns them what follows under it
    ("Các huyện ủy, thị ủy, thành ủy:\n- Quán triệt kế hoạch.", [("Các huyện ủy, thị ủy, thành ủy", "execute")]),
    ("Ban Dân tộc tỉnh (cơ quan thường trực Chương trình)\n- Tham mưu.", [("Ban Dân tộc tỉnh", "execute")]),
    ("Sở Kế hoạch và Đầu tư", [("Sở Kế hoạch và Đầu tư", "execute")]),
    ("Ủy ban nhân dân xã:\n- Rà soát các hộ.", [("Ủy ban nhân dân xã", "execute")]),
    # headings of content or sections are not bodies
    ("Các giải pháp chủ yếu", []),
    ("Công tác tuyên truyền", []),
    ("Nhiệm vụ trọng tâm:", []),
    ("TỔ CHỨC THỰC HIỆN", []),
    # a sentence with a verb is read as before (the heading rule is only a fallback)
    ("Sở Y tế hướng dẫn các xã.", [("Sở Y tế", "execute")]),
]


@pytest.mark.parametrize(("text", "expected"), HEADINGS)
def test_heading_that_names_the_assignee(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected
