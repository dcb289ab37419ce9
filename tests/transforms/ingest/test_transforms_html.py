"""HTML pages → raw records: main text without boilerplate, page metadata, rejections for non-articles."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import lxml.html
import pytest

from support import FIXTURES, SHARED
from transforms.ingest.html_articles import page_language, page_url, parse_html, split_authors
from transforms.ingest.normalise import normalise_record
from transforms.records import RawRecord, Rejection

HTML_FIXTURES = FIXTURES / "html"
# Same place as conftest.SHARED: the corpora live beside the repository, not in it.
MOZILLA_PAGES = SHARED / "corpora" / "mozilla_readability_testpages" / "test-pages"
# News pages whose title trafilatura gets exactly as Readability does (bench/readability_metadata.py --pages).
MOZILLA_TITLE_PAGES = ["aclu", "ars-1", "bbc-1", "cnn", "engadget", "guardian-1", "lemonde-1", "nytimes-1"]


def _parse_fixture(name: str) -> list[RawRecord | Rejection]:
    return list(parse_html(f"html/{name}", (HTML_FIXTURES / name).read_text(encoding="utf-8")))


def _only_record(name: str) -> RawRecord:
    outputs = _parse_fixture(name)
    assert len(outputs) == 1 and isinstance(outputs[0], RawRecord), outputs
    return outputs[0]


def test_news_page_metadata():
    record = _only_record("news_article_with_boilerplate.html")
    assert record.source_uri == "html/news_article_with_boilerplate.html"
    assert record.record_key == ""
    assert record.source_format == "html"
    assert record.title == "Harbour council approves ferry subsidy"
    assert record.authors == ("Marta Quillfeather",)
    # The canonical link wins over og:url (an AMP variant here).
    assert record.url == "https://estuary-courier.example/local/2025/11/03/harbour-ferry-subsidy"
    assert record.language == "en"
    assert record.published == "2025-11-03"
    assert record.dateline is None


def test_news_page_body_is_the_story_one_paragraph_a_line():
    record = _only_record("news_article_with_boilerplate.html")
    # Hard-wrapped source lines are joined; the headline (it is the title) is not repeated; quotes stay curly.
    assert record.text.split("\n") == [
        "Councillors in Saltmere voted 9 to 4 on Monday to keep the night ferry across the estuary running "
        "for another two years, at a cost of £1.2 million a year.",
        "“Without the late boat, shift workers at the hospital would face a forty-minute drive round the head "
        "of the bay,” said councillor Ada Pennock, who proposed the motion.",
        "Opponents said the money would be better spent on the town’s bus network, which lost three routes "
        "last spring. The operator, Tidewater Lines, said passenger numbers had risen 12% since April.",
        "The subsidy will be reviewed in October 2027, when a new contract is due.",
    ]


@pytest.mark.parametrize(
    "boilerplate",
    [
        "cookie",
        "Local news",
        "Sport results",
        "ADVERTISEMENT",
        "garden furniture",
        "Share this article",
        "Facebook",
        "Related stories",
        "Bridge repairs",
        "Comments",
        "harbourwatcher",
        "About time",
        "taxpayers",
        "Leave a comment",
        "Most read",
        "Seal pup",
        "All rights reserved",
        "Privacy policy",
        "Local Affairs Reporter",
    ],
)
def test_news_page_body_leaves_out_boilerplate(boilerplate):
    record = _only_record("news_article_with_boilerplate.html")
    assert boilerplate.casefold() not in record.text.casefold()


def test_json_ld_page_with_two_authors_and_relative_canonical():
    record = _only_record("news_article_json_ld_two_authors.html")
    assert record.title == "Drought forces water limits in three river towns"
    assert record.authors == ("Priya Vantongeren", "Tomasz Okafor")
    # A relative canonical is resolved against og:url; og:url's tracking query is not kept.
    assert record.url == "https://valley-ledger.example/news/drought-water-limits"
    assert record.language == "en"  # from <meta http-equiv="Content-Language" content="en-US">
    # trafilatura gives the day as the page states it (here in UTC-5), not the time.
    assert record.published == "2024-08-19"
    assert record.text.split("\n") == [
        "Three towns on the lower Ash River will ban hosepipes and car washing from Friday, after the driest "
        "summer in forty years left the reservoir at 31% of capacity.",
        "The limits apply in Kettering Falls, Orrin and Bexley Mill. Farms with their own wells are exempt.",
        "What the rules mean",
        "Households may water gardens with a can but not a hose. Fines start at $250, the utility said in a "
        "statement on Sunday.",
        "‘We don’t take this step lightly,’ said Dolores Reyes, the utility’s director. ‘If it rains hard "
        "for a week, we will lift it.’",
        "Forecasters expect no significant rain before mid-September.",
    ]
    for boilerplate in (
        "Subscribe",
        "cookie",
        "Advertisement",
        "streaming",
        "Share this article",
        "Share on",
        "newsletter",
        "morning briefing",
        "comments",
        "golf course",
        "Copyright",
    ):
        assert boilerplate.casefold() not in record.text.casefold(), boilerplate


def test_html_record_normalises_to_an_article_row():
    article = normalise_record(_only_record("news_article_with_boilerplate.html"))
    assert isinstance(article, dict), article
    assert article["title"] == "Harbour council approves ferry subsidy"
    assert article["paragraph_count"] == 4
    assert article["body_text"].startswith("Councillors in Saltmere voted 9 to 4")
    assert article["published_at"] == datetime(2025, 11, 3, tzinfo=UTC)
    assert article["source_format"] == "html"


def test_malformed_markup_still_yields_the_story():
    record = _only_record("malformed_unclosed_tags.html")
    assert record.title == "Ferry timetable changes from Monday"
    assert record.language == "en"
    assert record.text.split("\n") == [
        "The first crossing will leave Saltmere at 6.10am instead of 6.30am, the operator said.",
        "Evening sailings are unchanged.",
        "Tickets bought before Monday remain valid for two weeks.",
    ]


def test_page_without_article_text_is_rejected():
    # Only a cookie banner, navigation, a search form and a footer: trafilatura's fallback would
    # return the menu labels, which is why parse_html checks for them.
    [rejection] = _parse_fixture("no_article_text.html")
    assert isinstance(rejection, Rejection)
    assert (rejection.stage, rejection.reason_code) == ("parse", "no_article_text")
    assert "Page not found" in rejection.detail


@pytest.mark.parametrize("name", ["empty_document.html", "garbage_not_html.html"])
def test_empty_or_garbage_document_is_invalid_html(name):
    [rejection] = _parse_fixture(name)
    assert isinstance(rejection, Rejection)
    assert (rejection.source_uri, rejection.stage, rejection.reason_code) == (f"html/{name}", "parse", "invalid_html")


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t",
        "<",
        "<html>",
        "<html><head><title>Cut off",
        "<html><body><div><div></div></div></body></html>",
        "<!DOCTYPE html><html><body>" + "<div>" * 3000 + "deeply nested words" + "</div>" * 3000,
        "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>x</p></body></html>",
        "<html><head><link rel=canonical href='http://[broken/'></head><body><p>A sentence of text.</p></body></html>",
    ],
)
def test_hostile_input_never_raises(html):
    outputs = list(parse_html("hostile.html", html))
    assert len(outputs) == 1
    assert isinstance(outputs[0], (RawRecord, Rejection))


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ('<html lang="en-GB">', "en"),
        ('<html lang="pt_BR">', "pt"),
        ('<html lang="EN">', "en"),
        ('<html lang="zh-Hant-TW">', "zh"),
        ('<html xml:lang="de">', "de"),
        ('<html lang=""><meta http-equiv="content-language" content="fr-CA, en">', "fr"),
        ('<html><meta name="language" content="es">', "es"),
        ('<html lang="x-default">', None),
        ('<html lang="und">', None),
        ("<html>", None),
    ],
)
def test_page_language_is_iso_639_1(declared, expected):
    assert page_language(lxml.html.fromstring(f"{declared}<body><p>x</p></body></html>")) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://a.example/amp/x">',
            "https://a.example/x",
        ),
        ('<meta property="og:url" content="https://a.example/y">', "https://a.example/y"),
        ('<link rel="Canonical" href="/z"><base href="https://b.example/section/">', "https://b.example/z"),
        ('<link rel="canonical" href="/z">', None),
        ("", None),
    ],
)
def test_page_url_prefers_canonical(head, expected):
    assert page_url(lxml.html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")) == expected


def test_split_authors():
    assert split_authors("Jo Bloggs; Ann Other") == ("Jo Bloggs", "Ann Other")
    assert split_authors("Jeffrey Gettleman; JEFFREY GETTLEMAN") == ("Jeffrey Gettleman",)
    assert split_authors(None) == ()
    assert split_authors(" ; ") == ()


@pytest.mark.skipif(
    not MOZILLA_PAGES.is_dir(),
    reason=f"Mozilla Readability test pages not found at {MOZILLA_PAGES} (../shared is absent on this machine)",
)
@pytest.mark.parametrize("page", MOZILLA_TITLE_PAGES)
def test_mozilla_news_page_title_matches_readability(page):
    expected = json.loads((MOZILLA_PAGES / page / "expected-metadata.json").read_text(encoding="utf-8"))
    [record] = parse_html(f"{page}/source.html", (MOZILLA_PAGES / page / "source.html").read_text(encoding="utf-8"))
    assert isinstance(record, RawRecord)
    assert _collapse(record.title) == _collapse(expected["title"])
    if expected.get("lang"):
        assert record.language == expected["lang"].split("-")[0].lower()
    assert len(record.text.split()) > 100
    assert all(line == line.strip() and line for line in record.text.split("\n"))


def _collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
