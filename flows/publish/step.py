"""The publish step: record the run in the lake, commit it, rebuild and swap the published file; and the
record of a run that failed."""

from __future__ import annotations

import dataclasses
import logging
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from flows.run.faults import pause_point
from flows.run.record import RunRecord
from warehouse.lake import (
    Lake,
    LakeError,
    commit_run,
    is_committed,
    reject_run,
    rejected_parts,
    stage_run,
    work_dir,
    write_part,
)
from warehouse.publish import PublishLocked
from warehouse.publish import publish as publish_warehouse

AMENDMENT_SUFFIX = "-amended"

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Published:
    row_counts: dict[str, int]
    run: RunRecord  # the run as the published file records it: finished, with the publish's time


def commit_and_publish(
    warehouse_dir: Path, lake: Lake, run: RunRecord, repaired_runs: list[str] | None = None
) -> Published:
    """Record the run, make its data visible in the lake, then rebuild and swap the published file.

    The published file holds the run's row as it ends: finished when the new file is complete, with the
    publish's time among its steps; the lake gets that row as an amendment once the file is in place (until
    then it holds the row committed with the data).  Safe to call again after a failed publish: a committed
    run is not committed twice, so a retry tries the publish again and, if it fails again, fails with the
    publish's own error.  ``repaired_runs``: runs with lost parts whose files this run read again.
    """
    started = time.perf_counter()
    if not is_committed(lake, run.run_id):
        _commit_run_record(warehouse_dir, lake, run.run_id, run, repaired_runs=repaired_runs or [])
    finished: list[RunRecord] = []

    def finished_run() -> pa.Table:
        seconds = {**run.step_seconds, "publish": round(time.perf_counter() - started, 3)}
        finished.append(dataclasses.replace(run, finished_at=datetime.now(UTC), step_seconds=seconds))
        return finished[-1].as_table()

    result = publish_warehouse(warehouse_dir, lake, before_swap=lambda: pause_point("publish"), final_runs=finished_run)
    _commit_run_record(warehouse_dir, lake, amendment_run_id(run.run_id), finished[-1])
    return Published(row_counts=dict(result.row_counts), run=finished[-1])


def record_failed_run(warehouse_dir: Path, lake: Lake, run: RunRecord) -> None:
    """A failed run's data goes to rejected/; its runs row and validation results are still committed, and the
    published file rebuilt, so the failure and its reasons are in the warehouse at once.

    A run that failed after its data was committed (the publish failed: a full disk) keeps its data, which
    the next publish shows; its row is corrected by an amendment, committed after it, that says it failed.
    The data tables of the rebuilt file are the last good ones: nothing the failed run analysed is in it.
    """
    if is_committed(lake, run.run_id):
        _commit_run_record(warehouse_dir, lake, amendment_run_id(run.run_id), run)
    else:
        reject_run(warehouse_dir, lake, run.run_id, run.error or "failed")
        # A run that failed before validating has no results to keep.
        parts = rejected_parts(warehouse_dir, run.run_id, "validation_results")
        results = pa.concat_tables(pq.read_table(part) for part in parts) if parts else None
        _commit_run_record(warehouse_dir, lake, run.run_id, run, validation_results=results)
    try:
        publish_warehouse(warehouse_dir, lake)
    except (OSError, duckdb.Error, PublishLocked, LakeError) as error:
        # The run has failed already, and that error is the one to report; its row is in the lake, which
        # `broadsheet status` reads.
        logger.warning(
            "the failed run %s is recorded in the lake, but the published file was not rebuilt: %s", run.run_id, error
        )


def amendment_run_id(run_id: str) -> str:
    """The lake partition that corrects a committed run's row: it sorts right after the run, so its row is the
    run's latest (publish keeps the latest row per key) and every later run's rows come after it."""
    return f"{run_id}{AMENDMENT_SUFFIX}"


def _commit_run_record(
    warehouse_dir: Path,
    lake: Lake,
    partition_run_id: str,
    run: RunRecord,
    *,
    repaired_runs: list[str] | None = None,
    validation_results: pa.Table | None = None,
) -> None:
    """The one place a ``runs`` row is written: in its own partition (with a failed run's validation results),
    staged and committed at once."""
    work = work_dir(warehouse_dir, partition_run_id)
    write_part(work, "runs", run.as_table(), 0)
    if validation_results is not None:
        write_part(work, "validation_results", validation_results, 0)
    stage_run(warehouse_dir, lake, partition_run_id)
    commit_run(lake, partition_run_id, repaired_runs=repaired_runs or [])
