"""What the operator asks after a night: the last runs (failed ones included, at once), the published file's
age and table sizes, and what is in quarantine.

Runs are read from the lake's committed ``runs`` parts, not from the published file: a failed run commits its
row (``flows/publish/step.py``) but publishes nothing, so the file would only show it after the next good
night. The rest comes from the published file, opened read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from transforms.schemas import ALL_TABLES
from warehouse.ddl import quote_ident
from warehouse.lake import Lake, committed_parts
from warehouse.query import attached_read_only, rows_as_dicts

# The runs columns the operator reads.
RUN_COLUMNS = (
    "run_id",
    "status",
    "started_at",
    "finished_at",
    "files_new",
    "articles",
    "quarantined",
    "error",
)


@dataclass(frozen=True)
class DriftFlag:
    run_id: str
    measure: str
    value: float
    baseline: float


@dataclass(frozen=True)
class WarehouseStatus:
    published_path: Path
    published_at: dt.datetime
    table_rows: dict[str, int]
    quarantine_by_reason: list[tuple[str, int]]
    runs: list[dict]
    drift: list[DriftFlag]


def warehouse_status(published_path: Path, lake: Lake, run_limit: int = 10) -> WarehouseStatus:
    """The published file's age, row counts and quarantine, and the last ``run_limit`` runs, newest first.
    A missing or unreadable file raises as ``attached_read_only`` does."""
    with attached_read_only(published_path, lock_down=True) as con:
        table_rows = table_row_counts(con)
        quarantine = [
            (str(reason), int(count))
            for reason, count in con.execute(
                "SELECT reason_code, count(*) FROM v_quarantine "
                "GROUP BY reason_code ORDER BY count(*) DESC, reason_code"
            ).fetchall()
        ]
        drift = read_drift_flags(con)
    modified = dt.datetime.fromtimestamp(published_path.stat().st_mtime, tz=dt.UTC)
    return WarehouseStatus(
        published_path=published_path,
        published_at=modified,
        table_rows=table_rows,
        quarantine_by_reason=quarantine,
        runs=recent_runs(lake, run_limit),
        drift=drift,
    )


def table_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in each table of the contract, on a connection that has the published file open."""
    return {
        table: int(con.execute(f"SELECT count(*) FROM {quote_ident(table)}").fetchall()[0][0]) for table in ALL_TABLES
    }


def recent_runs(lake: Lake, limit: int | None = None, *, failed_only: bool = False) -> list[dict]:
    """The runs the lake has committed, newest first: for each run its latest row (an amendment that says
    a published run failed after all replaces the first row)."""
    latest: dict[str, dict] = {}
    for part in committed_parts(lake, "runs"):
        table: pa.Table = pq.read_table(part, columns=list(RUN_COLUMNS), filesystem=lake.fs)
        for row in table.to_pylist():
            latest[row["run_id"]] = row  # parts come oldest first: a later row is the newer one
    runs = sorted(latest.values(), key=lambda row: row["run_id"], reverse=True)
    if failed_only:
        runs = [run for run in runs if run["status"] == "failed"]
    return runs if limit is None else runs[:limit]


def last_run_sources(lake: Lake) -> list[str]:
    """The sources (NAME=PATH specs) the newest committed run read, or [] when there is none."""
    parts = committed_parts(lake, "runs")
    if not parts:
        return []
    rows = pq.read_table(parts[-1], columns=["run_id", "sources"], filesystem=lake.fs).to_pylist()
    return list(max(rows, key=lambda row: row["run_id"])["sources"] or [])


def duration_seconds(run: dict) -> float | None:
    started, finished = run.get("started_at"), run.get("finished_at")
    return (finished - started).total_seconds() if started is not None and finished is not None else None


# Drift: each run's measures, from the rows it produced, against the median of the runs before it.
DRIFT_WINDOW = 5  # earlier runs that make the baseline
# A measure is flagged when it moves this far from the baseline: relative for counts and rates, in points
# for shares (a share of 0.80 going to 0.60 is flagged, 0.80 to 0.75 is not).
DRIFT_RELATIVE = 0.5
DRIFT_SHARE_POINTS = 0.15
DRIFT_MEASURES = (
    ("articles", "articles per run", "relative"),
    ("quarantine_rate", "quarantined inputs per new file", "points"),
    ("resolved_share", "share of quotes with a resolved speaker", "points"),
    ("claims_per_article", "claims per article", "relative"),
    ("validation_warnings", "validation warnings", "relative"),
)
RUN_MEASURES_SQL = """
SELECT
    r.run_id,
    r.articles,
    r.quarantined / greatest(r.files_new, 1) AS quarantine_rate,
    (SELECT avg(CASE WHEN q.speaker_entity_id IS NULL THEN 0 ELSE 1 END) FROM quotes AS q
        WHERE q.run_id = r.run_id) AS resolved_share,
    (SELECT count(*) FROM numeric_claims AS c WHERE c.run_id = r.run_id)
        / nullif((SELECT count(*) FROM articles AS a WHERE a.run_id = r.run_id), 0) AS claims_per_article,
    (SELECT count(*) FROM validation_results AS v
        WHERE v.run_id = r.run_id AND NOT v.success AND v.severity = 'warning') AS validation_warnings
FROM runs AS r
WHERE r.status = 'succeeded' AND r.articles > 0
ORDER BY r.run_id
"""


def drift_flags(published_path: Path) -> list[DriftFlag]:
    """The latest run's measures that moved beyond the thresholds from the median of the runs before it
    (runs that produced articles); none until there are earlier runs to compare with."""
    with attached_read_only(published_path, lock_down=True) as con:
        return read_drift_flags(con)


def read_drift_flags(con: duckdb.DuckDBPyConnection) -> list[DriftFlag]:
    """``drift_flags`` on a connection that has the published file open (the status and the run report)."""
    runs = rows_as_dicts(con, RUN_MEASURES_SQL)
    if len(runs) < 2:
        return []
    latest, earlier = runs[-1], runs[-1 - DRIFT_WINDOW : -1]
    flags = []
    for key, label, scale in DRIFT_MEASURES:
        history = sorted(float(run[key]) for run in earlier if run[key] is not None)
        if latest[key] is None or not history:
            continue
        baseline, value = history[len(history) // 2], float(latest[key])
        moved = abs(value - baseline)
        beyond = moved > DRIFT_SHARE_POINTS if scale == "points" else moved > DRIFT_RELATIVE * max(baseline, 1.0)
        if beyond:
            flags.append(DriftFlag(run_id=latest["run_id"], measure=label, value=value, baseline=baseline))
    return flags
