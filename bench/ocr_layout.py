"""CPU time of the OCR layout step alone, on Tesseract output already in the OCR cache.

usage: python bench/ocr_layout.py [CACHE_DIR]   (default: chidao's OCR cache folder)

Fill the cache first (e.g. ``CHIDAO_OCR_CACHE=/tmp/ocr-cache chidao extract scans/*``); every cached
scan's words are laid out (fragments, reading order, column wraps, list dashes, specks) and
assembled into text, three times; the best run's CPU time per page is printed, then the same for
the repair step alone (``ocr.repair`` on every laid-out line, ``ocr.item_numbers`` on every scan).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from chidao.loaders import ocr


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ocr.cache_dir()
    if folder is None or not folder.is_dir():
        print(f"no OCR cache at {folder}")
        return 1
    scans = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        scans.append([((w, h), [[ocr._Word(*word) for word in line] for line in lines]) for (w, h), lines in data])
    pages = sum(len(scan) for scan in scans)
    if not pages:
        print("the cache holds no pages")
        return 1
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for scan in scans:
            ocr.assemble([blocks for _, blocks in ocr._layout(scan)])
        best = min(best, time.process_time() - start)
    print(f"{len(scans)} scans, {pages} pages: {1000 * best / pages:.1f} ms of CPU a page (best of 3)")
    laid = [[blocks for _, blocks in ocr._layout(scan)] for scan in scans]
    ocr.repair("warm the vocabularies")
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for scan in laid:
            for page in scan:
                for block in page:
                    for ln in block:
                        ocr.repair(ln.text)
            ocr.item_numbers(scan)
        best = min(best, time.process_time() - start)
    print(f"repair: {1000 * best / pages:.1f} ms of CPU a page (best of 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
