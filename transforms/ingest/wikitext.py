"""MediaWiki markup → plain text, for Wikinews dumps whose bodies are wikitext.

Dumps are untrusted and often truncated, so every step reads the text once: an element that never
closes (a cut-off table, 80,000 unclosed ``<ref>`` in one hostile page) runs to the end and is kept,
instead of being looked for again from each later opening.
"""

from __future__ import annotations

import re
from datetime import datetime

WIKITEXT_MARKERS = re.compile(r"\{\{|\[\[|'''|\{\|")
# {{w|Target|Label}} and {{w|Target}}: Wikipedia links keep their visible label.
WIKIPEDIA_LINK = re.compile(r"\{\{w\|([^{}|]*)(?:\|([^{}]*))?\}\}")
# Templates are taken apart brace by brace (see _without_templates).
BRACE_OR_TEXT = re.compile(r"[{}]|[^{}]+")
# "{| … |}".  Without a closer it matches to the end of the text and is kept (_removed_when_closed).
TABLE = re.compile(r"\{\|.*?(?:(?P<closer>\|\})|\Z)", re.DOTALL)
# One opening bracket too: dumps truncate "[[w:Target|Label]]" to "[w:Target|Label]]".
INTERNAL_LINK = re.compile(r"\[\[?(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
# What truncated dumps leave of a template: "{{byline|date" with the article run on, "{publish}}".
BROKEN_TEMPLATE_OPENING = re.compile(r"\{\{[^{}|\n]*\|(?:date)?")
# A "{" run is tried from its first brace only: from any later one the match would fail the same way.
STRAY_BRACES = re.compile(r"(?<!\{)\{++[\w ]*+\}+|\{\{|\}\}|\[\[|\]\]")
# "[http://… label]"; without a closing "]" it matches to the end of the text and is kept.
EXTERNAL_LINK = re.compile(r"\[(?:https?|ftp)://[^\s\]]++(?:\s++([^\]]*+))?(?:(?P<closer>\])|\Z)")
# <ref …/> and <ref …>…</ref> footnotes are found by _without_refs with these.
REF_OPENING = re.compile(r"<ref", re.IGNORECASE)
REF_CLOSING = re.compile(r"</ref>", re.IGNORECASE)
# The first of these after "<ref" decides whether it is self-closing: "/>" is, ">" is not.
REF_SLASH_OR_END = re.compile(r"[/>]")
REF_OPENING_END = re.compile(r">")
# A tag; without a closing ">" it matches to the end of the text and is kept.
TAG = re.compile(r"</?[a-zA-Z][^>]*+(?:(?P<closer>>)|\Z)")
EMPHASIS = re.compile(r"'{2,}")
# "== Heading ==" → "Heading"; a line of "=" only goes too.  The title may not end inside a run of
# spaces or of "=" (it would end at the run's start the same way), so no run is read twice.
HEADING = re.compile(r"^=++\s*+(.*?)(?!(?<=\s)\s|(?<==)=)\s*+=++$|^==++$", re.MULTILINE)
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
    text = _without_refs(text)
    text = TABLE.sub(_removed_when_closed, text)
    text = NON_TEXT_LINK.sub("", text)
    text = WIKIPEDIA_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _without_templates(text)
    text = INTERNAL_LINK.sub(r"\1", text)
    text = EXTERNAL_LINK.sub(lambda m: (m.group(1) or "") if m.group("closer") else m.group(0), text)
    text = BROKEN_TEMPLATE_OPENING.sub("", text)
    text = STRAY_BRACES.sub("", text)
    text = HEADING.sub(r"\1", text)
    text = TAG.sub(_removed_when_closed, text)
    text = EMPHASIS.sub("", text)
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.splitlines())


def _removed_when_closed(match: re.Match[str]) -> str:
    # Unclosed, the match runs to the end of the text, where no later opening could close either.
    return "" if match.group("closer") is not None else match.group(0)


def _without_templates(text: str) -> str:
    """The text without {{templates}}: what removing every innermost "{{…}}" (no brace inside) until none is
    left would give, in one pass.

    Removing one can make another ("{{a{{b}}c}}", or "{{{x}}{y}}" whose single braces then meet), but what
    is kept never holds one, so only a "}}" just added can close one, with the "{{" before the text since
    the last kept brace.
    """
    kept: list[str] = []
    for piece in BRACE_OR_TEXT.findall(text):
        kept.append(piece)
        if piece != "}" or len(kept) < 4 or kept[-2] != "}":
            continue
        opening = len(kept) - 3
        while kept[opening] not in ("{", "}") and opening > 0:
            opening -= 1
        if opening > 0 and kept[opening] == "{" and kept[opening - 1] == "{":
            del kept[opening - 1 :]
    return "".join(kept)


def _without_refs(text: str) -> str:
    """The text without <ref …/> and <ref …>…</ref> footnotes; a <ref> that never closes stays.

    A ref is self-closing when the first "/" or ">" after "<ref" starts "/>"; otherwise it runs from its
    first ">" to the next "</ref>".  Each search only moves forward, so however many refs are left
    open, every character is read a bounded number of times.
    """
    slash_or_end, opening_end = _FirstMatch(REF_SLASH_OR_END, text), _FirstMatch(REF_OPENING_END, text)
    closing = _FirstMatch(REF_CLOSING, text)
    pieces: list[str] = []
    kept_from = 0
    for opening in REF_OPENING.finditer(text):
        if opening.start() < kept_from:
            continue
        stop = slash_or_end.at_or_after(opening.end())
        if stop is None:  # neither kind of ref can end after here
            break
        if text.startswith("/>", stop.start()):
            end = stop.start() + 2
        else:
            tag_end = opening_end.at_or_after(opening.end())
            closer = closing.at_or_after(tag_end.end()) if tag_end is not None else None
            if closer is None:
                continue
            end = closer.end()
        pieces.append(text[kept_from : opening.start()])
        kept_from = end
    pieces.append(text[kept_from:])
    return "".join(pieces)


class _FirstMatch:
    """The first match of a pattern at or after a position, for positions that never go back: the text is
    searched once in all, however many positions are asked about."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._found: re.Match[str] | None = None
        self._none_after: int | None = None

    def at_or_after(self, position: int) -> re.Match[str] | None:
        if self._none_after is not None and position >= self._none_after:
            return None
        if self._found is None or self._found.start() < position:
            self._found = self._pattern.search(self._text, position)
            if self._found is None:
                self._none_after = position
        return self._found
