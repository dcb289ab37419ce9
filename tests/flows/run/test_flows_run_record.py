"""The run's hand-offs are declared once: the run record is a row of ``runs`` and the raw records a row of
``RAW_RECORDS``, field for field; every quarantine part number is distinct."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from flows.run.record import RunRecord, new_run_id
from flows.run.scratch import QuarantinePart, RunScratch
from transforms.records import RawRecord
from transforms.schemas import RAW_RECORDS, RUNS

STARTED = datetime(2026, 12, 6, 4, 0, tzinfo=UTC)


def test_the_run_record_has_exactly_the_columns_of_runs_and_writes_as_one_row():
    assert [f.name for f in fields(RunRecord)] == RUNS.names
    run = RunRecord(
        run_id=new_run_id(STARTED),
        started_at=STARTED,
        pipeline_version="v",
        sources=["news=/n"],
        source_roots={"news": "/n"},
        files_seen=3,
        discarded={"brief": 2},
    )
    run.finish("failed", "OSError: disk full")
    [row] = run.as_table().to_pylist()
    assert row["run_id"] == "20261206T040000000000Z" and row["status"] == "failed"
    assert row["error"] == "OSError: disk full" and row["finished_at"] >= STARTED
    assert row["files_seen"] == 3 and row["discarded"] == [("brief", 2)] and row["source_roots"] == [("news", "/n")]
    with pytest.raises(ValueError, match="not one of"):
        run.finish("done")  # a status runs does not allow would fail validation only after the run


def test_a_raw_record_is_a_row_of_raw_records():
    assert [f.name for f in fields(RawRecord)] == RAW_RECORDS.names
    record = RawRecord("news/a.json", "line=1", "jsonl", "Body.", title="T", authors=("A. Writer",), topics=("trade",))
    [row] = pa.Table.from_pylist(
        [{f.name: getattr(record, f.name) for f in fields(RawRecord)}], schema=RAW_RECORDS
    ).to_pylist()
    assert row["authors"] == ["A. Writer"] and row["topics"] == ["trade"] and row["url"] is None


def test_each_step_has_its_own_quarantine_part_and_the_scratch_files_are_distinct(tmp_path):
    assert len({int(part) for part in QuarantinePart}) == len(QuarantinePart)
    scratch = RunScratch.of(tmp_path, "20261206T040000000000Z")
    paths = [
        scratch.new_files,
        scratch.raw_records,
        scratch.file_stats,
        scratch.unmarked_articles,
        scratch.entity_parts,
        scratch.staged_copies,
    ]
    assert scratch.folder.is_dir() and len(set(paths)) == len(paths)
    assert all(path.parent == scratch.folder for path in paths)
