"""Attribution: who states each figure or statement, and how.

An attribution is a cue (a speech verb, "according to", "X's estimate"), a
source (the speaker noun phrase) and a content span, as in bbc/citron's data
format. Speakers are resolved to the people and organisations named in the
article: a surname ("Macdonald", "Lord Macdonald"), a title ("the
prosecutor"), an organisation noun ("the ministry", "the group", "the bloc")
or a pronoun ("she added", "it said") points back to the one introduced
earlier with their role and organisation ("Naomi McAuliffe, Amnesty
International's Scotland programme director").

Besides cues in the sentence itself, a figure can get its speaker from the
text around it:

* a direct quote: the cue next to it, else the speaker of the quote before it
  in the paragraph or of a quote that ran on from the paragraph before, else
  the speaker introduced by a paragraph ending with a colon;
* a speaker label in a transcript or interview ("PRESENTER:", "BEKOVA:",
  "Q:"/"A:"), or an interview section headed "Name, role" where the answers
  speak in the first person;
* an announcement with no figures of its own ("X has given new figures"),
  whose figures follow; a subgroup that continues the figure before it
  ("Among them ...", "Of those ..."); a live-blog "Update:" that names the
  official who spoke before;
* otherwise the article's own voice: the outlet, or the issuing organisation
  of a press release.

Everything is one pass over the sentences in order, with bounded look-around
and binary searches over sorted mention lists: linear in the article.

This module is the stage's entry point: find_people, find_quotes and
attribute_quotes analyse an article's ArticleContext, then source_for tells
who states each figure. The work is done in these modules, each importing
only those above it in the list:

* context: ArticleContext and its records, the shared word lists and helpers;
* people: the people, organisations and outlet the article names, their
  source classes, and whom a speaker phrase means;
* quotes: where each quote runs and who speaks it;
* voices: who speaks for a stretch of text (the article's own voice, a press
  release or open letter, speaker labels, interview sections, headings that
  name a source) and the voice a sentence with no cue carries on;
* cues: the speech cues in each sentence and the words they cover.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .context import ArticleContext, Cue, copy, sentence_tokens, sentence_words
from .cues import cue_pass, find_cues
from .model import Source
from .numbers import tokenize
from .people import classify, find_orgs, find_outlet, find_persons, index_kin, index_mentions, names_no_source, resolve, split_role
from .quotes import attribute_quote_speakers, find_quotes, quote_at, real_quote
from .segment import Sentence
from .voices import (
    author_source, find_interview_sections, find_labels, find_press_release, find_script_bites, find_source_headings,
    voice_pass,
)

# what extract.py and the tests use: the entry points, and names re-exported from the modules that hold them
__all__ = ["ArticleContext", "attribute_quotes", "author_source", "classify", "find_people", "find_quotes",
           "sentence_tokens", "sentence_words", "source_for", "source_named", "split_role"]


# ---------------------------------------------------------------- article analysis

def find_people(ctx: ArticleContext) -> None:
    """Register the people and organisations named in the article, the outlet, a press release's
    issuer, and the speaker labels and interview sections."""
    ctx.tokens = [tokenize(ctx.text, s.start, s.end) for s in ctx.sentences]
    ctx.upper = [[k for k, t in enumerate(toks) if t.text[0].isupper()] for toks in ctx.tokens]
    find_outlet(ctx)
    find_persons(ctx)
    find_orgs(ctx)
    index_mentions(ctx)
    index_kin(ctx)
    find_press_release(ctx)
    find_labels(ctx)
    find_interview_sections(ctx)
    find_source_headings(ctx)
    find_script_bites(ctx)


# ---------------------------------------------------------------- resolution per article

def attribute_quotes(ctx: ArticleContext) -> None:
    """Find every cue in text order, give each quote its speaker, then the speakers that
    sentences without a cue take from the text around them."""
    if not ctx.tokens:
        ctx.tokens = [tokenize(ctx.text, s.start, s.end) for s in ctx.sentences]
    cue_pass(ctx)
    attribute_quote_speakers(ctx)
    voice_pass(ctx)
    ctx.analysed = True


def _cues_of(ctx: ArticleContext, s: Sentence) -> list[Cue]:
    if s.index not in ctx.cues:
        ctx.cues[s.index] = find_cues(ctx, s, sentence_tokens(ctx, s))
    return ctx.cues[s.index]


def source_named(ctx: ArticleContext, start: int, end: int) -> Optional[Source]:
    """The source that the words text[start:end] name on their own (a table's "Source" cell, a column header's
    "(ALI)"), or None when they name none of a known class."""
    toks = tokenize(ctx.text, start, end)
    if not toks:
        return None
    src, _ = resolve(ctx, toks, "according_to", start)
    if names_no_source(src):
        name = ctx.text[start:end].strip()
        cls = classify(name, ctx.vocab, default="")
        if not cls or cls == "other":
            return None
        src = Source(name, cls, "according_to")
    src.how, src.verb, src.stance = "according_to", "according to", "neutral"
    return src


def source_for(ctx: ArticleContext, s: Sentence, pos: int) -> Source:
    """Who states what stands at ``pos`` in sentence ``s``."""
    q = quote_at(ctx, pos)
    if q is not None and q.source is not None and q.words >= 3:
        return copy(q.source)
    best = None
    cues = _cues_of(ctx, s)
    if len(cues) > 32:
        # the nearest cues only: a sentence with thousands of cues must not cost that much per figure
        at = ctx.cue_starts.get(s.index)
        if at is None:
            at = ctx.cue_starts[s.index] = [c.verb_start for c in cues]
        k = bisect.bisect_left(at, pos)
        cues = cues[max(0, k - 16):k + 16]
    for cue in cues:
        if not (cue.content[0] <= pos < cue.content[1]):
            continue
        cq = quote_at(ctx, cue.verb_start)
        if real_quote(cq) and cq is not q:
            continue  # a cue inside someone's quote
        if cue.verb_start >= pos:
            dist = cue.verb_start - pos
        else:
            dist = pos - cue.verb_end
        if best is None or dist < best[0]:
            best = (dist, cue)
    if best is not None:
        return copy(best[1].source)
    official = _OFFICIALLY.search(ctx.text, max(s.start, pos - 60), min(s.end, pos + 60)) or _officially_before(ctx, s, pos)
    if official:
        # "Officially, 14 people died", "16 people officially killed", "official figures show"
        return Source("officials", "official", "according_to", verb=official.group().lower(), stance="neutral")
    if s.index in ctx.inherit:
        return copy(ctx.inherit[s.index])
    if s.paragraph in ctx.para_voice:
        return copy(ctx.para_voice[s.paragraph])
    return copy(ctx.author)


_LIST_BREAK = re.compile(r"[;:\"\u201c\u201d]|\b(?:but|though|although|while|whereas|yet|however|others?|some|say|says|said)\b")


def _officially_before(ctx: ArticleContext, s: Sentence, pos: int) -> Optional[re.Match]:
    """ "officially 18 security officers killed, 748 injured (all sides), 2,298 detained": "officially" further
    back in the sentence covers a list of figures, when nothing between turns to another voice."""
    if pos - s.start <= 60 or "fficial" not in ctx.text[s.start:pos]:
        return None
    last = None
    for m in _OFFICIALLY.finditer(ctx.text, s.start, pos):
        last = m
    if last is None or not _FIGURE_NEXT.match(ctx.text, last.end()) or _LIST_BREAK.search(ctx.text, last.end(), pos):
        return None  # "the curfew officially ended last week, after N people had died": a verb, no list
    return last


_FIGURE_NEXT = re.compile(r"[ ,]{0,3}\d")  # the list begins at once: "officially N killed, M injured, ..."


_OFFICIALLY = re.compile(r"\b(?:[Oo]fficially|[Oo]fficial (?:figures|data|statistics|toll|count|tally)|the official (?:figure|number|toll))\b")
