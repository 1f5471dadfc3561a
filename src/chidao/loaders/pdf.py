"""PDF with a text layer → Document (pypdf, extra ``[pdf]``).

Page texts are joined in page order. Page furniture is removed before the normaliser sees the text:
page-number lines (``2``, ``- 2 -``, ``Trang 2``, ``2/5``, ``Page 2 of 5``) and running headers or
footers, i.e. lines at the top or bottom of a page that recur (digits aside) on most pages. Lines the
page width wrapped are joined again (a full-width line that does not end a sentence continues on the
next line unless that starts a list item; ``;`` and ``,`` do not end a sentence), also across page breaks, so a name split over two lines
stays one name. What pypdf returns is otherwise kept as it is, including its spacing; glyph-mapping
errors of a badly made PDF (``cơng`` for ``công``) are not repaired here.

Pages whose text layer holds no real text (a scan) are read by OCR (``chidao.loaders.ocr``, mode
``CHIDAO_OCR``/``--ocr``: ``auto`` those pages, ``always`` every page, ``never`` none, and a PDF with
no text at all is then a ReadError). Damaged, truncated and password-protected files are ReadErrors
with a short reason.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from chidao.errors import ReadError
from chidao.loaders.document import Document, from_text
from chidao.loaders.legacy import repair_mojibake
from chidao.loaders.normalize import LIST_MARKER

TAIL_BYTES = 64 * 1024
"""A complete PDF ends with ``%%EOF`` (maybe followed by some padding) within this many bytes."""

EDGE_LINES = 3
"""How many non-blank lines at the top and at the bottom of a page may be running headers/footers."""

REPEAT_SHARE = 0.6
"""A line is furniture when it recurs at a page edge on at least this share of the pages…"""

REPEAT_MIN_PAGES = 2
"""…and on at least this many pages."""

PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:(?:Trang|Page|Tr\.)\s*)?\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
MIN_FULL = 40
"""Lines shorter than this never count towards the width of a full line."""

FULL_SHARE = 0.8
"""A line at least this share of the typical full line (90th percentile of lengths) was wrapped."""

SENTENCE_END = re.compile(r"[.:!?…]\W*$")
"""A full line ending a sentence may end its paragraph; one ending in ``,`` or ``;`` does not."""
LIST_START = re.compile(LIST_MARKER + r"\s")
MASK_MAX_CHARS = 80
DIGITS = re.compile(r"\d+")
SPACES = re.compile(r"\s+")


def read_pdf(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    if b"%PDF-" not in raw[:1024]:
        hint = "; looks like an HTML page" if raw.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else ""
        raise ReadError(path, f"not a readable PDF (no %PDF header{hint})")
    if b"%%EOF" not in raw[-TAIL_BYTES:]:
        raise ReadError(path, "not a readable PDF (truncated: no %%EOF marker at the end)")
    try:
        from pypdf import PdfReader
    except ImportError:
        raise ReadError(path, "reading .pdf needs pypdf: pip install 'chidao[pdf]'") from None
    pages = _page_texts(raw, path, PdfReader)
    from chidao.loaders import ocr

    scanned = ocr.needs_ocr(pages)
    if scanned:
        return ocr.read_scanned_pdf(path, raw, pages, scanned)
    if not any(page.strip() for page in pages):
        raise ReadError(path, "scanned PDF with no text layer (OCR is off: --ocr never)")
    text = "\n".join(join_wrapped(strip_furniture(pages))).strip()
    text, legacy = repair_mojibake(text)
    return from_text(text, path=str(path), fmt="pdf", encoding=legacy, raw=raw)


def _page_texts(raw: bytes, path: Path, reader_class) -> list[str]:
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pypdf warns on every repairable flaw; the reason goes in ReadError
    try:
        reader = reader_class(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # missing crypto backend, unknown algorithm
                opened = 0
            if not opened:
                raise ReadError(path, "encrypted PDF (a password is needed)")
        if len(reader.pages) == 0:
            raise ReadError(path, "not a readable PDF (no pages)")
        return [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(path, "not a readable PDF (objects nest too deeply)") from None
    except Exception as exc:  # pypdf raises PdfReadError, KeyError, ValueError, zlib.error … on damage
        raise ReadError(path, f"not a readable PDF ({_short(exc)})") from None
    finally:
        quiet.setLevel(level)


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split())[:100]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _key(line: str) -> str:
    """Lines compare with whitespace collapsed; short lines also with their numbers masked, so that
    ``Trang 2``/``Trang 3`` and ``Bản số 2``/``Bản số 3`` are the same running footer."""
    key = SPACES.sub(" ", line.strip()).lower()
    return DIGITS.sub("#", key) if len(key) <= MASK_MAX_CHARS else key


def strip_furniture(pages: list[str]) -> list[str]:
    """Drop page-number lines at page edges and lines repeated at the edges of most pages."""
    split = [page.splitlines() for page in pages]
    edges = [_edge_indexes(lines) for lines in split]
    counts: Counter[str] = Counter()
    for lines, idx in zip(split, edges, strict=True):
        counts.update({_key(lines[i]) for i in idx})
    needed = max(REPEAT_MIN_PAGES, REPEAT_SHARE * len(pages))
    repeated = {key for key, n in counts.items() if n >= needed and key}
    out = []
    for lines, idx in zip(split, edges, strict=True):
        drop = {i for i in idx if PAGE_NUMBER.match(lines[i]) or _key(lines[i]) in repeated}
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return out


def join_wrapped(pages: list[str]) -> list[str]:
    """The document's lines with width-wrapped lines joined (pages concatenated, blank lines kept)."""
    lines = [line.rstrip() for page in pages for line in [*page.split("\n"), ""]]
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= MIN_FULL)
    if len(lengths) < 2:
        return lines
    full = lengths[int(0.9 * (len(lengths) - 1))] * FULL_SHARE
    out: list[str] = []
    pending = False  # the last line in ``out`` wraps onto the next non-blank line
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if not pending:
                out.append("")
            continue
        if pending and not LIST_START.match(stripped):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
        pending = _wraps(stripped, full)
    return out


def _wraps(line: str, full: float) -> bool:
    return len(line) >= full and not SENTENCE_END.search(line)


def _edge_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))
