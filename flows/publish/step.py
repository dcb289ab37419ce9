"""The publish step: record the run in the lake, commit it, rebuild and swap the published file; and the
record of a run that failed."""

from __future__ import annotations

from pathlib import Path

from flows.run.faults import pause_point
from flows.run.record import RunRecord
from warehouse.lake import Lake, commit_run, is_committed, reject_run, stage_run, work_dir, write_part
from warehouse.publish import publish as publish_warehouse

AMENDMENT_SUFFIX = "-amended"


def commit_and_publish(warehouse_dir: Path, lake: Lake, run: RunRecord, repaired_runs: list[str] | None = None) -> dict:
    """Record the run, make its data visible in the lake, then rebuild and swap the published file.

    Safe to call again after a failed publish: a committed run is not committed twice, so a retry tries
    the publish again and, if it fails again, fails with the publish's own error.  ``repaired_runs``: runs
    with lost parts whose files this run read again.
    """
    if not is_committed(lake, run.run_id):
        _commit_run_record(warehouse_dir, lake, run.run_id, run, repaired_runs or [])
    result = publish_warehouse(warehouse_dir, lake, before_swap=lambda: pause_point("publish"))
    return dict(result.row_counts)


def record_failed_run(warehouse_dir: Path, lake: Lake, run: RunRecord) -> None:
    """A failed run's data goes to rejected/; its runs row is still committed so the failure is on record.

    A run that failed after its data was committed (the publish failed: a full disk) keeps its data, which
    the next publish shows; its row is corrected by an amendment, committed after it, that says it failed.
    """
    if is_committed(lake, run.run_id):
        _commit_run_record(warehouse_dir, lake, amendment_run_id(run.run_id), run)
        return
    reject_run(warehouse_dir, lake, run.run_id, run.error or "failed")
    _commit_run_record(warehouse_dir, lake, run.run_id, run)


def amendment_run_id(run_id: str) -> str:
    """The lake partition that corrects a committed run's row: it sorts right after the run, so its row is the
    run's latest (publish keeps the latest row per key) and every later run's rows come after it."""
    return f"{run_id}{AMENDMENT_SUFFIX}"


def _commit_run_record(
    warehouse_dir: Path, lake: Lake, partition_run_id: str, run: RunRecord, repaired_runs: list[str] | None = None
) -> None:
    """The one place a ``runs`` row is written: in its own partition, staged and committed at once."""
    write_part(work_dir(warehouse_dir, partition_run_id), "runs", run.as_table(), 0)
    stage_run(warehouse_dir, lake, partition_run_id)
    commit_run(lake, partition_run_id, repaired_runs=repaired_runs or [])
