"""`kzcheck add`: bring an article into seeds/ safely and register it."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from typing import Callable, Iterator

from .corpus import ARTICLE_SUFFIXES, find_article_files, read_article
from .errors import InputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """A file name that cannot leave seeds/ or surprise a shell: letters, digits, . _ - only."""
    base = os.path.basename(name.replace("\\", "/"))
    stem, ext = os.path.splitext(base)
    stem = _UNSAFE.sub("-", stem).strip("-.") or "article"
    ext = ext.lower() if ext.lower() in ARTICLE_SUFFIXES else ".txt"
    return stem[:100] + ext


def _same_bytes(a: str, b: str) -> bool:
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def add_articles(project, sources, metadata: dict, warn: Callable[[str], None]) -> Iterator[str]:
    from .pipeline import extract_paths
    from .registry import merge_extraction, record_article

    seeds = os.path.realpath(project.seeds_dir)
    os.makedirs(seeds, exist_ok=True)
    added: list[str] = []
    files = [p for p in find_article_files(sources, warn)]
    if not files:
        raise InputError("no article to add (.txt, .md or .html files)")
    for src in files:
        art = read_article(src, warn)
        if art is None:
            continue
        name = safe_name(src)
        stem, ext = os.path.splitext(name)
        target = os.path.join(seeds, name)
        n = 1
        while os.path.lexists(target):
            if os.path.isfile(target) and _same_bytes(src, target):
                break
            n += 1
            target = os.path.join(seeds, f"{stem}-{n}{ext}")
        if os.path.dirname(os.path.realpath(target)) != seeds:
            raise InputError(f"{src}: refusing to write outside {project.seeds_dir}")
        if os.path.exists(target) and _same_bytes(src, target):
            yield f"{src}: already in seeds/ as {os.path.basename(target)}"
        else:
            fd, tmp = tempfile.mkstemp(dir=seeds, prefix=".add-", suffix=".tmp")
            os.close(fd)
            try:
                shutil.copyfile(src, tmp)
                if os.path.lexists(target):
                    raise InputError(f"{target} appeared while copying; try again")
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.remove(tmp)
            yield f"{src}: added as seeds/{os.path.basename(target)}"
        article_id = os.path.splitext(os.path.basename(target))[0]
        meta = {**art.metadata(), **metadata}
        if not meta.get("title"):
            first = next((ln.strip() for ln in art.text[art.body_offset:].splitlines() if ln.strip()), "")
            meta["title"] = first[:200]
        record_article(project.registry_path, article_id, meta)
        added.append(target)
    if added:
        project.registry(reload=True)
        results = {a.id: ({**a.metadata, "hash": a.content_hash}, a.claims)
                   for a in extract_paths(project, added, warn=warn)}
        report = merge_extraction(project.registry_path, results)
        figures = sum(1 for _, claims in results.values() for c in claims if c.kind == "figure")
        yield f"claims.yaml: {len(report.added)} claim(s) added as unreviewed ({figures} figure(s)); review them with `kzcheck review`"
