"""OCR of drawn scans: score of each scan's record vs. its text's, and pages per second.

usage: python bench/ocr_scans.py [--jobs N] [--quick] [--only TEXT] [--cache DIR]   (prints a Markdown table; docs/formats.md keeps it)

The scans are those of ``CHIDAO_OCR_FULL=1 python -m pytest tests/loaders/test_ocr.py``
(``full_cases``): 21 directives (the samples, directives and real ones with gold) as image-only PDFs
at 150, 200 and 300 dpi (two-column header and closing, rotation up to 0.6°, 400 specks a page at
200 dpi and as many per square inch at other resolutions), a multi-page TIFF, two PNGs, and three
phone photos of stamped copies (JPEG). ``--quick`` runs the three scans of the default test run;
``--only TEXT`` the scans of directives whose name holds TEXT.
The cache is off, so every page is rendered (300 dpi) and read by Tesseract; ``--cache DIR`` keeps
Tesseract's words in DIR instead, so a second run after a change to layout or repair re-scores every
scan in a minute (its time columns then measure only the cached path). Time is given as wall
seconds (pages in parallel) and CPU seconds of this process and its Tesseract children, per page.
Needs tesseract-ocr and tesseract-ocr-vie.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["CHIDAO_OCR_CACHE"] = sys.argv[sys.argv.index("--cache") + 1] if "--cache" in sys.argv else "off"

from tests.loaders import scans  # noqa: E402
from tests.loaders.test_ocr import CASES, _gold, draw_scan, full_cases, score  # noqa: E402

from chidao.extract import extract_record  # noqa: E402
from chidao.loaders import ocr, read  # noqa: E402


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main(argv: list[str]) -> int:
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 2
    reason = ocr.available()
    if reason:
        print(reason)
        return 1
    cases = CASES if "--quick" in argv else full_cases()
    if "--only" in argv:
        cases = [case for case in cases if argv[argv.index("--only") + 1] in case[0].stem]
    print(f"{ocr._engine()[1]}, {os.cpu_count()} cores, pages in parallel: {jobs}\n")
    print("| directive | scan | dpi | pages | text score | scan score | ratio | wall s | CPU s/page |")
    print("|---|---|---|---|---|---|---|---|---|")
    pages_total = wall_total = cpu_total = 0.0
    passed = 0
    with tempfile.TemporaryDirectory() as tmp, ocr.settings("auto", jobs):
        folder = Path(tmp)
        for txt, kind, dpi in cases:
            scan, pages = draw_scan(scans, txt, kind, dpi, folder)
            cpu, start = _cpu(), time.perf_counter()
            document = read(scan)
            wall, cpu = time.perf_counter() - start, _cpu() - cpu
            want = score(extract_record(read(txt)), _gold(txt), folder)
            got = score(extract_record(document), _gold(txt), folder)
            passed += got >= 0.9 * want
            pages_total, wall_total, cpu_total = pages_total + pages, wall_total + wall, cpu_total + cpu
            mark = "" if got >= 0.9 * want else " **below**"
            print(f"| {txt.stem} | {kind} | {dpi} | {pages} | {want:.3f} | {got:.3f} | {got / want:.2f}{mark} | "
                  f"{wall:.1f} | {cpu / pages:.1f} |", flush=True)
    print(f"\n{passed} of {len(cases)} scans at 0.9 × their text's score or more; {pages_total:.0f} pages in "
          f"{wall_total:.1f} s: {pages_total / wall_total:.2f} pages/s, {cpu_total / pages_total:.2f} CPU s/page")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
