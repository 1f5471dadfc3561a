"""Stage 3: addressees (``Kính gửi``), the ``Nơi nhận`` list and the signature block."""

from __future__ import annotations

import re

from chidao.extract.layout import CAPACITY, KINH_GUI, NOI_NHAN, Layout, Line
from chidao.extract.lexicon import folded_lower, post_titles
from chidao.extract.models import Addressee, Mention, Signature

LIST_DASH = re.compile(r"^[-+•]\s*")
TRAILING = re.compile(r"[\s,;.:]+$")

PURPOSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\((?:để\s+)?(?:báo cáo|b/c|b/cáo|bc)\)", re.I), "report"),
    (re.compile(r"\((?:để\s+)?(?:thực hiện|t/h|th)\)", re.I), "execute"),
    (re.compile(r"\((?:để\s+)?(?:chỉ đạo|c/đ)\)", re.I), "direct"),
    (re.compile(r"\((?:để\s+)?(?:phối hợp|p/h)\)", re.I), "cooperate"),
    (re.compile(r"\((?:để\s+)?(?:biết|theo dõi|b)\)", re.I), "inform"),
    (re.compile(r"\((?:để\s+)?(?:kiểm tra|giám sát)\)", re.I), "supervise"),
)
"""Bracketed purposes after a Nơi nhận line."""

ARCHIVE = re.compile(r"^Lưu\b", re.I)
AS_ABOVE = re.compile(r"^Như\s+(?:trên|kính gửi|Điều|điều)", re.I)

CAPACITY_CODES = {
    "T/M": "T/M", "TM": "T/M", "TM.": "T/M",
    "K/T": "K/T", "KT": "K/T", "KT.": "K/T",
    "T/L": "T/L", "TL": "T/L", "TL.": "T/L",
    "TUQ": "TUQ", "TUQ.": "TUQ", "Q.": "Q.",
}
CAPACITY_LINE = re.compile(r"^(T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+(.+)$")
PERSON_NAME = re.compile(
    r"^(?:[A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
    r"[a-zđàáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]*\s?){2,5}$")
"""Two to five capitalised syllables: ``Trần Đình Văn``."""


def split_list_lines(lines: tuple[Line, ...], first_line_prefix: re.Pattern[str] | None = None) -> list[Mention]:
    """One mention per ``-`` line (and the text after ``Kính gửi:`` on its own line)."""
    out: list[Mention] = []
    for k, line in enumerate(lines):
        text, start = line.text, line.start
        if k == 0 and first_line_prefix is not None:
            m = first_line_prefix.match(folded_lower(text))
            if m:
                text, start = text[m.end():], start + m.end()
        for piece_start, piece in _dash_pieces(text, start):
            out.append(piece if isinstance(piece, Mention) else Mention(piece, (piece_start, piece_start + len(piece))))
    return out


DASH_ITEM = re.compile(r"(?:^|(?<=[,;.:])\s*|\s+)[-+•]\s+")
"""A list dash at the start, or after the punctuation that ended the previous item on one line."""


def _dash_pieces(text: str, start: int) -> list[tuple[int, Mention]]:
    """``- A, - B`` on one line (flattened lists) split into A and B."""
    cuts = [m for m in DASH_ITEM.finditer(text) if m.start() == 0 or text[:m.start()].rstrip()[-1:] in ",;.:"
            or not text[:m.start()].strip()]
    bounds = [(m.end(), cuts[k + 1].start() if k + 1 < len(cuts) else len(text)) for k, m in enumerate(cuts)]
    if not cuts:
        bounds = [(0, len(text))]
    elif text[:cuts[0].start()].strip():
        bounds.insert(0, (0, cuts[0].start()))
    out = []
    for a, b in bounds:
        raw = text[a:b]
        name = TRAILING.sub("", raw.strip()).rstrip("*").strip()
        if not name:
            continue
        s = start + a + raw.find(name)
        out.append((s, Mention(name, (s, s + len(name)))))
    return out


def recipients(layout: Layout) -> list[Mention]:
    if layout.kinh_gui is None:
        return []
    lines = tuple(ln for ln in layout.region_lines(layout.kinh_gui) if ln.stripped)
    return [m for m in split_list_lines(lines, KINH_GUI) if len(m.name) > 1]


def cc_list(layout: Layout) -> list[Addressee]:
    lines = layout.region_lines(layout.closing)
    out: list[Addressee] = []
    started = False
    for line in lines:
        s = line.stripped
        if not started:
            if NOI_NHAN.match(folded_lower(s)):
                started = True
                rest = NOI_NHAN.sub("", s, count=1) if False else s[NOI_NHAN.match(folded_lower(s)).end():]
                if rest.strip():
                    offset = line.start + len(line.text) - len(rest)
                    out.extend(_addressees([Line(offset, line.end, rest)]))
            continue
        if not s:
            continue
        if not s.startswith(("-", "+", "•")):
            if out and not CAPACITY.match(s) and not _is_caps(s) and s[:1].islower():
                continue
            break
        out.extend(_addressees([line]))
    return out


def _addressees(lines: list[Line]) -> list[Addressee]:
    out = []
    for m in split_list_lines(tuple(lines)):
        purpose = next((p for rx, p in PURPOSES if rx.search(m.name)), None)
        if purpose is None and ARCHIVE.match(m.name):
            purpose = "archive"
        elif purpose is None and AS_ABOVE.match(m.name):
            purpose = "as-above"
        out.append(Addressee(m, purpose))
    return out


def _is_caps(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))  # by C calls, not a Python step per character
    return bool(letters) and sum(map(str.isupper, letters)) / len(letters) >= 0.7


DEPUTY = re.compile(r"^P\.\s*(?=[A-ZĐ])")
"""A deputy's post abbreviated in a signature: "P.CHỦ TỊCH" is "PHÓ CHỦ TỊCH"."""


def title_case(caps: str) -> str:
    """``PHÓ BÍ THƯ`` → ``Phó Bí thư`` using the canonical post titles."""
    key = folded_lower(caps.strip())
    for title in post_titles():
        if folded_lower(title) == key:
            return title[:1].upper() + title[1:]
    for title in post_titles():
        t = folded_lower(title)
        if key.startswith(t + " "):
            from chidao.extract.header import proper_case

            rest = caps.strip()[len(t) + 1:]
            return f"{title[:1].upper()}{title[1:]} {proper_case(rest)}"
    return _sentence(caps)


def _sentence(caps: str) -> str:
    low = caps.strip().lower()
    return low[:1].upper() + low[1:]


def signature(layout: Layout, text: str) -> Signature:
    """Capacity line, title line and name, wherever they sit in the closing region."""
    lines = [ln for ln in layout.region_lines(layout.closing) if ln.stripped]
    cc_end = _cc_end(lines)
    block = [ln for ln in lines[cc_end:]] or lines
    capacity = capacity_body = outer = title = None
    authority_span: tuple[int, int] | None = None
    name: Mention | None = None
    first: int | None = None
    last: int | None = None
    for line in block:
        s = line.stripped
        m = CAPACITY_LINE.match(s)
        if m:
            if name is not None and capacity is None and title is None:
                name, first = None, None  # a drafter's line above the block ("TP Nguyễn Hồng Quảng")
            code = CAPACITY_CODES.get(m.group(1), m.group(1))
            if capacity == "T/M" and code in ("K/T", "T/L", "TUQ", "Q."):
                outer = capacity_body
            elif authority_span is None or code == "T/M":
                start = line.start + line.text.find(s)
                authority_span = (start, start + len(s))
            capacity, capacity_body = code, m.group(2).strip()
            first = line.start if first is None else first
            last = line.end
            continue
        if name is not None and (capacity is not None or title is not None):
            break  # after the signer's name: a reporter's byline, a typist code, a copy note
        if _is_caps(s) and len(s) <= 60 and not s.startswith(("-", "+")):
            s = DEPUTY.sub("PHÓ ", s, count=1)  # "P.CHỦ TỊCH", "P. GIÁM ĐỐC"
            if title is not None and not _looks_like_title(s) and PERSON_NAME.match(s.title()):
                start = line.start + line.text.find(s)
                name = Mention(s, (start, start + len(s)))  # a name set in capitals
                last = start + len(s)
            elif capacity is not None or _looks_like_title(s):
                title = title_case(s)
                first = line.start if first is None else first
                last = line.end
            continue
        post, person = _post_and_name(s)
        if post is not None and person is not None and _looks_like_title(post):
            title = title_case(post)  # "CHÁNH VĂN PHÒNG Thái Hữu Phép" on one line (a copy lost the break)
            start = line.start + line.text.find(s) + len(s) - len(person)
            name = Mention(person, (start, start + len(person)))
            first = line.start if first is None else first
            last = start + len(person)
            continue
        if PERSON_NAME.match(s) and not _is_caps(s):
            start = line.start + line.text.find(s)
            name = Mention(s, (start, start + len(s)))
            first = start if first is None else first
            last = start + len(s)
    span = (first, last) if first is not None and last is not None else None
    return Signature(name=name, title=title, capacity=capacity, capacity_body=capacity_body, outer_body=outer,
                     span=span, authority_span=authority_span)


def _post_and_name(line: str) -> tuple[str | None, str | None]:
    """A post in capitals followed by a person's name on one line: (post, name), else (None, None)."""
    words = line.split()
    k = 0
    while k < len(words) and words[k].isupper() and any(c.isalpha() for c in words[k]):
        k += 1
    rest = " ".join(words[k:])
    if k == 0 or not rest or not PERSON_NAME.match(rest) or len(words) - k < 2:
        return None, None
    return " ".join(words[:k]), rest


def _cc_end(lines: list[Line]) -> int:
    """Index of the first line after the Nơi nhận list (0 when there is no list)."""
    in_list = False
    for i, line in enumerate(lines):
        s = line.stripped
        if NOI_NHAN.match(folded_lower(s)):
            in_list = True
            continue
        if in_list and s.startswith(("-", "+", "•")):
            continue
        if in_list:
            return i
    return 0


def _looks_like_title(caps: str) -> bool:
    key = folded_lower(caps)
    return any(key == folded_lower(t) or key.startswith((folded_lower(t) + " ", folded_lower(t) + ","))
               for t in post_titles())
