"""The nightly flow as a served Prefect deployment: one schedule, at most one run at a time.

Serving needs a real Prefect server (``prefect server start``): the ephemeral server Prefect starts
on its own dies with the process, and with it the schedule and the run history.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import prefect
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment
from prefect.exceptions import InvalidNameError
from prefect.schedules import Cron, Interval, Schedule
from prefect.settings import get_current_settings
from prefect.types.entrypoint import EntrypointType

from transforms.records import error_line, first_line

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "UTC"
DEFAULT_DEPLOYMENT_NAME = "nightly"
LOCAL_API_URL = "http://127.0.0.1:4200/api"
# One run at a time, server-side, for every process serving this deployment. A tick that finds the
# previous run still going is cancelled, not queued: the running one (or the next tick) picks up
# everything new anyway, because the manifest, not the schedule, decides what a run processes.
CONCURRENCY = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
# A healthcheck is one small request; a server that takes longer than this to answer is not usable.
HEALTHCHECK_TIMEOUT_SECONDS = 10


class ServeError(RuntimeError):
    """Serving cannot start; the message says why in one line."""


def serve_nightly(deployment: RunnerDeployment) -> None:
    """Register the deployment and run its scheduled flow runs until stopped (SIGINT/SIGTERM).

    No runner-side limit: the runner submits every due tick and the server's deployment limit decides,
    so a tick that overlaps a run is cancelled at once, with its reason, instead of waiting to go late.
    On shutdown the schedule is paused, so ticks do not pile up as late runs while nothing serves
    them; the next ``serve`` resumes it.
    """
    prefect.serve(deployment)


def build_deployment(
    sources: list[str],
    warehouse: str,
    schedule: Schedule,
    *,
    name: str | None = None,
    dask_address: str | None = None,
    lake: str | None = None,
    follow_symlinks: bool = False,
) -> RunnerDeployment:
    """The nightly deployment: its schedule, its fixed parameters, one run at a time.

    Sources come as checked NAME=/absolute/path specs (``flows.ingest.sources``) and the warehouse is made
    absolute: runs start in their own process, whatever directory serve started in.
    With ``dask_address`` every run sends its analysis to that Dask scheduler; with ``lake`` (a folder or
    an fsspec URL) every run keeps its Parquet there.
    """
    # Here, not at the top: the flow's module imports the whole pipeline (≈10 s), and a missing server
    # or a bad cron should be reported before paying for it.
    from flows.nightly import nightly

    try:
        deployment = nightly.to_deployment(
            name=name or DEFAULT_DEPLOYMENT_NAME,
            schedules=[schedule],
            concurrency_limit=CONCURRENCY,
            parameters={
                "sources": list(sources),
                "warehouse": _absolute(warehouse),
                **({"dask_address": dask_address} if dask_address else {}),
                **({"lake": lake if "://" in lake else _absolute(lake)} if lake else {}),
                **({"follow_symlinks": True} if follow_symlinks else {}),
            },
            description="Nightly Broadsheet run: new and changed files into the lake, then publish the warehouse.",
            # The package is installed, so runs import the flow by module, whatever directory serve started in.
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
    except InvalidNameError as error:
        raise ServeError(str(error)) from error
    # to_deployment is async-dispatched: it returns a coroutine when called inside an event loop.
    if not isinstance(deployment, RunnerDeployment):
        raise ServeError("build_deployment was called inside an event loop; call it from synchronous code")
    return deployment


def build_schedule(*, cron: str | None = None, timezone: str | None = None, interval: float | None = None) -> Schedule:
    """A cron schedule (default 02:00) read in an IANA timezone (default UTC), or an interval in seconds
    for tests and demos; never both."""
    timezone = timezone or DEFAULT_TIMEZONE
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ServeError(f"unknown timezone {timezone!r}: use an IANA name such as UTC or Europe/London") from error
    if interval is not None:
        if cron is not None:
            raise ServeError("give --cron or --interval, not both")
        if interval <= 0:
            raise ServeError(f"--interval must be a positive number of seconds, not {interval}")
        return Interval(datetime.timedelta(seconds=interval), timezone=timezone)
    try:
        return Cron(cron or DEFAULT_CRON, timezone=timezone)
    except ValueError as error:
        raise ServeError(f"invalid cron {cron!r}: {first_line(error)}") from error


def require_api(api_url: str | None) -> str:
    """The API URL of a running Prefect server, or a ServeError that says how to get one."""
    if not api_url:
        raise ServeError(
            "a Prefect server is needed: run `prefect server start`, then set "
            f"PREFECT_API_URL={LOCAL_API_URL} (the ephemeral server would die with this process)"
        )
    with get_client(sync_client=True, httpx_settings={"timeout": HEALTHCHECK_TIMEOUT_SECONDS}) as client:
        failure = client.api_healthcheck()
    if failure is not None:
        raise ServeError(
            f"no Prefect server answers at {api_url} ({error_line(failure)}); start one with `prefect server start`"
        )
    return api_url


def configured_api_url() -> str | None:
    """PREFECT_API_URL as Prefect resolves it: the environment, else the active profile."""
    return get_current_settings().api.url


def _absolute(path: str) -> str:
    # Not resolve(): a glob such as seeds/*.txt is a pattern, not a path to follow symlinks in.
    return str(Path(path).expanduser().absolute())
