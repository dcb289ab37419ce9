"""MediaWiki markup → plain text, for Wikinews dumps whose bodies are wikitext."""

from __future__ import annotations

import re
from datetime import datetime

WIKITEXT_MARKERS = re.compile(r"\{\{|\[\[|'''|\{\|")
# {{w|Target|Label}} and {{w|Target}}: Wikipedia links keep their visible label.
WIKIPEDIA_LINK = re.compile(r"\{\{w\|([^{}|]*)(?:\|([^{}]*))?\}\}")
TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
TABLE = re.compile(r"\{\|.*?\|\}", re.DOTALL)
# One opening bracket too: dumps truncate "[[w:Target|Label]]" to "[w:Target|Label]]".
INTERNAL_LINK = re.compile(r"\[\[?(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
# What truncated dumps leave of a template: "{{byline|date" with the article run on, "{publish}}".
BROKEN_TEMPLATE_OPENING = re.compile(r"\{\{[^{}|\n]*\|(?:date)?")
STRAY_BRACES = re.compile(r"\{+[\w ]*\}+|\{\{|\}\}|\[\[|\]\]")
EXTERNAL_LINK = re.compile(r"\[(?:https?|ftp)://[^\s\]]+(?:\s+([^\]]*))?\]")
REF = re.compile(r"<ref[^>/]*/>|<ref[^>]*>.*?</ref>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
EMPHASIS = re.compile(r"'{2,}")
HEADING = re.compile(r"^=+\s*(.*?)\s*=+$", re.MULTILINE)
SPACES = re.compile(r"[ \t]{2,}")
# Links to files, images and categories carry no article text.
NON_TEXT_LINK = re.compile(r"\[\[(?:File|Image|Category):[^\[\]]*(?:\[\[[^\[\]]*\]\][^\[\]]*)*\]\]", re.IGNORECASE)


# Wikinews states an article's publication date with {{date|November 13, 2004}}.
DATE_TEMPLATE = re.compile(r"\{\{\s*date\s*\|\s*([A-Za-z]{3,9} \d{1,2}, \d{4})\s*\}\}", re.IGNORECASE)


def wikitext_date(text: str) -> str | None:
    """The ISO date a {{date|…}} template states, or None."""
    match = DATE_TEMPLATE.search(text)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1).title(), "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def looks_like_wikitext(text: str) -> bool:
    return bool(WIKITEXT_MARKERS.search(text))


def strip_wikitext(text: str) -> str:
    text = REF.sub("", text)
    text = TABLE.sub("", text)
    text = NON_TEXT_LINK.sub("", text)
    text = WIKIPEDIA_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    # Nested templates: strip innermost first until none are left.
    previous = None
    while previous != text:
        previous, text = text, TEMPLATE.sub("", text)
    text = INTERNAL_LINK.sub(r"\1", text)
    text = EXTERNAL_LINK.sub(lambda m: m.group(1) or "", text)
    text = BROKEN_TEMPLATE_OPENING.sub("", text)
    text = STRAY_BRACES.sub("", text)
    text = HEADING.sub(r"\1", text)
    text = TAG.sub("", text)
    text = EMPHASIS.sub("", text)
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.splitlines())
