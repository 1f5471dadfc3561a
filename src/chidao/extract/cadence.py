"""How often a report is due, from the words around the report verb.

``báo cáo … định kỳ hằng tuần`` is weekly, ``hằng ngày``/``24/24`` daily, ``hằng tháng`` monthly,
``hằng quý``/``định kỳ quý`` quarterly, ``hằng năm`` yearly; ``thường xuyên`` and a bare ``định kỳ``
say "regular" without a period; a single report by a date (``báo cáo kết quả trước ngày 20/12``) or
the ``(để báo cáo)``/``(b/c)`` of a Nơi nhận line is "once". When a phrase names several periods
(``hằng tuần và hằng tháng``) the most frequent wins; ``6 tháng, hằng năm`` (the half-year and annual
reviews) is yearly, and a half-year cycle alone is "regular", as the record has no half-year value.
Both spellings ``hằng`` and ``hàng`` occur. Nothing said → None.
"""

from __future__ import annotations

import re

from chidao.extract.lexicon import folded_lower

EVERY = r"(?:hằng|hàng|mỗi|từng)"
"""``hằng``/``hàng`` (both spellings are used), ``mỗi``, ``từng``."""

CADENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("daily", re.compile(rf"(?<!\w){EVERY}\s+ngày(?!\w)|(?<![\d/])24\s*/\s*24(?![\d/])|định kỳ ngày(?!\w)")),
    ("weekly", re.compile(rf"(?<!\w){EVERY}\s+tuần(?!\w)|định kỳ(?:\s+vào)?\s+(?:hằng\s+|hàng\s+)?tuần(?!\w)"
                          r"|(?<!\w)(?:báo cáo|giao ban)\s+tuần(?!\w)")),
    ("monthly", re.compile(rf"(?<!\w){EVERY}\s+tháng(?!\w)|định kỳ\s+(?:01\s+|1\s+|một\s+)?tháng(?!\s*\d)")),
    ("quarterly", re.compile(rf"(?<!\w){EVERY}\s+qu[ýí](?!\w)|định kỳ\s+qu[ýí](?!\s*[\dIV])")),
    ("yearly", re.compile(rf"(?<!\w){EVERY}\s+năm(?!\w)|định kỳ\s+năm(?!\s*\d)")),
    ("regular", re.compile(r"(?<!\w)(?:thường xuyên|định kỳ|(?:6|sáu)\s+tháng\s+(?:một|1)\s+lần)(?!\w)")),
)
"""Most frequent first: the first that matches wins (``hằng tuần và hằng tháng`` is weekly)."""

HALF_YEAR_AND_YEAR = re.compile(rf"(?:6|sáu)\s+tháng\s*(?:,|và)\s*{EVERY}\s+năm")
"""``6 tháng, hằng năm``: the half-year and year-end reviews, a yearly cycle (not monthly because of
the word ``tháng``)."""

ONCE = re.compile(
    r"\(\s*(?:để\s+)?(?:báo cáo|b/c)\s*\)"
    r"|(?<!\w)(?:báo cáo|gửi|tổng hợp)(?:(?!\s+(?:hằng|hàng|định kỳ))[^.;]){0,120}?"
    r"(?:trước|chậm nhất(?:\s+là)?|không quá)\s+(?:\d{1,2}\s*(?:giờ|h)\s*(?:\d{1,2}\s*)?(?:phút\s*)?,?\s*)?"
    r"(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2}")
"""One report: ``(để báo cáo)``, ``(b/c)``, or a report due by a day and month
(``báo cáo kết quả về UBND tỉnh trước ngày 20/12/2024``)."""


def cadence_of(text: str) -> str | None:
    """``daily`` … ``yearly``, ``regular`` (thường xuyên, định kỳ), ``once`` (one report, by a date),
    or None when the text does not say."""
    folded = folded_lower(text)
    if HALF_YEAR_AND_YEAR.search(folded) and not _more_frequent_than_yearly(folded):
        return "yearly"
    for name, pattern in CADENCES:
        if pattern.search(folded):
            return name
    if ONCE.search(folded):
        return "once"
    return None


EVENT = re.compile(r"(?<!\w)(?:khi|nếu|ngay|kịp thời|phát sinh|trong vòng|kể từ|trường hợp|sau khi|có vướng mắc)(?!\w)")
"""A report due on an event ("khi có vướng mắc", "trong vòng 24 giờ kể từ …"): no cadence at all."""


def report_cadence(sentence: str) -> str | None:
    """The cadence of a report asked for in ``sentence``: what ``cadence_of`` finds; else "once" (one
    report asked for, "báo cáo, đề xuất Thủ tướng Chính phủ"), unless it is due on an event (None)."""
    found = cadence_of(sentence)
    if found is not None or EVENT.search(folded_lower(sentence)):
        return found
    return "once"


def _more_frequent_than_yearly(folded: str) -> bool:
    rest = HALF_YEAR_AND_YEAR.sub(" ", folded)
    return any(p.search(rest) for name, p in CADENCES[:4])


__all__ = ["cadence_of", "report_cadence"]
