"""The nightly flow: discover → parse → normalise → analyse → stage → validate → publish → report.

Each task is a thin wrapper over a step function of its stage's package (``flows/ingest``,
``flows/analyse``, ``flows/validate``, ``flows/publish``); parameters and results are paths, ids and
counts, and the run's record (``flows/run/record.py``) is filled in from what they return.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime
from pathlib import Path

import filelock
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext

from flows.analyse.parallel import AnalysisWorkers, worker_count
from flows.analyse.step import analyse
from flows.ingest import discover, normalise, parse
from flows.ingest.sources import Source, check_against_history, resolve_sources
from flows.publish.step import commit_and_publish, record_failed_run
from flows.report import build_report, report_failed_run
from flows.run.child_process import ChildProcess
from flows.run.progress import StepProgress
from flows.run.record import RunRecord, new_run_id, timed
from flows.settings import pipeline_version
from flows.validate.step import stage, validate
from transforms.records import error_line
from warehouse.lake import Lake, check_writable, clean_stale, missing_parts
from warehouse.manifest import source_roots_history

RUN_LOCK_NAME = ".run.lock"

logger = logging.getLogger(__name__)


class RunLocked(RuntimeError):
    """Another run holds this warehouse."""


# Steps are not cached: the manifest, not Prefect, decides what is new.
@task(name="discover", cache_policy=NO_CACHE)
def discover_task(
    child: ChildProcess,
    sources: list[str],
    warehouse_dir: Path,
    lake: Lake,
    run_id: str,
    version: str,
    *,
    full_refresh: bool,
    follow_symlinks: bool,
    retry: frozenset[str],
) -> dict:
    return child.call(
        discover.discover,
        sources,
        warehouse_dir,
        lake,
        run_id,
        version,
        full_refresh=full_refresh,
        follow_symlinks=follow_symlinks,
        retry=retry,
    )


@task(name="parse", cache_policy=NO_CACHE)
def parse_task(child: ChildProcess, warehouse_dir: Path, run_id: str, version: str) -> dict:
    return child.call(parse.parse, warehouse_dir, run_id, version)


@task(name="normalise", cache_policy=NO_CACHE)
def normalise_task(
    child: ChildProcess, warehouse_dir: Path, lake: Lake, run_id: str, version: str, started_at: datetime
) -> dict:
    return child.call(normalise.normalise, warehouse_dir, lake, run_id, version, started_at)


# task(**options)(function), as the decorator does it: prefect's overloads leave out task(function, **options).
analyse_task = task(name="analyse", cache_policy=NO_CACHE)(analyse)
stage_task = task(name="stage", cache_policy=NO_CACHE)(stage)
validate_task = task(name="validate", cache_policy=NO_CACHE)(validate)
# Publishing only reads the lake and rebuilds a file, so a transient failure (a lock) is safe to retry.
publish_task = task(name="publish", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 5])(commit_and_publish)


@flow(name="broadsheet-analyse-on-dask")
def analyse_on_dask(warehouse_dir: Path, run_id: str, pipeline_version: str, show_progress: bool = False) -> dict:
    """The analyse step with the model on a Dask cluster, run with a ``DaskTaskRunner`` for its address.

    Plain Dask work, not Prefect tasks, goes to the workers: a Prefect task on a worker reports to a
    Prefect API, and with none configured (``broadsheet run``'s ephemeral mode) each worker process
    would start a temporary server of its own.
    """
    from prefect_dask import DaskTaskRunner  # only runs with a cluster get here (see _analyse_on_dask_at)

    context = FlowRunContext.get()
    if context is None or not isinstance(context.task_runner, DaskTaskRunner):
        raise RuntimeError("analyse_on_dask runs as a flow with a DaskTaskRunner: see _analyse_on_dask_at")
    # The runner's own client, connected on first use and closed with the flow run. prefect_dask's
    # get_dask_client() does not work here: it is made for tasks running on a worker.
    client = context.task_runner.client
    return analyse(warehouse_dir, run_id, pipeline_version, show_progress=show_progress, cluster=client)


@flow(name="broadsheet-nightly")
def nightly(
    sources: list[str],
    warehouse: str,
    full_refresh: bool = False,
    show_progress: bool = False,
    dask_address: str | None = None,
    lake: str | None = None,
    follow_symlinks: bool = False,
    retry: list[str] | None = None,
) -> dict:
    """One run over ``sources`` into the warehouse at ``warehouse``; returns the run report.

    With ``dask_address`` (``tcp://host:port`` of a running Dask scheduler) the model runs on that
    cluster; everything else stays on this machine.  ``lake`` puts the Parquet lake at a folder or an
    fsspec URL (``s3://bucket/prefix``) instead of ``<warehouse>/lake``.  Symbolic links that lead out of
    their source are read only with ``follow_symlinks``.  ``retry`` names files (source URIs) to read again
    even though the manifest holds them: the quarantined ones, for ``broadsheet quarantine retry``.
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
        return _run(
            resolved,
            warehouse_dir,
            lake_location,
            full_refresh,
            show_progress,
            dask_address,
            follow_symlinks,
            frozenset(retry or ()),
        )
    finally:
        run_lock.release()


def _run(
    sources: list[Source],
    warehouse_dir: Path,
    lake: Lake,
    full_refresh: bool,
    show_progress: bool,
    dask_address: str | None,
    follow_symlinks: bool,
    retry: frozenset[str],
) -> dict:
    version = pipeline_version()
    started_at = datetime.now(UTC)
    run = RunRecord(
        run_id=new_run_id(started_at),
        started_at=started_at,
        pipeline_version=version,
        sources=[source.spec for source in sources],
        source_roots={source.name: str(source.root) for source in sources},
    )
    run_id, seconds = run.run_id, run.step_seconds
    progress = StepProgress(show_progress)
    check_writable(lake)
    # A crashed earlier run leaves scratch and uncommitted parts behind; they are never visible, but take space.
    clean_stale(warehouse_dir, lake, current_run_id=run_id)
    # A committed run with a lost part is left out of the manifest and the tables: its files are read again now.
    lost_parts = missing_parts(lake)
    try:
        analysed = _read_and_analyse(
            run,
            warehouse_dir,
            lake,
            progress,
            full_refresh=full_refresh,
            follow_symlinks=follow_symlinks,
            retry=retry,
            dask_address=dask_address,
            show_progress=show_progress,
        )
        run.skipped_language = analysed["skipped_language"]
        run.quarantined += analysed["quarantined"]
        with progress.step("stage", seconds):
            timed(seconds, "stage", stage_task, warehouse_dir, lake, run_id)
        with progress.step("validate", seconds):
            timed(seconds, "validate", validate_task, warehouse_dir, lake, run_id, version)
        run.finish("succeeded")
        with progress.step("publish", seconds):
            published = timed(seconds, "publish", publish_task, warehouse_dir, lake, run, list(lost_parts))
        # As the published runs row has it: finished when the new file was complete, publish among the steps.
        run.finished_at, seconds["publish"] = published.run.finished_at, published.run.step_seconds["publish"]
    except Exception as error:
        run.finish("failed", error_line(error))
        record_failed_run(warehouse_dir, lake, run)
        try:
            report_failed_run(warehouse_dir, lake, run)
        except Exception as report_error:  # noqa: BLE001 - the run's own error is the one to raise
            logger.warning("run %s failed and its report was not written: %s", run_id, error_line(report_error))
        raise
    report = timed(seconds, "report", report_task, warehouse_dir, lake, run, published.row_counts)
    report["step_seconds"] = dict(seconds)
    report["lost_parts"] = lost_parts
    return report


def _read_and_analyse(
    run: RunRecord,
    warehouse_dir: Path,
    lake: Lake,
    progress: StepProgress,
    *,
    full_refresh: bool,
    follow_symlinks: bool,
    retry: frozenset[str],
    dask_address: str | None,
    show_progress: bool,
) -> dict:
    """Discover, parse and normalise in a child process that is gone before the analysis
    (flows/run/child_process.py), then the analysis; fills in the run's counts and returns the analysis'."""
    run_id, version, seconds = run.run_id, run.pipeline_version, run.step_seconds
    # The analysis' workers, when this machine runs the model, end as soon as the analysis is done.
    with contextlib.ExitStack() as analysis_workers:
        with ChildProcess(discover.__name__, parse.__name__, normalise.__name__) as child:
            with progress.step("discover", seconds):
                discovered = timed(
                    seconds,
                    "discover",
                    discover_task,
                    child,
                    run.sources,
                    warehouse_dir,
                    lake,
                    run_id,
                    version,
                    full_refresh=full_refresh,
                    follow_symlinks=follow_symlinks,
                    retry=retry,
                )
            run.files_seen, run.files_new = discovered["files_seen"], discovered["files_new"]
            with progress.step("parse", seconds):
                parsed = timed(seconds, "parse", parse_task, child, warehouse_dir, run_id, version)
            # Started now, the workers load the model while the records are normalised, on the core the child
            # leaves free (sized by the records parsed: normalising only drops some).
            workers = (
                None
                if dask_address
                else analysis_workers.enter_context(AnalysisWorkers(worker_count(parsed["records"])))
            )
            with progress.step("normalise", seconds):
                normalised = timed(
                    seconds, "normalise", normalise_task, child, warehouse_dir, lake, run_id, version, run.started_at
                )
        run.articles = normalised["articles"]
        run.quarantined = parsed["quarantined"] + normalised["quarantined"]
        run.discarded = {**discovered["skipped"], **parsed["discarded"], **normalised["discarded_versions"]}
        with progress.step("analyse", seconds, spinner=False):  # the analysis shows its own bar
            if dask_address:
                return timed(
                    seconds,
                    "analyse",
                    _analyse_on_dask_at(dask_address),
                    warehouse_dir,
                    run_id,
                    version,
                    show_progress=show_progress,
                )
            return timed(
                seconds,
                "analyse",
                analyse_task,
                warehouse_dir,
                run_id,
                version,
                show_progress=show_progress,
                workers=workers,
            )


def _analyse_on_dask_at(dask_address: str):
    from prefect_dask import DaskTaskRunner  # imports distributed (~0.8 s): only runs with a cluster pay

    # Flow.with_options takes a TaskRunner[PrefectFuture[Any]], and TaskRunner is invariant in its future type:
    # no runner with futures of its own (prefect_dask's, even prefect's thread pool) matches that annotation.
    return analyse_on_dask.with_options(task_runner=DaskTaskRunner(address=dask_address))  # type: ignore[arg-type]


report_task = task(name="report", cache_policy=NO_CACHE)(build_report)
