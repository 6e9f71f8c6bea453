#!/usr/bin/env python
"""kzcheck benchmark: one command, one run, every figure of issue 7.

    .venv/bin/python bench/run.py [--articles N] [--quick] [--out bench/out/results.json]

1. Builds a deterministic corpus of N articles (default 10,000, ~5 KB each,
   ~50 MB) in bench/out/corpus/ by recombining sentences of seeds/*.txt and
   tests/articles/*.txt|.md, with figures, names and dates varied
   (random.Random(seed)). Reused when it already matches (manifest).
2. Measures, in one run:
   (a) library extraction throughput, single process, over the whole corpus
       (kzcheck.corpus.article_from_text + kzcheck.extract.extract_article with
       the events of claims.yaml), next to re.findall(r"\\d[\\d,.]*", text)
       on the same texts; printed as the ratio kzcheck time / regex time.
       Runs in a child process, so that its peak memory is its own.
   (b) `kzcheck --repo <tmp project> extract bench/out/corpus --format jsonl`
       cold (fresh KZCHECK_CACHE_DIR) and warm (same cache, nothing changed):
       wall time, warm/cold ratio, CPU (user+sys) / wall to see whether both
       cores were used.
   (c) `kzcheck compare deaths` (also with --event) and `kzcheck sources "10,000 detained"` on two
       registries, and `kzcheck --help` start-up.
   (d) peak memory (ru_maxrss) of every child.

The project of (b) has the version, events and sources sections of the
repository's claims.yaml and a seeds/ that is a symlink to the corpus. After
(b), an extract through seeds/ (the corpus under another path: found in the
cache by content) writes every claim. For (c) they go into two registries
(YAML flow mappings, one claim a line, all unreviewed): the issue's, of
100,000 claims (the first articles of the corpus; its seeds/ holds just those
articles), and one holding every claim of the corpus. On each: the first
compare (the YAML is parsed and its claims stored in the cache), then warm runs
that compute their answer (kept outputs forgotten first: the cost of a run after
any change) and warm re-runs that print the kept output (best of 3 each).
Children run without PYTHONDONTWRITEBYTECODE (start-up as users see it).

stdlib + kzcheck only.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
CORPUS_VERSION = 2  # bump when the generator changes
REGEX = r"\d[\d,.]*"

# --------------------------------------------------------------------------- corpus

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
FIRST = ["Aigerim", "Yerlan", "Daniyar", "Saule", "Nurlan", "Gulnara", "Marat", "Zhanna", "Askar", "Dina",
         "Bolat", "Aliya", "Serik", "Madina", "Timur", "Asel", "Ruslan", "Kamila", "Arman", "Elena", "Igor",
         "Olga", "Sergei", "Natalia", "John", "Sarah", "Peter", "Maria"]
LAST = ["Abenov", "Sultanova", "Kemelov", "Nurpeisova", "Zhaksybekov", "Ismailova", "Bekov", "Tulegenova",
        "Omarov", "Sadykova", "Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Akhmetov", "Dzhumabayeva",
        "Karimov", "Utegenova", "Baimukhanov", "Yesenova", "Miller", "Davies", "Walker", "Schmidt"]
OUTLETS = ["Steppe Dispatch", "Caspian Wire", "Almaty Herald", "Eurasia Monitor", "The Northern Ledger",
           "Radio Azattyq", "Vlast Weekly", "Reuters", "Associated Press", "RFE/RL"]
TOPICS = ["unrest", "strike", "trial", "protest", "crackdown", "amnesty", "inquiry", "report", "verdict"]

_MONTH_RE = "|".join(MONTHS)
# one pass: dates first (alternation order), then person names, then any figure
_VARY = re.compile(
    r"(?P<dmy>\b(?P<d1>\d{1,2}) (?P<m1>%(m)s)(?: (?P<y1>(?:19|20)\d\d))?\b)"
    r"|(?P<mdy>\b(?P<m2>%(m)s) (?P<d2>\d{1,2})(?:, (?P<y2>(?:19|20)\d\d))?\b)"
    r"|(?P<iso>\b(?P<y3>(?:19|20)\d\d)-(?P<mo3>\d\d)-(?P<d3>\d\d)\b)"
    r"|(?P<name>\b[A-Z][a-z]+ [A-Z][a-z]+(?:ov|ova|ev|eva|yev|yeva|in|ina|enko|uly|kyzy|bekov|bayev|bayeva)\b)"
    r"|(?P<num>\d[\d,.]*\d|\d)" % {"m": _MONTH_RE})
_SENT_SPLIT = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z0-9‘'(*#\-—])")


def _year(rng: random.Random, y: str) -> str:
    y = int(y)
    return str(y if rng.random() < 0.6 else max(1990, min(2026, y + rng.randint(-3, 3))))


def _vary_number(rng: random.Random, s: str) -> str:
    if re.fullmatch(r"(19|20)\d\d", s):  # a year
        return _year(rng, s)
    core = s.rstrip(",.")
    tail = s[len(core):]
    commas = "," in core
    dec = re.search(r"\.(\d+)$", core)
    try:
        v = float(core.replace(",", "")) if core.count(".") <= 1 else None
    except ValueError:
        v = None
    if v is None:  # 1.2.3 or similar: keep the shape, change the digits
        return re.sub(r"\d", lambda m: str(rng.randint(0, 9)), s)
    r = rng.random()
    if r < 0.15:
        nv = v  # unchanged: lets identical figures meet across articles
    elif r < 0.9:
        nv = v * rng.uniform(0.5, 1.8)
    else:
        nv = v * 10 ** rng.choice([-1, 1, 2])
    if dec:
        out = f"{nv:,.{len(dec.group(1))}f}" if commas else f"{nv:.{len(dec.group(1))}f}"
    else:
        nv = max(0, int(round(nv)))
        if nv >= 1000 and rng.random() < 0.5:  # round like journalists do
            nv = int(round(nv, -(len(str(nv)) - 2)))
        out = f"{nv:,}" if commas or (nv >= 10000 and rng.random() < 0.7) else str(nv)
    return out + tail


def vary(rng: random.Random, sentence: str) -> str:
    def sub(m: re.Match) -> str:
        if m.group("dmy"):
            s = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
            return s + (f" {_year(rng, m.group('y1'))}" if m.group("y1") else "")
        if m.group("mdy"):
            s = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}"
            return s + (f", {_year(rng, m.group('y2'))}" if m.group("y2") else "")
        if m.group("iso"):
            return f"{_year(rng, m.group('y3'))}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if m.group("name"):
            return m.group(0) if rng.random() < 0.3 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        return _vary_number(rng, m.group("num"))

    return _VARY.sub(sub, sentence)


def source_texts() -> list[tuple[str, str]]:
    files = []
    for folder, exts in ((os.path.join(ROOT, "seeds"), (".txt",)),
                         (os.path.join(ROOT, "tests", "articles"), (".txt", ".md"))):
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(exts):
                    files.append(os.path.join(folder, name))
    out = []
    for p in files:
        with open(p, encoding="utf-8", errors="replace") as f:
            out.append((os.path.relpath(p, ROOT), f.read()))
    return out


def sentence_pool(texts: list[tuple[str, str]]) -> tuple[list[str], list[str], list[list[str]]]:
    """(sentences, short header-like lines, paragraphs as sentence lists) from the source texts."""
    sentences, headers, paragraphs = [], [], []
    for _, text in texts:
        if text.startswith("---\n"):  # drop front matter
            end = text.find("\n---", 4)
            text = text[end + 4:] if end > 0 else text
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(line.strip() for line in para.strip().splitlines())
            if not para:
                continue
            parts = [s.strip() for s in _SENT_SPLIT.split(para) if s.strip()]
            if len(para) < 90 and not para.endswith((".", "”", "\"")):
                headers.append(para)
                continue
            paragraphs.append(parts)
            sentences.extend(parts)
    return sentences, headers, paragraphs


def make_article(rng: random.Random, i: int, pool, target: int) -> str:
    sentences, headers, paragraphs = pool
    parts = []
    title = vary(rng, rng.choice(headers)) if headers and rng.random() < 0.7 else \
        f"{rng.choice(['Kazakhstan', 'Zhanaozen', 'Almaty', 'Aktobe', 'Astana'])} {rng.choice(TOPICS)}: " \
        f"{rng.randint(2, 9999):,} {rng.choice(['detained', 'killed', 'injured', 'convicted', 'protesters'])}"
    fm = rng.random() < 0.5
    if fm:
        y = rng.choice([2011, 2012, 2016, 2019, 2022, 2023, rng.randint(2005, 2025)])
        parts.append("---\n" + f'title: "{title.replace(chr(34), chr(39))}"\n'
                     f"outlet: {rng.choice(OUTLETS)}\nauthor: {rng.choice(FIRST)} {rng.choice(LAST)}\n"
                     f"published: {y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
                     f"url: https://news.example/{i}\n---\n")
        parts.append(("# " if rng.random() < 0.5 else "") + title + "\n")
    else:
        parts.append(title + "\n")
    size = sum(len(p) for p in parts)
    while size < target:
        r = rng.random()
        if r < 0.45 and paragraphs:  # a whole paragraph, varied
            para = " ".join(vary(rng, s) for s in rng.choice(paragraphs))
        elif r < 0.93:  # a recombined paragraph of 1-4 sentences
            para = " ".join(vary(rng, rng.choice(sentences)) for _ in range(rng.randint(1, 4)))
        else:  # a sub-heading
            para = ("## " if fm and rng.random() < 0.5 else "") + vary(rng, rng.choice(headers or sentences))
        parts.append(para + "\n")
        size += len(para) + 2
    return "\n".join(parts)


def build_corpus(n: int, seed: int, corpus: str, size: int) -> dict:
    texts = source_texts()
    manifest_path = corpus.rstrip("/") + ".manifest.json"
    key = {"articles": n, "seed": seed, "size": size, "version": CORPUS_VERSION,
           "sources": [[p, len(t)] for p, t in texts]}
    try:
        with open(manifest_path) as f:
            old = json.load(f)
        if old.get("key") == key and len(os.listdir(corpus)) == n:
            old["reused"] = True
            return old
    except (OSError, ValueError):
        pass
    t0 = time.perf_counter()
    if os.path.isdir(corpus):
        shutil.rmtree(corpus)
    os.makedirs(corpus)
    pool = sentence_pool(texts)
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        target = int(rng.gauss(size, size * 0.25))
        target = max(size // 4, min(size * 3, target))
        text = make_article(rng, i, pool, target)
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(corpus, f"a{i:06d}.{'md' if text.startswith('---') else 'txt'}"), "wb") as f:
            f.write(data)
    info = {"key": key, "articles": n, "bytes": total, "mb": total / 1e6, "source_files": len(texts),
            "sentences": len(pool[0]), "build_seconds": time.perf_counter() - t0, "reused": False}
    with open(manifest_path, "w") as f:
        json.dump(info, f, indent=1)
    return info


# --------------------------------------------------------------------------- (a) library phase (child process)

def library_phase(corpus: str, out: str) -> None:
    sys.path.insert(0, ROOT)
    t_imp = time.perf_counter()
    from kzcheck.corpus import article_from_text
    from kzcheck.extract import extract_article
    from kzcheck.registry import load_registry
    from kzcheck.vocab import default_vocabulary
    events = load_registry(os.path.join(ROOT, "claims.yaml")).events
    vocab = default_vocabulary()
    setup = time.perf_counter() - t_imp
    rx = re.compile(REGEX)
    t_kz = t_rx = 0.0
    nbytes = nchars = claims = figures = numbers = articles = 0
    slowest = (0.0, "")
    per_kb = []
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name), "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
        nbytes += len(data)
        nchars += len(text)
        t0 = time.perf_counter()
        numbers += len(rx.findall(text))
        t1 = time.perf_counter()
        art = article_from_text(text, name.rsplit(".", 1)[0], path=name)
        cs = extract_article(art, vocab, events)
        t2 = time.perf_counter()
        t_rx += t1 - t0
        dt = t2 - t1
        t_kz += dt
        per_kb.append(dt * 1e6 / max(1, len(data)))
        if dt > slowest[0]:
            slowest = (dt, name)
        claims += len(cs)
        figures += sum(1 for c in cs if c.figure is not None)
        articles += 1
    ru = resource.getrusage(resource.RUSAGE_SELF)
    res = {"articles": articles, "bytes": nbytes, "chars": nchars, "claims": claims, "figure_claims": figures,
           "regex_matches": numbers, "setup_seconds": setup,
           "kzcheck_seconds": t_kz, "regex_seconds": t_rx,
           "kzcheck_mb_s": nbytes / 1e6 / t_kz if t_kz else None,
           "regex_mb_s": nbytes / 1e6 / t_rx if t_rx else None,
           "ratio_kzcheck_over_regex": t_kz / t_rx if t_rx else None,
           "slowest_article": slowest[1], "slowest_article_seconds": slowest[0],
           "ms_per_kb_median": statistics.median(per_kb) if per_kb else None,
           "ms_per_kb_max": max(per_kb) if per_kb else None,
           "peak_rss_mb": ru.ru_maxrss / 1024}
    with open(out, "w") as f:
        json.dump(res, f, indent=1)


QUANTULUM_SAMPLE = 40  # articles: quantulum3 reads about 17 KB a second


def quantulum_phase(corpus: str, out: str, sample: int) -> None:
    """Runs in the bench's own Python that has quantulum3 (never a kzcheck dependency)."""
    import quantulum3.parser as qp

    names = sorted(os.listdir(corpus))[:sample]
    texts = []
    for name in names:
        with open(os.path.join(corpus, name), "rb") as f:
            texts.append(f.read())
    qp.parse("warm up 12 people")
    t0 = time.perf_counter()
    quantities = sum(len(qp.parse(t.decode("utf-8"))) for t in texts)
    dt = time.perf_counter() - t0
    nbytes = sum(map(len, texts))
    with open(out, "w") as f:
        json.dump({"articles": len(texts), "bytes": nbytes, "seconds": dt, "quantities": quantities,
                   "mb_s": nbytes / 1e6 / dt if dt else None}, f, indent=1)


def quantulum_python(given: str | None) -> str | None:
    """The Python of the bench's quantulum3 environment: --quantulum PATH, else bench/.qvenv if it exists."""
    if given:
        return given
    default = os.path.join(ROOT, "bench", ".qvenv", "bin", "python")
    return default if os.path.exists(default) else None


# --------------------------------------------------------------------------- children

def run_child(cmd: list[str], env: dict, stdout=None, cwd: str = ROOT, timeout: float = 7200) -> dict:
    """Run cmd; wall time, user+sys CPU and peak RSS of it and its descendants (os.wait4)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=stdout if stdout is not None else subprocess.DEVNULL,
                         stderr=err, stdin=subprocess.DEVNULL)
    timed_out = False
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - t0 > timeout:
            timed_out = True
            p.kill()
            _, status, ru = os.wait4(p.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    err.seek(0)
    tail = err.read()[-600:].decode("utf-8", "replace")
    cpu = ru.ru_utime + ru.ru_stime
    return {"cmd": " ".join(cmd), "rc": p.returncode, "wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime,
            "cpu_s": cpu, "cpu_over_wall": cpu / wall if wall else None,
            "rusage_children_cpu_delta_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
            "peak_rss_mb": ru.ru_maxrss / 1024, "timed_out": timed_out, "timeout_s": timeout, "stderr_tail": tail}


def kz(*args: str) -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "kzcheck")
    return ([exe] if os.path.exists(exe) else [sys.executable, "-m", "kzcheck"]) + list(args)


def make_project(corpus: str, name: str = "project", seeds: list[str] | None = None) -> str:
    """bench/out/NAME: the version, events and sources of the repository's claims.yaml, no articles, no
    claims; seeds/ is a symlink to the corpus, or a folder of symlinks to the files ``seeds``."""
    proj = os.path.join(OUT, name)
    if os.path.isdir(proj) or os.path.islink(proj):
        shutil.rmtree(proj)
    os.makedirs(proj)
    with open(os.path.join(ROOT, "claims.yaml"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"^articles:", text, re.M)
    head = text[:m.start()] if m else text
    with open(os.path.join(proj, "claims.yaml"), "w", encoding="utf-8") as f:
        f.write("# bench project: events and sources of the repository's claims.yaml; no articles, no claims.\n")
        f.write(head.rstrip() + "\n\narticles: {}\n\nclaims: []\n")
    if seeds is None:
        os.symlink(os.path.abspath(corpus), os.path.join(proj, "seeds"))
    else:
        os.makedirs(os.path.join(proj, "seeds"))
        for path in seeds:
            os.symlink(os.path.abspath(path), os.path.join(proj, "seeds", os.path.basename(path)))
    return proj


def first_claims(claims_jsonl: str, out: str, at_least: int) -> set[str]:
    """Copy the claims of the first articles of ``claims_jsonl`` until ``at_least`` claims are copied
    (whole articles); the ids of those articles."""
    articles: set[str] = set()
    n = 0
    with open(claims_jsonl, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            article = json.loads(line)["article"]
            if article not in articles:
                if n >= at_least:
                    break
                articles.add(article)
            dst.write(line)
            n += 1
    return articles


def write_registry(proj: str, claims_jsonl: str) -> dict:
    """Make the project's claims.yaml hold every claim of the corpus (as `extract --write` would record
    them, unreviewed), written directly as YAML flow mappings (one claim a line) because merging 300,000
    claims through the round-trip writer is itself slow. compare and sources then read a registry
    holding every claim, and seeds/ adds nothing (every article has its claims in the registry)."""
    sys.path.insert(0, ROOT)
    from kzcheck.registry import CLAIM_KEYS

    path = os.path.join(proj, "claims.yaml")
    with open(path, encoding="utf-8") as f:
        head = f.read()
    head = head[:head.index("\narticles:")]
    articles: dict = {}
    n = 0
    with open(claims_jsonl, encoding="utf-8") as src, open(path + ".tmp", "w", encoding="utf-8") as out:
        out.write(head.rstrip() + "\n\nclaims:\n")
        for line in src:
            d = json.loads(line)
            articles.setdefault(d["article"], {k: d[k] for k in ("title", "outlet", "published") if d.get(k)})
            out.write("  - " + json.dumps({k: d[k] for k in CLAIM_KEYS if k in d}, ensure_ascii=False) + "\n")
            n += 1
        out.write("\narticles:\n")
        for aid, meta in articles.items():
            out.write(f"  {json.dumps(aid)}: {json.dumps(meta, ensure_ascii=False)}\n")
    os.replace(path + ".tmp", path)
    return {"claims": n, "articles": len(articles), "bytes": os.path.getsize(path)}


REGISTRY_CLAIMS = 100_000  # the registry size of issue 7
REGISTRY_RUNS = ("compare_first", "compare_computed", "compare_rerun", "compare_event_computed", "compare_event_rerun",
                 "sources_computed", "sources_rerun")


def forget_results(cache: str) -> None:
    """Empty the cache's kept outputs, so that the next compare or sources computes its answer."""
    import sqlite3

    db = sqlite3.connect(os.path.join(cache, "claims.sqlite"), timeout=30)
    try:
        db.execute("DELETE FROM results")
        db.commit()
    finally:
        db.close()


def registry_phase(proj: str, env: dict, cache: str, null, timeout: float) -> dict:
    """compare and sources on the registry of ``proj``: the first run (claims.yaml parsed), then warm runs
    that compute the answer (kept outputs forgotten first: what a run costs after any change) and warm
    re-runs that print the kept output; best of 3 each."""
    def best(args: tuple, computed: bool) -> dict:
        runs = []
        for _ in range(3):
            if computed:
                forget_results(cache)
            runs.append(run_child(kz("--repo", proj, *args), env, null, timeout=timeout))
        return min(runs, key=lambda r: r["wall_s"])

    out = {"compare_first": run_child(kz("--repo", proj, "compare", "deaths"), env, null, timeout=timeout)}
    for name, args in (("compare", ("compare", "deaths")),
                       ("compare_event", ("compare", "deaths", "--event", "zhanaozen-2011")),
                       ("sources", ("sources", "10,000 detained"))):
        out[name + "_computed"] = best(args, True)
        out[name + "_rerun"] = best(args, False)
    return out


# --------------------------------------------------------------------------- main

def machine() -> dict:
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        from importlib.metadata import version
        kzv = version("kzcheck")
    except Exception:
        kzv = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "kzcheck": kzv}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--quick", action="store_true", help="500 articles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", type=int, default=5000, help="mean article size in characters")
    ap.add_argument("--out", default=os.path.join(OUT, "results.json"))
    ap.add_argument("--startup-runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a compare/sources child is killed")
    ap.add_argument("--quantulum", metavar="PYTHON", help="a Python with quantulum3 installed (default: bench/.qvenv)")
    ap.add_argument("--library-phase", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    ap.add_argument("--quantulum-phase", nargs=3, metavar=("CORPUS", "OUT", "N"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.library_phase:
        library_phase(*a.library_phase)
        return 0
    if a.quantulum_phase:
        quantulum_phase(a.quantulum_phase[0], a.quantulum_phase[1], int(a.quantulum_phase[2]))
        return 0
    n = 500 if a.quick else a.articles
    os.makedirs(OUT, exist_ok=True)
    corpus = os.path.join(OUT, "corpus")
    results = {"machine": machine(), "command": " ".join([os.path.relpath(sys.executable, ROOT)] + sys.argv),
               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}

    def say(msg):
        print(msg, file=sys.stderr, flush=True)

    say(f"[bench] corpus: {n} articles ...")
    results["corpus"] = info = build_corpus(n, a.seed, corpus, a.size)
    say(f"[bench] corpus {info['mb']:.1f} MB ({'reused' if info['reused'] else 'built'})")

    say("[bench] (a) library extraction vs regex, single process ...")
    lib_out = os.path.join(OUT, "library.json")
    lib_run = run_child([sys.executable, os.path.abspath(__file__), "--library-phase", corpus, lib_out], dict(os.environ))
    if lib_run["rc"] != 0:
        say(lib_run["stderr_tail"])
        raise SystemExit("library phase failed")
    with open(lib_out) as f:
        results["library"] = lib = json.load(f)
    lib["child"] = lib_run
    qpy = quantulum_python(a.quantulum)
    if qpy:
        say(f"[bench] (a) quantulum3 on the first {QUANTULUM_SAMPLE} articles ...")
        q_out = os.path.join(OUT, "quantulum.json")
        q_run = run_child([qpy, os.path.abspath(__file__), "--quantulum-phase", corpus, q_out, str(QUANTULUM_SAMPLE)],
                          dict(os.environ))
        if q_run["rc"] == 0:
            with open(q_out) as f:
                results["quantulum3"] = json.load(f)
        else:
            say("        quantulum3 failed: " + q_run["stderr_tail"][-300:])
    else:
        say("[bench] quantulum3: skipped (no bench/.qvenv; see bench/RESULTS.md)")

    proj = make_project(corpus)
    cache = os.path.join(OUT, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, KZCHECK_CACHE_DIR=cache, NO_COLOR="1")
    env.pop("KZCHECK_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # start-up as users see it: modules compiled once, not at every run
    results["project"] = {
        "path": proj, "cache_dir": cache,
        "note": "claims.yaml holds only version/events/sources (no articles, no claims); seeds/ is a symlink to "
                "the corpus, so compare and sources extract every corpus article on the fly from the cache warmed "
                "by the extract runs. Stands in for a registry holding every claim of the corpus."}
    cli = results["cli"] = {}
    with open(os.devnull, "wb") as null:
        say("[bench] (b) kzcheck extract cold ...")
        cli["extract_cold"] = run_child(kz("--repo", proj, "extract", corpus, "--format", "jsonl"), env, null)
        say(f"        {cli['extract_cold']['wall_s']:.1f}s; warm ...")
        cli["extract_warm"] = run_child(kz("--repo", proj, "extract", corpus, "--format", "jsonl"), env, null)
        # the same corpus through another path (seeds/ is a symlink to it): found by content, not extracted
        say("[bench] extract through the project's seeds/ path (moved corpus) ...")
        claims_jsonl = os.path.join(OUT, "claims.jsonl")
        with open(claims_jsonl, "wb") as fh:
            cli["extract_seeds_moved"] = run_child(kz("--repo", proj, "extract", "--format", "jsonl", "--kind", "all"),
                                                   env, fh)
        results["project"]["registry"] = write_registry(proj, claims_jsonl)
        results["project"]["note"] = ("claims.yaml holds every claim of the corpus (written directly as YAML, "
                                      "unreviewed); seeds/ is a symlink to the corpus")
        # the registry (100,000 claims: the first articles of the corpus, seeds/ holding just them),
        # then one holding every claim of the corpus
        sub_jsonl = os.path.join(OUT, "claims-100k.jsonl")
        chosen = first_claims(claims_jsonl, sub_jsonl, REGISTRY_CLAIMS)
        files = [os.path.join(corpus, f) for f in sorted(os.listdir(corpus)) if os.path.splitext(f)[0] in chosen]
        proj_100k = make_project(corpus, "project-100k", seeds=files)
        results["project_100k"] = {"path": proj_100k, "registry": write_registry(proj_100k, sub_jsonl)}
        for label, where in (("100k", proj_100k), ("all", proj)):
            n_claims = results["project_100k" if label == "100k" else "project"]["registry"]["claims"]
            say(f"[bench] (c) registry of {n_claims:,} claims; compare / sources ...")
            for name, run in registry_phase(where, env, cache, null, a.timeout).items():
                cli[f"{name}_{label}"] = run
        helps = [run_child(kz("--help"), env, null) for _ in range(a.startup_runs)]
        cli["help"] = min(helps, key=lambda r: r["wall_s"])
        cli["help"]["wall_s_all"] = [r["wall_s"] for r in helps]
        seeds_compare = [run_child(kz("compare", "deaths"), dict(env, KZCHECK_CACHE_DIR=os.path.join(OUT, "cache-seeds")),
                                   null) for _ in range(3)]
        cli["compare_deaths_repo_seeds"] = min(seeds_compare, key=lambda r: r["wall_s"])
    # claim count from jsonl (small extra warm run, not timed in the table)
    cold, warm = cli["extract_cold"], cli["extract_warm"]
    results["summary"] = s = {
        "articles": info["articles"], "corpus_mb": info["mb"],
        "library_mb_s": lib["kzcheck_mb_s"], "regex_mb_s": lib["regex_mb_s"],
        "library_over_regex": lib["ratio_kzcheck_over_regex"],
        "claims": lib["claims"],
        "extract_cold_s": cold["wall_s"], "extract_warm_s": warm["wall_s"],
        "warm_over_cold": warm["wall_s"] / cold["wall_s"],
        "extract_cold_cpu_over_wall": cold["cpu_over_wall"],
        "both_cores_used": bool(cold["cpu_over_wall"] and cold["cpu_over_wall"] > 1.3),
        "extract_cold_over_regex_time": cold["wall_s"] / lib["regex_seconds"],
        "extract_seeds_moved_s": cli["extract_seeds_moved"]["wall_s"],
        "registry": {label: {name: cli[f"{name}_{label}"]["wall_s"] for name in REGISTRY_RUNS}
                     for label in ("100k", "all")},
        "help_s": cli["help"]["wall_s"],
        "compare_deaths_repo_seeds_s": cli["compare_deaths_repo_seeds"]["wall_s"],
        "peak_rss_mb": {"library": lib["peak_rss_mb"], "extract_cold": cold["peak_rss_mb"],
                        "extract_warm": warm["peak_rss_mb"],
                        **{f"{name} ({label})": cli[f"{name}_{label}"]["peak_rss_mb"] for label in ("100k", "all")
                           for name in ("compare_first", "compare_computed", "sources_computed")},
                        "help": cli["help"]["peak_rss_mb"]},
        "quantulum3_mb_s": results.get("quantulum3", {}).get("mb_s"),
        "library_over_quantulum3_speed": (lib["kzcheck_mb_s"] / results["quantulum3"]["mb_s"]
                                          if results.get("quantulum3", {}).get("mb_s") else None),
        "failures": {k: v["rc"] for k, v in cli.items() if v["rc"] != 0},
        "timed_out": [k for k, v in cli.items() if v.get("timed_out")],
    }
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump(results, f, indent=1)
    print_table(results)
    print(f"\nJSON: {os.path.relpath(a.out)}")
    return 0


def print_table(r: dict) -> None:
    s, lib, cli, m = r["summary"], r["library"], r["cli"], r["machine"]
    rows = [
        ("machine", f"{m['nproc']} cores, {m['cpu']}, Python {m['python']}, kzcheck {m['kzcheck']}"),
        ("corpus", f"{s['articles']} articles, {s['corpus_mb']:.1f} MB"),
        ("(a) library extraction", f"{s['library_mb_s']:.2f} MB/s ({lib['kzcheck_seconds']:.1f} s, {s['claims']} claims)"),
        ("(a) regex \\d[\\d,.]*", f"{s['regex_mb_s']:.1f} MB/s ({lib['regex_seconds']:.2f} s)"),
        ("(a) ratio kzcheck/regex", f"{s['library_over_regex']:.1f}x  (target <= 20x)"),
        ("(a) quantulum3 (sample)", f"{s['quantulum3_mb_s'] * 1000:.1f} KB/s on {r['quantulum3']['articles']} articles; "
                                    f"kzcheck is {s['library_over_quantulum3_speed']:.0f}x faster (target > 300x)"
         if s.get("quantulum3_mb_s") else "not run (no bench/.qvenv)"),
        ("(a) slowest article", f"{lib['slowest_article']} {lib['slowest_article_seconds'] * 1000:.0f} ms; "
                                f"median {lib['ms_per_kb_median']:.2f} ms/KB, max {lib['ms_per_kb_max']:.2f} ms/KB"),
        ("(b) extract cold", f"{s['extract_cold_s']:.2f} s wall, cpu/wall {s['extract_cold_cpu_over_wall']:.2f} "
                             f"-> both cores: {'yes' if s['both_cores_used'] else 'no'}; "
                             f"{s['extract_cold_over_regex_time']:.0f}x regex time"),
        ("(b) extract warm", f"{s['extract_warm_s']:.2f} s wall, cpu/wall {cli['extract_warm']['cpu_over_wall']:.2f}"),
        ("(b) ratio warm/cold", f"{s['warm_over_cold']:.3f}  (target < 0.1)"),
        ("(b) extract via symlinked seeds/", f"{s['extract_seeds_moved_s']:.2f} s (same content, another path)"),
    ]
    for label, key in (("100k", "project_100k"), ("all", "project")):
        reg, t = r[key]["registry"], s["registry"][label]
        rows += [
            (f"(c) registry {label}", f"{reg['claims']:,} claims of {reg['articles']:,} articles, {reg['bytes'] / 1e6:.0f} MB"),
            ("    compare deaths", f"first {t['compare_first']:.2f} s (YAML parsed); computed {t['compare_computed']:.2f} s; "
                                   f"re-run {t['compare_rerun']:.2f} s"),
            ("    compare deaths --event zhanaozen-2011", f"computed {t['compare_event_computed']:.2f} s; "
                                                        f"re-run {t['compare_event_rerun']:.2f} s"),
            ("    sources \"10,000 detained\"", f"computed {t['sources_computed']:.2f} s; re-run {t['sources_rerun']:.2f} s"),
        ]
    rows += [
        ("(c) kzcheck --help", f"{s['help_s'] * 1000:.0f} ms (best of {len(cli['help']['wall_s_all'])})"),
        ("(c) compare deaths on repo seeds", f"{s['compare_deaths_repo_seeds_s'] * 1000:.0f} ms (best of 3)"),
        ("(d) peak RSS MB", ", ".join(f"{k} {v:.0f}" for k, v in s["peak_rss_mb"].items())),
    ]
    if s["failures"]:
        rows.append(("FAILURES (rc)", json.dumps(s["failures"])))
    w = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"{k.ljust(w)}  {v}")


if __name__ == "__main__":
    sys.exit(main())
