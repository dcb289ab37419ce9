"""The stage and validate steps: the run's parts move into the lake's staging, and Great Expectations reads
them there, a slice at a time; blocking failures reject the run before anything is committed."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from expectations.validate import validate_slices
from flows.run.faults import pause_point
from flows.run.scratch import RunScratch
from flows.validate.slices import first_key_collision, repeated_keys, table_slices
from transforms.schemas import ALL_TABLES
from warehouse.lake import Lake, local_copies, stage_run, staged_parts, work_dir, write_part


class ValidationFailed(RuntimeError):
    """Blocking expectations failed: the run's data is rejected and nothing is published."""


def stage(warehouse_dir: Path, lake: Lake, run_id: str) -> dict:
    staged = stage_run(warehouse_dir, lake, run_id)
    pause_point("staged")
    return {table: len(paths) for table, paths in staged.items()}


def validate(warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str) -> dict:
    """Great Expectations over the run's staged tables, a slice at a time; blocking failures reject the run."""
    scratch = RunScratch.of(warehouse_dir, run_id)
    # A remote lake's staged parts are read back from local copies (see lake.local_copies).
    copies = local_copies(
        lake, {table: staged_parts(lake, table, run_id) for table in ALL_TABLES}, scratch.staged_copies
    )
    staged = {table: [Path(p) for p in paths] for table, paths in copies.items()}
    repeated = repeated_keys(staged, scratch.folder)
    outcome = validate_slices(
        table_slices(staged),
        run_id=run_id,
        pipeline_version=pipeline_version,
        validated_at=datetime.now(UTC),
        repeated_keys=repeated,
    )
    collision = first_key_collision(staged, scratch.folder) if not outcome.passed and any(repeated.values()) else None
    shutil.rmtree(scratch.folder)
    pause_point("validate")
    write_part(work_dir(warehouse_dir, run_id), "validation_results", outcome.results, 0)
    stage_run(warehouse_dir, lake, run_id)
    if collision is not None:
        # The cause first: every other failure (spans checked against the other body, …) follows from it.
        raise ValidationFailed(
            f"{collision}; {len(outcome.blocking_failures)} blocking expectations failed "
            f"(validation_results of run {run_id})"
        )
    if not outcome.passed:
        raise ValidationFailed("; ".join(outcome.blocking_failures))
    results = outcome.results.to_pylist()
    return {"expectations": len(results), "warnings_failed": sum(1 for r in results if not r["success"])}
