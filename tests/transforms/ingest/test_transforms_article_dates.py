"""Publication dates from datelines and URL paths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from transforms.ingest.article_dates import dateline_date, url_date

# The file's modification time: a yearless dateline takes the latest year not after it.
MTIME = datetime(2024, 11, 2, 15, 30, tzinfo=UTC)


def utc(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, tzinfo=UTC)


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("TOKYO, Oct 29 (Reuters)", utc(2024, 10, 29)),
        ("WASHINGTON, March 3", utc(2024, 3, 3)),
        ("LONDON, Sept. 5 (Reuters Breakingviews)", utc(2024, 9, 5)),
        ("NEW YORK, March 2", utc(2024, 3, 2)),
        ("HOUSTON, Feb 26", utc(2024, 2, 26)),
        ("PARIS, 3 March", utc(2024, 3, 3)),
        ("BRUSSELS, Oct 29, 2024 (AFP)", utc(2024, 10, 29)),
        ("GENEVA, Jan. 5", utc(2024, 1, 5)),
        ("ROME, Sep 12", utc(2024, 9, 12)),
        ("OSLO, SEPT 12", utc(2024, 9, 12)),
        ("CAIRO, December 31", utc(2023, 12, 31)),
        ("LONDON, 29th October 2023", utc(2023, 10, 29)),
        ("MAYFIELD, Ky., May 4", utc(2024, 5, 4)),
        ("MARCH AIR RESERVE BASE, Calif., Oct 3", utc(2024, 10, 3)),
        # A clock time after the day is not a year: only "Oct 29, 2024" with its comma states one.
        ("SYDNEY, Oct 29 1530 GMT", utc(2024, 10, 29)),
    ],
)
def test_dateline_date(dateline, expected):
    found = dateline_date(dateline, MTIME)
    assert found == expected
    assert found.utcoffset() == timedelta(0)


def test_a_yearless_date_after_not_after_is_last_year():
    assert dateline_date("TOKYO, Nov 3 (Reuters)", MTIME) == utc(2023, 11, 3)
    assert dateline_date("TOKYO, Nov 2 (Reuters)", MTIME) == utc(2024, 11, 2)


def test_not_after_is_compared_on_its_own_calendar_day():
    tokyo_morning = datetime(2024, 10, 29, 8, tzinfo=timezone(timedelta(hours=9)))  # still Oct 28 in UTC
    assert dateline_date("TOKYO, Oct 29 (Reuters)", tokyo_morning) == utc(2024, 10, 29)


def test_a_yearless_feb_29_goes_back_to_a_leap_year():
    assert dateline_date("ROME, Feb 29", datetime(2025, 6, 1, tzinfo=UTC)) == utc(2024, 2, 29)
    assert dateline_date("ROME, Feb 29", datetime(2024, 2, 28, tzinfo=UTC)) == utc(2020, 2, 29)
    assert dateline_date("ROME, Feb 29", datetime(2024, 2, 29, tzinfo=UTC)) == utc(2024, 2, 29)
    # 1900 was not a leap year.
    assert dateline_date("ROME, Feb 29", datetime(1903, 1, 1, tzinfo=UTC)) == utc(1896, 2, 29)


def test_a_stated_year_is_kept_up_to_a_year_ahead():
    assert dateline_date("BERLIN, Oct 29, 2019", MTIME) == utc(2019, 10, 29)
    assert dateline_date("BERLIN, Dec 1, 2025", MTIME) == utc(2025, 12, 1)


@pytest.mark.parametrize(
    "dateline",
    [
        None,
        "",
        "LONDON (Reuters)",
        "LONDON, Tuesday",
        "ROME, Feb 30",
        "ROME, Oct 0",
        "ROME, Oct 32",
        "ROME, Oct 290",
        "ROME, Oct 29, 1799",
        "ROME, Oct 29, 2026",
        "ROME, Feb 29, 2023",
    ],
)
def test_dateline_date_none(dateline):
    assert dateline_date(dateline, MTIME) is None


@pytest.mark.parametrize(
    "adversarial",
    [
        "Oct " * 25_000,
        "1 " * 50_000,
        "Sept." + " " * 100_000 + "x",
        "29   " * 20_000 + "Octx",
        "a" * 100_000,
    ],
)
def test_dateline_date_is_linear_on_adversarial_text(adversarial):
    assert dateline_date(adversarial, MTIME) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2024/10/29/some-story", utc(2024, 10, 29)),
        ("https://example.com/2024/10/29-some-story", utc(2024, 10, 29)),
        ("https://example.com/news/2024-10-29/some-story", utc(2024, 10, 29)),
        ("https://example.com/20241029/some-story", utc(2024, 10, 29)),
        ("https://example.com/archive/20241029", utc(2024, 10, 29)),
        ("https://www.theguardian.com/world/2024/oct/29/japan-defence", utc(2024, 10, 29)),
        ("https://example.com/2024/2/3/short", utc(2024, 2, 3)),
        ("https://example.com/2024/13/45/2023/10/29/first-valid-wins", utc(2023, 10, 29)),
    ],
)
def test_url_date(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://example.com/2024/10/",
        "http://[::1",
        "https://example.com/news/12345678",
        "https://example.com/story/20241329",
        "https://example.com/1989/10/29/too-early",
        "https://example.com/2024/02/30/",
        "https://example.com/20241029.html",
        "https://example.com/story?date=/2024/10/29/",
        "https://2024.example.com/10/29/",
    ],
)
def test_url_date_none(url):
    assert url_date(url) is None


@pytest.mark.parametrize(
    "adversarial",
    [
        "https://example.com/" + "2024/" * 20_000,
        "/" + "1" * 100_000,
        "/2024-10-2" * 10_000,
        "/" * 100_000,
    ],
)
def test_url_date_is_linear_on_adversarial_paths(adversarial):
    assert url_date(adversarial) is None
