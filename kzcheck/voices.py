"""Voices: who speaks for a whole stretch of text rather than in one sentence.

The article's own voice (its outlet or author; the issuer of a press release; the signatories of an open
letter or joint statement, and whom its "you" addresses); speaker labels in a transcript or interview
("PRESENTER:", "BEKOVA:", "Q:"/"A:"); an interview section headed "Name, role" whose answers speak in the
first person; a crosshead that names whose account follows ("What the Prosecutor General's Office says");
and, once the cues are found, the speaker that a sentence with no cue of its own carries on from the
sentences before it (an announcement whose figures follow, a subgroup "Among them ...", a live-blog
"Update:").
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .context import (
    FIRST_PERSON, HONORIFICS, LABEL_STOP, ORG_WORDS, SPEAKER_LABELS, WORD_TOKEN, ArticleContext, Org, Person, copy,
    is_cap, para_text, strip_poss,
)
from .model import Source
from .people import (
    PIECE_WORDS, RUN_CONNECTORS, classify, classify_org, names_no_source, org_class, org_key, person_source, resolve,
)
from .segment import Paragraph


# ---------------------------------------------------------------- the article's own voice

def author_source(metadata: dict) -> Source:
    outlet = (metadata or {}).get("outlet")
    author = (metadata or {}).get("author")
    name = outlet or author or "the article's author"
    return Source(name=name, cls="media_author", how="author", role="author" if author and not outlet else None,
                  organisation=outlet)


# ---- press releases

_PR_IMMEDIATE = re.compile(r"for immediate release|embargoed until", re.I)
_PR_HEADER = re.compile(r"\W*(?:press|news|media) release\b", re.I)
_PR_CONTACT = re.compile(r"\W*(?:media|press) (?:contacts?|enquiries|inquiries)\b|\W*notes? to editors?\b|\W*editors'? notes?\b"
                         r"|\W*for (?:more|further) information,? (?:please )?contact\b", re.I)
_PR_END = re.compile(r"\s*(?:###|-30-|ends|- ?ends ?-)\s*$", re.I)
# "OPEN LETTER", "Joint appeal of the Qantar Monitoring Group and families of the victims", "Joint statement by ..."
_LETTER_HEADER = re.compile(r"\W*(?i:an? )?(?i:open letter|joint (?:appeal|statement|letter|submission|declaration)|public appeal)"
                            r"(?: (?i:of|from|by) (?:the )?([A-Z][\w'&.-]*(?: (?:[A-Z&][\w'&.-]*|of|for|on)){0,8}))?")
# "To the President of the Republic of Kazakhstan" over "Mr Kassym-Jomart Tokayev": whom "you" means in a letter
_ADDRESSEE = re.compile(r"\s*To:? (?:the )?([^\n]{3,80})$")
_SIGN_OFF = re.compile(r"\s*(?:respectfully|sincerely|yours (?:sincerely|faithfully)|signed|signatories|on behalf of)\b[^\n]{0,40}$",
                       re.I)
_SIGNER = re.compile(r"\s*([^(\n,]{0,80})")
PR_ABOUT = re.compile(r"\W*about (?:the )?([A-Z][\w'&.-]*(?: (?:[A-Z&][\w'&.-]*|of|for|and|the|on)){0,8})\s*:?\s*$")


def find_press_release(ctx: ArticleContext) -> None:
    kinds = set()
    about = None
    header_at = None
    for p in ctx.paragraphs:
        line = para_text(ctx, p)
        if len(line) > 200:
            continue
        if _PR_IMMEDIATE.search(line):
            kinds.add("immediate")
            header_at = header_at if header_at is not None else p.index
        if p.index < 6 and _PR_HEADER.match(line):
            kinds.add("header")
            header_at = header_at if header_at is not None else p.index
        if _PR_CONTACT.match(line):
            kinds.add("contact")
        if _PR_END.match(line):
            kinds.add("end")
        m = PR_ABOUT.match(line)
        if m:
            kinds.add("about")
            about = about or m.group(1)
        if p.index < 10:
            m = _LETTER_HEADER.match(line)
            if m:
                kinds.add("letter")
                about = about or m.group(1)
        if _SIGN_OFF.match(line):
            kinds.add("signed")
            signer = next((q for q in ctx.paragraphs[p.index + 1:p.index + 3] if q.end - q.start < 120), None)
            if signer is not None and not about:
                about = _SIGNER.match(para_text(ctx, signer)).group(1).strip() or None
    if "letter" in kinds and ("signed" in kinds or about):
        kinds.add("immediate")  # an open letter or joint statement speaks in its signatories' voice
        _find_addressee(ctx)
    letterhead = _letterhead_org(ctx, header_at) if header_at is not None else None
    if not ("immediate" in kinds or len(kinds) >= 2 or letterhead is not None):
        return
    org = letterhead
    if about:
        org = ctx.orgs.get(org_key(about)) or Org(name=about)
    if org is None and header_at is not None:
        for p in ctx.paragraphs[header_at + 1:header_at + 3]:
            line = para_text(ctx, p).strip()
            words = line.split()
            if 1 <= len(words) <= 8 and not re.search(r"\d", line) and all(w[:1].isupper() or w.lower() in RUN_CONNECTORS for w in words) \
                    and not line.isupper():
                org = ctx.orgs.get(org_key(line)) or Org(name=line)
                break
    if org is None:
        counts: dict[int, int] = {}
        for m in ctx.org_mentions:
            if m.org.named and not m.nested and org_key(m.org.name) not in ctx.outlets:
                counts[id(m.org)] = counts.get(id(m.org), 0) + 1
        best = max((m.org for m in ctx.org_mentions if id(m.org) in counts), key=lambda o: counts[id(o)], default=None)
        org = best
    if org is None:
        return
    if org.cls == "other":
        org.cls = classify_org(org, ctx)
    ctx.issuer = org
    ctx.author = Source(name=org.display(), cls=org.cls, how="author", organisation=org.name)


def _letterhead_org(ctx: ArticleContext, header_at: int) -> Optional[Org]:
    """The body named in a letterhead above a "PRESS RELEASE" line: "PROSECUTOR GENERAL'S OFFICE OF THE
    REPUBLIC OF KAZAKHSTAN" (then "Press Service"), when it names an organisation of a known class."""
    for p in ctx.paragraphs[max(0, header_at - 3):header_at]:
        line = para_text(ctx, p).strip(" #*")
        if not line or len(line) > 120 or re.search(r"\d", line):
            continue
        name = _titled(line) if line.isupper() else line
        cls = classify(name, ctx.vocab, default="")
        if cls and cls not in ("media_author", "other"):
            org = ctx.orgs.get(org_key(name)) or Org(name=name)
            org.cls = cls
            return org
    return None


def _titled(line: str) -> str:
    """An upper-case letterhead in title case: "PROSECUTOR GENERAL'S OFFICE OF THE REPUBLIC" -> "Prosecutor General's
    Office of the Republic"."""
    small = {"of", "the", "and", "for", "on", "in"}
    words = [w.capitalize() if i == 0 or w.lower() not in small else w.lower() for i, w in enumerate(line.split())]
    return " ".join(words).replace("'S ", "'s ")


def _find_addressee(ctx: ArticleContext) -> None:
    for p in ctx.paragraphs[:8]:
        m = _ADDRESSEE.match(para_text(ctx, p))
        if not m:
            continue
        role = m.group(1).strip()
        name_line = para_text(ctx, ctx.paragraphs[p.index + 1]).strip() if p.index + 1 < len(ctx.paragraphs) else ""
        person = None
        if 2 <= len(name_line.split()) <= 5 and all(w[:1].isupper() for w in name_line.split()):
            surname = strip_poss(name_line.split()[-1].lower())
            person = ctx.people.get(surname)
        if person is not None:
            person.add_role(role)
            ctx.addressee = person_source(person, ctx, "reported")
        else:
            ctx.addressee = Source(role, classify(role, ctx.vocab), "reported")
        return


# ---- speaker labels

# a recording's time before a label: "[00:04:12] HOST (Aigerim Seitkali):", "(12:05) BEKOVA:", "14:31 Q:"
_STAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]? ?)?"
_LABEL = re.compile(_STAMP + r"([A-Z][A-Z'.-]{0,30}(?: [A-Z][A-Z'.-]{0,30}){0,3})(?: ?\(([^()\n]{1,60})\))?: ")
_LABEL_MIXED = re.compile(_STAMP + r"(Q|A|Question|Answer|Presenter|Host|Anchor|Interviewer|Correspondent|Reporter|Moderator)"
                          r"(?: ?\(([^()\n]{1,60})\))?: ")
# a debate record's speaker: "Mr Gareth Pryce (Wrexford and Dene) (Lab):", "Sarah Lindqvist:", "Mr Pryce:",
# "The Minister of State, Foreign Office (Lord Ashworth):"
_LABEL_NAME = re.compile(_STAMP + r"((?:[A-Z][\w'.-]*)(?:,? (?:[A-Z][\w'.-]*|of|for|the|and)){0,6})"
                         r"(?: ?\(([^()\n]{1,60})\))?(?: ?\([^()\n]{1,40}\))?: ")
_INTERVIEW_INTRO = re.compile(r"\b(?:spoke to|speaks to|talked to|talks to|interview|interviewed|joins us|joined by|joining (?:me|us))\b", re.I)


def find_labels(ctx: ArticleContext) -> None:
    found = []  # (paragraph index, label, name in parentheses)
    counts: dict[str, int] = {}
    for p in ctx.paragraphs:
        m = _LABEL.match(ctx.text, p.start, p.end) or _LABEL_MIXED.match(ctx.text, p.start, p.end)
        mixed = m is None
        if mixed:
            m = _LABEL_NAME.match(ctx.text, p.start, p.end)
        if not m:
            continue
        label = m.group(1).strip()
        low = label.lower()
        if low in LABEL_STOP or any(c.isdigit() for c in label):
            continue
        if mixed and not (low.split()[0] in HONORIFICS or low.split()[0] == "the" and m.group(2)) and low not in ctx.people_by_name:
            continue  # "Almaty: ...", "Background: ...": a mixed-case label must be a name or a title
        paren = (m.group(2) or "").strip()
        pw = paren.split()
        if not (2 <= len(pw) <= 4 and all(w[:1].isupper() for w in pw)
                and not any(strip_poss(w.lower()) in ORG_WORDS for w in pw)):
            paren = ""  # "ALMATY (Reuters):" is a dateline, not a name
        found.append((p.index, low, paren, mixed))
        counts[low] = counts.get(low, 0) + 1
    named: dict[str, bool] = {}

    def is_name(low: str) -> bool:
        # "BEKOVA": a surname met in the text as a name ("Aliya Bekova"), never a dateline ("ALMATY:")
        if low not in named:
            last = low.split()[-1]
            title = " ".join(w.capitalize() for w in last.split("-"))
            named[low] = last in ctx.people or bool(re.search(r"\b[A-Z][a-z]+ " + re.escape(title) + r"\b", ctx.text))
        return named[low]

    valid = [(pi, low, paren, mixed) for pi, low, paren, mixed in found
             if low in SPEAKER_LABELS or low in ("a", "answer") or paren or is_name(low)]
    if len(valid) < 2:
        return
    first_label_para = valid[0][0]
    interviewee = _interviewee(ctx, first_label_para)
    by_para = {pi: (low, paren, mixed) for pi, low, paren, mixed in valid}
    current: Optional[Source] = None
    for p in ctx.paragraphs:
        if p.index < first_label_para:
            continue
        if p.index in by_para:
            low, paren, mixed = by_para[p.index]
            current = _label_voice(ctx, low, paren, interviewee, mixed)
        elif ctx.sentences and _para_is_heading(ctx, p):
            current = None
        if current is not None:
            ctx.para_voice[p.index] = current


def _para_is_heading(ctx: ArticleContext, p: Paragraph) -> bool:
    line = para_text(ctx, p).strip()
    return not re.search(r"[.!?:;\"')\]]\s*$", line) and line.count(" ") < 12


def _media_voice(ctx: ArticleContext, role: str, name: str = "") -> Source:
    outlet = ctx.author.organisation or (ctx.author.name if ctx.author.cls == "media_author" else None)
    return Source(name=outlet or name or "the article's author", cls="media_author", how="author", role=role,
                  organisation=outlet)


def _label_voice(ctx: ArticleContext, low: str, paren: str, interviewee: Optional[Person], mixed: bool = False) -> Source:
    """The voice of a speaker label. ``mixed``: a debate record's "Mr Pryce:", not a transcript's "PRYCE:"."""
    if low in ("a", "answer"):
        if interviewee is not None:
            return copy(person_source(interviewee, ctx, "quote"), verb="said", stance="neutral")
        return _media_voice(ctx, "answer")
    name = paren or low.title()
    surname = strip_poss(name.split()[-1].lower())
    p = ctx.people.get(surname)
    if low in SPEAKER_LABELS:
        if paren and p is None:
            # "HOST (Aigerim Seitkali):" then "SEITKALI:": the programme's own voice both times
            ctx.people[surname] = Person(paren, surname, role=low, media=True)
        return _media_voice(ctx, low, paren)
    if p is not None and p.media:
        return _media_voice(ctx, p.role or low, p.name)
    if p is None:
        p = Person(name if paren else low.title(), surname)
        ctx.people[surname] = p
    if paren and low not in ("guest", "caller", "speaker", "voice", "participant"):
        p.add_role(low)  # "LAWYER (Timur Baizhanov):", "POLICE VETERAN (Yerzhan Tasbolatov):"
    src = person_source(p, ctx, "quote")
    if src.cls == "other" and not p.roles and not p.organisation and not mixed:
        src.cls = "residents_witnesses"  # a guest or caller who speaks for no one but themselves
    return copy(src, verb="said", stance="neutral")


def _interviewee(ctx: ArticleContext, before_para: int) -> Optional[Person]:
    intro_end = ctx.paragraphs[before_para].start if before_para < len(ctx.paragraphs) else len(ctx.text)
    intro_start = ctx.paragraphs[0].start if ctx.paragraphs else 0
    intro = ctx.text[intro_start:intro_end]
    m = _INTERVIEW_INTRO.search(intro)
    if not m:
        return None
    k = bisect.bisect_left(ctx.mention_pos, intro_start + m.start())
    if k < len(ctx.mention_pos) and ctx.mention_pos[k] < intro_end:
        return ctx.mention_who[k]
    k -= 1
    if k >= 0 and ctx.mention_pos[k] >= intro_start:
        return ctx.mention_who[k]
    return None


# ---- interview sections: a heading "Name, role", then questions and first-person answers

def find_interview_sections(ctx: ArticleContext) -> None:
    if not ctx.sentences:
        return
    sent_of_para: dict[int, list[int]] = {}
    for s in ctx.sentences:
        sent_of_para.setdefault(s.paragraph, []).append(s.index)
    current: Optional[Person] = None
    section: list[int] = []
    sections: list[tuple[Person, list[int]]] = []
    for p in ctx.paragraphs:
        sids = sent_of_para.get(p.index, [])
        if len(sids) == 1 and _para_is_heading(ctx, p):
            person = _heading_person(ctx, sids[0])
            if current is not None:
                sections.append((current, section))
            current, section = person, []
            continue
        if current is not None:
            section.append(p.index)
    if current is not None:
        sections.append((current, section))
    for person, paras in sections:
        texts = {pi: para_text(ctx, ctx.paragraphs[pi]).strip() for pi in paras}
        if not any(t.endswith("?") for t in texts.values()):
            continue
        voice = copy(person_source(person, ctx, "quote"), verb="said", stance="neutral")
        for pi in paras:
            t = texts[pi]
            if t.endswith("?") or pi in ctx.para_voice:
                continue
            words = {w.lower() for w in WORD_TOKEN.findall(t)}
            if words & FIRST_PERSON:
                ctx.para_voice[pi] = voice


# "WHAT THE PROSECUTOR GENERAL'S OFFICE SAYS", "What rights groups counted", "According to the ministry"
_HEADING_SAYS = re.compile(r"(?:(?:what|how) (.{3,80}?) (?:says?|said|counted|counts|found|finds|reported|reports|recorded"
                           r"|records|knows?|claims?|estimates?)|according to (.{3,80}?))[:.]?\s*\Z", re.I)
# "AZATTYQ (RFE/RL's Kazakh service) [2]", "TENGRINEWS [3]": an outlet's name over the items it published
_HEADING_NAME = re.compile(r"([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})(?: \([^()\n]{1,40}\))?(?: ?\[\d{1,3}\])?\s*\Z")


def find_source_headings(ctx: ArticleContext) -> None:
    """A crosshead that names whose account follows: the section's sentences with no speaker of their own are
    that source's. Either the heading says so ("What the Prosecutor General's Office says") or it is a name
    that the section's first sentence makes the subject of a reporting verb ("TENGRINEWS [3]", then
    "Tengrinews cited ..."). The section runs to the next heading."""
    if not ctx.sentences:
        return
    current: Optional[Source] = None
    for p in ctx.paragraphs:
        span = ctx.sentences_of(p.index)
        if span is None:
            continue
        si = span[0]
        line = para_text(ctx, p).strip()
        if ctx.sentences[si].end >= p.end - 1 and line.count(" ") < 12 and not re.search(r"[.!?:;\"]\s*\Z", line):
            current = _heading_source(ctx, p, si)  # a crosshead ("TENGRINEWS [3]" may end with a bracket)
            continue
        if current is not None and p.index not in ctx.para_voice:
            ctx.para_voice[p.index] = copy(current)


_BITE = re.compile(r"[ \t]*(?:SOT|SOUNDBITE|SOUND ?BITE|SYNC|BITE|ACTUALITY)(?: ?\([^()\n]{0,30}\))? ?[:\u2014-] ?"
                   r"([A-Z][^,\n]{2,60})")
_SCRIPT_LABEL = re.compile(r"[ \t]*[A-Z]{2,}[A-Z ()/]{0,30}:")


def find_script_bites(ctx: ArticleContext) -> None:
    """A broadcast script's sound bite: "SOT: Bolat Zhaksylykov, activist" over the lines quoted, which are
    that person's until the next label ("VO:", "SUPER:") or a blank line."""
    if "SOT" not in ctx.text and "BITE" not in ctx.text and "SYNC" not in ctx.text:
        return
    paras = ctx.paragraphs
    for p in paras:
        m = _BITE.match(ctx.text, p.start, p.end)
        if not m:
            continue
        span = ctx.sentences_of(p.index)
        if span is None:
            continue
        toks = [t for t in ctx.tokens[span[0]] if m.start(1) <= t.start < m.end(1)]
        src, person = resolve(ctx, toks, "quote", m.start(1)) if toks else (None, None)
        if names_no_source(src) and person is None:
            continue
        rest = ctx.text[m.end(1):p.end].lstrip(", ")
        if person is not None and rest:
            person.add_role(rest)
            src = person_source(person, ctx, "quote")
        src.verb, src.stance = "said", "neutral"
        for q in paras[p.index + 1:p.index + 8]:
            if _SCRIPT_LABEL.match(ctx.text, q.start, q.end) or "\n\n" in ctx.text[paras[q.index - 1].end:q.start].replace(" ", ""):
                break
            ctx.para_voice.setdefault(q.index, copy(src))


def _heading_source(ctx: ArticleContext, p: Paragraph, si: int) -> Optional[Source]:
    line = para_text(ctx, p).strip(" #*-=")
    m = _HEADING_SAYS.match(line)
    if m:
        np = m.group(1) or m.group(2)
        start = ctx.text.find(np, p.start, p.end)
        toks = [t for t in ctx.tokens[si] if start <= t.start < start + len(np)]
        src, _ = resolve(ctx, toks, "according_to", start) if toks else (None, None)
        if names_no_source(src):
            return None
        src.verb, src.stance = "according to", "neutral"
        return src
    m = _HEADING_NAME.match(line)
    if not m or m.group(1).lower() in LABEL_STOP or m.group(1).lower() in PIECE_WORDS:
        return None
    name = m.group(1)
    if strip_poss(name.split()[-1].lower()) in ctx.people:
        return None  # a person's name over a section is a profile, not an outlet's items
    nxt = next((s for s in ctx.sentences[si + 1:si + 3] if s.paragraph > p.index), None)
    if nxt is None:
        return None
    body = ctx.text[nxt.start:nxt.end].lstrip(" -*\u2022")
    if body[:len(name)].lower() != name.lower():
        return None
    lead = _AFTER_NAME.match(body, len(name))
    if not lead or lead.group(1).lower() not in _HEADING_VERBS:
        return None
    display = body[:len(name)]
    return Source(display, "media_author" if org_key(display) in ctx.outlets or not org_class(ctx, display)
                  else org_class(ctx, display), "reported", organisation=display, verb="reported", stance="neutral")


_AFTER_NAME = re.compile(r"\b(?:,[^,]{1,60},)? (\w+)")  # "Azattyq, RFE/RL's Kazakh service, reported"
_HEADING_VERBS = frozenset("""reported reports said says quoted quotes cited cites wrote writes published publishes
ran runs carried carries revisited revisits noted notes recalled recalls interviewed interviews compared compares
devoted devotes told tells added adds""".split())


def _heading_person(ctx: ArticleContext, si: int) -> Optional[Person]:
    toks = ctx.tokens[si]
    if len(toks) < 3:
        return None
    k = 0
    while k < len(toks) and is_cap(toks[k]):
        k += 1
    if not (2 <= k <= 4) or k >= len(toks) or toks[k].text != ",":
        return None
    return ctx.people.get(strip_poss(toks[k - 1].low))


# ---------------------------------------------------------------- sentences with no cue of their own

_GROUPS = r"(?:them|those|these|whom|the dead|the victims|the injured|the wounded|the detained|the detainees|the total|the \d[\d,]*)"
_QUANTS = (r"(?:most|many|some|all|none|several|half|dozens|hundreds|a dozen|one|two|three|four|five|six|seven|eight|nine|ten"
           r"|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|\d[\d,]*)")
SUBGROUP_OPENER = re.compile(
    r"\W*(?:(?:among|of) %(g)s|%(q)s of %(g)s|(?:they|these|those|the dead|the victims) (?:included|include)|including\b)"
    % {"g": _GROUPS, "q": _QUANTS}, re.I)
# A past perfect, as reported speech shifts it back: "The group had numbered about 25 men, he said. Thirteen of
# them had been killed ...". A sentence so told, right after a speaker's, goes on with the speaker's account
# (in its main clause: "a crowd that had blocked the line" is the article's narrative).
_BACKSHIFTED = re.compile(r"\b(?:had|hadn't) (?:not |already |earlier |previously |first |initially |also )?"
                          r"(?:been|[a-z]+ed|put|given|shown|seen|sent|held|taken|risen|grown|hit|brought|shot)\b", re.I)
_SUBORDINATE = re.compile(r"\b(?:that|who|which|whom|where|when|whenever|after|before|since|until|once|if|as|because"
                          r"|although|though|while|whereas)\b", re.I)


def _backshifted(text: str) -> bool:
    """A past perfect in the main clause (not in "a crowd that had blocked the line" or "After the crowd had
    dispersed, ...")."""
    for m in _BACKSHIFTED.finditer(text):
        clause = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        if not _SUBORDINATE.search(text, clause, m.start()):
            return True
    return False


def voice_pass(ctx: ArticleContext) -> None:
    """Speakers that sentences with no cue of their own take from the sentences before them."""
    pending: Optional[Source] = None
    pending_left = 0
    prev_src: Optional[Source] = None
    para = -1
    update_src: Optional[Source] = None
    for s in ctx.sentences:
        if s.paragraph != para:
            para = s.paragraph
            pending = ctx.intro.get(para)
            pending_left = 3
            prev_src = None
            update_src = _update_speaker(ctx, para)
        cues = ctx.cues.get(s.index, [])
        if cues:
            ann = [c for c in cues if c.announce]
            if ann:
                pending = ann[-1].source
                pending_left = 2
            elif pending is not None and all(c.source.name != pending.name for c in cues):
                pending = None
            prev_src = cues[-1].source
            continue
        if pending is not None and pending_left > 0:
            ctx.inherit[s.index] = pending
            pending_left -= 1
            continue
        if prev_src is not None and (SUBGROUP_OPENER.match(s.text) or _backshifted(s.text)):
            ctx.inherit[s.index] = prev_src
            continue
        if update_src is not None:
            ctx.inherit[s.index] = update_src
            continue
        prev_src = None


_UPDATE = re.compile(r"\W*update\b", re.I)


def _update_speaker(ctx: ArticleContext, para: int) -> Optional[Source]:
    """A live-blog "Update:" entry that names a person who spoke earlier continues their statement."""
    p = ctx.paragraphs[para] if 0 <= para < len(ctx.paragraphs) else None
    if p is None or not _UPDATE.match(ctx.text, p.start, p.end):
        return None
    k = bisect.bisect_left(ctx.mention_pos, p.start)
    while k < len(ctx.mention_pos) and ctx.mention_pos[k] < p.end:
        person = ctx.mention_who[k]
        if person.surname in ctx.spoke or any(w is person for w in ctx.dyn_who[-20:]):
            return copy(person_source(person, ctx, "reported"), verb="said", stance="neutral")
        k += 1
    return None
