"""Citations of other documents: ``<Type> số <number>, ngày <date> của <issuer> về <subject>``.

A citation needs a capitalised type word and either a number, or — for the types that are often
cited without one (Điện, Công điện, Công văn, Kết luận, Thông báo) — a date or an issuer; generic
lower-case uses ("các văn bản chỉ đạo", "theo hướng dẫn của Bộ Y tế") are not citations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from chidao.extract import numbers
from chidao.extract.dates import find_dates
from chidao.extract.lexicon import folded_lower, np_stops

TYPE_WORDS = (
    "Chương trình hành động", "Chương trình", "Nghị quyết", "Quyết định", "Chỉ thị", "Kết luận", "Công điện",
    "Công văn", "Kế hoạch", "Thông báo", "Hướng dẫn", "Quy định", "Quy chế", "Đề án", "Luật", "Nghị định",
    "Thông tư", "Báo cáo", "Tờ trình", "Thông tri", "Điện",
)
NUMBERLESS_OK = ("Điện", "Công điện", "Công văn", "Kết luận", "Thông báo")

NUMBER = r"\d{1,5}\s*[-/]\s*(?:(?:19|20)\d{2}\s*/\s*)?[A-ZĐ][A-Za-zĐđƯư0-9&]*(?:\s*[-/]\s*[A-ZĐƯ][A-Za-zĐđƯư0-9&]*)*"
DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"

CITATION = re.compile(
    rf"(?<![\w])(?P<type>{'|'.join(TYPE_WORDS)})(?![\w])"
    rf"(?:\s+(?:số|Số))?(?:\s*(?P<number>{NUMBER})|\s+(?P<bare>\d{{1,5}})(?![\d/-]))?"
    rf"(?P<date>\s*,?\s*(?:ban hành\s+)?ngày\s+(?:{DATE}))?"
    rf"(?:\s*,?\s+của\s+(?P<issuer>[^;.,()\n]+?)(?=\s+(?:về|nhằm|để|theo|đã|phải|và các|trong|tại|với|thì|cho|khi|nếu)\s"
    rf"|\s+và\s+(?:{'|'.join(TYPE_WORDS)})(?![\w])|[;.,()\n]|$))?"
)
"""Type word, optional ``số``, number (or a bare serial), ``ngày`` date, ``của`` issuer."""

LAW_TITLE = re.compile(r"Luật\s+(?P<title>[A-ZĐ][\wđ]*(?:,?\s+(?!(?:năm|số|ngày)\s)[\wđ-]+){0,8}?)(?=\s*[;.(\n]|\s+(?:năm|số|ngày)\s|\s*$)")
RELATION_CUE = re.compile(r"(?P<cue>Thực hiện|thực hiện|Căn cứ|căn cứ|Triển khai|triển khai)\b[^;.]{0,60}$")


@dataclass(frozen=True)
class Citation:
    type: str | None
    number: str | None
    date: str | None
    issuer: str | None
    issuer_span: tuple[int, int] | None
    subject: str | None
    relation: str  # implements | based_on | cites
    span: tuple[int, int]
    quote: str


def _trim_issuer(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut the issuer phrase at the first verb (``Chính phủ phải thực hiện`` → ``Chính phủ``)."""
    folded = folded_lower(text[start:end])
    for m in np_stops().finditer(folded):
        if m.start() > 0 and text[start + m.start()].islower():
            end = start + m.start()
            break
    while end > start and text[end - 1] in " ,-":
        end -= 1
    return start, end


def _relation(text: str, start: int) -> str:
    window = text[max(0, start - 80):start]
    m = RELATION_CUE.search(window)
    if not m:
        return "cites"
    return "based_on" if m["cue"].lower() == "căn cứ" else "implements"


def find_citations(text: str, start: int = 0, end: int | None = None, ref: dt.date | None = None) -> list[Citation]:
    """Citations inside ``text[start:end]``; spans are relative to ``text``."""
    end = len(text) if end is None else end
    out: list[Citation] = []
    for m in CITATION.finditer(text, start, end):
        doc_type = m["type"]
        number = None
        if m["number"]:
            number, _ = numbers.normalize_number(re.sub(r"\s+", "", m["number"]))
        has_date = bool(m["date"])
        issuer_span = None
        if m["issuer"]:
            a, b = _trim_issuer(text, m.start("issuer"), m.end("issuer"))
            issuer_span = (a, b) if b > a else None
        if not number and not (doc_type in NUMBERLESS_OK and (has_date or issuer_span)):
            if doc_type == "Luật":
                out.extend(_law(text, m.start(), end))
            continue
        date = None
        if has_date:
            found = find_dates(m["date"], ref)
            date = found[0].value.isoformat() if found and found[0].value else None
        issuer = text[issuer_span[0]:issuer_span[1]] if issuer_span else None
        if issuer is None and number:
            code = re.split(r"[-/]", number)[-1] if number else None
            issuer = numbers.issuer_of_code(code)
        span_end = issuer_span[1] if issuer_span else (m.end("date") if has_date else m.end("number") if m["number"]
                                                       else m.end())
        span = (m.start(), span_end)
        out.append(Citation(type=doc_type, number=number, date=date, issuer=issuer, issuer_span=issuer_span,
                            subject=_subject(text, span_end, end), relation=_relation(text, m.start()), span=span,
                            quote=text[span[0]:span[1]]))
    return out


def _subject(text: str, pos: int, end: int) -> str | None:
    m = re.compile(r"\s+về\s+(?:việc\s+)?([^;.\n]{3,160}?)(?=[;.\n]|$)").match(text, pos, end)
    return m.group(1).strip() if m else None


def _law(text: str, start: int, end: int) -> list[Citation]:
    m = LAW_TITLE.match(text, start, end)
    if not m or not m["title"].strip():
        return []
    title = m["title"].strip(" ,")
    span = (m.start(), m.start("title") + len(title))
    return [Citation(type="Luật", number=None, date=None, issuer=None, issuer_span=None, subject=title,
                     relation=_relation(text, start), span=span, quote=text[span[0]:span[1]])]


@cache
def _titles() -> tuple[tuple[str, str], ...]:
    rows = numbers._csv("doc_types.csv")
    return tuple(sorted(((r["title"], r["name"]) for r in rows), key=lambda t: len(t[0]), reverse=True))


def doc_type_from_title(line: str) -> str | None:
    """``THÔNG BÁO KẾT LUẬN`` → ``Thông báo``; the type whose title in capitals opens the line."""
    s = line.strip().strip("*_ ")
    for title, name in _titles():
        if s.startswith(title) and (len(s) == len(title) or not s[len(title)].isalnum()):
            return name
    return None


def doc_type_from_code(code: str | None) -> str | None:
    """``CV`` → ``Công văn``; None for unknown codes."""
    return numbers.type_codes().get(code) if code else None
