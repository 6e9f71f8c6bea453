"""People and organisations: who the article names, what class of source each is, whom a phrase means.

Finds the outlet, the people (a capitalised name with a title, a role in apposition or a speech verb
after it) and the organisations (a capitalised run with an organisation word, an acronym, "the city's
internal affairs department") named in the article, with their roles; tells the source class of each
from the vocabulary; and resolves a speaker noun phrase to a Source: a surname, a title ("the
prosecutor"), an organisation noun ("the ministry") or a pronoun points back to the one introduced
earlier, a name not seen before becomes a person.
"""
from __future__ import annotations

import bisect
import re
import weakref
from functools import lru_cache
from typing import Optional

from .context import (
    AUX_ADV, BE, BOUNDARY, COUNTRIES, DETERMINERS, FIRST_PERSON, GENERIC_ROLES, GROUP_HEADS, HONORIFICS, KIN_WORDS,
    INVERTIBLE, NATIONALITIES, NOT_NAME, ORG_HEADS, ORG_WORDS, OUTLET_WORDS, PERSON_NOUNS, PLACE_WORDS,
    POST_TITLES, PREPS, PRONOUNS, REPORT_NOUNS, ROLE_WORDS, SPEECH_STOP, TITLES_FEMALE, TITLES_MALE, WORD_TOKEN,
    ArticleContext, Org, OrgMention, Person, copy, gender_of_words, is_acronym, is_cap, para_text, sentence_words,
    strip_poss,
)
from .model import Source
from .numbers import Token
from .vocab import PhraseTable, Vocabulary


TRAILING_ADVERBS = frozenset("""now also still initially originally later previously repeatedly generally abroad here there
too themselves itself alone again long have has had already once first then today yesterday separately
meanwhile however though""".split())
LEADING_DROP = frozenset("""and but so also however even then yet which who whom that while as now meanwhile
though although because later earlier separately initially originally previously today yesterday""".split())


# ---------------------------------------------------------------- classes

_ACRONYM_ONLY = frozenset(["who", "un", "eu", "imf", "rsf", "cpj", "dck", "knb", "afp", "bbc", "tass"])


def _class_hits(text: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """(class, phrase) for every vocabulary phrase in ``text``."""
    raw = WORD_TOKEN.findall(text)
    words = [strip_poss(w.lower()) for w in raw]
    out = []
    i = 0
    while i < len(words):
        hit = vocab.source_words.match_at(words, i)
        if hit:
            n, cls = hit
            phrase = " ".join(words[i:i + n])
            if not (n == 1 and phrase in _ACRONYM_ONLY and not raw[i].isupper()):
                out.append((cls, phrase))
            i += n
        else:
            i += 1
    return out


def _first_class(hits: list[tuple[str, str]], vocab: Vocabulary, skip=()) -> Optional[str]:
    found = {c for c, p in hits if p not in skip}
    for cls in vocab.class_order:
        if cls in found:
            return cls
    return None


def classify(text: str, vocab: Vocabulary, default: str = "other") -> str:
    """The source class that the words of a name, role or organisation tell."""
    memo = _class_memo(vocab)
    cls = memo.get(text)
    if cls is None:
        if len(memo) >= _CLASS_MEMO_SIZE:
            memo.clear()
        cls = memo[text] = _classify(text, vocab)
    return cls or default


def _classify(text: str, vocab: Vocabulary) -> str:
    low = text.lower().strip()
    if low in vocab.named_sources:
        return vocab.named_sources[low]
    if low.startswith("the ") and low[4:] in vocab.named_sources:
        return vocab.named_sources[low[4:]]
    return _first_class(_class_hits(text, vocab), vocab) or ""


_CLASS_MEMO_SIZE = 20_000
_CLASS_MEMOS: "weakref.WeakKeyDictionary[PhraseTable, tuple]" = weakref.WeakKeyDictionary()


def _class_memo(vocab: Vocabulary) -> dict[str, str]:
    """Names recur across an archive ("the Interior Ministry", "Human Rights Watch"): their class
    is read once per vocabulary. A vocabulary changed since is a new memo."""
    state = (vocab.source_words.size(), len(vocab.named_sources), vocab.class_order)
    entry = _CLASS_MEMOS.get(vocab.source_words)
    if entry is None or entry[0] != state or entry[1] is not vocab.named_sources:
        entry = (state, vocab.named_sources, {})
        _CLASS_MEMOS[vocab.source_words] = entry
    return entry[2]


def org_class(ctx: ArticleContext, name: str) -> Optional[str]:
    key = org_key(name)
    org = ctx.orgs.get(key)
    if org is not None and org.cls != "other":
        return org.cls
    cls = classify(name, ctx.vocab, default="")
    return cls or None


def person_class(p: Person, ctx: ArticleContext) -> str:
    """A person's class: from a telling role, else the organisation they speak for, else a generic role.

    Read again only when what it depends on has changed: a person is cited many times."""
    key = (len(p.roles), p.organisation, p.private, p.media, p.name, len(ctx.orgs), len(ctx.outlets))
    if p.class_memo is not None and p.class_memo[0] == key:
        return p.class_memo[1]
    cls = _person_class(p, ctx)
    p.class_memo = (key, cls)
    return cls


_FORMER = re.compile(r"\b(?:former|ex-|retired)")


def _person_class(p: Person, ctx: ArticleContext) -> str:
    vocab = ctx.vocab
    if p.media:
        return "media_author"
    hits: list[tuple[str, str]] = []
    for role in p.roles:
        hits += _class_hits(role, vocab)
    specific = [(c, ph) for c, ph in hits if ph not in GENERIC_ROLES and c != "other"]
    cls = _first_class(specific, vocab)
    if cls:
        return cls
    former = any(_FORMER.search(r.lower()) for r in p.roles)
    if former:
        return "residents_witnesses"
    if p.organisation:
        cls = org_class(ctx, p.organisation)
        if cls:
            return cls
    cls = _first_class([(c, ph) for c, ph in hits if c != "other"], vocab)
    if cls:
        return cls
    if hits:
        return "other"
    cls = classify(p.name, vocab, default="")
    if cls:
        return cls
    if p.private:
        return "residents_witnesses"
    return "other"


def person_source(p: Person, ctx: ArticleContext, how: str) -> Source:
    return Source(name=p.name, cls=person_class(p, ctx), how=how, role=p.role, organisation=p.organisation)


# ---------------------------------------------------------------- the outlet, people and organisations named

_BY_STAFF = re.compile(r"(?:(?:Compiled|Written|Edited|Produced|Prepared|Reported) by|By) (?:the )?([A-Z][\w'&. -]{1,50}?) "
                       r"(?:staff|reporters|correspondents?|desk|team|newsroom)\b")
# words of a heading that names a kind of piece, not an outlet: "KAZAKHSTAN PRESS ROUND-UP", "DAILY NEWS DIGEST"
PIECE_WORDS = frozenset(["round-up", "roundup", "digest", "briefing", "summary", "update", "updates", "live", "review",
                         "factcheck", "fact-check", "check", "explainer", "analysis", "opinion", "comment"])
_DATELINE_OUTLET = re.compile(r"[A-Z][A-Z .'-]{1,30}, [^()\n]{0,30}\(([A-Z][\w .&'-]{0,30})\) -")


def find_outlet(ctx: ArticleContext) -> None:
    names = []
    if ctx.author.organisation:
        names.append(ctx.author.organisation)
    for p in ctx.paragraphs[:12]:
        line = para_text(ctx, p)[:300]
        m = _BY_STAFF.match(line)
        if m:
            names.append(m.group(1).strip())
            continue
        m = _DATELINE_OUTLET.match(line)
        if m:
            names.append(m.group(1).strip())
            continue
        for part in re.split(r" \| | - |, ", line):
            part = part.strip(' "*#')
            words = part.split()
            if not 1 <= len(words) <= 6 or not all(w[:1].isupper() for w in words):
                continue
            low = [w.lower().strip(".,'\"") for w in words]
            if part.isupper() and (p.index > 2 or not PIECE_WORDS.isdisjoint(low)):
                continue  # "THE POST" over a section, "KAZAKHSTAN PRESS ROUND-UP": headings, not mastheads
            if any(w in OUTLET_WORDS for w in low[1:] + low[:1]) and not any(w in ("transcript", "press", "release") for w in low[:1] if len(low) == 1):
                if len(words) >= 2 or low[0] in ("reuters", "bbc"):
                    names.append(part)
    for n in names:
        key = org_key(n)
        if key:
            ctx.outlets.add(key)
    if names and ctx.author.organisation is None and ctx.author.role is None and ctx.author.name == "the article's author":
        outlet = names[0]
        ctx.author = Source(name=outlet, cls="media_author", how="author", organisation=outlet)


def org_key(name: str) -> str:
    name = name.strip(" ,.;:\"'").lower()
    if name.startswith("the "):
        name = name[4:]
    return strip_poss(name)


# ---- people

def _is_role_word(low: str) -> bool:
    return low in ROLE_WORDS or ("-" in low and any(part in ROLE_WORDS for part in low.split("-")))  # "Attorney-General"


_HONOR_NO_THE = HONORIFICS - {"the"}
_PEEL_WORDS = HONORIFICS | ROLE_WORDS | NATIONALITIES | NOT_NAME | frozenset(
    ["former", "exiled", "acting", "deputy", "senior", "chief", "opposition", "interior", "foreign", "justice", "regional"])
_CORE_STOP = ORG_WORDS | PLACE_WORDS | NOT_NAME | COUNTRIES
_SOLO_STOP = _PEEL_WORDS | _CORE_STOP  # a lone capitalised word in here is peeled or refused: never a person


def _peel_low(low: str) -> bool:
    """Whether a word (lower-cased, without its possessive) is peeled off a name: a title, role or nationality."""
    return (low in _PEEL_WORDS or low.rstrip(".") in HONORIFICS
            or ("-" in low and any(part in ROLE_WORDS for part in low.split("-"))))


def find_persons(ctx: ArticleContext) -> None:
    text = ctx.text
    candidate = _person_candidate
    for si, toks in enumerate(ctx.tokens):
        upper = ctx.upper[si]
        if not upper:
            continue
        caps = [k for k in upper if not toks[k].text.isupper()]  # is_cap: the first letter is upper case
        n_caps = len(caps)
        n = len(toks)
        heading = None
        c = 0
        while c < n_caps:
            i = j = caps[c]
            c += 1
            j += 1
            # the run: consecutive capitalised tokens, at most six, none after a possessive
            while c < n_caps and caps[c] == j and j - i < 6 and not toks[j - 1].text.endswith("'s"):
                j += 1
                c += 1
            if j == i + 1:
                # one capitalised word ("The", "Police", "In"): a person only with a title after it or speaking
                t = toks[i]
                low = t.low
                if "'" in low:
                    low = strip_poss(low)
                if low in _SOLO_STOP:
                    continue
                if not ((j < n and toks[j].text in POST_TITLES) or (i > 0 and toks[i - 1].low in INVERTIBLE)
                        or _is_speaker_at(text, t.end)):
                    continue
            if heading is None:
                heading = ctx.sentences[si].is_heading
            candidate(ctx, si, toks, i, j, heading)


def _person_candidate(ctx: ArticleContext, si: int, toks: list[Token], i: int, j: int, heading: bool) -> None:
    text = ctx.text
    all_lows = [strip_poss(t.low) for t in toks[i:j]]
    # a title inside the run: "Economy Secretary Keith Brown" -> title "Economy Secretary"
    a = i
    for r in range(j - i - 1):
        low = all_lows[r].rstrip(".")
        if low in _HONOR_NO_THE or _is_role_word(low):
            a = i + r + 1
    while a < j and _peel_low(all_lows[a - i]):
        a += 1
    if a == j:
        return
    lows = all_lows[a - i:]
    initialled = _INITIALLED.match(toks[j - 1].text) is not None
    if initialled and a < j - 1:
        a, lows = j - 1, all_lows[-1:]  # "the Head of State K.Tokayev": the words before are his title
    title = None
    if not initialled and j - a >= 3 and i > 0 and toks[i - 1].low in ("of", "the"):
        # "Minister of Internal Affairs Marat Akhmetzhanov": the organisation's name, then the person's
        title = _title_before(text, toks[j - 2].start)
        if title:
            a, lows = j - 2, all_lows[-2:]
    elif i > 0 and toks[i - 1].low in ("of", "the") and not _ROLE_MODS.isdisjoint(lows) and _title_before(text, toks[i].start):
        return  # "the Minister of Internal Affairs": the title's organisation, no one's name
    if not _CORE_STOP.isdisjoint(lows):
        return
    core = toks[a:j]
    pre = toks[i:a]
    title_words = [t for t, w in zip(pre, all_lows) if w.rstrip(".") in _HONOR_NO_THE or _is_role_word(w)]
    post_title = j < len(toks) and toks[j].text in POST_TITLES
    if len(core) < 2 and not title_words and not post_title and not initialled \
            and not (_is_speaker_at(text, core[-1].end) or (i > 0 and toks[i - 1].low in INVERTIBLE)):
        return  # one capitalised word, no title and not speaking: no evidence it names a person
    full = " ".join(strip_poss(t.text) for t in core)
    if org_key(full) in ctx.outlets:
        return
    cls = classify(full, ctx.vocab, default="")
    if cls in ("international_body", "ngo", "media_author", "company"):
        return
    start, end = core[0].start, core[-1].end
    role_pre = " ".join([strip_poss(t.text) for t, w in zip(pre, all_lows) if w not in NOT_NAME and w not in NATIONALITIES
                         and w.rstrip(".") not in HONORIFICS])
    role_after, org_after, private = _apposition_after(text, end, ctx.vocab)
    role_before = title or (None if pre and not initialled else _role_before(text, start))
    if title or initialled:
        pre, role_pre = [], ""
    if not role_before and not role_pre and not title_words:
        # "Prosecutor General of the Republic of Kazakhstan Berik Asylov"
        role_before = _title_before(text, start)
    if post_title:
        pre = pre + [toks[j]]  # "Ross Greer MSP"
        role_after, org_after, private = _apposition_after(text, toks[j].end, ctx.vocab)
        title_words = title_words + [toks[j]]
        role_pre = (role_pre + " " + toks[j].text).strip()
    speaker = _is_speaker_at(text, end) or (i > 0 and toks[i - 1].low in INVERTIBLE)
    heading_role = None
    if heading and j < len(toks) and toks[j].low == "," and not pre:
        rest = text[toks[j].end:ctx.sentences[si].end].strip()
        if 0 < len(rest.split()) <= 8 and rest[:1].islower():
            heading_role = rest
    evidence = bool(title_words or role_after or role_before or speaker or heading_role or private or initialled)
    if len(core) < 2 and not (title_words or initialled or (speaker and (role_after or private))):
        return
    introduced = None
    if not evidence and i == 0 and not heading:
        # a feature's introduction: "Marat Seitkali has driven a taxi for years, and he knows ..."
        introduced = _pronoun_after_subject(ctx, si, toks, j)
        evidence = introduced is not None
    if not evidence:
        return
    surname = lows[-1]
    if initialled:
        surname = surname.rsplit(".", 1)[-1]
    p = ctx.people.get(surname)
    if p is None:
        p = Person(full, surname, first_at=start)
        ctx.people[surname] = p
    if initialled:
        ctx.people[lows[-1]] = p  # "K.Tokayev" itself, for the mentions written so
    elif len(full) > len(p.name) and p.name in full:
        p.name = full
    ctx.people_by_name[full.lower()] = p
    for t in pre:
        low = strip_poss(t.low).rstrip(".")
        if low in TITLES_MALE:
            p.gender = p.gender or "m"
        elif low in TITLES_FEMALE:
            p.gender = p.gender or "f"
    if role_pre:
        p.add_role(role_pre)
    if role_before:
        p.add_role(*split_role(role_before))
    if role_after:
        p.add_role(role_after, org_after)
    if heading_role:
        p.add_role(*split_role(heading_role))
    p.private = p.private or private
    if introduced:
        # introduced by name alone, with no title or role: a private individual (a role found later wins)
        p.gender = p.gender or introduced
        p.private = True


# "K.Tokayev", "S.Shalabayev": an initial run into the surname, as translations from Russian write names
_INITIALLED = re.compile(r"[A-Z]\.(?:[A-Z]\.)?[A-Z][a-z]{2,}(?:'s)?$")
_SUBJECT_PRONOUNS = {"he": "m", "his": "m", "she": "f", "her": "f"}


def _pronoun_after_subject(ctx: ArticleContext, si: int, toks: list[Token], j: int) -> Optional[str]:
    """The gender of "he"/"she" referring back to a name that opens its sentence as its subject.

    The name must be followed by a lower-case word or a comma (a verb or an apposition, not more of
    a capitalised title); the pronoun is the first one later in the sentence, or opens the next one."""
    if j >= len(toks) or not (toks[j].text == "," or toks[j].text[:1].islower()):
        return None
    for t in toks[j:j + 40]:
        g = _SUBJECT_PRONOUNS.get(t.low)
        if g:
            return g
        if t.low in ("they", "their", "it", "its", "i", "we", '"'):
            return None  # another referent, or a quotation: no telling whom a later pronoun means
    if si + 1 < len(ctx.tokens) and ctx.tokens[si + 1] and ctx.sentences[si + 1].paragraph == ctx.sentences[si].paragraph:
        return _SUBJECT_PRONOUNS.get(ctx.tokens[si + 1][0].low)
    return None


_SPEECH_AFTER = re.compile(r",? (?:said|says|told|added|adds|claimed|insisted|stated|wrote|noted|explained|argued|admitted|acknowledged|tells|insists|claims)\b")


def _is_speaker_at(text: str, end: int) -> bool:
    if text.startswith("'s", end):
        return False
    return bool(_SPEECH_AFTER.match(text, end, min(len(text), end + 15)))


_AGE_APPOS = re.compile(r",? (?:aged )?\d{1,3}(?=,)")
_APPOS = re.compile(r", ((?:the |a |an )?[^,;:\"\n.()]{2,90}?)(?=,|\.|;|:| who|\n| \()")
_YEAR_OLD = re.compile(r"\d{1,3}-year-old|\baged \d")


_CLAUSE_VERBS = frozenset("""said says told tells is are was were has have had will would says added insisted claimed
went came""".split())


_PERSON_CLASSES = frozenset(["residents_witnesses", "opposition_activists", "official"])


def _apposition_after(text: str, end: int, vocab: Optional[Vocabulary] = None) -> tuple[Optional[str], Optional[str], bool]:
    """The role phrase after a name: 'X, 52, a former driller at Y,' -> (role, org, private)."""
    c = text[end:end + 1]
    if c != ",":
        # neither pattern can start here, or only the age: " 52," / " aged 52,"
        if c != " " or not (text[end + 1:end + 2].isdigit() or text.startswith(" aged ", end)):
            return None, None, False
    private = False
    m = _AGE_APPOS.match(text, end, min(len(text), end + 12))
    pos = end
    if m:
        private = True
        pos = m.end()
    m = _APPOS.match(text, pos, min(len(text), pos + 110))
    if not m:
        return None, None, private
    phrase = m.group(1).strip()
    if phrase.split()[0].lower() in ("or", "and", "but", "then", "who", "which", "where", "when", "as", "after", "before"):
        return None, None, private
    if _YEAR_OLD.search(phrase):
        private = True
    words = [strip_poss(w.lower()) for w in WORD_TOKEN.findall(phrase)]
    if not words or len(words) > 12 or any(w in _CLAUSE_VERBS for w in words):
        return None, None, private
    role_like = any(w in ROLE_WORDS or w.rstrip("s") in ROLE_WORDS or w in PERSON_NOUNS for w in words)
    if not role_like:
        role_like = (private and words[0] in ("a", "an")) or any(w in ("former", "retired", "ex") for w in words[:3])
    if not role_like and vocab is not None and words[0] in ("a", "an") and len(words) <= 4 and phrase.islower():
        # "Serik Abdrakhmanov, a welder who ...": a trade the vocabulary gives a person's class
        role_like = any(c in _PERSON_CLASSES for c, _ in _class_hits(phrase, vocab))
    if not role_like:
        return None, None, private
    role, org = split_role(phrase)
    return role, org, private


_ROLE_MODS = frozenset("""the former deputy acting chief senior regional local interior foreign justice exiled
opposition defence defense first vice state general public programme program external affairs health economy
internal emergency emergencies""".split())


_ROLE_BEFORE_STOP = frozenset(["and", "or", "with", "by", "to", "said", "says", "told", "that", "as", "-"])
_ROLE_BEFORE_CAPS = ROLE_WORDS | NATIONALITIES | _ROLE_MODS | ORG_WORDS | frozenset(["human", "rights", "civil"])


def _role_before(text: str, start: int) -> Optional[str]:
    """'Kazakh Prosecutor-General Askhat Daulbaev', 'the former justice secretary Robert Buckland',
    'the deputy foreign minister, Roman Vassilenko'."""
    window = text[max(0, start - 70):start]
    if window.endswith(", "):
        # "The Kazakh president, Kassym-Jomart Tokayev": a role phrase in apposition before the name
        window = window[:-2]
    cut = max(window.rfind(","), window.rfind("."), window.rfind(";"), window.rfind(":"), window.rfind('"'), window.rfind("\n"),
              window.rfind("("), window.rfind(")"))
    words = window[cut + 1:].split()
    picked: list[str] = []
    for w in reversed(words):
        low = strip_poss(w.lower().strip(","))
        if low in _ROLE_BEFORE_STOP or len(picked) >= 6 or any(ch.isdigit() for ch in w):
            break
        if w[:1].isupper() and not (low in _ROLE_BEFORE_CAPS or w.endswith("'s")):
            if picked:
                break
            return None  # another name right before: "Ken Macdonald and ..." is handled by the "and" stop
        picked.append(w)
    picked.reverse()
    low = [strip_poss(w.lower().strip(",")) for w in picked]
    if not picked or not any(w in ROLE_WORDS or w.rstrip("s") in ROLE_WORDS for w in low):
        return None
    while picked and low[0] in ("the", "a", "an"):
        picked, low = picked[1:], low[1:]
    return " ".join(picked).strip() or None


# titles that name a post by another word: "the Head of State" for the president
_TITLE_ALIASES = {"head of state": "president", "head of the state": "president", "head of government": "prime minister"}
_TITLE_JOINERS = frozenset(["of", "the", "and", "for", "on"])


def _title_before(text: str, start: int) -> Optional[str]:
    """A title right before a name, from its first role word: "On 12.03.2019 the Minister of Energy A.X" ->
    "Minister of Energy", "Prosecutor General of the Republic of Kazakhstan Berik Asylov" -> "Prosecutor
    General of the Republic of Kazakhstan". Read back to a punctuation mark, at most twelve words; every
    word after the role word is capitalised, a role word or a joiner ("of", "the")."""
    window = text[max(0, start - 110):start]
    cut = max(window.rfind(c) for c in ',;:()"\n')
    cut = max(cut, window.rfind(". ") + 1)
    words = window[cut + 1:].split()[-12:]
    for r, w in enumerate(words):
        low = w.lower()
        if not _is_role_word(low):
            continue
        if not all(x[:1].isupper() or x.lower() in _TITLE_JOINERS or x.lower() in _ROLE_MODS or _is_role_word(x.lower())
                   for x in words[r + 1:]):
            return None
        while r > 0 and words[r - 1].lower() in _ROLE_MODS and words[r - 1].lower() != "the":
            r -= 1
        return " ".join(words[r:]) or None
    return None


_POSSESSIVE_ORG = re.compile(r"^(?:the )?(.+?)'s? (.+)$")
_OF_ORG = re.compile(r"^(.+?) (?:of|at|for|with) (?:the )?(.+)$")


def split_role(phrase: str) -> tuple[Optional[str], Optional[str]]:
    """'Amnesty International's Scotland programme director' -> (role, organisation)."""
    phrase = phrase.strip().rstrip(",")
    m = _POSSESSIVE_ORG.match(phrase)
    if m and m.group(1)[:1].isupper() and " " not in m.group(1)[-1:]:
        return m.group(2), m.group(1)
    m = _OF_ORG.match(phrase)
    if m and (m.group(2)[:1].isupper() or any(strip_poss(w) in ORG_WORDS or w in ("opposition", "police")
                                               for w in m.group(2).lower().split())):
        return m.group(1), m.group(2)
    return phrase, None


# ---- organisations

RUN_CONNECTORS = frozenset(["of", "for", "and", "the", "on", "in", "to"])


def find_orgs(ctx: ArticleContext) -> None:
    nested_until = -1
    heads = _org_head_forms()
    people = ctx.people
    for si, toks in enumerate(ctx.tokens):
        n = len(toks)
        upper = ctx.upper[si]
        words = sentence_words(ctx, ctx.sentences[si], toks)
        if heads.isdisjoint(words):
            if not upper:
                continue
            order = upper
        else:
            order = sorted(upper + [k for k, w in enumerate(words) if w in heads])
        # the capitalised tokens, and those capitalised or acronyms (both start upper case): is_cap, is_acronym
        cap = set()
        named = set()
        for k in upper:
            x = toks[k].text
            if not x.isupper():
                cap.add(k)
                named.add(k)
            else:
                if "'" in x:
                    x = strip_poss(x)
                if 2 <= len(x) <= 6 and x.isalpha():
                    named.add(k)
        nxt = 0
        for i in order:
            if i < nxt:
                continue
            if i in named:
                j = i + 1
                last = i
                while j < n and j - i < 10:
                    # a possessive ends the run unless an organisation head follows: "Prosecutor General's Office"
                    if j in named and (not toks[j - 1].text.endswith("'s") or toks[j].low in ORG_HEADS):
                        last = j
                        j += 1
                    elif j + 1 < n and toks[j].low in RUN_CONNECTORS and (j + 1) in cap \
                            and not toks[j - 1].text.endswith("'s"):
                        j += 1
                    else:
                        break
                nxt = last + 1
                if last == i:
                    w = toks[i].low
                    if w in ORG_LEAD_DROP and not is_acronym(toks[i]):
                        continue  # "The", "In": nothing is left of the run
                    if "'" in w:
                        w = strip_poss(w)
                    if w in people and w not in ORG_WORDS:
                        continue  # a person's name
                end_idx = _org_run(ctx, toks, i, nxt, nested_until)
                if end_idx is not None:
                    nested_until = max(nested_until, end_idx)
                continue
            t = toks[i]
            if strip_poss(t.low) in ORG_HEADS and t.text.islower():
                _org_np(ctx, toks, i, nested_until)
    for m in ctx.org_mentions:
        org = m.org
        if org.cls == "other":
            org.cls = classify_org(org, ctx)
    ctx.org_pos = [m.start for m in ctx.org_mentions]


@lru_cache(maxsize=1)
def _org_head_forms() -> frozenset:
    """Organisation heads with their possessive forms: "ministry", "ministry's", "groups'"."""
    return frozenset(ORG_HEADS) | {h + "'s" for h in ORG_HEADS} | {h + "'" for h in ORG_HEADS if h.endswith("s")}


def classify_org(org: Org, ctx: ArticleContext) -> str:
    if org_key(org.name) in ctx.outlets:
        return "media_author"
    for text in (org.name, org.acronym or "", org.descriptor or ""):
        if text:
            cls = classify(text, ctx.vocab, default="")
            if cls:
                return cls
    low = {strip_poss(w) for w in org.name.lower().split()}
    if low & OUTLET_WORDS:
        return "media_author"
    return "other"


def _register_org(ctx: ArticleContext, name: str, start: int, end: int, nested: bool, named: bool = True,
                  acronym: Optional[str] = None) -> Org:
    key = org_key(name)
    org = ctx.orgs.get(key)
    if org is None:
        org = Org(name=name, named=named, first_at=start)
        org.heads = {strip_poss(w) for w in name.lower().split() if strip_poss(w) in ORG_HEADS}
        ctx.orgs[key] = org
        if named:
            _index_initials(ctx, org)
    if acronym and not org.acronym:
        org.acronym = acronym
        ctx.orgs.setdefault(acronym.lower(), org)
    ctx.org_mentions.append(OrgMention(start, end, org, nested))
    return org


_INITIALS_SKIP = frozenset(["of", "the", "and", "for", "on", "in", "&"])


def _index_initials(ctx: ArticleContext, org: Org) -> None:
    """Index an organisation by its initials and their leading parts, for an acronym the article
    uses without defining it: "the Ministry of Internal Affairs of RK" ... "the MIA reported"."""
    initials = "".join(w[0] for w in org.name.lower().split() if w not in _INITIALS_SKIP and w[0].isalpha())
    for k in range(2, min(len(initials), 8) + 1):
        ctx.org_initials.setdefault(initials[:k], org)


def _org_run(ctx: ArticleContext, toks: list[Token], i: int, j: int, nested_until: int) -> Optional[int]:
    """A capitalised run: a named organisation? Returns where its description ends."""
    while i < j and (toks[i].low in ORG_LEAD_DROP and not is_acronym(toks[i])):
        i += 1
    if i >= j:
        return None
    run = toks[i:j]
    lows = [strip_poss(t.low) for t in run]
    org_word = not ORG_WORDS.isdisjoint(lows)
    if not org_word and not ctx.people.keys().isdisjoint(lows):
        return None
    # from here on, a word of the run names a person only if another is an organisation word
    name = " ".join([t.text for t in run])
    name = name[:-2] if name.endswith("'s") else name
    acronym = None
    k = j
    n = len(toks)
    if k + 2 < n and toks[k].text == "(" and is_acronym(toks[k + 1]) and toks[k + 2].text == ")":
        acronym = toks[k + 1].text
        k += 3
    x = run[0].text
    if j - i == 1 and (x.isupper() or "'" in x) and is_acronym(run[0]):
        org = ctx.orgs.get(strip_poss(run[0].text).lower())
        if org is None:
            if not classify(strip_poss(run[0].text), ctx.vocab, default="") or run[0].text in ("UK", "US", "GMT", "UTC"):
                return None
            org = _register_org(ctx, strip_poss(run[0].text), run[0].start, run[0].end, run[0].start < nested_until)
        else:
            ctx.org_mentions.append(OrgMention(run[0].start, run[0].end, org, run[0].start < nested_until))
        return None
    # a description after it: ", a Moscow-led security bloc of six ex-Soviet states,"; "X is an independent ... organisation"
    d0 = None
    if k + 1 < n and toks[k].text == "," and toks[k + 1].low in ("a", "an", "the"):
        d0 = k + 1
    elif k + 1 < n and toks[k].low == "is" and toks[k + 1].low in ("a", "an"):
        d0 = k + 1
    is_org = org_word
    if not is_org:
        key = org_key(name)
        is_org = key in ctx.orgs or key in ctx.outlets
        if not is_org:
            is_org = classify(name, ctx.vocab, default="") in ("international_body", "ngo", "media_author", "company")
            if not is_org and d0 is None:
                return None
    desc_toks: list[Token] = []
    desc_heads = set()
    if d0 is not None:
        d1 = d0
        while d1 < n and toks[d1].text not in (",", ".", ";", ")", '"') and d1 - d0 < 18:
            d1 += 1
        desc_toks = toks[d0:d1]
        if any(t.low in SPEECH_STOP or t.low in BE for t in desc_toks):
            desc_toks = []  # "Shetpe, the office said": the subject of a clause, no description of the name
        for t in desc_toks:
            if t.low in PREPS or t.low in ("who", "which", "whose", "that", "founded", "based"):
                break
            w = strip_poss(t.low)
            if w in ORG_HEADS:
                desc_heads.add(w)
    if not is_org and desc_heads:
        is_org = True  # "Zhezkazgan Copper, a Kazakhmys subsidiary,"
    if not is_org:
        return None
    org = _register_org(ctx, name, run[0].start, run[-1].end, run[0].start < nested_until, acronym=acronym)
    if not desc_toks:
        return None
    desc = ctx.text[desc_toks[0].start:desc_toks[-1].end]
    if not org.descriptor:
        org.descriptor = desc
    org.heads |= desc_heads
    return desc_toks[-1].end if desc_toks else None


ORG_LEAD_DROP = frozenset("""the a an in on at by for from with and or but as after before when while to of this that
its his her their our last next every each january february march april may june july august september october
november december monday tuesday wednesday thursday friday saturday sunday according""".split())
_NP_STOP = DETERMINERS | PREPS | BOUNDARY | AUX_ADV | BE | frozenset(["said", "says", "told"])


def _org_np(ctx: ArticleContext, toks: list[Token], i: int, nested_until: int) -> None:
    """A lower-case organisation phrase with modifiers: "the city's internal affairs department"."""
    k = i
    while k > 0 and i - k < 4:
        t = toks[k - 1]
        w = t.low
        if w in _NP_STOP or not t.text[:1].isalpha() or (t.text.islower() and (w.endswith("ed") or w.endswith("ly"))):
            break
        k -= 1
    if k == i:
        return
    name = ctx.text[toks[k].start:toks[i].end]
    name = name[:-2] if name.endswith("'s") else name
    _register_org(ctx, name, toks[k].start, toks[i].end, toks[k].start < nested_until, named=False)


def _org_antecedent(ctx: ArticleContext, head: str, mods: list[str], pos: int) -> Optional[Org]:
    """The organisation that "the <mods> <head>" refers back to."""
    k = bisect.bisect_left(ctx.org_pos, pos) - 1
    steps = 0
    generic_head = head in ("", "group", "organisation", "organization", "body", "watchdog", "charity", "ngo")
    class_of_head = {"company": "company", "firm": "company", "operator": "company", "subsidiary": "company",
                     "bloc": "international_body", "alliance": "international_body"}.get(head)
    specific_mods = [m for m in mods if m not in ("same", "new", "former", "latter", "whole", "entire", "rights")
                     and not m.endswith("-based") and not m.endswith("-led")]
    while k >= 0 and steps < 60:
        m = ctx.org_mentions[k]
        k -= 1
        steps += 1
        if m.nested or m.end > pos:
            continue
        org = m.org
        if org.cls == "media_author" and org_key(org.name) in ctx.outlets:
            continue
        name_words = {strip_poss(w) for w in org.name.lower().replace("-", " ").split()} | {strip_poss(w) for w in org.name.lower().split()}
        if specific_mods and not all(x in name_words for x in specific_mods):
            continue
        if head in org.heads or (generic_head and org.named) or (class_of_head and org.cls == class_of_head):
            return org
    return None


def index_mentions(ctx: ArticleContext) -> None:
    people = ctx.people
    if not people:
        return
    get = people.get
    pos = ctx.mention_pos
    who = ctx.mention_who
    for si, toks in enumerate(ctx.tokens):
        for k in ctx.upper[si]:
            t = toks[k]
            low = t.low
            p = get(strip_poss(low) if "'" in low else low)
            if p is not None and not t.text.isupper():  # is_cap: the first letter is upper case
                pos.append(t.start)
                who.append(p)


# longest first, so that "brother-in-law" is not read as "brother"
_KIN = re.compile(r"\b(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir) (%s)\b(?![-'])"
                  % "|".join(re.escape(w) for w in sorted(KIN_WORDS, key=len, reverse=True)))


def index_kin(ctx: ArticleContext) -> None:
    """A relative named by a possessive ("my uncle", "her mother") is a person that "he" or "she" can refer to
    later: "My uncle was on the square. He says at least 40 died." One person per phrase."""
    found = [(m.start(), m.group(0).lower(), m.group(1)) for m in _KIN.finditer(ctx.text)]
    if not found:
        return
    kin: dict[str, Person] = {}
    pairs = list(zip(ctx.mention_pos, ctx.mention_who))
    for pos, phrase, head in found:
        p = kin.get(phrase)
        if p is None:
            p = kin[phrase] = Person(phrase, head, first_at=pos, roles=[phrase])
            p.gender = gender_of_words(head)
        pairs.append((pos, p))
    pairs.sort(key=lambda pw: pw[0])
    ctx.mention_pos[:] = [pos for pos, _ in pairs]
    ctx.mention_who[:] = [p for _, p in pairs]


# ---------------------------------------------------------------- speakers

def names_no_source(src: Optional[Source]) -> bool:
    """A resolved phrase that names no source of a known class: nothing, "other", or the article's own voice
    (a place after a dash, a heading's words, a document's title)."""
    return src is None or src.cls in ("other", "") or src.cls == "media_author" and src.how == "author"


def clean_np(toks: list[Token]) -> list[Token]:
    toks = [t for t in toks if t.text not in ('"', "'")]
    if toks and (toks[0].low in ("nobody", "none", "nothing", "neither") or (toks[0].low == "no" and len(toks) > 1)):
        return []  # "Nobody told our families": no speaker
    while toks and (toks[0].low in LEADING_DROP or (toks[0].low.endswith("ly") and toks[0].text.islower() and len(toks) > 1
                                                     and toks[0].low not in LY_NOUNS
                                                     and toks[1].low not in PREPS)):
        toks = toks[1:]
    # a participle or relative clause ends the phrase: "medical staff interviewed by our researchers"
    for idx in range(1, len(toks)):
        t = toks[idx]
        if t.low in ("who", "which", "whose", "whom", "that", "-", "(", ",") or (
                t.text.islower() and t.low.endswith("ed") and idx + 1 < len(toks) and toks[idx + 1].low in ("by", "in", "at", "on")):
            toks = toks[:idx]
            break
        if t.low in FIRST_PERSON and idx > 0:
            toks = toks[:idx]
            break
    # trailing adverbs and time phrases: "the ministry on Friday", "officials abroad"
    changed = True
    while toks and changed:
        changed = False
        if len(toks) > 1 and (toks[-1].low in TRAILING_ADVERBS or (toks[-1].low.endswith("ly") and toks[-1].text.islower()
                                                                     and toks[-1].low not in LY_NOUNS
                                                                     and toks[-2].low not in DETERMINERS)):
            toks = toks[:-1]
            changed = True
        elif len(toks) > 2 and toks[-2].low in ("on", "in", "last", "this", "at", "late", "early") and (
                toks[-1].low in TIME_WORDS or toks[-1].text[:1].isdigit()):
            toks = toks[:-2]
            changed = True
        elif len(toks) > 1 and toks[-1].low in TIME_WORDS:
            toks = toks[:-1]
            changed = True
    return toks


LY_NOUNS = frozenset("""family ally allies assembly rally supply monopoly anomaly homily fly july italy folly
belly bully""".split())
TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning
evening afternoon night week month year weekend january february march april may june july august september
october november december""".split())


def np_head(toks: list[Token]) -> int:
    """Index of the head noun: the word before the first preposition unless the phrase is a name."""
    for idx in range(1, len(toks)):
        if toks[idx].low in PREPS:
            if idx + 1 < len(toks) and is_cap(toks[idx - 1]) and is_cap(toks[idx + 1]):
                continue
            return idx - 1
    return len(toks) - 1


def resolve(ctx: ArticleContext, tokens: list[Token], how: str, pos: int) -> tuple[Optional[Source], Optional[Person]]:
    toks = clean_np(tokens)
    if not toks or len(toks) > 14:
        return None, None
    pos = toks[0].start
    first = toks[0].low
    # pronouns
    if len(toks) == 1 and first in PRONOUNS:
        g = PRONOUNS[first]
        if g in ("m", "f"):
            p = _person_before(ctx, pos, g)
            return (person_source(p, ctx, how), p) if p else (None, None)
        if g == "n":
            src = ctx.last_org or ctx.last_plural
            if src is None:
                org = _org_antecedent(ctx, "", [], pos)  # "The mine is run by Kazakhmys. It said ..."
                return (Source(org.display(), org.cls, how), None) if org else (None, None)
            return copy(src, how=how), None
        if g == "p":
            src = ctx.last_plural or ctx.last_org
            return (copy(src, how=how), None) if src else (None, None)
        return None, None
    if first in ("its", "their") and len(toks) >= 2:
        org = _org_just_before(ctx, pos)  # "troops the CSTO flew in, by its own account": the CSTO's
        if org is not None:
            return Source(org.display(), org.cls, how), None
        src = ctx.last_org if first == "its" else (ctx.last_plural or ctx.last_org)
        if src is not None:
            return copy(src, how=how), None
    if first in ("our", "we") and ctx.issuer is not None:
        return copy(ctx.author, how=how), None
    if len(toks) == 1 and first == "you" and ctx.addressee is not None:
        return copy(ctx.addressee, how=how), None
    lows = [strip_poss(t.low) for t in toks]
    # a person named here or earlier
    for t in reversed(toks):
        key = strip_poss(t.low)
        if key in ctx.people and is_cap(t):
            p = ctx.people[key]
            return person_source(p, ctx, how), p
    # an organisation by name or acronym
    caps = [t for t in toks if is_cap(t) or is_acronym(t)]
    if caps:
        start = next(i for i, t in enumerate(toks) if is_cap(t) or is_acronym(t))
        name = ctx.text[toks[start].start:toks[-1].end]
        for key in (org_key(name), org_key(ctx.text[toks[0].start:toks[-1].end])):
            org = ctx.orgs.get(key)
            if org is not None and org.named:
                if org_key(org.name) in ctx.outlets and org is not ctx.issuer:
                    return None, None  # the article's own outlet is the author, never a speaker
                return Source(org.display(), org.cls, how), None
        if len(caps) == 1 and is_acronym(caps[0]) and caps[0] is toks[-1]:
            org = ctx.org_initials.get(strip_poss(caps[0].low))  # an acronym of an organisation named before
            if org is not None and org.first_at < pos and org_key(org.name) not in ctx.outlets:
                return Source(org.display(), org.cls, how), None
    head_i = np_head(toks)
    head = lows[head_i]
    # a title standing for a person named earlier: "the prosecutor", "the Kazakh president"
    if first in ("the", "this") and 2 <= len(toks) <= 4 and (head in ROLE_WORDS) and head_i == len(toks) - 1:
        p = _person_by_role(ctx, head, pos)
        if p is not None:
            return person_source(p, ctx, how), p
    # a title of several words given to a person before: "the Head of State", "the head of the mission"
    if first in ("the", "this") and 3 <= len(toks) <= 6 and "of" in lows[2:-1] and not ROLE_WORDS.isdisjoint(
            lows[1:lows.index("of", 2)]):
        title = " ".join(lows[1:])
        p = _person_by_role(ctx, title, pos)
        if p is None and title in _TITLE_ALIASES:
            p = _person_by_role(ctx, _TITLE_ALIASES[title], pos)  # "the Head of State" is the president
        if p is not None:
            return person_source(p, ctx, how), p
    # an organisation named earlier: "the ministry", "the New York-based group", "the report"
    if first in ("the", "this", "that") and len(toks) <= 5 and head_i == len(toks) - 1:
        mods = lows[1:-1]
        if head in REPORT_NOUNS and not mods or head in REPORT_NOUNS and all(m in ("new", "latest", "same", "written", "short") for m in mods):
            src = ctx.report_owner or ctx.last_org
            if src is not None:
                return copy(src, how=how), None
        if head in ORG_HEADS:
            org = _org_antecedent(ctx, head, mods, pos)
            if org is not None:
                return Source(org.display(), org.cls, how), None
    text = ctx.text[toks[0].start:toks[-1].end].strip(" ,;:")
    if text.endswith("'s"):
        text = text[:-2]  # "the ministry's tally": the ministry
    elif text.endswith("s'"):
        text = text[:-1]  # "the groups' count": the groups
    low_text = text.lower()
    if low_text in COUNTRIES or (low_text.startswith("the ") and low_text[4:] in COUNTRIES):
        return Source(text, "official", how), None
    # a name not seen before: "Marat Zhakupov", "Tokayev", "Aigerim"
    all_caps = all(is_cap(t) for t in toks)
    if all_caps and len(toks) <= 4 and not any(w in ORG_WORDS or w in NOT_NAME or w in PLACE_WORDS for w in lows) \
            and org_key(text) not in ctx.outlets and not classify(text, ctx.vocab, default="") in (
            "international_body", "ngo", "media_author", "company"):
        name = " ".join(strip_poss(t.text) for t in toks)
        p = Person(name, lows[-1], first_at=pos)
        role, org, private = _apposition_after(ctx.text, toks[-1].end, ctx.vocab)
        p.private = private
        p.add_role(role, org)
        before = _role_before(ctx.text, toks[0].start)
        if before:
            p.add_role(*split_role(before))
        ctx.people[p.surname] = p
        return person_source(p, ctx, how), p
    if org_key(text) in ctx.outlets:
        return None, None
    # a group or an organisation: "Human rights groups", "the interior ministry", "a former nurse"
    cls = classify(text, ctx.vocab, default="")
    if first in ("a", "an", "one", "the") and (head in PERSON_NOUNS or head in ROLE_WORDS) and not head.endswith("s") \
            and head not in ("people", "staff", "police", "figures", "sources"):
        # an unnamed person: "a former nurse at the town hospital"; "she" may refer back to them
        p = Person(text, head, first_at=pos, roles=[text])
        p.gender = gender_of_words(text)
        return Source(name=text, cls=cls or "other", how=how), p
    if not cls:
        t_head = toks[head_i]
        if not (head in GROUP_HEADS or head.rstrip("s") in GROUP_HEADS or head in PERSON_NOUNS or head in ROLE_WORDS
                or head.rstrip("s") in ROLE_WORDS or head in ORG_HEADS or head in REPORT_NOUNS or is_cap(t_head)
                or (first in ("a", "an", "one", "another") and len(toks) <= 8)):
            return None, None
        cls = "other"
    return Source(name=text, cls=cls, how=how), None


def _org_just_before(ctx: ArticleContext, pos: int) -> Optional[Org]:
    """An organisation named earlier in the same sentence, not long before ``pos``."""
    k = bisect.bisect_left(ctx.org_pos, pos) - 1
    if k < 0 or pos - ctx.org_pos[k] > 160:
        return None
    m = ctx.org_mentions[k]
    between = ctx.text[m.end:pos]
    if ". " in between or "\n" in between or org_key(m.org.name) in ctx.outlets:
        return None
    return m.org


def _last_fitting(positions: list[int], people: list[Person], pos: int,
                  gender: Optional[str]) -> Optional[tuple[int, Person]]:
    """The last mention before ``pos`` whose gender fits (bounded look-back)."""
    k = bisect.bisect_left(positions, pos) - 1
    stop = max(-1, k - 400)
    while k > stop:
        p = people[k]
        if gender is None or p.gender in (None, gender):
            return positions[k], p
        k -= 1
    return None


def _person_before(ctx: ArticleContext, pos: int, gender: Optional[str]) -> Optional[Person]:
    """The most recent person mentioned before ``pos`` who can be "he"/"she"."""
    cands = [hit for hit in (_last_fitting(ctx.mention_pos, ctx.mention_who, pos, gender),
                             _last_fitting(ctx.dyn_pos, ctx.dyn_who, pos, gender)) if hit]
    if not cands:
        return None
    p = max(cands, key=lambda c: c[0])[1]
    if gender and p.gender is None:
        p.gender = gender
    return p


def _person_by_role(ctx: ArticleContext, role_word: str, pos: int) -> Optional[Person]:
    """The person last mentioned before ``pos`` with ``role_word`` in a role, or the whole title
    ``role_word`` when it is several words ("head of state")."""
    def fits(p: Person) -> bool:
        if " " in role_word:
            titles = p.roles + [f"{r} of {p.organisation}" for r in p.roles if p.organisation]
            return any(r.lower() == role_word or r.lower().endswith(" " + role_word) for r in titles)
        for r in p.roles:
            words = set(re.split(r"[\s-]+", r.lower())) | set(r.lower().split())
            if role_word in {strip_poss(w) for w in words}:
                return True
        return False

    best = None
    k = bisect.bisect_left(ctx.mention_pos, pos) - 1
    steps = 0
    while k >= 0 and steps < 400:
        p = ctx.mention_who[k]
        if fits(p):
            best = (ctx.mention_pos[k], p)
            break
        k -= 1
        steps += 1
    k = bisect.bisect_left(ctx.dyn_pos, pos) - 1
    steps = 0
    while k >= 0 and steps < 400:
        p = ctx.dyn_who[k]
        if fits(p):
            if best is None or ctx.dyn_pos[k] > best[0]:
                best = (ctx.dyn_pos[k], p)
            break
        k -= 1
        steps += 1
    return best[1] if best else None
