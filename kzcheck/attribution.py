"""Attribution: who states each figure or statement, and how.

An attribution is a cue (a speech verb or "according to"), a source (the
speaker noun phrase) and a content span, as in bbc/citron's data format.
Speakers are resolved to the people named in the article: a surname
("Macdonald", "Lord Macdonald"), a title ("the prosecutor") or a pronoun
("she added") points back to the person introduced earlier with their role
and organisation ("Naomi McAuliffe, Amnesty International's Scotland
programme director").

Direct quotes are found per paragraph; a quote that opens a paragraph with no
cue of its own continues the previous speaker's quote.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from .model import Source
from .numbers import Token, tokenize
from .segment import Paragraph, Sentence
from .vocab import Vocabulary

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "it": "n", "who": "rel", "i": "self", "we": "self"}
TITLES_MALE = frozenset("mr lord sir mister".split())
TITLES_FEMALE = frozenset("mrs ms miss lady madam dame".split())
HONORIFICS = TITLES_MALE | TITLES_FEMALE | frozenset(["dr", "prof", "professor", "the"])
ROLE_WORDS = frozenset("""president minister prosecutor prosecutor-general spokesman spokeswoman spokesperson
director head chief leader secretary official officer commander general governor mayor akim ambassador
diplomat researcher activist lawyer judge chairman chairwoman chair member founder editor correspondent
reporter analyst expert professor coordinator campaigner manager adviser advisor representative envoy
commissioner rapporteur deputy msp mp mep senator ombudsman investigator journalist witness resident
worker organiser organizer doctor nurse mother father widow survivor student blogger economist scholar
premier chancellor king queen emir prince sheikh colonel major captain lieutenant sergeant""".split())
ORG_WORDS = frozenset("""international watch ministry government party organisation organization council committee
office bureau agency police court embassy union group groups foundation commission service services
department authority authorities parliament assembly senate army forces guard company corporation bank
institute centre center university news times post guardian national independent reuters tass front
network coalition alliance movement federation association society board agency's republic""".split())
ADVERB_ASIDES = frozenset("""however though meanwhile also too instead moreover indeed nevertheless nonetheless
separately earlier later previously initially originally then now today yesterday""".split())
BOUNDARY = frozenset([",", ";", ":", '"', ".", "!", "?", "(", ")", "that", "and", "but", "while", "as", "because", "after", "when", "where", "although"])
AMBIGUOUS_CUES = frozenset("""reports report claims claim estimates estimate fear fears put puts counted recorded
registered documented released published posted notes note states state cited quoted described think believe
believes believed""".split())
GROUP_HEADS = frozenset("""officials authorities police ministry government residents witnesses groups group activists
organisers organizers protesters protestors demonstrators strikers workers relatives families doctors medics
rights survivors locals organisation organization office agency committee commission service prosecutors
investigators sources media reports observers experts analysts lawyers campaigners monitors watchdog army
military embassy kremlin court administration people villagers eyewitnesses opposition unions union""".split())

_NAME = re.compile(r"(?<![\w'])(?:(?:Mr|Mrs|Ms|Dr|Lord|Lady|Sir|Prof)\.? )?[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?: (?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]\.)){1,3}(?![\w])")
_WORD_TOKEN = re.compile(r"[A-Za-z][\w'-]*")


@dataclass
class Person:
    name: str
    surname: str
    role: Optional[str] = None
    organisation: Optional[str] = None
    gender: Optional[str] = None
    first_at: int = 0


@dataclass
class Quote:
    start: int  # offsets of the quoted text (without the marks)
    end: int
    paragraph: int
    source: Optional[Source] = None
    continues: bool = False  # opens a paragraph with no cue: continues the previous quote


@dataclass
class Cue:
    """A speech cue in a sentence: who, which verb, where the content is."""

    source: Source
    verb_start: int  # offsets in the text
    verb_end: int
    content: tuple[int, int]  # offsets of what the source says
    sentence: int


@dataclass
class ArticleContext:
    text: str
    sentences: list[Sentence]
    paragraphs: list[Paragraph]
    vocab: Vocabulary
    author: Source
    people: dict[str, Person] = field(default_factory=dict)  # by lower surname
    people_by_name: dict[str, Person] = field(default_factory=dict)
    mention_pos: list[int] = field(default_factory=list)
    mention_who: list[Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    cues: dict[int, list[Cue]] = field(default_factory=dict)  # by sentence index
    last_group: Optional[Source] = None


def author_source(metadata: dict) -> Source:
    outlet = (metadata or {}).get("outlet")
    author = (metadata or {}).get("author")
    name = outlet or author or "the article's author"
    return Source(name=name, cls="media_author", how="author", role="author" if author and not outlet else None,
                  organisation=outlet)


# ---------------------------------------------------------------- classes

def classify(text: str, vocab: Vocabulary, default: str = "other") -> str:
    """The source class that the words of a name, role or organisation tell."""
    words = [w.lower().rstrip("'s").rstrip("'") if w.lower().endswith("'s") else w.lower() for w in _WORD_TOKEN.findall(text)]
    low = text.lower()
    if low in vocab.named_sources:
        return vocab.named_sources[low]
    found = set()
    for i in range(len(words)):
        hit = vocab.source_words.match_at(words, i)
        if hit:
            found.add(hit[1])
    for cls in vocab.class_order:
        if cls in found:
            return cls
    return default


# ---------------------------------------------------------------- people

def find_people(ctx: ArticleContext) -> None:
    """Register the people named in the article with their role and organisation."""
    text = ctx.text
    for m in _NAME.finditer(text):
        name = m.group()
        words = name.split()
        title = words[0].rstrip(".").lower() if words[0].rstrip(".").lower() in HONORIFICS else None
        core = words[1:] if title else words
        if len(core) < 1 or any(w.lower() in ORG_WORDS for w in core) or core[0].lower() in _NOT_FIRST_NAMES:
            continue
        if len(core) == 1 and not title:
            continue
        role, org = _apposition_after(text, m.end())
        before_role = _role_before(text, m.start())
        if not (role or before_role or title or _is_speaker_at(text, m.end())):
            continue
        full = " ".join(core)
        surname = core[-1].lower()
        if surname in ctx.people:
            p = ctx.people[surname]
            if len(full) > len(p.name) and p.name in full:
                p.name = full
            p.role = p.role or role or before_role
            p.organisation = p.organisation or org
            continue
        role = role or before_role
        if role and not org:
            role, org = split_role(role)
        gender = "m" if title in TITLES_MALE else "f" if title in TITLES_FEMALE else None
        p = Person(full, surname, role, org, gender, m.start())
        ctx.people[surname] = p
        ctx.people_by_name[full.lower()] = p
    if ctx.people:
        names = sorted({p.surname for p in ctx.people.values()}, key=len, reverse=True)[:200]
        pattern = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(n) for n in names), re.I)
        for m in pattern.finditer(text):
            word = m.group()
            if word[0].isupper():
                ctx.mention_pos.append(m.start())
                ctx.mention_who.append(ctx.people[word.lower()])


_NOT_FIRST_NAMES = frozenset("""the a an in on at of for from by with and or but january february march april may june
july august september october november december monday tuesday wednesday thursday friday saturday sunday
kazakhstan kazakh russian russia british uk us european scottish soviet central western eastern northern
southern west east north south this that these those his her their its our it he she they we i human rights
amnesty read related latest more most home news update live breaking featured source photo image video""".split())

_SPEECH_AFTER = re.compile(r",? (?:said|says|told|added|adds|claimed|insisted|stated|wrote|noted|explained|argued|admitted|acknowledged)\b")


def _is_speaker_at(text: str, end: int) -> bool:
    return bool(_SPEECH_AFTER.match(text, end, min(len(text), end + 15)))


_APPOS = re.compile(r", ((?:the |a |an )?[^,;:\"\n.]{2,90}?)(?:,|\.|;| said| says| told| who)")


def _apposition_after(text: str, end: int) -> tuple[Optional[str], Optional[str]]:
    m = _APPOS.match(text, end, min(len(text), end + 110))
    if not m:
        return None, None
    phrase = m.group(1).strip()
    words = [w.lower().strip("'s") for w in _WORD_TOKEN.findall(phrase)]
    if not words or not any(w.rstrip("s") in ROLE_WORDS or w in ROLE_WORDS for w in words):
        return None, None
    return split_role(phrase)


_ROLE_BEFORE = re.compile(r"((?:[A-Z][\w'-]*|[a-z][\w'-]*) ){0,5}$")


def _role_before(text: str, start: int) -> Optional[str]:
    """'Kazakh Prosecutor-General Askhat Daulbaev', 'the former justice secretary Robert Buckland'."""
    window = text[max(0, start - 70):start]
    cut = max(window.rfind(","), window.rfind("."), window.rfind(";"), window.rfind(":"), window.rfind('"'), window.rfind("\n"))
    window = window[cut + 1:]
    words = window.split()
    while words and words[0].lower() in ("and", "by", "with", "from", "to", "said", "says", "told", "that", "as", "of"):
        words = words[1:]
    if not words:
        return None
    low = [w.lower().strip("'s,") for w in words]
    if low[-1] in ROLE_WORDS or low[-1].rstrip("s") in ROLE_WORDS or any(w in ROLE_WORDS for w in low[-3:]):
        # keep from the first role-ish word, dropping leading verbs and the like
        for k, w in enumerate(low):
            if w in ROLE_WORDS or w in ("the", "former", "deputy", "kazakh", "british", "uk", "acting", "chief", "senior", "regional", "local", "interior", "foreign", "justice") or words[k][:1].isupper():
                return " ".join(words[k:]).strip()
    return None


_POSSESSIVE_ORG = re.compile(r"^(?:the )?(.+?)'s? (.+)$")
_OF_ORG = re.compile(r"^(.+?) (?:of|at|for|with) (?:the )?(.+)$")


def split_role(phrase: str) -> tuple[Optional[str], Optional[str]]:
    """'Amnesty International's Scotland programme director' -> (role, organisation)."""
    phrase = phrase.strip().rstrip(",")
    m = _POSSESSIVE_ORG.match(phrase)
    if m and m.group(1)[:1].isupper():
        return m.group(2), m.group(1)
    m = _OF_ORG.match(phrase)
    if m and (m.group(2)[:1].isupper() or any(w in ORG_WORDS for w in m.group(2).lower().split())):
        return m.group(1), m.group(2)
    return phrase, None


def last_person_before(ctx: ArticleContext, pos: int, gender: Optional[str] = None) -> Optional[Person]:
    k = bisect.bisect_left(ctx.mention_pos, pos) - 1
    first_any = None
    while k >= 0 and k >= len(ctx.mention_pos) - 10_000:
        p = ctx.mention_who[k]
        if first_any is None:
            first_any = p
        if gender is None or p.gender in (None, gender):
            if gender and p.gender is None:
                p.gender = gender
            return p
        k -= 1
    return first_any


def person_source(p: Person, ctx: ArticleContext, how: str) -> Source:
    cls = classify(" ".join(x for x in (p.role or "", p.organisation or "", p.name) if x), ctx.vocab, default="other")
    return Source(name=p.name, cls=cls, how=how, role=p.role, organisation=p.organisation)


# ---------------------------------------------------------------- noun phrases

def resolve_speaker(tokens: list[Token], ctx: ArticleContext, how: str) -> Optional[Source]:
    """Turn a speaker noun phrase into a Source, resolving names, titles and pronouns."""
    toks = [t for t in tokens if t.text not in ('"', "'")]
    while toks and toks[0].low in ("the", "a", "an", "and", "but", "so", "also", "however", "even", "then", "yet"):
        if toks[0].low == "the" and len(toks) > 1:
            break
        toks = toks[1:]
    if not toks:
        return None
    if len(toks) > 14:
        return None
    text = ctx.text[toks[0].start:toks[-1].end].strip()
    first = toks[0].low
    pos = toks[0].start
    if len(toks) == 1 and first in PRONOUNS:
        g = PRONOUNS[first]
        if g in ("m", "f", "rel"):
            p = last_person_before(ctx, pos, g if g in ("m", "f") else None)
            return person_source(p, ctx, how) if p else None
        if g in ("n", "p") and ctx.last_group is not None:
            s = ctx.last_group
            return Source(s.name, s.cls, how, s.role, s.organisation)
        return None
    # a person named here or earlier
    for t in reversed(toks):
        key = t.low.rstrip("'s") if t.low.endswith("'s") else t.low
        if key in ctx.people and t.text[:1].isupper():
            p = ctx.people[key]
            if p.first_at <= toks[-1].end or True:
                return person_source(p, ctx, how)
    # a title standing for a person named earlier: "the prosecutor", "the minister"
    if first == "the" and 2 <= len(toks) <= 4 and toks[-1].low in ROLE_WORDS:
        role_word = toks[-1].low
        best = None
        for p in ctx.people.values():
            if p.first_at < pos and p.role and role_word in p.role.lower():
                if best is None or p.first_at > best.first_at:
                    best = p
        if best is not None:
            return person_source(best, ctx, how)
    # a name not seen before: "Marat Zhakupov", "Tokayev"
    caps = [t for t in toks if t.text[:1].isupper() and t.low not in _NOT_FIRST_NAMES]
    if caps and len(caps) == len(toks) and len(toks) <= 4 and not any(t.low in ORG_WORDS for t in toks):
        name = " ".join(t.text for t in toks)
        p = Person(name, toks[-1].low, None, None, None, pos)
        role, org = _apposition_after(ctx.text, toks[-1].end)
        before = _role_before(ctx.text, toks[0].start)
        p.role = role or before
        p.organisation = org
        if p.role and not p.organisation:
            p.role, p.organisation = split_role(p.role)
        ctx.people[p.surname] = p
        return person_source(p, ctx, how)
    # a group or an organisation: "Human rights groups", "the interior ministry"
    name = text
    cls = classify(name, ctx.vocab, default="")
    if not cls:
        head = toks[-1].low
        if head not in GROUP_HEADS and not toks[-1].text[:1].isupper():
            return None
        cls = "other"
    role, org = (None, None)
    src = Source(name=_clean_name(name), cls=cls, how=how, role=role, organisation=org)
    ctx.last_group = src
    return src


def _clean_name(name: str) -> str:
    name = name.strip(" ,;:")
    if name.lower().startswith("the ") and not any(ch.isupper() for ch in name[4:5]):
        return name
    return name


# ---------------------------------------------------------------- quotes

def find_quotes(ctx: ArticleContext) -> None:
    """Quote spans per paragraph; an unclosed quote runs to its paragraph's end."""
    text = ctx.text
    for para in ctx.paragraphs:
        marks = [i for i in _iter_quote_marks(text, para.start, para.end)]
        k = 0
        while k < len(marks):
            start = marks[k] + 1
            end = marks[k + 1] if k + 1 < len(marks) else para.end
            if end > start:
                ctx.quotes.append(Quote(start, end, para.index))
            k += 2
    ctx.quote_starts = [q.start for q in ctx.quotes]


def _iter_quote_marks(text: str, start: int, end: int):
    i = text.find('"', start, end)
    while i >= 0:
        yield i
        i = text.find('"', i + 1, end)


def quote_at(ctx: ArticleContext, pos: int) -> Optional[Quote]:
    k = bisect.bisect_right(ctx.quote_starts, pos) - 1
    if k >= 0 and ctx.quotes[k].start <= pos < ctx.quotes[k].end:
        return ctx.quotes[k]
    return None


# ---------------------------------------------------------------- cues in sentences

def sentence_tokens(ctx: ArticleContext, s: Sentence) -> list[Token]:
    return tokenize(ctx.text, s.start, s.end)


def find_cues(ctx: ArticleContext, s: Sentence, tokens: list[Token]) -> list[Cue]:
    """Speech cues in one sentence, each with its source and content span."""
    words = [t.low for t in tokens]
    n = len(tokens)
    cues: list[Cue] = []
    i = 0
    while i < n:
        if words[i] == "according" and i + 1 < n and words[i + 1] == "to":
            j = i + 2
            k = j
            while k < n and words[k] not in (",", ";", ".", ":", '"', "that") and k - j < 12:
                k += 1
            src = resolve_speaker(tokens[j:k], ctx, "according_to") if k > j else None
            if src is not None:
                src.verb, src.stance = "according to", "neutral"
                if i <= 2:  # "According to officials, 86 people were injured"
                    content = (tokens[k - 1].end, s.end)
                else:  # "86 people were injured, according to officials"
                    content = (s.start, s.end)
                cues.append(Cue(src, tokens[i].start, tokens[i + 1].end, content, s.index))
            i = k
            continue
        hit = ctx.vocab.stances.match_at(words, i)
        if not hit:
            i += 1
            continue
        length, stance = hit
        verb_tokens = tokens[i:i + length]
        verb = " ".join(t.low for t in verb_tokens)
        cue = _cue_with_subject(ctx, s, tokens, words, i, length, verb, stance)
        if cue is not None:
            cues.append(cue)
        i += length
    return cues


def _cue_with_subject(ctx, s, tokens, words, i, length, verb, stance) -> Optional[Cue]:
    n = len(tokens)
    # subject before the verb: "Human rights groups say", "Residents, however, insist"
    j = i
    k = j
    while k > 0 and words[k - 1] not in BOUNDARY and j - k < 10:
        k -= 1
    if k == j and k >= 3 and words[k - 1] == "," and words[k - 2] in ADVERB_ASIDES and words[k - 3] == ",":
        j = k - 3
        k = j
        while k > 0 and words[k - 1] not in BOUNDARY and j - k < 10:
            k -= 1
    appositive = False
    if k == j and j >= 2 and words[j - 1] == ",":
        # "The owner of the shop, Nurlan Kassenov, told": a noun phrase and its apposition
        seg1_end = j - 1
        seg1_start = seg1_end
        while seg1_start > 0 and words[seg1_start - 1] not in BOUNDARY and seg1_end - seg1_start < 12:
            seg1_start -= 1
        seg0 = []
        if seg1_start >= 2 and words[seg1_start - 1] == ",":
            e0 = seg1_start - 1
            s0 = e0
            while s0 > 0 and words[s0 - 1] not in BOUNDARY and e0 - s0 < 10:
                s0 -= 1
            seg0 = tokens[s0:e0]
        seg1 = tokens[seg1_start:seg1_end]
        if seg1 and seg0:
            named1 = sum(t.text[:1].isupper() for t in seg1) >= max(1, len(seg1) - 1) and len(seg1) <= 4
            subject = seg1 if named1 else seg0
            k = seg1_start if named1 else seg0[0] and s0
            appositive = True
    if not appositive:
        subject = tokens[k:j]
    while subject and (subject[0].low in ADVERB_ASIDES or subject[0].low.endswith("ly") and subject[0].text.islower()):
        subject = subject[1:]
    while subject and (subject[-1].low in TRAILING_ADVERBS or subject[-1].low.endswith("ly") and subject[-1].text.islower()):
        subject = subject[:-1]
    subject = _noun_phrase(subject)
    # apposition before: "Naomi X, Amnesty's director, said" -> use the name part
    if subject and k >= 2 and words[k - 1] == "," and _is_role_phrase(subject):
        kk = k - 1
        while kk > 0 and words[kk - 1] not in BOUNDARY and (k - 1) - kk < 6:
            kk -= 1
        if kk < k - 1:
            subject = tokens[kk:k - 1]
    after_end = i + length
    if verb in AMBIGUOUS_CUES:
        # "reports", "states", "claims" are nouns as often as verbs: a verb is followed by what is said
        nxt = tokens[after_end] if after_end < n else None
        trailing = i > 1 and any(w == "," for w in words[max(0, i - 6):i])
        if nxt is not None and not (nxt.low in ("that", ":", '"') or nxt.text[:1].isdigit()
                                    or (nxt.low in (",", ".") and trailing)):
            return None
        if nxt is None and not trailing:
            return None
    src = None
    inverted = False
    if subject and _subject_ok(subject, verb):
        src = resolve_speaker(subject, ctx, "reported")
    if src is None and (k == j) and after_end < n and words[j - 1] in (",", '"') if j > 0 else False:
        # inverted: ', said the interior ministry.'
        e = after_end
        while e < n and words[e] not in (",", ".", ";", ":", '"') and e - after_end < 12:
            e += 1
        if e > after_end:
            src = resolve_speaker(tokens[after_end:e], ctx, "reported")
            inverted = src is not None
    if src is None:
        return None
    src.verb, src.stance = verb, stance
    # where the content is: a trailing cue ("..., officials said") covers its whole sentence,
    # a leading one ("Residents insist ...") what follows the verb
    trailing = not appositive and ((k > 1 and words[k - 1] in (",", '"')) or inverted)
    if trailing:
        content = (s.start, s.end)
    else:
        content = (tokens[after_end - 1].end, s.end)
    return Cue(src, tokens[i].start, tokens[after_end - 1].end, content, s.index)


TRAILING_ADVERBS = frozenset("""now also still initially originally later previously repeatedly generally abroad here there
too themselves itself alone again long have has had had already once first then today yesterday""".split())
NP_BREAK = frozenset("by in on at for with from after before during since to into under over through".split())


def _noun_phrase(tokens: list[Token]) -> list[Token]:
    """The noun phrase that ends ``tokens``: drop a leading prepositional phrase
    ("By the end of the month the prosecutor's office" -> "the prosecutor's office")."""
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].low in NP_BREAK and k + 1 < len(tokens):
            rest = tokens[k + 1:]
            # "the end of the month the prosecutor's office": start at the last determiner
            for d in range(len(rest) - 1, -1, -1):
                if rest[d].low in ("the", "a", "an") and d > 0:
                    return rest[d:]
            return tokens if tokens[0].text[:1].isupper() and k > 2 else rest
    return tokens


def _is_role_phrase(tokens: list[Token]) -> bool:
    return any(t.low.rstrip("s") in ROLE_WORDS or t.low in ROLE_WORDS for t in tokens) and not any(t.low in PRONOUNS for t in tokens)


def _subject_ok(subject: list[Token], verb: str) -> bool:
    head = subject[-1]
    if head.low in PRONOUNS:
        return True
    if head.text[:1].isupper():
        return True
    if head.low in GROUP_HEADS or head.low.rstrip("s") in GROUP_HEADS:
        return True
    if verb in AMBIGUOUS_CUES:
        return False
    return head.low in ROLE_WORDS or head.low.rstrip("s") in ROLE_WORDS


# ---------------------------------------------------------------- resolution per article

def attribute_quotes(ctx: ArticleContext) -> None:
    """Give each quote its speaker: a cue next to it, else the previous paragraph's speaker."""
    by_sentence_start = [s.start for s in ctx.sentences]
    prev: Optional[Quote] = None
    for q in ctx.quotes:
        k = bisect.bisect_right(by_sentence_start, q.start - 1) - 1
        s = ctx.sentences[k] if k >= 0 else None
        src = None
        if s is not None:
            for cue in _cues_of(ctx, s):
                # a cue outside the quote, in the same sentence or the one holding the closing mark
                if not (q.start <= cue.verb_start < q.end):
                    src = cue.source
                    break
            if src is None:
                # cue right after the closing mark may be in a later sentence of a multi-sentence quote
                k2 = bisect.bisect_right(by_sentence_start, q.end) - 1
                if k2 != k and k2 >= 0:
                    for cue in _cues_of(ctx, ctx.sentences[k2]):
                        if cue.verb_start >= q.end:
                            src = cue.source
                            break
        para_start = next((p.start for p in ctx.paragraphs if p.index == q.paragraph), None)
        opens_paragraph = para_start is not None and q.start - 1 == para_start
        if src is None and prev is not None and prev.source is not None and opens_paragraph and prev.paragraph in (q.paragraph - 1, q.paragraph - 2):
            src = prev.source
            q.continues = True
        if src is not None:
            q.source = Source(src.name, src.cls, "quote", src.role, src.organisation, src.verb, src.stance)
        prev = q if q.source is not None or prev is None or prev.paragraph != q.paragraph else prev
        if q.source is not None:
            prev = q


def _cues_of(ctx: ArticleContext, s: Sentence) -> list[Cue]:
    if s.index not in ctx.cues:
        ctx.cues[s.index] = find_cues(ctx, s, sentence_tokens(ctx, s))
    return ctx.cues[s.index]


def source_for(ctx: ArticleContext, s: Sentence, pos: int) -> Source:
    """Who states what stands at ``pos`` in sentence ``s``."""
    q = quote_at(ctx, pos)
    if q is not None and q.source is not None and q.end - q.start > 12:
        return q.source
    best = None
    for cue in _cues_of(ctx, s):
        if cue.content[0] <= pos < cue.content[1] and not (q is not None and q.start <= cue.verb_start < q.end):
            dist = min(abs(pos - cue.verb_start), abs(pos - cue.verb_end))
            if best is None or dist < best[0]:
                best = (dist, cue)
    if best is not None:
        c = best[1].source
        return Source(c.name, c.cls, c.how, c.role, c.organisation, c.verb, c.stance)
    official = _OFFICIALLY.search(ctx.text, max(s.start, pos - 60), min(s.end, pos + 60))
    if official:
        # "Officially, 14 people died", "16 people officially killed", "official figures show"
        return Source("officials", "official", "according_to", verb=official.group().lower(), stance="neutral")
    return ctx.author


_OFFICIALLY = re.compile(r"\b(?:[Oo]fficially|[Oo]fficial (?:figures|data|statistics|toll|count|tally)|the official (?:figure|number|toll))\b")
