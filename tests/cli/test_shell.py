"""chidao shell: statements, shell commands and completion (driven through stdin, no terminal)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from chidao.cli import main
from chidao.commands.shell import completions, vocabulary


def shell(db: str, text: str):
    return CliRunner().invoke(main, ["shell", "--db", db], input=text)


def test_statements_and_commands(sample_store) -> None:
    result = shell(sample_store, "MATCH (d:Document)\nRETURN d.type, count(*)\nORDER BY d.type LIMIT 2;\n"
                                 ":query responsibilities body=\"ban tuyen giao tinh uy lai chau\"\n"
                                 ":format json\nMATCH (b:Body {id: 'body:lai-chau/tinh-uy'}) RETURN b;\n"
                                 "LOAD FROM '/etc/passwd' RETURN *;\n:nope\nMATCH (x) RETURN nope(x);\n"
                                 ":quit\nMATCH (d) RETURN d;\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.splitlines()[0].split() == ["d.type", "count(*)"]
    assert "body:lai-chau/ban-tuyen-giao-tinh-uy" in out and "measure:lai-chau/629-cv-tu/2021#10" in out
    assert '"label": "Body"' in out and '"name": "Tỉnh ủy"' in out and "_ID" not in out
    assert "error: LOAD FROM reaches files or loads code: refused" in out
    assert "error: not understood: :nope" in out and "error: query failed" in out
    assert out.count("(1 rows)") == 1  # nothing ran after :quit (the JSON row prints no count)


def test_a_statement_pending_at_the_end_of_input_runs(sample_store) -> None:
    result = shell(sample_store, "MATCH (d:Document) WHERE d.number = '629-CV/TU'\nRETURN d.date AS date")
    assert result.output.splitlines() == ["date", "----------", "2021-11-03", "(1 rows)"]


@pytest.mark.parametrize(("line", "expected"), [
    ("MATCH (b:Bo", ["b:Body"]),
    ("MATCH (:Doc", [":Document"]),
    ("MATCH (b)-[r:RESP", ["r:RESPONSIBLE_FOR"]),
    ("MATCH (b:Body) RETURN b.jur", ["b.jurisdiction"]),
    ("MATCH (m:Measure) WHERE m.dead", ["m.deadline"]),
    (":que", [":queries", ":query"]),
    (":query resp", ["responsibilities"]),
    (":describe acc", ["accountability-chain"]),
    ("MATCH (d:Document) RET", ["RETURN"]),
    ("MATCH (d:Document) RETURN d ORD", ["ORDER BY"]),
])
def test_completion(line, expected) -> None:
    assert completions(line, vocabulary()) == expected
