"""The data that flows through kzcheck: articles in, claims out.

Plain dataclasses with no I/O and no click, so that the library can be used
from a notebook, a test or a cluster job exactly as the CLI uses it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Optional

# The public vocabularies of the JSON contract.
SCORED_MEASURES = ("deaths", "injured", "detained", "convicted", "troops", "attackers", "protesters")
OTHER_MEASURES = ("sentence_years", "money", "population", "missing")
MEASURES = SCORED_MEASURES + OTHER_MEASURES
QUALIFIERS = ("exact", "approx", "at_least", "more_than", "at_most", "less_than", "range", "vague")
SOURCE_CLASSES = (
    "official", "ngo", "residents_witnesses", "opposition_activists",
    "media_author", "international_body", "company", "other",
)
HOW = ("quote", "reported", "according_to", "author")
STANCES = ("neutral", "asserting", "distancing", "conceding", "estimating")
KINDS = ("figure", "statement")
STATUSES = ("unreviewed", "confirmed", "corrected", "rejected")


@dataclass
class Article:
    """One article: the text as stored on disk (decoded; for a web page, the text read from it) and what
    is known of it."""

    id: str
    text: str
    path: str = ""
    title: Optional[str] = None
    outlet: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None  # ISO date, possibly partial: 2013, 2013-06, 2013-06-29
    url: Optional[str] = None
    language: Optional[str] = None
    encoding: str = "utf-8"
    body_offset: int = 0  # where the text starts after any front matter
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = text_hash(self.text)

    def metadata(self) -> dict[str, Any]:
        keys = ("title", "outlet", "author", "published", "url", "language")
        return {k: getattr(self, k) for k in keys if getattr(self, k)}


@dataclass
class Figure:
    """A stated quantity as an inclusive interval; None where the interval is open."""

    low: Optional[float]
    high: Optional[float]
    qualifier: str
    text: str
    span: tuple[int, int] = (0, 0)

    def central(self) -> Optional[float]:
        """A single value that stands for the figure, for ratios and charts."""
        if self.low is not None and self.high is not None:
            if self.qualifier == "vague":
                return (self.low * self.high) ** 0.5 if self.low > 0 else self.high / 2
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high

    def as_interval(self) -> str:
        lo = "" if self.low is None else _num(self.low)
        hi = "" if self.high is None else _num(self.high)
        if lo == hi:
            return lo
        return f"{lo or '…'}–{hi or '…'}"


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


@dataclass
class Source:
    """Who states a claim and how they said it."""

    name: str
    cls: str = "media_author"
    how: str = "author"
    role: Optional[str] = None
    organisation: Optional[str] = None
    verb: Optional[str] = None
    stance: Optional[str] = None
    span: Optional[tuple[int, int]] = None  # where the speaker is named
    cue_span: Optional[tuple[int, int]] = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "role": self.role, "organisation": self.organisation,
            "class": self.cls, "how": self.how, "verb": self.verb, "stance": self.stance,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Source":
        return cls(
            name=d.get("name") or "", cls=d.get("class") or "other", how=d.get("how") or "reported",
            role=d.get("role"), organisation=d.get("organisation"), verb=d.get("verb"), stance=d.get("stance"),
        )


@dataclass
class Claim:
    """A figure or a statement found in an article, with where it stands and who states it."""

    id: str
    kind: str
    article: str
    span: tuple[int, int]
    sentence: str
    text: str
    source: Source
    measure: Optional[str] = None
    subject: Optional[str] = None
    figure: Optional[Figure] = None
    event: Optional[str] = None
    negated: bool = False
    status: str = "unreviewed"
    note: Optional[str] = None
    line: int = 0
    also_at: list[tuple[int, int]] = field(default_factory=list)
    proposed_event: Optional[str] = None
    fingerprint: str = ""  # hash of the sentence: tells whether the claim's text changed
    published: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None

    def to_json(self) -> dict[str, Any]:
        """The JSON contract; keys in the order of CONTRACT_KEYS."""
        fig = self.figure
        d: dict[str, Any] = {
            "id": self.id, "kind": self.kind, "article": self.article,
            "measure": self.measure,
            "low": _jnum(fig.low) if fig else None,
            "high": _jnum(fig.high) if fig else None,
            "qualifier": fig.qualifier if fig else None,
            "negated": self.negated,
            "text": self.text,
            "subject": self.subject,
            "source": self.source.to_json(),
            "event": self.event,
            "sentence": self.sentence,
            "span": list(self.span),
            "line": self.line,
            "status": self.status,
        }
        if self.also_at:
            d["also_at"] = [list(s) for s in self.also_at]
        if self.proposed_event:
            d["proposed_event"] = self.proposed_event
        if self.note:
            d["note"] = self.note
        for key in ("published", "outlet", "title"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Claim":
        fig = None
        if d.get("qualifier"):
            fig = Figure(d.get("low"), d.get("high"), d["qualifier"], d.get("text") or "")
        span = d.get("span") or (0, 0)
        return cls(
            id=d["id"], kind=d.get("kind") or "figure", article=d.get("article") or "",
            span=(int(span[0]), int(span[1])), sentence=d.get("sentence") or "", text=d.get("text") or "",
            source=Source.from_json(d.get("source") or {}), measure=d.get("measure"), subject=d.get("subject"),
            figure=fig, event=d.get("event"), negated=bool(d.get("negated")), status=d.get("status") or "unreviewed",
            note=d.get("note"), line=int(d.get("line") or 0),
            also_at=[tuple(s) for s in d.get("also_at") or []], proposed_event=d.get("proposed_event"),
            fingerprint=d.get("fingerprint") or "", published=d.get("published"), outlet=d.get("outlet"),
            title=d.get("title"),
        )

    def to_record(self) -> list[Any]:
        """The claim as the cache stores it: its fields by position (text, sentence and fingerprint
        are kept apart, as columns). Decoding a JSON array and calling the constructor with positional
        arguments is four times quicker than from_json, which matters when compare reads 100,000 claims.
        ``from_record(to_record(c), ...)`` equals ``from_json(to_json(c))``."""
        fig, src = self.figure, self.source
        return [self.id, self.kind, self.article, self.measure,
                _jnum(fig.low) if fig else None, _jnum(fig.high) if fig else None, fig.qualifier if fig else None,
                self.negated, self.subject, src.name, src.cls, src.how, src.role, src.organisation, src.verb,
                src.stance, self.event, self.span[0], self.span[1], self.line, self.status, self.note,
                [list(s) for s in self.also_at] or None, self.proposed_event, self.published, self.outlet, self.title]

    @classmethod
    def from_record(cls, rec: list[Any], text: str, sentence: str, fingerprint: str) -> "Claim":
        (id_, kind, article, measure, low, high, qualifier, negated, subject, name, src_cls, how, role, organisation,
         verb, stance, event, start, end, line, status, note, also_at, proposed_event, published, outlet, title) = rec
        text = text or ""
        return cls(id_, kind or "figure", article or "", (int(start), int(end)), sentence or "", text,
                   Source(name or "", src_cls or "other", how or "reported", role, organisation, verb, stance),
                   measure, subject, Figure(low, high, qualifier, text) if qualifier else None, event, bool(negated),
                   status or "unreviewed", note, int(line or 0), [tuple(s) for s in also_at] if also_at else [],
                   proposed_event, fingerprint or "", published, outlet, title)


CONTRACT_KEYS = ("id", "kind", "article", "measure", "low", "high", "qualifier", "negated", "text", "subject", "source",
              "event", "sentence", "span", "line", "status", "also_at", "proposed_event", "note", "published", "outlet",
              "title")


def _jnum(x: Optional[float]) -> Optional[float]:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass
class Event:
    """A known event from claims.yaml that claims can be assigned to."""

    id: str
    label: str
    start: str  # ISO date
    end: str
    places: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def claim_id(*parts: str) -> str:
    """A short stable id from the parts that identify a claim (never from offsets)."""
    h = hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
    return f"c-{h}"
