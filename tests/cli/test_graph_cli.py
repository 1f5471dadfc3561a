"""Store commands through click's CliRunner."""

from __future__ import annotations

import json
import shlex

from click.testing import CliRunner

from chidao.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_ingest_then_query(tmp_path, sample_paths) -> None:
    """The issue's must-show, through the CLI."""
    db = str(tmp_path / "c.lbug")
    result = run("ingest", str(sample_paths[0].parent), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["4 files: 4 added, 0 replaced, 0 unchanged, 0 failed; +148 nodes, +231 edges"]
    stats = json.loads(run("stats", "--db", db, "--format", "json").output)
    again = run("ingest", str(sample_paths[0].parent), "--db", db)
    assert again.stdout.splitlines() == ["4 files: 0 added, 0 replaced, 4 unchanged, 0 failed; +0 nodes, +0 edges"]
    assert json.loads(run("stats", "--db", db, "--format", "json").output) == stats
    chain = run("query", "accountability-chain", "--db", db, "--param", "body=bí thư các huyện ủy, thành ủy")
    assert chain.exit_code == 0, chain.output
    lines = chain.output.splitlines()
    assert lines[0].split() == ["step", "from", "link", "to", "cadence", "document", "date", "quote", "from_id", "to_id"]
    assert lines[2].startswith("1     Bí thư các huyện ủy, thành ủy  ACCOUNTABLE_TO  Ban Thường vụ Tỉnh ủy")
    assert "761-CV/TU" in lines[2]
    assert "Đồng chí bí thư các huyện ủy, thành ủy chịu trách nhiệm trước Ban Thường vụ Tỉnh ủy  " in lines[2]
    count = run("cypher", "MATCH (d:Document) RETURN count(d)", "--db", db)
    assert count.output.splitlines() == ["count(d)", "--------", "9", "(1 rows)"]
    numbers = run("cypher", "MATCH (d:Document) WHERE d.is_stub RETURN d.number AS n, d.date AS date ORDER BY date",
                  "--db", db, "--format", "csv")
    assert numbers.output.splitlines() == ["n,date", "21/NQ-CP,2021-02-26", "02/CĐ-UBND,2021-04-26", ",2021-04-27",
                                           ",2021-07-21", "16/CT-TTg,"]


def test_cypher_parameters_and_formats(sample_store) -> None:
    query = "MATCH (d:Document) WHERE d.number = $n RETURN d.id AS id, d.date AS date, d.is_stub AS stub"
    table = run("cypher", query, "--param", "n=629-CV/TU", "--db", sample_store)
    assert table.output.splitlines() == ["id                           date        stub",
                                         "---------------------------  ----------  -----",
                                         "doc:lai-chau/629-cv-tu/2021  2021-11-03  false", "(1 rows)"]
    as_json = run("cypher", query, "--param", "n=629-CV/TU", "--db", sample_store, "--format", "json")
    assert json.loads(as_json.output) == [{"id": "doc:lai-chau/629-cv-tu/2021", "date": "2021-11-03", "stub": False}]
    nothing = run("cypher", query, "--param", "n=nope", "--db", sample_store, "--format", "csv")
    assert nothing.output.splitlines() == []
    bad = run("cypher", query, "--param", "n", "--db", sample_store)
    assert bad.exit_code != 0


def test_ambiguous_names_list_candidates_unless_all_matches(sample_store) -> None:
    result = run("query", "who-assigned", "--db", sample_store, "--param", "body=Ban Dân vận Tỉnh ủy")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: 'Ban Dân vận Tỉnh ủy' matches 3 bodies or posts: "
                                    "body:dong-nai/ban-dan-van-tinh-uy (Ban Dân vận Tỉnh ủy, Đồng Nai); ")
    assert len(result.stderr.strip().splitlines()) == 1
    every = run("query", "who-assigned", "--db", sample_store, "--param", "body=Ban Dân vận Tỉnh ủy", "--all-matches",
                "--format", "json")
    assert sorted(r["body_id"].split("/")[0] for r in json.loads(every.output)) == [
        "body:dong-nai", "body:lai-chau", "body:unknown~sha-" + _sha(sample_store)]
    one = run("query", "who-assigned", "--db", sample_store, "--param", "body=Ban Dân vận Tỉnh ủy Lai Châu",
              "--format", "csv")
    assert one.output.splitlines()[1].startswith("Ban Dân vận Tỉnh ủy,Ban Thường vụ Tỉnh ủy; Tỉnh ủy,629-CV/TU,2021-11-03")


def _sha(db: str) -> str:
    from chidao.graph.stores import open_store

    with open_store(db, read_only=True) as s:
        return s.query("MATCH (d:Document) WHERE d.id STARTS WITH 'doc:sha/' RETURN d.id AS id")[0]["id"][8:]


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
    assert [d["id"] for d in data["documents"]] == ["doc:lai-chau/629-cv-tu/2021"]
    facts = data["facts"]
    assert {"dir": "out", "edge": "ASSIGNS", "item": "4", "name": "Ban Tuyên giáo Tỉnh ủy"}.items() <= next(
        f for f in facts if f["name"] == "Ban Tuyên giáo Tỉnh ủy" and f["edge"] == "ASSIGNS").items()
    assert [(f["edge"], f["name"]) for f in facts if f["dir"] == "in"] == [
        ("ISSUES", "Ban Thường vụ Tỉnh ủy"), ("ISSUES", "Tỉnh ủy"), ("SIGNS", "Lê Văn Lương")]
    assert run("show", "doc:lai-chau/629-cv-tu/2021", "--db", sample_store, "--format", "json").output == show.output
    stub = json.loads(run("show", "16-CT/TTg", "--db", sample_store, "--format", "json").output)
    assert stub["documents"][0]["is_stub"] is True and [f["dir"] for f in stub["facts"]] == ["in"]
    missing = run("show", "999-CV/TU", "--db", sample_store)
    assert missing.exit_code == 1 and missing.stderr == "Error: no document matches '999-CV/TU'\n"
    for province in ("Lai Châu", "lai-chau", "tỉnh Lai Châu", "LAI CHÂU", "lai chau", "Tinh Lai-Chau"):
        bodies = json.loads(run("bodies", "--db", sample_store, "--province", province, "--format", "json").output)
        assert "body:lai-chau/ban-tuyen-giao-tinh-uy" in {r["id"] for r in bodies}
        assert {r["jurisdiction"] for r in bodies} == {"Lai Châu"}
    everything = json.loads(run("bodies", "--db", sample_store, "--format", "json").output)
    assert len(everything) == 95 and {r["label"] for r in everything} == {"Body", "Post"}
    nowhere = run("bodies", "--db", sample_store, "--province", "Atlantis")
    assert nowhere.exit_code == 1 and "no province matches 'Atlantis'" in nowhere.stderr
    empty = run("bodies", "--db", sample_store, "--province", "ha giang")
    assert empty.exit_code == 1 and empty.stderr == "Error: no body or post of Hà Giang in the store\n"


def test_bundled_samples_are_the_examples(sample_paths) -> None:
    from chidao.commands.graph import sample_directives

    bundled = sorted(sample_directives().glob("*.txt"))
    assert [p.name for p in bundled] == [p.name for p in sample_paths]
    assert [p.read_bytes() for p in bundled] == [p.read_bytes() for p in sample_paths]


def test_query_errors_are_one_line(sample_store) -> None:
    result = run("query", "responsibilities", "--db", sample_store, "--param", "body=Ban Không Có")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no body or post matches 'Ban Không Có'"
    bad = run("cypher", "MATCH (n RETURN n", "--db", sample_store)
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: query failed: Parser exception")
    missing = run("stats", "--db", "/nonexistent/x.lbug")
    assert missing.exit_code == 1 and "no store here" in missing.stderr


def test_query_limit(sample_store) -> None:
    every = json.loads(run("query", "citations", "--db", sample_store, "--format", "json").output)
    first = json.loads(run("query", "citations", "--db", sample_store, "--format", "json", "--limit", "2").output)
    assert len(every) > 2 and first == every[:2]
    assert run("query", "citations", "--db", sample_store, "--limit", "-1").exit_code == 2


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
    tries = [line.strip() for line in result.output.split("Try next:")[1].splitlines() if line.strip()]
    for line in tries:  # every suggestion works as printed
        args = shlex.split(line)[1:]
        if args[0] == "export":
            continue  # the export commands have their own tests
        step = run(*args)
        assert step.exit_code == 0, (line, step.output)
        assert "(no rows)" not in step.output, line


def test_ingest_progress_without_a_terminal(tmp_path, sample_paths, monkeypatch) -> None:
    """A pipe or a log gets a plain line at each step of a long run, never control characters."""
    from chidao.commands import graph

    monkeypatch.setattr(graph, "QUIET_BELOW", 1)
    monkeypatch.setattr(graph, "PROGRESS_LINES", 2)
    result = run("ingest", str(sample_paths[0].parent), "--db", str(tmp_path / "p.lbug"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["ingest: 2/4 files (50%)", "ingest: 4/4 files (100%)"]


def test_small_ingest_is_quiet_without_a_terminal(tmp_path, sample_paths) -> None:
    result = run("ingest", str(sample_paths[0].parent), "--db", str(tmp_path / "q.lbug"))
    assert result.exit_code == 0 and result.stderr == ""


def test_ingest_progress_bar_on_a_terminal(capsys) -> None:
    from chidao.commands.graph import _ingest_progress

    with _ingest_progress(3, True) as update:
        for name in ("a.txt", "b.docx", "c.pdf"):
            update(name, "added")
    assert "Reading" in capsys.readouterr().err


def test_ingest_of_a_missing_path_creates_nothing(tmp_path, sample_paths) -> None:
    db = tmp_path / "typo.lbug"
    result = run("ingest", str(tmp_path / "nope.txt"), str(sample_paths[0]), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope.txt'}: no such file or folder (nothing was ingested)\n"
    assert not db.exists()


def test_a_text_that_is_not_a_directive_is_reported_not_stored(tmp_path, sample_paths) -> None:
    junk = tmp_path / "list.txt"
    junk.write_text("mua gạo\nmua muối\nhello world\n", encoding="utf-8")
    db = str(tmp_path / "j.lbug")
    result = run("ingest", str(junk), str(sample_paths[1]), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [f"warning: {junk}: not a directive (no header, no items, no assignment); "
                                          "not stored"]
    assert result.stdout.startswith("2 files: 1 added, 0 replaced, 0 unchanged, 1 not a directive, 0 failed;")
    docs = run("cypher", "MATCH (d:Document) WHERE d.id STARTS WITH 'doc:sha/' RETURN count(*) AS n", "--db", db,
               "--format", "csv")
    assert docs.output.splitlines() == ["n", "0"]
