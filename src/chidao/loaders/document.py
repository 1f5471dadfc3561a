"""The one object every reader returns and every extraction stage reads."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from chidao.loaders.normalize import Tracked, fold_tones, normalize_tracked
from chidao.loaders.recover import recover_tracked


@dataclass(frozen=True)
class Document:
    """A directive as read: the decoded source text, its normalised form and the map between them.

    ``text`` (normalised, then its logical lines recovered) is what spans and quotes refer to; ``key`` is the same text with canonical tone
    placement (same length) for pattern matching; ``source_span`` maps a span back to ``source``.
    """

    path: str
    format: str
    source: str
    sha256: str
    encoding: str | None = None
    tracked: Tracked = field(repr=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.tracked is None:
            object.__setattr__(self, "tracked", recover_tracked(normalize_tracked(self.source)))

    @property
    def text(self) -> str:
        return self.tracked.text

    @cached_property
    def key(self) -> str:
        return fold_tones(self.text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return self.tracked.source_span(start, end)


def from_text(text: str, path: str = "<string>", fmt: str = "txt", encoding: str | None = "utf-8",
              raw: bytes | None = None) -> Document:
    """Build a Document from already-decoded text (readers for every format end here)."""
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    return Document(path=path, format=fmt, source=text, sha256=digest, encoding=encoding)
