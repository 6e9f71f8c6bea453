"""Pipe tables and Markdown emphasis: a figure's measure from its column header, its source from the header's
brackets or the row's source column."""
import pytest

from kzcheck.extract import extract_text
from kzcheck.normalize import normalise
from kzcheck.tables import find_tables

TABLE = """# Briefing

| Region | Killed | Injured | Detained | Source |
|---|---|---|---|---|
| Almaty city | 139 | n/a | 4,500+ | Prosecutor General's Office |
| Taldykorgan | at least 12 | ~40 | n/a | Residents' accounts |
| Aktobe region | none | n/a | 24 | Aktobe regional police |
| **Total** | **238**\u2021 | 4,353 | n/a | Prosecutor General's Office |

The Almaty Legal Initiative (ALI), a coalition of lawyers, keeps its own count.

| Date | Official toll | Independent tally (ALI) |
|:---|---:|---:|
| 15 January 2022 | 225 | at least 230 |
"""


def figures(text):
    return [c for c in extract_text(text, "t", {}) if c.kind == "figure"]


def by_text(claims):
    return {c.figure.text: c for c in claims}


def test_a_column_header_gives_the_measure_and_the_source_column_the_source():
    got = by_text(figures(TABLE))
    assert (got["139"].measure, got["139"].source.name, got["139"].source.cls) == (
        "deaths", "Prosecutor General's Office", "official")
    assert got["4,500+"].measure == "detained" and got["4,500+"].figure.qualifier == "at_least"
    assert got["~40"].measure == "injured" and got["~40"].source.cls == "residents_witnesses"
    assert got["at least 12"].figure.low == 12 and got["at least 12"].measure == "deaths"
    assert got["238"].measure == "deaths" and got["4,353"].measure == "injured"


def test_none_in_a_measure_column_is_a_negated_zero():
    [zero] = [c for c in figures(TABLE) if c.negated]
    assert (zero.measure, zero.figure.low, zero.source.name) == ("deaths", 0, "Aktobe regional police")


def test_a_tally_column_beside_a_toll_and_a_source_in_the_header():
    got = by_text(figures(TABLE))
    assert got["225"].measure == "deaths" and got["225"].source.cls == "official"
    assert got["at least 230"].measure == "deaths"
    assert "ALI" in got["at least 230"].source.name or "Legal Initiative" in got["at least 230"].source.name


def test_columns_that_name_no_measure_give_no_claims():
    texts = {c.figure.text for c in figures(TABLE)}
    assert not texts & {"15", "2022", "15 January 2022"}


def test_a_table_needs_its_separator_line():
    assert not find_tables("| a | b |\n| 1 | 2 |\n").rows
    rows = find_tables(TABLE).rows
    assert len(rows) == 5 and all(len(r.cells) == len(r.headers) for r in rows)


def test_an_escaped_pipe_stays_in_its_cell():
    [row] = find_tables("| Name | Killed |\n|---|---|\n| A \\| B | 3 |\n").rows
    assert len(row.cells) == 2


@pytest.mark.parametrize("text, figure, measure", [
    ("We documented **six** deaths in police custody.", "six", "deaths"),
    ("Demonstrations drew __tens of thousands__ of people to the square.", "tens of thousands", "protesters"),
    ("Police said *40* people were detained.", "40", "detained"),
    ("In Taraz 103* people were detained.", "103", "detained"),
])
def test_markdown_emphasis_and_note_marks_do_not_hide_a_figure(text, figure, measure):
    [c] = figures(text)
    assert c.figure.text == figure and c.measure == measure


def test_blanking_keeps_offsets():
    for text in ["**238**\u2021 dead", "*Published* 12 May", "a [1] b", "x__y__z"]:
        assert len(normalise(text).text) == len(text)
