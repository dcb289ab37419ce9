"""The run report: counts, quarantine and time per step, printed by the CLI and kept in Prefect as a markdown
artifact, so the UI shows what each night did."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from prefect.artifacts import create_markdown_artifact

from flows.run.record import RunRecord
from warehouse.lake import Lake, staged_parts
from warehouse.publish import PUBLISHED_DB_NAME
from warehouse.query import run_readonly_sql

EXAMPLE_SQL = (
    "SELECT speaker_name, count(*) AS quotes FROM v_quotes WHERE speaker_name IS NOT NULL "
    "GROUP BY speaker_name ORDER BY quotes DESC, speaker_name LIMIT 5"
)


def build_report(warehouse_dir: Path, lake: Lake, run: RunRecord, published: dict) -> dict:
    """The run summary, also written as the Prefect artifact ``broadsheet-run-report``."""
    columns, rows = run_readonly_sql(warehouse_dir / PUBLISHED_DB_NAME, EXAMPLE_SQL)
    report = {
        "run_id": run.run_id,
        "pipeline_version": run.pipeline_version,
        "files_seen": run.files_seen,
        "files_new": run.files_new,
        "articles_new": run.articles,
        "discarded": run.discarded,
        "skipped_language": run.skipped_language,
        "row_counts": published,
        "quarantined": quarantine_summary(lake, run.run_id),
        "example_sql": EXAMPLE_SQL,
        "example_columns": columns,
        "example_rows": [list(r) for r in rows],
        "database": str(warehouse_dir / PUBLISHED_DB_NAME),
    }
    create_markdown_artifact(
        key="broadsheet-run-report", markdown=_markdown(report, run), description=f"Broadsheet run {run.run_id}"
    )
    return report


def quarantine_summary(lake: Lake, run_id: str) -> list[dict]:
    """This run's quarantined inputs with their reasons, for the report."""
    columns = ["source_uri", "record_key", "reason_code", "detail"]
    rows = [
        row
        for part in staged_parts(lake, "quarantine", run_id)
        for row in pq.read_table(part, filesystem=lake.fs, columns=columns).to_pylist()
    ]
    return sorted(rows, key=lambda r: (r["source_uri"], r["record_key"]))


def _markdown(report: dict, run: RunRecord) -> str:
    lines = [
        f"# Broadsheet run {report['run_id']}",
        "",
        f"{report['files_new']} new of {report['files_seen']} files, {report['articles_new']} articles analysed.",
        "",
        "| table | rows |",
        "|---|---|",
    ]
    lines += [f"| {table} | {rows} |" for table, rows in sorted(report["row_counts"].items())]
    lines += ["", "| step | seconds |", "|---|---|"]
    lines += [f"| {step} | {value:.2f} |" for step, value in run.step_seconds.items()]
    lines += ["", f"Quarantined this run: {len(report['quarantined'])}"]
    lines += [
        f"- `{q['source_uri']}` {q['record_key']}: {q['reason_code']} ({q['detail']})" for q in report["quarantined"]
    ]
    return "\n".join(lines)
