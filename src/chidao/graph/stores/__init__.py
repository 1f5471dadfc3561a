"""Graph stores behind one small interface: ``query(cypher, params) -> rows`` plus writes.

The embedded LadybugDB store is the default; a Neo4j server is reached through the official driver
(``chidao.graph.stores.neo4j``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

DEFAULT_DB = "chidao.lbug"


class GraphStore(Protocol):
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...

    def close(self) -> None: ...


def default_path(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` if given, else ``$CHIDAO_DB``, else ``./chidao.lbug``."""
    return str(db or os.environ.get("CHIDAO_DB") or DEFAULT_DB)


def open_store(db: str | os.PathLike[str] | None = None, read_only: bool = False):
    """Open (creating if needed, unless read-only) the embedded store."""
    from chidao.errors import StoreError
    from chidao.graph.stores.embedded import EmbeddedStore

    path = default_path(db)
    if read_only and not Path(path).exists():
        raise StoreError(f"{path}: no store here (run 'chidao ingest' first, or pass --db)")
    return EmbeddedStore(path, read_only=read_only)


__all__ = ["DEFAULT_DB", "GraphStore", "default_path", "open_store"]
