"""Measure and subject: what a figure counts, and who.

For a figure in a sentence, in order of strength:
1. the noun it counts names the outcome ("12 fatalities", "40 bodies", "150 dead");
2. a predicate after the counted noun ("86 people were injured", "Ten were killed");
3. a cue before it in the same clause ("killing over a dozen people",
   "the death toll rose to 11", "Killed: 238");
4. a role noun that is a measure of its own ("2,000 troops", "20,000 terrorists");
5. a subgroup ("including 19 security officers", "six of them police",
   "13 were police officers") takes the measure of the figure it belongs to;
6. a fronted phrase naming the outcome frames the figures after it ("Of the
   dead, 13 were ...", "As for the wounded, a hundred or more");
7. a noun before a linking verb ("the number of attackers is believed to be
   about 20", "supporters numbered roughly 200", "estimated the crowd at 5,000");
8. the situation: people at a square or in a strike are protesters, people
   taken to a police station are detained;
9. an elliptical figure continues the count before it ("and one more in
   Shetpe", "that makes 17", "put it at 60 to 70", "I counted eight").
"a man was shot dead" counts one death (deaths and injuries only: one person's
arrest or sentence is a case report, not a figure).
Only a few tokens either side are looked at, so this is linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .numbers import NEGATIONS, Mention, Token
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
grew is was were are at to into included include includes rises reaches climbs exceeds exceed tops totals totalled""".split())
# Linking verbs that are also the figure's qualifier: "the number of detainees exceeds 14,000".
LINKING_QUALIFIERS = frozenset("exceeds exceeded exceed".split())
# ... and denied: "the toll among the attackers did not exceed 18" (the figure then starts at "did").
_DENIAL_LEAD = NEGATIONS | frozenset("did does do doesn didn has have had will would".split())
NOT_DETENTION = frozenset("responsible accountable liable talks a an the rally rallies meeting meetings protest protests up hostage hostages".split())
REVISION_VERBS_CUE = frozenset("revised raised lowered corrected updated increased rose then".split())
_TOTAL_NOUNS = frozenset(["figure", "number", "toll", "total", "tally", "count"])
JAIL_WORDS = frozenset(["jailed", "imprisoned", "locked up", "behind bars"])
_COURT = re.compile(r"\b(?:court|trial|verdict|judge|sentenc\w*|convict\w*|guilty|acquitt\w*|years?)\b", re.I)
DETERMINERS = frozenset("the a an his her their its our my your this that these those some any each every".split())
OBJECT_START = frozenset("""the a an his her their its our my your this that these those him them us me one two
three four five six seven eight nine ten dozens hundreds thousands""".split())
PERSON_SUFFIXES = ("ers", "ors", "ists", "ians", "ees", "men", "ants", "ents", "ites", "ans", "ives", "eys", "folk")
PARTITIVE_PRONOUNS = frozenset("them whom those these us you".split())
RELATIVE = frozenset(["who", "that", "whom"])
FINITE_AUX = frozenset("has have had was were is are".split())
# Fronted phrases that say what the figures after them count: "Of the dead, 13 were police
# officers"; "As for the wounded, a hundred or more"; "On detentions, the prosecutor said 9,900 ...".
FRAME_OPENERS = (("as", "for"), ("as", "to"), ("of",), ("among",), ("amongst",), ("regarding",), ("on",))
_OPENERS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _o in FRAME_OPENERS:
    _OPENERS_BY_FIRST.setdefault(_o[0], []).append(_o)
PARTITIVE_FRAMES = frozenset(["of", "among", "amongst"])
# Words before an elliptical figure that say it continues the count before it:
# "that makes 17", "I counted eight", "bringing it to 17", "put it at 60 to 70".
ELLIPSIS_BEFORE = frozenset("makes making make made counted count counting".split())
ANAPHORA_VERBS = frozenset("""put puts putting placed places placing estimated estimate estimates estimating set sets
reckon reckons reckoned bring brings bringing brought took take takes taking""".split())
# A figure the verb before links to a noun before it: "the number of attackers is believed to be
# about 20", "supporters of the defendants numbered roughly 200".
NUMBER_NOUNS = frozenset("number numbers count tally total estimate estimates figure".split())
NUMBERED_VERBS = frozenset("numbered numbering number numbers totalled totaled totalling totaling".split())
# Participation: the counted people take part in an event named earlier in the sentence.
PARTICIPATION_VERBS = frozenset("involved involving mobilised mobilized mobilising mobilizing".split())
PROTEST_EVENTS = frozenset("""strike strikes protest protests rally rallies demonstration demonstrations walkout
walkouts sit-in sit-ins march marches picket pickets stoppage""".split())
WEAK_PARTICIPATION = frozenset(["took part", "taken part", "take part", "taking part", "participated"])
# Taken somewhere that means detention: "they took about two dozen of us to the police station".
TAKE_VERBS = frozenset("""took taken take takes taking brought bring bringing dragged drag bundled hauled carried
drove driven herded marched loaded""".split())
CUSTODY_PLACES = (("police", "station"), ("police", "stations"), ("police", "van"), ("police", "vans"),
                  ("police", "bus"), ("police", "buses"), ("custody",), ("detention",), ("police", "headquarters"),
                  ("holding", "centre"), ("holding", "center"), ("holding", "centres"), ("pre-trial", "detention"))
# A crowd at a public square: "three thousand people stood on the main square".
SITE_VERBS = frozenset("""stood stand standing were was remained stayed sat sitting camped camping waited waiting
assembled massed packed filled crowded gathered gathering converged""".split())
SITE_NOUNS = frozenset("square squares maidan".split())
# Verbs that say an attacker was killed ("dozens of attackers have been eliminated"); of anyone else
# they say nothing of the kind ("two candidates were eliminated").
ATTACKER_DEATH_VERBS = frozenset(["eliminated", "neutralised", "neutralized"])
# "a man was shot dead" counts one death; "a journalist was jailed" reports one case, no figure.
ONE_PERSON_MEASURES = frozenset(["deaths", "injured"])
# Nouns for a total that are singular: "the 2011 toll" names a year, not 2011 deaths.
SINGULAR_OUTCOMES = frozenset(["toll", "death toll", "body count"])


# People who work where the injured are treated: "300 staff in intensive care units" are not patients.
STAFF_NOUNS = frozenset("""staff staffers personnel doctors doctor nurses nurse medics medic
paramedics surgeons physicians orderlies specialists""".split())


# Outcome words that say what happened to the counted people without a verb: "16 people dead".
_BARE_OUTCOMES = frozenset(["dead", "injured", "wounded", "detained", "arrested", "convicted"])


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
        if j + 1 < n and words[j][:1].isdigit():
            j += 1  # "six of the 40 detainees": the whole they are part of
        start = j
    steps = 0
    last_unknown = None
    if words[j:j + 2] == ["-", "strong"]:
        j += 2  # "a 5,000-strong crowd"
        start = j
    # the words a phrase of each table starts with: most words start none, and need no look-up
    outcome_firsts, role_firsts, subject_firsts = vocab.outcome._entries, vocab.roles._entries, vocab.subjects._entries
    verb_firsts = vocab.verbs._entries
    while j < n and steps < 6:
        w = words[j]
        if w in ('"', "'", "(", ")") and w not in ("(", ")"):
            j += 1
            steps += 1
            continue
        for table, kind in ((vocab.outcome, "outcome"), (vocab.roles, "role"), (vocab.subjects, "subject")) if (
                w in outcome_firsts or w in role_firsts or w in subject_firsts) else ():
            hit = table.match_at(words, j)
            if hit:
                length, value = hit
                text = " ".join(t.text for t in tokens[j:j + length])
                end = j + length
                # "strikers and residents": the head runs on through a coordinated noun
                if end + 1 < n and words[end] in ("and", "or"):
                    other = _coordinated(words, end + 1, vocab)
                    if other is not None:
                        end = other[2]
                        if kind == "subject" and other[0] == "role":
                            # "1,000 police and interior troops": the role beside the group says what is counted
                            kind, value = "role", other[1]
                return _Head(kind, value, text, j, end, partitive)
        if w in vocab.things:
            return _Head("thing", "", tokens[j].text, j, j + 1, partitive)
        if w.endswith("ed") and w in AUX and j + 1 < n and (vocab.outcome.match_at(words, j + 1) or vocab.subjects.match_at(words, j + 1)):
            j += 1  # "14 confirmed deaths": a participle used as an adjective
            steps += 1
            continue
        if w in AUX or w in MODALS or w in STOP_AFTER or not w[:1].isalpha() or w == "of" and last_unknown is not None:
            break  # ... "16 organisers of the riots": the noun is before the of-phrase
        if w in verb_firsts and vocab.verbs.match_at(words, j):
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


def _coordinated(words: list[str], k: int, vocab: Vocabulary) -> Optional[tuple[str, str, int]]:
    """(kind, value, end) of the noun coordinated with a head at ``k`` ("residents and activists"), over
    a modifier or two before it ("and local activists", "or National Guard troops"), or None."""
    n = len(words)
    for a in (k, k + 1, k + 2):
        if a >= n or vocab.verbs.match_at(words, a) or not words[a][:1].isalpha():
            return None
        role, subject = vocab.roles.match_at(words, a), vocab.subjects.match_at(words, a)
        hit = role or subject
        if hit is None:
            if words[a] in DETERMINERS and words[a] not in ("their", "its"):
                return None  # "two activists and a journalist": individuals named one by one (but "and their supporters")
            continue
        b = a + hit[0]
        if a == k and b < n and (vocab.roles.match_at(words, b) or vocab.subjects.match_at(words, b)):
            continue  # a modifier that is a noun too: "local" in "local activists"
        return ("role", role[1], b) if role else ("subject", subject[1], b)
    return None


def _predicate_after(words: list[str], tokens: list[Token], j: int, vocab: Vocabulary) -> tuple[Optional[str], str, bool]:
    """(measure, cue, hypothetical) from a verb after the counted noun phrase."""
    n = len(words)
    steps = 0
    saw_aux = False
    hypothetical = False
    verb_firsts = vocab.verbs._entries
    while j < n and steps < 9:
        w = words[j]
        if w in ('"', "'", ")") and steps == 0 or w in ('"', "'") and saw_aux:
            j += 1  # a closing quote or bracket: '"thousands" had taken part', 'had been "liquidated"'
            continue
        if w in RELATIVE and steps == 0:
            # "No commander who gave the order to fire has ever been convicted": the main verb
            # follows the relative clause; try each finite auxiliary in the next few words
            for k in range(j + 2, min(n, j + 12)):
                if words[k] in (",", ";", ".", ":", "(", ")"):
                    break
                if words[k] in FINITE_AUX:
                    got = _predicate_after(words, tokens, k, vocab)
                    if got[0]:
                        return got
            # otherwise the relative clause itself may say it: "people who were killed"
            j += 1
            steps += 1
            continue
        if w == "," and j + 1 < n and words[j + 1] in ("who", "which"):
            j += 2  # ", who were sentenced": the relative clause says what happened to them
            steps += 1
            continue
        if w in _SHORT_PP and steps == 0:
            # "the two organisers of the Atyrau rally were sentenced", "nine men from our street were buried",
            # "two men from the village died": pass over a short prepositional phrase
            k = j + 1
            while k < n and k < j + 6 and words[k] not in STOP_AFTER and words[k] not in AUX and not vocab.verbs.match_at(words, k):
                k += 1
            if k < n and (words[k] in AUX or words[k] == "," and w == "of" or w != "of" and words[k] in _NO_OBJECT_VERBS):
                j = k
                steps += 1
                continue
            break
        if w == "," and j + 1 < n and words[j + 1] in ("including", "among", "mostly", "most", "many", "some", "of", "according", "who", "officials", "police", "reportedly", "allegedly", "the", "it", "he", "she", "they"):
            # skip a parenthetical up to the next comma: "150 people, including children, were killed"
            k = j + 1
            while k < n and k < j + 14 and words[k] != ",":
                k += 1
            if k < n and words[k] == ",":
                j = k + 1
                steps += 1
                continue
            break
        hit = vocab.verbs.match_at(words, j) if w in verb_firsts else None
        if not hit and steps == 0 and (w.endswith("ed") or w in ("held", "taken", "brought", "caught")) \
                and j + 1 < n and words[j + 1] in _REDUCED_RELATIVE_PREPS:
            later = _main_verb_after(words, tokens, j + 1, vocab)  # "two men held in Taldykorgan died"
            if later is not None:
                return later[0], later[1], hypothetical
        if not hit and (saw_aux or steps == 0) and w in _BARE_OUTCOMES:
            # "16 people dead", "Seventeen people are dead", "64 wounded"
            out = vocab.outcome.match_at(words, j)
            if out:
                hit = out
        if hit:
            length, measure = hit
            after = words[j + length] if j + length < n else ""
            if after in NOT_DETENTION and words[j + length - 1] == "held":
                return None, "", hypothetical  # "was held responsible", "held a rally"
            # "killed the ..." has an object, "died the next day" has none
            active = not saw_aux and after in OBJECT_START and measure != "protesters" and w not in _NO_OBJECT_VERBS
            if active:
                return None, "", hypothetical
            if steps == 0 and after in _REDUCED_RELATIVE_PREPS:
                # "two men held in Taldykorgan died", "11 of the men accused over the storming were found guilty":
                # the participle describes them; the main verb further on says what happened
                later = _main_verb_after(words, tokens, j + length, vocab)
                if later is not None and later[0] != measure and later[0] in ("deaths", "convicted", "injured", "detained"):
                    return later[0], later[1], hypothetical
            return measure, " ".join(t.text for t in tokens[j:j + length]), hypothetical
        if steps == 0 and w.endswith("ing") and w not in verb_firsts:
            # "two conscripts guarding the building were killed": past the participle phrase to the main verb
            k = next((k for k in range(j + 1, min(n, j + 8)) if words[k] in FINITE_AUX), None)
            if k is not None and not any(x in (",", ";", ".", "and", "but") for x in words[j + 1:k]):
                j = k
                steps += 1
                continue
        if w == "admitted" and "to" in words[j + 1:j + 2] and not {"hospital", "hospitals"}.isdisjoint(words[j + 2:j + 7]):
            return "injured", " ".join(t.text for t in tokens[j:j + 2]), hypothetical  # "admitted to the city's hospitals"
        if saw_aux and j + 2 < n and words[j + 1] == "and" and w.endswith(("ed", "en")) and w not in AUX:
            j += 2  # "were beaten and detained": the participle coordinated with the measure's
            steps += 1
            continue
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


_ITEM_MARKS = frozenset(["*", "-", "\u2022", "\u00b7", "+"])
_FACT_SEPARATORS = frozenset(["-", ":", "\u2013", "\u2014"])
_GIVEN_AS = frozenset("""reported given put announced estimated recorded listed confirmed stated set cited quoted
registered""".split())
_BE_ONE_OF = frozenset(["was", "is", "were", "are", "as", "being", "became", "become", "remains", "remained"])
_SECURITY_SUBJECTS = frozenset("""police authorities officers troops soldiers forces guards knb agents officials
investigators prosecutors""".split())
_ATTACK_VERBS = frozenset(["attacked", "stormed", "raided", "torched", "looted", "ransacked", "armed"])
_NOR_AUX = frozenset(["has", "have", "had", "was", "were", "is", "are", "did", "does", "do"])
_NO_OBJECT_VERBS = frozenset(["died", "die", "dies", "perished", "perish"])
_SHORT_PP = frozenset(["of", "from"])
_REDUCED_RELATIVE_PREPS = frozenset(["in", "at", "over", "during", "after", "for", "on", "near", "outside", "from"])


def _main_verb_after(words: list[str], tokens: list[Token], k: int, vocab: Vocabulary) -> Optional[tuple[str, str]]:
    """(measure, cue) of a finite verb within the clause after a participle phrase, or None."""
    verb_firsts = vocab.verbs._entries
    for p in range(k, min(len(words), k + 12)):
        w = words[p]
        if w in (",", ";", ".", ":", "(", ")", "and", "but", "who", "which", "that"):
            return None
        if w in FINITE_AUX:
            got = _predicate_after(words, tokens, p, vocab)
            return (got[0], got[1]) if got[0] else None
        if w in verb_firsts and w.endswith("ed") or w in ("died", "perished"):
            if p + 1 < len(words) and (words[p + 1] == "by" or words[p + 1] in _REDUCED_RELATIVE_PREPS) and w not in (
                    "died", "perished"):
                continue  # "troops deployed by the CSTO": another participle inside the phrase
            hit = vocab.verbs.match_at(words, p)
            if hit:
                return hit[1], " ".join(t.text for t in tokens[p:p + hit[0]])
    return None


def _cue_before(words: list[str], tokens: list[Token], i: int, vocab: Vocabulary) -> tuple[Optional[str], str]:
    """(measure, cue) from an outcome noun or verb standing before the figure in its clause."""
    j = i
    steps = 0
    outcome_lasts, verb_lasts = vocab.outcome._last_words, vocab.verbs._last_words
    while j > 0 and steps < 8:
        w = words[j - 1]
        if w in outcome_lasts or w in verb_lasts:  # else no phrase of either ends here
            for table in (vocab.outcome, vocab.verbs):
                hit = table.match_ending_at(words, j, 4)
                if hit:
                    length, measure = hit
                    return measure, " ".join(t.text for t in tokens[j - length:j])
        if w in FILLERS_BEFORE or w.endswith("ly"):
            j -= 1
            steps += 1
            continue
        break
    # "the death toll among the attackers had risen to 18", "raised the number of people killed
    # from 232 to 238": a linking word just before the figure lets the cue stand further back
    # ("the number of detained persons exceeds 14,000": the qualifier is the linking verb itself)
    if i >= 2 and (words[i - 1] in LINKING_BEFORE or words[i - 1] == "from" or words[i - 2] in LINKING_BEFORE
                   or words[i - 1] == "as" and words[i - 2] in _GIVEN_AS  # "the number of deceased was reported as 230"
                   or words[i] in LINKING_QUALIFIERS
                   or words[i] in _DENIAL_LEAD and not LINKING_QUALIFIERS.isdisjoint(words[i:i + 4])):
        k = i - 1
        while k > 0 and i - k < 14 and words[k - 1] not in (",", ";", ":", ".", '"', "-", "(", ")"):
            for table in (vocab.outcome, vocab.verbs):
                hit = table.match_ending_at(words, k, 3)
                if hit and not _bodies_of_state(words, k) and not _describes_one(words, k, vocab):
                    return hit[1], " ".join(t.text for t in tokens[k - hit[0]:k])
            k -= 1
    return None, ""


def _describes_one(words: list[str], k: int, vocab: Vocabulary) -> bool:
    """"The dead man was 45", "the injured officer was 32": the outcome word describes one person (the figure
    is theirs: an age), not a count."""
    if k >= len(words) or words[k].endswith("s"):
        return False
    return bool(vocab.subjects.match_at(words, k) or vocab.roles.match_at(words, k))


def _bodies_of_state(words: list[str], k: int) -> bool:
    """"the bodies of police", "internal affairs bodies of the region": institutions, as translations say,
    not the dead (words[k - 1] is the cue's last word)."""
    return words[k - 1] in ("bodies", "body") and k + 1 < len(words) and words[k] == "of" \
        and not words[k + 1][:1].isdigit() and words[k + 1] not in ("the", "those", "victims", "people", "dead")


def _frame(words: list[str], tokens: list[Token], vocab: Vocabulary) -> Optional[tuple[str, str, bool, int]]:
    """(measure, cue, partitive, token after the comma) of a fronted phrase naming what the sentence counts:
    "Of the dead, ...", "Among those detained, ...", "As for the wounded, ...", "On detentions, ..."."""
    n = len(words)
    start = 0
    # after a speaker label or an opening quote: "A: Of the dead, ...", '"As for the wounded, ...'
    for k in range(min(n, 5)):
        if words[k] == ":" or words[k] == '"' and k == 0:
            start = k + 1
            break
    while start < n and words[start] in ('"', "'", "-"):
        start += 1
    opener = None
    for o in _OPENERS_BY_FIRST.get(words[start], ()) if start < n else ():
        if tuple(words[start:start + len(o)]) == o:
            opener = o
            break
    if opener is None:
        return None
    for k in range(start + len(opener), min(n, start + 10)):
        if words[k] == ",":
            for j in range(k, start + len(opener), -1):
                for table in (vocab.outcome, vocab.verbs):
                    hit = table.match_ending_at(words, j, 3)
                    if hit:
                        return hit[1], " ".join(t.text for t in tokens[j - hit[0]:j]), opener[0] in PARTITIVE_FRAMES, k + 1
            return None
        if words[k] in (";", ".", ":", "(", ")") or words[k][:1].isdigit():
            return None
    return None


def _role_before_link(words: list[str], tokens: list[Token], i: int, vocab: Vocabulary) -> Optional[tuple[str, str]]:
    """The role noun a linking verb before the figure ties it to: "the number of attackers is believed to
    be about 20", "the number of strikers at fewer than 1,000", "supporters of the defendants numbered roughly 200"."""
    k = i - 1
    numbered = k > 0 and (words[k] in NUMBERED_VERBS or words[k] == "at" and any(
        w in ANAPHORA_VERBS for w in words[max(0, k - 6):k]))  # "estimated the crowd at 5,000"
    while k > 0 and i - k < 14 and words[k - 1] not in (",", ";", ":", ".", '"', "-", "(", ")"):
        hit = vocab.roles.match_ending_at(words, k, 3)
        if hit:
            b = k - hit[0]
            if b > 0 and words[b - 1] in ("the", "a"):
                b -= 1  # "estimates of the crowd"
            before = words[max(0, b - 2):b]
            named_count = len(before) >= 1 and before[-1] == "of" and len(before) == 2 and before[0] in NUMBER_NOUNS
            if named_count or numbered and "among" not in before:
                return hit[1], " ".join(t.text for t in tokens[k - hit[0]:k])
        k -= 1
    return None


def _participation(words: list[str], i: int) -> bool:
    """ "the strike ... at its height, involved an estimated 1,500 employees": taking part in a protest."""
    j = i - 1
    while j >= 0 and i - j < 6 and words[j] in FILLERS_BEFORE and words[j] not in PARTICIPATION_VERBS:
        j -= 1
    if j < 0 or words[j] not in PARTICIPATION_VERBS:
        return False
    return not PROTEST_EVENTS.isdisjoint(words[max(0, j - 30):j])


def _taken_into_custody(words: list[str], i: int, j: int) -> bool:
    """ "They took about two dozen of us from our street to the police station": figure i..j."""
    k = i - 1
    while k >= 0 and i - k <= 3 and words[k] in FILLERS_BEFORE and words[k] not in TAKE_VERBS:
        k -= 1
    if k < 0 or words[k] not in TAKE_VERBS:
        return False
    for p in range(j, min(len(words), j + 10)):
        if words[p] in (".", ";", ","):
            return False
        if any(tuple(words[p:p + len(place)]) == place for place in CUSTODY_PLACES):
            return True
    return False


_HOLD_VERBS = frozenset(["held", "kept", "locked", "detained", "arrested"])
_PASSIVE_BE = frozenset(["was", "were", "is", "are", "be", "been", "being"])
_HOLD_AFTER = frozenset(["for", "at", "in", "overnight", "without", "until", "incommunicado", "up", "together", "there"])
# Things that are held the way a meeting is, not the way a person is: "the rally was held on the square with 5,000".
EVENT_NOUNS = frozenset("""rally rallies meeting meetings talks ceremony ceremonies event events conference conferences
vote votes election elections referendum referendums session sessions hearing hearings trial trials funeral funerals
march marches protest protests demonstration demonstrations concert concerts festival festivals forum forums summit
summits congress briefing briefings assembly gathering gatherings celebration celebrations parade parades picket pickets
memorial service services consultations negotiations discussion discussions exercise exercises drill drills
competition competitions match matches tournament campaign round""".split())
PERSON_PRONOUNS = frozenset("he she they we i you who whom".split())
PERSON_NOUNS = frozenset("""man men woman women people person persons boy boys girl girls son sons daughter daughters
brother brothers sister sisters husband father mother wife child children friend friends relative relatives
colleague colleagues neighbour neighbours neighbor neighbors""".split())


def _person_subject(tokens: list[Token], words: list[str], p: int, vocab: Vocabulary) -> bool:
    """Whether the subject of the verb at ``p`` is a person ("he was held", "the men were held") and
    not an event ("the rally was held"): the nearest noun before it in the sentence decides."""
    for k in range(p - 1, max(-1, p - 20), -1):
        w = words[k]
        if w in (".", ";", ":", '"', "!", "?"):
            return False
        if w in EVENT_NOUNS:
            return False
        if w in PERSON_PRONOUNS or w in PERSON_NOUNS or (len(w) > 4 and w.endswith(PERSON_SUFFIXES)):
            return True
        hit = vocab.subjects.match_ending_at(words, k + 1, 3) or vocab.roles.match_ending_at(words, k + 1, 3)
        if hit:
            return True
        t = tokens[k].text
        if t[:1].isupper() and w not in DETERMINERS and w not in AUX and w not in OBJECT_START:
            return True  # a name: "Seitkali was held"
    return False


def _held_with(tokens: list[Token], words: list[str], i: int, vocab: Vocabulary) -> bool:
    """ "was held for two days at a police station with, he says, about 60 other men": the people held
    with someone are detained too. The verb must be the passive or intransitive sense ("was held",
    "held for two days"), not "held talks with 20 leaders", and its subject a person: "the rally was
    held on the main square with about 5,000 people" says nothing of detention."""
    k = i - 1
    if k >= 0 and words[k] == ",":  # an aside: "with, he says, about 60"
        a = k - 1
        while a >= 0 and k - a <= 4 and words[a] != ",":
            a -= 1
        if a < 0 or words[a] != ",":
            return False
        k = a - 1
    if k < 1 or words[k] != "with":
        return False
    p = k - 1
    asides = 0
    while p >= 0 and k - p < 16:
        w = words[p]
        if w == "," and asides == 0 and p == k - 1:  # an aside before "with": "was held, he says, with"
            a = p - 1
            while a >= 0 and p - a <= 4 and words[a] != ",":
                a -= 1
            if a < 0 or words[a] != ",":
                return False
            asides += 1
            p = a - 1
            continue
        if w in (".", ";", ":", '"', ","):
            return False
        if w in _HOLD_VERBS:
            passive = p > 0 and words[p - 1] in _PASSIVE_BE
            if not (passive or words[p + 1] in _HOLD_AFTER or words[p + 1] == "with"):
                return False
            return _person_subject(tokens, words, p - 1 if passive else p, vocab)
        p -= 1
    return False


ROUTE_NOUNS = frozenset("""road roads highway highways motorway railway railways line lines train trains track tracks
traffic street streets bridge bridges junction crossing crossings entrance entrances""".split())


def _blocked_route(words: list[str], j: int) -> bool:
    """ "300 people blocked the road", "several hundred young men blocked a passenger train": ``j`` is the
    token after the counted noun; a few words at most stand between "blocked" and the road or train."""
    n = len(words)
    k = j
    while k < n and k < j + 3 and words[k] in ("had", "have", "has", "also", "then", "later", "briefly"):
        k += 1
    if not (k < n and words[k] == "blocked"):
        return False
    for p in range(k + 1, min(n, k + 5)):
        if words[p] in ROUTE_NOUNS:
            return True
        if words[p] in STOP_AFTER:
            return False
    return False


# Counted people whose presence is no protest: "500 police officers camped outside the court",
# "200 journalists gathered". Only a verb that says they protested makes them protesters (not for police).
OBSERVER_GROUPS = frozenset(["security forces", "journalists"])
EXPLICIT_PROTEST = frozenset([
    "protested", "protesting", "rallied", "marched", "demonstrated", "took to the streets", "went on strike",
    "striking", "on strike", "stopped work", "walked out", "downed tools", "staged a sit-in", "refused to work",
    "joined the protests", "joined the protest", "joined the rally", "joined the strike", "joined the strikes",
    "joined the demonstration", "joined the demonstrations",
])


def _explicit_protest(cue: str) -> bool:
    return " ".join(cue.lower().split()) in EXPLICIT_PROTEST


_THERE_AFTER = frozenset([",", ".", ";", "by", "at", "on", "from", "in"])


def _crowd_there(words: list[str], i: int, j: int) -> bool:
    """A crowd told by where it was, figure i..j: "There were thousands of people there", "there were at least
    5,000 of us on the square", "several thousand of them filled the town square", "tens of thousands went out
    into the streets"."""
    n = len(words)
    k = j
    if words[k:k + 2] in (["of", "us"], ["of", "them"]):
        k += 2
    k0 = k
    while k < n and k - k0 < 2 and words[k] in ("had", "have", "has", "then", "soon", "quickly"):
        k += 1
    if k < n and words[k] in ("filled", "packed", "crowded", "flooded", "occupied"):
        return any(w in SITE_NOUNS or w == "streets" for w in words[k + 1:k + 5])
    if k + 2 < n and words[k] in ("went", "came", "poured", "spilled") and words[k + 1] in ("out", "into", "onto"):
        return any(w == "streets" or w in SITE_NOUNS for w in words[k + 1:k + 5])
    existential = i >= 2 and words[i - 2] == "there" and words[i - 1] in ("were", "was")
    if not existential:
        # "Up to 5,000 people were there by midday": people who were at the place the story is about
        return words[k:k + 2] == ["were", "there"] and (k + 2 >= n or words[k + 2] in _THERE_AFTER)
    return k < n and words[k] in ("there", "here") or _at_protest_site(words, k)


def _at_protest_site(words: list[str], j: int) -> bool:
    """People at a square: "three thousand people stood on the main square", "people on the square"."""
    n = len(words)
    k = j
    if k < n and words[k] in ("had", "have", "has") and k + 1 < n and words[k + 1] in SITE_VERBS:
        k += 1
    if k < n and words[k] in SITE_VERBS:
        k += 1
    if k < n and words[k] in ("still", "there", "together", "peacefully"):
        k += 1
    if not (k < n and words[k] in ("on", "in", "at", "into", "onto", "across")):
        return False
    for p in range(k + 1, min(n, k + 6)):
        if words[p] in SITE_NOUNS:
            return True
        if words[p] in (",", ".", ";", "and", "-"):
            return False
    return False


def _other_predicate(words: list[str], j: int, vocab: Vocabulary) -> bool:
    """A verb of its own after the figure that is no measure: "More than 1,100 of them have been charged"."""
    n = len(words)
    k = j
    saw = False
    while k < n and k < j + 5 and (words[k] in FINITE_AUX or words[k] in ("been", "being", "already", "also", "since", "later", "now") or words[k].endswith("ly")):
        saw = True
        k += 1
    if not saw or k >= n or vocab.verbs.match_at(words, k):
        return False
    w = words[k]
    return w.endswith("ed") or w in ("charged", "released", "freed", "fined", "pardoned", "acquitted", "given", "taken", "shown", "seen", "known")


def _other_verb_before(words: list[str], tokens: list[Token], i: int) -> bool:
    """The figure is the object of a verb that is no measure: "the company sacked close to a thousand of
    them" (measure verbs before a figure are read before this is asked)."""
    if i < 1 or not tokens[i - 1].text.islower():
        return False
    w = words[i - 1]
    return len(w) > 4 and w.endswith("ed") and w not in FILLERS_BEFORE and w not in AUX


def _verb_after_aux(words: list[str], j: int, verbs: frozenset) -> bool:
    """One of ``verbs`` after a few auxiliaries at ``j``: "have been eliminated"."""
    k = j
    while k < len(words) and k < j + 4 and (words[k] in AUX or words[k] in ('"', "'")):
        k += 1
    return k < len(words) and words[k] in verbs


def _is_hypothetical_before(tokens: list[Token], words: list[str], i: int) -> bool:
    """A possibility or condition earlier in the figure's clause: "could rise to 300", "if 100 were arrested".

    "would"/"will" only count with a condition or a verb of growth ("will rise to"): "said it
    would deploy 2,500 troops" reports a plan, not a guess."""
    j = i - 1
    stop = max(-1, i - 9)  # eight words back at most
    while j > stop:
        w = words[j]
        if w in _HYPOTHESIS_WORDS:  # most words are none of these
            if w in _CLAUSE_BREAKS and j < i - 1:
                break
            if w in HYPOTHETICAL:
                return True
            if w in ("could", "might") or (w == "may" and tokens[j].text == "may"):
                return True
            if w in ("would", "will", "should") and (not FUTURE_VERBS.isdisjoint(words[j + 1:i]) or "if" in words[max(0, i - 40):i]
                                                     or w == "would" and ("if" in words[i:i + 12] or words[0] == "had")):
                return True  # ... "it would send up to 5,000 more troops if asked"
        j -= 1
    return False


_CLAUSE_BREAKS = frozenset([",", ";", ".", ":", "and", "but", "that", "which", "who", "while", "-"])
_HYPOTHESIS_WORDS = _CLAUSE_BREAKS | HYPOTHETICAL | frozenset(["could", "might", "may", "would", "will", "should"])


CAPACITY_BEFORE = frozenset([("room", "for"), ("space", "for"), ("capacity", "for"), ("capacity", "of"),
                             ("can", "hold"), ("could", "hold"), ("to", "hold"), ("designed", "for"), ("built", "for"),
                             ("enough", "for"), ("beds", "for"), ("places", "for"), ("gathering", "for"),
                             ("rally", "for"), ("event", "for"), ("permit", "for"), ("approved", "for"),
                             ("sanctioned", "for"), ("authorised", "for"), ("authorized", "for")])
_CAPACITY_LAST = frozenset(w for _, w in CAPACITY_BEFORE)
# outcome nouns that name people, who can then die: "six detainees died", "two of the wounded died"
PEOPLE_OUTCOMES = frozenset(["detainees", "detainee", "prisoners", "wounded", "injured", "arrestees", "convicts",
                             "inmates", "hostages"])


def _found_guilty(words: list[str], first: int, end: int) -> bool:
    """"The court found 12 defendants guilty", "It found 34 of them guilty": the figure between the two words."""
    return first > 0 and words[first - 1] in ("found", "finds", "find") and "guilty" in words[end:end + 5]


def assign(tokens: list[Token], words: list[str], m: Mention, vocab: Vocabulary,
           previous: Optional[Counted]) -> Optional[Counted]:
    """What the figure ``m`` counts, or None when it counts no people affected."""
    if m.q_first >= 2 and words[m.q_first - 1] in _CAPACITY_LAST and (words[m.q_first - 2], words[m.q_first - 1]) in CAPACITY_BEFORE \
            and (words[m.q_first - 1] != "hold" or words[m.q_last:m.q_last + 1] in (["bodies"], ["corpses"], ["beds"])):
        return None  # "the morgue had room for 12 bodies", "can hold 40 bodies" (but "continue to hold 40 activists")
    head = find_head(words, tokens, m.q_last, vocab)
    if head.kind == "none" and (m.q_first == 0 or m.q_first == 1 and words[0] in _ITEM_MARKS) and m.q_last + 1 < len(words) \
            and words[m.q_last] in _FACT_SEPARATORS:
        # a fact box: "238 - people killed in January", "* 9,900: people detained in the first weeks"
        head = find_head(words, tokens, m.q_last + 1, vocab)
    if head.kind == "thing":
        return None
    if head.kind == "outcome" and head.text.lower() in SINGULAR_OUTCOMES and m.value != 1:
        return None  # "the 2011 toll": a year or a label, not a count of tolls
    if m.article:
        return _one_person(tokens, words, m, head, vocab)
    if (m.q_last < len(words) and words[m.q_last] == "more" and previous is not None
            and find_head(words, tokens, m.q_last + 1, vocab).kind == "none"
            and not _predicate_after(words, tokens, m.q_last + 1, vocab)[0]
            and _cue_before(words, tokens, m.q_first, vocab)[0] in (None, previous.measure)):
        # ("killing 16 people and wounding dozens more": the verb before says what the more are)
        # "16 deaths in the town and one more in Shetpe": the count before, continued
        return Counted(previous.measure, previous.subject, previous.group, previous.cue, False,
                       _is_hypothetical_before(tokens, words, m.q_first), m.q_last + 1)
    if m.value == 1 and m.q_first > 0 and words[m.q_first - 1] in _BE_ONE_OF and words[m.q_first + 1:m.q_first + 2] == ["of"]:
        return None  # "she was one of the detained activists", "one of 26 people killed": who, not how many
    if m.word_one and head.kind in ("none", "unknown") and not (
            previous is not None and m.q_first > 0 and words[m.q_first - 1] == "and"
            and words[m.q_last:m.q_last + 1] in (["in"], ["at"], ["near"]) and m.q_last + 1 < len(words)
            and _place_at(tokens, words, m.q_last + 1)):
        return None  # "one of the reasons", "one day"; but "14 died in the town and one in Shetpe"
    # "the 16 people officially killed": a definite figure is referred to, not guessed
    hypothetical = _is_hypothetical_before(tokens, words, m.q_first) and not (
        m.q_first > 0 and words[m.q_first - 1] == "the" and m.qualifier != "vague")  # but "could run into the dozens"
    measure, cue = None, ""
    subject, group = _subject_of(head)
    if head.kind == "outcome":
        measure, cue = head.value, head.text
    after_measure, after_cue, hyp_after = _predicate_after(words, tokens, max(head.end, m.q_last), vocab)
    hypothetical = hypothetical or hyp_after
    if after_measure == "injured" and after_cue.lower().startswith("in ") and (
            head.kind == "unknown" or head.text.lower() in STAFF_NOUNS):
        # "40 beds in intensive care units", "300 staff in medical institutions": a place says who is
        # injured only of people who are there as patients
        after_measure, after_cue = None, ""
    if measure is None and after_measure:
        measure, cue = after_measure, after_cue
    elif after_measure == "deaths" and head.kind == "outcome" and measure != "deaths" and head.text.lower() in PEOPLE_OUTCOMES:
        measure, cue = after_measure, after_cue  # "six detainees died in custody", "two of the wounded died"
    if m.value == 1 and head.partitive and head.kind == "outcome" and not after_measure and m.q_first + 1 < len(words) \
            and words[m.q_first + 1] == "of":
        return None  # "one of the detained activists said": a person of the group, no count of it
    if measure is None and head.kind in ("subject", "unknown_person") and head.end < len(words) \
            and words[head.end] in _ATTACK_VERBS:
        measure, cue = "attackers", words[head.end]  # "a crowd of about 2,000 people attacked the akimat"
    if measure is None and _found_guilty(words, m.q_first, m.q_last):
        measure, cue = "convicted", "found guilty"
    if measure is None and m.q_first > 0 and words[m.q_first - 1] in ("sent", "sends", "send", "sentenced") and (
            words[max(head.end, m.q_last):max(head.end, m.q_last) + 2] in (["to", "prison"], ["to", "jail"], ["to", "prisons"])):
        measure, cue = "convicted", "sent to prison"  # "the court sent 13 to prison"
    if measure is None or (head.kind == "role" and measure == head.value):
        before_measure, before_cue = _cue_before(words, tokens, m.q_first, vocab)
        if before_measure and (measure is None or head.kind == "role" and measure == head.value):
            if not (head.kind == "role" and before_measure == "protesters"):
                measure, cue = before_measure, before_cue
    if measure == "protesters" and head.kind == "role" and head.value != "protesters":
        measure, cue = head.value, head.text  # "3,000 militants took part": taking part is no protest
    if measure is None:
        linked = _role_before_link(words, tokens, m.q_first, vocab)
        if linked and head.kind in ("none", "subject", "unknown", "unknown_person"):
            measure, cue = linked
    if measure == "protesters" and head.kind == "subject" and group in OBSERVER_GROUPS and (
            group == "security forces" or not _explicit_protest(cue)):
        measure, cue = None, ""  # "500 police officers blocked the roads", "200 journalists camped outside"
    if measure is None and head.kind in ("none", "subject", "unknown_person") and group == "people" and (
            _participation(words, m.q_first) or head.kind != "none" and (
                _at_protest_site(words, head.end) or _blocked_route(words, head.end))
            or _crowd_there(words, m.q_first, max(head.end, m.q_last))):
        measure, cue = "protesters", "protest"
    elif measure is None and words[m.q_last:m.q_last + 2] in (["of", "us"], ["of", "them"]) and _crowd_there(
            words, m.q_first, m.q_last):
        measure, cue = "protesters", "protest"  # "several thousand of them filled the town square"
    if m.q_first >= 2 and words[m.q_first - 1] in ("held", "holding") and head.kind in ("role", "subject", "outcome") \
            and not _SECURITY_SUBJECTS.isdisjoint(words[max(0, m.q_first - 8):m.q_first - 1]):
        measure, cue = "detained", "held"  # "Police in Almaty held 47 demonstrators": held by police is detained
    if measure is None and _taken_into_custody(words, m.q_first, max(head.end, m.q_last)):
        measure, cue = "detained", "taken to the police"
    if measure is None and head.kind in ("subject", "unknown_person") and _held_with(tokens, words, m.q_first, vocab):
        measure, cue = "detained", "held with"
    if measure == "protesters" and after_cue.lower() in WEAK_PARTICIPATION and previous is not None and (
            previous.measure in ("attackers", "troops") and head.kind in ("none", "subject")):
        measure, cue = previous.measure, previous.cue  # "20,000 attackers were involved ... thousands had taken part"
    if head.kind == "role" and head.value == "attackers" and measure in (None, "attackers") and _verb_after_aux(
            words, head.end, ATTACKER_DEATH_VERBS):
        measure, cue = "deaths", head.text  # "13 militants were neutralised"
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
    frame = _frame(words, tokens, vocab) if measure is None else None
    if frame and m.q_first >= frame[3] and not _other_predicate(words, max(head.end, m.q_last), vocab):
        measure, cue = frame[0], frame[1]
        if frame[2] and head.kind in ("subject", "role") and group != "people":
            head.partitive = True
    if measure is None and previous is not None and head.kind == "none" and prev_word == ";" and (
            m.q_last >= len(words) or words[m.q_last] in ("(", ";", ".", ",")):
        # "Deaths: 16-17 (official); 64+ (opposition)": the next value of the same list
        measure, cue = previous.measure, previous.cue
    if measure is None and previous is not None and head.kind == "none" and (
            prev_word in ELLIPSIS_BEFORE or prev_word == "with" and words[m.q_last:m.q_last + 1] == ["in"] or prev_word in ("at", "to") and prev2 == "it" and m.q_first > 2
            and words[m.q_first - 3] in ANAPHORA_VERBS):
        measure, cue = previous.measure, previous.cue  # "that makes 17", "put it at 60 to 70"
    listed = prev_word in ("including", "incl", "among", ":", "and") or (prev_word == "them" and prev2 == "among")
    is_sub = prev_word in ("including", "incl", "among", "them", "included", "include", "includes") or (head.partitive and head.kind in ("subject", "role", "unknown_person"))
    if previous is not None and measure is None and _refers_back(words, m.q_first, prev_word):
        measure, cue = previous.measure, previous.cue  # "revised the figure to 14", "up from 2,000"
    if head.partitive and head.kind in ("none", "subject", "unknown_person") and words[m.q_last:m.q_last + 2] == ["of", "them"] \
            and not _other_verb_before(words, tokens, m.q_first):
        # "troops from the CSTO - a little over 2,000 of them": them = the nearest role noun before
        k = m.q_first - 1
        while k >= 0 and m.q_first - k < 12 and words[k] not in (".", ";"):
            hit = vocab.roles.match_at(words, k)
            if hit and measure is None:
                measure, cue = hit[1], tokens[k].text
                break
            k -= 1
    if previous is not None and (is_sub or head.partitive or listed) and not (
            measure is None and (_other_predicate(words, max(head.end, m.q_last), vocab)
                                 or _other_verb_before(words, tokens, m.q_first))):
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
    if measure == "detained" and cue.lower() in JAIL_WORDS and _COURT.search(" ".join(words[max(0, m.q_first - 40):m.q_last + 40])):
        measure = "convicted"  # "13 jailed" after a trial means sentenced
    if group != "people" and head.kind in ("subject", "role"):
        is_sub = True
    if is_sub and group == "people" and head.kind != "none":
        is_sub = False
    return Counted(measure, subject, group, cue, is_sub, hypothetical, max(head.end, m.q_last))


PLACE_NOUNS = frozenset("""village villages town towns city cities region regions district districts settlement
settlements oblast province area capital port station suburb neighbourhood neighborhood""".split())


def _place_at(tokens: list[Token], words: list[str], k: int) -> bool:
    """A named place at ``k``: "Shetpe", "the Mangystau region", "the village of Kuryk", "the nearby town"
    ("one in the crowd", "one in ten" name none)."""
    if k < len(words) and tokens[k].text[:1].isupper():
        return True
    if not (k < len(words) and words[k] in ("the", "a", "another")):
        return False
    for p in range(k + 1, min(len(words), k + 4)):
        if tokens[p].text[:1].isupper() or words[p] in PLACE_NOUNS:
            return True
        if words[p] in STOP_AFTER:
            return False
    return False


def _refers_back(words: list[str], q_first: int, prev_word: str) -> bool:
    """ "revised the figure to 14", "up from 2,000": the figure restates a total named before it."""
    back = words[max(0, q_first - 4):q_first]
    return ("from" in back and "up" in back or "down" in back) or not _TOTAL_NOUNS.isdisjoint(back) or (
        prev_word == "to" and not REVISION_VERBS_CUE.isdisjoint(words[max(0, q_first - 5):q_first]))


def _one_person(tokens: list[Token], words: list[str], m: Mention, head: _Head, vocab: Vocabulary) -> Optional[Counted]:
    """ "a man was shot dead", "an officer died of his wounds": one person, with a verb saying what happened.

    Only a predicate after the noun counts; "jailed two activists and a journalist" or "arrested X, a
    journalist" name individuals and are no figure."""
    k = m.q_last
    while head.kind not in ("subject", "role", "unknown_person") and k < min(len(words), m.q_last + 4):
        k += 1  # past "19-year-old", "young"
        head = find_head(words, tokens, k, vocab)
    if head.kind not in ("subject", "role", "unknown_person") or head.start > m.q_last + 4:
        return None
    measure, cue, hyp = _predicate_after(words, tokens, head.end, vocab)
    if measure not in ONE_PERSON_MEASURES or hyp or _is_hypothetical_before(tokens, words, m.q_first):
        return None
    subject, group = _subject_of(head)
    return Counted(measure, subject, group, cue, group != "people", False, head.end)


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


# The words the negations below start with.
_NEGATION_WORDS = frozenset(["nobody", "none", "zero", "no-one", "no", "not", "nor"])
NEGATORS = ("no one", "no-one", "nobody", "none", "not one", "not a single", "no", "zero", "not any")


def find_negations(tokens: list[Token], words: list[str], vocab: Vocabulary) -> list[tuple[int, int, Counted]]:
    """'no one was killed', 'none of the strikers were detained', 'there were no deaths'."""
    out = []
    if _NEGATION_WORDS.isdisjoint(words):
        return out  # most sentences hold none of the words a negation starts with
    n = len(words)
    i = 0
    while i < n:
        w = words[i]
        if w not in _NEGATION_WORDS:
            i += 1
            continue
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
        elif w == "nor" and i + 2 < n and words[i + 1] in _NOR_AUX and words[i + 2] == "any":
            length = 3  # "Nor has any foreign national been convicted"
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
            if head.kind == "unknown" and not (words[i] == "no" and length == 1 or words[i] == "nor") and not head.partitive:
                head = _Head("none", "", "", j, j)  # "no one knows how many died": "knows" is a verb
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
            also = _coordinated_outcome(words, tokens, end, counted, vocab)
            if also is not None:
                out.append((i, also.head_end, also))  # "no one was killed or seriously injured"
            i = end
        else:
            i += 1
    return out


def _coordinated_outcome(words: list[str], tokens: list[Token], end: int, counted: Counted,
                         vocab: Vocabulary) -> Optional[Counted]:
    """A second outcome verb joined by "or"/"nor" to the one a negation took: "No one was killed or hurt"."""
    n = len(words)
    k = end
    while k < n and k < end + 6 and words[k] not in ("or", "nor") and words[k] not in STOP_AFTER:
        k += 1
    if not (k < n and words[k] in ("or", "nor")):
        return None
    k += 1
    if k < n and words[k].endswith("ly"):
        k += 1  # "seriously"
    hit = vocab.verbs.match_at(words, k) if k < n else None
    if not hit or hit[1] == counted.measure:
        return None
    return Counted(hit[1], counted.subject, counted.group, " ".join(t.text for t in tokens[k:k + hit[0]]),
                   head_end=k + hit[0])
