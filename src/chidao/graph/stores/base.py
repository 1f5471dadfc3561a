"""The small interfaces every store sits behind.

* :class:`QueryRunner` — anything that answers Cypher with rows: the embedded store, a Neo4j server
  through :class:`chidao.graph.stores.neo4j.Neo4jRunner`. Stored queries need nothing more.
* :class:`GraphStore` — a store chidao writes to: whole batches of the networkx graph, written
  atomically, with a changed document's old facts replaced.

Both are structural (``typing.Protocol``): a store does not inherit from them, it just has the
methods. ``backend`` names the Cypher dialect (``"ladybug"`` or ``"neo4j"``) so the runner can pick
a stored query's per-backend variant.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, runtime_checkable

if TYPE_CHECKING:
    import networkx as nx

SourceRow = tuple[str, str, str]
"""(path, sha256, document id) of a file whose record is in the batch."""


class WriteCounts(TypedDict):
    """Net change of a write: new nodes and edges minus the ones a replacement removed."""

    nodes_added: int
    edges_added: int


@runtime_checkable
class QueryRunner(Protocol):
    backend: str

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts keyed by the RETURN aliases; values are passed as ``$parameters`` only."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class GraphStore(QueryRunner, Protocol):
    def write_graph(self, graph: nx.MultiDiGraph, *, replace: Iterable[str] = (),
                    sources: Iterable[SourceRow] = ()) -> WriteCounts:
        """Add ``graph`` (node attrs ``label`` + schema properties, edge attrs ``type`` + schema
        properties, multigraph keys from ``schema.EdgeKey``) in one transaction. Nodes already stored
        are updated, never duplicated; documents named in ``replace`` first lose their old facts."""
        ...

    def replace_documents(self, documents: Iterable[str], graph: nx.MultiDiGraph | None = None, *,
                          sources: Iterable[SourceRow] = ()) -> WriteCounts:
        """Drop the facts of ``documents`` (their measures and every edge whose ``document`` is one
        of them) and write ``graph`` — their new version — in the same transaction. A document not
        in ``graph`` is forgotten: a stub again if others cite it, else gone."""
        ...

    def stats(self) -> dict[str, Any]:
        """``{"nodes": {label: n}, "edges": {type: n}, "node_count", "edge_count", "files"}``."""
        ...


__all__ = ["GraphStore", "QueryRunner", "SourceRow", "WriteCounts"]
