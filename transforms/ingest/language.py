"""The language of an article: the source's own tag when it gives one, else detected from the body."""

from __future__ import annotations

import re

import py3langid

# langid is as good on the first couple of thousand characters as on the whole text, and much faster.
DETECTION_CHARS = 2000
UNDETERMINED = "und"  # ISO 639-2 for "undetermined": every article gets a language value
LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


def article_language(declared: str | None, body: str) -> str:
    """ISO 639-1 code ('en'): a declared tag ('en-GB', 'EN') normalised, otherwise detected."""
    if declared:
        match = LANGUAGE_TAG.match(declared.strip())
        if match:
            return match.group(1).lower()
    sample = body[:DETECTION_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED
    code, _score = py3langid.classify(sample)
    return code
