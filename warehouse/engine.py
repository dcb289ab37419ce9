"""The DuckDB connections the pipeline opens for its own work, and how it names Parquet files in SQL.

Each use has its memory budget here, side by side: DuckDB's default is 80 % of RAM, which its sorts and
window functions would take as the lake grows; beyond its budget a connection spills to a scratch folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

from warehouse.ddl import quote_literal

# Building the published file: enough for a 100k-article lake (peak 610 MiB); 256 MB is not, because sorting
# rows with their bodies does not spill far enough (bench/README.md).
PUBLISH_MEMORY_LIMIT = "512MB"
# Counting a run's keys for the uniqueness checks: flat however large the run.
KEY_COUNT_MEMORY_LIMIT = "512MB"
# Folding a run's entities into one row each: enough for a 100k-article run in memory.
MERGE_MEMORY_LIMIT = "256MB"


def spilling_connection(memory_limit: str, spill_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that holds at most ``memory_limit`` and spills the rest to ``spill_dir``."""
    return duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": str(spill_dir)})


def sql_file_list(paths: Iterable[str | Path]) -> str:
    """A SQL list literal of file paths, as ``read_parquet`` takes it."""
    return "[" + ", ".join(quote_literal(str(path)) for path in paths) + "]"
