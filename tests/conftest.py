"""Shared fixtures: the bundled sample directives and their gold annotations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests derandomised, so a submission's result is reproducible; a developer's
# run explores new random cases every time.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """The four samples ingested once into a store shared by read-only tests."""
    from chidao.ingest import ingest

    path = tmp_path_factory.mktemp("store") / "samples.lbug"
    report = ingest([SAMPLES], path)
    assert not report.failed
    return str(path)


@pytest.fixture()
def store(sample_store):
    from chidao.graph.stores import open_store

    s = open_store(sample_store, read_only=True)
    yield s
    s.close()
