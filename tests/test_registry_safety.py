"""claims.yaml under attack and under pressure: hostile YAML, crashes mid-write, concurrent writers."""
from __future__ import annotations

import errno
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workcount import hang_guard, work

from kzcheck import registry as R
from kzcheck import safefile
from kzcheck.errors import LockTimeout, RegistryError
from kzcheck.model import Claim, Figure, Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BASE = """\
# keep me: a person's comment
version: 1
events:
  - id: zhanaozen-2011
    label: Zhanaozen crackdown
    start: 2011-05-01
    end: 2011-12-31
    places: [Zhanaozen]
    cues: [oil workers]
articles:
  art1:
    title: First
    hash: h1
claims:
  - id: c-confirmed
    article: art1
    kind: figure
    measure: deaths
    low: 14
    high: 14
    qualifier: exact
    negated: false
    text: 14 people
    source: {name: officials, class: official, how: according_to}
    event: zhanaozen-2011
    sentence: According to officials, 14 people died.
    span: [0, 40]
    status: confirmed  # a reviewer's decision
"""


def write(tmp_path, text=BASE, name="claims.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def claim(cid, article, low=3):
    sentence = f"Officials said {low} people died ({cid})."
    return Claim(id=cid, kind="figure", article=article, span=(0, len(sentence)), sentence=sentence,
                 text=f"{low} people", source=Source("officials", "official", "according_to"), measure="deaths",
                 figure=Figure(low, low, "exact", str(low)), fingerprint=cid)


def load_error(tmp_path, text) -> RegistryError:
    with pytest.raises(RegistryError) as info:
        R.load_registry(write(tmp_path, text))
    assert "Traceback" not in str(info.value) and "\n" not in str(info.value)
    return info.value


# ---------------------------------------------------------------------------------------------- safe loading

@pytest.mark.parametrize("fast", [False, True])
def test_python_object_tag_is_refused_and_never_run(tmp_path, fast):
    marker = tmp_path / "pwned"
    text = BASE + f'  - !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(RegistryError) as info:
        R.load_registry(write(tmp_path, text), fast=fast)
    assert not marker.exists()
    assert info.value.line == text.count("\n")
    assert "tag !!python/object/apply:os.system is not allowed" in info.value.message


@pytest.mark.parametrize("tag", ["!foo", "!!set", "!!binary", "!<tag:example.com,2024:thing>"])
def test_custom_and_non_standard_tags_are_refused(tmp_path, tag):
    text = BASE.replace("title: First", f"title: {tag} First")
    err = load_error(tmp_path, text)
    assert err.line == 12 and "is not allowed" in err.message and "remove the tag" in err.message


def test_standard_explicit_tags_are_fine(tmp_path):
    text = BASE.replace("title: First", "title: !!str 2016").replace("low: 14", "low: !!int '14'")
    reg = R.load_registry(write(tmp_path, text))
    assert reg.articles["art1"]["title"] == "2016" and reg.claims[0].figure.low == 14


def test_billion_laughs_is_refused_before_expanding(tmp_path):
    """Guards against expanding anchors and aliases: ten levels of nine aliases each (9**9 "lol"s if expanded)
    are refused at the first anchor, on line 2, after less work (workcount.work) than reading a small honest
    registry takes. If a change expanded them the load would never end: the hang guard fails it after 60 s."""
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    text = "version: 1\n" + "\n".join(lines) + "\n"
    honest = write(tmp_path, BASE, "honest.yaml")
    R.load_registry(honest)  # first-use loading stays out of the counts
    honest_work = work(R.load_registry, honest)
    refused = []
    with hang_guard(60, "billion laughs"):
        bomb_work = work(lambda: refused.append(load_error(tmp_path, text)))
    assert bomb_work < honest_work, (bomb_work, honest_work)
    err, = refused
    assert err.line == 2 and "anchor &a0 is not allowed" in err.message


def test_alias_alone_is_refused_with_its_line(tmp_path):
    text = BASE + "  - *somewhere\n"
    err = load_error(tmp_path, text)
    assert err.line == text.count("\n") and "alias *somewhere is not allowed" in err.message


def test_duplicate_key_names_both_lines(tmp_path):
    text = BASE.replace("    hash: h1\n", "    hash: h1\n    title: Second\n")
    err = load_error(tmp_path, text)
    assert err.line == 14 and "duplicate key 'title' (first at line 12)" in err.message


def test_duplicate_top_level_section(tmp_path):
    err = load_error(tmp_path, BASE + "claims: []\n")
    assert err.line == BASE.count("\n") + 1 and "duplicate key 'claims'" in err.message


def test_merge_keys_and_deep_nesting_are_refused(tmp_path):
    err = load_error(tmp_path, BASE.replace("    title: First", "    <<: {title: First}"))
    assert err.line == 12 and "merge key" in err.message
    err = load_error(tmp_path, "version: 1\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    assert err.line == 2 and "nested more than" in err.message


def test_syntax_errors_name_the_line(tmp_path):
    err = load_error(tmp_path, BASE.replace("    hash: h1", "    hash: [h1"))
    assert err.message.startswith("not valid YAML") and err.line is not None
    err = load_error(tmp_path, "version: 1\n\tclaims: []\n")
    assert err.line == 2


def test_control_characters(tmp_path):
    err = load_error(tmp_path, "version: 1\nevents: []\x07\n")
    assert err.line == 2 and "not valid YAML" in err.message


# ---------------------------------------------------------------------------------------------- property tests

def _mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    for pos, cut, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + cut:]
    return text


YAML_BITS = st.sampled_from(
    [":", "-", " ", "\n", "  ", "[", "]", "{", "}", "&a", "*a", "!!", "!x", "#", "'", '"', "? ", "<<:", "%YAML 1.1\n",
     "---\n", "...", "|", ">", "\t", "0x1", "1e999", "null", "~", "2011-02-30", "\x00", "\ud7ff", "é", "\ufeff",
     "claims:", "- id: c-1", "low: x", "version: 2", "articles:\n  12: {}"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 4000), st.integers(0, 12),
                          st.one_of(YAML_BITS, st.text(max_size=6))), min_size=1, max_size=6))
def test_mutated_registry_never_raises_anything_but_registry_error(tmp_path_factory, edits):
    path = str(tmp_path_factory.mktemp("fuzz") / "claims.yaml")
    text = _mutate(BASE, edits)
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as fh:
        fh.write(text)
    for fast in (False, True):
        try:
            reg = R.load_registry(path, fast=fast)
        except RegistryError as e:
            assert "\n" not in str(e)
        else:
            assert isinstance(reg, R.Registry)
            for c in reg.claims:  # what loads is usable
                assert c.figure is None or c.figure.low is None or c.figure.high is None or c.figure.low <= c.figure.high


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_but_registry_error(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("bytes") / "claims.yaml"
    p.write_bytes(data)
    try:
        R.load_registry(str(p))
    except RegistryError:
        pass


# ---------------------------------------------------------------------------------------------- atomic writes

def _no_temp_files(folder) -> bool:
    return not [n for n in os.listdir(folder) if n.endswith(safefile.TEMP_SUFFIX)]


def test_failed_replace_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    path = write(tmp_path)

    def boom(src, dst):
        raise OSError(errno.EIO, "simulated crash before the rename")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(RegistryError, match="the previous file is unchanged"):
        R.merge_extraction(path, {"art2": ({"hash": "h"}, [claim("c-x", "art2")])})
    assert open(path, encoding="utf-8").read() == BASE
    assert _no_temp_files(tmp_path)


def test_disk_full_midway_leaves_the_old_file(tmp_path, monkeypatch):
    path = write(tmp_path)
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))
    with pytest.raises(RegistryError, match="No space left on device"):
        R.set_claim_status(path, "c-confirmed", "rejected")
    assert open(path, encoding="utf-8").read() == BASE
    assert _no_temp_files(tmp_path)


def test_kill_9_mid_write_leaves_the_old_file(tmp_path):
    path = write(tmp_path)
    code = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {ROOT!r})
        from kzcheck import registry
        def stuck(fh):
            print("writing", flush=True)
            time.sleep(60)
        os.fsync = stuck   # the new file is written but not yet renamed when we are killed
        registry.set_claim_status({path!r}, "c-confirmed", "rejected")
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert open(path, encoding="utf-8").read() == BASE
    assert not _no_temp_files(tmp_path)  # the killed run could not clean up...
    R.set_claim_status(path, "c-confirmed", "confirmed", note="still fine")  # ...the next writer does
    assert _no_temp_files(tmp_path)
    assert R.load_registry(path).claims[0].note == "still fine"


def test_write_follows_a_symlink_and_keeps_permissions(tmp_path):
    real = write(tmp_path, name="real.yaml")
    os.chmod(real, 0o640)
    link = tmp_path / "claims.yaml"
    link.symlink_to(real)
    R.record_article(str(link), "art2", {"title": "via the link"})
    assert link.is_symlink()
    assert "via the link" in open(real, encoding="utf-8").read()
    assert os.stat(real).st_mode & 0o777 == 0o640


# ---------------------------------------------------------------------------------------------- locking

def _merge_worker(path, article, n, barrier):
    barrier.wait()
    for k in range(n):
        claims = [claim(f"c-{article}-{i}", article, low=i + 1) for i in range(k + 1)]
        R.merge_extraction(path, {article: ({"title": article, "hash": f"h{k}"}, claims)}, timeout=60)


def test_two_processes_merging_at_once_lose_nothing(tmp_path):
    path = write(tmp_path)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_merge_worker, args=(path, art, 4, barrier)) for art in ("left", "right")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    reg = R.load_registry(path)
    ids = {c.id for c in reg.claims}
    assert {f"c-left-{i}" for i in range(4)} <= ids and {f"c-right-{i}" for i in range(4)} <= ids
    assert reg.articles["left"]["hash"] == "h3" and reg.articles["right"]["hash"] == "h3"
    assert reg.claim("c-confirmed").status == "confirmed"
    assert "# keep me: a person's comment" in open(path, encoding="utf-8").read()


def _hold_lock(path, ready, release):
    with R.locked(path):
        ready.set()
        release.wait(30)


def _start_holder(path):
    """Another process that holds the registry's lock until ``release`` is set."""
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(path, ready, release))
    holder.start()
    assert ready.wait(30)
    return holder, release


def test_a_held_lock_times_out_with_lock_timeout(tmp_path):
    path = write(tmp_path)
    holder, release = _start_holder(path)
    try:
        start = time.monotonic()
        with pytest.raises(LockTimeout) as info:
            R.merge_extraction(path, {"art2": ({}, [claim("c-y", "art2")])}, timeout=0.3)
        assert 0.25 < time.monotonic() - start < 5
        assert f"kzcheck process {holder.pid}" in str(info.value) and "KZCHECK_LOCK_TIMEOUT" in str(info.value)
        assert open(path, encoding="utf-8").read() == BASE
    finally:
        release.set()
        holder.join(30)
    R.merge_extraction(path, {"art2": ({}, [claim("c-y", "art2")])}, timeout=5)  # free again
    assert R.load_registry(path).claim("c-y") is not None


def test_a_dead_holder_never_blocks(tmp_path):
    path = write(tmp_path)
    holder, _ = _start_holder(path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(30)
    R.set_claim_status(path, "c-confirmed", "confirmed", note="after a crash", timeout=5)
    assert R.load_registry(path).claims[0].note == "after a crash"


def test_lock_is_reentrant_in_one_thread_and_exclusive_between_threads(tmp_path):
    path = write(tmp_path)
    with R.locked(path):
        R.record_article(path, "art2", {"title": "inside the lock"})  # no deadlock
        errors = []

        def other():
            try:
                R.record_article(path, "art3", {"title": "other thread"}, timeout=0.2)
            except LockTimeout as e:
                errors.append(e)

        t = threading.Thread(target=other)
        t.start()
        t.join(10)
        assert len(errors) == 1
    assert "art2" in R.load_registry(path).articles


def test_exclusive_file_lock_breaks_a_stale_lock_by_pid(tmp_path):
    path = write(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_file = safefile.lock_path_for(path)
    with open(lock_file, "w") as fh:
        fh.write(f"{dead.pid} {safefile.socket.gethostname()} 0\n")
    with safefile.locked(path, timeout=2, use_flock=False) as lock:
        assert not lock.use_flock
        assert open(lock_file).read().startswith(f"{os.getpid()} ")
    assert not os.path.exists(lock_file)


def test_exclusive_file_lock_waits_for_a_live_holder(tmp_path):
    path = write(tmp_path)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with open(safefile.lock_path_for(path), "w") as fh:
            fh.write(f"{alive.pid} {safefile.socket.gethostname()} {time.time():.0f}\n")
        with pytest.raises(LockTimeout, match=f"kzcheck process {alive.pid}") as info:
            with safefile.locked(path, timeout=0.2, use_flock=False):
                pass
        assert "delete" in str(info.value)
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.skipif(R._CParser is None, reason="ruamel.yaml.clib (libyaml) is not installed")
@pytest.mark.parametrize("bad", ["x: !!python/object:os.system a\n", "x: &a 1\ny: *a\n", "x: 1\nx: 2\n",
                                 "x: !!str [1]\n", "<<: {a: 1}\n", "%YAML 1.1\n---\nx: 1\n", "a: 1\n---\nb: 2\n"])
def test_libyaml_path_leaves_anything_unusual_to_the_safe_loader(bad):
    with pytest.raises(R._FastUnsupported):
        R._fast_parse(bad)


@pytest.mark.skipif(R._CParser is None, reason="ruamel.yaml.clib (libyaml) is not installed")
def test_libyaml_path_reads_values_and_lines_like_the_round_trip_loader():
    fast = R._fast_parse(BASE)
    slow = R._parse_rt(BASE, "claims.yaml")
    assert R._plain(fast) == R._plain(slow)
    assert R._doc_lines(fast) == R._doc_lines(slow)
    problems = R.validate(R._fast_parse(BASE.replace("measure: deaths", "measure: x")))
    assert [p.line for p in problems] == [18]
