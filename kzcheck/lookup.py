"""`kzcheck sources`: find the claims that best match what a user typed.

The query is read twice: as text, matched with rapidfuzz against each claim's
text and sentence, and as a figure, by the same number reader and measure
words as extraction ("10000 arrested" is a figure of 10,000 and the measure
detained). A claim whose interval holds the figure and whose measure matches
scores highest, so "10000 arrested" finds a figure of ten thousand detained.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from .model import Claim
from .numbers import read_numbers, tokenize
from .vocab import Vocabulary

MIN_SCORE = 55.0


@dataclass
class Query:
    text: str
    value: Optional[float] = None
    measure: Optional[str] = None


@dataclass
class Match:
    score: float
    claim: Claim
    related: list[Claim] = field(default_factory=list)  # distinct readings, at most MAX_RELATED
    related_total: int = 0  # every other figure of the same event and measure


MAX_RELATED = 20  # other sources shown beside a match: distinct readings (source and interval), first found


def parse_query(text: str, vocab: Vocabulary) -> Query:
    q = Query(text.strip())
    tokens = tokenize(q.text)
    words = [t.low for t in tokens]
    for m in read_numbers(tokens, vocab, q.text):
        if m.value is not None and m.kind in ("count", "year"):
            q.value = m.value
            break
    for i in range(len(words)):
        for table in (vocab.outcome, vocab.verbs, vocab.roles):
            hit = table.match_at(words, i)
            if hit:
                q.measure = hit[1]
                break
        if q.measure:
            break
        named = vocab.measure_for(words[i])
        if named:
            q.measure = named
            break
    return q


def _holds(c: Claim, value: float) -> bool:
    f = c.figure
    if f is None:
        return False
    lo = f.low if f.low is not None else float("-inf")
    hi = f.high if f.high is not None else float("inf")
    if f.qualifier == "approx":
        lo, hi = lo * 0.85, hi * 1.15
    return lo <= value <= hi


CHUNK = 10_000  # claims scored at a time: memory stays bounded however many candidates there are


def query_words(q: Query) -> list[str]:
    """The query's words as the fuzzy scorer splits them (a claim sharing one scores 100)."""
    words: list[str] = []
    for w in q.text.lower().split():
        if w not in words:
            words.append(w)
    return words[:16]


def candidates(q: Query) -> tuple[str, tuple, Callable[[Claim], bool]]:
    """Which claims can score at all, as an SQL condition on the cache's facts (``f``) and as the same test
    in Python: a claim whose text or sentence holds a word of the query, or a figure whose interval
    (widened as _holds widens it) holds the query's figure. Others are not fuzzed: a claim that shares
    no word but is close in spelling (a typo) is missed, the price of not scoring every claim."""
    words = query_words(q)
    sql, params = [], []
    for w in words:
        pattern = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        sql.append("f.text LIKE ? ESCAPE '\\' OR f.sentence LIKE ? ESCAPE '\\'")
        params += [pattern, pattern]
    value = q.value if q.value is not None and q.value >= 0 else None
    if value is not None:
        sql.append(VALUE_SQL[0])
        params += [value / 0.85, value / 1.15]

    def test(c: Claim) -> bool:
        if value is not None and c.kind == "figure" and _holds(c, value):
            return True
        text, sentence = c.text.lower(), c.sentence.lower()
        return any(w in text or w in sentence for w in words)

    return (" OR ".join(f"({x})" for x in sql) or "0"), tuple(params), test


def search(query: str, select: Callable[..., Iterable[Claim]], vocab: Vocabulary, limit: int = 5) -> list[Match]:
    """find() over a claim store: ``select(where, params, keep)`` yields the claims that pass an SQL
    condition on the cache's facts and the same test in Python (see ProjectClaims.select).

    With a figure in the query, the figures that hold it are scored first: a claim that does not hold it
    scores at most NOT_HOLDING, so when the first pass already has ``limit`` matches above that, the
    text candidates cannot change the answer and are not read."""
    q = parse_query(query, vocab)

    def related(measure: str, event: str) -> list[Claim]:
        return list(select("f.measure = ? AND f.kind = 'figure' AND f.event = ?", (measure, event),
                           lambda c: c.measure == measure and c.kind == "figure" and c.event == event))

    value = q.value if q.value is not None and q.value >= 0 else None
    if value is not None:
        sql, params = VALUE_SQL
        first = find(query, select(sql, (value / 0.85, value / 1.15),
                                   lambda c: c.kind == "figure" and _holds(c, value)), vocab, limit, related)
        if len(first) >= limit and first[-1].score > NOT_HOLDING:
            return first
    where, params, keep = candidates(q)
    return find(query, select(where, params, keep), vocab, limit, related)


VALUE_SQL = ("f.kind = 'figure' AND (f.low IS NULL OR f.low <= ?) AND (f.high IS NULL OR f.high >= ?)", ())
NOT_HOLDING = 100 * 0.6 + 5  # the best score of a claim whose interval does not hold the query's figure


def find(query: str, claims: Iterable[Claim], vocab: Vocabulary, limit: int = 5,
         related: Optional[Callable[[str, str], list[Claim]]] = None) -> list[Match]:
    """The best ``limit`` matches among ``claims`` (any iterable: scored CHUNK at a time) and, for each
    figure, the other figures of its event and measure (from ``related(measure, event)`` when given)."""
    q = parse_query(query, vocab)
    best: list[tuple[tuple, Claim]] = []
    kept: list[Claim] = [] if related is None else None
    chunk: list[Claim] = []

    def score_chunk() -> None:
        best.extend(_score(q, chunk))
        best.sort(key=lambda x: x[0])
        seen: set[str] = set()
        del_after = []
        for i, (_, c) in enumerate(best):
            if c.id in seen:
                del_after.append(i)
            seen.add(c.id)
        for i in reversed(del_after):
            del best[i]
        del best[limit:]
        chunk.clear()

    for c in claims:
        if c.status == "rejected":
            continue
        if kept is not None:
            kept.append(c)
        chunk.append(c)
        if len(chunk) >= CHUNK:
            score_chunk()
    score_chunk()
    out = [Match(round(min(-key[0], 100.0), 1), c) for key, c in best]
    pools: dict[tuple, list[Claim]] = {}  # matches of one event and measure share one read
    for m in out:
        c = m.claim
        if c.kind == "figure" and c.event is not None:
            key = (c.measure, c.event)
            if key not in pools:
                pools[key] = related(c.measure, c.event) if related is not None else kept
            others = [o for o in pools[key] if o.kind == "figure" and o.id != c.id and o.measure == c.measure
                      and o.event == c.event and o.status != "rejected"]
            m.related_total = len(others)
            m.related = _distinct_readings(others, MAX_RELATED)
    return out


def _distinct_readings(claims: list[Claim], limit: int) -> list[Claim]:
    """The first claim of each reading (source and interval), at most ``limit`` of them: a corpus may
    repeat one figure thousands of times."""
    seen: set[tuple] = set()
    out: list[Claim] = []
    for o in claims:
        f = o.figure
        reading = (o.source.name.lower(), o.source.cls, f.low if f else None, f.high if f else None,
                   f.qualifier if f else None, o.negated)
        if reading in seen:
            continue
        seen.add(reading)
        out.append(o)
        if len(out) >= limit:
            break
    return out


def _score(q: Query, usable: list[Claim]) -> list[tuple[tuple, Claim]]:
    from rapidfuzz import fuzz, process

    if not usable:
        return []
    texts = [f"{c.text} {c.sentence}".lower() for c in usable]
    fuzzy = [0.0] * len(usable)
    for _, score, i in process.extract(q.text.lower(), texts, scorer=fuzz.partial_token_set_ratio, limit=None,
                                       score_cutoff=30):
        fuzzy[i] = score
    out = []
    for i, c in enumerate(usable):
        score = float(fuzzy[i]) * (0.6 if q.value is not None else 1.0)
        if q.value is not None and c.kind == "figure":
            if _holds(c, q.value):
                score += 35
                if q.measure and c.measure == q.measure:
                    score += 20
            elif q.measure and c.measure == q.measure:
                score += 5
        elif q.value is not None and c.kind == "statement":
            score -= 10
        if score >= MIN_SCORE:
            out.append(((-score, c.article, c.span[0]), c))
    return out
