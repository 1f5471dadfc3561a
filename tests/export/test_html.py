"""The HTML view as a file: self-contained, deterministic, escaped, capped."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.graph.build import build_graph
from chidao.graph.export.html import GraphTooLarge, render_html

PAYLOADS = ("<script>document.title='PWNED'</script>", "<img src=x onerror=\"document.title='PWNED'\">")


def hostile_graph(sample_records):
    graph = build_graph(sample_records)
    graph.nodes["body:lai-chau/ban-tuyen-giao-tinh-uy"]["name"] = PAYLOADS[0]
    graph.nodes["doc:lai-chau/629-cv-tu/2021"]["subject"] = PAYLOADS[1]
    return graph


def test_self_contained_no_network_references(sample_records) -> None:
    page = render_html(build_graph(sample_records))
    assert not re.search(r"<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page, re.I)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_deterministic(sample_records) -> None:
    assert render_html(build_graph(sample_records)) == render_html(build_graph(list(reversed(sample_records))))


def test_document_text_is_escaped(sample_records) -> None:
    page = render_html(hostile_graph(sample_records), title="<b>x</b>")
    for payload in PAYLOADS:
        assert payload not in page
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in page
    data = re.search(r'<script type="application/json" id="chidao-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data
    names = {n["props"].get("name") for n in json.loads(data)["nodes"]}
    assert PAYLOADS[0] in names  # kept as text, shown with textContent
    assert "innerHTML" not in page.split("<script>")[-1]


def test_legend_counts(sample_records) -> None:
    page = render_html(build_graph(sample_records))
    data = json.loads(re.search(r'id="chidao-data">(.*?)</script>', page, re.S).group(1))
    assert data["counts"] == {"Body": 56, "Document": 4, "Group": 20, "Measure": 40, "Person": 4, "Post": 19,
                              "Stub": 5}
    assert sum(data["counts"].values()) == len(data["nodes"]) == 148


def test_cap(sample_records) -> None:
    with pytest.raises(GraphTooLarge, match="narrow it with --document"):
        render_html(build_graph(sample_records), max_nodes=100)


def test_cli_cap_and_focus(sample_store, tmp_path) -> None:
    too_big = CliRunner().invoke(main, ["export", "html", "--db", sample_store, "--max-nodes", "10", "-o",
                                        str(tmp_path / "x.html")])
    assert too_big.exit_code == 1 and "more than 10" in too_big.stderr
    assert not (tmp_path / "x.html").exists()
    ok = CliRunner().invoke(main, ["export", "html", "--db", sample_store, "--document", "629-CV/TU", "-o",
                                   str(tmp_path / "629.html")])
    assert ok.exit_code == 0
    assert (tmp_path / "629.html").read_text(encoding="utf-8").count('"kind":"Document"') == 1
