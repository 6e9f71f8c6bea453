#!/usr/bin/env python
"""The first read-only load of a large claims.yaml (issue 7): this tree against another commit, in one run.

    .venv/bin/python bench/regload.py --against b78c98e                       # bench/out/project-100k
    .venv/bin/python bench/regload.py --against b78c98e --registry PATH --runs 3 --json bench/out/regload.json
    .venv/bin/python bench/regload.py --block bench/out/block-100k.yaml    # make a copy written as kzcheck writes

For each registry, each tree (PYTHONPATH set to it, the same interpreter) and each run, in fresh
subprocesses, with a copy of the registry in a temporary folder and a cache of its own:

- ``first``: ``load_registry(path, fast=True)`` with an empty cache (the whole file is parsed);
- ``after one edit``: one claim's status changed in the middle of the file (what a review does), then
  the same load with the cache of the first;
- ``compare deaths``: the whole command, first run after that edit (another claim changed).

Wall seconds and the child's peak RSS (wait4) are printed, the minimum over --runs, the two trees
alternating; ratios are the other commit's figure over this tree's. ``--against REF`` extracts REF's
kzcheck/ with ``git archive`` into a temporary folder (the repository is only read). The default registry is
the one bench/run.py makes (bench/out/project-100k/claims.yaml: one claim a line, in braces);
``--block OUT`` writes a copy of it as ``kzcheck extract --write`` writes claims (a mapping of one key a
line), to pass as --registry (a few minutes). stdlib only (and kzcheck for --block).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = os.path.join(ROOT, "bench", "out", "project-100k", "claims.yaml")
LOAD = """
import sys, time
t = time.perf_counter()
import kzcheck.registry
assert kzcheck.registry.__file__.startswith(sys.argv[2]), kzcheck.registry.__file__
from kzcheck.registry import load_registry
reg = load_registry(sys.argv[1], fast=True)
print(round(time.perf_counter() - t, 3), len(reg.claim_articles or ()))
"""


def child(tree: str, args: list[str], env: dict, cwd: str) -> dict:
    """Run ``python args`` with PYTHONPATH=tree in ``cwd`` (not a tree: -c and -m put the current folder
    first on sys.path); wall seconds, peak RSS in MB, stdout."""
    env = dict(env, PYTHONPATH=tree)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    out, err = p.stdout.read(), p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):  # compare exits 1 when it finds contradictions
        raise SystemExit(f"{args} failed in {tree}:\n{err.decode()[-2000:]}")
    return {"wall_s": round(wall, 3), "rss_mb": round(usage.ru_maxrss / 1024), "out": out.decode()[:200]}


def edit(path: str, which: int) -> None:
    """Change one claim in the middle of the file: the ``which``-th 'unreviewed' after the middle."""
    with open(path, "rb") as fh:
        data = fh.read()
    at = len(data) // 2
    for _ in range(which + 1):
        at = data.index(b"unreviewed", at + 1)
    with open(path, "wb") as fh:
        fh.write(data[:at] + b"confirmed" + data[at + len(b"unreviewed"):])


def one_run(tree: str, registry: str, work: str) -> dict:
    """The three measures of one tree on a fresh copy of the registry."""
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    path = os.path.join(work, "claims.yaml")
    shutil.copy(registry, path)
    env = dict(os.environ, KZCHECK_CACHE_DIR=os.path.join(work, "cache"), NO_COLOR="1")
    env.pop("KZCHECK_NO_CACHE", None)
    out = {"first": child(tree, ["-c", LOAD, path, tree], env, work)}
    edit(path, 0)
    out["after one edit"] = child(tree, ["-c", LOAD, path, tree], env, work)
    edit(path, 0)
    out["compare deaths"] = child(tree, ["-m", "kzcheck", "--repo", work, "compare", "deaths"], env, work)
    shutil.rmtree(work)
    return out


def make_block(source: str, out: str) -> None:
    """``source`` with its claims written as kzcheck's writer writes them (1,000 at a time)."""
    sys.path.insert(0, ROOT)
    from ruamel.yaml.comments import CommentedSeq

    from kzcheck import registry as R

    with tempfile.TemporaryDirectory() as cache:
        os.environ["KZCHECK_CACHE_DIR"] = cache
        reg = R.load_registry(source, fast=True)
        claims = reg.claims
    with open(source, encoding="utf-8") as fh:
        text = fh.read()
    head = text[:re.search(r"^claims:", text, re.M).start()]
    with open(out + ".tmp", "w", encoding="utf-8") as fh:
        fh.write(head + "claims:\n")
        for i in range(0, len(claims), 1000):
            doc = R._new_doc()
            doc["claims"] = CommentedSeq(R._new_claim_map(R._claim_record(c)) for c in claims[i:i + 1000])
            R._quote_risky_flow_scalars(doc)
            fh.write(R._dump(doc).split("claims:\n", 1)[1])
        fh.write("\narticles:\n")
        for aid, meta in reg.articles.items():
            fh.write(f"  {json.dumps(aid)}: {json.dumps(meta, ensure_ascii=False)}\n")
    os.replace(out + ".tmp", out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", metavar="REF", help="a commit to measure in the same run")
    ap.add_argument("--registry", action="append", help="claims.yaml to load (repeatable)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--block", metavar="OUT", help="write a copy of the registry as kzcheck writes claims, then stop")
    a = ap.parse_args(argv)
    registries = a.registry or [DEFAULT]
    if a.block:
        make_block(registries[0], a.block)
        print(f"wrote {a.block}")
        return 0
    trees = {"this tree": ROOT}
    tmp = tempfile.mkdtemp(prefix="regload-")
    try:
        if a.against:
            other = os.path.join(tmp, "other")
            os.makedirs(other)
            archive = subprocess.run(["git", "-C", ROOT, "archive", "--format=tar", a.against, "kzcheck"],
                                     check=True, stdout=subprocess.PIPE).stdout
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(other)
            trees = {a.against: other, "this tree": ROOT}
        results: dict = {}
        for registry in registries:
            runs: dict = {name: [] for name in trees}
            for r in range(a.runs):
                for name, tree in trees.items():
                    runs[name].append(one_run(tree, registry, os.path.join(tmp, "work")))
                    print(f"[{os.path.basename(os.path.dirname(registry)) or registry} run {r + 1}] {name}: "
                          + ", ".join(f"{k} {v['wall_s']:.2f}s {v['rss_mb']} MB" for k, v in runs[name][-1].items()),
                          file=sys.stderr, flush=True)
            best = {name: {k: {"wall_s": min(x[k]["wall_s"] for x in rs), "rss_mb": min(x[k]["rss_mb"] for x in rs)}
                           for k in rs[0]} for name, rs in runs.items()}
            results[registry] = {"runs": runs, "best": best}
            print(f"\n{registry} ({os.path.getsize(registry) / 1e6:.0f} MB), best of {a.runs}:")
            for k in best["this tree"]:
                line = f"  {k:16s}" + "".join(f"  {name}: {b[k]['wall_s']:6.2f} s {b[k]['rss_mb']:5d} MB"
                                               for name, b in best.items())
                if a.against:
                    o, t = best[a.against][k], best["this tree"][k]
                    line += f"   ratio {o['wall_s'] / t['wall_s']:.1f}x time, {o['rss_mb'] / t['rss_mb']:.1f}x memory"
                print(line)
        if a.json:
            with open(a.json, "w", encoding="utf-8") as fh:
                json.dump(results, fh, indent=1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
