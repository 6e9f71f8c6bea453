"""compare and sources print again what they printed for the same claims and options (kept in the
cache), and never what they printed for other claims, other options or another registry."""
import json

import pytest

import kzcheck.compare
import kzcheck.lookup

NEW_ARTICLE = """Families count 41 dead

ZHANAOZEN (Steppe Wire) - A committee of victims' families says 41 people were killed when police opened fire
on striking oil workers in December 2011.
"""

RUNS = [
    ("compare", "deaths"),
    ("compare", "deaths", "--format", "json"),
    ("compare", "detained", "--format", "markdown"),
    ("compare", "deaths", "--format", "csv"),
    ("compare", "deaths", "--event", "zhanaozen-2011"),
    ("sources", "14 killed"),
    ("sources", "10,000 detained", "--format", "json"),
]


@pytest.fixture
def no_computing(monkeypatch):
    def computed(*args, **kwargs):
        raise AssertionError("computed again")

    def forbid():
        monkeypatch.setattr(kzcheck.compare, "compare", computed)
        monkeypatch.setattr(kzcheck.lookup, "search", computed)
    return forbid


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_a_rerun_prints_the_same_without_computing_again(kz, no_computing, args):
    first = kz(*args)
    assert first.exit_code == 0 and first.stdout
    no_computing()
    again = kz(*args)
    assert again.exit_code == 0
    assert again.stdout == first.stdout


def test_other_options_are_not_answered_from_a_kept_output(kz):
    outputs = [kz(*args).stdout for args in RUNS]
    assert len(set(outputs)) == len(RUNS)
    assert kz("compare", "deaths", "--source-class", "official").stdout != outputs[0]
    assert kz("sources", "14 killed", "--limit", "1").stdout != outputs[5]


def test_a_new_article_and_a_review_change_what_is_printed(kz, project):
    before = kz("compare", "deaths").stdout
    (project / "seeds" / "families.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with_article = kz("compare", "deaths").stdout
    assert "41" in with_article and "41" not in before
    assert kz("compare", "deaths").stdout == with_article  # now kept
    assert kz("extract", "--write", "--format", "json").exit_code == 0
    registered = kz("compare", "deaths").stdout
    found = json.loads(kz("extract", str(project / "seeds" / "families.txt"), "--format", "json").stdout)["claims"]
    new_id = next(c["id"] for c in found if c["low"] == 41)
    assert kz("review", "--confirm", new_id).exit_code == 0
    reviewed = kz("compare", "deaths").stdout
    assert reviewed.count("[unreviewed]") == registered.count("[unreviewed]") - 1
