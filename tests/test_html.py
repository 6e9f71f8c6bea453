"""Web pages as articles: .html and .htm files, and any file that starts as a page.

The article is the text a reader sees (paragraphs, tables as Markdown pipe tables, entities
decoded; menus, scripts and forms left out), its metadata comes from the page's head, its charset
from its declaration, and claims' spans point into that text. Broken HTML never raises.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from workcount import assert_linear

from kzcheck.corpus import declared_charset, load_articles, looks_like_html, read_article
from kzcheck.htmltext import iso_date, page_text
from kzcheck.tables import find_tables

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
NEWS_PAGE = FIXTURES / "almaty_detentions.html"
NOISE = ("99", "300", "500", "66", "12,000", "25 years", "10 comments", "Politics", "Search", "Newsletter",
         "Most read", "About us", "dataLayer")


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# ---------------------------------------------------------------- a news page, end to end


def test_a_news_page_gives_the_article_claims_and_none_of_the_page_around_it(kz):
    r = kz("extract", str(NEWS_PAGE), "--format", "json", "--kind", "all")
    assert r.exit_code == 0, r.output
    claims = json.loads(r.stdout)["claims"]
    assert {c["article"] for c in claims} == {"almaty_detentions"}

    figures = [c for c in claims if c["kind"] == "figure"]
    assert len(figures) == 1, figures
    fig = figures[0]
    assert (fig["measure"], fig["low"], fig["high"], fig["qualifier"]) == ("detained", 40, 40, "exact")
    assert fig["text"] == "40 people"
    assert fig["source"]["name"] == "Police" and fig["source"]["class"] == "official"
    assert fig["source"]["how"] == "reported" and fig["source"]["verb"] == "said"
    assert fig["event"] == "kazakhstan-2022-unrest"
    for c in claims:
        assert c["title"] == "Forty held after Almaty rally"
        assert c["published"] == "2022-01-06"
        assert c["outlet"] == "Steppe Wire"

    quotes = [c for c in claims if c["source"]["how"] == "quote"]
    assert len(quotes) == 1
    assert quotes[0]["source"]["name"] == "Aliya Bekova"
    assert quotes[0]["source"]["role"] == "a teacher from Almaty"
    assert quotes[0]["text"].startswith("They took my brother away")

    for c in claims:
        for noise in NOISE:
            assert noise not in c["sentence"], (noise, c["sentence"])


def test_spans_and_lines_point_into_the_extracted_text(kz):
    claims = json.loads(kz("extract", str(NEWS_PAGE), "--format", "json", "--kind", "all").stdout)["claims"]
    text = read_article(str(NEWS_PAGE)).text
    assert claims
    for c in claims:
        s, e = c["span"]
        assert text[s:e] == c["text"]
        assert c["line"] == text.count("\n", 0, s) + 1
        assert c["sentence"].replace("\u00a0", " ") in text.replace("\u00a0", " ")


def test_add_copies_the_page_and_records_its_metadata(kz, project):
    r = kz("add", str(NEWS_PAGE))
    assert r.exit_code == 0, r.output
    assert (project / "seeds" / "almaty_detentions.html").read_bytes() == NEWS_PAGE.read_bytes()
    registry = (project / "claims.yaml").read_text(encoding="utf-8")
    entry = registry[registry.index("  almaty_detentions:"):]
    entry = entry[:entry.index("\n\n")]
    for line in ("title: Forty held after Almaty rally", "author: Marat Ospanov", "published: '2022-01-06'",
                 "outlet: Steppe Wire", "url: https://steppewire.example/2022/01/almaty-rally", "language: en"):
        assert line in entry, entry
    r = kz("extract", "--format", "json")
    assert any(c["article"] == "almaty_detentions" and c["low"] == 40 for c in json.loads(r.stdout)["claims"])


def test_the_page_metadata_has_the_front_matter_keys():
    art = read_article(str(NEWS_PAGE))
    assert art.metadata() == {
        "title": "Forty held after Almaty rally", "outlet": "Steppe Wire", "author": "Marat Ospanov",
        "published": "2022-01-06", "url": "https://steppewire.example/2022/01/almaty-rally", "language": "en",
    }
    assert art.id == "almaty_detentions" and art.encoding == "utf-8" and art.body_offset == 0


def test_the_page_text_reads_as_a_txt_article():
    text = read_article(str(NEWS_PAGE)).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Forty held after Almaty rally"  # the h1 on its own line
    assert paragraphs[1] == "By Marat Ospanov \u00b7 6 January 2022"
    assert paragraphs[2] == "Police said 40 people were detained in Almaty on 5\u00a0January 2022."
    assert paragraphs[3] == ("The rally began in the morning outside the city akimat, where fuel prices had "
                             "been the talk of the week.")
    assert "Police near the akimat on Wednesday." in paragraphs  # figcaption
    assert "\n\n\n" not in text and text.endswith(".\n")
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs[:-1])


def test_metadata_falls_back_to_title_time_and_canonical():
    _, meta = page_text(
        '<html lang="kk"><head><title> Rally &amp; aftermath </title>'
        '<link rel="alternate canonical" href="https://a.example/x"><meta name="author" content="https://a.example/me">'
        '<meta name="byl" content="By Dana Sadyk"></head><body><time datetime="2021-12-16T10:00">16 Dec</time>'
        '<p>Text.</p></body></html>')
    assert meta == {"title": "Rally & aftermath", "author": "Dana Sadyk", "published": "2021-12-16",
                    "url": "https://a.example/x", "language": "kk"}


@pytest.mark.parametrize("value,date", [
    ("2022-01-07T10:00:00+06:00", "2022-01-07"), ("2022-01", "2022-01"), ("2013", "2013"),
    ("20220107", "2022-01-07"), ("2022/01/07", "2022-01-07"), ("January 2022", None), ("2022-13-01", None),
])
def test_dates_are_read_as_iso(value, date):
    assert iso_date(value) == date


# ---------------------------------------------------------------- text layout and tables

# name: (page, its text)
LAYOUT = {
    "blocks_and_inline_spaces": (
        "<h2>Crosshead</h2><div>First <b>bold</b>,<i> italic</i> and Al<em>ma</em>ty\n   on\tthree\n lines.</div>"
        "<ul><li>one</li><li>two<li>three</ul><p>Line<br>break</p><section>Closing words.</section>",
        "Crosshead\n\nFirst bold, italic and Almaty on three lines.\n\none\n\ntwo\n\nthree\n\nLine\n\nbreak\n\n"
        "Closing words.\n"),
    "entities": (
        "<p>Rights &amp; wrongs: &ldquo;at least&rdquo; 40&nbsp;people &mdash; &#171;many&#187; &#x2014; "
        "a &lt;b&gt; tag, &copy; &euro;5</p>",
        "Rights & wrongs: \u201cat least\u201d 40\u00a0people \u2014 \u00abmany\u00bb \u2014 "
        "a <b> tag, \u00a9 \u20ac5\n"),
    "left_out": (
        "<script>var s = '</p>99 killed';</script><style>p{}</style><noscript>Turn on scripts</noscript>"
        "<template><p>Template 1</p></template><svg><text>Chart 2</text></svg>"
        "<div role='navigation'>Menu</div><aside>Aside</aside><div hidden>Hidden</div>"
        "<p style='display:none'>Not hidden: a p's end tag may be left out</p>"
        "<span style='display: none'>Hidden span</span><form>Subscribe <select><option>A</select></form>"
        "<!-- a comment --><p>Kept.</p>",
        "Not hidden: a p's end tag may be left out\n\nKept.\n"),
    "the_article_header_and_footer_stay": (
        "<header>Site name<nav>Home</nav></header><article><header><h1>Headline</h1></header><p>Body.</p>"
        "<footer>Filed under: rallies</footer></article><footer>Copyright</footer>",
        "Headline\n\nBody.\n\nFiled under: rallies\n"),
    "a_page_wrapped_in_a_form": (
        "<form id='page'><h1>Headline</h1><p>Body.</p><input type=submit></form>", "Headline\n\nBody.\n"),
    "the_headline_in_the_page_header": (
        "<header><h1>Headline</h1><nav>Home</nav></header><p>Body.</p>", "Headline\n\nBody.\n"),
    "preformatted_lines": (
        "<pre>10:00 rally\n11:30  police arrive\n\n12:00 end</pre>",
        "10:00 rally\n\n11:30 police arrive\n\n12:00 end\n"),
    "table_rows": (
        "<p>Detentions by city:</p><table><caption>January 2022</caption>"
        "<thead><tr><th>City</th><th>Detained</th></tr></thead><tbody><tr><td>Almaty</td><td>4,266</td></tr>"
        "<tr><td> Aktobe <td>1,200<tr><td>Taraz<td></td><td>35</tbody></table><p>Source: ministry.</p>",
        "Detentions by city:\n\nJanuary 2022\n\n| City | Detained |\n|---|---|\n| Almaty | 4,266 |\n"
        "| Aktobe | 1,200 |\n| Taraz | | 35 |\n\nSource: ministry.\n"),
    "a_header_row_of_th_cells": (
        "<table><tr><th></th><th>Killed</th></tr><tr><th>Almaty</th><td>139</td></tr></table>",
        "| | Killed |\n|---|---|\n| Almaty | 139 |\n"),
    "a_table_without_a_header_row": (
        "<p>Before.</p><table><tr><td>Almaty</td><td>139</td></tr><tr><th>Aktobe</th><td>6</td></tr></table>"
        "<p>After.</p>",
        "Before.\n\n| Almaty | 139 |\n| Aktobe | 6 |\n\nAfter.\n"),
    "a_pipe_in_a_cell": (
        "<table><thead><tr><td>Name</td><td>Killed</td></thead><tr><td>Almaty | city</td><td>a\\|b</td></table>",
        "| Name | Killed |\n|---|---|\n| Almaty \\| city | a\\\\\\|b |\n"),
    "rows_of_one_cell": (
        "<table><tr><th colspan=2>Casualties</th></tr><tr><th>Region</th><th>Killed</th></tr>"
        "<tr><td colspan=2>Almaty region</td></tr><tr><td>Almaty</td><td>139</td></tr></table>"
        "<table><tr><td>A box of text.</td></tr></table>",
        "Casualties\n\n| Region | Killed |\n|---|---|\n| Almaty region |\n| Almaty | 139 |\n\nA box of text.\n"),
    "a_row_in_tbody_after_a_thead_left_open": (
        "<table><thead><tr><th>Region<th>Killed<tbody><td>Almaty<td>139</table>",
        "| Region | Killed |\n|---|---|\n| Almaty | 139 |\n"),
    "a_layout_table_keeps_its_paragraphs": (
        "<table><tr><td class=menu>Home</td><td><h1>Headline</h1><p>First paragraph.</p><p>Second.</p></td></tr>"
        "</table>",
        "Home\n\nHeadline\n\nFirst paragraph.\n\nSecond.\n"),
    "a_line_break_in_a_cell": (
        "<table><tr><td>Almaty<br>(city)</td><td>40</td></tr></table>", "| Almaty (city) | 40 |\n"),
    "a_table_in_a_cell": (
        "<table><tr><td>Region<table><tr><td>a<td>b</table></td><td>c</table>", "Region\n\n| a | b |\n\nc\n"),
    "a_data_table_in_a_layout_table": (
        "<table><tr><td>Menu</td><td><p>Text.</p><table><tr><th>Region<th>Killed<tr><td>Almaty<td>139"
        "<tr><td>Aktobe<td>6</table><p>More text.</p></td></tr></table>",
        "Menu\n\nText.\n\n| Region | Killed |\n|---|---|\n| Almaty | 139 |\n| Aktobe | 6 |\n\nMore text.\n"),
}


@pytest.mark.parametrize("name", list(LAYOUT))
def test_layout(name):
    html, text = LAYOUT[name]
    assert page_text(html)[0] == text


def test_table_figures_are_read_with_the_cells_on_one_line(tmp_path):
    path = write(tmp_path, "table.html", "<p>Police said they detained people in three cities.</p><table>"
                                         "<tr><td>Almaty</td><td>4,266 detained</td></tr></table>")
    art = read_article(str(path))
    assert "| Almaty | 4,266 detained |" in art.text.splitlines()


CASUALTIES = """<html><body><h1>The January toll</h1><p>Officials and residents give these figures.</p>
<table><caption>Casualties by region</caption>
<thead><tr><td>Region</td><td>Killed</td><td>Injured</td><td>Source</td></tr></thead>
<tbody><tr><td>Almaty</td><td>139</td><td>1,022</td><td>Prosecutor General's Office</td></tr>
<tr><td>Taldykorgan</td><td>at least 12</td><td>~40</td><td>Residents' accounts</td></tr>
<tr><td>Aktobe</td><td>none</td><td></td><td>Aktobe regional police</td></tr></tbody></table>
<p>Rights groups dispute the toll.</p></body></html>"""


def test_a_table_figure_takes_its_column_header_and_its_row_source(kz, tmp_path):
    r = kz("extract", str(write(tmp_path, "toll.html", CASUALTIES)), "--format", "json")
    assert r.exit_code == 0, r.output
    got = {(c["text"], c["measure"], c["low"], c["source"]["name"], c["source"]["class"])
           for c in json.loads(r.stdout)["claims"] if c["kind"] == "figure"}
    assert got == {
        ("139", "deaths", 139, "Prosecutor General's Office", "official"),
        ("1,022", "injured", 1022, "Prosecutor General's Office", "official"),
        ("at least 12", "deaths", 12, "Residents' accounts", "residents_witnesses"),
        ("~40", "injured", 40, "Residents' accounts", "residents_witnesses"),
        ("none", "deaths", 0, "Aktobe regional police", "official"),  # under Killed: a negated zero
    }


@pytest.mark.parametrize("name, widths", [
    ("table_rows", [2, 2, 3]), ("a_pipe_in_a_cell", [2]), ("rows_of_one_cell", [1, 2]),
    ("a_data_table_in_a_layout_table", [2, 2]), ("a_table_without_a_header_row", []), ("a_table_in_a_cell", []),
])
def test_tables_py_reads_the_tables_of_a_page(name, widths):
    rows = find_tables(page_text(LAYOUT[name][0])[0]).rows
    assert [len(r.cells) for r in rows] == widths and all(len(r.headers) == 2 for r in rows)


# ---------------------------------------------------------------- charsets


CYRILLIC = "Полиция сообщила, что в Алматы задержаны 40 человек"


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1251">',
    "<meta http-equiv='Content-Type' content='text/html; charset=Windows-1251'>",
    '<meta content="text/html;charset=cp1251" http-equiv="content-type">',
])
def test_a_windows_1251_page_is_read_by_its_declared_charset(tmp_path, declaration):
    page = (f"<!DOCTYPE html><html lang='ru'><head>{declaration}<title>Задержания &mdash; Алматы</title></head>"
            f"<body><p>{CYRILLIC} &laquo;за участие&raquo;.</p></body></html>")
    path = write(tmp_path, "ru.html", page.encode("cp1251"))
    warnings = []
    art = read_article(str(path), warnings.append)
    assert warnings == []  # declared, not guessed
    assert art.encoding == "cp1251"
    assert art.text == f"{CYRILLIC} \u00abза участие\u00bb.\n"
    assert art.title == "Задержания \u2014 Алматы" and art.language == "ru"


@pytest.mark.parametrize("name,page,says", [
    ("wrong.html", f"<meta charset=utf-8><p>{CYRILLIC}.</p>", "declares utf-8"),  # a wrong declaration
    ("old.htm", f"<html><p>{CYRILLIC}.</p></html>", "<meta charset>"),  # none
])
def test_a_legacy_page_not_declared_as_it_is_is_guessed_with_a_warning(tmp_path, name, page, says):
    warnings = []
    art = read_article(str(write(tmp_path, name, page.encode("cp1251"))), warnings.append)
    assert art.text == f"{CYRILLIC}.\n" and art.encoding == "cp1251"
    assert len(warnings) == 1 and name in warnings[0] and says in warnings[0]


def test_a_byte_order_mark_wins_over_the_declaration(tmp_path):
    page = f"<meta charset=windows-1251><p>{CYRILLIC}.</p>"
    path = write(tmp_path, "bom.html", b"\xff\xfe" + page.encode("utf-16-le"))
    art = read_article(str(path))
    assert art.text == f"{CYRILLIC}.\n" and art.encoding == "utf-16-le"


@pytest.mark.parametrize("head,codec", [
    (b'<meta charset="KOI8-R">', "koi8-r"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><html>', "cp1252"),  # as browsers read Latin-1
    (b"<meta charset=utf-16>", "utf-8"),  # a page that can say so is not in UTF-16
    (b"<meta charset=base64>", None),
    (b"<meta charset=no-such-thing>", None),
    (b"<head></head><body><p>charset=koi8-r</p><meta charset=koi8-r>", None),  # only the head declares
])
def test_declared_charsets(head, codec):
    assert declared_charset(head) == codec


# ---------------------------------------------------------------- broken pages


BROKEN = [
    "<p>Police said 40 people were detained.<p>Next <b>bold <i>italic",
    "<nav><a>Home</a><p>Police said 40 people were detained.</p>",  # a menu never closed keeps the text
    "<header><a>Logo</a><nav>Menu</nav><main><p>Police said 40 people were detained.</p></main>",
    "<p>Police said 40 people were detained.</p><!-- a comment never closed <p>gone</p>",
    "<p>Police said 40 people were detained.</p><![foo[ not a keyword html.parser knows",
    "<p>Police said 40 people were detained.</p><div>text<![if !IE]>shown<![endif]></div>",
    "<p>Police said 40 people were detained.</p><a href=\"unclosed",
    "<p>Police said 40 people were detained.</p></",
    "<p>Police said 40 people were detained.</p><script>var never = 'closed';",
    "</div></p></table></html><p>Police said 40 people were detained.</p></body></body>",
    "<table><td>Police said 40 people were detained.<tr></table></tr></td>",
    "<p>Police said 40 people were detained.</p><?php echo 1; <!doctype",
    "<<p>>Police said 40 people were detained.<</p>>",
    "<p>Police said 40 people were detained.</p>" + "<div>" * 3000 + "<nav>" * 3000 + "</nav>" * 2000,
]


@pytest.mark.parametrize("html", BROKEN, ids=range(len(BROKEN)))
def test_broken_html_never_raises_and_keeps_the_text(tmp_path, html):
    path = write(tmp_path, "broken.html", html)
    warnings = []
    art = read_article(str(path), warnings.append)
    assert art is not None and warnings == []
    assert "Police said 40 people were detained." in art.text


def test_should_the_parser_fail_the_page_is_read_as_plain_text(monkeypatch):
    from kzcheck import htmltext

    def fail(*args):
        raise AssertionError("a parser bug")

    monkeypatch.setattr(htmltext._PageParser, "handle_endtag", fail)
    text, meta = page_text("<title>T</title>\n<p>Police said <b>40</b> people &amp; more\nwere detained.</p> 1 < 2")
    assert text == "T\n\nPolice said 40 people & more\n\nwere detained. 1 < 2\n" and meta == {}


def test_broken_pages_through_the_command_line(kz, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, html in enumerate(BROKEN):
        write(folder, f"broken{n:02d}.html", html)
    r = kz("extract", str(folder), "--format", "json")
    assert r.exit_code == 0 and "Traceback" not in r.output
    found = {c["article"] for c in json.loads(r.stdout)["claims"] if c["measure"] == "detained" and c["low"] == 40}
    assert found == {f"broken{n:02d}" for n in range(len(BROKEN))}


def test_a_page_with_an_empty_body_is_skipped_with_a_warning(tmp_path):
    write(tmp_path, "a_empty.html", "<!DOCTYPE html><html><head><title>Nothing here</title>"
                                    "<script>render()</script></head><body>\n  </body></html>")
    write(tmp_path, "b_good.html", "<p>Ten were killed.</p>")
    warnings = []
    arts = list(load_articles([str(tmp_path)], warnings.append))
    assert [a.id for a in arts] == ["b_good"]
    assert len(warnings) == 1 and "a_empty.html" in warnings[0] and "no text" in warnings[0]


# ---------------------------------------------------------------- finding pages


def test_a_folder_scan_reads_htm_and_html_beside_txt(tmp_path):
    write(tmp_path, "a_wire.txt", "Officials said 12 people were killed.\n")
    write(tmp_path, "b_saved.htm", "<html><nav>Menu</nav><p>Police said 40 people were detained.</p></html>")
    write(tmp_path, "c_page.HTML", "<p>Five were injured.</p>")
    write(tmp_path, "d_notes.pdf", "%PDF-1.4")
    arts = list(load_articles([str(tmp_path)]))
    assert [a.id for a in arts] == ["a_wire", "b_saved", "c_page"]
    assert arts[0].text == "Officials said 12 people were killed.\n"
    assert arts[1].text == "Police said 40 people were detained.\n"


def test_a_file_that_starts_as_a_page_is_read_as_html_whatever_its_name(tmp_path):
    named = write(tmp_path, "saved.page", "\n  <!DOCTYPE HTML>\n<title>T</title><p>Ten were killed.</p>")
    txt = write(tmp_path, "export.txt", "\ufeff<!-- saved by a browser --><html><p>Five were injured.</p></html>")
    plain = write(tmp_path, "plain.txt", "<b>Not a page</b>: markup in a text file stays as written.\n")
    assert read_article(str(named)).text == "Ten were killed.\n"
    assert read_article(str(txt)).text == "Five were injured.\n"
    assert read_article(str(plain)).text == "<b>Not a page</b>: markup in a text file stays as written.\n"


@pytest.mark.parametrize("head,page", [
    (b"<!doctype html>", True), (b"\xef\xbb\xbf  <HTML lang=en>", True), (b"<?xml version='1.0'?>\n<html>", True),
    (b"<!-- c --><!DOCTYPE html>", True), (b"<htmlx>", False), (b"<p>fragment</p>", False), (b"# Markdown", False),
])
def test_looks_like_html(head, page):
    assert looks_like_html(head) is page


def test_a_change_to_the_page_metadata_alone_changes_the_content_hash(tmp_path):
    page = "<meta property=og:site_name content={}><p>Ten were killed.</p>"
    a = read_article(str(write(tmp_path, "a.html", page.format("Wire"))))
    b = read_article(str(write(tmp_path, "b.html", page.format("Post"))))
    assert a.text == b.text and a.content_hash != b.content_hash


# ---------------------------------------------------------------- linear time


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# name: (generator, size run untraced under the hang guard). The constructs never closed cost nothing
# when guarded, and html.parser alone would search to the end of the page for each one: that work is
# inside C calls, which only the large run sees.
ADVERSARIAL = {
    "page": (_repeat("<div class=row><p>Police said <a href='/x?a=1&amp;b=2'>40 people</a> were <em>held</em>.</p>"
                     "<nav><a href=/>Home</a></nav><table><tr><td>x<td>1</table><script>var a='<b>';</script></div>\n"),
             400_000),
    "unclosed_comments": (_repeat("<!--"), 4_000_000),
    "lt_without_gt": (_repeat("<a"), 4_000_000),
    "end_tags_without_gt": (_repeat("</a"), 4_000_000),
    "processing_instructions_without_gt": (_repeat("<?x"), 4_000_000),
    "unknown_marked_sections": (_repeat("<![x["), 4_000_000),
    "open_menus": (_repeat("<nav>x "), 400_000),
    "nested_hidden": (lambda n: "<div hidden>" + _repeat("<div>x")(n), 400_000),
    "forms_and_mains": (lambda n: "<form>" * (n // 24) + "<nav><h1>x</h1><main>" * (n // 40), 400_000),
    "cells": (lambda n: "<table><tr>" + _repeat("<td>x")(n), 400_000),
    "nested_tables": (_repeat("<table><tr><td>"), 400_000),
    "nested_tables_with_text": (_repeat("<table><tr><td>x"), 400_000),
    "header_rows": (_repeat("<table><thead><tr><th>a|b<th><tbody><tr><td>1<td>2</table>"), 400_000),
    "stray_lt": (_repeat("< "), 400_000),
    "unclosed_quotes": (_repeat('<a b="x>'), 400_000),
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_reading_a_page_is_linear(name):
    make, large = ADVERSARIAL[name]
    assert_linear(page_text, make, 10_000, name, large=large)
