"""Graph stores behind small interfaces (:mod:`chidao.graph.stores.base`): ``query(cypher, params)
-> rows`` for reading, plus atomic batch writes for the stores chidao writes to.

The embedded LadybugDB store is the default; a Neo4j server is reached through the official driver
(``chidao.graph.stores.neo4j``).
"""

from __future__ import annotations

import os
from pathlib import Path

from chidao.graph.stores.base import GraphStore, QueryRunner, WriteCounts

DEFAULT_DB = "chidao.lbug"


def default_path(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` if given, else ``$CHIDAO_DB``, else ``./chidao.lbug``."""
    return str(db or os.environ.get("CHIDAO_DB") or DEFAULT_DB)


POOL_ENV = "CHIDAO_BUFFER_POOL_MB"
"""Caps the engine's page cache (MB). Unset, LadybugDB may cache up to most of the machine's memory,
and a bulk ingest keeps written pages until its next checkpoint: fast, but memory grows with the
store. Set, memory stays near the cap, and the engine checkpoints at every batch instead (slower as
the store grows; docs/performance.md has both)."""


def buffer_pool_mb() -> int | None:
    value = os.environ.get(POOL_ENV, "").strip()
    if not value:
        return None
    from chidao.errors import StoreError

    if not value.isdigit() or int(value) < 64:
        raise StoreError(f"{POOL_ENV}={value!r}: expected a whole number of megabytes, at least 64")
    return int(value)


def open_store(db: str | os.PathLike[str] | None = None, read_only: bool = False, *, bulk: bool = False):
    """Open (creating if needed, unless read-only) the embedded store. ``bulk``: for many write
    batches; the caller ends with ``store.checkpoint()`` (see ``EmbeddedStore``). With a capped page
    cache (``$CHIDAO_BUFFER_POOL_MB``) the engine keeps checkpointing by itself, so pages it wrote can
    leave memory."""
    from chidao.errors import StoreError
    from chidao.graph.stores.embedded import EmbeddedStore

    path = default_path(db)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no store here (run 'chidao ingest' first, or pass --db)")
    pool = buffer_pool_mb()
    return EmbeddedStore(path, read_only=read_only, auto_checkpoint=not bulk or pool is not None,
                         buffer_pool_mb=pool)


__all__ = ["DEFAULT_DB", "GraphStore", "QueryRunner", "WriteCounts", "default_path", "open_store"]
