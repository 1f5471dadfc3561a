"""Scopes and ids of resolved nodes: national, a province on a date, or unknown to one document."""

from __future__ import annotations

import datetime as dt
import hashlib

from chidao.loaders.normalize import match_key
from chidao.resolution.ids import NATIONAL, UNKNOWN, actor_id, slug, unknown_scope
from chidao.resolution.models import Context
from chidao.resolution.provinces import province_name, province_scope


def _has_local_province(ctx: Context) -> bool:
    return bool(ctx.province) and ctx.province != NATIONAL


def _local_scope(ctx: Context) -> str:
    if _has_local_province(ctx):
        return province_scope(ctx.province, ctx.doc_date)
    return unknown_scope(ctx.document_key or "x")


def _jurisdiction(scope: str) -> str | None:
    return None if scope.startswith(UNKNOWN) else province_name(scope)


def context_for_scope(scope: str, doc_date: dt.date | None = None) -> Context:
    """A context in which local names resolve into ``scope`` (used to resolve lexicon parents)."""
    if scope.startswith(UNKNOWN + "~"):
        return Context(None, doc_date, scope.split("~", 1)[1])
    return Context(scope, doc_date, f"scope-{scope}")


def _node_id(kind: str, scope: str, name: str) -> str:
    if slug(name):
        return actor_id(kind, scope, name)
    digest = hashlib.sha1(match_key(name).encode("utf-8")).hexdigest()[:10]
    return actor_id(kind, scope, f"u {digest}")
