"""Layout recovery: rebuild a directive's logical lines from the shapes real copies arrive in.

Runs after normalisation (``normalize.py``) and before the parser reads lines. Real copies break lines
where the author did not and join lines the author kept apart (``../shared/domain.md`` §5.4):

* a copied web-page table puts each header cell on its own lines with a lone ``|`` between cells,
  and wraps inside a cell: ``Số:`` / ``12/CT-UBND``, ``An Phú, ngày`` / ``05 tháng 4 năm 2023``,
  ``CỘNG HÒA XÃ HỘI`` / ``CHỦ NGHĨA VIỆT NAM``, a capitalised subject over three lines;
* a converter wraps citations after ``số`` or ``ngày`` (``Quyết định số 342/QĐ-TTg ngày`` /
  ``15/3/2022 của …``), where the next line starts with a digit or a capital, which the
  normaliser's lower-case rule does not join;
* an aggregator flattens the whole document onto one line.

Each step is a pure function over :class:`~chidao.loaders.normalize.Tracked` built from ``sub``, so
the offset map back to the source stays exact: joins swap a line break for a space and splits a space
for a line break (same length), and removed separators drop characters without moving the others.
Every step is idempotent, and so is the stage.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from chidao.loaders.normalize import LIST_MARKER, Step, Tracked, at_line_start, sub

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
"""Vietnamese letters by case, for character classes (the ``À-Ỹ`` range mixes both cases)."""

# --- table separators --------------------------------------------------------------------------------

PIPE_LINE = re.compile(r"(?m)^[ ]*\|(?:[ ]*[|:+=-][ ]*)*$")
"""A line that is only cell separators (``|``, ``|---|---|``, ``| :-- |``): the boundary between two
cells of a copied table, blank for the parser."""

TABLE_ROW = re.compile(r"(?m)^[ ]*\|.*$|^.*\|[ ]*$")
"""A table row as copied: ``| cell | cell |`` (markdown) or ``cell | cell |`` (a legal library's cells,
each closed by a bar); every bar in it is a cell boundary, cut by ``CELL_BAR``."""

CELL_BAR = re.compile(r"[ ]*\|[ ]*")


def table_cells(tracked: Tracked) -> Tracked:
    """Separator lines become blank; each cell of a one-line table row goes on its own line."""
    if "|" not in tracked.text:
        return tracked
    tracked = sub(tracked, PIPE_LINE, "")
    if "|" not in tracked.text:
        return tracked
    starts = {m.start() for m in TABLE_ROW.finditer(tracked.text)}
    if not starts:
        return tracked

    def bar(m: re.Match[str]) -> str:
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        if line_start not in starts:
            return m.group()
        line_end = m.string.find("\n", m.end())
        line_end = len(m.string) if line_end < 0 else line_end
        if not m.string[line_start:m.start()].strip():
            return ""  # the bar that opens a row
        return "\n"  # between cells, or closing the last one: a cell ends its lines

    return sub(tracked, CELL_BAR, bar)




# --- flattened documents --------------------------------------------------------------------------------

FLAT_MIN = 600
"""A line this long that holds two header anchors is a flattened document, not a paragraph."""

HEADER_ANCHOR = re.compile(
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do|"
    r"(?<![\w])Số\s*:?\s*\d|(?<![\w])Kính gửi\s*:|(?<![\w])Nơi nhận\s*:", re.IGNORECASE)

ANCHOR_KEYS = ("ĐẢNG CỘNG SẢN", "CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "Số", "Kính gửi", "Nơi nhận")
"""Substrings a flattened header line holds (checked before the anchor scan, which costs more)."""
ANY_ANCHOR_KEY = re.compile("|".join(re.escape(key) for key in ANCHOR_KEYS))
"""Whether a line holds any ANCHOR_KEYS: one scan that skips to their capitals, before the seven
substring tests (most long lines are paragraphs of the body, with none)."""
FLAT_CUT = re.compile(
    r"[ ]+(?="
    r"ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do|"
    r"Số\s*:?\s*\d|Kính gửi\s*:|Nơi nhận\s*:|V/v[ ]|"
    r"(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?)[ ]+[A-ZĐ]{2}|"
    r"(?:[IVX]+|\d{1,2})[.-][ ]+[A-ZĐÀ-Ỹ]|[a-zđ]\)[ ]+\S|-[ ]+[A-ZĐÀ-Ỹ])"
    r"|(?<=Hạnh phúc)[ ]+|(?<=VIỆT NAM)[ ]+(?=[*]|Số)")
"""Where a flattened line is cut: before national titles, the number, a place-date, ``Kính gửi``,
``Nơi nhận``, a signing capacity, and list markers; after the motto."""


def split_flattened(tracked: Tracked) -> Tracked:
    """Cut a document flattened onto one line back into lines at its anchors (a space becomes a
    line break, so offsets do not move)."""
    text = tracked.text
    long_lines = [(a, b) for a, b in _line_bounds(text) if b - a >= FLAT_MIN and ANY_ANCHOR_KEY.search(text, a, b)
                  and sum(key in text[a:b] for key in ANCHOR_KEYS) >= 2
                  and len({m.group()[:3].lower() for m in HEADER_ANCHOR.finditer(text, a, b)}) >= 2]
    if not long_lines:
        return tracked
    cuts: set[int] = set()
    for a, b in long_lines:
        cuts.update(m.start() for m in FLAT_CUT.finditer(text, a, b))
        cuts.update(_place_date_cuts(text, a, b))
        cuts.update(_signature_cuts(text, a, b))
    cuts.discard(0)
    return sub(tracked, SPACE, lambda m: "\n" if m.start() in cuts else m.group())


SPACE = re.compile(r"[ ]")
PLACE_DATE = re.compile(r",[ ]*ngày[ ]+(?:\d|tháng)")
PLACE_WORDS = 4


def _place_date_cuts(text: str, a: int, b: int) -> list[int]:
    """Before the place of ``… Thanh Hóa, ngày 05 …``: up to four title-case words back."""
    out = []
    for m in PLACE_DATE.finditer(text, a, b):
        words = text[a:m.start()].split(" ")
        k = 0
        while k < min(PLACE_WORDS, len(words)) and words[-1 - k].istitle():
            k += 1
        if k:
            out.append(m.start() - len(" ".join(words[-k:])) - 1)
    return out


SIGNING = re.compile(r"(?<![\w/])(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?)[ ]+(?=[A-ZĐ]{2})")
POST = re.compile(r"(?:PHÓ |THỨ )?(?:BÍ THƯ|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|CHỦ NHIỆM|"
                  r"THỦ TƯỚNG|TRƯỞNG)(?![\w])")


def _signature_cuts(text: str, a: int, b: int) -> list[int]:
    """In a flattened closing ``KT CHỦ TỊCH PHÓ CHỦ TỊCH Lưu Văn Bản``: before the signer's post (the
    last post in the capitals after the capacity, when it is not the capacity's own) and before the
    name that follows the capitals."""
    out = []
    for m in SIGNING.finditer(text, a, b):
        words = []
        for w in re.finditer(r"\S+", text[m.end():b]):
            if not _is_caps(w.group()) and not w.group().isdigit():
                break
            words.append(w)
        if not words:
            continue
        caps_end = m.end() + words[-1].end()
        run = text[m.end():caps_end]
        posts = [p for p in POST.finditer(run) if p.start() > 0]
        if posts:
            out.append(m.end() + posts[-1].start() - 1)
        rest = text[caps_end:b].split()
        if len(rest) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in rest[:2]):
            out.append(caps_end)
    return out


def _line_bounds(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


# --- wrapped fields ---------------------------------------------------------------------------------------

_NEXT_NOT_ITEM = rf"(?![ ]*{LIST_MARKER}[ ])"

NATIONAL_WRAP = re.compile(
    r"\n(?:(?<=CỘNG HÒA XÃ HỘI\n)(?=CHỦ NGHĨA)|(?<=CỘNG HOÀ XÃ HỘI\n)(?=CHỦ NGHĨA)|"
    r"(?<=XÃ HỘI CHỦ NGHĨA\n)(?=VIỆT NAM)|(?<=ĐẢNG CỘNG SẢN\n)(?=VIỆT NAM)|"
    r"(?<=Độc lập -\n)(?=Tự do)|(?<=Tự do -\n)(?=Hạnh phúc))", re.IGNORECASE)
"""The national title or the motto wrapped inside its cell."""

NUMBER_WRAP = re.compile(r"(?m)\n(?:(?<=^Số\n)|(?<=^Số:\n)|(?<=^SỐ\n)|(?<=^SỐ:\n))")
"""``Số:`` alone on a line, its symbol on the next (a copied cell or a PDF column)."""

NUMBER_NEXT = re.compile(r"[ ]*(?:\d|[.…_ ]*[-/])")

DATE_WRAP = re.compile(
    r"\n(?:(?<=ngày\n)(?=[ ]*(?:\d|tháng))|(?<=tháng\n)(?=[ ]*\d)|(?<=năm\n)(?=[ ]*\d{4})|"
    r"(?<=\d\n)(?=[ ]*(?:tháng|năm)[ ]+\d))", re.IGNORECASE)
"""``An Phú, ngày`` / ``05 tháng 4 năm 2023`` and the other places a date line or a citation's date
breaks (``Quyết định số 342/QĐ-TTg ngày`` / ``15/3/2022``)."""

PLACE_WRAP = re.compile(rf"(?m)^[ ]*[{UPPER}][{LOWER}]*\n(?=[ ]*[{UPPER}][{LOWER}]*,[ ]*ngày[ ]+\d)")
"""A two-word place name wrapped before its date: ``Sơn`` / ``La, ngày 16 tháng 11``."""
PLACE_WRAP_QUICK = re.compile(rf"\n[ ]*[{UPPER}][{LOWER}]*,[ ]*ngày[ ]+\d")
"""The line break of every PLACE_WRAP and what follows it, found from the break: without it the
``(?m)^`` scan, tried at every character, is skipped (issue 15)."""
SUBJECT_LINE = re.compile(r"^(?:V/v|V/V|Về việc|VỀ VIỆC|VỀ|Về)\b")


@cache
def hanging_words() -> frozenset[str]:
    """Words a line cannot end on (``của``, ``số``, ``và`` …): the line goes on in the next one."""
    text = resources.files("chidao.loaders").joinpath("data", "hanging_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


LINE_GOES_ON = re.compile(r"\n(?=[ ]*[\w“\"(])" + _NEXT_NOT_ITEM)
"""A line break before a word that is not a list item: joined when the line before ends on a
hanging word."""


def _hanging(m: re.Match[str]) -> str:
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    lo = max(start, m.start() - 12)
    _, space, last = text[lo:m.start()].rstrip().rpartition(" ")
    whole = bool(space) or lo == start  # the window did not cut the word
    return " " if whole and last.lower() in hanging_words() else m.group()


def join_wrapped(tracked: Tracked) -> Tracked:
    """Join a header field or a citation that a copy wrapped: the break becomes a space."""
    if "\n" not in tracked.text:
        return tracked
    if _any_field_wrap().search(tracked.text):  # none: each step below would leave the text as it is
        tracked = sub(tracked, NATIONAL_WRAP, " ")
        tracked = sub(tracked, NUMBER_WRAP, lambda m: " " if NUMBER_NEXT.match(m.string, m.end()) else m.group())
        tracked = sub(tracked, DATE_WRAP, " ")
        if ", ngày" in tracked.text and PLACE_WRAP_QUICK.search(tracked.text):
            tracked = sub(tracked, PLACE_WRAP, lambda m: m.group()[:-1] + " ")
    return sub(tracked, LINE_GOES_ON, _hanging)


@cache
def _any_field_wrap() -> re.Pattern[str]:
    """NATIONAL_WRAP, NUMBER_WRAP, DATE_WRAP or PLACE_WRAP_QUICK, in one scan from the line breaks
    (each starts with ``\n``; the flags of each kept on its branch): four scans were 26 µs a bench
    document, where most texts need none of the joins."""
    def rest(pattern: re.Pattern[str]) -> str:
        body = pattern.pattern.removeprefix("(?m)").removeprefix("\\n")
        return f"(?i:{body})" if pattern.flags & re.IGNORECASE else f"(?:{body})"

    return re.compile("(?m)\\n(?:" + "|".join(rest(p) for p in (NATIONAL_WRAP, NUMBER_WRAP, DATE_WRAP,
                                                                 PLACE_WRAP_QUICK)) + ")")


def _is_caps(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))  # by C calls, not a Python step per character
    return len(letters) >= 2 and sum(map(str.isupper, letters)) / len(letters) >= 0.9


ANCHOR_LINE = re.compile(
    r"^(?:ĐẢNG CỘNG SẢN|CỘNG H[OÒ]A|Độc lập|Số\b|SỐ\b|Kính gửi|KÍNH GỬI|Nơi nhận|NƠI NHẬN|T/M|TM\.|K/T|KT\.|"
    r"T/L|TL\.|TUQ\.|[IVX]+[.-]|\d+[.)-]|[a-zđ]\)|-|\+|\*)|^[^,]{2,40},\s*ngày\b", re.IGNORECASE)
"""A line that starts a header field, the closing or a list item: never the tail of a subject."""


@cache
def type_titles() -> re.Pattern[str]:
    """A type title alone on its line (``KẾ HOẠCH``, ``CHỈ THỊ`` …), from the parser's type table."""
    rows = resources.files("chidao.extract").joinpath("data", "doc_types.csv").read_text(encoding="utf-8")
    titles = {row.split(",")[4] for row in rows.splitlines()[1:] if row.count(",") >= 5 and row.split(",")[4]}
    alternation = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})$")


DECIDER_LINE = re.compile(r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|BAN THƯỜNG VỤ|"
                          r"BAN CHẤP HÀNH|THƯỜNG TRỰC|HỘI ĐỒNG NHÂN DÂN|GIÁM ĐỐC)\b")
"""The line naming who decides, under a decision's subject (``ỦY BAN NHÂN DÂN TỈNH VĨNH PHÚC``)."""


SUBJECT_AREA = 4000
"""Characters from the top where a subject can stand (after a web page's preamble and the header)."""


def join_subject(tracked: Tracked) -> Tracked:
    """A subject wrapped over several lines becomes one: ``VỀ TĂNG CƯỜNG CÔNG`` / ``TÁC PHÒNG …``
    (all capitals, each next line in capitals too) or ``V/v triển khai`` / ``Chỉ thị số 16/CT-TTg``
    (mixed case, the next line not a field of its own)."""
    text = tracked.text
    lines = _line_bounds(text[:SUBJECT_AREA])
    stripped = [text[a:b].strip() for a, b in lines]  # each line stripped once, not again as the one before
    titles = type_titles()
    breaks: set[int] = set()
    i = 0
    while i < len(lines):
        line = stripped[i]
        # a subject line, or a line in capitals under a type title; the cheap tests first (all are pure)
        if line.endswith((".", ";", ":", "!", "?")) or not (
                SUBJECT_LINE.match(line) or (i > 0 and titles.match(stripped[i - 1]) is not None
                                             and _is_caps(line) and not DECIDER_LINE.match(line))):
            i += 1
            continue
        caps = _is_caps(line)
        j = i + 1
        while j < len(lines):
            nxt = stripped[j]
            if not nxt or ANCHOR_LINE.match(nxt) or _is_caps(nxt) != caps or SUBJECT_LINE.match(nxt) \
                    or DECIDER_LINE.match(nxt) or titles.match(nxt):
                break
            if not caps and len(nxt) > 160:
                break  # a paragraph of the body, not the tail of a subject
            breaks.add(lines[j][0] - 1)
            if nxt.endswith((".", ";", ":", "!", "?")):
                j += 1
                break
            j += 1
        i = j
    if not breaks:
        return tracked
    return sub(tracked, re.compile(r"\n"), lambda m: " " if m.start() in breaks else m.group())


TRAILING_RULE = re.compile(r"(?m)[ ]+-{3,}[ ]*$")
"""``VĂN PHÒNG CHÍNH PHỦ ----------``: the rule under a header cell copied onto the cell's line."""


def trailing_rules(tracked: Tracked) -> Tracked:
    return sub(tracked, TRAILING_RULE, "") if "---" in tracked.text else tracked


@cache
def split_names() -> frozenset[str]:
    """Two-word terms of bodies' names that a narrow header cell wraps (``CHÍNH`` / ``PHỦ``)."""
    text = resources.files("chidao.loaders").joinpath("data", "split_names.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


CAPS_BREAK = re.compile(rf"\n(?<=[{UPPER}]\n)(?=[{UPPER}])")


def join_split_names(tracked: Tracked) -> Tracked:
    """Two lines in capitals whose words meet in one term (``CỘNG`` / ``HÒA XÃ HỘI``, ``VĂN PHÒNG
    CHÍNH`` / ``PHỦ``) are one line: a header cell too narrow for the name."""
    text = tracked.text
    terms = split_names()

    def join(m: re.Match[str]) -> str:
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        before, after = text[a:m.start()], text[m.end(): len(text) if b < 0 else b]
        if not (_is_caps(before) and _is_caps(after)) or not before.split() or not after.split():
            return m.group()
        pair = f"{before.split()[-1]} {after.split()[0]}".lower()
        return " " if pair in terms else m.group()

    return sub(tracked, CAPS_BREAK, join)


_NAME_WRAP = r"[ ]*(?P<family>\w+)[ ]*\n(?=[ ]*(?:\w+[ ]){0,2}\w+[ ]*$)"
NAME_WRAP = re.compile(rf"(?m)^{_NAME_WRAP}")
NAME_WRAP_AFTER_BREAK = re.compile(rf"(?m)\n{_NAME_WRAP}")
"""A NAME_WRAP past the first line, found from the line break before it (``normalize.at_line_start``)."""


@cache
def surnames() -> frozenset[str]:
    """Vietnamese family names (the parser's list, ``extract/data/surnames.txt``)."""
    text = resources.files("chidao.extract").joinpath("data", "surnames.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def join_split_person(tracked: Tracked) -> Tracked:
    """A signer's name wrapped in its cell: ``Nguyễn`` / ``Khắc Định`` (a family name alone on its line,
    then one to three capitalised syllables on the next, nothing else on either)."""
    text = tracked.text

    def join(m: re.Match[str]) -> str:
        family = m["family"]
        b = text.find("\n", m.end())
        rest = text[m.end(): len(text) if b < 0 else b].split()
        words = [family, *rest]
        if family not in surnames() or not all(w[:1].isupper() and w[1:].islower() for w in words) \
                or len(words) > 5:
            return m.group()
        return m.group()[:-1] + " "

    if not at_line_start(NAME_WRAP, NAME_WRAP_AFTER_BREAK, text):
        return tracked
    return sub(tracked, NAME_WRAP, join)


GLUED_CODE = re.compile(r"(?<=[A-ZĐ]{2})(?=(?:ngày|của|về|và|năm|tháng|tại|theo|để|với|trên|trong)(?!\w))")
"""A code glued to the word after it: ``UBNDngày``."""
GLUED_NUMBER = re.compile(r"(?<=\b[Ss]ố)(?=\d)")
"""``số31-QĐ/TW``."""
GLUED_WORD = re.compile(rf"(?<=[{LOWER}])(?=[{UPPER}][{LOWER}])|(?<=[{UPPER}]{{2}})(?=[{UPPER}][{LOWER}]{{2}})")
"""A capitalised word glued to the syllable before it: ``củaĐảng`` (cases checked in ``_glued_word``)."""


def split_glued(tracked: Tracked) -> Tracked:
    """Put back a space a web copy lost (``../shared/domain.md`` §5.2): after a code before a function
    word, after "số" before its number, between a lower-case syllable and a capitalised word."""
    if _glued_word_or_code().search(tracked.text):  # neither: the text is left as it is by both
        if GLUED_WORD_QUICK.search(tracked.text):  # first: a word cut off here may start "Số…" or end a code
            tracked = sub(tracked, GLUED_WORD, _glued_word)
        if GLUED_CODE_QUICK.search(tracked.text):
            tracked = sub(tracked, GLUED_CODE, " ")
    if GLUED_NUMBER_QUICK.search(tracked.text):
        tracked = sub(tracked, GLUED_NUMBER, " ")
    return tracked


GLUED_CODE_WORDS = ("ngày", "của", "về", "và", "năm", "tháng", "tại", "theo", "để", "với", "trên", "trong")
GLUED_CODE_QUICK = re.compile(rf"[{UPPER}](?<=[A-ZĐ])[{UPPER}](?<=[A-ZĐ])(?:{'|'.join(GLUED_CODE_WORDS)})(?!\w)")
"""Two of ``[A-ZĐ]`` and a glued word. Each capital is read as one of all the capitals, then looked back
at: Python's engine tests that large class with one table look-up, where ``[A-ZĐ]`` (a range and a
letter past Latin-1) is two tests a character (44 → 25 µs a bench document, issue 15)."""
GLUED_NUMBER_QUICK = re.compile(r"ố\d")
GLUED_WORD_QUICK = re.compile(rf"[{UPPER}](?:(?<=[{LOWER}][{UPPER}])(?=[{LOWER}])|(?<=[{UPPER}]{{3}})(?=[{LOWER}]{{2}}))")
"""Scans that start on a literal or a rare character (fast) to skip the zero-width rewrites when a text
needs none."""


@cache
def _glued_word_or_code() -> re.Pattern[str]:
    """GLUED_WORD_QUICK or GLUED_CODE_QUICK, in one scan: both start with a capital (25 µs a bench
    document saved where neither is there, which is most texts)."""
    word = GLUED_WORD_QUICK.pattern.removeprefix(f"[{UPPER}]")
    code = GLUED_CODE_QUICK.pattern.removeprefix(f"[{UPPER}]")
    return re.compile(f"[{UPPER}](?:{word}|{code})")


VOWELS = frozenset("aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
ONSETS = frozenset({"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"})
"""How a Vietnamese syllable can begin: a capital then a vowel, or one of these two-letter onsets."""


def _glued_word(m: re.Match[str]) -> str:
    text, i = m.string, m.start()
    if text[i - 1].isupper() and text[i - 2:i].isupper() and text[i].isupper() and text[i + 1:i + 3].islower():
        word_start = i
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        onset = text[i:i + 2].lower()
        syllable = onset[1] in VOWELS or onset in ONSETS  # "Th|ái" starts a syllable, "D|ngày" does not
        return " " if i - word_start >= 3 and syllable else ""  # "CHÁNH VĂN PHÒNGThái Hữu Phép"
    if not (text[i - 1].islower() and text[i].isupper() and text[i + 1:i + 2].islower()):
        return ""  # "VIỆT", "TTg", "QĐi"
    word_start = i
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return " " if i - word_start >= 2 and text[word_start:i].islower() else ""  # not "iPhone"


STEPS: tuple[Step, ...] = (table_cells, trailing_rules, split_glued, split_flattened, join_wrapped, join_split_names,
                           join_split_person, join_subject)
"""The stage, in order: separators first (they hide which lines touch), then cuts, then joins."""


def recover_tracked(tracked: Tracked) -> Tracked:
    for step in STEPS:
        tracked = step(tracked)
    return tracked


def recover(text: str) -> str:
    """The logical lines of a normalised text (for tests and for reading what the parser reads)."""
    return recover_tracked(Tracked.of(text)).text


__all__ = ["STEPS", "recover", "recover_tracked"]
