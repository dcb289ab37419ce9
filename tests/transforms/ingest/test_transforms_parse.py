"""Every bad-input case gets its exact quarantine reason; every good format becomes records."""

from __future__ import annotations

import json

import pytest

from support import FIXTURES
from transforms.ingest.normalise import normalise_record
from transforms.ingest.parse import detect_format, parse_file
from transforms.ingest.wikitext import wikitext_date
from transforms.records import RawRecord, Rejection

INPUTS = FIXTURES / "inputs"


def _parse(name: str) -> list:
    return list(parse_file(name, (INPUTS / name).read_bytes()))


def _article(record: RawRecord) -> dict:
    """The article row of ``record``; a rejection fails the test."""
    article = normalise_record(record)
    assert isinstance(article, dict), article
    return article


@pytest.mark.parametrize(
    "name, reason",
    [
        ("zero_bytes.txt", "empty_file"),
        ("whitespace_only.txt", "empty_file"),
        ("png_named_as_text.txt", "binary_file"),
        ("utf16_bom_odd_length.txt", "undecodable"),
        ("invalid_json.json", "invalid_json"),
        ("spreadsheet.csv", "unsupported_format"),
        ("corrupt.txt.gz", "corrupt_gzip"),
    ],
)
def test_bad_file_is_one_rejection_with_its_reason(name, reason):
    results = _parse(name)
    assert [(type(r), r.source_uri, r.record_key, r.reason_code) for r in results] == [(Rejection, name, "", reason)]
    assert results[0].detail


def test_json_array_elements_are_records_of_their_own():
    results = _parse("json_array_of_numbers.json")
    assert [(r.record_key, r.reason_code) for r in results] == [
        ("index=0", "unsupported_structure"),
        ("index=1", "unsupported_structure"),
    ]


def test_record_without_body_is_quarantined_at_normalise():
    (record,) = _parse("empty_body.json")
    rejection = normalise_record(record)
    assert isinstance(rejection, Rejection) and rejection.reason_code == "empty_body"


def test_jsonl_bad_line_is_quarantined_alone():
    results = _parse("two_good_one_bad_line.jsonl")
    assert [(type(r).__name__, r.record_key) for r in results] == [
        ("RawRecord", "line=1"),
        ("Rejection", "line=2"),
        ("RawRecord", "line=3"),
        ("Rejection", "line=4"),
    ]
    assert (results[1].reason_code, results[3].reason_code) == ("invalid_json_line", "unsupported_structure")
    assert results[2].title == "Library extends hours"
    assert results[2].text.startswith("The city library will open")


def test_gzip_is_opened_and_its_inner_name_decides():
    (record,) = _parse("wire_story.txt.gz")
    article = _article(record)
    assert article["title"] == "Rail strike called off"
    assert article["dateline"] == "LONDON, May 4 (Broadsheet Wire)"
    assert article["body_text"].startswith("Train drivers called off")
    assert article["source_uri"] == "wire_story.txt.gz"


def test_latin1_pound_sign_survives():
    (record,) = _parse("latin1_pound_sign.txt")
    assert "£40 million" in _article(record)["body_text"]


def test_utf8_bytes_win_over_a_declared_latin1_charset():
    (record,) = _parse("utf8_declared_latin1.html")
    assert record.source_format == "html"
    assert record.title == "Café owners “welcome” new rules"
    assert "“welcome”" in record.text


def test_content_decides_over_the_extension():
    (record,) = _parse("html_named_as_text.txt")
    assert record.source_format == "html"
    assert detect_format("feed/latest", '{"title": "x"}') == "json"
    assert detect_format("feed/latest", "A plain story without an extension.") == "txt"
    assert detect_format("dump.json", '{"a": 1}\n{"a": 2}\n') == "json"  # the name says one document
    assert detect_format("dump.data", '{"a": 1}\n{"a": 2}\n') == "jsonl"


def test_wikitext_bodies_are_plain_text():
    document = (
        b'{"title": "Summit ends", "text": ["{{date|May 1, 2005}}", '
        b"\"{{w|Jane Roe|Jane Roe}} met [[Lisbon|city]] officials in ''Lisbon''.\"]}"
    )
    (record,) = parse_file("wiki.json", document)
    assert isinstance(record, RawRecord), record
    assert record.text == "\nJane Roe met city officials in Lisbon."


def test_python_repr_lists_are_read_back():
    document = (
        b'{"title": "Vote delayed", "maintext": "The vote was delayed again on Monday.", '
        b"\"authors\": \"['Ann Lee', 'Bo Chan']\"}"
    )
    (record,) = parse_file("repr.json", document)
    assert isinstance(record, RawRecord), record
    assert record.authors == ("Ann Lee", "Bo Chan")


def test_language_is_always_set():
    english = _article(RawRecord("a.txt", "", "txt", "The minister said on Monday that the budget would be cut."))
    french = _article(
        RawRecord("b.txt", "", "txt", "Le ministre a déclaré lundi que le budget serait réduit cette année.")
    )
    tagged = _article(
        RawRecord("c.json", "", "json", "The minister said on Monday that the budget would be cut.", language="en-GB")
    )
    assert (english["language"], french["language"], tagged["language"]) == ("en", "fr", "en")


def test_a_wikinews_date_template_is_the_publication_date():
    line = json.dumps(
        {
            "title": "Lunch",
            "text": "{{date|November 13, 2004}}\n{{w|Hu Jintao}} had lunch today with "
            "the President of Brazil at his country residence.",
        }
    )
    [record] = list(parse_file("wikinews.jsonl", (line + "\n").encode()))
    assert isinstance(record, RawRecord), record
    assert (record.published, record.published_source) == ("2004-11-13", "metadata")
    assert record.text.strip().startswith("Hu Jintao had lunch today")
    assert wikitext_date("{{date|Smarch 40, 2004}}") is None
    assert wikitext_date("{{date|" * 50_000) is None


def test_inputs_over_the_limit_are_refused_and_a_gzip_bomb_stops_inflating(monkeypatch):
    import gzip

    from transforms.ingest import parse

    monkeypatch.setattr(parse, "MAX_INPUT_BYTES", 100_000)
    [big] = parse_file("big.txt", b"word " * 30_000)
    assert isinstance(big, Rejection), big
    assert (big.reason_code, big.detail) == ("too_large", "150,000 bytes; at most 100,000 are read")
    [bomb] = parse_file("bomb.txt.gz", gzip.compress(b"a" * 10_000_000))  # 10 kB that inflate to 10 MB
    assert isinstance(bomb, Rejection), bomb
    assert (bomb.reason_code, bomb.detail) == ("too_large", "decompresses to more than 100,000 bytes")
    [record] = parse_file("small.txt.gz", gzip.compress(b"A short wire story with a few words in it."))
    assert isinstance(record, RawRecord), record
    assert record.text == "A short wire story with a few words in it."


def test_a_body_without_spaces_between_words_is_not_empty():
    chinese = RawRecord(
        "zh.txt", "", "txt", "中国国家统计局周一公布的数据显示，十月份工业产出同比增长百分之五点三，高于市场预期。"
    )
    assert _article(chinese)["language"] == "zh"
    navigation = normalise_record(RawRecord("nav.txt", "", "txt", "Home News Sport"))
    assert isinstance(navigation, Rejection), navigation
    assert navigation.reason_code == "empty_body"
