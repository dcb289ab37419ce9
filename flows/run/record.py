"""The run's own record, filled in as its steps report, and written as its ``runs`` row."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import pyarrow as pa

from transforms.schemas import RUN_STATUSES, RUNS

Result = TypeVar("Result")


@dataclass(kw_only=True)
class RunRecord:
    """One run as ``runs`` stores it: a field per column of ``transforms.schemas.RUNS``, in its order (tested)."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"  # one of RUN_STATUSES
    sources: list[str]
    source_roots: dict[str, str]
    pipeline_version: str
    files_seen: int = 0
    files_new: int = 0
    articles: int = 0
    quarantined: int = 0
    discarded: dict[str, int] = field(default_factory=dict)
    skipped_language: int = 0
    step_seconds: dict[str, float] = field(default_factory=dict)
    error: str | None = None

    def finish(self, status: str, error: str | None = None) -> None:
        if status not in RUN_STATUSES:
            raise ValueError(f"run status {status!r} is not one of {RUN_STATUSES}")
        self.status, self.error = status, error
        self.finished_at = datetime.now(UTC)

    def as_table(self) -> pa.Table:
        return pa.Table.from_pylist([asdict(self)], schema=RUNS)


def new_run_id(started_at: datetime | None = None) -> str:
    """The run's start time (default now, UTC): sortable, unique per run, safe as a directory name."""
    return (started_at or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def timed(
    step_seconds: dict[str, float], name: str, function: Callable[..., Result], *args: Any, **kwargs: Any
) -> Result:
    """Run one step and record its wall time."""
    started = time.perf_counter()
    try:
        return function(*args, **kwargs)
    finally:
        step_seconds[name] = round(time.perf_counter() - started, 3)
