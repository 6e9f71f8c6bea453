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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from heapq import heappop, heappush
from typing import Iterable, Optional

from .model import Claim, Event
from .vocab import Vocabulary

APPROX_TOLERANCE = 0.15  # "about 70" is read as 59.5..80.5
REVISING_CLASSES = frozenset(["official", "ngo", "international_body", "company"])
BOUND_QUALIFIERS = ("more_than", "at_least", "at_most", "less_than", "vague")
MAX_CONTRADICTIONS = 50  # per event and subject: the most severe; the total is always counted
SMALL_GROUP = 24         # groups up to this size are compared pair by pair (bounded work, less overhead)
MAX_CONSISTENT = 20      # bound claims listed under `consistent`, and figures listed for each


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


def _name(c: Claim) -> str:
    return c.source.name.strip().lower()


def same_voice(a: Claim, b: Claim) -> bool:
    """Two figures from one voice: a later figure revises an earlier one (symmetric in a and b).

    The same named source (but one outlet's authors only within one article), or the
    same institutional class in different articles or in the same sentence.
    """
    na, nb = _name(a), _name(b)
    if na and na == nb and not (a.source.cls == b.source.cls == "media_author" and a.article != b.article):
        return True
    if a.source.cls == b.source.cls and a.source.cls in REVISING_CLASSES:
        return a.article != b.article or a.sentence == b.sentence
    return False


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

    def describe(self, at_least: Optional[int] = None) -> str:
        """The source and its figures in date order; with ``at_least``, only as many figures as make the
        text that long (a display cuts it there: thousands of figures need not be formatted)."""
        text = f"{self.source}: "
        for i, c in enumerate(self.claims):
            if at_least is not None and len(text) > at_least:
                break
            text += (", then " if i else "") + _fig(c)
        return text


@dataclass
class EventComparison:
    event: Optional[str]
    label: str
    group: str
    claims: list[Claim] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    consistent: dict[str, list[str]] = field(default_factory=dict)  # bound claim id -> ids it fits
    contradictions_total: int = 0   # all contradicting pairs, listed or not
    incomplete: bool = False        # the search for the most severe stopped at its budget
    consistent_total: int = 0       # bound claims that fit at least one other figure
    fits_total: dict[str, int] = field(default_factory=dict)  # bound claim id -> how many it fits, when capped

    @property
    def truncated(self) -> bool:
        return (self.incomplete or self.contradictions_total > len(self.contradictions)
                or self.consistent_total > len(self.consistent) or bool(self.fits_total))


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


class _Groups:
    """Claims grouped by a key, each group with its widened bounds sorted: how many members of a claim's
    group are incompatible with it, in O(log n) (a claim never is with itself, so a claim alone in its
    group needs no list: groupings down to the sentence are mostly such)."""

    def __init__(self, group_of: list[int], n_groups: int, bounds: list[tuple[float, float]], by_lo: list[int],
                 by_hi: list[int]):
        # filled in the order of the bounds sorted once for all groupings, so every group comes out sorted
        self.group_of = group_of
        self.his: list[Optional[list[float]]] = []
        self.los: list[Optional[list[float]]] = []
        if n_groups == len(group_of):
            self.group_of = None
            return
        size = [0] * n_groups
        for g in group_of:
            size[g] += 1
        self.his = his = [[] if n > 1 else None for n in size]
        self.los = los = [[] if n > 1 else None for n in size]
        for i in by_hi:
            group = his[group_of[i]]
            if group is not None:
                group.append(bounds[i][1])
        for i in by_lo:
            group = los[group_of[i]]
            if group is not None:
                group.append(bounds[i][0])

    def incompatible(self, i: int, lo: float, hi: float) -> int:
        """How many members of claim i's group are incompatible with the bounds lo..hi."""
        if self.group_of is None:
            return 0
        g = self.group_of[i]
        los = self.los[g]
        if los is None:
            return 0
        return bisect_left(self.his[g], lo) + (len(los) - bisect_right(los, hi))


def _numbered(keys) -> tuple[list[int], int]:
    """Each key as a small number (equal keys, equal numbers), and how many there are."""
    ids: dict = {}
    numbers = [ids.setdefault(k, len(ids)) for k in keys]
    return numbers, len(ids)


def _refined(ids: tuple[list[int], int], more: tuple[list[int], int]) -> tuple[list[int], int]:
    """The grouping by both keys, numbered again (pairs of small numbers as one int: cheap to hash)."""
    width = more[1]
    return _numbered([a * width + b for a, b in zip(ids[0], more[0])])


def _voice_counts(members: list[Claim], bounds: list[tuple[float, float]]) -> list[tuple[int, int, bool, bool]]:
    """Per claim: how many figures it is incompatible with, how many of those are of the same voice (see
    same_voice), and whether it has a same-voice incompatible partner under its name and under its
    institutional class (the two kinds of revision).

    Each count is a sum of group counts (inclusion-exclusion over name, class, article and sentence),
    so the whole is O(n log n) however many pairs disagree. Names, classes, articles and sentences are
    numbered once, and the finer groupings are made from those numbers, so no string is hashed twice.
    """
    if len(members) <= SMALL_GROUP:
        return _voice_counts_pairwise(members, bounds)
    names = [_name(c) for c in members]
    classes = [c.source.cls for c in members]
    n_ids, k_ids = _numbered(names), _numbered(classes)
    a_ids, s_ids = _numbered([c.article for c in members]), _numbered([c.sentence for c in members])
    nk_ids = _refined(n_ids, k_ids)
    nka_ids = _refined(nk_ids, a_ids)
    ka_ids = _refined(k_ids, a_ids)
    by_lo = sorted(range(len(bounds)), key=lambda i: bounds[i][0])
    by_hi = sorted(range(len(bounds)), key=lambda i: bounds[i][1])
    g_all, g_n, g_nk, g_nka, g_nkas, g_k, g_ka, g_kas = (
        _Groups(ids, n, bounds, by_lo, by_hi)
        for ids, n in ([[0] * len(members), 1], n_ids, nk_ids, nka_ids, _refined(nka_ids, s_ids), k_ids, ka_ids,
                       _refined(ka_ids, s_ids)))
    out = []
    for i, (name, cls, (lo, hi)) in enumerate(zip(names, classes, bounds)):
        revising = cls in REVISING_CLASSES
        n = g_n.incompatible(i, lo, hi) if name else 0
        if revising or cls == "media_author":
            nk, nka = g_nk.incompatible(i, lo, hi), g_nka.incompatible(i, lo, hi)
        else:
            nk = nka = 0
        # the same name (not blank) is one voice, except an outlet's authors in different articles
        c1 = (n - nk + nka if cls == "media_author" else n) if name else 0
        if revising:
            # the same institutional class is one voice in different articles, or in the same sentence
            c2 = g_k.incompatible(i, lo, hi) - g_ka.incompatible(i, lo, hi) + g_kas.incompatible(i, lo, hi)
            same_name_c2 = nk - nka + g_nkas.incompatible(i, lo, hi)
        else:
            c2 = same_name_c2 = 0
        same_voice_n = c1 + c2 - (same_name_c2 if name else 0)
        by_name = c1 if name else same_name_c2
        out.append((g_all.incompatible(i, lo, hi), same_voice_n, by_name > 0, c2 - same_name_c2 > 0))
    return out


def _voice_counts_pairwise(members: list[Claim], bounds: list[tuple[float, float]]) -> list[tuple[int, int, bool, bool]]:
    """_voice_counts by looking at every pair: quicker for a small group (at most SMALL_GROUP claims)."""
    counts = [[0, 0, False, False] for _ in members]
    for i, a in enumerate(members):
        alo, ahi = bounds[i]
        for j in range(i + 1, len(members)):
            blo, bhi = bounds[j]
            if alo <= bhi and blo <= ahi:
                continue
            counts[i][0] += 1
            counts[j][0] += 1
            b = members[j]
            if same_voice(a, b):
                slot = 2 if _name(a) == _name(b) else 3
                for x in (counts[i], counts[j]):
                    x[1] += 1
                    x[slot] = True
    return [tuple(x) for x in counts]


def _ratio(a: Claim, b: Claim) -> Optional[float]:
    ca, cb = central(a), central(b)
    if ca is None or cb is None:
        return None
    lo, hi = sorted((abs(ca), abs(cb)))
    return hi / lo if lo else math.inf


def _order_key(ratio: float) -> float:
    return -ratio if math.isfinite(ratio) else -1e18


def _most_severe(members: list[Claim], bounds: list[tuple[float, float]], total: int, limit: Optional[int],
                 budget: int) -> tuple[list[Contradiction], bool]:
    """The contradictions with the highest ratio (all when limit is None), ties in date order.

    Pairs are visited from the highest ratio down (a heap over claims sorted by |central|), and the walk
    stops when every contradiction is found, when the limit and its ties are reached, or after ``budget``
    pairs (the result is then marked incomplete)."""
    magnitudes = [abs(central(c) or 0.0) for c in members]
    order = sorted(range(len(members)), key=magnitudes.__getitem__)
    vals = [magnitudes[i] for i in order]
    heap: list[tuple[float, int, int]] = []

    def push(p: int, q: int) -> None:
        if q > p:
            r = vals[q] / vals[p] if vals[p] else math.inf
            heappush(heap, (-r, p, q))

    for p in range(len(order) - 1):
        push(p, len(order) - 1)
    found: list[tuple[float, int, int, Contradiction]] = []
    visited = 0
    cutoff: Optional[float] = None
    while heap and len(found) < total:
        neg, p, q = heappop(heap)
        if cutoff is not None and -neg < cutoff:
            break
        visited += 1
        if visited > budget:
            found.sort(key=lambda t: t[:3])
            return [t[3] for t in found][:limit], True
        push(p, q - 1)
        i, j = sorted((order[p], order[q]))
        a, b = members[i], members[j]
        (alo, ahi), (blo, bhi) = bounds[i], bounds[j]
        if (alo <= bhi and blo <= ahi) or same_voice(a, b):
            continue
        ratio = _ratio(a, b)
        if ratio is None:
            continue
        found.append((_order_key(ratio), i, j, Contradiction(a, b, ratio)))
        if limit is not None and cutoff is None and len(found) >= limit:
            cutoff = ratio  # keep the ties of the last one, so that the date order decides among them
        if limit is not None and len(found) >= max(4 * limit, 200):
            break  # enough ties: the list is the most severe, the date order among equals is approximate
    found.sort(key=lambda t: t[:3])
    out = [t[3] for t in found]
    return (out if limit is None else out[:limit]), False


def compare(claims: Iterable[Claim], measure: str, vocab: Vocabulary, events: list[Event],
            event: Optional[str] = None, source_class: Optional[str] = None,
            limit: Optional[int] = MAX_CONTRADICTIONS, fits_limit: Optional[int] = MAX_CONSISTENT) -> list[EventComparison]:
    """Group the figures of ``measure`` by event and subject and compare them, in O(n log n) per group.

    ``limit`` caps the contradictions listed per group (the most severe first; ``contradictions_total``
    counts them all) and ``fits_limit`` caps the ``consistent`` map (bound claims, and the ids each fits);
    None lists everything."""
    labels = {e.id: e.label for e in events}
    out: list[EventComparison] = []
    for (ev, group), members in _grouped(claims, measure, vocab, event, source_class).items():
        comp = EventComparison(ev, labels.get(ev, ev or "no known event"), group, members)
        bounds = [widened(c) for c in members]
        counts = _voice_counts(members, bounds)
        incompatible_pairs = sum(n for n, _, _, _ in counts) // 2
        same_voice_pairs = sum(s for _, s, _, _ in counts) // 2
        comp.contradictions_total = incompatible_pairs - same_voice_pairs
        comp.contradictions, comp.incomplete = _most_severe(
            members, bounds, comp.contradictions_total, limit, budget=200_000 + 20 * len(members))
        comp.revisions = _revisions(members, counts)
        _consistent(comp, bounds, counts, fits_limit)
        out.append(comp)
    return _in_order(out, events)


def _grouped(claims: Iterable[Claim], measure: str, vocab: Vocabulary, event: Optional[str] = None,
             source_class: Optional[str] = None) -> dict[tuple, list[Claim]]:
    """The figures of ``measure`` (not rejected) by (event, subject group), each group in date order."""
    groups: dict[tuple, list[Claim]] = {}
    subject_groups: dict[Optional[str], str] = {}  # most claims share a handful of subjects
    for c in claims:
        if c.kind != "figure" or c.measure != measure or c.status == "rejected" or c.figure is None:
            continue
        if event and c.event != event:
            continue
        if source_class and c.source.cls != source_class:
            continue
        key_event = c.event or (f"proposed: {c.proposed_event}" if c.proposed_event else None)
        group = subject_groups.get(c.subject)
        if group is None:
            group = subject_groups[c.subject] = subject_group(c, vocab)
        groups.setdefault((key_event, group), []).append(c)
    for members in groups.values():
        members.sort(key=_date_key)
    return groups


def _in_order(comps: list[EventComparison], events: list[Event]) -> list[EventComparison]:
    starts = {e.id: e.start for e in events}
    comps.sort(key=lambda e: (e.event is None, starts.get(e.event, "9999"), e.label or "", e.group != "people", e.group))
    return comps


def cross_contradictions(new: list[Claim], known: list[Claim], measure: str, vocab: Vocabulary, events: list[Event],
                         limit: int = MAX_CONTRADICTIONS) -> list[EventComparison]:
    """The contradictions between a figure of ``new`` and one of ``known`` (none within either), per event
    and subject: all counted (``contradictions_total``), at most ``limit`` listed (new figures in date
    order, each with its partners).

    Counting is O(n log n): a new figure's contradictions with the whole group, less those with the new
    figures alone. Listing reads a group's known figures once per new figure that has a partner there,
    so it stops after ``limit`` of them: the work is bounded however many pairs disagree."""
    fresh = {id(c) for c in new}
    labels = {e.id: e.label for e in events}
    out: list[EventComparison] = []
    for (ev, group), members in _grouped(list(new) + list(known), measure, vocab).items():
        bounds = [widened(c) for c in members]
        new_at = [i for i, c in enumerate(members) if id(c) in fresh]
        if not new_at or len(new_at) == len(members):
            continue
        with_all = _voice_counts(members, bounds)
        with_new = _voice_counts([members[i] for i in new_at], [bounds[i] for i in new_at])
        crossing = [(i, (with_all[i][0] - with_all[i][1]) - (n[0] - n[1])) for i, n in zip(new_at, with_new)]
        total = sum(k for _, k in crossing)
        if not total:
            continue
        comp = EventComparison(ev, labels.get(ev, ev or "no known event"), group, members, contradictions_total=total)
        for i, k in crossing:
            if k <= 0 or len(comp.contradictions) >= limit:
                continue
            a, (alo, ahi) = members[i], bounds[i]
            for j, b in enumerate(members):
                (blo, bhi) = bounds[j]
                if id(b) in fresh or (alo <= bhi and blo <= ahi) or same_voice(a, b):
                    continue
                first, second = (a, b) if i < j else (b, a)
                ratio = _ratio(first, second)
                if ratio is None:  # as in compare: counted, not listed
                    continue
                comp.contradictions.append(Contradiction(first, second, ratio))
                if len(comp.contradictions) >= limit:
                    break
        out.append(comp)
    return _in_order(out, events)


def _revisions(members: list[Claim], counts) -> list[Revision]:
    """One revision per name (or per institutional class) whose figures disagree with each other."""
    buckets: dict[str, list[Claim]] = {}
    shown: dict[str, str] = {}  # a name as its first revising claim spells it
    for c, (_, _, by_name, by_class) in zip(members, counts):
        if by_name:
            buckets.setdefault(shown.setdefault(_name(c), c.source.name), []).append(c)
        if by_class:
            buckets.setdefault(c.source.cls, []).append(c)
    return [Revision(k, v) for k, v in buckets.items()]


def _consistent(comp: EventComparison, bounds, counts, fits_limit: Optional[int]) -> None:
    """Open and vague figures, with the figures they fit: at most fits_limit of each (first in date order)."""
    items = [(c, lo, hi) for c, (lo, hi) in zip(comp.claims, bounds)]
    n = len(items)
    for (c, lo, hi), (incompatible, _, _, _) in zip(items, counts):
        if c.figure.qualifier not in BOUND_QUALIFIERS:
            continue
        fitting = n - 1 - incompatible
        if fitting <= 0:
            continue
        comp.consistent_total += 1
        if fits_limit is not None and len(comp.consistent) >= fits_limit:
            continue
        fits = []
        for o, olo, ohi in items:
            if o is not c and lo <= ohi and olo <= hi:
                fits.append(o.id)
                if fits_limit is not None and len(fits) >= fits_limit:
                    break
        comp.consistent[c.id] = fits
        if len(fits) < fitting:
            comp.fits_total[c.id] = fitting


def to_json(comps: list[EventComparison], measure: str) -> dict:
    events = []
    for comp in comps:
        events.append({
            "event": comp.event, "label": comp.label, "subject": comp.group,
            "claims": [c.to_json() for c in comp.claims],
            "contradictions": [{"claims": [x.a.id, x.b.id], "ratio": round(x.ratio, 3) if math.isfinite(x.ratio) else None,
                                "text": x.describe()} for x in comp.contradictions],
            "revisions": [{"source": r.source, "claims": [c.id for c in r.claims], "text": r.describe()} for r in comp.revisions],
            "consistent": [{"claim": k, "with": v} | ({"with_total": comp.fits_total[k]} if k in comp.fits_total else {})
                           for k, v in comp.consistent.items()],
        })
        if comp.truncated:  # only on large groups, so that small outputs keep their exact shape
            events[-1]["totals"] = {"contradictions": comp.contradictions_total, "consistent": comp.consistent_total,
                                    "complete": not comp.incomplete}
    return {"measure": measure, "events": events}
