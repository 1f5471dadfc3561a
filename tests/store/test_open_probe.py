"""After a writer that did not finish, the store is first opened in a child process: if the engine
crashes reading the torn log back (a segfault no handler can catch, seen rarely in the kill tests), the
log is set aside and the journal replays, so the user's command goes on instead of dying."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from chidao.graph.stores.embedded import PROBE_CRASH_ENV, EmbeddedStore

CHILD = """
import os, sys
from chidao.extract import extract_file
from chidao.graph.build import build_graph
from chidao.graph.stores.embedded import EmbeddedStore
paths = sys.argv[2:]
store = EmbeddedStore(sys.argv[1], auto_checkpoint=False)
store.write_graph(build_graph([extract_file(p) for p in paths]))
os._exit(0)  # committed to the log, never checkpointed or closed: a kill after the commit
"""


@pytest.fixture()
def unfinished(tmp_path, sample_paths) -> Path:
    db = tmp_path / "s.lbug"
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), *map(str, sample_paths)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert Path(str(db) + ".wal").exists() and any((tmp_path / "s.lbug.journal").iterdir())
    return db


def _documents(db: Path) -> int:
    with EmbeddedStore(db, read_only=True) as store:
        return store.query("MATCH (d:Document) WHERE NOT d.is_stub RETURN count(*) AS n")[0]["n"]


def test_an_engine_crash_on_the_log_sets_it_aside_and_the_journal_replays(unfinished, monkeypatch) -> None:
    monkeypatch.setenv(PROBE_CRASH_ENV, "1")
    with EmbeddedStore(unfinished):
        pass
    assert list(unfinished.parent.glob("s.lbug.wal.crashed-*"))  # kept for a bug report, not deleted
    monkeypatch.delenv(PROBE_CRASH_ENV)
    assert _documents(unfinished) == 4


def test_without_a_crash_the_log_is_used_as_it_is(unfinished) -> None:
    with EmbeddedStore(unfinished):
        pass
    assert not list(unfinished.parent.glob("s.lbug.wal.crashed-*"))
    assert _documents(unfinished) == 4
