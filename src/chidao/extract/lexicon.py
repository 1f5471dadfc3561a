"""Vocabularies the parser uses, loaded from the data files beside this module."""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from importlib import resources

from chidao.loaders.normalize import SHORT, fold_tones


def _lines(name: str) -> list[str]:
    text = resources.files("chidao.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def folded_lower(text: str) -> str:
    """Same-length lower-case match form (tone placement folded)."""
    if len(text) <= SHORT:
        return _folded_lower_short(text)
    if text is _document_fold[0]:
        return _document_fold[1]
    return _folded_lower_document(text) if len(text) <= DOCUMENT else fold_tones(text).lower()


def fold_range(text: str, start: int, end: int) -> str:
    """The fold of ``text`` (same length), for finders called once per item on ``[start, end)``.

    The whole text is folded once and kept until another text is asked for, whatever its size:
    copying or re-folding the text for every item made a document of N items cost N² (issue 12).
    The entry is keyed by identity, not by value, so the sentences and names folded in between
    (``folded_lower``'s small caches) can never push the document's fold out."""
    global _document_fold
    if text is not _document_fold[0]:
        _document_fold = (text, folded_lower(text))
    return _document_fold[1]


_document_fold: tuple[str, str] = ("", "")
"""The last document ``fold_range`` was asked for, and its fold."""

CLAUSE_WINDOW = 4000
"""How far from a phrase, a verb or a deadline cue a finder reads its sentence, at most. The longest
sentence of the sample and real directives is under 1,000 characters; without a bound, every phrase
or cue of one long unpunctuated run re-read the run (N², issue 12)."""

DOCUMENT = 1_000_000
"""Texts up to this length (every real directive) keep their fold for the next finder."""


@lru_cache(maxsize=2)
def _folded_lower_document(text: str) -> str:
    return fold_tones(text).lower()


@lru_cache(maxsize=1 << 16)
def _folded_lower_short(text: str) -> str:
    """Titles and names are folded again and again (once per comparison): cached, like fold_tones."""
    return fold_tones(text).lower()


def _alternation(phrases: list[str]) -> str:
    ordered = sorted({folded_lower(p) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p) for p in ordered)


@cache
def entity_heads() -> re.Pattern[str]:
    """Matches at a position where a body/post/group name can start (on folded lower-case text)."""
    return re.compile(rf"(?:{_alternation(_lines('entity_heads.txt'))})(?![\w])")


@cache
def not_entities() -> re.Pattern[str]:
    """Phrases that start like a body's name but are a verb or a content noun (``Ban hành``, ``Các nhiệm vụ``)."""
    return re.compile("|".join(f"(?:{line})" for line in _lines("not_entities.txt")))


@cache
def np_stops() -> re.Pattern[str]:
    """Verbs/adverbs that end a subject noun phrase (on folded lower-case text)."""
    return re.compile(rf"(?<![\w])(?:{_alternation(_lines('np_stops.txt'))})(?![\w])")


@cache
def post_titles() -> tuple[str, ...]:
    return tuple(sorted(_lines("post_titles.txt"), key=len, reverse=True))


@cache
def post_title_re() -> re.Pattern[str]:
    return re.compile(rf"(?:đồng chí |các đồng chí |đ/c )?(?:{_alternation(list(post_titles()))})(?![\w])")


@cache
def list_continuations() -> dict[str, str]:
    data = resources.files("chidao.extract").joinpath("data", "list_continuations.csv").read_text(encoding="utf-8")
    return {folded_lower(row["word"]): row["class"] for row in csv.DictReader(data.splitlines())}


@cache
def casing() -> tuple[tuple[re.Pattern[str], str], ...]:
    phrases = sorted(_lines("casing.txt"), key=len, reverse=True)
    return tuple((re.compile(rf"(?<![\w]){re.escape(folded_lower(p))}(?![\w])"), p) for p in phrases)
