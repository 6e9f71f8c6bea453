"""Read a web page as an article: the text a reader sees, and the page's metadata.

The text is laid out as the .txt articles are: each block element (p, div, h1-h6, li, blockquote,
article, section, figcaption, ...) is a paragraph of its own, one line with a blank line after it;
inline elements are joined as written, so their spaces stay where the page has them; entities are
decoded and runs of white space collapsed. A table row is one line, its cells joined by " | " (a
row whose cells hold several paragraphs is page layout: its paragraphs stay paragraphs).

Left out: script, style, noscript, template, svg, forms and their controls, embedded media, menus
(nav, aside, and the page's own header and footer: a header or footer inside an article, main or
section belongs to the article), elements marked hidden, and comments. A form or page header that
holds the article (an h1, main or article inside it) is kept, as some sites wrap a whole page in a
form.

Metadata: title (og:title, twitter:title, <title>), author (meta author, article:author, ...),
published (article:published_time and other date metas, then <time datetime>) as an ISO date,
outlet (og:site_name), url (og:url, <link rel=canonical>) and language (<html lang>).

Broken HTML never raises and never loses the article: an element still open at the end of the
page keeps its text (an unclosed <nav> costs a menu in the text, not the article), and should the
parser fail, the page is read as plain text with its tags removed. The parse is one pass of
html.parser (the standard library's), linear in the size of the page: left alone, html.parser would
search to the end of the page again for every construct never closed there (an unclosed comment, a
'<' with no '>' after it), so such a construct takes the rest of the page at once, as in HTML5.
"""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Optional

# Tokens of the layout, between the strings of text.
_BREAK, _SOFT, _CELL, _ROW_START, _ROW_END = range(5)

BLOCKS = frozenset("""
address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p pre section summary
table ul
""".split())
# Elements whose content is not shown.
HIDDEN = frozenset("""
script style noscript template svg math button select textarea iframe object canvas audio video datalist
""".split())
MENUS = frozenset(("nav", "aside"))
_SECTIONS = frozenset(("article", "main", "section"))
_ROLES = {"navigation": "nav", "complementary": "aside", "banner": "header", "contentinfo": "footer"}
_HOLDS_ARTICLE = frozenset(("h1", "main", "article"))
# The hidden attribute is heeded only on elements whose end tag is required: on a <p> or <li>,
# whose end tag is often left out, the element could never be seen to end.
_OPTIONAL_END = frozenset("""
p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rtc rp html head body
""".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_NO_HIDING = _OPTIONAL_END | _VOID
_HIDING_ATTRIBUTES = frozenset(("hidden", "style", "role"))
_FRAME_TAGS = HIDDEN | MENUS | {"header", "footer", "form"}
_HEAD_TAGS = frozenset(("meta", "link", "html", "time", "title"))
_RAW_TEXT = frozenset(("script", "style"))
_LAYOUT = _SECTIONS | {"br", "pre", "table", "tr", "td", "th"}
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_MAX_META = 500

TITLE_KEYS = ("og:title", "twitter:title")
AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "published_time", "publishdate", "pubdate",
    "publish-date", "date", "dc.date.issued", "dc.date", "parsely-pub-date", "sailthru.date",
)
_ISO_DATE = re.compile(r"\s*(\d{4})(?:[-/.]?(\d{2})(?:[-/.]?(\d{2}))?)?(?!\d)")
_BY = re.compile(r"by\s+", re.I)


def page_text(source: str) -> tuple[str, dict]:
    """The visible text of a page (paragraphs separated by a blank line) and its metadata."""
    parser = _PageParser()
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # html.parser raises on some malformed declarations: read the page as plain text
        return plain_text(source), {}
    return render(parser.tokens), parser.metadata()


def plain_text(source: str) -> str:
    """The worst case: tags removed, entities decoded, one paragraph a line."""
    text = unescape(re.sub(r"<[^<>]*>", " ", source))  # [^<>]: a '<' with no '>' ends the scan, no rescan
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _join([line for line in lines if line])


def _join(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n" if blocks else ""


class _Row:
    """A table row being laid out (or the page itself, outside tables, which has no cells)."""

    __slots__ = ("cells", "paras", "parts")

    def __init__(self) -> None:
        self.cells: list[list[str]] = []  # each cell: its paragraphs
        self.paras: list[str] = []  # the current cell's paragraphs
        self.parts: list[str] = []  # the current paragraph's text

    def end_paragraph(self) -> None:
        text = _SPACES.sub(" ", "".join(self.parts)).strip()
        self.parts.clear()
        if text:
            self.paras.append(text)

    def end_cell(self) -> None:
        self.end_paragraph()
        if self.paras:
            self.cells.append(self.paras)
            self.paras = []

    def lines(self) -> list[str]:
        self.end_cell()
        if all(len(c) == 1 for c in self.cells):
            return [" | ".join(c[0] for c in self.cells)] if self.cells else []
        return [p for c in self.cells for p in c]  # layout: the cells hold paragraphs


def render(tokens: list) -> str:
    """Lay the tokens out as text. Any sequence of tokens renders (frames cut them anywhere)."""
    root = _Row()  # the page outside tables: its paragraphs are the text's
    rows = [root]
    for t in tokens:
        row = rows[-1]
        if t.__class__ is str:
            row.parts.append(t)
        elif t == _ROW_START:
            row.end_paragraph()
            rows.append(_Row())
        elif t == _BREAK or row is root:  # outside a table, a line break, a cell or a row's end ends a paragraph
            row.end_paragraph()
        elif t == _SOFT:
            row.parts.append(" ")
        elif t == _CELL:
            row.end_cell()
        else:  # _ROW_END
            _end_row(rows)
    while len(rows) > 1:
        _end_row(rows)
    root.end_paragraph()
    return _join(root.paras)


def _end_row(rows: list[_Row]) -> None:
    """A row's lines become paragraphs of the cell (or the page) around its table."""
    lines = rows.pop().lines()
    rows[-1].end_paragraph()
    rows[-1].paras.extend(lines)


class _Frame:
    """An element whose content is left out when it ends (unless it turns out to hold the article)."""

    __slots__ = ("tag", "start", "tables", "nested", "keepable", "marks", "menu")

    def __init__(self, tag: str, start: int, tables: int, keepable: bool, marks: int, menu: bool) -> None:
        self.tag, self.start, self.tables = tag, start, tables
        self.nested = 0  # same-named elements opened inside it and not yet closed
        self.keepable, self.menu = keepable, menu
        self.marks = marks  # the parser's count of h1, main and article elements when it opened


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list = []
        self.frames: list[_Frame] = []
        self.open_frames: dict[str, list[_Frame]] = {}  # by tag, innermost last
        self.menu_frames: list[_Frame] = []
        self.marks = 0  # h1, main and article elements seen: a keepable frame open while one starts is kept
        self.tables: list[bool] = []  # per open table: whether a row is open
        self.sections = 0
        self.pre = 0
        self.title: Optional[str] = None
        self.title_parts: Optional[list[str]] = None
        self.meta: dict[str, str] = {}
        self.canonical: Optional[str] = None
        self.times: list[tuple[bool, str]] = []
        self.lang: Optional[str] = None
        self._gt = self._comment_end = -1

    # ---- metadata

    def metadata(self) -> dict:
        meta = self.meta

        def first(keys) -> Optional[str]:
            return next((meta[k] for k in keys if meta.get(k)), None)

        out = {
            "title": first(TITLE_KEYS) or self.title,
            "author": next((a for a in (_author(meta.get(k)) for k in AUTHOR_KEYS) if a), None),
            "outlet": meta.get("og:site_name"),
            "url": meta.get("og:url") or self.canonical,
            "language": self.lang or meta.get("content-language"),
        }
        dates = [meta[k] for k in PUBLISHED_KEYS if meta.get(k)]
        dates += [d for pub, d in self.times if pub] + [d for pub, d in self.times if not pub]
        out["published"] = next((d for d in map(iso_date, dates) if d), None)
        return {k: v for k, v in out.items() if v}

    def _tag_metadata(self, tag: str, a: dict) -> None:
        if tag == "meta":
            content = _clean(a.get("content"))
            key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").strip().lower()
            if key and content and key not in self.meta:
                self.meta[key] = content
        elif tag == "link":
            if self.canonical is None and "canonical" in (a.get("rel") or "").lower().split():
                self.canonical = _clean(a.get("href"))
        elif tag == "html":
            if self.lang is None:
                self.lang = _clean(a.get("lang") or a.get("xml:lang"))
        elif tag == "time":
            if a.get("datetime") and not self.frames and len(self.times) < 100:
                published = "pubdate" in a or (a.get("itemprop") or "").lower() == "datepublished"
                self.times.append((published, a["datetime"]))
        elif tag == "title":
            if self.title is None and self.title_parts is None and not self.frames:
                self.title_parts = []

    def _end_title(self) -> None:
        if self.title_parts is not None:
            self.title = _clean("".join(self.title_parts)) or None
            self.title_parts = None

    # ---- frames: content that is dropped when its element ends

    def _open_frame(self, tag: str, keepable: bool = False, menu: bool = False) -> None:
        f = _Frame(tag, len(self.tokens), len(self.tables), keepable, self.marks, menu)
        self.frames.append(f)
        self.open_frames.setdefault(tag, []).append(f)
        if menu:
            self.menu_frames.append(f)

    def _close_frame(self, f: _Frame) -> None:
        """Close f and every frame opened inside it; drop the content of each that does not hold the article."""
        cut = None
        while True:
            g = self.frames.pop()
            self.open_frames[g.tag].pop()
            if g.menu:
                self.menu_frames.pop()
            if not (g.keepable and self.marks > g.marks):
                cut = g  # the outermost one dropped so far
            if g is f:
                break
        if cut is not None:
            del self.tokens[cut.start:]
            del self.tables[cut.tables:]

    def _frame_kind(self, tag: str, a: dict) -> Optional[tuple[bool, bool]]:
        """(keepable, menu) when this element's content is to be dropped, else None."""
        role = _ROLES.get((a.get("role") or "").strip().lower()) if tag not in _NO_HIDING else None
        kind = role or tag
        if tag in HIDDEN or kind in MENUS:
            return False, kind in MENUS
        if kind in ("header", "footer") and not self.sections:  # the page's own header or footer
            return kind == "header", True
        if tag == "form":
            return True, False
        if tag not in _NO_HIDING and ("hidden" in a or _DISPLAY_NONE.search(a.get("style") or "")):
            return False, False
        return None

    # ---- the parser's events

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HEAD_TAGS:
            self._tag_metadata(tag, dict(attrs))
            if tag == "title":
                return
        if self.title_parts is not None and (tag in BLOCKS or tag == "body"):
            self._end_title()
        if tag in _HOLDS_ARTICLE:
            if tag == "main" and self.menu_frames:  # no menu holds the main content: it was left open
                self._close_frame(self.menu_frames[0])
            self.marks += 1
        kind = None
        if tag in _FRAME_TAGS:
            kind = self._frame_kind(tag, dict(attrs))
        elif attrs and tag not in _NO_HIDING:
            for name, _ in attrs:
                if name in _HIDING_ATTRIBUTES:
                    kind = self._frame_kind(tag, dict(attrs))
                    break
        tokens = self.tokens
        if tag in BLOCKS:
            tokens.append(_BREAK)
        if kind is not None:
            self._open_frame(tag, *kind)
        else:
            same = self.open_frames.get(tag)
            if same:
                same[-1].nested += 1
        if tag not in _LAYOUT:
            return
        if tag in _SECTIONS:
            self.sections += 1
        elif tag == "br":
            tokens.append(_SOFT)
        elif tag == "pre":
            self.pre += 1
        elif tag == "table":
            self.tables.append(False)
        else:  # tr, td, th
            if not self.tables:
                self.tables.append(False)
            if tag == "tr" or not self.tables[-1]:
                if self.tables[-1]:
                    tokens.append(_ROW_END)
                tokens.append(_ROW_START)
                self.tables[-1] = True
            if tag != "tr":
                tokens.append(_CELL)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" or tag == "head":
            self._end_title()
        same = self.open_frames.get(tag)
        if same:
            f = same[-1]
            if f.nested:
                f.nested -= 1
            else:
                self._close_frame(f)
        tokens = self.tokens
        if tag in _SECTIONS:
            self.sections = max(0, self.sections - 1)
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in ("td", "th"):
            tokens.append(_CELL)
        elif tag in ("tr", "thead", "tbody", "tfoot", "table"):
            if self.tables and self.tables[-1]:
                tokens.append(_ROW_END)
                self.tables[-1] = False
            if tag == "table" and self.tables:
                self.tables.pop()
        if tag in BLOCKS:
            tokens.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if self.cdata_elem in _RAW_TEXT:  # the text of a script or style (a newer parser reads
            return  # <title> and <textarea> as raw text too: that text is not dropped here)
        if self.title_parts is not None:
            self.title_parts.append(data)
        elif self.pre and "\n" in data:
            lines = data.split("\n")
            for line in lines[:-1]:
                self.tokens += (line, _BREAK)
            self.tokens.append(lines[-1])
        else:
            self.tokens.append(data)

    # ---- guards: a construct never closed consumes the rest of the page (as in HTML5), once

    def feed(self, data: str) -> None:
        self._find_ends(self.rawdata + data)
        super().feed(data)

    def close(self) -> None:
        self._find_ends(self.rawdata)
        super().close()

    def _find_ends(self, raw: str) -> None:
        self._gt = raw.rfind(">")  # no tag, comment or declaration begins after this one and ends
        self._comment_end = raw.rfind("-->")

    def updatepos(self, i: int, j: int) -> int:
        return j  # line and column (getpos) are never asked for: no need to count the newlines

    def parse_starttag(self, i: int) -> int:
        return _parse_starttag(self, i) if i < self._gt else len(self.rawdata)

    def parse_endtag(self, i: int) -> int:
        return _parse_endtag(self, i) if i < self._gt else len(self.rawdata)

    def parse_pi(self, i: int) -> int:
        return super().parse_pi(i) if i < self._gt else len(self.rawdata)

    def parse_bogus_comment(self, i: int, report: int = 1) -> int:
        return super().parse_bogus_comment(i, report) if i < self._gt else len(self.rawdata)

    def parse_html_declaration(self, i: int) -> int:
        if self.rawdata.startswith("<![", i):
            return self.parse_marked_section(i)
        return super().parse_html_declaration(i) if i < self._gt else len(self.rawdata)

    def parse_comment(self, i: int, report: int = 1) -> int:
        return super().parse_comment(i, report) if i < self._comment_end else len(self.rawdata)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """<![CDATA[...]]>, <![if ...]>: in a page, a bogus comment that ends at the first '>' (HTML5);
        html.parser would refuse a keyword it does not know."""
        end = self.rawdata.find(">", i + 3) if i < self._gt else -1
        return end + 1 if end >= 0 else len(self.rawdata)


_parse_starttag = HTMLParser.parse_starttag
_parse_endtag = HTMLParser.parse_endtag


def _clean(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    return _SPACES.sub(" ", value[:_MAX_META * 4]).strip()[:_MAX_META] or None


def _author(value: Optional[str]) -> Optional[str]:
    """A person's name: not a profile URL, without a leading 'By'."""
    if not value or "://" in value or value.startswith("/"):
        return None
    m = _BY.match(value)
    if m:
        return value[m.end():].strip() or None
    return value


def iso_date(value: str) -> Optional[str]:
    """'2022-01-07T10:00:00+06:00' -> '2022-01-07'; a year or a month alone stays partial."""
    m = _ISO_DATE.match(value or "")
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day and not 1 <= int(day) <= 31:
        day = None
    return "-".join(x for x in (year, month, day) if x)
