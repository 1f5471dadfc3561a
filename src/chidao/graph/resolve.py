"""Entity resolution: a mention as written → the one node it means.

The same body named in two documents of one province is one node; national bodies are one node
everywhere; abbreviations, tone placements and honorifics do not split nodes; blanket mentions
("các huyện ủy, thành ủy") are group nodes, never invented members; and where the text does not say
the province, local bodies get an unknown jurisdiction scoped to their document instead of a guess.
Vocabularies (provinces, bodies, aliases) are CSV files in ``graph/data``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chidao.extract.lexicon import post_titles
from chidao.graph import schema
from chidao.loaders.normalize import fold_tones, match_key

MERGE_DATE = dt.date(2025, 7, 1)
"""From this day the 23 merged provinces are new entities, even where the name is unchanged."""


@dataclass(frozen=True)
class Context:
    province: str | None  # province slug, e.g. "lai-chau"; None when the text does not say
    doc_date: dt.date | None
    document_key: str  # schema.document_key(doc id): scope of bodies with no known province


@dataclass(frozen=True)
class Resolved:
    id: str
    kind: str  # "body" | "post" | "group" | "person"
    name: str
    key: str
    scope: str
    level: str | None
    jurisdiction: str | None
    body_kind: str | None
    is_central: bool
    is_group: bool
    parent: str | None
    parent_name: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None


# --- vocabularies --------------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("chidao.graph").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class Province:
    slug: str
    name: str
    valid_to: str | None
    merged_into: str | None


@lru_cache(maxsize=1)
def _provinces() -> tuple[dict[str, Province], re.Pattern[str], dict[str, str]]:
    by_slug: dict[str, Province] = {}
    names: dict[str, str] = {}
    for row in _rows("provinces.csv"):
        p = Province(row["slug"], row["name"], row.get("valid_to") or None, row.get("merged_into") or None)
        by_slug[p.slug] = p
        for variant in [row["name"], *filter(None, (row.get("aliases") or "").split(";"))]:
            # a name maps to the pre-2025 province; province_scope() moves it to the merged one by date
            if row.get("valid_from"):
                names.setdefault(match_key(variant), p.slug)
            else:
                names[match_key(variant)] = p.slug
    alternatives = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    return by_slug, re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])"), names


@lru_cache(maxsize=1)
def _merged() -> frozenset[str]:
    return frozenset(row["slug"] for row in _rows("merged_2025.csv"))


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = sorted(_rows("aliases.csv"), key=lambda r: len(r["abbreviation"]), reverse=True)
    return tuple((re.compile(rf"(?<![\w/.]){re.escape(r['abbreviation'])}(?![\w/])"), r["expansion"]) for r in rows)


@dataclass(frozen=True)
class Known:
    name: str
    scope: str  # national | province
    kind: str
    level: str
    parent: str | None
    valid_from: str | None
    valid_to: str | None


@lru_cache(maxsize=1)
def _known() -> dict[str, Known]:
    table: dict[str, Known] = {}
    for row in _rows("bodies.csv"):
        entry = Known(row["name"], row["scope"], row["kind"], row["level"], row["parent"] or None,
                      row["valid_from"] or None, row["valid_to"] or None)
        for variant in [row["name"], *filter(None, row["aliases"].split(";"))]:
            table[match_key(expand(variant))] = entry
    return table


@lru_cache(maxsize=1)
def _post_keys() -> tuple[str, ...]:
    return tuple(sorted({match_key(t) for t in post_titles()}, key=len, reverse=True))


# --- provinces -----------------------------------------------------------------------------------


def province_from(text: str) -> tuple[str, str] | None:
    """(slug, name) of the province named in ``text``: "Tỉnh ủy Lai Châu", "TỈNH ỦY ĐỒNG NAI", "Thanh Hoá"."""
    by_slug, pattern, names = _provinces()
    found = pattern.search(match_key(text))
    if not found:
        return None
    slug = names[found.group()]
    return slug, by_slug[slug].name


def province_scope(slug: str, date: dt.date | None) -> str:
    """The scope of a province on a date: a merged province after 1/7/2025 is a new entity."""
    if slug in _merged() and date is not None and date >= MERGE_DATE:
        return f"{slug}-2025"
    return slug


def province_name(scope: str) -> str | None:
    by_slug, _, _ = _provinces()
    p = by_slug.get(scope.removesuffix("-2025"))
    return p.name if p else None


# --- mentions ------------------------------------------------------------------------------------

HONORIFIC = re.compile(r"^(?:(?:các|những)\s+)?(?:đồng chí|đ/c)\s+", re.I)
PURPOSE = re.compile(r"\s*\((?:để\s+)?[^)]{1,30}\)\s*$")
PLURAL = re.compile(r"^(?:các|những|mọi)\s", re.I)
LISTED = re.compile(r",|;|\svà\s")
LOCAL_WORDS = re.compile(r"(?<![\w])(?:tỉnh|huyện|xã|phường|thị trấn|thành phố|thị xã|quận|cơ sở|địa phương|"
                         r"tỉnh ủy|huyện ủy|thành ủy|thị ủy|đảng ủy|cấp ủy|sở|ban|ngành|đơn vị|cơ quan)(?![\w])")
NATIONAL_HINT = re.compile(r"(?<![\w])(?:trung ương|chính phủ|quốc hội|quốc gia|ban bí thư|bộ chính trị|"
                           r"thủ tướng)(?![\w])")
MINISTRY = re.compile(r"^bộ (?!chỉ huy|đội|phận)")

BODY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("party", re.compile(r"^(?:ban cán sự đảng|đảng đoàn|đảng ủy|đảng bộ|chi bộ|tỉnh ủy|huyện ủy|thành ủy|thị ủy|"
                         r"quận ủy|cấp ủy|ban chấp hành|ban thường vụ tỉnh ủy|thường trực tỉnh ủy|ban bí thư|"
                         r"thường trực ban bí thư|bộ chính trị)|(?:tỉnh ủy|huyện ủy|thành ủy|trung ương đảng)$")),
    ("steering", re.compile(r"^(?:ban chỉ đạo|ban chỉ huy|trung tâm chỉ huy|tổ công tác)")),
    ("force", re.compile(r"^(?:công an|quân sự|bộ chỉ huy|bộ đội|đồn biên phòng|ban chỉ huy quân sự)")),
    ("front", re.compile(r"mặt trận|^hội |^liên đoàn|đoàn thanh niên|tỉnh đoàn|đoàn thể|tổ chức chính trị")),
    ("state", re.compile(r"ủy ban nhân dân|hội đồng nhân dân|^sở |^bộ |chính phủ|quốc hội|thủ tướng|chính quyền|"
                         r"^phòng |^chi cục|^cục |văn phòng ủy ban")),
    ("party", re.compile(r"ủy$|^ban |^văn phòng")),
)


def expand(text: str) -> str:
    """Abbreviations written out: ``UBND tỉnh`` → ``Ủy ban nhân dân tỉnh``, ``BTV Tỉnh đoàn`` → …"""
    for pattern, expansion in _aliases():
        text = pattern.sub(expansion, text)
    return text


EDGE_CHARS = " -–•+,;.:*"


def canonical(mention: str) -> str:
    """A display name that does not depend on how the mention was spelled."""
    text = PURPOSE.sub("", re.sub(r"\s+", " ", mention).strip(EDGE_CHARS))
    text = HONORIFIC.sub("", text)
    text = expand(fold_tones(text))
    text = re.sub(r"\s+", " ", text).strip(EDGE_CHARS)
    return text[:1].upper() + text[1:] if text else text


def _listed(name: str) -> bool:
    """Does the mention list several bodies ("Sở Y tế, Sở Tài chính") — not merely contain a comma
    ("Sở Văn hóa, Thể thao và Du lịch", "Ban Chỉ đạo phòng, chống dịch")?"""
    from chidao.extract.assignments import split_members
    from chidao.extract.lexicon import folded_lower

    return len(split_members(name, folded_lower(name), 0, len(name))) > 1


def _kind_of(name: str, key: str, requested: str | None) -> tuple[str, bool]:
    """(kind, is_group) from the shape of the mention."""
    if requested == "person":
        return "person", False
    plural = bool(PLURAL.match(key)) or (bool(LISTED.search(key)) and _listed(name))
    if any(key == t or key.startswith(t + " ") for t in _post_keys()):
        return "post", plural or " các " in f" {key} "
    if plural:
        return "group", True
    return "body", False


def _level(key: str, central: bool) -> str | None:
    if central:
        return "central"
    if re.search(r"(?<![\w])(?:xã|phường|thị trấn|cơ sở)(?![\w])", key):
        return "commune"
    if re.search(r"(?<![\w])(?:huyện|thành phố|thị xã|quận|huyện ủy|thành ủy|thị ủy)(?![\w])", key):
        return "district"
    return "province"


def _body_kind(key: str) -> str | None:
    key = re.sub(r"^(?:các|những|mọi)\s+", "", key)
    for name, pattern in BODY_KINDS:
        if pattern.search(key):
            return name
    return None


@dataclass(frozen=True)
class _Reading:
    """What a mention says, whatever document it is in (cached: the same names recur everywhere)."""

    name: str
    key: str
    kind: str
    is_group: bool
    known: Known | None
    named: tuple[str, str] | None
    central: bool


@lru_cache(maxsize=65536)
def _read(mention: str, kind: str | None) -> _Reading:
    name = canonical(mention) or mention.strip() or "?"
    key = match_key(name)
    node_kind, is_group = _kind_of(name, key, kind)
    if node_kind == "person":
        return _Reading(name, key, "person", False, None, None, False)
    known = _known().get(key)
    named = None
    if known is None:
        named = province_from(name)
        if named is not None:  # "Tỉnh ủy Lai Châu", "UBND tỉnh Nghệ An": a provincial body of that province
            known = _known().get(_without_province(key, named[1]))
            if known is not None and known.scope != "province":
                known = None
    if known is not None:
        node_kind, is_group = "body", False  # "Thủ tướng Chính phủ" is a known body, not a post
        name = known.name
        central = known.scope == "national"
    else:
        central = (bool(NATIONAL_HINT.search(key)) or bool(MINISTRY.match(key))) and not LOCAL_WORDS.search(key)
    return _Reading(name, match_key(name), node_kind, is_group, known, named, central)


def resolve(mention: str, ctx: Context, kind: str | None = None) -> Resolved:
    """The node a mention means, in the context of one document. Never raises."""
    r = _read(mention, kind)
    if r.kind == "person":
        scope = _local_scope(ctx)
        return Resolved(schema.actor_id("person", scope, r.key), "person", r.name, r.key, scope, None,
                        province_name(scope) if ctx.province else None, None, False, False, None)
    known, named, central = r.known, r.named, r.central
    if central and named is None:
        scope = schema.NATIONAL
        jurisdiction = "Việt Nam"
    elif named is not None:
        scope = province_scope(named[0], ctx.doc_date)
        jurisdiction = named[1]
    else:
        scope = _local_scope(ctx)
        jurisdiction = province_name(scope) if ctx.province else None
    parent = parent_name = None
    if known is not None and known.parent:
        parent_name = known.parent
        parent_entry = _known().get(match_key(expand(known.parent)))
        parent_scope = schema.NATIONAL if parent_entry and parent_entry.scope == "national" else scope
        parent = schema.actor_id("body", parent_scope, match_key(known.parent))
    return Resolved(
        id=schema.actor_id(r.kind, scope, r.key), kind=r.kind, name=r.name, key=r.key, scope=scope,
        level=known.level if known else (None if r.kind == "post" and not central else _level(r.key, central)),
        jurisdiction=jurisdiction, body_kind=known.kind if known else _body_kind(r.key), is_central=central,
        is_group=r.is_group, parent=parent, parent_name=parent_name,
        valid_from=known.valid_from if known else None, valid_to=known.valid_to if known else None,
    )


def _without_province(key: str, province: str) -> str:
    """``tỉnh ủy lai châu`` → ``tỉnh ủy``; ``ủy ban nhân dân tỉnh nghệ an`` → ``ủy ban nhân dân tỉnh``."""
    stripped = key.replace(match_key(province), " ")
    stripped = re.sub(r"\b(?:tỉnh|thành phố)\s*$", lambda m: m.group(), stripped.strip())
    stripped = re.sub(r"\s+", " ", stripped).strip()
    if stripped in ("tỉnh ủy", "thành ủy") or stripped.endswith(" tỉnh") or stripped.endswith(" tỉnh ủy"):
        return stripped
    return f"{stripped} tỉnh" if not stripped.endswith("tỉnh") else stripped


def _local_scope(ctx: Context) -> str:
    if ctx.province:
        return province_scope(ctx.province, ctx.doc_date)
    return schema.unknown_scope(ctx.document_key)
