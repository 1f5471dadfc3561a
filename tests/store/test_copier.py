"""The bulk load's loader process (``stores/copier.py``): its failures reach the ingest as one line
with their reason, whenever they happen."""

from __future__ import annotations

import os
import signal

import pytest

from chidao.errors import StoreError
from chidao.graph import schema
from chidao.graph.stores import cypher as q
from chidao.graph.stores.copier import Copier
from chidao.graph.stores.embedded import EmbeddedStore


def _csv(path, rows: list[list[str]]) -> object:
    path.write_text("\n".join(",".join(r) for r in [list(schema.SOURCE_FILE_PROPERTIES), *rows]) + "\n",
                    encoding="utf-8")
    return path


def test_parts_are_loaded_and_their_files_deleted(tmp_path) -> None:
    store = tmp_path / "new.lbug"
    loader = Copier(str(store), None, tmp_path / "log")
    try:
        parts = [_csv(tmp_path / f"p{i}.csv", [[f"/d/{i}.txt", "ab", f"doc:vn/{i}", "2026-01-01"]]) for i in range(3)]
        for part in parts:
            loader.load(part, q.copy_nodes(schema.SOURCE_FILE, str(part)))
        loader.finish()
    finally:
        loader.close()
    assert not any(p.exists() for p in parts)
    with EmbeddedStore(store, read_only=True) as s:
        assert [r["p"] for r in s.query("MATCH (f:SourceFile) RETURN f.path AS p ORDER BY p")] == \
            ["/d/0.txt", "/d/1.txt", "/d/2.txt"]


def test_a_failed_copy_is_its_reason_even_with_a_part_in_flight(tmp_path) -> None:
    loader = Copier(str(tmp_path / "new.lbug"), None, tmp_path / "log")
    bad = _csv(tmp_path / "bad.csv", [["/d/x.txt", "ab"]])  # too few columns
    good = _csv(tmp_path / "good.csv", [["/d/y.txt", "ab", "doc:vn/1", "2026-01-01"]])
    with pytest.raises(StoreError) as caught:
        try:
            loader.load(bad, q.copy_nodes(schema.SOURCE_FILE, str(bad)))
            loader.load(good, q.copy_nodes(schema.SOURCE_FILE, str(good)))
            loader.load(good, q.copy_nodes(schema.SOURCE_FILE, str(good)))
            loader.finish()
        finally:
            loader.close()
    message = str(caught.value)
    assert "write failed" in message and "stopped" not in message and "\n" not in message, message


def test_a_loader_killed_is_named_so(tmp_path) -> None:
    loader = Copier(str(tmp_path / "new.lbug"), None, tmp_path / "log")
    try:
        os.kill(loader._proc.pid, signal.SIGKILL)
        loader._proc.wait()
        part = _csv(tmp_path / "p.csv", [["/d/y.txt", "ab", "doc:vn/1", "2026-01-01"]])
        with pytest.raises(StoreError, match=r"the loader process stopped \(killed by SIGKILL"):
            loader.load(part, q.copy_nodes(schema.SOURCE_FILE, str(part)))
            loader.finish()
    finally:
        loader.close()
