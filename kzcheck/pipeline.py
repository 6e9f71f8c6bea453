"""Running extraction over a corpus: the project, the cache and the worker pool.

A project is a folder holding ``claims.yaml`` and ``seeds/``. Articles are
streamed (never all texts in memory), looked up in the cache first, and only
the rest are extracted, in several processes when there are many.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from .corpus import METADATA_KEYS, article_id_for, find_article_files, load_articles, read_article
from .model import Article, Claim, Event
from .vocab import Vocabulary, add_named_sources, build_vocabulary

Warn = Callable[[str], None]
PARALLEL_THRESHOLD = 24


@dataclass
class Project:
    root: str = "."
    registry_name: str = "claims.yaml"
    seeds_name: str = "seeds"
    _registry: object = None
    _vocab: Optional[Vocabulary] = None

    @property
    def registry_path(self) -> str:
        return os.path.join(self.root, self.registry_name)

    @property
    def seeds_dir(self) -> str:
        return os.path.join(self.root, self.seeds_name)

    @property
    def cache_dir(self) -> Optional[str]:
        if os.environ.get("KZCHECK_NO_CACHE"):
            return None
        return os.environ.get("KZCHECK_CACHE_DIR") or os.path.join(self.root, ".kzcheck-cache")

    def registry(self, reload: bool = False):
        if self._registry is None or reload:
            from .registry import load_registry

            self._registry = load_registry(self.registry_path, fast=True)
            self._vocab = None
        return self._registry

    def vocab(self) -> Vocabulary:
        if self._vocab is None:
            reg = self.registry()
            self._vocab = vocabulary_for(reg.vocabulary, reg.sources)
        return self._vocab

    def events(self) -> list[Event]:
        return self.registry().known_events

    def config_hash(self) -> str:
        reg = self.registry()
        blob = json.dumps([reg.vocabulary, reg.sources, [e.__dict__ for e in reg.known_events]], sort_keys=True, default=str)
        return hashlib.blake2b(blob.encode(), digest_size=8).hexdigest()


def vocabulary_for(extra: Optional[dict], sources: Optional[list]) -> Vocabulary:
    vocab = build_vocabulary(extra or {})
    add_named_sources(vocab, sources or [])
    return vocab


class Extracted:
    """One article's claims, with what is needed to check it against the registry.

    From the cache the claims come as the lines ``extract --format jsonl`` prints: ``json_lines()``
    hands them on as they are, and ``claims`` (Claim objects) is built only if asked for, so a warm
    ``extract`` never decodes, builds and encodes an object per claim."""

    cache_key: Optional[str] = None  # where the cache keeps these claims (the same for the same content)

    def __init__(self, id: str, path: str, content_hash: str, metadata: dict, claims: Optional[list[Claim]] = None,
                 cached: Optional[list[tuple[str, str, str, str]]] = None):
        self.id, self.path, self.content_hash, self.metadata = id, path, content_hash, metadata
        self._claims = claims if claims is not None or cached is not None else []
        self._cached = cached  # (kind, measure, fingerprint, line) rows of the cache

    @property
    def claims(self) -> list[Claim]:
        if self._claims is None:
            self._claims = [Claim.from_json(dict(json.loads(line), fingerprint=fp)) for _, _, fp, line in self._cached or []]
        return self._claims

    @claims.setter
    def claims(self, value: list[Claim]) -> None:
        self._claims, self._cached = value, None

    def json_lines(self, keep: Callable[[str, Optional[str]], bool] = lambda kind, measure: True) -> list[str]:
        """The claims (of the kinds and measures ``keep`` accepts) as lines of JSON, the contract of
        ``Claim.to_json``."""
        if self._cached is not None and self._claims is None:
            return [line for kind, measure, _, line in self._cached if keep(kind, measure)]
        from .cache import contract_line

        return [contract_line(c.to_json()) for c in self.claims if keep(c.kind, c.measure)]


def _apply(article: Article, meta: dict) -> None:
    for k in METADATA_KEYS:
        if meta.get(k) and not getattr(article, k):
            setattr(article, k, str(meta[k]))


def _cache_key(content_hash: str, article_id: str, registered: Optional[dict]) -> str:
    """Claims depend on the text (front matter included), on the article's id (claim ids are made from it)
    and on what claims.yaml says of the article."""
    meta = {k: (registered or {}).get(k) for k in METADATA_KEYS}
    blob = json.dumps([article_id, meta], sort_keys=True, default=str)
    return hashlib.blake2b((content_hash + blob).encode(), digest_size=16).hexdigest()


# ---- worker side: the configuration is sent once per process

_WORKER: dict = {}


def _init_worker(extra: dict, sources: list, events: list[Event], registered: dict) -> None:
    _WORKER["vocab"] = vocabulary_for(extra, sources)
    _WORKER["events"] = events
    _WORKER["registered"] = registered


def _extract_one(path: str) -> tuple[str, Optional[dict], list[str]]:
    """Read and extract one file; the claims come back as ready-made cache rows (output lines included)."""
    from .cache import fact_row
    from .extract import extract_article

    registered_all = _WORKER["registered"]
    warnings: list[str] = []
    art = read_article(path, warnings.append)
    if art is None:
        return path, None, warnings
    _apply(art, registered_all.get(art.id) or {})
    claims = extract_article(art, _WORKER["vocab"], _WORKER["events"])
    return path, {
        "id": art.id, "hash": art.content_hash, "key": _cache_key(art.content_hash, art.id, registered_all.get(art.id)),
        "meta": art.metadata(), "rows": [fact_row(c) for c in claims],
    }, warnings


def _extract_chunk(paths: list[str]) -> list[tuple[str, Optional[dict], list[str]]]:
    return [_extract_one(p) for p in paths]


@dataclass
class _Hit:
    """An article found in the cache: its claims are read only when they are wanted."""

    path: str
    id: str
    hash: str
    key: str
    meta: dict
    warnings: list[str] = field(default_factory=list)


class _Slot:
    """One place in the output order: a cache hit, or a chunk of files to extract (submitted or not)."""

    __slots__ = ("hit", "paths", "future", "results")

    def __init__(self, hit: Optional[_Hit] = None, paths: Optional[list[str]] = None):
        self.hit, self.paths, self.future, self.results = hit, paths, None, None


CHUNK = 8          # files per task sent to a worker
IN_FLIGHT = 16     # tasks per worker queued at most: memory stays flat however large the corpus


def scan_paths(project: Project, paths: Iterable[str], cache, *, warn: Warn, jobs: Optional[int] = None,
               stdin=None, skip: frozenset = frozenset(),
               on_skip: Optional[Callable[[int], None]] = None) -> Iterator[Union["_Hit", Extracted]]:
    """Every article under ``paths`` in file order: a _Hit when the cache has it (by path, size and mtime,
    else by content), else an Extracted fresh from the extractor, stored in the cache as it arrives.

    One worker pool serves the whole run (started once PARALLEL_THRESHOLD files need extracting), with
    at most IN_FLIGHT tasks per worker queued; the parent only reads files, stores what workers send and
    builds Claim objects. Files whose article id is in ``skip`` are passed over unread (``on_skip(1)``
    counts them, for a progress bar).
    """
    from .cache import cached_line

    reg = project.registry()
    registered = {k: dict(v or {}) for k, v in reg.articles.items()}
    events = project.events()
    config = (reg.vocabulary, reg.sources, events, registered)
    jobs = jobs or os.cpu_count() or 1
    seen: set[str] = set()
    queue: deque[_Slot] = deque()
    state = {"pool": None, "misses": 0, "local": False}

    def start_pool() -> None:
        from concurrent.futures import ProcessPoolExecutor

        state["pool"] = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=config)
        for slot in queue:
            if slot.paths is not None and slot.future is None and slot.results is None:
                slot.future = state["pool"].submit(_extract_chunk, slot.paths)

    def run_here(slot: _Slot) -> None:
        if not state["local"]:
            _init_worker(*config)
            state["local"] = True
        slot.results = _extract_chunk(slot.paths)

    def settle(slot: _Slot) -> Iterator[Union[_Hit, Extracted]]:
        if slot.hit is not None:
            for w in slot.hit.warnings:
                warn(w)
            if slot.hit.id in seen:
                warn(f"{slot.hit.path}: skipped, article id {slot.hit.id!r} is already used")
                return
            seen.add(slot.hit.id)
            yield slot.hit
            return
        if slot.results is None:
            if slot.future is None:
                run_here(slot)
            else:
                slot.results = slot.future.result()
        for path, data, warnings in slot.results:
            for w in warnings:
                warn(w)
            if data is None:
                continue
            if data["id"] in seen:
                warn(f"{path}: skipped, article id {data['id']!r} is already used")
                continue
            seen.add(data["id"])
            cache.put(data["key"], data["id"], data["hash"], data["meta"], data["rows"])
            try:
                cache.remember_file(path, os.stat(path), data["hash"], data["id"])
            except OSError:
                pass
            fresh = Extracted(data["id"], path, data["hash"], data["meta"], cached=[cached_line(r) for r in data["rows"]])
            fresh.cache_key = cache.full_key(data["key"]) if cache.db is not None else None
            yield fresh

    def drain(block: bool) -> Iterator[Union[_Hit, Extracted]]:
        limit = IN_FLIGHT * jobs
        while queue:
            head = queue[0]
            ready = head.hit is not None or head.results is not None or (head.future is not None and head.future.done())
            if not (ready or (block and len(queue) > limit) or block is None):
                return
            queue.popleft()
            yield from settle(head)

    def add_miss(path: str) -> None:
        state["misses"] += 1
        tail = queue[-1] if queue else None
        if tail is None or tail.paths is None or tail.future is not None or len(tail.paths) >= CHUNK:
            tail = _Slot(paths=[])
            queue.append(tail)
        tail.paths.append(path)
        if state["pool"] is None and state["misses"] >= PARALLEL_THRESHOLD and jobs > 1:
            start_pool()
        elif state["pool"] is not None and len(tail.paths) >= CHUNK:
            tail.future = state["pool"].submit(_extract_chunk, tail.paths)

    try:
        for path in find_article_files(paths, warn):
            if path == "-":
                yield from drain(None)
                from .extract import extract_article  # only now: a warm run never loads the extractor

                vocab = project.vocab()
                for art in load_articles(["-"], warn, stdin=stdin):
                    _apply(art, registered.get(art.id) or {})
                    yield Extracted(art.id, "-", art.content_hash, art.metadata(), extract_article(art, vocab, events))
                continue
            if skip and article_id_for(path) in skip:
                if on_skip:
                    on_skip(1)
                continue
            hit = _lookup(cache, path, registered, warn)
            if hit is False:
                continue
            if hit is None:
                add_miss(path)
            else:
                queue.append(_Slot(hit=hit))
            yield from drain(True)
        pool = state["pool"]
        if pool is not None:
            for slot in queue:  # the last, partly filled chunk
                if slot.paths is not None and slot.future is None and slot.results is None:
                    slot.future = pool.submit(_extract_chunk, slot.paths)
        yield from drain(None)
    finally:
        if state["pool"] is not None:
            state["pool"].shutdown(wait=True, cancel_futures=True)


def _lookup(cache, path: str, registered: dict, warn: Warn):
    """A _Hit for a cached file, None when it must be extracted, False when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError as e:
        warn(f"{path}: skipped, cannot read it ({e.strerror})")
        return False
    if cache.db is None:
        return None
    known = cache.file_hash(path, st)
    warnings: list[str] = []
    if known is None:  # a new path (moved, renamed folder, symlink): the content may still be known
        art = read_article(path, warnings.append)
        if art is None:
            return None  # the extraction warns
        known = (art.content_hash, art.id)
    key = _cache_key(known[0], known[1], registered.get(known[1]))
    found = cache.has(key)
    if found is None:
        return None
    cache.remember_file(path, st, known[0], known[1])
    return _Hit(path, known[1], known[0], key, found[1], warnings)


def extract_paths(project: Project, paths: Iterable[str], *, warn: Warn, use_cache: bool = True,
                  jobs: Optional[int] = None, progress: Optional[Callable[[int], None]] = None,
                  stdin=None) -> Iterator[Extracted]:
    """Extract every article under ``paths``, in a stable order (the files' order), from the cache where possible."""
    from .cache import ClaimCache

    cache = ClaimCache(project.cache_dir if use_cache else None, project.config_hash())
    try:
        for item in scan_paths(project, paths, cache, warn=warn, jobs=jobs, stdin=stdin):
            if isinstance(item, _Hit):
                claims = cache.get_lines(item.key)
                if claims is None:  # gone since the lookup (another run replaced it): extract it here
                    yield from scan_paths(project, [item.path], _NoCache(), warn=warn, jobs=1)
                    if progress:
                        progress(1)
                    continue
                item = Extracted(item.id, item.path, item.hash, item.meta, cached=claims)
            if progress:
                progress(1)
            yield item
    finally:
        cache.close()


class ProjectClaims:
    """The registry's claims, then those of seeds/ articles the registry has no claims of (as unreviewed),
    read selectively: ``select(where, params, keep)`` yields the claims that satisfy ``where`` (SQL on the
    cache's facts, as ``f``) and ``keep`` (the same test in Python), reading nothing else.

    seeds/ is scanned once (articles not in the cache are extracted and cached then), so that several
    selections cost one scan: with a warm cache, ``compare deaths`` reads the deaths figures of the
    registry and of the corpus and nothing else."""

    def __init__(self, project: Project, *, warn: Warn, progress: Optional[Callable[[int], None]] = None):
        from .cache import ClaimCache

        reg = project.registry()
        store = getattr(reg, "claims_store", None)
        self.cache = ClaimCache(project.cache_dir, project.config_hash())
        same_folder = store is not None and self.cache.path is not None and \
            os.path.realpath(store[0]) == os.path.realpath(os.path.dirname(self.cache.path))
        if same_folder:  # the registry's claims are in this cache: select from them too
            with_claims = set(reg.claim_articles)
            self.slots: list = [store[1]]
        else:
            with_claims = {c.article for c in reg.claims}
            self.slots = [list(reg.claims)]
        self.registry_slot = self.slots[0]
        # what each slot's claims are, by content: their cache key (None: not known, or claims in memory)
        self.identities: list[Optional[str]] = [self.slots[0] if same_folder else (None if self.slots[0] else "-")]
        if os.path.isdir(project.seeds_dir):
            for item in scan_paths(project, [project.seeds_dir], self.cache, warn=warn, skip=frozenset(with_claims),
                                   on_skip=progress):
                if progress:
                    progress(1)
                if item.id in with_claims:
                    continue
                if isinstance(item, _Hit):
                    self.slots.append(self.cache.full_key(item.key))
                    self.identities.append(self.slots[-1])
                else:
                    self.slots.append(item.claims)
                    self.identities.append(item.cache_key)

    def select(self, where: str = "", params: tuple = (), keep: Callable[[Claim], bool] = lambda c: True) -> Iterator[Claim]:
        found: dict[str, list[Claim]] = {}
        for key, c in self.cache.select([x for x in self.slots if isinstance(x, str)], where, params):
            found.setdefault(key, []).append(c)
        for x in self.slots:
            for c in (found.get(x, []) if isinstance(x, str) else x):
                if x is not self.registry_slot:
                    c.status = "unreviewed"
                if keep(c):
                    yield c

    def result_key(self, *options: Any) -> Optional[str]:
        """A key for a command's output over exactly these claims and ``options``, or None when it cannot
        be known cheaply (some claims are not in the cache, or there is no cache).

        Every selection reads from the same claims: the registry's (keyed by the content of claims.yaml)
        and those of each article (keyed by its content and what claims.yaml says of it), all under the
        code and configuration of this run. A command whose output depends only on them and on its
        options may print again what it printed for the same key."""
        if self.cache.db is None or None in self.identities:
            return None
        blob = json.dumps([self.cache.config, list(options), self.identities], default=str)
        return hashlib.blake2b(blob.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def close(self) -> None:
        self.cache.close()


class _NoCache:
    db = None

    def put(self, *args) -> None:
        pass

    def remember_file(self, *args) -> None:
        pass




def default_paths(project: Project, paths: tuple[str, ...]) -> list[str]:
    return list(paths) if paths else [project.seeds_dir]
