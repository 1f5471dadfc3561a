"""Responsibility maps: the RACI matrix of measures × bodies, and per-body lists of duties.

RACI letters: **R** the body must carry the measure out (execute); **A** it leads it (chủ trì) or
answers for it (an ACCOUNTABLE_TO line in the same document); **C** it cooperates (phối hợp);
**I** it is informed (a Kính gửi / Nơi nhận addressee of the document, "để biết", that is not
otherwise assigned the measure). When several apply the strongest wins: A > R > C > I.

Both maps read the (focused) networkx graph; writers take an open stream (or a path for XLSX) so
the CLI's atomic ``open_output`` and a notebook's ``io.StringIO`` both work.

Every body column has a distinct name: the body's name, its province, and where that is not enough
its level or, for a body of a document whose province is unknown, that document ("Ban Tuyên giáo
Tỉnh ủy (tỉnh chưa rõ · 761-CV/TU)"); the ids follow in a second header row (CSV, XLSX) and in the
Markdown column key. CSV for Excel starts with a UTF-8 byte-order mark, without which Excel reads
Vietnamese as mojibake. Markdown is written for reading: one table per document with numbered body
columns, the key and the measures' text below it, wrapped (no line over ``MD_WIDTH`` characters but
for a table row).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.errors import ChidaoError
from chidao.graph import schema

__all__ = [
    "LETTERS", "Raci", "raci", "write_raci_csv", "write_raci_md", "write_raci_xlsx", "raci_rows",
    "responsibilities", "render_responsibilities", "find_actors", "responsible_actors", "safe_name",
    "raci_ids", "file_names", "render_index", "BOM",
]

BOM = "\ufeff"
"""UTF-8 byte-order mark: Excel opens a CSV as UTF-8 only when it starts with one."""

MD_WIDTH = 100
"""Markdown prose (measure texts, keys, per-body lists) is wrapped at this many characters."""

LEVELS = {"central": "trung ương", "province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}

ROLE_LETTER = {"lead": "A", "execute": "R", "cooperate": "C"}
STRENGTH = {"A": 4, "R": 3, "C": 2, "I": 1}
LETTERS = {
    "R": "thực hiện / executes",
    "A": "chủ trì hoặc chịu trách nhiệm / leads or answers for it",
    "C": "phối hợp / cooperates",
    "I": "để biết (Kính gửi, Nơi nhận) / informed",
}
ROLE_TITLES = {"lead": "chủ trì / lead", "execute": "thực hiện / execute", "cooperate": "phối hợp / cooperate"}


def _natural(value: Any) -> tuple:
    """Sort key that puts item "4" before "10" and "2a" after "2"."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", str(value or "")))


def _doc_label(doc: dict[str, Any], doc_id: str | None, graph: nx.MultiDiGraph | None = None) -> str:
    """How a document is named in a table: its number, else type, date and issuer, else its id."""
    from chidao.graph.names import document_label

    issuers = _issuers(graph, doc_id) if graph is not None else []
    return document_label({"id": doc_id, **doc}, issuers)


def _actor_name(graph: nx.MultiDiGraph, node: str) -> str:
    """A body's name with its province; a body of a document with no province names that document."""
    data = graph.nodes[node]
    name = data.get("name") or node
    where = data.get("jurisdiction")
    if where:
        return f"{name} ({where})" if where != "Việt Nam" else name
    if str(data.get("scope") or "").startswith(schema.UNKNOWN):
        docs = sorted({d.get("document") for _, _, d in graph.in_edges(node, data=True)}
                      | {d.get("document") for _, _, d in graph.out_edges(node, data=True)} - {None})
        if len(docs) == 1:
            doc = graph.nodes[docs[0]] if docs[0] in graph else {}
            return f"{name} (tỉnh chưa rõ · {_doc_label(doc, docs[0], graph)})"
        return f"{name} (tỉnh chưa rõ)"
    return name


def _distinct_names(graph: nx.MultiDiGraph, actors: list[str]) -> dict[str, str]:
    """A column name per actor, no two alike: name and province; then the level (cấp tỉnh, cấp huyện)
    or kind of node (chức danh for a post); then a number, in id order."""
    names = {a: _actor_name(graph, a) for a in actors}
    for extra in (_level, _kind):
        seen: dict[str, list[str]] = defaultdict(list)
        for a in actors:
            seen[names[a]].append(a)
        for same in seen.values():
            if len(same) > 1:
                for a in same:
                    word = extra(graph.nodes[a])
                    if word and len({extra(graph.nodes[b]) for b in same}) > 1:
                        names[a] = f"{names[a]} [{word}]"
    seen = defaultdict(list)
    for a in sorted(actors):
        seen[names[a]].append(a)
    for same in seen.values():
        for k, a in enumerate(same[1:], start=2):
            names[a] = f"{names[a]} #{k}"
    return names


def _level(data: dict[str, Any]) -> str:
    return LEVELS.get(data.get("level") or "", "")


def _kind(data: dict[str, Any]) -> str:
    return {schema.POST: "chức danh", schema.BODY: "cơ quan"}.get(data.get("label") or "", "")


def _issuers(graph: nx.MultiDiGraph, doc_id: str | None) -> list[str]:
    if not doc_id or doc_id not in graph:
        return []
    return sorted({graph.nodes[u].get("name") or u for u, _, d in graph.in_edges(doc_id, data=True)
                   if d["type"] == schema.ISSUES})


# --- RACI ------------------------------------------------------------------------------------------


@dataclass
class Raci:
    columns: list[tuple[str, str]]  # (actor id, display name), sorted by name
    rows: list[dict[str, Any]] = field(default_factory=list)  # measure fields + {actor id: letter}


FIXED = [("document", "Văn bản / Document"), ("date", "Ngày / Date"), ("item", "Mục / Item"),
         ("measure", "Nhiệm vụ / Measure"), ("deadline", "Thời hạn / Deadline")]


def _measures(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(measure id, measure data, document data), by document date, document id, then order in it."""
    out = []
    for node, data in graph.nodes(data=True):
        if data.get("label") == schema.MEASURE:
            doc = graph.nodes[data["document"]] if data.get("document") in graph else {"id": data.get("document")}
            out.append((node, data, doc))
    out.sort(key=lambda m: (m[2].get("date") or "9999", m[1].get("document") or "", m[1].get("ordinal") or 0, m[0]))
    return out


def raci(graph: nx.MultiDiGraph) -> Raci:
    """The RACI matrix of every measure in ``graph``."""
    letters: dict[str, dict[str, str]] = defaultdict(dict)

    def put(measure: str, actor: str, letter: str) -> None:
        old = letters[measure].get(actor)
        if old is None or STRENGTH[letter] > STRENGTH[old]:
            letters[measure][actor] = letter

    accountable: dict[str, set[str]] = defaultdict(set)  # document → actors with an ACCOUNTABLE_TO line in it
    informed: dict[str, set[str]] = defaultdict(set)  # document → its addressees (to and cc)
    for u, v, data in graph.edges(data=True):
        if data["type"] == schema.ACCOUNTABLE_TO and data.get("document"):
            accountable[data["document"]].add(u)
        elif data["type"] == schema.ADDRESSED_TO and graph.nodes[v].get("label") in schema.ACTORS:
            informed[u].add(v)
    measures = _measures(graph)
    for measure, m, _doc in measures:
        doc_id = m.get("document")
        assigned = set()
        for actor, _, data in graph.in_edges(measure, data=True):
            if data["type"] != schema.RESPONSIBLE_FOR:
                continue
            assigned.add(actor)
            letter = ROLE_LETTER.get(data.get("role") or "execute", "R")
            if actor in accountable.get(doc_id, set()):
                letter = "A"
            put(measure, actor, letter)
        for actor in informed.get(doc_id, set()) - assigned:
            put(measure, actor, "I")
    used = sorted({a for row in letters.values() for a in row})
    names = _distinct_names(graph, used)
    used.sort(key=lambda a: (names[a], a))
    table = Raci(columns=[(a, names[a]) for a in used])
    labels: dict[str | None, str] = {}
    for measure, m, doc in measures:
        doc_id = m.get("document")
        if doc_id not in labels:
            labels[doc_id] = _doc_label(doc, doc_id, graph)
        row = {"document": labels[doc_id], "document_id": doc_id, "date": doc.get("date"), "item": m.get("item"),
               "measure": m.get("text"), "deadline": m.get("deadline"), "measure_id": measure}
        row.update(letters.get(measure, {}))
        table.rows.append(row)
    return table


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def raci_rows(table: Raci) -> tuple[list[str], list[list[str]]]:
    """Header and rows as strings: the five measure columns, then one letter column per body or post."""
    header = [label for _, label in FIXED] + [name for _, name in table.columns]
    body = [[_text(row.get(key)) for key, _ in FIXED] + [row.get(actor, "") for actor, _ in table.columns]
            for row in table.rows]
    return header, body


ID_ROW_LABEL = "Mã / Id"


def raci_ids(table: Raci) -> list[str]:
    """The second header row: each body column's id (the first cell says what the row is)."""
    return [ID_ROW_LABEL] + [""] * (len(FIXED) - 1) + [actor for actor, _ in table.columns]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection)."""


def inert(value: Any) -> Any:
    """A cell value no spreadsheet can run: text that could start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _inert_rows(rows: list[list[Any]]) -> list[list[Any]]:
    return [[inert(v) for v in row] for row in rows]


def write_raci_csv(table: Raci, fp: IO[str], excel: bool = False) -> None:
    """CSV: names, then ids, then one row per measure; ``excel`` starts it with a byte-order mark.
    Cells that a spreadsheet would read as a formula are made inert (:func:`inert`)."""
    header, body = raci_rows(table)
    if excel:
        fp.write(BOM)
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerows(_inert_rows([header, raci_ids(table), *body]))


def _md_cell(text: str) -> str:
    """A Markdown table cell: one line, pipes and markup characters escaped."""
    text = html.escape(text, quote=False).replace("\\", "\\\\").replace("|", "\\|")
    return re.sub(r"\s*\n\s*", " ", text)


def _md_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", html.escape(text, quote=False))


def _wrapped(text: str, first: str = "", rest: str = "  ", width: int = MD_WIDTH, escape: bool = True) -> list[str]:
    """Markdown prose wrapped at ``width``: ``first`` before the first line, ``rest`` before the others
    (a list item's continuation lines, indented, stay in the item)."""
    return textwrap.wrap(_md_line(text) if escape else text, width=width, initial_indent=first,
                         subsequent_indent=rest, break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def write_raci_md(table: Raci, fp: IO[str], measure_width: int | None = None) -> None:
    """Markdown for reading: per document, a table of items × the bodies with a letter in it (numbered
    columns), the key to the numbers with ids, and the measures' text wrapped below; ``measure_width``
    shortens each measure text (with …)."""
    by_doc: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for row in table.rows:
        by_doc[row.get("document_id")].append(row)
    out: list[str] = ["# RACI", ""]
    out += _wrapped(" · ".join(f"**{k}** {v}" for k, v in LETTERS.items()), rest="")
    for rows in by_doc.values():
        head = rows[0]
        out += ["", f"## {_md_line(' · '.join(x for x in (head['document'], head.get('date')) if x))}", ""]
        columns = [(a, name) for a, name in table.columns if any(r.get(a) for r in rows)]
        if not columns:
            out += ["(no body or post has a letter for these measures)", ""]
        else:
            out.append("| Mục / Item | Hạn / Deadline | " + " | ".join(str(i) for i in range(1, len(columns) + 1))
                       + " |")
            out.append("|---|---|" + "|".join(":-:" for _ in columns) + "|")
            for row in rows:
                out.append("| " + " | ".join([_md_cell(_text(row.get("item")) or "–"),
                                              _md_cell(_text(row.get("deadline")))]
                                             + [row.get(a, "") for a, _ in columns]) + " |")
            out += ["", "Cột / Columns:", ""]
            for i, (actor, name) in enumerate(columns, start=1):
                out += _wrapped(f"{name} — `{actor}`", f"{i}. ", " " * (len(str(i)) + 2))
        out += ["", "Nhiệm vụ / Measures:", ""]
        for row in rows:
            text = _text(row.get("measure"))
            if measure_width and len(text) > measure_width:
                text = text[: measure_width - 1].rstrip() + "…"
            item = _text(row.get("item"))
            out += _wrapped(" ".join(text.split()), f"- **mục {item}** — " if item else "- ", "  ")
    fp.write("\n".join(out).rstrip() + "\n")


def write_raci_xlsx(table: Raci, out: str | Path | IO[bytes]) -> None:
    """An XLSX workbook: frozen header and measure columns, autofilter, wrapped text, coloured letters."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - the [xlsx] extra is missing
        raise ChidaoError("XLSX needs openpyxl: pip install 'chidao[xlsx]'") from exc

    header, body = raci_rows(table)
    wb = Workbook()
    ws = wb.active
    ws.title = "RACI"
    for row in _inert_rows([header, raci_ids(table), *body]):  # a document's text never becomes a formula
        ws.append(row)
    fills = {"A": "F4B183", "R": "F8CBAD", "C": "BDD7EE", "I": "E2EFDA"}
    fixed = len(FIXED)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom" if cell.column > fixed else "top",
                                   horizontal="center" if cell.column > fixed else "left",
                                   text_rotation=90 if cell.column > fixed else 0)
    for cell in ws[2]:  # the ids: small, grey, rotated like the names above them
        cell.font = Font(size=7, color="808080")
        cell.alignment = Alignment(vertical="bottom", horizontal="center" if cell.column > fixed else "left",
                                   text_rotation=90 if cell.column > fixed else 0)
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            actor = cell.column > fixed
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if actor else "left")
            if actor and cell.value in fills:
                cell.fill = PatternFill("solid", fgColor=fills[cell.value])
                cell.font = Font(bold=cell.value in ("A", "R"))
    for i, (_key, width) in enumerate(zip(FIXED, (14, 11, 6, 80, 14), strict=True), start=1):
        longest = max([len(_text(ws.cell(r, i).value)) for r in range(3, ws.max_row + 1)] or [0])
        ws.column_dimensions[get_column_letter(i)].width = min(width, max(6, longest + 2)) if i != 4 else width
    for i in range(fixed + 1, len(header) + 1):
        ws.column_dimensions[get_column_letter(i)].width = 4.5
    longest_name = max((len(name) for _, name in table.columns), default=10)
    ws.row_dimensions[1].height = min(260, max(60, longest_name * 6.5))
    longest_id = max((len(actor) for actor, _ in table.columns), default=10)
    ws.row_dimensions[2].height = min(200, max(30, longest_id * 4))
    ws.freeze_panes = ws.cell(3, fixed + 1)
    ws.auto_filter.ref = f"A2:{get_column_letter(max(1, len(header)))}{ws.max_row}"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    key = wb.create_sheet("Legend")
    key.append(["Letter", "Meaning"])
    for letter, meaning in LETTERS.items():
        key.append([letter, meaning])
    key.column_dimensions["B"].width = 60
    key2 = wb.create_sheet("Bodies")  # keyed by column letter: names can repeat across provinces, letters cannot
    key2.append(["Cột / Column", "Tên / Name", "Mã / Id"])
    for i, (actor, name) in enumerate(table.columns, start=fixed + 1):
        key2.append([get_column_letter(i), name, actor])
    key2.column_dimensions["A"].width = 12
    key2.column_dimensions["B"].width = 60
    key2.column_dimensions["C"].width = 70
    key2.freeze_panes = "A2"
    wb.save(out)


# --- per-body responsibilities ---------------------------------------------------------------------


def responsible_actors(graph: nx.MultiDiGraph) -> list[str]:
    """Bodies and posts responsible for at least one measure in ``graph``, sorted by id."""
    return sorted(n for n, d in graph.nodes(data=True) if d.get("label") in schema.ACTORS
                  and any(e["type"] == schema.RESPONSIBLE_FOR for _, _, e in graph.out_edges(n, data=True)))


def find_actors(graph: nx.MultiDiGraph, ref: str) -> list[str]:
    """Bodies or posts named by ``ref`` (see :func:`chidao.graph.focus.find_actors`)."""
    from chidao.graph.focus import find_actors as find

    return find(graph, ref, schema.ACTORS)


def responsibilities(graph: nx.MultiDiGraph, actor: str) -> dict[str, Any]:
    """One body's or post's duties (role, document, date, item, deadline, text, quote, issuer) and the
    lines it answers and reports along (with cadence and quote)."""
    data = graph.nodes[actor]
    accountable_in = {d.get("document") for _, _, d in graph.out_edges(actor, data=True)
                      if d["type"] == schema.ACCOUNTABLE_TO}
    duties = []
    for _, measure, edge in graph.out_edges(actor, data=True):
        if edge["type"] != schema.RESPONSIBLE_FOR:
            continue
        m = graph.nodes[measure]
        doc_id = m.get("document")
        doc = graph.nodes[doc_id] if doc_id in graph else {}
        role = edge.get("role") or "execute"
        letter = "A" if doc_id in accountable_in else ROLE_LETTER.get(role, "R")
        duties.append({"document": _doc_label(doc, doc_id), "document_id": doc_id, "date": doc.get("date"),
                       "issued_by": _issuers(graph, doc_id), "item": m.get("item"), "role": role, "raci": letter,
                       "deadline": m.get("deadline"), "measure": m.get("text"), "measure_id": measure,
                       "quote": edge.get("quote")})
    duties.sort(key=lambda d: (d["date"] or "9999", d["document_id"] or "", _natural(d["item"]), d["measure_id"]))
    lines = []
    for _, target, edge in graph.out_edges(actor, data=True):
        if edge["type"] in (schema.ACCOUNTABLE_TO, schema.REPORTS_TO):
            doc_id = edge.get("document")
            doc = graph.nodes[doc_id] if doc_id in graph else {}
            lines.append({"kind": "answers to" if edge["type"] == schema.ACCOUNTABLE_TO else "reports to",
                          "to": graph.nodes[target].get("name") or target, "to_id": target,
                          "cadence": edge.get("cadence"), "document": _doc_label(doc, doc_id),
                          "document_id": doc_id, "quote": edge.get("quote")})
    lines.sort(key=lambda x: (x["kind"], x["to"], x["document"] or "", x["cadence"] or "", x["quote"] or ""))
    return {"id": actor, "label": data.get("label"), "name": data.get("name"),
            "jurisdiction": data.get("jurisdiction"), "duties": duties, "lines": lines}


CSV_FIELDS = ["body", "body_id", "document", "date", "issued_by", "item", "role", "raci", "deadline", "measure",
              "quote"]


def render_responsibilities(info: dict[str, Any] | list[dict[str, Any]], fmt: str = "md") -> str:
    """One body's (or several bodies') responsibilities as ``md``, ``html``, ``json`` or ``csv``."""
    infos = info if isinstance(info, list) else [info]
    if fmt == "json":
        return json.dumps(infos if isinstance(info, list) else info, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_FIELDS)
        for one in infos:
            for d in one["duties"]:
                w.writerow([one["name"], one["id"], d["document"], _text(d["date"]), "; ".join(d["issued_by"]),
                            _text(d["item"]), d["role"], d["raci"], _text(d["deadline"]), _text(d["measure"]),
                            _text(d["quote"])])
        return out.getvalue()
    if fmt == "html":
        return _responsibilities_html(infos)
    if fmt == "md":
        return "\n".join(_responsibilities_md(one) for one in infos)
    raise ValueError(f"unknown format {fmt!r}: md, html, json or csv")


def _responsibilities_md(info: dict[str, Any]) -> str:
    where = f" — {info['jurisdiction']}" if info.get("jurisdiction") else ""
    out = [f"# {_md_line(info['name'] or info['id'])}{where}", "", f"`{info['id']}`", "",
           f"## Nhiệm vụ / Duties ({len(info['duties'])})", ""]
    if not info["duties"]:
        out.append("(none)")
    for d in info["duties"]:
        facts = [d["document"]] + [x for x in (d["date"], f"mục {d['item']}" if d["item"] else None) if x]
        issued = f" — ban hành / issued by {', '.join(d['issued_by'])}" if d["issued_by"] else ""
        deadline = f" — **hạn / deadline {_md_line(d['deadline'])}**" if d["deadline"] else ""
        out += _wrapped(f"**{ROLE_TITLES.get(d['role'], d['role'])}** ({d['raci']}) — {_md_line(', '.join(facts))}"
                        f"{_md_line(issued)}{deadline}", "- ", "  ", escape=False)
        out += _wrapped(d["measure"] or "", "  - ", "    ")
        if d["quote"]:
            out += _wrapped(f"trích / quote: “{_md_line(d['quote'])}”", "  - ", "    ", escape=False)
    out += ["", "## Chịu trách nhiệm trước, báo cáo / Answers and reports to", ""]
    if not info["lines"]:
        out.append("(no accountability or reporting line in the documents)")
    for line in info["lines"]:
        kind = "chịu trách nhiệm trước / answers to" if line["kind"] == "answers to" else "báo cáo / reports to"
        cadence = f" ({line['cadence']})" if line["cadence"] else ""
        quote = f": “{_md_line(line['quote'])}”" if line["quote"] else ""
        out += _wrapped(f"{kind} **{_md_line(line['to'])}**{cadence} — {_md_line(line['document'])}{quote}", "- ",
                        "  ", escape=False)
    return "\n".join(out) + "\n"


def _responsibilities_html(infos: list[dict[str, Any]]) -> str:
    e = html.escape

    def one(info: dict[str, Any]) -> str:
        rows = "".join(
            f"<tr><td>{e(ROLE_TITLES.get(d['role'], d['role']))} ({e(d['raci'])})</td><td>{e(d['document'])}</td>"
            f"<td>{e(d['date'] or '')}</td><td>{e(', '.join(d['issued_by']))}</td><td>{e(d['item'] or '')}</td>"
            f"<td>{e(d['deadline'] or '')}</td><td>{e(d['measure'] or '')}</td><td><q>{e(d['quote'] or '')}</q></td>"
            "</tr>" for d in info["duties"])
        lines = "".join(
            f"<li>{e(x['kind'])} <b>{e(x['to'])}</b>{e(' (' + x['cadence'] + ')' if x['cadence'] else '')} — "
            f"{e(x['document'])}{': <q>' + e(x['quote']) + '</q>' if x['quote'] else ''}</li>" for x in info["lines"])
        return (f"<section><h1>{e(info['name'] or info['id'])}</h1><p>{e(info.get('jurisdiction') or '')} · "
                f"<code>{e(info['id'])}</code></p><h2>Nhiệm vụ / Duties ({len(info['duties'])})</h2>"
                "<table><tr><th>vai trò / role</th><th>văn bản / document</th><th>ngày / date</th>"
                "<th>ban hành / issued by</th><th>mục / item</th><th>hạn / deadline</th><th>nhiệm vụ / measure</th>"
                f"<th>trích / quote</th></tr>{rows}</table>"
                "<h2>Chịu trách nhiệm trước, báo cáo / Answers and reports to</h2>"
                f"<ul>{lines or '<li>(none)</li>'}</ul></section>")

    title = e(infos[0]["name"] or infos[0]["id"]) if len(infos) == 1 else "chidao"
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{title}</title><style>body{{font-family:\"DejaVu Sans\",Arial,sans-serif;margin:1.5em}}"
            "table{border-collapse:collapse}th,td{border-bottom:1px solid #ddd;padding:4px;vertical-align:top;"
            "text-align:left}q{color:#555}</style></head><body>"
            + "".join(one(info) for info in infos) + "</body></html>\n")


def safe_name(actor: str, limit: int = 100) -> str:
    """An ASCII file name from an id: ``body:lai-chau/ban-tuyen-giao-tinh-uy`` → ``body_lai-chau_ban-…``.

    Long ids are cut and given a short hash, so names stay unique and fit every file system.
    """
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", actor).strip("._-") or "actor"
    if len(name) > limit:
        name = name[: limit - 13].rstrip("._-") + "_" + hashlib.sha256(actor.encode()).hexdigest()[:12]
    return name


def _unknown_place(graph: nx.MultiDiGraph, actor: str) -> str:
    """For a body of a document whose province is unknown: ``tinh-chua-ro-<document>``."""
    name = _actor_name(graph, actor)
    found = re.search(r"tỉnh chưa rõ · (.*)\)$", name)
    return schema.slug(f"tinh chua ro {found.group(1)}" if found else "tinh chua ro")


def file_names(graph: nx.MultiDiGraph, actors: list[str], limit: int = 100) -> dict[str, str]:
    """A readable, unique ASCII file name (without suffix) per body or post: its province, then its
    name (``lai-chau--ban-tuyen-giao-tinh-uy``; ``tinh-chua-ro-761-cv-tu--ban-tuyen-giao-tinh-uy``
    when the document named no province); a post or a second body of one name gets its kind or a
    number. Sorting the folder groups each province's bodies together."""
    names: dict[str, str] = {}
    for actor in sorted(actors):
        data = graph.nodes[actor]
        where = data.get("jurisdiction")
        place = schema.slug(where) if where else _unknown_place(graph, actor)
        stem = f"{place or 'khac'}--{schema.slug(data.get('name') or actor) or 'khong-ten'}"
        if len(stem) > limit:
            stem = stem[: limit - 13].rstrip("-") + "-" + hashlib.sha256(actor.encode()).hexdigest()[:12]
        names[actor] = stem
    used: set[str] = set()
    for actor in sorted(actors, key=lambda a: (graph.nodes[a].get("label") != schema.BODY, a)):
        stem, k = names[actor], 1  # a body keeps the plain name; a post of that name is "--chuc-danh"
        if stem in used and graph.nodes[actor].get("label") == schema.POST:
            stem = f"{stem}--chuc-danh"
        while stem in used:
            k += 1
            stem = f"{names[actor]}--{k}"
        used.add(stem)
        names[actor] = stem
    return names


def render_index(graph: nx.MultiDiGraph, files: dict[str, str], fmt: str = "md") -> str:
    """The index of a ``--all`` folder: every body's or post's file, by province, with its number of
    duties; ``md`` or ``html`` (links relative to the folder)."""
    groups: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for actor, file in files.items():
        data = graph.nodes[actor]
        duties = sum(1 for _, _, e in graph.out_edges(actor, data=True) if e["type"] == schema.RESPONSIBLE_FOR)
        place = data.get("jurisdiction") or "Tỉnh chưa rõ / province not stated"
        groups[place].append((_actor_name(graph, actor), file, duties))
    order = sorted(groups, key=lambda g: (g.startswith("Tỉnh chưa rõ"), schema.slug(g)))
    total = len(files)
    if fmt == "html":
        e = html.escape
        parts = [f"<h2>{e(g)} ({len(groups[g])})</h2><ul>" + "".join(
            f"<li><a href=\"{e(file)}\">{e(name)}</a> — {n} nhiệm vụ / duties</li>"
            for name, file, n in sorted(groups[g], key=lambda x: (schema.slug(x[0]), x[1]))) + "</ul>" for g in order]
        return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                "<title>Nhiệm vụ theo cơ quan / Duties by body</title><style>body{font-family:\"DejaVu Sans\",Arial,"
                "sans-serif;margin:1.5em}</style></head><body><h1>Nhiệm vụ theo cơ quan / Duties by body</h1>"
                f"<p>{total} cơ quan, chức danh / bodies and posts</p>" + "".join(parts) + "</body></html>\n")
    out = ["# Nhiệm vụ theo cơ quan / Duties by body", "", f"{total} cơ quan, chức danh / bodies and posts."]
    for g in order:
        out += ["", f"## {_md_line(g)} ({len(groups[g])})", ""]
        for name, file, n in sorted(groups[g], key=lambda x: (schema.slug(x[0]), x[1])):
            out += _wrapped(f"[{_md_cell(name)}]({file}) — {n} nhiệm vụ / duties", "- ", "  ", escape=False)
    return "\n".join(out) + "\n"
