"""The body lexicon (``bodies.csv``): national bodies and provincial patterns, with validity, 2025
successors and the city forms (Tỉnh ủy → Thành ủy), and the look-up of a mention in it."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from chidao.loaders.normalize import fold_tones, match_key
from chidao.resolution.aliases import expand
from chidao.resolution.data import CACHE, _rows, _split
from chidao.resolution.ids import NATIONAL, UNKNOWN
from chidao.resolution.models import Context
from chidao.resolution.provinces import _is_city, _province_match, province_scope
from chidao.resolution.scope import _local_scope


@dataclass(frozen=True)
class Entry:
    name: str
    aliases: tuple[str, ...]
    national: bool
    kind: str
    level: str
    parent: str | None
    valid_from: str | None
    valid_to: str | None
    successor: str | None


CITY_WORDS = ((re.compile(r"(?<![\w])Tỉnh ủy(?![\w])"), "Thành ủy"),
              (re.compile(r"(?<![\w])Tỉnh đoàn(?![\w])"), "Thành đoàn"),
              (re.compile(r"(?<![\w])tỉnh(?![\w])"), "thành phố"))
"""How a provincial pattern reads in a centrally run city: Tỉnh ủy → Thành ủy, tỉnh → thành phố."""


def _city(name: str) -> str:
    for pattern, replacement in CITY_WORDS:
        name = pattern.sub(replacement, name)
    return name


@lru_cache(maxsize=CACHE)
def _lookup_key(text: str) -> str:
    """Looser key for lexicon look-ups: abbreviations written out, commas and dash spacing ignored
    ("Ban Chỉ huy Phòng chống thiên tai" = "Ban Chỉ huy phòng, chống thiên tai")."""
    key = match_key(expand(fold_tones(unicodedata.normalize("NFC", text))))
    key = re.sub(r"\s*[,;]\s*", " ", key)
    key = re.sub(r"\s*[-–]\s*", " - ", key)
    return re.sub(r"\s+", " ", key).strip(" -")


Table = dict[str, tuple[Entry, ...]]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[Table, Table, Table]:
    """(national, provincial, city) tables: lookup key → entries (several only when their validity
    differs)."""
    national: dict[str, list[Entry]] = {}
    local: dict[str, list[Entry]] = {}
    city: dict[str, list[Entry]] = {}
    for row in _rows("bodies.csv"):
        entry = Entry(row["name"], _split(row["aliases"]), row["scope"] == "national", row["kind"], row["level"],
                      row["parent"] or None, row["valid_from"] or None, row["valid_to"] or None,
                      row["successor"] or None)
        table = national if entry.national else local
        for variant in (entry.name, *entry.aliases):
            table.setdefault(_lookup_key(variant), []).append(entry)
        if not entry.national:
            urban = Entry(_city(entry.name), tuple(_city(a) for a in entry.aliases), False, entry.kind, entry.level,
                          _city(entry.parent) if entry.parent else None, entry.valid_from, entry.valid_to,
                          _city(entry.successor) if entry.successor else None)
            for variant in (urban.name, *urban.aliases):
                city.setdefault(_lookup_key(variant), []).append(urban)

    def freeze(t: dict[str, list[Entry]]) -> Table:
        return {k: tuple(sorted(set(v), key=lambda e: (e.valid_from or "", e.name))) for k, v in t.items()}

    return freeze(national), freeze(local), freeze(city)


def _valid(entry: Entry, iso: str) -> bool:
    return (entry.valid_from is None or entry.valid_from <= iso) and (entry.valid_to is None or iso <= entry.valid_to)


def _pick(entries: tuple[Entry, ...], date: dt.date | None) -> Entry:
    """The entry valid on the date; without a date the open-ended one; else the nearest in time."""
    if len(entries) == 1:
        return entries[0]
    if date is None:
        return next((e for e in entries if e.valid_to is None), entries[0])
    iso = date.isoformat()
    valid = [e for e in entries if _valid(e, iso)]
    if valid:
        return valid[0]
    before = [e for e in entries if e.valid_to and e.valid_to < iso]
    return before[-1] if before else entries[0]


def _current(entry: Entry, table: Table, date: dt.date | None) -> Entry:
    """Follow 2025 successors: a body that had ended by the date means the one that replaced it
    ("Ban Tuyên giáo Tỉnh ủy" in an October 2025 document → Ban Tuyên giáo và Dân vận Tỉnh ủy)."""
    if date is None:
        return entry
    iso = date.isoformat()
    seen = {entry.name}
    while entry.valid_to and entry.valid_to < iso and entry.successor:
        nxt = table.get(_lookup_key(entry.successor))
        if not nxt:
            break
        candidate = _pick(nxt, date)
        if candidate.name in seen:
            break
        seen.add(candidate.name)
        entry = candidate
    return entry


@dataclass(frozen=True)
class _Hit:
    entry: Entry
    scope: str  # "vn" or the local scope it resolved in
    table: Table
    named: tuple[str, str] | None  # (slug, written name) when the mention itself named the province
    mentioned: str  # the lexicon name the mention used (before following successors)


def _lookup(text: str, ctx: Context) -> _Hit | None:
    """A lexicon body named by ``text`` in this context, or None."""
    return _lookup_in(text, _local_scope(ctx), ctx.doc_date)


@lru_cache(maxsize=CACHE)
def _lookup_in(text: str, home: str, date: dt.date | None) -> _Hit | None:
    ctx = Context(None if home.startswith(UNKNOWN) else home, date, "")
    national, local, city = _lexicon()
    key = _lookup_key(text)
    if not key:
        return None
    if key in national:
        entry = _pick(national[key], ctx.doc_date)
        return _Hit(_current(entry, national, ctx.doc_date), NATIONAL, national, None, entry.name)
    for table in ((city, local) if _is_city(home, ctx.doc_date) else (local,)):
        if key in table:
            entry = _pick(table[key], ctx.doc_date)
            return _Hit(_current(entry, table, ctx.doc_date), home, table, None, entry.name)
    found = _province_match(text)
    if found is None:
        return None
    slug, start, end = found
    scope = province_scope(slug, ctx.doc_date)
    stripped = re.sub(r"\s+", " ", f"{text[:start]} {text[end:]}").strip(" ,-")
    bare = re.sub(r"\s+(?:tỉnh|thành phố)$", "", stripped)  # "Sở Nội vụ tỉnh Gia Lai"
    candidates = [stripped, f"{stripped} tỉnh", f"{stripped} thành phố", bare]
    tables = (city, local) if _is_city(scope, ctx.doc_date) else (local,)
    for table in tables:
        for candidate in candidates:
            k = _lookup_key(candidate)
            if k in table:
                entry = _pick(table[k], ctx.doc_date)
                return _Hit(_current(entry, table, ctx.doc_date), scope, table, (slug, text[start:end]), entry.name)
    return None
