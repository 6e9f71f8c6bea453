"""normalise gives exactly what one str.translate over the whole text gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from kzcheck import normalize as nz
from kzcheck.normalize import single_quotes_as_double


def reference(text: str) -> tuple[str, list[int]]:
    """One translation of the whole text, then the removed characters dropped one by one."""
    table = str.maketrans({**nz._ONE_FOR_ONE, "\r": " " if "\n" in text or "\r" not in text else "\n"})
    kept: list[str] = []
    removed_at: list[int] = []
    for ch in text.translate(table):
        if ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
            removed_at.append(len(kept))
        else:
            kept.append(ch)
    return "".join(kept), removed_at


special = st.sampled_from(list(nz._ONE_FOR_ONE) + ["\r", "\n", "\r\n", "\u00ad", "\u200b", "\ufeff", "a", " ", "'", "-"])


@settings(deadline=None, max_examples=400)
@given(st.lists(st.one_of(special, st.text(max_size=3)), max_size=40).map("".join))
def test_normalise_is_one_translation(text):
    """After the blanking of footnotes, emphasis and note marks (same length, tested below), one translation."""
    n = nz.normalise(text)
    assert (n.text, n._removed_at) == reference(nz._blank_footnotes(text))


def test_every_character_normalise_touches_is_looked_for():
    for c in list(nz._ONE_FOR_ONE) + ["\r", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]:
        assert nz._SPECIAL.fullmatch(c), repr(c)
        assert (nz.normalise("a" + c + "b").text, nz.normalise("a" + c + "b")._removed_at) == reference("a" + c + "b")


def test_fold_case_keeps_only_the_last_text():
    a, b = "Almaty IN January", "Taraz \u0130n MAY"
    assert nz.fold_case(a) == "almaty in january"
    assert nz.fold_case(a) == "almaty in january"
    assert nz.fold_case(b) == "taraz in may"
    assert nz.fold_case(a) == "almaty in january"


@pytest.mark.parametrize("text, expected", [
    ("'Nobody came,' said X. 'I saw a dozen.'", '"Nobody came," said X. "I saw a dozen."'),
    ("They called them 'hooligans' and left.", 'They called them "hooligans" and left.'),
    ("He said: 'We know the workers' names.' Then he left.", 'He said: "We know the workers\' names." Then he left.'),
    ("The strikers' demands weren't met.", "The strikers' demands weren't met."),  # apostrophes only
    ("A \"double\" and a 'single' on one line", "A \"double\" and a 'single' on one line"),  # left as written
])
def test_single_quotes_as_double(text, expected):
    out = single_quotes_as_double(text)
    assert out == expected and len(out) == len(text)
