"""A company's results in short, as wires print them under the story: lines of a label and a figure or two
and nothing else ("Net 6,053,000 vs 5,803,000", "Revs 101.4 mln", "Oper net loss 36,609,000 vs n.a.", "Avg shrs
8,955,000").  The sentence reading finds their figures but no unit in them; a reader takes them in the
results' own currency:

- a run of such lines is one company's results; a line whose label is a money item (net, profit, loss,
  revenues, sales, income, earnings, turnover, per-share figures, and a bank's assets, deposits and loans)
  is money in the currency the run states on another of its lines ("Shr 68 cts"), else in that of the last
  amount of money before it in the article;
- a line of the average shares outstanding ("Avg shrs") counts shares, whatever currency the lines around
  it state.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from transforms.nlp.claims.claim import Claim

_QUALIFIER = r"(?:primary|diluted|fully[ \t]{1,8}diluted|oper(?:ating)?|net|gross|pretax|pre-tax|qtr|qtly|year|shr)"
_MONEY_ITEM = (
    r"(?:net|profit|loss|revs?|revenues?|sales|income|earnings|turnover|shr|div|dividend|assets|deposits|loans|backlog)"
)
# The two sides a results line compares ("Net profit 141,000 vs loss 1,772,000").
RESULT_SIDES = frozenset(("profit", "loss"))
_SIDE_WORD = "(?:" + "|".join(sorted(RESULT_SIDES)) + ")"
# The currencies a results line writes after a figure ("1.53 dlrs", "40 cts").
_CURRENCY_WORD = r"(?:dlrs?|cts|stg)"
_FIGURE = rf"\(?\d[\d,]*(?:\.\d+)?\)?(?:[ \t]{{1,8}}(?:mln|billion|pct|{_CURRENCY_WORD}))*"
_SIDE = rf"(?:{_SIDE_WORD}[ \t]{{1,8}})?{_FIGURE}"
_FIGURES = rf"[ \t]{{1,8}}{_SIDE}(?:[ \t]{{1,8}}vs\.?[ \t]{{1,8}}(?:{_SIDE}|n\.?a\.?))?"
# A word of a results line's label ("Oper", "net", "Shr", "profit").
LABEL_WORD = re.compile(rf"{_QUALIFIER}|{_MONEY_ITEM}|{_SIDE_WORD}", re.IGNORECASE)
# A whole line of a money item and its figures, and of the shares counted, without the spaces around the line
# (``_line_around``).
MONEY_LINE = re.compile(rf"(?:{_QUALIFIER}[ \t]{{1,8}}){{0,4}}{_MONEY_ITEM}{_FIGURES}", re.IGNORECASE)
SHARES_LINE = re.compile(
    rf"(?:(?:primary|diluted)[ \t]{{1,8}})?(?:avg|average)[ \t]{{1,8}}(?:shrs|shares){_FIGURES}", re.IGNORECASE
)
# A currency the figure itself states ("1.53 dlrs", "40 cts").
STATED_CURRENCY = re.compile(rf"\b{_CURRENCY_WORD}\b", re.IGNORECASE)


def is_results_line(text: str, position: int) -> bool:
    """The figure at ``position`` stands on a line that is a results line and nothing else."""
    start, end = _line_around(text, position)
    return bool(MONEY_LINE.fullmatch(text, start, end) or SHARES_LINE.fullmatch(text, start, end))


def read_results_lines(text: str, claims: list[Claim]) -> None:
    """Give, in place, the figures of results lines their unit (see the module doc); ``claims`` in text order."""
    runs = _runs_of_results_lines(text)
    run_starts = [start for start, _ in runs]
    run_currency: dict[int, str] = {}
    for claim in claims:  # the first currency each run states
        run = _run_of(runs, run_starts, claim.start)
        if run is not None and claim.quantity_kind == "money" and claim.currency:
            run_currency.setdefault(run, claim.currency)
    last_currency = None
    for claim in claims:
        run = _run_of(runs, run_starts, claim.start)
        bare = claim.quantity_kind in ("number", "count") and claim.unit is None
        start, end = _line_around(text, claim.start)
        if run is not None and SHARES_LINE.fullmatch(text, start, end) and not STATED_CURRENCY.search(claim.surface):
            # The sentence reading carries a currency stated before onto "71.08 mln": shares are no money.
            claim.quantity_kind, claim.unit, claim.currency = "count", "shares", None
        elif run is not None and bare:
            if (currency := run_currency.get(run, last_currency)) is not None:
                claim.quantity_kind, claim.unit, claim.currency = "money", currency, currency
        elif claim.quantity_kind == "money" and claim.currency:
            last_currency = claim.currency


def _runs_of_results_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of consecutive results lines, in text order."""
    runs: list[tuple[int, int]] = []
    position = 0
    while position <= len(text):
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        first, last = _without_spaces(text, position, end)
        if MONEY_LINE.fullmatch(text, first, last) or SHARES_LINE.fullmatch(text, first, last):
            if runs and runs[-1][1] == position - 1:
                runs[-1] = (runs[-1][0], end)
            else:
                runs.append((position, end))
        position = end + 1
    return runs


def _run_of(runs: list[tuple[int, int]], starts: list[int], position: int) -> int | None:
    index = bisect_right(starts, position) - 1
    return index if index >= 0 and position < runs[index][1] else None


def _line_around(text: str, position: int) -> tuple[int, int]:
    """The line ``position`` stands on, without the spaces around it."""
    end = text.find("\n", position)
    return _without_spaces(text, text.rfind("\n", 0, position) + 1, len(text) if end == -1 else end)


def _without_spaces(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r":
        start += 1
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return start, end
