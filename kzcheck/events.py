"""Which event a claim is about.

Evidence is read once per sentence: dates ("December 2011", "in January",
"last January", "eight years on", "the second anniversary"), places and each
event's cue words from claims.yaml. A month without a year takes the year of
the latest explicit year before it, or else of the publication date. A claim
scores each event by its own sentence (strongest), the sentences before it
(decaying) and the article as a whole (weakest); a claim with no evidence for
any known event gets ``event: None`` and a proposed event (place and month).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from .model import Event
from .segment import Sentence

MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august september october november december".split())}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
ORDINALS = {w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}

_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DATE = re.compile(
    r"(?<![\w])(?:(last|this|next|in|since|of) )?(?:(\d{1,2})(?:st|nd|rd|th)? (?:of )?)?(" + _MONTH_RE + r")(?: (\d{1,2})(?:st|nd|rd|th)?,?)?(?: (1[89]\d\d|20\d\d))?(?![\w])"
    r"|(?<![\w\d,.])(1[89]\d\d|20\d\d)(?![\w\d])"
    r"|(?<![\w])(\d{1,2}|" + "|".join(SMALL) + r") years? (?:on|later|ago|after|since)(?![\w])"
    r"|(?<![\w])(\d{1,2})(?:st|nd|rd|th) anniversary|(?<![\w])(" + "|".join(ORDINALS) + r") anniversary",
    re.I,
)
OTHER = "__other__"
_PLACE = re.compile(r"(?<![\w])(?:in|at|near|outside|from) ((?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?: [A-Z][a-z]+)?)")


@dataclass
class DateMention:
    pos: int
    year: Optional[int]
    month: Optional[int]
    explicit_year: bool


def _pub_year_month(published: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    if not published:
        return None, None
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?", str(published))
    if not m:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def find_dates(text: str, start: int, published: Optional[str]) -> list[DateMention]:
    """Dates in order, months resolved against the latest explicit year or the publication date."""
    pub_year, pub_month = _pub_year_month(published)
    out: list[DateMention] = []
    last_year: Optional[int] = None
    for m in _DATE.finditer(text, start):
        if m.group(3):  # a month
            month = MONTHS[m.group(3).lower().rstrip(".")]
            if m.group(3).lower().startswith("may") and not (m.group(2) or m.group(4) or m.group(5)) and not m.group(1):
                if m.group(3) == "may" or m.group(3) == "May" and (m.start() == 0 or text[m.start() - 2:m.start()].strip() in (".", "")):
                    continue  # the modal verb, or a sentence starting "May ..."
            if m.group(5):
                year = int(m.group(5))
                last_year = year
                out.append(DateMention(m.start(), year, month, True))
                continue
            rel = (m.group(1) or "").lower()
            if rel == "last" and pub_year:
                year = pub_year if pub_month and month < pub_month else pub_year - 1
            elif rel == "next" and pub_year:
                year = pub_year if pub_month and month > pub_month else pub_year + 1
            elif last_year is not None:
                year = last_year
            elif pub_year:
                year = pub_year if not pub_month or month <= pub_month else pub_year - 1
            else:
                year = None
            out.append(DateMention(m.start(), year, month, False))
        elif m.group(6):
            year = int(m.group(6))
            last_year = year
            out.append(DateMention(m.start(), year, None, True))
        elif m.group(7):
            n = int(m.group(7)) if m.group(7).isdigit() else SMALL.get(m.group(7).lower(), 0)
            phrase = m.group(0).lower()
            if pub_year and n and (" on" in phrase or " later" in phrase or " ago" in phrase or " since" in phrase):
                out.append(DateMention(m.start(), pub_year - n, None, False))
        else:
            n = int(m.group(8)) if m.group(8) else ORDINALS.get((m.group(9) or "").lower(), 0)
            if pub_year and n:
                out.append(DateMention(m.start(), pub_year - n, None, False))
    return out


def _date_fits(d: DateMention, ev: Event) -> bool:
    if d.year is None:
        return False
    lo = (int(ev.start[:4]), int(ev.start[5:7]) if len(ev.start) >= 7 else 1)
    hi = (int(ev.end[:4]), int(ev.end[5:7]) if len(ev.end) >= 7 else 12)
    if d.month is None:
        return lo[0] <= d.year <= hi[0]
    return lo <= (d.year, d.month) <= hi


@dataclass
class EventIndex:
    """Per-sentence evidence for each known event, and the decayed context before each sentence."""

    events: list[Event]
    own: list[dict[str, float]] = field(default_factory=list)
    before: list[dict[str, float]] = field(default_factory=list)
    article: dict[str, float] = field(default_factory=dict)
    places: list[Optional[str]] = field(default_factory=list)
    months: list[Optional[tuple[int, Optional[int]]]] = field(default_factory=list)
    first_month: Optional[tuple] = None  # the article's first date, computed once when needed


def _cue_regex(events: list[Event]) -> Optional[re.Pattern]:
    words = set()
    for ev in events:
        for w in list(ev.places) + list(ev.cues):
            if w:
                words.add(w.lower())
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:%s)(?![\w])" % alts, re.I)


_CUE_CACHE: dict[tuple, tuple] = {}


def _event_lookup(events: list[Event]):
    key = tuple((e.id, tuple(e.places), tuple(e.cues)) for e in events)
    hit = _CUE_CACHE.get(key)
    if hit is None:
        table: dict[str, list[tuple[str, float]]] = {}
        for ev in events:
            for p in ev.places:
                table.setdefault(p.lower(), []).append((ev.id, 1.0))
            for c in ev.cues:
                table.setdefault(c.lower(), []).append((ev.id, 1.5))
        hit = (_cue_regex(events), table)
        if len(_CUE_CACHE) > 32:
            _CUE_CACHE.clear()
        _CUE_CACHE[key] = hit
    return hit


def index_events(text: str, sentences: list[Sentence], events: list[Event], published: Optional[str],
                 body_start: int = 0) -> EventIndex:
    idx = EventIndex(events)
    n = len(sentences)
    idx.own = [dict() for _ in range(n)]
    idx.places = [None] * n
    idx.months = [None] * n
    if not n:
        return idx
    starts = [s.start for s in sentences]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    for d in find_dates(text, body_start, published):
        k = sent_of(d.pos)
        if d.year is not None:
            idx.months[k] = (d.year, d.month)
        for ev in events:
            if _date_fits(d, ev):
                idx.own[k][ev.id] = idx.own[k].get(ev.id, 0.0) + (4.0 if d.explicit_year else 3.0)
        if d.explicit_year and not any(_date_fits(d, ev) for ev in events):
            # an explicit date that fits no event speaks against all of them, in its own sentence only
            idx.own[k][OTHER] = idx.own[k].get(OTHER, 0.0) + 1.2
    regex, table = _event_lookup(events)
    if regex is not None:
        for m in regex.finditer(text, body_start):
            k = sent_of(m.start())
            for ev_id, weight in table.get(m.group().lower(), ()):
                idx.own[k][ev_id] = idx.own[k].get(ev_id, 0.0) + weight
    for m in _PLACE.finditer(text, body_start):
        k = sent_of(m.start())
        if idx.places[k] is None and m.group(1).lower() not in MONTHS:
            idx.places[k] = m.group(1)
    running: dict[str, float] = {}
    prev_para = sentences[0].paragraph
    for k, s in enumerate(sentences):
        if s.paragraph != prev_para:
            running = {e: v * 0.7 for e, v in running.items() if v * 0.7 > 0.05}
            prev_para = s.paragraph
        idx.before.append(dict(running))
        own = {e: v for e, v in idx.own[k].items() if e != OTHER}
        for e, v in own.items():
            running[e] = running.get(e, 0.0) * 0.5 + v
        running = {e: (v * 0.8 if e not in own else v) for e, v in running.items()}
        for e, v in own.items():
            idx.article[e] = idx.article.get(e, 0.0) + v
    return idx


def event_for(idx: EventIndex, k: int) -> Optional[str]:
    """The best event for a claim in sentence k, or None."""
    if not idx.events or k >= len(idx.own):
        return None
    scores: dict[str, float] = {}
    for e, v in idx.own[k].items():
        scores[e] = scores.get(e, 0.0) + 3.0 * v
    for e, v in idx.before[k].items():
        scores[e] = scores.get(e, 0.0) + 1.0 * v
    for e, v in idx.article.items():
        scores[e] = scores.get(e, 0.0) + 0.15 * v
    if not scores:
        return None
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] != OTHER))
    if best[0] == OTHER or best[1] < 0.9:
        return None
    return best[0]


def proposed_event(idx: EventIndex, k: int) -> Optional[str]:
    """A place and month to suggest as a new event for a claim that fits none."""
    place = None
    month = None
    for j in range(k, max(-1, k - 12), -1):
        place = place or idx.places[j]
        month = month or idx.months[j]
        if place and month:
            break
    if month is None:
        if idx.first_month is None:
            idx.first_month = next((m for m in idx.months if m), ())
        month = idx.first_month or None
    if not place and not month:
        return None
    when = ""
    if month:
        year, mon = month
        when = f"{year}-{mon:02d}" if mon else str(year)
    return ", ".join(x for x in (place, when) if x)
