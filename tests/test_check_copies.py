"""The copy check a new batch of real directives goes through before it is scored."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(DATA))

import check_copies  # noqa: E402

COLUMNS = ["file", "url", "source_kind", "family", "level", "type", "year", "province", "layout", "excerpt", "items",
           "closing", "notes"]


def _batch(folder: Path, rows: list[tuple[str, str, str | None]]) -> Path:
    folder.mkdir()
    with open(folder / "sources.tsv", "w", encoding="utf-8", newline="") as fp:
        writer = csv.writer(fp, delimiter="\t")
        writer.writerow(COLUMNS)
        for name, url, number in rows:
            writer.writerow([name, url] + [""] * (len(COLUMNS) - 2))
            (folder / name).write_text("…", encoding="utf-8")
            (folder / name.replace(".txt", ".gold.json")).write_text(json.dumps({"file": name, "number": number}),
                                                                      encoding="utf-8")
    return folder


def test_a_copy_of_a_real_text_is_named_and_a_new_one_is_not(tmp_path) -> None:
    with open(DATA / "real" / "sources.tsv", encoding="utf-8") as fp:
        taken = next(csv.DictReader(fp, delimiter="\t"))
    gold = json.loads((DATA / "real" / taken["file"].replace(".txt", ".gold.json")).read_text(encoding="utf-8"))
    folder = _batch(tmp_path / "batch", [("2001_copy.txt", taken["url"], gold["number"]),
                                         ("2002_new.txt", "https://example.invalid/new", "99999/XYZ-ABC")])
    found = check_copies.copies(folder)
    assert any(line.startswith("2001_copy.txt: URL already in real") for line in found)
    assert not any(line.startswith("2002_new.txt") for line in found)
    assert check_copies.main([str(folder)]) == 1
    assert all(line.split(":", 1)[0] in ("2001_copy.txt", "2002_new.txt") for line in found)  # only its own names
