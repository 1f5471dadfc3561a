"""HTML page → Document: the article text of a newspaper or portal page (BeautifulSoup, extra ``[html]``).

Kept: the ``<article>`` (the longest, if several, unless paragraphs elsewhere hold more than twice
its text: the articles are then related-news teasers) or else the element holding the most paragraph
text, widened to its parent while that adds little (the header and closing tables that portals put
next to the paragraphs). Dropped: ``script style nav header footer aside form noscript`` and other
page chrome, comments, hidden elements. Block elements (``p div br li tr h1-h6 …``) become line
breaks; table cells are separated by line breaks, two-column header/closing tables are read column by
column like in .docx files. The stdlib ``html.parser`` is used, so broken markup never raises.

Bytes are decoded with the BOM, then UTF-8 if they are valid UTF-8, then the ``<meta charset>`` (or
``http-equiv``) declaration, else the legacy Vietnamese detector; text that is TCVN3/VNI mojibake (pages set in ``.VnTime`` or
``VNI-Times`` fonts) is converted and the encoding then says ``tcvn3``/``vni``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from chidao.errors import ReadError
from chidao.loaders.document import Document, from_text
from chidao.loaders.docx import LAYOUT_ANCHORS, table_lines
from chidao.loaders.legacy import decode_legacy, repair_mojibake

DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "iframe",
        "svg", "canvas", "button", "select", "textarea", "object", "embed", "head", "title", "menu", "dialog")
BLOCK = frozenset({
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "hr", "address", "figure", "figcaption", "center", "caption",
    "td", "th", "thead", "tbody", "tfoot", "body", "html", "fieldset", "legend", "details", "summary",
})
WIDEN_SHARE = 1.25
"""Widen the chosen element to its parent when what the parent adds is a header or closing (it has a
layout anchor such as ``Số``, ``ngày … tháng``, ``Nơi nhận``) and is at most a quarter of the text."""

ARTICLE_SHARE = 2
"""Paragraphs outside every ``<article>`` with more than this many times its text are the content."""

META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
WHATWG_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                  "ascii": "cp1252", "iso8859-1": "cp1252", "windows-1258": "cp1258", "x-user-defined": "cp1252"}


def read_html(path: Path) -> Document:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from None
    markup, encoding = decode_html(raw, str(path))
    try:
        from bs4 import BeautifulSoup
    except ImportError:
        raise ReadError(path, "reading .html needs BeautifulSoup: pip install 'chidao[html]'") from None
    try:
        soup = BeautifulSoup(markup, "html.parser")
        text = article_text(soup)
    except Exception as exc:  # html.parser is lenient; this is a last resort, not a parse-error path
        raise ReadError(path, f"not readable HTML ({type(exc).__name__})") from None
    if not text.strip():
        raise ReadError(path, "no article text in HTML page")
    text, legacy = repair_mojibake(text)
    return from_text(text, path=str(path), fmt="html", encoding=legacy or encoding, raw=raw)


def decode_html(raw: bytes, path: str) -> tuple[str, str]:
    """``(markup, encoding)``: BOM, then declared charset, then UTF-8, then legacy Vietnamese."""
    for bom, codec, name in ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
                             (codecs.BOM_UTF16_BE, "utf-16", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, errors="replace"), name
    declared = _declared(raw[:4096])
    if declared and declared not in ("utf-8", "utf8") and not raw.isascii():
        try:  # valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page claims (a copied template)
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared and declared not in ("utf-8", "utf8"):
        codec = WHATWG_ALIASES.get(declared, declared)
        try:
            return raw.decode(codec, errors="replace"), codecs.lookup(codec).name
        except LookupError:
            pass  # an unknown name: sniff like an undeclared page
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return decode_legacy(raw, path)
    except ReadError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def _declared(head: bytes) -> str | None:
    m = XML_ENCODING.match(head) or META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


# --- article --------------------------------------------------------------------------------------

def article_text(soup) -> str:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    for tag in soup.find_all(DROP):
        tag.decompose()
    for tag in soup.find_all(_hidden):
        tag.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, Comment | Declaration | Doctype | ProcessingInstruction)):
        node.extract()
    root = _choose_root(soup)
    try:
        rendered = _render(root)
    except RecursionError:  # absurdly deep nesting: plain text with a break per element
        rendered = root.get_text("\n")
    return _tidy(rendered)


def _hidden(tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _choose_root(soup):
    """The longest ``<article>``, unless paragraphs elsewhere hold far more text (the articles are then
    teasers of related news); else the element with the most paragraph text."""
    body = soup.body or soup
    articles = soup.find_all("article")
    article = max(articles, key=_size) if articles else None
    best = _most_paragraph_text(soup, body)
    if article is not None and (best is None or _size(best) <= ARTICLE_SHARE * _size(article)
                                or _inside(best, article)):
        return article
    return best if best is not None else body


def _size(tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _inside(tag, ancestor) -> bool:
    return any(parent is ancestor for parent in tag.parents)


def _most_paragraph_text(soup, body):
    scores: dict[int, tuple[int, object]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if parent is None:
            continue
        old = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (old[0] + _size(p), parent)
    if not scores:
        return None
    _, best = max(scores.values(), key=lambda pair: pair[0])
    size = _size(best)
    while best is not body and best.parent is not None and best.parent.name not in (None, "[document]"):
        extra = " ".join(sib.get_text(" ", strip=True) if hasattr(sib, "get_text") else str(sib)
                         for sib in best.parent.children if sib is not best)
        if len(extra.strip()) > (WIDEN_SHARE - 1) * size or not LAYOUT_ANCHORS.search(extra):
            break
        best = best.parent
    return best


def _render(node) -> str:
    from bs4 import NavigableString, Tag

    if isinstance(node, NavigableString):
        return SPACE_RUN.sub(" ", str(node))
    if not isinstance(node, Tag):
        return ""
    name = node.name
    if name == "br":
        return "\n"
    if name == "pre":
        return "\n" + node.get_text() + "\n"
    if name == "table":
        rows = []
        for tr in node.find_all("tr"):
            if tr.find_parent("table") is not node:
                continue
            cells = [_tidy(_render(td)).split("\n") for td in tr.find_all(("td", "th"), recursive=False)]
            rows.append(cells)
        return "\n\n" + "\n".join(table_lines(rows)) + "\n\n"
    inner = "".join(_render(child) for child in node.children)
    return f"\n{inner}\n" if name in BLOCK else inner


def _tidy(text: str) -> str:
    """One line per block: spaces at line ends and blank lines go (the normaliser needs neither)."""
    return "\n".join(line.strip(" ") for line in text.split("\n") if line.strip(" "))
