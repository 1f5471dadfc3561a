"""Builders for the reader tests: each sample directive as .docx, .pdf, .html, TCVN3 and VNI copies.

Inputs are made inside the tests from examples/directives/*.txt, so nothing binary is checked in. The
builders lay a directive out the way real files do: the two-column header and the Nơi nhận/signature
block as two-cell tables in .docx, wrapped lines with page numbers and a running header in .pdf, an
article between navigation, scripts and a footer in .html.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from chidao.loaders import read

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "examples" / "directives").glob("*.txt"))
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)


def collapse(text: str) -> str:
    """Compare texts the way the facts see them: whitespace runs (line breaks too) as one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Parts:
    """A normalised directive cut the way a .docx lays it out."""

    header_left: list[str]
    header_right: list[str]
    body: list[str]
    closing_left: list[str]
    closing_right: list[str]


NATIONAL = re.compile(r"^(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI)")


def split_parts(text: str) -> Parts:
    lines = [line for line in text.split("\n") if line.strip()]
    h = next(i for i, line in enumerate(lines)
             if "Kính gửi" in line or len(line) >= 150 or line.startswith("- "))
    header = lines[:h]
    nat = next((i for i, line in enumerate(header) if NATIONAL.match(line)), len(header))
    c = max(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    closing = lines[c:]
    k = 1
    while k < len(closing) and closing[k].startswith("- "):
        k += 1
    return Parts(header[:nat], header[nat:], lines[h:c], closing[:k], closing[k:])


@pytest.fixture(scope="session")
def samples() -> dict[str, str]:
    """Sample name → normalised text of the .txt original (what every converted copy must give)."""
    return {p.stem: read(p).text for p in SAMPLES}


# --- .docx ---------------------------------------------------------------------------------------

def make_docx(text: str, path: Path, transform=None) -> Path:
    """``transform`` rewrites each line after the layout is decided (e.g. into .VnTime mojibake)."""
    docx = pytest.importorskip("docx")
    parts = split_parts(text)
    if transform is not None:
        parts = Parts(*([transform(line) for line in lines] for lines in (
            parts.header_left, parts.header_right, parts.body, parts.closing_left, parts.closing_right)))
    document = docx.Document()
    _two_cells(document, parts.header_left, parts.header_right)
    for i, line in enumerate(parts.body):
        paragraph = document.add_paragraph()
        if i % 3 == 0 and len(line) > 30:  # formatting runs must read as plain text
            paragraph.add_run(line[:10]).bold = True
            paragraph.add_run(line[10:20]).italic = True
            paragraph.add_run(line[20:])
        else:
            paragraph.add_run(line)
    _two_cells(document, parts.closing_left, parts.closing_right)
    document.save(path)
    return path


def _two_cells(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0] if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(line)


# --- .pdf ----------------------------------------------------------------------------------------

def font_path() -> str | None:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=vi", "file"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            file = line.split(":")[0].strip()
            if file.lower().endswith(".ttf"):
                return file
    return None


@pytest.fixture(scope="session")
def vietnamese_font() -> str:
    path = font_path()
    if path is None:
        pytest.skip("no TTF font with Vietnamese glyphs (install fonts-dejavu-core) to build test PDFs")
    return path


RUNNING_HEADER = "Bản sao điện tử - Văn phòng Tỉnh ủy"


def make_pdf(text: str, path: Path, font: str, *, page_numbers: bool = True, running_header: bool = True) -> Path:
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "ChidaoTest" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ChidaoTest", font))
    width, height = A4
    margin, size, leading = 60, 11, 15
    c = canvas.Canvas(str(path), pagesize=A4)
    page = 1

    def furniture() -> None:
        c.setFont("ChidaoTest", 9)
        if running_header:
            c.drawCentredString(width / 2, height - 35, RUNNING_HEADER)
        if page_numbers:
            c.drawCentredString(width / 2, 30, f"- {page} -")
        c.setFont("ChidaoTest", size)

    furniture()
    y = height - margin
    for line in text.split("\n"):
        for piece in simpleSplit(line, "ChidaoTest", size, width - 2 * margin) or [""]:
            if y < margin:
                c.showPage()
                page += 1
                furniture()
                y = height - margin
            c.drawString(margin, y, piece)
            y -= leading
    c.save()
    return path


# --- .html ---------------------------------------------------------------------------------------

def make_html(text: str, path: Path, *, article: bool = True, charset: str = "utf-8") -> Path:
    from html import escape

    parts = split_parts(text)

    def cell(lines: list[str]) -> str:
        return "".join(f"<p><b>{escape(line)}</b></p>" for line in lines)

    body = "\n".join(f"<p>{escape(line)}</p>" for line in parts.body)
    content = (
        f'<table class="header"><tr><td>{cell(parts.header_left)}</td><td>{cell(parts.header_right)}</td></tr></table>\n'
        f"{body}\n"
        f'<table><tr><td>{cell(parts.closing_left)}</td><td>{cell(parts.closing_right)}</td></tr></table>'
    )
    wrapper = f"<article>{content}</article>" if article else f'<div class="detail-content">{content}</div>'
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Công văn - Cổng thông tin</title>
<style>p {{ margin: 0 }} .x {{ color: red }}</style>
<script>var html = "<p>không phải nội dung</p>"; if (1 < 2) {{ console.log("x"); }}</script></head>
<body>
<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li><li>Văn bản</li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> › Văn bản chỉ đạo</div>
<div class="main">{wrapper}
<div class="related"><h3>Tin liên quan</h3><p>Hội nghị sơ kết công tác phòng, chống dịch quý III.</p></div>
<aside><p>{'Bài viết được xem nhiều nhất trong tuần. ' * 20}</p></aside>
<form><input name="q"><p>Tìm kiếm văn bản</p></form>
</div>
<noscript><p>Trình duyệt của bạn không hỗ trợ JavaScript.</p></noscript>
<footer><p>{'Bản quyền thuộc Văn phòng Tỉnh ủy. Ghi rõ nguồn khi phát hành lại thông tin. ' * 10}</p></footer>
<script src="/app.js"></script>
</body></html>
"""
    path.write_bytes(page.encode(charset))
    return path
