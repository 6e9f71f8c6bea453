"""Property tests over the number reader, the sentence splitter and the extractor (issue 8, point 2).

Random text and randomly mutated seed articles must never make them raise;
every span stays inside the text, every interval has low <= high, and
extraction is deterministic. (The registry loader is fuzzed in
test_registry_safety.py.)

The default run is quick. A long run is on demand:

    KZCHECK_SLOW=1 pytest tests/test_fuzz.py     # or: pytest -m slow tests/test_fuzz.py

and prints how many inputs it ran without a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzcheck.extract import extract_text
from kzcheck.numbers import read_numbers, tokenize
from kzcheck.segment import split_sentences

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]

FAST = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
FAST_ARTICLES = settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise the reader, the splitter and attribution.
PIECES = [
    "one", "two", "three", "ten", "twelve", "twenty", "hundred", "hundreds", "thousand", "thousands", "million",
    "dozen", "dozens", "scores", "a", "an", "and", "of", "none", "nobody", "no", "several", "a handful of",
    "at least", "more than", "about", "nearly", "up to", "fewer than", "over", "some", "between", "from", "to",
    "-", "\u2013", "\u2014", "or", "killed", "died", "dead", "people", "were", "detained", "injured", "protesters",
    "troops", "police", "said", "told", "according to", "officials", "Mr.", "Dr.", "U.S.", "Jan.", "Tokayev",
    "the ministry", "Almaty", "2022", "January 5", "1,000", "10,000", "1.5", "3-4", "5%", "$100", "tenge",
    "225", "0", "007", "1,1,1", "1e5", "\u00bd", "\u0661\u0662", "\u00a0", "\u00ad", "\u200b", "\ufeff",
    ".", ",", ";", ":", "!", "?", "...", "\u2026", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab",
    "\u00bb", "(", ")", "[", "]", " ", " ", " ", "\n", "\n\n", "\t", "\r\n", "---", "# ", "* ",
]

piece_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80).map(
    lambda parts: " ".join(parts) if len(parts) % 2 else "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))
any_text = st.one_of(piece_text, st.text(max_size=300))


def _check_numbers(text: str) -> None:
    tokens = tokenize(text)
    for t in tokens:
        assert 0 <= t.start <= t.end <= len(text)
        assert text[t.start:t.end] == t.text
    mentions = read_numbers(tokens, text=text)
    for m in mentions:
        assert 0 <= m.start <= m.end <= len(text), m
        if m.low is not None and m.high is not None:
            assert m.low <= m.high, m


@FAST
@given(any_text)
def test_number_reader_never_raises_and_intervals_are_ordered(text):
    _check_numbers(text)


@FAST
@given(any_text)
def test_number_reader_per_sentence(text):
    """As the extractor uses it: one sentence's tokens at a time, offsets into the whole text."""
    for s in split_sentences(text):
        tokens = tokenize(text, s.start, s.end)
        for m in read_numbers(tokens, text=text):
            assert s.start <= m.start <= m.end <= s.end, m
            if m.low is not None and m.high is not None:
                assert m.low <= m.high, m


def _check_sentences(text: str, start: int = 0) -> None:
    sentences = split_sentences(text, start)
    prev_end = start
    for s in sentences:
        assert start <= s.start < s.end <= len(text), s
        assert s.start >= prev_end, "sentences overlap or are out of order"
        assert text[s.start:s.end] == s.text
        prev_end = s.end


@FAST
@given(any_text, st.integers(0, 50))
def test_sentence_splitter_spans_inside_ordered_disjoint(text, start):
    _check_sentences(text, min(start, len(text)))


def _check_claims(text: str, article_id: str = "fuzz") -> list:
    claims = extract_text(text, article_id)
    for c in claims:
        a, b = c.span
        assert 0 <= a <= b <= len(text), (c.span, len(text))
        assert text[a:b] == c.text, (c.span, c.text)
        for s in c.also_at:
            assert 0 <= s[0] <= s[1] <= len(text), s
        if c.figure is not None and c.figure.low is not None and c.figure.high is not None:
            assert c.figure.low <= c.figure.high, c.figure
    return claims


def _same(a: list, b: list) -> bool:
    return [c.to_json() for c in a] == [c.to_json() for c in b]


@FAST
@given(any_text)
def test_extract_random_text(text):
    first = _check_claims(text)
    assert _same(first, extract_text(text, "fuzz")), "extraction is not deterministic"


# A mutation: where (a fraction of the text), what to do, and what to put there.
EDIT = st.tuples(st.floats(0, 1), st.sampled_from(["insert", "delete", "replace"]),
                 st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), st.integers(1, 200))


def _mutate(text: str, edits) -> str:
    for where, op, payload, length in edits:
        i = int(where * len(text))
        if op == "insert":
            text = text[:i] + payload + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + length:]
        else:
            text = text[:i] + payload + text[i + len(payload):]
    return text


mutated_article = st.builds(lambda k, edits: _mutate(SEED_TEXTS[k], edits),
                            st.integers(0, len(SEED_TEXTS) - 1), st.lists(EDIT, min_size=1, max_size=12))

front_matter = st.builds(
    lambda title, outlet, body: f"---\ntitle: {title}\noutlet: {outlet}\n---\n{body}",
    st.text(max_size=20), st.sampled_from(["Reuters", "RFE/RL", "Eurasianet", "", "'unclosed"]), piece_text)


def test_seed_articles_are_present():
    assert SEED_TEXTS, "no seed articles to mutate"


@FAST_ARTICLES
@given(mutated_article)
def test_extract_mutated_articles(text):
    first = _check_claims(text)
    assert _same(first, extract_text(text, "fuzz")), "extraction is not deterministic"


@FAST_ARTICLES
@given(front_matter)
def test_extract_with_random_front_matter(text):
    first = _check_claims(text)
    assert _same(first, extract_text(text, "fuzz"))


# ---------------------------------------------------------------- the long run, on demand


def _slow_enabled(config) -> bool:
    return bool(os.environ.get("KZCHECK_SLOW")) or "slow" in (config.getoption("-m") or "")


@pytest.fixture
def slow_only(request):
    if not _slow_enabled(request.config):
        pytest.skip("long fuzz: run with KZCHECK_SLOW=1 or -m slow")


SLOW_EXAMPLES = int(os.environ.get("KZCHECK_FUZZ_EXAMPLES", "3000"))
SLOW = settings(deadline=None, max_examples=SLOW_EXAMPLES, suppress_health_check=list(HealthCheck))


@pytest.mark.slow
def test_long_fuzz(slow_only, capsys):
    """Thousands of random and mutated articles; prints how many ran without a failure."""
    counts = {"numbers": 0, "sentences": 0, "random": 0, "mutated": 0}

    @SLOW
    @given(any_text)
    def reader_and_splitter(text):
        _check_numbers(text)
        counts["numbers"] += 1
        _check_sentences(text)
        counts["sentences"] += 1

    @SLOW
    @given(st.one_of(any_text, front_matter))
    def random_articles(text):
        assert _same(_check_claims(text), extract_text(text, "fuzz"))
        counts["random"] += 1

    @SLOW
    @given(mutated_article)
    def mutated_articles(text):
        assert _same(_check_claims(text), extract_text(text, "fuzz"))
        counts["mutated"] += 1

    reader_and_splitter()
    random_articles()
    mutated_articles()
    with capsys.disabled():
        print(f"\nlong fuzz: {sum(counts.values())} inputs without a failure {counts}")
