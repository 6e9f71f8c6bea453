"""The review workflow a newsroom runs in CI: add an article, check, extract --write, review, check."""
import json

from kzcheck.check import Finding, github_line
from kzcheck.model import SCORED_MEASURES
from kzcheck.registry import load_registry

NEW_ARTICLE = """Zhanaozen families still count their dead

ZHANAOZEN, Dec 16 (Steppe Wire) - Relatives of the oil workers shot in December 2011 gathered in the town square on Friday.
A committee of victims' families says 41 people were killed when police opened fire on the strikers, far above the official count.
"""


def confirm_everything(kz, project, note="checked against the article"):
    reg = load_registry(str(project / "claims.yaml"))
    ids = [c.id for c in reg.claims if c.status == "unreviewed" and c.kind == "figure"]
    if ids:
        r = kz("review", "--confirm", *ids, "--note", note)
        assert r.exit_code == 0, r.output


def registered_state(kz, project):
    r = kz("extract", "--write", "--format", "json")
    assert r.exit_code == 0, r.output
    confirm_everything(kz, project)


def test_registered_and_reviewed_repository_passes(kz, project):
    registered_state(kz, project)
    r = kz("check")
    assert r.exit_code == 0, r.output


def test_a_new_article_needs_a_person_until_reviewed(kz, project):
    registered_state(kz, project)
    (project / "seeds" / "families.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    r = kz("check", "--format", "json")
    assert r.exit_code == 1
    findings = json.loads(r.output)["findings"]
    codes = {f["code"] for f in findings}
    assert {"KZ101", "KZ102", "KZ108"} <= codes
    new = [f for f in findings if f["code"] == "KZ102"]
    assert any(f["file"] == "seeds/families.txt" and f["line"] == 4 and "41" in f["message"] for f in new)
    contradictions = [f["message"] for f in findings if f["code"] == "KZ108"]
    assert any("41" in m and "officials: 14" in m for m in contradictions)
    assert any("41" in m and "about 70" in m for m in contradictions)
    # the text format names the article too
    assert "families" in kz("check").output
    registered_state(kz, project)
    assert kz("check").exit_code == 0


def test_hand_edits_and_comments_survive_extract_write(kz, project):
    registered_state(kz, project)
    path = project / "claims.yaml"
    reg = load_registry(str(path))
    target = next(c for c in reg.claims if c.status == "confirmed" and c.measure == "deaths")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {target.id}")
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines.insert(at, f"{indent}# reviewer: checked with the town hospital\n")
    text = "".join(lines)
    assert "checked with the town hospital" in text
    path.write_text(text, encoding="utf-8")
    r = kz("review", target.id, "--confirm", "--note", "hospital records agree")
    assert r.exit_code == 0
    assert kz("extract", "--write").exit_code == 0
    after = path.read_text(encoding="utf-8")
    assert "# reviewer: checked with the town hospital" in after
    kept = load_registry(str(path)).claim(target.id)
    assert kept.status == "confirmed" and kept.note == "hospital records agree"


def test_a_broken_registry_is_exit_2_with_its_line(kz, project):
    (project / "claims.yaml").write_text("version: 1\nevents:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")
    r = kz("check")
    assert r.exit_code == 2
    assert "claims.yaml:4" in r.output or "claims.yaml:5" in r.output
    assert "Traceback" not in r.output


def test_an_invalid_registry_names_every_problem(kz, project):
    text = (project / "claims.yaml").read_text(encoding="utf-8")
    bad = ("  - id: c-1\n    article: x\n    kind: figure\n    measure: deahts\n"
           "    low: 1\n    high: 1\n    qualifier: exact\n    status: unreviewed\n")
    text = text.replace("claims: []", "claims:\n" + bad) if "claims: []" in text else text.replace("\nclaims:\n", "\nclaims:\n" + bad, 1)
    (project / "claims.yaml").write_text(text, encoding="utf-8")
    r = kz("check", "--format", "github")
    assert r.exit_code == 2
    assert "::error file=claims.yaml,line=" in r.output and "deahts" in r.output


def test_github_commands_escape_messages_and_properties():
    f = Finding("KZ102", "error", "seeds/a,b:c.txt", 7, "100% sure\r\nnext: line")
    assert github_line(f) == ("::error file=seeds/a%2Cb%3Ac.txt,line=7,title=KZ102 new claim::"
                              "100%25 sure%0D%0Anext: line")


def test_github_is_the_default_on_actions(kz, project, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    (project / "seeds" / "families.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    r = kz("check")
    assert r.output.startswith("::")


def test_add_copies_safely_and_registers(kz, project, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "My report (final).txt").write_text(NEW_ARTICLE, encoding="utf-8")
    r = kz("add", str(src / "My report (final).txt"), "--outlet", "Steppe Wire", "--published", "2021-12-17")
    assert r.exit_code == 0, r.output
    assert (project / "seeds" / "My-report-final.txt").read_text(encoding="utf-8") == NEW_ARTICLE
    reg = load_registry(str(project / "claims.yaml"))
    assert reg.articles["My-report-final"]["outlet"] == "Steppe Wire"
    new = [c for c in reg.claims_for("My-report-final") if c.kind == "figure" and c.measure in SCORED_MEASURES]
    assert new and all(c.status == "unreviewed" for c in new)
    # a different file with the same name never overwrites the first
    (src / "My report (final).txt").write_text("Ten people were detained in Aktau.", encoding="utf-8")
    r = kz("add", str(src / "My report (final).txt"))
    assert r.exit_code == 0
    assert (project / "seeds" / "My-report-final.txt").read_text(encoding="utf-8") == NEW_ARTICLE
    assert (project / "seeds" / "My-report-final-2.txt").exists()


def test_a_warm_registry_still_names_the_line_of_each_claim(kz, project):
    """Read-only commands load claims.yaml from a cache that keeps the claims' lines in a file apart;
    check must give the same lines from it as from the YAML, and the line must be the claim's."""
    (project / "seeds" / "families.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    r = kz("extract", "--write", "--format", "json")
    assert r.exit_code == 0, r.output

    def unreviewed_lines():
        r = kz("check", "--format", "json")
        return {(f["message"].split()[1], f["line"]) for f in json.loads(r.output)["findings"] if f["code"] == "KZ106"}

    first, second = unreviewed_lines(), unreviewed_lines()
    assert first and first == second
    text = (project / "claims.yaml").read_text(encoding="utf-8").splitlines()
    for claim_id, line in first:
        assert claim_id in text[line - 1] or claim_id in text[line]
