"""Stage 6: assemble the stages' findings into one directive record (the contract's JSON shape).

This is also where mentions are resolved to graph ids (``chidao.resolution``), so a record says
both what was written and which node it means.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from typing import Any

from chidao import resolution as res
from chidao.extract import assignments as asg
from chidao.extract import citations as cit
from chidao.extract import closing, header, items, lede, numbers
from chidao.extract.cadence import report_cadence
from chidao.extract.deadlines import find_deadlines
from chidao.extract.layout import find_layout
from chidao.extract.lexicon import folded_lower
from chidao.extract.models import Accountability, Assignment, Header, Measure, Mention, Reporting, Signature
from chidao.loaders.document import Document
from chidao.resolution import ids

COMMITTEE_OF_CODE = {"TU": "Tỉnh ủy", "TƯ": "Tỉnh ủy", "HU": "Huyện ủy", "THU": "Thành ủy", "ĐU": "Đảng ủy",
                     "TW": "Trung ương"}
NOT_BODIES = ("archive", "as-above")
"""Nơi nhận lines that name no body: "Lưu VT, NC", "Như trên"."""
COLLECTIVE_PARTS = re.compile(r"^(Ban Thường vụ|Thường trực|Ban Chấp hành)$", re.I)
SPEAKER_LIMIT = 3000
"""How far into the text the organ that decides is looked for when no signature names it."""
SELF_ISSUING = re.compile(r"^(?:Ban (?!Chấp hành|Thường vụ|Thường trực)|Văn phòng|Ủy ban Kiểm tra|Uỷ ban Kiểm tra|"
                          r"Đảng ủy|Đảng uỷ|Sở |Tỉnh đoàn)")
"""Issuers that decide in their own name (a ban, an office, a party committee of an agency, a sở)."""


def extract_record(doc: Document) -> dict[str, Any]:
    text = doc.text
    folded = folded_lower(text)
    layout = find_layout(text)
    head = header.parse_header(text, layout)
    own = lede.find_self(text) if head.number is None or head.doc_type is None else None
    if own is not None:
        head = lede.fill_header(head, own)
        if head.issuer is not None and head.issuer is own.issuer:  # as a lede writes it: "UBND tỉnh"
            head = replace(head, issuer=Mention(res.canonical(head.issuer.name), head.issuer.span))
    sig = closing.signature(layout, text)
    if own is not None and sig.capacity is None and sig.title is None:
        sig = Signature()  # a bare name under an article is the reporter's byline
        signed = lede.lede_signer(text)  # "… Phó Bí thư Thường trực Tỉnh ủy Bùi Thanh Hà đã ký …"
        if signed is not None:
            sig = Signature(name=signed.name, title=signed.title, capacity=signed.capacity, span=signed.name.span,
                            capacity_body=signed.on_behalf.name if signed.on_behalf else None,
                            authority_span=signed.on_behalf.span if signed.on_behalf else None)
    warnings = list(head.warnings)
    authority = _authority(head, sig)
    if authority is not None and own is not None and authority is head.title_authority:
        authority = Mention(res.canonical(authority.name), authority.span)  # a lede's "Chủ tịch UBND tỉnh"
    if authority is None and own is None and head.number and _first_line_names(text, head.number):
        titled = lede.find_self(text)  # "Quy định số 97-QĐ/TW của Bộ Chính trị: …" above a copied header
        if titled is not None and titled.citation.number == head.number:
            authority = titled.authority
    if authority is None:
        found = lede.speaking_organ(text, 0, min(len(text), SPEAKER_LIMIT)) or _issuer_decides(head)
        authority = Mention(res.canonical(found.name), found.span) if found else None  # "UBND" written out
    if head.issuer is None and authority is not None and authority.name in lede.CENTRAL \
            and (head.number is None or head.number.endswith("/TW")):
        head = replace(head, issuer=Mention(lede.CENTRAL_COMMITTEE, authority.span))
    doc_date = dt.date.fromisoformat(head.date) if head.date else None

    province = _province(head)
    if province is None:
        warnings.append("province not stated: local bodies get an unknown jurisdiction")
    doc_id = _document_id(head, doc, province)
    ctx = res.Context(province=province, doc_date=doc_date, document_key=ids.document_key(doc_id))
    resolve_in = res.resolver_for(ctx)

    measures = _measures(text, folded, layout, [m for m in (authority,) if m])
    accountability = [a for m in measures for a in _account(text, folded, m)]
    reporting = [r for m in measures for r in _reports(text, folded, m)]
    cc = closing.cc_list(layout)
    if authority is not None:
        for a in cc:
            if a.purpose == "report":  # "Văn phòng Chính phủ, Bộ Nội vụ (b/c)": one line each
                name = re.sub(r"\s*\(.*?\)\s*$", "", a.mention.name)
                start = a.mention.span[0]
                for member in asg.split_members(text, folded, start, start + len(name)) or [
                        Mention(name, (start, start + len(name)))]:
                    reporting.append(Reporting(authority, member, "once", a.mention.name, a.mention.span))
    body_start = layout.lines[layout.body[0]].start if layout.body[0] < len(layout.lines) else len(text)
    body_end = layout.lines[layout.body[1] - 1].end if layout.body[1] > layout.body[0] else body_start
    citations = [c for c in _citations(text, body_start, body_end, doc_date) if not _is_self(c, head, own, authority)]
    deadlines = [d for m in measures for d in find_deadlines(text, m.span[0], m.span[1], ref=doc_date)]
    if sig.name is None:
        warnings.append("no signer name found")
    if not measures:
        warnings.append("no body text found")

    def ref(m: Mention | None, kind: str | None = None, resolve: bool = True,
            display: bool = False) -> dict[str, Any] | None:
        if m is None:
            return None
        if resolve:
            r = resolve_in(m.name, kind)
            out: dict[str, Any] = {"name": m.name, "id": r.id, "kind": r.kind, "span": list(m.span)}
            if display and r.name != res.canonical(m.name) and r.jurisdiction and r.jurisdiction != "Việt Nam" \
                    and not (res.province_from(m.name)  # "Tỉnh ủy Thừa Thiên Huế" keeps its 2022 name
                             and res.canonical(m.name).startswith(r.name)):
                out["name"] = f"{r.name} {r.jurisdiction}"  # "BCH ĐOÀN TNCS … TỈNH THÁI NGUYÊN" → Tỉnh đoàn Thái Nguyên
        else:
            out = {"name": m.name, "id": None, "kind": None, "span": list(m.span)}
        quote = text[m.span[0]:m.span[1]]
        if quote != m.name:
            out["quote"] = quote  # the name was re-cased or completed (issuer in capitals, T/M authority)
        return out

    return {
        "source": {"path": doc.path, "sha256": doc.sha256, "format": doc.format, "encoding": doc.encoding},
        "document": {
            "id": doc_id,
            "type": head.doc_type,
            "number": head.number,
            "date": head.date,
            "place": head.place,
            "issuer": ref(head.issuer, display=True),
            "authority": ref(authority),
            "subject": head.subject,
        },
        "signer": _signer(sig),
        "recipients": [ref(m) for m in _recipients(text, layout, own is not None or head.number is None)],
        "cc": [ref(a.mention, resolve=a.purpose not in NOT_BODIES) for a in cc],
        "citations": [_citation(c, ctx, province) for c in citations],
        "measures": [_measure(m, doc_id, ref) for m in measures],
        "accountability": [{"who": ref(a.who), "to": ref(a.to), "quote": a.quote, "span": list(a.span)}
                           for a in accountability],
        "reporting": [{"who": ref(r.who), "to": ref(r.to), "cadence": r.cadence, "quote": r.quote,
                       "span": list(r.span)} for r in reporting],
        "deadlines": [{"what": d.what, "by": d.by, "quote": d.quote, "span": list(d.span)} for d in deadlines],
        "warnings": warnings,
    }


# --- header-level decisions -------------------------------------------------------------------------


def _authority(head: Header, sig: Signature) -> Mention | None:
    """On whose behalf the document is signed: the T/M body, completed with the committee it belongs to."""
    body = sig.outer_body or (sig.capacity_body if sig.capacity == "T/M" else None)
    if body:
        name = header.proper_case(body)
        committee = _committee(head)
        if COLLECTIVE_PARTS.match(name) and committee:
            name = f"{name} {committee}"
        elif re.match(r"^Ủy ban nhân dân$", name) and head.issuer:
            level = re.search(r"\b(tỉnh|huyện|xã|phường|thành phố|thị xã|quận)\b", head.issuer.name)
            name = f"{name} {level.group(1)}" if level else name
        return Mention(name, sig.authority_span or sig.span or (0, 0))
    if sig.capacity in ("K/T", "T/L", "TUQ", "Q.") and sig.capacity_body:
        # "KT. CHỦ TỊCH": the head the deputy signs for; "T/L BAN THƯỜNG VỤ": the body that ordered it
        name = header.proper_case(sig.capacity_body)
        if COLLECTIVE_PARTS.match(name):
            committee = _committee(head)
            return Mention(f"{name} {committee}" if committee else name, sig.authority_span or (0, 0))
        return Mention(_head_of(name, head), sig.authority_span or (0, 0))
    if head.title_authority is not None:
        return head.title_authority
    if sig.capacity is None and sig.title and re.match(r"^(Chủ tịch|Giám đốc|Bí thư|Thủ tướng)$", sig.title):
        return Mention(_head_of(sig.title, head), sig.span or (0, 0))
    return None


def _first_line_names(text: str, number: str) -> bool:
    """Whether the text's first line (a page title) names the document's number."""
    first = text.lstrip()[:300].split("\n", 1)[0]
    return numbers.number_key(number) in numbers.number_key(first)


def _recipients(text: str, layout, press: bool) -> list[Mention]:
    """The Kính gửi block, or — in a press rendering, which leaves it out — the "gửi …" list of its
    lede: groups cut at semicolons when it has them, else at the bodies it lists."""
    found = closing.recipients(layout)
    if found or not press:
        return found
    span = lede.sent_to(text)
    if span is None:
        return []
    a, b = span
    cut = GROUP_CUT_SEMICOLON if ";" in text[a:b] else GROUP_CUT
    out, pos = [], a
    for m in [*cut.finditer(text, a, b), None]:
        end = m.start() if m else b
        name = text[pos:end].strip(" ,")
        if name:
            at = text.find(name, pos, end)
            out.append(Mention(name, (at, at + len(name))))
        pos = m.end() if m else b
    return out


GROUP_CUT_SEMICOLON = re.compile(r"\s*;\s*")
GROUP_CUT = re.compile(r",\s*(?=[Cc]ác\s)|\s+và\s+")
"""How a lede's addressee list is grouped: at semicolons when it has them, else before each "các …"
group and at "và" ("các tỉnh uỷ, thành uỷ, các ban đảng, ban cán sự đảng, …": two groups)."""


def _issuer_decides(head: Header) -> Mention | None:
    """With no signature and no organ speaking, a ban, office or sở decides as itself: its name
    without the province ("Ban Tuyên giáo Tỉnh ủy Thanh Hóa" → "Ban Tuyên giáo Tỉnh ủy")."""
    if head.issuer is None or not SELF_ISSUING.match(head.issuer.name):
        return None
    name = head.issuer.name
    found = res.province_from(name)
    if found:
        name = re.sub(rf"\s*{re.escape(found[1])}\s*$", "", name, flags=re.I).strip() or name
    return Mention(name, head.issuer.span)


HEAD_OF = {"Thủ tướng": "Thủ tướng Chính phủ"}


def _head_of(title: str, head: Header) -> str:
    """``Chủ tịch`` of the issuer: ``Chủ tịch Ủy ban nhân dân tỉnh``, ``Bí thư Tỉnh ủy``, ``Giám đốc Sở Y tế``."""
    if title in HEAD_OF:
        return HEAD_OF[title]
    if head.issuer is None:
        return title
    org = head.issuer.name
    found = res.province_from(org)
    if found:
        org = re.sub(rf"\s*{re.escape(found[1])}\s*$", "", org, flags=re.I).strip() or org
    committee = re.search(r"(Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Quận ủy|Đảng ủy)", org)
    if committee and title == "Bí thư":
        org = committee.group(1)
    return f"{title} {org}"


def _committee(head: Header) -> str | None:
    if head.issuer is not None:
        m = re.search(r"(Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Quận ủy|Đảng ủy)", head.issuer.name)
        if m:
            return m.group(1)
    return COMMITTEE_OF_CODE.get((head.issuer_code or "").upper())


def _province(head: Header) -> str | None:
    for candidate in (head.issuer.name if head.issuer else None, head.superior.name if head.superior else None,
                      head.place):
        if candidate:
            found = res.province_from(candidate)
            if found:
                return found[0]
    return None


def _document_id(head: Header, doc: Document, province: str | None) -> str:
    year = int(head.date[:4]) if head.date else head.year
    date = dt.date.fromisoformat(head.date) if head.date else None
    if numbers.is_national_code(head.issuer_code):
        scope = ids.NATIONAL
    else:
        scope = res.province_scope(province, date) if province else ids.UNKNOWN
    issuer = head.issuer.name if head.issuer else None
    if head.number and not head.number.isdigit():  # a bare "số 02" (press) is no symbol: not an identity
        return ids.document_id(scope=scope, number=head.number, year=year,
                                  numbered_by=_numbering_body(head, scope, province, date))
    if head.date and (issuer or head.doc_type):
        return ids.document_id(scope=scope, issuer=issuer, doc_type=head.doc_type, date=head.date)
    # Nothing identifies it but its words: hash the text (not the file), so the same directive read
    # from .txt, .docx or .html is one document.
    words = " ".join(doc.text.split()).encode("utf-8")
    return ids.document_id(scope=scope, sha256=hashlib.sha256(words).hexdigest())


SHARED_ISSUER_CODES = frozenset({"ĐU", "ĐUK", "CB"})
"""Issuer codes several bodies of one province use at the same level (the party committees of the
provincial police, army and agencies all number ``…/ĐU``)."""


def _numbering_body(head: Header, scope: str, province: str | None, date: dt.date | None) -> str | None:
    """The issuer's canonical name when its numbers are unique only within it, not within ``scope``:
    a body below the province (every district of a province numbers ``…/HU`` from 1; xã, phòng), or
    an issuer code that is not one body's own (``ĐU``, a code not in the list). National bodies and
    provincial ones with a code of their own (``TU``, ``UBND`` of the province, ``SYT``) keep ids
    without it, so a citation by number still reaches them."""
    if scope == ids.NATIONAL or head.issuer is None:
        return None
    code = (head.issuer_code or "").upper()
    r = res.resolve(head.issuer.name, res.Context(province=province, doc_date=date, document_key=""))
    if r.level in ("district", "commune") or code in SHARED_ISSUER_CODES or code not in numbers.issuer_codes():
        return r.name
    return None


def _signer(sig: Signature) -> dict[str, Any] | None:
    if sig.name is None and sig.title is None and sig.capacity is None:
        return None
    out: dict[str, Any] = {"name": sig.name.name if sig.name else None, "title": sig.title, "capacity": sig.capacity}
    if sig.span:
        out["span"] = list(sig.span)
    return out


# --- body -------------------------------------------------------------------------------------------


def _measures(text: str, folded: str, layout, speakers: list[Mention]) -> list[Measure]:
    """The items and what each assigns; the document's own issuer and authority are the ones speaking,
    never assignees ("Ủy ban Kiểm tra Trung ương hướng dẫn …" in its own guidance)."""
    out: list[Measure] = []
    seen: set[tuple[str | None, str, str]] = set()
    own = {folded_lower(res.canonical(m.name)) for m in speakers}
    for k, block in enumerate(items.find_blocks(layout)):
        found = asg.find_assignments(text, folded, block.start, block.end, block.marker_end)
        kept: list[Assignment] = []
        for a in _prefer_lead(found):
            if folded_lower(res.canonical(a.mention.name)) in own:
                continue
            key = (block.item, folded_lower(a.mention.name), a.role)
            if key in seen:
                continue
            seen.add(key)
            kept.append(a)
        out.append(Measure(k + 1, block.item, text[block.start:block.end], (block.start, block.end), block.kind,
                           tuple(kept)))
    return out


def _prefer_lead(found: list[Assignment]) -> list[Assignment]:
    """A body named lead in a measure is not also listed as executing it."""
    leads = {folded_lower(a.mention.name) for a in found if a.role == "lead"}
    return [a for a in found if a.role == "lead" or folded_lower(a.mention.name) not in leads]


def _measure(m: Measure, doc_id: str, ref) -> dict[str, Any]:
    return {
        "id": ids.measure_id(doc_id, m.ordinal),
        "item": m.item,
        "text": m.text,
        "span": list(m.span),
        "assignments": [{"body": ref(a.mention), "role": a.role, "quote": a.quote, "span": list(a.span)}
                        for a in m.assignments],
    }


def _account(text: str, folded: str, m: Measure) -> list[Accountability]:
    if "trách nhiệm trước" not in folded[m.span[0]:m.span[1]]:
        return []  # find_accountability's own test, on the whole measure: no marker or body to look for
    return asg.find_accountability(text, folded, _body_of(m, text)[0], m.span[1])


def _reports(text: str, folded: str, m: Measure) -> list[Reporting]:
    measure = folded[m.span[0]:m.span[1]]
    if "báo cáo" not in measure and "kính báo" not in measure:
        return []  # find_reporting's own test, first: the reporter is looked for only when there is a report
    who = next((a.mention for a in m.assignments if a.role == "lead"), None)
    if who is None:
        subject = asg.noun_phrase(text, folded, *_body_of(m, text))
        if subject is not None and m.assignments:
            who = Mention(text[subject[0]:subject[1]], subject)
        elif m.assignments:
            who = m.assignments[0].mention
    return asg.find_reporting(text, folded, m.span[0], m.span[1], who, report_cadence)


def _body_of(m: Measure, text: str) -> tuple[int, int]:
    marker = items.marker_of(m.text) or None
    start = m.span[0] + (marker[3] if marker else 0)
    if m.text.startswith(("-", "+", "•")):
        start = m.span[0] + len(m.text) - len(m.text.lstrip("-+• "))
    return start, m.span[1]


UNDATED_BASIS_ONLY = frozenset({"Luật", "Điều lệ", "Bộ luật", "Pháp lệnh"})
"""Documents named by title only (no number, no date) count as citations in a basis clause alone."""


BASIS_HEAD = re.compile(r"(?:căn cứ|;)\s*$")


def _heads_basis(text: str, c: cit.Citation) -> bool:
    """A document named by title only is a basis when it opens a "Căn cứ" clause or an item of its list
    ("Căn cứ Điều lệ Đảng; …; Luật Thi đua, khen thưởng năm 2022; …"), not inside another's description."""
    return c.relation == "based_on" and BASIS_HEAD.search(folded_lower(text[max(0, c.span[0] - 12):c.span[0]])) is not None


def _citations(text: str, start: int, end: int, ref: dt.date | None) -> list[cit.Citation]:
    found = cit.find_citations(text, start, end, ref=ref)
    out: list[cit.Citation] = []
    keys: set[tuple] = set()
    for c in found:
        if c.number is None and c.date is None and c.type in UNDATED_BASIS_ONLY and not _heads_basis(text, c):
            continue  # "theo Điều lệ Đảng", "thi hành Luật Thủ đô": content, not the basis it stands on
        k = (c.number and folded_lower(c.number).replace("-", "/"), c.type if not c.number else None,
             c.date if not c.number else None,
             " ".join(folded_lower(c.quote).split()[:4]) if not c.number and not c.date else None)  # two laws
        if k in keys:
            continue
        keys.add(k)
        out.append(c)
    return out


def _is_self(c: cit.Citation, head: Header, own: lede.SelfMention | None, authority: Mention | None) -> bool:
    """A document never cites itself: its own number, the lede sentence that names it, or — in a
    press rendering — its own type named again with no number ("toàn văn Điện của Thường trực Ban Bí thư")."""
    if own is not None and own.citation.span[0] <= c.span[0] < own.citation.span[1]:
        return True
    if own is not None and c.number is None and c.type == head.doc_type and (
            c.issuer is None or (authority is not None and folded_lower(c.issuer) == folded_lower(authority.name))):
        return True
    return bool(c.number and head.number and numbers.number_key(c.number) == numbers.number_key(head.number))


def _citation(c: cit.Citation, ctx: res.Context, province: str | None) -> dict[str, Any]:
    issuer = None
    scope = res.province_scope(province, ctx.doc_date) if province else ids.unknown_scope(ctx.document_key)
    if c.issuer:
        r = res.resolve(c.issuer, ctx)
        span = c.issuer_span or c.span
        issuer = {"name": c.issuer, "id": r.id, "kind": r.kind, "span": list(span)}
        scope = r.scope
    year = int(c.date[:4]) if c.date else None
    if c.number and not c.number.isdigit():  # a bare "số 1409" names no symbol to identify it by
        code = re.split(r"[-/]", c.number)[-1]
        if numbers.is_national_code(code) or (issuer and scope == ids.NATIONAL):
            scope = ids.NATIONAL
        target = ids.document_id(scope=scope, number=c.number, year=year)
    elif c.date and (c.issuer or c.type):
        target = ids.document_id(scope=scope, issuer=c.issuer, doc_type=c.type, date=c.date)
    else:
        target = None
    return {"type": c.type, "number": c.number, "date": c.date, "issuer": issuer, "target_id": target,
            "relation": c.relation, "quote": c.quote, "span": list(c.span)}
