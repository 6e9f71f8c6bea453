"""Errors the library raises for a user's mistake; the CLI prints them as one line and exits 2."""
from __future__ import annotations

from typing import Optional


class KzError(Exception):
    """A problem the user can fix. str() is the one line shown to them."""

    exit_code = 2


class InputError(KzError):
    """An article, path or option the user gave cannot be used."""


class RegistryError(KzError):
    """claims.yaml cannot be read or is invalid; names the file and line."""

    def __init__(self, message: str, path: str = "claims.yaml", line: Optional[int] = None):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class ValidationProblems(RegistryError):
    """Several problems found while validating claims.yaml."""

    def __init__(self, problems: list[RegistryError]):
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s); run `kzcheck check` for all)" if len(problems) > 1 else ""
        super().__init__(first.message + more, first.path, first.line)


class LockTimeout(KzError):
    """Another kzcheck run holds the lock on claims.yaml for too long."""
