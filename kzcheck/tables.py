"""Pipe tables (Markdown): the column of each cell and what its header says.

A table is a header line, a separator line of dashes ("|---|:---:|") and the rows after it. In a
row the figure's measure is in its column's header ("Killed", "Official toll"), not beside it,
and its source may be a column of its own ("Source", "Issued by") or the header ("Independent
tally (ALI)"). One pass over the lines, linear in the text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*")
# headers of a column that names where each row's figures come from
SOURCE_HEADERS = frozenset(["source", "sources", "issued by", "according to", "reported by", "figure from", "by",
                            "who says", "said by", "published by", "origin"])


@dataclass
class TableRow:
    start: int  # the row's line
    end: int
    cells: list[tuple[int, int]]  # each cell's text, stripped, as offsets
    headers: list[tuple[int, int]]  # the header cell of each column, as offsets
    source_column: Optional[int] = None


@dataclass
class Tables:
    rows: list[TableRow] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def row_at(self, pos: int) -> Optional[TableRow]:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.rows[k].start <= pos < self.rows[k].end:
            return self.rows[k]
        return None


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a row line, without the border pipes; an escaped pipe ("\\|") stays in its cell."""
    out = []
    a = start
    line = text[start:end]
    lead = len(line) - len(line.lstrip())
    if line.lstrip().startswith("|"):
        a = start + lead + 1
    i = a
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "|":
            out.append((a, i))
            a = i + 1
        i += 1
    if text[a:end].strip():
        out.append((a, end))
    stripped = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        stripped.append((s, e))
    return stripped


def find_tables(text: str, start: int = 0) -> Tables:
    """Every row of every pipe table in ``text`` after ``start``."""
    tables = Tables()
    if "|" not in text or "--" not in text:
        return tables
    lines = []
    pos = start
    n = len(text)
    while pos < n:
        e = text.find("\n", pos)
        e = n if e < 0 else e
        lines.append((pos, e))
        pos = e + 1
    k = 1
    while k < len(lines):
        s, e = lines[k]
        hs, he = lines[k - 1]
        if "|" in text[hs:he] and _SEPARATOR.fullmatch(text, s, e):
            headers = _cells(text, hs, he)
            source_column = next((i for i, (a, b) in enumerate(headers) if _plain(text[a:b]) in SOURCE_HEADERS), None)
            k += 1
            while k < len(lines):
                rs, re_ = lines[k]
                if "|" not in text[rs:re_] or not text[rs:re_].strip():
                    break
                tables.rows.append(TableRow(rs, re_, _cells(text, rs, re_), headers, source_column))
                tables.starts.append(rs)
                k += 1
        k += 1
    return tables


def _plain(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip(" *_:").lower())


def cell_index(row: TableRow, pos: int) -> Optional[int]:
    for i, (a, b) in enumerate(row.cells):
        if a <= pos < b:
            return i
    return None
