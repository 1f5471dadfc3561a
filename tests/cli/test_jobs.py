"""``--jobs`` defaults to the number of cores for ingest and rebuild (one process for small batches),
and the number of processes changes nothing in the store."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import chidao.ingest
from chidao.cli import main
from chidao.graph.export.rdf_stream import export_store
from chidao.graph.stores import open_store
from chidao.ingest import PARALLEL_FROM, default_jobs

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize(("cores", "files", "expected"), [
    (3, None, 3), (3, PARALLEL_FROM, 3), (3, PARALLEL_FROM - 1, 1), (1, 1000, 1), (200, 1000, 64), (2, 0, 1),
])
def test_default_jobs(monkeypatch, cores, files, expected) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert default_jobs(files) == expected


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    sys.path.insert(0, str(BENCH))
    import corpus

    root = tmp_path_factory.mktemp("jobs") / "corpus"
    corpus.generate(PARALLEL_FROM + 4, root, seed=41)
    return root


@pytest.mark.parametrize(("args", "small", "expected"), [
    ((), False, "cores"), ((), True, 1), (("--jobs", "2"), True, 2), (("-j", "1"), False, 1),
])
def test_ingest_passes_the_default(folder, tmp_path, monkeypatch, args, small, expected) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    seen = []
    monkeypatch.setattr(chidao.ingest, "ingest", lambda files, db, jobs, **kw: seen.append(jobs) or
                        chidao.ingest.IngestReport())
    paths = sorted(folder.iterdir())[:3] if small else [folder]
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", str(tmp_path / "s.lbug"), *args])
    assert result.exit_code == 0, result.output
    assert seen == [3 if expected == "cores" else expected]


def test_processes_change_nothing(folder, tmp_path) -> None:
    out = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"j{jobs}.lbug"
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        buf = io.BytesIO()
        with open_store(db, read_only=True) as store:
            export_store(store, buf, "nt")
        out[jobs] = sorted(buf.getvalue().splitlines())
    assert out["1"] == out["2"] and out["1"]


def test_rebuild_passes_the_default(folder, tmp_path, monkeypatch) -> None:
    db = tmp_path / "s.lbug"
    assert CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "-j", "1"]).exit_code == 0
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    seen = []
    monkeypatch.setattr(chidao.ingest, "ingest", lambda files, db, jobs, **kw: seen.append(jobs) or
                        chidao.ingest.IngestReport())
    result = CliRunner().invoke(main, ["rebuild", "--db", str(db)])
    assert seen == [3], result.output
