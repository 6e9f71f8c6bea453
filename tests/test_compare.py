"""Comparison of intervals: contradictions, consistent bounds, revisions, subgroups."""
from kzcheck.compare import compare, compatible, to_json
from kzcheck.model import Claim, Event, Figure, Source
from kzcheck.vocab import default_vocabulary

EVENTS = [Event("e1", "Event one", "2011-12-01", "2011-12-31"), Event("e2", "Event two", "2022-01-01", "2022-01-31")]


def claim(cid, low, high, qualifier="exact", source="officials", cls="official", event="e1", subject="people",
          article="a1", published="2013-01", measure="deaths", pos=0):
    return Claim(id=cid, kind="figure", article=article, span=(pos, pos + 2), sentence=f"s {cid}", text=str(low),
                 source=Source(source, cls), measure=measure, subject=subject,
                 figure=Figure(low, high, qualifier, str(low)), event=event, published=published)


def run(claims, **kw):
    return compare(claims, "deaths", default_vocabulary(), EVENTS, **kw)


def test_exact_against_approx_far_away_contradicts_with_ratio():
    comps = run([claim("a", 14, 14), claim("b", 70, 70, "approx", "Residents", "residents_witnesses")])
    [comp] = comps
    [x] = comp.contradictions
    assert round(x.ratio, 1) == 5.0
    assert x.describe() == "officials: 14 vs Residents: about 70 (5.0x)"


def test_a_bound_that_fits_both_sides_is_consistent_with_each():
    a = claim("a", 14, 14)
    b = claim("b", 70, 70, "approx", "Residents", "residents_witnesses")
    c = claim("c", 13, None, "more_than", "The Independent", "media_author", article="a2")
    [comp] = run([a, b, c])
    assert len(comp.contradictions) == 1
    assert sorted(comp.consistent["c"]) == ["a", "b"]


def test_approx_tolerance_makes_near_figures_compatible():
    assert compatible(claim("a", 200, 200, "approx"), claim("b", 225, 225))
    assert not compatible(claim("a", 200, 200, "approx"), claim("b", 260, 260))


def test_events_are_never_compared_with_each_other():
    comps = run([claim("a", 14, 14), claim("b", 238, 238, event="e2", source="Guardian", cls="media_author")])
    assert len(comps) == 2
    assert all(not c.contradictions for c in comps)


def test_same_source_at_different_dates_is_a_revision_in_date_order():
    claims = [claim("c", 14, 14, published="2012-01", article="x3"),
              claim("a", 10, 10, published="2011-12-17", article="x1"),
              claim("b", 11, 11, published="2011-12-20", article="x2")]
    [comp] = run(claims)
    assert not comp.contradictions
    [rev] = comp.revisions
    assert [c.id for c in rev.claims] == ["a", "b", "c"]
    assert rev.describe() == "officials: 10, then 11, then 14"


def test_subgroup_is_compared_only_with_its_subgroup():
    total = claim("t", 238, 238)
    sub = claim("s", 19, 19, subject="security officers")
    comps = run([total, sub])
    assert len(comps) == 2
    assert not any(c.contradictions for c in comps)
    assert {c.group for c in comps} == {"people", "security forces"}


def test_rejected_claims_and_other_filters():
    a = claim("a", 14, 14)
    b = claim("b", 70, 70, source="Residents", cls="residents_witnesses")
    b.status = "rejected"
    assert not run([a, b])[0].contradictions
    assert run([a, claim("c", 70, 70, source="R", cls="residents_witnesses")], source_class="official")[0].claims == [a]


def test_json_shape():
    out = to_json(run([claim("a", 14, 14), claim("b", 70, 70, "approx", "Residents", "residents_witnesses")]), "deaths")
    assert out["measure"] == "deaths"
    ev = out["events"][0]
    assert ev["event"] == "e1" and ev["label"] == "Event one"
    assert ev["contradictions"][0]["claims"] == ["a", "b"]
    assert ev["contradictions"][0]["ratio"] == 5.0


def test_check_sees_an_unacknowledged_contradiction_behind_many_acknowledged_ones():
    """compare lists the most severe contradictions only; check must see every one that nobody noted."""
    from types import SimpleNamespace

    from kzcheck.check import _contradictions

    # 60 noted official figures of 1..60 against noted residents' 10,000: 60 severe, acknowledged pairs
    claims = [claim(f"o{i}", i, i, article=f"a{i}") for i in range(1, 61)]
    claims += [claim("r1", 10_000, 10_000, source="Residents", cls="residents_witnesses", article="b1")]
    for c in claims:
        c.note = "acknowledged: officials and residents disagree"
    # two more figures, nobody's note: their mild contradiction (200 against 2,000) ranks below 100 others
    claims.append(claim("x1", 200, 200, source="Local journalists", cls="media_author", article="c1"))
    claims.append(claim("y1", 2000, 2000, source="Steppe Rights", cls="ngo", article="d1"))
    assert len(run(claims)[0].contradictions) == 50  # compare lists the most severe only
    reg = SimpleNamespace(claims=claims, known_events=EVENTS, claim_line=lambda cid: 1)
    project = SimpleNamespace(seeds_dir="seeds", root=".")
    found = _contradictions(project, reg, default_vocabulary(), [], "claims.yaml")
    assert len(found) == 1 and "200" in found[0].message and "2,000" in found[0].message, [f.message for f in found]


def _check_findings(claims, new=()):
    from types import SimpleNamespace

    from kzcheck.check import _contradictions

    reg = SimpleNamespace(claims=claims, known_events=EVENTS, claim_line=lambda cid: 1)
    project = SimpleNamespace(seeds_dir="seeds", root=".")
    return _contradictions(project, reg, default_vocabulary(), list(new), "claims.yaml")


def test_check_lists_the_most_severe_contradictions_and_counts_the_rest():
    """200 officials' figures against 200 residents' figures: 40,000 unacknowledged pairs. check must say
    so (exit 1), in a bounded number of findings, with the exact count."""
    claims = [claim(f"o{i}", i, i, article=f"a{i}") for i in range(1, 201)]
    claims += [claim(f"r{i}", 10_000, 10_000, source=f"Resident {i}", cls="residents_witnesses", article=f"b{i}")
               for i in range(1, 201)]
    found = _check_findings(claims)
    assert len(found) == 51
    assert all(f.code == "KZ108" and f.severity == "error" for f in found)
    assert "39,950 more unacknowledged contradiction(s) of deaths, 40,000 in all" in found[-1].message
    assert "kzcheck compare deaths --event e1" in found[-1].message


def test_check_sees_a_new_figure_against_reviewed_ones():
    reviewed = [claim(f"o{i}", 14, 14, article=f"a{i}") for i in range(1, 61)]
    for c in reviewed:
        c.note = "checked"
    new = claim("n1", 70, 70, "approx", "Residents", "residents_witnesses", article="new")
    found = _check_findings(reviewed, [new])
    assert len(found) == 51 and all("new figure contradicts a known one" in f.message for f in found[:50])
    assert "10 more contradiction(s) between new and reviewed figures of deaths, 60 in all" in found[-1].message
    assert _check_findings(reviewed) == []
