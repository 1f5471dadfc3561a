"""Regenerate docs/queries.md from the stored-query catalogue, with example output on the samples.

    python scripts/gen_queries_doc.py > docs/queries.md

tests/test_docs.py checks that the page lists every query with its Cypher, so a query added to the
catalogue without re-running this fails the tests.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from chidao.commands.graph import sample_directives
from chidao.commands.output import render_rows
from chidao.errors import QueryError
from chidao.graph.stores import open_store
from chidao.ingest import ingest
from chidao.queries import LABELS_FOR, find_ids, list_queries, resolve_ref, run_query

HIDE = {"from_id", "to_id", "measure_id", "document_id", "root", "body_id"}
SHOWN = 8
WIDTH = 110
"""Tables are wrapped to this width, as a terminal of that width shows them (``--width 110``)."""


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "q.lbug"
    ingest([sample_directives()], db)
    with open_store(db, read_only=True) as store:
        try:
            resolve_ref(store, "Ban Dân vận Tỉnh ủy", "actor")
            ambiguity = ""
        except QueryError as exc:
            ambiguity = str(exc)
        out = [
            "# Stored queries",
            "",
            "Accountability questions answered by one command: `chidao query NAME [--param k=v]… [--format "
            "table|json|csv] [--all-matches]`; `chidao queries` lists them. They are data in "
            "[`src/chidao/queries/catalog.py`](../src/chidao/queries/catalog.py) — name, title, description, "
            "parameters with defaults, Cypher in the Neo4j dialect, a LadybugDB variant only where the dialects "
            "differ, and example parameters — so the same definitions run on the embedded store and on Neo4j "
            "(`chidao query NAME --backend neo4j --uri bolt://…`). From Python: "
            "`chidao.queries.run_query(store, name, params)` and `list_queries()`.",
            "",
            "`chidao queries NAME` describes one query: what it answers, each parameter with its meaning and an "
            "example, the columns it returns, which focus options it can feed (`chidao export … --query NAME`, "
            "and `--body`/`--document` for its parameter), and its Cypher.",
            "",
            "`chidao shell` is a Cypher prompt on the store for trying queries: statements end with `;`, "
            "`:query NAME k=v` runs a stored query, `:describe NAME` shows one, `:format` and `:width` change "
            "the output; Tab completes labels, relationship types, properties and query names, and history is "
            "kept in `~/.chidao_history`.",
            "",
            "## Reading the output",
            "",
            "* **Tables fit the terminal**: the widest columns are narrowed first and their cells wrapped, never "
            "cut; rows that cannot fit as a table at all are printed as records (one column a line). `--width N` "
            "sets the width, `--full` prints every cell whole on one line (for `less -S`). Piped into a file or "
            "another program, a table is not wrapped unless `--width` or `COLUMNS` asks. `--format json` and "
            "`--format csv` give every value whole.",
            "* **Items in document order** (1, 2, 10 — not 1, 10, 2): rows are ordered by the measure's place in "
            "its document; lists inside a cell are sorted naturally.",
            "* **Documents without a number** are named by type, date and issuer (`Thông báo, Ban Thường vụ Tỉnh "
            "ủy`), never left blank or shown as a hash id.",
            "* **Parameters are typed by the query**: `min_assignees=2` is a number, `from=2021-01-01` a date, "
            "names and numbers text. For ad-hoc `chidao cypher`, values are typed as written: `--param n=2` is "
            "an integer (so `LIMIT $n` works), `1.5` a float, `true`/`false` booleans, `2021-07-22` a date, "
            "`[…]`/`{…}` JSON; quoted (`--param 'n=\"2\"'`) it stays the string `2`. `chidao cypher` prints a "
            "node as its name and id, a relationship as its type, role and document, a path as both, and heads "
            "a column without `AS` by the expression as written (`count(*)`).",
            "",
            "## Naming a body, post, person or document",
            "",
            "Parameters that name a body, post, person or document take an **id or a name**. One matcher "
            "([`chidao.graph.names`](../src/chidao/graph/names.py)) serves every command — `chidao query`, "
            "`--body` on exports and the HTML view, `chidao bodies --province` — and `run_query`: accents, case, "
            "`Uỷ`/`Ủy`, abbreviations in any case (`UBND tỉnh`, `ubnd tinh`), honorifics (*đồng chí*, *đ/c*) and "
            "*các* are optional, so `bí thư các huyện ủy, thành ủy`, `Bí thư huyện uỷ, thành uỷ` and `bi thu "
            "huyen uy thanh uy` agree; document numbers match in either separator style (`16-CT/TTg` = "
            "`16/CT-TTg`). A name may end with its province, with or without accents, hyphens or *tỉnh*: `Ban "
            "Tuyên giáo Tỉnh ủy Lai Châu`, `ban tuyen giao tinh uy lai chau`, `UBND tỉnh Lai-Châu`. A name typed "
            "exactly as stored is found by index; any other spelling by comparing it with every body of the kind "
            "(of the named province, when there is one).",
            "",
            "The same body exists once per province, so a bare name often fits several nodes. `chidao query` "
            "then stops and lists them (one line on stderr, exit status 1):",
            "",
            "```",
            f"$ chidao query who-assigned --param body=\"Ban Dân vận Tỉnh ủy\"\nError: {ambiguity}",
            "```",
            "",
            "Pick an id (`chidao bodies` lists them), add the province to the name, or pass `--all-matches` to "
            "run the query over every match (rows then carry the node's id, e.g. `body_id`). In Python, "
            "`run_query(store, name, params)` runs over every match; `ambiguous=\"error\"` raises "
            "`QueryError` listing them, as the CLI does. Lists in results are sorted so output is reproducible.",
            "",
            "The examples below are the real output on the four bundled sample directives (tests pin the exact "
            "rows of each example in `tests/queries/golden/`; regenerate this page with "
            "`python scripts/gen_queries_doc.py > docs/queries.md`; id columns hidden, tables wrapped to "
            f"{WIDTH} columns as `--width {WIDTH}` prints them).",
            "",
        ]
        for q in list_queries():
            params = dict(q.example)
            rows = run_query(store, q.name, params)
            shown = [{k: v for k, v in r.items() if k not in HIDE} for r in rows[:SHOWN]]
            wide = any(p.kind in LABELS_FOR and len(find_ids(store, params.get(p.name, ""), p.kind)) > 1
                       for p in q.params if p.name in params)
            args = " ".join(f'--param {k}="{v}"' for k, v in params.items()) + (" --all-matches" if wide else "")
            out += [f"## `{q.name}` — {q.title}", "", q.description, ""]
            if q.params:
                out += ["| parameter | meaning | default |", "|---|---|---|"]
                out += [f"| `{p.name}` | {p.description} | {'(required)' if p.required else p.default or '(left out: all)'} |" for p in q.params]
                out.append("")
            out += ["```cypher", q.cypher.strip(), "```", ""]
            if q.cypher_ladybug:
                out += ["LadybugDB variant:", "", "```cypher", q.cypher_ladybug.strip(), "```", ""]
            if q.focused:
                out += ["With its optional parameter given, once for each node it names (`$id`), the rows merged "
                        f"in the order {', '.join(q.focused.order)}:", "", "```cypher", q.focused.cypher.strip(), "```", ""]
            if q.stepwise:
                out += ["On LadybugDB it runs node by node: what the start reaches, with its distance, then the "
                        "rows leaving each node reached (`$id`, found by its key), nearest first, merged in the "
                        f"order {', '.join(q.stepwise.order)}; a first page (`--limit N`) stops after the first "
                        "step that fills it:", "", "```cypher", q.stepwise.reach.strip(), "```", "", "```cypher",
                        q.stepwise.links.strip(), "```", ""]
            if q.window:
                out += ["First rows (`--limit N`, `$first` = N): the keys of the first N groups, then the query started "
                        "from them (`$keys`):", "", "```cypher", q.window.keys.strip(), "```", "", "```cypher",
                        q.window.cypher.strip(), "```", ""]
            if q.pager:
                out += ["First rows (`--limit N`): the keys its order starts with, then the query restricted to the "
                        "first of them (`$upto`), widened until N rows come back:", "", "```cypher",
                        q.pager.keys.strip(), "```", "", "```cypher", q.pager.cypher.strip(), "```", ""]
            out += [f"`chidao query {q.name} {args}`".replace("  ", " ").replace(" `", "`"), "", "```",
                    render_rows(shown, "table", WIDTH) or "(no rows)", "```"]
            if len(rows) > len(shown):
                out.append(f"({len(rows)} rows in all; first {len(shown)} shown)")
            out.append("")
    print("\n".join(out).rstrip("\n"))


if __name__ == "__main__":
    main()
