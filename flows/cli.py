"""The ``broadsheet`` command: run the nightly flow, serve it on a schedule, query the published warehouse."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from flows.settings import DEFAULT_SOURCE, DEFAULT_WAREHOUSE, configure_environment
from transforms.records import error_line

configure_environment()

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Broadsheet: raw news articles → Parquet → Great Expectations → DuckDB.",
)
console = Console()
errors = Console(stderr=True)
# A served deployment runs unattended: its logs, kept by the server and shown in the UI, are the record of
# each night, so it logs more than `run`, whose one-line failure reason they would bury.
SERVE_PREFECT_LOG_LEVEL = "INFO"
FOLLOW_SYMLINKS_HELP = "Read symbolic links that lead out of their source's folder (counted and skipped otherwise)."
SOURCE_HELP = (
    "[NAME=]PATH: a file, folder or glob (repeatable). NAME is the first part of every id the source's "
    "files get; default the folder's name. Default: seeds/articles."
)


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ClaimsPipeline(StrEnum):
    """The keys of ``flows.evaluate.claims.PIPELINES`` (not imported here: it loads spaCy)."""

    analysis = "analysis"
    tokenizer = "tokenizer"


@app.command()
def run(
    source: list[str] | None = typer.Option(None, "--source", "-s", help=SOURCE_HELP),
    warehouse: Path = typer.Option(
        DEFAULT_WAREHOUSE,
        "--warehouse",
        "-w",
        envvar="BROADSHEET_WAREHOUSE",
        help="Warehouse directory (lake, published DuckDB file, quarantine).",
    ),
    full_refresh: bool = typer.Option(False, "--full-refresh", help="Re-read every file, ignoring the manifest."),
    dask_address: str | None = typer.Option(
        None,
        "--dask-address",
        help="Run the model on this Dask scheduler (tcp://HOST:PORT) instead of this machine's cores.",
    ),
    lake: str | None = typer.Option(
        None,
        "--lake",
        envvar="BROADSHEET_LAKE",
        help="Put the Parquet lake here instead of WAREHOUSE/lake: a folder or an fsspec "
        "URL such as s3://bucket/prefix (needs its fsspec package, e.g. s3fs).",
    ),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help=FOLLOW_SYMLINKS_HELP),
) -> None:
    """Run the nightly flow once and print a summary."""
    sources = _checked_sources(source)
    started, started_at = time.perf_counter(), time.time()
    from flows.run.prefect_api import start_temporary_api_server

    # Prefect's import is slow; `sql` should not pay for it.  Its server boots while the flow's modules import.
    wait_for_prefect_api = start_temporary_api_server()
    from flows.nightly import nightly

    wait_for_prefect_api()

    try:
        report = nightly(
            sources=sources,
            warehouse=str(warehouse),
            full_refresh=full_refresh,
            show_progress=True,
            dask_address=dask_address,
            lake=lake,
            follow_symlinks=follow_symlinks,
        )
    except Exception as error:  # noqa: BLE001 - the run has recorded its failure; say why in one line
        errors.print(f"[bold red]run failed:[/] {error_line(error)}", soft_wrap=True)
        _print_failed_run_report(warehouse, started_at)
        raise typer.Exit(code=1) from None
    _print_report(report, time.perf_counter() - started)


@app.command()
def serve(
    cron: str | None = typer.Option(None, "--cron", help='Cron schedule. Default "0 2 * * *" (02:00 every night).'),
    timezone: str | None = typer.Option(None, "--timezone", help="IANA timezone the cron is read in. Default UTC."),
    interval: float | None = typer.Option(
        None, "--interval", help="Run every SECONDS instead of on a cron (tests, demos)."
    ),
    source: list[str] | None = typer.Option(None, "--source", "-s", help=SOURCE_HELP),
    warehouse: Path = typer.Option(
        DEFAULT_WAREHOUSE,
        "--warehouse",
        "-w",
        envvar="BROADSHEET_WAREHOUSE",
        help="Warehouse directory (lake, published DuckDB file, quarantine).",
    ),
    name: str | None = typer.Option(None, "--name", help='Deployment name. Default "nightly".'),
    dask_address: str | None = typer.Option(
        None, "--dask-address", help="Every run analyses on this Dask scheduler (tcp://HOST:PORT)."
    ),
    lake: str | None = typer.Option(
        None,
        "--lake",
        envvar="BROADSHEET_LAKE",
        help="Put the Parquet lake here instead of WAREHOUSE/lake: a folder or an fsspec "
        "URL such as s3://bucket/prefix (needs its fsspec package, e.g. s3fs).",
    ),
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks", help=FOLLOW_SYMLINKS_HELP),
) -> None:
    """Serve the nightly flow as a Prefect deployment (one run at a time) until stopped.

    Needs a Prefect server: `prefect server start`.
    """
    os.environ["PREFECT_LOGGING_LEVEL"] = os.environ.get("BROADSHEET_PREFECT_LOG_LEVEL", SERVE_PREFECT_LOG_LEVEL)
    from flows import schedule  # imports Prefect, which reads its settings (the log level above) once

    try:
        when = schedule.build_schedule(cron=cron, timezone=timezone, interval=interval)
        schedule.require_api(schedule.configured_api_url())
        deployment = schedule.build_deployment(
            _checked_sources(source),
            str(warehouse),
            when,
            name=name,
            dask_address=dask_address,
            lake=lake,
            follow_symlinks=follow_symlinks,
        )
    except schedule.ServeError as error:
        errors.print(f"[bold red]serve:[/] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None
    schedule.serve_nightly(deployment)


# Rows the table format prints by default (first and last halves); csv and json print every row.
TABLE_ROWS = 40


@app.command()
def sql(
    statement: str | None = typer.Argument(
        None, help="A read-only SQL statement (SELECT, WITH, DESCRIBE, SHOW, …); or give --file."
    ),
    sql_file: Path | None = typer.Option(None, "--file", help="Read the SQL from this file.", dir_okay=False),
    warehouse: Path = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="BROADSHEET_WAREHOUSE"),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table, csv or json."),
    limit: int | None = typer.Option(
        None, "--limit", help=f"At most this many rows (0: all). Default {TABLE_ROWS} for table, all for csv/json."
    ),
    output_file: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Query the published warehouse read-only."""
    import duckdb

    from warehouse.publish import PUBLISHED_DB_NAME
    from warehouse.query import (
        WarehouseMissing,
        WarehouseUnreadable,
        WriteRefused,
        run_readonly_sql,
        show_readonly_sql,
    )

    if (statement is None) == (sql_file is None):
        errors.print("[bold red]error:[/] give a SQL statement or --file, not both")
        raise typer.Exit(code=2)
    query = sql_file.read_text(encoding="utf-8") if sql_file is not None else str(statement)
    rows_wanted = (TABLE_ROWS if output is OutputFormat.table else 0) if limit is None else limit
    db_path = warehouse / PUBLISHED_DB_NAME
    try:
        with _output_stream(output_file) as stream:
            if output is OutputFormat.table:
                with contextlib.redirect_stdout(stream):
                    show_readonly_sql(
                        db_path, query, max_rows=rows_wanted or sys.maxsize, max_width=_table_width(output_file)
                    )
            else:
                columns, rows = run_readonly_sql(db_path, query, limit=rows_wanted or None)
                _write_rows(columns, rows, output, stream)
    except WriteRefused as error:
        errors.print(f"[bold red]{error}[/]", soft_wrap=True)
        raise typer.Exit(code=2) from None
    except (WarehouseMissing, WarehouseUnreadable) as error:
        errors.print(f"[bold red]error:[/] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None
    except duckdb.Error as error:
        # The user's SQL: DuckDB's whole message, with its hints ('Did you mean "v_quotes"?') and the caret.
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        if isinstance(error, duckdb.CatalogException):
            errors.print(f"tables and views: {', '.join(_relations(db_path))}", soft_wrap=True, highlight=False)
        raise typer.Exit(code=1) from None


@app.command()
def export(
    names: list[str] | None = typer.Argument(None, help="Tables or views to export (see --all)."),
    all_relations: bool = typer.Option(False, "--all", help="Every table and view."),
    export_format: str = typer.Option("parquet", "--format", "-f", help="parquet, csv or jsonl."),
    output_dir: Path = typer.Option(..., "--output", "-o", help="Folder to write <name>.<format> files into."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Write into a folder that already holds files."),
    warehouse: Path = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="BROADSHEET_WAREHOUSE"),
) -> None:
    """Export published tables and views (not the lake) to files; in CSV, lists and records are JSON text."""
    from warehouse.export import ExportFormat, ExportTargetNotEmpty, UnknownRelation, export_relations
    from warehouse.publish import PUBLISHED_DB_NAME
    from warehouse.query import WarehouseMissing, WarehouseUnreadable

    if bool(names) == all_relations:
        errors.print("[bold red]error:[/] name the tables or views to export, or give --all")
        raise typer.Exit(code=2)
    if export_format not in ExportFormat.__members__:
        errors.print(f"[bold red]error:[/] unknown format {export_format!r}; use parquet, csv or jsonl")
        raise typer.Exit(code=2)
    try:
        written = export_relations(
            warehouse / PUBLISHED_DB_NAME,
            None if all_relations else names,
            ExportFormat(export_format),
            output_dir,
            overwrite=overwrite,
        )
    except (WarehouseMissing, WarehouseUnreadable, UnknownRelation, ExportTargetNotEmpty) as error:
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(code=2) from None
    console.print(_rich_table(["table or view", "rows", "file"], [(f.relation, f.rows, str(f.path)) for f in written]))


LAKE_HELP = "The Parquet lake, if not WAREHOUSE/lake (a folder or an fsspec URL)."


@app.command()
def status(
    warehouse: Path = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="BROADSHEET_WAREHOUSE"),
    lake: str | None = typer.Option(None, "--lake", envvar="BROADSHEET_LAKE", help=LAKE_HELP),
    last: int = typer.Option(5, "--last", help="How many runs to show."),
) -> None:
    """What the last nights did: runs (a failed one at once), the published file's age and sizes, quarantine."""
    from warehouse.lake import Lake
    from warehouse.publish import PUBLISHED_DB_NAME
    from warehouse.query import WarehouseMissing, WarehouseUnreadable
    from warehouse.status import duration_seconds, warehouse_status

    the_lake = Lake(lake) if lake else Lake.in_warehouse(warehouse)
    try:
        state = warehouse_status(warehouse / PUBLISHED_DB_NAME, the_lake, run_limit=last)
    except (WarehouseMissing, WarehouseUnreadable) as error:
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(code=2) from None
    age = dt.datetime.now(dt.UTC) - state.published_at
    console.print(
        f"[bold]{state.published_path}[/] published {state.published_at:%Y-%m-%d %H:%M} UTC "
        f"({age.total_seconds() / 3600:.1f} h ago)"
    )
    console.print(_runs_table(state.runs, duration_seconds, f"last {len(state.runs)} runs"))
    flags = state.drift
    for flag in flags:
        console.print(
            f"[bold yellow]drift[/] in run {flag.run_id}: {flag.measure} {flag.value:.2f}, "
            f"against {flag.baseline:.2f} in the runs before it"
        )
    if not flags:
        console.print("no drift beyond the thresholds (README, Nightly operations)")
    console.print(_rich_table(["table", "rows"], list(state.table_rows.items()), "published tables"))
    quarantined = state.quarantine_by_reason
    total = sum(count for _, count in quarantined)
    console.print(_rich_table(["reason", "inputs"], quarantined, f"in quarantine: {total}"))


@app.command()
def runs(
    warehouse: Path = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="BROADSHEET_WAREHOUSE"),
    lake: str | None = typer.Option(None, "--lake", envvar="BROADSHEET_LAKE", help=LAKE_HELP),
    failed: bool = typer.Option(False, "--failed", help="Only the runs that failed."),
    last: int = typer.Option(20, "--last", help="How many runs to show (0: all)."),
) -> None:
    """The runs committed to the lake, newest first, a failed one as soon as it failed."""
    from warehouse.lake import Lake
    from warehouse.status import duration_seconds, recent_runs

    the_lake = Lake(lake) if lake else Lake.in_warehouse(warehouse)
    found = recent_runs(the_lake, last or None, failed_only=failed)
    if not found:
        console.print("no failed runs" if failed else f"no runs in {the_lake.url}")
        return
    console.print(_runs_table(found, duration_seconds, "failed runs" if failed else "runs"))


quarantine_app = typer.Typer(
    invoke_without_command=True, help="What is in quarantine now; `quarantine retry` reads those files again."
)
app.add_typer(quarantine_app, name="quarantine")


@quarantine_app.callback()
def quarantine(
    ctx: typer.Context,
    warehouse: Path = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="BROADSHEET_WAREHOUSE"),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="table, csv or json."),
) -> None:
    """What is in quarantine now, grouped by reason (a file drops out once a changed version loads)."""
    if ctx.invoked_subcommand is not None:
        return
    from warehouse.publish import PUBLISHED_DB_NAME
    from warehouse.query import WarehouseMissing, WarehouseUnreadable, run_readonly_sql

    try:
        columns, rows = run_readonly_sql(
            warehouse / PUBLISHED_DB_NAME, "SELECT reason_code, source_uri, record_key, detail FROM v_quarantine"
        )
    except (WarehouseMissing, WarehouseUnreadable) as error:
        errors.print(f"[bold red]error:[/] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None
    if output is not OutputFormat.table:
        _write_rows(columns, rows, output)
        return
    if not rows:
        console.print("quarantine is empty")
        return
    by_reason: dict[str, list[tuple]] = {}
    for reason, *rest in rows:
        by_reason.setdefault(reason, []).append(tuple(rest))
    for reason, items in by_reason.items():
        console.print(_rich_table(["file", "record", "detail"], items, f"{reason} ({len(items)})"))


@quarantine_app.command("retry")
def quarantine_retry(
    reason: str | None = typer.Option(None, "--reason", help="Only inputs quarantined for this reason code."),
    source: list[str] | None = typer.Option(
        None, "--source", "-s", help=SOURCE_HELP + " Default: the sources of the last run."
    ),
    warehouse: Path = typer.Option(DEFAULT_WAREHOUSE, "--warehouse", "-w", envvar="BROADSHEET_WAREHOUSE"),
    lake: str | None = typer.Option(None, "--lake", envvar="BROADSHEET_LAKE", help=LAKE_HELP),
) -> None:
    """Read the quarantined files again now (unchanged ones too), in a run like the nightly one."""
    from warehouse.lake import Lake
    from warehouse.publish import PUBLISHED_DB_NAME
    from warehouse.query import WarehouseMissing, WarehouseUnreadable, run_readonly_sql
    from warehouse.status import last_run_sources

    try:
        _, rows = run_readonly_sql(
            warehouse / PUBLISHED_DB_NAME, "SELECT DISTINCT reason_code, source_uri FROM v_quarantine"
        )
    except (WarehouseMissing, WarehouseUnreadable) as error:
        errors.print(f"[bold red]error:[/] {escape(str(error))}", soft_wrap=True, highlight=False)
        raise typer.Exit(code=2) from None
    uris = sorted({uri for code, uri in rows if reason is None or code == reason})
    if not uris:
        console.print("nothing in quarantine" + (f" for {reason}" if reason else "") + ": nothing to retry")
        return
    the_lake = Lake(lake) if lake else Lake.in_warehouse(warehouse)
    sources = _checked_sources(source or last_run_sources(the_lake) or None)
    console.print(f"retrying {len(uris)} quarantined file(s) from {', '.join(sources)}")
    started, started_at = time.perf_counter(), time.time()
    from flows.nightly import nightly

    try:
        report = nightly(sources=sources, warehouse=str(warehouse), show_progress=True, lake=lake, retry=list(uris))
    except Exception as error:  # noqa: BLE001 - the run has recorded its failure; say why in one line
        errors.print(f"[bold red]run failed:[/] {error_line(error)}", soft_wrap=True)
        _print_failed_run_report(warehouse, started_at)
        raise typer.Exit(code=1) from None
    _print_report(report, time.perf_counter() - started)


eval_app = typer.Typer(no_args_is_help=True, help="Score the extraction against hand-made gold.")
app.add_typer(eval_app, name="eval")


@eval_app.command("entities")
def eval_entities(
    gold: Path = typer.Option(
        ..., "--gold", "-g", help="A gold .json file or a folder of them (seed-000.json format)."
    ),
    corpora: Path = typer.Option(None, "--corpora", help="Where gold files' corpora live. Default: ../shared/corpora."),
) -> None:
    """Precision/recall of mentions assigned to the right canonical entity."""
    from evaluation.scores import Score
    from flows.evaluate.entities import evaluate_entities
    from flows.evaluate.gold import DEFAULT_CORPORA, load_gold

    results = evaluate_entities(load_gold(gold, corpora or DEFAULT_CORPORA))
    rows = []
    strict_total, name_total = Score(0, 0, 0), Score(0, 0, 0)
    for item, scores in results:
        strict_total += scores.strict
        name_total += scores.by_name
        rows.append(
            (
                item.gold_path.name,
                *_prf(scores.strict),
                f"{scores.by_name.f1:.3f}",
                ", ".join(f"{name}:{surface}" for name, surface in scores.missing[:3]),
            )
        )
    rows.append(("ALL (micro)", *_prf(strict_total), f"{name_total.f1:.3f}", ""))
    console.print(
        _rich_table(
            ["gold", "precision", "recall", "F1", "F1 (name only)", "missed (first 3)"],
            rows,
            "entities: (canonical entity, surface) pairs, name and label right",
        )
    )


@eval_app.command("claims")
def eval_claims(
    gold: Path = typer.Option(
        None,
        "--gold",
        "-g",
        help="A folder of sentence gold (tests/gold/claims/dev or …/test), or a seed-format .json. "
        "Default: ../shared/gold/seed-000.json and quantulum3's English suite.",
    ),
    pipeline: ClaimsPipeline = typer.Option(
        ClaimsPipeline.analysis,
        "--pipeline",
        "-p",
        help="analysis: the model's full pipeline, as the nightly job runs it; "
        "tokenizer: the tokenizer and a sentencizer only (claims from text alone).",
    ),
) -> None:
    """Numeric claims: the seed gold and quantulum3's English suite (value and value+unit F1), or our sentence
    gold (value, value+unit, value+direction, value+of_what F1 and recall by kind)."""
    from flows.evaluate.claims import claims_report, sentence_gold_report
    from flows.evaluate.gold import DEFAULT_CORPORA

    if gold is not None and gold.is_dir():
        report = sentence_gold_report(gold, pipeline.value)
        title = f"numeric claims on {gold} ({pipeline.value} pipeline)"
        console.print(_rich_table(["metric", "value"], report["rows"], title))
        return

    report = claims_report(seed_gold=gold or DEFAULT_CORPORA.parent / "gold" / "seed-000.json", pipeline=pipeline.value)
    console.print(_rich_table(["metric", "value"], report["rows"], f"numeric claims ({pipeline.value} pipeline)"))


@eval_app.command("quotes")
def eval_quotes(
    gold: Path = typer.Option(
        ..., "--gold", "-g", help="A PolNeAR split folder (…/polnear/data/dev) or seed-format gold (.json or folder)."
    ),
) -> None:
    """Quote P/R/F1 under three matching rules, speaker accuracy, end-to-end F1, by kind."""
    from flows.evaluate.quotes import quotes_report

    report = quotes_report(gold)
    table = report["table"]
    console.print(_rich_table(table["columns"], [[str(v) for v in row] for row in table["rows"]], table["title"]))
    speakers = report["speaker_table"]
    console.print(_rich_table(speakers["columns"], speakers["rows"], speakers["title"]))
    console.print(f"restriction: {report['restriction']}")


def _checked_sources(given: list[str] | None) -> list[str]:
    """The --source specs as NAME=/absolute/path, or a one-line error and exit 2 before anything starts."""
    from flows.ingest.sources import SourceError, resolve_sources

    try:
        return [source.spec for source in resolve_sources(given or [str(DEFAULT_SOURCE)])]
    except SourceError as error:
        errors.print(f"[bold red]error:[/] {error}", soft_wrap=True)
        raise typer.Exit(code=2) from None


def _prf(score) -> tuple[str, str, str]:
    return f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"


def _write_rows(columns: list[str], rows: list, output: OutputFormat, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if output is OutputFormat.csv:
        writer = csv.writer(stream)
        writer.writerow(columns)
        # CSV has no lists or records: they are written as JSON text, which any tool can read back.
        writer.writerows([_csv_cell(value) for value in row] for row in rows)
    else:
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        stream.write(json.dumps(records, default=str, indent=2) + "\n")


def _relations(db_path: Path) -> list[str]:
    from warehouse.export import published_relations
    from warehouse.query import attached_read_only

    with attached_read_only(db_path, lock_down=True) as con:
        return published_relations(con)


def _csv_cell(value: object) -> object:
    return json.dumps(value, default=str) if isinstance(value, list | dict) else value


@contextlib.contextmanager
def _output_stream(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream


def _table_width(output_file: Path | None) -> int:
    """The terminal's width for the box table (COLUMNS if set), or a wide page when writing to a file."""
    return 200 if output_file is not None else shutil.get_terminal_size((120, 40)).columns


def _runs_table(runs: list[dict], duration_seconds, title: str) -> Table:
    rows = [
        (
            run["run_id"],
            run["status"],
            f"{run['started_at']:%Y-%m-%d %H:%M}",
            "" if (seconds := duration_seconds(run)) is None else f"{seconds:.0f} s",
            run["files_new"],
            run["articles"],
            run["quarantined"],
            run["error"] or "",
        )
        for run in runs
    ]
    return _rich_table(
        ["run", "status", "started (UTC)", "took", "new files", "articles", "quarantined", "error"], rows, title
    )


def _rich_table(columns: list[str], rows: list, title: str | None = None) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def _print_report(report: dict, wall_seconds: float) -> None:
    console.print(
        f"[bold]run {report['run_id']}[/] · pipeline {report['pipeline_version']} · "
        f"{report['files_new']} new of {report['files_seen']} files · {report['articles_new']} articles analysed"
    )
    console.print(_rich_table(["table", "rows"], sorted(report["row_counts"].items()), "published tables"))
    if report["discarded"]:
        console.print(
            "discarded (not articles by design): "
            + ", ".join(f"{reason} {count}" for reason, count in sorted(report["discarded"].items()))
        )
    if report["skipped_language"]:
        console.print(f"stored but not analysed (not English): {report['skipped_language']} articles")
    for run_id, paths in report["lost_parts"].items():
        console.print(
            f"[bold yellow]repaired:[/] run {run_id} lost {len(paths)} part(s) ({', '.join(paths)}); "
            "the files it had read were read again",
            soft_wrap=True,
        )
    quarantined = report["quarantined"]
    if quarantined:
        console.print(
            _rich_table(
                ["file", "record", "reason", "detail"],
                [(q["source_uri"], q["record_key"], q["reason_code"], q["detail"]) for q in quarantined],
                f"quarantined this run ({len(quarantined)})",
            )
        )
    else:
        console.print("quarantined this run: none")
    steps = report["step_seconds"]
    console.print(
        _rich_table(
            ["step", "seconds"],
            [(k, f"{v:.2f}") for k, v in steps.items()] + [("total (incl. Prefect start-up)", f"{wall_seconds:.2f}")],
            "time per step",
        )
    )
    console.print(f"[bold]example query[/]: {report['example_sql']}")
    console.print(_rich_table(report["example_columns"], report["example_rows"]))
    console.print(f'published: {report["database"]}  ·  query it with: broadsheet sql "SELECT * FROM v_quotes"')
    if report["report_page"]:
        console.print(f"run report: {report['report_page']}")
    if report["data_docs"]:
        console.print(f"Data Docs: {report['data_docs']}")
    for flag in report["drift"]:
        errors.print(f"[yellow]drift:[/] {escape(flag)}", soft_wrap=True, highlight=False)
    for problem in report["report_problems"]:
        errors.print(f"[yellow]report:[/] {escape(problem)}", soft_wrap=True, highlight=False)


def _print_failed_run_report(warehouse: Path, started_at: float) -> None:
    """Point at the failed run's HTML report, when the run got as far as writing one."""
    from flows.report import LATEST_REPORT, REPORTS_DIR

    latest = warehouse / REPORTS_DIR / LATEST_REPORT
    if latest.is_file() and latest.stat().st_mtime >= started_at:
        errors.print(f"run report: {latest.resolve()}", soft_wrap=True, highlight=False)
