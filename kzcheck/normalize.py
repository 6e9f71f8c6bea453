"""Normalise typography for matching while keeping offsets into the text as stored.

Every rule downstream is written for straight quotes, ASCII hyphens and plain
spaces. Most replacements are one character for one, so offsets do not move;
the few characters that are removed (soft hyphens, zero-width marks) are
recorded so that any offset can be mapped back with a binary search.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_ONE_FOR_ONE = {
    # spaces
    **{c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"},
    # quotes
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"},
    # hyphens and dashes
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"},
    "\u2026": ".",
    "\u2028": "\n",
    "\u2029": "\n",
}
_REMOVED = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# every character that normalise changes or removes
_SPECIAL = re.compile("[%s]" % re.escape("".join(_ONE_FOR_ONE) + "\r" + _REMOVED.pattern[1:-1]))

# The characters besides A-Z that re.IGNORECASE matches to an ASCII letter (checked over all of
# Unicode in tests/test_events.py), and the letter each stands for.
_FOLD_FIXES = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def fold_case(text: str) -> str:
    """Lower-cased text of the same length, or "" if that cannot be had.

    In it a case-sensitive pattern written in lower-case ASCII matches exactly where the same
    pattern with re.IGNORECASE matches in ``text``: one lower-casing of the article lets later
    passes use patterns that the regex engine can scan fast (a case-insensitive alternation is
    tried at every position; a case-sensitive one skips to the letters it can start with).
    """
    global _last_fold
    last = _last_fold
    if last[0] is text:  # furniture and events both ask for the article's text
        return last[1]
    low = _fold_case(text)
    _last_fold = (text, low)
    return low


_last_fold: tuple = (None, "")


def _fold_case(text: str) -> str:
    low = text.lower()
    # K (Kelvin) lowers to k; İ to two characters; ı and ſ stay as they are
    if len(low) != len(text) or "\u0131" in low or "\u017f" in low:
        low = text.translate(_FOLD_FIXES).lower()
    return low if len(low) == len(text) else ""


@dataclass
class NormalText:
    """Normalised text plus what is needed to map its offsets back to the original."""

    text: str
    # positions in the normalised text before which one original character was removed
    _removed_at: list[int] = field(default_factory=list)

    def original(self, i: int) -> int:
        """Offset in the original text of offset ``i`` in the normalised text."""
        if not self._removed_at:
            return i
        return i + bisect.bisect_right(self._removed_at, i)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if not self._removed_at:
            return start, end
        return self.original(start), self.original(end - 1) + 1 if end > start else self.original(start)


# A footnote marker glued to what it annotates: "seventeen dead.[1][2]", "16-17 (official)[3]", "[note 4]",
# "[citation needed]". Blanked (same length), so that "[5] Officials" is no source and "17.[1]" no figure.
_FOOTNOTE = re.compile(r"(?<=[\w.,;:!?)\]\"'%])\[(?:\d{1,3}|[a-z]|note \d{1,3}|citation needed|nb \d{1,3})\]")


# Markdown emphasis around words ("**238**", "__six__", "*Published ...*") and a note mark glued after a figure or
# word ("103*", "164†", "238‡"): blanked like footnotes, so that "**six** deaths" reads as "six deaths".
_STRONG = re.compile(r"(\*\*|__)(?=[^\s*_])([^\n*_]{1,300}?)(?<=[^\s*_])\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^\n*]{1,300}?)(?<=[^\s*])\*(?![\w*])")
_NOTE_MARK = re.compile(r"(?<=[\w)\]])[*\u2020\u2021\u00a7\u00b6]{1,3}(?=[\s.,;:|)]|\Z)")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _blank_markers(m: re.Match) -> str:
    """The emphasis marks around group(2) (or group(1) when there is no marker group) as spaces."""
    inner = m.group(m.lastindex)
    pad = (len(m.group()) - len(inner)) // 2
    return " " * pad + inner + " " * pad


def _blank_footnotes(text: str) -> str:
    if "[" in text:
        text = _FOOTNOTE.sub(_blank, text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(_blank_markers, text)
        if "*" in text:
            text = _EMPHASIS.sub(_blank_markers, text)
    if "*" in text or "\u2020" in text or "\u2021" in text or "\u00a7" in text or "\u00b6" in text:
        text = _NOTE_MARK.sub(_blank, text)
    return text


def normalise(text: str) -> NormalText:
    """Straight quotes, ASCII dashes and plain spaces, footnote markers blanked; removed characters recorded."""
    text = _blank_footnotes(text)
    # An article holds few of the characters to change, of few kinds: one pass finds which, then
    # one str.replace per kind is much faster than str.translate (a look-up for every character).
    found = set(_SPECIAL.findall(text))
    if not found:
        return NormalText(text)
    out = text
    removed = False
    for c in found:  # no replacement is itself replaced: the order does not matter
        if c == "\r":
            # A file with old Mac line ends has only CR: keep them as line breaks.
            out = out.replace(c, " " if "\n" in text else "\n")
        elif c in _ONE_FOR_ONE:
            out = out.replace(c, _ONE_FOR_ONE[c])
        else:
            removed = True
    if not removed:
        return NormalText(out)
    removed_at: list[int] = []
    parts: list[str] = []
    last = 0
    kept = 0
    for m in _REMOVED.finditer(out):
        parts.append(out[last:m.start()])
        kept += m.start() - last
        removed_at.append(kept)
        last = m.end()
    parts.append(out[last:])
    return NormalText("".join(parts), removed_at)


_QUOTE_OPEN_AFTER = frozenset(" \t([-")
_QUOTE_CLOSE_BEFORE = frozenset(" \t,.;:!?)-")
_HARD_CLOSE_AFTER = frozenset(",.!?")


def single_quotes_as_double(text: str) -> str:
    """British-style quotations ('...', said X) written with the double mark every rule downstream reads.

    Only on lines with no double quote mark of their own. An opening mark stands after a space or a
    bracket and before a letter or digit; a closing one after a non-space and before a space or
    punctuation. A closing mark after , . ! ? ends the quotation; one after a letter ('hooligans')
    ends it only if no such mark follows before the next opening one, so that the apostrophe of a
    plural possessive ("the workers' demands") inside a quotation does not end it. Apostrophes
    inside words ("don't") are neither. Same length out as in: offsets do not move."""
    if "'" not in text:
        return text
    marks: list[int] = []
    line_start = 0
    n = len(text)
    while line_start < n:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = n
        if '"' not in text[line_start:line_end]:
            _pair_single_quotes(text, line_start, line_end, marks)
        line_start = line_end + 1
    if not marks:
        return text
    chars = list(text)
    for p in marks:
        chars[p] = '"'
    return "".join(chars)


def _pair_single_quotes(text: str, start: int, end: int, marks: list[int]) -> None:
    opened = soft = -1
    p = text.find("'", start, end)
    while p >= 0:
        before = text[p - 1] if p > start else " "
        after = text[p + 1] if p + 1 < end else " "
        if opened < 0:
            if before in _QUOTE_OPEN_AFTER and after.isalnum():
                opened = p
        elif not before.isspace() and after in _QUOTE_CLOSE_BEFORE:
            if before in _HARD_CLOSE_AFTER:
                marks += (opened, p)
                opened = soft = -1
            elif soft < 0:
                soft = p
        elif before in _QUOTE_OPEN_AFTER and after.isalnum() and soft >= 0:
            marks += (opened, soft)  # a short quotation closed after a letter, and a new one opens
            opened, soft = p, -1
        p = text.find("'", p + 1, end)
    if opened >= 0 and soft >= 0:
        marks += (opened, soft)
