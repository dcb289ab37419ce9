"""The records parsing produces: an article as the source gave it, or why there is none; and the quarantine
row a rejection becomes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from transforms.ids import stable_id


@dataclass(frozen=True)
class RawRecord:
    """One article as the source gave it, before cleaning."""

    source_uri: str
    record_key: str
    source_format: str
    text: str
    title: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    # Which kind of metadata gave ``published``: 'metadata' (a dump's or archive's field) or 'html_meta'.
    published_source: str | None = None
    # The outlet as the source's metadata names it (og:site_name, JSON-LD publisher, a dump's domain).
    publisher: str | None = None
    language: str | None = None
    # Set when the format marks it (SGML <DATELINE>); otherwise normalise finds it in the first paragraph.
    dateline: str | None = None
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rejection:
    """A file or record that cannot be processed: quarantined with a reason."""

    source_uri: str
    record_key: str
    stage: str
    reason_code: str
    detail: str


# An error's one line in a quarantine row's detail or a run's error: enough to find the bug, short enough to read.
ERROR_DETAIL_CHARS = 500


def error_line(error: BaseException) -> str:
    """An exception as one line: its type and the first line of its message."""
    line = f"{type(error).__name__}: {first_line(error)}"[:ERROR_DETAIL_CHARS]
    # A file name that is not UTF-8 reaches the message as lone surrogates, which no table can store.
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def first_line(error: BaseException) -> str:
    """The first line of an exception's message (DuckDB and cron parsers explain on the lines after it)."""
    return next(iter(str(error).splitlines()), "")


@dataclass(frozen=True)
class Discard:
    """A record that is not an article by design (a wire brief with no body): counted, not quarantined."""

    source_uri: str
    record_key: str
    reason_code: str


def quarantine_row(rejection: Rejection, now: datetime, run_id: str, pipeline_version: str) -> dict:
    """The ``quarantine`` row of a rejection met by this run."""
    return {
        "quarantine_id": stable_id(
            "qua", rejection.source_uri, rejection.record_key, rejection.reason_code, pipeline_version
        ),
        "source_uri": rejection.source_uri,
        "record_key": rejection.record_key,
        "stage": rejection.stage,
        "reason_code": rejection.reason_code,
        "detail": rejection.detail,
        "quarantined_at": now,
        "run_id": run_id,
        "pipeline_version": pipeline_version,
    }
