"""The shape of a mention: plural or a list, national or local, its body kind and its level."""

from __future__ import annotations

import datetime as dt
import re

from chidao.loaders.normalize import match_key
from chidao.resolution.provinces import _is_city

PLURAL_LEAD = re.compile(r"^(?:các|những|mọi|toàn thể)\s")
PLURAL_MID = re.compile(
    r"(?<![\w])(?:các|những)\s+(?:cấp|huyện|xã|tỉnh|thành phố|thị xã|phường|thị trấn|quận|sở|ban|bộ|ngành|cơ quan|"
    r"đơn vị|địa phương|huyện ủy|thành ủy|thị ủy|đảng ủy|cấp ủy|chi bộ|tổ chức|đoàn thể|hội|doanh nghiệp|trường|"
    r"lực lượng|đồn|phòng|ủy ban|hội đồng|ban chỉ đạo|đảng đoàn|ban cán sự|ông|bà|đồng chí|thành viên|phó|"
    r"đại biểu|thôn|bản|khối|đảng bộ|chính quyền)(?![\w])")
"""Several bodies or holders: a leading "các"/"những", or "các" before a collective noun
("Ủy ban nhân dân các huyện", "… các cấp") — but not "Ban Quản lý các khu công nghiệp"."""


def _plural(key: str) -> bool:
    return bool(PLURAL_LEAD.match(key) or PLURAL_MID.search(key))

BODY_HEAD = re.compile(
    r"^(?:các\s+|những\s+)?(?:sở|ban|bộ|ủy ban|hội đồng|hội|đảng ủy|đảng đoàn|đảng bộ|chi bộ|tỉnh ủy|huyện ủy|"
    r"thành ủy|thị ủy|quận ủy|cấp ủy|tổ chức đảng|tỉnh đoàn|thành đoàn|huyện đoàn|đoàn thể|đoàn|công an|quân sự|"
    r"bộ chỉ huy|biên phòng|văn phòng|mặt trận|liên đoàn|liên hiệp|trường|viện|tòa án|cục|chi cục|tổng cục|"
    r"phòng|trung tâm|báo|đài|kho bạc|bảo hiểm|thanh tra|công ty|tổng công ty|ngân hàng|chính phủ|quốc hội|"
    r"thủ tướng|thường trực|chính quyền|cơ quan|đơn vị|địa phương|ngành|tổ công tác)(?![\w])")
"""Words that start a body name: two or more list parts starting so make a list of bodies
("Sở Y tế, Sở Tài chính"), while "Sở Văn hóa, Thể thao và Du lịch" stays one body."""

LIST_SPLIT = re.compile(r"\s*[,;]\s*|\s+và\s+")

LOCAL_WORDS = re.compile(
    r"(?<![\w])(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|thị xã|quận|tỉnh ủy|huyện ủy|thành ủy|thị ủy|quận ủy|"
    r"đảng ủy xã|cơ sở|địa phương|sở|thôn|bản|tổ dân phố)(?![\w])")
NATIONAL_HINT = re.compile(r"(?<![\w])(?:trung ương|chính phủ|quốc hội|quốc gia|ban bí thư|bộ chính trị|"
                           r"thủ tướng|toàn quốc)(?![\w])")
MINISTRY = re.compile(r"^(?:các\s+)?bộ(?:\s|,|:|$)(?!chỉ huy|đội|phận|môn)")

COMMUNE_WORDS = re.compile(r"(?<![\w])(?:xã|phường|thị trấn|cơ sở|thôn|bản|tổ dân phố|đặc khu)(?![\w])")
DISTRICT_WORDS = re.compile(r"(?<![\w])(?:huyện|quận|thị xã|huyện ủy|quận ủy|thị ủy|huyện đoàn)(?![\w])")
CITY_DISTRICT_WORDS = re.compile(r"(?<![\w])(?:thành phố|thành ủy|thành đoàn)(?![\w])")
PROVINCE_WORDS = re.compile(r"(?<![\w])(?:tỉnh|tỉnh ủy|tỉnh đoàn|sở|cấp tỉnh)(?![\w])")
ALL_LEVELS = re.compile(r"(?<![\w])các cấp(?![\w])")

BODY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("party", re.compile(r"^(?:ban cán sự đảng|đảng đoàn|đảng ủy|đảng bộ|chi bộ|tỉnh ủy|huyện ủy|thành ủy|thị ủy|"
                         r"quận ủy|cấp ủy|tổ chức đảng|ban chấp hành (?:đảng|trung ương)|ban bí thư|bộ chính trị|"
                         r"thường trực ban bí thư|ủy ban kiểm tra|quân ủy|"
                         r"(?:ban thường vụ|thường trực|thường vụ|văn phòng|ban [^,]*?) (?:tỉnh|huyện|thành|thị|quận) ủy)"
                         r"|(?:tỉnh|huyện|thành|thị|quận) ủy$|trung ương đảng")),
    ("force", re.compile(r"^(?:công an|bộ chỉ huy|ban chỉ huy quân sự|chỉ huy quân sự|quân sự|bộ đội|đồn biên phòng|"
                         r"biên phòng|lực lượng vũ trang|dân quân)")),
    ("steering", re.compile(r"^(?:ban chỉ đạo|ban chỉ huy|tổ công tác|trung tâm chỉ huy|hội đồng thi đua|"
                            r"tiểu ban|ban vận động)")),
    ("front", re.compile(r"mặt trận|^hội |^liên đoàn|^liên hiệp|đoàn thanh niên|^(?:tỉnh|huyện|thành) đoàn|"
                         r"đoàn thể|tổ chức chính trị|^ban thường vụ (?:tỉnh|huyện|thành) đoàn|^công đoàn")),
    ("state", re.compile(r"ủy ban nhân dân|hội đồng nhân dân|^sở |^bộ |chính phủ|quốc hội|thủ tướng|chính quyền|"
                         r"^phòng |^chi cục|^cục |^tổng cục|^thanh tra|^tòa án|^viện kiểm sát|^kho bạc|^bảo hiểm|"
                         r"^trung tâm|^ban quản lý|^trường|^bệnh viện|^đài |^báo |^ban dân tộc|^văn phòng ủy ban")),
    ("party", re.compile(r"ủy$|^ban .*ủy|^văn phòng .*ủy")),
)


def _body_kind(key: str) -> str | None:
    key = PLURAL_LEAD.sub("", key, count=1).strip()
    for name, pattern in BODY_KINDS:
        if pattern.search(key):
            return name
    return None


def _level(key: str, ctx_scope: str | None, date: dt.date | None) -> str | None:
    """Administrative level from the words of a name; None when the name does not say."""
    if ALL_LEVELS.search(key):
        return None
    if COMMUNE_WORDS.search(key):
        return "commune"
    if DISTRICT_WORDS.search(key):
        return "district"
    if PROVINCE_WORDS.search(key):  # "các tỉnh, thành phố": provinces and centrally run cities
        return "province"
    if CITY_DISTRICT_WORDS.search(key):
        return "province" if _is_city(ctx_scope, date) else "district"
    return None


def _is_list(text: str) -> bool:
    """Several bodies joined by commas, semicolons or "và" (each part starts like a body name)."""
    parts = [p for p in LIST_SPLIT.split(match_key(text)) if p]
    return len(parts) > 1 and sum(1 for p in parts if BODY_HEAD.match(p)) > 1


def _national(key: str) -> bool:
    return (bool(NATIONAL_HINT.search(key)) or bool(MINISTRY.match(key))) and not LOCAL_WORDS.search(key)
