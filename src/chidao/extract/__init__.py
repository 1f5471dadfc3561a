"""Directive → record: staged extraction (layout → header → closing → items → assignments → record).

``extract_record(document)`` returns one record in the shape of ``data/directive-record.schema.json``;
``extract_file(path)`` reads the file first. Neither raises on unusual text: what cannot be found is
``null`` in the record and a line in ``warnings``.
"""

from __future__ import annotations

import os
from typing import Any

from chidao.errors import ExtractionError
from chidao.loaders import read
from chidao.loaders.document import Document, too_long


def extract_record(document: Document) -> dict[str, Any]:
    """The record of one Document; raises ExtractionError for a text longer than MAX_TEXT_CHARS (a
    Document built directly, not through a reader, which refuses it first)."""
    from chidao.extract.record import extract_record as _extract

    reason = too_long(document.text)
    if reason is not None:
        raise ExtractionError(f"{document.path}: {reason}")
    return _extract(document)


def extract_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and extract one file; raises ReadError (one line, naming the file) if it cannot be read."""
    return extract_record(read(path))


__all__ = ["extract_file", "extract_record"]
