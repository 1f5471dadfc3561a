"""Issue 13, the analyst's first hour: names, typed parameters, tables that fit, readable values."""

from __future__ import annotations

import datetime as dt
import json
import shlex

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.commands.output import fit_widths, readable_columns, table, typed_value
from chidao.queries import list_queries, natural_key


def run(command: str, db: str, env: dict[str, str] | None = None):
    """A command line as the issue writes it (shell quoting), against ``db``."""
    return CliRunner(env=env).invoke(main, [*shlex.split(command), "--db", db])


def test_the_issue_examples_work_verbatim(sample_store) -> None:
    body = run('query responsibilities --param body="ban tuyen giao tinh uy lai chau" --format json', sample_store)
    assert body.exit_code == 0, body.output
    assert {r["body_id"] for r in json.loads(body.output)} == {"body:lai-chau/ban-tuyen-giao-tinh-uy"}
    bodies = run('bodies --province "lai chau" --format json', sample_store)
    assert bodies.exit_code == 0, bodies.output
    assert {r["jurisdiction"] for r in json.loads(bodies.output)} == {"Lai Châu"}
    limited = run("cypher 'MATCH (d:Document) RETURN d.id AS id ORDER BY id LIMIT $n' --param n=2 --format csv",
                  sample_store)
    assert limited.exit_code == 0, limited.output
    assert len(limited.output.splitlines()) == 3


@pytest.mark.parametrize(("text", "value"), [
    ("2", 2), ("-3", -3), ("0", 0), ("1.5", 1.5), ("1e3", 1000.0), ("true", True), ("FALSE", False),
    ("null", None), ("2021-07-22", dt.date(2021, 7, 22)), ("[1, 2]", [1, 2]), ('["a", "b"]', ["a", "b"]),
    ('{"k": "v"}', {"k": "v"}),
    ('"2"', "2"), ("'2'", "2"), ('"true"', "true"), ("'2021-07-22'", "2021-07-22"),  # quoted: a string
    ("007", "007"), ("2021-13-45", "2021-13-45"), ("629-CV/TU", "629-CV/TU"), ("Lai Châu", "Lai Châu"), ("", ""),
])
def test_param_values_are_typed_as_written(text, value) -> None:
    assert typed_value(text) == value and type(typed_value(text)) is type(value)


def test_typed_params_reach_the_engine(sample_store) -> None:
    result = run("cypher 'RETURN $n + 1 AS n, $x AS x, $b AS b, $l AS l, $m AS m, $s AS s, $d AS d' --param n=2 "
                 "--param x=1.5 --param b=true --param 'l=[1,2]' --param 'm={\"k\":1}' --param 's=\"2\"' "
                 "--param d=2021-07-22 --format json", sample_store)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": 3, "x": 1.5, "b": True, "l": [1, 2], "m": {"k": 1}, "s": "2",
                                          "d": "2021-07-22"}]
    dates = run("cypher 'MATCH (d:Document) WHERE d.date >= $from AND d.number IS NOT NULL RETURN d.number AS n "
                "ORDER BY n' "
                "--param from=2021-07-01 --format csv", sample_store)
    assert dates.output.splitlines() == ["n", "1747-CV/TU", "629-CV/TU"]
    bad = run("cypher 'RETURN $l AS l' --param 'l=[1,'", sample_store)
    assert bad.exit_code == 2 and "starts like JSON but is not" in bad.stderr


def test_tables_fit_the_width_by_wrapping_never_cutting(sample_store) -> None:
    full = run('query who-assigned --param body="Ban Dân vận Tỉnh ủy Lai Châu" --full', sample_store)
    assert full.exit_code == 0, full.output
    assert "…" not in full.output and len(full.output.splitlines()) == 4  # header, rule, one row, count
    quote = json.loads(run('query who-assigned --param body="Ban Dân vận Tỉnh ủy Lai Châu" --format json',
                           sample_store).output)[0]["quote"]
    assert max(len(line) for line in full.output.splitlines()) > 100
    for width in (40, 60, 80, 100, 120, 160):
        narrow = run(f'query who-assigned --param body="Ban Dân vận Tỉnh ủy Lai Châu" --width {width}', sample_store)
        lines = narrow.output.splitlines()
        assert max(len(line) for line in lines) <= width, width
        assert "…" not in narrow.output
        assert set(quote.split()) <= set(narrow.output.split())  # every word of the quote is there
    env = run('query who-assigned --param body="Ban Dân vận Tỉnh ủy Lai Châu"', sample_store, {"COLUMNS": "70"})
    assert max(len(line) for line in env.output.splitlines()) <= 70


def test_fit_widths_narrows_the_widest_first() -> None:
    assert fit_widths([10, 50, 200], None) == [10, 50, 200]
    assert fit_widths([10, 50, 200], 300) == [10, 50, 200]
    widths = fit_widths([10, 50, 200], 100)
    assert sum(widths) + 4 == 100 and widths[0] <= 10 and widths[1] < widths[2]
    assert fit_widths([3, 40, 40], 40) == [3, 17, 16]
    assert fit_widths([20, 160], 102) == [13, 87]  # each gives up in proportion to what it has above its floor
    rows = [{"a": "x " * 30, "b": "short"}]
    assert all(len(line) <= 30 for line in table(rows, 30).splitlines())
    wide = [{f"column{i}": f"value {i} " * 3 for i in range(12)}]
    text = table(wide, 50)  # twelve columns cannot share 50 characters: one record, a column a line
    assert text.splitlines()[0].startswith("-[ 1 ]---") and all(len(line) <= 50 for line in text.splitlines())
    assert "column11  value 11 value 11 value 11" in text


def test_nodes_and_relationships_print_as_name_and_id(sample_store) -> None:
    query = ("cypher \"MATCH (b:Body {id: 'body:lai-chau/ban-tuyen-giao-tinh-uy'})-[r:RESPONSIBLE_FOR]->(m) "
             "RETURN b, r, m\"")
    text = run(query + " --full", sample_store).output
    assert "Ban Tuyên giáo Tỉnh ủy (body:lai-chau/ban-tuyen-giao-tinh-uy)" in text
    assert "RESPONSIBLE_FOR execute (doc:lai-chau/629-cv-tu/2021)" in text
    assert "mục 4: Ban Tuyên giáo Tỉnh ủy chỉ đạo" in text
    assert "_ID" not in text and "_LABEL" not in text
    (row,) = json.loads(run(query + " --format json", sample_store).output)
    assert row["b"]["label"] == "Body" and row["b"]["name"] == "Ban Tuyên giáo Tỉnh ủy" and "jurisdiction" in row["b"]
    assert row["r"]["type"] == "RESPONSIBLE_FOR" and row["r"]["quote"] and "_SRC" not in row["r"]
    assert row["m"]["label"] == "Measure" and "name" not in row["m"]  # only its own (or set) properties
    path = run("cypher \"MATCH p = (b:Body {id: 'body:lai-chau/ban-tuyen-giao-tinh-uy'})-[:RESPONSIBLE_FOR]->(m) "
               "RETURN p\" --full", sample_store).output
    assert "Ban Tuyên giáo Tỉnh ủy (body:lai-chau/ban-tuyen-giao-tinh-uy) -[RESPONSIBLE_FOR]-> mục 4" in path


@pytest.mark.parametrize(("query", "columns", "headers"), [
    ("MATCH (d) RETURN count(*)", ["COUNT_STAR()"], ["count(*)"]),
    ("MATCH (d) RETURN count(d)", ["COUNT(d._ID)"], ["count(d)"]),
    ("MATCH (d) RETURN DISTINCT d.type, count(*) AS n ORDER BY n", ["d.type", "n"], ["d.type", "n"]),
    ("MATCH (d) RETURN toUpper(d.type), collect(d.number)", ["UPPER(d.type)", "COLLECT(d.number)"],
     ["toUpper(d.type)", "collect(d.number)"]),
    ("MATCH (d) RETURN {a: 1, b: [1, 2]}, d.x AS `the x`", ["x", "the x"], ["{a: 1, b: [1, 2]}", "the x"]),
    ("MATCH (d) WITH d RETURN *", ["d"], ["d"]),
])
def test_headers_of_unaliased_columns_are_the_expressions(query, columns, headers) -> None:
    assert readable_columns(query, columns) == headers


def test_cypher_headers_through_the_cli(sample_store) -> None:
    result = run("cypher 'MATCH (d:Document) RETURN d.type, count(*) ORDER BY d.type LIMIT 1'", sample_store)
    assert result.output.splitlines()[0].split() == ["d.type", "count(*)"]


def test_queries_name_describes_one_query() -> None:
    result = CliRunner().invoke(main, ["queries", "responsibilities", "--width", "100"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("responsibilities — Responsibilities of a body\n")
    assert "Everything one body or post must do" in text
    assert "body (actor, required):" in text and '--param body="Ban Tuyên giáo Tỉnh ủy"' in text
    flat = " ".join(text.split())
    assert "--query responsibilities" in flat and "(measure_id, body_id)" in flat and "--body" in flat
    assert "MATCH (a)-[rf:RESPONSIBLE_FOR]->(m:Measure)<-[:CONTAINS]-(d:Document)" in text
    assert max(len(line) for line in text.splitlines() if not line.startswith("  ")) <= 100
    info = json.loads(CliRunner().invoke(main, ["queries", "lead-conflicts", "--format", "json"]).output)
    assert info["params"] == [{"name": "min_assignees", "kind": "int", "required": False, "default": "1",
                               "description": "only measures with at least this many responsible bodies or posts",
                               "example": "1"}]
    assert "measure_id" in info["columns"] and info["id_columns"] == ["document_id", "measure_id"]
    unknown = CliRunner().invoke(main, ["queries", "nope"])
    assert unknown.exit_code == 1 and "no stored query named 'nope'" in unknown.stderr
    listing = CliRunner().invoke(main, ["queries", "--width", "90"]).output
    assert max(len(line) for line in listing.splitlines()) <= 90
    assert {w for q in list_queries() for w in q.description.split()} <= set(listing.split())  # wrapped, not cut
    whole = CliRunner().invoke(main, ["queries", "--full"]).output
    assert all(q.description in whole for q in list_queries())


def test_items_sort_naturally_everywhere(sample_store) -> None:
    show = json.loads(run("show 761-CV/TU --format json", sample_store).output)
    items = [f["item"] for f in show["facts"] if f["edge"] == "ASSIGNS"]
    assert items == sorted(items, key=natural_key) and "10" not in items[:3]
    rows = json.loads(run("query lead-conflicts --format json", sample_store).output)
    for document in {r["document_id"] for r in rows}:
        ordinals = [int(r["measure_id"].rsplit("#", 1)[1]) for r in rows if r["document_id"] == document]
        assert ordinals == sorted(ordinals), document
    assert natural_key("2") < natural_key("10") < natural_key("10a") and natural_key("mục 9") < natural_key("mục 10")


def test_documents_without_a_number_are_named_by_type_date_and_issuer(sample_store) -> None:
    rows = json.loads(run('query who-assigned --param body="Ban Dân vận Tỉnh ủy" --all-matches --format json',
                          sample_store).output)
    assert [r["document"] for r in rows] == ["1747-CV/TU", "629-CV/TU", "Thông báo, Ban Thường vụ Tỉnh ủy"]
    citations = json.loads(run("query citations --format json", sample_store).output)
    assert not any(c.startswith("doc:") for r in citations for c in r["citing"])
    (sha,) = [r["id"] for r in json.loads(run("cypher 'MATCH (d:Document) WHERE d.number IS NULL AND NOT d.is_stub "
                                              "RETURN d.id AS id' --format json", sample_store).output)]
    show = json.loads(run(f"show {sha} --format json", sample_store).output)
    assert show["documents"][0]["name"] == "Thông báo, Ban Thường vụ Tỉnh ủy"
    assert {f["document"] for f in show["facts"]} == {"Thông báo, Ban Thường vụ Tỉnh ủy"}
    cited = [f["name"] for f in show["facts"] if f["edge"] == "CITES"]
    assert "Công điện 2021-04-27" in cited and all(cited)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.integers(-10**12, 10**12))
def test_whole_numbers_are_integers(n) -> None:
    assert typed_value(str(n)) == n


@given(st.text(max_size=30))
def test_a_quoted_value_is_always_that_string(text) -> None:
    assert typed_value(json.dumps(text, ensure_ascii=False)) == text


CELL = st.lists(st.sampled_from(["a", "b", " ", "ă", "đ", "-", "/", ":", "1", "Tuyên", "giáo", "body:lai-chau/x"]),
                max_size=30).map("".join)


@given(st.lists(st.dictionaries(st.sampled_from(["id", "name", "quote", "n"]), CELL, min_size=4, max_size=4),
                min_size=1, max_size=4), st.integers(20, 160))
def test_a_table_never_exceeds_its_width(rows, width) -> None:
    columns = ["id", "name", "quote", "n"]
    rows = [{c: r[c] for c in columns} for r in rows]
    text = table(rows, width)
    assert all(len(line) <= width for line in text.splitlines()), text
    assert text.endswith(f"({len(rows)} rows)")
    flat = "".join(text.split())
    for r in rows:  # nothing cut: every character of every cell is somewhere, in order within the cell
        for value in r.values():
            assert all(ch in flat for ch in "".join(value.split()))
