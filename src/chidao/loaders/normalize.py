"""Text normalisation with an offset map back to the source.

Every step is a named, pure function over a :class:`Tracked` string: the text plus, for each of its
characters, the offset of the source character it came from. That is what lets a span found in the
cleaned text be mapped back to the file as read (``Tracked.source_span``).

Two layers are kept apart on purpose:

* ``normalize()`` produces the *normalised text* that spans and quotes refer to. It fixes Unicode
  form, invisible characters, dash variants, markdown/OCR artefacts and hard line breaks, but keeps
  the author's spelling (``Uỷ`` stays ``Uỷ``) so quotes are faithful.
* ``fold_tones()`` gives a *match key* of exactly the same length with one canonical tone placement
  (``Uỷ``→``Ủy``, ``hoà``→``hòa``). Patterns run on the key and their spans are valid on the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Tracked:
    """A string and, per character, the offset in the source it was derived from."""

    text: str
    origin: tuple[int, ...]
    source_len: int

    @classmethod
    def of(cls, source: str) -> Tracked:
        return cls(source, tuple(range(len(source))), len(source))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this text to the smallest source span that produced it."""
        if not self.text or start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.source_len
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


Step = Callable[[Tracked], Tracked]


def sub(tracked: Tracked, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> Tracked:
    """``re.sub`` that keeps the origin map.

    Replacement text of the same length as the match keeps per-character origins (so a dash swap or
    a tone fix does not blur spans); other replacements inherit the origin of the match start.
    """
    text, origin = tracked.text, tracked.origin
    out: list[str] = []
    out_origin: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        s, e = m.span()
        out.append(text[last:s])
        out_origin.extend(origin[last:s])
        new = repl(m) if callable(repl) else m.expand(repl)
        out.append(new)
        if len(new) == e - s:
            out_origin.extend(origin[s:e])
        else:
            anchor = origin[s] if s < len(origin) else tracked.source_len
            out_origin.extend([anchor] * len(new))
        last = e
    if last == 0 and not out:
        return tracked
    out.append(text[last:])
    out_origin.extend(origin[last:])
    return Tracked("".join(out), tuple(out_origin), tracked.source_len)


# --- steps -----------------------------------------------------------------------------------------


def nfc(tracked: Tracked) -> Tracked:
    """Compose combining marks (NFD input from Mac or web copies never matches otherwise)."""
    text = tracked.text
    if unicodedata.is_normalized("NFC", text):
        return tracked
    out: list[str] = []
    out_origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        out.append(piece)
        out_origin.extend([tracked.origin[i]] * len(piece))
        i = j
    joined = "".join(out)
    if joined != unicodedata.normalize("NFC", text):  # pragma: no cover - exotic scripts only
        whole = unicodedata.normalize("NFC", text)
        scale = len(text) / max(len(whole), 1)
        return Tracked(whole, tuple(tracked.origin[min(int(k * scale), n - 1)] for k in range(len(whole))),
                       tracked.source_len)
    return Tracked(joined, tuple(out_origin), tracked.source_len)


INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
"""Zero-width characters, BOM and soft hyphens: never part of a word."""

ODD_SPACE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
"""NBSP, typographic spaces, tabs used for alignment."""

DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
"""Dash variants that break number patterns such as ``761 – CV/TU``."""

LOOKALIKE = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"}
"""Icelandic eth and African D used for Vietnamese Đ/đ after legacy conversions."""

LOOKALIKE_RE = re.compile("[" + "".join(LOOKALIKE) + "]")

CRLF = re.compile(r"\r\n?|\u2028|\u2029|\x0c")


def characters(tracked: Tracked) -> Tracked:
    """Line ends, invisible characters, odd spaces, dashes and look-alike letters."""
    tracked = sub(tracked, CRLF, "\n")
    tracked = sub(tracked, INVISIBLE, "")
    tracked = sub(tracked, ODD_SPACE, " ")
    tracked = sub(tracked, DASHES, "-")
    return sub(tracked, LOOKALIKE_RE, lambda m: LOOKALIKE[m.group()])


ESCAPED_MARKDOWN = re.compile(r"\\([*_#\[\]().\-+!>`|])")
HEADING_MARK = re.compile(r"(?m)^[ ]{0,3}#{1,6}[ ]+")
EMPHASIS = re.compile(r"\*{2,3}|(?<![\w])__|__(?![\w])")
RULE_LINE = re.compile(r"(?m)^[ ]*(?:-[ ]*){3,}$|^[ ]*(?:_[ ]*){3,}$|^[ ]*(?:=[ ]*){3,}$")
STAR_RULE = re.compile(r"(?m)^[ ]*\*(?:[ ]*\*){2,}[ ]*$")
LONE_STAR_LINE = re.compile(r"(?m)^[ ]*\*[ ]*$")
STRAY_STAR = re.compile(r"\*")
BLOCKQUOTE = re.compile(r"(?m)^[ ]*>[ ]?")
LIST_BULLET_STAR = re.compile(r"(?m)^([ ]*)[*•●▪◦][ ]+")

HEADER_LINES = 12
"""A lone ``*`` within this many non-blank lines of the top is the Party header separator."""


def markdown(tracked: Tracked) -> Tracked:
    """Strip converter markdown but keep the Party header star.

    ``**bold**``, ``## heading``, ``\\*``, italic ``*…*`` and rules vanish; a ``*`` alone on a line
    in the header stays, because HD 36 prints it under the issuing body.
    """
    tracked = sub(tracked, ESCAPED_MARKDOWN, r"\1")
    tracked = sub(tracked, HEADING_MARK, "")
    tracked = sub(tracked, BLOCKQUOTE, "")
    tracked = sub(tracked, STAR_RULE, "")
    tracked = sub(tracked, RULE_LINE, "")
    tracked = sub(tracked, EMPHASIS, "")
    tracked = sub(tracked, LIST_BULLET_STAR, r"\1- ")
    header_end = _header_end(tracked.text)
    keep = {m.start() for m in LONE_STAR_LINE.finditer(tracked.text) if m.start() < header_end}

    def star(m: re.Match[str]) -> str:
        line_start = tracked.text.rfind("\n", 0, m.start()) + 1
        return "*" if line_start in keep or _is_lone_star(tracked.text, m.start()) and line_start < header_end \
            else ""

    return sub(tracked, STRAY_STAR, star)


def _is_lone_star(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    return text[line_start: line_end if line_end >= 0 else len(text)].strip() == "*"


def _header_end(text: str) -> int:
    seen = 0
    pos = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if line.strip():
            seen += 1
            if seen >= HEADER_LINES:
                return pos
    return pos


PAGE_NUMBER_LINE = re.compile(r"(?m)^[ ]*(?:-[ ]*)?(?:Trang[ ]+)?\d{1,3}(?:[ ]*/[ ]*\d{1,3})?(?:[ ]*-)?[ ]*$")
"""``12``, ``- 2 -``, ``Trang 3``, ``3/5`` alone on a line: page furniture, not content."""


def page_artefacts(tracked: Tracked) -> Tracked:
    return sub(tracked, PAGE_NUMBER_LINE, "")


TRAILING_SPACE = re.compile(r"(?m)[ ]+$")
LEADING_SPACE = re.compile(r"(?m)^[ ]+")
MULTI_SPACE = re.compile(r"[ ]{2,}")
MANY_BLANK_LINES = re.compile(r"\n{3,}")


def whitespace(tracked: Tracked) -> Tracked:
    tracked = sub(tracked, TRAILING_SPACE, "")
    tracked = sub(tracked, LEADING_SPACE, "")
    tracked = sub(tracked, MULTI_SPACE, " ")
    return sub(tracked, MANY_BLANK_LINES, "\n\n")


LIST_MARKER = r"(?:[-+•]|\d+(?:\.\d+)*[.)-]|[a-zđ]\)|[IVXLC]+[.-]|(?:Phần|Chương|Mục|Điều)\b)"
_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
BROKEN_LINE = re.compile(
    rf"(?<=[^.;:!?\n\s])[ ]*\n(?:[ ]*\n)*[ ]*(?=[{_LOWER}])(?!{LIST_MARKER}[ ])"
)
"""A line that does not end a sentence, followed (maybe after blank lines of a page break) by one
that starts lower-case and is not a list item: one sentence broken by the converter."""


def join_broken_lines(tracked: Tracked) -> Tracked:
    return sub(tracked, BROKEN_LINE, " ")


def strip_ends(tracked: Tracked) -> Tracked:
    text = tracked.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start == 0 and end == len(text):
        return tracked
    return Tracked(text[start:end], tracked.origin[start:end], tracked.source_len)


STEPS: tuple[Step, ...] = (characters, nfc, markdown, page_artefacts, whitespace, join_broken_lines, strip_ends, nfc)
"""The pipeline, in order. Each is idempotent; together they are too (tested with hypothesis)."""


def normalize_tracked(source: str) -> Tracked:
    tracked = Tracked.of(source)
    for step in STEPS:
        tracked = step(tracked)
    return tracked


def normalize(source: str) -> str:
    """The normalised text that spans and quotes refer to."""
    return normalize_tracked(source).text


# --- match keys --------------------------------------------------------------------------------------

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


@lru_cache(maxsize=1)
def _tone_table() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for first, second in _PAIRS:
        for f in (first, first.upper()):
            for sec in (second, second.upper()):
                for tone in _TONES:
                    old = f + unicodedata.normalize("NFC", sec + tone)
                    table[old] = unicodedata.normalize("NFC", f + tone) + sec
    toned = "".join(sorted({old[1] for old in table}))
    pattern = re.compile(rf"(?<![qQ])[oOuU][{toned}](?![^\W\d_])")
    return pattern, table


def fold_tones(text: str) -> str:
    """Same-length copy with one tone placement in open ``oa/oe/uy`` syllables (``Uỷ``→``Ủy``).

    Closed syllables (``hoàn``, ``thuyền``) are written alike in both styles and left alone, as is
    ``qu`` + y (``quý``) where ``u`` is part of the consonant.
    """
    pattern, table = _tone_table()
    return pattern.sub(lambda m: table.get(m.group(), m.group()), text)


def match_key(text: str) -> str:
    """Key for comparing names: NFC, folded tones, lower case, single spaces, no edge punctuation."""
    text = fold_tones(unicodedata.normalize("NFC", text))
    text = LOOKALIKE_RE.sub(lambda m: LOOKALIKE[m.group()], text)
    text = re.sub(r"\s+", " ", text.replace("*", " ")).strip(" ,;.:-–")
    return text.lower()
