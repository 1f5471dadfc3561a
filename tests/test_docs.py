"""Docs are tested: every schema name, stored query and command is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from chidao.cli import main
from chidao.graph import schema
from chidao.queries import list_queries

DOCS = Path(__file__).resolve().parent.parent / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_schema_page_names_everything() -> None:
    page = read("schema.md")
    for label in schema.NODE_LABELS:
        assert f"`{label}`" in page
        for prop in schema.NODE_PROPERTIES[label]:
            assert f"`{prop}`" in page, (label, prop)
    for edge in schema.EDGE_TYPES:
        assert f"`{edge}`" in page
        for prop in schema.EDGE_PROPERTIES[edge]:
            assert f"`{prop}`" in page or prop in ("document", "quote", "span_start", "span_end"), (edge, prop)


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_stored_query_is_documented(query) -> None:
    page = read("queries.md")
    assert f"## `{query.name}`" in page
    assert query.description in page
    assert query.cypher.strip() in page
    for p in query.params:
        assert f"`{p.name}`" in page


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in sorted(group.commands.items()):
        out.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix}{name} ")
    return out


@pytest.mark.parametrize(("name", "command"), _commands(main), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_and_a_docs_entry(name: str, command: click.Command) -> None:
    assert (command.help or "").strip(), name
    assert f"chidao {name}" in read("cli.md"), name


def test_cli_reference_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli_doc", DOCS.parent / "scripts" / "gen_cli_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert read("cli.md").strip() == module.render().strip(), "run: python scripts/gen_cli_doc.py > docs/cli.md"
