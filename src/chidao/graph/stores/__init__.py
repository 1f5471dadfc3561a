"""Graph stores behind small interfaces (:mod:`chidao.graph.stores.base`): ``query(cypher, params)
-> rows`` for reading, plus atomic batch writes for the stores chidao writes to.

The embedded LadybugDB store is the default; a Neo4j server is reached through the official driver
(``chidao.graph.stores.neo4j``).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from chidao.graph.stores.base import GraphStore, QueryRunner, WriteCounts

DEFAULT_DB = "chidao.lbug"


def default_path(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` if given, else ``$CHIDAO_DB``, else ``./chidao.lbug``."""
    return str(db or os.environ.get("CHIDAO_DB") or DEFAULT_DB)


POOL_ENV = "CHIDAO_BUFFER_POOL_MB"
"""Sets the engine's page cache (MB), overriding the default (:func:`default_pool_mb`). Set, the
engine also checkpoints by itself at every batch of an ingest (what the cap alone used to need; slower
as the store grows; docs/performance.md has both)."""

POOL_CAP_MB = 1024
POOL_SHARE = 4
"""Default page cache: a quarter of the memory this process may use (the machine's, or its
container's limit), at most ``POOL_CAP_MB`` and at least ``POOL_MIN_MB``. Uncapped, LadybugDB takes up
to most of the machine's memory and an ingest kept every page it touched (7.6 GB at 100,000
documents); 1 GiB holds what a bulk load needs at 100,000; readers take more (``READER_SHARE``)."""

POOL_MIN_MB = 512
"""Below this the engine refuses big scans (128 MB was too small for an export of 10,000 documents)
and cannot hold a batch of 2,000 files until its checkpoint (256 MB failed at 1,500)."""


def memory_mb() -> int | None:
    """The memory this process may use: the machine's, or less under a cgroup (container) limit."""
    total = None
    with contextlib.suppress(AttributeError, OSError, ValueError):
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") >> 20
    for limit in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = Path(limit).read_text().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < (1 << 60):
            total = min(total or (1 << 62), int(text) >> 20)
    return total


READER_SHARE = 2
"""A reader's page cache: at most half the memory this process may use. A cap, not an allocation: the
engine takes only the pages a query touches. Readers cannot have the writer's 1 GiB: measured at
100,000 documents, `implementation-tree` in full (233,746 rows) does not fit in 1 GiB, and an engine
whose cache once filled refuses every later query of that connection (docs/store.md)."""


def default_pool_mb(read_only: bool = False) -> int:
    """The page cache when ``CHIDAO_BUFFER_POOL_MB`` is not set: bounded for a writer (an ingest holds
    what it wrote until a checkpoint), up to half the memory for a reader."""
    total = memory_mb()
    if not total:
        return POOL_CAP_MB
    if read_only:
        return max(POOL_MIN_MB, total // READER_SHARE)
    return max(POOL_MIN_MB, min(POOL_CAP_MB, total // POOL_SHARE))


def buffer_pool_mb() -> int | None:
    """``CHIDAO_BUFFER_POOL_MB`` if set (checked), else None (the store then takes the default)."""
    value = os.environ.get(POOL_ENV, "").strip()
    if not value:
        return None
    from chidao.errors import StoreError

    if not value.isdigit() or int(value) < 64:
        raise StoreError(f"{POOL_ENV}={value!r}: expected a whole number of megabytes, at least 64")
    return int(value)


def open_store(db: str | os.PathLike[str] | None = None, read_only: bool = False, *, bulk: bool = False):
    """Open (creating if needed, unless read-only) the embedded store. ``bulk``: for many write
    batches; the caller ends with ``store.checkpoint()`` (see ``EmbeddedStore``). The page cache is
    capped by default (:func:`default_pool_mb`); with ``$CHIDAO_BUFFER_POOL_MB`` set, the engine also
    keeps checkpointing by itself, as it did when that variable was the only cap."""
    from chidao.errors import StoreError
    from chidao.graph.stores.embedded import EmbeddedStore

    path = default_path(db)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no store here (run 'chidao ingest' first, or pass --db)")
    pool = buffer_pool_mb()
    return EmbeddedStore(path, read_only=read_only, auto_checkpoint=not bulk or pool is not None,
                         buffer_pool_mb=pool)


__all__ = ["DEFAULT_DB", "GraphStore", "QueryRunner", "WriteCounts", "default_path", "default_pool_mb", "open_store"]
