"""A review written into claims.yaml in place (kzcheck.inplace) gives the registry the round trip gives,
keeps every other byte, and steps aside for anything it does not write itself."""
import random
import shutil
from pathlib import Path

import pytest

from kzcheck import registry as R
from kzcheck.inplace import review_in_place, yaml_text
from kzcheck.model import STATUSES

ROOT = Path(__file__).resolve().parent.parent
NOTES = [None, "", "checked against the article", "hospital records: 64", "a \"quoted\" word", "yes", "null",
         "две сотни", "line one\nline two", "#1 source", "  padded  ", "it's fine", "50%", "- dash first"]


def copies(tmp_path, *names):
    """The repository's claims.yaml (written by kzcheck, with comments and notes), once per name."""
    paths = []
    for name in names:
        (tmp_path / name).mkdir()
        shutil.copy(ROOT / "claims.yaml", tmp_path / name / "claims.yaml")
        paths.append(str(tmp_path / name / "claims.yaml"))
    return paths


def state(path):
    reg = R.load_registry(path)
    return [c.to_json() | {"fingerprint": c.fingerprint} for c in reg.claims], reg.articles, reg.events


@pytest.mark.parametrize("seed", range(12))
def test_in_place_gives_the_registry_the_round_trip_gives(tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    fast, slow = copies(tmp_path, "in_place", "round_trip")
    ids = [c.id for c in R.load_registry(fast).claims]
    real = R._review_in_place
    for _ in range(4):
        cid, status, note = rng.choice(ids), rng.choice(STATUSES), rng.choice(NOTES)
        monkeypatch.setattr(R, "_review_in_place", real)
        got = R.set_claim_status(fast, cid, status, note=note)
        monkeypatch.setattr(R, "_review_in_place", lambda *a: None)  # the round trip
        want = R.set_claim_status(slow, cid, status, note=note)
        assert got.to_json() == want.to_json()
    assert state(fast) == state(slow)
    text = Path(fast).read_text(encoding="utf-8")
    assert text.count("\n#") == (ROOT / "claims.yaml").read_text(encoding="utf-8").count("\n#")  # comments kept


def test_only_the_claims_lines_change_and_the_round_trip_is_not_needed(tmp_path, monkeypatch):
    [path] = copies(tmp_path, "registry")
    before = Path(path).read_text(encoding="utf-8").splitlines()
    target = next(c for c in R.load_registry(path).claims if c.status == "unreviewed" and not c.note)
    monkeypatch.setattr(R, "_load_for_write", lambda *a: pytest.fail("round trip"))
    c = R.set_claim_status(path, target.id, "confirmed", note="matches the verdict")
    assert (c.status, c.note) == ("confirmed", "matches the verdict")
    after = Path(path).read_text(encoding="utf-8").splitlines()
    start = after.index(f"  - id: {target.id}")
    end = next((i for i in range(start + 1, len(after)) if after[i].startswith("  - id: ")), len(after))
    item = after[start:end]
    assert "    status: confirmed" in item and "    note: matches the verdict" in item
    assert after[:start] == before[:start] and after[end:] == before[end - 1:]  # one line more, all else kept


@pytest.mark.parametrize("odd", [
    "  - id: c-1\n    status: unreviewed\n    note: |\n      two\n      lines\n",   # a note over several lines
    "  - {id: c-1, status: unreviewed}\n",                                         # a claim in braces
    "  - id: c-1\n    status: unreviewed\n  - id: c-1\n    status: confirmed\n",     # the id twice
    "  - id: c-1\r\n    status: unreviewed\r\n",                                      # CRLF
])
def test_anything_unusual_is_left_to_the_round_trip(odd):
    assert review_in_place("version: 1\nclaims:\n" + odd, "c-1", "confirmed", "ok") is None


def test_a_claim_elsewhere_than_under_claims_is_not_touched():
    text = "version: 1\nevents:\n  - id: c-1\n    status: unreviewed\nclaims: []\n"
    assert review_in_place(text, "c-1", "confirmed", None) is None


def test_notes_are_written_so_that_yaml_reads_them_back():
    from kzcheck.registry import _fast_parse

    for note in NOTES[2:]:
        assert _fast_parse(f"note: {yaml_text(note)}\n") == {"note": note}
    assert yaml_text("checked against the article") == "checked against the article"
    assert yaml_text("yes").startswith('"')
