"""Word ``.docx`` → Document: paragraphs and tables in document order (python-docx, extra ``[docx]``).

Directives set their two-column header (issuer, number and subject on the left; the national title,
place and date on the right) and their closing (``Nơi nhận`` left, signature right) as borderless
tables. Such layout tables are read column by column, so the text comes out in the order of the sample
``.txt`` files: issuer and number before ``ĐẢNG CỘNG SẢN VIỆT NAM`` and the date. Other tables are
read row by row, one cell per line. Formatting (bold, italic, fonts) is dropped; running page headers
and footers, footnotes, comments and deleted revisions are not read.

The archive is checked before python-docx opens it: not a zip, no ``word/document.xml`` and zip
bombs (declared sizes and compression ratios in the zip directory) are refused with a ReadError.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from chidao.errors import ReadError
from chidao.loaders.document import Document, from_text
from chidao.loaders.legacy import repair_mojibake

MAX_UNCOMPRESSED = 200 * 1024 * 1024
"""Refuse archives whose members together expand beyond this (declared sizes in the zip directory)."""

MAX_RATIO = 100
"""Refuse a large member that expands more than this many times (XML compresses 5-20 times)."""

RATIO_MIN_SIZE = 1024 * 1024
"""Ratios are only checked for members at least this large once expanded."""

MAX_MEMBERS = 10_000

LAYOUT_MAX_ROWS = 6
"""A two-column table with at most this many rows and a header/closing anchor is page layout."""

LAYOUT_ANCHORS = re.compile(
    r"đảng cộng sản việt nam|cộng h(?:òa|oà) xã hội|độc lập|nơi nhận|kính gửi|^\s*số\s*(?::|\d)|ngày\s+\S+\s+tháng"
    r"|^\s*(?:t/m|k/t|t/l|tm\.|kt\.|tl\.|tuq\.?|q\.)\s",
    re.IGNORECASE | re.MULTILINE,
)


def read_docx(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    check_archive(raw, path)
    try:
        import docx
    except ImportError:
        raise ReadError(path, "reading .docx needs python-docx: pip install 'chidao[docx]'") from None
    try:
        document = docx.Document(io.BytesIO(raw))
        lines = list(_blocks(document.element.body))
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on damaged parts
        raise ReadError(path, f"not a readable .docx ({_short(exc)})") from None
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        raise ReadError(path, "no text in .docx")
    text, legacy = repair_mojibake(text)
    return from_text(text, path=str(path), fmt="docx", encoding=legacy, raw=raw)


def check_archive(raw: bytes, path: Path | str) -> None:
    """Refuse what is not a .docx, or would expand to far more than any directive, before parsing."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(path, "not a .docx (not a zip archive)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ReadError(path, f"refused: zip archive has {len(infos)} members")
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise ReadError(path, "not a .docx (no word/document.xml)")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise ReadError(path, f"refused: compressed content expands to {total // (1024 * 1024)} MB")
        for info in infos:
            if info.file_size >= RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise ReadError(path, f"refused: {info.filename} expands {ratio} times "
                                      f"to {info.file_size // (1024 * 1024)} MB")


def _short(exc: BaseException) -> str:
    message = " ".join(str(exc).split())[:100]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


# --- body walk ---------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, SDT, SDT_CONTENT, TR, TC = f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}sdtContent", f"{W}tr", f"{W}tc"
TEXT_BOX = f"{W}txbxContent"
SKIPPED = {f"{W}del", f"{W}moveFrom", f"{MC}Fallback", f"{W}pPr", f"{W}rPr", f"{W}instrText", f"{W}delText"}


def _blocks(container) -> Iterator[str]:
    """Lines of a body, cell or content control: paragraphs one per line, tables in place."""
    for child in container.iterchildren():
        if child.tag == P:
            yield from _paragraph(child)
        elif child.tag == TBL:
            yield ""
            yield from table_lines([[list(_blocks(tc)) for tc in _cells(tr)] for tr in child.iterchildren(TR)])
            yield ""
        elif child.tag == SDT:
            for content in child.iterchildren(SDT_CONTENT):
                yield from _blocks(content)


def _cells(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == TC:
            yield child
        elif child.tag == SDT:  # a content control wrapping cells
            for content in child.iterchildren(SDT_CONTENT):
                yield from (c for c in content.iterchildren(TC))


def _paragraph(p) -> Iterator[str]:
    """The paragraph's text (runs, hyperlinks, fields, insertions; tabs and breaks kept), then any text
    boxes anchored in it as lines of their own."""
    pieces: list[str] = []
    boxes: list = []
    _collect(p, pieces, boxes)
    yield "".join(pieces)
    for box in boxes:
        yield from _blocks(box)


def _collect(element, pieces: list[str], boxes: list) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED:
            continue
        if tag == f"{W}t":
            pieces.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            pieces.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            pieces.append("\n")
        elif tag == f"{W}noBreakHyphen":
            pieces.append("-")
        elif tag == TEXT_BOX:
            boxes.append(child)
        else:
            _collect(child, pieces, boxes)


# --- tables ------------------------------------------------------------------------------------------

def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """Lines of a table given as rows of cells of lines (shared with the HTML reader).

    A layout table (two columns, few rows, a header or closing anchor in it) is read column by column;
    any other table row by row, each cell on its own line(s), a blank line between rows.
    """
    rows = [row for row in rows if any(line.strip() for cell in row for line in cell)]
    if not rows:
        return []
    if is_layout_table(rows):
        out: list[str] = []
        for col in range(2):
            for row in rows:
                if col < len(row):
                    out += row[col]
            out.append("")
        return out
    out = []
    for row in rows:
        for cell in row:
            out += [line for line in cell if line.strip()]
        out.append("")
    return out


def is_layout_table(rows: list[list[list[str]]]) -> bool:
    if len(rows) > LAYOUT_MAX_ROWS or any(len(row) > 2 for row in rows) or all(len(row) < 2 for row in rows):
        return False
    text = "\n".join(line for row in rows for cell in row for line in cell)
    return LAYOUT_ANCHORS.search(text) is not None
