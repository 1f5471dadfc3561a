"""Regenerate docs/queries.md from the stored-query catalogue, with example output on the samples.

    python scripts/gen_queries_doc.py > docs/queries.md

tests/test_docs.py checks that the page lists every query with its Cypher, so a query added to the
catalogue without re-running this fails the tests.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from chidao.commands.graph import render_rows, sample_directives
from chidao.graph.stores import open_store
from chidao.ingest import ingest
from chidao.queries import list_queries, run_query

EXAMPLES = {"body": "Ban Tuyên giáo Tỉnh ủy", "document": "16/CT-TTg", "person": "Lê Văn Lương"}
OVERRIDES = {"accountability-chain": {"body": "bí thư các huyện ủy, thành ủy"},
             "province-compare": {"document": "doc:vn/thuong-truc-ban-bi-thu/dien/2021-07-21"},
             "lead-conflicts": {"min_assignees": "3"}}
HIDE = {"from_id", "to_id", "measure_id", "document_id", "root"}


def main() -> None:
    db = Path(tempfile.mkdtemp()) / "q.lbug"
    ingest([sample_directives()], db)
    out = [
        "# Stored queries",
        "",
        "Accountability questions answered by one command: `chidao query NAME [--param k=v]… [--format "
        "table|json|csv]`; `chidao queries` lists them. They are data in "
        "[`src/chidao/queries/catalog.py`](../src/chidao/queries/catalog.py) — name, title, description, "
        "parameters and Cypher in the Neo4j dialect, with a LadybugDB variant only where the dialects "
        "differ — so the same definitions run on the embedded store and on Neo4j "
        "(`chidao query NAME --backend neo4j --uri bolt://…`).",
        "",
        "Parameters that name a body, post, person or document take an **id or a name**: names are "
        "compared after normalisation (case, Unicode form, `Uỷ`/`Ủy` tone placement, abbreviations such as "
        "UBND, honorifics such as *Đồng chí*), document numbers in either separator style "
        "(`16-CT/TTg` = `16/CT-TTg`). A name can match the same body in several provinces; the query then "
        "covers all of them (narrow it with the id, e.g. `body:lai-chau/ban-tuyen-giao-tinh-uy`, from "
        "`chidao bodies`). Lists in results are sorted so output is reproducible.",
        "",
        "The examples below are the real output on the four bundled sample directives "
        "(regenerate with `python scripts/gen_queries_doc.py > docs/queries.md`; long columns cut).",
        "",
    ]
    with open_store(db, read_only=True) as store:
        for q in list_queries():
            params = {p.name: EXAMPLES.get(p.name, p.default) for p in q.params if p.required}
            params.update(OVERRIDES.get(q.name, {}))
            rows = run_query(store, q.name, params)
            shown = [{k: v for k, v in r.items() if k not in HIDE} for r in rows[:6]]
            args = " ".join(f'--param {k}="{v}"' for k, v in params.items())
            out += [f"## `{q.name}` — {q.title}", "", q.description, ""]
            if q.params:
                out += ["| parameter | meaning | default |", "|---|---|---|"]
                out += [f"| `{p.name}` | {p.description} | {p.default or '(required)'} |" for p in q.params]
                out.append("")
            out += ["```cypher", q.cypher.strip(), "```", ""]
            if q.cypher_ladybug:
                out += ["LadybugDB variant:", "", "```cypher", q.cypher_ladybug.strip(), "```", ""]
            out += [f"`chidao query {q.name} {args}`".replace("  ", " ").replace(" `", "`"), "", "```",
                    render_rows(shown, "table", max_width=48), "```"]
            if len(rows) > len(shown):
                out.append(f"({len(rows)} rows in all; first {len(shown)} shown)")
            out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
