"""Vocabularies the parser uses, loaded from the data files beside this module."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
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


def _alternation(phrases: list[str], word_start: bool = False) -> str:
    r"""One alternation of the folded phrases that matches what their longest-first list matched.

    The phrases are factored into a trie, so the engine follows the text down one branch instead of
    trying every phrase in turn (a list of 170 phrases cost 170 tries at every position, issue 15).
    At a node a longer continuation is tried before stopping there, so with a lookahead after the
    group the longest phrase that fits still wins and a shorter one is tried when it does not.
    ``word_start`` checks that no letter stands before the phrase (``(?<![\w])`` in front) where the
    phrase ends, as ``(?<!\wPHRASE)``: the pattern then starts with literals, so a search skips to the
    letters that can start a phrase instead of testing the lookbehind at every position, and at
    each of those letters it fails on the next one before any look-behind (the check after the first
    letter, ``(?<!\w.)``, cost a third of the type-word scan, issue 15, second round).
    """
    return trie_alternation({folded_lower(p) for p in phrases}, word_start)


def trie_alternation(phrases: Iterable[str], word_start: bool = False) -> str:
    """The phrases as they are (not folded), factored into a trie; see ``_alternation``."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    return _branches(trie, word_start)


def _branches(node: dict, word_start: bool = False, path: str = "") -> str:
    alts = [re.escape(ch) + _branches(node[ch], word_start, path + ch) for ch in sorted(k for k in node if k)]
    if word_start and "" in node:  # a phrase ends here: no letter before its start
        stop = rf"(?<!\w{re.escape(path)})"
        return stop if not alts else "(?:" + "|".join([*alts, stop]) + ")"
    if not alts:
        return ""
    if "" in node:  # stopping here is the last resort: after every longer phrase through this node
        return "(?:" + "|".join(alts) + ")?"
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


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
    return re.compile(rf"(?:{_alternation(_lines('np_stops.txt'), word_start=True)})(?![\w])")


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
