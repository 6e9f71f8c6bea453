"""Files that people and several kzcheck runs share: a lock, and writes that cannot half-happen.

* :func:`atomic_write_text` writes a whole new file next to the old one (same
  folder, so the same file system), flushes and fsyncs it, then swaps it in with
  ``os.replace``. A crash, a full disk or ``kill -9`` at any moment leaves
  either the old file or the new one, never a mix; a temporary file that a killed
  run left behind is removed by the next run that holds the lock.
* :class:`FileLock` / :func:`locked` guard a read-modify-write with a sidecar
  ``<file>.lock``. Where the OS has ``fcntl.flock`` the kernel holds the lock
  and drops it when its process dies, so a lock can never go stale; elsewhere the
  lock file is created with ``O_CREAT | O_EXCL`` and a lock whose process is gone
  is broken. Waiting ends after a timeout with :class:`kzcheck.errors.LockTimeout`.
  The lock is re-entrant within one thread, so a function that locks may call
  another that locks the same file.
"""
from __future__ import annotations

import contextlib
import errno
import glob
import os
import socket
import stat
import tempfile
import threading
import time
from typing import Iterator, Optional

from .errors import KzError, LockTimeout

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_TIMEOUT = 30.0
LOCK_SUFFIX = ".lock"
TEMP_SUFFIX = ".tmp"


def default_timeout() -> float:
    """Seconds to wait for a lock: $KZCHECK_LOCK_TIMEOUT, or 30."""
    try:
        return max(0.0, float(os.environ.get("KZCHECK_LOCK_TIMEOUT", DEFAULT_TIMEOUT)))
    except ValueError:
        return DEFAULT_TIMEOUT


# --------------------------------------------------------------------------- atomic writes

def _temp_prefix(target: str) -> str:
    return "." + os.path.basename(target) + "."


def atomic_write_text(path: str, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` so that readers see the old file or the new one, nothing between.

    A symlink is followed: the file it points to is replaced, the link stays.
    The new file keeps the old one's permission bits.
    """
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str, data: bytes) -> None:
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode: Optional[int] = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def leftover_temp_files(path: str) -> list[str]:
    """Temporary files of interrupted writes of ``path`` (only meaningful while holding its lock)."""
    target = os.path.realpath(path)
    pattern = os.path.join(glob.escape(os.path.dirname(target)), glob.escape(_temp_prefix(target)) + "*" + TEMP_SUFFIX)
    return sorted(glob.glob(pattern))


def remove_leftover_temp_files(path: str) -> list[str]:
    """Remove what interrupted writes left behind. Call it only while holding the lock of ``path``."""
    removed = []
    for tmp in leftover_temp_files(path):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
            removed.append(tmp)
    return removed


# --------------------------------------------------------------------------- locking

def lock_path_for(path: str) -> str:
    return os.path.realpath(path) + LOCK_SUFFIX


def _holder_line() -> str:
    return f"{os.getpid()} {socket.gethostname()} {time.time():.0f}\n"


def _parse_holder(text: str) -> tuple[Optional[int], str, Optional[float]]:
    parts = text.split()
    pid = int(parts[0]) if parts and parts[0].isdigit() else None
    host = parts[1] if len(parts) > 1 else ""
    try:
        since = float(parts[2]) if len(parts) > 2 else None
    except ValueError:
        since = None
    return pid, host, since


def _describe_holder(text: str) -> str:
    pid, host, since = _parse_holder(text)
    if pid is None:
        return "another kzcheck run"
    where = f" on {host}" if host and host != socket.gethostname() else ""
    when = f" since {time.strftime('%H:%M:%S', time.localtime(since))}" if since else ""
    return f"kzcheck process {pid}{where}{when}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - os.kill would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


_held: dict[tuple[str, int, int], list] = {}
_held_guard = threading.Lock()


class FileLock:
    """An exclusive lock on ``<path>.lock``; see the module docstring.

    ``use_flock=None`` picks ``fcntl.flock`` where it exists and the
    ``O_CREAT | O_EXCL`` lock file elsewhere; tests can force either.
    """

    def __init__(self, path: str, timeout: Optional[float] = None, poll: float = 0.05,
                 use_flock: Optional[bool] = None):
        self.path = path
        self.lock_path = lock_path_for(path)
        self.timeout = default_timeout() if timeout is None else timeout
        self.poll = poll
        self.use_flock = (fcntl is not None) if use_flock is None else (use_flock and fcntl is not None)
        self._fd: Optional[int] = None
        self._token: Optional[str] = None

    # -- public
    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        if self.use_flock:
            self._acquire_flock(deadline)
        else:
            self._acquire_excl(deadline)

    def release(self) -> None:
        if self.use_flock:
            fd, self._fd = self._fd, None
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                with contextlib.suppress(OSError):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        else:
            token, self._token = self._token, None
            if token is not None:
                with contextlib.suppress(OSError):
                    if _read(self.lock_path) == token:
                        os.unlink(self.lock_path)

    def __enter__(self) -> "FileLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    # -- flock: the kernel drops the lock when the process dies
    def _acquire_flock(self, deadline: float) -> None:
        while True:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise KzError(f"{self.lock_path}: cannot create the lock file ({e.strerror or e})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                    raise KzError(f"{self.lock_path}: cannot lock ({e.strerror or e})") from None
                if time.monotonic() >= deadline:
                    raise self._timeout(_read(self.lock_path)) from None
                time.sleep(self.poll)
                continue
            # Someone may have deleted the lock file while we waited: then we
            # hold a lock on a file nobody else can see. Start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.lock_path))
            except OSError:
                same = False
            if not same:
                os.close(fd)
                continue
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, _holder_line().encode(), 0)
            self._fd = fd
            return

    # -- O_EXCL: a file that exists means locked; its pid tells whether it is stale
    def _acquire_excl(self, deadline: float) -> None:
        token = _holder_line()
        while True:
            try:
                fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                content = _read(self.lock_path)
                if content is not None and self._stale(content):
                    self._break(content)
                    continue
                if time.monotonic() >= deadline:
                    raise self._timeout(content) from None
                time.sleep(self.poll)
                continue
            except OSError as e:
                raise KzError(f"{self.lock_path}: cannot create the lock file ({e.strerror or e})") from None
            try:
                os.write(fd, token.encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            self._token = token
            return

    def _stale(self, content: str) -> bool:
        pid, host, since = _parse_holder(content)
        if pid is None:
            # Being written this instant, or garbage: stale only once old.
            try:
                age = time.time() - os.stat(self.lock_path).st_mtime
            except OSError:
                return False
            return age > 10
        if host and host != socket.gethostname():
            return False  # cannot see processes on another machine: wait, then time out
        return not pid_alive(pid)

    def _break(self, content: str) -> None:
        """Remove a stale lock file, unless another run replaced it meanwhile."""
        aside = f"{self.lock_path}.stale-{os.getpid()}-{threading.get_ident()}"
        try:
            os.rename(self.lock_path, aside)
        except OSError:
            return  # someone else broke it first
        if _read(aside) == content:
            with contextlib.suppress(OSError):
                os.unlink(aside)
            return
        # We moved a fresh lock of another run: put it back if the place is free.
        try:
            os.link(aside, self.lock_path)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            os.unlink(aside)

    def _timeout(self, content: Optional[str]) -> LockTimeout:
        who = _describe_holder(content or "")
        return LockTimeout(
            f"{os.path.basename(self.path)} is locked by {who}; waited {self.timeout:g} s. "
            f"Let that run finish and try again (set KZCHECK_LOCK_TIMEOUT to wait longer)"
            + ("" if self.use_flock else f", or delete {self.lock_path} if no kzcheck is running")
        )


def _read(path: str) -> Optional[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(200)
    except OSError:
        return None


@contextlib.contextmanager
def locked(path: str, timeout: Optional[float] = None, use_flock: Optional[bool] = None) -> Iterator[FileLock]:
    """Hold the exclusive lock of ``path`` for a read-modify-write.

    Re-entrant in one thread of one process: nested ``locked(path)`` blocks share
    the outer lock. Other threads and processes wait (up to ``timeout`` seconds,
    default $KZCHECK_LOCK_TIMEOUT or 30) and then get :class:`LockTimeout`.
    """
    key = (lock_path_for(path), os.getpid(), threading.get_ident())
    with _held_guard:
        entry = _held.get(key)
        if entry is not None:
            entry[1] += 1
    if entry is not None:
        try:
            yield entry[0]
        finally:
            with _held_guard:
                entry[1] -= 1
        return
    lock = FileLock(path, timeout=timeout, use_flock=use_flock)
    lock.acquire()
    with _held_guard:
        _held[key] = [lock, 1]
    try:
        yield lock
    finally:
        with _held_guard:
            _held.pop(key, None)
        lock.release()
