#!/usr/bin/env python
"""kzcheck start-up: import time of the command line, now and (optionally) at another commit.

    .venv/bin/python bench/importtime.py                 # this working tree
    .venv/bin/python bench/importtime.py --against main  # and main, in the same run, with ratios
    .venv/bin/python bench/importtime.py --runs 9 --json bench/out/importtime.json

For each tree it runs, in fresh subprocesses with PYTHONPATH set to that tree
(so both trees use the same interpreter and the same installed packages):

- ``python -X importtime -c "import kzcheck.cli"``: the total import time of
  the statement, and the modules that account for it: each module imported
  from kzcheck's own code, with its cumulative time (what kzcheck pays for it);
- ``python -X importtime -m kzcheck --help`` and ``... compare deaths`` on the
  repository's seeds: their total import time and which heavy modules
  (rich, ruamel.yaml, rapidfuzz, sqlite3, tabulate, concurrent.futures...) they load;
- wall and CPU time (user + system, from wait4) of ``python -m kzcheck --help``,
  ``compare --help`` and ``compare deaths`` (stdout a pipe, cache warmed by a
  first run in a temporary KZCHECK_CACHE_DIR). The child is reaped with
  os.wait4 (subprocess's wait with a timeout polls in steps of up to 50 ms).

Each figure is the minimum over --runs runs (import times are noisy; the
minimum is the least disturbed by other work on the machine). ``--against REF``
checks REF out with ``git worktree add --detach`` in a temporary folder and
removes it afterwards. stdlib only.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAVY = ("rich", "ruamel.yaml", "rapidfuzz", "sqlite3", "tabulate", "concurrent.futures", "multiprocessing",
         "yaml", "dask")
COMMANDS = {"--help": ["--help"], "compare --help": ["compare", "--help"],
            "compare deaths": ["--repo", ROOT, "compare", "deaths"]}


def parse_importtime(stderr: str) -> list[tuple[str, int, int]]:
    """(name, depth, cumulative us) per line of -X importtime, in the order printed (children first)."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        parts = line[len("import time:"):].split("|")
        raw = parts[2]
        name = raw.lstrip(" ")
        rows.append((name.rstrip(), (len(raw) - len(name) - 1) // 2, int(parts[1])))
    return rows


def account(rows) -> tuple[int, dict[str, int], set[str]]:
    """What the kzcheck code triggered: total us, the cost of each module it imports itself, every module.

    Interpreter start-up (site, encodings...) comes before the first top-level
    kzcheck line and is left out. A module counts in the breakdown when no
    module other than kzcheck's own stands between it and the top level, so
    the breakdown does not count a nested import twice.
    """
    first = next((i for i, (n, d, _) in enumerate(rows) if d == 0 and n.startswith("kzcheck")), len(rows))
    begin = max([i + 1 for i, (_, d, _) in enumerate(rows[:first]) if d == 0], default=0)
    total, outer, names = 0, {}, set()
    path: list[str] = []
    # Reversed, -X importtime's post-order becomes a pre-order: a line's ancestors are the path above it.
    for name, depth, cum in reversed(rows[begin:]):
        path = path[:depth] + [name]
        names.add(name)
        if depth == 0:
            total += cum
        if not name.startswith("kzcheck") and all(a.startswith("kzcheck") for a in path[:-1]):
            outer[name] = outer.get(name, 0) + cum
    return total, outer, names


def run_importtime(python: str, env: dict, args: list[str]) -> list[tuple[str, int, int]]:
    p = subprocess.run([python, "-X", "importtime", *args], env=env, cwd=env["KZCHECK_CACHE_DIR"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode not in (0, 1):
        raise SystemExit(f"importtime: {' '.join(args)} failed ({p.returncode}): {p.stderr[-500:]}")
    return parse_importtime(p.stderr)


def wall_ms(python: str, env: dict, args: list[str]) -> tuple[float, float]:
    """(wall ms, CPU ms: user + system of the child) of one run."""
    t = time.perf_counter()
    p = subprocess.Popen([python, *args], env=env, cwd=env["KZCHECK_CACHE_DIR"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    p.returncode = 0  # reaped by wait4
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


class Tree:
    """One checkout to measure: its environment, and the minimum of each figure over the runs so far."""

    def __init__(self, path: str, python: str):
        self.path, self.python = path, python
        self.cache = tempfile.mkdtemp(prefix="kzcheck-importtime-cache-")
        self.env = {**os.environ, "PYTHONPATH": path, "KZCHECK_CACHE_DIR": self.cache, "NO_COLOR": "1"}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # both trees run from bytecode after the warm-up
        self.figures: dict = {"tree": path}

    def prepare(self) -> None:
        """Check that this tree's kzcheck is the one imported; warm its bytecode and claim cache."""
        path, python = self.path, self.python
        # cwd is the cache folder: with -c and -m the current folder comes first on sys.path
        check = subprocess.run([python, "-c", "import kzcheck, sys; sys.stdout.write(kzcheck.__file__)"],
                               env=self.env, cwd=self.cache, capture_output=True, text=True)
        if not check.stdout.startswith(os.path.join(path, "kzcheck")):
            found = check.stdout or check.stderr
            raise SystemExit(f"importtime: PYTHONPATH={path} does not win over the installed kzcheck ({found})")
        for args in COMMANDS.values():  # warm the bytecode and the claim cache
            wall_ms(python, self.env, ["-m", "kzcheck", *args])

    def run_once(self) -> None:
        """One sample of every figure; each figure keeps its minimum."""
        jobs = {"import kzcheck.cli": ["-c", "import kzcheck.cli"]}
        jobs.update({f"kzcheck {k}": ["-m", "kzcheck", *v] for k, v in COMMANDS.items()})
        for label, args in jobs.items():
            total, outer, seen = account(run_importtime(self.python, self.env, args))
            fig = self.figures.setdefault(label, {"total_ms": float("inf"), "modules_ms": {}, "heavy": []})
            fig["total_ms"] = min(fig["total_ms"], total / 1000)
            for m, us in outer.items():
                fig["modules_ms"][m] = min(us / 1000, fig["modules_ms"].get(m, us / 1000))
            fig["heavy"] = sorted(set(fig["heavy"]) | {h for h in HEAVY if any(n == h or n.startswith(h + ".")
                                                                               for n in seen)})
        for k, args in COMMANDS.items():
            for label, ms in zip(("wall", "cpu"), wall_ms(self.python, self.env, ["-m", "kzcheck", *args])):
                self.figures[f"{label} kzcheck {k}"] = min(ms, self.figures.get(f"{label} kzcheck {k}", ms))

    def close(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)


def report(results: list[tuple[str, dict]], top: int) -> None:
    names = [n for n, _ in results]
    ratio = len(results) == 2
    head = f"{'':44}" + "".join(f"{n[:14]:>15}" for n in names) + (f"{'ratio':>10}" if ratio else "")
    print(head)

    def row(label: str, values: list) -> None:
        cells = "".join(f"{v:>15.1f}" if v is not None else f"{'-':>15}" for v in values)
        r = ""
        if ratio and values[0] and values[1]:
            r = f"{values[0] / values[1]:>10.2f}"
        print(f"{label[:44]:44}{cells}{r}")

    for job in ["import kzcheck.cli"] + [f"kzcheck {k}" for k in COMMANDS]:
        print(f"\n{job} (import ms)")
        row("  total", [r[job]["total_ms"] for _, r in results])
        mods: dict[str, float] = {}
        for _, r in results:
            for m, ms in r[job]["modules_ms"].items():
                mods[m] = max(ms, mods.get(m, 0))
        for m in sorted(mods, key=mods.get, reverse=True)[:top]:
            row(f"  {m}", [r[job]["modules_ms"].get(m) for _, r in results])
        for n, r in results:
            print(f"  heavy modules loaded ({n}): {', '.join(r[job]['heavy']) or 'none'}")
    for label, what in (("wall", "wall time"), ("cpu", "CPU time, user + system")):
        print(f"\n{what} (ms, whole process)")
        for k in COMMANDS:
            row(f"  kzcheck {k}", [r[f"{label} kzcheck {k}"] for _, r in results])
    if ratio:
        print(f"\nratio = {names[0]} / {names[1]} (below 1: {names[0]} is faster)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--against", metavar="REF", help="also measure this git ref (e.g. main) and print ratios")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure; the minimum is kept (default 5)")
    ap.add_argument("--top", type=int, default=12, help="modules to list per command (default 12)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    opts = ap.parse_args()
    if opts.runs < 1 or opts.top < 1:
        ap.error("--runs and --top must be at least 1")
    python = sys.executable
    other = None
    trees = [("this tree", Tree(ROOT, python))]
    try:
        trees[0][1].prepare()
        if opts.against:
            other = tempfile.mkdtemp(prefix="kzcheck-importtime-")
            wt = os.path.join(other, "tree")
            p = subprocess.run(["git", "-C", ROOT, "worktree", "add", "--detach", wt, opts.against],
                               capture_output=True, text=True)
            if p.returncode:
                raise SystemExit(f"importtime: cannot check out {opts.against!r}: {p.stderr.strip()}")
            trees.append((opts.against, Tree(wt, python)))
            trees[-1][1].prepare()
        for _ in range(opts.runs):  # the trees take turns, so that a busy moment does not favour one of them
            for _, tree in trees:
                tree.run_once()
    finally:
        for _, tree in trees:
            tree.close()
        if other:
            subprocess.run(["git", "-C", ROOT, "worktree", "remove", "--force", os.path.join(other, "tree")],
                           capture_output=True)
            shutil.rmtree(other, ignore_errors=True)
    results = [(name, tree.figures) for name, tree in trees]
    print(f"python {sys.version.split()[0]}; {opts.runs} run(s) per figure, minimum kept\n")
    report(results, opts.top)
    if opts.json:
        os.makedirs(os.path.dirname(os.path.abspath(opts.json)), exist_ok=True)
        with open(opts.json, "w", encoding="utf-8") as fh:
            json.dump(dict(results), fh, indent=2)


if __name__ == "__main__":
    main()
