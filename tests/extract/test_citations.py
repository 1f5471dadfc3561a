"""Citations: type, number, date, issuer, subject, relation, quote; what is not a citation; type names."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.extract.citations import Citation, doc_type_from_code, doc_type_from_title, find_citations

REF = dt.date(2021, 11, 3)

# text, (type, number, date, issuer, subject, quote)
ONE_CITATION = [
    ("theo Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ phải thực hiện",
     ("Chỉ thị", "16/CT-TTg", None, "Thủ tướng Chính phủ", None, "Chỉ thị số 16-CT/TTg của Thủ tướng Chính phủ")),
    ("Công điện số 02/CĐ-UBND, ngày 26/4/2021 của UBND tỉnh. Tuyệt đối không lơ là",
     ("Công điện", "02/CĐ-UBND", "2021-04-26", "UBND tỉnh", None,
      "Công điện số 02/CĐ-UBND, ngày 26/4/2021 của UBND tỉnh")),
    ("Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ về mua và sử dụng vắc-xin Covid-19",
     ("Nghị quyết", "21/NQ-CP", "2021-02-26", "Chính phủ", "mua và sử dụng vắc-xin Covid-19",
      "Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ")),
    ("Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ về mua và sử dụng vắc-xin Covid-19;",
     ("Nghị quyết", "21/NQ-CP", "2021-02-26", "Chính phủ", "mua và sử dụng vắc-xin Covid-19",
      "Nghị quyết số 21/NQ-CP, ngày 26/02/2021 của Chính phủ")),
    ("Thực hiện Công điện ngày 27 tháng 4 năm 2021 của Thường trực Ban Bí thư về tiếp tục tăng cường",
     ("Công điện", None, "2021-04-27", "Thường trực Ban Bí thư", "tiếp tục tăng cường",
      "Công điện ngày 27 tháng 4 năm 2021 của Thường trực Ban Bí thư")),
    ("Thực hiện Điện ngày 21/7/2021 của Thường trực Ban Bí thư về tiếp tục",
     ("Điện", None, "2021-07-21", "Thường trực Ban Bí thư", "tiếp tục",
      "Điện ngày 21/7/2021 của Thường trực Ban Bí thư")),
    ("Thực hiện Điện của Thường trực Ban Bí thư về tiếp tục tăng cường công tác phòng, chống dịch COVID-19",
     ("Điện", None, None, "Thường trực Ban Bí thư", "tiếp tục tăng cường công tác phòng, chống dịch COVID-19",
      "Điện của Thường trực Ban Bí thư")),
    ("quán triệt Kết luận số 118-KL/TW; đồng thời",
     ("Kết luận", "118-KL/TW", None, None, None, "Kết luận số 118-KL/TW")),
    ("Kết luận số 118-KL/TW ngày 04/01/2022 của Ban Bí thư, để ngăn chặn dịch lây lan",
     ("Kết luận", "118-KL/TW", "2022-01-04", "Ban Bí thư", None,
      "Kết luận số 118-KL/TW ngày 04/01/2022 của Ban Bí thư")),
    ("thực hiện Nghị quyết 05-NQ/TU của Ban Thường vụ Tỉnh ủy",
     ("Nghị quyết", "05-NQ/TU", None, "Ban Thường vụ Tỉnh ủy", None, "Nghị quyết 05-NQ/TU của Ban Thường vụ Tỉnh ủy")),
    ("Nghị quyết 05-NQ/TU", ("Nghị quyết", "05-NQ/TU", None, None, None, "Nghị quyết 05-NQ/TU")),
    ("Quyết định số 2786/QĐ-BQP ngày 14/6/2025 của Bộ Quốc phòng.",
     ("Quyết định", "2786/QĐ-BQP", "2025-06-14", "Bộ Quốc phòng", None,
      "Quyết định số 2786/QĐ-BQP ngày 14/6/2025 của Bộ Quốc phòng")),
    ("Kế hoạch số 88-KH/TU, ngày 05-3-2022 của Ban Thường vụ Tỉnh ủy;",
     ("Kế hoạch", "88-KH/TU", "2022-03-05", "Ban Thường vụ Tỉnh ủy", None,
      "Kế hoạch số 88-KH/TU, ngày 05-3-2022 của Ban Thường vụ Tỉnh ủy")),
    ("Hướng dẫn 36-HD/VPTW",
     ("Hướng dẫn", "36-HD/VPTW", None, "Văn phòng Trung ương Đảng", None, "Hướng dẫn 36-HD/VPTW")),
    ("Chỉ thị số 14/CT-BYT ngày 10/7/2023 của Bộ Y tế về phòng, chống dịch",
     ("Chỉ thị", "14/CT-BYT", "2023-07-10", "Bộ Y tế", "phòng, chống dịch",
      "Chỉ thị số 14/CT-BYT ngày 10/7/2023 của Bộ Y tế")),
    ("Chỉ thị số 14/CT-BYT ngày 10/7/2023",
     ("Chỉ thị", "14/CT-BYT", "2023-07-10", "Bộ Y tế", None, "Chỉ thị số 14/CT-BYT ngày 10/7/2023")),
    ("Công điện số 05/CĐ-TTg ngày 21/8/2024 của Thủ tướng Chính phủ",
     ("Công điện", "05/CĐ-TTg", "2024-08-21", "Thủ tướng Chính phủ", None,
      "Công điện số 05/CĐ-TTg ngày 21/8/2024 của Thủ tướng Chính phủ")),
    ("Chỉ thị số 45-CT/TW ngày 20/6/2020 của Ban Bí thư",
     ("Chỉ thị", "45-CT/TW", "2020-06-20", "Ban Bí thư", None, "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Ban Bí thư")),
    ("Chỉ thị số 45-CT/TW ngày 20/6/2020",
     ("Chỉ thị", "45-CT/TW", "2020-06-20", None, None, "Chỉ thị số 45-CT/TW ngày 20/6/2020")),
    ("Nghị định số 156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ;",
     ("Nghị định", "156/2018/NĐ-CP", "2018-11-16", "Chính phủ", None,
      "Nghị định số 156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ")),
    ("Nghị định số 30/2020/NĐ-CP",
     ("Nghị định", "30/2020/NĐ-CP", None, "Chính phủ", None, "Nghị định số 30/2020/NĐ-CP")),
    ("Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ",
     ("Thông tư", "01/2011/TT-BNV", "2011-01-19", "Bộ Nội vụ", None,
      "Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ")),
    ("Công văn số 1876/UBND-KTTH ngày 29/3/2024 của UBND tỉnh Ninh Thuận về ứng phó với nắng nóng",
     ("Công văn", "1876/UBND-KTTH", "2024-03-29", "UBND tỉnh Ninh Thuận", "ứng phó với nắng nóng",
      "Công văn số 1876/UBND-KTTH ngày 29/3/2024 của UBND tỉnh Ninh Thuận")),
    ("Công văn số 1185-CV/TU ngày 31/3/2020 của Ban Thường vụ Tỉnh uỷ, Thường trực Huyện uỷ yêu cầu:",
     ("Công văn", "1185-CV/TU", "2020-03-31", "Ban Thường vụ Tỉnh uỷ", None,
      "Công văn số 1185-CV/TU ngày 31/3/2020 của Ban Thường vụ Tỉnh uỷ")),
    ("Công văn số 1185-CV/TU ngày 31/3/2020 của Ban Thường vụ Tỉnh ủy, Thường trực Huyện ủy yêu cầu:",
     ("Công văn", "1185-CV/TU", "2020-03-31", "Ban Thường vụ Tỉnh ủy", None,
      "Công văn số 1185-CV/TU ngày 31/3/2020 của Ban Thường vụ Tỉnh ủy")),
    ("Công văn số 1145/BNN-TCTL ngày 20/02/2020 của Bộ Nông nghiệp và Phát triển nông thôn;",
     ("Công văn", "1145/BNN-TCTL", "2020-02-20", "Bộ Nông nghiệp và Phát triển nông thôn", None,
      "Công văn số 1145/BNN-TCTL ngày 20/02/2020 của Bộ Nông nghiệp và Phát triển nông thôn")),
    ("Công văn của UBND tỉnh về việc tăng cường phòng, chống dịch",
     ("Công văn", None, None, "UBND tỉnh", "tăng cường phòng, chống dịch", "Công văn của UBND tỉnh")),
    ("Hướng dẫn số 135-HD/BTGTW ngày 23/12/2020 của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy đề nghị",
     ("Hướng dẫn", "135-HD/BTGTW", "2020-12-23", "Ban Tuyên giáo Trung ương", None,
      "Hướng dẫn số 135-HD/BTGTW ngày 23/12/2020 của Ban Tuyên giáo Trung ương")),
    ("Nghị quyết số 61/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân tỉnh, để bàn giao mặt bằng",
     ("Nghị quyết", "61/NQ-HĐND", "2023-12-08", "Hội đồng nhân dân tỉnh", None,
      "Nghị quyết số 61/NQ-HĐND ngày 08/12/2023 của Hội đồng nhân dân tỉnh")),
    ("Công điện số 86/CĐ-TTg ngày 08/9/2024 của Thủ tướng Chính phủ, Ban Thường vụ Tỉnh ủy yêu cầu:",
     ("Công điện", "86/CĐ-TTg", "2024-09-08", "Thủ tướng Chính phủ", None,
      "Công điện số 86/CĐ-TTg ngày 08/9/2024 của Thủ tướng Chính phủ")),
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới"
     " sáng tạo và chuyển đổi số, Ban Thường vụ Tỉnh ủy kết luận:",
     ("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị",
      "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
      "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")),
    ("Kết luận số 88-KL/TU, ngày 07-7-2021 của Ban Thường vụ Tỉnh ủy",
     ("Kết luận", "88-KL/TU", "2021-07-07", "Ban Thường vụ Tỉnh ủy", None,
      "Kết luận số 88-KL/TU, ngày 07-7-2021 của Ban Thường vụ Tỉnh ủy")),
    ("Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ ngày 31/3/2020 về thực hiện các biện pháp cấp bách",
     ("Chỉ thị", "16/CT-TTg", "2020-03-31", "Thủ tướng Chính phủ", "thực hiện các biện pháp cấp bách",
      "Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ ngày 31/3/2020")),
    ("Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Bí thư",
     ("Quy định", "66-QĐ/TW", "2017-02-06", "Ban Bí thư", None, "Quy định số 66-QĐ/TW ngày 06/02/2017 của Ban Bí thư")),
    ("Quy chế số 22-QC/TU của Ban Chấp hành Đảng bộ tỉnh",
     ("Quy chế", "22-QC/TU", None, "Ban Chấp hành Đảng bộ tỉnh", None,
      "Quy chế số 22-QC/TU của Ban Chấp hành Đảng bộ tỉnh")),
    ("Chương trình hành động số 147-CTHĐ/TU của Tỉnh ủy",
     ("Chương trình hành động", "147-CTHĐ/TU", None, "Tỉnh ủy", None,
      "Chương trình hành động số 147-CTHĐ/TU của Tỉnh ủy")),
    ("Chương trình số 12-CTr/TU",
     ("Chương trình", "12-CTr/TU", None, None, None, "Chương trình số 12-CTr/TU")),
    ("Đề án số 24-ĐA/TU về sắp xếp tổ chức bộ máy",
     ("Đề án", "24-ĐA/TU", None, None, "sắp xếp tổ chức bộ máy", "Đề án số 24-ĐA/TU")),
    ("Thông báo số 1210-TB/TU ngày 03/3/2023 của Thường trực Tỉnh ủy",
     ("Thông báo", "1210-TB/TU", "2023-03-03", "Thường trực Tỉnh ủy", None,
      "Thông báo số 1210-TB/TU ngày 03/3/2023 của Thường trực Tỉnh ủy")),
    ("Thông báo kết luận số 445-KL/TƯ của Ban Thường vụ Tỉnh ủy",
     ("Thông báo", "445-KL/TƯ", None, "Ban Thường vụ Tỉnh ủy", None,
      "Thông báo kết luận số 445-KL/TƯ của Ban Thường vụ Tỉnh ủy")),
    ("Báo cáo số 3792-BC/BCSĐCP của Ban cán sự đảng Chính phủ",
     ("Báo cáo", "3792-BC/BCSĐCP", None, "Ban cán sự đảng Chính phủ", None,
      "Báo cáo số 3792-BC/BCSĐCP của Ban cán sự đảng Chính phủ")),
    ("Tờ trình số 118/TTr-SYT ngày 08/3/2022, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
     ("Tờ trình", "118/TTr-SYT", "2022-03-08", None, None, "Tờ trình số 118/TTr-SYT ngày 08/3/2022")),
    ("Kế hoạch số 3150/KH-UBND ngày 29/12/2023 của UBND tỉnh về cải cách hành chính năm 2024, Sở Nội vụ đề nghị",
     ("Kế hoạch", "3150/KH-UBND", "2023-12-29", "UBND tỉnh", "cải cách hành chính năm 2024",
      "Kế hoạch số 3150/KH-UBND ngày 29/12/2023 của UBND tỉnh")),
    ("Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương",
     ("Kế hoạch", "02-KH/BCĐTW", "2025-06-19", "Ban Chỉ đạo Trung ương", None,
      "Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương")),
    ("Công văn số 12/UBND-VX của UBND TP. Hồ Chí Minh về việc phòng dịch",
     ("Công văn", "12/UBND-VX", None, "UBND TP. Hồ Chí Minh", "phòng dịch",
      "Công văn số 12/UBND-VX của UBND TP. Hồ Chí Minh")),
    ("Công văn số 5 của Uỷ ban nhân dân tỉnh.",  # a bare number is kept as written (real press copies)
     ("Công văn", "5", None, "Uỷ ban nhân dân tỉnh", None, "Công văn số 5 của Uỷ ban nhân dân tỉnh")),
    ("Kế hoạch số 12/KH-BCĐ ngày 3/4/2020 của Ban chỉ đạo phòng, chống dịch tỉnh",
     ("Kế hoạch", "12/KH-BCĐ", "2020-04-03", "Ban chỉ đạo phòng, chống dịch tỉnh", None,
      "Kế hoạch số 12/KH-BCĐ ngày 3/4/2020 của Ban chỉ đạo phòng, chống dịch tỉnh")),
    ("Công văn số 7/BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch về tổ chức lễ hội",
     ("Công văn", "7/BVHTTDL", None, "Bộ Văn hóa, Thể thao và Du lịch", "tổ chức lễ hội",
      "Công văn số 7/BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch")),
    ("Công văn số 9/BYT-DP của Bộ Y tế, Bộ Công an về phối hợp",
     ("Công văn", "9/BYT-DP", None, "Bộ Y tế, Bộ Công an", "phối hợp", "Công văn số 9/BYT-DP của Bộ Y tế, Bộ Công an")),
    ("Công điện số 16/CĐ-TTg", ("Công điện", "16/CĐ-TTg", None, "Thủ tướng Chính phủ", None, "Công điện số 16/CĐ-TTg")),
    ("Lời kêu gọi ngày 19/10/2020 của Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam, Ban Thường trực đề nghị:",
     ("Lời kêu gọi", None, "2020-10-19", "Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam", None,
      "Lời kêu gọi ngày 19/10/2020 của Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam")),
    ("Nghị quyết ngày 12/6/2025 của Quốc hội",
     ("Nghị quyết", None, "2025-06-12", "Quốc hội", None, "Nghị quyết ngày 12/6/2025 của Quốc hội")),
    ("Chỉ thị 16 của Thủ tướng Chính phủ",
     ("Chỉ thị", None, None, "Thủ tướng Chính phủ", None, "Chỉ thị 16 của Thủ tướng Chính phủ")),
    ("thực hiện nghiêm Chỉ thị 16.", ("Chỉ thị", None, None, None, None, "Chỉ thị 16")),
    ("Nghị quyết 57 về đột phá", ("Nghị quyết", None, None, None, "đột phá", "Nghị quyết 57")),
    # a year-less citation date is placed in the past of the citing document
    ("Công văn số 12/UBND-VX ngày 26/10 của UBND tỉnh",
     ("Công văn", "12/UBND-VX", "2021-10-26", "UBND tỉnh", None, "Công văn số 12/UBND-VX ngày 26/10 của UBND tỉnh")),
    ("Công điện ngày 15 tháng 12 của UBND tỉnh",
     ("Công điện", None, "2020-12-15", "UBND tỉnh", None, "Công điện ngày 15 tháng 12 của UBND tỉnh")),
    # laws: the title is the subject
    ("Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007;",
     ("Luật", None, None, None, "Phòng, chống bệnh truyền nhiễm", "Luật Phòng, chống bệnh truyền nhiễm năm 2007")),
    ("Căn cứ Luật Phòng, chống bệnh truyền nhiễm",
     ("Luật", None, None, None, "Phòng, chống bệnh truyền nhiễm", "Luật Phòng, chống bệnh truyền nhiễm")),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
     ("Luật", None, "2015-06-19", None, "Tổ chức chính quyền địa phương",
      "Luật Tổ chức chính quyền địa phương ngày 19/6/2015")),
    ("Căn cứ Luật Lâm nghiệp ngày 15/11/2017;",
     ("Luật", None, "2017-11-15", None, "Lâm nghiệp", "Luật Lâm nghiệp ngày 15/11/2017")),
    ("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân ngày 25/6/2015;",
     ("Luật", None, "2015-06-25", None, "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân",
      "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân ngày 25/6/2015")),
    ("Căn cứ Luật Phòng, chống thiên tai, Ban Chỉ huy yêu cầu",
     ("Luật", None, None, None, "Phòng, chống thiên tai", "Luật Phòng, chống thiên tai")),
    ("Căn cứ Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020;",
     ("Luật", "59/2020/QH14", "2020-06-17", "Quốc hội", "Doanh nghiệp",
      "Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020")),
    ("Căn cứ Luật số 59/2020/QH14;",
     ("Luật", "59/2020/QH14", None, "Quốc hội", None, "Luật số 59/2020/QH14")),
    # Party resolutions named after the meeting that passed them
    ("thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX; thực hiện",
     ("Nghị quyết", None, None, None, "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX",
      "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX")),
    ("quán triệt Nghị quyết Hội nghị Trung ương 4 khóa XII về xây dựng Đảng",
     ("Nghị quyết", None, None, None, "Hội nghị Trung ương 4 khóa XII", "Nghị quyết Hội nghị Trung ương 4 khóa XII")),
    # lower case with số and an agreeing symbol
    ("thực hiện công văn số 1185-CV/TU của Tỉnh ủy",
     ("Công văn", "1185-CV/TU", None, "Tỉnh ủy", None, "công văn số 1185-CV/TU của Tỉnh ủy")),
    ("theo kế hoạch số 88-KH/TU", ("Kế hoạch", "88-KH/TU", None, None, None, "kế hoạch số 88-KH/TU")),
    ("chỉ thị số 16/CT-TTg", ("Chỉ thị", "16/CT-TTg", None, "Thủ tướng Chính phủ", None, "chỉ thị số 16/CT-TTg")),
    ("CHỈ THỊ SỐ 05-CT/TU", ("Chỉ thị", "05-CT/TU", None, None, None, "CHỈ THỊ SỐ 05-CT/TU")),
    # spacing left by converters
    ("Chỉ thị số 16 - CT/TTg", ("Chỉ thị", "16/CT-TTg", None, "Thủ tướng Chính phủ", None, "Chỉ thị số 16 - CT/TTg")),
    ("Kết luận số 445-KL/TƯ ngày 5/8/2022", ("Kết luận", "445-KL/TƯ", "2022-08-05", None, None,
                                            "Kết luận số 445-KL/TƯ ngày 5/8/2022")),
]


@pytest.mark.parametrize(("text", "expected"), ONE_CITATION)
def test_one_citation(text: str, expected: tuple) -> None:
    found = find_citations(text, ref=REF)
    assert len(found) == 1, found
    c = found[0]
    assert (c.type, c.number, c.date, c.issuer, c.subject, c.quote) == expected
    assert text[c.span[0]:c.span[1]] == c.quote
    if c.issuer_span is not None:
        assert text[c.issuer_span[0]:c.issuer_span[1]] == c.issuer
        assert c.span[0] < c.issuer_span[0] < c.issuer_span[1] <= c.span[1]


# several citations in one sentence: (type, number, date, issuer) each
SEVERAL = [
    ("Thực hiện Điện ngày 21/7/2021 của Thường trực Ban Bí thư và Công điện số 969/CĐ-TTg ngày 19/7/2021 của Thủ"
     " tướng Chính phủ, Ban Thường vụ Tỉnh ủy yêu cầu:",
     [("Điện", None, "2021-07-21", "Thường trực Ban Bí thư"),
      ("Công điện", "969/CĐ-TTg", "2021-07-19", "Thủ tướng Chính phủ")]),
    ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025"
     " của Ban Chỉ đạo Trung ương,",
     [("Nghị quyết", "57-NQ/TW", "2024-12-22", "Bộ Chính trị"),
      ("Kế hoạch", "02-KH/BCĐTW", "2025-06-19", "Ban Chỉ đạo Trung ương")]),
    ("Thực hiện Kết luận số 49-KL/TW ngày 28/02/2023 của Bộ Chính trị và ý kiến chỉ đạo của Thường trực Tỉnh ủy"
     " tại Thông báo số 1210-TB/TU ngày 03/3/2023,",
     [("Kết luận", "49-KL/TW", "2023-02-28", "Bộ Chính trị"), ("Thông báo", "1210-TB/TU", "2023-03-03", None)]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nCăn cứ Luật Lâm nghiệp ngày 15/11/2017;\n"
     "Căn cứ Nghị định số 156/2018/NĐ-CP ngày 16/11/2018 của Chính phủ;",
     [("Luật", None, "2015-06-19", None), ("Luật", None, "2017-11-15", None),
      ("Nghị định", "156/2018/NĐ-CP", "2018-11-16", "Chính phủ")]),
    ("Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ và Kết luận số 88-KL/TU, ngày 07-7-2021 của Ban"
     " Thường vụ Tỉnh ủy",
     [("Chỉ thị", "16/CT-TTg", "2020-03-31", "Thủ tướng Chính phủ"),
      ("Kết luận", "88-KL/TU", "2021-07-07", "Ban Thường vụ Tỉnh ủy")]),
    ("Nghị quyết số 12/NQ-CP ngày 12/02/2020 của Chính phủ và Công văn số 1145/BNN-TCTL ngày 20/02/2020 của Bộ"
     " Nông nghiệp và Phát triển nông thôn,",
     [("Nghị quyết", "12/NQ-CP", "2020-02-12", "Chính phủ"),
      ("Công văn", "1145/BNN-TCTL", "2020-02-20", "Bộ Nông nghiệp và Phát triển nông thôn")]),
    # a bare later mention takes the number of the full citation of the same type and serial
    ("Thực hiện Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ. Chỉ thị 16 nêu rõ",
     [("Chỉ thị", "16/CT-TTg", "2020-03-31", "Thủ tướng Chính phủ"),
      ("Chỉ thị", "16/CT-TTg", None, "Thủ tướng Chính phủ")]),
    ("Chỉ thị 05 và Chỉ thị số 05-CT/TU của Ban Thường vụ",
     [("Chỉ thị", "05-CT/TU", None, None), ("Chỉ thị", "05-CT/TU", None, "Ban Thường vụ")]),
    ("Nghị quyết 21 và Chỉ thị số 21-CT/TW", [("Nghị quyết", None, None, None), ("Chỉ thị", "21-CT/TW", None, None)]),
    # a law cited again by its title alone takes the date it was cited with
    ("Căn cứ Luật Lâm nghiệp ngày 15 tháng 11 năm 2017;\nCăn cứ Nghị định số 156/2018/NĐ-CP ngày 16 tháng 11 năm"
     " 2018 của Chính phủ quy định chi tiết thi hành một số điều của Luật Lâm nghiệp;",
     [("Luật", None, "2017-11-15", None), ("Nghị định", "156/2018/NĐ-CP", "2018-11-16", "Chính phủ"),
      ("Luật", None, "2017-11-15", None)]),
    ("Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị và Hướng dẫn số 26-HD/BTCTW của Ban Tổ chức Trung ương,"
     " Ban Thường vụ Tỉnh ủy ban hành Kế hoạch tổ chức đại hội",
     [("Chỉ thị", "35-CT/TW", "2024-06-14", "Bộ Chính trị"), ("Hướng dẫn", "26-HD/BTCTW", None,
                                                              "Ban Tổ chức Trung ương")]),
    ("Căn cứ Quyết định số 1/QĐ-UBND; Căn cứ Quyết định số 2/QĐ-UBND;",
     [("Quyết định", "1/QĐ-UBND", None, None), ("Quyết định", "2/QĐ-UBND", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), SEVERAL)
def test_several_citations(text: str, expected: list[tuple]) -> None:
    found = find_citations(text)
    assert [(c.type, c.number, c.date, c.issuer) for c in found] == expected
    for c in found:
        assert text[c.span[0]:c.span[1]] == c.quote


@pytest.mark.parametrize(("text", "relation"), [
    ("Thực hiện Chỉ thị số 16/CT-TTg", "implements"),
    ("thực hiện Chỉ thị số 16/CT-TTg", "implements"),
    ("Căn cứ Nghị quyết số 21/NQ-CP", "based_on"),
    ("căn cứ Nghị quyết số 21/NQ-CP", "based_on"),
    ("Triển khai Kế hoạch số 88-KH/TU", "implements"),
    ("Để triển khai Kế hoạch số 88-KH/TU", "implements"),
    ("Quán triệt Kết luận số 118-KL/TW", "implements"),
    ("tiếp tục thực hiện nghiêm Chỉ thị số 16/CT-TTg", "implements"),
    ("thực hiện theo Kế hoạch số 88-KH/TU", "implements"),
    ("Trên cơ sở Kết luận số 118-KL/TW", "based_on"),
    ("theo Chỉ thị số 16/CT-TTg", "cites"),
    ("Theo đề nghị của Sở Y tế tại Tờ trình số 118/TTr-SYT", "cites"),
    ("như Chỉ thị số 16/CT-TTg", "cites"),
    ("Chỉ thị số 16/CT-TTg", "cites"),
    ("Căn cứ Luật Phòng, chống bệnh truyền nhiễm", "based_on"),
    ("Thực hiện Nghị quyết số 1/NQ-CP và Công điện số 2/CĐ-TTg", "implements"),
    ("Thực hiện Nghị quyết số 1/NQ-CP; theo Công điện số 2/CĐ-TTg", "cites"),
    ("Căn cứ tình hình thực tế. Công điện số 2/CĐ-TTg", "cites"),
])
def test_relation(text: str, relation: str) -> None:
    assert find_citations(text)[-1].relation == relation


NOT_CITATIONS = [
    "các văn bản chỉ đạo của Trung ương",
    "theo hướng dẫn của Bộ Y tế",
    "thực hiện nghiêm yêu cầu 5K",
    "xây dựng kế hoạch cụ thể",
    "Công văn này",
    "Thông báo kết luận",
    "Thông báo kết luận.",
    "kết luận của đoàn kiểm tra",
    "Kết luận của Chủ tịch UBND tỉnh",
    "Chỉ thị",
    "Chỉ thị này được phổ biến đến chi bộ.",
    "Kế hoạch của đơn vị",
    "Kế hoạch như sau:",
    "Kế hoạch.",
    "Hướng dẫn các trang trại áp dụng chăn nuôi an toàn sinh học.",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Báo cáo 6 tháng đầu năm",
    "Báo cáo kết quả về Ban Thường vụ",
    "Kế hoạch 2021",
    "Điện Biên, ngày 12 tháng 3 năm 2021",
    "tỉnh Điện Biên, Hà Giang, Phú Thọ",
    "Công ty Điện lực của tỉnh",
    "Công văn của mình",
    "theo quy định số 30/2020/NĐ-CP",
    "quyết định số 5 người",
    "Luật sư tư vấn",
    "Luật quy định rõ",
    "Nghị quyết Đại hội đã đề ra",
    "chỉ thị 16",
    "nghị quyết số 16/CT-TTg",
    "Tờ trình",
    "Chương trình mục tiêu quốc gia",
    "Đề án của tỉnh",
    "Nghị quyết 2025",
    "",
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_citations(text: str) -> None:
    assert find_citations(text, ref=REF) == []


@pytest.mark.parametrize(("old", "new"), [
    ("Thực hiện Công văn số 12/UBND-VX ngày 3/4/2020 của Uỷ ban nhân dân tỉnh Hoà Bình về việc",
     "Thực hiện Công văn số 12/UBND-VX ngày 3/4/2020 của Ủy ban nhân dân tỉnh Hòa Bình về việc"),
    ("Kế hoạch số 88-KH/TU của Ban Thường vụ Tỉnh uỷ, Thường trực Huyện uỷ yêu cầu",
     "Kế hoạch số 88-KH/TU của Ban Thường vụ Tỉnh ủy, Thường trực Huyện ủy yêu cầu"),
    ("Công điện của Uỷ ban Kiểm tra Tỉnh uỷ về", "Công điện của Ủy ban Kiểm tra Tỉnh ủy về"),
    ("Căn cứ Quyết định số 5/QĐ-UBND của Chủ tịch Uỷ ban nhân dân tỉnh Khánh Hoà;",
     "Căn cứ Quyết định số 5/QĐ-UBND của Chủ tịch Ủy ban nhân dân tỉnh Khánh Hòa;"),
    ("Điện ngày 5/3/2021 của Thường trực Tỉnh uỷ, các huyện uỷ phải thực hiện",
     "Điện ngày 5/3/2021 của Thường trực Tỉnh ủy, các huyện ủy phải thực hiện"),
])
def test_tone_placement_gives_the_same_citation(old: str, new: str) -> None:
    a, b = find_citations(old), find_citations(new)
    assert len(a) == len(b) == 1
    assert (a[0].type, a[0].number, a[0].date, a[0].relation, a[0].span) == \
        (b[0].type, b[0].number, b[0].date, b[0].relation, b[0].span)
    assert a[0].issuer_span == b[0].issuer_span and a[0].issuer is not None
    assert a[0].quote == old[a[0].span[0]:a[0].span[1]]  # quotes keep the author's spelling


def test_range_and_offsets() -> None:
    text = "Mở đầu. Thực hiện Chỉ thị số 16/CT-TTg của Thủ tướng Chính phủ; Kế hoạch số 88-KH/TU."
    (c,) = find_citations(text, 0, 60)
    assert c.number == "16/CT-TTg" and c.relation == "implements"
    assert text[c.span[0]:c.span[1]] == c.quote
    (d,) = find_citations(text, text.index("Kế hoạch"))
    assert d.number == "88-KH/TU"
    assert text[d.span[0]:d.span[1]] == "Kế hoạch số 88-KH/TU"
    assert find_citations(text, 0, 10) == []


def test_issuer_spans_point_into_the_text() -> None:
    text = "Thực hiện Công điện số 02/CĐ-UBND, ngày 26/4/2021 của Uỷ ban nhân dân tỉnh, Ban Thường vụ Tỉnh ủy yêu cầu"
    (c,) = find_citations(text)
    assert c.issuer == "Uỷ ban nhân dân tỉnh"
    assert c.issuer_span is not None and text[c.issuer_span[0]:c.issuer_span[1]] == "Uỷ ban nhân dân tỉnh"
    assert c.relation == "implements"


def test_citation_is_frozen() -> None:
    (c,) = find_citations("Chỉ thị số 16/CT-TTg")
    assert isinstance(c, Citation)
    with pytest.raises(AttributeError):
        c.number = None  # type: ignore[misc]


@pytest.mark.parametrize(("line", "doc_type"), [
    ("THÔNG BÁO", "Thông báo"), ("THÔNG BÁO KẾT LUẬN", "Thông báo"), ("CÔNG ĐIỆN", "Công điện"),
    ("KẾ HOẠCH", "Kế hoạch"), ("CHỈ THỊ", "Chỉ thị"), ("QUYẾT ĐỊNH", "Quyết định"), ("QUY ĐỊNH", "Quy định"),
    ("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY", "Kết luận"), ("**HƯỚNG DẪN**", "Hướng dẫn"),
    ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "Chương trình hành động"), ("CHƯƠNG TRÌNH", "Chương trình"),
    ("NGHỊ QUYẾT", "Nghị quyết"), ("QUY CHẾ", "Quy chế"), ("BÁO CÁO", "Báo cáo"), ("TỜ TRÌNH", "Tờ trình"),
    ("ĐỀ ÁN", "Đề án"), ("CÔNG VĂN", "Công văn"), ("ĐIỆN", "Điện"), ("NGHỊ ĐỊNH", "Nghị định"),
    ("THÔNG TƯ", "Thông tư"), ("THÔNG TRI", "Thông tri"), ("LỜI KÊU GỌI", "Lời kêu gọi"),
    ("CÔNG ĐIỆN KHẨN", "Công điện"), ("CHỈ THỊ về tăng cường", "Chỉ thị"), ("QUYẾT ĐỊNH:", "Quyết định"),
    ("GIẤY UỶ QUYỀN", "Giấy ủy quyền"), ("GIẤY ỦY QUYỀN", "Giấy ủy quyền"),
    ("TỈNH ỦY LAI CHÂU", None), ("ĐẢNG CỘNG SẢN VIỆT NAM", None), ("Kế hoạch", None), ("BAN CHỈ ĐẠO", None),
    ("ĐIỆN BIÊN", None), ("ĐIỆN BIÊN, ngày 12 tháng 3 năm 2021", None), ("QUYẾT ĐỊNHX", None), ("", None),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None), ("KÍNH GỬI", None),
])
def test_doc_type_from_title(line: str, doc_type: str | None) -> None:
    assert doc_type_from_title(line) == doc_type


@pytest.mark.parametrize(("code", "family", "doc_type"), [
    ("CV", None, "Công văn"), ("CT", None, "Chỉ thị"), ("CĐ", None, "Công điện"), ("KH", None, "Kế hoạch"),
    ("TB", None, "Thông báo"), ("KL", None, "Kết luận"), ("NQ", None, "Nghị quyết"), ("QĐ", None, "Quyết định"),
    ("HD", None, "Hướng dẫn"), ("TTr", None, "Tờ trình"), ("QĐi", None, "Quy định"), ("QyĐ", None, "Quy định"),
    ("CTHĐ", None, "Chương trình hành động"), ("CTr", None, "Chương trình"), ("NĐ", None, "Nghị định"),
    ("BS", None, "Bản sao"), ("ĐA", None, "Đề án"),
    ("TT", None, None), ("TT", "party", "Thông tri"), ("TT", "state", "Thông tư"),
    ("XYZ", None, None), (None, None, None), ("", None, None), ("cv", None, None),
])
def test_doc_type_from_code(code: str | None, family: str | None, doc_type: str | None) -> None:
    assert doc_type_from_code(code, family) == doc_type


FRAGMENTS = ["Chỉ thị", "chỉ thị", "Công điện", "Điện", "Luật", "Nghị quyết", "Kế hoạch", " số ", "16", "/", "-",
             "CT", "TTg", "TU", "ngày", "26/4/2021", " của ", "Thủ tướng Chính phủ", "UBND tỉnh", " về ", " và ",
             ", ", ".", ";", "Thực hiện ", "Căn cứ ", "Uỷ ban", "Ủy ban", " ", "\n", "(", "yêu cầu", "TP.", "Đại hội",
             "lần thứ", "XIX"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from([None, REF]))
def test_never_raises_on_any_text(text: str, ref: dt.date | None) -> None:
    for c in find_citations(text, ref=ref):
        assert text[c.span[0]:c.span[1]] == c.quote
    doc_type_from_title(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join), st.sampled_from([None, REF]),
       st.integers(0, 20))
def test_spans_quote_and_stay_in_range(text: str, ref: dt.date | None, start: int) -> None:
    end = len(text) - start // 2
    for c in find_citations(text, start, end, ref=ref):
        assert text[c.span[0]:c.span[1]] == c.quote
        assert start <= c.span[0] < c.span[1] <= max(end, start)
        assert c.relation in ("implements", "based_on", "cites")
        if c.issuer_span is not None:
            assert text[c.issuer_span[0]:c.issuer_span[1]] == c.issuer
        if c.date is not None:
            dt.date.fromisoformat(c.date)
