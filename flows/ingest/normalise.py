"""The normalise step: raw records → the run's articles (one version per id, duplicates marked), its files
manifest rows and more quarantine rows."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import pyarrow as pa
import pyarrow.parquet as pq

from flows.ingest.raw_copies import keep_quarantined_copy_of
from flows.run.scratch import STREAM_BATCH_ROWS, QuarantinePart, RunScratch
from flows.run.time_budget import BudgetExceeded, time_budget
from transforms.ids import printable_path, stable_id
from transforms.ingest.normalise import duplicates_of, normalise_record
from transforms.records import RawRecord, Rejection, error_line, quarantine_row
from transforms.schemas import ARTICLES, FILES, QUARANTINE
from warehouse.lake import Lake, committed_parts, conform, read_batches, work_dir, write_part, write_part_stream
from warehouse.manifest import committed_file_rows, latest_per_file, published_reads, run_started_at, superseded_files

# A safety net, not an expected cost: a record normalises in milliseconds.
NORMALISE_SECONDS_PER_RECORD = 30.0


def _normalised_record(record: RawRecord, source_name: str, modified_at: datetime) -> dict | Rejection:
    """``normalise_record``, or the reason it could not be made: never raises."""
    try:
        with time_budget(NORMALISE_SECONDS_PER_RECORD):
            return normalise_record(record, source_name=source_name, file_modified_at=modified_at)
    except BudgetExceeded as error:
        return Rejection(
            record.source_uri, record.record_key, "normalise", "normalise_timeout", f"normalising ran {error}"
        )
    except Exception as error:  # noqa: BLE001 - a bug met on one record must not stop the night's run
        return Rejection(record.source_uri, record.record_key, "normalise", "normalise_failed", error_line(error))


def normalise(warehouse_dir: Path, lake: Lake, run_id: str, pipeline_version: str, started_at: datetime) -> dict:
    """Raw records → the run's articles (duplicates marked), files manifest and more quarantine rows.

    An article this warehouse has never had is first seen at ``started_at``, the run's start.

    Streams in batches: articles go to a scratch file as they are normalised, and only their ids, body
    hashes and ranks stay in memory until a second pass keeps one version per id and marks duplicates.
    Two records with one id carry the same canonical URL: they are one article, and the newer wins
    (the later-modified file, then the later source_uri, then the later record in the file).
    """
    now = datetime.now(UTC)
    scratch = RunScratch.of(warehouse_dir, run_id)
    file_stats = json.loads(scratch.file_stats.read_text())
    files_by_uri = {file["source_uri"]: file for file in file_stats}
    lineage = {"run_id": run_id, "pipeline_version": pipeline_version}
    rejections: list[dict] = []
    articles_per_file: dict[str, int] = {}
    newest: dict[str, tuple[str, str, int]] = {}  # article_id → rank of the version kept
    body_hash_of: dict[str, str] = {}
    row_number = 0  # of the article rows written, in record order: a version's place for the second pass
    unmarked = scratch.unmarked_articles
    with pq.ParquetWriter(unmarked, ARTICLES) as writer:
        for batch in read_batches(scratch.raw_records, STREAM_BATCH_ROWS):
            articles = []
            for row in batch.to_pylist():
                for sequence in ("authors", "topics", "places"):
                    row[sequence] = tuple(row[sequence] or ())
                file = files_by_uri[row["source_uri"]]
                modified_at = datetime.fromisoformat(file["modified_at"])
                item = _normalised_record(RawRecord(**row), file["source_name"], modified_at)
                if isinstance(item, Rejection):
                    rejections.append(quarantine_row(item, now, run_id, pipeline_version))
                    continue
                # first_seen_at is known once the committed articles are read, in the second pass.
                articles.append({**item, "first_seen_at": started_at, **lineage})
                articles_per_file[item["source_uri"]] = articles_per_file.get(item["source_uri"], 0) + 1
                rank = (file["modified_at"], item["source_uri"], row_number)
                row_number += 1
                if rank > newest.get(item["article_id"], ("", "", -1)):
                    newest[item["article_id"]] = rank
                    body_hash_of[item["article_id"]] = item["content_sha256"]
            writer.write_table(conform("articles", pa.Table.from_pylist(articles, schema=ARTICLES)))
    file_rows = committed_file_rows(lake)
    superseded = superseded_files(
        latest_per_file(file_rows), {file["path"] for file in file_stats}, run_id, pipeline_version
    )
    committed = _committed_articles(lake, pa.concat_tables([file_rows, pa.Table.from_pylist(superseded, schema=FILES)]))
    duplicate_of = duplicates_of(sorted(body_hash_of.items()), committed.original_by_body)
    first_seen = {article_id: committed.first_seen.get(article_id, started_at) for article_id in newest}

    files_rows = list(superseded)
    for file in file_stats:
        produced = articles_per_file.get(file["source_uri"], 0)
        if not file["readable"]:
            status = "unreadable"  # discover does not count it as known: the next run tries again
        else:
            status = "parsed" if produced else ("empty" if file["size_bytes"] == 0 else "quarantined")
        if file["records"] and not produced:
            # Every record was rejected here, not at parse: the file joins quarantine/ all the same.
            keep_quarantined_copy_of(warehouse_dir, file)
        files_rows.append(
            {
                "file_id": stable_id("fil", file["source_uri"], file["sha256"], pipeline_version),
                "source_name": file["source_name"],
                "source_uri": file["source_uri"],
                "source_path": printable_path(file["path"]),
                "modified_at": datetime.fromisoformat(file["modified_at"]),
                "sha256": file["sha256"],
                "size_bytes": file["size_bytes"],
                "status": status,
                "article_count": produced,
                "run_id": run_id,
                "pipeline_version": pipeline_version,
            }
        )
    work = work_dir(warehouse_dir, run_id)
    kept = {article_id: rank[2] for article_id, rank in newest.items()}
    write_part_stream(work, "articles", _newest_versions_marked(unmarked, kept, duplicate_of, first_seen), 0)
    write_part(work, "files", pa.Table.from_pylist(files_rows, schema=FILES), 0)
    write_part(work, "quarantine", pa.Table.from_pylist(rejections, schema=QUARANTINE), QuarantinePart.NORMALISE)
    shutil.rmtree(scratch.folder)
    older_versions = sum(articles_per_file.values()) - len(newest)
    return {
        "articles": len(newest),
        "quarantined": len(rejections),
        "duplicates": len(duplicate_of),
        "discarded_versions": {"older_version_of_url": older_versions} if older_versions else {},
    }


def _newest_versions_marked(
    articles_file: Path, kept: dict[str, int], duplicate_of: dict[str, str], first_seen: dict[str, datetime]
) -> Iterator[pa.Table]:
    """The articles of the first pass, one version per id (the row ``kept`` names), with ``duplicate_of``
    and ``first_seen_at`` filled in."""
    row_number = 0
    for batch in read_batches(articles_file, STREAM_BATCH_ROWS):
        table = pa.Table.from_batches([batch])
        # article_id is the key, never null: its values are all str.
        ids = cast(list[str], table["article_id"].to_pylist())
        mask = [kept[article_id] == row_number + offset for offset, article_id in enumerate(ids)]
        row_number += len(ids)
        table = table.filter(pa.array(mask, pa.bool_()))
        ids = cast(list[str], table["article_id"].to_pylist())
        for column, values in (
            ("duplicate_of", pa.array([duplicate_of.get(i) for i in ids], pa.string())),
            ("first_seen_at", pa.array([first_seen[i] for i in ids], ARTICLES.field("first_seen_at").type)),
        ):
            table = table.set_column(table.schema.get_field_index(column), column, values)
        yield table


@dataclass(frozen=True)
class CommittedArticles:
    original_by_body: dict[str, str]  # content_sha256 → the published article that first had that body
    first_seen: dict[str, datetime]  # article_id → when the warehouse first loaded it, over every version


def _committed_articles(lake: Lake, file_rows: pa.Table) -> CommittedArticles:
    """What committed runs say about articles: the published originals' bodies, and when each id was first seen."""
    published = set(zip(*(published_reads(file_rows)[c].to_pylist() for c in ("source_uri", "run_id")), strict=True))
    original_by_body: dict[str, str] = {}
    first_seen: dict[str, datetime] = {}
    for part in committed_parts(lake, "articles"):
        parquet = pq.ParquetFile(part, filesystem=lake.fs)
        # Parts written before first_seen_at existed know it only through their run id.
        columns = [
            c
            for c in ("article_id", "content_sha256", "duplicate_of", "source_uri", "run_id", "first_seen_at")
            if c in parquet.schema_arrow.names
        ]
        table = parquet.read(columns=columns)
        seen = table["first_seen_at"].to_pylist() if "first_seen_at" in columns else [None] * table.num_rows
        rows = zip(*(table[c].to_pylist() for c in columns[:5]), seen, strict=True)
        for article_id, body_hash, duplicate_of, source_uri, run_id, seen_at in rows:
            if duplicate_of is None and (source_uri, run_id) in published:
                original_by_body.setdefault(body_hash, article_id)
            seen_at = seen_at or run_started_at(run_id)
            if article_id not in first_seen or seen_at < first_seen[article_id]:
                first_seen[article_id] = seen_at
    return CommittedArticles(original_by_body, first_seen)
