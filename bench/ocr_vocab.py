"""Build the syllable inventory OCR repair checks words against: src/chidao/loaders/data/ocr_syllables.txt.

usage: python bench/ocr_vocab.py   (rewrites the data file; run after the corpus or vocabularies grow)

A syllable is known when it occurs in the parser's vocabularies (src/chidao/extract/data,
src/chidao/graph/data) or in the directive texts of tests/data (corpus, directives, real; never
tests/data/heldout). Lower case, NFC, one a line, sorted. ``ocr.repair`` only repairs a word that is
NOT in this list, and only to a word that is (see docs/formats.md, OCR repair).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ("tests/data/corpus", "tests/data/directives", "tests/data/real")
VOCABULARIES = ("src/chidao/extract/data", "src/chidao/graph/data")
TARGET = ROOT / "src" / "chidao" / "loaders" / "data" / "ocr_syllables.txt"
WORD = re.compile(r"[^\W\d_]+")
VOWELS = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
VIETNAMESE = re.compile(rf"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[{VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?$")
"""The shape of one Vietnamese syllable (onset, one to three vowels, coda): ``sonla`` of a web address
or ``covid`` is not one."""


def _tones(word: str) -> int:
    return sum(unicodedata.combining(c) and c in "\u0300\u0301\u0303\u0309\u0323" for c in unicodedata.normalize("NFD", word))


def syllables() -> set[str]:
    found: set[str] = set()
    files = [f for d in TEXTS for f in sorted((ROOT / d).glob("*.txt"))]
    files += [f for d in VOCABULARIES for f in sorted((ROOT / d).iterdir()) if f.suffix in (".txt", ".csv")]
    for path in files:
        assert "heldout" not in path.parts
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        found.update(w for w in (m.group().lower() for m in WORD.finditer(text)) if VIETNAMESE.match(w) and _tones(w) <= 1)
    return found


def main() -> int:
    words = sorted(syllables())
    TARGET.write_text("# Known syllables for OCR repair (bench/ocr_vocab.py builds this file; do not edit)\n"
                      + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} syllables → {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
