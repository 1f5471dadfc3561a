"""The natural sort key orders text as the tuple of runs it replaced did (numbers by value, before text)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from chidao.queries import natural_key


def runs(value: object) -> tuple:
    """The first form: a tuple of runs, a number as (0, value), text as (1, text)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", str(value or "")))


TEXT = st.text(alphabet="0123456789/-. aAbĐđủỦ", max_size=12)


@given(TEXT, TEXT)
def test_the_key_orders_as_the_runs(a: str, b: str) -> None:
    assert (natural_key(a) < natural_key(b)) == (runs(a) < runs(b))
    assert (natural_key(a) == natural_key(b)) == (runs(a) == runs(b))


def test_numbers_by_value_and_before_text() -> None:
    ordered = ["", "2", "02a", "10", "10/CT", "10a", "761-CV/TU", "Thông báo", "mục 2", "mục 10", "mục 10a"]
    assert sorted(reversed(ordered), key=lambda v: (natural_key(v), v)) == ordered
    assert natural_key(None) == natural_key("") and natural_key(7) == natural_key("7")
