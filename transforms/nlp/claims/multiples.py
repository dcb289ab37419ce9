"""Multiples written as words: "twice", "threefold", "a 10-fold rise", "three times as powerful", "four times
the size", and the verbs that multiply ("doubled", "could double", "halved"); shares written as a count of a
count ("one in four adults").  Each is a quantity of
``times`` (kind ``number``; a halving is a ``fraction``); a frequency ("three times a week", "twice daily")
or a count of occasions ("three times the following year") is not a multiple: the first is left to the unit
table (this module reads "twice a day"), the second is a count of ``times`` (quantities.py reads "N times",
this module "twice previously").
"""

from __future__ import annotations

import re

from transforms.nlp.claims.lexicon import MAGNITUDES, SMALL_NUMBERS
from transforms.nlp.claims.quantities import Quantity

# A number, its thousands set apart or not, with its scale word ("five million times faster", "one in 10,000").
_NUMBER = (
    r"(?:(?:(?<![\d,])\d{1,3}(?:,\d{3})++(?![\d.])|\d+(?:\.\d+)?|"
    + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
    + r")(?: (?:hundred|thousand|million|billion))?)"
)
# After "twice", words that make it a frequency ("twice a week", "twice daily"), not a multiple.
_FREQUENCY = r"(?!\s+(?i:a|an|per|each|every|daily|weekly|monthly|yearly|annually|before|previously|already)\b)"
MULTIPLE = re.compile(
    rf"\b(?:(?P<twice>(?i:twice)){_FREQUENCY}"
    rf"|(?P<fold>(?i:{_NUMBER}))-?(?i:fold)"
    rf"|(?P<times>(?i:{_NUMBER}))\s+(?i:times)(?=\s+(?:(?i:as|more|less|higher|lower|larger|bigger|smaller|"
    rf"greater|faster|slower|what|that)\b|(?i:the)\s+(?!(?i:following|next|previous|first|last|same)\b))))\b"
)


# A share as a count of a count: "one in four adults", "one in every 50", "nine times out of ten" ("20 out of 29
# attempts" is two counts of attempts).
ONE_IN = re.compile(
    rf"\b(?P<part>(?i:{_NUMBER}))\s+(?i:in|times\s+out\s+of)\s+(?:(?i:every)\s+)?(?P<whole>(?i:{_NUMBER}))\b"
    r"(?![.,]\d)"
)
YEARS = range(1800, 2101)
# After "one in three": a period makes it a time ("in three weeks"); before it, "number" makes "one" a rank.
PERIOD_AFTER = re.compile(r"\s{1,3}(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b")
RANK_BEFORE = re.compile(r"\b(?i:number|no\.)\s{1,3}$")


# Verbs that are a multiple of what they change: "sales doubled", "could double", "nearly halved its value".
# The base form only after "to" or a modal, an adverb between them or not ("could potentially triple"; "a double
# murder" is no change).
MULTIPLYING_VERBS = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_STEMS = r"(?i:doubl|tripl|trebl|quadrupl|halv)"
# The surface of such a verb, as a claim carries it.
MULTIPLYING_WORD = re.compile(rf"(?P<stem>{_STEMS})(?i:ed|ing|e)")
MULTIPLYING_VERB = re.compile(
    rf"\b(?P<stem>{_STEMS})(?i:ed|ing)\b"
    rf"|\b(?i:to|will|would|could|may|might|should|can)[ \t]{{1,8}}(?:[a-z]+ly[ \t]{{1,8}})?(?P<base>{_STEMS})(?i:e)\b"
)


# "twice" as two occasions ("has twice previously sent"), or a frequency like "three times a week" ("twice a
# day", "twice daily"); "think twice before" is an idiom.
TWICE_OCCASIONS = re.compile(r"\b(?i:twice)(?=\s+(?i:previously|already)\b)")
TWICE_A_PERIOD = re.compile(
    r"\b(?i:twice)\s+(?:(?i:a|an|per|each|every)\s+(?P<period>(?i:hour|day|night|week|month|quarter|season|year))"
    r"|(?P<adverb>(?i:hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually)))\b"
)
PERIOD_OF_ADVERB = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "night",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annually": "year",
}


def read_multiples(text: str) -> list[Quantity]:
    """Every multiple in ``text``, every share written as "one in four", and "twice" as two occasions, in
    order."""
    quantities = [*_multiplying_verbs(text), *_one_in(text), *_twice_as_occasions(text)]
    for match in MULTIPLE.finditer(text):
        if match.group("twice"):
            value = 2.0
        else:
            value = _number_value(match.group("fold") or match.group("times"))
        end = match.end()
        quantities.append(
            Quantity(
                start=match.start(),
                end=end,
                number_start=match.start(),
                number_end=end,
                value=value,
                unit="times",
                kind="number",
            )
        )
    return sorted(quantities, key=lambda q: q.start)


def _twice_as_occasions(text: str) -> list[Quantity]:
    """'has twice previously sent': 2 times; 'twice a day', 'twice daily': 2 times a day."""
    found = [
        Quantity(start=m.start(), end=m.end(), number_start=m.start(), number_end=m.end(), value=2.0, unit="times")
        for m in TWICE_OCCASIONS.finditer(text)
    ]
    for match in TWICE_A_PERIOD.finditer(text):
        period = match.group("period") or PERIOD_OF_ADVERB[match.group("adverb").lower()]
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                number_start=match.start(),
                number_end=match.start() + len("twice"),
                value=2.0,
                unit=f"times/{period.lower()}",
            )
        )
    for quantity in found:
        quantity.kind = "count"
    return found


def _multiplying_verbs(text: str) -> list[Quantity]:
    """'doubled' is a change of 2 times, 'halved' of a half (direction.py says which way)."""
    found = []
    for match in MULTIPLYING_VERB.finditer(text):
        group = "stem" if match.group("stem") else "base"
        value = MULTIPLYING_VERBS[match.group(group).lower()]
        found.append(
            Quantity(
                start=match.start(group),
                end=match.end(),
                number_start=match.start(group),
                number_end=match.end(),
                value=value,
                unit="times" if value > 1 else "fraction",
                kind="number",
            )
        )
    return found


def _one_in(text: str) -> list[Quantity]:
    """'one in four adults' is a share of a quarter; not 'sold 5 in 2009' (a year) nor 'nine in three'."""
    found = []
    for match in ONE_IN.finditer(text):
        part, whole = (_number_value(match.group(name)) for name in ("part", "whole"))
        if whole.is_integer() and int(whole) in YEARS or not 0 < part < whole:
            continue
        if PERIOD_AFTER.match(text, match.end()) or RANK_BEFORE.search(text[max(0, match.start() - 8) : match.start()]):
            continue  # 'his third number one in three weeks': a rank, and a time, not a share
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                number_start=match.start(),
                number_end=match.end(),
                value=part / whole,
                unit="fraction",
                kind="number",
            )
        )
    return found


def _number_value(number: str) -> float:
    word, _, scale = number.lower().replace(",", "").partition(" ")
    return float(SMALL_NUMBERS.get(word, word)) * MAGNITUDES.get(scale, 1)


def with_multiples(quantities: list[Quantity], multiples: list[Quantity]) -> list[Quantity]:
    """The quantities, with each multiple ("twice", "threefold", "three times as") in place of the bare
    number it was read as, in text order."""
    kept = [q for q in quantities if not any(q.start < m.end and m.start < q.end for m in multiples)]
    return sorted([*kept, *multiples], key=lambda q: q.start)
