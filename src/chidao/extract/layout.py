"""Stage 1: split the normalised text into lines and the regions of a directive.

A directive reads top to bottom as header (issuer, number, title, place and date, subject),
``Kính gửi`` block, body, ``Nơi nhận`` block and signature block; converted files flatten the two
columns but keep that order closely enough that anchors find each region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chidao.extract.citations import doc_type_from_title
from chidao.extract.lexicon import folded_lower


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()  # not a cached_property: in 3.11 its lock costs more than the strip


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    header: tuple[int, int]  # line index range [a, b)
    kinh_gui: tuple[int, int] | None
    body: tuple[int, int]
    closing: tuple[int, int]  # Nơi nhận + signature: everything after the body

    def region_lines(self, span: tuple[int, int] | None) -> tuple[Line, ...]:
        return self.lines[span[0]:span[1]] if span else ()


KINH_GUI = re.compile(r"^[-–\s]*(?:kính (?:gửi|trình)|[^:\n]{3,80}?\sđiện)\s*:", re.IGNORECASE)
"""The addressee block: "Kính gửi:", "Kính trình:", or a công điện's "THỦ TƯỚNG CHÍNH PHỦ điện:"."""
NOI_NHAN = re.compile(r"^[-\s]*nơi nhận\s*:?", re.IGNORECASE)
CAPACITY = re.compile(r"^(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+\S", re.UNICODE)
BODY_OPENERS = re.compile(
    r"^(?:căn cứ|thực hiện|triển khai thực hiện|theo đề nghị|thời gian qua|trong thời gian|nhằm|để|qua|ngày \d|trên cơ sở|"
    r"thường trực|ban thường vụ|ủy ban nhân dân|ubnd|chủ tịch)\b", re.IGNORECASE)
ITEM_START = re.compile(r"^(?:[IVXLC]+[.-]|\d+(?:\.\d+)*[.)-]|[a-zđ]\)|Điều \d+|Phần [IVXLC\d]+)\s", re.UNICODE)
NATIONAL_TITLE = re.compile(r"đảng cộng sản việt nam|cộng hòa xã hội chủ nghĩa việt nam|độc lập - tự do", re.I)


def split_lines(text: str) -> tuple[Line, ...]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return tuple(lines)


CAPS_OPENING = re.compile(r"^[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]{2,}\b")


SUBJECT_OPENING = re.compile(r"^(?:V/v|Về việc|về việc|Về|về)\b")


def _is_prose(line: Line) -> bool:
    """A paragraph of running text: long, punctuated as sentences — not a title or subject line that
    merely got long ("Về việc tăng cường …", "Triển khai công tác bầu cử … trên địa bàn tỉnh")."""
    s = line.stripped
    if len(s) < 100 or CAPS_OPENING.match(s) or SUBJECT_OPENING.match(s):
        return False
    if not (s.endswith((".", ":", ";", "…", "!", "?")) or ". " in s):
        return False
    return not NATIONAL_TITLE.search(folded_lower(s))


def find_layout(text: str) -> Layout:
    lines = split_lines(text)
    n = len(lines)
    folded = folded_lower(text)  # once per document; lines are slices of it
    kg = next((i for i, ln in enumerate(lines) if KINH_GUI.match(folded[ln.start:ln.end].strip())), None)
    kinh_gui = None
    if kg is not None:
        end = kg + 1
        j = kg + 1
        while j < n:
            s = lines[j].stripped
            if not s:
                j += 1
                continue
            if s.startswith(("-", "+", "•")) and len(s) < 250:
                end = j + 1
                j += 1
                continue
            break
        kinh_gui = (kg, end)
        header_end = kg
        body_start = end
    else:
        body_start = _first_body_line(lines, _last_header_anchor(lines, folded))
        header_end = body_start
    close = _closing_start(lines, body_start, folded)
    return Layout(lines=lines, header=(0, header_end), kinh_gui=kinh_gui, body=(body_start, close),
                  closing=(close, n))


ANCHOR_LINE_MAX = 120
"""A header line is short; "Căn cứ Điều lệ Đảng Cộng sản Việt Nam; …" names the Party in a sentence."""
HEADER_SCAN = 40
"""Lines from the top where a header can still start (after a web page's banner and menus)."""
HEADER_ANCHOR = re.compile(r"^(?:số\s*:?\s*\d|s:\s*\d)|^[^,]{2,40},\s*ngày\s+\d{1,2}\s+tháng", re.IGNORECASE)


def _last_header_anchor(lines: tuple[Line, ...], folded: str) -> int:
    """Index after the last national title, number or place-date line near the top (0 if none):
    the body cannot start before the header ends, however long the page's preamble ("Để sử dụng toàn
    bộ tiện ích … vui lòng đăng ký gói cước.")."""
    last = 0
    for i, line in enumerate(lines[:HEADER_SCAN]):
        s = folded[line.start:line.end].strip()
        if len(s) <= ANCHOR_LINE_MAX and (NATIONAL_TITLE.search(s) or HEADER_ANCHOR.match(s)):
            last = i + 1
    return last


def _first_body_line(lines: tuple[Line, ...], start: int = 0) -> int:
    previous = ""
    for i, line in enumerate(lines[start:], start):
        s = line.stripped
        if not s:
            continue
        after_title, previous = _is_type_title(previous), s
        if after_title and not s.endswith((".", ":", ";")):
            continue  # "KẾ HOẠCH" / "Triển khai thực hiện Chương trình …": the subject, not the body
        low = folded_lower(s)
        opener = BODY_OPENERS.match(low) and len(s) > 40 and not CAPS_OPENING.match(s)  # not a caps subject
        if _is_prose(line) or (ITEM_START.match(s) and i > 0) or opener:
            return i
    return len(lines)


def _is_type_title(line: str) -> bool:
    return bool(line) and line.upper() == line and doc_type_from_title(line) is not None


def _closing_start(lines: tuple[Line, ...], body_start: int, folded: str) -> int:
    for i in range(body_start, len(lines)):
        if NOI_NHAN.match(folded[lines[i].start:lines[i].end].strip()):
            return i
    # No "Nơi nhận": the closing is the run of signature-like lines at the very end.
    i = len(lines)
    while i > body_start and _signature_like(lines[i - 1].stripped):
        i -= 1
    return i


SIGNATURE_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][^\s\d.,;:]*\s?){2,5}$")
CODE_LINE = re.compile(r"^[\w.]+(?:[-/][\w.]+){2,}$")


def _signature_like(s: str) -> bool:
    """Blank, a capacity line, a short line in capitals, a person's name, or a typist code."""
    if not s:
        return True
    letters = "".join(filter(str.isalpha, s))  # by C calls, not a Python step per character
    caps = bool(letters) and sum(map(str.isupper, letters)) / len(letters) >= 0.7
    return bool(CAPACITY.match(s) or (caps and len(s) <= 60) or SIGNATURE_NAME.match(s) or CODE_LINE.match(s))
