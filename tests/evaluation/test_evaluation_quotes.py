"""Quote scoring: brat parsing, the speech subset, the three matching rules, speakers; the seed and PolNeAR dev."""

from __future__ import annotations

import pytest

from evaluation.quotes import (
    GoldQuote,
    PredictedQuote,
    choose_annotation,
    gold_kind,
    is_speech_cue,
    match_quotes,
    name_key,
    parse_brat,
    polnear_gold_quotes,
    predicted_quotes,
    score_quotes,
    seed_gold_quotes,
    summary,
)
from support import SHARED

POLNEAR_DEV = SHARED / "corpora" / "polnear" / "data" / "dev"
SEED_GOLD = SHARED / "gold" / "seed-000.json"
# Measured on PolNeAR dev (84 documents, 1,410 speech-subset quotes) when these tests were written
# (F1 0.868 / 0.789 / 0.624, speaker accuracy 0.913 / 0.927 / 0.939 at ≥30% / ≥80% / exact), less a
# little slack for spaCy or entity changes elsewhere.
DEV_FLOORS = {
    "cover30": {"f1": 0.86, "speaker_accuracy": 0.905},
    "cover80": {"f1": 0.78, "speaker_accuracy": 0.92},
    "exact": {"f1": 0.615, "speaker_accuracy": 0.93},
}

TEXT = 'Intro line.\n\n"We will win," Smith said. "It is certain."\n\nSmith said the vote was close.'
ANN = "\n".join(
    [
        'T1\tContent 13 27;40 56\t"We will win," "It is certain."',
        "T2\tCue 34 38\tsaid",
        "T3\tSource 28 33\tSmith",
        "T4\tAttribution 34 38\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3",
        "T5\tSource 58 63\tSmith",
        "T6\tCue 64 68\tsaid",
        "T7\tContent 69 87\tthe vote was close",
        "T8\tAttribution 64 68\tsaid",
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        "#1\tAnnotatorNotes T7\ta note",
        "T9\tDiscard 0 11\tIntro line.",
    ]
)


def _predicted(
    start: int,
    end: int,
    kind: str = "direct",
    name: str | None = None,
    spans: tuple = (),
    aliases: frozenset[str] = frozenset(),
) -> PredictedQuote:
    return PredictedQuote(start, end, kind, name, spans, bool(name or spans), aliases)


def test_parse_brat_reads_discontinuous_spans_and_shared_sources():
    attributions = parse_brat(
        ANN + "\nT10\tSource 58 63\tSmith\nT11\tCue 0 5\tIntro\nT12\tContent 6 10\tline\n"
        "T13\tAttribution 0 5\tIntro\nE3\tAttribution:T13 Cue:T11 Content:T12 Source:T5"
    )
    first, second, third = attributions
    assert (first.content, first.cue, first.source) == (((13, 27), (40, 56)), ((34, 38),), ((28, 33),))
    assert second.content == ((69, 87),) and third.source == second.source


def test_parse_brat_skips_text_that_runs_over_a_newline():
    ann = (
        "T1\tContent 0 20\tfirst line\nsecond line of the same span\nT2\tCue 21 25\tsaid\n"
        "E1\tAttribution-no-source:T3 Content:T1 Cue:T2"
    )
    (attribution,) = parse_brat(ann)
    assert (attribution.type, attribution.content, attribution.source) == ("Attribution-no-source", ((0, 20),), ())


def test_one_annotator_per_document_the_smallest_id():
    names = ["doc-a_ef2d.ann", "doc-a_4b22.ann", "doc-b_6b86.ann"]
    assert choose_annotation(names) == {"doc-a": "doc-a_4b22.ann", "doc-b": "doc-b_6b86.ann"}


def test_quote_interrupted_by_its_cue_is_two_gold_quotes():
    gold = polnear_gold_quotes(TEXT, parse_brat(ANN))
    assert [TEXT[g.start : g.end] for g in gold] == ['"We will win,"', '"It is certain."', "the vote was close"]
    assert [g.kind for g in gold] == ["direct", "direct", "indirect"]
    assert all(g.in_scope for g in gold) and gold[0].source_spans == ((28, 33),)


def test_quote_running_over_paragraphs_stays_one_gold_quote_unless_closed():
    text = '"First part,\n\n"second part," she said. "Closed.”\n\n“New one.”'
    runs_on = parse_brat(
        f"T1\tContent 0 {text.index(' she')}\tx\nT2\tCue 33 37\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T2"
    )
    assert [text[g.start : g.end] for g in polnear_gold_quotes(text, runs_on)] == ['"First part,\n\n"second part,"']
    closed_at = text.index('"Closed')
    closed = parse_brat(
        f"T1\tContent {closed_at} {len(text)}\tx\nT2\tCue 33 37\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T2"
    )
    assert [text[g.start : g.end] for g in polnear_gold_quotes(text, closed)] == ['"Closed.”', "“New one.”"]


@pytest.mark.parametrize(
    "content, kind",
    [
        ('"We will win,"', "direct"),
        ("“It is over.”", "direct"),
        ("''It is over,''", "direct"),
        ('the plan was "a golden age" for the alliance', "partial"),
        ("«quoted» words", "partial"),
        ("the vote was close", "indirect"),
        ("voters’ choice", "indirect"),
    ],
)
def test_gold_kind_from_the_quote_marks(content, kind):
    assert gold_kind(content, ((0, len(content)),)) == kind


def test_gold_kind_counts_marks_just_outside_the_span():
    text = 'He said "it is done" today.'
    assert gold_kind(text, ((9, 19),)) == "direct"


@pytest.mark.parametrize(
    "cue, speech",
    [
        ("said", True),
        ("has also argued", True),
        ("According to", True),
        ("tweeted", True),
        ("admitted", True),
        ("told reporters", True),
        ("wrote", True),
        ("believes", False),
        ("showed", False),
        ("wants", False),
        ("called", False),
    ],
)
def test_speech_cues(cue, speech):
    assert is_speech_cue(cue) is speech


def test_out_of_scope_attributions_are_kept_but_marked():
    text = "Polls show the race is tight."
    ann = (
        "T1\tSource 0 5\tPolls\nT2\tCue 6 10\tshow\nT3\tContent 11 28\tthe race is tight\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3"
    )
    (gold,) = polnear_gold_quotes(text, parse_brat(ann))
    assert not gold.in_scope


def test_exact_match_ignores_quote_marks_and_punctuation():
    text = 'x "We will win," Smith said.'
    gold = [GoldQuote(((2, 17),), "direct")]
    assert match_quotes(text, [_predicted(3, 15)], gold, "exact") == [(0, 0)]
    assert match_quotes(text, [_predicted(3, 11)], gold, "exact") == []


def test_coverage_rules():
    text = "a" * 100
    gold = [GoldQuote(((0, 100),), "indirect")]
    assert match_quotes(text, [_predicted(0, 85)], gold, "cover80") == [(0, 0)]
    assert match_quotes(text, [_predicted(0, 75)], gold, "cover80") == []
    assert match_quotes(text, [_predicted(0, 31)], gold, "cover30") == [(0, 0)]
    assert match_quotes(text, [_predicted(0, 29)], gold, "cover30") == []


def test_matching_is_one_to_one_by_largest_overlap():
    text = "b" * 100
    gold = [GoldQuote(((0, 50),), "indirect"), GoldQuote(((50, 100),), "indirect")]
    predicted = [_predicted(0, 45), _predicted(10, 90), _predicted(55, 100)]
    # The middle prediction overlaps each gold by 40, less than the others do: it is left over.
    assert match_quotes(text, predicted, gold, "cover30") == [(0, 0), (2, 1)]


def test_scores_speaker_and_end_to_end():
    text = TEXT
    gold = polnear_gold_quotes(text, parse_brat(ANN))
    predicted = [
        _predicted(14, 26, spans=((28, 33),)),  # "We will win," — Smith, right
        _predicted(41, 55, spans=((0, 5),)),  # "It is certain." — wrong speaker
        _predicted(69, 87, "indirect", spans=((58, 63),)),  # right
        _predicted(0, 10, "partial"),  # no gold there
    ]
    counts = score_quotes(text, predicted, gold).by_rule["exact"]
    numbers = summary(counts["all"])
    assert (numbers["precision"], numbers["recall"]) == (0.75, 1.0)
    assert numbers["speaker_accuracy"] == pytest.approx(2 / 3)
    assert (numbers["end_to_end_precision"], numbers["end_to_end_recall"]) == (0.5, pytest.approx(2 / 3))
    assert summary(counts["partial"])["precision"] == 0.0 and counts["partial"].gold == 0
    assert summary(counts["direct"])["recall"] == 1.0 and summary(counts["direct"])["speaker_accuracy"] == 0.5


def test_speaker_found_through_the_entity_counts():
    # Our "he" resolved to Smith, whose mention overlaps the gold Source elsewhere in the text.
    gold = [GoldQuote(((10, 20),), "direct", source_spans=((40, 45),))]
    predicted = [_predicted(10, 20, name="John Smith", spans=((30, 32), (40, 45)))]
    assert summary(score_quotes("c" * 50, predicted, gold).by_rule["exact"]["all"])["speaker_accuracy"] == 1.0


def test_gold_without_source_wants_no_speaker():
    gold = [GoldQuote(((0, 10),), "indirect")]
    assert summary(score_quotes("d" * 20, [_predicted(0, 10)], gold).by_rule["exact"]["all"])["speaker_accuracy"] == 1.0
    named = [_predicted(0, 10, name="Someone", spans=((12, 15),))]
    assert summary(score_quotes("d" * 20, named, gold).by_rule["exact"]["all"])["speaker_accuracy"] == 0.0


def test_predictions_matching_out_of_scope_gold_are_set_aside():
    gold = [GoldQuote(((0, 10),), "indirect", in_scope=False), GoldQuote(((20, 30),), "indirect")]
    counts = score_quotes("e" * 40, [_predicted(0, 10, "indirect"), _predicted(20, 30, "indirect")], gold)
    assert (counts.by_rule["exact"]["all"].predicted, counts.by_rule["exact"]["all"].gold) == (1, 1)


def test_seed_format_scores_speakers_by_name():
    gold = seed_gold_quotes({"quotes": [{"kind": "partial", "span": [5, 12], "speaker": "Pete Hegseth"}]})
    right = score_quotes("f" * 20, [_predicted(5, 12, "partial", name="Pete Hegseth")], gold)
    wrong = score_quotes("f" * 20, [_predicted(5, 12, "partial", name="Sanae Takaichi")], gold)
    assert summary(right.by_rule["exact"]["all"])["end_to_end_f1"] == 1.0
    assert summary(wrong.by_rule["exact"]["all"])["end_to_end_f1"] == 0.0


def test_predicted_quotes_from_rows():
    rows = [
        {
            "start_char": 3,
            "end_char": 9,
            "kind": "mixed",
            "speaker_text": "he",
            "speaker_start_char": 0,
            "speaker_end_char": 2,
            "speaker_entity_id": "ent_1",
        }
    ]
    mentions: list[dict] = [
        {"entity_id": "ent_1", "start_char": 20, "end_char": 25},
        {"entity_id": "ent_1", "start_char": None, "end_char": None},
    ]
    entities = [{"entity_id": "ent_1", "name": "Ana Ruiz", "aliases": ["Ana Ruiz", "Ruiz"]}]
    (quote,) = predicted_quotes(rows, entities, mentions)
    assert (quote.kind, quote.speaker_name, quote.speaker_spans, quote.has_speaker, quote.speaker_aliases) == (
        "mixed",
        "Ana Ruiz",
        ((0, 2), (20, 25)),
        True,
        frozenset({"ana ruiz", "ruiz"}),
    )


def test_seed_all_nine_quotes_with_their_speakers():
    if not SEED_GOLD.exists():
        pytest.skip(f"../shared is absent ({SEED_GOLD} not found): the seed gold lives there")
    from flows.evaluate.quotes import quotes_report

    report = quotes_report(SEED_GOLD)
    assert report["gold_quotes"] == 9
    exact = report["rules"]["exact"]
    assert (exact["precision"], exact["recall"], exact["speaker_accuracy"], exact["end_to_end_f1"]) == (1, 1, 1, 1)
    assert {kind: numbers["recall"] for kind, numbers in report["by_kind"]["exact"].items()} == {
        "direct": 1,
        "partial": 1,
        "indirect": 1,
    }


@pytest.mark.slow
def test_polnear_dev_stays_above_its_floors():
    if not POLNEAR_DEV.exists():
        pytest.skip(f"../shared is absent ({POLNEAR_DEV} not found): PolNeAR lives there")
    from flows.evaluate.quotes import quotes_report

    report = quotes_report(POLNEAR_DEV)
    assert report["documents"] == 84 and report["gold_quotes"] > 1300
    for rule, floors in DEV_FLOORS.items():
        for key, floor in floors.items():
            assert report["rules"][rule][key] >= floor, (rule, key, report["rules"][rule][key])


def test_resolved_speakers_count_right_wrong_and_missing_by_mention_type():
    gold = seed_gold_quotes(
        {
            "quotes": [
                {"kind": "direct", "span": [0, 10], "speaker": "Patricia Hewitt", "mention_type": "pronoun"},
                {"kind": "direct", "span": [20, 30], "speaker": "Patricia Hewitt", "mention_type": "none"},
                {"kind": "direct", "span": [40, 50], "speaker": "UFCW Local 832", "mention_type": "nominal"},
                {"kind": "indirect", "span": [60, 70], "speaker": None, "mention_type": "nominal"},
            ]
        }
    )
    predicted = [
        # "she" resolved to the entity the article also calls Patricia Hewitt: right by alias.
        _predicted(0, 10, name="Hewitt", aliases=frozenset({"hewitt", "patricia hewitt", "ms hewitt"})),
        _predicted(20, 30),  # a continuation left without a speaker: missing
        _predicted(40, 50, name="Jeff Traeger"),  # the person, not the union that released it: wrong
        _predicted(60, 70, "indirect", name="Anyone"),  # an anonymous source given a name: wrong
    ]
    speakers = score_quotes("g" * 80, predicted, gold).speakers["cover30"]
    assert speakers["all"] == {"right": 1, "wrong": 2, "missing": 1}
    assert speakers["pronoun"] == {"right": 1, "wrong": 0, "missing": 0}
    assert speakers["none"] == {"right": 0, "wrong": 0, "missing": 1}
    assert speakers["nominal"] == {"right": 0, "wrong": 2, "missing": 0}
    # A group kept as text with no entity is right where the gold names no one.
    group = [_predicted(60, 70, "indirect", spans=((55, 58),))]
    assert score_quotes("g" * 80, group, gold[3:]).speakers["cover30"]["all"] == {"right": 1, "wrong": 0, "missing": 0}


def test_two_sources_joined_in_the_gold_are_right_as_the_first_named():
    gold = seed_gold_quotes({"quotes": [{"kind": "indirect", "span": [0, 10], "speaker": "France and Germany"}]})
    first = score_quotes("g" * 20, [_predicted(0, 10, "indirect", name="France")], gold).speakers["cover30"]
    second = score_quotes("g" * 20, [_predicted(0, 10, "indirect", name="Germany")], gold).speakers["cover30"]
    assert first["all"] == {"right": 1, "wrong": 0, "missing": 0}
    assert second["all"] == {"right": 0, "wrong": 1, "missing": 0}


def test_speaker_names_compare_without_case_article_or_honorific():
    assert name_key("Lord Falconer") == name_key("Falconer") == "falconer"
    assert name_key("the Conservatives") == name_key("Conservatives")
    assert name_key("Mr. J. Smith") == "j smith" and name_key("The") == "the"
    assert name_key("Jack Straw") != name_key("Straw")


def test_gender_is_scored_on_right_speakers_whose_gold_states_it():
    gold = seed_gold_quotes(
        {
            "quotes": [
                {"kind": "direct", "span": [0, 10], "speaker": "Ana Ruiz", "speaker_gender": "female"},
                {"kind": "direct", "span": [20, 30], "speaker": "Bo Chan", "speaker_gender": "male"},
                {"kind": "direct", "span": [40, 50], "speaker": "Cy Diaz", "speaker_gender": "male"},
                {"kind": "direct", "span": [60, 70], "speaker": "Di Egan", "speaker_gender": None},
            ]
        }
    )
    predicted = [
        PredictedQuote(0, 10, "direct", "Ana Ruiz", (), True, frozenset(), "female"),
        PredictedQuote(20, 30, "direct", "Bo Chan", (), True, frozenset(), None),
        PredictedQuote(40, 50, "direct", "Someone Else", (), True, frozenset(), "male"),  # wrong speaker: not scored
        PredictedQuote(60, 70, "direct", "Di Egan", (), True, frozenset(), "female"),  # gold states none: not scored
    ]
    assert score_quotes("h" * 80, predicted, gold).genders["cover30"] == {"right": 1, "wrong": 0, "missing": 1}


def test_entity_genders_follow_the_warehouse_rule():
    from flows.evaluate.quotes import entity_genders

    mentions: list[dict] = [
        {"entity_id": "e1", "role": "Ms", "mention_type": "full_name", "text": "Ruiz"},
        {"entity_id": "e1", "role": None, "mention_type": "pronoun", "text": "he"},  # the title decides
        {"entity_id": "e2", "role": None, "mention_type": "pronoun", "text": "He"},
        {"entity_id": "e3", "role": None, "mention_type": "full_name", "text": "Lee"},
        {"entity_id": "e4", "role": "Mr.", "mention_type": "full_name", "text": "Smith"},  # the dot is no matter
        {"entity_id": "e4", "role": None, "mention_type": "pronoun", "text": "she"},
    ]
    assert entity_genders(mentions) == {"e1": "female", "e2": "male", "e4": "male"}
