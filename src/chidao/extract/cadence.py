"""How often a report is due, from the words around the report verb."""

from __future__ import annotations

import re

CADENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("daily", re.compile(r"(?:hằng|hàng|mỗi)\s+ngày|24/24|trước\s+\d{1,2}\s*giờ\s+(?:hằng|hàng)\s+ngày", re.I)),
    ("weekly", re.compile(r"(?:hằng|hàng|mỗi)\s+tuần|định kỳ tuần", re.I)),
    ("monthly", re.compile(r"(?:hằng|hàng|mỗi)\s+tháng|định kỳ tháng", re.I)),
    ("quarterly", re.compile(r"(?:hằng|hàng|mỗi)\s+quý|định kỳ quý", re.I)),
    ("yearly", re.compile(r"(?:hằng|hàng|mỗi)\s+năm|định kỳ năm|6 tháng,?\s+(?:hằng|hàng)\s+năm", re.I)),
    ("regular", re.compile(r"thường xuyên|định kỳ(?!\s+(?:hằng|hàng|mỗi|tuần|tháng|quý|năm))", re.I)),
    ("once", re.compile(r"\(\s*(?:để\s+)?(?:báo cáo|b/c)\s*\)|(?:báo cáo|về)[^.;]{0,80}?(?:trước|chậm nhất)\s+ngày", re.I)),
)
"""Most frequent first: "6 tháng, hằng năm" is yearly; "hằng tuần và hằng tháng" is weekly."""


def cadence_of(text: str) -> str | None:
    """``daily`` … ``yearly``, ``regular`` (thường xuyên), ``once`` (one report, by a date), or None."""
    for name, pattern in CADENCES:
        if pattern.search(text):
            return name
    return None
