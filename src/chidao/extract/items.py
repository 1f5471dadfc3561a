"""Stage 4: the body as measures — preamble, numbered items with their paragraphs, bullets, closing.

Item paths follow the document's own numbering (``3``, ``II.1``, ``3.b``); a bullet belongs to the
item above it; paragraphs after the last item that speak of the document as a whole
("Đề nghị các cơ quan … triển khai thực hiện", "… nội dung Thông báo kết luận") are closing measures
with no item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chidao.extract.layout import Layout, Line

ROMAN = re.compile(r"^(?P<label>[IVXLC]+)[.\-]\s+")
PART = re.compile(r"^(?P<label>(?:Phần|Chương|Mục)\s+[IVXLC\d]+)[.:\-]?\s+")
ARTICLE = re.compile(r"^Điều\s+(?P<label>\d+)[.:\-]?\s+")
DOTTED = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2})+)\.?\s+")
ARABIC = re.compile(r"^(?P<label>\d{1,2})(?:[.)]|-(?!\d))\s*(?=\S)")
LETTER = re.compile(r"^(?P<label>[a-zđ])[)\.]\s+")
BULLET = re.compile(r"^[-+•]\s*")

MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("part", 0, PART),
    ("roman", 1, ROMAN),
    ("article", 2, ARTICLE),
    ("dotted", 3, DOTTED),
    ("arabic", 2, ARABIC),
    ("letter", 4, LETTER),
)
"""Marker kind, nesting rank (lower is outer) and pattern. Tried in this order."""

CLOSING_CUE = re.compile(
    r"^(?:Đề nghị|Yêu cầu|Giao|Nhận được|Trong quá trình|Quá trình)\b"
    r"|\b(?:Công văn|Chỉ thị|Thông báo|Kế hoạch|Công điện|Kết luận|Quyết định|Hướng dẫn|văn bản)"
    r"\s+(?:này|kết luận)\b"
    r"|\bnội dung (?:Công văn|Chỉ thị|Thông báo|Kế hoạch|Công điện|Kết luận)"
)


@dataclass(frozen=True)
class Block:
    """One measure before assignment extraction."""

    kind: str  # preamble | item | bullet | closing
    item: str | None
    start: int
    end: int
    marker_end: int  # where the text after the number or bullet starts


MARKER_LETTERS = frozenset("IVXLC" "PCM" "Đ" "abcdefghijklmnopqrstuvwxyzđ")
"""The letters a marker can start with (ROMAN, PART, ARTICLE, LETTER; the others start with a digit)."""


def marker_of(text: str) -> tuple[str, int, str, int] | None:
    """(kind, rank, label, length of the marker) for a line that opens an item."""
    first = text[:1]
    if first not in MARKER_LETTERS and not first.isdecimal():  # \d is Unicode Nd, as isdecimal
        return None  # most lines: no pattern to try (issue 15)
    for kind, rank, pattern in MARKERS:
        m = pattern.match(text)
        if m:
            return kind, rank, m.group("label"), m.end()
    return None


def _path(stack: list[tuple[int, str, str]]) -> str:
    labels: list[str] = []
    for _, kind, label in stack:
        labels.append(label.split()[-1] if kind == "part" else label)
    return ".".join(labels)


def find_blocks(layout: Layout) -> list[Block]:
    lines = [ln for ln in layout.region_lines(layout.body) if ln.stripped]
    markers = [marker_of(ln.stripped) for ln in lines]  # each line's marker, read once
    last_marker = max((i for i, m in enumerate(markers) if m), default=-1)
    blocks: list[Block] = []
    stack: list[tuple[int, str, str]] = []
    current: list | None = None  # the open block's fields: a Block is made once, when it closes (issue 15)
    closing = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Block(*current))
            current = None

    for i, line in enumerate(lines):
        s = line.stripped
        lead = line.start + (len(line.text) - len(line.text.lstrip()))
        marker = None if closing else markers[i]
        if marker is not None:
            kind, rank, label, length = marker
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, kind, label))
            flush()
            current = ["item", _path(stack), lead, line.end, lead + length]
            continue
        bullet = BULLET.match(s)
        if bullet and not closing:
            flush()
            current = ["bullet" if stack else "preamble", _path(stack) if stack else None, lead, line.end,
                       lead + bullet.end()]
            continue
        if i > last_marker >= 0 and (closing or CLOSING_CUE.search(s)):
            closing = True
            flush()
            blocks.append(Block("closing", None, lead, line.end, lead))
            continue
        if current is None:
            current = ["preamble", None, lead, line.end, lead]
        else:
            current[3] = line.end  # the block runs on to this line's end
    flush()
    return blocks


def is_heading_line(line: Line) -> bool:
    return line.stripped.endswith(":")
