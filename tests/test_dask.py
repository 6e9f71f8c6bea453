"""The README's cluster example, run with Dask's single-machine schedulers on a small corpus.

Skipped when Dask is not installed (CI installs only '.[test]'); install it with
pip install -e '.[test,dask]'.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import pytest

try:  # like pytest.importorskip, but also for a partial install (dask without the bag extra's packages)
    import dask.bag as db
except ImportError as e:
    pytest.skip(f"Dask is not installed ({e}); pip install -e '.[test,dask]'", allow_module_level=True)

from kzcheck import extract_text  # noqa: E402
from kzcheck.pipeline import Project  # noqa: E402

from conftest import ARTICLES, ROOT  # noqa: E402


def readme_dask_example() -> str:
    """The README's Python block that uses dask.bag, as written there."""
    blocks = re.findall(r"^```python\n(.*?)^```$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)
    found = [b for b in blocks if "dask.bag" in b]
    assert len(found) == 1, "README.md should hold one Python example that uses dask.bag"
    return found[0]


def small_corpus() -> list[dict]:
    """Seeds and test articles as the JSON lines `kzcheck extract -` reads; ids not registered in claims.yaml."""
    files = sorted((ROOT / "seeds").glob("*.txt"))[:3] + sorted(ARTICLES.glob("b0*.txt"))[:3]
    return [{"id": f"copy-{f.stem}", "text": f.read_text(encoding="utf-8"), "outlet": "Steppe Wire"} for f in files]


def write_shards(folder, articles, shards=2) -> None:
    for i in range(shards):
        with open(folder / f"articles-{i}.jsonl", "w", encoding="utf-8") as fh:
            for a in articles[i::shards]:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")


def in_process(articles, vocab, events) -> list[dict]:
    return [c.to_json() for a in articles for c in extract_text(a["text"], a["id"], a, vocab, events)]


def by_id(claims) -> dict:
    out = {c["id"]: c for c in claims}
    assert len(out) == len(claims)
    return out


@pytest.fixture
def corpus(tmp_path):
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    articles = small_corpus()
    write_shards(tmp_path, articles)
    project = Project(str(tmp_path))
    return tmp_path, articles, project.vocab(), project.events()


def test_readme_example_runs_and_equals_in_process_extraction(corpus):
    folder, articles, vocab, events = corpus
    (folder / "example.py").write_text(readme_dask_example(), encoding="utf-8")
    env = {**os.environ, "KZCHECK_NO_CACHE": "1"}
    p = subprocess.run([sys.executable, "example.py"], cwd=folder, capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == 0, p.stderr
    outputs = sorted(folder.glob("claims-*.jsonl"))
    assert len(outputs) == 2
    text = "".join(f.read_text(encoding="utf-8") for f in outputs)
    assert text.endswith("\n"), "every output file should end its last line, so that cat joins them as JSON lines"
    got = [json.loads(line) for line in text.splitlines()]
    want = in_process(articles, vocab, events)
    assert got and by_id(got) == by_id(want)
    assert any(c["event"] for c in got), "the example should use the events of claims.yaml"


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_bag_map_equals_in_process_extraction(corpus, scheduler):
    folder, articles, vocab, events = corpus
    bag = db.read_text(str(folder / "articles-*.jsonl")).map(json.loads)
    claims = bag.map(lambda a: [c.to_json() for c in extract_text(a["text"], a["id"], a, vocab, events)]).flatten()
    got = claims.compute(scheduler=scheduler, num_workers=4)
    assert by_id(got) == by_id(in_process(articles, vocab, events))


def test_bag_equals_the_command_reading_stdin(corpus, monkeypatch):
    """The cluster route and `kzcheck extract -` give the same claims for unregistered articles."""
    from click.testing import CliRunner

    from kzcheck.cli import cli

    folder, articles, vocab, events = corpus
    monkeypatch.setenv("KZCHECK_NO_CACHE", "1")
    stdin = "".join((folder / f"articles-{i}.jsonl").read_text(encoding="utf-8") for i in range(2))
    r = CliRunner().invoke(cli, ["--repo", str(folder), "extract", "-", "--format", "jsonl", "--kind", "all"],
                           input=stdin, catch_exceptions=False)
    assert r.exit_code == 0, r.output
    cli_claims = [json.loads(line) for line in r.output.splitlines()]
    bag = db.read_text(str(folder / "articles-*.jsonl")).map(json.loads)
    got = bag.map(lambda a: [c.to_json() for c in extract_text(a["text"], a["id"], a, vocab, events)]).flatten()
    assert by_id(got.compute(scheduler="sync")) == by_id(cli_claims)
