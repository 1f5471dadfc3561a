"""Layout recovery: each shape real copies arrive in (input) → the logical lines the parser reads.

The shapes are those of ``../shared/domain.md`` §5.4 and ``tests/data/real``: a copied web-page table
(cells on their own lines, ``|`` lines between them, wraps inside cells), citations wrapped before a
digit or a capital, wrapped subjects, and a document flattened onto one line.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chidao.loaders.normalize import Tracked, normalize_tracked
from chidao.loaders.recover import recover, recover_tracked

CASES = [
    # copied table: separator lines are blank, cells keep their lines
    ("ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\n|\nCỘNG HÒA", "ỦY BAN NHÂN DÂN\nTỈNH AN PHÚ\n\nCỘNG HÒA"),
    ("a\n|---|---|\nb", "a\n\nb"),
    ("| TỈNH ỦY LAI CHÂU | ĐẢNG CỘNG SẢN VIỆT NAM |", "TỈNH ỦY LAI CHÂU\nĐẢNG CỘNG SẢN VIỆT NAM\n"),
    ("| Số: 12/CT-UBND | An Phú, ngày 05 tháng 4 năm 2023 |", "Số: 12/CT-UBND\nAn Phú, ngày 05 tháng 4 năm 2023\n"),
    # a legal library's cells, each closed by a bar, and a cell wrapped inside a word pair
    ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 15/CT-UBND | Hà Nội, ngày 25 tháng 12 năm 2018 |",
     "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 15/CT-UBND\nHà Nội, ngày 25 tháng 12 năm 2018\n"),
    ("VĂN PHÒNG CHÍNH\nPHỦ |\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
     "VĂN PHÒNG CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"),
    ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH"),  # two cells' lines, not one term
    ("VĂN PHÒNG CHÍNH PHỦ ----------\nCỘNG HÒA", "VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA"),
    # spaces a web copy lost
    ("Tờ trình số 7068/TTr- UBNDngày 10 tháng 12", "Tờ trình số 7068/TTr- UBND ngày 10 tháng 12"),
    ("Quyết định số31-QĐ/TW", "Quyết định số 31-QĐ/TW"),
    ("lãnh đạo củaĐảng", "lãnh đạo của Đảng"),
    ("iPhone, TTg, QĐi, eKYC, HĐND", "iPhone, TTg, QĐi, eKYC, HĐND"),
    ("điểm a | b trong văn bản", "điểm a | b trong văn bản"),  # a bar inside prose stays
    # the national title and motto wrapped in their cell
    ("CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA\nVIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("ĐẢNG CỘNG SẢN\nVIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Độc lập -\nTự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    # the number on the line after "Số:"
    ("Số:\n12/CT-UBND", "Số: 12/CT-UBND"),
    ("Số\n629-CV/TU", "Số 629-CV/TU"),
    ("Số:\n/UBND-VP", "Số: /UBND-VP"),  # a blank draft number
    ("Số:\nKính gửi", "Số:\nKính gửi"),  # not a number: left alone
    # the place-date line wrapped
    ("An Phú, ngày\n05 tháng 4 năm 2023", "An Phú, ngày 05 tháng 4 năm 2023"),
    ("Hà Nội, ngày 05\ntháng 4 năm 2023", "Hà Nội, ngày 05 tháng 4 năm 2023"),
    ("Hà Nội, ngày 05 tháng 4 năm\n2023", "Hà Nội, ngày 05 tháng 4 năm 2023"),
    # citations wrapped before a digit or a capital
    ("Thực hiện Quyết định số 342/QĐ-TTg ngày\n15/3/2022 của Thủ tướng", "Thực hiện Quyết định số 342/QĐ-TTg ngày 15/3/2022 của Thủ tướng"),
    ("Thực hiện Chỉ thị số\n16/CT-TTg", "Thực hiện Chỉ thị số 16/CT-TTg"),
    ("Kế hoạch số 25-KH/TU của\nBan Thường vụ Tỉnh ủy", "Kế hoạch số 25-KH/TU của Ban Thường vụ Tỉnh ủy"),
    ("chủ trì, phối hợp với\nCông an tỉnh", "chủ trì, phối hợp với Công an tỉnh"),
    ("SỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN", "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"),
    # … but never before a list item
    ("các nội dung sau đây, gồm\n1. Tăng cường", "các nội dung sau đây, gồm\n1. Tăng cường"),
    ("yêu cầu các\n- Sở Y tế", "yêu cầu các\n- Sở Y tế"),
    ("thực hiện.\nSố liệu", "thực hiện.\nSố liệu"),
    # a subject wrapped over lines
    ("CHỈ THỊ\nVỀ TĂNG CƯỜNG CÔNG\nTÁC PHÒNG, CHỐNG THIÊN TAI\nPHÚ\nThực hiện Quyết định",
     "CHỈ THỊ\nVỀ TĂNG CƯỜNG CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI PHÚ\nThực hiện Quyết định"),
    ("V/v triển khai thực hiện\nChỉ thị 16/CT-TTg\nKính gửi: Các sở", "V/v triển khai thực hiện Chỉ thị 16/CT-TTg\nKính gửi: Các sở"),
    ("V/v tăng cường phòng chống dịch.\nThực hiện", "V/v tăng cường phòng chống dịch.\nThực hiện"),
    ("VỀ VIỆC PHÒNG CHỐNG\nSố: 12/CT-UBND", "VỀ VIỆC PHÒNG CHỐNG\nSố: 12/CT-UBND"),
]


@pytest.mark.parametrize(("given_text", "expected"), CASES)
def test_recover(given_text: str, expected: str) -> None:
    assert recover(given_text) == expected


FLAT = ("TỈNH ỦY THANH HÓA * Số 12-CV/TU ĐẢNG CỘNG SẢN VIỆT NAM Thanh Hóa, ngày 05 tháng 4 năm 2023 "
        "V/v tăng cường công tác phòng cháy rừng Kính gửi: - Các huyện ủy, thị ủy, thành ủy; - Các sở, ban, "
        "ngành. Thực hiện Chỉ thị số 13-CT/TW ngày 12-01-2017 của Ban Bí thư, Ban Thường vụ Tỉnh ủy yêu cầu "
        "các cấp ủy thực hiện tốt một số nội dung sau: 1. Các cấp ủy, tổ chức đảng tăng cường lãnh đạo công tác "
        "phòng cháy chữa cháy rừng. 2. Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo các sở, ngành "
        "triển khai. 3. Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp tuyên truyền. Nơi nhận: - Như trên, - Lưu "
        "VPTU. T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Nguyễn Văn An")


def test_flattened_document_is_cut_at_its_anchors() -> None:
    lines = recover(FLAT).split("\n")
    for anchor in ("Số 12-CV/TU", "ĐẢNG CỘNG SẢN", "Thanh Hóa, ngày", "V/v tăng", "Kính gửi:", "- Các huyện",
                   "1. Các cấp ủy", "2. Ban cán sự", "3. Giao Ban", "Nơi nhận:", "T/M BAN THƯỜNG VỤ"):
        assert any(line.startswith(anchor) for line in lines), (anchor, lines)
    assert len(recover(FLAT)) == len(FLAT)


def test_a_long_paragraph_is_not_cut() -> None:
    paragraph = "Các cấp ủy tăng cường lãnh đạo, " * 40 + "1. Nội dung"
    assert recover(paragraph) == paragraph


vietnamese = st.lists(
    st.sampled_from(list("aăâđeêioôơuưy ÀẢÃÁẠỦƯỢ\n\n|-:,.;/01259") +
                    ["Số", "ngày", "tháng", "năm", "của", "về", "VỀ", "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA", "V/v", "1. ",
                     "a) ", "Kính gửi:", "Nơi nhận:", "T/M ", "| x |", "Thanh Hóa, ngày 5", "TÁC PHÒNG"]),
    max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(vietnamese)
@example("aaSố0")  # a glued word split first exposes "Số0" (found by hypothesis)
@example("Số\nSố\na")  # a hanging word at a line start (found by hypothesis)
def test_recover_is_idempotent(text: str) -> None:
    once = recover(text)
    assert recover(once) == once


@settings(max_examples=300, deadline=None)
@given(vietnamese)
def test_recovered_offsets_still_reach_the_source(text: str) -> None:
    normalised = normalize_tracked(text)
    recovered = recover_tracked(normalised)
    origin = recovered.origin
    assert list(origin) == sorted(origin)
    for i, ch in enumerate(recovered.text):
        if ch not in " \n":
            assert text[origin[i]] == ch or not ch.isalnum() or text[origin[i]].lower() != ch  # NFC may compose


def test_recover_keeps_an_untouched_text_identical() -> None:
    t = Tracked.of("Ban Thường vụ Tỉnh ủy yêu cầu:\n1. Các cấp ủy thực hiện.")
    assert recover_tracked(t) is t
