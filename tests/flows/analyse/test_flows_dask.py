"""Scale-out: the model on a Dask cluster publishes exactly what a local run publishes."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import dask
import distributed
import pytest
from typer.testing import CliRunner

from flows import nightly as nightly_module
from flows.analyse.parallel import CHUNK_ARTICLES, WorkerVersionMismatch
from flows.cli import app
from flows.nightly import nightly
from support import SEEDS, SHARED, published_content, query_published

BBC = SHARED / "corpora" / "bbc" / "bbc"
BBC_FILES_PER_CATEGORY = 60
SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])
CHUNK_TASK = "_analyse_chunk_on_worker"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        yield local_cluster


@pytest.fixture
def client(cluster):
    with distributed.Client(cluster.scheduler_address) as dask_client:
        yield dask_client


def _chunk_tasks(task_stream) -> list[dict]:
    return [t for t in task_stream.data if t["key"].startswith(CHUNK_TASK)]


def test_cli_runs_the_seeds_on_the_cluster_like_a_local_run(prefect_harness, cluster, client, tmp_path):
    on_dask, local = tmp_path / "on_dask", tmp_path / "local"
    with distributed.get_task_stream(client) as task_stream:
        result = CliRunner().invoke(
            app,
            ["run", "--source", str(SEEDS), "--warehouse", str(on_dask), "--dask-address", cluster.scheduler_address],
        )
    assert result.exit_code == 0, result.output
    assert len(_chunk_tasks(task_stream)) == 1

    nightly(sources=[str(SEEDS)], warehouse=str(local))
    content = published_content(on_dask)
    assert len(content["articles"]) == SEED_COUNT and content["quotes"]
    assert content == published_content(local)


@pytest.mark.slow
def test_bbc_articles_on_the_cluster_publish_the_same_tables_as_a_local_run(
    prefect_harness, cluster, client, s3_bucket, tmp_path
):
    """The cluster's run keeps its lake on S3 (the workers never see it), the local run in its warehouse."""
    if not BBC.is_dir():
        pytest.skip(f"../shared is absent ({BBC} not found): the BBC corpus lives there")
    source = tmp_path / "articles"
    shutil.copytree(SEEDS, source / "seeds")
    for category in sorted(p for p in BBC.iterdir() if p.is_dir()):
        for path in sorted(category.glob("*.txt"))[:BBC_FILES_PER_CATEGORY]:
            (source / "bbc" / category.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, source / "bbc" / category.name / path.name)
    on_dask, local = tmp_path / "on_dask", tmp_path / "local"

    with distributed.get_task_stream(client) as task_stream:
        report = nightly(
            sources=[str(source)],
            warehouse=str(on_dask),
            dask_address=cluster.scheduler_address,
            lake=f"s3://{s3_bucket}/lake",
        )
    analysed = query_published(on_dask, "SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND language = 'en'")[
        0
    ][0]
    chunks = _chunk_tasks(task_stream)
    assert len(chunks) == math.ceil(analysed / CHUNK_ARTICLES)
    assert len({t["worker"] for t in chunks}) == 2

    nightly(sources=[str(source)], warehouse=str(local))
    content = published_content(on_dask)
    assert report["articles_new"] == len(content["articles"]) > 300
    assert content == published_content(local)


def test_a_worker_with_another_pipeline_version_fails_the_run(prefect_harness, cluster, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse"
    monkeypatch.setattr(nightly_module, "pipeline_version", lambda: "9.9.9+not-on-the-workers")

    with pytest.raises(WorkerVersionMismatch, match="the run 9.9.9"):
        nightly(sources=[str(SEEDS)], warehouse=str(warehouse), dask_address=cluster.scheduler_address)
    _assert_only_the_failure_is_published(warehouse)
    assert "WorkerVersionMismatch" in _rejection_reason(warehouse)


def test_an_unreachable_scheduler_fails_the_run_with_a_reason(prefect_harness, tmp_path):
    warehouse = tmp_path / "warehouse"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(
            app, ["run", "--source", str(SEEDS), "--warehouse", str(warehouse), "--dask-address", "tcp://127.0.0.1:9"]
        )
    assert result.exit_code == 1
    assert "run failed:" in result.output and "tcp://127.0.0.1:9" in result.output
    _assert_only_the_failure_is_published(warehouse)
    assert "tcp://127.0.0.1:9" in _rejection_reason(warehouse)


def _assert_only_the_failure_is_published(warehouse: Path) -> None:
    """The failed first run is in the warehouse at once, and nothing it analysed is."""
    assert query_published(warehouse, "SELECT status FROM runs") == [("failed",)]
    assert query_published(warehouse, "SELECT count(*) FROM articles") == [(0,)]


def _rejection_reason(warehouse: Path) -> str:
    """The reason the warehouse's one rejected run was rejected for."""
    (rejected,) = (warehouse / "rejected").iterdir()
    return (rejected / "reason.txt").read_text()
