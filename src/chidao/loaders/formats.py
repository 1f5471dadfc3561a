"""Reader functions registered in ``chidao.loaders.READERS``."""

from __future__ import annotations

from pathlib import Path

from chidao.errors import ReadError
from chidao.loaders.document import Document, from_text
from chidao.loaders.text import decode


def read_text_file(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    if not raw.strip():
        raise ReadError(path, "empty file")
    text, encoding = decode(raw, str(path))
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    return from_text(text, path=str(path), fmt=fmt, encoding=encoding, raw=raw)
