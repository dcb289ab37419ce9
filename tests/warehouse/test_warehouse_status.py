"""The operator's view: `broadsheet status` and `broadsheet runs`, a failed run shown as soon as it failed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warehouse_builders import RUN_1, RUN_2, commit_runs, publish_runs

from flows import cli
from flows.cli import app
from warehouse import lake
from warehouse.publish import PUBLISHED_DB_NAME
from warehouse.status import drift_flags, recent_runs, warehouse_status

runner = CliRunner()
START = dt.datetime(2025, 1, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps table cells to the console's width, which an earlier command in this process may have fixed:
    a wide one keeps each cell on one line to assert on."""
    monkeypatch.setattr(cli.console, "width", 200)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """Run 1 succeeded and was published; run 2 failed the next night: its row is committed, nothing published."""
    folder = tmp_path / "warehouse"
    first: dict[str, list[dict[str, Any]]] = {
        "articles": [{"article_id": "A1", "title": "Story", "body_text": "Acme said so.", "word_count": 3}],
        "files": [
            {"file_id": "f-x", "source_uri": "x.txt", "status": "parsed"},
            {"file_id": "f-bad", "source_uri": "bad.json", "status": "quarantined", "article_count": 0},
        ],
        "quarantine": [{"quarantine_id": "q1", "source_uri": "bad.json", "reason_code": "invalid_json"}],
        "runs": [
            {
                "run_id": RUN_1,
                "started_at": START,
                "finished_at": START + dt.timedelta(seconds=42),
                "files_new": 2,
                "articles": 1,
                "quarantined": 1,
            }
        ],
    }
    publish_runs(folder, {RUN_1: first})
    failed_start = START + dt.timedelta(days=1)
    failed = {
        "runs": [
            {
                "run_id": RUN_2,
                "started_at": failed_start,
                "finished_at": failed_start + dt.timedelta(seconds=5),
                "status": "failed",
                "error": "disk full while publishing",
            }
        ]
    }
    commit_runs(folder, {RUN_2: failed})
    return folder


def test_a_failed_run_is_listed_at_once_before_any_publish(warehouse: Path) -> None:
    the_lake = lake.Lake.in_warehouse(warehouse)
    assert [(r["run_id"], r["status"], r["error"]) for r in recent_runs(the_lake)] == [
        (RUN_2, "failed", "disk full while publishing"),
        (RUN_1, "succeeded", None),
    ]
    assert [r["run_id"] for r in recent_runs(the_lake, failed_only=True)] == [RUN_2]
    state = warehouse_status(warehouse / PUBLISHED_DB_NAME, the_lake, run_limit=1)
    assert [r["run_id"] for r in state.runs] == [RUN_2]
    assert (state.table_rows["articles"], state.table_rows["runs"]) == (1, 1)  # the file has only run 1
    assert state.quarantine_by_reason == [("invalid_json", 1)]


def test_status_and_runs_commands(warehouse: Path, tmp_path: Path) -> None:
    shown = runner.invoke(app, ["status", "-w", str(warehouse)])
    assert shown.exit_code == 0, shown.output
    assert "disk full while publishing" in shown.output and "42 s" in shown.output
    assert "in quarantine: 1" in shown.output and "invalid_json" in shown.output
    failed = runner.invoke(app, ["runs", "-w", str(warehouse), "--failed"])
    assert RUN_2 in failed.output and RUN_1 not in failed.output
    missing = runner.invoke(app, ["status", "-w", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert f"no published warehouse at {tmp_path / 'nowhere' / PUBLISHED_DB_NAME}" in missing.output


def test_drift_flags_a_run_whose_measures_moved_from_the_runs_before_it(tmp_path: Path) -> None:
    """Three nights alike, then one with no resolved speaker and four times the claims per article."""
    folder = tmp_path / "warehouse"
    run_ids = ["20250101T020000Z-aaaa", "20250102T020000Z-bbbb", "20250103T020000Z-cccc", "20250104T020000Z-dddd"]
    body = 'Ana Ruiz said: "We grew 5%."'
    nights: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for night, run_id in enumerate(run_ids):
        last = night == len(run_ids) - 1
        article = f"A{night}"
        tables: dict[str, list[dict[str, Any]]] = {
            "articles": [{"article_id": article, "body_text": body, "word_count": 5, "source_uri": f"{night}.txt"}],
            "files": [{"file_id": f"f{night}", "source_uri": f"{night}.txt", "status": "parsed"}],
            "entities": [{"entity_id": "e-ruiz", "name": "Ana Ruiz", "label": "PERSON"}],
            "quotes": [
                {
                    "quote_id": f"q{night}",
                    "article_id": article,
                    "quote_text": "We grew 5%.",
                    "start_char": 15,
                    "end_char": 26,
                    "speaker_entity_id": None if last else "e-ruiz",
                }
            ],
            "numeric_claims": [
                {"claim_id": f"c{night}-{k}", "article_id": article, "surface": "5%", "start_char": 23, "end_char": 25}
                for k in range(4 if last else 1)
            ],
            "runs": [{"run_id": run_id, "started_at": START, "files_new": 1, "articles": 1}],
        }
        nights[run_id] = tables
    db = publish_runs(folder, nights)
    flags = {flag.measure: (flag.value, flag.baseline) for flag in drift_flags(db)}
    assert flags == {
        "share of quotes with a resolved speaker": (0.0, 1.0),
        "claims per article": (4.0, 1.0),
    }
    shown = runner.invoke(app, ["status", "-w", str(folder)])
    assert "drift in run 20250104T020000Z-dddd: claims per article 4.00, against 1.00" in shown.output
