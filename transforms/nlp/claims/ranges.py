"""Ranges and lists of quantities: "3-4%", "between 10 and 20", "44 mg to 50 mg" become one quantity with bounds;
in "45 and 50 mg" or "5, 10 or 15 per cent" a bare number takes the unit of the next one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.nlp.claims.lexicon import CHANGE_WORDS, alternation
from transforms.nlp.claims.quantities import Quantity, is_year, past_brackets, text_before, word_before

# A change verb before "from" in its clause ("rose from $350 to $680", "had increased support for Africa in
# the past four years from $1.1bn to $4.6bn"): an old and a new value, not a range, unless what ranges is
# said ("prices ranging from 3 to 5%").
CHANGE_BEFORE_FROM = re.compile(rf"\b(?i:{alternation(CHANGE_WORDS)})\b[^.;:!?]{{0,80}}?\s+from\s+$")
CHANGE_CLAUSE_CHARS = 120  # how far back "from" looks for its change verb (the pattern's 80 and the verb)
_RANGE_VERB = r"\b(?i:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))"
RANGE_VERB_BEFORE_FROM = re.compile(rf"{_RANGE_VERB}\s+from\s+$")
# "raised its estimate by 80,000 barrels a day to 84 million": after "by", a second amount this many times
# the first is the level the change reached; "by 3 to 4 per cent" is a range.
BY_CHANGE_THEN_LEVEL_RATIO = 5
# A change verb right before the first amount ("rose 18p to 245p"): the change and the new level, not a range.
CHANGE_BEFORE_AMOUNT = re.compile(rf"\b(?i:{alternation(CHANGE_WORDS)})(?:\s+(?i:by|\w+ly))?\s+$")
# A change word, and a word that says what ranges, anywhere in the clause before a pair of amounts.
CHANGE_WORD = re.compile(rf"\b(?i:{alternation(CHANGE_WORDS)})\b")
RANGE_WORD = re.compile(rf"{_RANGE_VERB}\b")
# The word that opens a range ("between 10 and 20", "from 7 to 10").
RANGE_INTRO = re.compile(r"(?:^|\W)(?P<word>(?i:between|from))\s+$")
# Possessive: with plain \s* a long run of spaces between two numbers was re-split at every position.
RANGE_GAP = re.compile(r"\s*+-?\s*+(?:to|–|—|-|and)\s*+", re.IGNORECASE)
# "four or five years", "two or three days": two numbers with "or" between are a rough range (not a list's
# last two: "5, 10 or 15 per cent").
OR_GAP = re.compile(r"[ \t]{1,3}or[ \t]{1,3}", re.IGNORECASE)
LIST_GAP = re.compile(r"\s{0,4}(?:,\s{0,4}(?:and\s{1,4}|or\s{1,4})?|and\s{1,4}|or\s{1,4})", re.IGNORECASE)


def join_ranges_and_lists(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """'45 and 50 mg' share the unit; '3-4%', 'between 10 and 20', '44 mg to 50 mg' become one range."""
    shared = list(quantities)
    for index in range(len(shared) - 2, -1, -1):  # right to left: "5, 10 or 15 per cent"
        first, second = shared[index], shared[index + 1]
        if _shares_unit(text, first, second):
            first = replace(first, unit=second.unit, kind=second.kind, currency=second.currency)
            if second.scale and not first.scale and first.value < second.value / second.scale:
                first.scale, first.value = second.scale, first.value * second.scale
            shared[index] = first
    joined: list[Quantity] = []
    index = 0
    while index < len(shared):
        if index + 1 < len(shared) and (range_ := _as_range(text, shared[index], shared[index + 1])) is not None:
            joined.append(range_)
            index += 2
        elif index + 2 < len(shared) and (range_ := _range_past_conversion(text, *shared[index : index + 3])):
            # 'between 250 euros (£173) and 600 euros': the range of the ends, and the first end converted
            joined.extend((range_, shared[index + 1]))
            index += 3
        else:
            joined.append(shared[index])
            index += 1
    return joined


def _as_range(text: str, first: Quantity, second: Quantity) -> Quantity | None:
    gap = text[first.end : second.start]
    rough = (
        OR_GAP.fullmatch(gap) is not None
        and first.value < second.value
        and not text_before(text, first.start).rstrip().endswith(",")
    )
    # "8,182,500 tonnes -- 4,080,500 tonnes": a double hyphen is a dash between clauses, not a range.
    if (
        "--" in gap
        or (RANGE_GAP.fullmatch(gap) is None and not rough)
        or first.fraction
        or second.fraction
        or first.vague
        or second.vague
    ):
        return None
    if is_year(text, first) or is_year(text, second):
        return None  # "2013-14", "the 2026 forecast to 2%"
    intro = word_before(RANGE_INTRO, text, first.start)
    if "and" in gap.lower() and (intro is None or intro[0] != "between"):
        return None
    before = text[max(0, first.start - CHANGE_CLAUSE_CHARS) : first.start]
    if intro is not None and intro[0] == "from" and CHANGE_BEFORE_FROM.search(before):
        if not RANGE_VERB_BEFORE_FROM.search(before):
            return None  # "rose from $350 to $680": an old and a new value
    if re.search(r"\b(?i:by)\s+$", before) and second.value >= BY_CHANGE_THEN_LEVEL_RATIO * first.value > 0:
        return None  # "by 80,000 barrels a day to 84 million": the change and the level it reached
    # 'increase ten to eleven pct': a bare first end close to a second with a unit is a range of the change.
    bare_range = (
        first.kind is None and second.kind is not None and second.value < BY_CHANGE_THEN_LEVEL_RATIO * first.value
    )
    if (
        intro is None
        and "to" in gap.lower()
        and CHANGE_BEFORE_AMOUNT.search(text_before(text, first.start))
        and not bare_range
    ):
        return None  # "rose 18p to 245p": the change and the level it reached
    if (
        intro is None
        and "to" in gap.lower()
        and second.value >= BY_CHANGE_THEN_LEVEL_RATIO * first.value > 0
        and CHANGE_WORD.search(clause := re.split(r"[.!?]\s", before)[-1])
        and not RANGE_WORD.search(clause)
    ):
        return None  # "sent shares up more than 6%, or 16.75 pence to 293.5p": a change restated, then its level
    money_scaled = first.kind == "money" and second.kind is None and second.scale is not None  # "$3-4 billion"
    # "$1.48 to $1.52 per share": a rate written once, after the second end, is both ends'.
    rate_after = first.kind == second.kind == "money" and (second.unit or "").split("/")[0] == first.unit
    if (
        first.kind is not None
        and (first.kind, first.unit) != (second.kind, second.unit)
        and not (money_scaled or rate_after)
    ):
        return None
    unit_from = second if second.kind is not None else first
    low, high = first.value, second.value
    if second.scale and not first.scale and first.value < second.value / second.scale:
        low = first.value * second.scale
    low, high = min(low, high), max(low, high)
    # "between" and "from" belong to the range they open ("between 10 and 20", "from 7 to 10"), not to "3-4%".
    opens = intro is not None and (intro[0] == "between" or re.search(r"\bto\b", gap, re.IGNORECASE))
    return replace(
        second,
        start=intro[1] if intro is not None and opens else first.start,
        number_start=first.number_start,
        value=(low + high) / 2,
        low=low,
        high=high,
        kind=unit_from.kind,
        unit=unit_from.unit,
        currency=second.currency or first.currency,
        scale=second.scale or first.scale,
        comparator=first.comparator or second.comparator,
        approximate=first.approximate or second.approximate or rough,
    )


def _range_past_conversion(text: str, first: Quantity, converted: Quantity, second: Quantity) -> Quantity | None:
    """The range of ``first`` and ``second`` when ``converted`` is ``first`` in another currency or unit, in
    brackets between them."""
    closing = past_brackets(text, first.end)
    if not (first.end < converted.start and converted.end < closing):
        return None
    range_ = _as_range(text, replace(first, end=closing), second)
    return None if range_ is None else replace(range_, start=min(range_.start, first.start))


def _shares_unit(text: str, first: Quantity, second: Quantity) -> bool:
    """A bare number takes the unit of the next one across 'and', 'or' or a comma."""
    return (
        first.kind is None
        and second.kind is not None
        and second.kind != "count"
        and LIST_GAP.fullmatch(text[first.end : second.start]) is not None
        and not is_year(text, first)
        and not first.fraction
        and not first.vague
    )
