"""Noun phrases naming bodies, and how a list of them is split into mentions."""

from __future__ import annotations

import pytest

from chidao.extract.assignments import noun_phrase, split_members
from chidao.extract.lexicon import folded_lower


def members(phrase: str) -> list[str]:
    folded = folded_lower(phrase)
    return [m.name for m in split_members(phrase, folded, 0, len(phrase))]


SPLITS = [
    ("Các cấp ủy, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
     ["Các cấp ủy", "chính quyền", "Mặt trận Tổ quốc", "các tổ chức chính trị - xã hội"]),
    ("Đảng ủy Biên phòng tỉnh, Công an tỉnh, Quân sự tỉnh", ["Đảng ủy Biên phòng tỉnh", "Công an tỉnh", "Quân sự tỉnh"]),
    ("các huyện ủy, thành ủy, đảng ủy trực thuộc", ["các huyện ủy, thành ủy, đảng ủy trực thuộc"]),
    ("các ban đảng, đảng đoàn, ban cán sự đảng", ["các ban đảng", "đảng đoàn", "ban cán sự đảng"]),
    ("Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh", ["Ban Chỉ đạo phòng, chống dịch bệnh Covid-19 tỉnh"]),
    ("bí thư các huyện ủy, thành ủy", ["bí thư các huyện ủy, thành ủy"]),
    ("Bí thư huyện ủy, thị ủy, thành ủy; thủ trưởng các cơ quan, đơn vị, người đứng đầu cấp ủy",
     ["Bí thư huyện ủy, thị ủy, thành ủy", "thủ trưởng các cơ quan, đơn vị", "người đứng đầu cấp ủy"]),
    ("Các sở, ngành, địa phương", ["Các sở, ngành, địa phương"]),
    ("các sở, ban, ngành", ["các sở, ban, ngành"]),
    ("các cơ quan, đơn vị, địa phương", ["các cơ quan, đơn vị, địa phương"]),
    ("chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố", ["chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    ("thủ trưởng các sở, ban, ngành, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội tỉnh",
     ["thủ trưởng các sở, ban, ngành, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội tỉnh"]),
    ("Ban Dân vận Tỉnh ủy, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
     ["Ban Dân vận Tỉnh ủy", "Mặt trận Tổ quốc", "các đoàn thể chính trị - xã hội"]),
    ("Ban Dân vận Tỉnh ủy, Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
     ["Ban Dân vận Tỉnh ủy", "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]),
    ("Các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh, thành viên Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh",
     ["Các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh", "thành viên Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh"]),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Nông nghiệp và Môi trường, Sở Tài chính", ["Sở Nông nghiệp và Môi trường", "Sở Tài chính"]),
    ("Sở Y tế, Sở Tài chính, Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh",
     ["Sở Y tế", "Sở Tài chính", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    ("Ủy ban nhân dân các huyện, thành phố", ["Ủy ban nhân dân các huyện, thành phố"]),
    ("UBND các xã, phường, thị trấn", ["UBND các xã, phường, thị trấn"]),
    ("Công an tỉnh", ["Công an tỉnh"]),
    ("Ban Thường vụ Tỉnh ủy, Thường trực Tỉnh ủy", ["Ban Thường vụ Tỉnh ủy", "Thường trực Tỉnh ủy"]),
    ("Thường trực Tỉnh ủy, Ban Thường vụ Tỉnh ủy", ["Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"]),
    ("Ban Thường vụ Tỉnh ủy, Ban Chỉ đạo cấp tỉnh", ["Ban Thường vụ Tỉnh ủy", "Ban Chỉ đạo cấp tỉnh"]),
    ("Hội Cựu chiến binh, Hội Liên hiệp Phụ nữ, Hội Nông dân", ["Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ", "Hội Nông dân"]),
    ("Liên đoàn Lao động tỉnh, Tỉnh Đoàn", ["Liên đoàn Lao động tỉnh", "Tỉnh Đoàn"]),
    ("các cơ quan truyền thông, báo chí", ["các cơ quan truyền thông, báo chí"]),
    ("Văn phòng Tỉnh ủy và các ban đảng", ["Văn phòng Tỉnh ủy", "các ban đảng"]),
    ("Chủ tịch Ủy ban nhân dân tỉnh, bí thư cấp ủy", ["Chủ tịch Ủy ban nhân dân tỉnh", "bí thư cấp ủy"]),
    ("các đảng ủy xã, phường", ["các đảng ủy xã, phường"]),
    ("Sở Khoa học và Công nghệ, Sở Nội vụ", ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Công an tỉnh", ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Công an tỉnh"]),
    ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh",
     ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"]),
]


@pytest.mark.parametrize(("phrase", "expected"), SPLITS)
def test_split_members(phrase: str, expected: list[str]) -> None:
    assert members(phrase) == expected


PHRASES = [
    ("Ban Tuyên giáo Tỉnh ủy tập trung chỉ đạo các cơ quan", "Ban Tuyên giáo Tỉnh ủy"),
    ("Ban chỉ đạo phòng, chống COVID-19 tỉnh kịp thời chỉ đạo các địa phương", "Ban chỉ đạo phòng, chống COVID-19 tỉnh"),
    ("Ban Chỉ đạo phòng, chống dịch tỉnh thường xuyên theo dõi", "Ban Chỉ đạo phòng, chống dịch tỉnh"),
    ("Sở Y tế chủ trì, phối hợp với Sở Tài chính", "Sở Y tế"),
    ("Các cấp ủy, chính quyền và các tổ chức chính trị - xã hội tập trung lãnh đạo",
     "Các cấp ủy, chính quyền và các tổ chức chính trị - xã hội"),
    ("Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo:", "Ban cán sự đảng UBND tỉnh"),
    ("Công an tỉnh tăng cường nắm tình hình", "Công an tỉnh"),
    ("Đồng chí bí thư các huyện ủy, thành ủy trực tiếp lãnh đạo", "Đồng chí bí thư các huyện ủy, thành ủy"),
    ("UBND các huyện, thành phố khẩn trương rà soát", "UBND các huyện, thành phố"),
    ("Các sở, ngành, địa phương lắng nghe phản ánh", "Các sở, ngành, địa phương"),
    ("Ủy ban nhân dân tỉnh có trách nhiệm tổ chức", "Ủy ban nhân dân tỉnh"),
    ("Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tích cực vận động", "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội"),
    ("Văn phòng Tỉnh ủy theo dõi, đôn đốc", "Văn phòng Tỉnh ủy"),
    ("Ủy ban Kiểm tra Tỉnh ủy kiểm tra việc thực hiện", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("Ban Tổ chức Tỉnh ủy tham mưu Ban Thường vụ", "Ban Tổ chức Tỉnh ủy"),
    ("Sở Thông tin và Truyền thông hướng dẫn", "Sở Thông tin và Truyền thông"),
    ("Bộ Chỉ huy Quân sự tỉnh sẵn sàng lực lượng", "Bộ Chỉ huy Quân sự tỉnh"),
]


@pytest.mark.parametrize(("sentence", "expected"), PHRASES)
def test_subject_noun_phrase(sentence: str, expected: str) -> None:
    span = noun_phrase(sentence, folded_lower(sentence), 0, len(sentence), subject=True)
    assert span is not None
    assert sentence[span[0]:span[1]] == expected


NOT_SUBJECTS = [
    "Tiếp tục quán triệt và tổ chức triển khai thực hiện nghiêm túc",
    "Cơ quan, đơn vị, địa phương để xảy ra tình trạng lơ là",
    "Thời gian qua các cấp ủy đã nỗ lực",
    "Tăng cường công tác truyền thông",
    "Đối với địa phương thực hiện giãn cách xã hội",
    "Quán triệt và tổ chức triển khai",
    "Xử lý, thay thế ngay cán bộ",
    "Tuyệt đối không chủ quan",
    "",
]


@pytest.mark.parametrize("sentence", NOT_SUBJECTS)
def test_no_subject(sentence: str) -> None:
    assert noun_phrase(sentence, folded_lower(sentence), 0, len(sentence), subject=True) is None
