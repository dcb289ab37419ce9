"""The nightly flow: discover → parse → normalise → analyse → stage → validate → publish → report.

Each task is a thin wrapper over a step in ``flows/steps.py``; parameters and
results are paths, ids and counts.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import filelock
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext

from flows import ingest, steps
from flows.child_process import ChildProcess
from flows.settings import pipeline_version
from flows.sources import Source, check_against_history, resolve_sources
from transforms.records import error_line
from warehouse.lake import Lake, check_writable, clean_stale, missing_parts
from warehouse.manifest import source_roots_history
from warehouse.publish import PUBLISHED_DB_NAME
from warehouse.query import run_readonly_sql

RUN_LOCK_NAME = ".run.lock"
EXAMPLE_SQL = ("SELECT speaker_name, count(*) AS quotes FROM v_quotes WHERE speaker_name IS NOT NULL "
               "GROUP BY speaker_name ORDER BY quotes DESC, speaker_name LIMIT 5")


class RunLocked(RuntimeError):
    """Another run holds this warehouse."""


# Steps are not cached: the manifest, not Prefect, decides what is new.
@task(name="discover", cache_policy=NO_CACHE)
def discover_task(child: ChildProcess, sources: list[str], warehouse_dir: Path, lake: Lake, run_id: str, version: str,
                  *, full_refresh: bool, follow_symlinks: bool) -> dict:
    return child.call(ingest.discover, sources, warehouse_dir, lake, run_id, version, full_refresh=full_refresh,
                      follow_symlinks=follow_symlinks)


@task(name="parse", cache_policy=NO_CACHE)
def parse_task(child: ChildProcess, warehouse_dir: Path, run_id: str, version: str) -> dict:
    return child.call(ingest.parse, warehouse_dir, run_id, version)


@task(name="normalise", cache_policy=NO_CACHE)
def normalise_task(child: ChildProcess, warehouse_dir: Path, lake: Lake, run_id: str, version: str,
                   started_at: datetime) -> dict:
    return child.call(ingest.normalise, warehouse_dir, lake, run_id, version, started_at)


analyse_task = task(steps.analyse, name="analyse", cache_policy=NO_CACHE)
stage_task = task(steps.stage, name="stage", cache_policy=NO_CACHE)
validate_task = task(steps.validate, name="validate", cache_policy=NO_CACHE)
# Publishing only reads the lake and rebuilds a file, so a transient failure (a lock) is safe to retry.
publish_task = task(steps.commit_and_publish, name="publish", cache_policy=NO_CACHE, retries=2,
                    retry_delay_seconds=[2, 5])


@flow(name="broadsheet-analyse-on-dask")
def analyse_on_dask(warehouse_dir: Path, run_id: str, pipeline_version: str, show_progress: bool = False) -> dict:
    """The analyse step with the model on a Dask cluster, run with a ``DaskTaskRunner`` for its address.

    Plain Dask work, not Prefect tasks, goes to the workers: a Prefect task on a worker reports to a
    Prefect API, and with none configured (``broadsheet run``'s ephemeral mode) each worker process
    would start a temporary server of its own.
    """
    # The runner's own client, connected on first use and closed with the flow run. prefect_dask's
    # get_dask_client() does not work here: it is made for tasks running on a worker.
    client = FlowRunContext.get().task_runner.client
    return steps.analyse(warehouse_dir, run_id, pipeline_version, show_progress=show_progress, cluster=client)


@flow(name="broadsheet-nightly")
def nightly(sources: list[str], warehouse: str, full_refresh: bool = False, show_progress: bool = False,
            dask_address: str | None = None, lake: str | None = None, follow_symlinks: bool = False) -> dict:
    """One run over ``sources`` into the warehouse at ``warehouse``; returns the run report.

    With ``dask_address`` (``tcp://host:port`` of a running Dask scheduler) the model runs on that
    cluster; everything else stays on this machine.  ``lake`` puts the Parquet lake at a folder or an
    fsspec URL (``s3://bucket/prefix``) instead of ``<warehouse>/lake``.  Symbolic links that lead out of
    their source are read only with ``follow_symlinks``.
    """
    warehouse_dir = Path(warehouse)
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    run_lock = filelock.FileLock(warehouse_dir / RUN_LOCK_NAME, timeout=0)
    try:
        run_lock.acquire()
    except filelock.Timeout as exc:
        raise RunLocked(f"another Broadsheet run is using {warehouse_dir}; nothing was changed") from exc
    try:
        lake_location = Lake(lake) if lake else Lake.in_warehouse(warehouse_dir)
        # Before any work: a source that cannot be read or whose name clashes changes nothing, not even `runs`.
        resolved = resolve_sources(sources)
        check_against_history(resolved, source_roots_history(lake_location))
        return _run(resolved, warehouse_dir, lake_location, full_refresh, show_progress, dask_address,
                    follow_symlinks)
    finally:
        run_lock.release()


def _run(sources: list[Source], warehouse_dir: Path, lake: Lake, full_refresh: bool, show_progress: bool,
         dask_address: str | None, follow_symlinks: bool) -> dict:
    version = pipeline_version()
    started_at = datetime.now(timezone.utc)
    run_id = steps.new_run_id(started_at)
    seconds: dict[str, float] = {}
    specs = [source.spec for source in sources]
    run_row = {"run_id": run_id, "started_at": started_at, "status": "running", "sources": specs,
               "source_roots": {source.name: str(source.root) for source in sources}, "pipeline_version": version,
               "files_seen": 0, "files_new": 0, "articles": 0, "quarantined": 0, "discarded": {},
               "skipped_language": 0, "error": None}
    check_writable(lake)
    # A crashed earlier run leaves scratch and uncommitted parts behind; they are never visible, but take space.
    clean_stale(warehouse_dir, lake, current_run_id=run_id)
    # A committed run with a lost part is left out of the manifest and the tables: its files are read again now.
    lost_parts = missing_parts(lake)
    try:
        # Reading the corpus runs in a child process that is gone before the analysis (flows/child_process.py).
        with ChildProcess("flows.ingest") as child:
            discovered = steps.timed(seconds, "discover", discover_task, child, specs, warehouse_dir, lake,
                                     run_id, version, full_refresh=full_refresh, follow_symlinks=follow_symlinks)
            run_row.update(files_seen=discovered["files_seen"], files_new=discovered["files_new"])
            parsed = steps.timed(seconds, "parse", parse_task, child, warehouse_dir, run_id, version)
            normalised = steps.timed(seconds, "normalise", normalise_task, child, warehouse_dir, lake, run_id,
                                     version, started_at)
        run_row.update(articles=normalised["articles"], quarantined=parsed["quarantined"] + normalised["quarantined"],
                       discarded={**discovered["skipped"], **parsed["discarded"], **normalised["discarded_versions"]})
        analyse_step = _analyse_on_dask_at(dask_address) if dask_address else analyse_task
        analysed = steps.timed(seconds, "analyse", analyse_step, warehouse_dir, run_id, version,
                               show_progress=show_progress)
        run_row.update(skipped_language=analysed["skipped_language"],
                       quarantined=run_row["quarantined"] + analysed["quarantined"])
        steps.timed(seconds, "stage", stage_task, warehouse_dir, lake, run_id)
        steps.timed(seconds, "validate", validate_task, warehouse_dir, lake, run_id, version)
        run_row.update(status="succeeded", finished_at=datetime.now(timezone.utc), step_seconds=dict(seconds))
        published = steps.timed(seconds, "publish", publish_task, warehouse_dir, lake, run_row, list(lost_parts))
    except Exception as error:
        run_row.update(status="failed", finished_at=datetime.now(timezone.utc), step_seconds=dict(seconds),
                       error=error_line(error))
        steps.record_failed_run(warehouse_dir, lake, run_row)
        raise
    report = steps.timed(seconds, "report", report_task, warehouse_dir, lake, run_row, published)
    report["step_seconds"] = dict(seconds)
    report["lost_parts"] = lost_parts
    return report


def _analyse_on_dask_at(dask_address: str):
    from prefect_dask import DaskTaskRunner  # imports distributed (~0.8 s): only runs with a cluster pay

    return analyse_on_dask.with_options(task_runner=DaskTaskRunner(address=dask_address))


def build_report(warehouse_dir: Path, lake: Lake, run_row: dict, published: dict) -> dict:
    """The run summary: also kept in Prefect as a markdown artifact, so the UI shows what each night did."""
    columns, rows = run_readonly_sql(warehouse_dir / PUBLISHED_DB_NAME, EXAMPLE_SQL)
    report = {
        "run_id": run_row["run_id"],
        "pipeline_version": run_row["pipeline_version"],
        "files_seen": run_row["files_seen"],
        "files_new": run_row["files_new"],
        "articles_new": run_row["articles"],
        "discarded": run_row["discarded"],
        "skipped_language": run_row["skipped_language"],
        "row_counts": published,
        "quarantined": steps.quarantine_summary(lake, run_row["run_id"]),
        "example_sql": EXAMPLE_SQL,
        "example_columns": columns,
        "example_rows": [list(r) for r in rows],
        "database": str(warehouse_dir / PUBLISHED_DB_NAME),
    }
    create_markdown_artifact(key="broadsheet-run-report", markdown=_markdown(report, run_row),
                             description=f"Broadsheet run {run_row['run_id']}")
    return report


def _markdown(report: dict, run_row: dict) -> str:
    lines = [f"# Broadsheet run {report['run_id']}", "",
             f"{report['files_new']} new of {report['files_seen']} files, {report['articles_new']} articles analysed.",
             "", "| table | rows |", "|---|---|"]
    lines += [f"| {table} | {rows} |" for table, rows in sorted(report["row_counts"].items())]
    lines += ["", "| step | seconds |", "|---|---|"]
    lines += [f"| {step} | {value:.2f} |" for step, value in (run_row.get("step_seconds") or {}).items()]
    lines += ["", f"Quarantined this run: {len(report['quarantined'])}"]
    lines += [f"- `{q['source_uri']}` {q['record_key']}: {q['reason_code']} ({q['detail']})" for q in report["quarantined"]]
    return "\n".join(lines)


report_task = task(build_report, name="report", cache_policy=NO_CACHE)
