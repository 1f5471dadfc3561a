"""Time the HTML view in headless Chromium: write the page, open it, open every group.

    python bench/html_view.py --docs 300 2000 --repeat 3      # prints a table, writes bench/results/html.json

For each corpus size: nodes and edges in the graph, the page's size, the seconds to write it, and the
median seconds from navigation to a drawn, still graph (the view's own layout time in brackets); then
the same for "open every group" with up to 2,500 nodes drawn. Chromium is driven over the DevTools
protocol by the small client in tests/e2e/test_html_browser.py, with the network blocked.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "e2e"))

from test_html_browser import Browser, Page  # noqa: E402

import corpus  # noqa: E402
from chidao.extract import extract_file  # noqa: E402
from chidao.graph.build import build_graph  # noqa: E402
from chidao.graph.export.html import write_html  # noqa: E402


def measure(docs: int, repeat: int, workdir: Path, browser: Browser) -> dict:
    graph = build_graph([extract_file(p) for p in corpus.generate(docs, workdir / f"c{docs}", seed=7)])
    path = workdir / f"view{docs}.html"
    started = time.monotonic()
    write_html(graph, path, max_nodes=2500)
    written = time.monotonic() - started
    opened, layout, expanded, drawn = [], [], [], 0
    for _ in range(repeat):
        page = Page(browser)
        started = time.monotonic()
        page.call("Page.navigate", {"url": path.as_uri()})
        assert page.wait("!!(window.chidao && window.chidao.isStabilized())", timeout=120)
        opened.append(time.monotonic() - started)
        layout.append(int(page.js("document.getElementById('chidao-status').dataset.layoutMs")) / 1000)
        started = time.monotonic()
        page.js("chidao.expandAll()")
        page.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        expanded.append(time.monotonic() - started)
        drawn = len(page.js("chidao.drawn()"))
        page.close()
    return {"docs": docs, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "page_mb": round(path.stat().st_size / 1e6, 1), "write_s": round(written, 2),
            "open_s": round(statistics.median(opened), 2), "layout_s": round(statistics.median(layout), 2),
            "open_all_s": round(statistics.median(expanded), 2), "open_all_drawn": drawn}


def main() -> None:
    parser = argparse.ArgumentParser(description="time the HTML view in headless Chromium")
    parser.add_argument("--docs", type=int, nargs="+", default=[300, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "html.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        browser = Browser(Path(tmp) / "chromium")
        try:
            rows = [measure(n, args.repeat, Path(tmp), browser) for n in args.docs]
        finally:
            browser.close()
    print("| documents | nodes | edges | page MB | write s | open s (layout) | open every group s (nodes drawn) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['docs']:,} | {r['nodes']:,} | {r['edges']:,} | {r['page_mb']} | {r['write_s']} | "
              f"{r['open_s']} ({r['layout_s']}) | {r['open_all_s']} ({r['open_all_drawn']:,}) |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
