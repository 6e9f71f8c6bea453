"""What a figure counts (measure and subject), negations and hypotheticals: issue 3 items 2-4.

Most cases live in tests/golden/claims.json (sentence -> the claims it must give); the tests
here check the rules one by one and the vocabulary as data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from workcount import assert_linear

from kzcheck.extract import extract_text
from kzcheck.measures import find_negations
from kzcheck.model import SCORED_MEASURES
from kzcheck.normalize import normalise
from kzcheck.numbers import tokenize
from kzcheck.vocab import build_vocabulary, default_vocabulary

GOLDEN = Path(__file__).parent / "golden" / "claims.json"


def claims(text: str):
    out = []
    for c in extract_text(text, "t", {}):
        if c.kind == "figure" and c.measure in SCORED_MEASURES:
            f = c.figure
            out.append({"measure": c.measure, "low": f.low, "high": f.high, "qualifier": f.qualifier,
                        "negated": c.negated, "subject": c.subject, "group": getattr(c, "_group", None)})
    return out


def measures(text: str):
    return [(c["measure"], c["low"], c["high"]) for c in claims(text)]


# ---------------------------------------------------------------- golden file

def _golden():
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return [pytest.param(s, id=s["text"][:60]) for s in data["sentences"]]


@pytest.mark.parametrize("case", _golden())
def test_golden(case):
    got = claims(case["text"])
    want = case["claims"]
    assert len(got) == len(want), (case.get("note"), got)
    for g, w in zip(got, want):
        for key, value in w.items():
            assert g[key] == value, (key, case.get("note"), got)


# ---------------------------------------------------------------- cue positions

@pytest.mark.parametrize("text, measure", [
    ("14 fatalities were recorded.", "deaths"),  # outcome noun as head
    ("86 people were injured.", "injured"),  # verb after
    ("Police killed 12 people.", "deaths"),  # verb before
    ("Killed: 238", "deaths"),  # label
    ("The toll: 238.", "deaths"),
    ("64 bodies in the morgue", "deaths"),
    ("He said 2,000 troops had arrived.", "troops"),
    ("Some 300 protesters gathered.", "protesters"),
    ("70 protesters were slaughtered.", "deaths"),  # a verb's measure beats the role noun's
    ("Prosecutors said 47 people had been convicted.", "convicted"),
    ("13 people were jailed after the trial.", "convicted"),  # jailed after a court case
    ("13 people were jailed overnight.", "detained"),
    ("26 armed criminals were liquidated.", "deaths"),  # officialese for killed
    ('"Dozens" of attackers have been eliminated.', "deaths"),  # of attackers only
    ("13 militants were neutralised.", "deaths"),
    ("4 353 persons received injuries of various degrees of severity.", "injured"),
    ("46 persons are in grave condition.", "injured"),
    ("Nine people remain in intensive care.", "injured"),
    ("670 persons remain in medical organizations.", "injured"),
    ("Several hundred had been occupying the square.", "protesters"),
])
def test_measure(text, measure):
    assert [c["measure"] for c in claims(text)] == [measure]


@pytest.mark.parametrize("text", [
    "Two candidates were eliminated in the first round.",  # eliminated kills attackers only
    "13 suspects were neutralised.",
    "46 persons are in the building.",  # a place is no condition
    "Twelve people remain in the city.",
])
def test_officialese_needs_its_own_words(text):
    assert [c["measure"] for c in claims(text) if c["measure"] in ("deaths", "injured")] == []


def test_exceeds_links_the_figure_to_the_noun_before():
    (c,) = claims("The number of detained persons exceeds 14 thous.")
    assert (c["measure"], c["low"], c["qualifier"]) == ("detained", 14_001, "more_than")
    # "at least" is no linking verb: the noun far before says nothing of the figure
    assert claims("Review the convictions of the strikers, at least 20 of whom say they were tortured.") == []


@pytest.mark.parametrize("text", [
    "The number of detainees did not exceed 500, the ministry said.",
    "The number of detainees does not exceed 500.",
    "The number of detainees never exceeded 500.",
    "The number of detainees didn't exceed 500.",
    "The number of detainees has not exceeded 500.",
])
def test_a_denied_excess_is_a_ceiling(text):
    (c,) = claims(text)
    assert (c["measure"], c["low"], c["high"], c["qualifier"], c["negated"]) == ("detained", None, 500, "at_most", False)


def test_an_excess_still_exceeds():
    (c,) = claims("The number of detainees exceeded 500, the ministry said.")
    assert (c["measure"], c["low"], c["qualifier"]) == ("detained", 501, "more_than")


@pytest.mark.parametrize("text, subject, group", [
    ("19 security officers were killed.", "security officers", "security forces"),
    ("Four children were killed.", "children", "children"),
    ("40 journalists were detained.", "journalists", "journalists"),
    ("300 people were detained.", "people", "people"),
    ("Ten were killed.", "people", "people"),
])
def test_subject_and_group(text, subject, group):
    (c,) = claims(text)
    assert (c["subject"], c["group"]) == (subject, group)


def test_subgroup_has_its_own_subject():
    total, part = claims("Officials said 238 people had been killed, including 19 security officers.")
    assert (total["low"], total["group"]) == (238, "people")
    assert (part["low"], part["group"], part["measure"]) == (19, "security forces", "deaths")


def test_copula_subgroup_in_the_next_sentence_of_a_paragraph():
    got = measures("Ministry officials said 44 people had died. Of these, 13 were police officers.")
    assert got == [("deaths", 44, 44), ("deaths", 13, 13)]


def test_copula_subgroup_after_a_fronted_of_phrase():
    (c,) = claims("Of the dead, 13 were police officers or national guardsmen, the ministry said.")
    assert (c["measure"], c["low"], c["group"]) == ("deaths", 13, "security forces")


def test_figures_inherit_only_within_a_paragraph():
    text = "Ten people were killed.\n\nThat makes 17."
    assert measures(text) == [("deaths", 10, 10)]


# ---------------------------------------------------------------- negations

@pytest.mark.parametrize("text, measure", [
    ("No one was killed.", "deaths"),
    ("No-one was hurt.", "injured"),
    ("Nobody was injured.", "injured"),
    ("None were detained.", "detained"),
    ("None of the strikers were detained.", "detained"),
    ("There were no deaths.", "deaths"),
    ("There were no arrests.", "detained"),
    ("No civilians were killed.", "deaths"),
    ("Police detained no one.", "detained"),
    ("Not a single commander has been convicted.", "convicted"),
    ("Not one senior official was convicted.", "convicted"),
    ("No commander who gave the order to fire has ever been convicted.", "convicted"),
    ("No police officer who took part in the shooting was ever convicted.", "convicted"),
    ("Not one foreign national has been convicted of terrorism so far.", "convicted"),
    ("No foreign citizen was killed in the clashes.", "deaths"),
])
def test_negated_is_zero(text, measure):
    (c,) = claims(text)
    assert (c["measure"], c["low"], c["high"], c["negated"]) == (measure, 0, 0, True)

@pytest.mark.parametrize("text, expected", [
    ("No one is killed or seriously injured.", [("deaths", True), ("injured", True)]),
    ("Nobody was detained or hurt.", [("detained", True), ("injured", True)]),
    ("No one was killed or arrested, and 14 people were injured.", [("deaths", True), ("detained", True), ("injured", False)]),
    ("No one was killed or died later.", [("deaths", True)]),  # the same outcome twice is one claim
    ("No one was killed, or so they said.", [("deaths", True)]),
])
def test_negation_covers_a_coordinated_outcome(text, expected):
    assert sorted((c["measure"], c["negated"]) for c in claims(text)) == sorted(expected)



@pytest.mark.parametrize("text", [
    "No one knows how many died.",  # no measure verb for "no one"
    "There is no evidence.",
    "No decision was taken.",
    "Police had no choice.",
])
def test_no_without_a_count_is_nothing(text):
    assert claims(text) == []


def test_find_negations_span():
    text = normalise("Officials said no civilians were killed.").text
    tokens = tokenize(text)
    words = [t.low for t in tokens]
    ((i, end, counted),) = find_negations(tokens, words, default_vocabulary())
    assert text[tokens[i].start:tokens[end - 1].end] == "no civilians"
    assert counted.measure == "deaths"


# ---------------------------------------------------------------- hypotheticals

@pytest.mark.parametrize("text", [
    "The toll could rise to 300.",
    "The death toll might exceed 250.",
    "Officials fear the toll may climb to 100.",
    "If 100 were arrested, the protest would collapse.",
    "Unless 50 people are detained, the strike will go on.",
    "Officials warned the number of dead will rise to 300.",
])
def test_hypothetical_is_no_claim(text):
    assert claims(text) == []


def test_planned_deployment_is_reported():
    # "would deploy" reports a stated plan, not a guess
    assert measures("The government said it would deploy 2,500 troops.") == [("troops", 2500, 2500)]


def test_the_figure_referred_to_is_no_guess():
    assert measures("Relatives of the 16 people killed could appeal.") == [("deaths", 16, 16)]


# ---------------------------------------------------------------- not claims

@pytest.mark.parametrize("text", [
    "Kazakhstan, a country of 19 million people, is the ninth largest in the world.",
    "Almaty, a city of nearly 2 million people, was paralysed.",
    "The strike lasted seven months.",
    "He served 33 years in the army.",
    "A 26-year-old man was detained on Monday.",
    "The job pays £40-50K a year.",
    "Protests began on January 2, 2022.",
    "The report is 62 pages long.",
    "He was one of the reasons.",
    "Police used 20 vehicles.",
    "Officials opened 14 to 17 criminal cases.",
    "Kazakhstan marked the 30th anniversary of independence in 2021.",
    "Could the 2011 toll still change?",
    "Call +7 727 123 4567 to report a missing relative.",
])
def test_not_claims(text):
    assert claims(text) == []


def test_small_list_of_individuals_is_a_case_report():
    assert claims("In May, authorities in Astana jailed two activists and a journalist.") == []
    assert claims("Police detained two workers, Rosa Tuletayeva and Maksat Dosmagambetov, on Monday.") == []


def test_a_small_count_without_a_list_is_a_claim():
    assert measures("Police detained two workers on Monday.") == [("detained", 2, 2)]


# ---------------------------------------------------------------- one person

@pytest.mark.parametrize("text, measure", [
    ("A man was shot dead when police fired on the crowd.", "deaths"),
    ("An unarmed protester died of his wounds.", "deaths"),
    ("A young police officer was wounded.", "injured"),
    ("Police opened fire, killing one man.", "deaths"),
])
def test_one_person(text, measure):
    assert measures(text) == [(measure, 1, 1)]


@pytest.mark.parametrize("text", [
    "A journalist was jailed for seven years.",  # one person's case
    "Police arrested Aleksandr Kharlamov, a journalist from the north-east.",
    "A woman told reporters her son was missing.",
    "A crowd of protesters gathered.",
])
def test_one_person_needs_a_death_or_injury_verb(text):
    assert claims(text) == []


@pytest.mark.parametrize("text, expected", [
    ("He was stopped on the road and held for a night with about 40 other men.", [("detained", 40, 40)]),
    ("She was held with, she says, 25 other women.", [("detained", 25, 25)]),
    ("The governor held talks with 30 community elders.", []),  # the active "held talks with": no detention
    ("He held a meeting with 200 oil workers.", []),
    # the subject of "held" must be a person: an event held with people detains nobody
    ("The rally was held on the main square with about 5,000 people.", []),
    ("The meeting was held in Astana with 20 activists and officials.", []),
    ("He was held, he says, with about 60 other men.", [("detained", 60, 60)]),
    ("They were held with 40 other detainees.", [("detained", 40, 40)]),
])
def test_people_held_with_someone_are_detained(text, expected):
    assert measures(text) == expected


def test_their_number_counts_the_people_it_refers_to():
    text = ("Title\n\nThe rebels said 300 civilians had been killed. Neighbouring states sent peacekeepers the next day. "
            "The bloc later put their number at 1,200.")
    assert ("troops", 1200, 1200) in measures(text)
    # the number "of" something, or a toll, keeps the figure before
    text = "Title\n\nThe rebels said 300 civilians had been killed. The ministry later put their number of dead at 320."
    assert ("deaths", 320, 320) in measures(text)


@pytest.mark.parametrize("text, expected", [
    ("Police said nine people were shot dead in Aktau and one in Zhanatas.", [("deaths", 9, 9), ("deaths", 1, 1)]),
    ("Police detained 40 people and one in ten was later charged.", [("detained", 40, 40)]),  # a ratio
    ("Police detained 130 people and one in the crowd was shot.", [("detained", 130, 130)]),  # no place
    ("Police killed 14 in Zhanaozen and one in Shetpe.", [("deaths", 14, 14), ("deaths", 1, 1)]),
])
def test_one_more_place_after_a_figure_continues_it(text, expected):
    assert measures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the object of a verb that is no measure: no part of the figure before
    ("About 4,000 miners went on strike; the mine dismissed some 600 of them in June.", [("protesters", 4000, 4000)]),
    ("Police said 300 protesters were detained and later released 200 of them.", [("detained", 300, 300)]),
    ("Police said 300 protesters were detained; 120 of them were women.", [("detained", 300, 300), ("detained", 120, 120)]),
])
def test_a_part_taken_by_another_verb_is_no_subgroup(text, expected):
    assert measures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The hospital has 40 beds in intensive care units and 300 staff.", []),
    ("The hospital has 300 staff in intensive care units.", []),
    ("40 people remain in intensive care.", [("injured", 40, 40)]),
    ("Police said 30 people were wounded; 12 of them are in medical institutions.", [("injured", 30, 30), ("injured", 12, 12)]),
])
def test_a_place_of_treatment_counts_patients_not_beds_or_staff(text, expected):
    assert measures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("About 500 villagers blocked the highway to the airport.", [("protesters", 500, 500)]),
    ("The authorities blocked 40 websites.", []),
    ("About 300 people blocked the road.", [("protesters", 300, 300)]),
    ("About 300 strikers camped on the square.", [("protesters", 300, 300)]),
    ("Several hundred young men blocked a passenger train there.", [("protesters", 300, 999)]),
    ("About 300 people had blocked the railway line.", [("protesters", 300, 300)]),
    # police and journalists at a road or a court are no protesters
    ("About 500 police officers blocked the roads into Zhanaozen.", []),
    ("About 200 journalists camped outside the court.", []),
])
def test_blocking_a_road_is_protest(text, expected):
    assert measures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Estimates of the crowd in the capital range from 3,000 to 5,000.", [("protesters", 3000, 5000)]),
    ("The number of the strikers was put at 900.", [("protesters", 900, 900)]),
    ("Estimates of the damage range from 3,000 to 5,000 dollars.", []),
])
def test_estimates_of_the_crowd(text, expected):
    assert measures(text) == expected


def test_a_figure_a_correction_withdraws_is_no_claim():
    text = ("Title\n\nCORRECTION: An earlier version of this story wrongly said 12 people were killed in Aktau. "
            "Two people were killed there.")
    assert measures(text) == [("deaths", 2, 2)]


@pytest.mark.parametrize("text, expected", [
    ("The ministry said about 1,000 police and interior troops were sent.", [("troops", 1000, 1000)]),
    ("Police said 40 residents and local activists were detained.", [("detained", 40, 40)]),
    ("Police jailed two activists and a journalist.", []),  # individuals named one by one
])
def test_a_noun_coordinated_with_the_head(text, expected):
    assert measures(text) == expected


def test_camping_on_a_square_is_protest():
    assert measures("Several hundred workers had camped on the square since May.") == [("protesters", 300, 999)]


@pytest.mark.parametrize("text, expected", [
    ("To date, courts have passed verdicts in respect of 47 people.", [("convicted", 47, 47)]),
    ("The court will announce its verdicts on 12 May.", []),
])
def test_verdicts_in_respect_of_people_are_convictions(text, expected):
    assert measures(text) == expected


# ---------------------------------------------------------------- vocabulary is data

def test_vocabulary_can_be_extended():
    vocab = build_vocabulary({"measures": {"detained": {"verbs": ["kettled"]}}})
    assert vocab.verbs.match_at(["kettled"], 0) == (1, "detained")
    assert default_vocabulary().verbs.match_at(["kettled"], 0) is None


def test_every_scored_measure_has_cue_words():
    vocab = default_vocabulary()
    for measure in SCORED_MEASURES:
        tables = (vocab.outcome, vocab.verbs, vocab.roles)
        assert any(measure in {v for entries in t._by_first.values() for _, v in entries} for t in tables), measure


# ---------------------------------------------------------------- linear time

@pytest.mark.parametrize("unit", [
    "12 people were killed, ",
    "no one was detained and ",
    "a man was shot dead, ",
    "of whom 3 were jailed by the court, ",
    "Of the dead, 4 were children and ",
])
def test_measure_rules_are_linear(unit):
    """Guards against quadratic work in read_numbers + assign + find_negations over one long sentence of
    a repeated clause: work counted at 300 and 1,200 clauses; the old size, 2,400, runs under a hang guard."""
    from kzcheck.measures import assign
    from kzcheck.numbers import read_numbers

    vocab = default_vocabulary()

    def sentence(k):
        text = unit * k
        tokens = tokenize(text)
        return text, tokens, [t.low for t in tokens]

    def measure(prepared):
        text, tokens, words = prepared
        previous = None
        for m in read_numbers(tokens, vocab, text):
            previous = assign(tokens, words, m, vocab, previous) or previous
        find_negations(tokens, words, vocab)

    assert_linear(measure, sentence, 300, repr(unit), large=2_400)


# ---------------------------------------------------------------- the phrase tables

def test_phrase_tables_match_as_plainly_read():
    """The tables' fast matching agrees with the plain reading of their entries: the longest phrase
    starting at a word; and, ending before a word, the longest that is also the longest where it starts."""
    import random

    def match_at(table, words, i):
        for toks, value in table._by_first.get(words[i], ()):
            if tuple(words[i:i + len(toks)]) == toks:
                return len(toks), value
        return None

    def match_ending_at(table, words, end, max_len):
        best = None
        for n in range(1, min(max_len, end) + 1):
            hit = match_at(table, words, end - n)
            if hit and hit[0] == n:
                best = hit
        return best

    v = default_vocabulary()
    tables = [v.outcome, v.verbs, v.roles, v.subjects, v.qual_before, v.qual_after, v.source_words, v.stances]
    pool = sorted({w for t in tables for entries in t._by_first.values() for toks, _ in entries for w in toks})
    rng = random.Random(7)
    phrases = {id(t): [toks for entries in t._by_first.values() for toks, _ in entries] for t in tables}
    for _ in range(3000):
        table = rng.choice(tables)
        words = []  # whole phrases of the table (often one the prefix of another) among other words
        for _ in range(rng.randint(1, 4)):
            words += list(rng.choice(phrases[id(table)])) if rng.random() < 0.7 else [rng.choice(pool)]
        for i in range(len(words)):
            assert table.match_at(words, i) == match_at(table, words, i), (words, i)
        for end in range(len(words) + 1):
            for max_len in (1, 3, 4, 5):
                assert table.match_ending_at(words, end, max_len) == match_ending_at(table, words, end, max_len)


def test_a_negated_foreigner_who_did_no_scored_thing_is_no_claim():
    assert claims("Not one foreign national has visited the town since the spring.") == []


def test_a_figure_with_no_noun_under_a_question_crosshead_counts_what_it_asks():
    text = ("**How many people died?**\n\nProsecutors say 17; opposition politicians have said at least 64.\n\n"
            "**How many people were on the square?**\n\nResidents said it was nearer 3,000.\n\n"
            "**What happened next?**\n\nThe governor said 12 and left.\n")
    got = {(c["measure"], c["low"], c["qualifier"]) for c in claims(text)}
    assert got == {("deaths", 17, "exact"), ("deaths", 64, "at_least"), ("protesters", 3000, "approx")}


def test_three_of_them_opening_the_next_paragraph_counts_the_figure_before():
    from kzcheck.extract import extract_text
    text = "T\n\nSeven people were killed in the attack on the base.\n\nThree of them were soldiers.\n"
    got = {(c.figure.low, c.measure) for c in extract_text(text, "t") if c.kind == "figure"}
    assert (3, "deaths") in got
    # a paragraph that does not open so starts afresh
    text = "T\n\nSeven people were killed in the attack.\n\nLater, three were soldiers on leave.\n"
    assert {c.figure.low for c in extract_text(text, "t") if c.kind == "figure"} == {7}
