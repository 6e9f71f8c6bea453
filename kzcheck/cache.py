"""An incremental cache of extracted claims, in SQLite under .kzcheck-cache/.

Keyed by the article's content hash, the kzcheck version and a hash of the
vocabulary and events (a changed registry re-extracts). A file whose size and
modification time are unchanged is not even read again. Safe when two runs
overlap (WAL, busy timeout); a deleted or corrupt cache is rebuilt quietly.
"""
from __future__ import annotations

import json
import os
import sqlite3
import zlib
from typing import Optional

from . import __version__

SCHEMA = """
CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, hash TEXT, article TEXT);
"""


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


class ClaimCache:
    def __init__(self, directory: Optional[str], config_hash: str = ""):
        self.config = f"{code_fingerprint()}:{config_hash}"
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
            db.executescript(SCHEMA)
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

    def _key(self, content_hash: str) -> str:
        return f"{content_hash}:{self.config}"

    def get(self, content_hash: str) -> Optional[list[dict]]:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM claims WHERE key=?", (self._key(content_hash),)).fetchone()
            return json.loads(zlib.decompress(row[0])) if row else None
        except (sqlite3.DatabaseError, zlib.error, ValueError):
            return None

    def put(self, content_hash: str, claims: list[dict]) -> None:
        if self.db is None:
            return
        data = zlib.compress(json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
        try:
            self.db.execute("INSERT OR REPLACE INTO claims VALUES (?, ?)", (self._key(content_hash), data))
            self._tick()
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
        if self.db is None:
            return
        try:
            self.db.execute("COMMIT")
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
