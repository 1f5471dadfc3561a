"""Fake scans for the OCR tests and bench: a directive drawn on A4 pages as a paper copy looks.

The two-column header (issuer, number and subject left; national motto and place/date right) and
the closing (Nơi nhận left, signature right) are drawn side by side, the body full width with its
lines wrapped, a page number at the top of pages after the first. Then each page is turned a little
and sprinkled with specks (a seeded generator: the same input gives the same image), so what the
OCR sees is what a flatbed scan of a printed copy gives, without any binary checked in.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from .conftest import Parts, font_path, split_parts

A4_INCHES = (8.27, 11.69)
FONT_POINTS = 12


def _font(size: int):
    from PIL import ImageFont

    path = font_path()
    if path is None:
        raise RuntimeError("no TTF font with Vietnamese glyphs (install fonts-dejavu-core)")
    serif = Path(path).with_name("DejaVuSerif.ttf")
    return ImageFont.truetype(str(serif if serif.is_file() else path), size)


def _wrap(text: str, font, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


NATIONAL_OLD = re.compile(r"^(?:ĐẢNG CỘNG SẢN|CỘNG H(?:ÒA|OÀ) XÃ HỘI)")
"""The national title also in the old tone placement (``CỘNG HOÀ``), which ``split_parts`` does not
know: without it the whole header would be drawn as one narrow column."""


def _parts(text: str) -> Parts:
    parts = split_parts(text)
    if parts.header_right:
        return parts
    at = next((i for i, line in enumerate(parts.header_left) if NATIONAL_OLD.match(line)), None)
    if at is None:
        return parts
    return Parts(parts.header_left[:at], parts.header_left[at:], parts.body, parts.closing_left, parts.closing_right)


def render_pages(text: str, dpi: int = 200, *, seed: int = 0, rotate: float = 0.6, specks: int = 400) -> list:
    """Pages (PIL images, mode L) of a normalised directive text; ``specks`` per page at 200 dpi (as
    many per square inch at any resolution)."""
    from PIL import Image, ImageDraw

    parts = _parts(text)
    width, height = int(A4_INCHES[0] * dpi), int(A4_INCHES[1] * dpi)
    size = round(FONT_POINTS * dpi / 72)
    font = _font(size)
    leading = round(size * 1.45)
    left, right, top, bottom = int(1.1 * dpi), int(0.8 * dpi), int(0.8 * dpi), int(0.8 * dpi)
    text_width = width - left - right
    column, right_column = int(text_width * 0.42), int(text_width * 0.56)  # the motto and date are wider
    pages: list[Image.Image] = []
    state = {"y": top, "draw": None}

    def new_page() -> None:
        page = Image.new("L", (width, height), 255)
        pages.append(page)
        state["draw"] = ImageDraw.Draw(page)
        state["y"] = top
        if len(pages) > 1:  # page number at the top, as Party documents print it
            number = f"{len(pages)}"
            w = font.getlength(number)
            state["draw"].text(((width - w) / 2, top // 2), number, font=font, fill=0)

    def room(n: int) -> None:
        if state["y"] + n * leading > height - bottom:
            new_page()

    def columns(left_lines: list[str], right_lines: list[str]) -> None:
        lw = [w for line in left_lines for w in _wrap(line, font, column)]
        rw = [w for line in right_lines for w in _wrap(line, font, right_column)]
        room(max(len(lw), len(rw)))
        y0 = state["y"]
        for i, line in enumerate(lw):
            state["draw"].text((left + (column - font.getlength(line)) / 2, y0 + i * leading), line, font=font, fill=0)
        for i, line in enumerate(rw):
            x = left + text_width - right_column + (right_column - font.getlength(line)) / 2
            state["draw"].text((x, y0 + i * leading), line, font=font, fill=0)
        state["y"] = y0 + (max(len(lw), len(rw)) + 1) * leading

    new_page()
    columns(parts.header_left, parts.header_right)
    for paragraph in parts.body:
        for line in _wrap(paragraph, font, text_width):
            room(1)
            state["draw"].text((left, state["y"]), line, font=font, fill=0)
            state["y"] += leading
        state["y"] += leading // 3
    state["y"] += leading
    columns(parts.closing_left, parts.closing_right)
    rng = random.Random(seed)
    out = []
    for page in pages:
        angle = rng.uniform(-rotate, rotate)
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        draw = ImageDraw.Draw(page)
        for _ in range(round(specks * (dpi / 200) ** 2)):  # the same paper's specks at any resolution
            x, y, r = rng.randrange(width), rng.randrange(height), rng.choice((1, 1, 2))
            draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(0, 120))
        out.append(page)
    return out


def save_png(pages: list, path: Path, dpi: int) -> Path:
    pages[0].save(path, dpi=(dpi, dpi))
    return path


def save_tiff(pages: list, path: Path, dpi: int) -> Path:
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(dpi, dpi), compression="tiff_lzw")
    return path


def save_pdf(pages: list, path: Path, dpi: int) -> Path:
    """An image-only PDF, one page image per page, as a scanner writes it."""
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return path
