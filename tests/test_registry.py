"""claims.yaml: validation with line numbers, the shipped registry, round trips and merge semantics."""
from __future__ import annotations

import os
import re

import pytest

from kzcheck import registry as R
from kzcheck.errors import RegistryError, ValidationProblems
from kzcheck.model import Claim, Event, Figure, Source

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BASE = """\
# The tests' registry: this comment must survive every write.
version: 1
events:
  - id: zhanaozen-2011
    label: Zhanaozen crackdown
    start: 2011-05-01
    end: 2011-12-31
    places: [Zhanaozen, Shetpe]
    cues: [oil workers]
  - id: kazakhstan-2022-unrest
    label: January 2022
    start: "2022-01-01"
    end: "2022-01-31"
    places: [Almaty]
    cues: [fuel prices]
sources:
  - name: Amnesty International
    aliases: [Amnesty]
    class: ngo
articles:
  art1:
    title: A person's title
    outlet: A person's outlet
    published: "2013-12"
    hash: old-hash
claims:
  # about the next claim: a reviewer checked it
  - id: c-confirmed
    article: art1
    kind: figure
    measure: deaths
    low: 14
    high: 14
    qualifier: exact
    negated: false
    text: 14 people
    subject: people
    source: {name: officials, class: official, how: according_to, verb: according to, stance: neutral, role: null, organisation: null}
    event: zhanaozen-2011
    sentence: According to officials, 14 people died.
    span: [10, 19]
    line: 3
    fingerprint: f-confirmed
    status: confirmed   # checked against the court records
    note: checked by hand
    reviewer: alice
  - id: c-unreviewed
    article: art1
    kind: figure
    measure: injured
    low: 86
    high: 86
    qualifier: exact
    negated: false
    text: 86 injured
    subject: people
    source: {name: officials, class: official, how: according_to, verb: according to, stance: neutral, role: null, organisation: null}
    event: zhanaozen-2011
    sentence: Officials said 86 were injured.
    span: [40, 50]
    line: 4
    fingerprint: f-unreviewed
    status: unreviewed
    note: looks right
"""


def write(tmp_path, text=BASE, name="claims.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing needle."""
    hits = [i for i, ln in enumerate(text.splitlines(), 1) if needle in ln]
    return hits[nth - 1]


def problems_for(tmp_path, text):
    with pytest.raises(ValidationProblems) as info:
        R.load_registry(write(tmp_path, text))
    return info.value.problems


def one_problem(tmp_path, text):
    problems = problems_for(tmp_path, text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def claim(cid, article="art1", measure="deaths", low=5, high=5, qualifier="exact", sentence=None, note=None):
    sentence = sentence or f"Officials said {low} people ({cid})."
    return Claim(
        id=cid, kind="figure", article=article, span=(0, len(sentence)), sentence=sentence, text=f"{low} people",
        source=Source("officials", "official", "according_to", verb="said", stance="neutral"),
        measure=measure, subject="people", figure=Figure(low, high, qualifier, str(low)), event="zhanaozen-2011",
        line=1, fingerprint=f"fp-{cid}", note=note,
    )


# ---------------------------------------------------------------------------------------------- validation

def test_base_registry_is_valid_and_readable(tmp_path):
    reg = R.load_registry(write(tmp_path))
    assert reg.version == 1
    assert [e.id for e in reg.events] == ["zhanaozen-2011", "kazakhstan-2022-unrest"]
    assert reg.events[0].start == "2011-05-01" and reg.events[1].end == "2022-01-31"
    assert reg.articles["art1"]["published"] == "2013-12"
    assert [c.id for c in reg.claims] == ["c-confirmed", "c-unreviewed"]
    c = reg.claims[0]
    assert (c.status, c.note, c.measure, c.figure.low, c.source.cls) == ("confirmed", "checked by hand", "deaths", 14, "official")
    assert c.fingerprint == "f-confirmed" and c.outlet == "A person's outlet"
    assert reg.claim_line("c-unreviewed") == line_of(BASE, "id: c-unreviewed")
    assert reg.article_line("art1") == line_of(BASE, "  art1:")
    assert reg.claim_line("nope") is None
    assert [x.id for x in reg.claims_for("art1")] == ["c-confirmed", "c-unreviewed"]
    assert reg.event("kazakhstan-2022-unrest").places == ["Almaty"]
    assert reg.named_sources()["amnesty"] == "ngo"


def test_unknown_measure_names_line_and_suggests(tmp_path):
    text = BASE.replace("measure: injured", "measure: injred")
    p = one_problem(tmp_path, text)
    assert p.line == line_of(text, "measure: injred")
    assert "claim c-unreviewed: unknown measure 'injred'; did you mean 'injured'?" in p.message
    assert "known: deaths, injured" in p.message
    assert str(p).startswith(f"{tmp_path / 'claims.yaml'}:{p.line}: ")


def test_measure_added_by_vocabulary_is_known(tmp_path):
    text = BASE.replace("measure: injured", "measure: hostages").replace(
        "articles:", "vocabulary:\n  measures:\n    hostages: {synonyms: [hostage]}\narticles:")
    assert R.load_registry(write(tmp_path, text)).claims[1].measure == "hostages"


# One mistake in the base registry -> one problem, at the line of the mistake, whose message says what is
# wrong (and, where it can, what was meant). (what, old text, new text, how many to replace (-1: all), the
# text on the reported line, what the message must hold)
ONE_MISTAKE = [
    ("unknown qualifier", "qualifier: exact", "qualifier: roughly", 1, "qualifier: roughly",
     ["claim c-confirmed: unknown qualifier 'roughly'"]),
    ("unknown source class", "class: official, how", "class: goverment, how", 1, "class: goverment",
     ["unknown source class 'goverment'", "official"]),
    ("unknown class of a named source", "    class: ngo", "    class: charity", -1, "class: charity",
     ["source 'Amnesty International': unknown class 'charity'"]),
    ("unknown status", "status: unreviewed", "status: approved", -1, "status: approved",
     ["claim c-unreviewed: unknown status 'approved'", "confirmed"]),
    ("unknown kind", "kind: figure", "kind: number", 1, "kind: number", ["unknown kind 'number'"]),
    ("unknown how", "how: according_to", "how: whispered", 1, "how: whispered",
     ["unknown how 'whispered'", "according_to"]),
    ("unknown event of a claim", "event: zhanaozen-2011", "event: zhanaozen-2012", 1, "event: zhanaozen-2012",
     ["claim c-confirmed: unknown event 'zhanaozen-2012'; did you mean 'zhanaozen-2011'?"]),
    ("low that is not a number", "low: 14", "low: fourteen", -1, "low: fourteen",
     ["low must be a number or null, not the text 'fourteen'"]),
    ("low greater than high", "low: 86", "low: 90", -1, "low: 90", ["low 90 is greater than high 86"]),
    ("claim of an unregistered article", "article: art1", "article: art9", 1, "article: art9",
     ["article 'art9' is not under articles:"]),
    ("event without an id", "  - id: kazakhstan-2022-unrest\n    label", "  - label", -1, "label: January 2022",
     ["event 2 needs an id"]),
    ("article id that is not text", "hash: old-hash", "hash: old-hash\n  2016:\n    title: year-like id", -1,
     "  2016:", ["article id the number 2016 is not text", "'2016'"]),
]


@pytest.mark.parametrize("old, new, count, at, said", [case[1:] for case in ONE_MISTAKE],
                         ids=[case[0] for case in ONE_MISTAKE])
def test_one_mistake_is_one_problem_at_its_line(tmp_path, old, new, count, at, said):
    assert old in BASE
    text = BASE.replace(old, new, count)
    p = one_problem(tmp_path, text)
    assert p.line == line_of(text, at)
    for words in said:
        assert words in p.message


def test_non_finite_and_boolean_numbers(tmp_path):
    text = BASE.replace("low: 86", "low: .inf").replace("high: 14", "high: true")
    messages = [p.message for p in problems_for(tmp_path, text)]
    assert any("low must be a finite number" in m for m in messages)
    assert any("high must be a number or null, not the boolean true" in m for m in messages)


def test_duplicate_claim_id(tmp_path):
    text = BASE.replace("id: c-unreviewed", "id: c-confirmed")
    p = one_problem(tmp_path, text)
    assert p.line == line_of(text, "id: c-confirmed", 2)
    assert f"duplicate claim id 'c-confirmed' (first at line {line_of(text, 'id: c-confirmed')})" in p.message


def test_duplicate_event_id(tmp_path):
    text = BASE.replace("id: kazakhstan-2022-unrest", "id: zhanaozen-2011").replace(
        "event: zhanaozen-2011", "event: zhanaozen-2011")
    p = one_problem(tmp_path, text)
    assert p.line == line_of(text, "- id: zhanaozen-2011", 2)
    assert "duplicate event id 'zhanaozen-2011'" in p.message


def test_event_with_bad_dates(tmp_path):
    text = BASE.replace('end: "2022-01-31"', 'end: "2022-02-30"').replace("start: 2011-05-01", "start: 2012-05-01")
    problems = problems_for(tmp_path, text)
    by_line = {p.line: p.message for p in problems}
    assert "end the text '2022-02-30' is not a date" in by_line[line_of(text, 'end: "2022-02-30"')]
    assert "starts (2012-05-01) after it ends (2011-12-31)" in by_line[line_of(text, "start: 2012-05-01")]


def test_invalid_yaml_date_is_a_registry_error_with_line(tmp_path):
    text = BASE.replace("end: 2011-12-31", "end: 2011-13-31")
    with pytest.raises(RegistryError) as info:
        R.load_registry(write(tmp_path, text))
    assert info.value.line == line_of(text, "end: 2011-13-31")
    assert "not a valid date" in info.value.message


def test_unknown_section_and_version(tmp_path):
    text = BASE.replace("version: 1", "version: 2").replace("sources:", "sorces:")
    messages = {p.line: p.message for p in problems_for(tmp_path, text)}
    assert "not supported" in messages[line_of(text, "version: 2")]
    assert "unknown section 'sorces'; did you mean 'sources'?" in messages[line_of(text, "sorces:")]


def test_many_problems_are_all_reported_first_one_in_the_message(tmp_path):
    text = BASE.replace("measure: injured", "measure: x").replace("status: unreviewed", "status: y")
    with pytest.raises(ValidationProblems) as info:
        R.load_registry(write(tmp_path, text))
    assert len(info.value.problems) == 2
    assert "(and 1 more problem(s)" in str(info.value)
    assert info.value.line == line_of(text, "measure: x")


def test_validate_accepts_plain_data_without_lines():
    data = {"version": 1, "articles": {"a": {}}, "claims": [{"id": "c-1", "article": "a", "measure": "nope"}]}
    problems = R.validate(data, "claims.yaml")
    assert len(problems) == 1 and problems[0].line is None
    assert "unknown measure 'nope'" in problems[0].message


def test_keys_are_kept_when_a_user_adds_their_own(tmp_path):
    reg = R.load_registry(write(tmp_path))
    assert reg.doc["claims"][0]["reviewer"] == "alice"


# ---------------------------------------------------------------------------------------------- loading

def test_missing_and_empty_files(tmp_path):
    assert R.load_registry(str(tmp_path / "absent.yaml")).claims == []
    with pytest.raises(RegistryError, match="no such file"):
        R.load_registry(str(tmp_path / "absent.yaml"), missing_ok=False)
    reg = R.load_registry(write(tmp_path, "", "empty.yaml"))
    assert (reg.events, reg.claims, reg.articles) == ([], [], {})
    assert R.load_registry(write(tmp_path, "# nothing yet\n", "c.yaml")).claims == []


def test_not_utf8_and_wrong_top_level(tmp_path):
    p = tmp_path / "claims.yaml"
    p.write_bytes(b"version: 1\nevents: []\n# caf\xe9\n")
    with pytest.raises(RegistryError) as info:
        R.load_registry(str(p))
    assert info.value.line == 3 and "not valid UTF-8" in info.value.message
    p.write_bytes("version: 1\n".encode("utf-16"))
    with pytest.raises(RegistryError, match="UTF-16"):
        R.load_registry(str(p))
    with pytest.raises(RegistryError, match="top level must be a mapping"):
        R.load_registry(write(tmp_path, "- 1\n- 2\n"))
    with pytest.raises(RegistryError, match="is a folder"):
        R.load_registry(str(tmp_path))


def test_utf8_bom_is_accepted(tmp_path):
    p = tmp_path / "claims.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert len(R.load_registry(str(p)).claims) == 2


def test_shipped_registry(tmp_path):
    path = os.path.join(ROOT, "claims.yaml")
    reg = R.load_registry(path, missing_ok=False)
    assert reg.events == []  # the shipped events apply; the project adds none
    ids = {e.id for e in reg.known_events}
    assert {"zhanaozen-2011", "kazakhstan-2022-unrest", "aktobe-2016", "land-protests-2016", "jeltoqsan-1986",
            "taraz-2011"} <= ids
    z = reg.event("zhanaozen-2011")
    assert (z.start, z.end) == ("2011-05-01", "2011-12-31") and "Shetpe" in z.places and "Ozenmunaigas" in z.cues
    assert "Qandy Qantar" in reg.event("kazakhstan-2022-unrest").cues
    seeds = sorted(os.path.splitext(f)[0] for f in os.listdir(os.path.join(ROOT, "seeds")) if f.endswith(".txt"))
    assert sorted(reg.articles) == seeds
    published = {k[:3]: v["published"] for k, v in reg.articles.items()}
    assert published == {"000": "2016", "001": "2013-06", "002": "2023-01-20", "003": "2022-01-05", "004": "2013-12"}
    assert reg.articles["003_f89e069e06429913"]["author"] == "James Moules"
    assert reg.named_sources() == {}  # the shipped named sources apply (kzcheck/data/known_sources.toml)
    # a write that changes nothing must not reformat a byte of the shipped file
    with open(path, encoding="utf-8") as fh:
        original = fh.read()
    assert R._dump(reg.doc) == original


# ---------------------------------------------------------------------------------------------- writing

def test_merge_adds_new_claims_as_unreviewed_in_flow_style(tmp_path):
    path = write(tmp_path)
    report = R.merge_extraction(path, {"art2": ({"title": "Second", "outlet": "Wire", "hash": "h2"},
                                                [claim("c-new1", "art2"), claim("c-new2", "art2", low=7, high=9,
                                                                                qualifier="range")])})
    assert report.added == ["c-new1", "c-new2"] and report.articles == ["art2"]
    reg = R.load_registry(path)
    new = reg.claim("c-new2")
    assert new.status == "unreviewed" and (new.figure.low, new.figure.high) == (7, 9)
    assert reg.articles["art2"] == {"title": "Second", "outlet": "Wire", "hash": "h2"}
    text = open(path, encoding="utf-8").read()
    assert text.startswith("# The tests' registry: this comment must survive every write.\n")
    assert "    source: {name: officials, role: null, organisation: null, class: official, how: according_to," in text
    assert re.search(r"^    span: \[0, \d+\]$", text, re.M)
    assert reg.claim_line("c-new1") == line_of(text, "id: c-new1")
    assert "published:" not in text.split("id: c-new1")[1]  # article metadata is not copied into claims


def test_merge_keeps_reviewed_claims_and_refreshes_unreviewed(tmp_path):
    path = write(tmp_path)
    before = open(path, encoding="utf-8").read()
    confirmed_block = before[before.index("  # about the next claim"):before.index("  - id: c-unreviewed")]
    fresh = claim("c-unreviewed", low=86, high=86, measure="injured", sentence="Officials said 86 were hurt.")
    report = R.merge_extraction(path, {"art1": ({"title": "Extractor's title", "author": "X", "hash": "new-hash"},
                                                [fresh, claim("c-brand-new")])})
    assert report.kept == ["c-confirmed"] and report.orphaned == ["c-confirmed"]
    assert report.updated == ["c-unreviewed"] and report.added == ["c-brand-new"] and report.removed == []
    after = open(path, encoding="utf-8").read()
    assert confirmed_block in after  # the confirmed claim and its comments, byte for byte
    reg = R.load_registry(path)
    refreshed = reg.claim("c-unreviewed")
    assert refreshed.sentence == "Officials said 86 were hurt." and refreshed.note == "looks right"
    assert refreshed.status == "unreviewed"
    meta = reg.articles["art1"]
    assert meta["title"] == "A person's title" and meta["outlet"] == "A person's outlet"  # never overwritten
    assert meta["author"] == "X" and meta["hash"] == "new-hash"  # missing filled, hash always updated
    assert [c.id for c in reg.claims_for("art1")] == ["c-confirmed", "c-unreviewed", "c-brand-new"]


def test_merge_drops_unreviewed_claims_no_longer_extracted(tmp_path):
    path = write(tmp_path)
    report = R.merge_extraction(path, {"art1": ({"hash": "h"}, [])})
    assert report.removed == ["c-unreviewed"] and report.kept == ["c-confirmed"]
    reg = R.load_registry(path)
    assert [c.id for c in reg.claims] == ["c-confirmed"]
    assert reg.claim("c-confirmed").note == "checked by hand"
    assert "# checked against the court records" in open(path, encoding="utf-8").read()


def test_merge_never_touches_rejected_or_corrected_claims_found_again(tmp_path):
    path = write(tmp_path, BASE.replace("status: unreviewed", "status: rejected"))
    fresh = claim("c-unreviewed", low=1, high=1, measure="injured")
    report = R.merge_extraction(path, {"art1": ({}, [fresh])})
    assert report.kept == ["c-confirmed", "c-unreviewed"] and report.updated == [] and report.added == []
    c = R.load_registry(path).claim("c-unreviewed")
    assert c.status == "rejected" and c.figure.low == 86


def test_merge_twice_changes_nothing_the_second_time(tmp_path):
    path = write(tmp_path)
    extracted = {"art2": ({"title": "T", "hash": "h"}, [claim("c-a", "art2"), claim("c-b", "art2")])}
    R.merge_extraction(path, extracted)
    first = open(path, encoding="utf-8").read()
    report = R.merge_extraction(path, extracted)
    assert report.unchanged == ["c-a", "c-b"] and not report.changed
    assert open(path, encoding="utf-8").read() == first


def test_comments_between_claims_survive_a_removal(tmp_path):
    text = BASE + """  # a comment about the third claim
  - id: c-third
    article: art1
    kind: statement
    text: something said
    source: {name: Amnesty, class: ngo, how: reported}
    status: confirmed
"""
    path = write(tmp_path, text)
    R.merge_extraction(path, {"art1": ({}, [])})  # drops c-unreviewed, the claim the comment hangs on
    after = open(path, encoding="utf-8").read()
    assert "  # a comment about the third claim\n  - id: c-third" in after
    assert "c-unreviewed" not in after


def test_new_article_goes_after_the_last_one_and_blank_lines_stay(tmp_path):
    text = BASE.replace("    hash: old-hash\n", "    hash: old-hash\n\n# the claims follow\n")
    path = write(tmp_path, text)
    R.record_article(path, "art2", {"title": "Added", "published": "2020"})
    after = open(path, encoding="utf-8").read()
    assert "  art2:\n    title: Added\n    published: '2020'\n\n# the claims follow\nclaims:" in after
    assert R.load_registry(path).articles["art2"]["published"] == "2020"


def test_record_article_overwrites_given_values(tmp_path):
    path = write(tmp_path)
    meta = R.record_article(path, "art1", {"outlet": "Corrected outlet", "url": "https://example.org/a", "author": None})
    assert meta["outlet"] == "Corrected outlet" and meta["title"] == "A person's title"
    assert R.load_registry(path).articles["art1"]["url"] == "https://example.org/a"


def test_set_claim_status_confirm_with_note(tmp_path):
    path = write(tmp_path)
    c = R.set_claim_status(path, "c-unreviewed", "confirmed", note="matches the court verdict")
    assert c.status == "confirmed" and c.note == "matches the court verdict"
    text = open(path, encoding="utf-8").read()
    assert "# The tests' registry" in text and "# checked against the court records" in text
    reg = R.load_registry(path)
    assert reg.claim("c-unreviewed").status == "confirmed"
    R.set_claim_status(path, "c-unreviewed", "confirmed", note="")
    assert R.load_registry(path).claim("c-unreviewed").note is None


def test_set_claim_status_with_changes_marks_corrected(tmp_path):
    path = write(tmp_path)
    c = R.set_claim_status(path, "c-unreviewed", "confirmed",
                           changes={"low": 80.0, "high": "90", "qualifier": "range", "source.class": "residents_witnesses",
                                    "event": "kazakhstan-2022-unrest"})
    assert c.status == "corrected"
    reg = R.load_registry(path)
    got = reg.claim("c-unreviewed")
    assert (got.figure.low, got.figure.high, got.figure.qualifier) == (80, 90, "range")
    assert got.source.cls == "residents_witnesses" and got.source.name == "officials" and got.event == "kazakhstan-2022-unrest"
    assert "low: 80\n" in open(path, encoding="utf-8").read()


def test_set_claim_status_refuses_bad_input_and_leaves_the_file(tmp_path):
    path = write(tmp_path)
    before = open(path, encoding="utf-8").read()
    with pytest.raises(ValidationProblems, match="unknown measure 'deaht'"):
        R.set_claim_status(path, "c-unreviewed", "corrected", changes={"measure": "deaht"})
    with pytest.raises(RegistryError, match="unknown status"):
        R.set_claim_status(path, "c-unreviewed", "ok")
    with pytest.raises(RegistryError, match="no claim 'c-missing'"):
        R.set_claim_status(path, "c-missing", "confirmed")
    with pytest.raises(RegistryError, match="cannot correct 'sentence'"):
        R.set_claim_status(path, "c-unreviewed", "corrected", changes={"sentence": "x"})
    assert open(path, encoding="utf-8").read() == before


def test_save_registry_carries_registry_changes_into_the_document(tmp_path):
    path = write(tmp_path)
    reg = R.load_registry(path)
    reg.claim("c-unreviewed").status = "rejected"
    reg.claims.append(claim("c-added"))
    reg.events.append(Event("taraz-2011", "Taraz attack", "2011-11-12", "2011-11-12", ["Taraz"], []))
    R.save_registry(reg)
    text = open(path, encoding="utf-8").read()
    assert "# The tests' registry" in text and "reviewer: alice" in text
    again = R.load_registry(path)
    assert again.claim("c-unreviewed").status == "rejected" and again.claim("c-added").status == "unreviewed"
    assert again.event("taraz-2011").places == ["Taraz"]
    assert "start: 2011-05-01\n" in text  # the unquoted YAML date a person wrote stays as written


def test_save_registry_refuses_an_invalid_registry(tmp_path):
    path = write(tmp_path)
    reg = R.load_registry(path)
    reg.claims[0].measure = "deaht"
    with pytest.raises(ValidationProblems):
        R.save_registry(reg)
    assert open(path, encoding="utf-8").read() == BASE


def test_registry_created_from_nothing(tmp_path):
    path = str(tmp_path / "sub" / "claims.yaml")
    os.makedirs(os.path.dirname(path))
    R.merge_extraction(path, {"a-1": ({"title": "T", "hash": "h"}, [claim("c-1", "a-1")])})
    reg = R.load_registry(path, missing_ok=False)
    assert reg.version == 1 and reg.claims[0].id == "c-1" and reg.articles["a-1"]["hash"] == "h"


def test_add_event(tmp_path):
    path = write(tmp_path)
    ev = R.add_event(path, Event("taraz-2011", "Taraz attack", "2011-11-12", "2011-11-12", ["Taraz"], ["Kariyev"]))
    assert ev.id == "taraz-2011" and R.load_registry(path).event("taraz-2011").cues == ["Kariyev"]
    with pytest.raises(RegistryError, match="already exists"):
        R.add_event(path, {"id": "taraz-2011", "label": "again", "start": "2011", "end": "2011"})


def test_merge_into_flow_style_empty_claims(tmp_path):
    path = write(tmp_path, "version: 1\narticles: {}\nclaims: []  # filled by extraction\n")
    R.merge_extraction(path, {"a1": ({"hash": "h"}, [claim("c-1", "a1")])})
    text = open(path, encoding="utf-8").read()
    assert "claims:" in text and "\n  - id: c-1\n" in text  # grew as a block, not as one long line
    assert "# filled by extraction" in text


def test_fast_load_matches_round_trip_and_uses_a_cache(tmp_path, monkeypatch):
    path = write(tmp_path)
    slow = R.load_registry(path)
    fast = R.load_registry(path, fast=True)
    assert fast.read_only and fast.claims == slow.claims and fast.articles == slow.articles
    assert fast.events == slow.events and fast.lines == slow.lines
    assert os.listdir(tmp_path / R.CACHE_DIR)
    # a cache hit must not parse YAML at all
    monkeypatch.setattr(R, "_parse_rt", lambda *a: pytest.fail("parsed despite the cache"))
    monkeypatch.setattr(R, "_fast_parse", lambda *a: pytest.fail("parsed despite the cache"))
    assert R.load_registry(path, fast=True).claims == slow.claims
    monkeypatch.undo()
    # a changed file is read again
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("# appended\n")
    with open(path, "r+", encoding="utf-8") as fh:
        text = fh.read().replace("low: 86", "low: 80")
        fh.seek(0)
        fh.write(text)
        fh.truncate()
    assert R.load_registry(path, fast=True).claim("c-unreviewed").figure.low == 80
    with pytest.raises(ValueError, match="read-only"):
        R.save_registry(fast)


def test_fast_load_without_the_c_parser(tmp_path, monkeypatch):
    monkeypatch.setattr(R, "_CParser", None)
    path = write(tmp_path)
    assert R.load_registry(path, fast=True).claims == R.load_registry(path).claims


def test_fast_load_reports_problems_with_lines(tmp_path):
    text = BASE.replace("measure: injured", "measure: injred")
    with pytest.raises(ValidationProblems) as info:
        R.load_registry(write(tmp_path, text), fast=True)
    assert info.value.problems[0].line == line_of(text, "measure: injred")


def test_corrupt_cache_is_ignored(tmp_path):
    path = write(tmp_path)
    R.load_registry(path, fast=True)
    for name in os.listdir(tmp_path / R.CACHE_DIR):
        if name.endswith(".json"):
            (tmp_path / R.CACHE_DIR / name).write_text("{not json", encoding="utf-8")
    assert len(R.load_registry(path, fast=True).claims) == 2


def test_cache_can_be_moved_or_turned_off(tmp_path, monkeypatch):
    path = write(tmp_path)
    monkeypatch.setenv("KZCHECK_NO_CACHE", "1")
    assert len(R.load_registry(path, fast=True).claims) == 2
    assert not (tmp_path / R.CACHE_DIR).exists()
    monkeypatch.delenv("KZCHECK_NO_CACHE")
    monkeypatch.setenv("KZCHECK_CACHE_DIR", str(tmp_path / "elsewhere"))
    R.load_registry(path, fast=True)
    assert any(n.endswith(".json") for n in os.listdir(tmp_path / "elsewhere"))


def test_what_kzcheck_writes_in_braces_is_read_by_the_fast_parser(tmp_path):
    """libyaml ends a plain scalar at '?' or ':' inside braces, where ruamel writes them plain: such values
    are written quoted, so that the file never falls back to the slow parser, and a file written before
    is mended on its next write."""
    odd = ["why aren't they helping?", "head: of the office", "a #1 source", "x, y", "[note]"]
    text = BASE.replace("source: {name: officials, class: official, how: according_to, verb: according to",
                        "source: {name: officials, class: official, how: according_to, verb: why?", 1)
    path = write(tmp_path, text)  # as ruamel wrote it before: plain
    with pytest.raises(R._FastUnsupported):
        R._fast_parse(text)
    extracted = []
    for i, role in enumerate(odd):
        c = claim(f"c-odd{i}", "art2")
        c.source.role = role
        extracted.append(c)
    R.merge_extraction(path, {"art2": ({"hash": "h2"}, extracted)})
    written = open(path, encoding="utf-8").read()
    doc = R._fast_parse(written)
    roles = [c["source"]["role"] for c in doc["claims"] if c["id"].startswith("c-odd")]
    assert roles == odd
    assert R.load_registry(path).claim("c-confirmed").source.verb == "why?"


def test_fast_load_of_numbers_beyond_64_bits_and_lone_surrogates(tmp_path):
    """A whole number too large for SQLite's integers is stored as a float in the facts table (the record
    keeps it); a lone surrogate (a YAML escape of half a pair) cannot be stored: the claims stay in memory."""
    path = write(tmp_path, BASE.replace("low: 86\n    high: 86", "low: 1.0e+300\n    high: 1.0e+300"))
    fast = R.load_registry(path, fast=True)
    assert fast.claims == R.load_registry(path).claims and fast.claim("c-unreviewed").figure.low == 1e300
    assert R.load_registry(path, fast=True).claim("c-unreviewed").figure.high == 1e300  # from the cache
    path = write(tmp_path, BASE.replace("text: 86 injured", 'text: "86 \\ud83d injured"'))
    assert R.load_registry(path, fast=True).claims == R.load_registry(path).claims
