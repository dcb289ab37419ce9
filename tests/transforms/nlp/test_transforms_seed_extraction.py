"""The seed article against ../shared/gold/seed-000.json: entities, quotes with speakers, claims."""

from __future__ import annotations

import pytest

from support import SEED_FILE
from transforms.ingest.normalise import normalise_record
from transforms.ingest.parse import parse_file
from transforms.nlp.analyse import extract_article
from transforms.records import RawRecord


@pytest.fixture(scope="module")
def seed(nlp, reference):
    record = next(iter(parse_file(SEED_FILE.name, SEED_FILE.read_bytes())))
    assert isinstance(record, RawRecord), record
    article = normalise_record(record)
    assert isinstance(article, dict), article
    extraction = extract_article(nlp(article["body_text"]), article["article_id"], article["credits"], reference)
    return article, extraction


def _entity_names(extraction) -> dict[str, dict]:
    return {row["entity_id"]: row for row in extraction.entities}


def test_every_span_indexes_the_body(seed):
    article, extraction = seed
    body = article["body_text"]
    for row in extraction.entity_mentions:
        if row["start_char"] is not None:
            assert body[row["start_char"] : row["end_char"]] == row["text"]
    for row in extraction.quotes:
        assert body[row["start_char"] : row["end_char"]] == row["quote_text"]
        if row["cue_start_char"] is not None:
            assert body[row["cue_start_char"] : row["cue_end_char"]] == row["cue"]
        if row["speaker_start_char"] is not None:
            assert body[row["speaker_start_char"] : row["speaker_end_char"]] == row["speaker_text"]
    for row in extraction.numeric_claims:
        assert body[row["start_char"] : row["end_char"]] == row["surface"]


def test_gold_entities_with_surfaces_folded(seed, seed_gold):
    _, extraction = seed
    entities = {(row["name"], row["label"]): row for row in extraction.entities}
    for gold in seed_gold["entities"]:
        assert (gold["canonical"], gold["label"]) in entities, gold["canonical"]
        aliases = set(entities[(gold["canonical"], gold["label"])]["aliases"])
        # Every surface we found belongs to the gold's list (a surface form may not occur in our seed text).
        assert aliases <= set(gold["surfaces"]), (gold["canonical"], aliases)
    names = {name for name, _ in entities}
    # Surnames never stand as entities of their own; titles are roles, not organisations.
    assert not names & {"Hegseth", "Takaichi", "Koizumi", "Trump", "Defence", "US"}


def test_roles_peeled_off_names(seed):
    _, extraction = seed
    roles = {(row["text"], row["role"]) for row in extraction.entity_mentions if row["role"]}
    assert ("Pete Hegseth", "US Secretary of Defense") in roles
    assert ("Shinjiro Koizumi", "Defence Minister") in roles
    assert ("Sanae Takaichi", "Prime Minister") in roles
    assert ("Kiyoshi Takenaka", "reporter") in roles and ("Stephen Coates", "editor") in roles


def test_gold_quotes_found_with_speakers(seed, seed_gold):
    _, extraction = seed
    names = {row["entity_id"]: row["name"] for row in extraction.entities}
    by_span = {(row["start_char"], row["end_char"]): row for row in extraction.quotes}
    for gold in seed_gold["quotes"]:
        row = by_span.get(tuple(gold["span"]))
        assert row is not None, f"missing {gold['kind']} quote {gold['text'][:40]!r}"
        assert row["kind"] == gold["kind"]
        assert names.get(row["speaker_entity_id"]) == gold["speaker"], gold["text"][:40]
        assert gold["cue"].startswith(row["cue"])
    assert len(extraction.quotes) == len(seed_gold["quotes"])


def test_he_said_resolves_to_hegseth(seed):
    _, extraction = seed
    quote = next(q for q in extraction.quotes if q["quote_text"].startswith("There were certainly"))
    assert (quote["speaker_text"], quote["attribution"]) == ("he", "pronoun")
    pronoun = next(m for m in extraction.entity_mentions if m["mention_type"] == "pronoun")
    assert (pronoun["text"], pronoun["entity_id"]) == ("he", quote["speaker_entity_id"])


def test_gold_claims(seed, seed_gold):
    _, extraction = seed
    by_span = {(row["start_char"], row["end_char"]): row for row in extraction.numeric_claims}
    for gold in seed_gold["claims"]:
        row = by_span.get(tuple(gold["span"]))
        assert row is not None, f"missing claim {gold['surface']!r}"
        assert row["value"] == gold["value"]
        assert row["unit"] == gold["unit"]
        assert row["approximate"] == gold.get("approximate", False)
        if "of" in gold:
            assert row["of_what"] == gold["of"]
    assert len(extraction.numeric_claims) == len(seed_gold["claims"]), "a year or 'World War Two' became a claim"


def test_claim_said_in_an_indirect_quote_carries_the_speaker(seed):
    _, extraction = seed
    names = {row["entity_id"]: row["name"] for row in extraction.entities}
    two_percent = next(c for c in extraction.numeric_claims if c["surface"].startswith("two per cent"))
    assert names[two_percent["speaker_entity_id"]] == "Sanae Takaichi"
    assert two_percent["subject"] == "Japan's defence spending"
    assert two_percent["time_text"] == "current fiscal year to March 2026"
    five = next(c for c in extraction.numeric_claims if c["surface"] == "five per cent of GDP")
    assert five["time_text"] == "by 2035" and five["quote_id"] is None


def test_exact_rows_for_one_quote_and_one_claim(seed):
    article, extraction = seed
    hegseth = next(row["entity_id"] for row in extraction.entities if row["name"] == "Pete Hegseth")
    quote = next(q for q in extraction.quotes if q["start_char"] == 1285)
    assert {k: v for k, v in quote.items() if k != "quote_id"} == {
        "article_id": article["article_id"],
        "quote_text": "There were certainly no demands placed on Japan from the United States.",
        "start_char": 1285,
        "end_char": 1356,
        "kind": "direct",
        "cue": "said",
        "cue_start_char": 1278,
        "cue_end_char": 1282,
        "speaker_text": "he",
        "speaker_start_char": 1275,
        "speaker_end_char": 1277,
        "speaker_entity_id": hegseth,
        "speaker_role": None,  # "he" states no role
        "attribution": "pronoun",
        "paragraph_index": 5,
    }
    claim = next(c for c in extraction.numeric_claims if c["start_char"] == 989)
    assert {k: v for k, v in claim.items() if k != "claim_id"} == {
        "article_id": article["article_id"],
        "surface": "about 1.8 per cent",
        "start_char": 989,
        "end_char": 1007,
        "value": 1.8,
        "value_low": None,
        "value_high": None,
        "unit": "percent",
        "quantity_kind": "percent",
        "currency": None,
        "scale": None,
        "approximate": True,
        "comparator": "about",
        "direction": "up",  # "raise … to two per cent …, from about 1.8 per cent"
        "change_kind": "change_from",
        "of_what": "GDP",
        "subject": "Japan's defence spending",
        "time_text": "currently",
        "quote_id": next(q["quote_id"] for q in extraction.quotes if q["start_char"] == 845),
        "speaker_entity_id": next(row["entity_id"] for row in extraction.entities if row["name"] == "Sanae Takaichi"),
        "previous_claim_id": None,  # the old value of the change; the new one (2%) points at it
    }
    two_percent = next(c for c in extraction.numeric_claims if c["start_char"] == 903)
    assert two_percent["previous_claim_id"] == claim["claim_id"]
    assert (two_percent["change_kind"], two_percent["direction"]) == ("change_to", "up")
