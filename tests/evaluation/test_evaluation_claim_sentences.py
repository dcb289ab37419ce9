"""Scoring claims against the sentence gold: only listed sentences count; four readings; recall by kind."""

from __future__ import annotations

from evaluation.claim_sentences import same_unit, score_sentence_claims, shares_half_the_words

GOLD = {
    "sentences": [[0, 40], [41, 80]],
    "claims": [
        {
            "surface": "7%",
            "span": [12, 14],
            "value": 7,
            "unit": "percent",
            "kind": "percent",
            "direction": "down",
            "of_what": "Exports to China",
        },
        {
            "surface": "$2.3bn",
            "span": [18, 24],
            "value": 2.3e9,
            "unit": "USD",
            "kind": "money",
            "direction": "down",
            "of_what": "Exports to China",
        },
        {
            "surface": "300 recorded songs",
            "span": [50, 68],
            "value": 300,
            "unit": "recorded songs",
            "kind": "count",
            "direction": None,
            "of_what": None,
        },
    ],
}


def _row(start, end, value, unit, direction=None, of_what=None, surface="x"):
    return {
        "start_char": start,
        "end_char": end,
        "value": value,
        "unit": unit,
        "direction": direction,
        "of_what": of_what,
        "surface": surface,
    }


def test_the_four_readings_and_recall_by_kind():
    rows = [
        _row(12, 14, 7.0, "percent", "down", "exports"),  # of_what shares 1 of 3 words: not right
        _row(18, 24, 2.3e9, "USD", None, "exports to China"),  # direction missed
        _row(50, 68, 300.0, "songs"),  # a count compared by its last word
        _row(90, 95, 5.0, "percent"),  # outside every listed sentence: not scored
        _row(30, 33, 12.0, "percent", surface="12%"),  # in a listed sentence, no gold: a false claim
    ]
    scores = score_sentence_claims("f.json", GOLD, rows)
    assert {r: (s.true_positives, s.predicted, s.gold) for r, s in scores.readings.items()} == {
        "value": (3, 4, 3),
        "value+unit": (3, 4, 3),
        "value+direction": (2, 4, 3),
        "value+of_what": (2, 4, 3),
    }
    assert scores.recall_by_kind == {"percent": (1, 1), "money": (1, 1), "count": (1, 1)}
    assert scores.false_claims == ["f.json: 12%"] and scores.missing == []


def test_a_value_must_agree_and_spans_overlap():
    rows = [_row(12, 14, -7.0, "percent", "down"), _row(30, 36, 2.3e9, "USD")]
    scores = score_sentence_claims("f.json", GOLD, rows)
    assert scores.readings["value"].true_positives == 0
    assert scores.missing == ["f.json: 7%", "f.json: $2.3bn", "f.json: 300 recorded songs"]


def test_units_and_phrases_compare_as_a_reader_would():
    assert same_unit("mi", "mile") and same_unit("tonne", "tonnes") and same_unit("USD", "usd")
    assert not same_unit("USD", "GBP") and not same_unit(None, "percent") and same_unit(None, None)
    assert same_unit("USD", "USD/share") and not same_unit("USD/share", "USD")  # the gold left the rate out
    # a rate's usual abbreviation is that rate, not its amount's unit
    assert same_unit("bpd", "barrel/day") and not same_unit("bpd", "barrel") and same_unit("sq mi", "mile2")
    assert same_unit("mph", "mile/hour") and same_unit("in", "inch") and same_unit("ft", "foot")
    assert same_unit("ha", "hectare") and not same_unit("ha", "acre")
    assert same_unit("basis points", "basis_point") and not same_unit("basis points", "percentage_points")
    assert shares_half_the_words("the Nasdaq Composite", "Nasdaq") and not shares_half_the_words("exports to China", "")
