"""Events and comparison on short articles of our own."""
from pathlib import Path

from kzcheck.compare import compare
from kzcheck.extract import extract_text
from kzcheck.pipeline import vocabulary_for
from kzcheck.registry import load_registry

REG = load_registry(str(Path(__file__).resolve().parent.parent / "claims.yaml"))
VOCAB = vocabulary_for(REG.vocabulary, REG.sources)


def figures(text, published=None, article="t"):
    meta = {"published": published} if published else {}
    return [c for c in extract_text(text, article, meta, VOCAB, REG.events) if c.kind == "figure"]


def by_low(claims):
    return {c.figure.low: c for c in claims}


def test_two_events_in_one_article():
    text = ("Ten years apart, two crackdowns.\n\n"
            "In December 2011 police in Zhanaozen shot at striking oil workers; officials said 16 people died.\n\n"
            "In January 2022 the unrest over fuel prices spread to Almaty, and the authorities said 238 people were killed.\n")
    got = by_low(figures(text, "2022-03-01"))
    assert got[16].event == "zhanaozen-2011"
    assert got[238].event == "kazakhstan-2022-unrest"


def test_a_relative_date_is_read_from_the_publication_date():
    text = "Last January, as the protests spread, security forces detained about 9,000 people, the ministry said.\n"
    [c] = figures(text, "2023-01-20")
    assert c.event == "kazakhstan-2022-unrest"


def test_anniversary_counts_back_from_publication():
    text = "On the tenth anniversary of the shooting, relatives said 70 people were killed in the town.\n"
    [c] = figures(text, "2021-12-16")
    assert c.event == "zhanaozen-2011"


def test_a_revision_by_one_source_is_not_a_contradiction():
    text = ("The prosecutor-general's office raised the toll of the January 2022 unrest from 225 to 238 on Friday.\n")
    claims = figures(text, "2022-01-15")
    assert sorted(c.figure.low for c in claims if c.measure == "deaths") == [225, 238]
    [comp] = compare(claims, "deaths", VOCAB, REG.events)
    assert not comp.contradictions
    assert [c.figure.low for c in comp.revisions[0].claims] == [225, 238]


def test_a_subgroup_beside_its_total():
    text = "In the January 2022 unrest 238 people were killed, including 19 security officers, officials said.\n"
    claims = figures(text, "2022-02-01")
    comps = compare(claims, "deaths", VOCAB, REG.events)
    groups = {comp.group: [c.figure.low for c in comp.claims] for comp in comps}
    assert groups == {"people": [238], "security forces": [19]}
    assert not any(comp.contradictions for comp in comps)


def test_a_figure_with_no_known_event_gets_a_proposal():
    text = "In March 2019 police in Shymkent detained 40 people at an unsanctioned rally, activists said.\n"
    [c] = figures(text, "2019-03-20")
    assert c.event is None
    assert c.proposed_event and "2019-03" in c.proposed_event
