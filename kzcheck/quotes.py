"""Direct quotes: where each one runs, and who speaks it.

A quote runs from a double quote mark to the next one in its paragraph (an unclosed one to the end of
the paragraph). Once the cues are found, a quote of three words or more takes the nearest cue outside
it in its sentences, else the speaker of the quote before it in the paragraph or of one that ran on from
the paragraph before, else the speaker that a paragraph ending with a colon introduced; a cue inside an
attributed quote is the speaker's own words and is dropped.
"""
from __future__ import annotations

import bisect
from typing import Optional

from .context import ArticleContext, Quote
from .model import Source


def find_quotes(ctx: ArticleContext) -> None:
    """Quote spans per paragraph; an unclosed quote runs to its paragraph's end."""
    text = ctx.text
    for para in ctx.paragraphs:
        marks = list(_iter_quote_marks(text, para.start, para.end))
        k = 0
        while k < len(marks):
            start = marks[k] + 1
            end = marks[k + 1] if k + 1 < len(marks) else para.end
            if end > start:
                ctx.quotes.append(Quote(start, end, para.index, words=len(text[start:end].split())))
            k += 2
    ctx.quote_starts = [q.start for q in ctx.quotes]


def _iter_quote_marks(text: str, start: int, end: int):
    i = text.find('"', start, end)
    while i >= 0:
        yield i
        i = text.find('"', i + 1, end)


def quote_at(ctx: ArticleContext, pos: int) -> Optional[Quote]:
    k = bisect.bisect_right(ctx.quote_starts, pos) - 1
    if k >= 0 and ctx.quotes[k].start <= pos < ctx.quotes[k].end:
        return ctx.quotes[k]
    return None


def real_quote(q: Optional[Quote]) -> bool:
    return q is not None and q.words >= 3


def attribute_quote_speakers(ctx: ArticleContext) -> None:
    starts = [s.start for s in ctx.sentences]
    prev: Optional[Quote] = None
    for q in ctx.quotes:
        if q.words < 3:
            continue
        k1 = max(0, bisect.bisect_right(starts, q.start) - 1)
        k2 = max(k1, bisect.bisect_right(starts, max(q.start, q.end - 1)) - 1)
        best = None
        for k in range(k1, min(k2 + 1, len(ctx.sentences))):
            if ctx.sentences[k].paragraph != q.paragraph:
                continue
            cues = ctx.cues.get(k, ())
            if len(cues) > 8:
                # only the cues near the quote: a sentence with thousands of cues stays linear
                at = [c.verb_start for c in cues]
                cues = cues[bisect.bisect_left(at, q.start - 300):bisect.bisect_right(at, q.end + 300)][:16]
            for cue in cues:
                if q.start <= cue.verb_start < q.end or real_quote(quote_at(ctx, cue.verb_start)):
                    continue
                d = cue.verb_start - q.end if cue.verb_start >= q.end else q.start - cue.verb_end
                if best is None or d < best[0]:
                    best = (d, cue)
        src = best[1].source if best else None
        if src is None:
            para = ctx.paragraphs[q.paragraph]
            opens = q.start - 1 <= para.start
            if prev is not None and prev.source is not None and prev.paragraph == q.paragraph:
                src = prev.source
                q.continues = True
            elif opens and prev is not None and prev.source is not None and prev.paragraph in (q.paragraph - 1, q.paragraph - 2):
                src = prev.source
                q.continues = True
            elif q.paragraph in ctx.intro:
                src = ctx.intro[q.paragraph]
        if src is not None:
            q.source = Source(src.name, src.cls, "quote", src.role, src.organisation, src.verb or "said", src.stance or "neutral")
            prev = q
    # a cue inside an attributed quote is the speaker's own words, not an attribution
    for k, cues in ctx.cues.items():
        if cues:
            kept = [c for c in cues if not _inside_attributed_quote(ctx, c.verb_start)]
            if len(kept) != len(cues):
                ctx.cues[k] = kept


def _inside_attributed_quote(ctx: ArticleContext, pos: int) -> bool:
    q = quote_at(ctx, pos)
    return real_quote(q) and q.source is not None
