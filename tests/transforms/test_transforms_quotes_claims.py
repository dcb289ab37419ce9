"""Quote marks, speakers and numbers on small sentences of our own."""

from __future__ import annotations

import pytest

from transforms.analyse import extract_article
from transforms.quotes import find_quote_marks


def _extract(nlp, reference, text: str):
    return extract_article(nlp(text), "art_test", [], reference)


def test_unbalanced_quote_closes_at_paragraph_end():
    body = 'He said "this never closes\nNext paragraph has "a proper quote" inside.'
    spans = [body[s:e] for s, e in find_quote_marks(body)]
    assert spans == ["this never closes", "a proper quote"]


def test_curly_and_straight_marks():
    body = "“Curly one,” she said. Then \"straight one\" and «guillemets»."
    assert [body[s:e] for s, e in find_quote_marks(body)] == ["Curly one,", "straight one", "guillemets"]


def test_apostrophes_are_not_quote_marks():
    body = "The minister's plan isn't \"finished\" yet."
    assert [body[s:e] for s, e in find_quote_marks(body)] == ["finished"]


def test_direct_quote_with_speaker_after_and_pronoun(nlp, reference):
    text = ('Finance Minister Ana Ruiz presented the budget on Monday.\n'
            '"We will not raise taxes," Ruiz said.\n'
            'Asked about the deficit, she said: "It will fall next year."')
    result = _extract(nlp, reference, text)
    names = {row["entity_id"]: row["name"] for row in result.entities}
    quotes = {q["quote_text"]: q for q in result.quotes}
    assert names[quotes["We will not raise taxes,"]["speaker_entity_id"]] == "Ana Ruiz"
    assert quotes["We will not raise taxes,"]["kind"] == "direct"
    assert quotes["It will fall next year."]["attribution"] == "pronoun"
    assert names[quotes["It will fall next year."]["speaker_entity_id"]] == "Ana Ruiz"


def test_according_to(nlp, reference):
    text = "Exports fell sharply in March, according to the Statistics Office."
    result = _extract(nlp, reference, text)
    quote = result.quotes[0]
    assert quote["quote_text"] == "Exports fell sharply in March"
    assert (quote["cue"], quote["attribution"]) == ("according to", "according_to")
    assert quote["speaker_text"] == "the Statistics Office"
    names = {row["entity_id"]: row["name"] for row in result.entities}
    assert names[quote["speaker_entity_id"]] == "Statistics Office"


@pytest.mark.parametrize("sentence, surface, value, unit, kind", [
    ("Sales rose 3.5% last year.", "3.5%", 3.5, "percent", "percent"),
    ("The deal is worth $1.2 billion.", "$1.2 billion", 1.2e9, "USD", "money"),
    ("The council will spend £40 million on roads.", "£40 million", 4e7, "GBP", "money"),
    ("The company employs 1,250 workers in the town.", "1,250 workers", 1250, "workers", "count"),
    ("The pipeline is 300 km long.", "300 km", 300, "km", "measure"),
    ("Talks lasted three weeks.", "three weeks", 3, "week", "duration"),
])
def test_claims(nlp, reference, sentence, surface, value, unit, kind):
    claims = _extract(nlp, reference, sentence).numeric_claims
    assert [(c["surface"], c["value"], c["unit"], c["quantity_kind"]) for c in claims] == [(surface, value, unit, kind)]


@pytest.mark.parametrize("sentence", [
    "The plan runs until March 2026.",
    "The law was passed in 2024.",
    "Veterans of World War Two gathered in the square.",
    "The meeting is on Oct 29.",
])
def test_years_dates_and_names_are_not_claims(nlp, reference, sentence):
    assert _extract(nlp, reference, sentence).numeric_claims == []


def test_partial_quote_with_no_framing_verb_above_it_is_unresolved(nlp, reference):
    # Walking up the parse tree must stop at the root (spaCy makes a new Token object per access).
    result = _extract(nlp, reference, 'The "temporary" tax on windfall profits became permanent last year.')
    assert [(q["quote_text"], q["kind"], q["attribution"]) for q in result.quotes] == [("temporary", "partial", "unresolved")]
