"""The extraction pipeline: one article's text in, its claims out.

normalise -> segment -> find figures -> measure and subject -> attribution
-> event -> claims (headline repeats merged) -> statements.
Only sentences that hold a number, a negation or a quote are looked at
closely; the rest of the text is passed over by a few regular expressions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from . import attribution as attr
from .events import EventIndex, abroad, event_for, header_date, index_events, possible_events, proposed_event
from .furniture import furniture_paragraphs
from .measures import Counted, assign, enumerates_individuals, find_negations
from .model import Article, Claim, Event, Figure, Source, SCORED_MEASURES, claim_id, text_hash
from .normalize import normalise, single_quotes_as_double
from .numbers import MONTHS, Mention, read_numbers
from .segment import Sentence, paragraphs as split_paragraphs, split_sentences
from .tables import TableRow, Tables, cell_index, find_tables
from .vocab import Vocabulary, default_vocabulary
from .voices import SUBGROUP_OPENER

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands "
    "million millions dozen dozens scores handful several none nobody no nor a an"
).split()
_CANDIDATE = re.compile(r"\d|\b(?:%s)\b" % "|".join(_NUMBER_WORDS), re.I)
_SENTENCING = re.compile(r"\b(?:sentenc\w*|jail\w*|prison|imprison\w*|terms?|penal colony|behind bars|convict\w*)\b", re.I)
_SENTENCING_STEMS = ("sentenc", "jail", "prison", "term", "penal colony", "behind bars", "convict")


def _sentencing(text: str) -> bool:
    """_SENTENCING.search(text), tried only when a word it needs is there (a quick test first).

    The test is on ASCII text only: ignoring case, the regex also takes letters such as the long s."""
    if text.isascii():
        low = text.lower()
        if not any(stem in low for stem in _SENTENCING_STEMS):
            return False
    return _SENTENCING.search(text) is not None


_POPULATION = re.compile(r"\b(?:population|inhabitants|home to|residents|people live|populous|citizens)\b", re.I)
_SCORED = frozenset(SCORED_MEASURES)
_EVENT_MEASURES = _SCORED | {"sentence_years"}  # the measures a claim is tied to an event for
_MIN_STATEMENT_WORDS = 4
MAX_STATEMENT_CHARS = 2000


@dataclass
class ExtractOptions:
    statements: bool = True
    keep_hypothetical: bool = False


def extract_text(text: str, article_id: str = "article", metadata: Optional[dict] = None,
                 vocab: Optional[Vocabulary] = None, events: Optional[list[Event]] = None) -> list[Claim]:
    """Claims of one article given as text (front matter allowed). The library's entry point."""
    from .corpus import article_from_text

    art = article_from_text(text, article_id, metadata=metadata or {})
    return extract_article(art, vocab, events)


def extract_article(article: Article, vocab: Optional[Vocabulary] = None, events: Optional[list[Event]] = None,
                    options: Optional[ExtractOptions] = None) -> list[Claim]:
    vocab = vocab or default_vocabulary()
    options = options or ExtractOptions()
    events = events or []
    norm = normalise(article.text)
    text = single_quotes_as_double(norm.text)
    body = article.body_offset if not norm._removed_at else _norm_pos(norm, article.body_offset)
    paras = split_paragraphs(text, body)
    sentences = split_sentences(text, body)
    if not sentences:
        return []
    furniture = furniture_paragraphs(text, paras)
    meta = article.metadata()
    ctx = attr.ArticleContext(text, sentences, paras, vocab, attr.author_source(meta))
    attr.find_people(ctx)
    attr.find_quotes(ctx)
    attr.attribute_quotes(ctx)
    dated = header_date(text, paras) if events else None
    published = article.published or (dated and "%04d-%02d-%02d" % dated)
    ev_index = index_events(text, sentences, possible_events(events, article.published, dated), published, body)
    newlines = [m.start() for m in re.finditer("\n", article.text)]
    builder = _ClaimBuilder(article, norm, ctx, ev_index, newlines)
    builder.tables = find_tables(text, body)
    builder.section_measure = _section_measures(ctx, sentences, vocab)
    starts = builder.sentence_starts = [s.start for s in sentences]
    builder.previous = None
    builder.previous_paragraph = -1
    pos = body
    while True:
        m = _CANDIDATE.search(text, pos)
        if m is None:
            break
        k = bisect.bisect_right(starts, m.start()) - 1
        s = sentences[k] if k >= 0 else None
        pos = max(m.end(), s.end if s is not None else 0)  # one look per sentence
        if s is None or s.paragraph in furniture or m.start() >= s.end:
            continue
        _figures_in_sentence(builder, s, vocab, options)
    claims = builder.merged()
    if options.statements:
        claims.extend(_statements(builder, furniture, vocab))
    _assign_ids(claims)
    return claims


def _norm_pos(norm, orig_pos: int) -> int:
    lo, hi = 0, len(norm.text)
    while lo < hi:
        mid = (lo + hi) // 2
        if norm.original(mid) < orig_pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


class _ClaimBuilder:
    def __init__(self, article: Article, norm, ctx: attr.ArticleContext, ev_index: EventIndex, newlines: list[int]):
        self.article = article
        self.norm = norm
        self.ctx = ctx
        self.ev = ev_index
        self.newlines = newlines
        self.claims: list[Claim] = []
        self.headings: set[int] = set()
        self.tables = Tables()
        self.table_columns: dict[int, tuple[list[str], list[Optional[str]]]] = {}  # by id of a table's headers
        self.section_measure: dict[int, tuple[str, str]] = {}  # by paragraph: what its crosshead asks about
        self._fingerprints: dict[int, str] = {}
        self._sentence_texts: dict[int, str] = {}
        self._headings: dict[int, bool] = {}

    def line_of(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def add(self, s: Sentence, start: int, end: int, fig_text_span: tuple[int, int], figure: Figure,
            counted: Counted, source: Source, negated: bool = False) -> None:
        original_span = self.norm.original_span
        o_start, o_end = original_span(start, end)
        fs, fe = original_span(*fig_text_span)
        raw = self.article.text
        figure.text = raw[fs:fe]
        figure.span = (fs, fe)
        measure = counted.measure
        k = s.index
        event = event_for(self.ev, k) if measure in _EVENT_MEASURES else None
        claim = Claim(
            id="", kind="figure", article=self.article.id, span=(o_start, o_end), sentence=self.sentence_text(s),
            text=raw[o_start:o_end], source=source, measure=measure, subject=counted.subject,
            figure=figure, event=event, negated=negated, line=self.line_of(o_start),
            proposed_event=None if event or measure not in _SCORED else proposed_event(self.ev, k),
            fingerprint=self.sentence_fingerprint(s), published=self.article.published, outlet=self.article.outlet,
            title=self.article.title,
        )
        heading = self._headings.get(k)
        if heading is None:
            heading = self._headings[k] = s.is_heading
        claim._heading = heading  # type: ignore[attr-defined]
        claim._group = counted.group  # type: ignore[attr-defined]
        self.claims.append(claim)

    def sentence_text(self, s: Sentence) -> str:
        """The sentence as written in the article, cut once per sentence."""
        t = self._sentence_texts.get(s.index)
        if t is None:
            ss, se = self.norm.original_span(s.start, s.end)
            t = self._sentence_texts[s.index] = self.article.text[ss:se]
        return t

    def sentence_fingerprint(self, s: Sentence) -> str:
        """Computed once per sentence: many figures in one long sentence must not cost its length each."""
        fp = self._fingerprints.get(s.index)
        if fp is None:
            fp = self._fingerprints[s.index] = text_hash(_squash(s.text))
        return fp

    def merged(self) -> list[Claim]:
        """One claim for a figure repeated by the same source, or in a headline and the body."""
        out: list[Claim] = []
        by_key: dict[tuple, Claim] = {}
        place: dict[int, int] = {}  # id of a kept claim -> its index in out
        said: dict[tuple, Claim] = {}  # a named source's figures: one who repeats a figure repeats the claim
        for c in self.claims:
            f = c.figure
            key = (c.measure, f.low, f.high, f.qualifier, getattr(c, "_group", None), c.negated)
            if c.source.how != "author" and (f.low or 0) >= 10:
                # "between sixty and seventy wounded that night ... Between sixty and seventy, yes, that was our
                # figure": the same speaker's figure again, whatever event the second sentence seems to be about
                skey = key + (c.source.name.lower(),)
                first = said.get(skey)
                if first is not None and c.event != first.event:
                    first.also_at.append(c.span)
                    continue
                said.setdefault(skey, c)
            key = key + (c.event,)
            prev = by_key.get(key)
            # a restatement in the article's own voice (headline, fact box, summary line) is the same claim
            restated = c.source.how == "author" or prev is not None and prev.source.how == "author"
            if prev is not None and (
                _same_source(prev.source.name, c.source.name) or restated
                or getattr(prev, "_heading", False) or getattr(c, "_heading", False)
            ):
                if (getattr(prev, "_heading", False) or prev.source.how == "author") and not (
                        getattr(c, "_heading", False) or c.source.how == "author"):
                    # the body holds the attribution and the full sentence: keep it, remember the headline
                    idx = place.pop(id(prev))
                    c.also_at.append(prev.span)
                    c.also_at.extend(prev.also_at)
                    out[idx] = c
                    place[id(c)] = idx
                    by_key[key] = c
                else:
                    prev.also_at.append(c.span)
                continue
            by_key[key] = c
            place[id(c)] = len(out)
            out.append(c)
        return out


def _same_source(a: str, b: str) -> bool:
    """Two names of one source: "General prosecutor's office" and "Kazakhstan's general prosecutor's office"."""
    if a == b:
        return True
    a, b = a.lower(), b.lower()
    if len(a) > len(b):
        a, b = b, a
    return a == b or b.endswith(" " + a) and len(a.split()) >= 2


def _squash(s: str) -> str:
    return " ".join(s.split()).lower()


# "CORRECTION: An earlier version of this story wrongly said 11 people ...": what a correction withdraws
_WITHDRAWN = re.compile(r"\b(?:earlier|previous|original) versions? of this (?:story|article|report|item|piece)\b", re.I)
# Where the withdrawn clause ends and the correction begins: "..., but the office has since raised it to 15".
_WITHDRAWN_END = re.compile(r"\b(?:but|however|whereas|now)\b|;|\b(?:has|have) since\b", re.I)


def _withdrawn_span(s: Sentence) -> Optional[tuple[int, int]]:
    """The span (in the article's text) of the clause a correction withdraws, from the last boundary
    before "an earlier version of this story" (or the sentence's start) to the next one after it (or
    the sentence's end), or None if the sentence withdraws nothing."""
    if "version" not in s.text:
        return None
    m = _WITHDRAWN.search(s.text)
    if m is None:
        return None
    start = 0
    for b in _WITHDRAWN_END.finditer(s.text, 0, m.start()):
        start = b.end()
    b = _WITHDRAWN_END.search(s.text, m.end())
    end = b.start() if b else len(s.text)
    return s.start + start, s.start + end


def _figures_in_sentence(b: _ClaimBuilder, s: Sentence, vocab: Vocabulary, options: ExtractOptions) -> None:
    text = b.ctx.text
    withdrawn = _withdrawn_span(s)  # "an earlier version of this story gave the toll as 11, but ...": not 11
    if abroad(b.ev, s.index, s.text):
        return  # "the 2005 Andijan events in neighbouring Uzbekistan left 187 people dead"
    tokens = attr.sentence_tokens(b.ctx, s)
    if not tokens:
        return
    words = attr.sentence_words(b.ctx, s, tokens)
    mentions = read_numbers(tokens, vocab, text, words=words)
    if b.tables.rows:
        row = b.tables.row_at(s.start)
        if row is not None:
            _table_figures(b, s, row, mentions, vocab)
            return
    # a figure may refer back to one earlier in its paragraph ("four were children")
    if b.previous_paragraph != s.paragraph and not (
            b.previous_paragraph == s.paragraph - 1 and SUBGROUP_OPENER.match(s.text)):
        b.previous = None  # a figure refers back only to one of its own paragraph (or "Three of them ..." opening the next)
    previous: Optional[Counted] = b.previous
    b.previous_paragraph = s.paragraph
    negations = list(find_negations(tokens, words, vocab))
    last_end = -1
    last_kind = None
    for m in mentions:
        if negations and any(i <= m.q_first < end for i, end, _ in negations):
            continue  # "not a single protester": the negation's, not a count of one
        # ... unless the whole has a participle of its own before the main verb: "Two of the 227 people killed in
        # January were children" (but "six of the 40 detainees died": the main verb)
        whole = m.q_first == last_end + 2 and words[last_end:m.q_first] == ["of", "the"] and not (
            m.q_last + 1 < len(words) and words[m.q_last + 1].endswith("ed") and words[m.q_last + 1] != "died"
            and vocab.verbs.match_at(words, m.q_last + 1) and not {"were", "was"}.isdisjoint(words[m.q_last + 2:m.q_last + 10]))
        last_end = m.q_last
        after_other, last_kind = last_kind in ("duration", "money", "percent", "measurement"), m.kind
        if whole:
            continue  # "Eleven of the fourteen men were found guilty": the fourteen are all there were
        # "for up to 25 years, up from 10": a figure that refers back refers to the one just before it
        back = None if after_other and m.q_first > 0 and words[m.q_first - 1] in ("from", "to") else previous
        counted = _count_of(m, tokens, words, vocab, back, text, s)
        if counted is None and b.section_measure and m.is_count and s.paragraph in b.section_measure \
                and (_bare_after_speech(words, m) or _after_dot_leader(words, m)):
            # under "How many people died?": "Prosecutors say 17; the opposition has said at least 64"
            measure, cue = b.section_measure[s.paragraph]
            counted = Counted(measure, "people", "people", cue, head_end=m.q_last)
        if counted is None and m.is_count and m.q_first >= 2 and words[m.q_first - 1] == ":" and s.is_heading:
            # a box line: "Convicted at trial (March 2023): 18", "Injured (Health Ministry): more than 100"
            label = _asked_measure([w for w in words[:m.q_first - 1] if w.isalpha()], vocab)
            if label is not None and label[1] != "crowd":
                hit = vocab.subjects.match_at([label[1].lower()], 0)  # "Bandits ...: 20,000" counts bandits
                subject, group = (label[1].lower(), hit[1]) if hit else ("people", "people")
                counted = Counted(label[0], subject, group, label[1], head_end=m.q_last)
        if counted is None and m.is_count and (_bare_after_speech(words, m) or _restated_total(words, m)):
            # "It stood at more than 4,500", "The ministry's figure is 748", "Prosecutors first put it at 225":
            # the total a sentence before in the paragraph named ("its count of the wounded")
            topic = previous or _topic_before(b.ctx, s, vocab)
            if topic is not None:
                counted = Counted(topic.measure, "people", "people", topic.cue, head_end=m.q_last)
        if counted is None:
            continue
        if counted.measure in SCORED_MEASURES and m.q_first >= 2:
            counted = _their_number(b.ctx, s, words, m.q_first, vocab, counted.head_end) or counted
        if counted.measure in SCORED_MEASURES:
            previous = b.previous = counted
        if counted.hypothetical and not options.keep_hypothetical:
            continue
        if withdrawn and withdrawn[0] <= m.start < withdrawn[1]:
            continue  # withdrawn, but what it counts is still what "raised it to 15" refers to
        figure = Figure(m.low, m.high, m.qualifier, text[m.start:m.end])
        end = max(m.end, tokens[counted.head_end - 1].end if counted.head_end > m.q_last else m.end)
        source = attr.source_for(b.ctx, s, m.start)
        b.add(s, m.start, end, (m.start, m.end), figure, counted, source)
    for i, end, counted in negations:
        if counted.measure not in SCORED_MEASURES or withdrawn and withdrawn[0] <= tokens[i].start < withdrawn[1]:
            continue
        figure = Figure(0, 0, "exact", "")
        source = attr.source_for(b.ctx, s, tokens[i].start)
        span_end = tokens[end - 1].end
        b.add(s, tokens[i].start, span_end, (tokens[i].start, span_end), figure, counted, source, negated=True)


_SPEECH_BEFORE_FIGURE = frozenset("""say says said saying counted count counts recorded records documented reported
reports gave give gives estimated estimate estimates put puts registered""".split())
_AFTER_BARE_FIGURE = frozenset([";", ".", ",", "and", "but", "while", "whereas", ")", "-", "?", "!", "in", "on", "by"])
_CROWD_WORDS = frozenset(["crowd", "crowds", "square", "rally", "rallies", "protest", "protests", "protesters",
                          "demonstration", "demonstrators"])


def _bare_after_speech(words: list[str], m: Mention) -> bool:
    """A figure with no noun right after a speech verb ("Prosecutors say 17;", "put it at 60", "it was nearer
    3,000")."""
    k = m.q_first - 1
    if k >= 1 and words[k] in ("at", "was", "is") and words[k - 1] in ("it", "them", "number"):
        k -= 2  # "put it at", "said it was"
    while k >= 0 and words[k] in ("it", "that", "the", "figure", "number", "total"):
        k -= 1
    if k < 0 or words[k] not in _SPEECH_BEFORE_FIGURE and not (m.q_first >= 2 and words[m.q_first - 2:m.q_first] == ["it", "was"]):
        return False
    return m.q_last >= len(words) or words[m.q_last] in _AFTER_BARE_FIGURE


_RESTATED_SUBJECTS = frozenset(["it", "that", "this", "figure", "number", "count", "tally", "total", "toll",
                                 "estimate", "figures"])
_LINKS = frozenset("""is was stands stood stand rose risen reached become became has had have now then later
eventually finally already at to""".split())


def _restated_total(words: list[str], m: Mention) -> bool:
    """A figure a total is said to be, with nothing counted after it: "it stood at 4,500", "the ministry's
    figure is 748", "the figure had become 238"."""
    k = m.q_first - 1
    steps = 0
    while k >= 0 and words[k] in _LINKS and steps < 4:
        k -= 1
        steps += 1
    if k >= 1 and words[k] == "," and steps:
        # "Its first consolidated figure, issued on 15 January, was 225": past the aside
        a = next((a for a in range(k - 1, max(-1, k - 10), -1) if words[a] == ","), None)
        if a is not None:
            k = a - 1
    if k >= 1 and words[k] in ("that", "it") and words[k - 1] in _REVISED and steps:
        return m.q_last >= len(words) or words[m.q_last] in _AFTER_BARE_FIGURE  # "had raised that to roughly 350"
    if steps == 0 or k < 0 or words[k] not in _RESTATED_SUBJECTS:
        return False
    return m.q_last >= len(words) or words[m.q_last] in _AFTER_BARE_FIGURE or words[m.q_last] in ("not", "for", "by")


_REVISED = frozenset("raised revised lowered increased cut corrected updated put brought pushed".split())
_TOPIC_MEASURE_SPAN = 7


def _topic_before(ctx: attr.ArticleContext, s: Sentence, vocab: Vocabulary) -> Optional[Counted]:
    """The total that the sentence before (in the paragraph) names without a figure: "The Health Ministry
    published its own count of the wounded", "The count of detainees kept rising", "misstated the number of
    officers injured". None when it names none."""
    k = s.index - 1
    if k < 0 or ctx.sentences[k].paragraph != s.paragraph:
        return None
    prev = ctx.sentences[k]
    words = attr.sentence_words(ctx, prev, attr.sentence_tokens(ctx, prev))
    for i, w in enumerate(words):
        if w in _TALLY_WORDS or w == "toll":
            if w == "toll":
                return Counted("deaths", "people", "people", "toll")
            if i + 1 < len(words) and words[i + 1] == "of":
                hit = _asked_measure(words[i + 2:i + 2 + _TOPIC_MEASURE_SPAN], vocab)
                if hit is not None and hit[1] != "crowd":
                    return Counted(hit[0], "people", "people", hit[1])
    return None


def _after_dot_leader(words: list[str], m: Mention) -> bool:
    """The value of a text chart's row: "Aktobe, Jun 2016 .......... 25" (the figure ends the line)."""
    return m.q_first >= 3 and words[m.q_first - 1] == words[m.q_first - 2] == words[m.q_first - 3] == "." \
        and all(w in (".", ";", ",") for w in words[m.q_last:])


def _section_measures(ctx: attr.ArticleContext, sentences: list[Sentence], vocab: Vocabulary) -> dict[int, tuple[str, str]]:
    """The measure each paragraph's crosshead asks about ("How many people died?", "**Detentions**"), by
    paragraph, up to the next crosshead."""
    out: dict[int, tuple[str, str]] = {}
    current: Optional[tuple[str, str]] = None
    for s in sentences:
        first, last = ctx.sentences_of(s.paragraph)
        if first != s.index:
            continue
        if last == s.index and len(s.text) < 90 and (s.is_heading or s.text.rstrip(" *_").endswith("?")):
            words = attr.sentence_words(ctx, s, attr.sentence_tokens(ctx, s))
            # a question asks for a figure only as "How many ...?" or about a toll or number
            asks = s.is_heading or any(words[k:k + 2] == ["how", "many"] for k in range(len(words) - 1)) \
                or not _TALLY_WORDS.isdisjoint(words) or "toll" in words
            current = _asked_measure(words, vocab) if asks else None
            continue
        if current is not None:
            out[s.paragraph] = current
    return out


def _asked_measure(words: list[str], vocab: Vocabulary) -> Optional[tuple[str, str]]:
    for i, w in enumerate(words):
        hit = vocab.verbs.match_at(words, i) or vocab.outcome.match_at(words, i)
        if hit and hit[1] in SCORED_MEASURES:
            return hit[1], " ".join(words[i:i + hit[0]])
        measure = vocab.measure_for(w) if w.isalpha() and len(w) > 3 else None
        if measure in SCORED_MEASURES:
            return measure, w
    if not _CROWD_WORDS.isdisjoint(words):
        return "protesters", "crowd"
    return None


_NO_ONE_CELLS = frozenset(["none", "nil", "0", "no one", "nobody", "no deaths", "zero"])
_TALLY_WORDS = frozenset(["tally", "count", "figure", "figures", "estimate", "estimates", "number", "total"])


def _column_measure(header: str, vocab: Vocabulary) -> Optional[str]:
    """The measure a column header names ("Killed", "Official toll", "Detained*"), or None."""
    for w in re.findall(r"[a-z]+", header.lower()):
        measure = vocab.measure_for(w)
        if measure is not None:
            return measure
    return None


def _table_figures(b: _ClaimBuilder, s: Sentence, row: TableRow, mentions: list[Mention], vocab: Vocabulary) -> None:
    """The figures of a table row: each counts what its column's header names, and comes from the header's
    bracketed source, else the row's "Source" cell, else "officials" under an "Official ..." header."""
    text = b.ctx.text
    columns = b.table_columns.get(id(row.headers))  # the rows of one table share its headers
    if columns is None:
        headers = [text[a:c] for a, c in row.headers]
        measures = [_column_measure(h, vocab) for h in headers]
        known = {m for m in measures if m in SCORED_MEASURES}
        for k, h in enumerate(headers):
            if measures[k] is None and len(known) == 1 and not _TALLY_WORDS.isdisjoint(re.findall(r"[a-z]+", h.lower())):
                measures[k] = next(iter(known))  # "Independent tally (ALI)" beside "Official toll"
        columns = b.table_columns[id(row.headers)] = (headers, measures)
    headers, measures = columns
    seen = set()
    for m in mentions:
        k = cell_index(row, m.start)
        if k is None or k >= len(measures) or measures[k] is None or k in seen:
            continue
        if not (m.is_count or m.kind == "year" and text[row.cells[k][0]:row.cells[k][1]].strip() == text[m.start:m.end]):
            continue
        seen.add(k)
        figure = Figure(m.low, m.high, m.qualifier, text[m.start:m.end])
        counted = Counted(measures[k], "people", "people", headers[k].strip())
        b.add(s, m.start, m.end, (m.start, m.end), figure, counted, _cell_source(b, s, row, k, m.start))
    for k, (a, c) in enumerate(row.cells):
        if k not in seen and k < len(measures) and measures[k] in SCORED_MEASURES and text[a:c].strip(" *").lower() in _NO_ONE_CELLS:
            counted = Counted(measures[k], "people", "people", headers[k].strip())
            b.add(s, a, c, (a, c), Figure(0, 0, "exact", ""), counted, _cell_source(b, s, row, k, a), negated=True)


def _cell_source(b: _ClaimBuilder, s: Sentence, row: TableRow, k: int, pos: int) -> Source:
    ctx = b.ctx
    a, c = row.headers[k]
    paren = re.search(r"\(([^()]{2,60})\)", ctx.text[a:c])
    if paren:
        src = attr.source_named(ctx, a + paren.start(1), a + paren.end(1))
        if src is not None:
            return src
    if row.source_column is not None and row.source_column < len(row.cells):
        src = attr.source_named(ctx, *row.cells[row.source_column])
        if src is not None:
            return src
    if "official" in ctx.text[a:c].lower():
        return Source("officials", "official", "according_to", verb="official figures", stance="neutral")
    return attr.source_for(ctx, s, pos)


_OWN_COUNT = frozenset(["number", "numbers", "strength", "ranks"])


def _their_number(ctx: attr.ArticleContext, s: Sentence, words: list[str], q_first: int,
                  vocab: Vocabulary, head_end: int) -> Optional[Counted]:
    """"The alliance later put their number at 2,030": "their number" counts the people "their" refers to,
    the nearest role noun before it (in the sentence or the two before it in the paragraph), not
    the figure before. None when the figure is not such a count or no role noun is found."""
    k = next((k for k in range(q_first - 1, max(-1, q_first - 5), -1)
              if words[k] in _OWN_COUNT and k > 0 and words[k - 1] == "their"), None)
    if k is None or words[k + 1:k + 2] == ["of"]:
        return None
    roles = vocab.roles
    scans = [(words, k - 1)]
    for j in (s.index - 1, s.index - 2):
        if j >= 0 and ctx.sentences[j].paragraph == s.paragraph:
            prev = attr.sentence_words(ctx, ctx.sentences[j], attr.sentence_tokens(ctx, ctx.sentences[j]))
            scans.append((prev, len(prev) - 1))
    for ws, last in scans:
        for i in range(last, -1, -1):
            hit = roles.match_at(ws, i)
            if hit is not None:
                return Counted(hit[1], ws[i], "people", ws[i], head_end=head_end)
    return None


_YEAR_PREPOSITIONS = frozenset("in since until till during early late mid".split())


def _count_of(m: Mention, tokens, words, vocab: Vocabulary, previous: Optional[Counted], text: str,
              s: Sentence) -> Optional[Counted]:
    if m.kind == "duration" and m.value is not None and words[m.last:m.last + 1] and words[m.last] in ("years", "year", "months", "month"):
        if words[m.last] in ("years", "year") and _sentencing(s.text):
            return Counted("sentence_years", "years", "years", words[m.last], head_end=m.last + 1)
        return None
    if m.kind == "year":
        # "1500 protesters": a four-digit count that reads like a year; but "In December 2011 police shot ..."
        # and "since 2011 police have ..." hold a year
        prev = words[m.q_first - 1] if m.q_first > 0 else ""
        if prev in MONTHS or prev in _YEAR_PREPOSITIONS or prev == "the" and m.value and 1900 <= m.value <= 2100:
            return None  # ... and "the 2022 dead": the dead of 2022
        head = m.last < len(words) and (vocab.roles.match_at(words, m.last) or vocab.outcome.match_at(words, m.last)
                                        or vocab.subjects.match_at(words, m.last))
        if not head:
            return None
    elif not m.is_count:
        return None
    counted = assign(tokens, words, m, vocab, previous)
    if counted is None:
        if m.value and m.value >= 100_000 and m.last < len(words) and vocab.subjects.match_at(words, m.last) and _POPULATION.search(s.text) or (
                m.value and m.value >= 1_000_000 and m.last < len(words) and words[m.last] in ("people", "inhabitants", "residents", "citizens")):
            return Counted("population", "people", "people", "population", head_end=m.last + 1)
        return None
    if counted.measure in SCORED_MEASURES and enumerates_individuals(tokens, words, m, counted):
        return None
    if counted.measure in ("detained", "convicted") and m.q_last < len(words) and words[m.q_last] in ("former", "ex"):
        return None  # "testimony from 28 former detainees": people asked, not a count of detentions
    return counted


def _statements(b: _ClaimBuilder, furniture: set[int], vocab: Vocabulary) -> list[Claim]:
    """Every direct quote and reported statement with a known speaker."""
    ctx = b.ctx
    raw = b.article.text
    out: list[Claim] = []
    for q in ctx.quotes:
        if q.source is None:
            continue
        if q.paragraph in furniture:
            continue
        content = ctx.text[q.start:q.end].strip()
        if len(content.split()) < _MIN_STATEMENT_WORDS:
            continue
        out.append(_statement(b, q.start, q.end, q.source, raw))
    quote_starts = [q.start for q in ctx.quotes]

    def inside_quote(start: int, end: int) -> bool:
        k = bisect.bisect_right(quote_starts, start + 1) - 1
        return k >= 0 and ctx.quotes[k].start - 1 <= start and end <= ctx.quotes[k].end + 1

    for k, cues in sorted(ctx.cues.items()):
        s = ctx.sentences[k]
        if s.paragraph in furniture:
            continue
        for cue in cues:
            start, end = cue.content
            if end - start < 8 or inside_quote(start, end):
                continue
            segment = ctx.text[start:end].strip(" ,.:;\"")
            if len(segment.split()) < _MIN_STATEMENT_WORDS or '"' in segment[:2]:
                continue
            src = cue.source
            out.append(_statement(b, start, end, src, raw))
    return out


def _statement(b: _ClaimBuilder, start: int, end: int, source: Source, raw: str) -> Claim:
    ctx = b.ctx
    while start < end and ctx.text[start] in " ,:;\"'":
        start += 1
    while end > start and ctx.text[end - 1] in " ,;\"'":
        end -= 1
    end = min(end, start + MAX_STATEMENT_CHARS)  # a runaway "sentence" must not make every statement as long
    o_start, o_end = b.norm.original_span(start, end)
    k = bisect.bisect_right(b.sentence_starts, start) - 1 if ctx.sentences else 0
    s = ctx.sentences[max(0, k)]
    event = event_for(b.ev, s.index)
    return Claim(
        id="", kind="statement", article=b.article.id, span=(o_start, o_end), sentence=b.sentence_text(s),
        text=raw[o_start:o_end], source=source, event=event, line=b.line_of(o_start),
        fingerprint=text_hash(_squash(ctx.text[start:end])), published=b.article.published,
        outlet=b.article.outlet, title=b.article.title,
    )


def _assign_ids(claims: Iterable[Claim]) -> None:
    """Ids from what the claim says, never from offsets; repeats get a counter."""
    used: dict[str, int] = {}
    for c in claims:
        if c.kind == "figure":
            # what was written and where, not what was read from it: a better reading keeps the id
            parts = (c.article, "figure", c.measure or "", _squash(c.figure.text), c.fingerprint)
        else:
            parts = (c.article, "statement", c.source.name.lower(), c.fingerprint)
        base = claim_id(*parts)
        n = used.get(base, 0)
        used[base] = n + 1
        c.id = base if n == 0 else f"{base}-{n + 1}"
