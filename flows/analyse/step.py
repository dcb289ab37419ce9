"""The analyse step: the model and the extraction over the run's articles, written in parts as they come."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq
from rich.progress import MofNCompleteColumn, Progress

from flows.analyse.parallel import AnalysisWorkers, analyse_in_parallel, analyse_on_cluster, worker_count
from flows.run.faults import pause_point
from flows.run.scratch import QuarantinePart, RunScratch
from transforms.nlp.analyse import ArticleExtraction, to_tables
from transforms.records import quarantine_row
from transforms.schemas import QUARANTINE
from warehouse.lake import PART_GLOB, read_batches, work_dir, write_part, write_part_stream
from warehouse.run_entities import merged_entities

if TYPE_CHECKING:
    import distributed

# Articles analysed per written part: bounds memory however large the corpus is.
ANALYSE_BATCH_ARTICLES = 500
NLP_LANGUAGES = frozenset({"en"})
ANALYSED_COLUMNS = ["article_id", "body_text", "credits", "language", "duplicate_of", "source_uri", "record_key"]


def analyse(
    warehouse_dir: Path,
    run_id: str,
    pipeline_version: str,
    *,
    show_progress: bool = False,
    cluster: distributed.Client | None = None,
    workers: AnalysisWorkers | None = None,
) -> dict:
    """The model and the extraction over the run's articles, written in parts as they come.

    The model runs on ``workers`` started before the step, else on as many of this machine's cores as the
    articles are worth, or on the Dask cluster behind ``cluster``; either way the rows come back here.  Each
    part's entities go to scratch and are folded into the run's one row per entity at the end, on disk: the
    process does not grow with the run's entities.
    """
    work = work_dir(warehouse_dir, run_id)
    articles_file = work / "articles" / "part-00000.parquet"
    total = pq.ParquetFile(articles_file).metadata.num_rows
    counts = {"entity_mentions": 0, "quotes": 0, "numeric_claims": 0, "skipped_language": 0, "skipped_duplicate": 0}
    entity_parts = RunScratch.of(warehouse_dir, run_id).entity_parts
    failures: list[dict] = []
    now = datetime.now(UTC)

    def readable_articles() -> Iterator[dict]:
        for batch in read_batches(articles_file, ANALYSE_BATCH_ARTICLES, ANALYSED_COLUMNS):
            for row in batch.to_pylist():
                # The model reads English; other articles are stored as they are, not mangled by it.
                if row["language"] not in NLP_LANGUAGES:
                    counts["skipped_language"] += 1
                    progress.advance(bar)
                # A duplicate's body is its original's: the original's rows already say everything, and
                # every view and entity count leaves duplicates out, so the model would work for nothing.
                elif row["duplicate_of"] is not None:
                    counts["skipped_duplicate"] += 1
                    progress.advance(bar)
                else:
                    yield row

    def flush(extractions: list[ArticleExtraction], part: int) -> None:
        tables = to_tables(extractions, run_id=run_id, pipeline_version=pipeline_version)
        write_part(entity_parts, "entities", tables.pop("entities"), part)
        for name, table in tables.items():
            write_part(work, name, table, part)
            counts[name] += table.num_rows
        pause_point("analyse")

    # Nothing new to analyse: no "0% 0/0" bar.
    shown = show_progress and total > 0
    with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), disable=not shown) as progress:
        bar = progress.add_task("analysing articles", total=total)
        buffer: list[ArticleExtraction] = []
        part = 0
        if cluster is not None:
            extractions = analyse_on_cluster(readable_articles(), cluster, pipeline_version)
        elif workers is not None:
            extractions = workers.analyse(readable_articles())
        else:
            extractions = analyse_in_parallel(readable_articles(), worker_count(total))
        for extraction in extractions:
            progress.advance(bar)
            if extraction.failure is not None:
                failures.append(quarantine_row(extraction.failure, now, run_id, pipeline_version))
                continue
            buffer.append(extraction)
            if len(buffer) == ANALYSE_BATCH_ARTICLES:
                flush(buffer, part)
                buffer, part = [], part + 1
        if buffer or part == 0:
            flush(buffer, part)
    merged = merged_entities(sorted((entity_parts / "entities").glob(PART_GLOB)), entity_parts / "spill")
    written = write_part_stream(work, "entities", merged, 0)
    counts["entities"] = pq.ParquetFile(written).metadata.num_rows
    shutil.rmtree(entity_parts)
    write_part(work, "quarantine", pa.Table.from_pylist(failures, schema=QUARANTINE), QuarantinePart.ANALYSE)
    counts["quarantined"] = len(failures)
    return counts
