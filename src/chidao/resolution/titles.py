"""Post titles (``post_titles.csv``): the words that make a mention a post (Bí thư, Chủ tịch …)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from chidao.loaders.normalize import fold_tones
from chidao.resolution.data import CACHE, _rows, _split, _words_pattern


@dataclass(frozen=True)
class Title:
    written: str  # the form matched (a title or one of its aliases)
    title: str  # canonical title
    national: bool
    role: str
    plural: bool
    bare: bool  # "Trưởng", "Phó Trưởng": only before a body


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[re.Pattern[str], Title], ...]:
    out: list[tuple[re.Pattern[str], Title]] = []
    for row in _rows("post_titles.csv"):
        for written in (row["title"], *_split(row["aliases"])):
            t = Title(written, row["title"], row["scope"] == "national", row["role"], row["plural"] == "yes",
                      row["title"] in ("Trưởng", "Phó Trưởng"))
            out.append((re.compile(rf"{_words_pattern(fold_tones(written))}(?=$|[\s,;(])", re.I), t))
    out.sort(key=lambda pair: len(pair[1].written), reverse=True)
    return tuple(out)


@lru_cache(maxsize=CACHE)
def _title_matches(text: str) -> tuple[tuple[Title, str], ...]:
    """Titles that start ``text`` (longest first), each with the rest of the mention."""
    out = []
    for pattern, title in _titles():
        m = pattern.match(text)
        if m:
            out.append((title, text[m.end():].strip(" ")))
    return tuple(out)
