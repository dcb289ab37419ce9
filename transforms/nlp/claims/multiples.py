"""Multiples written as words: "twice", "threefold", "a 10-fold rise", "three times as powerful", "four times
the size".  Each is a quantity of ``times`` (kind ``number``); a frequency ("three times a week", "twice
daily") or a count of occasions ("three times the following year") is not a multiple: the first is left to
the unit table, the second read as a number where one is written.
"""

from __future__ import annotations

import re

from transforms.nlp.claims.lexicon import SMALL_NUMBERS
from transforms.nlp.claims.quantities import Quantity

_NUMBER = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + r")"
# After "twice", words that make it a frequency ("twice a week", "twice daily"), not a multiple.
_FREQUENCY = r"(?!\s+(?i:a|an|per|each|every|daily|weekly|monthly|yearly|annually|before|previously|already)\b)"
MULTIPLE = re.compile(
    rf"\b(?:(?P<twice>(?i:twice)){_FREQUENCY}"
    rf"|(?P<fold>(?i:{_NUMBER}))-?(?i:fold)"
    rf"|(?P<times>(?i:{_NUMBER}))\s+(?i:times)(?=\s+(?:(?i:as|more|less|higher|lower|larger|bigger|smaller|"
    rf"greater|faster|slower)\b|(?i:the)\s+(?!(?i:following|next|previous|first|last|same)\b))))\b"
)


def read_multiples(text: str) -> list[Quantity]:
    """Every multiple in ``text``, in order."""
    quantities = []
    for match in MULTIPLE.finditer(text):
        if match.group("twice"):
            value = 2.0
        else:
            number = (match.group("fold") or match.group("times")).lower()
            value = float(SMALL_NUMBERS.get(number, number))
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
    return quantities


def with_multiples(quantities: list[Quantity], multiples: list[Quantity]) -> list[Quantity]:
    """The quantities, with each multiple ("twice", "threefold", "three times as") in place of the bare
    number it was read as, in text order."""
    kept = [q for q in quantities if not any(q.start < m.end and m.start < q.end for m in multiples)]
    return sorted([*kept, *multiples], key=lambda q: q.start)
