"""TCVN3 and VNI: the tables, the round trip of every letter, detection that never fires on good text."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chidao.errors import ReadError
from chidao.loaders import read
from chidao.loaders.legacy import (
    decode_legacy,
    detect,
    repair_mojibake,
    restore_capitals,
    tables,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

from .conftest import SAMPLES

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LOWER = [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]
LETTERS = LOWER + [c.upper() for c in LOWER]


def test_there_are_134_vietnamese_letters_beyond_ascii() -> None:
    assert len([c for c in LETTERS if not c.isascii()]) == 134


# --- tables ------------------------------------------------------------------------------------------

def test_vni_table_covers_every_letter_in_both_cases() -> None:
    encode = tables().vni_encode
    missing = [c for c in LETTERS if not c.isascii() and c not in encode]
    assert missing == []


def test_tcvn3_table_covers_every_lower_case_letter() -> None:
    encode = tables().tcvn3_encode
    assert [c for c in LOWER if not c.isascii() and c not in encode] == []
    for capital in "ĂÂÊÔƠƯĐ":
        assert capital in encode


@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_round_trips_through_vni(letter) -> None:
    assert vni_to_unicode(unicode_to_vni(letter).decode("cp1252")) == letter


@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_round_trips_through_tcvn3(letter) -> None:
    """Lower case exactly; capitals exactly where TCVN3 has a code, else as their lower case (…H fonts)."""
    back = tcvn3_to_unicode(unicode_to_tcvn3(letter).decode("cp1252"))
    if letter.islower() or letter.isascii() or letter in tables().tcvn3_encode:
        assert back == letter
    else:
        assert back == letter.lower()


@pytest.mark.parametrize("word", ["TỈNH", "ỦY", "ĐẢNG", "CỘNG", "VIỆT", "HÒA", "NGHĨA", "THƯỜNG", "PHÓ"])
def test_tcvn3_capitals_come_back_in_words_of_capitals(word) -> None:
    assert tcvn3_to_unicode(unicode_to_tcvn3(word).decode("cp1252")) == word


def test_every_vietnamese_syllable_shape_round_trips() -> None:
    """All letters with every onset and ending, in running text, through both encodings."""
    words = [f"ngh{c}ng" for c in LOWER if c[0] in "eêi" or unicodedata.normalize("NFD", c)[0] in "eiy"]
    words += [f"Tr{c}nh qu{c}" for c in LOWER]
    text = " ".join(words)
    assert vni_to_unicode(unicode_to_vni(text).decode("cp1252")) == text
    assert tcvn3_to_unicode(unicode_to_tcvn3(text).decode("cp1252")) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LETTERS + list("bcdghklmnpqrstvx ,.;:-0123456789\n")), max_size=200))
def test_vni_round_trip_property(chars) -> None:
    text = "".join(chars)
    assert vni_to_unicode(unicode_to_vni(text).decode("cp1252")) == unicodedata.normalize("NFC", text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LOWER + list("bcdghklmnpqrstvx ,.;:-0123456789\n")), max_size=200))
def test_tcvn3_round_trip_property_lower_case(chars) -> None:
    text = "".join(chars)
    assert tcvn3_to_unicode(unicode_to_tcvn3(text).decode("cp1252")) == text


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv not installed")
def test_tcvn3_table_agrees_with_glibc_tcvn5712() -> None:
    """Cross-check with an independent implementation of TCVN 5712 (glibc's TCVN5712-1)."""
    for byte, char in tables().tcvn3.items():
        result = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                                capture_output=True, check=False)
        if result.returncode != 0:
            pytest.skip("iconv has no TCVN5712-1")
        assert unicodedata.normalize("NFC", result.stdout.decode("utf-8")) == char, hex(byte)


# --- known mojibake --------------------------------------------------------------------------------

@pytest.mark.parametrize(("mojibake", "expected", "encoding"), [
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân", "tcvn3"),
    ("B¶o Th¾ng, M\u00adêng Kh\u00ad¬ng, B¸t X¸t", "Bảo Thắng, Mường Khương, Bát Xát", "tcvn3"),
    ("§¶ng céng s¶n ViÖt Nam", "Đảng cộng sản Việt Nam", "tcvn3"),
    ("TØnh ñy §ång Nai", "Tỉnh ủy Đồng Nai", "tcvn3"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn", "vni"),
    ("Vieät Nam, ngöôøi, Ñaûng Coäng saûn", "Việt Nam, người, Đảng Cộng sản", "vni"),
    ("UÛY BAN NHAÂN DAÂN TÆNH", "ỦY BAN NHÂN DÂN TỈNH", "vni"),
    ("Uûy ban nhaân daân tænh", "Ủy ban nhân dân tỉnh", "vni"),
    ("lòch söû, khaúng ñònh, nghóa, Myõ", "lịch sử, khẳng định, nghĩa, Mỹ", "vni"),
])
def test_known_mojibake_is_repaired(mojibake, expected, encoding) -> None:
    assert repair_mojibake(mojibake) == (expected, encoding)


def test_cp1252_punctuation_survives_conversion() -> None:
    text = "“Uû ban nh©n d©n” – tØnh"
    assert repair_mojibake(text) == ("“Uỷ ban nhân dân” – tỉnh", "tcvn3")


def test_restore_capitals() -> None:
    assert restore_capitals("TỉNH ủY ĐồNG NAI") == "TỈNH ỦY ĐỒNG NAI"
    assert restore_capitals("T/M BAN THƯỜNG Vụ\nPHó Bí THƯ") == "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"
    assert restore_capitals("Hà Nội, Bộ Y tế, Sở Nội vụ") == "Hà Nội, Bộ Y tế, Sở Nội vụ"
    assert restore_capitals("UBND Hà Nội") == "UBND Hà Nội"


# --- never on good text --------------------------------------------------------------------------------

GOOD_TEXTS = [
    "The committee asked all departments to report weekly. © 2021 Provincial Portal®. Price × 2.",
    "Le comité a décidé où et quand; naïve façon d'être, très bien. Ça va? Noël, Zoë, déjà vu.",
    "El niño pidió piñata y señaló el año; mañana vamos a España con Ñandú.",
    "Größe, Übermaß, schön, Fußgänger, über, können, Ärger, Öl, Straße.",
    "Ủy ban nhân dân tỉnh © 2021. Đảng bộ tỉnh ® — nghĩa vụ × trách nhiệm; phố Hàng Bè, Ñ.",
    "COVID-19, SARS-CoV-2, 5K, UBND, BCH, T/M, K/T, 24/24 giờ, 2021-2025.",
]


@pytest.mark.parametrize("text", GOOD_TEXTS)
def test_repair_never_fires_on_good_text(text) -> None:
    assert repair_mojibake(text) == (text, None)
    assert repair_mojibake((text + "\n") * 200) == ((text + "\n") * 200, None)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_repair_never_fires_on_the_sample_directives(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert repair_mojibake(text) == (text, None)
    assert read(path).encoding == "utf-8"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_in_nfd_are_not_mojibake(path) -> None:
    text = unicodedata.normalize("NFD", path.read_text(encoding="utf-8"))
    assert detect(text) is None


# --- raw bytes -----------------------------------------------------------------------------------------

def test_decode_legacy_picks_each_encoding() -> None:
    text = "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy đảng, chính quyền tập trung lãnh đạo, chỉ đạo."
    assert decode_legacy(unicode_to_tcvn3(text), "x") == (text, "tcvn3")
    assert decode_legacy(unicode_to_vni(text), "x") == (text, "vni")
    cp1258 = _to_cp1258(text)
    assert decode_legacy(cp1258, "x") == (text, "cp1258")


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ă ơ ư đ precomposed and writes tones as combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            keep = [m for m in marks if m in "\u0302\u0306\u031b"]
            tones = [m for m in marks if m not in keep]
            out += unicodedata.normalize("NFC", base + "".join(keep)).encode("cp1258")
            out += "".join(tones).encode("cp1258")
    return bytes(out)


def test_legacy_files_record_their_encoding(tmp_path) -> None:
    text = "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành thực hiện nghiêm túc Chỉ thị số 16-CT/TTg."
    (tmp_path / "vni.txt").write_bytes(unicode_to_vni(text))
    (tmp_path / "tcvn3.txt").write_bytes(unicode_to_tcvn3(text))
    (tmp_path / "cp1258.txt").write_bytes(_to_cp1258(text))
    assert read(tmp_path / "vni.txt").encoding == "vni"
    assert read(tmp_path / "tcvn3.txt").encoding == "tcvn3"
    assert read(tmp_path / "cp1258.txt").encoding == "cp1258"
    assert read(tmp_path / "cp1258.txt").text == text


def test_undecodable_bytes_are_a_read_error() -> None:
    with pytest.raises(ReadError, match="not UTF-8 and not a known Vietnamese encoding"):
        decode_legacy(b"\x81\x8d\x8f\x90\x9d" * 10, "f.txt")


@pytest.mark.parametrize("encode", [unicode_to_tcvn3, unicode_to_vni], ids=["tcvn3", "vni"])
def test_a_large_legacy_file_converts_in_seconds(encode) -> None:
    import time

    text = SAMPLES[0].read_text(encoding="utf-8") * 200  # about 2 MB
    raw = encode(text)
    start = time.monotonic()
    decoded, _ = decode_legacy(raw, "big.txt")
    assert time.monotonic() - start < 4
    assert len(decoded) == len(unicodedata.normalize("NFC", text))
