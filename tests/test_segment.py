"""The fast splitter gives exactly the paragraphs and sentences of the plain one (kept here)."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzcheck import segment as sg
from kzcheck.normalize import normalise

_LINE = re.compile(r"[^\n]+")
_END = re.compile(r"[.!?]+[\"')\]]*[ \t]+")


def reference_paragraphs(text: str, start: int = 0) -> list[sg.Paragraph]:
    out: list[sg.Paragraph] = []
    prev_line_end = None
    prev_text_tail = ""
    for m in _LINE.finditer(text, start):
        line = m.group()
        if not line.strip():
            prev_line_end = None
            continue
        stripped_start = m.start() + (len(line) - len(line.lstrip()))
        stripped_end = m.end() - (len(line) - len(line.rstrip()))
        continues = (out and prev_line_end is not None and prev_line_end == m.start() - 1
                     and line.lstrip()[:1].islower() and not sg._ENDS_CLAUSE.search(prev_text_tail))
        if continues:
            out[-1] = sg.Paragraph(out[-1].start, stripped_end, out[-1].index)
        else:
            out.append(sg.Paragraph(stripped_start, stripped_end, len(out)))
        prev_line_end = m.end()
        prev_text_tail = line[-3:]
    return out


def reference_sentences(text: str, start: int = 0) -> list[sg.Sentence]:
    out: list[sg.Sentence] = []
    for para in reference_paragraphs(text, start):
        s = para.start
        for m in _END.finditer(text, para.start, para.end):
            nxt = m.end()
            if nxt >= para.end or not sg._STARTS_SENTENCE.match(text, nxt):
                continue
            punct_at = m.start()
            if text.startswith("...", punct_at) and text[nxt:nxt + 1].isdigit():
                continue  # a dot leader: "Convicted ......... 34"
            if text[punct_at] == ".":
                w = sg._WORD_BEFORE.search(text, max(s, punct_at - 12), punct_at)
                if w:
                    word = w.group(1).lower().rstrip(".")
                    if word in sg.ABBREVIATIONS or (len(word) == 1 and w.group(1).isupper()):
                        continue
                    if word in sg._CIRCA and text[m.end():m.end() + 1].isdigit():
                        continue  # "c. 400"
            end = m.end()
            while end > s and text[end - 1] in " \t":
                end -= 1
            out.append(sg.Sentence(s, end, para.index, text[s:end], len(out)))
            s = nxt
        if s < para.end:
            out.append(sg.Sentence(s, para.end, para.index, text[s:para.end], len(out)))
    return out


PIECES = ["Mr.", "Dr", "e.g.", "U.S.", "J.", "a.m.", "Jan.", "etc.", "word", "Word", "police", "12", "3.5", "A", "x",
          ".", "..", "!", "?", "?!", '."', ".)", "'", '"', "(", "[", ")", "]", " ", " ", "  ", "\t", "\n", "\n",
          "\n\n", " \n", "\n ", "\r\n", "\u00a0", "\u2028", "\u00e9", "\u0130", ":", ";", "-", "said."]
text_of_pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=80).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))
PROPERTY = settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])


def _fields(items):
    return [tuple(vars(x).values()) for x in items]


@PROPERTY
@given(st.one_of(text_of_pieces, st.text(max_size=200)), st.integers(min_value=0, max_value=8))
def test_paragraphs_and_sentences_are_those_of_the_plain_splitter(text, start):
    for t in (text, normalise(text).text):
        assert _fields(sg.paragraphs(t, start)) == _fields(reference_paragraphs(t, start))
        assert _fields(sg.split_sentences(t, start)) == _fields(reference_sentences(t, start))


def test_the_seed_articles_split_as_by_the_plain_splitter(normalised_articles):
    for name, text, body in normalised_articles:
        for start in (0, body):
            assert _fields(sg.paragraphs(text, start)) == _fields(reference_paragraphs(text, start)), name
            assert _fields(sg.split_sentences(text, start)) == _fields(reference_sentences(text, start)), name


def test_fast_made_objects_are_the_dataclasses():
    s, p = sg._new_sentence(1, 5, 0, "Text.", 2), sg._new_paragraph(1, 5, 0)
    assert s == sg.Sentence(1, 5, 0, "Text.", 2) and hash(s) == hash(sg.Sentence(1, 5, 0, "Text.", 2))
    assert p == sg.Paragraph(1, 5, 0) and hash(p) == hash(sg.Paragraph(1, 5, 0))
    assert repr(s) == repr(sg.Sentence(1, 5, 0, "Text.", 2)) and not s.is_heading


def test_the_last_split_is_kept_but_not_shared():
    text = "One line.\nAnother line.\n"
    first = sg.paragraphs(text)
    first.clear()
    assert len(sg.paragraphs(text)) == 2
    assert len(sg.paragraphs(text + "A third.\n")) == 3


def test_line_joins_as_by_the_plain_splitter():
    firsts = ["word one", "ab", "a", "a.", "end.  ", "end.   ", "end. \t ", "x  ", "Mr.", "said:", '"quoted"', "(x)", "é"]
    gaps = ["\n", "\n\n", "\n \n", "\r\n", "\n  ", " \n", "\n\t", "\u2028"]
    seconds = ["word two", "b", "B", "é", "1", " next", "x."]
    for a in firsts:
        for gap in gaps:
            for b in seconds:
                text = a + gap + b + "\n" + b
                for start in range(0, 4):
                    assert _fields(sg.paragraphs(text, start)) == _fields(reference_paragraphs(text, start)), (text, start)
                    assert _fields(sg.split_sentences(text, start)) == _fields(reference_sentences(text, start))
