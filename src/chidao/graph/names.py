"""How a user names a body, post, person or province: one matcher for every command and ``run_query``.

A user types names the way they remember them: without accents ("ban tuyen giao tinh uy lai chau"),
``Uỷ`` or ``Ủy``, in any case, with abbreviations ("UBND tỉnh", "ubnd tinh"), an honorific ("đồng
chí …"), with or without "các", and often followed by the province ("… Lai Châu", "… tỉnh Lai
Châu", "…, lai-chau"). The parser's resolver is strict on purpose (a lower-case "hòa bình" in a
sentence is not a province); this matcher is lenient on purpose, because it compares a query with
names that already exist, never invents one.

Both sides are reduced to a **name key**: the resolver's clean-up (:func:`~chidao.graph.resolve.
canonical`), then an ASCII slug's words, with abbreviations written out (from ``aliases.csv``) and
filler words dropped. A name followed by a province matches that province's node of the bare name;
a bare name matches every province's node of that name (the caller lists them when that is
ambiguous).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from chidao.graph import schema

FILLER_WORDS = frozenset({"cac", "nhung"})
"""Words a user may add or leave out without meaning another body ("các" huyện ủy = huyện ủy)."""

HONORIFICS = (("dong", "chi"), ("d", "c"), ("dc",), ("ong",), ("ba",))
"""Leading words that address a person rather than name one (folded: đồng chí, đ/c, ông, bà)."""

ADMIN_WORDS = (("thanh", "pho"), ("tinh",), ("tp",), ("thu", "do"))
"""Words before a province's name ("tỉnh Lai Châu", "thành phố Hà Nội", "TP. Hồ Chí Minh")."""


def words(text: str) -> tuple[str, ...]:
    """The ASCII words of ``text``: no accents, no case, đ = d, punctuation and hyphens as spaces."""
    return tuple(w for w in schema.slug(unicodedata.normalize("NFC", text)).split("-") if w)


@lru_cache(maxsize=1)
def _abbreviations() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Folded abbreviations → folded expansions, for names typed without accents ("ubnd tinh")."""
    from chidao.graph.resolve import _rows, _word_like

    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in _rows("aliases.csv"):
        short = words(row["abbreviation"])
        if short and not (len(short) == 1 and _word_like(row["abbreviation"])):
            table.setdefault(short, words(row["expansion"]))
    return table


def _expand(tokens: tuple[str, ...]) -> tuple[str, ...]:
    table = _abbreviations()
    longest = max((len(k) for k in table), default=1)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = table.get(tokens[i:i + size])
            if hit is not None:
                out += hit
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key two spellings of one name share: ``Ban Tuyên giáo Tỉnh uỷ`` = ``ban tuyen giao tinh uy``,
    ``UBND tỉnh`` = ``ubnd tinh`` = ``Ủy ban nhân dân tỉnh``, ``đồng chí Lê Văn Lương`` = ``Lê Văn
    Lương``, ``Bí thư các huyện ủy`` = ``bí thư huyện ủy``."""
    from chidao.graph.resolve import canonical

    tokens = _expand(words(canonical(name) or name))
    changed = True
    while changed and tokens:
        changed = False
        for honorific in HONORIFICS:
            if tokens[:len(honorific)] == honorific and len(tokens) > len(honorific):
                tokens, changed = tokens[len(honorific):], True
    return " ".join(t for t in tokens if t not in FILLER_WORDS)


@lru_cache(maxsize=1)
def _province_names() -> dict[tuple[str, ...], tuple[str, str]]:
    """Folded province names and aliases → (slug, name), pre-2025 slugs first (they own the name)."""
    from chidao.graph.resolve import provinces

    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for p in sorted(provinces().values(), key=lambda p: bool(p.formed_from)):
        for variant in (p.name, *p.aliases, p.slug.removesuffix("-2025")):
            key = words(variant)
            for admin in ADMIN_WORDS:  # "Thành phố Hồ Chí Minh", "TP. Hải Phòng": the name after the word
                if key[:len(admin)] == admin and len(key) > len(admin):
                    key = key[len(admin):]
                    break
            table.setdefault(key, (p.slug.removesuffix("-2025"), p.name))
    return table


def split_province(text: str) -> tuple[str, tuple[str, str]] | None:
    """``("ban tuyen giao tinh uy", ("lai-chau", "Lai Châu"))`` for "Ban Tuyên giáo Tỉnh ủy Lai Châu"
    (also "… tỉnh Lai Châu", "…, lai-chau", "Lai Châu" alone → ``("", …)``): the words before a
    province's name that ends ``text``, and the province. None when ``text`` does not end with one."""
    tokens = words(text)
    table = _province_names()
    for size in range(min(5, len(tokens)), 0, -1):
        found = table.get(tokens[len(tokens) - size:])
        if found is None:
            continue
        rest = tokens[:len(tokens) - size]
        for admin in ADMIN_WORDS:
            if rest[len(rest) - len(admin):] == admin and len(rest) >= len(admin):
                rest = rest[:len(rest) - len(admin)]
                break
        return " ".join(rest), found
    return None


def find_province(text: str) -> tuple[str, str] | None:
    """(slug, name) of the province ``text`` names, however spelled ("lai chau", "tỉnh Lai-Châu")."""
    found = split_province(text)
    return found[1] if found and not found[0] else None


def in_province(node: Mapping[str, Any], province: tuple[str, str]) -> bool:
    """Whether a body, post or person belongs to ``province`` (by its jurisdiction's name or its scope)."""
    slug, name = province
    scope = str(node.get("scope") or _scope(str(node.get("id") or ""))).removesuffix("-2025")
    where = node.get("jurisdiction")
    return scope == slug or (bool(where) and words(str(where)) == words(name))


def _scope(node_id: str) -> str:
    return node_id.split(":", 1)[-1].split("/", 1)[0]


def _variants(name: str) -> set[str]:
    """A node's name key, and without a trailing "tỉnh"/"thành phố" ("Công an tỉnh" = "Công an")."""
    key = name_key(name)
    out = {key}
    for admin in ADMIN_WORDS:
        suffix = " " + " ".join(admin)
        if key.endswith(suffix):
            out.add(key.removesuffix(suffix))
    return out


def match_names(ref: str, nodes: Iterable[Mapping[str, Any]]) -> list[str]:
    """Ids of the nodes ``ref`` names, sorted: the node with that id; else the nodes of the named
    province whose name is the rest of ``ref``; else every node whose name is ``ref``.

    ``nodes`` are mappings with ``id``, ``name`` and, for the province, ``jurisdiction`` and/or
    ``scope`` (graph node data and store rows both fit).
    """
    ref = unicodedata.normalize("NFC", ref.strip())
    nodes = list(nodes)
    exact = sorted({str(n["id"]) for n in nodes if n.get("id") == ref})
    if exact:
        return exact
    key = name_key(ref)
    placed = split_province(ref)
    bare = _variants(placed[0]) - {""} if placed else set()
    with_place, by_name = set(), set()
    for n in nodes:
        name = n.get("name")
        if not name:
            continue
        names = _variants(str(name))
        if bare and names & bare and in_province(n, placed[1]):
            with_place.add(str(n["id"]))
        elif key in names:
            by_name.add(str(n["id"]))
    return sorted(with_place or by_name)


def document_label(doc: Mapping[str, Any], issuers: Iterable[str] = ()) -> str:
    """How a document is named to a reader: its number; else its type, date and issuer ("Thông báo
    2021-05-05, Ban Thường vụ Tỉnh ủy"), never a blank or a hash id; its id when nothing is known."""
    if doc.get("number"):
        return str(doc["number"])
    who = ", ".join(sorted({i for i in issuers if i}))
    named = " ".join(str(x) for x in (doc.get("type") or "văn bản", doc.get("date")) if x)
    if doc.get("type") or doc.get("date") or who:
        return f"{named}, {who}" if who else named
    return str(doc.get("id") or "")


__all__ = ["document_label", "find_province", "in_province", "match_names", "name_key", "split_province", "words"]
