"""The Neo4j writer with a recording fake driver: order, batching, idempotent statements."""

from __future__ import annotations

from chidao.graph import schema
from chidao.graph.build import build_graph
from chidao.graph.stores.neo4j import Neo4jRunner, push_graph


class FakeTx:
    def __init__(self, log):
        self.log = log

    def run(self, cypher, **params):
        self.log.append((cypher, params["rows"]))
        return self

    def consume(self):
        return None


class FakeSession:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute_write(self, fn, *args):
        return fn(FakeTx(self.log), *args)


class FakeDriver:
    def __init__(self):
        self.log = []
        self.ddl = []

    def session(self, database=None):
        return FakeSession(self.log)

    def execute_query(self, cypher, params=None, database_=None):
        self.ddl.append(cypher)

        class Result:
            records = [{"n": 0, "x": 1}]

        return Result()


def test_constraints_first_then_nodes_then_edges(sample_records) -> None:
    driver = FakeDriver()
    graph = build_graph(sample_records)
    report = push_graph(driver, graph, batch_size=7)
    assert [c.split(" FOR ")[1] for c in driver.ddl] == [f"(n:{label}) REQUIRE n.id IS UNIQUE" for label in
                                                         schema.NODE_LABELS]
    assert all("IF NOT EXISTS" in c for c in driver.ddl)
    kinds = ["edge" if "MERGE (a)-" in c else "node" for c, _ in driver.log]
    assert kinds == sorted(kinds, key=lambda k: k == "edge")  # all nodes before any edge
    assert all(len(rows) <= 7 for _, rows in driver.log)
    assert report.nodes == graph.number_of_nodes() and report.edges == graph.number_of_edges()
    assert all(c.startswith("UNWIND $rows AS r MERGE") or "MERGE (a)-[e:" in c for c, _ in driver.log)
    assert all(" CREATE " not in c for c, _ in driver.log)


def test_rows_have_no_nulls_and_stable_keys(sample_records) -> None:
    driver = FakeDriver()
    push_graph(driver, build_graph(sample_records), constraints=False)
    for _, rows in driver.log:
        for row in rows:
            assert None not in row["props"].values()
    first = [rows for _, rows in driver.log]
    again = FakeDriver()
    push_graph(again, build_graph(sample_records), constraints=False)
    assert [rows for _, rows in again.log] == first


def test_byte_bounded_batches(sample_records) -> None:
    import json

    driver = FakeDriver()
    push_graph(driver, build_graph(sample_records), batch_size=1000, max_batch_bytes=3000, constraints=False)
    for _, rows in driver.log:
        if len(rows) > 1:
            assert sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in rows) <= 3000


def test_runner_returns_dicts() -> None:
    class Driver:
        def execute_query(self, cypher, params, database_=None):
            class Record(dict):
                pass

            class Result:
                records = [Record(a=1, b="x")]

            return Result()

    assert Neo4jRunner(Driver()).query("RETURN 1") == [{"a": 1, "b": "x"}]
