"""A company's results in short, as wires print them under the story: lines of a label and a figure or two
and nothing else ("Net 6,053,000 vs 5,803,000", "Revs 101.4 mln", "Oper net loss 36,609,000 vs n.a.", "Avg shrs
8,955,000").  The sentence reading finds their figures but no unit in them; a reader takes them in the
results' own currency:

- a run of such lines is one company's results; a line whose label is a money item (net, profit, loss,
  revenues, sales, income, earnings, turnover, per-share figures) is money in the currency the run states on
  another of its lines ("Shr 68 cts"), else in that of the last amount of money before it in the article;
- a line of the average shares outstanding ("Avg shrs") counts shares.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from transforms.nlp.claims.claim import Claim

_QUALIFIER = r"(?:primary|diluted|fully[ \t]+diluted|oper(?:ating)?|net|gross|pretax|pre-tax|qtr|qtly|year|shr)"
_MONEY_ITEM = r"(?:net|profit|loss|revs|revenues?|sales|income|earnings|turnover|shr|div|dividend)"
_FIGURE = r"\(?\d[\d,]*(?:\.\d+)?\)?(?:[ \t]+(?:mln|billion|dlrs?|cts|pct|stg))*"
_SIDE = rf"(?:(?:profit|loss)[ \t]+)?{_FIGURE}"
_FIGURES = rf"[ \t]+{_SIDE}(?:[ \t]+vs\.?[ \t]+(?:{_SIDE}|n\.?a\.?))?[ \t]*"
# A whole line of a money item and its figures, and of the shares counted.
MONEY_LINE = re.compile(rf"[ \t]*(?:{_QUALIFIER}[ \t]+){{0,4}}{_MONEY_ITEM}{_FIGURES}", re.IGNORECASE)
SHARES_LINE = re.compile(rf"[ \t]*(?:(?:primary|diluted)[ \t]+)?(?:avg|average)[ \t]+(?:shrs|shares){_FIGURES}", re.I)


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
        if run is not None and bare:
            start, end = _line_around(text, claim.start)
            if SHARES_LINE.fullmatch(text, start, end):
                claim.quantity_kind, claim.unit = "count", "shares"
            elif (currency := run_currency.get(run, last_currency)) is not None:
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
        if MONEY_LINE.fullmatch(text, position, end) or SHARES_LINE.fullmatch(text, position, end):
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
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if end == -1 else end
