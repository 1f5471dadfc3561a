"""RACI matrix and per-body responsibilities on the samples."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from chidao.cli import main
from chidao.graph.export import maps
from chidao.graph.load import graph_from_store


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_raci_has_a_row_per_measure_and_a_letter_per_assignment(store, sample_records) -> None:
    graph = graph_from_store(store)
    table = maps.raci(graph)
    assert len(table.rows) == sum(len(r["measures"]) for r in sample_records) == 40
    by_measure = {row["measure_id"]: row for row in table.rows}
    for record in sample_records:
        for m in record["measures"]:
            for a in m["assignments"]:
                letter = by_measure[m["id"]][a["body"]["id"]]
                assert letter in {"R", "A", "C"}
                if a["role"] == "lead":
                    assert letter == "A"
                if a["role"] == "cooperate":
                    assert letter == "C"


def test_raci_informed_and_accountable(store) -> None:
    table = maps.raci(graph_from_store(store))
    row = next(r for r in table.rows if r["document"] == "761-CV/TU" and r["item"] == "2")
    assert row["post:unknown~unknown-761-cv-tu/bi-thu-cac-huyen-uy-thanh-uy"] == "A"  # answers to the BTV
    lai_chau = next(r for r in table.rows if r["document"] == "629-CV/TU" and r["item"] == "4")
    assert lai_chau["body:lai-chau/ban-tuyen-giao-tinh-uy"] == "R"
    assert lai_chau["group:lai-chau/cac-huyen-uy-thanh-uy-dang-uy-truc-thuoc"] == "I"  # Kính gửi


def test_raci_csv_and_md_round_trip(sample_store) -> None:
    rows = list(csv.reader(io.StringIO(run("export", "raci", "--db", sample_store, "--format", "csv"))))
    assert rows[0][:5] == ["Văn bản / Document", "Ngày / Date", "Mục / Item", "Nhiệm vụ / Measure", "Thời hạn / Deadline"]
    assert len(rows) == 41
    md = run("export", "raci", "--db", sample_store, "--format", "md")
    assert md.count("\n| ") == 40 and "R thực hiện" in md  # 40 measure rows after the header


def test_raci_xlsx(sample_store, tmp_path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "raci.xlsx"
    run("export", "raci", "--db", sample_store, "--format", "xlsx", "-o", str(path))
    ws = load_workbook(path)["RACI"]
    assert ws.freeze_panes == "F2" and ws.auto_filter.ref
    assert ws.max_row == 41
    assert ws["D2"].alignment.wrap_text


def test_per_body_markdown_for_lai_chau_tuyen_giao(sample_store) -> None:
    md = run("export", "responsibilities", "--db", sample_store, "--body", "body:lai-chau/ban-tuyen-giao-tinh-uy")
    assert md.startswith("# Ban Tuyên giáo Tỉnh ủy — Lai Châu")
    assert "- **execute** — 629-CV/TU, 2021-11-03, mục 4" in md
    assert "Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông" in md


def test_per_body_lines_and_formats(sample_store) -> None:
    body = "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"
    info = json.loads(run("export", "responsibilities", "--db", sample_store, "--body", body, "--format", "json"))
    assert info["duties"][0]["role"] == "lead"
    assert info["lines"] == [{"kind": "reports to", "to": "Ban Thường vụ Tỉnh ủy", "cadence": "regular",
                              "document": "761-CV/TU", "quote": "báo cáo Ban Thường vụ Tỉnh ủy"}]
    html = run("export", "responsibilities", "--db", sample_store, "--body", body, "--format", "html")
    assert html.startswith("<!DOCTYPE html>") and "Ban Thường vụ Tỉnh ủy" in html
    rows = list(csv.reader(io.StringIO(run("export", "responsibilities", "--db", sample_store, "--body", body,
                                           "--format", "csv"))))
    assert rows[1][:5] == ["Ban Tuyên giáo Tỉnh ủy", "761-CV/TU", "", "6", "lead"]


def test_all_bodies_one_file_each(sample_store, tmp_path) -> None:
    CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--all", "-o", str(tmp_path / "out")])
    files = sorted(p.name for p in (tmp_path / "out").glob("*.md"))
    assert "body_lai-chau_ban-tuyen-giao-tinh-uy.md" in files
    assert len(files) == 58  # every body or post responsible for at least one measure
    assert all(name.isascii() for name in files)
