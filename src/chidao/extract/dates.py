"""Dates in directives: full Vietnamese dates, numeric dates, partial, year-less and blank forms.

Every match keeps its span and quote, so a date in the graph points back at the words it came from.
A year-less date (``trước ngày 15/12``) takes its year from a reference date (the document's) when
one is given; otherwise its value is ``None`` — never a guess. Partial dates (``tháng 11/2021``,
``quý IV/2021``, ``năm 2022``) carry the *last* day of the period as their value and say how much
is known in ``precision``: a period named in a directive is almost always a period to finish by.

What is refused on purpose: impossible dates (``31/2/2021``, ``tháng 13/2021``), ratios and
counts that look like dates (``24/24 giờ``, ``1/2 số hộ``), year ranges (``năm 2021-2025``) and a
bare ``30/4`` without ``ngày`` unless a reference date gives it a year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

# --- building blocks ---------------------------------------------------------------------------------

_YEAR = r"(?P<y>(?:19|20)\d{2})"
"""A four-digit year of the documents' era (1900-2099)."""

_NGAY_WORD = r"(?<![^\W\d_])ngày"
"""The word ``ngày`` (any case with ``re.I``), not the end of a longer word."""

_NGAY = rf"(?:{_NGAY_WORD}\s+)"
"""``ngày`` and the space after it."""

_BLANK = r"[._…\s]*"
"""What a draft leaves where a number will be written by hand: dots, ellipses, underscores, spaces."""

# --- patterns, most specific first -------------------------------------------------------------------

FULL_DATE = re.compile(
    rf"{_NGAY}(?P<d>\d{{1,2}})\s*,?\s*tháng\s+(?P<m>\d{{1,2}})\s*,?\s*năm\s+{_YEAR}(?!\d)", re.I)
"""``ngày 03 tháng 11 năm 2021``, ``Ngày 27 tháng 4 năm 2021`` (the header's and citations' form)."""

NUMERIC_DATE = re.compile(
    rf"{_NGAY}?(?<![\w/.])(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*{_YEAR}"
    r"(?![\d/]|-\d|\.\d)", re.I)
"""``ngày 26/4/2021``, ``26/02/2021``, ``01-10-1997`` (Party citations), ``26.4.2021``: one separator
throughout; ``ngày`` in front is part of the quote when written."""

BLANK_DATE = re.compile(
    rf"{_NGAY_WORD}(?:{_BLANK}|\s*\d{{1,2}}\s+)tháng(?:\s*(?P<m>\d{{1,2}}))?{_BLANK}năm\s*{_YEAR}(?!\d)", re.I)
"""A draft's date with the day or the month left blank: ``ngày   tháng 12 năm 2020``, ``ngày ... tháng ...
năm 2021``, ``ngày 21 tháng năm 2021`` (a full date is matched first, so this only takes what is left)."""

BLANK_NUMERIC = re.compile(rf"{_NGAY_WORD}\s*[._…]+\s*/\s*(?:\d{{1,2}}|[._…]+)\s*/\s*{_YEAR}(?!\d)", re.I)
"""``ngày .../12/2020``."""

HALF_YEAR = re.compile(rf"(?<![\w/])(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s+{_YEAR}(?![\d/])", re.I)
"""``6 tháng đầu năm 2021`` (ends 30 June), ``6 tháng cuối năm 2021`` (ends 31 December)."""

QUARTER_YEAR = re.compile(
    rf"(?<!\w)qu[ýí]\s+(?P<q>IV|III|II|I|[1-4])(?!\w)\s*(?:[/-]\s*|,?\s*năm\s+){_YEAR}(?![\d/])", re.I)
"""``quý IV/2021``, ``quý I năm 2023``, ``quý 4/2021``, old spelling ``quí``."""

MONTH_YEAR = re.compile(rf"(?<!\w)tháng\s+(?P<m>\d{{1,2}})\s*(?:[/.-]\s*|,?\s*năm\s+){_YEAR}(?![\d/])", re.I)
"""``tháng 11/2021``, ``tháng 11 năm 2021``, ``tháng 11-2021``."""

YEARLESS_NUMERIC = re.compile(
    rf"{_NGAY}(?P<d>\d{{1,2}})\s*(?P<sep>[/-])\s*(?P<m>\d{{1,2}})(?![\d/]|\.\d|\s*(?P=sep)\s*\d)", re.I)
"""``ngày 15/12``, ``ngày 30-4``: a day without its year; ``ngày`` is required, which is what keeps
``24/24 giờ`` and ``1/2 số hộ`` out."""

YEARLESS_WORDS = re.compile(
    rf"{_NGAY}(?P<d>\d{{1,2}})\s*,?\s*tháng\s+(?P<m>\d{{1,2}})(?!\d|\s*,?\s*năm\s*\d|\s*[/-]\s*\d)", re.I)
"""``ngày 20 tháng 11`` without ``năm``."""

CONTINUATION = re.compile(r"\s*(?:,|và|hoặc|đến|-)\s*(?:ngày\s+)?(?P<d>\d{1,2})\s*(?P<sep>[/-])\s*(?P<m>\d{1,2})"
                          r"(?![\d/]|\.\d|\s*[/-]\s*\d)", re.I)
"""A further day in a list after a year-less date: ``ngày 30/4, 01/5``, ``ngày 30-4 và 1-5``."""

HOLIDAY = re.compile(r"(?<!\w)(?:dịp\s+(?:nghỉ\s+)?lễ|nghỉ\s+lễ|ngày\s+lễ|lễ|Tết)\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})"
                     r"(?![\d/]|\.\d)", re.I)
"""``dịp lễ 30/4, 01/5``: a holiday named by its day, a date only when a reference gives the year."""

YEAR_ONLY = re.compile(rf"(?<!\w)năm\s+{_YEAR}(?![\d/]|\s*-\s*(?:19|20)?\d{{2}}\b)", re.I)
"""``năm 2022``; not a range (``năm 2021-2025``), which is a period, not a date."""

QUARTERS = {"I": 1, "1": 1, "II": 2, "2": 2, "III": 3, "3": 3, "IV": 4, "4": 4}

PLACE_DATE = re.compile(r"^[\s*_–-]*(?P<place>[^\d,;:()]{2,60}?)\s*,\s*(?P<rest>ngày\b.*)$", re.I)
"""``Lai Châu, ngày 03 tháng 11 năm 2021``: a place, a comma, then the date (after the ``*`` a Party
header sets under its body, which a copy may have turned into ``-``)."""

PLACE_LOWER_WORDS = frozenset({"phố", "xã", "trấn", "thị", "-"})
"""Words of a place name that may be lower case (``Thành phố Hồ Chí Minh``, ``Thị xã Sơn Tây``)."""


@dataclass(frozen=True)
class DateMatch:
    """One date as written: its value (None when a blank or year-less form gives no full date)."""

    value: dt.date | None
    precision: str  # "day", "month", "quarter", "year", "blank"
    span: tuple[int, int]
    quote: str


# --- helpers -----------------------------------------------------------------------------------------


def _day(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> dt.date | None:
    if not 1 <= m <= 12:
        return None
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _possible(d: int, m: int) -> bool:
    """A day and month that exist in some year (29/2 does, 31/4 does not)."""
    return _day(2000, m, d) is not None


def with_year(d: int, m: int, ref: dt.date | None, *, past: bool = False) -> dt.date | None:
    """A year-less day placed by the reference date.

    Deadlines look forward: a day that would precede ``ref`` is in the next year (``trước ngày
    20/01`` in a November directive means next January). Citations look back (``past=True``): a day
    after ``ref`` is in the previous year. 29/2 moves to the nearest leap year that way.
    """
    if ref is None or not _possible(d, m):
        return None
    step = -1 if past else 1
    for k in range(9):
        value = _day(ref.year + step * k, m, d)
        if value is not None and (value <= ref if past else value >= ref):
            return value
    return None


TRAILING_YEAR = re.compile(rf"\s*,?\s*năm\s+{_YEAR}(?![\d/])", re.I)
"""``… 30/4, 01/5 năm 2021``: a year written once after a list of days."""

RANGE_END = re.compile(
    rf"\s*(?:đến|tới|-)\s*(?:hết\s+)?(?:ngày\s+)?(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})\s*(?P=sep)\s*"
    rf"{_YEAR}(?!\d)", re.I)
"""``từ ngày 26/4 đến ngày 10/5/2021``: the full date that closes a range gives its start a year."""


def _yearless_chain(text: str, first: re.Match[str], ref: dt.date | None, past: bool, *, bare: bool
                    ) -> Iterator[tuple[tuple[int, int], dt.date | None, str]]:
    """A year-less day and the days listed after it, all in the year written after the list, else
    placed by ``ref``. ``bare`` days (no ``ngày`` in front) are dates only when a year is known."""
    items = [((first.start() if not bare else first.start("d"), first.end()), int(first["d"]), int(first["m"]))]
    pos = first.end()
    while (c := CONTINUATION.match(text, pos)) is not None and _possible(int(c["d"]), int(c["m"])):
        start = c.start("d")
        word = text[c.start():start].lower().rfind("ngày")
        items.append(((c.start() + word if word >= 0 else start, c.end()), int(c["d"]), int(c["m"])))
        pos = c.end()
    year = TRAILING_YEAR.match(text, pos)
    if year is not None and len(items) == 1:  # "ngày 15/12 năm 2022" is one date
        items[0] = ((items[0][0][0], year.end()), items[0][1], items[0][2])
    closing = RANGE_END.match(text, pos) if year is None else None
    closing_day = _day(int(closing["y"]), int(closing["m"]), int(closing["d"])) if closing else None
    for i, (span, d, m) in enumerate(items):
        if year is not None:
            yield span, _day(int(year["y"]), m, d), "day"
        elif closing_day is not None:  # the range's start is on or before its end
            yield span, with_year(d, m, closing_day, past=True), "day"
        elif ref is not None:
            yield span, with_year(d, m, ref, past=past), "day"
        elif i == 0 and not bare:
            yield span, None, "day"  # "ngày 15/12" is a date whose year is unknown


def _candidates(text: str, ref: dt.date | None, past: bool) -> Iterator[tuple[tuple[int, int], dt.date | None, str]]:
    """Every (span, value, precision) in priority order; precision "" marks a span that is taken
    without being a date (an impossible full date must not leave its month or year behind)."""
    for m in FULL_DATE.finditer(text):
        yield m.span(), _day(int(m["y"]), int(m["m"]), int(m["d"])), "day"
    for pattern in (BLANK_DATE, BLANK_NUMERIC):
        for m in pattern.finditer(text):
            yield m.span(), None, "blank"
    for m in NUMERIC_DATE.finditer(text):
        yield m.span(), _day(int(m["y"]), int(m["m"]), int(m["d"])), "day"
    for m in HALF_YEAR.finditer(text):
        first = m["half"].lower() == "đầu"
        yield m.span(), dt.date(int(m["y"]), 6 if first else 12, 30 if first else 31), "month"
    for m in QUARTER_YEAR.finditer(text):
        yield m.span(), _last_day(int(m["y"]), QUARTERS[m["q"].upper()] * 3), "quarter"
    for m in MONTH_YEAR.finditer(text):
        yield m.span(), _last_day(int(m["y"]), int(m["m"])), "month"
    for m in YEARLESS_NUMERIC.finditer(text):
        if _possible(int(m["d"]), int(m["m"])):
            yield from _yearless_chain(text, m, ref, past, bare=False)
        else:
            yield m.span(), None, ""
    for m in YEARLESS_WORDS.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        yield m.span(), with_year(d, mo, ref, past=past), "day" if _possible(d, mo) else ""
    for m in HOLIDAY.finditer(text):
        if _possible(int(m["d"]), int(m["m"])):
            yield from _yearless_chain(text, m, ref, past, bare=True)
    for m in YEAR_ONLY.finditer(text):
        yield m.span(), dt.date(int(m["y"]), 12, 31), "year"


# --- public API ----------------------------------------------------------------------------------------


def find_dates(text: str, ref: dt.date | None = None, *, past: bool = False) -> list[DateMatch]:
    """All dates in ``text`` in reading order; where forms overlap the most specific one wins.

    ``ref`` (the document's date) places year-less days; without it their value is None. Impossible
    dates are dropped, and so is anything inside them.
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for span, value, precision in _candidates(text, ref, past):
        if any(span[0] < b and a < span[1] for a, b in taken):
            continue
        taken.append(span)
        if precision == "" or (value is None and precision not in ("blank", "day")):
            continue
        if precision == "day" and value is None and _looks_full(text[span[0]:span[1]]):
            continue  # "ngày 31/2/2021": impossible, not a year-less day
        found.append(DateMatch(value, precision, span, text[span[0]:span[1]]))
    found.sort(key=lambda d: d.span)
    return found


ENDS_WITH_YEAR = re.compile(r"(?:19|20)\d{2}\s*$")


def _looks_full(quote: str) -> bool:
    return ENDS_WITH_YEAR.search(quote) is not None


def parse_date(s: str, ref: dt.date | None = None) -> dt.date | None:
    """The date a short string names: its first day-precise date, else its first dated period.

    For fields that hold one date (``ngày 26/4/2021``, ``tháng 11/2021``); None when there is none.
    """
    found = find_dates(s, ref)
    for match in found:
        if match.precision == "day" and match.value is not None:
            return match.value
    return next((m.value for m in found if m.value is not None), None)


def place_date(line: str) -> tuple[str | None, DateMatch | None]:
    """``Lai Châu, ngày 03 tháng 11 năm 2021`` → ("Lai Châu", the date; span relative to ``line``).

    The header's place-and-date line. The place must read like a name (capitalised words) and the
    date must start right after the comma and end the line, so a sentence such as ``Thời gian qua,
    ngày 25/8/2021 tỉnh ta …`` is not taken for it. Blank draft dates come back with precision
    "blank".
    """
    m = PLACE_DATE.match(line) if "," in line else None  # the comma: without it the lazy place is tried 60 ways
    if not m:
        return None, None
    place = m["place"].strip(" *_–-")
    if not _is_place(place):
        return None, None
    offset = m.start("rest")
    rest = m["rest"]
    for found in find_dates(rest):
        if found.span[0] != 0 or found.precision not in ("day", "blank"):
            continue
        tail = rest[found.span[1]:].strip(" .*_")
        if tail and (tail[0].islower() or tail[0].isdigit()):
            return None, None
        span = (found.span[0] + offset, found.span[1] + offset)
        return place, DateMatch(found.value, found.precision, span, line[span[0]:span[1]])
    return None, None


def _is_place(place: str) -> bool:
    words = place.split()
    if not words or len(words) > 8 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in PLACE_LOWER_WORDS for w in words)


__all__ = ["DateMatch", "find_dates", "parse_date", "place_date", "with_year"]
