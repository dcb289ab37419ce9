"""Quote marks, speakers and numbers on small sentences of our own."""

from __future__ import annotations

import pytest

from transforms.nlp.analyse import extract_article
from transforms.nlp.quotes import find_quote_marks


def _extract(nlp, reference, text: str):
    return extract_article(nlp(text), "art_test", [], reference)


def test_unbalanced_quote_closes_at_paragraph_end():
    body = 'He said "this never closes\nNext paragraph has "a proper quote" inside.'
    spans = [body[s:e] for s, e in find_quote_marks(body)]
    assert spans == ["this never closes", "a proper quote"]


def test_curly_and_straight_marks():
    body = '“Curly one,” she said. Then "straight one" and «guillemets».'
    assert [body[s:e] for s, e in find_quote_marks(body)] == ["Curly one,", "straight one", "guillemets"]


def test_apostrophes_are_not_quote_marks():
    body = "The minister's plan isn't \"finished\" yet."
    assert [body[s:e] for s, e in find_quote_marks(body)] == ["finished"]


def test_direct_quote_with_speaker_after_and_pronoun(nlp, reference):
    text = (
        "Finance Minister Ana Ruiz presented the budget on Monday.\n"
        '"We will not raise taxes," Ruiz said.\n'
        'Asked about the deficit, she said: "It will fall next year."'
    )
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


@pytest.mark.parametrize(
    "sentence, surface, value, unit, kind",
    [
        ("Sales rose 3.5% last year.", "3.5%", 3.5, "percent", "percent"),
        ("The deal is worth $1.2 billion.", "$1.2 billion", 1.2e9, "USD", "money"),
        ("The council will spend £40 million on roads.", "£40 million", 4e7, "GBP", "money"),
        ("The company employs 1,250 workers in the town.", "1,250 workers", 1250, "workers", "count"),
        ("The pipeline is 300 km long.", "300 km", 300, "km", "measure"),
        ("Talks lasted three weeks.", "three weeks", 3, "week", "duration"),
    ],
)
def test_claims(nlp, reference, sentence, surface, value, unit, kind):
    claims = _extract(nlp, reference, sentence).numeric_claims
    assert [(c["surface"], c["value"], c["unit"], c["quantity_kind"]) for c in claims] == [(surface, value, unit, kind)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan runs until March 2026.",
        "The law was passed in 2024.",
        "Veterans of World War Two gathered in the square.",
        "The meeting is on Oct 29.",
    ],
)
def test_years_dates_and_names_are_not_claims(nlp, reference, sentence):
    assert _extract(nlp, reference, sentence).numeric_claims == []


@pytest.mark.parametrize(
    "sentence, surface, value, low, high, unit, kind",
    [
        (
            "Unemployment fell 0.3 percentage points.",
            "0.3 percentage points",
            0.3,  # as stated: the fall is the claim's direction, not its sign
            None,
            None,
            "percentage_points",
            "percentage_points",
        ),
        ("Shares fell 3% on Monday.", "3%", 3.0, None, None, "percent", "percent"),
        ("Inflation fell to 2% in May.", "2%", 2.0, None, None, "percent", "percent"),
        ("The plan will cost $3-4 billion.", "$3-4 billion", 3.5e9, 3e9, 4e9, "USD", "money"),
        (
            "Between 10 and 20 projects will be funded.",
            "Between 10 and 20 projects",
            15.0,
            10.0,
            20.0,
            "projects",
            "count",
        ),
        ("The firm has 10k employees.", "10k employees", 1e4, None, None, "employees", "count"),
        ("Revenue reached US$3bn.", "US$3bn", 3e9, None, None, "USD", "money"),
        ("They paid 2.3 dlrs a share.", "2.3 dlrs a share", 2.3, None, None, "USD/share", "money"),
        ("He earns $15 an hour.", "$15 an hour", 15.0, None, None, "USD/hour", "money"),
        (
            "The field pumps 2 million barrels a day.",
            "2 million barrels a day",
            2e6,
            None,
            None,
            "barrel/day",
            "measure",
        ),
        ("Winds reached 120 kilometres per hour.", "120 kilometres per hour", 120.0, None, None, "km/h", "measure"),
        ("The bridge weighs twenty-five tonnes.", "twenty-five tonnes", 25.0, None, None, "tonne", "measure"),
        ("Temperatures hit minus 5 degrees Celsius.", "minus 5 degrees Celsius", -5.0, None, None, "°C", "measure"),
        ("The door is 2 1/2 in thick.", "2 1/2 in", 2.5, None, None, "inch", "measure"),
        ("The farm covers 301,338 km2.", "301,338 km2", 301338.0, None, None, "km2", "measure"),
        (
            "It raised rates by 50 basis points.",
            "50 basis points",
            50.0,  # as stated: a basis point is its own unit, as a percentage point is
            None,
            None,
            "basis_point",
            "percentage_points",
        ),
        ("Two thirds of voters backed it.", "Two thirds of voters", 2 / 3, None, None, "fraction", "number"),
        ("Tens of thousands of people marched.", "Tens of thousands of people", 2e4, 2e4, None, "people", "count"),
        (
            "The vote was worth one hundred and two seats.",
            "one hundred and two seats",
            102.0,
            None,
            None,
            "seats",
            "count",
        ),
    ],
)
def test_more_claims(nlp, reference, sentence, surface, value, low, high, unit, kind):
    claims = _extract(nlp, reference, sentence).numeric_claims
    assert [(c["surface"], c["unit"], c["quantity_kind"]) for c in claims] == [(surface, unit, kind)]
    assert claims[0]["value"] == pytest.approx(value)
    assert (claims[0]["value_low"], claims[0]["value_high"]) == (low, high)


def test_a_change_from_one_value_to_another_is_two_claims(nlp, reference):
    claims = _extract(nlp, reference, "The price rose from about $350 per kg to $680 per kg.").numeric_claims
    assert [(c["surface"], c["value"], c["unit"], c["approximate"]) for c in claims] == [
        ("about $350 per kg", 350.0, "USD/kg", True),
        ("$680 per kg", 680.0, "USD/kg", False),
    ]


def test_a_unit_is_shared_across_a_list(nlp, reference):
    claims = _extract(nlp, reference, "They were given 45 and 50 mg of the drug.").numeric_claims
    assert [(c["surface"], c["value"], c["unit"]) for c in claims] == [("45", 45.0, "mg"), ("50 mg", 50.0, "mg")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting starts at 10:30 and ends at 2pm.",
        "Call 020 7946 0000 for details.",
        "Under Article 5 of the treaty, members must respond.",
        "COVID-19 cases rose sharply.",
        "The 2024-25 budget was approved.",
        "She finished 21st in the race.",
        "The plan was agreed in the 1990s.",
        "There are two in my car.",
    ],
)
def test_times_codes_labels_and_ordinals_are_not_claims(nlp, reference, sentence):
    assert _extract(nlp, reference, sentence).numeric_claims == []


def test_partial_quote_nobody_says_is_a_scare_quote(nlp, reference):
    # Walking up the parse tree must stop at the root (spaCy makes a new Token object per access).
    result = _extract(nlp, reference, 'The "temporary" tax on windfall profits became permanent last year.')
    assert result.quotes == []


# --- quotes: kinds, marks and speakers (measured against PolNeAR in test_transforms_quotes_eval.py) ---

RUIZ = "Finance Minister Ana Ruiz presented the budget on Monday.\n"


def _quotes(nlp, reference, text: str) -> list[tuple]:
    """(quote_text, kind, attribution, speaker_text, speaker name) per quote."""
    result = _extract(nlp, reference, text)
    names = {row["entity_id"]: row["name"] for row in result.entities}
    for row in result.quotes:
        assert text[row["start_char"] : row["end_char"]] == row["quote_text"]
    return [
        (q["quote_text"], q["kind"], q["attribution"], q["speaker_text"], names.get(q["speaker_entity_id"]))
        for q in result.quotes
    ]


def test_quote_marks_nest_double_up_and_mix():
    body = (
        """"He said 'no way' twice," she said. ''NYT style,'' he said. “Mixed marks," and "outer “inner” outer" end."""
    )
    assert [body[s:e] for s, e in find_quote_marks(body)] == [
        "He said 'no way' twice,",
        "NYT style,",
        "Mixed marks,",
        "outer “inner” outer",
    ]


def test_quote_running_over_paragraphs_continues_when_the_next_opens_with_a_mark():
    # One quote per paragraph, as readers and annotators count them; the mark closing the second closes both.
    body = 'She said: "We will cut the deficit.\n"Then we will cut taxes."\nShe left "early.\nNo one saw her.'
    assert [body[s:e] for s, e in find_quote_marks(body)] == [
        "We will cut the deficit.",
        "Then we will cut taxes.",
        "early.",
    ]


def test_quote_paragraphs_joined_on_one_line_are_one_quote_each():
    # The BBC archive lost the breaks between a quote's paragraphs: each one's opening mark is inline.
    body = (
        '"We lost," he said. "But we can win. "We proved it in the autumn.\n'
        '"It was a poor start. "We will fight." He left.'
    )
    assert [body[s:e] for s, e in find_quote_marks(body)] == [
        "We lost,",
        "But we can win.",
        "We proved it in the autumn.",
        "It was a poor start.",
        "We will fight.",
    ]


def test_a_quote_nested_after_a_full_stop_still_nests():
    # Nested, a quote needs its own closing mark and the outer one's after it; joined paragraphs have neither.
    nested = ['"We won. "Nobody" believed us," he said.', 'He said: "I told him. "Go home," and he did."']
    assert [[b[s:e] for s, e in find_quote_marks(b)] for b in nested] == [
        ['We won. "Nobody" believed us,'],
        ['I told him. "Go home," and he did.'],
    ]
    joined = '"A start. "Then more. "And an end." He left.'
    assert [joined[s:e] for s, e in find_quote_marks(joined)] == ["A start.", "Then more.", "And an end."]


def test_quote_paragraphs_joined_on_one_line_keep_their_speaker(nlp, reference):
    text = RUIZ + '"I have had a word with him," said Ruiz. "I still believe in him. "He has to take it on the chin."'
    assert _quotes(nlp, reference, text)[-1] == (
        "He has to take it on the chin.",
        "direct",
        "carried_over",
        "Ruiz",
        "Ana Ruiz",
    )


def test_markup_and_inch_marks_are_not_quotes():
    assert find_quote_marks('<tweet author="@AP">Breaking</tweet> and a 5" screen') == []


def test_a_quote_running_over_paragraphs_is_one_quote_a_paragraph_with_one_speaker(nlp, reference):
    text = RUIZ + 'She said: "We will cut the deficit.\n"Then we will cut taxes."'
    assert _quotes(nlp, reference, text) == [
        ("We will cut the deficit.", "direct", "pronoun", "She", "Ana Ruiz"),
        ("Then we will cut taxes.", "direct", "carried_over", "She", "Ana Ruiz"),
    ]


def test_mixed_quote_is_the_reported_clause(nlp, reference):
    text = RUIZ + 'Ruiz said the plan was "a golden age" for the economy.'
    assert _quotes(nlp, reference, text) == [
        ('the plan was "a golden age" for the economy', "mixed", "explicit", "Ruiz", "Ana Ruiz")
    ]


def test_quote_after_its_speakers_earlier_quote_carries_the_speaker_over(nlp, reference):
    text = RUIZ + '"We will not raise taxes," she said. "Not this year, not next year."\n"Never."'
    quotes = _quotes(nlp, reference, text)
    assert [(q[0], q[2], q[4]) for q in quotes] == [
        ("We will not raise taxes,", "pronoun", "Ana Ruiz"),
        ("Not this year, not next year.", "carried_over", "Ana Ruiz"),
        ("Never.", "carried_over", "Ana Ruiz"),
    ]


def test_colon_at_the_end_of_a_paragraph_introduces_the_next(nlp, reference):
    text = RUIZ + 'Ruiz added:\n"We will not stop."'
    assert _quotes(nlp, reference, text) == [("We will not stop.", "direct", "explicit", "Ruiz", "Ana Ruiz")]


def test_inverted_cue_and_long_subject(nlp, reference):
    quotes = _quotes(
        nlp,
        reference,
        '"Prices will rise," said John Smith, a spokesman for the bank.\n'
        '"Growth has stalled," Mr. Mahaney, of RBC Capital Markets, said.',
    )
    assert [(q[0], q[3]) for q in quotes] == [("Prices will rise,", "John Smith"), ("Growth has stalled,", "Mahaney")]


def test_speaker_without_a_name_keeps_the_role(nlp, reference):
    assert _quotes(nlp, reference, '"The talks failed," a senior official said.') == [
        ("The talks failed,", "direct", "explicit", "a senior official", None)
    ]


def test_relative_pronoun_speaker_resolves_to_its_antecedent(nlp, reference):
    text = RUIZ + "The plan was backed by Ruiz, who said the budget would balance by 2027."
    assert _quotes(nlp, reference, text) == [
        ("the budget would balance by 2027", "indirect", "pronoun", "who", "Ana Ruiz")
    ]


def test_parenthetical_cue_reports_the_whole_sentence(nlp, reference):
    text = RUIZ + "The deficit, Ruiz said, will fall by 2 percent next year."
    assert _quotes(nlp, reference, text) == [
        ("The deficit, Ruiz said, will fall by 2 percent next year", "indirect", "explicit", "Ruiz", "Ana Ruiz")
    ]


def test_the_one_asked_is_not_the_speaker(nlp, reference):
    (quote,) = _quotes(nlp, reference, RUIZ + 'Ruiz was asked, "Will you run again?"')
    assert quote[:2] == ("Will you run again?", "direct") and quote[3] is None


def test_titles_in_quote_marks_are_not_quotes(nlp, reference):
    assert _quotes(nlp, reference, 'He appeared on NBC\'s "Meet the Press" on Sunday.') == []


def test_quote_marks_inside_any_verbs_clause_make_it_a_mixed_report(nlp, reference):
    text = RUIZ + 'Ruiz implied the auditors were "hostile" to the plan.'
    assert _quotes(nlp, reference, text) == [
        ('the auditors were "hostile" to the plan', "mixed", "explicit", "Ruiz", "Ana Ruiz")
    ]


def test_partial_quote_without_a_framing_verb_is_its_clause_subjects(nlp, reference):
    text = RUIZ + 'Ruiz launched into an attack on "reckless spending" by the opposition.'
    assert _quotes(nlp, reference, text) == [("reckless spending", "partial", "explicit", "Ruiz", "Ana Ruiz")]


def test_what_is_announced_is_reported_but_not_a_person(nlp, reference):
    announced = RUIZ + "Ruiz announced a new housing plan for young families."
    assert _quotes(nlp, reference, announced) == [
        ("a new housing plan for young families", "indirect", "explicit", "Ruiz", "Ana Ruiz")
    ]
    assert _quotes(nlp, reference, RUIZ + "Ruiz announced Smith as her deputy.") == []


def test_quote_resuming_after_a_long_inverted_cue_keeps_its_speaker(nlp, reference):
    text = (
        '"The risk," said Edward Leamer, an economist who is the director of the Lisbon Forecast, '
        '"is that prices rise."'
    )
    assert [(q[0], q[1], q[2], q[4]) for q in _quotes(nlp, reference, text)] == [
        ("The risk,", "direct", "explicit", "Edward Leamer"),
        ("is that prices rise.", "direct", "carried_over", "Edward Leamer"),
    ]


def test_a_dateline_is_not_the_speaker(nlp, reference):
    text = "LISBON (Reuters) - Finance Minister Ana Ruiz said the deficit would fall next year."
    assert _quotes(nlp, reference, text) == [
        ("the deficit would fall next year", "indirect", "explicit", "Ana Ruiz", "Ana Ruiz")
    ]


def test_a_quote_ending_in_a_comma_belongs_to_the_clause_after_it(nlp, reference):
    text = '"They are all here for the free lunch," Bennett shot back with a laugh.'
    assert _quotes(nlp, reference, text) == [
        ("They are all here for the free lunch,", "direct", "explicit", "Bennett", "Bennett")
    ]
