"""The lake on an object store (S3 on loopback): what a local lake publishes, and as safe when a run dies."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import fsspec
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.nightly import nightly
from flows.run.faults import PAUSE_AT_ENV, PAUSE_FILE_ENV
from support import PROJECT_ROOT, SEEDS, published_content, query_published
from warehouse import lake
from warehouse.status import recent_runs

BROADSHEET = Path(sys.executable).with_name("broadsheet")
SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])


def test_runs_with_the_lake_on_s3_publish_what_a_local_lake_publishes(prefect_harness, s3_bucket, tmp_path):
    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source)
    (source / "broken.json").write_text('{"title": "cut off', encoding="utf-8")  # quarantined: not JSON
    lake_url = f"s3://{s3_bucket}/news/lake"
    on_s3, local = tmp_path / "on_s3", tmp_path / "local"

    result = CliRunner().invoke(app, ["run", "--source", str(source), "--warehouse", str(on_s3), "--lake", lake_url])

    assert result.exit_code == 0, result.output
    local_report = nightly(sources=[str(source)], warehouse=str(local))
    content = published_content(on_s3)
    assert len(content["articles"]) == SEED_COUNT and content["quotes"] and content["numeric_claims"]
    assert content == published_content(local)
    s3 = fsspec.filesystem("s3")
    s3.invalidate_cache()
    # The run, and the amendment that finishes its runs row after the publish.
    assert len(s3.ls(f"{s3_bucket}/news/lake/_committed")) == 2
    assert s3.ls(f"{s3_bucket}/news/lake/articles") and not (on_s3 / "lake").exists()
    assert "broken.json" in result.output  # the quarantine summary, read back from the bucket

    # The manifest in the bucket says nothing is new; the quarantined file is a known failure, not retried.
    again = nightly(sources=[str(source)], warehouse=str(on_s3), lake=lake_url)

    assert (again["files_new"], again["articles_new"]) == (0, 0)
    logs_twice = {"runs": 2, "validation_results": 2 * local_report["row_counts"]["validation_results"]}
    assert again["row_counts"] == {**local_report["row_counts"], **logs_twice}
    assert published_content(on_s3) == content
    assert query_published(on_s3, "SELECT count(*), count(DISTINCT status) FROM runs") == [(2, 1)]
    assert len(s3.ls(f"{s3_bucket}/news/lake/_committed")) == 4


@pytest.mark.slow
def test_a_run_killed_after_uploading_its_parts_leaves_them_invisible_and_the_next_run_removes_them(
    prefect_harness, s3_bucket, tmp_path
):
    from prefect.settings import PREFECT_API_URL

    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source)
    lake_url = f"s3://{s3_bucket}/lake"
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse), lake=lake_url)
    (source / "008_extra.json").write_text(
        '{"title": "Port reopens", "maintext": "The port reopened on Monday after repairs, officials said.",'
        ' "url": "https://example.com/port-reopens"}'
    )
    published = (warehouse / "broadsheet.duckdb").read_bytes()
    s3 = fsspec.filesystem("s3")
    s3.invalidate_cache()
    committed = set(s3.find(s3_bucket))
    pause_file = tmp_path / "paused"
    env = {
        **os.environ,
        PAUSE_AT_ENV: "staged",
        PAUSE_FILE_ENV: str(pause_file),
        "PREFECT_API_URL": PREFECT_API_URL.value(),
    }
    run = subprocess.Popen(
        [str(BROADSHEET), "run", "--source", str(source), "--warehouse", str(warehouse), "--lake", lake_url],
        env=env,
        cwd=PROJECT_ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while not pause_file.exists():
            assert run.poll() is None, "the run ended before staging"
            assert time.monotonic() < deadline, "the run never reached staging"
            time.sleep(0.2)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group is gone if the run already ended
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()

    s3.invalidate_cache()
    uploaded = set(s3.find(s3_bucket)) - committed
    assert uploaded and all("/run_id=" in path for path in uploaded)  # parts in the bucket, no commit marker
    assert (warehouse / "broadsheet.duckdb").read_bytes() == published
    assert len(recent_runs(lake.Lake(lake_url))) == 1  # runs, each with its amendment

    report = nightly(sources=[str(source)], warehouse=str(warehouse), lake=lake_url)

    assert report["articles_new"] == 1
    s3.invalidate_cache()
    remaining = set(s3.find(s3_bucket))
    assert committed <= remaining and not uploaded & remaining
    assert query_published(warehouse, "SELECT count(*) FROM articles") == [(SEED_COUNT + 1,)]
