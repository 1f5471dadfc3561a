"""Bounded memory by default: the engine's page cache is capped without any variable set."""

from __future__ import annotations

import pytest

from chidao.graph import stores
from chidao.graph.stores import open_store
from chidao.graph.stores.embedded import EmbeddedStore


@pytest.mark.parametrize(("memory", "pool"), [
    (None, 1024),  # cannot tell: the cap
    (64 * 1024, 1024),  # a big machine: the cap
    (8 * 1024, 1024),  # an 8 GB laptop: the cap (a quarter would be 2 GB)
    (4 * 1024, 1024),  # a quarter
    (3 * 1024, 768),  # a small container: a quarter
    (1024, 512),  # tiny: the engine's floor
])
def test_default_pool_is_a_quarter_of_memory_within_bounds(monkeypatch, memory, pool) -> None:
    monkeypatch.setattr(stores, "memory_mb", lambda: memory)
    assert stores.default_pool_mb() == pool


def test_memory_is_known_here() -> None:
    assert (stores.memory_mb() or 0) > 0


def test_stores_are_capped_without_any_variable(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(stores.POOL_ENV, raising=False)
    cap = stores.default_pool_mb() << 20
    with open_store(tmp_path / "s.lbug", bulk=True) as writer:
        assert writer._options == {"auto_checkpoint": False, "buffer_pool_size": cap}
    reader_cap = stores.default_pool_mb(read_only=True) << 20  # readers: half the memory at most
    assert cap <= reader_cap <= max(stores.memory_mb() or 0, stores.POOL_MIN_MB) << 20
    with open_store(tmp_path / "s.lbug", read_only=True) as reader:
        assert reader._options["buffer_pool_size"] == reader_cap
    with EmbeddedStore(tmp_path / "s.lbug", read_only=True) as direct:  # readers made without open_store too
        assert direct._options["buffer_pool_size"] == reader_cap


def test_the_variable_still_overrides(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(stores.POOL_ENV, "300")
    with open_store(tmp_path / "s.lbug", bulk=True) as writer:
        assert writer._options == {"auto_checkpoint": True, "buffer_pool_size": 300 << 20}


@pytest.mark.parametrize(("pool_mb", "every"), [
    (1024, 1024),  # the default cache: one document a MB (every batch of 2,000 files)
    (256, 500),  # never more often than CHECKPOINT_MIN
    (100_000, 20_000),  # never less often than CHECKPOINT_DOCUMENTS
])
def test_ingest_checkpoints_before_the_cache_fills(tmp_path, monkeypatch, pool_mb, every) -> None:
    """LadybugDB keeps what it wrote until a checkpoint, and fails or aborts when its cache is full."""
    from chidao.ingest import checkpoint_every

    monkeypatch.setenv(stores.POOL_ENV, str(pool_mb))
    with open_store(tmp_path / "s.lbug", bulk=True) as store:
        assert checkpoint_every(store) == every
