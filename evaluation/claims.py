"""Scoring numeric claims: against seed-style gold, and against quantulum3's English test suite.

Two kinds of gold, two scorers; both take claim *rows* (dicts with the ``numeric_claims`` columns:
``value``, ``value_low``, ``value_high``, ``unit``, ``quantity_kind``, ``surface``, spans) so they
score what the warehouse would hold.

**Seed gold** (``../shared/gold/seed-000.json``, ``claims``: ``span``, ``value``, ``unit``, ``of``,
``approximate``): a gold claim is *right* when a row has exactly its span and the same value, unit,
``approximate`` (absent = False) and, when the gold names one, ``of_what``.  A row whose span no gold
claim has is a false claim (a year, "World War Two").  Subject and time are reported, not required.

**quantulum3 suite** (``quantulum3/_lang/en_US/tests/quantities.json``: ``req`` a sentence, ``res``
the quantities in it, each ``value``, ``unit`` (a quantulum unit name), ``surface``, and for ranges
an ``uncertainty`` around the midpoint ``value``):

* *value match*: a claim's value equals the expected value within ``VALUE_REL_TOLERANCE``
  (relative; absolute for zero).  A claim with both ``value_low`` and ``value_high`` also matches
  the midpoint of its bounds (quantulum gives a range as its midpoint).
* *value+unit match*: also the units agree: our unit translated by ``QUANTULUM_UNIT_NAMES`` (below)
  equals the expected unit name.  Compound units translate part by part: ``USD/hour`` →
  "dollar per hour", ``km/h`` → "kilometre per hour".  A *count* ("50 cars", "ten pills") has no
  physical unit, so it matches quantulum's ``dimensionless``.  Quantulum's own counting units are
  read as numbers first (``QUANTULUM_COUNTING_UNITS``: 1 "dozen" is 12 dimensionless).
* Matching is one-to-one and greedy in gold order; value+unit pairs are matched first so a right
  unit is never lost to a same-valued claim with the wrong one.

**Bare numbers.**  We deliberately do not emit a number that measures nothing (years, "the answer
is 42", model numbers): the suite lists many as ``dimensionless``.  Both readings are reported:

* ``all`` — every expected quantity counts; bare numbers we do not emit are misses.
* ``with_units`` (the headline) — expected ``dimensionless`` quantities are out of scope: they leave
  the gold, and a claim that value-matches one of them leaves the predictions (neither credit nor
  penalty; e.g. our count "50 cars" against quantulum's dimensionless 50).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from evaluation.scores import Score

UnitNames = Callable[[Mapping], frozenset[str]]
# Equal values: floats parsed from text ("1.8", "3e9") agree to far better than this.
VALUE_REL_TOLERANCE = 1e-6
DIMENSIONLESS = "dimensionless"

# Our unit → the quantulum3 unit names it may be called (compared case-insensitively).  Ours are ISO 4217
# codes for money, SI symbols where one is usual, else singular English names.  Rates and powers are
# translated part by part (``quantulum_unit_names``): "USD/hour" → "dollar per hour", "km2" →
# "square kilometre", "s-1" → "inverse second".
QUANTULUM_UNIT_NAMES: dict[str, frozenset[str]] = {
    unit: frozenset(name.lower() for name in names)
    for unit, names in {
        # shares
        "percent": ("percentage",),
        "percentage_points": ("percentage point", "percentage"),
        "basis_point": ("basis point",),
        # money
        "USD": ("dollar", "United States dollar"),
        "GBP": ("pound sterling",),
        "EUR": ("euro",),
        "JPY": ("yen", "Japanese yen"),
        "CNY": ("Chinese yuan", "yuan"),
        "INR": ("Indian rupee",),
        "CHF": ("Swiss franc",),
        "AUD": ("Australian dollar",),
        "CAD": ("Canadian dollar",),
        "NZD": ("New Zealand dollar",),
        # time
        "second": ("second",),
        "minute": ("minute",),
        "hour": ("hour",),
        "day": ("day",),
        "week": ("week",),
        "fortnight": ("fortnight",),
        "month": ("month",),
        "year": ("year",),
        "decade": ("decade",),
        "century": ("century",),
        "Ma": ("megayear", "megaannum"),
        "Ga": ("gigayear", "gigaannum"),
        "h": ("hour",),
        "s": ("second",),
        "min": ("minute",),
        # length, area
        "pm": ("picometre",),
        "am": ("attometre",),
        "nm": ("nanometre",),
        "µm": ("micrometre",),
        "mm": ("millimetre",),
        "cm": ("centimetre",),
        "m": ("metre",),
        "km": ("kilometre",),
        "inch": ("inch",),
        "foot": ("foot",),
        "yard": ("yard",),
        "mile": ("mile",),
        "nautical mile": ("nautical mile",),
        "hectare": ("hectare",),
        "acre": ("acre",),
        # volume
        "ml": ("millilitre", "cubic centimetre"),
        "cl": ("centilitre",),
        "litre": ("litre",),
        "gallon": ("gallon",),
        "barrel": ("barrel",),
        "cup": ("cup",),
        "tablespoon": ("tablespoon",),
        "teaspoon": ("teaspoon",),
        # mass
        "mg": ("milligram",),
        "g": ("gram",),
        "kg": ("kilogram",),
        "tonne": ("tonne", "ton"),
        "lb": ("pound-mass",),
        "ounce": ("ounce",),
        # temperature, angle, speed
        "°C": ("degree Celsius",),
        "°F": ("degree fahrenheit",),
        "K": ("kelvin",),
        "degree": ("degree angle",),
        "knot": ("knot",),
        # energy, power
        "W": ("watt",),
        "kW": ("kilowatt",),
        "MW": ("megawatt",),
        "GW": ("gigawatt",),
        "TW": ("terawatt",),
        "Wh": ("watt hour",),
        "kWh": ("kilowatt hour",),
        "MWh": ("megawatt hour",),
        "GWh": ("gigawatt hour",),
        "TWh": ("terawatt hour",),
        "eV": ("electronvolt",),
        "keV": ("kiloelectronvolt",),
        "MeV": ("megaelectronvolt",),
        "GeV": ("gigaelectronvolt",),
        "TeV": ("teraelectronvolt",),
        "J": ("joule",),
        "kJ": ("kilojoule",),
        "MJ": ("megajoule",),
        "calorie": ("calorie", "kilocalorie"),
        # data, frequency, radiation, physics
        "bit": ("bit",),
        "byte": ("byte",),
        "kB": ("kilobyte",),
        "KiB": ("kibibyte",),
        "MB": ("megabyte",),
        "MiB": ("mebibyte",),
        "GB": ("gigabyte",),
        "GiB": ("gibibyte",),
        "TB": ("terabyte",),
        "PB": ("petabyte",),
        "EB": ("exabyte",),
        "Hz": ("hertz",),
        "kHz": ("kilohertz",),
        "MHz": ("megahertz",),
        "GHz": ("gigahertz",),
        "Gy": ("gray",),
        "mGy": ("milligray",),
        "Sv": ("sievert",),
        "mSv": ("millisievert",),
        "fb": ("femtobarn",),
        # a frequency's numerator ("four times per week" → "count per week")
        "times": ("count",),
    }.items()
}
# Powers written as a suffix of our unit → the word quantulum puts before the unit's name.
POWER_WORDS = {"2": "square", "3": "cubic", "-1": "inverse"}
# Units quantulum uses for what are plain counts to us: 1 dozen = 12 of something.
QUANTULUM_COUNTING_UNITS = {"dozen": 12.0, "baker's dozen": 13.0, "gross": 144.0}
# quantulum3 keeps a sub-unit of money ("3 dimes"); we state it in its currency (0.3 USD), the same amount:
# its expected value is compared in the currency (the suite names no currency for its cents: the US dollar,
# which is ours too when the sentence names none).
QUANTULUM_SUBUNITS = {"penny": (0.01, "pound sterling"), "cent": (0.01, "dollar"), "dime": (0.1, "dollar")}
# Our quantity kinds that have no physical unit: quantulum calls them dimensionless.
UNITLESS_KINDS = frozenset(("count", "points", "number"))


# --- the seed -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedClaimScores:
    score: Score  # true positives: gold claims found at their span with every scored field right
    found: int  # gold spans found, right or not
    wrong: tuple[tuple[str, str, object, object], ...]  # (gold surface, field, gold, ours)
    missing: tuple[str, ...]  # gold surfaces with no row at their span
    false_claims: tuple[str, ...]  # surfaces of rows at no gold span
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)  # field → (agreeing, gold has it)

    @property
    def perfect(self) -> bool:
        return self.score.true_positives == self.score.gold == self.score.predicted


def score_seed_claims(
    rows: Sequence[Mapping], gold_claims: list[dict], speaker_names: Mapping[str, str] | None = None
) -> SeedClaimScores:
    """``rows`` are ``numeric_claims`` rows of the article; ``gold_claims`` the gold file's ``claims``.

    ``speaker_names`` (entity_id → canonical name) lets the gold ``speaker`` be checked; without it,
    speakers are not reported.
    """
    by_span = {(row["start_char"], row["end_char"]): row for row in rows}
    gold_spans = {tuple(gold["span"]) for gold in gold_claims}
    right, found, wrong, missing = 0, 0, [], []
    attributes: dict[str, list[int]] = {"subject": [0, 0], "time": [0, 0]}
    if speaker_names is not None:
        attributes["speaker"] = [0, 0]
    for gold in gold_claims:
        row = by_span.get(tuple(gold["span"]))
        if row is None:
            missing.append(gold["surface"])
            continue
        found += 1
        expected = {"value": gold["value"], "unit": gold["unit"], "approximate": gold.get("approximate", False)}
        if "of" in gold:
            expected["of_what"] = gold["of"]
        errors = [
            (gold["surface"], name, want, row.get(name))
            for name, want in expected.items()
            if not _same(want, row.get(name))
        ]
        wrong.extend(errors)
        right += not errors
        ours = {"subject": row.get("subject"), "time": row.get("time_text")}
        if speaker_names is not None:
            speaker_id = row.get("speaker_entity_id")
            ours["speaker"] = speaker_names.get(speaker_id) if speaker_id is not None else None
        for name, tally in attributes.items():
            if name in gold:
                tally[1] += 1
                tally[0] += ours[name] == gold[name]
    false_claims = tuple(row["surface"] for row in rows if (row["start_char"], row["end_char"]) not in gold_spans)
    return SeedClaimScores(
        Score(right, len(rows), len(gold_claims)),
        found,
        tuple(wrong),
        tuple(missing),
        false_claims,
        {name: (a, b) for name, (a, b) in attributes.items()},
    )


def _same(gold: object, ours: object) -> bool:
    if isinstance(gold, (int, float)) and not isinstance(gold, bool) and isinstance(ours, (int, float)):
        return values_equal(float(gold), float(ours))
    return gold == ours


# --- the quantulum3 suite -------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuantityScores:
    value: Score
    value_unit: Score


@dataclass(frozen=True)
class CaseResult:
    sentence: str
    all: QuantityScores  # every expected quantity counts
    with_units: QuantityScores  # expected dimensionless quantities (and claims matching them) left out
    missed: tuple[str, ...]  # expected surfaces (with their unit) no claim value-matched, all reading
    spurious: tuple[str, ...]  # our surfaces that matched nothing expected
    wrong_unit: tuple[tuple[str, str, str | None], ...]  # (expected surface, expected unit, our unit)


@dataclass(frozen=True)
class SuiteScores:
    cases: tuple[CaseResult, ...]

    @property
    def all(self) -> QuantityScores:
        return QuantityScores(_sum(c.all.value for c in self.cases), _sum(c.all.value_unit for c in self.cases))

    @property
    def with_units(self) -> QuantityScores:
        return QuantityScores(
            _sum(c.with_units.value for c in self.cases), _sum(c.with_units.value_unit for c in self.cases)
        )


def score_quantulum_suite(
    cases: Iterable[tuple[dict, Sequence[Mapping]]], unit_names: UnitNames | None = None
) -> SuiteScores:
    """``cases``: (a suite case ``{"req", "res"}``, our claim rows for its sentence) pairs.

    ``unit_names`` says which quantulum unit names a row's unit may be called: ours by default
    (``quantulum_unit_names``); the benchmark scores quantulum3's own output with ``{row["unit"]}``.
    """
    return SuiteScores(tuple(score_quantulum_case(case, rows, unit_names) for case, rows in cases))


def score_quantulum_case(case: dict, rows: Sequence[Mapping], unit_names: UnitNames | None = None) -> CaseResult:
    expected = [_normalise_expected(item) for item in case.get("res", [])]
    claims = [row for row in rows if row.get("value") is not None]
    names = unit_names or quantulum_unit_names
    value_pairs = _match(expected, claims, names, with_unit=False)
    unit_pairs = _match(expected, claims, names, with_unit=True)

    unitless = {i for i, item in enumerate(expected) if item["unit"] == DIMENSIONLESS}
    out_of_scope_claims = {j for i, j in value_pairs.items() if i in unitless}
    scoped_gold = len(expected) - len(unitless)
    scoped_predicted = len(claims) - len(out_of_scope_claims)
    all_scores = QuantityScores(
        Score(len(value_pairs), len(claims), len(expected)), Score(len(unit_pairs), len(claims), len(expected))
    )
    with_units = QuantityScores(
        Score(sum(i not in unitless for i in value_pairs), scoped_predicted, scoped_gold),
        Score(sum(i not in unitless for i in unit_pairs), scoped_predicted, scoped_gold),
    )
    matched_claims = set(value_pairs.values())
    return CaseResult(
        case["req"],
        all_scores,
        with_units,
        missed=tuple(f"{item['surface']} ({item['unit']})" for i, item in enumerate(expected) if i not in value_pairs),
        spurious=tuple(row.get("surface") or "" for j, row in enumerate(claims) if j not in matched_claims),
        wrong_unit=tuple(
            (expected[i]["surface"], expected[i]["unit"], claims[j].get("unit"))
            for i, j in value_pairs.items()
            if i not in unit_pairs
        ),
    )


def quantulum_unit_names(row: Mapping) -> frozenset[str]:
    """The quantulum unit names (lower-cased) our claim's unit may be called; empty when we have no mapping."""
    unit = row.get("unit")
    if unit and "/" in unit:
        return _unit_names(unit)
    if row.get("quantity_kind") in UNITLESS_KINDS:
        return frozenset((DIMENSIONLESS,))
    return _unit_names(unit) if unit else frozenset()


def _unit_names(unit: str) -> frozenset[str]:
    if unit in QUANTULUM_UNIT_NAMES:
        return QUANTULUM_UNIT_NAMES[unit]
    if "/" in unit:
        numerator, denominator = unit.split("/", 1)
        return frozenset(f"{a} per {b}" for a in _unit_names(numerator) for b in _unit_names(denominator))
    for suffix, word in POWER_WORDS.items():
        if unit.endswith(suffix) and unit[: -len(suffix)] in QUANTULUM_UNIT_NAMES:
            return frozenset(f"{word} {name}" for name in QUANTULUM_UNIT_NAMES[unit[: -len(suffix)]])
    return frozenset()


def values_equal(a: float, b: float) -> bool:
    if a == b:
        return True
    return math.isclose(a, b, rel_tol=VALUE_REL_TOLERANCE, abs_tol=0.0 if a and b else VALUE_REL_TOLERANCE)


def _normalise_expected(item: dict) -> dict:
    unit = (item.get("unit") or DIMENSIONLESS).lower()
    value = float(item["value"])
    if unit in QUANTULUM_COUNTING_UNITS:
        value, unit = value * QUANTULUM_COUNTING_UNITS[unit], DIMENSIONLESS
    elif unit in QUANTULUM_SUBUNITS:
        share, unit = QUANTULUM_SUBUNITS[unit]
        value *= share
    return {"value": value, "unit": unit, "surface": item.get("surface", "")}


def _claim_values(row: Mapping) -> list[float]:
    values = [float(row["value"])]
    low, high = row.get("value_low"), row.get("value_high")
    if low is not None and high is not None:
        values.append((float(low) + float(high)) / 2)
    return values


def _match(expected: list[dict], claims: list[Mapping], unit_names: UnitNames, *, with_unit: bool) -> dict[int, int]:
    """Greedy one-to-one matching, expected index → claim index.  Value-only matching still prefers a
    claim with the right unit, so the value and value+unit readings pick the same pairs where they can."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    passes = (True,) if with_unit else (True, False)
    for need_unit in passes:
        for i, item in enumerate(expected):
            if i in pairs:
                continue
            for j, row in enumerate(claims):
                if j in taken or not any(values_equal(item["value"], v) for v in _claim_values(row)):
                    continue
                if need_unit and item["unit"] not in unit_names(row):
                    continue
                pairs[i] = j
                taken.add(j)
                break
    return pairs


def _sum(scores: Iterable[Score]) -> Score:
    total = Score(0, 0, 0)
    for score in scores:
        total += score
    return total
