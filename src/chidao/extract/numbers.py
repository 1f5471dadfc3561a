"""Document numbers and symbols (số và ký hiệu), Party and state.

Party: ``Số 629-CV/TU`` (number-TYPE/ISSUER). State: ``Số: 02/CĐ-UBND`` (number/TYPE-ISSUER[-UNIT]),
công văn without a type code ``Số: 4912/UBND-NC``, legal documents with the year
``Số: 30/2020/NĐ-CP``. Converted files add spaces and odd dashes (``Số 761 - CV/TU``); dashes are
already unified by the normaliser, spaces are tolerated here. The family of a written number follows
its issuer code, so a Party-style ``16-CT/TTg`` of the Prime Minister reads as the state
``16/CT-TTg``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

CODE = r"[A-ZĐƯ][A-Za-zĐđƯư0-9&]{0,14}"

PARTY_NUMBER = re.compile(
    rf"(?P<serial>\d{{1,5}})\s*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{{0,5}})\s*/\s*(?P<issuer>{CODE}(?:\s*-\s*{CODE})?)")
"""``761 - CV/TU``, ``1400-CV/VPTU``, ``367 - QĐ/TWĐTN-VP``."""

STATE_NUMBER = re.compile(
    rf"(?P<serial>\d{{1,6}})?\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?(?P<tail>{CODE}(?:\s*-\s*{CODE})*)")
"""``02/CĐ-UBND``, ``4912/UBND-NC``, ``30/2020/NĐ-CP``, blank ``/UBND-VP``."""

NUMBER_LINE = re.compile(r"(?:^|(?<=\s)|(?<=\*))S[ốoỐO]\s*(?:và ký hiệu)?\s*:?\s*", re.M)
"""Where a number line starts: ``Số``, ``Số:``, ``So`` (diacritics lost)."""


@dataclass(frozen=True)
class DocNumber:
    raw: str
    number: str | None
    family: str  # "party" | "state"
    type_code: str | None
    issuer_code: str | None
    year: int | None
    serial: str | None
    span: tuple[int, int]
    quote: str


@cache
def _csv(name: str) -> tuple[dict[str, str], ...]:
    text = resources.files("chidao.extract").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


@cache
def type_codes() -> dict[str, str]:
    """Type code → type name (``CV`` → ``Công văn``), case-sensitive as codes are."""
    return {row["code"]: row["name"] for row in _csv("doc_types.csv") if row["code"]}


@cache
def issuer_codes() -> dict[str, dict[str, str]]:
    return {row["code"].upper(): row for row in _csv("issuer_codes.csv")}


def _issuer_family(code: str | None) -> str | None:
    if not code:
        return None
    row = issuer_codes().get(code.upper())
    if row is None:
        return None
    return "state" if row["family"] in ("state", "front") else "party"


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _party(serial: str, type_code: str, issuer: str) -> tuple[str, str]:
    if _issuer_family(issuer.split("-")[0]) == "state":
        return f"{serial}/{type_code}-{issuer}", "state"
    return f"{serial}-{type_code}/{issuer}", "party"


def _state(serial: str | None, year: str | None, tail: str) -> tuple[str | None, str | None, str | None, str]:
    """(number, type_code, issuer_code, family) for a state-style number."""
    parts = [p for p in _compact(tail).split("-") if p]
    type_code = parts[0] if parts and parts[0] in type_codes() and len(parts) > 1 else None
    issuer = (parts[1] if type_code else parts[0]) if parts else None
    family = "party" if _issuer_family(issuer) == "party" and issuer and issuer.upper() not in ("UBND",) else "state"
    if serial is None:
        return None, type_code, issuer, family
    middle = f"{year}/" if year else ""
    return f"{serial}/{middle}{'-'.join(parts)}", type_code, issuer, family


def find_number_line(text: str) -> DocNumber | None:
    """The header's ``Số …`` line, wherever the flattened header put it."""
    for anchor in NUMBER_LINE.finditer(text):
        start = anchor.end()
        head = text[start:start + 60]
        m = PARTY_NUMBER.match(head)
        if m:
            number, family = _party(m["serial"], m["type"], _compact(m["issuer"]))
            return _result(text, anchor.start(), start + m.end(), number, family, m["type"],
                           _compact(m["issuer"]), None, m["serial"])
        m = STATE_NUMBER.match(head)
        if m and (m["serial"] or m["tail"]):
            number, type_code, issuer, family = _state(m["serial"], m["year"], m["tail"])
            return _result(text, anchor.start(), start + m.end(), number, family, type_code, issuer,
                           int(m["year"]) if m["year"] else None, m["serial"])
    return None


def _result(text: str, start: int, end: int, number: str | None, family: str, type_code: str | None,
            issuer: str | None, year: int | None, serial: str | None) -> DocNumber:
    quote = text[start:end]
    return DocNumber(raw=quote, number=number, family=family, type_code=type_code, issuer_code=issuer, year=year,
                     serial=serial, span=(start, end), quote=quote)


def normalize_number(raw: str) -> tuple[str | None, str]:
    """A written number in canonical form and its family: ``16-CT/TTg`` → (``16/CT-TTg``, ``state``)."""
    raw = raw.strip()
    m = PARTY_NUMBER.fullmatch(raw)
    if m:
        return _party(m["serial"], m["type"], _compact(m["issuer"]))
    m = STATE_NUMBER.fullmatch(raw)
    if m:
        number, _, _, family = _state(m["serial"], m["year"], m["tail"])
        return number, family
    return None, "state" if "/" in raw.split("-")[0] else "party"


def number_key(number: str) -> str:
    """Separator-free upper-case key: ``16-CT/TTg`` and ``16/CT-TTg`` agree."""
    return re.sub(r"[\s\-/.]", "", number).upper()


def issuer_of_code(code: str | None) -> str | None:
    """The national body a code names (``TTg`` → ``Thủ tướng Chính phủ``), or None."""
    if not code:
        return None
    row = issuer_codes().get(code.upper())
    if row is None or row["scope"] != "national":
        return None
    return row["body"] or None


def is_national_code(code: str | None) -> bool:
    row = issuer_codes().get((code or "").upper())
    return bool(row and row["scope"] == "national")
