"""compare at scale: the O(n log n) comparison against a brute-force pairwise reference, and a large group."""
import math
import random

import pytest

from kzcheck import compare as cmp
from kzcheck.compare import compare, compatible, same_voice
from kzcheck.model import Claim, Event, Figure, Source
from kzcheck.vocab import default_vocabulary

EVENTS = [Event("e1", "Event one", "2011-12-01", "2011-12-31")]
NAMES = ["", "officials", "Residents", "the ministry", "Tokayev", "The Guardian"]
CLASSES = ["official", "ngo", "media_author", "residents_witnesses", "other", "company"]
QUALIFIERS = ["exact", "approx", "more_than", "at_least", "at_most", "less_than", "range", "vague"]


def random_claim(rng: random.Random, i: int) -> Claim:
    q = rng.choice(QUALIFIERS)
    v = rng.choice([0, 1, 5, 10, 12, 14, 20, 70, 80, 200, 238, 1000])
    low, high = v, v
    if q in ("more_than", "at_least"):
        high = None
    elif q in ("at_most", "less_than"):
        low = None
    elif q in ("range", "vague"):
        high = v + rng.choice([1, 5, 50])
    if rng.random() < 0.03:
        low = high = None
    art = rng.choice(["a1", "a2", "a3"])
    return Claim(id=f"c{i}", kind="figure", article=art, span=(i, i + 2), sentence=rng.choice(["s1", "s2", "s3"]),
                 text=str(v), source=Source(rng.choice(NAMES), rng.choice(CLASSES)), measure="deaths",
                 subject="people", figure=Figure(low, high, q, str(v)), event="e1",
                 published=rng.choice(["2012", "2013-01", "2013-01"]))


def reference(members: list[Claim]):
    """The pairwise comparison as it was before: every pair once, in date order."""
    members = sorted(members, key=cmp._date_key)
    contradictions, revised, consistent = [], {}, {}
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            if compatible(a, b):
                continue
            if same_voice(a, b):
                key = a.source.name if cmp._name(a) == cmp._name(b) else a.source.cls
                bucket = revised.setdefault(key, [])
                for c in (a, b):
                    if c not in bucket:
                        bucket.append(c)
                continue
            ratio = cmp._ratio(a, b)
            if ratio is not None:
                contradictions.append((a.id, b.id, ratio))
    contradictions.sort(key=lambda x: cmp._order_key(x[2]))
    for c in members:
        if c.figure.qualifier in cmp.BOUND_QUALIFIERS:
            fits = [o.id for o in members if o is not c and compatible(c, o)]
            if fits:
                consistent[c.id] = fits
    revisions = {k: sorted((c.id for c in v), key=lambda i: int(i[1:])) for k, v in revised.items()}
    return contradictions, revisions, consistent


@pytest.mark.parametrize("small", [0, 24])  # counted by groups, and (small groups) pair by pair
@pytest.mark.parametrize("seed", range(60))
def test_fast_comparison_matches_the_pairwise_reference(seed, small, monkeypatch):
    rng = random.Random(seed)
    claims = [random_claim(rng, i) for i in range(rng.randint(2, 40))]
    # a name keeps one spelling throughout, as the revision's label is the first claim's spelling
    want_x, want_rev, want_fits = reference(claims)
    monkeypatch.setattr(cmp, "SMALL_GROUP", small)
    [comp] = compare(claims, "deaths", default_vocabulary(), EVENTS, limit=None, fits_limit=None)
    got = [(x.a.id, x.b.id, x.ratio) for x in comp.contradictions]
    assert got == want_x
    assert comp.contradictions_total == len(want_x)
    assert {r.source: sorted((c.id for c in r.claims), key=lambda i: int(i[1:])) for r in comp.revisions} == want_rev
    assert comp.consistent == want_fits
    assert not comp.truncated
    # capped: the most severe first, the same as the head of the full list
    [capped] = compare(claims, "deaths", default_vocabulary(), EVENTS, limit=3, fits_limit=2)
    assert [(x.a.id, x.b.id, x.ratio) for x in capped.contradictions] == want_x[:3]
    assert capped.contradictions_total == len(want_x)
    assert len(capped.consistent) <= 2 and all(len(v) <= 2 for v in capped.consistent.values())
    assert capped.consistent_total == len(want_fits)
    for k, v in capped.consistent.items():
        assert v == want_fits[k][:2]
        assert capped.fits_total.get(k, len(v)) == len(want_fits[k])


def test_a_large_group_is_compared_in_bounded_work(monkeypatch):
    rng = random.Random(7)
    claims = [random_claim(rng, i) for i in range(20_000)]
    calls = {"n": 0}
    real = cmp.same_voice

    def counting(a, b):
        calls["n"] += 1
        return real(a, b)

    monkeypatch.setattr(cmp, "same_voice", counting)
    [comp] = compare(claims, "deaths", default_vocabulary(), EVENTS)
    assert calls["n"] <= 200_000 + 20 * len(claims)  # pairwise would be 200 million
    assert comp.contradictions_total > 1_000_000
    assert len(comp.contradictions) == cmp.MAX_CONTRADICTIONS
    ratios = [x.ratio for x in comp.contradictions]
    assert ratios == sorted(ratios, key=lambda r: -r if math.isfinite(r) else -1e18)
    assert len(comp.consistent) <= cmp.MAX_CONSISTENT
    out = cmp.to_json([comp], "deaths")["events"][0]
    assert out["totals"]["contradictions"] == comp.contradictions_total


def test_sources_shows_distinct_readings_beside_a_match_and_counts_the_rest():
    """A corpus may repeat one figure thousands of times: beside a match, each reading (source and
    interval) is shown once, at most MAX_RELATED of them, and the total is counted."""
    from kzcheck import lookup

    def fig(i, value, source):
        return Claim(id=f"c{i}", kind="figure", article=f"a{i}", span=(0, 2), sentence=f"{value} people died.",
                     text=f"{value} people", source=Source(source, "official"), measure="deaths", subject="people",
                     figure=Figure(value, value, "exact", str(value)), event="e1")

    claims = [fig(0, 14, "Interior ministry")]
    claims += [fig(i, 70, "Residents") for i in range(1, 500)]  # one reading, 499 times
    claims += [fig(500 + i, 100 + i, f"Witness {i}") for i in range(40)]  # 40 readings
    [match] = [m for m in lookup.find("14 deaths", claims, default_vocabulary(), limit=5) if m.claim.id == "c0"]
    assert match.related_total == 539
    assert len(match.related) == lookup.MAX_RELATED
    readings = {(o.source.name, o.figure.low) for o in match.related}
    assert len(readings) == len(match.related) and ("Residents", 70) in readings


@pytest.mark.parametrize("small", [0, 24])
@pytest.mark.parametrize("seed", range(40))
def test_cross_contradictions_count_every_pair_and_list_only_crossing_ones(seed, small, monkeypatch):
    """check counts the contradictions between new and reviewed figures in O(n log n): the count must be
    that of the pairs, and what it lists must be such pairs, the new figure's partners first."""
    rng = random.Random(1000 + seed)
    claims = [random_claim(rng, i) for i in range(rng.randint(2, 40))]
    new = [c for c in claims if rng.random() < 0.3]
    known = [c for c in claims if c not in new]
    monkeypatch.setattr(cmp, "SMALL_GROUP", small)
    crossing = {(a.id, b.id) for a in new for b in known if not compatible(a, b) and not same_voice(a, b)}
    comps = cmp.cross_contradictions(new, known, "deaths", default_vocabulary(), EVENTS, limit=5)
    assert sum(c.contradictions_total for c in comps) == len(crossing)
    listed = [(x.a.id, x.b.id) for comp in comps for x in comp.contradictions]
    assert len(listed) == min(5, len(crossing)) and len(set(listed)) == len(listed)
    new_ids = {c.id for c in new}
    for a, b in listed:
        pair = (a, b) if a in new_ids else (b, a)
        assert pair in crossing
