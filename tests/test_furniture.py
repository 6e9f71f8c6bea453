"""Page furniture: the hints that let furniture_paragraphs skip most lines change nothing."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzcheck import furniture as fu
from kzcheck.normalize import normalise
from kzcheck.segment import Paragraph, paragraphs

PIECES = [
    "Read next", "Most read", "Leave a Reply", "Comments (3)", "Home »", "HOME /", "home", "© 2023", "(c) 2021", "(C)",
    "All rights reserved", "all RIGHTS reserved.", "Privacy Policy", "privacy\tpolicy", "Terms of Use", "terms and conditions",
    "terms of", "per annum", "Salary", "£30,000", "£", "Apply now", "Log in", "log out", "Sign in", "You are commenting using",
    "Fill in your details", "Notify me of", "Click here", "click an icon", "Subscribe", "newsletter", "updates", "Patreon",
    "Share", "share", "Tweet", "Email", "Print", "Cookie policy", "cookies settings", "preferences", "policy", "settings",
    "\u017fubscribe", "\u212alick here", "S\u0130gn in", "s\u0131gn in", "The police said 12 people died.", "He said.",
    "protesters", "in Almaty", "-", "»", "/", "|", ":", ".", "!", "?", '"', "'", "(", ")", " ", " ", "  ", "\t",
    "\n", "\n", "\n\n", "\u00e9", "x", "a", "_",
]
page = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=70).map(
    lambda parts: "".join(p + (" " if i % 3 else "") for i, p in enumerate(parts)))


def reference(text: str, paras: list[Paragraph]) -> set[int]:
    """furniture_paragraphs as first written: _ALWAYS tried on every short line."""
    out: set[int] = set()
    in_zone = False
    for p in paras:
        length = p.end - p.start
        line = text[p.start:p.end] if length < 400 else text[p.start:p.start + 400]
        if length <= 120 and fu._ZONE_MARKER.match(line):
            in_zone = True
            out.add(p.index)
            continue
        if in_zone:
            if length >= 250 or len(fu._SENTENCE_END.findall(line)) >= 3:
                in_zone = False
            else:
                out.add(p.index)
                continue
        if length <= 300 and fu._ALWAYS.search(line):
            out.add(p.index)
    return out


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(page, st.integers(min_value=0, max_value=3))
def test_furniture_is_that_of_trying_every_line(text, start):
    for t in (text, normalise(text).text):
        paras = paragraphs(t, start)
        assert fu.furniture_paragraphs(t, paras) == reference(t, paras)
        # any spans, not only those of the splitter: overlapping, unstripped, out of order
        spans = [Paragraph(i, min(len(t), i + n), k) for k, (i, n) in enumerate((i, n) for i in range(0, len(t), 7)
                                                                                 for n in (5, 40))]
        assert fu.furniture_paragraphs(t, spans) == reference(t, spans)


def test_furniture_of_the_seed_articles_is_that_of_trying_every_line(normalised_articles):
    for name, text, body in normalised_articles:
        paras = paragraphs(text, body)
        assert fu.furniture_paragraphs(text, paras) == reference(text, paras), name


FURNITURE_LINES = [
    "Subscribe to our newsletter", "SUBSCRIBE for updates", "Share", "  print  ", "Tweet", "email", "Home » News",
    "home / world", "£30,000 - £35,000", "Salary: competitive", "Per annum", "Apply now", "Log in", "Log out", "Sign in",
    "Privacy policy", "Terms of service", "terms and conditions apply", "Click here to read", "Click an icon to log in",
    "© 2023 The Paper", "(c) 2021 Media", "All rights reserved", "You are commenting using your account",
    "Fill in your details below", "Notify me of new posts", "Cookie policy", "Cookies settings", "We updated our cookie preferences",
]


def test_each_kind_of_furniture_line_is_found_wherever_it_stands():
    for line in FURNITURE_LINES:
        padded = line + " " + "and the rest of the line, long enough not to be a zone marker" * 2
        for text in (line, padded, "A first paragraph of prose.\n" + padded, "x" + padded, "(" + line + ")",
                     line.replace(" ", "\t")):
            for t in (text, text.upper(), text.lower()):
                paras = paragraphs(t)
                assert fu.furniture_paragraphs(t, paras) == reference(t, paras), t
    assert fu.furniture_paragraphs("Subscribe to our newsletter", paragraphs("Subscribe to our newsletter")) == {0}
