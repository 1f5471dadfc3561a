"""A tiny smoke run of the benchmark code (the real runs are documented in docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_corpus_generator_is_seeded_and_realistic(tmp_path) -> None:
    sys.path.insert(0, str(BENCH))
    import corpus

    a = corpus.generate(5, tmp_path / "a", seed=3)
    b = corpus.generate(5, tmp_path / "b", seed=3)
    assert [p.read_text(encoding="utf-8") for p in a] == [p.read_text(encoding="utf-8") for p in b]
    sizes = [p.stat().st_size for p in a]
    assert all(3000 < s < 16000 for s in sizes)


def test_bench_smoke(tmp_path) -> None:
    out = tmp_path / "r.json"
    run = subprocess.run([sys.executable, str(BENCH / "run.py"), "--docs", "12", "--repeat", "1", "--workdir",
                          str(tmp_path), "--out", str(out), "--skip", "turtle,jsonld,graphml,cypher"], capture_output=True, text=True,
                         timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(out.read_text())
    assert result["docs"] == 12 and result["ingest"]["added"] == 12 and result["ingest"]["failed"] == 0
    assert set(result["queries"]) >= {"accountability-chain", "responsibilities", "deadlines",
                                      "accountability-chain@100"}
    assert all(q["rows"] >= 0 and q["ms"] > 0 for q in result["queries"].values())
    assert result["query_targets"]["body"].startswith("body:")
    assert "parse_1" in result and "html_s" in result["exports"]
    assert set(result["whole_exports"]) == {"ntriples", "neo4j-import"}
    assert all(e["mb"] > 0 and e["rss_mb"] > 0 for e in result["whole_exports"].values()), result["whole_exports"]

    sys.path.insert(0, str(BENCH))
    import report

    tables = report.render([result])
    assert "| parse, 1 process |" in tables and "| `accountability-chain` |" in tables
    assert "| `export neo4j-import` of the whole store: time, peak RSS, size |" in tables


def test_performance_page_shows_the_committed_figures() -> None:
    """docs/performance.md holds the tables bench/report.py renders from bench/figures/*.json."""
    run = subprocess.run([sys.executable, str(BENCH / "report.py"), "--check"], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr


def test_copy_phase_smoke(tmp_path) -> None:
    """bench/copy_phase.py keeps a staging file, then loads it with the cache and threads given."""
    sys.path.insert(0, str(BENCH))
    import corpus

    corpus.generate(20, tmp_path / "corpus", seed=5)
    stage = tmp_path / "stage.sqlite"
    script = [sys.executable, str(BENCH / "copy_phase.py")]
    kept = subprocess.run([*script, "--save-stage", str(stage), "--corpus", str(tmp_path / "corpus"), "--jobs", "1"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert kept.returncode == 0 and stage.stat().st_size > 0, kept.stderr[-2000:]
    run = subprocess.run([*script, "--stage", str(stage), "--pool", "256", "--threads", "1", "--rows", "50"],
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "'outcome': 'loaded'" in run.stdout and "'rows': 50" in run.stdout, run.stdout


def test_ingest_profile_smoke(tmp_path) -> None:
    """bench/ingest_profile.py runs an ingest in a child, samples its tree and reports CPU by role."""
    sys.path.insert(0, str(BENCH))
    import corpus

    corpus.generate(40, tmp_path / "corpus", seed=5)
    timeline = tmp_path / "t.csv"
    run = subprocess.run([sys.executable, str(BENCH / "ingest_profile.py"), "--corpus", str(tmp_path / "corpus"),
                          "--db", str(tmp_path / "s.lbug"), "--jobs", "2", "--every", "0.05",
                          "--timeline", str(timeline)], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "ingest: 40 added, 0 failed" in run.stderr
    whole = next(line for line in run.stdout.splitlines() if line.startswith("whole ingest")).split()
    assert float(whole[2]) > 0 and float(whole[3]) > 0  # wall seconds, writer CPU seconds
    rows = timeline.read_text().splitlines()
    assert rows[0] == "s,rss_mb,writer,workers,loader" and len(rows) > 2
    again = subprocess.run([sys.executable, str(BENCH / "ingest_profile.py"), "--corpus", str(tmp_path / "corpus"),
                            "--db", str(tmp_path / "s.lbug")], capture_output=True, text=True, timeout=60, check=False)
    assert again.returncode != 0 and "exists" in again.stderr
