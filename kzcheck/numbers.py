"""The number reader: every figure in a sentence as an interval with its qualifier.

Reads digits ("238", "10,000", "2.5 million", "1.2m"), words ("Ten",
"two dozen", "seven and a half", "three thousand"), vague amounts
("dozens", "several hundred", "tens of thousands"), ranges ("14-17",
"between 14 and 17", "from 10 to 11" as a revision) and the qualifiers
around them. Each figure also gets a ``kind`` saying what it is when it is
not a count of something: a year, date, time, age, duration, money,
percentage, measurement, ordinal, ranking, identifier or phone number.

Work is on tokens of one sentence with bounded look-around, so it is linear
in the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter, sub
from typing import Optional

from .vocab import Vocabulary, default_vocabulary

# The interval each vague amount stands for (inclusive). One table, used
# everywhere; "several"/"a few" multiply a scale word (several hundred = 300-999).
VAGUE = {
    "a handful": (3, 9),
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
    "tens of millions": (20_000_000, 99_999_999),
}
VAGUE_MULTIPLIERS = {"several": (3, 9), "a few": (2, 5), "few": (2, 5), "many": (2, 9), "a couple of": (2, 2), "couple of": (2, 2)}

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
PLURAL_SCALES = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
# Scales abbreviated as a word of their own after digits, as translations from Russian write them
# ("12 thous. persons", "87 bln tenge"); the full stop after the abbreviation belongs to it.
WORD_SCALE_ABBREVIATIONS = {"thous": 1_000, "ths": 1_000, "thsd": 1_000, "mln": 1_000_000, "mn": 1_000_000,
                            "bln": 1_000_000_000, "bn": 1_000_000_000}

# Words a figure written in words can start with (digits are tested separately).
NUMBER_STARTS = frozenset(list(UNITS) + list(TENS) + list(PLURAL_SCALES) + [
    "a", "an", "half", "tens", "several", "few", "many", "couple", "hundred", "thousand", "million", "billion", "dozen"])

MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())
CURRENCY_SIGNS = frozenset("$£€₸¥₽")
CURRENCY_WORDS = frozenset("""dollars dollar pounds pound euros euro tenge roubles rouble rubles ruble usd kzt gbp eur
pence cents cent sterling yuan per-annum""".split())
PERCENT_WORDS = frozenset(["%", "percent", "per", "pc", "percentage"])
DURATION_WORDS = frozenset("""year years month months week weeks day days hour hours minute minutes second seconds
decade decades century centuries night nights fortnight fortnights year-old years-old year-olds""".split())
UNIT_WORDS = frozenset("""km kilometres kilometers kilometre kilometer miles mile metres meters metre meter kg kilograms
kilos tonnes tons tonne ton barrels barrel litres liters hectares acres degrees mph kph sq square cubic mw gw bpd feet
ft inches inch cm mm gb mb kb volts calories storeys floors""".split())
ID_BEFORE = frozenset("""no no. number article articles section sections paragraph part clause chapter page pages
room flight route level grade category episode season version vol volume item case code law resolution decree
bus tier phase stage platform gate row unit item apartment apt house block""".split())
RANK_BEFORE = frozenset(["top", "no", "number", "rank", "ranked", "ranks", "placed", "position"])
SUPERLATIVES = frozenset("""largest biggest greatest smallest highest lowest richest poorest oldest youngest longest
shortest strongest deadliest worst best heaviest wealthiest busiest most least leading fastest safest""".split())
REVISION_VERBS = frozenset("""rose raised revised increased climbed jumped updated lowered cut reduced corrected grew
doubled changed adjusted upgraded downgraded amended risen raising revising increasing
rises raises revises increases climbs jumps updates lowers cuts reduces corrects grows""".split())
CLAUSE_END = frozenset([",", ".", ";", ":", ")", "-", "!", "?", '"', "and", "but"])
# "did not exceed 500": a denied excess is a ceiling. The exceed-verbs qualify the figure after them
# as more_than (qualifiers.toml); a negation before them makes it at_most.
EXCEED_VERBS = frozenset("exceed exceeds exceeded exceeding".split())
NEGATIONS = frozenset("""not never didn't doesn't don't hasn't haven't hadn't won't wouldn't isn't wasn't
cannot""".split())


def _negated_before(words: list[str], k: int) -> int:
    """How many tokens before ``k`` deny the verb there ("did not", "never", "didn't", "doesn’t"); 0 if none."""
    if k >= 1 and words[k - 1] in NEGATIONS:
        return 2 if k >= 2 and words[k - 1] == "not" and words[k - 2] in ("did", "does", "do", "has", "have", "had", "will", "would", "could", "should", "may", "might") else 1
    if k >= 3 and words[k - 1] == "t" and words[k - 2] in ("'", "’") and words[k - 3].endswith("n"):
        return 3  # "doesn’t" in three tokens
    return 0
PHONE_WORDS = frozenset(["+", "tel", "tel.", "phone", "telephone", "fax", "call", "mobile", "whatsapp", "t", "ext", "hotline"])
TIME_VERBS = frozenset("""starts start started begins begin began ends end ended opens open opened closes close closed
finishes finish finished resumes resume resumed""".split())
STREET_WORDS = frozenset("""street st road rd avenue ave prospect prospekt lane boulevard blvd square way drive
highway ulitsa""".split())
TIME_WORDS = frozenset(["am", "pm", "a.m", "p.m", "a.m.", "p.m.", "gmt", "utc", "bst", "cet", "local", "o'clock", "hrs", "h"])

# Sentence tokens: numbers with their grouping and attached suffix ("1.2m", "16th"),
# words (hyphenated kept whole), single symbols. A word before a full stop ends there
# ("said." is "said" and "."), but "a.m." and initials keep their full stops: the
# trailing "." is only taken by a word that has a full stop inside it.
# Each match takes the whitespace before its token too, so matches are contiguous and
# the offsets follow from the lengths. Quantifiers are possessive: nothing backtracks.
_NUM = r"\d{1,15}+(?:[.,]\d{1,15}+)*+[A-Za-z]{0,6}+"
_WORD = r"[A-Za-z]++(?:['-][A-Za-z]++)*+(?:\.[A-Za-z]++(?:['.-][A-Za-z]++)*+\.?+)?+"
_TOKEN = re.compile(r"\s*+(?:%s|%s|\S)" % (_WORD, _NUM))
_DIGITS = re.compile(r"(\d{1,15}(?:[.,]\d{1,15})*)([A-Za-z]{0,6})$")
_DATE_PREPS = frozenset(["on", "since", "by", "from", "until", "till", "to", "of", "before", "after"])
_DAY_MONTH = re.compile(r"(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])")  # "04.01": two digits each, a month after
_THOUSANDS_SPACED = re.compile(r"\d{1,3}(?: \d{3})+")
_PHONE = re.compile(r"(?:\+\d{1,3}[ .-]?)?\(?\d{1,5}\)?(?:[ .-]\d{2,4}){2,4}")
# What every match of _PHONE holds: the end of one group of digits and the start of two more.
_PHONE_HINT = re.compile(r"\d\)?[ .-]\d{2,4}[ .-]\d")


@dataclass
class Token:
    """One token of a sentence: offsets in the text, the text as written and lower-cased."""

    start: int
    end: int
    text: str
    low: str


_new = object.__new__
_lows = attrgetter("low")


def tokenize(text: str, start: int = 0, end: Optional[int] = None) -> list[Token]:
    start = max(start, 0)
    end = len(text) if end is None else min(end, len(text))
    if start >= end:
        return []
    if text[end - 1].isspace():
        # trailing whitespace would be tried (and fail) from each of its positions
        end = start + len(text[start:end].rstrip())
    chunks = _TOKEN.findall(text, start, end)
    if not chunks:
        return []
    words = list(map(str.lstrip, chunks))
    ends = list(accumulate(map(len, chunks), initial=start))
    del ends[0]
    out = []
    append = out.append
    # set as the dataclass's __init__ would, without the call: many tokens, made for every sentence
    for s, e, w, low in zip(map(sub, ends, map(len, words)), ends, words, map(str.lower, words)):
        t = _new(Token)
        t.start = s
        t.end = e
        t.text = w
        t.low = low
        append(t)
    return out


@dataclass
class Mention:
    """A figure found in a sentence."""

    start: int  # character offsets in the text tokenised
    end: int
    first: int  # token index of the number itself (after any qualifier)
    last: int  # token index one past the number phrase (before any trailing qualifier)
    q_first: int  # token index where the figure's text starts (qualifier included)
    q_last: int
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    qualifier: str
    kind: str = "count"  # or why it is no count: year, date, money, percent, ...
    word_one: bool = False  # written as "one" / "a": needs a counted noun to be a count
    revision: int = 0  # 1 for the earlier, 2 for the later figure of "from X to Y"
    tail: int = 0  # token index after a qualifier that follows the counted noun ("26 men at most")
    article: bool = False  # "a man", "an officer": the indefinite article read as one person
    text: str = ""

    @property
    def is_count(self) -> bool:
        return self.kind == "count"


def _word_value(words: list[str], i: int) -> Optional[tuple[float, int, bool]]:
    """Parse a number written in words from words[i]: (value, tokens used, only 'a/one')."""
    total = 0.0
    current = 0.0
    j = i
    seen_number = False
    only_one = True
    n = len(words)
    while j < n:
        w = words[j]
        if w in UNITS or w in TENS or "-" in w and all(p in UNITS or p in TENS for p in w.split("-")):
            if seen_number and current % 100 != 0 and not (current % 10 == 0 and current % 100 and w in UNITS):
                break
            val = sum(UNITS.get(p, TENS.get(p, 0)) for p in w.split("-"))
            current += val
            seen_number = True
            only_one = only_one and val == 1
            j += 1
        elif w in ("a", "an") and not seen_number and j + 1 < n and words[j + 1] in ("hundred", "thousand", "million", "billion", "dozen"):
            current = 1
            seen_number = True
            j += 1
        elif w in SCALES and seen_number:
            scale = SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            only_one = False
            j += 1
        elif w == "dozen" and seen_number:
            current = (current or 1) * 12
            only_one = False
            j += 1
        elif w == "and" and seen_number and j + 1 < n:
            after_scale = current % 100 == 0 and (current or total)
            if after_scale and (words[j + 1] in UNITS or words[j + 1] in TENS or "-" in words[j + 1] and words[j + 1].split("-")[0] in TENS):
                j += 1
                continue
            if words[j + 1] in ("a", "one") and j + 2 < n and words[j + 2] == "half":
                current += 0.5
                only_one = False
                j += 3
                # "two and a half million": the scale applies to the whole
                if j < n and words[j] in SCALES:
                    continue
                break
            break
        else:
            break
    if not seen_number:
        return None
    return total + current, j - i, only_one


# words before a number that names a thing rather than counting: a law's article, a paragraph, a page
REFERENCE_WORDS = frozenset("""article articles art art. paragraph paragraphs para paras clause clauses section sections
chapter chapters page pages pp p. item items annex resolution decree amendment amendments rule rules
no. vol volume line lines column col""".split())


_LIST_JOINERS = frozenset(["and", "or", ",", "&", ")"])


def _listed_after_reference(words: list[str], k: int) -> bool:
    """"articles 272 (mass disorders) and 293": a number further down a list that a reference word opens."""
    j = k - 1
    seen_number = False
    while j >= 0 and k - j <= 16:
        w = words[j]
        if w in REFERENCE_WORDS:
            return seen_number
        if w == ")":
            while j >= 0 and words[j] != "(" and k - j <= 16:
                j -= 1
        elif w[:1].isdigit():
            seen_number = True
        elif w not in ("and", "or", ",", "&"):
            return False
        j -= 1
    return False


def _digit_value(tok: Token) -> Optional[tuple[float, str, str]]:
    """(value, suffix, grouping) of a digit token; None if it is no plain number (1,1,1)."""
    m = _DIGITS.match(tok.text)
    if not m:
        return None
    num, suffix = m.group(1), m.group(2).lower()
    if "," in num:
        head, *groups = num.split(",")
        if len(groups) == 1 and 1 <= len(groups[0]) <= 2 and "." not in num and 1 <= len(head) <= 3:
            # "1,5 thous.", "4,5 mln": a decimal comma (read as a figure only before a scale word)
            return float(head + "." + groups[0]), suffix, "decimal_comma"
        if "." in groups[-1]:
            groups[-1], _, frac = groups[-1].partition(".")
        else:
            frac = ""
        if not (1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)) or "." in head:
            return None
        digits = head + "".join(groups)
        value = float(digits + ("." + frac if frac else ""))
        return value, suffix, "comma"
    if num.count(".") > 1:
        return None
    return float(num), suffix, "plain"


def _alternation(words) -> str:
    """A regular expression for any of ``words``, grouped by first letter so that a position
    is tried against a handful of them rather than all."""
    by_first: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    parts = []
    for first, rests in sorted(by_first.items()):
        parts.append(re.escape(first) + ("(?:%s)" % "|".join(rests) if rests != [""] else ""))
    return "|".join(parts)


# Where a figure may start, found on the lower-cased words joined by spaces (tokens hold no
# whitespace): a word after a space that begins with a digit or a non-ASCII character, or is
# a NUMBER_STARTS word, alone or before a hyphen. A superset: each hit is checked again.
_CANDIDATE = re.compile(r" (?:[0-9]|[^\x00-\x7f]|(?:%s)(?=[ -]|\Z))" % _alternation(NUMBER_STARTS))


# The words after "a"/"an" with which _read_base reads a figure ("a handful", "a couple of", "a dozen").
_AFTER_A = frozenset(["handful", "few", "couple", "hundred", "thousand", "million", "billion", "dozen"])


def _may_start(w: str) -> bool:
    return w[:1].isdigit() or w in NUMBER_STARTS or ("-" in w and w.split("-", 1)[0] in NUMBER_STARTS)


def read_numbers(tokens: list[Token], vocab: Optional[Vocabulary] = None, text: Optional[str] = None,
                 words: Optional[list[str]] = None) -> list[Mention]:
    """All figures among ``tokens`` (one sentence), counts and non-counts alike.

    ``words`` are the tokens' lower-cased texts when the caller has them already."""
    vocab = vocab or default_vocabulary()
    if words is None:
        words = list(map(_lows, tokens))
    out: list[Mention] = []
    phones = None
    i = 0  # tokens before i are read (part of a figure) or passed over
    k = 0  # spaces before position ``at`` of ``joined``: the index of the token after it
    at = 0
    joined = " " + " ".join(words)
    # most tokens cannot start a figure: only the few that may are tried
    for hit in _CANDIDATE.finditer(joined):
        pos = hit.start()
        k += joined.count(" ", at, pos)
        at = pos
        if k < i:
            continue
        i = k
        w = words[i]
        if w in ("a", "an"):
            # "a" only starts a figure before these ("a hundred", "a few"); else it may be "a man"
            m = _read_at(tokens, words, i, vocab) if i + 1 < len(words) and words[i + 1] in _AFTER_A else None
            if m is None:
                m = _read_article(tokens, words, i, vocab)
        elif w[:1].isdigit() or w in NUMBER_STARTS or ("-" in w and w.split("-", 1)[0] in NUMBER_STARTS):  # _may_start
            m = _read_at(tokens, words, i, vocab)
        else:
            continue
        if m is None:
            i += 1
            continue
        if phones is None:
            phones = _phone_spans(text, tokens[0].start, tokens[-1].end) if text is not None else []
        if phones:
            for x in m:
                if any(s <= x.start < e for s, e in phones):
                    x.kind = "phone"
        out.extend(m)
        i = m[0].q_last if len(m) == 1 else max(x.q_last for x in m)
    return out


# Nouns that look singular but count many, or name no single person.
_NOT_SINGULAR = frozenset("""police staff people personnel military crowd public youth accused dead wounded injured
detained arrested convicted deceased military law enforcement security""".split())


def _read_article(tokens: list[Token], words: list[str], i: int, vocab: Vocabulary) -> Optional[list[Mention]]:
    """ "a man", "an unarmed protester", "a young police officer": one person, written with the article.

    Only read before a singular noun naming a person (up to two words between); whether it is a
    count of people affected is for the measure rules to say (they want a verb: "was shot dead")."""
    n = len(words)
    k = i + 1
    skipped = 0
    subjects, roles = vocab.subjects, vocab.roles
    # the words a phrase of each table starts with: most words start none, and need no look-up
    subject_firsts, role_firsts = subjects._entries, roles._entries
    while k < n and skipped <= 2:
        w = words[k]
        if w[:1].isdigit() and words[k + 1:k + 2] == ["-"] and k + 2 < n and words[k + 2].endswith(("year-old", "years-old")):
            k += 3  # "a 19-year-old student"
            skipped += 1
            continue
        hit = (w in subject_firsts and subjects.match_at(words, k)) or (w in role_firsts and roles.match_at(words, k))
        if hit:
            last = words[k + hit[0] - 1]
            if last.endswith("s") and not last.endswith(("ss", "us")) or last in _NOT_SINGULAR or " ".join(words[k:k + hit[0]]) in _NOT_SINGULAR:
                return None
            m = Mention(tokens[i].start, tokens[i].end, i, i + 1, i, i + 1, 1, 1, 1, "exact", "count", True, article=True)
            return [m]
        if not w.isalpha() and "-" not in w or w in ("of", "and", "or", "who", "that", "few", "lot", "number", "couple"):
            return None
        k += 1
        skipped += 1
    return None


def _phone_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans that read as phone numbers: a +/() prefix, dashed groups, or many digits not in 3-groups."""
    if not _PHONE_HINT.search(text, start, end):
        return []  # no three groups of digits in a row: no phone number (a quick test first)
    spans = []
    for m in _PHONE.finditer(text, start, end):
        s = m.group()
        digits = sum(ch.isdigit() for ch in s)
        if ("+" in s or "(" in s or s.count("-") >= 2 or s.count(".") >= 2
                or (digits >= 9 and not _THOUSANDS_SPACED.fullmatch(s))):
            spans.append((m.start(), m.end()))
    return spans


def _read_at(tokens: list[Token], words: list[str], i: int, vocab: Vocabulary) -> Optional[list[Mention]]:
    base = _read_base(tokens, words, i)
    if base is None:
        return None
    value, low, high, qual, j, kind, one = base
    mention = Mention(tokens[i].start, tokens[j - 1].end, i, j, i, j, value, low, high, qual, kind, one)
    # Ranges and revisions: "14-17", "14 to 17", "between 14 and 17", "from 10 to 11".
    if j + 1 < len(tokens) and words[j] in ("-", "to", "and", "or") and kind in ("count", "money", "percent", "duration"):
        second = _read_base(tokens, words, j + 1)
        joiner = words[j]
        before = words[i - 1] if i > 0 else ""
        if second is not None and second[5] in ("count", "money", "percent", "duration") and (
            joiner in ("-", "to") or (joiner == "and" and before == "between") or joiner == "or"
        ):
            v2, lo2, hi2, q2, j2, kind2, _ = second
            v1 = value
            if v1 is not None and v2 is not None and q2 == "exact" and qual in ("exact",):
                scale2 = _scale_of(v2)
                if v1 < v2 and scale2 > 1 and v1 * scale2 <= v2 and v1 < 1000 and v2 >= 1000 and v1 < scale2:
                    v1 = v1 * scale2  # "two to three thousand"
                if before == "from" and _has_revision_verb(words, i):
                    first = Mention(tokens[i].start, tokens[j - 1].end, i, j, i, j, v1, v1, v1, "exact", kind, False, 1)
                    second_m = Mention(tokens[j + 1].start, tokens[j2 - 1].end, j + 1, j2, j + 1, j2, v2, v2, v2, "exact", kind2, False, 2)
                    return [_finish(first, tokens, words, vocab), _finish(second_m, tokens, words, vocab)]
                if joiner != "or" or (v1 < v2 <= 3 * v1):
                    if v1 < v2 or joiner == "-" and v1 == v2:
                        kind_r = kind if kind != "count" else kind2
                        if before == "between":
                            mention.q_first = i - 1
                        mention = Mention(tokens[mention.q_first].start, tokens[j2 - 1].end, i, j2, mention.q_first, j2,
                                          (v1 + v2) / 2, v1, v2, "range", kind_r, False)
                        return [_finish(mention, tokens, words, vocab, qualified=True)]
    return [_finish(mention, tokens, words, vocab)]


def _scale_of(v: float) -> int:
    for s in (1_000_000_000, 1_000_000, 1_000):
        if v >= s and v % s == 0:
            return s
    return 1


def _has_revision_verb(words: list[str], i: int) -> bool:
    return any(w in REVISION_VERBS for w in words[max(0, i - 14):i])


# "tens of thousands": the vague amounts of three words, by their first word.
_VAGUE_OF: dict[str, list[tuple[list[str], tuple[int, int]]]] = {}
for _phrase in ("tens of thousands", "hundreds of thousands", "tens of millions"):
    _first, *_rest = _phrase.split()
    _VAGUE_OF.setdefault(_first, []).append((_rest, VAGUE[_phrase]))
# "several hundred", "a couple of thousand": VAGUE_MULTIPLIERS by first word, in their order.
_MULTIPLIERS: dict[str, list[tuple[list[str], tuple[int, int]]]] = {}
for _phrase, _span in VAGUE_MULTIPLIERS.items():
    _first, *_rest = _phrase.split()
    _MULTIPLIERS.setdefault(_first, []).append((_rest, _span))


# what "scores" without "of" must be followed by to count people: "scores more", "scores dead"
_SCORES_AFTER = frozenset(["of", "more", "others", "dead", "injured", "wounded", "hurt", "killed", "arrested", "detained"])


def _scores_of_people(words: list[str], i: int) -> bool:
    """"scores of people", "scores more were treated at home", "'scores' more": not "the test scores"."""
    k = i + 1
    if k < len(words) and words[k] in ('"', "'"):
        k += 1  # a scare-quoted 'scores'
    return k < len(words) and words[k] in _SCORES_AFTER


def _read_base(tokens, words, i):
    """(value, low, high, qualifier, end token, kind, written as one) of the number at i."""
    w = words[i]
    n = len(words)
    tok = tokens[i]
    # vague amounts
    if w in _VAGUE_OF:
        for rest, (lo, hi) in _VAGUE_OF[w]:
            if words[i + 1:i + 3] == rest:
                return ((lo + hi) / 2, lo, hi, "vague", i + 3, "count", False)
    if w in ("dozens", "scores", "hundreds", "thousands", "millions"):
        lo, hi = VAGUE[w]
        if w == "scores" and not _scores_of_people(words, i):
            return None
        return ((lo + hi) / 2, lo, hi, "vague", i + 1, "count", False)
    if w in _MULTIPLIERS:
        if w == "a" and i + 1 < n and words[i + 1] == "handful":
            lo, hi = VAGUE["a handful"]
            return ((lo + hi) / 2, lo, hi, "vague", i + 2, "count", False)
        for rest, (mlo, mhi) in _MULTIPLIERS[w]:
            k = 1 + len(rest)
            if words[i + 1:i + k] == rest and i + k < n and words[i + k] in ("dozen", "hundred", "thousand", "million"):
                scale = 12 if words[i + k] == "dozen" else SCALES[words[i + k]]
                lo, hi = mlo * scale, (mhi + 1) * scale - 1
                if mlo == mhi:
                    return (lo, lo, lo, "approx", i + k + 1, "count", False)
                return ((lo + hi) / 2, lo, hi, "vague", i + k + 1, "count", False)
    # half a dozen
    if w == "half" and words[i + 1:i + 3] == ["a", "dozen"]:
        return (6, 6, 6, "exact", i + 3, "count", False)
    if tok.text[0].isdigit():
        parsed = _digit_value(tok)
        if parsed is None:
            return (None, None, None, "exact", i + 1, "other", False)
        value, suffix, grouping = parsed
        j = i + 1
        kind = "count"
        if suffix in SUFFIX_SCALES:
            value *= SUFFIX_SCALES[suffix]
        elif suffix in ("st", "nd", "rd", "th"):
            kind = "ordinal"
        elif suffix == "s":
            kind = "year" if 1000 <= value <= 2100 else "ordinal"  # "the 1990s", "in their 20s"
        elif suffix in ("am", "pm", "h", "hrs", "gmt"):
            kind = "time"
        elif suffix:
            kind = "measurement"
        if grouping == "plain" and not suffix and _DAY_MONTH.fullmatch(tok.text) and i > 0 \
                and words[i - 1] in _DATE_PREPS:
            kind = "date"  # "on 04.01", "since 05.01.2022" (the year is a token of its own); "12.10 billion" is no date
        if grouping == "decimal_comma" and not (j < n and (words[j] in SCALES or words[j] in WORD_SCALE_ABBREVIATIONS)):
            return (None, None, None, "exact", i + 1, "other", False)  # "1,5" alone: a list, a score, a version
        # space-grouped thousands: "10 000"
        if (grouping == "plain" and value < 1000 and not suffix and value == int(value)
                and len(tok.text) <= 3 and not (i > 0 and tokens[i - 1].text.isdigit() and tokens[i - 1].end + 1 == tok.start)):
            while (j < n and tokens[j].text.isdigit() and len(tokens[j].text) == 3
                   and tokens[j].start == tokens[j - 1].end + 1):
                value = value * 1000 + int(tokens[j].text)
                j += 1
        if j < n and words[j] in SCALES and kind == "count":
            value *= SCALES[words[j]]
            j += 1
            if j < n and words[j] == "and" and j + 1 < n and words[j + 1] in UNITS:
                pass
        elif j < n and words[j] in WORD_SCALE_ABBREVIATIONS and kind == "count":
            value *= WORD_SCALE_ABBREVIATIONS[words[j]]
            j += 1
            if j < n and words[j] == "." and tokens[j].start == tokens[j - 1].end:
                j += 1  # "thous." with its full stop
        elif j < n and words[j] == "dozen" and kind == "count":
            value *= 12
            j += 1
        if grouping == "plain" and kind == "count" and j == i + 1 and 1000 <= value <= 2100 and value == int(value) and len(tok.text) == 4 and tok.text.isdigit():
            kind = "year"
        return (value, value, value, "exact", j, kind, False)
    parsed_w = _word_value(words, i)
    if parsed_w is None:
        return None
    value, used, only_one = parsed_w
    j = i + used
    kind = "count"
    if j + 1 < n and words[j] == "point" and words[j + 1] in UNITS:
        # "two point five million"; "ninety-three point five FM" is no count
        k, decimals = j + 1, ""
        while k < n and k < j + 8 and words[k] in UNITS and UNITS[words[k]] < 10:
            decimals += str(UNITS[words[k]])
            k += 1
        if decimals:
            value = float(f"{int(value)}.{decimals}")
            j, only_one, kind = k, False, "measurement"
    if j < n and words[j] in SCALES and value:
        value *= SCALES[words[j]]
        j += 1
        kind = "count"
    return (value, value, value, "exact", j, kind, only_one)


def _finish(m: Mention, tokens: list[Token], words: list[str], vocab: Vocabulary, qualified: bool = False) -> Mention:
    """Attach qualifiers and decide the kind from the words around the figure."""
    j = m.last
    n = len(tokens)
    if not qualified:
        hit = vocab.qual_before.match_ending_at(words, m.q_first, 4)
        if hit and words[m.q_first - 1] == "~" and tokens[m.q_first - 1].end != tokens[m.q_first].start:
            hit = None  # "~" only counts when stuck to the number ("~70")
        if hit and words[m.q_first - 1] in ("top", "tops") and m.q_first >= 2 and words[m.q_first - 2] in (
                "the", "a", "its", "their", "his", "her", "our"):
            hit = None  # "the top 20 universities": a ranking, not "more than 20"
        if hit and not (hit[1] == "approx" and words[m.q_first - 1] == "some" and m.qualifier == "vague"):
            length, qual = hit
            if qual == "more_than" and words[m.q_first - length] in EXCEED_VERBS:
                denied = _negated_before(words, m.q_first - length)
                if denied:  # "did not exceed 500", "never exceeded 500": at most 500
                    qual = "at_most"
                    length += denied
            if m.qualifier in ("exact",):
                m.qualifier = qual
            elif m.qualifier == "vague" and qual in ("more_than", "at_least"):
                m.qualifier = qual  # "more than thousands": the floor of the vague amount
                m.value = m.low
                m.high = None
            m.q_first -= length
        after = vocab.qual_after.match_at(words, j) if j < n else None
        if after is None and j + 1 < n and words[j] == "-" and words[j + 1] == "odd" and tokens[j].start == tokens[j - 1].end:
            after = (2, "approx")  # "the 2,000-odd soldiers"
        if after and (m.qualifier == "exact" or m.qualifier == after[1]):  # "some 300-odd": approx either way
            length, qual = after
            # "+" only counts when stuck to the number ("15+")
            if words[j] != "+" or tokens[j].start == tokens[j - 1].end:
                m.qualifier = qual
                m.q_last = j + length
        elif m.qualifier == "exact":
            # past the counted noun, at the end of the clause: "26 men at most", "100 people or more"
            for k in (j + 1, j + 2):
                if k >= n or not words[k - 1].isalpha():  # the words passed over are words
                    break
                late = vocab.qual_after.match_at(words, k)
                if late and words[k] != "+" and (k + late[0] >= n or words[k + late[0]] in CLAUSE_END):
                    m.qualifier = late[1]
                    m.tail = k + late[0]
                    break
    _set_interval(m)
    m.kind = _kind(m, tokens, words)
    m.start = tokens[m.q_first].start
    m.end = tokens[max(m.q_last, m.tail) - 1].end
    return m


_BEFORE_VERB_NUMBER = frozenset("""will would could should may might to they which that who it now already
together""".split())


def _set_interval(m: Mention) -> None:
    v = m.value
    if v is None or m.qualifier in ("range", "vague"):
        return
    integer = float(v).is_integer()
    if m.qualifier in ("exact", "approx"):
        m.low = m.high = v
    elif m.qualifier == "at_least":
        m.low, m.high = v, None
    elif m.qualifier == "more_than":
        m.low, m.high = (v + 1 if integer else v), None
    elif m.qualifier == "at_most":
        m.low, m.high = None, v
    elif m.qualifier == "less_than":
        m.low, m.high = None, (v - 1 if integer else v)


def _kind(m: Mention, tokens: list[Token], words: list[str]) -> str:
    i, j = m.first, m.last
    n = len(tokens)
    kind = m.kind
    prev = words[m.q_first - 1] if m.q_first > 0 else ""
    prev2 = words[m.q_first - 2] if m.q_first > 1 else ""
    nxt = words[j] if j < n else ""
    nxt2 = words[j + 1] if j + 1 < n else ""
    first_tok = tokens[i]
    if kind == "other":
        return kind
    # phone numbers and identifiers glued to symbols
    if prev in PHONE_WORDS or prev == ":" and prev2 in PHONE_WORDS:
        return "phone"
    if prev in ("#", "№", "nos", "nos.") or prev in REFERENCE_WORDS or prev in _LIST_JOINERS and (
            prev != "," or nxt in ("and", "or", ",", "(", ")", ".", "")) and _listed_after_reference(words, m.q_first):
        return "identifier"  # "article 272 of the Criminal Code", "articles 272 (mass riots) and 293"
    if prev in ("/", "#", "@", "_", "=") and tokens[m.q_first - 1].end == tokens[m.q_first].start:
        return "identifier"
    if nxt in ("/", "@", "_") and j < n and tokens[j].start == tokens[j - 1].end:
        return "identifier"
    if nxt == ":" and j + 1 < n and tokens[j + 1].text[:1].isdigit() and tokens[j + 1].start == tokens[j].end:
        return "time"  # 14:32
    if prev == ":" and m.q_first > 1 and tokens[m.q_first - 2].text[:1].isdigit() and tokens[m.q_first - 1].start == tokens[m.q_first - 2].end:
        return "time"
    if nxt in TIME_WORDS or prev in ("past", "till", "until") and not first_tok.text[0].isdigit():
        return "time"  # "at half past six", "until eleven"
    if prev == "at" and prev2 in TIME_VERBS and (nxt in ("", ".", ",", ";", "and", "sharp", "on", "in") ):
        return "time"  # "curfew starts at eleven"
    if kind != "count":
        return kind
    # money
    if prev in CURRENCY_SIGNS or (prev and prev[-1] in CURRENCY_SIGNS):
        return "money"
    if nxt in CURRENCY_WORDS or (nxt == "per" and nxt2 in ("annum", "year", "month", "hour", "week")):
        return "money"
    # percentages
    if nxt in PERCENT_WORDS and (nxt != "per" or nxt2 in ("cent", "centum")):
        return "percent"
    # dates: "16 December", "December 16", "the 2nd of January"
    if (nxt in MONTHS and tokens[j].text[0].isupper()) or (
            prev in MONTHS and tokens[m.q_first - 1].text[0].isupper() and first_tok.text[0].isdigit()
            and m.value is not None and 1 <= m.value <= 31):
        return "date"  # "16 December", "December 16"; but "on 5 January several thousand residents ..."
    if nxt == "of" and nxt2 in MONTHS:
        return "date"
    # durations and ages: "seven months", "a 26-year-old", "two-day", "33 years"
    if nxt in DURATION_WORDS or (nxt == "-" and nxt2.split("-")[0] in DURATION_WORDS):
        if nxt2 in ("old",) or nxt2.endswith("year-old") or nxt2.endswith("years-old"):
            return "age"
        if nxt in ("years", "year") and nxt2 == "ago":
            return "duration"
        return "duration"
    if "-" in words[j - 1] and words[j - 1].split("-", 1)[1].split("-")[0] in DURATION_WORDS:
        return "duration"
    if prev in ("aged", "age", "ages"):
        return "age"
    # "Berik Asylov, 54, said": an age in apposition to a name
    if (prev == "," and nxt in (",", ")") and m.q_first > 1 and tokens[m.q_first - 2].text[:1].isupper()
            and tokens[m.q_first - 2].text.isalpha() and m.qualifier == "exact" and m.value is not None
            and 14 <= m.value <= 110 and float(m.value).is_integer() and m.q_first > 2 and words[m.q_first - 3] not in (":",)):
        return "age"
    # addresses: "14 Fieldgate Street"
    if nxt2 in STREET_WORDS and j < n and tokens[j].text[:1].isupper() and first_tok.text[0].isdigit():
        return "identifier"
    if prev == "at" and nxt == "," and j + 1 < n and (nxt2 in ("he", "she", "they", "i", "we") or tokens[j + 1].text[:1].isupper()):
        if not any(w in ("toll", "stood", "stands", "put", "estimated", "number", "figure", "total", "count") for w in words[max(0, m.q_first - 4):m.q_first]):
            return "age"
    # measurements
    if nxt in UNIT_WORDS or nxt.split("-")[0] in UNIT_WORDS and "-" in nxt:
        return "measurement"
    # rankings and identifiers: "top 20", "No 1", "Article 174", "the 20 largest"
    if prev in ("no", "not") and words[i] == "one":
        return "negation"  # "no one was killed" is read by the negation rule
    if prev in RANK_BEFORE and first_tok.text[0].isdigit() and not (
            prev == "number" and m.q_first >= 2 and words[m.q_first - 2] in _BEFORE_VERB_NUMBER):
        return "ranking"  # but "its force will number 2,030 troops": the verb
    if prev in ID_BEFORE and first_tok.text[0].isdigit() and tokens[m.q_first - 1].text[:1].isupper():
        return "identifier"
    if nxt in SUPERLATIVES or (nxt in ("most", "more") and nxt2.endswith(("ful", "ous", "ive", "ant", "ent", "al"))):
        return "ranking"
    # hyphenated compound adjectives: "one-party", "two-day"; "500-strong" is a count
    if "-" in words[j - 1] and not all(p in UNITS or p in TENS for p in words[j - 1].split("-")):
        tail = words[j - 1].split("-", 1)[1]
        if tail not in ("strong",):
            return "compound"
    if nxt == "-" and j + 1 < n and tokens[j].start == tokens[j - 1].end and nxt2 not in ("strong", "odd") and not nxt2[:1].isdigit():
        return "compound"
    return "count"
