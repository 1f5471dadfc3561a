"""Abbreviations written out inside names (UBND, BTV, MTTQ, ĐUTT, TT HĐND …)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from chidao.resolution.data import _rows


@lru_cache(maxsize=1)
def _aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {row["abbreviation"]: row["expansion"] for row in _rows("aliases.csv")}
    alternatives = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])"), table


DOTTED_ABBREVIATION = re.compile(r"(?<=[A-ZĐ])\.(?=[A-ZĐ])")
"""``VP.UBND`` → ``VP UBND``: a dot glued between two abbreviations."""


SYLLABLE_LIKE = re.compile(r"^[^\W\d_]{1,3}$")
VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def _word_like(abbreviation: str) -> bool:
    """"TƯ", "CA", "TU" are also words: in a heading in capitals ("ĐẦU TƯ") they stay as written."""
    base = unicodedata.normalize("NFD", abbreviation)
    return bool(SYLLABLE_LIKE.match(abbreviation)) and any(c in VOWELS for c in base)


def expand(text: str) -> str:
    """Abbreviations written out: ``UBND tỉnh`` → ``Ủy ban nhân dân tỉnh``, ``BTV Tỉnh đoàn`` → …"""
    pattern, table = _aliases()
    text = DOTTED_ABBREVIATION.sub(" ", text)
    capitals = not any(c.islower() for c in text)

    def written_out(m: re.Match[str]) -> str:
        return m.group() if capitals and _word_like(m.group()) else table[m.group()]

    return pattern.sub(written_out, text)
