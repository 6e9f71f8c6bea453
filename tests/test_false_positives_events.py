"""False positives of the header date, of figures placed abroad and of corrections, each with its
reported sentence (no longer wrong) and the construction the rule is for (still working)."""
import pytest

from kzcheck.events import header_date
from kzcheck.segment import paragraphs

from test_events import by_low, figures


# 1. a headline holding a date is no publication date

def test_a_headline_that_holds_a_date_is_no_header_date():
    text = ("From 16 December 2011 to the January events: a decade of unrest in Kazakhstan\n\n"
            "In January 2022, 238 people were killed in clashes across the country.\n")
    assert header_date(text, paragraphs(text, 0)) is None
    [c] = figures(text)
    assert c.figure.low == 238 and c.event == "kazakhstan-2022-unrest"


@pytest.mark.parametrize("text, date", [
    ("Title\n\nWednesday 21 December 2011\n\nBody.", (2011, 12, 21)),
    ("Title\n\nPublished: 21 December 2011\n\nBody.", (2011, 12, 21)),
    ("Title\n\nBy Aigerim Toleukhanova, 21 December 2011\n\nBody.", (2011, 12, 21)),
    ("Title\n\nAKTAU, 21 December 2011 \u2014 Police said on Monday that they had detained a man.", (2011, 12, 21)),
    ("Title\n\nALMATY (Reuters), 5 January 2022 - Police said on Monday that they had detained a man.", (2022, 1, 5)),
    ("Title\n\n21.12.2011, 16:20 GMT\n\nBody.", (2011, 12, 21)),
    # a headline, or a sentence, that tells of a date
    ("Zhanaozen remembers 16 December 2011 with a silent march\n\nBody.", None),
    ("Title\n\nOn 16 December 2011 police fired on strikers.\n\nBody.", None),
])
def test_a_date_line_byline_or_dateline_is_a_header_date(text, date):
    assert header_date(text, paragraphs(text, 0)) == date


def test_a_date_line_still_rules_out_later_events():
    body = ("Opposition leaders in Almaty said at least 60 people were killed in the oil town, "
            "and the president declared a state of emergency there.\n")
    [c] = figures("Oil town in mourning\n\nPublished 21 December 2011\n\n" + body)
    assert c.event != "kazakhstan-2022-unrest"


# 2. where someone spoke is not where the figure is

def test_a_place_where_someone_spoke_abroad_keeps_the_claim():
    text = ("Title\n\nSpeaking later at a conference in Russia, the prosecutor general said "
            "9,900 people had been detained.\n")
    assert [(c.measure, c.figure.low) for c in figures(text, "2022-02-01")] == [("detained", 9900)]


@pytest.mark.parametrize("sentence", [
    "By comparison, the 2005 Andijan shootings in neighbouring Uzbekistan left 187 people dead.",
    "In neighbouring Kyrgyzstan, 187 people were killed in the clashes.",
    "Troops killed 187 people in Uzbekistan's Andijan in 2005.",
    "At least 187 protesters were killed in Andijan in 2005.",
])
def test_a_figure_placed_abroad_is_no_claim(sentence):
    text = ("Two crackdowns compared.\n\n"
            "In January 2022 the authorities said 238 people were killed in Almaty and elsewhere.\n\n" + sentence + "\n")
    got = by_low(figures(text, "2022-03-01"))
    assert 187 not in got and 238 in got


# 3. a correction withdraws its old figure, not the new one

def test_a_correction_keeps_the_corrected_figure():
    text = ("Title\n\nThis article has been updated: an earlier version of this story gave the toll as 11, "
            "but the prosecutor's office has since raised it to 15.\n")
    assert [(c.measure, c.figure.low) for c in figures(text)] == [("deaths", 15)]


@pytest.mark.parametrize("text, kept", [
    ("Title\n\nCORRECTION: An earlier version of this story wrongly said 12 people were killed in Aktau.\n", []),
    ("Title\n\nAn earlier version of this story said 12 people were killed; 14 people were killed.\n", [14]),
    ("Title\n\nThe toll of 12 deaths given in an earlier version of this article was wrong.\n", []),
])
def test_a_correction_withdraws_the_figure_in_its_clause(text, kept):
    assert [c.figure.low for c in figures(text) if c.measure == "deaths"] == kept


@pytest.mark.parametrize("text, kept", [
    ("In neighbouring Kyrgyzstan, 40 people were detained after the vote.\n", False),
    ("In neighbouring Kyrgyzstan, in Osh, 40 people were detained after the vote.\n", False),
    # a town of Kazakhstan from the places vocabulary sets the sentence at home
    ("In neighbouring Kyrgyzstan and in Shymkent, 40 people were detained after the vote.\n", True),
])
def test_the_places_vocabulary_decides_where_a_sentence_is_set(text, kept):
    assert bool(figures(text)) is kept
