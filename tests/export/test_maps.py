"""RACI matrix and per-body responsibilities: on the samples, on factory-made graphs, and round trips."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.graph import schema
from chidao.graph.export import maps
from chidao.graph.load import graph_from_store

LAI_CHAU_BTG = "body:lai-chau/ban-tuyen-giao-tinh-uy"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


# --- factories: the builder's attribute shape ---------------------------------------------------------


def node(graph: nx.MultiDiGraph, node_id: str, label: str, **props) -> None:
    data = {k: None for k in schema.NODE_PROPERTIES[label]}
    data.update(id=node_id, **props)
    graph.add_node(node_id, label=label, **data)


def edge(graph: nx.MultiDiGraph, u: str, v: str, edge_type: str, **props) -> None:
    data = {k: None for k in schema.EDGE_PROPERTIES[edge_type]}
    data.update(props)
    key = schema.EdgeKey(u, v, edge_type, "|".join(str(props.get(k) or "") for k in ("role", "kind"))).key
    graph.add_edge(u, v, key=key, type=edge_type, **data)


def directive() -> nx.MultiDiGraph:
    """One document, two measures: A leads item 1 and answers for it, B cooperates, C executes item 10,
    D is only a Nơi nhận addressee, E is both addressed and assigned."""
    g = nx.MultiDiGraph()
    doc = "doc:lai-chau/9-ct-tu/2024"
    node(g, doc, schema.DOCUMENT, number="9-CT/TU", date="2024-05-01", scope="lai-chau", is_stub=False)
    node(g, "body:lai-chau/tinh-uy", schema.BODY, name="Tỉnh ủy", jurisdiction="Lai Châu", scope="lai-chau")
    for ch in "ABCDE":
        node(g, f"body:lai-chau/{ch.lower()}", schema.BODY, name=f"Ban {ch}", jurisdiction="Lai Châu",
             scope="lai-chau")
    for n, item in ((1, "1"), (2, "10"), (3, "2")):
        node(g, f"measure:lai-chau/9-ct-tu/2024#{n}", schema.MEASURE, document=doc, item=item, ordinal=n,
             text=f"{item}. Việc | số {item}\ncó xuống dòng", deadline="2024-06-30" if n == 1 else None)
        edge(g, doc, f"measure:lai-chau/9-ct-tu/2024#{n}", schema.CONTAINS, document=doc)
    prov = {"document": doc, "span_start": 1, "span_end": 2}
    edge(g, "body:lai-chau/tinh-uy", doc, schema.ISSUES, quote="TỈNH ỦY", **prov)
    edge(g, "body:lai-chau/a", "measure:lai-chau/9-ct-tu/2024#1", schema.RESPONSIBLE_FOR, role="execute",
         quote="Ban A thực hiện", **prov)
    edge(g, "body:lai-chau/b", "measure:lai-chau/9-ct-tu/2024#1", schema.RESPONSIBLE_FOR, role="cooperate",
         quote="phối hợp Ban B", **prov)
    edge(g, "body:lai-chau/c", "measure:lai-chau/9-ct-tu/2024#2", schema.RESPONSIBLE_FOR, role="execute",
         quote="Ban C", **prov)
    edge(g, "body:lai-chau/e", "measure:lai-chau/9-ct-tu/2024#3", schema.RESPONSIBLE_FOR, role="lead",
         quote="Ban E chủ trì", **prov)
    edge(g, "body:lai-chau/a", "body:lai-chau/tinh-uy", schema.ACCOUNTABLE_TO, quote="chịu trách nhiệm trước", **prov)
    edge(g, "body:lai-chau/a", "body:lai-chau/tinh-uy", schema.REPORTS_TO, cadence="monthly",
         quote="báo cáo hằng tháng", **prov)
    edge(g, doc, "body:lai-chau/d", schema.ADDRESSED_TO, kind="cc", purpose="để biết", quote="Ban D", **prov)
    edge(g, doc, "body:lai-chau/e", schema.ADDRESSED_TO, kind="to", quote="Ban E", **prov)
    return g


def test_raci_letters_on_a_factory_graph() -> None:
    table = maps.raci(directive())
    rows = {row["item"]: row for row in table.rows}
    assert [row["item"] for row in table.rows] == ["1", "10", "2"]  # document order (ordinal), not text order
    assert rows["1"]["body:lai-chau/a"] == "A"  # executes, and answers for it in this document
    assert rows["1"]["body:lai-chau/b"] == "C"
    assert rows["10"]["body:lai-chau/c"] == "R"
    assert rows["2"]["body:lai-chau/e"] == "A"  # leads; being an addressee does not weaken it
    assert {rows[i]["body:lai-chau/d"] for i in rows} == {"I"}  # Nơi nhận, để biết
    assert rows["1"]["body:lai-chau/e"] == "I"
    assert "body:lai-chau/tinh-uy" not in dict(table.columns)  # issues, is not assigned or addressed
    assert [name for _, name in table.columns] == [f"Ban {c} (Lai Châu)" for c in "ABCDE"]
    assert rows["1"]["deadline"] == "2024-06-30" and rows["1"]["document"] == "9-CT/TU"


def test_per_body_on_a_factory_graph() -> None:
    info = maps.responsibilities(directive(), "body:lai-chau/a")
    assert info["duties"] == [{
        "document": "9-CT/TU", "document_id": "doc:lai-chau/9-ct-tu/2024", "date": "2024-05-01",
        "issued_by": ["Tỉnh ủy"], "item": "1", "role": "execute", "raci": "A", "deadline": "2024-06-30",
        "measure": "1. Việc | số 1\ncó xuống dòng", "measure_id": "measure:lai-chau/9-ct-tu/2024#1",
        "quote": "Ban A thực hiện"}]
    assert [(x["kind"], x["to"], x["cadence"]) for x in info["lines"]] == [
        ("answers to", "Tỉnh ủy", None), ("reports to", "Tỉnh ủy", "monthly")]
    md = maps.render_responsibilities(info, "md")
    assert "- báo cáo / reports to **Tỉnh ủy** (monthly) — 9-CT/TU: “báo cáo hằng tháng”" in md
    assert "hạn / deadline 2024-06-30" in md and "issued by Tỉnh ủy" in md
    c = maps.responsibilities(directive(), "body:lai-chau/c")
    assert [d["item"] for d in c["duties"]] == ["10"]


# --- the samples ----------------------------------------------------------------------------------------


@pytest.fixture()
def graph(store):
    return graph_from_store(store)


def test_raci_has_a_row_per_measure_and_a_letter_per_assignment(graph, sample_records) -> None:
    table = maps.raci(graph)
    assert len(table.rows) == sum(len(r["measures"]) for r in sample_records)
    assert len({row["measure_id"] for row in table.rows}) == len(table.rows)
    by_measure = {row["measure_id"]: row for row in table.rows}
    assignments = 0
    for record in sample_records:
        for m in record["measures"]:
            for a in m["assignments"]:
                assignments += 1
                letter = by_measure[m["id"]][a["body"]["id"]]
                assert letter == {"lead": "A", "cooperate": "C", "execute": letter if letter in "RA" else "R"}[a["role"]]
    assert assignments > 40


def test_raci_informed_and_accountable(graph) -> None:
    table = maps.raci(graph)
    row = next(r for r in table.rows if r["document"] == "761-CV/TU" and r["item"] == "2")
    assert row["post:unknown~unknown-761-cv-tu/bi-thu-cac-huyen-uy-thanh-uy"] == "A"  # answers to the BTV
    lai_chau = next(r for r in table.rows if r["document"] == "629-CV/TU" and r["item"] == "4")
    assert lai_chau[LAI_CHAU_BTG] == "R"
    assert lai_chau["group:lai-chau/cac-huyen-uy-thanh-uy-dang-uy-truc-thuoc"] == "I"  # Kính gửi


def read_md_table(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if not line.startswith("| "):
            continue
        cells = re.split(r"(?<!\\) \| ", line[2:-2])
        rows.append([html.unescape(c.replace("\\|", "|").replace("\\\\", "\\")) for c in cells])
    return rows


def one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def test_raci_csv_round_trip(sample_store, graph) -> None:
    header, body = maps.raci_rows(maps.raci(graph))
    rows = list(csv.reader(io.StringIO(run("export", "raci", "--db", sample_store, "--format", "csv"))))
    assert rows[0][:5] == ["Văn bản / Document", "Ngày / Date", "Mục / Item", "Nhiệm vụ / Measure",
                           "Thời hạn / Deadline"]
    assert rows == [header, *body]


def test_raci_md_round_trip(sample_store, graph) -> None:
    header, body = maps.raci_rows(maps.raci(graph))
    md = run("export", "raci", "--db", sample_store, "--format", "md")
    assert read_md_table(md) == [[one_line(c) for c in header], *[[one_line(c) for c in row] for row in body]]
    assert "**R** thực hiện" in md
    short = run("export", "raci", "--db", sample_store, "--format", "md", "--width", "40")
    assert all(len(row[3]) <= 40 for row in read_md_table(short)[1:])


def test_raci_md_escapes_pipes_and_markup() -> None:
    g = directive()
    g.nodes["body:lai-chau/a"]["name"] = "Ban <script>x</script> | A"
    out = io.StringIO()
    maps.write_raci_md(maps.raci(g), out)
    assert "<script>" not in out.getvalue() and "&lt;script&gt;" in out.getvalue()
    table = read_md_table(out.getvalue())
    assert "Ban <script>x</script> | A (Lai Châu)" in table[0]
    assert table[1][3] == "1. Việc | số 1 có xuống dòng"
    assert len({len(r) for r in table}) == 1


def test_raci_xlsx_round_trip(sample_store, graph, tmp_path) -> None:
    from openpyxl import load_workbook

    header, body = maps.raci_rows(maps.raci(graph))
    path = tmp_path / "raci.xlsx"
    result = CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "-o", str(path)])  # format from suffix
    assert result.exit_code == 0, result.output
    wb = load_workbook(path)
    ws = wb["RACI"]
    read = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    assert read == [header, *body]
    assert ws.freeze_panes == "F2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{len(body) + 1}"
    assert ws["D2"].alignment.wrap_text and ws["A1"].font.bold
    assert ws.column_dimensions["D"].width >= 60 and ws.column_dimensions["F"].width < 8
    assert ws["F1"].alignment.text_rotation == 90
    assert [r[0] for r in wb["Legend"].iter_rows(min_row=2, values_only=True)] == ["R", "A", "C", "I"]
    assert {r[1] for r in wb["Bodies"].iter_rows(min_row=2, values_only=True)} >= {LAI_CHAU_BTG}


def test_raci_xlsx_needs_a_file(sample_store) -> None:
    result = CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "--format", "xlsx"])
    assert result.exit_code == 1 and "needs -o" in result.stderr


@pytest.mark.parametrize("ref", [LAI_CHAU_BTG, "Ban Tuyên giáo Tỉnh ủy Lai Châu", "ban tuyen giao tinh uy lai chau"])
def test_per_body_markdown_for_lai_chau_tuyen_giao(sample_store, ref) -> None:
    md = run("export", "responsibilities", "--db", sample_store, "--body", ref)
    assert md.startswith("# Ban Tuyên giáo Tỉnh ủy — Lai Châu\n")
    assert f"`{LAI_CHAU_BTG}`" in md and md.count("\n# ") == 0  # just that one body
    assert "- **thực hiện / execute** (R) — 629-CV/TU, 2021-11-03, mục 4" in md
    assert "4. Ban Tuyên giáo Tỉnh ủy chỉ đạo các cơ quan truyền thông, báo chí làm tốt công tác thông tin" in md
    assert "trích / quote: “Ban Tuyên giáo Tỉnh ủy chỉ đạo" in md


def test_per_body_by_name_lists_every_province(sample_store) -> None:
    result = CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--body",
                                       "Ban Tuyên giáo Tỉnh ủy", "--format", "json"])
    infos = json.loads(result.stdout)
    assert isinstance(infos, list) and len(infos) >= 3 and LAI_CHAU_BTG in {i["id"] for i in infos}
    assert "add the province" in result.stderr
    rows = list(csv.reader(io.StringIO(run("export", "responsibilities", "--db", sample_store, "--body",
                                           "Ban Tuyên giáo Tỉnh ủy", "--format", "csv"))))
    assert rows[0] == maps.CSV_FIELDS and sum(r == maps.CSV_FIELDS for r in rows) == 1
    assert {r[1] for r in rows[1:]} == {i["id"] for i in infos}


def test_per_body_lines_and_formats(sample_store) -> None:
    body = "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy"
    info = json.loads(run("export", "responsibilities", "--db", sample_store, "--body", body, "--format", "json"))
    assert info["duties"][0]["role"] == "lead" and info["duties"][0]["raci"] == "A"
    assert [(x["kind"], x["to"], x["cadence"], x["document"], x["quote"]) for x in info["lines"]] == [
        ("reports to", "Ban Thường vụ Tỉnh ủy", "regular", "761-CV/TU", "báo cáo Ban Thường vụ Tỉnh ủy")]
    page = run("export", "responsibilities", "--db", sample_store, "--body", body, "--format", "html")
    assert page.startswith("<!DOCTYPE html>") and "Ban Thường vụ Tỉnh ủy" in page and "<script" not in page
    rows = list(csv.DictReader(io.StringIO(run("export", "responsibilities", "--db", sample_store, "--body", body,
                                               "--format", "csv"))))
    assert [(r["body"], r["document"], r["item"], r["role"], r["raci"]) for r in rows] == [
        ("Ban Tuyên giáo Tỉnh ủy", "761-CV/TU", "6", "lead", "A")]
    assert rows[0]["measure"] == info["duties"][0]["measure"] and rows[0]["quote"] == info["duties"][0]["quote"]


def test_per_body_escapes_document_text() -> None:
    g = directive()
    g.nodes["measure:lai-chau/9-ct-tu/2024#1"]["text"] = "<img src=x onerror=alert(1)>"
    info = maps.responsibilities(g, "body:lai-chau/a")
    page = maps.render_responsibilities(info, "html")
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in maps.render_responsibilities(info, "md")


def test_unknown_body_is_a_clear_error(sample_store) -> None:
    result = CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--body", "Bộ Không Có"])
    assert result.exit_code == 1 and "no body or post matches" in result.stderr


def test_all_bodies_one_file_each(sample_store, graph, tmp_path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.md"))
    assert "body_lai-chau_ban-tuyen-giao-tinh-uy.md" in files
    assert len(files) == len(maps.responsible_actors(graph)) > 40  # every body or post with a measure
    assert all(name.isascii() and len(name) <= 103 for name in files)
    assert (out / "body_lai-chau_ban-tuyen-giao-tinh-uy.md").read_text(encoding="utf-8").startswith(
        "# Ban Tuyên giáo Tỉnh ủy — Lai Châu")
    CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--all", "--format", "json",
                              "-o", str(out)])
    assert all(json.loads(p.read_text(encoding="utf-8"))["duties"] for p in out.glob("*.json"))


def test_safe_names_are_short_unique_ascii() -> None:
    long_a, long_b = "body:lai-chau/" + "a" * 300, "body:lai-chau/" + "a" * 299 + "b"
    assert maps.safe_name("body:unknown~x/ban-ă") == "body_unknown_x_ban"
    assert maps.safe_name(long_a) != maps.safe_name(long_b)
    assert len(maps.safe_name(long_a)) <= 100 and maps.safe_name(long_a).isascii()


def test_docs_examples_match_the_output(sample_store) -> None:
    """docs/html-and-maps.md shows real output: its per-body example and RACI rows are what the code gives."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "html-and-maps.md").read_text(encoding="utf-8")
    example = page.split("````markdown\n", 1)[1].split("````", 1)[0]
    md = run("export", "responsibilities", "--db", sample_store, "--body", "Ban Tuyên giáo Tỉnh ủy Lai Châu")
    assert example.strip() == md.strip()  # the whole example, quotes included
    raci_md = run("export", "raci", "--db", sample_store, "--document", "629-CV/TU", "--format", "md",
                  "--width", "70")
    real = {tuple(r[:4]) for r in read_md_table(raci_md)}
    shown = [r for r in read_md_table(page.split("## RACI matrix", 1)[1]) if r[0] == "629-CV/TU"]
    assert shown and all(tuple(r[:4]) in real for r in shown)


def test_stdout_is_utf8_even_on_a_narrow_console(sample_store) -> None:
    """A Windows console's code page must not break Vietnamese output (bytes are written, not text)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    for args in (["responsibilities", "--body", "Ban Tuyên giáo Tỉnh ủy Lai Châu"], ["raci", "--format", "md"],
                 ["html", "--document", "629-CV/TU", "-o", "-"]):
        out = subprocess.run([sys.executable, "-c", "from chidao.cli import main; main()", "export", *args,
                              "--db", sample_store], capture_output=True, env=env, timeout=120, check=True).stdout
        assert "Tuyên giáo".encode() in out and b"\r\n" not in out
