"""Document numbers and symbols (số và ký hiệu), Party and state.

Party: ``Số 629-CV/TU`` (number-TYPE/ISSUER). State: ``Số: 02/CĐ-UBND`` (number/TYPE-ISSUER[-UNIT]),
công văn without a type code ``Số: 4912/UBND-NC``, legal documents with the year
``Số: 30/2020/NĐ-CP``. Converted files add spaces (``Số 761 - CV/TU``, ``Số 357 -CV/HNDTW``); dashes
are already unified by the normaliser, spaces are tolerated here and removed from the number.

The family of a written number follows its issuer code when the code is known: a Party-style
``16-CT/TTg`` of the Prime Minister reads as the state ``16/CT-TTg``. Otherwise the form decides
(hyphen before the type: Party; slash before it: state). Codes and bodies are data
(``data/doc_types.csv``, ``data/issuer_codes.csv``), not code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# --- patterns ------------------------------------------------------------------------------------------

CODE = r"[A-ZĐƯ][A-Za-zĐđƯư0-9&]{0,14}(?:\.[A-ZĐ0-9]{1,3}(?![\w]))?"
"""One symbol group: ``CV``, ``TU``, ``TTg``, ``QĐi``, ``BCĐTW``, ``QH15``, ``PTTH&TTĐT``, a unit with a dot
(``V.I``, Vụ I of the Văn phòng Chính phủ)."""

SERIAL = r"\d{1,6}(?:\.\d{1,3}|[a-d](?![\w]))?"
"""The running number, with the occasional sub-number (``66.12/2026/NQ-CP``) or letter (``30c/NQ-CP``)."""

LOST_HYPHEN = r"[ ](?=(?:CV|CT|KL|KH|NQ|QĐ|TB|HD|BC|QC|ĐA|CTr|CĐ)\s*/)"
"""Aggregators drop the hyphen after the serial (``48 CT/TW``); only before a known type code."""

PARTY_NUMBER = re.compile(
    rf"(?P<serial>{SERIAL})(?:\s*-\s*|{LOST_HYPHEN})(?P<type>[A-ZĐ][A-Za-zĐđ]{{0,5}})\s*/\s*"
    rf"(?P<issuer>{CODE}(?:\s*-\s*{CODE})*)(?![\w&])")
"""``761 - CV/TU``, ``1400-CV/VPTU``, ``367 - QĐ/TWĐTN-VP``, ``48 CT/TW``: number, hyphen, type,
slash, issuer."""

PARTY_BLANK = re.compile(rf"[.…_]*\s*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{{0,5}})\s*/\s*(?P<issuer>{CODE}(?:-{CODE})*)(?![\w&])")
"""A Party draft with the number left blank: ``Số    -CV/TU``, ``Số ...-KH/TU``."""

LOST_GROUP_HYPHEN = r"[ ](?=(?:UBND|HĐND|CP|TTg|VPCP|BCĐ|MTTQ|CTUBND|BTC|BYT|BNV|BQP|BCA)(?![\w&/]))"
"""A hyphen lost between the type and the issuer (``86/QĐ UBND``): only before a known issuer code."""

STATE_NUMBER = re.compile(
    rf"(?:(?P<serial>{SERIAL})|[.…_]*)\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<tail>{CODE}(?:(?:\s*-\s*|{LOST_GROUP_HYPHEN}){CODE})*)(?![\w&])")
"""``02/CĐ-UBND``, ``4912/UBND-NC``, ``30/2020/NĐ-CP``, blank ``/UBND-VP`` or ``.../QĐ-UBND``."""

NUMBER_LINE = re.compile(r"(?:^|(?<=[\s*|(]))S(?:[ỐốOo]|(?=\s*:\s*\d))\s*(?:(?:và\s+)?ký\s+hiệu)?\s*:?\s*", re.M)
"""Where a number line starts: ``Số``, ``Số:``, ``SỐ:``, ``So`` (diacritics lost), ``S:`` (a web copy
that lost the letter ``ố`` whole), ``Số và ký hiệu:``."""


NUMBER_PREFIX = re.compile(r"^\s*S[ốỐoO]\s*:?\s*")
"""``Số:`` in front of a number given to ``normalize_number``."""

GROUP_SEPARATOR = re.compile(r"\s*-\s*")
SPACES = re.compile(r"\s+")
KEY_SEPARATORS = re.compile(r"[\s\-/.]")
"""What ``number_key`` drops: spaces, hyphens, slashes, dots."""


@dataclass(frozen=True)
class DocNumber:
    """The header's number: canonical ``number`` (None for a blank draft) and its parts; ``raw`` is
    the symbol as written (without ``Số:``), ``quote`` the whole line fragment."""

    raw: str
    number: str | None
    family: str  # "party" | "state"
    type_code: str | None
    issuer_code: str | None
    year: int | None
    serial: str | None
    span: tuple[int, int]
    quote: str


# --- vocabularies --------------------------------------------------------------------------------------


@cache
def _csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a data file beside this module (CSV with a header row), read once."""
    text = resources.files("chidao.extract").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@cache
def type_names(code: str) -> dict[str, str]:
    """Family → type name for a type code; ``TT`` is Thông tri (Party) or Thông tư (state)."""
    return {row["family"]: row["name"] for row in _csv("doc_types.csv") if row["code"] == code}


@cache
def type_codes() -> dict[str, str]:
    """Type code → type name (``CV`` → ``Công văn``), case-sensitive as codes are; the first row wins
    for a code shared by two families."""
    out: dict[str, str] = {}
    for row in _csv("doc_types.csv"):
        if row["code"]:
            out.setdefault(row["code"], row["name"])
    return out


@cache
def issuer_codes() -> dict[str, dict[str, str]]:
    """Issuer code (upper case) → its row: body, scope (national/provincial), family."""
    return {row["code"].upper(): row for row in _csv("issuer_codes.csv")}


def _issuer_family(code: str | None) -> str | None:
    """"party", "state", "front" or None for an unknown code (the first group of a compound one)."""
    if not code:
        return None
    row = issuer_codes().get(GROUP_SEPARATOR.split(code)[0].upper())
    return row["family"] if row else None


def issuer_of_code(code: str | None) -> str | None:
    """The national body a code names (``TTg`` → ``Thủ tướng Chính phủ``), or None.

    ``TW`` gives None on purpose: it stands for the Ban Chấp hành, the Bộ Chính trị and the Ban Bí
    thư alike, and a provincial code (``UBND``, ``TU``) does not say which province.
    """
    if not code:
        return None
    row = issuer_codes().get(code.upper())
    if row is None or row["scope"] != "national":
        return None
    return row["body"] or None


def is_national_code(code: str | None) -> bool:
    """Whether an issuer code names a national body (``TW``, ``TTg``, ``BYT``): ids need no province."""
    row = issuer_codes().get((code or "").upper())
    return bool(row and row["scope"] == "national")


# --- parsing -------------------------------------------------------------------------------------------


def _compact(s: str) -> str:
    return SPACES.sub("", s)


def _party(serial: str | None, type_code: str, issuer: str) -> tuple[str | None, str]:
    """Canonical (number, family) for a hyphen-form number; a state issuer turns it to state form."""
    if _issuer_family(issuer) == "state":
        return (f"{serial}/{type_code}-{issuer}" if serial else None), "state"
    return (f"{serial}-{type_code}/{issuer}" if serial else None), "party"


def _state(serial: str | None, year: str | None, tail: str) -> tuple[str | None, str | None, str | None, str]:
    """(number, type_code, issuer_code, family) for a slash-form number.

    The first group is a type code only when it is a known one and more groups follow; otherwise it
    is the issuer (công văn: ``4912/UBND-NC``). A known Party issuer written this way (``12/BC-VPTU``)
    keeps its written form but is a Party document.
    """
    parts = _unglued([p for p in re.split(r"\s*-\s*|\s+", tail.strip()) if p])
    type_code = parts[0] if len(parts) > 1 and parts[0] in type_codes() else None
    issuer = (parts[1] if type_code else parts[0]) if parts else None
    family = "party" if _issuer_family(issuer) == "party" else "state"
    if serial is None:
        return None, type_code, issuer, family
    middle = f"{year}/" if year else ""
    return f"{serial}/{middle}{'-'.join(parts)}", type_code, issuer, family


def _unglued(parts: list[str]) -> list[str]:
    """A symbol whose hyphen a PDF copy lost (``61/2018/NĐCP``, ``2468/QĐUBND``, ``01/2018/TTVPCP``):
    a type code glued to a state issuer's code, split again. Only a lone group that is no issuer's
    code itself (``TTCP`` is the Thanh tra Chính phủ's) and splits into two known codes."""
    if len(parts) != 1 or parts[0].upper() in issuer_codes():
        return parts
    for code in _type_codes_longest_first():
        rest = parts[0][len(code):]
        if parts[0].startswith(code) and len(rest) >= 2 and issuer_codes().get(rest.upper(), {}).get("family") == "state":
            return [code, rest]
    return parts


@cache
def _type_codes_longest_first() -> tuple[str, ...]:
    return tuple(sorted(type_codes(), key=len, reverse=True))


def find_number_line(text: str) -> DocNumber | None:
    """The header's ``Số …`` line, wherever a flattened header put it; None when there is none.

    The first ``Số`` that is followed by a well-formed symbol wins, so ``Số lượng`` or ``Số 5 người``
    in the text are passed over.
    """
    for anchor in NUMBER_LINE.finditer(text):
        start = anchor.end()
        head = text[start:start + 80]
        m = PARTY_NUMBER.match(head)
        if m:
            issuer = _compact(m["issuer"])
            number, family = _party(m["serial"], m["type"], issuer)
            return _result(text, anchor.start(), start, m.end(), number, family, m["type"], issuer.split("-")[0],
                           None, m["serial"])
        m = STATE_NUMBER.match(head)
        if m:
            number, type_code, issuer, family = _state(m["serial"], m["year"], m["tail"])
            return _result(text, anchor.start(), start, m.end(), number, family, type_code, issuer,
                           int(m["year"]) if m["year"] else None, m["serial"])
        m = PARTY_BLANK.match(head)
        if m:
            issuer = _compact(m["issuer"])
            _, family = _party(None, m["type"], issuer)
            return _result(text, anchor.start(), start, m.end(), None, family, m["type"], issuer.split("-")[0],
                           None, None)
    return None


def _result(text: str, start: int, symbol: int, length: int, number: str | None, family: str,
            type_code: str | None, issuer: str | None, year: int | None, serial: str | None) -> DocNumber:
    end = symbol + length
    return DocNumber(raw=text[symbol:end].strip(), number=number, family=family, type_code=type_code,
                     issuer_code=issuer, year=year, serial=serial, span=(start, end), quote=text[start:end])


def normalize_number(raw: str) -> tuple[str | None, str]:
    """A written number in canonical form and its family: ``16-CT/TTg`` → (``16/CT-TTg``, ``state``).

    Works on header numbers and on numbers in citations alike, so both give the same id. A string
    that is not a number gives (None, the family its form suggests).
    """
    raw = NUMBER_PREFIX.sub("", raw.strip())
    m = PARTY_NUMBER.fullmatch(raw)
    if m:
        return _party(m["serial"], m["type"], _compact(m["issuer"]))
    m = STATE_NUMBER.fullmatch(raw)
    if m:
        number, _, _, family = _state(m["serial"], m["year"], m["tail"])
        return number, family
    return None, "state" if "/" in raw.split("-")[0] else "party"


def number_key(number: str) -> str:
    """Separator-free upper-case key: ``16-CT/TTg`` and ``16/CT-TTg`` agree (used in ids)."""
    return KEY_SEPARATORS.sub("", number).upper()


__all__ = ["DocNumber", "find_number_line", "is_national_code", "issuer_of_code", "normalize_number", "number_key",
           "type_codes", "type_names"]
