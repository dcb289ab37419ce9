"""Parsing and normalising: headline, dateline, credits, body text the spans index into."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from support import SEED_FILE
from transforms.ingest.normalise import duplicates_of, normalise_record, parse_credits, split_headline
from transforms.ingest.parse import parse_file
from transforms.records import RawRecord


def _only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def _article(record: RawRecord, *, source_name: str | None = None, file_modified_at: datetime | None = None) -> dict:
    """The article row of ``record``; a rejection fails the test."""
    article = normalise_record(record, source_name=source_name, file_modified_at=file_modified_at)
    assert isinstance(article, dict), article
    return article


def test_seed_article_row():
    record = _only(parse_file(SEED_FILE.name, SEED_FILE.read_bytes()))
    article = _article(record)
    assert article["title"] == "Hegseth hails Japan's defence spending plan, says no demands were made"
    assert article["dateline"] == "TOKYO, Oct 29 (Reuters)"
    assert article["credits"] == [
        {"name": "Kiyoshi Takenaka", "role": "reporter"},
        {"name": "Stephen Coates", "role": "editor"},
    ]
    assert article["paragraph_count"] == 11
    assert article["body_text"].startswith("US Secretary of Defense Pete Hegseth on Wednesday")
    assert article["body_text"].endswith("earlier this month.")
    assert "(Reporting by" not in article["body_text"]
    assert article["source_format"] == "txt"
    assert article["article_id"].startswith("art_")


def test_seed_dateline_dates_the_article_in_the_year_of_the_files_time():
    record = _only(parse_file(SEED_FILE.name, SEED_FILE.read_bytes()))
    for modified, year in (
        (datetime(2026, 11, 5, tzinfo=UTC), 2026),
        (datetime(2027, 1, 2, tzinfo=UTC), 2026),
        (datetime(2026, 3, 1, tzinfo=UTC), 2025),
        # Filed in Tokyo on Oct 29 while it was still Oct 28 in UTC: the same year.
        (datetime(2026, 10, 28, 22, tzinfo=UTC), 2026),
    ):
        article = _article(record, source_name="seeds", file_modified_at=modified)
        assert (article["published_at"], article["published_at_source"]) == (
            datetime(year, 10, 29, tzinfo=UTC),
            "dateline",
        )
        assert (article["publisher"], article["source_name"]) == ("Reuters", "seeds")
    # Without the file's time a dateline without a year dates nothing.
    assert _article(record)["published_at"] is None


def test_published_at_evidence_order_metadata_then_dateline_then_url():
    body = "LONDON, March 3 (Reuters) - Shares rose on Monday as investors cheered the results of the bank."
    modified = datetime(2026, 6, 1, tzinfo=UTC)
    stated = RawRecord(
        "a.json",
        "",
        "json",
        body,
        url="https://example.com/2024/01/02/story",
        published="2026-03-02T10:00:00Z",
        published_source="metadata",
    )
    dated = RawRecord("b.json", "", "json", body, url="https://www.example.co.uk/2024/01/02/story")
    undated = RawRecord(
        "c.json",
        "",
        "json",
        "Shares rose on Monday as investors cheered the results.",
        url="https://www.example.co.uk/2024/01/02/story",
    )
    bare = RawRecord("d.txt", "", "txt", "Shares rose on Monday as investors cheered the results.")
    results = [_article(r, file_modified_at=modified) for r in (stated, dated, undated, bare)]
    assert [(a["published_at"], a["published_at_source"], a["publisher"]) for a in results] == [
        (datetime(2026, 3, 2, 10, tzinfo=UTC), "metadata", "Reuters"),
        (datetime(2026, 3, 3, tzinfo=UTC), "dateline", "Reuters"),
        (datetime(2024, 1, 2, tzinfo=UTC), "url", "example.co.uk"),
        (None, None, None),
    ]


def test_a_time_that_leaves_the_calendar_in_utc_is_no_publication_time():
    record = RawRecord(
        "a.json", "", "json", "Shares rose on Monday as investors cheered.", published="0001-01-01T00:00:00+23:59"
    )
    assert _article(record)["published_at"] is None


def test_seed_gold_spans_index_the_body(seed_gold):
    article = _article(_only(parse_file(SEED_FILE.name, SEED_FILE.read_bytes())))
    body = article["body_text"]
    for item in seed_gold["quotes"] + seed_gold["claims"]:
        start, end = item["span"]
        assert body[start:end] == (item.get("text") or item["surface"])


def test_article_id_is_stable_and_prefers_url():
    a = RawRecord("a/x.json", "", "json", "Some body text with enough words here.", url="HTTPS://Example.com/story/")
    b = RawRecord("b/y.json", "", "json", "Some body text with enough words here.", url="https://example.com/story")
    assert _article(a)["article_id"] == _article(b)["article_id"]
    c = RawRecord("a/x.txt", "", "txt", "Some body text with enough words here.")
    assert _article(c)["article_id"] == _article(c)["article_id"] != _article(a)["article_id"]


def test_news_please_json():
    document = {
        "title": "Port strike ends",
        "maintext": "Dockers returned to work on Monday.\nTalks lasted a week.",
        "url": "https://example.com/port",
        "authors": ["Jo Bloggs"],
        "date_publish": "2025-11-03 14:05:00",
        "language": "en",
    }
    article = _article(_only(parse_file("port.json", json.dumps(document).encode())))
    assert article["title"] == "Port strike ends"
    assert article["body_text"] == "Dockers returned to work on Monday.\nTalks lasted a week."
    assert article["authors"] == ["Jo Bloggs"]
    assert article["published_at"] == datetime(2025, 11, 3, 14, 5, tzinfo=UTC)
    assert article["paragraph_count"] == 2
    assert article["url"] == "https://example.com/port"


def test_latin1_byte_in_utf8_text_is_read_as_cp1252():
    record = _only(
        parse_file("pound.txt", "Headline\n\nIt cost £40 million, officials said on Friday.".encode("latin-1"))
    )
    assert "£40 million" in record.text


def test_headline_detection():
    assert split_headline(["Archive headline", "", "First paragraph.", "", "Second."], has_title=False) == (
        ["First paragraph.", "Second."],
        "Archive headline",
    )
    assert split_headline(["LONDON (Reuters) - Body starts here.", "More."], has_title=False) == (
        ["LONDON (Reuters) - Body starts here.", "More."],
        None,
    )
    # A first line that reads as a sentence is body, not headline.
    assert (
        split_headline(
            ["The minister resigned on Friday after a long row over spending plans.", "More."], has_title=False
        )[1]
        is None
    )


def test_credits_with_several_roles():
    credits = parse_credits("(Reporting by Ann Lee and Bo Chan; Additional reporting by Cy Dee; Editing by Di Eng)")
    assert [(c.name, c.role) for c in credits] == [
        ("Ann Lee", "reporter"),
        ("Bo Chan", "reporter"),
        ("Cy Dee", "reporter"),
        ("Di Eng", "editor"),
    ]


def test_duplicates_point_at_a_committed_body_else_the_smallest_id():
    body_hashes = [("art_c", "h1"), ("art_a", "h1"), ("art_b", "h2"), ("art_d", "h3")]
    assert duplicates_of(body_hashes, {"h2": "art_0"}) == {"art_c": "art_a", "art_b": "art_0"}
