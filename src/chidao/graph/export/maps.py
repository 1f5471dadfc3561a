"""Responsibility maps: the RACI matrix of measures × bodies, and per-body lists of duties.

RACI letters: **R** the body must carry the measure out (execute); **A** it leads it (chủ trì) or
answers for it (an ACCOUNTABLE_TO line in the same document); **C** it cooperates (phối hợp);
**I** it is informed (a Kính gửi/Nơi nhận addressee of the document that is not otherwise assigned).
When several apply the strongest wins: A > R > C > I.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx

from chidao.graph import schema

ROLE_LETTER = {"lead": "A", "execute": "R", "cooperate": "C"}
STRENGTH = {"A": 4, "R": 3, "C": 2, "I": 1}


@dataclass
class Raci:
    columns: list[tuple[str, str]]  # (actor id, display name)
    rows: list[dict[str, Any]] = field(default_factory=list)  # measure fields + {actor id: letter}


def _actor_name(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    name = data.get("name") or node
    return f"{name} ({data['jurisdiction']})" if data.get("jurisdiction") and data.get("jurisdiction") != "Việt Nam" \
        else name


def _measures(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(measure id, measure data, document data), in document date then document order."""
    out = []
    for node, data in graph.nodes(data=True):
        if data.get("label") == schema.MEASURE and data.get("document") in graph:
            out.append((node, data, graph.nodes[data["document"]]))
    out.sort(key=lambda m: (m[2].get("date") or "9999", m[2].get("id") or "", m[1].get("ordinal") or 0))
    return out


def raci(graph: nx.MultiDiGraph) -> Raci:
    letters: dict[str, dict[str, str]] = defaultdict(dict)

    def put(measure: str, actor: str, letter: str) -> None:
        old = letters[measure].get(actor)
        if old is None or STRENGTH[letter] > STRENGTH[old]:
            letters[measure][actor] = letter

    accountable: dict[str, set[str]] = defaultdict(set)  # document → actors with an ACCOUNTABLE_TO line
    informed: dict[str, set[str]] = defaultdict(set)  # document → addressees
    for u, v, data in graph.edges(data=True):
        if data["type"] == schema.ACCOUNTABLE_TO and data.get("document"):
            accountable[data["document"]].add(u)
        elif data["type"] == schema.ADDRESSED_TO:
            informed[u].add(v)
    measures = _measures(graph)
    for measure, _m, doc in measures:
        assigned = set()
        for actor, _, data in graph.in_edges(measure, data=True):
            if data["type"] == schema.RESPONSIBLE_FOR:
                assigned.add(actor)
                letter = ROLE_LETTER[data["role"]]
                if actor in accountable.get(doc["id"], set()):
                    letter = "A"
                put(measure, actor, letter)
        for actor in informed.get(doc["id"], set()) - assigned:
            put(measure, actor, "I")
    used = sorted({a for row in letters.values() for a in row}, key=lambda a: (_actor_name(graph, a), a))
    table = Raci(columns=[(a, _actor_name(graph, a)) for a in used])
    for measure, m, doc in measures:
        row = {"document": doc.get("number") or doc["id"], "date": doc.get("date"), "item": m.get("item"),
               "measure": m.get("text"), "deadline": m.get("deadline"), "measure_id": measure}
        row.update(letters.get(measure, {}))
        table.rows.append(row)
    return table


FIXED = [("document", "Văn bản / Document"), ("date", "Ngày / Date"), ("item", "Mục / Item"),
         ("measure", "Nhiệm vụ / Measure"), ("deadline", "Thời hạn / Deadline")]


def _flat(table: Raci) -> tuple[list[str], list[list[str]]]:
    header = [label for _, label in FIXED] + [name for _, name in table.columns]
    body = [[_text(row.get(key)) for key, _ in FIXED] + [row.get(actor, "") for actor, _ in table.columns]
            for row in table.rows]
    return header, body


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def write_raci_csv(table: Raci, fp: IO[str]) -> None:
    header, body = _flat(table)
    writer = csv.writer(fp, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_raci_md(table: Raci, fp: IO[str], measure_width: int = 90) -> None:
    header, body = _flat(table)
    fp.write("| " + " | ".join(_md_cell(h) for h in header) + " |\n")
    fp.write("|" + "---|" * len(header) + "\n")
    for row in body:
        cells = list(row)
        if len(cells[3]) > measure_width:
            cells[3] = cells[3][: measure_width - 1] + "…"
        fp.write("| " + " | ".join(_md_cell(c) for c in cells) + " |\n")
    fp.write("\nR thực hiện / executes · A chủ trì hoặc chịu trách nhiệm / leads or answers for it · "
             "C phối hợp / cooperates · I để biết / informed\n")


def write_raci_xlsx(table: Raci, path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    header, body = _flat(table)
    wb = Workbook()
    ws = wb.active
    ws.title = "RACI"
    ws.append(header)
    for row in body:
        ws.append(row)
    bold = Font(bold=True)
    fills = {"A": "F4B183", "R": "F8CBAD", "C": "BDD7EE", "I": "E2EFDA"}
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top", text_rotation=90 if cell.column > 5 else 0)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top",
                                       horizontal="center" if cell.column > 5 else "left")
            if cell.column > 5 and cell.value in fills:
                cell.fill = PatternFill("solid", fgColor=fills[cell.value])
    widths = [14, 11, 7, 70, 11] + [5] * len(table.columns)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "F2"
    ws.auto_filter.ref = ws.dimensions
    key = wb.create_sheet("Legend")
    for line in (("R", "thực hiện / executes"), ("A", "chủ trì hoặc chịu trách nhiệm / leads or answers for it"),
                 ("C", "phối hợp / cooperates"), ("I", "để biết / informed")):
        key.append(line)
    wb.save(path)


# --- per-body responsibilities ----------------------------------------------------------------------


def responsibilities(graph: nx.MultiDiGraph, actor: str) -> dict[str, Any]:
    """One body's or post's duties, with to whom it answers and reports, and the quotes."""
    data = graph.nodes[actor]
    duties = []
    for _, measure, edge in graph.out_edges(actor, data=True):
        if edge["type"] != schema.RESPONSIBLE_FOR:
            continue
        m = graph.nodes[measure]
        doc = graph.nodes.get(m.get("document"), {})
        duties.append({"document": doc.get("number") or m.get("document"), "document_id": m.get("document"),
                       "date": doc.get("date"), "item": m.get("item"), "role": edge["role"], "deadline": m.get("deadline"),
                       "measure": m.get("text"), "quote": edge.get("quote")})
    duties.sort(key=lambda d: (d["date"] or "9999", d["document_id"] or "", d["item"] or "", d["role"]))
    lines = []
    for _, target, edge in graph.out_edges(actor, data=True):
        if edge["type"] in (schema.ACCOUNTABLE_TO, schema.REPORTS_TO):
            doc = graph.nodes.get(edge.get("document"), {})
            lines.append({"kind": "answers to" if edge["type"] == schema.ACCOUNTABLE_TO else "reports to",
                          "to": graph.nodes[target].get("name") or target, "cadence": edge.get("cadence"),
                          "document": doc.get("number") or edge.get("document"), "quote": edge.get("quote")})
    lines.sort(key=lambda x: (x["kind"], x["to"], x["document"] or ""))
    return {"id": actor, "name": data.get("name"), "jurisdiction": data.get("jurisdiction"), "duties": duties,
            "lines": lines}


def render_responsibilities(info: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(info, ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["body", "document", "date", "item", "role", "deadline", "measure", "quote"])
        for d in info["duties"]:
            w.writerow([info["name"], d["document"], _text(d["date"]), _text(d["item"]), d["role"],
                        _text(d["deadline"]), d["measure"], _text(d["quote"])])
        return out.getvalue()
    if fmt == "html":
        return _responsibilities_html(info)
    return _responsibilities_md(info)


def _responsibilities_md(info: dict[str, Any]) -> str:
    where = f" — {info['jurisdiction']}" if info.get("jurisdiction") else ""
    out = [f"# {info['name']}{where}", "", f"`{info['id']}`", "", "## Nhiệm vụ / Duties", ""]
    if not info["duties"]:
        out.append("(none)")
    for d in info["duties"]:
        when = f", {d['date']}" if d["date"] else ""
        item = f", mục {d['item']}" if d["item"] else ""
        deadline = f" — **hạn / deadline {d['deadline']}**" if d["deadline"] else ""
        out.append(f"- **{d['role']}** — {d['document']}{when}{item}{deadline}")
        out.append(f"  - {_md_cell(d['measure'] or '')[:400]}")
        if d["quote"]:
            out.append(f"  - > “{_md_cell(d['quote'])}”")
    out += ["", "## Chịu trách nhiệm trước, báo cáo / Answers and reports to", ""]
    if not info["lines"]:
        out.append("(no accountability or reporting line in the documents)")
    for line in info["lines"]:
        cadence = f" ({line['cadence']})" if line["cadence"] else ""
        out.append(f"- {line['kind']} **{line['to']}**{cadence} — {line['document']}: “{_md_cell(line['quote'] or '')}”")
    return "\n".join(out) + "\n"


def _responsibilities_html(info: dict[str, Any]) -> str:
    import html

    e = html.escape
    rows = "".join(
        f"<tr><td>{e(d['role'])}</td><td>{e(str(d['document']))}</td><td>{e(d['date'] or '')}</td>"
        f"<td>{e(d['item'] or '')}</td><td>{e(d['deadline'] or '')}</td><td>{e(d['measure'] or '')}</td>"
        f"<td><q>{e(d['quote'] or '')}</q></td></tr>" for d in info["duties"])
    lines = "".join(f"<li>{e(x['kind'])} <b>{e(x['to'])}</b> {e(x['cadence'] or '')} — {e(str(x['document']))}: "
                    f"<q>{e(x['quote'] or '')}</q></li>" for x in info["lines"])
    return (f"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{e(info['name'] or '')}</title>"
            "<style>body{font-family:sans-serif}td{border-bottom:1px solid #ddd;padding:4px;vertical-align:top}</style>"
            f"</head><body><h1>{e(info['name'] or '')}</h1><p>{e(info.get('jurisdiction') or '')} · <code>"
            f"{e(info['id'])}</code></p><h2>Nhiệm vụ / Duties</h2><table><tr><th>role</th><th>document</th>"
            f"<th>date</th><th>item</th><th>deadline</th><th>measure</th><th>quote</th></tr>{rows}</table>"
            f"<h2>Chịu trách nhiệm trước, báo cáo / Answers and reports to</h2><ul>{lines}</ul></body></html>\n")


def safe_name(actor: str) -> str:
    """An ASCII file name from an id: ``body:lai-chau/ban-tuyen-giao-tinh-uy`` → ``body_lai-chau_ban-…``."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", actor).strip("_")
