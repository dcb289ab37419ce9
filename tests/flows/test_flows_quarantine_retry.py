"""`broadsheet quarantine retry`: the quarantined files are read again now, unchanged ones too."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app
from flows.nightly import nightly
from support import query_published

runner = CliRunner()


def test_retry_reads_the_quarantined_files_again_with_the_last_runs_sources(prefect_harness, source, tmp_path):
    (source / "broken.json").write_text('{"title": "Cut off", "maintext": "The file ends mid sent')
    (source / "zero.json").write_bytes(b"")
    warehouse = tmp_path / "warehouse"
    nightly(sources=[str(source)], warehouse=str(warehouse))

    nothing = runner.invoke(app, ["quarantine", "retry", "--reason", "too_long", "-w", str(warehouse)])
    assert nothing.exit_code == 0, nothing.output
    assert "nothing in quarantine for too_long: nothing to retry" in nothing.output

    # Unchanged, the broken file is read again (a nightly run would skip it) and quarantined again.
    retried = runner.invoke(app, ["quarantine", "retry", "--reason", "invalid_json", "-w", str(warehouse)])
    assert retried.exit_code == 0, retried.output
    assert "retrying 1 quarantined file(s)" in retried.output
    runs = query_published(warehouse, "SELECT files_new, quarantined FROM runs ORDER BY run_id")
    assert runs[-1] == (1, 1)
    assert query_published(warehouse, "SELECT source_uri, reason_code FROM v_quarantine ORDER BY 1") == [
        ("articles/broken.json", "invalid_json"),
        ("articles/zero.json", "empty_file"),
    ]

    # Fixed in place, it loads on the retry and leaves quarantine.
    (source / "broken.json").write_text('{"title": "Cut off", "maintext": "The file was fixed and now it reads."}')
    fixed = runner.invoke(app, ["quarantine", "retry", "-w", str(warehouse)])
    assert fixed.exit_code == 0, fixed.output
    assert query_published(warehouse, "SELECT source_uri FROM v_quarantine") == [("articles/zero.json",)]


def test_retry_on_a_missing_warehouse_names_it(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["quarantine", "retry", "-w", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "no published warehouse at" in missing.output
