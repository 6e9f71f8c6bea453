"""Events and comparison on short articles of our own."""
from pathlib import Path

import pytest

from kzcheck.compare import compare
from kzcheck.events import header_date
from kzcheck.extract import extract_text
from kzcheck.pipeline import vocabulary_for
from kzcheck.registry import load_registry
from kzcheck.segment import paragraphs

REG = load_registry(str(Path(__file__).resolve().parent.parent / "claims.yaml"))
VOCAB = vocabulary_for(REG.vocabulary, REG.sources)


def figures(text, published=None, article="t"):
    meta = {"published": published} if published else {}
    return [c for c in extract_text(text, article, meta, VOCAB, REG.known_events) if c.kind == "figure"]


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


def test_no_event_that_began_after_the_article_was_published():
    # "state of emergency" and "Almaty" are cues of the 2022 unrest, but a piece dated 2011 cannot be about it
    body = ("Opposition leaders in Almaty said at least 60 people were killed in the oil town, "
            "and the president declared a state of emergency there.\n")
    for header in ("Oil town in mourning\n\nWednesday 21 December 2011\n\n", "Oil town in mourning\n\nAKTAU, 21 December 2011 - "):
        [c] = figures(header + body)
        assert c.event != "kazakhstan-2022-unrest", header
    [c] = figures("Oil town in mourning\n\n" + body, "2011-12-21")
    assert c.event != "kazakhstan-2022-unrest"
    # a date deep in the text is no publication date; a later one takes nothing away
    [c] = figures("Oil town in mourning\n\nWednesday 7 January 2022\n\n" + body)
    assert c.event == "kazakhstan-2022-unrest"


@pytest.mark.parametrize("text, date", [
    ("Title\n\n15.01.2022, 16:20\n\nBody text that is long enough to be a paragraph of its own, and more.", (2022, 1, 15)),
    ("Title\n\nFirst published 3 May 2016 | Updated June 9, 2016\n\nBody.", (2016, 6, 9)),
    ("Title\n\nSHYMKENT, 4 March 2019 \u2014 Police said on Monday that they had detained a man.", (2019, 3, 4)),
    # a date inside a long paragraph is something the article tells, not when it was written
    ("Title\n\nThe strike at the oil field had been going on for months when police fired on 16 December 2011 "
     "at the crowd in the square, and many more paragraphs follow this one.", None),
])
def test_header_date(text, date):
    assert header_date(text, paragraphs(text, 0)) == date


def test_a_revision_by_one_source_is_not_a_contradiction():
    text = ("The prosecutor-general's office raised the toll of the January 2022 unrest from 225 to 238 on Friday.\n")
    claims = figures(text, "2022-01-15")
    assert sorted(c.figure.low for c in claims if c.measure == "deaths") == [225, 238]
    [comp] = compare(claims, "deaths", VOCAB, REG.known_events)
    assert not comp.contradictions
    assert [c.figure.low for c in comp.revisions[0].claims] == [225, 238]


def test_a_subgroup_beside_its_total():
    text = "In the January 2022 unrest 238 people were killed, including 19 security officers, officials said.\n"
    claims = figures(text, "2022-02-01")
    comps = compare(claims, "deaths", VOCAB, REG.known_events)
    groups = {comp.group: [c.figure.low for c in comp.claims] for comp in comps}
    assert groups == {"people": [238], "security forces": [19]}
    assert not any(comp.contradictions for comp in comps)


def test_a_figure_with_no_known_event_gets_a_proposal():
    text = "In March 2019 police in Shymkent detained 40 people at an unsanctioned rally, activists said.\n"
    [c] = figures(text, "2019-03-20")
    assert c.event is None
    assert c.proposed_event and "2019-03" in c.proposed_event


# --- The fast passes of events.py give exactly what the plain ones give -------------------------

import re  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kzcheck import events as ev  # noqa: E402
from kzcheck.normalize import fold_case  # noqa: E402
from kzcheck.segment import split_sentences  # noqa: E402

ALL_CHARS = "".join(map(chr, range(0x110000)))
DATE_PIECES = [
    "January", "Jan.", "jan", "MAY", "May", "may", "Sept", "sep.", "December", "December 1986", "Dec", "12th", "1st",
    "of", "since", "last", "next", "this", "in", "2011", "1986", "2022,", "1899", "20111", "seventeen", "seventeenth",
    "years", "year", "on", "ago", "later", "anniversary", "tenth", "Zhanaozen", "zhanaozen massacre", "Bloody January",
    "january events", "oil workers", "striking", "Almaty", "Alma-Ata", "Nur-Sultan", "from", "near", "at", "outside",
    "Aktobe", "land reform", "\u017fept", "Aprıl", "\u0130n", "\u212aolbin", "5", "12", ",", ".", ". ", "\n", "\n\n",
    "-", "_", "'", '"', "(", ")", " ", " ", " ", "\u0661\u0662", "\u00e9", "x",
]
date_text = st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.text(max_size=4)), max_size=60).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))
PROPERTY = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])


def test_fold_case_matches_as_ignorecase_does_over_all_of_unicode():
    low = fold_case(ALL_CHARS)
    assert len(low) == len(ALL_CHARS)
    ascii_letters = [m.start() for m in re.finditer("[a-z]", ALL_CHARS, re.I)]
    assert [m.start() for m in re.finditer("[a-z]", low)] == ascii_letters
    for cls in (r"\w", r"\d", r"\s", r"\n", r"[0-9_ ]"):  # what the patterns check besides letters
        assert [m.start() for m in re.finditer(cls, low)] == [m.start() for m in re.finditer(cls, ALL_CHARS)], cls


def test_a_date_reaches_no_further_back_than_allowed():
    for lead in ("since 12th of ", "this 31st of ", "seventeen ", "seventeenth ", "12th "):
        for word in ("September 2011", "years on", "anniversary"):
            for m in ev._DATE.finditer(lead + word):
                anchor = fold_case(m.group()).find(fold_case(word.split()[0]))
                assert 0 <= anchor <= ev._DATE_REACH


@PROPERTY
@given(date_text, st.integers(min_value=0, max_value=5))
def test_date_matches_are_those_of_the_plain_regex(text, start):
    want = [(m.span(), m.groups()) for m in ev._DATE.finditer(text, start)]
    assert [(m.span(), m.groups()) for m in ev._date_matches(text, start)] == want


def _months_of(e):
    """Every month of the year an event takes in, walking its span month by month."""
    y, m = int(e.start[:4]), int(e.start[5:7])
    months = set()
    while (y, m) <= (int(e.end[:4]), int(e.end[5:7])) and len(months) < 12:
        months.add(m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def test_a_month_without_a_year_counts_for_the_events_that_take_in_that_month():
    [claim] = figures("On 6 January the minister said 18 police officers had been killed.")
    assert claim.event == "kazakhstan-2022-unrest"
    [claim] = figures("In March, police said 500 protesters had been detained.")
    assert claim.event is None  # no known event takes in a March


def test_a_bare_year_in_between_does_not_move_the_month_the_story_tells():
    text = ("On 5 January the road to the airport was blocked by a burning bus.\n\n"
            "Marat, a taxi driver, voted for the president in 2019 and would do so again.\n\n"
            "On 6 January the minister said 18 police officers had been killed.")
    [claim] = figures(text)
    assert claim.event == "kazakhstan-2022-unrest"


@pytest.mark.parametrize("cited", ["(Lillis 2019, ch. 6)", "(Amnesty International, 2019)", "(see HRW 2019; Lillis 2019)"])
def test_the_year_of_a_cited_work_is_no_date(cited):
    [claim] = figures(f"On 16 December police shot dead 14 striking oil workers {cited}.")
    assert claim.event == "zhanaozen-2011"


def _reference_index(text, sentences, events, published, body_start):
    """index_events as first written: every pass a plain finditer, every date checked against every event."""
    idx = ev.EventIndex(events)
    n = len(sentences)
    idx.own = [dict() for _ in range(n)]
    idx.places = [None] * n
    idx.months = [None] * n
    if not n:
        return idx
    starts = [s.start for s in sentences]

    def sent_of(pos):
        return max(0, ev.bisect.bisect_right(starts, pos) - 1)

    for d in ev.find_dates(text, body_start, published, low=""):
        k = sent_of(d.pos)
        if d.year is not None:
            idx.months[k] = (d.year, d.month)
        for e in events:
            if ev._date_fits(d, e):
                idx.own[k][e.id] = idx.own[k].get(e.id, 0.0) + (4.0 if d.explicit_year else 3.0)
            elif d.year is None and d.month is not None and d.month in _months_of(e):
                n_fit = sum(1 for x in events if d.month in _months_of(x))
                idx.own[k][e.id] = idx.own[k].get(e.id, 0.0) + 1.5 / n_fit
        if d.explicit_year and not any(ev._date_fits(d, e) for e in events):
            idx.own[k][ev.OTHER] = idx.own[k].get(ev.OTHER, 0.0) + 1.2
    regex, table = ev._cue_regex(events), ev._event_lookup(events)[1]
    if regex is not None:
        for m in regex.finditer(text, body_start):
            if ev._STREET_AFTER.match(text, m.end()):
                continue
            for ev_id, weight in table.get(m.group().lower(), ()):
                idx.own[sent_of(m.start())][ev_id] = idx.own[sent_of(m.start())].get(ev_id, 0.0) + weight
    place = re.compile(r"(?<![\w])(?:in|at|near|outside|from) ((?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?: [A-Z][a-z]+)?)")
    for m in place.finditer(text, body_start):
        k = sent_of(m.start())
        if idx.places[k] is None and m.group(1).lower() not in ev.MONTHS:
            idx.places[k] = m.group(1)
    running = {}
    prev_para = sentences[0].paragraph
    for k, s in enumerate(sentences):
        if s.paragraph != prev_para:
            running = {e: v * 0.7 for e, v in running.items() if v * 0.7 > 0.05}
            prev_para = s.paragraph
        idx.before.append(dict(running))
        own = {e: v for e, v in idx.own[k].items() if e != ev.OTHER}
        for e, v in own.items():
            running[e] = running.get(e, 0.0) * 0.5 + v
        running = {e: (v * 0.8 if e not in own else v) for e, v in running.items()}
        for e, v in own.items():
            idx.article[e] = idx.article.get(e, 0.0) + v
    return idx


def _outcome(f, *args):
    """Everything an EventIndex holds, in order (the order of a dict decides ties in event_for), or
    the error raised (a month spelt with a long s, "\u017fept", is a KeyError in both)."""
    try:
        idx = f(*args)
    except Exception as e:  # noqa: BLE001
        return type(e)
    return ([list(d.items()) for d in idx.own], [list(d.items()) for d in idx.before], list(idx.article.items()),
            idx.places, idx.months)


@PROPERTY
@given(date_text, st.sampled_from([None, "2022-03-01", "2012", "2021-12"]), st.integers(min_value=0, max_value=3))
def test_index_events_is_that_of_the_plain_passes(text, published, body_start):
    sentences = split_sentences(text, body_start)
    args = (text, sentences, REG.known_events, published, body_start)
    assert _outcome(ev.index_events, *args) == _outcome(_reference_index, *args)


def test_index_events_on_the_seed_articles_is_that_of_the_plain_passes():
    from kzcheck.corpus import article_from_text
    from kzcheck.normalize import normalise

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        art = article_from_text(path.read_text(encoding="utf-8"), path.stem, metadata={})
        text = normalise(art.text).text
        sentences = split_sentences(text, art.body_offset)
        for published in (art.published, "2023-01-20"):
            args = (text, sentences, REG.known_events, published, art.body_offset)
            assert _outcome(ev.index_events, *args) == _outcome(_reference_index, *args), path.name


def test_a_month_in_odd_letters_is_read_not_a_crash():
    """The date pattern ignores case, so it also matches letters such as the long s ("ſept");
    the month must still be found in the table."""
    from kzcheck.events import find_dates

    dates = find_dates("On 16 \u017fept 2011 the strike ended.", 0, None)
    assert [(d.year, d.month) for d in dates] == [(2011, 9)]
    claims = extract_text("On 16 \u017fept 2011, police said 14 people were killed in Zhanaozen.", "x")
    assert any(c.measure == "deaths" for c in claims)


def test_figures_placed_in_another_country_are_no_claims_of_these_events():
    text = ("Two crackdowns compared.\n\n"
            "In January 2022 the authorities said 238 people were killed in Almaty and elsewhere.\n\n"
            "By comparison, the 2005 Andijan shootings in neighbouring Uzbekistan left 187 people dead.\n\n"
            "Troops from Russia arrived in Almaty as 19 security officers were reported dead in Kazakhstan.\n")
    got = by_low(figures(text, "2022-03-01"))
    assert 187 not in got
    assert got[238].event == got[19].event == "kazakhstan-2022-unrest"


Z, J = "zhanaozen-2011", "kazakhstan-2022-unrest"


@pytest.mark.parametrize("text, expected", [
    # a crosshead naming one event holds for its section, until the next crosshead names another
    ("Two crises compared\n\nThis paper compares how tolls were counted in Kazakhstan in two crises.\n\n"
     "Zhanaozen, December 2011\n\nThe strike dragged on for months. Prosecutors put the dead at 16.\n\n"
     "Activists, by contrast, spoke of 70 dead.\n\nThe trial came later. In all, 37 defendants were convicted.\n\n"
     "January 2022\n\nIn January 2022 the authorities said 238 people were killed.\n\nSome 10,000 people were detained.\n",
     {16: Z, 70: Z, 37: Z, 238: J, 10000: J}),
    # a title is no crosshead, and a sentence naming another event ends a section
    ("Zhanaozen, December 2011\n\nPolice fired on strikers in Zhanaozen; 16 people died.\n\n"
     "Notes on method\n\nIn January 2022 the unrest spread to Almaty and 238 people were killed.\n\n"
     "Another 10,000 people were detained that week.\n",
     {16: Z, 238: J, 10000: J}),
])
def test_a_crosshead_naming_one_event_holds_for_its_section(text, expected):
    got = by_low(figures(text, "2023-03-01"))
    assert {low: got[low].event for low in expected} == expected


def test_the_shipped_events_keep_the_fast_scan():
    """Every shipped cue and place is ASCII and starts and ends with a word character: else every article
    would be scanned with the slow case-insensitive alternation (ev._fast_scan returns None)."""
    from kzcheck.vocab import shipped_events

    assert ev._fast_scan(list(shipped_events())) is not None


def test_a_dateline_without_a_year_takes_no_year_from_a_recalled_event():
    text = ("Kazakhstan mourns Aktobe dead\n\n* Government faces its sternest test since Zhanaozen in 2011\n\n"
            "ALMATY, June 8 (Steppe Wire) - Gunmen raided two gun shops and a National Guard base in Aktobe "
            "on Sunday.\n\n"
            "Thirteen of them had been killed, and nine others detained, the ministry said.\n")
    assert {c.event for c in figures(text)} == {"aktobe-2016"}


def test_a_street_named_after_an_event_is_no_cue():
    text = ("Protests over fuel prices reached Almaty.\n\nA resident wrote: Neighbours and I "
            "counted at least 5 bodies on Zheltoksan street after troops opened fire.\n")
    [claim] = figures(text)
    assert claim.event == "kazakhstan-2022-unrest"


def test_a_bare_year_just_before_a_month_gives_it_its_year():
    from kzcheck.events import find_dates

    text = ("On 5 January 2022 protests over fuel prices reached Almaty.\n\n"
            "In 2023, on 5 January, police detained 40 people at a memorial rally.\n")
    months = [(d.year, d.month) for d in find_dates(text, 0, None) if d.month]
    assert months == [(2022, 1), (2023, 1)]
    text = "On 5 January the road was blocked.\n\nHe voted in 2019.\n\nOn 6 January police detained 40 people.\n"
    assert [d.year for d in find_dates(text, 0, None) if d.month] == [None, None]  # the story's month, no year


def test_a_timeline_entry_takes_the_year_of_the_entry_before():
    text = ("The January 2022 crisis, day by day\n\n"
            "2 January - Drivers in Zhanaozen block the main road. The town saw worse in December 2011, when "
            "police shot dead 16 striking oil workers.\n\n"
            "3 January - The protests reach Aktau, where 5,000 people gathered on the square.\n\n"
            "Aug. 15: Prosecutors raise the death toll to 238.\n")
    by = {c.figure.low: c.event for c in figures(text, published="2022-09-01")}
    assert by[16] == "zhanaozen-2011"
    assert by[5000] == "kazakhstan-2022-unrest"
    assert by[238] == "kazakhstan-2022-unrest"


def test_a_date_inside_a_sentence_is_no_timeline_entry():
    text = ("Protests over fuel prices reached Almaty in January 2022.\n\n"
            "Zhanaozen remembers December 2011, when police shot dead 16 oil workers. On 17 December - a day "
            "after the shooting - a man was killed in Shetpe.\n")
    assert {c.event for c in figures(text, published="2022-03-01")} == {"zhanaozen-2011"}


def test_a_month_takes_no_year_from_another_paragraphs_recollection():
    text = ("Land protests, 2016\n\nIn the spring of 2016 the government said farmland would go to auction. "
            "Protesters gathered in Atyrau in 2016, and again in Aktobe later in 2016.\n\n"
            "Her son works near Zhanaozen, the town where police opened fire on striking workers in December 2011.\n\n"
            "On 21 May police detained more than 1,000 people at land rallies across the country.\n")
    by = {c.figure.low: c.event for c in figures(text)}
    assert by[1001] == "land-protests-2016"
