"""Canonical capitalisation of names, and the cleaning of a mention (purposes, honorifics,
abbreviations, placeholders)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chidao.loaders.normalize import fold_tones, match_key
from chidao.resolution.aliases import expand
from chidao.resolution.data import CACHE, _words_pattern
from chidao.resolution.lexicon import _lexicon
from chidao.resolution.provinces import provinces
from chidao.resolution.titles import _titles


@lru_cache(maxsize=1)
def _casing() -> tuple[re.Pattern[str], dict[str, str]]:
    """Canonical capitalisation of known phrases (lexicon names, titles, provinces). Where two
    spellings share a key, the canonical name wins over an alias ("Tỉnh đoàn", not "Tỉnh Đoàn")."""
    names: list[str] = list(EXTRA_CASING)
    aliases: list[str] = []
    national, local, _ = _lexicon()  # not the city forms: "các huyện ủy, thành ủy" stays lower-case
    for table in (national, local):
        for entries in table.values():
            for e in entries:
                names.append(e.name)
                aliases.extend(e.aliases)
    for _, t in _titles():  # not "Trưởng ban": "Trưởng Ban Tuyên giáo" keeps the ban's capital
        if not t.bare and t.title.split()[-1].lower() not in ("ban", "phòng", "đoàn"):
            names.append(t.title)
            if t.written != t.title:
                aliases.append(t.written)
    for p in provinces().values():  # names only: "thành phố Huế" inside a list stays lower-case
        names.append(p.name)
        aliases.extend(a for a in p.aliases if not re.match(r"(?i)(?:thành phố|tp|thủ đô)\b", a))
    table: dict[str, str] = {}
    for phrase in [*sorted(set(names)), *sorted(set(aliases))]:
        key = match_key(phrase)
        if key and not re.match(r"(?i)(?:thành phố|tp|thủ đô)\b", phrase):
            table.setdefault(key, fold_tones(phrase))
    alternatives = "|".join(_words_pattern(k) for k in sorted(table, key=lambda k: (-len(k), k)))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.I), table


EXTRA_CASING = ("Ban Chỉ đạo", "Ban Chỉ huy", "Ban Thường vụ", "Ban Chấp hành", "Ban Thường trực",
                "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc",
                "Việt Nam", "Trung ương", "Covid-19", "Hồ Chí Minh", "Đảng ủy Khối", "Ủy ban Kiểm tra",
                "Liên đoàn Lao động", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh",
                "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Công an", "Bộ Chỉ huy Quân sự", "Bộ đội Biên phòng")


@lru_cache(maxsize=CACHE)
def _display(text: str, capitalise: bool = True) -> str:
    """Canonical capitalisation: known phrases as in the lexicon, a heading in capitals lowered
    first, the first letter upper-case; new tone placement throughout."""
    text = fold_tones(text)
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 3 and not any(c.islower() for c in letters):
        text = text.lower()
    pattern, table = _casing()
    text = pattern.sub(lambda m: table.get(" ".join(m.group().lower().split()), m.group()), text)
    if capitalise:
        for i, c in enumerate(text):
            if c.isalpha():
                return text[:i] + c.upper() + text[i + 1:]
    return text


# --- cleaning --------------------------------------------------------------------------------------

PURPOSE = re.compile(
    r"\s*\((?:để\s+)?(?:b/c|t/h|p/h|báo\s+cáo|biết|thực\s+hiện|chỉ\s+đạo|phối\s+hợp|theo\s+dõi|giám\s+sát|"
    r"kiểm\s+tra|tổng\s+hợp|đăng\s+tải|đưa\s+tin|tuyên\s+truyền|xem\s+xét)\b[^()]*\)\s*$", re.I)
"""A Nơi nhận purpose at the end of a mention: "(để báo cáo)", "(b/c)", "(để biết, thực hiện)"."""

HONORIFIC = re.compile(r"^(?:(các|những)\s+)?(?:đồng\s+chí|đ/c|đ\.c)(?:\s+|$)", re.I)
"""Leading "Đồng chí", "các đồng chí", "đ/c": dropped from the name; "các" marks several people."""

EDGE_CHARS = " \t\n-–•+,;.:*/"
PLACEHOLDER = re.compile(r"^(?:như\s+(?:trên|kính\s+gửi|điều|mục|khoản|thành\s+phần)|lưu(?!\s+trữ)(?:\s|:|$)|cp\.|bản\s+sao)",
                         re.I)
"""Nơi nhận lines that name no body: "Như trên", "Như kính gửi", "Như Điều 3", "Lưu VT, NC"."""


def is_placeholder(mention: str) -> bool:
    """A Nơi nhận line that points back or files a copy, not a body ("Như trên", "Lưu: VT")."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", mention or "")).strip(EDGE_CHARS)
    return bool(PLACEHOLDER.match(text))


@lru_cache(maxsize=CACHE)
def _clean(mention: str) -> tuple[str, bool, bool]:
    """(cleaned text, honorific seen, several people) — NFC, tones folded, abbreviations written out."""
    text = unicodedata.normalize("NFC", mention if isinstance(mention, str) else str(mention))
    text = re.sub(r"\s+", " ", text).strip(EDGE_CHARS)
    text = PURPOSE.sub("", text).strip(EDGE_CHARS)
    text = expand(fold_tones(text))
    honorific = plural = False
    while m := HONORIFIC.match(text):  # all of them: "đồng chí đồng chí X" would not be idempotent
        honorific, plural = True, plural or m.group(1) is not None
        text = text[m.end():].lstrip(EDGE_CHARS)
    return re.sub(r"\s+", " ", text).strip(EDGE_CHARS), honorific, plural
