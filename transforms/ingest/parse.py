"""Bytes → raw records.  One file may hold many records (JSON Lines, SGML archives).

The format comes from the content as well as the name: a `.txt` that is an
HTML page is parsed as HTML, a `.gz` is opened and its inner name decides.
Parsing never raises for bad input: a file or record that cannot be read
becomes a ``Rejection`` (quarantine, with a reason code), so one bad file or
line never stops a run.
"""

from __future__ import annotations

import ast
import json
import re
import zlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from transforms.ingest.decode import NotText, decode_text
from transforms.ingest.html_articles import parse_html
from transforms.ingest.publisher import clean_site_name, registered_domain
from transforms.ingest.sgml_reuters import parse_reuters_sgml
from transforms.ingest.wikitext import looks_like_wikitext, strip_wikitext, wikitext_date
from transforms.records import Discard, RawRecord, Rejection

FORMAT_BY_EXTENSION = {
    ".txt": "txt",
    ".text": "txt",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".sgm": "sgml",
    ".sgml": "sgml",
}
GZIP_MAGIC = b"\x1f\x8b"
# A file larger than this, as stored or decompressed, is refused (too_large): reading, decoding and normalising
# cost up to ~20 bytes of memory per byte of input, and no one file may take a process past 2 GiB.
MAX_INPUT_BYTES = 64 * 1024 * 1024
# Characters looked at to recognise a format from the content.
SNIFF_CHARS = 2048
# Comments may come before the first tag.  One "<!--" … "-->" spans any run of them: matching them one by
# one, a failed match tried every way of grouping them (29 comments, 2^29 ways).
HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*-->\s*)?(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE | re.DOTALL
)
SGML_START = re.compile(r"<REUTERS\b")
# news-please and similar dumps name the body differently.
BODY_FIELDS = ("maintext", "text", "body", "content", "article")

ParseResult = RawRecord | Rejection | Discard


def parse_file(source_uri: str, data: bytes) -> Iterator[ParseResult]:
    """Every record in one raw file, or the reasons it could not be read."""
    name = source_uri
    if len(data) > MAX_INPUT_BYTES:
        yield Rejection(
            source_uri, "", "parse", "too_large", f"{len(data):,} bytes; at most {MAX_INPUT_BYTES:,} are read"
        )
        return
    if data[:2] == GZIP_MAGIC:
        try:
            data = _gunzip(data)
        except TooLarge as error:
            yield Rejection(source_uri, "", "parse", "too_large", str(error))
            return
        except (EOFError, zlib.error, ValueError) as error:
            yield Rejection(source_uri, "", "parse", "corrupt_gzip", str(error))
            return
        name = re.sub(r"\.gz$", "", source_uri, flags=re.IGNORECASE)
    elif name.lower().endswith(".gz"):
        name = name[:-3]
    if not data.strip():
        yield Rejection(source_uri, "", "parse", "empty_file", f"{len(data)} bytes, no content")
        return
    try:
        text = decode_text(data).text
    except NotText as error:
        yield Rejection(source_uri, "", "parse", error.reason_code, str(error))
        return
    fmt = detect_format(name, text)
    if fmt is None:
        yield Rejection(
            source_uri,
            "",
            "parse",
            "unsupported_format",
            f"no parser for {name.rsplit('/', 1)[-1]!r} and the content is not a known format",
        )
        return
    if fmt == "txt":
        yield RawRecord(source_uri, "", "txt", text)
    elif fmt == "json":
        yield from _parse_json_document(source_uri, text)
    elif fmt == "jsonl":
        yield from _parse_json_lines(source_uri, text)
    elif fmt == "html":
        yield from parse_html(source_uri, text)
    elif fmt == "sgml":
        yield from parse_reuters_sgml(source_uri, text)


def detect_format(name: str, text: str) -> str | None:
    """The parser for a file: its content decides when it is clearly structured, else its extension."""
    head = text[:SNIFF_CHARS].lstrip("\ufeff")
    stripped = head.lstrip()
    by_extension = next((fmt for ext, fmt in FORMAT_BY_EXTENSION.items() if name.lower().endswith(ext)), None)
    if SGML_START.search(head):
        return "sgml"
    if HTML_START.match(head):
        return "html"
    if stripped.startswith(("{", "[")):
        if by_extension in ("json", "jsonl"):
            return by_extension
        return "jsonl" if _is_json_lines(text) else "json"
    if by_extension in ("json", "jsonl", "html", "sgml"):
        # Named structured but is not: the parser will say precisely why.
        return by_extension
    if by_extension == "txt" or "." not in name.rsplit("/", 1)[-1]:
        return "txt"
    return None


class TooLarge(ValueError):
    """The input is over MAX_INPUT_BYTES once decompressed."""


def _gunzip(data: bytes) -> bytes:
    """The decompressed bytes; decompression stops one byte past the limit, so a bomb never inflates further."""
    decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    out = decompressor.decompress(data, MAX_INPUT_BYTES + 1)
    if len(out) > MAX_INPUT_BYTES:
        raise TooLarge(f"decompresses to more than {MAX_INPUT_BYTES:,} bytes")
    if not decompressor.eof:
        raise EOFError("compressed stream is truncated")
    return out


def _is_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines()[:3] if line.strip()]
    if len(lines) < 2:
        return False
    try:
        json.loads(lines[0])
        return True
    except (json.JSONDecodeError, RecursionError, ValueError):
        return False


def _parse_json_document(source_uri: str, text: str) -> Iterator[ParseResult]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(source_uri, "", "parse", "invalid_json", f"line {error.lineno} col {error.colno}: {error.msg}")
        return
    except (RecursionError, ValueError) as error:  # nested past Python's stack; an integer of 5,000 digits
        yield Rejection(source_uri, "", "parse", "invalid_json", _json_limit(error))
        return
    if isinstance(document, list):
        # A JSON array of articles: each element is a record of its own.
        for index, element in enumerate(document):
            yield _record_from_object(source_uri, f"index={index}", "json", element)
        return
    yield _record_from_object(source_uri, "", "json", document)


def _parse_json_lines(source_uri: str, text: str) -> Iterator[ParseResult]:
    """One article a line; a bad line is quarantined on its own and the good lines load."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key = f"line={number}"
        try:
            document = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(source_uri, key, "parse", "invalid_json_line", f"col {error.colno}: {error.msg}")
            continue
        except (RecursionError, ValueError) as error:
            yield Rejection(source_uri, key, "parse", "invalid_json_line", _json_limit(error))
            continue
        yield _record_from_object(source_uri, key, "jsonl", document)


def _json_limit(error: RecursionError | ValueError) -> str:
    return "nested too deeply to read" if isinstance(error, RecursionError) else str(error).split(";")[0]


def _record_from_object(source_uri: str, record_key: str, source_format: str, document: Any) -> ParseResult:
    if not isinstance(document, dict):
        return Rejection(
            source_uri,
            record_key,
            "parse",
            "unsupported_structure",
            f"expected a JSON object, found {type(document).__name__}",
        )
    return news_please_record(source_uri, record_key, source_format, document)


def news_please_record(
    source_uri: str, record_key: str, source_format: str, document: dict[str, Any]
) -> RawRecord | Rejection:
    """A news-please style object (title, maintext/text, url, authors, date_publish, language)."""
    body = next((document[f] for f in BODY_FIELDS if document.get(f)), "")
    body = _from_python_repr(body)
    if isinstance(body, list) and all(isinstance(part, str) for part in body):
        body = "\n".join(body)
    if not isinstance(body, str):
        return Rejection(
            source_uri, record_key, "parse", "unsupported_structure", f"body field is {type(body).__name__}, not text"
        )
    published = _text_or_none(document.get("date_publish") or document.get("published") or document.get("date"))
    if looks_like_wikitext(body):
        published = published or wikitext_date(body)
        body = strip_wikitext(body)
    authors = _from_python_repr(document.get("authors")) or []
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list):
        authors = []
    return RawRecord(
        source_uri=source_uri,
        record_key=record_key,
        source_format=source_format,
        text=body,
        title=_text_or_none(document.get("title")),
        url=_url_or_none(document.get("url")),
        authors=tuple(a.strip() for a in authors if isinstance(a, str) and a.strip()),
        published=published,
        published_source="metadata",
        publisher=_publisher(document),
        language=_text_or_none(document.get("language")),
    )


def _publisher(document: dict[str, Any]) -> str | None:
    """The outlet a dump names: a publisher field (text or a JSON-LD style {"name": …}), else its source domain."""
    named = document.get("publisher")
    if isinstance(named, dict):
        named = named.get("name")
    if isinstance(named, str) and clean_site_name(named):
        return clean_site_name(named)
    domain = document.get("source_domain")
    return registered_domain(domain) if isinstance(domain, str) else None


def _from_python_repr(value: Any) -> Any:
    """Some dumps store lists as their Python repr ("['a', 'b']"): read those back, safely."""
    if isinstance(value, str) and value[:1] in "[(" and value[-1:] in "])":
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return value
    return value


def _url_or_none(value: Any) -> str | None:
    """A URL that can be taken apart ("http://[::1" cannot: it is no URL, and no identity)."""
    url = _text_or_none(value)
    if url is None:
        return None
    try:
        urlsplit(url)
    except ValueError:
        return None
    return url


def _text_or_none(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
