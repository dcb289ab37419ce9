"""Scoring numeric claims against our sentence gold (``tests/gold/claims``: every quantity of the listed
sentences, with value, unit, kind, direction, change_kind, comparator and of_what; see its README).

Only claims inside a listed sentence are scored: a claim there that the gold does not have is a false
one; the rest of the article is not annotated.  A predicted claim *matches* a gold one when their spans
overlap and their values agree (the value, or for a range both bounds, within half a percent: the
gold's hand-written values are rounded, "a third" is 0.3333);
matching is one-to-one, gold in text order, each taking the overlapping prediction nearest its start.
Every reading is P/R/F1 over those pairs with one more thing required:

* ``value``: nothing more;
* ``value+unit``: the units agree (``same_unit``: case, singular/plural and the usual abbreviations
  aside; a count's unit compared by its last word);
* ``value+direction``: ``direction`` is the same (both NULL for a level);
* ``value+of_what``: where the gold names what is measured, ours shares at least half its words; where
  it names nothing, ours is empty too.

Recall is also broken down by the gold's ``kind``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from evaluation.scores import Score

READINGS = ("value", "value+unit", "value+direction", "value+of_what")
# Hand-written gold values are rounded ("a third" → 0.3333): values within half a percent agree.
GOLD_VALUE_REL_TOLERANCE = 0.005
# Units written differently by the gold and by us, read as one.
UNIT_ALIASES = {
    "shrs": "shares",
    "mi": "mile",
    "miles": "mile",
    "s": "second",
    "sec": "second",
    "seconds": "second",
    "yd": "yard",
    "yards": "yard",
    "tonnes": "tonne",
    "t": "tonne",
    "tons": "tonne",
    "ton": "tonne",
    "barrels": "barrel",
    "bbl": "barrel",
    "bpd": "barrel/day",
    "b/d": "barrel/day",
    "sq mi": "mile2",
    "sq km": "km2",
    "ounces": "ounce",
    "oz": "ounce",
    "litres": "litre",
    "l": "litre",
    "years": "year",
    "months": "month",
    "weeks": "week",
    "days": "day",
    "hours": "hour",
    "minutes": "minute",
    "kilometre": "km",
    "kilometres": "km",
    "metre": "m",
    "metres": "m",
    "kilogram": "kg",
    "kilograms": "kg",
    # the gold's usual abbreviations against our rate and names ("mile/hour", "inch", "foot", "hectare")
    "mph": "mile/hour",
    "in": "inch",
    "inches": "inch",
    "ft": "foot",
    "feet": "foot",
    "ha": "hectare",
    "hectares": "hectare",
    "basis points": "basis_point",
    "basis point": "basis_point",
    "bps": "basis_point",
}
WORD = re.compile(r"[\w'’]+")


@dataclass
class SentenceClaimScores:
    readings: dict[str, Score] = field(default_factory=dict)
    recall_by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (found, gold)
    missing: list[str] = field(default_factory=list)  # "file: surface" of gold claims no prediction matched
    false_claims: list[str] = field(default_factory=list)  # "file: surface" of predictions no gold claim has

    def add(self, other: SentenceClaimScores) -> None:
        for reading, score in other.readings.items():
            self.readings[reading] = self.readings.get(reading, Score(0, 0, 0)) + score
        for kind, (found, total) in other.recall_by_kind.items():
            have = self.recall_by_kind.get(kind, (0, 0))
            self.recall_by_kind[kind] = (have[0] + found, have[1] + total)
        self.missing += other.missing
        self.false_claims += other.false_claims


def score_sentence_claims(name: str, gold: Mapping, rows: Sequence[Mapping]) -> SentenceClaimScores:
    """One gold file against the claim rows extracted from its article."""
    sentences = [tuple(span) for span in gold["sentences"]]
    predicted = [
        row for row in rows if any(start <= row["start_char"] and row["end_char"] <= end for start, end in sentences)
    ]
    expected = sorted(gold["claims"], key=lambda claim: claim["span"][0])
    pairs = _match(expected, predicted)
    scores = SentenceClaimScores()
    for reading in READINGS:
        right = sum(1 for i, j in pairs.items() if _agrees(reading, expected[i], predicted[j]))
        scores.readings[reading] = Score(right, len(predicted), len(expected))
    for i, claim in enumerate(expected):
        kind = claim.get("kind") or "unknown"
        found, total = scores.recall_by_kind.get(kind, (0, 0))
        scores.recall_by_kind[kind] = (found + (i in pairs), total + 1)
        if i not in pairs:
            scores.missing.append(f"{name}: {claim['surface']}")
    matched = set(pairs.values())
    scores.false_claims = [f"{name}: {row['surface']}" for j, row in enumerate(predicted) if j not in matched]
    return scores


def same_unit(gold_unit: str | None, our_unit: str | None) -> bool:
    """Units agree; a rate ("USD/share") agrees with its amount's unit where the gold gives no rate (the
    annotators left "per share" out of the unit)."""
    if gold_unit is None or our_unit is None:
        return gold_unit is None and our_unit is None
    gold_unit = UNIT_ALIASES.get(gold_unit.strip().lower(), gold_unit)  # "bpd" is a rate: barrels a day
    if "/" in our_unit and "/" not in gold_unit:
        our_unit = our_unit.split("/")[0]
    return _unit_key(gold_unit) == _unit_key(our_unit)


def shares_half_the_words(gold_phrase: str, ours: str | None) -> bool:
    wanted = {w.lower() for w in WORD.findall(gold_phrase)} - {"the", "a", "an", "of"}
    if not wanted:
        return True
    got = {w.lower() for w in WORD.findall(ours or "")}
    return len(wanted & got) * 2 >= len(wanted)


def _unit_key(unit: str) -> str:
    lowered = unit.strip().lower()
    lowered = UNIT_ALIASES.get(lowered, lowered)
    last = lowered.split()[-1] if " " in lowered else lowered  # a count: "recorded songs" ~ "songs"
    last = UNIT_ALIASES.get(last, last)
    return last[:-1] if len(last) > 3 and last.endswith("s") and not last.endswith("ss") else last


def _agrees(reading: str, gold: Mapping, row: Mapping) -> bool:
    if reading == "value":
        return True
    if reading == "value+unit":
        return same_unit(gold.get("unit"), row.get("unit"))
    if reading == "value+direction":
        return gold.get("direction") == row.get("direction")
    if gold.get("of_what") is None:
        return not row.get("of_what")
    return shares_half_the_words(gold["of_what"], row.get("of_what"))


def _values_agree(gold: Mapping, row: Mapping) -> bool:
    if gold.get("value_low") is not None and gold.get("value_high") is not None:
        low, high = row.get("value_low"), row.get("value_high")
        return (
            low is not None
            and high is not None
            and _close(float(gold["value_low"]), float(low))
            and _close(float(gold["value_high"]), float(high))
        )
    value = row.get("value")
    return value is not None and gold.get("value") is not None and _close(float(gold["value"]), float(value))


def _match(expected: Sequence[Mapping], predicted: Sequence[Mapping]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for i, gold in enumerate(expected):
        start, end = gold["span"]
        candidates = [
            j
            for j, row in enumerate(predicted)
            if j not in taken and row["start_char"] < end and start < row["end_char"] and _values_agree(gold, row)
        ]
        if candidates:
            best = min(candidates, key=lambda j: abs(predicted[j]["start_char"] - start))
            pairs[i] = best
            taken.add(best)
    return pairs


def _close(gold: float, ours: float) -> bool:
    return math.isclose(gold, ours, rel_tol=GOLD_VALUE_REL_TOLERANCE, abs_tol=1e-9)
