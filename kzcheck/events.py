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
from functools import lru_cache
from typing import Optional

from .model import Event
from .normalize import fold_case
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
ARTICLE_WEIGHT = 4.0  # what all of an article's evidence for one event adds to a claim's score
# "in|at|near|outside|from" after a non-word character, then a capitalised name (see _word_matches).
_PLACE_WORDS = r"(?:in|at|near|outside|from) ((?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?: [A-Z][a-z]+)?)"
# A non-word character, as a set the regex engine checks from a bitmap, then checked exactly.
_LEAD = r"[^A-Za-z0-9_](?<=\W)"
_LOW_LEAD = r"[^a-z0-9_](?<=\W)"  # the same in lower-cased text
_PLACE = (re.compile(_LEAD + _PLACE_WORDS), re.compile(_PLACE_WORDS))

# Every match of _DATE holds one of these words (a month, "year(s)", "anniversary" or a year) and
# starts at most _DATE_REACH characters before it ("since 12th of December" is the longest lead:
# 14), at the start of a word. Found in the lower-cased text, they tell where _DATE can match.
# A month and "year(s)" and a year end the word; "anniversary" need not. Grouped by first letter,
# so that the regex engine tries one group, not every word, at each position.
_DATE_ANCHOR_WORDS = (r"(?:(?:s(?:eptember|ept|ep)|f(?:ebruary|eb)|n(?:ovember|ov)|d(?:ecember|ec)"
                      r"|j(?:anuary|une|uly|an|un|ul)|o(?:ctober|ct)|a(?:ugust|pril|pr|ug)|m(?:arch|ay|ar)|y(?:ears|ear)"
                      r"|1[89]\d\d|20\d\d)(?!\w)|anniversary)")
_DATE_ANCHOR = (re.compile(_LOW_LEAD + _DATE_ANCHOR_WORDS), re.compile(_DATE_ANCHOR_WORDS))
_DATE_REACH = 16
_WORD_START = re.compile(r"\b\w")


# A full date as a header or dateline writes it: "20 December 2011", "December 20, 2011", "15.01.2022", "2022-01-15".
_FULL_DATE = re.compile(
    r"(?<![\w.])(?:(\d{1,2})(?:st|nd|rd|th)? (" + _MONTH_RE + r"),? (\d{4})|(" + _MONTH_RE + r") (\d{1,2}),? (\d{4})"
    r"|(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))(?![\w])", re.I)
_HEADER_PARAS = 8  # the header and the dateline are in the first paragraphs
_HEADER_LINE = 120  # a paragraph this short is a header line: a date in it is the article's
_DATELINE_REACH = 60  # "ZHANAOZEN, 17 December 2011 — ...": a date this near a paragraph's start, then a dash


def header_date(text: str, paras) -> Optional[tuple[int, int, int]]:
    """The article's date as (year, month, day) from its header or dateline, the latest if several
    ("Updated 30 August 2022"), or None. Only the first paragraphs are read, and only a line that is
    a date line (the date and little else: "Wednesday 21 December 2011", "15.01.2022, 16:20"), a
    byline or publication line ("Published ...", "By ...") or a dateline ("AKTAU, 21 December 2011 -"):
    a headline that merely holds a date ("From 16 December 2011 to the January events") is none."""
    best = None
    for p in paras[:_HEADER_PARAS]:
        short = p.end - p.start <= _HEADER_LINE
        end = p.end if short else min(p.end, p.start + _DATELINE_REACH + 20)
        keyed = _HEADER_KEY.match(text, p.start, p.end) is not None
        for m in _FULL_DATE.finditer(text, p.start, end):
            if m.start() - p.start <= _DATELINE_REACH and _dash_after(text, m.end()) \
                    and _DATELINE_PLACE.fullmatch(text, p.start, m.start()):
                pass  # a dateline: "SHYMKENT, 4 March 2019 —", "ALMATY (Reuters), 5 Jan 2022 -"
            elif not short or not (keyed or _only_a_date(text[p.start:m.start()] + " " + text[m.end():p.end])):
                continue
            date = _full_date(m)
            if date is not None and (best is None or date > best):
                best = date
    return best


# A publication or byline line: "Published 3 May 2016", "Last updated: ...", "By Aigerim Toleukhanova, 5 Jan 2022".
_HEADER_KEY = re.compile(r"\s*(?:(?:first |last )?(?:published|posted|updated|modified)|date[ds]?|by)\b", re.I)
# What a dateline puts before the date: "AKTAU, ", "Almaty (Reuters) ", "NUR-SULTAN, Kazakhstan, ".
_DATELINE_PLACE = re.compile(r"\s*[A-Z][A-Za-z.'\-]{1,30}(?: [A-Z][A-Za-z.'\-]{1,30}){0,2}"
                             r"(?:,? [A-Z][a-z]{2,20})?(?: ?\([^()\n]{1,40}\))?[,:]? ?")
# What a date line may hold besides the date: a weekday, a time, a time zone, separators.
_DATE_LINE_WORD = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}[:.]\d{2}|\d{1,2}|am|pm|gmt|utc|(?-i:[A-Z]{1,3}T)|at|on", re.I)
_DATE_LINE_OTHER = 1  # words of anything else a date line may hold ("Wednesday 21 December 2011, Almaty")


def _only_a_date(rest: str) -> bool:
    """The words of a line besides its date(s) are a weekday, a time or a place at most: a date line."""
    rest = _FULL_DATE.sub(" ", rest)
    words = re.findall(r"[\w:.]+", rest)
    return sum(1 for w in words if not _DATE_LINE_WORD.fullmatch(w.strip("."))) <= _DATE_LINE_OTHER


def _dash_after(text: str, pos: int) -> bool:
    rest = text[pos:pos + 4].lstrip(" )")
    return rest[:1] in ("\u2014", "\u2013", "-", ":")


def _full_date(m: re.Match) -> Optional[tuple[int, int, int]]:
    g = m.groups()
    if g[1]:
        y, mo, d = int(g[2]), MONTHS[g[1].casefold().rstrip(".")], int(g[0])
    elif g[3]:
        y, mo, d = int(g[5]), MONTHS[g[3].casefold().rstrip(".")], int(g[4])
    elif g[8]:
        y, mo, d = int(g[8]), int(g[7]), int(g[6])
    else:
        y, mo, d = int(g[9]), int(g[10]), int(g[11])
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1800 <= y <= 2100):
        return None
    return y, mo, d


def _not_after(ev: Event, date: tuple[int, int, int]) -> bool:
    """The event began on or before ``date`` (as far as its start is readable): it can be written about."""
    start = _first_day(str(ev.start or ""))
    return start is None or start <= date


@lru_cache(maxsize=256)
def _first_day(iso: str) -> Optional[tuple[int, int, int]]:
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", iso)
    return (int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)) if m else None


def _latest_date(published: Optional[str]) -> Optional[tuple[int, int, int]]:
    """The last day a publication date can mean: "2013-12" is any day of December 2013."""
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(published or ""))
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 12), int(m.group(3) or 31)


def possible_events(events: list[Event], published: Optional[str],
                    dated: Optional[tuple[int, int, int]] = None) -> list[Event]:
    """The events an article can be about: none that began after it was published (from the metadata,
    else from the date in its header or dateline)."""
    limit = _latest_date(published) or dated
    if limit is None:
        return events
    kept = [ev for ev in events if _not_after(ev, limit)]
    return kept if len(kept) != len(events) else events


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


def _word_matches(after: re.Pattern, first: re.Pattern, text: str, start: int):
    """Matches, from ``start`` on, of a pattern that must start a word (be preceded by a non-word
    character or nothing), as finditer would find them with a look-behind before the pattern.

    ``after`` is a non-word character followed by the pattern, ``first`` the pattern alone (for a
    match at offset 0); each match comes as (offset where the pattern matched, match). A pattern
    that starts with a character class is scanned for fast (the regex engine skips to the
    characters a match can start with: here the few non-word ones); a look-behind in front would
    make the engine try the whole pattern at every position. The pattern must end in a word
    character, so that the non-word character before the next match is not taken by this one.
    """
    if start <= 0:
        m = first.match(text)
        if m:
            yield 0, m
            start = m.end()
    else:
        start -= 1
    for m in after.finditer(text, start):
        yield m.start() + 1, m


def _date_matches(text: str, start: int, low: Optional[str] = None, anchors: Optional[list[int]] = None):
    """The matches of ``_DATE.finditer(text, start)``, trying the regex only near its anchor words.

    ``low`` is ``fold_case(text)`` if the caller has it; ``anchors`` the offsets of the anchor words
    (any sorted list that holds them all) if the caller has them. Each anchor is tried at the word
    starts within reach before it, left to right, so the first success is the leftmost match, as
    finditer finds it; every position is tried at most once, so the pass stays linear.
    """
    if anchors is None:
        if low is None:
            low = fold_case(text)
        if not low:
            yield from _DATE.finditer(text, start)
            return
        anchors = [a for a, _ in _word_matches(*_DATE_ANCHOR, low, start)]
    match = _DATE.match
    pos = start  # no match starts before pos
    tried = start - 1  # positions up to here are tried already
    for a in anchors:
        if a < pos:
            continue
        lo = max(pos, a - _DATE_REACH, tried + 1)
        tried = a
        for w in _WORD_START.finditer(text, lo, a + 1):
            m = match(text, w.start())
            if m:
                yield m
                pos = m.end()
                break


def find_dates(text: str, start: int, published: Optional[str], low: Optional[str] = None,
               anchors: Optional[list[int]] = None) -> list[DateMention]:
    """Dates in order, months resolved against the latest explicit year or the publication date.

    ``low`` and ``anchors``: as for _date_matches, if the caller has them already.
    """
    pub_year, pub_month = _pub_year_month(published)
    out: list[DateMention] = []
    last_year: Optional[int] = None
    # the last date with a month: a bare year since then ("he voted in 2019") does not move "6 January"
    # away from the "5 January" the story was telling
    last_month: Optional[tuple[Optional[int], int]] = None
    last_year_at = -1  # where the last bare year stands
    last_entry: Optional[tuple[Optional[int], int]] = None  # the last timeline entry's date
    matches = list(_date_matches(text, start, low, anchors))
    main_year = _main_year(matches)
    last_year_pos = -1  # where the year last_year holds was written
    for m in matches:
        if m.group(3):  # a month
            month = MONTHS[m.group(3).casefold().rstrip(".")]  # casefold: the pattern ignores case, "ſept" too
            if m.group(3).lower().startswith("may") and not (m.group(2) or m.group(4) or m.group(5)) and not m.group(1):
                if m.group(3) == "may" or m.group(3) == "May" and (m.start() == 0 or text[m.start() - 2:m.start()].strip() in (".", "")):
                    continue  # the modal verb, or a sentence starting "May ..."
            if m.group(5):
                year = int(m.group(5))
                last_year = year
                last_year_pos = m.start()
                last_month = (year, month)
                if _entry_head(text, m):
                    last_entry = (year, month)
                out.append(DateMention(m.start(), year, month, True))
                continue
            rel = (m.group(1) or "").lower()
            if rel == "last" and pub_year:
                year = pub_year if pub_month and month < pub_month else pub_year - 1
            elif rel == "next" and pub_year:
                year = pub_year if pub_month and month > pub_month else pub_year + 1
            elif _entry_head(text, m):
                # a timeline's entry ("3 January —", "Aug. 15:"): the year of the entry before, not of a year an
                # entry recalled ("in December 2011, police shot ..."); the first entry takes the publication's
                if last_entry is not None and last_entry[0] is not None:
                    year = last_entry[0] if month >= last_entry[1] else last_entry[0] + 1
                else:
                    year = pub_year if pub_year else last_year
                last_year = year
            elif _DATELINE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                # "ALMATY, June 8 (Reuters) -": the story's own day, whatever year the text named before
                year = pub_year
                last_year = pub_year
            elif last_month is not None and last_month[1] == month and not (
                    last_year_at >= 0 and m.start() - last_year_at < 40 and "." not in text[last_year_at:m.start()]):
                year = last_month[0]  # (but "In 2023, on 5 January, ...": the year just before it)
            elif last_year is not None and main_year is not None and last_year != main_year \
                    and "\n" in text[last_year_pos:m.start()]:
                # the year last named is another paragraph's, and not the year the article is mostly about ("the
                # town where police opened fire in December 2011" ... paragraphs later, "On 5 May"): no year
                year = None
            elif last_year is not None:
                year = last_year
            elif pub_year:
                year = pub_year if not pub_month or month <= pub_month else pub_year - 1
            else:
                year = None
            last_month = (year, month)
            if _entry_head(text, m):
                last_entry = (year, month)
            out.append(DateMention(m.start(), year, month, False))
        elif m.group(6):
            if _is_citation_year(text, m.start(6), m.end(6)):
                continue
            year = int(m.group(6))
            last_year = year
            last_year_at = last_year_pos = m.start()
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


_ENTRY_BEFORE = re.compile(r"[ \t*\u2022#>-]*(?:\d{1,2} ?[\u2013-] ?)?\Z")
_ENTRY_AFTER = re.compile(r"(?:,? \d{4})? ?[:\u2014\u2013-]")


def _entry_head(text: str, m: re.Match) -> bool:
    """A date that opens its line and is followed by a dash or colon: a timeline's entry ("3 January —",
    "Aug. 15:", "13-19 January -")."""
    line = text.rfind("\n", 0, m.start()) + 1
    return m.start() - line <= 12 and _ENTRY_BEFORE.match(text, line, m.start()) is not None \
        and _ENTRY_AFTER.match(text, m.end()) is not None


def _main_year(matches: list[re.Match]) -> Optional[int]:
    """The year the article names most often (in dates and bare years), if one leads; None on a tie."""
    counts: dict[int, int] = {}
    for m in matches:
        y = m.group(5) or m.group(6)
        if y:
            counts[int(y)] = counts.get(int(y), 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


# "(Lillis 2019, ch. 6)", "(Amnesty International, 2012; HRW 2013)", "Lillis (2019)": a work's year, not a date
_CITED_BY = re.compile(r"(?:\((?:(?:see|cf\.|e\.g\.,?) )?(?:[^()]{0,60}; )?[A-Z][\w.&'’ -]{0,60}?,?|[A-Z][\w'’-]+(?: et al\.)? \() ?\Z")
_CITATION_END = re.compile(r"[a-z]?(?:\)|, ?(?:p|pp|ch|para|paras)\.|; ?[A-Z]|:\s?\d)")


def _is_citation_year(text: str, start: int, end: int) -> bool:
    return _CITATION_END.match(text, end) is not None and _CITED_BY.search(text, max(0, start - 64), start) is not None


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
    article_total: float = 1.0  # the sum of ``article``'s values (1.0 when empty)
    places: list[Optional[str]] = field(default_factory=list)
    months: list[Optional[tuple[int, Optional[int]]]] = field(default_factory=list)
    first_month: Optional[tuple] = None  # the article's first date, computed once when needed
    # event_for's answer by sentence index: many claims share a sentence (figures, statements)
    best: dict[int, Optional[str]] = field(default_factory=dict)
    # by sentence index: the one event a crosshead above names ("1. Zhanaozen, December 2011"), while no sentence
    # since has named another
    section: list[Optional[tuple[str, float]]] = field(default_factory=list)


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


def _fast_scan(events: list[Event]) -> Optional[tuple[re.Pattern, re.Pattern, dict[str, list[int]]]]:
    """One pass over the lower-cased text (fold_case) for the cues and the date anchors.

    The cues match as ``_cue_regex`` does (in group 1), the anchors as _DATE_ANCHOR, both with
    _word_matches; a cue is tried first where both start, and the anchors inside a cue ("bloody
    january", "december 1986") are listed with it. None unless every cue is ASCII and starts and
    ends with a word character.
    """
    words = sorted({w.lower() for ev in events for w in list(ev.places) + list(ev.cues) if w}, key=len, reverse=True)
    if not words or not all(w.isascii() and _is_word_char(w[0]) and _is_word_char(w[-1]) for w in words):
        return None
    # grouped by first character, each group in the original order: at any position at most one
    # group can match, and the regex engine tries one group instead of every cue
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    cues = "|".join("%s(?:%s)" % (re.escape(c), "|".join(rest)) for c, rest in groups.items())
    pattern = r"(?:(%s)(?!\w)|%s)" % (cues, _DATE_ANCHOR_WORDS)
    inside = {w: [a for a, _ in _word_matches(*_DATE_ANCHOR, w, 0)] for w in words}
    return re.compile(_LOW_LEAD + pattern), re.compile(pattern), inside


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


_CUE_CACHE: dict[tuple, tuple] = {}


def _event_lookup(events: list[Event]):
    key = tuple((e.id, tuple(e.places), tuple(e.cues), e.start, e.end) for e in events)
    hit = _CUE_CACHE.get(key)
    if hit is None:
        table: dict[str, list[tuple[str, float]]] = {}
        for ev in events:
            for p in ev.places:
                table.setdefault(p.lower(), []).append((ev.id, 1.0))
            for c in ev.cues:
                table.setdefault(c.lower(), []).append((ev.id, 1.5))
        for word, entries in table.items():
            # a place several events share (Almaty, Aktau) tells less about each than a place of one
            places = sum(1 for _, w in entries if w == 1.0)
            if places > 1:
                table[word] = [(e, w / places if w == 1.0 else w) for e, w in entries]
        spans = [(ev, _month_span(ev)) for ev in events]
        hit = (_cue_regex(events), table, _fast_scan(events), spans)
        if len(_CUE_CACHE) > 32:
            _CUE_CACHE.clear()
        _CUE_CACHE[key] = hit
    return hit


def _month_span(ev: Event) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    """The first and last (year, month) of an event, as _date_fits reads them (None if unreadable)."""
    try:
        return ((int(ev.start[:4]), int(ev.start[5:7]) if len(ev.start) >= 7 else 1),
                (int(ev.end[:4]), int(ev.end[5:7]) if len(ev.end) >= 7 else 12))
    except (TypeError, ValueError):
        return None


_STREET_AFTER = re.compile(r" (?:[Ss]treet|St\b|[Aa]venue|Ave\b|[Pp]rospekt|[Pp]rospect|[Bb]oulevard|[Rr]oad|[Ll]ane)")
_DATELINE_BEFORE = re.compile(r"(?:\A|\n)[A-Z][A-Z .'-]{1,30}(?:\([^()\n]{1,30}\))?, \Z")


def _month_within(month: int, span: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    """Whether an event takes in ``month`` of whatever year."""
    (y0, m0), (y1, m1) = span
    if y1 > y0 + 1 or (y1 == y0 + 1 and m1 >= m0 - 1):
        return True  # a year or more: every month
    return m0 <= month <= m1 if y1 == y0 else month >= m0 or month <= m1


def _fitting(d: DateMention, spans: list) -> list[str]:
    """Ids of the events a date fits (as _date_fits), in the events' order."""
    if d.year is None:
        # "on 6 January" in an undated article: the events that take in a January, of whatever year
        if d.month is None:
            return []
        return [ev.id for ev, span in spans if span is not None and _month_within(d.month, span)]
    if d.month is None:
        return [ev.id for ev, span in spans if (_date_fits(d, ev) if span is None else span[0][0] <= d.year <= span[1][0])]
    ym = (d.year, d.month)
    return [ev.id for ev, span in spans if (_date_fits(d, ev) if span is None else span[0] <= ym <= span[1])]


def index_events(text: str, sentences: list[Sentence], events: list[Event], published: Optional[str],
                 body_start: int = 0) -> EventIndex:
    idx = EventIndex(events)
    n = len(sentences)
    own = idx.own = [dict() for _ in range(n)]
    idx.places = [None] * n
    idx.months = [None] * n
    if not n:
        return idx
    starts = [s.start for s in sentences]
    bisect_right = bisect.bisect_right
    low = fold_case(text)
    regex, table, fast, spans = _event_lookup(events)
    anchors = cues = None
    if fast is not None and low:
        anchors, cues = [], []
        inside = fast[2]
        for a, m in _word_matches(fast[0], fast[1], low, body_start):
            if m.lastindex:  # a cue
                cue = m.group(1)
                cues.append((a, a + len(cue)))
                anchors.extend(a + i for i in inside[cue])
            else:
                anchors.append(a)

    for d in find_dates(text, body_start, published, low, anchors):
        k = max(0, bisect_right(starts, d.pos) - 1)
        if d.year is not None:
            idx.months[k] = (d.year, d.month)
        fits = _fitting(d, spans)
        if fits:
            # a month of no known year tells little, and less the more events take it in
            weight = 4.0 if d.explicit_year else 3.0 if d.year is not None else 1.5 / len(fits)
            o = own[k]
            for e in fits:
                o[e] = o.get(e, 0.0) + weight
        elif d.explicit_year:
            # an explicit date that fits no event speaks against all of them, in its own sentence only
            own[k][OTHER] = own[k].get(OTHER, 0.0) + 1.2
    if regex is not None:
        found = cues if cues is not None else [m.span() for m in regex.finditer(text, body_start)]
        for a, b in found:
            if _STREET_AFTER.match(text, b):
                continue  # "on Zheltoksan street", "Zhanaozen Avenue": a street named after the event
            o = own[max(0, bisect_right(starts, a) - 1)]
            for ev_id, weight in table.get(text[a:b].lower(), ()):
                o[ev_id] = o.get(ev_id, 0.0) + weight
    places = idx.places
    for a, m in _word_matches(*_PLACE, text, body_start):
        k = max(0, bisect_right(starts, a) - 1)
        if places[k] is None and m.group(1).casefold() not in MONTHS:
            places[k] = m.group(1)
    _decay(idx, sentences)
    _sections(idx, sentences)
    return idx


def _sections(idx: EventIndex, sentences: list[Sentence]) -> None:
    """The event of the crosshead each sentence stands under. A crosshead is a heading line after the first
    sentence of text; it opens a section when one event has at least twice the evidence of any other there,
    which holds until the next heading or a sentence with more evidence for another event than for it."""
    section = idx.section = [None] * len(sentences)
    current: Optional[tuple[str, float]] = None
    text_seen = False
    for k, s in enumerate(sentences):
        own = idx.own[k]
        if s.is_heading:
            current = None
            real = sorted(((v, e) for e, v in own.items() if e != OTHER), reverse=True)
            if text_seen and real and (len(real) == 1 or real[0][0] >= 2 * real[1][0]):
                current = (real[0][1], real[0][0])
            continue
        text_seen = True
        if current is not None:
            mine = own.get(current[0], 0.0)
            if any(e != OTHER and e != current[0] and v > mine for e, v in own.items()):
                current = None
        section[k] = current


def _decay(idx: EventIndex, sentences: list[Sentence]) -> None:
    """The context before each sentence (decaying by sentence and paragraph) and the article's totals.

    ``running`` is replaced, never changed, once it is in ``before``: entries of ``before`` may share
    one dict (read only) instead of each holding a copy.
    """
    running: dict[str, float] = {}
    article = idx.article
    before = idx.before
    prev_para = sentences[0].paragraph
    for o, s in zip(idx.own, sentences):
        if s.paragraph != prev_para:
            if running:
                running = {e: v * 0.7 for e, v in running.items() if v * 0.7 > 0.05}
            prev_para = s.paragraph
        before.append(running)
        if not o:
            if running:
                running = {e: v * 0.8 for e, v in running.items()}
            continue
        own = {e: v for e, v in o.items() if e != OTHER}
        running = dict(running)
        for e, v in own.items():
            running[e] = running.get(e, 0.0) * 0.5 + v
        running = {e: (v * 0.8 if e not in own else v) for e, v in running.items()}
        for e, v in own.items():
            article[e] = article.get(e, 0.0) + v
    idx.article_total = sum(article.values()) or 1.0


def _place_pattern(kind: str) -> str:
    """An alternation of the places of kzcheck/data/places.toml under ``kind``, longest first."""
    import tomllib
    from importlib import resources

    names = tomllib.loads(resources.files("kzcheck").joinpath("data", "places.toml").read_text(encoding="utf-8"))[kind]
    return "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"


_FOREIGN_NAMES = _place_pattern("foreign")
_FOREIGN = re.compile(r"\b" + _FOREIGN_NAMES + r"\b")
_TOLD_EVENT = (r"(?:killed|died|dead|deaths?|killings?|shot|wounded|injured|detained|arrested|jailed|events?|shootings?|"
               r"massacre|crackdown|uprising|unrest|protests?|clashes|riots?|violence|demonstrations?|strikes?)")
# Where a sentence places its figure in another country: it opens with the place ("In neighbouring
# Kyrgyzstan, ..."), the place governs what is told ("killed in Andijan", "the shootings in
# Uzbekistan", "in Uzbekistan's Andijan", "the Andijan events"). Not a place where someone spoke
# ("at a conference in Russia, the prosecutor said ...").
_ABROAD = re.compile(
    r"^\W{0,3}(?:(?:By (?:way of )?comparison|Meanwhile|Elsewhere|Similarly|Likewise|By contrast),? )?[Ii]n "
    r"(?:neighbou?ring |nearby )?" + _FOREIGN_NAMES + r"\b"
    r"|\b" + _TOLD_EVENT + r" (?:in|across) (?:neighbou?ring |nearby |the )?" + _FOREIGN_NAMES + r"\b"
    r"|\b(?:in|across) " + _FOREIGN_NAMES + r"(?:'s?|\u2019s?) [A-Z]"
    r"|\b" + _FOREIGN_NAMES + r" " + _TOLD_EVENT + r"\b")
_KAZAKH = re.compile(_place_pattern("kazakhstan"))


def abroad(idx: EventIndex, k: int, sentence_text: str) -> bool:
    """A sentence that places what it tells in another country ("In neighbouring Kyrgyzstan, ...", "the
    Andijan events in neighbouring Uzbekistan left 187 dead"), names no place in Kazakhstan and no event
    of the registry: its figures are about another country, no claim of these events. A sentence that
    only says where someone spoke ("at a conference in Russia") is not placed abroad."""
    if not _FOREIGN.search(sentence_text) or _KAZAKH.search(sentence_text) or not _ABROAD.search(sentence_text):
        return False
    own = idx.own[k] if k < len(idx.own) else {}
    return not any(e != OTHER for e in own)


def event_for(idx: EventIndex, k: int) -> Optional[str]:
    """The best event for a claim in sentence k, or None."""
    best = idx.best
    if k in best:
        return best[k]
    got = best[k] = _event_for(idx, k)
    return got


def _event_for(idx: EventIndex, k: int) -> Optional[str]:
    if not idx.events or k >= len(idx.own):
        return None
    scores: dict[str, float] = {}
    for e, v in idx.own[k].items():
        scores[e] = scores.get(e, 0.0) + 3.0 * v
    for e, v in idx.before[k].items():
        scores[e] = scores.get(e, 0.0) + 1.0 * v
    # the article as a whole: its share of the evidence, so a long article about one event cannot outvote
    # a sentence that dates itself to another ("In December 2011 police shot dead 16 people")
    total = idx.article_total
    for e, v in idx.article.items():
        scores[e] = scores.get(e, 0.0) + ARTICLE_WEIGHT * v / total
    if k < len(idx.section) and idx.section[k] is not None:
        e, v = idx.section[k]
        scores[e] = scores.get(e, 0.0) + 1.0 * v
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
