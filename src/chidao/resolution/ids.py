"""Deterministic ids of documents, actors and measures, and the scope constants they use.

Pure string functions, below both ``chidao.extract`` and ``chidao.graph``; ``chidao.graph.schema``
re-exports them and documents the id shapes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

NATIONAL: Final = "vn"
UNKNOWN: Final = "unknown"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=131072)
def slug(text: str) -> str:
    """ASCII slug of Vietnamese text: ``Ban Tuyên giáo Tỉnh ủy`` → ``ban-tuyen-giao-tinh-uy``."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_SLUG.sub("-", text).strip("-")


def number_slug(number: str) -> str:
    """``629-CV/TU`` → ``629-cv-tu``; ``16/CT-TTg`` and ``16-CT/TTg`` agree."""
    return slug(number)


def unknown_scope(document_key: str) -> str:
    """Scope for local bodies of a document with no province in its text."""
    return f"{UNKNOWN}~{document_key}"


ISSUED_BY: Final = "~"
"""Between a number key and the slug of the body that numbered it, in a document id."""


def document_id(*, scope: str, number: str | None = None, year: int | None = None,
                issuer: str | None = None, doc_type: str | None = None, date: str | None = None,
                sha256: str | None = None, numbered_by: str | None = None) -> str:
    """The id of a document. ``numbered_by``: the issuing body of a numbered document whose number is
    unique only within that body (a district party committee's ``12-CV/HU``), not within ``scope``."""
    if number:
        key = number_slug(number)
        if numbered_by and slug(numbered_by):
            key = f"{key}{ISSUED_BY}{slug(numbered_by)}"
        base = f"doc:{scope}/{key}"
        return f"{base}/{year}" if year else base
    if date and (issuer or doc_type):
        parts = [p for p in (slug(issuer) if issuer else None, slug(doc_type) if doc_type else None) if p]
        return f"doc:{scope}/{'/'.join(parts)}/{date}"
    if sha256:
        return f"doc:sha/{sha256[:12]}"
    raise ValueError("a document id needs a number, a dated issuer/type, or a sha256")


def document_key(doc_id: str) -> str:
    """A compact slug of a document id, for use inside other ids."""
    return slug(doc_id.removeprefix("doc:"))


def actor_id(kind: str, scope: str, canonical_name: str) -> str:
    """Id of a body, post, group or person: kind is one of ``body post group person``."""
    if kind not in ("body", "post", "group", "person"):
        raise ValueError(f"unknown actor kind {kind!r}")
    return f"{kind}:{scope}/{slug(canonical_name)}"


def measure_id(doc_id: str, ordinal: int) -> str:
    return f"measure:{doc_id.removeprefix('doc:')}#{ordinal}"
