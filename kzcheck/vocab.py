"""The vocabularies: measure cues, subjects, qualifiers, source classes and stances.

They live as TOML in ``kzcheck/data`` and can be extended from the
``vocabulary`` section of claims.yaml. Phrases are compiled into a lookup by
first word so that matching a phrase at a token costs a dictionary look-up.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Optional

from .model import MEASURES, SOURCE_CLASSES, STANCES, Event

# a word, or a sign that is a word of its own; " ." is a full stop the tokenizer splits off ("c . 400")
_WORD = re.compile(r"[a-z0-9]+(?:['.-][a-z0-9]+)*\.?|[+:~]| \.")


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in _WORD.findall(phrase.lower()))


class PhraseTable:
    """Multi-word phrases matched on lower-cased tokens, longest first."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._size = 0
        # the same entries for matching: (length, the words after the first, value), longest first
        self._entries: dict[str, tuple[tuple[int, list[str], str], ...]] = {}
        # the last word of every phrase: no phrase can end just before a position without one
        self._last_words: set[str] = set()

    def add(self, phrase: str, value: str) -> None:
        toks = phrase_tokens(phrase)
        if not toks:
            return
        entries = self._by_first.setdefault(toks[0], [])
        if any(t == toks for t, _ in entries):
            return
        entries.append((toks, value))
        self._last_words.add(toks[-1])
        self._size += 1
        entries.sort(key=lambda e: -len(e[0]))
        self._entries[toks[0]] = tuple((len(t), list(t[1:]), v) for t, v in entries)

    def match_at(self, words: list[str], i: int) -> Optional[tuple[int, str]]:
        """(length in tokens, value) of the longest phrase starting at words[i]."""
        entries = self._entries.get(words[i])
        if entries is not None:
            for n, rest, value in entries:
                if n == 1 or words[i + 1:i + n] == rest:
                    return n, value
        return None

    def first_words(self) -> Iterable[str]:
        return self._by_first.keys()

    def size(self) -> int:
        return self._size

    def match_ending_at(self, words: list[str], end: int, max_len: int = 5) -> Optional[tuple[int, str]]:
        """Longest phrase that ends just before words[end] (and is the longest phrase where it starts)."""
        if end <= 0 or words[end - 1] not in self._last_words:
            return None  # the common case: no phrase ends with the word before
        get = self._entries.get
        for k in range(min(max_len, end), 0, -1):
            i = end - k
            entries = get(words[i])
            if entries is not None:
                for n, rest, value in entries:
                    if n == 1 or words[i + 1:i + n] == rest:
                        if n == k:
                            return n, value
                        break
        return None

    def __contains__(self, phrase: str) -> bool:
        toks = phrase_tokens(phrase)
        return any(t == toks for t, _ in self._by_first.get(toks[0] if toks else "", ()))


@dataclass
class Vocabulary:
    measure_synonyms: dict[str, str] = field(default_factory=dict)
    outcome: PhraseTable = field(default_factory=PhraseTable)  # -> measure
    verbs: PhraseTable = field(default_factory=PhraseTable)  # -> measure
    roles: PhraseTable = field(default_factory=PhraseTable)  # -> measure
    subjects: PhraseTable = field(default_factory=PhraseTable)  # -> subject group
    things: frozenset = frozenset()
    qual_before: PhraseTable = field(default_factory=PhraseTable)
    qual_after: PhraseTable = field(default_factory=PhraseTable)
    source_words: PhraseTable = field(default_factory=PhraseTable)  # -> class
    class_order: tuple = SOURCE_CLASSES
    stances: PhraseTable = field(default_factory=PhraseTable)  # -> stance
    named_sources: dict[str, str] = field(default_factory=dict)  # lower name -> class
    measures: tuple = MEASURES

    def measure_for(self, name: str) -> Optional[str]:
        """The measure a user means by ``name`` (synonyms and plurals accepted)."""
        key = name.strip().lower()
        if key in self.measures:
            return key
        for cand in (key, key.rstrip("s"), key + "s", re.sub(r"ies$", "y", key), re.sub(r"y$", "ies", key)):
            if cand in self.measure_synonyms:
                return self.measure_synonyms[cand]
            if cand in self.measures:
                return cand
        return None


def _read(name: str) -> dict:
    return tomllib.loads(resources.files("kzcheck").joinpath("data", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return build_vocabulary()


@lru_cache(maxsize=1)
def shipped_events() -> tuple[Event, ...]:
    """The events kzcheck knows without a claims.yaml (kzcheck/data/events.toml)."""
    return tuple(Event(id=e["id"], label=e.get("label") or e["id"], start=e["start"], end=e["end"],
                       places=list(e.get("places", [])), cues=list(e.get("cues", [])))
                 for e in _read("events.toml")["events"])


def known_events(own: Iterable[Event]) -> list[Event]:
    """The shipped events with a project's own: an own event replaces the shipped one of its id."""
    own = list(own)
    mine = {e.id: e for e in own}
    return [mine.pop(e.id, e) for e in shipped_events()] + [e for e in own if e.id in mine]


def add_named_sources(v: Vocabulary, sources: Iterable[Mapping]) -> None:
    """Name the class of each source and its aliases (entries as in claims.yaml's ``sources``)."""
    for src in sources:
        cls = src.get("class")
        for name in [src.get("name")] + list(src.get("aliases") or []):
            if name and cls:
                v.named_sources[str(name).lower()] = cls
                v.source_words.add(str(name), cls)


def build_vocabulary(extra: Optional[Mapping] = None) -> Vocabulary:
    """The shipped vocabulary, extended by claims.yaml's ``vocabulary`` section."""
    v = Vocabulary()
    measures = _read("measures.toml")
    subjects = _read("subjects.toml")
    quals = _read("qualifiers.toml")
    sources = _read("sources.toml")
    extra = extra or {}
    extra_measures = extra.get("measures") or {}
    all_measures = list(MEASURES) + [m for m in extra_measures if m not in MEASURES]
    v.measures = tuple(all_measures)
    for measure in all_measures:
        entry = dict(measures.get(measure, {}))
        for key, words in (extra_measures.get(measure) or {}).items():
            entry[key] = list(entry.get(key, [])) + list(_as_list(words))
        v.measure_synonyms[measure] = measure
        for word in entry.get("synonyms", []):
            v.measure_synonyms.setdefault(word.lower(), measure)
        for word in entry.get("outcome", []):
            v.outcome.add(word, measure)
        for word in entry.get("verbs", []):
            v.verbs.add(word, measure)
        for word in entry.get("roles", []):
            v.roles.add(word, measure)
    for word in subjects["general"]:
        v.subjects.add(word, "people")
    for group, words in {**subjects["groups"], **(extra.get("subjects") or {})}.items():
        for word in _as_list(words):
            v.subjects.add(word, group)
    v.things = frozenset(subjects["things"]["nouns"])
    for qual, words in quals["before"].items():
        for word in words:
            v.qual_before.add(word, qual)
    for qual, words in quals["after"].items():
        for word in words:
            v.qual_after.add(word, qual)
    order = list(sources["order"])
    classes = {k: list(vs) for k, vs in sources["classes"].items()}
    for cls, words in (extra.get("sources") or {}).items():
        classes.setdefault(cls, [])
        classes[cls] = list(_as_list(words)) + classes[cls]
    v.class_order = tuple(order)
    for cls in order:
        for word in classes.get(cls, []):
            v.source_words.add(word, cls)
    for stance in STANCES:
        for word in sources["stances"].get(stance, []):
            v.stances.add(word, stance)
    for word, stance in (extra.get("stances") or {}).items():
        v.stances.add(word, stance)
    add_named_sources(v, _read("known_sources.toml")["sources"])
    return v


def _as_list(words) -> Iterable[str]:
    if isinstance(words, str):
        return [words]
    return [str(w) for w in words or []]
