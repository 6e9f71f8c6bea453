"""claims.yaml read claim by claim: the first read-only load after the file changed parses what changed.

The ``claims:`` list of a registry is a long run of items written alike, each starting with ``- `` at
the list's indentation. The file is cut at those lines, and each item's bytes are hashed. An item whose
bytes (and whose article's title, outlet and date) are those of an item of the registry that was
cached before is not parsed again: its rows in the cache are copied. The other items are read with
``json`` when an item is one line exactly as ``json.dumps`` writes it (libyaml reads such a line to the
same values), with a line parser when it is written as kzcheck writes claims (``key: value`` lines; it
reads only what it reads as libyaml does), and with libyaml otherwise; then validated and stored as
:func:`registry.load_registry` validates and stores them. Everything but the items (the file with the
items' lines left blank, so that every line keeps its number) is parsed and validated whole.

What this cannot show to give what parsing the whole file gives returns None, and the caller parses the
whole file: no C parser; no ``claims:`` line at the top level, or more than one; a line in the list that
is neither an item, more indented, blank nor a comment; control characters, lone CRs or Unicode line
breaks in what is parsed; an item libyaml refuses; any validation problem (the whole file's load then
reports every problem, with its line).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
from typing import Any, Optional

from . import registry as R
from .cache import fact_row

BATCH = 2000  # items parsed, validated and stored at a time: memory holds a batch, not the registry
_MAX_KEY = 1000  # characters: a longer key in braces is too long for libyaml (1,024 from the key to its ':')
_BOM = b"\xef\xbb\xbf"
_CLAIMS = re.compile(rb"claims:(?:[ ]+#[^\n]*)?[ ]*(?=\n|\Z)")  # a line, from its start
_FIRST_ITEM = re.compile(rb"(?:[ ]*(?:#[^\n]*)?\n)*( *)-(?=[ \n]|\Z)")
_BLANKS = re.compile(r"(?:\n[ ]*(?:#[^\n]*)?)*\n?")  # blank and comment lines
# what YAML does not read as it stands: control characters, C1 and Unicode line breaks, BOM, non-characters
_ODD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_CANONICAL = json.JSONEncoder(ensure_ascii=False).encode


class _Cut:
    """claims.yaml cut into the text before the claims' items, the items and the rest."""

    def __init__(self, data: bytes, claims_at: int, first: int, end: int, starts: list[int]):
        self.data, self.first, self.end, self.starts = data, first, end, starts
        self.claims_line = self.line(claims_at)

    def pieces(self):
        """(start, end) of each item: its `- ` line to the next item's."""
        ends = self.starts[1:] + [self.end]
        return zip(self.starts, ends)

    def line(self, at: int) -> int:
        """The line of the file at offset ``at`` of ``data``."""
        return self.data.count(b"\n", 0, at) + 1

    def skeleton(self) -> bytes:
        """The file with the items' lines left blank."""
        d = self.data
        return d[:self.first] + b"\n" * d.count(b"\n", self.first, self.end) + d[self.end:]


def cut(data: bytes) -> Optional[_Cut]:
    """Where the items of the top-level ``claims:`` list are, or None if the file is not cut that simply."""
    if data.startswith(_BOM):
        data = data[3:]
    if b"\r" in data:  # CRLF line ends read as LF (YAML reads them alike); a lone CR is a line break too
        if data.count(b"\r") != data.count(b"\r\n"):
            return None
        data = data.replace(b"\r\n", b"\n")
    found = [0] if _CLAIMS.match(data) else []  # where a line is `claims:` (the key at the top level)
    at = data.find(b"\nclaims:")
    while at >= 0:
        if _CLAIMS.match(data, at + 1):
            found.append(at + 1)
        at = data.find(b"\nclaims:", at + 1)
    if len(found) != 1:
        return None
    m = _CLAIMS.match(data, found[0])
    after = m.end() + 1
    item = _FIRST_ITEM.match(data, after)
    if item is None:
        return None
    first = item.start(1)
    d = len(item.group(1))
    # the first line from there that is not an item, blank, a comment or more indented ends the list
    stop = re.compile(rb"\n(?! {%d}|[ ]*(?:#|\n|\Z)| {%d}-(?:[ \n]|\Z))" % (d + 1, d))
    s = stop.search(data, first - 1)
    end = s.start() + 1 if s else len(data)
    if end < len(data) and data[end:end + 1] in b" \t":
        return None  # less indented than the items, or a tab: not the simple layout
    sep = b"\n" + b" " * d + b"-"
    starts = [first]
    at = data.find(sep, first, end)
    while at >= 0:
        starts.append(at + 1)
        at = data.find(sep, at + 1, end)
    return _Cut(data, found[0], first, end, starts)


def _sig(meta: Any) -> list:
    """What of an article goes into its claims' rows (see registry._claim_from_plain)."""
    return [meta.get(k) for k in ("published", "outlet", "title")] if isinstance(meta, dict) else []


def load(path: str, data: bytes, key: dict, cache: Optional[str],
         cached: Optional[dict]) -> Optional[tuple[R.Registry, dict]]:
    """load_registry(fast=True) claim by claim (see the module doc): the registry, and the plain data of
    all but its claims (for the JSON cache); None: parse the whole file.

    ``cached`` is the registry's JSON cache as it was (for another content of the file), if any."""
    if R._CParser is None:
        return None
    c = cut(data)
    if c is None:
        return None
    try:
        doc = R._fast_parse(c.skeleton().decode("utf-8"), block_root=True)
    except (R._FastUnsupported, UnicodeDecodeError):
        return None
    if not isinstance(doc, R._LDict) or "claims" not in doc or doc["claims"] is not None \
            or doc._keys.get("claims") != c.claims_line:
        return None
    v = R._Validator(path)
    v.run(doc)
    if v.problems:
        return None
    lines = R._doc_lines(doc)
    head = R._plain({k: x for k, x in doc.items() if k != "claims"})
    reg = R._build(head, path, lines, read_only=True, cls=R._FastRegistry)
    folder = os.path.dirname(cache) if cache else None
    made = [] if folder is None else [p for p in (folder, os.path.join(folder, "claims.sqlite")) if not os.path.exists(p)]
    try:
        if folder:
            R._cache_folder(folder)
        store = R._store(folder) if folder else None
    except Exception:  # no cache then
        store = None
    try:
        reg = _load_items(reg, c, v, key, store, cached)
    finally:
        if store is not None:
            store.close()
    if reg is None:
        _forget(made)
        return None
    return reg, head


def _forget(made: list[str]) -> None:
    """Remove the cache folder or database this load made: one that fails leaves the cache as it was."""
    for path in reversed(made):
        if path.endswith(".sqlite"):
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.remove(path + suffix)
                except OSError:
                    pass
        else:
            shutil.rmtree(path, ignore_errors=True)


def _reusable(store: Any, cached: Optional[dict], full_key: str, key: dict, articles: dict) -> dict:
    """item hash -> (pos, line, id, article, measure, event) of the items stored for the file as it was,
    those whose article's metadata is as it was."""
    old_key = (cached or {}).get("store")
    made = cached.get("key") if cached and isinstance(cached.get("key"), dict) else {}
    if store is None or not isinstance(old_key, str) or old_key == full_key or not old_key.endswith(":" + store.config) \
            or any(made.get(k) != key[k] for k in ("format", "kzcheck")):
        return {}
    rows = store.registry_items(old_key)
    if not rows:
        return {}
    old_articles = ((cached.get("data") or {}).get("articles") or {})
    same = {aid for aid, meta in articles.items()
            if aid in old_articles and _sig(R._article_meta(old_articles[aid])) == _sig(meta)}
    return {h: (pos, line, cid, art, measure, event)
            for pos, h, line, cid, art, measure, event in rows if art in same}


def _load_items(reg: R.Registry, c: _Cut, v: Any, key: dict, store: Any,
                cached: Optional[dict]) -> Optional[R.Registry]:
    path = reg.path
    full_key = store.full_key(f"registry:{key['hash']}") if store is not None and store.db is not None else None
    if full_key is None:
        store = None
    reuse = _reusable(store, cached, full_key, key, reg.articles)
    old_key = cached.get("store") if reuse else None
    shipped = frozenset(R._shipped_event_ids())
    resolved: dict = {}  # plain value -> its YAML tag, for the whole file
    known: dict = {}  # line -> (key, value): see _block_item
    data = c.data
    line = c.line(c.first)
    pieces = list(c.pieces())
    n = len(pieces)
    ids: list[Optional[str]] = [None] * n
    at: list[int] = [0] * n
    arts: set[str] = set()
    claims: Optional[list] = [] if store is None else None
    moves: list[tuple[int, int]] = []
    done = False
    check = R._Validator(path)  # the claims' checks, with what the rest of the file defines
    check.article_ids, check.measures, check.event_ids = v.article_ids, v.measures, v.event_ids
    view = memoryview(data)
    try:
        if store is not None:
            store.begin_put(full_key)
        for b0 in range(0, n, BATCH):
            new: list[tuple[int, int, bytes, bytes]] = []  # (pos, line, text, hash) of the items to parse
            items = []
            for pos in range(b0, min(n, b0 + BATCH)):
                a, e = pieces[pos]
                h = hashlib.blake2b(view[a:e], digest_size=16).digest()
                old = reuse.get(h)
                if old is None:
                    new.append((pos, line, data[a:e], h))
                else:
                    old_pos, rel, cid, art, measure, event = old
                    if art not in v.article_ids or (measure is not None and measure not in v.measures) \
                            or (event is not None and event not in v.event_ids and event not in shipped):
                        return None  # no longer valid: the whole file's load says why
                    ids[pos], at[pos] = cid, line + rel
                    arts.add(art)
                    moves.append((pos, old_pos))
                    items.append((pos, h, rel, cid, art, measure, event))
                line += data.count(b"\n", a, e)
            parsed = _parse(new, resolved, known)
            if parsed is None:
                return None
            rows = []
            for (pos, start, _text, h), (item, item_line, how) in zip(new, parsed):
                if how == YAML:  # json and _block_item give text keys only
                    check._check_keys_are_text({"claims": [item]})
                check.claims([item], None)
                if check.problems:
                    return None
                claim = R._claim_from_plain(R._plain(item) if how == YAML else item, reg.articles)
                ids[pos], at[pos] = item["id"], item_line
                arts.add(claim.article)
                items.append((pos, h, item_line - start, claim.id, item.get("article"), item.get("measure"),
                              item.get("event")))
                if claims is not None:
                    claims.append(claim)
                else:
                    rows.append((pos, fact_row(claim)))
            if store is not None:
                store.put_rows(full_key, rows)
                store.put_items(full_key, items)
        if len(set(ids)) != n:
            return None  # an id twice
        if store is not None:
            if moves:
                store.copy_rows(full_key, old_key, moves)
            store.end_put(full_key, "claims.yaml", key["hash"], {}, n)
            store.commit()
        done = True
    except (sqlite3.DatabaseError, UnicodeEncodeError):
        return None
    finally:
        if store is not None and not done:
            store.rollback()  # nothing half done stays
    reg.lines["claims"] = dict(zip(ids, at))
    reg.claim_articles = tuple(sorted(arts))
    if claims is not None:
        reg.claims = claims
        reg.claims_store = None
    else:
        reg.claims = None  # read from the store on first use
        reg.claims_store = (os.path.dirname(store.path), full_key)
    return reg


JSON, LINES, YAML = "json", "lines", "yaml"  # what read an item: json, _block_item (both: plain values), libyaml


def _parse(new: list, resolved: dict, known: dict) -> Optional[list[tuple[Any, int, str]]]:
    """(item, its line, what read it) of each new item: json for a line as json.dumps writes it, else
    _block_item for an item written as kzcheck writes them, else libyaml (all of those in one parse: items
    at the same indentation read alike together or apart); None if one cannot be read so. ``resolved``
    and ``known``: see _block_item (for the whole file)."""
    out: list = [None] * len(new)
    rest = []  # (index, line, text)
    for memo in (resolved, known):
        if len(memo) > 100_000:
            memo.clear()
    for i, (pos, start, piece, _h) in enumerate(new):
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if _ODD.search(text):
            return None
        item = _json_item(text)
        if item is not None:
            out[i] = (item, start, JSON)
            continue
        item = _block_item(text, len(text) - len(text.lstrip(" ")), resolved, known)
        if item is not None:
            out[i] = (item, start, LINES)
        else:
            rest.append((i, start, text if text.endswith("\n") else text + "\n"))
    if rest:
        try:
            seq = R._fast_parse("".join(t for _, _, t in rest))
        except R._FastUnsupported:
            return None
        if not isinstance(seq, R._LList) or len(seq) != len(rest):
            return None
        first = 1  # the line of the joined text where an item starts
        for (i, start, text), item, item_line in zip(rest, seq, seq._items):
            count = text.count("\n")
            if not first <= item_line < first + count:
                return None
            out[i] = (item, start + item_line - first, YAML)
            first += count
    return out


def _json_item(text: str) -> Optional[dict]:
    """The item ``- {...}`` (then blank or comment lines only) as json reads it, when the braces hold
    exactly what json.dumps(..., ensure_ascii=False) writes for it: YAML reads that text to the same
    values (no NaN, no surrogate escapes, no duplicate or over-long keys). Otherwise None."""
    stripped = text.lstrip(" ")
    if not stripped.startswith("- {"):
        return None
    nl = text.find("\n")
    first = text if nl < 0 else text[:nl]
    if nl >= 0 and not (text[nl:] == "\n" or _BLANKS.fullmatch(text, nl)):
        return None
    body = first.lstrip(" ")[2:].rstrip(" ")
    if not body.endswith("}") or body.count("{") + body.count("[") > R.MAX_DEPTH - 5:
        return None
    try:
        item = json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(item, dict) or _CANONICAL(item) != body or len(body) > _MAX_KEY and _long_key(item):
        return None
    return item


class _Unsure(Exception):
    """The line parser leaves this item to libyaml."""


_FLOW_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): ")
_DOUBLE = re.compile(r'"((?:[^"\\]|\\.)*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_END = re.compile(r"(?: +#.*)? *")  # what may follow a value on its line
_SKIP = re.compile(r" *(?:#.*)?")  # a blank or comment line
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` \t")  # a plain value starting with one is left to libyaml
_FLOW_PLAIN = re.compile(r"[^\s?:,\[\]{}#&*!|>'\"%@`-][^\t?:,\[\]{}#]*")
_KEY_LINES: dict[int, tuple] = {}  # indentation -> (first line, other lines)
_KNOWN_LINE = 400  # characters: a line up to this long is remembered with its key and value


def _block_item(text: str, indent: int, resolved: dict, known: Optional[dict] = None) -> Optional[dict]:
    """The item as libyaml reads it, when it is written as kzcheck writes claims: ``- key: value`` then
    ``key: value`` lines at the mapping's indentation, each value on its line (plain, quoted, or a short
    list or mapping in brackets or braces with plain or quoted values), blank and comment lines. Otherwise
    None (libyaml reads it). Its values are plain (no dates). ``resolved`` and ``known`` remember plain
    values' tags and short lines' keys and values (``kind: figure`` comes back in every other claim)."""
    res = _KEY_LINES.get(indent)
    if res is None:
        res = _KEY_LINES[indent] = (re.compile(r" {%d}- ([A-Za-z_][A-Za-z0-9_]*): +" % indent),
                                    re.compile(r" {%d}([A-Za-z_][A-Za-z0-9_]*): +" % (indent + 2)))
    first_line, key_line = res
    may_resolve = R._scalar_tools()[2]  # first character -> resolver rules
    if may_resolve is None:
        return None
    item: dict = {}
    if known is None:
        known = {}
    try:
        for n, line in enumerate(text.split("\n")):
            seen = known.get(line)
            if seen is not None and n:
                key, value = seen
                if key in item:
                    return None
                item[key] = value.copy() if type(value) in (dict, list) else value  # each item its own
                continue
            m = (key_line if n else first_line).match(line)
            if m is None:
                if n and _SKIP.fullmatch(line):
                    continue
                return None
            key = m.group(1)
            if key in item or key[0] in may_resolve and R._plain_tag(key, resolved) != R._STR:
                return None  # twice, or null:, true: ...
            i = m.end()
            if line[i:i + 1] not in _INDICATORS:  # plain, the most common: the rest of the line, but a comment
                j = line.find(" #", i)
                value = (line[i:] if j < 0 else line[i:j]).rstrip(" ")
                if not value or "\t" in value or ": " in value or value[-1] == ":":
                    return None
                if value[0] in may_resolve:
                    value = _scalar(value, resolved)
                item[key] = value
                if n and len(line) <= _KNOWN_LINE:
                    known[line] = (key, value)
                continue
            value, end = _value(line, i, False, 0, resolved)
            if not _END.fullmatch(line, end):
                return None
            item[key] = value
            if n and len(line) <= _KNOWN_LINE and _flat(value):
                known[line] = (key, value.copy() if type(value) in (dict, list) else value)
    except (_Unsure, R._FastUnsupported, ValueError, TypeError, OverflowError):
        return None
    return item


def _flat(value: Any) -> bool:
    """Whether a copy of ``value`` shares nothing mutable with it."""
    if type(value) is dict:
        value = value.values()
    elif type(value) is not list:
        return True
    return all(type(v) not in (dict, list) for v in value)


def _text_key(key: str, resolved: dict) -> str:
    if R._plain_tag(key, resolved) != R._STR:  # null:, true: ...
        raise _Unsure(key)
    return key


def _value(line: str, i: int, flow: bool, depth: int, resolved: dict) -> tuple[Any, int]:
    """The value that starts at ``line[i]``, and where it ends. Raises _Unsure."""
    c = line[i:i + 1]
    if c == '"':
        m = _DOUBLE.match(line, i)
        if m is None:
            raise _Unsure(line)
        body = m.group(1)
        if "\\" in body:  # the escapes YAML and json share mean the same (surrogate pairs aside)
            if _SURROGATE.search(body):
                raise _Unsure(line)
            body = json.loads('"' + body + '"')
        return body, m.end()
    if c == "'":
        m = _SINGLE.match(line, i)
        if m is None:
            raise _Unsure(line)
        return m.group(1).replace("''", "'"), m.end()
    if c in ("{", "[") and depth < 4:
        close = "}" if c == "{" else "]"
        out: Any = {} if c == "{" else []
        i += 1
        if line.startswith(close, i):
            return out, i + 1
        while True:
            if c == "{":
                m = _FLOW_KEY.match(line, i)
                if m is None:
                    raise _Unsure(line)
                key = _text_key(m.group(1), resolved)
                if key in out:
                    raise _Unsure(line)
                out[key], i = _value(line, m.end(), True, depth + 1, resolved)
            else:
                value, i = _value(line, i, True, depth + 1, resolved)
                out.append(value)
            if line.startswith(", ", i):
                i += 2
            elif line.startswith(close, i):
                return out, i + 1
            else:
                raise _Unsure(line)
    m = _FLOW_PLAIN.match(line, i) if flow else None  # a plain value in a block line: see _block_item
    if m is None or m.group().endswith(" "):
        raise _Unsure(line)
    text = m.group()
    return _scalar(text, resolved), m.end()


def _scalar(text: str, resolved: dict) -> Any:
    """A plain value as YAML reads it; a date is left to libyaml (the item then goes through _plain)."""
    tag = R._plain_tag(text, resolved)
    if tag == R._TIMESTAMP:
        raise _Unsure(text)
    return R._scalar_value(tag, text)


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN, Infinity: text to YAML


def _long_key(x: Any) -> bool:
    """Whether json's value ``x`` has a key too long for YAML."""
    if type(x) is dict:
        if max(map(len, x), default=0) > _MAX_KEY:
            return True
        x = x.values()
    for v in x:
        if (type(v) is dict or type(v) is list) and _long_key(v):
            return True
    return False
