"""Press renderings: the title or lede names the document (type, number, date, subject, organ,
committee); that mention is never a citation; a reporter's byline is never the signer."""

from __future__ import annotations

import pytest

from chidao.extract import extract_record
from chidao.extract.lede import find_self
from chidao.loaders.document import from_text

CASES = [
    # (lede, type, number, date, subject starts, authority, issuer)
    ("Ngày 30/12/2025, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Chỉ thị số 02-CT/TU về tăng cường phòng, "
     "chống cháy rừng. Báo Thanh Hóa xin giới thiệu toàn văn Chỉ thị.",
     "Chỉ thị", "02-CT/TU", "2025-12-30", "tăng cường phòng, chống cháy rừng", "Ban Thường vụ Tỉnh ủy",
     "Tỉnh ủy Thanh Hóa"),
    ("CTTĐT - Ngày 6/8, Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17 về việc tăng cường sự lãnh đạo "
     "của các cấp ủy. Nội dung Chỉ thị như sau:",
     "Chỉ thị", "17", None, "tăng cường sự lãnh đạo", "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Yên Bái"),
    # "văn bản số": the type is the symbol's (a state symbol with no type code is a công văn)
    ("Ngày 11/8/2020, thay mặt UBND tỉnh, Phó Chủ tịch UBND tỉnh đã ký ban hành văn bản số 2508/UBND-KGVX, chỉ "
     "đạo các sở.", "Công văn", "2508/UBND-KGVX", "2020-08-11", "", "Chủ tịch UBND tỉnh", None),
    ("Ngày 06/4, Đảng ủy Văn phòng UBND tỉnh Lai Châu ban hành văn bản số 391-CV/ĐU hướng dẫn nội dung tuyên "
     "truyền tháng 4/2015.", "Công văn", "391-CV/ĐU", None, "hướng dẫn nội dung tuyên truyền tháng 4/2015", None,
     "Đảng ủy Văn phòng UBND tỉnh Lai Châu"),
    ("Ban Bí thư vừa ban hành Chỉ thị số 35-CT/TW, ngày 14/6/2024 về tổ chức đại hội đảng bộ các cấp.",
     "Chỉ thị", "35-CT/TW", "2024-06-14", "tổ chức đại hội đảng bộ các cấp", "Ban Bí thư", None),
    ("Ngày 16/4/2020 Ủy ban nhân dân tỉnh ban hành Chỉ thị số 11/CT-CTUBND về việc tiếp tục thực hiện quyết liệt "
     "công tác phòng, chống dịch Covid-19", "Chỉ thị", "11/CT-CTUBND", None, "tiếp tục thực hiện", None, None),
    ("Chỉ thị số 05-CT/TU của Ban Thường vụ Tỉnh ủy về tăng cường công tác dân vận\nThực hiện Kết luận số "
     "114-KL/TW", "Chỉ thị", "05-CT/TU", None, "tăng cường công tác dân vận", "Ban Thường vụ Tỉnh ủy", None),
    ("Thực hiện Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư, các cấp ủy tăng cường lãnh đạo.",
     None, None, None, None, None, None),
    # named without a number: a title line, and a lede whose verb is "có"
    ("Chỉ thị của Ban Thường vụ Tỉnh Ủy Thanh Hóa về việc tổ chức Tết Nguyên đán năm 2023\nĐể chuẩn bị tốt",
     "Chỉ thị", None, None, "tổ chức Tết Nguyên đán năm 2023", "Ban Thường vụ Tỉnh Ủy", "Tỉnh Ủy Thanh Hóa"),
    (" date 2021-02 Chiều tối 3.2, Thường trực Ban Bí thư vừa có Điện về tăng cường công tác chăm lo Tết gửi các "
     "tỉnh ủy, thành ủy. Báo X xin giới thiệu toàn văn Điện của Thường trực Ban Bí thư.",
     "Điện", None, None, "tăng cường công tác chăm lo Tết", "Thường trực Ban Bí thư", None),
    # a news sentence opening on the document; the organ speaks after it
    ("Tại Thông báo kết luận số 98-TB/TW ngày 31/10/2025 về khắc phục hậu quả bão số 12, Bộ Chính trị đề nghị "
     "các cấp ủy khẩn trương.", "Thông báo", "98-TB/TW", "2025-10-31", "khắc phục hậu quả bão số 12", "Bộ Chính trị",
     None),
    # an office or a ban issues in its own name; a plan's subject follows its type without "về"
    ("Ngày 24/2/2026, Văn phòng Trung ương Đảng ban hành Công văn số 539-CV/VPTW về tình hình tổ chức Tết.",
     "Công văn", "539-CV/VPTW", "2026-02-24", "tình hình tổ chức Tết", None, "Văn phòng Trung ương Đảng"),
    ("Thực hiện phát động của Ban Tổ chức Giải, Ban Tuyên giáo Tỉnh ủy Thanh Hóa vừa ban hành Kế hoạch tổ chức "
     "Giải báo chí về xây dựng Đảng năm 2023.\n", "Kế hoạch", None, None, "tổ chức Giải báo chí",
     None, "Ban Tuyên giáo Tỉnh ủy Thanh Hóa"),
]


@pytest.mark.parametrize(("text", "doc_type", "number", "date", "subject", "authority", "issuer"), CASES)
def test_find_self(text, doc_type, number, date, subject, authority, issuer) -> None:
    found = find_self(text)
    if doc_type is None:
        assert found is None or found.citation.number is None and found.citation.type is None
        return
    assert found is not None
    assert (found.citation.type, found.citation.number, found.date) == (doc_type, number, date)
    assert (found.citation.subject or "").startswith(subject)
    if found.subject_span is not None:
        assert text[found.subject_span[0]:found.subject_span[1]] == found.citation.subject
    assert (found.authority.name if found.authority else None) == authority
    assert (found.issuer.name if found.issuer else None) == issuer
    for mention in (found.authority, found.issuer):
        if mention is not None and mention.name == text[mention.span[0]:mention.span[1]]:
            assert text[mention.span[0]:mention.span[1]] == mention.name


PRESS = """Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về phòng, chống cháy rừng
Cập nhật: 08:15, 02/01/2026
Ngày 30/12/2025, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Chỉ thị số 02-CT/TU về tăng cường sự lãnh đạo của Đảng \
đối với công tác phòng, chống cháy rừng. Báo Thanh Hóa xin giới thiệu toàn văn Chỉ thị.
Thực hiện Chỉ thị số 13-CT/TW, ngày 12-01-2017 của Ban Bí thư, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện:
1. Các cấp ủy, tổ chức đảng tăng cường lãnh đạo công tác phòng cháy rừng.
2. Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh triển khai Chỉ thị số 02-CT/TU.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Lại Thế Nguyên
Minh Anh"""


def test_press_rendering_end_to_end() -> None:
    record = extract_record(from_text(PRESS))
    doc = record["document"]
    assert (doc["type"], doc["number"], doc["date"], doc["place"]) == ("Chỉ thị", "02-CT/TU", "2025-12-30", None)
    assert doc["issuer"]["name"] == "Tỉnh ủy Thanh Hóa"
    assert doc["authority"]["name"] == "Ban Thường vụ Tỉnh ủy"
    assert doc["subject"].startswith("tăng cường sự lãnh đạo")
    assert [c["number"] for c in record["citations"]] == ["13-CT/TW"]  # never itself
    assert record["signer"]["name"] == "Lại Thế Nguyên"  # not the byline


def test_a_byline_alone_is_not_a_signer() -> None:
    text = PRESS.replace("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nLại Thế Nguyên\n", "")
    assert extract_record(from_text(text))["signer"] is None


def test_a_banner_in_capitals_is_not_an_issuer() -> None:
    text = ("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH THANH HÓA\n\nTổ chức Giải báo chí năm 2023\n\nBan Tuyên giáo Tỉnh ủy "
            "Thanh Hóa vừa ban hành Kế hoạch tổ chức Giải báo chí về xây dựng Đảng năm 2023.\n\n1. Mục đích")
    assert extract_record(from_text(text))["document"]["issuer"]["name"] == "Ban Tuyên giáo Tỉnh ủy Thanh Hóa"
