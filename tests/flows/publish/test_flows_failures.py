"""Failures tell the truth: a publish that fails is a failed run with its own error, and a committed part that
goes missing is named and repaired by reading its files again."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.nightly import nightly
from flows.publish.step import amendment_run_id
from support import SEEDS, query_published
from warehouse import lake, publish

SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])


def test_a_failed_publish_fails_the_run_with_its_own_error_and_the_next_run_publishes(
    prefect_harness, source, tmp_path, monkeypatch
):
    warehouse = tmp_path / "warehouse"
    real_build = publish._build

    def disk_full(db_path, the_lake):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publish, "_build", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        nightly(sources=[str(source)], warehouse=str(warehouse))
    assert not (warehouse / "broadsheet.duckdb").exists()

    monkeypatch.setattr(publish, "_build", real_build)
    report = nightly(sources=[str(source)], warehouse=str(warehouse))
    # The failed run's data was committed before the publish failed: nothing is read twice, all is published.
    assert report["files_new"] == 0
    assert query_published(warehouse, "SELECT count(*) FROM articles") == [(SEED_COUNT,)]
    runs = query_published(warehouse, "SELECT status, error FROM runs ORDER BY run_id")
    assert runs == [("failed", "OSError: [Errno 28] No space left on device"), ("succeeded", None)]
    committed = lake.committed_runs(lake.Lake.in_warehouse(warehouse))
    assert committed[1] == amendment_run_id(committed[0])


def test_a_lost_part_is_named_and_its_files_are_read_again(prefect_harness, source, tmp_path):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    the_lake = lake.Lake.in_warehouse(warehouse)
    [articles_part] = lake.committed_parts(the_lake, "articles")
    Path(articles_part).unlink()

    report = nightly(sources=[str(source)], warehouse=str(warehouse))

    [run_id] = report["lost_parts"]
    assert report["lost_parts"][run_id] == [articles_part]
    assert report["files_new"] == SEED_COUNT
    assert query_published(warehouse, "SELECT count(*), count(DISTINCT article_id) FROM articles") == [
        (SEED_COUNT, SEED_COUNT)
    ]
    assert query_published(
        warehouse, "SELECT count(*) FROM quotes q JOIN articles a USING (article_id, run_id)"
    ) == query_published(warehouse, "SELECT count(*) FROM quotes")
    # Repaired: the run after finds nothing missing and nothing new.
    again = nightly(sources=[str(source)], warehouse=str(warehouse))
    assert (again["lost_parts"], again["files_new"]) == ({}, 0)
