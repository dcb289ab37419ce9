"""`broadsheet run` shows every step as it goes, and no empty bar when there is nothing to analyse."""

from __future__ import annotations

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()
STEPS = ("discover", "parse", "normalise", "analyse", "stage", "validate", "publish")


def test_every_step_is_shown_with_its_time_and_an_empty_run_shows_no_bar(prefect_harness, source, tmp_path):
    warehouse = tmp_path / "warehouse"
    arguments = ["run", "--source", str(source), "--warehouse", str(warehouse)]
    first = runner.invoke(app, arguments)
    assert first.exit_code == 0, first.output
    shown = [line.split()[0] for line in first.output.splitlines() if line.startswith("  ") and line.endswith(" s")]
    assert shown == list(STEPS)
    assert "analysing articles" in first.output
    again = runner.invoke(app, arguments)
    assert again.exit_code == 0, again.output
    assert "0/0" not in again.output and "analysing articles" not in again.output
    assert "0 new of" in again.output
