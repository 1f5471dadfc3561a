"""Every format gives the text of the .txt original: the four sample directives converted and read back.

The comparison is on normalised text with whitespace runs collapsed (a .docx paragraph or a wrapped PDF
line may break where the .txt had a space), and then on the extracted facts themselves.
"""

from __future__ import annotations

import re

import pytest

from chidao.loaders import read
from chidao.loaders.legacy import unicode_to_tcvn3, unicode_to_vni

from .conftest import SAMPLES, collapse, make_docx, make_html, make_pdf

NAMES = [p.stem for p in SAMPLES]


def _diff(expected: str, got: str) -> str:
    import difflib

    a, b = expected.split(), got.split()
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    return "; ".join(f"{tag}: {' '.join(a[i1:i2])[:80]!r} -> {' '.join(b[j1:j2])[:80]!r}"
                     for tag, i1, i2, j1, j2 in ops[:5])


def assert_same_text(expected: str, got: str) -> None:
    assert collapse(got) == collapse(expected), _diff(expected, got)


@pytest.mark.parametrize("name", NAMES)
def test_docx_reads_like_the_txt(tmp_path, samples, name) -> None:
    doc = read(make_docx(samples[name], tmp_path / f"{name}.docx"))
    assert (doc.format, doc.encoding) == ("docx", None)
    assert_same_text(samples[name], doc.text)


@pytest.mark.parametrize("name", NAMES)
def test_docx_header_table_reads_left_cell_then_right_cell(tmp_path, samples, name) -> None:
    """Issuer and number come before ĐẢNG CỘNG SẢN VIỆT NAM and the date, as in the .txt."""
    doc = read(make_docx(samples[name], tmp_path / f"{name}.docx"))
    expected = [line for line in samples[name].split("\n") if line.strip()][:6]
    assert [line for line in doc.text.split("\n") if line.strip()][:6] == expected


@pytest.mark.parametrize("name", NAMES)
def test_pdf_reads_like_the_txt(tmp_path, samples, vietnamese_font, name) -> None:
    doc = read(make_pdf(samples[name], tmp_path / f"{name}.pdf", vietnamese_font))
    assert doc.format == "pdf"
    assert_same_text(samples[name], doc.text)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("article", [True, False], ids=["article", "div"])
def test_html_reads_like_the_txt(tmp_path, samples, name, article) -> None:
    doc = read(make_html(samples[name], tmp_path / f"{name}.html", article=article))
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    assert_same_text(samples[name], doc.text)


@pytest.mark.parametrize("name", NAMES)
def test_vni_bytes_read_like_the_txt(tmp_path, samples, name) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(unicode_to_vni((SAMPLES[NAMES.index(name)]).read_text(encoding="utf-8")))
    doc = read(path)
    assert doc.encoding == "vni"
    assert doc.text == samples[name]


@pytest.mark.parametrize("name", NAMES)
def test_vni_mojibake_in_utf8_reads_like_the_txt(tmp_path, samples, name) -> None:
    path = tmp_path / f"{name}.txt"
    source = SAMPLES[NAMES.index(name)].read_text(encoding="utf-8")
    path.write_text(unicode_to_vni(source).decode("cp1252"), encoding="utf-8")
    doc = read(path)
    assert doc.encoding == "vni"
    assert doc.text == samples[name]


def _tcvn3_key(text: str) -> str:
    """TCVN3 has no codes for most capitals with tones (they were typed in …H fonts with the lower-case
    codes), so a capital such as Ủ can come back lower case: compare case-folded."""
    return collapse(text).casefold()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("as_mojibake", [False, True], ids=["bytes", "utf8-mojibake"])
def test_tcvn3_reads_like_the_txt(tmp_path, samples, name, as_mojibake) -> None:
    path = tmp_path / f"{name}.txt"
    encoded = unicode_to_tcvn3(SAMPLES[NAMES.index(name)].read_text(encoding="utf-8"))
    if as_mojibake:
        path.write_text(encoded.decode("cp1252"), encoding="utf-8")
    else:
        path.write_bytes(encoded)
    doc = read(path)
    assert doc.encoding == "tcvn3"
    assert _tcvn3_key(doc.text) == _tcvn3_key(samples[name])
    # headings in capitals come back in capitals (letters without a capital code are restored)
    for line in samples[name].split("\n")[:8]:
        if line.isupper() and len(line) > 8 and "Í" not in line:
            assert line in doc.text


def test_tcvn3_typed_in_a_docx(tmp_path, samples) -> None:
    """A Word file set in .VnTime stores the TCVN3 glyph positions as Latin-1 characters."""
    name = NAMES[3]
    doc = read(make_docx(samples[name], tmp_path / "vntime.docx",
                         transform=lambda line: unicode_to_tcvn3(line).decode("cp1252")))
    assert (doc.format, doc.encoding) == ("docx", "tcvn3")
    assert _tcvn3_key(doc.text) == _tcvn3_key(samples[name])


def _facts(value, key: str = ""):
    """A record without positions and provenance: what the graph would say."""
    if isinstance(value, dict):
        return {k: _facts(v, k) for k, v in value.items() if k not in ("span", "source", "warnings")}
    if isinstance(value, list):
        return [_facts(v) for v in value]
    if isinstance(value, str):
        return SHA_IN_ID.sub("sha", collapse(value))
    return value


SHA_IN_ID = re.compile(r"sha[-/][0-9a-f]{6,}")
"""Documents without a number are identified by their file's hash, which differs between formats."""


BUILDERS = {
    "docx": lambda text, path, font: make_docx(text, path.with_suffix(".docx")),
    "html": lambda text, path, font: make_html(text, path.with_suffix(".html")),
    "pdf": lambda text, path, font: make_pdf(text, path.with_suffix(".pdf"), font),
    "vni": lambda text, path, font: (path.with_suffix(".txt").write_bytes(unicode_to_vni(text)), path.with_suffix(".txt"))[1],
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", sorted(BUILDERS))
def test_extraction_gives_the_same_facts(tmp_path, samples, name, fmt) -> None:
    from chidao.extract import extract_file

    font = None
    if fmt == "pdf":
        from .conftest import font_path

        font = font_path()
        if font is None:
            pytest.skip("no TTF font with Vietnamese glyphs to build test PDFs")
    original = extract_file(SAMPLES[NAMES.index(name)])
    converted = extract_file(BUILDERS[fmt](samples[name], tmp_path / name, font))
    assert _facts(converted) == _facts(original)
