"""Killing the process in the middle of a batch leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from chidao.graph.stores import open_store
from chidao.ingest import ingest

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from chidao.graph.stores.embedded import EmbeddedStore
    from chidao.ingest import ingest

    marker = Path(sys.argv[3])
    original = EmbeddedStore._write_edges

    def stall(self, *args):
        original(self, *args)          # nodes and edges of the batch are written, not committed
        marker.write_text("in transaction")
        time.sleep(120)                     # the parent kills us here

    EmbeddedStore._write_edges = stall
    ingest([sys.argv[1]], sys.argv[2])
""")


def test_kill_mid_ingest(tmp_path, sample_paths) -> None:
    db = tmp_path / "k.lbug"
    ingest([sample_paths[0], sample_paths[2]], db)
    with open_store(db) as store:
        before = store.stats()
        rows_before = store.query("MATCH (n:Body) RETURN n.id AS id ORDER BY id")
    marker = tmp_path / "marker"
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(sample_paths[0].parent), str(db), str(marker)],
                             start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "child ended before reaching the write"
            assert time.monotonic() < deadline, "child never reached the write"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    with open_store(db) as store:  # reopening replays the log: the uncommitted batch is gone
        assert store.stats() == before
        assert store.query("MATCH (n:Body) RETURN n.id AS id ORDER BY id") == rows_before
    report = ingest([sample_paths[0].parent], db)  # and the store still works
    assert (report.added, report.unchanged) == (2, 2)
