"""How rows reach the user: typed ``--param`` values, and tables that fit the terminal.

* ``--param k=v`` for ad-hoc Cypher is typed the way a user writes it: ``2`` is an integer (so ``LIMIT
  $n`` works), ``1.5`` a float, ``true``/``false`` booleans, ``2021-07-22`` a date, ``[…]``/``{…}``
  JSON; ``"2"`` or ``'2'`` (quotes kept by the shell: ``--param 'n="2"'``) stays the string ``2``.
* A table fits the terminal: the widest columns are narrowed first and their cells **wrapped**, never
  cut; ``--width N`` sets the width, ``--full`` prints every cell on one line. Piped into a file or
  another program (no terminal), a table is not wrapped unless ``--width`` or ``COLUMNS`` asks.
* Nodes, relationships and paths print as their display name and id (``Ban Tuyên giáo Tỉnh ủy
  (body:lai-chau/ban-tuyen-giao-tinh-uy)``); JSON keeps every property, without the engine's
  internal offsets (``_ID``, ``_SRC``, ``_DST``).
* A column with no ``AS`` is headed by the expression as written (``count(*)``, not ``COUNT_STAR()``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from typing import Any

import click

from chidao.graph import schema

# --- typed parameters ------------------------------------------------------------------------------

INT_RE = re.compile(r"[-+]?(?:0|[1-9]\d*)")
"""A whole number as written (no leading zeros: ``007`` is a code, kept as text)."""

FLOAT_RE = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][-+]?\d+)")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
QUOTED_RE = re.compile(r"""(?s)"(.*)"|'(.*)'""")


def typed_value(text: str) -> Any:
    """A ``--param`` value as the type it is written in (see the module docstring)."""
    quoted = QUOTED_RE.fullmatch(text)
    if quoted:
        if quoted.group(1) is not None:
            try:
                return str(json.loads(text))
            except ValueError:
                return quoted.group(1)
        return quoted.group(2)
    lower = text.lower()
    if lower in ("true", "false"):
        return lower == "true"
    if lower == "null":
        return None
    if INT_RE.fullmatch(text):
        return int(text)
    if FLOAT_RE.fullmatch(text):
        return float(text)
    if DATE_RE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if text[:1] in ("[", "{"):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise click.BadParameter(f"{text!r} starts like JSON but is not ({exc.msg})",
                                     param_hint="--param") from None
    return text


def parse_params(values: tuple[str, ...], typed: bool = True) -> dict[str, Any]:
    """``k=v`` pairs; values typed by :func:`typed_value` unless ``typed`` is false."""
    params: dict[str, Any] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected k=v, got {item!r}", param_hint="--param")
        params[key.strip()] = typed_value(value) if typed else value
    return params


# --- values as text --------------------------------------------------------------------------------

INTERNAL = ("_ID", "_SRC", "_DST", "_LABEL")
"""LadybugDB's internal fields of a node or relationship value: offsets that mean nothing outside."""


def _is_node(value: Any) -> bool:
    return isinstance(value, dict) and "_LABEL" in value and "_SRC" not in value and "_NODES" not in value


def _is_rel(value: Any) -> bool:
    return isinstance(value, dict) and "_LABEL" in value and "_SRC" in value


def _is_path(value: Any) -> bool:
    return isinstance(value, dict) and "_NODES" in value


ITEM_MARK = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)/:-]\s+")
"""The item's own number at the head of a measure's text ("1. ", "II. ", "a) "): already in ``mục 1``."""


def node_name(node: dict[str, Any]) -> str:
    """How a node is named: its name; a document's number (else type and date); a measure's item."""
    from chidao.graph.names import document_label

    label = node.get("_LABEL")
    if label == schema.DOCUMENT:
        return document_label(node)
    if label == schema.MEASURE:
        gist = ITEM_MARK.sub("", " ".join(str(node.get("text") or "").split()), count=1)
        gist = gist if len(gist) <= 40 else gist[:39].rstrip() + "…"
        return f"mục {node['item']}: {gist}" if node.get("item") else gist
    return str(node.get("name") or node.get("id") or label or "")


def display(value: Any) -> str:
    """A value as one table or CSV cell."""
    if value is None:
        return ""
    if _is_path(value):
        nodes, rels = value.get("_NODES") or [], value.get("_RELS") or []
        parts = [display(nodes[0])] if nodes else []
        for rel, node in zip(rels, nodes[1:], strict=False):
            parts += [f"-[{rel.get('_LABEL')}]->", display(node)]
        return " ".join(parts)
    if _is_rel(value):
        role = f" {value['role']}" if value.get("role") else ""
        where = f" ({value['document']})" if value.get("document") else ""
        return f"{value['_LABEL']}{role}{where}"
    if _is_node(value):
        name, node_id = node_name(value), value.get("id")
        return f"{name} ({node_id})" if node_id and node_id != name else name
    if isinstance(value, list):
        return "; ".join(display(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(plain(value), ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def plain(value: Any) -> Any:
    """A value for JSON: nodes and relationships as their properties (with ``label`` or ``type``),
    paths as their nodes and relationships; the engine's internal offsets dropped."""
    if _is_path(value):
        return {"nodes": [plain(n) for n in value.get("_NODES") or []],
                "relationships": [plain(r) for r in value.get("_RELS") or []]}
    if _is_rel(value) or _is_node(value):
        kind = value["_LABEL"]
        own = (schema.EDGE_PROPERTIES if _is_rel(value) else schema.NODE_PROPERTIES).get(kind, {})
        head = {"type" if _is_rel(value) else "label": kind}
        return head | {k: plain(v) for k, v in value.items() if k not in INTERNAL and (k in own or v is not None)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


# --- column headers --------------------------------------------------------------------------------

CLAUSE_END = re.compile(r"\b(?:ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.I)
RETURN_RE = re.compile(r"\bRETURN\b", re.I)
ALIAS_RE = re.compile(r"(?is)^(.*?)\s+AS\s+(?:`([^`]+)`|([\w$]+))$")
ENGINE_NAMES = ((re.compile(r"COUNT_STAR\(\)"), "count(*)"), (re.compile(r"\b(\w+)\._ID\b"), r"\1"))


def _top_level(text: str) -> list[tuple[int, str]]:
    """(position, character) of ``text`` outside brackets and quotes."""
    out, depth, quote = [], 0, ""
    for i, c in enumerate(text):
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0:
            out.append((i, c))
    return out


def returned_expressions(query: str) -> list[str] | None:
    """The expressions of the first top-level RETURN, as written (``None`` for ``RETURN *``)."""
    outside = {i for i, _ in _top_level(query)}
    flat = "".join(c if i in outside else " " for i, c in enumerate(query))
    found = RETURN_RE.search(flat)
    if not found:
        return None
    end = CLAUSE_END.search(flat, found.end())
    clause = query[found.end():end.start() if end else len(query)].strip()
    if re.match(r"(?i)DISTINCT\b", clause):
        clause = clause[8:]
    cuts = [i for i, c in _top_level(clause) if c == ","] + [len(clause)]
    items = [" ".join(clause[a + 1 if a else 0:b].split()) for a, b in zip([0, *cuts], cuts, strict=False)]
    return None if "*" in items else items


def readable_columns(query: str, columns: list[str]) -> list[str]:
    """Headers for the engine's column names: an alias stays; an expression without one is written as
    in the query (``count(*)``, ``d.number``), not as the engine renames it (``COUNT_STAR()``)."""
    items = returned_expressions(query)
    if items is not None and len(items) == len(columns):
        out = []
        for item in items:
            alias = ALIAS_RE.match(item)
            out.append((alias.group(2) or alias.group(3)) if alias else item)
        if len(set(out)) == len(out):
            return out
    names = []
    for column in columns:
        for pattern, repl in ENGINE_NAMES:
            column = pattern.sub(repl, column)
        names.append(column)
    return names if len(set(names)) == len(names) else columns


def rename_columns(rows: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    if not rows:
        return rows
    columns = list(rows[0])
    names = readable_columns(query, columns)
    if names == columns:
        return rows
    return [dict(zip(names, row.values(), strict=True)) for row in rows]


# --- tables ----------------------------------------------------------------------------------------

MIN_COLUMN = 6
"""A wrapped column is never narrower than this (or its widest cell, if narrower)…"""

KEEP_WHOLE = 12
"""…nor than its values up to this length (headers, dates, numbers, roles, short names stay whole), nor
than the longest word (up to this length) of its longer values."""

GAP = "  "

TALLEST_ROW = 6
"""A table whose wrapped rows would run taller than this is printed as records instead (psql's
"expanded auto"): ten lines of a two-word-wide column read worse than one column a line."""


def terminal_width() -> int | None:
    """The width to fit: ``COLUMNS`` if set; else the terminal's; else none (a pipe or a file)."""
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _floors(columns: list[str], cells: list[list[str]], natural: list[int]) -> list[int]:
    """The narrowest each column may get: its short values (header, dates, numbers, "Lai Châu") whole,
    and its longer ones no narrower than their longest word (up to KEEP_WHOLE)."""
    def need(value: str) -> int:
        if len(value) <= KEEP_WHOLE:
            return len(value)
        return min(KEEP_WHOLE, max((len(w) for w in value.split()), default=0))

    return [min(natural[i], max(MIN_COLUMN, need(column), *(need(row[i]) for row in cells)))
            for i, column in enumerate(columns)]


def fit_widths(natural: list[int], width: int | None, floors: list[int] | None = None) -> list[int]:
    """Column widths within ``width``: each column gives up space in proportion to what it has above its
    floor (MIN_COLUMN unless given), so a 160-character measure shrinks a lot and a 20-character name
    little. The sum may still exceed ``width`` when the floors do."""
    if width is None:
        return natural
    room = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    floors = floors or [min(n, MIN_COLUMN) for n in natural]
    slack = [n - f for n, f in zip(natural, floors, strict=True)]
    share = max(0, room - sum(floors))
    total = sum(slack) or 1
    widths = [f + s * share // total for f, s in zip(floors, slack, strict=True)]
    spare = room - sum(widths)  # what rounding down left over, to the columns with most slack
    for i in sorted(range(len(widths)), key=lambda i: -slack[i]):
        if spare <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=True) or [""]


def table(rows: list[dict[str, Any]], width: int | None = None) -> str:
    """An aligned text table that fits ``width`` by wrapping cells (None: one line per row). When even
    the narrowest columns would not fit, or a row would wrap taller than TALLEST_ROW lines, each row is
    printed as a record, one column a line."""
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    cells = [[" ".join(display(r.get(c)).split()) for c in columns] for r in rows]
    natural = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    floors = _floors(columns, cells, natural)
    widths = fit_widths(natural, width, floors)
    wrapped = widths != natural
    if width is not None and (sum(widths) + len(GAP) * (len(widths) - 1) > width
                              or any(len(_wrap(v, w)) > TALLEST_ROW for row in cells
                                     for v, w in zip(row, widths, strict=True) if len(v) > w)):
        return records(columns, cells, width)
    lines: list[str] = []

    def emit(values: list[str]) -> None:
        parts = [_wrap(v, w) if len(v) > w else [v] for v, w in zip(values, widths, strict=True)]
        for k in range(max(len(p) for p in parts)):
            lines.append(GAP.join((p[k] if k < len(p) else "").ljust(w)
                                  for p, w in zip(parts, widths, strict=True)).rstrip())

    emit(columns)
    lines.append(GAP.join("-" * w for w in widths))
    for i, row in enumerate(cells):
        if wrapped and i:
            lines.append("")  # wrapped rows run over several lines: a blank line tells them apart
        emit(row)
    return "\n".join(lines) + f"\n({len(rows)} rows)"


def records(columns: list[str], cells: list[list[str]], width: int) -> str:
    """Rows too wide for a table, one record each: a numbered rule, then ``column  value`` lines, the
    value wrapped under itself (psql's expanded display)."""
    key = min(max(len(c) for c in columns), max(8, width // 3))
    room = max(10, width - key - len(GAP))
    lines: list[str] = []
    for n, row in enumerate(cells, start=1):
        lines.append(f"-[ {n} ]".ljust(width, "-")[:width])
        for column, value in zip(columns, row, strict=True):
            parts = _wrap(value, room) if len(value) > room else [value]
            head = _wrap(column, key) if len(column) > key else [column]
            for k in range(max(len(parts), len(head))):
                left = head[k] if k < len(head) else ""
                lines.append((left.ljust(key) + GAP + (parts[k] if k < len(parts) else "")).rstrip())
    return "\n".join(lines) + f"\n({len(cells)} rows)"


def render_rows(rows: list[dict[str, Any]], fmt: str, width: int | None = None) -> str:
    """Rows as a table (fitted to ``width``), JSON or CSV; no rows: ``(no rows)`` or an empty string."""
    if fmt == "json":
        return json.dumps([plain(r) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        if not rows:
            return ""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(rows[0]))
        writer.writerows([[display(r.get(c)) for c in rows[0]] for r in rows])
        return out.getvalue().rstrip("\n")
    return table(rows, width)


def table_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--width N`` and ``--full`` for commands that print tables; passes ``width`` (None = no limit)."""
    func = click.option("--full", is_flag=True,
                        help="Table: every cell whole on one line, however wide (for a pager: less -S).")(func)
    return click.option("--width", "width", type=click.IntRange(20), default=None,
                        help="Table: fit this many columns, wrapping long cells (default: the terminal's width; "
                             "no limit when the output is not a terminal).")(func)


def table_width(width: int | None, full: bool) -> int | None:
    """What ``--width`` and ``--full`` ask for."""
    if full:
        return None
    return width if width is not None else terminal_width()
