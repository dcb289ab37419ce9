"""The report step: the run summary the CLI prints, the HTML run report (``<warehouse>/reports/<run_id>.html``
and ``latest.html``), Great Expectations Data Docs (``<warehouse>/docs/``), and a Prefect markdown artifact
that links to both, so the UI shows what each night did.  A failed run gets its HTML report and artifact too.

The report never changes a run's outcome: when it cannot be written (the warehouse folder was deleted under
the run, a full disk) the run still ends with its own status, and the reason is logged and returned.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from prefect.artifacts import create_markdown_artifact

from flows.run.record import RunRecord
from transforms.records import error_line
from warehouse import vendor
from warehouse.lake import Lake, atomic_write_text, rejected_parts, staged_parts
from warehouse.publish import PUBLISHED_DB_NAME
from warehouse.query import WarehouseMissing, WarehouseUnreadable, attached_read_only, run_readonly_sql
from warehouse.report.facts import WarehouseFacts, read_facts, recent_validation_results
from warehouse.report.page import render_page
from warehouse.status import DriftFlag

logger = logging.getLogger(__name__)

EXAMPLE_SQL = (
    "SELECT speaker_name, count(*) AS quotes FROM v_quotes WHERE speaker_name IS NOT NULL "
    "GROUP BY speaker_name ORDER BY quotes DESC, speaker_name LIMIT 5"
)
REPORTS_DIR = "reports"
LATEST_REPORT = "latest.html"
DATA_DOCS_DIR = "docs"
DATA_DOCS_RUNS = 30  # runs whose validation pages the Data Docs keep; older results stay in validation_results
ARTIFACT_KEY = "broadsheet-run-report"
CHART_SCRIPTS = (
    (vendor.VEGA, "build/vega.min.js"),
    (vendor.VEGA_LITE, "build/vega-lite.min.js"),
    (vendor.VEGA_EMBED, "build/vega-embed.min.js"),
)


@dataclass(frozen=True)
class RunReportFiles:
    page: Path | None  # reports/<run_id>.html; None when it could not be written
    data_docs: Path | None  # docs/index.html; None when the Data Docs could not be built
    problems: list[str]  # why a file is missing, one line each
    drift: list[DriftFlag]  # the measures that moved beyond their thresholds (warehouse.status)


def build_report(warehouse_dir: Path, lake: Lake, run: RunRecord, published: dict) -> dict:
    """The summary of a published run; writes the HTML report, the Data Docs and the Prefect artifact."""
    quarantined = quarantine_summary(warehouse_dir, lake, run.run_id)
    files = write_run_report(warehouse_dir, run, quarantined)
    try:
        columns, rows = run_readonly_sql(warehouse_dir / PUBLISHED_DB_NAME, EXAMPLE_SQL)
    except (WarehouseMissing, WarehouseUnreadable) as error:
        columns, rows = [], []
        files.problems.append(f"example query not run: {error}")
    report = {
        "run_id": run.run_id,
        "pipeline_version": run.pipeline_version,
        "files_seen": run.files_seen,
        "files_new": run.files_new,
        "articles_new": run.articles,
        "discarded": run.discarded,
        "skipped_language": run.skipped_language,
        "row_counts": published,
        "quarantined": quarantined,
        "example_sql": EXAMPLE_SQL,
        "example_columns": columns,
        "example_rows": [list(r) for r in rows],
        "database": str(warehouse_dir / PUBLISHED_DB_NAME),
        "report_page": str(files.page) if files.page else None,
        "data_docs": str(files.data_docs) if files.data_docs else None,
        "report_problems": files.problems,
        "drift": [flag_line(flag) for flag in files.drift],
    }
    _artifact(run, files, published, quarantined)
    return report


def report_failed_run(warehouse_dir: Path, lake: Lake, run: RunRecord) -> RunReportFiles:
    """The HTML report, Data Docs and artifact of a run that failed (its row and validation results are in the
    warehouse by now: flows.publish.step.record_failed_run)."""
    quarantined = quarantine_summary(warehouse_dir, lake, run.run_id)
    files = write_run_report(warehouse_dir, run, quarantined)
    _artifact(run, files, None, quarantined)
    return files


def quarantine_summary(warehouse_dir: Path, lake: Lake, run_id: str) -> list[dict]:
    """This run's quarantined inputs with their reasons: from the lake, or from rejected/ when the run failed."""
    columns = ["source_uri", "record_key", "reason_code", "detail"]
    parts = staged_parts(lake, "quarantine", run_id)
    tables = [pq.read_table(part, filesystem=lake.fs, columns=columns) for part in parts]
    if not parts:
        tables = [pq.read_table(part, columns=columns) for part in rejected_parts(warehouse_dir, run_id, "quarantine")]
    rows = [row for table in tables for row in table.to_pylist()]
    return sorted(rows, key=lambda r: (r["source_uri"], r["record_key"] or ""))


def write_run_report(warehouse_dir: Path, run: RunRecord, quarantined: list[dict]) -> RunReportFiles:
    """Data Docs, then the run's page (and latest.html) from the published file; never raises (see the module
    docstring): what could not be written is named in ``problems``."""
    problems: list[str] = []
    warehouse_dir = Path(warehouse_dir).resolve()  # the artifact links to the pages by absolute file URIs
    published = warehouse_dir / PUBLISHED_DB_NAME
    facts: WarehouseFacts | None = None
    data_docs: Path | None = None
    missing = ""
    try:
        with attached_read_only(published, lock_down=True) as con:
            facts = read_facts(con, run.run_id)
            recent = recent_validation_results(con, DATA_DOCS_RUNS)
    except (WarehouseMissing, WarehouseUnreadable, duckdb.Error) as error:
        missing = error_line(error) if isinstance(error, duckdb.Error) else str(error)
        problems.append(f"no charts or validation results: {missing}")
    else:
        data_docs = _data_docs(recent, warehouse_dir / DATA_DOCS_DIR, problems)
    scripts = _chart_scripts(problems)
    try:
        written_at = datetime.now(UTC)
        page = render_page(
            run.as_table().to_pylist()[0],
            facts,
            quarantined,
            scripts=scripts,
            written_at=written_at,
            data_docs_href=f"../{DATA_DOCS_DIR}/index.html" if data_docs else None,
            missing_warehouse=missing,
        )
        reports = warehouse_dir / REPORTS_DIR
        reports.mkdir(exist_ok=True)  # not parents: a warehouse folder deleted under the run stays deleted
        path = reports / f"{run.run_id}.html"
        for target in (path, reports / LATEST_REPORT):
            atomic_write_text(target, page)
    except Exception as error:  # noqa: BLE001 - a full disk, a deleted folder, a fault in the page: the run stands
        problems.append(f"run report not written: {error_line(error)}")
        logger.warning("run %s: the run report was not written: %s", run.run_id, error_line(error))
        return RunReportFiles(None, data_docs, problems, facts.drift if facts else [])
    return RunReportFiles(path, data_docs, problems, facts.drift if facts else [])


def _data_docs(results: pa.Table, site: Path, problems: list[str]) -> Path | None:
    # Imported here: GX costs seconds to import, and only the report step needs its site builder.
    from expectations.data_docs import build_data_docs

    try:
        return build_data_docs(results, site)
    except Exception as error:  # noqa: BLE001 - GX raises many kinds; the run's outcome never depends on its docs
        problems.append(f"Data Docs not built: {error_line(error)}")
        logger.warning("the Data Docs were not built: %s", error_line(error))
        return None


def _chart_scripts(problems: list[str]) -> list[str]:
    try:
        return [vendor.read_asset(package, file) for package, file in CHART_SCRIPTS]
    except vendor.MissingAsset as error:
        problems.append(f"report without charts: {error}")
        logger.warning("the run report has no charts: %s", error)
        return []


def flag_line(flag: DriftFlag) -> str:
    return f"run {flag.run_id}: {flag.measure} {flag.value:.3g}, the runs before it {flag.baseline:.3g}"


def _artifact(run: RunRecord, files: RunReportFiles, published: dict | None, quarantined: list[dict]) -> None:
    create_markdown_artifact(
        key=ARTIFACT_KEY,
        markdown=_markdown(run, files, published, quarantined),
        description=f"Broadsheet run {run.run_id} ({run.status})",
    )


def _markdown(run: RunRecord, files: RunReportFiles, published: dict | None, quarantined: list[dict]) -> str:
    lines = [
        f"# Broadsheet run {run.run_id}: {run.status}",
        "",
        f"{run.files_new} new of {run.files_seen} files, {run.articles} articles analysed.",
    ]
    if run.error:
        lines += ["", f"**Error:** {run.error}"]
    lines.append("")
    if files.page:
        lines.append(f"- [Run report with charts]({files.page.as_uri()})")
    if files.data_docs:
        lines.append(f"- [Great Expectations Data Docs]({files.data_docs.as_uri()})")
    lines += [f"- not written: {problem}" for problem in files.problems]
    lines += [f"- **drift**: {flag_line(flag)}" for flag in files.drift]
    if published is not None:
        lines += ["", "| table | rows |", "|---|---|"]
        lines += [f"| {table} | {rows} |" for table, rows in sorted(published.items())]
    lines += ["", "| step | seconds |", "|---|---|"]
    lines += [f"| {step} | {value:.2f} |" for step, value in run.step_seconds.items()]
    lines += ["", f"Quarantined this run: {len(quarantined)}"]
    lines += [f"- `{q['source_uri']}` {q['record_key']}: {q['reason_code']} ({q['detail']})" for q in quarantined]
    return "\n".join(lines)
