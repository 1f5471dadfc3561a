"""Stage 2: the header — family, issuer, number, type, place and date, subject.

Converted files flatten the two-column header in different orders, so each field is found by its
own anchor anywhere in the header lines rather than by position; a header line that holds several
fields at once (``TỈNH ỦY LẠNG SƠN * Số 57-CV/TU ĐẢNG CỘNG SẢN VIỆT NAM …``) is cut at the anchors
first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from chidao.extract import citations, dates, numbers
from chidao.extract.layout import Layout, Line
from chidao.extract.lexicon import casing, folded_lower
from chidao.extract.models import Header, Mention, Span

PARTY_TITLE = re.compile(r"ĐẢNG CỘNG SẢN VIỆT NAM", re.IGNORECASE)
STATE_TITLE = re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|"
                         r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", re.IGNORECASE)
SEGMENT_CUT = re.compile(
    r"\s(?:\s*(?=\*(?:\s|$))|(?<=\*\s)\s*"  # the Party star
    r"|\s*(?=Số\s*:?\s*\d)|\s*(?=Số\s*:\s)"  # the number
    r"|\s*(?=ĐẢNG CỘNG SẢN VIỆT NAM)|(?<=ĐẢNG CỘNG SẢN VIỆT NAM\s)\s*"
    r"|\s*(?=CỘNG H[OÒ]A XÃ HỘI)|(?<=VIỆT NAM\s)\s*(?=Độc lập)|(?<=Hạnh phúc\s)\s*"
    r"|(?<=[A-ZĐ\d]\s)\s*(?=[A-ZĐ][\w.\- ]{1,40},\s*ngày\s)"
    r"|(?<=[A-Za-zĐđ\d]\s)\s*(?=V/v\s))"  # "Số: 830/VPCP-CN V/v nghiên cứu …" on one line
)
r"""Where one flattened header line holds several fields: before the star, the number, the national
title, and a place-date clause. Every cut is a run of spaces, so the pattern takes its first space,
then the rest of the run with each look-behind one space longer: a search skips to the spaces instead
of trying eleven branches at every character (29 → 12 µs a bench document, issue 15; the plain
``\s+(?=…)|(?<=…)\s+…`` form is compared in tests/extract/test_fast_patterns_second_round.py)."""

COLLECTIVE_LINE = re.compile(r"^(?:BAN THƯỜNG TRỰC|BAN THƯỜNG VỤ|THƯỜNG TRỰC)$")
SUBJECT_PREFIX = re.compile(r"^(?:V/v|V/V|v/v|Về việc|về việc|Vv)\s*:?\s*")
TITLE_OF = re.compile(r"\bCỦA\s+(.+?)(?:\s+(?:về|VỀ)\s|$)")
STAR_LINE = re.compile(r"^\*+$")
NUMBER_LIKE = re.compile(r"\d+\s*[-/]\s*[A-ZĐ]|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}")
"""A symbol, a date or a time: a line holding one is page furniture or a field, never the issuer."""
UPPER_RATIO = 0.7


def _segments(lines: tuple[Line, ...]) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if not line.stripped:
            continue
        pos = 0
        for m in SEGMENT_CUT.finditer(line.text):
            piece = line.text[pos:m.start()]
            if piece.strip():
                out.append(_trim(Line(line.start + pos, line.start + m.start(), piece)))
            pos = m.end()
        piece = line.text[pos:]
        if piece.strip():
            out.append(_trim(Line(line.start + pos, line.end, piece)))
    return out


def _trim(line: Line) -> Line:
    lead = len(line.text) - len(line.text.lstrip())
    body = line.text.strip()
    return Line(line.start + lead, line.start + lead + len(body), body)


def _is_caps(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))  # the letters and their count by C calls: asked of every header line
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) >= UPPER_RATIO


@lru_cache(maxsize=1024)
def canon_folded(canon: str) -> str:
    """The folded form a casing phrase's pattern looks for (without it, the pattern cannot match)."""
    return folded_lower(canon)


@lru_cache(maxsize=1 << 14)
def proper_case(caps: str) -> str:
    """``TỈNH ỦY LAI CHÂU`` → ``Tỉnh ủy Lai Châu``: canonical words from the casing list, place names
    after a locality word or a committee word in title case, everything else lower case."""
    low = caps.lower()
    chars = list(low)
    covered = [False] * len(low)
    folded = folded_lower(low)
    for pattern, canon in casing():
        if canon_folded(canon) not in folded:
            continue  # a substring test in C: most of the 71 phrases are absent (issue 15)
        for m in pattern.finditer(folded):
            if any(covered[m.start():m.end()]):
                continue
            chars[m.start():m.end()] = list(canon)
            covered[m.start():m.end()] = [True] * (m.end() - m.start())
    text = "".join(chars)
    proper_after = re.compile(
        r"(?:\b(?:tỉnh|huyện|thành phố|thị xã|xã|phường|quận|thị trấn)|Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|"
        r"Quận ủy|Đảng ủy xã|Đảng ủy phường|Đảng bộ tỉnh|Đảng bộ)\s+(.+)$")
    m = proper_after.search(text)
    if m and not any(covered[m.start(1):]):
        tail = " ".join(w[:1].upper() + w[1:] for w in m.group(1).split(" "))
        text = text[:m.start(1)] + tail
    return text[:1].upper() + text[1:]


def sentence_case(caps: str) -> str:
    """A subject set in capitals as a sentence: ``TĂNG CƯỜNG CÔNG TÁC … TỈNH BẮC NINH`` → ``tăng cường
    công tác … tỉnh Bắc Ninh`` (names keep their capitals, as ``proper_case`` knows them)."""
    cased = proper_case(caps)
    if len(cased) == len(caps):
        for m in re.finditer(r"\S*\d\S*", caps):  # symbols keep their letters: "07-QĐi/TW", "QH15"
            cased = cased[:m.start()] + m.group() + cased[m.end():]
    return cased[:1].lower() + cased[1:]


def parse_header(text: str, layout: Layout) -> Header:
    header_lines = layout.region_lines(layout.header)
    segs = _segments(header_lines)
    joined = "\n".join(s.text for s in segs)
    warnings: list[str] = []
    family = "party" if PARTY_TITLE.search(joined) else "state" if STATE_TITLE.search(joined) else None

    number = numbers.find_number_line(text[: _header_limit(layout, text)])
    place, date_match = None, None
    for seg in segs:
        place, date_match = dates.place_date(seg.text)
        if date_match is not None:
            break
    fields: dict[str, Any] = {}  # the Header is made once: each dataclasses.replace cost 5 µs (issue 15)
    if number is not None:
        fields.update(number=number.number, number_span=number.span, type_code=number.type_code,
                      issuer_code=number.issuer_code, year=number.year)
        if family is None and number.number:
            family = number.family
    else:
        warnings.append("no number line (Số …) found")
    if date_match is not None and date_match.value is not None:
        fields.update(date=date_match.value.isoformat(), place=place)
    else:
        fields.update(place=place)
        warnings.append("no date line found" if date_match is None else "date line has blank parts")

    issuer, superior = _issuer(segs) if _has_anchor(segs, number, date_match) else (None, None)
    if issuer is None:
        warnings.append("no issuing body in the header")

    fields.update(_type_and_subject(family, fields.get("number"), fields.get("number_span"), fields.get("type_code"),
                                    segs, text))
    if fields["doc_type"] is None:
        warnings.append("document type not found")
    if fields.get("subject") is None:
        warnings.append("no subject line found")
    return Header(family=family, issuer=issuer, superior=superior, warnings=tuple(warnings), **fields)


def _has_anchor(segs: list[Line], number, date_match) -> bool:
    """A header block has a national title, a number or a place-date line; without one, a line in
    capitals at the top is a web page's banner ("ĐÀI PHÁT THANH VÀ TRUYỀN HÌNH …"), not an issuer."""
    return number is not None or date_match is not None or any(
        PARTY_TITLE.search(s.text) or STATE_TITLE.search(s.text) or STAR_LINE.match(s.text) for s in segs)


def _header_limit(layout: Layout, text: str) -> int:
    a, b = layout.header
    if b > a:
        return layout.lines[b - 1].end
    return min(len(text), 600)


def _is_anchor(seg: Line) -> bool:
    s = seg.text
    return bool(PARTY_TITLE.search(s) or STATE_TITLE.search(s) or s.startswith("Số") or
                re.match(r"^So\s*:?\s*\d", s) or STAR_LINE.match(s) or dates.place_date(s)[1] is not None)


def _issuer(segs: list[Line]) -> tuple[Mention | None, Mention | None]:
    """The caps block before the number: the issuing body, with a superior line above it if any."""
    block: list[Line] = []
    for k, seg in enumerate(segs):
        if _is_anchor(seg) or citations.doc_type_from_title(seg.text) is not None:
            if block:
                block += _unit_after_title(segs, k)
                break
            continue
        if _is_caps(seg.text) and len(seg.text) <= 80 and not NUMBER_LIKE.search(seg.text):
            block.append(seg)
        elif block:
            break
    if not block:
        return None, None
    names = [proper_case(seg.text) for seg in block]
    if len(block) >= 2 and (_continues_name(block[1].text) or _wrapped_name(block[0].text, block[1].text)):
        first = Mention(f"{names[0]} {names[1][:1].lower()}{names[1][1:]}", (block[0].start, block[1].end))
        rest = block[2:]
        if not rest or COLLECTIVE_LINE.match(rest[-1].text.upper()):
            return first, None  # "… TỈNH HÀ TĨNH / BAN THƯỜNG TRỰC": the organ signs; the body issues
        return Mention(proper_case(rest[-1].text), (rest[-1].start, rest[-1].end)), first
    if len(block) >= 2:
        superior = Mention(names[-2], (block[-2].start, block[-2].end))
        issuer_name = names[-1]
        if re.match(r"^(Ban |Ủy ban Kiểm tra)", issuer_name) and CENTRAL_COMMITTEE.match(superior.name):
            issuer_name = f"{issuer_name} Trung ương"  # "Ban Tuyên giáo Trung ương", as the Party names it
        elif re.match(r"^(Văn phòng|Ban |Ủy ban Kiểm tra)", issuer_name) and "ủy" not in issuer_name.lower():
            issuer_name = f"{issuer_name} {superior.name}"
        return Mention(issuer_name, (block[-1].start, block[-1].end)), superior
    return Mention(names[0], (block[0].start, block[0].end)), None


CENTRAL_COMMITTEE = re.compile(r"^Ban Chấp hành Trung ương(?: Đảng)?$", re.I)
"""The Party's Central Committee over a central ban in a header ("BAN CHẤP HÀNH TRUNG ƯƠNG" / "BAN TUYÊN
GIÁO")."""

UNIT_LINE = re.compile(r"^(?:BAN |VĂN PHÒNG|(?:ỦY|UỶ) BAN KIỂM TRA)")
"""A sub-unit's line in a Party header: its ban, office or inspection committee."""


def _unit_after_title(segs: list[Line], k: int) -> list[Line]:
    """A two-column Party header flattened line by line puts the title between the committee and its
    ban ("TỈNH UỶ HÀ TĨNH" / "ĐẢNG CỘNG SẢN VIỆT NAM" / "BAN TUYÊN GIÁO" / "*"): the ban's line, when
    the star or another anchor closes it."""
    if not PARTY_TITLE.search(segs[k].text) or k + 2 >= len(segs):
        return []
    unit, after = segs[k + 1], segs[k + 2]
    if UNIT_LINE.match(unit.text) and _is_caps(unit.text) and len(unit.text) <= 80 and _is_anchor(after):
        return [unit]
    return []


def _wrapped_name(first: str, second: str) -> bool:
    """``BỘ NÔNG NGHIỆP`` / ``VÀ PHÁT TRIỂN NÔNG THÔN``, ``BỘ LAO ĐỘNG –`` / ``THƯƠNG BINH VÀ XÃ HỘI``: one
    name wrapped over two lines (a line cannot start on "và" nor end on a dash)."""
    return second.upper().startswith("VÀ ") or first.rstrip().endswith(("-", "–"))


def _continues_name(caps: str) -> bool:
    """``ỦY BAN NHÂN DÂN`` / ``TỈNH BÀ RỊA - VŨNG TÀU``: the second line is the locality of the first."""
    upper = caps.upper()
    if re.match(r"^(TỈNH|HUYỆN|THÀNH|THỊ|QUẬN)\s+(ỦY|UỶ)\b", upper):
        return False  # "HUYỆN ỦY VĂN CHẤN" under "ĐẢNG BỘ TỈNH YÊN BÁI" is the issuer, not a locality
    return bool(re.match(r"^(TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|XÃ|PHƯỜNG|QUẬN|THỊ TRẤN)\s", upper))


def _type_and_subject(family: str | None, number: str | None, number_span: Span | None, type_code: str | None,
                      segs: list[Line], text: str) -> dict[str, Any]:
    """The document type, subject (and its span) and a title's authority, as Header fields."""
    doc_type = None
    subject: tuple[str, tuple[int, int]] | None = None
    title_authority = None
    for i, seg in enumerate(segs):
        m = SUBJECT_PREFIX.match(seg.text)
        if m and len(seg.text) > m.end():
            subject = (seg.text[m.end():].strip(), (seg.start + m.end(), seg.end))
            break
        found = citations.doc_type_from_title(seg.text) if _is_caps(_leading_caps(seg.text)) \
            else _bare_title(segs, i)
        if found and doc_type is None:
            doc_type = found
            subject, title_authority = _subject_after_title(segs, i)
            if subject:
                break
    if subject is None and number_span is not None:
        subject = _bare_subject(segs, number_span[1])
    if doc_type is None and type_code:
        doc_type = citations.doc_type_from_code(type_code)
    if doc_type is None and number and type_code is None and family == "state":
        doc_type = "Công văn"
    if doc_type is None and subject is not None and SUBJECT_PREFIX.match(text[subject[1][0] - 4: subject[1][0]] or ""):
        doc_type = "Công văn"
    if title_authority is None:
        title_authority = _decider(segs, text)
    if subject is not None:
        s, span = subject
        if _is_caps(s):
            s = sentence_case(s)
        return {"doc_type": doc_type, "subject": s, "subject_span": span, "title_authority": title_authority}
    return {"doc_type": doc_type, "title_authority": title_authority}


def _subject_after_title(segs: list[Line], i: int) -> tuple[tuple[str, tuple[int, int]] | None, Mention | None]:
    """``KẾ HOẠCH`` then ``về …`` / ``Triển khai …``, or ``KẾT LUẬN CỦA BTV TỈNH ỦY về …`` on one line,
    or ``HƯỚNG DẪN tuyên truyền …`` where a converter joined the subject to its title."""
    authority = None
    candidates = [seg for seg in segs[i:i + 4] if not POSTED_AT.match(seg.text)][:3]
    for seg in candidates:
        m = TITLE_OF.search(seg.text)
        if m and seg is not segs[i] and len(seg.text[:m.start()].split()) > TITLE_OF_LEAD_WORDS:
            m = None  # "THỰC HIỆN … QUY ĐỊNH SỐ 07-QĐi/TW … CỦA BỘ CHÍNH TRỊ": the cited document's issuer
        if m and _is_caps(m.group(1)):
            authority = Mention(proper_case(m.group(1)), (seg.start + m.start(1), seg.start + m.end(1)))
        about = re.search(r"(?:^|\s)(?:về|Về|VỀ)(?:\s+(?:việc|VIỆC))?\s+(.+)$", seg.text)
        if about and seg is not segs[i] and about.start() > 0 and not m:
            about = None  # "THỰC HIỆN … CỦA BỘ CHÍNH TRỊ VỀ XỬ LÝ …": a "về" inside the subject
        if about and (seg is not segs[i] or not _is_caps(about.group(1))):
            start = seg.start + about.start(1)
            return (about.group(1).strip(), (start, seg.end)), authority
        if seg is segs[i] and not m:
            joined = _joined_subject(segs, i)
            if joined is not None:
                return joined, authority
        if seg is not segs[i] and not _is_anchor(seg) and not m \
                and (not _is_caps(seg.text) or len(seg.text.split()) >= CAPS_SUBJECT_WORDS):
            return (seg.text, (seg.start, seg.end)), authority  # "KẾ HOẠCH" / "TRIỂN KHAI THI HÀNH LUẬT THỦ ĐÔ"
    return None, authority


ABOUT_LINE = re.compile(r"^(?:Về|VỀ|V/v|V/V)\s")
"""A subject line ("Về lãnh đạo cuộc bầu cử …")."""


def _bare_title(segs: list[Line], i: int) -> str | None:
    """The type a page names by a title in sentence case, alone on its line, over its "Về …" line
    ("Chỉ thị" / "Về lãnh đạo cuộc bầu cử …"), maybe with the page's posting time between."""
    text = segs[i].text.strip()
    if len(text.split()) > 3:
        return None
    found = citations.doc_type_from_title(text.upper())
    following = [seg for seg in segs[i + 1:i + 3] if not POSTED_AT.match(seg.text)] if found else []
    return found if following and ABOUT_LINE.match(following[0].text) else None


POSTED_AT = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}(?:\s*-?\s*\d{1,2}:\d{2})?\s*$")
"""A page's posting time on a line of its own ("15/02/2011 - 17:24"), between a title and its subject."""


TITLE_OF_LEAD_WORDS = 4
"""Words a title line may have before "CỦA <organ>" ("Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC TỈNH ỦY")."""


def _leading_caps(text: str) -> str:
    """The words in capitals a line starts with ("KẾ HOẠCH" of "KẾ HOẠCH tuyên truyền …")."""
    words = []
    for w in text.split(" "):
        if not w or not _is_caps(w):
            break
        words.append(w)
    return " ".join(words)


DECIDER = re.compile(r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHỦ TỊCH (?:ỦY|UỶ) BAN NHÂN DÂN|CHỦ TỊCH UBND|"
                     r"BỘ TRƯỞNG|THỦ TƯỚNG CHÍNH PHỦ|GIÁM ĐỐC)\b")


BASIS = re.compile(r"^[-–•+]?\s*Căn cứ\b")
"""The first line of a decision's grounds ("Căn cứ Luật …", "- Căn cứ …")."""


def _decider(segs: list[Line], text: str) -> Mention | None:
    """The line naming who decides, under a decision's title and subject (NĐ 30: "ỦY BAN NHÂN DÂN TỈNH
    VĨNH PHÚC" above "Căn cứ …"): the organ without its place, "Ủy ban nhân dân tỉnh". A decision of
    before 2004 puts the line under a "V/v" subject with no title above it; the grounds that follow
    it say what it is."""
    titled = False
    for k, seg in enumerate(segs):
        after = segs[k + 1].text if k + 1 < len(segs) else text[seg.end:seg.end + 40].lstrip()  # the body's first line
        grounds = BASIS.match(after) is not None
        if not titled and not grounds:
            titled = citations.doc_type_from_title(seg.text) is not None and _is_caps(_leading_caps(seg.text))
            continue
        if DECIDER.match(seg.text) and len(seg.text) <= 80:
            name = proper_case(seg.text)
            level = re.search(r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\b", name)
            if level:
                name = name[:level.end()]
            return Mention(name, (seg.start, seg.end))
    return None


def _joined_subject(segs: list[Line], i: int) -> tuple[str, tuple[int, int]] | None:
    """The title line holds the subject's start in lower case (``HƯỚNG DẪN tuyên truyền … đại biểu``),
    maybe going on in the next line (``Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020 - 2025``)."""
    seg = segs[i]
    words = seg.text.split(" ")
    k = 0
    while k < len(words) and words[k] and _is_caps(words[k]):
        k += 1
    if k == 0 or k == len(words) or not words[k][:1].islower():
        return None
    start = seg.start + len(" ".join(words[:k])) + 1
    end = seg.end
    for nxt in segs[i + 1:i + 3]:
        if _is_anchor(nxt) or _is_caps(nxt.text) or len(nxt.text) > 160 or nxt.text.endswith(":") \
                or segs_text_end(segs, nxt) in ".;":
            break
        end = nxt.end
    return None if end <= start else (_text_between(segs, start, end), (start, end))


def segs_text_end(segs: list[Line], seg: Line) -> str:
    """The last character of the segment before ``seg`` (where a sentence may have ended)."""
    k = segs.index(seg)
    return segs[k - 1].text[-1:] if k else ""


def _text_between(segs: list[Line], start: int, end: int) -> str:
    parts = []
    for seg in segs:
        a, b = max(seg.start, start), min(seg.end, end)
        if a < b:
            parts.append(seg.text[a - seg.start:b - seg.start])
    return " ".join(parts)


CAPS_SUBJECT_WORDS = 3
"""A line in capitals under the type title is its subject when it has at least this many words (a
shorter one is a committee line: "CỦA BAN THƯỜNG VỤ" is caught by TITLE_OF, "TỈNH ỦY" is not a subject)."""


def _bare_subject(segs: list[Line], after: int) -> tuple[str, tuple[int, int]] | None:
    """A công văn's italic subject line without ``V/v``: the first mixed-case line after the number."""
    for seg in segs:
        if seg.start < after or _is_anchor(seg) or _is_caps(seg.text):
            continue
        if len(seg.text) >= 10:
            return seg.text, (seg.start, seg.end)
    return None
