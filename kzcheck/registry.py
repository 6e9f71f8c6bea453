"""claims.yaml, the reviewed registry: known events and sources, article metadata, and claims.

Reading
    :func:`load_registry` reads claims.yaml with ruamel.yaml in round-trip mode,
    so comments, key order and line numbers are kept. Loading is safe: every tag
    other than YAML's standard ones (``!!python/object``, ``!custom``), every
    anchor and alias (the "billion laughs" bomb needs them), merge keys and
    duplicate keys are refused with an error naming the line. Whatever goes wrong,
    the caller gets a :class:`~kzcheck.errors.RegistryError`, never a traceback
    from the YAML library. :func:`validate` then reports every problem it finds
    (unknown measure, event or class, bad number, duplicate id...) with its line.

    Read-only commands may pass ``fast=True``: the result is then served from a
    JSON cache in ``.kzcheck-cache/`` beside claims.yaml, keyed by the file's
    size and content hash, and built on a miss with libyaml's parser when
    ruamel.yaml.clib is installed (tags, anchors and duplicate keys are refused on
    that path too): a claim whose text is as it was when the cache was made is not
    parsed again (see :mod:`kzcheck.regitems`). A registry loaded that way cannot be saved.

Writing
    Every write runs under an exclusive lock on ``claims.yaml.lock``, reloads
    the file, changes only what it must in the round-trip document, checks the
    result with :func:`validate`, and replaces the file atomically (temporary
    file in the same folder, fsync, ``os.replace``). Claims a person confirmed,
    corrected or rejected are never changed by extraction.
"""
from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import CommentMark, MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from . import model
from .errors import RegistryError, ValidationProblems
from .model import Claim, Event
from .safefile import atomic_write_text, locked, remove_leftover_temp_files

__all__ = [
    "Registry", "MergeReport", "load_registry", "validate", "save_registry", "merge_extraction",
    "set_claim_status", "record_article", "add_event", "locked", "REGISTRY_VERSION",
]

REGISTRY_VERSION = 1
SECTIONS = ("version", "events", "sources", "vocabulary", "articles", "claims")
ARTICLE_KEYS = ("title", "outlet", "author", "published", "url", "language", "hash")
EVENT_KEYS = ("id", "label", "start", "end", "places", "cues")
CLAIM_SOURCE_KEYS = ("name", "class", "how", "verb", "stance", "role", "organisation")
# The order keys are written in; also the keys extraction owns (others a person added are kept).
CLAIM_KEYS = (
    "id", "article", "kind", "measure", "low", "high", "qualifier", "negated", "text", "subject", "source",
    "event", "proposed_event", "sentence", "span", "also_at", "line", "fingerprint", "status", "note",
)
_OPTIONAL_CLAIM_KEYS = ("proposed_event", "also_at")  # dropped by a refresh when extraction no longer gives them
VOCABULARY_SECTIONS = ("measures", "subjects", "sources", "stances")
MEASURE_ENTRY_KEYS = ("synonyms", "outcome", "verbs", "roles")
CORRECTABLE = ("low", "high", "qualifier", "measure", "event", "subject", "source.name", "source.class")
REVIEWED = ("confirmed", "corrected", "rejected")

MAX_DEPTH = 40  # claims.yaml needs about 6 levels; deeper nesting is refused before it can exhaust the stack
_Y = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_Y + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp"))
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID = re.compile(r"^\S+$")
CACHE_DIR = ".kzcheck-cache"
_CACHE_FORMAT = 3  # 2: claims in the facts table of claims.sqlite, not in the JSON; 3: their lines in a file apart
_VERIFY_LIMIT = 2_000_000  # characters: above this, a written file is re-read only with the C parser


# =========================================================================== the Registry

@dataclass
class Registry:
    """What claims.yaml holds, as plain Python and model objects.

    ``doc`` is the round-trip document the registry was loaded from (None for an
    empty or missing file, and for ``fast=True`` loads); :func:`save_registry`
    writes the registry back through it so that comments survive.
    """

    path: str = "claims.yaml"
    version: int = REGISTRY_VERSION
    events: list[Event] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    vocabulary: dict = field(default_factory=dict)
    articles: dict[str, dict] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    doc: Any = field(default=None, repr=False, compare=False)
    read_only: bool = field(default=False, repr=False, compare=False)
    lines: dict = field(default_factory=dict, repr=False, compare=False)

    def claim_line(self, claim_id: str) -> Optional[int]:
        """The 1-based line in claims.yaml where the claim starts, if it is there."""
        return self.lines.get("claims", {}).get(claim_id)

    def article_line(self, article_id: str) -> Optional[int]:
        return self.lines.get("articles", {}).get(article_id)

    def event_line(self, event_id: str) -> Optional[int]:
        return self.lines.get("events", {}).get(event_id)

    def claims_for(self, article_id: str) -> list[Claim]:
        return [c for c in self.claims if c.article == article_id]

    def claim(self, claim_id: str) -> Optional[Claim]:
        return next((c for c in self.claims if c.id == claim_id), None)

    def event(self, event_id: str) -> Optional[Event]:
        return next((e for e in self.known_events if e.id == event_id), None)

    @property
    def known_events(self) -> list[Event]:
        """The events claims can be assigned to: kzcheck's shipped ones and this file's own
        (``events`` holds only the file's, which is what a write keeps)."""
        from .vocab import known_events

        return known_events(self.events)

    @property
    def measures(self) -> tuple[str, ...]:
        """The measures claims may use: the shipped ones plus the vocabulary's additions."""
        return _known_measures(self.vocabulary)

    def named_sources(self) -> dict[str, str]:
        """Lower-cased source name or alias -> class, from the ``sources`` section."""
        out: dict[str, str] = {}
        for src in self.sources:
            for name in [src.get("name")] + list(src.get("aliases") or []):
                if name and src.get("class"):
                    out.setdefault(str(name).lower(), src["class"])
        return out


@dataclass
class MergeReport:
    """What :func:`merge_extraction` did, claim ids by outcome."""

    added: list[str] = field(default_factory=list)      # new, written as unreviewed
    updated: list[str] = field(default_factory=list)    # unreviewed, found again, fields refreshed
    unchanged: list[str] = field(default_factory=list)  # unreviewed, found again, nothing to change
    removed: list[str] = field(default_factory=list)    # unreviewed, no longer extracted: dropped
    kept: list[str] = field(default_factory=list)       # reviewed (confirmed/corrected/rejected): untouched
    orphaned: list[str] = field(default_factory=list)   # the kept ones extraction no longer finds
    skipped: list[str] = field(default_factory=list)    # extracted twice, or the id belongs to another article
    articles: list[str] = field(default_factory=list)   # articles whose metadata was recorded or refreshed

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.removed)} removed, "
                f"{len(self.kept)} reviewed kept")


# =========================================================================== safe YAML

class _Refused(Exception):
    """Raised inside the YAML machinery; turned into a RegistryError with the line."""

    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None and getattr(mark, "line", None) is not None else None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_Y):] if tag.startswith(_Y) else tag


_TAG_FOR = {SequenceStartEvent: _Y + "seq", MappingStartEvent: _Y + "map"}


class _SafeComposer(Composer):
    """The round-trip composer, refusing anchors, aliases, odd tags, merge and duplicate keys, deep nesting."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(f"alias *{event.anchor} is not allowed: claims.yaml refuses anchors and aliases "
                           f"(they can make a small file expand without limit); write the value out in full",
                           event.start_mark)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(f"anchor &{anchor} is not allowed: claims.yaml refuses anchors and aliases; "
                           f"remove &{anchor} and write any *{anchor} out in full", event.start_mark)
        t = ""
        if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
            tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
            t = "" if tag is None else str(tag)
            if t and t != "!":
                if t not in _ALLOWED_TAGS:
                    raise _Refused(f"tag {_short_tag(t)} is not allowed: claims.yaml holds plain text, numbers, "
                                   f"dates, lists and mappings only; remove the tag", event.start_mark)
                fits = _TAG_FOR.get(type(event))  # None for a scalar
                if (fits and t != fits) or (not fits and t in _TAG_FOR.values()):
                    what = {SequenceStartEvent: "a list", MappingStartEvent: "a mapping"}.get(type(event),
                                                                                            "a single value")
                    raise _Refused(f"tag {_short_tag(t)} does not fit {what}; remove the tag", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused(f"nested more than {MAX_DEPTH} levels deep; claims.yaml needs far fewer",
                           event.start_mark)
        node = super().compose_node(parent, index)
        if t in _ALLOWED_TAGS:
            # An explicit standard tag (!!str 12): build the plain value, as if the tag had been resolved.
            node.tag = Tag(suffix=t)
        return node

    def compose_mapping_node(self, anchor: Any) -> Any:
        node = super().compose_mapping_node(anchor)
        seen: dict[tuple, int] = {}
        for key, _value in node.value:
            if str(key.tag) == _Y + "merge":
                raise _Refused("merge key << is not allowed in claims.yaml; write the keys out in full",
                               key.start_mark)
            if isinstance(key, ScalarNode):
                k = (str(key.tag), key.value)
                if k in seen:
                    raise _Refused(f"duplicate key {key.value!r} (first at line {seen[k]}); "
                                   f"keep one of them and delete the other", key.start_mark)
                seen[k] = key.start_mark.line + 1
        return node


class _SafeConstructor(RoundTripConstructor):
    def construct_non_recursive_object(self, node: Any, tag: Optional[str] = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, TypeError, OverflowError, AttributeError, KeyError) as e:
            what = node.value if isinstance(node, ScalarNode) else node.id
            raise _Refused(f"cannot read {str(what)[:40]!r} as {_short_tag(str(node.tag))} ({e})",
                           node.start_mark) from None

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError, TypeError):
            raise _Refused(f"{node.value!r} is not a valid date; write dates as YYYY-MM-DD, "
                           f"or quote the text", node.start_mark) from None


_SafeConstructor.add_constructor(_Y + "timestamp", _SafeConstructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.Composer = _SafeComposer
    y.Constructor = _SafeConstructor
    y.allow_duplicate_keys = False
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.representer.add_representer(type(None), _represent_null)
    return y


def _represent_null(representer: Any, _data: Any) -> Any:
    return representer.represent_scalar(_Y + "null", "null")  # `author: null`, not an empty `author:`


def _read_bytes(path: str) -> Optional[bytes]:
    """The file's bytes; None if it does not exist."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise RegistryError("is a folder, not a file", path) from None
    except OSError as e:
        raise RegistryError(f"cannot read it ({e.strerror or e})", path) from None


def _missing(path: str) -> RegistryError:
    return RegistryError("no such file; `kzcheck extract --write` creates it, or copy the project's", path)


def _decode(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RegistryError("is saved as UTF-16; save it as UTF-8", path, 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise RegistryError(f"is not valid UTF-8 (byte 0x{data[e.start]:02x}); save it as UTF-8", path, line) from None


def _parse_rt(text: str, path: str) -> Any:
    """Parse YAML text into a round-trip document, or raise RegistryError naming the line."""
    try:
        return _yaml().load(text)
    except _Refused as e:
        raise RegistryError(_one_line(e.message), path, e.line) from None
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = (e.problem or e.context or "").strip() or "the structure is broken here"
        if "duplicate key" in problem:
            problem = problem.split(" with value")[0] + "; keep one of them and delete the other"
        raise RegistryError(f"not valid YAML: {_one_line(problem)}", path, line) from None
    except YAMLError as e:
        position = getattr(e, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        reason = getattr(e, "reason", None) or str(e)
        raise RegistryError(f"not valid YAML: {_one_line(reason)}", path, line) from None
    except RecursionError:
        raise RegistryError(f"nested too deeply to read (more than {MAX_DEPTH} levels)", path) from None
    except Exception as e:  # the YAML library failed on odd input: still one clear line
        raise RegistryError(f"cannot be read as YAML ({type(e).__name__}: {_one_line(str(e))})", path) from None


def _one_line(message: str) -> str:
    return " ".join(str(message).split())[:300] or "unreadable"


# =========================================================================== loading

def load_registry(path: str = "claims.yaml", *, missing_ok: bool = True, fast: bool = False) -> Registry:
    """Read and validate claims.yaml.

    A missing file gives an empty registry when ``missing_ok``; an empty file is
    an empty registry. Raises RegistryError for the first fatal problem (the
    YAML cannot be read safely) and ValidationProblems listing every problem
    validation found. ``fast=True`` is for read-only use (see the module doc).
    """
    path = os.fspath(path)
    if fast:
        warm = _load_warm(path)
        if warm is not None:
            return warm
    data = _read_bytes(path)
    if data is None:
        if missing_ok:
            return Registry(path=path, read_only=fast)
        raise _missing(path)
    if fast:
        return _load_fast(path, data)
    return _registry_from_text(_decode(data, path), path)


def _registry_from_text(text: str, path: str) -> Registry:
    doc = _parse_rt(text, path)
    if doc is None:
        return Registry(path=path)
    _check_top(doc, path)
    problems = validate(doc, path)
    if problems:
        raise ValidationProblems(problems)
    return _build(_plain(doc), path, _doc_lines(doc), doc)


def _check_top(doc: Any, path: str) -> None:
    if not isinstance(doc, dict):
        kind = "a list" if isinstance(doc, list) else f"the single value {str(doc)[:40]!r}"
        raise RegistryError(f"the top level must be a mapping with the sections {', '.join(SECTIONS)}; "
                            f"found {kind}", path, 1)


def _build(data: Mapping, path: str, lines: dict, doc: Any = None, read_only: bool = False,
           cls: type = Registry) -> Registry:
    """A Registry from validated plain data."""
    events = [_event_from_plain(e) for e in data.get("events") or []]
    articles = {aid: _article_meta(meta) for aid, meta in (data.get("articles") or {}).items()}
    claims = [_claim_from_plain(d, articles) for d in data.get("claims") or []]
    return cls(
        path=path, version=int(data.get("version") or REGISTRY_VERSION), events=events,
        sources=[dict(s) for s in data.get("sources") or []], vocabulary=dict(data.get("vocabulary") or {}),
        articles=articles, claims=claims, doc=doc, read_only=read_only, lines=lines,
    )


def _article_meta(meta: Optional[Mapping]) -> dict:
    """An article's metadata as a Registry holds it (dates and other values as text)."""
    meta = dict(meta or {})
    for k in ("published", "title", "outlet", "author", "url", "language", "hash"):
        if meta.get(k) is not None and not isinstance(meta[k], str):
            meta[k] = _iso(meta[k])
    return meta


def _event_from_plain(e: Mapping) -> Event:
    return Event(
        id=e["id"], label=str(e.get("label") or e["id"]), start=_iso(e.get("start")), end=_iso(e.get("end")),
        places=[str(p) for p in e.get("places") or []], cues=[str(c) for c in e.get("cues") or []],
    )


def _claim_from_plain(d: Mapping, articles: Mapping[str, Mapping]) -> Claim:
    c = Claim.from_json(d)
    c.note = c.note or None  # an empty note is no note (to_json leaves it out)
    c.proposed_event = c.proposed_event or None
    meta = articles.get(c.article) or {}
    c.published = c.published or (_iso(meta["published"]) if meta.get("published") is not None else None)
    c.outlet = c.outlet or meta.get("outlet")
    c.title = c.title or meta.get("title")
    return c


def _iso(value: Any) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


_PLAIN_TYPES = frozenset((str, int, float, bool, type(None)))


def _plain(x: Any) -> Any:
    """Round-trip (or fast-loader) values as plain dict/list/str/int/float/bool/None; dates as ISO text."""
    if type(x) in _PLAIN_TYPES:  # most values: nothing to convert
        return x
    if isinstance(x, dict):
        return {_plain_key(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    if isinstance(x, bool):
        return bool(x)
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return float(x)
    if isinstance(x, str):
        return str(x)
    if isinstance(x, (_dt.date, _dt.datetime)):
        return x.isoformat()
    return x


def _plain_key(k: Any) -> Any:
    if type(k) is str:
        return k
    if isinstance(k, (list, tuple)):
        return tuple(_plain_key(v) for v in k)
    return _plain(k)


def _doc_lines(doc: Any) -> dict:
    """claim id / article id / event id -> 1-based line in claims.yaml."""
    out: dict[str, dict[str, int]] = {"claims": {}, "articles": {}, "events": {}}
    for section in ("claims", "events"):  # lists of mappings with an id: the first of an id counts
        items = doc.get(section)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    line = _line(items, i)
                    if line:
                        out[section].setdefault(item["id"], line)
    articles = doc.get("articles")
    if isinstance(articles, dict):
        for aid in articles:
            line = _line(articles, aid)
            if line and isinstance(aid, str):
                out["articles"][aid] = line
    return out


# =========================================================================== line numbers

class _LDict(dict):
    """A mapping from the fast loader, with line numbers: _line for itself, _keys for its keys."""

    __slots__ = ("_line", "_keys")


class _LList(list):
    __slots__ = ("_line", "_items")


def _line(container: Any, key: Any = None) -> Optional[int]:
    """1-based line of ``container[key]`` (a mapping key or a list item), or of the container itself."""
    try:
        if isinstance(container, (_LDict, _LList)):
            if key is None:
                return container._line
            if isinstance(container, _LDict):
                return container._keys.get(key)
            return container._items[key]
        lc = getattr(container, "lc", None)
        if lc is None:
            return None
        if key is None:
            return lc.line + 1 if lc.line is not None else None
        pos = lc.key(key) if isinstance(container, dict) else lc.item(key)
        return pos[0] + 1
    except Exception:
        return None


# =========================================================================== validation

def validate(data: Any, path: str = "claims.yaml") -> list[RegistryError]:
    """Every problem in a loaded claims.yaml (round-trip document or plain data), with its line."""
    v = _Validator(path)
    v.run(data)
    return v.problems


def _known_measures(vocabulary: Any) -> tuple[str, ...]:
    extra = vocabulary.get("measures") if isinstance(vocabulary, dict) else None
    added = [m for m in (extra or {}) if isinstance(m, str) and m not in model.MEASURES] if isinstance(extra, dict) else []
    return tuple(model.MEASURES) + tuple(added)


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _describe(x: Any) -> str:
    if x is None:
        return "empty"
    if isinstance(x, bool):
        return f"the boolean {str(x).lower()}"
    if isinstance(x, (int, float)):
        return f"the number {x}"
    if isinstance(x, str):
        return f"the text {x[:40]!r}"
    if isinstance(x, dict):
        return "a mapping"
    if isinstance(x, list):
        return "a list"
    if isinstance(x, (_dt.date, _dt.datetime)):
        return f"the date {x.isoformat()}"
    return type(x).__name__


def _date_bounds(value: Any) -> Optional[tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """(first day, last day) a date or partial ISO date covers; None if it is not one."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        t = (value.year, value.month, value.day)
        return t, t
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return (year, 1, 1), (year, 12, 31)
        if day is None:
            _dt.date(year, month, 1)
            last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day if year < 9999 or month < 12 else 31
            return (year, month, 1), (year, month, last)
        _dt.date(year, month, day)
        return (year, month, day), (year, month, day)
    except ValueError:
        return None


def _shipped_event_ids() -> tuple[str, ...]:
    from .vocab import shipped_events

    return tuple(e.id for e in shipped_events())


class _Validator:
    def __init__(self, path: str):
        self.path = path
        self.problems: list[RegistryError] = []
        self.measures: tuple[str, ...] = tuple(model.MEASURES)
        self.event_ids: dict[str, int] = {}
        self.article_ids: set[str] = set()

    def add(self, message: str, line: Optional[int]) -> None:
        message = message.replace("\r", "\\r").replace("\n", "\\n")  # always one line on the terminal
        self.problems.append(RegistryError(message, self.path, line))

    def unknown(self, what: str, value: Any, known: Iterable[str], where: str) -> str:
        known = list(known)
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean {close[0]!r}?"
        shown = repr(value[:60] if isinstance(value, str) else value) if isinstance(value, (str, int, float)) \
            and not isinstance(value, bool) else _describe(value)
        return f"{where}unknown {what} {shown}{hint} (known: {', '.join(known)})"

    # -- top level
    def run(self, data: Any) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            self.add(f"the top level must be a mapping with the sections {', '.join(SECTIONS)}; "
                     f"found {_describe(data)}", 1)
            return
        for key in data:
            if key not in SECTIONS:
                self.add(self.unknown("section", key, SECTIONS, ""), _line(data, key))
        self._check_keys_are_text(data)
        if "version" in data:
            v = data["version"]
            if not (isinstance(v, int) and not isinstance(v, bool) and v == REGISTRY_VERSION):
                self.add(f"version {_describe(v)} is not supported: this kzcheck reads `version: {REGISTRY_VERSION}`",
                         _line(data, "version"))
        self.vocabulary(data.get("vocabulary"), _line(data, "vocabulary"))
        self.events(data.get("events"), _line(data, "events"))
        self.sources(data.get("sources"), _line(data, "sources"))
        self.articles(data.get("articles"), _line(data, "articles"))
        self.claims(data.get("claims"), _line(data, "claims"))

    def _check_keys_are_text(self, data: Any) -> None:
        """Every mapping key must be text (article ids get their own message)."""
        stack = [(data, 0)]
        seen: set[int] = set()
        while stack:
            node, depth = stack.pop()
            if id(node) in seen or depth > MAX_DEPTH:
                continue
            seen.add(id(node))
            if isinstance(node, dict):
                for k, v in node.items():
                    if not isinstance(k, str) and not (node is data.get("articles")):
                        self.add(f"key {_describe(k)} is not text; put it in quotes", _line(node, k))
                    if isinstance(v, (dict, list)):
                        stack.append((v, depth + 1))
            elif isinstance(node, list):
                for v in node:
                    if isinstance(v, (dict, list)):
                        stack.append((v, depth + 1))

    def _section_type(self, value: Any, want: type, name: str, line: Optional[int]) -> bool:
        if value is None:
            return False
        if not isinstance(value, want):
            kind = "a list (each item starting with -)" if want is list else "a mapping (key: value)"
            self.add(f"{name} must be {kind}, not {_describe(value)}", line)
            return False
        return True

    def _text_list(self, container: dict, key: str, where: str) -> None:
        value = container.get(key)
        if value is None:
            return
        if isinstance(value, str):
            self.add(f"{where}{key} must be a list, e.g. [{value}]", _line(container, key))
            return
        if not isinstance(value, list):
            self.add(f"{where}{key} must be a list of text, not {_describe(value)}", _line(container, key))
            return
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{where}{key} item {i + 1} must be non-empty text, not {_describe(item)}",
                         _line(value, i) or _line(container, key))

    def _optional_text(self, container: dict, key: str, where: str) -> None:
        if key in container and container[key] is not None and not isinstance(container[key], str):
            self.add(f"{where}{key} must be text, not {_describe(container[key])}; put it in quotes",
                     _line(container, key))

    # -- vocabulary
    def vocabulary(self, voc: Any, line: Optional[int]) -> None:
        if not self._section_type(voc, dict, "vocabulary", line):
            return
        for key in voc:
            if key not in VOCABULARY_SECTIONS:
                self.add(self.unknown("vocabulary section", key, VOCABULARY_SECTIONS, ""), _line(voc, key))
        measures = voc.get("measures")
        if self._section_type(measures, dict, "vocabulary.measures", _line(voc, "measures")):
            for name, entry in measures.items():
                where = f"vocabulary measure {name!r}: "
                if isinstance(name, str) and not re.match(r"^[a-z][a-z0-9_]*$", name):
                    self.add(f"{where}measure names are lower-case words joined by _, e.g. 'hostages'",
                             _line(measures, name))
                if entry is None:
                    continue
                if not isinstance(entry, dict):
                    self.add(f"{where}must be a mapping of {', '.join(MEASURE_ENTRY_KEYS)} to lists of words",
                             _line(measures, name))
                    continue
                for k in entry:
                    if k not in MEASURE_ENTRY_KEYS:
                        self.add(self.unknown("key", k, MEASURE_ENTRY_KEYS, where), _line(entry, k))
                    else:
                        self._words(entry, k, where)
            self.measures = _known_measures(voc)
        for section in ("subjects", "sources"):
            groups = voc.get(section)
            if not self._section_type(groups, dict, f"vocabulary.{section}", _line(voc, section)):
                continue
            for name in groups:
                if section == "sources" and name not in model.SOURCE_CLASSES:
                    self.add(self.unknown("source class", name, model.SOURCE_CLASSES, "vocabulary.sources: "),
                             _line(groups, name))
                self._words(groups, name, f"vocabulary.{section}: ")
        stances = voc.get("stances")
        if self._section_type(stances, dict, "vocabulary.stances", _line(voc, "stances")):
            for word, stance in stances.items():
                if stance not in model.STANCES:
                    self.add(self.unknown("stance", stance, model.STANCES, f"vocabulary.stances {word!r}: "),
                             _line(stances, word))

    def _words(self, container: dict, key: Any, where: str) -> None:
        value = container[key]
        if isinstance(value, str) or value is None:
            return
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            self.add(f"{where}{key} must be a list of words", _line(container, key))

    # -- events
    def events(self, events: Any, line: Optional[int]) -> None:
        if not self._section_type(events, list, "events", line):
            return
        for i, ev in enumerate(events):
            at = _line(events, i)
            if not isinstance(ev, dict):
                self.add(f"event {i + 1} must be a mapping with id, label, start, end, places, cues; "
                         f"found {_describe(ev)}", at)
                continue
            eid = ev.get("id")
            if not isinstance(eid, str) or not _ID.match(eid):
                self.add(f"event {i + 1} needs an id: one word such as 'zhanaozen-2011' "
                         f"(found {_describe(eid)})", _line(ev, "id") or at)
                where = f"event {i + 1}: "
            else:
                where = f"event {eid}: "
                if eid in self.event_ids:
                    self.add(f"duplicate event id {eid!r} (first at line {self.event_ids[eid]}); "
                             f"give each event its own id", _line(ev, "id") or at)
                else:
                    self.event_ids[eid] = _line(ev, "id") or at or 0
            self._optional_text(ev, "label", where)
            bounds = {}
            for key in ("start", "end"):
                if ev.get(key) is None:
                    self.add(f"{where}needs a {key} date (YYYY-MM-DD)", _line(ev, key) or at)
                    continue
                b = _date_bounds(ev[key])
                if b is None:
                    self.add(f"{where}{key} {_describe(ev[key])} is not a date; write YYYY-MM-DD "
                             f"(or YYYY-MM, YYYY)", _line(ev, key) or at)
                else:
                    bounds[key] = b
            if len(bounds) == 2 and bounds["start"][0] > bounds["end"][1]:
                self.add(f"{where}starts ({_iso(ev['start'])}) after it ends ({_iso(ev['end'])})",
                         _line(ev, "start") or at)
            self._text_list(ev, "places", where)
            self._text_list(ev, "cues", where)

    # -- sources
    def sources(self, sources: Any, line: Optional[int]) -> None:
        if not self._section_type(sources, list, "sources", line):
            return
        for i, src in enumerate(sources):
            at = _line(sources, i)
            if not isinstance(src, dict):
                self.add(f"source {i + 1} must be a mapping with name, aliases and class; found {_describe(src)}", at)
                continue
            name = src.get("name")
            if not isinstance(name, str) or not name.strip():
                self.add(f"source {i + 1} needs a name (found {_describe(name)})", _line(src, "name") or at)
                where = f"source {i + 1}: "
            else:
                where = f"source {name!r}: "
            self._text_list(src, "aliases", where)
            cls = src.get("class")
            if cls not in model.SOURCE_CLASSES:
                self.add(self.unknown("class", cls, model.SOURCE_CLASSES, where), _line(src, "class") or at)

    # -- articles
    def articles(self, articles: Any, line: Optional[int]) -> None:
        if not self._section_type(articles, dict, "articles", line):
            return
        for aid, meta in articles.items():
            at = _line(articles, aid)
            if not isinstance(aid, str):
                self.add(f"article id {_describe(aid)} is not text (YAML read it as "
                         f"{'a number' if _is_number(aid) else type(aid).__name__}); put it in quotes: "
                         f"'{_iso(aid) if not isinstance(aid, (list, tuple, dict)) else aid}'", at)
                continue
            self.article_ids.add(aid)
            if meta is None:
                continue
            if not isinstance(meta, dict):
                self.add(f"article {aid}: must be a mapping of {', '.join(ARTICLE_KEYS)}, not {_describe(meta)}", at)
                continue
            where = f"article {aid}: "
            for key in ("title", "outlet", "author", "url", "language", "hash"):
                self._optional_text(meta, key, where)
            pub = meta.get("published")
            if pub is not None and _date_bounds(pub) is None:
                self.add(f"{where}published {_describe(pub)} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
                         _line(meta, "published") or at)

    # -- claims
    def claims(self, claims: Any, line: Optional[int]) -> None:
        if not self._section_type(claims, list, "claims", line):
            return
        ids: dict[str, Optional[int]] = {}
        for i, c in enumerate(claims):
            at = _line(claims, i)
            if not isinstance(c, dict):
                self.add(f"claim {i + 1} must be a mapping (id: ..., article: ...), not {_describe(c)}", at)
                continue
            cid = c.get("id")
            if not isinstance(cid, str) or not _ID.match(cid):
                self.add(f"claim {i + 1} needs an id such as c-0123456789 (found {_describe(cid)})",
                         _line(c, "id") or at)
                where = f"claim {i + 1}: "
            else:
                where = f"claim {cid}: "
                if cid in ids:
                    first = f" (first at line {ids[cid]})" if ids[cid] else ""
                    self.add(f"duplicate claim id {cid!r}{first}; each claim needs its own id", _line(c, "id") or at)
                else:
                    ids[cid] = _line(c, "id") or at
            self.claim(c, where, at)

    def claim(self, c: dict, where: str, at: Optional[int]) -> None:
        def ln(key: str) -> Optional[int]:
            return _line(c, key) or at

        art = c.get("article")
        if not isinstance(art, str) or not art:
            self.add(f"{where}needs the id of its article (found {_describe(art)}); put it in quotes if it "
                     f"looks like a number", ln("article"))
        elif art not in self.article_ids:
            self.add(f"{where}article {art!r} is not under articles:; add it there "
                     f"(`kzcheck extract --write` does) or fix the id", ln("article"))
        kind = c.get("kind", "figure")
        if kind not in model.KINDS:
            self.add(self.unknown("kind", kind, model.KINDS, where), ln("kind"))
        measure = c.get("measure")
        if measure is not None and measure not in self.measures:
            self.add(self.unknown("measure", measure, self.measures, where), ln("measure"))
        qual = c.get("qualifier")
        if qual is not None and qual not in model.QUALIFIERS:
            self.add(self.unknown("qualifier", qual, model.QUALIFIERS, where), ln("qualifier"))
        low, high = c.get("low"), c.get("high")
        bad = False
        for key, value in (("low", low), ("high", high)):
            if value is None:
                continue
            if not _is_number(value):
                self.add(f"{where}{key} must be a number or null, not {_describe(value)}", ln(key))
                bad = True
            elif not math.isfinite(value):
                self.add(f"{where}{key} must be a finite number, not {value}", ln(key))
                bad = True
        if not bad and low is not None and high is not None and low > high:
            self.add(f"{where}low {low} is greater than high {high}; swap them", ln("low"))
        if kind == "figure" and qual is None and (low is not None or high is not None):
            self.add(f"{where}a figure with low/high needs a qualifier (known: {', '.join(model.QUALIFIERS)})",
                     ln("low"))
        if "negated" in c and not isinstance(c["negated"], bool):
            self.add(f"{where}negated must be true or false, not {_describe(c['negated'])}", ln("negated"))
        for key in ("text", "subject", "sentence", "note", "fingerprint", "proposed_event"):
            self._optional_text(c, key, where)
        event = c.get("event")
        if event is not None and (not isinstance(event, str) or event not in self.event_ids
                                  and event not in _shipped_event_ids()):
            known = list(self.event_ids) + [e for e in _shipped_event_ids() if e not in self.event_ids]
            self.add(self.unknown("event", event, known, where), ln("event"))
        status = c.get("status", "unreviewed")
        if status not in model.STATUSES:
            self.add(self.unknown("status", status, model.STATUSES, where), ln("status"))
        src = c.get("source")
        if src is not None:
            if not isinstance(src, dict):
                self.add(f"{where}source must be a mapping such as {{name: officials, class: official, how: "
                         f"according_to}}, not {_describe(src)}", ln("source"))
            else:
                sat = _line(c, "source") or at

                def sln(key: str) -> Optional[int]:
                    return _line(src, key) or sat

                name = src.get("name")
                if name is not None and not isinstance(name, str):
                    self.add(f"{where}source name must be text, not {_describe(name)}", sln("name"))
                if "class" in src and src["class"] not in model.SOURCE_CLASSES:
                    self.add(self.unknown("source class", src["class"], model.SOURCE_CLASSES, where), sln("class"))
                if "how" in src and src["how"] not in model.HOW:
                    self.add(self.unknown("how", src["how"], model.HOW, where), sln("how"))
                if src.get("stance") is not None and src["stance"] not in model.STANCES:
                    self.add(self.unknown("stance", src["stance"], model.STANCES, where), sln("stance"))
                for key in ("verb", "role", "organisation"):
                    self._optional_text(src, key, where + "source ")
        if "span" in c:
            self._span(c["span"], where + "span", ln("span"))
        if c.get("also_at") is not None:
            if not isinstance(c["also_at"], list):
                self.add(f"{where}also_at must be a list of [start, end] spans", ln("also_at"))
            else:
                for s in c["also_at"]:
                    self._span(s, where + "also_at", ln("also_at"))
        if "line" in c and c["line"] is not None:
            v = c["line"]
            if not (isinstance(v, int) and not isinstance(v, bool) and v >= 0):
                self.add(f"{where}line must be a line number in the article, not {_describe(v)}", ln("line"))

    def _span(self, span: Any, where: str, line: Optional[int]) -> None:
        ok = (isinstance(span, list) and len(span) == 2
              and all(isinstance(x, int) and not isinstance(x, bool) and x >= 0 for x in span))
        if not ok:
            self.add(f"{where} must be [start, end], two character offsets, not {_describe(span)}", line)
        elif span[0] > span[1]:
            self.add(f"{where} starts ({span[0]}) after it ends ({span[1]})", line)


# =========================================================================== fast, read-only loading

try:  # libyaml's parser, when ruamel.yaml.clib is installed
    from ruamel.yaml.cyaml import CParser as _CParser
except Exception:  # pragma: no cover - depends on the installation
    _CParser = None


class _FastUnsupported(Exception):
    """The fast loader saw something it leaves to the round-trip loader (which gives the real error)."""


_SCALAR_TOOLS: Optional[tuple] = None


def _scalar_tools() -> tuple:
    """(resolver, tag -> constructor, first character -> the resolver's (tag, pattern) for plain scalars
    starting with it) of YAML 1.2 plain scalars, made once: the fast loader parses many small texts (an
    item of claims.yaml at a time)."""
    global _SCALAR_TOOLS
    if _SCALAR_TOOLS is None:
        helper = YAML(typ="safe", pure=True)  # lends its YAML 1.2 resolver and scalar constructors
        cons = helper.constructor
        resolver = helper.resolver
        by_first = resolver.versioned_resolver  # first character -> implicit resolvers (None: for any)
        table = None if None in by_first or resolver.yaml_path_resolvers else \
            {first: tuple((str(tag), pattern) for tag, pattern in rules) for first, rules in by_first.items()}
        _SCALAR_TOOLS = (resolver, {
            _Y + "null": lambda n: None,
            _Y + "bool": cons.construct_yaml_bool,
            _Y + "int": cons.construct_yaml_int,
            _Y + "float": cons.construct_yaml_float,
            _Y + "timestamp": cons.construct_yaml_timestamp,
        }, table)
    return _SCALAR_TOOLS


_STR, _INT, _NULL, _TIMESTAMP = _Y + "str", _Y + "int", _Y + "null", _Y + "timestamp"


def _plain_tag(value: str, resolved: dict) -> str:
    """The tag of a plain (unquoted) scalar, resolved as YAML 1.2 does (the round-trip loader's rules);
    ``resolved`` remembers them."""
    tag = resolved.get(value)
    if tag is None:
        resolver, _, table = _SCALAR_TOOLS or _scalar_tools()
        if table is None:
            tag = str(resolver.resolve(ScalarNode, value, (True, False)))
        else:  # what resolver.resolve does, without its overhead (the tests hold it to the resolver)
            tag = _STR
            for candidate, pattern in table.get(value[:1], ()):
                if pattern.match(value):
                    tag = candidate
                    break
        if len(value) <= 40:  # short values come back (null, figure, deaths...); texts seldom do
            resolved[value] = tag
    return tag


def _scalar_value(tag: str, value: str, start: Any = None, end: Any = None) -> Any:
    """The value of a scalar whose tag is resolved, as the fast loader builds it; raises _FastUnsupported
    (or the constructor's error) for anything else."""
    if tag == _STR:
        return value
    if tag == _INT and value.isdigit():
        return int(value)
    if tag == _NULL:
        return None
    convert = (_SCALAR_TOOLS or _scalar_tools())[1]
    if tag not in convert:
        raise _FastUnsupported("tag")
    return convert[tag](ScalarNode(tag, value, start, end))


def _fast_parse(text: str, block_root: bool = False) -> Any:
    """Parse with libyaml into _LDict/_LList with line numbers, refusing what the round-trip loader refuses.

    Raises _FastUnsupported for anything unusual (tags, anchors, duplicate keys,
    directives, several documents, parse errors): the caller then falls back to
    the round-trip loader, whose error messages are the reference. ``block_root``
    refuses a top-level collection in braces or brackets too.
    """
    if _CParser is None:
        raise _FastUnsupported("no C parser")
    from ruamel.yaml import events as E

    STR = _STR
    resolved: dict[str, str] = {}
    try:
        parser = _CParser(text)
        stack: list[list] = []  # [container, pending key, key line]
        root: Any = None
        documents = 0
        while True:
            ev = parser.get_event()
            cls = type(ev)
            if cls is E.ScalarEvent:
                if ev.anchor is not None:
                    raise _FastUnsupported("anchor")
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = _plain_tag(ev.value, resolved) if ev.implicit[0] else STR
                elif tag not in _ALLOWED_TAGS or tag in (_Y + "map", _Y + "seq"):
                    raise _FastUnsupported("tag")
                value: Any = ev.value if tag == STR else _scalar_value(tag, ev.value, ev.start_mark, ev.end_mark)
                line = ev.start_mark.line + 1
                if not stack:
                    root = value
                    continue
                top = stack[-1]
                c = top[0]
                if type(c) is _LList:
                    c.append(value)
                    c._items.append(line)
                elif top[1] is _NO_KEY:
                    if value in c:
                        raise _FastUnsupported("duplicate key")
                    top[1] = value
                    top[2] = line
                else:
                    c[top[1]] = value
                    c._keys[top[1]] = top[2]
                    top[1] = _NO_KEY
            elif cls is E.MappingStartEvent or cls is E.SequenceStartEvent:
                wanted = _Y + ("map" if cls is E.MappingStartEvent else "seq")
                if ev.anchor is not None or (ev.tag is not None and ev.tag != "!" and ev.tag != wanted):
                    raise _FastUnsupported("anchor or tag")
                if len(stack) >= MAX_DEPTH:
                    raise _FastUnsupported("depth")
                new: Any = _LDict() if cls is E.MappingStartEvent else _LList()
                new._line = ev.start_mark.line + 1
                if cls is E.MappingStartEvent:
                    new._keys = {}
                else:
                    new._items = []
                if stack:
                    top = stack[-1]
                    c = top[0]
                    if type(c) is _LList:
                        c.append(new)
                        c._items.append(new._line)
                    elif top[1] is _NO_KEY:
                        raise _FastUnsupported("complex key")
                    else:
                        c[top[1]] = new
                        c._keys[top[1]] = top[2]
                        top[1] = _NO_KEY
                else:
                    if block_root and ev.flow_style:
                        raise _FastUnsupported("flow style at the top")
                    root = new
                stack.append([new, _NO_KEY, None])
            elif cls is E.MappingEndEvent or cls is E.SequenceEndEvent:
                stack.pop()
            elif cls is E.AliasEvent:
                raise _FastUnsupported("alias")
            elif cls is E.DocumentStartEvent:
                documents += 1
                if documents > 1 or getattr(ev, "version", None) or getattr(ev, "tags", None):
                    raise _FastUnsupported("directives or several documents")
            elif cls is E.StreamEndEvent:
                return root
    except _FastUnsupported:
        raise
    except Exception as e:
        raise _FastUnsupported(str(e)) from None


_NO_KEY = object()


def _cache_file(path: str) -> Optional[str]:
    """Where the JSON cache of this registry lives: .kzcheck-cache/ beside it, or $KZCHECK_CACHE_DIR;
    None when $KZCHECK_NO_CACHE is set."""
    if os.environ.get("KZCHECK_NO_CACHE"):
        return None
    real = os.path.realpath(path)
    folder = os.environ.get("KZCHECK_CACHE_DIR") or os.path.join(os.path.dirname(real), CACHE_DIR)
    digest = hashlib.blake2b(real.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return os.path.join(folder, f"registry-{os.path.basename(real)}-{digest}.json")


def _cache_key(data: bytes) -> dict:
    from . import __version__

    return {"format": _CACHE_FORMAT, "kzcheck": __version__, "size": len(data),
            "hash": hashlib.blake2b(data, digest_size=20).hexdigest()}


def _stat_key(path: str) -> Optional[list]:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class _FastRegistry(Registry):
    """A read-only registry whose claims stay in the cache's ``facts`` table until they are wanted.

    ``claims_store`` is (cache folder, store key): :mod:`kzcheck.pipeline` selects from it only the
    claims a command needs (``compare deaths`` reads the deaths claims, not 100,000 claims); ``claims``
    reads them all on first use."""

    claims_store: Optional[tuple[str, str]] = None
    claim_articles: tuple = ()  # the articles that have claims here
    claim_lines_file: Optional[str] = None  # claim id -> line, read when a line is first asked for

    def claim_line(self, claim_id: str) -> Optional[int]:
        if "claims" not in self.lines and self.claim_lines_file:
            self.lines["claims"] = _read_claim_lines(self.claim_lines_file, self.claims_store)
        return super().claim_line(claim_id)

    @property
    def claims(self) -> list[Claim]:  # type: ignore[override]
        if self.__dict__.get("_claims") is None:
            self.__dict__["_claims"] = _stored_claims(*self.claims_store) if self.claims_store else []
        return self.__dict__["_claims"]

    @claims.setter
    def claims(self, value: list[Claim]) -> None:
        self.__dict__["_claims"] = value


def _store(folder: str) -> Any:
    """The claim store of the cache in ``folder`` that holds registries' claims."""
    from .cache import ClaimCache

    return ClaimCache(folder, "registry")


def _stored_claims(folder: str, key: str) -> list[Claim]:
    store = _store(folder)
    try:
        claims = store.get_full(key)
    finally:
        store.close()
    if claims is None:
        raise RegistryError("the cache changed while it was read; run the command again", key)
    return claims


def _load_warm(path: str) -> Optional[Registry]:
    """The registry from the JSON cache when claims.yaml's size, mtime and inode are those it was made
    from (the file is not even read), with its claims left in the facts store; None otherwise."""
    cache = _cache_file(path)
    stat = _stat_key(path)
    if not cache or stat is None:
        return None
    try:
        with open(cache, encoding="utf-8") as fh:
            cached = json.load(fh)
        if cached.get("stat") != stat or cached.get("key", {}).get("format") != _CACHE_FORMAT \
                or cached["key"].get("kzcheck") != _cache_key(b"")["kzcheck"]:
            return None
        store = cached.get("store")
        if store is not None:
            probe = _store(os.path.dirname(cache))
            try:
                if probe.has_full(store) is None:
                    return None
            finally:
                probe.close()
        reg = _build(cached["data"], path, cached["lines"], read_only=True, cls=_FastRegistry)
        reg.claims_store = (os.path.dirname(cache), store) if store else None
        reg.claim_lines_file = _claim_lines_file(cache)
        reg.claim_articles = tuple(cached.get("claim_articles") or ())
        reg.claims = None  # read on first use
        return reg
    except Exception:  # missing, unreadable, corrupt or from another version: read the YAML
        return None


def _load_fast(path: str, data: bytes) -> Registry:
    """load_registry(fast=True): the JSON cache if it matches the file's content, else the claims that
    changed since it was made (kzcheck.regitems), else the whole file with libyaml (else ruamel)."""
    from . import regitems

    key = _cache_key(data)
    cache = _cache_file(path)
    cached = None
    if cache:
        try:
            with open(cache, encoding="utf-8") as fh:
                cached = json.load(fh)
            if cached.get("key") == key:
                warm_again = dict(cached, stat=_stat_key(path))  # touched, not changed: the stat is new
                _write_cache(cache, warm_again)
                reg = _load_warm(path)
                if reg is not None:
                    return reg
        except Exception:  # missing, unreadable, corrupt or from another version: read the YAML
            cached = None
    done = regitems.load(path, data, key, cache, cached if isinstance(cached, dict) else None)
    if done is not None:
        reg, head = done
        if cache:
            _remember(cache, key, path, head, reg)
        return reg
    text = _decode(data, path)
    try:
        doc = _fast_parse(text)
    except _FastUnsupported:
        doc = _parse_rt(text, path)
    if doc is None:
        return Registry(path=path, read_only=True)
    _check_top(doc, path)
    problems = validate(doc, path)
    if problems:
        raise ValidationProblems(problems)
    lines = _doc_lines(doc)
    items = doc.get("claims") if isinstance(doc.get("claims"), list) else []
    head = _plain({k: v for k, v in doc.items() if k != "claims"})
    del doc, text
    reg = _build(head, path, lines, read_only=True, cls=_FastRegistry)
    claims = []
    for i, item in enumerate(items):  # the parsed tree goes as its claims are made: memory holds one of them
        items[i] = None
        claims.append(_claim_from_plain(_plain(item), reg.articles))
    reg.claims = claims
    if cache:
        store_key = _save_claims(cache, key["hash"], reg.claims)
        reg.claims_store = (os.path.dirname(cache), store_key) if store_key else None
        reg.claim_articles = tuple(sorted({c.article for c in reg.claims}))
        _remember(cache, key, path, head, reg)
    return reg


def _remember(cache: str, key: dict, path: str, head: dict, reg: Registry) -> None:
    """The JSON cache of a registry whose claims were stored (see _load_warm)."""
    if not reg.claims_store:
        return  # no claims in the store: a warm load would find none
    store_key = reg.claims_store[1]
    # the claims' lines are most of the line map and only `check` asks for them: kept in a file of their own
    _write_cache(_claim_lines_file(cache), {"store": store_key, "claims": reg.lines["claims"]})
    _write_cache(cache, {"key": key, "stat": _stat_key(path), "data": head, "store": store_key,
                         "lines": {k: v for k, v in reg.lines.items() if k != "claims"},
                         "claim_articles": list(reg.claim_articles)})


def _claim_lines_file(cache: str) -> str:
    return cache[:-len(".json")] + "-claim-lines.json"


def _read_claim_lines(path: str, store: Optional[tuple[str, str]]) -> dict:
    """The claims' lines saved beside the registry's JSON cache, if they belong to the same claims
    (else none: a finding is then reported without its line)."""
    try:
        with open(path, encoding="utf-8") as fh:
            saved = json.load(fh)
        if saved.get("store") == (store[1] if store else None) and isinstance(saved.get("claims"), dict):
            return saved["claims"]
    except (OSError, ValueError):
        pass
    return {}


def _save_claims(cache: str, content_hash: str, claims: list[Claim]) -> Optional[str]:
    """The claims in the cache's facts table (as extraction's are), under a key of the file's content."""
    from .cache import fact_row

    try:
        store = _store(os.path.dirname(cache))
    except Exception:
        return None
    try:
        if store.db is None:
            return None
        key = f"registry:{content_hash}"
        store.put(key, "claims.yaml", content_hash, {}, (fact_row(c) for c in claims))
        store.commit()
        return store.full_key(key)
    finally:
        store.close()


def _write_cache(cache: str, content: dict) -> None:
    """Best effort: an unwritable folder or odd data just means no cache."""
    try:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        _cache_folder(os.path.dirname(cache))
        atomic_write_text(cache, text)
    except Exception:
        pass


def _cache_folder(folder: str) -> None:
    """Make the cache folder, with a .gitignore in it. Raises OSError."""
    os.makedirs(folder, exist_ok=True)
    gitignore = os.path.join(folder, ".gitignore")
    if not os.path.exists(gitignore):
        with open(gitignore, "w", encoding="utf-8") as fh:
            fh.write("# kzcheck's cache: never commit it\n*\n")


# =========================================================================== writing

def _dump(doc: Any) -> str:
    buf = io.StringIO()
    _yaml().dump(doc, buf)
    return buf.getvalue()


def _new_doc() -> CommentedMap:
    doc = CommentedMap()
    doc["version"] = REGISTRY_VERSION
    doc.yaml_set_start_comment(
        "kzcheck's registry of events, sources, articles and claims.\n"
        "Claims are added as `unreviewed`; review them with `kzcheck review` (confirmed, corrected, rejected).")
    return doc


def _section(doc: CommentedMap, key: str, kind: type) -> Any:
    """The section ``key`` of the document, created in its usual place if missing; block style when it grows."""
    value = doc.get(key)
    if not isinstance(value, kind):
        value = CommentedMap() if kind is dict else CommentedSeq()
        if key in doc:
            doc[key] = value
        else:
            order = list(SECTIONS)
            later = [k for k in doc if k in order and order.index(k) > order.index(key)]
            pos = list(doc).index(later[0]) if later else len(doc)
            doc.insert(pos, key, value)
    _block(value)
    return value


def _block(container: Any) -> None:
    """Make an empty flow-style ``[]``/``{}`` grow as a block, not as one long line."""
    fa = getattr(container, "fa", None)
    if fa is not None and fa.flow_style() and len(container) == 0:
        fa.set_block_style()


def _flow_map(d: Mapping) -> CommentedMap:
    m = CommentedMap(d)
    m.fa.set_flow_style()
    return m


def _flow_seq(items: Iterable) -> CommentedSeq:
    s = CommentedSeq(items)
    s.fa.set_flow_style()
    return s


def _claim_record(claim: Claim) -> dict:
    """The registry's form of a claim: to_json() in CLAIM_KEYS order, plus fingerprint; no copies of article metadata."""
    d = claim.to_json()
    d["fingerprint"] = claim.fingerprint or ""
    for k in ("published", "outlet", "title"):
        d.pop(k, None)
    out = {k: d[k] for k in CLAIM_KEYS if k in d}
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def _to_yaml_value(key: str, value: Any) -> Any:
    if key == "source" and isinstance(value, dict):
        return _flow_map(value)
    if key == "span" and isinstance(value, (list, tuple)):
        return _flow_seq(value)
    if key == "also_at" and isinstance(value, (list, tuple)):
        return _flow_seq([_flow_seq(s) for s in value])
    return value


def _new_claim_map(record: Mapping) -> CommentedMap:
    m = CommentedMap()
    for k, v in record.items():
        m[k] = _to_yaml_value(k, v)
    return m


def _same(a: Any, b: Any) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, tuple):
        a = list(a)
    if isinstance(b, tuple):
        b = list(b)
    return a == b


def _set(m: Any, key: str, value: Any) -> bool:
    """Set m[key] = value, editing nested mappings/lists in place so comments and styles stay. True if changed."""
    if key in m and _same(m[key], value):
        return False
    old = m.get(key)
    if isinstance(old, dict) and isinstance(value, dict):
        for k, v in value.items():
            _set(old, k, v)
        for k in [k for k in old if k not in value and k in CLAIM_SOURCE_KEYS]:
            del old[k]
        return True
    if isinstance(old, list) and isinstance(value, (list, tuple)) and key != "also_at":
        while len(old):
            old.pop()
        old.extend(value)
        return True
    if key in m:
        m[key] = _to_yaml_value(key, value)
    else:
        _append_key(m, key, _to_yaml_value(key, value))
    return True


def _append_key(m: Any, key: Any, value: Any) -> None:
    """Add a key at the end of a mapping; comment lines that followed the old last line still follow the mapping."""
    following = _split_trailing(m)
    m[key] = value
    if following and not _attach_trailing(m, following):
        del m[key]
        _attach_trailing(m, following)
        m[key] = value


# Comment lines between two entries are stored by ruamel.yaml as a trailing part of
# the comment on the *last scalar* of the entry before them. Moving, adding or
# deleting entries would carry them to the wrong place, so these helpers detach
# them from one entry and attach them to another.

def _trail_slot(node: Any) -> Optional[tuple[Any, Any, int]]:
    """(container, key or index, slot) of the comment written after node's last line, if node is a block collection."""
    for _ in range(MAX_DEPTH):
        if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
            key = next(reversed(node))
            value = node[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
                node = value
                continue
            return node, key, 2
        if isinstance(node, CommentedSeq) and len(node) and not node.fa.flow_style():
            i = len(node) - 1
            value = node[i]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
                node = value
                continue
            return node, i, 0
        return None
    return None


def _split_trailing(node: Any) -> str:
    """Detach and return the full comment lines after node's last line (they belong to what comes next)."""
    hit = _trail_slot(node)
    if not hit:
        return ""
    owner, key, k = hit
    slot = owner.ca.items.get(key)
    if not slot or len(slot) <= k or slot[k] is None or not isinstance(getattr(slot[k], "value", None), str):
        return ""
    token = slot[k]
    value = token.value
    nl = value.find("\n")
    if nl < 0 or nl == len(value) - 1:
        return ""
    own, following = value[:nl + 1], value[nl + 1:]
    if own.strip():
        token.value = own
    else:
        slot[k] = None
        if not any(slot):
            del owner.ca.items[key]
    return following


def _attach_trailing(node: Any, following: str) -> bool:
    """Put comment lines after node's last line (the reverse of _split_trailing). False if node cannot hold them."""
    if not following:
        return True
    hit = _trail_slot(node)
    if not hit:
        return False
    owner, key, k = hit
    slot = owner.ca.items.setdefault(key, [None, None, None, None])
    while len(slot) <= k:
        slot.append(None)
    if slot[k] is None:
        slot[k] = CommentToken("\n" + following, CommentMark(0), None)
    else:
        value = slot[k].value
        slot[k].value = value + ("" if value.endswith("\n") else "\n") + following
    return True


def _delete_item(seq: CommentedSeq, i: int) -> None:
    """Delete seq[i], handing the comments written before the next item to the previous one."""
    following = _split_trailing(seq[i])
    del seq[i]
    if following:
        if i > 0:
            _attach_trailing(seq[i - 1], following)
        elif i < len(seq):
            # the comment now precedes the first remaining item: keep it as the list's leading comment
            seq_comment = seq.ca.comment
            token = CommentToken(following, CommentMark(0), None)
            if seq_comment is None:
                seq.ca.comment = [None, [token]]
            else:
                if len(seq_comment) < 2 or seq_comment[1] is None:
                    seq_comment[1:] = [[token]]
                else:
                    seq_comment[1].append(token)


def _insert_items(seq: CommentedSeq, pos: int, items: list) -> None:
    """Insert items at pos; comments that preceded the item now at pos move after the new ones."""
    if not items:
        return
    _block(seq)
    following = _split_trailing(seq[pos - 1]) if pos > 0 else ""
    for k, item in enumerate(items):
        seq.insert(pos + k, item)
    if following and not _attach_trailing(items[-1], following):
        _attach_trailing(seq[pos - 1], following)


def save_registry(reg_or_doc: Union[Registry, Any], path: Optional[str] = None, *,
                  timeout: Optional[float] = None) -> None:
    """Validate and write the registry atomically under the lock, keeping comments and formatting.

    ``reg_or_doc`` is a Registry (its changes are carried into the document it was
    loaded from) or a round-trip document. An invalid registry is never written:
    ValidationProblems is raised and the file stays as it was.
    """
    if isinstance(reg_or_doc, Registry):
        if reg_or_doc.read_only:
            raise ValueError("this registry was loaded with fast=True and is read-only; "
                             "load it again without fast=True to change it")
        path = os.fspath(path or reg_or_doc.path)
        doc = _sync_doc(reg_or_doc)
    else:
        if path is None:
            raise TypeError("save_registry(doc, path): the path is needed for a document")
        path = os.fspath(path)
        doc = reg_or_doc if reg_or_doc is not None else _new_doc()
        if not isinstance(doc, CommentedMap):
            doc = _to_commented(doc)
    _check_top(doc, path)
    problems = [RegistryError(p.message, path, None) for p in validate(doc, path)]
    if problems:
        raise ValidationProblems(problems)
    _quote_risky_flow_scalars(doc)
    text = _dump(doc)
    _verify(text, doc, path)
    with locked(path, timeout):
        remove_leftover_temp_files(path)
        try:
            atomic_write_text(path, text)
        except OSError as e:
            raise RegistryError(f"cannot write it ({e.strerror or e}); the previous file is unchanged",
                                path) from None


# In a flow mapping or list ({name: ..., role: ...}), libyaml (YAML 1.1) ends a plain scalar at these, where
# ruamel (YAML 1.2) writes some of them plain: "role: why?" inside braces would send every later read of the
# file to the slow pure-Python parser. Such values are written double-quoted.
_FLOW_RISKY = re.compile(r"[?:#,\[\]{}]|^[-!&*|>'\"%@`\s]|\s$")


def _quote_risky_flow_scalars(node: Any) -> None:
    """Double-quote the plain strings of flow collections that libyaml would misread (see _FLOW_RISKY)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, CommentedMap):
            flow = node.fa.flow_style()
            for k, v in node.items():
                if flow and type(v) is str and _FLOW_RISKY.search(v):
                    node[k] = DoubleQuotedScalarString(v)
                elif isinstance(v, (CommentedMap, CommentedSeq)):
                    stack.append(v)
        elif isinstance(node, CommentedSeq):
            flow = node.fa.flow_style()
            for i, v in enumerate(node):
                if flow and type(v) is str and _FLOW_RISKY.search(v):
                    node[i] = DoubleQuotedScalarString(v)
                elif isinstance(v, (CommentedMap, CommentedSeq)):
                    stack.append(v)


def _verify(text: str, doc: Any, path: str) -> None:
    """Read back what is about to be written; never replace a good file with one kzcheck cannot read."""
    try:
        try:
            back = _fast_parse(text)
        except _FastUnsupported:
            if len(text) > _VERIFY_LIMIT:
                return
            back = _parse_rt(text, path)
        n_back = len((back or {}).get("claims") or [])
        n_doc = len(doc.get("claims") or [])
        if n_back != n_doc:
            raise RegistryError("internal error: the file kzcheck was about to write read back with "
                                f"{n_back} claims instead of {n_doc}; nothing was written", path)
    except RegistryError as e:
        raise RegistryError(f"internal error: kzcheck produced YAML it cannot read back ({e.message}); "
                            f"nothing was written", path) from None


def _to_commented(data: Any, key: str = "") -> Any:
    """Plain data as a round-trip document, with the short lists and claim sources in flow style."""
    if isinstance(data, dict):
        m = CommentedMap()
        for k, v in data.items():
            m[k] = _to_commented(v, k)
        if key in ("source",):
            m.fa.set_flow_style()
        return m
    if isinstance(data, (list, tuple)):
        s = CommentedSeq(_to_commented(v) for v in data)
        if key in ("span", "also_at", "places", "aliases"):
            s.fa.set_flow_style()
        return s
    return data


def _event_record(e: Event) -> dict:
    return {"id": e.id, "label": e.label, "start": e.start, "end": e.end, "places": list(e.places),
            "cues": list(e.cues)}


def _new_event_map(record: Mapping) -> CommentedMap:
    m = CommentedMap()
    for k, v in record.items():
        m[k] = _flow_seq(v) if k == "places" and isinstance(v, list) else v
    return m


def _sync_doc(reg: Registry) -> CommentedMap:
    """Carry a Registry's contents into its round-trip document, touching only what differs."""
    doc = reg.doc if isinstance(reg.doc, CommentedMap) else _new_doc()
    if doc.get("version") != reg.version:
        doc["version"] = reg.version
    # events, by id
    if reg.events or "events" in doc:
        seq = _section(doc, "events", list)
        by_id = {e.get("id"): e for e in seq if isinstance(e, dict)}
        wanted = [e.id for e in reg.events]
        for i in range(len(seq) - 1, -1, -1):
            if not isinstance(seq[i], dict) or seq[i].get("id") not in wanted:
                _delete_item(seq, i)
        for e in reg.events:
            rec = _event_record(e)
            m = by_id.get(e.id)
            if m is None:
                _insert_items(seq, len(seq), [_new_event_map(rec)])
                continue
            if _event_from_plain(_plain(m)) == e:
                continue  # unchanged: leave the entry exactly as the person wrote it
            for k, v in rec.items():
                if k in ("start", "end") and _iso(m.get(k)) == v:
                    continue
                if k == "label" and m.get("label") is None and v == e.id:
                    continue
                _set(m, k, v)
    # sources and vocabulary: replaced only when they changed
    for key, value in (("sources", reg.sources), ("vocabulary", reg.vocabulary)):
        if _same(doc.get(key) or ({} if key == "vocabulary" else []), value):
            continue
        if key in doc or value:
            kind = list if key == "sources" else dict
            _section(doc, key, kind)
            doc[key] = _to_commented(value, key)
    # articles, by id
    if reg.articles or "articles" in doc:
        arts = _section(doc, "articles", dict)
        for aid in [a for a in arts if a not in reg.articles]:
            del arts[aid]
        for aid, meta in reg.articles.items():
            if aid not in arts or not isinstance(arts[aid], dict):
                arts[aid] = CommentedMap(meta)
                continue
            m = arts[aid]
            for k, v in meta.items():
                if k == "published" and _iso(m.get(k)) == v:
                    continue
                _set(m, k, v)
            for k in [k for k in m if k not in meta]:
                del m[k]
    # claims, by id
    if reg.claims or "claims" in doc:
        seq = _section(doc, "claims", list)
        wanted = {c.id for c in reg.claims}
        for i in range(len(seq) - 1, -1, -1):
            if not isinstance(seq[i], dict) or seq[i].get("id") not in wanted:
                _delete_item(seq, i)
        index = {m.get("id"): m for m in seq}
        for c in reg.claims:
            rec = _claim_record(c)
            m = index.get(c.id)
            if m is None:
                _insert_items(seq, len(seq), [_new_claim_map(rec)])
                continue
            if _claim_from_plain(_plain(m), reg.articles) != c:
                _refresh_claim(m, rec, keep_review=False)
    return doc


def _refresh_claim(m: CommentedMap, record: Mapping, keep_review: bool = True) -> bool:
    """Bring an existing claim's fields up to date; keeps comments, unknown keys and (when keep_review) status and note."""
    changed = False
    for k in CLAIM_KEYS:
        if k == "id" or (keep_review and k in ("status", "note")):
            continue
        if k in record:
            if k == "note" and record[k] is None:
                if "note" in m:
                    del m["note"]
                    changed = True
                continue
            changed |= _set(m, k, record[k])
        elif k in m and (k in _OPTIONAL_CLAIM_KEYS or (not keep_review and k == "note")):
            del m[k]
            changed = True
    return changed


# =========================================================================== read-modify-write operations

def _load_for_write(path: str) -> tuple[Registry, CommentedMap]:
    reg = load_registry(path, missing_ok=True)
    doc = reg.doc if isinstance(reg.doc, CommentedMap) else _new_doc()
    return reg, doc


def _fill_metadata(arts: CommentedMap, article_id: str, metadata: Mapping, overwrite: bool) -> bool:
    """Record an article's metadata; without overwrite only missing keys are filled (hash always)."""
    if not isinstance(article_id, str) or not article_id:
        raise RegistryError(f"article id must be non-empty text, not {article_id!r}")
    given = {k: (_iso(v) if k in ARTICLE_KEYS or isinstance(v, (_dt.date, _dt.datetime)) else v)
             for k, v in metadata.items() if v is not None and v != ""}
    entry = arts.get(article_id)
    if not isinstance(entry, dict):
        entry = CommentedMap((k, given[k]) for k in list(ARTICLE_KEYS) + sorted(set(given) - set(ARTICLE_KEYS))
                             if k in given)
        if article_id in arts:
            arts[article_id] = entry
        else:
            _append_key(arts, article_id, entry)
        return True
    changed = False
    for k, v in given.items():
        if k == "hash" or overwrite or entry.get(k) in (None, ""):
            changed |= _set(entry, k, v)
    return changed


def merge_extraction(path: str, extracted: Mapping[str, tuple[Mapping, list[Claim]]], *,
                     timeout: Optional[float] = None) -> MergeReport:
    """Merge freshly extracted claims into claims.yaml, under the lock.

    ``extracted`` maps article id -> (metadata incl. 'hash', claims). For each
    article: metadata fills missing keys (a person's values are kept; 'hash' is
    always updated); new claims are added as unreviewed; unreviewed claims found
    again are refreshed (their note and comments kept); unreviewed claims no
    longer found are dropped; confirmed, corrected and rejected claims are never
    touched, found or not.
    """
    path = os.fspath(path)
    report = MergeReport()
    with locked(path, timeout):
        reg, doc = _load_for_write(path)
        arts = _section(doc, "articles", dict)
        seq = _section(doc, "claims", list)
        events = {e.id for e in reg.known_events}
        for article_id, (metadata, claims) in extracted.items():
            if _fill_metadata(arts, article_id, dict(metadata or {}), overwrite=False):
                report.articles.append(article_id)
            _merge_article(seq, article_id, claims, report, events)
        save_registry(doc, path, timeout=timeout)
    return report


def _merge_article(seq: CommentedSeq, article_id: str, claims: list[Claim], report: MergeReport,
                   events: set[str]) -> None:
    fresh: dict[str, dict] = {}
    for c in claims:
        if c.id in fresh or not c.id:
            report.skipped.append(c.id)
            continue
        rec = _claim_record(c)
        rec["article"] = article_id
        rec["status"] = "unreviewed"
        rec.pop("note", None)
        if rec.get("event") is not None and rec["event"] not in events:
            # extracted against events this registry does not have: a proposal, not an assignment
            rec["proposed_event"] = rec.get("proposed_event") or rec["event"]
            rec["event"] = None
            rec = {k: rec[k] for k in CLAIM_KEYS if k in rec} | {k: v for k, v in rec.items() if k not in CLAIM_KEYS}
        fresh[c.id] = rec
    owner = {m.get("id"): m.get("article") for m in seq if isinstance(m, dict) and isinstance(m.get("id"), str)}
    drop = []
    for i, m in enumerate(seq):  # the article's claims already in the registry
        if not isinstance(m, dict) or m.get("article") != article_id:
            continue
        cid = m.get("id")
        if m.get("status", "unreviewed") in REVIEWED:
            report.kept.append(cid)  # a person's decision: never touched
            if cid not in fresh:
                report.orphaned.append(cid)
        elif cid in fresh:
            (report.updated if _refresh_claim(m, fresh[cid]) else report.unchanged).append(cid)
        else:
            report.removed.append(cid)
            drop.append(i)
    for i in reversed(drop):
        _delete_item(seq, i)
    new = []
    for cid, rec in fresh.items():
        if cid in owner:
            if owner[cid] != article_id:
                report.skipped.append(cid)  # the id is taken by a claim of another article
            continue
        new.append(_new_claim_map(rec))
        report.added.append(cid)
    if new:  # after the article's last claim, so that an article's claims stay together
        positions = [i for i, m in enumerate(seq) if isinstance(m, dict) and m.get("article") == article_id]
        _insert_items(seq, positions[-1] + 1 if positions else len(seq), new)


def _number(value: Any, key: str) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RegistryError(f"{key} must be a number, not {value!r}")
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            raise RegistryError(f"{key} must be a number, not {value!r}") from None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def set_claim_status(path: str, claim_id: str, status: str, note: Optional[str] = None,
                     changes: Optional[Mapping] = None, *, timeout: Optional[float] = None) -> Claim:
    """Record a review: status (confirmed/corrected/rejected/unreviewed), an optional note, corrections.

    ``changes`` may set low, high, qualifier, measure, event, subject, source.name,
    source.class (or ``source: {name, class}``); if any of them changes a value
    the claim becomes 'corrected'. ``note=""`` removes the note; None leaves it.
    Returns the claim as saved.
    """
    path = os.fspath(path)
    if status not in model.STATUSES:
        raise RegistryError(f"unknown status {status!r} (known: {', '.join(model.STATUSES)})", path)
    flat = _flatten_changes(changes or {}, path)
    with locked(path, timeout):
        if not flat:
            done = _review_in_place(path, claim_id, status, note)
            if done is not None:
                return done
        _reg, doc = _load_for_write(path)
        seq = doc.get("claims") if isinstance(doc.get("claims"), list) else []
        m = next((c for c in seq if isinstance(c, dict) and c.get("id") == claim_id), None)
        if m is None:
            raise RegistryError(f"no claim {claim_id!r}; `kzcheck extract --write` records claims, "
                                f"`kzcheck extract` lists their ids", path)
        corrected = False
        for key, value in flat.items():
            if key.startswith("source."):
                src = m.get("source")
                if not isinstance(src, dict):
                    src = _flow_map({})
                    m["source"] = src
                corrected |= _set(src, key.split(".", 1)[1], value)
            else:
                corrected |= _set(m, key, value)
        if corrected:
            status = "corrected"
        _set(m, "status", status)
        if note is not None:
            if note.strip():
                _set(m, "note", note)
            elif "note" in m:
                del m["note"]
        save_registry(doc, path, timeout=timeout)
        return Claim.from_json(_plain(m))


def _review_in_place(path: str, claim_id: str, status: str, note: Optional[str]) -> Optional[Claim]:
    """set_claim_status by editing the claim's lines (see kzcheck.inplace), when claims.yaml is valid and
    the claim is written as kzcheck writes claims; None otherwise (the caller does the round trip)."""
    from .inplace import review_in_place

    data = _read_bytes(path)
    if not data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    known_valid = _WRITTEN_IN_PLACE.get(os.path.realpath(path)) == _stat_key(path)
    if not known_valid and _load_warm(path) is None:  # an invalid file is refused, as the round trip
        try:                                          # refuses it (the edit itself cannot make it invalid)
            doc = _fast_parse(text)
        except _FastUnsupported:
            return None
        _check_top(doc, path)
        problems = validate(doc, path)
        if problems:
            raise ValidationProblems(problems)
    done = review_in_place(text, claim_id, status, note)
    if done is None:
        return None
    new_text, record = done
    remove_leftover_temp_files(path)
    try:
        atomic_write_text(path, new_text)
    except OSError as e:
        raise RegistryError(f"cannot write it ({e.strerror or e}); the previous file is unchanged", path) from None
    _WRITTEN_IN_PLACE[os.path.realpath(path)] = _stat_key(path)  # valid: the next review need not read it all
    return Claim.from_json(record)


_WRITTEN_IN_PLACE: dict[str, Optional[list]] = {}  # file -> its stat after this process's last in-place edit


def _flatten_changes(changes: Mapping, path: str) -> dict:
    flat: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "source" and isinstance(value, Mapping):
            for k, v in value.items():
                flat[f"source.{k}"] = v
        elif key == "class":
            flat["source.class"] = value
        else:
            flat[key] = value
    for key in flat:
        if key not in CORRECTABLE:
            raise RegistryError(f"cannot correct {key!r} (can correct: {', '.join(CORRECTABLE)})", path)
    for key in ("low", "high"):
        if key in flat:
            try:
                flat[key] = _number(flat[key], key)
            except RegistryError as e:
                raise RegistryError(e.message, path) from None
    for key in ("qualifier", "measure", "event", "subject"):
        if key in flat and flat[key] == "":
            flat[key] = None
    return flat


def record_article(path: str, article_id: str, metadata: Mapping, *, overwrite: bool = True,
                   timeout: Optional[float] = None) -> dict:
    """Record an article's metadata (for `kzcheck add`). Given values replace recorded ones unless overwrite=False."""
    path = os.fspath(path)
    with locked(path, timeout):
        _reg, doc = _load_for_write(path)
        arts = _section(doc, "articles", dict)
        try:
            _fill_metadata(arts, article_id, dict(metadata or {}), overwrite=overwrite)
        except RegistryError as e:
            raise RegistryError(e.message, path) from None
        save_registry(doc, path, timeout=timeout)
        return _plain(arts[article_id])


def add_event(path: str, event: Union[Event, Mapping], *, timeout: Optional[float] = None) -> Event:
    """Add an event (an Event or a mapping with id, label, start, end, places, cues); its id must be new."""
    path = os.fspath(path)
    record = _event_record(event) if isinstance(event, Event) else dict(event)
    with locked(path, timeout):
        _reg, doc = _load_for_write(path)
        seq = _section(doc, "events", list)
        if any(isinstance(e, dict) and e.get("id") == record.get("id") for e in seq):
            raise RegistryError(f"event {record.get('id')!r} already exists; choose another id", path)
        entry = _new_event_map(record)
        _insert_items(seq, len(seq), [entry])
        save_registry(doc, path, timeout=timeout)
    return _event_from_plain(_plain(entry))
