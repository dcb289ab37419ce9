"""The quote-mark scanner: where quotes open and close in the raw text, before any parse.

Works on characters only (straight, curly, guillemet and doubled marks), paragraph by paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Marks that always open or always close a quote; a straight '"' or a doubled "''" decides by context.
OPENING_MARKS = ("“", "„", "«", "``")
CLOSING_MARKS = ("”", "»")
AMBIGUOUS_MARKS = ('"', "''")
# Any of those marks, a doubled one before a single character as in ``_mark_at``.
QUOTE_MARK = re.compile("''|``|[\"“”„«»]")
STRAIGHT_MARK = re.compile('"')
# Characters before a straight mark that let it open a quote ('said: "…', '("…').
OPENING_CONTEXT = frozenset("([{—–-/:;")


def find_quote_marks(body: str) -> list[tuple[int, int]]:
    """(content start, content end) of every top-level quote, paragraph by paragraph.

    Straight, curly, guillemet and doubled ('' … '') marks; any double closing mark closes any double
    opening mark, and a straight mark opens or closes by what is around it.  Quotes nest: single
    quotes and other double quotes inside a quote are its content.  Single quotes never open a quote
    of their own (measured on PolNeAR, ‘…’ at the top level is mostly headline scare quotes).  A
    quote still open at the end of a paragraph continues into the next paragraph when that one opens
    with a quote mark (the convention for a quote running over paragraphs), each paragraph's part a quote
    of its own, and otherwise closes there, so an unbalanced mark never swallows the rest of the text.
    Where the paragraph breaks were lost (the BBC archive puts a quote's paragraphs on one line), a
    straight mark opening a sentence inside a straight quote starts the next paragraph's quote.
    """
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraph_bounds(body)
    open_start: int | None = None
    stack: list[str] = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        straight = [m.start() for m in STRAIGHT_MARK.finditer(body, p_start, p_end)]  # for _reopens, once
        i = p_start
        if stack:
            # A continuation: the paragraph's own opening mark opens its part of the quote.
            mark = _mark_at(body, i)
            i += len(mark or "")
            stack = [mark or stack[0]]
            open_start = i
        while (found := QUOTE_MARK.search(body, i, p_end)) is not None:
            i, mark = found.start(), found.group()
            role = "reopen" if _reopens(body, i, mark, stack, straight) else _mark_role(body, i, mark, stack)
            if role == "reopen":
                # The paragraph break the text lost: the quote so far is one paragraph's, the next starts here.
                assert open_start is not None  # the stack holds the mark that set it
                spans.append((open_start, _trimmed_end(body, open_start, i)))
                open_start = i + len(mark)
            elif role == "open":
                if not stack:
                    open_start = i + len(mark)
                stack.append(mark)
            elif role == "close":
                stack.pop()
                if not stack and open_start is not None:
                    if i > open_start:
                        spans.append((open_start, i))
                    open_start = None
            i += len(mark)
        if stack:
            # Still open at the paragraph's end: the quote's part in this paragraph ends here (one quote per
            # paragraph, as readers and annotators count them); it goes on only if the next paragraph opens
            # with a quote mark.
            assert open_start is not None  # set by the mark that opened the stack, cleared only when it empties
            end = _trimmed_end(body, open_start, p_end)
            if end > open_start:
                spans.append((open_start, end))
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is None or not _opens_paragraph(body, following[0]):
                stack = []
            open_start = None
    return spans


def _trimmed_end(body: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces before it, not past ``start``."""
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


def _paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, leading whitespace skipped."""
    bounds = []
    offset = 0
    for line in body.split("\n"):
        stripped = len(line) - len(line.lstrip())
        if line.strip():
            bounds.append((offset + stripped, offset + len(line.rstrip())))
        offset += len(line) + 1
    return bounds


def _mark_at(body: str, i: int) -> str | None:
    if i >= len(body):
        return None  # a clause can end where the article ends
    pair = body[i : i + 2]
    if pair in ("''", "``"):
        return pair
    char = body[i]
    if char in '"“”„«»':
        return char
    return None


def _mark_role(body: str, i: int, mark: str, stack: list[str]) -> str | None:
    """'open', 'close' or None (not a quote mark here) for the mark at ``i``, given the open quotes."""
    before = body[i - 1] if i > 0 else " "
    after = body[i + len(mark)] if i + len(mark) < len(body) else " "
    top = stack[-1] if stack else None
    if mark in OPENING_MARKS:
        # „…“ (German) closes with the mark that opens in English; so does a mistyped “ after a word.
        if mark == "“" and stack and (top == "„" or (not before.isspace() and (after.isspace() or after in ",.;:"))):
            return "close"
        return "open"
    if mark in CLOSING_MARKS:
        return "close" if stack else None
    if before == "=":
        return None  # markup left in the text: <tweet author="@AP">
    if not stack:
        # Nothing is open, so a straight mark can only open, unless it is an inch sign (5").
        return "open" if not after.isspace() and not before.isalnum() else None
    opens = (before.isspace() or before in OPENING_CONTEXT) and not after.isspace()
    if opens and not (mark == '"' and _closes_pending(body, i)):
        return "open"
    return "close"


def _reopens(body: str, i: int, mark: str, stack: list[str], straight: list[int]) -> bool:
    """A straight mark opening a sentence inside a straight quote ('…we need. "We proved that…'): a quote
    running over paragraphs whose breaks the text lost (the BBC archive joins them), its next paragraph's
    opening mark, not a quote nested in it.  Nested, the next two straight marks in the paragraph would close
    it and then the outer quote: '"We won. "Nobody" believed us,"' nests; '"…start. "We will fight."' and
    '"A. "B," he said. "C."' do not."""
    if not (mark == '"' and stack == ['"'] and _opens_sentence(body, i)):
        return False
    after = bisect_right(straight, i)
    closes = straight[after : after + 2]
    return len(closes) < 2 or any(body[k - 1].isspace() for k in closes)


def _opens_sentence(body: str, i: int) -> bool:
    return body[i - 2 : i] in (". ", "? ", "! ") and i + 1 < len(body) and body[i + 1].isupper()


def _closes_pending(body: str, i: int) -> bool:
    # '"' that looks like an opening inside an open straight quote, with no other '"' left in the
    # paragraph, is the (badly spaced) closing one: '"Yes ", he said' has two marks, not three.
    paragraph_end = body.find("\n", i)
    paragraph_end = len(body) if paragraph_end < 0 else paragraph_end
    return '"' not in body[i + 1 : paragraph_end]


def _opens_paragraph(body: str, start: int) -> bool:
    mark = _mark_at(body, start)
    return mark is not None and (mark in OPENING_MARKS or mark in AMBIGUOUS_MARKS)


def _char_mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * (length + 1)
    for start, end in spans:
        for i in range(max(0, start - 1), min(length, end + 1)):
            mask[i] = True
    return mask
