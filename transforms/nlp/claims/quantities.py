"""Reading one quantity from the text alone: a number (digits, words, fractions, vague amounts) with the
currency, sign, scale, unit, rate and comparator written around it.

No spaCy here: ``read_quantities`` sees characters only; ``build`` decides which quantities are claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.nlp.claims.lexicon import (
    AFTER_DURATION_WORDS,
    APPROXIMATE_COMPARATORS,
    COMPARATORS,
    CURRENCY_SYMBOLS,
    DENOMINATOR_WORDS,
    DIMENSION_WORDS,
    FRACTION_OF_ONE_WORDS,
    FRACTION_WORDS,
    HALF_OF_DETERMINERS,
    ISO_CURRENCIES,
    LABEL_WORDS,
    MAGNITUDES,
    METRE_EVENT_WORDS,
    MONEY_SUBUNITS,
    MONEY_WORDS,
    ONE_PERIOD_WORDS,
    ONE_UNIT_WORDS,
    RATE_SPELLINGS,
    SCALES,
    SMALL_NUMBERS,
    SPACED_SYMBOLS,
    TENS,
    UNICODE_FRACTIONS,
    UNIT_SYMBOLS,
    UNIT_WORDS,
    UP_PARTICLE_VERBS,
    VAGUE_AMOUNTS,
    VAGUE_SCALES,
    alternation,
)

# How far back a comparator, currency or change verb may sit before its number (characters).
LOOKBACK_CHARS = 40
# The longest label word ("Resolution") with the space or bracket before it and a space or two after.
LABEL_LOOKBACK_CHARS = 16
# A year and its dash ("2024-" of "2024-25") plus the character before it, which must not be a digit.
YEAR_SPAN_LOOKBACK_CHARS = 6
# Room for the word after "3m" ("people", "households") that tells millions from metres.
MILLION_NOUN_CHARS = 40
# A four-digit number in this span is read as a year, not an amount.
YEAR_RANGE = (1800, 2100)

_small = alternation(SMALL_NUMBERS)
_tens = alternation(TENS)
_magnitude = alternation(MAGNITUDES)
_word_number = rf"(?:{_tens}(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|{_small})"
# "and"/"&"/"," join words only after a magnitude ("one hundred and two", "three million, two hundred & forty").
_word_separator = r"(?:\s+|-|(?<=dred|sand|lion)(?:\s*,\s*|\s+and\s+|\s*&\s*))"
_fraction_numerator = r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)"

# "half the nation's output", "half their savings": a whole named without "of".
_whole_determiner = alternation(HALF_OF_DETERMINERS)
_one_of = alternation((*MAGNITUDES, *FRACTION_OF_ONE_WORDS))
# "for a year", "over a decade", "in less than a month": after these words "a" is one period, a duration;
# elsewhere "a year" is a rate ("$10bn a year") or a date ("a year ago").
A_PERIOD = re.compile(rf"\s{{1,4}}(?i:{alternation(ONE_PERIOD_WORDS)})\b")
DURATION_WORD_BEFORE = re.compile(rf"\b(?i:{alternation(AFTER_DURATION_WORDS)})\s$")

NUMBER_PATTERN = re.compile(
    rf"""
    (?P<digits>
        # After a letter only for a currency written in letters ("RM23.50", "AUD1.5m"; ``_read_quantity``).
        (?:(?<![\w.,/:^])|(?<=[A-Za-z]))(?<![A-Za-z]-)
        (?:
            \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?
          | \d{{1,3}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?![\d,.])
          | \d+(?:\.\d+)?(?:[eE][-+−]?\d+)?
          | \.\d+
        )
        (?P<power_of>[x×](?:10[-−]\d+|10\^[-−]?\d+|\d+\^[-−]?\d+))?
        (?P<fraction>[\s-]\d+/\d+(?![/\d])|/\d+(?![/\d]))?
        (?P<unicode_fraction>[{"".join(UNICODE_FRACTIONS)}])?
    )
  | (?P<lone_fraction>(?<![\w.]))[{"".join(UNICODE_FRACTIONS)}]
  | (?P<fraction_words>\b{_fraction_numerator}[\s-]+(?i:{alternation(FRACTION_WORDS)})\b)
  | (?P<half>\b(?<!the\s)(?<!first\s)(?<!second\s)(?i:half)
        (?=\s{{1,4}}(?:of|{_whole_determiner}|(?i:an?\s{{1,4}}(?:{_one_of})))\b)
        |(?<=\bby\s)(?i:half)\b)
  | (?P<vague>\b(?<!the\s)(?<!The\s)(?:(?i:a\s+dozen)|(?i:dozens|scores|hundreds|thousands|millions|billions|tens)
        (?=\s+of\b))(?:\s+of\s+(?:thousands|millions|billions)\b)?)
  | (?P<words>\b(?:(?i:an?)(?=\s+(?i:{_magnitude})\b)|(?i:{_word_number})\b)
        (?:{_word_separator}(?i:{_magnitude})\b(?:{_word_separator}(?i:{_word_number})\b)?)*)
  | (?P<a_unit>\b(?i:an?)(?=\s+(?i:{alternation((*ONE_UNIT_WORDS, *ONE_PERIOD_WORDS))})\b))
    """,
    re.VERBOSE,
)
# "of a" after a fraction of one thing or of a magnitude ("a quarter of a mile", "half a million").
FRACTION_OF_ONE = re.compile(rf"\s{{1,4}}(?:(?i:of)\s{{1,4}})?(?i:an?)\s{{1,4}}(?=(?i:{_one_of})\b)")
AND_A_HALF = re.compile(r"(?:\s{1,4}and\s{1,4}a\s{1,4}half|-and-a-half)\b", re.IGNORECASE)
PLUS_MINUS = re.compile(r"\s{0,4}(?:±|\+/-|\+-)\s{0,4}(\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?)")
# A capital "B" after a space, before a word, is billions ("8 B people").
SCALE_AFTER = re.compile(
    r"(?:\s{0,4}(thousand|million|billion|trillion|lakhs?|crores?)\b|\s?(bn|bln|mn|mln|tn|trn)\b|(k)(?![A-Za-z])"
    r"|[ ](?-i:(B))(?=[ ](?-i:[a-z])))",
    re.IGNORECASE,
)
# One-letter scales are read only straight after a currency ("$5m", "€10B", "$2.174T"): alone, "5m" is metres.
CURRENCY_SCALE_AFTER = re.compile(r"(bn|tn|[mMbBtT])(?![A-Za-z])")
# A currency before its amount: a symbol or code ("A$", "HK$", "USD"), or a name with its country ("Australian
# dollars 648m"; a bare "pounds 5" may be a weight).
NAMED_CURRENCIES = [word for word in MONEY_WORDS if " " in word]
# A conversion in brackets right after an amount ("3m euros (£2.1m; $4.1m)").
BRACKETED_AFTER = re.compile(r"[ \t]{0,8}\([^()\n]{1,40}\)")
NAMED_CURRENCY_AFTER = re.compile(rf"\s{{1,3}}(?i:{alternation(NAMED_CURRENCIES)})(?![A-Za-z])")
CURRENCY_BEFORE = re.compile(
    rf"(?:^|(?<=[^\w$]))(?:(?P<symbol>{alternation(CURRENCY_SYMBOLS)}|{alternation(ISO_CURRENCIES)})"
    rf"|(?P<named>(?i:{alternation(NAMED_CURRENCIES)}))(?=\s))"
    r"\s?(?P<sign>[-−])?$"
)
# A currency after its amount: "15€", an ISO code ("500 USD"); "$" or "£" straight after the digits ("80$").
CURRENCY_AFTER = re.compile(rf"\s?(?:(€)|({alternation(ISO_CURRENCIES)})\b)|(?<=\d)([$£])(?![\d$£])")
# "in" is inches only at the end of a phrase or before a dimension ("2 1/2 in thick"), never "two in my car".
INCH_FOLLOWERS = re.compile(
    rf"\s{{0,4}}(?:$|[.,;:!?)\]]|(?:{alternation((*DIMENSION_WORDS, 'across', 'diameter', 'in diameter'))})\b)"
)
UNIT_TERM = re.compile(
    rf"""
    (?P<power_before>(?i:square|sq\.?|cubic|cu\.?)[\s-]+)?
    (?:
        (?P<money_word>(?i:{alternation(MONEY_WORDS)}))(?![A-Za-z]|-(?i:feet|foot))  # not "pound-feet"
      | (?P<subunit>(?i:{alternation(MONEY_SUBUNITS)}))(?![A-Za-z])
      | (?P<word>(?i:{alternation(UNIT_WORDS)}))(?![A-Za-z])
      | (?P<symbol>{alternation(UNIT_SYMBOLS)})(?![A-Za-z])
    )
    (?P<power_after>\^?[23](?!\d|[.,]\d)|[²³]|[-−]1(?!\d)|⁻¹|\s+squared\b|\s+cubed\b)?
    """,
    re.VERBOSE,
)
# "second" as in "second-hand", never a time after a number.
SECOND_HAND_AFTER = re.compile(r"[ -](?i:hand)\b")
UNIT_GAP = re.compile(r"-|[ \u00a0\u202f\u2009]?")
# A verb of weight just before an amount in pounds: the weight, not money ("weighed nearly 30,000 pounds").
WEIGHED_BEFORE = re.compile(r"\b(?i:weigh(?:s|ed|ing)?)\s+(?:[a-z]+\s+){0,2}$")
OF_GAP = re.compile(r"\s{1,4}of\s{1,4}", re.IGNORECASE)
# "40 euro cents": the cents of the currency named before.
CENTS_AFTER_CURRENCY = re.compile(r"\s{1,4}cents?\b", re.IGNORECASE)
# "Another 1,700 will go", "another 550m": more of what an amount before in the text measured.
ANOTHER_BEFORE = re.compile(r"\b(?i:another|a\s+further)\s+$")
RATE_SEPARATOR = re.compile(r"\s{0,4}/\s{0,4}|\s{1,4}per\s{1,4}|\s{1,4}an?\s{1,4}", re.IGNORECASE)
DENOMINATOR = re.compile(rf"(?i:{alternation(DENOMINATOR_WORDS)})\b")
COMPARATOR_BEFORE = re.compile(rf"(?:^|\W)(?P<word>(?i:{alternation(COMPARATORS)}))\s+$")
# "went up to 5.5%", "edged up to $5": "up" is the verb's, and "to" the new level's, not "up to" (at most).
UP_PARTICLE_VERB_BEFORE = re.compile(rf"\b(?i:{alternation(UP_PARTICLE_VERBS)})[ \t]{{1,4}}$")
LABEL_BEFORE = re.compile(rf"(?:^|\s|\(){alternation(LABEL_WORDS)}\s*$")
YEAR_SPAN_BEFORE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d[-–/]$")
MINUS_BEFORE = re.compile(r"(?:^|\W)(?P<word>(?i:minus))\s+$")
CLOCK_AFTER = re.compile(r"\s?(?:[ap]\.m\.|[AaPp][Mm]\b)")
WIRE_CLOCK_AFTER = re.compile(r"\s?(?:hrs|GMT|BST|EST|EDT)\b")
WIRE_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[.:]?[0-5]\d")
ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")


@dataclass
class Quantity:
    """A number as read from the text, with what is written around it; offsets are into that text."""

    start: int  # surface start: comparator, currency or sign included
    end: int  # surface end: unit included
    number_start: int
    number_end: int
    value: float
    low: float | None = None
    high: float | None = None
    scale: float | None = None
    currency: str | None = None
    unit: str | None = None
    kind: str | None = None  # None until a unit (or a counted noun) says what it measures
    comparator: str | None = None
    approximate: bool = False
    vague: bool = False
    fraction: bool = False  # a share ("two thirds"): a claim only "of" something
    needs_unit: bool = False  # "10 000": a space-grouped number is a number only before a unit


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order; a number inside the unit of the one before is skipped."""
    quantities: list[Quantity] = []
    consumed = 0
    for match in NUMBER_PATTERN.finditer(text):
        if match.start() < consumed:
            continue  # inside the unit of the previous quantity ("$3 a gallon")
        quantity = _read_quantity(text, match)
        if quantity is not None:
            if quantities and _metres_after_millions(text, quantities[-1], quantity):
                # 'fell 1m barrels to 294.3m': the writer's "m" is millions throughout the sentence
                quantity.kind = quantity.unit = None
                quantity.scale, quantity.value = 1e6, quantity.value * 1e6
            quantities.append(quantity)
            consumed = quantity.end
    return quantities


def _read_quantity(text: str, match: re.Match) -> Quantity | None:
    number_start, end = match.start(), match.end()
    parsed = _number_value(match)
    if parsed is None:
        return None
    value, vague, approximate, word_scale = parsed
    if (
        match.group("a_unit")
        and A_PERIOD.match(text, end)
        and not DURATION_WORD_BEFORE.search(text_before(text, number_start))
    ):
        return None  # "$10bn a year", "a year ago": a rate or a date, not one period
    if match.group("digits") is not None and _is_label_or_time(text, number_start, end):
        return None
    if match.group("words") is not None and _is_label(text, number_start):
        return None  # "number one singles", "Phase two"
    quantity = Quantity(
        start=number_start,
        end=end,
        number_start=number_start,
        number_end=end,
        value=value,
        vague=vague,
        approximate=approximate,
        scale=word_scale,
        fraction=bool(match.group("fraction_words") or match.group("half")),
        needs_unit=bool(re.search(r"\d[\u00a0\u202f\u2009 ]\d", match.group())),
    )
    if vague:
        quantity.low = value
    if quantity.fraction and (one := FRACTION_OF_ONE.match(text, end)) is not None:
        # "half a million people", "a quarter of a mile": that much of one, read on as a number
        quantity.fraction = False
        end = quantity.number_end = one.end()
    if (match.group("words") or match.group("digits")) and (half := AND_A_HALF.match(text, end)):
        quantity.value += 0.5
        end = quantity.end = quantity.number_end = half.end()

    currency = CURRENCY_BEFORE.search(text_before(text, number_start))
    if currency is None and text[number_start - 1 : number_start].isalpha():
        return None  # "COVID19", "MP3": letters glued to a number that are no currency
    if currency is not None:
        if (named := currency.group("named")) is not None:
            quantity.currency = MONEY_WORDS[" ".join(named.lower().split())]
        else:
            quantity.currency = CURRENCY_SYMBOLS.get(currency.group("symbol"), currency.group("symbol"))
        quantity.start = number_start - len(currency.group())
        if currency.group("sign"):
            quantity.value = -quantity.value
    elif text[number_start - 1 : number_start] in ("-", "−") and (
        number_start == 1 or text[number_start - 2].isspace() or text[number_start - 2] == "("
    ):
        quantity.value, quantity.start = -quantity.value, number_start - 1  # "-18 °C", not the "4" of "3-4%"
    elif (minus := word_before(MINUS_BEFORE, text, number_start)) is not None:
        quantity.value, quantity.start = -quantity.value, minus[1]

    if (uncertainty := PLUS_MINUS.match(text, end)) is not None:
        spread = float(uncertainty.group(1).replace("−", "-"))
        quantity.low, quantity.high = quantity.value - spread, quantity.value + spread
        end = uncertainty.end()
    end = _read_scale(text, end, quantity)
    if quantity.currency is None and (after := CURRENCY_AFTER.match(text, end)) is not None:
        symbol = after.group(1) or after.group(2) or after.group(3)
        quantity.currency = CURRENCY_SYMBOLS.get(symbol, symbol)
        end = after.end()
    quantity.end = end
    if quantity.currency is not None:
        quantity.kind, quantity.unit = "money", quantity.currency
    _read_unit(text, quantity)
    if quantity.kind is not None and quantity.currency is not None and quantity.kind != "money":
        return None  # "$5 km": not a quantity we can read
    if quantity.needs_unit and quantity.kind is None:
        return None

    comparator = word_before(COMPARATOR_BEFORE, text, quantity.start)
    if (
        comparator is not None
        and comparator[0] == "up to"
        and UP_PARTICLE_VERB_BEFORE.search(text_before(text, comparator[1]))
    ):
        comparator = None
    if comparator is not None:
        quantity.comparator = COMPARATORS[comparator[0]]
        quantity.approximate = quantity.approximate or quantity.comparator in APPROXIMATE_COMPARATORS
        quantity.start = comparator[1]
    return quantity


def past_brackets(text: str, end: int) -> int:
    """Past a conversion in brackets right after the amount ("3m euros (£2.1m; $4.1m) of aid")."""
    match = BRACKETED_AFTER.match(text, end)
    return match.end() if match is not None else end


def text_before(text: str, position: int) -> str:
    """The text just before ``position`` where a currency, comparator or change verb may sit."""
    return text[max(0, position - LOOKBACK_CHARS) : position]


def word_before(pattern: re.Pattern, text: str, position: int) -> tuple[str, int] | None:
    """The word ``pattern`` finds just before ``position`` (lower-cased, spaces folded) and where it starts."""
    offset = max(0, position - LOOKBACK_CHARS)
    match = pattern.search(text[offset:position])
    if match is None:
        return None
    return re.sub(r"\s+", " ", match.group("word").lower()), offset + match.start("word")


def _number_value(match: re.Match) -> tuple[float, bool, bool, float | None] | None:
    """(value, vague, approximate, scale from a magnitude word) of a NUMBER_PATTERN match."""
    text = match.group()
    if match.group("digits") is not None:
        core = match.group("digits")
        for part in (match.group("unicode_fraction"), match.group("fraction"), match.group("power_of")):
            if part:
                core = core[: core.rindex(part)]
        value = _digits_value(core)
        if value is None:
            return None
        if power := match.group("power_of"):
            power = power[1:].replace("−", "-")  # "2^10", "10-5", "10^-5" after the "x"
            base, exponent = power.split("^") if "^" in power else ("10", power[2:])
            value *= float(base) ** float(exponent)
        if fraction := match.group("fraction"):
            # "2 1/4" and, in wire copy's prices, "55-7/8" are mixed numbers; "/4" after digits divides them.
            numerator, denominator = (
                fraction[1:].split("/") if fraction.startswith((" ", "-")) else (None, fraction[1:])
            )
            if numerator is None:  # "1/4": the digits were the numerator
                if float(denominator) == 0:
                    return None
                value = value / float(denominator)
            else:
                if float(denominator) == 0:
                    return None
                value += float(numerator) / float(denominator)
        if symbol := match.group("unicode_fraction"):
            value += UNICODE_FRACTIONS[symbol]
        return value, False, False, None
    if match.group("lone_fraction") is not None:
        return UNICODE_FRACTIONS[text], False, False, None
    lowered = re.sub(r"[\s-]+", " ", text.lower())
    if match.group("fraction_words") is not None:
        numerator, denominator = lowered.rsplit(" ", 1)
        count = 1 if numerator in ("a", "an") else SMALL_NUMBERS[numerator]
        return count / FRACTION_WORDS[denominator], False, False, None
    if match.group("half") is not None:
        return 0.5, False, False, None
    if match.group("vague") is not None:
        head, _, scale_word = lowered.partition(" of ")
        amount, approximate = VAGUE_AMOUNTS[head]
        scale = VAGUE_SCALES.get(scale_word)
        return float(amount) * (scale or 1), True, approximate, scale
    if match.group("a_unit") is not None:
        return 1.0, False, False, None
    return _words_value(lowered)


def _digits_value(text: str) -> float | None:
    try:
        return float(re.sub(r"[,\u00a0\u202f\u2009 ]", "", text).replace("−", "-"))
    except ValueError:
        return None


def _words_value(text: str) -> tuple[float, bool, bool, float | None] | None:
    """'one hundred and two' → 102; 'three million, two hundred & forty' → 3000240; 'five billion' → 5e9."""
    words = [w for w in re.split(r"[\s,&-]+", text) if w and w != "and"]
    total, current, last_magnitude = 0.0, 0.0, None
    for word in words:
        if word in ("a", "an"):
            current = 1.0
        elif word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in MAGNITUDES:
            total += (current or 1) * MAGNITUDES[word]
            current = 0.0
        else:
            return None
        last_magnitude = MAGNITUDES.get(word) if word in MAGNITUDES and MAGNITUDES[word] >= 1e3 else None
    return total + current, False, False, last_magnitude


def _is_label(text: str, start: int) -> bool:
    return LABEL_BEFORE.search(text[max(0, start - LABEL_LOOKBACK_CHARS) : start]) is not None


def _is_label_or_time(text: str, start: int, end: int) -> bool:
    """'Article 5', '21st', '10:30', '2pm': numbers that are not quantities."""
    if ORDINAL_AFTER.match(text, end):
        return True
    if text[end : end + 1] == ":" and text[end + 1 : end + 2].isdigit():
        return True
    if _is_label(text, start):
        return True
    if YEAR_SPAN_BEFORE.search(text[max(0, start - YEAR_SPAN_LOOKBACK_CHARS) : start]):
        return True  # the "25" of "2024-25"
    clock = CLOCK_AFTER.match(text, end)
    if clock is not None and _looks_like_clock(text[start:end]):
        return True
    # "at 15.00 hrs local time", "1500 GMT": a wire's 24-hour clock
    return WIRE_CLOCK_AFTER.match(text, end) is not None and WIRE_CLOCK.fullmatch(text[start:end]) is not None


def _looks_like_clock(number: str) -> bool:
    """'2', '11', '2.17' (hours and two-digit minutes) before am/pm are times; '2.1 pm' is picometres."""
    hours, _, minutes = number.partition(".")
    return hours.isdigit() and 0 < int(hours) <= 12 and (not minutes or (len(minutes) == 2 and int(minutes) < 60))


def _read_scale(text: str, end: int, quantity: Quantity) -> int:
    if quantity.scale is not None or quantity.fraction:
        return end
    match = CURRENCY_SCALE_AFTER.match(text, end) if quantity.currency is not None else None
    if match is None:
        match = SCALE_AFTER.match(text, end)
    if match is None:
        return end
    scale_word = next(g for g in match.groups() if g).lower()
    scale = SCALES[scale_word]
    quantity.scale = scale
    quantity.value *= scale
    if quantity.low is not None:
        quantity.low *= scale
        quantity.high = quantity.high * scale if quantity.high is not None else None
    return match.end()


def _read_unit(text: str, quantity: Quantity) -> None:
    """The unit after the number (and scale): 'km', 'per cent of', '$15.4/hour', 'miles an hour'."""
    end = quantity.end
    if quantity.kind == "money":
        rate_end, rate = _read_rate(text, end, "money")
        if rate:
            assert quantity.unit is not None  # money's unit is its currency: _read_quantity sets both
            quantity.unit, quantity.end = _rate_unit(quantity.unit, rate), rate_end
        return
    if quantity.vague and (of := OF_GAP.match(text, end)):
        position = of.end()  # "thousands of tonnes"
    else:
        unit_gap = UNIT_GAP.match(text, end)
        assert unit_gap is not None  # UNIT_GAP matches the empty string, so it matches anywhere
        position = unit_gap.end()
    term = _unit_term(text, position, quantity, gap=position > end)
    if term is None:
        return
    unit, kind, currency, term_end = term
    if kind == "duration" and is_year(text, quantity) and text[position:term_end].lower() == "year":
        return  # 'for the 2005 year': a year named, not 2005 years
    if text[position:term_end] == "m" and quantity.kind is None and _million_not_metres(text, term_end):
        quantity.scale, quantity.value = 1e6, quantity.value * 1e6
        quantity.end = term_end
        _read_unit(text, quantity)  # "1m barrels", "5m tonnes": millions of a unit; "3m people" counts
        return
    if unit == "times" and not RATE_SEPARATOR.match(text, term_end):
        # 'lifted rates five times last year': a count of occasions (a multiple, 'three times as big', is
        # multiples.py's)
        quantity.unit, quantity.kind, quantity.end = "times", "count", term_end
        return
    if kind not in ("percent", "percentage_points"):  # "3% a year" is a percent and a time
        rate_end, rate = _read_rate(text, term_end, kind)
        if rate:
            unit, term_end = _rate_unit(unit, rate), rate_end
    quantity.unit, quantity.kind, quantity.currency, quantity.end = unit, kind, currency, term_end


def _unit_term(text: str, position: int, quantity: Quantity | None, *, gap: bool) -> tuple | None:
    """(unit, kind, currency, end) of one unit term at ``position``, or None."""
    match = UNIT_TERM.match(text, position)
    if match is None:
        return None
    end = match.end()
    currency = None
    written = match.group("money_word") or match.group("subunit") or match.group("word")
    in_millions = quantity is not None and quantity.scale is not None and bool(match.group("money_word"))
    if gap and written and written.isalpha() and written[0].isupper() and written[1:].islower() and not in_millions:
        # '50 Cent', 'Three Mile Island': a unit word capitalised after its number is part of a name (not a
        # currency named with its country: 'Danish kroner'; nor after millions: '5.45m Euros').
        return None
    if match.group("money_word"):
        word = re.sub(r"\s+", " ", match.group("money_word").lower())
        code = MONEY_WORDS[word]
        if word in ("pound", "pounds") and (
            OF_GAP.match(text, end)
            or (quantity is not None and WEIGHED_BEFORE.search(text_before(text, quantity.start)))
        ):
            unit, kind = "lb", "measure"  # "25 pounds of flour", "it weighs nearly 19,000 pounds"
        elif word == "mark" and (quantity is None or quantity.scale is None):
            return None  # "the 1,000 mark"
        else:
            unit, kind, currency = code, "money", code
            if cents := CENTS_AFTER_CURRENCY.match(text, end):
                unit, end = "cent", cents.end()  # '40 euro cents': the currency's cents
    elif match.group("subunit"):
        if gap and match.group("subunit") == "p":
            return None  # "5 p" is no penny; "18p" is
        unit, currency = MONEY_SUBUNITS[match.group("subunit").lower()]
        kind = "money"
    elif match.group("word"):
        unit, kind = UNIT_WORDS[re.sub(r"\s+", " ", match.group("word").lower())]
        if unit == "second" and SECOND_HAND_AFTER.match(text, end):
            return None  # 'forty second-hand vans': used ones, counted, not a time
    else:
        symbol = match.group("symbol")
        unit, kind = UNIT_SYMBOLS[symbol]
        if symbol in SPACED_SYMBOLS and not gap and not match.group("power_after"):
            return None
        if symbol == "in" and not INCH_FOLLOWERS.match(text, match.end("symbol")):
            return None
        if (
            symbol in ("pm", "am")
            and quantity is not None
            and _looks_like_clock(text[quantity.number_start : quantity.number_end])
        ):
            return None
    power = _power(match.group("power_before"), match.group("power_after"))
    if power:
        if kind not in ("measure", "duration") or "/" in unit:
            return None
        unit, kind = f"{unit}{power}", "measure"
    return unit, kind, currency, end


def _power(before: str | None, after: str | None) -> str:
    if before:
        return "3" if before.lower().startswith("cu") else "2"
    if not after:
        return ""
    after = after.strip().lower()
    if after in ("²", "squared") or after.endswith("2"):
        return "2"
    if after in ("³", "cubed") or after.endswith("3"):
        return "3"
    return "-1"


def _read_rate(text: str, end: int, kind: str) -> tuple[int, str | None]:
    """'/hour', ' per kg', ' an hour' after a unit: the denominator ('hour', 'kg'), possibly nested."""
    parts = []
    while (separator := RATE_SEPARATOR.match(text, end)) is not None:
        by_article = separator.group().strip().lower() in ("a", "an")
        term = _unit_term(text, separator.end(), None, gap=True)
        if term is not None:
            denominator, denominator_kind, _, term_end = term
            if denominator_kind in ("money", "percent", "percentage_points") or denominator == "times":
                break
        elif (word := DENOMINATOR.match(text, separator.end())) is not None:
            denominator, denominator_kind, term_end = DENOMINATOR_WORDS[word.group().lower()], "count", word.end()
        else:
            break
        # "£40 million a year" is money and a time; "$15 an hour", "miles an hour" are rates.
        if by_article and kind == "money" and denominator in ("year", "month", "week", "day", "fortnight", "decade"):
            break
        if by_article and kind not in ("money", "measure", "count"):
            break
        parts.append(denominator)
        end = term_end
    return end, "/".join(parts) or None


def _rate_unit(unit: str, denominator: str) -> str:
    return RATE_SPELLINGS.get(f"{unit}/{denominator}", f"{unit}/{denominator}")


# Plural nouns a count in millions is often of, that do not end in -s ('3m people').
PLURALS_WITHOUT_S = frozenset("people men women children police staff cattle sheep personnel".split())


def _metres_after_millions(text: str, before: Quantity, quantity: Quantity) -> bool:
    """'…1m barrels to 294.3m': an amount glued to "m" with no word after, in the sentence of an amount in
    millions written the same way; or with "another" before it, of money in millions or more ('1bn euros
    immediately, with another 550m to follow')."""
    glued_m = quantity.unit == "m" and text[quantity.number_end : quantity.end] == "m"
    if not glued_m or re.search(r"[.!?]\s", text[before.end : quantity.start]):
        return False
    if (
        before.kind == "money"
        and (before.scale or 0) >= 1e6
        and ANOTHER_BEFORE.search(text_before(text, quantity.start))
    ):
        return True
    in_millions = before.scale == 1e6 and text[before.number_end : before.number_end + 1] == "m"
    return in_millions and re.match(r"\s*(?:[.,;:!?)]|$)", text[quantity.end : quantity.end + 3]) is not None


def _million_not_metres(text: str, end: int) -> bool:
    """'3m people', '133m text messages' (millions) against '200m finals', '200m freestyle heats', '5m tall',
    '200m of track' (metres)."""
    following = re.match(
        r"\s{1,4}([a-z][a-z-]{2,}|[A-Z][a-z]{2,})\b(?:[ \t]{1,3}([a-z][a-z-]{2,})\b)?",
        text[end : end + MILLION_NOUN_CHARS],
    )
    if following is None or following.group(1) in METRE_EVENT_WORDS:
        return False
    word, next_word = following.groups()
    if word[0].isupper():
        # '5.45m Euros', '745m Indian rupees'; a capitalised word is otherwise a name's
        return word.lower() in MONEY_WORDS or NAMED_CURRENCY_AFTER.match(text, end) is not None
    if _is_plural(word) or word in MONEY_WORDS:  # '798m euro'
        return True
    if word in DIMENSION_WORDS:
        return False  # '2m high walls': how high

    # one word describing the things counted ('133m text messages', '3m new jobs'), not an event's
    return next_word is not None and _is_plural(next_word) and next_word not in METRE_EVENT_WORDS


def _is_plural(word: str) -> bool:
    return word.endswith("s") or word in PLURALS_WITHOUT_S


def is_year(text: str, quantity: Quantity) -> bool:
    return is_year_number(text[quantity.number_start : quantity.number_end])


def is_year_number(number: str) -> bool:
    """Four digits in the years a news story names ("1986", not "1,986" or "986")."""
    return number.isdigit() and len(number) == 4 and YEAR_RANGE[0] <= int(number) <= YEAR_RANGE[1]
