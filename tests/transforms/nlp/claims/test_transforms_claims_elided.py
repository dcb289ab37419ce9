"""A bare number whose unit or noun its sentence leaves out: the same from both pipelines."""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an age in commas after a name
        ("Mr Hague, 43, said he would stay.", [("43", "year", "Mr Hague's age")]),
        ("Her cousin, Tavon Kaiseen Alleyne, 21, was killed.", [("21", "year", "Tavon Kaiseen Alleyne's age")]),
        # a name that opens the sentence, but not a word that opens it and names no one
        ("Morientes, 28, has already said yes.", [("28", "year", "Morientes's age")]),
        ("However, 28, the year's total, was reached.", []),
        ("Typically, 30, people came.", []),
        # an age after a person named by what they are; not after a thing
        ("The tram driver, 42, was arrested.", [("42", "year", "tram driver's age")]),
        ("The company, 42, was sold.", []),
        # a bare number as a clause's subject counts what the sentence before counted; not "the two", a name's
        # number or a date
        (
            "It treated 20 people. Of those, 16 were walking wounded.",
            [("20 people", "people", "people"), ("16", "people", "people walking wounded")],
        ),
        ("But the two were under scrutiny, and Half-Life 2 was released after April 2 had passed.", []),
        # an age in figures after a name and before "of" a place; not "one of"
        ("Michael Neu, 67 of Slidell, was arrested.", [("67", "year", "Michael Neu's age")]),
        ("Acme, one of Britain's biggest makers, said so.", []),
        # an age after "she was", "died at"
        ("She won a scholarship when she was just 15.", [("15", "year", "age")]),
        ("The actor died at 77 in London.", [("77", "year", "age")]),
        # an age after "the age of"
        ("The actress has died at the age of 71.", [("71", "year", "age")]),
        # a list's count, the noun not repeated
        (
            "It flies seven nonstop flights from Miami, two from New York.",
            [
                ("seven nonstop flights", "nonstop flights", "nonstop flights from Miami"),
                ("two", "nonstop flights", "nonstop flights from New York"),
            ],
        ),
        # the old level of a change after "from", in the unit of the level before it (not a number far off)
        (
            "It estimated stocks up at 800,000 tonnes by October 1 from around 130,000 a year ago.",
            [
                ("800,000 tonnes", "tonne", "stocks"),
                ("around 130,000", "tonne", "stocks"),
            ],
        ),
        ("Stocks rose to 800 tonnes from 130,000.", [("800 tonnes", "tonne", "Stocks"), ("130,000", None, "Stocks")]),
        # a count's old level too
        (
            "Some 700,000 people were on the drugs, up from 440,000 a year earlier.",
            [
                ("Some 700,000 people", "people", "people were on the drugs"),
                ("440,000", "people", "people were on the drugs"),
            ],
        ),
        # "the number of" something, and the bare numbers it went to and from
        (
            "It will raise the number of its weekly flights to 11 from five.",
            [
                ("11", "weekly flights", "number of its weekly flights"),
                ("five", "weekly flights", "number of its weekly flights"),
            ],
        ),
        # the same verb as the count before it, the noun not repeated
        (
            "SBC employs 163,000 people while AT&T employs 47,000.",
            [("163,000 people", "people", "people SBC employs"), ("47,000", "people", "people AT&T employs")],
        ),
        # "another" number: more of what the sentence before counted
        (
            "SBC said 5,125 positions would go. Another 1,700 will go from its sales department.",
            [("5,125 positions", "positions", "positions would go"), ("1,700", "positions", "positions")],
        ),
        # no name before the commas, no count before the list: nothing is left out
        ("In March, 43, the year's total, was reached.", []),
        ("He said 12, and left.", []),
        ("Another 12 were not counted.", []),
        ("SBC employs 163,000 people while AT&T has 47,000.", [("163,000 people", "people", "people SBC employs")]),
    ],
)
def test_elided_units(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        claims = extract_claims(pipeline(sentence))
        assert [(c.surface, c.unit, c.of_what) for c in claims] == expected


def test_a_tolls_second_number_counts_what_the_first_counted(nlp, claims_nlp):
    sentence = "Gunmen stormed the hotel, killing at least nine guests and wounding 35, police said."
    other = "The firm hired 40 engineers and opened 3."
    for pipeline in (nlp, claims_nlp):
        assert [(c.value, c.unit) for c in extract_claims(pipeline(sentence))] == [(9.0, "guests"), (35.0, "guests")]
        # any other verb after "and" says nothing of what its number counts
        assert [(c.value, c.unit) for c in extract_claims(pipeline(other))] == [(40.0, "engineers")]
