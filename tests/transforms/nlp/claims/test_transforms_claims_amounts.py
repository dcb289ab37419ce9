"""Which amounts are claims, read the same by both pipelines."""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims


@pytest.mark.parametrize(
    "sentence, surfaces",
    [
        # a period framed by an ordinal is a duration ("the first ten months"), not a code after a number
        ("Over the first ten months of the year, sales rose 3.9 per cent.", ["ten months", "3.9 per cent"]),
        # a hyphenated modifier belongs to the counted noun; number words in a row are separate numbers
        ("He gave two one-man shows and sold 190 state-run firms.", ["two one-man shows", "190 state-run firms"]),
        # an adverb before a modifier and a participle used as one belong to the counted noun
        ("The bloc added three previously uninvolved states.", ["three previously uninvolved states"]),
        ("Two existing trade blocs merged, and 3 cars made in Japan sold.", ["Two existing trade blocs", "3 cars"]),
        # two numbers with "or" between are a rough range, not the last two of a list
        ("It took four or five years.", ["four or five years"]),
        ("Prices rose 5, 10 or 15 per cent.", ["5", "10", "15 per cent"]),
        # a rate written once after a range's second end is both ends'; "the 2005 year" names a year
        (
            "It forecasts earnings of $1.48 to $1.52 per share for the 2005 year.",
            ["$1.48 to $1.52 per share"],
        ),
        # an amount in millions with no noun counts what its sentence is about; it is never a year or a label
        ("Figures showed 2.4 billion were sent, and sales passed 167 million.", ["2.4 billion", "167 million"]),
        # a unit word capitalised after its number is part of a name; a currency named with its country is not
        ("Rapper 50 Cent sold 97 studios near Three Mile Island.", ["97 studios"]),
        ("It paid 3.4bn Danish kroner.", ["3.4bn Danish kroner"]),
        # a currency named with its people, also after millions glued to "m" (not metres)
        ("It is worth 745m Indian rupees and 3bn Japanese yen.", ["745m Indian rupees", "3bn Japanese yen"]),
        # "one" counts beside other counts, and counting who was hurt; not a source introduced, nor alternatives
        ("Police named six men and one woman killed in the crash.", ["six men", "one woman"]),
        ("The other victims - one female and three male - are recovering.", ["one female"]),
        ("One person died and trains collided, injuring one person.", ["One person", "one person"]),
        ('"It is over," one official said, and one trader agreed.', []),
        ("The talks ended on March 5 and one official said they would resume.", []),
        ("Not one person was injured in the blast.", []),
        ("You are one click or one e-mail away.", []),
        # a participle before the noun it describes is part of the counted noun
        ("The country has 40 coal fired power stations.", ["40 coal fired power stations"]),
        # a number word capitalised inside a sentence is a name's, tagged or not
        ("Barkley is fit for the RBS Six Nations clash, and two others are not.", ["two others"]),
        # a range whose first end is converted in brackets is still one range, the conversion its own amount
        (
            "Rules set compensation at between 250 euros (£173) and 600 euros.",
            ["between 250 euros (£173) and 600 euros", "£173"],
        ),
        # a double hyphen between two amounts is a dash between clauses, not a range
        ("Sales totaled 8,182,500 tonnes -- 4,080,500 tonnes of wheat.", ["8,182,500 tonnes", "4,080,500 tonnes"]),
    ],
)
def test_amounts_read_on_both_pipelines(nlp, claims_nlp, sentence, surfaces):
    for pipeline in (nlp, claims_nlp):
        assert [claim.surface for claim in extract_claims(pipeline(sentence))] == surfaces


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a sub-unit is stated in its currency; a currency in letters may be glued to its number
        ("The shares rose 18 sen to RM23.50.", [("18 sen", 0.18, "MYR"), ("RM23.50", 23.5, "MYR")]),
        ("BP rose 18p to 245p.", [("18p", 0.18, "GBP"), ("245p", 2.45, "GBP")]),
        # a cent is in the cent currency named before it, else the US dollar's
        (
            "The fund raised AUD1.5m and paid 15 cents a unit.",
            [("AUD1.5m", 1.5e6, "AUD"), ("15 cents a unit", 0.15, "AUD/unit")],
        ),
        ("Oracle shares rose 15 cents.", [("15 cents", 0.15, "USD")]),
        ("It raised its dividend to 40 euro cents.", [("40 euro cents", 0.4, "EUR")]),
        ("Page 5 p 7 of the report.", []),
        # "m" before a currency word is millions; after money in millions, "another" 550m is more of it
        ("Income fell from 798m euro.", [("798m euro", 798e6, "EUR")]),
        (
            "Fiat gets 1bn euros now, with another 550m to follow.",
            [("1bn euros", 1e9, "EUR"), ("550m", 550e6, "EUR")],
        ),
        # a change restated after a share, then the level it reached: no range
        (
            "It sent shares up more than 6%, or 16.75 pence to 293.5p.",
            [("more than 6%", 6, "percent"), ("16.75 pence", 0.1675, "GBP"), ("293.5p", 2.935, "GBP")],
        ),
        ("Fees ranged 5 to 50 dollars.", [("5 to 50 dollars", 27.5, "USD")]),
        # pounds weighed are a weight
        ("The spacecraft weighed nearly 30,000 pounds.", [("nearly 30,000 pounds", 30000, "lb")]),
        ("It paid nearly 30,000 pounds.", [("nearly 30,000 pounds", 30000, "GBP")]),
        # a currency named with its country before the amount
        (
            "Qantas made a record Australian dollars 648m ($492m) profit.",
            [("Australian dollars 648m", 648e6, "AUD"), ("$492m", 492e6, "USD")],
        ),
        # a currency's name capitalised after millions is the currency (after a plain number, a name's word)
        ("Jugnot made 5.45m Euros (£3.77m) last year.", [("5.45m Euros", 5.45e6, "EUR"), ("£3.77m", 3.77e6, "GBP")]),
        # the wires' short "dlrs" with its country after the amount
        (
            "It sold 50 mln Canadian dlrs of notes and 1.2 mln Australian dlr bonds.",
            [("50 mln Canadian dlrs", 50e6, "CAD"), ("1.2 mln Australian dlr", 1.2e6, "AUD")],
        ),
        # a share's price in eighths is in dollars; a bond's is a share of its face value
        (
            "Penn Central stock rose 2-1/4 to 55-7/8.",
            [("2-1/4", 2.25, "USD"), ("55-7/8", 55.875, "USD")],
        ),
        ("The bonds were priced at 100-3/4.", [("100-3/4", 100.75, None)]),
        # a currency's symbol written after the digits
        ("I paid 80$ for it and 15€ for the rest.", [("80$", 80, "USD"), ("15€", 15, "EUR")]),
        ("Tickets cost 20£ each, about 5 $10 bills.", [("20£", 20, "GBP"), ("$10", 10, "USD")]),
    ],
)
def test_money_in_its_currency(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an index's change in points and the level it went to, measuring the index its name ends with a number
        (
            "The FTSE 100 fell 162.31 points to 7,425.81.",
            [("162.31 points", "points", "down", "FTSE 100"), ("7,425.81", "points", "down", "FTSE 100")],
        ),
        # the level a percent change went to, with no unit of its own
        (
            "The benchmark BLOM stock index closed down 7.9% at 642.80.",
            [
                ("7.9%", "percent", "down", "benchmark BLOM stock index"),
                ("642.80", None, "down", "benchmark BLOM stock index"),
            ],
        ),
        # a plus sign is a rise; a list's label says what each measures; "pc" is a percent, "PC" a computer
        (
            "Germany +0.3%, France 2pc.",
            [("0.3%", "percent", "up", "Germany"), ("2pc", "percent", None, "France")],
        ),
        ("He bought a 386 PC.", []),
        # a distance that names a race is no measure; a distance run is
        ("The Olympic 10,000m champion won the men's 1500m and the 60m hurdles.", []),
        ("He ran 200m of track.", [("200m", "m", None, "track")]),
        # both ends of a change "from" one bare figure "to" another
        (
            "The composite index jumped 224 pct from 131.32 to 424.81 in 1986.",
            [
                ("224 pct", "percent", "up", "composite index"),
                ("131.32", None, "up", "composite index"),
                ("424.81", None, "up", "composite index"),
            ],
        ),
    ],
)
def test_market_figures(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.unit, c.direction, c.of_what) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a share as the size of a change, with the change's way and what it changed
        ("Sales fell by half last year.", [("half", 0.5, "down", "Sales")]),
        ("The firm cut its workforce by a third.", [("a third", 1 / 3, "down", "its workforce")]),
        # a level in points only after a change in points in its own sentence; a capital B only before a small word
        (
            "The index fell 3 points. He ran to 12 miles and then to 7.5.",
            [("3 points", 3.0, "down", "index"), ("12 miles", 12.0, None, None)],
        ),
        ("He met 8 B People.", [("8 B People", 8.0, None, "B People He met")]),
        # a share with no "of" and no change is no claim; "by" with no change verb is no change
        ("Half the time he was late.", []),
        ("It was hit by 5 storms.", [("5 storms", 5.0, None, "storms")]),
        # a capital B after a space is billions
        ("It would cost 8 B people their jobs.", [("8 B people", 8e9, None, "people")]),
    ],
)
def test_shares_of_a_change_and_billions(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.direction, c.of_what) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("A three-judge panel ruled on Monday.", [("three-judge", 3, "judge", "panel")]),
        ("He sent a 12-page letter to the board.", [("12-page", 12, "page", "letter to the board")]),
        ("The car has a six-cylinder engine.", [("six-cylinder", 6, "cylinder", "engine")]),
        # one- describes a kind ('one-off', 'one-man'); a unit or a time hyphened is a measure or a duration
        ("A one-man show and a 10-mile race.", [("10-mile", 10, "mile", "race")]),
    ],
)
def test_a_number_hyphened_to_a_noun_that_describes_another_counts_it(nlp, claims_nlp, sentence, expected):
    claims = extract_claims(nlp(sentence))
    assert [(c.surface, c.value, c.unit, c.of_what) for c in claims] == expected
    # Without tags a past tense after the noun ('panel ruled') cannot be told from a participle: of_what aside,
    # the tokenizer pipeline reads the same.
    claims = extract_claims(claims_nlp(sentence))
    assert [(c.surface, c.value, c.unit) for c in claims] == [e[:3] for e in expected]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The survey's balance of plus 3 compared with minus 10.", [("3", 3, None), ("minus 10", -10, None)]),
        ("The death toll rose to 12.", [("12", 12, "up")]),
        # with no such words a bare number says nothing: a name, an address, a year
        ("The meeting moved to 10 Downing Street in 2005.", []),
    ],
)
def test_a_bare_number_that_is_a_level_or_a_change_is_a_claim(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.direction) for c in claims] == expected
        assert {(c.quantity_kind, c.unit) for c in claims} <= {("number", None)}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # wire copy's share prices, in the dollar's halves, quarters and eighths, which the sentence leaves unsaid
        ("Penn Central rose 2-1/4 to 55-7/8 on heavy trading.", [("2-1/4", 2.25, "up"), ("55-7/8", 55.875, "up")]),
        ("Its stock is trading at 34-1/4 in New York.", [("34-1/4", 34.25, None)]),
    ],
)
def test_a_share_price_in_eighths_is_in_dollars(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.direction) for c in claims] == expected
        assert {(c.quantity_kind, c.unit) for c in claims} == {("money", "USD")}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "In the quarter, nine of our 11 businesses grew.",
            [("nine", 9, "businesses"), ("11 businesses", 11, "businesses")],
        ),
        ("Two of the most controversial traveller sites remain shut.", [("Two", 2, "traveller sites")]),
        # the parser may make part and whole one phrase; "out of" is "of"
        (
            "Only two of five submarines are operational.",
            [("two", 2, "submarines"), ("five submarines", 5, "submarines")],
        ),
        (
            "He was completing seven out of 16 attempts.",
            [("seven", 7, "attempts"), ("16 attempts", 16, "attempts")],
        ),
        ("He is one of the biggest donors.", []),  # one of: a rank, not an amount
        # a plural with no plural ending
        ("The airline ordered 30 of the aircraft.", [("30", 30, "aircraft")]),
        # an adjective that names people after "the", when it ends the phrase
        ("Police said four of the dead were tourists.", [("four", 4, "dead")]),
        ("Three of the missing children were found.", [("Three", 3, "children")]),
    ],
)
def test_a_number_of_a_plural_phrase_counts_its_nouns(nlp, sentence, expected):
    claims = extract_claims(nlp(sentence))
    assert [(c.surface, c.value, c.unit) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Only five of the 37 have been found in the past 20 years.",
            [("five", 5, "count", None), ("37", 37, "count", None), ("20 years", 20, "duration", "year")],
        ),
        (
            "Yates was 7 of 16 for 83 yards.",
            [("7", 7, "count", None), ("16", 16, "count", None), ("83 yards", 83, "measure", "yard")],
        ),
        # what a count just before counted, they count too
        (
            "There are 37 super giants in the world. Only five of the 37 have been found since.",
            [
                ("37 super giants", 37, "count", "super giants"),
                ("five", 5, "count", "super giants"),
                ("37", 37, "count", "super giants"),
            ],
        ),
        # "one of" is a rank, and a number after it no whole of a part
        ("He was one of the 12 who left.", []),
    ],
)
def test_a_part_and_its_whole_both_bare_are_counts_of_what_the_sentence_is_about(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.value, c.quantity_kind, c.unit) for c in claims] == expected


def test_without_a_parse_a_number_of_a_plural_counts_past_determiners_numbers_and_a_possessive(claims_nlp):
    sentence = "Only five of the isolated nation's 85 rocket launches took place then."
    claims = extract_claims(claims_nlp(sentence))
    assert [(c.surface, c.value, c.unit) for c in claims] == [
        ("five", 5, "rocket launches"),
        ("85 rocket launches", 85, "rocket launches"),
    ]
    assert extract_claims(claims_nlp("He is one of the biggest donors.")) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the size of a change and the level it reached, not a range
        (
            "The IEA raised its estimate by 80,000 barrels a day to 84 million barrels a day.",
            [("80,000 barrels a day", 80_000, "change"), ("84 million barrels a day", 84e6, "change_to")],
        ),
        (
            "The US had increased aid in the past four years from $1.1bn to $4.6bn.",
            [("four years", 4, "level"), ("$1.1bn", 1.1e9, "change_from"), ("$4.6bn", 4.6e9, "change_to")],
        ),
        # what ranges is said; ends of one size after "by" are a range too
        ("Fees ranging from 3 to 5 per cent were charged.", [("from 3 to 5 per cent", 4, "level")]),
        # after a change verb, a bare end close to one with a unit is a range of the change
        ("Export growth must increase ten to eleven pct a year.", [("ten to eleven pct", 10.5, "change")]),
        # "m" is millions of the unit after it, and of the sentence's unit when the writer left it out
        (
            "Crude stockpiles had fallen 1m barrels to 294.3m.",
            [("1m barrels", 1e6, "change"), ("294.3m", 294.3e6, "change_to")],
        ),
        # millions of people; metres of a track, not millions (a race's name is no amount at all)
        (
            "About 3m people voted, and he ran 200m of track.",
            [("About 3m people", 3e6, "level"), ("200m", 200, "level")],
        ),
        ("About 3m people voted, and he won the 200m race.", [("About 3m people", 3e6, "level")]),
    ],
)
def test_changes_ranges_and_millions(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.change_kind) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an age after "aged", in years
        ("Only 15% of Britons aged 65 or over were online.", [("15% of Britons", 15, "percent"), ("65", 65, "year")]),
        # and after "ages", each of the ages listed; "ages" as a verb takes its own unit
        ("Clark said of her children, ages 7 and 10, that they asked.", [("7", 7, "year"), ("10", 10, "year")]),
        ("The wine ages 10 years.", [("10 years", 10, "year")]),
        # "a" is one period after a word that makes it a duration, not in a rate or a date
        (
            "He stayed for a decade and left in less than a month.",
            [("a decade", 1, "decade"), ("less than a month", 1, "month")],
        ),
        ("It paid $5bn a year, a year ago.", [("$5bn", 5e9, "USD")]),
        # half of a whole named without "of"
        ("Savers recovered about half their savings.", [("about half their savings", 0.5, "fraction")]),
        ("In the second half the team scored.", []),
    ],
)
def test_ages_one_period_and_half_a_whole(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a fraction "of a" unit or magnitude is that much of it, not a share of "a mile"
        (
            "The walk took half an hour and covered a quarter of a mile.",
            [("half an hour", 0.5, "hour"), ("a quarter of a mile", 0.25, "mile")],
        ),
        ("Half a million people marched.", [("Half a million people", 5e5, "people")]),
        ("The Fed raised rates by half a percentage point.", [("half a percentage point", 0.5, "percentage_points")]),
        ("A third of a billion dollars was spent.", [("A third of a billion dollars", 1e9 / 3, "USD")]),
    ],
)
def test_a_fraction_of_one_unit_or_magnitude_is_that_much_of_it(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit) for c in claims] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "m" is millions before things counted, also with one word that says which; a race's name is none
        ("By midnight 133m text messages were sent.", [("133m text messages", 133e6, "text messages")]),
        ("He won the 200m freestyle heats.", []),
        # a race's name is no amount; a dimension says what the metres measure
        ("The 400m relay teams ran, and workers built 2m high walls.", [("2m", 2, "m")]),
        # nouns whose plural is their singular are counted too
        (
            "Air India will buy 50 new aircraft and 40 sheep.",
            [("50 new aircraft", 50, "new aircraft"), ("40 sheep", 40, "sheep")],
        ),
    ],
)
def test_millions_of_things_described_and_plurals_without_an_s(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit) for c in claims] == expected


def test_a_models_number_before_its_name_counts_no_aircraft(nlp):
    assert extract_claims(nlp("Boeing will test its 787 Dreamliner aircraft.")) == []


@pytest.mark.parametrize(
    "sentence, units",
    [
        ("Police found four dead bodies, and the blast left 50 dead.", ["dead bodies", "dead"]),
        (
            "The EU imposed seven sets of sanctions and two forms of compensation.",
            ["sets of sanctions", "forms of compensation"],
        ),
        (
            "He named 140 politicians and public officials, and hired 30 staff and 4 managers.",
            ["politicians and public officials", "staff", "managers"],
        ),
    ],
)
def test_what_a_count_counts_runs_through_kinds_and_pairs_of_nouns(nlp, sentence, units):
    # Read with the tags: the tokenizer pipeline keeps the first noun.
    assert [c.unit for c in extract_claims(nlp(sentence))] == units


def test_an_index_moves_in_points_not_in_things_counted(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline("The FTSE 100 fell 162.31 points to 7,425.81, and 300 workers left."))
        assert [(c.surface, c.quantity_kind) for c in claims] == [
            ("162.31 points", "points"),
            ("7,425.81", "points"),
            ("300 workers", "count"),
        ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a count through a modifier of several hyphened words
        ("Viewers will receive 14 free-to-air channels.", [("14 free-to-air channels", "free-to-air channels")]),
        # a name in the plural, which the tagger takes for a singular name
        ("OutKast won three Grammys in February.", [("three Grammys", "grammys")]),
        # "number one" is a rank, and a singular name is not counted
        ("He has won 18 number one singles.", []),
        ("She met two Congress aides.", [("two Congress aides", "congress aides")]),
        # a number written into a letter is a name's ("3G", "5G"), no count
        ("Operators paid for their 3G licences and built 5G networks.", []),
        # what says when after the plural is no part of what is counted
        ("Officials demolished 6,000 homes today.", [("6,000 homes", "homes")]),
        ("Police arrested 20 people last week.", [("20 people", "people")]),
    ],
)
def test_counts_through_hyphened_modifiers_and_plural_names_not_ranks(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        assert [(c.surface, c.unit) for c in extract_claims(pipeline(sentence))] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a year is no count of "the number of" anything
        ("There was a drop in the number of drivers breathalysed since 1997.", []),
        # a wire's 24-hour clock is a time of day; hours as a duration stay
        ("Subscriptions close at 15.00 hrs local time.", []),
        ("The flight took 3 hrs.", [("3 hrs", "hour")]),
        # a season, a weekend or a night is a period counted in the plural or as one; in the singular after
        # another number it is a label, a record or an ordinal
        (
            "He played two seasons, then for one season abroad, and spent three nights in jail.",
            [("two seasons", "season"), ("one season", "season"), ("three nights", "night")],
        ),
        ("The 2004 season was a 0-16 season, and the film had a third weekend at the top.", []),
        ("It was a third week of protests.", []),
        ("One night in June, he was attacked.", []),
        ("They booked a 10-night cruise after a tour.", [("10-night", "night")]),
        ("The work took a quarter hour.", [("a quarter hour", "hour")]),
        # a rate's denominator is no claim of its own
        ("The limit is 80mg of alcohol per 100ml of blood.", [("80mg", "mg")]),
    ],
)
def test_years_clock_times_and_rate_denominators_are_no_claims(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        assert [(c.surface, c.unit) for c in extract_claims(pipeline(sentence))] == expected


def test_a_plural_the_tagger_took_for_a_verb_is_counted_where_the_parser_reads_a_noun(nlp):
    doc = nlp("The CCC has accepted a bid for two bonus offers to cover the sale of 10,000 tonnes of poultry.")
    assert [t.tag_ for t in doc if t.text == "offers"] == ["VBZ"]
    assert [claim.surface for claim in extract_claims(doc)] == ["two bonus offers", "10,000 tonnes"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "one" stressed as a number counts its thing
        ("At least one suspect had been arrested.", [("At least one suspect", "suspect")]),
        ("They conceded only one goal in four games.", [("one goal", "goal"), ("four games", "games")]),
        # "one" that introduces someone, or a name, counts nothing
        ("One analyst said prices would rise.", []),
        ("It is just One Night.", []),
        ("Only one said no.", []),
        ("Just one remains.", []),
    ],
)
def test_one_counts_only_when_stressed_as_a_number(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        assert [(c.surface, c.unit) for c in extract_claims(pipeline(sentence))] == expected


def test_a_fraction_of_a_unit_after_it_is_no_share_price(nlp):
    claims = extract_claims(nlp("Its stock fell 1/2 and the bank raised its prime rate 1/2 point."))
    assert [(c.surface, c.unit) for c in claims if c.unit == "USD"] == [("1/2", "USD")]


def test_second_hand_things_are_counted_not_timed(nlp, claims_nlp):
    sentence = "They sold 40 second-hand cars and six second hand vans after a 30 second wait."
    assert [(c.surface, c.quantity_kind) for c in extract_claims(nlp(sentence))] == [
        ("40 second-hand cars", "count"),
        ("six second hand vans", "count"),
        ("30 second", "duration"),
    ]
    # the word lists read the hyphened count; neither reading takes the vans for six seconds
    assert [(c.surface, c.unit) for c in extract_claims(claims_nlp(sentence))] == [
        ("40 second-hand cars", "second-hand cars"),
        ("30 second", "second"),
    ]


def test_a_gallerys_picture_counter_after_a_photo_credit_is_no_claim(nlp, claims_nlp):
    caption = "The mayor waves to the crowd Getty Images 9 The mayor lands in Leeds for a rally with 300 supporters."
    for pipeline in (nlp, claims_nlp):
        assert [c.surface for c in extract_claims(pipeline(caption))] == ["300 supporters"]
        # an agency's name alone is no credit
        assert [c.surface for c in extract_claims(pipeline("The court gave the EPA 90 days to act."))] == ["90 days"]


def test_dollars_named_after_the_sign_as_australian_papers_write_them(nlp, claims_nlp):
    sentence = "The coin fell below $US5,800 while the deal was worth $A2.5bn and $NZ300."
    for pipeline in (nlp, claims_nlp):
        assert [(c.surface, c.value, c.unit) for c in extract_claims(pipeline(sentence))] == [
            ("below $US5,800", 5800.0, "USD"),  # (the comparator is in the surface, as for "$")
            ("$A2.5bn", 2.5e9, "AUD"),
            ("$NZ300", 300.0, "NZD"),
        ]


def test_a_results_line_naming_the_profit_or_loss_again_after_vs_compares_two_levels(nlp, claims_nlp):
    line = "Oper net loss 41,000 vs profit 163,000"
    for pipeline in (nlp, claims_nlp):
        assert [(c.value, c.change_kind) for c in extract_claims(pipeline(line))] == [
            (41_000.0, "level"),
            (163_000.0, "level"),
        ]
