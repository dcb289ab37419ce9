"""Numeric claims from a doc that has only tokens and sentences (``flows.analyse.model.load_claims_pipeline``).

Word lists stand in for the model's entities, tags and parse; numbers, units and kinds must come out
as they do from the analysis pipeline.
"""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims

# What a claim *is*: span, value, bounds, unit, kind, currency, comparator, what it is of.
CLAIM_FIELDS = (
    "start",
    "end",
    "value",
    "value_low",
    "value_high",
    "unit",
    "quantity_kind",
    "currency",
    "approximate",
    "comparator",
    "of_what",
)


def _claims(nlp, text: str) -> list[tuple]:
    return [tuple(getattr(claim, field) for field in CLAIM_FIELDS) for claim in extract_claims(nlp(text))]


def _surfaces(nlp, text: str) -> list[tuple[str, str | None]]:
    return [(claim.surface, claim.unit) for claim in extract_claims(nlp(text))]


def test_the_pipeline_is_tokenizer_and_sentencizer_only(claims_nlp):
    assert claims_nlp.pipe_names == ["sentencizer", "paragraph_sentence_starts"]


@pytest.mark.parametrize(
    "text",
    [
        "The government plans to raise Japan's defence spending to two per cent of gross domestic product in the "
        "current fiscal year to March 2026, from about 1.8 per cent currently.",
        "Exports fell 3% to $3bn in 2024, and the deficit narrowed by 2.5 percentage points.",
        "Between 10 and 20 projects were cut, costing up to 5,000 jobs and some £1.5 billion.",
        "The fleet includes an aircraft carrier and dozens of fighter jets, and 1,250 workers were hired.",
        "Temperatures reached -18 °C and the tanker carried 2 million barrels 300 km.",
        "Nearly half of the voters and two thirds of the cake were gone within two years.",
        "The 60,000-seater stadium opened in May 2006, 10 years after World War Two memorials were restored.",
        "Sales rose from $350 per kg to $680 per kg, while unemployment fell to 4.1% in May, compared with 4.3%.",
    ],
)
def test_same_claims_as_the_analysis_pipeline(nlp, claims_nlp, text):
    assert _claims(claims_nlp, text) == _claims(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Veterans of World War Two gathered in London.",  # a capitalised number word inside a sentence
        "The new Boeing 747 landed safely.",  # digits after a capitalised word
        "The FTSE 100 closed higher.",
        "More COVID-19 cases were reported.",  # letters glued before the number
    ],
)
def test_numbers_in_names_are_not_claims_without_entities(claims_nlp, text):
    assert _surfaces(claims_nlp, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Voters gave Blair two election victories.", [("two election victories", "election victories")]),
        ("Three DJs will host the show.", [("Three DJs", "djs")]),  # capitalised only as the sentence's first word
        (
            "The firm hired 90,000 more people and four co-stars.",
            [("90,000 more people", "more people"), ("four co-stars", "co-stars")],
        ),
        (
            "The 300 policemen and 42 aircraft were counted.",
            [("300 policemen", "policemen"), ("42 aircraft", "aircraft")],
        ),
        ("That one costs 3 dimes.", [("3 dimes", "USD")]),  # "one" never counts a plural; a dime is 0.1 USD
        # hyphened to a noun that describes another, the number counts it (caps: international appearances)
        ("Arsenal's 22-cap defender joined.", [("22-cap", "cap")]),
    ],
)
def test_counted_nouns_without_tags(claims_nlp, text, expected):
    assert _surfaces(claims_nlp, text) == expected


def test_of_what_subject_and_time_without_a_parse(claims_nlp):
    text = (
        "The government plans to raise Japan's defence spending to two per cent of gross domestic product "
        "in the current fiscal year to March 2026, from about 1.8 per cent currently. "
        "That falls short of NATO's new defence investment pledge of five per cent of GDP by 2035."
    )
    claims = [(c.surface, c.of_what, c.subject, c.time_text) for c in extract_claims(claims_nlp(text))]
    assert claims == [
        (
            "two per cent of gross domestic product",
            "GDP",
            "Japan's defence spending",
            "current fiscal year to March 2026",
        ),
        # the old value of the change shares its subject; "currently" is its time
        ("about 1.8 per cent", "GDP", "Japan's defence spending", "currently"),
        ("five per cent of GDP", "GDP", "NATO's new defence investment pledge", "by 2035"),
    ]


@pytest.mark.parametrize(
    "text, of_what, time_text",
    [
        ("It sold 20% of its equity last month.", "its equity", "last month"),
        ("Only 16% of women earn more.", "women", None),
        # a share opening its clause is what did it; when it did is the time, not part of what
        (
            "About 67.7% of Hexal's US affiliate was sold a year earlier.",
            "Hexal's US affiliate was sold",
            "a year earlier",
        ),
        ("Nearly half of those polled agreed on 5 June 2024.", "those polled agreed", "5 June 2024"),
        (
            "Some 60% of Yukos' output was seized in the quarter ending September 30, 2004.",
            "Yukos' output was seized",
            "quarter ending September 30, 2004",
        ),
    ],
)
def test_phrases_and_dates_read_from_words(claims_nlp, text, of_what, time_text):
    (claim,) = extract_claims(claims_nlp(text))
    assert (claim.of_what, claim.time_text) == (of_what, time_text)


def test_a_subject_needs_a_change_verb_or_of_without_a_parse(claims_nlp):
    rose = extract_claims(claims_nlp("Shares in the firm rose steadily to 4.7% on Monday."))
    assert [(c.surface, c.subject, c.time_text) for c in rose] == [("4.7%", None, "Monday")]
