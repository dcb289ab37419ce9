from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from warehouse.lake import Lake
from warehouse.publish import publish
from warehouse.query import WarehouseMissing, WriteRefused, run_readonly_sql


@pytest.fixture
def published(two_runs: Path, parquet_lake: Lake) -> Path:
    return publish(two_runs, parquet_lake).path


def test_reads_return_columns_and_rows(published: Path) -> None:
    columns, rows = run_readonly_sql(published, "SELECT article_id, title FROM articles ORDER BY article_id LIMIT 2")

    assert columns == ["article_id", "title"]
    assert rows == [("A1", "A1 second version"), ("A2", "A2 only version")]


@pytest.mark.parametrize(
    "sql",
    [
        "WITH t AS (SELECT count(*) AS n FROM quotes) SELECT n FROM t",
        "FROM quotes SELECT count(*)",
        "SHOW TABLES",
        "DESCRIBE articles",
        "SUMMARIZE numeric_claims",
        "EXPLAIN SELECT * FROM articles",
        "EXPLAIN ANALYZE SELECT * FROM articles",
        "PIVOT entity_mentions ON label USING count(*) GROUP BY article_id",
        "SELECT 1; SELECT count(*) FROM articles",
    ],
)
def test_read_shapes_are_allowed(published: Path, sql: str) -> None:
    columns, rows = run_readonly_sql(published, sql)
    assert columns and rows


def test_multiple_reads_return_the_last_result(published: Path) -> None:
    assert run_readonly_sql(published, "SELECT 1 AS one; SELECT count(*) AS n FROM articles") == (["n"], [(3,)])


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("INSERT INTO articles (article_id) VALUES ('x')", "INSERT"),
        ("CREATE TABLE scratch AS SELECT 1", "CREATE"),
        ("ATTACH 'other.duckdb' AS other", "ATTACH"),
        ("DELETE FROM articles", "DELETE"),
        ("DROP VIEW v_quotes", "DROP"),
        ("SET threads = 1", "SET"),
        ("INSTALL httpfs", "LOAD"),
        ("CHECKPOINT", "CALL"),
        ("EXPLAIN ANALYZE DELETE FROM articles", "EXPLAIN of DELETE"),
        ("WITH x AS (SELECT 1) INSERT INTO articles (article_id) SELECT 'y' FROM x", "INSERT"),
    ],
)
def test_writes_are_refused_with_a_clear_message(published: Path, sql: str, kind: str) -> None:
    with pytest.raises(WriteRefused, match=f"refused: the statement is {kind} .*read-only.*Nothing was run"):
        run_readonly_sql(published, sql)


def test_copy_is_refused_and_writes_no_file(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "leak.csv"
    with pytest.raises(WriteRefused, match="COPY"):
        run_readonly_sql(published, f"COPY articles TO '{out}'")
    assert not out.exists()


def test_a_hidden_write_refuses_the_whole_batch_before_anything_runs(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "leak.parquet"
    before = hashlib.sha256(published.read_bytes()).hexdigest()

    with pytest.raises(WriteRefused, match="statement 2 of 3 is COPY"):
        run_readonly_sql(published, f"SELECT 1; /* harmless */ COPY (SELECT * FROM articles) TO '{out}'; SELECT 2")

    assert not out.exists()
    assert hashlib.sha256(published.read_bytes()).hexdigest() == before


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissing, match="no published warehouse at .*missing.duckdb"):
        run_readonly_sql(tmp_path / "missing.duckdb", "SELECT 1")
