"""Tiny contract tables and two runs of them, for the warehouse tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from transforms.schemas import ALL_TABLES
from warehouse import lake

RUN_1 = "20250101T020000Z-aaaa"
RUN_2 = "20250102T020000Z-bbbb"
RUN_3 = "20250103T020000Z-cccc"
PIPELINE = "test-0.1"
BODY_A1_V1 = "Joe Biden said growth was 3%. Biden spoke in Tokyo."
BODY_A1_V2 = 'Biden said: "We will win."'
BODY_A2 = "Tokyo welcomed Biden. Prices rose 5%."


def _defaults(table: str, run_id: str) -> dict[str, Any]:
    lineage = {"run_id": run_id, "pipeline_version": PIPELINE}
    now = datetime(2025, 1, 1, 2, 0, tzinfo=UTC)
    defaults: dict[str, dict[str, Any]] = {
        "articles": {
            "source_uri": "x.txt",
            "record_key": "",
            "source_format": "txt",
            "content_sha256": "0" * 64,
            "body_text": "",
            "word_count": 0,
            "paragraph_count": 1,
            "first_seen_at": now,
            **lineage,
        },
        "entities": {"label": "PERSON", "scope": "global", "article_count": 0, "mention_count": 0, **lineage},
        "entity_mentions": {"label": "PERSON", "mention_type": "full_name", **lineage},
        "quotes": {"kind": "direct", "attribution": "explicit", "paragraph_index": 0, **lineage},
        "numeric_claims": {"quantity_kind": "percent", "approximate": False, "change_kind": "level", **lineage},
        "runs": {
            "started_at": now,
            "status": "succeeded",
            "pipeline_version": PIPELINE,
            "files_seen": 0,
            "files_new": 0,
            "articles": 0,
            "quarantined": 0,
        },
        "files": {
            "source_path": "/raw/x.txt",
            "sha256": "1" * 64,
            "size_bytes": 10,
            "status": "parsed",
            "article_count": 1,
            **lineage,
        },
        "quarantine": {
            "source_uri": "bad.json",
            "record_key": "",
            "stage": "parse",
            "reason_code": "invalid_json",
            "quarantined_at": now,
            **lineage,
        },
        "validation_results": {
            "table_name": "articles",
            "expectation": "expect_column_values_to_not_be_null",
            "severity": "blocking",
            "success": True,
            "row_count": 1,
            "validated_at": now,
            **lineage,
        },
    }
    return defaults[table]


def make_table(table: str, run_id: str, rows: list[dict[str, Any]]) -> pa.Table:
    """A contract table from partial rows: required columns get harmless defaults."""
    schema = ALL_TABLES[table]
    full = [{**_defaults(table, run_id), **row} for row in rows]
    return pa.Table.from_pylist([{name: r.get(name) for name in schema.names} for r in full], schema=schema)


def write_run(
    warehouse: Path, parquet_lake: lake.Lake, run_id: str, tables: dict[str, list[dict[str, Any]]]
) -> dict[str, list[str]]:
    """Write a run's parts to its work dir and stage them in the lake (not committed)."""
    work = lake.work_dir(warehouse, run_id)
    for table, rows in tables.items():
        lake.write_part(work, table, make_table(table, run_id, rows), part=0)
    return lake.stage_run(warehouse, parquet_lake, run_id)


def commit_runs(warehouse: Path, runs: dict[str, dict[str, list[dict[str, Any]]]]) -> lake.Lake:
    """Write, stage and commit each run's tables (run id → tables) in the warehouse's own lake, in order."""
    the_lake = lake.Lake.in_warehouse(warehouse)
    for run_id, tables in runs.items():
        write_run(warehouse, the_lake, run_id, tables)
        lake.commit_run(the_lake, run_id)
    return the_lake


def publish_runs(warehouse: Path, runs: dict[str, dict[str, list[dict[str, Any]]]]) -> Path:
    """``commit_runs``, then publish: the published file's path."""
    from warehouse.publish import publish

    return publish(warehouse, commit_runs(warehouse, runs)).path


def run_1_tables() -> dict[str, list[dict[str, Any]]]:
    return {
        "articles": [
            {"article_id": "A1", "title": "A1 first version", "body_text": BODY_A1_V1, "word_count": 10},
            {
                "article_id": "A2",
                "title": "A2 only version",
                "body_text": BODY_A2,
                "word_count": 6,
                "published_at": datetime(2025, 1, 1, 9, 30, tzinfo=UTC),
                "source_uri": "y.txt",
            },
            {
                "article_id": "A2dup",
                "title": "A2 again",
                "body_text": BODY_A2,
                "duplicate_of": "A2",
                "source_uri": "y.txt",
                "record_key": "2",
            },
        ],
        "entities": [
            {"entity_id": "e-biden", "name": "Joe Biden", "label": "PERSON"},
            {"entity_id": "e-tokyo", "name": "Tokyo", "label": "GPE"},
        ],
        "entity_mentions": [
            {
                "mention_id": "m1",
                "article_id": "A1",
                "entity_id": "e-biden",
                "text": "Joe Biden",
                "start_char": 0,
                "end_char": 9,
            },
            {
                "mention_id": "m2",
                "article_id": "A1",
                "entity_id": "e-biden",
                "text": "Biden",
                "start_char": 30,
                "end_char": 35,
                "mention_type": "partial_name",
            },
            {
                "mention_id": "m3",
                "article_id": "A1",
                "entity_id": "e-tokyo",
                "text": "Tokyo",
                "label": "GPE",
                "start_char": 45,
                "end_char": 50,
            },
            {
                "mention_id": "m4",
                "article_id": "A2",
                "entity_id": "e-tokyo",
                "text": "Tokyo",
                "label": "GPE",
                "start_char": 0,
                "end_char": 5,
            },
            {
                "mention_id": "m5",
                "article_id": "A2",
                "entity_id": "e-biden",
                "text": "Biden",
                "start_char": 15,
                "end_char": 20,
                "mention_type": "partial_name",
            },
            {
                "mention_id": "m6",
                "article_id": "A2dup",
                "entity_id": "e-biden",
                "text": "Biden",
                "start_char": 15,
                "end_char": 20,
                "mention_type": "partial_name",
            },
        ],
        "quotes": [
            {
                "quote_id": "q1",
                "article_id": "A1",
                "quote_text": "growth was 3%",
                "start_char": 15,
                "end_char": 28,
                "kind": "indirect",
                "speaker_entity_id": "e-biden",
                "speaker_text": "Joe Biden",
            },
        ],
        "numeric_claims": [
            {"claim_id": "c1", "article_id": "A1", "surface": "3%", "value": 3.0, "unit": "percent"},
            {"claim_id": "c2", "article_id": "A2", "surface": "5%", "value": 5.0, "unit": "percent"},
        ],
        "runs": [{"run_id": RUN_1, "articles": 3}],
        "files": [
            {"file_id": "f-x", "source_uri": "x.txt", "status": "parsed"},
            {"file_id": "f-y", "source_uri": "y.txt", "status": "parsed"},
        ],
        "quarantine": [{"quarantine_id": "qr1", "detail": "line 1"}],
        "validation_results": [{"result_id": "vr1"}],
    }


def run_2_tables() -> dict[str, list[dict[str, Any]]]:
    """Run 2 re-extracts A1 only (its file changed) and learns a better name for Biden."""
    return {
        "articles": [{"article_id": "A1", "title": "A1 second version", "body_text": BODY_A1_V2, "word_count": 4}],
        "entities": [{"entity_id": "e-biden", "name": "Joseph R. Biden", "label": "PERSON"}],
        "entity_mentions": [
            {
                "mention_id": "m7",
                "article_id": "A1",
                "entity_id": "e-biden",
                "text": "Mr Biden",
                "start_char": 0,
                "end_char": 8,
                "mention_type": "partial_name",
            },
            {
                "mention_id": "m8",
                "article_id": "A1",
                "entity_id": "e-biden",
                "text": "Biden",
                "start_char": 30,
                "end_char": 35,
                "mention_type": "partial_name",
            },
        ],
        "quotes": [
            {
                "quote_id": "q2",
                "article_id": "A1",
                "quote_text": "We will win.",
                "start_char": 13,
                "end_char": 25,
                "speaker_entity_id": "e-biden",
                "speaker_text": "Biden",
            },
        ],
        "runs": [{"run_id": RUN_2, "articles": 1}],
        # x.txt changed and was read again; y.txt's new version was empty, so its articles stay as they were.
        "files": [
            {"file_id": "f-x2", "source_uri": "x.txt", "status": "parsed", "article_count": 1},
            {"file_id": "f-y", "source_uri": "y.txt", "status": "empty", "article_count": 0},
        ],
    }
