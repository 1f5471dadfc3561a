"""Store upkeep and hostile inputs through the CLI: remove, --prune, rebuild, the cypher file guard,
files that are not regular, names that are not UTF-8 or not NFC, damaged stores."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.graph.stores import cypher as q
from chidao.graph.stores import open_store


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture()
def folder(tmp_path, sample_paths) -> Path:
    out = tmp_path / "in"
    out.mkdir()
    for p in sample_paths:
        shutil.copy(p, out / p.name)
    return out


def _documents(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        return [r["id"] for r in store.query("MATCH (d:Document) WHERE d.is_stub = false RETURN d.id AS id ORDER BY id")]


def test_remove_documents_in_one_transaction(tmp_path, folder) -> None:
    db = str(tmp_path / "s.lbug")
    assert run("ingest", str(folder), "--db", db).exit_code == 0
    before = _documents(Path(db))
    result = run("remove", "629-CV/TU", "doc:dong-nai/1747-cv-tu/2021", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 documents removed, 2 file records forgotten" in result.output
    assert _documents(Path(db)) == sorted(set(before) - {"doc:lai-chau/629-cv-tu/2021", "doc:dong-nai/1747-cv-tu/2021"})
    nothing = run("remove", "761-CV/TU", "no-such-doc", "--db", db)  # one bad name: nothing removed
    assert nothing.exit_code == 1 and "no document matches 'no-such-doc'" in nothing.output
    assert "doc:unknown/761-cv-tu" in _documents(Path(db))
    again = run("ingest", str(folder), "--db", db)  # the files come back as added
    assert "2 added" in again.output and _documents(Path(db)) == before


def test_prune_forgets_documents_whose_files_are_gone(tmp_path, folder) -> None:
    db = str(tmp_path / "s.lbug")
    run("ingest", str(folder), "--db", db)
    before = _documents(Path(db))
    gone = sorted(folder.glob("*.txt"))[1]  # 629-CV/TU
    gone.unlink()
    plain = run("ingest", str(folder), "--db", db)
    assert "pruned" not in plain.output and _documents(Path(db)) == before
    result = run("ingest", str(folder), "--db", db, "--prune")
    assert result.exit_code == 0, result.output
    assert "pruned 1 documents of 1 files gone" in result.output
    assert _documents(Path(db)) == [d for d in before if d != "doc:lai-chau/629-cv-tu/2021"]
    assert "pruned 0 documents of 0 files gone" in run("ingest", str(folder), "--db", db, "--prune").output


@pytest.mark.parametrize("query", [
    "LOAD FROM '/etc/passwd' (header=false) RETURN *",
    "COPY (MATCH (d:Document) RETURN d.id) TO '/tmp/chidao-out.csv'",
    "INSTALL json",
    "ATTACH '/tmp/x.lbug' AS x (dbtype lbug)",
    "load extension json",
])
def test_cypher_refuses_file_clauses(sample_store, query) -> None:
    result = run("cypher", query, "--db", str(sample_store))
    assert result.exit_code == 1 and "refused (pass --allow-files" in result.output
    assert "\n" not in result.output.strip()


def test_cypher_keeps_words_inside_strings(sample_store) -> None:
    result = run("cypher", "MATCH (d:Document) WHERE d.id = 'COPY' RETURN count(d) AS n", "--db", str(sample_store))
    assert result.exit_code == 0, result.output


def test_fifo_and_device_links_are_refused_before_reading(tmp_path, folder) -> None:
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    db = str(tmp_path / "s.lbug")
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    assert "pipe.txt: not read: a FIFO, not a regular file" in result.output
    assert "zero.txt: not read: a device, not a regular file" in result.output
    assert "4 added" in result.output


def test_a_name_that_is_not_utf8_does_not_stop_the_run(tmp_path, folder) -> None:
    bad = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(bad, "wb") as fp:
        fp.write((folder / sorted(os.listdir(folder))[0]).read_bytes())
    db = str(tmp_path / "s.lbug")
    result = run("ingest", str(folder), "--db", db)
    assert "file name is not valid UTF-8" in result.output and "4 added" in result.output


def test_nfd_name_replaces_its_nfc_record(tmp_path, sample_paths) -> None:
    nfc = unicodedata.normalize("NFC", "Chỉ thị.txt")
    (tmp_path / nfc).write_bytes(sample_paths[1].read_bytes())
    db = str(tmp_path / "s.lbug")
    run("ingest", str(tmp_path / nfc), "--db", db)
    nfd = str(tmp_path / unicodedata.normalize("NFD", nfc))
    (tmp_path / nfc).unlink()
    Path(nfd).write_bytes(sample_paths[1].read_bytes().replace(b"629-CV/TU", b"630-CV/TU"))
    result = run("ingest", nfd, "--db", db)
    assert "1 replaced" in result.output, result.output
    assert _documents(Path(db)) == ["doc:lai-chau/630-cv-tu/2021"]


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100])
def test_stats_on_an_empty_or_damaged_store_is_one_line(tmp_path, content) -> None:
    db = tmp_path / "bad.lbug"
    db.write_bytes(content)
    result = run("stats", "--db", str(db))
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "cannot open the store" in result.output
    assert result.output.count("\n") == 1


def test_rebuild_makes_an_old_store_current(tmp_path, folder) -> None:
    db = tmp_path / "s.lbug"
    run("ingest", str(folder), "--db", str(db))
    before = _documents(db)
    with open_store(db) as store:
        store.query(q.info_set(), {"key": "format", "value": "1"})
    refused = run("stats", "--db", str(db))
    assert refused.exit_code == 1 and f"chidao rebuild --db {db}" in refused.output
    result = run("rebuild", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "from 4 of 4 recorded files" in result.output and _documents(db) == before
    assert list(tmp_path.glob("s.lbug.old-*"))


def test_control_characters_in_a_file_name_are_escaped(tmp_path, sample_paths) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "evil\n\x1b[31mred.txt")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(tmp_path / "s.lbug")])
    assert "\x1b" not in result.output and "evil\\n\\x1b[31mred.txt" in result.output


@pytest.mark.parametrize(("target", "message"), [
    ("{tmp}", "is a folder"),
    ("/dev/null", "not a regular file"),
    ("{tmp}/missing/out.csv", "does not exist"),
])
def test_output_must_be_a_file_in_an_existing_folder(sample_store, tmp_path, target, message) -> None:
    result = run("export", "raci", "--db", str(sample_store), "--format", "csv", "-o", target.format(tmp=tmp_path))
    assert result.exit_code == 1 and message in result.output and result.output.count("\n") == 1
