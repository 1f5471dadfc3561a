"""What each reader keeps and drops, on small hand-made inputs (tables of input → expected)."""

from __future__ import annotations

import copy

import pytest

from chidao.loaders import read
from chidao.loaders.docx import is_layout_table, table_lines
from chidao.loaders.pdf import join_wrapped, strip_furniture

# --- table reading order (shared by .docx and .html) -------------------------------------------------


def cells(*rows: tuple[str, ...]) -> list[list[list[str]]]:
    return [[cell.split("\n") for cell in row] for row in rows]


TABLES = [
    # the directive header: left cell, then right cell
    (cells(("TỈNH ỦY ĐỒNG NAI\n*\nSố 1747-CV/TU", "ĐẢNG CỘNG SẢN VIỆT NAM\nĐồng Nai, ngày 22 tháng 7 năm 2021")),
     ["TỈNH ỦY ĐỒNG NAI", "*", "Số 1747-CV/TU", "", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Nai, ngày 22 tháng 7 năm 2021", ""]),
    # the same header as a 2 x 2 grid: still column by column
    (cells(("UBND TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("Số: 12/UBND-VP", "Lai Châu, ngày 3 tháng 4 năm 2021")),
     ["UBND TỈNH LAI CHÂU", "Số: 12/UBND-VP", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lai Châu, ngày 3 tháng 4 năm 2021", ""]),
    # the closing: Nơi nhận, then the signature
    (cells(("Nơi nhận:\n- Như trên,\n- Lưu VPTU.", "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nHồ Thanh Sơn")),
     ["Nơi nhận:", "- Như trên,", "- Lưu VPTU.", "", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Hồ Thanh Sơn", ""]),
    # a data table: row by row, one cell per line
    (cells(("TT", "Nội dung", "Cơ quan chủ trì", "Thời hạn"), ("1", "Rà soát", "Sở Y tế", "30/6/2021")),
     ["TT", "Nội dung", "Cơ quan chủ trì", "Thời hạn", "", "1", "Rà soát", "Sở Y tế", "30/6/2021", ""]),
    # two columns without a header/closing anchor: data, row by row
    (cells(("Đơn vị", "Số lượng"), ("Huyện A", "12")),
     ["Đơn vị", "Số lượng", "", "Huyện A", "12", ""]),
    # empty rows vanish
    (cells(("", ""), ("a", "b"), ("", "")), ["a", "b", ""]),
    (cells(("", "")), []),
]


@pytest.mark.parametrize(("rows", "expected"), TABLES)
def test_table_lines(rows, expected) -> None:
    assert table_lines(rows) == expected


def test_long_two_column_tables_are_data() -> None:
    rows = cells(*[("Số " + str(i), "ngày 1 tháng 1") for i in range(10)])
    assert not is_layout_table(rows)


# --- .docx ---------------------------------------------------------------------------------------

docx = pytest.importorskip("docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with(tmp_path, *xml_paragraphs: str):
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    for xml in xml_paragraphs:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    path = tmp_path / "t.docx"
    document.save(path)
    return path


def p(inner: str) -> str:
    return (f'<w:p xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{inner}</w:p>')


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


DOCX_CASES = [
    ("runs with formatting", p(r("Ban ") + '<w:r><w:rPr><w:b/></w:rPr><w:t>Thường vụ</w:t></w:r>' + r(" Tỉnh ủy")),
     "Ban Thường vụ Tỉnh ủy"),
    ("hyperlink", p(r("Xem ") + f'<w:hyperlink r:id="rId99">{r("Chỉ thị số 16-CT/TTg")}</w:hyperlink>'),
     "Xem Chỉ thị số 16-CT/TTg"),
    ("tracked insertion kept, deletion dropped",
     p(r("Giao ") + f'<w:ins w:id="1" w:author="a">{r("Sở Y tế")}</w:ins>'
       + '<w:del w:id="2" w:author="a"><w:r><w:delText>Sở Tài chính</w:delText></w:r></w:del>' + r(" chủ trì")),
     "Giao Sở Y tế chủ trì"),
    ("line break and tab", p(r("T/M BAN THƯỜNG VỤ") + "<w:r><w:br/></w:r>" + r("PHÓ BÍ THƯ")),
     "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"),
    ("field result kept, field code dropped",
     p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
       '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("Trang một") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
     "Trang một"),
    ("non-breaking hyphen", p(r("Covid") + "<w:r><w:noBreakHyphen/></w:r>" + r("19")), "Covid-19"),
    ("text box after its paragraph, not twice",
     p(r("Đoạn văn") + '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
       + p(r("Hộp chữ: ĐẢNG CỘNG SẢN VIỆT NAM")) + '</w:txbxContent></w:drawing></mc:Choice>'
       '<mc:Fallback><w:pict><w:txbxContent>' + p(r("Hộp chữ: ĐẢNG CỘNG SẢN VIỆT NAM"))
       + '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>'),
     "Đoạn văn\nHộp chữ: ĐẢNG CỘNG SẢN VIỆT NAM"),
]


@pytest.mark.parametrize(("label", "xml", "expected"), DOCX_CASES, ids=[c[0] for c in DOCX_CASES])
def test_docx_paragraph_content(tmp_path, label, xml, expected) -> None:
    assert read(_docx_with(tmp_path, xml)).source.strip() == expected


def test_docx_content_control_and_nested_table_in_order(tmp_path) -> None:
    document = docx.Document()
    document.add_paragraph("Mở đầu.")
    outer = document.add_table(rows=1, cols=3)
    outer.cell(0, 0).text = "A"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "B1"
    inner.cell(0, 1).text = "B2"
    outer.cell(0, 2).text = "C"
    sdt = copy.deepcopy(document.add_paragraph("Trong điều khiển nội dung.")._p)
    document.element.body.remove(document.element.body[-2])
    from docx.oxml import parse_xml

    wrapper = parse_xml(f'<w:sdt xmlns:w="{W}"><w:sdtContent/></w:sdt>')
    wrapper[0].append(sdt)
    document.element.body.insert(len(document.element.body) - 1, wrapper)
    document.add_paragraph("Kết thúc.")
    document.save(tmp_path / "t.docx")
    lines = [line for line in read(tmp_path / "t.docx").text.split("\n") if line]
    assert lines == ["Mở đầu.", "A", "B1", "B2", "C", "Trong điều khiển nội dung.", "Kết thúc."]


def test_docx_running_header_and_footer_are_not_read(tmp_path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "VĂN PHÒNG TỈNH ỦY - BẢN SAO"
    section.footer.paragraphs[0].text = "Trang 1"
    document.add_paragraph("Nội dung chính.")
    document.save(tmp_path / "t.docx")
    assert read(tmp_path / "t.docx").text == "Nội dung chính."


def test_docx_with_no_text(tmp_path) -> None:
    from chidao.errors import ReadError

    docx.Document().save(tmp_path / "blank.docx")
    with pytest.raises(ReadError, match="no text in .docx"):
        read(tmp_path / "blank.docx")


# --- .pdf page furniture and wrapped lines -----------------------------------------------------------------

WORDS = ["Giao", "Sở", "Y", "tế", "chủ", "trì,", "phối", "hợp", "với", "các", "cơ", "quan", "liên", "quan", "thường", "xuyên", "nắm", "tình", "hình", "triển", "khai", "thực", "hiện", "và", "báo", "cáo", "Ban", "Thường", "vụ", "Tỉnh", "ủy", "kết", "quả", "thực", "hiện", "Công", "văn", "này"]


def body_line(n: int, j: int) -> str:
    return " ".join(WORDS[(n * 7 + j * 3) % len(WORDS):][:6]) + f" {n}.{j}"


def page(n: int, *, top: list[str] = (), bottom: list[str] = ()) -> str:
    return "\n".join([*top, *(body_line(n, j) for j in range(6)), *bottom])


@pytest.mark.parametrize("number", ["{n}", "- {n} -", "– {n} –", "Trang {n}", "{n}/5", "Page {n} of 5", "Trang {n}/5"])
def test_page_numbers_are_dropped(number) -> None:
    pages = [page(n, bottom=[number.format(n=n)]) for n in range(1, 6)]
    for n, out in zip(range(1, 6), strip_furniture(pages), strict=True):
        assert out.split("\n") == [body_line(n, j) for j in range(6)]


def test_running_header_and_footer_are_dropped_but_content_kept() -> None:
    pages = [page(n, top=["CÔNG VĂN SỐ 761-CV/TU"], bottom=[f"Bản sao số {n} - lưu hành nội bộ"]) for n in range(1, 5)]
    out = strip_furniture(pages)
    assert not any("CÔNG VĂN SỐ" in o or "lưu hành nội bộ" in o for o in out)
    assert all(body_line(n, 0) in o and body_line(n, 5) in o for n, o in enumerate(out, 1))


def test_a_line_repeated_in_the_middle_of_pages_is_content() -> None:
    pages = ["Mở\nA\nB\nC\nGiao Sở Y tế chủ trì.\nD\nE\nF\nKết"] * 4
    assert all("Giao Sở Y tế chủ trì." in o for o in strip_furniture(pages))


def test_single_page_keeps_its_edges() -> None:
    assert strip_furniture(["TỈNH ỦY LAI CHÂU\nSố 629-CV/TU\nNội dung."]) == ["TỈNH ỦY LAI CHÂU\nSố 629-CV/TU\nNội dung."]


FULL = "x" * 90


@pytest.mark.parametrize(("pages", "expected"), [
    # a full line that does not end a sentence continues on the next one
    ([f"{FULL} Hội\nNông dân, Đoàn Thanh niên.\n{FULL}.\nTiếp theo."],
     [f"{FULL} Hội Nông dân, Đoàn Thanh niên.", f"{FULL}.", "Tiếp theo.", ""]),
    # ... also across a page break, but never into a list item
    ([f"{FULL} và", f"các sở, ngành.\n{FULL} gồm\n- Sở Y tế;"],
     [f"{FULL} và các sở, ngành.", f"{FULL} gồm", "- Sở Y tế;", ""]),
    # a ';' or ',' at the end of a full line does not end the paragraph
    ([f"{FULL};\nBan Chỉ đạo tỉnh.\n{FULL}"], [f"{FULL}; Ban Chỉ đạo tỉnh.", FULL]),
    # short lines (header, signature) are never joined
    (["TỈNH ỦY\nSố 1\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"], ["TỈNH ỦY", "Số 1", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", ""]),
])
def test_join_wrapped(pages, expected) -> None:
    assert join_wrapped(pages) == expected


def test_pdf_with_vietnamese_text_layer(tmp_path, vietnamese_font) -> None:
    from .conftest import make_pdf

    text = "TỈNH ỦY LAI CHÂU\nSố 629-CV/TU\nỦy ban nhân dân tỉnh chỉ đạo các sở, ban, ngành thực hiện nghiêm."
    doc = read(make_pdf(text, tmp_path / "t.pdf", vietnamese_font, running_header=False))
    assert doc.text == text
    assert (doc.format, doc.encoding) == ("pdf", None)


# --- .html ---------------------------------------------------------------------------------------

pytest.importorskip("bs4")


def html_text(tmp_path, markup: str | bytes, name: str = "p.html") -> str:
    path = tmp_path / name
    path.write_bytes(markup.encode("utf-8") if isinstance(markup, str) else markup)
    return read(path).text


HTML_CASES = [
    ("blocks become lines", "<div>Một</div><p>Hai</p>Ba<br>Bốn<h2>Năm</h2><ul><li>Sáu</li><li>Bảy</li></ul>",
     "Một\nHai\nBa\nBốn\nNăm\nSáu\nBảy"),
    ("inline stays inline", "<p>Ban <b>Thường</b> <i>vụ</i> <a href='#'>Tỉnh ủy</a>\n  yêu cầu:</p>",
     "Ban Thường vụ Tỉnh ủy yêu cầu:"),
    ("entities", "<p>Ủy ban &amp; Sở Y&nbsp;tế &#7843; &#x1EA1;</p>", "Ủy ban & Sở Y tế ả ạ"),
    ("hidden and comments", "<p>Hiện</p><p hidden>Ẩn</p><p style='display: none'>Ẩn</p><!-- chú thích --><p>Tiếp</p>",
     "Hiện\nTiếp"),
    ("layout table column by column",
     "<table><tr><td>TỈNH ỦY A</td><td>ĐẢNG CỘNG SẢN VIỆT NAM</td></tr>"
     "<tr><td>Số 5-CV/TU</td><td>A, ngày 1 tháng 2 năm 2021</td></tr></table>",
     "TỈNH ỦY A\nSố 5-CV/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nA, ngày 1 tháng 2 năm 2021"),
    ("data table row by row",
     "<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th></tr><tr><td>1.</td><td>Rà soát</td><td>Sở Y tế</td></tr></table>",
     "TT\nNhiệm vụ\nChủ trì\n1.\nRà soát\nSở Y tế"),
    ("the longest article wins",
     "<article><p>Tin ngắn liên quan.</p></article><article><p>Văn bản chính dài hơn nhiều, có nhiều nội dung.</p>"
     "</article>", "Văn bản chính dài hơn nhiều, có nhiều nội dung."),
    ("teaser articles lose to the real content",
     "<div class='content'><p>" + "Nội dung chỉ đạo chính của văn bản. " * 6 + "</p><p>"
     + "Đoạn thứ hai của văn bản. " * 6 + "</p></div>"
     + "<article><p>Tin liên quan một.</p></article><article><p>Tin liên quan hai dài hơn.</p></article>",
     ("Nội dung chỉ đạo chính của văn bản. " * 6).strip() + "\n" + ("Đoạn thứ hai của văn bản. " * 6).strip()),
    ("most paragraph text wins without article",
     "<div class='menu'><p>Giới thiệu</p></div><div class='content'><p>Đoạn một của văn bản chỉ đạo.</p>"
     "<p>Đoạn hai của văn bản chỉ đạo.</p></div><div class='other'><p>Liên hệ</p></div>",
     "Đoạn một của văn bản chỉ đạo.\nĐoạn hai của văn bản chỉ đạo."),
    ("header table beside the paragraphs is taken along",
     "<div id='page'><div class='crumbs'>Trang chủ</div><div id='doc'>"
     "<table><tr><td>TỈNH ỦY A</td><td>ĐẢNG CỘNG SẢN VIỆT NAM</td></tr></table>"
     f"<div class='body'><p>{'Nội dung chỉ đạo rất dài. ' * 8}</p><p>{'Đoạn thứ hai. ' * 8}</p></div></div></div>",
     "TỈNH ỦY A\nĐẢNG CỘNG SẢN VIỆT NAM\n" + ("Nội dung chỉ đạo rất dài. " * 8).strip() + "\n"
     + ("Đoạn thứ hai. " * 8).strip()),
    ("pre keeps its lines", "<pre>Dòng 1\n   Dòng 2</pre>", "Dòng 1\nDòng 2"),
]


@pytest.mark.parametrize(("label", "markup", "expected"), HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_html_cases(tmp_path, label, markup, expected) -> None:
    assert html_text(tmp_path, f"<html><body>{markup}</body></html>") == expected


@pytest.mark.parametrize(("head", "encoding", "codec"), [
    ('<meta charset="windows-1252">', "cp1252", "cp1252"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252", "cp1252"),
    ("<?xml version='1.0' encoding='iso-8859-15'?>", "iso8859-15", "iso-8859-15"),
    ('<meta charset="utf-8">', "utf-8", "utf-8"),
    ("", "utf-8", "utf-8"),
])
def test_html_declared_charset(tmp_path, head, encoding, codec) -> None:
    markup = f"{head}<html><body><p>Café “Noël” – déjà vu</p></body></html>".encode(codec, errors="replace")
    doc = read(_write(tmp_path / "p.html", markup))
    assert doc.encoding == encoding
    assert doc.text.startswith("Café")


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_html_page_set_in_a_vni_font(tmp_path) -> None:
    from chidao.loaders.legacy import unicode_to_vni

    text = "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành thực hiện nghiêm túc."
    markup = b'<html><head><meta charset="windows-1252"></head><body><p><font face="VNI-Times">' \
        + unicode_to_vni(text) + b"</font></p></body></html>"
    doc = read(_write(tmp_path / "p.html", markup))
    assert (doc.text, doc.encoding) == (text, "vni")


def test_html_undeclared_tcvn3_bytes(tmp_path) -> None:
    from chidao.loaders.legacy import unicode_to_tcvn3

    text = "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng tập trung lãnh đạo."
    doc = read(_write(tmp_path / "p.htm", b"<p>" + unicode_to_tcvn3(text) + b"</p>"))
    assert (doc.text, doc.encoding) == (text, "tcvn3")


def test_valid_utf8_wins_over_a_stale_declaration(tmp_path) -> None:
    markup = '<meta charset="windows-1252"><p>Ủy ban nhân dân tỉnh</p>'.encode()
    doc = read(_write(tmp_path / "p.html", markup))
    assert (doc.text, doc.encoding) == ("Ủy ban nhân dân tỉnh", "utf-8")


def test_office_lock_files_are_not_walked(tmp_path) -> None:
    from chidao.loaders import iter_files

    (tmp_path / "~$công văn.docx").write_bytes(b"\x05owner")
    (tmp_path / "công văn.txt").write_text("Kính gửi", encoding="utf-8")
    assert list(iter_files([tmp_path])) == [tmp_path / "công văn.txt"]
