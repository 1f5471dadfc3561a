"""The Neo4j writer against a recording fake driver: order, batching, statements, idempotency.

The fake also executes chidao's own statements on an in-memory graph (fake_neo4j.py), so
"pushing twice changes nothing" is checked on the resulting state, not only on the statements. The
same properties are checked against a real Bolt server in tests/e2e/test_neo4j_bolt.py.
"""

from __future__ import annotations

import json

import pytest

pytest.importorskip("neo4j", reason="the neo4j extra is not installed")

from export_factories import NASTY, add_node, many_bodies, small_graph  # noqa: E402
from fake_neo4j import FakeDriver, FakeServer  # noqa: E402
from neo4j.exceptions import Neo4jError, ServiceUnavailable  # noqa: E402

from chidao.graph import schema  # noqa: E402
from chidao.graph.stores import neo4j_cypher as q  # noqa: E402
from chidao.graph.stores.neo4j import Neo4jRunner, counts, ensure_constraints, push_graph, wipe  # noqa: E402


def writes(driver: FakeDriver) -> list[tuple[str, list[dict]]]:
    return [(c, p["rows"]) for c, p in driver.server.log if "rows" in p]


def expected_state(graph):
    """What a server holds after a push of ``graph``: non-null properties, keyed like the fake."""
    nodes = {(d["label"], n): {k: v for k, v in d.items() if k != "label" and v is not None}
             for n, d in graph.nodes(data=True)}
    edges = {(u, d["type"], k, v): {"key": k, **{p: x for p, x in d.items() if p != "type" and x is not None}}
             for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


def test_constraints_come_first_one_per_label_idempotent() -> None:
    driver = FakeDriver()
    push_graph(driver, small_graph())
    statements = [c for c, _ in driver.server.log]
    constraint_texts = [q.constraint(label) for label in schema.NODE_LABELS]
    assert statements[: len(constraint_texts)] == constraint_texts
    assert all("IF NOT EXISTS" in c and "REQUIRE n.id IS UNIQUE" in c for c in constraint_texts)
    assert not any(c.startswith("CREATE CONSTRAINT") for c in statements[len(constraint_texts):])
    assert ensure_constraints(driver) == (list(schema.NODE_LABELS), [])  # again: no error, nothing new
    assert driver.server.constraints == list(schema.NODE_LABELS)


def test_nodes_before_edges_every_statement_from_the_cypher_module() -> None:
    driver = FakeDriver()
    graph = small_graph()
    report = push_graph(driver, graph)
    kinds = ["edge" if "]->(b)" in c else "node" for c, _ in writes(driver)]
    assert kinds == sorted(kinds, key=lambda k: k == "edge")
    node_labels = [c.split("MERGE (n:")[1].split(" ")[0] for c, _ in writes(driver) if "MERGE (n:" in c]
    assert node_labels == [label for label in schema.NODE_LABELS if label in node_labels]  # schema order
    for cypher, _ in writes(driver):
        assert cypher.startswith("UNWIND $rows AS r ") and " CREATE " not in cypher
        assert NASTY not in cypher and "629" not in cypher  # values only as parameters
        if "]->(b)" in cypher:  # endpoints matched by label (index use), MERGE on the key
            assert cypher.count("MATCH (a:") == 1 and cypher.count("MATCH (b:") == 1 and "{key: r.key}" in cypher
    assert (report.nodes, report.edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert driver.server.transactions == report.batches  # one managed write transaction per batch


def test_batches_have_the_requested_sizes() -> None:
    driver = FakeDriver()
    report = push_graph(driver, many_bodies(10), batch_size=3)
    sizes = [(("edge" if "]->(b)" in c else "node"), len(rows)) for c, rows in writes(driver)]
    assert sizes == [("node", 3), ("node", 3), ("node", 3), ("node", 1), ("edge", 3), ("edge", 3), ("edge", 3)]
    assert report.batches == 7 and report.nodes == 10 and report.edges == 9
    with pytest.raises(ValueError):
        push_graph(FakeDriver(), many_bodies(2), batch_size=0)


def test_byte_bounded_batches(sample_records) -> None:
    from chidao.graph.build import build_graph

    driver = FakeDriver()
    graph = build_graph(sample_records)
    push_graph(driver, graph, batch_size=1000, max_batch_bytes=3000, constraints=False)
    for _, rows in writes(driver):
        if len(rows) > 1:
            assert sum(len(json.dumps(r, ensure_ascii=False).encode()) for r in rows) <= 3000
    assert expected_state(graph) == driver.state()


def test_pushing_twice_changes_nothing() -> None:
    driver = FakeDriver()
    graph = small_graph()
    first = push_graph(driver, graph, batch_size=4)
    state, log = driver.state(), writes(driver)
    second = push_graph(driver, graph, batch_size=4)
    assert driver.state() == state == expected_state(graph)
    assert writes(driver)[len(log):] == log  # the very same statements and rows
    assert (first.nodes_created, first.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    assert counts(driver) == (graph.number_of_nodes(), graph.number_of_edges())


def test_sample_graph_arrives_whole_and_twice_is_once(sample_records) -> None:
    from chidao.graph.build import build_graph

    graph = build_graph(sample_records)
    driver = FakeDriver()
    push_graph(driver, graph)
    push_graph(driver, graph, batch_size=7)
    assert driver.state() == expected_state(graph)


def test_a_repush_updates_in_place_and_removes_nulled_properties() -> None:
    driver = FakeDriver()
    graph = small_graph()
    push_graph(driver, graph)
    doc = "doc:lai-chau/629-cv-tu/2021"
    graph.nodes[doc]["subject"] = None
    graph.nodes[doc]["place"] = "Thành phố Lai Châu"
    push_graph(driver, graph)
    held = driver.server.nodes[(schema.DOCUMENT, doc)]
    assert "subject" not in held and held["place"] == "Thành phố Lai Châu"
    assert driver.state() == expected_state(graph)


def test_rows_carry_every_schema_property_and_no_label() -> None:
    driver = FakeDriver()
    push_graph(driver, small_graph(), constraints=False)
    for cypher, rows in writes(driver):
        for row in rows:
            if "MERGE (n:" in cypher:
                label = cypher.split("MERGE (n:")[1].split(" ")[0]
                assert set(row["props"]) == set(schema.NODE_PROPERTIES[label]) - {"id"}  # no label, no id
            else:
                edge_type = cypher.split("MERGE (a)-[e:")[1].split(" ")[0]
                assert set(row["props"]) == set(schema.EDGE_PROPERTIES[edge_type])  # no type, no key


def test_labels_and_types_only_from_the_schema() -> None:
    graph = small_graph()
    add_node(graph, schema.BODY, "body:x/evil")
    graph.nodes["body:x/evil"]["label"] = "Body) DETACH DELETE n //"
    driver = FakeDriver()
    with pytest.raises(ValueError, match="no chidao label"):
        push_graph(driver, graph)
    assert writes(driver) == []
    for bad in ("Body) DETACH DELETE (n", "body"):
        with pytest.raises(ValueError):
            q.merge_nodes(bad)
    with pytest.raises(ValueError):
        q.merge_edges("ASSIGNS]->() DELETE a //", schema.DOCUMENT, schema.BODY)


def test_non_scalar_properties_are_refused() -> None:
    graph = many_bodies(1)
    graph.nodes["body:test/b0000"]["name"] = {"vi": "Ban"}
    with pytest.raises(TypeError, match="cannot hold dict"):
        push_graph(FakeDriver(), graph)


def test_a_server_without_constraints_still_gets_the_graph() -> None:
    error = Neo4jError._hydrate_neo4j(code="Neo.DatabaseError.General.UnknownError", message="An unknown error")
    driver = FakeDriver(FakeServer(constraint_error=error))
    graph = small_graph()
    report = push_graph(driver, graph)
    assert report.constraints == [] and len(report.warnings) == len(schema.NODE_LABELS)
    assert "UnknownError" in report.warnings[0]
    assert driver.state() == expected_state(graph)


def test_connection_errors_are_not_swallowed() -> None:
    driver = FakeDriver(FakeServer(constraint_error=ServiceUnavailable("no route")))
    with pytest.raises(ServiceUnavailable):
        push_graph(driver, small_graph())


def test_database_is_passed_everywhere() -> None:
    driver = FakeDriver()
    push_graph(driver, small_graph(), database="chidao")
    wipe(driver, "chidao")
    assert set(driver.databases) == {"chidao"}


def test_wipe_deletes_in_bounded_rounds() -> None:
    driver = FakeDriver()
    push_graph(driver, many_bodies(25))
    before = len(driver.server.log)
    assert wipe(driver, batch_size=10) == 25
    rounds = driver.server.log[before:]
    assert [p["limit"] for _, p in rounds] == [10, 10, 10] and counts(driver) == (0, 0)


def test_runner_reads_with_read_routing_and_plain_values() -> None:
    import datetime

    from neo4j import RoutingControl
    from neo4j.time import Date

    calls = []

    class Driver:
        def execute_query(self, cypher, params, database_=None, routing_=None):
            calls.append((cypher, params, database_, routing_))

            class Record(dict):
                pass

            class Result:
                records = [Record(a=1, b="x", d=Date(2021, 7, 22))]

            return Result()

    rows = Neo4jRunner(Driver(), "chidao").query("RETURN 1", {"p": 1})
    assert rows == [{"a": 1, "b": "x", "d": datetime.date(2021, 7, 22)}]
    assert calls == [("RETURN 1", {"p": 1}, "chidao", RoutingControl.READ)]


def test_stored_queries_run_through_the_runner_in_the_neo4j_dialect() -> None:
    from chidao.queries import backend_of, get_query, run_query

    seen = []

    class Driver:
        def execute_query(self, cypher, params, database_=None, routing_=None):
            seen.append((cypher, params))

            class Result:
                records = [{"id": "body:lai-chau/tinh-uy"}] if "RETURN n.id AS id" in cypher else []

            return Result()

    runner = Neo4jRunner(Driver())
    assert backend_of(runner) == "neo4j"
    run_query(runner, "accountability-chain", {"body": "Tỉnh ủy"})
    assert seen[-1][0] == get_query("accountability-chain").cypher and "type(r)" in seen[-1][0]
    assert seen[-1][1] == {"ids": ["body:lai-chau/tinh-uy"]}
