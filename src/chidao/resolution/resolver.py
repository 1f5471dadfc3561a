"""Resolve a mention to the one node it means (see ``chidao.resolution``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from chidao.loaders.normalize import match_key
from chidao.resolution.casing import _clean, _display
from chidao.resolution.data import CACHE, DISTRICT_END, _epoch
from chidao.resolution.ids import NATIONAL
from chidao.resolution.lexicon import _Hit, _lexicon, _lookup, _lookup_key
from chidao.resolution.models import Context, Resolved
from chidao.resolution.provinces import _province_match, province_scope
from chidao.resolution.scope import _has_local_province, _jurisdiction, _local_scope, _node_id
from chidao.resolution.shape import _body_kind, _is_list, _level, _national, _plural
from chidao.resolution.titles import Title, _title_matches, _titles


def resolve(mention: str, ctx: Context, kind: str | None = None) -> Resolved:
    """The node a mention means, in the context of one document. Never raises.

    ``kind="person"`` for signer names; ``kind="post"`` forces a post (a signer's post, even when
    the name is also a body such as "Thủ tướng Chính phủ").
    """
    if not isinstance(mention, str):
        mention = str(mention)
    key = (mention, kind, *_scope_key(ctx))
    found = _RESOLVED.get(key)
    return _remember(key, mention, ctx, kind) if found is None else found


def resolver_for(ctx: Context) -> Callable[..., Resolved]:
    """``resolve`` in one context, its part of the cache key worked out once: a document resolves
    about forty mentions in one context, and the key's date epoch and scope cost more than the
    cache's look-up (issue 15, third round). The same keys and answers as ``resolve``."""
    scope_key = _scope_key(ctx)

    def resolve_in(mention: str, kind: str | None = None) -> Resolved:
        if not isinstance(mention, str):
            mention = str(mention)
        key = (mention, kind, *scope_key)
        found = _RESOLVED.get(key)
        return _remember(key, mention, ctx, kind) if found is None else found

    return resolve_in


def _scope_key(ctx: Context) -> tuple:
    """What resolution can see of a context: its part of the cache key (see ``_RESOLVED``)."""
    return ctx.province, _epoch(ctx.doc_date), None if _has_local_province(ctx) else ctx.document_key


def _remember(key: tuple, mention: str, ctx: Context, kind: str | None) -> Resolved:
    """Resolve a mention not in the cache, and keep the answer (the cache starts again when full)."""
    if len(_RESOLVED) >= CACHE:
        _RESOLVED.clear()
    found = _RESOLVED[key] = _resolve(mention, ctx, kind)
    return found


_RESOLVED: dict[tuple, Resolved] = {}
"""Resolutions shared across documents. A context is keyed by what resolution can see of it: the
province, the date only as its place among the data files' boundary dates (``_epoch``), and the
document only when there is no local province (then local bodies are scoped to that document)."""


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
        parent_scope = NATIONAL if pkey in national else scope
        parent_entry = (national.get(pkey) or hit.table.get(pkey) or (None,))[0]
        parent_name = parent_entry.name if parent_entry else e.parent
        parent = _node_id("body", parent_scope, parent_name)
    return Resolved(
        id=_node_id("body", scope, e.name), kind="body", name=e.name, key=match_key(e.name), scope=scope,
        level=e.level, jurisdiction=_jurisdiction(scope), body_kind=e.kind, is_central=scope == NATIONAL,
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
                    is_central=hit.scope == NATIONAL)
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
        scope = NATIONAL
    elif org is not None:
        scope = org.scope
    else:
        scope, _ = _named_scope(text, ctx)
    is_group = (plural or (title is not None and title.plural) or listed_posts or _plural(key)
                or (org is not None and org.is_group))
    level = org.level if org is not None else ("central" if scope == NATIONAL else
                                               _level(key, scope, ctx.doc_date))
    return Resolved(
        id=_node_id("post", scope, name), kind="post", name=name, key=key, scope=scope, level=level,
        jurisdiction=_jurisdiction(scope), body_kind=None, is_central=scope == NATIONAL, is_group=is_group,
        parent=None, title=title.title if title else None, org=org.id if org is not None else None,
        known=title is not None and not rest)


def _named_scope(text: str, ctx: Context) -> tuple[str, bool]:
    """(scope, named): the province the mention names, else national or the document's scope."""
    found = _province_match(text)
    if found is not None:
        return province_scope(found[0], ctx.doc_date), True
    if _national(match_key(text)):
        return NATIONAL, False
    return _local_scope(ctx), False


def _group(text: str, ctx: Context) -> Resolved:
    name = _display(text)
    key = match_key(name)
    scope, _ = _named_scope(text, ctx)
    return Resolved(
        id=_node_id("group", scope, name), kind="group", name=name, key=key, scope=scope,
        level="central" if scope == NATIONAL else _level(key, scope, ctx.doc_date),
        jurisdiction=_jurisdiction(scope), body_kind=_body_kind(key), is_central=scope == NATIONAL,
        is_group=True, parent=None)


def _unknown_body(text: str, ctx: Context) -> Resolved:
    name = _display(text) or "?"
    key = match_key(name)
    scope, _ = _named_scope(text, ctx)
    level = "central" if scope == NATIONAL else _level(key, scope, ctx.doc_date)
    return Resolved(
        id=_node_id("body", scope, name), kind="body", name=name, key=key, scope=scope, level=level,
        jurisdiction=_jurisdiction(scope), body_kind=_body_kind(key), is_central=scope == NATIONAL,
        is_group=False, parent=None, valid_to=DISTRICT_END if level == "district" else None)


def _person(text: str, ctx: Context) -> Resolved:
    """A signer: each syllable capitalised (signatures are often in capitals), scoped like the
    document's local bodies (``vn`` for a national document)."""
    text = re.sub(r"^(?:ông|bà)\s+", "", text, flags=re.I)
    name = " ".join(w[:1].upper() + w[1:].lower() for w in text.split()) or "?"
    scope = NATIONAL if ctx.province == NATIONAL else _local_scope(ctx)
    return Resolved(id=_node_id("person", scope, name), kind="person", name=name, key=match_key(name), scope=scope,
                    level=None, jurisdiction=_jurisdiction(scope), body_kind=None,
                    is_central=scope == NATIONAL, is_group=False, parent=None)


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
