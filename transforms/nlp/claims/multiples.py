"""Multiples written as words: "twice", "threefold", "a 10-fold rise", "three times as powerful", "four times
the size".  Each is a quantity of ``times`` (kind ``number``); "three times a week" is a frequency, not a
multiple, and is left to the unit table.
"""

from __future__ import annotations

import re

from transforms.nlp.claims.lexicon import SMALL_NUMBERS
from transforms.nlp.claims.quantities import Quantity

_NUMBER = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True)) + r")"
MULTIPLE = re.compile(
    rf"\b(?:(?P<twice>(?i:twice))"
    rf"|(?P<fold>(?i:{_NUMBER}))-?(?i:fold)"
    rf"|(?P<times>(?i:{_NUMBER}))\s+(?i:times)(?=\s+(?i:as|more|less|higher|lower|larger|bigger|smaller|greater|"
    rf"the|that|what|faster|slower)\b))\b"
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
        end = match.end() if not match.group("times") else match.start("times") + len(match.group(0))
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
