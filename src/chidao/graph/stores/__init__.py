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


def open_store(db: str | os.PathLike[str] | None = None, read_only: bool = False, *, bulk: bool = False):
    """Open (creating if needed, unless read-only) the embedded store. ``bulk``: for many write
    batches; the caller ends with ``store.checkpoint()`` (see ``EmbeddedStore``)."""
    from chidao.errors import StoreError
    from chidao.graph.stores.embedded import EmbeddedStore

    path = default_path(db)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no store here (run 'chidao ingest' first, or pass --db)")
    return EmbeddedStore(path, read_only=read_only, auto_checkpoint=not bulk)


__all__ = ["DEFAULT_DB", "GraphStore", "QueryRunner", "WriteCounts", "default_path", "open_store"]
