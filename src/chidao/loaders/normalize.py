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
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache


@dataclass(frozen=True)
class Tracked:
    """A string and a piecewise map from its offsets to offsets in the source it came from.

    The map is a sorted list of segments ``(start, source_start, identity)``: inside an identity
    segment offsets advance together; a non-identity segment (text that replaced something of
    another length) maps every offset to its ``source_start``. Steps cost what they change, not the
    length of the text.
    """

    text: str
    starts: tuple[int, ...]
    sources: tuple[int, ...]
    identity: tuple[bool, ...]
    source_len: int

    @classmethod
    def of(cls, source: str) -> Tracked:
        return cls(source, (0,), (0,), (True,), len(source))

    def to_source(self, pos: int) -> int:
        """Source offset of ``pos`` in this text (``len(text)`` maps to the end of the source)."""
        if pos >= len(self.text):
            return self.source_len
        i = bisect_right(self.starts, pos) - 1
        return self.sources[i] + (pos - self.starts[i]) if self.identity[i] else self.sources[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this text to the smallest source span that produced it."""
        if start >= end:
            pos = self.to_source(start)
            return pos, pos
        return self.to_source(start), self.to_source(end - 1) + 1

    @cached_property
    def origin(self) -> tuple[int, ...]:
        """The source offset of every character (for tests and debugging)."""
        return tuple(self.to_source(i) for i in range(len(self.text)))

    def _restrict(self, a: int, b: int, offset: int, out: _Segments) -> None:
        """Append the map of ``[a, b)`` of this text, placed at ``offset`` of a new text."""
        i = bisect_right(self.starts, a) - 1
        n = len(self.starts)
        while i < n and self.starts[i] < b:
            seg = max(self.starts[i], a)
            src = self.sources[i] + (seg - self.starts[i]) if self.identity[i] else self.sources[i]
            out.add(seg - a + offset, src, self.identity[i])
            i += 1


class _Segments:
    def __init__(self) -> None:
        self.starts: list[int] = []
        self.sources: list[int] = []
        self.identity: list[bool] = []

    def add(self, start: int, source: int, identity: bool) -> None:
        if self.starts and self.identity[-1] and identity and \
                self.sources[-1] + (start - self.starts[-1]) == source:
            return  # continues the previous identity segment
        if self.starts and self.starts[-1] == start:
            self.sources[-1], self.identity[-1] = source, identity
            return
        self.starts.append(start)
        self.sources.append(source)
        self.identity.append(identity)

    def build(self, text: str, source_len: int) -> Tracked:
        if not self.starts:
            self.add(0, source_len, False)
        return Tracked(text, tuple(self.starts), tuple(self.sources), tuple(self.identity), source_len)


Step = Callable[[Tracked], Tracked]


def sub(tracked: Tracked, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> Tracked:
    """``re.sub`` that keeps the offset map.

    Replacement text of the same length as the match keeps per-character offsets (so a dash swap or
    a tone fix does not blur spans); other replacements map to the start of what they replaced.
    """
    text = tracked.text
    pieces: list[str] = []
    segs = _Segments()
    last = 0
    pos = 0
    literal = repl if isinstance(repl, str) and "\\" not in repl else None  # expands to itself
    for m in pattern.finditer(text):
        s, e = m.span()
        new = literal if literal is not None else repl(m) if callable(repl) else m.expand(repl)
        if new == text[s:e]:
            continue
        if s > last:
            tracked._restrict(last, s, pos, segs)
            pieces.append(text[last:s])
            pos += s - last
        if new:
            if len(new) == e - s:
                tracked._restrict(s, e, pos, segs)
            else:
                segs.add(pos, tracked.to_source(s), False)
            pieces.append(new)
            pos += len(new)
        last = e
    if not pieces and last == 0:
        return tracked
    if last < len(text):
        tracked._restrict(last, len(text), pos, segs)
        pieces.append(text[last:])
    return segs.build("".join(pieces), tracked.source_len)


# --- steps -----------------------------------------------------------------------------------------

COMBINING_CLUSTER = re.compile("[^\u0300-\u036f][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def nfc(tracked: Tracked) -> Tracked:
    """Compose combining marks (NFD input from Mac or web copies never matches otherwise)."""
    if unicodedata.is_normalized("NFC", tracked.text):
        return tracked
    tracked = sub(tracked, COMBINING_CLUSTER, lambda m: unicodedata.normalize("NFC", m.group()))
    if unicodedata.is_normalized("NFC", tracked.text):
        return tracked
    return sub(tracked, re.compile(r".", re.S), lambda m: unicodedata.normalize("NFC", m.group()))


INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
"""Zero-width characters, BOM and soft hyphens: never part of a word."""

ODD_SPACE = re.compile("[\x1c-\x1f\x85\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
"""NBSP, typographic spaces, tabs used for alignment, and the separators ``str.strip`` treats as
space (U+001C–U+001F, NEL): left in, a stripped ``0\x1f`` would become a page number on a second pass."""

DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
"""Dash variants that break number patterns such as ``761 – CV/TU``."""

LOOKALIKE = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"}
"""Icelandic eth and African D used for Vietnamese Đ/đ after legacy conversions."""

LOOKALIKE_RE = re.compile("[" + "".join(LOOKALIKE) + "]")

CRLF = re.compile(r"\r\n?|\u2028|\u2029|\x0c")


ANY_ODD_CHARACTER = re.compile("[\r\u2028\u2029\x0c" + "".join(p.pattern[1:-1] for p in (INVISIBLE, ODD_SPACE, DASHES, LOOKALIKE_RE))
                               + "]")
"""Whether ``characters`` has anything to do: one character class (the first character of CRLF and
the four classes), which a search scans for in C; an alternation of them was tried at every
character (0.28 ms a bench document, issue 15)."""


def characters(tracked: Tracked) -> Tracked:
    """Line ends, invisible characters, odd spaces, dashes and look-alike letters."""
    if not ANY_ODD_CHARACTER.search(tracked.text):
        return tracked
    tracked = sub(tracked, CRLF, "\n")
    tracked = sub(tracked, INVISIBLE, "")
    tracked = sub(tracked, ODD_SPACE, " ")
    tracked = sub(tracked, DASHES, "-")
    return sub(tracked, LOOKALIKE_RE, lambda m: LOOKALIKE[m.group()])


ESCAPED_MARKDOWN = re.compile(r"\\(?<!\\\\)([*_#\[\]().\-+!>`|])")
r"""``\*``, ``\.`` … written by converters; a backslash after a backslash is text (a path, a
formula), so unescaping never makes a new escape and the step stays idempotent."""
HEADING_MARK = re.compile(r"(?m)^[ ]{0,3}#{1,6}(?:[ ]+|$)")
EMPHASIS = re.compile(r"[*_](?:(?<=\*)\*{1,2}|(?<=_)_(?:(?<!\w__)|(?!\w)))")
r"""``\*{2,3}|__(?:(?<!\w__)|(?!\w))`` (bold marks) written to start with one class: a search skips in C
to the stars and underscores instead of trying both branches at every character (70 → 24 µs a bench
document, issue 15)."""
RULE_LINE = re.compile(r"(?m)^[ ]*(?:-[ ]*){3,}$|^[ ]*(?:_[ ]*){3,}$|^[ ]*(?:=[ ]*){3,}$")
RULE_LINE_QUICK = re.compile(r"-[ ]*-[ ]*-|_[ ]*_[ ]*_|=[ ]*=[ ]*=")
"""What every RULE_LINE contains: without it RULE_LINE cannot match, and its ``(?m)^`` scan, tried
at every character, is skipped (issue 15)."""
RULE_LINE_QUICK_PARTS = tuple(re.compile(part) for part in RULE_LINE_QUICK.pattern.split("|"))
"""RULE_LINE_QUICK's three branches, searched one by one: each starts with one literal, which a search
finds in C, where the alternation is tried at every character (25 → 11 µs a bench document, and
the check runs once for each markdown pass)."""
STAR_RULE = re.compile(r"(?m)^[ ]*\*(?:[ ]*\*){2,}[ ]*$")
STAR_RULE_QUICK = re.compile(r"\*[ ]*\*[ ]*\*")
"""What every STAR_RULE contains (three stars, spaces between): without it the ``(?m)^`` scan is skipped."""
LONE_STAR_LINE = re.compile(r"(?m)^[ ]*\*[ ]*$")
STRAY_STAR = re.compile(r"\*")
BLOCKQUOTE = re.compile(r"(?m)^(?:[ ]*>)+[ ]?")
LIST_BULLET_STAR = re.compile(r"(?m)^([ ]*)[*•●▪◦][ ]+")
LIST_BULLET_AFTER_BREAK = re.compile(r"\n[ ]*[*•●▪◦][ ]")
"""A LIST_BULLET_STAR past the first line, found from its line break (a literal the engine skips to)."""

HEADER_LINES = 12
"""A lone ``*`` within this many non-blank lines of the top is the Party header separator."""


def markdown(tracked: Tracked) -> Tracked:
    """Strip converter markdown but keep the Party header star.

    ``**bold**``, ``## heading``, ``\\*``, italic ``*…*`` and rules vanish; a ``*`` alone on a line
    in the header stays, because HD 36 prints it under the issuing body. Removing one mark can expose
    another (``*>`` leaves a quote mark, ``\\#`` a heading), so the pass repeats until nothing changes.
    """
    for _ in range(MARKDOWN_PASSES):
        before = tracked.text
        tracked = _markdown_pass(tracked)
        if tracked.text == before:
            break
    return tracked


MARKDOWN_PASSES = 4


def _markdown_pass(tracked: Tracked) -> Tracked:
    if "\\" in tracked.text:
        tracked = sub(tracked, ESCAPED_MARKDOWN, r"\1")
    if "#" in tracked.text:
        tracked = sub(tracked, HEADING_MARK, "")
    if ">" in tracked.text:
        tracked = sub(tracked, BLOCKQUOTE, "")
    if "*" in tracked.text and STAR_RULE_QUICK.search(tracked.text):
        tracked = sub(tracked, STAR_RULE, "")
    if any(part.search(tracked.text) for part in RULE_LINE_QUICK_PARTS):  # skips the line-start scan
        tracked = sub(tracked, RULE_LINE, "")
    if "**" in tracked.text or "__" in tracked.text:
        tracked = sub(tracked, EMPHASIS, "")
    if any(c in tracked.text for c in "*•●▪◦") and at_line_start(LIST_BULLET_STAR, LIST_BULLET_AFTER_BREAK,
                                                                     tracked.text):
        tracked = sub(tracked, LIST_BULLET_STAR, r"\1- ")
    if "*" not in tracked.text:
        return tracked
    header_end = _header_end(tracked.text)
    # read to the header's end only (a line start, so no match is cut): the (?m)^ scan tries every character
    keep = {m.start() for m in LONE_STAR_LINE.finditer(tracked.text, 0, header_end)}

    def star(m: re.Match[str]) -> str:
        line_start = tracked.text.rfind("\n", 0, m.start()) + 1
        return "*" if line_start in keep or _is_lone_star(tracked.text, m.start()) and line_start < header_end \
            else ""

    return sub(tracked, STRAY_STAR, star)


def at_line_start(pattern: re.Pattern[str], after_break: re.Pattern[str], text: str) -> bool:
    r"""Whether ``pattern`` (``(?m)^…``) matches anywhere in ``text``: on the first line, or after a
    line break (``after_break`` is ``\n`` and the rest of it, or a pattern that finds every such
    match). A ``(?m)^`` search tries every character (30-140 µs a bench document, issue 15); from
    the ``\n`` the engine skips in C to the line breaks."""
    return pattern.match(text) is not None or after_break.search(text) is not None


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


_PAGE_NUMBER = r"[ ]*(?:-[ ]*)?(?:Trang[ ]+)?\d{1,3}(?:[ ]*/[ ]*\d{1,3})?(?:[ ]*-)?[ ]*$"
PAGE_NUMBER_LINE = re.compile(rf"(?m)^{_PAGE_NUMBER}")
"""``12``, ``- 2 -``, ``Trang 3``, ``3/5`` alone on a line: page furniture, not content."""
PAGE_NUMBER_AFTER_BREAK = re.compile(rf"(?m)\n{_PAGE_NUMBER}")


def page_artefacts(tracked: Tracked) -> Tracked:
    if not at_line_start(PAGE_NUMBER_LINE, PAGE_NUMBER_AFTER_BREAK, tracked.text):
        return tracked
    return sub(tracked, PAGE_NUMBER_LINE, "")


TRAILING_SPACE = re.compile(r"(?m)[ ]+$")
LEADING_SPACE = re.compile(r"(?m)^[ ]+")
MULTI_SPACE = re.compile(r"[ ]{2,}")
MANY_BLANK_LINES = re.compile(r"\n\n\n+")
r"""Three line breaks or more (``\n{3,}`` written with a literal start, which a search skips to: 7× faster)."""


def whitespace(tracked: Tracked) -> Tracked:
    # Substring checks first: scanning for a regex costs more than the rare replacement it finds.
    text = tracked.text
    if " \n" in text or text.endswith(" "):
        tracked = sub(tracked, TRAILING_SPACE, "")
    if "\n " in tracked.text or tracked.text.startswith(" "):
        tracked = sub(tracked, LEADING_SPACE, "")
    if "  " in tracked.text:
        tracked = sub(tracked, MULTI_SPACE, " ")
    if "\n\n\n" in tracked.text:
        tracked = sub(tracked, MANY_BLANK_LINES, "\n\n")
    return tracked


LIST_MARKER = r"(?:[-+•]|\d+(?:\.\d+)*[.)-]|[a-zđ]\)|[IVXLC]+[.-]|(?:Phần|Chương|Mục|Điều)\b)"
_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
BROKEN_LINE = re.compile(rf"\n(?<=[^.;:!?\s*]\n)(?:[ ]*\n)*[ ]*(?=[{_LOWER}])(?!{LIST_MARKER}[ ])")
"""A line that does not end a sentence, followed (maybe after blank lines of a page break) by one
that starts lower-case and is not a list item: one sentence broken by the converter. (The pattern
starts at the line break, a literal the regex engine finds fast; trailing spaces are already gone.)"""


QUOTED_PLUS_BREAK = re.compile(rf"\n(?<=[^.;:!?\s*]\n)(?:[ ]*\n)*[ ]*(?=\+[ ]+[{_LOWER}])")
"""A line break before ``+ `` and a lower-case word. Inside a quotation this is a formula wrapped by
the converter ("“4 tại chỗ + 5K + vắc xin\n+ công nghệ”"); outside one it is a ``+`` bullet."""


def _inside_quotes() -> Callable[[re.Match[str]], str]:
    """A replacement that joins only breaks inside an open quotation.

    The quote balance is counted over the whole text before the break, which joining lines does not
    change, so the step stays idempotent; the count runs forward once (matches come in order).
    """
    state = {"pos": 0, "curly": 0, "straight": 0}

    def repl(m: re.Match[str]) -> str:
        text, start = m.string, m.start()
        chunk = text[state["pos"]:start]
        state["curly"] += chunk.count("“") - chunk.count("”")
        state["straight"] += chunk.count('"')
        state["pos"] = start
        return " " if state["curly"] > 0 or state["straight"] % 2 else m.group(0)

    return repl


def join_broken_lines(tracked: Tracked) -> Tracked:
    tracked = sub(tracked, BROKEN_LINE, " ")
    if "+" not in tracked.text:
        return tracked
    return sub(tracked, QUOTED_PLUS_BREAK, _inside_quotes())


def strip_ends(tracked: Tracked) -> Tracked:
    text = tracked.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start == 0 and end == len(text):
        return tracked
    segs = _Segments()
    tracked._restrict(start, end, 0, segs)
    return segs.build(text[start:end], tracked.source_len)


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
    # "(?<![qQ])[oOuU]" written as "[oOuU](?<![qQ].)": starting with a class, a search skips to the
    # o/u letters instead of testing the lookbehind at every character (3x faster, issue 15)
    pattern = re.compile(rf"[oOuU](?<![qQ].)[{toned}](?![^\W\d_])")
    return pattern, table


def fold_tones(text: str) -> str:
    """Same-length copy with one tone placement in open ``oa/oe/uy`` syllables (``Uỷ``→``Ủy``).

    Closed syllables (``hoàn``, ``thuyền``) are written alike in both styles and left alone, as is
    ``qu`` + y (``quý``) where ``u`` is part of the consonant.
    """
    return _fold_short(text) if len(text) <= SHORT else _fold(text)


SHORT = 256
"""Names, titles and sentences repeat across a corpus: folding strings up to this length is cached.
Whole documents are not (each is folded once, and caching them would hold every text in memory)."""


def _fold(text: str) -> str:
    """``_tone_table``'s pattern replaced by its table, found from the toned vowel (``_toned_vowel``):
    those are rarer than the o/u a search from the pattern's start stops at (issue 15). Two matches
    never overlap (a toned vowel is no o/u), so each is replaced where it stands."""
    _, table = _tone_table()
    pieces = []
    last = 0
    for m in _toned_vowel().finditer(text):
        at = m.start() - 1  # the o/u before it
        pieces.append(text[last:at])
        pair = text[at:at + 2]
        pieces.append(table.get(pair, pair))
        last = at + 2
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


@lru_cache(maxsize=1)
def _toned_vowel() -> re.Pattern[str]:
    """The second letter of a ``_tone_table`` match, where the whole match ends one letter later:
    ``[oOuU](?<![qQ].)[toned](?!letter)`` read from its toned vowel."""
    _, table = _tone_table()
    toned = "".join(sorted({old[1] for old in table}))  # as _tone_table's class
    return re.compile(rf"[{toned}](?<=[oOuU][{toned}])(?<![qQ][oOuU][{toned}])(?![^\W\d_])")


_fold_short = lru_cache(maxsize=1 << 16)(_fold)


def match_key(text: str) -> str:
    """Key for comparing names: NFC, folded tones, lower case, single spaces, no edge punctuation."""
    text = fold_tones(unicodedata.normalize("NFC", text))
    text = LOOKALIKE_RE.sub(lambda m: LOOKALIKE[m.group()], text)
    text = re.sub(r"\s+", " ", text.replace("*", " ")).strip(" ,;.:-–")
    return text.lower()
