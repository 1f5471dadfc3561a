"""The one object every reader returns and every extraction stage reads."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from chidao.errors import ReadError
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


MAX_TEXT_CHARS = 2_000_000
"""The longest text read as one directive, in characters (about 2.6 MB of Vietnamese in UTF-8). The
longest real directive we hold is under 20,000; a text 100 times that is a compilation, a log or an
attack, and refusing it keeps one file's parse within seconds (docs/performance.md, issue 12)."""


def too_long(text: str) -> str | None:
    """The one-line reason a text is refused for its length, or None when it is not too long."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return f"text too long: {len(text):,} characters, the limit for one directive is {MAX_TEXT_CHARS:,}"


def from_text(text: str, path: str = "<string>", fmt: str = "txt", encoding: str | None = "utf-8",
              raw: bytes | None = None) -> Document:
    """Build a Document from already-decoded text (readers for every format end here).

    Raises ReadError for a text longer than MAX_TEXT_CHARS, before normalising it."""
    reason = too_long(text)
    if reason is not None:
        raise ReadError(path, reason)
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    return Document(path=path, format=fmt, source=text, sha256=digest, encoding=encoding)
