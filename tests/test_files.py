"""Hostile files and paths given to `extract` and `add` (issue 8, point 4).

Symlink loops, unreadable files, huge folders, odd file names, binary and
empty files either work or get a clear warning; `add` never writes outside
seeds/ and never overwrites; every user error is one line on stderr, exit 2,
no traceback.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

GOOD = "Officials said 12 people were killed in Almaty on Tuesday, according to the ministry.\n"


def _claims_json(result) -> list[dict]:
    return json.loads(result.stdout)["claims"]


def _articles(result) -> set[str]:
    return {c["article"] for c in _claims_json(result)}


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- extract on odd folders


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_in_a_folder(kz, tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(d, d / "sub" / "loop")  # a folder linking back to its ancestor
    os.symlink(d / "self.txt", d / "self.txt")  # a file symlink pointing at itself
    os.symlink(d / "sub" / "a.txt", d / "sub" / "b.txt")
    os.symlink(d / "sub" / "b.txt", d / "sub" / "a.txt")  # a two-link cycle
    r = kz("extract", str(d), "--format", "json")
    _no_traceback(r)
    assert r.exit_code == 0, r.output
    assert _articles(r) == {"good"}
    for name in ("self.txt", "a.txt", "b.txt"):
        assert name in r.stderr, f"no warning names {name}: {r.stderr!r}"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_skipped_with_a_warning(kz, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    secret = d / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    try:
        r = kz("extract", str(d), "--format", "json")
    finally:
        secret.chmod(0o644)
    _no_traceback(r)
    assert r.exit_code == 0
    assert _articles(r) == {"good"}
    assert "secret.txt" in r.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can list any folder")
def test_unreadable_folder_is_skipped_with_a_warning(kz, tmp_path):
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "locked" / "x.txt").write_text(GOOD, encoding="utf-8")
    (d / "locked").chmod(0)
    try:
        r = kz("extract", str(d), "--format", "json")
    finally:
        (d / "locked").chmod(0o755)
    _no_traceback(r)
    assert r.exit_code == 0
    assert _articles(r) == {"good"}
    assert "locked" in r.stderr


def test_ten_thousand_tiny_files(kz, tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(10_000):
        (d / f"a{i:05d}.txt").write_text(f"Police said {i % 97 + 2} people were detained.\n", encoding="utf-8")
    r = kz("extract", str(d), "--format", "jsonl", "--kind", "figure", "--no-cache")
    _no_traceback(r)
    assert r.exit_code == 0, r.stderr[-2000:]
    articles = {json.loads(line)["article"] for line in r.stdout.splitlines() if line.strip()}
    assert len(articles) > 9_000, len(articles)


@pytest.mark.parametrize("name", ["with space.txt", "\u0410\u043b\u043c\u0430\u0442\u044b \u00e9t\u00e9 \u2014 \U0001F600.txt",
                                  "new\nline.txt", "tab\tand 'quote\".md", "-starts-with-dash.txt"])
def test_odd_file_names_are_extracted(kz, tmp_path, name):
    d = tmp_path / "in"
    d.mkdir()
    try:
        (d / name).write_text(GOOD, encoding="utf-8")
    except OSError:
        pytest.skip(f"this file system refuses {name!r}")
    r = kz("extract", str(d), "--format", "json")
    _no_traceback(r)
    assert r.exit_code == 0, r.output
    assert _articles(r) == {os.path.splitext(name)[0]}
    r = kz("extract", str(d / name), "--format", "json")  # the file named directly
    assert r.exit_code == 0, r.output
    claims = _claims_json(r)
    assert claims and all(c["article"] == os.path.splitext(name)[0] for c in claims)


def test_binary_and_empty_files_among_good_ones(kz, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "b_binary.txt").write_bytes(bytes(range(256)) * 8 + b"\x00\x00\x89PNG\r\n")
    (d / "c_empty.txt").write_bytes(b"")
    (d / "d_blank.md").write_text("  \n\n\t\n", encoding="utf-8")
    (d / "e_good.md").write_text("---\ntitle: T\n---\n" + GOOD, encoding="utf-8")
    r = kz("extract", str(d), "--format", "json")
    _no_traceback(r)
    assert r.exit_code == 0, r.output
    assert _articles(r) == {"a_good", "e_good"}
    assert "b_binary.txt" in r.stderr
    assert "c_empty.txt" in r.stderr
    for line in r.stderr.strip().splitlines():
        assert line.startswith("kzcheck: warning:"), line


# ---------------------------------------------------------------- add stays inside seeds/


def _seed_files(project) -> set[str]:
    return {p.name for p in (project / "seeds").iterdir() if not p.name.startswith(".")}


def test_add_with_dotdot_in_the_path_lands_inside_seeds(kz, project, tmp_path):
    deep = tmp_path / "src" / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "src" / "x.txt").write_text(GOOD, encoding="utf-8")
    before = _seed_files(project)
    outside = set(os.listdir(project))
    r = kz("add", str(deep) + "/../../x.txt")
    _no_traceback(r)
    assert r.exit_code == 0, r.output
    new = _seed_files(project) - before
    assert new == {"x.txt"}
    assert set(os.listdir(project)) - outside <= {".cache", "claims.yaml.lock"}, "add wrote outside seeds/"
    assert not (project.parent / "x.txt").exists()


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\..\\win.txt", ".hidden.txt",
                                  "a b;rm -rf ~.txt", "\u0430\u0440\u0442\u0438\u043a\u043b.md"])
def test_add_names_are_made_safe(kz, project, tmp_path, name):
    src = tmp_path / "src"
    src.mkdir()
    leaf = name.replace("\\", "/").split("/")[-1]
    f = src / leaf
    f.write_text(GOOD, encoding="utf-8")
    before = _seed_files(project)
    r = kz("add", str(f))
    _no_traceback(r)
    assert r.exit_code == 0, r.output
    new = _seed_files(project) - before
    assert len(new) == 1
    (added,) = new
    assert all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in added), added
    assert (project / "seeds" / added).read_text(encoding="utf-8") == GOOD


def test_add_never_overwrites(kz, project, tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "two" / "story.txt").write_text(GOOD.replace("12", "14"), encoding="utf-8")
    assert kz("add", str(tmp_path / "one" / "story.txt")).exit_code == 0
    assert kz("add", str(tmp_path / "two" / "story.txt")).exit_code == 0
    texts = {p.read_text(encoding="utf-8") for p in (project / "seeds").iterdir() if p.name.startswith("story")}
    assert texts == {GOOD, GOOD.replace("12", "14")}, "the second add overwrote the first"
    # the same file again is recognised, not copied a third time
    r = kz("add", str(tmp_path / "one" / "story.txt"))
    assert r.exit_code == 0
    assert len([p for p in (project / "seeds").iterdir() if p.name.startswith("story")]) == 2


def test_add_does_not_follow_a_symlink_planted_in_seeds(kz, project, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    os.symlink(victim, project / "seeds" / "story.txt")
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    r = kz("add", str(tmp_path / "story.txt"))
    _no_traceback(r)
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert r.exit_code in (0, 2)


# ---------------------------------------------------------------- user errors: one line, exit 2


def _run(project, *args):
    env = {**os.environ, "KZCHECK_CACHE_DIR": str(project / ".cache"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "kzcheck", "--repo", str(project), *args],
                          capture_output=True, text=True, env=env, cwd=project, timeout=120)


def _one_line_exit_2(p) -> None:
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr
    errors = [ln for ln in p.stderr.strip().splitlines() if not ln.startswith("kzcheck: warning:")]
    assert len(errors) == 1, p.stderr  # warnings about other files may come first


LIBRARY_ERRORS = {
    "missing path": ("extract", "no/such/file.txt"),
    "unknown measure": ("compare", "deahts"),
    "unknown extract measure": ("extract", "--measure", "nope"),
    "unknown event": ("compare", "deaths", "--event", "no-such-event"),
}


@pytest.mark.parametrize("args", LIBRARY_ERRORS.values(), ids=LIBRARY_ERRORS.keys())
def test_user_errors_are_one_line_exit_2(project, args):
    _one_line_exit_2(_run(project, *args))


def test_broken_registry_is_one_line_exit_2(project):
    (project / "claims.yaml").write_text("version: 1\nclaims: [\n", encoding="utf-8")
    _one_line_exit_2(_run(project, "extract"))


def test_add_with_nothing_to_add_is_one_line_exit_2(project, tmp_path):
    d = tmp_path / "empty"
    d.mkdir()
    (d / "notes.pdf").write_bytes(b"%PDF")
    _one_line_exit_2(_run(project, "add", str(d)))


CLICK_USAGE = "click's usage errors print 'Usage: ...', 'Try ... --help', a blank line and 'Error: ...' " \
              "(4 lines on stderr), not one line; cli.main passes them to ClickException.show()"

USAGE_ERRORS = {
    "unknown command": ("frobnicate",),
    "bad format": ("extract", "--format", "xml"),
    "jobs out of range": ("extract", "--jobs", "0"),
    "unknown option": ("extract", "--bogus"),
    "missing argument": ("sources",),
    "add missing file": ("add", "no/such/file.txt"),
}


@pytest.mark.parametrize("args", [pytest.param(a, id=k, marks=())
                                  for k, a in USAGE_ERRORS.items()])
def test_usage_errors_are_one_line_exit_2(project, args):
    _one_line_exit_2(_run(project, *args))


def test_repo_that_is_a_file_is_one_line_exit_2(project):
    f = project / "afile"
    f.write_text("x", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "kzcheck", "--repo", str(f), "extract"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "Traceback" not in p.stderr
