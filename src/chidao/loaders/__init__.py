"""Readers: a file of any supported format → :class:`Document`.

Formats are chosen by suffix through ``READERS`` (name → module:function), imported lazily so the
optional libraries (python-docx, pypdf, BeautifulSoup) are only needed for the formats used.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chidao.errors import ReadError
from chidao.loaders.document import MAX_TEXT_CHARS, Document, from_text

READERS: dict[str, str] = {
    "txt": "chidao.loaders.formats:read_text_file",
    "md": "chidao.loaders.formats:read_text_file",
    "docx": "chidao.loaders.docx:read_docx",
    "pdf": "chidao.loaders.pdf:read_pdf",
    "html": "chidao.loaders.html:read_html",
    "image": "chidao.loaders.ocr:read_image",
}
"""Format name → ``module:function`` taking a Path and returning a Document."""

SUFFIXES: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
    ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}

MAX_BYTES = 200 * 1024 * 1024
"""Refuse files larger than this before reading them into memory. The text read from a file is
limited too, to MAX_TEXT_CHARS characters (``chidao.loaders.document``)."""


def guess_format(path: str | os.PathLike[str]) -> str | None:
    return SUFFIXES.get(Path(path).suffix.lower())


def _reader(fmt: str) -> Callable[[Path], Document]:
    module, _, func = READERS[fmt].partition(":")
    return getattr(importlib.import_module(module), func)


def read(path: str | os.PathLike[str], fmt: str | None = None) -> Document:
    """Read one file into a Document, or raise ReadError naming the file and the reason.

    Without ``fmt`` the format comes from the content where the first bytes are unambiguous (a PDF
    or a .docx named ``.txt``, an HTML page saved as ``.txt``), else from the suffix; the Document
    records the format actually read.
    """
    p = Path(path)
    guessed = fmt or guess_format(p)
    if fmt is None and guessed is None and p.suffix.lower() not in _SNIFFED_SUFFIXES:
        raise ReadError(p, f"unsupported file type {p.suffix or '(no suffix)'!r}")
    try:
        if not p.is_file():
            raise ReadError(p, "no such file" if not p.exists() else "not a regular file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(p, f"file larger than {MAX_BYTES // (1024 * 1024)} MB")
        if size == 0:
            raise ReadError(p, "empty file")
        if fmt is None:
            fmt = _choose(guessed, sniff(p))
    except OSError as exc:
        raise ReadError(p, exc.strerror or str(exc)) from None
    if fmt is None or fmt not in READERS:
        raise ReadError(p, f"unsupported file type {p.suffix or '(no suffix)'!r}")
    return _reader(fmt)(p)


def _choose(guessed: str | None, sniffed: str | None) -> str | None:
    """PDF and .docx content win over any suffix; an HTML page wins over text suffixes only (a page
    saved as ``.pdf`` is a failed download and should fail as a PDF)."""
    if sniffed in ("pdf", "docx"):
        return sniffed
    if sniffed == "html" and guessed in (None, "txt", "md"):
        return sniffed
    return guessed


_SNIFFED_SUFFIXES = {"", ".doc", ".rtf", ".dat", ".bin", ".tmp"}
"""Suffixes not registered but worth a look at the content (a saved download, an old Word file)."""

SNIFF_BYTES = 2048

_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])",
                         re.IGNORECASE | re.DOTALL)

_REFUSED_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Word/Excel file (OLE2 .doc/.xls) is not supported; save it as .docx"),
    (b"{\\rtf", "RTF is not supported; save it as .docx"),
)


def sniff(path: Path) -> str | None:
    """The format the first bytes prove (``pdf``, ``docx``, ``html``), or None to trust the suffix.

    Raises ReadError for formats recognised but not supported (OLE2 .doc, RTF).
    """
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    for magic, reason in _REFUSED_MAGIC:
        if head.startswith(magic):
            raise ReadError(path, reason)
    if head.lstrip(b"\x00\t\n\r \xef\xbb\xbf").startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(path) else None
    if _HTML_START.match(head):
        return "html"
    return None


def _is_docx(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.NameToInfo
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def iter_files(paths: Iterable[str | os.PathLike[str]],
               on_error: Callable[[Path, str], None] | None = None) -> Iterator[Path]:
    """Files named, and supported files below folders named (recursive, sorted, loop-safe).

    A folder that cannot be listed (no permission, an I/O error) is never skipped in silence: its
    files would be missing from the run with nothing said. ``on_error(folder, reason)`` is called and
    the walk goes on; without ``on_error`` the walk raises ReadError.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from _walk(p, seen, on_error)
        else:
            yield p


def _walk(root: Path, seen: set[tuple[int, int]], on_error: Callable[[Path, str], None] | None) -> Iterator[Path]:
    try:
        st = root.stat()
        if (st.st_dev, st.st_ino) in seen:
            return
        seen.add((st.st_dev, st.st_ino))
        entries = sorted(root.iterdir())
    except OSError as exc:
        reason = f"cannot list this folder ({exc.strerror or exc}); its files were not read"
        if on_error is None:
            raise ReadError(root, reason) from None
        on_error(root, reason)
        return
    unreadable, error = 0, None
    for entry in entries:
        if entry.name.startswith((".", "~$")):  # hidden files, Office lock files (~$công văn.docx)
            continue
        try:
            is_dir = stat.S_ISDIR(entry.stat().st_mode)
        except PermissionError as exc:  # listed but not entered (a folder with r but not x)
            unreadable += 1
            error = exc
            continue
        except OSError:  # removed while we walk, a dangling link, a link loop: reading it says so
            is_dir = False
        if is_dir:
            yield from _walk(entry, seen, on_error)
        elif guess_format(entry) in READERS:
            yield entry
    if unreadable:
        reason = (f"cannot enter this folder ({getattr(error, 'strerror', None) or error}); "
                  f"{unreadable} of its entries were not read")
        if on_error is None:
            raise ReadError(root, reason) from None
        on_error(root, reason)


__all__ = ["MAX_TEXT_CHARS", "Document", "READERS", "ReadError", "from_text", "guess_format", "iter_files", "read", "sniff"]
