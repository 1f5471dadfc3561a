"""``chidao shell``: a Cypher prompt on the embedded store, with history and Tab completion.

The analyst's loop — write a query, read the table, change one clause — without retyping the command
line: statements end with ``;`` (or a blank line after a statement), run read-only on the store, and
print as ``chidao cypher`` prints them (tables that fit the terminal, nodes as name and id, headers as
written). Lines starting with ``:`` are shell commands: ``:queries``, ``:query NAME k=v …`` (a stored
query, parameters typed by the query), ``:describe NAME``, ``:format table|json|csv``, ``:width
N|full|auto``, ``:help``, ``:quit``. Tab completes labels, relationship types, property names after a
dot, stored query names and shell commands; history is kept in ``~/.chidao_history`` (readline, where
the platform has it). Clauses that reach files or load code are refused, as in ``chidao cypher``.
"""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from chidao.commands.export import db_option
from chidao.errors import ChidaoError

SHELL_COMMANDS = (":queries", ":query", ":describe", ":format", ":width", ":help", ":quit")
KEYWORDS = ("MATCH", "OPTIONAL MATCH", "WHERE", "RETURN", "WITH", "UNWIND", "ORDER BY", "LIMIT", "SKIP", "DISTINCT",
            "COUNT", "COLLECT", "AS", "AND", "OR", "NOT", "IS NULL", "IS NOT NULL", "CONTAINS", "STARTS WITH")
HISTORY = Path("~/.chidao_history")
HELP = """Cypher statements end with ';' (or a blank line). Shell commands:
  :queries                 the stored queries
  :query NAME k=v …        run a stored query (names as in 'chidao query': accents optional)
  :describe NAME           what a stored query answers, its parameters and Cypher
  :format table|json|csv   how rows print (now: {fmt})
  :width N|full|auto       table width (now: {width})
  :quit                    leave (or Ctrl-D)
Tab completes labels, relationship types, properties after a dot, query names and these commands."""


def vocabulary() -> dict[str, list[str]]:
    """What Tab completes: labels, relationship types, property names, stored query names."""
    from chidao.graph import schema
    from chidao.queries import list_queries

    properties = {p for props in schema.NODE_PROPERTIES.values() for p in props}
    properties |= {p for props in schema.EDGE_PROPERTIES.values() for p in props}
    return {"labels": sorted(schema.NODE_PROPERTIES), "types": sorted(schema.EDGE_TYPES),
            "properties": sorted(properties), "queries": [q.name for q in list_queries()]}


WORD_RE = re.compile(r"[\w.:$-]*$")


def completions(line: str, vocab: dict[str, list[str]]) -> list[str]:
    """Candidates for the word being typed at the end of ``line`` (the whole word is replaced)."""
    word = WORD_RE.search(line).group()  # type: ignore[union-attr]
    before = line[: len(line) - len(word)]
    stripped = before.lstrip()
    if stripped.startswith((":query", ":describe")) and len(stripped.split()) == 1:
        return [q for q in vocab["queries"] if q.startswith(word)]
    if not stripped and word.startswith(":"):
        return [c for c in SHELL_COMMANDS if c.startswith(word)]
    if "." in word:
        variable, _, prefix = word.rpartition(".")
        return [f"{variable}.{p}" for p in vocab["properties"] if p.startswith(prefix)]
    if ":" in word:  # "(b:Bo", "[r:RESP", "(:Doc": a label, or a relationship type inside brackets
        variable, _, prefix = word.rpartition(":")
        names = vocab["types"] if before.rstrip().endswith("[") else vocab["labels"] + vocab["types"]
        return [f"{variable}:{n}" for n in names if n.lower().startswith(prefix.lower())]
    upper = word.upper()
    return [k for k in KEYWORDS if k.startswith(upper) and word] + [
        n for n in vocab["labels"] if n.lower().startswith(word.lower()) and word]


class Shell:
    """The prompt's state and one step of it; reading lines and printing are passed in (testable)."""

    def __init__(self, store: Any, echo: Callable[[str], None], width: int | None = None,
                 auto_width: bool = True) -> None:
        self.store = store
        self.echo = echo
        self.fmt = "table"
        self.width = width
        self.auto_width = auto_width
        self.buffer: list[str] = []

    @property
    def prompt(self) -> str:
        return "   ...> " if self.buffer else "chidao> "

    def feed(self, line: str) -> bool:
        """Take one input line; run what it completes. False when the user asked to leave."""
        text = line.strip()
        if not self.buffer and text.startswith(":"):
            return self.command(text)
        if text:
            self.buffer.append(line)
        if self.buffer and (not text or text.endswith(";")):
            statement = "\n".join(self.buffer).strip().rstrip(";").strip()
            self.buffer.clear()
            if statement:
                self.cypher(statement)
        return True

    def _width(self) -> int | None:
        from chidao.commands.output import terminal_width

        return terminal_width() if self.auto_width else self.width

    def _show(self, rows: list[dict[str, Any]], query: str | None = None) -> None:
        from chidao.commands.output import rename_columns, render_rows

        if query is not None:
            rows = rename_columns(rows, query)
        text = render_rows(rows, self.fmt, self._width())
        self.echo(text if text else "(no rows)")

    def cypher(self, statement: str) -> None:
        from chidao.graph.stores.cypher import file_access

        found = file_access(statement)
        if found:
            self.echo(f"error: {found} reaches files or loads code: refused (use chidao cypher --allow-files)")
            return
        try:
            rows = self.store.query(statement, {})
        except ChidaoError as exc:
            self.echo(f"error: {exc}")
            return
        self._show(rows, statement)

    def command(self, text: str) -> bool:
        from chidao.commands.export import parse_params
        from chidao.queries import describe_query, get_query, list_queries, run_query

        try:
            parts = shlex.split(text)
        except ValueError as exc:
            self.echo(f"error: {exc}")
            return True
        name, args = parts[0], parts[1:]
        try:
            if name in (":quit", ":q", ":exit"):
                return False
            if name == ":help":
                self.echo(HELP.format(fmt=self.fmt, width="auto" if self.auto_width else self.width or "full"))
            elif name == ":queries":
                self._show([{"name": q.name, "params": ", ".join(p.name for p in q.params),
                             "description": q.description} for q in list_queries()])
            elif name == ":describe" and len(args) == 1:
                info = describe_query(get_query(args[0]))
                self.echo(f"{info['name']} — {info['title']}\n{info['description']}\n\n{info['cypher']}")
            elif name == ":query" and args:
                self._show(run_query(self.store, args[0], parse_params(tuple(args[1:])), ambiguous="error"))
            elif name == ":format" and args and args[0] in ("table", "json", "csv"):
                self.fmt = args[0]
            elif name == ":width" and args and (args[0] in ("full", "auto") or args[0].isdigit()):
                self.auto_width = args[0] == "auto"
                self.width = int(args[0]) if args[0].isdigit() else None
            else:
                self.echo(f"error: not understood: {text} (:help lists the commands)")
        except (ChidaoError, click.ClickException) as exc:
            self.echo(f"error: {exc.message if isinstance(exc, click.ClickException) else exc}")
        return True


def _readline(vocab: dict[str, list[str]]) -> Any:
    """readline with history and completion, when this Python has it and the input is a terminal."""
    if not sys.stdin.isatty():
        return None
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return None
    history = HISTORY.expanduser()
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_completer_delims(" \t\n(),=<>[]{}")
    matches: list[str] = []

    def complete(text: str, state: int) -> str | None:
        if state == 0:
            line = readline.get_line_buffer()[: readline.get_endidx()]
            matches[:] = completions(line, vocab)
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
    return readline, history


@click.command("shell")
@db_option
def shell_command(db: str) -> None:
    """A Cypher prompt on the store (read-only), with history and Tab completion.

    Statements end with ';' (or a blank line); ':query NAME k=v' runs a stored query, ':queries' lists
    them, ':describe NAME' shows one, ':format' and ':width' change the output, ':help' shows all,
    ':quit' or Ctrl-D leaves. Tab completes labels, relationship types, properties and query names;
    history is kept in ~/.chidao_history.
    """
    from chidao.graph.stores import open_store

    try:
        store = open_store(db, read_only=True)
    except ChidaoError as exc:
        raise click.ClickException(str(exc)) from None
    with contextlib.closing(store):
        line_editor = _readline(vocabulary())
        shell = Shell(store, click.echo)
        interactive = line_editor is not None
        if interactive:
            click.echo(f"chidao shell on {db} (read-only). :help for commands, Ctrl-D to leave.")
        try:
            while True:
                try:
                    line = input(shell.prompt) if interactive else sys.stdin.readline()
                except EOFError:
                    break
                if not interactive and line == "":
                    shell.feed("")  # end of input runs what is pending
                    break
                if not shell.feed(line.rstrip("\n")):
                    break
        except KeyboardInterrupt:  # pragma: no cover - a terminal's Ctrl-C
            click.echo("")
        finally:
            if line_editor is not None:
                readline, history = line_editor
                with contextlib.suppress(OSError):
                    readline.set_history_length(2000)
                    readline.write_history_file(history)


COMMANDS = [shell_command]
