"""Measure and subject: what a figure counts, and who.

For a figure in a sentence, in order of strength:
1. the noun it counts names the outcome ("14 fatalities", "64 bodies", "238 dead");
2. a predicate after the counted noun ("86 people were injured", "Ten were killed");
3. a cue before it in the same clause ("killing over a dozen people",
   "the death toll rose to 11", "Killed: 238");
4. a role noun that is a measure of its own ("2,000 troops", "20,000 terrorists");
5. a subgroup ("including 19 security officers", "six of them police")
   takes the measure of the figure it belongs to.
Only a few tokens either side are looked at, so this is linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .numbers import Mention, Token
from .vocab import Vocabulary

AUX = frozenset("""were was are is be been being have has had got get gets getting remain remained remains still
appear appears appeared seem seems seemed to they we believe believes think say
reportedly allegedly also later all both subsequently eventually already now officially initially originally
then thought believed said feared known confirmed understood presumed reported seen say says claimed
who that which had ever never since later eventually finally so far""".split())
MODALS = frozenset("could might may would will should must shall can cannot".split())
HYPOTHETICAL = frozenset("if unless whether suppose supposing imagine hypothetically".split())
FUTURE_VERBS = frozenset("""rise rises reach reaches exceed exceeds climb climbs top tops grow increase increases
surpass pass""".split())
STOP_AFTER = frozenset("""in on at from by with during after before into across for to under over since including
and or but while as than because although though when where who which that whom whose - ; : ( ) . , ! ?""".split())
FILLERS_BEFORE = frozenset("""the a an this that these those its their his her our of at to by from for in now
officially reportedly initially originally further another additional total some rose risen reached stood stands
stand climbed increased jumped hit passed topped exceeded put puts is was were are has had have been be : numbered
number numbers figure count tally estimate estimated up down around roughly nearly almost more than over least
least at as many much stood finally eventually had already later revised raised grew believed thought be so far
date overall""".split())
LINKING_BEFORE = frozenset("""rose risen reached stood stands stand climbed increased jumped hit passed topped exceeded
grew is was were are at to""".split())
NOT_DETENTION = frozenset("responsible accountable liable talks a an the rally rallies meeting meetings protest protests up hostage hostages".split())
REVISION_VERBS_CUE = frozenset("revised raised lowered corrected updated increased rose then".split())
JAIL_WORDS = frozenset(["jailed", "imprisoned", "locked up", "behind bars"])
_COURT = re.compile(r"\b(?:court|trial|verdict|judge|sentenc\w*|convict\w*|guilty|acquitt\w*|years?)\b", re.I)
DETERMINERS = frozenset("the a an his her their its our my your this that these those some any each every".split())
OBJECT_START = frozenset("""the a an his her their its our my your this that these those him them us me one two
three four five six seven eight nine ten dozens hundreds thousands""".split())
PERSON_SUFFIXES = ("ers", "ors", "ists", "ians", "ees", "men", "ants", "ents", "ites", "ans", "ives", "eys", "folk")
PARTITIVE_PRONOUNS = frozenset("them whom those these".split())


@dataclass
class Counted:
    measure: str
    subject: str  # what is counted, as written ("security officers"); "people" when unnamed
    group: str  # "people" or a subgroup name from the vocabulary
    cue: str  # the words that told the measure
    subgroup: bool = False
    hypothetical: bool = False
    head_end: int = 0  # token index after the counted noun phrase


@dataclass
class _Head:
    kind: str  # outcome | role | subject | thing | unknown | none
    value: str = ""  # measure for outcome/role, group for subject
    text: str = ""
    start: int = 0
    end: int = 0  # token index after the head
    partitive: bool = False


def _match(table, words, i):
    return table.match_at(words, i)


def find_head(words: list[str], tokens: list[Token], j: int, vocab: Vocabulary) -> _Head:
    """The noun a figure counts: scan a few tokens right of the number."""
    n = len(words)
    partitive = False
    start = j
    if j < n and words[j] == "of":
        partitive = True
        j += 1
        if j < n and words[j] in PARTITIVE_PRONOUNS:
            j += 1  # "six of them police", "of whom 19 were"
        while j < n and words[j] in DETERMINERS:
            j += 1
        start = j
    steps = 0
    last_unknown = None
    while j < n and steps < 6:
        w = words[j]
        if w in ('"', "'", "(", ")") and w not in ("(", ")"):
            j += 1
            steps += 1
            continue
        for table, kind in ((vocab.outcome, "outcome"), (vocab.roles, "role"), (vocab.subjects, "subject")):
            hit = _match(table, words, j)
            if hit:
                length, value = hit
                text = " ".join(t.text for t in tokens[j:j + length])
                end = j + length
                # "strikers and residents": the head runs on through a coordinated noun
                if end + 1 < n and words[end] in ("and", "or") and (
                        vocab.subjects.match_at(words, end + 1) or vocab.roles.match_at(words, end + 1)):
                    extra = (vocab.subjects.match_at(words, end + 1) or vocab.roles.match_at(words, end + 1))[0]
                    end = end + 1 + extra
                return _Head(kind, value, text, j, end, partitive)
        if w in vocab.things:
            return _Head("thing", "", tokens[j].text, j, j + 1, partitive)
        if w.endswith("ed") and w in AUX and j + 1 < n and (vocab.outcome.match_at(words, j + 1) or vocab.subjects.match_at(words, j + 1)):
            j += 1  # "14 confirmed deaths": a participle used as an adjective
            steps += 1
            continue
        if w in AUX or w in MODALS or w in STOP_AFTER or not w[:1].isalpha():
            break
        hit = _match(vocab.verbs, words, j)
        if hit:
            break
        last_unknown = j
        j += 1
        steps += 1
    if last_unknown is not None:
        w = words[last_unknown]
        if w.endswith(PERSON_SUFFIXES) or w.endswith("people"):
            return _Head("unknown_person", "", tokens[last_unknown].text, start, last_unknown + 1, partitive)
        return _Head("unknown", "", tokens[last_unknown].text, start, last_unknown + 1, partitive)
    return _Head("none", "", "", start, start, partitive)


def _predicate_after(words: list[str], tokens: list[Token], j: int, vocab: Vocabulary) -> tuple[Optional[str], str, bool]:
    """(measure, cue, hypothetical) from a verb after the counted noun phrase."""
    n = len(words)
    steps = 0
    saw_aux = False
    hypothetical = False
    while j < n and steps < 9:
        w = words[j]
        if w == "," and j + 1 < n and words[j + 1] in ("who", "which"):
            j += 2  # ", who were sentenced": the relative clause says what happened to them
            steps += 1
            continue
        if w == "of" and steps == 0:
            # "the two organisers of the Atyrau rally were sentenced": pass over a short of-phrase
            k = j + 1
            while k < n and k < j + 6 and words[k] not in STOP_AFTER and words[k] not in AUX and not vocab.verbs.match_at(words, k):
                k += 1
            if k < n and (words[k] in AUX or words[k] == ","):
                j = k
                steps += 1
                continue
            break
        if w == "," and j + 1 < n and words[j + 1] in ("including", "among", "mostly", "most", "many", "some", "of", "according", "who", "officials", "police", "reportedly", "allegedly", "the", "it", "he", "she", "they"):
            # skip a parenthetical up to the next comma: "238 people, including children, were killed"
            k = j + 1
            while k < n and k < j + 14 and words[k] != ",":
                k += 1
            if k < n and words[k] == ",":
                j = k + 1
                steps += 1
                continue
            break
        hit = vocab.verbs.match_at(words, j)
        if not hit and (saw_aux or steps == 0):
            # "16 people dead", "Seventeen people are dead", "64 wounded"
            out = vocab.outcome.match_at(words, j)
            if out and words[j] in ("dead", "injured", "wounded", "detained", "arrested", "convicted"):
                hit = out
        if hit:
            length, measure = hit
            after = words[j + length] if j + length < n else ""
            if after in NOT_DETENTION and words[j + length - 1] == "held":
                return None, "", hypothetical  # "was held responsible", "held a rally"
            active = not saw_aux and after in OBJECT_START and measure != "protesters"
            if active:
                return None, "", hypothetical
            return measure, " ".join(t.text for t in tokens[j:j + length]), hypothetical
        if w in ("could", "might") or (w == "may" and tokens[j].text == "may"):
            hypothetical = True
            saw_aux = True
        elif w in MODALS:
            saw_aux = True
        elif w in AUX or w.endswith("ly") or w in ("not", "never", "been"):
            saw_aux = True
        else:
            break
        j += 1
        steps += 1
    return None, "", hypothetical


def _cue_before(words: list[str], tokens: list[Token], i: int, vocab: Vocabulary) -> tuple[Optional[str], str]:
    """(measure, cue) from an outcome noun or verb standing before the figure in its clause."""
    j = i
    steps = 0
    while j > 0 and steps < 8:
        for table in (vocab.outcome, vocab.verbs):
            hit = table.match_ending_at(words, j, 4)
            if hit:
                length, measure = hit
                return measure, " ".join(t.text for t in tokens[j - length:j])
        w = words[j - 1]
        if w in FILLERS_BEFORE or w.endswith("ly"):
            j -= 1
            steps += 1
            continue
        break
    # "the death toll among the attackers had risen to 18", "raised the number of people killed
    # from 232 to 238": a linking word just before the figure lets the cue stand further back
    if i >= 2 and (words[i - 1] in LINKING_BEFORE or words[i - 1] == "from" or words[i - 2] in LINKING_BEFORE):
        k = i - 1
        while k > 0 and i - k < 14 and words[k - 1] not in (",", ";", ":", ".", '"', "-", "(", ")"):
            for table in (vocab.outcome, vocab.verbs):
                hit = table.match_ending_at(words, k, 3)
                if hit:
                    return hit[1], " ".join(t.text for t in tokens[k - hit[0]:k])
            k -= 1
    return None, ""


def _is_hypothetical_before(tokens: list[Token], words: list[str], i: int) -> bool:
    """A possibility or condition earlier in the figure's clause: "could rise to 300", "if 100 were arrested".

    "would"/"will" only count with a condition or a verb of growth ("will rise to"): "said it
    would deploy 2,500 troops" reports a plan, not a guess."""
    j = i - 1
    steps = 0
    while j >= 0 and steps < 8:
        w = words[j]
        if w in (",", ";", ".", ":", "and", "but", "that", "which", "who", "while", "-") and steps > 0:
            break
        if w in HYPOTHETICAL:
            return True
        if w in ("could", "might") or (w == "may" and tokens[j].text == "may"):
            return True
        if w in ("would", "will", "should") and (any(x in FUTURE_VERBS for x in words[j + 1:i]) or "if" in words[:i]):
            return True
        j -= 1
        steps += 1
    return False


def assign(tokens: list[Token], words: list[str], m: Mention, vocab: Vocabulary,
           previous: Optional[Counted]) -> Optional[Counted]:
    """What the figure ``m`` counts, or None when it counts no people affected."""
    head = find_head(words, tokens, m.q_last, vocab)
    if head.kind == "thing":
        return None
    if m.word_one and head.kind in ("none", "unknown"):
        return None  # "one of the reasons", "one day"
    # "the 16 people officially killed": a definite figure is referred to, not guessed
    hypothetical = _is_hypothetical_before(tokens, words, m.q_first) and not (m.q_first > 0 and words[m.q_first - 1] == "the")
    measure, cue = None, ""
    subject, group = _subject_of(head)
    if head.kind == "outcome":
        measure, cue = head.value, head.text
    after_measure, after_cue, hyp_after = _predicate_after(words, tokens, max(head.end, m.q_last), vocab)
    hypothetical = hypothetical or hyp_after
    if measure is None and after_measure:
        measure, cue = after_measure, after_cue
    if measure is None or (head.kind == "role" and measure == head.value):
        before_measure, before_cue = _cue_before(words, tokens, m.q_first, vocab)
        if before_measure and (measure is None or head.kind == "role" and measure == head.value):
            if not (head.kind == "role" and before_measure == "protesters"):
                measure, cue = before_measure, before_cue
    if measure == "protesters" and head.kind == "role" and head.value != "protesters":
        measure, cue = head.value, head.text  # "3,000 militants took part": taking part is no protest
    if measure is None and head.kind == "role":
        measure, cue = head.value, head.text
    prev_word = words[m.q_first - 1] if m.q_first > 0 else ""
    prev2 = words[m.q_first - 2] if m.q_first > 1 else ""
    if head.kind == "none" and measure is None and m.q_last + 1 < len(words) and words[m.q_last] in ("were", "was", "are", "is"):
        # "19 were security officers", "four were children": a part of the figure before
        copula = find_head(words, tokens, m.q_last + 1, vocab)
        if copula.kind in ("subject", "role") and copula.start <= m.q_last + 2:
            head = copula
            subject, group = _subject_of(head)
            head.partitive = True
    back = words[max(0, m.q_first - 4):m.q_first]
    refers_back = ("from" in back and "up" in back or "down" in back) or any(
        w in ("figure", "number", "toll", "total", "tally", "count") for w in back) or prev_word == "to" and any(
        w in REVISION_VERBS_CUE for w in words[max(0, m.q_first - 5):m.q_first])
    listed = prev_word in ("including", "incl", "among", ":", "and") or (prev_word == "them" and prev2 == "among")
    is_sub = prev_word in ("including", "incl", "among", "them") or (head.partitive and head.kind in ("subject", "role", "unknown_person"))
    if previous is not None and measure is None and refers_back:
        measure, cue = previous.measure, previous.cue  # "revised the figure to 14", "up from 2,000"
    if head.partitive and head.kind in ("none", "subject", "unknown_person") and words[m.q_last:m.q_last + 2] == ["of", "them"]:
        # "troops from the CSTO - a little over 2,000 of them": them = the nearest role noun before
        k = m.q_first - 1
        while k >= 0 and m.q_first - k < 12 and words[k] not in (".", ";"):
            hit = vocab.roles.match_at(words, k)
            if hit and measure is None:
                measure, cue = hit[1], tokens[k].text
                break
            k -= 1
    if previous is not None and (is_sub or head.partitive or listed):
        # a part of the figure before it: "including 19 security officers", "13 of them attackers",
        # "seven people were killed: three civilians and four servicemen"
        if measure is None or (head.kind == "role" and measure == head.value and (is_sub or listed or head.partitive)
                               and not after_measure):
            measure, cue = previous.measure, previous.cue
            if head.kind in ("subject", "role") and group != "people" or head.partitive:
                is_sub = True
    if measure is None:
        return None
    if head.kind == "unknown" and measure and not cue:
        return None
    if measure == "detained" and cue.lower() in JAIL_WORDS and _COURT.search(" ".join(words)):
        measure = "convicted"  # "13 jailed" after a trial means sentenced
    if group != "people" and head.kind in ("subject", "role"):
        is_sub = True
    if is_sub and group == "people" and head.kind != "none":
        is_sub = False
    return Counted(measure, subject, group, cue, is_sub, hypothetical, max(head.end, m.q_last))


def _subject_of(head: _Head) -> tuple[str, str]:
    if head.kind == "subject":
        return head.text.lower(), head.value
    if head.kind == "role":
        from .vocab import default_vocabulary  # role nouns may name a subgroup (soldiers, terrorists)
        hit = default_vocabulary().subjects.match_at(head.text.lower().split(), 0)
        return head.text.lower(), hit[1] if hit else "people"
    if head.kind == "unknown_person":
        return head.text.lower(), head.text.lower()
    return "people", "people"


_NAME_LIKE = re.compile(r"[A-Z][a-z]")


def enumerates_individuals(tokens: list[Token], words: list[str], m: Mention, counted: Counted) -> bool:
    """A small number that lists individuals ("two activists and a journalist",
    "two workers, Rosa T. and Maksat D.,"): a case report, not a toll."""
    if m.value is None or m.value >= 10 or m.qualifier != "exact":
        return False
    j = counted.head_end
    n = len(words)
    if j + 1 < n and words[j] == "and" and (words[j + 1] in ("a", "an") or _NAME_LIKE.match(tokens[j + 1].text)):
        return True
    if j + 1 < n and words[j] == "," and _NAME_LIKE.match(tokens[j + 1].text) and j + 2 < n and _NAME_LIKE.match(tokens[j + 2].text):
        return True
    return False


NEGATORS = ("no one", "no-one", "nobody", "none", "not one", "not a single", "no", "zero", "not any")


def find_negations(tokens: list[Token], words: list[str], vocab: Vocabulary) -> list[tuple[int, int, Counted]]:
    """'no one was killed', 'none of the strikers were detained', 'there were no deaths'."""
    out = []
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        length = 0
        if w in ("nobody", "none", "zero", "no-one"):
            length = 1
        elif w == "no" and i + 1 < n and words[i + 1] == "one":
            length = 2
        elif w == "not" and i + 1 < n and words[i + 1] in ("one", "any"):
            length = 2
        elif w == "not" and i + 2 < n and words[i + 1] == "a" and words[i + 2] == "single":
            length = 3
        elif w == "no":
            length = 1
        if not length:
            i += 1
            continue
        j = i + length
        counted = None
        hit = vocab.outcome.match_at(words, j) if j < n else None
        if hit and words[i] in ("no", "zero", "not"):
            counted = Counted(hit[1], "people", "people", " ".join(t.text for t in tokens[j:j + hit[0]]), head_end=j + hit[0])
            end = j + hit[0]
        else:
            head = find_head(words, tokens, j, vocab)
            subject, group = _subject_of(head)
            if head.kind == "thing" or (words[i] == "no" and length == 1 and head.kind not in ("subject", "role", "unknown_person")):
                i += 1
                continue
            measure, cue, hyp = _predicate_after(words, tokens, max(head.end, j), vocab)
            if measure is None and words[i] != "no" or length > 1:
                # "police detained no one": the verb stands before
                before = vocab.verbs.match_ending_at(words, i, 3)
                if before and i > 1:
                    measure, cue, hyp = before[1], " ".join(t.text for t in tokens[i - before[0]:i]), False
            if measure and not hyp:
                if head.kind == "unknown":
                    subject, group = head.text.lower(), "people"
                counted = Counted(measure, subject, group, cue, head_end=max(head.end, j))
                end = max(head.end, j)
        if counted is not None:
            out.append((i, end, counted))
            i = end
        else:
            i += 1
    return out
