"""docs/formats.md keeps up with the readers: every format, suffix and limit is documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from chidao import loaders
from chidao.loaders import docx, legacy

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(loaders.READERS))
def test_every_format_is_documented(fmt) -> None:
    assert f"`{fmt}`" in PAGE


@pytest.mark.parametrize("suffix", sorted(loaders.SUFFIXES))
def test_every_suffix_is_documented(suffix) -> None:
    assert suffix in PAGE


@pytest.mark.parametrize("mojibake", ["Uû ban nh©n d©n tØnh", "TØNH ñY §ång Nai", "Xin chaøo caùc baïn",
                                      "UÛY BAN NHAÂN DAÂN TÆNH"])
def test_documented_conversions_hold(mojibake) -> None:
    converted, encoding = legacy.repair_mojibake(mojibake)
    assert f"| `{mojibake}` | `{converted}`, `{encoding}` |" in PAGE


def test_documented_limits_match_the_code() -> None:
    assert loaders.MAX_BYTES == 200 * 1024 * 1024 and "| file size | 200 MB |" in PAGE
    assert docx.MAX_UNCOMPRESSED == 200 * 1024 * 1024 and "| .docx expanded size | 200 MB in total |" in PAGE
    assert docx.MAX_RATIO == 100 and docx.MAX_MEMBERS == 10_000
    assert legacy.SAMPLE_CHARS == 100_000 and "100 000 characters from each end" in PAGE
