"""Find and read articles: files, folders, or JSON lines on stdin.

One bad file never stops the others: it is skipped with a warning that names
it. Texts are decoded from UTF-8 (with or without BOM) or UTF-16/32 with a BOM;
anything else falls back to Windows-1251 (when it reads as Cyrillic) or
Windows-1252/Latin-1, with a warning.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

from .errors import InputError
from .model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
METADATA_KEYS = ("title", "outlet", "author", "published", "url", "language")
MAX_ARTICLE_BYTES = 64 * 1024 * 1024

Warn = Callable[[str], None]


def _ignore(_: str) -> None:
    pass


@dataclass
class Decoded:
    text: str
    encoding: str
    fallback: bool = False


class NotText(Exception):
    """The bytes are not an article (binary or empty)."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> Decoded:
    """Decode an article's bytes; raise NotText for binary or empty input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise NotText(f"declares {enc} with a byte-order mark but is not valid {enc} ({e.reason})") from None
            return _checked(Decoded(text, enc))
    sample = data[:8192]
    if b"\x00" in sample:
        raise NotText("looks binary (contains NUL bytes)")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    as_cyrillic = data.decode("cp1251", errors="replace")
    non_ascii = sum(1 for ch in as_cyrillic[:20000] if ord(ch) > 127)
    if non_ascii and len(_CYRILLIC.findall(as_cyrillic[:20000])) >= 0.6 * non_ascii:
        return _checked(Decoded(as_cyrillic, "cp1251", fallback=True))
    try:
        return _checked(Decoded(data.decode("cp1252"), "cp1252", fallback=True))
    except UnicodeDecodeError:
        return _checked(Decoded(data.decode("latin-1"), "latin-1", fallback=True))


def _checked(d: Decoded) -> Decoded:
    if not d.text.strip():
        raise NotText("is empty")
    sample = d.text[:8192]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise NotText("looks binary (many control characters)")
    return d


_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def split_front_matter(text: str) -> tuple[dict, int]:
    """Return (metadata, offset where the body starts). No front matter: ({}, 0)."""
    if not text.startswith("---"):
        return {}, 0
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, 0
    end = _FRONT_END.search(text, first_nl + 1)
    if not end:
        return {}, 0
    block = text[first_nl + 1:end.start()]
    body = end.end() + 1 if end.end() < len(text) and text[end.end()] == "\n" else end.end()
    return _parse_front_matter(block), body


def _parse_front_matter(block: str) -> dict:
    meta: dict = {}
    simple = True
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _KEY_VALUE.match(line)
        if not m:
            simple = False
            break
        value = m.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta[m.group(1).lower()] = value
    if not simple:
        meta = _yaml_front_matter(block)
    return {k: str(v) for k, v in meta.items() if k in METADATA_KEYS and v not in (None, "")}


def _yaml_front_matter(block: str) -> dict:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(block)
    except YAMLError:
        return {}
    return {str(k).lower(): v for k, v in data.items()} if isinstance(data, dict) else {}


def article_from_text(text: str, article_id: str, path: str = "", encoding: str = "utf-8",
                      metadata: Optional[dict] = None) -> Article:
    meta, body = split_front_matter(text)
    meta.update({k: v for k, v in (metadata or {}).items() if v})
    return Article(
        id=article_id, text=text, path=path, encoding=encoding, body_offset=body,
        **{k: (str(meta[k]) if meta.get(k) is not None else None) for k in METADATA_KEYS},
    )


def read_article(path: str, warn: Warn = _ignore, article_id: Optional[str] = None) -> Optional[Article]:
    """Read one file; warn and return None if it cannot be used."""
    try:
        size = os.path.getsize(path)
        if size > MAX_ARTICLE_BYTES:
            warn(f"{path}: skipped, {size // (1024 * 1024)} MB is larger than an article can be")
            return None
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        warn(f"{path}: skipped, cannot read it ({e.strerror or e})")
        return None
    try:
        decoded = decode(data)
    except NotText as e:
        warn(f"{path}: skipped, it {e}")
        return None
    if decoded.fallback:
        warn(f"{path}: not UTF-8; read as {decoded.encoding} (save it as UTF-8 to silence this)")
    return article_from_text(decoded.text, article_id or article_id_for(path), path, decoded.encoding)


def article_id_for(path: str) -> str:
    base = os.path.basename(path)
    stem, _ = os.path.splitext(base)
    return stem or base


def find_article_files(paths: Iterable[str], warn: Warn = _ignore) -> Iterator[str]:
    """Expand files and folders into article files, in a stable order.

    Folders are walked without following symlinked folders, so a symlink loop
    cannot make the walk endless; a named file is always read whatever its suffix.
    """
    for path in paths:
        if path == "-":
            yield path
            continue
        if os.path.isdir(path):
            found = False
            for root, dirs, files in os.walk(path, onerror=lambda e: warn(f"{e.filename}: cannot list ({e.strerror})")):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                        found = True
                        yield os.path.join(root, name)
            if not found:
                warn(f"{path}: no .txt or .md articles in this folder")
        elif os.path.exists(path):
            yield path
        elif os.path.islink(path):
            warn(f"{path}: skipped, a broken symlink")
        else:
            raise InputError(f"{path}: no such file or folder")


def load_articles(paths: Iterable[str], warn: Warn = _ignore, stdin=None) -> Iterator[Article]:
    """Yield each article once; files that cannot be read are skipped with a warning."""
    seen: dict[str, str] = {}
    for path in find_article_files(paths, warn):
        if path == "-":
            yield from read_jsonl(stdin if stdin is not None else sys.stdin, warn)
            continue
        art = read_article(path, warn)
        if art is None:
            continue
        if art.id in seen:
            warn(f"{path}: skipped, article id {art.id!r} is already used by {seen[art.id]}")
            continue
        seen[art.id] = path
        yield art


def read_jsonl(stream, warn: Warn = _ignore) -> Iterator[Article]:
    """Articles as JSON lines: {"id": ..., "text": ..., "outlet": ..., ...} one per line."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            warn(f"stdin line {n}: skipped, not JSON ({e})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            warn(f"stdin line {n}: skipped, needs an object with a non-empty \"text\"")
            continue
        art_id = str(obj.get("id") or obj.get("article") or f"stdin-{n}")
        yield article_from_text(obj["text"], art_id, "-", metadata={k: obj.get(k) for k in METADATA_KEYS})
