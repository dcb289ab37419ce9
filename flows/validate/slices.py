"""A run's staged Parquet, read as slices for validation: memory holds one slice, never the run.

A slice is consecutive row groups of a table's part files, up to ``SLICE_ROWS`` rows.  The span tables'
checks need the bodies of the articles their rows point into; those are looked up through an index of
article id → row group and read only for the slice at hand (analysis writes its parts in article order,
so a slice's articles sit in one or two row groups).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import cast

import pyarrow as pa
import pyarrow.parquet as pq

from expectations.validate import TableSlice
from transforms.schemas import ALL_TABLES, SPAN_COLUMNS, key_column
from warehouse import lake
from warehouse.ddl import quote_ident
from warehouse.engine import KEY_COUNT_MEMORY_LIMIT, spilling_connection, sql_file_list

# Rows validated at once: few GX calls for a normal night, bounded memory for a huge one (20,000
# articles with their bodies are ~60 MB in pandas).
SLICE_ROWS = 20_000


class ArticleBodies:
    """Article bodies by id, read a row group at a time from the run's articles parts."""

    def __init__(self, article_parts: Iterable[Path]) -> None:
        self._location: dict[str, tuple[Path, int]] = {}
        for path in article_parts:
            parquet = pq.ParquetFile(path)
            for group in range(parquet.num_row_groups):
                # article_id is the key, never null: its values are all str.
                ids = cast(list[str], parquet.read_row_group(group, columns=["article_id"])["article_id"].to_pylist())
                for article_id in ids:
                    self._location[article_id] = (path, group)
        self._loaded: dict[tuple[Path, int], dict[str, str]] = {}

    def for_ids(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Bodies of those ids that are articles of the run; unknown ids are simply absent."""
        wanted = {self._location[a] for a in set(article_ids) if a in self._location}
        # Keep what this slice needs (often the next slice's too), drop the rest.
        self._loaded = {location: self._loaded.get(location) or _read_bodies(*location) for location in wanted}
        return {article_id: body for bodies in self._loaded.values() for article_id, body in bodies.items()}


def table_slices(staged: dict[str, list[Path]]) -> Iterator[TableSlice]:
    """Every staged table's rows, slice by slice in contract order; an empty table as one empty slice."""
    bodies = ArticleBodies(staged.get("articles", []))
    for table in ALL_TABLES:
        parts = staged.get(table)
        if not parts:
            continue
        rows = 0
        for groups in _batched_row_groups(table, parts):
            frame = pa.concat_tables(groups).to_pandas()
            rows += len(frame)
            span_bodies = bodies.for_ids(frame["article_id"].dropna()) if table in SPAN_COLUMNS else {}
            yield TableSlice(table, frame, span_bodies)
        if not rows:
            yield TableSlice(table, ALL_TABLES[table].empty_table().to_pandas(), {})


def _batched_row_groups(table: str, parts: list[Path]) -> Iterator[list[pa.Table]]:
    """Consecutive row groups joined up to SLICE_ROWS: each GX validation has a fixed cost (~0.1 s a suite)."""
    batch: list[pa.Table] = []
    rows = 0
    for path in parts:
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            rows_here = lake.conform(table, parquet.read_row_group(group))
            if not rows_here.num_rows:
                continue
            batch.append(rows_here)
            rows += rows_here.num_rows
            if rows >= SLICE_ROWS:
                yield batch
                batch, rows = [], 0
    if batch:
        yield batch


def repeated_keys(staged: dict[str, list[Path]], spill_dir: Path) -> dict[str, int]:
    """Per table, the rows whose key occurs more than once across all its parts."""
    spill_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    with spilling_connection(KEY_COUNT_MEMORY_LIMIT, spill_dir) as con:
        for table, parts in staged.items():
            if not parts:
                continue
            key = quote_ident(key_column(ALL_TABLES[table]))
            row = con.execute(
                f"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {_parquet_source(parts)} "
                f"GROUP BY {key} HAVING count(*) > 1)"
            ).fetchone()
            counts[table] = int(row[0]) if row else 0
    return counts


def first_key_collision(staged: dict[str, list[Path]], spill_dir: Path) -> str | None:
    """One line naming the first repeated key (contract order, then key order) and the files its rows came from.

    A repeated article id makes thousands of span checks fail after it (a child's span is checked
    against one of the two bodies); this line is the cause to show instead.
    """
    spill_dir.mkdir(parents=True, exist_ok=True)
    article_parts = staged.get("articles", [])
    with spilling_connection(KEY_COUNT_MEMORY_LIMIT, spill_dir) as con:
        for table in ALL_TABLES:
            parts = staged.get(table)
            if not parts:
                continue
            schema = ALL_TABLES[table]
            key_name = key_column(schema)
            key = quote_ident(key_name)
            rows = _parquet_source(parts)
            found = con.execute(
                f"SELECT {key} FROM {rows} GROUP BY {key} HAVING count(*) > 1 ORDER BY {key} LIMIT 1"
            ).fetchone()
            if found is None:
                continue
            if "source_uri" in schema.names:
                record = "record_key" if "record_key" in schema.names else "''"
                origins_sql = (
                    f"SELECT source_uri || coalesce(' [' || nullif({record}, '') || ']', '') FROM {rows} "
                    f"WHERE {key} = ?"
                )
            elif "article_id" in schema.names and article_parts:
                origins_sql = (
                    f"SELECT coalesce(a.source_uri, 'article ' || c.article_id) FROM {rows} AS c "
                    f"LEFT JOIN {_parquet_source(article_parts)} AS a ON a.article_id = c.article_id "
                    f"WHERE c.{key} = ?"
                )
            else:
                origins_sql = f"SELECT 'run ' || run_id FROM {rows} WHERE {key} = ?"
            origins = sorted({origin for (origin,) in con.execute(origins_sql, [found[0]]).fetchall()})
            return f"{table}.{key_name} {found[0]!r} is produced more than once, from {' and '.join(origins)}"
    return None


def _parquet_source(parts: list[Path]) -> str:
    return f"read_parquet({sql_file_list(parts)}, union_by_name = true)"


def _read_bodies(path: Path, group: int) -> dict[str, str]:
    table = pq.ParquetFile(path).read_row_group(group, columns=["article_id", "body_text"])
    # Neither column is nullable in the contract: the values are all str.
    ids, bodies = cast(list[str], table["article_id"].to_pylist()), cast(list[str], table["body_text"].to_pylist())
    return dict(zip(ids, bodies, strict=True))
