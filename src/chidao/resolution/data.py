"""The vocabularies (CSV files in ``graph/data``, read without importing ``chidao.graph``), the
constants resolution compares against, and the boundary dates that key its cache."""

from __future__ import annotations

import csv
import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

MERGE_DATE = dt.date(2025, 7, 1)
"""From this day the 23 merged provinces are new entities, even where the name is unchanged
(NQ 202/2025/QH15 was adopted on 12/6/2025; the new provincial bodies operate from 1/7/2025)."""

DISTRICT_END = "2025-06-30"
"""The district level ended on this day (huyện ủy, UBND huyện …): ``valid_to`` of district bodies."""

NATIONAL_JURISDICTION = "Việt Nam"

CACHE = 1 << 16
"""Entries per cached helper: mentions repeat across the documents of a corpus."""


def _data_text(name: str) -> str:
    return resources.files("chidao").joinpath("graph", "data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    text = _data_text(name)
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _words_pattern(phrase: str) -> str:
    """Regex for a phrase with any run of whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


@lru_cache(maxsize=1)
def _date_bounds() -> tuple[str, ...]:
    """Every date resolution compares against: validity dates in the data files and the constants."""
    found = {MERGE_DATE.isoformat(), DISTRICT_END}
    for name in ("provinces.csv", "bodies.csv", "aliases.csv", "post_titles.csv"):
        text = _data_text(name)
        found.update(ISO_DATE.findall(text))
    return tuple(sorted(found))


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@lru_cache(maxsize=4096)  # asked once per mention of a document, about a few dates (issue 15)
def _epoch(date: dt.date | None) -> tuple[int, bool] | None:
    """Dates between the same two boundary dates resolve alike (resolution only compares dates, as
    ISO strings, with the data's own); a boundary date is its own epoch, for ``<`` against ``<=``."""
    if date is None:
        return None
    iso = date.isoformat()
    bounds = _date_bounds()
    i = bisect_left(bounds, iso)
    return i, i < len(bounds) and bounds[i] == iso


@lru_cache(maxsize=1)
def state_body_names() -> tuple[str, ...]:
    """The ministries' and the provincial departments' names and aliases ("Bộ Y tế", "Sở Lao động -
    Thương binh và Xã hội"), from the state bodies of ``bodies.csv``: the organs a text may say speak
    in their own name ("Bộ Nội vụ hướng dẫn", "Sở Nội vụ đề nghị")."""
    names: list[str] = []
    for row in _rows("bodies.csv"):
        if row["kind"] == "state" and row["scope"] in ("national", "province"):
            names += [n for n in (row["name"], *_split(row["aliases"])) if n.startswith(("Bộ ", "Sở "))]
    return tuple(sorted(set(names), key=len, reverse=True))
