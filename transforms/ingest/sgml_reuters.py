"""Reuters-21578 SGML (``reut2-*.sgm``) → raw records, one per ``<REUTERS>`` story.

A file holds many stories.  Each story becomes exactly one of:

* ``RawRecord`` (record key ``NEWID=<n>``): title from ``<TITLE>``, dateline
  from ``<DATELINE>`` without its trailing `` -``, ``published`` from
  ``<DATE>`` as a naive ISO time ("26-FEB-1987 15:01:01.79" →
  "1987-02-26T15:01:01.790000"; the corpus gives no zone), topics and places
  from their ``<D>`` lists, authors from ``<AUTHOR>`` ("By Jo Bloggs,
  Reuters" → "Jo Bloggs"), language "en" (the collection is English).
  ``text`` is one paragraph per line, no blank lines:

  - a normal story (``<TEXT>`` with ``<BODY>``) is reflowed: the wire
    hard-wraps at ~70 columns and starts a paragraph with an indented line,
    so wrapped lines are joined with one space and an indented or blank line
    starts a new paragraph (indented table rows thereby stay one per line);
  - ``<TEXT TYPE="UNPROC">`` stories (prices, volumes, indices, dividend
    lists: the collection's editors could not structure them) have no
    ``<BODY>``; their raw text is loaded as the body, line for line and not
    reflowed, because almost all of it is column tables whose rows are flush
    left.  They have no ``<TITLE>`` either: the first line is the wire
    headline, which normalise recognises as a headline by itself.

* ``Discard`` — not an article by design, counted but not quarantined:

  - ``brief_without_body``: ``<TEXT TYPE="BRIEF">`` (a one-line flash whose
    only content is the headline, followed by the placeholder
    "Blah blah blah." or by nothing), or any story whose text is only that
    placeholder;
  - ``empty_story``: a story that is not a brief but has no text left once
    markup, control characters and the sign-off are removed.

* ``Rejection`` (stage "parse") — quarantined:

  - ``invalid_sgml``: the file holds no ``<REUTERS>`` element at all (one
    rejection for the file);
  - ``invalid_sgml_record``: a story that cannot be read — start tag not
    closed, no ``</REUTERS>`` before the next story or the end of the file,
    no NEWID, no ``<TEXT>`` element, or an element opened and never closed;
  - ``duplicate_record_key``: a second story with a NEWID already seen in the
    same file (the record key must identify one article).

Everywhere (title, dateline, body, categories) ``&lt;`` ``&gt;`` ``&amp;``
and numeric character references are decoded; references to control
characters (``&#2;`` start and ``&#3;`` end marks, ``&#5;``, ``&#22;``,
``&#31;``, ``&#127;`` …) and literal control characters are dropped, so the
output holds no control character other than the newlines between
paragraphs; a carriage return spelled out as "^M" at a line end goes too.
The wire sign-off ("Reuter", "REUTER…") and a trailing "MORE" (another take
follows) are removed from the end of the body.  A ``<DATE>`` that is not a
real time (one story says "605:12:19.12") gives ``published=None``: the
story is still an article.

SGML is not XML (no root element, unquoted attributes, ``&#3;`` references),
so this scans with regular expressions.  Pure: no IO, never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from transforms.records import Discard, RawRecord, Rejection

SOURCE_FORMAT = "sgml"
# The Reuters-21578 archive is Reuters newswire: the format itself names the outlet.
PUBLISHER = "Reuters"
# Reuters-21578 is an English-language collection.
LANGUAGE = "en"
STAGE = "parse"

STORY_START = re.compile(r"<REUTERS\b", re.IGNORECASE)
STORY_START_TAG = re.compile(r"<REUTERS\b([^<>]*)>", re.IGNORECASE)
STORY_END_TAG = re.compile(r"</REUTERS\s*>", re.IGNORECASE)
# A name and its value, or a bare name (skipped): matching a name without "=" too means a long run of
# letters is read once, not again from each of its letters.
ATTRIBUTE = re.compile(r"""([A-Za-z][\w.-]*+)(?:\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s"'>]++)))?""")
# "<D>…</D>"; an unclosed one matches to the end of the text and is skipped, as every later one would be.
CATEGORY = re.compile(r"<D>(.*?)(?:(?P<closer></D>)|\Z)", re.IGNORECASE | re.DOTALL)
# Markup left in a story's text outside BODY: the elements TEXT may hold (_without_text_elements), and
# stray tags.
TEXT_ELEMENT_OPENING = re.compile(r"<(TITLE|DATELINE|AUTHOR)\b[^<>]*>", re.IGNORECASE)
# Keyed by the first letter: the names' first letters differ and have no other case forms.
TEXT_ELEMENT_CLOSING = {
    name[0]: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("TITLE", "DATELINE", "AUTHOR")
}
STRAY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")

REFERENCE = re.compile(r"&(?:#(\d{1,8})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,6}));")
NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# C0, DEL and C1 are never text here: the wire's framing bytes (start/end of story, sync, unit separators).
CONTROL_CODE_POINTS = frozenset([*range(0x00, 0x20), *range(0x7F, 0xA0)])
# Literal characters: tabs and form feeds are spacing, line separators are newlines, other controls go.
CHARACTER_CLEANUP = {
    **{code: None for code in CONTROL_CODE_POINTS},
    0x09: " ",
    0x0B: " ",
    0x0C: " ",
    0x0A: "\n",
    0x0D: "\n",
    0x2028: "\n",
    0x2029: "\n",
}
SPACE_RUN = re.compile(r"\s+")
# A carriage return some transcriptions spelled out in caret notation at the end of a line ("REUTER...^M").
CARET_RETURN = re.compile(r"\^M(?=\r?\n|$)")

# "26-FEB-1987 15:01:01.79", sometimes with a leading space or trailing noise ("&#5;&#5;&#5;F").
DATE = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?")
MONTHS = {
    name: number
    for number, name in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1
    )
}

# A last paragraph that is only the sign-off or a take marker: "Reuter", " REUTER...",
# "REUTER11:43/VB", "REUTER TAW" (operator initials), "MORE".
SIGN_OFF_PARAGRAPH = re.compile(r"(?i:reuters?|more)(?:\.{1,3}|\d{1,2}:\d{2}/\S*)?|REUTER [A-Z]{1,3}")
# The sign-off run into the last sentence ("... SAO LUIZ NIL. REUTER"): only the wire's own
# spellings, never "Reuters" in mixed case, which ends real sentences ("... he told Reuters").
# A whitespace run is tried from its start only (from inside it the match would fail the same way).
SIGN_OFF_SUFFIX = re.compile(r"(?<!\s)\s++(?:REUTERS?|Reuter|reuter)(?:\.{1,3}|\d{1,2}:\d{2}/\S*)?$")
# Runs of "*" and of spaces are tried from their start only, as in SIGN_OFF_SUFFIX.
PLACEHOLDER = re.compile(r"(?<!\*)(?!(?<=\s)\s)\**+\s*+blah blah blah\.?", re.IGNORECASE)
AUTHOR_PREFIX = re.compile(r"^by\s+", re.IGNORECASE)
AUTHOR_AGENCY = re.compile(r"(?<![\s,])[\s,]++reuters?\.?$", re.IGNORECASE)
AUTHOR_SEPARATOR = re.compile(r"(?!(?<=\s)\s)(?:\s*+,\s*+|\s++and\s++)", re.IGNORECASE)


def parse_reuters_sgml(source_uri: str, text: str) -> Iterator[RawRecord | Rejection | Discard]:
    """Every story in one Reuters-21578 file, as a record, a discard or a rejection."""
    starts = [match.start() for match in STORY_START.finditer(text)]
    if not starts:
        yield Rejection(source_uri, "", STAGE, "invalid_sgml", f"no <REUTERS> element in {len(text)} characters")
        return
    seen_keys: set[str] = set()
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)], strict=True), start=1):
        result = _parse_story(source_uri, text[start:end], number)
        key = result.record_key
        if key.startswith("NEWID=") and not isinstance(result, Rejection):
            if key in seen_keys:
                result = Rejection(
                    source_uri,
                    key,
                    STAGE,
                    "duplicate_record_key",
                    f"story {number} repeats {key} from earlier in the file",
                )
            seen_keys.add(key)
        yield result


def _parse_story(source_uri: str, chunk: str, number: int) -> RawRecord | Rejection | Discard:
    """One story: ``chunk`` runs from its ``<REUTERS`` to the next story's (or the end of the file)."""

    def invalid(key: str, detail: str) -> Rejection:
        return Rejection(source_uri, key, STAGE, "invalid_sgml_record", f"story {number}: {detail}")

    start_tag = STORY_START_TAG.match(chunk)
    if not start_tag:
        return invalid(f"block={number}", "the <REUTERS start tag is not closed")
    attributes = _attributes(start_tag.group(1))
    newid = attributes.get("NEWID", "").strip()
    key = f"NEWID={newid}" if newid else f"block={number}"
    if not newid:
        return invalid(key, "no NEWID attribute")
    end_tag = STORY_END_TAG.search(chunk, start_tag.end())
    if not end_tag:
        return invalid(key, "no </REUTERS> before the next story or the end of the file")
    story = chunk[start_tag.end() : end_tag.start()]

    try:
        text_element = _element(story, "TEXT")
        if text_element is None:
            return invalid(key, "no <TEXT> element")
        text_type, text_content = text_element
        title = _element(text_content, "TITLE")
        dateline = _element(text_content, "DATELINE")
        author = _element(text_content, "AUTHOR")
        body = _element(text_content, "BODY")
        date = _element(story, "DATE")
        topics = _element(story, "TOPICS")
        places = _element(story, "PLACES")
    except _Unterminated as error:
        return invalid(key, f"<{error.name}> is never closed")

    kind = _attributes(text_type).get("TYPE", "NORM").upper()
    if kind == "BRIEF":
        return Discard(source_uri, key, "brief_without_body")
    if body is not None:
        paragraphs = _reflow(_clean(body[1]))
    else:
        # UNPROC (or a story with no BODY tag): the raw text is the article, its layout kept.
        loose = STRAY_TAG.sub("", _without_text_elements(text_content))
        paragraphs = [line.strip() for line in _clean(loose).split("\n") if line.strip()]
    paragraphs = _without_sign_off(paragraphs)
    if not paragraphs:
        return Discard(source_uri, key, "empty_story")
    if PLACEHOLDER.fullmatch(" ".join(paragraphs)):
        return Discard(source_uri, key, "brief_without_body")

    return RawRecord(
        source_uri=source_uri,
        record_key=key,
        source_format=SOURCE_FORMAT,
        text="\n".join(paragraphs),
        title=_one_line(title[1]) if title else None,
        authors=_authors(author[1]) if author else (),
        published=_published(date[1]) if date else None,
        published_source="metadata",
        publisher=PUBLISHER,
        language=LANGUAGE,
        dateline=_dateline(dateline[1]) if dateline else None,
        topics=_categories(topics[1]) if topics else (),
        places=_categories(places[1]) if places else (),
    )


class _Unterminated(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


_ELEMENT_PATTERNS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _element(markup: str, name: str) -> tuple[str, str] | None:
    """(attribute text, content) of the first ``<name>`` element, None when absent; raises when unclosed."""
    if name not in _ELEMENT_PATTERNS:
        _ELEMENT_PATTERNS[name] = (
            re.compile(rf"<{name}\b([^<>]*)>", re.IGNORECASE),
            re.compile(rf"</{name}\s*>", re.IGNORECASE),
        )
    opening, closing = _ELEMENT_PATTERNS[name]
    start = opening.search(markup)
    if not start:
        return None
    end = closing.search(markup, start.end())
    if not end:
        raise _Unterminated(name)
    return start.group(1), markup[start.end() : end.start()]


def _attributes(markup: str) -> dict[str, str]:
    attributes = {}
    for match in ATTRIBUTE.finditer(markup):
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        if value is not None:
            attributes[match.group(1).upper()] = value
    return attributes


def _without_text_elements(markup: str) -> str:
    """The markup without its TITLE, DATELINE and AUTHOR elements; an opening tag never closed stays.

    Each element ends at the first closing tag of its name after it.  Those are looked for forward only,
    one search per name, so unclosed openings cost nothing more.
    """
    pieces: list[str] = []
    kept_from = 0
    next_closing: dict[str, re.Match[str] | None] = {}  # per name: the last search's answer (None: no more)
    for opening in TEXT_ELEMENT_OPENING.finditer(markup):
        if opening.start() < kept_from:
            continue
        key = opening.group(1)[0].upper()
        pending = next_closing.get(key)
        if key not in next_closing or (pending is not None and pending.start() < opening.end()):
            next_closing[key] = TEXT_ELEMENT_CLOSING[key].search(markup, opening.end())
        closing = next_closing[key]
        if closing is None:
            continue
        pieces.append(markup[kept_from : opening.start()])
        kept_from = closing.end()
    pieces.append(markup[kept_from:])
    return "".join(pieces)


def _clean(raw: str) -> str:
    """Character references decoded, control characters (referenced or literal) dropped; newlines kept."""
    if "^M" in raw:
        raw = CARET_RETURN.sub("", raw)
    decoded = REFERENCE.sub(_decode_reference, raw.replace("\r\n", "\n"))
    return decoded.translate(CHARACTER_CLEANUP)


def _decode_reference(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return NAMED_REFERENCES.get(name.lower(), match.group(0))
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code in CONTROL_CODE_POINTS:
        return ""
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def _reflow(body: str) -> list[str]:
    """Hard-wrapped wire text → paragraphs: an indented or blank line starts a new one."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped or line[0].isspace():
            if current:
                paragraphs.append(" ".join(current))
                current = []
        if stripped:
            current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _without_sign_off(paragraphs: list[str]) -> list[str]:
    paragraphs = list(paragraphs)
    while paragraphs:
        last = paragraphs[-1]
        if SIGN_OFF_PARAGRAPH.fullmatch(last):
            paragraphs.pop()
            continue
        trimmed = SIGN_OFF_SUFFIX.sub("", last)
        if trimmed != last:
            paragraphs[-1] = trimmed
        break
    return paragraphs


def _one_line(raw: str) -> str | None:
    line = SPACE_RUN.sub(" ", _clean(raw)).strip()
    return line or None


def _dateline(raw: str) -> str | None:
    """ "    NEW YORK, March 2 - " → "NEW YORK, March 2"."""
    line = _one_line(raw)
    if line is None:
        return None
    return line.rstrip(" -–—") or None


def _published(raw: str) -> str | None:
    """The wire timestamp as naive ISO with microseconds; None when it is not a real date."""
    match = DATE.search(_clean(raw))
    if not match:
        return None
    day, month_name, year, hour, minute, second, fraction = match.groups()
    month = MONTHS.get(month_name.upper())
    if month is None:
        return None
    try:
        moment = datetime(
            int(year), month, int(day), int(hour), int(minute), int(second), int((fraction or "0").ljust(6, "0"))
        )
    except ValueError:
        return None
    return moment.isoformat(timespec="microseconds")


def _categories(raw: str) -> tuple[str, ...]:
    values = (_one_line(match.group(1)) for match in CATEGORY.finditer(raw) if match.group("closer") is not None)
    return tuple(value for value in values if value)


def _authors(raw: str) -> tuple[str, ...]:
    """ "By Jo Bloggs and Ann Other, Reuters" → ("Jo Bloggs", "Ann Other")."""
    line = _one_line(raw) or ""
    line = AUTHOR_AGENCY.sub("", AUTHOR_PREFIX.sub("", line))
    return tuple(name.strip(" .") for name in AUTHOR_SEPARATOR.split(line) if name.strip(" ."))
