"""Deadlines: ``trước ngày 15/12/2021``, ``chậm nhất ngày …``, ``trong tháng 12/2021``, ``trong quý IV/2021``.

A deadline is a cue right before a date. What the cue means for the date:

* ``trước ngày X``, ``chậm nhất (là) ngày X``, ``hạn chót``, ``không quá ngày X``, ``trước 17 giờ ngày X``:
  by X;
* ``trong tháng 12/2021``, ``trong quý IV/2021``, ``chậm nhất tháng 12/2021``: by the last day of
  the period; ``trong năm 2022`` and ``trong ngày X`` only right after ``hoàn thành``/``xong``
  (otherwise they say when, not by when);
* ``trước tháng 6/2024``, ``trước quý III/2024``, ``trước năm 2025``: by the end of the period
  before.

A year-less day takes the document's year, rolled to the next year when it would fall before the
document (``ref``); without ``ref`` its ``by`` is None. ``what`` is the task the deadline closes:
the clause before the cue, without the subject's chain of who leads and who helps, trimmed to at
most twelve words. Dates without a cue (``ngày 26/4/2021 của UBND tỉnh``), a cue without a date
(``trước mắt``, ``trước tình hình``) and a day without a month (``trước ngày 20 hằng tháng``) are
not deadlines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chidao.extract import dates
from chidao.extract.lexicon import CLAUSE_WINDOW, fold_range, folded_lower

# --- patterns (run on folded lower-case text, which has the same offsets as the text) ----------------

CUE = re.compile(
    r"(?P<cue>t(?<!\w.)(?:rước|rong|hời hạn(?:\s+hoàn thành)?\s*:?(?:\s*trước)?)"
    r"|c(?<!\w.)hậm nhất(?:\s+là)?(?:\s+(?:vào|đến|trước))?|h(?<!\w.)ạn (?:chót|cuối)(?:\s+là)?"
    r"|k(?<!\w.)hông (?:quá|muộn hơn))"
    r"\s+(?P<hour>\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*(?:phút|'))?)?\s*,?\s*)?(?=ngày|tháng|quý|qu[ií]|năm|6 tháng|\d)")
r"""A deadline cue, optionally with an hour (``trước 17 giờ ngày 05/8/2022``), right before a date.
The cues (trước, trong, thời hạn, chậm nhất, hạn chót/cuối, không quá/muộn hơn) are grouped by first
letter, each followed by ``(?<!\w.)`` (no letter before it): the pattern starts with literals, so a
search skips to t/c/h/k instead of testing a lookbehind at every character (issue 15). It matches
exactly what ``(?<!\w)(?P<cue>trước|chậm nhất…|trong)…`` did (a test compares them)."""

LOOSE_CUES = ("trong",)
"""Cues that name a period rather than a limit: a deadline only with a month or a quarter, or
right after ``hoàn thành``/``xong``."""

PERIOD_OF_ACTIVITY = re.compile(r"(?:diễn ra|xảy ra|tuyên truyền|kỷ niệm|dịp)(?!\w)")
"""In a clause about what happens or is told during a month, "trong tháng X" is when, not by when."""
NEGATED = re.compile(r"(?:không|tạm dừng|tạm hoãn|nghiêm cấm|cấm)(?!\w)")
"""A prohibition ("Không tổ chức … trong tháng 02/2020") sets no deadline."""
COMPLETION_BEFORE = re.compile(r"(?:hoàn thành|xong|kết thúc)\s*,?\s*$")
"""``hoàn thành trong năm 2022``: the period is the deadline."""

CLAUSE_BREAK = re.compile(r"[;:!?\n]|\.(?!\d)")
"""Where a clause ends (not the dot of ``10.000``); a ``,`` is a weaker break used only to skip a
bare ``hoàn thành``."""

AUXILIARY = re.compile(r"(?:có|là|được|đã|đang|sẽ|phải|cần|không)(?!\w)")
"""Verbs that do not start a task (``các xã có rừng``, ``các đơn vị có liên quan``, ``phải hoàn
thành``): the task starts at the next verb."""

ITEM_MARKER = re.compile(r"\s*(?:[-+•*]|\d+(?:\.\d+)*[.)-]|[a-zđ]\)|[IVXLC]+[.-])\s*")
"""A list marker at the start of a clause (``1.``, ``a)``, ``-``)."""

TRAILING_COMPLETION = re.compile(r"(?:[,;]?\s*(?:và\s+)?(?:phải\s+)?hoàn thành)\s*[,;]?\s*$")
"""``…, hoàn thành`` right before the cue: the completion word, not the task."""

CHAIN = re.compile(
    r"(?<!\w)(?:chủ trì\s*,?\s*phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|phối hợp(?:\s+chặt chẽ)?\s+với|chủ trì|lãnh đạo"
    r"|chỉ đạo|đôn đốc|giúp|yêu cầu|đề nghị|giao(?:\s+cho)?|là)(?!\w)")
"""Who leads, helps, directs or is asked (and ``X là cơ quan thường trực, giúp …``): the words
before the task itself. After the last of them, and the bodies it names, the task starts. After
``chủ trì,`` the partners may follow ``phối hợp`` without ``với`` ("chủ trì, phối hợp các đơn vị …")."""

NOT_A_VERB = re.compile(r"(?:công|tờ|quy|chương|lộ|hành|tiến|quá)\s$")
"""Before these, a verb-like word is part of a noun: ``công trình``, ``quy trình``, ``chương trình``."""

LAST_COMPLETION = re.compile(r",\s*(?=hoàn thành\s+\S)")
"""``…, hoàn thành xét nghiệm toàn bộ …``: a completion clause right before the cue is the task."""

PREVERB = re.compile(r"(?:khẩn trương|kiên quyết|tập trung|chủ động|kịp thời|tích cực|nghiêm túc|quyết liệt"
                     r"|nhanh chóng|sớm|khẩn cấp|tiếp tục|thường xuyên)\s+")
"""Adverbs before the task verb (``khẩn trương khắc phục …``): dropped when a verb follows."""

ADJACENT = re.compile(r"\s*(?:,|và|hoặc)?\s*")
"""What may stand between two cues of one deadline (``trong năm 2022, chậm nhất ngày 31/12/2022``)."""

CLAUSE_AFTER = re.compile(r"[\s,]*([^.;:\n]*)")
"""The rest of the clause after a date, when the cue opens its clause."""

SPACES = re.compile(r"\s+")

MAX_WHAT_WORDS = 12

DANGLING = frozenset({"của", "các", "những", "và", "cho", "tại", "trên", "với", "để", "về", "theo", "trong", "đến",
                      "từ", "là", "được", "có", "đã", "một", "số"})
"""Function words that should not end a trimmed task."""


def _phrases(name: str) -> list[str]:
    text = resources.files("chidao.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _verbs() -> re.Pattern[str]:
    """Subject-ending verbs (the parser's ``np_stops.txt``) and task verbs (``task_verbs.txt``), on
    folded lower-case text."""
    words = {folded_lower(w) for name in ("np_stops.txt", "task_verbs.txt") for w in _phrases(name)}
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")


@dataclass(frozen=True)
class Deadline:
    """A time limit for a task: ``by`` (ISO) is the last day allowed, ``what`` the task."""

    what: str
    by: str | None  # ISO
    span: tuple[int, int]
    quote: str


DIGIT = re.compile(r"\d")
SHORTEST_CUE = len("trong ")
"""Every date has a digit (``\\d``, as the date patterns read it), and a deadline's date follows its
cue: a range with no digit past its first SHORTEST_CUE characters holds no deadline. Most measures
have none past their item number, and their cue scan (t, c, h, k start most syllables) is skipped."""


def find_deadlines(text: str, start: int = 0, end: int | None = None, ref: dt.date | None = None) -> list[Deadline]:
    """Deadlines inside ``text[start:end]`` (spans relative to ``text``); ``ref`` is the document date."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if DIGIT.search(text, start + SHORTEST_CUE, end) is None:
        return []
    return _find_deadlines(text, start, end, ref)


def _find_deadlines(text: str, start: int, end: int, ref: dt.date | None) -> list[Deadline]:
    folded = fold_range(text, start, end)
    found: list[tuple[int, int, dt.date | None, int, str]] = []  # start, end, by, precision rank, cue
    for m in CUE.finditer(folded, start, end):
        window = text[m.end():min(end, m.end() + 60)]
        candidates = [d for d in dates.find_dates(window, ref) if d.span[0] == 0]
        if not candidates:
            continue
        date = candidates[0]
        cue = SPACES.sub(" ", m["cue"])
        by = _by(cue, date, folded[max(start, m.start() - CLAUSE_WINDOW):m.start()])  # not all: N² (issue 12)
        if by is False:
            continue
        rank = {"day": 0, "month": 1, "quarter": 2, "year": 3}[date.precision]
        found.append((m.start(), m.end() + date.span[1], by if isinstance(by, dt.date) else None, rank, cue))
    out: list[Deadline] = []
    merged = _merge(text, found)
    floor = start
    for a, b, by in merged:
        what = _what(text, folded, max(floor, a - CLAUSE_WINDOW), a, b, end)
        floor = _after_joint(text, b, end)  # "… trong quý II năm 2018 và Đại hội … trong quý III": the next task
        out.append(Deadline(what=what, by=by.isoformat() if by else None, span=(a, b), quote=text[a:b]))
    return out


def _by(cue: str, date: dates.DateMatch, before: str) -> dt.date | None | bool:
    """The last day allowed, None when unknown (a year-less day and no reference), False when this
    cue and date are not a deadline."""
    precision = date.precision
    if precision == "blank":
        return False
    if cue in LOOSE_CUES:
        clause = CLAUSE_BREAK.split(before)[-1]
        if PERIOD_OF_ACTIVITY.search(clause) or NEGATED.match(clause.lstrip(" -+•*0123456789.)")):
            return False  # "sự kiện diễn ra trong tháng 4", "tuyên truyền trong tháng 9", "Không tổ chức … trong tháng 2"
        tail = max(0, len(before.rstrip().rstrip(",").rstrip()) - len("hoàn thành"))  # it ends ``before``
        completed = COMPLETION_BEFORE.search(before, tail) is not None
        if precision in ("day", "year") and not completed:
            return False  # "trong ngày 30/4" is when, not by when
        return date.value
    if date.value is None:
        return None if precision == "day" else False
    if cue.startswith("trước") and precision != "day":
        return _period_before(date)
    return date.value


def _period_before(date: dates.DateMatch) -> dt.date | None:
    """``trước tháng 6/2024`` → 31/5/2024: the end of the period before the one named."""
    value = date.value
    assert value is not None
    if date.precision == "year":
        return dt.date(value.year - 1, 12, 31)
    if date.precision == "quarter":
        return dt.date(value.year, value.month - 2, 1) - dt.timedelta(days=1)
    return value.replace(day=1) - dt.timedelta(days=1)


def _merge(text: str, found: list[tuple[int, int, dt.date | None, int, str]]) -> list[tuple[int, int, dt.date | None]]:
    """One deadline for ``hoàn thành trong năm 2022, chậm nhất ngày 31/12/2022``: adjacent deadlines
    (only a comma or ``và``/``hoặc`` between) are one, dated by the most precise."""
    out: list[tuple[int, int, dt.date | None, int]] = []
    for a, b, by, rank, _ in sorted(found):
        if out and ADJACENT.fullmatch(text, out[-1][1], a):
            pa, _, pby, prank = out[-1]
            out[-1] = (pa, b, by if rank <= prank else pby, min(rank, prank))
        elif not out or a >= out[-1][1]:
            out.append((a, b, by, rank))
    return [(a, b, by) for a, b, by, _ in out]


JOINT = re.compile(r"\s*(?:,\s*)?(?:và|;)?\s*")
"""What joins one deadline's date to the next task in the same clause."""
TIME_LABEL = re.compile(r"\s*(?:thời hạn|thời gian)\s*:?\s+", re.I)
"""``Thời hạn gửi báo cáo trước ngày …``, ``Thời gian tiến hành …``: a label before the task."""


def _after_joint(text: str, pos: int, end: int) -> int:
    return JOINT.match(text, pos, end).end()


def _what(text: str, folded: str, floor: int, cue: int, date_end: int, end: int) -> str:
    """The task the deadline closes: the clause before the cue, without a trailing ``hoàn thành``
    and without the chain of bodies in front of the task; when the cue opens its clause, the words
    after the date. At most ``MAX_WHAT_WORDS`` words."""
    a = _clause_start(text, floor, cue)
    clause = (a, cue)
    stripped = TRAILING_COMPLETION.search(text, a, cue)
    if stripped is not None and stripped.start() >= a:
        head = text[a:stripped.start()].strip(" ,;-")
        if head:
            clause = (a, stripped.start())
        else:  # "…; hoàn thành trước ngày …": the task is the clause before
            prev = a - 1 if a > floor and text[a - 1] in ",;" else None
            if prev is not None:
                clause = (_clause_start(text, floor, prev), prev)
    a, b = clause
    label = TIME_LABEL.match(text, a, b)
    if label is not None:
        a = label.end()
    words = _task(text, folded, a, b)
    if not words:
        after = CLAUSE_AFTER.match(text, date_end, end)
        words = (after.group(1) if after else "").split()
    return _trim(words)


def _clause_start(text: str, floor: int, pos: int) -> int:
    a = floor
    for c in CLAUSE_BREAK.finditer(text, floor, pos):
        a = c.end()
    marker = ITEM_MARKER.match(text, a, pos)
    return marker.end() if marker else a


def _task(text: str, folded: str, a: int, b: int) -> list[str]:
    """Words of ``text[a:b]`` from where the task starts.

    Reading from the clause start, each verb is either a chain word (``chủ trì``, ``phối hợp với``,
    ``lãnh đạo``, ``chỉ đạo``, ``yêu cầu``, ``giao`` … with the bodies they name up to the next verb)
    or the task. Without a chain word the subject is kept when the clause fits in
    ``MAX_WHAT_WORDS`` (``Các đảng ủy xã hoàn thành rà soát``) and dropped otherwise. A closing
    ``…, hoàn thành <task>`` is the task the date belongs to.
    """
    pos, chained, task = a, False, None
    while pos < b:
        chain = CHAIN.match(folded, pos) if pos == a else None
        if chain is None:
            verb = next((v for v in _verbs().finditer(folded, pos, b)
                         if (text[v.start()].islower() or v.start() == a)
                         and not AUXILIARY.match(folded, v.start())
                         and not NOT_A_VERB.search(folded, max(0, v.start() - 8), v.start())), None)
            if verb is None:
                break
            chain = CHAIN.match(folded, verb.start())
            if chain is None:
                task = verb.start()
                break
        pos, chained = chain.end(), True
    if task is not None and (chained or len(text[a:b].split()) > MAX_WHAT_WORDS):
        a = task
    closing = list(LAST_COMPLETION.finditer(folded, a, b))
    if closing:
        a = closing[-1].end()
    while (adverb := PREVERB.match(folded, a, b)) is not None and _verbs().match(folded, adverb.end()):
        a = adverb.end()
    return text[a:b].strip(" ,;-").split()


def _trim(words: list[str]) -> str:
    """At most ``MAX_WHAT_WORDS`` words (syllables, as written), without a dangling function word
    where the cut falls (``… dùng chung của các``)."""
    if len(words) > MAX_WHAT_WORDS:
        words = words[:MAX_WHAT_WORDS]
        while len(words) > 1 and words[-1].lower().strip(",;") in DANGLING:
            words = words[:-1]
    return " ".join(words).strip(" ,;-")


__all__ = ["Deadline", "find_deadlines"]
