"""Legacy 8-bit Vietnamese: TCVN3 (ABC, ``.VnTime``) and VNI Windows, as bytes or as mojibake.

Two ways the old encodings reach us:

* raw bytes that are not UTF-8 (a ``.txt`` saved from a TCVN3 or VNI editor): :func:`decode_legacy`;
* text that *is* valid Unicode but was mis-decoded along the way: a Word file typed in a ``.VnTime``
  font, a web page that relied on a VNI font, a UTF-8 export of either. It reads ``Uû ban nh©n d©n``
  (TCVN3) or ``Xin chaøo caùc baïn`` (VNI): :func:`repair_mojibake`.

Both share one detector: count the characters each encoding leaves behind (``© ª « ® ¸ ¹ ¶ ¾ µ`` for
TCVN3, a vowel followed by ``ø ù û õ ï`` for VNI), then convert a sample and keep a conversion only if
it turns words that are not Vietnamese syllables into words that are. Normal Unicode Vietnamese is
never touched: it is full of letters (``ơ ư ạ ế …``) that neither 8-bit encoding can produce.

The tables are data (``data/tcvn3.tsv``, ``data/vni.tsv``); docs/formats.md explains them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

from chidao.errors import ReadError

SAMPLE_CHARS = 100_000
"""Detection reads at most this many characters from each end of a long text."""

MIN_MARKERS = 3
"""Fewer tell-tale characters than this is never enough to call a text TCVN3 or VNI."""

MIN_WORDS = 3
"""A conversion must produce at least this many Vietnamese words (with a diacritic) to be kept."""

VALID_SHARE = 0.7
"""…and that many of the words with a non-ASCII letter must then be Vietnamese syllables."""


# --- tables ------------------------------------------------------------------------------------------

def _rows(name: str) -> list[list[str]]:
    text = resources.files("chidao.loaders").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]  # the first row names the columns


def _codepoints(field: str) -> str:
    return "".join(chr(int(cp[2:], 16)) for cp in field.split())


@dataclass(frozen=True)
class Tables:
    tcvn3: dict[int, str]  # byte -> character
    tcvn3_vn3: frozenset[str]  # the characters of the 8-bit VN3 fonts
    vni: dict[bytes, str]  # byte sequence -> character(s), decoding
    vni_encode: dict[str, bytes]  # letter -> byte sequence (standard forms only)
    tcvn3_encode: dict[str, int]  # letter -> byte


@lru_cache(maxsize=1)
def tables() -> Tables:
    tcvn3: dict[int, str] = {}
    vn3: set[str] = set()
    for byte, codepoint, _char, charset in _rows("tcvn3.tsv"):
        tcvn3[int(byte, 16)] = _codepoints(codepoint)
        if charset == "vn3":
            vn3.add(tcvn3[int(byte, 16)])
    vni: dict[bytes, str] = {}
    vni_encode: dict[str, bytes] = {}
    for seq, _cp1252, codepoint, kind in _rows("vni.tsv"):
        raw = bytes(int(b, 16) for b in seq.split())
        vni[raw] = _codepoints(codepoint)
        if kind == "letter":
            vni_encode[vni[raw]] = raw
    return Tables(tcvn3, frozenset(vn3), vni, vni_encode, {c: b for b, c in tcvn3.items()})


def _latin1(raw: bytes) -> str:
    return raw.decode("latin-1")


@lru_cache(maxsize=1)
def _tcvn3_translate() -> dict[int, str]:
    """Character (as the byte read through Latin-1 or cp1252) -> Unicode letter."""
    table: dict[int, str] = dict(_c1_to_cp1252())
    table.update(tables().tcvn3)
    return table


@lru_cache(maxsize=1)
def _c1_to_cp1252() -> dict[int, str]:
    """C1 controls (bytes 0x80-0x9F read as Latin-1) -> the cp1252 punctuation they were written as."""
    out = {}
    for b in range(0x80, 0xA0):
        try:
            out[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return out


@lru_cache(maxsize=1)
def _vni_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {_latin1(seq): char for seq, char in tables().vni.items()}
    # cp1252 reading of the same bytes differs from Latin-1 only in 0x80-0x9F, which VNI does not use.
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), table


# --- conversions ---------------------------------------------------------------------------------

C1 = re.compile("[\u0080-\u009f]")


def _c1_fix(text: str) -> str:
    return text.translate(_c1_to_cp1252()) if C1.search(text) else text


def _bytes_to_text(raw: bytes) -> str:
    """Bytes as cp1252 where defined (Windows punctuation), Latin-1 elsewhere: one char per byte."""
    return _c1_fix(_latin1(raw))


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 read as Latin-1/cp1252 to Unicode NFC, restoring capitals where it can."""
    converted = unicodedata.normalize("NFC", text.translate(_tcvn3_translate()))
    return restore_capitals(converted)


def vni_to_unicode(text: str) -> str:
    """Convert VNI Windows read as Latin-1/cp1252 to Unicode NFC."""
    pattern, table = _vni_pattern()
    text = _c1_fix(text)
    return unicodedata.normalize("NFC", pattern.sub(lambda m: table[m.group()], text))


def unicode_to_tcvn3(text: str) -> bytes:
    """Inverse table (tests, fixtures): capitals TCVN3 cannot write get the lower-case code (…H fonts)."""
    enc = tables().tcvn3_encode
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in enc:
            out.append(enc[ch])
        elif ch.lower() in enc:
            out.append(enc[ch.lower()])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


def unicode_to_vni(text: str) -> bytes:
    """Inverse table (tests, fixtures): every Vietnamese letter, both cases."""
    enc = tables().vni_encode
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        out += enc[ch] if ch in enc else ch.encode("cp1252")
    return bytes(out)


CONVERTERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}


# --- capitals in TCVN3 ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _capless() -> frozenset[str]:
    """Lower-case letters whose capital the VN3 fonts lack (typed in an …H font with the lower-case code)."""
    vn3 = tables().tcvn3_vn3
    return frozenset(c for c in vn3 if c.islower() and c.upper() not in vn3)


WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _candidate_words() -> re.Pattern[str]:
    """Words made only of capitals and capless lower-case letters (``TỉNH``, ``ủY``, ``Vụ``, ``Hà``)."""
    capless = "".join(sorted(_capless()))
    capitals = "".join(sorted({c.upper() for c in tables().tcvn3.values() if c.upper() != c}))
    return re.compile(rf"(?<![^\W\d_])[A-ZÀ-ÖØ-Þ{capitals}{capless}]+(?![^\W\d_])")


def restore_capitals(text: str) -> str:
    """Undo the lower-case letters that stand for capitals TCVN3 cannot encode.

    ``TỉNH ủY`` (capitals typed around letters with no capital code) becomes ``TỈNH ỦY``: a word whose
    other letters are upper case and whose only lower-case letters are such letters. ``Vụ`` in a line
    of capitals (``BAN THƯỜNG Vụ``) follows its line. ``Hà``/``Bộ`` in ordinary text stay as they are.
    """
    capless = _capless()
    if not any(c in capless for c in text):
        return text
    titled: list[int] = []  # where a capital is followed only by capless letters (``Vụ``, ``Hà``)

    def word_fix(m: re.Match[str]) -> str:
        w = m.group()
        if not any(c in capless for c in w):
            return w
        if any(c.isupper() for c in w[1:]):
            return w.upper()  # same length: every Vietnamese letter has a one-character capital
        if w[0].isupper():
            titled.append(m.start())
        return w

    text = _candidate_words().sub(word_fix, text)
    if not titled:
        return text
    pieces: list[str] = []
    last = 0
    done: set[int] = set()
    for pos in titled:
        start = text.rfind("\n", 0, pos) + 1
        if start in done:
            continue
        done.add(start)
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        pieces += [text[last:start], _shout_line(text[start:end], capless)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _shout_line(line: str, capless: frozenset[str]) -> str:
    """Capitalise ``Vụ``-like words when every other word of the line is in capitals."""
    def titled(w: str) -> bool:
        return w[0].isupper() and all(c in capless for c in w[1:])

    words = WORD.findall(line)
    others = [w for w in words if not titled(w)]
    if not others or not all(w.isupper() for w in others):
        return line
    return WORD.sub(lambda m: m.group().upper() if titled(m.group()) else m.group(), line)


# --- detection -------------------------------------------------------------------------------------

NATIVE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
"""Letters of Unicode Vietnamese that no 8-bit legacy text read as Latin-1 can contain."""

_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")


@lru_cache(maxsize=1)
def _tcvn3_markers() -> re.Pattern[str]:
    chars = {chr(b) for b in tables().tcvn3} - _VIETNAMESE_LATIN1
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


VNI_MARKERS = re.compile(r"[aeouyAEOUYôöÔÖñÑæÆîÎ](?:(?<=[aeouyAEOUYôöÔÖ])[øùûõïØÙÛÕÏ]|(?<=[aeoAEO])[âåäÂÅÄ]|"
                         r"(?<=[aA])[êëüÊËÜ]|(?<=[öÖñÑæÆîÎ]))")
"""Sequences Vietnamese never spells: a vowel followed by a VNI mark byte (``aø``, ``aâ``, ``aê``),
and the VNI letters that are not Vietnamese letters in Latin-1 (ö = ư, ñ = đ, æ = ỉ, î = ỵ). Written
as one class of first letters, then a look back at the letter, so a search skips to those letters
(issue 15); the same matches as ``[aeouyAEOUYôöÔÖ][øùûõïØÙÛÕÏ]|[aeoAEO][âåäÂÅÄ]|[aA][êëüÊËÜ]|[öÖñÑæÆîÎ]``."""

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"[ou]?(?:iê|yê|ia|ya|uô|ua|ươ|ưa|[aăâeêioôơuưy])"
    r"(?:ng|nh|ch|[cmnpt]|[iyou])?"
)
"""A Vietnamese syllable with its tone removed (permissive: onset, medial, nucleus, ending)."""

TOKEN = re.compile(r"[^\s0-9.,;:!?()\[\]{}\"'“”‘’/\\<>=+*&%#@|~^_\-–—…]+")


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in TONE_MARKS for c in decomposed) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return SYLLABLE.fullmatch(bare) is not None


def syllable_stats(text: str) -> tuple[int, int]:
    """``(Vietnamese syllables, words)`` among words of two or more characters with a non-ASCII one."""
    valid = total = 0
    for word in TOKEN.findall(text):
        if len(word) < 2 or word.isascii():
            continue
        total += 1
        valid += _is_syllable(word)
    return valid, total


def _sample(text: str) -> str:
    if len(text) <= 2 * SAMPLE_CHARS:
        return text
    return text[:SAMPLE_CHARS] + "\n" + text[-SAMPLE_CHARS:]


@lru_cache(maxsize=1)
def _any_markers() -> re.Pattern[str]:
    """Where a TCVN3 marker or a VNI_MARKERS match ends, one character, found from that character: a
    TCVN3 marker or a VNI letter, or ``ù``, ``â``, ``ê`` … after the vowel a VNI mark follows (rare in
    Unicode Vietnamese). Every marker ends at one of these and no two at the same one, so fewer than
    MIN_MARKERS of them proves both counts below it, in one scan that skips in C to those few
    characters (the two exact counts cost 75 µs a bench document, issue 15)."""
    tcvn3 = _tcvn3_markers().pattern[1:-1]
    return re.compile(rf"[{tcvn3}öÖñÑæÆîÎøùûõïØÙÛÕÏâåäÂÅÄêëüÊËÜ](?:(?<=[{tcvn3}öÖñÑæÆîÎ])|"
                      r"(?<=[aeouyAEOUYôöÔÖ][øùûõïØÙÛÕÏ])|(?<=[aeoAEO][âåäÂÅÄ])|(?<=[aA][êëüÊËÜ]))")


def _few_markers(sample: str) -> bool:
    """Whether the sample surely holds fewer than MIN_MARKERS of each kind of marker."""
    return sum(1 for _ in islice(_any_markers().finditer(sample), MIN_MARKERS)) < MIN_MARKERS


def _scores(sample: str) -> list[tuple[int, str]]:
    """``(Vietnamese words after conversion, encoding)`` for each legacy encoding the sample may be."""
    if _few_markers(sample):
        return []  # what the counts below decide when both are under MIN_MARKERS
    markers = {"tcvn3": len(_tcvn3_markers().findall(sample)), "vni": len(VNI_MARKERS.findall(sample))}
    if max(markers.values()) < MIN_MARKERS:
        return []
    if len(NATIVE.findall(sample)) * 4 > max(markers.values()):
        return []  # real Unicode Vietnamese (a stray © or ñ does not make it legacy)
    base_valid, _ = syllable_stats(sample)
    scores = []
    for name, count in markers.items():
        if count < MIN_MARKERS:
            continue
        valid, total = syllable_stats(CONVERTERS[name](sample))
        if valid >= MIN_WORDS and valid >= VALID_SHARE * total and valid >= 2 * base_valid \
                and valid - base_valid >= 2:
            scores.append((valid, name))
    return sorted(scores, reverse=True)


def detect(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or None for text read as Latin-1/cp1252 (or already Unicode)."""
    scores = _scores(_sample(text))
    return scores[0][1] if scores else None


# --- entry points ------------------------------------------------------------------------------------

def repair_mojibake(text: str) -> tuple[str, str | None]:
    """``(text, None)`` for ordinary text; ``(converted, "tcvn3"|"vni")`` for mis-decoded legacy text."""
    name = detect(text)
    if name is None:
        return text, None
    return CONVERTERS[name](text), name


def decode_legacy(raw: bytes, path: str) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: TCVN3 or VNI when they read as Vietnamese, else Windows-1258."""
    as_text = _bytes_to_text(raw)
    scores = _scores(_sample(as_text))
    try:
        cp1258: str | None = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        cp1258 = None
    if scores:
        valid, name = scores[0]
        if cp1258 is None or valid > syllable_stats(_sample(cp1258))[0]:
            return CONVERTERS[name](as_text), name
    if cp1258 is not None:
        return cp1258, "cp1258"
    raise ReadError(path, "not UTF-8 and not a known Vietnamese encoding")
