"""Citations of other documents: ``<Type> số <number>, ngày <date> của <issuer> về <subject>``.

Each citation becomes a document-to-document edge (IMPLEMENTS for ``Thực hiện …``, BASED_ON for
``Căn cứ …``, CITES otherwise), so a false one invents a document. A citation therefore needs a
type word written as a title (``Chỉ thị``, not ``chỉ thị``) and evidence that a particular document
is meant:

* a number (``Chỉ thị số 16-CT/TTg``, ``Nghị quyết 05-NQ/TU``), or a bare serial in a later mention
  (``Chỉ thị 16``: number None unless the same text cites that serial in full);
* a full date (``Công điện ngày 27 tháng 4 năm 2021 của …``);
* for Điện, Công điện and Công văn, which are often cited by sender alone: ``của <issuer>``;
* for laws, a capitalised title (``Luật Phòng, chống bệnh truyền nhiễm``); for Party resolutions
  named after a congress or plenum, that name (``Nghị quyết Đại hội … lần thứ XIX``).

Generic uses are refused: ``các văn bản chỉ đạo``, ``kế hoạch của đơn vị``, ``theo hướng dẫn của Bộ
Y tế``, ``Chỉ thị này``, ``Kết luận của Chủ tịch UBND tỉnh``. A type word in lower case or capitals
counts only with ``số`` and a symbol whose type code agrees (``công văn số 1185-CV/TU``).

The type words, their codes and how each may be cited are data (``data/doc_types.csv``); the bodies
behind national issuer codes are ``data/issuer_codes.csv``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from chidao.extract import dates, numbers
from chidao.extract.lexicon import entity_heads, fold_range, folded_lower, np_stops, trie_alternation
from chidao.loaders.normalize import fold_tones

# --- patterns (the type-word pattern is built from data/doc_types.csv) ---------------------------------

AFTER_TYPE = re.compile(r"[ \t]+(?P<so>(?:số|Số|SỐ)\s*:?\s*)?")
"""Between the type word and the number: a space and an optional ``số``."""

BARE_SERIAL = re.compile(
    r"(?P<serial>\d{1,4})(?![\d/-]|\.\d)"
    r"(?=\s*(?:[,;:.)\n]|$)|\s+(?:của|về|ngày|và|đã|được|nêu|trên|đến|theo|thì|cũng|do|để)(?!\w))")
"""``Chỉ thị 16`` in a later mention: a serial followed by punctuation or a linking word, so
``Báo cáo 6 tháng`` or ``Kế hoạch 2 năm`` are not taken."""

DATE_LEAD = re.compile(r"\s*,?\s*(?:(?:được\s+)?ban hành\s+|ký\s+)?(?=ngày\b)", re.I)
"""What may stand between the number or issuer and ``ngày``: a comma, ``ban hành``."""

ISSUER_LEAD = re.compile(r"\s*,?\s+của\s+")
"""``… của <issuer>``."""

SUBJECT_LEAD = re.compile(r"\s*,?\s*(?:về\s+việc|về|V/v)\s+", re.I)
"""``… về <subject>``, ``về việc …``."""

HARD_STOP = re.compile(r"[;:()\[\]\n\"“”]|\.(?=\s|$)|\./")
"""Punctuation that ends an issuer, a subject or a title (a full stop, not the one in ``TP.``)."""

ABBREVIATION = re.compile(r"(?:^|(?<=\s))(?:TP|Tp|TX|Tx|Q|P)$")
"""Words whose full stop is part of a name (``UBND TP. Hồ Chí Minh``)."""

ISSUER_STOP = re.compile(
    r"\s(?:về|nhằm|để|theo|tại|trong|với|cho|khi|nếu|thì|đến|từ|trên|sau|trước|đối với|là|gồm|quy định"
    r"|ngày(?=\s+\d))"
    r"(?!\w)")
"""Words that end an issuer phrase (on folded lower-case text); verbs (``ban hành``, ``yêu cầu``) come
from the parser's ``np_stops.txt``."""

ISSUER_HEADS_NOT_VERBS = re.compile(r"(?<!\w)(?:ban|ủy ban|hội đồng|trung tâm|cục|chi cục|phòng|cơ quan)\s$")
"""A verb-like word right after these is part of a name: ``Ban chỉ đạo``, ``Ban tổ chức``, ``Ủy ban
kiểm tra``."""

PAIR_FIRST = re.compile(r"(?<!\w)(?:phòng|sửa đổi)$")
PAIR_SECOND = re.compile(r"(?:chống|bổ sung)(?!\w)")
"""A comma inside a fixed pair, not between names: ``Ban chỉ đạo phòng, chống dịch``."""

SEGMENT_SPLIT = re.compile(r",\s*|\s+và\s+")
"""Where a list of issuers may continue: ``của Bộ Y tế, Bộ Công an``, ``của A và B``."""

NAMED_RESOLUTION = re.compile(
    r"[ \t]+(?P<title>(?:Đại hội|Hội nghị|Trung ương)\b[^;:.()\n]{0,120}?"
    r"(?:lần thứ|khóa|khoá)\s+[\wIVXLC]+(?:\s*,?\s*nhiệm kỳ\s+\d{4}\s*-\s*\d{4})?)(?=[\s;:,.()]|$)")
"""``Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX``, ``Nghị quyết Hội nghị Trung ương 4 khóa
XII``: a Party resolution known by the meeting that passed it."""

LAW_TITLE_STOP = re.compile(r"\s(?:năm|số|ngày|của|đã|được|và các|quy định|hướng dẫn)(?!\w)")
"""Where a law's title ends besides punctuation and a new capitalised clause (on folded lower-case
text): ``năm``, ``số``, ``ngày``, ``của``."""

BASIS_BEFORE = re.compile(r"[Cc]ăn cứ\s+$")
"""``Căn cứ Luật tổ chức …``: a law named in a decision's grounds, its title in lower case."""

TITLE_ABBREVIATION = re.compile(r"\s+và\s+(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân)(?!\w)")
"""``Luật Tổ chức HĐND và UBND``: the second organ is part of the title, not a second law."""

AMENDED_NOTE = re.compile(r"\s*\((?:sửa đổi|sửa đổi,\s*bổ sung|sửa đổi\s+bổ sung)[^()\n]{0,30}\)")
"""``Luật … (sửa đổi)`` before its date: a note on the title."""

NEW_CLAUSE = re.compile(r",\s*")
"""A comma; when a capital follows it, a new clause (or a new name) starts."""

AND_NEXT = re.compile(r",\s*|\s+và\s+")
"""A comma or ``và``; when a capital follows, the next item is a new name."""

LAW_NUMBER_LEAD = re.compile(r"\s+(?:số|Số)\s*:?\s*")
"""``Luật Doanh nghiệp số 59/2020/QH14``: the number after a law's title."""

YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
"""A bare "serial" that is a year (``Kế hoạch 2021``) is not a later mention."""

SERIAL_HEAD = re.compile(r"\d+")
"""The serial at the head of a number, to match ``Chỉ thị 16`` with ``16/CT-TTg``."""

DANGLING_TAIL = re.compile(r"\s+(?:và|và các|của)$")
"""A subject cut before the next citation must not end in ``và`` or ``của``."""

LAW_YEAR = re.compile(r"\s+năm\s+(?P<y>(?:19|20)\d{2})(?!\d)")
"""``Luật … năm 2007``: the law's year, kept in the quote."""

RELATION_CUE = re.compile(
    r"(?<!\w)(?P<cue>căn cứ|trên cơ sở|(?:tiếp tục\s+)?(?:thực hiện|triển khai|quán triệt)"
    r"(?:\s+(?:nghiêm|tốt|có hiệu quả|đúng|đầy đủ))*(?:\s+theo)?|theo)(?!\w)")
"""The verb that governs a citation (folded lower case): the last one in its clause decides."""

BASED_ON_CUES = ("căn cứ", "trên cơ sở")
RELATION_LOOKBACK = 400
"""How far back (characters) the governing verb of a citation is looked for, within its clause."""
CLAUSE_END = re.compile(r"[.;\n]")
MAX_ISSUER_WORDS = 15
MAX_SUBJECT_WORDS = 30
MAX_TITLE_WORDS = 15


@dataclass(frozen=True)
class Citation:
    """A reference to another document, with what the text says of it and where."""

    type: str | None
    number: str | None
    date: str | None  # ISO
    issuer: str | None
    issuer_span: tuple[int, int] | None
    subject: str | None
    relation: str  # "implements" (Thực hiện …), "based_on" (Căn cứ …), "cites" (otherwise)
    span: tuple[int, int]
    quote: str


# --- vocabulary --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _TypeWord:
    name: str  # the type ("Thông báo" for the word "Thông báo kết luận")
    cite: str  # "number" | "issuer" | "title"
    codes: frozenset[str]


@cache
def _type_words() -> dict[str, _TypeWord]:
    """Folded lower-case type word → what it means and how it may be cited."""
    out: dict[str, _TypeWord] = {}
    for row in numbers._csv("doc_types.csv"):
        if not row["cite"]:
            continue
        key = folded_lower(row["word"])
        codes = {r["code"] for r in numbers._csv("doc_types.csv") if r["name"] == row["name"] and r["code"]}
        out[key] = _TypeWord(row["name"], row["cite"], frozenset(codes))
    return out


@cache
def _type_word_re() -> re.Pattern[str]:
    """A type word at word boundaries, the longest that fits: the words as a trie with the
    no-letter-before check where each word ends, so a search skips to the letters that can start one
    and fails on the next letter (issue 15; the same matches as their longest-first alternation, a
    test compares)."""
    return re.compile(rf"(?P<word>{trie_alternation(_type_words(), word_start=True)})(?!\w)")


@cache
def _titles() -> tuple[tuple[str, str], ...]:
    rows = numbers._csv("doc_types.csv")
    pairs = {(fold_tones(r["title"]), r["name"]) for r in rows if r["title"]}
    return tuple(sorted(pairs, key=lambda t: len(t[0]), reverse=True))


# --- public helpers ----------------------------------------------------------------------------------


def type_word_at(folded: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """(type name, start, end) of every document type word in ``folded[start:end]`` (folded lower
    case): "chỉ thị", "thông báo kết luận", "điện" … as the citation finder knows them."""
    for m in _type_word_re().finditer(folded, start, end):
        yield _type_words()[m["word"]].name, m.start(), m.end()



@lru_cache(maxsize=1 << 12)  # a pure function of the line, asked of each header line several times
def doc_type_from_title(line: str) -> str | None:
    """The type named by a title line in capitals: ``THÔNG BÁO KẾT LUẬN`` → ``Thông báo``.

    ``QUY ĐỊNH`` and ``QUYẾT ĐỊNH`` are told apart (the Party writes both as ``QĐ``). A line in
    mixed case is not a title (``Kế hoạch`` → None), and ``ĐIỆN BIÊN`` is a place, not an ``ĐIỆN``.
    """
    s = fold_tones(line.strip().strip("*_ "))
    for title, name in _titles():
        if not s.startswith(title):
            continue
        rest = s[len(title):]
        if not rest:
            return name
        if rest[0].isalnum():
            continue
        rest = rest.lstrip()
        if title == "ĐIỆN" and rest[:1].isupper():
            continue
        return name
    return None


def doc_type_from_code(code: str | None, family: str | None = None) -> str | None:
    """``CV`` → ``Công văn``; None for an unknown code.

    ``TT`` is Thông tri in the Party and Thông tư in the state: give ``family`` to decide, otherwise
    an ambiguous code gives None rather than a guess.
    """
    if not code:
        return None
    names = numbers.type_names(code)
    if not names:
        return None
    if family in names:
        return names[family]
    if "both" in names:
        return names["both"]
    distinct = set(names.values())
    return distinct.pop() if len(distinct) == 1 else None


# --- the finder --------------------------------------------------------------------------------------


def find_citations(text: str, start: int = 0, end: int | None = None, ref: dt.date | None = None) -> list[Citation]:
    """Citations inside ``text[start:end]``; spans are relative to ``text``.

    ``ref`` (the citing document's date) places a year-less citation date in the past. A bare later
    mention (``Chỉ thị 16``) takes the number of a full citation of the same type and serial in the
    same range, else keeps number None.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    lookback = max(0, start - RELATION_LOOKBACK)
    folded = fold_range(text, lookback, end)
    out: list[tuple[Citation, str | None]] = []
    last_end = start
    for m in _type_word_re().finditer(folded, start, end):
        if m.start() < last_end:
            continue
        found = _citation_at(text, folded, m, end, ref)
        if found is not None:
            out.append(found)
            last_end = found[0].span[1]
    return _resolve_bare(out)


def _citation_at(text: str, folded: str, m: re.Match[str], end: int, ref: dt.date | None
                 ) -> tuple[Citation, str | None] | None:
    """The citation whose type word ``m`` found, with its bare serial; None when it is not one."""
    word = _type_words()[m["word"]]
    ts, te = m.span()
    written = text[ts:te]
    titled = written[0].isupper() and written != written.upper()
    pos = te
    number = serial = None
    lead = AFTER_TYPE.match(text, pos, end)
    if not titled and (lead is None or not lead["so"]):
        return None  # what the test after the number decides, before the number is read
    if lead is not None:
        n = numbers.PARTY_NUMBER.match(text, lead.end(), end) or numbers.STATE_NUMBER.match(text, lead.end(), end)
        if n is not None and n["serial"]:
            number, _ = numbers.normalize_number(text[n.start():n.end()])
            pos = n.end()
        elif titled and (word.cite == "number" or lead["so"]):
            b = BARE_SERIAL.match(text, lead.end(), end)
            if b is not None and not YEAR_LIKE.fullmatch(b["serial"]):
                serial = b["serial"]
                pos = b.end()
    if not titled and (number is None or lead is None or not lead["so"] or not _agrees(word, number)):
        return None
    if word.cite == "title" and number is None:
        return _law(text, folded, m, end, ref)
    date, pos = _date_at(text, pos, end, ref)
    issuer_span = None
    lead_issuer = ISSUER_LEAD.match(text, pos, end)
    if lead_issuer is not None:
        issuer_span = _issuer(text, folded, lead_issuer.end(), end)
        if issuer_span is not None:
            pos = issuer_span[1]
            if date is None:
                date, pos = _date_at(text, pos, end, ref)
    if number is None and serial is None and date is None:
        if word.cite == "number" and word.name in ("Nghị quyết", "Kết luận"):
            return _named(text, folded, m, word, end)
        if not (word.cite == "issuer" and issuer_span is not None):
            return None
    issuer = text[issuer_span[0]:issuer_span[1]] if issuer_span else None
    if issuer is None and number is not None:
        issuer = numbers.issuer_of_code(_issuer_code(number))
    span = (ts, pos)
    citation = Citation(type=word.name, number=number, date=date, issuer=issuer, issuer_span=issuer_span,
                        subject=_subject(text, folded, pos, end), relation=_relation(folded, ts),
                        span=span, quote=text[ts:pos])
    return citation, serial


def _agrees(word: _TypeWord, number: str) -> bool:
    """A lower-case type word is trusted only when the symbol's type code says the same type."""
    code = _type_code(number)
    return code is None or code in word.codes or word.name in ("Công văn", "Văn bản")


def _type_code(number: str) -> str | None:
    if "/" in number and "-" in number.split("/", 1)[0]:  # Party: 88-KH/TU
        return number.split("/", 1)[0].split("-", 1)[1]
    tail = number.rsplit("/", 1)[-1].split("-")
    return tail[0] if len(tail) > 1 and tail[0] in numbers.type_codes() else None


def _issuer_code(number: str) -> str | None:
    if "/" in number and "-" in number.split("/", 1)[0]:
        return number.split("/", 1)[1].split("-")[0]
    tail = number.rsplit("/", 1)[-1].split("-")
    return tail[1] if _type_code(number) and len(tail) > 1 else tail[0]


def _date_at(text: str, pos: int, end: int, ref: dt.date | None) -> tuple[str | None, int]:
    """A citation date right at ``pos`` (after an optional comma): (ISO or None, new position)."""
    lead = DATE_LEAD.match(text, pos, end)
    if lead is None:
        return None, pos
    at = lead.end()
    for pattern in (dates.FULL_DATE, dates.NUMERIC_DATE, dates.YEARLESS_WORDS, dates.YEARLESS_NUMERIC):
        d = pattern.match(text, at, end)
        if d is None:
            continue
        if pattern in (dates.FULL_DATE, dates.NUMERIC_DATE):
            value = dates._day(int(d["y"]), int(d["m"]), int(d["d"]))
        else:
            value = dates.with_year(int(d["d"]), int(d["m"]), ref, past=True)
            if value is None:
                return None, pos  # a year-less date without a reference says nothing
        return (value.isoformat(), d.end()) if value else (None, pos)
    return None, pos


def _issuer(text: str, folded: str, pos: int, end: int) -> tuple[int, int] | None:
    """The body named after ``của``: up to ``về``, ``;``, ``.``, a verb, or a comma (or ``và``)
    followed by something that is not another body. When a verb ends the phrase, the last of
    several comma-separated names is the subject of that verb, not an issuer (``của Ban Thường vụ
    Tỉnh ủy, Thường trực Huyện ủy yêu cầu``)."""
    limit = min(end, pos + 200)
    if not _starts_body(text, folded, pos):
        return None
    stop, by_verb = _issuer_stop(text, folded, pos, limit)
    segments = [pos]
    for s in SEGMENT_SPLIT.finditer(folded, pos, stop):
        if s.start() == pos or _paired(folded, s):
            continue
        if not _starts_body(text, folded, s.end()) or _type_word_re().match(folded, s.end()):
            stop, by_verb = s.start(), False
            break
        segments.append(s.start())
    if by_verb and len(segments) > 1 and text[segments[-1]] == ",":
        stop = segments[-1]  # "của A, B yêu cầu": B is the subject of "yêu cầu"
    b = stop
    while b > pos and text[b - 1] in " ,-":
        b -= 1
    if b <= pos:
        return None
    if len(text[pos:b].split()) > MAX_ISSUER_WORDS:
        return None
    return pos, b


def _paired(folded: str, comma: re.Match[str]) -> bool:
    return PAIR_FIRST.search(folded, max(0, comma.start() - 8), comma.start()) is not None and \
        PAIR_SECOND.match(folded, comma.end()) is not None


def _issuer_stop(text: str, folded: str, pos: int, limit: int) -> tuple[int, bool]:
    """Where an issuer phrase must end, and whether a verb ended it."""
    stop = limit
    for h in HARD_STOP.finditer(text, pos, limit):
        if h.group() == "." and ABBREVIATION.search(text, max(0, h.start() - 4), h.start()):
            continue
        stop = h.start()
        break
    w = ISSUER_STOP.search(folded, pos, stop)
    if w is not None:
        stop = w.start()
    t = _type_word_re().search(folded, pos + 1, stop)
    while t is not None and not text[t.start()].isupper():
        t = _type_word_re().search(folded, t.end(), stop)
    if t is not None:
        stop = t.start()
    for v in np_stops().finditer(folded, pos, stop):
        if v.start() > pos and text[v.start()].islower() and not ISSUER_HEADS_NOT_VERBS.search(folded, pos, v.start()):
            return v.start(), True
    return stop, False


def _starts_body(text: str, folded: str, pos: int) -> bool:
    """Whether a body's name can start at ``pos``: a capital letter, or a head word (``các``, ``sở``…)."""
    if pos >= len(text):
        return False
    return text[pos].isupper() or entity_heads().match(folded, pos) is not None


def _before_capital(text: str, separator: re.Pattern[str], a: int, stop: int,
                    keep: re.Pattern[str] | None = None) -> int:
    """The first separator in ``text[a:stop]`` that a capital letter follows, else ``stop``; a
    separator ``keep`` matches after stays inside (``HĐND và UBND`` in a law's title)."""
    for c in separator.finditer(text, a, stop):
        if c.end() < len(text) and text[c.end()].isupper() and not (keep and keep.match(text, c.start())):
            return c.start()
    return stop


def _subject(text: str, folded: str, pos: int, end: int) -> str | None:
    """``… về <subject>`` after a citation: up to punctuation, a new capitalised clause, or the next
    citation (``… và Công điện số …``)."""
    lead = SUBJECT_LEAD.match(text, pos, end)
    if lead is None:
        return None
    a = lead.end()
    limit = min(end, a + 400)
    stop = limit
    h = HARD_STOP.search(text, a, limit)
    if h is not None:
        stop = h.start()
    stop = _before_capital(text, NEW_CLAUSE, a, stop)
    for t in _type_word_re().finditer(folded, a, stop):
        if text[t.start()].isupper():
            stop = t.start()
            break
    subject = text[a:stop].strip(" ,-")
    subject = DANGLING_TAIL.sub("", subject)
    words = subject.split()
    if len(words) > MAX_SUBJECT_WORDS:
        subject = " ".join(words[:MAX_SUBJECT_WORDS])
    return subject or None


def _relation(folded: str, pos: int) -> str:
    """IMPLEMENTS after ``Thực hiện``/``Triển khai``/``Quán triệt``, BASED_ON after ``Căn cứ``, else
    CITES; the last such verb in the citation's clause decides."""
    clause = max(0, pos - RELATION_LOOKBACK)
    for c in CLAUSE_END.finditer(folded, clause, pos):
        clause = c.end()
    cues = list(RELATION_CUE.finditer(folded, clause, pos))
    if not cues:
        # "Căn cứ Điều lệ Đảng; Quy định số …; Luật …": one basis clause listing its documents with ";"
        line = folded.rfind("\n", 0, pos) + 1
        head = folded[line:pos].lstrip(" -+•")
        return "based_on" if head.startswith("căn cứ") and "." not in folded[line:pos] else "cites"
    cue = cues[-1]["cue"]
    if cue in BASED_ON_CUES:
        return "based_on"
    return "cites" if cue == "theo" else "implements"


def _law(text: str, folded: str, m: re.Match[str], end: int, ref: dt.date | None) -> tuple[Citation, None] | None:
    """``Luật Phòng, chống bệnh truyền nhiễm [năm 2007 | ngày 21/11/2007]``: the title is the subject."""
    a = m.end() + 1
    if a >= end or text[m.end()] != " ":
        return None
    if not text[a].isupper() and not BASIS_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "Luật tổ chức HĐND …" in lower case only as a decision's ground
    limit = min(end, a + 200)
    stop = limit
    h = HARD_STOP.search(text, a, limit)
    if h is not None:
        stop = h.start()
    s = LAW_TITLE_STOP.search(folded, a, stop)
    if s is not None:
        # the lookahead for a capital runs on the folded (lower-case) text: check the original
        stop = s.start()
    stop = _before_capital(text, AND_NEXT, a, stop, keep=TITLE_ABBREVIATION)
    t = _type_word_re().search(folded, a, stop)
    if t is not None and text[t.start()].isupper():
        stop = t.start()
    title = text[a:stop].rstrip(" ,-")
    if not title or len(title.split()) > MAX_TITLE_WORDS:
        return None
    pos = a + len(title)
    amended = AMENDED_NOTE.match(text, pos, end)
    if amended is not None:
        pos = amended.end()
    number = None
    lead_no = LAW_NUMBER_LEAD.match(text, pos, end)
    if lead_no is not None:
        n = numbers.STATE_NUMBER.match(text, lead_no.end(), end)
        if n is not None and n["serial"]:
            number, _ = numbers.normalize_number(n.group())
            pos = n.end()
    year = LAW_YEAR.match(text, pos, end)
    if year is not None:
        pos = year.end()
    date, pos = _date_at(text, pos, end, ref)
    issuer_span = None
    lead_issuer = ISSUER_LEAD.match(text, pos, end)
    if lead_issuer is not None:
        issuer_span = _issuer(text, folded, lead_issuer.end(), end)
        if issuer_span is not None:
            pos = issuer_span[1]
    issuer = text[issuer_span[0]:issuer_span[1]] if issuer_span else None
    if issuer is None and number is not None:
        issuer = numbers.issuer_of_code(_issuer_code(number))
    span = (m.start(), pos)
    return Citation(type=_type_words()[m["word"]].name, number=number, date=date, issuer=issuer,
                    issuer_span=issuer_span, subject=title, relation=_relation(folded, m.start()), span=span,
                    quote=text[span[0]:span[1]]), None


def _named(text: str, folded: str, m: re.Match[str], word: _TypeWord, end: int) -> tuple[Citation, None] | None:
    """A Party resolution or conclusion named after its meeting (no number): the name is the subject."""
    n = NAMED_RESOLUTION.match(text, m.end(), end)
    if n is None:
        return None
    span = (m.start(), n.end("title"))
    return Citation(type=word.name, number=None, date=None, issuer=None, issuer_span=None, subject=n["title"],
                    relation=_relation(folded, m.start()), span=span, quote=text[span[0]:span[1]]), None


def _resolve_bare(found: list[tuple[Citation, str | None]]) -> list[Citation]:
    """Give ``Chỉ thị 16`` the number of a full ``Chỉ thị số 16/CT-TTg`` in the same range, and a
    law cited again by title alone (``… của Luật Lâm nghiệp``) the number and date it was cited with."""
    full: dict[tuple[str | None, str], Citation] = {}
    for c, _ in found:
        if c.number:
            head = SERIAL_HEAD.match(c.number)
            if head:
                full.setdefault((c.type, head.group().lstrip("0")), c)
        if c.subject and c.type in ("Luật", "Pháp lệnh") and (c.number or c.date):
            full.setdefault((c.type, folded_lower(c.subject)), c)
    out = []
    for c, serial in found:
        key = (c.type, serial.lstrip("0")) if serial is not None else \
            (c.type, folded_lower(c.subject)) if c.subject and not (c.number or c.date) else None
        if key is not None and key in full:
            target = full[key]
            issuer = c.issuer or (numbers.issuer_of_code(_issuer_code(target.number)) if target.number else None)
            c = replace(c, number=target.number, date=c.date if serial is not None else target.date, issuer=issuer)
        elif serial is not None and re.search(rf"số\s*:?\s*{re.escape(serial)}(?!\w)", c.quote, re.I):
            c = replace(c, number=serial)  # "Công điện số 1409 ngày …": the number as written, with no symbol
        out.append(c)
    return out


__all__ = ["Citation", "doc_type_from_code", "doc_type_from_title", "find_citations"]
