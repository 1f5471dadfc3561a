"""Issue 6's must-show: a mixed folder — the samples as .txt, .docx, .pdf, .html and a TCVN3 copy,
plus bad files — ingests with one error line per bad file, exit status 1, and the good files give the
same facts as the .txt originals."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from click.testing import CliRunner

from chidao.cli import main
from chidao.graph.stores import open_store
from chidao.loaders.legacy import unicode_to_tcvn3

from .conftest import SAMPLES, make_docx, make_html, make_pdf

FACTS = """
MATCH (d:Document)-[a:ASSIGNS]->(b) WHERE d.is_stub = false
RETURN d.number AS doc, b.id AS body, a.role AS role, a.item AS item ORDER BY doc, item, body, role
"""
LINES = """
MATCH (w)-[r:ACCOUNTABLE_TO|REPORTS_TO]->(t) RETURN w.id AS who, label(r) AS kind, t.id AS to ORDER BY who, kind, to
"""


def facts(db: Path) -> tuple[list[dict], list[dict], dict]:
    with open_store(db, read_only=True) as store:
        return store.query(FACTS), store.query(LINES), store.stats()["nodes"]


def bad_files(folder: Path) -> list[Path]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "not-a-zip.docx").write_bytes(b"this is not a zip archive")
    bomb = folder / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    return sorted(p for p in folder.iterdir() if p.name in
                  {"empty.txt", "binary.txt", "not-a-zip.docx", "bomb.docx", "truncated.pdf"})


def test_mixed_folder(tmp_path, vietnamese_font) -> None:
    originals = sorted(SAMPLES)
    plain = tmp_path / "plain"
    plain.mkdir()
    for p in originals:
        (plain / p.name).write_bytes(p.read_bytes())
    CliRunner().invoke(main, ["ingest", str(plain), "--db", str(tmp_path / "plain.lbug")])
    expected = facts(tmp_path / "plain.lbug")

    mixed = tmp_path / "mixed đầu vào"  # a path with Vietnamese characters
    mixed.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in originals]
    make_docx(texts[0], mixed / "001.docx")
    make_pdf(texts[1], mixed / "002.pdf", vietnamese_font)
    make_html(texts[2], mixed / "003.html")
    (mixed / "004.txt").write_bytes(unicode_to_tcvn3(texts[3]))
    bad = bad_files(mixed)
    os.symlink(mixed, mixed / "loop")  # a symlink loop must not hang the walk

    result = CliRunner().invoke(main, ["ingest", str(mixed), "--db", str(tmp_path / "mixed.lbug")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(bad)
    for path in bad:
        assert sum(str(path) in line for line in errors) == 1
    assert "4 added" in result.stdout

    got = facts(tmp_path / "mixed.lbug")
    assert got[0] == expected[0]  # every assignment: same document, body, role, item
    assert got[1] == expected[1]  # every accountability and reporting line
    assert got[2] == expected[2]  # same number of nodes per label
