"""OCR of drawn scans: score of each scan's record vs. its text's, and pages per second.

usage: python bench/ocr_scans.py [--jobs N]   (prints a Markdown table; docs/formats.md keeps it)

The scans are the ones tests/loaders/test_ocr.py draws (two-column header and closing, rotation up to
0.6°, 400 specks a page at 200 dpi, as many per square inch at other resolutions), as image-only PDFs at 150, 200 and 300 dpi in turn; the cache is off, so
every page is rendered (300 dpi) and read by Tesseract. Needs tesseract-ocr and tesseract-ocr-vie.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["CHIDAO_OCR_CACHE"] = "off"

from tests.loaders import scans  # noqa: E402
from tests.loaders.test_ocr import MORE, QUICK, _gold, score  # noqa: E402

from chidao.extract import extract_record  # noqa: E402
from chidao.loaders import ocr, read  # noqa: E402


def main(argv: list[str]) -> int:
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 2
    reason = ocr.available()
    if reason:
        print(reason)
        return 1
    print(f"{ocr._engine()[1]}, {os.cpu_count()} cores, pages in parallel: {jobs}\n")
    print("| directive | dpi | pages | text score | scan score | ratio | seconds | pages/s |")
    print("|---|---|---|---|---|---|---|---|")
    total_pages = total_seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp, ocr.settings("auto", jobs):
        folder = Path(tmp)
        for i, txt in enumerate([*QUICK, *MORE]):
            dpi = (150, 200, 300)[i % 3]
            pages = scans.render_pages(read(txt).text, dpi, seed=len(txt.name))
            pdf = scans.save_pdf(pages, folder / f"{txt.stem}.pdf", dpi)
            start = time.perf_counter()
            document = read(pdf)
            seconds = time.perf_counter() - start
            want = score(extract_record(read(txt)), _gold(txt), folder)
            got = score(extract_record(document), _gold(txt), folder)
            total_pages += len(pages)
            total_seconds += seconds
            print(f"| {txt.stem} | {dpi} | {len(pages)} | {want:.3f} | {got:.3f} | {got / want:.2f} | "
                  f"{seconds:.1f} | {len(pages) / seconds:.2f} |", flush=True)
    print(f"\n{total_pages:.0f} pages in {total_seconds:.1f} s: {total_pages / total_seconds:.2f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
