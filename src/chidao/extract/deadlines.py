"""Deadlines: ``trước ngày 15/12/2021``, ``chậm nhất ngày …``, ``trong tháng 12/2021``, ``trong quý IV/2021``.

A deadline is a cue followed by a date; a year-less date takes the document's year (rolled over to
the next year when it would fall before the document). ``what`` is the task the deadline closes:
the words of the same clause before the cue.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from chidao.extract.dates import find_dates

CUE = re.compile(
    r"(?<![\w])(?P<cue>trước|chậm nhất(?: là)?(?: vào)?|hạn chót(?: là)?|không quá|xong trước|trong)"
    r"\s+(?:(?:\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?)\s*,?\s*)?(?=ngày|tháng|quý|\d)", re.I)
"""A deadline cue, optionally with an hour (``trước 17 giờ ngày 05/8/2022``), right before a date."""

CLAUSE_START = re.compile(r"[.;:!?\n]\s*|^")
MAX_WHAT_WORDS = 40


@dataclass(frozen=True)
class Deadline:
    what: str
    by: str | None
    span: tuple[int, int]
    quote: str


def find_deadlines(text: str, start: int = 0, end: int | None = None, ref: dt.date | None = None) -> list[Deadline]:
    end = len(text) if end is None else end
    out: list[Deadline] = []
    for m in CUE.finditer(text, start, end):
        window = text[m.end():min(end, m.end() + 40)]
        dates = [d for d in find_dates(window, ref) if window[:d.span[0]].strip() in ("", "ngày")]
        if not dates:
            continue
        date = dates[0]
        loose = m["cue"].lower() == "trong"
        if loose and date.precision not in ("month", "quarter"):
            continue  # "trong ngày 30/4" is when, not by when
        if date.precision not in ("day", "month", "quarter"):
            continue
        what = _what(text, start, m.start())
        span = (m.start(), m.end() + date.span[1])
        out.append(Deadline(what=what, by=date.value.isoformat() if date.value else None, span=span,
                            quote=text[span[0]:span[1]]))
    return out


def _what(text: str, floor: int, cue: int) -> str:
    """The clause before the cue (at most forty words), without an item marker: the whole task, so the
    subject that must meet the deadline stays with it."""
    bounds = [floor] + [floor + m.end() for m in re.finditer(r"[.;:!?\n]", text[floor:cue])]
    clause_start = bounds[-1]
    for earlier in reversed(bounds[:-1]):  # "…; hoàn thành trước ngày …": the task is the clause before
        if len(text[clause_start:cue].split()) > 3 or text[clause_start - 1:clause_start] in ".\n":
            break
        clause_start = earlier
    clause = re.sub(r"^\s*(?:[-+•]|\d+(?:\.\d+)*[.)-]|[a-zđ]\))\s*", "", text[clause_start:cue])
    words = clause.strip(" ,-+•").split()
    return " ".join(words[:MAX_WHAT_WORDS]).rstrip(",")
