"""What resolution takes and gives: the context of a document and the node a mention means."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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
