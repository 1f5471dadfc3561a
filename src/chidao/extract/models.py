"""What each stage finds: small frozen values, every one with the span it was read from.

Spans are ``(start, end)`` offsets into the normalised text (``Document.text``); ``quote`` is always
``text[start:end]``. The record assembler turns these into the contract's JSON shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    """A body, post, group or person as written."""

    name: str
    span: Span


@dataclass(frozen=True)
class Header:
    family: str | None = None  # "party" | "state"
    issuer: Mention | None = None
    superior: Mention | None = None
    number: str | None = None
    number_span: Span | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    year: int | None = None
    place: str | None = None
    date: str | None = None
    doc_type: str | None = None
    title_authority: Mention | None = None  # "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY"
    subject: str | None = None
    subject_span: Span | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature:
    name: Mention | None = None
    title: str | None = None
    capacity: str | None = None
    capacity_body: str | None = None  # "BAN THƯỜNG VỤ" after T/M, "CHỦ TỊCH" after K/T
    outer_body: str | None = None  # the T/M body when a K/T line follows it
    span: Span | None = None
    authority_span: Span | None = None  # the T/M (or outer) capacity line


@dataclass(frozen=True)
class Addressee:
    mention: Mention
    purpose: str | None = None  # "report", "execute", "inform", "cooperate", "direct", "archive", "as-above"


@dataclass(frozen=True)
class Assignment:
    mention: Mention
    role: str  # lead | cooperate | execute
    quote: str
    span: Span


@dataclass(frozen=True)
class Measure:
    ordinal: int
    item: str | None
    text: str
    span: Span
    kind: str  # "preamble" | "item" | "bullet" | "closing"
    assignments: tuple[Assignment, ...] = field(default=())


@dataclass(frozen=True)
class Accountability:
    who: Mention
    to: Mention
    quote: str
    span: Span


@dataclass(frozen=True)
class Reporting:
    who: Mention | None
    to: Mention
    cadence: str | None
    quote: str
    span: Span
