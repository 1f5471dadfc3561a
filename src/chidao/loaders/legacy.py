"""Legacy 8-bit Vietnamese text. Full TCVN3/VNI tables arrive with issue 6; until then cp1258/cp1252."""

from __future__ import annotations

from chidao.errors import ReadError


def decode_legacy(raw: bytes, path: str) -> tuple[str, str]:
    for codec in ("cp1258",):
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise ReadError(path, "not UTF-8 and not a known Vietnamese encoding")
