"""Stage 5: who is told to act in a measure, who answers to whom, who reports to whom.

The unit is a noun phrase naming bodies or posts. It starts at an *entity head* (``Ban``, ``Sở``,
``các``, ``Bí thư`` … from ``data/entity_heads.txt``) and ends at the verb of its clause
(``data/np_stops.txt``) or at punctuation. A phrase is split into separate mentions on ``,``, ``;``
and ``và`` unless the next piece continues the previous one (``các huyện ủy, thành ủy``: one group;
``thủ trưởng các sở, ban, ngành, Mặt trận Tổ quốc``: the title distributes over the whole list).

Roles: ``chủ trì`` → lead; ``phối hợp với`` → cooperate; the subject of a directive sentence, the
object of ``giao``/``yêu cầu``/``đề nghị``, and the body a Party organ ``lãnh đạo`` → execute.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from chidao.extract.lexicon import (
    CLAUSE_WINDOW,
    entity_heads,
    list_continuations,
    not_entities,
    np_stops,
    post_title_re,
    trie_alternation,
)
from chidao.extract.models import Accountability, Assignment, Mention, Reporting, Span

SENTENCE_END = re.compile(r"[.!?:\n](?:(?<=[.!?:])\s+(?=[A-ZĐÀ-Ỹ\"“'‘(])|(?<=\n)\n*)")
r"""Sentence boundaries inside a measure (a line break always ends one): the spaces after ``.!?:``
before a capital, or a run of line breaks. A match starts at the punctuation or the first line
break, so a search skips to those few characters instead of trying a lookbehind at every space
(issue 15); ``sentence_cut`` gives the cut itself, exactly what ``(?<=[.!?:])\s+(?=…)|\n+`` matched."""


def sentence_cut(text: str, m: re.Match[str]) -> int:
    """Where a SENTENCE_END match's cut starts (after its punctuation)."""
    return m.start() if text[m.start()] == "\n" else m.start() + 1


WORD_START = r"(?<!\w.)"
r"""After a pattern's first letter: no letter before that one. ``p(?<!\w.)hối hợp`` matches what
``(?<![\w])phối hợp`` matched, but a search skips to the p's instead of testing a look-behind at every
character (issue 15; tests/extract/test_fast_patterns_second_round.py compares them)."""

FIRST_LETTER_CASES = {"b": "bB", "c": "cC", "đ": "đĐ", "g": "gG", "k": "kK\u212a", "p": "pP", "u": "uU", "ủ": "ủỦ",
                      "y": "yY"}
"""Every character a letter matches under IGNORECASE (the Kelvin sign is a k; checked over all of
Unicode by tests/extract/test_fast_patterns_third_round.py): the class a rewritten pattern starts with."""


def cases(letters: str) -> str:
    """A class of every character the letters match under IGNORECASE."""
    return "[" + "".join(FIRST_LETTER_CASES[ch] for ch in letters) + "]"


MEETING = r"(?:chủ chốt|định kỳ|thường kỳ|trực tuyến|hằng tuần|hàng tuần|tuần|tháng|quý|công tác|báo chí)\b"
"""The kinds of a "giao ban" briefing."""
TRIGGER = re.compile(rf"{cases('gyđuủ')}{WORD_START}(?i:(?:(?<=[gG])iao(?<!họp giao)(?!\s+ban\s+{MEETING})|(?<=[yY])êu cầu|(?<=[đĐ])ề nghị|"
                     r"(?:(?<=[uU])ỷ|(?<=[ủỦ])y) quyền(?:\s+cho)?)\s+(?!cho\b))")
r"""Verbs whose object is the assignee ("ủy quyền": a delegate acts in the head's place); "giao ban" after
"họp" or before a meeting's kind ("giao ban chủ chốt tháng 10") is a briefing, not an assignment. Matches what
``(?<![\w])(giao|yêu cầu|đề nghị|(?:ủy|uỷ) quyền(?:\s+cho)?)\s+(?!cho\b)`` under IGNORECASE matched
(but for its group): IGNORECASE is scoped past the first letter, which is a class of its cased forms
(FIRST_LETTER_CASES), so a search skips to those letters (3× faster: under IGNORECASE a pattern that
starts with a letter, or a look-behind, is tried at every character; issue 15, third round)."""

SELF_VERBS = re.compile(r"^(?:(?:đã |vừa |mới )*(?:ban hành|ký)|(?:đã |vừa |mới )+có|yêu cầu|đề nghị|giao|ghi nhận|biểu dương|"
                        r"quyết định|kết luận|thống nhất|xin|thông báo (?:để|đến|tới)|trân trọng|nhận được|"
                        r"nhấn mạnh|lưu ý|(?:cơ bản )?nhất trí|đánh giá cao)\b", re.I)
"""A subject followed by these is the issuer speaking ("Văn phòng Chính phủ xin thông báo …", "Ban
Thường vụ Tỉnh ủy vừa ban hành …"), not an assignee."""
NOTE = re.compile(r"^\([^()\n]{0,120}\)\s*")
"""A note after a body's name: "Sở Giao thông vận tải (Cơ quan Thường trực Ban ATGT) chủ trì"."""


def _after(folded: str, pos: int, end: int) -> str:
    """What follows a noun phrase, past its commas and a bracketed note, for reading its verb: its
    first CLAUSE_WINDOW characters (only its start is read; the rest of the sentence, copied for every
    phrase of one long sentence, cost N², issue 12). It starts at ``_after_start``."""
    after = folded[pos:min(end, pos + CLAUSE_WINDOW)].lstrip(" ,")
    note = NOTE.match(after)
    return after[note.end():] if note else after


def _after_start(pos: int, end: int, after: str) -> int:
    """Where ``_after(folded, pos, end)`` starts in the text (it is a suffix of its window)."""
    return min(end, pos + CLAUSE_WINDOW) - len(after)

ONLY_ACCOUNTABLE = re.compile(r"^(?:phải |cũng )?chịu trách nhiệm\b(?!\s+(?:thi hành|thực hiện|tổ chức thực hiện|triển khai))",
                              re.I)
"""A subject followed directly by "chịu trách nhiệm trước …" is held to account, not given a task."""

NAMED_OBJECT = re.compile(r"[cC](?<![\w][cC])(?<!Ban [cC])(?<!ban [cC])hỉ đạo\s+(?=[A-ZĐÀ-Ỹ])")
""""chỉ đạo Sở Y tế chủ trì …": a named (capitalised) body being directed is told to act; a generic
plural ("chỉ đạo các cơ quan truyền thông") is not."""

LEAD = re.compile(r"^\s*chủ trì\b", re.IGNORECASE)
COOPERATE = re.compile(rf"{cases('p')}{WORD_START}(?i:hối hợp (?:chặt chẽ )?(?:với|cùng)\s+)")
LEADS_BODY = re.compile(r"\s*lãnh đạo\s+", re.IGNORECASE)
ROLE_OF = re.compile(rf"{cases('p')}{WORD_START}(?i:hát huy (?:tốt )?(?:hơn nữa )?vai trò(?:,? trách nhiệm)? (?:của )?)")
ACCOUNTABLE = re.compile(rf"{cases('c')}{WORD_START}(?i:hịu trách nhiệm trước\s+)")
ACCOUNTABLE_WORDS = "ệm trước"
"""A part of ACCOUNTABLE's words no fold or case changes and holding no ``i`` (which IGNORECASE matches
to a dotless ı): a sentence whose fold lacks it holds no ACCOUNTABLE match."""
THEN_WHO = re.compile(r"(?:^|\bthì|,)\s+(?=\S)")
REPORT = re.compile(rf"{cases('bk')}{WORD_START}(?i:(?:(?<=[bB])áo cáo(?:,\s*(?:đề xuất|kiến nghị))?|"
                    r"(?<=[kK\u212a])ính báo(?:\s+(?:đến|tới))?)\s+)")
r"""COOPERATE, ROLE_OF, ACCOUNTABLE and REPORT: the second round's ``p(?<!\w.)hối hợp …`` under
IGNORECASE, with IGNORECASE scoped past the first letter, which is a class of its cased forms
(FIRST_LETTER_CASES): under IGNORECASE a pattern that starts with a letter gets no skip, a class
does (REPORT 3.5×, the others 1.3–1.5× faster; issue 15, third round)."""
REPORT_TO = re.compile(r"(?:(?:[^.;:()\n]|\([^()\n]{0,60}\)){0,80}?\s)?(?:gửi\s+(?:về|đến|tới|lên|cho)|về|cho|lên|gửi|tới"
                       r"|đến)\s+", re.IGNORECASE)
"""After "báo cáo": the recipient directly ("báo cáo Ban Thường vụ"), or after what is reported
("báo cáo khó khăn, vướng mắc về Sở Khoa học và Công nghệ"), which may hold a bracketed note
("báo cáo định kỳ (tháng, quý, năm) gửi về Văn phòng …"), or right after it ("gửi báo cáo về Văn
phòng Trung ương Đảng")."""
PHRASE_END_WORDS = ("để", "nhằm", "nếu", "khi", "thì", "theo", "về", "trong việc", "đối với", "do", "bằng", "kết quả",
                    "tình hình", "trước", "chậm nhất", "hằng", "hàng", "định kỳ", "qua", "trong thời gian")
PHRASE_END = re.compile(rf"[.:!?()\[\]\n\s](?:(?<=[.:!?()\[\]\n])|(?<=\s)(?:{trie_alternation(PHRASE_END_WORDS)})\s)", re.I)
r"""Where a noun phrase ends at the latest: punctuation, or one of PHRASE_END_WORDS between spaces.
Matches what ``[.:!?()\[\]\n]|\s(?:để|nhằm|…)\s`` matched; written to start with one character class
(then look back at it) and with the words as a trie, so a search skips to those characters and reads
one branch of words (issue 15)."""
PHRASE_END_MARK = re.compile(r"[.:!?()\[\]\n]")
PHRASE_END_WORD = re.compile(rf"\s(?:{trie_alternation(PHRASE_END_WORDS).replace('i', '[iı]')})\s")
"""PHRASE_END's two halves, to read apart: its marks on the text, its words on the folded text (the
same letters in lower case, so without IGNORECASE: a third faster, issue 15). IGNORECASE lets ``i``
match a dotless ``ı``, whose lower case is itself, hence ``[iı]``; every other letter of the words
matches under IGNORECASE exactly the characters whose lower case it is (checked over all of Unicode
when this was written)."""


def _phrase_end(text: str, folded: str, start: int, limit: int) -> int | None:
    """``PHRASE_END.search(text, start, limit).start()``, or None: the first mark, unless one of the
    words (between spaces) starts before it. A word's match can reach one past the mark, when its
    closing space is the line break that is the mark. A text whose fold is not as long as it (an
    ``İ`` lowers to two characters) is searched as it was."""
    if len(folded) != len(text):
        m = PHRASE_END.search(text, start, limit)
        return m.start() if m else None
    mark = PHRASE_END_MARK.search(text, start, limit)
    word = PHRASE_END_WORD.search(folded, start, mark.start() + 1 if mark else limit)
    if word is not None:
        return word.start()
    return mark.start() if mark else None


STOP_LONGEST = 64
"""Longer than any phrase of ``np_stops.txt`` (a test checks): the stops that can end a phrase start by
its limit, so they are looked for no further than this past it."""
MAX_PHRASE_WORDS = 60
"""A longer "noun phrase" is a sentence the stop list did not cut: not a name."""
PHRASE_WORDS = re.compile(rf"\s*(?:\S+\s+){{{MAX_PHRASE_WORDS}}}(?=\S)")
"""Up to where the next word would make a phrase too long: its stop is looked for no further (a stop
found past it makes the phrase too long anyway)."""
SPLIT = re.compile(r"[\s;,](?:(?<=;)\s*|(?<=,)\s+|(?<=\s)\s*(?:;\s*|và\s+|cùng\s+))")
r"""Where a phrase is cut into members: ``\s*;\s*|,\s+|\s+và\s+|\s+cùng\s+``, written to start with
the class of first characters those can start with (a search then skips the letters), and the three
that start with a space factored into one (after a run of spaces only its whole length can reach
``;``, ``và`` or ``cùng``, so the order of trying is the plain one's; a fourth faster, issue 15, third round)."""
PROTECTED = re.compile(r"phòng, chống|phòng, chữa|phòng chống|chính trị - xã hội|kinh tế - xã hội", re.I)
PLURAL = re.compile(r"(?<![\w])(?:các|những)\s", re.IGNORECASE)
NOUN_USE = re.compile(r"tổ chức (?:đảng|chính trị|cơ sở đảng|đoàn thể|xã hội|hội|thành viên|tôn giáo|quần chúng)")


def sentences(text: str, offset: int) -> Iterator[tuple[int, int]]:
    """Absolute spans of the sentences of ``text`` (which starts at ``offset``)."""
    pos = 0
    for m in SENTENCE_END.finditer(text):
        cut = m.start() if text[m.start()] == "\n" else m.start() + 1  # sentence_cut, inlined
        if cut > pos:
            yield offset + pos, offset + cut
        pos = m.end()
    if pos < len(text):
        yield offset + pos, offset + len(text)


def _sentences_in(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    return sentences(text[start:end], start)


def _stop(text: str, folded: str, start: int, end: int) -> int:
    """Where the noun phrase starting at ``start`` ends (exclusive), within ``[start, end)``."""
    return _stop_at(text, folded, start, end)[0]


def _stop_at(text: str, folded: str, start: int, end: int) -> tuple[int, bool]:
    """End of the noun phrase and whether a verb (not punctuation) ended it. Read at most
    CLAUSE_WINDOW characters on: a name is at most MAX_PHRASE_WORDS words, and searching to the end
    of one long sentence for each of its phrases cost N² (issue 12).

    The phrase ends at its first verb (a stop) found by its end at the latest (``_phrase_end``: a
    mark, or one of PHRASE_END_WORDS before it). The stop is looked for first, up to the mark, and
    the words only before that stop: they were read on to the mark, three times as far, for every
    phrase (issue 15, third round). ``_stop_at_plain`` is the order it replaces (and the one a text
    whose fold is not as long as it takes); tests/extract/test_fast_patterns_third_round.py compares
    them."""
    limit = min(end, start + CLAUSE_WINDOW)
    if len(folded) != len(text):
        return _stop_at_plain(text, folded, start, end)
    mark = PHRASE_END_MARK.search(text, start, limit)
    bound = mark.start() if mark else limit  # the phrase's end when no word comes before the mark
    stop = _first_stop(text, folded, start, end, bound)
    # A stop at or before a word's start + 1 wins over the word, as the stops up to there are the ones
    # a search bounded by the word finds (a stop is shorter than STOP_LONGEST): only a word starting
    # before stop - 1, whose match ends by stop + WORD_REACH, can end the phrase first.
    word_end = mark.start() + 1 if mark else limit
    if stop is not None:
        word_end = min(word_end, stop + WORD_REACH)
    word = PHRASE_END_WORD.search(folded, start, word_end)
    if word is not None and (stop is None or word.start() + 1 < stop):
        return _rstrip(text, start, word.start()), False
    if stop is not None:
        return _rstrip(text, start, stop), True
    return _rstrip(text, start, bound), False


WORD_REACH = max(map(len, PHRASE_END_WORDS)) + 2
"""Past a stop, how far a PHRASE_END_WORD match starting before it can reach (its word and two spaces)."""


def _first_stop(text: str, folded: str, start: int, end: int, limit: int) -> int | None:
    """Where the first stop that ends the phrase starting at ``start`` starts, when it starts by
    ``limit`` + 1: a verb of np_stops in lower case, not after a generic word, not a noun's use."""
    for s in np_stops().finditer(folded, start, min(end, limit + 2 + STOP_LONGEST)):
        if s.start() > limit + 1:
            break
        if s.start() == start:
            continue
        if not text[s.start()].islower():
            continue  # "Ban Chỉ đạo", "Tổ chức": part of a capitalised name
        before = folded[max(start, s.start() - 6):s.start()]
        if GENERIC_BEFORE.search(before):
            continue  # "các tổ chức", "Ban chỉ đạo"
        if NOUN_USE.match(folded, s.start()):
            continue  # "tổ chức đảng", "tổ chức chính trị - xã hội": organisations, not "to organise"
        return s.start()
    return None


def _stop_at_plain(text: str, folded: str, start: int, end: int) -> tuple[int, bool]:
    """``_stop_at`` as the phrase's end first, then its stop up to there."""
    limit = min(end, start + CLAUSE_WINDOW)
    phrase_end = _phrase_end(text, folded, start, limit)
    if phrase_end is not None:
        limit = phrase_end
    stop = _first_stop(text, folded, start, end, limit)
    return (_rstrip(text, start, stop), True) if stop is not None else (_rstrip(text, start, limit), False)


GENERIC_BEFORE = re.compile(r"(?:các|những|ban|của)\s$")


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:.-–":
        end -= 1
    return end


def starts_entity(folded: str, pos: int) -> bool:
    return entity_heads().match(folded, pos) is not None and not_entities().match(folded, pos) is None


def noun_phrase(text: str, folded: str, start: int, end: int, subject: bool = False) -> tuple[int, int] | None:
    """Span of the body-naming noun phrase at ``start``, or None if none starts there.

    With ``subject``, the phrase must be followed by a verb: a sentence-initial noun phrase ended by
    punctuation or a conjunction ("Cơ quan, đơn vị … để xảy ra") is not the subject of a directive.
    """
    while start < end and text[start] == " ":
        start += 1
    if not starts_entity(folded, start):
        return None
    words = _word_limit(text, start, end)  # a longer phrase is refused: read no further (N², issue 12)
    stop, by_verb = _stop_at(text, folded, start, min(end, words + 2 * STOP_LONGEST) if words is not None else end)
    if stop <= start or (subject and not by_verb):
        return None
    if words is not None and len(text[start:stop].split()) > MAX_PHRASE_WORDS:
        return None  # (without a word past the limit before ``end``, no phrase inside can have one)
    return start, stop


WORD_WINDOW = 2000
"""How much text ``_word_limit`` splits before it asks PHRASE_WORDS (words are rarely 30 characters)."""


def _word_limit(text: str, start: int, end: int) -> int | None:
    r"""``PHRASE_WORDS.match(text, start, end).end()`` (where the word after MAX_PHRASE_WORDS words
    starts), or None when there is no such word before ``end``. A C split of a bounded window does
    it (the regex cost a tenth of assignment finding, issue 15); \s and ``str.split`` agree on what
    a space is. Only when the window ends first and holds fewer words is the regex asked."""
    if end - start <= 2 * MAX_PHRASE_WORDS:
        return None  # too short to hold MAX_PHRASE_WORDS words, their spaces and one more word
    stop = min(end, start + WORD_WINDOW)
    window = text[start:stop]
    parts = window.split(None, MAX_PHRASE_WORDS)
    if len(parts) > MAX_PHRASE_WORDS:
        return stop - len(parts[MAX_PHRASE_WORDS])
    if stop == end:
        return None
    words = PHRASE_WORDS.match(text, start, end)
    return words.end() if words else None


LONE_GENERIC = frozenset({"ban", "ngành", "hội", "sở", "các ban", "các hội", "đoàn thể", "trường học", "bệnh viện"})
"""A lone generic word left by a list ("…, ban, …"): part of a group's name, never a body by itself."""


def split_members(text: str, folded: str, start: int, end: int, named_only: bool = False) -> list[Mention]:
    """Cut a noun phrase into the bodies/posts it lists (see module docstring)."""
    if text.startswith(":", end) and CATEGORY_END.search(text, start, end):
        end = _colon_list_end(text, end)  # "Giám đốc các Sở: Y tế, Tài chính; …": the list is the phrase's
    masked = text[start:end]
    # every PROTECTED match holds one of these, in lower case with no "i" (IGNORECASE matches "ı" to it)
    if "phòng" in folded[start:end] or " - xã hộ" in folded[start:end]:
        masked = PROTECTED.sub(lambda m: m.group().replace(",", "\x00").replace(" ", "\x01"), masked)
    if ";" not in masked and "," not in masked and "và" not in masked and "cùng" not in masked:
        return _members(text, folded, [[start, end]], named_only)  # SPLIT's literals: one piece
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in SPLIT.finditer(masked):
        if m.start() > pos:
            pieces.append((start + pos, start + m.start()))
        pos = m.end()
    if pos < len(masked):
        pieces.append((start + pos, end))
    members: list[list[int]] = []
    for a, b in pieces:
        if members and _continues(text, folded, members[-1], (a, b)):
            members[-1][1] = b
        else:
            members.append([a, b])
    return _members(text, folded, members, named_only)


def _members(text: str, folded: str, members: list[list[int]], named_only: bool) -> list[Mention]:
    """``split_members``'s pieces as mentions: stripped, lone generic words and (``named_only``)
    lower-case ones dropped; a category's list after a colon given out ("Giám đốc các Sở: Y tế,
    Tài chính" → "Sở Y tế", "Sở Tài chính")."""
    out = []
    for a, b in members:
        name = text[a:b].strip(" ,;")
        if not name or folded[a:a + len(name)] in LONE_GENERIC:
            continue
        if named_only and not name[:1].isupper():
            continue
        out.extend(":" in name and _distributed(text, a, name) or [Mention(name, (a, a + len(name)))])
    return out


CATEGORY_LIST = re.compile(r"(?:(?:Giám đốc|Thủ trưởng|Lãnh đạo)\s+)?các\s+(?P<cat>Sở|Bộ|Ban|Phòng|Cục):\s*(?P<list>\S.*)$",
                           re.DOTALL)
"""A category and its members after a colon: "Giám đốc các Sở: Nông nghiệp và Phát triển nông thôn,
Công Thương, Tài chính" names three departments (the members are cut at commas only: "và" belongs
to a department's own name)."""


CATEGORY_END = re.compile(r"các\s+(?:Sở|Bộ|Ban|Phòng|Cục)$")
"""A noun phrase ending on a category ("Giám đốc các Sở") that a colon and its members follow."""
LIST_END = re.compile(r"[;\n]|\.(?!\d)")
"""Where such a list of members ends."""


def _colon_list_end(text: str, colon: int) -> int:
    stop = LIST_END.search(text, colon + 1)
    return stop.start() if stop else len(text)


MEMBER_CUT = re.compile(r"(,\s*)")


def _distributed(text: str, a: int, name: str) -> list[Mention]:
    """The members of a category's list (``CATEGORY_LIST``) as "Sở Y tế", "Sở Tài chính", each
    spanning its own words in the text (the category word stands once, before the colon); none when
    a member is not a name (a lower-case word means the colon opened something else)."""
    m = CATEGORY_LIST.match(name)
    if m is None:
        return []
    out, pos = [], a + m.start("list")
    for piece in MEMBER_CUT.split(m["list"]):
        item = piece.strip()
        if item and piece[:1] != ",":
            at = text.find(item, pos)
            out.append(Mention(f"{m['cat']} {item}", (at, at + len(item))))
        pos += len(piece)
    return out if all(x.name.split(" ", 1)[1][:1].isupper() for x in out) else []


GENERIC_LEVELS = re.compile(r"^các (?:cấp|ngành|địa phương|sở|ban|cơ quan|đơn vị)(?:\s+(?:các|và)\s+\S+)?$")
""""các cấp, các ngành, các địa phương": one group named by its levels, each with its "các"."""


def _continues(text: str, folded: str, prev: list[int], piece: tuple[int, int]) -> bool:
    seg = folded[piece[0]:piece[1]].strip()
    prev_text = folded[prev[0]:prev[1]]
    if GENERIC_LEVELS.match(seg) and GENERIC_LEVELS.match(prev_text.strip().split(", ")[-1]):
        return True
    cls = list_continuations().get(seg)
    if cls is not None:
        if PLURAL.search(prev_text + " "):
            return True
        last_words = prev_text.split()
        for n in (3, 2, 1):
            if list_continuations().get(" ".join(last_words[-n:])) == cls:
                return True
    title = post_title_re().match(prev_text)
    if title and PLURAL.match(prev_text, title.end() + 1) and not post_title_re().match(seg):
        return True  # "thủ trưởng các sở, ban, ngành, Mặt trận Tổ quốc": the title distributes
    separator = text[prev[1]:piece[0]]
    if (title and ";" not in separator and not post_title_re().match(seg) and not PLURAL.match(seg + " ")
            and text[piece[0]].islower()):
        return True  # "Người đứng đầu cấp ủy, chính quyền các địa phương": one post over both
    return not starts_entity(folded, piece[0])


def _assign(mentions: list[Mention], role: str, quote_span: Span, text: str) -> list[Assignment]:
    quote = text[quote_span[0]:quote_span[1]]  # one copy shared by the members
    return [Assignment(m, role, quote, quote_span) for m in mentions]


def find_assignments(text: str, folded: str, start: int, end: int, body_start: int) -> list[Assignment]:
    """Assignments in the measure ``text[start:end]``; ``body_start`` is where its words begin."""
    out: list[Assignment] = []
    for k, (s_start, s_end) in enumerate(sentences(text[body_start:end], body_start)):
        found = _sentence_assignments(text, folded, s_start, s_end)
        if k == 0 and not found:
            found = _heading_assignments(text, folded, s_start, s_end)
        out.extend(found)
    return out


TRAILING_NOTE = re.compile(r"\s*\([^()\n]*\)\s*:?\s*$")
"""``1. Ban Dân tộc tỉnh (cơ quan thường trực Chương trình)``: a note after a heading's name."""


def _heading_assignments(text: str, folded: str, start: int, end: int) -> list[Assignment]:
    """An item whose first line is nothing but bodies or posts ("2. Các huyện ủy, thị ủy, thành ủy:",
    "1. Ban Dân tộc tỉnh (cơ quan thường trực …)") assigns them what follows under it (execute).

    The line must name an organisation or a post, not just start a plural: "2. Các giải pháp chủ
    yếu" is a heading of content, so after "các"/"những" an entity head must follow; a title in
    capitals ("TỔ CHỨC THỰC HIỆN") is a section, not a body."""
    newline = text.find("\n", start, end)
    line_end = _rstrip(text, start, newline if newline != -1 else end)
    note = TRAILING_NOTE.search(text, start, line_end)
    name_end = _rstrip(text, start, note.start() if note else line_end)
    if name_end <= start or text[start:name_end].isupper():  # "III. TỔ CHỨC THỰC HIỆN": a section title
        return []
    head = PLURAL.match(folded, start)
    pos = head.end() if head else start
    if PLURAL.match(folded, pos) or not starts_entity(folded, pos):
        return []
    np = noun_phrase(text, folded, start, name_end)
    if np is None or _rstrip(text, start, np[1]) < name_end:
        return []
    return _assign(split_members(text, folded, start, name_end), "execute", (start, line_end), text)


CLAUSE_START = re.compile(r";\s+(?=[A-ZĐÀ-Ỹ])")
"""A clause after a semicolon with a capitalised subject: "…; Bộ Xây dựng hướng dẫn …" (each body
its own task in one sentence)."""


def _sentence_assignments(text: str, folded: str, start: int, end: int) -> list[Assignment]:
    # each finder runs only when its literal is in the sentence (a substring test costs less than a
    # scan, and half the sentences hold none: no loop over an empty iterator either, issue 15)
    out = _subject_assignments(text, folded, start, end)  # a new list: extended here
    sentence = folded[start:end]
    if ";" in sentence:
        for m in CLAUSE_START.finditer(text, start, end):
            out.extend(_subject_assignments(text, folded, m.end(), end, clause=True))
    if " lãnh đạo " in sentence:
        for m in LEADS_ANYWHERE.finditer(text, start, end):
            out.extend(_led_body(text, folded, m.start(), end))
    # TRIGGER's literal parts: a sentence without any of them needs no trigger scan (four substring
    # tests cost less than one search of their alternation)
    if "giao" in sentence or "yêu cầu" in sentence or "đề nghị" in sentence or "quyền" in sentence:
        for m in TRIGGER.finditer(text, start, end):
            inner = noun_phrase(text, folded, m.end(), end)
            if inner is None:
                continue
            after = _after(folded, inner[1], end)
            role = "lead" if LEAD.match(after) else "execute"
            out.extend(_assign(split_members(text, folded, *inner), role, _quote(text, m.start(), inner[1], end), text))
            out.extend(_led_body(text, folded, _after_start(inner[1], end, after), end))
    if "chỉ đạo" in sentence:
        for m in NAMED_OBJECT.finditer(text, start, end):
            inner = noun_phrase(text, folded, m.end(), end, subject=True)
            if inner is None or PLURAL.match(folded, inner[0]):
                continue
            after = _after(folded, inner[1], end)
            role = "lead" if LEAD.match(after) else "execute"
            out.extend(_assign(split_members(text, folded, *inner), role, _quote(text, m.start(), inner[1], end), text))
    if "phối hợp" in sentence:
        for m in COOPERATE.finditer(text, start, end):
            inner = noun_phrase(text, folded, m.end(), end)
            if inner is not None:
                out.extend(_assign(split_members(text, folded, *inner), "cooperate",
                                   (m.start(), inner[1]), text))
    if "vai trò" in sentence:
        roles = list(ROLE_OF.finditer(text, start, end))
        for k, m in enumerate(roles):
            if not (starts_entity(folded, m.end()) and text[m.end()].isupper()):
                continue
            # a list ends where the next "phát huy vai trò" starts: each list ran on over all the later ones (N², issue 12)
            stop = min(roles[k + 1].start() if k + 1 < len(roles) else end, m.end() + CLAUSE_WINDOW)
            inner_end = _list_end(text, m.end(), stop)
            members = split_members(text, folded, m.end(), inner_end, named_only=True)
            out.extend(_assign(members, "execute", (m.start(), inner_end), text))
    if len(out) < 2:
        return out
    seen: set[tuple[Span, str]] = set()
    return [a for a in out if (a.mention.span, a.role) not in seen and not seen.add((a.mention.span, a.role))]


def _subject_assignments(text: str, folded: str, start: int, end: int, clause: bool = False) -> list[Assignment]:
    """The subject of a sentence or of a clause after ``;``, told to do what its verb says (unless
    the issuer is speaking). A clause subject is one body list without a semicolon of its own ("… của
    Bộ Y tế; Ban Chỉ đạo …, Sở Y tế; thực hiện" lists sources, it names no subject)."""
    np = noun_phrase(text, folded, start, end, subject=True)
    if np is None or (clause and (";" in text[np[0]:np[1]] or text[np[1]:np[1] + 2].lstrip()[:1] in (";", ","))):
        return []
    after = _after(folded, np[1], end)
    if SELF_VERBS.match(after) or ONLY_ACCOUNTABLE.match(after):
        return []
    role = "lead" if LEAD.match(after) else "execute"
    out = _assign(split_members(text, folded, *np), role, _quote(text, start, np[1], end), text)
    return out + _led_body(text, folded, _after_start(np[1], end, after), end)


LEADS_ANYWHERE = re.compile(r" lãnh đạo (?<=[\w,] lãnh đạo )(?=[A-ZĐÀ-Ỹ])")
""""… tổ chức cơ sở đảng lãnh đạo chính quyền, Mặt trận …" inside a clause: the bodies led act."""


def _led_body(text: str, folded: str, pos: int, end: int) -> list[Assignment]:
    """``… lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo``: the named body a Party organ leads also executes
    (a body named in capitals: "lãnh đạo chính quyền cùng cấp" is the Party's role, not a task)."""
    lead_body = LEADS_BODY.match(text, pos)
    if not lead_body:
        return []
    inner = noun_phrase(text, folded, lead_body.end(), end)
    if inner is None or PLURAL.match(folded, inner[0]):
        return []
    if text[inner[0]].isupper():
        return _assign(split_members(text, folded, *inner), "execute", _quote(text, inner[0], inner[1], end), text)
    return []


def _list_end(text: str, start: int, end: int) -> int:
    m = re.compile(r"[.;:()]| trong | để | nhằm ").search(text, start, end)
    return _rstrip(text, start, m.start() if m else end)


def _quote(text: str, start: int, np_end: int, end: int) -> Span:
    """The phrase and its predicate to the end of that clause: enough to show the assignment without
    cutting a word in two ("chỉ đạo các cơ quan truyền thông", not "chỉ đạo các cơ"). A syllable
    count cannot tell where a Vietnamese word ends, so a long clause is quoted whole, to its comma
    or the end of the sentence.

    Word by word: the quote stops before a word opening with ``(.;:``, or after a word (not the
    first) closing with ``,;:.`` unless "chống" follows. Only those words are visited (QUOTE_MARKS):
    a Python step per word of every clause cost a twentieth of extraction (issue 15)."""
    first = WORD.search(text, np_end, end)
    if first is None or text[first.start()] in "(.;:":
        return start, _rstrip(text, start, np_end)
    for m in QUOTE_MARKS.finditer(text, first.end(), end):
        at = m.start()
        if m.lastgroup == "opens":  # stop at the end of the word before it
            while text[at - 1].isspace():
                at -= 1
            return start, _rstrip(text, start, at)
        if not SAME_CLAUSE.match(text, at + 1):
            return start, _rstrip(text, start, at + 1)
    stop = end  # every word read: the quote ends with the last one
    while text[stop - 1].isspace():
        stop -= 1
    return start, _rstrip(text, start, stop)


WORD = re.compile(r"\S+")
QUOTE_MARKS = re.compile(r"[(.;:,](?:(?<=[(.;:])(?<!\S.)(?P<opens>)|(?<=[,;:.])(?!\S)(?P<closes>))")
r"""A word opening with ``(.;:`` or closing with ``,;:.`` (the words where a quote may stop):
``(?<!\S)(?P<opens>[(.;:])|(?P<closes>[,;:.])(?!\S)`` written to start with the one class of those
characters (a search skips to them instead of testing a look-behind at every character; the same
spans, and the group that matched names the case)."""
SAME_CLAUSE = re.compile(r"\s*chống\b", re.I)
"""A comma inside "phòng, chống" (prevent and fight) does not end the clause."""


# --- accountability and reporting -------------------------------------------------------------------


def find_accountability(text: str, folded: str, start: int, end: int) -> list[Accountability]:
    if "trách nhiệm trước" not in folded[start:end]:
        return []
    out = []
    aligned = len(folded) == len(text)  # the fold's offsets are the text's (an "İ" lowers to two characters)
    for s_start, s_end in sentences(text[start:end], start):
        if aligned and ACCOUNTABLE_WORDS not in folded[s_start:s_end]:
            continue  # a substring test instead of a scan for each of the measure's sentences
        for m in ACCOUNTABLE.finditer(text, s_start, s_end):
            who = _who(text, folded, s_start, m.start()) or _object_of_trigger(text, folded, s_start, m.start())
            if who is None:
                continue
            tgt_end = _stop(text, folded, m.end(), s_end)
            targets = _shared_level([t for t in split_members(text, folded, m.end(), tgt_end)
                                     if starts_entity(folded, t.span[0]) or post_title_re().match(folded, t.span[0])])
            quote_start = who.span[0] if who.span[0] >= s_start and m.start() - who.span[1] < 40 else m.start()
            for t in targets:
                span = (quote_start, tgt_end)
                out.append(Accountability(who, t, text[span[0]:span[1]], span))
    return out


BARE_COUNCIL = re.compile(r"^(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân|Thường trực HĐND)$")
LEVEL_TAIL = re.compile(r"\s(tỉnh|huyện|xã|thành phố|thị xã|quận|phường)$")


def _shared_level(targets: list[Mention]) -> list[Mention]:
    """"trước Tỉnh ủy, HĐND, UBND tỉnh": the level at the end of a list belongs to the bare councils
    before it too ("HĐND tỉnh"); bodies that are not named by level alone ("pháp luật") were dropped."""
    level = LEVEL_TAIL.search(targets[-1].name) if targets else None
    if level is None:
        return targets
    return [Mention(f"{t.name} {level.group(1)}", t.span) if BARE_COUNCIL.match(t.name) else t for t in targets]


def _object_of_trigger(text: str, folded: str, s_start: int, verb: int) -> Mention | None:
    """"Chủ tịch UBND tỉnh ủy quyền đồng chí X, Phó Chủ tịch … thực hiện … và chịu trách nhiệm trước …":
    the one told to act answers for it, when the sentence's own subject is not a body."""
    found = None
    for m in TRIGGER.finditer(text, max(s_start, verb - 400), verb):
        found = m
    if found is None:
        return None
    np = noun_phrase(text, folded, found.end(), verb)
    return Mention(text[np[0]:np[1]], np) if np else None


THEN = re.compile(rf"t{WORD_START}hì\s+")


def _who(text: str, folded: str, s_start: int, verb: int) -> Mention | None:
    """The subject that ``chịu trách nhiệm``: after ``thì``, else the sentence subject. ``thì`` is
    looked for at most CLAUSE_WINDOW characters back: reading from the sentence start for every
    verb of one long sentence cost N² (issue 12)."""
    lo = max(s_start, verb - CLAUSE_WINDOW)
    clause = folded[lo:verb]
    m = list(THEN.finditer(clause))
    if m:
        a = lo + m[-1].end()
        b = _rstrip(text, a, verb)
        b = a + len(re.sub(r"\s+(?:phải|cần|sẽ)\s*$", "", text[a:b]))
        return Mention(text[a:b], (a, b)) if b > a else None
    np = noun_phrase(text, folded, s_start, verb)
    if np is None:
        return None
    return Mention(text[np[0]:np[1]], np)


def find_reporting(text: str, folded: str, start: int, end: int, default_who: Mention | None,
                   cadence_of) -> list[Reporting]:
    if "báo cáo" not in folded[start:end] and "kính báo" not in folded[start:end]:
        return []
    out = []
    for s_start, s_end in sentences(text[start:end], start):
        cadence, known = None, False  # the sentence's cadence, read once: once per report cost N² (issue 12)
        for m in REPORT.finditer(text, s_start, s_end):
            tgt = noun_phrase(text, folded, m.end(), s_end)
            if tgt is None:
                via = REPORT_TO.match(text, m.end(), s_end)
                tgt = noun_phrase(text, folded, via.end(), s_end) if via else None
            if tgt is None or PLURAL.match(folded, tgt[0]):
                continue
            targets = split_members(text, folded, *tgt)
            if not known:
                cadence, known = cadence_of(text[s_start:s_end]), True
            span = (m.start(), tgt[1])
            for t in targets:
                out.append(Reporting(default_who, t, cadence, text[span[0]:span[1]], span))
    return out
