"""OCR reader (issue 14): scans of directives read through Tesseract score like their text.

Scans are drawn in the test (``scans.py``: two-column header and closing, slight rotation, specks;
or a phone photo of a stamped copy) from directives that have gold, read back through
``chidao.loaders.read``, extracted and scored with ``tests/data/score.py``; each scan's record must
reach 0.9 × the score of the text it was drawn from. The default run OCRs three pages (a PNG, an
image-only PDF, the photo of real directive 103); ``CHIDAO_OCR_FULL=1`` runs ``full_cases()``, the
table of docs/formats.md (21 directives at 150/200/300 dpi, a TIFF, PNGs, photos; 10–15 minutes on
two busy cores).

Without Tesseract or its Vietnamese data the OCR tests skip and say which packages to install; the
layout, repair and settings tests below run anyway.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chidao.errors import ReadError
from chidao.extract import extract_record
from chidao.loaders import ocr, read

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
FULL = os.environ.get("CHIDAO_OCR_FULL") == "1"

QUICK = [DATA / "directives" / "033_dienbien-xa-muong-nhe-bau-cu-2026.txt"]
MORE = [*sorted((ROOT / "examples" / "directives").glob("*.txt")),
        *(DATA / "directives" / f"{name}.txt" for name in (
            "003_sonla-huyen-uy-bau-cu", "008_bacgiang-ban-dan-van-gpmb", "010_binhduong-vptu-chu-ky-so",
            "015_gialai-huyen-uy-dich-ta-lon", "024_laichau-ubnd-bau-cu-tl"))]
WIDER = [*(DATA / "directives" / f"{name}.txt" for name in (
             "016_dongnai-dang-uy-xa-gpmb-2025", "019_vptw-cong-van-bao-yagi", "031_angiang-tuq-gpmb-cao-toc",
             "034_langson-cong-dien-dich-ta-lon-2019", "020_nghean-mttq-van-dong-bao-so-5")),
         *(DATA / "real" / f"{name}.txt" for name in (
             "416_angiang-cong-van-554-treo-co-2006", "109_central-vpcp-san-bay-ninh-binh-2021",
             "413_haugiang-cong-van-73-uy-quyen-2018", "103_central-vpcp-cong-vien-ninh-binh-2016",
             "112_haiduong-cong-van-hang-hoa-covid-2021", "415_angiang-cong-van-735-cum-h5n1-2006"))]
"""The wider draw (issue 14, second round): more directives and real ones with gold, each at 150, 200
and 300 dpi."""
PHOTO = DATA / "real" / "103_central-vpcp-cong-vien-ninh-binh-2016.txt"
"""A real directive with its signature block, drawn as a phone photo of the stamped copy."""
RESOLUTIONS = (150, 200, 300)


def full_cases() -> list[tuple[Path, str, int]]:
    """Every scan of the long run and of bench/ocr_scans.py: image-only PDFs of the draw at each
    resolution, a multi-page TIFF, PNGs of one-page directives, and photos of stamped copies."""
    draw = [*QUICK, *MORE, *WIDER]
    cases = [(p, "pdf", dpi) for p in draw for dpi in RESOLUTIONS]
    one_page = {p.stem: p for p in draw}
    cases += [(MORE[0], "tif", 200), (one_page["008_bacgiang-ban-dan-van-gpmb"], "png", 150),
              (one_page["416_angiang-cong-van-554-treo-co-2006"], "png", 300)]
    cases += [(p, "jpg", 200) for p in (PHOTO, one_page["109_central-vpcp-san-bay-ninh-binh-2021"],
                                        one_page["112_haiduong-cong-van-hang-hoa-covid-2021"])]
    return cases


def draw_scan(scans, txt: Path, kind: str, dpi: int, folder: Path) -> tuple[Path, int]:
    """The scan of one case (the same bytes' pages for the test and the bench) and its page count."""
    text = read(txt).text
    seed = len(txt.name) + dpi
    if kind == "jpg":
        pages = scans.render_photo(text, dpi, seed=seed)
        return scans.save_jpeg(pages, folder / f"{txt.stem}-{dpi}.jpg", dpi), 1
    pages = scans.render_pages(text, dpi, seed=seed)
    if kind == "png":
        assert len(pages) == 1, "the PNG case needs a one-page directive"
    save = {"png": scans.save_png, "pdf": scans.save_pdf, "tif": scans.save_tiff}[kind]
    return save(pages, folder / f"{txt.stem}-{dpi}.{kind}", dpi), len(pages)


def _gold(txt: Path) -> Path:
    own = txt.with_name(txt.stem + ".gold.json")
    return own if own.is_file() else DATA / "gold" / (txt.stem + ".gold.json")


def score(record: dict, gold: Path, tmp: Path) -> float:
    """The overall score of one record against one gold file, by the project's scorer."""
    folder = tmp / f"gold-{gold.stem}"
    folder.mkdir(exist_ok=True)
    shutil.copy(gold, folder / gold.name)
    record = {**record, "source": {**record["source"], "path": json.loads(gold.read_text("utf-8"))["file"]}}
    (folder / "r.jsonl").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, str(DATA / "score.py"), str(folder / "r.jsonl"), str(folder)],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"overall=([01]\.\d{3})", out).group(1))


needs_tesseract = pytest.mark.skipif(ocr.available() is not None, reason=str(ocr.available()))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(ocr.CACHE_ENV, str(tmp_path / "ocr-cache"))
    monkeypatch.delenv(ocr.MODE_ENV, raising=False)


@pytest.fixture
def scans():
    pytest.importorskip("PIL", reason="drawing test scans needs Pillow")
    from . import scans as module
    from .conftest import font_path

    if font_path() is None:
        pytest.skip("no TTF font with Vietnamese glyphs (install fonts-dejavu-core) to draw test scans")
    return module


# --- scans score like their text -----------------------------------------------------------------

CASES = [(QUICK[0], "png", 200), (QUICK[0], "pdf", 300), (PHOTO, "jpg", 200)]
if FULL:
    CASES = full_cases()


@needs_tesseract
@pytest.mark.parametrize(("txt", "kind", "dpi"), CASES, ids=lambda v: getattr(v, "stem", str(v)))
def test_scan_scores_like_text(scans, tmp_path, txt, kind, dpi) -> None:
    scan, _ = draw_scan(scans, txt, kind, dpi, tmp_path)
    document = read(scan)
    assert document.format == ("pdf" if kind == "pdf" else "image")
    gold = _gold(txt)
    want = score(extract_record(read(txt)), gold, tmp_path)
    got = score(extract_record(document), gold, tmp_path)
    assert got >= 0.9 * want, (got, want, document.text[:2000])


@needs_tesseract
def test_provenance_and_cache(scans, tmp_path, monkeypatch) -> None:
    import jsonschema

    txt = QUICK[0]
    scan = scans.save_png(scans.render_pages(read(txt).text, 200), tmp_path / "scan.png", 200)
    document = read(scan)
    record = ocr.annotate(extract_record(document), document)
    schema = json.loads((ROOT / "src" / "chidao" / "data" / "directive-record.schema.json").read_text("utf-8"))
    jsonschema.validate(record, schema)
    assert record["source"]["ocr"]["pages"][0]["page"] == 1
    signer = document.text.index("Vàng A Chá")
    where = ocr.locate(document, signer, signer + len("Vàng A Chá"))
    assert [w["page"] for w in where] == [1]
    left, top, right, bottom = where[0]["box"]
    assert 0 <= left < right and 0 <= top < bottom  # the name is on the lower half of the page
    assert top > record["source"]["ocr"]["pages"][0]["height"] / 2

    def no_ocr(*args, **kwargs):
        raise AssertionError("OCR ran again on a cached scan")

    monkeypatch.setattr(ocr, "_tesseract_tsv", no_ocr)
    assert read(scan).text == document.text


# --- without OCR --------------------------------------------------------------------------------


def test_missing_tesseract_says_what_to_install(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr._engine.cache_clear()
    try:
        (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        with pytest.raises(ReadError) as caught:
            read(tmp_path / "scan.png")
        assert "apt-get install tesseract-ocr tesseract-ocr-vie" in str(caught.value)
        assert "\n" not in str(caught.value)
    finally:
        ocr._engine.cache_clear()


def test_never_refuses_images(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(ocr.MODE_ENV, "never")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(ReadError, match=r"OCR, which is off \(--ocr never\)"):
        read(tmp_path / "scan.png")


@pytest.mark.parametrize(("mode", "pages", "want"), [
    ("auto", ["", "Một trang có chữ thật, đủ dài để là văn bản chứ không phải con dấu."], [0]),
    ("auto", ["3", "   "], [0, 1]),
    ("always", ["Một trang có chữ thật, đủ dài để là văn bản chứ không phải con dấu."], [0]),
    ("never", ["", ""], []),
])
def test_which_pdf_pages_are_read_by_ocr(monkeypatch, mode, pages, want) -> None:
    monkeypatch.setenv(ocr.MODE_ENV, mode)
    assert ocr.needs_ocr(pages) == want


# --- layout from boxes --------------------------------------------------------------------------

def _tsv(rows: list[tuple[int, int, int, int, str]]) -> str:
    """Word rows (line key, left, top, width, text) → Tesseract TSV of one 2000×3000 page."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    out = [head, "1\t1\t0\t0\t0\t0\t0\t0\t2000\t3000\t-1\t"]
    for i, (line, left, top, width, text) in enumerate(rows):
        out.append(f"5\t1\t1\t1\t{line}\t{i}\t{left}\t{top}\t{width}\t40\t95\t{text}")
    return "\n".join(out) + "\n"


def test_two_columns_read_left_then_right() -> None:
    body = "Các cấp ủy, chính quyền tập trung lãnh đạo thực hiện tốt các nội dung sau đây"
    rows = [
        (1, 300, 100, 500, "TỈNH ỦY LAI CHÂU"), (1, 1100, 100, 600, "ĐẢNG CỘNG SẢN VIỆT NAM"),
        (2, 350, 160, 400, "Số 629-CV/TU"), (2, 1100, 160, 600, "Lai Châu, ngày 3 tháng 11 năm 2021"),
        (3, 300, 400, 1400, body),
        (4, 300, 700, 300, "Nơi nhận:"), (4, 1200, 690, 400, "T/M BAN THƯỜNG VỤ"),
        (5, 300, 760, 300, "- Như trên,"), (5, 1250, 750, 300, "PHÓ BÍ THƯ"),
        (6, 1250, 950, 300, "Trần Đình Văn"),
        (7, 990, 2900, 20, "2"),
    ]
    (size, words), = ocr.parse_tsv(_tsv(rows)).values()
    blocks = ocr.reading_order(ocr._fragments(words, 1))
    text, ranges = ocr.assemble([blocks])
    order = ["TỈNH ỦY LAI CHÂU", "Số 629-CV/TU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Lai Châu, ngày", body,
             "Nơi nhận:", "- Như trên,", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Đình Văn"]
    assert [text.index(s) for s in order] == sorted(text.index(s) for s in order)
    assert "\n2" not in text  # the page number is dropped
    assert all(text[s:e] for s, e, _, _ in ranges) and ranges[0][2] == 1


@pytest.mark.parametrize(("seen", "want"), [
    ("Uy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("UY BAN NHAN DAN TỈNH", "ỦY BAN NHÂN DÂN TỈNH"),
    ("DẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Số l747-CV/TU", "Số 1747-CV/TU"),
    ("Số 1O2-CT/TU ngày", "Số 102-CT/TU ngày"),
    ("Lớp lOO học viên", "Lớp lOO học viên"),  # not a document number: untouched
    ("ban hành", "ban hành"),  # one word is never guessed at
    ("Uy ban", "Ủy ban"),  # marks lost on a known phrase come back
    ("Các học viên", "Các học viên"),  # marks read are never changed (Học viện is a known phrase)
    ("Uỳ ban", "Uỳ ban"),
    ("THƯỜNG TRỤC TỈNH ỦY", "THƯỜNG TRỰC TỈNH ỦY"),  # a lost horn on a letter that kept its tone
    ("Nơinhận", "Nơi nhận:"),
    ("Kinh gửi: Các sở", "Kính gửi: Các sở"),
    ("Nơi nhận:", "Nơi nhận:"),
])
def test_repair_only_known_phrases_and_numbers(seen, want) -> None:
    assert ocr.repair(seen)[0] == want


# --- command line -------------------------------------------------------------------------------


def test_cli_ocr_never_and_environment_restored(tmp_path) -> None:
    from click.testing import CliRunner

    from chidao.cli import main

    (tmp_path / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    result = CliRunner().invoke(main, ["extract", "--ocr", "never", str(tmp_path / "scan.png")])
    assert result.exit_code == 1
    assert "OCR, which is off (--ocr never)" in result.output
    assert ocr.MODE_ENV not in os.environ


@needs_tesseract
def test_cli_extract_scan_has_ocr_provenance(scans, tmp_path) -> None:
    from click.testing import CliRunner

    from chidao.cli import main

    scan = scans.save_png(scans.render_pages(read(QUICK[0]).text, 200), tmp_path / "scan.png", 200)
    read(scan)  # fills the cache: the command below does not OCR again
    result = CliRunner().invoke(main, ["extract", "--ocr", "auto", "--jobs", "2", str(scan)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["source"]["format"] == "image" and record["source"]["ocr"]["lines"]
    assert record["signer"]["name"] == "Vàng A Chá"


@needs_tesseract
def test_mixed_pdf_keeps_text_pages_and_reads_the_scanned_one(scans, tmp_path) -> None:
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("reportlab")
    from .conftest import font_path, make_pdf

    text = read(QUICK[0]).text
    typed = make_pdf("Phụ lục: danh sách các điểm niêm yết danh sách cử tri tại các bản trên địa bàn xã Mường Nhé.",
                     tmp_path / "typed.pdf", font_path(), page_numbers=False, running_header=False)
    scanned = scans.save_pdf(scans.render_pages(text, 200), tmp_path / "scanned.pdf", 200)
    writer = pypdf.PdfWriter()
    for part in (scanned, typed):
        writer.append(str(part))
    writer.write(tmp_path / "mixed.pdf")
    document = read(tmp_path / "mixed.pdf")
    assert "Vàng A Chá" in document.text and "Phụ lục: danh sách" in document.text
    pages = {page: box for _, _, page, box in document.layout.ranges}
    assert set(pages) == {1, 2} and pages[2] is None  # the typed page keeps its text layer, no box
    assert extract_record(document)["signer"]["name"] == "Vàng A Chá"


# --- lines wrapped by a column's width, the national title on a merged line ------------------------

BODY = (4, 300, 1000, 1400, "Các cấp ủy, chính quyền tập trung lãnh đạo thực hiện tốt các nội dung sau đây")


def _page_text(rows: list[tuple[int, int, int, int, str]]) -> str:
    (size, words), = ocr.parse_tsv(_tsv(rows)).values()
    return ocr.assemble([ocr.reading_order(ocr._fragments(words, 1))])[0]


@pytest.mark.parametrize(("left", "right", "want", "unwanted"), [
    # a Nơi nhận item broken by the column's width is one item again
    ([(10, 300, 1200, 300, "Nơi nhận:"), (11, 300, 1260, 560, "- Báo An Giang, Đài PT-TH An"),
      (12, 300, 1320, 300, "Giang (phối hợp);"), (13, 300, 1380, 300, "- Lưu: VT.")],
     [(10, 1100, 1200, 500, "TM. BAN THƯỜNG VỤ"), (11, 1150, 1260, 300, "PHÓ BÍ THƯ"),
      (13, 1150, 1380, 300, "Trần Đình Văn")],
     ["- Báo An Giang, Đài PT-TH An Giang (phối hợp);", "TM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"], []),
    # a header line broken where the next word no longer fit; the national title and motto stay apart
    ([(1, 300, 100, 600, "ỦY BAN NHÂN DÂN TỈNH AN"), (2, 500, 160, 200, "GIANG"),
      (3, 400, 220, 400, "Số: 554/UBND-KT")],
     [(1, 1000, 100, 680, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT"), (2, 1300, 160, 100, "NAM"),
      (3, 1050, 220, 600, "Độc lập - Tự do - Hạnh phúc")],
     ["ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 554/UBND-KT", "VIỆT NAM\nĐộc lập"], ["GIANG Số"]),
    # the motto is followed by the number, not joined; a speck after the signer's name goes
    ([(1, 300, 100, 600, "TỈNH ỦY LAI CHÂU"), (10, 300, 1200, 300, "Nơi nhận:"), (11, 300, 1260, 300, "- Lưu VT.")],
     [(1, 1000, 100, 680, "Độc lập - Tự do - Hạnh phúc"), (2, 1100, 160, 500, "Số: 629-CV/TU"),
      (10, 1100, 1200, 500, "T/M BAN THƯỜNG VỤ"), (11, 1150, 1260, 300, "Trần Đình Văn:")],
     ["Hạnh phúc\nSố: 629", "Trần Đình Văn"], ["Văn:"]),
    # a short item line is no wrap: the next item stays a line of its own
    ([(10, 300, 1200, 300, "Nơi nhận:"), (11, 300, 1260, 300, "- Như trên;"), (12, 300, 1320, 300, "- Lưu VT.")],
     [(10, 1100, 1200, 500, "KT. CHỦ TỊCH"), (11, 1150, 1260, 300, "PHÓ CHỦ TỊCH")],
     ["- Như trên;\n- Lưu VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"], []),
    # a capacity line's body broken before its level (short of the column's width): one line again
    ([(10, 300, 1200, 300, "Nơi nhận:"), (11, 300, 1260, 300, "- Như trên;")],
     [(10, 1000, 1200, 600, "TL. CHỦ TỊCH ỦY BAN NHÂN DÂN"), (11, 1250, 1260, 100, "TỈNH"),
      (12, 1100, 1320, 400, "CHÁNH VĂN PHÒNG")],
     ["TL. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCHÁNH VĂN PHÒNG"], []),
])
def test_column_lines_wrapped_by_width_are_joined(left, right, want, unwanted) -> None:
    text = _page_text([*left, *right, BODY])
    for part in want:
        assert part in text, text
    for part in unwanted:
        assert part not in text, text


def test_national_title_on_one_ocr_line_with_the_issuer_starts_the_right_column() -> None:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    words = ["ỦY", "BAN", "MẶT", "TRẬN", "TỔ", "QUỐC", "CỘNG", "HÒA", "XÃ", "HỘI", "CHỦ", "NGHĨA"]
    lefts = [300, 380, 470, 580, 690, 760, 900, 1040, 1140, 1220, 1320, 1420]  # a 60 px gap before CỘNG
    rows = [head, "1\t1\t0\t0\t0\t0\t0\t0\t2000\t3000\t-1\t"]
    rights = [x - (60 if w == "CỘNG" else 15) for x, w in zip(lefts[1:], words[1:], strict=True)] + [1500]
    rows += [f"5\t1\t1\t1\t1\t{i}\t{x}\t100\t{r - x}\t50\t95\t{w}"
             for i, (x, r, w) in enumerate(zip(lefts, rights, words, strict=True))]
    (size, lines), = ocr.parse_tsv("\n".join(rows) + "\n").values()
    assert [ln.text for ln in ocr._fragments(lines, 1)] == ["ỦY BAN MẶT TRẬN TỔ QUỐC", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"]


@pytest.mark.parametrize(("seen", "want"), [
    ("ĐẲNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),  # a misread mark on a line that can only be this
    ("Độc lập - Tự đo - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    ("Chư Sê,.ngày 30 tháng 10", "Chư Sê, ngày 30 tháng 10"),
    ("Đảng cộng sản Việt Nam là", "Đảng cộng sản Việt Nam là"),  # more than the title: left alone
    ("Thuận Châu, ngày 15 tháng 3 năm 2021:", "Thuận Châu, ngày 15 tháng 3 năm 2021"),
    ("- Nơi nhận:", "Nơi nhận:"),  # a speck dash before the label
    ("-Nhưtrên", "- Như trên"),  # the first cc item with its spaces lost
    ("-Nhưtrên;", "- Như trên;"),
    ("- Như trên các", "- Như trên các"),
])
def test_repair_national_lines_and_comma_specks(seen, want) -> None:
    assert ocr.repair(seen)[0] == want


@pytest.mark.parametrize(("seen", "after", "want"), [
    # a mark no directive prints
    ("Hậu Giang„ ngày 12 tháng 1", "", "Hậu Giang, ngày 12 tháng 1"),
    # two tones on one word: no syllable has two
    ("CỘNG HÒÀ XÃ HỘI CHỦ NGHĨA", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"),
    ("PHỚÓ CHÁNH VĂN PHÒNG", "", "PHÓ CHÁNH VĂN PHÒNG"),  # a vowel read twice
    ("ĐẢẲNG", "", "ĐẢẲNG"),  # ĐẢNG or ĐẲNG (bình đẳng): ambiguous alone ...
    ("ĐẢẲNG CỘNG SẢN VIỆT NAM", "", "ĐẢNG CỘNG SẢN VIỆT NAM"),  # ... one reading makes the Party's name
    # a lower-case word not in the inventory, one mark from exactly one known syllable
    ("bảo đảm an nỉnh, trật tự", "", "bảo đảm an ninh, trật tự"),
    ("các huyễn, thành phố", "", "các huyễn, thành phố"),  # huyện or huyền: ambiguous, left as read
    ("Các học viên", "", "Các học viên"),  # a known word that looks like a misread: never touched
    ("tỉnh thần", "", "tỉnh thần"),  # known (though tinh thần was meant): not a repair's business
    ("Nỉnh Bình", "", "Nỉnh Bình"),  # a capitalised word may be a name the inventory lacks
    ("dịch Covid-19", "", "dịch Covid-19"),
    # the first word of a name line, one mark from exactly one surname
    ("Cẩm Văn Chiến", "", "Cầm Văn Chiến"),
    ("Vú Thị Hoa", "", "Vũ Thị Hoa"),
    ("Lượng Văn Nam", "", "Lượng Văn Nam"),  # Lường or Lương: ambiguous
    ("Lê Văn Lương", "", "Lê Văn Lương"),  # a surname already
    ("Cẩm Phả", "", "Cẩm Phả"),  # two words: a place, not a full name
    ("sử dụng Cẩm nang", "", "sử dụng Cẩm nang"),
    # a glued capitals word that splits into a province's name
    ("UỶ BAN NHÂN DÂN TỈNHAN GIANG", "", "UỶ BAN NHÂN DÂN TỈNH AN GIANG"),
    ("UỶ BAN NHÂN DÂN TỈNHAN", "GIANG", "UỶ BAN NHÂN DÂN TỈNH AN"),  # the line wraps into the next
    ("TỈNH ỦY LAICHÂU", "", "TỈNH ỦY LAI CHÂU"),
    ("HUYỆN ỦY SƠNLA", "", "HUYỆN ỦY SƠN LA"),
    ("TRUNGTÂM Y TẾ", "", "TRUNGTÂM Y TẾ"),  # two known syllables but no place: left as read
])
def test_repair_words_against_the_inventory(seen, after, want) -> None:
    fixed, count = ocr.repair(seen, after)
    assert fixed == want
    assert (count > 0) == (fixed != seen)  # every change is counted in the record's repairs


@pytest.mark.parametrize(("rows", "want", "unwanted"), [
    # the dash of the first recipient lost: its text starts where the next item's text starts
    ([(1, 300, 100, 200, "Kính gửi:"), (2, 324, 150, 300, "Công an xã;"),
      (3, 300, 200, 600, "- Ban Chỉ huy quân sự xã;"), (4, 300, 250, 600, "- Trưởng các bản.")],
     "Kính gửi:\n- Công an xã;\n- Ban Chỉ huy quân sự xã;", []),
    # an indented paragraph is no lost dash (too far in), nor a line after a sentence
    ([(1, 300, 100, 600, "- Ban Chỉ huy quân sự xã;"), (2, 420, 150, 600, "Đề nghị các đơn vị thực hiện.")],
     "- Ban Chỉ huy quân sự xã;\nĐề nghị", ["- Đề nghị"]),
    # a speck left of the margin read as a dash, on a line continuing a wrapped one
    ([(2, 300, 150, 1400, "Kế hoạch số 14/KH-UBND ngày 05/01/2026 của Ủy ban nhân dân tỉnh Điện"),
      (3, 270, 200, 1420, "- Biên về tổ chức bầu cử; để chuẩn bị cho ngày bầu cử 15/3/2026, Ủy ban")],
     "tỉnh Điện Biên về tổ chức", ["- Biên"]),
])
def test_list_dashes_from_indentation(rows, want, unwanted) -> None:
    text = _page_text([*rows, (9, 300, 400, 1400, BODY[4])])
    assert want in text, text
    for part in unwanted:
        assert part not in text, text


def test_kinh_gui_ends_the_header_columns_without_a_gap() -> None:
    rows = [(1, 300, 100, 500, "TỈNH ỦY LAI CHÂU"), (1, 1100, 100, 600, "ĐẢNG CỘNG SẢN VIỆT NAM"),
            (2, 350, 160, 400, "Số 629-CV/TU"), (2, 1100, 160, 600, "Lai Châu, ngày 3 tháng 11 năm 2021"),
            (3, 300, 215, 200, "Kính gửi:"), (4, 300, 270, 700, "- Các huyện ủy, thành ủy;"), BODY]
    text = _page_text(rows)
    assert text.index("Lai Châu, ngày") < text.index("Kính gửi:"), text


# --- progress -------------------------------------------------------------------------------------

def _fake_ocr(monkeypatch) -> None:
    """Tesseract stood in for by a canned page (the progress and wiring, not the reading, are tested)."""
    words = iter(["một", "hai", "ba", "bốn", "năm", "sáu"] * 4)  # pages differ: none is a running head

    def page(exe, image, dpi) -> str:
        return _tsv([(1, 300, 100, 1400, f"Trang {next(words)}: các cấp ủy tập trung lãnh đạo thực hiện tốt.")])

    monkeypatch.setattr(ocr, "_require", lambda path: ("tesseract", "tesseract (fake)"))
    monkeypatch.setattr(ocr, "_tesseract_tsv", page)


def _blank_pdf(path: Path, pages: int) -> Path:
    image = pytest.importorskip("PIL.Image")
    blank = [image.new("L", (200, 280), 255) for _ in range(pages)]
    blank[0].save(path, save_all=True, append_images=blank[1:], resolution=72.0)
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_page_progress_reports_each_page_read(tmp_path, monkeypatch, jobs) -> None:
    pytest.importorskip("pypdfium2")
    _fake_ocr(monkeypatch)
    scan = _blank_pdf(tmp_path / "three.pdf", 3)
    seen: list[tuple[str, int, int]] = []
    with ocr.settings("auto", jobs), ocr.page_progress(lambda *a: seen.append(a)):
        read(scan)
        read(scan)  # cached: no page is read again, nothing reported
    assert seen == [(str(scan), 1, 3), (str(scan), 2, 3), (str(scan), 3, 3)]


@pytest.mark.parametrize(("args", "lines"), [([], 0), (["--progress"], 2), (["--no-progress"], 0)])
def test_cli_progress_only_when_asked_off_a_terminal(tmp_path, monkeypatch, args, lines) -> None:
    from click.testing import CliRunner

    from chidao.cli import main

    pytest.importorskip("pypdfium2")
    _fake_ocr(monkeypatch)
    scan = _blank_pdf(tmp_path / "two.pdf", 2)
    result = CliRunner().invoke(main, ["extract", *args, str(scan)])
    assert result.exit_code == 0, result.output
    progress = [ln for ln in result.stderr.splitlines() if ln.startswith("ocr: two.pdf: page ")]
    assert len(progress) == lines
    assert json.loads(result.stdout)["source"]["format"] == "pdf"  # stdout holds the record alone


@pytest.mark.parametrize(("words", "want"), [
    (["-__——T/M", "BAN", "THƯỜNG", "VỤ"], "T/M BAN THƯỜNG VỤ"),  # specks glued before a word
    (["ỦY", "BAN", "NHÂN", "DÂN", "TỈNHAN__"], "ỦY BAN NHÂN DÂN TỈNHAN"),  # ... and after one
    (["ĐẢNG", "BỘ", "TỈNH", "SƠN", "LA", "-"], "ĐẢNG BỘ TỈNH SƠN LA"),  # a dash after capitals
    (["nhiệm", "kỳ", "2021", "-"], "nhiệm kỳ 2021 -"),  # a body line broken inside "2021 - 2026" keeps it
    (["-", "Như", "trên;"], "- Như trên;"),  # a list dash is one dash and a space: kept
    (["-_+", "CHÁNH", "VĂN", "PHÒNG"], "CHÁNH VĂN PHÒNG"),  # dashes and a plus together: a speck
    (["+", "Tuyên", "truyền;"], "+ Tuyên truyền;"),  # a sub-item's plus is kept
    (["--", "Như", "kính", "gửi,"], "-- Như kính gửi,"),  # a list dash read twice is no speck
    (["š", "KT", "CHỦ", "TỊCH"], "KT CHỦ TỊCH"),  # a short word with a letter no Vietnamese text has
    ([".⁄PHÓ", "CHỦ", "TỊCH"], "PHÓ CHỦ TỊCH"),  # a fraction slash glued before a word
    (["Ở", "Đà", "Nẵng"], "Ở Đà Nẵng"),  # short Vietnamese words stay
    (["-", "LÐ", "VP", "UBND", "tỉnh;"], "- LĐ VP UBND tỉnh;"),  # an eth read for Đ is Đ, not a foreign speck
])
def test_specks_glued_to_words(words, want) -> None:
    line = [ocr._Word(w, 300 + 120 * i, 100, 300 + 120 * i + 100, 140, 90.0) for i, w in enumerate(words)]
    assert [ln.text for ln in ocr._fragments([line], 1)] == [want]


@pytest.mark.parametrize(("words", "want"), [
    ([("Lê", 43.9), ("Văn", 96.8), ("Lương", 95.0)], "Lê Văn Lương"),  # a surname read with doubt: kept
    ([("Đỗ", 0.0), ("Ngọc", 96.5), ("Tuấn", 96.0)], "Đỗ Ngọc Tuấn"),
    ([("Lẽ", 30.0), ("Văn", 96.8), ("Lương", 95.0)], "Văn Lương"),  # not a surname: a speck, and no guess
    ([("Lê", 30.0), ("các", 96.8), ("xã", 95.0)], "các xã"),  # not before a name
])
def test_doubtful_surname_before_a_name_is_kept(words, want) -> None:
    line = [ocr._Word(w, 300 + 120 * i, 100, 300 + 120 * i + 100, 140, conf) for i, (w, conf) in enumerate(words)]
    assert [ln.text for ln in ocr._fragments([line], 1)] == [want]


@pytest.mark.parametrize(("lines", "want"), [
    (["Ẵ, Tổ chức quán triệt", "2. Lãnh đạo", "3. Các chi bộ"], ["1. Tổ chức quán triệt", "2. Lãnh đạo", "3. Các chi bộ"]),
    (["1. Một", "2. Hai", "S, Ủy ban nhân dân", "4. Bốn"], ["1. Một", "2. Hai", "3. Ủy ban nhân dân", "4. Bốn"]),
    (["1. Một", "2. Hai", "S, Ủy ban nhân dân"], ["1. Một", "2. Hai", "S, Ủy ban nhân dân"]),  # 3 or 5? not proven
    (["1. Một", "S, Ba", "4. Bốn"], ["1. Một", "S, Ba", "4. Bốn"]),  # 1, _, 4: a gap of two is no proof
    (["1. Một", "a. Một", "2. Hai"], ["1. Một", "a. Một", "2. Hai"]),  # a sub-item's letter
    (["1. Một", "Ủy ban nhân dân", "3. Ba"], ["1. Một", "Ủy ban nhân dân", "3. Ba"]),  # lost: never inserted
])
def test_item_numbers_only_where_the_numbering_proves_them(lines, want) -> None:
    block = [ocr.Line(t, 1, (300, 100 + 60 * i, 1800, 140 + 60 * i)) for i, t in enumerate(lines)]
    (page,), count = ocr.item_numbers([[block]])
    assert [ln.text for ln in page[0]] == want
    assert count == sum(a != b for a, b in zip(lines, want, strict=True))
