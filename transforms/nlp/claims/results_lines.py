"""A company's results in short, as wires print them under the story: one line a figure or two ("Net
6,053,000 vs 5,803,000", "Revs 101.4 mln", "Avg shrs 8,955,000").  The sentence reading finds their figures
but no unit in them; a reader takes them in the results' own currency:

- a line whose label is a money item (net, profit, loss, revenues, sales, income, earnings, turnover) is
  money in the currency its results state on another of their lines ("Shr 68 cts", "Qtly div 10 cts"),
  else in that of the last amount of money before it in the article;
- a line of the average shares outstanding ("Avg shrs") counts shares.
"""

from __future__ import annotations

import re

from transforms.nlp.claims.claim import Claim

# The label that opens a money line, after what qualifies it ("Oper net loss", "Primary net", "Revs").
MONEY_LINE = re.compile(
    r"(?i:(?:primary|diluted|fully\s+diluted|oper(?:ating)?|shr|net|gross|pretax|pre-tax|qtr|year|\s)+)?"
    r"(?i:net|profit|loss|revs|revenues?|sales|income|earnings|turnover)\b"
)
SHARES_LINE = re.compile(r"(?i:(?:primary|diluted|fully\s+diluted)\s+)?(?i:avg|average)\s+(?i:shrs|shares)\b")
# A results line is short: a label and a figure or two.
LINE_MAX_CHARS = 80


def is_results_line(text: str, position: int) -> bool:
    """The figure at ``position`` stands on a short line that opens with a results label."""
    line_start, line_end = _line_around(text, position)
    return line_end - line_start <= LINE_MAX_CHARS and bool(
        MONEY_LINE.match(text, line_start) or SHARES_LINE.match(text, line_start)
    )


def read_results_lines(text: str, claims: list[Claim]) -> None:
    """Give, in place, the figures of results lines their unit (see the module doc)."""
    for index, claim in enumerate(claims):
        if claim.quantity_kind not in ("number", "count") or claim.unit is not None:
            continue
        line_start, line_end = _line_around(text, claim.start)
        if line_end - line_start > LINE_MAX_CHARS:
            continue
        if SHARES_LINE.match(text, line_start):
            claim.quantity_kind, claim.unit = "count", "shares"
        elif MONEY_LINE.match(text, line_start) and (currency := _results_currency(text, claims, index)):
            claim.quantity_kind, claim.unit, claim.currency = "money", currency, currency


def _results_currency(text: str, claims: list[Claim], index: int) -> str | None:
    """The currency of the money on the results' other lines (the run of short lines around the claim),
    else of the last money before it."""
    block_start, block_end = _block_around(text, claims[index].start)
    in_block = [c for c in claims if c.quantity_kind == "money" and c.currency and block_start <= c.start < block_end]
    if in_block:
        return min(in_block, key=lambda c: abs(c.start - claims[index].start)).currency
    before = [c for c in claims[:index] if c.quantity_kind == "money" and c.currency]
    return before[-1].currency if before else None


def _line_around(text: str, position: int) -> tuple[int, int]:
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if end == -1 else end


def _block_around(text: str, position: int) -> tuple[int, int]:
    """The run of short lines holding ``position``."""
    start = text.rfind("\n", 0, position) + 1
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if start - 1 - previous > LINE_MAX_CHARS or previous == start - 1:
            break
        start = previous
    end = text.find("\n", position)
    while end != -1:
        following = text.find("\n", end + 1)
        following = len(text) if following == -1 else following
        if following - end - 1 > LINE_MAX_CHARS or following == end + 1:
            break
        end = following if following < len(text) else -1
        if end == -1:
            return start, len(text)
    return start, len(text) if end == -1 else end
