"""Provinces: the 63 before 1 July 2025 and the 23 merged ones after it, found in text and
scoped by date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chidao.loaders.normalize import fold_tones, match_key
from chidao.resolution.data import CACHE, MERGE_DATE, NATIONAL_JURISDICTION, _rows, _split, _words_pattern
from chidao.resolution.ids import NATIONAL


@dataclass(frozen=True)
class Province:
    slug: str
    name: str
    kind: str  # "tỉnh" | "thành phố" (centrally run city)
    kind_from: str | None  # the day ``kind`` started (Huế became a city on 2025-01-01)
    aliases: tuple[str, ...]
    valid_from: str | None
    valid_to: str | None
    merged_into: str | None
    formed_from: tuple[str, ...]


@lru_cache(maxsize=1)
def provinces() -> dict[str, Province]:
    """Every provincial unit: the 63 before 1 July 2025 and the 23 merged units after it."""
    out: dict[str, Province] = {}
    for row in _rows("provinces.csv"):
        out[row["slug"]] = Province(row["slug"], row["name"], row["kind"], row["kind_from"] or None,
                                    _split(row["aliases"]), row["valid_from"] or None, row["valid_to"] or None,
                                    row["merged_into"] or None, _split(row["formed_from"]))
    return out


def provinces_on(date: dt.date) -> list[Province]:
    """The provincial units that existed on a date (63 before 1 July 2025, 34 from then)."""
    iso = date.isoformat()
    return [p for p in provinces().values()
            if (p.valid_from is None or p.valid_from <= iso) and (p.valid_to is None or iso <= p.valid_to)]


ADMIN_BEFORE = re.compile(r"(?:tỉnh|thành phố|tp\.?)\s*$")
"""A lower-case province name counts only after an administrative word ("tỉnh hòa bình")."""


ADMIN_WORDS = frozenset(("thành", "phố", "tp", "tp.", "thủ", "đô", "tỉnh"))


@lru_cache(maxsize=1)
def _province_matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for p in provinces().values():
        if p.formed_from:  # the merged unit shares its name with the pre-2025 province of that slug
            continue
        for variant in (p.name, *p.aliases):
            names[match_key(variant)] = p.slug
    alternatives = "|".join(_words_pattern(k) for k in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])"), names


def province_from(text: str) -> tuple[str, str] | None:
    """(slug, name) of the province named in ``text``: "Tỉnh ủy Lai Châu", "TỈNH ỦY ĐỒNG NAI",
    "Lai Châu" (a place line), "UBND tỉnh Nghệ An", old tone placements ("Thanh Hoá", "Khánh Hoà").

    The slug is the pre-2025 one; ``province_scope`` turns it into the entity valid on a date. A name
    in lower case counts only after "tỉnh"/"thành phố" ("hòa bình" alone is a word, not a place).
    """
    found = _province_match(text)
    if found is None:
        return None
    slug = found[0]
    return slug, provinces()[slug].name


@lru_cache(maxsize=CACHE)
def _province_match(text: str) -> tuple[str, int, int] | None:
    """(slug, start, end) of the province named in NFC ``text``; None when none, or when several
    different provinces are named ("các tỉnh: Hà Tĩnh, Quảng Trị, Huế" is no one province)."""
    if not isinstance(text, str) or not text:
        return None
    folded = fold_tones(unicodedata.normalize("NFC", text))
    lower = folded.lower()
    if len(lower) != len(folded):
        return None
    pattern, names = _province_matcher()
    found: list[tuple[str, int, int]] = []
    for m in pattern.finditer(lower):
        written = folded[m.start():m.end()]
        words = [w for w in written.split() if w[:1].isalpha() and w.lower() not in ADMIN_WORDS]
        if all(w[:1].isupper() for w in words) or ADMIN_BEFORE.search(lower[:m.start()]):
            slug = names.get(" ".join(m.group().split()))
            if slug:
                found.append((slug, m.start(), m.end()))
    return found[0] if found and len({f[0] for f in found}) == 1 else None


def province_scope(slug: str, date: dt.date | None) -> str:
    """The scope of a province on a date: a merged province from 1/7/2025 is a new entity.

    ``province_scope("dong-nai", 2025-07-01)`` → ``dong-nai-2025``; the 11 unchanged provinces
    (``lai-chau``) keep their slug; an explicit ``dong-nai-2025`` with no date stays as it is.
    """
    base = slug.removesuffix("-2025")
    merged = provinces().get(f"{base}-2025")
    if merged is None:
        return slug
    if date is None:
        return slug
    return merged.slug if date.isoformat() >= (merged.valid_from or MERGE_DATE.isoformat()) else base


def province_name(scope: str) -> str | None:
    """Display name of a province scope ("Lai Châu"), "Việt Nam" for ``vn``, None otherwise."""
    if scope == NATIONAL:
        return NATIONAL_JURISDICTION
    p = provinces().get(scope) or provinces().get(scope.removesuffix("-2025"))
    return p.name if p else None


def _is_city(scope: str | None, date: dt.date | None) -> bool:
    """Is the province a centrally run city (its committee is a Thành ủy, its UBND "thành phố")?"""
    p = provinces().get(scope or "") or provinces().get((scope or "").removesuffix("-2025"))
    if p is None or p.kind != "thành phố":
        return False
    return p.kind_from is None or (date is not None and date.isoformat() >= p.kind_from)
