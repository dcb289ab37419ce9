"""The run's steps from the analysis on, as plain functions: the file and lake IO around the pure transforms.

Prefect wraps each of these in a thin task (``flows/nightly.py``); tests call them directly.
Steps hand each other paths and counts, never article data.  The steps before the analysis
(discover, parse, normalise) are in ``flows/ingest.py``: they run in a child process.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
from rich.progress import MofNCompleteColumn, Progress

from expectations.validate import validate_slices
from flows.faults import pause_point
from flows.ingest import quarantine_row, scratch_dir
from flows.parallel import analyse_in_parallel, analyse_on_cluster, worker_count
from flows.staged_slices import first_key_collision, repeated_keys, table_slices
from transforms.nlp.analyse import to_tables
from transforms.schemas import ALL_TABLES, QUARANTINE, RUNS
from warehouse.lake import (PART_GLOB, Lake, commit_run, is_committed, local_copies, read_batches, reject_run,
                            stage_run, staged_parts, work_dir, write_part, write_part_stream)
from warehouse.publish import publish as publish_warehouse
from warehouse.run_entities import merged_entities

if TYPE_CHECKING:
    import distributed

AMENDMENT_SUFFIX = "-amended"
# Articles analysed per written part: bounds memory however large the corpus is.
ANALYSE_BATCH_ARTICLES = 500
NLP_LANGUAGES = frozenset({"en"})


class ValidationFailed(RuntimeError):
    """Blocking expectations failed: the run's data is rejected and nothing is published."""


def new_run_id(started_at: datetime | None = None) -> str:
    """The run's start time (default now, UTC): sortable, unique per run, safe as a directory name."""
    return (started_at or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def analyse(warehouse_dir: Path, run_id: str, pipeline_version: str, *, show_progress: bool = False,
            cluster: distributed.Client | None = None) -> dict:
    """The model and the extraction over the run's articles, written in parts as they come.

    The model runs on every core of this machine, or on the Dask cluster behind ``cluster``;
    either way the rows come back here.  Each part's entities go to scratch and are folded into the
    run's one row per entity at the end, on disk: the process does not grow with the run's entities.
    """
    work = work_dir(warehouse_dir, run_id)
    articles_file = work / "articles" / "part-00000.parquet"
    total = pq.ParquetFile(articles_file).metadata.num_rows
    counts = {"entity_mentions": 0, "quotes": 0, "numeric_claims": 0, "skipped_language": 0, "skipped_duplicate": 0}
    entity_parts = scratch_dir(warehouse_dir, run_id) / "analysis"
    failures: list[dict] = []
    now = datetime.now(timezone.utc)

    def readable_articles():
        for batch in read_batches(articles_file, ANALYSE_BATCH_ARTICLES,
                                  ["article_id", "body_text", "credits", "language", "duplicate_of",
                                   "source_uri", "record_key"]):
            for row in batch.to_pylist():
                # The model reads English; other articles are stored as they are, not mangled by it.
                if row["language"] not in NLP_LANGUAGES:
                    counts["skipped_language"] += 1
                    progress.advance(bar)
                # A duplicate's body is its original's: the original's rows already say everything, and
                # every view and entity count leaves duplicates out, so the model would work for nothing.
                elif row["duplicate_of"] is not None:
                    counts["skipped_duplicate"] += 1
                    progress.advance(bar)
                else:
                    yield row

    def flush(extractions: list, part: int) -> None:
        tables = to_tables(extractions, run_id=run_id, pipeline_version=pipeline_version)
        write_part(entity_parts, "entities", tables.pop("entities"), part)
        for name, table in tables.items():
            write_part(work, name, table, part)
            counts[name] += table.num_rows
        pause_point("analyse")

    with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), disable=not show_progress) as progress:
        bar = progress.add_task("analysing articles", total=total)
        buffer: list = []
        part = 0
        if cluster is None:
            extractions = analyse_in_parallel(readable_articles(), worker_count(total))
        else:
            extractions = analyse_on_cluster(readable_articles(), cluster, pipeline_version)
        for extraction in extractions:
            progress.advance(bar)
            if extraction.failure is not None:
                failures.append(quarantine_row(extraction.failure, now, run_id, pipeline_version))
                continue
            buffer.append(extraction)
            if len(buffer) == ANALYSE_BATCH_ARTICLES:
                flush(buffer, part)
                buffer, part = [], part + 1
        if buffer or part == 0:
            flush(buffer, part)
    merged = merged_entities(sorted((entity_parts / "entities").glob(PART_GLOB)), entity_parts / "spill")
    written = write_part_stream(work, "entities", merged, 0)
    counts["entities"] = pq.ParquetFile(written).metadata.num_rows
    shutil.rmtree(entity_parts)
    # Parse and normalise wrote quarantine parts 0 and 1.
    write_part(work, "quarantine", pa.Table.from_pylist(failures, schema=QUARANTINE), 2)
    counts["quarantined"] = len(failures)
    return counts


def stage(warehouse_dir: Path, lake: Lake, run_id: str) -> dict:
    staged = stage_run(warehouse_dir, lake, run_id)
    pause_point("staged")
    return {table: len(paths) for table, paths in staged.items()}


def validate(warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str) -> dict:
    """Great Expectations over the run's staged tables, a slice at a time; blocking failures reject the run."""
    scratch = scratch_dir(warehouse_dir, run_id)
    # A remote lake's staged parts are read back from local copies (see lake.local_copies).
    copies = local_copies(lake, {table: staged_parts(lake, table, run_id) for table in ALL_TABLES}, scratch / "staged")
    staged = {table: [Path(p) for p in paths] for table, paths in copies.items()}
    repeated = repeated_keys(staged, scratch)
    outcome = validate_slices(table_slices(staged), run_id=run_id, pipeline_version=pipeline_version,
                              validated_at=datetime.now(timezone.utc), repeated_keys=repeated)
    collision = first_key_collision(staged, scratch) if not outcome.passed and any(repeated.values()) else None
    shutil.rmtree(scratch)
    pause_point("validate")
    write_part(work_dir(warehouse_dir, run_id), "validation_results", outcome.results, 0)
    stage_run(warehouse_dir, lake, run_id)
    if collision is not None:
        # The cause first: every other failure (spans checked against the other body, …) follows from it.
        raise ValidationFailed(f"{collision}; {len(outcome.blocking_failures)} blocking expectations failed "
                               f"(validation_results of run {run_id})")
    if not outcome.passed:
        raise ValidationFailed("; ".join(outcome.blocking_failures))
    results = outcome.results.to_pylist()
    return {"expectations": len(results), "warnings_failed": sum(1 for r in results if not r["success"])}


def commit_and_publish(warehouse_dir: Path, lake: Lake, run_row: dict, repaired_runs: list[str] | None = None) -> dict:
    """Record the run, make its data visible in the lake, then rebuild and swap the published file.

    Safe to call again after a failed publish: a committed run is not committed twice, so a retry tries
    the publish again and, if it fails again, fails with the publish's own error.  ``repaired_runs``: runs
    with lost parts whose files this run read again.
    """
    run_id = run_row["run_id"]
    if not is_committed(lake, run_id):
        _commit_run_row(warehouse_dir, lake, run_id, run_row, repaired_runs or [])
    result = publish_warehouse(warehouse_dir, lake, before_swap=lambda: pause_point("publish"))
    return dict(result.row_counts)


def record_failed_run(warehouse_dir: Path, lake: Lake, run_row: dict) -> None:
    """A failed run's data goes to rejected/; its runs row is still committed so the failure is on record.

    A run that failed after its data was committed (the publish failed: a full disk) keeps its data, which
    the next publish shows; its row is corrected by an amendment, committed after it, that says it failed.
    """
    run_id = run_row["run_id"]
    if is_committed(lake, run_id):
        _commit_run_row(warehouse_dir, lake, amendment_run_id(run_id), run_row)
        return
    reject_run(warehouse_dir, lake, run_id, run_row["error"] or "failed")
    _commit_run_row(warehouse_dir, lake, run_id, run_row)


def amendment_run_id(run_id: str) -> str:
    """The lake partition that corrects a committed run's row: it sorts right after the run, so its row is the
    run's latest (publish keeps the latest row per key) and every later run's rows come after it."""
    return f"{run_id}{AMENDMENT_SUFFIX}"


def _commit_run_row(warehouse_dir: Path, lake: Lake, partition_run_id: str, run_row: dict,
                    repaired_runs: list[str] | None = None) -> None:
    write_part(work_dir(warehouse_dir, partition_run_id), "runs", pa.Table.from_pylist([run_row], schema=RUNS), 0)
    stage_run(warehouse_dir, lake, partition_run_id)
    commit_run(lake, partition_run_id, repaired_runs=repaired_runs or [])


def quarantine_summary(lake: Lake, run_id: str) -> list[dict]:
    """This run's quarantined inputs with their reasons, for the report."""
    columns = ["source_uri", "record_key", "reason_code", "detail"]
    rows = [row for part in staged_parts(lake, "quarantine", run_id)
            for row in pq.read_table(part, filesystem=lake.fs, columns=columns).to_pylist()]
    return sorted(rows, key=lambda r: (r["source_uri"], r["record_key"]))


def timed(step_seconds: dict[str, float], name: str, function: Callable, *args, **kwargs):
    """Run one step and record its wall time."""
    started = time.perf_counter()
    try:
        return function(*args, **kwargs)
    finally:
        step_seconds[name] = round(time.perf_counter() - started, 3)

