"""Raw record → article row: clean body, headline, dateline, credits, date, ids.

The body is the story's paragraphs joined by a single newline.  Every span
the later stages produce indexes into exactly this string, so it is built
once, here, and never changed afterwards.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from transforms.ids import article_id_for, sha256_hex
from transforms.ingest.article_dates import dateline_date, url_date
from transforms.ingest.language import article_language
from transforms.ingest.publisher import dateline_agency, registered_domain
from transforms.records import RawRecord, Rejection

# A headline line is short and reads as a title, not a sentence.
HEADLINE_MAX_WORDS = 25
# Bodies shorter than this, in words and in characters, are not articles (nav stubs, "Blah blah blah.").
MIN_BODY_WORDS = 5
MIN_BODY_CHARS = 30
# Longer bodies are books or concatenated dumps, not articles; the analysis of one this long, in windows
# (transforms/nlp/analyse.py), took 185 s and 0.9 GiB of one process here.
MAX_BODY_CHARS = 2_000_000

# "TOKYO, Oct 29 (Reuters) - ", "LONDON (Broadsheet Wire) — ", "WASHINGTON, March 3 -"
DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"(?:\s*\([^)]{2,40}\))?)\s*[-–—]+\s*"
)
# One ";"-separated part of a credit line: a role, then text with the word "by" in it, up to the next
# ";", "(" or ")".  Roles not split by ";" read as one part, so a part is scanned once: letting parts end
# anywhere made a failing line of 16 roles take minutes.
_CREDIT_PART = (
    r"(?>(?:additional |compiled |writing |reporting |editing |edited |written |research |"
    r"graphics |photos )[^;()]*?\bby\b[^;()]*+)"
)
# "(Reporting by A and B; Editing by C)" — the whole line, parenthesised or not.
CREDITS_LINE = re.compile(rf"^\(?\s*+{_CREDIT_PART}(?:;\s*+{_CREDIT_PART})*+;?\s*+\)?\.?$", re.IGNORECASE)
# "Editing by C": the role ends at the first "by" with a space after it (the names run to the end).
CREDIT_SEGMENT = re.compile(
    r"^\s*+(?>(?P<role>[A-Za-z ]+?)(?<! )\s++by(?=\s))\s++(?P<names>[^\n]*?\S)\s*+$", re.IGNORECASE
)
CREDIT_ROLE_BY_WORD = {
    "reporting": "reporter",
    "additional reporting": "reporter",
    "research": "reporter",
    "editing": "editor",
    "edited": "editor",
    "writing": "writer",
    "written": "writer",
    "compiled": "writer",
}
# Not from inside a run of spaces: from there the match would fail as it did from the run's start.
NAME_SEPARATORS = re.compile(r"(?!(?<=\s)\s)\s*+(?:,|\band\b|&)\s*+")
WHITESPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":")
# A dateline's date is the local date where it was filed, up to a day ahead of the UTC date of the file's time.
DATELINE_DATE_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Credit:
    name: str
    role: str


def normalise_record(
    record: RawRecord, *, source_name: str | None = None, file_modified_at: datetime | None = None
) -> dict | Rejection:
    """The article row for a raw record (without first_seen_at and lineage columns), or why it is rejected.

    ``file_modified_at`` dates a dateline that names no year: the year that puts it on or before it.
    """
    lines = [clean_line(line) for line in record.text.splitlines()]
    title = clean_line(record.title) if record.title else None
    paragraphs, headline = split_headline([line for line in lines], has_title=title is not None)
    title = title or headline
    dateline, paragraphs = (record.dateline, paragraphs) if record.dateline else split_dateline(paragraphs)
    credits, paragraphs = split_credits(paragraphs)
    body = "\n".join(paragraphs)
    word_count = len(body.split())
    # Chinese and Japanese put no spaces between words: a body is empty when it is short in words and letters.
    if word_count < MIN_BODY_WORDS and len(body) - body.count(" ") < MIN_BODY_CHARS:
        return Rejection(
            record.source_uri,
            record.record_key,
            "normalise",
            "empty_body",
            f"{word_count} words, {len(body)} characters after cleaning",
        )
    if len(body) > MAX_BODY_CHARS:
        return Rejection(
            record.source_uri,
            record.record_key,
            "normalise",
            "too_long",
            f"body of {len(body):,} characters; at most {MAX_BODY_CHARS:,} are analysed",
        )
    published_at, published_at_source = published_time(record, dateline, file_modified_at)
    return {
        "article_id": article_id_for(record.url, record.source_uri, record.record_key),
        "source_name": source_name,
        "source_uri": record.source_uri,
        "record_key": record.record_key,
        "source_format": record.source_format,
        "content_sha256": sha256_hex(body),
        "duplicate_of": None,
        "url": record.url,
        "publisher": record.publisher or dateline_agency(dateline) or registered_domain(record.url),
        "title": title,
        "dateline": dateline,
        "published_at": published_at,
        "published_at_source": published_at_source,
        "language": article_language(record.language, body),
        "authors": list(record.authors),
        "credits": [{"name": c.name, "role": c.role} for c in credits],
        "topics": list(record.topics),
        "places": list(record.places),
        "body_text": body,
        "word_count": word_count,
        "paragraph_count": len(paragraphs),
    }


def clean_line(line: str) -> str:
    """NFC, one space between words, no control characters; quote marks are kept as they are."""
    line = unicodedata.normalize("NFC", line)
    # isprintable() is False for every control/format/unassigned character (category C): most lines
    # have none, and the per-character filter is the slow part of normalising.
    if not line.isprintable():
        line = "".join(ch for ch in line if ch in "\t" or unicodedata.category(ch)[0] != "C")
    return WHITESPACE_RUN.sub(" ", line).strip()


def split_headline(lines: list[str], *, has_title: bool) -> tuple[list[str], str | None]:
    """Paragraphs and the headline line, if the text starts with one.

    A headline is the first line when it is followed by a blank line (archive
    style) or by a dateline paragraph (wire style), or when it is short and
    does not end like a sentence.
    """
    lines = lines[next((i for i, line in enumerate(lines) if line), len(lines)) :]
    paragraphs = [line for line in lines if line]
    if has_title or len(paragraphs) < 2:
        return paragraphs, None
    first = paragraphs[0]
    if DATELINE.match(first) or CREDITS_LINE.match(first):
        return paragraphs, None
    followed_by_blank = len(lines) > 1 and not lines[1]
    followed_by_dateline = bool(DATELINE.match(paragraphs[1]))
    reads_as_title = len(first.split()) <= HEADLINE_MAX_WORDS and not first.endswith(SENTENCE_END)
    if followed_by_blank or followed_by_dateline or reads_as_title:
        return paragraphs[1:], first
    return paragraphs, None


def split_dateline(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """The dateline prefix of the first paragraph, moved out of the body."""
    if not paragraphs:
        return None, paragraphs
    match = DATELINE.match(paragraphs[0])
    if not match:
        return None, paragraphs
    rest = paragraphs[0][match.end() :]
    if not rest:
        return None, paragraphs
    return match.group("dateline").strip(), [rest, *paragraphs[1:]]


def split_credits(paragraphs: list[str]) -> tuple[list[Credit], list[str]]:
    """Trailing credit lines ("(Reporting by …; Editing by …)") as people with roles."""
    end = len(paragraphs)
    while end and CREDITS_LINE.match(paragraphs[end - 1]):
        end -= 1
    return [credit for line in paragraphs[end:] for credit in parse_credits(line)], paragraphs[:end]


def parse_credits(line: str) -> list[Credit]:
    credits = []
    for segment in line.strip().strip("().").split(";"):
        match = CREDIT_SEGMENT.match(segment)
        if not match:
            continue
        role_words = match.group("role").strip().lower()
        role = CREDIT_ROLE_BY_WORD.get(role_words, "contributor")
        for name in NAME_SEPARATORS.split(match.group("names")):
            name = name.strip(" .")
            if name:
                credits.append(Credit(name, role))
    return credits


def published_time(
    record: RawRecord, dateline: str | None, file_modified_at: datetime | None
) -> tuple[datetime | None, str | None]:
    """The publication time and the evidence for it: the source's metadata, else the dateline's date, else a
    date in the URL's path; (None, None) when nothing states one."""
    stated = parse_published(record.published)
    if stated is not None:
        return stated, record.published_source or "metadata"
    from_dateline = (
        dateline_date(dateline, file_modified_at + DATELINE_DATE_SLACK) if file_modified_at is not None else None
    )
    if from_dateline is not None:
        return from_dateline, "dateline"
    from_url = url_date(record.url)
    if from_url is not None:
        return from_url, "url"
    return None, None


def parse_published(value: str | None) -> datetime | None:
    """ISO-ish publication time as UTC; naive times are taken as UTC.  Unparseable → None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # "0001-01-01T00:00:00+23:59" is before year 1 in UTC: no real publication time
        return None


def duplicates_of(body_hashes: list[tuple[str, str]], known_bodies: dict[str, str]) -> dict[str, str]:
    """Identical bodies under different ids: every one but the first (a committed one, else the smallest
    id) points at the first.  ``body_hashes`` are (article_id, content_sha256) pairs; returns id → original."""
    first = dict(known_bodies)
    duplicate_of = {}
    for article_id, body_hash in sorted(body_hashes):
        original = first.setdefault(body_hash, article_id)
        if original != article_id:
            duplicate_of[article_id] = original
    return duplicate_of
