#!/usr/bin/env python
"""A long random fuzz of kzcheck.extract.extract_text (no hypothesis; random.Random only).

    .venv/bin/python bench/fuzz.py [--inputs 20000] [--seconds S] [--seed 1]

Inputs are random texts (digits, number words, measures, quotes, dashes, odd
Unicode, newlines, front matter) and mutated articles (sentences of seeds/ and
tests/articles/ cut, spliced, duplicated, with bytes inserted or deleted).
Checked for each input: no exception; every span (claim, also_at, figure,
source) inside the text and ordered; figure low <= high; and, on every
--determinism-every'th input, that a second run gives the same claims.
Failing inputs are saved to bench/out/fuzz_failures/. Exit status 1 on any failure.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from kzcheck.extract import extract_text  # noqa: E402

WORDS = ("killed dead deaths died injured wounded detained arrested convicted sentenced protesters troops "
         "attackers people at least more than about nearly some up to over fewer than between and or to "
         "police said says according told officials Amnesty Human Rights Watch Tokayev Zhanaozen Almaty "
         "January December 2011 2022 hundreds thousands dozens of one two three ten twenty hundred thousand "
         "million no none nobody not were was a the in on per cent percent % years jail prison").split()
ODD = ["\u00a0", "\u2009", "\u202f", "\u2013", "\u2014", "\u2212", "\u201c", "\u201d", "\u2018", "\u2019", "\u2026",
       "\u200b", "\u200e", "\u202e", "\ufeff", "\u0301", "\u0663", "\uff11", "\u00bd", "\u00b2", "\r", "\r\n", "\t",
       "\x00", "\x0c", "\u2028", "\U0001f600", "Ж", "қ", "ü", "…", "»", "«", "§", "№", "$", "€", "₸"]
PUNCT = list(".,;:!?()[]{}\"'-/*#_>|") + ["\n", "\n\n", " ", " ", " ", " "]


def load_sources() -> list[str]:
    out = []
    for folder in (os.path.join(ROOT, "seeds"), os.path.join(ROOT, "tests", "articles")):
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith((".txt", ".md")):
                    with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                        out.append(f.read())
    return out


def rand_number(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return str(rng.randint(0, 999))
    if r < 0.5:
        return f"{rng.randint(1000, 10**9):,}"
    if r < 0.6:
        return f"{rng.uniform(0, 1000):.{rng.randint(1, 3)}f}"
    if r < 0.7:
        return f"{rng.randint(1, 500)}-{rng.randint(1, 5000)}"
    if r < 0.8:
        return "9" * rng.randint(10, 400)  # huge
    if r < 0.9:
        return rng.choice(["1,2,3", "1..2", "1.2.3.4", ",000", "0,5", "1 000", "10 000", "1e9", "1/2", "3½", "٣", "１２"])
    return f"{rng.randint(1, 28)} {rng.choice(['January', 'May', 'December'])} {rng.randint(1900, 2100)}"


def random_text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 3, 10, 50, 200, 1000, 4000])
    parts = []
    if rng.random() < 0.1:
        parts.append(rng.choice(["---\n", "---\ntitle: x\npublished: 2022-01-0\n---\n", "---\n: : :\n---\n",
                                 "---\npublished: [1, 2\n---\n", "---\ntitle: \"a\npublished: 99999-99-99\n---\n"]))
    for _ in range(n):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(WORDS))
        elif r < 0.65:
            parts.append(rand_number(rng))
        elif r < 0.85:
            parts.append(rng.choice(PUNCT))
        elif r < 0.95:
            parts.append(rng.choice(ODD))
        else:
            parts.append(chr(rng.randint(1, 0x2FFFF)).encode("utf-8", "replace").decode("utf-8", "replace")
                         if rng.random() < 0.5 else chr(rng.randint(32, 126)))
        parts.append(rng.choice([" ", " ", " ", "", "\n", ". "]))
    return "".join(parts)


def mutate(rng: random.Random, sources: list[str]) -> str:
    text = rng.choice(sources)
    r = rng.random()
    if r < 0.3 and len(text) > 10:  # a slice
        a = rng.randrange(len(text))
        text = text[a:a + rng.randint(1, 3000)]
    elif r < 0.5:  # splice of several articles' pieces
        pieces = []
        for _ in range(rng.randint(2, 8)):
            t = rng.choice(sources)
            a = rng.randrange(max(1, len(t)))
            pieces.append(t[a:a + rng.randint(0, 2000)])
        text = rng.choice(["", "\n", " ", "\n\n"]).join(pieces)
    elif r < 0.55:  # very long: the same article repeated (quadratic behaviour shows up here)
        text = text * rng.randint(2, 6)
    chars = list(text)
    for _ in range(rng.choice([0, 1, 3, 10, 50])):
        if not chars:
            chars.append("1")
        i = rng.randrange(len(chars) + 1)
        op = rng.random()
        if op < 0.3:
            chars.insert(i, rng.choice(ODD + PUNCT))
        elif op < 0.5:
            chars[i:i] = list(" " + rand_number(rng) + " ")
        elif op < 0.65:
            chars[i:i] = list(" " + rng.choice(WORDS) + " ")
        elif op < 0.85 and i < len(chars):
            del chars[i:i + rng.randint(1, 20)]
        elif i < len(chars):
            chars[i] = rng.choice(ODD + PUNCT + ["0", "1", "9"])
    return "".join(chars)


def spans(c) -> list[tuple[str, object]]:
    out = [("span", c.span)] + [("also_at", s) for s in c.also_at or []]
    if c.figure is not None:
        out.append(("figure.span", c.figure.span))
    if c.source is not None:
        out += [("source.span", c.source.span), ("source.cue_span", c.source.cue_span)]
    return out


def check(text: str, claims) -> list[str]:
    problems = []
    n = len(text)
    for c in claims:
        for what, sp in spans(c):
            if sp is None:
                continue
            a, b = sp
            if not (0 <= a <= b <= n):
                problems.append(f"{c.id}: {what} {sp} outside text of length {n}")
        f = c.figure
        if f is not None and f.low is not None and f.high is not None and not f.low <= f.high:
            problems.append(f"{c.id}: figure low {f.low} > high {f.high}")
        if f is not None:
            for v in (f.low, f.high):
                if v is not None and v != v:
                    problems.append(f"{c.id}: figure is NaN")
    return problems


def dump(claims) -> str:
    return json.dumps([c.to_json() for c in claims], sort_keys=True, default=str)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=20000)
    ap.add_argument("--seconds", type=float, default=None, help="stop after this long")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--determinism-every", type=int, default=5)
    ap.add_argument("--failures", default=os.path.join(HERE, "out", "fuzz_failures"))
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    sources = load_sources()
    t_start = time.perf_counter()
    ran = failures = claims_total = chars_total = 0
    slowest = (0.0, 0, 0)
    kinds = {"random": 0, "mutated": 0}
    for i in range(a.inputs):
        if a.seconds is not None and time.perf_counter() - t_start > a.seconds:
            break
        kind = "random" if rng.random() < 0.4 else "mutated"
        text = random_text(rng) if kind == "random" else mutate(rng, sources)
        kinds[kind] += 1
        problems = []
        t0 = time.perf_counter()
        try:
            claims = extract_text(text, f"fuzz{i}")
            dt = time.perf_counter() - t0
            problems = check(text, claims)
            if a.determinism_every and i % a.determinism_every == 0:
                again = extract_text(text, f"fuzz{i}")
                if dump(again) != dump(claims):
                    problems.append("not deterministic: a second run gave other claims")
            claims_total += len(claims)
        except Exception:
            dt = time.perf_counter() - t0
            problems.append("exception:\n" + traceback.format_exc())
        if dt > slowest[0]:
            slowest = (dt, i, len(text))
        ran += 1
        chars_total += len(text)
        if problems:
            failures += 1
            os.makedirs(a.failures, exist_ok=True)
            base = os.path.join(a.failures, f"seed{a.seed}_{i}")
            with open(base + ".txt", "w", encoding="utf-8", errors="surrogatepass") as f:
                f.write(text)
            with open(base + ".problems.txt", "w", encoding="utf-8") as f:
                f.write("\n".join(problems))
            if failures <= 5:
                print(f"FAIL input {i} ({kind}, {len(text)} chars): {problems[0][:400]}", file=sys.stderr)
        if (i + 1) % 2000 == 0:
            print(f"  {i + 1} inputs, {failures} failures, {time.perf_counter() - t_start:.0f}s", file=sys.stderr)
    elapsed = time.perf_counter() - t_start
    print(f"fuzz: {ran} inputs ran ({kinds['random']} random, {kinds['mutated']} mutated; "
          f"{chars_total / 1e6:.1f} M chars, {claims_total} claims) in {elapsed:.1f}s, seed {a.seed}; "
          f"{failures} failing; slowest input #{slowest[1]} ({slowest[2]} chars) {slowest[0] * 1000:.0f} ms")
    if failures:
        print(f"failing inputs saved in {os.path.relpath(a.failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
