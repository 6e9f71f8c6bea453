"""Contradictions and revisions between figures for the same event and measure.

Claims are grouped by event and by what is counted (a subgroup such as
security officers or children is compared only with the same subgroup).
Two figures contradict when their intervals cannot both be true. An ``approx``
figure is widened by APPROX_TOLERANCE either way (at least 1), a vague one is
its interval, an open bound ("over a dozen") runs to infinity. Different
figures from the same source, or from the same class of institutional source
in different articles, are a revision, ordered by date, not a contradiction.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .model import Claim, Event
from .vocab import Vocabulary

APPROX_TOLERANCE = 0.15  # "about 70" is read as 59.5..80.5
REVISING_CLASSES = frozenset(["official", "ngo", "international_body", "company"])


def widened(c: Claim) -> tuple[float, float]:
    f = c.figure
    lo = f.low if f.low is not None else -math.inf
    hi = f.high if f.high is not None else math.inf
    if f.qualifier == "approx":
        lo -= max(1.0, abs(lo) * APPROX_TOLERANCE)
        hi += max(1.0, abs(hi) * APPROX_TOLERANCE)
    if f.qualifier == "more_than" and f.low is not None and not float(f.low).is_integer():
        lo = f.low
    return lo, hi


def central(c: Claim) -> Optional[float]:
    f = c.figure
    if f is None:
        return None
    return f.central() if f.central() is not None else None


def compatible(a: Claim, b: Claim) -> bool:
    alo, ahi = widened(a)
    blo, bhi = widened(b)
    return alo <= bhi and blo <= ahi


def subject_group(c: Claim, vocab: Vocabulary) -> str:
    subject = (c.subject or "people").lower()
    words = subject.split()
    for i in range(len(words)):
        hit = vocab.subjects.match_at(words, i)
        if hit:
            return hit[1]
    return "people" if subject in ("", "people") else subject


def same_voice(a: Claim, b: Claim) -> bool:
    """Two figures from one source: a later figure revises an earlier one."""
    na, nb = a.source.name.strip().lower(), b.source.name.strip().lower()
    if na and na == nb and not (a.source.cls == "media_author" and a.article != b.article):
        return True
    if a.source.cls == b.source.cls and a.source.cls in REVISING_CLASSES:
        return a.article != b.article or _is_revision_pair(a, b)
    return False


def _is_revision_pair(a: Claim, b: Claim) -> bool:
    return a.article == b.article and a.sentence == b.sentence


@dataclass
class Contradiction:
    a: Claim
    b: Claim
    ratio: float

    def describe(self) -> str:
        return f"{_who(self.a)}: {_fig(self.a)} vs {_who(self.b)}: {_fig(self.b)} ({self.ratio:.1f}x)"


@dataclass
class Revision:
    source: str
    claims: list[Claim]

    def describe(self) -> str:
        return f"{self.source}: " + ", then ".join(_fig(c) for c in self.claims)


@dataclass
class EventComparison:
    event: Optional[str]
    label: str
    group: str
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    consistent: dict[str, list[str]] = field(default_factory=dict)  # bound claim id -> ids it fits


def _who(c: Claim) -> str:
    return c.source.name or c.source.cls


def _fig(c: Claim) -> str:
    f = c.figure
    if c.negated:
        return "none"
    prefix = {"approx": "about ", "at_least": "at least ", "more_than": "more than ", "at_most": "at most ",
              "less_than": "fewer than "}.get(f.qualifier, "")
    if f.qualifier in ("range", "vague"):
        return f"{f.text} ({f.as_interval()})"
    value = f.low if f.low is not None else f.high
    if f.qualifier == "more_than" and f.low is not None:
        value = f.low - 1 if float(f.low).is_integer() else f.low
    if f.qualifier == "less_than" and f.high is not None:
        value = f.high + 1 if float(f.high).is_integer() else f.high
    return prefix + (f"{int(value):,}" if value is not None and float(value).is_integer() else str(value))


def _date_key(c: Claim) -> tuple:
    return (c.published or "", c.article, c.span[0])


def compare(claims: Iterable[Claim], measure: str, vocab: Vocabulary, events: list[Event],
            event: Optional[str] = None, source_class: Optional[str] = None) -> list[EventComparison]:
    labels = {e.id: e.label for e in events}
    starts = {e.id: e.start for e in events}
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.kind != "figure" or c.measure != measure or c.status == "rejected" or c.figure is None:
            continue
        if event and c.event != event:
            continue
        if source_class and c.source.cls != source_class:
            continue
        key_event = c.event or (f"proposed: {c.proposed_event}" if c.proposed_event else None)
        groups.setdefault((key_event, subject_group(c, vocab)), []).append(c)
    out: list[EventComparison] = []
    for (ev, group), members in groups.items():
        members.sort(key=_date_key)
        label = labels.get(ev, ev or "no known event")
        comp = EventComparison(ev, label, group, members)
        revised: dict[str, list[Claim]] = {}
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if compatible(a, b):
                    continue
                if same_voice(a, b):
                    key = a.source.name if a.source.name.lower() == b.source.name.lower() else a.source.cls
                    bucket = revised.setdefault(key, [])
                    for c in (a, b):
                        if c not in bucket:
                            bucket.append(c)
                    continue
                ca, cb = central(a), central(b)
                if ca is None or cb is None:
                    continue
                lo, hi = sorted((abs(ca), abs(cb)))
                ratio = hi / lo if lo else math.inf
                comp.contradictions.append(Contradiction(a, b, ratio))
        for c in members:
            if c.figure.qualifier in ("more_than", "at_least", "at_most", "less_than", "vague"):
                fits = [o.id for o in members if o is not c and compatible(c, o)]
                if fits:
                    comp.consistent[c.id] = fits
        comp.revisions = [Revision(k, sorted(v, key=_date_key)) for k, v in revised.items()]
        comp.contradictions.sort(key=lambda x: -x.ratio if math.isfinite(x.ratio) else -1e18)
        out.append(comp)
    out.sort(key=lambda e: (e.event is None, starts.get(e.event, "9999"), e.label or "", e.group != "people", e.group))
    return out


def to_json(comps: list[EventComparison], measure: str) -> dict:
    events = []
    for comp in comps:
        events.append({
            "event": comp.event, "label": comp.label, "subject": comp.group,
            "claims": [c.to_json() for c in comp.claims],
            "contradictions": [{"claims": [x.a.id, x.b.id], "ratio": round(x.ratio, 3) if math.isfinite(x.ratio) else None,
                                "text": x.describe()} for x in comp.contradictions],
            "revisions": [{"source": r.source, "claims": [c.id for c in r.claims], "text": r.describe()} for r in comp.revisions],
            "consistent": [{"claim": k, "with": v} for k, v in comp.consistent.items()],
        })
    return {"measure": measure, "events": events}
