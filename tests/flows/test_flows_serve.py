"""`broadsheet serve`: the deployment it builds, and one scheduled night on a real Prefect server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest
from prefect.client.schemas.schedules import CronSchedule
from typer.testing import CliRunner

from flows import schedule
from flows.cli import app
from flows.ingest.sources import resolve_sources
from flows.settings import PREFECT_ENVIRONMENT
from support import SEEDS

VENV_BIN = Path(sys.executable).parent
SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])
# Generous: a fresh server migrates its SQLite database first (≈25 s here), and runs start in a new
# process that imports the pipeline (≈10 s) before analysing anything.
SERVER_START_TIMEOUT = 120
FIRST_RUN_TIMEOUT = 240
# A clean stop takes ≈ 6 s here; with both cores busy (a benchmark beside the suite) it once took 21 s,
# a run in progress being stopped with it. systemd's default grace is 90 s.
STOP_TIMEOUT = 60
POLL_SECONDS = 0.5


def test_cron_is_read_in_its_timezone():
    assert schedule.build_schedule(cron="0 2 * * *", timezone="Europe/London").cron == "0 2 * * *"
    assert schedule.build_schedule(cron="0 2 * * *", timezone="Europe/London").timezone == "Europe/London"
    default = schedule.build_schedule()
    assert (default.cron, default.timezone, default.interval) == ("0 2 * * *", "UTC", None)
    interval = schedule.build_schedule(interval=5).interval
    assert interval is not None and interval.total_seconds() == 5


@pytest.mark.parametrize(
    "options, reason",
    [
        ({"cron": "0 2 * * *", "interval": 5}, "not both"),
        ({"interval": 0}, "positive"),
        ({"cron": "0 2 * *"}, "invalid cron"),
        ({"timezone": "Europe/Londn"}, "unknown timezone"),
    ],
)
def test_bad_schedules_are_refused(options, reason):
    with pytest.raises(schedule.ServeError, match=reason):
        schedule.build_schedule(**options)


def test_deployment_runs_one_at_a_time_on_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "a.txt").write_text("A story.")
    specs = [source.spec for source in resolve_sources(["articles", "wire=more/*.txt"])]
    deployment = schedule.build_deployment(
        specs, "warehouse", schedule.build_schedule(cron="30 1 * * *", timezone="Europe/London")
    )
    assert (deployment.name, deployment.flow_name) == ("nightly", "broadsheet-nightly")
    assert deployment.concurrency_limit == 1
    assert deployment.concurrency_options is not None
    assert deployment.concurrency_options.collision_strategy == "CANCEL_NEW"
    assert deployment.parameters == {
        "sources": [f"articles={tmp_path / 'articles'}", f"wire={tmp_path / 'more/*.txt'}"],
        "warehouse": str(tmp_path / "warehouse"),
    }
    assert deployment.entrypoint == "flows.nightly.nightly"
    assert deployment.schedules is not None
    [cron] = deployment.schedules
    assert isinstance(cron.schedule, CronSchedule), cron.schedule
    assert (cron.schedule.cron, cron.schedule.timezone) == ("30 1 * * *", "Europe/London")


def test_a_deployment_can_send_every_runs_analysis_to_a_dask_cluster(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    deployment = schedule.build_deployment(
        [f"articles={tmp_path / 'articles'}"],
        "warehouse",
        schedule.build_schedule(),
        dask_address="tcp://10.0.0.5:8786",
    )
    assert deployment.parameters == {
        "sources": [f"articles={tmp_path / 'articles'}"],
        "warehouse": str(tmp_path / "warehouse"),
        "dask_address": "tcp://10.0.0.5:8786",
    }


@pytest.mark.parametrize(("lake", "expected"), [("s3://news/lake", "s3://news/lake"), ("lake-disk", "{tmp}/lake-disk")])
def test_a_deployment_can_keep_every_runs_lake_elsewhere(tmp_path, monkeypatch, lake, expected):
    monkeypatch.chdir(tmp_path)
    deployment = schedule.build_deployment(["articles"], "warehouse", schedule.build_schedule(), lake=lake)
    assert deployment.parameters["lake"] == expected.format(tmp=tmp_path)


def test_a_bad_deployment_name_is_refused():
    with pytest.raises(schedule.ServeError, match="invalid character"):
        schedule.build_deployment(["articles"], "warehouse", schedule.build_schedule(), name="night/ly")


def test_serve_without_a_server_says_how_to_start_one(monkeypatch):
    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", os.environ.get("PREFECT_LOGGING_LEVEL", "CRITICAL"))  # serve sets it
    monkeypatch.setattr(schedule, "configured_api_url", lambda: None)
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert "prefect server start" in line and "PREFECT_API_URL=http://127.0.0.1:4200/api" in line


@pytest.mark.slow
def test_served_deployment_runs_on_schedule_and_publishes(tmp_path):
    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source)
    warehouse = tmp_path / "warehouse"
    port = _free_loopback_port()
    api_url = f"http://127.0.0.1:{port}/api"
    # Its own PREFECT_HOME: a fresh SQLite database and profile, nothing from the developer's setup.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_ENVIRONMENT, PREFECT_HOME=str(tmp_path / "prefect-home"))
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    started = time.monotonic()
    server = serve = None
    try:
        server = _start(
            [VENV_BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env,
            server_log,
            cwd=tmp_path,
        )
        _wait_for(lambda: _api_healthy(api_url), SERVER_START_TIMEOUT, [server], server_log)
        server_seconds = time.monotonic() - started

        # The runner polls every 10 s by default; once a second keeps the test short.
        serve_env = {**env, "PREFECT_API_URL": api_url, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
        serve = _start(
            [
                VENV_BIN / "broadsheet",
                "serve",
                "--interval",
                "5",
                "--source",
                str(source),
                "--warehouse",
                str(warehouse),
            ],
            serve_env,
            serve_log,
            cwd=tmp_path,
        )
        completed = _wait_for(
            lambda: (warehouse / "broadsheet.duckdb").exists() and _runs(api_url, "COMPLETED"),
            FIRST_RUN_TIMEOUT,
            [server, serve],
            serve_log,
        )
        print(
            f"\nserver healthy after {server_seconds:.1f} s, first scheduled run completed after "
            f"{time.monotonic() - started:.1f} s"
        )
        assert completed[0]["parameters"] == {"sources": [f"articles={source}"], "warehouse": str(warehouse)}
        # A run takes longer than the 5 s interval (its process imports the pipeline), so ticks overlap it:
        # the deployment's limit cancels them rather than starting a second run.
        cancelled = _wait_for(lambda: _runs(api_url, "CANCELLED"), FIRST_RUN_TIMEOUT, [server, serve], serve_log)
        assert {run["state"]["message"] for run in cancelled} == {"Deployment concurrency limit reached."}

        deployment = _api(api_url, "GET", "/deployments/name/broadsheet-nightly/nightly")
        assert deployment["global_concurrency_limit"]["limit"] == 1
        assert deployment["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
        assert [s["schedule"]["interval"] for s in deployment["schedules"]] == [5.0]
        with duckdb.connect(str(warehouse / "broadsheet.duckdb"), read_only=True) as con:
            assert con.sql("SELECT count(*) FROM articles").fetchall() == [(SEED_COUNT,)]
            assert ("succeeded", SEED_COUNT) in con.sql("SELECT status, files_new FROM runs").fetchall()
    finally:
        stopping = time.monotonic()
        leftovers = [_stop(process) for process in (serve, server) if process is not None]
        print(f"stopped in {time.monotonic() - stopping:.1f} s")
    assert not any(leftovers), "processes survived SIGTERM and had to be killed: " + ", ".join(filter(None, leftovers))


def _runs(api_url: str, state_type: str) -> list[dict]:
    return _api(
        api_url,
        "POST",
        "/flow_runs/filter",
        {
            "deployments": {"name": {"any_": ["nightly"]}},
            "flow_runs": {"state": {"type": {"any_": [state_type]}}},
        },
    )


def _api(api_url: str, method: str, path: str, body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        api_url + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _api_healthy(api_url: str) -> bool:
    try:
        return _api(api_url, "GET", "/health") is True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(command: list, env: dict, log: Path, cwd: Path) -> subprocess.Popen:
    # A session of its own: the process and every child it starts (flow runs) share one group to signal.
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(c) for c in command], env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _wait_for(condition, timeout: float, processes: list[subprocess.Popen], log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                pytest.fail(f"{_command(process)[:3]} exited with {process.returncode}:\n{_tail(log)}")
        if result := condition():
            return result
        time.sleep(POLL_SECONDS)
    pytest.fail(f"nothing after {timeout} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen) -> str | None:
    """SIGTERM the process group, SIGKILL what is left after a timeout; name the process if it had to be killed."""
    group = process.pid  # start_new_session: the leader's pid is the group id
    _signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    try:
        process.wait(timeout=STOP_TIMEOUT)
        while _signal_group(group, 0) and time.monotonic() < deadline:  # children may outlive the leader briefly
            time.sleep(POLL_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    if not _signal_group(group, 0) and process.poll() is not None:
        return None
    _signal_group(group, signal.SIGKILL)
    process.wait()
    return " ".join(_command(process)[:3])


def _command(process: subprocess.Popen) -> list[str]:
    """The command ``_start`` ran: a list of strings (typeshed allows any form of command in ``Popen.args``)."""
    assert isinstance(process.args, list), process.args
    return [str(arg) for arg in process.args]


def _signal_group(group: int, signum: int) -> bool:
    try:
        os.killpg(group, signum)
        return True
    except ProcessLookupError:
        return False


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"
