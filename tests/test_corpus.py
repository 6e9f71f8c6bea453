"""Loading articles: encodings, binary and empty files, front matter, offsets."""
import codecs
import io
import os

import pytest

from kzcheck.corpus import decode, load_articles, NotText, read_article, split_front_matter
from kzcheck.errors import InputError
from kzcheck.normalize import normalise

TEXT = "Police said 12 people were detained in Aktau — “at least” twelve.\n"


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


@pytest.mark.parametrize("encoded,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
])
def test_unicode_encodings_read_back_exactly(encoded, encoding):
    d = decode(encoded)
    assert d.text == TEXT
    assert d.encoding == encoding
    assert not d.fallback


@pytest.mark.parametrize("text, codec", [
    ("Полиция задержала 12 человек в Актау. Police detained 12 people.", "cp1251"),
    ("Caf\u00e9 owners said 40 people were arrested \u2013 \u201cmany\u201d more were hurt.", "cp1252"),
], ids=["windows-1251", "windows-1252"])
def test_a_legacy_encoding_is_read_with_a_warning_that_names_it(tmp_path, text, codec):
    path = write(tmp_path, "old.txt", text.encode(codec))
    warnings = []
    art = read_article(path, warnings.append)
    assert art.text == text
    assert art.encoding == codec
    assert len(warnings) == 1 and "old.txt" in warnings[0] and codec in warnings[0]


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (bytes(range(1, 32)) * 40, "binary"),
])
def test_binary_and_empty_are_not_text(data, reason):
    with pytest.raises(NotText, match=reason):
        decode(data)


def test_bad_files_are_skipped_and_the_others_still_load(tmp_path):
    write(tmp_path, "a_good.txt", b"Ten people were killed.")
    write(tmp_path, "b_empty.txt", b"")
    write(tmp_path, "c_binary.md", b"\x00\x01\x02binary")
    write(tmp_path, "d_ignored.pdf", b"%PDF-1.4")
    write(tmp_path, "e_good.md", b"Five were injured.")
    warnings = []
    arts = list(load_articles([str(tmp_path)], warnings.append))
    assert [a.id for a in arts] == ["a_good", "e_good"]
    assert len(warnings) == 2
    assert any("b_empty.txt" in w and "empty" in w for w in warnings)
    assert any("c_binary.md" in w and "binary" in w for w in warnings)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(load_articles([str(tmp_path / "nope.txt")]))


def test_front_matter_gives_metadata_and_keeps_offsets(tmp_path):
    body = "Officials said 14 people died.\n"
    text = "---\ntitle: \"Zhanaozen: ten years on\"\noutlet: Steppe Post\npublished: 2021-12-16\nignored: x\n---\n" + body
    path = write(tmp_path, "fm.md", text.encode("utf-8"))
    art = read_article(path)
    assert art.title == "Zhanaozen: ten years on"
    assert art.outlet == "Steppe Post"
    assert art.published == "2021-12-16"
    assert art.text == text
    assert art.text[art.body_offset:] == body


def test_front_matter_with_yaml_lists_falls_back_to_yaml():
    text = "---\ntitle: A\ntags:\n  - x\n  - y\nauthor: B\n---\nBody"
    meta, body = split_front_matter(text)
    assert meta == {"title": "A", "author": "B"}
    assert text[body:] == "Body"


def test_no_front_matter_when_not_closed():
    meta, body = split_front_matter("---\ntitle: x\nno end")
    assert meta == {} and body == 0


def test_normalise_keeps_offsets_one_for_one():
    raw = "He said\u00a0“12” were held \u2013 ‘many’ more."
    n = normalise(raw)
    assert n.text == 'He said "12" were held - \'many\' more.'
    assert len(n.text) == len(raw)
    assert n.original(n.text.index("12")) == raw.index("12")


def test_normalise_maps_back_across_removed_characters():
    raw = "ten\u00adthousand people\u200b were detained, 238 died"
    n = normalise(raw)
    assert n.text == "tenthousand people were detained, 238 died"
    i = n.text.index("238")
    assert raw[n.original(i):n.original_span(i, i + 3)[1]] == "238"
    s, e = n.original_span(0, len("tenthousand"))
    assert raw[s:e] == "ten\u00adthousand"


def test_jsonl_from_stdin_skips_bad_lines():
    stream = io.StringIO('{"id": "x1", "text": "Ten were killed.", "outlet": "Wire"}\nnot json\n{"id": "x2"}\n\n')
    warnings = []
    arts = list(load_articles(["-"], warnings.append, stdin=stream))
    assert [a.id for a in arts] == ["x1"]
    assert arts[0].outlet == "Wire"
    assert len(warnings) == 2 and "line 2" in warnings[0]


def test_duplicate_ids_keep_the_first(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", "same.txt", b"One text.")
    write(tmp_path / "b", "same.md", b"Another text.")
    warnings = []
    arts = list(load_articles([str(tmp_path)], warnings.append))
    assert len(arts) == 1 and "already used" in warnings[0]


def test_symlink_loop_does_not_hang(tmp_path):
    (tmp_path / "d").mkdir()
    write(tmp_path / "d", "x.txt", b"Ten were killed.")
    os.symlink(str(tmp_path / "d"), str(tmp_path / "d" / "loop"))
    arts = list(load_articles([str(tmp_path)]))
    assert [a.id for a in arts] == ["x"]


def test_unicode_and_spaces_in_names(tmp_path):
    write(tmp_path, "Жанаозен report 2011.txt", b"Ten were killed.")
    arts = list(load_articles([str(tmp_path)]))
    assert arts[0].id == "Жанаозен report 2011"
