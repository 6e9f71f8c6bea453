"""Split an article into paragraphs and sentences, keeping offsets.

Each line is a paragraph unless it is plainly a hard-wrapped continuation
(the line before ends mid-sentence and this one starts in lower case).
Sentences end at ., ! or ? followed by space and a capital, a digit or a
quote, except after common abbreviations and initials. Everything is one
left-to-right pass: linear in the length of the text.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st gen col lt sgt capt cpt maj gov sen rep rev hon jr sr no nos vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec approx est fig al ed eds dept univ govt mt ft
e.g i.e u.s u.k u.n a.m p.m
""".split())

_CIRCA = frozenset(["c", "ca", "circ"])
_LINE = re.compile(r"[^\n]+")
# A possible sentence end: terminal punctuation, closing quotes/brackets, then space.
_END = re.compile(r"[.!?]+[\"')\]]*[ \t]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,11})$")
_WORD_CHARS = string.ascii_letters + "."  # what _WORD_BEFORE reads, for str.rstrip
_STARTS_SENTENCE = re.compile(r"[\"'(\[]?[A-Z0-9]")
# _END (the punctuation in group 1) where _STARTS_SENTENCE follows: in a paragraph (a line's text,
# which ends before any space) this is what finditer over _END finds, less the ends not followed
# by a sentence start; the regex cannot match again inside a rejected end, which holds no
# sentence start.
# (It starts with a character class, not a group or a repeat, so that the regex engine skips to
# the characters in it.)
_SENTENCE_BREAK = re.compile(r"[.!?]([.!?]*[\"')\]]*)[ \t]+(?=[\"'(\[]?[A-Z0-9])")
_ENDS_CLAUSE = re.compile(r"[.!?:;\"')\]]\s*$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    text: str  # normalised text of the sentence
    index: int = 0

    @property
    def is_heading(self) -> bool:
        """A line with no closing punctuation: a headline, crosshead or page furniture."""
        tail = self.text[-8:]  # look at the end only: cheap however long the sentence
        return not _ENDS_CLAUSE.search(tail) and self.text.count(" ", 0, 400) < 25


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    index: int


# A frozen dataclass's __init__ sets each field with object.__setattr__: a third of the time of
# split_sentences. These make the same objects (equal, same hash) by filling __dict__ directly.
_new_object = object.__new__


def _new_sentence(start: int, end: int, paragraph: int, text: str, index: int) -> Sentence:
    s = _new_object(Sentence)
    d = s.__dict__
    d["start"] = start
    d["end"] = end
    d["paragraph"] = paragraph
    d["text"] = text
    d["index"] = index
    return s


def _new_paragraph(start: int, end: int, index: int) -> Paragraph:
    p = _new_object(Paragraph)
    d = p.__dict__
    d["start"] = start
    d["end"] = end
    d["index"] = index
    return p


def paragraphs(text: str, start: int = 0) -> list[Paragraph]:
    """Paragraphs of ``text`` from offset ``start`` on, each stripped of the spaces around it.

    The same text and start twice in a row (the pipeline asks, then split_sentences asks again)
    are split once: the last result is kept, and a copy of it given.
    """
    global _last_paragraphs
    last = _last_paragraphs
    if last[0] is text and last[1] == start:
        return list(last[2])
    out = _paragraphs(text, start)
    _last_paragraphs = (text, start, out)
    return list(out)


_last_paragraphs: tuple = (None, 0, [])
# A line's text without the spaces around it: from its first to its last non-space character.
_LINE_TEXT = re.compile(r"\S(?:[^\n]*\S)?")


def _paragraphs(text: str, start: int) -> list[Paragraph]:
    starts: list[int] = []
    ends: list[int] = []
    prev_start = prev_end = -1  # the last line's text
    for m in _LINE_TEXT.finditer(text, start):
        s, e = m.span()
        # a continuation: this line starts in lower case, right under a line (no blank line
        # between) whose last three characters, spaces included, do not end a clause
        if ends and text[s].islower() and text.count("\n", prev_end, s) == 1:
            nl = text.index("\n", prev_end)
            tail_start = nl - 3
            if tail_start < prev_start:  # a line shorter than three characters: all of it
                tail_start = max(tail_start, start, text.rfind("\n", start, prev_start) + 1)
            if not _ENDS_CLAUSE.search(text, tail_start, nl):
                ends[-1] = e
                prev_start, prev_end = s, e
                continue
        starts.append(s)
        ends.append(e)
        prev_start, prev_end = s, e
    return [_new_paragraph(s, e, k) for k, (s, e) in enumerate(zip(starts, ends))]


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of ``text`` (already normalised) from offset ``start`` on."""
    out: list[Sentence] = []
    # One pass over the text for the sentence breaks: each lies inside a paragraph (it starts with
    # punctuation, and its spaces cannot reach the next line), and is what a pass over that
    # paragraph alone would find (after a paragraph's end come only spaces and a line break).
    breaks = _SENTENCE_BREAK.finditer(text, start)
    m = next(breaks, None)
    for para in paragraphs(text, start):
        s = para.start
        while m is not None and m.start() < para.end:
            punct_at = m.start()
            if m.end(1) - punct_at >= 3 and text[punct_at + 1:punct_at + 3] == ".." and text[m.end():m.end() + 1].isdigit():
                m = next(breaks, None)  # a dot leader before a figure: "Aktobe, Jun 2016 .......... 25"
                continue
            if text[punct_at] == ".":
                # the word before the full stop (what _WORD_BEFORE finds in the 12 characters before it)
                before = text[max(s, punct_at - 12):punct_at]
                w = before[len(before.rstrip(_WORD_CHARS)):].lstrip(".")
                if w:
                    word = w.lower().rstrip(".")
                    if word in ABBREVIATIONS or (len(word) == 1 and w.isupper()) or (
                            word in _CIRCA and text[m.end():m.end() + 1].isdigit()):  # "c. 400", "ca. 70"
                        m = next(breaks, None)
                        continue
            end = m.end(1)
            out.append(_new_sentence(s, end, para.index, text[s:end], len(out)))
            s = m.end()
            m = next(breaks, None)
        if s < para.end:
            out.append(_new_sentence(s, para.end, para.index, text[s:para.end], len(out)))
    return out
