"""claims.yaml read claim by claim (kzcheck.regitems) gives exactly what reading the whole file gives:
the same registry, the same errors with the same lines, the same cache; after an edit only the
changed claims are parsed again."""
from __future__ import annotations

import json
import os
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedSeq

from kzcheck import model
from kzcheck import registry as R
from kzcheck import regitems
from kzcheck.errors import RegistryError, ValidationProblems

pytestmark = pytest.mark.skipif(R._CParser is None, reason="ruamel.yaml.clib (libyaml) is not installed")

HEAD = """\
# a person's comment
version: 1
events:
  - id: ev-1
    label: An event
    start: 2011-05-01
    end: 2011-12-31
    places: [Almaty]
    cues: [strike]
sources:
  - name: Amnesty International
    aliases: [Amnesty]
    class: ngo
vocabulary:
  measures:
    hostages: {synonyms: [hostages]}
"""
ARTICLES = """\
articles:
  a1: {title: First, outlet: Herald, published: "2013-12"}
  a2:
    title: Second
    published: 2014-01-02
  a3: {}
"""


def record(i: int, **changes) -> dict:
    d = {"id": f"c-{i:04d}", "article": f"a{i % 3 + 1}", "kind": "figure", "measure": "deaths", "low": i,
         "high": i + 1, "qualifier": "range", "negated": False, "text": f"{i} people", "subject": "people",
         "source": {"name": "officials", "role": None, "organisation": None, "class": "official",
                    "how": "according_to", "verb": "according to", "stance": "neutral"},
         "event": "ev-1" if i % 2 else None, "sentence": f"Officials said {i} people died.", "span": [i, i + 9],
         "line": i % 7, "fingerprint": f"f{i}", "status": "unreviewed"}
    d.update(changes)
    return d


def json_item(d: dict, indent: int = 2) -> str:
    return " " * indent + "- " + json.dumps(d, ensure_ascii=False) + "\n"


def block_item(d: dict, indent: int = 2) -> str:
    """The item as kzcheck's writer writes it (block mapping, source and span in braces)."""
    doc = R._new_doc()
    doc["claims"] = CommentedSeq([R._new_claim_map(d)])
    R._quote_risky_flow_scalars(doc)
    text = R._dump(doc).split("claims:\n", 1)[1]
    return "".join(" " * (indent - 2) + line if indent >= 2 else line[2 - indent:] for line in text.splitlines(True))


def registry(items: list[str], *, articles_first: bool = True, claims_line: str = "claims:\n") -> str:
    if articles_first:
        return HEAD + ARTICLES + claims_line + "".join(items)
    return HEAD + claims_line + "".join(items) + ARTICLES


def outcome(path: str, cache: str, whole: bool, monkeypatch) -> tuple:
    """What load_registry(fast=True) gives, as comparable data: the registry, or the error."""
    monkeypatch.setenv("KZCHECK_CACHE_DIR", cache)
    with monkeypatch.context() as m:
        if whole:
            m.setattr(regitems, "load", lambda *a: None)
        try:
            reg = R.load_registry(path, fast=True)
        except ValidationProblems as e:
            return ("problems", [(p.message, p.line) for p in e.problems])
        except RegistryError as e:
            return ("error", e.message, e.line)
    reg.claim_line("")  # read the claims' lines if they were left in a file
    return ("ok", reg.version, reg.events, reg.sources, reg.vocabulary, reg.articles, reg.claims, reg.lines,
            tuple(reg.claim_articles) if reg.claims_store else tuple(sorted({c.article for c in reg.claims})))


def cache_contents(cache: str) -> tuple:
    """The JSON files (but the file's stat) and the rows stored for registries."""
    files = {}
    for name in sorted(os.listdir(cache)) if os.path.isdir(cache) else []:
        if name.endswith(".json"):
            with open(os.path.join(cache, name), encoding="utf-8") as fh:
                files[name] = json.load(fh)
            files[name].pop("stat", None)
    rows = []
    if os.path.exists(os.path.join(cache, "claims.sqlite")):
        db = sqlite3.connect(os.path.join(cache, "claims.sqlite"))
        for table in ("facts", "lines"):
            rows.append(db.execute(f"SELECT * FROM {table} WHERE key LIKE 'registry:%' ORDER BY key, pos").fetchall())
        rows.append(db.execute("SELECT * FROM articles WHERE key LIKE 'registry:%' ORDER BY key").fetchall())
        db.close()
    return files, rows


def compare(tmp_path, text, monkeypatch, name="x", encoding="utf-8") -> tuple:
    """Load ``text`` through both paths (fresh caches); assert the same outcome and cache (none where
    the load fails); return it."""
    folder = tmp_path / name
    folder.mkdir()
    path = folder / "claims.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding, "surrogatepass"))
    by_items = outcome(str(path), str(folder / "items"), False, monkeypatch)
    whole = outcome(str(path), str(folder / "whole"), True, monkeypatch)
    assert by_items == whole
    assert cache_contents(str(folder / "items")) == cache_contents(str(folder / "whole"))
    assert os.path.exists(folder / "items") == os.path.exists(folder / "whole")
    return by_items


def taken(text) -> bool:
    """Whether the claim-by-claim path reads ``text`` (rather than leaving it to the whole file's load)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return regitems.load("claims.yaml", data, R._cache_key(data), None, None) is not None


# ---------------------------------------------------------------------------------------------- examples

ITEMS = [record(i) for i in range(12)]


@pytest.mark.parametrize("style", ["json", "block", "mixed"])
@pytest.mark.parametrize("indent", [0, 2, 4])
@pytest.mark.parametrize("articles_first", [True, False])
def test_the_same_registry_and_cache_as_the_whole_file(tmp_path, monkeypatch, style, indent, articles_first):
    items = [(json_item if style == "json" or style == "mixed" and i % 2 else block_item)(d, indent)
             for i, d in enumerate(ITEMS)]
    text = registry(items, articles_first=articles_first)
    assert taken(text)
    result = compare(tmp_path, text, monkeypatch)
    assert result[0] == "ok" and len(result[6]) == 12


def test_the_repository_registry(tmp_path, monkeypatch):
    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "claims.yaml"), encoding="utf-8") as fh:
        text = fh.read()
    assert taken(text)
    assert compare(tmp_path, text, monkeypatch)[0] == "ok"


ODD = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
    "lone cr": lambda t: t.replace("low: 3\n", "low: 3\r", 1),
    "comments and blanks between items": lambda t: t.replace("  - id: c-0003", "\n  # about c-0003\n\n  - id: c-0003"),
    "comment less indented inside an item": lambda t: t.replace("    kind: figure\n", "# x\n    kind: figure\n", 1),
    "claims line with a comment": lambda t: t.replace("claims:\n", "claims:   # the claims\n"),
    "a tab in a value": lambda t: t.replace("text: 3 people", 'text: "3\tpeople"'),
    "a tab as indentation": lambda t: t.replace("    kind: figure\n", "\tkind: figure\n", 1),
    "a multi-line note": lambda t: t.replace("status: unreviewed\n", "status: unreviewed\n    note: |\n      two\n"
                                             "      - lines\n", 1),
    "a folded plain note": lambda t: t.replace("status: unreviewed\n", "status: unreviewed\n    note: one\n      two\n", 1),
    "a quoted note over lines": lambda t: t.replace("status: unreviewed\n", 'status: unreviewed\n    note: "one\n  - two"\n', 1),
    "quoted keys": lambda t: t.replace("    kind: figure", '    "kind": figure').replace("  - id:", "  - 'id':"),
    "an item in braces": lambda t: t.replace("claims:\n", "claims:\n  - {id: c-x, article: a1, kind: statement}\n"),
    "the claims in braces": lambda t: t.replace("claims:\n", "claims: [\n").rstrip("\n") + "]\n",
    "an anchor and alias": lambda t: t.replace("kind: figure", "kind: &k figure", 1).replace("kind: figure", "kind: *k", 1),
    "a tag": lambda t: t.replace("text: 3 people", "text: !!str 3 people"),
    "a python tag": lambda t: t.replace("text: 3 people", "text: !!python/object:os.system 3"),
    "a duplicate key": lambda t: t.replace("    kind: figure\n", "    kind: figure\n    kind: statement\n", 1),
    "a duplicate id": lambda t: t.replace("c-0005", "c-0004"),
    "an unknown measure": lambda t: t.replace("measure: deaths", "measure: deahts", 3),
    "an unknown article": lambda t: t.replace("article: a2", "article: a9", 1),
    "an unknown event": lambda t: t.replace("event: ev-1", "event: ev-2", 1),
    "low above high": lambda t: t.replace("low: 3\n", "low: 30\n", 1),
    "a date for a text": lambda t: t.replace("text: 3 people", "text: 2011-01-02"),
    "a number key": lambda t: t.replace("    kind: figure\n", "    kind: figure\n    12: x\n", 1),
    "a bad article date": lambda t: t.replace('published: "2013-12"', "published: 2013-13-45"),
    "a second claims key": lambda t: t + "claims: []\n",
    "claims twice at column 0 in a string": lambda t: t.replace("vocabulary:", 'x: "a\nclaims:\n"\nvocabulary:'),
    "a document end": lambda t: t + "...\n",
    "a second document": lambda t: t + "---\nversion: 1\n",
    "less indented item": lambda t: t.replace("  - id: c-0004", " - id: c-0004"),
    "more indented item": lambda t: t.replace("  - id: c-0004", "   - id: c-0004"),
    "an item at column 0 after indented ones": lambda t: t.replace("  - id: c-0011", "- id: c-0011"),
    "a top-level sequence entry": lambda t: t + "- x\n",
    "control character": lambda t: t.replace("3 people", "3 \x07people"),
    "unicode line separator": lambda t: t.replace("3 people", "3 \u2028people"),
    "next line character": lambda t: t.replace("3 people", "3 \x85people"),
    "non-characters": lambda t: t.replace("3 people", "3 \ufffe people"),
    "astral and accented text": lambda t: t.replace("3 people", "3 people 🙂 é ß"),
    "no newline at the end": lambda t: t.rstrip("\n"),
    "empty claims then items": lambda t: t.replace("claims:\n", "claims:\n\n\n"),
    "a nested claim list": lambda t: t.replace("    kind: figure\n", "    kind: figure\n    extra:\n      - a\n      - b: 1\n", 1),
    "null item": lambda t: t.replace("claims:\n", "claims:\n  -\n"),
    "empty item then mapping": lambda t: t.replace("claims:\n", "claims:\n  -\n    id: c-z\n    article: a1\n    kind: statement\n"),
    "version two": lambda t: t.replace("version: 1", "version: 2"),
    "flow root": lambda t: "{version: 1,\n" + t[t.index("claims:"):t.index("articles:")] + "}\n",
}


@pytest.mark.parametrize("name", sorted(ODD))
@pytest.mark.parametrize("style", ["json", "block"])
def test_odd_yaml_gives_what_the_whole_file_gives(tmp_path, monkeypatch, name, style):
    items = [(json_item if style == "json" else block_item)(d) for d in ITEMS]
    text = ODD[name](registry(items))
    compare(tmp_path, text, monkeypatch)


def test_invalid_utf8_in_an_item(tmp_path, monkeypatch):
    data = registry([block_item(d) for d in ITEMS]).encode("utf-8").replace(b"3 people", b"3 \xff people")
    assert compare(tmp_path, data, monkeypatch)[0] == "error"


def test_crlf_bom_and_comments_are_still_read_claim_by_claim():
    text = registry([block_item(d) for d in ITEMS])
    for name in ("crlf", "bom", "comments and blanks between items", "claims line with a comment",
                 "a tab in a value", "a multi-line note", "quoted keys", "no newline at the end"):
        assert taken(ODD[name](text)), name


def test_json_lines_and_yaml_read_the_same_values():
    """What json reads from a line as json.dumps writes it is what libyaml reads from it."""
    values = ["", " lead and trail ", "quote \" back \\ slash / tab \t nl \n cr \r", "\x01\x1f", "é ß 🙂 中",
              "# not a comment", "a: b", "- x", "null", "true", "~", "2011-01-02", "0x1f", "1e5", "{}", "[]", "'",
              1, -1, 0, 10 ** 30, 1.5, -0.0, 1e16, 1e-05, 2.5e-300, 1.7976931348623157e308, True, False, None,
              [], {}, [1, [2, {"a": None}]], {"nested": {"deeper": ["x"]}}]
    item = {f"k{i}": v for i, v in enumerate(values)}
    item["id"] = "c-1"
    line = json_item(item)
    assert regitems._json_item(line) == item
    assert R._plain(R._fast_parse(line)) == [item]
    for not_canonical in ('- {"a": 1,"b": 2}\n', '- {"a": NaN}\n', '- {"a": "\\ud83d\\ude00"}\n',
                          '- {"a": 1, "a": 2}\n', '- {"a": 1.50}\n', '- {"a": "\\u00e9"}\n', '- {"a": 1} # c\n',
                          '- {"%s": 1}\n' % ("k" * 1100), '-  {"a": 1}\n', '- {"a": 1}\n  b: 2\n'):
        assert regitems._json_item(not_canonical) is None, not_canonical


def test_without_a_cache_the_claims_are_in_memory(tmp_path, monkeypatch):
    path = tmp_path / "claims.yaml"
    path.write_text(registry([json_item(d) for d in ITEMS]), encoding="utf-8")
    monkeypatch.setenv("KZCHECK_NO_CACHE", "1")
    reg = R.load_registry(str(path), fast=True)
    assert not reg.claims_store and len(reg.claims) == 12 and not (tmp_path / R.CACHE_DIR).exists()
    monkeypatch.setattr(regitems, "load", lambda *a: None)
    assert R.load_registry(str(path), fast=True).claims == reg.claims


# ---------------------------------------------------------------------------------------------- edits

@pytest.fixture
def parsed(monkeypatch):
    """The ids of the claims regitems parses (rather than copies from the cache)."""
    seen: list = []
    real = regitems._parse

    def counting(new, resolved, known):
        out = real(new, resolved, known)
        seen.extend(item.get("id") if isinstance(item, dict) else None for item, _, _ in out or [])
        return out

    monkeypatch.setattr(regitems, "_parse", counting)
    return seen


def _swap(t: str, a: str, b: str) -> str:
    return t.replace(a, "\0").replace(b, a).replace("\0", b)


EDITS = {  # name: (edit of the text, ids parsed again; None: the edit makes the registry invalid)
    "change one claim": (lambda t: t.replace("low: 5\n", "low: 4\n"), ["c-0005"]),
    "review one claim": (lambda t: t.replace("status: unreviewed", "status: confirmed", 1), ["c-0000"]),
    "add one claim": (lambda t: t + block_item(record(99)), ["c-0099"]),
    "delete one claim": (lambda t: t.replace(block_item(record(7)), ""), []),
    "reorder claims": (lambda t: _swap(t, block_item(record(2)), block_item(record(9))), []),
    "add a comment to one claim": (lambda t: t.replace("  - id: c-0003\n", "  - id: c-0003  # x\n"), ["c-0003"]),
    "a comment after the list": (lambda t: t + "# the end\n", ["c-0011"]),
    "a title of an article": (lambda t: t.replace("title: Second", "title: Second, retitled"),
                              [f"c-{i:04d}" for i in range(1, 12, 3)]),
    "an author of an article": (lambda t: t.replace("title: Second", "title: Second\n    author: Someone"), []),
    "a new event": (lambda t: t.replace("sources:", "  - {id: ev-2, label: Two, start: 2012, end: 2012}\nsources:"),
                    []),
    "lines moved down": (lambda t: t.replace("# a person's comment\n", "# a person's comment\n#\n#\n"), []),
    "an event removed": (lambda t: t.replace("  - id: ev-1\n", "  - id: ev-0\n"), None),
    "an article removed": (lambda t: t.replace("  a3: {}\n", ""), None),
    "a measure removed": (lambda t: t.replace("measure: deaths", "measure: hostages", 1).replace(
        "    hostages: {synonyms: [hostages]}\n", "    kept: {synonyms: [kept]}\n"), None),
    "a duplicate id": (lambda t: t + block_item(record(3)), None),
    "a broken claim": (lambda t: t.replace("low: 5\n", "low: five\n"), None),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_after_an_edit_only_what_changed_is_parsed(tmp_path, monkeypatch, parsed, name):
    edit, again = EDITS[name]
    text = registry([block_item(d) for d in ITEMS])
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    first = outcome(str(path), str(tmp_path / "items"), False, monkeypatch)
    assert first[0] == "ok" and len(parsed) == 12
    parsed.clear()
    path.write_text(edit(text), encoding="utf-8")
    after = outcome(str(path), str(tmp_path / "items"), False, monkeypatch)
    assert after == outcome(str(path), str(tmp_path / "whole"), True, monkeypatch)
    if again is None:
        assert after[0] == "problems"
    else:
        assert after[0] == "ok" and sorted(parsed) == sorted(again)
        items_cache = cache_contents(str(tmp_path / "items"))
        whole_cache = cache_contents(str(tmp_path / "whole"))
        assert items_cache[0] == whole_cache[0]
        assert [[r for r in rows if r[0] == after_key(tmp_path)] for rows in items_cache[1]] == whole_cache[1]
    parsed.clear()
    assert outcome(str(path), str(tmp_path / "items"), False, monkeypatch) == after
    assert parsed == [] or again is None  # a valid registry is now in the cache


def after_key(tmp_path) -> str:
    with open(_json_cache(tmp_path / "whole"), encoding="utf-8") as fh:
        return json.load(fh)["store"]


def _json_cache(folder) -> str:
    return str(next(p for p in folder.iterdir() if p.name.endswith(".json") and "claim-lines" not in p.name))


def test_a_stale_or_foreign_cache_is_not_reused(tmp_path, monkeypatch, parsed):
    text = registry([json_item(d) for d in ITEMS])
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    outcome(str(path), str(tmp_path / "c"), False, monkeypatch)
    cache = _json_cache(tmp_path / "c")
    with open(cache, encoding="utf-8") as fh:
        saved = json.load(fh)
    saved["store"] = saved["store"].replace("registry:", "registry:0")  # rows that are not there
    with open(cache, "w", encoding="utf-8") as fh:
        json.dump(saved, fh)
    path.write_text(text.replace('"low": 5,', '"low": 4,'), encoding="utf-8")
    parsed.clear()
    after = outcome(str(path), str(tmp_path / "c"), False, monkeypatch)
    assert len(parsed) == 12 and after == outcome(str(path), str(tmp_path / "w"), True, monkeypatch)


# ---------------------------------------------------------------------------------------------- generated

safe_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
plain_text = st.text(st.characters(min_codepoint=32, max_codepoint=0x2fff, blacklist_categories=("Cs", "Cc")),
                     max_size=40)
number = st.one_of(st.integers(-10 ** 6, 10 ** 12), st.floats(allow_nan=False, allow_infinity=False, width=64))


BAD = {"measure": "deahts", "article": "a9", "event": "ev-9", "qualifier": "roughly", "low": "many", "span": [9, 1],
       "status": "done", "kind": "figures", "negated": "no", "id": "two words"}


@st.composite
def claim_records(draw, i, bad=False, odd=False):
    """A claim's record: valid, or with one field that validation refuses when ``bad``; any characters
    in its text when ``odd``."""
    text = st.one_of(plain_text, safe_text) if odd else plain_text
    d = record(i)
    low, high = sorted([draw(number), draw(number)])
    d["low"], d["high"] = draw(st.sampled_from([(low, high), (None, high), (low, None), (None, None)]))
    d["qualifier"] = draw(st.sampled_from(model.QUALIFIERS))
    d["measure"] = draw(st.sampled_from(model.MEASURES[:3] + (None, "hostages")))
    d["kind"] = draw(st.sampled_from(model.KINDS))
    d["article"] = draw(st.sampled_from(["a1", "a2", "a3"]))
    d["event"] = draw(st.sampled_from([None, "ev-1", "zhanaozen-2011"]))
    d["status"] = draw(st.sampled_from(model.STATUSES))
    for key in ("text", "sentence", "subject"):
        d[key] = draw(st.one_of(text, text, st.sampled_from([
            "null", "yes", "12", "2011-01-02", "a: b", "x #y", "- z", "'q'", '"', "", " ", "why?", "é 🙂"])))
    d["source"]["name"] = draw(st.one_of(plain_text, st.sampled_from(["why?", "a, b", "[x]", "{y}", "k: v", "-x"])))
    d["source"]["role"] = draw(st.one_of(st.none(), plain_text))
    if draw(st.booleans()):
        d["note"] = draw(text)
    if draw(st.integers(0, 9)) == 0:
        d["reviewer"] = draw(plain_text)
    if bad:
        key = draw(st.sampled_from(sorted(BAD)))
        d[key] = BAD[key]
    return d


@st.composite
def registries(draw):
    n = draw(st.integers(1, 8))
    bad = draw(st.integers(-1, 3 * n))  # now and then one claim that validation refuses
    odd = draw(st.integers(0, 3)) == 0
    records = [draw(claim_records(i, bad=i == bad, odd=odd)) for i in range(n)]
    if draw(st.integers(0, 9)) == 0:
        records.append(dict(records[0]))  # a duplicate id
    indent = draw(st.sampled_from([0, 2, 4]))
    items = []
    for d in records:
        style = draw(st.sampled_from(["json", "json", "block", "block", "ascii json"]))
        if style == "json":
            item = json_item(d, indent)
        elif style == "ascii json":
            item = " " * indent + "- " + json.dumps(d) + "\n"
        else:
            item = block_item(d, indent)
        if draw(st.integers(0, 4)) == 0:
            item += draw(st.sampled_from(["\n", "  # a comment\n", "# col 0\n", "      # deep\n", "\n\n"]))
        items.append(item)
    text = registry(items, articles_first=draw(st.booleans()))
    return draw(st.sampled_from([lambda t: t, ODD["crlf"], ODD["bom"]]))(text)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.function_scoped_fixture])


@FUZZ
@given(registries())
def test_generated_registries(tmp_path_factory, monkeypatch, text):
    compare(tmp_path_factory.mktemp("gen"), text, monkeypatch)


@FUZZ
@given(registries(), st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 8),
                                        st.sampled_from(["", " ", "\n", "  - ", "- ", "#", ":", '"', "'", "{", "}",
                                                         "[", "\t", "\r", "claims:\n", "\n  - id: c-0001\n", "&a ",
                                                         "*a", "!!str ", "|\n", "low: 3\n", "ü"])),
                              min_size=1, max_size=4))
def test_mutated_registries(tmp_path_factory, monkeypatch, text, edits):
    for pos, cut, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + cut:]
    compare(tmp_path_factory.mktemp("mut"), text, monkeypatch)


@FUZZ
@given(registries(), st.data())
def test_edits_of_generated_registries(tmp_path_factory, monkeypatch, text, data):
    """Load, edit (change, add, delete, reorder items), load again: the same as a fresh whole load."""
    folder = tmp_path_factory.mktemp("edit")
    path = folder / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    outcome(str(path), str(folder / "items"), False, monkeypatch)
    c = regitems.cut(text.encode("utf-8"))
    if c is not None:
        pieces = [c.data[a:e].decode("utf-8") for a, e in c.pieces()]
        head, tail = c.data[:c.first].decode("utf-8"), c.data[c.end:].decode("utf-8")
        for _ in range(data.draw(st.integers(1, 3))):
            what = data.draw(st.sampled_from(["change", "add", "delete", "swap"]))
            k = data.draw(st.integers(0, len(pieces) - 1))
            if what == "change":
                pieces[k] = pieces[k].replace("unreviewed", "confirmed").replace("c-0", "c-9", 1)
            elif what == "add":
                pieces.insert(k, pieces[k].replace("c-0", "c-8", 1))
            elif what == "delete" and len(pieces) > 1:
                del pieces[k]
            elif what == "swap":
                j = data.draw(st.integers(0, len(pieces) - 1))
                pieces[k], pieces[j] = pieces[j], pieces[k]
        text = head + "".join(p if p.endswith("\n") else p + "\n" for p in pieces) + tail
    path.write_text(text, encoding="utf-8")
    after = outcome(str(path), str(folder / "items"), False, monkeypatch)
    assert after == outcome(str(path), str(folder / "whole"), True, monkeypatch)


# ---------------------------------------------------------------------------------------------- the line parser

def _libyaml_item(text: str):
    try:
        seq = R._fast_parse(text)
    except R._FastUnsupported:
        return "refused"
    return R._plain(seq)[0] if isinstance(seq, list) and len(seq) == 1 else "not one item"


LINE_BITS = st.sampled_from([" ", "  ", "\n", "\n    ", "\n    # c\n", ":", ": ", " #", "#", ",", ", ", "[", "]", "{", "}",
                             "'", "''", '"', '\\"', "\\", "\\x41", "\\u00e9", "\\ud83d", "\\/", "\\t", "\t", "-", "- ",
                             "?", "!", "&a", "*a", "|", ">", "%", "@", "`", "~", "null", "Null", "true", "yes", "0x1f",
                             "0o17", "1_000", "1e3", ".5", "-.inf", ".nan", "2011-01-02", "2011-1-2", "12:30",
                             "<<", "=", "é", "🙂", "\u00a0", "key: v", "null: x", "true: y"])


@FUZZ
@given(st.integers(0, 40), st.sampled_from([0, 2, 4]),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.integers(0, 3), LINE_BITS), max_size=3))
def test_the_line_parser_reads_what_libyaml_reads(i, indent, edits):
    """Whatever _block_item reads from an item (kzcheck's writing of a claim, edited), libyaml reads the
    same; what it is not sure of it leaves to libyaml."""
    text = block_item(record(i, note="a note", also_at=[[1, 2], [3, 4]], sentence="It's 5: or #6, [x] {y}?"), indent)
    for pos, cut, insert in edits:
        pos %= len(text) + 1
        text = text[:pos] + insert + text[pos + cut:]
    if regitems._ODD.search(text) or not text.lstrip(" ").startswith("- "):
        return
    got = regitems._block_item(text, indent, {})
    if got is not None:
        assert got == _libyaml_item(text)


def test_the_line_parser_reads_kzcheck_s_writing():
    for i in range(12):
        text = block_item(record(i, note="checked", also_at=[[1, 2]], text="a: b", subject="null", sentence="#x"))
        assert regitems._block_item(text, 2, {}) == _libyaml_item(text) == record(
            i, note="checked", also_at=[[1, 2]], text="a: b", subject="null", sentence="#x")


PLAIN_VALUES = ["", "0", "7", "00", "017", "0899", "2011", "20110102", "12345678901234567890", "-1", "+1", "1_000",
                "0x1F", "0o17", "0b101", "1.5", "1e5", "1.5e-3", ".5", "-.inf", ".NaN", "2011-01-02", "2011-1-2 3:04:05",
                "null", "Null", "NULL", "~", "true", "True", "FALSE", "yes", "no", "on", "<<", "=", "!x", "&a", "*a",
                "figure", "c-0123456789", "0000000000000000375c89e2917879f5", "f1", "n/a", "tens", "Figure 2"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(PLAIN_VALUES), st.text(max_size=12),
                 st.text("0123456789.-+eE_:xobTZ tnulfaNrs~", max_size=12)))
def test_plain_values_get_the_resolver_s_tag(value):
    resolver = R._scalar_tools()[0]
    assert R._plain_tag(value, {}) == str(resolver.resolve(R.ScalarNode, value, (True, False)))
