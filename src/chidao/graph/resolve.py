"""Entity resolution: a mention as written → the one node it means.

The same body named in two documents of one province is one node; national bodies are one node
everywhere; abbreviations, tone placements and honorifics do not split nodes; blanket mentions
("các huyện ủy, thành ủy") are group nodes, never invented members; posts ("Bí thư các huyện ủy",
"Chủ tịch Ủy ban nhân dân tỉnh") are Post nodes; and where the text does not say the province,
local bodies get an unknown jurisdiction scoped to their document instead of a guess.

Vocabularies are CSV files in ``graph/data`` (loaded once, cached):

* ``provinces.csv``  the 63 provinces before 1 July 2025 and the 23 merged ones after it (34 in all
  from that day, the 11 unchanged ones counted once), with name variants and validity;
* ``bodies.csv``     national bodies, and provincial body *patterns* ("Ban Tuyên giáo Tỉnh ủy") that
  take the document's province; kind, level, parent, validity and 2025 successors;
* ``aliases.csv``    abbreviations written out inside names (UBND, BTV, MTTQ, ĐUTT, TT HĐND …);
* ``post_titles.csv`` titles that make a mention a post (Bí thư, Chủ tịch, Thủ trưởng, người đứng
  đầu, Tỉnh ủy viên …).

Resolution never raises and is deterministic: the same mention in the same context always gives the
same ``Resolved``, and the display name comes from the lexicon or from the mention itself, never
from what was met before. docs/schema.md ("Resolution rules") describes the rules in prose.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from chidao.graph import schema
from chidao.loaders.normalize import fold_tones, match_key

MERGE_DATE = dt.date(2025, 7, 1)
"""From this day the 23 merged provinces are new entities, even where the name is unchanged
(NQ 202/2025/QH15 was adopted on 12/6/2025; the new provincial bodies operate from 1/7/2025)."""

DISTRICT_END = "2025-06-30"
"""The district level ended on this day (huyện ủy, UBND huyện …): ``valid_to`` of district bodies."""

NATIONAL_JURISDICTION = "Việt Nam"

CACHE = 1 << 16
"""Entries per cached helper: mentions repeat across the documents of a corpus."""


@dataclass(frozen=True)
class Context:
    province: str | None  # province slug, e.g. "lai-chau" ("vn" for a national document); None when unknown
    doc_date: dt.date | None
    document_key: str  # schema.document_key(doc id): scope of local bodies with no known province


@dataclass(frozen=True)
class Resolved:
    id: str
    kind: str  # "body" | "post" | "group" | "person"
    name: str  # canonical display name
    key: str  # match_key(name)
    scope: str  # "vn", a province scope ("lai-chau", "dong-nai-2025") or schema.unknown_scope(...)
    level: str | None  # "central" | "province" | "district" | "commune" | None
    jurisdiction: str | None  # "Việt Nam", a province name, or None when unknown
    body_kind: str | None  # "party" | "state" | "front" | "force" | "steering" | None
    is_central: bool
    is_group: bool
    parent: str | None  # id of the body this one is PART_OF (lexicon)
    parent_name: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    title: str | None = None  # posts: the canonical title ("Phó Bí thư", "Chủ tịch")
    org: str | None = None  # posts: id of the body or group the post belongs to
    predecessor: str | None = None  # the lexicon name the mention used, when a 2025 successor replaced it
    known: bool = False  # found in the lexicon (bodies.csv or post_titles.csv)


# --- data files ------------------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("chidao.graph").joinpath("data", name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _words_pattern(phrase: str) -> str:
    """Regex for a phrase with any run of whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


# --- provinces -------------------------------------------------------------------------------------


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
    if scope == schema.NATIONAL:
        return NATIONAL_JURISDICTION
    p = provinces().get(scope) or provinces().get(scope.removesuffix("-2025"))
    return p.name if p else None


def _is_city(scope: str | None, date: dt.date | None) -> bool:
    """Is the province a centrally run city (its committee is a Thành ủy, its UBND "thành phố")?"""
    p = provinces().get(scope or "") or provinces().get((scope or "").removesuffix("-2025"))
    if p is None or p.kind != "thành phố":
        return False
    return p.kind_from is None or (date is not None and date.isoformat() >= p.kind_from)


# --- aliases and casing ----------------------------------------------------------------------------


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


# --- the body lexicon ------------------------------------------------------------------------------


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
    ctx = Context(None if home.startswith(schema.UNKNOWN) else home, date, "")
    national, local, city = _lexicon()
    key = _lookup_key(text)
    if not key:
        return None
    if key in national:
        entry = _pick(national[key], ctx.doc_date)
        return _Hit(_current(entry, national, ctx.doc_date), schema.NATIONAL, national, None, entry.name)
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


# --- post titles -----------------------------------------------------------------------------------


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


# --- casing ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _casing() -> tuple[re.Pattern[str], dict[str, str]]:
    """Canonical capitalisation of known phrases (lexicon names, titles, provinces). Where two
    spellings share a key, the canonical name wins over an alias ("Tỉnh đoàn", not "Tỉnh Đoàn")."""
    names: list[str] = list(EXTRA_CASING)
    aliases: list[str] = []
    national, local, _ = _lexicon()  # not the city forms: "các huyện ủy, thành ủy" stays lower-case
    for table in (national, local):
        for entries in table.values():
            for e in entries:
                names.append(e.name)
                aliases.extend(e.aliases)
    for _, t in _titles():  # not "Trưởng ban": "Trưởng Ban Tuyên giáo" keeps the ban's capital
        if not t.bare and t.title.split()[-1].lower() not in ("ban", "phòng", "đoàn"):
            names.append(t.title)
            if t.written != t.title:
                aliases.append(t.written)
    for p in provinces().values():  # names only: "thành phố Huế" inside a list stays lower-case
        names.append(p.name)
        aliases.extend(a for a in p.aliases if not re.match(r"(?i)(?:thành phố|tp|thủ đô)\b", a))
    table: dict[str, str] = {}
    for phrase in [*sorted(set(names)), *sorted(set(aliases))]:
        key = match_key(phrase)
        if key and not re.match(r"(?i)(?:thành phố|tp|thủ đô)\b", phrase):
            table.setdefault(key, fold_tones(phrase))
    alternatives = "|".join(_words_pattern(k) for k in sorted(table, key=lambda k: (-len(k), k)))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.I), table


EXTRA_CASING = ("Ban Chỉ đạo", "Ban Chỉ huy", "Ban Thường vụ", "Ban Chấp hành", "Ban Thường trực",
                "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc",
                "Việt Nam", "Trung ương", "Covid-19", "Hồ Chí Minh", "Đảng ủy Khối", "Ủy ban Kiểm tra",
                "Liên đoàn Lao động", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh",
                "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Công an", "Bộ Chỉ huy Quân sự", "Bộ đội Biên phòng")


@lru_cache(maxsize=CACHE)
def _display(text: str, capitalise: bool = True) -> str:
    """Canonical capitalisation: known phrases as in the lexicon, a heading in capitals lowered
    first, the first letter upper-case; new tone placement throughout."""
    text = fold_tones(text)
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 3 and not any(c.islower() for c in letters):
        text = text.lower()
    pattern, table = _casing()
    text = pattern.sub(lambda m: table.get(" ".join(m.group().lower().split()), m.group()), text)
    if capitalise:
        for i, c in enumerate(text):
            if c.isalpha():
                return text[:i] + c.upper() + text[i + 1:]
    return text


# --- cleaning --------------------------------------------------------------------------------------

PURPOSE = re.compile(
    r"\s*\((?:để\s+)?(?:b/c|t/h|p/h|báo\s+cáo|biết|thực\s+hiện|chỉ\s+đạo|phối\s+hợp|theo\s+dõi|giám\s+sát|"
    r"kiểm\s+tra|tổng\s+hợp|đăng\s+tải|đưa\s+tin|tuyên\s+truyền|xem\s+xét)\b[^()]*\)\s*$", re.I)
"""A Nơi nhận purpose at the end of a mention: "(để báo cáo)", "(b/c)", "(để biết, thực hiện)"."""

HONORIFIC = re.compile(r"^(?:(các|những)\s+)?(?:đồng\s+chí|đ/c|đ\.c)(?:\s+|$)", re.I)
"""Leading "Đồng chí", "các đồng chí", "đ/c": dropped from the name; "các" marks several people."""

EDGE_CHARS = " \t\n-–•+,;.:*/"
PLACEHOLDER = re.compile(r"^(?:như\s+(?:trên|kính\s+gửi|điều|mục|khoản|thành\s+phần)|lưu(?!\s+trữ)(?:\s|:|$)|cp\.|bản\s+sao)",
                         re.I)
"""Nơi nhận lines that name no body: "Như trên", "Như kính gửi", "Như Điều 3", "Lưu VT, NC"."""


def is_placeholder(mention: str) -> bool:
    """A Nơi nhận line that points back or files a copy, not a body ("Như trên", "Lưu: VT")."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", mention or "")).strip(EDGE_CHARS)
    return bool(PLACEHOLDER.match(text))


@lru_cache(maxsize=CACHE)
def _clean(mention: str) -> tuple[str, bool, bool]:
    """(cleaned text, honorific seen, several people) — NFC, tones folded, abbreviations written out."""
    text = unicodedata.normalize("NFC", mention if isinstance(mention, str) else str(mention))
    text = re.sub(r"\s+", " ", text).strip(EDGE_CHARS)
    text = PURPOSE.sub("", text).strip(EDGE_CHARS)
    text = expand(fold_tones(text))
    honorific = plural = False
    while m := HONORIFIC.match(text):  # all of them: "đồng chí đồng chí X" would not be idempotent
        honorific, plural = True, plural or m.group(1) is not None
        text = text[m.end():].lstrip(EDGE_CHARS)
    return re.sub(r"\s+", " ", text).strip(EDGE_CHARS), honorific, plural


# --- shape of a mention ----------------------------------------------------------------------------

PLURAL_LEAD = re.compile(r"^(?:các|những|mọi|toàn thể)\s")
PLURAL_MID = re.compile(
    r"(?<![\w])(?:các|những)\s+(?:cấp|huyện|xã|tỉnh|thành phố|thị xã|phường|thị trấn|quận|sở|ban|bộ|ngành|cơ quan|"
    r"đơn vị|địa phương|huyện ủy|thành ủy|thị ủy|đảng ủy|cấp ủy|chi bộ|tổ chức|đoàn thể|hội|doanh nghiệp|trường|"
    r"lực lượng|đồn|phòng|ủy ban|hội đồng|ban chỉ đạo|đảng đoàn|ban cán sự|ông|bà|đồng chí|thành viên|phó|"
    r"đại biểu|thôn|bản|khối|đảng bộ|chính quyền)(?![\w])")
"""Several bodies or holders: a leading "các"/"những", or "các" before a collective noun
("Ủy ban nhân dân các huyện", "… các cấp") — but not "Ban Quản lý các khu công nghiệp"."""


def _plural(key: str) -> bool:
    return bool(PLURAL_LEAD.match(key) or PLURAL_MID.search(key))

BODY_HEAD = re.compile(
    r"^(?:các\s+|những\s+)?(?:sở|ban|bộ|ủy ban|hội đồng|hội|đảng ủy|đảng đoàn|đảng bộ|chi bộ|tỉnh ủy|huyện ủy|"
    r"thành ủy|thị ủy|quận ủy|cấp ủy|tổ chức đảng|tỉnh đoàn|thành đoàn|huyện đoàn|đoàn thể|đoàn|công an|quân sự|"
    r"bộ chỉ huy|biên phòng|văn phòng|mặt trận|liên đoàn|liên hiệp|trường|viện|tòa án|cục|chi cục|tổng cục|"
    r"phòng|trung tâm|báo|đài|kho bạc|bảo hiểm|thanh tra|công ty|tổng công ty|ngân hàng|chính phủ|quốc hội|"
    r"thủ tướng|thường trực|chính quyền|cơ quan|đơn vị|địa phương|ngành|tổ công tác)(?![\w])")
"""Words that start a body name: two or more list parts starting so make a list of bodies
("Sở Y tế, Sở Tài chính"), while "Sở Văn hóa, Thể thao và Du lịch" stays one body."""

LIST_SPLIT = re.compile(r"\s*[,;]\s*|\s+và\s+")

LOCAL_WORDS = re.compile(
    r"(?<![\w])(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|thị xã|quận|tỉnh ủy|huyện ủy|thành ủy|thị ủy|quận ủy|"
    r"đảng ủy xã|cơ sở|địa phương|sở|thôn|bản|tổ dân phố)(?![\w])")
NATIONAL_HINT = re.compile(r"(?<![\w])(?:trung ương|chính phủ|quốc hội|quốc gia|ban bí thư|bộ chính trị|"
                           r"thủ tướng|toàn quốc)(?![\w])")
MINISTRY = re.compile(r"^(?:các\s+)?bộ(?:\s|,|:|$)(?!chỉ huy|đội|phận|môn)")

COMMUNE_WORDS = re.compile(r"(?<![\w])(?:xã|phường|thị trấn|cơ sở|thôn|bản|tổ dân phố|đặc khu)(?![\w])")
DISTRICT_WORDS = re.compile(r"(?<![\w])(?:huyện|quận|thị xã|huyện ủy|quận ủy|thị ủy|huyện đoàn)(?![\w])")
CITY_DISTRICT_WORDS = re.compile(r"(?<![\w])(?:thành phố|thành ủy|thành đoàn)(?![\w])")
PROVINCE_WORDS = re.compile(r"(?<![\w])(?:tỉnh|tỉnh ủy|tỉnh đoàn|sở|cấp tỉnh)(?![\w])")
ALL_LEVELS = re.compile(r"(?<![\w])các cấp(?![\w])")

BODY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("party", re.compile(r"^(?:ban cán sự đảng|đảng đoàn|đảng ủy|đảng bộ|chi bộ|tỉnh ủy|huyện ủy|thành ủy|thị ủy|"
                         r"quận ủy|cấp ủy|tổ chức đảng|ban chấp hành (?:đảng|trung ương)|ban bí thư|bộ chính trị|"
                         r"thường trực ban bí thư|ủy ban kiểm tra|quân ủy|"
                         r"(?:ban thường vụ|thường trực|thường vụ|văn phòng|ban [^,]*?) (?:tỉnh|huyện|thành|thị|quận) ủy)"
                         r"|(?:tỉnh|huyện|thành|thị|quận) ủy$|trung ương đảng")),
    ("force", re.compile(r"^(?:công an|bộ chỉ huy|ban chỉ huy quân sự|chỉ huy quân sự|quân sự|bộ đội|đồn biên phòng|"
                         r"biên phòng|lực lượng vũ trang|dân quân)")),
    ("steering", re.compile(r"^(?:ban chỉ đạo|ban chỉ huy|tổ công tác|trung tâm chỉ huy|hội đồng thi đua|"
                            r"tiểu ban|ban vận động)")),
    ("front", re.compile(r"mặt trận|^hội |^liên đoàn|^liên hiệp|đoàn thanh niên|^(?:tỉnh|huyện|thành) đoàn|"
                         r"đoàn thể|tổ chức chính trị|^ban thường vụ (?:tỉnh|huyện|thành) đoàn|^công đoàn")),
    ("state", re.compile(r"ủy ban nhân dân|hội đồng nhân dân|^sở |^bộ |chính phủ|quốc hội|thủ tướng|chính quyền|"
                         r"^phòng |^chi cục|^cục |^tổng cục|^thanh tra|^tòa án|^viện kiểm sát|^kho bạc|^bảo hiểm|"
                         r"^trung tâm|^ban quản lý|^trường|^bệnh viện|^đài |^báo |^ban dân tộc|^văn phòng ủy ban")),
    ("party", re.compile(r"ủy$|^ban .*ủy|^văn phòng .*ủy")),
)


def _body_kind(key: str) -> str | None:
    key = PLURAL_LEAD.sub("", key, count=1).strip()
    for name, pattern in BODY_KINDS:
        if pattern.search(key):
            return name
    return None


def _level(key: str, ctx_scope: str | None, date: dt.date | None) -> str | None:
    """Administrative level from the words of a name; None when the name does not say."""
    if ALL_LEVELS.search(key):
        return None
    if COMMUNE_WORDS.search(key):
        return "commune"
    if DISTRICT_WORDS.search(key):
        return "district"
    if PROVINCE_WORDS.search(key):  # "các tỉnh, thành phố": provinces and centrally run cities
        return "province"
    if CITY_DISTRICT_WORDS.search(key):
        return "province" if _is_city(ctx_scope, date) else "district"
    return None


def _is_list(text: str) -> bool:
    """Several bodies joined by commas, semicolons or "và" (each part starts like a body name)."""
    parts = [p for p in LIST_SPLIT.split(match_key(text)) if p]
    return len(parts) > 1 and sum(1 for p in parts if BODY_HEAD.match(p)) > 1


def _national(key: str) -> bool:
    return (bool(NATIONAL_HINT.search(key)) or bool(MINISTRY.match(key))) and not LOCAL_WORDS.search(key)


# --- scopes ----------------------------------------------------------------------------------------


def _has_local_province(ctx: Context) -> bool:
    return bool(ctx.province) and ctx.province != schema.NATIONAL


def _local_scope(ctx: Context) -> str:
    if _has_local_province(ctx):
        return province_scope(ctx.province, ctx.doc_date)
    return schema.unknown_scope(ctx.document_key or "x")


def _jurisdiction(scope: str) -> str | None:
    return None if scope.startswith(schema.UNKNOWN) else province_name(scope)


def context_for_scope(scope: str, doc_date: dt.date | None = None) -> Context:
    """A context in which local names resolve into ``scope`` (used to resolve lexicon parents)."""
    if scope.startswith(schema.UNKNOWN + "~"):
        return Context(None, doc_date, scope.split("~", 1)[1])
    return Context(scope, doc_date, f"scope-{scope}")


def _node_id(kind: str, scope: str, name: str) -> str:
    if schema.slug(name):
        return schema.actor_id(kind, scope, name)
    digest = hashlib.sha1(match_key(name).encode("utf-8")).hexdigest()[:10]
    return schema.actor_id(kind, scope, f"u {digest}")


# --- resolve ---------------------------------------------------------------------------------------


def resolve(mention: str, ctx: Context, kind: str | None = None) -> Resolved:
    """The node a mention means, in the context of one document. Never raises.

    ``kind="person"`` for signer names; ``kind="post"`` forces a post (a signer's post, even when
    the name is also a body such as "Thủ tướng Chính phủ").
    """
    if not isinstance(mention, str):
        mention = str(mention)
    key = (mention, kind, ctx.province, _epoch(ctx.doc_date), None if _has_local_province(ctx) else ctx.document_key)
    found = _RESOLVED.get(key)
    if found is None:
        if len(_RESOLVED) >= CACHE:
            _RESOLVED.clear()
        found = _RESOLVED[key] = _resolve(mention, ctx, kind)
    return found


_RESOLVED: dict[tuple, Resolved] = {}
"""Resolutions shared across documents. A context is keyed by what resolution can see of it: the
province, the date only as its place among the data files' boundary dates (``_epoch``), and the
document only when there is no local province (then local bodies are scoped to that document)."""


@lru_cache(maxsize=1)
def _date_bounds() -> tuple[str, ...]:
    """Every date resolution compares against: validity dates in the data files and the constants."""
    found = {MERGE_DATE.isoformat(), DISTRICT_END}
    for name in ("provinces.csv", "bodies.csv", "aliases.csv", "post_titles.csv"):
        text = resources.files("chidao.graph").joinpath("data", name).read_text(encoding="utf-8")
        found.update(ISO_DATE.findall(text))
    return tuple(sorted(found))


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _epoch(date: dt.date | None) -> tuple[int, bool] | None:
    """Dates between the same two boundary dates resolve alike (resolution only compares dates, as
    ISO strings, with the data's own); a boundary date is its own epoch, for ``<`` against ``<=``."""
    if date is None:
        return None
    iso = date.isoformat()
    bounds = _date_bounds()
    i = bisect_left(bounds, iso)
    return i, i < len(bounds) and bounds[i] == iso


def _resolve(mention: str, ctx: Context, kind: str | None) -> Resolved:
    text, honorific, plural = _clean(mention)
    if kind == "person":
        return _person(text, ctx)
    return _actor(text, ctx, honorific=honorific, plural=plural, force_post=kind == "post")


def _actor(text: str, ctx: Context, *, honorific: bool = False, plural: bool = False,
           force_post: bool = False) -> Resolved:
    titles = _title_matches(text)
    if honorific and titles:  # "đồng chí Thủ tướng": a comrade holding a post, not the office
        return _post(text, titles, ctx, plural)
    hit = _lookup(text, ctx)
    if hit is not None and not force_post:
        members = _members_post(hit, text, ctx, honorific, plural)
        return members if members is not None else _from_hit(hit, ctx)
    if titles or force_post:
        return _post(text, titles, ctx, plural)
    if plural or _plural(match_key(text)) or _is_list(text):
        return _group(text, ctx)
    return _unknown_body(text, ctx)


def _from_hit(hit: _Hit, ctx: Context) -> Resolved:
    e = hit.entry
    scope = hit.scope
    parent = parent_name = None
    if e.parent:
        national, _, _ = _lexicon()
        pkey = _lookup_key(e.parent)
        parent_scope = schema.NATIONAL if pkey in national else scope
        parent_entry = (national.get(pkey) or hit.table.get(pkey) or (None,))[0]
        parent_name = parent_entry.name if parent_entry else e.parent
        parent = _node_id("body", parent_scope, parent_name)
    return Resolved(
        id=_node_id("body", scope, e.name), kind="body", name=e.name, key=match_key(e.name), scope=scope,
        level=e.level, jurisdiction=_jurisdiction(scope), body_kind=e.kind, is_central=scope == schema.NATIONAL,
        is_group=False, parent=parent, parent_name=parent_name, valid_from=e.valid_from, valid_to=e.valid_to,
        predecessor=hit.mentioned if hit.mentioned != e.name else None, known=True)


MEMBER_OF = (("Tỉnh ủy", "Tỉnh ủy viên"), ("Thành ủy", "Thành ủy viên"))


def _members_post(hit: _Hit, text: str, ctx: Context, honorific: bool, plural: bool) -> Resolved | None:
    """"Các đồng chí Thường vụ Tỉnh ủy": people addressed as comrades of a collective are its members,
    a post ("Ủy viên Ban Thường vụ Tỉnh ủy"), not the collective itself."""
    if not honorific:
        return None
    name = hit.entry.name
    title = dict(MEMBER_OF).get(name)
    if title is None:
        if name.startswith(("Ban ", "Ủy ban ", "Bộ Chính trị")):
            title = f"Ủy viên {name}"
        elif name.startswith("Thường trực "):
            title = f"Thành viên {name}"
        else:
            return None
    r = _post(title, _title_matches(title), ctx, plural)
    if r.scope != hit.scope:
        r = replace(r, id=_node_id("post", hit.scope, r.name), scope=hit.scope, jurisdiction=_jurisdiction(hit.scope),
                    is_central=hit.scope == schema.NATIONAL)
    return r


def _post(text: str, titles: tuple[tuple[Title, str], ...], ctx: Context, plural: bool) -> Resolved:
    """A position: a title, optionally followed by the body (or bodies) it heads."""
    chosen: tuple[Title, str] | None = None
    for title, rest in titles:  # prefer a split whose rest is a known body ("Trưởng" + "Ban Tổ chức …")
        if (not rest and not title.bare) or (rest and _lookup(rest, ctx) is not None):
            chosen = (title, rest)
            break
    if chosen is None and titles:
        chosen = next(((t, r) for t, r in titles if not t.bare), titles[0])
    title, rest = chosen if chosen else (None, text)
    org: Resolved | None = None
    listed_posts = bool(rest) and (rest[:1] in ",;" or re.match(r"(?i)và\s", rest) is not None)
    if rest and not listed_posts:
        org = _actor(rest, ctx)
    if title is None:
        name = _display(text)
    elif org is None:
        name = _display(title.title + (rest if rest[:1] in ",;" else f" {rest}" if rest else ""))
    else:
        org_name = org.name if org.known else _display(rest, capitalise=False)
        org_name = re.sub(r"^(Các|Những) ", lambda m: m.group(1).lower() + " ", org_name)
        head = title.title
        if head.split()[-1].lower() == org_name.split()[0].lower() and len(head.split()) > 1:
            head = head.rsplit(" ", 1)[0]  # "Phó Trưởng ban" + "Ban Tuyên giáo …"
        name = _display(f"{head} {org_name}")
    key = match_key(name)
    if title is not None and title.national:  # "Bộ trưởng …", "Phó Thủ tướng …"
        scope = schema.NATIONAL
    elif org is not None:
        scope = org.scope
    else:
        scope, _ = _named_scope(text, ctx)
    is_group = (plural or (title is not None and title.plural) or listed_posts or _plural(key)
                or (org is not None and org.is_group))
    level = org.level if org is not None else ("central" if scope == schema.NATIONAL else
                                               _level(key, scope, ctx.doc_date))
    return Resolved(
        id=_node_id("post", scope, name), kind="post", name=name, key=key, scope=scope, level=level,
        jurisdiction=_jurisdiction(scope), body_kind=None, is_central=scope == schema.NATIONAL, is_group=is_group,
        parent=None, title=title.title if title else None, org=org.id if org is not None else None,
        known=title is not None and not rest)


def _named_scope(text: str, ctx: Context) -> tuple[str, bool]:
    """(scope, named): the province the mention names, else national or the document's scope."""
    found = _province_match(text)
    if found is not None:
        return province_scope(found[0], ctx.doc_date), True
    if _national(match_key(text)):
        return schema.NATIONAL, False
    return _local_scope(ctx), False


def _group(text: str, ctx: Context) -> Resolved:
    name = _display(text)
    key = match_key(name)
    scope, _ = _named_scope(text, ctx)
    return Resolved(
        id=_node_id("group", scope, name), kind="group", name=name, key=key, scope=scope,
        level="central" if scope == schema.NATIONAL else _level(key, scope, ctx.doc_date),
        jurisdiction=_jurisdiction(scope), body_kind=_body_kind(key), is_central=scope == schema.NATIONAL,
        is_group=True, parent=None)


def _unknown_body(text: str, ctx: Context) -> Resolved:
    name = _display(text) or "?"
    key = match_key(name)
    scope, _ = _named_scope(text, ctx)
    level = "central" if scope == schema.NATIONAL else _level(key, scope, ctx.doc_date)
    return Resolved(
        id=_node_id("body", scope, name), kind="body", name=name, key=key, scope=scope, level=level,
        jurisdiction=_jurisdiction(scope), body_kind=_body_kind(key), is_central=scope == schema.NATIONAL,
        is_group=False, parent=None, valid_to=DISTRICT_END if level == "district" else None)


def _person(text: str, ctx: Context) -> Resolved:
    """A signer: each syllable capitalised (signatures are often in capitals), scoped like the
    document's local bodies (``vn`` for a national document)."""
    text = re.sub(r"^(?:ông|bà)\s+", "", text, flags=re.I)
    name = " ".join(w[:1].upper() + w[1:].lower() for w in text.split()) or "?"
    scope = schema.NATIONAL if ctx.province == schema.NATIONAL else _local_scope(ctx)
    return Resolved(id=_node_id("person", scope, name), kind="person", name=name, key=match_key(name), scope=scope,
                    level=None, jurisdiction=_jurisdiction(scope), body_kind=None,
                    is_central=scope == schema.NATIONAL, is_group=False, parent=None)


def post_of(title: str, authority: str, ctx: Context) -> Resolved | None:
    """The post a signer holds: their title at the body they sign for.

    ``("Phó Bí thư", "Ban Thường vụ Tỉnh ủy")`` → Phó Bí thư Tỉnh ủy; ``("Phó Chủ tịch",
    "Ủy ban nhân dân tỉnh")`` → Phó Chủ tịch Ủy ban nhân dân tỉnh; ``("Phó Chủ tịch", "Chủ tịch Ủy
    ban nhân dân tỉnh")`` (K/T) → Phó Chủ tịch Ủy ban nhân dân tỉnh; ``("Phó Thủ tướng", "Thủ tướng
    Chính phủ")`` → Phó Thủ tướng Chính phủ; ``("Chánh Văn phòng", "Ban Thường vụ Tỉnh ủy")`` (T/L) →
    Chánh Văn phòng Tỉnh ủy.
    """
    title_text, _, _ = _clean(title)
    body, _, _ = _clean(authority)
    if not title_text:
        return None
    if not body:
        return resolve(title_text, ctx, kind="post")
    for pattern, _title in _titles():  # the authority is itself a head: keep the body it heads
        m = pattern.match(body)
        if m and body[m.end():].strip():
            body = body[m.end():].strip()
            break
    body = COLLECTIVE_PREFIX.sub("", body)
    if match_key(body).startswith(match_key(title_text) + " ") or match_key(body) == match_key(title_text):
        return resolve(body, ctx, kind="post")
    return resolve(f"{title_text} {body}", ctx, kind="post")


COLLECTIVE_PREFIX = re.compile(r"^(?:Ban Thường vụ|Thường trực|Ban Chấp hành)\s+(?=\S)", re.I)


def canonical(mention: str) -> str:
    """The mention cleaned, whatever its spelling: purposes, honorifics and list punctuation dropped,
    abbreviations written out, new tone placement, canonical capitalisation ("UBND tỉnh" → "Ủy ban
    nhân dân tỉnh", "Bí thư các huyện uỷ, thành uỷ" → "Bí thư các huyện ủy, thành ủy"). Unlike
    ``resolve(...).name`` it does not map the mention to a lexicon entry ("Tỉnh đoàn Thái Nguyên"
    stays as it is)."""
    name = mention if isinstance(mention, str) else str(mention)
    for _ in range(4):
        text, _, _ = _clean(name)
        nxt = _display(text)
        if nxt == name:
            break
        name = nxt
    return name
