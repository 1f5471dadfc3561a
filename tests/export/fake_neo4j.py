"""A fake neo4j driver that records every statement and also *executes* chidao's own statements
against an in-memory graph — a lookup table of the exact Cypher texts from neo4j_cypher, not a
Cypher parser — so tests can check both what is sent and what a server would end up holding."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from chidao.graph import schema
from chidao.graph.stores import neo4j_cypher as q


@dataclass
class Counters:
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0


class Result:
    def __init__(self, records: list[dict[str, Any]], counters: Counters) -> None:
        self.records = records
        self.counters = counters

    def consume(self) -> Result:
        return self


class FakeServer:
    def __init__(self, constraint_error: Exception | None = None) -> None:
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str, str], dict[str, Any]] = {}  # (source, type, key, target)
        self.constraints: list[str] = []
        self.log: list[tuple[str, dict[str, Any]]] = []
        self.transactions = 0
        self.constraint_error = constraint_error
        self.handlers: dict[str, Any] = {q.count_nodes(): self._count_nodes, q.count_edges(): self._count_edges,
                                         q.wipe_batch(): self._wipe}
        for label in schema.NODE_LABELS:
            self.handlers[q.constraint(label)] = partial(self._constraint, label)
            self.handlers[q.merge_nodes(label)] = partial(self._merge_nodes, label)
        for edge_type, (sources, targets) in schema.EDGE_ENDPOINTS.items():
            for s in sources:
                for t in targets:
                    self.handlers[q.merge_edges(edge_type, s, t)] = partial(self._merge_edges, edge_type, s, t)

    def run(self, cypher: str, params: dict[str, Any]) -> Result:
        self.log.append((cypher, params))
        if cypher not in self.handlers:
            raise AssertionError(f"statement not from neo4j_cypher: {cypher}")
        return self.handlers[cypher](**params)

    # --- semantics of chidao's statements ---
    def _constraint(self, label: str) -> Result:
        if self.constraint_error is not None:
            raise self.constraint_error
        if label not in self.constraints:
            self.constraints.append(label)
        return Result([], Counters())

    @staticmethod
    def _set(target: dict[str, Any], props: dict[str, Any]) -> int:
        changed = 0
        for k, v in props.items():
            if v is None:
                target.pop(k, None)
            else:
                target[k] = v
            changed += 1
        return changed

    def _merge_nodes(self, label: str, rows: list[dict[str, Any]]) -> Result:
        c = Counters()
        for r in rows:
            if (label, r["id"]) not in self.nodes:
                self.nodes[(label, r["id"])] = {"id": r["id"]}
                c.nodes_created += 1
            c.properties_set += self._set(self.nodes[(label, r["id"])], r["props"])
        return Result([], c)

    def _merge_edges(self, edge_type: str, source: str, target: str, rows: list[dict[str, Any]]) -> Result:
        c = Counters()
        for r in rows:
            if (source, r["source"]) not in self.nodes or (target, r["target"]) not in self.nodes:
                continue  # MATCH found nothing: MERGE never runs
            key = (r["source"], edge_type, r["key"], r["target"])
            if key not in self.edges:
                self.edges[key] = {"key": r["key"]}
                c.relationships_created += 1
            c.properties_set += self._set(self.edges[key], r["props"])
        return Result([], c)

    def _count_nodes(self) -> Result:
        return Result([{"n": len(self.nodes)}], Counters())

    def _count_edges(self) -> Result:
        return Result([{"n": len(self.edges)}], Counters())

    def _wipe(self, limit: int) -> Result:
        doomed = list(self.nodes)[:limit]
        ids = {node_id for _, node_id in doomed}
        for key in doomed:
            del self.nodes[key]
        self.edges = {k: v for k, v in self.edges.items() if k[0] not in ids and k[3] not in ids}
        return Result([{"deleted": len(doomed)}], Counters())


class FakeTx:
    def __init__(self, server: FakeServer) -> None:
        self.server = server

    def run(self, cypher: str, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        return self.server.run(cypher, {**(parameters or {}), **kwargs})


class FakeSession:
    def __init__(self, server: FakeServer, database: str | None) -> None:
        self.server = server
        self.database = database

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute_write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        self.server.transactions += 1
        return fn(FakeTx(self.server), *args, **kwargs)


class FakeDriver:
    """Only what chidao uses: ``session(database=)``, ``execute_query``, ``verify_connectivity``, context."""

    def __init__(self, server: FakeServer | None = None, auth: Any = None) -> None:
        self.server = server or FakeServer()
        self.auth = auth
        self.databases: list[str | None] = []
        self.closed = False

    def session(self, database: str | None = None) -> FakeSession:
        self.databases.append(database)
        return FakeSession(self.server, database)

    def execute_query(self, cypher: str, parameters: dict[str, Any] | None = None, database_: str | None = None,
                      routing_: Any = None, **kwargs: Any) -> Result:
        self.databases.append(database_)
        return self.server.run(cypher, {**(parameters or {}), **kwargs})

    def verify_connectivity(self) -> None:
        return None

    def __enter__(self) -> FakeDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.closed = True

    def close(self) -> None:
        self.closed = True

    def state(self) -> tuple[dict[Any, Any], dict[Any, Any]]:
        return dict(self.server.nodes), dict(self.server.edges)
