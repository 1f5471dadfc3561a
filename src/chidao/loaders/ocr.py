"""Scanned directives → Document, through Tesseract OCR (Vietnamese), extra ``[ocr]``.

Two ways in: image files (``.png``, ``.jpg``, ``.tif`` incl. multi-page TIFF) registered as the
``image`` format, and PDF pages without a text layer, handed over by the PDF reader
(:func:`read_scanned_pdf`). Pages are rendered with pypdfium2 (or poppler's ``pdftoppm`` when
pypdfium2 is not installed) and read by the ``tesseract`` program with ``-l vie`` and TSV output, so
that every line comes with its box.

Why our own layout step: a directive's page has two columns twice, the header (issuer and number on
the left, national motto and place/date on the right) and the closing (``Nơi nhận`` on the left, the
signature on the right). Tesseract may return a row of both columns as one line or interleave them;
the parser expects the left column, then the right. Lines are split at wide gaps between words, and a
run of lines that do not cross the page's middle is emitted left column first, then right column.
Page numbers and running heads are dropped at the page edges (the PDF reader's rules), stray specks
(short low-confidence fragments) are dropped, width-wrapped lines are joined again.

OCR's misreadings are repaired only where known words prove the repair (:func:`repair`,
:func:`repair_words`, :func:`item_numbers`): the parser's vocabularies, the surnames, the provinces
and a syllable inventory (``data/ocr_syllables.txt``, built by ``bench/ocr_vocab.py``); a word that is
known, or that could be either of two known words, is left as read. Every repair is counted in the
layout's ``repairs``.

What is known about the source is kept: :class:`OcrLayout` on the Document maps each character
range of the OCR text to its page and line box (pixels at :data:`DPI`), and :func:`annotate` puts it
in a record's ``source.ocr`` so a fact's span can be found on the scan (:func:`locate`).

Settings come from the environment so they reach ingest's worker processes: ``CHIDAO_OCR``
(``auto``/``always``/``never``), ``CHIDAO_OCR_JOBS`` (pages in parallel), ``CHIDAO_OCR_CACHE`` (a
folder, or ``off``). OCR output is cached by file hash under ``$XDG_CACHE_HOME/chidao/ocr`` (else
``~/.cache/chidao/ocr``), so a re-read or re-ingest of the same scan does not OCR again.
"""

from __future__ import annotations

import bisect
import csv
import functools
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chidao.errors import ReadError
from chidao.loaders.document import Document, from_text

MODES = ("auto", "always", "never")
MODE_ENV, JOBS_ENV, CACHE_ENV = "CHIDAO_OCR", "CHIDAO_OCR_JOBS", "CHIDAO_OCR_CACHE"
LANG = "vie"
DPI = 300
"""Resolution PDF pages are rendered at; also the unit of the boxes (pixels at this resolution)."""

CACHE_VERSION = 1
"""Bumped when what is cached (Tesseract's words and boxes per page) changes shape."""

INSTALL_HINT = "install Tesseract with Vietnamese data (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie)"
MIN_LETTERS = 40
"""A PDF page with fewer letters than this in its text layer has no real text (a scan, maybe with a
stamp's caption or a page number as text): in ``auto`` mode it is read by OCR."""

GAP_HEIGHTS = 2.0
"""Words further apart than this many line heights are in different columns (split the line)."""

LONG_SHARE = 0.62
"""A line at least this share of the text area's width is a body line; shorter lines in a run are
split into columns at the widest strip none of them covers (a simple XY cut)."""

SPECK_CONF = 45.0
SPECK_LETTERS = 2
"""A fragment with mean confidence below SPECK_CONF and at most SPECK_LETTERS letters is a speck or a
piece of a stamp, not text."""

JUNK = re.compile(r"[_|¬~`'\"¡ˆ›‹·°•⁄\\.,:;]+")
LEADING_JUNK = re.compile(r"^(?:[_|¬~`'ˆ¡›‹·°•⁄\\.,]+(?=[\w-])|[-–—_|¬~]{2,}(?=\w))")
"""A speck glued to the front of a word (``'XÃ``, ``---T/M``): no word of a directive starts with
these (a list dash is one dash, followed by a space)."""
TRAILING_JUNK = re.compile(r"(?<=\w)[_|¬~`]+$")
"""A speck glued to the end of a word (``TỈNHAN__``): no word ends with these."""
"""A word of these marks alone is a speck or a stamp's edge read as text (no directive line has one)."""

ETH = str.maketrans("Ðð", "Đđ")
"""The Icelandic eth (``LÐ``), which Tesseract reads for the Vietnamese Đ it looks the same as."""

VIETNAMESE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
"""The five tones, the hat, the breve and the horn: a letter with any other mark (``š``, ``ø``) is
not Vietnamese."""


def _foreign(word: str) -> bool:
    """A word with a letter no Vietnamese text has (``š``, ``Ø``): alone and short, a speck read as a
    letter (the stamp's ring, a dot of ink)."""
    for ch in word:
        if ch.isalpha():
            decomposed = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))
            if not ("a" <= decomposed[0].lower() <= "z") or set(decomposed[1:]) - VIETNAMESE_MARKS:
                return True
    return False


DASH_JUNK = re.compile(r"(?=.*[_+~|¬])[-–—_+~|¬]{2,}")
"""A word of two or more dashes, underscores or pluses with at least one that is not a dash (``-_+``,
``-_``): a speck or a stamp's edge; a list dash or a sub-item's ``+`` is one mark, and ``--`` at a
line's start is a list dash read twice, kept."""

DASHES = {"-", "–", "—", "_"}
GLUED_DASH = re.compile(r"^[-–—_](?=[A-ZĐÀ-Ỹ])")
"""A dash glued to a capital at the start of a right-column line (``-BÍ THƯ``): a speck, as a list
item's dash is followed by a space."""

BODY_CHARS = 50
"""Lines at least this long are body text; they fix the text area whose middle splits the columns."""

PARAGRAPH_GAP = 0.9
"""A vertical gap larger than this many line heights between full-width lines starts a paragraph."""

IMAGE_SUFFIXES = {".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}


# --- settings ---------------------------------------------------------------------------------


def mode() -> str:
    value = os.environ.get(MODE_ENV, "auto").strip().lower() or "auto"
    return value if value in MODES else "auto"


def jobs() -> int:
    try:
        return max(1, int(os.environ.get(JOBS_ENV, "1")))
    except ValueError:
        return 1


def configure(ocr: str | None = None, ocr_jobs: int | None = None) -> None:
    """Set the OCR mode and page parallelism for this process and the workers it starts."""
    if ocr is not None:
        if ocr not in MODES:
            raise ValueError(f"ocr must be one of {', '.join(MODES)}")
        os.environ[MODE_ENV] = ocr
    if ocr_jobs is not None:
        os.environ[JOBS_ENV] = str(max(1, ocr_jobs))


@contextmanager
def settings(ocr: str | None = None, ocr_jobs: int | None = None) -> Iterator[None]:
    """``configure`` for a block, restoring the environment after (tests, library callers)."""
    saved = {k: os.environ.get(k) for k in (MODE_ENV, JOBS_ENV)}
    try:
        configure(ocr, ocr_jobs)
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


PageProgress = Callable[[str, int, int], None]
"""Told after each page OCR has read: (file, pages done, pages to read in that file)."""

_progress: list[PageProgress] = []
_progress_lock = threading.Lock()


@contextmanager
def page_progress(callback: PageProgress) -> Iterator[None]:
    """Report every page read by OCR to ``callback`` for a block (a progress bar for long scans).

    Only pages Tesseract reads are reported (a cached scan has none); a multi-page TIFF is one step.
    The callback is called from one thread at a time, in the order pages finish."""
    _progress.append(callback)
    try:
        yield
    finally:
        _progress.remove(callback)


def _report(path: Path, done: int, total: int) -> None:
    if _progress:
        with _progress_lock:
            for callback in list(_progress):
                callback(str(path), done, total)


def cache_dir() -> Path | None:
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chidao" / "ocr"


# --- layout data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of OCR text on a page, with its box (left, top, right, bottom) in pixels."""

    text: str
    page: int
    box: tuple[int, int, int, int]
    conf: float = 100.0
    joins: bool = False
    """A width-wrapped line of a column (joined to the line before it with a space, not a line break)."""


@dataclass(frozen=True)
class OcrLayout:
    """Where the OCR text came from: ``ranges`` are ``(start, end, page, box)`` in the Document's
    ``source`` (the OCR text as read), sorted; ``pages`` has one ``(width, height)`` per page."""

    engine: str
    dpi: int
    pages: tuple[tuple[int, int], ...]
    ranges: tuple[tuple[int, int, int, tuple[int, int, int, int] | None], ...]
    repairs: int = 0

    def at(self, source_start: int, source_end: int) -> list[dict[str, Any]]:
        """The lines (page and box) a source span touches."""
        starts = [r[0] for r in self.ranges]
        i = max(0, bisect.bisect_right(starts, source_start) - 1)
        out = []
        for start, end, page, box in self.ranges[i:]:
            if start >= max(source_end, source_start + 1):
                break
            if end > source_start:
                out.append({"page": page, "box": list(box) if box else None})
        return out

    def as_json(self) -> dict[str, Any]:
        return {"engine": self.engine, "dpi": self.dpi, "repairs": self.repairs,
                "pages": [{"page": i + 1, "width": w, "height": h} for i, (w, h) in enumerate(self.pages)],
                "lines": [[s, e, p, list(b) if b else None] for s, e, p, b in self.ranges]}


@dataclass(frozen=True)
class ScannedDocument(Document):
    """A Document read by OCR: ``layout`` says where each line of ``source`` is on the scan."""

    layout: OcrLayout | None = field(default=None, repr=False, compare=False)


# --- tesseract ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _engine() -> tuple[str | None, str]:
    """(tesseract path, version) or (None, reason)."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None, f"OCR needs the tesseract program: {INSTALL_HINT}"
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"tesseract does not run ({exc}): {INSTALL_HINT}"
    if LANG not in (langs.stdout + langs.stderr).split():
        return None, f"Tesseract has no Vietnamese data (vie): {INSTALL_HINT}"
    first = (version.stdout or version.stderr).split("\n", 1)[0].strip()
    return exe, first or "tesseract"


def available() -> str | None:
    """None when OCR can run, else the reason it cannot (one line, naming the packages)."""
    exe, reason = _engine()
    return None if exe else reason


def _require(path: Path) -> tuple[str, str]:
    exe, info = _engine()
    if exe is None:
        raise ReadError(path, info)
    return exe, info


def _tesseract_tsv(exe: str, image: Path, dpi: int | None) -> str:
    cmd = [exe, str(image), "stdout", "-l", LANG, "--psm", "3"]
    if dpi:
        cmd += ["--dpi", str(dpi)]
    cmd.append("tsv")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # our threads are the parallelism
    result = subprocess.run(cmd, capture_output=True, timeout=600, env=env)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or "tesseract failed")
    return result.stdout.decode("utf-8", "replace")


@dataclass
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float


def parse_tsv(tsv: str) -> dict[int, tuple[tuple[int, int], list[list[_Word]]]]:
    """Tesseract TSV → {page: ((width, height), [words of each line in Tesseract's order])}."""
    pages: dict[int, tuple[tuple[int, int], list[list[_Word]]]] = {}
    lines: dict[tuple[int, int, int, int], list[_Word]] = {}
    reader = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        try:
            level, page = int(row["level"]), int(row["page_num"])
            left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        except (KeyError, TypeError, ValueError):
            continue
        if level == 1:
            pages[page] = ((width, height), [])
        elif level == 5:
            text = (row.get("text") or "").strip()
            if not text:
                continue
            key = (page, int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
            lines.setdefault(key, []).append(
                _Word(unicodedata.normalize("NFC", text), left, top, left + width, top + height,
                      float(row.get("conf") or 0)))
    for (page, *_), words in lines.items():
        pages.setdefault(page, ((0, 0), []))[1].append(words)
    return pages


# --- layout ------------------------------------------------------------------------------------


def _fragments(words_of_lines: list[list[_Word]], page: int) -> list[Line]:
    """Lines split where words are further apart than a column gap."""
    out: list[Line] = []
    for words in words_of_lines:  # specks glued to a word's ends go here, not before the cache
        words = sorted((replace(w, text=TRAILING_JUNK.sub("", LEADING_JUNK.sub("", w.text.translate(ETH)))) for w in words),
                       key=lambda w: w.left)
        words = [w for w in words if w.text]
        words = [w for w in words if not JUNK.fullmatch(w.text) and not DASH_JUNK.fullmatch(w.text)
                 and not (len(w.text) <= 2 and _foreign(w.text))
                 and (w.conf >= SPECK_CONF or any(ch.isalnum() for ch in w.text))]
        while len(words) > 1 and words[-1].text in DASHES and words[-2].text[-1:] in ".,;:":
            words.pop()  # a speck read as a dash after a line's last word (a list dash starts a line)
        if not words:
            continue
        height = max(1, sorted(w.bottom - w.top for w in words)[len(words) // 2])
        group: list[_Word] = []
        starts = _national_starts(words)
        for i, w in enumerate(words):
            gap = w.left - group[-1].right if group else 0
            if group and (gap > GAP_HEIGHTS * height or (i in starts and gap > NATIONAL_GAP * height)):
                out.append(_line(group, page))
                group = []
            group.append(w)
        if group:
            out.append(_line(group, page))
    return out


NATIONAL_GAP = 0.6
"""A gap this wide (line heights; a space is about 0.3) before the national title on one OCR line is
the gap between the header's columns: the title starts the right column."""

NATIONAL_STARTS = (("cong", "hoa", "xa", "hoi"), ("dang", "cong", "san", "viet"))
"""Folded first words of the national title (``CỘNG HÒA XÃ HỘI …``) and the Party's (``ĐẢNG CỘNG SẢN
VIỆT NAM``): they never continue other text on their line."""


def _national_starts(words: list[_Word]) -> set[int]:
    folded = [_fold(w.text).strip(".,:;") for w in words]
    return {i for i in range(1, len(words)) for start in NATIONAL_STARTS
            if tuple(folded[i:i + len(start)]) == start}


def _speck_word(word: _Word) -> bool:
    """A doubtful word of one or two letters at the end of a line: a speck or a stamp's edge."""
    letters = [ch for ch in word.text if ch.isalnum()]
    if word.text in DASHES or (letters and all(ch.isupper() or ch.isdigit() for ch in letters)):
        return False  # TM., VT, 1.: abbreviations and numbers are short and often read with doubt
    return word.conf < SPECK_CONF and len(letters) <= SPECK_LETTERS


def _surname_of_name(words: list[_Word]) -> bool:
    """A doubtful first word that is a surname of the parser's list, before one to three more
    capitalised words and nothing else (``Lê`` / ``Văn Lương``, ``Đỗ`` / ``Ngọc Tuấn``): the signer's
    surname Tesseract read with doubt, not a speck. Only what was read is kept; nothing is added."""
    rest = [w.text for w in words[1:]]
    return (words[0].text in _surnames() and 1 <= len(rest) <= 3
            and all(t[:1].isupper() and t[1:].islower() and t.isalpha() for t in rest))


def _line(words: list[_Word], page: int) -> Line:
    while len(words) > 1 and _speck_word(words[0]) and not _surname_of_name(words):
        words = words[1:]
    while len(words) > 1 and _speck_word(words[-1]):
        words = words[:-1]
    if len(words) > 1 and words[-1].text in DASHES and " ".join(w.text for w in words[:-1]).isupper():
        words = words[:-1]  # a dash after a capitals line (ĐẢNG BỘ TỈNH SƠN LA -): a speck; a wrapped
        # "2021 -" of the body is not in capitals
    box = (min(w.left for w in words), min(w.top for w in words), max(w.right for w in words),
           max(w.bottom for w in words))
    return Line(" ".join(w.text for w in words), page, box, sum(w.conf for w in words) / len(words))


def _is_speck(line: Line) -> bool:
    letters = sum(ch.isalnum() for ch in line.text)
    return letters == 0 or (line.conf < SPECK_CONF and letters <= SPECK_LETTERS)


def _gutter(band: list[Line]) -> float | None:
    """The x of the widest vertical strip that (almost) no line of the run covers, between its lines
    (two columns), or None when the lines overlap across the width (centred title and subject: one
    column). One line in eight (at least one in a run of four or more) may cross the strip (a
    signature merged with a wrapped Nơi nhận line); such a line goes to the side of its centre."""
    height = max(1, sorted(ln.box[3] - ln.box[1] for ln in band)[len(band) // 2])
    step = max(1, height // 4)
    lo, hi = min(ln.box[0] for ln in band), max(ln.box[2] for ln in band)
    allowed = max(1, len(band) // 8) if len(band) >= 4 else 0
    best, split, run = 0, None, 0
    for x in range(lo, hi, step):
        covered = sum(ln.box[0] <= x < ln.box[2] for ln in band)
        left = sum(ln.box[2] <= x for ln in band)
        if covered <= allowed and left and left + covered < len(band):
            run += step
            if run > best:
                best, split = run, x - run / 2
        else:
            run = 0
    return split if best >= height else None


def _undashed(line: Line) -> Line:
    """A right-column line (motto, place and date, signature) has no list dash: a dash in front of it
    is a speck."""
    name = NAME_END.match(line.text)
    if name:
        line = replace(line, text=line.text[:name.start("speck")])
    first, _, rest = line.text.partition(" ")
    if first in DASHES and rest:
        return replace(line, text=rest)
    glued = GLUED_DASH.match(line.text)
    return replace(line, text=line.text[glued.end():]) if glued else line


COLUMN_FULL = 1.0
"""A column line this full (with the next line's first word added) was wrapped by the column's width."""

CLOSED = re.compile(r"[;:!?]\W*$|\.\s*$")
"""A line ending so ends its item or sentence: the next line of the column is not its continuation."""


OWN_LINE = re.compile(r"^(?:Số\b|V/v\b|Về việc\b|Kính gửi\b|Nơi nhận\b)|, ngày \d")
"""Header lines that always start a line of their own: the number, the subject, the labels, the
place and date."""
KINH_GUI = re.compile(r"^[-–_ ]*k\s*i\s*n\s*h\s*g\s*u\s*i\b")
"""``Kính gửi`` (folded) ends the header's columns even when no gap is left above it."""
NAME_END = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?P<speck>\s*[:;,.'`]+)$")
"""A signer's name (two to five capitalised words) ending in a mark: the mark is a speck."""

CAPACITY_LINE = re.compile(r"^(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s")
"""A signature's capacity line (``TM. BAN THƯỜNG VỤ``, ``KT. CHỦ TỊCH``, the parser's forms): the line
under it is the signer's post, never its continuation."""


@functools.lru_cache(maxsize=1)
def _post_titles() -> frozenset[str]:
    """Folded posts of the parser's vocabulary (``PHÓ CHỦ TỊCH``): a line that is one of them is a
    signature's post, never the continuation of the line above."""
    from importlib import resources

    try:
        lines = (resources.files("chidao.extract") / "data" / "post_titles.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(_fold(ln.strip()) for ln in lines.splitlines() if ln.strip() and not ln.startswith("#"))


def _first_word_width(line: Line) -> float:
    first = line.text.split(" ", 1)[0]
    return (line.box[2] - line.box[0]) * len(first) / max(1, len(line.text))


LEVELS = {"tinh", "huyen", "xa", "thanh pho", "quan", "thi xa", "phuong", "thi tran"}
LEVEL_AFTER = re.compile(r"\bnhan dan$")
"""A line of capitals ending ``NHÂN DÂN`` (Ủy ban, Hội đồng) goes on with its level; a level word alone on
the next line is that level, never a line of its own."""


def _join_wrapped(column: list[Line], width: float) -> list[Line]:
    """Mark the lines of one column that continue the line above them: a list item of ``Nơi nhận``
    broken by the column's width (``- Báo An Giang, Đài PT-TH An`` / ``Giang (phối hợp);``), or a
    header line broken where the next word no longer fit (``ỦY BAN NHÂN DÂN TỈNH AN`` / ``GIANG``).
    A line starting a list item, a new case (``CỘNG HÒA … VIỆT NAM`` / ``Độc lập …``) or after a gap
    stays a line of its own. Nothing is added: the lines are only joined by a space."""
    from chidao.loaders.pdf import LIST_START

    out: list[Line] = []
    item = False  # the line above belongs to a list item (started by a dash)
    for ln in column:
        prev = out[-1] if out else None
        starts_item = bool(LIST_START.match(ln.text))
        joins = False
        if prev is not None and not starts_item and not LABEL.match(_fold(ln.text)):
            height = max(1, min(prev.box[3] - prev.box[1], ln.box[3] - ln.box[1]))
            near = ln.box[1] - prev.box[3] < PARAGRAPH_GAP * height
            first = ln.text.split(" ", 1)[0]
            letters = [ch for ch in first if ch.isalpha()]
            if prev.text.isupper():
                same_case = bool(letters) and all(ch.isupper() for ch in letters)
            else:  # a mixed-case line goes on with a small letter or a number (``năm 2006``)
                same_case = (bool(letters) and letters[0].islower()) or first[:1].isdigit()
            if OWN_LINE.search(ln.text) or _fold(prev.text).strip(" .,") in NATIONAL_LINES:
                same_case = False
            full = (prev.box[2] - prev.box[0]) + 0.3 * height + _first_word_width(ln) >= COLUMN_FULL * width
            if near and item and not prev.text.rstrip().endswith(";") and (letters[:1] or first[:1] == "("):
                joins = not (letters and letters[0].isupper() and prev.text.isupper())
            elif near and _fold(f"{prev.text} {ln.text}").strip(" .,") in NATIONAL_LINES:
                joins = True  # the national title broken before its last word, however wide the column
            elif near and prev.text.isupper() and LEVEL_AFTER.search(_fold(prev.text)) and _fold(ln.text).strip(" .,") in LEVELS:
                joins = True  # ``TL. CHỦ TỊCH ỦY BAN NHÂN DÂN`` / ``TỈNH``: the level ends the body's name
            elif near and full and same_case and not CLOSED.search(prev.text):
                joins = not (CAPACITY_LINE.match(prev.text) or _fold(ln.text).strip(" .,") in _post_titles())
        item = starts_item or (item and joins)
        out.append(replace(ln, joins=True) if joins else ln)
    return out


def reading_order(lines: list[Line]) -> list[list[Line]]:
    """Blocks of lines in reading order: full-width lines in top-to-bottom order; a run of lines
    that keep to one side of the middle is a column band, its left lines then its right lines."""
    lines = [ln for ln in lines if not _is_speck(ln)]
    if not lines:
        return []
    body = [ln for ln in lines if len(ln.text) >= BODY_CHARS]
    if body:  # the text area from body lines: a speck must not widen it
        x0 = sorted(ln.box[0] for ln in body)[int(0.1 * (len(body) - 1))]
        x1 = sorted(ln.box[2] for ln in body)[int(0.9 * (len(body) - 1))]
    else:  # a page of the closing alone: its columns span the area
        x0, x1 = min(ln.box[0] for ln in lines), max(ln.box[2] for ln in lines)
    full = LONG_SHARE * max(1, x1 - x0)
    lines.sort(key=lambda ln: ((ln.box[1] + ln.box[3]) / 2, ln.box[0]))
    blocks: list[list[Line]] = []
    band: list[Line] = []

    def flush() -> None:
        if band:
            split = _gutter(band)
            if split is None:  # one column: only list items broken by its width are joined
                blocks.append(_join_wrapped(sorted(band, key=lambda ln: ln.box[1]), float("inf")))
            else:
                left = [ln for ln in band if (ln.box[0] + ln.box[2]) / 2 <= split]
                right = [_undashed(ln) for ln in band if (ln.box[0] + ln.box[2]) / 2 > split]
                lo = min([x0, *(ln.box[0] for ln in left)])
                hi = max([x1, *(ln.box[2] for ln in right)])
                left, right = _join_wrapped(left, split - lo), _join_wrapped(right, hi - split)
                blocks.extend(b for b in (left, right) if b)
            band.clear()

    for ln in lines:
        if ln.box[2] - ln.box[0] >= full or KINH_GUI.match(_fold(ln.text)):  # never part of two columns
            flush()
            blocks.append([ln])
            continue
        if band:  # a gap below everything in the run ends it (Kính gửi under the header)
            height = max(1, sorted(b.box[3] - b.box[1] for b in band)[len(band) // 2])
            if ln.box[1] - max(b.box[3] for b in band) > PARAGRAPH_GAP * height:
                flush()
        band.append(ln)
    flush()
    return blocks


# --- assembling the text ----------------------------------------------------------------------


def _edge_furniture(pages: list[list[list[Line]]]) -> set[tuple[int, int]]:
    """(page, index) of lines that are page numbers or running heads/footers, as the PDF reader
    decides for text layers."""
    from chidao.loaders.pdf import EDGE_LINES, PAGE_NUMBER, REPEAT_MIN_PAGES, REPEAT_SHARE, _key

    flat = [[ln for block in page for ln in block] for page in pages]
    edges = []
    for lines in flat:
        order = sorted(range(len(lines)), key=lambda i: lines[i].box[1])
        edges.append(sorted(set(order[:EDGE_LINES] + order[-EDGE_LINES:])))
    counts: Counter[str] = Counter()
    for lines, idx in zip(flat, edges, strict=True):
        counts.update({_key(lines[i].text) for i in idx})
    needed = max(REPEAT_MIN_PAGES, REPEAT_SHARE * len(flat))
    repeated = {k for k, n in counts.items() if n >= needed and k}
    drop = set()
    for p, (lines, idx) in enumerate(zip(flat, edges, strict=True)):
        for i in idx:
            if PAGE_NUMBER.match(lines[i].text) or _key(lines[i].text) in repeated:
                drop.add((p, id(lines[i])))
    return drop


def _dash_continues(previous: str, line: str) -> bool:
    """A full line ending in a word, then ``- 2025`` or ``- xã hội``: the margin broke ``2022 - 2025``
    or ``chính trị - xã hội``, it is no list item (items follow a line ending in punctuation)."""
    return line[:2] in ("- ", "– ") and previous[-1:].isalnum()


DASH_INDENT = (0.3, 1.5)
"""A line indented by this many line heights (the width of ``- ``) from a dash item next to it, in a
list, lost its dash to OCR."""
ITEM_END = re.compile(r"[;:,]\s*$")
LIST_DASH = re.compile(r"^[-–]\s")


def _list_dashes(lines: list[Line], height: int) -> list[Line]:
    """List dashes read from the boxes: a dash OCR lost is put back, a speck read as one is dropped.

    Lost: a line of a list (the line above ends an item or is ``Kính gửi:``) that starts where the text
    of the dash item beside it starts, about the width of ``- `` right of that item's dash, and that
    ends as an item does (``Công an xã;`` between ``Kính gửi:`` and ``- Ban Chỉ huy …;``) gets its
    ``- `` back; the dash is the only thing added, never a word or an item number. Speck: a dash
    left of the text's margin starting a line that continues a wrapped line (``Điện`` / ``- Biên``)
    is dropped."""
    body = sorted(ln.box[0] for ln in lines if len(ln.text) >= BODY_CHARS and ln.box[2] > ln.box[0])
    margin = body[len(body) // 2] if body else None  # the median: specks and indents are few
    out = list(lines)
    for i, ln in enumerate(lines):
        before = lines[i - 1] if i else None
        after = lines[i + 1] if i + 1 < len(lines) else None
        if LIST_DASH.match(ln.text):
            if (margin is not None and before is not None and ln.box[0] < margin - 0.4 * height
                    and before.text[-1:].isalnum()):
                out[i] = replace(ln, text=LIST_DASH.sub("", ln.text, count=1))
            continue
        if before is None or not ITEM_END.search(before.text) or not re.search(r"[;.,]\s*$", ln.text):
            continue
        for item in (before, after):
            if item is None or not LIST_DASH.match(item.text) or item.page != ln.page:
                continue
            indent = (ln.box[0] - item.box[0]) / height
            if DASH_INDENT[0] <= indent <= DASH_INDENT[1] and abs(ln.box[1] - item.box[1]) < 4 * height:
                out[i] = replace(ln, text="- " + ln.text)
                break
    return out


def assemble(pages: list[list[list[Line]]]) -> tuple[str, list[tuple[int, int, int, tuple[int, int, int, int] | None]]]:
    """The text of the pages (blocks in reading order) and the source range of every line.

    Blank lines separate blocks and paragraphs; a width-wrapped line is joined to the next with a
    space (the PDF reader's rule), so a name broken at the margin stays one name.
    """
    from chidao.loaders.pdf import FULL_SHARE, LIST_START, MIN_FULL, _wraps

    drop = _edge_furniture(pages)
    items: list[Line | None] = []  # None: a paragraph break
    for p, page in enumerate(pages):
        kept = [ln for block in page for ln in block if (p, id(ln)) not in drop]
        boxed = [ln for ln in kept if ln.box[3] > ln.box[1]]
        height = max(1, sorted(ln.box[3] - ln.box[1] for ln in boxed)[len(boxed) // 2]) if boxed else 1
        if boxed:
            kept = _list_dashes(kept, height)
        previous: Line | None = None
        for ln in kept:  # a break where the text goes back up (the next column) or leaves a gap
            if previous is not None and (ln.box[1] < previous.box[1]
                                         or ln.box[1] - previous.box[3] > PARAGRAPH_GAP * height):
                items.append(None)
            items.append(ln)
            previous = ln
        items.append(None)
    lengths = sorted(len(ln.text) for ln in items if ln is not None and len(ln.text) >= MIN_FULL)
    full = lengths[int(0.9 * (len(lengths) - 1))] * FULL_SHARE if len(lengths) >= 2 else float("inf")
    text = io.StringIO()
    pos = 0
    ranges = []
    pending = False
    blank = True
    last = ""
    for item in items:
        if item is None:
            if not pending and not blank:
                text.write("\n\n")
                pos += 2
                blank = True
            continue
        joined = item.joins or (pending and (not LIST_START.match(item.text) or _dash_continues(last, item.text))
                                and not LABEL.match(_fold(item.text)))  # Nơi nhận, Kính gửi start a line
        if joined and not blank:
            text.write(" ")
            pos += 1
        elif not blank:
            text.write("\n")
            pos += 1
        text.write(item.text)
        ranges.append((pos, pos + len(item.text), item.page, item.box))
        pos += len(item.text)
        blank = False
        pending = _wraps(item.text, full)
        last = item.text
    return text.getvalue().rstrip(), ranges


# --- repair ------------------------------------------------------------------------------------

NUMBER_IN_SYMBOL = re.compile(r"(?<![\w/])([0-9lIO]{1,5})(?=\s*[-–]\s*[A-ZĐ]{1,6}(?:-[A-ZĐ]+)?/[A-ZĐƯ]{1,8}\b)")
"""The number part of a document symbol (``1747-CV/TU``): only here is ``l``/``I`` a one and ``O``
a zero; the part must hold at least one real digit."""

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
"""Combining grave, acute, tilde, hook above, dot below: the five tones."""

LABELS = {"noinhan": "Nơi nhận:", "kinhgui": "Kính gửi:"}
"""Labels that start a line of the closing and the header, matched folded and without spaces
(``Nơinhận`` with the space and colon lost); the canonical label replaces what OCR read."""
LABEL = re.compile(r"^[\s\-–_]*((?:k\s*i\s*n\s*h\s*g\s*u\s*i)|(?:n\s*o\s*i\s*n\s*h\s*a\s*[nm]))\s*[:;.]?")

_FIXED_PHRASES = (
    "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Kính gửi", "Nơi nhận", "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc",
)


DATE_SPECK = re.compile(r"(ngày \d{1,2} tháng \d{1,2} năm \d{4})\s*[:;,'`_]+\s*$")
"""``…, ngày 15 tháng 3 năm 2021:``: a mark after the place-and-date line's year is a speck."""
AS_ABOVE = re.compile(r"^[-–]\s*nhu\s*tren(?=[;,.]?\s*$)")
"""``-Nhưtrên``: the first item of every Nơi nhận list (``- Như trên``) read with its spaces lost."""
COMMA_SPECK = re.compile(r",[.'`]\s*(?=\w)")
"""``Chư Sê,.ngày``: a speck after a comma, read as a full stop or a quote (no text has ``,.`` before a
word)."""


def _fold(text: str) -> str:
    """Lower case without tone or vowel marks and with Đ → d: the shape OCR rarely gets wrong."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))).lower()


NATIONAL_LINES = {
    "dang cong san viet nam": "ĐẢNG CỘNG SẢN VIỆT NAM",
    "cong hoa xa hoi chu nghia viet nam": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "doc lap - tu do - hanh phuc": "Độc lập - Tự do - Hạnh phúc",
}
"""Whole lines that can only be the national titles: a line folding to one of them gets its marks,
even marks OCR misread (``ĐẲNG`` → ``ĐẢNG``), not only lost ones."""


@functools.lru_cache(maxsize=1)
def _vocabulary() -> dict[str, str]:
    """Folded phrase → the one canonical spelling, from the parser's own vocabularies (phrases of two
    words or more; a folded form shared by two spellings is dropped as ambiguous)."""
    from importlib import resources

    data = resources.files("chidao.extract") / "data"
    phrases: set[str] = set(_FIXED_PHRASES)
    for name in ("casing.txt", "post_titles.txt", "entity_heads.txt"):
        try:
            lines = (data / name).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        phrases.update(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
    try:
        rows = list(csv.DictReader(io.StringIO((data / "doc_types.csv").read_text(encoding="utf-8"))))
        phrases.update(r[k] for r in rows for k in ("name", "title") if r.get(k))
    except (OSError, KeyError):
        pass
    by_fold: dict[str, set[str]] = {}
    for phrase in phrases:
        phrase = unicodedata.normalize("NFC", phrase)
        if len(phrase.split()) >= 2:
            by_fold.setdefault(_fold(phrase), set()).add(phrase)
    out = {}
    for folded, spellings in by_fold.items():
        lowered = {s.lower() for s in spellings}
        if len(lowered) == 1:
            out[folded] = min(spellings)
    return out


def _only_dropped(seen: str, fixed: str) -> bool:
    """Every letter that differs lost marks, and never a tone it could have had: a bare letter gets
    all its marks back (``U`` → ``Ủ``, ``D`` → ``Đ``), a letter with its tone gets back a lost horn,
    breve or hat (``trục`` → ``trực``); a letter with a hat but no tone is left (``học viên`` is not
    ``Học viện``: words differing in tone alone are both real)."""
    for a, b in zip(seen, fixed, strict=True):
        if a == b:
            continue
        if _fold(a) != _fold(b):
            return False
        marks_a = set(unicodedata.normalize("NFD", a)[1:])
        marks_b = set(unicodedata.normalize("NFD", b)[1:])
        if a.lower() in "đ" or not marks_a <= marks_b:
            return False
        if marks_a and not marks_a & TONES:
            return False
    return True


def _national_by_two_tones(text: str) -> str | None:
    """The national line a line becomes when one word with two tones (``ĐẢẲNG``: ``ĐẢNG`` or
    ``ĐẲNG``?) takes the one reading of its candidates that makes it so; None otherwise."""
    found = set()
    for m in WORD_TOKEN.finditer(text):
        if _tone_count(m.group()) >= 2:
            for candidate in _two_tones(m.group()):
                line = NATIONAL_LINES.get(_fold(text[:m.start()] + candidate + text[m.end():]).strip(" .,;:-_"))
                if line:
                    found.add(line)
    return found.pop() if len(found) == 1 else None


def repair(text: str, after: str = "") -> tuple[str, int]:
    """Conservative repairs of OCR confusions in one line; returns (line, repairs made).

    A phrase whose folded form (no marks, Đ=D) equals a known phrase of the parser's vocabularies and
    whose marks differ gets the known marks, in the case it was read in (``Uy ban nhân dân`` →
    ``Ủy ban nhân dân``). ``l``/``I``/``O`` become ``1``/``0`` only in the number of a document symbol.
    A line starting with ``Nơi nhận`` or ``Kính gửi`` read without its space or colon gets the label
    back. Then :func:`repair_words` (``after``: the first word of the next line when this line is
    wrapped into it). Nothing else is touched: a word is never guessed at.
    """
    vocab = _vocabulary()
    count = 0
    whole = NATIONAL_LINES.get(_fold(text).strip(" .,;:-_")) or _national_by_two_tones(text)
    if whole is not None and text.strip() != whole:  # the whole line is a national title: no other reading
        return (whole.upper() if text.strip().isupper() else whole), 1
    text, specks = COMMA_SPECK.subn(", ", text)
    text, dated = DATE_SPECK.subn(r"\1", text)
    specks += dated
    glued = AS_ABOVE.match(_fold(text)) if len(_fold(text)) == len(text) else None
    if glued and text[:glued.end()] != "- Như trên":
        text = "- Như trên" + text[glued.end():]
        specks += 1
    count += specks
    label = LABEL.match(_fold(text))
    if label and len(_fold(text)) == len(text):
        fixed = LABELS[re.sub(r"\s", "", label.group(1)).replace("nham", "nhan")]
        if text[:label.end()].strip() != fixed:
            text = fixed + (" " if label.end() < len(text) and not text[label.end()].isspace() else "") + text[label.end():]
            count += 1
    chars = list(text)
    folded = _fold(text)
    if len(folded) == len(text):
        for key, canonical in vocab.items():
            for m in re.finditer(r"(?<!\w)" + re.escape(key) + r"(?!\w)", folded):
                seen = text[m.start():m.end()]
                fixed = "".join(c if s.islower() else c.upper() for c, s in zip(canonical.lower(), seen, strict=True))
                if seen.isupper():
                    fixed = canonical.upper()
                if len(fixed) == len(seen) and fixed != seen and _only_dropped(seen, fixed):
                    chars[m.start():m.end()] = fixed
                    count += 1
    text = "".join(chars)

    def number(m: re.Match[str]) -> str:
        nonlocal count
        digits = m.group(1)
        if not any(ch.isdigit() for ch in digits):
            return digits
        fixed = digits.translate(str.maketrans("lIO", "110"))
        count += fixed != digits
        return fixed

    text = NUMBER_IN_SYMBOL.sub(number, text)
    text, words = repair_words(text, after)
    return text, count + words


# --- word repair against the syllable inventory ---------------------------------------------

SYMBOL_CONFUSIONS = {"„": ","}
"""Marks no directive prints, read for a common one (``Hậu Giang„ ngày`` → ``Hậu Giang, ngày``)."""

WORD_TOKEN = re.compile(r"[^\W\d_]+")

OLD_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
             "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
"""Old → new tone placement: ``hoà`` and ``hòa`` are one word, so two such candidates are not two."""


@functools.lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Known syllables (lower case): data/ocr_syllables.txt, built by bench/ocr_vocab.py from the
    parser's vocabularies and the directive texts of tests/data."""
    from importlib import resources

    try:
        lines = (resources.files("chidao.loaders") / "data" / "ocr_syllables.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(ln.strip() for ln in lines.splitlines() if ln.strip() and not ln.startswith("#"))


@functools.lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    from importlib import resources

    try:
        lines = (resources.files("chidao.extract") / "data" / "surnames.txt").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(unicodedata.normalize("NFC", ln.strip()) for ln in lines.splitlines()
                     if ln.strip() and not ln.startswith("#"))


@functools.lru_cache(maxsize=1)
def _place_phrases() -> frozenset[str]:
    """Folded names of provinces (and their aliases): the check that a glued header word
    (``TỈNHAN GIANG``, ``LAICHÂU``) splits into a known name."""
    from importlib import resources

    try:
        rows = list(csv.DictReader(io.StringIO(
            (resources.files("chidao.graph") / "data" / "provinces.csv").read_text(encoding="utf-8"))))
    except (OSError, KeyError):
        return frozenset()
    names = {r["name"] for r in rows if r.get("name")}
    names |= {a for r in rows for a in (r.get("aliases") or "").split(";") if a}
    return frozenset(_fold(n) for n in names if len(n.split()) >= 2)


@functools.lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Folded letter → every letter that folds to it (``o`` → ``oòóỏõọôồ…ơờ…``; ``d`` → ``dđ``)."""
    out: dict[str, str] = {}
    for code in range(0x61, 0x1EFA):
        ch = chr(code)
        if ch.isalpha() and ch.islower() and unicodedata.normalize("NFC", ch) == ch:
            base = _fold(ch)
            if len(base) == 1 and "a" <= base <= "z":
                out[base] = out.get(base, "") + ch
    return out


def _known(word: str) -> bool:
    low = word.lower()
    return low in _syllables() or _new_tones(low) in _syllables()


def _new_tones(word: str) -> str:
    for old, new in OLD_TONES.items():
        word = word.replace(old, new)
    return word


def _cased(fixed: str, seen: str) -> str:
    if seen.isupper():
        return fixed.upper()
    return "".join(c.upper() if s.isupper() else c for c, s in zip(fixed, seen, strict=True))


def _one_mark(word: str, known: Callable[[str], bool]) -> set[str]:
    """Words one letter's marks away (tone, hat, breve, horn, Đ/D) that ``known`` accepts, lower case."""
    low = word.lower()
    found = set()
    for i, ch in enumerate(low):
        for v in _variants().get(_fold(ch), ""):
            if v != ch and known(candidate := low[:i] + v + low[i + 1:]):
                found.add(candidate)
    return found


def _tone_count(word: str) -> int:
    return sum(ch in TONES for ch in unicodedata.normalize("NFD", word))


def _two_tones(word: str) -> set[str]:
    """A word with two tone marks is no Vietnamese syllable: the known words left by taking one tone
    away, or by dropping one of two neighbouring vowels read twice (``PHỚÓ`` → ``PHÓ``)."""
    low = word.lower()
    found = set()
    for i, ch in enumerate(low):
        decomposed = unicodedata.normalize("NFD", ch)
        if not set(decomposed) & TONES:
            continue
        bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        for candidate in (low[:i] + bare + low[i + 1:], low[:i] + low[i + 1:]):
            twice = len(candidate) == len(low) or any(_fold(ch) == _fold(n) for n in low[max(0, i - 1):i + 2:2])
            if candidate != low and twice and _tone_count(candidate) == 1 and _known(candidate):
                found.add(candidate)
    return found


def _one(candidates: set[str]) -> str | None:
    """The single candidate, counting old and new tone placement of one word as one."""
    by_word = {_new_tones(c): c for c in sorted(candidates)}
    return by_word.popitem()[1] if len(by_word) == 1 else None


NAME_LINE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]*\s){2,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")
"""A line of three to five capitalised words and nothing else: a person's name (the signer's)."""


def repair_words(line: str, after: str = "") -> tuple[str, int]:
    """Word repairs checked against known words; returns (line, repairs made). A word is repaired
    only when it is not known and exactly one known word is one mark away; an ambiguous word stays.

    - a mark no directive prints becomes the one it was read for (``„`` → ``,``);
    - a word with two tone marks (no syllable has two) loses the one that leaves exactly one known
      word (``HÒÀ`` → ``HOÀ``, ``PHỚÓ`` → ``PHÓ``);
    - a lower-case or capitals word not in the syllable inventory, one letter's marks away from
      exactly one known syllable (``huyễn`` → ``huyện`` if no other reading is known); a capitalised
      word is left (names are the words an inventory lacks);
    - the first word of a name line (three to five capitalised words), not a surname, one mark away
      from exactly one surname (``Cẩm Văn Chiến`` → ``Cầm Văn Chiến``);
    - a capitals word not known that splits into two known syllables in exactly one way that makes a
      province's name with its neighbour (``TỈNHAN GIANG`` → ``TỈNH AN GIANG``, ``LAICHÂU``).
    """
    if not _syllables():
        return line, 0
    count = 0
    for bad, good in SYMBOL_CONFUSIONS.items():
        count += line.count(bad)
        line = line.replace(bad, good)
    name = bool(NAME_LINE.match(line))
    words = list(WORD_TOKEN.finditer(line))
    out: list[str] = []
    last = 0
    for k, m in enumerate(words):
        word = m.group()
        fixed = None
        if name and k == 0 and word not in _surnames():
            fixed = _one(_one_mark(word, lambda c: c.capitalize() in _surnames()))
        elif _tone_count(word) >= 2:
            fixed = _one(_two_tones(word))
        elif not _known(word) and (word.islower() or (word.isupper() and len(word) > 1)):
            fixed = _one(_one_mark(word, _known))
            if fixed is None and word.isupper():
                following = words[k + 1].group() if k + 1 < len(words) else after
                fixed = _split(word, words[k - 1].group() if k else "", following)
        if fixed is not None:
            fixed = fixed if " " in fixed else _cased(fixed, word)
            out.append(line[last:m.start()] + fixed)
            last = m.end()
            count += 1
    if not out:
        return line, count
    return "".join(out) + line[last:], count


def _split(word: str, before: str, after: str) -> str | None:
    """``TỈNHAN`` (before ``GIANG``) → ``TỈNH AN``: the one split into two known syllables whose halves
    make a province's name, with each other or with the neighbouring word."""
    places = _place_phrases()
    found = []
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if not (_known(head) and _known(tail)):
            continue
        joined = {_fold(f"{head} {tail}"), _fold(f"{tail} {after}"), _fold(f"{before} {head}")}
        if joined & places:
            found.append(f"{head} {tail}")
    return found[0] if len(found) == 1 else None


# --- pages -------------------------------------------------------------------------------------


Raw = list[tuple[tuple[int, int], list[list[_Word]]]]
"""Per page: (width, height) and the words of each line as Tesseract gave them (what is cached, so
that a better layout step needs no new OCR)."""


def _ocr_images(path: Path, images: list[tuple[Path, int | None]]) -> Raw:
    """OCR each image (pages in parallel) → per page: size and words of each line."""
    exe, _ = _require(path)

    def one(item: tuple[Path, int | None]) -> Raw:
        image, dpi = item
        try:
            with tempfile.TemporaryDirectory(prefix="chidao-ocr-") as tmp:
                image, dpi, scale = _clean(image, dpi, Path(tmp))
                parsed = parse_tsv(_tesseract_tsv(exe, image, dpi))
            if scale != 1:
                parsed = {n: ((round(w / scale), round(h / scale)), [[_scaled(wd, scale) for wd in line] for line in lines])
                          for n, ((w, h), lines) in parsed.items()}
        except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
            raise ReadError(path, f"OCR failed ({' '.join(str(exc).split())[:120]})") from None
        return [(size, words) for _, (size, words) in sorted(parsed.items())]

    workers = min(jobs(), len(images)) or 1
    results: list[Raw] = []
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(one, item): i for i, item in enumerate(images)}
            by_index: dict[int, Raw] = {}
            for done, future in enumerate(as_completed(futures), 1):
                by_index[futures[future]] = future.result()
                _report(path, done, len(images))
            results = [by_index[i] for i in range(len(images))]
    else:
        for done, item in enumerate(images, 1):
            results.append(one(item))
            _report(path, done, len(images))
    return [page for result in results for page in result]


def _layout(raw: Raw, numbers: list[int] | None = None) -> list[tuple[tuple[int, int], list[list[Line]]]]:
    """Per page: size and blocks of lines in reading order (pages numbered from 1, or ``numbers``)."""
    out = []
    for i, (size, words) in enumerate(raw):
        page = numbers[i] if numbers else i + 1
        out.append((size, reading_order(_fragments(words, page))))
    return out


def _scaled(word: _Word, scale: float) -> _Word:
    return _Word(word.text, round(word.left / scale), round(word.top / scale), round(word.right / scale),
                 round(word.bottom / scale), word.conf)


def _clean(image: Path, dpi: int | None, folder: Path) -> tuple[Path, int | None, float]:
    """A single-page image at 300 dpi or more, in grey, with specks smoothed away (a 3×3 median,
    harmless to strokes at that resolution): what Tesseract reads best. A colour image (a photo of a
    stamped copy) goes as its red channel: the red stamp over the signature turns pale and the black
    text under it stays black, so the signer's block is read rather than lost under the stamp. Multi-page TIFFs and images
    Pillow cannot open go as they are. Boxes are given back in the image's own pixels (``scale``)."""
    try:
        from PIL import Image, ImageFilter
    except ImportError:
        return image, dpi, 1.0
    try:
        with Image.open(image) as img:
            if getattr(img, "n_frames", 1) > 1:
                return image, dpi, 1.0
            own = dpi or round(float((img.info.get("dpi") or (0, 0))[0] or 0)) or None
            scale = DPI / own if own and own < DPI else 1.0
            # a colour page: the red channel, where a red stamp is pale and black text stays black
            grey = img.convert("RGB").getchannel("R") if img.mode not in ("1", "L", "LA", "I", "I;16", "F") else img.convert("L")
            if scale != 1:
                grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
            target = folder / "clean.png"
            grey.filter(ImageFilter.MedianFilter(3)).save(target, dpi=(DPI, DPI))
            return target, round(own * scale) if own else None, scale
    except (OSError, ValueError, Image.DecompressionBombError):
        return image, dpi, 1.0


def _cache_key(raw: bytes, pages: list[int] | None, engine: str) -> str:
    spec = json.dumps([CACHE_VERSION, engine, LANG, DPI, pages])
    return hashlib.sha256(raw).hexdigest() + "-" + hashlib.sha256(spec.encode()).hexdigest()[:12]


def _cached(key: str) -> Raw | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        data = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return [((w, h), [[_Word(*word) for word in line] for line in lines]) for (w, h), lines in data]
    except (OSError, ValueError, TypeError):
        return None


def _store(key: str, pages: Raw) -> None:
    folder = cache_dir()
    if folder is None:
        return
    data = [[list(size), [[[w.text, w.left, w.top, w.right, w.bottom, w.conf] for w in line] for line in lines]]
            for size, lines in pages]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written costs time, not correctness


ITEM_NUMBER = re.compile(r"^(\d{1,2})[.)]\s")
NUMBER_READ_AS = re.compile(r"^([^\W\d_a-z])[.,]\s")
"""An item's number read as one capital or other letter with a stop or comma (``Ẵ, Tổ chức …`` for
``1. Tổ chức …``; ``S,`` for ``3.``); a lower-case ``a.`` / ``b)`` is a sub-item's letter, never this."""


def item_numbers(pages: list[list[list[Line]]]) -> tuple[list[list[list[Line]]], int]:
    """Item numbers that OCR misread, restored only where the numbering proves them: a line starting
    with a letter and a stop in the place of a number, between item n-1 and item n+1 (or before item
    2 with no item before it) becomes item n. A number lost without a trace is not put back (which
    paragraph it began cannot be proven), nor one at the end of a list (``1.``, ``2.``, ``S,``: 3 or 5?)."""
    flat = [(p, b, i) for p, page in enumerate(pages) for b, block in enumerate(page) for i in range(len(block))]
    line = {key: pages[key[0]][key[1]][key[2]] for key in flat}
    numbers = {k: int(m.group(1)) for k in flat if (m := ITEM_NUMBER.match(line[k].text))}
    count = 0
    out = [[list(block) for block in page] for page in pages]
    for at, key in enumerate(flat):
        m = NUMBER_READ_AS.match(line[key].text)
        if not m:
            continue
        before = [numbers[k] for k in flat[:at] if k in numbers]
        after = [numbers[k] for k in flat[at + 1:] if k in numbers]
        if not after:
            continue
        n = after[0] - 1
        if n >= 1 and (before[-1:] == [n - 1] or (n == 1 and not before)):
            p, b, i = key
            out[p][b][i] = replace(line[key], text=f"{n}. " + line[key].text[m.end():])
            count += 1
    return out, count


def _document(path: Path, raw: bytes, fmt: str, pages: list[tuple[tuple[int, int], list[list[Line]]]],
              engine: str) -> Document:
    repairs = 0
    fixed_pages = []
    for _, blocks in pages:  # line by line, so a repair that changes the length moves no other range
        fixed_blocks = []
        for block in blocks:
            fixed_block = []
            for i, ln in enumerate(block):
                wrapped = i + 1 < len(block) and block[i + 1].joins
                text, n = repair(ln.text, block[i + 1].text.split(" ", 1)[0] if wrapped else "")
                repairs += n
                fixed_block.append(replace(ln, text=text) if n else ln)
            fixed_blocks.append(fixed_block)
        fixed_pages.append(fixed_blocks)
    fixed_pages, numbered = item_numbers(fixed_pages)
    repairs += numbered
    text, ranges = assemble(fixed_pages)
    if not text.strip():
        raise ReadError(path, "scanned page(s) with no text found by OCR")
    layout = OcrLayout(engine=engine, dpi=DPI, pages=tuple(size for size, _ in pages),
                       ranges=tuple(ranges), repairs=repairs)
    doc = from_text(text, path=str(path), fmt=fmt, encoding=None, raw=raw)
    return ScannedDocument(path=doc.path, format=doc.format, source=doc.source, sha256=doc.sha256,
                           encoding=None, tracked=doc.tracked, layout=layout)


def read_image(path: Path) -> Document:
    """An image of a page (or a multi-page TIFF) → Document, through OCR."""
    if mode() == "never":
        raise ReadError(path, "an image needs OCR, which is off (--ocr never)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    _, engine = _require(path)
    key = _cache_key(raw, None, engine)
    pages = _cached(key)
    if pages is None:
        pages = _ocr_images(path, _image_pages(path))
        _store(key, pages)
    return _document(path, raw, "image", _layout(pages), engine)


def _image_pages(path: Path) -> list[tuple[Path, int | None]]:
    """The image itself; Tesseract reads every page of a TIFF and numbers them."""
    return [(path, None)]


def needs_ocr(page_texts: list[str]) -> list[int]:
    """Indexes of the PDF pages to OCR under the current mode (``auto``: pages without real text)."""
    current = mode()
    if current == "never":
        return []
    if current == "always":
        return list(range(len(page_texts)))
    return [i for i, t in enumerate(page_texts) if sum(ch.isalpha() for ch in t) < MIN_LETTERS]


def read_scanned_pdf(path: Path, raw: bytes, page_texts: list[str], todo: list[int]) -> Document:
    """A PDF some of whose pages (``todo``) are read by OCR; the others keep their text layer (as
    lines without a box)."""
    _, engine = _require(path)
    key = _cache_key(raw, todo, engine)
    scanned = _cached(key)
    if scanned is None:
        with tempfile.TemporaryDirectory(prefix="chidao-ocr-") as tmp:
            images = _render_pdf(path, raw, todo, Path(tmp))
            scanned = _ocr_images(path, [(img, DPI) for img in images])
        _store(key, scanned)
    by_index = dict(zip(todo, _layout(scanned, [i + 1 for i in todo]), strict=False))
    pages: list[tuple[tuple[int, int], list[list[Line]]]] = []
    for i, t in enumerate(page_texts):
        if i in by_index:
            pages.append(by_index[i])
        else:
            lines = [Line(s.strip(), i + 1, (0, 0, 0, 0)) for s in t.splitlines() if s.strip()]
            pages.append(((0, 0), [lines] if lines else []))
    doc = _document(path, raw, "pdf", pages, engine)
    layout = doc.layout
    ranges = tuple((s, e, p, None if b == (0, 0, 0, 0) else b) for s, e, p, b in layout.ranges)
    return replace(doc, layout=replace(layout, ranges=ranges))


def _render_pdf(path: Path, raw: bytes, indexes: list[int], folder: Path) -> list[Path]:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        pdfium = None
    out = []
    if pdfium is not None:
        try:
            pdf = pdfium.PdfDocument(raw)
            for i in indexes:  # pdfium is not thread-safe: render here, OCR in parallel
                target = folder / f"p{i + 1:05d}.png"
                pdf[i].render(scale=DPI / 72, grayscale=True).to_pil().save(target)
                out.append(target)
            pdf.close()
            return out
        except Exception as exc:  # pdfium raises PdfiumError on damage
            raise ReadError(path, f"cannot render scanned PDF pages ({type(exc).__name__})") from None
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise ReadError(path, "rendering scanned PDF pages needs pypdfium2 (pip install 'chidao[ocr]') "
                              "or poppler's pdftoppm (apt-get install poppler-utils)")
    source = folder / "in.pdf"
    source.write_bytes(raw)
    for i in indexes:
        prefix = folder / f"p{i + 1:05d}"
        result = subprocess.run([exe, "-r", str(DPI), "-gray", "-png", "-singlefile", "-f", str(i + 1),
                                 "-l", str(i + 1), str(source), str(prefix)], capture_output=True, timeout=600)
        if result.returncode != 0:
            raise ReadError(path, "cannot render scanned PDF pages (pdftoppm failed)")
        out.append(prefix.with_suffix(".png"))
    return out


# --- provenance in records ---------------------------------------------------------------------


def annotate(record: dict[str, Any], document: Document) -> dict[str, Any]:
    """Add ``source.ocr`` (engine, pages, line ranges) to a record read from a scan; others unchanged.

    The line ranges are offsets in the OCR text as read; :func:`locate` maps a fact's span (in the
    normalised text) through the Document to its page and box.
    """
    layout = getattr(document, "layout", None)
    if layout is not None:
        record.setdefault("source", {})["ocr"] = layout.as_json()
    return record


def locate(document: Document, start: int, end: int) -> list[dict[str, Any]]:
    """Page and line box of each line that the span ``[start, end)`` of ``document.text`` touches."""
    layout = getattr(document, "layout", None)
    if layout is None:
        return []
    s, e = document.source_span(start, end)
    return layout.at(s, e)
