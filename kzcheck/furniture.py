"""Page furniture: the parts of a scraped page that are not the article.

Menus, "Read next" lists, job ads, newsletter and comment forms, cookie
banners and footers. A marker line ("Read next", "Most read", "Leave a
Reply", ...) opens a furniture zone that lasts until real prose returns (a
paragraph of several sentences or 250+ characters); some lines are furniture
wherever they stand (copyright, "Home »" breadcrumbs, salary lines).
"""
from __future__ import annotations

import re

from .normalize import fold_case
from .segment import Paragraph

_ZONE_MARKER = re.compile(
    r"^\W*(?:read next|read more|related(?: topics| stories| articles| content| news| posts)?|more (?:from|stories|on|news|like this)"
    r"|most (?:read|popular|viewed|shared|commented)|latest(?: stories| news| articles)?(?: from .{0,30})?|you (?:may|might) also (?:like|enjoy)"
    r"|recommended(?: for you| stories)?|trending(?: now)?|popular(?: now| stories)?|leave a (?:reply|comment)|comments?(?: \(\d+\))?"
    r"|post a comment|join the (?:discussion|conversation)|share (?:this|on)|sign up(?: for| to).{0,40}|subscribe(?: to| now| for)?.{0,60}"
    r"|newsletter.{0,40}|advertisement|sponsored(?: content)?|follow us.{0,40}|tags?:.*|topics?:.*|filed under.*|cookie.{0,80}"
    r"|we use cookies.*|accept (?:all )?cookies|day in a page|ijobs.*|jobs?(?: board| widget)?|careers?|promoted(?: stories)?"
    r"|around the web|editor'?s picks?|don'?t miss|in (?:other|case you missed).{0,20}|top stories|what to read next|see also)\W*$",
    re.I,
)
_ALWAYS = re.compile(
    r"(?:©|\(c\) ?\d{4}|all rights reserved|^home\s*[»>|/]|\bprivacy policy\b|\bterms (?:of|and) (?:use|service|conditions)\b"
    r"|\bper annum\b|\bsalary\b|^£\d|\bapply now\b|\blog (?:in|out)\b|\bsign in\b|you are commenting using|fill in your details"
    r"|notify me of|\bclick (?:here|an icon)\b|\bsubscribe\b.{0,40}\b(?:newsletter|updates|patreon)\b|^\s*(?:share|tweet|email|print)\s*$"
    r"|cookies? (?:policy|settings|preferences))",
    re.I,
)
# _ALWAYS (case-insensitive, most alternatives behind a word boundary) is tried at every position of
# a line: slow. Every line it matches shows a hint in the lower-cased text: a mark (_ALWAYS_MARKS),
# a word that starts the line (_ALWAYS_START), or a non-word character followed by a word of
# _ALWAYS_HINT, a pattern the regex engine scans for fast (it skips to the characters that are not
# ASCII letters or digits, then tries one group of words). _ALWAYS runs only on these lines.
_ALWAYS_MARKS = ("©", "(c)")
_ALWAYS_START = ("home", "£", "share", "tweet", "email", "print", "privacy policy", "terms ", "per annum", "salary",
                 "apply now", "log ", "sign in", "click ", "subscribe")
_ALWAYS_HINT = re.compile(
    r"[^a-z0-9_](?:apply now|c(?:lick (?:here|an icon)|ommenting using)|email\s*$|in your details|log (?:in|out)|me of"
    r"|p(?:er annum|olicy|references|rint\s*$)|rights reserved|s(?:alary|ign in|ubscribe|ettings|hare\s*$)"
    r"|t(?:erms (?:of|and) (?:use|service|conditions)|weet\s*$))")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?:\s|$)")


def furniture_paragraphs(text: str, paragraphs: list[Paragraph]) -> set[int]:
    """Indexes of paragraphs that are page furniture."""
    out: set[int] = set()
    in_zone = False
    low = None  # fold_case(text), made when first needed
    marks: list[str] = []  # the marks in the text
    for p in paragraphs:
        length = p.end - p.start
        line = text[p.start:p.end] if length < 400 else text[p.start:p.start + 400]
        if length <= 120 and _ZONE_MARKER.match(line):
            in_zone = True
            out.add(p.index)
            continue
        if in_zone:
            sentences = len(_SENTENCE_END.findall(line))
            if length >= 250 or sentences >= 3:
                in_zone = False
            else:
                out.add(p.index)
                continue
        if length <= 300:
            if low is None:
                low = fold_case(text)
                marks = [m for m in _ALWAYS_MARKS if m in low]
            if (not low or low.startswith(_ALWAYS_START, p.start, p.end) or _ALWAYS_HINT.search(low, p.start, p.end)
                    or any(low.find(m, p.start, p.end) >= 0 for m in marks)) and _ALWAYS.search(line):
                out.add(p.index)
    return out

