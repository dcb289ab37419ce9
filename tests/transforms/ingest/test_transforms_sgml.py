"""Reuters-21578 SGML → raw records, discards and rejections: our small fixtures, then the whole corpus."""

from __future__ import annotations

import time
import unicodedata
from collections import Counter

import pytest

from support import FIXTURES, SHARED
from transforms.ingest.sgml_reuters import parse_reuters_sgml
from transforms.records import Discard, RawRecord, Rejection

SGML_FIXTURES = FIXTURES / "sgml"
CORPUS = SHARED / "corpora" / "reuters21578"
CORPUS_STORIES = 21_578
CORPUS_FILES = 22
# README: 19,043 stories have a <TITLE> and a <BODY>; UNPROC tables have no title, so not 100%.
MIN_TITLED_SHARE = 0.95


def _parse(name: str) -> list[RawRecord | Rejection | Discard]:
    return list(parse_reuters_sgml(f"reuters/{name}", (SGML_FIXTURES / name).read_text(encoding="utf-8")))


def _has_control_character(value: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in value.replace("\n", ""))


def test_normal_story_fields_and_reflowed_body():
    [record] = _parse("normal_story_entities_wrapped_body.sgm")
    assert record == RawRecord(
        source_uri="reuters/normal_story_entities_wrapped_body.sgm",
        record_key="NEWID=101",
        source_format="sgml",
        text=(
            "Maplewood Paper Co <MPW> said it agreed to buy a 40 pct stake in Lakeside Mills Ltd"
            " of Ontario for about $62 mln in cash and stock.\n"
            "Maplewood said the price values each Lakeside share at 14 dlrs, a premium of three dlrs"
            " over Friday's close, and that the deal needs approval from Canada's Investment Review Agency.\n"
            '"We are buying capacity, not a brand," chairman Ted Orrin said. Lakeside\'s board,'
            " advised by Birch & Co, backs the offer.\n"
            "Shr 1.12 dlrs vs 98 cts\n"
            "Net 14.6 mln vs 12.7 mln"
        ),
        title="MAPLEWOOD <MPW> TO BUY LAKESIDE MILLS STAKE",
        authors=("Ada Quill",),
        published="1987-03-02T14:05:09.070000",
        published_source="metadata",
        publisher="Reuters",
        language="en",
        dateline="NEW YORK, March 2",
        topics=("acq", "earn"),
        places=("usa", "canada"),
    )


def test_briefs_are_discarded_not_quarantined():
    assert _parse("brief_blah_blah_blah.sgm") == [
        Discard("reuters/brief_blah_blah_blah.sgm", "NEWID=201", "brief_without_body"),  # "Blah blah blah."
        Discard("reuters/brief_blah_blah_blah.sgm", "NEWID=202", "brief_without_body"),  # headline only
        Discard("reuters/brief_blah_blah_blah.sgm", "NEWID=203", "brief_without_body"),  # placeholder in a BODY
    ]


def test_unproc_text_is_loaded_line_for_line():
    table, empty = _parse("unproc_table_and_empty.sgm")
    assert isinstance(table, RawRecord)
    assert table.record_key == "NEWID=401"
    # Column tables: rows stay rows (not reflowed), blank lines and the sign-off go.
    assert table.text == (
        "MIDLAND GRAIN EXCHANGE CLOSING - MAR 2\n"
        "OATS       CLOSE     CHANGE\n"
        "MAR7        141 1/2   UP 1/4\n"
        "MAY7        139       UNCH\n"
        "Sales NIL"
    )
    assert table.title is None and table.dateline is None
    assert table.published == "1987-03-02T16:31:20.440000"
    assert empty == Discard("reuters/unproc_table_and_empty.sgm", "NEWID=402", "empty_story")


def test_broken_stories_are_rejected_and_their_neighbours_load():
    results = _parse("broken_records.sgm")
    outcome = [(type(r).__name__, r.record_key, getattr(r, "reason_code", None)) for r in results]
    assert outcome == [
        ("RawRecord", "NEWID=301", None),
        ("Rejection", "block=2", "invalid_sgml_record"),  # no NEWID
        ("Rejection", "NEWID=303", "invalid_sgml_record"),  # no </REUTERS> before the next story
        ("RawRecord", "NEWID=304", None),
        ("Rejection", "NEWID=305", "invalid_sgml_record"),  # <BODY> never closed
        ("Rejection", "block=6", "invalid_sgml_record"),  # start tag not closed
        ("Rejection", "NEWID=307", "invalid_sgml_record"),  # file ends inside the story
    ]
    assert all(r.stage == "parse" for r in results if isinstance(r, Rejection))
    neighbour = results[3]
    assert isinstance(neighbour, RawRecord)
    assert neighbour.text == (
        "Willow Creek Mining Co said production resumed at its Nevada silver mine after a two-day power cut."
    )
    assert neighbour.dateline == "RENO, Nev., March 4"


def test_file_without_stories_is_one_rejection():
    assert _parse("no_reuters_tags.sgm") == [
        Rejection("reuters/no_reuters_tags.sgm", "", "parse", "invalid_sgml", "no <REUTERS> element in 106 characters"),
    ]
    [empty] = parse_reuters_sgml("empty.sgm", "")
    assert isinstance(empty, Rejection)
    assert (empty.reason_code, empty.stage) == ("invalid_sgml", "parse")


def test_repeated_newid_in_one_file_is_rejected():
    story = (SGML_FIXTURES / "normal_story_entities_wrapped_body.sgm").read_text(encoding="utf-8")
    first, second = parse_reuters_sgml("twice.sgm", story + story.split("\n", 1)[1])
    assert isinstance(first, RawRecord)
    assert isinstance(second, Rejection)
    assert (second.record_key, second.reason_code) == ("NEWID=101", "duplicate_record_key")


def test_sign_off_variants_and_caret_returns():
    story = (SGML_FIXTURES / "broken_records.sgm").read_text(encoding="utf-8").split("</REUTERS>")[0] + "</REUTERS>\n"
    for ending, expected_tail in [
        (" REUTER...^M\n", "this week."),
        ("this week. REUTER\n", "this week."),
        (" REUTER TAW\n", "this week."),
        (" MORE\n", "this week."),
        ("this week, he told Reuters.\n", "this week, he told Reuters."),
    ]:
        variant = story.replace(
            "this week.\n Reuter\n", ending if ending.startswith("this") else "this week.\n" + ending
        )
        [record] = parse_reuters_sgml("variant.sgm", variant)
        assert isinstance(record, RawRecord), (ending, record)
        assert record.text.endswith(expected_tail), (ending, record.text)
        assert "REUTER" not in record.text and "^M" not in record.text


def test_never_raises_on_a_file_cut_anywhere():
    text = (SGML_FIXTURES / "normal_story_entities_wrapped_body.sgm").read_text(encoding="utf-8")
    for cut in range(len(text) + 1):
        results = list(parse_reuters_sgml("cut.sgm", text[:cut]))
        assert len(results) == 1
        assert isinstance(results[0], (RawRecord, Rejection, Discard))


@pytest.mark.slow
def test_whole_corpus_accounts_for_every_story():
    if not CORPUS.is_dir():
        pytest.skip(f"../shared is absent ({CORPUS} not found): the Reuters-21578 corpus lives there")
    files = sorted(CORPUS.glob("reut2-*.sgm"))
    assert len(files) == CORPUS_FILES
    results: list[RawRecord | Rejection | Discard] = []
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # reut2-017.sgm holds one stray byte
            text = data.decode("utf-8", errors="replace")
        results.extend(parse_reuters_sgml(path.name, text))
    elapsed = time.perf_counter() - started

    buckets = Counter((type(r).__name__, getattr(r, "reason_code", "")) for r in results)
    print(f"\nReuters-21578: {len(results)} stories in {elapsed:.2f} s")
    for (bucket, reason), count in sorted(buckets.items()):
        print(f"  {bucket:<10} {reason or '-':<22} {count:>6}")

    assert len(results) == CORPUS_STORIES
    keys = Counter(r.record_key for r in results)
    assert keys == Counter({f"NEWID={n}": 1 for n in range(1, CORPUS_STORIES + 1)})
    assert not [r for r in results if isinstance(r, Rejection)]

    records = [r for r in results if isinstance(r, RawRecord)]
    for record in records:
        for value in (record.text, record.title or "", record.dateline or ""):
            assert "&#" not in value and "&lt;" not in value, (record.record_key, value[:200])
            assert not _has_control_character(value), (record.record_key, value[:200])
    titled = sum(1 for r in records if r.title)
    assert titled / len(records) >= MIN_TITLED_SHARE
