"""Store commands through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from chidao.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_ingest_then_query(tmp_path, sample_paths) -> None:
    db = str(tmp_path / "c.lbug")
    result = run("ingest", str(sample_paths[0].parent), "--db", db)
    assert result.exit_code == 0, result.output
    assert "4 files: 4 added, 0 replaced, 0 unchanged, 0 failed" in result.output
    again = run("ingest", str(sample_paths[0].parent), "--db", db)
    assert "4 unchanged" in again.output
    chain = run("query", "accountability-chain", "--db", db, "--param", "body=bí thư các huyện ủy, thành ủy",
                "--format", "json")
    rows = json.loads(chain.output)
    assert any(r["to"] == "Ban Thường vụ Tỉnh ủy" and r["document"] == "761-CV/TU" for r in rows)
    count = run("cypher", "MATCH (d:Document) RETURN count(d) AS n", "--db", db, "--format", "csv")
    assert count.output.splitlines() == ["n", "9"]


def test_db_from_environment(tmp_path, sample_paths) -> None:
    db = str(tmp_path / "env.lbug")
    result = CliRunner(env={"CHIDAO_DB": db}).invoke(main, ["ingest", str(sample_paths[1])])
    assert result.exit_code == 0
    stats = CliRunner(env={"CHIDAO_DB": db}).invoke(main, ["stats", "--format", "json"])
    assert {"kind": "node", "name": "Document", "count": 1} in json.loads(stats.output)


def test_ingest_reports_bad_files_and_exits_1(tmp_path, sample_paths) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.txt").write_text(sample_paths[1].read_text(encoding="utf-8"), encoding="utf-8")
    result = run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.lbug"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'in' / 'empty.txt'}: empty file"
    assert "1 added" in result.stdout


def test_show_and_bodies(sample_store) -> None:
    show = run("show", "629-CV/TU", "--db", sample_store, "--format", "json")
    data = json.loads(show.output)
    assert data["documents"][0]["id"] == "doc:lai-chau/629-cv-tu/2021"
    assert {"edge": "ASSIGNS", "item": "4", "name": "Ban Tuyên giáo Tỉnh ủy"}.items() <= next(
        f for f in data["facts"] if f["name"] == "Ban Tuyên giáo Tỉnh ủy" and f["edge"] == "ASSIGNS").items()
    bodies = run("bodies", "--db", sample_store, "--province", "Lai Châu", "--format", "json")
    names = {r["name"] for r in json.loads(bodies.output)}
    assert "Ban Tuyên giáo Tỉnh ủy" in names and all(
        r["jurisdiction"] == "Lai Châu" for r in json.loads(bodies.output))


def test_query_errors_are_one_line(sample_store) -> None:
    result = run("query", "responsibilities", "--db", sample_store, "--param", "body=Ban Không Có")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no body or post matches 'Ban Không Có'"
    bad = run("cypher", "MATCH (n RETURN n", "--db", sample_store)
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: query failed: Parser exception")
    missing = run("stats", "--db", "/nonexistent/x.lbug")
    assert missing.exit_code == 1 and "no store here" in missing.stderr


def test_queries_lists_the_catalogue() -> None:
    result = run("queries", "--format", "json")
    names = [q["name"] for q in json.loads(result.output)]
    assert names[:3] == ["accountability-chain", "responsibilities", "implementation-tree"]
    assert len(names) == 10


def test_demo(tmp_path) -> None:
    db = tmp_path / "demo" / "d.lbug"
    result = run("demo", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "4 added" in result.output and "Try next:" in result.output
    assert db.exists()
