"""A run's entity rows, written per analysis part, merged into one row per entity by DuckDB.

Holding the run's entities in a dict until the analysis ends grew the flow's process with every
distinct entity (article-scoped people are new in every article); DuckDB folds the parts on disk
with a fixed memory limit instead, spilling beyond it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from transforms.schemas import ENTITIES
from warehouse.engine import MERGE_MEMORY_LIMIT, spilling_connection, sql_file_list

MERGE_BATCH_ROWS = 50_000


def merged_entities(parts: list[Path], spill_dir: Path) -> Iterator[pa.Table]:
    """One row per entity_id over ``parts``, in entity_id order, as tables of up to MERGE_BATCH_ROWS rows.

    The same as folding the parts' rows in order: name, label, scope and country code from the
    entity's first row, counts summed, aliases united and sorted.
    """
    if not parts:
        return
    spill_dir.mkdir(parents=True, exist_ok=True)
    files = sql_file_list(sorted(parts))
    # Parts are named part-NNNNN, so the file name orders them; the row number orders rows within one.
    sql = f"""
        SELECT entity_id,
               first(name ORDER BY filename, file_row_number) AS name,
               first(label ORDER BY filename, file_row_number) AS label,
               first(scope ORDER BY filename, file_row_number) AS scope,
               first(country_code ORDER BY filename, file_row_number) AS country_code,
               list_sort(list_distinct(flatten(list(aliases)))) AS aliases,
               sum(article_count)::BIGINT AS article_count,
               sum(mention_count)::BIGINT AS mention_count,
               min(first_seen) AS first_seen,
               max(last_seen) AS last_seen,
               -- Set at publish from the published mentions; NULL in a run's parts.
               first(gender) AS gender,
               first(gender_evidence) AS gender_evidence,
               first(run_id) AS run_id,
               first(pipeline_version) AS pipeline_version
        FROM read_parquet({files}, filename = true, file_row_number = true)
        GROUP BY entity_id
        ORDER BY entity_id
    """
    with spilling_connection(MERGE_MEMORY_LIMIT, spill_dir) as con:
        reader = con.sql(sql).to_arrow_reader(MERGE_BATCH_ROWS)
        for batch in reader:
            yield pa.Table.from_batches([batch]).select(ENTITIES.names)
