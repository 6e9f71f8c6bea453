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


@pytest.fixture(scope="session")
def normalised_articles():
    """(name, normalised text, body offset) of every seed article and test article."""
    from kzcheck.corpus import article_from_text
    from kzcheck.normalize import normalise

    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted(ARTICLES.glob("*.*"))
    assert files
    out = []
    for path in files:
        art = article_from_text(path.read_text(encoding="utf-8", errors="replace"), path.stem, metadata={})
        out.append((path.name, normalise(art.text).text, art.body_offset))
    return out
