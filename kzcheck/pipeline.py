"""Running extraction over a corpus: the project, the cache and the worker pool.

A project is a folder holding ``claims.yaml`` and ``seeds/``. Articles are
streamed (never all texts in memory), looked up in the cache first, and only
the rest are extracted, in several processes when there are many.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from .corpus import METADATA_KEYS, find_article_files, load_articles, read_article
from .model import Article, Claim, Event
from .vocab import Vocabulary, build_vocabulary

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
        return list(self.registry().events)

    def config_hash(self) -> str:
        reg = self.registry()
        blob = json.dumps([reg.vocabulary, reg.sources, [e.__dict__ for e in reg.events]], sort_keys=True, default=str)
        return hashlib.blake2b(blob.encode(), digest_size=8).hexdigest()


def vocabulary_for(extra: Optional[dict], sources: Optional[list]) -> Vocabulary:
    vocab = build_vocabulary(extra or {})
    for src in sources or []:
        cls = src.get("class")
        for name in [src.get("name")] + list(src.get("aliases") or []):
            if name and cls:
                vocab.named_sources[str(name).lower()] = cls
                vocab.source_words.add(str(name), cls)
    return vocab


@dataclass
class Extracted:
    """One article's claims, with what is needed to check it against the registry."""

    id: str
    path: str
    content_hash: str
    metadata: dict
    claims: list[Claim] = field(default_factory=list)


def _apply(article: Article, meta: dict) -> None:
    for k in METADATA_KEYS:
        if meta.get(k) and not getattr(article, k):
            setattr(article, k, str(meta[k]))


def _cache_key(content_hash: str, registered: Optional[dict]) -> str:
    """Claims depend on the text (front matter included) and on what claims.yaml says of the article."""
    meta = {k: (registered or {}).get(k) for k in METADATA_KEYS}
    blob = json.dumps(meta, sort_keys=True, default=str)
    return hashlib.blake2b((content_hash + blob).encode(), digest_size=16).hexdigest()


# ---- worker side: the configuration is sent once per process

_WORKER: dict = {}


def _init_worker(extra: dict, sources: list, events: list[Event], registered: dict) -> None:
    _WORKER["vocab"] = vocabulary_for(extra, sources)
    _WORKER["events"] = events
    _WORKER["registered"] = registered


def _extract_path(path: str) -> tuple[str, Optional[dict], list[str]]:
    from .extract import extract_article

    registered_all = _WORKER["registered"]
    warnings: list[str] = []
    art = read_article(path, warnings.append)
    if art is None:
        return path, None, warnings
    _apply(art, registered_all.get(art.id) or {})
    claims = extract_article(art, _WORKER["vocab"], _WORKER["events"])
    return path, {
        "id": art.id, "hash": art.content_hash, "key": _cache_key(art.content_hash, registered_all.get(art.id)),
        "meta": art.metadata(),
        "claims": [c.to_json() | {"fingerprint": c.fingerprint} for c in claims],
    }, warnings


def extract_paths(project: Project, paths: Iterable[str], *, warn: Warn, use_cache: bool = True,
                  jobs: Optional[int] = None, progress: Optional[Callable[[int], None]] = None,
                  stdin=None) -> Iterator[Extracted]:
    """Extract every article under ``paths``, in a stable order, from the cache where possible."""
    from .cache import ClaimCache
    from .extract import extract_article

    reg = project.registry()
    registered = {k: dict(v or {}) for k, v in reg.articles.items()}
    vocab = project.vocab()
    events = project.events()
    cache = ClaimCache(project.cache_dir if use_cache else None, project.config_hash())
    seen: set[str] = set()
    pending: list[str] = []
    jobs = jobs or os.cpu_count() or 1

    def emit(path: str, data: dict) -> Extracted:
        return Extracted(data["id"], path, data["hash"], data["meta"],
                         [_claim_from(d) for d in data["claims"]])

    def flush(batch: list[str]) -> Iterator[Extracted]:
        if not batch:
            return
        config = (reg.vocabulary, reg.sources, events, registered)
        if len(batch) >= PARALLEL_THRESHOLD and jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=config) as pool:
                yield from _collect(pool.map(_extract_path, batch, chunksize=8))
        else:
            _init_worker(*config)
            yield from _collect(map(_extract_path, batch))

    def _collect(results) -> Iterator[Extracted]:
        for path, data, warnings in results:
            for w in warnings:
                warn(w)
            if data is None:
                continue
            if data["id"] in seen:
                warn(f"{path}: skipped, article id {data['id']!r} is already used")
                continue
            seen.add(data["id"])
            cache.put(data["key"], data["claims"])
            try:
                cache.remember_file(path, os.stat(path), data["hash"], data["id"])
            except OSError:
                pass
            if progress:
                progress(1)
            yield emit(path, data)

    try:
        for path in find_article_files(paths, warn):
            if path == "-":
                yield from flush(pending)
                pending = []
                for art in load_articles(["-"], warn, stdin=stdin):
                    _apply(art, registered.get(art.id) or {})
                    claims = extract_article(art, vocab, events)
                    if progress:
                        progress(1)
                    yield Extracted(art.id, "-", art.content_hash, art.metadata(), claims)
                continue
            try:
                st = os.stat(path)
            except OSError as e:
                warn(f"{path}: skipped, cannot read it ({e.strerror})")
                continue
            known = cache.file_hash(path, st)
            content_hash = known[0] if known else ""
            cached = cache.get(_cache_key(content_hash, registered.get(known[1]))) if known else None
            if cached is not None and known[1] not in seen:
                seen.add(known[1])
                if progress:
                    progress(1)
                meta = registered.get(known[1]) or {}
                yield Extracted(known[1], path, content_hash, meta, [_claim_from(d) for d in cached])
                continue
            pending.append(path)
            if len(pending) >= 2000:
                yield from flush(pending)
                pending = []
        yield from flush(pending)
    finally:
        cache.close()


def _claim_from(d: dict) -> Claim:
    c = Claim.from_json(d)
    c.fingerprint = d.get("fingerprint", "")
    return c


def default_paths(project: Project, paths: tuple[str, ...]) -> list[str]:
    return list(paths) if paths else [project.seeds_dir]

