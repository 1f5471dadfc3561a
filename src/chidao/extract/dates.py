"""Dates in directives: full Vietnamese dates, numeric dates, partial and year-less forms.

Every match keeps its span and quote. A year-less date (``trước ngày 15/12``) takes its year from a
reference date (the document's) when one is given; otherwise its value is ``None`` — never a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

FULL_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y>\d{4})", re.I)
"""``ngày 03 tháng 11 năm 2021``"""

NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})"
                          r"(?![\d/])")
"""``26/4/2021``, ``01-10-1997``, ``26.4.2021`` — one separator throughout."""

BLANK_DATE = re.compile(r"ngày\s*(?:\.{2,}|…+|_+|\s{2,})\s*tháng\s*(?P<m>\d{1,2}|\.{2,}|…+|_+|\s+)\s*năm\s+(?P<y>\d{4})",
                        re.I)
"""A draft's date with blanks: ``ngày   tháng 12 năm 2020``."""

MONTH_YEAR = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)(?P<y>\d{4})", re.I)
QUARTER_YEAR = re.compile(r"quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|\s+năm\s+)(?P<y>\d{4})", re.I)
YEAR_ONLY = re.compile(r"năm\s+(?P<y>(?:19|20)\d{2})(?![\d/])", re.I)
YEARLESS_NUMERIC = re.compile(r"ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])", re.I)
"""``ngày 15/12`` with no year (``24/24 giờ`` has no ``ngày`` and is not a date)."""
YEARLESS_WORDS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?!\s*(?:,\s*)?năm|\d|/)", re.I)

QUARTERS = {"I": 1, "1": 1, "II": 2, "2": 2, "III": 3, "3": 3, "IV": 4, "4": 4}

PLACE_DATE = re.compile(r"^\s*(?P<place>[^\d,;:]{2,60}?)\s*,\s*(?P<rest>ngày\b.*)$", re.I)


@dataclass(frozen=True)
class DateMatch:
    value: dt.date | None
    precision: str  # "day", "month", "quarter", "year", "blank"
    span: tuple[int, int]
    quote: str


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> dt.date | None:
    if not 1 <= m <= 12:
        return None
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def find_dates(text: str, ref: dt.date | None = None) -> list[DateMatch]:
    """All dates in ``text``, longest forms first; overlapping shorter forms are dropped."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    def add(m: re.Match[str], value: dt.date | None, precision: str) -> None:
        if free(m.span()):
            taken.append(m.span())
            found.append(DateMatch(value, precision, m.span(), m.group()))

    for m in FULL_DATE.finditer(text):
        value = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        if value is not None:
            add(m, value, "day")
        else:
            taken.append(m.span())  # "ngày 32 tháng 1 năm 2020": not a date, and no month inside it either
    for m in BLANK_DATE.finditer(text):
        add(m, None, "blank")
    for m in NUMERIC_DATE.finditer(text):
        value = _day(int(m["y"]), int(m["m"]), int(m["d"]))
        if value is not None:
            add(m, value, "day")
    for m in QUARTER_YEAR.finditer(text):
        q, y = QUARTERS[m["q"].upper()], int(m["y"])
        add(m, _last_day(y, q * 3), "quarter")
    for m in MONTH_YEAR.finditer(text):
        value = _last_day(int(m["y"]), int(m["m"]))
        if value is not None:
            add(m, value, "month")
    for pattern in (YEARLESS_NUMERIC, YEARLESS_WORDS):
        for m in pattern.finditer(text):
            d, mo = int(m["d"]), int(m["m"])
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                continue
            add(m, _with_year(d, mo, ref), "day")
    for m in YEAR_ONLY.finditer(text):
        add(m, dt.date(int(m["y"]), 12, 31), "year")
    found.sort(key=lambda d: d.span)
    return found


def _with_year(d: int, m: int, ref: dt.date | None) -> dt.date | None:
    """A year-less day in the reference year, rolled to the next year if it would precede ``ref``."""
    if ref is None:
        return None
    value = _day(ref.year, m, d)
    if value is not None and value < ref:
        value = _day(ref.year + 1, m, d)
    return value


def parse_date(s: str, ref: dt.date | None = None) -> dt.date | None:
    """The first day-precise date in ``s``."""
    for match in find_dates(s, ref):
        if match.precision == "day" and match.value is not None:
            return match.value
    return None


def place_date(line: str) -> tuple[str | None, DateMatch | None]:
    """``Lai Châu, ngày 03 tháng 11 năm 2021`` → ("Lai Châu", the date match; span relative to ``line``)."""
    m = PLACE_DATE.match(line)
    if not m:
        return None, None
    place = m["place"].strip(" *_")
    if not place or not place[0].isupper() or len(place.split()) > 8:
        return None, None
    offset = m.start("rest")
    for found in find_dates(m["rest"]):
        if found.span[0] == 0 and found.precision in ("day", "blank"):
            return place, DateMatch(found.value, found.precision, (found.span[0] + offset, found.span[1] + offset),
                                    found.quote)
    return None, None
