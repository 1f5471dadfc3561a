"""Shared fixtures: the bundled sample directives and their gold annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "examples" / "directives"
GOLD = Path(__file__).resolve().parent / "data" / "gold"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def sample_records(sample_paths):
    from chidao.extract import extract_file

    return [extract_file(p) for p in sample_paths]
