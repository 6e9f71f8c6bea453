"""What the attribution stage knows about one article, and the words its steps share.

The ArticleContext that every step reads and fills in, the records it holds (Person, Org, OrgMention,
Quote, Cue), the word lists that more than one step uses (most of them from data/sources.toml) and
small helpers on tokens and names. The lowest of the stage's modules: it imports none of the others.
"""
from __future__ import annotations

import copy as copy_module
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

from .model import Source
from .numbers import Token, tokenize
from .segment import Paragraph, Sentence
from .vocab import Vocabulary


@lru_cache(maxsize=1)
def _lists() -> dict:
    data = tomllib.loads(resources.files("kzcheck").joinpath("data", "sources.toml").read_text(encoding="utf-8"))
    out: dict = {}
    for key, value in data.get("attribution", {}).items():
        if isinstance(value, dict):
            out[key] = {str(k).lower(): str(v) for k, v in value.items()}
        else:
            out[key] = frozenset(str(w).lower() for w in value)
    return out


_L = _lists()
GENERIC_ROLES = _L.get("generic_roles", frozenset())
PERSON_NOUNS = _L.get("person_nouns", frozenset())
FEMALE_WORDS = _L.get("female_words", frozenset())
MALE_WORDS = _L.get("male_words", frozenset())
ORG_HEADS = _L.get("org_heads", frozenset())
REPORT_NOUNS = _L.get("report_nouns", frozenset())
RECORD_NOUNS = _L.get("record_nouns", frozenset())
KIN_WORDS = _L.get("kin_words", frozenset())
RECORD_VERBS = _L.get("record_verbs", frozenset())
OUTLET_WORDS = _L.get("outlet_words", frozenset())
PLACE_WORDS = _L.get("place_words", frozenset())
COUNTRIES = _L.get("countries", frozenset())
SPEAKER_LABELS = _L.get("speaker_labels", frozenset())
LABEL_STOP = _L.get("label_stop", frozenset())
STANCE_NOUNS = _L.get("stance_nouns", {})

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "it": "n", "who": "rel", "i": "self",
            "we": "self", "me": "self", "us": "self"}
FIRST_PERSON = frozenset(["i", "we", "me", "us", "my", "our", "mine", "ours", "i'm", "we're", "i've", "we've", "i'd", "we'd"])
TITLES_MALE = frozenset("mr lord sir mister".split())
TITLES_FEMALE = frozenset("mrs ms miss lady madam dame".split())
HONORIFICS = TITLES_MALE | TITLES_FEMALE | frozenset(["dr", "prof", "professor", "the"])
POST_TITLES = frozenset(["MP", "MSP", "MEP", "QC", "KC", "MLA", "AM"])
ROLE_WORDS = frozenset("""president minister prosecutor prosecutor-general spokesman spokeswoman spokesperson
director head chief leader secretary official officer commander general governor mayor akim ambassador
diplomat researcher activist lawyer judge chairman chairwoman chair member founder editor correspondent
reporter analyst expert professor coordinator campaigner manager adviser advisor representative envoy
commissioner rapporteur deputy msp mp mep senator ombudsman investigator journalist witness resident
worker organiser organizer doctor nurse mother father widow survivor student blogger economist scholar
premier chancellor king queen emir prince sheikh colonel major captain lieutenant sergeant dissident
defender attorney barrister solicitor presenter host anchor owner pharmacist driver teacher schoolteacher
vice-president prime attorney surgeon""".split())
NATIONALITIES = frozenset("""kazakh kazakhstani russian british uk us american european scottish soviet chinese
kyrgyz uzbek tajik turkmen belarusian ukrainian french german turkish english welsh irish un eu""".split())
ORG_WORDS = frozenset("""international watch ministry government party organisation organization council committee
office bureau agency police court embassy union group groups foundation commission service services
department authority authorities parliament assembly senate army forces guard company corporation bank
institute centre center university news times post guardian national independent reuters tass front
network coalition alliance movement federation association society board agency's republic courier daily
dispatch herald gazette tribune journal radio tv television channel broadcaster portal newswire wire press
media initiative fund trust watchdog bloc directorate akimat ministry's llp jsc plc ltd inc""".split()) | OUTLET_WORDS
NOT_NAME = frozenset("""the a an in on at of for from by with and or but as after before when while to
january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday kazakhstan kazakh russian russia british uk us european scottish
soviet central western eastern northern southern west east north south this that these those his her their its
our it he she they we i read related latest more most home news update live breaking
featured source photo image video last next every each some many several all both few no one two three
among of among however although though meanwhile also then now today yesterday tonight gmt utc
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
""".split()) | NATIONALITIES
BOUNDARY = frozenset([",", ";", ":", '"', ".", "!", "?", "(", ")", "-", "that", "and", "but", "while", "as", "because",
                      "after", "when", "where", "although", "though", "if", "so", "or", "which", "whom", "whose",
                      "who", "what", "how", "whether", "than", "until", "unless"])
AUX_ADV = frozenset("""has have had will would could can may might should must shall did does do also now then later
previously already still again repeatedly initially originally first long today yesterday separately reportedly
publicly privately last finally further once since subsequently earlier generally consistently always never
often usually """.split())
BE = frozenset(["is", "are", "was", "were", "be", "been", "being", "am"])
DETERMINERS = frozenset("the a an this that these those its his her their our my your one another".split())
PREPS = frozenset("""of at in on for with from by near to into under over through after before during since about
across outside inside around among between within without via per against""".split())
INVERTIBLE = frozenset("""said says added adds wrote writes explained explains continued insisted insists claimed
admitted noted notes asked recalled replied stressed argued warned declared announced remarked observed
countered conceded acknowledged confirmed""".split())
SPEECH_STOP = INVERTIBLE | frozenset(["told", "tell", "tells", "say", "believe", "believes", "think", "thinks"])
GROUP_HEADS = frozenset("""officials authorities police ministry government residents witnesses groups group activists
organisers organizers protesters protestors demonstrators strikers workers relatives families doctors medics
rights survivors locals organisation organization office agency committee commission service prosecutors
investigators sources media reports observers experts analysts lawyers campaigners monitors watchdog army
military embassy kremlin court administration people villagers eyewitnesses opposition unions union department
akimat bloc alliance company staff report statement journalists reporters correspondents bloggers""".split())

WORD_TOKEN = re.compile(r"[A-Za-z][\w'-]*")


@dataclass
class Person:
    name: str
    surname: str
    role: Optional[str] = None
    organisation: Optional[str] = None
    gender: Optional[str] = None
    first_at: int = 0
    roles: list = field(default_factory=list)
    private: bool = False  # described only by age: a private individual
    media: bool = False  # the outlet's own presenter or correspondent
    class_memo: Optional[tuple] = field(default=None, repr=False, compare=False)  # see person_class

    def add_role(self, role: Optional[str], org: Optional[str] = None) -> None:
        if role:
            role = role.strip(" ,")
            if role and role not in self.roles:
                self.roles.append(role)
            if not self.role:
                self.role = role
            g = gender_of_words(role)
            if g and not self.gender:
                self.gender = g
        if org and not self.organisation:
            self.organisation = org.strip(" ,")


@dataclass
class Org:
    name: str
    heads: set = field(default_factory=set)
    acronym: Optional[str] = None
    descriptor: Optional[str] = None
    cls: str = "other"
    named: bool = True
    first_at: int = 0

    def display(self) -> str:
        if self.acronym and self.acronym.lower() not in self.name.lower().split():
            return f"{self.name} ({self.acronym})"
        return self.name


@dataclass
class OrgMention:
    start: int
    end: int
    org: Org
    nested: bool = False  # inside another organisation's description: no antecedent


@dataclass
class Quote:
    start: int  # offsets of the quoted text (without the marks)
    end: int
    paragraph: int
    source: Optional[Source] = None
    continues: bool = False  # opens a paragraph with no cue: continues the previous quote
    words: int = 0


@dataclass
class Cue:
    """A speech cue in a sentence: who, which verb, where the content is."""

    source: Source
    verb_start: int  # offsets in the text
    verb_end: int
    content: tuple[int, int]  # offsets of what the source says
    sentence: int
    announce: bool = False  # "X has given new figures": the figures follow in the next sentences


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
    cue_starts: dict[int, list[int]] = field(default_factory=dict)  # verb offsets of cues, by sentence
    tokens: list = field(default_factory=list)  # tokens of each sentence
    upper: list = field(default_factory=list)  # indices of the tokens of each sentence that start upper case
    words: dict = field(default_factory=dict)  # lower-cased tokens, by sentence index
    cue_firsts: Optional[frozenset] = None  # the words a speech cue can start with
    orgs: dict[str, Org] = field(default_factory=dict)  # by lower name and acronym
    org_mentions: list[OrgMention] = field(default_factory=list)
    org_initials: dict[str, Org] = field(default_factory=dict)  # "mia" -> the Ministry of Internal Affairs
    org_pos: list[int] = field(default_factory=list)
    outlets: set = field(default_factory=set)
    issuer: Optional[Org] = None
    addressee: Optional[Source] = None  # whom "you" means in an open letter
    para_voice: dict[int, Source] = field(default_factory=dict)
    inherit: dict[int, Source] = field(default_factory=dict)  # by sentence index
    intro: dict[int, Source] = field(default_factory=dict)  # by paragraph index: introduced by a colon before it
    dyn_pos: list[int] = field(default_factory=list)  # persons resolved as speakers, in text order
    dyn_who: list[Person] = field(default_factory=list)
    last_org: Optional[Source] = None
    last_plural: Optional[Source] = None
    report_owner: Optional[Source] = None
    spoke: set = field(default_factory=set)
    _para_sentences: Optional[dict[int, tuple[int, int]]] = None

    def sentences_of(self, paragraph: int) -> Optional[tuple[int, int]]:
        """The indices of a paragraph's first and last sentences, or None if it has none."""
        if self._para_sentences is None:
            spans: dict[int, tuple[int, int]] = {}
            for s in self.sentences:
                first = spans.get(s.paragraph, (s.index,))[0]
                spans[s.paragraph] = (first, s.index)
            self._para_sentences = spans
        return self._para_sentences.get(paragraph)
    analysed: bool = False


def copy(src: Source, **changes) -> Source:
    out = copy_module.copy(src)  # a shallow copy: every field is immutable; dataclasses.replace costs far more
    for name, value in changes.items():
        setattr(out, name, value)
    return out


def strip_poss(w: str) -> str:
    if "'" not in w:
        return w
    if w.endswith("'s"):
        return w[:-2]
    if w.endswith("s'"):
        return w[:-1]
    return w


def is_cap(t: Token) -> bool:
    x = t.text
    return x[:1].isupper() and not x.isupper()  # the first letter is, so some other one is lower case


def is_acronym(t: Token) -> bool:
    x = strip_poss(t.text)
    return 2 <= len(x) <= 6 and x.isalpha() and x.isupper()


def gender_of_words(text: str) -> Optional[str]:
    for w in WORD_TOKEN.findall(text.lower()):
        if w in FEMALE_WORDS:
            return "f"
        if w in MALE_WORDS:
            return "m"
    return None


def para_text(ctx: ArticleContext, p: Paragraph) -> str:
    return ctx.text[p.start:p.end]


def sentence_tokens(ctx: ArticleContext, s: Sentence) -> list[Token]:
    if ctx.tokens and s.index < len(ctx.tokens):
        return ctx.tokens[s.index]
    return tokenize(ctx.text, s.start, s.end)


def sentence_words(ctx: ArticleContext, s: Sentence, tokens: list[Token]) -> list[str]:
    """The lower-cased tokens of a sentence, made once."""
    if ctx.tokens and s.index < len(ctx.tokens) and tokens is ctx.tokens[s.index]:
        words = ctx.words.get(s.index)
        if words is None:
            words = ctx.words[s.index] = [t.low for t in tokens]
        return words
    return [t.low for t in tokens]
