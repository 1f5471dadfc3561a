"""Readers: a file of any supported format → :class:`Document`.

Formats are chosen by suffix through ``READERS`` (name → module:function), imported lazily so the
optional libraries (python-docx, pypdf, BeautifulSoup) are only needed for the formats used.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chidao.errors import ReadError
from chidao.loaders.document import Document, from_text

READERS: dict[str, str] = {
    "txt": "chidao.loaders.formats:read_text_file",
    "md": "chidao.loaders.formats:read_text_file",
}
"""Format name → ``module:function`` taking a Path and returning a Document."""

SUFFIXES: dict[str, str] = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}

MAX_BYTES = 200 * 1024 * 1024
"""Refuse files larger than this before reading them into memory."""


def guess_format(path: str | os.PathLike[str]) -> str | None:
    return SUFFIXES.get(Path(path).suffix.lower())


def _reader(fmt: str) -> Callable[[Path], Document]:
    module, _, func = READERS[fmt].partition(":")
    return getattr(importlib.import_module(module), func)


def read(path: str | os.PathLike[str], fmt: str | None = None) -> Document:
    """Read one file into a Document, or raise ReadError naming the file and the reason."""
    p = Path(path)
    fmt = fmt or guess_format(p)
    if fmt is None or fmt not in READERS:
        raise ReadError(p, f"unsupported file type {p.suffix or '(no suffix)'!r}")
    try:
        if not p.is_file():
            raise ReadError(p, "no such file" if not p.exists() else "not a regular file")
        if p.stat().st_size > MAX_BYTES:
            raise ReadError(p, f"file larger than {MAX_BYTES // (1024 * 1024)} MB")
    except OSError as exc:
        raise ReadError(p, exc.strerror or str(exc)) from None
    return _reader(fmt)(p)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named, and supported files below folders named (recursive, sorted, loop-safe)."""
    seen: set[tuple[int, int]] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from _walk(p, seen)
        else:
            yield p


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    try:
        st = root.stat()
    except OSError:
        return
    if (st.st_dev, st.st_ino) in seen:
        return
    seen.add((st.st_dev, st.st_ino))
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif guess_format(entry) in READERS:
            yield entry


__all__ = ["Document", "READERS", "ReadError", "from_text", "guess_format", "iter_files", "read"]
