"""Export of the published tables and views to files, and the ``sql`` and ``export`` commands around it."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner
from warehouse_builders import RUN_1, publish_runs

from flows.cli import app
from warehouse.export import ExportFormat, ExportTargetNotEmpty, UnknownRelation, export_relations
from warehouse.publish import PUBLISHED_DB_NAME
from warehouse.query import WarehouseUnreadable, run_readonly_sql

runner = CliRunner()


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """A published warehouse of two articles, one with bylines and a credit line."""
    folder = tmp_path / "warehouse"
    tables: dict[str, list[dict[str, Any]]] = {
        "articles": [
            {
                "article_id": f"A{n}",
                "title": f"Story {n}",
                "body_text": "Acme said so.",
                "word_count": 3,
                "authors": ["Jo Bloggs", "Sam Doe"] if n == 1 else [],
                "credits": [{"name": "Kim Lee", "role": "editor"}] if n == 1 else [],
            }
            for n in (1, 2)
        ],
        "files": [{"file_id": "f-x", "source_uri": "x.txt", "status": "parsed"}],
    }
    publish_runs(folder, {RUN_1: tables})
    return folder


def test_every_format_holds_the_published_rows_and_csv_writes_lists_as_json(warehouse: Path, tmp_path: Path) -> None:
    db = warehouse / PUBLISHED_DB_NAME
    for export_format in ExportFormat:
        written = export_relations(db, ["articles", "v_article_authors"], export_format, tmp_path / export_format)
        assert [(f.relation, f.path.name, f.rows) for f in written] == [
            ("articles", f"articles.{export_format}", 2),
            ("v_article_authors", f"v_article_authors.{export_format}", 2),
        ]
    parquet = pq.read_table(tmp_path / "parquet" / "articles.parquet").to_pylist()
    assert [(row["article_id"], row["authors"], row["credits"]) for row in parquet] == [
        ("A1", ["Jo Bloggs", "Sam Doe"], [{"name": "Kim Lee", "role": "editor"}]),
        ("A2", [], []),
    ]
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["article_id"]: row for row in csv.DictReader(f)}
    assert json.loads(rows["A1"]["authors"]) == ["Jo Bloggs", "Sam Doe"]
    assert json.loads(rows["A1"]["credits"]) == [{"name": "Kim Lee", "role": "editor"}]
    lines = (tmp_path / "jsonl" / "v_article_authors.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"article_id": "A1", "position": 1, "author": "Jo Bloggs"},
        {"article_id": "A1", "position": 2, "author": "Sam Doe"},
    ]


def test_all_exports_every_table_and_view(warehouse: Path, tmp_path: Path) -> None:
    written = export_relations(warehouse / PUBLISHED_DB_NAME, None, ExportFormat.parquet, tmp_path / "all")
    names = [f.relation for f in written]
    assert {"articles", "quotes", "runs", "v_quotes", "v_speakers", "v_cooccurrence"} <= set(names)
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == sorted(f"{n}.parquet" for n in names)


def test_bad_requests_are_refused_with_what_exists(warehouse: Path, tmp_path: Path) -> None:
    db = warehouse / PUBLISHED_DB_NAME
    with pytest.raises(UnknownRelation, match=r"no table or view named v_quotez .*there are: articles, .*v_quotes"):
        export_relations(db, ["v_quotez"], ExportFormat.csv, tmp_path / "out")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportTargetNotEmpty, match="is not empty; pass --overwrite"):
        export_relations(db, ["articles"], ExportFormat.csv, tmp_path / "full")
    export_relations(db, ["articles"], ExportFormat.csv, tmp_path / "full", overwrite=True)
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["articles.csv", "notes.txt"]
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"not a database " * 100)
    with pytest.raises(WarehouseUnreadable, match=f"cannot open the warehouse at {corrupt}"):
        run_readonly_sql(corrupt, "SELECT 1")


def test_sql_prints_a_box_table_limited_and_csv_with_lists_as_json(warehouse: Path, tmp_path: Path) -> None:
    # DuckDB's own box renderer: the first and last rows up to the limit, and how many there are.
    table = runner.invoke(app, ["sql", "-w", str(warehouse), "--limit", "4", "SELECT range AS i FROM range(100)"])
    assert table.exit_code == 0, table.output
    shown = [line.strip("│ ") for line in table.output.splitlines() if line.startswith("│")]
    assert shown[:2] == ["i", "int64"] and [v for v in shown[2:] if v.isdigit()] == ["0", "1", "98", "99"]
    assert "100 rows" in table.output and "(4 shown)" in table.output
    as_csv = runner.invoke(app, ["sql", "-w", str(warehouse), "-f", "csv", "SELECT article_id, authors FROM articles"])
    assert as_csv.output.splitlines() == ["article_id,authors", 'A1,"[""Jo Bloggs"", ""Sam Doe""]"', "A2,[]"]
    query = tmp_path / "q.sql"
    query.write_text("SELECT count(*) AS n FROM articles", encoding="utf-8")
    out = tmp_path / "n.json"
    written = runner.invoke(app, ["sql", "-w", str(warehouse), "--file", str(query), "-f", "json", "-o", str(out)])
    assert written.exit_code == 0, written.output
    assert json.loads(out.read_text(encoding="utf-8")) == [{"n": 2}]


def test_sql_keeps_duckdb_hints_and_names_a_missing_or_corrupt_file(warehouse: Path, tmp_path: Path) -> None:
    typo = runner.invoke(app, ["sql", "-w", str(warehouse), "SELECT * FROM v_quotez"])
    assert typo.exit_code == 1
    assert 'Did you mean "v_quotes"' in typo.output
    assert "tables and views: articles, entities," in typo.output and "v_quotes" in typo.output
    missing = runner.invoke(app, ["sql", "-w", str(tmp_path / "nowhere"), "SELECT 1"])
    assert missing.exit_code == 2
    assert f"no published warehouse at {tmp_path / 'nowhere' / PUBLISHED_DB_NAME}" in missing.output
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / PUBLISHED_DB_NAME).write_bytes(b"garbage" * 200)
    corrupt = runner.invoke(app, ["export", "-w", str(tmp_path / "bad"), "--all", "-o", str(tmp_path / "x")])
    assert corrupt.exit_code == 2
    assert "cannot open the warehouse at" in corrupt.output


def test_export_command_refuses_a_full_folder_and_an_unknown_name(warehouse: Path, tmp_path: Path) -> None:
    ok = runner.invoke(app, ["export", "-w", str(warehouse), "articles", "-f", "jsonl", "-o", str(tmp_path / "e")])
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "e" / "articles.jsonl").is_file()
    again = runner.invoke(app, ["export", "-w", str(warehouse), "articles", "-o", str(tmp_path / "e")])
    assert again.exit_code == 2 and "--overwrite" in again.output
    unknown = runner.invoke(app, ["export", "-w", str(warehouse), "nosuch", "-o", str(tmp_path / "f")])
    assert unknown.exit_code == 2 and "there are: articles" in unknown.output
    # The published file is untouched by an export: still a DuckDB file that opens read-only.
    con = duckdb.connect(str(warehouse / PUBLISHED_DB_NAME), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(2,)]
    con.close()
