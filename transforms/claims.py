"""Numeric claims: numbers with a unit and what they measure, not years or names.

A number becomes a claim only when it measures something (a percent, money,
a duration, a physical measure, a count of things).  Years, dates, ordinals
and numbers inside names are context, not claims; a date next to a claim
becomes its ``time_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Vague amounts: (lower bound, whether the word is plural-vague and so approximate).
VAGUE_AMOUNTS = {
    "a dozen": (12, False), "dozens": (24, True), "scores": (40, True), "hundreds": (200, True),
    "thousands": (2000, True), "millions": (2e6, True), "billions": (2e9, True),
    "half": (0.5, False), "a half": (0.5, False), "a third": (1 / 3, False), "a quarter": (0.25, False),
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9,
          "bn": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12}
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
                  "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF"}
DURATION_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
                  "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
                  "decade": "decade", "decades": "decade", "minutes": "minute", "minute": "minute"}
MEASURE_UNITS = {"km": "km", "kilometres": "km", "kilometers": "km", "miles": "mile", "mile": "mile",
                 "tonnes": "tonne", "tons": "tonne", "tonne": "tonne", "barrels": "barrel", "barrel": "barrel",
                 "kg": "kg", "kilograms": "kg", "metres": "m", "meters": "m", "litres": "litre", "liters": "litre",
                 "gigawatts": "GW", "megawatts": "MW", "bpd": "barrel/day"}
COMPARATORS = {"about": "about", "around": "about", "roughly": "about", "approximately": "about",
               "some": "about", "nearly": "about", "almost": "about", "an estimated": "about",
               "more than": "more_than", "over": "more_than", "above": "more_than", "less than": "less_than",
               "fewer than": "less_than", "under": "less_than", "below": "less_than", "at least": "at_least",
               "at most": "at_most", "up to": "up_to", "exactly": "exactly"}
APPROXIMATE_COMPARATORS = {"about"}
OF_WHAT_ALIASES = {"gross domestic product": "GDP", "gdp": "GDP", "economic output": "GDP",
                   "the economy": "GDP", "national output": "GDP"}
# Prepositions that keep their meaning in a time expression ("by 2035" is a deadline, "in 2035" a date).
TIME_PREPOSITIONS = frozenset(("by", "until", "before", "after", "since", "through"))
TIME_ADVERBS = frozenset(("currently", "now", "today", "annually", "yearly", "this year", "last year", "next year"))
# Entity types whose numbers are part of a name ("World War Two", "Boeing 737").
NAME_ENTITY_TYPES = frozenset(("EVENT", "ORG", "PERSON", "FAC", "LAW", "WORK_OF_ART", "PRODUCT", "GPE"))
MONTHS = frozenset("january february march april may june july august september october november december "
                   "jan feb mar apr jun jul aug sep sept oct nov dec".split())
YEAR_RANGE = (1800, 2100)

_word_number = "|".join(sorted([*SMALL_NUMBERS, *TENS], key=len, reverse=True))
_tens = "|".join(TENS)
_small = "|".join(k for k in SMALL_NUMBERS if SMALL_NUMBERS[k] < 10 and SMALL_NUMBERS[k] > 0)
_vague = "|".join(sorted(VAGUE_AMOUNTS, key=len, reverse=True))
_comparator = "|".join(sorted(COMPARATORS, key=len, reverse=True))
_scale = "|".join(sorted(SCALES, key=len, reverse=True))
_currency_symbol = r"US\$|\$|£|€|¥"
_currency_word = "|".join(CURRENCY_WORDS)
_duration = "|".join(DURATION_UNITS)
_measure = "|".join(sorted(MEASURE_UNITS, key=len, reverse=True))

CLAIM_PATTERN = re.compile(
    rf"""
    (?:(?P<comparator>\b(?:{_comparator}))\s+)?
    (?P<currency_symbol>{_currency_symbol})?
    (?P<number>
        \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?
      | \d+(?:\.\d+)?
      | \b(?:{_tens})-(?:{_small})\b
      | \b(?:{_word_number})\b
      | \b(?:{_vague})\b
    )
    (?:\s*(?P<scale>(?:{_scale}))\b)?
    (?P<unit>
        \s*%
      | \s+per\s?cent\b
      | \s+percentage\s+points?\b
      | \s+(?:{_currency_word})\b
      | \s+(?:{_duration})\b
      | \s+(?:{_measure})\b
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)


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


def extract_claims(doc: Doc) -> list[Claim]:
    """Numeric claims of one article, in text order."""
    claims = []
    for match in CLAIM_PATTERN.finditer(doc.text):
        claim = _claim_from_match(doc, match)
        if claim is not None:
            claims.append(claim)
    _inherit_of_what(doc, claims)
    return claims


def _claim_from_match(doc: Doc, match: re.Match) -> Claim | None:
    number_text = match.group("number")
    unit_text = (match.group("unit") or "").strip().lower()
    currency_symbol = match.group("currency_symbol")
    scale_word = (match.group("scale") or "").lower()
    start, end = match.start(), match.end()
    number_start = match.start("number")
    if _is_part_of_name_or_date(doc, number_start, match.end("number"), bool(unit_text or currency_symbol)):
        return None

    value, approximate = _number_value(number_text)
    if value is None:
        return None
    scale = SCALES.get(scale_word) if scale_word else None
    if scale:
        value *= scale
    comparator = COMPARATORS.get((match.group("comparator") or "").lower())
    approximate = approximate or comparator in APPROXIMATE_COMPARATORS

    currency = None
    unit = None
    if unit_text in ("%",) or re.fullmatch(r"per\s?cent", unit_text):
        kind, unit = "percent", "percent"
    elif unit_text.startswith("percentage"):
        kind, unit = "percentage_points", "percentage_points"
    elif currency_symbol or unit_text in CURRENCY_WORDS:
        kind = "money"
        currency = CURRENCY_SYMBOLS.get(currency_symbol) if currency_symbol else CURRENCY_WORDS[unit_text]
        unit = currency
    elif unit_text in DURATION_UNITS:
        kind, unit = "duration", DURATION_UNITS[unit_text]
    elif unit_text in MEASURE_UNITS:
        kind, unit = "measure", MEASURE_UNITS[unit_text]
    else:
        counted = _counted_noun(doc, end, number_text)
        if counted is None:
            return None
        kind, unit = "count", counted.text.lower()
        end = counted.end_char
    of_what = None
    if kind in ("percent", "percentage_points"):
        of_what, end = _of_what(doc, end)
    # A vague amount ("dozens") is a floor, not a point value.
    value_low = value if number_text.lower() in VAGUE_AMOUNTS and approximate else None
    return Claim(start, end, doc.text[start:end], value, value_low, None, unit, kind, currency, scale,
                 approximate, comparator, of_what, _subject(doc, start), _time_text(doc, end))


def _number_value(text: str) -> tuple[float | None, bool]:
    lowered = text.lower()
    if lowered in VAGUE_AMOUNTS:
        amount, approximate = VAGUE_AMOUNTS[lowered]
        return float(amount), approximate
    if lowered in SMALL_NUMBERS:
        return float(SMALL_NUMBERS[lowered]), False
    if lowered in TENS:
        return float(TENS[lowered]), False
    if "-" in lowered:
        tens, unit = lowered.split("-", 1)
        return float(TENS[tens] + SMALL_NUMBERS[unit]), False
    try:
        return float(lowered.replace(",", "")), False
    except ValueError:
        return None, False


def _is_part_of_name_or_date(doc: Doc, start: int, end: int, has_unit: bool) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    if any(t.ent_type_ in NAME_ENTITY_TYPES for t in span):
        return True
    first, last = span[0], span[-1]
    neighbours = [doc[i] for i in (first.i - 1, last.i + 1) if 0 <= i < len(doc)]
    if not has_unit and any(n.lower_.rstrip(".") in MONTHS for n in neighbours):
        return True  # "March 2026", "Oct 29"
    text = doc.text[start:end]
    if not has_unit and text.isdigit() and len(text) == 4 and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]:
        return True
    return False


def _counted_noun(doc: Doc, end: int, number_text: str) -> Span | None:
    """What a bare number counts: '1,250 workers', 'dozens of fighter jets'.  None when nothing is counted."""
    after = doc.char_span(end, len(doc.text), alignment_mode="expand")
    if after is None or len(after) == 0:
        return None
    tokens = list(after)
    if tokens[0].lower_ == "of" and len(tokens) > 1:
        tokens = tokens[1:]
    elif number_text.lower() in VAGUE_AMOUNTS and number_text.lower() in ("half", "a half", "a third", "a quarter"):
        return None
    noun_tokens: list[Token] = []
    for token in tokens:
        if token.pos_ in ("NOUN", "PROPN", "ADJ") and not token.is_punct:
            noun_tokens.append(token)
            if token.tag_ in ("NNS", "NNPS") and (len(noun_tokens) == len(tokens) or tokens[len(noun_tokens)].pos_ != "NOUN"):
                break
            continue
        break
    while noun_tokens and noun_tokens[-1].pos_ == "ADJ":
        noun_tokens.pop()
    if not noun_tokens or noun_tokens[-1].tag_ not in ("NNS", "NNPS"):
        return None
    if noun_tokens[-1].lower_ in DURATION_UNITS or noun_tokens[-1].ent_type_ == "DATE":
        return None
    return doc[noun_tokens[0].i: noun_tokens[-1].i + 1]


def _of_what(doc: Doc, end: int) -> tuple[str | None, int]:
    """'two per cent of gross domestic product' → ('GDP', end of the phrase); the phrase joins the surface."""
    match = re.match(r"\s+of\s+", doc.text[end:end + 80])
    if not match:
        return None, end
    chunk_start = end + match.end()
    for chunk in doc.noun_chunks:
        if chunk.start_char <= chunk_start < chunk.end_char:
            text = doc.text[chunk_start:chunk.end_char]
            return OF_WHAT_ALIASES.get(text.lower(), text), chunk.end_char
    return None, end


def _inherit_of_what(doc: Doc, claims: list[Claim]) -> None:
    """'to 2% of GDP … from about 1.8%': the second percent in a sentence is of the same thing."""
    for claim in claims:
        if claim.of_what is not None or claim.quantity_kind not in ("percent", "percentage_points"):
            continue
        sentence = _sentence_at(doc, claim.start)
        for other in claims:
            if other is not claim and other.of_what and other.quantity_kind == claim.quantity_kind \
                    and sentence is not None and sentence.start_char <= other.start < sentence.end_char:
                claim.of_what = other.of_what
                break


def _subject(doc: Doc, start: int) -> str | None:
    """The noun phrase a quantity describes: the object of the verb its 'to/from' phrase hangs on,
    or the noun its 'of' phrase completes ('pledge of five per cent')."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span[0].i == 0:
        return None
    prep = doc[span[0].i - 1]
    if prep.lower_ in ("about", "around", "nearly", "almost", "some", "roughly") and prep.i > 0:
        prep = doc[prep.i - 1]
    if prep.lower_ not in ("to", "from", "at", "of", "by"):
        return None
    head = prep.head
    if prep.lower_ == "of" and head.pos_ == "NOUN":
        return _chunk_text(doc, head)
    if head.pos_ in ("VERB", "AUX"):
        obj = next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            obj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if obj is not None:
            return _chunk_text(doc, obj)
    return None


def _chunk_text(doc: Doc, head: Token) -> str:
    for chunk in doc.noun_chunks:
        if chunk.root.i == head.i:
            tokens = [t for t in chunk if t.dep_ != "det" or t.i != chunk.start]
            return doc.text[tokens[0].idx: chunk.end_char] if tokens else chunk.text
    return head.text


def _time_text(doc: Doc, end: int) -> str | None:
    """The date or time adverb that follows a claim in its clause: 'by 2035', 'currently'."""
    sentence = _sentence_at(doc, end - 1)
    if sentence is None:
        return None
    following = [t for t in sentence if t.idx >= end]
    for position, token in enumerate(following[:12]):
        if token.is_punct and token.text in (";", "(", ")"):
            return None
        if token.lower_ in TIME_ADVERBS:
            return token.text
        if token.ent_type_ == "DATE" and token.ent_iob_ == "B":
            ent = next(e for e in doc.ents if e.start == token.i)
            tokens = list(ent)
            if tokens and tokens[0].lower_ == "the":
                tokens = tokens[1:]
            previous = doc[ent.start - 1] if ent.start > 0 else None
            start = tokens[0].idx if tokens else ent.start_char
            if previous is not None and previous.lower_ in TIME_PREPOSITIONS:
                start = previous.idx
            return doc.text[start:ent.end_char]
        if CLAIM_PATTERN.match(token.text) and token.like_num and position > 0:
            return None
    return None


def _sentence_at(doc: Doc, char: int) -> Span | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return None if span is None else span[0].sent
