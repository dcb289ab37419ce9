"""Deterministic ids: the same input gives the same id on every run and machine,
so loading twice is harmless."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

# 20 hex digits = 80 bits: collisions are negligible at any plausible corpus size.
ID_HEX_DIGITS = 20


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


def article_id_for(url: str | None, source_uri: str, record_key: str) -> str:
    if url:
        return stable_id("art", "url", canonical_url(url))
    return stable_id("art", "path", source_uri, record_key)


def entity_id_for(name: str, label: str) -> str:
    return stable_id("ent", label, name.casefold())


def span_id(prefix: str, article_id: str, start: int | None, end: int | None, *extra: object) -> str:
    return stable_id(prefix, article_id, start, end, *extra)
