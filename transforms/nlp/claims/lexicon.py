"""The words and units numeric claims are read with: numbers spelled out, scales, currencies, the unit table,
comparators, change verbs, and the word lists that stand in for the model on a tokenizer-only doc.

Data only, plus ``alternation`` to turn a word list into a regular expression; the readers live in the
other modules of ``transforms.nlp.claims``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SMALL_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MAGNITUDES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Denominators of spelled fractions ("two thirds", "one-half").
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
UNICODE_FRACTIONS = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
# Vague amounts: (lower bound, whether the word is plural-vague and so approximate).
VAGUE_AMOUNTS = {
    "a dozen": (12, False),
    "dozens": (24, True),
    "scores": (40, True),
    "hundreds": (200, True),
    "thousands": (2000, True),
    "millions": (2e6, True),
    "billions": (2e9, True),
    "tens": (20, True),
}
# "tens of thousands", "hundreds of millions": the vague word counts the scale.
VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "t": 1e12,
}

CURRENCY_SYMBOLS = {
    "US$": "USD",
    "U.S.$": "USD",
    "$US": "USD",  # as Australian and New Zealand papers write it ("$US6,500"), and "$A", "$NZ" theirs
    "$A": "AUD",
    "$NZ": "NZD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "Rs.": "INR",
    "Rs": "INR",
    "RM": "MYR",
    "Y=": "JPY",
    "NT$": "TWD",
    "SFr": "CHF",
}
ISO_CURRENCIES = (
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "CHF",
    "INR",
    "AUD",
    "CAD",
    "HKD",
    "SGD",
    "KRW",
    "RUB",
    "BRL",
    "ZAR",
    "SEK",
    "NOK",
    "DKK",
    "MXN",
    "TRY",
    "NZD",
)
CURRENCY_WORDS = {
    "USD": ("dollars", "dollar", "dlrs", "dlr", "us dollars", "u.s. dollars", "u.s. dlrs", "(u.s.) dlrs", "usd"),
    "EUR": ("euros", "euro"),
    "GBP": ("pounds sterling", "sterling", "stg", "pounds", "pound"),
    "JPY": ("japanese yen", "yen"),
    "CNY": ("chinese yuan", "yuan", "renminbi"),
    "INR": ("indian rupees", "rupees", "rupee"),
    "CHF": ("swiss francs", "swiss franc", "francs", "franc"),
    "AUD": ("australian dollars", "australian dollar", "australian dlrs", "australian dlr"),
    "CAD": ("canadian dollars", "canadian dollar", "canadian dlrs", "canadian dlr"),
    "HKD": ("hong kong dollars", "hong kong dollar", "hong kong dlrs", "hong kong dlr", "hk dlrs"),
    "DEM": ("marks", "mark"),
    "RUB": ("russian roubles", "russian rubles", "roubles", "rubles", "rouble", "ruble"),
    "ZAR": ("south african rand", "rand"),
    "TRY": ("turkish lira", "lira"),
    "NGN": ("nigerian naira", "naira"),
    "SAR": ("saudi riyals", "riyals"),
    "AED": ("dirhams",),
    "THB": ("thai baht", "baht"),
    "MYR": ("malaysian ringgit", "ringgit"),
    "PLN": ("polish zloty", "polish zlotys", "zloty", "zlotys"),
    # "crowns" and "pesos" alone: the largest economy using the name, until the article says which
    # (home_currency.py).
    "SEK": ("swedish crowns", "kronor", "krona", "crowns"),
    # Currencies of the wires' world, named with the country where a word serves several.
    "EGP": ("egyptian pounds",),
    "IEP": ("irish pounds", "punts"),
    "CYP": ("cyprus pounds", "cypriot pounds"),
    "DKK": ("danish crowns", "danish kroner", "kroner", "krone"),
    "NOK": ("norwegian crowns", "norwegian kroner"),
    "CZK": ("czech crowns", "koruna"),
    "NLG": ("guilders", "guilder"),
    "FRF": ("french francs", "french franc"),
    "BEF": ("belgian francs",),
    "LUF": ("luxembourg francs",),
    "ESP": ("pesetas", "peseta"),
    "ITL": ("lire",),
    "ATS": ("schillings",),
    "GRD": ("drachmas",),
    "PTE": ("escudos",),
    "KRW": ("won",),
    "TWD": ("taiwan dollars", "new taiwan dollars", "taiwan dlrs", "taiwan dlr"),
    "SGD": ("singapore dollars", "singapore dollar", "singapore dlrs", "singapore dlr"),
    "NZD": ("new zealand dollars", "new zealand dollar", "new zealand dlrs", "new zealand dlr", "n.z. dlrs"),
    "MXN": ("mexican pesos", "mexican peso", "pesos", "peso"),
    "PHP": ("philippine pesos",),
    "IDR": ("indonesian rupiah", "rupiah"),
    "PKR": ("pakistani rupees",),
    "LKR": ("sri lankan rupees",),
    "KES": ("kenyan shillings",),
    "ILS": ("israeli shekels", "shekels", "shekel"),
}
# Sub-units of money: (unit, currency when it is certain).  "p" only right after the number ("18p").
MONEY_SUBUNITS = {
    "cents": ("cent", None),
    "cent": ("cent", None),
    "cts": ("cent", None),
    "pence": ("penny", "GBP"),
    "penny": ("penny", "GBP"),
    "pennies": ("penny", "GBP"),
    "p": ("penny", "GBP"),
    "dimes": ("dime", "USD"),
    "dime": ("dime", "USD"),
    "sen": ("sen", "MYR"),
}
# What a sub-unit is worth in its currency: a claim states it in the currency ("18p" is 0.18 GBP).
SUBUNIT_SHARES = {"cent": 0.01, "penny": 0.01, "dime": 0.1, "sen": 0.01}

# (our unit, kind, words (matched in any case), symbols (matched as written)).
UNIT_TABLE: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    # "pc" as written: "PC" is a computer ("386 PC").
    ("percent", "percent", ("per cent", "percent", "per-cent", "pct"), ("%", "pc")),
    (
        "percentage_points",
        "percentage_points",
        ("percentage points", "percentage point", "pct points", "pct point", "percent points"),
        ("pp",),
    ),
    ("basis_point", "percentage_points", ("basis points", "basis point"), ("bps", "bp")),
    # time
    ("second", "duration", ("seconds", "second", "secs", "sec"), ("s",)),
    ("minute", "duration", ("minutes", "minute", "mins"), ("min",)),
    ("hour", "duration", ("hours", "hour", "hrs", "hr"), ("h",)),
    ("day", "duration", ("days", "day"), ()),
    ("week", "duration", ("weeks", "week", "wks"), ()),
    ("weekend", "duration", ("weekends", "weekend"), ()),
    ("night", "duration", ("nights", "night"), ()),
    ("fortnight", "duration", ("fortnights", "fortnight"), ()),
    ("month", "duration", ("months", "month", "mths", "mth"), ()),  # 'Nine mths': a wire results table
    ("year", "duration", ("years", "year", "yrs", "annum"), ()),
    ("decade", "duration", ("decades", "decade"), ()),
    ("season", "duration", ("seasons", "season"), ()),  # a sport's year: 'played for two seasons'
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
    ("long ton", "measure", ("long tons", "long ton"), ()),
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
    ("°C", "measure", ("degrees celsius", "degree celsius", "degrees centigrade", "degrees c"), ("°C", "° C", "ºC")),
    ("°F", "measure", ("degrees fahrenheit", "degree fahrenheit", "degrees f"), ("°F", "° F", "ºF")),
    ("K", "measure", ("kelvins", "kelvin"), ()),
    ("degree", "measure", ("degrees", "degree"), ("°",)),
    # speed, rates written as one word
    ("mile/hour", "measure", ("miles per hour", "miles an hour"), ("mph",)),
    ("km/h", "measure", (), ("km/h", "kph", "kmh")),
    ("knot", "measure", ("knots", "knot"), ("kn",)),
    ("rpm", "measure", ("revolutions per minute", "revs per minute"), ("rpm",)),
    # engines
    ("hp", "measure", ("brake horsepower", "horsepower"), ("hp", "bhp")),
    ("lb-ft", "measure", ("pound-feet", "pound-foot", "pounds-feet", "foot-pounds"), ("lb-ft",)),
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
    ("keV", "measure", (), ("keV",)),
    ("MeV", "measure", (), ("MeV",)),
    ("GeV", "measure", (), ("GeV",)),
    ("TeV", "measure", (), ("TeV",)),
    ("J", "measure", ("joules", "joule"), ("J",)),
    ("kJ", "measure", ("kilojoules",), ("kJ",)),
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
    ("Hz", "measure", ("hertz",), ("Hz",)),
    ("kHz", "measure", ("kilohertz",), ("kHz",)),
    ("MHz", "measure", ("megahertz",), ("MHz",)),
    ("GHz", "measure", ("gigahertz",), ("GHz",)),
    ("Gy", "measure", ("grays",), ("Gy",)),
    ("mGy", "measure", ("milligrays", "milligray"), ("mGy",)),
    ("Sv", "measure", ("sieverts", "sievert"), ("Sv",)),
    ("mSv", "measure", ("millisieverts", "millisievert"), ("mSv",)),
    ("fb", "measure", ("femtobarns", "femtobarn"), ("fb",)),
    # a frequency's numerator: only with a denominator ("four times per week")
    ("times", "count", ("times",), ()),
)
# One spelling per rate whichever way it was written ("kilometres per hour" = "km/h").
RATE_SPELLINGS = {"km/hour": "km/h", "mile/h": "mile/hour", "m/second": "m/s", "km/second": "km/s"}
# Words that may follow "per" without being units of their own.
DENOMINATOR_WORDS = {
    "share": "share",
    "person": "person",
    "capita": "person",
    "head": "person",
    "people": "person",
    "unit": "unit",
    "household": "household",
}
# "a/an" before these is the number one ("a gallon of beer", "a penny"); not before durations ("a year ago").
ONE_UNIT_WORDS = (
    "gallon",
    "litre",
    "liter",
    "mile",
    "kilometre",
    "kilometer",
    "kilogram",
    "tonne",
    "barrel",
    "penny",
    "cent",
    "dime",
    "kibibyte",
    "kilobyte",
    "megabyte",
    "gigabyte",
    "terabyte",
    "gigaannum",
    "megaannum",
    "hectare",
    "acre",
)
# What a fraction may be of with "a"/"an", making it an amount of it ("half a million", "a quarter of a mile",
# "half an hour", "a tenth of a percentage point").
FRACTION_OF_ONE_WORDS = (
    *ONE_UNIT_WORDS,
    "percentage point",
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
)
# Determiners "half" takes its whole with, "of" left out ("half the nation's output", "half their savings").
HALF_OF_DETERMINERS = ("the", "their", "its", "his", "her", "our", "this", "these", "those")
# Periods that are an amount only as "one season" or in the plural ("two seasons"); before them in the singular a
# number is a label or a record ('the 2004 season', 'a 0-16 season', 'a third weekend').
PLURAL_ONLY_PERIODS = frozenset(("season", "weekend", "night"))
# Periods "a"/"an" is one of after a word that makes it a duration ("for a year", "over a decade").
ONE_PERIOD_WORDS = ("week", "fortnight", "month", "year", "decade", "century")
AFTER_DURATION_WORDS = ("for", "over", "within", "than", "about", "nearly", "almost", "around", "lasting")
# Units whose symbol must stand apart from the number ("10 s"; "1960s" is a decade, "10 in" needs a guard).
SPACED_SYMBOLS = frozenset(("s", "in", "min", "h"))
# Sport distances keep "m" as metres before a plural ("200m finals"); other plurals make it millions ("3m people").
METRE_EVENT_WORDS = frozenset(
    (
        "relay",
        "freestyle",
        "butterfly",
        "breaststroke",
        "backstroke",
        "medley",
        "individual",
        "sprint",
        "finals",
        "heats",
        "hurdles",
        "races",
        "relays",
        "sprints",
        "semifinals",
        "semi-finals",
        "events",
        "swims",
        "runs",
        "records",
        "medals",
        "titles",
        "lengths",
    )
)

COMPARATORS = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "nearly": "about",
    "almost": "about",
    "an estimated": "about",
    "somewhere around": "about",
    "close to": "about",
    "near": "about",
    "circa": "about",
    "more than": "more_than",
    "over": "more_than",
    "above": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "just over": "more_than",
    "less than": "less_than",
    "fewer than": "less_than",
    "under": "less_than",
    "below": "less_than",
    "just under": "less_than",
    "at least": "at_least",
    "a minimum of": "at_least",
    "at most": "at_most",
    "no more than": "at_most",
    "a maximum of": "at_most",
    "up to": "up_to",
    "as much as": "up_to",
    "as many as": "up_to",
    "as high as": "up_to",
    "exactly": "exactly",
    "precisely": "exactly",
}
APPROXIMATE_COMPARATORS = {"about"}
OF_WHAT_ALIASES = {
    "gross domestic product": "GDP",
    "gdp": "GDP",
    "economic output": "GDP",
    "the economy": "GDP",
    "national output": "GDP",
}
# Verbs of falling, in the forms news writes them ("fell", "cutting"): "fell 3%" is a change of 3 percent, down.
FALL_WORDS = (
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "dropped",
    "drop",
    "drops",
    "dropping",
    "declined",
    "decline",
    "declines",
    "declining",
    "decreased",
    "decrease",
    "decreases",
    "slipped",
    "slip",
    "slips",
    "slid",
    "slide",
    "slides",
    "shrank",
    "shrink",
    "shrinks",
    "shrunk",
    "contracted",
    "plunged",
    "plunge",
    "plunges",
    "plummeted",
    "tumbled",
    "tumble",
    "tumbles",
    "sank",
    "sink",
    "sinks",
    "slumped",
    "slump",
    "slumps",
    "eased",
    "dipped",
    "dip",
    "dips",
    "retreated",
    "lost",
    "lose",
    "loses",
    "shed",
    "sheds",
    "down",
    "off",
    "cut",
    "cuts",
    "cutting",
    "reduced",
    "reduce",
    "reduces",
    "reducing",
    "lowered",
    "lowering",
    "narrowed",
    "narrowing",
    "halved",
    "halving",
    "slashed",
    "slashing",
    "weakened",
    "easing",
    "dipping",
    "losing",
    "shedding",
    "tumbling",
    "sinking",
    "slumping",
    "plunging",
    "plummeting",
    "slipping",
    "sliding",
)
# Verbs of rising, in the forms news writes them: "rose 3%" is a change of 3 percent, up.
RISE_WORDS = (
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "grew",
    "grow",
    "grows",
    "grown",
    "increased",
    "increase",
    "increases",
    "climbed",
    "climb",
    "climbs",
    "jumped",
    "jump",
    "jumps",
    "soared",
    "soar",
    "soars",
    "surged",
    "surge",
    "surges",
    "leapt",
    "leaped",
    "leap",
    "leaps",
    "gained",
    "gain",
    "gains",
    "raised",
    "raise",
    "raises",
    "lifted",
    "lifting",
    "lift",
    "lifts",
    "boost",
    "boosts",
    "up",
    "boosted",
    "boosting",
    "widened",
    "widening",
    "expanded",
    "expanding",
    "doubled",
    "doubling",
    "increasing",
    "raising",
    "climbing",
    "jumping",
    "soaring",
    "surging",
    "gaining",
    "growing",
)
# Verbs of a change that say no way ("revised to 2%").
NEUTRAL_CHANGE_WORDS = (
    "changed",
    "change",
    "moved",
    "went",
    "revised",
)
# Verbs of a level's own movement that take "up" as their particle before the new level ("went up to 5.5%",
# "edged up to $5"), where "up to" is no "at most"; not those with an object ("moved up to 500 jobs", "cut up to
# 5,000 jobs") nor "can go up to 10 years" (a most).
UP_PARTICLE_VERBS = (
    "went",
    "climbed",
    "edge",
    "edged",
    "edging",
    "inched",
    "inching",
    "crept",
    "creeping",
    "ticked",
    "ticking",
)
# Words after an amount of length that say which dimension it measures ("5m tall", "2m high walls").
DIMENSION_WORDS = ("thick", "long", "wide", "tall", "high", "deep")
# Verbs of change: "rose from $350 to $680" is an old and a new value, not a range.
CHANGE_WORDS = (*FALL_WORDS, *RISE_WORDS, *NEUTRAL_CHANGE_WORDS)
# Words before a number that make it a label, not a quantity ("Article 5", "No. 10", "Phase 3").
LABEL_WORDS = (
    "number",  # "number one singles", "world number two": a rank
    "No.",
    "no.",
    "Nos.",
    "No",
    "Article",
    "Section",
    "Chapter",
    "Clause",
    "Paragraph",
    "Rule",
    "Resolution",
    "Route",
    "Flight",
    "Highway",
    "Room",
    "Page",
    "Platform",
    "Gate",
    "Channel",
    "Level",
    "Phase",
    "Stage",
    "Round",
    "Game",
    "Episode",
    "Volume",
    "Vol.",
    "Version",
    "Apollo",
    "Voyager",
    "Windows",
    "Tier",
    "Category",
    "Grade",
    "Division",
    "Unit",
    "Block",
    "Zone",
    "Lot",
    # a photo agency's credit before a gallery's picture counter ("Getty Images 9 Trump lands in …"; not "EPA",
    # "AP": 'gave the EPA 90 days')
    "Images",
)
# Prepositions that keep their meaning in a time expression ("by 2035" is a deadline, "in 2035" a date).
TIME_PREPOSITIONS = frozenset(("by", "until", "before", "after", "since", "through"))
TIME_ADVERBS = frozenset(("currently", "now", "today", "annually", "yearly", "this year", "last year", "next year"))
# Entity types whose numbers are part of a name ("World War Two", "Boeing 737").
NAME_ENTITY_TYPES = frozenset(("EVENT", "ORG", "PERSON", "FAC", "LAW", "WORK_OF_ART", "PRODUCT", "GPE"))
# Verbs that report the clause after them ('Figures suggest 29% of people were …'), whose object is no share
# held or acted on.
REPORTING_VERBS = frozenset(
    "suggest suggests suggested show shows showed shown find finds found estimate estimates estimated say says said "
    "think thinks thought believe believes believed".split()
)
# Ordinals spelled out, which spaCy's like_num counts as numbers.
ORDINAL_WORDS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# A count of these measures an index, not things ("fell 162.31 points").
POINT_UNITS = frozenset(("points", "point", "pts"))
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Without a tagger or parser: words that end a noun phrase (determiners only may start one), verbs a noun
# phrase never holds, and plurals that do not end in -s.  A phrase is at most a few words.
DETERMINERS = frozenset("the a an its their his her our my your this that these those all some each every".split())
FUNCTION_WORDS = DETERMINERS | frozenset(
    "of in on at to from by for with without into onto over under about above below between among through "
    "during before after since until against per than as via and or but nor so yet if because while whereas "
    "although though when where which who whom whose what that is are was were be been being am has have had "
    "do does did will would shall should can could may might must not no it they he she we you i me him them "
    "there here then also only just very more most less least such both either neither other another same "
    "up down out off last next ago each daily weekly monthly annually yearly today yesterday".split()
)
COMMON_VERBS = frozenset(
    "said says say told added according held made make makes took take takes gave give gives got get gets went "
    "go goes came come comes saw seen see sees paid pay sold sell sells spent spend won win lost lose "
    "left put set cut ran run kept keep keeps met meet found find brought bring earn earns include includes "
    "including cast aged "
    # verbs of having, employing, receiving and recording a number of things ('SBC employs 163,000 people'),
    # not the forms that are also plural nouns ("records", "scores"): without tags those are counted things
    "has have had employs employ employed hired received receives receive recorded drew attracted attracts "
    "scored owns own owned hold".split()
)
# Past participles not ending in -ed, which describe a noun after a determiner ("the lost laptops") and end a
# verb group ("were left in licensed cabs").
IRREGULAR_PARTICIPLES = frozenset(
    "lost left sold paid held made built kept spent won cut set put broken stolen taken given known shown grown "
    "hidden born bought brought caught found told sent shut hit hurt run done seen cost "
    # forms that are only participles ('Labour has withdrawn two posters', 'the cars driven by')
    "withdrawn drawn written driven chosen risen fallen thrown flown frozen beaten eaten forgotten spoken sworn "
    "torn worn ridden bitten shaken mistaken undertaken overtaken begun sung sunk gone proven".split()
)
# Modifiers a count may carry before its noun ("90,000 more people", "eight other contracts").
COUNT_MODIFIERS = frozenset("more other fewer further extra additional".split())
# Nouns (and adjectives used as nouns) that count people with no plural ending: "55,000 staff", "120 wounded".
COLLECTIVE_COUNT_NOUNS = frozenset("staff personnel crew dead wounded injured homeless unemployed".split())
IRREGULAR_PLURALS = frozenset(
    "people men women children police cattle feet teeth mice geese data media personnel "
    "staff troops aircraft sheep deer".split()
)
NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")
POSSESSIVES = frozenset(("'s", "’s", "'", "’"))
# Words ending in -ly that are adjectives of a noun, not adverbs ("an 18% jump in quarterly sales").
LY_ADJECTIVES = frozenset(("quarterly", "elderly"))
STANDALONE_DETERMINERS = frozenset(("those", "these", "this", "that", "all", "whom", "which", "them", "it"))
SENTENCE_ENDS = frozenset((".", "!", "?", ":", '"', "“", "”", "‘"))

# Lookups by the words and symbols of UNIT_TABLE and CURRENCY_WORDS, and the change verbs as a set.
UNIT_WORDS = {w: (unit, kind) for unit, kind, words, _ in UNIT_TABLE for w in words}
UNIT_SYMBOLS = {s: (unit, kind) for unit, kind, _, symbols in UNIT_TABLE for s in symbols}
MONEY_WORDS = {w: code for code, words in CURRENCY_WORDS.items() for w in words}
CHANGE_WORD_SET = frozenset(CHANGE_WORDS)


# A person named by what they are ("the tram driver, 42,", "one woman killed").
PERSON_NOUNS = frozenset(
    """
driver man woman boy girl mother father son daughter wife husband victim suspect officer teacher pilot passenger
student worker gunman attacker resident nurse doctor soldier brother sister mum dad
""".split()
)
# The verbs a toll of people is counted with ("killing nine guests and wounding 35", "injuring one person").
CASUALTY_VERBS = frozenset(
    "killed killing wounded wounding injured injuring hurt hurting arrested arresting detained detaining "
    "rescued rescuing evacuated evacuating".split()
)
# A hedge between the word that introduces a change's end and its number ("from about 1.8%").
VALUE_HEDGE = r"(?i:about|around|nearly|almost|roughly|some|just|an\s+estimated)"


def alternation(words: Iterable[str]) -> str:
    """A non-capturing group matching any of ``words``, longest first; a space in a word matches any run."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?:{body})"
