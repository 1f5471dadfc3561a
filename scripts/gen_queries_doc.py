"""Regenerate docs/queries.md from the stored-query catalogue, with example output on the samples.

    python scripts/gen_queries_doc.py > docs/queries.md

tests/test_docs.py checks that the page lists every query with its Cypher, so a query added to the
catalogue without re-running this fails the tests.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from chidao.commands.graph import render_rows, sample_directives
from chidao.errors import QueryError
from chidao.graph.stores import open_store
from chidao.ingest import ingest
from chidao.queries import LABELS_FOR, find_ids, list_queries, resolve_ref, run_query

HIDE = {"from_id", "to_id", "measure_id", "document_id", "root", "body_id"}
SHOWN = 8


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
            "## Naming a body, post, person or document",
            "",
            "Parameters that name a body, post, person or document take an **id or a name**. Names are compared "
            "after normalisation (`chidao.loaders.normalize.match_key` after the resolver's clean-up: case, "
            "Unicode form, `Uỷ`/`Ủy` tone placement, abbreviations such as UBND, honorifics such as *Đồng chí*) "
            "with each node's `key` and `name`, so `bí thư các huyện ủy, thành ủy` and `Bí thư các huyện uỷ, "
            "thành uỷ` agree; document numbers match in either separator style (`16-CT/TTg` = `16/CT-TTg`). A "
            "name may end with its province: `Ban Tuyên giáo Tỉnh ủy Lai Châu`, `UBND tỉnh Lai Châu`.",
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
            "`python scripts/gen_queries_doc.py > docs/queries.md`; id columns hidden, long columns cut).",
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
                out += [f"| `{p.name}` | {p.description} | {p.default or '(required)'} |" for p in q.params]
                out.append("")
            out += ["```cypher", q.cypher.strip(), "```", ""]
            if q.cypher_ladybug:
                out += ["LadybugDB variant:", "", "```cypher", q.cypher_ladybug.strip(), "```", ""]
            out += [f"`chidao query {q.name} {args}`".replace("  ", " ").replace(" `", "`"), "", "```",
                    render_rows(shown, "table", max_width=48) or "(no rows)", "```"]
            if len(rows) > len(shown):
                out.append(f"({len(rows)} rows in all; first {len(shown)} shown)")
            out.append("")
    print("\n".join(out).rstrip("\n"))


if __name__ == "__main__":
    main()
