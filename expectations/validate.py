"""Validate a run's table frames against the per-table suites.

The caller reads the staged Parquet and hands over pandas frames; this module
never touches files.  GX runs in an in-memory (ephemeral) context created once
per process, because importing GX and building a context costs seconds.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import great_expectations as gx  # expectations/__init__.py has set GX's env vars by now
import pandas as pd
import pyarrow as pa
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from expectations.suites import ARTICLE_EXISTS_COLUMN, BLOCKING, build_suites, severity, span_ok_column
from transforms.schemas import ALL_TABLES, SPAN_COLUMNS, VALIDATION_RESULTS, key_column

DETAIL_SAMPLE = 5  # unexpected values/keys quoted in `detail`: enough to find the rows, short enough to read
DETAIL_MAX_CHARS = 500  # a sample of long body texts must not bloat validation_results
DATASOURCE_NAME = "broadsheet"


@dataclass(frozen=True)
class ValidationOutcome:
    results: pa.Table  # conforms to transforms.schemas.VALIDATION_RESULTS
    blocking_failures: list[str]  # one human-readable line per failed blocking expectation

    @property
    def passed(self) -> bool:
        return not self.blocking_failures


@dataclass(frozen=True)
class TableSlice:
    """Part of one table's rows, validated on its own; ``bodies`` holds the article bodies its spans point into."""

    table: str
    frame: pd.DataFrame
    bodies: Mapping[str, str]


def validate_tables(
    frames: dict[str, pd.DataFrame], *, run_id: str, pipeline_version: str, validated_at: datetime
) -> ValidationOutcome:
    """Run every present table's suite; tables absent from ``frames`` are not checked.

    Span tables are checked against ``frames["articles"]``; when it is absent their
    rows cannot point at a known article and fail ``_article_exists``.
    """
    unknown = sorted(set(frames) - set(ALL_TABLES))
    if unknown:
        raise ValueError(f"no contract for tables {unknown}")
    bodies = _bodies(frames.get("articles"))
    slices = [TableSlice(table, frames[table], bodies) for table in ALL_TABLES if table in frames]
    return validate_slices(slices, run_id=run_id, pipeline_version=pipeline_version, validated_at=validated_at)


def validate_slices(
    slices: Iterable[TableSlice],
    *,
    run_id: str,
    pipeline_version: str,
    validated_at: datetime,
    repeated_keys: Mapping[str, int] | None = None,
) -> ValidationOutcome:
    """Every slice through its table's suite, one at a time, and one result per expectation and table.

    A run's tables arrive in slices so that memory holds one slice, not the run.  Per expectation the
    slices' counts add up; ``mostly`` is judged on the totals, and nothing else passes unless every
    slice passed.  A key repeated in two slices is invisible to each slice's uniqueness check, so
    ``repeated_keys`` (table → rows whose key occurs more than once in the whole table, counted by the
    caller over all slices) decides that check.
    """
    if validated_at.tzinfo is None:
        raise ValueError("validated_at must be timezone-aware")
    suites, batch_definitions = _gx()
    merged: dict[str, _MergedResult] = {}
    for piece in slices:
        if piece.table not in ALL_TABLES:
            raise ValueError(f"no contract for table {piece.table!r}")
        frame = _as_validated(piece.table, piece.frame, piece.bodies)
        key = key_column(ALL_TABLES[piece.table])
        batch = batch_definitions[piece.table].get_batch(batch_parameters={"dataframe": frame})
        suite_result = batch.validate(suites[piece.table], result_format=_result_format(key, frame))
        for result in suite_result.results:
            row = _result_row(piece.table, key, len(frame), result, run_id, pipeline_version, validated_at)
            current = merged.get(row["result_id"])
            if current is None:
                merged[row["result_id"]] = _MergedResult.first(row, result)
            else:
                current.add(row, result)
    for merged_result in merged.values():
        if merged_result.row["expectation"] == "expect_column_values_to_be_unique":
            merged_result.judge_uniqueness((repeated_keys or {}).get(merged_result.row["table_name"]))
    rows = [m.final_row() for m in merged.values()]
    table_order = {table: position for position, table in enumerate(ALL_TABLES)}
    rows.sort(key=lambda r: (table_order[r["table_name"]], *_row_order(r)))
    failures = [_failure_line(r) for r in rows if r["severity"] == BLOCKING and not r["success"]]
    return ValidationOutcome(pa.Table.from_pylist(rows, schema=VALIDATION_RESULTS), failures)


@dataclass
class _MergedResult:
    """One expectation's result over a table's slices so far."""

    row: dict[str, Any]
    mostly: float | None
    checked: int  # values the expectation judged (present ones; all of them for not-null)
    every_slice_passed: bool

    @classmethod
    def first(cls, row: dict[str, Any], result: Any) -> _MergedResult:
        return cls(dict(row), result.expectation_config.kwargs.get("mostly"), _checked(result), row["success"])

    def add(self, row: dict[str, Any], result: Any) -> None:
        self.row["row_count"] += row["row_count"]
        if self.row["unexpected_count"] is not None and row["unexpected_count"] is not None:
            self.row["unexpected_count"] += row["unexpected_count"]
        self.checked += _checked(result)
        if not row["success"]:
            if self.every_slice_passed or (row["detail"] or "").startswith("error:"):
                self.row["detail"] = row["detail"]  # the first failing slice's sample, or the error
            self.every_slice_passed = False

    def judge_uniqueness(self, repeated_rows: int | None) -> None:
        if repeated_rows is None:
            return
        if repeated_rows and self.every_slice_passed:
            self.row["detail"] = f"{repeated_rows} rows share a key with a row in another part"
        self.row["unexpected_count"] = repeated_rows
        self.every_slice_passed = self.every_slice_passed and repeated_rows == 0

    def final_row(self) -> dict[str, Any]:
        row = self.row
        errored = (row["detail"] or "").startswith("error:")
        if self.mostly is not None and not errored and row["unexpected_count"] is not None:
            share_ok = 1 - row["unexpected_count"] / self.checked if self.checked else 1.0
            row["success"] = share_ok >= self.mostly
        else:
            row["success"] = self.every_slice_passed
        if row["success"]:
            row["detail"] = None
        return row


def _checked(result: Any) -> int:
    counts = result.result or {}
    return (counts.get("element_count") or 0) - (counts.get("missing_count") or 0)


_GX_LOCK = threading.Lock()
_GX_STATE: tuple[dict[str, gx.ExpectationSuite], dict[str, BatchDefinition]] | None = None


def _gx() -> tuple[dict[str, gx.ExpectationSuite], dict[str, BatchDefinition]]:
    """Suites and one whole-dataframe batch definition per table, built once per process."""
    global _GX_STATE
    with _GX_LOCK:  # Prefect may call from several threads; build the context only once
        if _GX_STATE is None:
            datasource = in_memory_context().data_sources.add_pandas(DATASOURCE_NAME)
            batch_definitions = {
                table: datasource.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
                for table in ALL_TABLES
            }
            _GX_STATE = (build_suites(), batch_definitions)
        return _GX_STATE


def in_memory_context() -> Any:
    """An ephemeral GX context: in-memory stores and no temp docs site, so nothing is written anywhere unless a
    caller adds a site (expectations.data_docs); no progress bars (tqdm bars per table flood task logs)."""
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _bodies(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or not {"article_id", "body_text"} <= set(articles.columns):
        return {}
    # A null article_id must not make a child row with a null article_id look "found".
    return {a: b for a, b in zip(articles["article_id"], articles["body_text"], strict=True) if isinstance(a, str)}


def _as_validated(table: str, frame: pd.DataFrame, bodies: Mapping[str, str]) -> pd.DataFrame:
    if frame.shape == (0, 0):  # a bare pd.DataFrame() stands for "no rows" too
        frame = ALL_TABLES[table].empty_table().to_pandas()
    if table not in SPAN_COLUMNS:
        return frame
    out = frame.copy(deep=False)  # new columns only; the caller's frame stays untouched
    article_ids = _column(out, "article_id")
    out[ARTICLE_EXISTS_COLUMN] = pd.Series([a in bodies for a in article_ids], index=out.index, dtype=bool)
    for text, start, end in SPAN_COLUMNS[table]:
        ok = [
            _span_ok(bodies.get(a), t, s, e)
            for a, t, s, e in zip(article_ids, _column(out, text), _column(out, start), _column(out, end), strict=True)
        ]
        out[span_ok_column(text)] = pd.Series(ok, index=out.index, dtype=bool)
    return out


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    # A missing column already fails expect_table_columns_to_match_set; treat it as all-null here.
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _span_ok(body: str | None, text: Any, start: Any, end: Any) -> bool:
    if pd.isna(start):  # no span recorded (e.g. a quote without a cue)
        return True
    if body is None or pd.isna(end) or pd.isna(text):  # unknown article or half a span
        return False
    # Nullable int columns arrive as float64 in pandas when they hold nulls.
    return body[int(start) : int(end)] == text


def _result_format(key: str, frame: pd.DataFrame) -> dict[str, Any]:
    result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": DETAIL_SAMPLE}
    if key in frame.columns:  # GX errors on an index column the frame lacks
        result_format["unexpected_index_column_names"] = [key]
    return result_format


def _result_row(
    table: str, key: str, row_count: int, result: Any, run_id: str, pipeline_version: str, validated_at: datetime
) -> dict[str, Any]:
    config = result.expectation_config
    column = _column_name(_check_kwargs(config))
    error = _exception_message(result.exception_info)
    success = bool(result.success) and error is None
    return {
        "result_id": result_id(run_id, table, config),
        "table_name": table,
        "expectation": config.type,
        "column_name": column,
        "severity": severity(config.meta),
        "success": success,
        "unexpected_count": result.result.get("unexpected_count"),
        "row_count": row_count,
        "detail": None if success else _detail(result.result, key, column, error),
        "validated_at": validated_at,
        "run_id": run_id,
        "pipeline_version": pipeline_version,
    }


def result_id(run_id: str, table: str, config: ExpectationConfiguration) -> str:
    """The key of one expectation's result in one run: its table, type and arguments (Data Docs find an
    expectation's configuration by it)."""
    kwargs = _check_kwargs(config)
    identity = "|".join(
        [run_id, table, config.type, _column_name(kwargs) or "", json.dumps(kwargs, sort_keys=True, default=str)]
    )
    return hashlib.sha256(identity.encode()).hexdigest()


def _check_kwargs(config: ExpectationConfiguration) -> dict[str, Any]:
    return {k: v for k, v in config.kwargs.items() if k != "batch_id"}  # batch_id names our asset, not the check


def _column_name(kwargs: dict[str, Any]) -> str | None:
    if "column" in kwargs:
        return kwargs["column"]
    if "column_A" in kwargs:
        return f"{kwargs['column_A']},{kwargs['column_B']}"
    return None


def _exception_message(exception_info: dict[str, Any] | None) -> str | None:
    # GX reports either one {"raised_exception": ...} dict or one such dict per failed metric.
    infos = [exception_info or {}]
    if not any(k in infos[0] for k in ("raised_exception", "exception_message")):
        infos = [v for v in infos[0].values() if isinstance(v, dict)]
    for info in infos:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "GX raised an exception")
    return None


def _detail(result: dict[str, Any], key: str, column: str | None, error: str | None) -> str:
    if error is not None:
        text = f"error: {error}"
    elif "partial_unexpected_list" in result:
        parts = []
        # Derived columns only ever hold False, so their values say nothing; the keys do.
        if not (column or "").startswith("_"):
            parts.append("values: " + _sample(result["partial_unexpected_list"]))
        if result.get("partial_unexpected_index_list") and column != key:
            parts.append(f"{key}: " + _sample([row.get(key) for row in result["partial_unexpected_index_list"]]))
        text = "; ".join(parts)
    else:  # table-level expectations describe the mismatch themselves
        text = json.dumps(result.get("details", result.get("observed_value")), default=str, sort_keys=True)
    return text[:DETAIL_MAX_CHARS]


def _sample(values: list[Any]) -> str:
    return ", ".join(repr(_plain(v)) for v in values[:DETAIL_SAMPLE])


def _plain(value: Any) -> Any:
    # numpy scalars repr as np.float64(2.0); pair expectations report (A, B) tuples of them.
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value.item() if hasattr(value, "item") else value


def _row_order(row: dict[str, Any]) -> tuple[bool, str, str, str]:
    # GX returns results in no documented order; blocking first, then by check, for readable output.
    return row["severity"] != BLOCKING, row["expectation"], row["column_name"] or "", row["result_id"]


def _failure_line(row: dict[str, Any]) -> str:
    check = f"{row['expectation']}({row['column_name']})" if row["column_name"] else row["expectation"]
    if row["unexpected_count"] is not None and not row["detail"].startswith("error:"):
        return f"{row['table_name']}: {check} failed for {row['unexpected_count']} of {row['row_count']} rows"
    return f"{row['table_name']}: {check} failed: {row['detail']}"
