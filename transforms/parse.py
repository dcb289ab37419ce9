"""Bytes → raw records.  One file may hold many records (JSON Lines, SGML later).

Parsing never raises for bad input: every problem becomes a ``Rejection``
(quarantine with a reason code) so one bad file or line never stops a run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# Formats the parser reads, by file extension.  Content sniffing comes with more formats.
FORMAT_BY_EXTENSION = {".txt": "txt", ".json": "json"}


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


@dataclass(frozen=True)
class Discard:
    """A record that is not an article by design (a wire brief with no body): counted, not quarantined."""

    source_uri: str
    record_key: str
    reason_code: str


def detect_format(source_uri: str) -> str | None:
    """The parser for a file name, or None when the format is not supported."""
    lowered = source_uri.lower()
    for extension, fmt in FORMAT_BY_EXTENSION.items():
        if lowered.endswith(extension):
            return fmt
    return None


def parse_file(source_uri: str, data: bytes) -> Iterator[RawRecord | Rejection]:
    """Every record in one raw file, or the reasons it could not be read."""
    fmt = detect_format(source_uri)
    if fmt is None:
        yield Rejection(source_uri, "", "parse", "unsupported_format", f"no parser for {source_uri!r}")
        return
    if not data.strip():
        yield Rejection(source_uri, "", "parse", "empty_file", f"{len(data)} bytes, no content")
        return
    text = decode_bytes(data)
    if fmt == "txt":
        yield RawRecord(source_uri, "", "txt", text)
    elif fmt == "json":
        yield from _parse_json_document(source_uri, text)


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM tolerated); bytes that are not UTF-8 are read as CP1252, the usual culprit in news archives."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _parse_json_document(source_uri: str, text: str) -> Iterator[RawRecord | Rejection]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(source_uri, "", "parse", "invalid_json", f"line {error.lineno} col {error.colno}: {error.msg}")
        return
    if not isinstance(document, dict):
        yield Rejection(source_uri, "", "parse", "unsupported_structure",
                        f"expected one JSON object, found {type(document).__name__}")
        return
    yield news_please_record(source_uri, "", "json", document)


def news_please_record(source_uri: str, record_key: str, source_format: str,
                       document: dict[str, Any]) -> RawRecord | Rejection:
    """A news-please style object (title, maintext/text, url, authors, date_publish, language)."""
    body = document.get("maintext") or document.get("text") or ""
    if not isinstance(body, str):
        return Rejection(source_uri, record_key, "parse", "unsupported_structure",
                         f"body field is {type(body).__name__}, not text")
    authors = document.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    return RawRecord(
        source_uri=source_uri,
        record_key=record_key,
        source_format=source_format,
        text=body,
        title=_text_or_none(document.get("title")),
        url=_text_or_none(document.get("url")),
        authors=tuple(a.strip() for a in authors if isinstance(a, str) and a.strip()),
        published=_text_or_none(document.get("date_publish")),
        language=_text_or_none(document.get("language")),
    )


def _text_or_none(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
