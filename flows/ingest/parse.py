"""The parse step: the new files ``discover`` listed → raw records (a scratch file for ``normalise``) and the
quarantine rows of input that yields none.  Whatever a file holds, the worst it does is be quarantined."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from flows.ingest.raw_copies import keep_quarantined_copy
from flows.run.scratch import STREAM_BATCH_ROWS, QuarantinePart, RunScratch
from flows.run.time_budget import BudgetExceeded, time_budget
from transforms.ingest.parse import MAX_INPUT_BYTES, ParseResult, parse_file
from transforms.records import Discard, Rejection, error_line, quarantine_row
from transforms.schemas import QUARANTINE, RAW_RECORDS
from warehouse.lake import work_dir, write_part

# A safety net, not an expected cost: parsing is linear and a 1.3 MB Reuters archive takes about a second.
PARSE_SECONDS_PER_FILE = 60.0


def parse(warehouse_dir: Path, run_id: str, pipeline_version: str) -> dict:
    """The new files ``discover`` listed → raw records (a scratch file for normalise) and the quarantine
    rows of input that yields none."""
    now = datetime.now(UTC)
    rejections: list[dict] = []
    discarded: dict[str, int] = {}
    file_stats: list[dict] = []
    record_count = 0
    scratch = RunScratch.of(warehouse_dir, run_id)
    new_files = json.loads(scratch.new_files.read_text())
    # Records go to disk in batches as files are read: memory holds one batch, not the corpus.
    with pq.ParquetWriter(scratch.raw_records, RAW_RECORDS) as writer:
        batch: list[dict] = []
        for file in new_files:
            items, data = _parsed_file(file)
            produced = rejected = 0
            for item in items:
                if isinstance(item, Rejection):
                    rejected += 1
                    rejections.append(quarantine_row(item, now, run_id, pipeline_version))
                elif isinstance(item, Discard):
                    discarded[item.reason_code] = discarded.get(item.reason_code, 0) + 1
                else:
                    produced += 1
                    batch.append(asdict(item))
            if rejected and not produced and data is not None:
                keep_quarantined_copy(warehouse_dir, file, data)
            file_stats.append({**file, "records": produced, "readable": data is not None})
            record_count += produced
            if len(batch) >= STREAM_BATCH_ROWS:
                writer.write_table(pa.Table.from_pylist(batch, schema=RAW_RECORDS))
                batch = []
        writer.write_table(pa.Table.from_pylist(batch, schema=RAW_RECORDS))
    scratch.file_stats.write_text(json.dumps(file_stats))
    write_part(
        work_dir(warehouse_dir, run_id),
        "quarantine",
        pa.Table.from_pylist(rejections, schema=QUARANTINE),
        QuarantinePart.PARSE,
    )
    return {"records": record_count, "quarantined": len(rejections), "discarded": discarded}


def _parsed_file(file: dict) -> tuple[list[ParseResult], bytes | None]:
    """Every record of one file with its bytes, or the one reason it yields none (bytes None when it could not
    be read).  Never raises: whatever a file holds, the worst it does is be quarantined."""
    uri = file["source_uri"]
    if file["unreadable"] is not None:  # discover could not read it
        return [Rejection(uri, "", "parse", "unreadable", file["unreadable"])], None
    if file["size_bytes"] > MAX_INPUT_BYTES:  # refused before its bytes are in memory
        return [
            Rejection(
                uri, "", "parse", "too_large", f"{file['size_bytes']:,} bytes; at most {MAX_INPUT_BYTES:,} are read"
            )
        ], None
    try:
        data = Path(file["path"]).read_bytes()
    except OSError as error:  # gone or locked since discover: quarantined now, retried next run
        return [Rejection(uri, "", "parse", "unreadable", error_line(error))], None
    try:
        with time_budget(PARSE_SECONDS_PER_FILE):
            return list(parse_file(uri, data)), data
    except BudgetExceeded as error:
        return [Rejection(uri, "", "parse", "parse_timeout", f"parsing ran {error}")], data
    except Exception as error:  # noqa: BLE001 - a parser bug met on one file must not stop the night's run
        return [Rejection(uri, "", "parse", "parse_failed", error_line(error))], data
