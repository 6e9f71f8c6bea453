"""The command line, run as a user would, on a copy of the repository."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kzcheck import __version__
from kzcheck.cli import cli

COMMANDS = ["extract", "compare", "sources", "check", "review", "add"]


def test_version():
    r = CliRunner().invoke(cli, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name):
    assert cli.commands[name].help and len(cli.commands[name].help.split()) >= 5
    r = CliRunner().invoke(cli, [name, "-h"])
    assert r.exit_code == 0 and "Usage:" in r.output


def test_extract_json_contract(kz):
    r = kz("extract", "--format", "json")
    assert r.exit_code == 0, r.output
    claims = json.loads(r.output)["claims"]
    figures = [c for c in claims if c["kind"] == "figure"]
    assert figures and any(c["kind"] == "statement" for c in claims)
    keys = {"id", "kind", "article", "measure", "low", "high", "qualifier", "negated", "text", "subject", "source",
            "event", "sentence", "span"}
    for c in claims:
        assert keys <= set(c)
        assert set(c["source"]) >= {"name", "role", "organisation", "class", "how", "verb", "stance"}
        s, e = c["span"]
        assert 0 <= s < e


def test_extract_spans_point_back_at_the_article(kz, project):
    claims = json.loads(kz("extract", "--format", "json").output)["claims"]
    texts = {}
    for c in claims:
        if c["article"] not in texts:
            texts[c["article"]] = (project / "seeds" / f"{c['article']}.txt").read_text(encoding="utf-8")
        s, e = c["span"]
        assert texts[c["article"]][s:e] == c["text"]
        assert c["sentence"] in texts[c["article"]]


def test_extract_is_deterministic_and_ids_are_stable(kz):
    a = kz("extract", "--format", "json", "--no-cache").output
    b = kz("extract", "--format", "json").output
    assert a == b


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "jsonl"])
def test_extract_formats(kz, fmt):
    r = kz("extract", "--format", fmt)
    assert r.exit_code == 0
    assert "\x1b[" not in r.output
    if fmt == "csv":
        assert r.output.splitlines()[0].startswith("id,article:line,measure")
    if fmt == "jsonl":
        assert all(json.loads(line)["id"] for line in r.output.splitlines())
    if fmt == "markdown":
        assert "| id " in r.output


def test_extract_measure_filter_accepts_synonyms(kz):
    out = json.loads(kz("extract", "--format", "json", "--measure", "killed").output)["claims"]
    assert out and {c["measure"] for c in out} == {"deaths"}


def test_unknown_measure_is_a_usage_error(kz):
    r = kz("compare", "deahts")
    assert r.exit_code == 2
    assert "unknown measure" in r.output and "deaths" in r.output


def test_missing_path_is_one_line_exit_2(kz):
    r = kz("extract", "no/such/file.txt")
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0 and "no such file" in r.output


def test_compare_deaths_on_the_seeds(kz):
    out = json.loads(kz("compare", "deaths", "--format", "json").output)
    assert out["measure"] == "deaths"
    events = {e["event"]: e for e in out["events"]}
    zh = events["zhanaozen-2011"]
    by_id = {c["id"]: c for c in zh["claims"]}
    [x] = zh["contradictions"]
    pair = sorted(by_id[i]["low"] for i in x["claims"])
    assert pair == [14, 70]
    assert 4.5 < x["ratio"] < 5.5
    dozen = next(c for c in zh["claims"] if c["qualifier"] == "more_than")
    fits = next(k["with"] for k in zh["consistent"] if k["claim"] == dozen["id"])
    assert len(fits) == 2
    un = events["kazakhstan-2022-unrest"]
    assert [c["low"] for c in un["claims"]] == [238]
    assert not un["contradictions"]


def test_compare_table_words_the_contradiction(kz):
    r = kz("compare", "dead")
    assert r.exit_code == 0
    assert "officials: 14 vs Residents: about 70 (5.0x)" in r.output


def test_compare_detained(kz):
    out = json.loads(kz("compare", "arrests", "--format", "json").output)
    claims = [c for e in out["events"] for c in e["claims"]]
    assert any(c["low"] == 10000 and c["source"]["class"] == "ngo" for c in claims)


@pytest.mark.parametrize("query,measure,low", [("10,000 detained", "detained", 10000), ("10000 arrested", "detained", 10000),
                                               ("238 killed", "deaths", 238), ("14 deaths", "deaths", 14)])
def test_sources_finds_the_figure(kz, query, measure, low):
    out = json.loads(kz("sources", query, "--format", "json").output)
    top = out["matches"][0]["claim"]
    assert (top["measure"], top["low"]) == (measure, low)


def test_sources_shows_residents_beside_officials(kz):
    out = json.loads(kz("sources", "14 deaths", "--format", "json").output)
    related = out["matches"][0]["related"]
    assert any(r["source"]["class"] == "residents_witnesses" and r["low"] == 70 for r in related)


def test_sources_no_match_exits_1(kz):
    r = kz("sources", "zzzz qqqq xxxx")
    assert r.exit_code == 1
    assert "no claim matches" in r.output


def test_closed_pipe_is_quiet(project):
    env = {**os.environ, "KZCHECK_CACHE_DIR": str(project / ".cache")}
    p = subprocess.run(f"{sys.executable} -m kzcheck --repo {project} extract --format jsonl | head -1",
                       shell=True, capture_output=True, text=True, env=env)
    assert p.returncode == 0
    assert "Traceback" not in p.stderr and "Error" not in p.stderr
    assert json.loads(p.stdout)["id"]


def test_debug_shows_traceback_only_when_asked(project):
    env = {**os.environ, "KZCHECK_CACHE_DIR": str(project / ".cache")}
    (project / "claims.yaml").write_text("version: 1\nclaims: [\n", encoding="utf-8")
    plain = subprocess.run([sys.executable, "-m", "kzcheck", "--repo", str(project), "compare", "deaths"],
                           capture_output=True, text=True, env=env)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert "claims.yaml" in plain.stderr and len(plain.stderr.strip().splitlines()) == 1
    debug = subprocess.run([sys.executable, "-m", "kzcheck", "--repo", str(project), "--debug", "compare", "deaths"],
                           capture_output=True, text=True, env=env)
    assert debug.returncode == 2 and "Traceback" in debug.stderr


def test_extract_outside_a_project_uses_the_shipped_events_and_sources(tmp_path, monkeypatch):
    """No claims.yaml: the events and named sources kzcheck ships still apply."""
    monkeypatch.setenv("KZCHECK_NO_CACHE", "1")
    (tmp_path / "a.txt").write_text("Tokayev said 225 people had died in the January unrest.\n\n"
                                    "Residents of Zhanaozen said police shot dead about 70 striking oil workers "
                                    "on 16 December 2011.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--repo", str(tmp_path), "extract", str(tmp_path), "--format", "json",
                                      "--measure", "deaths"], catch_exceptions=False)
    claims = {c["low"]: c for c in json.loads(result.output)["claims"]}
    assert claims[225]["event"] == "kazakhstan-2022-unrest" and claims[225]["source"]["class"] == "official"
    assert claims[70]["event"] == "zhanaozen-2011"


def test_an_event_of_claims_yaml_replaces_the_shipped_one_of_its_id(tmp_path, monkeypatch):
    monkeypatch.setenv("KZCHECK_NO_CACHE", "1")
    (tmp_path / "claims.yaml").write_text(
        "version: 1\nevents:\n  - id: zhanaozen-2011\n    label: Zhanaozen\n    start: 2011-12-16\n"
        "    end: 2011-12-17\n    places: [Zhanaozen]\n    cues: [Kozlov]\n"
        "  - id: oral-2023\n    label: A made-up rally in Oral\n    start: 2023-03-01\n    end: 2023-03-31\n"
        "    places: [Oral]\n    cues: []\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Police said 40 protesters were detained in Oral on 5 March 2023.\n",
                                    encoding="utf-8")
    from kzcheck.registry import load_registry

    reg = load_registry(str(tmp_path / "claims.yaml"))
    known = {e.id: e for e in reg.known_events}
    assert known["zhanaozen-2011"].start == "2011-12-16" and "kazakhstan-2022-unrest" in known
    assert [e.id for e in reg.known_events].count("zhanaozen-2011") == 1
    result = CliRunner().invoke(cli, ["--repo", str(tmp_path), "extract", str(tmp_path), "--format", "json"],
                                catch_exceptions=False)
    [claim] = [c for c in json.loads(result.output)["claims"] if c["kind"] == "figure"]
    assert claim["event"] == "oral-2023"
