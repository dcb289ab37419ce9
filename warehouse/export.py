"""Export the published tables and views (not the lake) to Parquet, CSV or JSON Lines files.

One file per table or view, named after it, written by DuckDB's COPY from the published file opened
read-only. CSV has no list or struct type, so those columns are written as JSON text
(``["Jo Bloggs", "Sam Doe"]``, ``[{"name": "Kim Lee", "role": "editor"}]``); Parquet and JSON Lines keep
them as lists and records. Each file is written under a temporary name and renamed, so a reader never sees
half a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb

from warehouse.ddl import quote_ident, quote_literal
from warehouse.query import attached_read_only

# DuckDB type names that CSV cannot hold as such.
NESTED_TYPE_MARKERS = ("[]", "STRUCT(", "MAP(", "UNION(")


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


COPY_OPTIONS = {
    ExportFormat.parquet: "FORMAT parquet",
    ExportFormat.csv: "FORMAT csv, HEADER true",
    # DuckDB's JSON COPY writes one object per line.
    ExportFormat.jsonl: "FORMAT json",
}


class UnknownRelation(ValueError):
    """A table or view name the published warehouse does not have."""


class ExportTargetNotEmpty(FileExistsError):
    """The output folder holds files already, and overwriting was not asked for."""


@dataclass(frozen=True)
class ExportedFile:
    relation: str
    path: Path
    rows: int


def published_relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables, then the views, of the attached warehouse, by name."""
    tables = [
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name"
        ).fetchall()
    ]
    views = [
        name
        for (name,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database() "
            "ORDER BY view_name"
        ).fetchall()
    ]
    return tables + views


def export_relations(
    db_path: Path,
    names: list[str] | None,
    export_format: ExportFormat,
    output_dir: Path,
    *,
    overwrite: bool = False,
) -> list[ExportedFile]:
    """Write each named table or view (every one when ``names`` is None) to ``output_dir/<name>.<format>``."""
    output_dir = Path(output_dir)
    if output_dir.exists() and not output_dir.is_dir():
        raise ExportTargetNotEmpty(f"{output_dir} exists and is not a folder")
    if output_dir.is_dir() and any(output_dir.iterdir()) and not overwrite:
        raise ExportTargetNotEmpty(f"{output_dir} is not empty; pass --overwrite to replace files in it")
    with attached_read_only(db_path, lock_down=False) as con:
        available = published_relations(con)
        wanted = available if names is None else names
        unknown = [name for name in wanted if name not in available]
        if unknown:
            raise UnknownRelation(
                f"no table or view named {', '.join(unknown)} in {db_path}; there are: {', '.join(available)}"
            )
        output_dir.mkdir(parents=True, exist_ok=True)
        return [_export_one(con, name, export_format, output_dir) for name in wanted]


def _export_one(
    con: duckdb.DuckDBPyConnection, name: str, export_format: ExportFormat, output_dir: Path
) -> ExportedFile:
    target = output_dir / f"{name}.{export_format.value}"
    partial = output_dir / f".{name}.{export_format.value}.partial"
    select = f"SELECT {_select_list(con, name, export_format)} FROM {quote_ident(name)}"
    con.execute(f"COPY ({select}) TO {quote_literal(str(partial))} ({COPY_OPTIONS[export_format]})")
    os.replace(partial, target)
    [(rows,)] = con.execute(f"SELECT count(*) FROM {quote_ident(name)}").fetchall()
    return ExportedFile(relation=name, path=target, rows=int(rows))


def _select_list(con: duckdb.DuckDBPyConnection, name: str, export_format: ExportFormat) -> str:
    """Every column; in CSV a list, struct or map column as its JSON text."""
    described = con.execute(f"DESCRIBE SELECT * FROM {quote_ident(name)}").fetchall()
    columns = []
    for column, column_type, *_ in described:
        nested = any(marker in column_type for marker in NESTED_TYPE_MARKERS)
        if export_format is ExportFormat.csv and nested:
            columns.append(f"to_json({quote_ident(column)}) AS {quote_ident(column)}")
        else:
            columns.append(quote_ident(column))
    return ", ".join(columns)
