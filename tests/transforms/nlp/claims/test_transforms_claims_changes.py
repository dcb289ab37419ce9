"""A change stated in one sentence links the new value to the one it changed from."""

from __future__ import annotations

import pytest

from transforms.nlp.analyse import extract_article
from transforms.nlp.claims import extract_claims


def _changes(nlp, reference, text: str) -> list[tuple[str, str | None]]:
    """(surface, surface of the value it changed from) for each claim."""
    claims = extract_article(nlp(text), "art_test", [], reference).numeric_claims
    surfaces = {claim["claim_id"]: claim["surface"] for claim in claims}
    return [(claim["surface"], surfaces.get(claim["previous_claim_id"])) for claim in claims]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the new value first, the old one after "from" (the seed's sentence shape)
        (
            "The government plans to raise defence spending to two per cent of GDP by March 2026, "
            "from about 1.8 per cent now.",
            [("two per cent of GDP", "about 1.8 per cent"), ("about 1.8 per cent", None)],
        ),
        ("Profit rose from $3bn to $5bn last year.", [("$3bn", None), ("$5bn", "$3bn")]),
        (
            "Net profit was $5bn, up from $3bn a year earlier, while sales rose 4%.",
            [("$5bn", "$3bn"), ("$3bn", None), ("4%", None)],
        ),
        ("Unemployment fell to 4.1% in May, compared with 4.3% in April.", [("4.1%", "4.3%"), ("4.3%", None)]),
    ],
)
def test_new_value_points_at_the_old_one(nlp, reference, sentence, expected):
    assert _changes(nlp, reference, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Imports from 12 countries rose 5% to 200 tonnes.",  # "from" a count, the other values other units
        "Prices rose from 3% in March. Wages grew 2% in April.",  # another sentence
        "The fund lent 40 million dollars to 12 companies.",
    ],
)
def test_no_link_across_units_or_sentences(nlp, reference, sentence):
    assert all(previous is None for _, previous in _changes(nlp, reference, sentence))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Exports fell 7% to $2.3bn in 2024.", [("7%", 7.0, "change", "down"), ("$2.3bn", 2.3e9, "change_to", "down")]),
        (
            "Sales rose 2% to $11.1bn from $10.9bn.",
            [
                ("2%", 2.0, "change", "up"),
                ("$11.1bn", 11.1e9, "change_to", "up"),
                ("$10.9bn", 10.9e9, "change_from", "up"),
            ],
        ),
        ("Profit was $5bn, up from $3bn.", [("$5bn", 5e9, "change_to", "up"), ("$3bn", 3e9, "change_from", "up")]),
        # the old level named as whose it was, after a possessive or "of", right after the change's way
        (
            "Profit rose 10 pct on proceeds from the sale of 2 mln shares.",
            [("10 pct", 10.0, "change", "up"), ("2 mln shares", 2e6, "level", None)],
        ),
        (
            "The total was 24.07 billion stg, up from December's 23.77 billion stg.",
            [("24.07 billion stg", 24.07e9, "change_to", "up"), ("23.77 billion stg", 23.77e9, "change_from", "up")],
        ),
        # money or things lost are the loss; jobs, a share or points lost are a fall
        ("Alitalia lost 330m euros in 2003.", [("330m euros", 330e6, "level", None)]),
        (
            "The firm lost 5,000 jobs and its shares lost 3%.",
            [("5,000 jobs", 5000.0, "change", "down"), ("3%", 3.0, "change", "down")],
        ),
        # a change verb in its base form, its object between it and "by"
        ("It should boost group sales by around 12 pct.", [("around 12 pct", 12.0, "change", "up")]),
        # a hedge between "to" and the level it reached
        (
            "Purchases jumped to a near-record 1.52 billion dlrs from 113 mln.",
            [("1.52 billion dlrs", 1.52e9, "change_to", "up"), ("113 mln", 113e6, "change_from", "up")],
        ),
        # what the level is of, or when, may stand before "up/down from", after a comma or a dash
        (
            "They sold a net 153 mln dlrs of stocks, down from 681 mln.",
            [("153 mln dlrs", 153e6, "change_to", "down"), ("681 mln", 681e6, "change_from", "down")],
        ),
        (
            "Sales were 5 mln dlrs in 1986 - up from 2 mln dlrs in 1985.",
            [("5 mln dlrs", 5e6, "change_to", "up"), ("2 mln dlrs", 2e6, "change_from", "up")],
        ),
        (
            "Shares closed 3% higher after a 7% rise in sales; profits of $3bn were flat.",
            [("3%", 3.0, "change", "up"), ("7%", 7.0, "change", "up"), ("$3bn", 3e9, "level", None)],
        ),
        (
            "The index lost 162.31 points and was revised to 2%.",
            [("162.31 points", 162.31, "change", "down"), ("2%", 2.0, "change_to", None)],
        ),
        # "at" right after a change's amount is the level it reached; a year's rate is still a change
        ("Net profit was up 6% at $16.6bn.", [("6%", 6.0, "change", "up"), ("$16.6bn", 16.6e9, "change_to", "up")]),
        ("Shares closed 3% higher at 120p.", [("3%", 3.0, "change", "up"), ("120p", 1.2, "change_to", "up")]),
        ("Fraud rose an annual 6%.", [("6%", 6.0, "change", "up")]),
        ("The number of lost laptops has leapt by 71%.", [("71%", 71.0, "change", "up")]),
        # "towards" a level; the change that led to a level, stated after it; a list of one change's amounts
        (
            "The dollar could fall towards 1.77 marks and 140 yen.",
            [("1.77 marks", 1.77, "change_to", "down"), ("140 yen", 140.0, "change_to", "down")],
        ),
        (
            "Orders totaled 103.8 mln dlrs in February, up 4.9 pct.",
            [("103.8 mln dlrs", 103.8e6, "change_to", "up"), ("4.9 pct", 4.9, "change", "up")],
        ),
        (
            "The airline said available seat miles, at 357.1 mln, were up 40.5 pct from a year ago.",
            [("357.1 mln", 357.1e6, "change_to", "up"), ("40.5 pct", 40.5, "change", "up")],
        ),
        (
            "It flew 987.7 mln revenue passenger miles last month, up 12 pct.",
            [("987.7 mln", 987.7e6, "change_to", "up"), ("12 pct", 12.0, "change", "up")],
        ),
        # "hit" after an amount is as often a verb of a level reached: no fall
        ("Oil at $100 hit a record high on Monday.", [("$100", 100.0, "level", None)]),
        (
            "Exports totalled 5 bln dlrs and imports, up 3 pct, reached 4 bln.",
            [("5 bln dlrs", 5e9, "level", None), ("3 pct", 3.0, "change", "up"), ("4 bln", 4e9, "level", None)],
        ),
        (
            "Demand rose by 310,000 tonnes in July and 330,000 tonnes in August.",
            [("310,000 tonnes", 310000.0, "change", "up"), ("330,000 tonnes", 330000.0, "change", "up")],
        ),
        # a change noun with "of" or "at" before the amount, a rate of change; a duration adjective is none
        ("He forecast growth at between 3% and 3.5%.", [("between 3% and 3.5%", 3.25, "change", "up")]),
        (
            "Debt is rising at 15% a year after a 27-month decline.",
            [("15%", 15.0, "change", "up"), ("27-month", 27.0, "level", None)],
        ),
        ("There could be a boost of about £400m.", [("about £400m", 400e6, "change", "up")]),
        # a verb that multiplies is the change itself; "double" as an adjective is none
        (
            "Sales doubled and the budget could double again.",
            [("doubled", 2.0, "change", "up"), ("double", 2.0, "change", "up")],
        ),
        ("The dollar has nearly halved its value.", [("halved", 0.5, "change", "down")]),
        ("A resale could potentially triple the price.", [("triple", 3.0, "change", "up")]),
        # an uplift or a downturn after the amount is a change
        ("We have seen a 22% uplift in card fraud.", [("22%", 22.0, "change", "up")]),
        ("It suffered a 3% downturn in sales.", [("3%", 3.0, "change", "down")]),
        # jobs that go are a fall in jobs
        (
            "SBC said 5,125 positions would go, and two million people lost their jobs.",
            [("5,125 positions", 5125.0, "change", "down"), ("two million people", 2e6, "change", "down")],
        ),
        ("Correspondents say 6,000 job losses had been expected.", [("6,000 job losses", 6000.0, "change", "down")]),
        ("The firm employs 5,000 staff.", [("5,000 staff", 5000.0, "level", None)]),
        # an "up" that says no way ("makes up", "set up") makes no change
        ("Spending makes up half the economy.", [("half", 0.5, "level", None)]),
        ("He set up two schools.", [("two schools", 2.0, "level", None)]),
        # jobs added are a rise
        ("US firms added only 146,000 jobs.", [("146,000 jobs", 146000.0, "change", "up")]),
        ("Some 157,000 new jobs were added.", [("Some 157,000 new jobs", 157000.0, "change", "up")]),
        # the old or new level with words that say which level before it
        (
            "Inflation declined to 9.4 pct from an annual 9.8 pct.",
            [("9.4 pct", 9.4, "change_to", "down"), ("9.8 pct", 9.8, "change_from", "down")],
        ),
        (
            "Lending rates have dropped to 16.5 pct from a high of 19 pct.",
            [("16.5 pct", 16.5, "change_to", "down"), ("19 pct", 19.0, "change_from", "down")],
        ),
        ("He was convicted of a double murder.", []),
        # a change noun after the amount and the noun of what changed; not a clause after a share
        (
            "It faced a potential 76 mln dlr revenue reduction and a 10% annual price rise.",
            [("76 mln dlr", 76e6, "change", "down"), ("10%", 10.0, "change", "up")],
        ),
        (
            "Of the firms surveyed, 30% saw orders rise.",
            [("30%", 30.0, "level", None)],
        ),
        ("There is a 30% chance rates rise next year.", [("30%", 30.0, "level", None)]),
        ("He said the 20% whose incomes fall would get help.", [("20%", 20.0, "level", None)]),
        # a change noun with "of" and a hedge before the amount
        ("Exports saw a fall of only 2 pct.", [("2 pct", 2.0, "change", "down")]),
        # a bare figure at one end of a change is in the unit of the other end
        (
            "Inflation fell to 4.3 pct from 10.2 a year earlier.",
            [("4.3 pct", 4.3, "change_to", "down"), ("10.2", 10.2, "change_from", "down")],
        ),
        # a hedge between "to" and a bare figure
        (
            "Membership has fallen by 20,000 to about 690,000.",
            [("20,000", 20000.0, "change", "down"), ("about 690,000", 690000.0, "change_to", "down")],
        ),
        # the same change restated between spaced dashes
        (
            "Oracle shares rose 15 cents - 1.1% - on Nasdaq.",
            [("15 cents", 0.15, "change", "up"), ("1.1%", 1.1, "change", "up")],
        ),
    ],
)
def test_values_are_as_stated_and_the_change_has_its_own_columns(nlp, sentence, expected):
    claims = extract_claims(nlp(sentence))
    assert [(c.surface, pytest.approx(c.value), c.change_kind, c.direction) for c in claims] == expected


def test_an_amount_without_its_currency_after_money_in_the_sentence_is_that_money(nlp):
    claims = extract_claims(nlp("Net profit was 146.4 mln dlrs vs 110.3 mln, and sales rose to 6.5 billion."))
    assert [(c.surface, c.value, c.currency) for c in claims] == [
        ("146.4 mln dlrs", 146.4e6, "USD"),
        ("110.3 mln", 110.3e6, "USD"),
        ("6.5 billion", 6.5e9, "USD"),
    ]
    # After a count, it counts the same noun; with nothing before it, it is a count of what its sentence is
    # about, in no currency.
    claims = extract_claims(nlp("Some 157,000 new jobs were added, taking the year's total to 2.2 million."))
    assert [(c.surface, c.quantity_kind, c.unit) for c in claims][-1] == ("2.2 million", "count", "new jobs")
    assert [
        (c.surface, c.quantity_kind, c.unit, c.currency) for c in extract_claims(nlp("The figure was 3.7 mln."))
    ] == [("3.7 mln", "count", None, None)]


def test_the_ends_of_one_change_in_a_list_and_a_level_below_another(nlp):
    text = (
        "Reserves rose to 16.07 billion ringgit in February from 15.73 billion in January and 12.23 billion "
        "a year ago. Orders were 38.5 pct below the 168.6 mln dlrs of 1986. Oracle is cutting about 5,000 jobs."
    )
    assert [(c.surface, c.change_kind, c.direction) for c in extract_claims(nlp(text))] == [
        ("16.07 billion ringgit", "change_to", "up"),
        ("15.73 billion", "change_from", "up"),
        ("12.23 billion", "change_from", "up"),
        ("38.5 pct", "change", "down"),
        ("168.6 mln dlrs", "change_from", "down"),
        ("about 5,000 jobs", "change", "down"),
    ]


def test_what_a_quantity_measures_is_the_share_whole_or_what_changed(nlp):
    claims = extract_claims(nlp("Exports fell 3% to $3bn, and inflation is 10%. Spending was 2% of GDP."))
    assert [(c.surface, c.of_what) for c in claims] == [
        ("3%", "Exports"),
        ("$3bn", "Exports"),
        ("10%", "inflation"),
        ("2% of GDP", "GDP"),
    ]


def test_a_bare_figure_at_one_end_of_a_change_takes_the_unit_of_the_other(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        for sentence in ("Inflation fell to 4.3 pct from 10.2 a year earlier.", "Inflation rose from 4.5 to 5.2 pct."):
            assert [c.unit for c in extract_claims(pipeline(sentence))] == ["percent", "percent"]


def test_what_a_change_noun_after_an_amount_changed_is_the_noun_before_it(nlp):
    claims = extract_claims(nlp("It faced a 76 mln dlr revenue reduction. A 5% annual rise was expected."))
    assert [(c.surface, c.of_what) for c in claims] == [("76 mln dlr", "revenue"), ("5%", None)]


def test_a_wire_price_with_a_hyphened_fraction_is_a_mixed_number(nlp):
    claims = extract_claims(nlp("The stock fell 2-1/4 dlrs and the rate was 10-15/16 pct. It rose 3-4% in 2013-14."))
    assert [(c.surface, c.value, c.value_low, c.value_high) for c in claims] == [
        ("2-1/4 dlrs", 2.25, None, None),
        ("10-15/16 pct", 10.9375, None, None),
        ("3-4%", 3.5, 3.0, 4.0),
    ]


def test_people_counted_with_no_plural_ending(nlp):
    claims = extract_claims(nlp("Oracle has 55,000 staff. The attack left 120 wounded and 20 dead."))
    assert [(c.surface, c.value, c.unit, c.quantity_kind) for c in claims] == [
        ("55,000 staff", 55000.0, "staff", "count"),
        ("120 wounded", 120.0, "wounded", "count"),
        ("20 dead", 20.0, "dead", "count"),
    ]


def test_currencies_named_with_their_country_and_an_unrepeated_one_is_the_currency_not_the_rate(nlp):
    text = (
        "The deficit rose to 34.5 billion Danish crowns; it cost 5,000 guilders and 1.36 Egyptian pounds. "
        "Profit was 3.25 dlrs per share, or 214 mln, against 177 mln."
    )
    assert [(c.surface, c.unit) for c in extract_claims(nlp(text))] == [
        ("34.5 billion Danish crowns", "DKK"),
        ("5,000 guilders", "NLG"),
        ("1.36 Egyptian pounds", "EGP"),
        ("3.25 dlrs per share", "USD/share"),
        ("214 mln", "USD"),
        ("177 mln", "USD"),
    ]


def test_engine_and_area_units(nlp):
    text = (
        "The 300 horsepower engine makes 280 pound-feet at 6,500 rpm across a 100-square-mile area of 27,000 long tons."
    )
    assert [(c.surface, c.unit) for c in extract_claims(nlp(text))] == [
        ("300 horsepower", "hp"),
        ("280 pound-feet", "lb-ft"),
        ("6,500 rpm", "rpm"),
        ("100-square-mile", "mile2"),
        ("27,000 long tons", "long ton"),
    ]


def test_multiples_are_times_and_a_frequency_is_not_one(nlp):
    text = "Sales rose threefold, a 10-fold jump; the rocket is three times as powerful and twice as fast."
    assert [(c.surface, c.value, c.unit) for c in extract_claims(nlp(text))] == [
        ("threefold", 3.0, "times"),
        ("10-fold", 10.0, "times"),
        ("three times", 3.0, "times"),
        ("twice", 2.0, "times"),
    ]
    assert [(c.surface, c.unit) for c in extract_claims(nlp("He runs three times a week."))] == [
        ("three times a week", "times/week")
    ]


def test_an_unrepeated_unit_reaches_back_one_sentence(nlp):
    text = (
        "Domestic usage rose to a record 19 mln tonnes in October. Soviet imports were 3.7 mln against 1.4 mln. "
        "Profits were 214 mln dlrs. Sales rose to 6.50 billion."
    )
    assert [(c.surface, c.unit) for c in extract_claims(nlp(text))] == [
        ("19 mln tonnes", "tonne"),
        ("3.7 mln", "tonne"),
        ("1.4 mln", "tonne"),
        ("214 mln dlrs", "USD"),
        ("6.50 billion", "USD"),
    ]


def test_a_count_after_money_keeps_its_noun_and_frequencies_or_occasions_are_no_multiples(nlp):
    claims = extract_claims(nlp("Net profit was 146.4 mln dlrs. The company has 3 mln shareholders."))
    assert [(c.surface, c.unit) for c in claims] == [("146.4 mln dlrs", "USD"), ("3 mln shareholders", "shareholders")]
    text = "He was arrested three times the following year and runs twice a week."
    # occasions and a frequency are counts of times, no multiples
    assert [(c.surface, c.value, c.unit, c.quantity_kind) for c in extract_claims(nlp(text))] == [
        ("three times", 3.0, "times", "count"),
        ("twice a week", 2.0, "times/week", "count"),
    ]
    assert extract_claims(nlp("I will think twice before I deposit dollars.")) == []
    assert [(c.change_kind, c.direction) for c in extract_claims(nlp("The bank is raising its rate to 2%."))] == [
        ("change_to", "up")
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a total reached with "up", and funds raised, are levels
        ("IBM's machine clocked up 36.01 teraflops.", [(None, "level")]),
        # more or smaller than an earlier time is a change that way; than another thing, a comparison
        ("That was 26% more than in December 2003.", [("up", "change")]),
        ("Its reserves were 20% smaller than previously thought.", [("down", "change")]),
        ("It is worth 30% more than a hostile bid.", [(None, "level")]),
        # what something is taken to is the level it rose to; "take up to" is a limit
        ("He bought more, taking his stake to 42.3%.", [("up", "change_to")]),
        ("The inquiry could take up to 18 months.", [(None, "level")]),
        # a level followed by the change that led to it, as a noun
        ("Sales were $5bn, a fall of 3%.", [("down", "change_to"), ("down", "change")]),
        ("Democrats raised approximately $800,000 for a recount.", [(None, "level")]),
        ("The bank raised its stake by $5m.", [("up", "change")]),
        # an amount added, or a difference stated after the amount
        ("He urged them to give an extra $50bn in aid.", [("up", "change")]),
        ("The cattle weigh 75 to 100 lbs less than normal.", [("down", "change")]),
    ],
)
def test_totals_funds_extras_and_differences(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        assert [(c.direction, c.change_kind) for c in extract_claims(pipeline(sentence))] == expected


@pytest.mark.parametrize(
    "sentence, direction",
    [
        ("Reducing the limit from 80mg to 50mg would save lives.", "down"),
        ("Cutting the limit from 80mg to 50mg would save lives.", "down"),
        ("Raising the limit from 50mg to 80mg would cost lives.", "up"),
    ],
)
def test_a_change_verb_ending_in_ing_makes_from_and_to_an_old_and_a_new_value(nlp, claims_nlp, sentence, direction):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.change_kind, c.direction) for c in claims[:2]] == [
            (claims[0].surface, "change_from", direction),
            (claims[1].surface, "change_to", direction),
        ]
        assert [c.value for c in claims[:2]] == ([80.0, 50.0] if direction == "down" else [50.0, 80.0])


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a multiple with its scale word, and one of "what" something is
        ("The machine will be five million times faster.", [("five million times", 5_000_000.0, "times")]),
        ("Next year it will be four times what it is this year.", [("four times", 4.0, "times")]),
        # a share as the size of a change, the change verb some words before "by"
        ("Lives could be saved by cutting drink-drive limits by a third.", [("a third", 1 / 3, "fraction")]),
        # a share restated between dashes before its whole
        (
            "Nearly two thirds - 65% - of the people interviewed had used it.",
            [("Nearly two thirds", 2 / 3, "fraction"), ("65%", 65.0, "percent")],
        ),
    ],
)
def test_multiples_with_a_scale_and_shares_of_a_change_or_restated(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit) for c in claims] == expected


def test_compared_with_a_few_words_that_say_whose_is_the_old_value_of_the_change(nlp, claims_nlp):
    sentence = "Income rose to 214 mln dlrs compared with 1985's profit of 177 mln dlrs."
    other = "The trade deficit was 5 billion dlrs. Almost 60 pct of firms compared with the 14 pct."
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.change_kind, c.direction) for c in claims] == [
            ("214 mln dlrs", "change_to", "up"),
            ("177 mln dlrs", "change_from", "up"),
        ]
        # no change verb in the clause: "compared with" alone says no direction
        assert all(c.direction is None for c in extract_claims(pipeline(other)))


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The limit would save one in 50 drivers.", [("one in 50", 0.02, "fraction")]),
        # the whole with its thousands set apart
        ("Fewer than one in 10,000 consoles failed.", [("one in 10,000", 0.0001, "fraction")]),
        # a rank, then a time: no share
        ("It gave him his third number one in three weeks.", [("three weeks", 3.0, "week")]),
        ("Nine times out of ten it works.", [("Nine times out of ten", 0.9, "fraction")]),
        # counts, not a share (the part counts what its whole counts); a year is no whole
        ("He scored on 20 out of 29 attempts.", [("20", 20.0, "attempts"), ("29 attempts", 29.0, "attempts")]),
        ("He sold 5 in 2009.", []),
    ],
)
def test_a_count_in_a_count_is_a_share(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit) for c in claims] == expected


def test_a_count_in_a_count_measures_the_things_counted_after_it(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline("Fewer than one in 10,000 consoles in Europe failed."))
        assert [(c.surface, c.of_what) for c in claims] == [("one in 10,000", "consoles in Europe")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # what is knocked, wiped or shaved off something is a fall
        ("The weak dollar would knock 125m euros off its operating profits.", [("125m euros", "change", "down")]),
        # a change verb and its object right before the amount ('Metal-cutting' is no change word)
        ("The firm raised prices 5% last week.", [("5%", "change", "up")]),
        ("It could reduce the beef supply as much as three pct.", [("as much as three pct", "change", "down")]),
        ("Metal-cutting tool orders totaled 103.8 mln dlrs.", [("103.8 mln dlrs", "level", None)]),
        # a threshold past which something may not go is a level
        ("They need approval before they increase their stake above 49%.", [("above 49%", "level", None)]),
        # "up" after a verb it is the particle of, then "to" the new level: no "up to" (at most)
        (
            "The unemployment rate went up to 5.5% from 5.4%.",
            [("5.5%", "change_to", "up"), ("5.4%", "change_from", "up")],
        ),
        ("The fine could be up to $5,000.", [("up to $5,000", "level", None)]),
        ("The company will move up to 500 jobs to Poland.", [("up to 500 jobs", "level", None)]),
        ("Lenders may write off up to 100% of the debts.", [("up to 100% of the debts", "change", "down")]),
    ],
)
def test_a_fall_taken_off_and_a_change_verb_with_its_object_before_the_amount(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.change_kind, c.direction) for c in claims] == expected


def test_a_share_of_an_amount_is_a_claim_beside_the_amount_which_measures_no_share(nlp, claims_nlp):
    budget = "Two-thirds of its $900 million budget went on staff."
    for pipeline in (nlp, claims_nlp):  # the whole runs on to the noun after the amount
        assert (extract_claims(pipeline(budget))[0].of_what or "").startswith("its $900 million budget")
    sentence = "The lender said two-thirds of the $6 billion is tied to new tax rules."
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, pytest.approx(c.value), c.unit, c.of_what) for c in claims] == [
            ("two-thirds", 2 / 3, "fraction", "the $6 billion is tied to new tax rules"),
            ("$6 billion", 6e9, "USD", None),
        ]
    sentence = "The bid was $9bn, less than half of the $25bn that analysts think the division is worth."
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.unit) for c in claims] == [
            ("$9bn", "USD"),
            ("less than half", "fraction"),
            ("$25bn", "USD"),
        ]
        assert claims[2].of_what != "half"


def test_a_market_level_set_at_a_figure_after_when_and_a_level_named_as_one(nlp, claims_nlp):
    sentence = "Bond prices closed on Monday at 181.37, against the index's base value of 100.00 in 1990."
    for pipeline in (nlp, claims_nlp):
        # other words between the verb and "at" make no level: 'He ended his career at 35.'
        assert extract_claims(pipeline("He ended his career at 35.")) == []
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.value, c.of_what) for c in claims] == [
            ("181.37", 181.37, "Bond prices"),
            ("100.00", 100.0, "index's base value"),
        ]


def test_a_total_and_a_figure_named_as_one_are_levels_even_bare(nlp, claims_nlp):
    sentence = "March registrations totalled 120,455 against the year ago figure of 118,730."
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.value, c.change_kind) for c in claims] == [
            ("120,455", 120_455.0, "level"),
            ("118,730", 118_730.0, "level"),
        ]


def test_a_wire_results_tables_mths_are_months(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        [months] = extract_claims(pipeline("Nine mths\nShr 1.20 dlrs"))[:1]
        assert (months.surface, months.value, months.unit) == ("Nine mths", 9.0, "month")


def test_figures_a_results_line_compares_are_levels_even_bare(nlp, claims_nlp):
    line = "Shr 68 cts vs 65 cts\nNet 7,125,000 vs 6,904,000\nAvg shrs 9,215,000 vs 9,198,000\nSeed 2 vs 3"
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(line))
        assert [(c.value, c.unit, c.change_kind) for c in claims if "cts" not in c.surface] == [
            (7_125_000.0, "USD", "level"),  # in the results' currency (results_lines)
            (6_904_000.0, "USD", "level"),
            (9_215_000.0, "shares", "level"),
            (9_198_000.0, "shares", "level"),
        ]  # a small bare number compared ('Seed 2 vs 3') is no table figure


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "revised down the jobs gains": the values say down, not the "gains"
        (
            "The Labor Department also revised the jobs gains in December, from 157,000 to 133,000.",
            [("157,000", "change_from", "down"), ("133,000", "change_to", "down")],
        ),
        # no word says which way: "revised"
        (
            "The crop estimate was revised from 3.2 mln tonnes to 3.5 mln tonnes.",
            [("3.2 mln tonnes", "change_from", "up"), ("3.5 mln tonnes", "change_to", "up")],
        ),
        # the ends apart, a clause between: the words decide ("down from" is the first value's change)
        (
            "Purchases were 115.53 billion dlrs, down from 118.04 billion, while sales fell to 106.12 billion "
            "from 107.58 billion.",
            [
                ("115.53 billion dlrs", "change_to", "down"),
                ("118.04 billion", "change_from", "down"),
                ("106.12 billion", "change_to", "down"),
                ("107.58 billion", "change_from", "down"),
            ],
        ),
    ],
)
def test_the_two_ends_of_a_change_say_which_way_it_went(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.change_kind, c.direction) for c in claims] == expected


def test_values_only_compared_keep_no_direction(nlp, claims_nlp):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline("Net profit 146.4 mln vs 110.3 mln"))
        assert [(c.value, c.direction) for c in claims] == [(146.4e6, None), (110.3e6, None)]
