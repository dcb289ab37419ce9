"""Failures tell the truth: a publish that fails is a failed run with its own error, and a committed part that
goes missing is named and repaired by reading its files again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows import nightly as nightly_module
from flows.nightly import nightly
from flows.publish.step import amendment_run_id
from flows.validate import step as validate_step
from flows.validate.step import ValidationFailed
from support import SEEDS, published_content, query_published
from warehouse import lake, publish

SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])
NEGATIVE_COUNT_FAILURE = "expect_column_values_to_be_between(word_count)"


def test_a_failed_publish_fails_the_run_with_its_own_error_and_the_next_run_publishes(
    prefect_harness, source, tmp_path, monkeypatch
):
    warehouse = tmp_path / "warehouse"
    real_build = publish._build

    def disk_full(*build_arguments):
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


def test_a_run_that_fails_validation_is_in_the_published_warehouse_at_once_with_its_results(
    prefect_harness, source, tmp_path, monkeypatch
):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    before = published_content(warehouse)
    (source / "late_edition.txt").write_text(
        "Harbour board approves new ferry route\n\nThe harbour board approved a new ferry route on Tuesday. "
        "Fares will rise 4% next year, the board's chair, Ana Lopes, said.\n"
    )
    real_slices = validate_step.table_slices

    def negative_word_counts(staged):
        for piece in real_slices(staged):
            if piece.table == "articles":
                piece.frame["word_count"] = -1  # a count below zero breaks a blocking expectation
            yield piece

    monkeypatch.setattr(validate_step, "table_slices", negative_word_counts)
    with pytest.raises(ValidationFailed):
        nightly(sources=[str(source)], warehouse=str(warehouse))

    runs = query_published(warehouse, "SELECT status, files_new, error FROM runs ORDER BY run_id")
    assert runs == [
        ("succeeded", SEED_COUNT, None),
        ("failed", 1, f"ValidationFailed: articles: {NEGATIVE_COUNT_FAILURE} failed for 1 of 1 rows"),
    ]
    failed_run = query_published(warehouse, "SELECT max(run_id) FROM runs")[0][0]
    assert query_published(
        warehouse,
        f"SELECT table_name, column_name, unexpected_count FROM validation_results "
        f"WHERE run_id = '{failed_run}' AND severity = 'blocking' AND NOT success",
    ) == [("articles", "word_count", 1)]
    # The data tables are the last good ones: nothing the failed run analysed was published.
    assert published_content(warehouse) == before
    # Its report says so, with the failed expectation, and is the latest one.
    report = (warehouse / "reports" / f"{failed_run}.html").read_text(encoding="utf-8")
    assert (warehouse / "reports" / "latest.html").read_text(encoding="utf-8") == report
    assert '<span class="status status-failed">failed</span>' in report
    assert f"{NEGATIVE_COUNT_FAILURE} failed for 1 of 1 rows" in report
    assert "<td>blocking</td><td>articles</td><td>expect_column_values_to_be_between</td><td>word_count</td>" in report


def test_a_warehouse_folder_deleted_under_the_run_leaves_the_run_succeeded_without_a_report(
    prefect_harness, source, tmp_path, monkeypatch
):
    warehouse = tmp_path / "warehouse"

    def publish_then_lose_the_folder(warehouse_dir, *args):
        published = nightly_module.commit_and_publish(warehouse_dir, *args)
        shutil.rmtree(warehouse_dir)
        return published

    monkeypatch.setattr(nightly_module, "publish_task", publish_then_lose_the_folder)
    report = nightly(sources=[str(source)], warehouse=str(warehouse))

    assert report["files_new"] == SEED_COUNT
    assert report["report_page"] is None and report["data_docs"] is None
    assert any("no published warehouse" in problem for problem in report["report_problems"])
    assert not warehouse.exists()  # the report did not bring back a deleted warehouse


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
