"""Nightly operations: incremental runs, one writer, readers never blocked, crash safety."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import filelock
import pytest
from typer.testing import CliRunner

from flows import nightly as nightly_module
from flows.cli import app
from flows.nightly import RUN_LOCK_NAME, nightly
from flows.run.faults import PAUSE_AT_ENV, PAUSE_FILE_ENV, POINTS
from support import PROJECT_ROOT, SEEDS, published_content, query_published

BROADSHEET = Path(sys.executable).with_name("broadsheet")
SEED_COUNT = len([p for p in SEEDS.iterdir() if p.is_file()])


def test_changed_file_replaces_its_rows_and_deleted_file_keeps_them(prefect_harness, source, tmp_path):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    trade = source / "001_trade_talks.txt"
    lines = trade.read_text().splitlines()
    # Keep headline, dateline paragraph and credits; drop every other paragraph (and their quotes).
    trade.write_text("\n".join([lines[0], lines[1], lines[-1]]) + "\n")
    (source / "002_rail_budget.txt").unlink()

    report = nightly(sources=[str(source)], warehouse=str(warehouse))
    assert (report["files_seen"], report["files_new"], report["articles_new"]) == (SEED_COUNT - 1, 1, 1)
    body, paragraphs = query_published(
        warehouse, "SELECT body_text, paragraph_count FROM articles WHERE source_uri = 'articles/001_trade_talks.txt'"
    )[0]
    assert paragraphs == 1 and body.startswith(lines[1].split(" - ", 1)[1][:30])
    quote_starts = query_published(
        warehouse,
        "SELECT q.start_char, q.end_char FROM quotes q JOIN articles a USING (article_id) "
        "WHERE a.source_uri = 'articles/001_trade_talks.txt'",
    )
    assert all(end <= len(body) for _, end in quote_starts)
    # The deleted file's article stays: the warehouse keeps what it learned.
    assert query_published(
        warehouse, "SELECT count(*) FROM articles WHERE source_uri = 'articles/002_rail_budget.txt'"
    ) == [(1,)]
    assert query_published(warehouse, "SELECT count(*) FROM articles") == [(SEED_COUNT,)]


def test_a_duplicate_article_is_stored_but_not_analysed_again(prefect_harness, source, tmp_path):
    warehouse = tmp_path / "warehouse"
    shutil.copy(source / "001_trade_talks.txt", source / "101_trade_talks_copy.txt")
    nightly(sources=[str(source)], warehouse=str(warehouse))
    rows = query_published(
        warehouse,
        "SELECT source_uri, article_id, duplicate_of FROM articles "
        "WHERE source_uri LIKE '%trade_talks%' ORDER BY duplicate_of NULLS FIRST",
    )
    (_, original_id, none), (_, copy_id, points_at) = rows
    assert none is None and points_at == original_id
    per_article = "SELECT count(*) FROM {table} WHERE article_id = '{id}'"
    for table in ("entity_mentions", "quotes", "numeric_claims"):
        assert query_published(warehouse, per_article.format(table=table, id=copy_id)) == [(0,)]
    assert query_published(warehouse, per_article.format(table="quotes", id=original_id))[0][0] > 0


def test_an_article_the_extraction_fails_on_is_quarantined_and_the_run_goes_on(
    prefect_harness, source, tmp_path, monkeypatch
):
    from transforms.nlp import analyse

    real_extract_quotes = analyse.extract_quotes

    def failing_on_rail(doc, entities, *rest):
        if "rail" in doc.text:
            raise IndexError("string index out of range")
        return real_extract_quotes(doc, entities, *rest)

    monkeypatch.setattr(analyse, "extract_quotes", failing_on_rail)
    warehouse = tmp_path / "warehouse"
    report = nightly(sources=[str(source)], warehouse=str(warehouse))

    assert [(q["source_uri"], q["reason_code"]) for q in report["quarantined"]] == [
        ("articles/002_rail_budget.txt", "analysis_failed")
    ]
    assert query_published(warehouse, "SELECT stage, detail FROM quarantine WHERE reason_code = 'analysis_failed'") == [
        ("analyse", "IndexError: string index out of range")
    ]
    assert query_published(warehouse, "SELECT quarantined, status FROM runs") == [(1, "succeeded")]
    per_file = query_published(
        warehouse,
        "SELECT a.source_uri, count(m.mention_id) FROM articles a "
        "LEFT JOIN entity_mentions m USING (article_id) GROUP BY ALL ORDER BY 1",
    )
    assert [count for uri, count in per_file if uri == "articles/002_rail_budget.txt"] == [0]
    assert all(count > 0 for uri, count in per_file if uri != "articles/002_rail_budget.txt")


def test_new_pipeline_version_and_full_refresh_rebuild_the_same_tables(prefect_harness, source, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    before = published_content(warehouse)

    refreshed = nightly(sources=[str(source)], warehouse=str(warehouse), full_refresh=True)
    assert (refreshed["files_new"], refreshed["articles_new"]) == (SEED_COUNT, SEED_COUNT)
    assert published_content(warehouse) == before

    monkeypatch.setattr(nightly_module, "pipeline_version", lambda: "9.9.9+new-model")
    upgraded = nightly(sources=[str(source)], warehouse=str(warehouse))
    assert (upgraded["files_new"], upgraded["articles_new"]) == (SEED_COUNT, SEED_COUNT)
    assert query_published(warehouse, "SELECT DISTINCT pipeline_version FROM articles") == [("9.9.9+new-model",)]
    assert published_content(warehouse) == before


def test_a_second_concurrent_run_exits_quickly_and_changes_nothing(prefect_harness, source, tmp_path):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    published = (warehouse / "broadsheet.duckdb").read_bytes()
    with filelock.FileLock(warehouse / RUN_LOCK_NAME, timeout=0):
        started = time.perf_counter()
        result = CliRunner().invoke(
            app, ["run", "--source", str(source), "--warehouse", str(warehouse), "--full-refresh"]
        )
        elapsed = time.perf_counter() - started
    assert result.exit_code == 1
    assert "another Broadsheet run is using" in result.output
    assert elapsed < 10
    assert (warehouse / "broadsheet.duckdb").read_bytes() == published


READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM articles").fetchall()[0][0], flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*) FROM articles").fetchall()[0][0], flush=True)
"""


def test_a_reader_holding_the_file_never_blocks_the_load(prefect_harness, source, tmp_path):
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse / "broadsheet.duckdb")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdin is not None and reader.stdout is not None  # both are pipes
        assert reader.stdout.readline().strip() == str(SEED_COUNT)
        (source / "008_extra.json").write_text(
            '{"title": "Port reopens", "maintext": "The port reopened on Monday after repairs, officials said.",'
            ' "url": "https://example.com/port-reopens"}'
        )
        report = nightly(sources=[str(source)], warehouse=str(warehouse))
        assert report["articles_new"] == 1
        assert query_published(warehouse, "SELECT count(*) FROM articles") == [(SEED_COUNT + 1,)]
        # The old connection still reads the file it opened, consistently.
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == str(SEED_COUNT)
    finally:
        reader.kill()
        reader.wait()


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS)
def test_a_run_killed_at_any_point_leaves_the_warehouse_as_it_was(prefect_harness, source, tmp_path, point):
    from prefect.settings import PREFECT_API_URL

    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))
    (source / "008_extra.json").write_text(
        '{"title": "Port reopens", "maintext": "The port reopened on Monday after repairs, officials said.",'
        ' "url": "https://example.com/port-reopens"}'
    )
    published = (warehouse / "broadsheet.duckdb").read_bytes()
    pause_file = tmp_path / "paused"
    env = {
        **os.environ,
        PAUSE_AT_ENV: point,
        PAUSE_FILE_ENV: str(pause_file),
        "PREFECT_API_URL": PREFECT_API_URL.value(),
    }
    run = subprocess.Popen(
        [str(BROADSHEET), "run", "--source", str(source), "--warehouse", str(warehouse)],
        env=env,
        cwd=PROJECT_ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while not pause_file.exists():
            assert run.poll() is None, f"the run ended before reaching {point!r}"
            assert time.monotonic() < deadline, f"the run never reached {point!r}"
            time.sleep(0.2)
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group is gone if the run already ended
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    assert (warehouse / "broadsheet.duckdb").read_bytes() == published

    report = nightly(sources=[str(source)], warehouse=str(warehouse))
    # Killed during publish, the run had already committed its data to the lake: the next run only publishes it.
    assert report["articles_new"] == (0 if point == "publish" else 1)
    uninterrupted = tmp_path / "uninterrupted"
    nightly(sources=[str(source)], warehouse=str(uninterrupted))
    assert published_content(warehouse) == published_content(uninterrupted)
    leftovers = [p for p in warehouse.rglob("*") if ".tmp-" in p.name or p.parent.name == "_work"]
    assert leftovers == []
