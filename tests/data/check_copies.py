"""Before a new batch of real directives is scored: which of its files copy a document already held.

    python tests/data/check_copies.py FOLDER [FOLDER …]

Each FOLDER holds a collector's ``*.txt``, ``*.gold.json`` and ``sources.tsv`` (``COLLECTING.md`` in
``real/``). A file whose URL or document number is already in ``real/`` or ``heldout/`` is printed
with what it repeats, and nothing else: the held-out set's files are never shown, so the check does
not spoil it. Remove the files it names before the batch is scored. Exit status 1 when any is found.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent
HELD = ("real", "heldout")


def _urls(table: Path) -> set[str]:
    with open(table, encoding="utf-8") as fp:
        return {url for row in csv.DictReader(fp, delimiter="\t") if _is_address(url := (row.get("url") or "").strip())}


def _is_address(url: str) -> bool:
    """A page's address; "none (the stored page had no address)" is a note, which two rows may share."""
    return url.startswith(("http://", "https://"))


def _key(number: str | None) -> str:
    return re.sub(r"\s", "", number or "").lower()


def _numbers(folder: Path) -> set[str]:
    return {_key(json.loads(p.read_text(encoding="utf-8")).get("number")) for p in folder.glob("*.gold.json")} - {""}


def copies(folder: Path) -> list[str]:
    """One line per repeated URL or number of a file in ``folder``."""
    held = {name: (_urls(DATA / name / "sources.tsv"), _numbers(DATA / name)) for name in HELD}
    out = []
    with open(folder / "sources.tsv", encoding="utf-8") as fp:
        for row in csv.DictReader(fp, delimiter="\t"):
            name = row["file"]
            gold = json.loads((folder / name.replace(".txt", ".gold.json")).read_text(encoding="utf-8"))
            for set_name, (urls, numbers) in held.items():
                if _is_address(row["url"].strip()) and row["url"].strip() in urls:
                    out.append(f"{name}: URL already in {set_name}")
                if _key(gold.get("number")) in numbers:
                    out.append(f"{name}: number {gold['number']} already in {set_name} (the same document if the "
                               "issuer is too)")
    return out


def main(argv: list[str]) -> int:
    found = [line for folder in argv for line in copies(Path(folder))]
    print("\n".join(found) if found else "no copies")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
