"""Split an article into paragraphs and sentences, keeping offsets.

Each line is a paragraph unless it is plainly a hard-wrapped continuation
(the line before ends mid-sentence and this one starts in lower case).
Sentences end at ., ! or ? followed by space and a capital, a digit or a
quote, except after common abbreviations and initials. Everything is one
left-to-right pass: linear in the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st gen col lt sgt capt cpt maj gov sen rep rev hon jr sr no nos vs etc inc ltd co corp
jan feb mar apr jun jul aug sep sept oct nov dec approx est fig al ed eds dept univ govt mt ft
e.g i.e u.s u.k u.n a.m p.m
""".split())

_LINE = re.compile(r"[^\n]+")
# A possible sentence end: terminal punctuation, closing quotes/brackets, then space.
_END = re.compile(r"[.!?]+[\"')\]]*[ \t]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]{0,11})$")
_STARTS_SENTENCE = re.compile(r"[\"'(\[]?[A-Z0-9]")
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


def paragraphs(text: str, start: int = 0) -> list[Paragraph]:
    out: list[Paragraph] = []
    prev_line_end = None
    prev_text_tail = ""
    for m in _LINE.finditer(text, start):
        line = m.group()
        if not line.strip():
            prev_line_end = None
            continue
        stripped_start = m.start() + (len(line) - len(line.lstrip()))
        stripped_end = m.end() - (len(line) - len(line.rstrip()))
        continues = (
            out and prev_line_end is not None and prev_line_end == m.start() - 1
            and line.lstrip()[:1].islower() and not _ENDS_CLAUSE.search(prev_text_tail)
        )
        if continues:
            last = out[-1]
            out[-1] = Paragraph(last.start, stripped_end, last.index)
        else:
            out.append(Paragraph(stripped_start, stripped_end, len(out)))
        prev_line_end = m.end()
        prev_text_tail = line[-3:]
    return out


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of ``text`` (already normalised) from offset ``start`` on."""
    out: list[Sentence] = []
    for para in paragraphs(text, start):
        s = para.start
        for m in _END.finditer(text, para.start, para.end):
            nxt = m.end()
            if nxt >= para.end or not _STARTS_SENTENCE.match(text, nxt):
                continue
            punct_at = m.start()
            if text[punct_at] == ".":
                w = _WORD_BEFORE.search(text, max(s, punct_at - 12), punct_at)
                if w:
                    word = w.group(1).lower().rstrip(".")
                    if word in ABBREVIATIONS or (len(word) == 1 and w.group(1).isupper()):
                        continue
            end = m.end()
            while end > s and text[end - 1] in " \t":
                end -= 1
            out.append(Sentence(s, end, para.index, text[s:end], len(out)))
            s = nxt
        if s < para.end:
            out.append(Sentence(s, para.end, para.index, text[s:para.end], len(out)))
    return out
