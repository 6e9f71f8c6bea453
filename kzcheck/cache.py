"""An incremental cache of extracted claims, in SQLite under .kzcheck-cache/.

Keyed by the article's content hash and id, the kzcheck code and a hash of the
vocabulary and events (a changed registry re-extracts). A file whose path, size
and modification time are unchanged is not even read again; a moved, renamed
folder or a symlink is read and found by its content. Safe when two runs overlap
(WAL, busy timeout); a deleted or corrupt cache is rebuilt quietly.

Tables: ``articles`` (one row per extracted article: id, content hash, metadata,
number of claims), ``facts`` (one row per claim: measure, kind, interval and event as
columns, so that ``compare deaths`` reads only the deaths claims, ``--event`` only one
event's, and ``sources`` filters with SQL before it reads anything; text and sentence as
columns; the other fields as a compact record, quick to decode: see Claim.to_record),
``lines`` (each claim's output line as ``extract --format jsonl`` prints it: a warm run
writes it out as it is; kept apart so that the rows compare reads stay narrow),
``files`` (path, size, mtime -> content hash and id), ``results`` (the output of a
read-only command for exactly the same claims and options: see pipeline.ProjectClaims.result_key)
and ``regitems`` (for a registry's claims: the hash of the text of claims.yaml each was read from,
its line there, id, article, measure and event; see kzcheck.regitems).
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from typing import Iterable, Iterator, Optional

from . import __version__
from .model import CONTRACT_KEYS, Claim

SCHEMA_VERSION = 3  # a cache written with another layout is emptied and filled again
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, id TEXT, hash TEXT, meta TEXT, n INTEGER);
CREATE TABLE IF NOT EXISTS facts (key TEXT NOT NULL, pos INTEGER NOT NULL, measure TEXT, kind TEXT, low REAL,
    high REAL, event TEXT, text TEXT, sentence TEXT, fp TEXT, rec TEXT NOT NULL, PRIMARY KEY (key, pos)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_measure ON facts (key, measure, event);
CREATE TABLE IF NOT EXISTS lines (key TEXT NOT NULL, pos INTEGER NOT NULL, kind TEXT, measure TEXT, fp TEXT,
    line TEXT NOT NULL, PRIMARY KEY (key, pos)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, hash TEXT, article TEXT);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, code TEXT, used REAL, text TEXT);
CREATE TABLE IF NOT EXISTS regitems (key TEXT NOT NULL, pos INTEGER NOT NULL, hash BLOB NOT NULL, line INTEGER,
    id TEXT, article TEXT, measure TEXT, event TEXT, PRIMARY KEY (key, pos)) WITHOUT ROWID;
"""
PUT_CHUNK = 2000             # rows written at a time
RESULTS_KEPT = 64            # command outputs kept (the most recently used)
MAX_RESULT = 32 * 2 ** 20    # characters: a larger output is not kept
FACT_COLUMNS = "measure, kind, low, high, event, text, sentence, fp, rec"


# json.dumps(x, **options) makes an encoder for every call: these are made once (the same output)
_LINE_JSON = json.JSONEncoder(ensure_ascii=False, default=str).encode
_RECORD_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode


def contract_line(d: dict) -> str:
    """A claim's line of `extract --format jsonl`: its JSON contract (Claim.to_json), fingerprint left out."""
    return _LINE_JSON({k: d[k] for k in CONTRACT_KEYS if k in d})


def fact_row(c: Claim) -> tuple:
    """A claim as the cache stores it: the columns of ``facts`` (FACT_COLUMNS, without key and pos), then
    its output line (for ``lines``). Runs in the workers, so that the parent only stores what they send.
    The line is kept as the output prints it, so that a warm run writes it out without decoding and
    encoding it again; the record is what commands that need Claim objects read."""
    rec = c.to_record()
    low, high = _column(rec[4]), _column(rec[5])  # as the JSON contract writes them (a whole number as an int)
    return (c.measure, c.kind, low, high, c.event, c.text or "", c.sentence or "", c.fingerprint or "",
            _RECORD_JSON(rec), contract_line(c.to_json()))


def _column(x: object) -> object:
    """A number as the facts table holds it: a whole number beyond 64 bits as a float (SQLite's
    integers have 64; the record keeps the number as it is)."""
    return float(x) if type(x) is int and not -2 ** 63 <= x < 2 ** 63 else x


def cached_line(row: tuple) -> tuple[str, str, str, str]:
    """(kind, measure, fingerprint, line) of a row made by :func:`fact_row`, as :meth:`ClaimCache.get_lines` gives them."""
    measure, kind, _, _, _, _, _, fingerprint, _, line = row
    return kind, measure, fingerprint, line


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def claim_from_row(rec: str, text: str, sentence: str, fingerprint: str) -> Claim:
    return Claim.from_record(json.loads(rec), text, sentence, fingerprint)


def code_fingerprint() -> str:
    """The version plus the size and time of every module and vocabulary file: a changed
    extractor (an upgrade, or a developer's edit) never serves claims of the old one."""
    import hashlib

    root = os.path.dirname(os.path.abspath(__file__))
    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    for base in (root, os.path.join(root, "data")):
        try:
            names = sorted(os.listdir(base))
        except OSError:
            continue
        for name in names:
            if name.endswith((".py", ".toml")):
                st = os.stat(os.path.join(base, name))
                h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def _forget_other_code(db: sqlite3.Connection, code: str) -> None:
    """Claims extracted by another version of the code can never be served again: the first run of
    a new version deletes them, so that the cache does not grow with every upgrade. (Two versions
    sharing one cache folder take turns: each run finds only its own claims, none is ever wrong.)"""
    row = db.execute("SELECT value FROM meta WHERE name = 'code'").fetchone()
    if row and row[0] == code:
        return
    pattern = f"%:{code}:%"
    try:
        db.execute("BEGIN")
        db.execute("DELETE FROM facts WHERE key NOT LIKE ?", (pattern,))
        db.execute("DELETE FROM lines WHERE key NOT LIKE ?", (pattern,))
        db.execute("DELETE FROM results WHERE code != ?", (code,))
        db.execute("DELETE FROM articles WHERE key NOT LIKE ?", (pattern,))
        db.execute("DELETE FROM regitems WHERE key NOT LIKE ?", (pattern,))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('code', ?)", (code,))
        db.execute("COMMIT")
    except sqlite3.OperationalError:  # busy: another run is writing; try again next time
        if db.in_transaction:
            db.execute("ROLLBACK")


class ClaimCache:
    def __init__(self, directory: Optional[str], config_hash: str = ""):
        self.code = code_fingerprint()
        self.config = f"{self.code}:{config_hash}"
        self.db: Optional[sqlite3.Connection] = None
        self.path = os.path.join(directory, "claims.sqlite") if directory else None
        self._pending = 0
        if self.path:
            self._open()

    def _open(self, retry: bool = True) -> None:
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                db.executescript("DROP TABLE IF EXISTS facts; DROP TABLE IF EXISTS lines; DROP TABLE IF EXISTS articles;"
                                 "DROP TABLE IF EXISTS claims;")
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.executescript(SCHEMA)
            _forget_other_code(db, self.code)
            db.execute("BEGIN")
            self.db = db
        except (sqlite3.DatabaseError, OSError):
            self.db = None
            if retry and self.path and os.path.exists(self.path):
                for suffix in ("", "-wal", "-shm"):
                    try:
                        os.remove(self.path + suffix)
                    except OSError:
                        pass
                self._open(retry=False)

    def _key(self, key: str) -> str:
        return f"{key}:{self.config}"

    def full_key(self, key: str) -> str:
        return self._key(key)

    def has_full(self, full_key: str) -> Optional[tuple[str, dict]]:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT id, meta FROM articles WHERE key=?", (full_key,)).fetchone()
            return (row[0], json.loads(row[1])) if row else None
        except (sqlite3.DatabaseError, ValueError):
            return None

    def get_full(self, full_key: str) -> Optional[list[Claim]]:
        if self.has_full(full_key) is None:
            return None
        try:
            rows = self.db.execute("SELECT rec, text, sentence, fp FROM facts WHERE key=? ORDER BY pos",
                                   (full_key,)).fetchall()
            return [claim_from_row(*r) for r in rows]
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return None

    def has(self, key: str) -> Optional[tuple[str, dict]]:
        """(article id, metadata) when the article under ``key`` is cached."""
        return self.has_full(self._key(key))

    def get_lines(self, key: str) -> Optional[list[tuple[str, str, str, str]]]:
        """(kind, measure, fingerprint, line) of the claims cached under ``key``, or None."""
        full_key = self._key(key)
        if self.has_full(full_key) is None:
            return None
        try:
            return self.db.execute("SELECT kind, measure, fp, line FROM lines WHERE key=? ORDER BY pos",
                                   (full_key,)).fetchall()
        except sqlite3.DatabaseError:
            return None

    def put(self, key: str, article_id: str, content_hash: str, meta: dict, rows: Iterable[tuple]) -> None:
        """Store one article's claims as rows made by :func:`fact_row` (any iterable: written PUT_CHUNK at a
        time, so that a registry's 100,000 rows are never all in memory)."""
        if self.db is None:
            return
        k = self._key(key)
        try:
            self.begin_put(k)
            n = 0
            for chunk in _chunks(rows, PUT_CHUNK):
                self.put_rows(k, enumerate(chunk, n))
                n += len(chunk)
            self.end_put(k, article_id, content_hash, meta, n)
            self._tick()
        except (sqlite3.DatabaseError, UnicodeEncodeError):  # a lone surrogate (from a YAML escape): not stored
            pass

    # put in steps (a registry read claim by claim: see kzcheck.regitems). Each raises sqlite3.DatabaseError
    # (and UnicodeEncodeError for a lone surrogate).
    def begin_put(self, full_key: str) -> None:
        """Forget what is stored under ``full_key``; it is complete again only after end_put."""
        for table in ("articles", "facts", "lines", "regitems"):
            self.db.execute(f"DELETE FROM {table} WHERE key=?", (full_key,))

    def put_rows(self, full_key: str, rows: Iterable[tuple[int, tuple]]) -> None:
        """(pos, row made by fact_row) of some claims."""
        rows = list(rows)
        self.db.executemany(f"INSERT INTO facts (key, pos, {FACT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [(full_key, pos) + tuple(r[:9]) for pos, r in rows])
        self.db.executemany("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?)",
                            [(full_key, pos) + cached_line(r) for pos, r in rows])

    def copy_rows(self, full_key: str, from_key: str, moves: Iterable[tuple[int, int]]) -> None:
        """Claims stored under ``from_key`` stored under ``full_key`` too: (new pos, pos under from_key)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS moves (pos INTEGER PRIMARY KEY, old INTEGER)")
        self.db.execute("DELETE FROM moves")
        self.db.executemany("INSERT INTO moves VALUES (?, ?)", moves)
        self.db.execute(f"INSERT INTO facts (key, pos, {FACT_COLUMNS}) SELECT ?, m.pos, {FACT_COLUMNS} "
                        f"FROM moves m JOIN facts f ON f.key = ? AND f.pos = m.old", (full_key, from_key))
        self.db.execute("INSERT INTO lines SELECT ?, m.pos, kind, measure, fp, line "
                        "FROM moves m JOIN lines l ON l.key = ? AND l.pos = m.old", (full_key, from_key))
        self.db.execute("DELETE FROM moves")

    def put_items(self, full_key: str, items: Iterable[tuple]) -> None:
        """Rows of ``regitems``: (pos, hash, line, id, article, measure, event)."""
        self.db.executemany("INSERT INTO regitems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [(full_key,) + tuple(item) for item in items])

    def end_put(self, full_key: str, article_id: str, content_hash: str, meta: dict, n: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)",
                        (full_key, article_id, content_hash, json.dumps(meta, ensure_ascii=False), n))

    def registry_items(self, full_key: str) -> Optional[list[tuple]]:
        """The regitems rows (pos, hash, line, id, article, measure, event) of the complete entry
        ``full_key``, in order; None if there is none (or it was stored without them)."""
        if self.has_full(full_key) is None:
            return None
        try:
            rows = self.db.execute("SELECT pos, hash, line, id, article, measure, event FROM regitems "
                                   "WHERE key=? ORDER BY pos", (full_key,)).fetchall()
        except sqlite3.DatabaseError:
            return None
        return rows or None

    def select(self, keys: list[str], where: str = "", params: tuple = ()) -> Iterator[tuple[str, Claim]]:
        """(full key, claim) of the claims of the articles under ``keys`` (full keys: see full_key)
        that match the SQL condition ``where`` on the columns of ``facts`` (as ``f``), streamed in the
        order of ``keys`` and in each article's order."""
        if self.db is None or not keys:
            return
        self.commit()
        try:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (seq INTEGER PRIMARY KEY, key TEXT)")
            self.db.execute("DELETE FROM wanted")
            self.db.executemany("INSERT INTO wanted (key) VALUES (?)", ((k,) for k in keys))
            sql = (f"SELECT w.key, f.rec, f.text, f.sentence, f.fp FROM wanted w JOIN facts f ON f.key = w.key"
                   f"{' WHERE ' + where if where else ''} ORDER BY w.seq, f.pos")
            for key, rec, text, sentence, fingerprint in self.db.execute(sql, params):
                yield key, claim_from_row(rec, text, sentence, fingerprint)
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return

    def get_result(self, key: str) -> Optional[str]:
        """A command's output kept under ``key`` (see put_result), or None."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT text FROM results WHERE key=?", (key,)).fetchone()
            if row is not None:
                self.db.execute("UPDATE results SET used=? WHERE key=?", (time.time(), key))
                self.commit()
            return row[0] if row else None
        except sqlite3.DatabaseError:
            return None

    def put_result(self, key: str, text: str) -> None:
        """Keep a command's output; only the RESULTS_KEPT most recently used are kept."""
        if self.db is None or len(text) > MAX_RESULT:
            return
        try:
            self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", (key, self.code, time.time(), text))
            self.db.execute("DELETE FROM results WHERE key NOT IN (SELECT key FROM results ORDER BY used DESC LIMIT ?)",
                            (RESULTS_KEPT,))
            self.commit()
        except sqlite3.DatabaseError:
            pass

    def file_hash(self, path: str, st: os.stat_result) -> Optional[tuple[str, str]]:
        """(content hash, article id) of a file not changed since it was last read."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT size, mtime, hash, article FROM files WHERE path=?", (os.path.abspath(path),)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns:
            return row[2], row[3]
        return None

    def remember_file(self, path: str, st: os.stat_result, content_hash: str, article_id: str) -> None:
        if self.db is None:
            return
        try:
            self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                            (os.path.abspath(path), st.st_size, st.st_mtime_ns, content_hash, article_id))
            self._tick()
        except sqlite3.DatabaseError:
            pass

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= 500:
            self.commit()

    def commit(self) -> None:
        self._end_transaction("COMMIT")

    def rollback(self) -> None:
        self._end_transaction("ROLLBACK")

    def _end_transaction(self, how: str) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(how)
            self.db.execute("BEGIN")
        except sqlite3.DatabaseError:
            pass
        self._pending = 0

    def close(self) -> None:
        if self.db is not None:
            self.commit()
            try:
                self.db.execute("COMMIT")
            except sqlite3.DatabaseError:
                pass
            self.db.close()
            self.db = None
