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
    lines = text.split("\n")
    at = max((i for i, line in enumerate(lines) if line.startswith("Nơi nhận")), default=len(lines))
    closing: list[str] = []
    for line in lines[at:]:  # a cc item the text broke in two is one item (its column wraps it again)
        if closing and closing[-1].startswith("- ") and closing[-1][-1:] not in ";.:" and line[:2] != "- " and line and not line.isupper():
            closing[-1] += " " + line
        else:
            closing.append(line)
    parts = split_parts("\n".join(lines[:at] + closing))
    if parts.header_right:
        return parts
    at = next((i for i, line in enumerate(parts.header_left) if NATIONAL_OLD.match(line)), None)
    if at is None:
        return parts
    return Parts(parts.header_left[:at], parts.header_left[at:], parts.body, parts.closing_left, parts.closing_right)


def render_pages(text: str, dpi: int = 200, *, seed: int = 0, rotate: float = 0.6, specks: int = 400,
                 sign_space: int = 0, where: dict | None = None) -> list:
    """Pages (PIL images, mode L) of a normalised directive text; ``specks`` per page at 200 dpi (as
    many per square inch at any resolution). ``sign_space`` blank lines are left above the signer's
    name (room for a signature and stamp); ``where["signature"]`` gets (page, x, y) of the name's
    centre."""
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

    def columns(left_lines: list[str], right_lines: list[str], space: int = 0) -> None:
        lw = [w for line in left_lines for w in _wrap(line, font, column)]
        rw = [w for line in right_lines for w in _wrap(line, font, right_column)]
        if space and rw:
            rw[-1:-1] = [""] * space
            if where is not None:
                where["signature"] = (len(pages) - 1, left + text_width - right_column / 2,
                                      state["y"] + (len(rw) - 1) * leading + size // 2)
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
    columns(parts.closing_left, parts.closing_right, sign_space)
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


def render_photo(text: str, dpi: int = 200, *, seed: int = 0) -> list:
    """A phone photo of a signed, stamped paper copy: the page in colour, a blue signature and a red
    round stamp over the signer's block, paper lit unevenly, the sheet held at a slant (perspective
    skew), a grain of sensor noise. Save it with :func:`save_jpeg` for JPEG's artefacts."""
    from PIL import Image, ImageDraw, ImageFont

    where: dict = {}
    rng = random.Random(seed)
    pages = render_pages(text, dpi, seed=seed, rotate=0.0, specks=0, sign_space=4, where=where)
    out = []
    for number, grey in enumerate(pages):
        page = Image.merge("RGB", (grey, grey, grey))
        draw = ImageDraw.Draw(page, "RGBA")
        if where.get("signature", (None,))[0] == number:
            _, x, y = where["signature"]
            u = dpi / 100  # pixels per hundredth of an inch... times 100: one unit is 1/100 inch
            points = [(x - 60 * u + i * 6 * u, y - 70 * u + 22 * u * ((i * 7919 + seed) % 5 - 2) / 2) for i in range(20)]
            draw.line(points, fill=(25, 40, 150, 255), width=max(2, round(u)))
            r = 80 * u  # a stamp about 1.6 inch across, centred left of the signer's block
            cx, cy = x - 45 * u, y - 75 * u
            ring = (220, 30, 40, 170)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ring, width=round(6 * u))
            draw.ellipse((cx - r * 0.72, cy - r * 0.72, cx + r * 0.72, cy + r * 0.72), outline=ring, width=round(3 * u))
            star = [(cx + r * 0.3 * (1 if k % 2 == 0 else 0.45) * _cos(k * 36 - 90),
                     cy + r * 0.3 * (1 if k % 2 == 0 else 0.45) * _sin(k * 36 - 90)) for k in range(10)]
            draw.polygon(star, fill=ring)
            small = ImageFont.truetype(_font(10).path, round(7 * dpi / 72))
            for k, ch in enumerate("ỦY BAN NHÂN DÂN * VĂN PHÒNG *"):
                a = -200 + k * 12.5
                draw.text((cx + r * 0.86 * _cos(a) - 4 * u, cy + r * 0.86 * _sin(a) - 6 * u), ch, font=small, fill=ring)
        w, h = page.size
        dx, dy = 0.015 * w, 0.01 * h  # the far edge narrower: the phone held below the sheet's middle
        page = page.transform((w, h), Image.Transform.QUAD,
                              (rng.uniform(0, dx), rng.uniform(0, dy), rng.uniform(0, dx / 3), h - rng.uniform(0, dy),
                               w - rng.uniform(0, dx / 3), h - rng.uniform(0, dy), w - rng.uniform(0, dx), rng.uniform(0, dy)),
                              resample=Image.Resampling.BICUBIC, fillcolor=(90, 85, 80))
        shade = Image.linear_gradient("L").resize((w, h)).rotate(rng.uniform(20, 70), expand=False, fillcolor=128)
        light = Image.merge("RGB", [shade.point(lambda v, k=k: 255 - int(v * k)) for k in (0.30, 0.32, 0.38)])
        page = Image.composite(page, Image.new("RGB", (w, h), (0, 0, 0)), Image.new("L", (w, h), 255))
        from PIL import ImageChops
        page = ImageChops.multiply(page, light)  # a lamp on one side: paper from white to grey-yellow
        noise = _noise((w, h), 12, rng)
        page = ImageChops.add(page, Image.merge("RGB", (noise, noise, noise)), scale=1.0, offset=-128)
        out.append(page)
    return out


def _noise(size: tuple[int, int], sigma: float, rng: random.Random):
    """Grey sensor noise around 128 with deviation ``sigma``, from the seeded generator (Pillow's
    ``effect_noise`` draws from an unseeded one: the same photo came out different on every draw, and
    so did its OCR score). Uniform bytes mapped through the normal distribution's inverse."""
    from statistics import NormalDist

    from PIL import Image

    normal = NormalDist(128, sigma)
    table = [max(0, min(255, round(normal.inv_cdf((i + 0.5) / 256)))) for i in range(256)]
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(table)


def _cos(degrees: float) -> float:
    import math

    return math.cos(math.radians(degrees))


def _sin(degrees: float) -> float:
    import math

    return math.sin(math.radians(degrees))


def save_jpeg(pages: list, path: Path, dpi: int, quality: int = 60) -> Path:
    """The first page as a JPEG of middling quality, as a phone or a messaging app sends it."""
    pages[0].save(path, quality=quality, dpi=(dpi, dpi))
    return path


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
