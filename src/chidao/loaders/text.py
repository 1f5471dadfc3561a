"""Plain text and Markdown: UTF-8 (with or without BOM), UTF-16/32 with BOM, legacy 8-bit Vietnamese.

Unicode text that is really TCVN3 or VNI read as Latin-1 (``Uû ban nh©n d©n``) is converted too, and
the encoding then says ``tcvn3``/``vni`` (see :mod:`chidao.loaders.legacy`).
"""

from __future__ import annotations

import codecs

from chidao.errors import ReadError
from chidao.loaders.legacy import decode_legacy, repair_mojibake

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}
CONTROL_BYTES = bytes(sorted(BINARY_CONTROL))
"""Control bytes that never occur in text; more than 1 % of them means a binary file. Counted as
what deleting them removes: one pass in C, where a count per byte value made 28 (issue 15)."""


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding name)``; refuse bytes that are not text at all."""
    text, encoding = _decode(raw, path)
    if encoding in ("tcvn3", "vni", "cp1258"):
        return text, encoding
    repaired, legacy = repair_mojibake(text)
    return repaired, legacy or encoding


def _decode(raw: bytes, path: str) -> tuple[str, str]:
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"not valid {name} text ({exc.reason})") from None
    sample = raw[:4096]
    if sample and len(sample) - len(sample.translate(None, CONTROL_BYTES)) > max(2, len(sample) // 100):
        raise ReadError(path, "binary content, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return decode_legacy(raw, path)
