"""A reader whose page cache filled is opened again and the query retried once (the engine refuses
every later query of a connection whose cache once filled); a query that alone does not fit is a
one-line error that says what to do."""

from __future__ import annotations

import pytest

from chidao.errors import StoreError
from chidao.graph.stores import default_pool_mb
from chidao.graph.stores.embedded import EmbeddedStore

FULL = "Buffer manager exception: Unable to allocate memory! The buffer pool is full and no memory could be freed!"


class Refusing:
    """A connection that fails every query as a full cache does, counting the attempts."""

    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def execute(self, cypher, params):
        self.calls.append(cypher)
        raise RuntimeError(FULL)

    def close(self) -> None:
        pass


@pytest.fixture()
def store(tmp_path, sample_paths):
    from chidao.ingest import ingest

    ingest(sample_paths, tmp_path / "s.lbug")
    with EmbeddedStore(tmp_path / "s.lbug", read_only=True) as opened:
        yield opened


def test_a_full_cache_is_cleared_by_opening_again(store) -> None:
    calls: list[str] = []
    store._conn = Refusing(calls)  # the connection's cache is full: every query is refused
    rows = store.query("MATCH (d:Document) RETURN count(*) AS n")
    assert rows[0]["n"] > 0 and len(calls) == 1  # refused once, then answered on a new connection


def test_a_query_that_does_not_fit_says_what_to_do(store, monkeypatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(store, "_connect", lambda read_only: setattr(store, "_conn", Refusing(calls)))
    store._conn = Refusing(calls)
    with pytest.raises(StoreError, match=r"do not fit in the engine's page cache .*--limit.*CHIDAO_BUFFER_POOL_MB"):
        store.query("MATCH (d:Document) RETURN d")
    assert len(calls) == 2  # tried again once, not forever


def test_readers_may_take_more_cache_than_writers() -> None:
    assert default_pool_mb(read_only=True) >= default_pool_mb()
