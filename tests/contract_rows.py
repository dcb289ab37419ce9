"""Rows of every contract table that pass validation: one clean article with its children, for the tests of
validation and Data Docs to break one thing at a time."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa

from transforms.schemas import ALL_TABLES

RUN_ID = "2025-01-01T00-00-00Z-test"
VERSION = "test-0"
WHEN = datetime(2025, 1, 1, tzinfo=UTC)
LINEAGE = {"run_id": RUN_ID, "pipeline_version": VERSION}

BODY = (
    "Acme Corp said on Monday that profits rose 5 percent in the third quarter. "
    '"We are very pleased with the results," said Jane Doe, the chief executive of the company.'
)


def span(text: str, after: int = 0) -> tuple[int, int]:
    start = BODY.index(text, after)
    return start, start + len(text)


def clean_rows() -> dict[str, list[dict]]:
    quote = span("We are very pleased with the results,")
    cue = span("said", quote[1])
    speaker = span("Jane Doe")
    return {
        "articles": [
            {
                "article_id": "a-1",
                "source_uri": "wire/a1.txt",
                "record_key": "",
                "source_format": "txt",
                "content_sha256": "0" * 64,
                "title": "Acme profits rise",
                "body_text": BODY,
                "word_count": len(BODY.split()),
                "paragraph_count": 1,
                "first_seen_at": WHEN,
                **LINEAGE,
            }
        ],
        "entities": [
            {
                "entity_id": "e-acme",
                "name": "Acme Corp",
                "label": "ORG",
                "scope": "global",
                "aliases": ["Acme Corp"],
                "article_count": 1,
                "mention_count": 1,
                **LINEAGE,
            },
            {
                "entity_id": "e-doe",
                "name": "Jane Doe",
                "label": "PERSON",
                "scope": "global",
                "aliases": ["Jane Doe"],
                "article_count": 1,
                "mention_count": 1,
                **LINEAGE,
            },
        ],
        "entity_mentions": [
            {
                "mention_id": "m-acme",
                "article_id": "a-1",
                "entity_id": "e-acme",
                "text": "Acme Corp",
                "label": "ORG",
                "start_char": span("Acme Corp")[0],
                "end_char": span("Acme Corp")[1],
                "sentence_index": 0,
                "mention_type": "full_name",
                **LINEAGE,
            },
            {
                "mention_id": "m-doe",
                "article_id": "a-1",
                "entity_id": "e-doe",
                "text": "Jane Doe",
                "label": "PERSON",
                "start_char": speaker[0],
                "end_char": speaker[1],
                "sentence_index": 1,
                "mention_type": "full_name",
                "role": "chief executive",
                **LINEAGE,
            },
        ],
        "quotes": [
            {
                "quote_id": "q-1",
                "article_id": "a-1",
                "quote_text": BODY[quote[0] : quote[1]],
                "start_char": quote[0],
                "end_char": quote[1],
                "kind": "direct",
                "cue": "said",
                "cue_start_char": cue[0],
                "cue_end_char": cue[1],
                "speaker_text": "Jane Doe",
                "speaker_start_char": speaker[0],
                "speaker_end_char": speaker[1],
                "speaker_entity_id": "e-doe",
                "attribution": "explicit",
                "paragraph_index": 0,
                **LINEAGE,
            }
        ],
        "numeric_claims": [
            {
                "claim_id": "c-1",
                "article_id": "a-1",
                "surface": "5 percent",
                "start_char": span("5 percent")[0],
                "end_char": span("5 percent")[1],
                "value": 5.0,
                "unit": "percent",
                "quantity_kind": "percent",
                "approximate": False,
                "change_kind": "level",
                "subject": "profits",
                **LINEAGE,
            }
        ],
        "runs": [
            {
                "run_id": RUN_ID,
                "started_at": WHEN,
                "status": "running",
                "sources": ["seeds/articles"],
                "pipeline_version": VERSION,
                "files_seen": 1,
                "files_new": 1,
                "articles": 1,
                "quarantined": 0,
                "step_seconds": [("parse", 0.1)],
            }
        ],
        "files": [
            {
                "file_id": "f-1",
                "source_uri": "wire/a1.txt",
                "source_path": "/data/wire/a1.txt",
                "sha256": "1" * 64,
                "size_bytes": 180,
                "status": "parsed",
                "article_count": 1,
                **LINEAGE,
            }
        ],
        "quarantine": [],
        "validation_results": [],
    }


def frames_from(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    return {t: pa.Table.from_pylist(r, schema=ALL_TABLES[t]).to_pandas() for t, r in rows.items()}
