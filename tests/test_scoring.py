"""The extractor against reference claims: the seeds and our own test articles.

Uses ../shared/eval/score.py (the project's scorer) when it is beside the
repository; the reference files are tests/articles/*.gold.json.
"""
import contextlib
import glob
import importlib.util
import io
import json
from pathlib import Path

import pytest

from kzcheck.corpus import load_articles
from kzcheck.extract import extract_article
from kzcheck.pipeline import vocabulary_for
from kzcheck.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SEEDS_GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.json"


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("kz_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predictions(paths):
    reg = load_registry(str(ROOT / "claims.yaml"))
    vocab = vocabulary_for(reg.vocabulary, reg.sources)
    out = []
    for art in load_articles(paths):
        meta = reg.articles.get(art.id) or {}
        for k in ("outlet", "published", "author", "title"):
            if meta.get(k) and not getattr(art, k):
                setattr(art, k, str(meta[k]))
        out += [c.to_json() for c in extract_article(art, vocab, reg.known_events)]
    return [c for c in out if c.get("measure") in SCORED]


SCORED = {"deaths", "injured", "detained", "convicted", "troops", "attackers", "protesters"}


def score(scorer, gold, preds):
    with contextlib.redirect_stdout(io.StringIO()):
        return scorer.score(gold, preds)


def test_seeds_are_extracted_exactly(scorer):
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    figures = score(scorer, gold, predictions([str(ROOT / "seeds")]))
    for key in ("recall", "precision", "source_class", "source_name", "qualifier", "negation", "event_pairs"):
        assert figures[key] == 1.0, (key, figures)


def test_own_articles_in_other_styles(scorer):
    gold = {"articles": []}
    for f in sorted(glob.glob(str(ROOT / "tests" / "articles" / "*.gold.json"))):
        gold["articles"] += json.loads(Path(f).read_text(encoding="utf-8"))["articles"]
    assert len(gold["articles"]) >= 12
    figures = score(scorer, gold, predictions([str(ROOT / "tests" / "articles")]))
    # 37 articles; the last 14 (e*, f*, g*) were written by people who had not seen the extractor's rules
    assert figures["recall"] >= 0.89 and figures["precision"] >= 0.955, figures
    assert figures["source_class"] >= 0.885 and figures["source_name"] >= 0.87, figures
    assert figures["event_pairs"] >= 0.94 and figures["qualifier"] >= 0.99, figures


# Articles in styles the extractor was not written against (feature, British, translated from
# Russian, factsheet/timeline, state media, wire update, academic paper, channel posts, press conference),
# each held to what it reaches now. A floor is lowered only for a general rule that gains more over all the
# articles than it loses on one (the commit says which).
NEW_STYLE_FLOORS = {
    "c01_feature": {"recall": 1.0, "precision": 1.0, "source_class": 1.0, "source_name": 1.0, "event_pairs": 1.0},
    "c02_british": {"recall": 0.92, "precision": 1.0, "source_class": 1.0, "source_name": 1.0, "event_pairs": 1.0},
    "c03_translated": {"recall": 1.0, "precision": 1.0, "source_class": 1.0, "source_name": 1.0, "event_pairs": 1.0},
    "c04_factsheet": {"recall": 1.0, "precision": 1.0, "source_class": 0.95, "source_name": 0.95, "event_pairs": 1.0},
    # state-media agency item; wire update with a correction note and a timeline of the official toll
    "c05_state_media": {"recall": 1.0, "precision": 1.0, "source_class": 0.9, "source_name": 0.9, "event_pairs": 1.0},
    "c06_wire_update": {"recall": 1.0, "precision": 1.0, "source_class": 1.0, "source_name": 1.0, "event_pairs": 1.0},
    # think-tank paper with citations and footnotes; Telegram channel's timestamped posts; press conference with Q&A
    "d01_academic": {"recall": 1.0, "precision": 1.0, "source_class": 0.94, "source_name": 0.82, "event_pairs": 0.88},
    "d02_telegram": {"recall": 0.92, "precision": 0.85, "source_class": 1.0, "source_name": 1.0, "event_pairs": 1.0},
    "d03_press_conference": {"recall": 0.92, "precision": 1.0, "source_class": 0.84, "source_name": 0.92,
                             "event_pairs": 1.0},
    # written blind by helpers, first seen by the extractor this session: encyclopedia entry with a summary box
    # and footnotes, fact-check, NGO submission to a UN committee, radio transcript with time stamps, press
    # round-up by outlet, business news with few claims among many numbers
    "e01_encyclopedia": {"recall": 0.85, "precision": 0.94, "source_class": 0.94,
                         "source_name": 0.94, "event_pairs": 0.88},
    "e02_factcheck": {"recall": 0.75, "precision": 0.88, "source_class": 0.73, "source_name": 0.8, "event_pairs": 1.0},
    "e03_un_submission": {"recall": 0.85, "precision": 1.0, "source_class": 0.88,
                          "source_name": 0.76, "event_pairs": 0.78},
    "e04_radio_transcript": {"recall": 0.88, "precision": 0.84, "source_class": 1.0,
                             "source_name": 0.8, "event_pairs": 0.46},
    "e05_press_roundup": {"recall": 1.0, "precision": 0.95, "source_class": 0.8,
                          "source_name": 0.8, "event_pairs": 0.93},
    "e06_business_news": {"recall": 0.9, "precision": 1.0, "source_class": 0.9, "source_name": 0.7, "event_pairs": 1.0},
    # court report with a fact box, open letter from NGOs, parliamentary debate record, machine-translated item
    "f01_court_verdicts": {"recall": 0.85, "precision": 0.8, "source_class": 0.88,
                           "source_name": 0.94, "event_pairs": 1.0},
    "f02_open_letter": {"recall": 0.89, "precision": 0.85, "source_class": 0.94,
                        "source_name": 0.94, "event_pairs": 1.0},
    "f03_parliament_debate": {"recall": 0.85, "precision": 0.94, "source_class": 0.94,
                              "source_name": 0.82, "event_pairs": 0.88},
    "f04_machine_translated": {"recall": 0.65, "precision": 0.92, "source_class": 0.61,
                               "source_name": 0.46, "event_pairs": 0.72},
    # cable-news live blog, Markdown briefing with tables, Q&A explainer with bold questions, 2016 wire round-up
    "g01_cable_liveblog": {"recall": 0.9, "precision": 0.94, "source_class": 0.83,
                           "source_name": 0.83, "event_pairs": 0.88},
    "g02_markdown_tables": {"recall": 0.9, "precision": 1.0, "source_class": 0.94,
                            "source_name": 0.94, "event_pairs": 1.0},
    "g03_explainer_qa": {"recall": 0.89, "precision": 0.89, "source_class": 0.76,
                         "source_name": 0.76, "event_pairs": 0.9},
    "g04_wire_roundup_2016": {"recall": 0.9, "precision": 0.94, "source_class": 0.94,
                              "source_name": 1.0, "event_pairs": 0.81},
    # written blind by helpers in the next session (recall / precision at first sight in brackets): timeline
    # (.75/1.0), correction and update (.84/.89), investigation from leaked records (.60/.86), newsletter digest
    # (.89/.94), Russian state-agency dispatch (.80/.94), victim profile (.75/.92), data journalism with a text
    # chart (.55/.69), op-ed in the first person (.72/.93), wire factbox (.90/.95), official press release
    # (.50/.90), forum thread (.85/.94), magazine long read (.74/.88)
    "h01_timeline": {"recall": 0.9, "precision": 1.0, "source_class": 0.94, "source_name": 0.94, "event_pairs": 1.0},
    "h02_correction_update": {"recall": 0.84, "precision": 0.88, "source_class": 0.93, "source_name": 0.93,
                              "event_pairs": 0.55},
    "h03_investigation": {"recall": 0.8, "precision": 0.94, "source_class": 0.62, "source_name": 0.56,
                          "event_pairs": 1.0},
    "h04_newsletter": {"recall": 1.0, "precision": 1.0, "source_class": 0.83, "source_name": 0.83, "event_pairs": 0.95},
    "h05_tass_style": {"recall": 0.9, "precision": 1.0, "source_class": 0.88, "source_name": 0.83, "event_pairs": 1.0},
    "h06_victim_profile": {"recall": 0.75, "precision": 0.92, "source_class": 0.66, "source_name": 0.83,
                           "event_pairs": 1.0},
    "h07_data_journalism": {"recall": 0.75, "precision": 0.78, "source_class": 0.73, "source_name": 0.73,
                            "event_pairs": 0.82},
    "h08_op_ed": {"recall": 0.83, "precision": 0.93, "source_class": 0.4, "source_name": 0.4, "event_pairs": 1.0},
    "i01_factbox": {"recall": 0.95, "precision": 0.95, "source_class": 0.84, "source_name": 0.84, "event_pairs": 1.0},
    "i02_press_release": {"recall": 0.83, "precision": 1.0, "source_class": 1.0, "source_name": 0.93,
                          "event_pairs": 1.0},
    "i03_forum_thread": {"recall": 0.85, "precision": 0.94, "source_class": 0.35, "source_name": 0.29,
                         "event_pairs": 0.71},
    "i04_magazine_longread": {"recall": 0.78, "precision": 0.93, "source_class": 0.78, "source_name": 0.85,
                              "event_pairs": 0.6},
    # and four more, measured at first sight on this session's code (recall / precision): regional TV script with
    # SOT/SUPER lines (.70/.93), academic blog with a space-aligned table (.40/.80), AP-style breaking story on an
    # event the project does not know (.71/1.0), appeal-court report (.67/.67)
    "j01_local_tv_script": {"recall": 0.7, "precision": 1.0, "source_class": 0.64, "source_name": 0.64,
                            "event_pairs": 0.64},
    "j02_academic_blog": {"recall": 0.4, "precision": 0.88, "source_class": 1.0, "source_name": 1.0, "event_pairs": 1.0},
    "j03_ap_style_breaking": {"recall": 0.85, "precision": 1.0, "source_class": 0.94, "source_name": 0.88,
                              "event_pairs": 0.72},
    "j04_court_appeal": {"recall": 0.88, "precision": 0.76, "source_class": 0.81, "source_name": 0.81,
                         "event_pairs": 1.0},
}


@pytest.mark.parametrize("name", sorted(NEW_STYLE_FLOORS))
def test_articles_in_new_styles_keep_their_floor(scorer, name):
    gold = json.loads((ROOT / "tests" / "articles" / f"{name}.gold.json").read_text(encoding="utf-8"))
    [path] = [p for p in (ROOT / "tests" / "articles").glob(f"{name}.*") if p.suffix != ".json"]
    figures = score(scorer, gold, predictions([str(path)]))
    for key, floor in NEW_STYLE_FLOORS[name].items():
        assert figures[key] >= floor, (name, key, figures)
