"""Seeded generator of realistic directives for benchmarks (Party and state, many provinces).

Each document follows the anatomy of real ones (header, number, place-date, title or V/v subject,
Kính gửi list, preamble citing a central document, numbered items with assignees, lead/cooperate
pairs, accountability, reporting with a cadence, deadlines, Nơi nhận, signature) and carries the
noise of converted files (markdown bold, hard line breaks, old tone placement, spaced numbers, page
numbers). Sizes land between about 5 and 12 KB.

    python bench/corpus.py --docs 1000 --out /tmp/corpus --seed 7
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

PROVINCES = [
    "Lai Châu", "Điện Biên", "Sơn La", "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn", "Quảng Ninh", "Bắc Giang",
    "Thái Nguyên", "Phú Thọ", "Yên Bái", "Tuyên Quang", "Hòa Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
    "Quảng Bình", "Quảng Trị", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Gia Lai",
    "Đắk Lắk", "Lâm Đồng", "Bình Dương", "Đồng Nai", "Tây Ninh", "Long An", "Tiền Giang", "Bến Tre",
    "Vĩnh Long", "An Giang", "Kiên Giang", "Cà Mau", "Bạc Liêu", "Sóc Trăng", "Hậu Giang",
]

TOPICS = [
    ("phòng, chống dịch Covid-19", "dịch bệnh", "Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ"),
    ("phòng, chống bệnh Dịch tả lợn châu Phi", "dịch tả lợn châu Phi",
     "Công điện số 04/CĐ-TTg ngày 25/02/2020 của Thủ tướng Chính phủ"),
    ("chủ động ứng phó với bão số 3", "bão, lũ", "Công điện số 85/CĐ-TTg ngày 06/9/2024 của Thủ tướng Chính phủ"),
    ("lãnh đạo cuộc bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp", "công tác bầu cử",
     "Chỉ thị số 45-CT/TW ngày 20/6/2020 của Ban Bí thư"),
    ("đẩy mạnh chuyển đổi số", "chuyển đổi số", "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"),
    ("tăng cường phòng cháy, chữa cháy rừng", "cháy rừng", "Chỉ thị số 13-CT/TW ngày 12/01/2017 của Ban Bí thư"),
    ("đẩy mạnh cải cách hành chính", "cải cách hành chính", "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"),
    ("phòng, chống hạn hán, xâm nhập mặn", "hạn hán, xâm nhập mặn",
     "Công điện số 252/CĐ-TTg ngày 23/3/2024 của Thủ tướng Chính phủ"),
    ("phòng, chống sốt xuất huyết", "sốt xuất huyết", "Chỉ thị số 14/CT-BYT ngày 10/7/2023 của Bộ Y tế"),
]

PARTY_BODIES = [
    "Ban Tuyên giáo Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "Ban Tổ chức Tỉnh ủy", "Ban Nội chính Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy", "Văn phòng Tỉnh ủy", "Ban cán sự đảng Ủy ban nhân dân tỉnh",
    "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đảng ủy Quân sự tỉnh", "Đảng ủy Công an tỉnh",
    "Ban Thường vụ Tỉnh đoàn", "các huyện ủy, thành ủy, đảng ủy trực thuộc",
]
STATE_BODIES = [
    "Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Công Thương", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Ủy ban nhân dân các huyện, thành phố", "Báo và Phát thanh, Truyền hình tỉnh",
]
POSTS = ["Chủ tịch Ủy ban nhân dân các huyện, thành phố", "Giám đốc các sở, ban, ngành", "bí thư các huyện ủy, thành ủy",
         "Thủ trưởng các cơ quan, đơn vị"]
VERBS = ["tập trung chỉ đạo", "khẩn trương triển khai", "chủ động xây dựng kế hoạch", "tăng cường kiểm tra, giám sát",
         "thường xuyên theo dõi, đôn đốc", "tổ chức quán triệt", "rà soát, bổ sung"]
TASKS = [
    "các giải pháp {t} phù hợp với tình hình thực tế của địa phương, đơn vị",
    "công tác thông tin, tuyên truyền về {t} đến từng thôn, bản, tổ dân phố",
    "việc bố trí kinh phí, nhân lực, phương tiện phục vụ công tác {t}",
    "phương án huy động lực lượng tại chỗ, sẵn sàng ứng phó với mọi tình huống {t}",
    "việc xử lý nghiêm các tổ chức, cá nhân vi phạm quy định về {t}",
]
FILLER = [
    "Quá trình thực hiện phải bảo đảm đúng quy định, công khai, minh bạch, tránh hình thức, lãng phí.",
    "Kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích tiêu biểu; chấn chỉnh những nơi còn chủ quan, lơ là.",
    "Phát huy vai trò của người đứng đầu, tinh thần trách nhiệm của cán bộ, đảng viên và sự tham gia của Nhân dân.",
    "Không để xảy ra tình trạng đùn đẩy trách nhiệm, chậm trễ trong tổ chức thực hiện.",
    "Chú trọng công tác phối hợp giữa các cơ quan, đơn vị, địa phương trong quá trình triển khai.",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Minh Đức", "Hoàng Thị Hà", "Giàng Páo Mỷ",
         "Lò Văn Hùng", "Vũ Đức Long", "Đỗ Thị Mai", "Bùi Quang Nam", "Hà Trọng Hải", "Tống Thanh Hải"]
CADENCES = ["định kỳ hằng tuần", "định kỳ hằng tháng", "hằng quý", "thường xuyên", "định kỳ hằng năm"]
OLD_TONES = {"ủy": "uỷ", "Ủy": "Uỷ", "hòa": "hoà", "Hòa": "Hoà", "thủy": "thuỷ"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrap(text: str, rnd: random.Random) -> str:
    """Hard line breaks mid-sentence, as converters leave them."""
    if rnd.random() > 0.3 or len(text) < 120:
        return text
    cut = text.find(" ", rnd.randrange(60, min(len(text) - 20, 140)))
    if cut <= 0 or not text[cut + 1:cut + 2].islower():
        return text
    return text[:cut] + "\n" + text[cut + 1:]


def directive(i: int, rnd: random.Random) -> str:
    province = rnd.choice(PROVINCES)
    party = rnd.random() < 0.5
    year = rnd.randint(2019, 2026)
    month, day = rnd.randint(1, 12), rnd.randint(1, 28)
    subject, topic, cited = rnd.choice(TOPICS)
    serial = rnd.randint(1, 2999)
    bold = rnd.random() < 0.3
    lines: list[str] = []
    if party:
        number = f"Số {serial} - CV/TU" if rnd.random() < 0.2 else f"Số {serial}-CV/TU"
        lines += [f"TỈNH ỦY {province.upper()}", "", "*", "", number,
                  f"V/v {subject}", "", "ĐẢNG CỘNG SẢN VIỆT NAM", ""]
        authority, signer_title, capacity = "Ban Thường vụ Tỉnh ủy", rnd.choice(["BÍ THƯ", "PHÓ BÍ THƯ"]), "T/M BAN THƯỜNG VỤ"
        speaker = "Ban Thường vụ Tỉnh ủy yêu cầu"
        bodies = PARTY_BODIES + STATE_BODIES[:4]
    else:
        kind = rnd.choice(["CT", "CĐ", "KH"])
        title = {"CT": "CHỈ THỊ", "CĐ": "CÔNG ĐIỆN", "KH": "KẾ HOẠCH"}[kind]
        lines += ["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Độc lập - Tự do - Hạnh phúc", "", f"Số: {serial:02d}/{kind}-UBND", "", ""]
        lines += [title, "", f"Về việc {subject}", ""]
        authority, signer_title, capacity = "Ủy ban nhân dân tỉnh", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"
        speaker = "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu"
        bodies = STATE_BODIES + PARTY_BODIES[6:8]
    lines.insert(len(lines) - 1 if party else 7, f"{province}, ngày {day:02d} tháng {month:02d} năm {year}")
    recipients = rnd.sample(bodies, 4)
    lines += ["Kính gửi:"] + [f"- {b}{';' if k < 3 else '.'}" for k, b in enumerate(recipients)] + [""]
    lines.append(_wrap(f"Thực hiện {cited} về {subject}; để chủ động triển khai đồng bộ, hiệu quả các nhiệm vụ, "
                       f"giải pháp trên địa bàn tỉnh trong thời gian tới, {speaker}:", rnd))
    lines.append("")
    for k in range(1, rnd.randint(7, 12) + 1):
        marker = f"**{k}.**" if bold else f"{k}."
        who = rnd.sample(bodies, rnd.randint(1, 3))
        verb = rnd.choice(VERBS)
        task = rnd.choice(TASKS).format(t=topic)
        roll = rnd.random()
        if roll < 0.3:
            lead, coop = who[0], ", ".join(rnd.sample(bodies, 2))
            sentence = f"Giao {lead} chủ trì, phối hợp với {coop} {verb} {task}."
        elif roll < 0.45:
            sentence = f"{_cap(rnd.choice(POSTS))} {verb} {task}."
        else:
            sentence = f"{', '.join(who)} {verb} {task}."
        extra = " ".join(rnd.sample(FILLER, rnd.randint(3, 5)))
        lines.append(_wrap(f"{marker} {sentence} {extra}", rnd))
        if rnd.random() < 0.35:
            lines.append("")
            lines.append(f"{_cap(rnd.choice(POSTS))} chịu trách nhiệm trước "
                         f"{authority} nếu để xảy ra sai sót trong công tác {topic} trên địa bàn.")
        if rnd.random() < 0.3:
            lines.append("")
            lines.append(f"- Hoàn thành việc rà soát {topic} trước ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year}.")
        lines.append("")
        if rnd.random() < 0.05:
            lines += [str(rnd.randint(2, 9)), ""]
    lines.append(f"Đề nghị các cơ quan, đơn vị, địa phương triển khai thực hiện, {rnd.choice(CADENCES)} báo cáo "
                 f"{authority} (qua Văn phòng) kết quả thực hiện.")
    lines += ["", "Nơi nhận:", "- Như trên;", "- Thường trực Tỉnh ủy (để báo cáo);", "- Lưu VT.", "",
              capacity, signer_title, "", rnd.choice(NAMES)]
    text = "\n".join(lines)
    if rnd.random() < 0.3:
        for new, old in OLD_TONES.items():
            text = text.replace(new, old)
    return text


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` directives into ``out`` (created); the same seed always gives the same files."""
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out / f"{i:06d}.txt"
        path.write_text(directive(i, rnd), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.docs, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} directives, {size / 1e6:.1f} MB, to {args.out}")


if __name__ == "__main__":
    main()
