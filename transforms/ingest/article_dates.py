"""Publication dates from textual evidence: a wire dateline ("TOKYO, Oct 29 (Reuters)") or a URL path.

Both are fallbacks for articles whose metadata carries no date; each returns a UTC midnight
datetime, or None when the evidence does not name a real day.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

# Every month spelling accepted below is told apart by its first three letters.
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NUMBERS = {abbreviation: number for number, abbreviation in enumerate(MONTH_ABBREVIATIONS, start=1)}
# Full names and the usual abbreviations; the optional dot is matched by the patterns.
MONTH_NAME = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\w)"
YEAR = r"(?P<year>\d{4})(?!\d)"
# Bounded gaps keep every attempt short, whatever the input: a dateline never pads with more.
GAP = r"\s{1,3}"
# "Oct 29, 2024": the year after a month-first day needs its comma, so "Oct 29 1530 GMT" is no year.
MONTH_FIRST = re.compile(rf"\b{MONTH_NAME}\.?{GAP}{DAY}(?:,{GAP}{YEAR})?", re.IGNORECASE)
# "3 March", "3 March 2024", "29th Oct., 2024".
DAY_FIRST = re.compile(rf"(?<!\w){DAY}{GAP}{MONTH_NAME}(?!\w)\.?(?:,?{GAP}{YEAR})?", re.IGNORECASE)
# Older stated years are typos or quoted history, not a publication date.
EARLIEST_YEAR = 1800
# Leap years are at most eight apart (1896 → 1904), so a yearless Feb 29 is found within nine years.
YEARS_TO_SEARCH = 9

# A date as whole path segments: /2024/10/29, /2024/oct/29, /2024-10-29, /20241029 (the last only alone).
URL_DATE = re.compile(
    r"/(?P<year>\d{4})(?:"
    r"/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?=[/._-]|$)"
    r"|/(?P<month_name>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(?P<named_day>\d{1,2})(?=[/._-]|$)"
    r"|-(?P<dash_month>\d{2})-(?P<dash_day>\d{2})(?=[/._-]|$)"
    r"|(?P<packed_month>\d{2})(?P<packed_day>\d{2})(?=/|$))"
)
# Outside this range a four-digit segment is an id, not a year of web publishing.
URL_YEARS = range(1990, 2101)


def dateline_date(dateline: str | None, not_after: datetime) -> datetime | None:
    """The day a dateline names; a yearless one takes the latest year that is not after ``not_after``."""
    if not dateline:
        return None
    match = MONTH_FIRST.search(dateline) or DAY_FIRST.search(dateline)
    if match is None:
        return None
    month = MONTH_NUMBERS[match["month"][:3].lower()]
    day = int(match["day"])
    if match["year"]:
        year = int(match["year"])
        if not EARLIEST_YEAR <= year <= not_after.year + 1:
            return None
        return _utc_midnight(year, month, day)
    # The file's own calendar day: a dateline is written in local time, not UTC.
    latest = not_after.date()
    for year in range(latest.year, latest.year - YEARS_TO_SEARCH, -1):
        found = _utc_midnight(year, month, day)
        if found is not None and found.date() <= latest:
            return found
    return None


def url_date(url: str | None) -> datetime | None:
    """The first valid date written in the URL's path, or None."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:  # "http://[::1" and other unparseable URLs are no evidence, not an error
        return None
    for match in URL_DATE.finditer(path):
        year = int(match["year"])
        if match["month_name"]:
            month, day = MONTH_NUMBERS[match["month_name"]], match["named_day"]
        else:
            month = int(match["month"] or match["dash_month"] or match["packed_month"])
            day = match["day"] or match["dash_day"] or match["packed_day"]
        if year in URL_YEARS:
            found = _utc_midnight(year, month, int(day))
            if found is not None:
                return found
    return None


def _utc_midnight(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
