#!/usr/bin/env python
"""Same claims, faster? Extract a fixed set of articles with the kzcheck tree in the current folder,
write every claim as JSON lines and print the library's throughput (CPU time, one process); then
compare two such files. Every speed change is checked this way: the claims must not change.

    cd OTHER_CHECKOUT && python /path/to/bench/snapshot.py /tmp/before.jsonl   # e.g. a git worktree
    cd THIS_CHECKOUT && python bench/snapshot.py /tmp/after.jsonl [--n 1000]
    python bench/snapshot.py --diff /tmp/before.jsonl /tmp/after.jsonl         # exit 1 if any differ

Articles: seeds/, tests/articles/, and the first N (default 1,000) files of this repository's
bench/out/corpus (bench/run.py builds it). Run the two trees alternately, a few times, on a quiet
machine: the ratio of their throughputs is the figure to quote.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out", "corpus")


def article_files(n: int) -> list[str]:
    own = sorted(glob.glob("seeds/*.*")) + sorted(glob.glob("tests/articles/*.txt")) + sorted(glob.glob("tests/articles/*.md"))
    own = [f for f in own if not f.endswith((".json", "SOURCES.md"))]
    return own + sorted(glob.glob(os.path.join(CORPUS, "*")))[:n]


def snapshot(out: str, n: int) -> None:
    sys.path.insert(0, os.getcwd())  # the kzcheck of the current folder, not the installed one
    from kzcheck.corpus import read_article
    from kzcheck.extract import extract_article
    from kzcheck.pipeline import Project, _apply

    project = Project(".")
    events, vocab, registered = project.events(), project.vocab(), project.registry().articles
    articles = []
    for path in article_files(n):
        art = read_article(path, lambda warning: None)
        if art is not None:
            _apply(art, registered.get(art.id) or {})
            articles.append((path, art))
    size = sum(len(art.text.encode()) for _, art in articles)
    start = time.process_time()
    results = [(path, extract_article(art, vocab, events)) for path, art in articles]
    seconds = time.process_time() - start
    with open(out, "w", encoding="utf-8") as fh:
        for path, claims in results:
            fh.write(json.dumps({"file": os.path.basename(path), "claims": [c.to_json() for c in claims]},
                                sort_keys=True) + "\n")
    print(f"{len(articles)} articles, {size / 1e6:.2f} MB, {seconds:.2f} s, {size / 1e6 / seconds:.2f} MB/s (CPU time)")


def diff(before: str, after: str) -> int:
    with open(before, encoding="utf-8") as a, open(after, encoding="utf-8") as b:
        old, new = [json.loads(line) for line in a], [json.loads(line) for line in b]
    differ = 0
    for x, y in zip(old, new):
        if x == y:
            continue
        differ += 1
        if differ <= 5:
            xs = {json.dumps(c, sort_keys=True) for c in x["claims"]}
            ys = {json.dumps(c, sort_keys=True) for c in y["claims"]}
            print("==", x["file"])
            for c in sorted(xs - ys)[:3]:
                print("  - before:", c[:400])
            for c in sorted(ys - xs)[:3]:
                print("  + after: ", c[:400])
    counts = "" if len(old) == len(new) else f" (compared the first {min(len(old), len(new))}: {len(old)} vs {len(new)})"
    print(f"{differ} of {min(len(old), len(new))} articles differ{counts}")
    return differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", help="where to write the claims (JSON lines)")
    ap.add_argument("--n", type=int, default=1000, help="how many corpus articles (default 1000)")
    ap.add_argument("--diff", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two snapshots")
    a = ap.parse_args()
    if a.diff:
        return 1 if diff(*a.diff) else 0
    if not a.out:
        ap.error("give a file to write, or --diff BEFORE AFTER")
    snapshot(a.out, a.n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
