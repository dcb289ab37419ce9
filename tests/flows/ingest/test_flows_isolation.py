"""A file that cannot be read is quarantined 'unreadable' and tried again on every run; a parser or normaliser
that raises on one input quarantines that input, with the error, and nothing else."""

from __future__ import annotations

import builtins
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from flows.ingest import discover, normalise, parse
from support import SEEDS
from warehouse import lake

RUN, VERSION = "20260101T000000000000Z", "test-version"


def _ingest(source: Path, warehouse: Path) -> dict[str, list[dict]]:
    the_lake = lake.Lake.in_warehouse(warehouse)
    discover.discover([f"news={source}"], warehouse, the_lake, RUN, VERSION, full_refresh=False)
    parse.parse(warehouse, RUN, VERSION)
    normalise.normalise(warehouse, the_lake, RUN, VERSION, datetime(2026, 1, 1, tzinfo=UTC))
    work = lake.work_dir(warehouse, RUN)
    return {
        table: [row for part in sorted((work / table).glob("*.parquet")) for row in pq.read_table(part).to_pylist()]
        for table in ("articles", "files", "quarantine")
    }


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "news"
    source.mkdir()
    for name in ("001_trade_talks.txt", "002_rail_budget.txt", "005_chip_plant.json"):
        shutil.copy(SEEDS / name, source / name)
    return source


def test_a_file_gone_between_discover_and_parse_is_unreadable_and_listed_as_new_again(tmp_path, monkeypatch):
    source, warehouse = _source(tmp_path), tmp_path / "warehouse"
    real_discover = discover.discover

    def discover_then_delete(*args, **kwargs):
        counts = real_discover(*args, **kwargs)
        (source / "002_rail_budget.txt").unlink()
        return counts

    monkeypatch.setattr(discover, "discover", discover_then_delete)
    tables = _ingest(source, warehouse)
    [row] = [q for q in tables["quarantine"] if q["reason_code"] == "unreadable"]
    assert row["source_uri"] == "news/002_rail_budget.txt" and row["detail"].startswith("FileNotFoundError")
    assert {f["source_uri"]: f["status"] for f in tables["files"]}["news/002_rail_budget.txt"] == "unreadable"
    assert len(tables["articles"]) == 2
    the_lake = lake.Lake.in_warehouse(warehouse)
    lake.stage_run(warehouse, the_lake, RUN)
    lake.commit_run(the_lake, RUN)
    shutil.copy(SEEDS / "002_rail_budget.txt", source / "002_rail_budget.txt")
    monkeypatch.setattr(discover, "discover", real_discover)
    again = discover.discover(
        [f"news={source}"], warehouse, the_lake, "20260102T000000000000Z", VERSION, full_refresh=False
    )
    assert (again["files_seen"], again["files_new"]) == (3, 1)


def test_a_file_unreadable_at_discover_is_quarantined_not_fatal(tmp_path, monkeypatch):
    source, warehouse = _source(tmp_path), tmp_path / "warehouse"

    def locked_open(path, *args, **kwargs):
        if str(path).endswith("001_trade_talks.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(discover, "open", locked_open, raising=False)
    tables = _ingest(source, warehouse)
    [row] = tables["quarantine"]
    assert (row["source_uri"], row["reason_code"]) == ("news/001_trade_talks.txt", "unreadable")
    assert "Permission denied" in row["detail"]
    assert len(tables["articles"]) == 2


def test_a_parser_or_normaliser_that_raises_quarantines_only_that_input(tmp_path, monkeypatch):
    source, warehouse = _source(tmp_path), tmp_path / "warehouse"
    (source / "lines.jsonl").write_text(
        "\n".join(
            json.dumps({"title": f"Story {n}", "maintext": f"Story {n} has enough words to be an article."})
            for n in range(3)
        )
    )
    real_parse, real_normalise = parse.parse_file, normalise.normalise_record

    def parse_raising_on_rail(uri, data):
        if "rail" in uri:
            raise IndexError("string index out of range")
        return real_parse(uri, data)

    def normalise_raising_on_line_two(record, **kwargs):
        if record.record_key == "line=2":
            raise KeyError("title")
        return real_normalise(record, **kwargs)

    monkeypatch.setattr(parse, "parse_file", parse_raising_on_rail)
    monkeypatch.setattr(normalise, "normalise_record", normalise_raising_on_line_two)
    tables = _ingest(source, warehouse)
    assert sorted((q["source_uri"], q["record_key"], q["reason_code"], q["detail"]) for q in tables["quarantine"]) == [
        ("news/002_rail_budget.txt", "", "parse_failed", "IndexError: string index out of range"),
        ("news/lines.jsonl", "line=2", "normalise_failed", "KeyError: 'title'"),
    ]
    assert sorted(a["source_uri"] + a["record_key"] for a in tables["articles"]) == [
        "news/001_trade_talks.txt",
        "news/005_chip_plant.json",
        "news/lines.jsonlline=1",
        "news/lines.jsonlline=3",
    ]
    assert (warehouse / "quarantine").is_dir() and len(list((warehouse / "quarantine").iterdir())) == 1
