"""Read a web page as an article: the text a reader sees, and the page's metadata.

The text is laid out as the .txt articles are: each block element (p, div, h1-h6, li, blockquote,
article, section, figcaption, ...) is a paragraph of its own, one line with a blank line after it;
inline elements are joined as written, so their spaces stay where the page has them; entities are
decoded and runs of white space collapsed.

A data table is written as a Markdown pipe table, the way kzcheck.tables reads one: a row is a
line, "| Almaty | 139 | |" (an empty cell is kept, so that each cell stays under its column's
header; a pipe in a cell is escaped, "\\|"), the rows of a table are consecutive lines, and a
separator line ("|---|---|---|") follows the table's first row when that is a header row (in a
<thead>, or made of <th> cells). A table with no header row gets no separator: it is no table to
kzcheck.tables. A row of one cell (a title or a note over the columns, a box of text) is a
paragraph, and not the table's first row, unless the table already has a header row; a row whose
cells hold several paragraphs, or a table, is page layout: its paragraphs stay paragraphs.

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
# _TD and _TH begin a cell, _CELL ends one; _HEAD_ROW_START begins a row in a <thead>.
_BREAK, _SOFT, _CELL, _TD, _TH, _ROW_START, _HEAD_ROW_START, _ROW_END, _TABLE_START, _TABLE_END = range(10)

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
_ROW_GROUPS = frozenset(("thead", "tbody", "tfoot"))
_LAYOUT = _SECTIONS | _ROW_GROUPS | {"br", "pre", "table", "tr", "td", "th"}
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_PIPE = re.compile(r"\\*\|")
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


def _pipe_row(cells: list[str]) -> str:
    """'| Almaty | | 139 |': a row's cells as tables.py reads them, a pipe in a cell escaped."""
    return "|" + "|".join(f" {_PIPE.sub(_escape_pipe, c)} " if c else " " for c in cells) + "|"


def _escape_pipe(m: re.Match) -> str:
    return "\\" * (2 * len(m.group()) - 1) + "|"  # "a|b" -> "a\|b"; a backslash before the pipe is doubled


class _Row:
    """A table row being laid out, or the page itself (which has no cells). Either may hold an open
    table (in the row's current cell): ``run`` is that table's lines not yet placed, None when no
    table is open."""

    __slots__ = ("cells", "paras", "parts", "head", "th", "ths", "cell_open", "run", "headed", "nested")

    def __init__(self, head: bool = False) -> None:
        self.cells: list[list] = []  # each cell: its paragraphs
        self.paras: list = []  # the current cell's paragraphs: strings, and the cells of layout rows (lists)
        self.parts: list[str] = []  # the current paragraph's text
        self.head = head  # the row sits in a <thead>
        self.th = False  # the current cell is a <th>
        self.ths = 0  # <th> cells with text
        self.cell_open = False  # a <td> or <th> began: kept even empty, to keep the columns in place
        self.run: Optional[list[str]] = None
        self.headed: Optional[bool] = None  # whether the open table's first row is a header; None before it
        self.nested = False  # a cell holds a table: the row is page layout

    def _place_run(self) -> None:
        if self.run:
            self.paras.append("\n".join(self.run))  # the rows of a table: consecutive lines
            self.run = []
            self.nested = True

    def add(self, item) -> None:
        """A paragraph, or the cells of a layout row, after the table lines laid out so far."""
        self._place_run()
        self.paras.append(item)
        if item.__class__ is not str:
            self.nested = True

    def end_paragraph(self) -> None:
        text = _SPACES.sub(" ", "".join(self.parts)).strip()
        self.parts.clear()
        if text:
            self.add(text)

    def start_table(self) -> None:
        self.end_table()  # a table whose end was cut
        self.run, self.headed = [], None

    def end_table(self) -> None:
        self.end_paragraph()
        self._place_run()
        self.run = None

    def end_cell(self) -> None:
        self.end_table()
        if self.paras or self.cell_open:
            self.cells.append(self.paras)
            self.ths += self.th and bool(self.paras)
            self.paras = []
        self.cell_open = self.th = False

    def add_row(self, row: "_Row") -> None:
        """A row of the table open here: a line of it, or (page layout) its paragraphs."""
        row.end_cell()
        if self.run is None:
            self.start_table()  # a row with no table around it
        self.end_paragraph()
        cells = row.cells
        if not any(cells):
            return
        if row.nested or any(len(c) > 1 for c in cells):
            self.add(cells)  # layout: the cells hold paragraphs
            self.headed = self.headed or False
        elif len(cells) == 1 and not self.headed:
            self.add(cells[0][0])  # a title or a note over the columns, or a box of text
        else:
            self.run.append(_pipe_row([c[0] if c else "" for c in cells]))
            if self.headed is None:
                self.headed = row.head or row.ths == sum(1 for c in cells if c)
                if self.headed:
                    self.run.append("|" + "---|" * len(cells))


def render(tokens: list) -> str:
    """Lay the tokens out as text. Any sequence of tokens renders (frames cut them anywhere)."""
    root = _Row()  # the page outside tables: its paragraphs are the text's
    rows = [root]
    for t in tokens:
        row = rows[-1]
        if t.__class__ is str:
            row.parts.append(t)
        elif t == _SOFT and row is not root:
            row.parts.append(" ")
        elif t <= _SOFT:  # a line break ends a paragraph outside a table
            row.end_paragraph()
        elif t == _ROW_START or t == _HEAD_ROW_START:
            row.end_paragraph()
            rows.append(_Row(t == _HEAD_ROW_START))
        elif t == _TABLE_START:
            row.start_table()
        elif t == _TABLE_END:
            if row.run is None and row is not root:
                _end_row(rows)  # the row's end was cut
            rows[-1].end_table()
        elif row is root:  # outside a table, a cell or a row's end ends a paragraph
            row.end_paragraph()
        elif t == _ROW_END:
            _end_row(rows)
        else:  # _CELL, _TD, _TH
            row.end_cell()
            row.cell_open, row.th = t != _CELL, t == _TH
    while len(rows) > 1:
        _end_row(rows)
    root.end_table()
    return _join(_flatten(root.paras))


def _end_row(rows: list[_Row]) -> None:
    """A row's line or paragraphs go to the table around it, in the cell (or the page) that holds it."""
    row = rows.pop()
    rows[-1].add_row(row)


def _flatten(items: list) -> list[str]:
    """The paragraphs of nested layout rows in order; iterative, as tables nest without limit."""
    out: list[str] = []
    stack = [iter(items)]
    while stack:
        for item in stack[-1]:
            if item.__class__ is str:
                out.append(item)
            else:
                stack.append(iter(item))
                break
        else:
            stack.pop()
    return out


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
        self.tables: list[list[bool]] = []  # per open table: [a row is open, in a <thead>]
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
            self.tables.append([False, False])
            tokens.append(_TABLE_START)
        elif tag in _ROW_GROUPS:  # a new group ends the row left open in the one before
            if self.tables:
                table = self.tables[-1]
                if table[0]:
                    tokens.append(_ROW_END)
                table[:] = False, tag == "thead"
        else:  # tr, td, th
            if not self.tables:
                self.tables.append([False, False])
                tokens.append(_TABLE_START)
            table = self.tables[-1]
            if tag == "tr" or not table[0]:
                if table[0]:
                    tokens.append(_ROW_END)
                tokens.append(_HEAD_ROW_START if table[1] else _ROW_START)
                table[0] = True
            if tag != "tr":
                tokens.append(_TH if tag == "th" else _TD)

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
        elif (tag == "tr" or tag == "table" or tag in _ROW_GROUPS) and self.tables:
            table = self.tables[-1]
            if table[0]:
                tokens.append(_ROW_END)
            table[0] = False
            if tag != "tr":
                table[1] = False
            if tag == "table":
                self.tables.pop()
                tokens.append(_TABLE_END)
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
