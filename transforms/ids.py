"""Deterministic ids: the same input gives the same id on every run and machine,
so loading twice is harmless."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

# 20 hex digits = 80 bits: collisions are negligible at any plausible corpus size.
ID_HEX_DIGITS = 20
# A source name is the first segment of every source_uri, so it must stand in a path segment and a URL
# on any system: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters.
SOURCE_NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
SOURCE_NAME_RULE = "letters, digits, '.', '_' and '-', starting with a letter or digit, at most 64 characters"


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix`` + a hash of the parts (joined with a separator that cannot occur in them ambiguously)."""
    joined = "\x1f".join("" if part is None else str(part) for part in parts)
    return f"{prefix}_{sha256_hex(joined)[:ID_HEX_DIGITS]}"


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, fragment and trailing slash dropped: one URL, one article."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def printable_path(path: str) -> str:
    """A path as text that can be stored: a name's bytes that are not UTF-8 (which Python keeps as lone
    surrogates) written as ``\\xff``, so two such names stay apart and the path stays readable."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def source_uri_for(source_name: str, path_in_source: str) -> str:
    """A file's identity in the warehouse: its source's name and its path inside that source ('bbc/001.txt').

    Never the path relative to whatever folder was passed: two folders both holding 001.txt would collide.
    """
    if not SOURCE_NAME_PATTERN.fullmatch(source_name):
        raise ValueError(f"source name {source_name!r} breaks the rule: {SOURCE_NAME_RULE}")
    return f"{source_name}/{printable_path(path_in_source)}"


def article_id_for(url: str | None, source_uri: str, record_key: str) -> str:
    if url:
        return stable_id("art", "url", canonical_url(url))
    return stable_id("art", "path", source_uri, record_key)


def entity_id_for(name: str, label: str) -> str:
    return stable_id("ent", label, name.casefold())


def span_id(prefix: str, article_id: str, start: int | None, end: int | None, *extra: object) -> str:
    return stable_id(prefix, article_id, start, end, *extra)
