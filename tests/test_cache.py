"""The claim cache: found by content when the path is new, order kept, rebuilt when broken."""
import os
import shutil

import pytest

import kzcheck.extract
from kzcheck.pipeline import Project, extract_paths


@pytest.fixture
def counted(monkeypatch):
    """Count the articles the extractor really reads (extraction runs in this process for small folders)."""
    calls = []
    real = kzcheck.extract.extract_article

    def counting(art, *args, **kwargs):
        calls.append(art.id)
        return real(art, *args, **kwargs)

    monkeypatch.setattr(kzcheck.extract, "extract_article", counting)
    return calls


def run(project, *paths, **kw):
    return [(a.id, [c.to_json() for c in a.claims], a.metadata) for a in
            extract_paths(Project(str(project)), list(paths), warn=lambda m: None, **kw)]


def test_a_moved_folder_is_found_by_content(project, counted):
    first = run(project, str(project / "seeds"))
    assert len(counted) == 5
    shutil.copytree(project / "seeds", project / "moved")
    counted.clear()
    second = run(project, str(project / "moved"))
    assert counted == []
    assert second == first
    counted.clear()
    assert run(project, str(project / "moved")) == first  # now by path
    assert counted == []


def test_a_symlinked_folder_is_found_by_content(project, counted):
    first = run(project, str(project / "seeds"))
    os.symlink(project / "seeds", project / "link")
    counted.clear()
    assert run(project, str(project / "link")) == first
    assert counted == []


def test_a_renamed_file_is_extracted_again_under_its_new_id(project, counted):
    run(project, str(project / "seeds"))
    name = sorted(os.listdir(project / "seeds"))[0]
    os.mkdir(project / "other")
    shutil.copy(project / "seeds" / name, project / "other" / ("renamed_" + name))
    counted.clear()
    [(aid, claims, _)] = run(project, str(project / "other"))
    assert counted == [aid] and aid.startswith("renamed_")
    assert all(c["article"] == aid for c in claims)


def test_order_is_the_files_order_whatever_is_cached(project, counted):
    cold = run(project, str(project / "seeds"))
    names = sorted(os.listdir(project / "seeds"))
    (project / "seeds" / names[2]).write_text((project / "seeds" / names[2]).read_text() + "\nTen people died.\n")
    counted.clear()
    mixed = run(project, str(project / "seeds"))
    assert len(counted) == 1
    assert [a for a, _, _ in mixed] == [a for a, _, _ in cold]


def test_a_corrupt_or_deleted_cache_is_rebuilt(project, counted):
    first = run(project, str(project / "seeds"))
    cache = project / ".cache" / "claims.sqlite"
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(cache) + suffix):
            os.remove(str(cache) + suffix)
    cache.write_bytes(b"this is not a database" * 100)
    counted.clear()
    assert run(project, str(project / "seeds")) == first
    assert len(counted) == 5
    shutil.rmtree(project / ".cache")
    assert run(project, str(project / "seeds")) == first


def test_metadata_is_the_same_from_the_cache(project):
    assert run(project, str(project / "seeds")) == run(project, str(project / "seeds"))


def test_many_files_through_one_pool_keep_their_order(project, tmp_path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    texts = sorted(os.listdir(project / "seeds"))
    for i in range(60):
        src = project / "seeds" / texts[i % len(texts)]
        (corpus / f"n{i:03d}.txt").write_text(src.read_text() + f"\nIn {1990 + i}, {i + 3} people were detained.\n")
    pooled = run(project, str(corpus), jobs=2)
    assert [a for a, _, _ in pooled] == [f"n{i:03d}" for i in range(60)]
    assert run(project, str(corpus), jobs=2) == pooled  # warm, from the cache
    assert run(project, str(corpus), use_cache=False, jobs=1) == pooled


def test_fast_registry_keeps_its_claims_in_the_store_until_wanted(project):
    from kzcheck.registry import load_registry

    full = load_registry(str(project / "claims.yaml"))
    cold = load_registry(str(project / "claims.yaml"), fast=True)
    warm = load_registry(str(project / "claims.yaml"), fast=True)
    assert warm.claims_store is not None and warm.__dict__.get("_claims") is None
    for reg in (cold, warm):
        assert [c.to_json() for c in reg.claims] == [c.to_json() for c in full.claims]
        assert [c.fingerprint for c in reg.claims] == [c.fingerprint for c in full.claims]
        assert reg.events == full.events and reg.articles == full.articles
    assert set(warm.claim_articles) == {c.article for c in full.claims}


def test_selected_claims_are_the_registry_then_unregistered_articles(project):
    from kzcheck.pipeline import ProjectClaims
    from kzcheck.registry import load_registry

    (project / "seeds" / "zz_new.txt").write_text("Officials said 40 people were detained in Almaty.\n")
    reg = load_registry(str(project / "claims.yaml"))
    for _ in range(2):  # cold, then warm (registry and articles from the cache)
        source = ProjectClaims(Project(str(project)), warn=lambda m: None)
        try:
            every = list(source.select())
            detained = list(source.select("f.measure = ?", ("detained",), lambda c: c.measure == "detained"))
        finally:
            source.close()
        registered = {c.article for c in reg.claims}
        assert [c.id for c in every[:len(reg.claims)]] == [c.id for c in reg.claims]
        assert {c.article for c in every[len(reg.claims):]} == {"zz_new"} - registered
        assert all(c.status == "unreviewed" for c in every[len(reg.claims):])
        assert [c.id for c in detained] == [c.id for c in every if c.measure == "detained"]


@pytest.mark.parametrize("args", [["--format", "jsonl", "--kind", "all"], ["--format", "json"],
                                  ["--format", "jsonl", "--measure", "deaths"], ["--format", "csv"]])
def test_a_warm_run_prints_what_the_cold_run_printed(kz, project, counted, args):
    """Cached claims are handed on as JSON without becoming objects again: the output must not change."""
    cold = kz("extract", *args)
    assert counted and cold.exit_code == 0, cold.output
    counted.clear()
    warm = kz("extract", *args)
    assert not counted and warm.exit_code == 0
    assert warm.output == cold.output


def test_cached_claims_as_json_equal_the_objects(project):
    import json

    first = list(extract_paths(Project(str(project)), [str(project / "seeds")], warn=lambda m: None))
    again = list(extract_paths(Project(str(project)), [str(project / "seeds")], warn=lambda m: None))
    assert [[json.loads(x) for x in a.json_lines()] for a in again] == [[c.to_json() for c in a.claims] for a in first]
    assert [[c.to_json() for c in a.claims] for a in again] == [[json.loads(x) for x in a.json_lines()] for a in first]
    assert [[c.fingerprint for c in a.claims] for a in again] == [[c.fingerprint for c in a.claims] for a in first]
    assert first and all(a.claims for a in first)


def test_a_cache_of_an_older_layout_is_emptied_not_misread(project):
    import sqlite3

    cache_dir = project / ".cache"
    cache_dir.mkdir()
    db = sqlite3.connect(cache_dir / "claims.sqlite")
    db.executescript("CREATE TABLE facts (key TEXT, pos INTEGER, measure TEXT, kind TEXT, low REAL, high REAL, "
                     "text TEXT, sentence TEXT, data TEXT NOT NULL, PRIMARY KEY (key, pos));"
                     "CREATE TABLE articles (key TEXT PRIMARY KEY, id TEXT, hash TEXT, meta TEXT, n INTEGER);")
    db.close()
    cold = list(extract_paths(Project(str(project)), [str(project / "seeds")], warn=lambda m: None))
    warm = list(extract_paths(Project(str(project)), [str(project / "seeds")], warn=lambda m: None))
    assert cold and [a.json_lines() for a in warm] == [a.json_lines() for a in cold]


def test_claims_of_another_code_version_are_forgotten(project, monkeypatch):
    """An upgrade must not leave the old version's claims behind for ever: the cache would only grow."""
    import sqlite3

    import kzcheck.cache

    def stored_codes():
        db = sqlite3.connect(project / ".cache" / "claims.sqlite")
        try:
            return {k.split(":")[-2] for (k,) in db.execute("SELECT key FROM facts")}
        finally:
            db.close()

    monkeypatch.setattr(kzcheck.cache, "code_fingerprint", lambda: "oldcode")
    assert run(project, str(project / "seeds"))
    assert stored_codes() == {"oldcode"}
    monkeypatch.setattr(kzcheck.cache, "code_fingerprint", lambda: "newcode")
    assert run(project, str(project / "seeds"))
    assert stored_codes() == {"newcode"}


def test_a_claim_read_back_from_its_cache_row_is_the_claim_its_json_gives():
    """compare and sources build claims from the cache's compact records; they must be the very claims
    that the JSON contract gives, field for field, for every construction the articles hold."""
    import glob
    import json

    from kzcheck.cache import FACT_COLUMNS, claim_from_row, fact_row
    from kzcheck.corpus import read_article
    from kzcheck.extract import extract_article
    from kzcheck.model import Claim

    here = os.path.dirname(__file__)
    project = Project(os.path.dirname(here))
    vocab, events = project.vocab(), project.events()
    paths = sorted(glob.glob(os.path.join(here, "articles", "*.txt"))) + sorted(
        glob.glob(os.path.join(os.path.dirname(here), "seeds", "*.txt")))
    columns = [c.strip() for c in FACT_COLUMNS.split(",")] + ["line"]
    seen = 0
    for path in paths:
        art = read_article(path, lambda m: None)
        for c in extract_article(art, vocab, events):
            c.note, c.also_at = (c.note or "a reviewer's note"), (c.also_at or [(1, 2)])  # the rarer fields too
            row = dict(zip(columns, fact_row(c)))
            back = claim_from_row(row["rec"], row["text"], row["sentence"], row["fp"])
            assert back == Claim.from_json(dict(json.loads(row["line"]), fingerprint=c.fingerprint))
            assert (row["measure"], row["kind"], row["event"]) == (c.measure, c.kind, c.event)
            seen += 1
    assert seen > 300
