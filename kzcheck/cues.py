"""Speech cues: who says something in a sentence, and which of its words they say.

A cue is a source, the words that cue it and the span of what the source says: a speech verb and its
subject ("the ministry said", '"...," said Dr Sarsenova', "X, who leads the party, said"), relayed speech
("Interfax quoted the ministry as saying"), "according to X" ("on data of X"), a possessive ("the
ministry's own figures", "by its count"), a revision ("the office raised the toll to 238"; "X has given new
figures", whose figures follow), and a credit after a dash, before a colon or in brackets by a figure. The
cue pass reads the sentences in order and remembers who spoke, for a later "he", "it" or "they", and the
speaker that a paragraph ending with a colon introduces.
"""
from __future__ import annotations

import bisect
import re
import weakref
from typing import Optional

from .context import (
    AUX_ADV, BE, BOUNDARY, COUNTRIES, DETERMINERS, GROUP_HEADS, HONORIFICS, INVERTIBLE, LABEL_STOP, NATIONALITIES,
    NOT_NAME, ORG_HEADS, ORG_WORDS, PERSON_NOUNS, PLACE_WORDS, POST_TITLES, PREPS, PRONOUNS, RECORD_NOUNS,
    RECORD_VERBS, REPORT_NOUNS, ROLE_WORDS, SPEECH_STOP, STANCE_NOUNS, ArticleContext, Cue, Person, copy, is_acronym, is_cap, sentence_words,
    strip_poss,
)
from .model import Source
from .numbers import Token
from .people import (
    LY_NOUNS, ORG_LEAD_DROP, TIME_WORDS, classify, clean_np, names_no_source, np_head, org_key, person_source, resolve,
    split_role,
)
from .segment import Sentence
from .vocab import PhraseTable, Vocabulary
from .voices import PR_ABOUT


ADVERB_ASIDES = frozenset("""however though meanwhile also too instead moreover indeed nevertheless nonetheless
separately earlier later previously initially originally then now today yesterday""".split())
NOUNISH_CUES = frozenset("""reports report claims claim estimates estimate fear fears put puts notes note states
state counts count established establishes warning""".split())
PARTICIPLE_CUES = frozenset("""counted recorded registered documented released published posted cited quoted described
believed reported estimated claimed alleged confirmed announced stated told""".split())
REVISE_VERBS = {"raised": "estimating", "revised": "estimating", "lowered": "estimating", "updated": "estimating",
                "corrected": "estimating", "increased": "estimating", "reduced": "estimating", "put": "estimating",
                "puts": "estimating", "gave": "neutral", "given": "neutral", "give": "neutral", "gives": "neutral",
                "released": "neutral", "releases": "neutral", "published": "neutral", "publishes": "neutral",
                "issued": "neutral", "issues": "neutral", "announced": "neutral", "announces": "neutral",
                "provided": "neutral", "presented": "neutral", "read": "neutral", "unveiled": "neutral",
                # the present tense of timelines and headlines: "15 January - the office raises the toll to 225"
                "raises": "estimating", "revises": "estimating", "lowers": "estimating", "updates": "estimating",
                "corrects": "estimating"}
TOLL_NOUNS = frozenset("""toll tolls number numbers figure figures count tally estimate estimates statistics data
casualties arithmetic breakdown""".split())
TOLL_SKIP = frozenset("""the its their his her a an new latest official final updated revised first preliminary death
casualty detailed own fresh full revised overall total some more""".split())
_HAS_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
                         r"thousands?|scores|handful|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|no one|nobody|none)\b", re.I)


# ---------------------------------------------------------------- cues in sentences

_SEMIS: dict = {}


def _clause(tokens: list[Token], i: int, s: Sentence) -> tuple[int, int]:
    """Offsets of the clause (between semicolons) holding token i."""
    if ";" not in s.text:
        return s.start, s.end
    key = (id(tokens), s.start)
    semis = _SEMIS.get(key)
    if semis is None or semis[0] is not tokens:
        if len(_SEMIS) > 64:
            _SEMIS.clear()
        semis = (tokens, [k for k, t in enumerate(tokens) if t.text == ";"])
        _SEMIS[key] = semis
    idx = semis[1]
    b = bisect.bisect_left(idx, i)
    start = tokens[idx[b - 1]].end if b > 0 else s.start
    end = tokens[idx[b]].start if b < len(idx) and idx[b] > i else s.end
    if b < len(idx) and idx[b] == i:
        end = tokens[i].start
    return start, end


def find_cues(ctx: ArticleContext, s: Sentence, tokens: list[Token]) -> list[Cue]:
    """Speech cues in one sentence, each with its source and content span."""
    words = sentence_words(ctx, s, tokens)
    n = len(tokens)
    cues: list[Cue] = []
    firsts = ctx.cue_firsts
    if firsts is None:
        firsts = ctx.cue_firsts = _cue_first_words(ctx.vocab)
    credit = _dash_credit(ctx, s, tokens, words) or _colon_credit(ctx, s, tokens, words)
    if credit is not None:
        cues.append(credit)
        _note(ctx, credit)
    if "(" in words:
        cues.extend(_paren_credits(ctx, s, tokens, words))
    if not _DATA_NOUNS.isdisjoint(words):
        _data_of(ctx, s, tokens, words, cues)
    if not STANCE_NOUNS.keys().isdisjoint(words) and (not _OWNER_PRONOUNS.isdisjoint(words) or "'" in s.text):
        _by_its_account(ctx, s, tokens, words, cues)
    if not RECORD_VERBS.isdisjoint(words):
        _records_show(ctx, s, tokens, words, cues)
    if "by" in words and not _PASSIVE_SPEECH.isdisjoint(words):
        _passive_speech(ctx, s, tokens, words, cues)
    if firsts.isdisjoint(words) and "'" not in s.text:
        return cues
    nxt = 0  # tokens before this one belong to a cue already read
    for i in [k for k, w in enumerate(words) if w in firsts or "'" in w]:
        if i < nxt:
            continue
        w = words[i]
        if w == "according" and i + 1 < n and words[i + 1] == "to":
            k = _according_to(ctx, s, tokens, words, i, cues)
            nxt = max(k, i + 2)
            continue
        if tokens[i].text.endswith(_POSSESSIVE) and i + 1 < n:
            cue = _possessive_cue(ctx, s, tokens, words, i)
            if cue is not None:
                cues.append(cue)
                _note(ctx, cue)
                nxt = i
                while nxt < n and tokens[nxt].start < cue.verb_end:
                    nxt += 1
                continue
        hit = ctx.vocab.stances.match_at(words, i)
        rev = REVISE_VERBS.get(w)
        if rev is not None and (hit is None or hit[0] == 1):
            cue = _revision_cue(ctx, s, tokens, words, i, rev, cues)
            if cue is not None:
                cues.append(cue)
                _note(ctx, cue)
                nxt = i + 1
                continue
        if not hit:
            continue
        length, stance = hit
        verb = " ".join(words[i:i + length])
        cue = _verb_cue(ctx, s, tokens, words, i, length, verb, stance, cues)
        if cue is not None:
            cues.append(cue)
            _note(ctx, cue)
        nxt = i + length
    if cues:
        _note_reports(ctx, words, cues)
    return cues


def _data_of(ctx, s, tokens, words, cues) -> None:
    """"On data of the ministry, ...", "by information of the police": "according to", as translations put it."""
    n = len(tokens)
    for i, w in enumerate(words):
        if w in ("on", "by", "per") and i + 3 < n and (i == 0 or words[i - 1] in (",", ";", ":")):
            j = i + 1 + (words[i + 1] == "the")
            if j + 1 < n and words[j] in _DATA_NOUNS and words[j + 1] in ("of", "from"):
                _according_to(ctx, s, tokens, words, i, cues, j + 2)


_OWNER_PRONOUNS = frozenset(["its", "their", "his", "her"])


def _by_its_account(ctx, s, tokens, words, cues) -> None:
    """"By its account, 19 of the dead ...", "by their count", "in his estimate", and after the figures: "...,
    by the Interior Ministry's count", "by the government's own admission": the owner named or referred to."""
    n = len(tokens)
    for i, w in enumerate(words):
        if w not in ("by", "in", "on", "to") or i + 2 >= n:
            continue
        if words[i + 1] in _OWNER_PRONOUNS:
            owner_end = i + 2
        else:  # a possessive owner: "by the Interior Ministry's count"
            owner_end = next((k + 1 for k in range(i + 1, min(n, i + 7)) if tokens[k].text.endswith(_POSSESSIVE)), None)
            if owner_end is None or not any(is_cap(t) or t.low in ORG_HEADS or t.low in ("government", "authorities")
                                            or t.low.endswith(_POSSESSIVE) for t in tokens[i + 1:owner_end]):
                continue
        k = owner_end
        if k < n and words[k] in ("own", "latest", "first", "final", "official"):
            k += 1
        if k >= n or words[k] not in STANCE_NOUNS:
            continue
        after = words[k + 1] if k + 1 < n else "."
        fronted = after == ","
        if not (fronted or after in (".", ";", ")") and i > 0 and words[i - 1] == ","):
            continue  # "in its report on 40 cases": no account of the clause
        if fronted and words[i + 1] not in _OWNER_PRONOUNS:
            continue  # "By the union's count, ...": a possessive cue (_possessive_cue)
        if words[i + 1] in ("its", "their"):
            owner = tokens[i + 1:k + 1]
        elif words[i + 1] in _OWNER_PRONOUNS:
            owner = tokens[i + 1:i + 2]
        else:
            owner = tokens[i + 1:owner_end]
        src, person = resolve(ctx, owner, "according_to", tokens[i].start)
        if src is None:
            continue
        src.verb, src.stance = "according to", STANCE_NOUNS[words[k]]
        clause = _clause(tokens, i, s)
        content = clause if fronted else (clause[0], tokens[i].start)
        cue = _credit_cue(src, person, tokens[i].start, tokens[k].end, content, s)
        cues.append(cue)
        _note(ctx, cue)


_RECORD_SUBJECT_END = frozenset([",", ";", ":", '"', "(", ")", "that", "which", "and", "but", "."])
_OWNER_AFTER = frozenset(["of", "from", "by"])
_KEPT_BY = frozenset(["kept", "held", "compiled", "issued", "released", "published", "maintained", "prepared"])
# Records no keeper of which is named speak for nobody in particular: "the figures show" refers back.
_UNOWNED_MUTE = frozenset(["figures", "data", "list", "lists", "papers", "documents", "statistics", "record"])


def _records_show(ctx, s, tokens, words, cues) -> None:
    """A record or report that says what a figure after its verb counts: "Court records show that 47 people
    were convicted", "The morgue register lists 187 bodies", "Admission logs obtained by the Ledger show ...".
    The source is the record; its class is its keeper's ("of the Interior Ministry", "the prosecutor's
    figures", "court records"), an institution's (official) for a register, log or archive of no named keeper."""
    n = len(tokens)
    for i, w in enumerate(words):
        if w not in RECORD_VERBS or i == 0 or any(c.verb_start <= tokens[i].start < c.content[1] for c in cues):
            continue  # a verb inside what a cue already credits
        if not _HAS_NUMBER.search(ctx.text, tokens[i].end, min(s.end, tokens[i].end + 160)):
            continue  # the record must say a figure
        b = i
        while b > 0 and i - b < 12 and words[b - 1] not in _RECORD_SUBJECT_END:
            b -= 1
        head = next((k for k in range(b, i) if words[k] in RECORD_NOUNS or words[k] in REPORT_NOUNS), None)
        if head is None or any(t.low in FIRST_PERSON_WORDS for t in tokens[b:head]):
            continue
        if i - head > 1 and words[head + 1] not in _OWNER_AFTER and words[head + 1] not in _KEPT_BY \
                and not words[head + 1].endswith("ed") and words[head + 1] not in ("seen", "shown", "given", "kept"):
            continue  # the record noun is no subject of the verb: "the records room shows"
        cls = ""
        if head > b:  # a keeper before: "the prosecutor's figures", "court records", "Interior Ministry data"
            src, _ = resolve(ctx, tokens[b:head], "according_to", tokens[b].start)
            if not names_no_source(src) and not (src.cls == "media_author" and src.how == "author"):
                cls = src.cls
            if not cls:
                cls = classify(ctx.text[tokens[b].start:tokens[head].end], ctx.vocab, default="")
        k = head + 1
        if not cls and k < i and words[k] in _KEPT_BY:
            k += 1
        if not cls and k + 1 < i and words[k] in _OWNER_AFTER:  # a keeper after: "documents from the ministry"
            src, _ = resolve(ctx, tokens[k + 1:i], "according_to", tokens[k + 1].start)
            if not names_no_source(src) and src.cls != "media_author":
                cls = src.cls
        if not cls or cls == "other":
            if words[head] in _UNOWNED_MUTE or words[head] in REPORT_NOUNS:
                continue  # "the figures show": whose, the sentences before say
            cls = "official"
        name = ctx.text[tokens[b].start:tokens[head if k + 1 >= i or words[k] not in _OWNER_AFTER else i - 1].end]
        src = Source(name, cls, "according_to", verb=w, stance="neutral")
        cue = _credit_cue(src, None, tokens[i].start, tokens[i].end, (tokens[i].end, _clause(tokens, i, s)[1]), s)
        cues.append(cue)
        _note(ctx, cue)
        return


_PASSIVE_SPEECH = frozenset("""reported announced confirmed stated given released published cited quoted estimated
recorded registered documented counted disclosed""".split())
_AGENT_END = frozenset([",", ".", ";", ":", '"', "(", ")", "as", "on", "in", "at", "after", "during", "that", "and"])


def _passive_speech(ctx, s, tokens, words, cues) -> None:
    """A passive with its agent: "The arrest of 22 people was reported by the regional police" (the police say
    it), and "He was quoted by Tengrinews as saying that 27 died" (he says it, the outlet passes it on)."""
    n = len(tokens)
    for k in range(2, n - 1):
        if words[k] != "by" or words[k - 1] not in _PASSIVE_SPEECH or words[k - 2] not in BE and words[k - 2] != "been":
            continue
        e = k + 1
        while e < n and e - k <= 8 and words[e] not in _AGENT_END:
            e += 1
        if e == k + 1:
            continue
        if words[k - 1] == "quoted" and words[e:e + 2] == ["as", "saying"]:
            b = k - 2
            while b > 0 and words[b - 1] not in BOUNDARY and k - b < 10:
                b -= 1
            sub_end = k - 2
            if b >= k - 2 and k >= 4 and words[k - 3] == ",":
                # "Bolat Abishev, the chief doctor of the hospital, was quoted by ...": the name before the apposition
                b = _clause(tokens, k, s)[0]
                b = next((x for x in range(k) if tokens[x].start >= b), 0)
                sub_end = next((x for x in range(b, k) if words[x] == ","), b)
            if sub_end <= b or sub_end - b > 8:
                continue
            src, person = resolve(ctx, tokens[b:sub_end], "reported", tokens[b].start)
            start = tokens[min(n - 1, e + 2)].start
        else:
            src, person = resolve(ctx, tokens[k + 1:e], "reported", tokens[k + 1].start)
            start = _clause(tokens, k, s)[0]
        if names_no_source(src) and not (src is not None and src.cls == "other" and person is not None):
            continue
        src.verb, src.stance = words[k - 1], "neutral"
        cue = _credit_cue(src, person, tokens[k - 1].start, tokens[e - 1].end, (start, _clause(tokens, k, s)[1]), s)
        cues.append(cue)
        _note(ctx, cue)
        return


def _credit_cue(src: Source, person: Optional[Person], start: int, end: int, content: tuple[int, int],
                s: Sentence) -> Cue:
    """A cue that credits a source as "according to" does (a label, a bracket, a record, an agent), not a verb of
    speech: the cue pass treats it so."""
    cue = Cue(src, start, end, content, s.index)
    cue._person = person  # type: ignore[attr-defined]
    cue._kind = "according"  # type: ignore[attr-defined]
    return cue


FIRST_PERSON_WORDS = frozenset(["our", "my", "we", "i", "us"])
_DATA_NOUNS = frozenset(["data", "information"])
_POSSESSIVE = ("'s", "s'")
_DASHES = frozenset(["\u2014", "\u2013", "-"])
_CREDIT_JOINERS = frozenset(["of", "for", "the", "and", "on", "'s"])


def _dash_credit(ctx: ArticleContext, s: Sentence, tokens: list[Token], words: list[str]) -> Optional[Cue]:
    """A source credited after a dash at the end of a line of figures: "Injured: more than 4,500 - Ministry of
    Health". The credit is a short name (capitalised words, or any in a headline: "- rights groups"), and a
    figure stands before the dash."""
    t = s.text
    if " \u2014 " not in t and " - " not in t and " \u2013 " not in t:
        return None  # no dash between words: the quick test for most sentences
    n = len(tokens)
    end = n - 1 if n and words[-1] == "." else n
    # a wire headline credits in lower case too: "Some 1,000 detained at land rallies - rights groups"
    headline = s.is_heading
    k = end - 1
    while k > 0 and end - k <= 6 and (is_cap(tokens[k]) or is_acronym(tokens[k]) or words[k] in _CREDIT_JOINERS
                                      or headline and words[k].isalpha() and end - k <= 4):
        k -= 1
    if k < 1 or k == end - 1 or words[k] not in _DASHES or tokens[k].start == 0 or ctx.text[tokens[k].start - 1] != " ":
        return None
    if not any(t.text[:1].isdigit() for t in tokens[:k]) or not (
            headline or is_cap(tokens[k + 1]) or is_acronym(tokens[k + 1])):
        return None
    src, person = resolve(ctx, tokens[k + 1:end], "according_to", tokens[k + 1].start)
    if names_no_source(src):
        return None  # "... in two towns - Aktau and Zhanaozen": places, not a credit
    src.verb, src.stance = "according to", "neutral"
    cue = _credit_cue(src, person, tokens[k].start, tokens[k].end, (s.start, tokens[k].start), s)
    return cue


_PAREN_SEGMENT = frozenset([";", ":", "(", ")"])


def _paren_credits(ctx: ArticleContext, s: Sentence, tokens: list[Token], words: list[str]) -> list[Cue]:
    """A source in brackets right after a figure, as a summary box or a table writes it: "Deaths: 16-17
    (official); 64+ (opposition)", "Arrested: 130 (Interior Ministry)", "at least 232 (Qantar-22)". The
    brackets hold a few words and no figure, follow a figure or its noun, and name a source of a known
    class; the figure's stretch, from the last semicolon, colon or bracket, is theirs."""
    out = []
    n = len(tokens)
    for i, w in enumerate(words):
        if w != "(" or i == 0:
            continue
        j = i + 1
        while j < n and j - i <= 16 and words[j] not in (")", "("):
            j += 1
        if j >= n or words[j] != ")" or j == i + 1:
            continue
        # the name, up to a comma: "(Prosecutor General's Office, briefing of 14 March 2022)"
        e = next((c for c in range(i + 1, j) if words[c] == ","), j)
        if e - i > 7 or e == i + 1 or any(t.text[:1].isdigit() for t in tokens[i + 1:e]):
            continue
        k = i - 1
        while k >= 0 and i - k <= 3 and not tokens[k].text[:1].isdigit() and words[k] not in _PAREN_SEGMENT:
            k -= 1  # "130 people (Interior Ministry)": the figure may have its noun
        if k < 0 or not tokens[k].text[:1].isdigit() and words[k] != "+":
            # a fact box line: "238 - people killed in January (Prosecutor General's Office)"
            box = next((f for f in range(min(3, i)) if tokens[f].text[:1].isdigit()), None)
            if box is None or "-" not in words[box + 1:box + 3] or j < n - 2 or j == n - 2 and words[j + 1] != ".":
                continue
            k = box
        if j + 1 < n and words[j + 1] not in (";", ",", ".", ")", "and", "or", "-"):
            continue  # "(official) figures show ...": the brackets open a clause, not close a figure
        src, person = resolve(ctx, tokens[i + 1:e], "according_to", tokens[i + 1].start)
        if src is None:
            cls = classify(" ".join(t.text for t in tokens[i + 1:e]), ctx.vocab, default="")
            if not cls:
                continue
            src = Source(" ".join(t.text for t in tokens[i + 1:e]), cls, "according_to")
        if names_no_source(src):
            continue
        start = k
        while start > 0 and words[start - 1] not in _PAREN_SEGMENT and k - start < 24:  # bounded: no quadratic walk
            start -= 1
        src.verb, src.stance = "according to", "neutral"
        cue = _credit_cue(src, person, tokens[i].start, tokens[j].end, (tokens[start].start, tokens[i].start), s)
        _note(ctx, cue)
        out.append(cue)
    return out


_COLON_NP_END = frozenset(["(", "to", "via", "on", "at", "in", "from", "-", "\u2014", "\u2013"])


_BULLETS = frozenset(["*", "-", "\u2022", "\u2013", "\u2014", "+", "\u00b7"])


def _colon_credit(ctx: ArticleContext, s: Sentence, tokens: list[Token], words: list[str]) -> Optional[Cue]:
    """A source that opens a line and a colon, as in a channel's or live feed's posts: "Health ministry (via
    Khabar): 190+ people sought medical help", "CSTO sec gen Zas: 2,500 troops". The speaker is a short phrase
    (cut at a parenthesis, "to", "via" or a preposition) that resolves to a source of a known class; the figures
    after the colon and in the next sentences of the line are theirs."""
    if s.start and ctx.text[s.start - 1] != "\n" or s.paragraph in ctx.para_voice:
        return None
    if words and words[0] in _BULLETS:
        tokens, words = tokens[1:], words[1:]  # a list item: "* Interior Ministry (January): 9,900 detained"
    n = len(tokens)
    k = 0
    while k < n and k < 16 and words[k] != ":":
        k += 1
    if k >= n or k == 16 or k == 0 or k + 1 >= n or tokens[k + 1].start != tokens[k].end + 1:
        return None  # no colon near the start, or "08:30"
    if k >= 4 and words[1] == "(" and words[k - 1] == ")" and ctx.vocab.measure_for(words[0]):
        # "Injured (Health Ministry): more than 100": a measure's label with its source in brackets
        src, person = resolve(ctx, tokens[2:k - 1], "according_to", tokens[2].start)
        if names_no_source(src):
            return None
        src.verb, src.stance = "according to", "neutral"
        cue = _credit_cue(src, person, tokens[k].start, tokens[k].end, (tokens[k].end, s.end), s)
        return cue
    if not tokens[0].text[:1].isupper() or words[0] in LABEL_STOP or tokens[0].text.isupper() and len(tokens[0].text) > 3 \
            and not is_acronym(tokens[0]):
        return None
    head = words[:k]
    if "," in head or ";" in head or not _cue_first_words(ctx.vocab).isdisjoint(head):
        return None  # "According to officials, seven people were killed: ...", "McAuliffe said: ...": a clause
    end = 1
    while end < k and words[end] not in _COLON_NP_END:
        end += 1
    np = tokens[:end]
    if any(t.text[:1].isdigit() for t in np) or words[end - 1] in TOLL_NOUNS or any(
            ctx.vocab.measure_for(w) for w in words[1:end]):
        # "Official toll: 238", "CSTO troops deployed: 2,030" are labels
        return None
    src, person = resolve(ctx, np, "reported", np[0].start)
    if src is None or src.cls == "other" and (person is None or len(np) == 1) \
            or src.cls == "media_author" and src.how == "author":
        return None  # "Almaty: police detained 200": a lone word of no known class is a dateline or a place
    src.verb, src.stance = "said", "neutral"
    cue = Cue(src, tokens[k].start, tokens[k].end, (tokens[k].end, s.end), s.index, announce=True)
    cue._person = person  # type: ignore[attr-defined]
    return cue


def _cue_first_words(vocab: Vocabulary) -> frozenset:
    """Words a cue can start with: only these tokens are looked at closely."""
    table = vocab.stances
    cached = _CUE_FIRSTS.get(table)
    if cached is None or cached[0] != table.size():
        cached = _CUE_FIRSTS[table] = (table.size(), frozenset(table.first_words()) | frozenset(REVISE_VERBS) | {"according"})
    return cached[1]


_CUE_FIRSTS: "weakref.WeakKeyDictionary[PhraseTable, tuple]" = weakref.WeakKeyDictionary()


def _note(ctx: ArticleContext, cue: Cue) -> None:
    """Remember who spoke, for "he", "it" and "they" later on."""
    src = cue.source
    person = getattr(cue, "_person", None)
    if person is not None:
        ctx.dyn_pos.append(cue.verb_start)
        ctx.dyn_who.append(person)
        ctx.spoke.add(person.surname)
        return
    if src.cls == "media_author" and src.how == "author":
        return
    head = src.name.split()[-1].lower() if src.name else ""
    if head.endswith("s") and not head.endswith(("ss", "'s", "us")) and head not in ("news",) or head in ("police", "people", "staff"):
        ctx.last_plural = copy(src)
    else:
        ctx.last_org = copy(src)


def _note_reports(ctx: ArticleContext, words: list[str], cues: list[Cue]) -> None:
    if not cues or not any(w in REPORT_NOUNS for w in words):
        return
    for cue in cues:
        if getattr(cue, "_person", None) is None and not getattr(cue, "_from_report", False) and cue.source.how != "author":
            ctx.report_owner = copy(cue.source)
            return


def _according_to(ctx, s, tokens, words, i, cues, j: Optional[int] = None) -> int:
    """"according to X" at tokens i..i+1 (or another opening ending just before tokens[j]): X's clause."""
    n = len(tokens)
    j = i + 2 if j is None else j
    k = j
    while k < n and words[k] not in (",", ";", ".", ":", '"', "that", "(", ")", "-") and k - j < 12:
        k += 1
    if k == j:
        return k
    if words[j] in ("which", "whom", "whose"):
        # "the findings of the commission under Mukhtar Shakhanov, according to which ...": the antecedent
        a = i - 1 if i > 0 and words[i - 1] == "," else i
        b = a
        while b > 0 and a - b < 14 and words[b - 1] not in (",", ";", ":", '"', "that") and words[b - 1] not in _RELAY_VERBS:
            b -= 1
        np = tokens[b:a]
        h = 0
        while h < len(np) and (np[h].low in TOLL_SKIP or np[h].low in DETERMINERS or np[h].low in REPORT_NOUNS
                               or np[h].low == "of"):
            h += 1
        np = np[h:]
        if not np:
            return k + 1
        k = j + 1
    else:
        np = tokens[j:k]
    # "according to figures released by the health ministry", "according to a report by Amnesty"
    h = 0
    while h < len(np) and (np[h].low in TOLL_SKIP or np[h].low in DETERMINERS):
        h += 1
    if h < len(np) and (np[h].low in TOLL_NOUNS or np[h].low in REPORT_NOUNS):
        for b in range(len(np) - 2, h, -1):
            if np[b].low in ("by", "from", "of") and (b == h + 1 or np[b - 1].low in _ISSUED):
                np = np[b + 1:]
                break
    src, person = resolve(ctx, np, "according_to", np[0].start)
    if src is None:
        return k
    src.verb, src.stance = "according to", "neutral"
    cue = Cue(src, tokens[i].start, tokens[i + 1].end, _clause(tokens, i, s), s.index)
    cue._person = person  # type: ignore[attr-defined]
    cue._from_report = words[k - 1] in REPORT_NOUNS  # type: ignore[attr-defined]
    cue._kind = "according"  # type: ignore[attr-defined]
    cues.append(cue)
    _note(ctx, cue)
    return k


def _possessive_cue(ctx, s, tokens, words, i) -> Optional[Cue]:
    """"Tokayev's earlier estimate that ...", "by CJI's count, ...", "the ministry's own figures"."""
    n = len(tokens)
    m = i + 1
    while m < n and m - i <= 3 and words[m] not in STANCE_NOUNS:
        if words[m] not in ("earlier", "own", "latest", "new", "official", "initial", "first", "final", "previous",
                            "original", "death", "casualty", "revised", "updated", "widely", "cited", "quoted"):
            return None
        m += 1
    if m >= n or words[m] not in STANCE_NOUNS:
        return None
    nxt = words[m + 1] if m + 1 < n else "."
    # the owner: a name run or a short noun phrase ending at token i
    a = i
    if is_cap(tokens[i]) or is_acronym(tokens[i]):
        while a > 0 and i - a < 5 and tokens[a - 1].low not in NOT_NAME and (
                is_cap(tokens[a - 1]) or (tokens[a - 1].low in ("of", "for") and a - 2 >= 0 and is_cap(tokens[a - 2]))):
            a -= 1
    else:
        while a > 0 and i - a < 4 and words[a - 1] not in BOUNDARY and words[a - 1] not in PREPS and words[a - 1] not in BE:
            a -= 1
    before = words[a - 1] if a > 0 else ""
    leading = before in ("by", "in", "on") or (a >= 2 and words[a - 2] == "according" and before == "to")
    if not leading and nxt not in ("that", "of", ",", "is", "was", "put", "puts", "show", "shows", ":", "had", "has", "at"):
        return None
    owner = tokens[a:i + 1]
    if owner and owner[0].low == "the" and len(owner) == 1:
        return None
    src, person = resolve(ctx, owner, "according_to" if leading else "reported", tokens[a].start)
    if src is None:
        return None
    src.verb, src.stance = ("by " + words[m] if before == "by" else words[m]), STANCE_NOUNS[words[m]]
    cstart, cend = _clause(tokens, i, s)
    if leading:
        content = (tokens[m].end, cend)
    else:
        end = cend
        skip_to = m + 1
        if nxt == "," and m + 2 < n and (words[m + 2] in _ISSUED or words[m + 2] in PARTICIPLE_CUES):
            # "the ministry's own figure, published on 11 January, was 9,900": past the aside
            for k in range(m + 2, min(n, m + 20)):
                if words[k] in (",", ";"):
                    skip_to = k + 1
                    break
        for k in range(skip_to, min(n, m + 40)):
            if words[k] in (",", ";") and tokens[k].start > tokens[m].end + 3:
                end = tokens[k].start
                break
        content = (tokens[m].end, end)
    cue = Cue(src, tokens[a].start, tokens[m].end, content, s.index)
    cue._person = person  # type: ignore[attr-defined]
    cue._kind = "possessive"  # type: ignore[attr-defined]
    return cue


def _skip_aux_back(words: list[str], tokens: list[Token], i: int) -> int:
    j = i
    while j > 0 and i - j < 4:
        w = words[j - 1]
        if w in AUX_ADV or (w.endswith("ly") and tokens[j - 1].text.islower() and (j < 2 or words[j - 2] not in DETERMINERS)
                            and w not in LY_NOUNS):
            j -= 1
            continue
        break
    return j


def _main_subject(ctx, tokens, words, upto) -> list[Token]:
    """The subject of the sentence's main clause: its first noun phrase."""
    st = 0
    if len(words) > 2 and words[1] == ":" and len(words[0]) <= 12:
        st = 2
    if st < upto and (words[st] in PREPS or words[st] in ("as", "when", "after", "while", "although", "since", "if", "last", "on")):
        k = st
        while k < upto and words[k] != "," and k - st < 14:
            k += 1
        if k < upto and words[k] == ",":
            st = k + 1
    e = st
    while e < upto and e - st < 10:
        w = words[e]
        t = tokens[e]
        if w in (",", ";", ":", "-", '"', "(") or w in AUX_ADV or w in BE or (w in PREPS and e > st) \
                or (t.text.islower() and e > st and (w.endswith("ed") or ctx.vocab.stances.match_at(words, e) or w in REVISE_VERBS)):
            break
        e += 1
    return tokens[st:e]


def _subject_span(ctx, tokens, words, i) -> tuple[list[Token], str, list[list[Token]]]:
    """The speaker phrase before the verb at i: (tokens, mode, apposition segments).

    mode: 'simple' (X said), 'chain' (X, role, said), 'relative' (X, who said), 'empty'."""
    j = _skip_aux_back(words, tokens, i)
    if j >= 3 and words[j - 2] in ("that", "this", "last", "next") and _is_time_word(tokens[j - 1]):
        j -= 2  # "the ministry's first bulletin that evening spoke of": the time is no part of the subject
    # a dash aside: "A doctor - she did not want to be named - told me"
    if j > 0 and words[j - 1] == "-":
        k = j - 2
        while k >= 0 and j - k < 16 and words[k] != "-":
            k -= 1
        if k >= 0 and words[k] == "-":
            j = k
    # a parenthetical adverb: "Residents, however, insist"
    if j >= 3 and words[j - 1] == "," and words[j - 2] in ADVERB_ASIDES and words[j - 3] == ",":
        j -= 3
        k = j
        while k > 0 and words[k - 1] not in BOUNDARY and j - k < 12:
            k -= 1
        return tokens[k:j], "simple", []
    if j > 0 and words[j - 1] == "who":
        w = j - 1
        if w > 0 and words[w - 1] == ",":
            segs = _segments(words, w)
        else:
            # "a student who said": the noun phrase right before "who"
            st = w
            while st > 0 and words[st - 1] not in (",", ";", ":", '"', "(", ")", ".", "-") and w - st < 14:
                st -= 1
            segs = [(st, w)] if st < w else []
            if st > 0 and words[st - 1] == ",":
                segs += _segments(words, st)
        return [], "relative", [tokens[a:b] for a, b in segs]
    if j > 0 and words[j - 1] == ",":
        segs = _segments(words, j)
        return [], "chain", [tokens[a:b] for a, b in segs]
    k = j
    while k > 0 and words[k - 1] not in BOUNDARY and words[k - 1] not in SPEECH_STOP and j - k < 20:
        k -= 1
    if k == j:
        return [], "empty", []
    if k >= 2 and words[k - 1] == "who" and words[k - 2] not in BOUNDARY and j - k <= 12:
        # "A surgeon who worked at the hospital that night told us": the noun phrase before "who" speaks
        w = k - 1
        st = w
        while st > 0 and words[st - 1] not in BOUNDARY and w - st < 8:
            st -= 1
        if st < w:
            return tokens[st:w], "simple", []
    if j - k > 1 and words[j - 1] in PRONOUNS and PRONOUNS[words[j - 1]] in ("m", "f", "n", "p"):
        k = j - 1  # "... told us she counted": the pronoun is the subject
    # "Tokayev at a session of the Security Council said": the occasion is no part of the subject
    sub = _without_occasion(tokens[k:j], ctx)
    if len(sub) == j - k:
        sub = sub[-12:]  # twelve words at most, but an occasion may stand between the subject and the verb
    if sub and sub[0].low in PREPS:
        # "On Monday President Tokayev", "In January 2022 the ministry": a leading date is no part of the subject
        d = 1
        while d < len(sub) - 1 and (_is_time_word(sub[d]) or sub[d].low in _DATE_LEADS):
            d += 1
        if d > 1 and sub[d - 1].low not in _DATE_LEADS:
            sub = sub[d:]
    # "the New York-based group": keep; "By the end of the month the prosecutor's office": drop the leading phrase
    if sub and sub[0].low in PREPS:
        for d in range(len(sub) - 1, 0, -1):
            if sub[d].low in ("the", "a", "an") or (is_cap(sub[d]) and sub[d - 1].low not in PREPS and not is_cap(sub[d - 1])) \
                    or d >= 2 and sub[d].text.islower() and sub[d].low in GROUP_HEADS and is_cap(sub[d - 1]):  # "In Almaty police said"
                sub = sub[d:]
                break
        else:
            return [], "empty", []
    return sub, "simple", []


_DATE_LEADS = frozenset(["the", "last", "this", "early", "late", "of"])
_OCCASION_PREPS = frozenset(["at", "during", "in", "on", "after"])
_OCCASIONS = frozenset("""session sessions meeting meetings sitting briefing briefings conference summit forum congress
hearing plenary ceremony interview address speech visit""".split())


def _without_occasion(sub: list[Token], ctx: Optional[ArticleContext] = None) -> list[Token]:
    """A subject without the occasion after it: "Tokayev at a session of the Security Council" is Tokayev, "the
    police chief on Khabar" (a broadcaster the speaker appears on) the police chief."""
    for p in range(1, len(sub) - 1):
        if ctx is not None and sub[p].low in ("on", "in") and sub[p - 1].low in (ROLE_WORDS | PERSON_NOUNS) \
                and classify(ctx.text[sub[p + 1].start:sub[-1].end], ctx.vocab, default="") == "media_author":
            return sub[:p]
        if sub[p].low in _OCCASION_PREPS:
            q = p + 1
            while q < len(sub) and sub[q].low in ("a", "an", "the", "its", "his", "her", "their", "extraordinary",
                                                  "emergency", "special", "joint", "online", "press", "news", "televised"):
                q += 1
            if q < len(sub) and sub[q].low in _OCCASIONS:
                return sub[:p]
    return sub


def _segments(words: list[str], comma_at: int) -> list[tuple[int, int]]:
    """Comma-separated segments before the comma at ``comma_at - 1`` (nearest first)."""
    segs = []
    end = comma_at - 1
    for _ in range(4):
        st = end
        while st > 0 and words[st - 1] not in (",", ";", ":", '"', "(", ")", ".", "-") and end - st < 14:
            st -= 1
        if st == end:
            break
        segs.append((st, end))
        if st > 0 and words[st - 1] == ",":
            end = st - 1
            continue
        break
    return segs


_LEADS = {"leads": "leader", "led": "leader", "heads": "head", "headed": "head", "chairs": "chair", "runs": "head",
          "ran": "head", "founded": "founder", "co-founded": "co-founder", "represents": "representative"}


def _trailing_name(ctx, seg: list[Token], loose: bool = False) -> Optional[list[Token]]:
    """The name a segment ends with: "prosecutor Nurlan Zhakupov" -> Nurlan Zhakupov; "Human Rights Watch"."""
    if not seg:
        return None
    if len(seg) > 1 and seg[-1].text in POST_TITLES:
        seg = seg[:-1]
    k = len(seg)
    while k > 0 and (is_cap(seg[k - 1]) or is_acronym(seg[k - 1]) or (seg[k - 1].low in ("of", "for", "and") and k - 2 >= 0
                                                                      and is_cap(seg[k - 2]))):
        k -= 1
    name = seg[k:]
    while name and name[0].low in ORG_LEAD_DROP and not is_acronym(name[0]):
        name = name[1:]
    if not name:
        return None
    lows = [strip_poss(t.low) for t in name]
    if any(w in ctx.people for w in lows) or org_key(" ".join(t.text for t in name)) in ctx.orgs:
        return name
    if loose and len(name) >= 2 and not any(w in ORG_WORDS or w in PLACE_WORDS or w in COUNTRIES for w in lows):
        return name  # "Her remarks were supported by Ross Greer MSP, ..., who said"
    # every word before the name must be a title, a role or a determiner
    for t in seg[:len(seg) - len(name)]:
        w = strip_poss(t.low)
        if not (w in ROLE_WORDS or w in HONORIFICS or w in NATIONALITIES or w in DETERMINERS or w in ("former", "exiled", "acting",
                                                                                                     "deputy", "senior", "opposition")
                or is_cap(t)):
            return None
    if any(w in PLACE_WORDS or w in COUNTRIES for w in lows):
        return None
    return name


def _np_ok(ctx, sub: list[Token], verb_first: str, strict: bool) -> bool:
    sub = clean_np(sub)
    if not sub:
        return False
    if len(sub) == 1 and (sub[0].low in PRONOUNS or sub[0].low == "you" and ctx.addressee is not None):
        return True
    lows = [strip_poss(t.low) for t in sub]
    head = lows[np_head(sub)]
    head_t = sub[np_head(sub)]
    if head in GROUP_HEADS or head.rstrip("s") in GROUP_HEADS or head in ORG_HEADS or head in REPORT_NOUNS:
        return True
    if is_cap(head_t) or is_acronym(head_t):
        return True
    if any(w in ctx.people for w in lows):
        return True
    if strict and verb_first in NOUNISH_CUES and verb_first.endswith("s") and (head in ROLE_WORDS or head in PERSON_NOUNS) \
            and not head.endswith("s") and not head_t.text.endswith(_POSSESSIVE):
        return True  # "the police chief claims", "a doctor reports": a singular person before "-s" is its subject
    if strict:
        return False
    if head in ROLE_WORDS or head.rstrip("s") in ROLE_WORDS or head in PERSON_NOUNS or head.rstrip("s") in PERSON_NOUNS:
        return True
    if classify(ctx.text[sub[0].start:sub[-1].end], ctx.vocab, default=""):
        return True
    return sub[0].low in DETERMINERS and len(sub) <= 8 and verb_first in INVERTIBLE | {"told", "tells", "tell"}


_THAT_ONLY = frozenset(["established", "establishes", "warning"])  # cues only before "that" or after the clause
_PASSIVE_ADVERBS = frozenset("better well best worse poorly less more least most still also often first".split())


def _verb_cue(ctx, s, tokens, words, i, length, verb, stance, cues) -> Optional[Cue]:
    n = len(tokens)
    first = words[i]
    after = i + length
    nxt = words[after] if after < n else None
    prev = words[i - 1] if i > 0 else None
    # "Michelle Bachelet was warning that ...": a progressive, the speaker before the auxiliary
    progressive = prev in BE and first.endswith("ing") and nxt == "that" and i >= 2
    if (prev in DETERMINERS and prev not in ("that",) or prev in BE or prev in ("been", "being")) and not progressive:
        return None  # "an estimated 1,000", "was reported", "is believed"
    if i >= 2 and words[i - 2] in BE and prev is not None and (prev.endswith("ly") or prev in _PASSIVE_ADVERBS):
        return None  # "is better documented", "was widely reported": a passive, no speaker before it
    if prev == "to" and not (i >= 2 and words[i - 2] in ("spoke", "spoken", "talked", "talking", "speaking", "listened")):
        if nxt == "that" and _purpose_infinitive(tokens, words, i - 1):
            # "X appeared on state television to say that ...": the subject of the sentence speaks
            src, person = _main_subject_source(ctx, tokens, words, i, True)
            if src is None:
                return None
            src.how, src.verb, src.stance = "reported", verb, stance
            return _cue_after_verb(s, tokens, i, after, src, person)
        return None  # "declined to say"; but "people we spoke to put it at"
    if length == 1 and first in PARTICIPLE_CUES and nxt == "by":
        return None  # "witnesses quoted by a news portal"
    if first in ("said", "reported", "believed", "thought", "known", "understood") and nxt == "to" and length == 1:
        return None  # "said to be a record", "reported to have died": a passive, no speaker
    if first == "asked" and nxt not in ('"', ":", ","):
        return None  # "asked not to be named", "asked that her name not be used"
    nounish = length == 1 and first in NOUNISH_CUES
    # "a state described as a haven": only a real speaker describes
    strict = nounish or (length == 1 and first in PARTICIPLE_CUES and nxt == "as")
    if nounish:
        ok_next = nxt in ("that", ":", '"') or (nxt is not None and (nxt[:1].isdigit() or nxt in _QUAL_START)
                                                 and first not in _THAT_ONLY)
        trailing = nxt in (",", ".", None) and any(w == "," for w in words[max(0, i - 6):i])
        if not (ok_next or trailing):
            return None
    # a participle continuing the clause: ", saying that", ", putting the toll at"
    if first.endswith("ing") and not progressive:
        if prev not in (",", "while", "after", "before", "by", "when", "also", "and"):
            return None
        if cues and getattr(cues[-1], "_kind", "verb") == "verb":
            src, person = copy(cues[-1].source), getattr(cues[-1], "_person", None)
        else:
            src, person = _main_subject_source(ctx, tokens, words, i, False)
        if src is None:
            return None
        src.how, src.verb, src.stance = "reported", verb, stance
        return _cue_after_verb(s, tokens, i, after, src, person)
    # a second verb of the same speaker: "said it could not verify the number and believed at least six ..."
    if prev == "and" and cues:
        src = copy(cues[-1].source, verb=verb, stance=stance)
        return _cue_after_verb(s, tokens, i, after, src, getattr(cues[-1], "_person", None))
    sub, mode, segs = _subject_span(ctx, tokens, words, i - 1 if progressive else i)
    src = person = None
    inverted = False
    appositive = False
    if mode == "chain" and segs and first in INVERTIBLE and _has_verb(ctx, segs[0]):
        # "86 people were taken to hospital, said Dr Sarsenova": the clause before the comma is what was
        # said, not an apposition of a speaker
        src, person = _inverted_speaker(ctx, tokens, words, after, first)
        inverted = src is not None
    if src is not None:
        pass
    elif mode == "simple" and sub:
        if _np_ok(ctx, sub, first, strict):
            src, person = resolve(ctx, sub, "reported", sub[0].start)
    elif mode in ("chain", "relative") and segs:
        src, person, appositive = _from_segments(ctx, segs, mode, first, strict)
    if src is None and mode in ("empty", "chain") and first in INVERTIBLE and after < n:
        # inverted: '"...," said the interior ministry.', "Kazakh unrest: 164 dead, says health ministry" (a
        # headline's clause has no verb of its own)
        src, person = _inverted_speaker(ctx, tokens, words, after, first)
        inverted = src is not None
    if src is None:
        return None
    relayed = _relayed_speaker(ctx, tokens, words, i, after, _first_index(tokens, sub, segs, i)) if (
        words[i] in _RELAY_VERBS or not _RELAY_PARTICIPLES.isdisjoint(words)) else None
    if relayed is not None:
        # "Interfax quoted the Interior Ministry as saying that ...", "state media, citing the Health Ministry,
        # reported ...": the agency passes on what another said
        (src, person), after = relayed[:2], relayed[2]
        verb, stance = "said", "neutral"
        nxt = words[after] if after < n else None
    src.how = "reported"
    src.verb, src.stance = verb, stance
    # where the content is: a trailing or parenthetical cue covers its clause, a leading one what follows the verb
    cstart, cend = _clause(tokens, i, s)
    subj_start_tok = _first_index(tokens, sub, segs, i)
    trailing = inverted or (subj_start_tok > 0 and words[subj_start_tok - 1] in (",", '"')) or nxt in (",", ".", None, ";")
    # "Ten people died, Marat Bekov, a police spokesman, said (on Tuesday).": an apposition, and no figure after
    # the verb
    said_nothing_after = appositive and not _HAS_NUMBER.search(ctx.text, tokens[after - 1].end, cend)
    trailing = trailing or said_nothing_after and mode == "chain"
    if trailing and (not appositive or nxt in (",", ".", None, ";", '"') or said_nothing_after):
        content = (cstart, cend)
        # '"...," Macdonald said.': what is said is the quote before the cue
        if subj_start_tok >= 2 and words[subj_start_tok - 1] == '"' and words[0] == '"':
            content = (tokens[0].end, tokens[subj_start_tok - 1].start)
    else:
        # 'McAuliffe said: "..."': what is said starts at the quote mark
        a = after
        while a < n and words[a] in (":", ","):
            a += 1
        content = ((tokens[a].start if a < n else tokens[after - 1].end), cend)
    cue = Cue(src, tokens[i].start, tokens[after - 1].end, content, s.index)
    cue._person = person  # type: ignore[attr-defined]
    if person is not None and person.gender is None and nxt in ("he", "she") and not (sub and sub[-1].low in PRONOUNS):
        person.gender = PRONOUNS[nxt]  # "Tulegenov said he ...": an earlier pronoun tells the gender
    return cue


# words that take an infinitive without the subject saying anything: "declined to say", "is due to announce"
_NO_SPEECH_BEFORE_TO = frozenset("""unable able early late hard difficult impossible easy due likely unlikely ready willing
reluctant set about yet have has had need needs needed ought used like want wants wanted plan plans hope hopes going
trying try tries seem seems appear appears refuse refuses decline declines fail fails expect expects expected allowed
permitted forced asked told urged called invited supposed meant bound sure certain first last only one time chance
right power authority way nothing anything something nobody anyone everyone who whom which""".split())


def _purpose_infinitive(tokens, words, to: int) -> bool:
    """'to' at ``to`` opens a purpose clause after a complete one ("appeared on television to say"), not the
    complement of a verb or adjective that takes an infinitive ("declined to say", "too early to say")."""
    if to < 3:
        return False
    w = words[to - 1]
    if w in _NO_SPEECH_BEFORE_TO or w in BE or w in _MODALS or w in PREPS or w in BOUNDARY or w in PRONOUNS:
        return False
    return not (tokens[to - 1].text.islower() and (w.endswith("ed") or w.endswith("ing") or w.endswith("ly")))


def _main_subject_source(ctx, tokens, words, i, strict) -> tuple[Optional[Source], Optional[Person]]:
    """The subject of the sentence's main clause as a speaker, if it can be one."""
    subj = _main_subject(ctx, tokens, words, i)
    if not subj or not _np_ok(ctx, subj, "said", strict):
        return None, None
    return resolve(ctx, subj, "reported", subj[0].start)


_RELAY_VERBS = frozenset(["quoted", "quotes", "quote", "cited", "cites", "cite"])
_RELAY_PARTICIPLES = frozenset(["citing", "quoting"])
_AS_SAYING = frozenset(["saying", "stating", "telling", "reporting", "announcing", "confirming", "putting",
                        "estimating", "claiming", "insisting", "adding", "giving", "writing"])


def _relayed_speaker(ctx, tokens, words, i: int, after: int, subj_start: int):
    """(source, person, end of the cue) when the speaker at tokens[i] only passes on what another said: 'X
    quoted Y as saying', 'X cited Y as putting the toll at', 'X, citing Y, reported', 'X reported, citing Y,
    that'. None otherwise, or when Y is no source of a known class."""
    n = len(tokens)
    np_start = np_end = end = None
    if words[i] in _RELAY_VERBS:
        k = after
        while k < n and k - after <= 10 and words[k] not in (".", ";", '"', "that"):
            if words[k] == "as" and k + 1 < n and words[k + 1] in _AS_SAYING:
                np_start, np_end, end = after, k, k + 2
                break
            k += 1
    if np_start is None:
        for k in range(max(0, subj_start), min(n, after + 2)):
            if words[k] in _RELAY_PARTICIPLES and k > 0 and words[k - 1] == ",":
                e = k + 1
                while e < n and e - k <= 10 and words[e] not in (",", ".", ";", '"'):
                    e += 1
                if e < n and words[e] == "," or k > i and (e >= n or words[e] == "."):
                    # "X, citing Y, reported ...", "..., X reported, citing Y."
                    np_start, np_end, end = k + 1, e, (after if k < i else min(n, e + 1))
                break
    if np_start is None and words[0] in _RELAY_PARTICIPLES and subj_start > 0:
        e = 1  # "Citing hospital sources, local media reported 40 deaths"
        while e < subj_start and words[e] not in (",", ".", ";"):
            e += 1
        if e < subj_start and words[e] == "," and e > 1:
            np_start, np_end, end = 1, e, after
    if np_start is None or np_end <= np_start:
        return None
    src, person = resolve(ctx, tokens[np_start:np_end], "reported", tokens[np_start].start)
    if names_no_source(src):
        return None
    if end < n and words[end] == "that":
        end += 1
    return src, person, end


def _cue_after_verb(s, tokens, i, after, src: Source, person: Optional[Person]) -> Cue:
    """A cue of the verb at tokens i..after whose content is what follows it in its clause."""
    cend = _clause(tokens, i, s)[1]
    cue = Cue(src, tokens[i].start, tokens[after - 1].end, (tokens[after - 1].end, cend), s.index)
    cue._person = person  # type: ignore[attr-defined]
    return cue


def _inverted_speaker(ctx, tokens, words, after, first) -> tuple[Optional[Source], Optional[Person]]:
    """The speaker after an inverted verb: 'said the interior ministry', 'said Dr Gulmira Sarsenova, the ...'."""
    n = len(tokens)
    e = after
    while e < n and words[e] not in (",", ".", ";", ":", '"', "that", "(", "-") and e - after < 10:
        e += 1
    cand = tokens[after:e]
    if cand and cand[0].low not in _NOT_NP_START and cand[0].text[:1].isalpha() and not any(
            t.low in BE or t.low in _MODALS for t in cand) and _np_ok(ctx, cand, first, False):
        return resolve(ctx, cand, "reported", cand[0].start)
    return None, None


def _has_verb(ctx, seg: list[Token]) -> bool:
    """A finite verb in a comma segment: a clause, not a noun phrase ("86 people were injured",
    "police detained 80 people"); "who were sacked" describes a speaker before it."""
    if not seg or seg[0].low in ("who", "which", "whose", "that", "whom"):
        return False
    lows = [t.low for t in seg]
    return any(w in BE or w in _MODALS for w in lows) or any(
        w.endswith("ed") and ctx.vocab.verbs.match_at(lows, k) for k, w in enumerate(lows))


_ISSUED = frozenset("released published issued compiled provided collected gathered kept cited seen obtained".split())
_NOT_NP_START = PREPS | BOUNDARY | frozenset(["whether", "to", "it", "there", "this", "so", "not", "no"])
_MODALS = frozenset("will would could can may might should must shall has have had did does do".split())
_QUAL_START = frozenset("""at more about around some up over nearly almost fewer less between only as roughly
approximately an a the no none nobody dozens hundreds thousands scores several many""".split())


def _first_index(tokens, sub, segs, i) -> int:
    first = sub[0] if sub else (segs[-1][0] if segs and segs[-1] else None)
    if first is None:
        return i
    return bisect.bisect_left(tokens, first.start, key=lambda t: t.start)


def _is_time_word(t: Token) -> bool:
    w = t.low
    return w in TIME_WORDS or w[:1].isdigit() or w.startswith(("mid-", "early-", "late-")) and w.split("-", 1)[1] in TIME_WORDS


def _from_segments(ctx, segs: list[list[Token]], mode: str, verb_first: str, strict: bool):
    """The speaker among comma-separated segments before the verb: a name wins, its neighbours are its role."""
    if mode == "relative":
        seg0 = segs[0]
        name = _trailing_name(ctx, seg0, loose=True)
        if name is None and len(segs) > 1 and _is_role_phrase(seg0):
            name = _trailing_name(ctx, segs[1], loose=True)
            if name is not None:
                src, person = resolve(ctx, name, "reported", name[0].start)
                if person is not None:
                    person.add_role(*split_role(ctx.text[seg0[0].start:seg0[-1].end]))
                    src = person_source(person, ctx, "reported")
                return src, person, True
        if name is not None:
            src, person = resolve(ctx, name, "reported", name[0].start)
            return src, person, True
        if _np_ok(ctx, seg0, verb_first, strict):
            src, person = resolve(ctx, seg0, "reported", seg0[0].start)
            return src, person, True
        return None, None, False
    # chain: farthest name-like segment first
    for idx in range(len(segs) - 1, -1, -1):
        seg = segs[idx]
        if seg and seg[0].low in PREPS and len(segs) > 1:
            continue  # "In Almaty, Marat Bekov, a spokesman, said": a place, no speaker
        name = _trailing_name(ctx, seg)
        if name is None or len(name) > 7:
            continue
        if name[-1] is not seg[-1]:
            continue
        src, person = resolve(ctx, name, "reported", name[0].start)
        if src is None:
            continue
        if person is not None:
            for other in segs[:idx]:
                if len(other) >= 3 and other[0].low == "who" and other[1].low in _LEADS:
                    # "Marat X, who leads the Alga party, said"
                    org_toks = other[2:]
                    person.add_role(_LEADS[other[1].low], ctx.text[org_toks[0].start:org_toks[-1].end])
            for other in segs[:idx] + segs[idx + 1:]:
                other = _before_relative(other)
                if other and (_is_role_phrase(other) or other[0].low in ("a", "an", "the")):
                    person.add_role(*split_role(ctx.text[other[0].start:other[-1].end]))
                    break
            src = person_source(person, ctx, "reported")
        return src, person, True
    for idx in range(len(segs) - 1, -1, -1):
        seg = segs[idx]
        if seg and seg[0].low in PREPS:
            continue
        if _np_ok(ctx, seg, verb_first, strict) and len(seg) <= 10:
            src, person = resolve(ctx, seg, "reported", seg[0].start)
            if src is not None:
                return src, person, True
    return None, None, False


_RELATIVES = frozenset(["who", "whom", "whose", "which", "that"])


def _before_relative(seg: list[Token]) -> list[Token]:
    """A role phrase without its relative clause: "a political analyst who is often quoted by state media"
    is an analyst; what the clause says about him is no role."""
    for k in range(1, len(seg)):
        if seg[k].low in _RELATIVES:
            return seg[:k]
    return seg


def _is_role_phrase(tokens: list[Token]) -> bool:
    return any(strip_poss(t.low).rstrip("s") in ROLE_WORDS or strip_poss(t.low) in ROLE_WORDS or t.low in PERSON_NOUNS
               for t in tokens) and not any(t.low in PRONOUNS for t in tokens)


def _revision_cue(ctx, s, tokens, words, i, stance, cues) -> Optional[Cue]:
    """"The office raised the official number of dead from 232 to 238", "X has given new figures"."""
    n = len(tokens)
    m = i + 1
    while m < n and m - i <= 5 and words[m] in TOLL_SKIP:
        m += 1
    if m >= n or words[m] not in TOLL_NOUNS:
        # "has since raised it to 15": "it" is the toll when a figure follows at once
        if not (m == i + 1 and m + 2 < n and words[m] == "it" and words[m + 1] in ("to", "at")
                and tokens[m + 2].text[:1].isdigit()):
            return None
    prev = words[i - 1] if i > 0 else None
    if prev in BE or prev in ("been", "being") or prev in DETERMINERS:
        return None
    sub, mode, segs = _subject_span(ctx, tokens, words, i)
    src = person = None
    if mode == "simple" and sub and _np_ok(ctx, sub, "said", False):
        src, person = resolve(ctx, sub, "reported", sub[0].start)
    elif mode in ("chain", "relative") and segs:
        src, person, _ = _from_segments(ctx, segs, mode, "said", False)
    elif prev == "and" and cues:
        src, person = copy(cues[-1].source), getattr(cues[-1], "_person", None)
    if src is None:
        return None
    src.how = "reported"
    src.verb = " ".join(words[i:m + 1])
    src.stance = stance
    cstart, cend = _clause(tokens, i, s)
    rest = ctx.text[tokens[m].end:min(cend, tokens[m].end + 300)]
    announce = not _HAS_NUMBER.search(rest)
    cue = Cue(src, tokens[i].start, tokens[m].end, (tokens[i].start, cend), s.index, announce=announce)
    cue._person = person  # type: ignore[attr-defined]
    return cue


# ---------------------------------------------------------------- the cue pass

_LIST_ITEM = re.compile(r"[ \t]*(?:[*\u2022\u00b7+-]|\d{1,2}[.)])[ \t]")


def cue_pass(ctx: ArticleContext) -> None:
    sents = ctx.sentences
    for idx, s in enumerate(sents):
        toks = ctx.tokens[s.index]
        cues = find_cues(ctx, s, toks)
        ctx.cues[s.index] = cues
        last_of_para = idx + 1 >= len(sents) or sents[idx + 1].paragraph != s.paragraph
        if last_of_para and s.text.rstrip().endswith(":") and not PR_ABOUT.match(s.text):
            words = sentence_words(ctx, s, toks)
            src = None
            if cues:
                src = cues[-1].source
            else:
                subj = _main_subject(ctx, toks, words, len(toks))
                if subj and _np_ok(ctx, subj, "said", False):
                    src, person = resolve(ctx, subj, "reported", subj[0].start)
                    if src is not None and person is None and src.cls == "other":
                        src = None  # "The figures were as follows:" introduces no speaker
                    if person is not None:
                        ctx.dyn_pos.append(subj[0].start)
                        ctx.dyn_who.append(person)
            if src is not None and not (src.cls == "media_author" and src.how == "author"):
                said = copy(src, verb=src.verb or "said", stance=src.stance or "neutral")
                ctx.intro[s.paragraph + 1] = said
                # a list after the lead-in is all theirs, item by item: "... publishes an updated tally:" then
                # "• Officers injured: 748", "• People detained: 3,811"
                p = s.paragraph + 1
                while p < len(ctx.paragraphs) and _LIST_ITEM.match(ctx.text, ctx.paragraphs[p].start):
                    ctx.intro[p] = said
                    p += 1
