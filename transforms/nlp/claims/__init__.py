"""Numeric claims: numbers with a unit and what they measure, not years or names.

A number becomes a claim only when it measures something: a percent, money, a duration, a physical
measure, a count of things, or a fraction *of* something.  Years, dates, clock times, ordinals,
label numbers ("Article 5") and numbers inside names ("World War Two", "COVID-19") are context, not
claims; a date next to a claim becomes its ``time_text``.

What a claim row means:

* ``value`` is the number in ``unit`` with any scale word applied: "$3bn" → 3e9 USD, "0.5k miles"
  → 500 mile, "50 basis points" → 0.5 percentage points.
* A range ("3-4%", "between 10 and 20 projects", "8- to 16-metre", "-78-0 °C") has ``value_low``
  and ``value_high``, and ``value`` is their midpoint.  "12 ± 0.5 km" gives bounds around 12.  A vague
  plural ("dozens", "hundreds of") is a floor: ``value`` = ``value_low`` = 24, ``approximate``.
* A fall stated as a change of a percent ("fell 3%", "down 2.5 percentage points") is negative:
  value -3.  A level reached ("fell to 3%") stays positive; money, counts and measures keep the sign
  they are written with ("-15€", "minus 5 degrees Celsius").
* "rose from A to B" (a change verb before "from") is two claims, the old and the new value; without
  a change verb, "from A to B", "A to B" and "between A and B" are one range.
* Units: an ISO 4217 code for money ("USD"; sub-units as "cent", "penny", "dime"); the SI symbol
  where one is usual ("km", "kg", "GW", "°C", "MB"); else the singular English name ("mile",
  "tonne", "year", "gallon").  "a/b" for rates ("USD/hour", "km/h", "barrel/day", "times/week"); a
  power as a suffix ("km2", "s2", "s-1").  A count's unit is the noun it counts ("fighter jets").
* ``quantity_kind``: percent, percentage_points, money, duration, measure, count (a counted noun, or
  a frequency "four times a week"), number (a fraction of something: "two thirds of the cake").

Everything here is a regular expression over the text plus a look at spaCy's tokens: no model of its
own.  With the analysis pipeline's annotations, entities drop names and mark dates, the tags find the
counted noun and the parse gives ``of_what``'s phrase and the subject.  A doc from the tokenizer alone
(plus a rule sentencizer, ``flows.nlp.load_claims_pipeline``: over 10× cheaper than the full model)
gets the same numbers, units and kinds, with word lists in place of the model: capitalised words
around a number make it part of a name, a plural-looking word is what is counted, a date-shaped
phrase is the time, function words end a phrase.  Only the subject loses much: without the parse it is
found after a change verb ("raise Japan's defence spending to 2%") or before "of", not elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from transforms.nlp.doc_cache import doc_ents, doc_noun_chunks, doc_text, doc_tokens


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


@dataclass(frozen=True)
class _Annotations:
    """Which of spaCy's annotations the doc carries; each missing one has a word-list stand-in."""

    names: bool  # entity types: names and dates
    tags: bool  # part-of-speech tags: the counted noun
    parse: bool  # dependencies: noun chunks and heads
    sentences: bool

    @classmethod
    def of(cls, doc: Doc) -> "_Annotations":
        parse = doc.has_annotation("DEP")
        return cls(doc.has_annotation("ENT_IOB"), doc.has_annotation("TAG"), parse,
                   parse or doc.has_annotation("SENT_START"))


def extract_claims(doc: Doc) -> list[Claim]:
    """Numeric claims of one article, in text order."""
    text = doc_text(doc)
    annotations = _Annotations.of(doc)
    quantities: list[_Quantity] = []
    consumed = 0
    for match in NUMBER_PATTERN.finditer(text):
        if match.start() < consumed:
            continue  # inside the unit of the previous quantity ("$3 a gallon")
        quantity = _read_quantity(text, match)
        if quantity is not None:
            quantities.append(quantity)
            consumed = quantity.end
    claims = []
    for quantity in _join_ranges_and_lists(text, quantities):
        claim = _claim(doc, quantity, annotations)
        if claim is not None:
            claims.append(claim)
    _inherit_of_what(doc, claims, annotations)
    _link_changes(doc, claims, annotations)
    return claims


# --- words and units --------------------------------------------------------------------------------------

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MAGNITUDES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Denominators of spelled fractions ("two thirds", "one-half").
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                  "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                  "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10}
UNICODE_FRACTIONS = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
                     "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8,
                     "⅞": 7 / 8}
# Vague amounts: (lower bound, whether the word is plural-vague and so approximate).
VAGUE_AMOUNTS = {
    "a dozen": (12, False), "dozens": (24, True), "scores": (40, True), "hundreds": (200, True),
    "thousands": (2000, True), "millions": (2e6, True), "billions": (2e9, True), "tens": (20, True),
}
# "tens of thousands", "hundreds of millions": the vague word counts the scale.
VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
SCALES = {"thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
          "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12,
          "tn": 1e12, "trn": 1e12, "t": 1e12}

CURRENCY_SYMBOLS = {"US$": "USD", "U.S.$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
                    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "$": "USD", "£": "GBP", "€": "EUR",
                    "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "Rs.": "INR", "Rs": "INR"}
ISO_CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "CHF", "INR", "AUD", "CAD", "HKD", "SGD", "KRW", "RUB",
                  "BRL", "ZAR", "SEK", "NOK", "DKK", "MXN", "TRY", "NZD")
CURRENCY_WORDS = {
    "USD": ("dollars", "dollar", "dlrs", "dlr", "us dollars", "u.s. dollars", "usd"),
    "EUR": ("euros", "euro"), "GBP": ("pounds sterling", "sterling", "stg", "pounds", "pound"),
    "JPY": ("yen",), "CNY": ("yuan", "renminbi"), "INR": ("rupees", "rupee"), "CHF": ("swiss francs", "francs"),
    "AUD": ("australian dollars",), "CAD": ("canadian dollars",), "HKD": ("hong kong dollars",),
    "DEM": ("marks", "mark"), "RUB": ("roubles", "rubles"), "ZAR": ("rand",), "TRY": ("lira",),
    "NGN": ("naira",), "SAR": ("riyals",), "AED": ("dirhams",), "THB": ("baht",), "MYR": ("ringgit",),
    "PLN": ("zloty", "zlotys"), "SEK": ("kronor", "krona"),
}
# Sub-units of money: (unit, currency when it is certain).
MONEY_SUBUNITS = {"cents": ("cent", None), "cent": ("cent", None), "cts": ("cent", None),
                  "pence": ("penny", "GBP"), "penny": ("penny", "GBP"), "pennies": ("penny", "GBP"),
                  "dimes": ("dime", "USD"), "dime": ("dime", "USD")}

# (our unit, kind, words (matched in any case), symbols (matched as written)).
UNIT_TABLE: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("percent", "percent", ("per cent", "percent", "per-cent", "pct"), ("%",)),
    ("percentage_points", "percentage_points", ("percentage points", "percentage point", "pct points",
                                                "pct point", "percent points"), ("pp",)),
    ("basis_point", "percentage_points", ("basis points", "basis point"), ("bps", "bp")),
    # time
    ("second", "duration", ("seconds", "second", "secs", "sec"), ("s",)),
    ("minute", "duration", ("minutes", "minute", "mins"), ("min",)),
    ("hour", "duration", ("hours", "hour", "hrs", "hr"), ("h",)),
    ("day", "duration", ("days", "day"), ()),
    ("week", "duration", ("weeks", "week", "wks"), ()),
    ("fortnight", "duration", ("fortnights", "fortnight"), ()),
    ("month", "duration", ("months", "month"), ()),
    ("year", "duration", ("years", "year", "yrs", "annum"), ()),
    ("decade", "duration", ("decades", "decade"), ()),
    ("century", "duration", ("centuries", "century"), ()),
    ("Ma", "duration", ("megaannum", "megaanna", "megayears", "megayear"), ("Ma", "Myr")),
    ("Ga", "duration", ("gigaannum", "gigaanna", "gigayears", "gigayear"), ("Ga", "Gyr")),
    # length
    ("nm", "measure", ("nanometres", "nanometre", "nanometers", "nanometer"), ("nm",)),
    ("pm", "measure", ("picometres", "picometre", "picometers", "picometer"), ("pm",)),
    ("am", "measure", ("attometres", "attometre", "attometers", "attometer"), ("am",)),
    ("µm", "measure", ("micrometres", "micrometre", "micrometers", "micrometer", "microns", "micron"), ("µm", "μm")),
    ("mm", "measure", ("millimetres", "millimetre", "millimeters", "millimeter"), ("mm",)),
    ("cm", "measure", ("centimetres", "centimetre", "centimeters", "centimeter"), ("cm",)),
    ("m", "measure", ("metres", "metre", "meters", "meter"), ("m",)),
    ("km", "measure", ("kilometres", "kilometre", "kilometers", "kilometer"), ("km",)),
    ("inch", "measure", ("inches", "inch"), ("in",)),
    ("foot", "measure", ("feet", "foot"), ("ft",)),
    ("yard", "measure", ("yards", "yard"), ("yd",)),
    ("nautical mile", "measure", ("nautical miles", "nautical mile"), ("nmi",)),
    ("mile", "measure", ("miles", "mile"), ("mi",)),
    ("hectare", "measure", ("hectares", "hectare"), ("ha",)),
    ("acre", "measure", ("acres", "acre"), ()),
    # mass
    ("mg", "measure", ("milligrams", "milligram", "milligrammes", "milligramme"), ("mg",)),
    ("g", "measure", ("grams", "gram", "grammes", "gramme"), ("g",)),
    ("kg", "measure", ("kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo"), ("kg",)),
    ("tonne", "measure", ("metric tons", "metric ton", "tonnes", "tonne", "tons", "ton"), ("t",)),
    ("lb", "measure", (), ("lbs", "lb")),
    ("ounce", "measure", ("troy ounces", "ounces", "ounce"), ("oz",)),
    # volume
    ("ml", "measure", ("millilitres", "millilitre", "milliliters", "milliliter"), ("ml", "mL")),
    ("cl", "measure", ("centilitres", "centilitre", "centiliters", "centiliter"), ("cl", "cL")),
    ("litre", "measure", ("litres", "litre", "liters", "liter"), ("L",)),
    ("gallon", "measure", ("gallons", "gallon"), ("gal",)),
    ("barrel", "measure", ("barrels", "barrel"), ("bbl",)),
    ("cup", "measure", ("cups", "cup"), ()),
    ("tablespoon", "measure", ("tablespoons", "tablespoon"), ("tbsp",)),
    ("teaspoon", "measure", ("teaspoons", "teaspoon"), ("tsp",)),
    # temperature, angle
    ("°C", "measure", ("degrees celsius", "degree celsius", "degrees centigrade", "degrees c"),
     ("°C", "° C", "ºC")),
    ("°F", "measure", ("degrees fahrenheit", "degree fahrenheit", "degrees f"), ("°F", "° F", "ºF")),
    ("K", "measure", ("kelvins", "kelvin"), ()),
    ("degree", "measure", ("degrees", "degree"), ("°",)),
    # speed, rates written as one word
    ("mile/hour", "measure", ("miles per hour", "miles an hour"), ("mph",)),
    ("km/h", "measure", (), ("km/h", "kph", "kmh")),
    ("knot", "measure", ("knots", "knot"), ("kn",)),
    ("barrel/day", "measure", (), ("bpd", "b/d")),
    ("tonne/day", "measure", (), ("tpd",)),
    # energy, power
    ("W", "measure", ("watts", "watt"), ("W",)),
    ("kW", "measure", ("kilowatts", "kilowatt"), ("kW",)),
    ("MW", "measure", ("megawatts", "megawatt"), ("MW",)),
    ("GW", "measure", ("gigawatts", "gigawatt"), ("GW",)),
    ("TW", "measure", ("terawatts", "terawatt"), ("TW",)),
    ("Wh", "measure", ("watt hours", "watt-hours", "watt hour"), ("Wh",)),
    ("kWh", "measure", ("kilowatt hours", "kilowatt-hours", "kilowatt hour"), ("kWh",)),
    ("MWh", "measure", ("megawatt hours", "megawatt-hours", "megawatt hour"), ("MWh",)),
    ("GWh", "measure", ("gigawatt hours", "gigawatt-hours", "gigawatt hour"), ("GWh",)),
    ("TWh", "measure", ("terawatt hours", "terawatt-hours", "terawatt hour"), ("TWh",)),
    ("eV", "measure", ("electronvolts", "electronvolt", "electron volts"), ("eV",)),
    ("keV", "measure", (), ("keV",)), ("MeV", "measure", (), ("MeV",)), ("GeV", "measure", (), ("GeV",)),
    ("TeV", "measure", (), ("TeV",)),
    ("J", "measure", ("joules", "joule"), ("J",)), ("kJ", "measure", ("kilojoules",), ("kJ",)),
    ("MJ", "measure", ("megajoules",), ("MJ",)),
    ("calorie", "measure", ("kilocalories", "calories", "calorie"), ("kcal",)),
    # data, frequency, radiation, physics
    ("bit", "measure", ("bits", "bit"), ()),
    ("byte", "measure", ("bytes", "byte"), ()),
    ("kB", "measure", ("kilobytes", "kilobyte"), ("kB", "KB")),
    ("KiB", "measure", ("kibibytes", "kibibyte"), ("KiB",)),
    ("MB", "measure", ("megabytes", "megabyte"), ("MB",)),
    ("MiB", "measure", ("mebibytes", "mebibyte"), ("MiB",)),
    ("GB", "measure", ("gigabytes", "gigabyte"), ("GB",)),
    ("GiB", "measure", ("gibibytes", "gibibyte"), ("GiB",)),
    ("TB", "measure", ("terabytes", "terabyte"), ("TB",)),
    ("PB", "measure", ("petabytes", "petabyte"), ("PB",)),
    ("EB", "measure", ("exabytes", "exabyte"), ("EB",)),
    ("Hz", "measure", ("hertz",), ("Hz",)), ("kHz", "measure", ("kilohertz",), ("kHz",)),
    ("MHz", "measure", ("megahertz",), ("MHz",)), ("GHz", "measure", ("gigahertz",), ("GHz",)),
    ("Gy", "measure", ("grays",), ("Gy",)), ("mGy", "measure", ("milligrays", "milligray"), ("mGy",)),
    ("Sv", "measure", ("sieverts", "sievert"), ("Sv",)),
    ("mSv", "measure", ("millisieverts", "millisievert"), ("mSv",)),
    ("fb", "measure", ("femtobarns", "femtobarn"), ("fb",)),
    # a frequency's numerator: only with a denominator ("four times per week")
    ("times", "count", ("times",), ()),
)
# One spelling per rate whichever way it was written ("kilometres per hour" = "km/h").
RATE_SPELLINGS = {"km/hour": "km/h", "mile/h": "mile/hour", "m/second": "m/s", "km/second": "km/s"}
# Words that may follow "per" without being units of their own.
DENOMINATOR_WORDS = {"share": "share", "person": "person", "capita": "person", "head": "person",
                     "people": "person", "unit": "unit", "household": "household"}
# "a/an" before these is the number one ("a gallon of beer", "a penny"); not before durations ("a year ago").
ONE_UNIT_WORDS = ("gallon", "litre", "liter", "mile", "kilometre", "kilometer", "kilogram", "tonne", "barrel",
                  "penny", "cent", "dime", "kibibyte", "kilobyte", "megabyte", "gigabyte", "terabyte",
                  "gigaannum", "megaannum", "hectare", "acre")
# Units whose symbol must stand apart from the number ("10 s"; "1960s" is a decade, "10 in" needs a guard).
SPACED_SYMBOLS = frozenset(("s", "in", "min", "h"))
# "in" is inches only at the end of a phrase or before a dimension ("2 1/2 in thick"), never "two in my car".
INCH_FOLLOWERS = re.compile(r"\s*(?:$|[.,;:!?)\]]|(?:thick|long|wide|tall|high|deep|across|diameter|in diameter)\b)")
# Sport distances keep "m" as metres before a plural ("200m finals"); other plurals make it millions ("3m people").
METRE_EVENT_WORDS = frozenset(("finals", "heats", "hurdles", "races", "relays", "sprints", "semifinals",
                               "semi-finals", "events", "swims", "runs", "records", "medals", "titles", "lengths"))

COMPARATORS = {"about": "about", "around": "about", "roughly": "about", "approximately": "about",
               "some": "about", "nearly": "about", "almost": "about", "an estimated": "about",
               "somewhere around": "about", "close to": "about", "near": "about", "circa": "about",
               "more than": "more_than", "over": "more_than", "above": "more_than", "upwards of": "more_than",
               "in excess of": "more_than", "just over": "more_than",
               "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
               "just under": "less_than", "at least": "at_least", "a minimum of": "at_least",
               "at most": "at_most", "no more than": "at_most", "a maximum of": "at_most",
               "up to": "up_to", "as much as": "up_to", "as many as": "up_to", "as high as": "up_to",
               "exactly": "exactly", "precisely": "exactly"}
APPROXIMATE_COMPARATORS = {"about"}
OF_WHAT_ALIASES = {"gross domestic product": "GDP", "gdp": "GDP", "economic output": "GDP",
                   "the economy": "GDP", "national output": "GDP"}
# Verbs of falling: "fell 3%" is a change of -3 percent.
FALL_WORDS = ("fell", "fall", "falls", "falling", "fallen", "dropped", "drop", "drops", "dropping", "declined",
              "decline", "declines", "declining", "decreased", "decrease", "decreases", "slipped", "slip",
              "slips", "slid", "slide", "slides", "shrank", "shrink", "shrinks", "shrunk", "contracted",
              "plunged", "plunge", "plunges", "plummeted", "tumbled", "tumble", "tumbles", "sank", "sink",
              "sinks", "slumped", "slump", "slumps", "eased", "dipped", "dip", "dips", "retreated", "lost",
              "lose", "loses", "shed", "sheds", "down", "off")
# Verbs of change: "rose from $350 to $680" is an old and a new value, not a range.
CHANGE_WORDS = (*FALL_WORDS, "rose", "rise", "rises", "rising", "risen", "grew", "grow", "grows", "grown",
                "increased", "increase", "increases", "climbed", "climb", "climbs", "jumped", "jump", "jumps",
                "soared", "surged", "gained", "gain", "gains", "raised", "raise", "raises", "cut", "cuts",
                "reduced", "reduce", "reduces", "lowered", "lifted", "changed", "change", "moved", "went",
                "up", "boosted", "widened", "narrowed", "expanded", "doubled", "halved", "revised")
# Words before a number that make it a label, not a quantity ("Article 5", "No. 10", "Phase 3").
LABEL_WORDS = ("No.", "no.", "Nos.", "No", "Article", "Section", "Chapter", "Clause", "Paragraph", "Rule",
               "Resolution", "Route", "Flight", "Highway", "Room", "Page", "Platform", "Gate", "Channel",
               "Level", "Phase", "Stage", "Round", "Game", "Episode", "Volume", "Vol.", "Version", "Apollo",
               "Voyager", "Windows", "Tier", "Category", "Grade", "Division", "Unit", "Block", "Zone", "Lot")
# Prepositions that keep their meaning in a time expression ("by 2035" is a deadline, "in 2035" a date).
TIME_PREPOSITIONS = frozenset(("by", "until", "before", "after", "since", "through"))
TIME_ADVERBS = frozenset(("currently", "now", "today", "annually", "yearly", "this year", "last year", "next year"))
# Entity types whose numbers are part of a name ("World War Two", "Boeing 737").
NAME_ENTITY_TYPES = frozenset(("EVENT", "ORG", "PERSON", "FAC", "LAW", "WORK_OF_ART", "PRODUCT", "GPE"))
MONTHS = frozenset("january february march april may june july august september october november december "
                   "jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Without a tagger or parser: words that end a noun phrase (determiners only may start one), verbs a noun
# phrase never holds, and plurals that do not end in -s.  A phrase is at most a few words.
DETERMINERS = frozenset("the a an its their his her our my your this that these those all some each every".split())
FUNCTION_WORDS = DETERMINERS | frozenset(
    "of in on at to from by for with without into onto over under about above below between among through "
    "during before after since until against per than as via and or but nor so yet if because while whereas "
    "although though when where which who whom whose what that is are was were be been being am has have had "
    "do does did will would shall should can could may might must not no it they he she we you i me him them "
    "there here then also only just very more most less least such both either neither other another same "
    "up down out off last next ago each daily weekly monthly annually yearly today yesterday".split())
COMMON_VERBS = frozenset(
    "said says say told added according held made make makes took take takes gave give gives got get gets went "
    "go goes came come comes saw seen see sees paid pay sold sell sells spent spend won win lost lose "
    "left put set cut ran run kept keep keeps met meet found find brought bring earn earns include includes "
    "including cast aged".split())
# Modifiers a count may carry before its noun ("90,000 more people", "eight other contracts").
COUNT_MODIFIERS = frozenset("more other fewer further extra additional".split())
IRREGULAR_PLURALS = frozenset("people men women children police cattle feet teeth mice geese data media personnel "
                              "staff troops aircraft sheep deer".split())
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")
POSSESSIVES = frozenset(("'s", "’s", "'", "’"))
STANDALONE_DETERMINERS = frozenset(("those", "these", "this", "that", "all", "whom", "which", "them", "it"))
SENTENCE_ENDS = frozenset((".", "!", "?", ":", '"', "“", "”", "‘"))
LEXICAL_PHRASE_WORDS = 6
YEAR_RANGE = (1800, 2100)
# How far back a comparator, currency or change verb may sit before its number (characters).
LOOKBACK_CHARS = 40


def _alternation(words, *, flags: str = "") -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


_small = _alternation(SMALL_NUMBERS)
_tens = _alternation(TENS)
_magnitude = _alternation(MAGNITUDES)
_word_number = rf"(?:{_tens}(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|{_small})"
# "and"/"&"/"," join words only after a magnitude ("one hundred and two", "three million, two hundred & forty").
_word_separator = r"(?:\s+|-|(?<=dred|sand|lion)(?:\s*,\s*|\s+and\s+|\s*&\s*))"
_fraction_numerator = r"(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)"

NUMBER_PATTERN = re.compile(
    rf"""
    (?P<digits>
        (?<![\w.,/:^])(?<![A-Za-z]-)
        (?:
            \d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?
          | \d{{1,3}}(?:[\u00a0\u202f\u2009 ]\d{{3}})+(?![\d,.])
          | \d+(?:\.\d+)?(?:[eE][-+−]?\d+)?
          | \.\d+
        )
        (?P<power_of>[x×](?:10[-−]\d+|10\^[-−]?\d+|\d+\^[-−]?\d+))?
        (?P<fraction>\s\d+/\d+(?![/\d])|/\d+(?![/\d]))?
        (?P<unicode_fraction>[{''.join(UNICODE_FRACTIONS)}])?
    )
  | (?P<lone_fraction>(?<![\w.]))[{''.join(UNICODE_FRACTIONS)}]
  | (?P<fraction_words>\b{_fraction_numerator}[\s-]+(?i:{_alternation(FRACTION_WORDS)})\b)
  | (?P<half>\b(?<!the\s)(?<!first\s)(?<!second\s)(?i:half)(?=\s+of\b))
  | (?P<vague>\b(?<!the\s)(?<!The\s)(?:(?i:a\s+dozen)|(?i:dozens|scores|hundreds|thousands|millions|billions|tens)
        (?=\s+of\b))(?:\s+of\s+(?:thousands|millions|billions)\b)?)
  | (?P<words>\b(?:(?i:an?)(?=\s+(?i:{_magnitude})\b)|(?i:{_word_number})\b)
        (?:{_word_separator}(?i:{_word_number}|{_magnitude})\b)*)
  | (?P<a_unit>\b(?i:an?)(?=\s+(?i:{_alternation(ONE_UNIT_WORDS)})\b))
    """,
    re.VERBOSE,
)
AND_A_HALF = re.compile(r"(?:\s+and\s+a\s+half|-and-a-half)\b", re.IGNORECASE)
PLUS_MINUS = re.compile(r"\s*(?:±|\+/-|\+-)\s*(\d+(?:\.\d+)?(?:[eE][-+−]?\d+)?)")
SCALE_AFTER = re.compile(
    r"(?:\s*(thousand|million|billion|trillion|lakhs?|crores?)\b|\s?(bn|bln|mn|mln|tn|trn)\b|(k)(?![A-Za-z]))",
    re.IGNORECASE)
# One-letter scales are read only straight after a currency ("$5m", "€10B", "$2.174T"): alone, "5m" is metres.
CURRENCY_SCALE_AFTER = re.compile(r"(bn|tn|[mMbBtT])(?![A-Za-z])")
CURRENCY_BEFORE = re.compile(
    rf"(?:^|(?<=[^\w$]))(?P<symbol>{_alternation(CURRENCY_SYMBOLS)}|{_alternation(ISO_CURRENCIES)})"
    r"\s?(?P<sign>[-−])?$")
CURRENCY_AFTER = re.compile(rf"\s?(?:(€)|({_alternation(ISO_CURRENCIES)})\b)")
_unit_words = {w: (unit, kind) for unit, kind, words, _ in UNIT_TABLE for w in words}
_change_words = frozenset(CHANGE_WORDS)
_unit_symbols = {s: (unit, kind) for unit, kind, _, symbols in UNIT_TABLE for s in symbols}
_money_words = {w: code for code, words in CURRENCY_WORDS.items() for w in words}
UNIT_TERM = re.compile(
    rf"""
    (?P<power_before>(?i:square|sq\.?|cubic|cu\.?)\s+)?
    (?:
        (?P<money_word>(?i:{_alternation(_money_words)}))(?![A-Za-z])
      | (?P<subunit>(?i:{_alternation(MONEY_SUBUNITS)}))(?![A-Za-z])
      | (?P<word>(?i:{_alternation(_unit_words)}))(?![A-Za-z])
      | (?P<symbol>{_alternation(_unit_symbols)})(?![A-Za-z])
    )
    (?P<power_after>\^?[23](?!\d|[.,]\d)|[²³]|[-−]1(?!\d)|⁻¹|\s+squared\b|\s+cubed\b)?
    """,
    re.VERBOSE,
)
UNIT_GAP = re.compile(r"-|[ \u00a0\u202f\u2009]?")
OF_GAP = re.compile(r"\s+of\s+", re.IGNORECASE)
RATE_SEPARATOR = re.compile(r"\s*/\s*|\s+per\s+|\s+an?\s+", re.IGNORECASE)
DENOMINATOR = re.compile(rf"(?i:{_alternation(DENOMINATOR_WORDS)})\b")
COMPARATOR_BEFORE = re.compile(rf"(?:^|\W)(?P<word>(?i:{_alternation(COMPARATORS)}))\s+$")
FALL_BEFORE = re.compile(rf"\b(?i:{_alternation(FALL_WORDS)})(?:\s+(?i:by|a\s+further|another|\w+ly))*\s+$")
CHANGE_BEFORE_FROM = re.compile(rf"\b(?i:{_alternation(CHANGE_WORDS)})(?:\s+\w+ly)?\s+from\s+$")
RANGE_INTRO = re.compile(r"(?:^|\W)(?P<word>(?i:between|from))\s+$")
# What introduces a value as the old one of a change ("from about 1.8%", "compared with $3bn") or the new one
# ("to 2%"); a comparator may sit between the word and the number.
CHANGE_ROLE_BEFORE = re.compile(r"(?:^|\W)(?P<word>(?i:from|compared\s+(?:with|to)|against|versus|vs\.?|to))\s+"
                                r"(?:(?i:about|around|nearly|almost|roughly|some|just|an\s+estimated)\s+)?$")
LABEL_BEFORE = re.compile(rf"(?:^|\s|\(){_alternation(LABEL_WORDS)}\s*$")
YEAR_SPAN_BEFORE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d[-–/]$")
MINUS_BEFORE = re.compile(r"(?:^|\W)(?P<word>(?i:minus))\s+$")
CLOCK_AFTER = re.compile(r"\s?(?:[ap]\.m\.|[AaPp][Mm]\b)")
ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
# Possessive: with plain \s* a long run of spaces between two numbers was re-split at every position.
RANGE_GAP = re.compile(r"\s*+-?\s*+(?:to|–|—|-|and)\s*+", re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)", re.IGNORECASE)
# Without entities: a date or period right after a claim ("by 2035", "in the year to March 2026").
_month = _alternation(month.capitalize() for month in MONTHS)
# A month alone is a date only written out in full and not "May" (a name as often as a month).
_month_alone = _alternation(month.capitalize() for month in MONTHS if len(month) > 4 or month in ("june", "july"))
_year = r"(?:1[89]|20)\d\d"
_period = r"(?i:year|quarter|half|month|week|decade)"
_count_word = r"(?i:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|\d{1,2})"
DATE_PHRASE = re.compile(
    rf"(?:the\s+)?(?P<date>(?:(?:(?i:current|next|last|this|coming|past|previous|first|second|third|fourth|final)"
    rf"\s+)(?:(?i:fiscal|financial|calendar|tax|consecutive|straight)\s+)?{_period}"
    rf"|(?:(?i:fiscal|financial|tax)\s+)?(?i:year|quarter)(?=\s+(?i:to|ending|ended)\s+{_month}))"
    rf"(?:\s+(?i:to|ending|ended)\s+{_month}(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+{_year})?)?"
    rf"|(?i:last|past|next|first|previous|coming)\s+(?:{_count_word}\s+)?{_period}s(?:\s+of\s+{_year})?"
    rf"|{_count_word}\s+{_period}s?\s+(?i:earlier|ago|before|later)"
    rf"|{_month}\.?\s+\d{{1,2}}(?!\d)(?:,?\s+{_year})?|{_month}\.?\s+{_year}|{_month_alone}"
    rf"|\d{{1,2}}\s+{_month}(?:\s+{_year})?"
    rf"|(?:(?i:mid|early|late)-?)?{_year}s?"
    rf"|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|tomorrow))(?!\w)")


# --- reading one quantity --------------------------------------------------------------------------------

@dataclass
class _Quantity:
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


def _read_quantity(text: str, match: re.Match) -> _Quantity | None:
    number_start, end = match.start(), match.end()
    parsed = _number_value(match)
    if parsed is None:
        return None
    value, vague, approximate, word_scale = parsed
    if match.group("digits") is not None and _is_label_or_time(text, number_start, end):
        return None
    quantity = _Quantity(number_start, end, number_start, end, value, vague=vague, approximate=approximate,
                         scale=word_scale, fraction=bool(match.group("fraction_words") or match.group("half")),
                         needs_unit=bool(re.search(r"\d[\u00a0\u202f\u2009 ]\d", match.group())))
    if vague:
        quantity.low = value
    if (match.group("words") or match.group("digits")) and (half := AND_A_HALF.match(text, end)):
        quantity.value += 0.5
        end = quantity.end = quantity.number_end = half.end()

    currency = CURRENCY_BEFORE.search(_before(text, number_start))
    if currency is not None:
        quantity.currency = CURRENCY_SYMBOLS.get(currency.group("symbol"), currency.group("symbol"))
        quantity.start = number_start - len(currency.group())
        if currency.group("sign"):
            quantity.value = -quantity.value
    elif text[number_start - 1:number_start] in ("-", "−") and (number_start == 1 or text[number_start - 2].isspace()
                                                                 or text[number_start - 2] == "("):
        quantity.value, quantity.start = -quantity.value, number_start - 1  # "-18 °C", not the "4" of "3-4%"
    elif (minus := _word_before(MINUS_BEFORE, text, number_start)) is not None:
        quantity.value, quantity.start = -quantity.value, minus[1]

    if (uncertainty := PLUS_MINUS.match(text, end)) is not None:
        spread = float(uncertainty.group(1).replace("−", "-"))
        quantity.low, quantity.high = quantity.value - spread, quantity.value + spread
        end = uncertainty.end()
    end = _read_scale(text, end, quantity)
    if quantity.currency is None and (after := CURRENCY_AFTER.match(text, end)) is not None:
        symbol = after.group(1) or after.group(2)
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

    if (comparator := _word_before(COMPARATOR_BEFORE, text, quantity.start)) is not None:
        quantity.comparator = COMPARATORS[comparator[0]]
        quantity.approximate = quantity.approximate or quantity.comparator in APPROXIMATE_COMPARATORS
        quantity.start = comparator[1]
    return quantity


def _before(text: str, position: int) -> str:
    return text[max(0, position - LOOKBACK_CHARS):position]


def _word_before(pattern: re.Pattern, text: str, position: int) -> tuple[str, int] | None:
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
            numerator, denominator = fraction.strip().lstrip("/").split("/") if fraction.startswith(" ") \
                else (None, fraction[1:])
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


def _is_label_or_time(text: str, start: int, end: int) -> bool:
    """'Article 5', '21st', '10:30', '2pm': numbers that are not quantities."""
    if ORDINAL_AFTER.match(text, end):
        return True
    if text[end:end + 1] == ":" and text[end + 1:end + 2].isdigit():
        return True
    if LABEL_BEFORE.search(text[max(0, start - 16):start]):
        return True
    if YEAR_SPAN_BEFORE.search(text[max(0, start - 6):start]):
        return True  # the "25" of "2024-25"
    clock = CLOCK_AFTER.match(text, end)
    return clock is not None and _looks_like_clock(text[start:end])


def _looks_like_clock(number: str) -> bool:
    """'2', '11', '2.17' (hours and two-digit minutes) before am/pm are times; '2.1 pm' is picometres."""
    hours, _, minutes = number.partition(".")
    return hours.isdigit() and 0 < int(hours) <= 12 and (not minutes or (len(minutes) == 2 and int(minutes) < 60))


def _read_scale(text: str, end: int, quantity: _Quantity) -> int:
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


def _read_unit(text: str, quantity: _Quantity) -> None:
    """The unit after the number (and scale): 'km', 'per cent of', '$15.4/hour', 'miles an hour'."""
    end = quantity.end
    if quantity.kind == "money":
        rate_end, rate = _read_rate(text, end, "money")
        if rate:
            quantity.unit, quantity.end = _rate_unit(quantity.unit, rate), rate_end
        return
    if quantity.vague and (of := OF_GAP.match(text, end)):
        position = of.end()  # "thousands of tonnes"
    else:
        position = UNIT_GAP.match(text, end).end()
    term = _unit_term(text, position, quantity, gap=position > end)
    if term is None:
        return
    unit, kind, currency, term_end = term
    if text[position:term_end] == "m" and quantity.kind is None and _million_not_metres(text, term_end):
        quantity.scale, quantity.value = 1e6, quantity.value * 1e6
        quantity.end = term_end
        return
    if unit == "times" and not RATE_SEPARATOR.match(text, term_end):
        return
    if unit == "basis_point":
        unit, quantity.value, quantity.scale = "percentage_points", quantity.value / 100, 0.01
        quantity.low = quantity.low / 100 if quantity.low is not None else None
        quantity.high = quantity.high / 100 if quantity.high is not None else None
    if kind not in ("percent", "percentage_points"):  # "3% a year" is a percent and a time
        rate_end, rate = _read_rate(text, term_end, kind)
        if rate:
            unit, term_end = _rate_unit(unit, rate), rate_end
    quantity.unit, quantity.kind, quantity.currency, quantity.end = unit, kind, currency, term_end


def _unit_term(text: str, position: int, quantity: _Quantity | None, *, gap: bool) -> tuple | None:
    """(unit, kind, currency, end) of one unit term at ``position``, or None."""
    match = UNIT_TERM.match(text, position)
    if match is None:
        return None
    end = match.end()
    currency = None
    if match.group("money_word"):
        word = re.sub(r"\s+", " ", match.group("money_word").lower())
        code = _money_words[word]
        if word in ("pound", "pounds") and OF_GAP.match(text, end):
            unit, kind = "lb", "measure"  # "25 pounds of flour"
        elif word == "mark" and (quantity is None or quantity.scale is None):
            return None  # "the 1,000 mark"
        else:
            unit, kind, currency = code, "money", code
    elif match.group("subunit"):
        unit, currency = MONEY_SUBUNITS[match.group("subunit").lower()]
        kind = "money"
    elif match.group("word"):
        unit, kind = _unit_words[re.sub(r"\s+", " ", match.group("word").lower())]
    else:
        symbol = match.group("symbol")
        unit, kind = _unit_symbols[symbol]
        if symbol in SPACED_SYMBOLS and not gap and not match.group("power_after"):
            return None
        if symbol == "in" and not INCH_FOLLOWERS.match(text, match.end("symbol")):
            return None
        if symbol in ("pm", "am") and quantity is not None \
                and _looks_like_clock(text[quantity.number_start:quantity.number_end]):
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


def _million_not_metres(text: str, end: int) -> bool:
    """'3m people' (millions) against '200m finals', '5m tall', '200m of track' (metres)."""
    following = re.match(r"\s+([a-z][a-z-]{2,}s)\b", text[end:end + 40])
    return following is not None and following.group(1) not in METRE_EVENT_WORDS


# --- ranges and lists ----------------------------------------------------------------------------------

def _join_ranges_and_lists(text: str, quantities: list[_Quantity]) -> list[_Quantity]:
    """'45 and 50 mg' share the unit; '3-4%', 'between 10 and 20', '44 mg to 50 mg' become one range."""
    shared = list(quantities)
    for index in range(len(shared) - 2, -1, -1):  # right to left: "5, 10 or 15 per cent"
        first, second = shared[index], shared[index + 1]
        if _shares_unit(text, first, second):
            first = replace(first, unit=second.unit, kind=second.kind, currency=second.currency)
            if second.scale and not first.scale and first.value < second.value / second.scale:
                first.scale, first.value = second.scale, first.value * second.scale
            shared[index] = first
    joined: list[_Quantity] = []
    index = 0
    while index < len(shared):
        if index + 1 < len(shared) and (range_ := _as_range(text, shared[index], shared[index + 1])) is not None:
            joined.append(range_)
            index += 2
        else:
            joined.append(shared[index])
            index += 1
    return joined


def _as_range(text: str, first: _Quantity, second: _Quantity) -> _Quantity | None:
    gap = text[first.end:second.start]
    if RANGE_GAP.fullmatch(gap) is None or first.fraction or second.fraction or first.vague or second.vague:
        return None
    if _is_year(text, first) or _is_year(text, second):
        return None  # "2013-14", "the 2026 forecast to 2%"
    intro = _word_before(RANGE_INTRO, text, first.start)
    if "and" in gap.lower() and (intro is None or intro[0] != "between"):
        return None
    if intro is not None and intro[0] == "from" and CHANGE_BEFORE_FROM.search(_before(text, first.start)):
        return None  # "rose from $350 to $680": an old and a new value
    money_scaled = first.kind == "money" and second.kind is None and second.scale is not None  # "$3-4 billion"
    if first.kind is not None and (first.kind, first.unit) != (second.kind, second.unit) and not money_scaled:
        return None
    unit_from = second if second.kind is not None else first
    low, high = first.value, second.value
    if second.scale and not first.scale and first.value < second.value / second.scale:
        low = first.value * second.scale
    low, high = min(low, high), max(low, high)
    # "between" and "from" belong to the range they open ("between 10 and 20", "from 7 to 10"), not to "3-4%".
    opens = intro is not None and (intro[0] == "between" or re.search(r"\bto\b", gap, re.IGNORECASE))
    return replace(second, start=intro[1] if opens else first.start, number_start=first.number_start,
                   value=(low + high) / 2, low=low, high=high, kind=unit_from.kind, unit=unit_from.unit,
                   currency=second.currency or first.currency, scale=second.scale or first.scale,
                   comparator=first.comparator or second.comparator,
                   approximate=first.approximate or second.approximate)


def _shares_unit(text: str, first: _Quantity, second: _Quantity) -> bool:
    """A bare number takes the unit of the next one across 'and', 'or' or a comma."""
    return (first.kind is None and second.kind is not None and second.kind != "count"
            and LIST_GAP.fullmatch(text[first.end:second.start]) is not None and not _is_year(text, first)
            and not first.fraction and not first.vague)


def _is_year(text: str, quantity: _Quantity) -> bool:
    number = text[quantity.number_start:quantity.number_end]
    return number.isdigit() and len(number) == 4 and YEAR_RANGE[0] <= int(number) <= YEAR_RANGE[1]


# --- from a quantity to a claim --------------------------------------------------------------------------

def _claim(doc: Doc, quantity: _Quantity, annotations: _Annotations) -> Claim | None:
    text = doc_text(doc)
    has_unit = quantity.kind is not None
    names_allowed = has_unit and quantity.kind in ("percent", "percentage_points", "money", "measure")
    if _is_part_of_name_or_date(doc, quantity, has_unit, names_allowed, annotations):
        return None
    start, end = quantity.start, quantity.end
    kind, unit, currency = quantity.kind, quantity.unit, quantity.currency
    of_what = None
    if kind is None and (quantity.fraction or 0 < quantity.value < 1):
        if not re.match(r"\s+of\s+", text[end:end + 8]):
            return None
        kind = "number"
        of_what, end = _of_what(doc, end, annotations)
        if of_what is None:
            return None
    elif kind is None:
        counted = _counted_noun(doc, end, quantity, annotations)
        if counted is None:
            return None
        kind, unit = "count", counted.text.lower()
        if unit in _money_words and _money_words[unit] != "DEM":
            kind, unit = "money", _money_words[unit]  # "millions of dollars"
            currency = unit
        end = counted.end_char
    if kind in ("percent", "percentage_points"):
        of_what, end = _of_what(doc, end, annotations)
    value, low, high = quantity.value, quantity.low, quantity.high
    if kind in ("percent", "percentage_points") and value > 0 and FALL_BEFORE.search(_before(text, start)):
        value, low, high = -value, (-high if high is not None else None), (-low if low is not None else None)
        if high is None and low is not None:
            low, high = None, low
    return Claim(start, end, text[start:end], value, low, high, unit, kind, currency, quantity.scale,
                 quantity.approximate, quantity.comparator, of_what, _subject(doc, start, annotations),
                 _time_text(doc, end, annotations))


def _is_part_of_name_or_date(doc: Doc, quantity: _Quantity, has_unit: bool, names_allowed: bool,
                             annotations: _Annotations) -> bool:
    span = doc.char_span(quantity.number_start, quantity.number_end, alignment_mode="expand")
    if span is None:
        return True
    if not names_allowed and _inside_name(span, quantity, annotations):
        return True
    first, last = span[0], span[-1]
    # A number right after another ("245 23 yen") is part of a code, not an amount.
    if first.i > 0 and doc[first.i - 1].like_num and doc[first.i - 1].whitespace_ and not quantity.vague:
        return True
    if has_unit:
        return False
    neighbours = [doc[i] for i in (first.i - 1, last.i + 1) if 0 <= i < len(doc)]
    if any(n.lower_.rstrip(".") in MONTHS for n in neighbours):
        return True  # "March 2026", "Oct 29"
    return _is_year(doc_text(doc), quantity)


def _inside_name(span: Span, quantity: _Quantity, annotations: _Annotations) -> bool:
    if annotations.names:
        return any(t.ent_type_ in NAME_ENTITY_TYPES for t in span)
    # Without entities: letters glued before the number ("COVID-19", "F-35"); or, for a number without a
    # unit, inside a sentence: digits after a capitalised word ("Boeing 747", "FTSE 100") or a capitalised
    # number word ("World War Two", "Six Nations").  "gave Blair two victories" stays a count.
    first = span[0]
    if first.idx < quantity.number_start and any(c.isalpha() for c in first.text[:quantity.number_start - first.idx]):
        return True
    if quantity.kind is not None or _starts_sentence(first) or span.doc[first.i - 1].is_space:
        return False
    if first.is_alpha:
        return first.is_title
    previous = span.doc[first.i - 1]
    return ((previous.is_title or previous.is_upper) and previous.is_alpha and not _starts_sentence(previous)
            and previous.lower_ not in MONTHS)


def _starts_sentence(token: Token) -> bool:
    """First word of a sentence, a line or a quotation: capitalised there for no other reason."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    if previous.is_space:
        return "\n" in previous.text or previous.i == 0 or previous.doc[previous.i - 1].text in SENTENCE_ENDS
    return previous.text in SENTENCE_ENDS or "\n" in previous.whitespace_


def _counted_noun(doc: Doc, end: int, quantity: _Quantity, annotations: _Annotations) -> Span | None:
    """What a bare number counts: '1,250 workers', 'dozens of fighter jets'.  None when nothing is counted."""
    after = doc.char_span(end, len(doc_text(doc)), alignment_mode="expand")
    if after is None or len(after) == 0:
        return None
    # The cached tokens, not list(after): that made a Token object for every token to the article's end.
    tokens = doc_tokens(doc)[after.start:after.end]
    if tokens[0].idx < end:
        return None  # the number runs into a word ("860BOX")
    if tokens[0].lower_ == "of" and len(tokens) > 1:
        if not quantity.vague:
            return None  # "one of the biggest": a part, not a count
        tokens = tokens[1:]
    if not annotations.tags:
        # "That one costs": one of something is never a plural
        return _plural_phrase(tokens) if quantity.value != 1 else None
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
    if noun_tokens[-1].lower_ in _unit_words or noun_tokens[-1].ent_type_ == "DATE":
        return None
    return doc[noun_tokens[0].i: noun_tokens[-1].i + 1]


def _plural_phrase(tokens: Sequence[Token]) -> Span | None:
    """Without tags: the words up to the first plural-looking one ("fighter jets", "new schools"), and a
    plural it modifies ("ratings agencies")."""
    for position, token in enumerate(tokens[:LEXICAL_PHRASE_WORDS]):
        if _is_hyphen_inside_word(token):
            if position == 0:
                return None  # "60,000-seater", "22-cap": the number is part of a modifier
            continue
        if not (_is_content_word(token) or token.lower_ in COUNT_MODIFIERS):
            return None
        if _looks_plural(token):
            last = position
            while last + 1 < len(tokens) and _is_content_word(tokens[last + 1]) and _looks_plural(tokens[last + 1]):
                last += 1
            if tokens[last].lower_ in _unit_words:
                return None
            return token.doc[tokens[0].i: tokens[last].i + 1]
    return None


def _looks_plural(token: Token) -> bool:
    word = token.lower_
    return (word in IRREGULAR_PLURALS or (len(word) > 4 and word.endswith("men"))
            or (len(word) > 2 and word.endswith("s") and not word.endswith(NOT_PLURAL_ENDINGS)))


def _is_content_word(token: Token) -> bool:
    """Without tags: a word that may be part of a noun phrase."""
    word = token.lower_
    return (token.is_alpha and not token.like_num and word not in FUNCTION_WORDS and word not in COMMON_VERBS
            and word not in MONTHS)


def _is_hyphen_inside_word(token: Token) -> bool:
    """The hyphen of "pre-pay", "co-stars": the tokenizer splits it off; the phrase goes on across it."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _is_possessive(token: Token) -> bool:
    return token.lower_ in POSSESSIVES and token.i > 0 and (token.text not in ("'", "’")
                                                            or token.doc[token.i - 1].lower_.endswith("s"))


def _of_what(doc: Doc, end: int, annotations: _Annotations) -> tuple[str | None, int]:
    """'two per cent of gross domestic product' → ('GDP', end of the phrase); the phrase joins the surface."""
    match = re.match(r"\s+of\s+", doc_text(doc)[end:end + 80])
    if not match:
        return None, end
    chunk_start = end + match.end()
    if annotations.parse:
        phrase_end = next((chunk.end_char for chunk in doc_noun_chunks(doc)
                           if chunk.start_char <= chunk_start < chunk.end_char), None)
    else:
        phrase = _phrase_after(doc, chunk_start)
        phrase_end = phrase.end_char if phrase is not None else None
    if phrase_end is None:
        return None, end
    text = doc_text(doc)[chunk_start:phrase_end]
    return OF_WHAT_ALIASES.get(text.lower(), text), phrase_end


def _phrase_after(doc: Doc, start_char: int) -> Span | None:
    """Without a parse: a determiner, then content words and possessives ("the company's total capital"),
    up to a function word, a verb, punctuation, or a participle after a noun ("of women affected")."""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None:
        return None
    first = span[0].i
    last = None
    for token in doc[first: first + LEXICAL_PHRASE_WORDS]:
        if token.i == first and token.lower_ in DETERMINERS:
            continue
        if last is not None and (_is_possessive(token) or _is_hyphen_inside_word(token)):
            continue
        if not _is_content_word(token) or (last is not None and token.lower_.endswith("ed")):
            break
        last = token.i
    if last is None and doc[first].lower_ in STANDALONE_DETERMINERS:
        last = first  # "half of those", "two-thirds of whom"
    return None if last is None else doc[first: last + 1]


def _inherit_of_what(doc: Doc, claims: list[Claim], annotations: _Annotations) -> None:
    """'to 2% of GDP … from about 1.8%': the second percent in a sentence is of the same thing."""
    for claim in claims:
        if claim.of_what is not None or claim.quantity_kind not in ("percent", "percentage_points"):
            continue
        sentence = _sentence_at(doc, claim.start, annotations)
        for other in claims:
            if other is not claim and other.of_what and other.quantity_kind == claim.quantity_kind \
                    and sentence is not None and sentence.start_char <= other.start < sentence.end_char:
                claim.of_what = other.of_what
                break


def _link_changes(doc: Doc, claims: list[Claim], annotations: _Annotations) -> None:
    """'raise spending to 2% … from about 1.8%', 'rose from $3bn to $5bn', 'was $5bn, up from $3bn': in one
    sentence, a value introduced as the old one points the new one of the same unit at itself."""
    text = doc_text(doc)
    roles = [_change_role(text, claim) for claim in claims]
    for old_index, old in enumerate(claims):
        if roles[old_index] != "old":
            continue
        sentence = _sentence_at(doc, old.start, annotations)
        if sentence is None:
            continue
        partners = [index for index, claim in enumerate(claims)
                    if index != old_index and roles[index] != "old" and claim.previous is None
                    and (claim.quantity_kind, claim.unit, claim.currency) == (old.quantity_kind, old.unit, old.currency)
                    and sentence.start_char <= claim.start < sentence.end_char]
        # A value marked "to" is the new one wherever it sits; else the nearest before ("$5bn, up from $3bn").
        marked = [index for index in partners if roles[index] == "new"]
        before = [index for index in partners if index < old_index]
        new_index = min(marked, key=lambda index: abs(index - old_index)) if marked else (before[-1] if before else None)
        if new_index is not None:
            new = claims[new_index]
            new.previous = old_index
            # One thing changed: a subject found for either value is the other's too.
            new.subject = new.subject or old.subject
            old.subject = old.subject or new.subject


def _change_role(text: str, claim: Claim) -> str | None:
    match = CHANGE_ROLE_BEFORE.search(_before(text, claim.start))
    if match is None:
        return None
    return "new" if match.group("word").lower() == "to" else "old"


def _subject(doc: Doc, start: int, annotations: _Annotations) -> str | None:
    """The noun phrase a quantity describes: the object of the verb its 'to/from' phrase hangs on,
    or the noun its 'of' phrase completes ('pledge of five per cent').  Without a parse: the words before
    'of', or before 'to/from/at/by' when a change verb precedes them ('raise X to 2%')."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span[0].i == 0:
        return None
    prep = doc[span[0].i - 1]
    if prep.lower_ in ("about", "around", "nearly", "almost", "some", "roughly") and prep.i > 0:
        prep = doc[prep.i - 1]
    if prep.lower_ not in ("to", "from", "at", "of", "by"):
        return None
    if not annotations.parse:
        first = _phrase_start_before(doc, prep.i)
        if first is None:
            return None
        # "of": the noun the phrase completes; "to/from/at/by": the object of a change verb ("raise X to 2%").
        if prep.lower_ == "of" or (first > 0 and doc[first - 1].lower_ in _change_words):
            return doc_text(doc)[doc[first].idx: doc[prep.i - 1].idx + len(doc[prep.i - 1])]
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


def _phrase_start_before(doc: Doc, end: int) -> int | None:
    """Without a parse: where the content words and possessives right before token ``end`` start
    ("NATO's new defence investment pledge"), stopping at a function word, a verb or a change verb."""
    if end == 0 or doc[end - 1].lower_.endswith("ly"):
        return None  # "rose steadily to 4.7%": an adverb, the subject is further back
    first = None
    for token in reversed(doc[max(0, end - LEXICAL_PHRASE_WORDS): end]):
        if first is not None and _is_possessive(token):
            first = token.i
            continue
        if not _is_content_word(token) or token.lower_ in _change_words or token.lower_.endswith("ed"):
            break  # "caused damage of $10bn": a participle or past verb ends the phrase
        first = token.i
    if first is None or doc[first].lower_ in POSSESSIVES:
        return None
    return first


def _chunk_text(doc: Doc, head: Token) -> str:
    for chunk in doc_noun_chunks(doc):
        if chunk.root.i == head.i:
            tokens = [t for t in chunk if t.dep_ != "det" or t.i != chunk.start]
            return doc_text(doc)[tokens[0].idx: chunk.end_char] if tokens else chunk.text
    return head.text


def _time_text(doc: Doc, end: int, annotations: _Annotations) -> str | None:
    """The date or time adverb that follows a claim in its clause: 'by 2035', 'currently'."""
    sentence = _sentence_at(doc, end - 1, annotations)
    if sentence is None:
        return None
    following = [t for t in sentence if t.idx >= end]
    for position, token in enumerate(following[:12]):
        if token.is_punct and token.text in (";", "(", ")"):
            return None
        if token.lower_ in TIME_ADVERBS:
            return token.text
        if not annotations.names:
            if (date := DATE_PHRASE.match(doc_text(doc), token.idx)) is not None:
                previous = doc[token.i - 1] if token.i > 0 else None
                start = previous.idx if previous is not None and previous.lower_ in TIME_PREPOSITIONS \
                    else date.start("date")
                return doc_text(doc)[start:date.end("date")]
        elif token.ent_type_ == "DATE" and token.ent_iob_ == "B":
            ent = next(e for e in doc_ents(doc) if e.start == token.i)
            tokens = list(ent)
            if tokens and tokens[0].lower_ == "the":
                tokens = tokens[1:]
            previous = doc[ent.start - 1] if ent.start > 0 else None
            start = tokens[0].idx if tokens else ent.start_char
            if previous is not None and previous.lower_ in TIME_PREPOSITIONS:
                start = previous.idx
            return doc_text(doc)[start:ent.end_char]
        if token.like_num and position > 0:
            return None
    return None


def _sentence_at(doc: Doc, char: int, annotations: _Annotations) -> Span | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    return span[0].sent if annotations.sentences else doc[:]
