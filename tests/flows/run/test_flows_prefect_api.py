"""Prefect's temporary server, started while the run's modules import (flows/run/prefect_api.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]

# In a fresh process, as `broadsheet run` starts: the server is asked for, the flow's modules import, and the
# client the flow then asks for is the same server's.
STARTED_EARLY = """
import json, threading
from flows.run.prefect_api import start_temporary_api_server
wait = start_temporary_api_server()
starting = [t.name for t in threading.enumerate() if t.name == "prefect-api-start"]
import flows.nightly
wait()
from prefect import get_client
from prefect.server.api.server import SubprocessASGIServer
servers = dict(SubprocessASGIServer._instances)
with get_client(sync_client=True) as client:
    healthy = client.api_healthcheck() is None
    api = str(client.api_url)
print(json.dumps({"starting": starting, "servers": len(servers), "api": api, "healthy": healthy,
                  "server_api": next(iter(servers.values())).api_url, "after": len(SubprocessASGIServer._instances)}))
"""
# With a Prefect API configured, no temporary server is started.
CONFIGURED = """
import json, threading
from flows.run.prefect_api import start_temporary_api_server
wait = start_temporary_api_server()
wait()
from prefect.server.api.server import SubprocessASGIServer
print(json.dumps({"threads": [t.name for t in threading.enumerate()], "servers": len(SubprocessASGIServer._instances)}))
"""


def _run(code: str, **environment: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_URL")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={**env, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **environment},
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_temporary_server_starts_on_a_thread_and_the_flow_uses_it():
    seen = _run(STARTED_EARLY)
    assert seen["starting"] == ["prefect-api-start"]
    # One server, already running when the flow asks: its client talks to it, and no second one started.
    assert seen["servers"] == 1 and seen["after"] == 1
    assert seen["healthy"]
    assert seen["api"].rstrip("/") == seen["server_api"].rstrip("/")


def test_no_temporary_server_when_an_api_is_configured():
    seen = _run(CONFIGURED, PREFECT_API_URL="http://127.0.0.1:9/api")
    assert "prefect-api-start" not in seen["threads"]
    assert seen["servers"] == 0
