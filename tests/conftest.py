import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the repository's seeds/ and claims.yaml in a temporary folder."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    monkeypatch.setenv("KZCHECK_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.fixture
def kz(project):
    """Run kzcheck in the temporary project: kz("extract", "--format", "json")."""
    from kzcheck.cli import cli

    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(cli, ["--repo", str(project), *args], input=input, catch_exceptions=False)

    return run
