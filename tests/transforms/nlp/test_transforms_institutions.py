"""Public bodies named by description become organisations of their article (institutions.py)."""

from __future__ import annotations

from support import quotes_with_speakers
from transforms.nlp.analyse import extract_article


def _bodies(nlp, reference, text: str) -> dict[str, tuple[str, list[str]]]:
    result = extract_article(nlp(text), "art_test", [], reference)
    mentions: dict[str, list[str]] = {}
    for row in result.entity_mentions:
        mentions.setdefault(row["entity_id"], []).append(row["text"])
    return {e["name"]: (e["scope"], mentions[e["entity_id"]]) for e in result.entities if e["label"] == "ORG"}


def test_a_described_ministry_is_an_organisation_of_its_article_and_its_officials_speak_for_it(nlp, reference):
    text = (
        "Finance ministry officials said the firms must raise capital by December.\n"
        'The ministry official said: "We want to mop up the excess liquidity."'
    )
    assert _bodies(nlp, reference, text) == {"Finance ministry": ("article", ["Finance ministry", "ministry"])}
    speakers = [q["speaker_name"] for q in quotes_with_speakers(nlp, reference, text)]
    assert speakers == ["Finance ministry", "Finance ministry"]


def test_a_country_before_a_body_is_part_of_its_name(nlp, reference):
    text = "Exports fell, according to the Irish finance ministry."
    bodies = _bodies(nlp, reference, text)
    assert bodies == {"Irish finance ministry": ("article", ["Irish finance ministry"])}


def test_a_generic_body_is_no_organisation(nlp, reference):
    text = (
        "A parliamentary committee met on Monday. Government bonds fell.\n"
        "The government department responsible for the change was not ready, the police said."
    )
    assert _bodies(nlp, reference, text) == {}


def test_the_government_is_named_by_the_noun_alone(nlp, reference):
    text = "The government said the referendum could take place in spring."
    assert _bodies(nlp, reference, text) == {"government": ("article", ["government"])}


def test_an_opinion_of_a_body_is_not_its_name_and_a_place_in_it_stays_a_place(nlp, reference):
    text = "Rebels fought the leftist Managua government. The Irish finance ministry said exports fell."
    result = extract_article(nlp(text), "art_test", [], reference)
    assert {e["name"] for e in result.entities if e["label"] == "GPE"} == {"Managua"}
    assert set(_bodies(nlp, reference, text)) == {"Managua government", "Irish finance ministry"}


def test_a_description_of_a_body_the_article_named_is_that_body(nlp, reference):
    text = (
        "The Ministry of Finance ordered the firms to raise capital.\n"
        "Finance ministry officials said the order was part of a plan."
    )
    assert _bodies(nlp, reference, text) == {
        "Ministry of Finance": ("global", ["The Ministry of Finance", "Finance ministry"])
    }
    assert [q["speaker_name"] for q in quotes_with_speakers(nlp, reference, text)] == ["Ministry of Finance"]


def test_a_countrys_government_and_a_leaders_administration_are_bodies(nlp, reference):
    text = "Nigeria's government said the girls were released. The Trump administration said it would act."
    assert set(_bodies(nlp, reference, text)) == {"Nigeria's government", "Trump administration"}
    assert [q["speaker_name"] for q in quotes_with_speakers(nlp, reference, text)] == [
        "Nigeria's government",
        "Trump administration",
    ]


def test_a_countrys_possessive_tells_two_bodies_of_one_kind_apart(nlp, reference):
    text = (
        "Two of the dead were from Norway, said Norway's foreign ministry.\n"
        "Three were from Chile, said Chile's foreign ministry.\n"
        "Chile's state-run news agency Prensa Andina reported the names."
    )
    assert set(_bodies(nlp, reference, text)) == {
        "Norway's foreign ministry",
        "Chile's foreign ministry",
        "Prensa Andina",
    }
    assert [q["speaker_name"] for q in quotes_with_speakers(nlp, reference, text)][:2] == [
        "Norway's foreign ministry",
        "Chile's foreign ministry",
    ]
