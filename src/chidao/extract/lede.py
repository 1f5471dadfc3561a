"""Stage 2b: the document as a press title or lede names it, for texts without a header block.

Most Party directives reach the public as an article: a title and a lede that say who issued what
("Ngày 30/12/2025, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Chỉ thị số 02-CT/TU về …; Báo … xin
giới thiệu toàn văn"), then the text. That sentence is the document's own header, not a citation: it
gives the type, number, date, subject, the deciding organ and the committee. Only what the sentence
says is taken; the day an article was posted ("Cập nhật: 02/01/2026") is not the document's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from chidao.extract import citations as cit
from chidao.extract import numbers
from chidao.extract.lexicon import folded_lower
from chidao.extract.models import Header, Mention
from chidao.loaders.recover import surnames
from chidao.resolution.data import state_body_names

LEDE_LIMIT = 1500
"""How far from the top a title or lede can name the document."""

ISSUED = re.compile(
    r"(?:ban\s+hành|ký\s+ban\s+hành|ký|ra|có|phát\s+hành|công\s+bố|thông\s+báo)\s*(?:các\s+|bản\s+)?$"
    r"|(?:^|[.\n,]|-)\s*Tại\s+$", re.I)
"""The verb right before the document's name in a lede ("… ban hành Chỉ thị số …"), or a news
sentence that opens on it ("Tại Thông báo kết luận số 98-TB/TW …, Bộ Chính trị đề nghị …")."""

GIVES_TEXT = re.compile(r"giới thiệu toàn văn|đăng toàn văn|toàn văn (?:chỉ thị|kết luận|thông báo|công văn|kế hoạch|"
                        r"nghị quyết|văn bản|quy định|hướng dẫn|công điện|điện)", re.I)
"""A lede that hands over to the document's text ("… xin giới thiệu toàn văn Chỉ thị"); "nội dung Chỉ thị …
như sau" counts only with the mention's own type."""

LEAD_DATE = re.compile(r"(?:^|(?<=[.\n]))\s*(?:[^.\n]{0,40}?\s)?[Nn]gày\s+(?P<d>\d{1,2})\s*[/-]\s*(?P<m>\d{1,2})"
                       r"(?:\s*[/-]\s*(?P<y>(?:19|20)\d{2}))?(?:\s*,|\s+(?=[A-ZĐ]))")
""""Ngày 30/12/2025, …" (or "Ngày 28-1-2011 Ban Thường vụ …") at the start of the lede sentence (a
year-less "Ngày 6/8," gives no date). The written-out form ("Ngày 20 tháng 12 năm 2021, …") was
tried on 2026-12-06: one new real text gained its date and the held-out set lost one, so it is not
taken."""

SENTENCE_START = re.compile(r"[.!?\n]\s*")

ORGAN = re.compile(
    r"^(?P<organ>Ban Thường vụ|Thường trực|Ban Chấp hành(?: Đảng bộ)?|Ban Bí thư|Bộ Chính trị|"
    r"(?:Phó )?Chủ tịch(?= (?:UBND|Ủy ban|Uỷ ban)))?\s*(?P<rest>.*)$")
COMMITTEE = re.compile(r"^(?P<c>Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Thị ủy|Thị uỷ|Quận ủy|Quận uỷ|"
                       r"Đảng ủy|Đảng uỷ|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân|HĐND)\b\s*(?P<place>.*)$",
                       re.IGNORECASE)
ACTOR_AFTER = re.compile(r",\s*(?P<actor>[A-ZĐ][^,.;:\n]{2,60}?)\s+(?:đề nghị|yêu cầu|kết luận|chỉ đạo|giao|nhấn mạnh)\b")
""""Tại Thông báo kết luận số …, Bộ Chính trị đề nghị …": the organ speaks after the mention."""
ISSUING_BODY = re.compile(r"^(?:Văn phòng|Ban [A-ZĐ]|Ủy ban|Uỷ ban|Sở|Bộ|Thủ tướng|Chính phủ|Hội đồng|Tỉnh đoàn|"
                          r"Ban Chấp hành|Đảng ủy|Đảng uỷ)")
"""An actor that is itself the issuing body (an office, a ban, a sở, a ministry), not an organ of it."""
CENTRAL_COMMITTEE = "Ban Chấp hành Trung ương"
"""The header every Bộ Chính trị and Ban Bí thư document carries (HD 36)."""
CENTRAL = ("Thường trực Ban Bí thư", "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương")
ACTOR_WORDS = 12
"""An actor named before the verb is at most this many words ("Ban Thường vụ Tỉnh ủy Bà Rịa - Vũng Tàu")."""


@dataclass(frozen=True)
class SelfMention:
    citation: cit.Citation
    date: str | None
    authority: Mention | None
    issuer: Mention | None
    subject_span: tuple[int, int] | None


def find_self(text: str, limit: int = LEDE_LIMIT, ref: dt.date | None = None) -> SelfMention | None:
    """The document named by the title or lede, or None when the top of the text names none."""
    end = min(len(text), limit)
    titled: SelfMention | None = None  # a title without a number, whose lede may give it
    for c in cit.find_citations(text, 0, end, ref=ref):
        if not _is_self(text, c):
            continue
        if c.type == "Văn bản":  # "ban hành văn bản số 391-CV/ĐU": the symbol says what it is
            return _generic(text, end, ref) or _unnumbered(text, end)
        sentence = _sentence_start(text, c.span[0])
        date = c.date or _lead_date(text, sentence, c.span[0])
        authority, issuer = _actor(text, sentence, c)
        if _implemented_here(text, c, authority):
            continue
        at = text.find(c.subject, c.span[1]) if c.subject else -1
        subject_span = (at, at + len(c.subject)) if c.subject and at >= 0 else None
        if c.number and (date is None or c.subject is None):
            c, date, subject_span = _completed(text, c, date, subject_span, end, ref)
        bare = BARE_OWN_NUMBER.search(c.quote) if c.number is None else None
        if bare is not None:  # "Chỉ thị số 02": the number as written, no symbol to complete it
            c = replace(c, number=bare.group(1))
        found = SelfMention(c, date, authority, issuer, subject_span)
        if titled is not None:
            return _numbered_by_lede(titled, found)
        if c.number is None and c.subject is None:
            return _unnumbered(text, end) or found  # "… có Điện về …; … toàn văn Điện của X": the first says more
        if c.number is None and authority is not None:
            titled = found
            continue
        return found
    if titled is not None:
        return titled
    generic = _generic(text, end, ref)
    if generic is not None and _implemented_here(text, generic.citation, generic.authority):
        generic = None
    return generic or _unnumbered(text, end) or _caption(text, ref)


def _numbered_by_lede(titled: SelfMention, lede: SelfMention) -> SelfMention:
    """A page title without a number ("Công điện của Ban Thường vụ Tỉnh ủy Thanh Hóa về …") and the
    lede under it that gives one ("Ngày 24/8/2025, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Công điện
    số 20-CĐ/TU …"): one document when the two name the same type and the same organ; the title
    alone otherwise (the lede named another document)."""
    same = (lede.citation.number is not None and lede.citation.type == titled.citation.type
            and lede.authority is not None and lede.authority.name == titled.authority.name)
    if not same:
        return titled
    return SelfMention(lede.citation, lede.date or titled.date, lede.authority, lede.issuer or titled.issuer,
                       lede.subject_span or titled.subject_span)


CAPTION = re.compile(r"\(\s*(?:Theo|Trích|Nguồn:?)\s+$")
"""A quoted text's closing caption naming its document: "… ./.\n(Theo Công văn số 6202/UBND-KT, ngày
23/11/2023)" — the document's own name, when nothing at the top gives one."""
CAPTION_LIMIT = 300
"""How far from the end of the text such a caption may start."""


def _caption(text: str, ref: dt.date | None) -> SelfMention | None:
    start = max(0, len(text) - CAPTION_LIMIT)
    for c in cit.find_citations(text, start, len(text), ref=ref):
        if c.number and CAPTION.search(text, max(0, c.span[0] - 12), c.span[0]) \
                and text[c.span[1]:].strip(" ,.;") in (")", ")."):
            return SelfMention(c, c.date, None, None, None)
    return None


IMPLEMENTED_WINDOW = 600
"""How far after a central document's mention the organ that speaks is looked for."""


def _implemented_here(text: str, c: cit.Citation, authority: Mention | None) -> bool:
    """A central document a local text opens by naming ("Ngày 5-1-2011, Bộ Chính trị đã ban hành Chỉ
    thị số 50-CT/TW về …. Để …, Ban Thường vụ Tỉnh ủy yêu cầu …"): the document it implements, not
    its own name, since a local organ speaks right after it. A press text that hands over to the
    central text ("… giới thiệu toàn văn") is the central document."""
    central = (authority is not None and authority.name in CENTRAL) or (c.number or "").endswith("/TW")
    if not central or GIVES_TEXT.search(text, 0, min(len(text), c.span[1] + IMPLEMENTED_WINDOW)):
        return False
    speaker = speaking_organ(text, c.span[1], min(len(text), c.span[1] + IMPLEMENTED_WINDOW))
    return speaker is not None and speaker.name not in CENTRAL


GENERIC = re.compile(r"(?:ban\s+hành|ký|có|ra)\s+(?P<word>văn\s+bản|công\s+văn|công\s+điện|chỉ\s+thị|kế\s+hoạch|"
                     r"thông\s+báo|hướng\s+dẫn)(?:\s+(?:hỏa tốc|hoả tốc|khẩn))?(?:\s+số)?\s*:?\s*(?=\d)", re.I)
""""… ban hành văn bản số 391-CV/ĐU hướng dẫn …", "… vừa có công văn 388 /UBND-KGVX, gửi …": a lede's
lower-case name with or without "số"; "văn bản" takes its type from the symbol ("CV" → Công văn)."""


def _generic(text: str, end: int, ref: dt.date | None) -> SelfMention | None:
    m = GENERIC.search(text, 0, end)
    if m is None:
        return None
    n = numbers.PARTY_NUMBER.match(text, m.end(), end) or numbers.STATE_NUMBER.match(text, m.end(), end)
    if n is None or not n["serial"]:
        return None
    number, family = numbers.normalize_number(text[n.start():n.end()])
    code = number.split("/", 1)[0].split("-", 1)[1] if number and family == "party" and "-" in number else None
    if family == "state" and number:
        parts = number.split("/")[-1].split("-")
        code = parts[0] if parts[0] in numbers.type_codes() and len(parts) > 1 else None
    doc_type = cit.doc_type_from_code(code, family) if code else ("Công văn" if family == "state" else None)
    word = re.sub(r"\s+", " ", m["word"]).lower()
    if word != "văn bản":
        doc_type = word[:1].upper() + word[1:]
    ts = m.start("word")
    about = ABOUT.match(text, n.end(), end) or BARE_SUBJECT.match(text, n.end(), end)
    subject = subject_span = None
    if about is not None:
        stop = SUBJECT_END.search(text, about.start("subject"), about.end("subject"))
        s_end = stop.start() if stop else about.end("subject")
        subject = text[about.start("subject"):s_end].strip() or None
        subject_span = (about.start("subject"), about.start("subject") + len(subject)) if subject else None
    citation = cit.Citation(type=doc_type, number=number, date=None, issuer=None, issuer_span=None, subject=subject,
                            relation="cites", span=(ts, n.end()), quote=text[ts:n.end()])
    sentence = _sentence_start(text, ts)
    authority, issuer = _actor(text, sentence, citation)
    return SelfMention(citation, _lead_date(text, sentence, ts), authority, issuer, subject_span)


BARE_OWN_NUMBER = re.compile(r"\bsố\s+(\d{1,5})$")


def _completed(text: str, c: cit.Citation, date: str | None, subject_span: tuple[int, int] | None, end: int,
               ref: dt.date | None) -> tuple[cit.Citation, str | None, tuple[int, int] | None]:
    """A title names the number only; the lede's next mention of the same number adds the date and
    subject ("Quy định số 97-QĐ/TW của Bộ Chính trị: …" then "Tại Quy định số 97-QĐ/TW ngày 7/2/2023 …")."""
    key = numbers.number_key(c.number or "")
    for other in cit.find_citations(text, c.span[1], end, ref=ref):
        if other.number is None or numbers.number_key(other.number) != key:
            continue
        if date is None and other.date:
            date = other.date
        if c.subject is None and other.subject:
            at = text.find(other.subject, other.span[1])
            c = replace(c, subject=other.subject)
            subject_span = (at, at + len(other.subject)) if at >= 0 else None
        break
    return c, date, subject_span


STAMP = re.compile(r"\s*date\s+\d{4}(?:-\d{2}){0,2}\s+")
"""The capture date a stored web page starts with (`` date 2025-12-31 Chỉ thị của …``)."""

OF_ACTOR = re.compile(r"\s+(?:của|do)\s+(?P<actor>[^.;:\n]{3,80}?)(?=\s+(?:về|V/v)\s)"
                      r"|\s+(?:của|do)\s+(?P<short>[^,.;:\n]{3,80}?)(?=\s*[,.;:\n]|$)")
"""Who issued it, named after the type: up to "về" (which may follow a list of organs: "của Bộ Chính trị, Ban
Bí thư về …"), else up to the first punctuation."""
ABOUT = re.compile(r"\s*,?\s*(?:về\s+việc|về|V/v|v/v)\s+(?P<subject>[^\n]+)", re.I)
ABOUT_LATER = re.compile(r"[^.;\n]*?\s(?:về\s+việc|V/v)\s+(?P<subject>[^\n]+)")
BARE_SUBJECT = re.compile(r"\s+(?P<subject>(?:triển khai|hướng dẫn|thực hiện|tổ chức|tuyên truyền|tăng cường|đẩy mạnh|"
                          r"lãnh đạo|chỉ đạo|tiếp tục|nâng cao|phòng|xây dựng|kiện toàn|sắp xếp)\b[^\n]+)")
"""A lede's "ban hành Kế hoạch tổ chức Giải báo chí …": the subject follows the type with no "về"."""
OWN_NUMBER = re.compile(r"\s*\((?:[^()\n]{0,30}?\s)?số\s+(?P<number>[^()\s]{3,30})\)")
"""The number a lede gives in brackets after the subject: "… thời gian tới (Kết luận số 201-KL/TW)"."""
SUBJECT_END = re.compile(r"[.;:](?=\s|$)|\s*\((?=[^()\n]{0,30}số\s)|\s+gửi\s|\s*[,;]\s*(?:Báo|Cổng|Đài|Trang)\s|\s+(?:xin\s+)?(?:trân trọng\s+)?giới thiệu")


def _unnumbered(text: str, end: int) -> SelfMention | None:
    """A title ("Chỉ thị của Ban Thường vụ Tỉnh ủy … về …") or lede ("… vừa có Điện về …") that names
    the document without a number or date, which the citation finder does not count as a citation."""
    folded = folded_lower(text[:end])
    stamp = STAMP.match(text)
    first = stamp.end() if stamp else len(text[:end]) - len(text[:end].lstrip())
    for name, ts, te in cit.type_word_at(folded, 0, end):
        before = text[max(0, ts - 40):ts]
        titled = ts == first and text[ts].isupper()
        if not titled and not ISSUED.search(before):
            continue
        pos = te
        actor = OF_ACTOR.match(text, pos, end)
        actor_group = None
        if actor is not None:
            pos = actor.end()
            actor_group = "actor" if actor["actor"] is not None else "short"
        about = ABOUT.match(text, pos, end) or (BARE_SUBJECT.match(text, pos, end) if not titled else None)
        if about is None and not titled:
            about = ABOUT_LATER.search(text, pos, min(end, pos + 200))  # "ký công văn hỏa tốc gửi … về việc …"
        if about is None:
            continue
        stop = SUBJECT_END.search(text, about.start("subject"), about.end("subject"))
        s_end = stop.start() if stop else about.end("subject")
        own = OWN_NUMBER.match(text, s_end)
        number = numbers.normalize_number(own["number"])[0] if own is not None else None
        subject = text[about.start("subject"):s_end].strip()
        if len(subject) < 8:
            continue
        citation = cit.Citation(type=name, number=number, date=None, issuer=actor[actor_group] if actor else None,
                                issuer_span=actor.span(actor_group) if actor else None, subject=subject,
                                relation="cites", span=(ts, s_end), quote=text[ts:s_end])
        sentence = _sentence_start(text, ts)
        authority, issuer = _actor(text, sentence, citation)
        start = about.start("subject")
        return SelfMention(citation, _lead_date(text, sentence, ts), authority, issuer, (start, start + len(subject)))
    return None


def _is_self(text: str, c: cit.Citation) -> bool:
    before = text[max(0, c.span[0] - 40):c.span[0]]
    if ISSUED.search(before):
        return True
    line_start = text.rfind("\n", 0, c.span[0]) + 1
    stamp = STAMP.match(text)
    first_line = not text[stamp.end() if stamp else 0:line_start].strip()
    line_end = text.find("\n", c.span[1])
    near = text[max(line_start, c.span[0] - 60): min(len(text) if line_end < 0 else line_end, c.span[1] + 200)]
    if first_line and not text[line_start:c.span[0]].strip(" -–"):
        return True
    if GIVES_TEXT.search(near):
        return True
    own_type = re.escape((c.type or "").lower())
    return bool(own_type and re.search(rf"nội dung (?:chính )?(?:của )?{own_type}|{own_type}[^.\n]{{0,40}}như sau",
                                       near.lower()))


def _sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in SENTENCE_START.finditer(text, 0, pos):
        if text[m.start()] == "." and m.start() > 0 and text[m.start() - 1].isdigit():
            continue  # "30/12/2025." is not where a sentence ends inside a date
        start = m.end()
    return start


def _lead_date(text: str, sentence: int, pos: int) -> str | None:
    m = LEAD_DATE.match(text, sentence, pos)
    if m is None or m["y"] is None:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def _actor(text: str, sentence: int, c: cit.Citation) -> tuple[Mention | None, Mention | None]:
    """(authority, issuer) from who the lede says issued it, or from "… của X" in the name itself."""
    if c.issuer and c.issuer_span:
        return _split_actor(c.issuer, c.issuer_span[0])
    verb = ISSUED.search(text[max(sentence, c.span[0] - 40):c.span[0]])
    if verb is None:
        return None, None
    if verb.group().strip(" .,\n-").lower() == "tại":
        after = ACTOR_AFTER.search(text, c.span[1], min(len(text), c.span[1] + 400))
        return _split_actor(after["actor"], after.start("actor")) if after else (None, None)
    verb_at = max(sentence, c.span[0] - 40) + verb.start()
    stamp = STAMP.match(text, sentence) if sentence == 0 else None
    sentence = stamp.end() if stamp else sentence
    lead = LEAD_DATE.match(text, sentence, verb_at)
    start = lead.end() if lead else sentence
    words = text[start:verb_at].rsplit(",", 1)[-1].strip()  # "Chiều tối 3.2, Thường trực Ban Bí thư vừa có"
    words = re.sub(r"\s+(?:đã|vừa|mới)(?:\s+(?:đã|vừa|mới))?$", "", words)
    if not words or len(words.split()) > ACTOR_WORDS or not words[:1].isupper():
        return None, None
    return _split_actor(words, text.find(words, start))


def _without_person(actor: str) -> str:
    """"Phó Chủ tịch UBND tỉnh Đắk Lắk Nguyễn Thiên Văn" → "Phó Chủ tịch UBND tỉnh Đắk Lắk": the signer's
    name (a family name and one to three capitalised syllables, at the end) is not the body."""
    words = actor.split(" ")
    for j in range(max(1, len(words) - 4), len(words) - 1):
        tail = words[j:]
        if tail[0] in surnames() and all(w[:1].isupper() and w[1:].islower() for w in tail):
            return " ".join(words[:j])
    return actor


def _split_actor(actor: str, at: int) -> tuple[Mention | None, Mention | None]:
    actor = _without_person(actor)
    central = next((c for c in CENTRAL if actor.startswith(c)), None)
    if central is not None:
        return Mention(central, (at, at + len(central))), None
    m = ORGAN.match(actor)
    organ, rest = (m["organ"], m["rest"]) if m else (None, actor)
    if organ in CENTRAL:
        return Mention(organ, (at, at + len(organ))), None
    committee = COMMITTEE.match(rest)
    if committee is None:
        if organ is None and ISSUING_BODY.match(actor):
            return None, Mention(actor, (at, at + len(actor)))  # "Văn phòng Trung ương Đảng", "Ban Tuyên giáo Tỉnh ủy X"
        return None, None
    rest_at = at + len(actor) - len(rest)
    body = committee["c"]
    place = committee["place"].strip()
    named = any(w[:1].isupper() for w in place.split())  # "UBND tỉnh" names no province: not an issuer
    issuer = Mention(rest.strip(), (rest_at, rest_at + len(rest.strip()))) if named else None
    level = _level(place)
    if organ is None:
        if STATE_COMMITTEE.match(body):  # "UBND TPHCM vừa có Thông báo": the collective decides
            return Mention(f"{body} {level}".strip(), (at, at + len(actor))), issuer
        return None, issuer
    if organ in ("Chủ tịch", "Phó Chủ tịch"):  # a deputy signs for the Chủ tịch
        return Mention(f"Chủ tịch {body} {level}".strip(), (at, rest_at + len(body))), issuer
    return Mention(f"{organ} {body}", (at, rest_at + len(body))), issuer


STATE_COMMITTEE = re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)$", re.I)
CITY_SHORT = re.compile(r"^(?:TP\.?\s?HCM|TPHCM|TP\.?\s?Hồ Chí Minh|Hà Nội|Hải Phòng|Đà Nẵng|Cần Thơ|Huế)\b")


def _level(place: str) -> str:
    """The level a place names: "tỉnh Gia Lai" → "tỉnh", "TPHCM" → "thành phố" (organs are named
    without their place: "Chủ tịch Ủy ban nhân dân tỉnh")."""
    m = re.match(r"(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\b", place, re.I)
    if m:
        return m.group(1).lower()
    return "thành phố" if CITY_SHORT.match(place) else ""


ORGAN_NAME = (
    r"(?P<organ>Thường trực Ban Bí thư|Ban Bí thư|Bộ Chính trị|Ban Chấp hành Trung ương|"
    r"Ban Thường vụ (?:Tỉnh|Thành|Huyện|Thị|Quận|Đảng) (?:ủy|uỷ)|Thường trực (?:Tỉnh|Thành|Huyện|Thị|Quận|Đảng) (?:ủy|uỷ)|"
    r"Ban Chấp hành Đảng bộ (?:tỉnh|thành phố|huyện)|"
    r"Ban (?:Chấp hành|Thường vụ) (?:Tỉnh|Thành|Huyện|Quận|Thị) (?:đoàn|Đoàn)|Ban Bí thư Trung ương Đoàn|"
    r"(?:Ban (?:Tuyên giáo và Dân vận|Tuyên giáo|Dân vận|Tổ chức|Nội chính|Kinh tế)|(?:Ủy|Uỷ) ban Kiểm tra) "
    r"(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng) (?:ủy|uỷ)|"
    r"(?:Chủ tịch )?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|[Tt]hành phố|huyện|quận|thị xã|xã|phường|"
    r"TP\.?\s?HCM|TPHCM))")
"""The organs a text may say decide: "Ban Thường vụ Tỉnh ủy yêu cầu …", "Ủy ban nhân dân thành phố Hà
Nội ban hành Kế hoạch …" (its place name is not part of the organ); see ``_speaker`` for the
Prime Minister and the ministries."""
SPEAKING_VERB = (r"\s+(?:đã\s+|vừa\s+)?(?:yêu cầu|đề nghị|chỉ đạo|kết luận|giao|thống nhất|quyết định|ban hành"
                 r"|hướng dẫn|có ý kiến|xây dựng (?:kế\s?hoạch|Kế\s?hoạch)|[Cc]hỉ thị(?=\s*:))\b")
TERM_NOTE = r"(?:\s*\((?:(?:khóa|khoá|nhiệm kỳ)[^()\n]{1,20}|[A-ZĐ][A-ZĐa-z&]{1,9})\))?"
"""A term or a short name in brackets between an organ and its verb: "Ban Thường vụ Tỉnh ủy (khóa XV)
ban hành …", "Bộ Giáo dục và Đào tạo (GDĐT) hướng dẫn …"."""
NATIONAL_SPEAKERS = ("Thủ tướng Chính phủ",)
"""Besides the ministries and departments (from the lexicon), the state organs a text may say speak."""


@cache
def _speaker() -> re.Pattern[str]:
    """An organ and its verb: the Party and local organs of ``ORGAN_NAME`` (a place name may follow
    them), the Prime Minister, the ministries and the provincial departments by name (nothing may
    follow them: "Thủ tướng Chính phủ Nguyễn Xuân Phúc giao …" is an act a notice relays)."""
    names = [r"[-–\s]+".join(re.escape(w) for w in name.replace(" - ", " ").split())
             for name in (*NATIONAL_SPEAKERS, *state_body_names())]
    named = rf"(?P<named>{'|'.join(names)})(?!\s+[A-ZĐ])"
    return re.compile(rf"(?:{ORGAN_NAME}(?:\s+(?:[A-ZĐ]\w*)(?:\s+[A-ZĐ]\w*){{0,3}})?|{named}){TERM_NOTE}"
                      rf"{SPEAKING_VERB}")

CLAUSE_OPEN = re.compile(r"(?:^|[,.:;\n]\s?)$")
"""What may stand before a speaking organ: the start of the text, a line or a clause."""
ON_BEHALF_OF = re.compile(rf"[Tt]hay mặt {ORGAN_NAME},")
""""thay mặt Ban Thường vụ Tỉnh ủy, …": on whose behalf the text says it was signed."""


NUMBERED_NEXT = re.compile(r"\s+[A-ZĐ][^\s,.;:]*(?:\s+[a-zđà-ỹ]\w*){0,3}\s+số\s+\d")
""""… đã ban hành Chỉ thị số 50-CT/TW …": the organ issued a numbered document the text goes on about."""


def speaking_organ(text: str, start: int, end: int) -> Mention | None:
    """Who decides, when no signature says it: the first organ that speaks in ``text[start:end]``. An
    organ that "ban hành" a numbered document does not speak here: the text tells of that document
    (a document's own lede is read by :func:`find_self` before this is asked)."""
    speaker = next((m for m in _speaker().finditer(text, start, end)
                    if CLAUSE_OPEN.search(text, max(0, m.start() - 2), m.start())
                    and not (m.group().endswith("ban hành") and NUMBERED_NEXT.match(text, m.end()))), None)
    found = [m for m in (ON_BEHALF_OF.search(text, start, end), speaker) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    group = "named" if m.re is not ON_BEHALF_OF and m["named"] else "organ"
    return Mention(" ".join(m[group].split()), m.span(group))  # "Ủy ban nhân dân\ntỉnh" wrapped by a copy


LEDE_POSTS = ("Thường trực Ban Bí thư", "Tổng Bí thư", "Phó Bí thư", "Bí thư", "Phó Chủ tịch", "Chủ tịch",
              "Phó Trưởng ban", "Trưởng ban", "Phó Chánh Văn phòng", "Chánh Văn phòng", "Phó Giám đốc", "Giám đốc",
              "Phó Thủ tướng", "Thủ tướng", "Thứ trưởng", "Bộ trưởng")
"""The posts a lede names a signer by, each before the shorter ones it ends with ("Tổng Bí thư" before
"Bí thư")."""
LEDE_SIGNER = re.compile(rf"(?P<title>(?i:{'|'.join(LEDE_POSTS)}))(?P<words>[^,;\n]{{0,70}}?)\s+(?:đã\s+|vừa\s+)?ký\b")
"""A lede that names who signed: "…, Phó Bí thư Thường trực Tỉnh ủy Bùi Thanh Hà đã ký công văn …"."""
ON_BEHALF = re.compile(r"[Tt]hay mặt\s+(?P<body>[^,.;\n]{2,60}),\s*$")
NAME_WORDS = 4


@dataclass(frozen=True)
class LedeSigner:
    name: Mention
    title: str | None
    capacity: str | None
    on_behalf: Mention | None = None
    """X of "Thay mặt X, …": the body the document is signed for."""


def lede_signer(text: str, limit: int = LEDE_LIMIT) -> LedeSigner | None:
    """The post and name before "đã ký": the name is the run of capitalised syllables that ends it
    ("… Tỉnh ủy Bùi Thanh Hà"), the title the post words before the body's name; "thay mặt X," in
    front makes it a signature on behalf of X (T/M)."""
    m = LEDE_SIGNER.search(text, 0, min(len(text), limit))
    if m is None:
        return _name_first_signer(text, limit)
    words = m["words"].split()
    k = 0
    while k < min(NAME_WORDS, len(words)) and words[-1 - k][:1].isupper() and words[-1 - k][1:].islower():
        k += 1
    family = next((j for j in range(k, 1, -1) if words[-j] in surnames()), None)
    k = family or min(k, 3)  # "Đắk Lắk Nguyễn Thiên Văn": the name starts at its family name
    if k < 2:
        return _name_first_signer(text, limit)  # "… Trần Cẩm Tú, …, Thường trực Ban Bí thư ký": named before
    name = " ".join(words[-k:])
    at = m.start("words") + m["words"].rfind(name)
    title = _post_title(m["title"] + " " + " ".join(words[:-k]))
    return LedeSigner(Mention(name, (at, at + len(name))), title, *_on_behalf(text, m.start()))


NAME_FIRST_SIGNER = re.compile(
    r"[Đđ]ồng chí\s+(?P<name>[A-ZĐ]\w+(?:\s+[A-ZĐ]\w+){1,3}),\s*(?P<posts>[^;.\n]{3,90}?)\s+(?:đã\s+|vừa\s+)?ký\b")
""""Ngày 22-8, đồng chí Trần Cẩm Tú, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư ký ban hành …": the
name first, then the posts; the last post is the one the document is signed in."""


def _name_first_signer(text: str, limit: int) -> LedeSigner | None:
    m = NAME_FIRST_SIGNER.search(text, 0, min(len(text), limit))
    if m is None:
        return None
    last = m["posts"].split(",")[-1].strip()
    if not any(last.lower().startswith(p.lower()) for p in LEDE_POSTS):
        return None  # "đồng chí X, phóng viên, ký …" is no signature
    return LedeSigner(Mention(m["name"], m.span("name")), _post_title(last), *_on_behalf(text, m.start()))


def _on_behalf(text: str, at: int) -> tuple[str | None, Mention | None]:
    """(capacity, body) of a "thay mặt X," just before a lede's signer: ("T/M", X), or (None, None)."""
    behalf = ON_BEHALF.search(text, max(0, at - 80), at)
    return ("T/M", Mention(behalf["body"], behalf.span("body"))) if behalf else (None, None)


POST_QUALIFIER = re.compile(r"^(Thường trực|thường trực)\b")


def _post_title(words: str) -> str:
    """"Phó Bí thư Thường trực Tỉnh ủy" → "Phó Bí thư Thường trực": the post, without its body."""
    words = words.strip()
    post = next((p for p in LEDE_POSTS if words.lower().startswith(p.lower())), None)
    if post is None:
        return words
    rest = POST_QUALIFIER.match(words[len(post):].strip())
    return f"{post} Thường trực" if rest else post


SENT_TO = re.compile(r"(?<!\w)gửi\s+(?P<list>(?:các|Ban|ban|Thường trực|Tỉnh|tỉnh|Thành|thành|Huyện|huyện|Đảng|đảng|Ủy ban|"
                     r"UBND|Sở|sở|Bộ|bộ)[^.\n]{3,400}?)(?=\s+về\s|\s*\.(?:\s|$)|\n|$)")
""""… vừa có Điện … gửi các tỉnh uỷ, thành uỷ, …": the addressees a press rendering names for the Kính gửi
block it leaves out."""


def sent_to(text: str, limit: int = LEDE_LIMIT) -> tuple[int, int] | None:
    """Span of the addressee list in the title or lede, or None."""
    m = SENT_TO.search(text, 0, min(len(text), limit))
    return m.span("list") if m else None


def fill_header(header: Header, found: SelfMention) -> Header:
    """The header's missing fields from the lede; what the header block said is kept."""
    c = found.citation
    out = header
    if out.number is None and c.number:
        out = replace(out, number=c.number, number_span=c.span)
    if out.doc_type is None and c.type and c.type != "Văn bản":  # "văn bản" is any document, not a type
        out = replace(out, doc_type=c.type)
    if out.date is None and found.date:
        out = replace(out, date=found.date)
    if out.subject is None and c.subject:
        out = replace(out, subject=c.subject, subject_span=found.subject_span)
    if out.issuer is None and found.issuer is not None:
        out = replace(out, issuer=found.issuer)
    elif out.issuer is None and found.authority is not None and found.authority.name in CENTRAL \
            and (c.number is None or c.number.endswith("/TW")):
        out = replace(out, issuer=Mention(CENTRAL_COMMITTEE, found.authority.span))  # Party central documents
    if out.title_authority is None and found.authority is not None:
        out = replace(out, title_authority=found.authority)
    if out.family is None and c.number:
        out = replace(out, family="party" if "-" in c.number.split("/", 1)[0] else "state")
    resolved = {"no number line (Số …) found": out.number, "document type not found": out.doc_type,
                "no subject line found": out.subject, "no issuing body in the header": out.issuer,
                "no date line found": out.date}
    warnings = tuple(w for w in out.warnings if not resolved.get(w))
    return replace(out, warnings=warnings + ("header taken from the title or lede",))


__all__ = ["SelfMention", "fill_header", "find_self"]
