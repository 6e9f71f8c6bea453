"""Find and read articles: files, folders, or JSON lines on stdin.

One bad file never stops the others: it is skipped with a warning that names
it. Texts are decoded from UTF-8 (with or without BOM) or UTF-16/32 with a BOM;
anything else falls back to Windows-1251 (when it reads as Cyrillic) or
Windows-1252/Latin-1, with a warning. A web page (.html, .htm, or any file that
starts as one) is decoded by the charset it declares, and its article is the
text a reader sees (kzcheck.htmltext), with the page's metadata.
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
from .model import Article, text_hash

HTML_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text") + HTML_SUFFIXES
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
    declared: Optional[str] = None  # the charset a page declares, when it is not the one it is in


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


# A page: an optional XML declaration and comments, then <!doctype html> or <html>.
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.I | re.S)
_HEAD_END = re.compile(rb"</head|<body", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,1024}?\bcharset\s*=\s*["']?\s*([a-z0-9][a-z0-9._:-]{0,39})""", re.I)
_XML_ENCODING = re.compile(rb"""\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([a-z0-9][a-z0-9._:-]{0,39})""", re.I)
# Labels a page may declare that are no way to read one: as browsers do, UTF-16 and UTF-32 declared
# inside the page (which then cannot be in them) read as UTF-8, ASCII and Latin-1 as Windows-1252.
_AS_BROWSERS_DO = {"utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8", "utf-32": "utf-8",
                   "utf-32-le": "utf-8", "utf-32-be": "utf-8", "ascii": "cp1252", "iso8859-1": "cp1252",
                   "gb2312": "gb18030", "gbk": "gb18030"}
_NOT_PAGE_ENCODINGS = frozenset(("idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7"))


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start as a web page does (<!doctype html>, <html>), whatever the file is called."""
    head = data[:4096]
    for bom, enc in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):].decode(enc, errors="ignore").encode("ascii", errors="ignore")
            break
    return bool(_HTML_START.match(head))


def declared_charset(data: bytes) -> Optional[str]:
    """The codec a page declares in its head (<meta charset>, http-equiv Content-Type, <?xml encoding>)."""
    head = data[:65536]
    end = _HEAD_END.search(head)
    head = head[:end.start()] if end else head
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        info = codecs.lookup(m.group(1).decode("ascii"))
    except LookupError:
        return None
    name = _AS_BROWSERS_DO.get(info.name, info.name)
    return None if name in _NOT_PAGE_ENCODINGS or not getattr(info, "_is_text_encoding", True) else name


def decode_html(data: bytes) -> Decoded:
    """Decode a page: a byte-order mark first, then the charset it declares, then as any text (decode)."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        codec = declared_charset(data)
        if codec:
            try:
                return _checked(Decoded(data.decode(codec), codec))
            except UnicodeDecodeError:  # the declaration is wrong (guess, with a warning), or bytes undefined in it
                decoded = decode(data)
                if decoded.encoding == codec:
                    return Decoded(decoded.text, codec)
                decoded.declared = codec
                return decoded
    return decode(data)


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


def article_from_html(source: str, article_id: str, path: str = "", encoding: str = "utf-8") -> Article:
    """An article from a web page: its visible text, and metadata from its head (title, og:*, author,
    dates, canonical URL, lang). Raise NotText when the page shows no text.

    Claims' spans point into this text. The page's metadata is not in the text (as front matter is):
    it is in the content hash, so that a page whose metadata changes is extracted again."""
    from .htmltext import page_text

    text, meta = page_text(source)
    if not text.strip():
        raise NotText("shows no text (an empty <body>, or a page that its scripts fill in)")
    content_hash = text_hash(text + "\0" + json.dumps(meta, sort_keys=True))
    return Article(id=article_id, text=text, path=path, encoding=encoding, content_hash=content_hash,
                   **{k: meta.get(k) for k in METADATA_KEYS})


def read_article(path: str, warn: Warn = _ignore, article_id: Optional[str] = None) -> Optional[Article]:
    """Read one file; warn and return None if it cannot be used. A page (.html, .htm, or a file that
    starts as one) is read as HTML."""
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
    page = path.lower().endswith(HTML_SUFFIXES) or looks_like_html(data)
    article_id = article_id or article_id_for(path)
    try:
        decoded = decode_html(data) if page else decode(data)
        if page:
            art = article_from_html(decoded.text, article_id, path, decoded.encoding)
    except NotText as e:
        warn(f"{path}: skipped, it {e}")
        return None
    if decoded.declared:
        warn(f"{path}: declares {decoded.declared} but is not in it; read as {decoded.encoding} "
             "(correct its <meta charset> to silence this)")
    elif decoded.fallback:
        fix = "declare it with <meta charset> or save it as UTF-8" if page else "save it as UTF-8"
        warn(f"{path}: not UTF-8; read as {decoded.encoding} ({fix} to silence this)")
    return art if page else article_from_text(decoded.text, article_id, path, decoded.encoding)


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
                warn(f"{path}: no .txt, .md or .html articles in this folder")
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
