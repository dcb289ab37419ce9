"""The views analysts ask for first: who is quoted about whom, entities named together, claims per measured
thing over time, articles per publisher and day, and lists flattened to rows for SQLAlchemy-based tools."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from warehouse_builders import RUN_1, publish_runs

from support import query_published

BODY_A = 'Ana Ruiz said: "Acme and John Smith misled us, and Acme knows it." Acme sales rose 5% to $2bn.'
BODY_B = "Acme Inc sales fell 3%. John Smith spoke."
DAY_1 = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
DAY_2 = dt.datetime(2025, 3, 2, 9, 0, tzinfo=dt.UTC)


def _span(body: str, text: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return {"start_char": start, "end_char": start + len(text)}


def _mention(mid: str, article: str, body: str, entity: str, text: str, nth: int = 0, **more: Any) -> dict:
    return {
        "mention_id": mid,
        "article_id": article,
        "entity_id": entity,
        "text": text,
        **_span(body, text, nth),
        **more,
    }


@pytest.fixture
def published(tmp_path: Path) -> Path:
    quote = "Acme and John Smith misled us, and Acme knows it."
    tables: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "article_id": "A",
                "body_text": BODY_A,
                "publisher": "Reuters",
                "published_at": DAY_1,
                "word_count": 17,
                "authors": ["Jo Bloggs", "Sam Doe"],
                "credits": [{"name": "Kim Lee", "role": "editor"}],
            },
            {"article_id": "B", "body_text": BODY_B, "publisher": "Reuters", "published_at": DAY_2, "word_count": 7},
            # The same story again: never counted twice.
            {
                "article_id": "B2",
                "body_text": BODY_B,
                "publisher": "Reuters",
                "published_at": DAY_2,
                "word_count": 7,
                "duplicate_of": "B",
            },
        ],
        "files": [{"file_id": "f-x", "source_uri": "x.txt", "status": "parsed"}],
        "entities": [
            {"entity_id": "e-acme", "name": "Acme", "label": "ORG", "aliases": ["Acme"]},
            {"entity_id": "e-ruiz", "name": "Ana Ruiz", "label": "PERSON", "aliases": ["Ana Ruiz"]},
            {"entity_id": "e-smith", "name": "John Smith", "label": "PERSON", "aliases": ["John Smith"]},
        ],
        "entity_mentions": [
            _mention("m1", "A", BODY_A, "e-ruiz", "Ana Ruiz"),
            _mention("m2", "A", BODY_A, "e-acme", "Acme", 0, label="ORG"),
            _mention("m3", "A", BODY_A, "e-smith", "John Smith"),
            _mention("m4", "A", BODY_A, "e-acme", "Acme", 1, label="ORG"),
            _mention("m5", "A", BODY_A, "e-acme", "Acme", 2, label="ORG"),  # after the quote
            _mention("m6", "B", BODY_B, "e-acme", "Acme Inc", label="ORG"),
            _mention("m7", "B", BODY_B, "e-smith", "John Smith"),
            _mention("m8", "B2", BODY_B, "e-acme", "Acme", label="ORG"),
            _mention("m9", "B2", BODY_B, "e-smith", "John Smith"),
        ],
        "quotes": [
            {
                "quote_id": "q1",
                "article_id": "A",
                "quote_text": quote,
                **_span(BODY_A, quote),
                "speaker_entity_id": "e-ruiz",
            }
        ],
        "numeric_claims": [
            {
                "claim_id": "c1",
                "article_id": "A",
                "surface": "5%",
                **_span(BODY_A, "5%"),
                "value": 5.0,
                "unit": "percent",
                "of_what": "Acme sales",
                "direction": "up",
                "change_kind": "change",
            },
            {
                "claim_id": "c2",
                "article_id": "A",
                "surface": "$2bn",
                **_span(BODY_A, "$2bn"),
                "value": 2e9,
                "unit": "USD",
                "quantity_kind": "money",
                "of_what": "Acme sales",
                "change_kind": "change_to",
            },
            {
                "claim_id": "c3",
                "article_id": "B",
                "surface": "3%",
                **_span(BODY_B, "3%"),
                "value": 3.0,
                "unit": "percent",
                "of_what": "Acme sales",
                "direction": "down",
                "change_kind": "change",
            },
            {
                "claim_id": "c4",
                "article_id": "B2",
                "surface": "3%",
                **_span(BODY_B, "3%"),
                "value": 3.0,
                "unit": "percent",
                "of_what": "Acme sales",
                "direction": "down",
                "change_kind": "change",
            },
        ],
    }
    return publish_runs(tmp_path / "warehouse", {RUN_1: tables})


def _rows(db: Path, sql: str) -> list[tuple]:
    return query_published(db.parent, sql)


def test_a_quote_lists_the_entities_named_inside_it_not_those_around_it(published: Path) -> None:
    assert _rows(
        published, "SELECT quote_id, speaker_name, entity_name, label, mention_count FROM v_quote_entities"
    ) == [
        ("q1", "Ana Ruiz", "Acme", "ORG", 2),
        ("q1", "Ana Ruiz", "John Smith", "PERSON", 1),
    ]


def test_cooccurrence_counts_each_pair_once_per_article_and_skips_duplicates(published: Path) -> None:
    assert _rows(
        published,
        "SELECT entity_a_name, entity_b_name, article_count, first_article_date::DATE::VARCHAR, "
        "last_article_date::DATE::VARCHAR FROM v_cooccurrence",
    ) == [
        ("Acme", "John Smith", 2, "2025-03-01", "2025-03-02"),
        ("Acme", "Ana Ruiz", 1, "2025-03-01", "2025-03-01"),
        ("Ana Ruiz", "John Smith", 1, "2025-03-01", "2025-03-01"),
    ]


def test_claims_by_of_what_per_day_keep_units_apart(published: Path) -> None:
    assert _rows(
        published,
        "SELECT of_what, unit, article_day::VARCHAR, claim_count, article_count, min_value, max_value "
        "FROM v_claims_by_of_what",
    ) == [
        ("acme sales", "USD", "2025-03-01", 1, 1, 2e9, 2e9),
        ("acme sales", "percent", "2025-03-01", 1, 1, 5.0, 5.0),
        ("acme sales", "percent", "2025-03-02", 1, 1, 3.0, 3.0),
    ]


def test_articles_per_day_and_publisher(published: Path) -> None:
    assert _rows(
        published, "SELECT article_day::VARCHAR, publisher, article_count, word_count FROM v_articles_per_day"
    ) == [
        ("2025-03-01", "Reuters", 1, 17),
        ("2025-03-02", "Reuters", 1, 7),
    ]


def test_list_columns_as_rows(published: Path) -> None:
    assert _rows(published, "SELECT * FROM v_article_authors") == [("A", 1, "Jo Bloggs"), ("A", 2, "Sam Doe")]
    assert _rows(published, "SELECT * FROM v_article_credits") == [("A", 1, "Kim Lee", "editor")]
    # Aliases are what the published mentions call the entity.
    assert _rows(published, "SELECT entity_id, alias FROM v_entity_aliases WHERE entity_id = 'e-acme'") == [
        ("e-acme", "Acme"),
        ("e-acme", "Acme Inc"),
    ]
