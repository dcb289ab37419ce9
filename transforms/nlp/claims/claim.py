"""The Claim row: one numeric claim of an article, as ``extract_claims`` returns it.

What a claim row means:

* ``value`` is the number in ``unit`` with any scale word applied: "$3bn" → 3e9 USD, "0.5k miles"
  → 500 mile; "50 basis points" stays 50 basis_point (its own unit, as stated).
* A range ("3-4%", "between 10 and 20 projects", "8- to 16-metre", "-78-0 °C") has ``value_low``
  and ``value_high``, and ``value`` is their midpoint.  "12 ± 0.5 km" gives bounds around 12.  A vague
  plural ("dozens", "hundreds of") is a floor: ``value`` = ``value_low`` = 24, ``approximate``.
* ``value`` is the number as stated, never negated for a fall: "fell 3%" is 3 percent with
  ``direction`` down and ``change_kind`` change; "fell 3% to $2.3bn" makes $2.3bn a ``change_to``
  (``direction.py``).  Only a sign written with the number is kept ("-15€", "minus 5 degrees
  Celsius").
* "rose from A to B" (a change verb before "from") is two claims, the old and the new value; without
  a change verb, "from A to B", "A to B" and "between A and B" are one range.
* Units: an ISO 4217 code for money ("USD"; a sub-unit in its currency: "18p" is 0.18 GBP); the SI symbol
  where one is usual ("km", "kg", "GW", "°C", "MB"); else the singular English name ("mile",
  "tonne", "year", "gallon").  "a/b" for rates ("USD/hour", "km/h", "barrel/day", "times/week"); a
  power as a suffix ("km2", "s2", "s-1").  A count's unit is the noun it counts ("fighter jets").
* ``quantity_kind``: percent, percentage_points, money, duration, measure, count (a counted noun, or
  a frequency "four times a week"), points (an index's points or level: "fell 162.31 points to
  7,425.81"), number (a fraction of something: "two thirds of the cake", or a
  multiple in ``times``: "twice", "threefold", "three times as powerful").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Claim:
    start: int
    end: int
    surface: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str | None
    quantity_kind: str
    currency: str | None
    scale: float | None
    approximate: bool
    comparator: str | None
    of_what: str | None = None
    subject: str | None = None
    time_text: str | None = None
    # Index (in the article's claim list) of the value this one changed from: "to 2% … from 1.8%".
    previous: int | None = None
    # 'level', 'change', 'change_to' or 'change_from', and 'up', 'down' or None (direction.py).
    change_kind: str = "level"
    direction: str | None = None
