"""`kzcheck sources`: find the claims that best match what a user typed.

The query is read twice: as text, matched with rapidfuzz against each claim's
text and sentence, and as a figure, by the same number reader and measure
words as extraction ("10000 arrested" is a figure of 10,000 and the measure
detained). A claim whose interval holds the figure and whose measure matches
scores highest, so "10000 arrested" finds a figure of ten thousand detained.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

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
    related: list[Claim] = field(default_factory=list)


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


def find(query: str, claims: list[Claim], vocab: Vocabulary, limit: int = 5) -> list[Match]:
    from rapidfuzz import fuzz, process

    q = parse_query(query, vocab)
    usable = [c for c in claims if c.status != "rejected"]
    if not usable:
        return []
    texts = [f"{c.text} {c.sentence}".lower() for c in usable]
    fuzzy = [0.0] * len(usable)
    for _, score, i in process.extract(q.text.lower(), texts, scorer=fuzz.partial_token_set_ratio, limit=None,
                                       score_cutoff=30):
        fuzzy[i] = score
    scored: list[tuple[float, int]] = []
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
            scored.append((score, i))
    scored.sort(key=lambda x: (-x[0], usable[x[1]].article, usable[x[1]].span[0]))
    out: list[Match] = []
    seen: set[str] = set()
    for score, i in scored:
        c = usable[i]
        if c.id in seen:
            continue
        seen.add(c.id)
        out.append(Match(round(min(score, 100.0), 1), c))
        if len(out) >= limit:
            break
    for m in out:
        if m.claim.kind == "figure":
            m.related = [o for o in usable if o.kind == "figure" and o.id != m.claim.id and o.measure == m.claim.measure
                         and o.event == m.claim.event and o.event is not None]
    return out
